#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Acceptance check of a whole committee document against its plan.

  check_document.py PLAN.xml DOC.pdf [--continued[-if-split] HEADER ...]

DOC.pdf is the rendering of the plan's document whose @output is DOC. From
the PDF itself (its objects, parsed here with the standard library, and
poppler's pdftotext / pdfinfo) it checks:
  - contents: every entry's page number is the page where its heading
    lands, and the entry is a link to that page (link annotation with a
    named destination, resolved with `pdfinfo -dests`);
  - outline: every heading of the document (section titles, <h> among the
    views) is a bookmark, and each bookmark points at the page its heading
    is printed on;
  - text: every priority title, action text and outcome line (success,
    impact, timescale) of the themes the document's tables show appears in
    the PDF text, whole or split across one page break;
  - a report front (<cover kind="report">): page 1 opens with the
    committee, the meeting and the title; the author and role follow the
    narrative, before the first appendix;
  - linked plans with @href: the link cell is a URI link to it;
  - --continued HEADER: in every table whose header row has a column
    HEADER, a group cell (theme, priority) that continues onto a page
    starts that page marked "(continued)" with its text repeated, and a
    page never starts mid-group without the mark; with --continued the
    table must run over more than one page, --continued-if-split checks
    whatever pages it has.
Prints "N passed, N failed" and exits 1 on any failure.
"""
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

from checks import Checks

NS = "{urn:planpress:plan:1}"
BLOCKY = {"p", "li", "h", "th", "td", "title", "caption"}


def words(s):
    return re.sub(r"\s+", " ", s).strip()


def squash(s):
    """Text compared without spaces or soft line-break hyphens."""
    return re.sub(r"\s+", "", s.replace("\u00ad", ""))


def run(*argv):
    return subprocess.run(argv, capture_output=True, text=True, check=True).stdout


# ---------- the PDF's objects --------------------------------------------

class Pdf:
    def __init__(self, path):
        self.path = path
        # The dictionaries are in object streams (PDF 1.5): qpdf writes
        # them out as plain objects, numbers and all, to read here.
        data = subprocess.run(["qpdf", "--object-streams=disable", path, "-"],
                              capture_output=True, check=True).stdout
        self.obj = {}
        for m in re.finditer(rb"(?m)^(\d+) 0 obj\b(.*?)endobj", data, re.S):
            self.obj[int(m.group(1))] = m.group(2)
        root = self.ref(self.trailer_root(data))
        self.pages = []
        self.collect_pages(self.ref(self.get(root, b"Pages")))
        self.page_index = {num: i for i, num in enumerate(self.pages)}
        self.outlines = self.get(root, b"Outlines")
        self.dests = {}
        for line in run("pdfinfo", "-dests", path).splitlines()[1:]:
            m = re.match(r"\s*(\d+)\s+\[.*\]\s+\"(.*)\"\s*$", line)
            if m:
                self.dests[m.group(2)] = int(m.group(1)) - 1

    @staticmethod
    def trailer_root(data):
        return re.findall(rb"/Root\s+(\d+\s+0\s+R)", data)[-1]

    @staticmethod
    def ref(r):
        return int(r.split()[0]) if r else None

    def get(self, num, key):
        body = self.obj.get(num, b"")
        m = re.search(rb"/" + key + rb"\s+(\d+\s+0\s+R|\[[^\]]*\]|\([^)]*\)|<[0-9A-Fa-f]*>|/\w+|[-\d.]+)",
                      body)
        return m.group(1) if m else None

    def collect_pages(self, num):
        body = self.obj[num]
        if re.search(rb"/Type\s*/Pages\b", body):
            kids = re.search(rb"/Kids\s*\[([^\]]*)\]", body).group(1)
            for k in re.findall(rb"(\d+)\s+0\s+R", kids):
                self.collect_pages(int(k))
        else:
            self.pages.append(num)

    def page_height(self, i):
        box = self.get(self.pages[i], b"MediaBox")
        return float(box.strip(b"[]").split()[3])

    def annots(self, i):
        """Link annotations of page i: (rect, named dest or None, uri or None)."""
        arr = self.get(self.pages[i], b"Annots")
        if arr is None:
            return []
        if not arr.startswith(b"["):
            arr = self.obj[self.ref(arr)]
        out = []
        for n in re.findall(rb"(\d+)\s+0\s+R", arr):
            body = self.obj[int(n)]
            if b"/Link" not in body:
                continue
            rect = [float(v) for v in re.search(rb"/Rect\s*\[([^\]]*)\]", body).group(1).split()]
            dest = re.search(rb"/Dest\s*\(([^)]*)\)", body)
            uri = re.search(rb"/URI\s*\(((?:\\.|[^\\)])*)\)", body)
            out.append((rect, dest.group(1).decode() if dest else None,
                        uri.group(1).decode("latin-1") if uri else None))
        return out

    @staticmethod
    def string(raw):
        if raw.startswith(b"<"):
            b = bytes.fromhex(raw[1:-1].decode())
            return b[2:].decode("utf-16-be") if b.startswith(b"\xfe\xff") else b.decode("latin-1")
        s = raw[1:-1]
        s = re.sub(rb"\\([()\\])", rb"\1", s)
        return s.decode("latin-1")

    def outline(self):
        """[(title, level, page index)] in document order."""
        out = []

        def walk(num, level):
            while num:
                body = self.obj[num]
                t = re.search(rb"/Title\s*(<[0-9A-Fa-f]*>|\((?:\\.|[^\\)])*\))", body)
                d = re.search(rb"/Dest\s*\[\s*(\d+)\s+0\s+R", body)
                dn = re.search(rb"/Dest\s*\(([^)]*)\)", body)
                page = self.page_index.get(int(d.group(1))) if d else \
                    self.dests.get(dn.group(1).decode()) if dn else None
                out.append((self.string(t.group(1)) if t else "", level, page))
                first = re.search(rb"/First\s+(\d+)\s+0\s+R", body)
                if first:
                    walk(int(first.group(1)), level + 1)
                nxt = re.search(rb"/Next\s+(\d+)\s+0\s+R", body)
                num = int(nxt.group(1)) if nxt else None

        if self.outlines:
            first = re.search(rb"/First\s+(\d+)\s+0\s+R", self.obj[self.ref(self.outlines)])
            if first:
                walk(int(first.group(1)), 1)
        return out

    def text(self, i, rect=None, raw=True):
        argv = ["pdftotext", "-f", str(i + 1), "-l", str(i + 1)]
        if raw:
            argv.append("-raw")
        if rect:
            h = self.page_height(i)
            x0, y0, x1, y1 = rect
            argv += ["-r", "72", "-x", str(int(x0)), "-y", str(int(h - y1)),
                     "-W", str(int(x1 - x0 + 1)), "-H", str(int(y1 - y0 + 1))]
        return run(*argv, self.path, "-")


# ---------- what the plan says the document holds --------------------------

def text_of(el):
    return words("".join(el.itertext()))


def paragraphs(el):
    """The paragraphs / items of a blocks element, innermost text units."""
    out = []
    for sub in el.iter():
        tag = sub.tag.replace(NS, "")
        if tag in BLOCKY and not any(c.tag.replace(NS, "") in BLOCKY | {"ul", "ol"}
                                     for c in sub):
            t = text_of(sub)
            if t:
                out.append(t)
    if not out and text_of(el):
        out.append(text_of(el))
    return out


def find_document(root, pdf):
    name = os.path.splitext(os.path.basename(pdf))[0]
    for d in root.iter(f"{NS}document"):
        if d.get("output") == name:
            return d
    raise SystemExit(f"no document with output {name!r} in the plan")


def headings(doc):
    out = []

    def walk(el):
        for c in el:
            tag = c.tag.replace(NS, "")
            if tag == "section":
                out.append(words(c.get("title", "")))
                walk(c)
            elif tag == "h":
                out.append(text_of(c))
    walk(doc)
    return [h for h in out if h]


def shown_lines(root, doc):
    """Text units of the priorities the document's tables show."""
    theme_ids = set()
    all_themes = False
    for v in list(doc.iter(f"{NS}priority-table")) + list(doc.iter(f"{NS}key-priorities")):
        ids = v.get("themes")
        if ids:
            theme_ids |= set(ids.split())
        else:
            all_themes = True
    if not theme_ids and not all_themes:
        return []
    out = []
    for th in root.iter(f"{NS}theme"):
        if not all_themes and th.get("id") not in theme_ids:
            continue
        for p in th.iter(f"{NS}priority"):
            out.append(text_of(p.find(f"{NS}title")))
            for a in p.iter(f"{NS}action"):
                for kind in ("text", "success"):
                    e = a.find(f"{NS}{kind}")
                    if e is not None:
                        out += paragraphs(e)
                for ln in a.iter(f"{NS}line"):
                    for kind in ("success", "impact", "timescale"):
                        e = ln.find(f"{NS}{kind}")
                        if e is not None:
                            out += paragraphs(e)
    return out


# ---------- checks ---------------------------------------------------------

def check_contents(c, pdf, doc, squashed):
    """Contents entries: "Title .... N" lines that link to page N."""
    entries = []
    for i in range(len(pdf.pages)):
        for rect, dest, uri in pdf.annots(i):
            if dest is None:
                continue
            t = words(pdf.text(i, rect, raw=False))
            m = re.match(r"^(.*?)[\s.]*(\d+)$", t)
            if m:
                entries.append((i, m.group(1), int(m.group(2)), dest))
    if doc.find(f".//{NS}contents") is None:
        return
    c.check(len(entries) > 0, "the contents page has linked entries")
    titles = set()
    for i, title, number, dest in entries:
        titles.add(squash(title))
        c.check(dest in pdf.dests, f"contents entry {title!r} links to a destination")
        target = pdf.dests.get(dest)
        c.check(target == number - 1,
                f"contents entry {title!r} says page {number}, links to page "
                f"{None if target is None else target + 1}")
        c.check(squash(title) in squashed[number - 1] if 0 < number <= len(squashed) else False,
                f"heading {title!r} is printed on page {number}, as the contents says")
    for h in headings(doc):
        c.check(squash(h) in titles, f"heading {h!r} is in the contents")


def check_outline(c, pdf, doc, squashed):
    outline = pdf.outline()
    titles = [squash(t) for t, _, _ in outline]
    for h in headings(doc):
        c.check(squash(h) in titles, f"heading {h!r} is in the outline")
    for t, _, page in outline:
        ok = page is not None and 0 <= page < len(squashed) and squash(t) in squashed[page]
        c.check(ok, f"bookmark {t!r} points at the page it is printed on "
                    f"(page {None if page is None else page + 1})")


def check_text(c, root, doc, pages_raw):
    pages = [squash(t) for t in pages_raw]
    whole = "".join(pages)
    for unit in shown_lines(root, doc):
        s = squash(unit)
        if not s:
            continue
        if s in whole:
            c.check(True, unit)
            continue
        found = False
        for i in range(len(pages) - 1):
            for k in range(8, len(s) - 8):
                if s[:k] in pages[i] and s[k:] in pages[i + 1]:
                    found = True
                    break
            if found:
                break
        c.check(found, f"plan text printed: {unit[:80]!r}")


def words_bbox(pdf):
    """Per page: list of (xMin, yMin, xMax, yMax, word) from pdftotext -bbox."""
    html = run("pdftotext", "-bbox", pdf.path, "-")
    pages = []
    for pg in re.findall(r"<page[^>]*>(.*?)</page>", html, re.S):
        ws = []
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                             r'yMax="([\d.]+)">(.*?)</word>', pg):
            t = m.group(5).replace("&amp;", "&").replace("&lt;", "<").replace(
                "&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")
            ws.append((float(m.group(1)), float(m.group(2)), float(m.group(3)),
                       float(m.group(4)), t))
        pages.append(ws)
    return pages


