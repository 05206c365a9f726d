<?xml version="1.0" encoding="UTF-8"?>
<!-- Tries to read over the network with document(). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format">
  <xsl:template match="/">
    <fo:root>
      <xsl:value-of select="document('http://127.0.0.1:9/labels.xml')/labels/label"/>
    </fo:root>
  </xsl:template>
</xsl:stylesheet>
