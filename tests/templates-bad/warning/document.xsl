<?xml version="1.1" encoding="UTF-8"?>
<!-- Compiles, but libxml2 warns: XML 1.1 is read as XML 1.0. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format">
  <xsl:template match="/"><fo:root/></xsl:template>
</xsl:stylesheet>