def check_continued(c, pdf, header, heads, group_texts, must_split):
    """Column `header` of the table whose header cells begin with the words
    `heads`: each page of the table starts that column with a new group, or
    with "(continued)" and the text of a group begun on an earlier page."""
    seen = set()
    tables = 0
    first = header.split()[0]
    for i, ws in enumerate(words_bbox(pdf)):
        head = None
        for w in ws:
            if w[4] != first:
                continue
            line = [v[4] for v in sorted(ws, key=lambda v: v[0]) if abs(v[1] - w[1]) < 1.0]
            it = iter(line)
            if all(h in it for h in heads):  # every header, in order, on this line
                head = w
                break
        if head is None:
            continue
        line = [v for v in ws if abs(v[1] - head[1]) < 1.0]
        starts_x = sorted(v[0] for v in line if v[4] in heads)
        right = min([x for x in starts_x if x > head[0] + 1], default=head[0] + 1e6)
        # the header row ends where the first body word of the column starts
        col = sorted([w for w in ws if head[0] - 4 <= w[0] < right - 1 and w[1] > head[3]],
                     key=lambda w: (round(w[1], 1), w[0]))
        hdr_words = set(words(header).split())
        while col and col[0][4] in hdr_words | {"of", "Success"}:
            col.pop(0)
        if not col:
            continue
        tables += 1
        text = squash(" ".join(w[4] for w in col))
        continued = text.startswith("(continued)")
        body = text[len("(continued)"):] if continued else text
        starts = [g for g in group_texts if body.startswith(g[:25])]
        # A group cell split inside its text continues with the rest of it.
        rest = [g for g in seen if len(body) >= 12 and body[:25] in g and not
                g.startswith(body[:25])]
        c.check(bool(starts or (continued and rest)),
                f"page {i + 1}: column {header!r} starts with a group's text, or "
                f"(continued) and the rest of one (got {text[:40]!r})")
        for g in starts:
            if g in seen:
                c.check(continued, f"page {i + 1}: group {g[:30]!r} continues, marked (continued)")
            else:
                c.check(not continued, f"page {i + 1}: new group {g[:30]!r} is not marked continued")
        for g in group_texts:
            if g[:25] in text:
                seen.add(g)
    if must_split:
        c.check(tables > 1, f"the table with column {header!r} runs over more than one page")


