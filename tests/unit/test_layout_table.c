/* SPDX-License-Identifier: MIT */
/*
 * test_layout_table.c - pagination invariants of priority tables: header
 * rows on every page, rows split between lines with no text lost or drawn
 * twice, "(continued)" group cells, one Table node across pages, boxes
 * inside the content box, long words kept inside their cells, stable page
 * counts and "Page X of Y" footers.
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

static char *short_text(size_t i)
{
	return pp_xasprintf("Commentary for priority %zu: work is on track and the "
			    "board reviewed progress in the quarter.",
			    i + 1);
}

static char *very_long_text(size_t i)
{
	size_t cap = 64, n = 0;
	char *s = pp_xmalloc(cap);
	s[0] = '\0';
	for (size_t k = 0; k < 260; k++) {
		char *w = pp_xasprintf("Sentence %zu of the long update number %zu describes the "
				       "work done. ",
				       k + 1, i + 1);
		size_t len = strlen(w);
		PP_GROW(s, n + len + 1, cap);
		memcpy(s + n, w, len + 1);
		n += len;
		free(w);
	}
	return s;
}

static char *long_word_text(size_t i)
{
	(void)i;
	char *s = pp_xmalloc(501);
	for (int k = 0; k < 500; k++)
		s[k] = (char)('a' + k % 26);
	s[500] = '\0';
	return s;
}

struct run {
	struct pp_doc *doc;
	struct pp_pages *pages;
	struct pp_diags diags;
};

static void lay(struct run *r, struct pp_doc *d)
{
	r->doc = d;
	pp_diags_init(&r->diags, NULL);
	r->pages = pp_layout_document(ctx, d, &d->documents[0], pp_test_style("default"), &r->diags);
	assert_non_null(r->pages);
}

static void done(struct run *r)
{
	pp_pages_free(r->pages);
	pp_doc_free(r->doc);
	pp_diags_fini(&r->diags);
}

/* Every body box lies inside the content box; only artifacts outside the
 * table (running header and footer) may be in the margins. */
static void check_inside(const struct pp_pages *pages, const struct pp_style *st)
{
	for (size_t i = 0; i < pages->n_pages; i++) {
		const struct pp_page *p = &pages->pages[i];
		double l = st->margin_left - 0.01, r = p->width - st->margin_right + 0.01;
		double t = st->margin_top - 0.01, b = p->height - st->margin_bottom + 0.01;
		for (size_t k = 0; k < p->n_boxes; k++) {
			const struct pp_box *bx = &p->boxes[k];
			int margin = bx->kind == PP_BOX_TEXT && !bx->snode &&
				     (bx->y + bx->h <= t || bx->y >= b);
			if (margin)
				continue; /* running header / footer */
			assert_true(bx->x >= l);
			assert_true(bx->x + bx->w <= r);
			assert_true(bx->y >= t);
			assert_true(bx->y + bx->h <= b);
		}
	}
}

/* The content text of each TD, gathered over all pages in order, equals
 * the cell's source text: nothing lost, nothing drawn twice. */
static void check_cells_complete(const struct pp_pages *pages, const struct pp_doc *d,
				 char *(*commentary)(size_t))
{
	size_t n_prio = 0;
	for (size_t t = 0; t < d->n_themes; t++)
		n_prio += d->themes[t].n_priorities;
	/* Commentary cells are the 4th column: their P snodes' TD parents. */
	char **got = pp_xcalloc(pages->n_snodes, sizeof *got);
	for (size_t i = 0; i < pages->n_pages; i++)
		for (size_t k = 0; k < pages->pages[i].n_boxes; k++) {
			const struct pp_box *b = &pages->pages[i].boxes[k];
			if (b->kind != PP_BOX_TEXT || !b->snode)
				continue;
			const struct pp_snode *td = fx_ancestor(b->snode, PP_ROLE_TD);
			if (!td)
				continue;
			char *t = fx_box_text(b);
			char *old = got[td->id];
			got[td->id] = pp_xasprintf("%s%s", old ? old : "", t);
			free(old);
			free(t);
		}
	size_t seen = 0;
	for (size_t t = 0; t < d->n_themes; t++)
		for (size_t i = 0; i < d->themes[t].n_priorities; i++) {
			char *want = commentary(i);
			int found = 0;
			for (size_t s = 0; s < pages->n_snodes; s++)
				if (got[s] && strcmp(got[s], want) == 0)
					found++;
			assert_true(found >= 1);
			seen++;
			free(want);
		}
	assert_int_equal(seen, n_prio);
	for (size_t s = 0; s < pages->n_snodes; s++)
		free(got[s]);
	free(got);
}

