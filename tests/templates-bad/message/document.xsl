<?xml version="1.0" encoding="UTF-8"?>
<!-- Two messages that do not end the transformation. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format">
  <xsl:template match="/">
    <xsl:message>collaboration <xsl:value-of select="collaboration/@id"/> has <xsl:value-of select="count(collaboration/role)"/> roles</xsl:message>
    <xsl:message terminate="no">a second
      line of text</xsl:message>
    <fo:root/>
  </xsl:template>
</xsl:stylesheet>
