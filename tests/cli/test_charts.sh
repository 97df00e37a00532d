#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Pie, donut and stacked-bar charts, an indicator line chart with a target
# and status points, and status summaries (charts.xml: 49 priorities rated
# in Q1, 21 GREEN, 21 AMBER, 7 RED): the counts and percentages printed in
# the keys and tables, read back with pdftotext and with MuPDF; a slice of
# 0 listed in the table but not drawn or keyed; the tagged structure
# (figures with their data as alt text, tables with row headers); no two
# texts of a figure overlapping; colours from the template; the same bytes
# twice; the pages rasterise.
source "$(dirname "$0")/lib.sh"
cd "$tmp"
cp "$here/charts.xml" charts.xml
need pdftotext pdftoppm mutool qpdf python3

pp -O out charts.xml
check "render exits 0" is "$status" 0
check "no messages" empty "$tmp/stderr"
pdftotext out/charts.pdf text.txt
mutool draw -q -F txt -o mu.txt out/charts.pdf 2>/dev/null
# Words as both readers see them, whitespace runs made one space.
flat() { tr -s ' \n' '  ' <"$1"; }
flat text.txt >poppler.txt
flat mu.txt >mupdf.txt
has() { grep -qF -- "$1" poppler.txt && grep -qF -- "$1" mupdf.txt; }
hasnt() { ! grep -qF -- "$1" poppler.txt && ! grep -qF -- "$1" mupdf.txt; }

# The pack's front page, worked out from the updates.
check "summary title names the document's period" has "Status of priorities, Quarter 1 24/25"
check "key: GREEN 21 (43%)" has "GREEN 21 (43%)"
check "key: AMBER 21 (43%)" has "AMBER 21 (43%)"
check "key: RED 7 (14%)" has "RED 7 (14%)"
check "no key entry for a status nobody has" hasnt "COMPLETE 0 (0%)"
check "table total" has "Total 49 100%"
check "per-theme table: shares of each row" has "Council 0 (0%) 0 (0%) 5 (42%) 7 (58%)"
check "per-theme table: the whole plan's row" has "All themes 21 (43%) 0 (0%) 21 (43%) 7 (14%)"
check "Q2: those with no Q2 update are not rated" has "Not rated 45 (92%)"
check "actions: a heading when there is no chart" has "Status of actions, Quarter 1 24/25"
check "actions: thirds round to 100" has "1 34% AMBER/GREEN 0 0% AMBER 1 33% RED 1 33%"
# A chart's own data.
check "pie key with counts and shares" has "Partly upheld 30 (30%)"
check "a slice of 0 is in the table" has "Escalated 0 0%"
check "a slice of 0 is not in the key" hasnt "Escalated 0 (0%)"
# The total sits in the hole, the key beside: read down the page (poppler
# reads the key's lines in between when the donut heads its page).
pdftotext -layout out/charts.pdf layout.txt
in_hole() { awk 'prev ~ /^ +49( |$)/ && $0 ~ /^ +Total( |$)/ { found = 1 } { prev = $0 } END { exit !found }' layout.txt && grep -qF "49 Total" mupdf.txt; }
check "donut's total in its hole" in_hole
check "stacked bar: values, shares of the bar and totals in the table" has "Place 8 (67%) 3 (25%) 1 (8%) 12"
check "line chart: the target is named in the legend and table" has "Target 40 40 40 40"
check "line chart: the points' statuses in the table" has "Actual: status GREEN AMBER RED GREEN"

python3 "$here/pdf_structure.py" --tree out/charts.pdf >tree 2>"$tmp/stderr" || status=$?
check "structure checks pass" empty "$tmp/stderr"
check "pie's alt text gives every share" \
	grep_q 'Figure \[Alt=Pie chart: Complaints by outcome. Complaints: Upheld 12 (12%), Partly upheld 30 (30%), Not upheld 55 (56%), Withdrawn 1 (1%), Referred on 1 (1%), Escalated 0 (0%); total 99.\]' tree
check "donut's alt text names the statuses" \
	grep_q 'Figure \[Alt=Donut chart: Indicators by status. Indicators: Green 21 (43%) (GREEN)' tree
check "line chart's alt text names the target" grep_q 'Target: Q1 40, Q2 40' tree
check "summary tables have row headers" grep_q 'TH \[Scope=Row\]' tree

