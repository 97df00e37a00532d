/* SPDX-License-Identifier: MIT */
/*
 * layout_table.c - the table engine: column widths, then pagination.
 *
 * Pagination rules (the reason this file exists):
 * - The header rows are drawn at the top of every page the table reaches.
 *   The first drawing carries the TH structure; repeats are artifacts.
 * - A row that does not fit the space left is moved whole to the next page
 *   when it is short (at most a third of the page body) and the page
 *   already holds rows of this table (keep-together); otherwise it is split
 *   between lines: each cell draws the lines that fit and the rest continue
 *   on the next page. A page is never left without a row of the table.
 * - A group cell (theme, or a priority spanning its actions) spans its rows.
 *   Its segment on a page is drawn when the segment closes; a segment that
 *   continues on a new page starts with the "(continued)" label (artifact)
 *   then the group's remaining lines, or a repeat of its text (artifact)
 *   when it was all drawn before. The last row of a span grows when the
 *   group needs more height than its rows.
 * Invariant: each line of each cell is drawn exactly once as content; only
 * repeats are drawn again, and they carry no structure node.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "sigstack.h"
#include "layout_flow.h"

#define EPS 0.01

void ttable_init(struct ttable *t, struct flow *f, size_t n_cols, struct pp_snode *parent)
{
	memset(t, 0, sizeof *t);
	t->n_cols = n_cols;
	t->widths = pp_xcalloc(n_cols, sizeof *t->widths);
	for (size_t c = 0; c < n_cols; c++)
		t->widths[c].kind = PP_WIDTH_AUTO;
	t->snode = snode_new(f->pages, parent, PP_ROLE_TABLE);
}

struct trow *ttable_add_row(struct ttable *t, struct flow *f, int header)
{
	struct trow *row;
	if (header) {
		if (!t->thead)
			t->thead = snode_new(f->pages, t->snode, PP_ROLE_THEAD);
		t->head = pp_xrealloc(t->head, (t->n_head + 1) * sizeof *t->head);
		row = &t->head[t->n_head++];
		memset(row, 0, sizeof *row);
		row->snode = snode_new(f->pages, t->thead, PP_ROLE_TR);
	} else {
		if (!t->tbody)
			t->tbody = snode_new(f->pages, t->snode, PP_ROLE_TBODY);
		PP_GROW(t->rows, t->n_rows + 1, t->cap_rows);
		row = &t->rows[t->n_rows++];
		memset(row, 0, sizeof *row);
		row->snode = snode_new(f->pages, t->tbody, PP_ROLE_TR);
	}
	/* room for the row's cells (a TD or TH each) at once, not grown */
	if (t->n_cols > row->snode->cap_children) {
		row->snode->children = pp_xrealloc(row->snode->children,
		                                   t->n_cols * sizeof *row->snode->children);
		row->snode->cap_children = t->n_cols;
	}
	/* One allocation a row: the n_cols cell pointers, then the cells
	 * themselves (ttable_cell hands them out; free_row frees the block). */
	row->cells = pp_xcalloc(t->n_cols, sizeof *row->cells + sizeof(struct tcell));
	row->store = (struct tcell *)(void *)(row->cells + t->n_cols);
	return row;
}

struct tcell *ttable_cell(struct trow *row, size_t col, struct flow *f, int header)
{
	struct tcell *c = &row->store[col]; /* zeroed with the row */
	stack_lend(&c->st, &c->piece0, 1, &c->line0, 1);
	c->span = 1;
	c->colspan = 1;
	c->header = header;
	c->snode = snode_new(f->pages, row->snode, header ? PP_ROLE_TH : PP_ROLE_TD);
	if (header)
		c->snode->scope = PP_SCOPE_COLUMN;
	row->cells[col] = c;
	return c;
}

struct tcell *ttable_add_band(struct ttable *t, struct flow *f, const char *text)
{
	struct trow *row = ttable_add_row(t, f, 0);
	row->band = 1;
	row->band_text = pp_xstrdup(text ? text : "");
	struct tcell *c = ttable_cell(row, 0, f, 1);
	c->snode->scope = PP_SCOPE_NONE; /* a heading for the rows below */
	c->snode->col_span = (unsigned)t->n_cols;
	return c;
}

static void free_row(struct trow *row, size_t n_cols)
{
	free(row->band_text);
	row->band_text = NULL;
	if (!row->cells) /* freed once paginated (paginate) */
		return;
	for (size_t c = 0; c < n_cols; c++)
		if (row->cells[c])
			stack_fini(&row->cells[c]->st);
	free(row->cells); /* and the cells with it (ttable_add_row) */
	row->cells = NULL;
	row->store = NULL;
}

void ttable_fini(struct ttable *t)
{
	for (size_t r = 0; r < t->n_head; r++)
		free_row(&t->head[r], t->n_cols);
	for (size_t r = 0; r < t->n_rows; r++)
		free_row(&t->rows[r], t->n_cols);
	free(t->head);
	free(t->rows);
	free(t->widths);
	memset(t, 0, sizeof *t);
}

/* ---------- column widths ------------------------------------------------ */

