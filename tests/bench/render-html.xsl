<?xml version="1.0" encoding="UTF-8"?>
<!--
  render-html.xsl - for tests/bench/render-bench.sh: a collaboration as the
  HTML a user would give WeasyPrint to get what `ansvar render` makes: the
  complete document (title block, purpose, one charter per role on its own
  page, governance, questions, history; page numbers "Sida n av m",
  bookmarks from the headings, links from role references) or, with the
  parameter role, that role's handout with its acknowledgement.  Labels
  come from the default templates' i18n files.  Not the diagram: WeasyPrint
  has nothing to draw it with.

  Run with xsltproc, the string parameter i18n naming the language's file
  (templates/i18n/sv.xml) and, for a handout, role naming the role.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <xsl:param name="i18n"/>
  <xsl:param name="role" select="''"/>

  <xsl:variable name="labels" select="document($i18n)/i18n"/>
  <xsl:variable name="lang" select="$labels/@xml:lang"/>
  <xsl:key name="role" match="role" use="@id"/>
  <xsl:key name="party" match="party" use="@id"/>

  <xsl:template name="label">
    <xsl:param name="key"/>
    <xsl:value-of select="$labels/label[@key = $key]"/>
  </xsl:template>

  <xsl:template match="/collaboration">
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <title>
          <xsl:if test="$role != ''">
            <xsl:value-of select="normalize-space(key('role', $role)/name)"/>
            <xsl:text> – </xsl:text>
          </xsl:if>
          <xsl:value-of select="normalize-space(title)"/>
        </title>
        <meta name="author" content="{normalize-space(issuer)}"/>
        <meta name="description" content="{normalize-space(subtitle)}"/>
        <style>
          <xsl:text>
