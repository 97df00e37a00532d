/* SPDX-License-Identifier: MIT */
/*
 * test_layout_views.c - seed 004's priority-table fields (a text-less first
 * action prints its priority, ref-title, action-success spanning the
 * action's lines), the report front and signature, and tables and charts
 * drawn inside table cells.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <cmocka.h>

#include "layout_fixture.h"
#include "support.h"

static struct pp_layout_ctx *ctx;

#define PLAN_HEAD                                                                          \
	"<plan xmlns=\"urn:planpress:plan:1\"><facts><organisation>O</organisation>"        \
	"<title>Delivering the Priorities</title><committee>People Scrutiny Committee"      \
	"</committee><meeting date=\"2019-12-03\">3rd December 2019</meeting>"            \
	"<author role=\"Head of Service\">Imran Akuji</author></facts>"

static const char table_xml[] =
	PLAN_HEAD
	"<themes><theme id=\"sl\" title=\"Strategic Leadership\">"
	"<priority id=\"p1\" ref=\"1\"><title>Retain Corporate Support</title>"
	"<action><line rag=\"GREEN\"><impact><p>Impact one</p></impact></line></action>"
	"<action label=\"a.\"><text><p>Listen to children</p></text>"
	"<success><p>Shared success</p></success>"
	"<line rag=\"AMBER\"><impact><p>Impact two</p></impact></line>"
	"<line rag=\"RED\"><impact><p>Impact three</p></impact></line>"
	"<line rag=\"GREEN\"><impact><p>Impact four</p></impact></line></action>"
	"<action><line rag=\"GREEN\"><impact><p>Impact five</p></impact></line></action>"
	"</priority></theme></themes>"
	"<documents><document id=\"d\" output=\"d\" orientation=\"landscape\">"
	"<priority-table><column field=\"ref-title\" width=\"20%\">Priority</column>"
	"<column field=\"action\" width=\"25%\">Action</column>"
	"<column field=\"action-success\" width=\"25%\">Success</column>"
	"<column field=\"impact\" width=\"20%\">Impact</column>"
	"<column field=\"line-rag\" width=\"10%\">RAG</column></priority-table>"
	"</document></documents></plan>";

/* The text of every structured TEXT box, joined by '|'. */
static char *page_texts(const struct pp_pages *pages)
{
	size_t cap = 1024, n = 0;
	char *out = pp_xmalloc(cap);
	out[0] = '\0';
	for (size_t pi = 0; pi < pages->n_pages; pi++)
		for (size_t k = 0; k < pages->pages[pi].n_boxes; k++) {
			const struct pp_box *b = &pages->pages[pi].boxes[k];
			if (b->kind != PP_BOX_TEXT)
				continue;
			char *t = fx_box_text(b);
			size_t len = strlen(t);
			PP_GROW(out, n + len + 2, cap);
			memcpy(out + n, t, len);
			n += len;
			out[n++] = '|';
			out[n] = '\0';
			free(t);
		}
	return out;
}

static const struct pp_snode *find_td_with(const struct pp_pages *pages, const char *text)
{
	for (size_t pi = 0; pi < pages->n_pages; pi++)
		for (size_t k = 0; k < pages->pages[pi].n_boxes; k++) {
			const struct pp_box *b = &pages->pages[pi].boxes[k];
			if (b->kind != PP_BOX_TEXT || !b->snode)
				continue;
			char *t = fx_box_text(b);
			int hit = strcmp(t, text) == 0;
			free(t);
			if (!hit)
				continue;
			const struct pp_snode *s = b->snode;
			while (s && s->role != PP_ROLE_TD)
				s = s->parent;
			return s;
		}
	return NULL;
}

static struct pp_pages *lay(const char *xml, struct pp_doc **doc, struct pp_diags *diags)
{
	pp_diags_init(diags, stderr);
	*doc = pp_test_load(xml, diags);
	assert_non_null(*doc);
	return pp_layout_document(ctx, *doc, &(*doc)->documents[0], pp_style_default(), diags);
}

static void test_textless_first_action_is_the_priority(void **state)
{
	(void)state;
	struct pp_diags diags;
	struct pp_doc *d;
	struct pp_pages *pages = lay(table_xml, &d, &diags);
	char *all = page_texts(pages);
	/* The first action prints the priority's title, marked "1)" from
	 * the ref; the text-less third action prints nothing. */
	assert_non_null(strstr(all, "|1)|Retain Corporate Support|"));
	assert_non_null(strstr(all, "|a.|Listen to children|"));
	/* ref-title: "1 Retain ..." in the Priority column. */
	assert_non_null(strstr(all, "|1 Retain Corporate Support|"));
	/* The title is printed twice (Priority and Action), never three times. */
	const char *p = all;
	int n = 0;
	while ((p = strstr(p, "Retain Corporate Support")) != NULL) {
		n++;
		p++;
	}
	assert_int_equal(n, 2);
	free(all);
	pp_pages_free(pages);
	pp_doc_free(d);
	pp_diags_fini(&diags);
}

