/* SPDX-License-Identifier: MIT */
/*
 * layout_chart.c - line and bar charts drawn with LINE, RECT and TEXT boxes,
 * all belonging to one Figure whose alternative text summarises the data;
 * with show_table the data follows as a real table. The chart is kept
 * whole on one page. Inside a table cell (an assessment's response) a chart
 * or a small data table is one drawn piece of the cell's stack
 * (chart_piece, table_piece): measured at the cell's width, never split.
 * Series are told apart by colour and by the legend's
 * order and names; the data table is the non-visual equivalent.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "layout_flow.h"

static const struct pp_rgb palette[] = {
	{ 0.114, 0.439, 0.722 }, /* blue */
	{ 0.831, 0.208, 0.110 }, /* red */
	{ 0.000, 0.439, 0.235 }, /* green */
	{ 0.298, 0.173, 0.573 }, /* purple */
	{ 0.957, 0.467, 0.220 }, /* orange */
	{ 0.314, 0.353, 0.373 }, /* grey */
};
#define N_PALETTE (sizeof palette / sizeof palette[0])

/*
 * A TEXT box of `text` in [x, x + w) aligned as asked, on `page` (NULL:
 * measure only), of at most `max_lines` lines (0: any), the last one
 * ellipsized; returns its height.
 */
static double chart_text_lines(struct pp_layout_ctx *ctx, const struct pp_style *style,
			       struct pp_page *page, const char *text,
			       const struct pp_text_style *ts, double x, double y, double w,
			       PangoAlignment align, int max_lines, const struct pp_snode *fig)
{
	PangoLayout *l = text_plain(ctx, style, ts, text);
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_alignment(l, align);
	if (max_lines > 0) {
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
		pango_layout_set_height(l, -max_lines);
	}
	int lh;
	pango_layout_get_size(l, NULL, &lh);
	if (!page) {
		g_object_unref(l);
		return (double)lh / PANGO_SCALE;
	}
	struct pp_box *b = page_box(page, PP_BOX_TEXT);
	b->layout = l;
	b->n_lines = pango_layout_get_line_count(l);
	b->x = x;
	b->y = y;
	b->w = w;
	b->h = (double)lh / PANGO_SCALE;
	b->colour = ts->colour;
	b->snode = fig;
	return b->h;
}

/* The same with no limit on lines (the small grids' cells). */
static double chart_text(struct pp_layout_ctx *ctx, const struct pp_style *style,
			 struct pp_page *page, const char *text, const struct pp_text_style *ts,
			 double x, double y, double w, PangoAlignment align,
			 const struct pp_snode *fig)
{
	return chart_text_lines(ctx, style, page, text, ts, x, y, w, align, 0, fig);
}

/* The width of `text` set on one line, in points. */
static double text_width(struct pp_layout_ctx *ctx, const struct pp_style *style,
			 const struct pp_text_style *ts, const char *text, size_t len)
{
	PangoLayout *l = text_plain(ctx, style, ts, "");
	pango_layout_set_text(l, text, (int)len);
	int w;
	pango_layout_get_size(l, &w, NULL);
	g_object_unref(l);
	return (double)w / PANGO_SCALE;
}

/* The widest word of `text` (words end at spaces), in points. */
static double widest_word(struct pp_layout_ctx *ctx, const struct pp_style *style,
			  const struct pp_text_style *ts, const char *text)
{
	double widest = 0;
	while (*text) {
		size_t n = strcspn(text, " ");
		if (n) {
			double w = text_width(ctx, style, ts, text, n);
			if (w > widest)
				widest = w;
		}
		text += n;
		text += strspn(text, " ");
	}
	return widest;
}

/* A 1, 2 or 5 times a power of ten step giving about `ticks` ticks
 * (computed without libm, which the stage does not link). */
static double nice_step(double max, int ticks)
{
	double raw = max / ticks, mag = 1;
	while (mag > raw)
		mag /= 10;
	while (mag * 10 <= raw)
		mag *= 10;
	double n = raw / mag;
	return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * mag;
}

