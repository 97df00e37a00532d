/* SPDX-License-Identifier: MIT */
/*
 * test_layout_matrix.c - the plan-on-a-page grid: seed 000's matrix fits
 * one A3 (and its own A4) landscape page at 6 pt or more; every text box
 * lies inside its cell, turned labels inside their header cell; marks are
 * centred in their cells and match the plan's aligns cell for cell; the
 * grid is a Table with TH headers; 40 priorities x 30 columns stay
 * legible; short labels stay upright; the style's matrix colours contrast.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "layout_fixture.h"
#include "support.h"

static struct pp_layout_ctx *ctx;

/* ---------- helpers ------------------------------------------------------- */

static double box_size(const struct pp_box *b)
{
	return fx_box_size(b);
}

static int is_mark(const struct pp_box *b)
{
	return b->kind == PP_BOX_TEXT && b->snode && b->snode->role == PP_ROLE_TD;
}

struct stats {
	size_t in_cells, rotated, marks;
	double min_size;
};

/* Every text box that sits in a cell lies inside it (0.01 pt slack), its
 * lines no wider than the box; marks are centred (ink) within 0.5 pt. */
static struct stats check_pages(const struct pp_pages *pages)
{
	struct stats st = { 0, 0, 0, 1e9 };
	for (size_t i = 0; i < pages->n_pages; i++) {
		const struct pp_page *p = &pages->pages[i];
		for (size_t k = 0; k < p->n_boxes; k++) {
			const struct pp_box *b = &p->boxes[k];
			if (b->kind != PP_BOX_TEXT)
				continue;
			double size = box_size(b); /* 0: draws no glyph */
			if (size > 0 && size < st.min_size)
				st.min_size = size;
			const struct pp_box *c = fx_cell_at(p, b->x + b->w / 2, b->y + b->h / 2);
			if (!c)
				continue; /* caption, key, running footer */
			st.in_cells++;
			if (b->x < c->x - 0.01 || b->y < c->y - 0.01 ||
			    b->x + b->w > c->x + c->w + 0.01 || b->y + b->h > c->y + c->h + 0.01) {
				char *t = fx_box_text(b);
				fprintf(stderr, "page %zu: \"%s\" %.2f %.2f %.2f %.2f outside cell %.2f %.2f %.2f %.2f\n",
					i + 1, t, b->x, b->y, b->w, b->h, c->x, c->y, c->w, c->h);
				free(t);
				fail();
			}
			PangoRectangle ink, logical;
			fx_box_extents(b, &ink, &logical);
			/* No line wider than its wrapping width (the turned
			 * label's is the box height). */
			double across = b->rotation != 0 ? b->h : b->w;
			assert_true((double)logical.width / PANGO_SCALE <= across + 0.01);
			if (b->rotation != 0) {
				st.rotated++;
				assert_true((double)logical.height / PANGO_SCALE <= b->w + 0.01);
			}
			if (is_mark(b)) {
				st.marks++;
				double cx = b->x + ((double)ink.x + ink.width / 2.0) / PANGO_SCALE;
				double cy = b->y + ((double)ink.y + ink.height / 2.0) / PANGO_SCALE;
				double dx = cx - (c->x + c->w / 2), dy = cy - (c->y + c->h / 2);
				assert_true(dx < 0.5 && dx > -0.5);
				assert_true(dy < 0.5 && dy > -0.5);
				assert_string_equal(b->snode->alt, "aligned");
			}
		}
	}
	return st;
}

/* Marks per body row (TR under TBody, in order) against the aligns of the
 * priorities to items under the matrix's groups. */
static void collect_rows(const struct pp_snode *n, const struct pp_snode **rows, size_t *nr)
{
	if (n->role == PP_ROLE_TR && n->parent && n->parent->role == PP_ROLE_TBODY) {
		rows[(*nr)++] = n;
		return;
	}
	for (size_t i = 0; i < n->n_children; i++)
		collect_rows(n->children[i], rows, nr);
}

static size_t row_marks(const struct pp_snode *tr)
{
	size_t n = 0;
	for (size_t i = 0; i < tr->n_children; i++)
		n += tr->children[i]->role == PP_ROLE_TD && tr->children[i]->alt &&
		     strcmp(tr->children[i]->alt, "aligned") == 0;
	return n;
}

static int under(const struct pp_fw_group *g, const struct pp_fw_group *top)
{
	if (g == top)
		return 1;
	for (size_t i = 0; i < top->n_groups; i++)
		if (under(g, &top->groups[i]))
			return 1;
	return 0;
}

