<?xml version="1.0" encoding="UTF-8"?>
<!--
  charter.xsl - the body of one role's charter, shared by the complete
  document and the handout: summary, the four sections under the headings of
  the language (a section the role lacks is left out entirely), the relations
  to other roles spelt out in words, and the holders with their parties.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:ch="urn:ansvar:changes"
    exclude-result-prefixes="ch">

  <xsl:template match="role" mode="charter-body">
    <xsl:variable name="role" select="."/>
    <xsl:for-each select="summary[normalize-space(.) != '' or *]">
      <fo:block xsl:use-attribute-sets="summary">
        <xsl:call-template name="change-bar-begin">
          <xsl:with-param name="marked" select="$role/@ch:summary"/>
          <xsl:with-param name="class" select="concat($role/@ch:id, '-summary')"/>
        </xsl:call-template>
        <xsl:apply-templates mode="inline"/>
        <xsl:call-template name="change-bar-end">
          <xsl:with-param name="marked" select="$role/@ch:summary"/>
          <xsl:with-param name="class" select="concat($role/@ch:id, '-summary')"/>
        </xsl:call-template>
      </fo:block>
    </xsl:for-each>
    <xsl:apply-templates select="responsibilities" mode="section"/>
    <xsl:apply-templates select="expectations" mode="section"/>
    <xsl:apply-templates select="authority" mode="section"/>
    <xsl:apply-templates select="latitude" mode="section"/>
    <xsl:call-template name="relations"/>
    <xsl:call-template name="holders"/>
  </xsl:template>

  <!-- The role's name as its charter's heading, with a change bar when the
       role was renamed since the old version. -->
  <xsl:template name="role-heading">
    <fo:block role="{$tag-role-name}" xsl:use-attribute-sets="role-name">
      <xsl:call-template name="change-bar-begin">
        <xsl:with-param name="marked" select="@ch:name"/>
        <xsl:with-param name="class" select="concat(@ch:id, '-name')"/>
      </xsl:call-template>
      <xsl:value-of select="normalize-space(name)"/>
      <xsl:call-template name="change-bar-end">
        <xsl:with-param name="marked" select="@ch:name"/>
        <xsl:with-param name="class" select="concat(@ch:id, '-name')"/>
      </xsl:call-template>
    </fo:block>
  </xsl:template>

  <!-- A role added since the old version has one change bar from its
       heading to the end of its charter. -->
  <xsl:template name="added-role-begin">
    <xsl:call-template name="change-bar-begin">
      <xsl:with-param name="marked" select="@ch:status = 'added'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="added-role-end">
    <xsl:call-template name="change-bar-end">
      <xsl:with-param name="marked" select="@ch:status = 'added'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- One of the four sections, only when it has something to say. -->
  <xsl:template match="responsibilities | expectations | authority | latitude" mode="section">
    <xsl:if test="item | p">
      <fo:block role="{$tag-section}" xsl:use-attribute-sets="section-heading">
        <xsl:call-template name="label">
          <xsl:with-param name="key" select="local-name()"/>
        </xsl:call-template>
      </fo:block>
      <xsl:apply-templates mode="blocks"/>
    </xsl:if>
  </xsl:template>

  <!-- Relations, outgoing then incoming, each on its own line:
       "Rapporterar till   Länsstyrgrupp". -->
  <xsl:template name="relations">
    <xsl:variable name="id" select="@id"/>
    <xsl:variable name="any" select="reports-to | member-of | advises | supports | escalates-to |
        key('reports-to', $id) | key('member-of', $id) | key('advises', $id) |
        key('supports', $id) | key('escalates-to', $id)"/>
    <xsl:if test="$any">
      <xsl:call-template name="change-bar-begin">
        <xsl:with-param name="marked" select="@ch:relations"/>
        <xsl:with-param name="class" select="concat(@ch:id, '-relations')"/>
      </xsl:call-template>
      <fo:block role="{$tag-section}" xsl:use-attribute-sets="section-heading">
        <xsl:call-template name="label"><xsl:with-param name="key" select="'relations'"/></xsl:call-template>
      </fo:block>
      <fo:list-block xsl:use-attribute-sets="relations">
        <xsl:call-template name="relation">
          <xsl:with-param name="key" select="'reports-to'"/>
          <xsl:with-param name="roles" select="key('role', reports-to/@role)"/>
        </xsl:call-template>
        <xsl:call-template name="relation">
          <xsl:with-param name="key" select="'member-of'"/>
          <xsl:with-param name="roles" select="key('role', member-of/@role)"/>
        </xsl:call-template>
        <xsl:call-template name="relation">
          <xsl:with-param name="key" select="'advises'"/>
          <xsl:with-param name="roles" select="key('role', advises/@role)"/>
        </xsl:call-template>
        <xsl:call-template name="relation">
          <xsl:with-param name="key" select="'supports'"/>
          <xsl:with-param name="roles" select="key('role', supports/@role)"/>
        </xsl:call-template>
        <xsl:call-template name="relation">
          <xsl:with-param name="key" select="'escalates-to'"/>
          <xsl:with-param name="roles" select="key('role', escalates-to/@role)"/>
        </xsl:call-template>
        <xsl:call-template name="relation">
          <xsl:with-param name="key" select="'reported-to-by'"/>
          <xsl:with-param name="roles" select="key('reports-to', $id)"/>
        </xsl:call-template>
        <xsl:call-template name="relation">
          <xsl:with-param name="key" select="'members'"/>
          <xsl:with-param name="roles" select="key('member-of', $id)"/>
        </xsl:call-template>
        <xsl:call-template name="relation">
          <xsl:with-param name="key" select="'advised-by'"/>
          <xsl:with-param name="roles" select="key('advises', $id)"/>
        </xsl:call-template>
        <xsl:call-template name="relation">
          <xsl:with-param name="key" select="'supported-by'"/>
          <xsl:with-param name="roles" select="key('supports', $id)"/>
        </xsl:call-template>
        <xsl:call-template name="relation">
          <xsl:with-param name="key" select="'escalated-to-by'"/>
          <xsl:with-param name="roles" select="key('escalates-to', $id)"/>
        </xsl:call-template>
      </fo:list-block>
      <xsl:call-template name="change-bar-end">
        <xsl:with-param name="marked" select="@ch:relations"/>
        <xsl:with-param name="class" select="concat(@ch:id, '-relations')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="relation">
    <xsl:param name="key"/>
    <xsl:param name="roles"/>
    <xsl:if test="$roles">
      <fo:list-item xsl:use-attribute-sets="list-item">
        <fo:list-item-label end-indent="label-end()">
          <fo:block xsl:use-attribute-sets="relation-label">
            <xsl:call-template name="label"><xsl:with-param name="key" select="$key"/></xsl:call-template>
          </fo:block>
        </fo:list-item-label>
        <fo:list-item-body start-indent="body-start()">
          <fo:block>
            <xsl:call-template name="role-list">
              <xsl:with-param name="roles" select="$roles"/>
            </xsl:call-template>
          </fo:block>
        </fo:list-item-body>
      </fo:list-item>
    </xsl:if>
  </xsl:template>

  <!-- "A, B och C" with each name as the role-name mode renders it. -->
  <xsl:template name="role-list">
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
      <xsl:apply-templates select="." mode="role-name"/>
    </xsl:for-each>
  </xsl:template>

  <!-- Who holds the role: name, title, party, with a thin rule in the
       party's colour beside each holder.  A holder without a name is shown
       as not yet appointed. -->
  <xsl:template name="holders">
    <xsl:if test="holder">
      <xsl:call-template name="change-bar-begin">
        <xsl:with-param name="marked" select="@ch:holders"/>
        <xsl:with-param name="class" select="concat(@ch:id, '-holders')"/>
      </xsl:call-template>
      <fo:block role="{$tag-section}" xsl:use-attribute-sets="section-heading">
        <xsl:call-template name="label"><xsl:with-param name="key" select="'holders'"/></xsl:call-template>
      </fo:block>
      <fo:table xsl:use-attribute-sets="table">
        <fo:table-column column-width="34%"/>
        <fo:table-column column-width="36%"/>
        <fo:table-column column-width="30%"/>
        <fo:table-header>
          <fo:table-row>
            <xsl:call-template name="head-cell">
              <xsl:with-param name="key" select="'holder-name'"/>
              <xsl:with-param name="beside-rule" select="true()"/>
            </xsl:call-template>
            <xsl:call-template name="head-cell"><xsl:with-param name="key" select="'holder-title'"/></xsl:call-template>
            <xsl:call-template name="head-cell"><xsl:with-param name="key" select="'holder-party'"/></xsl:call-template>
          </fo:table-row>
        </fo:table-header>
        <fo:table-body>
          <xsl:apply-templates select="holder" mode="row"/>
        </fo:table-body>
      </fo:table>
      <xsl:call-template name="change-bar-end">
        <xsl:with-param name="marked" select="@ch:holders"/>
        <xsl:with-param name="class" select="concat(@ch:id, '-holders')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="holder" mode="row">
    <xsl:variable name="party" select="key('party', @party)"/>
    <fo:table-row keep-together="always">
      <fo:table-cell xsl:use-attribute-sets="table-cell">
        <xsl:attribute name="border-left">
          <xsl:value-of select="concat($holder-rule, ' solid ')"/>
          <xsl:choose>
            <xsl:when test="$party/@colour"><xsl:value-of select="$party/@colour"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$colour-no-party"/></xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
        <xsl:choose>
          <xsl:when test="normalize-space(.) != ''">
            <fo:block xsl:use-attribute-sets="person"><xsl:value-of select="normalize-space(.)"/></fo:block>
          </xsl:when>
          <xsl:otherwise>
            <fo:block xsl:use-attribute-sets="vacant">
              <xsl:call-template name="label"><xsl:with-param name="key" select="'holder-vacant'"/></xsl:call-template>
            </fo:block>
          </xsl:otherwise>
        </xsl:choose>
      </fo:table-cell>
      <fo:table-cell xsl:use-attribute-sets="table-cell">
        <fo:block><xsl:value-of select="normalize-space(@title)"/></fo:block>
      </fo:table-cell>
      <fo:table-cell xsl:use-attribute-sets="table-cell">
        <fo:block><xsl:value-of select="normalize-space($party/@name)"/></fo:block>
      </fo:table-cell>
    </fo:table-row>
  </xsl:template>

  <xsl:template name="head-cell">
    <xsl:param name="key"/>
    <xsl:param name="beside-rule" select="false()"/>
    <fo:table-cell xsl:use-attribute-sets="table-head">
      <xsl:if test="$beside-rule">
        <xsl:attribute name="padding-left"><xsl:value-of select="$holder-indent"/></xsl:attribute>
      </xsl:if>
      <fo:block>
        <xsl:call-template name="label"><xsl:with-param name="key" select="$key"/></xsl:call-template>
      </fo:block>
    </fo:table-cell>
  </xsl:template>
</xsl:stylesheet>