static double round_up(double v, double step)
{
	double k = (double)(long long)(v / step);
	return (k * step < v ? k + 1 : k) * step;
}

/* Lines of the title, the axis names and each category label. */
enum { TITLE_LINES = 3, AXIS_NAME_LINES = 2, LABEL_LINES = 3 };
/* The longest a turned category label may run before it is ellipsized. */
#define TURNED_LABEL_MAX 72.0
/* At most this many rows of legend; the data table names every series. */
#define LEGEND_ROWS 6

static const char *category(const struct pp_chart *c, size_t k)
{
	const char *x = c->series[0].points[k].x;
	return x ? x : "";
}

/*
 * How the category labels under the x axis are set in slots `cw` wide:
 * level and wrapped at spaces when every word fits its slot ("Jan 2019"
 * as "Jan" over "2019"); else turned a quarter turn, reading upwards, and
 * when even turned lines are wider than a slot, only every k-th labelled.
 * Labels are never broken inside a word and never overlap.
 */
struct xlabels {
	int turned;
	size_t every; /* label categories 0, every, 2 * every ... */
	double h;     /* the height of the band of labels */
};

static struct xlabels plan_xlabels(struct pp_layout_ctx *ctx, const struct pp_style *st,
				   const struct pp_text_style *small, const struct pp_chart *c,
				   size_t n_cat, double cw, double line_h)
{
	struct xlabels xl = {0, 1, 0};
	size_t k = 0;
	while (k < n_cat && widest_word(ctx, st, small, category(c, k)) <= cw - 2)
		k++;
	if (k == n_cat) {
		for (k = 0; k < n_cat; k++) {
			double h = chart_text_lines(ctx, st, NULL, category(c, k), small, 0, 0, cw,
						    PANGO_ALIGN_CENTER, LABEL_LINES, NULL);
			if (h > xl.h)
				xl.h = h;
		}
		return xl;
	}
	xl.turned = 1;
	/* (bounded: in a cell narrower than the axis, cw is 0 or less) */
	while (xl.every < n_cat && (double)xl.every * cw < line_h + 1)
		xl.every++;
	for (k = 0; k < n_cat; k += xl.every) {
		const char *x = category(c, k);
		double w = text_width(ctx, st, small, x, strlen(x));
		if (w > xl.h)
			xl.h = w;
	}
	if (xl.h > TURNED_LABEL_MAX)
		xl.h = TURNED_LABEL_MAX;
	return xl;
}

/* Category label `text` turned a quarter turn, centred on x, its end at y. */
static void turned_label(struct pp_layout_ctx *ctx, const struct pp_style *st,
			 struct pp_page *page, const char *text, const struct pp_text_style *ts,
			 double x, double y, double length, const struct pp_snode *fig)
{
	PangoLayout *l = text_plain(ctx, st, ts, text);
	pango_layout_set_width(l, (int)(length * PANGO_SCALE));
	pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	pango_layout_set_height(l, -1);
	int lh;
	pango_layout_get_size(l, NULL, &lh);
	struct pp_box *b = page_box(page, PP_BOX_TEXT);
	b->layout = l;
	b->n_lines = pango_layout_get_line_count(l);
	b->rotation = 90;
	b->w = (double)lh / PANGO_SCALE;
	b->h = length;
	b->x = x - b->w / 2;
	b->y = y;
	b->colour = ts->colour;
	b->snode = fig;
}

/*
 * The legend: a line of the series' colour and its name, the entries set
 * side by side and wrapped into at most LEGEND_ROWS rows, each name on one
 * line of at most half the width. When the series do not all fit, the
 * last row ends with how many more there are (the data table and the
 * figure's alternative text name them all). Returns its height.
 */
