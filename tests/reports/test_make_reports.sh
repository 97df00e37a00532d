#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `make reports` on the real seed plans (a scratch copy of input/): every
# output `planpress --list-outputs` names is written, a second run renders
# nothing, and touching one plan re-renders exactly that plan's outputs
# (seed 003 has two documents: the report and its plan-on-a-page poster).
source "$(dirname "$0")/../cli/lib.sh"
need make
src=${PP_SOURCE_DIR:-$here/../..}
cd "$tmp"
mkdir input output
cp "$src"/input/*.xml input/
# the councils' own templates, which plans name (input/templates/)
if [ -d "$src/input/templates" ]; then cp -R "$src/input/templates" input/; fi
reports() { make --no-print-directory -f "$src/scripts/reports.mk" BUILD=b PLANPRESS="$PLANPRESS" "$@" \
	>"$tmp/stdout" 2>"$tmp/stderr" && status=0 || status=$?; }

expected=$tmp/expected
for plan in input/*.xml; do "$PLANPRESS" --list-outputs "$plan"; done | sort >"$expected"
check "the plans name their outputs" nonempty "$expected"

reports -j4
check "first run exits 0" is "$status" 0
grep '^planpress: wrote ' "$tmp/stderr" | sed 's/^planpress: wrote \([^ ]*\).*/\1/' | sort >"$tmp/written"
check "first run writes every listed output, once" diff -u "$expected" "$tmp/written"
for f in $(cat "$expected"); do
	check "$f is not empty" test -s "$f"
done

reports -j4
check "second run exits 0" is "$status" 0
check "second run renders nothing" is "$(grep -c '^planpress: wrote ' "$tmp/stderr" || true)" 0

sleep 1 # mtimes must differ
plan=input/bwd-people-scrutiny-2019-12-03.xml
touch "$plan"
reports -j4
check "third run exits 0" is "$status" 0
"$PLANPRESS" --list-outputs "$plan" | sort >"$tmp/mine"
grep '^planpress: wrote ' "$tmp/stderr" | sed 's/^planpress: wrote \([^ ]*\).*/\1/' | sort >"$tmp/written"
check "the touched plan's outputs, and only they, are rendered" diff -u "$tmp/mine" "$tmp/written"
check "the touched plan has more than one output" test "$(wc -l <"$tmp/mine")" -gt 1
finish
