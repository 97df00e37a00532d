#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Indicators end to end: tests/cli/indicators.xml renders to a PDF whose
# text (pdftotext) holds every status, year to date, trend and "not
# available" planpress works out, formatted by unit; a bad figure is a
# located error and nothing is written.
source "$(dirname "$0")/lib.sh"
need pdftotext
pp -o "$tmp/pack.pdf" "$here/indicators.xml"
check "the pack renders" is "$status" 0
# The Q3 table shows three indicators with no <actual period="q3"> at all
# (not those saying missing=...): each warned about, at the indicator.
check "missing actuals warned" is "$(grep -c 'warning: indicator "[a-z]*" has no <actual period="q3">' "$tmp/stderr")" 3
check "at the indicator" grep_q 'indicators.xml:50:9: warning: indicator "dtoc"' "$tmp/stderr"
pdftotext -layout "$tmp/pack.pdf" "$tmp/pack.txt"
has() { grep -qE -- "$1" "$tmp/pack.txt"; }
count() { [ "$(grep -oE -- "$1" "$tmp/pack.txt" | wc -l)" -eq "$2" ]; }

# CH8, percent, higher is better, annual target 85 with a tolerance of 5:
# baseline, Q2 last year, target, Q1, Q2, year to date (latest)
check "CH8 figures" has "CH8 +Children's social care +80\.0% +79\.5% +85\.0% +86\.2% +82\.4% +82\.4%"
# 82.4 against 85 within 5: AMBER; Q1's 86.2: GREEN; down on Q1, up on last year
check "CH8 trends" has "↓ Worse +↑ Better +82\.0%"
# AS2, a rate, lower is better: 10.8 against 10 with a tolerance of 1
check "AS2 figures" has "AS2 +Delayed transfers of care +Not +13\.5 per +10\.0 per +12\.0 per +10\.8 per +11\.4 per"
check "AS2 trends" has "↓ Better +↓ Better +11\.9 per"
# HR1, days, lower is better, on the council's own scale; year to date a sum
check "HR1 figures" has "HR1 +Working days lost to +Not +Not +2\.0 +2\.1 +1\.8 +3\.9 +On +Close to +↓ Better"
check "HR1 scale words" has "target +target"
# F3, money in a band, Q1 overridden by the officer
check "F3 figures" has "F3 +Agency staff spend +Not +Not +£100,000 to +£1,234,000 +£140,500 +£1,374,500"
check "F3 override shown" has "\(overridden\)"
# CS1, a count monitored without targets
check "CS1 figures" has "CS1 +Calls answered +Not +Not +No target +12,345 +12,345 +24,690 +No +No target +→ No"
check "statuses worked out" count "AMBER" 3
check "GREEN twice" count "GREEN" 2
check "RED once" count "RED" 1
# The Q3 table: a reason, "Not yet due", never a blank
check "CH8 Q3 reason" has "CH8 +86\.2% +82\.4% +Awaiting validation +Awaiting validation +Director of Children's Services +Children's Services +Two social workers"
check "HR1 Q3 not yet due" has "HR1 +2\.1 +1\.8 +Not yet due +Not yet due +Head of HR"
check "AS2 Q3 not available" has "AS2 +12\.0 per 100,000 +10\.8 per 100,000 +Not available +Not available"
check "period headers" has "Quarter 1 24/25 +Quarter 2 24/25"

# The sparklines' figures reach screen readers as the figures' alternative
# text, in the tagged PDF's structure tree (object streams inflated).
need python3
python3 "$here/pdf_alts.py" "$tmp/pack.pdf" | grep "^Sparkline of " >"$tmp/alt.txt"
check "a sparkline for each indicator" lines 5 "$tmp/alt.txt"
check "its figures, targets and statuses" grep_q \
	"Sparkline of CH8: Quarter 1 24/25 86.2% (target 85.0%), GREEN; Quarter 2 24/25 82.4% (target 85.0%), AMBER." \
	"$tmp/alt.txt"
check "money in words" grep_q "Sparkline of F3: Quarter 1 24/25 £1,234,000, AMBER; Quarter 2 24/25 £140,500, GREEN." "$tmp/alt.txt"
check "a scale's labels" grep_q "Sparkline of HR1: Quarter 1 24/25 2.1 (target 2.0), Close to target; Quarter 2 24/25 1.8 (target 2.0), On target." "$tmp/alt.txt"