static double legend(struct pp_layout_ctx *ctx, const struct pp_style *st,
		     struct pp_page *page, const struct pp_chart *c,
		     const struct pp_text_style *small, double x0, double y0, double width,
		     double line_h, const struct pp_snode *fig)
{
	size_t n = c->n_series, shown = 0;
	if (!n)
		return 0;
	double gap = 12, row_h = line_h + 2, x = 0;
	double *ex = pp_xcalloc(n, sizeof *ex), *ew = pp_xcalloc(n, sizeof *ew);
	int *er = pp_xcalloc(n, sizeof *er), row = 0;
	for (; shown < n; shown++) {
		const char *name = c->series[shown].name ? c->series[shown].name : "";
		double tw = text_width(ctx, st, small, name, strlen(name));
		double w = 18 + (tw < width / 2 - 18 ? tw : width / 2 - 18);
		if (x > 0 && x + w > width) {
			if (row + 1 == LEGEND_ROWS)
				break;
			row++;
			x = 0;
		}
		ex[shown] = x;
		er[shown] = row;
		ew[shown] = w;
		x += w + gap;
	}
	char more[64] = "";
	double mx = 0;
	int mrow = 0;
	while (shown < n) {
		/* Drop entries from the end until the note fits after the last kept
		 * (or starts the row after it). */
		snprintf(more, sizeof more, "and %zu more", n - shown);
		double mw = text_width(ctx, st, small, more, strlen(more));
		mrow = shown ? er[shown - 1] : 0;
		mx = shown ? ex[shown - 1] + ew[shown - 1] + gap : 0;
		if (shown == 0 || mx + mw <= width)
			break;
		if (mrow + 1 < LEGEND_ROWS) {
			mx = 0;
			mrow++;
			break;
		}
		shown--;
	}
	int rows = more[0] ? mrow + 1 : row + 1;
	for (size_t i = 0; page && i < shown; i++) {
		double ly = y0 + row_h * er[i];
		struct pp_rgb col = palette[i % N_PALETTE];
		page_line(page, x0 + ex[i], ly + line_h / 2, x0 + ex[i] + 14, ly + line_h / 2, col,
			  2);
		chart_text_lines(ctx, st, page, c->series[i].name ? c->series[i].name : "", small,
				 x0 + ex[i] + 18, ly, ew[i] - 18 + 1, PANGO_ALIGN_LEFT, 1, fig);
	}
	if (page && more[0])
		chart_text_lines(ctx, st, page, more, small, x0 + mx, y0 + row_h * mrow, width - mx,
				 PANGO_ALIGN_LEFT, 1, fig);
	free(ex);
	free(ew);
	free(er);
	return row_h * rows;
}

/*
 * Draw chart `c` with its top left at (x, y) in `width` on `page`, or with
 * page NULL only measure it; returns its height. Everything is computed
 * from the data: the y axis runs from 0 (or the smallest value, when one
 * is negative) to the largest value, each rounded out to a "nice" step;
 * the x axis has one slot per category of the first series (check
 * guarantees every series has the same categories). Every text is bounded
 * in lines, so the chart's height is bounded whatever the data.
 */
