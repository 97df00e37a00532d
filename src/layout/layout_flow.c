/* SPDX-License-Identifier: MIT */
/*
 * layout_flow.c - the flow: a cursor over a document's pages that every
 * view lays out through. It starts pages (each the size and orientation
 * in force), breaks before content that does not fit, places stacks line
 * by line across pages, and hands each finished page to the page sink.
 *
 * Invariant: nothing is added to a page once the next has begun, so a
 * finished page may be streamed and its boxes freed.
 */
#include "alloc.h"
#include "layout_flow.h"

/* ---------- the flow ------------------------------------------------------ */

static void set_page_geometry(struct flow *f)
{
	pp_page_size_points(f->document->page, f->orientation, &f->page_w, &f->page_h);
	f->left = f->style->margin_left;
	f->right = f->page_w - f->style->margin_right;
	f->top = f->style->margin_top;
	f->bottom = f->page_h - f->style->margin_bottom;
}

struct pp_page *flow_page(struct flow *f)
{
	return &f->pages->pages[f->pages->n_pages - 1];
}

/*
 * The last page is finished (a new one starts): hand it to the sink and
 * free its boxes, unless pages are held for a contents list. Nothing adds
 * to a page once the next has begun (every view draws on flow_page()).
 */
static void stream_finished(struct flow *f)
{
	struct pp_pages *pages = f->pages;
	if (!f->sink || f->sink_failed || f->toc_pending || f->hold_pages || pages->n_pages == 0)
		return;
	size_t i = pages->n_pages - 1;
	if (f->sink->page(f->sink->closure, pages, i) != 0) {
		f->sink_failed = 1;
		return;
	}
	page_clear(&pages->pages[i]);
	pages->pages[i].streamed = 1;
	/* Parts of the structure whose last page this was. */
	while (f->closing_head < f->n_closing && f->closing[f->closing_head].last_page <= i) {
		struct pp_snode *n = f->closing[f->closing_head++].node;
		if (f->sink->closed(f->sink->closure, pages, n) == 1)
			snode_prune(pages, n);
	}
	if (f->closing_head == f->n_closing)
		f->closing_head = f->n_closing = 0;
}

void flow_close_snode(struct flow *f, struct pp_snode *node)
{
	/* Pages held for a contents list are numbered only at the end. */
	if (!node || !f->sink || !f->sink->closed || f->sink_failed || f->toc_pending ||
	    f->hold_pages)
		return;
	PP_GROW(f->closing, f->n_closing + 1, f->cap_closing);
	f->closing[f->n_closing++] = (struct closing){node, f->pages->n_pages - 1};
}

void flow_new_page(struct flow *f)
{
	stream_finished(f);
	set_page_geometry(f);
	pages_add(f->pages, f->page_w, f->page_h);
	f->y = f->top;
	f->page_has_content = 0;
	if (f->float_place) {
		void (*place)(struct flow *, void *) = f->float_place;
		f->float_place = NULL; /* placing it may start pages of its own */
		place(f, f->float_data);
	}
}

void flow_flush_float(struct flow *f)
{
	if (f->float_place)
		flow_new_page(f);
}

void flow_need(struct flow *f, double need)
{
	if (f->page_has_content && f->y + need > f->bottom)
		flow_new_page(f);
}

/* Orientation changes start a new page; an empty page just turns. */
void flow_orientation(struct flow *f, enum pp_orientation o)
{
	if (o == f->orientation)
		return;
	f->orientation = o;
	if (f->page_has_content) {
		flow_new_page(f);
		return;
	}
	set_page_geometry(f);
	flow_page(f)->width = f->page_w;
	flow_page(f)->height = f->page_h;
	f->y = f->top;
}

/*
 * Widows and orphans: a paragraph or list item (a piece) split between
 * pages keeps at least two of its lines on each side of the break. Given
 * that lines [a, a + n) fit on this page, the number to place here: one
 * fewer when only the piece's last line would go over (it takes another
 * with it), none of the piece's when fewer than two of its lines would
 * stay (it moves whole, to the next page if it is the first here, unless
 * it is the first thing on this page: then it is split as it falls).
 */
static size_t keep_two_lines(const struct stack *s, size_t a, size_t n, int page_has_content)
{
	size_t k = a + n; /* the first line of the next page */
	if (n == 0 || k >= s->n_lines || s->lines[k - 1].piece != s->lines[k].piece)
		return n;
	size_t piece = s->lines[k].piece, first = k, last = k;
	while (first > 0 && s->lines[first - 1].piece == piece)
		first--;
	while (last + 1 < s->n_lines && s->lines[last + 1].piece == piece)
		last++;
	if (last + 1 - k == 1)
		k--;
	size_t here = k - (first > a ? first : a);
	if (here < 2 && first < k) {
		if (first > a || (first == a && page_has_content))
			k = first; /* the piece moves whole (nothing here: a new page) */
		else
			k = a + n; /* it starts the page: split as it falls */
	}
	return k - a;
}

void flow_stack(struct flow *f, struct stack *s, double x, double width)
{
	stack_set_width(s, width);
	size_t a = 0;
	while (a < s->n_lines) {
		size_t n = stack_fit(s, a, f->bottom - f->y);
		n = keep_two_lines(s, a, n, f->page_has_content);
		size_t rest = s->n_lines - a;
		/* Break between lines; avoid leaving a lone first line at the
		 * foot of a page when more follow (orphan). */
		if (f->page_has_content && (n == 0 || (n == 1 && rest > 2 && a == 0))) {
			flow_new_page(f);
			continue;
		}
		if (n == 0)
			n = 1; /* a line taller than the page body: place it anyway */
		stack_emit(flow_page(f), s, a, a + n, x, f->y, 0);
		f->y += stack_range_height(s, a, a + n);
		f->page_has_content = 1;
		a += n;
		if (a < s->n_lines)
			flow_new_page(f);
	}
}
