#!/bin/sh
# fo-bench.sh -- ansvar fo against Apache FOP on the same FO documents:
# median wall time and peak memory of several runs each, and the ratios.
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
  f=$(measure fop fop -q -fo "$work/$doc.fo" -pdf "$work/$doc-fop.pdf")
  pages=$(pdfinfo "$work/$doc.pdf" | awk '/^Pages/ {print $2}')
  fpages=$(pdfinfo "$work/$doc-fop.pdf" | awk '/^Pages/ {print $2}')
  echo "$a $f" | awk -v d="$doc" -v p="$pages/$fpages" '{printf "%-8s %6s  %10.3f %10.3f %6.1fx  %10.1f %10.1f %6.1fx\n", d, p, $1, $3, $3/$1, $2/1024, $4/1024, $4/$2}'
done