static void measure_column(struct ttable *t, size_t c, double *mn, double *mx)
{
	*mn = *mx = 0;
	for (size_t r = 0; r < t->n_head + t->n_rows; r++) {
		struct trow *row = r < t->n_head ? &t->head[r] : &t->rows[r - t->n_head];
		struct tcell *cell = row->cells[c];
		/* a band, or a cell across columns, is as wide as they are */
		if (!cell || row->band || cell->colspan > 1)
			continue;
		double a, b;
		stack_measure(&cell->st, &a, &b);
		a += cell->pad_right;
		b += cell->pad_right;
		if (a > *mn)
			*mn = a;
		if (b > *mx)
			*mx = b;
	}
}

/*
 * Percentages and points first; "auto" columns get their content widths
 * (between the widest word and the unwrapped text); shares split what is
 * left. A table of only auto columns keeps its natural width; a mixed one
 * fills the content width.
 */
static void resolve_widths(const struct flow *f, struct ttable *t, double W, double *out)
{
	const struct pp_style *st = f->style;
	double fixed = 0, shares = 0;
	size_t n_auto = 0;
	double *mn = pp_xcalloc(t->n_cols, sizeof *mn), *mx = pp_xcalloc(t->n_cols, sizeof *mx);
	for (size_t c = 0; c < t->n_cols; c++) {
		const struct pp_width *w = &t->widths[c];
		switch (w->kind) {
		case PP_WIDTH_PERCENT: out[c] = W * w->value / 100.0; fixed += out[c]; break;
		case PP_WIDTH_POINTS: out[c] = w->value; fixed += out[c]; break;
		case PP_WIDTH_SHARE: out[c] = 0; shares += w->value > 0 ? w->value : 1; break;
		case PP_WIDTH_AUTO:
			measure_column(t, c, &mn[c], &mx[c]);
			mn[c] += 2 * st->cell_pad_x + 0.5;
			mx[c] += 2 * st->cell_pad_x + 0.5;
			n_auto++;
			break;
		}
	}
	double left = W - fixed;
	if (left < 0)
		left = 0;
	if (n_auto) {
		double smin = 0, smax = 0;
		for (size_t c = 0; c < t->n_cols; c++)
			if (t->widths[c].kind == PP_WIDTH_AUTO) {
				smin += mn[c];
				smax += mx[c];
			}
		double room = shares > 0 ? left / 2 : left;
		int fill = shares == 0 && fixed > 0;
		for (size_t c = 0; c < t->n_cols; c++) {
			if (t->widths[c].kind != PP_WIDTH_AUTO)
				continue;
			if (smax <= room) {
				out[c] = mx[c];
				if (fill && smax > 0)
					out[c] += (room - smax) * mx[c] / smax;
			} else if (smin <= room) {
				double k = smax > smin ? (room - smin) / (smax - smin) : 0;
				out[c] = mn[c] + (mx[c] - mn[c]) * k;
			} else {
				out[c] = smin > 0 ? room * mn[c] / smin : room / (double)n_auto;
			}
			left -= out[c];
		}
	}
	if (shares > 0 && left > 0)
		for (size_t c = 0; c < t->n_cols; c++)
			if (t->widths[c].kind == PP_WIDTH_SHARE)
				out[c] = left * (t->widths[c].value > 0 ? t->widths[c].value : 1) /
					 shares;
	double total = 0, minw = 2 * st->cell_pad_x + 4;
	for (size_t c = 0; c < t->n_cols; c++) {
		if (out[c] < minw)
			out[c] = minw;
		total += out[c];
	}
	if (total > W + EPS) /* never wider than the content box */
		for (size_t c = 0; c < t->n_cols; c++)
			out[c] *= W / total;
	free(mn);
	free(mx);
}

/* ---------- pagination --------------------------------------------------- */

struct group {
	struct tcell *cell;
	size_t end_row;	 /* last row of the span */
	double seg_top;	 /* top of its segment on this page */
	int continued;	 /* the segment is not the group's first */
	int open;
	size_t start_row; /* the row holding the cell */
};

struct tstate {
	struct flow *f;
	struct ttable *t;
	double *x, *w;	   /* column left edges and widths */
	double head_h;	   /* all header rows */
	double *head_rows; /* height of each header row */
	struct group *g;   /* per column */
	struct stack *label; /* "(continued)" per column (set lazily) */
	int head_drawn;	   /* the first (structural) header drawing is done */
	size_t rows_on_page;
	double pad_x, pad_y;
	/* Body rows [freed_to, measured_to) are measured and kept; rows before
	 * freed_to are paginated and freed (their boxes keep their text). */
	size_t measured_to, freed_to;
	/* The band (group row) the rows being placed belong to, repeated
	 * with "(continued)" atop a new page while band_live. */
	char *band_text;
	int band_live;
	double table_w;
};

static void measure_rows(struct tstate *s, size_t first, size_t end);

/*
 * A long table is measured a chunk of rows ahead of pagination and each
 * row is freed once paginated, so the memory a table holds does not grow
 * with its length: pages can be written and freed as they are finished.
 * A chunk is big enough to keep both threads busy (THREAD_MIN_ROWS).
 */
#define MEASURE_CHUNK 512

/* Ask the table's source for rows until there are `want` (or no more). */
static void pull_rows(struct ttable *t, size_t want)
{
	while (t->more && t->n_rows < want)
		if (t->more(t->more_closure, t, want - t->n_rows) == 0)
			t->more = NULL; /* the source is done */
}

