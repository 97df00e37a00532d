/* SPDX-License-Identifier: MIT */
/* test_model.c - ratings, fields, link codes, ref order and the model dump. */
#include <errno.h>
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

static void rag_accepts_council_spellings(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		enum pp_rag rag;
	} cases[] = {
		{"GREEN", PP_RAG_GREEN},	 {"green", PP_RAG_GREEN},
		{" Green ", PP_RAG_GREEN},	 {"AMBER/GREEN", PP_RAG_AMBER_GREEN},
		{"Amber / Green", PP_RAG_AMBER_GREEN}, {"amber/ green", PP_RAG_AMBER_GREEN},
		{"AMBER", PP_RAG_AMBER},	 {"Red", PP_RAG_RED},
		{"complete", PP_RAG_COMPLETE}, {"N/A", PP_RAG_NA},
		{"n / a", PP_RAG_NA},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		enum pp_rag r = PP_RAG_NONE;
		assert_int_equal(pp_rag_from_string(cases[i].text, &r), 0);
		assert_int_equal(r, cases[i].rag);
	}
}

static void rag_rejects_unknown_words(void **state)
{
	(void)state;
	static const char *const bad[] = {"NA", "AMBER GREEN", "", "AMBR", "GREEN/", "/", "REDD"};
	enum pp_rag r = PP_RAG_GREEN;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(pp_rag_from_string(bad[i], &r), -1);
	assert_int_equal(pp_rag_from_string(NULL, &r), -1);
	assert_int_equal(r, PP_RAG_GREEN); /* untouched on failure */
}

static void rag_words_round_trip(void **state)
{
	(void)state;
	assert_string_equal(pp_rag_word(PP_RAG_NONE), "");
	assert_string_equal(pp_rag_word(PP_RAG_AMBER_GREEN), "AMBER/GREEN");
	assert_string_equal(pp_rag_word(PP_RAG_NA), "N/A");
	for (int i = PP_RAG_GREEN; i <= PP_RAG_NA; i++) {
		enum pp_rag r;
		assert_int_equal(pp_rag_from_string(pp_rag_word((enum pp_rag)i), &r), 0);
		assert_int_equal(r, i);
	}
}

static void fields_have_names_and_levels(void **state)
{
	(void)state;
	enum pp_field f;
	assert_int_equal(pp_field_from_string("ref-link", &f), 0);
	assert_int_equal(f, PP_FIELD_REF_LINK);
	assert_string_equal(pp_field_name(PP_FIELD_LINE_RAG), "line-rag");
	assert_int_equal(pp_field_level(PP_FIELD_THEME), PP_LEVEL_THEME);
	assert_int_equal(pp_field_level(PP_FIELD_COMMENTARY), PP_LEVEL_PRIORITY);
	assert_int_equal(pp_field_level(PP_FIELD_ACTION_LEADS), PP_LEVEL_ACTION);
	assert_int_equal(pp_field_level(PP_FIELD_IMPACT), PP_LEVEL_LINE);
	assert_int_equal(pp_field_from_string("Ref", &f), -1);
	assert_int_equal(pp_field_from_string(NULL, &f), -1);
	for (int i = PP_FIELD_THEME; i <= PP_FIELD_LEAD; i++) {
		assert_int_equal(pp_field_from_string(pp_field_name((enum pp_field)i), &f), 0);
		assert_int_equal(f, i);
	}
}

/* A plan whose priorities align to outcomes 1-6 and action groups a-g. */
static const char link_plan_head[] =
	"<plan xmlns='urn:planpress:plan:1'><facts><organisation>O</organisation>"
	"<title>T</title></facts><framework>"
	"<group id='outcomes' label='Outcomes'>"
	"<item id='o1' code='1'>1</item><item id='o2' code='2'>2</item>"
	"<item id='o3' code='3'>3</item><item id='o4' code='4'>4</item>"
	"<item id='o5' code='5'>5</item><item id='o6' code='6'>6</item></group>"
	"<group id='vag' label='VAG' ref-case='upper'>"
	"<item id='a' code='a'>a</item><item id='b' code='b'>b</item>"
	"<item id='c' code='c'>c</item><item id='d' code='d'>d</item>"
	"<item id='e' code='e'>e</item><item id='f' code='f'>f</item>"
	"<item id='g' code='g'>g</item></group>"
	"<group id='plain' label='No codes'><item id='x'>x</item></group>"
	"</framework><themes><theme id='t' title='T'>";
