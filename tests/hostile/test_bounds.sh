#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Size and time bounds beyond the parser (issue 14, README.md): inputs
# whose work used to grow faster than their size, and templates whose
# geometry cannot work. Each ends within 10 seconds and 512 MB of address
# space in a located error naming the limit (exit 1, nothing written), or
# in a correct document. Inputs come from gen_bounds.py at run time.
source "$(dirname "$0")/../cli/lib.sh"
cd "$tmp"
python3 "$here/../hostile/gen_bounds.py"
cp "$here/../cli/plan.xml" plan.xml

# Under AddressSanitizer the address-space bound cannot apply (its shadow
# memory reserves terabytes); the time bound still does.
need prlimit
limit=(prlimit --as=$((512 * 1024 * 1024)))
if grep -q __asan_init "$PLANPRESS" 2>/dev/null; then
	limit=() # ASan's shadow memory needs terabytes of address space
fi

# bounded ARGS...: run planpress -O out ARGS within the bounds.
bounded() {
	rm -rf out
	status=0
	"${limit[@]}" timeout 10 "$PLANPRESS" -O out "$@" >"$tmp/stdout" 2>"$tmp/stderr" || status=$?
}

# refused WHAT WHERE MESSAGE ARGS...: exit 1, the first message is an error
# located at WHERE (file:line:col) saying MESSAGE, and nothing is written.
refused() {
	local what=$1 where=$2 want=$3
	shift 3
	bounded "$@"
	check "$what: exit 1 within 10 s and 512 MB" is "$status" 1
	check "$what: a located error at $where" \
		match "$(head -n 1 "$tmp/stderr")" "^$where: error: "
	check "$what: says \"$want\"" grep -qF -- "$want" "$tmp/stderr"
	check "$what: no output written" absent out
	check "$what: no temporary files" no_temps .
}

# rendered WHAT ARGS...: exit 0 within the bounds, a PDF written.
rendered() {
	local what=$1
	shift
	bounded "$@"
	check "$what: exit 0 within 10 s and 512 MB" is "$status" 0
	check "$what: a PDF written" bash -c "ls out/*.pdf >/dev/null"
}

# Running header and footer patterns repeating fields: refused where the
# pattern is written (they took minutes and gigabytes: each page expanded
# 25,000 copies of a 1,000-character title).
running="the running header is longer than 1000 characters"
refused "{title} x 25,000 in the plan" "running-title.xml:34:7" "$running" \
	--document main running-title.xml
refused "{pages} x 20,000 in the plan" "running-page.xml:34:7" \
	"the running footer is longer than 1000 characters" --document main running-page.xml
bounded --check running-title.xml
check "{title} x 25,000: --check finds it too" is "$status" 1
refused "{title} x 20,000 in a template" "running.template.xml:3:3" "$running" \
	-t running.template.xml --document main plan.xml
# Under the limit, a header that wraps past the margin ends in "…" there.
status=0
"$PLANPRESS" --dump=layout --document main running-wraps.xml >running-wraps.dump 2>"$tmp/stderr" || status=$?
check "a 920-character header: exit 0" is "$status" 0
check "a 920-character header: every box inside its page" \
	python3 "$here/../hostile/check_dump.py" inside running-wraps.dump

# A template naming 20,000 font families (15 s in fontconfig's matching).
refused "20,000 font families" "fonts.template.xml:3:3" \
	"the font list names more than 64 families" -t fonts.template.xml --document main plan.xml

# 50 MB of paragraphs in one section, and in one commentary cell (17 s,
# and 26 s and 530 MB, before): refused at the first paragraph, by --check too.
blocks="is more than 1000000 characters (split it over sections or documents)"
refused "a 50 MB narrative" "narrative-50mb.xml:35:9" "$blocks" narrative-50mb.xml
refused "a 50 MB commentary" "commentary-50mb.xml:27:23" "$blocks" commentary-50mb.xml
bounded --check commentary-50mb.xml
check "a 50 MB commentary: --check finds it too" is "$status" 1

# Posters: 10,000 written boxes or tiers are refused before libxml2 (its
# schema matching of a <poster columns title> grows with the square of its
# tiers: 5.6 s for 10,000); a tier made from a theme of 10,000 priorities
# renders, one column a box, going on over pages at a line of boxes (132 s
# and boxes narrower than their padding before).
refused "10,000 boxes in a tier" "poster-boxes.xml:47:51" \
	"<tier> holds more than 1000 elements directly inside it" poster-boxes.xml
refused "10,000 tiers" "poster-tiers.xml:47:7" \
	"<poster> holds more than 1000 elements directly inside it" poster-tiers.xml
rendered "a poster of 10,000 priorities" --document summary -f pdf poster-theme.xml
status=0
"${limit[@]}" timeout 10 "$PLANPRESS" --dump=layout --document summary poster-theme.xml \
	>poster-theme.dump 2>"$tmp/stderr" || status=$?
check "a poster of 10,000 priorities: laid out within 10 s and 512 MB" is "$status" 0
check "a poster of 10,000 priorities: every box inside its page" \
	python3 "$here/../hostile/check_dump.py" inside poster-theme.dump
