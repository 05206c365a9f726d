<?xml version="1.0" encoding="UTF-8"?>
<!-- The handout of the custom set: the default one with the same changes. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../../templates/handout.xsl"/>
  <xsl:include href="custom.xsl"/>
</xsl:stylesheet>
