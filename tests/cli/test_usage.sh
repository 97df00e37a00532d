#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Usage errors exit 2 with one line plus the hint; --help and --version exit 0 on stdout.
source "$(dirname "$0")/lib.sh"
cd "$tmp"
cp "$here/plan.xml" plan.xml

pp --help
check "--help exits 0" is "$status" 0
check "--help on stdout" grep_q "Usage: planpress" "$tmp/stdout"
check "--help nothing on stderr" empty "$tmp/stderr"

pp -V
check "--version exits 0" is "$status" 0
check "--version prints the name" grep_q "^planpress " "$tmp/stdout"

usage_case() { # description args...
	local desc=$1
	shift
	pp "$@"
	check "$desc: exit 2" is "$status" 2
	check "$desc: two lines on stderr" lines 2 "$tmp/stderr"
	check "$desc: hint" is "$(tail -n 1 "$tmp/stderr")" "Try 'planpress --help'."
	check "$desc: nothing on stdout" empty "$tmp/stdout"
	check "$desc: nothing written" absent output
}
usage_case "unknown long option" --bogus plan.xml
usage_case "unknown short option" -x plan.xml
usage_case "missing value" plan.xml -o
usage_case "no plan" -v
usage_case "two plans" plan.xml plan.xml
usage_case "unknown format" -f docx plan.xml
usage_case "unknown template" -t nosuch plan.xml
usage_case "unknown dump" --dump=pages plan.xml
usage_case "bad dpi" --dpi=0 plan.xml
# A3 at 2400 dpi is 39,685 pixels long, more than a PNG page can be.
sed 's|<document id="main" output="example-plan">|<document id="main" output="example-plan" page="A3">|' \
	plan.xml >a3.xml
usage_case "PNG too large" --dpi=2400 -f png --document main a3.xml
check "PNG too large: names the resolution that would do" \
	grep_q "^planpress: --dpi=2400 makes a page 39685 pixels long, .*use --dpi=1981 or less$" "$tmp/stderr"
usage_case "-o and -O" -o a.pdf -O dir plan.xml
usage_case "-o with two documents" -o a.pdf plan.xml
usage_case "unknown document" --document nosuch plan.xml
usage_case "format from name" -o a.doc --document main plan.xml
pp --bogus plan.xml
check "names the option" grep_q "'--bogus'" "$tmp/stderr"
# A quoted argument cannot drive the terminal: an escape, a C1 control
# (U+0085) and a lone 8-bit CSI byte (0x9B) are shown, not printed.
usage_case "control characters in an argument" --document "$(printf 'a\033[2J\302\205\233b')" plan.xml
check "control characters in an argument: shown" is "$(head -n 1 "$tmp/stderr")" \
	'planpress: no document "a\x1B[2J<U+0085>\x9Bb" in plan.xml'
finish