static void check_footers(const struct pp_pages *pages)
{
	for (size_t i = 0; i < pages->n_pages; i++) {
		char want[64];
		snprintf(want, sizeof want, "Page %zu of %zu", i + 1, pages->n_pages);
		assert_true(fx_page_has_text(&pages->pages[i], want));
	}
}

static void test_many_rows(void **state)
{
	(void)state;
	struct pp_doc *d = fx_doc(3);
	for (size_t t = 0; t < 3; t++)
		fx_priorities(d, t, 40, short_text, PP_RAG_GREEN);
	fx_table_document(d, PP_LANDSCAPE);
	struct run r;
	lay(&r, d);
	const struct pp_pages *pages = r.pages;
	assert_true(pages->n_pages >= 3);
	for (size_t i = 0; i < pages->n_pages; i++)
		assert_true(fx_page_has_text(&pages->pages[i], "Commentary"));
	check_inside(pages, pp_test_style("default"));
	check_cells_complete(pages, d, short_text);
	check_footers(pages);
	assert_int_equal(fx_count_role(pages->root, PP_ROLE_TABLE), 1);
	/* Every TD box belongs to that one table. */
	const struct pp_snode *table = NULL;
	for (size_t i = 0; i < pages->n_pages; i++)
		for (size_t k = 0; k < pages->pages[i].n_boxes; k++) {
			const struct pp_box *b = &pages->pages[i].boxes[k];
			const struct pp_snode *tb = b->snode ? fx_ancestor(b->snode, PP_ROLE_TABLE) : NULL;
			if (!tb)
				continue;
			if (!table)
				table = tb;
			assert_ptr_equal(tb, table);
		}
	assert_non_null(table);
	done(&r);
}

/* A table longer than several measuring chunks (layout_table.c makes and
 * measures rows 512 at a time, and frees them once placed): every cell
 * still appears exactly once, in one Table, with every footer. */
static void test_rows_made_in_chunks(void **state)
{
	(void)state;
	struct pp_doc *d = fx_doc(2);
	fx_priorities(d, 0, 700, short_text, PP_RAG_GREEN);
	fx_priorities(d, 1, 700, short_text, PP_RAG_RED);
	fx_table_document(d, PP_LANDSCAPE);
	struct run r;
	lay(&r, d);
	assert_true(r.pages->n_pages > 40);
	check_cells_complete(r.pages, d, short_text);
	check_footers(r.pages);
	assert_int_equal(fx_count_role(r.pages->root, PP_ROLE_TABLE), 1);
	assert_int_equal(fx_count_role(r.pages->root, PP_ROLE_TR), 1400 + 1);
	done(&r);
}

static void test_header_structure_once(void **state)
{
	(void)state;
	struct pp_doc *d = fx_doc(1);
	fx_priorities(d, 0, 80, short_text, PP_RAG_AMBER);
	fx_table_document(d, PP_PORTRAIT);
	struct run r;
	lay(&r, d);
	assert_true(r.pages->n_pages >= 2);
	/* The header text "Ref" is a TH on page 1 and an artifact after. */
	for (size_t i = 0; i < r.pages->n_pages; i++) {
		const struct pp_page *p = &r.pages->pages[i];
		int th = 0, art = 0;
		for (size_t k = 0; k < p->n_boxes; k++) {
			const struct pp_box *b = &p->boxes[k];
			if (b->kind != PP_BOX_TEXT)
				continue;
			char *t = fx_box_text(b);
			if (strcmp(t, "Ref") == 0) {
				if (b->snode && b->snode->role == PP_ROLE_TH)
					th++;
				else if (!b->snode)
					art++;
			}
			free(t);
		}
		assert_int_equal(th, i == 0 ? 1 : 0);
		assert_int_equal(art, i == 0 ? 0 : 1);
	}
	done(&r);
}

/* RAG is never colour alone: every RAG fill on every page, including the
 * continuation of a split row, has its word drawn inside it. */
