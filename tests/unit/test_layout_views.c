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
	return pp_layout_document(ctx, *doc, &(*doc)->documents[0], pp_test_style("default"), diags);
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

/* A plan whose one document is a section holding `chart` (built by the caller). */
static struct pp_pages *lay_chart(const char *chart, struct pp_doc **d, struct pp_diags *diags)
{
	char *xml = pp_xasprintf("<plan xmlns=\"urn:planpress:plan:1\"><facts><organisation>O"
				 "</organisation><title>T</title></facts><documents>"
				 "<document id=\"d\" output=\"d\"><section title=\"S\">%s</section>"
				 "</document></documents></plan>",
				 chart);
	struct pp_pages *pages = lay(xml, d, diags);
	free(xml);
	return pages;
}

/* Append "<point x=.. y=../>" for each category of `xs` (NULL-ended) and value. */
static char *series_xml(const char *name, const char *const *xs, const double *ys, size_t n)
{
	char *s = pp_xasprintf("<series name=\"%s\">", name);
	for (size_t i = 0; i < n; i++) {
		char *t = pp_xasprintf("%s<point x=\"%s\" y=\"%g\"/>", s, xs[i], ys[i]);
		free(s);
		s = t;
	}
	char *t = pp_xasprintf("%s</series>", s);
	free(s);
	return t;
}

static int is_bar(const struct pp_box *b)
{
	return b->kind == PP_BOX_RECT && b->has_fill && !b->has_stroke &&
	       !(b->w == 3.5 && b->h == 3.5) && b->w < 200;
}

/* A negative value is a bar down from the zero line, on the same scale. */
static void test_chart_negative_values(void **state)
{
	(void)state;
	const char *xs[] = {"Q1", "Q2"};
	double ys[] = {-2, 3};
	char *se = series_xml("Variance", xs, ys, 2);
	char *chart = pp_xasprintf("<chart type=\"bar\" title=\"Budget\">%s</chart>", se);
	struct pp_diags diags;
	struct pp_doc *d;
	struct pp_pages *pages = lay_chart(chart, &d, &diags);
	const struct pp_box *bars[2] = {NULL, NULL};
	size_t n = 0;
	for (size_t k = 0; k < pages->pages[0].n_boxes; k++)
		if (is_bar(&pages->pages[0].boxes[k]) && n < 2)
			bars[n++] = &pages->pages[0].boxes[k];
	assert_int_equal(n, 2);
	/* The negative bar starts where the positive one ends: the zero line. */
	assert_true(bars[0]->y - (bars[1]->y + bars[1]->h) < 0.01);
	assert_true(bars[0]->y - (bars[1]->y + bars[1]->h) > -0.01);
	assert_true(bars[0]->h > 1);
	/* Heights in proportion to the values, 2 : 3. */
	assert_true(bars[0]->h / 2 - bars[1]->h / 3 < 0.01 && bars[0]->h / 2 - bars[1]->h / 3 > -0.01);
	pp_pages_free(pages);
	pp_doc_free(d);
	pp_diags_fini(&diags);
	free(chart);
	free(se);
}

/*
 * Category labels: level and whole when their words fit their slots; turned
 * a quarter turn when a word does not; only every k-th when even turned
 * labels would touch. Never broken inside a word, never overlapping.
 */
