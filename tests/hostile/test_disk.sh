#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Outputs are never lost (issue 6 §5): a write cut short, a full file system
# and an unwritable folder each end in exit 3 with a clear message, the
# previous output untouched and no partial or temporary file left.
source "$(dirname "$0")/../cli/lib.sh"
cd "$tmp"
cp "$here/../cli/plan.xml" plan.xml
need prlimit unshare chattr
immutable=
cleanup() {
	[ -n "$immutable" ] && chattr -i "$immutable" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

# lost DIR FILE WHY: exit 3, "cannot write DIR/FILE: WHY", old output kept, no temporaries.
lost() {
	local dir=$1 file=$2 why=$3
	check "$dir: exit 3" is "$status" 3
	check "$dir: says which file and why" grep -qiE "^planpress: error: cannot write $dir/$file: ($why)" "$tmp/stderr"
	check "$dir: the previous output is untouched" grep -qx "old output" "$dir/$file"
	check "$dir: no temporary or partial file left" no_temps "$dir"
	check "$dir: nothing else written" is "$(ls -A "$dir" | grep -v lost+found | wc -l)" 1
}

# A write that fails part way: a 4 KiB file size limit (prlimit --fsize,
# SIGXFSZ ignored so write() fails with EFBIG) stops the PDF mid-stream.
mkdir big
echo "old output" >big/example-plan.pdf
status=0
(trap '' XFSZ; prlimit --fsize=4096 "$PLANPRESS" -O big --document main plan.xml) \
	>"$tmp/stdout" 2>"$tmp/stderr" || status=$?
lost big example-plan.pdf "file too large"
# The same for PNG pages, written by our own libpng writer (render_png.c).
mkdir bigpng
echo "old output" >bigpng/example-summary.png
status=0
(trap '' XFSZ; prlimit --fsize=4096 "$PLANPRESS" -f png -O bigpng --document summary plan.xml) \
	>"$tmp/stdout" 2>"$tmp/stderr" || status=$?
lost bigpng example-summary.png "file too large"

# A full file system: a 64 KiB tmpfs, mounted in a mount namespace of
# this run alone (unshare, from util-linux: as root, or as any user where
# the kernel allows user namespaces). Where neither is possible the check
# fails: a case that cannot be set up is not a pass. The namespace ends
# with its shell, so what the run left is copied out to be checked.
mkdir full full.after
ns=(unshare --mount)
[ "$(id -u)" -eq 0 ] || ns=(unshare --mount --map-root-user)
status=0
"${ns[@]}" bash -c '
	mount -t tmpfs -o size=64k planpress-test-full full || exit 125
	echo "old output" >full/example-plan.pdf
	# leave a few KiB: the temporary file starts, then the disk fills
	head -c $((56 * 1024)) /dev/zero >full/filler 2>/dev/null || true
	s=0
	"$1" -O full --document main plan.xml >"$2/stdout" 2>"$2/stderr" || s=$?
	rm -f full/filler
	cp -a full/. full.after/
	exit $s' _ "$PLANPRESS" "$tmp" || status=$?
check "a 64 KiB file system can be mounted (root, or user namespaces)" test "$status" -ne 125
rmdir full && mv full.after full
lost full example-plan.pdf "no space left on device"

# An unwritable folder: mode 555; root ignores permissions, so as root the
# folder is made immutable (chattr +i, e2fsprogs) instead, and a file
# system that cannot do that fails the check.
mkdir ro
echo "old output" >ro/example-plan.pdf
chmod 555 ro
if [ "$(id -u)" -eq 0 ]; then
	check "root: the folder can be made immutable (chattr +i)" chattr +i ro
	immutable=$tmp/ro
fi
pp -O ro --document main plan.xml
lost ro example-plan.pdf "permission denied|operation not permitted"
[ -n "$immutable" ] && chattr -i ro && immutable=
chmod 755 ro

# An output path through a file (not a folder): exit 3, nothing written.
echo "old output" >notadir
# An interrupted run (Ctrl-C, a timeout's SIGTERM) removes its temporary
# file and leaves the old output: wait until the streamed PDF's temporary
# file exists, then stop the run.
python3 - <<'PY'
plan = open("plan.xml", encoding="utf-8").read()
start = plan.index('      <priority id="p1"')
end = plan.index("</priority>", start) + len("</priority>")
rows = "".join(plan[start:end].replace('id="p1" ref="P1"', 'id="p%d" ref="P%d"' % (i, i))
               for i in range(1, 6001))
open("long.xml", "w", encoding="utf-8").write(plan[:start] + rows + plan[end:])
PY
# Every signal that ends a process removes the temporary file first, then
# ends the run as the signal would (status 128 + its number): a closed
# terminal (HUP), Ctrl-C and Ctrl-\\ (INT, QUIT), a timeout (TERM), a closed
# pipe (PIPE), alarms and CPU limits (ALRM, XCPU, VTALRM, PROF), USR1/2, and
# ABRT and TRAP (how GLib and assert() end a process). `env
# --default-signal` undoes the SIG_IGN that a non-interactive shell gives
# INT and QUIT in background jobs (planpress keeps an ignored signal
# ignored, as nohup wants).
mkdir -p stopped
echo "old output" >stopped/example-plan.pdf
tested=0
for sig in HUP INT QUIT TERM PIPE ALRM USR1 USR2 XCPU VTALRM PROF ABRT TRAP; do
	(ulimit -c 0; exec env --default-signal "$PLANPRESS" -o stopped/example-plan.pdf \
		--document main long.xml) 2>"$tmp/stderr" &
	pid=$!
	for _ in $(seq 400); do
		[ -n "$(find stopped -name '.example-plan.pdf.*')" ] && break
		sleep 0.05
	done
	seen=$(find stopped -name '.example-plan.pdf.*' | wc -l)
	kill -"$sig" "$pid" 2>/dev/null || true
	status=0
	wait "$pid" || status=$?
	want=$((128 + $(kill -l "$sig")))
	if [ "$seen" -eq 1 ]; then
		tested=$((tested + 1))
		check "SIG$sig: the run ends by the signal (status $want)" is "$status" "$want"
		check "SIG$sig: its temporary file is removed" no_temps stopped
		check "SIG$sig: the old output is untouched" grep -qx "old output" stopped/example-plan.pdf
	else
		echo "note: the run finished before its temporary file was seen; SIG$sig not tested"
	fi
done
# A loaded machine may finish a run early now and then, never most of them.
check "the signals were sent to runs mid-render ($tested of 13)" test "$tested" -ge 10

# A file passing the file-size limit (ulimit -f, SIGXFSZ) is a write
# error that names it: exit 3, nothing left, the old output untouched.
status=0
(ulimit -f 64; exec "$PLANPRESS" -o stopped/example-plan.pdf --document main long.xml) \
	>"$tmp/stdout" 2>"$tmp/stderr" || status=$?
check "ulimit -f: exit 3" is "$status" 3
check "ulimit -f: names the file and the limit" grep -qx \
	"planpress: error: cannot write stopped/example-plan.pdf: file too large (the file-size limit, ulimit -f, is 65536 bytes)" \
	"$tmp/stderr"
check "ulimit -f: no temporary file left" no_temps stopped
check "ulimit -f: the old output is untouched" grep -qx "old output" stopped/example-plan.pdf
status=0
(ulimit -f 64; exec "$PLANPRESS" --dump=layout long.xml) >stopped/dump.txt 2>"$tmp/stderr" || status=$?
check "ulimit -f on standard output: exit 3" is "$status" 3
check "ulimit -f on standard output: says so" grep -q \
	"^planpress: error: cannot write standard output: file too large" "$tmp/stderr"
rm -f stopped/dump.txt

# Memory running out (an address-space limit; not under AddressSanitizer,
# whose shadow memory needs terabytes of it), in planpress's allocations
# or inside GLib, wherever in the run it happens: exit 3, one message that
# says what was being done, no temporary file, the old output untouched.
if ! grep -q __asan_init "$PLANPRESS" 2>/dev/null; then
	ran_out=0
	for mb in 90 120 150 170; do
		status=0
		prlimit --as=$((mb * 1024 * 1024)) "$PLANPRESS" -o stopped/example-plan.pdf \
			--document main long.xml >"$tmp/stdout" 2>"$tmp/stderr" || status=$?
		[ "$status" -eq 3 ] && ran_out=$((ran_out + 1))
		check "${mb} MB: exit 0 or 3 (not a signal) [$status]" match "$status" '^(0|3)$'
		if [ "$status" -eq 3 ]; then
			check "${mb} MB: says what was being done" grep -qE \
				"^planpress: error: out of memory while (reading|checking|loading|laying out|writing) .* \((asked for [0-9]+ bytes|GLib: .*|a library failed .*)\)$" \
				"$tmp/stderr"
			# (fontconfig may say something of its own before it fails)
			check "${mb} MB: one error, the last line" \
				is "$(grep -c '^planpress: error: ' "$tmp/stderr")/$(tail -n 1 "$tmp/stderr" | cut -c1-31)" \
				"1/planpress: error: out of memory"
			check "${mb} MB: the old output is untouched" grep -qx "old output" stopped/example-plan.pdf
		fi
		check "${mb} MB: no temporary file left" no_temps stopped
		echo "old output" >stopped/example-plan.pdf
	done
	check "memory ran out in at least one run ($ran_out of 4)" test "$ran_out" -ge 1
fi

pp -o notadir/x.pdf --document main plan.xml
check "path through a file: exit 3" is "$status" 3
check "path through a file: says why" grep -q "cannot write notadir/x.pdf: not a directory" "$tmp/stderr"
check "path through a file: the file is untouched" grep -qx "old output" notadir
finish