static void check_rag_words(const struct pp_pages *pages, enum pp_rag rag)
{
	const struct pp_style *st = pp_test_style("default");
	const struct pp_rgb *fill = &st->rag[rag].fill;
	size_t fills = 0;
	for (size_t i = 0; i < pages->n_pages; i++) {
		const struct pp_page *p = &pages->pages[i];
		for (size_t k = 0; k < p->n_boxes; k++) {
			const struct pp_box *f = &p->boxes[k];
			if (f->kind != PP_BOX_RECT || !f->has_fill || f->fill.r != fill->r ||
			    f->fill.g != fill->g || f->fill.b != fill->b)
				continue;
			fills++;
			int word = 0;
			for (size_t j = 0; j < p->n_boxes; j++) {
				const struct pp_box *b = &p->boxes[j];
				if (b->kind != PP_BOX_TEXT || b->x < f->x || b->y < f->y ||
				    b->x + b->w > f->x + f->w + 0.01 ||
				    b->y + b->h > f->y + f->h + 0.01)
					continue;
				char *t = fx_box_text(b);
				word += strcmp(t, pp_rag_word(rag)) == 0;
				free(t);
			}
			assert_int_equal(word, 1);
		}
	}
	assert_true(fills > 0);
}

static void test_row_taller_than_page(void **state)
{
	(void)state;
	struct pp_doc *d = fx_doc(1);
	fx_priorities(d, 0, 2, very_long_text, PP_RAG_RED);
	fx_table_document(d, PP_PORTRAIT);
	struct run r;
	lay(&r, d);
	const struct pp_pages *pages = r.pages;
	assert_true(pages->n_pages >= 3);
	check_inside(pages, pp_test_style("default"));
	check_cells_complete(pages, d, very_long_text);
	check_footers(pages);
	for (size_t i = 0; i < pages->n_pages; i++)
		assert_true(fx_page_has_text(&pages->pages[i], "Commentary"));
	check_rag_words(pages, PP_RAG_RED);
	/* The theme spans both rows: every page after the first repeats it,
	 * marked continued, as artifacts. A page that starts inside a split
	 * row also repeats that row's reference under "(continued)", so the
	 * reader knows whose commentary goes on. */
	for (size_t i = 1; i < pages->n_pages; i++) {
		const struct pp_page *p = &pages->pages[i];
		int label = 0, repeat = 0, ref = 0;
		for (size_t k = 0; k < p->n_boxes; k++) {
			const struct pp_box *b = &p->boxes[k];
			if (b->kind != PP_BOX_TEXT || b->snode)
				continue;
			char *t = fx_box_text(b);
			label += strcmp(t, "(continued)") == 0;
			repeat += strcmp(t, "Theme number 1") == 0;
			ref += strcmp(t, "T1P1") == 0 || strcmp(t, "T1P2") == 0;
			free(t);
		}
		assert_int_equal(repeat, 1);
		assert_true(ref <= 1);
		assert_int_equal(label, 1 + ref);
		if (i == 1)
			assert_int_equal(ref, 1); /* row 1 goes on from page 1 */
	}
	/* The theme's real text is drawn once, on page 1. */
	size_t real = 0;
	for (size_t i = 0; i < pages->n_pages; i++)
		for (size_t k = 0; k < pages->pages[i].n_boxes; k++) {
			const struct pp_box *b = &pages->pages[i].boxes[k];
			if (b->kind != PP_BOX_TEXT || !b->snode)
				continue;
			char *t = fx_box_text(b);
			if (strcmp(t, "Theme number 1") == 0) {
				real++;
				assert_int_equal(i, 0);
			}
			free(t);
		}
	assert_int_equal(real, 1);
	done(&r);
}

static void line_within_box(const struct pp_box *b, const struct pp_line_info *li, void *closure)
{
	(void)closure;
	assert_true(li->width <= b->w + 0.01);
}

static void test_long_word_stays_in_cell(void **state)
{
	(void)state;
	struct pp_doc *d = fx_doc(1);
	fx_priorities(d, 0, 1, long_word_text, PP_RAG_NONE);
	fx_table_document(d, PP_PORTRAIT);
	struct run r;
	lay(&r, d);
	check_inside(r.pages, pp_test_style("default"));
	check_cells_complete(r.pages, d, long_word_text);
	for (size_t i = 0; i < r.pages->n_pages; i++)
		for (size_t k = 0; k < r.pages->pages[i].n_boxes; k++) {
			const struct pp_box *b = &r.pages->pages[i].boxes[k];
			if (b->kind != PP_BOX_TEXT)
				continue;
			pp_box_each_line(b, line_within_box, NULL);
		}
	done(&r);
}

