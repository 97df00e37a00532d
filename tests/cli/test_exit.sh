#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Exit statuses: 1 for errors in the plan, 3 for files that cannot be
# read or written; --check writes nothing.
source "$(dirname "$0")/lib.sh"
cd "$tmp"
cp "$here/plan.xml" plan.xml
cp "$here/bad.xml" bad.xml

pp --check plan.xml
check "--check of a good plan exits 0" is "$status" 0
check "--check writes nothing" absent output
check "--check prints nothing" empty "$tmp/stdout"

pp bad.xml
check "bad plan exits 1" is "$status" 1
check "bad plan names the file and line" grep_q "^bad.xml:[0-9]*:[0-9]*: error: " "$tmp/stderr"
check "bad plan writes nothing" absent output
check "bad plan prints nothing on stdout" empty "$tmp/stdout"

pp --check bad.xml
check "--check of a bad plan exits 1" is "$status" 1

pp missing.xml
check "missing plan exits 3" is "$status" 3
check "missing plan message" grep_q "missing.xml" "$tmp/stderr"

touch afile
pp -O afile/out plan.xml
check "output dir under a file exits 3" is "$status" 3
check "says it cannot write" grep_q "error: cannot write afile/out" "$tmp/stderr"

mkdir -p out/example-plan.pdf
pp -O out plan.xml
check "output that is a directory exits 3" is "$status" 3
check "no temporary files left" no_temps out

# A device is never an output (output.h): refused before it is opened.
pp -f pdf -o /dev/full --document main plan.xml
check "-o /dev/full exits 3" is "$status" 3
check "/dev/full: says it is a device" grep_q "cannot write /dev/full: it is a device, not a file" "$tmp/stderr"
check "/dev/full is still a device" test -c /dev/full
if [ -w /dev/full ]; then
	"$PLANPRESS" --list-outputs plan.xml >/dev/full 2>"$tmp/stderr" && status=0 || status=$?
	check "stdout on a full disk exits 3" is "$status" 3
fi
finish
