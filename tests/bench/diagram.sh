#!/bin/sh
# diagram.sh -- `ansvar diagram` against Graphviz dot on the same generated
# org charts (7, 100 and 1000 roles): median wall time of each and the ratio,
# for PDF, SVG and PNG.  Run on demand from the top of a built tree:
#   tests/bench/diagram.sh            (RUNS=N for N runs each, default 11;
#                                      dot at 1000 roles takes seconds a run:
#                                      SLOW_RUNS, default 3)
# dot gets the same boxes and labels, top to bottom, with orthogonal edges
# (splines=ortho), as close to what ansvar draws as dot can be asked for.
set -eu
cd "$(dirname "$0")/../.."
top=$PWD
runs=${RUNS:-11}
slow_runs=${SLOW_RUNS:-3}

command -v dot >/dev/null || { echo "diagram.sh: needs Graphviz (apt-get install graphviz)" >&2; exit 2; }
make -s ansvar tests/bench/diagram-gen >/dev/null
out=tests/tmp/bench-diagram
rm -rf "$out"
mkdir -p "$out"
for n in 7 100 1000; do
	tests/bench/diagram-gen $n 1 "$out/c$n"
done
ANSVAR_DATADIR=$top
export ANSVAR_DATADIR

# Milliseconds one run of the command takes.
ms() {
	s=$(date +%s%N)
	"$@" >/dev/null 2>&1 || true
	e=$(date +%s%N)
	echo $(((e - s) / 1000000))
}

median() {
	sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

printf '%-6s %6s %12s %12s %8s\n' format roles "ansvar ms" "dot ms" "dot/ansvar"
for fmt in pdf svg png; do
	for n in 7 100 1000; do
		r=$runs
		[ $n -ge 1000 ] && r=$slow_runs
		a=$(i=0; while [ $i -lt $runs ]; do ms ./ansvar diagram -o "$out/a$n.$fmt" "$out/c$n.xml"; i=$((i + 1)); done | median)
		d=$(i=0; while [ $i -lt $r ]; do ms dot -T$fmt "$out/c$n.dot" -o "$out/d$n.$fmt"; i=$((i + 1)); done | median)
		printf '%-6s %6d %12d %12d %8s\n' $fmt $n "$a" "$d" "$(awk -v a="$a" -v d="$d" 'BEGIN { printf "%.1f", (a > 0 ? d / a : 0) }')"
	done
done
