<?xml version="1.0" encoding="UTF-8"?>
<!-- Tries to write a file (libxslt's xsl:document, XSLT 1.1). -->
<xsl:stylesheet version="1.1" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format">
  <xsl:param name="logo"/>
  <xsl:template match="/">
    <xsl:document href="{$logo}" method="text">written by a template</xsl:document>
    <fo:root/>
  </xsl:template>
</xsl:stylesheet>
