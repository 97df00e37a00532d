/* SPDX-License-Identifier: MIT */
/*
 * test_indicator.c - what planpress works out for indicators (indicator.c,
 * through check): status from figure, target, polarity and tolerance, bands,
 * a scale's means, overrides, year to date by rule across the April year
 * boundary, direction of travel honouring polarity, "not available", the
 * counts per status; and each bad input reported with its ID and place.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "planpress/model.h"
#include "planpress/parse.h"
#include "support.h"

#define HEAD                                                                                   \
	"<plan xmlns='urn:planpress:plan:1'>\n"                                                \
	"<facts><organisation>O</organisation><title>T</title></facts>\n"                      \
	"<periods><quarter id='q3-23' year='2023' q='3'/><quarter id='q4-23' year='2023' "     \
	"q='4'/>"                                                                              \
	"<quarter id='q1' year='2024' q='1'/><quarter id='q2' year='2024' q='2'/>"             \
	"<quarter id='q1-25' year='2025' q='1'/></periods>\n"
#define SCALE                                                                                  \
	"<scales><scale id='perf'>"                                                            \
	"<status id='on' label='On target' fill='#00703c' text='#ffffff' means='met'/>"        \
	"<status id='close' label='Close' fill='#ffdd00' text='#0b0c0c' means='near'/>"        \
	"<status id='off' label='Off target' fill='#d4351c' text='#ffffff' means='missed'/>"   \
	"</scale></scales>\n"
#define THEME "<themes><theme id='t' title='T'>\n"
#define TAIL  "</theme></themes><documents><document id='d' output='d'/></documents></plan>\n"

static struct pp_doc *load(const char *xml, struct pp_diags *d, int *rc)
{
	pp_diags_init(d, NULL);
	struct pp_doc *doc = pp_parse_memory(xml, strlen(xml), "test.xml", d);
	if (!doc)
		for (size_t i = 0; i < d->n_entries; i++)
			fprintf(stderr, "%u:%u: %s\n", d->entries[i].loc.line,
			        d->entries[i].loc.col, d->entries[i].text);
	assert_non_null(doc);
	*rc = pp_check_doc(doc, d);
	return doc;
}

/* A clean plan; its first theme's indicator `i`. */
static struct pp_doc *clean(const char *xml, struct pp_diags *d)
{
	int rc;
	struct pp_doc *doc = load(xml, d, &rc);
	for (size_t i = 0; i < d->n_entries; i++)
		fprintf(stderr, "%u:%u: %s\n", d->entries[i].loc.line, d->entries[i].loc.col,
		        d->entries[i].text);
	assert_int_equal(rc, 0);
	return doc;
}

static const struct pp_period *period(const struct pp_doc *doc, const char *id)
{
	for (size_t i = 0; i < doc->n_periods; i++)
		if (strcmp(doc->periods[i].id, id) == 0)
			return &doc->periods[i];
	fail_msg("no period %s", id);
	return NULL;
}

static const struct pp_ind_period *at(const struct pp_doc *doc, size_t ind, const char *p)
{
	const struct pp_ind_period *r =
	    pp_indicator_at(doc, &doc->themes[0].indicators[ind], period(doc, p));
	assert_non_null(r);
	return r;
}

static void done(struct pp_doc *doc, struct pp_diags *d)
{
	pp_doc_free(doc);
	pp_diags_fini(d);
}

static void status_by_polarity_and_tolerance(void **state)
{
	(void)state;
	struct pp_diags d;
	struct pp_doc *doc = clean(
	    HEAD THEME
	    "<indicator id='hi' unit='percent' polarity='higher'><title>H</title>"
	    "<target year='2024' tolerance='5'>85</target>"
	    "<actual period='q1'>85</actual><actual period='q2'>80</actual>"
	    "<target period='q1-25' tolerance='5'>85</target>"
	    "<actual period='q1-25'>79.9</actual></indicator>\n"
	    "<indicator id='lo' unit='days' polarity='lower'><title>L</title>"
	    "<target year='2024' tolerance='0.3'>2.0</target>"
	    "<actual period='q1'>2.3</actual><actual period='q2'>2.31</actual></indicator>\n"
	    "<indicator id='band' unit='number' polarity='band'><title>B</title>"
	    "<target period='q1' low='2' high='4' tolerance='1'/>"
	    "<target period='q2' low='2' high='4'/>"
	    "<actual period='q1'>1</actual><actual period='q2'>4</actual></indicator>\n" TAIL,
	    &d);
	/* higher: at target is met; within tolerance below is near; beyond is missed */
	assert_int_equal(at(doc, 0, "q1")->rag, PP_RAG_GREEN);
	assert_int_equal(at(doc, 0, "q2")->rag, PP_RAG_AMBER);
	assert_int_equal(at(doc, 0, "q1-25")->rag, PP_RAG_RED);
	/* lower: 2.3 is at target + tolerance (near); 2.31 is past it (missed) */
	assert_int_equal(at(doc, 1, "q1")->meets, PP_MEETS_NEAR);
	assert_int_equal(at(doc, 1, "q2")->rag, PP_RAG_RED);
	/* band: 1 is a tolerance of 1 below 2; 4 is the edge, inside */
	assert_int_equal(at(doc, 2, "q1")->rag, PP_RAG_AMBER);
	assert_int_equal(at(doc, 2, "q2")->rag, PP_RAG_GREEN);
	/* the annual target applies to the year's quarters, not the next year's */
	assert_ptr_equal(at(doc, 0, "q2")->target, &doc->themes[0].indicators[0].targets[0]);
	assert_ptr_equal(at(doc, 0, "q1-25")->target, &doc->themes[0].indicators[0].targets[1]);
	done(doc, &d);
}

static void scale_means_and_override(void **state)
{
	(void)state;
	struct pp_diags d;
	struct pp_doc *doc = clean(
	    HEAD SCALE THEME
	    "<indicator id='s' unit='count' polarity='higher' scale='perf'><title>S</title>"
	    "<target year='2024' tolerance='10'>100</target>"
	    "<actual period='q1'>95</actual><actual period='q2'>50</actual>"
	    "<override period='q2' status='On target'>Counted late</override></indicator>\n"
	    "<indicator id='r' unit='count' polarity='higher'><title>R</title>"
	    "<target year='2024'>100</target><actual period='q1'>120</actual>"
	    "<override period='q1' status='red'>Data quality</override></indicator>\n" TAIL,
	    &d);
	const struct pp_scale *sc = pp_scale_find(doc, "perf");
	assert_ptr_equal(at(doc, 0, "q1")->status, &sc->values[1]);
	assert_string_equal(pp_ind_status_label(at(doc, 0, "q1")), "Close");
	/* the override wins, and says so; the figure's own judgement is kept */
	assert_ptr_equal(at(doc, 0, "q2")->status, &sc->values[0]);
	assert_non_null(at(doc, 0, "q2")->override);
	assert_int_equal(at(doc, 0, "q2")->meets, PP_MEETS_MISSED);
	assert_int_equal(at(doc, 1, "q1")->rag, PP_RAG_RED);
	assert_non_null(at(doc, 1, "q1")->override);
	done(doc, &d);
}