static void measure_ahead(struct tstate *s, size_t r)
{
	if (r < s->measured_to)
		return;
	/* A quarter chunk more than needed: enough to know whether the last
	 * chunk would be small. */
	pull_rows(s->t, s->measured_to + MEASURE_CHUNK + MEASURE_CHUNK / 4);
	if (r >= s->t->n_rows)
		return;
	size_t end = s->measured_to + MEASURE_CHUNK;
	if (end > s->t->n_rows || s->t->n_rows - end < MEASURE_CHUNK / 4)
		end = s->t->n_rows; /* no small last chunk: it would run alone */
	measure_rows(s, s->measured_to, end);
	s->measured_to = end;
}

/* Free the paginated rows before `r` that no open group still needs. */
static void free_done_rows(struct tstate *s, size_t r)
{
	size_t keep = r;
	for (size_t c = 0; c < s->t->n_cols; c++)
		if (s->g[c].open && s->g[c].start_row < keep)
			keep = s->g[c].start_row;
	for (; s->freed_to < keep; s->freed_to++) {
		free_row(&s->t->rows[s->freed_to], s->t->n_cols);
		flow_close_snode(s->f, s->t->rows[s->freed_to].snode);
	}
}

static double cell_rest(const struct tcell *c)
{
	return stack_range_height(&c->st, c->next_line, c->st.n_lines);
}

static int cell_done(const struct tcell *c)
{
	return c->next_line >= c->st.n_lines;
}

static double label_height(struct tstate *s, size_t c)
{
	struct stack *l = &s->label[c];
	if (!l->n_pieces) {
		const struct pp_style *st = s->f->style;
		stack_add_plain(l, s->f->ctx, st, &st->continued, "(continued)",
		                st->continued.colour, NULL);
		stack_set_width(l, s->w[c] - 2 * s->pad_x);
	}
	return stack_height(l);
}

/*
 * When a row splits across pages, its continuation would otherwise show
 * only the cells that still have lines: a reader turning the page could
 * not tell which priority the commentary belongs to, and a RAG fill would
 * stand without its word. So a continued slice repeats, as artifacts, the
 * row's first own cell (its reference) under "(continued)", and every RAG
 * cell's word.
 */
static int repeats_on_continue(const struct trow *row, size_t c)
{
	const struct tcell *cell = row->cells[c];
	if (!cell || cell->group)
		return 0;
	if (cell->status)
		return 1;
	for (size_t i = 0; i < c; i++)
		if (row->cells[i] && !row->cells[i]->group)
			return 0;
	return cell->st.n_lines > 0;
}

/* A repeat shows at most this many lines: it identifies the row, it does
 * not reprint it (and so can never need a page of its own). */
#define REPEAT_LINES 3

/* Height of a cell's repeat on a continued slice (0 when nothing repeats). */
static double repeat_height(struct tstate *s, const struct trow *row, size_t c)
{
	const struct tcell *cell = row->cells[c];
	if (!repeats_on_continue(row, c) || !cell_done(cell))
		return 0;
	size_t n = cell->st.n_lines < REPEAT_LINES ? cell->st.n_lines : REPEAT_LINES;
	double h = stack_range_height(&cell->st, 0, n);
	if (!cell->status)
		h += label_height(s, c);
	return h;
}

/* Draw a cell's repeat inside a continued slice [y, y + h). */
static void emit_repeat(struct tstate *s, const struct trow *row, size_t c, double y, double h)
{
	struct tcell *cell = row->cells[c];
	struct pp_page *page = flow_page(s->f);
	double tx = s->x[c] + s->pad_x, avail = h - 2 * s->pad_y;
	if (cell->status) {
		size_t k = stack_fit(&cell->st, 0, avail);
		if (k)
			stack_emit(page, &cell->st, 0, k, tx,
				   y + (h - stack_range_height(&cell->st, 0, k)) / 2, 1);
		return;
	}
	double ty = y + s->pad_y, lh = label_height(s, c);
	if (lh > avail + EPS)
		return;
	stack_emit(page, &s->label[c], 0, s->label[c].n_lines, tx, ty, 1);
	size_t k = stack_fit(&cell->st, 0, avail - lh);
	if (k > REPEAT_LINES)
		k = REPEAT_LINES;
	if (k)
		stack_emit(page, &cell->st, 0, k, tx, ty + lh, 1);
}

/* Height a group needs on the current page. */
static double group_need(struct tstate *s, size_t c)
{
	struct group *g = &s->g[c];
	double need = 2 * s->pad_y;
	if (g->continued && !g->cell->status)
		need += label_height(s, c);
	if (!cell_done(g->cell))
		need += cell_rest(g->cell);
	else if (g->continued)
		need += stack_height(&g->cell->st);
	double cap = s->f->bottom - s->f->top - s->head_h;
	return need < cap ? need : cap;
}

