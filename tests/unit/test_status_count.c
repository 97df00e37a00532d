/* SPDX-License-Identifier: MIT */
/*
 * test_status_count.c - pp_status_count counts priorities by their update
 * and actions by their outcome line for a period, per theme or overall, in
 * the RAG scale or a declared one; pp_percentages gives whole shares that
 * add up to 100 by the largest remainder. The checker refuses chart data
 * a chart's type cannot draw and a summary's scale its items are not
 * rated on.
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
	"<periods><quarter id='q1' year='2024' q='1'/><quarter id='q2' year='2024' q='2'/>"    \
	"</periods>\n"
#define DOCS "<documents><document id='d' output='d'/></documents>\n"

static struct pp_doc *load(const char *xml)
{
	struct pp_diags d;
	pp_diags_init(&d, stderr);
	struct pp_doc *doc = pp_test_load(xml, &d);
	assert_non_null(doc);
	pp_diags_fini(&d);
	return doc;
}

static const char rag_plan[] =
    HEAD "<themes>\n"
         "<theme id='a' title='A'>\n"
         " <priority id='p1'><title>1</title><update period='q1' rag='GREEN'/>"
         "<update period='q2' rag='RED'/></priority>\n"
         " <priority id='p2'><title>2</title><update period='q1' rag='Amber'/></priority>\n"
         " <priority id='p3'><title>3</title>"
         "  <action><text><p>x</p></text><line rag='RED' period='q1'/><line rag='GREEN' "
         "period='q2'/></action>"
         "  <action><text><p>y</p></text><line rag='AMBER'/></action>"
         "  <action><text><p>z</p></text></action>"
         "  <update period='q1' rag='GREEN'/></priority>\n"
         "</theme>\n"
         "<theme id='b' title='B'>\n"
         " <priority id='p4'><title>4</title><update period='q2' rag='GREEN'/></priority>\n"
         "</theme>\n"
         "</themes>\n" DOCS "</plan>\n";

static size_t rag_count(const struct pp_status_counts *n, enum pp_rag r)
{
	return n->counts[r - 1];
}

static void test_priorities_by_period_and_theme(void **state)
{
	(void)state;
	struct pp_doc *doc = load(rag_plan);
	const struct pp_period *q1 = &doc->periods[0], *q2 = &doc->periods[1];
	struct pp_status_counts n;
	pp_status_count(doc, PP_COUNT_PRIORITIES, q1, NULL, NULL, &n);
	assert_int_equal(n.n_values, PP_STATUS_RAG_N);
	assert_int_equal(rag_count(&n, PP_RAG_GREEN), 2);
	assert_int_equal(rag_count(&n, PP_RAG_AMBER), 1);
	assert_int_equal(rag_count(&n, PP_RAG_RED), 0);
	assert_int_equal(n.unrated, 1); /* p4 has no Q1 update */
	assert_int_equal(n.total, 4);
	assert_string_equal(pp_status_counts_label(&n, 0), "GREEN");
	pp_status_counts_fini(&n);

	pp_status_count(doc, PP_COUNT_PRIORITIES, q2, &doc->themes[0], NULL, &n);
	assert_int_equal(rag_count(&n, PP_RAG_RED), 1);
	assert_int_equal(rag_count(&n, PP_RAG_GREEN), 0);
	assert_int_equal(n.unrated, 2);
	assert_int_equal(n.total, 3);
	pp_status_counts_fini(&n);

	/* no period: each priority's last rated update */
	pp_status_count(doc, PP_COUNT_PRIORITIES, NULL, NULL, NULL, &n);
	assert_int_equal(rag_count(&n, PP_RAG_GREEN), 2); /* p3, p4 */
	assert_int_equal(rag_count(&n, PP_RAG_RED), 1);   /* p1's Q2 */
	assert_int_equal(rag_count(&n, PP_RAG_AMBER), 1);
	assert_int_equal(n.unrated, 0);
	pp_status_counts_fini(&n);
	pp_doc_free(doc);
}