pp --dump=layout charts.xml
check "layout dump exits 0" is "$status" 0
cp "$tmp/stdout" layout.dump
python3 "$here/check_overlap.py" <"$tmp/stdout" >overlap 2>&1 || status=$?
check "no two texts of a figure overlap" is "$status" 0
check "the overlap check saw the figures" grep_q "^[1-9][0-9]* figure texts" overlap
# The check itself finds an overlap when there is one.
printf 'page 1 100x100\n  text 0 0 50 10 Figure#1\n  text 40 5 50 10 Figure#1\n' >bad.dump
status=0
python3 "$here/check_overlap.py" <bad.dump >/dev/null || status=$?
check "the overlap check fails on overlapping texts" is "$status" 1
check "slices are drawn as polygons" grep_q "^  poly .* fill=#00703c" "$tmp/stdout"

# The colours are the template's: another series list and grid change them.
cat >house.xml <<'XML'
<template xmlns="urn:planpress:template:1">
  <chart grid="#eeeeee"><series colour="#123456"/><series colour="#654321"/></chart>
</template>
XML
pp --dump=layout --template house.xml charts.xml
check "a template's series colours fill the slices" grep_q "^  poly .* fill=#654321" "$tmp/stdout"
check "a template's grid colour draws the grid" grep_q "^  line .* stroke=#eeeeee" "$tmp/stdout"
check "no default series colour is left" bash -c "! grep -q 'poly .* fill=#00827f' '$tmp/stdout'"

pp -O again charts.xml
check "the same input gives the same bytes" cmp -s out/charts.pdf again/charts.pdf

# A summary's chart that does not fit the rest of its page opens the next
# page whole; it is placed before the summary's data is freed (a chart in
# text floats past what follows, a summary's cannot: it once read freed
# memory and crashed).
long=$(printf 'Text that fills the page before the summary. %.0s' $(seq 1 260))
sed "s|<section title=\"Summary\">|<section title=\"Summary\"><p>$long</p>|" charts.xml >tall.xml
pp -O tall tall.xml
check "a summary after a full page renders" is "$status" 0
pdftotext -layout tall/charts.pdf tall.txt
check "its chart on the next page, whole" grep -q "GREEN 21 (43%)" tall.txt
check "after the text" test "$(grep -n 'Text that fills' tall.txt | tail -1 | cut -d: -f1)" -lt "$(grep -n 'GREEN 21 (43%)' tall.txt | head -1 | cut -d: -f1)"

pdftoppm -r 50 -png out/charts.pdf page
check "every page rasterises" test "$(ls page-*.png | wc -l)" -eq "$(grep -c '^page ' layout.dump)"
# A chart keeps its data table: with more and more text before a pie whose
# table (90 rows) is longer than a page, the pie is never the last thing
# on its page: the table's header and first row are on the pie's page,
# and the table breaks onto the pages after. Somewhere along, the pie
# must move to the next page to keep them.
rows=$(for i in $(seq 1 90); do printf '<point x="Category %s" y="%s"/>' "$i" $((i % 7 + 1)); done)
para='<p>Text before the chart, so that the chart fits this page with less and less room for its data table below it.</p>'
moved=0 broke=0
for n in $(seq 22 32); do
	printf '<plan xmlns="urn:planpress:plan:1" template="default"><facts><organisation>O</organisation><title>T</title></facts><documents><document id="d" output="d"><section title="S">%s<chart type="pie" title="Long" table="yes"><series name="S">%s</series></chart><p>After.</p></section></document></documents></plan>\n' \
		"$(for i in $(seq 1 "$n"); do printf '%s' "$para"; done)" "$rows" >long.xml
	pp --dump=layout long.xml
	where=$(python3 - "$tmp/stdout" <<'PY'
import re, sys
page, first = 0, {}
for line in open(sys.argv[1]):
    m = re.match(r"page (\d+)", line)
    if m:
        page = int(m.group(1))
        continue
    m = re.search(r" (Figure|TH|TD)#\d+", line)
    if m and m.group(1) not in first:
        first[m.group(1)] = page
print(first.get("Figure"), first.get("TH"), first.get("TD"), page)
PY
)
	read -r fig th td last <<<"$where"
	check "$n paragraphs: the table's header and first row on the pie's page ($where)" \
		bash -c "[ '$fig' = '$th' ] && [ '$fig' = '$td' ]"
	[ "$fig" = 2 ] && moved=1
	[ "$fig" = 1 ] && [ "$last" -ge 3 ] && broke=1
done
check "the pie moved to keep its table" is "$moved" 1
check "a pie kept its page, its table breaking after" is "$broke" 1
finish
