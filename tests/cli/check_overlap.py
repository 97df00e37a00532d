#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""check_overlap.py: no two texts of one figure overlap on the page.

Usage: planpress --dump=layout plan.xml | check_overlap.py

Reads the layout dump (docs: --dump=layout) and, per page, compares the
rectangles of every pair of TEXT boxes that belong to the same Figure (a
chart's title, ticks, labels, key and centre total): each box is the room
layout gave its text, so boxes that do not meet cannot print over each
other. Prints one line per overlap and exits 1 when there is any; prints
the number of figure texts checked otherwise.
"""
import re
import sys

BOX = re.compile(r"^  text ([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) Figure#(\d+)")
EPS = 0.5  # points: boxes that share an edge do not overlap

def main():
    page, texts, bad = 0, {}, []
    checked = 0

    def flush():
        nonlocal checked
        for fig, boxes in texts.items():
            checked += len(boxes)
            for i, a in enumerate(boxes):
                for b in boxes[i + 1:]:
                    if (a[0] + a[2] > b[0] + EPS and b[0] + b[2] > a[0] + EPS and
                            a[1] + a[3] > b[1] + EPS and b[1] + b[3] > a[1] + EPS):
                        bad.append(f"page {page} Figure#{fig}: {a} overlaps {b}")
        texts.clear()

    for line in sys.stdin:
        if line.startswith("page "):
            flush()
            page += 1
            continue
        m = BOX.match(line)
        if m:
            x, y, w, h = (float(v) for v in m.groups()[:4])
            texts.setdefault(m.group(5), []).append((x, y, w, h))
    flush()
    for b in bad:
        print(b)
    if not bad:
        print(f"{checked} figure texts, none overlapping")
    return 1 if bad else 0

sys.exit(main())
