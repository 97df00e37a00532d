#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Templates from the command line: a template file beside the plan changes
# the output with no rebuild; --template NAME|FILE overrides the plan's;
# --list-deps names the template chain and logo; a template with white
# text on amber is refused, naming the pair; a missing logo only warns.
source "$(dirname "$0")/lib.sh"

plan=$tmp/plan.xml
sed 's/template="default"/template="house"/' "$PP_SOURCE_DIR/tests/golden/templates/tpl-default.xml" >"$plan"

# No house.xml yet: the plan names an unknown template.
pp --dump=layout "$plan"
check "unknown template: status 1" is "$status" 1
check "unknown template: named" grep_q 'unknown template "house"' "$tmp/stderr"

# A council's template beside the plan, written from docs/templates.md.
cat >"$tmp/house.xml" <<'XML'
<template xmlns="urn:planpress:template:1" name="house" extends="default">
  <palette><colour name="green" value="#00594f"/></palette>
  <text role="h1" colour="green"/>
  <table header-fill="green"/>
  <cover band-fill="green" band-height="30"/>
</template>
XML
pp --dump=layout "$plan"
check "house template: status 0" is "$status" 0
check "house template: header fill used" grep_q 'fill=#00594f' "$tmp/stdout"
cp "$tmp/stdout" "$tmp/house.layout"
pp --dump=layout --template default "$plan"
check "--template NAME overrides the plan's" is "$status" 0
check "--template default: no house colour" bash -c "! grep -q 'fill=#00594f' '$tmp/stdout'"
check "the look changed" bash -c "! cmp -s '$tmp/stdout' '$tmp/house.layout'"
(cd "$tmp" && "$PLANPRESS" --dump=layout -t ./house.xml plan.xml >"$tmp/file.layout" 2>"$tmp/stderr")
check "--template FILE" cmp -s "$tmp/file.layout" "$tmp/house.layout"

# --list-deps: the template and the one it extends (from templates/).
pp --list-deps "$plan"
check "list-deps: status 0" is "$status" 0
check "list-deps: house.xml" grep_q "house.xml" "$tmp/stdout"
check "list-deps: default.xml" grep_q "templates/default.xml" "$tmp/stdout"

# A logo: PNG made here; listed as a dependency and placed on the cover.
"$PLANPRESS" -f png --dpi 10 -o "$tmp/logo.png" --document report \
	"$PP_SOURCE_DIR/tests/golden/templates/tpl-bolton.xml" 2>/dev/null || true
mv "$tmp/logo-1.png" "$tmp/logo.png" 2>/dev/null || true
sed -i 's|<cover band-fill="green" band-height="30"/>|<cover band-fill="green" band-height="30"><logo file="logo.png" x="600" y="40" width="180" height="80"/></cover>|' "$tmp/house.xml"
pp --list-deps "$plan"
check "list-deps: logo" grep_q "logo.png" "$tmp/stdout"
pp --dump=layout "$plan"
check "logo placed" grep_q 'image .* file="logo.png"' "$tmp/stdout"
pp -f pdf -o "$tmp/with-logo.pdf" "$plan"
check "renders with a logo" is "$status" 0
rm "$tmp/logo.png"
pp -f pdf -o "$tmp/no-logo.pdf" "$plan"
check "missing logo: still renders" is "$status" 0
check "missing logo: warned" grep_q 'warning: cannot read image' "$tmp/stderr"

# White text on amber is refused, at its place, naming the pair.
cat >"$tmp/house.xml" <<'XML'
<template xmlns="urn:planpress:template:1" extends="default">
  <rag rating="AMBER" text="#ffffff"/>
</template>
XML
pp -f pdf -o "$tmp/refused.pdf" "$plan"
check "white on amber: status 1" is "$status" 1
check "white on amber: named, with line:col" \
	grep_q 'house.xml:2:3: error: RAG AMBER text #ffffff on RAG AMBER fill #ffdd00' "$tmp/stderr"
check "white on amber: nothing written" absent "$tmp/refused.pdf"

finish
