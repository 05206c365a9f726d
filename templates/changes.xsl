<?xml version="1.0" encoding="UTF-8"?>
<!--
  changes.xsl - the complete document's list of what changed since an old
  version ("Ändringar sedan 27 maj 2013"), from the ch:changes element and
  the ch:status marks the C side adds for render with changes-since
  (src/changes.h says what they hold).  Rows: new roles, changed roles
  (what changed in each, with the text of removed items), removed roles,
  and the other parts (the title page's texts, purpose, governance,
  questions).  Without ch:changes nothing is written.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:ch="urn:ansvar:changes"
    exclude-result-prefixes="ch">

  <xsl:variable name="changes" select="/collaboration/ch:changes"/>

  <xsl:template name="changes-section">
    <xsl:for-each select="$changes">
      <fo:block id="_changes" role="H2" xsl:use-attribute-sets="part-heading">
        <xsl:call-template name="changes-fill"><xsl:with-param name="key" select="'changes'"/></xsl:call-template>
      </fo:block>
      <!-- The sentence saying what the bars mean has one beside it. -->
      <fo:block xsl:use-attribute-sets="note">
        <xsl:choose>
          <xsl:when test="*">
            <fo:change-bar-begin change-bar-class="_changes" xsl:use-attribute-sets="change-bar"/>
            <xsl:call-template name="label"><xsl:with-param name="key" select="'changes-intro'"/></xsl:call-template>
            <fo:change-bar-end change-bar-class="_changes"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="label"><xsl:with-param name="key" select="'changes-none'"/></xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </fo:block>
      <xsl:if test="*">
        <fo:list-block xsl:use-attribute-sets="changes">
          <xsl:call-template name="changes-row">
            <xsl:with-param name="key" select="'changes-added-roles'"/>
            <xsl:with-param name="entries" select="ch:role[@change = 'added']"/>
          </xsl:call-template>
          <xsl:call-template name="changes-row">
            <xsl:with-param name="key" select="'changes-changed-roles'"/>
            <xsl:with-param name="entries" select="ch:role[@change = 'changed']"/>
          </xsl:call-template>
          <xsl:call-template name="changes-row">
            <xsl:with-param name="key" select="'changes-removed-roles'"/>
            <xsl:with-param name="entries" select="ch:role[@change = 'removed']"/>
          </xsl:call-template>
          <xsl:call-template name="changes-row">
            <xsl:with-param name="key" select="'changes-other'"/>
            <xsl:with-param name="entries" select="ch:front | ch:part"/>
          </xsl:call-template>
        </fo:list-block>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- One row: the label in the hanging column, the entries beside it. -->
  <xsl:template name="changes-row">
    <xsl:param name="key"/>
    <xsl:param name="entries"/>
    <xsl:if test="$entries">
      <fo:list-item xsl:use-attribute-sets="changes-row">
        <fo:list-item-label end-indent="label-end()">
          <fo:block xsl:use-attribute-sets="changes-label">
            <xsl:call-template name="label"><xsl:with-param name="key" select="$key"/></xsl:call-template>
          </fo:block>
        </fo:list-item-label>
        <fo:list-item-body start-indent="body-start()">
          <xsl:apply-templates select="$entries" mode="changes"/>
        </fo:list-item-body>
      </fo:list-item>
    </xsl:if>
  </xsl:template>

  <!-- A new role: its name, a link to its charter, and the page. -->
  <xsl:template match="ch:role[@change = 'added']" mode="changes">
    <fo:block xsl:use-attribute-sets="changes-role">
      <xsl:call-template name="changes-role-name"/>
    </fo:block>
  </xsl:template>

  <xsl:template match="ch:role[@change = 'removed']" mode="changes">
    <fo:block xsl:use-attribute-sets="changes-role"><xsl:value-of select="normalize-space(@name)"/></fo:block>
  </xsl:template>

  <!-- A changed role: its name and page, then what changed in it
       ("Namn (tidigare Projektgrupp); Ansvar (1 ny punkt, 1 ändrad
       punkt); Vem har rollen"), then the text of each removed item. -->
  <xsl:template match="ch:role[@change = 'changed']" mode="changes">
    <xsl:variable name="role" select="key('role', @id)"/>
    <xsl:variable name="entry" select="."/>
    <fo:block xsl:use-attribute-sets="changes-role">
      <fo:block keep-with-next="always">
        <xsl:call-template name="changes-role-name"/>
      </fo:block>
      <xsl:variable name="parts">
        <xsl:if test="$role/@ch:name">
          <xsl:text>; </xsl:text>
          <xsl:call-template name="fill">
            <xsl:with-param name="key" select="'changes-name'"/>
            <xsl:with-param name="name" select="normalize-space(@name)"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="$role/@ch:summary">
          <xsl:text>; </xsl:text>
          <xsl:call-template name="label"><xsl:with-param name="key" select="'changes-summary'"/></xsl:call-template>
        </xsl:if>
        <xsl:call-template name="changes-blocks">
          <xsl:with-param name="entry" select="$entry"/>
          <xsl:with-param name="in" select="'responsibilities'"/>
          <xsl:with-param name="list" select="$role/responsibilities"/>
        </xsl:call-template>
        <xsl:call-template name="changes-blocks">
          <xsl:with-param name="entry" select="$entry"/>
          <xsl:with-param name="in" select="'expectations'"/>
          <xsl:with-param name="list" select="$role/expectations"/>
        </xsl:call-template>
        <xsl:call-template name="changes-blocks">
          <xsl:with-param name="entry" select="$entry"/>
          <xsl:with-param name="in" select="'authority'"/>
          <xsl:with-param name="list" select="$role/authority"/>
        </xsl:call-template>
        <xsl:call-template name="changes-blocks">
          <xsl:with-param name="entry" select="$entry"/>
          <xsl:with-param name="in" select="'latitude'"/>
          <xsl:with-param name="list" select="$role/latitude"/>
        </xsl:call-template>
        <xsl:if test="$role/@ch:relations">
          <xsl:text>; </xsl:text>
          <xsl:call-template name="label"><xsl:with-param name="key" select="'relations'"/></xsl:call-template>
        </xsl:if>
        <xsl:if test="$role/@ch:holders">
          <xsl:text>; </xsl:text>
          <xsl:call-template name="label"><xsl:with-param name="key" select="'holders'"/></xsl:call-template>
        </xsl:if>
      </xsl:variable>
      <fo:block xsl:use-attribute-sets="changes-detail">
        <xsl:value-of select="substring($parts, 3)"/>
      </fo:block>
      <xsl:apply-templates select="ch:removed" mode="changes"/>
    </fo:block>
  </xsl:template>

  <!-- The title page's texts: "Titelsidan (undertitel, utgivare)". -->
  <xsl:template match="ch:front" mode="changes">
    <xsl:variable name="parts">
      <xsl:for-each select="@title | @subtitle | @issuer">
        <xsl:sort select="string-length(substring-before('title subtitle issuer', local-name()))" data-type="number"/>
        <xsl:text>, </xsl:text>
        <xsl:call-template name="label">
          <xsl:with-param name="key" select="concat('changes-front-', local-name())"/>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:variable>
    <fo:block xsl:use-attribute-sets="changes-role">
      <xsl:call-template name="label"><xsl:with-param name="key" select="'changes-front'"/></xsl:call-template>
      <xsl:value-of select="concat(' (', substring($parts, 3), ')')"/>
    </fo:block>
  </xsl:template>

  <!-- purpose, governance or questions: "Syfte (1 ändrat stycke)". -->
  <xsl:template match="ch:part" mode="changes">
    <xsl:variable name="entry" select="."/>
    <fo:block xsl:use-attribute-sets="changes-role">
      <xsl:variable name="parts">
        <xsl:call-template name="changes-blocks">
          <xsl:with-param name="entry" select="$entry"/>
          <xsl:with-param name="in" select="@id"/>
          <xsl:with-param name="list" select="/collaboration/*[local-name() = $entry/@id and namespace-uri() = '']"/>
        </xsl:call-template>
      </xsl:variable>
      <fo:block><xsl:value-of select="substring($parts, 3)"/></fo:block>
      <xsl:apply-templates select="ch:removed" mode="changes"/>
    </fo:block>
  </xsl:template>

  <!-- "; Ansvar (1 ny punkt, 1 ändrad punkt)" for the list of blocks `in`
       (its element `list`, empty when the new version has none) when it
       changed; nothing when it did not.  `entry`: the ch:role or ch:part
       listing its removed blocks. -->
  <xsl:template name="changes-blocks">
    <xsl:param name="entry"/>
    <xsl:param name="in"/>
    <xsl:param name="list"/>
    <xsl:variable name="removed" select="$entry/ch:removed[@in = $in]"/>
    <xsl:variable name="counts">
      <xsl:call-template name="changes-count">
        <xsl:with-param name="n" select="count($list/item[@ch:status = 'added'])"/>
        <xsl:with-param name="key" select="'item-added'"/>
      </xsl:call-template>
      <xsl:call-template name="changes-count">
        <xsl:with-param name="n" select="count($list/item[@ch:status = 'changed'])"/>
        <xsl:with-param name="key" select="'item-changed'"/>
      </xsl:call-template>
      <xsl:call-template name="changes-count">
        <xsl:with-param name="n" select="count($removed[@kind = 'item'])"/>
        <xsl:with-param name="key" select="'item-removed'"/>
      </xsl:call-template>
      <xsl:call-template name="changes-count">
        <xsl:with-param name="n" select="count($list/p[@ch:status = 'added'])"/>
        <xsl:with-param name="key" select="'p-added'"/>
      </xsl:call-template>
      <xsl:call-template name="changes-count">
        <xsl:with-param name="n" select="count($list/p[@ch:status = 'changed'])"/>
        <xsl:with-param name="key" select="'p-changed'"/>
      </xsl:call-template>
      <xsl:call-template name="changes-count">
        <xsl:with-param name="n" select="count($removed[@kind = 'p'])"/>
        <xsl:with-param name="key" select="'p-removed'"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:if test="string($counts) != ''">
      <xsl:text>; </xsl:text>
      <xsl:call-template name="label"><xsl:with-param name="key" select="$in"/></xsl:call-template>
      <xsl:value-of select="concat(' (', substring($counts, 3), ')')"/>
    </xsl:if>
  </xsl:template>

  <!-- ", 2 nya punkter": the label changes-KEY-one or changes-KEY-many. -->
  <xsl:template name="changes-count">
    <xsl:param name="n"/>
    <xsl:param name="key"/>
    <xsl:if test="$n > 0">
      <xsl:text>, </xsl:text>
      <xsl:call-template name="fill">
        <xsl:with-param name="key">
          <xsl:choose>
            <xsl:when test="$n = 1"><xsl:value-of select="concat('changes-', $key, '-one')"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="concat('changes-', $key, '-many')"/></xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
        <xsl:with-param name="count" select="$n"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A removed item or paragraph, in its own words: "Borttaget ur
       Befogenheter: ”…”". -->
  <xsl:template match="ch:removed" mode="changes">
    <fo:block xsl:use-attribute-sets="changes-detail">
      <xsl:call-template name="fill">
        <xsl:with-param name="key" select="'changes-removed-text'"/>
        <xsl:with-param name="name">
          <xsl:call-template name="label"><xsl:with-param name="key" select="@in"/></xsl:call-template>
        </xsl:with-param>
        <xsl:with-param name="value"><xsl:apply-templates mode="inline"/></xsl:with-param>
      </xsl:call-template>
    </fo:block>
  </xsl:template>

  <!-- "Kommunikatör (sida 7)", the name a link to the charter. -->
  <xsl:template name="changes-role-name">
    <fo:basic-link internal-destination="{@id}" xsl:use-attribute-sets="link">
      <xsl:value-of select="normalize-space(key('role', @id)/name)"/>
    </fo:basic-link>
    <xsl:text> </xsl:text>
    <xsl:call-template name="fill">
      <xsl:with-param name="key" select="'changes-page'"/>
      <xsl:with-param name="page"><fo:page-number-citation ref-id="{@id}"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