static void emit_head(struct tstate *s)
{
	struct flow *f = s->f;
	const struct pp_style *st = f->style;
	struct pp_page *page = flow_page(f);
	for (size_t r = 0; r < s->t->n_head; r++) {
		struct trow *row = &s->t->head[r];
		double h = s->head_rows[r];
		for (size_t c = 0, covered = 0; c < s->t->n_cols; c++) {
			struct tcell *cell = row->cells[c];
			if (c < covered)
				continue; /* under a header across columns */
			double cw = s->w[c];
			for (size_t k = c + 1; cell && k < c + cell->colspan && k < s->t->n_cols; k++)
				cw += s->w[k];
			if (cell)
				covered = c + cell->colspan;
			page_rect(page, s->x[c], f->y, cw, h, &st->table_header_fill, &st->table_rule,
				  st->table_rule_width);
			if (cell && cell->st.n_lines)
				stack_emit(page, &cell->st, 0, cell->st.n_lines, s->x[c] + s->pad_x,
					   f->y + s->pad_y, s->head_drawn);
		}
		f->y += h;
	}
	s->head_drawn = 1;
}

/* Draw a group's segment [seg_top, y_end) and advance its lines. */
static void close_group(struct tstate *s, size_t c, double y_end)
{
	struct group *g = &s->g[c];
	struct flow *f = s->f;
	const struct pp_style *st = f->style;
	struct pp_page *page = flow_page(f);
	g->open = 0;
	if (y_end - g->seg_top < EPS)
		return;
	/* A merged status cell keeps its colour, and says itself again on a
	 * new page (its word, not a "(continued)" label over its fill). */
	int status = g->cell->status;
	page_rect(page, s->x[c], g->seg_top, s->w[c], y_end - g->seg_top,
		  status ? &g->cell->fill : &st->table_group_fill, &st->table_rule,
		  st->table_rule_width);
	if (status && g->cell->has_outline) {
		double in = st->table_rule_width + 0.75;
		page_rect(page, s->x[c] + in, g->seg_top + in, s->w[c] - 2 * in,
			  y_end - g->seg_top - 2 * in, NULL, &g->cell->outline, 0.75);
	}
	double y = g->seg_top + s->pad_y, avail = y_end - g->seg_top - 2 * s->pad_y;
	double tx = s->x[c] + s->pad_x;
	if (g->continued && !status) {
		double lh = label_height(s, c);
		if (lh <= avail + EPS) {
			stack_emit(page, &s->label[c], 0, s->label[c].n_lines, tx, y, 1);
			y += lh;
			avail -= lh;
		}
	}
	struct stack *text = &g->cell->st;
	if (!cell_done(g->cell)) {
		size_t k = stack_fit(text, g->cell->next_line, avail);
		if (k && status) /* the word centred in its colour, as in a one-row cell */
			y += (avail - stack_range_height(text, g->cell->next_line,
							 g->cell->next_line + k)) / 2;
		if (k) {
			stack_emit(page, text, g->cell->next_line, g->cell->next_line + k, tx, y, 0);
			g->cell->next_line += k;
		}
	} else if (g->continued) {
		size_t k = stack_fit(text, 0, avail);
		if (k)
			stack_emit(page, text, 0, k, tx, y, 1);
	}
}

/* Draw one slice of row r: lines `k[c]` of each own cell, height h;
 * `cont` when the row already has a slice on an earlier page. */
static void emit_slice(struct tstate *s, size_t r, double h, const size_t *k, int cont)
{
	struct flow *f = s->f;
	const struct pp_style *st = f->style;
	struct pp_page *page = flow_page(f);
	struct trow *row = &s->t->rows[r];
	for (size_t c = 0; c < s->t->n_cols; c++) {
		struct tcell *cell = row->cells[c];
		if (!cell || cell->group)
			continue;
		double cw = row->band ? s->table_w : s->w[c];
		for (size_t o = c + 1; !row->band && o < c + cell->colspan && o < s->t->n_cols; o++)
			cw += s->w[o];
		const struct pp_rgb *fill = NULL;
		if (cell->status)
			fill = &cell->fill;
		else if (cell->header)
			fill = &st->table_group_fill;
		else if (st->table_zebra && r % 2 == 1)
			fill = &st->table_zebra_fill;
		page_rect(page, s->x[c], f->y, cw, h, fill, &st->table_rule, st->table_rule_width);
		if (cell->status && cell->has_outline) {
			/* An outline inside the rule, so light fills (amber) stay
			 * visible against white paper. */
			double in = st->table_rule_width + 0.75;
			page_rect(page, s->x[c] + in, f->y + in, cw - 2 * in, h - 2 * in, NULL,
				  &cell->outline, 0.75);
		}
		if (!k[c]) {
			if (cont && cell_done(cell) && repeats_on_continue(row, c))
				emit_repeat(s, row, c, f->y, h);
			continue;
		}
		double y = f->y + s->pad_y;
		if (cell->status) /* the word centred in its cell */
			y = f->y + (h - stack_range_height(&cell->st, cell->next_line,
							   cell->next_line + k[c])) / 2;
		stack_emit(page, &cell->st, cell->next_line, cell->next_line + k[c],
			   s->x[c] + s->pad_x, y, 0);
		cell->next_line += k[c];
	}
	f->y += h;
	s->rows_on_page++;
}

/* The current band again, atop a page its rows continue on: its text and
 * "(continued)", an artifact (the band's own row carries the structure). */