@page { size: A4; margin: 27mm 25mm 29mm 25mm;
  @top-left { content: "</xsl:text><xsl:value-of select="normalize-space(title)"/><xsl:text>"; font-size: 7.5pt; color: #555; }
  @bottom-left { content: "</xsl:text>
          <xsl:call-template name="label"><xsl:with-param name="key" select="'stamp-decided'"/></xsl:call-template>
          <xsl:text>"; font-size: 7.5pt; color: #555; }
  @bottom-right { content: "</xsl:text>
          <xsl:value-of select="substring-before($labels/label[@key = 'page'], '{page}')"/>
          <xsl:text>" counter(page) "</xsl:text>
          <xsl:value-of select="substring-before(substring-after($labels/label[@key = 'page'], '{page}'), '{pages}')"/>
          <xsl:text>" counter(pages); font-size: 7.5pt; color: #555; } }
body { font-family: "Open Sans", sans-serif; font-size: 9.5pt; line-height: 1.35; hyphens: auto; color: #222; }
h1 { font-size: 22pt; font-weight: 600; margin: 0 0 4mm; }
h2 { font-size: 15pt; font-weight: 600; margin: 8mm 0 3mm; }
h2.role { font-size: 18pt; border-top: 2pt solid #009e73; padding-top: 3mm; }
h3 { font-size: 10.5pt; font-weight: 600; color: #1f4e79; margin: 5mm 0 1.5mm; page-break-after: avoid; }
.charter { page-break-before: always; }
.summary { font-size: 11pt; }
ul { margin: 0; padding-left: 5mm; }
li { margin: 0.8mm 0; }
table { border-collapse: collapse; width: 100%; }
th { text-align: left; font-size: 7.5pt; font-weight: normal; color: #555; border-bottom: 0.6pt solid #222; }
td { padding: 1.2mm 2mm; border-bottom: 0.4pt solid #bbb; vertical-align: top; }
td.name { font-weight: 600; hyphens: none; }
dl.relations { display: grid; grid-template-columns: 40% 60%; }
dt { color: #555; }
a { color: #1f4e79; text-decoration: none; }
.sign { margin-top: 12mm; display: flex; gap: 8mm; }
.sign div { flex: 1; border-top: 0.6pt solid #222; padding-top: 1mm; font-size: 7.5pt; color: #555; }
</xsl:text>
        </style>
      </head>
      <body>
        <xsl:choose>
          <xsl:when test="$role != ''">
            <xsl:apply-templates select="key('role', $role)" mode="handout"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="document"/>
          </xsl:otherwise>
        </xsl:choose>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="document">
    <h1><xsl:value-of select="normalize-space(title)"/></h1>
    <p class="summary"><xsl:value-of select="normalize-space(subtitle)"/></p>
    <p><xsl:value-of select="normalize-space(issuer)"/></p>
    <xsl:for-each select="history/decided">
      <p><xsl:value-of select="@date"/>, <xsl:value-of select="@by"/></p>
    </xsl:for-each>
    <xsl:for-each select="purpose">
      <h2 id="_purpose"><xsl:call-template name="label"><xsl:with-param name="key" select="'purpose'"/></xsl:call-template></h2>
      <xsl:apply-templates/>
    </xsl:for-each>
    <xsl:for-each select="role">
      <section class="charter" id="{@id}">
        <h2 class="role"><xsl:value-of select="normalize-space(name)"/></h2>
        <xsl:apply-templates select="." mode="body"/>
      </section>
    </xsl:for-each>
    <xsl:for-each select="governance">
      <h2 id="_governance" class="charter"><xsl:call-template name="label"><xsl:with-param name="key" select="'governance'"/></xsl:call-template></h2>
      <xsl:apply-templates/>
    </xsl:for-each>
    <xsl:for-each select="questions">
      <h2 id="_questions"><xsl:call-template name="label"><xsl:with-param name="key" select="'questions'"/></xsl:call-template></h2>
      <ul><xsl:apply-templates/></ul>
    </xsl:for-each>
    <xsl:for-each select="history">
      <h2 id="_history"><xsl:call-template name="label"><xsl:with-param name="key" select="'history'"/></xsl:call-template></h2>
      <table>
        <tr>
          <th><xsl:call-template name="label"><xsl:with-param name="key" select="'history-date'"/></xsl:call-template></th>
          <th><xsl:call-template name="label"><xsl:with-param name="key" select="'history-by'"/></xsl:call-template></th>
          <th><xsl:call-template name="label"><xsl:with-param name="key" select="'history-change'"/></xsl:call-template></th>
        </tr>
        <xsl:for-each select="decided | revised">
          <tr>
            <td><xsl:value-of select="@date"/></td>
            <td><xsl:value-of select="@by"/></td>
            <td>
              <xsl:choose>
                <xsl:when test="self::decided"><xsl:call-template name="label"><xsl:with-param name="key" select="'history-decided'"/></xsl:call-template></xsl:when>
                <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
              </xsl:choose>
            </td>
          </tr>
        </xsl:for-each>
      </table>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="role" mode="handout">
    <p><xsl:value-of select="normalize-space(/collaboration/title)"/> · <xsl:value-of select="normalize-space(/collaboration/subtitle)"/></p>
    <h1><xsl:value-of select="normalize-space(name)"/></h1>
    <xsl:apply-templates select="." mode="body"/>
    <h3><xsl:call-template name="label"><xsl:with-param name="key" select="'acknowledgement'"/></xsl:call-template></h3>
    <p>
      <xsl:value-of select="substring-before($labels/label[@key = 'acknowledgement-text'], '{role}')"/>
      <strong><xsl:value-of select="normalize-space(name)"/></strong>
      <xsl:value-of select="substring-after($labels/label[@key = 'acknowledgement-text'], '{role}')"/>
    </p>
    <div class="sign">
      <div><xsl:call-template name="label"><xsl:with-param name="key" select="'signature-date'"/></xsl:call-template></div>
      <div><xsl:call-template name="label"><xsl:with-param name="key" select="'signature'"/></xsl:call-template></div>
      <div><xsl:call-template name="label"><xsl:with-param name="key" select="'signature-name'"/></xsl:call-template></div>
    </div>
  </xsl:template>

  <!-- Summary, the four sections, relations, holders. -->
  <xsl:template match="role" mode="body">
    <xsl:for-each select="summary">
      <p class="summary"><xsl:apply-templates/></p>
    </xsl:for-each>
    <xsl:for-each select="responsibilities | expectations | authority | latitude">
      <h3><xsl:call-template name="label"><xsl:with-param name="key" select="local-name()"/></xsl:call-template></h3>
      <xsl:if test="item"><ul><xsl:apply-templates select="item"/></ul></xsl:if>
      <xsl:apply-templates select="p"/>
    </xsl:for-each>
    <xsl:variable name="id" select="@id"/>
    <xsl:if test="reports-to | member-of | advises | supports | escalates-to | //role[*/@role = $id]">
      <h3><xsl:call-template name="label"><xsl:with-param name="key" select="'relations'"/></xsl:call-template></h3>
      <dl class="relations">
        <xsl:for-each select="reports-to | member-of | advises | supports | escalates-to">
          <dt><xsl:call-template name="label"><xsl:with-param name="key" select="local-name()"/></xsl:call-template></dt>
          <dd><a href="#{@role}"><xsl:value-of select="normalize-space(key('role', @role)/name)"/></a></dd>
        </xsl:for-each>
        <xsl:for-each select="//role/reports-to[@role = $id]">
          <dt><xsl:call-template name="label"><xsl:with-param name="key" select="'reported-to-by'"/></xsl:call-template></dt>
          <dd><a href="#{../@id}"><xsl:value-of select="normalize-space(../name)"/></a></dd>
        </xsl:for-each>
      </dl>
    </xsl:if>
    <xsl:if test="holder">
      <h3><xsl:call-template name="label"><xsl:with-param name="key" select="'holders'"/></xsl:call-template></h3>
      <table>
        <tr>
          <th><xsl:call-template name="label"><xsl:with-param name="key" select="'holder-name'"/></xsl:call-template></th>
          <th><xsl:call-template name="label"><xsl:with-param name="key" select="'holder-title'"/></xsl:call-template></th>
          <th><xsl:call-template name="label"><xsl:with-param name="key" select="'holder-party'"/></xsl:call-template></th>
        </tr>
        <xsl:for-each select="holder">
          <tr>
            <td class="name" style="border-left: 2.5pt solid {key('party', @party)/@colour}">
              <xsl:value-of select="normalize-space(.)"/>
              <xsl:if test="normalize-space(.) = ''"><xsl:call-template name="label"><xsl:with-param name="key" select="'holder-vacant'"/></xsl:call-template></xsl:if>
            </td>
            <td><xsl:value-of select="@title"/></td>
            <td><xsl:value-of select="key('party', @party)/@name"/></td>
          </tr>
        </xsl:for-each>
      </table>
    </xsl:if>
  </xsl:template>

  <xsl:template match="item"><li><xsl:apply-templates/></li></xsl:template>
  <xsl:template match="p"><p><xsl:apply-templates/></p></xsl:template>
  <xsl:template match="em"><em><xsl:apply-templates/></em></xsl:template>
  <xsl:template match="strong"><strong><xsl:apply-templates/></strong></xsl:template>
  <xsl:template match="link"><a href="{@href}"><xsl:apply-templates/></a> (<xsl:value-of select="@href"/>)</xsl:template>
  <xsl:template match="role-ref">
    <xsl:choose>
      <xsl:when test="$role = ''"><a href="#{@role}"><xsl:value-of select="normalize-space(key('role', @role)/name)"/></a></xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space(key('role', @role)/name)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