# A status summary of indicators counts the statuses planpress worked out
# for the document's period, on one scale at a time: in Q2 CH8 and AS2 are
# AMBER, F3 GREEN, CS1 has no target (not rated); HR1 is on the council's
# own scale and is counted only by the summary of that scale.
sed '/<section title="Indicators">/,/<\/section>/c\
      <section title="Summary"><status-summary of="indicators" chart="none"/><status-summary of="indicators" scale="perf" by="theme" chart="none"/></section>' \
	"$here/indicators.xml" >"$tmp/summary.xml"
pp -o "$tmp/summary.pdf" "$tmp/summary.xml"
check "the summary renders" is "$status" 0
pdftotext -layout "$tmp/summary.pdf" "$tmp/summary.txt"
sum_has() { grep -qE -- "$1" "$tmp/summary.txt"; }
check "GREEN counted" sum_has "GREEN +1 +25%"
check "AMBER counted" sum_has "AMBER +2 +50%"
check "no target: not rated" sum_has "Not rated +1 +25%"
check "RAG total" sum_has "Total +4 +100%"
check "the council's scale alone" sum_has "Resources +1 \(100%\) +0 \(0%\) +0 \(0%\) +1"
# With no period to count, it is an error that says where to write one.
sed 's|<document id="pack" output="performance-pack" orientation="landscape" period="q2">|<document id="pack" output="performance-pack" orientation="landscape">|' \
	"$tmp/summary.xml" >"$tmp/noperiod.xml"
pp -o "$tmp/noperiod.pdf" "$tmp/noperiod.xml"
check "a summary of indicators needs a period" grep_q \
	"noperiod.xml:[0-9]*:[0-9]*: error: a status summary of indicators counts one period's" "$tmp/stderr"
check "nothing written for it" absent "$tmp/noperiod.pdf"

# Exception reports are views: where="..." keeps the indicators whose
# worked-out status, trend or override holds, on any of the plan's scales.
sed '/<section title="Indicators">/,/<\/section>/c\
      <section title="Exceptions"><indicator-table where="status is RED or AMBER"><column field="ref"/><column field="status"/></indicator-table><indicator-table where="trend is Worse and theme is people"><column field="ref"/><column field="trend"/></indicator-table><indicator-table where="overridden is yes"><column field="ref"/></indicator-table><indicator-table where="status is On target, Off target"><column field="ref"/><column field="status"/></indicator-table></section>' \
	"$here/indicators.xml" >"$tmp/except.xml"
pp -o "$tmp/except.pdf" "$tmp/except.xml"
check "the exceptions render" is "$status" 0
pdftotext -layout "$tmp/except.pdf" "$tmp/except.txt"
check "red or amber: CH8 and AS2 only" is "$(grep -oE '^(CH8|AS2|HR1|F3|CS1) +(AMBER|RED|GREEN)' "$tmp/except.txt" | tr -s ' ' | paste -sd,)" "CH8 AMBER,AS2 AMBER"
check "worse this quarter" grep_q "^CH8 *↓ Worse" "$tmp/except.txt"
check "no override in Q2 says so" grep_q "No indicators match: overridden is yes" "$tmp/except.txt"
check "a scale's labels filter too" grep_q "^HR1 *On target" "$tmp/except.txt"
sed 's/trend is Worse and theme is people/trend is Wrose and ref is XX/' "$tmp/except.xml" >"$tmp/badwhere.xml"
pp -o "$tmp/badwhere.pdf" "$tmp/badwhere.xml"
check "a misspelt trend is located" grep_q \
	'badwhere.xml:[0-9]*:[0-9]*: error: where="trend is Wrose and ref is XX": trend is never "Wrose" (expected Better, Worse, No change or Not available)' "$tmp/stderr"
check "an unknown indicator ref is an error" grep_q 'ref is never "XX" (expected the ref of an indicator of the plan)' "$tmp/stderr"
check "nothing written for the bad filter" absent "$tmp/badwhere.pdf"

# A figure that is not a number in its unit: a located error, nothing written.
sed 's|<actual period="q1">86.2</actual>|<actual period="q1">86.2 percent</actual>|' \
	"$here/indicators.xml" >"$tmp/bad.xml"