static void year_to_date_by_rule_within_the_year(void **state)
{
	(void)state;
	struct pp_diags d;
	struct pp_doc *doc = clean(
	    HEAD THEME
	    "<indicator id='sum' unit='count' polarity='higher' ytd='sum' targets='none'>"
	    "<title>S</title><actual period='q3-23'>7</actual><actual period='q4-23'>5</actual>"
	    "<actual period='q1'>10</actual><actual period='q2'>20</actual>"
	    "<actual period='q1-25'>3</actual></indicator>\n"
	    "<indicator id='mean' unit='percent' polarity='higher' ytd='mean' targets='none'>"
	    "<title>M</title><actual period='q1'>60</actual><actual period='q2'>65</actual>"
	    "</indicator>\n"
	    "<indicator id='latest' unit='number' polarity='higher' ytd='latest' "
	    "targets='none'>"
	    "<title>L</title><actual period='q1'>4</actual>"
	    "<actual period='q2' missing='not-yet-due'/></indicator>\n"
	    "<indicator id='none' unit='number' polarity='higher' targets='none'>"
	    "<title>N</title><actual period='q1'>4</actual></indicator>\n" TAIL,
	    &d);
	/* Q3 and Q4 of 2023/24 add up; April starts again */
	assert_true(at(doc, 0, "q4-23")->has_ytd);
	assert_true(at(doc, 0, "q4-23")->ytd == 12);
	assert_true(at(doc, 0, "q1")->ytd == 10);
	assert_true(at(doc, 0, "q2")->ytd == 30);
	assert_true(at(doc, 0, "q1-25")->ytd == 3);
	assert_true(at(doc, 1, "q2")->ytd == 62.5);
	/* latest: the last period with a figure, so far */
	assert_true(at(doc, 2, "q2")->has_ytd);
	assert_true(at(doc, 2, "q2")->ytd == 4);
	assert_false(at(doc, 3, "q1")->has_ytd);
	char *s = pp_indicator_format(&doc->themes[0].indicators[1], at(doc, 1, "q2")->ytd);
	assert_string_equal(s, "62.5%");
	free(s);
	done(doc, &d);
}

static void trends_honour_polarity(void **state)
{
	(void)state;
	struct pp_diags d;
	struct pp_doc *doc = clean(
	    HEAD THEME
	    "<indicator id='sick' unit='days' polarity='lower' targets='none'><title>S</title>"
	    "<actual period='q4-23'>3.0</actual><actual period='q1'>2.5</actual>"
	    "<actual period='q2'>2.54</actual><actual period='q1-25'>2.9</actual></indicator>\n"
	    "<indicator id='up' unit='percent' polarity='higher' "
	    "targets='none'><title>U</title>"
	    "<actual period='q4-23'>50</actual><actual period='q1'>40</actual></indicator>\n"
	    "<indicator id='band' unit='number' polarity='band'><title>B</title>"
	    "<target year='2024' low='10' high='20'/>"
	    "<actual period='q1'>25</actual><actual period='q2'>8</actual></indicator>\n" TAIL,
	    &d);
	/* a falling sickness rate is Better, and its arrow points down */
	const struct pp_ind_period *r = at(doc, 0, "q1");
	assert_int_equal(r->trend_prev, PP_TREND_BETTER);
	assert_int_equal(r->move_prev, -1);
	assert_string_equal(pp_trend_word(r->trend_prev), "Better");
	assert_string_equal(pp_trend_arrow(r->trend_prev, r->move_prev), "\xe2\x86\x93");
	/* 2.5 and 2.54 print alike at one place: no change */
	assert_int_equal(at(doc, 0, "q2")->trend_prev, PP_TREND_SAME);
	/* against the same quarter a year before: 2.9 after 2.5 is Worse */
	assert_ptr_equal(at(doc, 0, "q1-25")->period->year_before, period(doc, "q1"));
	assert_int_equal(at(doc, 0, "q1-25")->trend_year, PP_TREND_WORSE);
	/* no figure the quarter before: no trend, not a made-up one */
	assert_int_equal(at(doc, 0, "q1-25")->trend_prev, PP_TREND_NONE);
	assert_int_equal(at(doc, 1, "q1")->trend_prev, PP_TREND_WORSE);
	/* band: 8 is 2 outside, 25 was 5 outside: Better though it fell */
	assert_int_equal(at(doc, 2, "q2")->trend_prev, PP_TREND_BETTER);
	assert_int_equal(at(doc, 2, "q2")->rag, PP_RAG_RED);
	done(doc, &d);
}

static void not_available_is_never_a_zero(void **state)
{
	(void)state;
	struct pp_diags d;
	struct pp_doc *doc = clean(
	    HEAD THEME
	    "<indicator id='a' unit='percent' polarity='higher'><title>A</title>"
	    "<target year='2024'>50</target>"
	    "<actual period='q1' missing='not-available' reason='System migration'/>"
	    "<actual period='q2' missing='not-yet-due'/></indicator>\n"
	    "<indicator id='b' unit='count' polarity='higher' targets='none'><title>B</title>"
	    "<actual period='q1'>3</actual></indicator>\n" TAIL,
	    &d);
	const struct pp_indicator *a = &doc->themes[0].indicators[0];
	assert_false(at(doc, 0, "q1")->has_value);
	assert_int_equal(at(doc, 0, "q1")->rag, PP_RAG_NONE);
	assert_string_equal(pp_ind_no_status_text(a, at(doc, 0, "q1")), "System migration");
	assert_string_equal(pp_ind_no_status_text(a, at(doc, 0, "q2")), "Not yet due");
	assert_string_equal(pp_ind_no_status_text(a, at(doc, 0, "q1-25")), "Not available");
	assert_string_equal(
	    pp_ind_no_status_text(&doc->themes[0].indicators[1], at(doc, 1, "q1")),
	    "No target");
	done(doc, &d);
}