static double chart_render(struct pp_layout_ctx *ctx, const struct pp_style *st,
			   struct pp_page *page, const struct pp_chart *c, double x0, double y0,
			   double width, const struct pp_snode *fig)
{
	struct pp_text_style small = st->table_text, title = st->body;
	title.bold = 1;
	if (small.size > 8)
		small.size = 8;
	size_t n_cat = c->n_series ? c->series[0].n_points : 0;
	if (width > 480)
		width = 480;
	double plot_h = width < 300 ? width * 0.5 : 148;
	double line_h = chart_text_lines(ctx, st, NULL, "0", &small, 0, 0, width,
					 PANGO_ALIGN_LEFT, 1, NULL);
	double y = y0;
	y += chart_text_lines(ctx, st, page, c->title ? c->title : "", &title, x0, y, width,
			      PANGO_ALIGN_LEFT, TITLE_LINES, fig) + 4;

	double ymax = 0, ymin = 0;
	for (size_t i = 0; i < c->n_series; i++)
		for (size_t k = 0; k < c->series[i].n_points; k++) {
			double v = c->series[i].points[k].y;
			if (v > ymax)
				ymax = v;
			if (v < ymin)
				ymin = v;
		}
	if (ymax <= ymin)
		ymax = ymin + 1;
	double step = nice_step(ymax - ymin, 5);
	double top = round_up(ymax, step), bottom = -round_up(-ymin, step);
	double ax = x0 + 36, aw = width - 40, ah = plot_h;
	double y_name_h = c->y_label ? chart_text_lines(ctx, st, page, c->y_label, &small, x0, y,
							width, PANGO_ALIGN_LEFT,
							AXIS_NAME_LINES, fig)
				     : 0;
	double ay = y + (y_name_h > line_h ? y_name_h : line_h) + line_h * 0.6;
	struct pp_rgb grid = { 0.85, 0.85, 0.85 }, axis = st->body.colour;
	char buf[64];
#define Y_OF(v) (ay + ah - ah * ((v) - bottom) / (top - bottom))
	double cw = n_cat ? aw / (double)n_cat : aw;
	if (page) {
		int ticks = (int)((top - bottom) / step + 0.5);
		for (int t = 0; t <= ticks; t++) {
			double v = bottom + step * t, gy = Y_OF(v);
			if (v > -step / 1e6 && v < step / 1e6)
				v = 0; /* no "-0" or "1e-17" from the sum */
			page_line(page, ax, gy, ax + aw, gy, grid, 0.5);
			snprintf(buf, sizeof buf, "%g", v);
			chart_text_lines(ctx, st, page, buf, &small, x0, gy - small.size * 0.6, 32,
					 PANGO_ALIGN_RIGHT, 1, fig);
		}
		page_line(page, ax, ay + ah, ax + aw, ay + ah, axis, 0.75);
		page_line(page, ax, ay, ax, ay + ah, axis, 0.75);
		if (bottom < 0)
			page_line(page, ax, Y_OF(0), ax + aw, Y_OF(0), axis, 0.75);
	}
	struct xlabels xl = plan_xlabels(ctx, st, &small, c, n_cat, cw, line_h);
	for (size_t k = 0; page && k < n_cat; k += xl.every) {
		if (xl.turned)
			turned_label(ctx, st, page, category(c, k), &small,
				     ax + cw * ((double)k + 0.5), ay + ah + 2, xl.h, fig);
		else
			chart_text_lines(ctx, st, page, category(c, k), &small,
					 ax + cw * (double)k, ay + ah + 2, cw, PANGO_ALIGN_CENTER,
					 LABEL_LINES, fig);
	}
	for (size_t i = 0; page && i < c->n_series; i++) {
		const struct pp_series *se = &c->series[i];
		struct pp_rgb col = palette[i % N_PALETTE];
		for (size_t k = 0; k < se->n_points && k < n_cat; k++) {
			double py = Y_OF(se->points[k].y), zero = Y_OF(0);
			if (c->kind == PP_CHART_BAR) {
				double bw = cw * 0.8 / (double)c->n_series;
				/* from the zero line up, or down for a negative value */
				page_rect(page, ax + cw * (double)k + cw * 0.1 + bw * (double)i,
					  py < zero ? py : zero, bw, py < zero ? zero - py : py - zero,
					  &col, NULL, 0);
				continue;
			}
			double px = ax + cw * ((double)k + 0.5);
			page_rect(page, px - 1.75, py - 1.75, 3.5, 3.5, &col, NULL, 0);
			if (k + 1 < se->n_points && k + 1 < n_cat)
				page_line(page, px, py, px + cw, Y_OF(se->points[k + 1].y), col, 1.5);
		}
	}
#undef Y_OF
	y = ay + ah + 2 + (xl.h > line_h ? xl.h : line_h) + 2;
	if (c->x_label)
		y += chart_text_lines(ctx, st, page, c->x_label, &small, ax, y, aw,
				      PANGO_ALIGN_CENTER, AXIS_NAME_LINES, fig);
	y += 4;
	y += legend(ctx, st, page, c, &small, ax, y, aw, line_h, fig);
	return y - y0;
}

