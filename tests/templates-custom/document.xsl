<?xml version="1.0" encoding="UTF-8"?>
<!-- A custom template set as an office would write one: it imports the
     default set and changes only the paper (A5) and a few labels. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../../templates/document.xsl"/>
  <xsl:include href="custom.xsl"/>
</xsl:stylesheet>