static void test_keep_short_rows_together(void **state)
{
	(void)state;
	struct pp_doc *d = fx_doc(2);
	fx_priorities(d, 0, 60, short_text, PP_RAG_GREEN);
	fx_priorities(d, 1, 60, short_text, PP_RAG_COMPLETE);
	fx_table_document(d, PP_LANDSCAPE);
	struct run r;
	lay(&r, d);
	/* The 120 rows need several pages, and no one-row TD is drawn on two. */
	assert_true(r.pages->n_pages >= 2);
	int *page_of = pp_xcalloc(r.pages->n_snodes, sizeof *page_of);
	size_t cells = 0, split = 0;
	for (size_t i = 0; i < r.pages->n_pages; i++)
		for (size_t k = 0; k < r.pages->pages[i].n_boxes; k++) {
			const struct pp_box *b = &r.pages->pages[i].boxes[k];
			if (b->kind != PP_BOX_TEXT || !b->snode)
				continue;
			const struct pp_snode *td = fx_ancestor(b->snode, PP_ROLE_TD);
			if (!td || td->row_span > 1)
				continue;
			if (!page_of[td->id])
				cells++;
			else if (page_of[td->id] != (int)i + 1)
				split++;
			page_of[td->id] = (int)i + 1;
		}
	free(page_of);
	assert_true(cells >= 120); /* at least one cell of each row was seen */
	assert_int_equal(split, 0);
	done(&r);
}

static void test_rag_cell_word_and_fill(void **state)
{
	(void)state;
	struct pp_doc *d = fx_doc(1);
	fx_priorities(d, 0, 1, short_text, PP_RAG_AMBER_GREEN);
	fx_table_document(d, PP_PORTRAIT);
	struct run r;
	lay(&r, d);
	const struct pp_style *st = pp_test_style("default");
	const struct pp_page *p = &r.pages->pages[0];
	int fill = 0, word = 0;
	for (size_t k = 0; k < p->n_boxes; k++) {
		const struct pp_box *b = &p->boxes[k];
		if (b->kind == PP_BOX_RECT && b->has_fill &&
		    b->fill.r == st->rag[PP_RAG_AMBER_GREEN].fill.r &&
		    b->fill.g == st->rag[PP_RAG_AMBER_GREEN].fill.g)
			fill++;
		if (b->kind == PP_BOX_TEXT) {
			char *t = fx_box_text(b);
			if (strcmp(t, "AMBER/GREEN") == 0) {
				word++;
				assert_true(b->colour.r == st->rag[PP_RAG_AMBER_GREEN].text.r);
			}
			free(t);
		}
	}
	assert_int_equal(fill, 1);
	assert_int_equal(word, 1);
	done(&r);
}

static char *dump_of(struct pp_doc *d, size_t *n_pages)
{
	struct pp_diags diags;
	pp_diags_init(&diags, NULL);
	struct pp_pages *pages =
		pp_layout_document(ctx, d, &d->documents[0], pp_test_style("bolton"), &diags);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	pp_layout_dump(pages, f);
	fclose(f);
	*n_pages = pages->n_pages;
	pp_pages_free(pages);
	pp_diags_fini(&diags);
	return buf;
}

static void test_stable_layout(void **state)
{
	(void)state;
	struct pp_doc *d = fx_doc(2);
	fx_priorities(d, 0, 30, short_text, PP_RAG_GREEN);
	fx_priorities(d, 1, 2, very_long_text, PP_RAG_RED);
	fx_table_document(d, PP_LANDSCAPE);
	size_t n1, n2;
	char *a = dump_of(d, &n1), *b = dump_of(d, &n2);
	assert_int_equal(n1, n2);
	assert_string_equal(a, b);
	assert_non_null(strstr(a, "page 1 841.89x595.28\n"));
	free(a);
	free(b);
	pp_doc_free(d);
}

/* Through the real parser: @order="ref" sorts refs naturally (CO2 before
 * CO10) and a theme cell spans only consecutive rows of its theme. */
