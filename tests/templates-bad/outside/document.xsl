<?xml version="1.0" encoding="UTF-8"?>
<!-- Reads a label file of its own (allowed), then one outside the set
     (refused): the fixture collaboration beside the sets. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format">
  <xsl:template match="/">
    <fo:root>
      <xsl:value-of select="document('labels.xml')/labels/label"/>
      <xsl:value-of select="document('../../templates/sv.xml')/collaboration/@id"/>
    </fo:root>
  </xsl:template>
</xsl:stylesheet>
