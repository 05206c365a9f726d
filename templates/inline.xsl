<?xml version="1.0" encoding="UTF-8"?>
<!--
  inline.xsl - running text: paragraphs, lists of items, and the inline
  content of item, p, summary and revised (em, strong, role-ref, link).

  Mode "blocks" turns the children of purpose, governance, questions and the
  four sections of a role into FO blocks (consecutive items become one
  list); mode "inline" turns their content into FO inline content.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format">

  <!-- Whether a role-ref becomes a link to that role's charter: true in the
       complete document (which overrides this), false in a handout. -->
  <xsl:variable name="role-links" select="false()"/>

  <!-- Blocks. -->
  <!-- A paragraph or item new or changed since an old version has a change
       bar beside its lines (common.xsl). -->
  <xsl:template match="p" mode="blocks">
    <fo:block xsl:use-attribute-sets="paragraph">
      <xsl:call-template name="change-bar-begin"/>
      <xsl:apply-templates mode="inline"/>
      <xsl:call-template name="change-bar-end"/>
    </fo:block>
  </xsl:template>

  <!-- The first item of a run of items opens the list; the others follow it. -->
  <xsl:template match="item" mode="blocks">
    <xsl:if test="not(preceding-sibling::*[1][self::item])">
      <fo:list-block xsl:use-attribute-sets="list">
        <xsl:apply-templates select="." mode="list-run"/>
      </fo:list-block>
    </xsl:if>
  </xsl:template>

  <xsl:template match="item" mode="list-run">
    <fo:list-item xsl:use-attribute-sets="list-item">
      <fo:list-item-label end-indent="label-end()">
        <fo:block xsl:use-attribute-sets="bullet">•</fo:block>
      </fo:list-item-label>
      <fo:list-item-body start-indent="body-start()">
        <fo:block>
          <xsl:call-template name="change-bar-begin"/>
          <xsl:apply-templates mode="inline"/>
          <xsl:call-template name="change-bar-end"/>
        </fo:block>
      </fo:list-item-body>
    </fo:list-item>
    <xsl:apply-templates select="following-sibling::*[1][self::item]" mode="list-run"/>
  </xsl:template>

  <xsl:template match="text()" mode="blocks"/>

  <!-- Inline content.  Runs of white space become one space, and none is
       kept at the start or end of a block, so the FO holds the text as it
       reads whatever the indentation of the input. -->
  <xsl:template match="text()" mode="inline">
    <xsl:variable name="ws" select="'&#9;&#10;&#13; '"/>
    <xsl:variable name="text" select="normalize-space(.)"/>
    <xsl:variable name="first" select="not(preceding-sibling::node()) and
        (not(parent::em or parent::strong or parent::link) or not(../preceding-sibling::node()))"/>
    <xsl:variable name="last" select="not(following-sibling::node()) and
        (not(parent::em or parent::strong or parent::link) or not(../following-sibling::node()))"/>
    <xsl:choose>
      <xsl:when test="$text = ''">
        <xsl:if test="not($first) and not($last)"><xsl:text> </xsl:text></xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:if test="not($first) and contains($ws, substring(., 1, 1))"><xsl:text> </xsl:text></xsl:if>
        <xsl:value-of select="$text"/>
        <xsl:if test="not($last) and contains($ws, substring(., string-length(.), 1))"><xsl:text> </xsl:text></xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="em" mode="inline">
    <fo:inline font-style="italic"><xsl:apply-templates mode="inline"/></fo:inline>
  </xsl:template>

  <xsl:template match="strong" mode="inline">
    <fo:inline font-weight="600"><xsl:apply-templates mode="inline"/></fo:inline>
  </xsl:template>

  <xsl:template match="role-ref" mode="inline">
    <xsl:apply-templates select="key('role', @role)" mode="role-name"/>
  </xsl:template>

  <!-- An external link, with its address after it in small type when the
       text does not already show it: the page may be read on paper. -->
  <xsl:template match="link" mode="inline">
    <xsl:variable name="href" select="normalize-space(@href)"/>
    <xsl:variable name="shown" select="normalize-space(translate(., $SHY, ''))"/>
    <fo:basic-link xsl:use-attribute-sets="link">
      <xsl:attribute name="external-destination">
        <xsl:call-template name="uri-specification">
          <xsl:with-param name="uri" select="$href"/>
        </xsl:call-template>
      </xsl:attribute>
      <xsl:apply-templates mode="inline"/>
    </fo:basic-link>
    <xsl:if test="$shown != $href and $shown != substring-after($href, '://')">
      <xsl:text> </xsl:text>
      <fo:inline xsl:use-attribute-sets="link-address">
        <xsl:value-of select="concat('(', $href, ')')"/>
      </fo:inline>
    </xsl:if>
  </xsl:template>

  <!-- url('...') in the quotes the address does not contain. -->
  <xsl:template name="uri-specification">
    <xsl:param name="uri"/>
    <xsl:choose>
      <xsl:when test='contains($uri, "&apos;")'>
        <xsl:value-of select="concat('url(&quot;', $uri, '&quot;)')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select='concat("url(&apos;", $uri, "&apos;)")'/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A role's name where another text mentions it: a link to its charter
       in the complete document, plain text in a handout. -->
  <xsl:template match="role" mode="role-name">
    <xsl:choose>
      <xsl:when test="$role-links">
        <fo:basic-link internal-destination="{@id}" xsl:use-attribute-sets="link">
          <xsl:value-of select="normalize-space(name)"/>
        </fo:basic-link>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space(name)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