static void counts_per_status(void **state)
{
	(void)state;
	struct pp_diags d;
	struct pp_doc *doc = clean(
	    HEAD THEME
	    "<indicator id='g' unit='count' polarity='higher'><title>G</title>"
	    "<target year='2024'>1</target><actual period='q1'>1</actual></indicator>\n"
	    "<indicator id='r' unit='count' polarity='higher'><title>R</title>"
	    "<target year='2024'>5</target><actual period='q1'>1</actual></indicator>\n"
	    "<priority id='p'><title>P</title>"
	    "<indicator id='g2' unit='count' polarity='lower'><title>G2</title>"
	    "<target year='2024'>5</target><actual period='q1'>1</actual></indicator>"
	    "</priority>\n"
	    "<indicator id='n' unit='count' polarity='higher'><title>N</title>"
	    "<target year='2024'>5</target></indicator>\n"
	    "</theme><theme id='u' title='U'>"
	    "<indicator id='r2' unit='count' polarity='higher'><title>R2</title>"
	    "<target year='2024'>5</target><actual period='q1'>1</actual></indicator>\n" TAIL,
	    &d);
	/* Through the one count every view uses (status_count.c). */
	struct pp_status_counts n;
	pp_status_count(doc, PP_COUNT_INDICATORS, period(doc, "q1"), &doc->themes[0], NULL, &n);
	assert_int_equal(n.total, 4);
	assert_int_equal(n.counts[PP_RAG_GREEN - 1], 2);
	assert_int_equal(n.counts[PP_RAG_RED - 1], 1);
	assert_int_equal(n.unrated, 1);
	pp_status_counts_fini(&n);
	pp_status_count(doc, PP_COUNT_INDICATORS, period(doc, "q1"), NULL, NULL, &n);
	assert_int_equal(n.total, 5);
	assert_int_equal(n.counts[PP_RAG_RED - 1], 2);
	pp_status_counts_fini(&n);
	done(doc, &d);
}

static void spans_link_to_their_neighbours(void **state)
{
	(void)state;
	struct pp_diags d;
	struct pp_doc *doc = clean(
	    "<plan xmlns='urn:planpress:plan:1'>\n"
	    "<facts><organisation>O</organisation><title>T</title></facts>\n"
	    "<periods><span id='m5' label='May 24' start='2024-05-01' end='2024-05-31'/>"
	    "<span id='a4' label='Apr 24' start='2024-04-01' end='2024-04-30'/>"
	    "<span id='m3' label='Mar 24' start='2024-03-01' end='2024-03-31'/>"
	    "<span id='a5' label='Apr 25' start='2025-04-01' end='2025-04-30'/>"
	    "<span id='y' label='2024/25' start='2024-04-01' "
	    "end='2025-03-31'/></periods>\n" THEME
	    "<indicator id='s' unit='count' polarity='higher' ytd='sum' targets='none'>"
	    "<title>S</title><actual period='m3'>1</actual><actual period='a4'>2</actual>"
	    "<actual period='m5'>3</actual><actual period='a5'>4</actual></indicator>" TAIL,
	    &d);
	assert_ptr_equal(period(doc, "m5")->prev, period(doc, "a4"));
	assert_ptr_equal(period(doc, "a4")->prev, period(doc, "m3"));
	assert_ptr_equal(period(doc, "a5")->year_before, period(doc, "a4"));
	assert_null(period(doc, "m3")->prev);
	/* March is the year before April's: May's year to date is April and May */
	assert_true(at(doc, 0, "m5")->ytd == 5);
	assert_true(at(doc, 0, "m3")->ytd == 1);
	assert_true(at(doc, 0, "a5")->ytd == 4);
	assert_int_equal(at(doc, 0, "a5")->trend_year, PP_TREND_BETTER);
	done(doc, &d);
}

/* For every indicator and period: the year-on-year trend moves against
 * exactly the figure the "last year" column prints (or has none). */
static void trend_year_agrees_with_last_year(const struct pp_doc *doc)
{
	for (size_t i = 0; i < doc->themes[0].n_indicators; i++) {
		const struct pp_indicator *ind = &doc->themes[0].indicators[i];
		for (size_t k = 0; k < doc->n_periods; k++) {
			const struct pp_ind_period *r =
			    pp_indicator_at(doc, ind, &doc->periods[k]);
			const struct pp_ind_period *l =
			    pp_indicator_last_year(doc, ind, &doc->periods[k]);
			if (!r->has_value || !l || !l->has_value) {
				assert_int_equal(r->trend_year, PP_TREND_NONE);
				continue;
			}
			assert_int_not_equal(r->trend_year, PP_TREND_NONE);
			assert_int_equal(r->move_year, r->value > l->value   ? 1
			                               : r->value < l->value ? -1
			                                                     : 0);
		}
	}
}

/* An annual figure's trend is against last year's outturn, wherever in
 * last year it was reported (a quarter, or the year's span), not against
 * the same quarter a year before, which holds no figure. */
static void annual_trend_is_on_last_years_outturn(void **state)
{
	(void)state;
	struct pp_diags d;
	struct pp_doc *doc = clean(
	    "<plan xmlns='urn:planpress:plan:1'>\n"
	    "<facts><organisation>O</organisation><title>T</title></facts>\n"
	    "<periods><quarter id='q3-23' year='2023' q='3'/><quarter id='q4-23' year='2023' "
	    "q='4'/><quarter id='q1' year='2024' q='1'/><quarter id='q2' year='2024' q='2'/>"
	    "<quarter id='q3' year='2024' q='3'/>"
	    "<span id='y22' label='2022/23' start='2022-04-01' end='2023-03-31'/>"
	    "<span id='y23' label='2023/24' start='2023-04-01' end='2024-03-31'/>"
	    "</periods>\n" THEME
	    /* reported in Q3 last year, in Q2 this year */
	    "<indicator id='a' unit='percent' polarity='higher' targets='none' "
	    "frequency='Annual'><title>A</title>"
	    "<actual period='q3-23'>60</actual><actual period='q2'>70</actual></indicator>\n"
	    /* last year's outturn on the year's span, this year's in a quarter */
	    "<indicator id='b' unit='days' polarity='lower' targets='none' "
	    "frequency='yearly'><title>B</title>"
	    "<actual period='y23'>10</actual><actual period='q1'>12</actual></indicator>\n"
	    /* every figure for a span: annual without saying so */
	    "<indicator id='c' unit='count' polarity='higher' targets='none'><title>C</title>"
	    "<actual period='y22'>5</actual><actual period='y23'>4</actual></indicator>\n" TAIL,
	    &d);
	assert_true(pp_indicator_annual(&doc->themes[0].indicators[0]));
	/* the same quarter a year before is not in the plan: no help */
	assert_null(period(doc, "q2")->year_before);
	assert_ptr_equal(
	    pp_indicator_last_year(doc, &doc->themes[0].indicators[0], period(doc, "q2")),
	    at(doc, 0, "q3-23"));
	assert_int_equal(at(doc, 0, "q2")->trend_year, PP_TREND_BETTER);
	assert_int_equal(at(doc, 0, "q2")->move_year, 1);
	/* 12 days after 10, polarity lower: Worse, against the span */
	assert_int_equal(at(doc, 1, "q1")->trend_year, PP_TREND_WORSE);
	assert_int_equal(at(doc, 1, "q1")->move_year, 1);
	/* spans compare with last year's span */
	assert_int_equal(at(doc, 2, "y23")->trend_year, PP_TREND_WORSE);
	/* the first year has no year before it */
	assert_int_equal(at(doc, 0, "q3-23")->trend_year, PP_TREND_NONE);
	trend_year_agrees_with_last_year(doc);
	done(doc, &d);
}

