/* SPDX-License-Identifier: MIT */
/*
 * test_layout_text.c - text in the body flow: paragraphs split between
 * pages without losing a line, links as LINK boxes and structure nodes,
 * headings with outline entries, list markers, running header and footer
 * fields, orientation changes and warnings for views not laid out.
 */
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

static struct pp_view *add_views(struct pp_view **v, size_t *n, size_t add)
{
	*v = pp_xrealloc(*v, (*n + add) * sizeof **v);
	memset(*v + *n, 0, add * sizeof **v);
	*n += add;
	return *v + *n - add;
}

static struct pp_document *one_document(struct pp_doc *d)
{
	d->documents = pp_xcalloc(1, sizeof *d->documents);
	d->n_documents = 1;
	d->documents[0].id = pp_xstrdup("d");
	d->documents[0].output = pp_xstrdup("d");
	return &d->documents[0];
}

static char *long_para(void)
{
	size_t cap = 64, n = 0;
	char *s = pp_xmalloc(cap);
	s[0] = '\0';
	for (int k = 0; k < 500; k++) {
		char *w = pp_xasprintf("Word%d and some more words follow here. ", k);
		size_t len = strlen(w);
		PP_GROW(s, n + len + 1, cap);
		memcpy(s + n, w, len + 1);
		n += len;
		free(w);
	}
	return s;
}

static struct pp_pages *lay(struct pp_doc *d, struct pp_diags *diags)
{
	pp_diags_init(diags, NULL);
	struct pp_pages *p =
		pp_layout_document(ctx, d, &d->documents[0], pp_test_style("default"), diags);
	assert_non_null(p);
	return p;
}

static void test_paragraph_splits_without_loss(void **state)
{
	(void)state;
	struct pp_doc *d = fx_doc(0);
	struct pp_document *doc = one_document(d);
	struct pp_view *v = add_views(&doc->views, &doc->n_views, 1);
	v->kind = PP_VIEW_BLOCKS;
	char *text = long_para();
	v->u.blocks = fx_para(text);
	struct pp_diags diags;
	struct pp_pages *pages = lay(d, &diags);
	assert_true(pages->n_pages >= 2);
	char *all = pp_xstrdup("");
	for (size_t i = 0; i < pages->n_pages; i++)
		for (size_t k = 0; k < pages->pages[i].n_boxes; k++) {
			const struct pp_box *b = &pages->pages[i].boxes[k];
			if (b->kind != PP_BOX_TEXT || !b->snode)
				continue;
			assert_int_equal(b->snode->role, PP_ROLE_P);
			assert_true(b->y + b->h <= pages->pages[i].height -
							   pp_test_style("default")->margin_bottom + 0.01);
			char *t = fx_box_text(b), *old = all;
			all = pp_xasprintf("%s%s", old, t);
			free(old);
			free(t);
		}
	assert_string_equal(all, text);
	free(all);
	free(text);
	pp_pages_free(pages);
	pp_diags_fini(&diags);
	pp_doc_free(d);
}

static void test_link_box_and_node(void **state)
{
	(void)state;
	struct pp_doc *d = fx_doc(0);
	struct pp_document *doc = one_document(d);
	struct pp_view *v = add_views(&doc->views, &doc->n_views, 1);
	v->kind = PP_VIEW_BLOCKS;
	v->u.blocks = fx_para("Read the ");
	struct pp_inline *in = &v->u.blocks.items[0].u.para;
	in->spans = pp_xrealloc(in->spans, 3 * sizeof *in->spans);
	memset(in->spans + 1, 0, 2 * sizeof *in->spans);
	in->n_spans = 3;
	in->spans[1].text = pp_xstrdup("full plan");
	in->spans[1].href = pp_xstrdup("https://example.org/plan.pdf");
	in->spans[2].text = pp_xstrdup(" online.");
	struct pp_diags diags;
	struct pp_pages *pages = lay(d, &diags);
	const struct pp_page *p = &pages->pages[0];
	const struct pp_box *text = NULL, *link = NULL;
	for (size_t k = 0; k < p->n_boxes; k++) {
		if (p->boxes[k].kind == PP_BOX_TEXT && p->boxes[k].snode)
			text = &p->boxes[k];
		if (p->boxes[k].kind == PP_BOX_LINK)
			link = &p->boxes[k];
	}
	assert_non_null(text);
	assert_non_null(link);
	assert_string_equal(link->uri, "https://example.org/plan.pdf");
	assert_non_null(link->snode);
	assert_int_equal(link->snode->role, PP_ROLE_LINK);
	assert_ptr_equal(link->snode->parent, text->snode);
	assert_string_equal(link->snode->href, "https://example.org/plan.pdf");
	assert_true(link->x > text->x); /* after "Read the " */
	assert_true(link->w > 10 && link->x + link->w < text->x + text->w);
	assert_true(link->y >= text->y - 0.01 && link->y + link->h <= text->y + text->h + 0.01);
	pp_pages_free(pages);
	pp_diags_fini(&diags);
	pp_doc_free(d);
}