/* ---------- small grids (data tables inside cells) ------------------------ */

/* A small table drawn in one piece: text cells, a header row and row
 * headers in bold, hairline rules. Columns get their natural widths,
 * shrunk in proportion (text wraps) when the grid is wider than its room. */
struct grid {
	size_t n_rows, n_cols;
	char **text;		  /* n_rows * n_cols, owned ("" for none) */
	unsigned char *head;	  /* per cell: a header cell */
	struct pp_snode **snode;  /* per cell: TH/TD, borrowed */
};

static void grid_fini(struct grid *g)
{
	for (size_t i = 0; i < g->n_rows * g->n_cols; i++)
		free(g->text[i]);
	free(g->text);
	free(g->head);
	free(g->snode);
}

static double grid_render(struct pp_layout_ctx *ctx, const struct pp_style *st,
			  struct pp_page *page, const struct grid *g, double x0, double y0,
			  double width)
{
	struct pp_text_style ts = st->table_text, bold = st->table_text;
	bold.bold = 1;
	double pad = 2.5;
	double *w = pp_xcalloc(g->n_cols, sizeof *w);
	double total = 0;
	for (size_t c = 0; c < g->n_cols; c++) {
		for (size_t r = 0; r < g->n_rows; r++) {
			size_t i = r * g->n_cols + c;
			PangoLayout *l = text_plain(ctx, st, g->head[i] ? &bold : &ts, g->text[i]);
			int lw;
			pango_layout_get_size(l, &lw, NULL);
			g_object_unref(l);
			if ((double)lw / PANGO_SCALE + 2 * pad > w[c])
				w[c] = (double)lw / PANGO_SCALE + 2 * pad;
		}
		total += w[c];
	}
	if (total > width)
		for (size_t c = 0; c < g->n_cols; c++)
			w[c] *= width / total;
	double y = y0;
	for (size_t r = 0; r < g->n_rows; r++) {
		double rh = 0, x = x0;
		for (size_t c = 0; c < g->n_cols; c++) {
			size_t i = r * g->n_cols + c;
			double h = chart_text(ctx, st, NULL, g->text[i], g->head[i] ? &bold : &ts, 0,
					      0, w[c] - 2 * pad, PANGO_ALIGN_LEFT, NULL);
			if (h > rh)
				rh = h;
		}
		rh += 2 * pad;
		for (size_t c = 0; page && c < g->n_cols; c++) {
			size_t i = r * g->n_cols + c;
			const struct pp_rgb *fill = g->head[i] ? &st->table_group_fill : NULL;
			page_rect(page, x, y, w[c], rh, fill, &st->table_rule, st->table_rule_width);
			if (*g->text[i])
				chart_text(ctx, st, page, g->text[i], g->head[i] ? &bold : &ts,
					   x + pad, y + pad, w[c] - 2 * pad,
					   c ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT, g->snode[i]);
			x += w[c];
		}
		y += rh;
	}
	free(w);
	return y - y0;
}

/* ---------- drawn pieces -------------------------------------------------- */

struct chart_piece {
	struct piece_drawing base; /* first: the piece holds a pointer to it */
	struct pp_layout_ctx *ctx;
	const struct pp_style *style;
	const struct pp_chart *chart;
	struct pp_snode *fig;
};

static double chart_piece_measure(const struct piece_drawing *d, double width)
{
	const struct chart_piece *cp = (const struct chart_piece *)d;
	return chart_render(cp->ctx, cp->style, NULL, cp->chart, 0, 0, width, cp->fig);
}

static void chart_piece_draw(const struct piece_drawing *d, struct pp_page *page, double x,
			     double y, double width, int artifact)
{
	const struct chart_piece *cp = (const struct chart_piece *)d;
	/* A repeated (artifact) copy would be drawn only if a chart were a
	 * group cell; charts live in response cells, drawn once. */
	(void)artifact;
	chart_render(cp->ctx, cp->style, page, cp->chart, x, y, width, cp->fig);
}