static void test_action_success_spans_its_lines(void **state)
{
	(void)state;
	struct pp_diags diags;
	struct pp_doc *d;
	struct pp_pages *pages = lay(table_xml, &d, &diags);
	const struct pp_snode *td = find_td_with(pages, "Shared success");
	assert_non_null(td);
	assert_int_equal(td->row_span, 3); /* the action's three lines */
	char *all = page_texts(pages);
	assert_non_null(strstr(all, "Shared success"));
	assert_null(strstr(strstr(all, "Shared success") + 1, "Shared success"));
	free(all);
	pp_pages_free(pages);
	pp_doc_free(d);
	pp_diags_fini(&diags);
}

static void test_report_front_and_signature(void **state)
{
	(void)state;
	static const char xml[] =
		PLAN_HEAD "<documents><document id=\"d\" output=\"d\"><cover kind=\"report\"/>"
		"<p>The narrative.</p>"
		"<section title=\"Appendix A\" appendix=\"yes\"><p>Appendix text.</p></section>"
		"</document></documents></plan>";
	struct pp_diags diags;
	struct pp_doc *d;
	struct pp_pages *pages = lay(xml, &d, &diags);
	char *all = page_texts(pages);
	/* committee and meeting, title, narrative, author, role, appendix */
	const char *a = strstr(all, "People Scrutiny Committee, 3rd December 2019|");
	const char *b = strstr(all, "|Delivering the Priorities|");
	const char *c = strstr(all, "|The narrative.|");
	const char *e = strstr(all, "|Imran Akuji|Head of Service|");
	const char *g = strstr(all, "|Appendix A|");
	assert_true(a == all);
	assert_true(a && b && c && e && g);
	assert_true(a < b && b < c && c < e && e < g);
	assert_int_equal(pages->n_pages, 1); /* a front, not a cover page */
	free(all);
	pp_pages_free(pages);
	pp_doc_free(d);
	pp_diags_fini(&diags);
}

/* A data table and a chart inside an assessment response are drawn: the
 * table's cells are TD/TH of their own Table, the chart a Figure of lines
 * and markers inside the cell. */
static void test_table_and_chart_in_cell(void **state)
{
	(void)state;
	static const char xml[] =
		"<plan xmlns=\"urn:planpress:plan:1\"><facts><organisation>O</organisation>"
		"<title>T</title></facts><documents><document id=\"d\" output=\"d\">"
		"<assessment><column field=\"theme\" width=\"20%\">Theme</column>"
		"<column field=\"question\" width=\"30%\">Questions</column>"
		"<column field=\"response\" width=\"50%\">Responses</column>"
		"<area title=\"Care\"><question><ask>How?</ask><response>"
		"<table><tr><th/><th>2014</th><th>2015</th></tr>"
		"<tr><th>Bolton</th><td>80.00</td><td>87.00</td></tr></table>"
		"<chart type=\"line\" title=\"Trend\"><series name=\"A\"><point x=\"1\" y=\"10\"/>"
		"<point x=\"2\" y=\"20\"/><point x=\"3\" y=\"15\"/></series></chart>"
		"</response></question></area></assessment></document></documents></plan>";
	struct pp_diags diags;
	struct pp_doc *d;
	struct pp_pages *pages = lay(xml, &d, &diags);
	/* outer table + inner data table */
	assert_int_equal(fx_count_role(pages->root, PP_ROLE_TABLE), 2);
	assert_int_equal(fx_count_role(pages->root, PP_ROLE_FIGURE), 1);
	const struct pp_snode *cell = find_td_with(pages, "87.00");
	assert_non_null(cell);
	assert_true(cell->parent && cell->parent->role == PP_ROLE_TR);
	char *all = page_texts(pages);
	assert_null(strstr(all, " | ")); /* no table flattened into text */
	free(all);
	size_t lines = 0, marks = 0;
	for (size_t pi = 0; pi < pages->n_pages; pi++)
		for (size_t k = 0; k < pages->pages[pi].n_boxes; k++) {
			const struct pp_box *b = &pages->pages[pi].boxes[k];
			lines += b->kind == PP_BOX_LINE && b->line_width > 1.4 && b->line_width < 1.6;
			marks += b->kind == PP_BOX_RECT && b->w == 3.5 && b->h == 3.5;
		}
	assert_int_equal(lines, 2); /* three points, two segments */
	assert_int_equal(marks, 3);
	pp_pages_free(pages);
	pp_doc_free(d);
	pp_diags_fini(&diags);
}

int main(void)
{
	struct pp_diags diags;
	pp_diags_init(&diags, stderr);
	ctx = pp_layout_ctx_new(&diags);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_textless_first_action_is_the_priority),
		cmocka_unit_test(test_action_success_spans_its_lines),
		cmocka_unit_test(test_report_front_and_signature),
		cmocka_unit_test(test_table_and_chart_in_cell),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	pp_layout_ctx_free(ctx);
	pp_diags_fini(&diags);
	return rc;
}
