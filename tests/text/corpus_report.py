#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Summarise a PP_TEXT_CHECK file (src/layout/text_check.c): one line per
# measured paragraph with its path, its check, how it compares with
# PangoLayout, Pango's own check, its line count and its first characters.
# Prints how many paragraphs each path took, how many differ from
# PangoLayout and why, and every failed check; exits 1 when any failed.
import sys
from collections import Counter

path, verdict, compare = Counter(), Counter(), Counter()
failed = []
n = 0
for name in sys.argv[1:]:
    with open(name, encoding="utf-8", errors="replace") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 6:
                failed.append("malformed record: " + line.strip())
                continue
            n += 1
            path["fast path" if cols[0] == "fast" else "PangoLayout (" + cols[0][7:] + ")"] += 1
            if cols[1] != "ok":
                failed.append("%s: %s" % (cols[1], cols[5]))
            if cols[3] != "pango ok":
                failed.append("%s: %s" % (cols[3], cols[5]))
            if cols[0] == "fast":
                compare[cols[2]] += 1
fast = path["fast path"]
print("paragraphs: %d" % n)
for k, v in path.most_common():
    print("  %-60s %d" % (k, v))
differ = fast - compare["same"]
print("fast-path paragraphs laid out differently from PangoLayout: %d of %d (%.2f%%)"
      % (differ, fast, 100.0 * differ / fast if fast else 0))
for k, v in compare.most_common():
    if k != "same":
        print("  %-60s %d" % (k, v))
print("checks failed: %d" % len(failed))
for f in failed[:50]:
    print("  " + f)
sys.exit(1 if failed or n == 0 else 0)
