#!/bin/sh
# render-bench.sh -- `ansvar render` against what a user would otherwise
# combine: Graphviz for the organisation chart (the same boxes and labels,
# in PDF, SVG and PNG at 200 dpi) and WeasyPrint for the charters (an
# equivalent HTML of the complete document and of every handout).  For each
# sample: the median wall time and CPU time (user + system) of RUNS runs,
# the peak memory, and the ratios.
#   tests/bench/render-bench.sh [RUNS]   (from the build tree; needs
#                                         graphviz, weasyprint, xsltproc)
# The machine is shared: look at `uptime` first; CPU times are steadier
# than wall times on a busy machine.
set -eu
runs=${1:-5}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
ansvar=${ANSVAR_BIN:-$top/ansvar}
export ANSVAR_DATADIR=${ANSVAR_DATADIR:-$top}
for tool in dot weasyprint xsltproc; do
  command -v $tool >/dev/null || {
    echo "render-bench: $tool is not installed (apt-get install graphviz weasyprint xsltproc)" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "render-bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Graphviz and WeasyPrint find the same fonts as ansvar (Open Sans).
cat > "$work/fonts.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig><include>/etc/fonts/fonts.conf</include><dir>$top/fonts</dir></fontconfig>
EOF
export FONTCONFIG_FILE="$work/fonts.conf"
fc-cache "$top/fonts" >/dev/null 2>&1 || true

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# measure SCRIPT: runs the shell script RUNS times; prints the medians of
# wall seconds, CPU seconds and peak resident kilobytes (of the largest
# process it ran).
measure() {
  : > "$work/w"; : > "$work/c"; : > "$work/m"
  i=0
  while [ $i -lt "$runs" ]; do
    start=$(date +%s.%N)
    /usr/bin/time -f '%U %S %M' -o "$work/one" sh -e "$1" >/dev/null 2>"$work/err" ||
      { cat "$work/err" >&2; exit 1; }
    end=$(date +%s.%N)
    echo "$end - $start" | bc >> "$work/w"
    awk '{print $1 + $2}' "$work/one" >> "$work/c"
    awk '{print $3}' "$work/one" >> "$work/m"
    i=$((i + 1))
  done
  echo "$(median < "$work/w") $(median < "$work/c") $(median < "$work/m")"
}

echo "uptime:$(uptime | sed 's/.*load average/ load average/')  runs: $runs"
printf '%-12s %-10s %8s %8s %8s   %s\n' sample tool wall_s cpu_s peak_MB "ratio to ansvar (wall, cpu)"
for xml in "$top"/samples/*.xml; do
  name=$(basename "$xml" .xml)
  lang=$(sed -n 's/.*<collaboration[^>]* xml:lang="\([a-z]*\)".*/\1/p' "$xml" | head -n 1)
  [ "$lang" = no ] && lang=nb
  d="$work/$name"
  mkdir -p "$d"

  # ansvar: the whole set (complete document, every handout, the diagram
  # in three formats), forced so that nothing is up to date.
  cat > "$d/ansvar.sh" <<EOF
"$ansvar" render -q -f -o "$d/out" "$xml"
EOF
  # Graphviz: the chart alone, in the three formats.
  xsltproc "$here/render-dot.xsl" "$xml" > "$d/chart.dot"
  cat > "$d/dot.sh" <<EOF
dot -Tpdf -o "$d/chart.pdf" "$d/chart.dot"
dot -Tsvg -o "$d/chart.svg" "$d/chart.dot"
dot -Tpng -Gdpi=200 -o "$d/chart.png" "$d/chart.dot"
EOF
  # WeasyPrint: the complete document's charters and every handout, from
  # HTML made beforehand (not timed).
  xsltproc --stringparam i18n "$top/templates/i18n/$lang.xml" "$here/render-html.xsl" "$xml" > "$d/document.html"
  : > "$d/weasy.sh"
  echo "weasyprint -q \"$d/document.html\" \"$d/document.pdf\"" >> "$d/weasy.sh"
  for role in $(sed -n 's/.*<role id="\([^"]*\)".*/\1/p' "$xml"); do
    xsltproc --stringparam i18n "$top/templates/i18n/$lang.xml" --stringparam role "$role" \
      "$here/render-html.xsl" "$xml" > "$d/$role.html"
    echo "weasyprint -q \"$d/$role.html\" \"$d/$role.pdf\"" >> "$d/weasy.sh"
  done

  a=$(measure "$d/ansvar.sh")
  g=$(measure "$d/dot.sh")
  w=$(measure "$d/weasy.sh")
  pages=$(pdfinfo "$d/out/$(ls "$d/out" | grep '\.pdf$' | head -n 1)" | awk '/^Pages/ {print $2}')
  wpages=$(pdfinfo "$d/document.pdf" | awk '/^Pages/ {print $2}')
  echo "$a" | awk -v s="$name" -v p="$pages" '{printf "%-12s %-10s %8.3f %8.3f %8.1f   (document: %s pages)\n", s, "ansvar", $1, $2, $3/1024, p}'
  echo "$g $a" | awk -v s="$name" '{printf "%-12s %-10s %8.3f %8.3f %8.1f   ansvar %.2fx, %.2fx Graphviz'"'"'s time (target: < 1)\n", s, "graphviz", $1, $2, $3/1024, $4/$1, $5/$2}'
  echo "$w $a" | awk -v s="$name" -v p="$wpages" '{printf "%-12s %-10s %8.3f %8.3f %8.1f   ansvar %.1fx, %.1fx faster (target: > 20x); document: %s pages\n", s, "weasyprint", $1, $2, $3/1024, $1/$4, $2/$5, p}'
done
