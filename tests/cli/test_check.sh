#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# --check says everything a render would say and writes nothing: each
# faulty case gives the render's exit status and the render's messages.
source "$(dirname "$0")/lib.sh"
cd "$tmp"
cp "$here/plan.xml" plan.xml

# same_as_render DESCRIPTION ARGS...: --check and a render agree.
same_as_render() {
	local desc=$1
	shift
	pp -O out "$@"
	local render_status=$status
	grep -v '^output/' "$tmp/stderr" | grep -v '^out/' >render.err || true
	rm -rf out
	pp --check "$@"
	check "$desc: --check exits as the render ($render_status)" is "$status" "$render_status"
	check "$desc: --check says what the render says" cmp -s render.err "$tmp/stderr"
	check "$desc: --check writes nothing" absent out
	check "$desc: --check prints nothing on stdout" empty "$tmp/stdout"
}

sed 's/template="default"/template="nosuch"/' plan.xml >no-template.xml
same_as_render "a template that does not exist" no-template.xml
pp --check no-template.xml
check "a template that does not exist: an error" is "$status" 1
check "a template that does not exist: named" grep_q 'unknown template "nosuch"' "$tmp/stderr"

printf '<template xmlns="urn:planpress:template:1"><colours/></template>\n' >broken.xml
same_as_render "a broken template given with -t" -t broken.xml plan.xml
pp --check -t broken.xml plan.xml
check "a broken -t template: an error" is "$status" 1

# A template whose logo exists but cannot be drawn: a warning, as in a render.
printf 'not a png' >crest.png
printf '<template xmlns="urn:planpress:template:1"><cover><logo file="crest.png"/></cover></template>\n' >logo.xml
same_as_render "a logo that cannot be drawn" -t logo.xml plan.xml
pp --check -t logo.xml plan.xml
check "a logo that cannot be drawn: a warning" grep_q "warning: " "$tmp/stderr"

# A priority with no update for a progress table's period: a warning.
sed 's|<update period="q1" rag="GREEN">|<update period="q2" rag="GREEN">|' plan.xml |
	sed 's|<quarter id="q1" year="2020" q="1"/>|<quarter id="q1" year="2020" q="1"/><quarter id="q2" year="2020" q="2"/>|' >no-update.xml
same_as_render "a priority with no update" no-update.xml
pp --check no-update.xml
check "a priority with no update: exit 0" is "$status" 0
check "a priority with no update: the warning names it" \
	grep_q 'warning: priority "p1" has no <update period="q1">' "$tmp/stderr"

same_as_render "a clean plan" plan.xml
finish
