#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Print every /Alt text of a PDF's structure elements, one a line.

    pdf_alts.py FILE.pdf

The alternative texts reach screen readers; the command-line tests grep
them for the figures a chart or sparkline stands for. Object streams are
inflated first (zlib, the standard library), so this reads any PDF
planpress writes. Literal strings have their escapes undone; text beyond
ASCII is written as UTF-16BE in hex (<FEFF...>) and decoded.
"""
import re
import sys
import zlib

data = open(sys.argv[1], "rb").read()
for m in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
    try:
        data += zlib.decompress(m.group(1))
    except zlib.error:
        pass

ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def literal(body):
    """The bytes of a PDF literal string's body (escapes undone)."""
    return re.sub(rb"\\([nrtbf()\\])",
                  lambda e: ESCAPES.get(e.group(1), e.group(1)), body)


for m in re.finditer(rb"/Alt(?:\(((?:[^()\\]|\\.)*)\)|<(FEFF[0-9A-Fa-f]*)>)", data, re.S):
    if m.group(1) is not None:
        print(literal(m.group(1)).decode("latin-1"))
    else:
        print(bytes.fromhex(m.group(2).decode())[2:].decode("utf-16-be"))
