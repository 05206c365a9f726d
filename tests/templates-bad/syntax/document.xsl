<?xml version="1.0" encoding="UTF-8"?>
<!-- Not well-formed: the template element is never closed. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/">
    <root/>
</xsl:stylesheet>
