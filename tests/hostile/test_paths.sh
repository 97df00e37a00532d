#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Nothing outside the plan's folder (issue 14 §3): a template, an extends
# or a logo that is a symbolic link (or a ../ name) out of its folder is
# refused and nothing outside is read; an output that is a named pipe, a
# device, a symbolic link out of its folder or a file the run reads (by
# any name) is refused, without hanging and without writing through it.
source "$(dirname "$0")/../cli/lib.sh"
cd "$tmp"
mkdir outside plan

# plan FILE TEMPLATE: the test plan with one document and @template.
plan() { sed -e "s|template=\"default\"|template=\"$2\"|" \
	-e '/<document id="summary"/,/<\/document>/d' "$here/../cli/plan.xml" >"$1"; }
template() { printf '<template xmlns="urn:planpress:template:1" name="t"%s>%s</template>\n' "$2" "$3" >"$1"; }
logo() { printf '<cover><logo file="%s" x="10mm" y="10mm" width="20mm" height="20mm"/></cover>' "$1"; }
# A 2 x 2 PNG, written without any image tool.
python3 - <<'EOF'
import struct, zlib
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
raw = b'\0' + b'\xc0\x30\x30' * 2 + b'\0' + b'\x30\x30\xc0' * 2
png = (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 2, 2, 8, 2, 0, 0, 0))
       + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
for f in ('outside/secret.png', 'plan/crest.png'):
    open(f, 'wb').write(png)
EOF
template outside/secret.xml '' ''
template plan/own.xml '' "$(logo crest.png)"

# Reads of outside files are seen in their access time: set it in the past
# (below the modification time, so relatime updates it on any read).
old_atime() { touch -m -d '2020-01-01' "$@" && touch -a -d '2001-01-01' "$@"; }
unread() { [ "$(stat -c %X "$1")" -lt 1000000000 ]; }
old_atime outside/secret.xml outside/secret.png
cat outside/secret.png >/dev/null
check "this file system records reads (the access-time witness works)" \
	test "$(stat -c %X outside/secret.png)" -gt 1000000000
old_atime outside/secret.xml outside/secret.png

# run ARGS...: planpress under the hostile bounds (10 s, 512 MiB of
# address space but under ASan); status and streams as pp.
limit=(prlimit --as=$((512 * 1024 * 1024)))
grep -q __asan_init "$PLANPRESS" 2>/dev/null && limit=()
run() { status=0; timeout 10 "${limit[@]}" "$PLANPRESS" "$@" >"$tmp/stdout" 2>"$tmp/stderr" || status=$?; }
# refused NAME PATTERN: exit 1, the first line located and matching, nothing written.
refused() {
	check "$1: exit 1" is "$status" 1
	check "$1: a located error" grep -qE "^plan/[^:]+:[0-9]+:[0-9]+: error: $2" "$tmp/stderr"
	check "$1: no output folder" absent out
	check "$1: nothing outside read" unread outside/secret.xml
	rm -rf out
}

# Templates and extends, by name and by file name.
ln -s ../outside/secret.xml plan/council.xml
plan plan/by-name.xml council
run -O out plan/by-name.xml
refused "template by name, a link out" \
	"template file plan/council.xml leads to .*/outside/secret.xml, outside plan where it was found"