static size_t aligned_in(const struct pp_priority *p, const struct pp_matrix *m)
{
	size_t n = 0;
	for (size_t k = 0; k < p->n_aligns; k++)
		for (size_t gi = 0; gi < m->n_group_ids; gi++)
			if (p->aligns[k].item && under(p->aligns[k].item->group, m->groups[gi])) {
				n++;
				break;
			}
	return n;
}

static void check_marks_match(const struct pp_pages *pages, const struct pp_doc *doc,
			      const struct pp_matrix *m, size_t expect_rows)
{
	const struct pp_snode **rows = pp_xcalloc(1000, sizeof *rows);
	size_t nr = 0;
	collect_rows(pages->root, rows, &nr);
	assert_int_equal(nr, expect_rows);
	size_t r = 0;
	for (size_t ti = 0; ti < doc->n_themes; ti++)
		for (size_t pi = 0; pi < doc->themes[ti].n_priorities; pi++, r++)
			assert_int_equal(row_marks(rows[r]),
					 aligned_in(&doc->themes[ti].priorities[pi], m));
	free(rows);
}

static const struct pp_view *find_matrix(const struct pp_view *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (v[i].kind == PP_VIEW_MATRIX)
			return &v[i];
		if (v[i].kind == PP_VIEW_SECTION) {
			const struct pp_view *m =
				find_matrix(v[i].u.section.children, v[i].u.section.n_children);
			if (m)
				return m;
		}
	}
	return NULL;
}

/* Lay the matrix view out alone on a page of the given size. */
static struct pp_pages *lay_alone(const struct pp_doc *doc, const struct pp_view *v,
				  enum pp_page_size size, const struct pp_style *style,
				  struct pp_diags *diags)
{
	struct pp_document d = { 0 };
	d.id = (char *)"t";
	d.output = (char *)"t";
	d.page = size;
	d.orientation = PP_LANDSCAPE;
	d.views = (struct pp_view *)v;
	d.n_views = 1;
	pp_diags_init(diags, NULL);
	struct pp_pages *pages = pp_layout_document(ctx, doc, &d, style, diags);
	assert_non_null(pages);
	return pages;
}

static struct pp_doc *load_seed(struct pp_diags *diags)
{
	size_t len;
	char *xml = pp_test_read_source("input/bolton-childrens-directorate-plan-2022-24.xml", &len);
	assert_non_null(xml);
	pp_diags_init(diags, NULL);
	struct pp_doc *doc = pp_test_load(xml, diags);
	free(xml);
	assert_non_null(doc);
	return doc;
}

/* ---------- tests --------------------------------------------------------- */

static void test_seed_fits_a3_landscape(void **state)
{
	(void)state;
	struct pp_diags ld, diags;
	struct pp_doc *doc = load_seed(&ld);
	const struct pp_view *v = find_matrix(doc->documents[0].views, doc->documents[0].n_views);
	assert_non_null(v);
	struct pp_pages *pages =
		lay_alone(doc, v, PP_PAGE_A3, pp_test_style("bolton"), &diags);
	assert_int_equal(pages->n_pages, 1);
	assert_int_equal(pp_diags_count(&diags, PP_MSG_LAYOUT_OVERFLOW), 0);
	struct stats st = check_pages(pages);
	assert_true(st.min_size >= 6.0);
	assert_true(st.rotated >= 15); /* long leaf labels turned */
	/* 6 priorities: 66 marks in seed 000's grid */
	assert_int_equal(st.marks, 11 + 11 + 12 + 11 + 11 + 14);
	check_marks_match(pages, doc, &v->u.matrix, 6);
	/* every priority title and framework label is on the page */
	const struct pp_page *p = &pages->pages[0];
	assert_true(fx_page_has_text(p, "Develop and embed a sufficient"));
	assert_true(fx_page_has_text(p, "Strategic Intelligence, Performance and Delivery"));
	assert_true(fx_page_has_text(p, "Place Leadership role of the Council"));
	assert_true(fx_page_has_text(p, "Key:"));
	assert_true(fx_page_has_text(p, "2022-24")); /* the period */
	pp_pages_free(pages);
	pp_diags_fini(&diags);
	pp_doc_free(doc);
	pp_diags_fini(&ld);
}

