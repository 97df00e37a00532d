#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Write the content-extreme plans of test_extremes.sh into the current
# directory, all variations of tests/cli/plan.xml.
import os

here = os.path.dirname(os.path.abspath(__file__))
plan = open(os.path.join(here, "..", "cli", "plan.xml"), encoding="utf-8").read()
start = plan.index('      <priority id="p1"')
end = plan.index("</priority>", start) + len("</priority>")
priority = plan[start:end]


def with_priorities(xml):
    return plan[:start] + xml + plan[end:]


def write(name, text):
    with open(name, "w", encoding="utf-8") as f:
        f.write(text)


# An unbreakable 500-character word in the 10% "Ref" column and the title.
word = "Gwasanaethau" + "x" * 488
ref = "Cyfeiriadau" + "y" * 189
write("long-word.xml", with_priorities(priority.replace('ref="P1"', 'ref="%s"' % ref).replace(
    "Deliver sufficient school places", word)))
# One commentary cell taller than an A4 page: it must split across pages.
tall = "\n".join("<p>Paragraph %d of a very long commentary that runs on.</p>" % i for i in range(1, 161))
write("tall-cell.xml", with_priorities(priority.replace(
    "<commentary>Places delivered for September 2020.</commentary>",
    "<commentary>" + tall + "</commentary>")))
# 10,000 rows.
rows = "\n".join(priority.replace('id="p1" ref="P1"', 'id="p%d" ref="P%d"' % (i, i))
                 for i in range(1, 10001))
write("rows-10000.xml", with_priorities(rows))
# A status scale of 50,000 values and 10,000 priorities each naming one by
# its label, with 10 custom field values each and a merged status column:
# resolving them must stay linear (an index, not a search per status).
scale = ("  <scales><scale id=\"s\" for=\"update\">\n" +
         "".join('    <status id="v%d" label="Value number %d" fill="#00703c" text="#ffffff"/>\n'
                 % (i, i) for i in range(50000)) + "  </scale></scales>\n")
fields = ("  <fields>" + "".join('<field id="f%d" label="F%d" type="number"/>' % (i, i)
                                 for i in range(10)) + "</fields>\n")
values = "".join('<value field="f%d">%d</value>' % (i, i) for i in range(10))
rows = "\n".join(priority.replace('id="p1" ref="P1"', 'id="p%d" ref="P%d"' % (i, i))
                  .replace('rag="GREEN"', 'status="value  NUMBER %d"' % (i * 5 % 50000))
                  .replace("<title>", values + "<title>")
                  for i in range(1, 10001))
big = with_priorities(rows).replace("  <framework>", scale + fields + "  <framework>", 1)
big = big.replace('<column field="rag"', '<column merge="same" field="rag"')
write("scale-50000.xml", big)
# No priorities at all: the theme is empty, the table has no rows.
write("no-priorities.xml", with_priorities(""))
# Missing optional fields: no lead, no alignment, no update.
bare = ('      <priority id="p1" ref="P1">\n'
        '        <title>Deliver sufficient school places</title>\n'
        '      </priority>')
write("missing-optional.xml", with_priorities(bare))
# Right-to-left and complex scripts, and diacritics, in titles and leads.
names = {
    "ur": "محمد عمران خان",            # Urdu
    "ar": "عبد الله بن محمد",            # Arabic
    "pl": "Zażółć gęślą jaźń, Łódź",    # Polish
    "cy": "Gwasanaethau Cymdeithasol ŵŷ Llŷr", # Welsh
}
scripts = "\n".join(
    priority.replace('id="p1" ref="P1"', 'id="p%s" ref="%s"' % (k, k.upper()))
    .replace("Deliver sufficient school places", names[k])
    .replace("Director of People", names[k])
    for k in names)
write("scripts.xml", with_priorities(scripts))
with open("scripts.names", "w", encoding="utf-8") as f:
    for k in names:
        f.write(names[k] + "\n")
# A chart whose every text is one 500-letter word: labels are turned and
# ellipsized, and the ellipsis glyph's text (the rest of the word) goes in
# /ActualText rather than a ToUnicode entry too long for readers.
intro = "<p>This plan sets out what the council will deliver in 2020-21.</p>"
w = "Supercalifragilistic" * 25
write("chart-long-words.xml", plan.replace(intro, (
    '<chart type="bar" title="%s" x-label="%s" y-label="%s"><series name="%s">'
    '<point x="%s" y="1"/><point x="b" y="-2"/></series></chart>') % (w, w, w, w, w)))
# Lists nested 122 deep (the format allows 256 levels of elements), each
# item a paragraph and the next list: text keeps half the page's width.
write("deep-list.xml", plan.replace(intro, "<ul><li><p>level</p>" * 122 + "<p>deepest item</p>"
                                    + "</li></ul>" * 122))
