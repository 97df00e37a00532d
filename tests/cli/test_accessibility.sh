#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Tagged PDF (docs/accessibility.md) on a fixture with a table over two
# pages, lists, a chart, a data table, a link and a Welsh paragraph: the
# structure checks of pdf_structure.py pass, the tree has one Table per
# table with the header row once, headings, lists, figure alt text and
# languages, and pdftotext reads the long table in logical order with
# arrows, bullets and the ● mark intact.
source "$(dirname "$0")/lib.sh"
cd "$tmp"
cp "$here/a11y.xml" a11y.xml
need pdfinfo pdftotext qpdf python3 xmllint

pp -O a a11y.xml
check "render exits 0" is "$status" 0
pdfinfo a/a11y.pdf >info
check "tagged" grep_q "^Tagged: *yes" info
check "the table runs over more than one page" grep_q "^Pages: *[2-9]$" info

python3 "$here/pdf_structure.py" --tree a/a11y.pdf >tree 2>"$tmp/stderr" || status=$?
check "structure checks pass" empty "$tmp/stderr"
count() { [ "$(grep -c -- "$1" tree)" -eq "$2" ]; }
check "one Table per table (2)" count '^ *Table$' 2
check "the long table's header row is in the tree once" count 'TH \[Scope=Column\] mcids' 6
# 2 rows of the data table, then 1 header row and 40 priority rows: no row
# split by the page break appears twice.
check "every row of the tables is one TR" count '^        TR$' 43
check "row headers have row scope" grep_q 'TH \[Scope=Row\]' tree
check "headings" count '^    H1 mcids' 2
check "a list of LI with Lbl and LBody" grep_q '^        Lbl mcids' tree
check "chart is a Figure with its data as alt text" \
	grep_q 'Figure \[Alt=Bar chart: Children looked after. Bolton: 2019 10, 2020 12.\]' tree
check "link described" grep_q 'Link \[Alt=full plan\]' tree
check "Welsh paragraph has its language" grep_q 'P \[Lang=cy\]' tree

# Reading order: the table's rows in order across the page break, each
# row's cells left to right, and each header word read once per page.
pdftotext a/a11y.pdf text.txt
order_ok() {
	local last=0 n line
	for n in $(seq 1 40); do
		line=$(grep -n -m1 -x "P$n" text.txt | cut -d: -f1)
		[ -n "$line" ] && [ "$line" -gt "$last" ] || return 1
		last=$line
	done
}
check "rows P1..P40 read in order over both pages" order_ok
row_ok() {
	local a b c d
	a=$(grep -n -m1 -x 'P1' text.txt | cut -d: -f1)
	b=$(grep -n -m1 'Priority number 1 of the plan' text.txt | cut -d: -f1)
	c=$(grep -n -m1 'Progress on priority 1:' text.txt | cut -d: -f1)
	d=$(grep -n -m1 -x 'AMBER' text.txt | cut -d: -f1)
	[ "$a" -lt "$b" ] && [ "$b" -lt "$c" ] && [ "$c" -lt "$d" ]
}
check "a row reads ref, title, commentary, RAG" row_ok
check "arrow extracts" grep_q 'First point → arrow' text.txt
check "bullet and ● mark extract" grep_q 'Second point • bullet ● mark' text.txt

# SVG: a title, a description and findable text over the glyph outlines.
pp -f svg -O c a11y.xml
check "SVG render exits 0" is "$status" 0
svg=c/a11y-1.svg
check "SVG well formed" xmllint --noout "$svg"
x() { xmllint --xpath "$1" "$svg" 2>/dev/null; }
check "SVG title" is "$(x 'string(/*[local-name()="svg"]/*[local-name()="title"])')" \
	"Accessible Plan"
check "SVG desc names the headings" match \
	"$(x 'string(/*[local-name()="svg"]/*[local-name()="desc"])')" 'Introduction\.'
check "SVG text findable" match "$(x 'string(//*[local-name()="g"][@id="a11y-1-text"])')" \
	'Read the full plan online\..*Croeso'
check "SVG keeps its viewBox" match "$(x 'string(/*[local-name()="svg"]/@viewBox)')" '^0 0 '

pp -O b a11y.xml
check "tagged output is byte-identical run to run" cmp -s a/a11y.pdf b/a11y.pdf

finish
