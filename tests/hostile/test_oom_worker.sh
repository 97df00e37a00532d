#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Memory running out in the layout worker thread (issue 14): exit 3 with
# one message naming what was being done, no temporary file, the old output
# untouched; never a crash.
#
# GLib reports a failed allocation by formatting a message, which needs
# memory too: g_logv recurses until the thread's stack overflows, and the
# SIGSEGV handler runs only because every thread has an alternate signal
# stack. Under an address-space limit this happened about 1 run in 4 at
# 150 MB; here it happens every run: oom_worker.so (preloaded) fails every
# allocation of the "pp-layout" thread after its first N and lowers the
# limit to the process's size then, as a limit reached there would.
source "$(dirname "$0")/../cli/lib.sh"
cd "$tmp"
: "${PP_OOM_WORKER:?PP_OOM_WORKER must name the built oom_worker.so}"
# A table of 300 rows: long enough for a worker thread (64 rows or more).
python3 - "$here/../cli/plan.xml" <<'PY'
import sys
plan = open(sys.argv[1], encoding="utf-8").read()
start = plan.index('      <priority id="p1"')
end = plan.index("</priority>", start) + len("</priority>")
rows = "".join(plan[start:end].replace('id="p1" ref="P1"', 'id="p%d" ref="P%d"' % (i, i))
               for i in range(1, 301))
open("long.xml", "w", encoding="utf-8").write(plan[:start] + rows + plan[end:])
PY
mkdir out

if grep -q __asan_init "$PLANPRESS" 2>/dev/null; then
	# AddressSanitizer keeps its own allocator and signal stacks (a
	# preloaded allocator cannot go before it): check that the worker
	# thread, on the stack AddressSanitizer gave it, renders as before.
	pp -o out/example-plan.pdf --document main long.xml
	check "AddressSanitizer: the long table renders (exit 0)" is "$status" 0
	check "AddressSanitizer: no message" empty "$tmp/stderr"
	finish
	exit 0
fi

# Without failing allocations the same run renders, and the library counts
# the allocations of the busiest worker thread (the table is measured in
# batches, a thread each; each later failure is the library's, at a point
# of that thread's own work).
status=0
PP_OOM_AFTER=100000000 PP_OOM_COUNT=$tmp/count LD_PRELOAD=$PP_OOM_WORKER "$PLANPRESS" \
	-o out/example-plan.pdf --document main long.xml >"$tmp/stdout" 2>"$tmp/stderr" || status=$?
check "no failing allocation: exit 0" is "$status" 0
check "no failing allocation: the PDF is written" grep -q "^%PDF" out/example-plan.pdf
total=$(cat "$tmp/count" 2>/dev/null || echo 0)
check "the worker thread laid the table out (it made $total allocations)" \
	test "$total" -ge 500

# N = 2 to 20 crashed with SIGSEGV before every thread had a signal stack;
# larger N fail in Pango or HarfBuzz code that reports it otherwise. The
# last two fail halfway through the busiest worker's allocations and near
# their end (nine tenths), whatever their number (about 1,100 here).
for n in 2 5 10 20 50 200 $((total / 2)) $((total * 9 / 10)); do
	mkdir out/$n
	echo "old output" >out/$n/example-plan.pdf
	status=0
	(ulimit -c 0; PP_OOM_AFTER=$n LD_PRELOAD=$PP_OOM_WORKER exec "$PLANPRESS" \
		-o out/$n/example-plan.pdf --document main long.xml) >"$tmp/stdout" 2>"$tmp/stderr" ||
		status=$?
	check "N=$n: exit 3, not a signal [$status]" is "$status" 3
	check "N=$n: says what was being done" grep -qE \
		"^planpress: error: out of memory while laying out and writing out/$n/example-plan.pdf \(document \"main\"\) \((asked for [0-9]+ bytes|GLib: .*|a library failed .*)\)$" \
		"$tmp/stderr"
	check "N=$n: one error, the last line" \
		is "$(grep -c '^planpress: error: ' "$tmp/stderr")/$(tail -n 1 "$tmp/stderr" | cut -c1-31)" \
		"1/planpress: error: out of memory"
	check "N=$n: the old output is untouched" grep -qx "old output" out/$n/example-plan.pdf
	check "N=$n: no temporary file left" no_temps out/$n
done

finish
