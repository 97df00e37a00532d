#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Outputs are never lost: a failed run leaves old outputs untouched and no
# temporary files; --list-outputs names exactly the files a run writes.
source "$(dirname "$0")/lib.sh"
cd "$tmp"
cp "$here/plan.xml" plan.xml
cp "$here/bad.xml" bad.xml

pp --list-outputs plan.xml
check "--list-outputs exits 0" is "$status" 0
check "--list-outputs writes nothing" absent output
printf '%s\n' output/example-plan.pdf output/example-summary.pdf \
	output/example-summary.svg output/example-summary.png >expected
check "--list-outputs lists every document and format" cmp -s expected "$tmp/stdout"

pp --dump=layout --document summary plan.xml
check "--dump=layout exits 0" is "$status" 0
check "--dump=layout prints pages on stdout" grep_q "^page 1 " "$tmp/stdout"
check "--dump=layout writes nothing" absent output
pp --dump=model plan.xml
check "--dump=model exits 0" is "$status" 0
check "--dump=model prints on stdout" nonempty "$tmp/stdout"
check "--dump=model writes nothing" absent output

pp --list-deps plan.xml
check "--list-deps exits 0" is "$status" 0

pp -O out --list-outputs plan.xml
sort "$tmp/stdout" >listed
pp -v -O out plan.xml
check "render exits 0" is "$status" 0
check "render prints nothing on stdout" empty "$tmp/stdout"
(find out -type f | sort) >written
check "wrote exactly the listed files" cmp -s listed written
check "one verbose line per file" lines "$(wc -l <listed)" "$tmp/stderr"
check "verbose line form" grep_q "^planpress: wrote out/example-plan.pdf ([0-9]* pages\?)$" "$tmp/stderr"

# Old outputs survive a failed run, whichever file fails.
for f in $(cat listed); do echo "old $f" >"$f"; done
rm out/example-summary.png
mkdir out/example-summary.png # the last file of the run cannot be written
pp -O out plan.xml
check "failing run exits 3" is "$status" 3
for f in $(cat listed); do
	[ -d "$f" ] && continue
	check "$f untouched after a failed write" grep_q "^old $f\$" "$f"
done
check "no temporary files after a failed write" no_temps out
rmdir out/example-summary.png

pp -O out bad.xml
check "bad plan exits 1" is "$status" 1
check "old output untouched after a bad plan" grep_q "^old out/example-plan.pdf\$" out/example-plan.pdf

pp -O out --check plan.xml
check "--check leaves old outputs" grep_q "^old out/example-plan.pdf\$" out/example-plan.pdf

# -o writes one document to the named file.
pp -o one/doc.pdf --document summary plan.xml
check "-o exits 0" is "$status" 0
check "-o writes the file (creating its directory)" test -s one/doc.pdf
check "-o writes nothing else" is "$(find one -type f | wc -l)" 1

# An output that is a file the run reads (the plan, by its name or a hard
# link, or its template) is refused: the plan is never replaced by a PDF.
cp plan.xml keep.xml
ln plan.xml hard.pdf
for target in plan.xml hard.pdf; do
	pp --document main -f pdf -o "$target" plan.xml
	check "-o $target (the plan): exit 3" is "$status" 3
	check "-o $target (the plan): says why" \
		grep_q "^planpress: error: cannot write $target: it is a file this run reads" "$tmp/stderr"
	check "-o $target (the plan): the plan is untouched" cmp -s keep.xml plan.xml
done
cp "$here/../../templates/default.xml" tpl.xml
cp tpl.xml tpl.keep
pp --document main -t tpl.xml -f pdf -o tpl.xml plan.xml
check "-o the template: exit 3" is "$status" 3
check "-o the template: it is untouched" cmp -s tpl.keep tpl.xml
check "-o the template: no temporary file" no_temps .

# A document's page files ("x-1.svg") and another document named "x-1"
# would write the same file: refused at the second document, nothing written.
sed -e 's|<document id="summary" output="example-summary" formats="pdf svg png">|<document id="summary" output="example-plan-1" formats="svg">|' \
	-e 's|<document id="main" output="example-plan">|<document id="main" output="example-plan" formats="svg"><section title="Long"><p>'"$(printf 'word %.0s' $(seq 3000))"'</p></section>|' \
	plan.xml >clash.xml
pp -O clash clash.xml
check "page file clash: exit 1" is "$status" 1
check "page file clash: located at the second document" \
	grep_q '^clash.xml:46:5: error: two documents write the same output "clash/example-plan-1.svg"' "$tmp/stderr"
check "page file clash: no file written, no temporary left" \
	is "$(find clash -type f 2>/dev/null | wc -l)" 0

# New files get ordinary permissions (0666 less the umask), not mkstemp's 0600.
umask 022
pp -O perm --document summary plan.xml
check "output mode 644" is "$(stat -c %a perm/example-summary.pdf)" 644
finish