static void test_sections_headings_outline(void **state)
{
	(void)state;
	struct pp_doc *d = fx_doc(0);
	struct pp_document *doc = one_document(d);
	struct pp_view *v = add_views(&doc->views, &doc->n_views, 1);
	v->kind = PP_VIEW_SECTION;
	v->u.section.title = pp_xstrdup("Appendix 1");
	struct pp_view *c = add_views(&v->u.section.children, &v->u.section.n_children, 1);
	c->kind = PP_VIEW_SECTION;
	c->u.section.title = pp_xstrdup("Glossary");
	c->u.section.has_orientation = 1;
	c->u.section.orientation = PP_LANDSCAPE;
	struct pp_view *b = add_views(&c->u.section.children, &c->u.section.n_children, 1);
	b->kind = PP_VIEW_BLOCKS;
	b->u.blocks = fx_para("Inside.");
	struct pp_diags diags;
	struct pp_pages *pages = lay(d, &diags);
	assert_int_equal(pages->n_outline, 2);
	assert_string_equal(pages->outline[0].title, "Appendix 1");
	assert_int_equal(pages->outline[0].level, 1);
	assert_string_equal(pages->outline[1].title, "Glossary");
	assert_int_equal(pages->outline[1].level, 2);
	/* The landscape section starts a new, landscape page. */
	assert_int_equal(pages->n_pages, 2);
	assert_int_equal(pages->outline[1].page, 1);
	assert_true(pages->pages[0].width < pages->pages[0].height);
	assert_true(pages->pages[1].width > pages->pages[1].height);
	assert_int_equal(fx_count_role(pages->root, PP_ROLE_H1), 1);
	assert_int_equal(fx_count_role(pages->root, PP_ROLE_H2), 1);
	assert_int_equal(fx_count_role(pages->root, PP_ROLE_SECT), 2);
	pp_pages_free(pages);
	pp_diags_fini(&diags);
	pp_doc_free(d);
}

/* A running footer that wraps in a taller fallback font (a fuzzing
 * finding: Arabic, a CJK font name and DEL characters in a footer on A4
 * landscape ran 0.7 points off the page): every running box stays on it. */
static void test_running_lines_stay_on_the_page(void **state)
{
	(void)state;
	struct pp_doc *d = fx_doc(0);
	free(d->facts.title);
	d->facts.title = pp_xstrdup("{statuD\177\177\177\177\177\177\177\177\177\177\177\177\177\177fd}");
	struct pp_document *doc = one_document(d);
	doc->orientation = PP_LANDSCAPE;
	doc->has_orientation = 1;
	doc->running_header = pp_xstrdup("{orga");
	doc->running_footer = pp_xstrdup(
		"\331\205\330\255\331\205\330\257\342\200\223 {periofffffffffffffffffffnisation}|{title}|{date\177\177}ffffffffffffffffDFKaiSho-SBfffffffffffffffffffffffffffffffffffffffffffffffff\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177|\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177V\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177|\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177\177fd}");
	struct pp_view *v = add_views(&doc->views, &doc->n_views, 1);
	v->kind = PP_VIEW_BLOCKS;
	v->u.blocks = fx_para("One.");
	struct pp_diags diags;
	struct pp_pages *pages = lay(d, &diags);
	const struct pp_page *p = &pages->pages[0];
	size_t running = 0;
	for (size_t k = 0; k < p->n_boxes; k++) {
		const struct pp_box *b = &p->boxes[k];
		if (b->kind != PP_BOX_TEXT)
			continue;
		running += !b->snode;
		assert_true(b->y >= 0);
		assert_true(b->y + b->h <= p->height + 0.01);
	}
	assert_true(running >= 2); /* the header and the footer were laid out */
	pp_pages_free(pages);
	pp_diags_fini(&diags);
	pp_doc_free(d);
}

