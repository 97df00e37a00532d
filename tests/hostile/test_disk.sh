#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Outputs are never lost (issue 6 §5): a write cut short, a full file system
# and an unwritable folder each end in exit 3 with a clear message, the
# previous output untouched and no partial or temporary file left.
source "$(dirname "$0")/../cli/lib.sh"
cd "$tmp"
cp "$here/../cli/plan.xml" plan.xml
mounted=
immutable=
cleanup() {
	[ -n "$immutable" ] && chattr -i "$immutable" 2>/dev/null || true
	[ -n "$mounted" ] && umount "$mounted" 2>/dev/null || true
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

# A full file system: a 64 KiB tmpfs (needs root and mount; skipped otherwise).
mkdir full
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=64k planpress-test-full full 2>/dev/null; then
	mounted=$tmp/full
	echo "old output" >full/example-plan.pdf
	# leave a few KiB: the temporary file starts, then the disk fills
	head -c $((56 * 1024)) /dev/zero >full/filler 2>/dev/null || true
	pp -O full --document main plan.xml
	rm -f full/filler
	lost full example-plan.pdf "no space left on device"
	umount full && mounted=
else
	echo "SKIP: cannot mount a tmpfs (not root, or no permission)"
fi

# An unwritable folder. Root ignores permissions, so as root the folder is
# made immutable (chattr +i) instead; skipped if neither works.
mkdir ro
echo "old output" >ro/example-plan.pdf
if [ "$(id -u)" -eq 0 ]; then
	chattr +i ro 2>/dev/null && immutable=$tmp/ro
else
	chmod 555 ro
fi
if [ -n "$immutable" ] || [ "$(id -u)" -ne 0 ]; then
	pp -O ro --document main plan.xml
	lost ro example-plan.pdf "permission denied|operation not permitted"
	[ -n "$immutable" ] && chattr -i ro && immutable=
	chmod 755 ro
else
	echo "SKIP: running as root and chattr +i is not supported here: an unwritable folder cannot be made"
fi

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
# SIGABRT is how GLib ends a process whose memory ran out.
mkdir -p stopped
echo "old output" >stopped/example-plan.pdf
for sig in TERM:143 ABRT:134; do
	(ulimit -c 0; exec "$PLANPRESS" -o stopped/example-plan.pdf --document main long.xml) \
		2>"$tmp/stderr" &
	pid=$!
	for _ in $(seq 400); do
		[ -n "$(find stopped -name '.example-plan.pdf.*')" ] && break
		sleep 0.05
	done
	seen=$(find stopped -name '.example-plan.pdf.*' | wc -l)
	kill -"${sig%:*}" "$pid" 2>/dev/null || true
	status=0
	wait "$pid" || status=$?
	if [ "$seen" -eq 1 ]; then
		check "SIG${sig%:*}: the run ends by the signal (status ${sig#*:})" is "$status" "${sig#*:}"
		check "SIG${sig%:*}: its temporary file is removed" no_temps stopped
		check "SIG${sig%:*}: the old output is untouched" grep -qx "old output" stopped/example-plan.pdf
	else
		echo "note: the run finished before its temporary file was seen; SIG${sig%:*} not tested"
	fi
done

pp -o notadir/x.pdf --document main plan.xml
check "path through a file: exit 3" is "$status" 3
check "path through a file: says why" grep -q "cannot write notadir/x.pdf: not a directory" "$tmp/stderr"
check "path through a file: the file is untouched" grep -qx "old output" notadir
finish
