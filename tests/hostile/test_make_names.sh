#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `make reports` never runs what a plan names (issue 14 §1): a copy of the
# reports machinery (scripts/reports.mk, reports-deps.sh) renders plans,
# templates and logos whose file names hold each character make or the
# shell reads, and names built to run a command. Each plan renders (and
# is rendered again when its template or logo changes), or is refused with
# one line naming it; no command runs, nothing else is written.
source "$(dirname "$0")/../cli/lib.sh"
need make
src=${PP_SOURCE_DIR:-$here/../..}
mkdir "$tmp/project"
cd "$tmp/project"
mkdir scripts input input/tpl output
cp "$src/scripts/reports.mk" "$src/scripts/reports-deps.sh" "$src/scripts/reports-run.sh" scripts/

# The names: x<c>y for each character, then names built to run a command.
names=()
for c in ' ' '(' ')' "'" '"' '$' '#' '%' ':' '\' '*' '?' '[' ']' '`' '&' '<' '>' '~' '!' '{' \
	';' '=' '|' $'\n' $'\t'; do
	names+=("x${c}y")
done
names+=('$(shell touch PWNED)' '`touch PWNED`' '$(touch PWNED)' '$$(touch PWNED)'
	'x\$(touch PWNED)' ';touch PWNED' "'; touch PWNED; '" '" && touch PWNED && "'
	'#$(shell touch PWNED)' '%$(shell touch PWNED)%' 'a:$(shell touch PWNED)'
	$'x\n\ttouch PWNED' $'x\\\n\ttouch PWNED' 'x\ y')

# expect NAME: "render" when make can name NAME, else "refuse".
expect() {
	local s=$1
	if [[ $s =~ [[:cntrl:]] || $s == *[';=|']* || $s =~ \\([\ \#:*?\[%\\]|$) ]]; then
		echo refuse
	else
		echo render
	fi
}
# (a '&' in a replacement is the match in bash 5.2: written '\&')
xml_attr() {
	local s=${1//&/\&amp;}
	s=${s//</\&lt;}
	s=${s//\"/\&quot;}
	s=${s//$'\n'/\&#10;}
	printf '%s' "${s//$'\t'/\&#9;}"
}
# A 2 x 2 PNG, written without any image tool.
python3 - <<'EOF'
import struct, zlib
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
raw = b'\0' + b'\xc0\x30\x30' * 2 + b'\0' + b'\x30\x30\xc0' * 2
open('crest.png', 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 2, 2, 8, 2, 0, 0, 0))
                              + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
EOF
# plan FILE OUTPUT TEMPLATE: the test plan with one PDF document.
plan() {
	sed -e "s|template=\"default\"|template=\"$3\"|" -e "s|output=\"example-plan\"|output=\"$2\"|" \
		-e '/<document id="summary"/,/<\/document>/d' "$here/../cli/plan.xml" >"$1"
}

# For name i, a name make can write: input/<name>.xml (output case-i)
# whose template is input/tpl/<name>.xml, with logo input/tpl/<name>.png.
# Any other name: input/<name>.xml (output plan-i, default template), and
# input/tpl-i.xml (output tpl-i) with that template and logo.
for i in "${!names[@]}"; do
	n=${names[$i]}
	tpl_attr=$(xml_attr "tpl/$n.xml" | sed 's/[&|\\]/\\&/g')
	if [ "$(expect "$n")" = render ]; then
		plan "input/$n.xml" "case-$i" "$tpl_attr"
	else
		plan "input/$n.xml" "plan-$i" default
		plan "input/tpl-$i.xml" "tpl-$i" "$tpl_attr"
	fi
	printf '<template xmlns="urn:planpress:template:1" name="t%s"><cover><logo file="%s" x="10mm" y="10mm" width="20mm" height="20mm"/></cover></template>\n' \
		"$i" "$(xml_attr "$n.png")" >"input/tpl/$n.xml"
	cp crest.png "input/tpl/$n.png"
done
rm crest.png

reports() { status=0; timeout 120 scripts/reports-run.sh b "$PLANPRESS" -j4 \
	>"$tmp/stdout" 2>"$tmp/stderr" || status=$?; }
not_grep() { ! grep -q -- "$1" "$2"; }
nothing_run() {
	check "$1: no command ran" is "$(find . -name 'PWNED*' | wc -l)" 0
	check "$1: nothing written beside the project" is "$(ls -A | tr '\n' ' ')" "b input output scripts "
}

reports
check "first run: some plans are refused (exit 1)" is "$status" 1
nothing_run "first run"
n_render=0
for i in "${!names[@]}"; do
	n=${names[$i]}
	shown=$n
	[[ $n =~ [[:cntrl:]] ]] && shown=$(printf '%q' "$n")
	if [ "$(expect "$n")" = render ]; then
		n_render=$((n_render + 1))
		check "plan, template and logo named $shown render" test -s "output/case-$i.pdf"
	else
		check "plan named $shown is not rendered" absent "output/plan-$i.pdf"
		path="input/$n.xml"
		[[ $n =~ [[:cntrl:]] ]] && path=$(printf '%q' "$path")
		check "plan named $shown: one line says why" \
			grep -qF "make reports: $path: not rendered: its name holds" "$tmp/stderr"
		check "template named $shown is not rendered" absent "output/tpl-$i.pdf"
		# planpress refuses a control character itself, at the attribute
		if [[ $n =~ [[:cntrl:]] ]]; then
			check "template named $shown: a located error" \
				grep -qE "^input/tpl-$i.xml:4:1: error: malformed template file" "$tmp/stderr"
		else
			check "template named $shown: one line says why" \
				grep -qF "make reports: input/tpl-$i.xml: not rendered: the file it reads, " "$tmp/stderr"
		fi
	fi
done
check "each rendered plan is written once" is "$(grep -c '^planpress: wrote ' "$tmp/stderr")" "$n_render"
check "nothing else in output/" is "$(ls output | wc -l)" "$n_render"

# Dependencies are tracked through the escaped names: nothing to do, then
# a changed logo renders its plan again.
reports
check "second run renders nothing" is "$(grep -c '^planpress: wrote ' "$tmp/stderr" || true)" 0
sleep 1 # mtimes must differ
for i in "${!names[@]}"; do
	n=${names[$i]}
	[ "$(expect "$n")" = render ] && touch "input/tpl/$n.png"
done
reports
nothing_run "after touching the logos"
for i in "${!names[@]}"; do
	n=${names[$i]}
	[ "$(expect "$n")" = render ] || continue
	check "a changed logo named $n renders case-$i again" grep -qx "planpress: wrote output/case-$i.pdf (1 page)" "$tmp/stderr"
done
check "and only those" is "$(grep -c '^planpress: wrote ' "$tmp/stderr")" "$n_render"

# A deleted template is not "No rule to make target": the plan is tried
# again and planpress says what is missing (cc -MP).
rm "input/tpl/x y.xml"
reports
check "a deleted template: planpress names it" grep -q "input/tpl/x y.xml: no such template file" "$tmp/stderr"
check "a deleted template: not make's 'No rule'" not_grep "No rule to make target" "$tmp/stderr"
finish
