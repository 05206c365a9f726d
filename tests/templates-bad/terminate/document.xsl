<?xml version="1.0" encoding="UTF-8"?>
<!-- A warning, then a message that ends the transformation. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format">
  <xsl:template match="/">
    <xsl:message>checking the collaboration</xsl:message>
    <xsl:if test="not(collaboration/role[@id = 'nobody'])">
      <xsl:message terminate="yes">no role 'nobody' in <xsl:value-of select="collaboration/@id"/></xsl:message>
    </xsl:if>
    <fo:root/>
  </xsl:template>
</xsl:stylesheet>