static void test_running_fields(void **state)
{
	(void)state;
	struct pp_doc *d = fx_doc(0);
	struct pp_document *doc = one_document(d);
	doc->running_header = pp_xstrdup("{organisation}|{title}|{status}");
	doc->running_footer = pp_xstrdup("Page {page} of {pages}|{unknown}");
	struct pp_view *v = add_views(&doc->views, &doc->n_views, 2);
	v[0].kind = PP_VIEW_BLOCKS;
	v[0].u.blocks = fx_para("One.");
	v[1].kind = PP_VIEW_PAGE_BREAK;
	v = add_views(&doc->views, &doc->n_views, 1);
	v->kind = PP_VIEW_BLOCKS;
	v->u.blocks = fx_para("Two.");
	struct pp_diags diags;
	struct pp_pages *pages = lay(d, &diags);
	assert_int_equal(pages->n_pages, 2);
	for (size_t i = 0; i < 2; i++) {
		const struct pp_page *p = &pages->pages[i];
		char want[32];
		snprintf(want, sizeof want, "Page %zu of 2", i + 1);
		assert_true(fx_page_has_text(p, want));
		assert_true(fx_page_has_text(p, "Test Council"));
		assert_true(fx_page_has_text(p, "Test Plan"));
		assert_true(fx_page_has_text(p, "Draft"));
		assert_true(fx_page_has_text(p, "{unknown}"));
		for (size_t k = 0; k < p->n_boxes; k++) {
			const struct pp_box *b = &p->boxes[k];
			char *t = fx_box_text(b);
			if (strcmp(t, "Draft") == 0 || strcmp(t, want) == 0) {
				assert_null(b->snode); /* artifact */
				assert_true(b->y + b->h <= pp_test_style("default")->margin_top ||
					    b->y >= p->height - pp_test_style("default")->margin_bottom);
			}
			free(t);
		}
	}
	pp_pages_free(pages);
	pp_diags_fini(&diags);
	pp_doc_free(d);
}

static void test_list_markers(void **state)
{
	(void)state;
	struct pp_doc *d = fx_doc(0);
	struct pp_document *doc = one_document(d);
	struct pp_view *v = add_views(&doc->views, &doc->n_views, 1);
	v->kind = PP_VIEW_BLOCKS;
	v->u.blocks.items = pp_xcalloc(1, sizeof *v->u.blocks.items);
	v->u.blocks.n_items = 1;
	struct pp_list *l = &v->u.blocks.items[0].u.list;
	v->u.blocks.items[0].kind = PP_BLOCK_LIST;
	l->marker = pp_xstrdup("///");
	l->n_items = 2;
	l->items = pp_xcalloc(2, sizeof *l->items);
	for (size_t i = 0; i < 2; i++) {
		l->items[i].body = pp_xcalloc(1, sizeof *l->items[i].body);
		*l->items[i].body = fx_para(i ? "Second item" : "First item");
	}
	struct pp_diags diags;
	struct pp_pages *pages = lay(d, &diags);
	const struct pp_page *p = &pages->pages[0];
	int markers = 0;
	double marker_right = 0, body_left = 1e9;
	for (size_t k = 0; k < p->n_boxes; k++) {
		const struct pp_box *b = &p->boxes[k];
		if (b->kind != PP_BOX_TEXT || !b->snode)
			continue;
		char *t = fx_box_text(b);
		if (strcmp(t, "///") == 0) {
			assert_int_equal(b->snode->role, PP_ROLE_LBL);
			markers++;
			if (b->x + b->w > marker_right)
				marker_right = b->x + b->w;
		} else {
			assert_non_null(fx_ancestor(b->snode, PP_ROLE_LBODY));
			if (b->x < body_left)
				body_left = b->x;
		}
		free(t);
	}
	assert_int_equal(markers, 2);
	assert_true(marker_right < body_left); /* hanging indent */
	assert_int_equal(fx_count_role(pages->root, PP_ROLE_LI), 2);
	pp_pages_free(pages);
	pp_diags_fini(&diags);
	pp_doc_free(d);
}

