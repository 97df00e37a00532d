#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Run one golden case, or regenerate its references with --update.
#
#   run.sh [--update] tests/golden/<area>/<case>.xml
#
# Good case: `planpress --dump=layout` must print exactly <case>.layout
# (and --dump=model exactly <case>.model, when that file exists); the pages
# rendered as PNG at 50 dpi must match <case>-<n>.png within pngdiff's
# tolerance (at most 0.5% of pixels differing by more than 64 in a channel).
# Bad case (<case>.err exists, or the case is under bad/): exit status 1,
# stderr exactly <case>.err, nothing on stdout and no output file created.
#
# planpress runs inside the case's directory on the plain file name, so
# messages and dumps name "<case>.xml" wherever the tree is. Actual files
# and diff images are left in $PP_BUILD_DIR/golden-out/<area>/<case>/.
# Environment: PLANPRESS, PNGDIFF, PP_BUILD_DIR (set by CMake or the
# Makefile), plus the pinned fonts, locale and date of tests/CMakeLists.txt.
set -euo pipefail

update=0
if [ "${1:-}" = --update ]; then
	update=1
	shift
fi
[ $# -eq 1 ] || { echo "usage: run.sh [--update] CASE.xml" >&2; exit 2; }
: "${PLANPRESS:?PLANPRESS must name the planpress binary}"
: "${PNGDIFF:?PNGDIFF must name the pngdiff binary}"
: "${PP_BUILD_DIR:?PP_BUILD_DIR must name the build directory}"

case_xml=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(dirname "$case_xml")
name=$(basename "$case_xml" .xml)
area=$(basename "$dir")
out=$PP_BUILD_DIR/golden-out/$area/$name
rm -rf "$out"
mkdir -p "$out"
cd "$dir"

fail=0
failed() {
	echo "golden $area/$name: $*" >&2
	fail=1
}

# Compare an actual text file with its reference (or refresh it).
check_text() { # reference actual
	if [ $update -eq 1 ]; then
		cp "$2" "$1"
	elif [ ! -f "$1" ]; then
		failed "no reference $1 (run make golden-update)"
	elif ! diff -u "$1" "$2" >"$out/$(basename "$1").diff"; then
		head -n 40 "$out/$(basename "$1").diff" >&2
		failed "$1 differs (full diff: $out/$(basename "$1").diff)"
	fi
}

if [ -f "$name.err" ] || [ "$area" = bad ]; then
	status=0
	"$PLANPRESS" -O "$out/files" "$name.xml" >"$out/stdout" 2>"$out/stderr" || status=$?
	if [ $status -ne 1 ]; then
		failed "exit status $status, expected 1"
		cat "$out/stderr" >&2
		[ $update -eq 1 ] && exit 1 # never record the stderr of a wrong status
	fi
	check_text "$name.err" "$out/stderr"
	[ -s "$out/stdout" ] && failed "wrote to stdout"
	if [ -e "$out/files" ] && [ -n "$(ls -A "$out/files")" ]; then
		failed "created output files: $(ls -A "$out/files" | tr '\n' ' ')"
	fi
	exit $fail
fi

# Layout (and model) dumps.
if ! "$PLANPRESS" --dump=layout "$name.xml" >"$out/$name.layout" 2>"$out/stderr"; then
	cat "$out/stderr" >&2
	failed "--dump=layout failed"
	exit 1
fi
check_text "$name.layout" "$out/$name.layout"
if [ -f "$name.model" ]; then
	"$PLANPRESS" --dump=model "$name.xml" >"$out/$name.model" 2>>"$out/stderr" ||
		failed "--dump=model failed"
	check_text "$name.model" "$out/$name.model"
fi

# Pages as PNG: every document's pages, numbered in --list-outputs order.
png_args=(-f png --dpi 50 -O "$out/png")
mapfile -t files < <("$PLANPRESS" "${png_args[@]}" --list-outputs "$name.xml")
if ! "$PLANPRESS" "${png_args[@]}" "$name.xml" 2>>"$out/stderr"; then
	cat "$out/stderr" >&2
	failed "rendering PNG failed"
	exit 1
fi
n=0
for f in "${files[@]}"; do
	n=$((n + 1))
	mv "$f" "$out/$name-$n.png"
done
if [ $update -eq 1 ]; then
	find . -maxdepth 1 -regextype posix-extended -regex "\./$name-[0-9]+\.png" -delete
	for ((i = 1; i <= n; i++)); do cp "$out/$name-$i.png" "$name-$i.png"; done
	echo "golden $area/$name: updated $name.layout and $n page(s)"
	exit 0
fi
refs=$(find . -maxdepth 1 -regextype posix-extended -regex "\./$name-[0-9]+\.png" | wc -l)
[ "$refs" -eq "$n" ] || failed "$n page(s) rendered, $refs reference PNG(s)"
for ((i = 1; i <= n; i++)); do
	[ -f "$name-$i.png" ] || continue
	"$PNGDIFF" "$name-$i.png" "$out/$name-$i.png" "$out/$name-$i-diff.png" ||
		failed "page $i differs (see $out/$name-$i-diff.png)"
done
exit $fail