static void emit_band_repeat(struct tstate *s)
{
	struct flow *f = s->f;
	const struct pp_style *st = f->style;
	struct pp_text_style ts = st->table_text;
	ts.bold = 1;
	char *text = pp_xasprintf("%s (continued)", s->band_text);
	struct stack rep;
	stack_init(&rep);
	stack_add_plain(&rep, f->ctx, st, &ts, text, ts.colour, NULL);
	free(text);
	stack_set_width(&rep, s->table_w - 2 * s->pad_x);
	double h = stack_height(&rep) + 2 * s->pad_y;
	struct pp_page *page = flow_page(f);
	page_rect(page, f->left, f->y, s->table_w, h, &st->table_group_fill, &st->table_rule,
		  st->table_rule_width);
	stack_emit(page, &rep, 0, rep.n_lines, f->left + s->pad_x, f->y + s->pad_y, 1);
	stack_fini(&rep);
	f->y += h;
}

/* Close every open group at the page end, start a page, repeat the header
 * and reopen the groups that go on. */
static void table_new_page(struct tstate *s)
{
	struct flow *f = s->f;
	int *carry = pp_xcalloc(s->t->n_cols, sizeof *carry);
	for (size_t c = 0; c < s->t->n_cols; c++) {
		struct group *g = &s->g[c];
		if (!g->open)
			continue;
		/* A segment with no height (its row moved on whole) never
		 * started: the group starts afresh on the next page. */
		carry[c] = f->y - g->seg_top < EPS ? (g->continued ? 1 : 2) : 1;
		close_group(s, c, f->y);
	}
	flow_new_page(f);
	/* A header taller than half the page body is not repeated: repeated,
	 * it would leave a line or two a page for the rows (a very narrow
	 * column breaks its header word into a letter a line), and a long
	 * table would need thousands of pages. */
	if (s->head_h <= (f->bottom - f->top) / 2)
		emit_head(s);
	if (s->band_live)
		emit_band_repeat(s);
	for (size_t c = 0; c < s->t->n_cols; c++) {
		if (!carry[c])
			continue;
		s->g[c].open = 1;
		s->g[c].seg_top = f->y;
		s->g[c].continued = carry[c] == 1;
	}
	free(carry);
	s->rows_on_page = 0;
	f->page_has_content = 1;
}

static double row_min_height(const struct tstate *s)
{
	return 2 * s->pad_y + s->f->style->table_text.size * 1.15;
}

/* Height still needed by row r's own cells, 0 when they are all drawn. */
static double row_rest(struct tstate *s, size_t r, int started);

/*
 * A figure in a cell (a chart, a table drawn whole: one unbreakable line)
 * that does not fit below what is placed here would move to the next page
 * and leave the rest of this one empty. The whole paragraphs and items
 * that follow the figure and its data table move up into the gap instead,
 * as many as fit, and the figure follows them on the next page: a float,
 * kept together with its data table. The structure tree keeps the plan's
 * order, so the reading order does not change. Returns 1 when the cell's
 * pieces were reordered.
 */
static int float_figure(struct tcell *cell, size_t k, double avail)
{
	struct stack *st = &cell->st;
	size_t at = cell->next_line + k; /* the first line that does not fit */
	if (k == 0 || at >= st->n_lines || !st->pieces[st->lines[at].piece].drawing)
		return 0;
	size_t p0 = st->lines[at].piece, p1 = p0;
	if (at > 0 && st->lines[at - 1].piece == p0)
		return 0;
	while (p1 + 1 < st->n_pieces && st->pieces[p1 + 1].drawing)
		p1++;
	size_t text_end = p1 + 1; /* the text pieces after the figure */
	while (text_end < st->n_pieces && !st->pieces[text_end].drawing)
		text_end++;
	/* Most pieces first: the gap takes as much as fits. */
	for (size_t n = text_end - (p1 + 1); n > 0; n--) {
		stack_move_pieces(st, p1 + 1, n, p0);
		size_t lines = 0;
		for (size_t i = 0; i < st->n_lines; i++)
			if (st->lines[i].piece >= p0 && st->lines[i].piece < p0 + n)
				lines++;
		if (stack_fit(st, cell->next_line, avail) >= k + lines)
			return 1;
		stack_move_pieces(st, p0 + n, p1 + 1 - p0, p0); /* back as it was */
	}
	return 0;
}

/*
 * Row r (height he, not started) fits on this page but the next row,
 * r + 1, the last of the table or of its group (a group row follows it),
 * would not fit after it and is short enough to move whole: it would
 * stand alone under the repeated header on the next page. When the two
 * fit a page together, and r is short too, r should go with it.
 */
static int last_row_would_be_alone(struct tstate *s, size_t r, double he, double body)
{
	pull_rows(s->t, r + 3);
	if (s->t->n_rows < r + 2 || s->t->rows[r].band || s->t->rows[r + 1].band)
		return 0;
	if (s->t->n_rows > r + 2 && !s->t->rows[r + 2].band)
		return 0;
	measure_ahead(s, r + 1);
	double next = row_rest(s, r + 1, 0);
	struct flow *f = s->f;
	return f->y + he + next > f->bottom + EPS && next <= body / 3 && he <= body / 3 &&
	       he + next <= body;
}

