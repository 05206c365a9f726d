<?xml version="1.0" encoding="UTF-8"?>
<!--
  handout.xsl - one role's handout as XSL-FO, for the people who take the
  role on: the collaboration's title, the role's name, summary and four
  sections, its relations in words, its holders, and an acknowledgement to
  sign.  Role names in the text are plain (the handout stands alone).

  Parameters: role (the role id; required), and lang and logo as in
  common.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:ax="urn:ansvar:fo"
    xmlns:ch="urn:ansvar:changes"
    exclude-result-prefixes="ch">

  <xsl:import href="style.xsl"/>
  <xsl:import href="common.xsl"/>
  <xsl:import href="inline.xsl"/>
  <xsl:import href="charter.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:param name="role" select="''"/>

  <xsl:variable name="tag-role-name" select="'H1'"/>
  <xsl:variable name="tag-section" select="'H2'"/>

  <xsl:variable name="the-role" select="key('role', $role)"/>

  <xsl:template match="/">
    <xsl:call-template name="check-input"/>
    <xsl:if test="not($the-role)">
      <xsl:message terminate="yes">
        <xsl:choose>
          <xsl:when test="$role = ''">no role given: the handout needs the parameter 'role'</xsl:when>
          <xsl:otherwise>no role with id '<xsl:value-of select="$role"/>' in collaboration '<xsl:value-of select="/collaboration/@id"/>'</xsl:otherwise>
        </xsl:choose>
        <xsl:text> (its roles: </xsl:text>
        <xsl:for-each select="/collaboration/role">
          <xsl:if test="position() > 1">, </xsl:if>
          <xsl:value-of select="@id"/>
        </xsl:for-each>
        <xsl:text>)</xsl:text>
      </xsl:message>
    </xsl:if>
    <xsl:variable name="name" select="normalize-space($the-role/name)"/>
    <xsl:variable name="handout">
      <xsl:call-template name="label"><xsl:with-param name="key" select="'handout'"/></xsl:call-template>
    </xsl:variable>
    <fo:root xml:lang="{$language}">
      <xsl:call-template name="layout-master-set"/>
      <xsl:call-template name="metadata">
        <xsl:with-param name="title" select="concat($name, ' – ', $title)"/>
      </xsl:call-template>
      <fo:page-sequence master-reference="portrait" initial-page-number="1"
          xsl:use-attribute-sets="page-text">
        <xsl:call-template name="page-sequence-attributes"/>
        <xsl:call-template name="static-content">
          <xsl:with-param name="left" select="$title"/>
          <xsl:with-param name="right" select="$handout"/>
          <xsl:with-param name="note">
            <xsl:for-each select="$the-role[@ch:status]">
              <xsl:call-template name="changes-fill"><xsl:with-param name="key" select="'changes-handout'"/></xsl:call-template>
            </xsl:for-each>
          </xsl:with-param>
        </xsl:call-template>
        <fo:flow flow-name="xsl-region-body">
          <xsl:apply-templates select="$the-role" mode="handout"/>
          <xsl:call-template name="end"/>
        </fo:flow>
      </fo:page-sequence>
    </fo:root>
  </xsl:template>

  <xsl:template match="role" mode="handout">
    <fo:block id="{@id}">
      <xsl:call-template name="party-bar"/>
      <fo:block xsl:use-attribute-sets="eyebrow" space-before="3mm">
        <xsl:value-of select="$title"/>
        <xsl:for-each select="/collaboration/subtitle">
          <xsl:text> · </xsl:text>
          <xsl:value-of select="normalize-space(.)"/>
        </xsl:for-each>
      </fo:block>
      <xsl:call-template name="added-role-begin"/>
      <xsl:call-template name="role-heading"/>
    </fo:block>
    <xsl:apply-templates select="." mode="charter-body"/>
    <xsl:call-template name="added-role-end"/>
    <xsl:call-template name="acknowledgement"/>
  </xsl:template>

  <!-- The acknowledgement to sign: date and place, signature, name in
       print, side by side, each a line to write on with its caption below. -->
  <xsl:template name="acknowledgement">
    <fo:block xsl:use-attribute-sets="acknowledgement">
      <fo:block role="{$tag-section}" xsl:use-attribute-sets="section-heading" space-before="0mm">
        <xsl:call-template name="label"><xsl:with-param name="key" select="'acknowledgement'"/></xsl:call-template>
      </fo:block>
      <fo:block>
        <xsl:call-template name="fill">
          <xsl:with-param name="key" select="'acknowledgement-text'"/>
          <xsl:with-param name="role"><fo:inline font-weight="600"><xsl:value-of select="normalize-space(name)"/></fo:inline></xsl:with-param>
        </xsl:call-template>
      </fo:block>
      <fo:table>
        <fo:table-column column-width="30%"/>
        <fo:table-column column-width="5%"/>
        <fo:table-column column-width="30%"/>
        <fo:table-column column-width="5%"/>
        <fo:table-column column-width="30%"/>
        <fo:table-body>
          <fo:table-row>
            <xsl:call-template name="signature-cell"><xsl:with-param name="key" select="'signature-date'"/></xsl:call-template>
            <fo:table-cell><fo:block/></fo:table-cell>
            <xsl:call-template name="signature-cell"><xsl:with-param name="key" select="'signature'"/></xsl:call-template>
            <fo:table-cell><fo:block/></fo:table-cell>
            <xsl:call-template name="signature-cell"><xsl:with-param name="key" select="'signature-name'"/></xsl:call-template>
          </fo:table-row>
        </fo:table-body>
      </fo:table>
    </fo:block>
  </xsl:template>

  <xsl:template name="signature-cell">
    <xsl:param name="key"/>
    <fo:table-cell>
      <fo:block xsl:use-attribute-sets="signature-line">
        <fo:leader leader-pattern="rule" leader-length="100%" rule-thickness="0.6pt"/>
      </fo:block>
      <fo:block xsl:use-attribute-sets="signature-caption">
        <xsl:call-template name="label"><xsl:with-param name="key" select="$key"/></xsl:call-template>
      </fo:block>
    </fo:table-cell>
  </xsl:template>
</xsl:stylesheet>
