#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Hostile images (issue 14): a template's logo built to exhaust memory or
# time, or to reach outside its folder, ends in a warning at its <logo> and
# a cover without it (the organisation's name as text), within 10 s and
# 512 MB, in PDF and PNG; a sound logo, even a large one, is drawn.
# The images are generated here (gen_images.py); README.md has the table.
source "$(dirname "$0")/../cli/lib.sh"
cd "$tmp"
need pdftotext pdftoppm python3 strace prlimit
mkdir -p tpl
(cd tpl && python3 "$here/../hostile/gen_images.py")
# The test plan with a cover page, where the logo goes.
sed 's|<document id="main" output="example-plan">|&<cover/>|' "$here/../cli/plan.xml" >plan.xml
grep -q '<cover/>' plan.xml

limit=(prlimit --as=$((512 * 1024 * 1024)))
if grep -q __asan_init "$PLANPRESS" 2>/dev/null; then
	limit=() # ASan's shadow memory needs terabytes of address space
fi

# run IMAGE FORMAT: the main document with IMAGE as the cover's logo, in
# out/IMAGE-FORMAT/, bounded by 10 s and 512 MB; sets $status.
run() {
	cat >"tpl/$1.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<template xmlns="urn:planpress:template:1" name="logo" extends="default">
  <cover>
    <logo file="$1" x="48" y="120" width="160" height="60"/>
  </cover>
</template>
XML
	status=0
	"${limit[@]}" timeout 10 "$PLANPRESS" -t "tpl/$1.xml" --document main -f "$2" \
		-O "out/$1-$2" plan.xml >"$tmp/stdout" 2>"$tmp/stderr" || status=$?
}

# refused IMAGE REASON: in both formats, exit 0, one warning at the
# <logo> (line 4) giving REASON (an extended regex), and the document.
refused() {
	local image=$1 reason=$2 fmt
	for fmt in pdf png; do
		run "$image" "$fmt"
		check "$image ($fmt): exit 0 within 10 s and 512 MB" is "$status" 0
		check "$image ($fmt): a warning at its <logo>: $reason" grep -qE \
			"^tpl/$image.xml:4:[0-9]+: warning: (image tpl/$image is refused|cannot read image tpl/$image): $reason; the cover is drawn without it$" \
			"$tmp/stderr"
		check "$image ($fmt): nothing else said" lines 1 "$tmp/stderr"
		check "$image ($fmt): the document is written" \
			test -s "out/$image-$fmt/example-plan.$fmt" -o -s "out/$image-$fmt/example-plan-1.$fmt"
		check "$image ($fmt): no temporary file left" no_temps out
	done
	check "$image: the cover shows the organisation's name" \
		bash -c "pdftotext -l 1 out/$image-pdf/example-plan.pdf - | grep -q 'Example Borough Council'"
}

pixels='\(at most 16384 a side and 16777216 in all\)'
refused huge-dims.png "it is 100000 x 100000 pixels $pixels"
refused wide.png "it is 16385 x 1 pixels $pixels"
refused zlib-bomb.png "it inflates to more than the 1001000 bytes of pixel data its 1000 x 1000 pixels need"
refused use-bomb.svg "it would draw more than 100000 elements \(counting each <use> and url\(#id\) target every time it is used\)"
refused filter-bomb.svg "it would apply filter effects more than 100 times"
refused svg-png-huge.svg "an image embedded in it is 100000 x 100000 pixels $pixels"
refused svg-png-bomb.svg "an image embedded in it inflates to more than the 1001000 bytes .*"
refused svg-svg-bomb.svg "an image embedded in it would draw more than 100000 elements .*"
refused ext-file.svg 'it refers to "/etc/passwd", outside the image \(only "#id" and data: references are allowed\)'
refused ext-http.svg 'it refers to "http://127.0.0.1:9/logo.png", outside the image .*'
refused ext-css.svg 'it refers to "@import url\("http://127.0.0.1:9/a.css"\)", outside the image .*'
refused ext-url.svg 'it refers to "/etc/passwd#p", outside the image .*'
refused ext-xinclude.svg 'it includes another file \(<xi:include>\)'
refused ext-stylesheet.svg 'it names a stylesheet \(<\?xml-stylesheet\?>\)'
refused entity-file.svg 'it declares an external entity "x"'
refused entity-bomb.svg 'not a readable SVG file \(line 15: Detected an entity reference loop\)'
refused deep.svg 'it nests elements more than 64 deep'
refused text-bomb.svg 'it would lay out more than 20000 bytes of text'
refused too-big.png 'it is larger than 16 MiB'

# Sound logos are drawn, without a word: small ones, the largest PNG
# allowed (4096 x 4096, 16-bit), an Illustrator-style SVG with a DOCTYPE,
# <use>, a gradient and an embedded PNG, and a 100,000-unit canvas with a
# blur (drawn in the PDF at 2048 units a side).
for image in good.png big-ok.png good.svg blur-big.svg; do
	for fmt in pdf png; do
		run "$image" "$fmt"
		check "$image ($fmt): exit 0 within 10 s and 512 MB" is "$status" 0
		check "$image ($fmt): says nothing" empty "$tmp/stderr"
	done
	# The logo's box (48, 120) 160 x 60 pt at 18 dpi: something is drawn there.
	pdftoppm -r 18 -f 1 -l 1 -x 12 -y 30 -W 40 -H 15 -gray "out/$image-pdf/example-plan.pdf" logo
	check "$image: the PDF's cover has the logo" \
		python3 -c 'import sys; d=open(sys.argv[1],"rb").read().split(b"\n",3)[3]; sys.exit(min(d) >= 250)' logo-1.pgm
done
# Nothing outside is opened, fetched or run: the references above, traced
# (strace comes with scripts/install-deps.sh).
for image in ext-file.svg ext-http.svg ext-css.svg ext-url.svg ext-xinclude.svg \
	ext-stylesheet.svg entity-file.svg good.svg; do
	status=0
	# LeakSanitizer cannot run under ptrace; every other run checks leaks.
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -qq -e trace=open,openat,connect,execve -o trace.txt "$PLANPRESS" \
		-t "tpl/$image.xml" --document main -O out/traced plan.xml 2>"$tmp/stderr" || status=$?
	check "$image: traced run ends well" is "$status" 0
	check "$image: /etc/passwd is never opened" bash -c "! grep -q /etc/passwd trace.txt"
	check "$image: no connection is made" bash -c "! grep -q 'connect(' trace.txt"
	check "$image: no program is run" is "$(grep -c 'execve(' trace.txt)" 1
done
finish
