#!/bin/sh
# fo-gen.sh -- writes the benchmark's FO documents into DIR: a one-page role
# charter and documents of about 20 and 200 pages (headings, paragraphs,
# lists, a holder table, "Sida n av m" footers).
#   tests/bench/fo-gen.sh DIR
set -eu
dir=${1:?usage: fo-gen.sh DIR}
mkdir -p "$dir"

head() {
cat <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" xml:lang="sv" font-family="sans-serif" font-size="10pt">
  <fo:layout-master-set>
    <fo:simple-page-master master-name="A4" page-width="210mm" page-height="297mm" margin="18mm 20mm">
      <fo:region-body margin-top="12mm" margin-bottom="12mm"/>
      <fo:region-before extent="8mm"/>
      <fo:region-after extent="8mm"/>
    </fo:simple-page-master>
  </fo:layout-master-set>
  <fo:page-sequence master-reference="A4" id="doc">
    <fo:static-content flow-name="xsl-region-before"><fo:block font-size="8pt" text-align="end">Roller och ansvar</fo:block></fo:static-content>
    <fo:static-content flow-name="xsl-region-after"><fo:block font-size="8pt" text-align="center">Sida <fo:page-number/> av <fo:page-number-citation-last ref-id="doc"/></fo:block></fo:static-content>
    <fo:flow flow-name="xsl-region-body" hyphenate="true">
X
}

role() {
cat <<X
      <fo:block id="roll$1" font-size="15pt" font-weight="bold" space-before="12pt" space-after="6pt" keep-with-next="always" role="H1">Roll $1: Projektledare</fo:block>
      <fo:block space-after="6pt">Projektledaren leder det operativa arbetet i länsstyrgruppens utvecklingsarbete, ansvarar för att verksamhetsutvecklingen följer projektplanen och rapporterar till styrgruppen om läget, riskerna och behovet av beslut.</fo:block>
      <fo:block font-weight="bold" keep-with-next="always" space-before="6pt" role="H2">Ansvar</fo:block>
      <fo:list-block provisional-distance-between-starts="5mm">
X
for i in 1 2 3 4; do
cat <<X
        <fo:list-item space-before="2pt"><fo:list-item-label end-indent="label-end()"><fo:block>•</fo:block></fo:list-item-label><fo:list-item-body start-indent="body-start()"><fo:block>Samordnar kompetensutvecklingsinsatserna mellan kommunerna och regionen och följer upp att samverkansöverenskommelsen efterlevs (punkt $i).</fo:block></fo:list-item-body></fo:list-item>
X
done
cat <<X
      </fo:list-block>
      <fo:block font-weight="bold" keep-with-next="always" space-before="6pt" role="H2">Befogenheter och handlingsutrymme</fo:block>
      <fo:block text-align="justify">Inom den budget styrgruppen har fastställt får projektledaren fördela resurser, anlita stöd och prioritera mellan aktiviteter. Frågor som påverkar mål, tidplan eller budget lyfts till styrgruppen; se även <fo:basic-link internal-destination="roll1">den första rollen</fo:basic-link>.</fo:block>
      <fo:table space-before="6pt" border="0.5pt solid #888"><fo:table-column column-width="40%"/><fo:table-column column-width="60%"/>
        <fo:table-header><fo:table-row background-color="#e8e8e8"><fo:table-cell padding="2pt"><fo:block font-weight="bold">Part</fo:block></fo:table-cell><fo:table-cell padding="2pt"><fo:block font-weight="bold">Innehavare</fo:block></fo:table-cell></fo:table-row></fo:table-header>
        <fo:table-body><fo:table-row><fo:table-cell padding="2pt"><fo:block>Länets kommuner</fo:block></fo:table-cell><fo:table-cell padding="2pt"><fo:block hyphenate="false">Anna Berg, kommundirektör</fo:block></fo:table-cell></fo:table-row></fo:table-body>
      </fo:table>
X
}

tail() {
cat <<'X'
      <fo:block space-before="24pt">Underskrift</fo:block>
      <fo:block><fo:leader leader-pattern="rule" leader-length="70mm"/></fo:block>
    </fo:flow>
  </fo:page-sequence>
</fo:root>
X
}

gen() {
  { head; n=1; while [ $n -le "$2" ]; do role $n; n=$((n + 1)); done; tail; } > "$dir/$1.fo"
}
gen charter 1
gen doc20 43
gen doc200 450
