#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Ten thousand small documents in one plan (issue 14): every one is
# written, none twice, no temporary file is left, within 512 MB. Each
# document once took a template load, an fsync and (for PNG) a 45 ms
# encode; bench/README.md has the timings. The time bound is generous:
# the run takes about 5 s of CPU on a 2-core machine, but shares it with
# the rest of the suite.
source "$(dirname "$0")/../cli/lib.sh"
cd "$tmp"
need pdftotext prlimit
python3 - "$here/../cli/plan.xml" <<'PY'
import sys
plan = open(sys.argv[1], encoding="utf-8").read()
start = plan.index("<documents>") + len("<documents>")
end = plan.index("</documents>")
docs = "".join(
    '\n    <document id="d%d" output="doc-%d"><section title="Section %d">'
    "<p>Small document %d.</p></section></document>" % (i, i, i, i)
    for i in range(10000))
open("many.xml", "w", encoding="utf-8").write(plan[:start] + docs + plan[end:])
PY

limit=(prlimit --as=$((512 * 1024 * 1024)))
if grep -q __asan_init "$PLANPRESS" 2>/dev/null; then
	limit=() # AddressSanitizer's shadow memory needs terabytes of address space
fi
bound=120
status=0
start=$(date +%s)
"${limit[@]}" timeout $bound "$PLANPRESS" -O out many.xml >"$tmp/stdout" 2>"$tmp/stderr" || status=$?
echo "10,000 documents: $(($(date +%s) - start)) s"
check "10,000 documents: exit 0 within $bound s and 512 MB" is "$status" 0
check "10,000 documents: no message" empty "$tmp/stderr"
check "10,000 documents: 10,000 PDF files" is "$(find out -name 'doc-*.pdf' | wc -l)" 10000
check "10,000 documents: no temporary file left" no_temps out
check "10,000 documents: the last is whole" grep -q "%%EOF" out/doc-9999.pdf
check "10,000 documents: the last holds its own text" \
	grep -q "Small document 9999\." <(pdftotext out/doc-9999.pdf -)

finish
