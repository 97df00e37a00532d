#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Issue 16: every reader gets the right text from planpress's PDFs.

Usage: check_text.py PLANPRESS WORKDIR PLAN.xml... [--struct-whole WORD...]

Renders every PDF document of each plan into WORKDIR and checks:
  - words: poppler (pdftotext), MuPDF (mutool draw -F txt) and pdf.js
    (tests/readers/pdfjs-text.mjs, run by node) each extract exactly the
    words the layout drew (planpress --dump=layout), counted, not more,
    not fewer; a word is a run of characters between white space and
    hyphens, so a word broken over two lines counts as its two parts;
  - glyph maps: every code a page shows has a /ToUnicode entry, and no
    entry longer than one character has white space at either end;
  - structure: the words of the structure tree (poppler's pdfinfo
    -struct-text) are the words of the tagged boxes the layout drew,
    where a word broken over two lines may count as one; each WORD after
    --struct-whole (a word the plan's narrow columns break with an
    inserted hyphen) must be whole in some PDF's structure tree.
A missing reader is a failure, never a skip (scripts/install-deps.sh
installs them all). Needs Debian's python3 with python3-pikepdf.
"""
import collections
import os
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET

try:
    import pikepdf
except ImportError:
    sys.exit("check_text: python3-pikepdf is missing (run scripts/install-deps.sh)")

HERE = os.path.dirname(os.path.abspath(__file__))
NS = "{urn:planpress:plan:1}"
SPLIT = re.compile(r"[\s\-\u2010\u00ad\u200b\u202a-\u202e]+")
RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def words(text):
    # NFKC: pdf.js gives compatibility characters their normal form (µ as μ).
    return [w for w in SPLIT.split(unicodedata.normalize("NFKC", text)) if w]


def run(cmd):
    p = subprocess.run(cmd, capture_output=True)
    if p.returncode != 0:
        sys.exit(f"check_text: {' '.join(cmd)} failed ({p.returncode}): "
                 + p.stderr.decode("utf-8", "replace")[:500])
    return p.stdout.decode("utf-8")


def readers(pdf):
    return {
        "poppler": run(["pdftotext", "-enc", "UTF-8", pdf, "-"]),
        "mupdf": run(["mutool", "draw", "-q", "-F", "txt", "-o", "-", pdf]),
        "pdf.js": run(["node", os.path.join(HERE, "pdfjs-text.mjs"), pdf]),
    }


def dump_boxes(planpress, plan, doc):
    """[(tagged, [line text, ...])] for every TEXT box drawn."""
    out, boxes = run([planpress, "--dump=layout", "--document", doc, plan]), []
    for line in out.splitlines():
        if line.startswith("  text "):
            boxes.append((" artifact" not in line, []))
        elif line.startswith("    | ") and boxes:
            boxes[-1][1].append(line[6:])
    return boxes


def compare(name, got, want, joins=None, splits=False, joined_after=None):
    """Multisets of words; `joins`: pairs (a, b) that may come as a + b;
    `splits`: a word may come as two parts cut next to a bidi-neutral
    character; `joined_after`: words a that may come joined to any drawn
    word b as a + b (both for poppler, see check_pdf)."""
    g, w = collections.Counter(got), collections.Counter(want)
    for word in list(g):
        while g[word] > w[word] and joins and word in joins:
            parts = next((p for p in joins[word] if w[p[0]] > 0 and w[p[1]] > 0), None)
            if not parts:
                break
            g[word] -= 1
            w[parts[0]] -= 1
            w[parts[1]] -= 1
    for word in list(g) if joined_after else []:
        while g[word] > w[word]:
            cut = next((k for k in range(1, len(word)) if word[:k] in joined_after
                        and w[word[:k]] > g[word[:k]] and w[word[k:]] > g[word[k:]]), None)
            if cut is None:
                break
            g[word] -= 1
            w[word[:cut]] -= 1
            w[word[cut:]] -= 1
    if splits:
        for word in list(w):
            while w[word] > g[word]:
                cut = next((k for k in range(1, len(word))
                            if (neutral(word[k - 1]) or neutral(word[k]))
                            and g[word[:k]] > w[word[:k]] and g[word[k:]] > w[word[k:]]), None)
                if cut is None:
                    break
                w[word] -= 1
                g[word[:cut]] -= 1
                g[word[cut:]] -= 1
    extra, missing = g - w, w - g
    if not extra and not missing:
        return []
    return [f"{name}: {sum(extra.values())} words not drawn, e.g. "
            f"{sorted(extra)[:8]}; {sum(missing.values())} drawn words missing, e.g. "
            f"{sorted(missing)[:8]}"]


def neutral(ch):
    """Characters of no strong direction (Unicode bidi classes ON, CS, ES, ET)."""
    return unicodedata.bidirectional(ch) in ("ON", "CS", "ES", "ET")


def parse_cmap(data):
    m, s = {}, data.decode("latin1")
    for blk in re.findall(r"beginbfchar(.*?)endbfchar", s, re.S):
        for a, b in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", blk):
            m[int(a, 16)] = bytes.fromhex(b).decode("utf-16-be", "replace")
    for blk in re.findall(r"beginbfrange(.*?)endbfrange", s, re.S):
        for a, b, c in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", blk):
            v = bytes.fromhex(c)
            base = int.from_bytes(v, "big")
            for k in range(int(a, 16), int(b, 16) + 1):
                m[k] = (base + k - int(a, 16)).to_bytes(len(v), "big").decode("utf-16-be")
    return m


def glyph_maps(pdf):
    """Problems with the /ToUnicode entries of the codes the pages show."""
    bad, maps = [], {}
    with pikepdf.open(pdf) as doc:
        for pno, page in enumerate(doc.pages, 1):
            fonts = page.obj.Resources.get("/Font", {})
            cur = None
            for operands, op in pikepdf.parse_content_stream(page):
                op = str(op)
                if op == "Tf":
                    f = fonts.get(str(operands[0]))
                    if f.objgen not in maps:
                        tu = f.get("/ToUnicode")
                        maps[f.objgen] = (str(f.BaseFont), str(f.Subtype) == "/Type0",
                                          parse_cmap(tu.read_bytes()) if tu is not None else {})
                    cur = maps[f.objgen]
                elif op in ("TJ", "Tj") and cur:
                    base, two, cmap = cur
                    for it in (operands[0] if op == "TJ" else operands):
                        if not isinstance(it, pikepdf.String):
                            continue
                        b, step = bytes(it), 2 if cur[1] else 1
                        for k in range(0, len(b) - step + 1, step):
                            code = int.from_bytes(b[k:k + step], "big")
                            t = cmap.get(code)
                            if not t:
                                bad.append(f"page {pno}: {base} code {code} has no Unicode text")
                            elif len(t) > 1 and t != t.strip():
                                bad.append(f"page {pno}: {base} code {code} maps to {t!r}")
    return sorted(set(bad))


def struct_words(pdf):
    """The words of the structure tree: an element's marked contents are
    one text (an element has several when an inserted hyphen, an
    artifact, cuts its content), elements are apart."""
    out, texts, indent = run(["pdfinfo", "-struct-text", pdf]), [], None
    for line in out.splitlines():
        m = re.match(r'^(\s*)"(.*)"$', line)
        if not m:
            indent = None
        elif indent == m.group(1):
            texts[-1] += m.group(2)
        else:
            texts.append(m.group(2))
            indent = m.group(1)
    return words(" ".join(texts))


def check_pdf(planpress, plan, doc, pdf):
    boxes = dump_boxes(planpress, plan, doc)
    drawn = [w for _, lines in boxes for line in lines for w in words(line)]
    # A word broken over two lines may come whole: poppler and MuPDF join
    # a line ending in "-" to the next, and the structure tree reads a
    # word broken by an inserted hyphen whole (the hyphen is an artifact).
    tagged, joins, seq, inline = [], {}, [], {}
    for is_tagged, lines in boxes:
        seq += [words(line) for line in lines]
        if is_tagged:
            tagged += [w for line in lines for w in words(line)]
    for wa, wb in zip(seq, seq[1:]):
        if wa and wb:
            joins.setdefault(wa[-1] + wb[0], []).append((wa[-1], wb[0]))
    # poppler only: pdftotext decides word spaces from the gaps of a line,
    # not from the space glyphs the PDF draws, and reads a short line of
    # evenly spaced words ("1 D", "6 A - G") as letter-spaced, one word.
    # pdf.js and MuPDF read the spaces and must get every word apart.
    for ws in seq:
        for wa, wb in zip(ws, ws[1:]):
            inline.setdefault(wa + wb, []).append((wa, wb))
    poppler_joins = {k: joins.get(k, []) + inline.get(k, []) for k in set(joins) | set(inline)}
    # poppler again: a line ending in a hyphen ("start-" above "ups") is
    # joined, hyphen dropped, to the next line of poppler's own reading
    # order, which in a table can be the next cell's line on the same
    # baseline ("startHead"). pdf.js and MuPDF read both words apart.
    hyphen_ends = set()
    for is_tagged, lines in boxes:
        for line in lines:
            ws = words(line)
            if ws and re.search(r"[-\u2010]\s*$", line):
                hyphen_ends.add(ws[-1])
    fails = []
    for name, text in readers(pdf).items():
        got = words(text)
        if name == "mupdf":  # MuPDF 1.21 gives right-to-left words in visual order
            got = [w[::-1] if RTL.search(w) else w for w in got]
        # poppler also reorders a line holding right-to-left text by its
        # own bidi rules, so two table cells on one baseline can have a
        # word cut at a neutral character ("¡" + "¢£¤", "بی" + "،").
        fails += compare(name, got, drawn, poppler_joins if name == "poppler" else joins,
                         splits=name == "poppler",
                         joined_after=hyphen_ends if name == "poppler" else None)
    # poppler's structure text is each element's glyphs in content order
    # without the bidi step its pdftotext applies: a right-to-left word's
    # glyphs stand in visual order in every PDF (pdf.js and MuPDF expect
    # them so), so its characters come reversed.
    struct = [w[::-1] if RTL.search(w) else w for w in struct_words(pdf)]
    fails += compare("structure tree", struct, tagged, joins)
    fails += [f"glyph map: {b}" for b in glyph_maps(pdf)[:10]]
    return fails


def main(argv):
    whole = []
    if "--struct-whole" in argv:  # words the structure tree must hold whole
        k = argv.index("--struct-whole")
        argv, whole = argv[:k], argv[k + 1:]
    if len(argv) < 4:
        sys.exit(__doc__.strip().splitlines()[2])
    planpress, work, plans = argv[1], argv[2], argv[3:]
    failed = checked = 0
    found = set()
    for plan in plans:
        out = os.path.join(work, os.path.splitext(os.path.basename(plan))[0])
        run(["rm", "-rf", out])
        run([planpress, "-O", out, "-f", "pdf", plan])
        for d in ET.parse(plan).getroot().iter(NS + "document"):
            pdf = os.path.join(out, d.get("output") + ".pdf")
            if not os.path.exists(pdf):
                continue
            checked += 1
            for f in check_pdf(planpress, plan, d.get("id"), pdf):
                print(f"{pdf}: {f}")
                failed += 1
            found |= set(struct_words(pdf)) & set(whole)
    for w in sorted(set(whole) - found):
        print(f"check_text: no structure tree has the word {w!r} whole")
        failed += 1
    print(f"check_text: {checked} PDFs, {failed} failures")
    return 1 if failed or not checked else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