static void test_seed_fits_its_own_a4_page(void **state)
{
	(void)state;
	struct pp_diags ld, diags;
	struct pp_doc *doc = load_seed(&ld);
	const struct pp_view *v = find_matrix(doc->documents[0].views, doc->documents[0].n_views);
	struct pp_pages *pages =
		lay_alone(doc, v, PP_PAGE_A4, pp_test_style("bolton"), &diags);
	assert_int_equal(pages->n_pages, 1);
	struct stats st = check_pages(pages);
	assert_true(st.min_size >= 6.0);
	assert_int_equal(st.marks, 70);
	pp_pages_free(pages);
	pp_diags_fini(&diags);
	pp_doc_free(doc);
	pp_diags_fini(&ld);
}

/* The grid is a table for screen readers: column headers TH scope=column
 * (group headers spanning their leaves), row headers TH scope=row, the
 * theme's spanning its rows, a Caption. */
static int find_th(const struct pp_snode *n, enum pp_scope scope, unsigned col_span,
		   unsigned row_span)
{
	if (n->role == PP_ROLE_TH && n->scope == scope && n->col_span == col_span &&
	    n->row_span == row_span)
		return 1;
	for (size_t i = 0; i < n->n_children; i++)
		if (find_th(n->children[i], scope, col_span, row_span))
			return 1;
	return 0;
}

static void test_structure_is_a_table(void **state)
{
	(void)state;
	struct pp_diags ld, diags;
	struct pp_doc *doc = load_seed(&ld);
	const struct pp_view *v = find_matrix(doc->documents[0].views, doc->documents[0].n_views);
	struct pp_pages *pages = lay_alone(doc, v, PP_PAGE_A3, pp_test_style("bolton"), &diags);
	assert_int_equal(fx_count_role(pages->root, PP_ROLE_TABLE), 1);
	assert_int_equal(fx_count_role(pages->root, PP_ROLE_CAPTION), 1);
	assert_int_equal(fx_count_role(pages->root, PP_ROLE_TD), 6 * 21);
	assert_true(find_th(pages->root, PP_SCOPE_COLUMN, 10, 1)); /* One Borough */
	assert_true(find_th(pages->root, PP_SCOPE_COLUMN, 6, 1));  /* Vision outcomes */
	assert_true(find_th(pages->root, PP_SCOPE_COLUMN, 1, 3));  /* Directorate theme */
	assert_true(find_th(pages->root, PP_SCOPE_ROW, 1, 5));	   /* best start: 5 rows */
	assert_true(find_th(pages->root, PP_SCOPE_ROW, 1, 1));	   /* a priority */
	pp_pages_free(pages);
	pp_diags_fini(&diags);
	pp_doc_free(doc);
	pp_diags_fini(&ld);
}

/* 40 priorities in 4 themes by 30 columns in 2 groups of 3 sub-groups. */
static char *big_xml(size_t n_items, const char *page, int long_labels)
{
	size_t cap = 1 << 16, n = 0;
	char *s = pp_xmalloc(cap);
#define OUT(...)                                                                   \
	do {                                                                       \
		char *t_ = pp_xasprintf(__VA_ARGS__);                              \
		size_t l_ = strlen(t_);                                            \
		PP_GROW(s, n + l_ + 1, cap);                                       \
		memcpy(s + n, t_, l_ + 1);                                         \
		n += l_;                                                           \
		free(t_);                                                          \
	} while (0)
	OUT("<plan xmlns=\"urn:planpress:plan:1\"><facts><organisation>Test Council</organisation>"
	    "<title>Big Plan</title><period>2030-35</period></facts><framework>");
	for (size_t g = 0; g < 2; g++) {
		OUT("<group id=\"g%zu\" label=\"Outer group number %zu\">", g, g + 1);
		for (size_t h = 0; h < 3 && n_items > 3; h++) {
			OUT("<group id=\"g%zu-%zu\" label=\"Inner group %zu.%zu\">", g, h, g + 1, h + 1);
			for (size_t i = 0; i < n_items / 6; i++)
				OUT("<item id=\"i%zu-%zu-%zu\">%s %zu</item>", g, h, i,
				    long_labels ? "A framework outcome with a long name" : "Item", i + 1);
			OUT("</group>");
		}
		if (n_items <= 3)
			OUT("<item id=\"i%zu\">Item %zu</item>", g, g + 1);
		OUT("</group>");
	}
	OUT("</framework><themes>");
	for (size_t t = 0; t < 4; t++) {
		OUT("<theme id=\"t%zu\" title=\"Theme %zu of the big plan\">", t, t + 1);
		for (size_t p = 0; p < 10; p++) {
			OUT("<priority id=\"p%zu-%zu\"><title>Priority %zu.%zu: deliver the outcomes "
			    "the borough asked for, with partners, on time and within budget</title>",
			    t, p, t + 1, p + 1);
			OUT("<align to=\"");
			if (n_items > 3) {
				for (size_t g = 0; g < 2; g++)
					for (size_t h = 0; h < 3; h++)
						for (size_t i = 0; i < n_items / 6; i++)
							if ((t + p + g + h + i) % 3 == 0)
								OUT("i%zu-%zu-%zu ", g, h, i);
			} else {
				OUT("i%zu", p % 2);
			}
			OUT("\"/></priority>");
		}
		OUT("</theme>");
	}
	OUT("</themes><documents><document id=\"d\" output=\"d\" page=\"%s\" "
	    "orientation=\"landscape\"><matrix groups=\"g0 g1\" title=\"Big matrix\">"
	    "<column field=\"theme\">Theme</column><column field=\"ref\">Ref</column>"
	    "<column field=\"title\">Priority</column></matrix></document></documents></plan>",
	    page);
#undef OUT
	return s;
}