/* A quarterly indicator's trend is against the same quarter a year
 * before, even when a later quarter of last year would say otherwise,
 * and with none when that quarter has no figure. */
static void quarterly_trend_is_on_the_same_quarter(void **state)
{
	(void)state;
	struct pp_diags d;
	struct pp_doc *doc = clean(
	    HEAD THEME
	    "<indicator id='q' unit='percent' polarity='higher' targets='none' "
	    "frequency='Quarterly'><title>Q</title>"
	    "<actual period='q4-23'>90</actual><actual period='q1'>50</actual>"
	    "<actual period='q2'>60</actual><actual period='q1-25'>55</actual></indicator>\n"
	    "<indicator id='g' unit='percent' polarity='higher' targets='none'><title>G</title>"
	    "<actual period='q3-23'>90</actual><actual period='q4-23'>80</actual>"
	    "<actual period='q2'>10</actual><actual "
	    "period='q1-25'>20</actual></indicator>\n" TAIL,
	    &d);
	assert_false(pp_indicator_annual(&doc->themes[0].indicators[0]));
	/* 55 after Q1's 50 (not after Q2's 60, last year's latest): Better */
	assert_int_equal(at(doc, 0, "q1-25")->trend_year, PP_TREND_BETTER);
	assert_int_equal(at(doc, 0, "q1-25")->move_year, 1);
	/* Q1 2025/26 has no Q1 2024/25 figure to compare with: none */
	assert_int_equal(at(doc, 1, "q1-25")->trend_year, PP_TREND_NONE);
	assert_int_equal(at(doc, 0, "q4-23")->trend_year, PP_TREND_NONE);
	trend_year_agrees_with_last_year(doc);
	done(doc, &d);
}

/* Indicators x periods past PP_IND_PERIODS_MAX: one error at the plan,
 * nothing worked out (every one would be held in memory). */
static void too_many_indicator_periods(void **state)
{
	(void)state;
	size_t n_p = 1001, n_i = PP_IND_PERIODS_MAX / 1000, cap = 256 + n_p * 64 + n_i * 96,
	       len = 0;
	char *xml = malloc(cap);
	assert_non_null(xml);
	len += (size_t)snprintf(xml + len, cap - len,
	                        "<plan xmlns='urn:planpress:plan:1'>\n<facts><organisation>O"
	                        "</organisation><title>T</title></facts><periods>");
	for (size_t i = 0; i < n_p; i++)
		len += (size_t)snprintf(xml + len, cap - len,
		                        "<quarter id='p%zu' year='%zu' q='%zu'/>", i,
		                        1900 + i / 4, 1 + i % 4);
	len += (size_t)snprintf(xml + len, cap - len, "</periods>" THEME);
	for (size_t i = 0; i < n_i; i++)
		len += (size_t)snprintf(xml + len, cap - len,
		                        "<indicator id='i%zu' unit='count' polarity='higher'>"
		                        "<title>I</title></indicator>",
		                        i);
	snprintf(xml + len, cap - len, "%s", TAIL);
	struct pp_diags d;
	int rc;
	struct pp_doc *doc = load(xml, &d, &rc);
	assert_int_equal(rc, -1);
	assert_int_equal(d.n_errors, 1);
	assert_int_equal(d.entries[0].id, PP_MSG_IND_TOO_MANY);
	assert_int_equal(d.entries[0].loc.line, 1);
	assert_null(doc->themes[0].indicators[0].at);
	done(doc, &d);
	free(xml);
}

static void figures_print_by_unit(void **state)
{
	(void)state;
	struct pp_indicator ind = {0};
	ind.unit = PP_UNIT_MONEY;
	ind.thousands = 1;
	char *s = pp_indicator_format(&ind, -1234567);
	assert_string_equal(s, "-\xc2\xa3"
	                       "1,234,567");
	free(s);
	ind.unit = PP_UNIT_RATE_1K;
	ind.decimals = 1;
	s = pp_indicator_format(&ind, 12.25);
	assert_string_equal(s, "12.3 per 1,000");
	free(s);
	ind.unit = PP_UNIT_PERCENT;
	s = pp_indicator_format(&ind, 62);
	assert_string_equal(s, "62.0%");
	free(s);
	ind.unit = PP_UNIT_COUNT;
	ind.decimals = 0;
	ind.thousands = 0;
	s = pp_indicator_format(&ind, 12345);
	assert_string_equal(s, "12345");
	free(s);
	/* a loss that rounds to nothing has no sign */
	ind.unit = PP_UNIT_MONEY;
	s = pp_indicator_format(&ind, -0.4);
	assert_string_equal(s, "\xc2\xa3"
	                       "0");
	free(s);
	ind.unit = PP_UNIT_RATE_100K;
	s = pp_indicator_format(&ind, 7);
	assert_string_equal(s, "7 per 100,000");
	free(s);
}

/* A figure that does not read is named in the message: which actual, which comparator. */
static void bad_figures_are_named(void **state)
{
	(void)state;
	struct pp_diags d;
	int rc;
	struct pp_doc *doc = load(
	    HEAD THEME "<indicator id='a' unit='percent' polarity='higher'><title>A</title>\n"
	               "<target year='2024'>50</target><actual period='q1'>about 60</actual>"
	               "<comparator name='England' period='q1'>n/a</comparator></indicator>" TAIL,
	    &d, &rc);
	assert_int_equal(rc, -1);
	assert_int_equal(pp_diags_count(&d, PP_MSG_IND_BAD_NUMBER), 2);
	int actual = 0, comparator = 0;
	for (size_t i = 0; i < d.n_entries; i++) {
		actual |= strstr(d.entries[i].text,
		                 "indicator \"a\": actual for period \"q1\" \"about 60\" is not") != NULL;
		comparator |= strstr(d.entries[i].text, "indicator \"a\": comparator \"England\" for "
		                                        "period \"q1\" \"n/a\" is not") != NULL;
	}
	assert_true(actual);
	assert_true(comparator);
	done(doc, &d);
}

/* Exactly the errors `ids` (in order), the first at line:col. */
static void expect(const char *xml, const enum pp_msg *ids, size_t n, unsigned line,
                   unsigned col)
{
	struct pp_diags d;
	int rc;
	struct pp_doc *doc = load(xml, &d, &rc);
	assert_int_equal(rc, -1);
	size_t errors = 0;
	for (size_t i = 0; i < d.n_entries; i++) {
		if (d.entries[i].sev != PP_SEV_ERROR)
			continue;
		fprintf(stderr, "  %s %u:%u %s\n", pp_msg_name(d.entries[i].id),
		        d.entries[i].loc.line, d.entries[i].loc.col, d.entries[i].text);
		assert_true(errors < n);
		assert_int_equal(d.entries[i].id, ids[errors]);
		if (errors == 0) {
			assert_int_equal(d.entries[i].loc.line, line);
			assert_int_equal(d.entries[i].loc.col, col);
		}
		errors++;
	}
	assert_int_equal(errors, n);
	done(doc, &d);
}

