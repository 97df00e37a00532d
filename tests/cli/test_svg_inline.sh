#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Two posters inlined in one web page do not corrupt each other: every id
# is unique in the page (each file's ids start with its output name) and
# every reference resolves inside its own SVG (svg_inline.py); and in
# headless Chromium each poster beside the other draws exactly as it does
# alone (svg_chromium.py). Both checks also run on two posters as cairo
# wrote them before the ids had a prefix, so the test shows they can fail.
source "$(dirname "$0")/lib.sh"
cd "$tmp"
src=${PP_SOURCE_DIR:-$here/../..}

pp -O a -f svg --document plan-on-a-page "$src/input/bolton-childrens-directorate-plan-2022-24.xml"
check "first poster renders" is "$status" 0
pp -O a -f svg --document poster "$src/input/bwd-people-scrutiny-2019-12-03.xml"
check "second poster renders" is "$status" 0
one=a/bolton-childrens-plan-on-a-page-2022-24.svg
two=a/bwd-childrens-plan-on-a-page-2019-20.svg
check "both posters written" nonempty "$two"

check "ids of the first poster start with its name" \
	grep_q 'id="bolton-childrens-plan-on-a-page-2022-24-glyph0-1"' "$one"
check "two posters in one page keep to themselves" \
	python3 "$here/svg_inline.py" page.xhtml "$one" "$two"
# The same poster twice under two names: nothing shared either.
pp -o b/copy.svg -f svg --document plan-on-a-page "$src/input/bolton-childrens-directorate-plan-2022-24.xml"
check "a poster and its copy under another name keep to themselves" \
	python3 "$here/svg_inline.py" page2.xhtml "$one" b/copy.svg

# The checker itself: ids without the prefix (as before) are caught.
sed 's/bolton-childrens-plan-on-a-page-2022-24-//g' "$one" >bare1.svg
sed 's/bwd-childrens-plan-on-a-page-2019-20-//g' "$two" >bare2.svg
check "the checker finds ids two SVGs share" \
	bash -c "! python3 '$here/svg_inline.py' page3.xhtml bare1.svg bare2.svg >out && grep -q 'is also in' out"

# In a browser: Chromium draws each poster beside the other as alone; with
# the ids as cairo wrote them, one poster draws the other's glyphs.
need chromium /usr/bin/python3
check "in Chromium, each poster beside the other draws as alone" \
	/usr/bin/python3 "$here/svg_chromium.py" chromium "$one" "$two"
check "in Chromium, posters sharing ids are caught" \
	bash -c "/usr/bin/python3 '$here/svg_chromium.py' chromium-bare bare1.svg bare2.svg >out; [ \$? -eq 1 ] && grep -q 'differs from' out"
finish
