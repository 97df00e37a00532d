#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# check_dump.py KIND LAYOUT-DUMP [ARGS]: assertions on `--dump=layout` for
# test_extremes.sh. Exit 0 when they hold, else print why and exit 1.
#   inside            every box lies within its page
#   broken WORD       WORD is split over several lines of one box, no
#                     character lost, and that box lies within its page
#   split TEXT        TEXT's paragraphs continue over more than one page
#   rows N            the table holds rows P1 ... PN, each once
import re
import sys

kind, path = sys.argv[1], sys.argv[2]
pages, box = [], None
for line in open(path, encoding="utf-8"):
    m = re.match(r"page (\d+) ([\d.]+)x([\d.]+)", line)
    if m:
        pages.append({"w": float(m[2]), "h": float(m[3]), "boxes": []})
        continue
    m = re.match(r"  (\w+) ([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)(.*)", line)
    if m and pages:
        box = {"kind": m[1], "x": float(m[2]), "y": float(m[3]), "w": float(m[4]),
               "h": float(m[5]), "rest": m[6], "lines": []}
        pages[-1]["boxes"].append(box)
        continue
    m = re.match(r"    \| ?(.*)", line.rstrip("\n"))
    if m and box is not None:
        box["lines"].append(m[1])


def fail(msg):
    print("check_dump %s: %s" % (kind, msg))
    sys.exit(1)


def within(p, b):
    e = 0.01
    if b["kind"] == "line":  # "line X1 Y1 X2 Y2": its two ends
        return all(-e <= x <= p["w"] + e for x in (b["x"], b["w"])) and \
            all(-e <= y <= p["h"] + e for y in (b["y"], b["h"]))
    return b["x"] >= -e and b["y"] >= -e and b["x"] + b["w"] <= p["w"] + e and \
        b["y"] + b["h"] <= p["h"] + e


if not pages:
    fail("no pages")
for i, p in enumerate(pages, 1):
    for b in p["boxes"]:
        if not within(p, b):
            fail("page %d: %s box at %.2f,%.2f size %.2fx%.2f leaves the page"
                 % (i, b["kind"], b["x"], b["y"], b["w"], b["h"]))
if kind == "broken":
    word = sys.argv[3]
    hits = [b for p in pages for b in p["boxes"] if word[:20] in "".join(b["lines"])]
    if not hits:
        fail("no box holds %r" % word[:20])
    for b in hits:
        joined = "".join(b["lines"])
        if len(b["lines"]) < 2:
            fail("%r is on one line of a %.2fpt box" % (word[:20], b["w"]))
        if joined != word:
            fail("characters lost: %r" % joined[:80])
elif kind == "split":
    text = sys.argv[3]
    on = [i for i, p in enumerate(pages) if any(text in l for b in p["boxes"] for l in b["lines"])]
    if len(set(on)) < 2:
        fail("%r is on %d page(s)" % (text, len(set(on))))
elif kind == "holds":
    text = sys.argv[3]
    if not any(text in l for p in pages for b in p["boxes"] for l in b["lines"]):
        fail("no box holds %r" % text)
elif kind == "rows":
    n = int(sys.argv[3])
    refs = [l for p in pages for b in p["boxes"] if "TD" in b["rest"] for l in b["lines"]
            if re.fullmatch(r"P\d+", l)]
    want = ["P%d" % i for i in range(1, n + 1)]
    got = sorted(set(refs), key=lambda r: int(r[1:]))
    if got != want:
        fail("%d distinct row references, expected %d" % (len(got), n))
print("check_dump %s: ok (%d pages)" % (kind, len(pages)))
