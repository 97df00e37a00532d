#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# docs/diagnostics.md and the man page's DIAGNOSTICS section list every
# message of the catalogue (diag.h).
source "$(dirname "$0")/../cli/lib.sh"
root=$here/../..
for id in $(grep -o 'X(PP_MSG_[A-Z0-9_]*' "$root/include/planpress/diag.h" | cut -c3-); do
	check "docs/diagnostics.md lists $id" grep -q "| $id |" "$root/docs/diagnostics.md"
	check "planpress.1 lists $id" grep -qx "\.B $id" "$root/docs/planpress.1"
done
finish