pp -o "$tmp/bad.pdf" "$tmp/bad.xml"
check "a bad figure fails with exit 1" is "$status" 1
check "located, saying what is expected" grep_q \
	'bad.xml:[0-9]*:[0-9]*: error: indicator "ch8": actual for period "q1" "86.2 percent" is not a percent from 0 to 100' \
	"$tmp/stderr"
check "nothing written" absent "$tmp/bad.pdf"

# An indicator chart draws one indicator over the periods, from what check
# worked out: the year of the document's period (Q2 24/25) with its gaps,
# or every period with a figure; the target dashed, each comparator a
# series, and the data as a table with "Not available" or the reason.
sed '/<section title="Indicators">/,/<\/section>/c\
      <section title="Charts"><indicator-chart indicator="ch8"/><indicator-chart indicator="sick" type="bar" title="Sickness"/><indicator-chart indicator="ch8" periods="all" table="no" title="CH8 all"/></section>' \
	"$here/indicators.xml" >"$tmp/chart.xml"
pp -o "$tmp/chart.pdf" "$tmp/chart.xml"
check "the charts render" is "$status" 0
pdftotext -layout "$tmp/chart.pdf" "$tmp/chart.txt"
ch_has() { grep -qE -- "$1" "$tmp/chart.txt"; }
check "titled by ref and title" ch_has "^CH8 Children's social care"
check "the year's quarters" ch_has "^ *Period +Quarter 1 24/25 +Quarter 2 24/25 +Quarter 3 24/25 +Quarter 4 24/25"
check "figures, a reason, a gap" ch_has "^ *Actual +86\.2% +82\.4% +Awaiting validation +Not available"
check "worked-out statuses" ch_has "^ *Actual: status +GREEN +AMBER *$"
check "the target" ch_has "^ *Target +85\.0% +85\.0% +85\.0% +85\.0%"
check "the comparator" ch_has "^ *England +Not available +82\.0% +Not available +Not available"
check "a scale's labels" ch_has "^ *Actual: status +Close to target +On target *$"
check "no table when asked" is "$(grep -c "^ *Period " "$tmp/chart.txt")" 2
python3 "$here/pdf_alts.py" "$tmp/chart.pdf" | grep " chart: " >"$tmp/chart-alt.txt"
check "every period in the alternative text" grep_q \
	"Actual: Quarter 1 24/25 86.2% (GREEN), Quarter 2 24/25 82.4% (AMBER), Quarter 3 24/25 Awaiting validation, Quarter 4 24/25 Not available." \
	"$tmp/chart-alt.txt"
check "periods=all: only periods with a figure" grep_q \
	"CH8 all. Actual: Quarter 1 23/24 78.0% (RED), Quarter 2 23/24 79.5% (RED), Quarter 1 24/25 86.2% (GREEN), Quarter 2 24/25 82.4% (AMBER)." \
	"$tmp/chart-alt.txt"
# In bars, the "England" comparator is in a colour of no status (the
# default template's GREEN is #00703c; its series colours keep 30 degrees
# of hue from every status), and hatched: colour is not its only cue.
sed '/<section title="Indicators">/,/<\/section>/c\
      <section title="Charts"><indicator-chart indicator="ch8" type="bar"/></section>' \
	"$here/indicators.xml" >"$tmp/barchart.xml"
pp --dump=layout "$tmp/barchart.xml"
check "bar chart: England's bar and key swatch in purple" is "$(grep -c '^  rect .*fill=#4c2c92$' "$tmp/stdout")" 2
check "bar chart: GREEN only for the GREEN figure" is "$(grep -c '^  rect .*fill=#00703c$' "$tmp/stdout")" 1
check "bar chart: England's bars hatched" grep_q '^  line .* stroke=#ffffff width=0.75$' "$tmp/stdout"
# An unknown indicator is a located error naming the nearest ids.
sed 's|<indicator-chart indicator="sick"|<indicator-chart indicator="sik"|' "$tmp/chart.xml" >"$tmp/badchart.xml"
pp -o "$tmp/badchart.pdf" "$tmp/badchart.xml"
check "an unknown indicator fails with exit 1" is "$status" 1
check "located, with the nearest ids" grep_q \
	'badchart.xml:[0-9]*:[0-9]*: error: unknown indicator "sik" (nearest: "sick")' "$tmp/stderr"
