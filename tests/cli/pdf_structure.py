#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""pdf_structure.py: the project's own check of a tagged PDF's structure.

Usage: pdf_structure.py [--tree] FILE.pdf

Reads the PDF through `qpdf --json=2` (Debian's qpdf package; Python's
standard library cannot parse PDF) and checks what docs/accessibility.md
promises: /MarkInfo /Marked, /Lang, /ViewerPreferences /DisplayDocTitle,
XMP with dc:title and pdfuaid:part 1, an Info /Title; a structure tree
whose headings start at H1 and never skip a level, whose tables hold rows
of TH/TD, whose TH carry /Scope, whose lists hold LI of Lbl/LBody, whose
figures have /Alt; every link annotation with /Contents and /StructParent
on a page with /Tabs /S; and every painting operator inside marked content
that is an MCID or an /Artifact. Prints one line per failure and exits 1.
With --tree it also prints the tree, one element a line, indented, with
its attributes (Scope=Column, Alt=..., Lang=...) and MCID count, for tests
to assert on.
"""
import base64
import json
import re
import subprocess
import sys

PAINT = {"Tj", "TJ", "'", '"', "Do", "f", "F", "f*", "B", "B*", "b", "b*", "S", "s",
         "sh", "BI"}


def load(path):
    out = subprocess.run(
        ["qpdf", "--json=2", "--json-key=qpdf", "--json-key=pages",
         "--json-stream-data=inline", "--decode-level=generalized", path],
        check=True, capture_output=True).stdout
    d = json.loads(out)
    objs = {}
    for k, v in d["qpdf"][1].items():
        if k.startswith("obj:"):
            objs[k[4:]] = v
        elif k == "trailer":
            objs["trailer"] = v
    return d, objs


class Pdf:
    def __init__(self, path):
        self.d, self.objs = load(path)
        self.fails = []

    def get(self, v):
        """Resolve "N 0 R" to the object's value (a stream gives its dict)."""
        while isinstance(v, str) and re.fullmatch(r"\d+ \d+ R", v):
            o = self.objs.get(v, {})
            v = o["value"] if "value" in o else o.get("stream", {}).get("dict")
        return v

    def stream(self, ref):
        s = self.objs.get(ref, {}).get("stream", {})
        return base64.b64decode(s.get("data", "")) if "data" in s else b""

    def fail(self, msg):
        self.fails.append(msg)


def text(v):
    if isinstance(v, str) and v.startswith("u:"):
        return v[2:]
    if isinstance(v, str) and v.startswith("b:"):
        return bytes.fromhex(v[2:]).decode("utf-16-be", "replace") \
            if v[2:].lower().startswith("feff") else v[2:]
    return v if isinstance(v, str) else ""


def tokens(data):
    """Operators of a content stream, each with its operands (names only)."""
    i, n, ops = 0, len(data), []
    operands = []
    while i < n:
        c = data[i:i + 1]
        if c in b" \t\r\n\f\x00":
            i += 1
        elif c == b"%":
            while i < n and data[i:i + 1] not in b"\r\n":
                i += 1
        elif c == b"(":
            depth = 0
            while i < n:
                ch = data[i:i + 1]
                if ch == b"\\":
                    i += 2
                    continue
                depth += ch == b"("
                depth -= ch == b")"
                i += 1
                if depth == 0:
                    break
            operands.append("string")
        elif data[i:i + 2] in (b"<<", b">>"):
            operands.append(data[i:i + 2].decode())
            i += 2
        elif c == b"<":
            i = data.index(b">", i) + 1
            operands.append("string")
        elif c in b"[]{}":
            i += 1
        elif c == b"/":
            j = i + 1
            while j < n and data[j:j + 1] not in b" \t\r\n\f/[]()<>{}%":
                j += 1
            operands.append(data[i:j].decode("latin-1"))
            i = j
        else:
            j = i
            while j < n and data[j:j + 1] not in b" \t\r\n\f/[]()<>{}%":
                j += 1
            word = data[i:j].decode("latin-1")
            i = j
            if re.fullmatch(r"[-+.0-9]+", word) or word in ("true", "false", "null"):
                operands.append(word)
            else:
                ops.append((word, operands))
                operands = []
    return ops


def check_content(pdf, pageno, data):
    stack, bad = [], 0
    for op, operands in tokens(data):
        if op in ("BDC", "BMC"):
            tag = operands[0] if operands else ""
            kind = "art" if tag == "/Artifact" else \
                "mcid" if op == "BDC" and "/MCID" in operands else "other"
            stack.append(kind)
        elif op == "EMC":
            if not stack:
                pdf.fail(f"page {pageno}: EMC without BDC")
            else:
                stack.pop()
        elif op in PAINT and not any(k in ("art", "mcid") for k in stack):
            bad += 1
    if bad:
        pdf.fail(f"page {pageno}: {bad} painting operators neither tagged nor artifacts")


