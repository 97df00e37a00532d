#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# make reports renders only what changed: scripts/reports.mk run on a
# scratch input/ directory, as the root Makefile runs it.
source "$(dirname "$0")/lib.sh"
need make
src=${PP_SOURCE_DIR:-$here/../..}
cd "$tmp"
mkdir input output
cp "$here/plan.xml" input/one.xml
sed 's/output="example-/output="two-/' "$here/plan.xml" >input/two.xml
reports() { make --no-print-directory -f "$src/scripts/reports.mk" BUILD=b PLANPRESS="$PLANPRESS" "$@" \
	>"$tmp/stdout" 2>"$tmp/stderr" && status=0 || status=$?; }

reports -j2
check "first run exits 0" is "$status" 0
check "first run writes all 8 files" is "$(grep -c '^planpress: wrote ' "$tmp/stderr")" 8
check "files exist" test -s output/two-summary.svg

reports
check "second run exits 0" is "$status" 0
check "second run renders nothing" empty "$tmp/stderr"

sleep 1 # mtimes must differ
touch input/two.xml
reports
check "a changed plan is rendered again" grep_q "wrote output/two-plan.pdf" "$tmp/stderr"
check "an unchanged plan is not" is "$(grep -c 'output/example-' "$tmp/stderr")" 0

rm output/example-summary.png
reports
check "a deleted output is rendered again" test -s output/example-summary.png

cp "$here/bad.xml" input/bad.xml
reports
check "a bad plan fails the run" is "$status" 2
check "and says why" grep_q "bad.xml:[0-9]*:[0-9]*: error:" "$tmp/stderr"
finish