static void chart_piece_release(struct piece_drawing *d)
{
	free(d);
}

static void grid_alloc(struct grid *g, size_t rows, size_t cols)
{
	g->n_rows = rows;
	g->n_cols = cols;
	size_t n = rows * cols > 0 ? rows * cols : 1;
	g->text = pp_xcalloc(n, sizeof *g->text);
	g->head = pp_xcalloc(n, 1);
	g->snode = pp_xcalloc(n, sizeof *g->snode);
}

/* Structure of a grid: Table > TR > TH/TD under `parent`. */
static void grid_structure(struct flow *f, struct grid *g, struct pp_snode *parent,
			   int head_row)
{
	struct pp_snode *t = snode_new(f->pages, parent, PP_ROLE_TABLE);
	for (size_t r = 0; r < g->n_rows; r++) {
		struct pp_snode *tr = snode_new(f->pages, t, PP_ROLE_TR);
		for (size_t c = 0; c < g->n_cols; c++) {
			size_t i = r * g->n_cols + c;
			struct pp_snode *cell =
				snode_new(f->pages, tr, g->head[i] ? PP_ROLE_TH : PP_ROLE_TD);
			if (g->head[i])
				cell->scope = head_row && r == 0 ? PP_SCOPE_COLUMN : PP_SCOPE_ROW;
			g->snode[i] = cell;
		}
	}
}

/* The chart's data as a grid: categories across, one row per series. */
static void chart_data_grid(struct flow *f, const struct pp_chart *c, struct grid *g,
			    struct pp_snode *parent)
{
	size_t n_cat = c->n_series ? c->series[0].n_points : 0;
	if (!c->show_table || !n_cat)
		return;
	grid_alloc(g, c->n_series + 1, n_cat + 1);
	for (size_t k = 0; k <= n_cat; k++) {
		const char *txt = k ? c->series[0].points[k - 1].x : c->x_label;
		g->text[k] = pp_xstrdup(txt ? txt : "");
		g->head[k] = 1;
	}
	for (size_t i = 0; i < c->n_series; i++) {
		size_t row = (i + 1) * g->n_cols;
		const struct pp_series *se = &c->series[i];
		g->text[row] = pp_xstrdup(se->name ? se->name : "");
		g->head[row] = 1;
		for (size_t k = 1; k <= n_cat; k++)
			g->text[row + k] = k - 1 < se->n_points
						   ? pp_xasprintf("%g", se->points[k - 1].y)
						   : pp_xstrdup("");
	}
	grid_structure(f, g, parent, 1);
}

struct grid_piece {
	struct piece_drawing base;
	struct pp_layout_ctx *ctx;
	const struct pp_style *style;
	struct grid g;
};

static double grid_piece_measure(const struct piece_drawing *d, double width)
{
	const struct grid_piece *gp = (const struct grid_piece *)d;
	return grid_render(gp->ctx, gp->style, NULL, &gp->g, 0, 0, width);
}

static void grid_piece_draw(const struct piece_drawing *d, struct pp_page *page, double x,
			    double y, double width, int artifact)
{
	const struct grid_piece *gp = (const struct grid_piece *)d;
	(void)artifact; /* data tables live in response cells, drawn once */
	grid_render(gp->ctx, gp->style, page, &gp->g, x, y, width);
}

static void grid_piece_release(struct piece_drawing *d)
{
	struct grid_piece *gp = (struct grid_piece *)d;
	grid_fini(&gp->g);
	free(gp);
}

/* A grid piece taking over `g`'s contents. */
static struct piece *grid_piece_add(struct flow *f, struct stack *s, struct grid *g)
{
	struct grid_piece *gp = pp_xcalloc(1, sizeof *gp);
	gp->base.min_width = 30.0 * (double)g->n_cols;
	gp->base.measure = grid_piece_measure;
	gp->base.draw = grid_piece_draw;
	gp->base.release = grid_piece_release;
	gp->ctx = f->ctx;
	gp->style = f->style;
	gp->g = *g;
	struct piece *p = stack_add(s, text_plain(f->ctx, f->style, &f->style->table_text, ""),
				    f->style->table_text.colour, NULL);
	p->drawing = &gp->base;
	return p;
}

