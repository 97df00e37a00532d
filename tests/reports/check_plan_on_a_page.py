#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Acceptance check of a plan-on-a-page wall poster against its plan.

  check_plan_on_a_page.py PLAN.xml POSTER.pdf POSTER.svg [--tiers]

The poster is one A3 landscape page; the SVG is well formed, one page,
with a viewBox; every priority title (and, for a matrix, every framework
label of the named groups; for a tiered poster, every box) appears in the
PDF's text. Prints "N passed, N failed".
"""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

from checks import Checks

NS = "{urn:planpress:plan:1}"


def words(s):
    s = re.sub(r"\s+", " ", s).strip()
    return re.sub(r"(\w)- (\w)", r"\1-\2", s)


def main():
    plan, pdf, svg = sys.argv[1:4]
    root = ET.parse(plan).getroot()
    checks = Checks()
    check = checks.check

    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    check(re.search(r"^Pages:\s+1$", info, re.M), "the poster is one page")
    check(re.search(r"^Page size:\s+1190\.\d+ x 841\.\d+ pts", info, re.M),
          "the poster is A3 landscape")
    text = " " + words(subprocess.run(["pdftotext", "-raw", pdf, "-"], capture_output=True,
                                      text=True, check=True).stdout) + " "
    # Turned column labels extract one line at a time, so compare without spaces.
    flat = text.replace(" ", "")

    s = ET.parse(svg).getroot()
    check(s.tag.endswith("svg") and re.match(r"^0 0 [\d.]+ [\d.]+$", s.get("viewBox") or ""),
          "the SVG has a viewBox")
    check(len([e for e in s.iter() if e.tag.endswith("}svg")]) == 1, "the SVG is one page")

    doc = None
    for d in root.iter(f"{NS}document"):
        if any(e.tag in (f"{NS}matrix", f"{NS}poster") for e in d):
            doc = d
    check(doc is not None, "the plan has a poster document")
    for m in doc.iter(f"{NS}matrix"):
        groups = (m.get("groups") or "").split()
        labels = []
        for g in root.iter(f"{NS}group"):
            if g.get("id") in groups:
                labels.append(g.get("label"))
                for sub in g.iter(f"{NS}group"):
                    labels.append(sub.get("label"))
                for it in g.iter(f"{NS}item"):
                    labels.append(words(it.text or ""))
        for l in labels:
            check(words(l).replace(" ", "") in flat, f"framework label {l!r} is printed")
        for p in root.iter(f"{NS}priority"):
            t = words("".join(p.find(f"{NS}title").itertext()))
            check(t in text, f"priority {t!r} is printed")
    for poster in doc.iter(f"{NS}poster"):
        for box in poster.iter(f"{NS}box"):
            t = words("".join(box.itertext()))
            check(t.replace(" ", "") in flat, f"box {t[:50]!r} is printed")
        for tier in poster.iter(f"{NS}tier"):
            theme = tier.get("from-theme")
            for th in root.iter(f"{NS}theme"):
                if th.get("id") == theme:
                    for p in th.iter(f"{NS}priority"):
                        t = words("".join(p.find(f"{NS}title").itertext()))
                        check(t.replace(" ", "") in flat, f"priority box {t[:50]!r} is printed")
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
