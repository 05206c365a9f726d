<?xml version="1.0" encoding="UTF-8"?>
<!-- Well-formed, but an expression that does not compile and an unknown
     XSLT instruction. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/">
    <root>
      <xsl:value-of select="count(role"/>
      <xsl:frobnicate/>
    </root>
  </xsl:template>
</xsl:stylesheet>
