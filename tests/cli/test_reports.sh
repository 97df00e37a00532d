#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# make reports renders only what changed, and never gets stuck: the root
# Makefile's reports run (scripts/reports-run.sh) on a scratch input/.
source "$(dirname "$0")/lib.sh"
need make
src=${PP_SOURCE_DIR:-$here/../..}
cd "$tmp"
mkdir input output
cp "$here/plan.xml" input/one.xml
sed 's/output="example-/output="two-/' "$here/plan.xml" >input/two.xml
reports() { "$src/scripts/reports-run.sh" b "$PLANPRESS" "$@" \
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

# One broken plan among good ones: the others are rendered, its messages
# are printed once and plainly, and the run ends listing it, exit 1.
cp "$here/bad.xml" input/bad.xml
sed 's/output="example-/output="three-/' "$here/plan.xml" >input/three.xml
reports -j2
check "a bad plan fails the run" is "$status" 1
check "and says why" grep_q "bad.xml:[0-9]*:[0-9]*: error:" "$tmp/stderr"
check "its messages once" is "$(grep -c '^input/bad.xml:[0-9]*:[0-9]*: error:' "$tmp/stderr")" \
	"$("$PLANPRESS" --check input/bad.xml 2>&1 | grep -c 'error:')"
check "no make noise" is "$(grep -c -e 'make.*\*\*\*' -e 'Error [0-9]' "$tmp/stderr")" 0
check "the other plans are rendered" grep_q "wrote output/three-plan.pdf" "$tmp/stderr"
check "the run lists the plan not rendered" is "$(tail -n 1 "$tmp/stderr")" \
	"make reports: 1 plan was not rendered: input/bad.xml"
reports
check "still failing next time" is "$status" 1
check "and still saying why" grep_q "bad.xml:[0-9]*:[0-9]*: error:" "$tmp/stderr"
cp "$here/plan.xml" input/bad.xml
sed -i 's/output="example-/output="mended-/' input/bad.xml
reports
check "a mended plan is rendered" grep_q "wrote output/mended-plan.pdf" "$tmp/stderr"
check "and the run passes" is "$status" 0

# Templates live in input/templates/; one saved among the plans is named
# and skipped, and the others render.
mkdir input/templates
cp "$src/templates/bolton.xml" input/templates/house.xml
sed 's/output="example-/output="house-/; s/template="default"/template="house"/' "$here/plan.xml" >input/uses-house.xml
cp "$src/templates/bolton.xml" input/stray.xml
reports
check "a template among the plans: the run passes" is "$status" 0
check "a template among the plans is named and skipped" grep_q \
	"^make reports: input/stray.xml: skipped: it is a template, not a plan (keep templates in input/templates/)$" "$tmp/stderr"
check "a plan finds its template in input/templates/" grep_q "wrote output/house-plan.pdf" "$tmp/stderr"

# A template renamed or deleted never leaves make stuck: the plan that used
# it fails with planpress's own message, the others go on, and putting the
# template back mends it.
mv input/templates/house.xml input/templates/renamed.xml
touch input/one.xml
reports
check "a renamed template: the run fails" is "$status" 1
check "a renamed template: planpress says so" grep_q 'input/uses-house.xml:[0-9]*:[0-9]*: error: unknown template "house"' "$tmp/stderr"
check "a renamed template: no 'No rule to make target'" is "$(grep -c 'No rule to make target' "$tmp/stderr")" 0
check "a renamed template: the other plans are rendered" grep_q "wrote output/example-plan.pdf" "$tmp/stderr"
mv input/templates/renamed.xml input/templates/house.xml
touch input/templates/house.xml
reports
check "the template back: the run passes" is "$status" 0
check "the template back: its plan is rendered" grep_q "wrote output/house-plan.pdf" "$tmp/stderr"
finish