check "nothing written for the unknown indicator" absent "$tmp/badchart.pdf"

# "Last year" of an annual indicator is last year's outturn: the figure of
# the financial year before the table's period (here a span, and one
# recorded at a quarter), not the same quarter a year before.
sed -e 's|<quarter id="q1-23" year="2023" q="1"/>|<span id="fy22" label="2022/23" start="2022-04-01" end="2023-03-31"/><span id="fy23" label="2023/24" start="2023-04-01" end="2024-03-31"/>&|' \
	-e 's|<theme id="people" title="People">|&<indicator id="sat" ref="RS1" unit="percent" polarity="higher" targets="none" frequency="Annual"><title>Residents satisfied</title><actual period="fy22">60.0</actual><actual period="fy23">64.5</actual></indicator><indicator id="fly" ref="EN4" unit="count" polarity="lower" targets="none" frequency="yearly"><title>Fly-tipping incidents</title><actual period="q4-23">1,210</actual><actual period="q2">640</actual></indicator>|' \
	-e '/<section title="Indicators">/,/<\/section>/c\
      <section title="Last year"><indicator-table><column field="ref"/><column field="last-year"/><column field="value"/><column field="trend-year"/></indicator-table><indicator-table period="fy23"><column field="ref"/><column field="last-year"/><column field="value"/><column field="trend-year"/></indicator-table></section>' \
	"$here/indicators.xml" >"$tmp/annual.xml"
pp -o "$tmp/annual.pdf" "$tmp/annual.xml"
check "annual indicators render" is "$status" 0
pdftotext -layout "$tmp/annual.pdf" "$tmp/annual.txt"
an_has() { grep -qE -- "$1" "$tmp/annual.txt"; }
check "an annual span: last year's outturn" an_has "^ *RS1 +64\.5% +Not available"
check "an annual figure kept at a quarter" an_has "^ *EN4 +1,210 +640"
check "a quarterly indicator: the quarter a year before" an_has "^ *CH8 +79\.5% +82\.4%"
check "a span's last year: the span before" an_has "^ *RS1 +60\.0% +64\.5%"
# The year-on-year trend moves against that same figure: fewer incidents
# than last year's outturn (kept at Q4) is Better, though Q2 a year
# before has no figure.
check "an annual trend: on last year's outturn" an_has "^ *EN4 +1,210 +640 +↓ Better"
check "a quarterly trend: on the quarter a year before" an_has "^ *CH8 +79\.5% +82\.4% +↑ Better"
check "a span's trend: on the span before" an_has "^ *RS1 +60\.0% +64\.5% +↑ Better"

# A status-history column is one column per quarter of the table's year,
# each headed by the quarter, each cell the worked-out status or why there
# is none; periods="all" shows every period of the plan.
sed '/<section title="Indicators">/,/<\/section>/c\
      <section title="History"><indicator-table period="q3"><column field="ref"/><column field="status-history"/></indicator-table><indicator-table><column field="ref"/><column field="status-history" periods="all"/></indicator-table></section>' \
	"$here/indicators.xml" >"$tmp/history.xml"
pp -o "$tmp/history.pdf" "$tmp/history.xml"
check "status history renders" is "$status" 0
pdftotext -layout "$tmp/history.pdf" "$tmp/history.txt"
hi_has() { grep -qE -- "$1" "$tmp/history.txt"; }
check "a column per quarter of the year" hi_has "^ *Ref +Quarter 1 24/25 +Quarter 2 24/25 +Quarter 3 24/25 +Quarter 4 24/25 *$"
check "statuses, a reason, a later quarter not yet due" hi_has "^ *CH8 +GREEN +AMBER +Awaiting validation +Not yet due"
check "not yet due as written" hi_has "^ *HR1 +Close to target +On target +Not yet due +Not yet due"
check "not available when nothing was written" hi_has "^ *AS2 +RED +AMBER +Not available +Not yet due"
check "every period with periods=all" hi_has "Quarter 1 23/24 +Quarter 2 23/24"
sed 's|<column field="ref"/><column field="status-history"/>|<column field="ref" periods="all"/>|' "$tmp/history.xml" >"$tmp/badhistory.xml"
pp -o "$tmp/badhistory.pdf" "$tmp/badhistory.xml"
check "periods= on another column is located" grep_q \
	'badhistory.xml:[0-9]*:[0-9]*: error: periods="all" chooses the periods of a status-history column; column "ref" has none' "$tmp/stderr"