static void test_parsed_order_ref(void **state)
{
	(void)state;
	static const char xml[] =
		"<plan xmlns=\"urn:planpress:plan:1\"><facts><organisation>O</organisation>"
		"<title>T</title></facts><periods><quarter id=\"q1\" year=\"2020\" q=\"1\"/>"
		"</periods><themes><theme id=\"a\" title=\"Alpha\">"
		"<priority id=\"p10\" ref=\"CO10\"><title>Ten</title></priority>"
		"<priority id=\"p2\" ref=\"CO2\"><title>Two</title></priority></theme>"
		"<theme id=\"b\" title=\"Beta\">"
		"<priority id=\"p1\" ref=\"CO1\"><title>One</title></priority></theme></themes>"
		"<documents><document id=\"d\" output=\"d\"><priority-table period=\"q1\" "
		"order=\"ref\"><column field=\"theme\" width=\"30%\">Theme</column>"
		"<column field=\"ref\" width=\"20%\">Ref</column>"
		"<column field=\"title\" width=\"50%\">Title</column></priority-table>"
		"</document></documents></plan>";
	struct pp_diags diags;
	pp_diags_init(&diags, stderr);
	struct pp_doc *d = pp_test_load(xml, &diags);
	assert_non_null(d);
	struct pp_pages *pages =
		pp_layout_document(ctx, d, &d->documents[0], pp_test_style("default"), &diags);
	const char *want[] = { "CO1", "CO2", "CO10" };
	size_t next = 0;
	const struct pp_page *p = &pages->pages[0];
	for (size_t k = 0; k < p->n_boxes; k++) {
		const struct pp_box *b = &p->boxes[k];
		if (b->kind != PP_BOX_TEXT || !b->snode)
			continue;
		char *t = fx_box_text(b);
		if (next < 3 && strcmp(t, want[next]) == 0)
			next++;
		free(t);
	}
	assert_int_equal(next, 3);
	/* Beta (CO1), Alpha (CO2, CO10): two theme cells, Alpha spanning 2. */
	assert_int_equal(fx_count_role(pages->root, PP_ROLE_TD), 2 + 3 + 3);
	pp_pages_free(pages);
	pp_doc_free(d);
	pp_diags_fini(&diags);
}


/* A declared scale's status prints its symbol and label in its colours on
 * its fill; custom fields print by type; a theme field spans its
 * priorities; a percent column with show="bar" draws a bar beside its
 * number; {period} reads the document's quarter. */
static void test_scales_and_fields_print(void **state)
{
	(void)state;
	static const char xml[] =
		"<plan xmlns=\"urn:planpress:plan:1\"><facts><organisation>O</organisation>"
		"<title>T</title><period>2024 - 2025</period></facts><periods>"
		"<quarter id=\"q2\" year=\"2024\" q=\"2\" label=\"Quarter 2 2024/25\"/></periods>"
		"<scales><scale id=\"d\" for=\"update\">"
		"<status id=\"behind\" label=\"Behind target\" fill=\"#1d4f91\" text=\"#ffffff\" "
		"symbol=\"\xe2\x96\xb2\"/></scale></scales>"
		"<fields><field id=\"dir\" label=\"Directorate\" type=\"text\" on=\"theme\"/>"
		"<field id=\"budget\" label=\"Budget\" type=\"money\"/>"
		"<field id=\"due\" label=\"Due\" type=\"date\"/>"
		"<field id=\"pct\" label=\"Complete\" type=\"percent\" on=\"update\"/></fields>"
		"<themes><theme id=\"a\" title=\"Alpha\"><value field=\"dir\">Place</value>"
		"<priority id=\"p1\"><title>One</title><value field=\"budget\">85000.5</value>"
		"<value field=\"due\">2025-03-31</value>"
		"<update period=\"q2\" status=\"Behind Target\"><value field=\"pct\">40</value>"
		"</update></priority>"
		"<priority id=\"p2\"><title>Two</title><value field=\"budget\">-1200</value>"
		"</priority></theme></themes>"
		"<documents><document id=\"d\" output=\"d\" period=\"q2\">"
		"<running-header>{period}</running-header><priority-table period=\"q2\">"
		"<column field=\"dir\">Directorate</column><column field=\"title\">T</column>"
		"<column field=\"budget\">B</column><column field=\"due\">D</column>"
		"<column field=\"pct\" show=\"bar\">C</column><column field=\"rag\">S</column>"
		"</priority-table></document></documents></plan>";
	struct pp_diags diags;
	pp_diags_init(&diags, stderr);
	struct pp_doc *d = pp_test_load(xml, &diags);
	assert_non_null(d);
	struct pp_pages *pages =
		pp_layout_document(ctx, d, &d->documents[0], pp_test_style("default"), &diags);
	const struct pp_page *p = &pages->pages[0];
	assert_true(fx_page_has_text(p, "Quarter 2 2024/25"));
	assert_false(fx_page_has_text(p, "2024 - 2025"));
	assert_true(fx_page_has_text(p, "\xc2\xa3" "85,000.50"));
	assert_true(fx_page_has_text(p, "-\xc2\xa3" "1,200"));
	assert_true(fx_page_has_text(p, "31 March 2025"));
	assert_true(fx_page_has_text(p, "40%"));
	int word = 0, fill = 0, bar = 0;
	for (size_t k = 0; k < p->n_boxes; k++) {
		const struct pp_box *b = &p->boxes[k];
		if (b->kind == PP_BOX_TEXT) {
			char *t = fx_box_text(b);
			if (strcmp(t, "\xe2\x96\xb2 Behind target") == 0) {
				word++;
				assert_true(b->colour.r == 1.0 && b->colour.g == 1.0);
			}
			free(t);
		}
		if (b->kind == PP_BOX_RECT && b->has_fill) {
			if (b->fill.r == 0x1d / 255.0 && b->fill.b == 0x91 / 255.0)
				fill++;
			const struct pp_rgb *acc = &pp_test_style("default")->accent;
			if (b->fill.r == acc->r && b->fill.g == acc->g && b->fill.b == acc->b)
				bar++;
		}
	}
	assert_int_equal(word, 1);
	assert_int_equal(fill, 1);
	assert_int_equal(bar, 1);
	/* Place spans both priorities: one theme cell for two rows */
	assert_int_equal(fx_count_role(pages->root, PP_ROLE_TD), 1 + 2 * 5);
	pp_pages_free(pages);
	pp_doc_free(d);
	pp_diags_fini(&diags);
}

