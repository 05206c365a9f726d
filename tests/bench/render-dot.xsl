<?xml version="1.0" encoding="UTF-8"?>
<!--
  render-dot.xsl - for tests/bench/render-bench.sh: a collaboration's
  organisation chart as Graphviz DOT, with the boxes and labels ansvar
  draws (party short name, role name, holders; the party's colour) and its
  relations: reports-to and member-of as the top-down hierarchy, advises
  dashed and supports dotted beside it, orthogonal connectors, a legend of
  the parties.  Parties without a colour get the default palette's
  colours in order, as ansvar gives them.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:key name="party" match="party" use="@id"/>

  <xsl:variable name="palette" select="'#0072b2#e69f00#009e73#cc79a7#56b4e9#d55e00#f0e442#000000'"/>

  <xsl:template name="colour">
    <xsl:param name="party"/>
    <xsl:choose>
      <xsl:when test="$party/@colour"><xsl:value-of select="$party/@colour"/></xsl:when>
      <xsl:when test="$party">
        <xsl:variable name="i" select="count($party/preceding-sibling::party[not(@colour)]) mod 8"/>
        <xsl:value-of select="substring($palette, 7 * $i + 1, 7)"/>
      </xsl:when>
      <xsl:otherwise>#666666</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Text for an HTML-like label. -->
  <xsl:template name="esc">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, '&amp;')">
        <xsl:value-of select="substring-before($s, '&amp;')"/>&amp;amp;<xsl:call-template name="esc"><xsl:with-param name="s" select="substring-after($s, '&amp;')"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="translate($s, '&lt;&gt;', '  ')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="/collaboration">
    <xsl:text>digraph "</xsl:text><xsl:value-of select="@id"/><xsl:text>" {
  graph [splines=ortho, rankdir=TB, nodesep=0.25, ranksep=0.35, fontname="Open Sans", label="</xsl:text>
    <xsl:value-of select="normalize-space(title)"/><xsl:text>", labelloc=t];
  node [shape=box, style="rounded,filled", fontname="Open Sans", fontsize=10, margin="0.08,0.04"];
  edge [arrowhead=none];
</xsl:text>
    <xsl:for-each select="role">
      <xsl:variable name="party" select="key('party', holder[1]/@party)"/>
      <xsl:variable name="colour"><xsl:call-template name="colour"><xsl:with-param name="party" select="$party"/></xsl:call-template></xsl:variable>
      <xsl:text>  "</xsl:text><xsl:value-of select="@id"/><xsl:text>" [color="</xsl:text>
      <xsl:value-of select="$colour"/><xsl:text>", fillcolor="</xsl:text><xsl:value-of select="$colour"/>
      <xsl:text>22", label=&lt;</xsl:text>
      <xsl:if test="$party">
        <xsl:text>&lt;font point-size="8"&gt;</xsl:text>
        <xsl:call-template name="esc"><xsl:with-param name="s" select="normalize-space($party/@short)"/></xsl:call-template>
        <xsl:text>&lt;/font&gt;&lt;br/&gt;</xsl:text>
      </xsl:if>
      <xsl:text>&lt;b&gt;</xsl:text>
      <xsl:call-template name="esc"><xsl:with-param name="s" select="normalize-space(name)"/></xsl:call-template>
      <xsl:text>&lt;/b&gt;</xsl:text>
      <xsl:if test="holder[normalize-space(.) != '']">
        <xsl:text>&lt;br/&gt;&lt;font point-size="8.5"&gt;</xsl:text>
        <xsl:for-each select="holder[normalize-space(.) != '']">
          <xsl:if test="position() > 1">, </xsl:if>
          <xsl:call-template name="esc"><xsl:with-param name="s" select="normalize-space(.)"/></xsl:call-template>
        </xsl:for-each>
        <xsl:text>&lt;/font&gt;</xsl:text>
      </xsl:if>
      <xsl:text>&gt;];
</xsl:text>
    </xsl:for-each>
    <xsl:for-each select="role">
      <xsl:variable name="from" select="@id"/>
      <xsl:for-each select="reports-to | member-of">
        <xsl:text>  "</xsl:text><xsl:value-of select="@role"/><xsl:text>" -> "</xsl:text><xsl:value-of select="$from"/><xsl:text>";
</xsl:text>
      </xsl:for-each>
      <xsl:for-each select="advises">
        <xsl:text>  "</xsl:text><xsl:value-of select="$from"/><xsl:text>" -> "</xsl:text><xsl:value-of select="@role"/><xsl:text>" [style=dashed, constraint=false];
</xsl:text>
      </xsl:for-each>
      <xsl:for-each select="supports">
        <xsl:text>  "</xsl:text><xsl:value-of select="$from"/><xsl:text>" -> "</xsl:text><xsl:value-of select="@role"/><xsl:text>" [style=dotted, constraint=false];
</xsl:text>
      </xsl:for-each>
    </xsl:for-each>
    <xsl:text>  subgraph cluster_legend { label=""; style=invis;
</xsl:text>
    <xsl:for-each select="party">
      <xsl:variable name="colour"><xsl:call-template name="colour"><xsl:with-param name="party" select="."/></xsl:call-template></xsl:variable>
      <xsl:text>    "_party_</xsl:text><xsl:value-of select="@id"/><xsl:text>" [shape=plaintext, style="", fontsize=8.5, label=&lt;&lt;font color="</xsl:text>
      <xsl:value-of select="$colour"/><xsl:text>"&gt;■&lt;/font&gt; </xsl:text>
      <xsl:call-template name="esc"><xsl:with-param name="s" select="concat(normalize-space(@short), ': ', normalize-space(@name))"/></xsl:call-template>
      <xsl:text>&gt;];
</xsl:text>
    </xsl:for-each>
    <xsl:text>  }
}
</xsl:text>
  </xsl:template>
</xsl:stylesheet>
