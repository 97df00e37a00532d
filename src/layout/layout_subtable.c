/* SPDX-License-Identifier: MIT */
/*
 * layout_subtable.c - a data table (<table>) inside a table cell, drawn as
 * one piece of the cell's stack: measured at the cell's width, never split.
 * It keeps what a data table in the body keeps: cells across columns
 * (@colspan), cells coloured by a status with the status's word when they
 * hold nothing else, and figures aligned on the decimal point with
 * numbers="decimal". Columns get their natural widths, shrunk in
 * proportion (text wraps) when the table is wider than its room.
 * Invariant: every cell of the grid is either the first column of a cell
 * (span >= 1) or covered by the cell to its left (span 0).
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "layout_flow.h"

#define SUB_PAD 2.5

struct scell {
	char *text;    /* owned; "" for none */
	unsigned span; /* columns covered; 0: covered by the cell to the left */
	int head;      /* a header cell: bold on the group fill */
	int status;    /* coloured by a status: fill, text colour */
	int centred;   /* a status alone: its word centred */
	struct pp_rgb fill, fg;
	PangoAlignment align;
	double pad_right;       /* decimal alignment: room right of the figure */
	struct pp_snode *snode; /* TH/TD, borrowed */
};

struct subtable {
	struct piece_drawing base; /* first: the piece holds a pointer to it */
	struct pp_layout_ctx *ctx;
	const struct pp_style *style;
	size_t n_rows, n_cols;
	struct scell *cells; /* n_rows * n_cols */
};

/* A figure as councils print them: "1,250", "-3.5", "12.5%", "£85,000". */
int is_figure(const char *s)
{
	int digits = 0;
	while (*s == ' ')
		s++;
	if (*s == '-' || *s == '+')
		s++;
	if (strncmp(s, "\xc2\xa3", 2) == 0)
		s += 2;
	for (; (*s >= '0' && *s <= '9') || (*s == ',' && digits); s++)
		digits += *s != ',';
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			digits++;
	if (*s == '%')
		s++;
	while (*s == ' ')
		s++;
	return digits > 0 && !*s;
}

/* What follows a figure's whole units (".5%", "%", ""): aligned on the
 * point, figures are padded on the right to their column's widest tail. */
const char *figure_tail(const char *s)
{
	while (*s == ' ' || *s == '-' || *s == '+')
		s++;
	if (strncmp(s, "\xc2\xa3", 2) == 0)
		s += 2;
	while ((*s >= '0' && *s <= '9') || *s == ',')
		s++;
	return s;
}

