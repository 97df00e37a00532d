#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A stack that runs out with memory to spare (issue 14): exit 3 with
# "ran out of stack space while <what was being done>", no temporary file,
# the old output untouched; never a bare SIGSEGV. Any other crash stays a
# crash (status 139), its temporary file removed all the same.
#
# Each run's stack limit is set in a subshell (ulimit -s). Reading is the
# deepest stage (libxml2's schema validation recurses once per level of
# nesting, about 2 KiB a level), so nesting 250 deep, which the format
# allows, needs more than 200 KiB of stack and renders with 8 MiB. For a
# stack running out later, in layout, stack_hog.so (preloaded) recurses
# without end inside a Pango call of the main thread or of the table's
# worker thread.
source "$(dirname "$0")/../cli/lib.sh"
need pdftotext
cd "$tmp"
: "${PP_STACK_HOG:?PP_STACK_HOG must name the built stack_hog.so}"
# AddressSanitizer leaves SIGSEGV to planpress, as a plain run does, and
# lets the test library be preloaded before it.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0:verify_asan_link_order=0"

python3 - "$here/../cli/plan.xml" <<'PY'
import sys
plan = open(sys.argv[1], encoding="utf-8").read()
intro = "<p>This plan sets out what the council will deliver in 2020-21.</p>"
assert intro in plan
def write(name, body):
    open(name, "w", encoding="utf-8").write(plan.replace(intro, body))
d = 250  # under the 256 levels a plan may nest
write("deep-inline.xml", "<p>" + "<b>" * (d - 6) + "deep" + "</b>" * (d - 6) + "</p>")
write("deep-lists.xml", "<ul><li>" * (d // 2 - 3) + "deep" + "</li></ul>" * (d // 2 - 3))
write("deep-sections.xml", '<section title="s">' * (d - 5) + "<p>deep</p>" + "</section>" * (d - 5))
# A table of 300 rows: long enough for the worker thread (64 rows or more).
start = plan.index('      <priority id="p1"')
end = plan.index("</priority>", start) + len("</priority>")
rows = "".join(plan[start:end].replace('id="p1" ref="P1"', 'id="p%d" ref="P%d"' % (i, i))
               for i in range(1, 301))
open("long.xml", "w", encoding="utf-8").write(plan[:start] + rows + plan[end:])
PY

# run LIMIT_KIB ARGS...: planpress under `ulimit -s LIMIT_KIB`, no core file.
run() {
	local limit=$1
	shift
	status=0
	(ulimit -c 0 && ulimit -s "$limit" && exec "$PLANPRESS" "$@") \
		>"$tmp/stdout" 2>"$tmp/stderr" || status=$?
}
# one_error TEXT: stderr is exactly that one line.
one_error() { [ "$(cat "$tmp/stderr")" = "$1" ]; }

for f in deep-inline deep-lists deep-sections; do
	mkdir -p out/$f
	echo "old output" >out/$f/example-plan.pdf
	run 200 -o out/$f/example-plan.pdf --document main $f.xml
	check "$f, 200 KiB: exit 3, not a signal [$status]" is "$status" 3
	check "$f, 200 KiB: says the stack ran out while reading" one_error \
		"planpress: error: ran out of stack space while reading $f.xml (the stack limit, ulimit -s, is 200 KiB)"
	check "$f, 200 KiB: the old output is untouched" grep -qx "old output" out/$f/example-plan.pdf
	check "$f, 200 KiB: no temporary file left" no_temps out

	run 8192 -o out/$f/example-plan.pdf --document main $f.xml
	check "$f, 8 MiB: renders (exit 0)" is "$status" 0
	check "$f, 8 MiB: no error" eval '! grep -q ": error: " "$tmp/stderr"'
	pdftotext out/$f/example-plan.pdf $f.txt || true
	check "$f, 8 MiB: the PDF holds the deepest text" grep -q deep $f.txt
done

# The stack running out in layout, with the PDF's temporary file open:
# in the main thread, and in the table's worker thread.
for thread in main pp-layout; do
	mkdir -p out/$thread
	echo "old output" >out/$thread/example-plan.pdf
	PP_HOG_THREAD=$thread PP_HOG_AFTER=20 LD_PRELOAD=$PP_STACK_HOG \
		run 8192 -o out/$thread/example-plan.pdf --document main long.xml
	check "$thread thread: exit 3, not a signal [$status]" is "$status" 3
	check "$thread thread: says the stack ran out while laying out" one_error \
		"planpress: error: ran out of stack space while laying out and writing out/$thread/example-plan.pdf (document \"main\") (the stack limit, ulimit -s, is 8192 KiB)"
	check "$thread thread: the old output is untouched" grep -qx "old output" out/$thread/example-plan.pdf
	check "$thread thread: no temporary file left" no_temps out
done

# Another crash in layout (a read of a page that may not be read, as
# through a stray pointer) is not taken for the stack: it ends by its
# signal, with its temporary file removed.
mkdir -p out/stray
echo "old output" >out/stray/example-plan.pdf
PP_HOG_THREAD=main PP_HOG_AFTER=20 PP_HOG_NULL=1 LD_PRELOAD=$PP_STACK_HOG \
	run 8192 -o out/stray/example-plan.pdf --document main long.xml
check "a stray pointer: ends by SIGSEGV (139) [$status]" is "$status" 139
check "a stray pointer: not reported as the stack" empty "$tmp/stderr"
check "a stray pointer: the old output is untouched" grep -qx "old output" out/stray/example-plan.pdf
check "a stray pointer: no temporary file left" no_temps out

# Threads do not take their stack's size from a small ulimit -s: with
# 64 KiB, Pango's font-loading thread ("[pango] FcInit") overflowed its
# stack, which has no handler to report it, and the run died by SIGSEGV.
run 64 -o out/small-stack.pdf --document main long.xml
check "64 KiB: the long table renders (exit 0) [$status]" is "$status" 0
check "64 KiB: no message" empty "$tmp/stderr"
check "64 KiB: the PDF is written" grep -q "^%PDF" out/small-stack.pdf
finish
