#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Acceptance check of a rendered progress report against its plan.

  check_progress_report.py PLAN.xml REPORT.pdf

From the PDF's text (pdftotext, page by page) it checks what a committee
member relies on:
  - every page that carries a priority reference (CO1 ...) shows the whole
    header row of the priority table;
  - every priority's reference is present;
  - every commentary and milestone paragraph of the plan appears exactly
    once (a paragraph split by a page break is found as its beginning on
    one page and its end on the next).
Prints "N passed, N failed" and exits 1 on any failure.
"""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

from checks import Checks

NS = "{urn:planpress:plan:1}"


def words(s):
    return re.sub(r"\s+", " ", s).strip()


def rejoin(s):
    # A line broken after a hyphen ("e-" / "learning") extracts as "e- learning".
    return re.sub(r"(\w)- (\w)", r"\1-\2", s)


def page_texts(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    n = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    out = []
    for i in range(1, n + 1):
        t = subprocess.run(["pdftotext", "-raw", "-f", str(i), "-l", str(i), pdf, "-"],
                           capture_output=True, text=True, check=True).stdout
        out.append(" " + rejoin(words(t)) + " ")
    return out


def main():
    plan, pdf = sys.argv[1], sys.argv[2]
    root = ET.parse(plan).getroot()
    table = root.find(f".//{NS}priority-table")
    headers = [words("".join(c.itertext())) for c in table.findall(f"{NS}column")]
    refs = [p.get("ref") for p in root.iter(f"{NS}priority") if p.get("ref")]
    paras = []
    for kind in ("commentary", "milestones"):
        for el in root.iter(f"{NS}{kind}"):
            ps = el.findall(f".//{NS}p")
            if ps:
                paras += [words("".join(p.itertext())) for p in ps]
            elif words("".join(el.itertext())):
                paras.append(words("".join(el.itertext())))
    pages = page_texts(pdf)
    doc = "".join(pages)
    checks = Checks()
    check = checks.check

    ref_re = re.compile(r"\b(" + "|".join(map(re.escape, refs)) + r")\b")
    table_pages = [i for i, t in enumerate(pages) if ref_re.search(t)]
    check(len(table_pages) > 0, "the table has pages")
    for i in table_pages:
        for h in headers:
            check(h in pages[i], f"page {i + 1} shows the header cell {h!r}")
    for r in refs:
        check(re.search(r"\b" + re.escape(r) + r"\b", doc) is not None, f"{r} is present")

    for p in paras:
        # A paragraph that is also the opening of a longer one (a milestone
        # repeated as the start of the commentary) is counted once per
        # paragraph, not once per occurrence of its words.
        n = doc.count(p) - sum(o.count(p) for o in paras if o != p and p in o)
        if n == 1:
            check(True, p)
            continue
        if n > 1:
            check(False, f"paragraph printed {n} times: {p[:70]!r}")
            continue
        w = p.split(" ")
        found = 0
        for i in range(len(pages) - 1):
            for k in range(1, len(w)):
                head, tail = " ".join(w[:k]), " ".join(w[k:])
                if head in pages[i] and tail in pages[i + 1] and doc.count(tail) == 1:
                    found += 1
                    break
        check(found == 1, f"paragraph found once across a page break: {p[:70]!r}")
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
