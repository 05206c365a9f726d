<?xml version="1.0" encoding="UTF-8"?>
<!--
  style.xsl - the look of the default template set: page geometry, colours
  and the attribute sets every block uses.

  A template set that imports document.xsl or handout.xsl can override any
  variable or attribute set here (an xsl:variable or xsl:attribute-set of the
  same name in the importing stylesheet wins).  Only properties of the FO
  subset of SPEC section 6 are used.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format">

  <!-- Page geometry: A4 portrait; the diagram page swaps width and height. -->
  <xsl:variable name="page-width" select="'210mm'"/>
  <xsl:variable name="page-height" select="'297mm'"/>

  <!-- The logo's height on the title page (its width follows). -->
  <xsl:variable name="logo-height" select="'16mm'"/>

  <!-- Colours: near-black text, one sober accent, greys for rules and notes. -->
  <xsl:variable name="colour-text" select="'#1a1a1a'"/>
  <xsl:variable name="colour-muted" select="'#5b5b5b'"/>
  <xsl:variable name="colour-accent" select="'#1d4e6e'"/>
  <xsl:variable name="colour-rule" select="'#c9c9c9'"/>
  <!-- A party without a colour (only when the C side did not normalise). -->
  <xsl:variable name="colour-no-party" select="'#8c8c8c'"/>

  <!-- Margins of the paper and of the body region within it. -->
  <xsl:attribute-set name="page-master">
    <xsl:attribute name="margin-top">10mm</xsl:attribute>
    <xsl:attribute name="margin-bottom">10mm</xsl:attribute>
    <xsl:attribute name="margin-left">25mm</xsl:attribute>
    <xsl:attribute name="margin-right">25mm</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="region-body">
    <xsl:attribute name="margin-top">17mm</xsl:attribute>
    <xsl:attribute name="margin-bottom">19mm</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="region-before">
    <xsl:attribute name="extent">11mm</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="region-after">
    <xsl:attribute name="extent">13mm</xsl:attribute>
  </xsl:attribute-set>

  <!-- Inherited by everything on a page: the shipped humanist sans, ragged
       right, hyphenation on, no lone lines at page breaks. -->
  <xsl:attribute-set name="page-text">
    <xsl:attribute name="font-family">sans-serif</xsl:attribute>
    <xsl:attribute name="font-size">10.5pt</xsl:attribute>
    <xsl:attribute name="line-height">140%</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$colour-text"/></xsl:attribute>
    <xsl:attribute name="text-align">start</xsl:attribute>
    <xsl:attribute name="hyphenate">true</xsl:attribute>
    <xsl:attribute name="widows">2</xsl:attribute>
    <xsl:attribute name="orphans">2</xsl:attribute>
  </xsl:attribute-set>

  <!-- Running header and footer. -->
  <xsl:attribute-set name="running">
    <xsl:attribute name="font-size">8pt</xsl:attribute>
    <xsl:attribute name="line-height">125%</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$colour-muted"/></xsl:attribute>
    <xsl:attribute name="hyphenate">false</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="running-label">
    <xsl:attribute name="font-weight">600</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$colour-text"/></xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="footer-rule">
    <xsl:attribute name="border-top">0.5pt solid <xsl:value-of select="$colour-rule"/></xsl:attribute>
    <xsl:attribute name="padding-top">2.5mm</xsl:attribute>
  </xsl:attribute-set>

  <!-- The title block of the complete document. -->
  <xsl:attribute-set name="logo">
    <xsl:attribute name="space-after">12mm</xsl:attribute>
    <xsl:attribute name="line-height">100%</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="title">
    <xsl:attribute name="font-size">28pt</xsl:attribute>
    <xsl:attribute name="line-height">118%</xsl:attribute>
    <xsl:attribute name="font-weight">600</xsl:attribute>
    <xsl:attribute name="space-before">8mm</xsl:attribute>
    <xsl:attribute name="hyphenate">false</xsl:attribute>
    <xsl:attribute name="keep-with-next">always</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="subtitle">
    <xsl:attribute name="font-size">15pt</xsl:attribute>
    <xsl:attribute name="line-height">130%</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$colour-muted"/></xsl:attribute>
    <xsl:attribute name="space-before">3mm</xsl:attribute>
    <xsl:attribute name="hyphenate">false</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="issuer">
    <xsl:attribute name="font-size">11pt</xsl:attribute>
    <xsl:attribute name="font-weight">600</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$colour-accent"/></xsl:attribute>
    <xsl:attribute name="space-before">9mm</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="title-meta">
    <xsl:attribute name="font-size">9.5pt</xsl:attribute>
    <xsl:attribute name="line-height">145%</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$colour-muted"/></xsl:attribute>
    <xsl:attribute name="space-before">5mm</xsl:attribute>
    <xsl:attribute name="space-after">6mm</xsl:attribute>
    <xsl:attribute name="border-top">0.5pt solid <xsl:value-of select="$colour-rule"/></xsl:attribute>
    <xsl:attribute name="padding-top">3mm</xsl:attribute>
  </xsl:attribute-set>

  <!-- Headings: parts of the document, role names, the sections of a role. -->
  <xsl:attribute-set name="part-heading">
    <xsl:attribute name="font-size">17pt</xsl:attribute>
    <xsl:attribute name="line-height">125%</xsl:attribute>
    <xsl:attribute name="font-weight">600</xsl:attribute>
    <xsl:attribute name="space-before">10mm</xsl:attribute>
    <xsl:attribute name="space-after">4mm</xsl:attribute>
    <xsl:attribute name="hyphenate">false</xsl:attribute>
    <xsl:attribute name="keep-with-next">always</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="role-name">
    <xsl:attribute name="font-size">22pt</xsl:attribute>
    <xsl:attribute name="line-height">120%</xsl:attribute>
    <xsl:attribute name="font-weight">600</xsl:attribute>
    <xsl:attribute name="space-before">2mm</xsl:attribute>
    <xsl:attribute name="space-after">3mm</xsl:attribute>
    <xsl:attribute name="hyphenate">false</xsl:attribute>
    <xsl:attribute name="keep-with-next">always</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="eyebrow">
    <xsl:attribute name="font-size">8.5pt</xsl:attribute>
    <xsl:attribute name="line-height">130%</xsl:attribute>
    <xsl:attribute name="font-weight">600</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$colour-muted"/></xsl:attribute>
    <xsl:attribute name="hyphenate">false</xsl:attribute>
    <xsl:attribute name="keep-with-next">always</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="summary">
    <xsl:attribute name="font-size">12pt</xsl:attribute>
    <xsl:attribute name="line-height">140%</xsl:attribute>
    <xsl:attribute name="color">#333333</xsl:attribute>
    <xsl:attribute name="space-after">3mm</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="section-heading">
    <xsl:attribute name="font-size">11.5pt</xsl:attribute>
    <xsl:attribute name="line-height">130%</xsl:attribute>
    <xsl:attribute name="font-weight">600</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$colour-accent"/></xsl:attribute>
    <xsl:attribute name="space-before">6mm</xsl:attribute>
    <xsl:attribute name="space-after">1.5mm</xsl:attribute>
    <xsl:attribute name="hyphenate">false</xsl:attribute>
    <xsl:attribute name="keep-with-next">always</xsl:attribute>
  </xsl:attribute-set>

  <!-- Running text. -->
  <xsl:attribute-set name="paragraph">
    <xsl:attribute name="space-after">2mm</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="note">
    <xsl:attribute name="font-size">9.5pt</xsl:attribute>
    <xsl:attribute name="line-height">140%</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$colour-muted"/></xsl:attribute>
    <xsl:attribute name="space-after">3mm</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="list">
    <xsl:attribute name="provisional-distance-between-starts">5mm</xsl:attribute>
    <xsl:attribute name="provisional-label-separation">2mm</xsl:attribute>
    <xsl:attribute name="space-after">2mm</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="list-item">
    <xsl:attribute name="space-after">1.2mm</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="bullet">
    <xsl:attribute name="color"><xsl:value-of select="$colour-accent"/></xsl:attribute>
    <xsl:attribute name="font-weight">700</xsl:attribute>
  </xsl:attribute-set>
  <!-- The checklist of reflection questions: a box to tick before each. -->
  <xsl:attribute-set name="checklist">
    <xsl:attribute name="provisional-distance-between-starts">7.5mm</xsl:attribute>
    <xsl:attribute name="provisional-label-separation">4mm</xsl:attribute>
    <xsl:attribute name="space-before">2mm</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="checklist-item">
    <xsl:attribute name="space-after">3.5mm</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="checkbox">
    <xsl:attribute name="border">0.8pt solid <xsl:value-of select="$colour-text"/></xsl:attribute>
    <xsl:attribute name="font-size">9pt</xsl:attribute>
    <xsl:attribute name="line-height">3.5mm</xsl:attribute>
    <xsl:attribute name="space-before">0.8mm</xsl:attribute>
    <!-- Margins (not inherited indents) keep the border inside the label. -->
    <xsl:attribute name="margin-left">0mm</xsl:attribute>
    <xsl:attribute name="margin-right">0mm</xsl:attribute>
  </xsl:attribute-set>

  <!-- Links: internal (role names) and external. -->
  <xsl:attribute-set name="link">
    <xsl:attribute name="color"><xsl:value-of select="$colour-accent"/></xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="link-address">
    <xsl:attribute name="font-size">8.5pt</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$colour-muted"/></xsl:attribute>
  </xsl:attribute-set>

  <!-- Relations of a role: the phrase in a hanging column, then the roles. -->
  <xsl:attribute-set name="relations">
    <xsl:attribute name="provisional-distance-between-starts">56mm</xsl:attribute>
    <xsl:attribute name="provisional-label-separation">4mm</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="relation-label">
    <xsl:attribute name="color"><xsl:value-of select="$colour-muted"/></xsl:attribute>
    <xsl:attribute name="hyphenate">false</xsl:attribute>
  </xsl:attribute-set>

  <!-- Tables: holders, revision history, contents. -->
  <xsl:attribute-set name="table">
    <xsl:attribute name="font-size">9.5pt</xsl:attribute>
    <xsl:attribute name="line-height">135%</xsl:attribute>
    <xsl:attribute name="space-before">1mm</xsl:attribute>
    <xsl:attribute name="space-after">2mm</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="table-head">
    <xsl:attribute name="font-size">8pt</xsl:attribute>
    <xsl:attribute name="font-weight">600</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$colour-muted"/></xsl:attribute>
    <xsl:attribute name="padding-top">1mm</xsl:attribute>
    <xsl:attribute name="padding-bottom">1mm</xsl:attribute>
    <xsl:attribute name="padding-left">1.5mm</xsl:attribute>
    <xsl:attribute name="padding-right">1.5mm</xsl:attribute>
    <xsl:attribute name="border-bottom">0.75pt solid <xsl:value-of select="$colour-muted"/></xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="table-cell">
    <xsl:attribute name="padding-top">1.5mm</xsl:attribute>
    <xsl:attribute name="padding-bottom">1.5mm</xsl:attribute>
    <xsl:attribute name="padding-left">1.5mm</xsl:attribute>
    <xsl:attribute name="padding-right">1.5mm</xsl:attribute>
    <xsl:attribute name="border-bottom">0.5pt solid <xsl:value-of select="$colour-rule"/></xsl:attribute>
  </xsl:attribute-set>
  <!-- The party rule beside a holder, and where the header's first
       column then starts (rule width plus cell padding). -->
  <xsl:variable name="holder-rule" select="'2.5pt'"/>
  <xsl:variable name="holder-indent" select="'2.4mm'"/>
  <!-- People's names are never hyphenated (SPEC section 3). -->
  <xsl:attribute-set name="person">
    <xsl:attribute name="hyphenate">false</xsl:attribute>
    <xsl:attribute name="font-weight">600</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="vacant">
    <xsl:attribute name="font-style">italic</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$colour-muted"/></xsl:attribute>
  </xsl:attribute-set>
  <!-- The contents move to the next page whole rather than leave a row or
       two behind (a long one still breaks). -->
  <xsl:attribute-set name="contents">
    <xsl:attribute name="font-size">9.5pt</xsl:attribute>
    <xsl:attribute name="line-height">135%</xsl:attribute>
    <xsl:attribute name="keep-together">always</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="contents-cell">
    <xsl:attribute name="padding-top">0.6mm</xsl:attribute>
    <xsl:attribute name="padding-bottom">0.6mm</xsl:attribute>
    <xsl:attribute name="border-bottom">0.5pt solid <xsl:value-of select="$colour-rule"/></xsl:attribute>
  </xsl:attribute-set>

  <!-- The diagram page and the acknowledgement block of a handout. -->
  <xsl:attribute-set name="diagram">
    <xsl:attribute name="text-align">center</xsl:attribute>
    <xsl:attribute name="line-height">100%</xsl:attribute>
    <xsl:attribute name="space-before">2mm</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="acknowledgement">
    <xsl:attribute name="space-before">5mm</xsl:attribute>
    <xsl:attribute name="padding-top">3mm</xsl:attribute>
    <xsl:attribute name="border-top">0.75pt solid <xsl:value-of select="$colour-muted"/></xsl:attribute>
    <xsl:attribute name="keep-together">always</xsl:attribute>
    <!-- never alone on a page: the end of the charter goes with it -->
    <xsl:attribute name="keep-with-previous">always</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="signature-line">
    <!-- Padding, not space: space at the top of a cell is discarded. -->
    <xsl:attribute name="padding-top">10mm</xsl:attribute>
    <xsl:attribute name="line-height">100%</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="signature-caption">
    <xsl:attribute name="font-size">8pt</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$colour-muted"/></xsl:attribute>
    <xsl:attribute name="space-before">1mm</xsl:attribute>
  </xsl:attribute-set>

  <!-- What changed since an old version (render with changes-since): a bar
     in the left margin beside new and changed text, and the list of
     changes in the complete document. -->
  <xsl:attribute-set name="change-bar">
    <xsl:attribute name="change-bar-color"><xsl:value-of select="$colour-accent"/></xsl:attribute>
    <xsl:attribute name="change-bar-width">2pt</xsl:attribute>
    <xsl:attribute name="change-bar-offset">5mm</xsl:attribute>
    <xsl:attribute name="change-bar-placement">start</xsl:attribute>
    <xsl:attribute name="change-bar-style">solid</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="changes">
    <xsl:attribute name="provisional-distance-between-starts">38mm</xsl:attribute>
    <xsl:attribute name="provisional-label-separation">4mm</xsl:attribute>
    <xsl:attribute name="space-before">1mm</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="changes-row">
    <xsl:attribute name="space-after">2.5mm</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="changes-label">
    <xsl:attribute name="font-weight">600</xsl:attribute>
    <xsl:attribute name="hyphenate">false</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="changes-role">
    <xsl:attribute name="space-after">1.5mm</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="changes-detail">
    <xsl:attribute name="font-size">9.5pt</xsl:attribute>
    <xsl:attribute name="line-height">140%</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$colour-muted"/></xsl:attribute>
  </xsl:attribute-set>
</xsl:stylesheet>
