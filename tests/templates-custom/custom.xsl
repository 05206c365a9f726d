<?xml version="1.0" encoding="UTF-8"?>
<!-- What the custom set changes: the page size, and the labels listed in
     labels.xml for the language in use. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:variable name="page-width" select="'148mm'"/>
  <xsl:variable name="page-height" select="'210mm'"/>
  <xsl:variable name="label-overrides"
      select="document('labels.xml')/labels/language[@id = $language]/label"/>
</xsl:stylesheet>
