#!/bin/sh
# fo-bench.sh -- ansvar fo against Apache FOP on the same FO documents:
# median wall time and peak memory of several runs each, and the ratios.
# FOP is given ansvar's fonts (fonts/) under the same family names, as
# tests/test_fo.c does, so both set the same text in the same faces and
# the page counts can be compared.  The load average is printed before
# and after: the figures mean something only on a quiet machine.
#   tests/bench/fo-bench.sh [RUNS]      (run from the build tree; needs fop)
set -eu
runs=${1:-5}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
ansvar=${ANSVAR_BIN:-$top/ansvar}
export ANSVAR_DATADIR=${ANSVAR_DATADIR:-$top}
command -v fop >/dev/null || { echo "fo-bench: fop is not installed (apt-get install fop)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "fo-bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sh "$here/fo-gen.sh" "$work"

# FOP's configuration: every face of fonts/ under the families ansvar's
# fonts.conf gives it (sans-serif is Open Sans, serif Noto Serif)
fonts=$ANSVAR_DATADIR/fonts
{
  echo '<?xml version="1.0"?>'
  echo "<fop version=\"1.0\"><font-base>$fonts/</font-base><renderers><renderer mime=\"application/pdf\"><fonts>"
  for face in "OpenSans-Regular normal normal sans" "OpenSans-Italic italic normal sans" \
      "OpenSans-Bold normal bold sans" "OpenSans-BoldItalic italic bold sans" \
      "OpenSans-Semibold normal 600 sans" "OpenSans-SemiboldItalic italic 600 sans" \
      "NotoSerif-Regular normal normal serif" "NotoSerif-Italic italic normal serif" \
      "NotoSerif-Bold normal bold serif" "NotoSerif-BoldItalic italic bold serif"; do
    set -- $face
    printf '<font kerning="yes" embed-url="%s.ttf">' "$1"
    if [ "$4" = sans ]; then families="sans-serif|Open Sans|Helvetica|Arial"; else families="serif|Noto Serif|Times|Times New Roman"; fi
    echo "$families" | tr '|' '\n' | while read -r fam; do
      printf '<font-triplet name="%s" style="%s" weight="%s"/>' "$fam" "$2" "$3"
    done
    echo '</font>'
  done
  echo '</fonts></renderer></renderers></fop>'
} > "$work/fop.xconf"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# median of the numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# measure NAME CMD...: prints "seconds kilobytes" medians
measure() {
  name=$1; shift
  : > "$work/t"; : > "$work/m"
  i=0
  while [ $i -lt "$runs" ]; do
    /usr/bin/time -f '%e %M' -o "$work/one" "$@" >/dev/null 2>&1
    cut -d' ' -f1 "$work/one" >> "$work/t"
    cut -d' ' -f2 "$work/one" >> "$work/m"
    i=$((i + 1))
  done
  echo "$(median < "$work/t") $(median < "$work/m")"
}

printf '%-8s %6s  %10s %10s %7s  %10s %10s %7s\n' doc pages ansvar_s fop_s speedup ansvar_MB fop_MB mem
for doc in charter doc20 doc200; do
  a=$(measure ansvar "$ansvar" fo -o "$work/$doc.pdf" "$work/$doc.fo")
  f=$(measure fop fop -q -c "$work/fop.xconf" -fo "$work/$doc.fo" -pdf "$work/$doc-fop.pdf")
  pages=$(pdfinfo "$work/$doc.pdf" | awk '/^Pages/ {print $2}')
  fpages=$(pdfinfo "$work/$doc-fop.pdf" | awk '/^Pages/ {print $2}')
  echo "$a $f" | awk -v d="$doc" -v p="$pages/$fpages" '{printf "%-8s %6s  %10.3f %10.3f %6.1fx  %10.1f %10.1f %6.1fx\n", d, p, $1, $3, $3/$1, $2/1024, $4/1024, $4/$2}'
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