static void test_actions_by_line(void **state)
{
	(void)state;
	struct pp_doc *doc = load(rag_plan);
	struct pp_status_counts n;
	pp_status_count(doc, PP_COUNT_ACTIONS, &doc->periods[0], NULL, NULL, &n);
	/* x: its Q1 line RED; y: an undated line, AMBER whatever the period;
	 * z: no line, unrated */
	assert_int_equal(rag_count(&n, PP_RAG_RED), 1);
	assert_int_equal(rag_count(&n, PP_RAG_AMBER), 1);
	assert_int_equal(n.unrated, 1);
	assert_int_equal(n.total, 3);
	pp_status_counts_fini(&n);
	pp_status_count(doc, PP_COUNT_ACTIONS, &doc->periods[1], NULL, NULL, &n);
	assert_int_equal(rag_count(&n, PP_RAG_GREEN), 1);
	assert_int_equal(rag_count(&n, PP_RAG_RED), 0);
	pp_status_counts_fini(&n);
	pp_doc_free(doc);
}

static void test_declared_scale(void **state)
{
	(void)state;
	struct pp_doc *doc = load(
	    HEAD "<scales><scale id='del' for='update'>"
	         "<status id='on' label='On target' fill='#00703c' text='#ffffff'/>"
	         "<status id='behind' label='Behind target' fill='#ffdd00' text='#0b0c0c'/>"
	         "</scale></scales>\n"
	         "<themes><theme id='a' title='A'>\n"
	         " <priority id='p1'><title>1</title><update period='q1' "
	         "status='behind'/></priority>\n"
	         " <priority id='p2'><title>2</title><update period='q1' status='On "
	         "target'/></priority>\n"
	         " <priority id='p3'><title>3</title><update period='q1' "
	         "status='behind'/></priority>\n"
	         "</theme></themes>\n" DOCS "</plan>\n");
	struct pp_status_counts n;
	pp_status_count(doc, PP_COUNT_PRIORITIES, &doc->periods[0], NULL, doc->update_scale,
	                &n);
	assert_int_equal(n.n_values, 2);
	assert_int_equal(n.counts[0], 1);
	assert_int_equal(n.counts[1], 2);
	assert_string_equal(pp_status_counts_label(&n, 1), "Behind target");
	pp_status_counts_fini(&n);
	/* counted on RAG, statuses of another scale are unrated */
	pp_status_count(doc, PP_COUNT_PRIORITIES, &doc->periods[0], NULL, NULL, &n);
	assert_int_equal(n.unrated, 3);
	pp_status_counts_fini(&n);
	pp_doc_free(doc);
}

static void expect_pct(const double *v, size_t n, const unsigned *want)
{
	unsigned got[8];
	pp_percentages(v, n, got);
	unsigned sum = 0;
	for (size_t i = 0; i < n; i++) {
		if (got[i] != want[i])
			fprintf(stderr, "value %zu: %u%%, expected %u%%\n", i, got[i], want[i]);
		assert_int_equal(got[i], want[i]);
		sum += got[i];
	}
	double total = 0;
	for (size_t i = 0; i < n; i++)
		total += v[i] > 0 ? v[i] : 0;
	assert_int_equal(sum, total > 0 ? 100 : 0);
}

static void test_percentages_add_to_100(void **state)
{
	(void)state;
	/* the pack's front page: 21, 21, 7 of 49 */
	expect_pct((const double[]){21, 21, 7}, 3, (const unsigned[]){43, 43, 14});
	/* thirds: the tie goes to the first */
	expect_pct((const double[]){1, 1, 1}, 3, (const unsigned[]){34, 33, 33});
	/* rounding each would give 101 (17+17+67); the largest remainders win */
	expect_pct((const double[]){1, 1, 4}, 3, (const unsigned[]){17, 17, 66});
	/* a zero stays 0, however small the others' shares */
	expect_pct((const double[]){0, 1, 199}, 3, (const unsigned[]){0, 1, 99});
	expect_pct((const double[]){0, 0, 0}, 3, (const unsigned[]){0, 0, 0});
	expect_pct((const double[]){7}, 1, (const unsigned[]){100});
	/* seven equal shares: 14 each and two extra points, to the first two */
	expect_pct((const double[]){1, 1, 1, 1, 1, 1, 1}, 7,
	           (const unsigned[]){15, 15, 14, 14, 14, 14, 14});
}