def group_texts_for(root, doc, header):
    """The first words of the header cells of the table with column
    `header`, and the texts that column prints at the top of its group
    cells."""
    out, heads, fields = [], [], set()
    for table in doc.iter():
        cols = table.findall(f"{NS}column")
        named = [k for k in cols if words("".join(k.itertext())) == words(header)]
        if named:
            heads = heads or [words("".join(k.itertext())).split()[0] for k in cols]
            if table.tag == f"{NS}assessment" and named[0].get("field") == "theme":
                out += [squash(a.get("title", "")) for a in table.iter(f"{NS}area")]
            else:
                fields.add(named[0].get("field"))
    for field in fields:
        out += field_texts(root, field)
    return heads, [g for g in out if g]


def field_texts(root, field):
    out = []
    for th in root.iter(f"{NS}theme"):
        if field == "theme":
            out.append(squash(th.get("title", "")))
        for p in th.iter(f"{NS}priority"):
            title = text_of(p.find(f"{NS}title"))
            st = p.find(f"{NS}statement")
            if field == "title":
                out.append(squash(title))
            elif field == "ref-title":
                out.append(squash(f"{p.get('ref', '')} {title}"))
            elif field == "statement":
                out.append(squash(text_of(st) if st is not None else title))
    return out


def check_report_front(c, pdf, root, doc, pages_raw):
    """<cover kind="report">: page 1 opens with "committee, meeting" and the
    title; the author's name and role follow the narrative, before the
    first appendix heading."""
    cover = doc.find(f"{NS}cover")
    if cover is None or cover.get("kind") != "report":
        return
    facts = root.find(f"{NS}facts")
    fact = lambda n: text_of(facts.find(f"{NS}{n}")) if facts.find(f"{NS}{n}") is not None else ""
    first = squash(pages_raw[0])
    head = squash(f"{fact('committee')}, {fact('meeting')}")
    c.check(first.startswith(head), f"page 1 opens with {head!r}")
    c.check(first.startswith(head + squash(fact("title"))), "then the report's title")
    author = facts.find(f"{NS}author")
    if author is None:
        return
    sign = squash(text_of(author) + (author.get("role") or ""))
    whole = "".join(squash(t) for t in pages_raw)
    at = whole.find(sign)
    c.check(at >= 0, "the author's name and role are printed together")
    last_para = [text_of(p) for p in doc.findall(f"{NS}p")][-1:]
    if last_para:
        c.check(0 <= whole.find(squash(last_para[0])) < at,
                "the author signs after the narrative")
    appendix = [s for s in doc.iter(f"{NS}section") if s.get("appendix") == "yes"]
    if appendix:
        # the appendix heading's page, from the outline (its title may also
        # be quoted in the narrative: "(Appendix A)")
        title = squash(appendix[0].get("title", ""))
        pages = [pg for t, _, pg in pdf.outline() if squash(t) == title and pg is not None]
        sign_page = next((i for i, t in enumerate(pages_raw) if sign in squash(t)), None)
        ok = bool(pages) and sign_page is not None and (
            sign_page < pages[0] or (sign_page == pages[0] and squash(pages_raw[sign_page]).find(
                sign) < squash(pages_raw[sign_page]).rfind(title)))
        c.check(ok, "the author signs before the first appendix")