static double row_rest(struct tstate *s, size_t r, int started)
{
	double h = started ? 0 : row_min_height(s);
	struct trow *row = &s->t->rows[r];
	for (size_t c = 0; c < s->t->n_cols; c++) {
		struct tcell *cell = row->cells[c];
		if (!cell || cell->group)
			continue;
		double ch;
		if (!cell_done(cell))
			ch = cell_rest(cell) + 2 * s->pad_y;
		else if (started)
			ch = repeat_height(s, row, c) + 2 * s->pad_y;
		else
			continue;
		if (ch > h)
			h = ch;
	}
	return h;
}

/* Has row r nothing left to draw: its own cells, and groups ending at it? */
static int row_finished(const struct tstate *s, size_t r)
{
	const struct trow *row = &s->t->rows[r];
	for (size_t c = 0; c < s->t->n_cols; c++) {
		const struct tcell *cell = row->cells[c];
		if (cell && !cell->group && !cell_done(cell))
			return 0;
		if (s->g[c].open && s->g[c].end_row == r && !cell_done(s->g[c].cell))
			return 0;
	}
	return 1;
}

static void paginate(struct tstate *s)
{
	struct flow *f = s->f;
	struct ttable *t = s->t;
	size_t n_cols = t->n_cols;
	size_t *k = pp_xcalloc(n_cols, sizeof *k);
	double body = f->bottom - f->top - s->head_h;

	/* Start on a new page when the header and a first line (or the whole
	 * first row, if short) cannot follow what is already there. */
	measure_ahead(s, 0);
	if (f->page_has_content && t->n_rows) {
		double first = row_rest(s, 0, 0);
		double want = first <= body / 3 ? first : row_min_height(s) + 2 * s->f->style->table_text.size;
		flow_need(f, s->head_h + want);
	}
	f->page_has_content = 1;
	emit_head(s);
	s->rows_on_page = 0;

	size_t r = 0;
	int started = 0; /* row r already has a slice on an earlier page */
	for (;;) {
		measure_ahead(s, r); /* may add rows: t->rows may move */
		if (r >= t->n_rows)
			break;
		struct trow *row = &t->rows[r];
		if (row->band && !started) {
			free(s->band_text);
			s->band_text = pp_xstrdup(row->band_text);
			s->band_live = 0; /* its own row is drawn first */
			/* A band is not left alone at a page's foot: it moves on
			 * with room for a first line of its rows. */
			double need = row_rest(s, r, 0) + row_min_height(s) + f->style->table_text.size;
			if (s->rows_on_page > 0 && f->y + need > f->bottom + EPS) {
				table_new_page(s);
				continue;
			}
		} else if (!row->band && s->band_text) {
			s->band_live = 1;
		}
		for (size_t c = 0; c < n_cols; c++) {
			struct tcell *cell = row->cells[c];
			if (cell && cell->group && !s->g[c].open && !started) {
				s->g[c] = (struct group){ cell, r + cell->span - 1, f->y, 0, 1, r };
			}
		}
		if (started && row_finished(s, r)) {
			/* Every own cell and every group ending here is drawn:
			 * a continued slice would hold only repeats, which
			 * identify a row, never carry it on (a repeat taller
			 * than the page would otherwise start page after page). */
			for (size_t c = 0; c < n_cols; c++)
				if (s->g[c].open && s->g[c].end_row == r)
					close_group(s, c, f->y);
			r++;
			started = 0;
			free_done_rows(s, r);
			continue;
		}
		double own = row_rest(s, r, started);
		double end = f->y + own;
		for (size_t c = 0; c < n_cols; c++)
			if (s->g[c].open && s->g[c].end_row == r) {
				double ge = s->g[c].seg_top + group_need(s, c);
				if (ge > end)
					end = ge;
			}
		double he = end - f->y;

		if (f->y + he <= f->bottom + EPS && !started && s->rows_on_page > 0 &&
		    last_row_would_be_alone(s, r, he, body)) {
			/* Keep the last row company: this row goes over with it. */
			table_new_page(s);
			continue;
		}
		row = &t->rows[r]; /* looking ahead may have moved the rows */
		if (f->y + he <= f->bottom + EPS) {
			/* The rest of the row fits: draw it whole. */
			for (size_t c = 0; c < n_cols; c++) {
				struct tcell *cell = row->cells[c];
				k[c] = cell && !cell->group ? cell->st.n_lines - cell->next_line : 0;
			}
			emit_slice(s, r, he, k, started);
			int again = 0;
			for (size_t c = 0; c < n_cols; c++)
				if (s->g[c].open && s->g[c].end_row == r) {
					close_group(s, c, f->y);
					if (!cell_done(s->g[c].cell)) {
						s->g[c].open = 1; /* taller than a page */
						again = 1;
					}
				}
			if (again) {
				started = 1;
				table_new_page(s);
				continue;
			}
			r++;
			started = 0;
			free_done_rows(s, r);
			continue;
		}

		/* Keep-together: a short row that has not started moves whole. */
		if (!started && s->rows_on_page > 0 && he <= body / 3) {
			table_new_page(s);
			continue;
		}

		/* Split between lines: each own cell draws what fits. */
		double avail = f->bottom - f->y - 2 * s->pad_y;
		size_t most = 0, pending = 0;
		for (size_t c = 0; c < n_cols; c++) {
			struct tcell *cell = row->cells[c];
			k[c] = 0;
			if (!cell || cell->group || cell_done(cell))
				continue;
			k[c] = stack_fit(&cell->st, cell->next_line, avail);
			if (float_figure(cell, k[c], avail))
				k[c] = stack_fit(&cell->st, cell->next_line, avail);
			if (k[c] > most)
				most = k[c];
			if (cell->st.n_lines - cell->next_line > pending)
				pending = cell->st.n_lines - cell->next_line;
		}
		/* Two lines of a split row on each side of the break: a cell
		 * whose last line alone would go over keeps it back with one
		 * more, and a row that could leave only one line here moves. */
		most = 0;
		for (size_t c = 0; c < n_cols; c++) {
			struct tcell *cell = row->cells[c];
			if (!cell || cell->group || cell_done(cell))
				continue;
			if (k[c] >= 2 && cell->st.n_lines - cell->next_line - k[c] == 1)
				k[c]--;
			if (k[c] > most)
				most = k[c];
		}
		if (s->rows_on_page > 0 && (most == 0 || (most == 1 && pending > 1))) {
			/* Nothing (or a lone orphan line) would fit here. */
			table_new_page(s);
			continue;
		}
		if (most == 0 && pending > 0) {
			/* A single line taller than the whole page body: draw it
			 * anyway rather than loop; it is the only content here. */
			for (size_t c = 0; c < n_cols; c++) {
				struct tcell *cell = row->cells[c];
				if (cell && !cell->group && !cell_done(cell))
					k[c] = 1;
			}
		}
		emit_slice(s, r, f->bottom - f->y, k, started);
		started = 1;
		int done = 1;
		for (size_t c = 0; c < n_cols; c++) {
			struct tcell *cell = row->cells[c];
			if (cell && !cell->group && !cell_done(cell))
				done = 0;
		}
		table_new_page(s);
		if (done) {
			/* Only a group ending here still had lines: they continue
			 * in the row's next slice. */
			continue;
		}
	}
	for (size_t c = 0; c < n_cols; c++)
		if (s->g[c].open)
			close_group(s, c, f->y);
	free(s->band_text);
	s->band_text = NULL;
	s->band_live = 0;
	free(k);
}

