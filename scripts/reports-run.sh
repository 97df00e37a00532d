#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# One `make reports` run (the root Makefile's reports target, and the tests):
#   reports-run.sh BUILD PLANPRESS [MAKE ARGS...]
# renders every plan of input/ that it can (scripts/reports.mk), then lists
# the plans that were not rendered and exits 1 if there were any. Under
# `make -j` the inner make shares the outer one's job slots.
set -uo pipefail
here=$(dirname "$0")
build=$1 planpress=$2
shift 2
rm -rf "$build/reports/failed"
status=0
make --no-print-directory -f "$here/reports.mk" BUILD="$build" PLANPRESS="$planpress" "$@" || status=$?
"$here/reports-deps.sh" summary "$build/reports/failed" || status=1
exit "$status"