/* The checker's refusals, each a located error. */
static void expect_error(const char *xml, enum pp_msg id, unsigned line, const char *text)
{
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	struct pp_doc *doc = pp_parse_memory(xml, strlen(xml), "t.xml", &d);
	assert_non_null(doc);
	assert_int_not_equal(pp_check_doc(doc, &d), 0);
	assert_int_equal(pp_diags_count(&d, id), 1);
	size_t i = 0;
	while (d.entries[i].id != id)
		i++;
	if (!strstr(d.entries[i].text, text))
		fprintf(stderr, "got: %s\n", d.entries[i].text);
	assert_non_null(strstr(d.entries[i].text, text));
	assert_int_equal(d.entries[i].loc.line, line);
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

#define CHART_DOC(body)                                                                        \
	HEAD "<documents><document id='d' output='d'>\n" body "</document></documents></"      \
	                                                      "plan>\n"

static void test_chart_data_refused(void **state)
{
	(void)state;
	expect_error(CHART_DOC("<chart type='pie' title='P'>\n"
	                       "<series name='a'><point x='x' y='1'/></series>\n"
	                       "<series name='b'><point x='x' y='2'/></series></chart>\n"),
	             PP_MSG_CHART_DATA, 5,
	             "pie chart \"P\": a pie chart shows one series of shares, not 2");
	expect_error(
	    CHART_DOC("<chart type='donut' title='D'><series name='a'>\n"
	              "<point x='x' y='1'/>\n<point x='y' y='-3'/></series></chart>\n"),
	    PP_MSG_CHART_DATA, 7, "a share cannot be negative, but \"y\" is -3");
	expect_error(CHART_DOC("<chart type='stacked-bar' title='S'>\n"
	                       "<series target='yes'><point x='x' y='1'/></series></chart>\n"),
	             PP_MSG_CHART_DATA, 5, "only a line or bar chart has a target series");
	expect_error(CHART_DOC("<chart type='line' title='L'>\n"
	                       "<series><point x='x' y='1'/></series></chart>\n"),
	             PP_MSG_CHART_DATA, 5, "a series needs a name");
	expect_error(CHART_DOC("<chart type='line' title='L'><series name='a'>\n"
	                       "<point x='x' y='1' status='Purple'/></series></chart>\n"),
	             PP_MSG_BAD_RAG, 6, "Purple");
	expect_error(CHART_DOC("<status-summary of='priorities' scale='rag'/>\n"
	                       "<status-summary of='priorities' scale='nope'/>\n"),
	             PP_MSG_UNKNOWN_SCALE, 6, "nope");
	expect_error(
	    HEAD "<scales><scale id='del' for='update'>"
	         "<status id='on' label='On' fill='#00703c' text='#ffffff'/></scale></scales>\n"
	         "<documents><document id='d' output='d'>\n"
	         "<status-summary of='priorities' scale='rag'/>\n"
	         "</document></documents></plan>\n",
	    PP_MSG_SUMMARY_SCALE, 6, "rated on scale \"del\", not \"rag\"");
}

/* A target series may leave out its name: it is "Target". */
static void test_target_named(void **state)
{
	(void)state;
	struct pp_doc *doc = load(
	    CHART_DOC("<chart type='line' title='L'>\n"
	              "<series name='Actual'><point x='Q1' y='3' status='green'/></series>\n"
	              "<series target='yes'><point x='Q1' y='4'/></series></chart>\n"));
	const struct pp_chart *c = &doc->documents[0].views[0].u.blocks.items[0].u.chart;
	assert_int_equal(c->n_series, 2);
	assert_true(c->series[1].target);
	assert_string_equal(c->series[1].name, "Target");
	assert_int_equal(c->series[0].points[0].rag, PP_RAG_GREEN);
	pp_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_priorities_by_period_and_theme),
	    cmocka_unit_test(test_actions_by_line),
	    cmocka_unit_test(test_declared_scale),
	    cmocka_unit_test(test_percentages_add_to_100),
	    cmocka_unit_test(test_chart_data_refused),
	    cmocka_unit_test(test_target_named),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