/* Leads print one per line; join="and" joins them with " & " (Bolton). */
static void test_leads_lines_or_joined(void **state)
{
	(void)state;
	static const char xml[] =
		"<plan xmlns=\"urn:planpress:plan:1\"><facts><organisation>O</organisation>"
		"<title>T</title></facts><themes><theme id=\"a\" title=\"Alpha\">"
		"<priority id=\"p1\"><title>One</title><lead>Chief Executive</lead>"
		"<lead>Director of Place</lead></priority></theme></themes>"
		"<documents><document id=\"d\" output=\"d\"><priority-table>"
		"<column field=\"title\">T</column><column field=\"leads\">Leads</column>"
		"</priority-table><priority-table><column field=\"title\">T</column>"
		"<column field=\"leads\" join=\"and\">Joint</column></priority-table>"
		"</document></documents></plan>";
	struct pp_diags diags;
	pp_diags_init(&diags, stderr);
	struct pp_doc *d = pp_test_load(xml, &diags);
	assert_non_null(d);
	struct pp_pages *pages =
		pp_layout_document(ctx, d, &d->documents[0], pp_test_style("default"), &diags);
	const struct pp_page *p = &pages->pages[0];
	int alone = 0, joined = 0;
	for (size_t k = 0; k < p->n_boxes; k++) {
		if (p->boxes[k].kind != PP_BOX_TEXT)
			continue;
		char *t = fx_box_text(&p->boxes[k]);
		alone += strcmp(t, "Chief Executive") == 0 || strcmp(t, "Director of Place") == 0;
		joined += strcmp(t, "Chief Executive & Director of Place") == 0;
		free(t);
	}
	assert_int_equal(alone, 2);
	assert_int_equal(joined, 1);
	pp_pages_free(pages);
	pp_doc_free(d);
	pp_diags_fini(&diags);
}

/* A first action without <text> prints its priority's title; with an empty
 * <text/> its cell stays empty, as the council printed it. */
static void test_empty_action_text(void **state)
{
	(void)state;
	static const char xml[] =
		"<plan xmlns=\"urn:planpress:plan:1\"><facts><organisation>O</organisation>"
		"<title>T</title></facts><themes><theme id=\"a\" title=\"Alpha\">"
		"<priority id=\"p1\" ref=\"1\"><title>Titled</title><action><lead>L1</lead></action>"
		"</priority><priority id=\"p2\" ref=\"2\"><title>Untitled</title>"
		"<action><text/><lead>L2</lead></action></priority></theme></themes>"
		"<documents><document id=\"d\" output=\"d\"><priority-table>"
		"<column field=\"action\">Action</column><column field=\"action-leads\">Who</column>"
		"</priority-table></document></documents></plan>";
	struct pp_diags diags;
	pp_diags_init(&diags, stderr);
	struct pp_doc *d = pp_test_load(xml, &diags);
	assert_non_null(d);
	struct pp_pages *pages =
		pp_layout_document(ctx, d, &d->documents[0], pp_test_style("default"), &diags);
	const struct pp_page *p = &pages->pages[0];
	assert_true(fx_page_has_text(p, "Titled"));
	assert_false(fx_page_has_text(p, "Untitled"));
	assert_true(fx_page_has_text(p, "L2"));
	pp_pages_free(pages);
	pp_doc_free(d);
	pp_diags_fini(&diags);
}