static void check_labels(size_t n_cat, int want_turned, int want_all)
{
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	char **xs = pp_xcalloc(n_cat, sizeof *xs);
	const char **cx = pp_xcalloc(n_cat, sizeof *cx);
	double *ys = pp_xcalloc(n_cat, sizeof *ys);
	for (size_t i = 0; i < n_cat; i++) {
		xs[i] = n_cat <= 4 ? pp_xasprintf("Q%zu", i + 1)
				   : pp_xasprintf("%s %zu", months[i % 12], 2000 + i / 12);
		cx[i] = xs[i];
		ys[i] = (double)(i % 7);
	}
	char *se = series_xml("Children", cx, ys, n_cat);
	char *chart = pp_xasprintf("<chart type=\"bar\" title=\"Trend\">%s</chart>", se);
	struct pp_diags diags;
	struct pp_doc *d;
	struct pp_pages *pages = lay_chart(chart, &d, &diags);
	const struct pp_page *pg = &pages->pages[0];
	size_t found = 0, turned = 0;
	double last_right = -1;
	for (size_t k = 0; k < pg->n_boxes; k++) {
		const struct pp_box *b = &pg->boxes[k];
		if (b->kind != PP_BOX_TEXT)
			continue;
		char *t = fx_box_text(b);
		size_t i = 0;
		while (i < n_cat && strcmp(t, xs[i]) != 0)
			i++;
		free(t);
		if (i == n_cat)
			continue; /* not a category label */
		found++;
		turned += b->rotation == 90;
		/* left to right, apart */
		assert_true(b->x >= last_right);
		last_right = b->x + b->w;
		assert_true(b->y + b->h <= pg->height);
	}
	assert_int_equal(turned, want_turned ? found : 0);
	if (want_all)
		assert_int_equal(found, n_cat);
	else
		assert_true(found > 5 && found < n_cat);
	pp_pages_free(pages);
	pp_doc_free(d);
	pp_diags_fini(&diags);
	for (size_t i = 0; i < n_cat; i++)
		free(xs[i]);
	free(xs);
	free(cx);
	free(ys);
	free(chart);
	free(se);
}

static void test_chart_labels_never_overlap(void **state)
{
	(void)state;
	check_labels(4, 0, 1);	  /* Q1..Q4: level */
	check_labels(36, 1, 1);	  /* three years of months: turned, every one */
	check_labels(600, 1, 0);  /* fifty years of months: turned, every k-th */
}

/* Hundreds of series with long names under a 3,000-word title still make a
 * chart that fits its page: the legend is at most six rows and says how
 * many more series there are. */
static void test_chart_height_is_bounded(void **state)
{
	(void)state;
	const char *xs[] = {"2019", "2020"};
	double ys[] = {1, 2};
	char *all = pp_xstrdup("");
	for (int i = 0; i < 300; i++) {
		char name[64];
		snprintf(name, sizeof name, "Placements in independent fostering %d", i);
		char *se = series_xml(name, xs, ys, 2);
		char *t = pp_xasprintf("%s%s", all, se);
		free(all);
		free(se);
		all = t;
	}
	char *title = pp_xstrdup("");
	for (int i = 0; i < 3000; i++) {
		char *t = pp_xasprintf("%sword ", title);
		free(title);
		title = t;
	}
	char *chart = pp_xasprintf("<chart type=\"line\" title=\"%s\" x-label=\"%s\">%s</chart>",
				   title, title, all);
	struct pp_diags diags;
	struct pp_doc *d;
	struct pp_pages *pages = lay_chart(chart, &d, &diags);
	const struct pp_page *pg = &pages->pages[0];
	int more = 0;
	for (size_t pi = 0; pi < pages->n_pages; pi++)
		for (size_t k = 0; k < pages->pages[pi].n_boxes; k++) {
			const struct pp_box *b = &pages->pages[pi].boxes[k];
			assert_true(b->y + b->h <= pages->pages[pi].height);
			if (b->kind == PP_BOX_TEXT) {
				char *t = fx_box_text(b);
				more |= strncmp(t, "and ", 4) == 0 && strstr(t, " more") != NULL;
				free(t);
			}
		}
	assert_true(more);
	/* The whole chart is on the section's first page. */
	assert_true(pages->n_pages <= 2);
	(void)pg;
	pp_pages_free(pages);
	pp_doc_free(d);
	pp_diags_fini(&diags);
	free(chart);
	free(title);
	free(all);
}

/* A chart in a response column narrower than its axis is still drawn, in
 * finite time (the slot for each category is then 0 or less wide). */
