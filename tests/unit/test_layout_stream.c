/* SPDX-License-Identifier: MIT */
/*
 * test_layout_stream.c - pages handed to a sink as they are finished
 * (pp_layout_document_streamed): every page but the last is handed over
 * once, in order, with exactly the boxes the held layout gives it; after
 * layout a streamed page holds only its running header and footer; and a
 * contents list holds the pages from where it stands to the end.
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

/* Every 37th commentary is taller than a page, so rows split and the
 * table's measuring runs in several chunks ahead of pagination. */
static char *text(size_t i)
{
	if (i % 37 != 5)
		return pp_xasprintf("Commentary for priority %zu: work is on track and the "
				    "board reviewed progress in the quarter.",
				    i + 1);
	size_t cap = 64, n = 0;
	char *s = pp_xmalloc(cap);
	s[0] = '\0';
	for (size_t k = 0; k < 200; k++) {
		char *w = pp_xasprintf("Sentence %zu of update %zu. ", k + 1, i + 1);
		size_t len = strlen(w);
		PP_GROW(s, n + len + 1, cap);
		memcpy(s + n, w, len + 1);
		n += len;
		free(w);
	}
	return s;
}

/* Running header and footer: artifacts in the top or bottom margin. */
static int running(const struct pp_page *p, const struct pp_box *b)
{
	const struct pp_style *st = pp_test_style("default");
	return b->kind == PP_BOX_TEXT && !b->snode &&
	       (b->y + b->h <= st->margin_top + 0.01 ||
		b->y >= p->height - st->margin_bottom - 0.01);
}

/* A page's body boxes as text: kind, place, structure node and text. */
static char *describe(const struct pp_page *p)
{
	char *out = pp_xasprintf("%.2fx%.2f\n", p->width, p->height);
	for (size_t k = 0; k < p->n_boxes; k++) {
		const struct pp_box *b = &p->boxes[k];
		if (running(p, b))
			continue;
		char *t = b->kind == PP_BOX_TEXT ? fx_box_text(b) : pp_xstrdup("");
		char *line = pp_xasprintf("%s%d %.2f %.2f %.2f %.2f %u %s\n", out, (int)b->kind,
					  b->x, b->y, b->w, b->h, b->snode ? b->snode->id : 0u, t);
		free(t);
		free(out);
		out = line;
	}
	return out;
}

struct seen {
	char **pages; /* describe() of each page handed over, by index */
	size_t n, calls;
	int out_of_order;
};

static int sink_page(void *closure, const struct pp_pages *pages, size_t index)
{
	struct seen *s = closure;
	if (index != s->calls)
		s->out_of_order = 1;
	s->calls++;
	if (index < s->n && !s->pages[index])
		s->pages[index] = describe(&pages->pages[index]);
	return 0;
}

static struct pp_doc *long_table(size_t n)
{
	struct pp_doc *d = fx_doc(1);
	fx_priorities(d, 0, n, text, PP_RAG_GREEN);
	fx_table_document(d, PP_LANDSCAPE);
	return d;
}

static void test_streamed_pages_match_held(void **state)
{
	(void)state;
	struct pp_diags diags;
	pp_diags_init(&diags, NULL);
	struct pp_doc *d = long_table(700); /* more than one measuring chunk */
	struct pp_pages *held =
	    pp_layout_document(ctx, d, &d->documents[0], pp_test_style("default"), &diags);
	assert_non_null(held);
	assert_true(held->n_pages > 20);

	struct seen s = { pp_xcalloc(held->n_pages, sizeof(char *)), held->n_pages, 0, 0 };
	struct pp_page_sink sink = { sink_page, &s, NULL };
	struct pp_pages *streamed = pp_layout_document_streamed(
	    ctx, d, &d->documents[0], pp_test_style("default"), &diags, &sink);
	assert_non_null(streamed);
	assert_int_equal(streamed->n_pages, held->n_pages);
	assert_false(s.out_of_order);
	/* Every page but the last, which is finished only at the end. */
	assert_int_equal(s.calls, held->n_pages - 1);
	for (size_t i = 0; i < held->n_pages; i++) {
		const struct pp_page *p = &streamed->pages[i];
		char *want = describe(&held->pages[i]);
		if (i + 1 < held->n_pages) {
			assert_true(p->streamed);
			assert_non_null(s.pages[i]);
			assert_string_equal(s.pages[i], want);
			/* Only the running header and footer were added since. */
			assert_true(p->n_boxes > 0);
			for (size_t k = 0; k < p->n_boxes; k++)
				assert_true(running(p, &p->boxes[k]));
		} else {
			assert_false(p->streamed);
			char *got = describe(p);
			assert_string_equal(got, want);
			free(got);
		}
		free(want);
		free(s.pages[i]);
	}
	free(s.pages);
	pp_pages_free(held);
	pp_pages_free(streamed);
	pp_doc_free(d);
	pp_diags_fini(&diags);
}

static void test_contents_holds_pages(void **state)
{
	(void)state;
	struct pp_diags diags;
	pp_diags_init(&diags, NULL);
	struct pp_doc *d = long_table(120);
	/* A page break then a contents list before the table. */
	struct pp_document *doc = &d->documents[0];
	doc->views = pp_xrealloc(doc->views, 3 * sizeof *doc->views);
	doc->views[2] = doc->views[0];
	memset(&doc->views[0], 0, 2 * sizeof *doc->views);
	doc->views[0].kind = PP_VIEW_PAGE_BREAK;
	doc->views[1].kind = PP_VIEW_CONTENTS;
	doc->n_views = 3;
	struct seen s = { NULL, 0, 0, 0 };
	struct pp_page_sink sink = { sink_page, &s, NULL };
	struct pp_pages *pages =
	    pp_layout_document_streamed(ctx, d, doc, pp_test_style("default"), &diags, &sink);
	assert_non_null(pages);
	assert_true(pages->n_pages > 5);
	/* The contents list stands on the first page: nothing can be handed
	 * over before its page numbers are known. */
	assert_int_equal(s.calls, 0);
	for (size_t i = 0; i < pages->n_pages; i++)
		assert_false(pages->pages[i].streamed);
	pp_pages_free(pages);
	pp_doc_free(d);
	pp_diags_fini(&diags);
}

/* A sink that fails is not called again, and layout still finishes. */
static int failing_page(void *closure, const struct pp_pages *pages, size_t index)
{
	(void)pages;
	(void)index;
	(*(size_t *)closure)++;
	return -1;
}

static void test_failing_sink_called_once(void **state)
{
	(void)state;
	struct pp_diags diags;
	pp_diags_init(&diags, NULL);
	struct pp_doc *d = long_table(60);
	size_t calls = 0;
	struct pp_page_sink sink = { failing_page, &calls, NULL };
	struct pp_pages *pages = pp_layout_document_streamed(
	    ctx, d, &d->documents[0], pp_test_style("default"), &diags, &sink);
	assert_non_null(pages);
	assert_true(pages->n_pages > 2);
	assert_int_equal(calls, 1);
	for (size_t i = 0; i < pages->n_pages; i++)
		assert_false(pages->pages[i].streamed);
	pp_pages_free(pages);
	pp_doc_free(d);
	pp_diags_fini(&diags);
}

PP_LAYOUT_TEST_MAIN(
	cmocka_unit_test(test_streamed_pages_match_held),
	cmocka_unit_test(test_contents_holds_pages),
	cmocka_unit_test(test_failing_sink_called_once))
