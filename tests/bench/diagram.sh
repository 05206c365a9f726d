#!/bin/sh
# diagram.sh -- `ansvar diagram` against Graphviz dot on the same generated
# org charts (7, 100 and 1000 roles): median wall time and CPU time (user +
# system) of each, and the ratios, for PDF, SVG and PNG.  Run on demand from
# the top of a built tree:
#   tests/bench/diagram.sh       RUNS=N runs each (default 11); dot takes
#                                seconds a run at 1000 roles: SLOW_RUNS (3)
# The two programs run alternately, so that a machine shared with other
# work slows both alike.  dot gets the same boxes and labels, top to
# bottom, with orthogonal edges (splines=ortho), as close to what ansvar
# draws as dot can be asked for.
set -eu
cd "$(dirname "$0")/../.."
top=$PWD
runs=${RUNS:-11}
slow_runs=${SLOW_RUNS:-3}

command -v dot >/dev/null || { echo "diagram.sh: needs Graphviz (apt-get install graphviz)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "diagram.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
make -s ansvar tests/bench/diagram-gen >/dev/null
out=tests/tmp/bench-diagram
rm -rf "$out"
mkdir -p "$out"
for n in 7 100 1000; do
	tests/bench/diagram-gen $n 1 "$out/c$n"
done
ANSVAR_DATADIR=$top
export ANSVAR_DATADIR

# "wall cpu" in milliseconds for one run of the command (time(1) gives
# CPU time in hundredths of a second; the wall time is taken finer).
run() {
	s=$(date +%s%N)
	/usr/bin/time -f '%U %S' -o "$out/time" "$@" >/dev/null 2>&1 || true
	e=$(date +%s%N)
	awk -v w=$(((e - s) / 1000000)) '{ printf "%d %d\n", w, ($1 + $2) * 1000 }' "$out/time"
}

median() {
	sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

printf '%-6s %6s %10s %10s %8s   %10s %10s %8s\n' format roles "ansvar" "dot" "dot/ans" "ansvar cpu" "dot cpu" "dot/ans"
for fmt in pdf svg png; do
	for n in 7 100 1000; do
		r=$runs
		[ $n -ge 1000 ] && r=$slow_runs
		: >"$out/a" && : >"$out/d"
		i=0
		while [ $i -lt $r ]; do
			run ./ansvar diagram -o "$out/a$n.$fmt" "$out/c$n.xml" >>"$out/a"
			run dot -T$fmt "$out/c$n.dot" -o "$out/d$n.$fmt" >>"$out/d"
			i=$((i + 1))
		done
		aw=$(cut -d' ' -f1 "$out/a" | median)
		ac=$(cut -d' ' -f2 "$out/a" | median)
		dw=$(cut -d' ' -f1 "$out/d" | median)
		dc=$(cut -d' ' -f2 "$out/d" | median)
		printf '%-6s %6d %8d ms %7d ms %8s   %7d ms %7d ms %8s\n' $fmt $n "$aw" "$dw" \
		    "$(awk -v a="$aw" -v d="$dw" 'BEGIN { printf "%.1f", (a > 0 ? d / a : 0) }')" "$ac" "$dc" \
		    "$(awk -v a="$ac" -v d="$dc" 'BEGIN { printf "%.1f", (a > 0 ? d / a : 0) }')"
	done
done