static const char link_plan_tail[] =
	"</theme></themes><documents><document id='d' output='d'/></documents></plan>";

static char *link_for(const char *align_to)
{
	char *xml = NULL;
	size_t n = strlen(link_plan_head) + strlen(link_plan_tail) + strlen(align_to) + 128;
	xml = malloc(n);
	snprintf(xml, n, "%s<priority id='p'><title>P</title><align to='%s'/></priority>%s",
		 link_plan_head, align_to, link_plan_tail);
	struct pp_diags d;
	pp_diags_init(&d, stderr);
	struct pp_doc *doc = pp_test_load(xml, &d);
	free(xml);
	assert_non_null(doc);
	char *link = pp_priority_link(doc, &doc->themes[0].priorities[0]);
	pp_doc_free(doc);
	pp_diags_fini(&d);
	return link;
}

static void expect_link(const char *align_to, const char *expected)
{
	char *link = link_for(align_to);
	assert_string_equal(link, expected);
	free(link);
}

static void link_collapses_runs_of_three(void **state)
{
	(void)state;
	expect_link("o1 o2 o3 o4 o5 o6 a c", "1-6 A, C");
	expect_link("o1 o2 o3 g", "1-3 G");
	expect_link("o1 o2 o3 o5 e f g", "1-3,5 E, F, G");
}

/* Action groups are listed ("A, B, C, D"); only all of them collapse,
 * spaced as the council prints it ("6 A - G"). */
static void link_collapses_letters_only_when_whole(void **state)
{
	(void)state;
	expect_link("o1 o2 o3 o4 o5 o6 a b c d", "1-6 A, B, C, D");
	expect_link("o6 a b c d e f g", "6 A - G");
}

static void link_lists_short_runs(void **state)
{
	(void)state;
	expect_link("o4 o5 b e", "4,5 B, E");
	expect_link("o5 o6 a b", "5,6 A, B");
	expect_link("o1 d", "1 D");
}

static void link_uses_leaf_order_and_skips_codeless(void **state)
{
	(void)state;
	/* written out of order; sorted by the framework's order */
	expect_link("c o2 a o1 x", "1,2 A, C");
	expect_link("x", "");
	expect_link("e", "E");
}

static void ref_compare_is_natural(void **state)
{
	(void)state;
	assert_true(pp_ref_compare("CO2", "CO10") < 0);
	assert_true(pp_ref_compare("CO10", "CO9") > 0);
	assert_int_equal(pp_ref_compare("co1", "CO1"), 0);
	assert_true(pp_ref_compare("CO1", "DP1") < 0);
	assert_true(pp_ref_compare("CO01", "CO2") < 0);
	assert_true(pp_ref_compare("CO1", NULL) < 0);
	assert_true(pp_ref_compare(NULL, "CO1") > 0);
	assert_true(pp_ref_compare("CO", "CO1") < 0);
}

static void inline_text_flattens_breaks(void **state)
{
	(void)state;
	struct pp_span spans[] = {
		{.text = (char *)"Director ", .flags = 0},
		{.text = (char *)"of People", .flags = PP_SPAN_BOLD},
		{.text = (char *)"", .flags = PP_SPAN_BREAK},
		{.text = (char *)"Deputy", .flags = 0},
	};
	struct pp_inline in = {spans, 4};
	char *s = pp_inline_text(&in);
	assert_string_equal(s, "Director of People\nDeputy");
	free(s);
	struct pp_inline empty = {NULL, 0};
	s = pp_inline_text(&empty);
	assert_string_equal(s, "");
	free(s);
}