static void test_chart_in_a_sliver(void **state)
{
	(void)state;
	static const char xml[] =
		"<plan xmlns=\"urn:planpress:plan:1\"><facts><organisation>O</organisation>"
		"<title>T</title></facts><documents><document id=\"d\" output=\"d\">"
		"<assessment><column field=\"theme\" width=\"48%\">Theme</column>"
		"<column field=\"question\" width=\"48%\">Questions</column>"
		"<column field=\"response\" width=\"4%\">Responses</column>"
		"<area title=\"Care\"><question><ask>How?</ask><response>"
		"<chart type=\"bar\" title=\"Trend\"><series name=\"A\"><point x=\"2014\" y=\"10\"/>"
		"<point x=\"2015\" y=\"-20\"/><point x=\"2016\" y=\"15\"/></series></chart>"
		"</response></question></area></assessment></document></documents></plan>";
	struct pp_diags diags;
	struct pp_doc *d;
	struct pp_pages *pages = lay(xml, &d, &diags);
	assert_non_null(pages);
	assert_int_equal(fx_count_role(pages->root, PP_ROLE_FIGURE), 1);
	pp_pages_free(pages);
	pp_doc_free(d);
	pp_diags_fini(&diags);
}

/*
 * A table too wide for its columns' widest words (36 months of figures on
 * a portrait page) is set as parts of whole columns, the row headers
 * repeated, the months shared evenly; no figure is broken.
 */
static void test_wide_table_in_parts(void **state)
{
	(void)state;
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	char *xml = pp_xstrdup("<table><caption>Children looked after</caption><tr><th>Measure</th>");
	for (int i = 0; i < 36; i++) {
		char *t = pp_xasprintf("%s<th>%s %d</th>", xml, months[i % 12], 19 + i / 12);
		free(xml);
		xml = t;
	}
	for (int r = 0; r < 3; r++) {
		char *t = pp_xasprintf("%s</tr><tr><th>Row %d</th>", xml, r);
		free(xml);
		xml = t;
		for (int i = 0; i < 36; i++) {
			t = pp_xasprintf("%s<td>%d</td>", xml, 10000 + r * 100 + i);
			free(xml);
			xml = t;
		}
	}
	char *t = pp_xasprintf("%s</tr></table>", xml);
	free(xml);
	xml = t;
	struct pp_diags diags;
	struct pp_doc *d;
	struct pp_pages *pages = lay_chart(xml, &d, &diags);
	assert_int_equal(fx_count_role(pages->root, PP_ROLE_TABLE), 3);
	char *all = page_texts(pages);
	/* every figure whole, on one line of its cell */
	for (int r = 0; r < 3; r++)
		for (int i = 0; i < 36; i++) {
			char want[32];
			snprintf(want, sizeof want, "|%d|", 10000 + r * 100 + i);
			assert_non_null(strstr(all, want));
		}
	/* the row headers in each part; the parts are 12 months each */
	const char *p = all;
	int rows = 0;
	while ((p = strstr(p, "|Row 1|")) != NULL)
		rows++, p++;
	assert_int_equal(rows, 3);
	assert_non_null(strstr(all, "|Children looked after|Measure|Jan 19|"));
	assert_non_null(strstr(all, "|Children looked after (continued)|Measure|Jan 20|"));
	assert_non_null(strstr(all, "|Children looked after (continued)|Measure|Jan 21|"));
	free(all);
	pp_pages_free(pages);
	pp_doc_free(d);
	pp_diags_fini(&diags);
	free(xml);
}

PP_LAYOUT_TEST_MAIN(
	cmocka_unit_test(test_textless_first_action_is_the_priority),
	cmocka_unit_test(test_action_success_spans_its_lines),
	cmocka_unit_test(test_report_front_and_signature),
	cmocka_unit_test(test_table_and_chart_in_cell),
	cmocka_unit_test(test_chart_negative_values),
	cmocka_unit_test(test_chart_labels_never_overlap),
	cmocka_unit_test(test_chart_height_is_bounded),
	cmocka_unit_test(test_wide_table_in_parts),
	cmocka_unit_test(test_chart_in_a_sliver))
