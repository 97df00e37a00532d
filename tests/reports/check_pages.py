#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""check_pages.py: the page-quality check a typesetter would make.

Usage:
  check_pages.py [--report] PLANPRESS PLAN.xml ...   dump each plan's layout, check it
  check_pages.py [--report] --dump FILE.layout ...   check dumps already written

Reads `planpress --dump=layout` (every document of the plan, one after the
other: each starts again at "page 1") and reports, per page:

  sparse    a page less than 40% full followed by a page of the same size
            whose content before its first heading holds something that
            would have fitted in the gap (a paragraph, a row, or the text
            after a figure that moved on)
  single    a paragraph, list item or table row continued over a page break
            with a single line on one side of the break
  heading   a heading, a table's header row or a group row as the last
            thing on a page
  outside   text outside its page, or running past the bottom or right edge
            of the table cell (or poster box) it starts in
  lone      a table's last row, or the last row of a group (the rows under
            a group row), alone on a page under its repeated header, after
            a page that ends in the same table's rows

The body of the page is taken from the content itself: the highest top and
lowest bottom of any structure-tagged box among the document's pages of that
size (running headers and footers are artifacts, outside it). Cells are the
stroked rectangles the table engine draws; a box belongs to the smallest one
holding its top left corner.

Prints one line per fault ("file: document 2 page 4: single: ...") and, with
--report, the counts per file and kind. Exit status 1 when any fault was
found, 2 on a usage error or a plan that does not render.
"""
import re
import subprocess
import sys

KINDS = ("sparse", "single", "heading", "outside", "lone")
EPS = 0.6


def parse_dump(text):
    """Documents -> pages -> boxes, from a --dump=layout text."""
    docs, box = [], None
    for line in text.splitlines():
        m = re.match(r"page (\d+) ([\d.]+)x([\d.]+)$", line)
        if m:
            if m[1] == "1":
                docs.append([])
            docs[-1].append({"w": float(m[2]), "h": float(m[3]), "boxes": []})
            box = None
            continue
        m = re.match(r"  (\w+) ([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) (\S+)(.*)", line)
        if m and docs:
            role, ident = m[6], None
            if "#" in role:
                role, ident = role.split("#", 1)
            box = {"kind": m[1], "x": float(m[2]), "y": float(m[3]), "w": float(m[4]),
                   "h": float(m[5]), "role": role, "id": ident, "stroke": "stroke=" in m[7],
                   "rotated": "rotate=" in m[7], "fill": "fill=" in m[7],
                   "lines": []}
            docs[-1][-1]["boxes"].append(box)
            continue
        m = re.match(r"    \| ?(.*)$", line)
        if m and box is not None:
            box["lines"].append(m[1])
    return docs


def is_content(b):
    return b["role"] != "artifact" and b["kind"] in ("text", "image")


def is_heading(b):
    return re.fullmatch(r"H[1-6]", b["role"]) is not None


def body_bounds(doc):
    """(top, bottom) of the body per page size."""
    bounds = {}
    for p in doc:
        key = (p["w"], p["h"])
        for b in p["boxes"]:
            if not is_content(b):
                continue
            t, u = bounds.get(key, (b["y"], b["y"] + b["h"]))
            bounds[key] = (min(t, b["y"]), max(u, b["y"] + b["h"]))
    return bounds


def cells(page):
    return [b for b in page["boxes"] if b["kind"] == "rect" and b["stroke"]]


def cell_of(page, b):
    """The smallest stroked rectangle holding the box's top left corner."""
    best = None
    for r in cells(page):
        if r["x"] - EPS <= b["x"] <= r["x"] + r["w"] + EPS and \
                r["y"] - EPS <= b["y"] <= r["y"] + r["h"] + EPS and \
                r["w"] > 0 and r["h"] > 0:
            if best is None or r["w"] * r["h"] < best["w"] * best["h"]:
                best = r
    return best


def inside(r, b):
    return r["x"] - EPS <= b["x"] and b["x"] + b["w"] <= r["x"] + r["w"] + EPS and \
        r["y"] - EPS <= b["y"] and b["y"] + b["h"] <= r["y"] + r["h"] + EPS