static void priority_update_finds_the_period(void **state)
{
	(void)state;
	struct pp_diags d;
	pp_diags_init(&d, stderr);
	struct pp_doc *doc = pp_test_load(
		"<plan xmlns='urn:planpress:plan:1'><facts><organisation>O</organisation>"
		"<title>T</title></facts><periods><quarter id='q1' year='2020' q='1'/>"
		"<quarter id='q2' year='2020' q='2'/><quarter id='q3' year='2020' q='3'/></periods>"
		"<themes><theme id='t' title='T'><priority id='p'><title>P</title>"
		"<update period='q2' rag='RED'/><update period='q1' rag='GREEN'/></priority>"
		"</theme></themes><documents><document id='d' output='d'/></documents></plan>",
		&d);
	assert_non_null(doc);
	const struct pp_priority *p = &doc->themes[0].priorities[0];
	const struct pp_update *u = pp_priority_update(p, &doc->periods[0]);
	assert_non_null(u);
	assert_int_equal(u->rag, PP_RAG_GREEN);
	u = pp_priority_update(p, &doc->periods[1]);
	assert_non_null(u);
	assert_int_equal(u->rag, PP_RAG_RED);
	assert_null(pp_priority_update(p, &doc->periods[2]));
	assert_null(pp_priority_update(p, NULL));
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

/* What was written to the temporary file `f` (closed here), as a string
 * the caller frees. */
static char *printed(FILE *f)
{
	long n = ftell(f);
	rewind(f);
	char *s = malloc((size_t)n + 1);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}

static void diags_print_values_safely(void **state)
{
	(void)state;
	FILE *f = tmpfile();
	assert_non_null(f);
	struct pp_diags d;
	pp_diags_init(&d, f);
	struct pp_loc at = {"a\nb.xml", 3, 7};
	/* A line break, an escape and a right-to-left override in a quoted value. */
	pp_diagf(&d, PP_MSG_BAD_OUTPUT, &at, "x\ny.xml:1:1: error: forged\x1b[2J\xe2\x80\xae" "abc");
	pp_diagf(&d, PP_MSG_UNKNOWN_THEME, NULL, "\xe2\x81\xa7\xd8\x9c\t");
	char *s = printed(f);
	assert_string_equal(s, "a\\nb.xml:3:7: error: output name "
			       "\"x\\ny.xml:1:1: error: forged\\x1B[2J<U+202E>abc\" must be a plain "
			       "file name (letters, digits, '-', '_', '.')\n"
			       "planpress: error: unknown theme \"<U+2067><U+061C>\\t\"\n");
	/* Reasons read as part of a sentence. */
	assert_string_equal(pp_errno_text(ENOENT), "no such file or directory");
	assert_string_equal(pp_errno_text(ENOTDIR), "not a directory");
	/* What is kept for tests is the value as given. */
	assert_non_null(strstr(d.entries[0].text, "x\ny.xml"));
	free(s);
	pp_diags_fini(&d);
}

static void diags_give_a_warning_once(void **state)
{
	(void)state;
	FILE *f = tmpfile();
	assert_non_null(f);
	struct pp_diags d;
	pp_diags_init(&d, f);
	struct pp_loc logo = {"tpl.xml", 4, 9}, other = {"tpl.xml", 5, 9};
	/* A template is loaded once per document: its warning prints once. */
	for (int i = 0; i < 3; i++)
		pp_diagf(&d, PP_MSG_TEMPLATE_IMAGE, &logo, "crest.png", "no such file or directory");
	pp_diagf(&d, PP_MSG_TEMPLATE_IMAGE, &other, "crest.png", "no such file or directory");
	/* Notes follow their error, so each error keeps its note. */
	for (int i = 0; i < 2; i++) {
		pp_diagf(&d, PP_MSG_DUP_ID, &other, "main");
		pp_diagf(&d, PP_MSG_DUP_ID_PREV, &logo, "main");
	}
	assert_int_equal(d.n_warnings, 2);
	assert_int_equal(d.n_errors, 2);
	assert_int_equal(d.n_entries, 6);
	char *s = printed(f);
	size_t lines = 0;
	for (const char *c = s; *c; c++)
		lines += *c == '\n';
	assert_int_equal(lines, 6);
	free(s);
	pp_diags_fini(&d);
}

static char *dump_to_string(const struct pp_doc *doc)
{
	FILE *f = tmpfile();
	assert_non_null(f);
	pp_model_dump(doc, f);
	return printed(f);
}

static void dump_is_stable_and_complete(void **state)
{
	(void)state;
	struct pp_diags d;
	pp_diags_init(&d, stderr);
	struct pp_doc *doc = pp_test_load(
		"<plan xmlns='urn:planpress:plan:1' template='bolton'>\n"
		"<facts><organisation>Bolton Council</organisation><title>Plan</title></facts>\n"
		"<periods><quarter id='q1' year='2020' q='1'/></periods>\n"
		"<framework><group id='g' label='G'><item id='o1' code='1'>Start Well</item>"
		"</group></framework>\n"
		"<themes><theme id='t' title='Theme'>\n"
		"<priority id='p' ref='CO1'><title>Do <b>it</b></title><align to='o1'/>\n"
		"<update period='q1' rag='amber / green'><commentary>Said \"so\"</commentary>"
		"</update></priority></theme></themes>\n"
		"<documents><document id='d' output='out'><priority-table period='q1'>"
		"<column field='ref-link' width='10%'>Ref</column></priority-table>"
		"</document></documents></plan>\n",
		&d);
	assert_non_null(doc);
	char *a = dump_to_string(doc);
	char *b = dump_to_string(doc);
	assert_string_equal(a, b);
	assert_string_equal(a,
			    "plan template=\"bolton\" lang=\"en-GB\"\n"
			    "  facts\n"
			    "    organisation \"Bolton Council\"\n"
			    "    title \"Plan\"\n"
			    "  periods\n"
			    "    quarter id=\"q1\" label=\"Quarter 1 20/21\" start=2020-04-01 "
			    "end=2020-06-30 @3:10\n"
			    "  framework\n"
			    "    group id=\"g\" label=\"G\" @4:12\n"
			    "      item #0 id=\"o1\" code=\"1\" label=\"Start Well\" @4:36\n"
			    "  themes\n"
			    "    theme id=\"t\" title=\"Theme\" @5:9\n"
			    "      priority id=\"p\" ref=\"CO1\" link=\"1\" @6:1\n"
			    "        title \"Do \" b:\"it\"\n"
			    "        align o1\n"
			    "        update period=\"q1\" rag=\"AMBER/GREEN\" @7:1\n"
			    "          commentary\n"
			    "            p \"Said \\\"so\\\"\"\n"
			    "  documents\n"
			    "    document id=\"d\" output=\"out\" page=A4 orientation=portrait "
			    "formats=pdf @8:12\n"
			    "      priority-table order=theme period=\"q1\" @8:42\n"
			    "        column field=\"ref-link\" width=\"10%\" @8:70\n"
			    "          header \"Ref\"\n");
	free(a);
	free(b);
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

/* A running pattern's length: fields filled in with the facts, {page}
 * and {pages} as PP_RUNNING_NUMBER digits, unknown fields as written,
 * characters not bytes, and the longer of written and filled in. */
static void running_length_fills_fields(void **state)
{
	(void)state;
	struct pp_facts f = { 0 };
	f.title = (char *)"Plan";			     /* 4 */
	f.organisation = (char *)"Cyngor Sir Ynys M\xc3\xb4n"; /* 19 characters, 20 bytes */
	assert_int_equal(pp_running_length(&f, NULL, 1000), 0);
	assert_int_equal(pp_running_length(&f, "{title} \xe2\x80\x93 {organisation}", 1000),
			 4 + 3 + 19);
	/* as written ("{title}|{page}" is 14) against filled in (4 + 10) */
	assert_int_equal(pp_running_length(&f, "{title}|{page}", 1000), 14);
	assert_int_equal(pp_running_length(&f, "{title}|{page}{page}", 1000), 4 + 20);
	assert_int_equal(pp_running_length(&f, "{x}{period}", 1000), 11); /* as written */
	assert_int_equal(pp_running_length(&f, "{ti|tle}", 1000), 8);	     /* split by '|' */
}

/* Counting stops past the limit, however long the expansion would be. */
static void running_length_stops_past_the_limit(void **state)
{
	(void)state;
	char title[2001];
	memset(title, 'T', 2000);
	title[2000] = '\0';
	struct pp_facts f = { 0 };
	f.title = title;
	size_t n = pp_running_length(&f, "{title} {title} {title}", 1000);
	assert_true(n > 1000);
	assert_true(n <= 2000);
	assert_int_equal(pp_running_length(&f, "{title}", 5000), 2000);
}

/* Each numbering style counts in its own way, keeping its punctuation. */
static void number_labels_follow_the_style(void **state)
{
	(void)state;
	static const struct {
		const char *style;
		size_t n;
		const char *section, *want;
	} cases[] = {
		{"(i)", 4, NULL, "(iv)"},   {"(i)", 9, NULL, "(ix)"},   {"i.", 14, NULL, "xiv."},
		{"I.", 1994, NULL, "MCMXCIV."}, {"a)", 2, NULL, "b)"},   {"(a)", 27, NULL, "(aa)"},
		{"A.", 26, NULL, "Z."},	    {"A", 28, NULL, "AB"},	 {"1.", 10, NULL, "10."},
		{"(1)", 3, NULL, "(3)"},    {"1", 7, NULL, "7"},	 {"1.1", 2, "5", "5.2"},
		{"1.1", 2, NULL, "2"},	    {NULL, 3, NULL, "3."},	 {"roman", 3, NULL, "3."},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = pp_number_label(cases[i].style, cases[i].n, cases[i].section);
		assert_string_equal(got, cases[i].want);
		free(got);
	}
	assert_true(pp_numbering_known("(i)"));
	assert_false(pp_numbering_known("roman"));
	assert_false(pp_numbering_known(NULL));
}

static void doc_free_accepts_null(void **state)
{
	(void)state;
	pp_doc_free(NULL);
}

/* ---------- periods, ranks, trends and a template's vocabulary ------------- */

static const char trend_plan[] =
	"<plan xmlns='urn:planpress:plan:1'><facts><organisation>O</organisation>"
	"<title>T</title></facts><periods>"
	"<quarter id='q2' year='2024' q='2'/><quarter id='q4p' year='2023' q='4'/>"
	"<quarter id='q1' year='2024' q='1'/><span id='yr' label='Year' start='2024-04-01' "
	"end='2025-03-31'/><quarter id='q3' year='2024' q='3'/></periods>"
	"<scales><scale id='d'><status id='good' label='Good' fill='#00703c' text='#ffffff'/>"
	"<status id='bad' label='Bad' fill='#b10e1e' text='#ffffff'/></scale></scales>"
	"<themes><theme id='t' title='T'>"
	"<priority id='p'><title>P</title><update period='q4p' rag='RED'/>"
	"<update period='q1' rag='AMBER'/><update period='q2' rag='AMBER'/>"
	"<update period='q3' rag='GREEN'/></priority>"
	"<priority id='r'><title>R</title><update period='q1' rag='GREEN'/>"
	"<update period='q2' rag='N/A'/><update period='q3' rag='RED'/></priority>"
	"</theme></themes><documents><document id='d' output='d'/></documents></plan>";

static const struct pp_period *period_named(const struct pp_doc *doc, const char *id)
{
	for (size_t i = 0; i < doc->n_periods; i++)
		if (strcmp(doc->periods[i].id, id) == 0)
			return &doc->periods[i];
	return NULL;
}

static void the_period_before_goes_by_dates(void **state)
{
	(void)state;
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	struct pp_doc *doc = pp_test_load(trend_plan, &d);
	assert_non_null(doc);
	assert_ptr_equal(pp_period_before(doc, period_named(doc, "q1")), period_named(doc, "q4p"));
	assert_ptr_equal(pp_period_before(doc, period_named(doc, "q3")), period_named(doc, "q2"));
	assert_null(pp_period_before(doc, period_named(doc, "q4p")));
	assert_ptr_equal(pp_period_before(doc, period_named(doc, "yr")), period_named(doc, "q4p"));
	assert_null(pp_period_before(doc, NULL));

	const struct pp_period *out[8];
	assert_int_equal(pp_history_periods(doc, period_named(doc, "q2"), 0, out), 3);
	assert_ptr_equal(out[0], period_named(doc, "q1"));
	assert_ptr_equal(out[2], period_named(doc, "q3"));
	/* all periods, or a span's: every period in date order (ties as written) */
	assert_int_equal(pp_history_periods(doc, period_named(doc, "q2"), 1, out), 5);
	assert_ptr_equal(out[0], period_named(doc, "q4p"));
	assert_ptr_equal(out[1], period_named(doc, "q1"));
	assert_ptr_equal(out[2], period_named(doc, "yr"));
	assert_int_equal(pp_history_periods(doc, period_named(doc, "yr"), 0, out), 5);
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

static void ranks_put_the_best_first(void **state)
{
	(void)state;
	assert_true(pp_status_rank(NULL, PP_RAG_COMPLETE, NULL) < pp_status_rank(NULL, PP_RAG_GREEN, NULL));
	assert_true(pp_status_rank(NULL, PP_RAG_GREEN, NULL) < pp_status_rank(NULL, PP_RAG_AMBER_GREEN, NULL));
	assert_true(pp_status_rank(NULL, PP_RAG_AMBER_GREEN, NULL) < pp_status_rank(NULL, PP_RAG_AMBER, NULL));
	assert_true(pp_status_rank(NULL, PP_RAG_AMBER, NULL) < pp_status_rank(NULL, PP_RAG_RED, NULL));
	assert_int_equal(pp_status_rank(NULL, PP_RAG_NA, NULL), -1);
	assert_int_equal(pp_status_rank(NULL, PP_RAG_NONE, NULL), -1);
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	struct pp_doc *doc = pp_test_load(trend_plan, &d);
	const struct pp_scale *sc = pp_scale_find(doc, "d");
	assert_int_equal(pp_status_rank(sc, PP_RAG_NONE, &sc->values[0]), 0);
	assert_int_equal(pp_status_rank(sc, PP_RAG_NONE, &sc->values[1]), 1);
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

static void trends_compare_with_the_period_before(void **state)
{
	(void)state;
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	struct pp_doc *doc = pp_test_load(trend_plan, &d);
	const struct pp_priority *p = &doc->themes[0].priorities[0], *r = &doc->themes[0].priorities[1];
	assert_int_equal(pp_priority_trend(doc, p, period_named(doc, "q1")), PP_TREND_BETTER);
	assert_int_equal(pp_priority_trend(doc, p, period_named(doc, "q2")), PP_TREND_SAME);
	assert_int_equal(pp_priority_trend(doc, p, period_named(doc, "q3")), PP_TREND_BETTER);
	assert_int_equal(pp_priority_trend(doc, p, period_named(doc, "q4p")), PP_TREND_NONE);
	assert_int_equal(pp_priority_trend(doc, r, period_named(doc, "q2")), PP_TREND_NONE); /* N/A */
	assert_int_equal(pp_priority_trend(doc, r, period_named(doc, "q1")), PP_TREND_NONE); /* none before */
	assert_string_equal(pp_trend_word(PP_TREND_WORSE), "Worse");
	assert_string_equal(pp_trend_word(PP_TREND_SAME), "No change");
	assert_string_equal(pp_trend_word(PP_TREND_NONE), "Not available");
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

static void a_template_gives_scales_and_rag_words(void **state)
{
	(void)state;
	static const char xml[] =
		"<plan xmlns='urn:planpress:plan:1'><facts><organisation>O</organisation>"
		"<title>T</title></facts><periods><quarter id='q1' year='2024' q='1'/></periods>"
		"<scales><scale id='stage'><status id='s' label='Mine' fill='#ffffff' "
		"text='#000000'/></scale></scales>"
		"<fields><field id='dl' label='D' type='status' scale='delivery' on='update'/></fields>"
		"<themes><theme id='t' title='T'><priority id='p'><title>P</title>"
		"<update period='q1' status='On Track'><value field='dl'>late</value></update>"
		"</priority></theme></themes><documents><document id='d' output='d'/></documents></plan>";
	/* a loaded template's scales, as pp_template_load makes them */
	static char late[] = "late", late_label[] = "Late", red[] = "#b10e1e", white[] = "#ffffff";
	static char t[] = "t", theirs[] = "Theirs", black[] = "#000000";
	static char delivery[] = "delivery", stage[] = "stage";
	struct pp_status tv[] = { { .id = late, .label = late_label, .fill_text = red,
				    .text_text = white } };
	struct pp_status sv[] = { { .id = t, .label = theirs, .fill_text = white,
				    .text_text = black } };
	struct pp_scale scales[] = { { .id = delivery, .values = tv, .n_values = 1 },
				     { .id = stage, .values = sv, .n_values = 1 } };
	const char *labels[PP_RAG_NA + 1] = { [PP_RAG_GREEN] = "On track",
					      [PP_RAG_AMBER] = "AMBER" };
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	struct pp_doc *doc = pp_parse_memory(xml, strlen(xml), "test.xml", &d);
	assert_non_null(doc);
	/* without the template neither word is known */
	pp_doc_adopt_template(doc, scales, 2, labels);
	assert_int_equal(pp_check_doc(doc, &d), 0);
	assert_int_equal(doc->n_scales, 2); /* the plan's stage wins */
	assert_string_equal(pp_scale_find(doc, "stage")->values[0].label, "Mine");
	assert_true(pp_scale_find(doc, "delivery")->from_template);
	const struct pp_update *u = &doc->themes[0].priorities[0].updates[0];
	assert_int_equal(u->rag, PP_RAG_GREEN);
	assert_string_equal(u->values[0].status->label, "Late");
	assert_null(doc->rag_words[PP_RAG_AMBER]); /* its own word: nothing to add */
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rag_accepts_council_spellings),
		cmocka_unit_test(rag_rejects_unknown_words),
		cmocka_unit_test(rag_words_round_trip),
		cmocka_unit_test(fields_have_names_and_levels),
		cmocka_unit_test(link_collapses_runs_of_three),
		cmocka_unit_test(link_collapses_letters_only_when_whole),
		cmocka_unit_test(link_lists_short_runs),
		cmocka_unit_test(link_uses_leaf_order_and_skips_codeless),
		cmocka_unit_test(ref_compare_is_natural),
		cmocka_unit_test(inline_text_flattens_breaks),
		cmocka_unit_test(priority_update_finds_the_period),
		cmocka_unit_test(dump_is_stable_and_complete),
		cmocka_unit_test(diags_print_values_safely),
		cmocka_unit_test(diags_give_a_warning_once),
		cmocka_unit_test(running_length_fills_fields),
		cmocka_unit_test(running_length_stops_past_the_limit),
		cmocka_unit_test(doc_free_accepts_null),
		cmocka_unit_test(number_labels_follow_the_style),
		cmocka_unit_test(the_period_before_goes_by_dates),
		cmocka_unit_test(ranks_put_the_best_first),
		cmocka_unit_test(trends_compare_with_the_period_before),
		cmocka_unit_test(a_template_gives_scales_and_rag_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