#define ONE(xml, id, line, col)                                                                \
	do {                                                                                   \
		enum pp_msg ids_[] = {id};                                                     \
		expect(xml, ids_, 1, line, col);                                               \
	} while (0)

static void bad_input_is_located(void **state)
{
	(void)state;
	/* line 5 of each plan below holds the indicator */
	ONE(HEAD THEME "<indicator id='a' unit='percent' polarity='higher'><title>A</title>\n"
	               "<target year='2024'>50</target><actual period='q1'>about 60</actual>"
	               "</indicator>" TAIL,
	    PP_MSG_IND_BAD_NUMBER, 6, 32);
	ONE(HEAD THEME "<indicator id='a' unit='percent' polarity='higher'><title>A</title>\n"
	               "<target year='2024'>50</target><actual period='q1'>112</actual>"
	               "</indicator>" TAIL,
	    PP_MSG_IND_BAD_NUMBER, 6, 32);
	/* the same figure is fine where the unit allows it, and "62.5%", "£1,234" read */
	struct pp_diags d;
	struct pp_doc *doc = clean(
	    HEAD THEME "<indicator id='a' unit='percent' polarity='higher' over-100='yes'>"
	               "<title>A</title><target year='2024'>50%</target>"
	               "<actual period='q1'>112</actual></indicator>"
	               "<indicator id='m' unit='money' polarity='lower'><title>M</title>"
	               "<target year='2024'>2000</target><actual period='q1'>\xc2\xa3"
	               "1,234</actual></indicator>" TAIL,
	    &d);
	assert_true(at(doc, 1, "q1")->value == 1234);
	done(doc, &d);
	ONE(HEAD THEME "<indicator id='a' unit='number' polarity='higher'><title>A</title>\n"
	               "<target year='2024'>50</target><actual period='q9'>1</actual>"
	               "</indicator>" TAIL,
	    PP_MSG_UNKNOWN_PERIOD, 6, 32);
	ONE(HEAD THEME "<indicator id='a' unit='number' polarity='higher'><title>A</title>\n"
	               "<target period='q1'>50</target><actual period='q2'>1</actual>"
	               "</indicator>" TAIL,
	    PP_MSG_IND_NO_TARGET, 6, 32);
	ONE(HEAD THEME "<indicator id='a' unit='number' polarity='band'><title>A</title>\n"
	               "<target year='2024' low='5'/></indicator>" TAIL,
	    PP_MSG_IND_TARGET_FORM, 6, 1);
	ONE(HEAD THEME "<indicator id='a' unit='number' polarity='band'><title>A</title>\n"
	               "<target year='2024' low='5' high='2'/></indicator>" TAIL,
	    PP_MSG_IND_TARGET_FORM, 6, 1);
	ONE(HEAD THEME "<indicator id='a' unit='number' polarity='upwards'><title>A</title>\n"
	               "</indicator>" TAIL,
	    PP_MSG_IND_BAD_ATTR, 5, 1);
	{
		enum pp_msg ids[] = {PP_MSG_IND_DUP_PERIOD, PP_MSG_DUP_ID_PREV};
		expect(HEAD THEME
		       "<indicator id='a' unit='number' polarity='higher' targets='none'>"
		       "<title>A</title>\n"
		       "<actual period='q1'>1</actual><actual period='q1'>2</actual>"
		       "</indicator>" TAIL,
		       ids, 1, 6, 31);
	}
	{
		enum pp_msg ids[] = {PP_MSG_DUP_ID};
		expect(HEAD THEME
		       "<indicator id='a' unit='number' polarity='higher'><title>A</title>"
		       "</indicator>\n<indicator id='a' unit='number' polarity='higher'>"
		       "<title>B</title></indicator>" TAIL,
		       ids, 1, 6, 1);
	}
	ONE(HEAD THEME "<indicator id='a' unit='number' polarity='higher'><title>A</title>\n"
	               "<target year='2024'>5</target><actual period='q1'>1</actual>"
	               "<override period='q1' status='PURPLE'>Why</override></indicator>" TAIL,
	    PP_MSG_BAD_RAG, 6, 61);
	ONE(HEAD THEME
	    "<indicator id='a' unit='number' polarity='higher'><title>A</title>\n"
	    "<actual period='q1' missing='not-available'>3</actual></indicator>" TAIL,
	    PP_MSG_IND_ACTUAL_FORM, 6, 1);
}

/* "Amber if within 5% of target": the tolerance as a share of the target
 * (of the band's edge), on either side of it by polarity. */
static void tolerance_as_a_percentage_of_the_target(void **state)
{
	(void)state;
	struct pp_diags d;
	struct pp_doc *doc = clean(
	    HEAD THEME
	    "<indicator id='hi' unit='count' polarity='higher'><title>H</title>"
	    "<target year='2024' tolerance-percent='5'>200</target>"
	    "<actual period='q1'>190</actual><actual period='q2'>189</actual></indicator>\n"
	    "<indicator id='lo' unit='days' polarity='lower' decimals='2'><title>L</title>"
	    "<target year='2024' tolerance-percent='10%'>10</target>"
	    "<actual period='q1'>11</actual><actual period='q2'>11.01</actual></indicator>\n"
	    "<indicator id='band' unit='number' polarity='band'><title>B</title>"
	    "<target period='q1' low='10' high='20' tolerance-percent='10'/>"
	    "<target period='q2' low='10' high='20' tolerance-percent='10'/>"
	    "<actual period='q1'>22</actual><actual period='q2'>8.9</actual></indicator>\n" TAIL,
	    &d);
	/* 5% of 200 is 10: 190 is near, 189 beyond it */
	assert_int_equal(at(doc, 0, "q1")->rag, PP_RAG_AMBER);
	assert_int_equal(at(doc, 0, "q2")->rag, PP_RAG_RED);
	/* 10% of 10 is 1 above it for a lower-is-better figure */
	assert_int_equal(at(doc, 1, "q1")->rag, PP_RAG_AMBER);
	assert_int_equal(at(doc, 1, "q2")->rag, PP_RAG_RED);
	/* a band: 10% of its high edge above (22), 10% of its low edge below (9) */
	assert_int_equal(at(doc, 2, "q1")->rag, PP_RAG_AMBER);
	assert_int_equal(at(doc, 2, "q2")->rag, PP_RAG_RED);
	done(doc, &d);
}

/* Data only, baseline year: a figure with no target by design is no
 * error, prints why, is never judged, and is counted apart. */
