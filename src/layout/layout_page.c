/* SPDX-License-Identifier: MIT */
/*
 * layout_page.c - pages, boxes and the structure tree: appending boxes,
 * emitting stack lines as TEXT boxes (with LINK boxes over link glyphs),
 * and freeing everything. Invariant: every TEXT box holds its own reference
 * to its measured text (or PangoLayout), so pages outlive the stacks that
 * made them.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "layout_int.h"

/*
 * Structure nodes live in a pool of struct pp_pages: blocks of
 * SNODE_BLOCK nodes handed out in order, and a free list of nodes pruned
 * (snode_prune, the structure of pages written already) that the next
 * ones reuse, so a long table's TR and TD nodes cost no allocation each
 * and memory stays bounded as pages stream. pp_pages_free() frees the
 * blocks. A node on the free list is linked through its `parent`.
 */
#define SNODE_BLOCK 256

struct snode_block {
	struct snode_block *next;
	struct pp_snode nodes[SNODE_BLOCK];
};

struct pp_snode_pool {
	struct snode_block *blocks; /* newest first */
	size_t used;                /* nodes handed out of blocks (the newest) */
	struct pp_snode *free;      /* freed nodes, linked by `parent` */
};

static struct pp_snode *snode_alloc(struct pp_pages *pages)
{
	struct pp_snode_pool *pool = pages->snode_pool;
	if (!pool)
		pool = pages->snode_pool = pp_xcalloc(1, sizeof *pool);
	struct pp_snode *n = pool->free;
	if (n) {
		pool->free = n->parent;
	} else {
		if (!pool->blocks || pool->used == SNODE_BLOCK) {
			struct snode_block *b = pp_xmalloc(sizeof *b);
			b->next = pool->blocks;
			pool->blocks = b;
			pool->used = 0;
		}
		n = &pool->blocks->nodes[pool->used++];
	}
	memset(n, 0, sizeof *n);
	return n;
}

struct pp_snode *snode_new(struct pp_pages *pages, struct pp_snode *parent, enum pp_role role)
{
	struct pp_snode *n = snode_alloc(pages);
	n->role = role;
	n->parent = parent;
	n->row_span = n->col_span = 1;
	n->id = pages->n_snodes++;
	if (parent) {
		PP_GROW(parent->children, parent->n_children + 1, parent->cap_children);
		parent->children[parent->n_children++] = n;
	}
	return n;
}

static void snode_free(struct pp_snode_pool *pool, struct pp_snode *n);

void snode_prune(struct pp_pages *pages, struct pp_snode *n)
{
	for (size_t i = 0; i < n->n_children; i++)
		snode_free(pages->snode_pool, n->children[i]);
	free(n->children);
	n->children = NULL;
	n->n_children = n->cap_children = 0;
}

/* Node n and its subtree back to the pool (their strings freed). */
static void snode_free(struct pp_snode_pool *pool, struct pp_snode *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n_children; i++)
		snode_free(pool, n->children[i]);
	free(n->children);
	free(n->alt);
	free(n->lang);
	free(n->href);
	n->parent = pool->free;
	pool->free = n;
}

struct pp_page *pages_add(struct pp_pages *pages, double w, double h)
{
	PP_GROW(pages->pages, pages->n_pages + 1, pages->cap_pages);
	struct pp_page *p = &pages->pages[pages->n_pages++];
	memset(p, 0, sizeof *p);
	p->width = w;
	p->height = h;
	return p;
}