struct piece *table_piece(struct flow *f, struct stack *s, const struct pp_table *t,
			  struct pp_snode *parent)
{
	size_t n_cols = 0;
	for (size_t r = 0; r < t->n_rows; r++)
		if (t->rows[r].n_cells > n_cols)
			n_cols = t->rows[r].n_cells;
	struct grid_piece *gp = pp_xcalloc(1, sizeof *gp);
	gp->base.min_width = 40.0 * (double)n_cols;
	gp->base.measure = grid_piece_measure;
	gp->base.draw = grid_piece_draw;
	gp->base.release = grid_piece_release;
	gp->ctx = f->ctx;
	gp->style = f->style;
	grid_alloc(&gp->g, t->n_rows, n_cols);
	int head_row = t->n_rows > 1;
	for (size_t c = 0; head_row && c < t->rows[0].n_cells; c++)
		head_row = t->rows[0].cells[c].header;
	for (size_t r = 0; r < t->n_rows; r++)
		for (size_t c = 0; c < n_cols; c++) {
			size_t i = r * n_cols + c;
			const struct pp_table_cell *pc =
				c < t->rows[r].n_cells ? &t->rows[r].cells[c] : NULL;
			gp->g.text[i] = pc ? pp_table_cell_text(pc) : pp_xstrdup("");
			gp->g.head[i] = (unsigned char)((head_row && r == 0) || (pc && pc->header));
		}
	grid_structure(f, &gp->g, parent, head_row);
	struct piece *p = stack_add(s, text_plain(f->ctx, f->style, &f->style->table_text, ""),
				    f->style->table_text.colour, NULL);
	p->drawing = &gp->base;
	return p;
}

struct piece *chart_piece(struct flow *f, struct stack *s, const struct pp_chart *c,
			  struct pp_snode *parent)
{
	struct chart_piece *cp = pp_xcalloc(1, sizeof *cp);
	cp->base.min_width = 200;
	cp->base.measure = chart_piece_measure;
	cp->base.draw = chart_piece_draw;
	cp->base.release = chart_piece_release;
	cp->ctx = f->ctx;
	cp->style = f->style;
	cp->chart = c;
	cp->fig = snode_new(f->pages, parent, PP_ROLE_FIGURE);
	cp->fig->alt = chart_summary(c);
	struct piece *p = stack_add(s, text_plain(f->ctx, f->style, &f->style->table_text, ""),
				    f->style->table_text.colour, NULL);
	p->drawing = &cp->base;
	/* The data as a table: a piece of its own, so the chart and its
	 * table may fall on different pages. */
	struct grid g = { 0 };
	chart_data_grid(f, c, &g, parent);
	if (g.n_rows) {
		size_t ip = (size_t)(p - s->pieces);
		struct piece *tp = grid_piece_add(f, s, &g);
		tp->space_before = f->style->para_space;
		p = &s->pieces[ip];
	}
	return p;
}

/* ---------- charts in the body flow --------------------------------------- */

/* A chart in the body flow, with its data table (built when the chart is
 * met, so the structure keeps the document's order). */
struct body_chart {
	const struct pp_chart *c;
	struct pp_snode *fig;
	struct ttable t;
	int has_table;
};

