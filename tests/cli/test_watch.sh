#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# --watch renders, then renders again when the plan or its template changes;
# a broken plan prints its errors and keeps the last good outputs; a signal
# ends it with no temporary files left.
source "$(dirname "$0")/lib.sh"
cd "$tmp"
"$PLANPRESS" new >plan.xml
cp "$PP_SOURCE_DIR/templates/default.xml" house.xml
sed -i 's/template="default"/template="house.xml"/' plan.xml

# wait_for N: until the log has N lines that end a rebuild (10 s at most).
wait_for() {
	local i
	for i in $(seq 100); do
		[ "$(grep -c -e ': rendered' -e ': not rendered' watch.log)" -ge "$1" ] && return 0
		sleep 0.1
	done
	return 1
}

"$PLANPRESS" --watch -O out plan.xml 2>watch.log &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
check "watch: first render" wait_for 1
check "watch: says it rendered" grep -q "^planpress: plan.xml: rendered in [0-9.]* s$" watch.log
check "watch: wrote the report" nonempty out/corporate-plan-q1.pdf

sleep 0.3 # a new mtime second is not needed: the text differs
sed -i 's/Progress in Quarter 1/Progress in the first quarter/' plan.xml
check "watch: an edit renders again" wait_for 2
check "watch: says it rendered again" grep -q "rendered again in" watch.log
check "watch: the new text is in the report" \
	grep -q "first quarter" <(pdftotext out/corporate-plan-q1.pdf - 2>/dev/null)
cp out/corporate-plan-q1.pdf good.pdf

sed -i 's|<title>Corporate Plan</title>|<title>Climate \& Plan</title>|' plan.xml
check "watch: a broken plan is reported" wait_for 3
check "watch: with its located error" grep -q '^plan.xml:[0-9]*:[0-9]*: error: a bare "&"' watch.log
check "watch: and that the last good outputs are kept" grep -q "not rendered (exit status 1); the last good outputs are kept" watch.log
check "watch: the last good report is untouched" cmp -s good.pdf out/corporate-plan-q1.pdf

sed -i 's|Climate & Plan|Corporate Plan|' plan.xml
check "watch: the mended plan renders" wait_for 4
sed -i 's|</template>|  <!-- a change to the template -->\n</template>|' house.xml
check "watch: a template change renders again" wait_for 5

# A background job of a script ignores SIGINT, so stop it as a service
# manager would; Ctrl-C in a terminal takes the same way out.
kill -TERM $pid
status=0
wait $pid || status=$?
check "watch: a signal ends it, with the signal's status" is "$status" 143
check "watch: no temporary files" no_temps .
finish
