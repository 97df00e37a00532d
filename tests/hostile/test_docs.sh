#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The documents agree with the program: docs/diagnostics.md and the man
# page's DIAGNOSTICS section list every message of the catalogue (diag.h);
# the man page describes every option --help shows, and --help every option
# the man page describes; docs/format.md describes every column field the
# checker accepts (model.c's field table).
source "$(dirname "$0")/../cli/lib.sh"
root=$here/../..
for id in $(grep -o 'X(PP_MSG_[A-Z0-9_]*' "$root/include/planpress/diag.h" | cut -c3-); do
	check "docs/diagnostics.md lists $id" grep -q "| $id |" "$root/docs/diagnostics.md"
	check "planpress.1 lists $id" grep -qx "\.B $id" "$root/docs/planpress.1"
done

"$PLANPRESS" --help >"$tmp/help"
help_opts=$(grep -oE -- '--[a-z][a-z-]*' "$tmp/help" | sort -u)
check "--help lists options" test -n "$help_opts"
for opt in $help_opts; do
	man_form=$(printf '%s' "$opt" | sed 's/-/\\-/g')
	check "planpress.1 describes $opt" grep -qF -- "$man_form" "$root/docs/planpress.1"
done
# Options the man page gives a paragraph of their own (.BR/.BI/.B lines after .TP).
man_opts=$(grep -A1 '^\.TP' "$root/docs/planpress.1" | grep -oE '\\-\\-[a-z][a-z\\-]*' |
	sed 's/\\-/-/g' | sort -u)
check "planpress.1 lists options" test -n "$man_opts"
for opt in $man_opts; do
	check "--help shows $opt" grep -qF -- "$opt" "$tmp/help"
done

fields=$(grep -oE '^\s*\[PP_FIELD_[A-Z_]+\] = \{"[a-z-]+"' "$root/src/model/model.c" | grep -oE '"[a-z-]+"' | tr -d '"')
check "model.c has a field table" test -n "$fields"
for f in $fields; do
	check "docs/format.md describes field $f" grep -qF -- "\`$f\`" "$root/docs/format.md"
done
finish
