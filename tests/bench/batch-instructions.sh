#!/bin/sh
# batch-instructions.sh -- the instructions `ansvar render -j 1` executes
# per collaboration (callgrind), over COUNT (default 4) of the generated
# collaborations of batch-bench.sh, and the stages they go to.  On a shared
# machine wall and CPU times of the same run vary by 10-20%; instruction
# counts repeat exactly, so this is the measure to compare two builds by
# (it does not see the kernel's work: writing, page faults).
#   tests/bench/batch-instructions.sh          from the top of a built tree
#   COUNT=8 TOP=30 tests/bench/batch-instructions.sh
# Needs valgrind.  The parent's share (loading templates, fonts and the
# hyphenation patterns of three languages, once per run) is printed apart.
set -eu
cd "$(dirname "$0")/../.."
top=$PWD
count=${COUNT:-4}
lines=${TOP:-20}
command -v valgrind >/dev/null || { echo "batch-instructions.sh: needs valgrind" >&2; exit 2; }
make -s ansvar tests/bench/collab-gen >/dev/null
ANSVAR_DATADIR=$top
export ANSVAR_DATADIR
work=tests/tmp/bench-instructions
rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
tests/bench/collab-gen "$count" 1 "$work/in" >/dev/null
valgrind --tool=callgrind --trace-children=yes --callgrind-out-file="$work/cg.%p" \
	./ansvar render -q -j 1 -o "$work/out" "$work/in" >/dev/null 2>"$work/log"
# The worker is the process that ran the jobs: the larger profile.
worker=$(ls -S "$work"/cg.* | head -n 1)
parent=$(ls -S "$work"/cg.* | tail -n 1)
total() { callgrind_annotate "$1" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }'; }
w=$(total "$worker")
p=$(total "$parent")
echo "batch-instructions: $count collaborations: worker $w instructions ($((w / count)) per collaboration), parent $p"
echo "stages (inclusive, share of the worker):"
callgrind_annotate --inclusive=yes --auto=no "$worker" 2>/dev/null |
	grep -E '%\)  /[^ ]*/src/[a-z_]+\.c:(av_render_input|av_transform|av_fo_tree_build|av_fo_paginate|av_fo_draw|av_pdf_post|av_dg_layout|av_dg_render|write_png|load_again|finish_input)( |$)' |
	sed 's/ *\[.*//; s|/[^ ]*/src/||' | head -n "$lines"
