<?xml version="1.0" encoding="UTF-8"?>
<!--
  common.xsl - what the complete document and the handouts share: the
  parameters, labels and dates of the chosen language, page masters, running
  header and footer, and the PDF metadata.

  Input: a collaboration (SPEC section 3) after the C side's normalisation:
  every party has a colour, and the author's hyphenation words carry soft
  hyphens (U+00AD) in the text.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:ax="urn:ansvar:fo"
    xmlns:ch="urn:ansvar:changes"
    exclude-result-prefixes="ax ch">

  <!-- sv, nb or nn (no means nb); empty: the collaboration's xml:lang. -->
  <xsl:param name="lang" select="''"/>
  <!-- A label such as "Bilaga 3" when the document is an appendix. -->
  <xsl:param name="appendix" select="''"/>
  <!-- The logo file as the typesetter opens it (an absolute path); given by
       the C side when the collaboration names a logo. -->
  <xsl:param name="logo" select="''"/>

  <xsl:key name="role" match="/collaboration/role" use="@id"/>
  <xsl:key name="party" match="/collaboration/party" use="@id"/>
  <!-- The labels of i18n/LANG.xml by key (the template "label"). -->
  <xsl:key name="i18n-label" match="/i18n/label" use="@key"/>
  <!-- The roles that point at a role, by relation. -->
  <xsl:key name="reports-to" match="/collaboration/role" use="reports-to/@role"/>
  <xsl:key name="member-of" match="/collaboration/role" use="member-of/@role"/>
  <xsl:key name="advises" match="/collaboration/role" use="advises/@role"/>
  <xsl:key name="supports" match="/collaboration/role" use="supports/@role"/>
  <xsl:key name="escalates-to" match="/collaboration/role" use="escalates-to/@role"/>

  <xsl:variable name="title" select="normalize-space(/collaboration/title)"/>

  <!-- Stops at input that is not a collaboration. -->
  <xsl:template name="check-input">
    <xsl:if test="not(/collaboration)">
      <xsl:message terminate="yes">the input is not a collaboration (its root element is '<xsl:value-of select="name(/*)"/>')</xsl:message>
    </xsl:if>
  </xsl:template>

  <xsl:variable name="language">
    <xsl:variable name="asked">
      <xsl:choose>
        <xsl:when test="$lang != ''"><xsl:value-of select="$lang"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="/collaboration/@xml:lang"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$asked = 'no'">nb</xsl:when>
      <xsl:otherwise><xsl:value-of select="$asked"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- The labels of the language, read relative to this stylesheet. -->
  <xsl:variable name="i18n" select="document(concat('i18n/', $language, '.xml'))/i18n"/>

  <!-- A set importing this one may replace single labels by defining this
       variable as a node-set of <label key="...">text</label> elements. -->
  <xsl:variable name="label-overrides" select="/.."/>

  <!-- The hyphenation language of the FO (language, xml:lang). -->
  <xsl:variable name="hyphenation-language" select="$i18n/@hyphenation"/>

  <xsl:variable name="SHY" select="'&#173;'"/>

  <!-- Structure tags of the tagged PDF (the FO property role, as FOP and
       ansvar read it) for a role's name and the headings of its charter;
       the handout, where the role is the document, sets them a level up. -->
  <xsl:variable name="tag-role-name" select="'H2'"/>
  <xsl:variable name="tag-section" select="'H3'"/>

  <!-- A label of the language by key. -->
  <xsl:template name="label">
    <xsl:param name="key"/>
    <xsl:variable name="over" select="$label-overrides[@key = $key]"/>
    <xsl:choose>
      <xsl:when test="$over"><xsl:value-of select="$over[1]"/></xsl:when>
      <xsl:when test="not($i18n)">
        <xsl:message terminate="yes">no labels for language '<xsl:value-of select="$language"/>': i18n/<xsl:value-of select="$language"/>.xml is missing or unreadable</xsl:message>
      </xsl:when>
      <xsl:otherwise>
        <!-- key() looks in the document of the context node: the labels' -->
        <xsl:for-each select="$i18n">
          <xsl:variable name="own" select="key('i18n-label', $key)"/>
          <xsl:if test="not($own)">
            <xsl:message terminate="yes">i18n/<xsl:value-of select="$language"/>.xml has no label '<xsl:value-of select="$key"/>'</xsl:message>
          </xsl:if>
          <xsl:value-of select="$own[1]"/>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A label with its {fields} filled: page, pages, date, by, count,
       role, name, text.  Each field is a result fragment (text or FO
       elements); unknown fields stay as written. -->
  <xsl:template name="fill">
    <xsl:param name="key"/>
    <xsl:param name="text">
      <xsl:call-template name="label">
        <xsl:with-param name="key" select="$key"/>
      </xsl:call-template>
    </xsl:param>
    <xsl:param name="page"/>
    <xsl:param name="pages"/>
    <xsl:param name="date"/>
    <xsl:param name="by"/>
    <xsl:param name="count"/>
    <xsl:param name="role"/>
    <xsl:param name="name"/>
    <xsl:param name="value"/>
    <xsl:variable name="rest" select="substring-after($text, '{')"/>
    <xsl:choose>
      <xsl:when test="contains($rest, '}')">
        <xsl:variable name="field" select="substring-before($rest, '}')"/>
        <xsl:value-of select="substring-before($text, '{')"/>
        <xsl:choose>
          <xsl:when test="$field = 'page'"><xsl:copy-of select="$page"/></xsl:when>
          <xsl:when test="$field = 'pages'"><xsl:copy-of select="$pages"/></xsl:when>
          <xsl:when test="$field = 'date'"><xsl:copy-of select="$date"/></xsl:when>
          <xsl:when test="$field = 'by'"><xsl:copy-of select="$by"/></xsl:when>
          <xsl:when test="$field = 'count'"><xsl:copy-of select="$count"/></xsl:when>
          <xsl:when test="$field = 'role'"><xsl:copy-of select="$role"/></xsl:when>
          <xsl:when test="$field = 'name'"><xsl:copy-of select="$name"/></xsl:when>
          <xsl:when test="$field = 'text'"><xsl:copy-of select="$value"/></xsl:when>
          <xsl:otherwise>{<xsl:value-of select="$field"/>}</xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="fill">
          <xsl:with-param name="text" select="substring-after($rest, '}')"/>
          <xsl:with-param name="page" select="$page"/>
          <xsl:with-param name="pages" select="$pages"/>
          <xsl:with-param name="date" select="$date"/>
          <xsl:with-param name="by" select="$by"/>
          <xsl:with-param name="count" select="$count"/>
          <xsl:with-param name="role" select="$role"/>
          <xsl:with-param name="name" select="$name"/>
          <xsl:with-param name="value" select="$value"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A date YYYY-MM-DD in the language's style ("27 maj 2013"). -->
  <xsl:template name="date">
    <xsl:param name="iso"/>
    <xsl:variable name="month" select="number(substring($iso, 6, 2))"/>
    <xsl:variable name="pattern" select="$i18n/date/@pattern"/>
    <xsl:call-template name="date-fields">
      <xsl:with-param name="text" select="$pattern"/>
      <xsl:with-param name="day" select="number(substring($iso, 9, 2))"/>
      <xsl:with-param name="month" select="$i18n/month[$month]"/>
      <xsl:with-param name="year" select="substring($iso, 1, 4)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="date-fields">
    <xsl:param name="text"/>
    <xsl:param name="day"/>
    <xsl:param name="month"/>
    <xsl:param name="year"/>
    <xsl:variable name="rest" select="substring-after($text, '{')"/>
    <xsl:choose>
      <xsl:when test="contains($rest, '}')">
        <xsl:variable name="field" select="substring-before($rest, '}')"/>
        <xsl:value-of select="substring-before($text, '{')"/>
        <xsl:choose>
          <xsl:when test="$field = 'day'"><xsl:value-of select="$day"/></xsl:when>
          <xsl:when test="$field = 'month'"><xsl:value-of select="$month"/></xsl:when>
          <xsl:when test="$field = 'year'"><xsl:value-of select="$year"/></xsl:when>
          <xsl:otherwise>{<xsl:value-of select="$field"/>}</xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="date-fields">
          <xsl:with-param name="text" select="substring-after($rest, '}')"/>
          <xsl:with-param name="day" select="$day"/>
          <xsl:with-param name="month" select="$month"/>
          <xsl:with-param name="year" select="$year"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Text without the soft hyphens of the author's hyphenation words, for
       places where nothing is set in lines (metadata, bookmarks, alt text). -->
  <xsl:template name="plain">
    <xsl:param name="text" select="."/>
    <xsl:value-of select="translate($text, $SHY, '')"/>
  </xsl:template>

  <!-- The latest history entry (the last revision, else the decision). -->
  <xsl:variable name="latest" select="(/collaboration/history/decided | /collaboration/history/revised)[last()]"/>

  <!-- The page masters: A4 portrait, and landscape for the diagram. -->
  <xsl:template name="layout-master-set">
    <fo:layout-master-set>
      <fo:simple-page-master master-name="portrait" page-width="{$page-width}"
          page-height="{$page-height}" xsl:use-attribute-sets="page-master">
        <fo:region-body xsl:use-attribute-sets="region-body"/>
        <fo:region-before xsl:use-attribute-sets="region-before"/>
        <fo:region-after xsl:use-attribute-sets="region-after"/>
      </fo:simple-page-master>
      <fo:simple-page-master master-name="landscape" page-width="{$page-height}"
          page-height="{$page-width}" xsl:use-attribute-sets="page-master">
        <fo:region-body xsl:use-attribute-sets="region-body"/>
        <fo:region-before xsl:use-attribute-sets="region-before"/>
        <fo:region-after xsl:use-attribute-sets="region-after"/>
      </fo:simple-page-master>
    </fo:layout-master-set>
  </xsl:template>

  <!-- What every page-sequence carries: language, text defaults, and the
       PDF page-label prefix of an appendix. -->
  <xsl:template name="page-sequence-attributes">
    <xsl:attribute name="xml:lang"><xsl:value-of select="$language"/></xsl:attribute>
    <xsl:attribute name="language"><xsl:value-of select="$hyphenation-language"/></xsl:attribute>
    <xsl:if test="$appendix != ''">
      <xsl:attribute name="ax:page-label-prefix"><xsl:value-of select="concat($appendix, '-')"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- Running header (left: a title; right: a label) and footer (the
       decision stamp, and below it a note when one is given; "page n of m"
       citing the block of the "end" template). -->
  <xsl:template name="static-content">
    <xsl:param name="left" select="''"/>
    <xsl:param name="right" select="''"/>
    <xsl:param name="note" select="''"/>
    <fo:static-content flow-name="xsl-region-before">
      <fo:table xsl:use-attribute-sets="running">
        <fo:table-column column-width="70%"/>
        <fo:table-column column-width="30%"/>
        <fo:table-body>
          <fo:table-row>
            <fo:table-cell><fo:block><xsl:value-of select="$left"/></fo:block></fo:table-cell>
            <fo:table-cell text-align="end">
              <fo:block xsl:use-attribute-sets="running-label"><xsl:value-of select="$right"/></fo:block>
            </fo:table-cell>
          </fo:table-row>
        </fo:table-body>
      </fo:table>
    </fo:static-content>
    <fo:static-content flow-name="xsl-region-after">
      <fo:block xsl:use-attribute-sets="running footer-rule">
        <fo:table>
          <fo:table-column column-width="82%"/>
          <fo:table-column column-width="18%"/>
          <fo:table-body>
            <fo:table-row>
              <fo:table-cell>
                <fo:block><xsl:call-template name="stamp"/></fo:block>
                <xsl:if test="string($note) != ''">
                  <fo:block><xsl:copy-of select="$note"/></fo:block>
                </xsl:if>
              </fo:table-cell>
              <fo:table-cell text-align="end">
                <fo:block>
                  <xsl:call-template name="fill">
                    <xsl:with-param name="key" select="'page'"/>
                    <xsl:with-param name="page"><fo:page-number/></xsl:with-param>
                    <xsl:with-param name="pages"><fo:page-number-citation-last ref-id="_end"/></xsl:with-param>
                  </xsl:call-template>
                </fo:block>
              </fo:table-cell>
            </fo:table-row>
          </fo:table-body>
        </fo:table>
      </fo:block>
    </fo:static-content>
  </xsl:template>

  <!-- The last block of the last flow: "page n of m" cites its page. -->
  <xsl:template name="end">
    <fo:block id="_end"/>
  </xsl:template>

  <!-- "Beslutad 8 mars 2011 av Länsstyrgruppen · Reviderad 27 maj 2013" -->
  <xsl:template name="stamp">
    <xsl:variable name="decided" select="/collaboration/history/decided"/>
    <xsl:variable name="revised" select="/collaboration/history/revised[last()]"/>
    <xsl:if test="$decided">
      <xsl:call-template name="fill">
        <xsl:with-param name="key" select="'stamp-decided'"/>
        <xsl:with-param name="date">
          <xsl:call-template name="date"><xsl:with-param name="iso" select="$decided/@date"/></xsl:call-template>
        </xsl:with-param>
        <xsl:with-param name="by" select="string($decided/@by)"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="$decided and $revised">
      <xsl:text> · </xsl:text>
    </xsl:if>
    <xsl:if test="$revised">
      <xsl:call-template name="fill">
        <xsl:with-param name="key" select="'stamp-revised'"/>
        <xsl:with-param name="date">
          <xsl:call-template name="date"><xsl:with-param name="iso" select="$revised/@date"/></xsl:call-template>
        </xsl:with-param>
        <xsl:with-param name="by" select="string($revised/@by)"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- PDF metadata as XMP in fo:declarations (the form Apache FOP reads):
       title, creator (the issuer), description (the subtitle), language,
       and the creation date from the history, never the clock. -->
  <xsl:template name="metadata">
    <xsl:param name="title"/>
    <fo:declarations>
      <x:xmpmeta xmlns:x="adobe:ns:meta/">
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
              xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <dc:title><xsl:value-of select="translate($title, $SHY, '')"/></dc:title>
            <xsl:for-each select="/collaboration/issuer">
              <dc:creator><xsl:call-template name="plain"/></dc:creator>
            </xsl:for-each>
            <xsl:for-each select="/collaboration/subtitle">
              <dc:description><xsl:call-template name="plain"/></dc:description>
            </xsl:for-each>
            <dc:language><xsl:value-of select="$language"/></dc:language>
            <xsl:if test="$latest">
              <xmp:CreateDate><xsl:value-of select="concat($latest/@date, 'T00:00:00Z')"/></xmp:CreateDate>
            </xsl:if>
          </rdf:Description>
        </rdf:RDF>
      </x:xmpmeta>
    </fo:declarations>
  </xsl:template>

  <!-- A thin bar in the colour of a role's first holder's party. -->
  <xsl:template name="party-bar">
    <xsl:param name="role" select="."/>
    <xsl:variable name="colour" select="key('party', $role/holder[1]/@party)/@colour"/>
    <fo:block line-height="100%">
      <fo:leader leader-pattern="rule" leader-length="16mm" rule-thickness="2.5pt">
        <xsl:attribute name="color">
          <xsl:choose>
            <xsl:when test="$colour"><xsl:value-of select="$colour"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$colour-accent"/></xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
      </fo:leader>
    </fo:block>
  </xsl:template>

  <!-- Change bars (render with changes-since): the C side marks what is
       new or changed since the old version with ch:status and names each
       marked element with ch:id; a changed role also says which of its
       parts changed (ch:name, ch:summary, ch:holders, ch:relations).  A
       bar begins and ends around the marked content, in the margin.  With
       no marks these templates write nothing. -->
  <xsl:template name="change-bar-begin">
    <xsl:param name="marked" select="@ch:status"/>
    <xsl:param name="class" select="@ch:id"/>
    <xsl:if test="$marked">
      <fo:change-bar-begin change-bar-class="{$class}" xsl:use-attribute-sets="change-bar"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="change-bar-end">
    <xsl:param name="marked" select="@ch:status"/>
    <xsl:param name="class" select="@ch:id"/>
    <xsl:if test="$marked">
      <fo:change-bar-end change-bar-class="{$class}"/>
    </xsl:if>
  </xsl:template>

  <!-- A label dated with the old version's latest history date ("Ändringar
       sedan 27 maj 2013"), or its KEY-undated form when the old version has
       no history. -->
  <xsl:template name="changes-fill">
    <xsl:param name="key"/>
    <xsl:variable name="since" select="/collaboration/ch:changes/@since"/>
    <xsl:choose>
      <xsl:when test="$since">
        <xsl:call-template name="fill">
          <xsl:with-param name="key" select="$key"/>
          <xsl:with-param name="date">
            <xsl:call-template name="date"><xsl:with-param name="iso" select="$since"/></xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="label"><xsl:with-param name="key" select="concat($key, '-undated')"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