static struct pp_rgb rgb_hex(unsigned hex)
{
	return (struct pp_rgb){((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0,
	                       (hex & 0xff) / 255.0};
}

static struct pp_text_style cell_style(const struct subtable *t, const struct scell *c)
{
	struct pp_text_style ts = t->style->table_text;
	ts.bold = c->head || c->centred;
	if (c->status)
		ts.colour = c->fg;
	return ts;
}

static double text_w(const struct subtable *t, const struct pp_text_style *ts, const char *s)
{
	if (!*s)
		return 0;
	PangoLayout *l = text_plain(t->ctx, t->style, ts, s);
	int w;
	pango_layout_get_size(l, &w, NULL);
	g_object_unref(l);
	return (double)w / PANGO_SCALE;
}

/* Natural column widths: single cells first, then each spanning cell
 * widens the last column it covers by what it still lacks. */
static double *natural_widths(const struct subtable *t)
{
	double *w = pp_xcalloc(t->n_cols ? t->n_cols : 1, sizeof *w);
	for (int pass = 0; pass < 2; pass++)
		for (size_t r = 0; r < t->n_rows; r++)
			for (size_t c = 0; c < t->n_cols; c++) {
				const struct scell *sc = &t->cells[r * t->n_cols + c];
				if (!sc->span || (sc->span > 1) != pass)
					continue;
				struct pp_text_style ts = cell_style(t, sc);
				double need =
				    text_w(t, &ts, sc->text) + 2 * SUB_PAD + sc->pad_right;
				double have = 0;
				for (size_t k = c; k < c + sc->span; k++)
					have += w[k];
				if (need > have)
					w[c + sc->span - 1] += need - have;
			}
	return w;
}

/* The table at `width`: its height; drawn on `page` unless NULL. */
static double subtable_render(const struct subtable *t, struct pp_page *page, double x0,
                              double y0, double width)
{
	double *w = natural_widths(t);
	double total = 0;
	for (size_t c = 0; c < t->n_cols; c++)
		total += w[c];
	if (total > width)
		for (size_t c = 0; c < t->n_cols; c++)
			w[c] *= width / total;
	const struct pp_style *st = t->style;
	double y = y0;
	for (size_t r = 0; r < t->n_rows; r++) {
		double rh = 0;
		PangoLayout **ls = pp_xcalloc(t->n_cols, sizeof *ls);
		double *cw = pp_xcalloc(t->n_cols, sizeof *cw);
		for (size_t c = 0; c < t->n_cols; c++) {
			const struct scell *sc = &t->cells[r * t->n_cols + c];
			if (!sc->span)
				continue;
			for (size_t k = c; k < c + sc->span; k++)
				cw[c] += w[k];
			struct pp_text_style ts = cell_style(t, sc);
			double tw = cw[c] - 2 * SUB_PAD - sc->pad_right;
			ls[c] = text_plain(t->ctx, st, &ts, sc->text);
			pango_layout_set_width(ls[c], (int)((tw > 1 ? tw : 1) * PANGO_SCALE));
			pango_layout_set_alignment(ls[c], sc->align);
			int lh;
			pango_layout_get_size(ls[c], NULL, &lh);
			if ((double)lh / PANGO_SCALE > rh)
				rh = (double)lh / PANGO_SCALE;
		}
		rh += 2 * SUB_PAD;
		double x = x0;
		for (size_t c = 0; c < t->n_cols; c++) {
			const struct scell *sc = &t->cells[r * t->n_cols + c];
			if (!sc->span)
				continue;
			if (page) {
				const struct pp_rgb *fill = sc->status ? &sc->fill
				                            : sc->head ? &st->table_group_fill
				                                       : NULL;
				page_rect(page, x, y, cw[c], rh, fill, &st->table_rule,
				          st->table_rule_width);
			}
			if (page && *sc->text) {
				struct pp_text_style ts = cell_style(t, sc);
				int lh;
				pango_layout_get_size(ls[c], NULL, &lh);
				struct pp_box *b = page_box(page, PP_BOX_TEXT);
				b->layout = ls[c];
				ls[c] = NULL;
				b->n_lines = pango_layout_get_line_count(b->layout);
				b->x = x + SUB_PAD;
				b->y = y + SUB_PAD;
				b->w = cw[c] - 2 * SUB_PAD - sc->pad_right;
				b->h = (double)lh / PANGO_SCALE;
				b->colour = ts.colour;
				b->snode = sc->snode;
			}
			if (ls[c])
				g_object_unref(ls[c]);
			x += cw[c];
		}
		free(ls);
		free(cw);
		y += rh;
	}
	free(w);
	return y - y0;
}

static double subtable_measure(const struct piece_drawing *d, double width)
{
	return subtable_render((const struct subtable *)d, NULL, 0, 0, width);
}

static void subtable_draw(const struct piece_drawing *d, struct pp_page *page, double x,
                          double y, double width, int artifact)
{
	(void)artifact; /* data tables live in cells drawn once, never repeated */
	subtable_render((const struct subtable *)d, page, x, y, width);
}

static void subtable_release(struct piece_drawing *d)
{
	struct subtable *t = (struct subtable *)d;
	for (size_t i = 0; i < t->n_rows * t->n_cols; i++)
		free(t->cells[i].text);
	free(t->cells);
	free(t);
}

/* Colour `sc` as the status of `pc`; returns 0 when it has none. */
static int colour_status(const struct pp_style *st, struct scell *sc,
                         const struct pp_table_cell *pc)
{
	if (pc->status) {
		sc->fill = rgb_hex(pc->status->fill);
		sc->fg = rgb_hex(pc->status->text);
	} else if (pc->rag != PP_RAG_NONE) {
		sc->fill = st->rag[pc->rag].fill;
		sc->fg = st->rag[pc->rag].text;
	} else {
		return 0;
	}
	sc->status = 1;
	return 1;
}

/* The word a status prints alone: symbol and label, or the RAG word. */
static char *status_word(const struct pp_style *st, const struct pp_table_cell *pc)
{
	if (pc->status)
		return pc->status->symbol && *pc->status->symbol
		           ? pp_xasprintf("%s %s", pc->status->symbol, pc->status->label)
		           : pp_xstrdup(pc->status->label);
	return pp_xstrdup(st->rag[pc->rag].label ? st->rag[pc->rag].label
	                                         : pp_rag_word((enum pp_rag)pc->rag));
}

struct piece *subtable_piece(struct flow *f, struct stack *s, const struct pp_table *t,
                             struct pp_snode *parent)
{
	size_t n_cols = 0;
	for (size_t r = 0; r < t->n_rows; r++) {
		size_t w = 0;
		for (size_t i = 0; i < t->rows[r].n_cells; i++)
			w += t->rows[r].cells[i].colspan ? t->rows[r].cells[i].colspan : 1;
		if (w > n_cols)
			n_cols = w;
	}
	struct subtable *st = pp_xcalloc(1, sizeof *st);
	st->base.min_width = 40.0 * (double)n_cols;
	st->base.measure = subtable_measure;
	st->base.draw = subtable_draw;
	st->base.release = subtable_release;
	st->ctx = f->ctx;
	st->style = f->style;
	st->n_rows = t->n_rows;
	st->n_cols = n_cols;
	st->cells =
	    pp_xcalloc(t->n_rows * n_cols > 0 ? t->n_rows * n_cols : 1, sizeof *st->cells);
	/* The first row is the header when all its cells are <th>. */
	int head_row = t->n_rows > 1 && t->rows[0].n_cells > 0;
	for (size_t c = 0; head_row && c < t->rows[0].n_cells; c++)
		head_row = t->rows[0].cells[c].header;
	/* No parent: the table is only measured (a column's narrowest width),
	 * and structure nodes nobody holds would be lost. */
	struct pp_snode *tn = parent ? snode_new(f->pages, parent, PP_ROLE_TABLE) : NULL;
	for (size_t r = 0; r < t->n_rows; r++) {
		struct pp_snode *tr = tn ? snode_new(f->pages, tn, PP_ROLE_TR) : NULL;
		size_t c = 0;
		for (size_t i = 0; i < t->rows[r].n_cells && c < n_cols; i++) {
			const struct pp_table_cell *pc = &t->rows[r].cells[i];
			struct scell *sc = &st->cells[r * n_cols + c];
			unsigned span = pc->colspan ? pc->colspan : 1;
			if (span > n_cols - c)
				span = (unsigned)(n_cols - c);
			sc->span = span;
			sc->head = (head_row && r == 0) || pc->header;
			/* as small grids always have: the first column left,
			 * the others (figures, mostly) right */
			sc->align = c ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
			sc->snode =
			    tr ? snode_new(f->pages, tr, sc->head ? PP_ROLE_TH : PP_ROLE_TD)
			       : NULL;
			if (sc->snode && sc->head)
				sc->snode->scope =
				    head_row && r == 0 ? PP_SCOPE_COLUMN : PP_SCOPE_ROW;
			if (sc->snode)
				sc->snode->col_span = span;
			sc->text = pp_table_cell_text(pc);
			if (colour_status(f->style, sc, pc) && !*sc->text) {
				free(sc->text);
				sc->text = status_word(f->style, pc);
				sc->centred = 1;
				sc->align = PANGO_ALIGN_CENTER;
			}
			c += span;
		}
		for (; c < n_cols; c++) /* a short row: empty cells */
			st->cells[r * n_cols + c] = (struct scell){
			    .text = pp_xstrdup(""),
			    .span = 1,
			    .align = PANGO_ALIGN_LEFT,
			    .snode = tr ? snode_new(f->pages, tr, PP_ROLE_TD) : NULL};
	}
	/* numbers="right": figures right-aligned, in the first column too;
	 * "decimal": a column's figures end at the same point, each padded
	 * on the right by what its tail (".5%") lacks of the widest. */
	for (size_t c = 0; t->numbers != PP_NUMBERS_LEFT && c < n_cols; c++) {
		double max_tail = 0;
		for (int pass = 0; pass < 2; pass++)
			for (size_t r = 0; r < t->n_rows; r++) {
				struct scell *sc = &st->cells[r * n_cols + c];
				if (sc->span != 1 || sc->head || sc->centred ||
				    !is_figure(sc->text))
					continue;
				struct pp_text_style ts = cell_style(st, sc);
				double tw = text_w(st, &ts, figure_tail(sc->text));
				if (!pass && tw > max_tail)
					max_tail = tw;
				if (pass) {
					if (t->numbers == PP_NUMBERS_DECIMAL)
						sc->pad_right = max_tail - tw;
					sc->align = PANGO_ALIGN_RIGHT;
				}
			}
	}
	struct piece *p = stack_add(s, text_plain(f->ctx, f->style, &f->style->table_text, ""),
	                            f->style->table_text.colour, NULL);
	p->drawing = &st->base;
	return p;
}
