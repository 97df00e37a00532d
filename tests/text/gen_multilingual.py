#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Write multilingual.xml into the current directory: tests/cli/plan.xml
# with its introduction replaced by paragraphs in many languages and
# scripts, with the punctuation, numbers, links and long words council
# text has, and a priority table whose narrow columns hold the same text.
import os
from xml.sax.saxutils import escape

here = os.path.dirname(os.path.abspath(__file__))
plan = open(os.path.join(here, "..", "cli", "plan.xml"), encoding="utf-8").read()
intro = "<p>This plan sets out what the council will deliver in 2020-21.</p>"
assert intro in plan, "tests/cli/plan.xml changed: its introduction is the insertion point"

paras = [
    # languages of the fast path: Latin, Greek, Cyrillic scripts
    "Gwasanaethau Cymdeithasol: bydd y cyngor yn darparu 1,250 o leoedd ysgol ychwanegol erbyn Medi 2021, gan gynnwys ysgolion cyfrwng Cymraeg ŵŷ Llŷr.",
    "Zażółć gęślą jaźń: rada gminy w Łodzi przyjęła plan na lata 2020–2021, w tym 37 % więcej mieszkań komunalnych.",
    "Le conseil municipal s’engage à réduire de 45 % les émissions de CO₂ d’ici 2030 — « une priorité absolue » selon le maire.",
    "Die Stadtverwaltung veröffentlicht vierteljährlich Fortschrittsberichte über Straßeninstandhaltungsmaßnahmen und Grundstücksentwicklungsgesellschaften.",
    "Το δημοτικό συμβούλιο θα παρέχει 1.250 επιπλέον θέσεις σχολείων έως τον Σεπτέμβριο του 2021 και θα μειώσει τις εκπομπές άνθρακα.",
    "Городской совет обеспечит 1 250 дополнительных мест в школах к сентябрю 2021 года и сократит выбросы углерода на 45 процентов.",
    "Hội đồng thành phố sẽ cung cấp thêm 1.250 chỗ học vào tháng Chín năm 2021; Türkçe: Belediye meclisi ılık ışık için çalışıyor.",
    "Decomposed accents: cafe\u0301 nai\u0308ve re\u0301sume\u0301 — and a non\u00a0breaking space, 3\u00a0000\u00a0pupils, 10\u202f%.",
    "Links and codes: https://www.example.gov.uk/council/plans/2020-21/corporate-plan-quarter-1-progress-report.pdf, ref. CP/2020/21-Q1/HO-1.3(b), e-mail planning.policy@example.gov.uk.",
    "Hyphens and slashes: well-being/health-and-social-care re-procurement; pre-2019 vs. post-2021; A/B/C; 20/21 Q1–Q4; AT&T; “smart quotes” and ‘single’ ones.",
    "Pneumonoultramicroscopicsilicovolcanoconiosis Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft.",
    # left to Pango: right-to-left, complex scripts, CJK, emoji
    "Urdu: محمد عمران خان and Arabic: عبد الله بن محمد in one English sentence.",
    "Hebrew: שלום עולם, Hindi: नगर परिषद विद्यालयों में स्थान, Bengali: পৌরসভা.",
    "Chinese: 市议会将提供更多学校名额, Japanese: 市議会は学校の定員を増やします, Korean: 시의회.",
    "Emoji in a status line: on track ✅, at risk ⚠️, off track ❌ 🙂.",
]
body = "\n".join("<p>%s</p>" % escape(p) for p in paras)
rows = "\n".join(
    '      <priority id="m%d" ref="M%d">\n        <title>%s</title>\n'
    "        <lead>%s</lead>\n"
    '        <update period="q1" rag="AMBER">\n'
    "          <commentary>%s</commentary>\n        </update>\n      </priority>"
    % (i, i, escape(p[:120]), escape(p[:40]), escape(p))
    for i, p in enumerate(paras)
)
start = plan.index('      <priority id="p1"')
end = plan.index("</priority>", start) + len("</priority>")
out = plan[:start] + plan[start:end] + "\n" + rows + plan[end:]
out = out.replace(intro, body)
with open("multilingual.xml", "w", encoding="utf-8") as f:
    f.write(out)
