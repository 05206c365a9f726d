<?xml version="1.0" encoding="UTF-8"?>
<!--
  document.xsl - the complete document ("Roller och ansvar" / "Roller og
  ansvar") as XSL-FO: title block, purpose, what changed since an old
  version (with changes-since, changes.xsl) and contents; the organisation
  diagram on a landscape page; one charter per role, each on a new page with
  the role id as its id; governance, reflection questions as a checklist,
  and the revision history.  Bookmarks for every part and role.

  Parameters (common.xsl): lang, appendix, logo.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:fox="http://xmlgraphics.apache.org/fop/extensions"
    xmlns:ax="urn:ansvar:fo">

  <xsl:import href="style.xsl"/>
  <xsl:import href="common.xsl"/>
  <xsl:import href="inline.xsl"/>
  <xsl:import href="charter.xsl"/>
  <xsl:import href="changes.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="role-links" select="true()"/>

  <xsl:template match="/">
    <xsl:call-template name="check-input"/>
    <xsl:if test="/collaboration/logo and $logo = ''">
      <xsl:message>the collaboration names a logo but no 'logo' parameter was given; the title page shows none</xsl:message>
    </xsl:if>
    <fo:root xml:lang="{$language}">
      <xsl:call-template name="layout-master-set"/>
      <xsl:call-template name="metadata">
        <xsl:with-param name="title" select="$title"/>
      </xsl:call-template>
      <fo:bookmark-tree>
        <xsl:call-template name="parts">
          <xsl:with-param name="as" select="'bookmark'"/>
        </xsl:call-template>
      </fo:bookmark-tree>
      <xsl:call-template name="title-sequence"/>
      <xsl:call-template name="diagram-sequence"/>
      <xsl:call-template name="charters-sequence"/>
    </fo:root>
  </xsl:template>

  <!-- The parts of the document, as bookmarks or as contents rows. -->
  <xsl:template name="parts">
    <xsl:param name="as"/>
    <xsl:variable name="c" select="/collaboration"/>
    <xsl:if test="$c/purpose">
      <xsl:call-template name="part">
        <xsl:with-param name="as" select="$as"/>
        <xsl:with-param name="key" select="'purpose'"/>
        <xsl:with-param name="id" select="'_purpose'"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="$changes">
      <xsl:call-template name="part">
        <xsl:with-param name="as" select="$as"/>
        <xsl:with-param name="id" select="'_changes'"/>
        <xsl:with-param name="text">
          <xsl:call-template name="changes-fill"><xsl:with-param name="key" select="'changes'"/></xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <xsl:call-template name="part">
      <xsl:with-param name="as" select="$as"/>
      <xsl:with-param name="key" select="'organisation'"/>
      <xsl:with-param name="id" select="'_organisation'"/>
    </xsl:call-template>
    <xsl:call-template name="part">
      <xsl:with-param name="as" select="$as"/>
      <xsl:with-param name="key" select="'roles'"/>
      <xsl:with-param name="id" select="$c/role[1]/@id"/>
      <xsl:with-param name="roles" select="$c/role"/>
    </xsl:call-template>
    <xsl:if test="$c/governance">
      <xsl:call-template name="part">
        <xsl:with-param name="as" select="$as"/>
        <xsl:with-param name="key" select="'governance'"/>
        <xsl:with-param name="id" select="'_governance'"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="$c/questions">
      <xsl:call-template name="part">
        <xsl:with-param name="as" select="$as"/>
        <xsl:with-param name="key" select="'questions'"/>
        <xsl:with-param name="id" select="'_questions'"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="$c/history">
      <xsl:call-template name="part">
        <xsl:with-param name="as" select="$as"/>
        <xsl:with-param name="key" select="'history'"/>
        <xsl:with-param name="id" select="'_history'"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="part">
    <xsl:param name="as"/>
    <xsl:param name="key"/>
    <xsl:param name="id"/>
    <xsl:param name="roles" select="/.."/>
    <xsl:param name="text">
      <xsl:call-template name="label"><xsl:with-param name="key" select="$key"/></xsl:call-template>
    </xsl:param>
    <xsl:choose>
      <xsl:when test="$as = 'bookmark'">
        <fo:bookmark internal-destination="{$id}">
          <fo:bookmark-title><xsl:value-of select="$text"/></fo:bookmark-title>
          <xsl:for-each select="$roles">
            <fo:bookmark internal-destination="{@id}">
              <fo:bookmark-title><xsl:call-template name="plain"><xsl:with-param name="text" select="normalize-space(name)"/></xsl:call-template></fo:bookmark-title>
            </fo:bookmark>
          </xsl:for-each>
        </fo:bookmark>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="contents-row">
          <xsl:with-param name="id" select="$id"/>
          <xsl:with-param name="text" select="$text"/>
          <xsl:with-param name="strong" select="true()"/>
        </xsl:call-template>
        <xsl:for-each select="$roles">
          <xsl:call-template name="contents-row">
            <xsl:with-param name="id" select="@id"/>
            <xsl:with-param name="text" select="normalize-space(name)"/>
          </xsl:call-template>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="contents-row">
    <xsl:param name="id"/>
    <xsl:param name="text"/>
    <xsl:param name="strong" select="false()"/>
    <fo:table-row>
      <fo:table-cell xsl:use-attribute-sets="contents-cell">
        <fo:block>
          <xsl:if test="$strong"><xsl:attribute name="font-weight">600</xsl:attribute></xsl:if>
          <xsl:if test="not($strong)"><xsl:attribute name="start-indent">6mm</xsl:attribute></xsl:if>
          <fo:basic-link internal-destination="{$id}"><xsl:value-of select="$text"/></fo:basic-link>
        </fo:block>
      </fo:table-cell>
      <fo:table-cell xsl:use-attribute-sets="contents-cell" text-align="end">
        <fo:block>
          <fo:basic-link internal-destination="{$id}"><fo:page-number-citation ref-id="{$id}"/></fo:basic-link>
        </fo:block>
      </fo:table-cell>
    </fo:table-row>
  </xsl:template>

  <!-- Title block, purpose and contents. -->
  <xsl:template name="title-sequence">
    <fo:page-sequence master-reference="portrait" initial-page-number="1"
        xsl:use-attribute-sets="page-text">
      <xsl:call-template name="page-sequence-attributes"/>
      <xsl:call-template name="static-content">
        <xsl:with-param name="right" select="$appendix"/>
      </xsl:call-template>
      <fo:flow flow-name="xsl-region-body">
        <xsl:if test="$logo != ''">
          <fo:block xsl:use-attribute-sets="logo">
            <fo:external-graphic content-height="{$logo-height}">
              <xsl:attribute name="src">
                <xsl:call-template name="uri-specification">
                  <xsl:with-param name="uri" select="$logo"/>
                </xsl:call-template>
              </xsl:attribute>
            </fo:external-graphic>
          </fo:block>
        </xsl:if>
        <fo:block role="H1" xsl:use-attribute-sets="title"><xsl:value-of select="$title"/></fo:block>
        <xsl:for-each select="/collaboration/subtitle">
          <fo:block xsl:use-attribute-sets="subtitle"><xsl:value-of select="normalize-space(.)"/></fo:block>
        </xsl:for-each>
        <xsl:for-each select="/collaboration/issuer">
          <fo:block xsl:use-attribute-sets="issuer"><xsl:value-of select="normalize-space(.)"/></fo:block>
        </xsl:for-each>
        <xsl:if test="/collaboration/history">
          <fo:block xsl:use-attribute-sets="title-meta">
            <xsl:for-each select="/collaboration/history/decided">
              <fo:block><xsl:call-template name="history-line"><xsl:with-param name="key" select="'title-decided'"/></xsl:call-template></fo:block>
            </xsl:for-each>
            <xsl:for-each select="/collaboration/history/revised[last()]">
              <fo:block><xsl:call-template name="history-line"><xsl:with-param name="key" select="'title-revised'"/></xsl:call-template></fo:block>
            </xsl:for-each>
          </fo:block>
        </xsl:if>
        <xsl:for-each select="/collaboration/purpose">
          <fo:block id="_purpose" role="H2" xsl:use-attribute-sets="part-heading">
            <xsl:call-template name="label"><xsl:with-param name="key" select="'purpose'"/></xsl:call-template>
          </fo:block>
          <xsl:apply-templates mode="blocks"/>
        </xsl:for-each>
        <xsl:call-template name="changes-section"/>
        <fo:block role="H2" xsl:use-attribute-sets="part-heading">
          <xsl:call-template name="label"><xsl:with-param name="key" select="'contents'"/></xsl:call-template>
        </fo:block>
        <fo:table xsl:use-attribute-sets="contents">
          <fo:table-column column-width="88%"/>
          <fo:table-column column-width="12%"/>
          <fo:table-body>
            <xsl:call-template name="parts">
              <xsl:with-param name="as" select="'contents'"/>
            </xsl:call-template>
          </fo:table-body>
        </fo:table>
      </fo:flow>
    </fo:page-sequence>
  </xsl:template>

  <xsl:template name="history-line">
    <xsl:param name="key"/>
    <xsl:call-template name="fill">
      <xsl:with-param name="key" select="$key"/>
      <xsl:with-param name="date">
        <xsl:call-template name="date"><xsl:with-param name="iso" select="@date"/></xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="by" select="string(@by)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The organisation diagram, drawn by the typesetter's diagram handler
       from the roles and relations (SPEC section 7). -->
  <xsl:template name="diagram-sequence">
    <fo:page-sequence master-reference="landscape" xsl:use-attribute-sets="page-text">
      <xsl:call-template name="page-sequence-attributes"/>
      <xsl:call-template name="static-content">
        <xsl:with-param name="left" select="$title"/>
        <xsl:with-param name="right" select="$appendix"/>
      </xsl:call-template>
      <fo:flow flow-name="xsl-region-body">
        <fo:block id="_organisation" role="H2" xsl:use-attribute-sets="part-heading" space-before="0mm">
          <xsl:call-template name="label"><xsl:with-param name="key" select="'organisation'"/></xsl:call-template>
        </fo:block>
        <fo:block xsl:use-attribute-sets="diagram">
          <fo:instream-foreign-object>
            <xsl:attribute name="fox:alt-text"><xsl:call-template name="diagram-alt"/></xsl:attribute>
            <xsl:call-template name="diagram"/>
          </fo:instream-foreign-object>
        </fo:block>
      </fo:flow>
    </fo:page-sequence>
  </xsl:template>

  <xsl:template name="diagram">
    <d:diagram xmlns:d="urn:ansvar:diagram" lang="{$language}">
      <xsl:for-each select="/collaboration/party">
        <d:party id="{@id}" name="{normalize-space(@name)}">
          <xsl:if test="@short">
            <xsl:attribute name="short"><xsl:value-of select="normalize-space(@short)"/></xsl:attribute>
          </xsl:if>
          <xsl:copy-of select="@colour"/>
        </d:party>
      </xsl:for-each>
      <xsl:for-each select="/collaboration/role">
        <d:node id="{@id}" label="{normalize-space(name)}">
          <xsl:attribute name="kind">
            <xsl:value-of select="@kind"/>
            <xsl:if test="not(@kind)">other</xsl:if>
          </xsl:attribute>
          <xsl:if test="holder">
            <xsl:attribute name="party"><xsl:value-of select="holder[1]/@party"/></xsl:attribute>
          </xsl:if>
          <xsl:if test="holder[normalize-space(.) != '']">
            <xsl:attribute name="holders">
              <xsl:for-each select="holder[normalize-space(.) != '']">
                <xsl:if test="position() > 1">; </xsl:if>
                <xsl:value-of select="normalize-space(.)"/>
              </xsl:for-each>
            </xsl:attribute>
          </xsl:if>
        </d:node>
      </xsl:for-each>
      <xsl:for-each select="/collaboration/role">
        <xsl:variable name="from" select="@id"/>
        <xsl:for-each select="reports-to | member-of | advises | supports | escalates-to">
          <d:edge from="{$from}" to="{@role}" type="{local-name()}"/>
        </xsl:for-each>
      </xsl:for-each>
    </d:diagram>
  </xsl:template>

  <!-- "Organisationsschema med 9 roller. Projektägare. Länsstyrgrupp:
       rapporterar till Projektägare. ..." -->
  <xsl:template name="diagram-alt">
    <xsl:variable name="text">
      <xsl:call-template name="fill">
        <xsl:with-param name="key" select="'diagram-alt'"/>
        <xsl:with-param name="count" select="count(/collaboration/role)"/>
      </xsl:call-template>
      <xsl:for-each select="/collaboration/role">
        <xsl:text> </xsl:text>
        <xsl:value-of select="normalize-space(name)"/>
        <xsl:variable name="role" select="."/>
        <xsl:for-each select="reports-to[1] | member-of[1] | advises[1] | supports[1] | escalates-to[1]">
          <xsl:variable name="type" select="local-name()"/>
          <xsl:choose>
            <xsl:when test="position() = 1">: </xsl:when>
            <xsl:otherwise>; </xsl:otherwise>
          </xsl:choose>
          <xsl:variable name="phrase">
            <xsl:call-template name="label"><xsl:with-param name="key" select="$type"/></xsl:call-template>
          </xsl:variable>
          <xsl:value-of select="concat(translate(substring($phrase, 1, 1), 'ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖÆØ', 'abcdefghijklmnopqrstuvwxyzåäöæø'), substring($phrase, 2))"/>
          <xsl:text> </xsl:text>
          <xsl:call-template name="role-list-plain">
            <xsl:with-param name="roles" select="key('role', $role/*[local-name() = $type]/@role)"/>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:text>.</xsl:text>
      </xsl:for-each>
    </xsl:variable>
    <xsl:value-of select="translate($text, $SHY, '')"/>
  </xsl:template>

  <xsl:template name="role-list-plain">
    <xsl:param name="roles"/>
    <xsl:for-each select="$roles">
      <xsl:choose>
        <xsl:when test="position() = 1"/>
        <xsl:when test="position() = last()">
          <xsl:text> </xsl:text>
          <xsl:call-template name="label"><xsl:with-param name="key" select="'and'"/></xsl:call-template>
          <xsl:text> </xsl:text>
        </xsl:when>
        <xsl:otherwise><xsl:text>, </xsl:text></xsl:otherwise>
      </xsl:choose>
      <xsl:value-of select="normalize-space(name)"/>
    </xsl:for-each>
  </xsl:template>

  <!-- One charter per role, then governance, questions and history. -->
  <xsl:template name="charters-sequence">
    <fo:page-sequence master-reference="portrait" xsl:use-attribute-sets="page-text">
      <xsl:call-template name="page-sequence-attributes"/>
      <xsl:call-template name="static-content">
        <xsl:with-param name="left" select="$title"/>
        <xsl:with-param name="right" select="$appendix"/>
      </xsl:call-template>
      <fo:flow flow-name="xsl-region-body">
        <xsl:for-each select="/collaboration/role">
          <fo:block id="{@id}">
            <xsl:if test="position() > 1"><xsl:attribute name="break-before">page</xsl:attribute></xsl:if>
            <xsl:call-template name="party-bar"/>
            <xsl:call-template name="added-role-begin"/>
            <xsl:call-template name="role-heading"/>
            <xsl:apply-templates select="." mode="charter-body"/>
            <xsl:call-template name="added-role-end"/>
          </fo:block>
        </xsl:for-each>
        <xsl:apply-templates select="/collaboration/governance" mode="part">
          <xsl:with-param name="first" select="true()"/>
        </xsl:apply-templates>
        <xsl:apply-templates select="/collaboration/questions" mode="part">
          <xsl:with-param name="first" select="not(/collaboration/governance)"/>
        </xsl:apply-templates>
        <xsl:apply-templates select="/collaboration/history" mode="part">
          <xsl:with-param name="first" select="not(/collaboration/governance | /collaboration/questions)"/>
        </xsl:apply-templates>
        <xsl:call-template name="end"/>
      </fo:flow>
    </fo:page-sequence>
  </xsl:template>

  <!-- The closing parts: the first starts a new page, the rest follow it. -->
  <xsl:template match="governance | questions | history" mode="part">
    <xsl:param name="first"/>
    <fo:block id="_{local-name()}" role="H2" xsl:use-attribute-sets="part-heading">
      <xsl:if test="$first"><xsl:attribute name="break-before">page</xsl:attribute></xsl:if>
      <xsl:call-template name="label"><xsl:with-param name="key" select="local-name()"/></xsl:call-template>
    </fo:block>
    <xsl:apply-templates select="." mode="part-body"/>
  </xsl:template>

  <xsl:template match="governance" mode="part-body">
    <xsl:apply-templates mode="blocks"/>
  </xsl:template>

  <xsl:template match="questions" mode="part-body">
    <fo:block xsl:use-attribute-sets="note">
      <xsl:call-template name="label"><xsl:with-param name="key" select="'questions-intro'"/></xsl:call-template>
    </fo:block>
    <fo:list-block xsl:use-attribute-sets="checklist">
      <xsl:for-each select="item">
        <fo:list-item xsl:use-attribute-sets="checklist-item">
          <fo:list-item-label end-indent="label-end()">
            <fo:block xsl:use-attribute-sets="checkbox">&#160;</fo:block>
          </fo:list-item-label>
          <fo:list-item-body start-indent="body-start()">
            <fo:block>
              <xsl:call-template name="change-bar-begin"/>
              <xsl:apply-templates mode="inline"/>
              <xsl:call-template name="change-bar-end"/>
            </fo:block>
          </fo:list-item-body>
        </fo:list-item>
      </xsl:for-each>
    </fo:list-block>
  </xsl:template>

  <xsl:template match="history" mode="part-body">
    <fo:table xsl:use-attribute-sets="table">
      <fo:table-column column-width="25%"/>
      <fo:table-column column-width="27%"/>
      <fo:table-column column-width="48%"/>
      <fo:table-header>
        <fo:table-row>
          <xsl:call-template name="head-cell"><xsl:with-param name="key" select="'history-date'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="key" select="'history-by'"/></xsl:call-template>
          <xsl:call-template name="head-cell"><xsl:with-param name="key" select="'history-change'"/></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:for-each select="decided | revised">
          <fo:table-row keep-together="always">
            <fo:table-cell xsl:use-attribute-sets="table-cell">
              <fo:block hyphenate="false">
                <xsl:call-template name="date"><xsl:with-param name="iso" select="@date"/></xsl:call-template>
              </fo:block>
            </fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="table-cell">
              <fo:block><xsl:value-of select="normalize-space(@by)"/></fo:block>
            </fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="table-cell">
              <fo:block>
                <xsl:choose>
                  <xsl:when test="self::decided">
                    <xsl:call-template name="label"><xsl:with-param name="key" select="'history-decided'"/></xsl:call-template>
                  </xsl:when>
                  <xsl:otherwise><xsl:apply-templates mode="inline"/></xsl:otherwise>
                </xsl:choose>
              </fo:block>
            </fo:table-cell>
          </fo:table-row>
        </xsl:for-each>
      </fo:table-body>
    </fo:table>
  </xsl:template>
</xsl:stylesheet>