# --check warns, at each item, about returns not yet filled in for a
# document's period: indicators a status summary counts with no <actual>
# (only those on its scale), and priorities of a progress table with no
# period of its own that have no <update> for the document's period.
sed -e 's|<document id="pack" output="performance-pack" orientation="landscape" period="q2">|<document id="pack" output="performance-pack" orientation="landscape" period="q3">|' \
	-e 's|<title>Keep people well at home</title>|&<update period="q2" rag="GREEN"><commentary>On track.</commentary></update>|' \
	-e '/<section title="Indicators">/,/<\/section>/c\
      <section title="Returns"><status-summary of="indicators" chart="none"/><priority-table><column field="ref"/><column field="commentary"/></priority-table></section>' \
	"$here/indicators.xml" >"$tmp/returns.xml"
pp --check "$tmp/returns.xml"
check "--check exits 0 with warnings" is "$status" 0
check "counted indicators with no actual" is "$(grep -c 'warning: indicator "[a-z]*" has no <actual period="q3">: the status summary will count it as "Not rated"' "$tmp/stderr")" 3
check "at the indicator" grep_q 'returns.xml:50:9: warning: indicator "dtoc" has no <actual period="q3">' "$tmp/stderr"
check "an answer (missing=) is not warned about" is "$(grep -c '"ch8"\|"sick"' "$tmp/stderr")" 0
check "a priority with no update for the document's period" grep_q \
	'returns.xml:48:7: warning: priority "p1" has no <update period="q3">, the document'"'"'s period: its row of the progress table will show its latest update instead' \
	"$tmp/stderr"
# An indicator chart of the document's period warns the same way about an
# indicator with no <actual> for it: once however many charts show it,
# not for a figure's answer (missing=), and not again after a table.
sed -e 's|<document id="pack" output="performance-pack" orientation="landscape" period="q2">|<document id="pack" output="performance-pack" orientation="landscape" period="q3">|' \
	-e '/<section title="Indicators">/,/<\/section>/c\
      <section title="Charts"><indicator-chart indicator="dtoc"/><indicator-chart indicator="dtoc" type="bar"/><indicator-chart indicator="ch8"/><indicator-chart indicator="calls" period="q2"/></section>' \
	"$here/indicators.xml" >"$tmp/charted.xml"
for run in --check render; do
	if [ "$run" = --check ]; then pp --check "$tmp/charted.xml"; else pp -o "$tmp/charted.pdf" "$tmp/charted.xml"; fi
	check "charted ($run): exits 0 with warnings" is "$status" 0
	check "charted ($run): one warning, at the indicator" is "$(grep -c 'warning:' "$tmp/stderr")" 1
	check "charted ($run): worded for the chart" grep_q \
		'charted.xml:50:9: warning: indicator "dtoc" has no <actual period="q3">: its chart will show no figure for that period (write the figure, or missing="..." and why)' \
		"$tmp/stderr"
done
sed 's|<section title="Charts">|&<indicator-table><column field="ref"/><column field="value"/></indicator-table>|' \
	"$tmp/charted.xml" >"$tmp/charted-table.xml"
pp --check "$tmp/charted-table.xml"
check "charted after a table: the table's warning only" is \
	"$(grep -c 'warning: indicator "dtoc" has no <actual period="q3">: its row of the indicator table' "$tmp/stderr"),$(grep -c 'its chart will' "$tmp/stderr")" 1,0
# With more than 20 missing, the first 20 are named and the rest counted.
extra=$(for i in $(seq 1 22); do printf '<indicator id="x%s" unit="count" polarity="higher" targets="none"><title>X%s</title></indicator>' "$i" "$i"; done)
sed "s|<theme id=\"resources\" title=\"Resources\">|&$extra|" "$tmp/returns.xml" >"$tmp/many.xml"
pp --check "$tmp/many.xml"
check "many: --check exits 0" is "$status" 0
check "many: twenty named" is "$(grep -c 'the status summary will count it as' "$tmp/stderr")" 20
check "many: the rest counted, at the summary" grep_q \
	'many.xml:[0-9]*:[0-9]*: warning: and 5 more indicators this status summary counts have no <actual period="q3">' "$tmp/stderr"
finish
