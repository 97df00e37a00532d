/* SPDX-License-Identifier: MIT */
/*
 * test_check.c - each kind of meaning error is reported with its ID at its
 * line:col, all of them in one run; a clean check fills labels, dates,
 * leaf indexes and back-pointers.
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
#include "../../src/util/alloc.h"

#define HEAD                                                                                   \
	"<plan xmlns='urn:planpress:plan:1'>\n"                                                \
	"<facts><organisation>O</organisation><title>T</title></facts>\n"
#define DOCS "<documents><document id='d' output='d'/></documents>\n"

/* Parse (must succeed) and check; diagnostics collected, not printed. */
static struct pp_doc *parse_and_check(const char *xml, struct pp_diags *d, int *rc)
{
	pp_diags_init(d, NULL);
	struct pp_doc *doc = pp_parse_memory(xml, strlen(xml), "test.xml", d);
	if (!doc) {
		for (size_t i = 0; i < d->n_entries; i++)
			fprintf(stderr, "%u:%u: %s\n", d->entries[i].loc.line,
				d->entries[i].loc.col, d->entries[i].text);
	}
	assert_non_null(doc);
	*rc = pp_check_doc(doc, d);
	return doc;
}

/* The n-th message is `id` at line:col. */
static void entry_is(const struct pp_diags *d, size_t n, enum pp_msg id, unsigned line,
		     unsigned col)
{
	assert_true(n < d->n_entries);
	if (d->entries[n].id != id)
		fprintf(stderr, "entry %zu is %s: %s\n", n, pp_msg_name(d->entries[n].id),
			d->entries[n].text);
	assert_int_equal(d->entries[n].id, id);
	assert_int_equal(d->entries[n].loc.line, line);
	assert_int_equal(d->entries[n].loc.col, col);
}