struct pp_box *page_box(struct pp_page *page, enum pp_box_kind kind)
{
	PP_GROW(page->boxes, page->n_boxes + 1, page->cap_boxes);
	struct pp_box *b = &page->boxes[page->n_boxes++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->dest_page = -1;
	return b;
}

void page_rect(struct pp_page *page, double x, double y, double w, double h,
	       const struct pp_rgb *fill, const struct pp_rgb *stroke, double stroke_w)
{
	struct pp_box *b = page_box(page, PP_BOX_RECT);
	b->x = x;
	b->y = y;
	b->w = w;
	b->h = h;
	if (fill) {
		b->has_fill = 1;
		b->fill = *fill;
	}
	if (stroke) {
		b->has_stroke = 1;
		b->stroke = *stroke;
		b->stroke_width = stroke_w;
	}
}

void page_line(struct pp_page *page, double x, double y, double x2, double y2,
	       struct pp_rgb colour, double w)
{
	struct pp_box *b = page_box(page, PP_BOX_LINE);
	b->x = x;
	b->y = y;
	b->x2 = x2;
	b->y2 = y2;
	b->w = x2 - x;
	b->h = y2 - y;
	b->stroke = colour;
	b->line_width = w;
}

void page_poly(struct pp_page *page, const double *pts, size_t n, const struct pp_rgb *fill,
	       const struct pp_rgb *stroke, double stroke_w)
{
	struct pp_box *b = page_box(page, PP_BOX_POLY);
	b->pts = pp_xmalloc(2 * (n ? n : 1) * sizeof *b->pts);
	b->n_pts = n;
	double x0 = n ? pts[0] : 0, y0 = n ? pts[1] : 0, x1 = x0, y1 = y0;
	for (size_t i = 0; i < n; i++) {
		double x = pts[2 * i], y = pts[2 * i + 1];
		b->pts[2 * i] = x;
		b->pts[2 * i + 1] = y;
		x0 = x < x0 ? x : x0;
		x1 = x > x1 ? x : x1;
		y0 = y < y0 ? y : y0;
		y1 = y > y1 ? y : y1;
	}
	b->x = x0;
	b->y = y0;
	b->w = x1 - x0;
	b->h = y1 - y0;
	if (fill) {
		b->has_fill = 1;
		b->fill = *fill;
	}
	if (stroke) {
		b->has_stroke = 1;
		b->stroke = *stroke;
		b->stroke_width = stroke_w;
	}
}

/* x ranges (layout coordinates, Pango units) of bytes [start, end) on line
 * `line` of a piece: from its measured text, or from its PangoLayout when
 * Pango measured it (the layout then still holds those lines). */
static void piece_x_ranges(const struct piece *p, int line, int start, int end, int **ranges,
			   int *n)
{
	if (p->text->fast) {
		text_line_x_ranges(p->text, line, start, end, ranges, n);
		return;
	}
	PangoLayoutLine *pl = pango_layout_get_line_readonly(p->layout, line);
	pango_layout_line_get_x_ranges(pl, start, end, ranges, n);
}

static void emit_links(struct pp_page *page, const struct stack *s, const struct piece *p,
		       size_t a, size_t b, double x, double y)
{
	for (size_t k = 0; k < p->n_links; k++) {
		const struct piece_link *lk = &p->links[k];
		for (size_t i = a; i < b; i++) {
			const struct stack_line *sl = &s->lines[i];
			const struct pp_text_line *line = &p->text->lines[sl->line];
			if (lk->end <= line->start || lk->start >= line->start + line->length)
				continue;
			int *ranges = NULL, n = 0;
			piece_x_ranges(p, sl->line, lk->start, lk->end, &ranges, &n);
			/* x ranges are relative to the layout's left edge, in the
			 * same frame as the line's logical extents. */
			for (int r = 0; r < n; r++) {
				struct pp_box *bx = page_box(page, PP_BOX_LINK);
				bx->x = x + (double)ranges[2 * r] / PANGO_SCALE;
				bx->w = (double)(ranges[2 * r + 1] - ranges[2 * r]) / PANGO_SCALE;
				bx->y = y + sl->top - s->lines[a].top;
				bx->h = sl->height;
				bx->snode = lk->snode;
				bx->uri = pp_xstrdup(lk->href);
				bx->dest_id = lk->dest_id;
				bx->dest_ref = lk->ref;
			}
			g_free(ranges);
		}
	}
}

void stack_emit(struct pp_page *page, const struct stack *s, size_t a, size_t b, double x,
		double y, int artifact)
{
	size_t i = a;
	while (i < b) {
		size_t pi = s->lines[i].piece, j = i;
		while (j < b && s->lines[j].piece == pi)
			j++;
		const struct piece *p = &s->pieces[pi];
		double top = y + s->lines[i].top - s->lines[a].top;
		if (p->drawing) {
			p->drawing->draw(p->drawing, page, x + p->indent, top,
					 s->width - p->indent, artifact);
			i = j;
			continue;
		}
		if (p->marker && s->lines[i].line == 0) {
			struct pp_box *m = page_box(page, PP_BOX_TEXT);
			m->text = text_measure(p->marker);
			m->first_line = 0;
			m->n_lines = 1;
			m->x = x + p->marker_x;
			m->y = top;
			m->w = (double)m->text->width / PANGO_SCALE;
			m->h = (double)m->text->height / PANGO_SCALE;
			m->colour = p->colour;
			m->snode = artifact ? NULL : p->marker_snode;
		}
		struct pp_box *bx = page_box(page, PP_BOX_TEXT);
		bx->text = pp_text_ref(p->text);
		bx->first_line = s->lines[i].line;
		bx->n_lines = (int)(j - i);
		bx->x = x + p->indent;
		bx->y = top;
		bx->w = s->width - p->indent;
		bx->h = stack_range_height(s, i, j);
		bx->colour = p->colour;
		bx->snode = artifact ? NULL : p->snode;
		if (!artifact)
			emit_links(page, s, p, i, j, bx->x, top);
		i = j;
	}
}

void pp_box_line_origin(const struct pp_box *box, int line, double *x, double *baseline)
{
	if (box->text) {
		const struct pp_text_line *l = &box->text->lines[line];
		*x = box->x + (double)l->x / PANGO_SCALE;
		*baseline = box->y +
			    (double)(l->baseline - box->text->lines[box->first_line].top) /
				    PANGO_SCALE;
		return;
	}
	PangoLayoutIter *it = pango_layout_get_iter(box->layout);
	int i = 0, top_first = 0;
	for (; i < box->first_line; i++)
		pango_layout_iter_next_line(it);
	pango_layout_iter_get_line_yrange(it, &top_first, NULL);
	for (; i < line; i++)
		pango_layout_iter_next_line(it);
	PangoRectangle logical;
	pango_layout_iter_get_line_extents(it, NULL, &logical);
	int base = pango_layout_iter_get_baseline(it);
	pango_layout_iter_free(it);
	*x = box->x + (double)logical.x / PANGO_SCALE;
	*baseline = box->y + (double)(base - top_first) / PANGO_SCALE;
}

void page_clear(struct pp_page *p)
{
	for (size_t k = 0; k < p->n_boxes; k++) {
		if (p->boxes[k].layout)
			g_object_unref(p->boxes[k].layout);
		pp_text_unref(p->boxes[k].text);
		free(p->boxes[k].uri);
		free(p->boxes[k].pts);
	}
	free(p->boxes);
	p->boxes = NULL;
	p->n_boxes = p->cap_boxes = 0;
}

void pp_pages_free(struct pp_pages *pages)
{
	if (!pages)
		return;
	for (size_t i = 0; i < pages->n_pages; i++)
		page_clear(&pages->pages[i]);
	free(pages->pages);
	if (pages->snode_pool) {
		snode_free(pages->snode_pool, pages->root);
		for (struct snode_block *b = pages->snode_pool->blocks, *next; b; b = next) {
			next = b->next;
			free(b);
		}
		free(pages->snode_pool);
	}
	for (size_t i = 0; i < pages->n_outline; i++)
		free(pages->outline[i].title);
	free(pages->outline);
	free(pages->title);
	free(pages->author);
	free(pages->named);
	free(pages->lang);
	free(pages);
}