def walk(pdf, elem_ref, depth, out, seen):
    e = pdf.get(elem_ref)
    if not isinstance(e, dict) or "/S" not in e:
        return
    if isinstance(elem_ref, str):
        if elem_ref in seen:
            pdf.fail(f"structure element {elem_ref} appears twice in the tree")
            return
        seen.add(elem_ref)
    role = e["/S"][1:]
    kids = e.get("/K", [])
    kids = kids if isinstance(kids, list) else [kids]
    attrs = {}
    for a in (e.get("/A") if isinstance(e.get("/A"), list) else [e.get("/A")]):
        a = pdf.get(a)
        if isinstance(a, dict):
            for k in ("/Scope", "/RowSpan", "/ColSpan"):
                if k in a:
                    attrs[k[1:]] = str(a[k]).lstrip("/")
    for k in ("/Alt", "/Lang"):
        if k in e:
            attrs[k[1:]] = text(e[k])
    mcids = sum(1 for k in kids if isinstance(k, int) or
                (isinstance(pdf.get(k), dict) and pdf.get(k).get("/Type") == "/MCR"))
    objrs = sum(1 for k in kids if isinstance(pdf.get(k), dict) and
                pdf.get(k).get("/Type") == "/OBJR")
    node = {"role": role, "depth": depth, "attrs": attrs, "mcids": mcids, "objrs": objrs,
            "kids": []}
    out.append(node)
    for k in kids:
        kv = pdf.get(k)
        if isinstance(kv, dict) and "/S" in kv:
            before = len(out)
            walk(pdf, k, depth + 1, out, seen)
            if len(out) > before:
                node["kids"].append(out[before])


def check(path, show_tree):
    pdf = Pdf(path)
    trailer = pdf.objs["trailer"]["value"]
    cat = pdf.get(trailer["/Root"])
    if not (pdf.get(cat.get("/MarkInfo")) or {}).get("/Marked"):
        pdf.fail("catalog: /MarkInfo /Marked is not true")
    if not text(cat.get("/Lang", "")):
        pdf.fail("catalog: no /Lang")
    if not (pdf.get(cat.get("/ViewerPreferences")) or {}).get("/DisplayDocTitle"):
        pdf.fail("catalog: /DisplayDocTitle is not true")
    xmp = pdf.stream(cat.get("/Metadata", "")).decode("utf-8", "replace")
    if not re.search(r"<pdfuaid:part>1</pdfuaid:part>", xmp):
        pdf.fail("XMP: no pdfuaid:part 1")
    if "<dc:title>" not in xmp:
        pdf.fail("XMP: no dc:title")
    info = pdf.get(trailer.get("/Info")) or {}
    if not text(info.get("/Title", "")):
        pdf.fail("info: no /Title")

    tree = []
    root = pdf.get(cat.get("/StructTreeRoot"))
    if not isinstance(root, dict):
        pdf.fail("catalog: no /StructTreeRoot")
    else:
        kids = root.get("/K", [])
        for k in kids if isinstance(kids, list) else [kids]:
            walk(pdf, k, 0, tree, set())
    last = 0
    for n in tree:
        r = n["role"]
        kr = [k["role"] for k in n["kids"]]
        m = re.fullmatch(r"H([1-6])", r)
        if m:
            lv = int(m.group(1))
            if lv > last + 1:
                pdf.fail(f"heading H{lv} after H{last}: a level is skipped")
            last = lv
        if r == "Table" and set(kr) - {"THead", "TBody", "TFoot", "TR", "Caption"}:
            pdf.fail(f"Table holds {sorted(set(kr))}")
        if r in ("THead", "TBody") and set(kr) - {"TR"}:
            pdf.fail(f"{r} holds {sorted(set(kr))}")
        if r == "TR" and set(kr) - {"TH", "TD"}:
            pdf.fail(f"TR holds {sorted(set(kr))}")
        if r == "TH" and "Scope" not in n["attrs"]:
            pdf.fail("TH without /Scope")
        if r == "L" and set(kr) - {"LI", "L", "Caption"}:
            pdf.fail(f"L holds {sorted(set(kr))}")
        if r == "LI" and set(kr) - {"Lbl", "LBody"}:
            pdf.fail(f"LI holds {sorted(set(kr))}")
        if r == "Figure" and not n["attrs"].get("Alt"):
            pdf.fail("Figure without /Alt")
        if r == "Link" and (not n["attrs"].get("Alt") or not n["objrs"]):
            pdf.fail("Link without /Alt or without its annotation")

    for i, page in enumerate(pdf.d["pages"], 1):
        pg = pdf.get(page["object"])
        annots = pdf.get(pg.get("/Annots")) or []
        links = [pdf.get(a) for a in annots if (pdf.get(a) or {}).get("/Subtype") == "/Link"]
        if links and pg.get("/Tabs") != "/S":
            pdf.fail(f"page {i}: links but no /Tabs /S")
        for a in links:
            if not text(a.get("/Contents", "")):
                pdf.fail(f"page {i}: link annotation without /Contents")
            if "/StructParent" not in a:
                pdf.fail(f"page {i}: link annotation without /StructParent")
        check_content(pdf, i, b"".join(pdf.stream(c) for c in page["contents"]))

    if show_tree:
        for n in tree:
            a = " ".join(f"{k}={v}" for k, v in sorted(n["attrs"].items()))
            print("  " * n["depth"] + n["role"] + (f" [{a}]" if a else "")
                  + (f" mcids={n['mcids']}" if n["mcids"] else ""))
    for f in pdf.fails:
        print(f"{path}: {f}", file=sys.stderr)
    return not pdf.fails


def main(argv):
    show = "--tree" in argv
    files = [a for a in argv if a != "--tree"]
    if len(files) != 1:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    return 0 if check(files[0], show) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
