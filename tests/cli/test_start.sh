#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Starting out: `planpress new` writes a starter plan that checks clean and
# renders, and `make install` (cmake --install, staged with DESTDIR) gives
# a program that renders a plan from another folder with its installed
# templates, not the source tree's.
source "$(dirname "$0")/lib.sh"
: "${PP_BUILD_DIR:?PP_BUILD_DIR must name the build directory}"
cd "$tmp"

# ---- planpress new ----------------------------------------------------------
pp new
check "new: exit 0" is "$status" 0
check "new: nothing on stderr" empty "$tmp/stderr"
cp "$tmp/stdout" my-plan.xml
check "new: prints a plan" grep_q '<plan xmlns="urn:planpress:plan:1"' my-plan.xml
pp --check my-plan.xml
check "new: the starter checks clean (exit 0)" is "$status" 0
check "new: the starter has no warning" empty "$tmp/stderr"
pp -O out my-plan.xml
check "new: the starter renders" is "$status" 0
check "new: its progress report is written" nonempty out/corporate-plan-q1.pdf
check "new: its plan on a page is written" nonempty out/corporate-plan-on-a-page.pdf
pp new extra
check "new with an argument: usage error" is "$status" 2
check "new with an argument: says how" grep_q "planpress new > my-plan.xml" "$tmp/stderr"
# A plan that happens to be called "new" is still a plan, given as ./new.
cp my-plan.xml new
pp --check ./new
check "a plan file named new renders as ./new" is "$status" 0

# ---- make install -----------------------------------------------------------
stage=$tmp/stage
status=0
DESTDIR=$stage cmake --install "$PP_BUILD_DIR" --prefix /opt/pp >"$tmp/install.log" 2>&1 || status=$?
check "install: cmake --install succeeds" is "$status" 0
installed=$stage/opt/pp/bin/planpress
check "install: the program" test -x "$installed"
check "install: the manual page" nonempty "$stage/opt/pp/share/man/man1/planpress.1"
for t in "$PP_SOURCE_DIR"/templates/*.xml; do
	check "install: template $(basename "$t")" cmp -s "$t" "$stage/opt/pp/share/planpress/templates/$(basename "$t")"
done
check "install: the plan schema" nonempty "$stage/opt/pp/share/planpress/schema/plan.rng"
# A plan elsewhere that names a shipped template other than the built-in default.
mkdir -p elsewhere/plans
sed 's/template="default"/template="bolton"/' my-plan.xml >elsewhere/plans/bolton-plan.xml
status=0
(cd elsewhere && env -u PLANPRESS_TEMPLATES "$installed" --list-deps plans/bolton-plan.xml) \
	>"$tmp/stdout" 2>"$tmp/stderr" || status=$?
check "install: --list-deps runs" is "$status" 0
check "install: the installed bolton template is the one used" \
	grep_q "^$stage/opt/pp/bin/../share/planpress/templates/bolton.xml$" "$tmp/stdout"
status=0
(cd elsewhere && env -u PLANPRESS_TEMPLATES "$installed" -O out plans/bolton-plan.xml) \
	>"$tmp/stdout" 2>"$tmp/stderr" || status=$?
check "install: renders a plan from another folder" is "$status" 0
check "install: wrote the report" nonempty elsewhere/out/corporate-plan-q1.pdf
finish
