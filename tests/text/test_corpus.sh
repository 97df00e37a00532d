#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The text engine's invariants over a corpus (README.md here): every
# paragraph that laying out the plans below measures, on either path,
# keeps them (text_check), and the fast path's differences from
# PangoLayout are counted and explained. Corpus: input/*.xml, a sample
# of the benchmark content (N = 200), the hostile extremes and
# multilingual text.
textdir=$(cd "$(dirname "$0")" && pwd)
source "$textdir/../cli/lib.sh"
cd "$tmp"
src=$textdir/../..
python3 "$textdir/gen_multilingual.py"
python3 "$src/tests/hostile/gen_extremes.py"
# gen.py's plans are mostly refused ones; two of its accepted ones are used
mkdir hostile && (cd hostile && python3 "$src/tests/hostile/gen.py")
python3 "$src/bench/progress-content" --seed 2021 --n 200 --out content >/dev/null
python3 "$src/bench/progress-to-plan" content/n200/report.json >bench-n200.xml

export PP_TEXT_CHECK=$tmp/corpus.tsv
for f in "$src"/input/*.xml multilingual.xml bench-n200.xml long-word.xml scripts.xml \
	chart-long-words.xml tall-cell.xml hostile/long-words-many.xml hostile/paragraphs-3.xml; do
	rm -rf out
	pp -O out "$f"
	check "$f: renders" is "$status" 0
	check "$f: measured some text" test -s corpus.tsv
done
unset PP_TEXT_CHECK
status=0
python3 "$textdir/corpus_report.py" corpus.tsv >"$tmp/stderr" 2>&1 || status=$?
cat "$tmp/stderr"
check "every paragraph keeps the invariants" is "$status" 0
# The fast path takes nearly all of it, and differs from PangoLayout only
# where it breaks a word (Pango adds a hyphen there) or in a few lines.
fast=$(grep -c '^fast' corpus.tsv)
total=$(wc -l <corpus.tsv)
check "the fast path takes at least 95% of the paragraphs ($fast of $total)" \
	test $((fast * 100)) -ge $((total * 95))
differ=$(grep '^fast' corpus.tsv | cut -f3 | grep -vc '^same$' || true)
check "at most 2% differ from PangoLayout ($differ of $fast)" test $((differ * 100)) -le $((fast * 2))
finish
