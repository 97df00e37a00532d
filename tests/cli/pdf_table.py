#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""pdf_table.py: the cells of a table as a PDF prints them, for tests.

Usage: pdf_table.py FILE.pdf 'Ref|Measure|Target|...'

Reads the words and their boxes from `pdftotext -bbox-layout` (poppler)
and finds each header row whose cells read, left to right, as the given
headers ('|' between cells; a header may be several words). Its cells'
left edges are the columns. Each later word at the first column's edge
starts a row; every word down to the next row, the next header, text
left of the table (a heading), or the end of the page belongs to the row, in the column its left edge falls in.
Prints one row a line, its cells' words in reading order (top to bottom,
left to right), joined by one space, cells separated by '|':

    HS1|Households prevented from becoming homeless|200|95|80|175|...

A cell that wraps, or a status centred in a tall row, so reads whole,
which `pdftotext -layout` cannot promise. The footer ("Page 1 of 2") is
left out. Exits 1 when no header matches.
"""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/1999/xhtml}"


def lines_of(path):
    """Each page's words as visual lines (the words whose tops lie within
    2 pt of each other), top to bottom."""
    out = subprocess.run(["pdftotext", "-bbox-layout", path, "-"], check=True,
                         capture_output=True).stdout
    root = ET.fromstring(out)
    pages = []
    for page in root.iter(NS + "page"):
        words = sorted(((float(w.get("yMin")), float(w.get("xMin")), w.text or "")
                        for w in page.iter(NS + "word")))
        lines = []
        for y, x, t in words:
            if not lines or y - lines[-1][0][1] > 2:
                lines.append([])
            lines[-1].append((x, y, t))
        pages.append(lines)
    return pages


def header_edges(words, headers):
    """The left edge of each header cell, or None when the line is not it."""
    words = sorted(words)
    want = [h.split() for h in headers]
    flat = [t for h in want for t in h]
    if [w[2] for w in words] != flat:
        return None
    edges, i = [], 0
    for h in want:
        edges.append(words[i][0])
        i += len(h)
    return edges


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    headers = argv[2].split("|")
    found = False
    for lines in lines_of(argv[1]):
        edges = None
        rows = []
        for words in lines:
            text = " ".join(w[2] for w in sorted(words))
            e = header_edges(words, headers)
            if e:
                edges, found = e, True
                continue
            if edges is None or re.fullmatch(r"Page \d+ of \d+", text):
                continue
            if text.split()[0] == headers[0].split()[0] or \
                    min(w[0] for w in words) < edges[0] - 2:
                edges = None  # another table's header, or text after the table
                continue
            if any(abs(w[0] - edges[0]) < 2 for w in words):
                rows.append([])
            if not rows:
                continue
            for x, y, t in words:
                col = max(i for i, left in enumerate(edges) if x >= left - 2)
                rows[-1].append((col, y, x, t))
        for row in rows:
            cells = []
            for c in range(len(headers)):
                ws = sorted((y, x, t) for col, y, x, t in row if col == c)
                cells.append(" ".join(t for _, _, t in ws))
            print("|".join(cells))
    return 0 if found else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