/* group="theme": a full-width group row heads each theme's rows, and is
 * repeated "(continued)" atop a page the theme goes on to. */
static void test_group_rows_continue(void **state)
{
	(void)state;
	char *themes = pp_xstrdup("");
	for (int th = 0; th < 2; th++) {
		char *prios = pp_xstrdup("");
		for (int i = 0; i < 12; i++) {
			char *text = pp_xstrdup("");
			for (int w = 0; w < 150; w++) {
				char *n = pp_xasprintf("%s word%d", text, w);
				free(text);
				text = n;
			}
			char *n = pp_xasprintf("%s<priority id=\"p%d-%d\"><title>P%d-%d</title>"
					       "<outcomes><p>%s</p></outcomes></priority>",
					       prios, th, i, th, i, text);
			free(text);
			free(prios);
			prios = n;
		}
		char *n = pp_xasprintf("%s<theme id=\"t%d\" title=\"Theme %c\">%s</theme>", themes,
				       th, 'A' + th, prios);
		free(prios);
		free(themes);
		themes = n;
	}
	char *xml = pp_xasprintf(
		"<plan xmlns=\"urn:planpress:plan:1\"><facts><organisation>O</organisation>"
		"<title>T</title></facts><themes>%s</themes><documents><document id=\"d\" "
		"output=\"d\"><priority-table group=\"theme\"><column field=\"title\">T</column>"
		"<column field=\"outcomes\">O</column></priority-table></document></documents>"
		"</plan>",
		themes);
	free(themes);
	struct pp_diags diags;
	pp_diags_init(&diags, stderr);
	struct pp_doc *d = pp_test_load(xml, &diags);
	free(xml);
	assert_non_null(d);
	struct pp_pages *pages =
		pp_layout_document(ctx, d, &d->documents[0], pp_test_style("default"), &diags);
	assert_true(pages->n_pages >= 3);
	assert_true(fx_page_has_text(&pages->pages[0], "Theme A"));
	assert_false(fx_page_has_text(&pages->pages[0], "(continued)"));
	int continued = 0;
	for (size_t i = 1; i < pages->n_pages; i++)
		continued += fx_page_has_text(&pages->pages[i], "Theme A (continued)") ||
			     fx_page_has_text(&pages->pages[i], "Theme B (continued)");
	assert_true(continued >= 1);
	/* two group rows carry structure (TH); their repeats are artifacts */
	assert_int_equal(fx_count_role(pages->root, PP_ROLE_TH), 2 + 2);
	pp_pages_free(pages);
	pp_doc_free(d);
	pp_diags_fini(&diags);
}

/* merge="same": equal line statuses within a priority share one cell. */
static void test_merged_status_cells(void **state)
{
	(void)state;
	static const char xml[] =
		"<plan xmlns=\"urn:planpress:plan:1\"><facts><organisation>O</organisation>"
		"<title>T</title></facts><themes><theme id=\"a\" title=\"Alpha\">"
		"<priority id=\"p1\"><title>One</title>"
		"<action><text>A1</text><line rag=\"GREEN\"/></action>"
		"<action><text>A2</text><line rag=\"green\"/></action>"
		"<action><text>A3</text><line rag=\"RED\"/></action></priority>"
		"<priority id=\"p2\"><title>Two</title>"
		"<action><text>A4</text><line rag=\"RED\"/></action></priority></theme></themes>"
		"<documents><document id=\"d\" output=\"d\"><priority-table>"
		"<column field=\"action\">A</column><column field=\"line-rag\" merge=\"same\">R"
		"</column></priority-table></document></documents></plan>";
	struct pp_diags diags;
	pp_diags_init(&diags, stderr);
	struct pp_doc *d = pp_test_load(xml, &diags);
	assert_non_null(d);
	struct pp_pages *pages =
		pp_layout_document(ctx, d, &d->documents[0], pp_test_style("default"), &diags);
	const struct pp_page *p = &pages->pages[0];
	int green = 0, red = 0;
	for (size_t k = 0; k < p->n_boxes; k++) {
		if (p->boxes[k].kind != PP_BOX_TEXT)
			continue;
		char *t = fx_box_text(&p->boxes[k]);
		green += strcmp(t, "GREEN") == 0;
		red += strcmp(t, "RED") == 0;
		free(t);
	}
	assert_int_equal(green, 1); /* A1 and A2 share one cell */
	assert_int_equal(red, 2);   /* A3 and A4 are in different priorities */
	/* 4 action cells and 3 status cells, one of them spanning two rows */
	assert_int_equal(fx_count_role(pages->root, PP_ROLE_TD), 4 + 3);
	pp_pages_free(pages);
	pp_doc_free(d);
	pp_diags_fini(&diags);
}

