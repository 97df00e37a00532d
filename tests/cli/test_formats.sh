#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Each format is well formed: PDF pages and title (pdfinfo), SVG parses
# with a viewBox (xmllint), PNG at the asked resolution; and the same input
# gives the same bytes.
source "$(dirname "$0")/lib.sh"
cd "$tmp"
cp "$here/plan.xml" plan.xml

need pdfinfo xmllint
pp -O a plan.xml
check "render exits 0" is "$status" 0

pdfinfo a/example-summary.pdf >info
check "PDF title" grep_q "^Title: *Example Corporate Plan" info
check "PDF author" grep_q "^Author: *Example Borough Council" info
check "PDF one page" grep_q "^Pages: *1$" info
check "PDF creation date from SOURCE_DATE_EPOCH" grep_q "^CreationDate: .*2020" info
pdfinfo a/example-plan.pdf >info
check "PDF of the plan has pages" grep_q "^Pages: *[1-9]" info
check "A4 portrait" grep_q "^Page size: *595.2[0-9]* x 841.8[0-9]* pts" info

check "SVG well formed" xmllint --noout a/example-summary.svg
vb=$(xmllint --xpath 'string(/*[local-name()="svg"]/@viewBox)' a/example-summary.svg)
check "SVG viewBox is the A4 page in points" match "$vb" '^0 0 595\.2[0-9]* 841\.8[0-9]*$'
w=$(xmllint --xpath 'string(/*[local-name()="svg"]/@width)' a/example-summary.svg)
check "SVG width in points" match "$w" '^595\.2[0-9]*pt$'

png_size() { # file -> "W H" from the IHDR chunk
	od -An -tu1 -j16 -N8 "$1" | awk '{print $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}'
}
check "PNG signature" is "$(head -c 8 a/example-summary.png | od -An -tx1 | tr -d ' ')" 89504e470d0a1a0a
check "PNG at 96 dpi" is "$(png_size a/example-summary.png)" "794 1123"
pp -f png --dpi 72 -o small.png --document summary plan.xml
check "PNG at 72 dpi" is "$(png_size small.png)" "596 842"

# Multi-page SVG: one file per page, numbered; a single page keeps the plain name.
sed 's|<section title="Progress">|<page-break/><section title="Progress">|' plan.xml >two-pages.xml
pp -f svg -O s --document main two-pages.xml
check "two-page SVG: exit 0" is "$status" 0
pp -f svg -O s --document main --list-outputs two-pages.xml
check "two-page SVG: one file per page, numbered" is "$(cat "$tmp/stdout")" "$(printf 's/example-plan-1.svg\ns/example-plan-2.svg')"
while read -r f; do check "$f exists" test -s "$f"; done <"$tmp/stdout"
pp -f svg -O one --document main plan.xml
pp -f svg -O one --document main --list-outputs plan.xml
check "one-page SVG: the plain name" is "$(cat "$tmp/stdout")" "one/example-plan.svg"
check "one-page SVG exists" test -s one/example-plan.svg

# Determinism: the same input gives the same bytes, with a fixed date...
pp -O b plan.xml
for f in a/*; do check "$f identical on a second run" cmp -s "$f" "b/${f#a/}"; done
# ...and without SOURCE_DATE_EPOCH, where the plan's mtime dates the PDF.
touch -d '2021-01-22 10:00:00 UTC' plan.xml
SOURCE_DATE_EPOCH= "$PLANPRESS" -O c plan.xml 2>/dev/null
sleep 1
SOURCE_DATE_EPOCH= "$PLANPRESS" -O d plan.xml 2>/dev/null
check "PDF identical without SOURCE_DATE_EPOCH" cmp -s c/example-plan.pdf d/example-plan.pdf
pdfinfo c/example-plan.pdf >info
check "date from the plan's mtime" grep_q "^CreationDate: .*Jan 22 10:00:00 2021" info
finish