check "a poster of 10,000 priorities: P10000 is on it" grep -q "| P10000\. Deliver" poster-theme.dump
# 100 tiers of 100 written boxes with connectors: tiers taller than a page
# go on over pages, and no connector reaches for a tier on another page
# (or, with no banner, above the page).
status=0
"${limit[@]}" timeout 10 "$PLANPRESS" --dump=layout --document summary poster-100x100.xml \
	>poster-100.dump 2>"$tmp/stderr" || status=$?
check "100 tiers of 100 boxes: laid out within 10 s and 512 MB" is "$status" 0
check "100 tiers of 100 boxes: every box and connector inside its page" \
	python3 "$here/../hostile/check_dump.py" inside poster-100.dump
check "100 tiers of 100 boxes: the last box is there" grep -q "| Box 99 of tier 99 " poster-100.dump

# 10,000 documents in one plan: each is checked and laid out once, with
# the template loaded once for all (22 s of layout before; writing 10,000
# files is another matter, bench/).
status=0
"${limit[@]}" timeout 10 "$PLANPRESS" --dump=layout documents-10000.xml \
	>documents.dump 2>"$tmp/stderr" || status=$?
check "10,000 documents: laid out within 10 s and 512 MB" is "$status" 0
check "10,000 documents: one page each" is "$(grep -c '^page 1 ' documents.dump)" 10000
check "10,000 documents: the last one's text" grep -q "| Text 9999\.$" documents.dump

# Geometry that cannot work: located at the template's <page> (the one
# for the document's page size when it has one) or the plan's <column>.
room="points for text on an A4 portrait page; at least 144 x 144 are needed"
refused "margins wider than the page" "margins-wider.template.xml:3:3" \
	"the margins leave -204.7 x 729.9 $room" -t margins-wider.template.xml plan.xml
refused "a text area 35 points wide" "narrow-body.template.xml:3:3" \
	"the margins leave 35.3 x 729.9 $room" -t narrow-body.template.xml plan.xml
refused "A4 margins of their own" "a4-narrow.template.xml:4:3" \
	"the margins leave 126.8 x 729.9 $room" -t a4-narrow.template.xml plan.xml
refused "no room for the running footer" "footer-room.template.xml:3:3" \
	"the bottom margin of 20.0 points less its gap of 15.0 leaves no room for the running footer" \
	-t footer-room.template.xml plan.xml
refused "a 2% column" "column-2pc.xml:39:11" \
	'a column of width "2%" leaves 2.2 points for text on an A4 portrait page' column-2pc.xml
refused "a 100000pt column" "column-wide.xml:39:11" \
	"the columns' fixed widths add up to 100460.1 points, more than the 511.3 points" column-wide.xml
refused "a poster of 100 columns" "poster-columns.xml:47:7" \
	"a poster of 100 columns leaves -9.3 points of text a column on an A3 landscape page" \
	poster-columns.xml
for t in margin-negative gap-negative text-huge; do
	refused "$t" "$t.template.xml:3:3" "error: malformed" -t $t.template.xml plan.xml
done
# 300-point top and bottom margins leave 242 points on a portrait page,
# none on a landscape one: only a document that turns is refused.
rendered "tall margins, portrait" -t margins-tall.template.xml --document main plan.xml
refused "tall margins, a landscape section" "margins-tall.template.xml:3:3" \
	"points for text on an A4 landscape page" -t margins-tall.template.xml --document main \
	landscape-section.xml
# Thousands of glyphs on one SVG page: their ids are prefixed in linear
# time (a fuzzing finding; it took over a minute).
bounded --document summary svg-glyphs.xml
check "an SVG page of many glyphs: exit 0 within 10 s and 512 MB" is "$status" 0
check "an SVG page of many glyphs: its pages written" test -s out/example-summary-1.svg
check "an SVG page of many glyphs: ids prefixed" grep -q 'id="example-summary-1-glyph' out/example-summary-1.svg
# Issue 14: an indicator's elements and a series' points are at most
# 10,000 (libxml2's RelaxNG matches them in quadratic time: 20,000
# comparators took 5.6 s, 40,000 took 22 s); 9,000 render.
refused "20,000 comparators" "indicator-20000.xml:22:7" \
	"<indicator> holds more than 10000 elements directly inside it" indicator-20000.xml
refused "20,000 points" "series-20000.xml:35:38" \
	"<series> holds more than 10000 elements directly inside it" series-20000.xml
rendered "an indicator of 9,000 comparators" --document main indicator-9000.xml
# A status-history column of one column per period, each narrower than a
# character: refused at the <column> (101 periods in 10% were drawn as a
# block of overprinted labels; 40,001 ran out of memory).
refused "status history of 101 periods in 10%" "history-100.xml:43:11" \
	"a status-history column of 101 periods leaves -7.5 points of text a period on an A4 portrait page, narrower than one character (8.5 points): give it fewer periods or more width (at most 3 periods fit)" \
	--document main history-100.xml
refused "status history of 40,001 periods" "history-40000.xml:43:11" \
	"a status-history column of 40001 periods leaves -8.0 points" --document main history-40000.xml
finish