/* Data tables: a cell coloured by a scale's status keeps its figure, an
 * empty status cell prints the status, a cell spans columns, a cell holds
 * paragraphs, and figures right-align (decimal points in line). */
static void test_data_table_cells(void **state)
{
	(void)state;
	static const char xml[] =
		"<plan xmlns=\"urn:planpress:plan:1\"><facts><organisation>O</organisation>"
		"<title>T</title></facts><scales><scale id=\"d\"><status id=\"b\" label=\"Behind\" "
		"fill=\"#1d4f91\" text=\"#ffffff\" symbol=\"x\"/></scale></scales>"
		"<documents><document id=\"d\" output=\"d\"><table numbers=\"decimal\">"
		"<tr><th>I</th><th>Target</th><th>Actual</th></tr>"
		"<tr><th>A</th><td>60</td><td status=\"b\" scale=\"d\">24</td></tr>"
		"<tr><th>B</th><td>5.25</td><td status=\"b\" scale=\"d\"/></tr>"
		"<tr><th>C</th><td colspan=\"2\"><p>First para</p><p>Second para</p></td></tr>"
		"</table></document></documents></plan>";
	struct pp_diags diags;
	pp_diags_init(&diags, stderr);
	struct pp_doc *d = pp_test_load(xml, &diags);
	assert_non_null(d);
	struct pp_pages *pages =
		pp_layout_document(ctx, d, &d->documents[0], pp_test_style("default"), &diags);
	const struct pp_page *p = &pages->pages[0];
	const struct pp_box *b60 = NULL, *b55 = NULL, *b24 = NULL;
	int label = 0, fills = 0, paras = 0;
	for (size_t k = 0; k < p->n_boxes; k++) {
		const struct pp_box *b = &p->boxes[k];
		if (b->kind == PP_BOX_RECT && b->has_fill && b->fill.b == 0x91 / 255.0)
			fills++;
		if (b->kind != PP_BOX_TEXT)
			continue;
		char *t = fx_box_text(b);
		if (!strcmp(t, "60"))
			b60 = b;
		if (!strcmp(t, "5.25"))
			b55 = b;
		if (!strcmp(t, "24")) {
			b24 = b;
			assert_true(b->colour.r == 1.0); /* white on the status fill */
		}
		label += !strcmp(t, "x Behind");
		paras += !strcmp(t, "First para") || !strcmp(t, "Second para");
		free(t);
	}
	assert_int_equal(label, 1);
	assert_int_equal(fills, 2);
	assert_int_equal(paras, 2);
	assert_non_null(b60);
	assert_non_null(b55);
	assert_non_null(b24);
	/* decimal: the units of "60" end where the "5" of "5.25" ends, so "60"
	 * starts a digit to the left (left-aligned they would start together,
	 * right-aligned "60" would start right of "5.25") */
	double x60, y60, x55, y55;
	pp_box_line_origin(b60, b60->first_line, &x60, &y60);
	pp_box_line_origin(b55, b55->first_line, &x55, &y55);
	assert_true(x60 < x55 - 2);
	/* the colspan cell: one TD spanning two columns */
	assert_int_equal(fx_count_role(pages->root, PP_ROLE_TD), 2 + 2 + 1);
	pp_pages_free(pages);
	pp_doc_free(d);
	pp_diags_fini(&diags);
}

PP_LAYOUT_TEST_MAIN(
	cmocka_unit_test(test_many_rows),
	cmocka_unit_test(test_header_structure_once),
	cmocka_unit_test(test_rows_made_in_chunks),
	cmocka_unit_test(test_row_taller_than_page),
	cmocka_unit_test(test_long_word_stays_in_cell),
	cmocka_unit_test(test_keep_short_rows_together),
	cmocka_unit_test(test_rag_cell_word_and_fill),
	cmocka_unit_test(test_stable_layout),
	cmocka_unit_test(test_parsed_order_ref),
	cmocka_unit_test(test_scales_and_fields_print),
	cmocka_unit_test(test_leads_lines_or_joined),
	cmocka_unit_test(test_empty_action_text),
	cmocka_unit_test(test_group_rows_continue),
	cmocka_unit_test(test_merged_status_cells),
	cmocka_unit_test(test_data_table_cells))