/* ---------- measuring on two cores -------------------------------------- */

/*
 * Shaping the cells is most of the work of a long table, and every cell is
 * independent until pagination. So when a table has enough rows, about half
 * of the body rows (by length of text) move to the worker context (layout_ctx.c: its own font map) and
 * a second thread measures them while this one measures the rest; rows with
 * a drawing (a chart in a cell) stay here. Both contexts have the same font
 * options, so a cell measures and draws identically wherever it was made:
 * the output does not depend on the split (PP_THREADS=1 turns it off).
 */
#define THREAD_MIN_ROWS 64

struct width_job {
	struct ttable *t;
	const double *w;
	double pad_x;
	const unsigned char *moved; /* per body row: measured by the worker */
	int worker;		    /* this job is the worker's */
	size_t first, end;	    /* the body rows to measure */
};

static void set_row_widths(struct width_job *j, struct trow *row)
{
	if (row->band) {
		double w = 0;
		for (size_t c = 0; c < j->t->n_cols; c++)
			w += j->w[c];
		stack_set_width(&row->cells[0]->st, w - 2 * j->pad_x);
		return;
	}
	for (size_t c = 0; c < j->t->n_cols; c++) {
		struct tcell *cell = row->cells[c];
		if (!cell)
			continue;
		double w = 0;
		for (size_t k = c; k < c + cell->colspan && k < j->t->n_cols; k++)
			w += j->w[k];
		stack_set_width(&cell->st, w - 2 * j->pad_x - cell->pad_right);
	}
}

static gpointer width_rows(gpointer data)
{
	struct width_job *j = data;
	for (size_t r = j->first; r < j->end; r++)
		if ((j->moved && j->moved[r]) == j->worker)
			set_row_widths(j, &j->t->rows[r]);
	return NULL;
}

/* The worker thread: width_rows on a signal stack of its own (sigstack.h). */
struct worker {
	struct width_job *job;
	struct pp_sigstack *stack;
};

static gpointer worker_main(gpointer data)
{
	struct worker *w = data;
	pp_sigstack_enter(w->stack);
	width_rows(w->job);
	pp_sigstack_leave(w->stack);
	return NULL;
}

/* RAG cells are centred: their word and colour sit in the middle. */
static void centre_rag_cells(struct ttable *t, struct trow *row)
{
	for (size_t c = 0; c < t->n_cols; c++) {
		struct tcell *cell = row->cells[c];
		if (cell && cell->status && !cell->keep_align)
			for (size_t i = 0; i < cell->st.n_pieces; i++)
				piece_set_alignment(&cell->st.pieces[i], PANGO_ALIGN_CENTER);
	}
}