static void no_target_by_design(void **state)
{
	(void)state;
	struct pp_diags d;
	struct pp_doc *doc = clean(
	    HEAD THEME
	    "<indicator id='base' unit='percent' polarity='higher' ytd='latest'><title>B</title>"
	    "<target year='2024' none='Baseline year'/>"
	    "<target year='2025' tolerance='2'>60</target>"
	    "<actual period='q1'>55</actual><actual period='q2'>57</actual>"
	    "<actual period='q1-25'>59</actual></indicator>\n"
	    "<indicator id='ctx' unit='count' polarity='higher'><title>C</title>"
	    "<target year='2024' none='Data only'/><target year='2023' none='Data only'/>"
	    "<target year='2025' none='Data only'/>"
	    "<actual period='q1'>3</actual></indicator>\n"
	    "<indicator id='g' unit='count' polarity='higher'><title>G</title>"
	    "<target year='2024'>1</target><actual period='q1'>1</actual></indicator>\n" TAIL,
	    &d);
	const struct pp_indicator *b = &doc->themes[0].indicators[0];
	assert_int_equal(d.n_errors, 0);
	const struct pp_ind_period *r = at(doc, 0, "q1");
	assert_null(r->target);
	assert_int_equal(r->rag, PP_RAG_NONE);
	assert_string_equal(pp_ind_no_status_text(b, r), "Baseline year");
	/* values, year to date and trends are still worked out */
	assert_true(r->has_ytd && r->ytd == 55);
	assert_int_equal(at(doc, 0, "q2")->trend_prev, PP_TREND_BETTER);
	/* the year after is judged: 59 within 2 of 60 */
	assert_int_equal(at(doc, 0, "q1-25")->rag, PP_RAG_AMBER);
	/* a period with no target of either kind (2023/24) stays unexplained */
	assert_null(at(doc, 0, "q4-23")->no_target);
	/* counted as unrated, and known to be data only */
	struct pp_status_counts n;
	pp_status_count(doc, PP_COUNT_INDICATORS, period(doc, "q1"), NULL, NULL, &n);
	assert_int_equal(n.total, 3);
	assert_int_equal(n.counts[PP_RAG_GREEN - 1], 1);
	assert_int_equal(n.unrated, 2);
	assert_int_equal(n.no_target, 2);
	pp_status_counts_fini(&n);
	done(doc, &d);
}

/* A cumulative measure judged on its year to date against a target
 * reached in equal steps (Q1 25%, Q2 50% ...), chosen per indicator. */
static void status_on_the_year_to_date(void **state)
{
	(void)state;
	struct pp_diags d;
	struct pp_doc *doc = clean(
	    HEAD THEME
	    "<indicator id='homes' unit='count' polarity='higher' ytd='sum' status-on='ytd'>"
	    "<title>H</title><target year='2024' cumulative='yes' tolerance-percent='10'>1000"
	    "</target><actual period='q1'>240</actual><actual period='q2'>200</actual>"
	    "</indicator>\n"
	    "<indicator id='q' unit='count' polarity='higher' ytd='sum'><title>Q</title>"
	    "<target year='2024' tolerance-percent='10'>250</target>"
	    "<actual period='q1'>240</actual><actual period='q2'>200</actual></indicator>\n"
	    "<indicator id='rate' unit='percent' polarity='higher' ytd='mean' status-on='ytd'>"
	    "<title>R</title><target year='2024'>80</target>"
	    "<actual period='q1'>90</actual><actual period='q2'>72</actual></indicator>\n" TAIL,
	    &d);
	/* Q1: 240 against 250 (a quarter of 1,000), within 10% of it */
	const struct pp_ind_period *r = at(doc, 0, "q1");
	assert_true(r->target->value == 250);
	assert_int_equal(r->rag, PP_RAG_AMBER);
	/* Q2: 440 to date against 500; 450 is the edge of the tolerance */
	r = at(doc, 0, "q2");
	assert_true(r->ytd == 440);
	assert_true(r->target->value == 500);
	assert_int_equal(r->rag, PP_RAG_RED);
	/* the plan's own target is left as written */
	assert_true(doc->themes[0].indicators[0].targets[0].value == 1000);
	/* the same figures judged quarter by quarter */
	assert_int_equal(at(doc, 1, "q1")->rag, PP_RAG_AMBER);
	assert_int_equal(at(doc, 1, "q2")->rag, PP_RAG_RED);
	/* a mean to date: (90 + 72) / 2 = 81 meets 80 though Q2 alone missed */
	assert_int_equal(at(doc, 2, "q2")->rag, PP_RAG_GREEN);
	done(doc, &d);
}

/* "No change" when within 1 point or 2%: the wider band of the two. */
static void no_change_band(void **state)
{
	(void)state;
	struct pp_diags d;
	struct pp_doc *doc = clean(
	    HEAD THEME
	    "<indicator id='pts' unit='percent' polarity='higher' targets='none' "
	    "no-change='1'><title>P</title><actual period='q4-23'>50</actual>"
	    "<actual period='q1'>50.9</actual><actual period='q2'>52</actual>"
	    "<actual period='q1-25'>48.9</actual></indicator>\n"
	    "<indicator id='pct' unit='count' polarity='lower' targets='none' "
	    "no-change-percent='2'><title>C</title><actual period='q4-23'>100</actual>"
	    "<actual period='q1'>102</actual><actual period='q2'>105</actual></indicator>\n"
	    "<indicator id='strict' unit='count' polarity='lower' targets='none'><title>S</title>"
	    "<actual period='q4-23'>100</actual><actual period='q1'>101</actual></indicator>\n" TAIL,
	    &d);
	const struct pp_ind_period *r = at(doc, 0, "q1");
	assert_int_equal(r->trend_prev, PP_TREND_SAME);
	assert_string_equal(pp_trend_arrow(r->trend_prev, r->move_prev), "\xe2\x86\x92");
	assert_int_equal(at(doc, 0, "q2")->trend_prev, PP_TREND_BETTER);
	/* on the same quarter a year before: 48.9 after 50.9 is beyond the band */
	assert_int_equal(at(doc, 0, "q1-25")->trend_year, PP_TREND_WORSE);
	/* 2% of 100 is 2: 102 is no change; 105 is 3% of 102 up, lower is better */
	assert_int_equal(at(doc, 1, "q1")->trend_prev, PP_TREND_SAME);
	assert_int_equal(at(doc, 1, "q2")->trend_prev, PP_TREND_WORSE);
	/* without a band any move counts */
	assert_int_equal(at(doc, 2, "q1")->trend_prev, PP_TREND_WORSE);
	done(doc, &d);
}

