#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Write the hostile inputs of test_hostile.sh into the current directory.
# Generated at run time (some are 100 MB); see README.md for the table.
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
plan = open(os.path.join(here, "..", "cli", "plan.xml"), encoding="utf-8").read()
head, _, tail = plan.partition("<p>This plan sets out what the council will deliver in 2020-21.</p>")
assert tail, "tests/cli/plan.xml changed: the introduction paragraph is the insertion point"
decl = '<?xml version="1.0" encoding="UTF-8"?>\n'


def write(name, data):
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(name, mode) as f:
        f.write(data)


def in_body(xml):
    """The plan with `xml` in place of the introduction paragraph."""
    return head + xml + tail


def doctype(subset):
    return plan.replace(decl, decl + "<!DOCTYPE plan [\n" + subset + "\n]>\n", 1)


write("entity-file.xml", doctype('<!ENTITY x SYSTEM "file:///etc/passwd">').replace(
    "<p>This plan", "<p>&x; This plan"))
write("entity-network.xml", doctype('<!ENTITY x SYSTEM "http://127.0.0.1:9/x.xml">').replace(
    "<p>This plan", "<p>&x; This plan"))
write("entity-parameter.xml", doctype('<!ENTITY % p SYSTEM "http://127.0.0.1:9/p.dtd"> %p;'))
write("dtd-external.xml", plan.replace(decl, decl + '<!DOCTYPE plan SYSTEM "http://127.0.0.1:9/plan.dtd">\n', 1))
laughs = ['<!ENTITY lol0 "lol">'] + [
    '<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1)) * 10) for i in range(1, 10)]
write("billion-laughs.xml", doctype("\n".join(laughs)).replace("<p>This plan", "<p>&lol9; This plan"))
write("quadratic-blowup.xml", doctype('<!ENTITY a "' + "a" * 50000 + '">').replace(
    "<p>This plan", "<p>" + "&a;" * 50000 + " This plan"))
write("deep-nesting.xml", in_body("<p>" + "<b>" * 20000 + "deep" + "</b>" * 20000 + "</p>"))
write("deep-unknown.xml", in_body("<x>" * 20000 + "</x>" * 20000))
# 100 MB of text in one node: refused by size before it is parsed.
with open("text-100mb.xml", "w") as f:
    f.write(head + "<p>")
    chunk = "word " * 200000
    for _ in range(100):
        f.write(chunk)
    f.write("</p>" + tail)
write("invalid-utf8.xml", in_body("<p>cafX</p>").encode().replace(b"cafX", b"caf\xe9"))
write("overlong-utf8.xml", in_body("<p>X</p>").encode().replace(b"<p>X", b"<p>\xc0\xbc"))
write("nul-byte.xml", in_body("<p>aXb</p>").encode().replace(b"aXb", b"a\x00b"))
write("empty.xml", b"")
write("whitespace-only.xml", "\n  \n")
write("not-xml.xml", "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n")
write("binary.xml", bytes(range(256)) * 16)
write("truncated.xml", plan[: len(plan) * 2 // 3])
write("unclosed-comment.xml", plan.replace("</plan>", "<!-- never closed\n</plan>"))
write("unknown-element.xml", in_body("<p>ok</p>\n        <blink>hello</blink>"))
write("unknown-attribute.xml", in_body('<p colour="red">hello</p>'))
write("wrong-root.xml", decl + '<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>\n')
write("wrong-namespace.xml", plan.replace('xmlns="urn:planpress:plan:1"', 'xmlns="urn:example"'))
write("xinclude.xml", plan.replace(
    'xmlns="urn:planpress:plan:1"',
    'xmlns="urn:planpress:plan:1" xmlns:xi="http://www.w3.org/2001/XInclude"').replace(
    "<p>This plan", '<xi:include href="../../../../etc/passwd" parse="text"/>\n        <p>This plan'))
write("xinclude-in-text.xml", plan.replace(
    'xmlns="urn:planpress:plan:1"',
    'xmlns="urn:planpress:plan:1" xmlns:xi="http://www.w3.org/2001/XInclude"').replace(
    "<p>This plan", '<p><xi:include href="/etc/passwd" parse="text"/>This plan'))
write("stylesheet-pi.xml", plan.replace(decl, decl + '<?xml-stylesheet href="http://127.0.0.1:9/x.xsl"?>\n', 1))
write("many-attributes.xml", in_body("<p " + " ".join('a%d="x"' % i for i in range(20000)) + ">x</p>"))
write("long-name.xml", in_body("<" + "p" * 1000000 + "/>"))
# Accepted: UTF-16 with a byte-order mark renders.
write("utf16-bom.xml", plan.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"))
write("utf16be-bom.xml", b"\xfe\xff" + plan.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16-be"))
write("utf8-bom.xml", b"\xef\xbb\xbf" + plan.encode())
write("long-word.xml", in_body("<p>" + "A" * 100000 + "</p>"))
write("long-word-cdata.xml", in_body("<p>see <![CDATA[" + "x" * 6000 + "]]><b>" + "y" * 6000 + "</b></p>"))
write("long-attribute-word.xml", plan.replace('ref="P1"', 'ref="%s"' % ("R" * 20000)))
write("many-siblings.xml", in_body("<p>para</p>\n" * 60000))
# A plan names templates only in its own folder: the plan is in sub/ and
# reaches up (refused), through a symbolic link (refused), or names a file
# that is not a template (refused unread); beside it is accepted.
template = '<?xml version="1.0" encoding="UTF-8"?>\n<template xmlns="urn:planpress:template:1" name="council"/>\n'
os.makedirs("sub", exist_ok=True)
write("council.xml", template)
write("sub/council-here.xml", template)
if not os.path.lexists("sub/link.xml"):
    os.symlink("../council.xml", "sub/link.xml")
write("sub/template-up.xml", plan.replace('template="default"', 'template="../council.xml"'))
write("sub/template-link.xml", plan.replace('template="default"', 'template="link.xml"'))
write("sub/template-abs.xml", plan.replace('template="default"', 'template="/etc/passwd"'))
write("sub/extends-up.xml", template.replace('name="council"', 'name="up" extends="../council.xml"'))
write("sub/template-extends-up.xml", plan.replace('template="default"', 'template="extends-up.xml"'))
write("sub/template-here.xml", plan.replace('template="default"', 'template="council-here.xml"'))
# Values that would disguise a message: a line break (a forged second
# line) and a right-to-left override (reorders the rest of the line).
write("newline-in-value.xml", plan.replace('output="example-plan"', 'output="a&#10;sub/x.xml:1:1: error: forged"'))
write("bidi-in-value.xml", plan.replace('lang="en-GB"', 'lang="&#x202E;en-GB"'))
# What an officer may pick up by mistake, named by its first bytes.
write("word.xml", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(range(256)))
write("old-excel.xml", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
write("utf32.xml", plan.replace('encoding="UTF-8"', 'encoding="UTF-32"').encode("utf-32"))
# UTF-16 without a byte-order mark (XML allows it when "<" comes first): read.
write("utf16-no-bom.xml", plan.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16-le"))
write("utf16be-no-bom.xml", plan.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16-be"))
write("utf16-odd.xml", plan.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")[:-1])
# 9 MB in one paragraph (laid out whole, it ran out of 512 MB inside GLib,
# which aborts), and 250,000 characters in one attribute value: refused
# where they start. The same text as 3 paragraphs of 36,000 words renders.
words = "word " * 1800000
write("paragraph-9mb.xml", in_body("<p>" + words + "</p>"))
write("attribute-250k.xml", plan.replace('title="People"', 'title="%s"' % ("word " * 50000)))
write("paragraphs-3.xml", in_body(("<p>" + "word " * 36000 + "</p>\n") * 3))
# Issue 14: many long unbreakable words, each just under the 10,000-letter
# limit, 18 to a paragraph of about 180,000 characters, three paragraphs
# (and one in a table cell): every word is broken over about a hundred
# lines, in time linear in the text (PangoLayout re-shaped the rest of a
# word at each break, about 0.7 s a word, 40 s for these).
long_words = " ".join(("%c" % (97 + w % 26)) * 9999 for w in range(18))
write("long-words-many.xml", in_body(("<p>" + long_words + "</p>\n") * 3).replace(
    "Deliver sufficient school places", "Deliver sufficient school places " + "Z" * 9999))
