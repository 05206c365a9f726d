#!/bin/sh
# batch-bench.sh -- `ansvar render` over a whole office's collaborations:
# COUNT (default 1000) generated collaborations of 5 to 20 roles in sv, nb
# and nn (tests/bench/collab-gen, the same files on every machine), rendered
# in full with -j 1 and with -j 2 into empty directories (FULL_RUNS pairs,
# alternating), then rerun with nothing changed.  Prints wall and CPU time
# (user + system), collaborations and PDF documents per second, the peak
# memory of the largest process (GNU time), the speed-up of -j 2 (median of
# the pairs' ratios) and the median of RUNS no-change reruns.
#   tests/bench/batch-bench.sh            from the top of a built tree
#   COUNT=200 RUNS=5 FULL_RUNS=3 KEEP=1   (KEEP: leave tests/tmp/bench-batch)
# The machine is shared: the load average is printed before and after
# each measurement; CPU times are steadier than wall times.
set -eu
cd "$(dirname "$0")/../.."
top=$PWD
count=${COUNT:-1000}
runs=${RUNS:-5}
full_runs=${FULL_RUNS:-3}
[ -x /usr/bin/time ] || { echo "batch-bench.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
make -s ansvar tests/bench/collab-gen >/dev/null
ANSVAR_DATADIR=$top
export ANSVAR_DATADIR
work=tests/tmp/bench-batch
rm -rf "$work"
mkdir -p "$work"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
tests/bench/collab-gen "$count" 1 "$work/in"
roles=$(cat "$work"/in/*.xml | grep -c '<role ')
load() { uptime | sed 's/.*load average: //'; }

# run LABEL OUTDIR ARGS...: one timed run; prints "wall cpu peak_kB" and
# keeps the summary line in $work/summary.
run() {
	label=$1 out=$2
	shift 2
	s=$(date +%s%N)
	/usr/bin/time -f '%U %S %M' -o "$work/time" ./ansvar render -q -o "$out" "$@" "$work/in" >"$work/summary"
	e=$(date +%s%N)
	awk -v w=$(((e - s) / 1000000)) '{ printf "%.3f %.3f %d\n", w / 1000, $1 + $2, $3 }' "$work/time"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "batch-bench: $count collaborations, $roles roles, $(nproc) processors; load before: $(load)"
printf '%-22s %9s %9s %9s %12s %11s  %s\n' run wall_s cpu_s collabs/s documents/s peak_MB summary
# One full run with -j JOBS into an empty directory.  The previous
# run's outputs are deleted and synced first: the file system here
# discards freed blocks when the deletion commits, which would otherwise
# be paid for inside the timed run.
full() {
	jobs=$1
	rm -rf "$work/out$jobs"
	sync
	set -- $(run "-j $jobs" "$work/out$jobs" -j "$jobs")
	echo "$1" >>"$work/walls$jobs"
	docs=$(find "$work/out$jobs" -name '*.pdf' ! -name organisation.pdf | wc -l)
	printf '%-22s %9.2f %9.2f %9.1f %12.1f %11.1f  %s (load after: %s)\n' "full batch, -j $jobs" "$1" "$2" \
		"$(echo "$count / $1" | bc -l)" "$(echo "$docs / $1" | bc -l)" "$(echo "$3 / 1024" | bc -l)" \
		"$(cat "$work/summary")" "$(load)"
}
# -j 1 and -j 2 alternate, FULL_RUNS pairs: the machine's speed drifts
# over minutes, and a pair's ratio compares runs made a minute apart.
: >"$work/walls1"
: >"$work/walls2"
: >"$work/ratios"
i=0
while [ "$i" -lt "$full_runs" ]; do
	full 1
	full 2
	echo "$(tail -n 1 "$work/walls1") / $(tail -n 1 "$work/walls2")" | bc -l >>"$work/ratios"
	i=$((i + 1))
done
w2=$(median <"$work/walls2")
speedup=$(median <"$work/ratios")
diff -rq "$work/out1" "$work/out2" >/dev/null || { echo "batch-bench: -j 1 and -j 2 differ" >&2; exit 1; }
: >"$work/walls"
i=0
while [ "$i" -lt "$runs" ]; do
	set -- $(run "rerun" "$work/out2" -j 2)
	echo "$1" >>"$work/walls"
	printf '%-22s %9.3f %9.3f %9s %12s %11.1f  %s\n' "no-change rerun, -j 2" "$1" "$2" - - "$(echo "$3 / 1024" | bc -l)" \
		"$(cat "$work/summary")"
	i=$((i + 1))
done
wr=$(median <"$work/walls")
echo "full batch -j 2: $w2 s, median of $full_runs (target < 40 s);" \
	"-j 2 speed-up: $(printf %.2f "$speedup")x, median of $full_runs pairs (target >= 1.7x);" \
	"no-change rerun: $wr s, median of $runs (target < 1 s); load after: $(load)"