/* Measure body rows [first, end), on two threads when there are enough. */
static void measure_rows(struct tstate *s, size_t first, size_t end)
{
	struct ttable *t = s->t;
	for (size_t r = first; r < end; r++)
		centre_rag_cells(t, &t->rows[r]);
	struct width_job main_job = { t, s->w, s->pad_x, NULL, 0, first, end };
	PangoContext *to = end - first >= THREAD_MIN_ROWS ? lay_worker_context(s->f->ctx) : NULL;
	unsigned char *moved = NULL;
	GThread *th = NULL;
	struct width_job worker_job = main_job;
	struct worker worker = { &worker_job, NULL };
	if (to) {
		/* Rows go to whichever side has less text so far (shaping time
		 * follows the text's length; tall rows are not evenly spread). */
		moved = pp_xcalloc(t->n_rows, 1);
		size_t here = 0, there = 0;
		for (size_t r = first; r < end; r++) {
			int ok = 1;
			size_t cost = 0;
			for (size_t c = 0; c < t->n_cols; c++) {
				struct tcell *cell = t->rows[r].cells[c];
				for (size_t i = 0; cell && i < cell->st.n_pieces; i++) {
					if (cell->st.pieces[i].drawing)
						ok = 0;
					else
						cost += strlen(piece_text(&cell->st.pieces[i]));
				}
			}
			if (!ok || there >= here) {
				here += cost;
				continue;
			}
			for (size_t c = 0; c < t->n_cols; c++)
				if (t->rows[r].cells[c])
					stack_rehome(&t->rows[r].cells[c]->st, to);
			moved[r] = 1;
			there += cost;
		}
		main_job.moved = worker_job.moved = moved;
		worker_job.worker = 1;
		worker.stack = pp_sigstack_new();
		th = g_thread_try_new("pp-layout", worker_main, &worker, NULL);
		if (!th) /* no thread: measure them here, in their context */
			worker_job.worker = 1, width_rows(&worker_job);
	}
	width_rows(&main_job);
	if (th)
		g_thread_join(th);
	pp_sigstack_free(worker.stack);
	free(moved);
}

/* Column widths and header rows measured, as both ttable_layout and
 * ttable_measure need them; state_fini frees. */
static void state_init(struct tstate *s, struct flow *f, struct ttable *t)
{
	const struct pp_style *st = f->style;
	*s = (struct tstate){ 0 };
	s->f = f;
	s->t = t;
	s->pad_x = st->cell_pad_x;
	s->pad_y = st->cell_pad_y;
	s->x = pp_xcalloc(t->n_cols, sizeof *s->x);
	s->w = pp_xcalloc(t->n_cols, sizeof *s->w);
	s->g = pp_xcalloc(t->n_cols, sizeof *s->g);
	s->label = pp_xcalloc(t->n_cols, sizeof *s->label);
	s->head_rows = pp_xcalloc(t->n_head + 1, sizeof *s->head_rows);
	/* A column sized by its content needs every row before any is placed. */
	for (size_t c = 0; c < t->n_cols; c++)
		if (t->widths[c].kind == PP_WIDTH_AUTO)
			pull_rows(t, SIZE_MAX);
	resolve_widths(f, t, f->right - f->left, s->w);
	for (size_t c = 0; c < t->n_cols; c++) {
		s->x[c] = c ? s->x[c - 1] + s->w[c - 1] : f->left;
		s->table_w += s->w[c];
	}

	for (size_t r = 0; r < t->n_head; r++)
		centre_rag_cells(t, &t->head[r]);
	struct width_job head_job = { t, s->w, s->pad_x, NULL, 0, 0, 0 };
	for (size_t r = 0; r < t->n_head; r++)
		set_row_widths(&head_job, &t->head[r]);
	for (size_t r = 0; r < t->n_head; r++) {
		double h = 0;
		for (size_t c = 0; c < t->n_cols; c++) {
			struct tcell *cell = t->head[r].cells[c];
			if (cell && cell->st.n_lines && stack_height(&cell->st) > h)
				h = stack_height(&cell->st);
		}
		s->head_rows[r] = h + 2 * s->pad_y;
		s->head_h += s->head_rows[r];
	}
}

static void state_fini(struct tstate *s)
{
	for (size_t c = 0; c < s->t->n_cols; c++)
		stack_fini(&s->label[c]);
	free(s->label);
	free(s->head_rows);
	free(s->g);
	free(s->w);
	free(s->x);
}

void ttable_layout(struct flow *f, struct ttable *t)
{
	struct tstate s;
	state_init(&s, f, t);
	paginate(&s);
	f->page_has_content = 1;
	state_fini(&s);
}

/*
 * What paginate would ask of a page to start the table (its header and
 * first row, or a first line of a tall one), and the height of the whole
 * table, measured only while it stays within `limit`: a table known to
 * be taller is not measured further. Rows are measured here and again
 * when laid out, at the same widths: what is measured is what is placed.
 */
double ttable_measure(struct flow *f, struct ttable *t, double limit, double *whole)
{
	struct tstate s;
	state_init(&s, f, t);
	double body = f->bottom - f->top - s.head_h, start = s.head_h, h = s.head_h;
	for (size_t r = 0;; r++) {
		measure_ahead(&s, r); /* may add rows */
		if (r >= t->n_rows)
			break;
		double row = row_rest(&s, r, 0);
		if (r == 0) /* paginate's rule for the start of a table */
			start += row <= body / 3 ? row
						 : row_min_height(&s) + 2 * f->style->table_text.size;
		h += row;
		if (h > limit)
			break;
	}
	*whole = h;
	state_fini(&s);
	return start;
}