def check_linked_hrefs(c, pdf, doc):
    """A linked plan's link cell is a hyperlink when the plan gives @href."""
    uris = {}
    for i in range(len(pdf.pages)):
        for rect, dest, uri in pdf.annots(i):
            if uri:
                uris.setdefault(uri, []).append((i, rect))
    for lp in doc.iter(f"{NS}linked-plan"):
        href = lp.get("href")
        if not href:
            continue
        c.check(href in uris, f"linked plan {text_of(lp.find(f'{NS}name'))!r} links to {href}")
        lt = lp.find(f"{NS}link-text")
        if href in uris and lt is not None:
            i, rect = uris[href][0]
            got = squash(pdf.text(i, rect, raw=False))
            c.check(got and got in squash(text_of(lt)),
                    f"the link covers the link text {text_of(lt)!r} (got {got!r})")


def main():
    args = sys.argv[1:]
    plan, pdf_path = args[0], args[1]
    continued, must_split = [], True
    for flag in ("--continued", "--continued-if-split"):
        if flag in args:
            continued = args[args.index(flag) + 1:]
            must_split = flag == "--continued"
    root = ET.parse(plan).getroot()
    doc = find_document(root, pdf_path)
    pdf = Pdf(pdf_path)
    pages_raw = [pdf.text(i) for i in range(len(pdf.pages))]
    squashed = [squash(t) for t in pages_raw]
    c = Checks()
    c.check(len(pdf.pages) > 0, "the PDF has pages")
    check_contents(c, pdf, doc, squashed)
    check_outline(c, pdf, doc, squashed)
    check_text(c, root, doc, pages_raw)
    check_report_front(c, pdf, root, doc, pages_raw)
    check_linked_hrefs(c, pdf, doc)
    for h in continued:
        heads, groups = group_texts_for(root, doc, h)
        c.check(bool(groups), f"the document has a table with column {h!r}")
        check_continued(c, pdf, h, heads, groups, must_split)
    return c.finish()


if __name__ == "__main__":
    sys.exit(main())