#define SCALE4                                                                                 \
	"<scales><scale id='bgar'>"                                                            \
	"<status id='blue' label='Exceeding target' fill='#1d4f91' text='#ffffff' "            \
	"means='exceeded'/>"                                                                   \
	"<status id='green' label='On target' fill='#00703c' text='#ffffff' means='met'/>"     \
	"<status id='amber' label='Near target' fill='#ffdd00' text='#0b0c0c' means='near'/>"  \
	"<status id='red' label='Off target' fill='#d4351c' text='#ffffff' means='missed'/>"   \
	"<status id='grey' label='No data' fill='#505a5f' text='#ffffff' means='no-data'/>"    \
	"</scale></scales>\n"

/* Blue/Green/Amber/Red with a stretch target, and Grey for no data, on a
 * council's own scale; the status is judged on the unrounded figure. */
static void four_levels_and_no_data(void **state)
{
	(void)state;
	struct pp_diags d;
	struct pp_doc *doc = clean(
	    HEAD SCALE4 THEME
	    "<indicator id='b' unit='percent' polarity='higher' scale='bgar'><title>B</title>"
	    "<target year='2024' tolerance='5' stretch='90'>85</target>"
	    "<actual period='q1'>90</actual><actual period='q2'>84.96</actual>"
	    "<target year='2023'>85</target>"
	    "<actual period='q4-23' missing='not-available'/>"
	    "<target period='q1-25'>85</target>"
	    "<actual period='q1-25' missing='not-yet-due'/></indicator>\n"
	    "<indicator id='l' unit='days' polarity='lower' scale='bgar'><title>L</title>"
	    "<target year='2024' stretch='5'>8</target><actual period='q1'>5</actual>"
	    "<actual period='q2'>5.1</actual></indicator>\n" TAIL,
	    &d);
	const struct pp_scale *sc = pp_scale_find(doc, "bgar");
	assert_ptr_equal(at(doc, 0, "q1")->status, &sc->values[0]);
	/* 84.96 prints as 85.0% but is below the target: near, not met */
	const struct pp_indicator *b = &doc->themes[0].indicators[0];
	char *s = pp_indicator_format(b, at(doc, 0, "q2")->value);
	assert_string_equal(s, "85.0%");
	free(s);
	assert_ptr_equal(at(doc, 0, "q2")->status, &sc->values[2]);
	/* not available: Grey; not yet due stays unrated */
	assert_ptr_equal(at(doc, 0, "q4-23")->status, &sc->values[4]);
	assert_null(at(doc, 0, "q1-25")->status);
	/* lower is better: at or below the stretch of 5 exceeds */
	assert_ptr_equal(at(doc, 1, "q1")->status, &sc->values[0]);
	assert_ptr_equal(at(doc, 1, "q2")->status, &sc->values[1]);
	/* the count has a value for each level */
	struct pp_status_counts n;
	pp_status_count(doc, PP_COUNT_INDICATORS, period(doc, "q2"), NULL, sc, &n);
	assert_int_equal(n.counts[1], 1);
	assert_int_equal(n.counts[2], 1);
	pp_status_counts_fini(&n);
	done(doc, &d);
}

/* A monthly indicator in a quarterly report: each quarter with nothing
 * written shows its latest month with a figure, and that month's year to
 * date; a quarter's own figure or reason wins. */
static void monthly_figures_in_a_quarterly_report(void **state)
{
	(void)state;
	struct pp_diags d;
	struct pp_doc *doc = clean(
	    "<plan xmlns='urn:planpress:plan:1'>\n"
	    "<facts><organisation>O</organisation><title>T</title></facts>\n"
	    "<periods><quarter id='q1' year='2024' q='1'/><quarter id='q2' year='2024' q='2'/>"
	    "<quarter id='q3' year='2024' q='3'/><quarter id='q4' year='2024' q='4'/>"
	    "<span id='apr' label='Apr' start='2024-04-01' end='2024-04-30'/>"
	    "<span id='may' label='May' start='2024-05-01' end='2024-05-31'/>"
	    "<span id='jul' label='Jul' start='2024-07-01' end='2024-07-31'/>"
	    "<span id='aug' label='Aug' start='2024-08-01' end='2024-08-31'/>"
	    "<span id='sep' label='Sep' start='2024-09-01' end='2024-09-30'/>"
	    "<span id='jan' label='Jan' start='2025-01-01' end='2025-01-31'/>"
	    "</periods>\n" THEME
	    "<indicator id='m' unit='count' polarity='higher' ytd='sum' frequency='Monthly'>"
	    "<title>M</title><target year='2024' tolerance='5'>100</target>"
	    "<actual period='may'>110</actual><actual period='apr'>90</actual>"
	    "<actual period='jul'>80</actual><actual period='aug'>97</actual>"
	    "<actual period='sep' missing='not-yet-due'/>"
	    "<actual period='q3'>1</actual><actual period='jan'>5</actual>"
	    "<actual period='q4' missing='not-available'/></indicator>\n"
	    "<indicator id='n' unit='count' polarity='higher' targets='none'>"
	    "<title>N</title><actual period='may'>7</actual></indicator>\n" TAIL,
	    &d);
	/* Q1: May (the latest with a figure), its year to date 200 */
	const struct pp_ind_period *r = at(doc, 0, "q1");
	assert_true(r->has_value && r->value == 110);
	assert_ptr_equal(r->as_at, period(doc, "may"));
	assert_true(r->ytd == 200);
	assert_int_equal(r->rag, PP_RAG_GREEN);
	/* Q2: September not yet due, so August: 97 within 5 of 100 */
	r = at(doc, 0, "q2");
	assert_true(r->value == 97 && r->ytd == 377);
	assert_int_equal(r->rag, PP_RAG_AMBER);
	assert_int_equal(r->trend_prev, PP_TREND_WORSE);
	/* the quarter's own figure, or its reason, wins */
	assert_true(at(doc, 0, "q3")->value == 1);
	assert_null(at(doc, 0, "q3")->as_at);
	assert_false(at(doc, 0, "q4")->has_value);
	/* only an indicator that says it is monthly */
	assert_false(at(doc, 1, "q1")->has_value);
	done(doc, &d);
}

/* "Green: on or within 10% of target; Amber: more than 10% off but
 * improved or maintained on the same quarter last year; Red: more than
 * 10% off and not improved": one status for two results, and a missed
 * figure told apart by its trend on last year. */