plan plan/by-file.xml council.xml
run -O out plan/by-file.xml
refused "template by file name, a link out" "template file plan/council.xml is outside plan"
plan plan/up.xml ../outside/secret.xml
run -O out plan/up.xml
refused "template ../ out of the folder" "template file plan/../outside/secret.xml is outside plan"
template plan/ext-name.xml ' extends="council"' ''
plan plan/ext-name-plan.xml ext-name
run -O out plan/ext-name-plan.xml
refused "extends by name, a link out" "template file plan/council.xml leads to"
template plan/ext-file.xml ' extends="council.xml"' ''
plan plan/ext-file-plan.xml ext-file.xml
run -O out plan/ext-file-plan.xml
refused "extends by file name, a link out" "template file plan/council.xml is outside plan"
mkdir plan/sub
ln -s ../../outside/secret.xml plan/sub/deep.xml
plan plan/deep.xml sub/deep.xml
run -O out plan/deep.xml
refused "a link in a subfolder" "template file plan/sub/deep.xml is outside plan"
# --template NAME looks in the plan's folder first: held to the rule too.
run -O out -t council plan/up.xml
check "--template NAME, a link out: exit 1" is "$status" 1
check "--template NAME, a link out: says so" grep -q "^planpress: error: template file plan/council.xml leads to" "$tmp/stderr"
check "--template NAME, a link out: nothing outside read" unread outside/secret.xml
# The templates folder is held to the same rule.
mkdir tdir
ln -s ../outside/secret.xml tdir/linked.xml
plan plan/in-tdir.xml linked
status=0
PLANPRESS_TEMPLATES=$tmp/tdir timeout 10 "$PLANPRESS" -O out plan/in-tdir.xml \
	>"$tmp/stdout" 2>"$tmp/stderr" || status=$?
refused "a link out of the templates folder" "template file .*/tdir/linked.xml leads to"

# A logo that is a link out: a warning, the cover without it, nothing read.
ln -s ../outside/secret.png plan/linked.png
template plan/linked-logo.xml '' "$(logo linked.png)"
plan plan/logo-plan.xml linked-logo.xml
run -O out plan/logo-plan.xml
check "logo link out: exit 0" is "$status" 0
check "logo link out: a located warning" grep -qE \
	"^plan/linked-logo.xml:1:[0-9]+: warning: cannot read image plan/linked.png: it is outside the template's folder" \
	"$tmp/stderr"
check "logo link out: the document renders" test -s out/example-plan.pdf
check "logo link out: not read" unread outside/secret.png
rm -rf out

# A plan that is a named pipe nobody writes: an error at once, no hang.
mkfifo plan/pipe.xml
run -O out plan/pipe.xml
check "a plan that is a named pipe: exit 1, not a hang (124)" is "$status" 1
check "a plan that is a named pipe: a located error" grep -q "^plan/pipe.xml:1:1: error: the file is empty" "$tmp/stderr"
check "a plan that is a named pipe: no output" absent out
# A template that is a named pipe or a folder is named as such, not "no
# such template file" (issue 14), at once, and nothing is written.
mkfifo plan/tpipe.xml
mkdir plan/tdir.xml
for kind in pipe:"a named pipe" dir:"a folder"; do
	plan plan/t${kind%%:*}-plan.xml "t${kind%%:*}.xml"
	run -O out plan/t${kind%%:*}-plan.xml
	check "a template that is ${kind#*:}: exit 3, not a hang" is "$status" 3
	check "a template that is ${kind#*:}: says so, located" is "$(cat "$tmp/stderr")" \
		"plan/t${kind%%:*}-plan.xml:4:1: error: cannot read plan/t${kind%%:*}.xml: it is ${kind#*:}, not a template file"
	check "a template that is ${kind#*:}: no output" absent out
done
# Outputs. The plan with a logo beside it.
plan plan/p.xml own.xml
run -O out plan/p.xml
check "the plan renders with its logo" is "$status" 0
cp out/example-plan.pdf good.pdf

mkfifo out/fifo.pdf
run -o out/fifo.pdf plan/p.xml
check "output a named pipe: exit 3, not a hang (124)" is "$status" 3
check "output a named pipe: says so" grep_q "cannot write out/fifo.pdf: it is a named pipe, not a file" "$tmp/stderr"
check "output a named pipe: still a pipe" test -p out/fifo.pdf
check "output a named pipe: no temporary file" no_temps out

run -f pdf -o /dev/null plan/p.xml
check "output a device: exit 3" is "$status" 3
check "output a device: says so" grep_q "cannot write /dev/null: it is a device, not a file" "$tmp/stderr"