static void test_40_by_30_stays_legible(void **state)
{
	(void)state;
	struct pp_diags ld, diags;
	char *xml = big_xml(30, "A3", 1);
	pp_diags_init(&ld, NULL);
	struct pp_doc *doc = pp_test_load(xml, &ld);
	free(xml);
	assert_non_null(doc);
	struct pp_pages *pages = lay_alone(doc, &doc->documents[0].views[0], PP_PAGE_A3,
					   pp_test_style("default"), &diags);
	struct stats st = check_pages(pages);
	assert_true(st.min_size >= 6.0);
	assert_int_equal(st.rotated, 30);
	check_marks_match(pages, doc, &doc->documents[0].views[0].u.matrix, 40);
	/* When it continues, every page repeats the header. */
	for (size_t i = 0; i < pages->n_pages; i++)
		assert_true(fx_page_has_text(&pages->pages[i], "Outer group number 2"));
	pp_pages_free(pages);
	pp_diags_fini(&diags);
	pp_doc_free(doc);
	pp_diags_fini(&ld);
}

/* Too big for one A4 page even at 6 pt: the grid continues with its
 * header repeated (artifacts) and the rows not lost. */
static void test_continues_with_header_repeated(void **state)
{
	(void)state;
	struct pp_diags ld, diags;
	char *xml = big_xml(30, "A4", 1);
	pp_diags_init(&ld, NULL);
	struct pp_doc *doc = pp_test_load(xml, &ld);
	free(xml);
	struct pp_pages *pages = lay_alone(doc, &doc->documents[0].views[0], PP_PAGE_A4,
					   pp_test_style("default"), &diags);
	assert_true(pages->n_pages >= 2);
	assert_int_equal(pp_diags_count(&diags, PP_MSG_LAYOUT_OVERFLOW), 1);
	struct stats st = check_pages(pages);
	assert_true(st.min_size >= 6.0);
	for (size_t i = 0; i < pages->n_pages; i++)
		assert_true(fx_page_has_text(&pages->pages[i], "Inner group 2.3"));
	check_marks_match(pages, doc, &doc->documents[0].views[0].u.matrix, 40);
	assert_int_equal(fx_count_role(pages->root, PP_ROLE_TABLE), 1);
	assert_int_equal(fx_count_role(pages->root, PP_ROLE_THEAD), 1);
	pp_pages_free(pages);
	pp_diags_fini(&diags);
	pp_doc_free(doc);
	pp_diags_fini(&ld);
}

static void test_short_labels_stay_upright(void **state)
{
	(void)state;
	struct pp_diags ld, diags;
	char *xml = big_xml(2, "A4", 0);
	pp_diags_init(&ld, NULL);
	struct pp_doc *doc = pp_test_load(xml, &ld);
	free(xml);
	assert_non_null(doc);
	struct pp_pages *pages = lay_alone(doc, &doc->documents[0].views[0], PP_PAGE_A4,
					   pp_test_style("default"), &diags);
	struct stats st = check_pages(pages);
	assert_int_equal(st.rotated, 0);
	assert_int_equal(st.marks, 40);
	pp_pages_free(pages);
	pp_diags_fini(&diags);
	pp_doc_free(doc);
	pp_diags_fini(&ld);
}

PP_LAYOUT_TEST_MAIN(
	cmocka_unit_test(test_seed_fits_a3_landscape),
	cmocka_unit_test(test_seed_fits_its_own_a4_page),
	cmocka_unit_test(test_structure_is_a_table),
	cmocka_unit_test(test_40_by_30_stays_legible),
	cmocka_unit_test(test_continues_with_header_repeated),
	cmocka_unit_test(test_short_labels_stay_upright))
