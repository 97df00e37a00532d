#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Write the size-and-time bound cases of test_bounds.sh into the current
# directory: variations of tests/cli/plan.xml whose work used to grow
# faster than the input (a pattern repeating fields, a poster of 10,000
# boxes, 10,000 documents, 50 MB of narrative, 20,000 font families) and
# templates whose geometry cannot work.
import os

here = os.path.dirname(os.path.abspath(__file__))
plan = open(os.path.join(here, "..", "cli", "plan.xml"), encoding="utf-8").read()
intro = "<p>This plan sets out what the council will deliver in 2020-21.</p>"
assert intro in plan, "tests/cli/plan.xml changed: the introduction is the insertion point"
doc_start = plan.index('    <document id="main"')
doc_end = plan.index("</documents>")
title = "<title>Example Corporate Plan</title>"


def write(name, text):
    with open(name, "w", encoding="utf-8") as f:
        f.write(text)


def main_document(xml):
    """The plan with `xml` after the main document's start tag."""
    tag = '<document id="main" output="example-plan">'
    return plan.replace(tag, tag + "\n      " + xml, 1)


# Running header and footer patterns that repeat fields thousands of times:
# {title} (1,000 characters) 25,000 times, {page} 25,000 times.
long_title = "<title>" + ("Corporate Plan " * 67)[:1000] + "</title>"
write("running-title.xml", main_document(
    "<running-header>" + "{title} " * 25000 + "</running-header>").replace(title, long_title))
write("running-page.xml", main_document(
    "<running-footer>" + "{page}|" + "{pages} " * 20000 + "|{page}</running-footer>"))
# Just under the limit (920 characters, about nine lines): the lines that
# would leave the page's margin are left out, ending in an ellipsis.
write("running-wraps.xml", main_document(
    "<running-header>" + "{title} " * 40 + "</running-header>"))
# A template whose running header repeats a field as many times (the
# plan's own title is short: the repeats alone).
write("running.template.xml",
      '<?xml version="1.0" encoding="UTF-8"?>\n'
      '<template xmlns="urn:planpress:template:1" name="running">\n'
      '  <running header="%s"/>\n</template>\n' % ("{title} " * 20000))

# A poster of 10,000 boxes in one tier, and one of 10,000 tiers.
boxes = "".join("<box>Box %d</box>" % i for i in range(10000))
write("poster-boxes.xml", plan.replace(
    '<document id="summary" output="example-summary" formats="pdf svg png">\n'
    '      <section title="Summary">\n'
    '        <p>One page that summarises the plan.</p>\n'
    '      </section>',
    '<document id="summary" output="example-summary" formats="pdf svg">\n'
    '      <poster columns="12" title="Plan on a page"><tier label="All">' + boxes +
    '</tier></poster>'))
tiers = "".join('<tier label="T%d"><box>Box %d</box></tier>' % (i, i) for i in range(10000))
write("poster-tiers.xml", plan.replace(
    '<document id="summary" output="example-summary" formats="pdf svg png">\n'
    '      <section title="Summary">\n'
    '        <p>One page that summarises the plan.</p>\n'
    '      </section>',
    '<document id="summary" output="example-summary" formats="pdf svg">\n'
    '      <poster columns="12" title="Plan on a page">' + tiers + '</poster>'))

# 10,000 written boxes: 100 tiers of 100, joined by connectors.
tiers = "".join('<tier label="Tier %d" connect="up">' % t + "".join(
    "<box>Box %d of tier %d with some words</box>" % (i, t) for i in range(100)) + "</tier>\n"
    for t in range(100))
write("poster-100x100.xml", plan.replace(
    '<document id="summary" output="example-summary" formats="pdf svg png">\n'
    '      <section title="Summary">\n'
    '        <p>One page that summarises the plan.</p>\n'
    '      </section>',
    '<document id="summary" output="example-summary" formats="pdf svg">\n'
    '      <poster columns="12" title="Plan on a page">' + tiers + '</poster>'))
# A poster tier made from a theme of 10,000 priorities: 10,000 boxes.
start = plan.index('      <priority id="p1"')
end = plan.index("</priority>", start) + len("</priority>")
rows = "\n".join(plan[start:end].replace('id="p1" ref="P1"', 'id="p%d" ref="P%d"' % (i, i))
                 for i in range(1, 10001))
write("poster-theme.xml", (plan[:start] + rows + plan[end:]).replace(
    '<document id="summary" output="example-summary" formats="pdf svg png">\n'
    '      <section title="Summary">\n'
    '        <p>One page that summarises the plan.</p>\n'
    '      </section>',
    '<document id="summary" output="example-summary" formats="pdf svg">\n'
    '      <poster columns="12" title="Plan on a page">'
    '<tier label="People" from-theme="people"/></poster>'))

# 10,000 documents in one plan.
docs = "".join(
    '<document id="d%d" output="doc-%d"><section title="S%d"><p>Text %d.</p></section>'
    '</document>\n' % (i, i, i, i) for i in range(10000))
write("documents-10000.xml", plan[:doc_start] + docs + plan[doc_end:])

