<?xml version="1.0" encoding="UTF-8"?>
<!-- The smallest stylesheet: the handout.xsl of every broken set imports it,
     so that only document.xsl differs between them. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format">
  <xsl:template match="/"><fo:root/></xsl:template>
</xsl:stylesheet>
