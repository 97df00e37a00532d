# SPDX-License-Identifier: MIT
# Shared by the command-line tests: a scratch directory, a runner that
# captures status and streams, and checks that count "N passed, N failed".
set -euo pipefail
: "${PLANPRESS:?PLANPRESS must name the planpress binary}"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tmp=$(mktemp -d "${PP_BUILD_DIR:-/tmp}/cli-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
checks=0
fails=0

# check DESCRIPTION COMMAND...: count a check, report it when it fails.
check() {
	local desc=$1
	shift
	checks=$((checks + 1))
	if ! "$@"; then
		fails=$((fails + 1))
		echo "FAIL: $desc" >&2
		echo "  status=$status; stderr:" >&2
		sed 's/^/    /' "$tmp/stderr" >&2 || true
	fi
}

# pp ARGS...: run planpress; sets $status, stdout in $tmp/stdout, stderr in $tmp/stderr.
status=0
pp() {
	status=0
	"$PLANPRESS" "$@" >"$tmp/stdout" 2>"$tmp/stderr" || status=$?
}

is() { [ "$1" = "$2" ]; }
match() { [[ $1 =~ $2 ]]; }
empty() { [ ! -s "$1" ]; }
nonempty() { [ -s "$1" ]; }
absent() { [ ! -e "$1" ]; }
grep_q() { grep -q -- "$1" "$2"; }
lines() { [ "$(wc -l <"$2")" -eq "$1" ]; }
# no_temps DIR: no temporary files (".name.XXXXXX") were left behind.
no_temps() { [ -z "$(find "$1" -name '.*.??????' 2>/dev/null)" ]; }

# need TOOL...: a tool a test uses is never optional. scripts/install-deps.sh
# installs each; a missing one fails the test rather than skipping checks.
need() {
	local t
	for t; do
		command -v "$t" >/dev/null || {
			echo "FAIL: $t is not installed (scripts/install-deps.sh installs it)" >&2
			echo "0 passed, 1 failed"
			exit 1
		}
	done
}

finish() {
	echo "$((checks - fails)) passed, $fails failed"
	[ "$fails" -eq 0 ]
}