static void amber_by_direction_of_travel(void **state)
{
	(void)state;
	struct pp_diags d;
	struct pp_doc *doc = clean(
	    HEAD
	    "<scales><scale id='dot'>"
	    "<status id='g' label='Green' fill='#00703c' text='#ffffff' means='met near'/>"
	    "<status id='a' label='Amber' fill='#ffdd00' text='#0b0c0c' means='missed-improving'/>"
	    "<status id='r' label='Red' fill='#d4351c' text='#ffffff' means='missed'/>"
	    "</scale></scales>\n" THEME
	    "<indicator id='i' unit='count' polarity='higher' scale='dot'><title>I</title>"
	    "<target year='2024' tolerance-percent='10'>100</target>"
	    "<target year='2025' tolerance-percent='10'>100</target>"
	    "<actual period='q1'>80</actual><actual period='q2'>95</actual>"
	    "<actual period='q1-25'>85</actual></indicator>\n"
	    "<indicator id='j' unit='count' polarity='higher' scale='dot'><title>J</title>"
	    "<target year='2024'>100</target><target year='2025'>100</target>"
	    "<actual period='q1'>90</actual><actual period='q1-25'>85</actual>"
	    "<override period='q1-25' status='g'>Agreed</override></indicator>\n" TAIL,
	    &d);
	const struct pp_scale *sc = pp_scale_find(doc, "dot");
	/* 95 is within 10% of 100: near, and green */
	assert_ptr_equal(at(doc, 0, "q2")->status, &sc->values[0]);
	/* 85 is more than 10% off, but up on Q1 last year's 80: amber */
	assert_ptr_equal(at(doc, 0, "q1-25")->status, &sc->values[1]);
	assert_int_equal(at(doc, 0, "q1-25")->meets, PP_MEETS_MISSED_IMPROVING);
	/* 80 with nothing a year before to improve on: red */
	assert_ptr_equal(at(doc, 0, "q1")->status, &sc->values[2]);
	/* down on last year's 90: red, unless an officer says otherwise */
	assert_int_equal(at(doc, 1, "q1-25")->meets, PP_MEETS_MISSED);
	assert_ptr_equal(at(doc, 1, "q1-25")->status, &sc->values[0]);
	done(doc, &d);
	ONE(HEAD "<scales><scale id='dot'>"
	         "<status id='g' label='Green' fill='#00703c' text='#ffffff' means='met nearby'/>"
	         "</scale></scales>\n" THEME "</theme><theme id='u' title='U'>" TAIL,
	    PP_MSG_BAD_MEANS, 4, 25);
}

/* The combinations that mean nothing, each located at its element. */
static void council_rules_are_checked(void **state)
{
	(void)state;
	ONE(HEAD THEME "<indicator id='a' unit='number' polarity='higher'><title>A</title>\n"
	               "<target year='2024' tolerance='1' tolerance-percent='5'>50</target>"
	               "</indicator>" TAIL,
	    PP_MSG_IND_TARGET_RULE, 6, 1);
	ONE(HEAD THEME "<indicator id='a' unit='number' polarity='lower'><title>A</title>\n"
	               "<target year='2024' tolerance-percent='5'>0</target></indicator>" TAIL,
	    PP_MSG_IND_TARGET_RULE, 6, 1);
	ONE(HEAD THEME "<indicator id='a' unit='number' polarity='higher'><title>A</title>\n"
	               "<target year='2024' tolerance-percent='-5'>10</target></indicator>" TAIL,
	    PP_MSG_IND_BAD_NUMBER, 6, 1);
	/* cumulative needs status-on="ytd", and a year's target */
	ONE(HEAD THEME "<indicator id='a' unit='count' polarity='higher' ytd='sum'>"
	               "<title>A</title>\n"
	               "<target year='2024' cumulative='yes'>100</target></indicator>" TAIL,
	    PP_MSG_IND_TARGET_RULE, 6, 1);
	ONE(HEAD THEME "<indicator id='a' unit='count' polarity='higher' ytd='sum' "
	               "status-on='ytd'><title>A</title>\n"
	               "<target period='q1' cumulative='yes'>100</target></indicator>" TAIL,
	    PP_MSG_IND_TARGET_RULE, 6, 1);
	ONE(HEAD THEME "<indicator id='a' unit='count' polarity='higher' status-on='ytd'>"
	               "<title>A</title>\n</indicator>" TAIL,
	    PP_MSG_IND_RULE, 5, 1);
	/* none="..." has no figure */
	ONE(HEAD THEME "<indicator id='a' unit='count' polarity='higher'><title>A</title>\n"
	               "<target year='2024' none='Data only'>5</target></indicator>" TAIL,
	    PP_MSG_IND_TARGET_RULE, 6, 1);
	/* a stretch needs means="exceeded", and lies beyond the target */
	ONE(HEAD THEME "<indicator id='a' unit='count' polarity='higher'><title>A</title>\n"
	               "<target year='2024' stretch='9'>5</target></indicator>" TAIL,
	    PP_MSG_IND_TARGET_RULE, 6, 1);
	ONE(HEAD SCALE4 THEME "<indicator id='a' unit='count' polarity='higher' scale='bgar'>"
	                      "<title>A</title>\n"
	                      "<target year='2024' stretch='4'>5</target></indicator>" TAIL,
	    PP_MSG_IND_TARGET_RULE, 7, 1);
	ONE(HEAD THEME "<indicator id='a' unit='count' polarity='higher' no-change='-1'>"
	               "<title>A</title>\n</indicator>" TAIL,
	    PP_MSG_IND_BAD_NUMBER, 5, 1);
	ONE(HEAD THEME "<indicator id='a' unit='count' polarity='higher' ytd='sum' "
	               "status-on='ytd'><title>A</title>\n"
	               "<target year='2024' cumulative='quarterly'>100</target></indicator>" TAIL,
	    PP_MSG_IND_BAD_ATTR, 6, 1);
	ONE(HEAD THEME "<indicator id='a' unit='count' polarity='higher' status-on='quarter'>"
	               "<title>A</title>\n</indicator>" TAIL,
	    PP_MSG_IND_BAD_ATTR, 5, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(status_by_polarity_and_tolerance),
	    cmocka_unit_test(scale_means_and_override),
	    cmocka_unit_test(year_to_date_by_rule_within_the_year),
	    cmocka_unit_test(trends_honour_polarity),
	    cmocka_unit_test(not_available_is_never_a_zero),
	    cmocka_unit_test(counts_per_status),
	    cmocka_unit_test(spans_link_to_their_neighbours),
	    cmocka_unit_test(annual_trend_is_on_last_years_outturn),
	    cmocka_unit_test(quarterly_trend_is_on_the_same_quarter),
	    cmocka_unit_test(too_many_indicator_periods),
	    cmocka_unit_test(figures_print_by_unit),
	    cmocka_unit_test(bad_figures_are_named),
	    cmocka_unit_test(bad_input_is_located),
	    cmocka_unit_test(tolerance_as_a_percentage_of_the_target),
	    cmocka_unit_test(no_target_by_design),
	    cmocka_unit_test(status_on_the_year_to_date),
	    cmocka_unit_test(no_change_band),
	    cmocka_unit_test(four_levels_and_no_data),
	    cmocka_unit_test(monthly_figures_in_a_quarterly_report),
	    cmocka_unit_test(amber_by_direction_of_travel),
	    cmocka_unit_test(council_rules_are_checked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