def lines_in(page, r):
    """Most lines in one column of a row band starting where r starts."""
    n = 0
    for b in page["boxes"]:
        if b["kind"] == "text" and is_content(b) and b["role"] != "Lbl" and inside(r, b):
            n += len(b["lines"])
    return n


def row_lines(page, r):
    """Lines of the row whose cells start at r's top: its tallest cell."""
    band = [c for c in cells(page) if abs(c["y"] - r["y"]) < EPS]
    return max(lines_in(page, c) for c in band) if band else 0


def is_group_row(page, y, texts):
    """A band of cells that is one cell across the table, its text a TH:
    a group row (a theme's or directorate's name heading its rows)."""
    band = [c for c in cells(page) if abs(round(c["y"], 1) - y) < EPS]
    if len(band) != 1 or len(texts) != 1 or texts[0]["role"] != "TH":
        return False
    g = band[0]  # and other rows of the table are in several cells
    beside = [c for c in cells(page) if abs(c["y"] - g["y"]) >= EPS and
              g["x"] - EPS <= c["x"] and c["x"] + c["w"] <= g["x"] + g["w"] + EPS]
    return len({round(c["y"], 1) for c in beside}) < len(beside)


def check_doc(doc):
    faults = []
    bounds = body_bounds(doc)
    for i, p in enumerate(doc):
        top, bottom = bounds.get((p["w"], p["h"]), (0, p["h"]))
        content = [b for b in p["boxes"] if is_content(b)]
        # outside: text off the page, or past its cell
        for b in p["boxes"]:
            if b["kind"] != "text" or not b["lines"]:
                continue
            if b.get("rotated"):
                continue
            if b["x"] < -EPS or b["y"] < -EPS or b["x"] + b["w"] > p["w"] + EPS or \
                    b["y"] + b["h"] > p["h"] + EPS:
                faults.append((i, "outside", "text off the page: %r" % b["lines"][0]))
                continue
            r = cell_of(p, b)
            if r is not None and (b["y"] + b["h"] > r["y"] + r["h"] + EPS or
                                  b["x"] + min(b["w"], p["w"]) > r["x"] + r["w"] + EPS):
                # a box as wide as its layout may be wider than its ink;
                # only its bottom and an overlong single line count
                if b["y"] + b["h"] > r["y"] + r["h"] + EPS:
                    faults.append((i, "outside", "text runs below its box: %r" % b["lines"][0]))
        if not content:
            continue
        # heading / header row last on the page (not on the document's last page)
        if i + 1 < len(doc):
            body = [b for b in p["boxes"] if b["kind"] == "text" and b["lines"] and
                    b["y"] >= top - EPS and b["y"] + b["h"] <= bottom + EPS]
            if body:
                last = max(body, key=lambda b: (b["y"] + b["h"], b["y"]))
                if is_heading(last):
                    faults.append((i, "heading", "heading last on the page: %r" % last["lines"][0]))
                elif last["role"] == "TH":
                    # a repeated header row is an artifact at the top of a
                    # page, never last; a row's own <th> has cells beside it
                    below = [b for b in body if b["role"] not in ("TH", "artifact") and
                             b["y"] >= last["y"] - EPS and cell_of(p, b) is not None]
                    if not below:
                        r = cell_of(p, last)
                        kind = "group" if r is not None and is_group_row(
                            p, round(r["y"], 1), [last]) else "header"
                        faults.append((i, "heading", "%s row last on the page: %r"
                                       % (kind, last["lines"][0])))
        if i + 1 >= len(doc):
            continue
        q = doc[i + 1]
        # single: something continued over the break with one line on a side
        here = {}
        for b in content:
            if b["kind"] == "text" and b["id"] and b["role"] in ("P", "TD", "TH"):
                here.setdefault(b["id"], []).append(b)
        there = {}
        for b in q["boxes"]:
            if is_content(b) and b["kind"] == "text" and b["id"] in here:
                there.setdefault(b["id"], []).append(b)
        seen_rows = set()
        for ident, bs in there.items():
            a = here[ident]
            ra, rb = cell_of(p, a[-1]), cell_of(q, bs[0])
            if ra is not None and rb is not None:
                key = (round(ra["y"], 1), round(rb["y"], 1))
                if key in seen_rows:
                    continue
                seen_rows.add(key)
                na, nb = row_lines(p, ra), row_lines(q, rb)
                what = "table row"
            else:
                na = sum(len(b["lines"]) for b in a)
                nb = sum(len(b["lines"]) for b in bs)
                what = "paragraph"
            if min(na, nb) == 1:
                faults.append((i, "single", "%s split %d/%d: %r" % (
                    what, na, nb, (a[-1]["lines"] or [""])[-1])))
        # lone: the next page holds its table's repeated header (artifact
        # text in its first bands of cells: the header row, and a group
        # row repeated "(continued)"), then a single short row, and the
        # table or the row's group ends there; this page ends inside a table
        bands = sorted({round(c["y"], 1) for c in cells(q)})
        if len(bands) >= 2 and content and cell_of(p, max(
                content, key=lambda b: b["y"] + b["h"])) is not None:
            def band_text(y):
                return [b for b in q["boxes"] if b["kind"] == "text" and b["lines"] and
                        (cell_of(q, b) or {}).get("y") is not None and
                        abs(round(cell_of(q, b)["y"], 1) - y) < EPS]
            head = [y for y in bands if band_text(y)]
            n_head = 0
            while n_head < len(head) and all(b["role"] == "artifact"
                                             for b in band_text(head[n_head])):
                n_head += 1
            body_bands = head[n_head:]
            if n_head and body_bands:
                row_bottom = max(c["y"] + c["h"] for c in cells(q)
                                 if abs(round(c["y"], 1) - body_bands[0]) < EPS)
                short = row_bottom - head[0] < (bottom - top) / 3
                what = None
                if len(body_bands) == 1:
                    what = "the table's last row alone under its header"
                elif is_group_row(q, body_bands[1], band_text(body_bands[1])) and \
                        not is_group_row(q, body_bands[0], band_text(body_bands[0])):
                    what = "the group's last row alone under its header"
                if what and short:
                    faults.append((i + 1, "lone", "%s: %r"
                                   % (what, band_text(body_bands[0])[0]["lines"][0])))
        # sparse: a page under 40% full, and the next could have filled it
        if (q["w"], q["h"]) != (p["w"], p["h"]) or bottom <= top:
            continue
        used = max(b["y"] + b["h"] for b in content)
        if (used - top) / (bottom - top) >= 0.4:
            continue
        gap = bottom - used
        nxt = sorted((b for b in q["boxes"] if is_content(b)), key=lambda b: (b["y"], b["x"]))
        for b in nxt:
            if is_heading(b) or b["role"] in ("TOC", "TOCI"):
                break
            if b["h"] <= gap and b["role"] in ("P", "TD", "Figure", "Caption", "LI", "Lbl"):
                faults.append((i, "sparse", "page %.0f%% full; %r would fit its gap" % (
                    100 * (used - top) / (bottom - top), (b["lines"] or ["(figure)"])[0])))
                break
    return faults


def main(argv):
    report = "--report" in argv
    argv = [a for a in argv if a != "--report"]
    if len(argv) < 2:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    inputs = []
    if argv[0] == "--dump":
        for path in argv[1:]:
            with open(path, encoding="utf-8") as fh:
                inputs.append((path, fh.read()))
    else:
        prog = argv[0]
        for plan in argv[1:]:
            r = subprocess.run([prog, "--dump=layout", plan], capture_output=True, text=True)
            if r.returncode != 0:
                sys.stderr.write(r.stderr)
                print("%s: does not render (exit %d)" % (plan, r.returncode), file=sys.stderr)
                return 2
            inputs.append((plan, r.stdout))
    total = 0
    for name, text in inputs:
        counts = dict.fromkeys(KINDS, 0)
        docs = parse_dump(text)
        pages = 0
        for d, doc in enumerate(docs):
            pages += len(doc)
            for i, kind, msg in check_doc(doc):
                counts[kind] += 1
                print("%s: document %d page %d: %s: %s" % (name, d + 1, i + 1, kind, msg))
        total += sum(counts.values())
        if report:
            print("%s: %d pages; %s" % (name, pages,
                                        ", ".join("%s %d" % (k, counts[k]) for k in KINDS)))
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
