/* SPDX-License-Identifier: MIT */
/*
 * layout_toc.c - the contents view. Page numbers are known only after the
 * headings that follow are placed, so <contents> marks its place (and
 * starts a fresh page); at the end the contents pages are inserted there
 * and everything after shifts by their count. The body is never laid out
 * again: inserting whole pages moves no box within a page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "layout_flow.h"

void flow_contents_mark(struct flow *f, const char *title)
{
	if (f->page_has_content)
		flow_new_page(f);
	f->toc_pending = 1;
	f->toc_page = f->pages->n_pages - 1;
	f->toc_first_outline = f->pages->n_outline;
	f->toc_snode = snode_new(f->pages, f->parent, PP_ROLE_TOC);
	f->toc_title = title ? title : "Contents";
}

struct entry {
	PangoLayout *title, *num;
	size_t outline;
	double h;
	size_t page; /* 0-based among the contents pages */
};

void flow_contents_finish(struct flow *f)
{
	struct pp_pages *pages = f->pages;
	const struct pp_style *st = f->style;
	const struct pp_text_style *ts = &st->body;
	struct pp_page *at = &pages->pages[f->toc_page];
	double pw = at->width, ph = at->height;
	double left = st->margin_left, right = pw - st->margin_right;
	double top = st->margin_top, bottom = ph - st->margin_bottom;
	double num_w = ts->size * 4, gap = ts->size * 0.35;

	PangoLayout *title = text_plain(f->ctx, st, &st->h[0], f->toc_title);
	pango_layout_set_width(title, (int)((right - left) * PANGO_SCALE));
	int th;
	pango_layout_get_size(title, NULL, &th);
	double title_h = (double)th / PANGO_SCALE + st->h[0].size * 0.6;

	/* Assign entries to pages first: the count shifts every number. */
	size_t n = pages->n_outline - f->toc_first_outline;
	struct entry *e = pp_xcalloc(n ? n : 1, sizeof *e);
	size_t n_pages = 1;
	double y = top + title_h;
	for (size_t i = 0; i < n; i++) {
		const struct pp_outline_entry *o = &pages->outline[f->toc_first_outline + i];
		double indent = (double)(o->level - 1) * st->list_indent;
		e[i].outline = f->toc_first_outline + i;
		e[i].title = text_plain(f->ctx, st, o->level == 1 ? &st->h[4] : ts, o->title);
		pango_layout_set_width(e[i].title,
				       (int)((right - left - indent - num_w) * PANGO_SCALE));
		int h;
		pango_layout_get_size(e[i].title, NULL, &h);
		e[i].h = (double)h / PANGO_SCALE + gap;
		if (y + e[i].h > bottom && y > top) {
			n_pages++;
			y = top;
		}
		e[i].page = n_pages - 1;
		y += e[i].h;
	}

	/* Insert the pages and shift what follows. */
	PP_GROW(pages->pages, pages->n_pages + n_pages, pages->cap_pages);
	memmove(&pages->pages[f->toc_page + n_pages], &pages->pages[f->toc_page],
		(pages->n_pages - f->toc_page) * sizeof *pages->pages);
	for (size_t i = 0; i < n_pages; i++) {
		struct pp_page *p = &pages->pages[f->toc_page + i];
		memset(p, 0, sizeof *p);
		p->width = pw;
		p->height = ph;
	}
	pages->n_pages += n_pages;
	for (size_t i = 0; i < pages->n_outline; i++)
		if ((size_t)pages->outline[i].page >= f->toc_page)
			pages->outline[i].page += (int)n_pages;
	for (size_t i = f->toc_page + n_pages; i < pages->n_pages; i++)
		for (size_t k = 0; k < pages->pages[i].n_boxes; k++) {
			struct pp_box *b = &pages->pages[i].boxes[k];
			if (b->kind == PP_BOX_LINK && b->dest_page >= (int)f->toc_page)
				b->dest_page += (int)n_pages;
		}

	/* Draw: the title, then each entry with its number right-aligned and
	 * a link to the heading. */
	struct pp_page *p = &pages->pages[f->toc_page];
	struct pp_snode *hn = snode_new(pages, f->toc_snode, PP_ROLE_H1);
	struct pp_box *b = page_box(p, PP_BOX_TEXT);
	b->layout = title;
	b->n_lines = pango_layout_get_line_count(title);
	b->x = left;
	b->y = top;
	b->w = right - left;
	b->h = (double)th / PANGO_SCALE;
	b->colour = st->h[0].colour;
	b->snode = hn;
	y = top + title_h;
	size_t cur = 0;
	for (size_t i = 0; i < n; i++) {
		const struct pp_outline_entry *o = &pages->outline[e[i].outline];
		if (e[i].page != cur) {
			cur = e[i].page;
			y = top;
		}
		p = &pages->pages[f->toc_page + cur];
		struct pp_snode *item = snode_new(pages, f->toc_snode, PP_ROLE_TOCI);
		double indent = (double)(o->level - 1) * st->list_indent;
		const struct pp_text_style *es = o->level == 1 ? &st->h[4] : ts;
		b = page_box(p, PP_BOX_TEXT);
		b->layout = e[i].title;
		b->n_lines = pango_layout_get_line_count(e[i].title);
		b->x = left + indent;
		b->y = y;
		b->w = right - left - indent - num_w;
		b->h = e[i].h - gap;
		b->colour = es->colour;
		b->snode = item;
		char num[32];
		snprintf(num, sizeof num, "%d", o->page + 1);
		PangoLayout *nl = text_plain(f->ctx, st, es, num);
		pango_layout_set_width(nl, (int)(num_w * PANGO_SCALE));
		pango_layout_set_alignment(nl, PANGO_ALIGN_RIGHT);
		int nh;
		pango_layout_get_size(nl, NULL, &nh);
		b = page_box(p, PP_BOX_TEXT);
		b->layout = nl;
		b->n_lines = 1;
		b->x = right - num_w;
		b->y = y;
		b->w = num_w;
		b->h = (double)nh / PANGO_SCALE;
		b->colour = es->colour;
		b->snode = item;
		b = page_box(p, PP_BOX_LINK);
		b->x = left + indent;
		b->y = y;
		b->w = right - left - indent;
		b->h = e[i].h - gap;
		b->snode = item;
		b->dest_page = o->page;
		b->dest_y = o->y;
		y += e[i].h;
	}
	free(e);
	f->toc_pending = 0;
}