# 50 MB of narrative: 260 paragraphs of 190,000 characters (each under the
# paragraph limit), in a section and in one commentary.
para = "<p>" + ("word " * 38000) + "</p>\n"
write("narrative-50mb.xml", plan.replace(intro, para * 260))
write("commentary-50mb.xml", plan.replace(
    "<commentary>Places delivered for September 2020.</commentary>",
    "<commentary>" + para * 260 + "</commentary>"))

# A template naming 20,000 font families.
write("fonts.template.xml",
      '<?xml version="1.0" encoding="UTF-8"?>\n'
      '<template xmlns="urn:planpress:template:1" name="fonts">\n'
      '  <fonts family="%s"/>\n</template>\n'
      % ", ".join("Family %d" % i for i in range(20000)))

# Geometry that cannot work.
geometry = {
    "margins-wider": '<page margin-left="400" margin-right="400"/>',
    "narrow-body": '<page margin-left="280" margin-right="280"/>',
    "a4-narrow": '<page margin-left="100"/>\n  <page size="A4" margin-right="130mm"/>',
    "margins-tall": '<page margin-top="300" margin-bottom="300"/>',
    "footer-room": '<page margin-bottom="20" footer-gap="15"/>',
    "margin-negative": '<page margin-left="-50"/>',
    "gap-negative": '<page header-gap="-500"/>',
    "text-huge": '<text role="body" size="2000"/>',
}
# A section turned to landscape, where 300-point top and bottom margins
# leave no room; a 2% column (6.1 points of text on A4 portrait).
write("landscape-section.xml", plan.replace(
    '<section title="Progress">', '<section title="Progress" orientation="landscape">'))
write("column-2pc.xml", plan.replace('width="10%">Ref', 'width="2%">Ref'))
write("column-wide.xml", plan.replace('width="10%">Ref', 'width="100000pt">Ref'))
write("poster-columns.xml", plan.replace(
    '<document id="summary" output="example-summary" formats="pdf svg png">\n'
    '      <section title="Summary">\n'
    '        <p>One page that summarises the plan.</p>\n'
    '      </section>',
    '<document id="summary" output="example-summary" formats="pdf svg">\n'
    '      <poster columns="100"><tier label="T"><box>A box</box></tier></poster>'))
for name, xml in geometry.items():
    write(name + ".template.xml",
          '<?xml version="1.0" encoding="UTF-8"?>\n'
          '<template xmlns="urn:planpress:template:1" name="%s">\n  %s\n</template>\n'
          % (name, xml))

# An SVG page of many glyphs (a fuzzing finding, issue 14): the id prefix
# pass searched for every pattern afresh after each hit, quadratic in the
# glyphs of a page (over 60 s for this poster; now well under a second).
words = " ".join("word%d lorem ipsum" % i for i in range(400))
glyph_boxes = "".join('<box span="1">Box %d: %s</box>' % (i, words) for i in range(12))
write("svg-glyphs.xml", plan.replace(
    '<document id="summary" output="example-summary" formats="pdf svg png">\n'
    '      <section title="Summary">\n'
    '        <p>One page that summarises the plan.</p>\n'
    '      </section>',
    '<document id="summary" output="example-summary" formats="svg">\n'
    '      <poster columns="12" title="Plan on a page"><tier label="All">' + glyph_boxes +
    '</tier></poster>'))

# Issue 14: an indicator's elements and a chart's points, matched by
# libxml2's RelaxNG in time growing with the square of their number (20,000
# comparators: 6 s), are at most 10,000; 9,000 comparators render.
def with_indicator(n):
    return plan.replace('<priority id="p1"', (
        '<indicator id="i1" ref="I1" unit="percent" polarity="higher" targets="none">'
        "<title>Indicator</title>"
        + "".join('<comparator name="C%d" period="q1">%d</comparator>' % (k, k % 100)
                  for k in range(n))
        + '</indicator>\n      <priority id="p1"'), 1)


write("indicator-20000.xml", with_indicator(20000))
write("indicator-9000.xml", with_indicator(9000))
write("series-20000.xml", plan.replace(intro, '<chart type="line" title="t"><series name="s">'
                                       + "".join('<point x="x%d" y="1"/>' % k for k in range(20000))
                                       + "</series></chart>"))
# A status-history column over every period of a plan of 101 (in a 10%
# column) or 40,001 (auto width): one column per period, narrower than a
# character (40,001 ran out of 512 MB laying out their cells).
def with_spans(n, column):
    spans = "".join('<span id="s%d" label="S%d" start="%04d-01-01" end="%04d-12-31"/>'
                    % (i, i, 1000 + i % 9000, 1000 + i % 9000) for i in range(n))
    return plan.replace('<quarter id="q1" year="2020" q="1"/>',
                        '<quarter id="q1" year="2020" q="1"/>\n    ' + spans).replace(
        '<column field="rag" width="10%">RAG</column>', column)


write("history-100.xml", with_spans(100, '<column field="status-history" periods="all" width="10%"/>'))
write("history-40000.xml", with_spans(40000, '<column field="status-history" periods="all"/>'))