echo "victim" >outside/victim.pdf
ln -s ../outside/victim.pdf out/link.pdf
run -o out/link.pdf plan/p.xml
check "output a link out: exit 3" is "$status" 3
check "output a link out: says so" grep_q "cannot write out/link.pdf: it is a symbolic link to a file outside its folder" "$tmp/stderr"
check "output a link out: nothing written through it" grep -qx victim outside/victim.pdf
check "output a link out: the link stays" test -L out/link.pdf
ln -s ../outside/missing.pdf out/dangling.pdf
run -o out/dangling.pdf plan/p.xml
check "output a dangling link out: exit 3" is "$status" 3
check "output a dangling link out: nothing created outside" absent outside/missing.pdf

cp plan/crest.png crest.orig
ln plan/crest.png out/hard.png
run -f png -o out/hard.png plan/p.xml
check "output a hard link to the logo: exit 3" is "$status" 3
check "output a hard link to the logo: says so" grep_q "cannot write out/hard.png: it is a file this run reads" "$tmp/stderr"
check "output a hard link to the logo: the logo is untouched" cmp -s crest.orig plan/crest.png
ln -s crest.png plan/same.png
run -f png -o plan/same.png plan/p.xml
check "output a link to the logo in its folder: exit 3" is "$status" 3
check "output a link to the logo in its folder: the logo is untouched" cmp -s crest.orig plan/crest.png
run -f png -o plan/sub/../crest.png plan/p.xml
check "output the logo by a ../ name: exit 3" is "$status" 3
check "output the logo by a ../ name: the logo is untouched" cmp -s crest.orig plan/crest.png

# A file read only by a later document is protected too: the first
# document writes plan/crest.png, the second's template draws it.
sed -e 's|<document id="main" output="example-plan">|<document id="main" output="crest" formats="png">|' \
	-e 's|<document id="summary" output="example-summary" formats="pdf svg png">|<document id="summary" output="second" template="own.xml">|' \
	"$here/../cli/plan.xml" >plan/two.xml
run -O plan plan/two.xml
check "an output read by a later document: exit 3" is "$status" 3
check "an output read by a later document: says so" grep_q "cannot write plan/crest.png: it is a file this run reads" "$tmp/stderr"
check "an output read by a later document: the logo is untouched" cmp -s crest.orig plan/crest.png
check "an output read by a later document: nothing else written" absent plan/second.pdf
check "an output read by a later document: no temporary file" no_temps plan

# A file name the file system takes (250 bytes) is written: its temporary
# file's name is cut to fit (before: "file name too long", for the
# temporary name's 8 extra bytes). One of 300 bytes is refused, and the
# folders made for it are removed again; so are the several hundred made
# for an -O path too long for the system (before, both left them behind).
long=$(printf 'n%.0s' $(seq 246))
run -o "out/$long.pdf" --document main plan/p.xml
check "a 250-byte output name: exit 0" is "$status" 0
check "a 250-byte output name: written" test -s "out/$long.pdf"
check "a 250-byte output name: no temporary file" no_temps out
rm -f "out/$long.pdf"
run -o "new/sub/$(printf 'n%.0s' $(seq 296)).pdf" --document main plan/p.xml
check "a 300-byte output name: exit 3" is "$status" 3
check "a 300-byte output name: says so" grep -q "^planpress: error: cannot write new/sub/n*\.pdf: file name too long$" "$tmp/stderr"
check "a 300-byte output name: the folders made for it are gone" absent new
deep=$(printf 'abcdefghi/%.0s' $(seq 500))
run -O "$deep" plan/p.xml
check "a 5,000-byte -O path: exit 3" is "$status" 3
check "a 5,000-byte -O path: says so" grep -q "^planpress: error: cannot write abcdefghi/.*: file name too long$" "$tmp/stderr"
check "a 5,000-byte -O path: no folder left" absent abcdefghi
# Every refusal above left the rendered output as it was.
check "the earlier output is untouched" cmp -s good.pdf out/example-plan.pdf
finish