/* Every view kind is laid out now (matrix and poster: issue 3); an empty
 * matrix is a header and a key, without a warning. */
static void test_unsupported_view_warns_once(void **state)
{
	(void)state;
	struct pp_doc *d = fx_doc(0);
	struct pp_document *doc = one_document(d);
	struct pp_view *v = add_views(&doc->views, &doc->n_views, 2);
	v[0].kind = PP_VIEW_MATRIX;
	v[1].kind = PP_VIEW_MATRIX;
	struct pp_diags diags;
	struct pp_pages *pages = lay(d, &diags);
	assert_int_equal(pp_diags_count(&diags, PP_MSG_LAYOUT_OVERFLOW), 0);
	assert_int_equal(diags.n_errors, 0);
	assert_int_equal(pages->n_pages, 1);
	pp_pages_free(pages);
	pp_diags_fini(&diags);
	pp_doc_free(d);
}

static void test_contents_pages_inserted(void **state)
{
	(void)state;
	struct pp_doc *d = fx_doc(0);
	struct pp_document *doc = one_document(d);
	struct pp_view *v = add_views(&doc->views, &doc->n_views, 3);
	v[0].kind = PP_VIEW_BLOCKS;
	v[0].u.blocks = fx_para("Before the contents.");
	v[1].kind = PP_VIEW_CONTENTS;
	v[2].kind = PP_VIEW_SECTION;
	v[2].u.section.title = pp_xstrdup("Later section");
	v[2].u.section.page_break = 1;
	struct pp_diags diags;
	struct pp_pages *pages = lay(d, &diags);
	/* page 1: text; page 2: contents; page 3: the section. */
	assert_int_equal(pages->n_pages, 3);
	assert_int_equal(pages->n_outline, 1);
	assert_int_equal(pages->outline[0].page, 2);
	assert_true(fx_page_has_text(&pages->pages[1], "Contents"));
	assert_true(fx_page_has_text(&pages->pages[1], "Later section"));
	assert_true(fx_page_has_text(&pages->pages[2], "Later section"));
	int linked = 0;
	for (size_t k = 0; k < pages->pages[1].n_boxes; k++) {
		const struct pp_box *b = &pages->pages[1].boxes[k];
		if (b->kind == PP_BOX_LINK && b->dest_page == 2)
			linked++;
		if (b->kind == PP_BOX_TEXT && b->snode) {
			char *t = fx_box_text(b);
			if (strcmp(t, "3") == 0)
				assert_int_equal(b->snode->role, PP_ROLE_TOCI);
			free(t);
		}
	}
	assert_int_equal(linked, 1);
	assert_true(fx_page_has_text(&pages->pages[2], "Page 3 of 3"));
	assert_int_equal(fx_count_role(pages->root, PP_ROLE_TOC), 1);
	pp_pages_free(pages);
	pp_diags_fini(&diags);
	pp_doc_free(d);
}

static void test_page_sizes(void **state)
{
	(void)state;
	double w, h;
	pp_page_size_points(PP_PAGE_A4, PP_PORTRAIT, &w, &h);
	assert_true(w > 595.27 && w < 595.29 && h > 841.88 && h < 841.90);
	pp_page_size_points(PP_PAGE_A3, PP_LANDSCAPE, &w, &h);
	assert_true(w > 1190.54 && w < 1190.56 && h > 841.88 && h < 841.90);
}

PP_LAYOUT_TEST_MAIN(
	cmocka_unit_test(test_paragraph_splits_without_loss),
	cmocka_unit_test(test_link_box_and_node),
	cmocka_unit_test(test_sections_headings_outline),
	cmocka_unit_test(test_running_fields),
	cmocka_unit_test(test_running_lines_stay_on_the_page),
	cmocka_unit_test(test_list_markers),
	cmocka_unit_test(test_unsupported_view_warns_once),
	cmocka_unit_test(test_contents_pages_inserted),
	cmocka_unit_test(test_page_sizes))