/* The same data as a real table: categories across, one row per series. */
static int chart_data_table(struct flow *f, const struct pp_chart *c, struct ttable *t)
{
	const struct pp_style *st = f->style;
	size_t n_cat = c->n_series ? c->series[0].n_points : 0;
	if (!c->show_table || !n_cat)
		return 0;
	char buf[64];
	ttable_init(t, f, n_cat + 1, f->parent);
	struct trow *head = ttable_add_row(t, f, 1);
	for (size_t k = 0; k <= n_cat; k++) {
		struct tcell *cell = ttable_cell(head, k, f, 1);
		const char *txt = k ? c->series[0].points[k - 1].x : c->x_label;
		if (txt && *txt)
			stack_add(&cell->st, text_plain(f->ctx, st, &st->table_header, txt),
				  st->table_header.colour, cell->snode);
	}
	for (size_t i = 0; i < c->n_series; i++) {
		struct trow *row = ttable_add_row(t, f, 0);
		for (size_t k = 0; k <= n_cat; k++) {
			struct tcell *cell = ttable_cell(row, k, f, k == 0);
			if (k == 0)
				cell->snode->scope = PP_SCOPE_ROW;
			if (k == 0)
				snprintf(buf, sizeof buf, "%s", c->series[i].name ? c->series[i].name : "");
			else if (k - 1 < c->series[i].n_points)
				snprintf(buf, sizeof buf, "%g", c->series[i].points[k - 1].y);
			else
				buf[0] = '\0';
			if (buf[0])
				stack_add(&cell->st, text_plain(f->ctx, st, &st->table_text, buf),
					  st->table_text.colour, cell->snode);
		}
	}
	return 1;
}

/* Draw the chart at the cursor (it fits, or is alone on its page), then
 * its data table; frees bc. */
static void place_chart(struct flow *f, struct body_chart *bc)
{
	f->y += chart_render(f->ctx, f->style, flow_page(f), bc->c, f->left, f->y,
			     f->right - f->left, bc->fig);
	f->page_has_content = 1;
	if (bc->has_table) {
		f->y += f->style->para_space;
		ttable_layout(f, &bc->t);
		ttable_fini(&bc->t);
	}
	free(bc);
}

/* A floated chart opens its page; what follows it goes on below it. */
static void place_float(struct flow *f, void *data)
{
	place_chart(f, data);
	f->y += f->style->para_space;
}

/*
 * A chart is kept whole on one page. One that does not fit the rest of
 * this page (but fits a page) floats: it opens the next page with its
 * data table, and the text after it fills this page's gap, instead of
 * the gap staying empty. It waits at most until the next view that is
 * not text (a section, a table view ...) or the document's end
 * (flow_flush_float), so it stays in its own section.
 */
void flow_chart(struct flow *f, const struct pp_chart *c)
{
	flow_flush_float(f); /* floats keep their order */
	struct body_chart *bc = pp_xcalloc(1, sizeof *bc);
	bc->c = c;
	bc->fig = snode_new(f->pages, f->parent, PP_ROLE_FIGURE);
	bc->fig->alt = chart_summary(c);
	bc->has_table = chart_data_table(f, c, &bc->t);
	double h = chart_render(f->ctx, f->style, NULL, c, f->left, f->y, f->right - f->left,
				bc->fig);
	if (f->page_has_content && f->y + h > f->bottom && h <= f->bottom - f->top) {
		f->float_place = place_float;
		f->float_data = bc;
		return;
	}
	flow_need(f, h);
	place_chart(f, bc);
}

char *chart_summary(const struct pp_chart *c)
{
	size_t cap = 256, n = 0;
	char *out = pp_xmalloc(cap);
	out[0] = '\0';
#define APPEND(...)                                                                \
	do {                                                                       \
		int k_ = snprintf(NULL, 0, __VA_ARGS__);                           \
		PP_GROW(out, n + (size_t)k_ + 1, cap);                             \
		snprintf(out + n, cap - n, __VA_ARGS__);                           \
		n += (size_t)k_;                                                   \
	} while (0)
	APPEND("%s chart: %s.", c->kind == PP_CHART_BAR ? "Bar" : "Line",
	       c->title ? c->title : "untitled");
	for (size_t i = 0; i < c->n_series; i++) {
		const struct pp_series *se = &c->series[i];
		APPEND(" %s:", se->name ? se->name : "series");
		for (size_t k = 0; k < se->n_points; k++)
			APPEND("%s %s %g", k ? "," : "", se->points[k].x ? se->points[k].x : "",
			       se->points[k].y);
		APPEND(".");
	}
#undef APPEND
	return out;
}