/* Exactly one error, `id` at line:col, with this text. */
static void expect_one(const char *xml, enum pp_msg id, unsigned line, unsigned col,
		       const char *text)
{
	struct pp_diags d;
	int rc;
	struct pp_doc *doc = parse_and_check(xml, &d, &rc);
	assert_int_equal(rc, -1);
	assert_int_equal(d.n_errors, 1);
	entry_is(&d, 0, id, line, col);
	if (text)
		assert_string_equal(d.entries[0].text, text);
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

/* A priority with no update for a progress table's period: a warning at it. */
static char *plan_with_missing_updates(size_t n_without, const char *columns)
{
	char *themes = pp_xstrdup("");
	for (size_t i = 0; i < n_without + 1; i++) {
		char *t = pp_xasprintf("%s<priority id='p%zu'><title>P</title>%s</priority>\n", themes, i,
				       i == 0 ? "<update period='q1' rag='GREEN'/>" : "");
		free(themes);
		themes = t;
	}
	char *xml = pp_xasprintf(
		HEAD "<periods><quarter id='q1' year='2020' q='1'/><quarter id='q2' year='2020' q='2'/>"
		     "</periods>\n<themes><theme id='t' title='T'>\n%s</theme></themes>\n"
		     "<documents><document id='d' output='d'>\n"
		     "<priority-table period='q1'>%s</priority-table>\n"
		     "<priority-table period='q1'>%s</priority-table>\n"
		     "</document></documents></plan>",
		themes, columns, columns);
	free(themes);
	return xml;
}

static void missing_update_is_a_warning(void **state)
{
	(void)state;
	struct pp_diags d;
	int rc;
	/* one priority without: one warning at it, though two tables report q1 */
	char *xml = plan_with_missing_updates(1, "<column field='title'>T</column>"
						 "<column field='rag'>RAG</column>");
	struct pp_doc *doc = parse_and_check(xml, &d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(d.n_entries, 1);
	entry_is(&d, 0, PP_MSG_NO_UPDATE, 6, 1);
	assert_non_null(strstr(d.entries[0].text, "\"p1\" has no <update period=\"q1\">"));
	pp_doc_free(doc);
	pp_diags_fini(&d);
	free(xml);

	/* a table that shows nothing of the update warns of nothing */
	xml = plan_with_missing_updates(1, "<column field='title'>T</column>");
	doc = parse_and_check(xml, &d, &rc);
	assert_int_equal(d.n_entries, 0);
	pp_doc_free(doc);
	pp_diags_fini(&d);
	free(xml);

	/* many: twenty named, then one count at the table */
	xml = plan_with_missing_updates(25, "<column field='commentary'>C</column>");
	doc = parse_and_check(xml, &d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(d.n_entries, 21);
	for (size_t i = 0; i < 20; i++)
		assert_int_equal(d.entries[i].id, PP_MSG_NO_UPDATE);
	entry_is(&d, 20, PP_MSG_NO_UPDATE_MORE, 33, 1);
	assert_non_null(strstr(d.entries[20].text, "and 5 more"));
	pp_doc_free(doc);
	pp_diags_fini(&d);
	free(xml);
}

static void clean_plan_passes_and_is_completed(void **state)
{
	(void)state;
	struct pp_diags d;
	int rc;
	struct pp_doc *doc = parse_and_check(
		HEAD "<periods><quarter id='q4' year='2023' q='4'/><quarter id='q2' year='1999' q='2'/>"
		     "<span id='s' label='S' start='2024-02-29' end='2024-02-29'/></periods>\n"
		     "<framework><group id='g' label='G'><item id='a' code='1'>A</item>"
		     "<group id='h' label='H'><item id='b'>B</item></group>"
		     "<item id='c'>C</item></group></framework>\n"
		     "<themes><theme id='t' title='T'><priority id='p' also='t'><title>P</title>"
		     "<align to='b c'/><update period='q4' rag='complete'/>"
		     "<action><text>x</text><line rag='n/a' period='s'/></action></priority>"
		     "</theme></themes>\n"
		     "<documents><document id='d' output='plan-q4.2023'>"
		     "<priority-table period='q4'><column field='ref' width='33.34%'>R</column>"
		     "<column field='title' width='33.33%'>T</column>"
		     "<column field='rag' width='33.33%'>R</column></priority-table>"
		     "<glossary groups='g h'/><linked-plans><linked-plan priorities='p'><name>N</name>"
		     "</linked-plan></linked-plans></document></documents></plan>",
		&d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(d.n_entries, 0);
	const struct pp_period *q4 = &doc->periods[0];
	assert_string_equal(q4->label, "Quarter 4 23/24");
	assert_int_equal(q4->start.year, 2024);
	assert_int_equal(q4->start.month, 1);
	assert_int_equal(q4->end.month, 3);
	assert_int_equal(q4->end.day, 31);
	assert_string_equal(doc->periods[1].label, "Quarter 2 99/00");
	assert_int_equal(doc->periods[1].start.month, 7);
	assert_int_equal(doc->periods[1].end.day, 30);
	/* leaf order: the group's items first, then its sub-groups' (as the model holds them) */
	const struct pp_fw_group *g = &doc->framework[0];
	assert_ptr_equal(g->items[0].group, g);
	assert_int_equal(g->groups[0].items[0].index, 0);
	assert_int_equal(g->items[0].index + g->items[1].index, 1 + 2);
	const struct pp_priority *p = &doc->themes[0].priorities[0];
	assert_ptr_equal(p->theme, &doc->themes[0]);
	assert_ptr_equal(p->also[0], &doc->themes[0]);
	assert_ptr_equal(p->aligns[0].item, &g->groups[0].items[0]);
	assert_ptr_equal(p->updates[0].period, q4);
	assert_int_equal(p->updates[0].rag, PP_RAG_COMPLETE);
	assert_int_equal(p->actions[0].lines[0].rag, PP_RAG_NA);
	assert_ptr_equal(p->actions[0].lines[0].period, &doc->periods[2]);
	const struct pp_view *v = &doc->documents[0].views[0];
	assert_ptr_equal(v->u.table.period, q4);
	assert_int_equal(v->u.table.columns[2].field, PP_FIELD_RAG);
	assert_int_equal(v->u.table.columns[2].width.kind, PP_WIDTH_PERCENT);
	assert_ptr_equal(doc->documents[0].views[1].u.glossary.groups[1], &g->groups[0]);
	assert_ptr_equal(doc->documents[0].views[2].u.linked.plans[0].priorities[0], p);
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

static void duplicate_id_has_a_note_at_the_first(void **state)
{
	(void)state;
	struct pp_diags d;
	int rc;
	struct pp_doc *doc = parse_and_check(
		HEAD "<themes>\n <theme id='t' title='T'><priority id='p'><title>P</title></priority>\n"
		     "  <priority id='p'><title>Q</title></priority></theme>\n"
		     "<theme id='p' title='A theme may share a priority id'/></themes>\n" DOCS "</plan>",
		&d, &rc);
	assert_int_equal(rc, -1);
	assert_int_equal(d.n_entries, 2);
	entry_is(&d, 0, PP_MSG_DUP_ID, 5, 3);
	assert_string_equal(d.entries[0].text, "duplicate id \"p\"");
	entry_is(&d, 1, PP_MSG_DUP_ID_PREV, 4, 26);
	assert_int_equal(d.entries[1].sev, PP_SEV_NOTE);
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

static void unknown_framework_item(void **state)
{
	(void)state;
	expect_one(HEAD "<framework><group id='g' label='G'><item id='o1'>x</item></group></framework>\n"
			"<themes><theme id='t' title='T'><priority id='co1'><title>P</title>\n"
			"    <align to='o1 o9'/></priority></theme></themes>\n" DOCS "</plan>",
		   PP_MSG_UNKNOWN_ITEM, 5, 5,
		   "priority \"co1\" aligns to unknown framework item \"o9\"");
	/* a group is not an item */
	expect_one(HEAD "<framework><group id='g' label='G'><item id='o1'>x</item></group></framework>\n"
			"<themes><theme id='t' title='T'><priority id='co1'><title>P</title>"
			"<align to='g'/></priority></theme></themes>\n" DOCS "</plan>",
		   PP_MSG_UNKNOWN_ITEM, 4, 68, NULL);
}

static void unknown_period(void **state)
{
	(void)state;
	expect_one(HEAD "<themes><theme id='t' title='T'><priority id='p'><title>P</title>\n"
			"<update period='q9'/></priority></theme></themes>\n" DOCS "</plan>",
		   PP_MSG_UNKNOWN_PERIOD, 4, 1, "unknown reporting period \"q9\"");
	expect_one(HEAD "<documents><document id='d' output='d'>\n"
			"  <priority-table period='q1'><column field='ref'>R</column></priority-table>"
			"</document></documents></plan>",
		   PP_MSG_UNKNOWN_PERIOD, 4, 3, NULL);
}

static void unknown_theme_group_priority(void **state)
{
	(void)state;
	expect_one(HEAD "<documents><document id='d' output='d'>\n"
			"<key-priorities themes='nope'/></document></documents></plan>",
		   PP_MSG_UNKNOWN_THEME, 4, 1, "unknown theme \"nope\"");
	expect_one(HEAD "<documents><document id='d' output='d'>\n"
			"<glossary groups='vag'/></document></documents></plan>",
		   PP_MSG_UNKNOWN_GROUP, 4, 1, "unknown framework group \"vag\"");
	expect_one(HEAD "<documents><document id='d' output='d'>\n"
			"<linked-plans><linked-plan priorities='dp5'><name>N</name></linked-plan>"
			"</linked-plans></document></documents></plan>",
		   PP_MSG_UNKNOWN_PRIORITY, 4, 15, "unknown priority \"dp5\"");
	expect_one(HEAD "<documents><document id='d' output='d'>\n"
			"<poster><tier from-theme='dept'/></poster></document></documents></plan>",
		   PP_MSG_UNKNOWN_THEME, 4, 9, NULL);
}

static void unknown_rag_word(void **state)
{
	(void)state;
	expect_one(HEAD "<periods><quarter id='q' year='2020' q='1'/></periods>\n"
			"<themes><theme id='t' title='T'><priority id='p'><title>P</title>\n"
			"   <update period='q' rag='AMBR'/></priority></theme></themes>\n" DOCS
			"</plan>",
		   PP_MSG_BAD_RAG, 5, 4,
		   "unknown RAG rating \"AMBR\" (expected GREEN, AMBER/GREEN, AMBER, RED, "
		   "COMPLETE or N/A)");
}

static void malformed_dates_and_quarters(void **state)
{
	(void)state;
	struct pp_diags d;
	int rc;
	struct pp_doc *doc = parse_and_check(
		"<plan xmlns='urn:planpress:plan:1'><facts><organisation>O</organisation>"
		"<title>T</title>\n<meeting date='3/12/2019'/></facts>\n<periods>\n"
		"<quarter id='a' year='2020' q='5'/>\n"
		"<quarter id='b' year='20' q='1'/>\n"
		"<span id='c' label='C' start='2021-02-29' end='2021-03-01'/>\n"
		"<span id='e' label='E' start='2021-03-01' end='2021-02-01'/>\n"
		"</periods>\n" DOCS "</plan>",
		&d, &rc);
	assert_int_equal(rc, -1);
	assert_int_equal(d.n_errors, 5);
	entry_is(&d, 0, PP_MSG_BAD_DATE, 2, 1);
	assert_string_equal(d.entries[0].text,
			    "malformed date \"3/12/2019\" (expected YYYY-MM-DD)");
	entry_is(&d, 1, PP_MSG_BAD_QUARTER, 4, 1);
	assert_string_equal(d.entries[1].text, "malformed quarter: year=\"2020\" q=\"5\" "
					       "(expected q 1-4 and a year from 1900 to 2200)");
	entry_is(&d, 2, PP_MSG_BAD_QUARTER, 5, 1);
	entry_is(&d, 3, PP_MSG_BAD_DATE, 6, 1);
	entry_is(&d, 4, PP_MSG_PERIOD_ORDER, 7, 1);
	assert_string_equal(d.entries[4].text, "period \"e\" ends before it starts");
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

static void empty_required_text(void **state)
{
	(void)state;
	struct pp_diags d;
	int rc;
	struct pp_doc *doc = parse_and_check(
		"<plan xmlns='urn:planpress:plan:1'><facts>\n"
		"  <organisation>  </organisation><title/></facts>\n"
		"<themes><theme id='t' title=' '><priority id='p'><title> <br/> </title></priority>"
		"</theme></themes>\n" DOCS "</plan>",
		&d, &rc);
	assert_int_equal(rc, -1);
	assert_int_equal(pp_diags_count(&d, PP_MSG_EMPTY_TEXT), 4);
	entry_is(&d, 0, PP_MSG_EMPTY_TEXT, 2, 3);
	assert_string_equal(d.entries[0].text, "<organisation> must not be empty");
	entry_is(&d, 1, PP_MSG_EMPTY_TEXT, 2, 34);
	entry_is(&d, 2, PP_MSG_EMPTY_TEXT, 3, 9);
	entry_is(&d, 3, PP_MSG_EMPTY_TEXT, 3, 33);
	assert_string_equal(d.entries[3].text, "<title> must not be empty");
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

static void column_fields_and_widths(void **state)
{
	(void)state;
	struct pp_diags d;
	int rc;
	struct pp_doc *doc = parse_and_check(
		HEAD "<documents><document id='d' output='d'>\n"
		     "<priority-table>\n"
		     " <column field='ref' width='60%'>A</column>\n"
		     " <column field='Title' width='50%'>B</column>\n"
		     " <column field='rag' width='12 %'>C</column>\n"
		     " <column field='question'>D</column>\n"
		     "</priority-table>\n"
		     "<matrix groups=''><column field='rag'/></matrix>\n"
		     "</document></documents></plan>",
		&d, &rc);
	assert_int_equal(rc, -1);
	entry_is(&d, 0, PP_MSG_BAD_FIELD, 6, 2);
	assert_non_null(strstr(d.entries[0].text, "unknown column field \"Title\" (expected theme, "
						  "ref, link, ref-link, title,"));
	entry_is(&d, 1, PP_MSG_BAD_WIDTH, 7, 2);
	assert_string_equal(d.entries[1].text, "malformed column width \"12 %\" (expected 12%, "
					       "30mm, 40pt, 2* or auto)");
	/* a field that exists, but not in this kind of table */
	entry_is(&d, 2, PP_MSG_BAD_FIELD, 8, 2);
	entry_is(&d, 3, PP_MSG_WIDTH_OVER, 4, 1);
	assert_string_equal(d.entries[3].text,
			    "column widths add up to 110.0% of the table, more than 100%");
	entry_is(&d, 4, PP_MSG_BAD_FIELD, 10, 19);
	assert_string_equal(d.entries[4].text, "unknown column field \"rag\" (expected theme, "
					       "ref, title or statement)");
	assert_int_equal(d.n_errors, 5);
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

static void widths_parse_every_form(void **state)
{
	(void)state;
	struct pp_diags d;
	int rc;
	struct pp_doc *doc = parse_and_check(
		HEAD "<documents><document id='d' output='d'><priority-table>"
		     "<column field='ref' width='12.5%'/><column field='title' width='25.4mm'/>"
		     "<column field='leads' width='40pt'/><column field='rag' width='2*'/>"
		     "<column field='how' width='auto'/><column field='measures'/>"
		     "</priority-table></document></documents></plan>",
		&d, &rc);
	assert_int_equal(rc, 0);
	const struct pp_column *c = doc->documents[0].views[0].u.table.columns;
	assert_int_equal(c[0].width.kind, PP_WIDTH_PERCENT);
	assert_true(c[0].width.value == 12.5);
	assert_int_equal(c[1].width.kind, PP_WIDTH_POINTS);
	assert_true(c[1].width.value > 71.99 && c[1].width.value < 72.01);
	assert_int_equal(c[2].width.kind, PP_WIDTH_POINTS);
	assert_true(c[2].width.value == 40);
	assert_int_equal(c[3].width.kind, PP_WIDTH_SHARE);
	assert_true(c[3].width.value == 2);
	assert_int_equal(c[4].width.kind, PP_WIDTH_AUTO);
	assert_int_equal(c[5].width.kind, PP_WIDTH_AUTO);
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

static void duplicate_update_per_period(void **state)
{
	(void)state;
	struct pp_diags d;
	int rc;
	struct pp_doc *doc = parse_and_check(
		HEAD "<periods><quarter id='q' year='2020' q='1'/></periods>\n"
		     "<themes><theme id='t' title='T'><priority id='co1'><title>P</title>\n"
		     "<update period='q'/>\n<update period='q'/></priority></theme></themes>\n" DOCS
		     "</plan>",
		&d, &rc);
	assert_int_equal(rc, -1);
	assert_int_equal(d.n_errors, 1);
	entry_is(&d, 0, PP_MSG_DUP_UPDATE, 6, 1);
	assert_string_equal(d.entries[0].text, "priority \"co1\" has two updates for period \"q\"");
	entry_is(&d, 1, PP_MSG_DUP_ID_PREV, 5, 1);
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

static void output_names_are_safe_and_unique(void **state)
{
	(void)state;
	struct pp_diags d;
	int rc;
	struct pp_doc *doc = parse_and_check(
		HEAD "<documents>\n<document id='a' output='../etc/x'/>\n"
		     "<document id='b' output='.hidden'/>\n<document id='c' output='plan'/>\n"
		     "<document id='e' output='plan'/>\n<document id='f' output='a b'/>\n"
		     "</documents></plan>",
		&d, &rc);
	assert_int_equal(rc, -1);
	entry_is(&d, 0, PP_MSG_BAD_OUTPUT, 4, 1);
	assert_string_equal(d.entries[0].text, "output name \"../etc/x\" must be a plain file name "
					       "(letters, digits, '-', '_', '.')");
	entry_is(&d, 1, PP_MSG_BAD_OUTPUT, 5, 1);
	entry_is(&d, 2, PP_MSG_DUP_OUTPUT, 7, 1);
	entry_is(&d, 3, PP_MSG_DUP_ID_PREV, 6, 1);
	entry_is(&d, 4, PP_MSG_BAD_OUTPUT, 8, 1);
	assert_int_equal(d.n_errors, 4);
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

static void no_documents(void **state)
{
	(void)state;
	expect_one(HEAD "</plan>", PP_MSG_NO_DOCUMENTS, 1, 1,
		   "the plan defines no <document> to produce");
}

/* A document that is only a plan on a page defaults to A3 landscape; a
 * size or orientation written in the file is kept; other documents stay
 * A4 portrait. */
static void poster_documents_default_to_a3_landscape(void **state)
{
	(void)state;
	struct pp_diags d;
	int rc;
	struct pp_doc *doc = parse_and_check(
		HEAD "<documents>\n"
		     "<document id='a' output='a'><poster columns='2'><tier><box>x</box></tier></poster></document>\n"
		     "<document id='b' output='b' page='A2' orientation='portrait'>"
		     "<poster columns='2'><tier><box>x</box></tier></poster></document>\n"
		     "<document id='c' output='c'><page-break/></document>\n"
		     "</documents></plan>",
		&d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(doc->documents[0].page, PP_PAGE_A3);
	assert_int_equal(doc->documents[0].orientation, PP_LANDSCAPE);
	assert_int_equal(doc->documents[1].page, PP_PAGE_A2);
	assert_int_equal(doc->documents[1].orientation, PP_PORTRAIT);
	assert_int_equal(doc->documents[2].page, PP_PAGE_A4);
	assert_int_equal(doc->documents[2].orientation, PP_PORTRAIT);
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

static void poster_span_and_chart_series(void **state)
{
	(void)state;
	struct pp_diags d;
	int rc;
	struct pp_doc *doc = parse_and_check(
		HEAD "<documents><document id='d' output='d'>\n"
		     "<poster columns='3'><tier><box span='4'>x</box></tier></poster>\n"
		     "<chart type='line' title='C'><series name='A'><point x='2014' y='1'/></series>"
		     "<series name='B'><point x='2015' y='1'/></series></chart>\n"
		     "</document></documents></plan>",
		&d, &rc);
	assert_int_equal(rc, -1);
	entry_is(&d, 0, PP_MSG_BAD_SPAN, 4, 27);
	assert_string_equal(d.entries[0].text, "box spans 4 columns but the poster has only 3");
	entry_is(&d, 1, PP_MSG_CHART_SERIES, 5, 1);
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

static void every_error_is_reported(void **state)
{
	(void)state;
	struct pp_diags d;
	int rc;
	struct pp_doc *doc = parse_and_check(
		HEAD "<periods><quarter id='q' year='2020' q='1'/></periods>\n"
		     "<themes><theme id='t' title='T'><priority id='p'><title>P</title>\n"
		     "<align to='nope'/><update period='q' rag='purple'/><update period='x'/>"
		     "</priority></theme></themes>\n"
		     "<documents><document id='d' output='d/e'><glossary groups='none'/>"
		     "</document></documents></plan>",
		&d, &rc);
	assert_int_equal(rc, -1);
	assert_int_equal(d.n_errors, 5);
	assert_int_equal(pp_diags_count(&d, PP_MSG_UNKNOWN_ITEM), 1);
	assert_int_equal(pp_diags_count(&d, PP_MSG_BAD_RAG), 1);
	assert_int_equal(pp_diags_count(&d, PP_MSG_UNKNOWN_PERIOD), 1);
	assert_int_equal(pp_diags_count(&d, PP_MSG_BAD_OUTPUT), 1);
	assert_int_equal(pp_diags_count(&d, PP_MSG_UNKNOWN_GROUP), 1);
	/* in document order */
	for (size_t i = 1; i < d.n_entries; i++)
		assert_true(d.entries[i - 1].loc.line <= d.entries[i].loc.line);
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

/* ---------- status scales, custom fields, per-document facts ------------- */

#define SCALES                                                                                 \
	"<periods><quarter id='q1' year='2024' q='1' label='Quarter 1 2024/25'/>"             \
	"<quarter id='q2' year='2024' q='2'/></periods>\n"                                     \
	"<scales><scale id='delivery' name='Delivery status' for='update'>\n"                  \
	"<status id='on-target' label='On target' fill='#00703c' text='#ffffff' symbol='x'/>\n" \
	"<status id='behind' label='Behind target' fill='#ffdd00' text='#0b0c0c'/>\n"          \
	"</scale>\n"                                                                           \
	"<scale id='stage'><status id='wip' label='In progress' fill='#f3f2f1' text='#0b0c0c'/>" \
	"</scale></scales>\n"

#define FIELDS                                                                                 \
	"<fields><field id='dir' label='Directorate' type='text' on='theme'/>\n"               \
	"<field id='budget' label='Budget' type='money'/>\n"                                   \
	"<field id='due' label='Due' type='date' on='action'/>\n"                              \
	"<field id='pct' label='Complete' type='percent' on='update'/>\n"                      \
	"<field id='stage' label='Stage' type='status' scale='stage' on='update'/>\n"          \
	"<field id='rating' label='Rating' type='status'/></fields>\n"

static void statuses_resolve_in_their_scale(void **state)
{
	(void)state;
	struct pp_diags d;
	int rc;
	struct pp_doc *doc = parse_and_check(
		HEAD SCALES "<themes><theme id='t' title='T'><priority id='p'><title>P</title>\n"
		"<update period='q1' status='On  TARGET'/><update period='q2' rag='behind'/>"
		"</priority></theme></themes>\n" DOCS "</plan>",
		&d, &rc);
	assert_int_equal(rc, 0);
	const struct pp_scale *sc = pp_scale_find(doc, "delivery");
	assert_non_null(sc);
	assert_ptr_equal(doc->update_scale, sc);
	assert_null(doc->line_scale);
	const struct pp_priority *p = &doc->themes[0].priorities[0];
	assert_ptr_equal(p->updates[0].status, &sc->values[0]);
	assert_ptr_equal(p->updates[1].status, &sc->values[1]);
	assert_int_equal(p->updates[0].rag, PP_RAG_NONE);
	assert_int_equal(sc->values[0].fill, 0x00703c);
	assert_int_equal(sc->values[1].text, 0x0b0c0c);
	/* the quarter keeps the council's label, and its dates */
	assert_string_equal(doc->periods[0].label, "Quarter 1 2024/25");
	assert_int_equal(doc->periods[0].end.month, 6);
	assert_string_equal(doc->periods[1].label, "Quarter 2 24/25");
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

static void status_not_in_scale_lists_the_values(void **state)
{
	(void)state;
	expect_one(HEAD SCALES "<themes><theme id='t' title='T'><priority id='p'><title>P</title>\n"
			       "   <update period='q1' status='On track'/></priority></theme></themes>\n" DOCS
			       "</plan>",
		   PP_MSG_BAD_STATUS, 10, 4,
		   "unknown status \"On track\" in scale \"delivery\" (expected On target or "
		   "Behind target)");
	/* without a scale for updates, RAG words are still the rule */
	expect_one(HEAD "<periods><quarter id='q1' year='2024' q='1'/></periods>\n"
			"<themes><theme id='t' title='T'><priority id='p'><title>P</title>\n"
			"<update period='q1' status='On target'/></priority></theme></themes>\n" DOCS
			"</plan>",
		   PP_MSG_BAD_RAG, 5, 1, NULL);
}

static void status_colours_are_checked(void **state)
{
	(void)state;
	expect_one(HEAD "<scales><scale id='s'>\n"
			"  <status id='behind' label='Behind' fill='#ffdd00' text='#ffffff'/>\n"
			"</scale></scales>\n" DOCS "</plan>",
		   PP_MSG_STATUS_CONTRAST, 4, 3,
		   "status \"behind\": text #ffffff on fill #ffdd00 has a contrast ratio of "
		   "1.34:1, below 4.5:1 (WCAG AA); darken the fill or change the text colour");
	expect_one(HEAD "<scales><scale id='s'>\n"
			"<status id='a' label='A' fill='green' text='#ffffff'/></scale></scales>\n" DOCS
			"</plan>",
		   PP_MSG_BAD_COLOUR, 4, 1,
		   "malformed colour fill=\"green\" (expected #rrggbb, as \"#00703c\")");
	expect_one(HEAD "<scales><scale id='s'>\n"
			"<status id='done' label='Done' fill='#000000' text='#ffffff'/>\n"
			"<status id='ok' label='done' fill='#000000' text='#ffffff'/>\n"
			"<status id='DONE' label='Finished' fill='#000000' text='#ffffff'/>\n"
			"</scale></scales>\n" DOCS "</plan>",
		   PP_MSG_DUP_ID, 6, 1, "duplicate id \"DONE\"");
	expect_one(HEAD "<scales><scale id='rag'>\n"
			"<status id='a' label='A' fill='#000000' text='#ffffff'/></scale></scales>\n" DOCS
			"</plan>",
		   PP_MSG_SCALE_RAG, 3, 9, NULL);
	expect_one(HEAD "<scales><scale id='s' for='action'>\n"
			"<status id='a' label='A' fill='#000000' text='#ffffff'/></scale></scales>\n" DOCS
			"</plan>",
		   PP_MSG_SCALE_FOR, 3, 9, "a scale is for \"update\" or \"line\", not \"action\"");
	expect_one(HEAD "<documents><document id='d' output='d'><table><tr>\n"
			"<td status='Amber-ish'>4</td></tr></table></document></documents></plan>",
		   PP_MSG_BAD_RAG, 4, 1, NULL);
	expect_one(HEAD "<documents><document id='d' output='d'>\n"
			"  <status-key scale='stages'/></document></documents></plan>",
		   PP_MSG_UNKNOWN_SCALE, 4, 3,
		   "unknown status scale \"stages\" (expected rag)");
}

static void custom_values_are_typed(void **state)
{
	(void)state;
	struct pp_diags d;
	int rc;
	struct pp_doc *doc = parse_and_check(
		HEAD SCALES FIELDS
		"<themes><theme id='t' title='T'><value field='dir'>Place</value>\n"
		"<priority id='p'><title>P</title><value field='budget'>\xc2\xa3" "1,200,000</value>\n"
		"<value field='rating'>amber / green</value>\n"
		"<action><value field='due'>2025-03-31</value></action>\n"
		"<update period='q1' status='behind'><value field='pct'>12.5%</value>"
		"<value field='stage'>in progress</value></update>"
		"</priority></theme></themes>\n" DOCS "</plan>",
		&d, &rc);
	assert_int_equal(rc, 0);
	const struct pp_theme *t = &doc->themes[0];
	const struct pp_priority *p = &t->priorities[0];
	assert_string_equal(t->values[0].def->id, "dir");
	assert_true(p->values[0].number == 1200000.0);
	assert_int_equal(p->values[1].rag, PP_RAG_AMBER_GREEN);
	assert_int_equal(p->actions[0].values[0].date.day, 31);
	assert_true(p->updates[0].values[0].number == 12.5);
	assert_ptr_equal(p->updates[0].values[1].status, &doc->scales[1].values[0]);
	assert_int_equal(doc->fields[3].on, PP_ON_UPDATE);
	pp_doc_free(doc);
	pp_diags_fini(&d);

	doc = parse_and_check(
		HEAD SCALES FIELDS "<themes><theme id='t' title='T'>\n"
		"<priority id='p'><title>P</title>\n"
		"<value field='budget'>about 5k</value>\n"
		"<value field='budjet'>5</value>\n"
		"<value field='pct'>40</value>\n"
		"<action><value field='due'>2025-02-30</value></action>\n"
		"<update period='q1'><value field='pct'>140</value>\n"
		"<value field='stage'>Done</value></update>\n"
		"<value field='budget'>5</value>\n"
		"</priority></theme></themes>\n" DOCS "</plan>",
		&d, &rc);
	assert_int_equal(rc, -1);
	assert_int_equal(d.n_errors, 7);
	entry_is(&d, 0, PP_MSG_BAD_VALUE, 17, 1);
	assert_string_equal(d.entries[0].text,
			    "field \"budget\": \"about 5k\" is not an amount in pounds (\"1250000\", "
			    "\"\xc2\xa3" "1,250,000\" or \"-500.50\")");
	entry_is(&d, 1, PP_MSG_UNKNOWN_FIELD, 18, 1);
	assert_string_equal(d.entries[1].text,
			    "unknown field \"budjet\" (expected one declared in <fields>: dir, "
			    "budget, due, pct, stage or rating)");
	entry_is(&d, 2, PP_MSG_FIELD_PLACE, 19, 1);
	assert_string_equal(d.entries[2].text, "field \"pct\" is given on each update (its "
					       "on=\"update\"), not on a priority");
	entry_is(&d, 3, PP_MSG_DUP_VALUE, 23, 1);
	entry_is(&d, 4, PP_MSG_DUP_ID_PREV, 17, 1);
	entry_is(&d, 5, PP_MSG_BAD_VALUE, 20, 9);
	entry_is(&d, 6, PP_MSG_BAD_VALUE, 21, 21);
	assert_string_equal(d.entries[6].text,
			    "field \"pct\": \"140\" is not a percent from 0 to 100 (\"40\" or \"40%\")");
	entry_is(&d, 7, PP_MSG_BAD_STATUS, 22, 1);
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

static void field_declarations_and_columns(void **state)
{
	(void)state;
	struct pp_diags d;
	int rc;
	struct pp_doc *doc = parse_and_check(
		HEAD "<fields><field id='a' label='A' type='currency'/>\n"
		"<field id='b' label='B' type='text' on='document'/>\n"
		"<field id='c' label='C' type='status' scale='none'/>\n"
		"<field id='title' label='T' type='text'/>\n"
		"<field id='d' label='D' type='number'/></fields>\n"
		"<documents><document id='d' output='d'><priority-table>\n"
		"<column field='d' show='bar'>D</column><column field='d'>D</column>"
		"<column field='commentary' merge='same'>C</column>"
		"</priority-table></document></documents></plan>",
		&d, &rc);
	assert_int_equal(rc, -1);
	assert_int_equal(pp_diags_count(&d, PP_MSG_BAD_FIELD_TYPE), 1);
	assert_int_equal(pp_diags_count(&d, PP_MSG_BAD_FIELD_ON), 1);
	assert_int_equal(pp_diags_count(&d, PP_MSG_UNKNOWN_SCALE), 1);
	assert_int_equal(pp_diags_count(&d, PP_MSG_DUP_ID), 1); /* "title" is a built-in field */
	assert_int_equal(pp_diags_count(&d, PP_MSG_BAR_NOT_PERCENT), 1);
	assert_int_equal(pp_diags_count(&d, PP_MSG_BAD_MERGE), 1);
	const struct pp_column *col = &doc->documents[0].views[0].u.table.columns[1];
	assert_int_equal(col->field, PP_FIELD_CUSTOM);
	assert_ptr_equal(col->custom, &doc->fields[4]);
	assert_int_equal(pp_column_level(col), PP_LEVEL_PRIORITY);
	pp_doc_free(doc);
	pp_diags_fini(&d);

	doc = parse_and_check(HEAD "<fields><field id='pct' label='P' type='percent' on='update'/>"
			      "<field id='dir' label='D' type='text' on='theme'/></fields>\n"
			      "<documents><document id='d' output='d'>\n"
			      "<priority-table group='pct'><column field='title'>T</column>"
			      "</priority-table>\n<priority-table group='dir'><column field='title'>"
			      "T</column></priority-table>\n<priority-table group='theme'>"
			      "<column field='title'>T</column></priority-table>"
			      "</document></documents></plan>",
			      &d, &rc);
	assert_int_equal(d.n_errors, 1);
	entry_is(&d, 0, PP_MSG_BAD_GROUP, 5, 1);
	assert_ptr_equal(doc->documents[0].views[1].u.table.group_field, &doc->fields[1]);
	assert_true(doc->documents[0].views[2].u.table.group_theme);
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

static void documents_override_facts_and_name_their_period(void **state)
{
	(void)state;
	struct pp_diags d;
	int rc;
	struct pp_doc *doc = parse_and_check(
		"<plan xmlns='urn:planpress:plan:1'><facts><organisation>O</organisation>"
		"<title>T</title><period>2024 - 2025</period><status>Plan status</status>"
		"<meeting date='2024-04-01'>April</meeting></facts>\n" SCALES
		"<documents><document id='a' output='a' period='q1'>"
		"<facts><status>Q1 status</status><meeting date='2024-07-23'>23 July 2024</meeting>"
		"</facts></document>\n"
		"<document id='b' output='b' period='q2'><facts><period>Half year</period></facts>"
		"</document>\n"
		"<document id='c' output='c'/>\n"
		"<document id='e' output='e' period='q9'><facts>\n<meeting date='2024-13-01'/>"
		"</facts></document></documents></plan>",
		&d, &rc);
	assert_int_equal(rc, -1);
	assert_int_equal(d.n_errors, 2);
	entry_is(&d, 0, PP_MSG_UNKNOWN_PERIOD, 11, 1);
	entry_is(&d, 1, PP_MSG_BAD_DATE, 12, 1);
	const struct pp_document *a = &doc->documents[0], *b = &doc->documents[1],
				 *c = &doc->documents[2];
	assert_string_equal(a->eff.period, "Quarter 1 2024/25");
	assert_string_equal(a->eff.status, "Q1 status");
	assert_string_equal(a->eff.title, "T");
	assert_int_equal(a->eff.meeting_date.month, 7);
	assert_string_equal(a->eff.meeting_text, "23 July 2024");
	assert_string_equal(b->eff.period, "Half year");
	assert_string_equal(b->eff.status, "Plan status");
	assert_int_equal(b->eff.meeting_date.month, 4);
	assert_string_equal(c->eff.period, "2024 - 2025");
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

/* A numbered document: sections 1, 2 (an appendix is not numbered), their
 * paragraphs 1.1 ... through sub-sections, annexes lettered in order, and
 * each <ref> pointing at its target, forwards too. */
static void numbers_are_worked_out(void **state)
{
	(void)state;
	const char *xml =
		HEAD "<documents><document id='d' output='d' numbered='yes'>\n"
		"<p>before any section</p>\n"
		"<section title='One'><p>a <ref to='late'/></p><p id='p12'>b</p>\n"
		"  <section title='Sub'><p id='late'>c</p>\n"
		"  <recommendations><li id='r2'>x</li><li id='r2b'>y</li></recommendations></section>\n"
		"</section>\n"
		"<section title='App' appendix='yes'><p>d</p></section>\n"
		"<section id='ann' title='Pack' annex='yes'><p>e <ref to='r2b'/></p></section>\n"
		"<section title='Two'><p>f <ref to='ann'/> <ref to='p12'/></p></section>\n"
		"<section id='ann2' title='More' annex='yes'/>\n"
		"</document></documents></plan>\n";
	struct pp_diags d;
	int rc;
	struct pp_doc *doc = parse_and_check(xml, &d, &rc);
	assert_int_equal(rc, 0);
	const struct pp_view *v = doc->documents[0].views;
	assert_null(v[0].u.blocks.items[0].number); /* before any section */
	const struct pp_section *one = &v[1].u.section;
	assert_string_equal(one->number, "1");
	const struct pp_blocks *b = &one->children[0].u.blocks;
	assert_string_equal(b->items[0].number, "1.1");
	assert_string_equal(b->items[1].number, "1.2");
	const struct pp_section *sub = &one->children[1].u.section;
	assert_null(sub->number);
	assert_string_equal(sub->children[0].u.blocks.items[0].number, "1.3");
	assert_string_equal(sub->children[0].u.blocks.items[1].u.list.section_number, "1");
	assert_null(v[2].u.section.number); /* appendix */
	assert_null(v[2].u.section.children[0].u.blocks.items[0].number);
	assert_string_equal(v[3].u.section.number, "A");
	assert_null(v[3].u.section.children[0].u.blocks.items[0].number);
	assert_string_equal(v[4].u.section.number, "2");
	assert_string_equal(v[4].u.section.children[0].u.blocks.items[0].number, "2.1");
	assert_string_equal(v[5].u.section.number, "B");

	/* references: a forward one to 1.3, an item, an annex, a paragraph */
	const struct pp_span *sp = &b->items[0].u.para.spans[1];
	assert_non_null(sp->ref);
	assert_string_equal(sp->ref->number, "1.3");
	char *flat = pp_inline_text(&b->items[0].u.para);
	assert_string_equal(flat, "a 1.3");
	free(flat);
	sp = &v[3].u.section.children[0].u.blocks.items[0].u.para.spans[1];
	assert_int_equal(sp->ref->kind, PP_XREF_ITEM);
	char *label = pp_xref_label(sp->ref, "(i)");
	assert_string_equal(label, "(ii)");
	free(label);
	const struct pp_inline *f = &v[4].u.section.children[0].u.blocks.items[0].u.para;
	label = pp_xref_label(f->spans[1].ref, NULL);
	assert_string_equal(label, "Annex A");
	free(label);
	assert_string_equal(f->spans[3].ref->number, "1.2");
	pp_doc_free(doc);
	pp_diags_fini(&d);

	/* not numbered="yes": sections and paragraphs have no numbers */
	doc = parse_and_check(HEAD "<documents><document id='d' output='d'>"
				   "<section title='S'><p>x</p></section></document></documents></plan>",
			      &d, &rc);
	assert_int_equal(rc, 0);
	assert_null(doc->documents[0].views[0].u.section.number);
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

/* A reference to nothing, or to something without a number, is an error
 * at the paragraph holding it. */
/* Each error is at its <ref> element's line and column, not its paragraph's. */
static void refs_must_name_numbered_things(void **state)
{
	(void)state;
	struct pp_diags d;
	int rc;
	struct pp_doc *doc = parse_and_check(
		HEAD "<documents><document id='d' output='d'>\n"
		     "<section title='S'>\n"
		     "  <p id='x'>see <ref to='nothing'/></p>\n"
		     "  <p>see <ref to='x'/></p>\n"
		     "  <ul><li id='u'>see <ref to='u'/></li></ul>\n"
		     "  <ol numbering='(z)'><li>x</li></ol>\n"
		     "</section></document></documents></plan>\n",
		&d, &rc);
	assert_int_equal(rc, -1);
	assert_int_equal(d.n_entries, 4);
	entry_is(&d, 0, PP_MSG_BAD_NUMBERING, 8, 3);
	entry_is(&d, 1, PP_MSG_REF_UNKNOWN, 5, 17);
	entry_is(&d, 2, PP_MSG_REF_UNNUMBERED, 6, 10);
	entry_is(&d, 3, PP_MSG_REF_UNNUMBERED, 7, 22);
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

/* join="and" belongs on a leads column: elsewhere it is an error there. */
static void join_only_on_leads(void **state)
{
	(void)state;
	expect_one(HEAD "<documents><document id='d' output='d'>\n"
		   "<priority-table><column field='title' join='and'>T</column></priority-table>\n"
		   "</document></documents></plan>",
		   PP_MSG_JOIN_NOT_LEADS, 4, 17,
		   "join=\"and\" joins the leads of a cell; column \"title\" holds no leads (use it on "
		   "a leads or action-leads column)");
	struct pp_diags d;
	int rc;
	struct pp_doc *doc = parse_and_check(
		HEAD "<documents><document id='d' output='d'>\n"
		     "<priority-table><column field='leads' join='and'>L</column></priority-table>\n"
		     "</document></documents></plan>",
		&d, &rc);
	assert_int_equal(rc, 0);
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(clean_plan_passes_and_is_completed),
		cmocka_unit_test(missing_update_is_a_warning),
		cmocka_unit_test(duplicate_id_has_a_note_at_the_first),
		cmocka_unit_test(unknown_framework_item),
		cmocka_unit_test(unknown_period),
		cmocka_unit_test(unknown_theme_group_priority),
		cmocka_unit_test(unknown_rag_word),
		cmocka_unit_test(malformed_dates_and_quarters),
		cmocka_unit_test(empty_required_text),
		cmocka_unit_test(column_fields_and_widths),
		cmocka_unit_test(widths_parse_every_form),
		cmocka_unit_test(duplicate_update_per_period),
		cmocka_unit_test(output_names_are_safe_and_unique),
		cmocka_unit_test(no_documents),
		cmocka_unit_test(poster_span_and_chart_series),
		cmocka_unit_test(poster_documents_default_to_a3_landscape),
		cmocka_unit_test(every_error_is_reported),
		cmocka_unit_test(statuses_resolve_in_their_scale),
		cmocka_unit_test(status_not_in_scale_lists_the_values),
		cmocka_unit_test(status_colours_are_checked),
		cmocka_unit_test(custom_values_are_typed),
		cmocka_unit_test(field_declarations_and_columns),
		cmocka_unit_test(documents_override_facts_and_name_their_period),
		cmocka_unit_test(numbers_are_worked_out),
		cmocka_unit_test(refs_must_name_numbered_things),
		cmocka_unit_test(join_only_on_leads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
