#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Two or more SVGs inlined in one HTML page keep to themselves.

Usage: svg_inline.py PAGE.xhtml FILE.svg FILE.svg...

Writes PAGE.xhtml, an XHTML page with every SVG inlined (as a web page
that shows two posters side by side would), parses it back and checks
that no id occurs twice in the page and that every reference of each SVG
(href="#...", url(#...)) names an element of that same SVG, so no poster
draws another's glyphs; and that each keeps its words (the text layer).
Prints one line per failure and exits 1 on any.
"""
import re
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"


def main(argv):
    page, files = argv[1], argv[2:]
    parts = []
    for f in files:
        text = open(f, encoding="utf-8").read()
        parts.append(re.sub(r"^<\?xml[^>]*\?>\s*", "", text))
    with open(page, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                  '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Posters</title>'
                  '</head><body>\n' + "\n".join(f"<div>{p}</div>" for p in parts)
                  + "\n</body></html>\n")
    root = ET.parse(page).getroot()
    svgs = root.findall(f".//{SVG}svg")
    fails = []
    if len(svgs) != len(files):
        fails.append(f"{len(svgs)} svg elements in the page, {len(files)} files inlined")
    seen = {}
    for i, svg in enumerate(svgs):
        own = set()
        for el in svg.iter():
            if "id" in el.attrib:
                ident = el.attrib["id"]
                if ident in seen:
                    fails.append(f"id {ident!r} of {files[i]} is also in {files[seen[ident]]}")
                seen.setdefault(ident, i)
                own.add(ident)
        refs = 0
        for el in svg.iter():
            for name, value in el.attrib.items():
                for ref in ([value[1:]] if name == XLINK and value.startswith("#") else []) + \
                        re.findall(r"url\(#([^)]*)\)", value):
                    refs += 1
                    if ref not in own:
                        fails.append(f"{files[i]}: reference to #{ref}, not one of its ids")
        if refs == 0:
            fails.append(f"{files[i]}: no references at all (glyphs are drawn by reference)")
        words = " ".join(t.text or "" for t in svg.iter(f"{SVG}text"))
        if len(words.split()) < 10:
            fails.append(f"{files[i]}: its text layer has {len(words.split())} words")
    for f in sorted(set(fails))[:20]:
        print(f"svg_inline: {f}")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
