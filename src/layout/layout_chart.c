/* SPDX-License-Identifier: MIT */
/*
 * layout_chart.c - line, bar, pie, donut and horizontal stacked-bar charts
 * drawn with LINE, RECT, POLY and TEXT boxes, all belonging to one Figure
 * whose alternative text summarises the data; with show_table the data
 * follows as a real table. The chart is kept whole on one page. Inside a
 * table cell (an assessment's response) a chart is
 * one drawn piece of the cell's stack (chart_piece; a data table is
 * layout_subtable.c's): measured
 * at the cell's width, never split. Every colour is the template's
 * (style.h, chart) or a status's. Colour never stands alone: series are
 * named in the legend, slices and segments in a key beside a swatch
 * ("Green 21 (43%)", never written on the colour), status points take
 * their status's shape as well as its colour, a target is dashed; the
 * data table is the non-visual equivalent.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "layout_flow.h"


static struct pp_rgb hex_rgb(unsigned hex)
{
	return (struct pp_rgb){ ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0,
				(hex & 0xff) / 255.0 };
}

/* ---------- statuses of points and slices -------------------------------- */

static int has_status(const struct pp_point *pt)
{
	return pt->status || pt->rag != PP_RAG_NONE;
}

/* The status's place in its scale: the shape it is drawn with. */
static size_t status_index(const struct pp_chart *c, const struct pp_point *pt)
{
	if (pt->status && c->scale)
		return (size_t)(pt->status - c->scale->values);
	return pt->rag > PP_RAG_NONE ? (size_t)pt->rag - 1 : 0;
}

static const char *status_label(const struct pp_style *st, const struct pp_point *pt)
{
	if (pt->status)
		return pt->status->label ? pt->status->label : "";
	return st->rag[pt->rag].label ? st->rag[pt->rag].label : "";
}

/*
 * The colours a point or slice is drawn in: its status's fill (and, when
 * the fill is too pale to show on paper, an outline as its cells have),
 * else `plain` with no outline.
 */
struct paint {
	struct pp_rgb fill, outline;
	int has_outline;
};

static struct paint point_paint(const struct pp_style *st, const struct pp_point *pt,
				struct pp_rgb plain)
{
	struct paint p = { plain, plain, 0 };
	if (pt->status) {
		p.fill = hex_rgb(pt->status->fill);
		p.outline = hex_rgb(pt->status->text);
		p.has_outline = pp_rgb_contrast(pt->status->fill, 0xffffff) < 1.5;
	} else if (pt->rag != PP_RAG_NONE) {
		const struct pp_rag_style *rs = &st->rag[pt->rag];
		p.fill = rs->fill;
		p.outline = rs->outline;
		p.has_outline = rs->has_outline;
	}
	return p;
}

/* The chart's name for series i: a target without a name is "Target". */
static const char *series_name(const struct pp_series *se)
{
	return se->name ? se->name : se->target ? "Target" : "";
}

/*
 * A marker of `shape` centred on (cx, cy), `r` from centre to edge: a
 * circle, diamond, triangle, square, downward triangle or hexagon, in
 * the status's order, so two statuses are told apart without colour.
 */
#define N_SHAPES 6
#define PI 3.14159265358979323846
static void marker(struct pp_page *page, size_t shape, double cx, double cy, double r,
		   const struct paint *p, const struct pp_rgb *edge)
{
	static const struct {
		int n;
		double start; /* degrees clockwise from 12 o'clock */
		double scale;
	} shapes[N_SHAPES] = {
		{ 16, 0, 1.0 }, { 4, 0, 1.2 }, { 3, 0, 1.25 }, { 4, 45, 1.2 }, { 3, 180, 1.25 },
		{ 6, 30, 1.1 },
	};
	double pts[2 * 16];
	int n = shapes[shape % N_SHAPES].n;
	for (int i = 0; i < n; i++) {
		double a = (shapes[shape % N_SHAPES].start + 360.0 * i / n) * PI / 180.0;
		double rr = r * shapes[shape % N_SHAPES].scale;
		pts[2 * i] = cx + rr * sin(a);
		pts[2 * i + 1] = cy - rr * cos(a);
	}
	page_poly(page, pts, (size_t)n, &p->fill, p->has_outline ? &p->outline : edge, 0.6);
}

/* A dashed line from (x0, y0) to (x1, y1): dashes of 4 points, gaps of 3. */
static void dashed_line(struct pp_page *page, double x0, double y0, double x1, double y1,
			struct pp_rgb col, double w)
{
	double len = hypot(x1 - x0, y1 - y0);
	if (len <= 0)
		return;
	for (double t = 0; t < len; t += 7) {
		double t1 = t + 4 < len ? t + 4 : len;
		page_line(page, x0 + (x1 - x0) * t / len, y0 + (y1 - y0) * t / len,
			  x0 + (x1 - x0) * t1 / len, y0 + (y1 - y0) * t1 / len, col, w);
	}
}

/* Series i's colour: the template's list, repeating (style.h). */
static struct pp_rgb series_colour(const struct pp_style *st, size_t i)
{
	const struct pp_chart_style *cs = &st->chart;
	return cs->n_series ? cs->series[i % cs->n_series] : cs->axis;
}

/*
 * Colour is never a series' only cue: series i's line has its own dashes
 * (the first solid, then dotted, dash-dot, long dashes; a target's 4-3
 * dashes are none of these) and its bars their own hatching (the first
 * plain, then "/", "\", "-", "|"), shown in the legend too.
 */
#define N_SERIES_LOOKS 4
static const double *series_dash(size_t i, size_t *n)
{
	static const double dashes[N_SERIES_LOOKS][4] = {
		{ 0 }, { 1.5, 2 }, { 7, 2, 1.5, 2 }, { 10, 3 }
	};
	static const size_t lens[N_SERIES_LOOKS] = { 0, 2, 4, 2 };
	*n = lens[i % N_SERIES_LOOKS];
	return dashes[i % N_SERIES_LOOKS];
}

/* A line from (x0, y0) to (x1, y1) in series i's dashes. */
static void series_line(struct pp_page *page, size_t i, double x0, double y0, double x1,
			double y1, struct pp_rgb col, double w)
{
	size_t n;
	const double *dash = series_dash(i, &n);
	double len = hypot(x1 - x0, y1 - y0);
	if (n == 0 || len <= 0) {
		page_line(page, x0, y0, x1, y1, col, w);
		return;
	}
	for (double t = 0; t < len;)
		for (size_t k = 0; k < n && t < len; t += dash[k++]) {
			if (k % 2) /* a gap */
				continue;
			double t1 = t + dash[k] < len ? t + dash[k] : len;
			page_line(page, x0 + (x1 - x0) * t / len, y0 + (y1 - y0) * t / len,
				  x0 + (x1 - x0) * t1 / len, y0 + (y1 - y0) * t1 / len, col, w);
		}
}

/* The part inside the rectangle (x, y, w, h) of the line through (px, py)
 * along (dx, dy), drawn in `col`; nothing when it misses. */
static void clipped_line(struct pp_page *page, double x, double y, double w, double h,
			 double px, double py, double dx, double dy, struct pp_rgb col)
{
	double t0 = -1e9, t1 = 1e9;
	const double p[4] = { -dx, dx, -dy, dy }, q[4] = { px - x, x + w - px, py - y, y + h - py };
	for (int k = 0; k < 4; k++) {
		if (p[k] == 0) {
			if (q[k] < 0)
				return;
			continue;
		}
		double t = q[k] / p[k];
		if (p[k] < 0 && t > t0)
			t0 = t;
		else if (p[k] > 0 && t < t1)
			t1 = t;
	}
	if (t1 > t0)
		page_line(page, px + t0 * dx, py + t0 * dy, px + t1 * dx, py + t1 * dy, col, 0.75);
}

/* Series i's hatching over a bar (x, y, w, h), in paper white: lines on
 * a fixed grid of the page, so neighbouring bars' hatching lines up. */
static void series_hatch(struct pp_page *page, size_t i, double x, double y, double w, double h)
{
	static const double dirs[N_SERIES_LOOKS][2] = {
		{ 0, 0 }, { 0.70710678, -0.70710678 }, { 0.70710678, 0.70710678 }, { 1, 0 }
	};
	static const struct pp_rgb paper = { 1, 1, 1 };
	size_t k = i % N_SERIES_LOOKS;
	if (k == 0 || w <= 0 || h <= 0)
		return;
	double dx = dirs[k][0], dy = dirs[k][1], nx = -dy, ny = dx, gap = 3;
	double lo = 1e300, hi = -1e300;
	const double cx[4] = { x, x + w, x, x + w }, cy[4] = { y, y, y + h, y + h };
	for (int c = 0; c < 4; c++) {
		double v = cx[c] * nx + cy[c] * ny;
		lo = v < lo ? v : lo;
		hi = v > hi ? v : hi;
	}
	for (double v = ceil(lo / gap) * gap; v <= hi; v += gap)
		clipped_line(page, x, y, w, h, nx * v, ny * v, dx, dy, paper);
}

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
		const char *name = series_name(&c->series[shown]);
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
		struct pp_rgb col = series_colour(st, i);
		if (c->series[i].target) {
			dashed_line(page, x0 + ex[i], ly + line_h / 2, x0 + ex[i] + 14,
				    ly + line_h / 2, st->chart.target, 2);
		} else if (c->kind == PP_CHART_BAR) { /* a swatch of the bar, hatched */
			double sh = line_h * 0.7;
			page_rect(page, x0 + ex[i], ly + (line_h - sh) / 2, 14, sh, &col, NULL, 0);
			series_hatch(page, i, x0 + ex[i], ly + (line_h - sh) / 2, 14, sh);
		} else {
			series_line(page, i, x0 + ex[i], ly + line_h / 2, x0 + ex[i] + 14,
				    ly + line_h / 2, col, 2);
		}
		chart_text_lines(ctx, st, page, series_name(&c->series[i]), small,
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

/* ---------- keys: a swatch or marker and its words ------------------------ */

struct key_entry {
	char *text;	  /* owned */
	struct paint paint;
	int shape;	  /* -1: a square swatch; else a status marker's shape */
};

static void key_free(struct key_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(e[i].text);
	free(e);
}

#define KEY_SAMPLE 10.0 /* the swatch's side */
#define KEY_TEXT_LINES 2
/* At most this many entries in a key, the last then saying how many more
 * there are (the table and the alternative text list them all), so a
 * chart's height is bounded whatever the data. */
#define KEY_MAX 16

/*
 * A key of `n` entries in `width` from (x0, y0): with `one_per_line`
 * each entry on lines of its own (its text in at most KEY_TEXT_LINES
 * lines), else side by side, wrapping, each on one line of at most half
 * the width. The text is chart text on paper beside the swatch, never on
 * the colour. Returns its height; entries never overlap.
 */
static double key_render(struct pp_layout_ctx *ctx, const struct pp_style *st,
			 struct pp_page *page, const struct key_entry *e, size_t n,
			 const struct pp_text_style *small, double x0, double y0, double width,
			 double line_h, int one_per_line, const struct pp_snode *fig)
{
	double gap = 12, x = 0, y = 0, row_h = 0, lead = KEY_SAMPLE + 5;
	size_t shown = n > KEY_MAX ? KEY_MAX - 1 : n;
	for (size_t i = 0; i < shown; i++) {
		double tw, th;
		if (one_per_line) {
			tw = width - lead;
			th = chart_text_lines(ctx, st, NULL, e[i].text, small, 0, 0, tw,
					      PANGO_ALIGN_LEFT, KEY_TEXT_LINES, NULL);
		} else {
			tw = text_width(ctx, st, small, e[i].text, strlen(e[i].text)) + 1;
			if (tw > width / 2 - lead)
				tw = width / 2 - lead;
			th = line_h;
			if (x > 0 && x + lead + tw > width) {
				y += row_h + 2;
				x = row_h = 0;
			}
		}
		double h = th > KEY_SAMPLE ? th : KEY_SAMPLE;
		if (page) {
			double sy = y0 + y + (line_h - KEY_SAMPLE) / 2;
			if (e[i].shape < 0)
				page_rect(page, x0 + x, sy, KEY_SAMPLE, KEY_SAMPLE, &e[i].paint.fill,
					  e[i].paint.has_outline ? &e[i].paint.outline : NULL, 0.6);
			else
				marker(page, (size_t)e[i].shape, x0 + x + KEY_SAMPLE / 2,
				       sy + KEY_SAMPLE / 2, KEY_SAMPLE / 2.6, &e[i].paint,
				       &st->chart.axis);
			chart_text_lines(ctx, st, page, e[i].text, small, x0 + x + lead, y0 + y, tw,
					 PANGO_ALIGN_LEFT, one_per_line ? KEY_TEXT_LINES : 1, fig);
		}
		if (one_per_line) {
			y += h + 3;
		} else {
			x += lead + tw + gap;
			if (h > row_h)
				row_h = h;
		}
	}
	if (!one_per_line && n)
		y += row_h + 2;
	if (shown < n) {
		char more[64];
		snprintf(more, sizeof more, "and %zu more", n - shown);
		y += chart_text_lines(ctx, st, page, more, small, x0, y0 + y, width,
				      PANGO_ALIGN_LEFT, 1, fig) + 3;
	}
	if (n)
		y -= one_per_line ? 3 : 2;
	return y;
}

/*
 * Under a line or bar chart whose points carry statuses: each status used
 * (in its scale's order) as its marker and its label, so shapes and
 * colours are read without the table.
 */
static double status_key(struct pp_layout_ctx *ctx, const struct pp_style *st,
			 struct pp_page *page, const struct pp_chart *c,
			 const struct pp_text_style *small, double x0, double y0, double width,
			 double line_h, const struct pp_snode *fig)
{
	size_t n_values = c->scale ? c->scale->n_values : PP_STATUS_RAG_N;
	const struct pp_point **first = pp_xcalloc(n_values ? n_values : 1, sizeof *first);
	size_t used = 0;
	for (size_t i = 0; i < c->n_series; i++)
		for (size_t k = 0; k < c->series[i].n_points; k++) {
			const struct pp_point *pt = &c->series[i].points[k];
			size_t v = status_index(c, pt);
			if (has_status(pt) && v < n_values && !first[v]) {
				first[v] = pt;
				used++;
			}
		}
	double h = 0;
	if (used) {
		struct key_entry *e = pp_xcalloc(used, sizeof *e);
		size_t n = 0;
		for (size_t v = 0; v < n_values; v++) {
			if (!first[v])
				continue;
			e[n].text = pp_xstrdup(status_label(st, first[v]));
			e[n].paint = point_paint(st, first[v], st->chart.axis);
			e[n].shape = (int)v;
			n++;
		}
		h = 4 + key_render(ctx, st, page, e, n, small, x0, y0 + 4, width, line_h, 0, fig);
		key_free(e, n);
	}
	free(first);
	return h;
}

/* "Green 21 (43%)": a slice's or segment's words in a key. */
static char *share_text(const struct pp_point *pt, unsigned pct, int with_numbers)
{
	const char *name = pt->x ? pt->x : "";
	const char *sym = pt->status && pt->status->symbol && *pt->status->symbol
				  ? pt->status->symbol
				  : NULL;
	if (!with_numbers)
		return sym ? pp_xasprintf("%s %s", sym, name) : pp_xstrdup(name);
	return sym ? pp_xasprintf("%s %s %g (%u%%)", sym, name, pt->y, pct)
		   : pp_xasprintf("%s %g (%u%%)", name, pt->y, pct);
}

/* Do any of the chart's points carry a status? */
static int chart_has_status(const struct pp_chart *c)
{
	for (size_t i = 0; i < c->n_series; i++)
		for (size_t k = 0; k < c->series[i].n_points; k++)
			if (has_status(&c->series[i].points[k]))
				return 1;
	return 0;
}

/* The colour of category k of a pie or stacked bar: its status's; in a
 * chart of statuses, one without ("Not rated") in the unrated colour. */
static struct paint share_paint(const struct pp_style *st, const struct pp_chart *c,
				const struct pp_point *pt, size_t k)
{
	if (!has_status(pt) && chart_has_status(c))
		return (struct paint){ st->chart.unrated, st->chart.axis, 1 };
	return point_paint(st, pt, series_colour(st, k));
}

/* The key of series `se`'s categories, shares of its total when `numbers`. */
static struct key_entry *share_key(const struct pp_style *st, const struct pp_chart *c,
				   const struct pp_series *se, int numbers, size_t *n_out)
{
	size_t n = se->n_points;
	double *v = pp_xcalloc(n ? n : 1, sizeof *v);
	unsigned *pct = pp_xcalloc(n ? n : 1, sizeof *pct);
	for (size_t k = 0; k < n; k++)
		v[k] = se->points[k].y;
	pp_percentages(v, n, pct);
	struct key_entry *e = pp_xcalloc(n ? n : 1, sizeof *e);
	size_t m = 0;
	for (size_t k = 0; k < n; k++) {
		/* A category of 0 in every series is not drawn: the table
		 * lists it, the key does not. */
		int drawn = 0;
		for (size_t i = 0; i < c->n_series && !drawn; i++)
			drawn = k < c->series[i].n_points && c->series[i].points[k].y > 0;
		if (!drawn)
			continue;
		const struct pp_point *pt = &se->points[k];
		e[m].text = share_text(pt, pct[k], numbers);
		e[m].paint = share_paint(st, c, pt, k);
		e[m].shape = has_status(pt) ? (int)status_index(c, pt) : -1;
		m++;
	}
	free(v);
	free(pct);
	*n_out = m;
	return e;
}

/* ---------- pie and donut ------------------------------------------------- */

/* Corners of the arc of radius r about (cx, cy) from angle a0 to a1
 * (radians clockwise from 12 o'clock), at most 2 degrees apart, appended
 * to pts at *n. */
static void arc(double *pts, size_t *n, double cx, double cy, double r, double a0, double a1)
{
	int steps = (int)ceil(fabs(a1 - a0) / (2 * PI / 180));
	if (steps < 1)
		steps = 1;
	for (int i = 0; i <= steps; i++) {
		double a = a0 + (a1 - a0) * i / steps;
		pts[2 * *n] = cx + r * sin(a);
		pts[2 * *n + 1] = cy - r * cos(a);
		(*n)++;
	}
}

/*
 * A pie or donut: slices clockwise from 12 o'clock in category order, a
 * slice of 0 not drawn (the key and the table still list it); beside it,
 * when there is room, else under it, the key "Green 21 (43%)" with the
 * percentages rounded to add up to 100 (pp_percentages). A donut's hole
 * holds the total.
 */
static double pie_render(struct pp_layout_ctx *ctx, const struct pp_style *st,
			 struct pp_page *page, const struct pp_chart *c,
			 const struct pp_text_style *small, const struct pp_text_style *title,
			 double x0, double y0, double width, double line_h,
			 const struct pp_snode *fig)
{
	double y = y0;
	y += chart_text_lines(ctx, st, page, c->title ? c->title : "", title, x0, y, width,
			      PANGO_ALIGN_LEFT, TITLE_LINES, fig) + 6;
	if (!c->n_series)
		return y - y0;
	const struct pp_series *se = &c->series[0];
	double d = width < 320 ? width * 0.45 : 144;
	double key_x = x0 + d + 18, key_w = x0 + width - key_x;
	int beside = key_w >= 110;
	if (!beside) {
		key_x = x0;
		key_w = width;
	}
	size_t n_key;
	struct key_entry *e = share_key(st, c, se, 1, &n_key);
	double kh = key_render(ctx, st, NULL, e, n_key, small, 0, 0, key_w, line_h, 1, NULL);
	double total = 0;
	for (size_t k = 0; k < se->n_points; k++)
		total += se->points[k].y > 0 ? se->points[k].y : 0;
	if (page) {
		double r = d / 2, cx = x0 + r, cy = y + r;
		double hole = c->kind == PP_CHART_DONUT ? r * 0.56 : 0;
		double *pts = pp_xcalloc(2 * (2 * 185 + 4), sizeof *pts);
		double a = 0;
		for (size_t k = 0; total > 0 && k < se->n_points; k++) {
			const struct pp_point *pt = &se->points[k];
			if (!(pt->y > 0))
				continue; /* a slice of 0 is not drawn */
			double a1 = a + 2 * PI * pt->y / total;
			size_t n = 0;
			if (hole > 0) {
				arc(pts, &n, cx, cy, r, a, a1);
				arc(pts, &n, cx, cy, hole, a1, a);
			} else {
				pts[n * 2] = cx;
				pts[n * 2 + 1] = cy;
				n++;
				arc(pts, &n, cx, cy, r, a, a1);
			}
			struct paint pn = share_paint(st, c, pt, k);
			page_poly(page, pts, n, &pn.fill, pn.has_outline ? &pn.outline : NULL, 0.6);
			a = a1;
		}
		free(pts);
		if (hole > 0) {
			struct pp_text_style big = *title;
			char buf[64];
			snprintf(buf, sizeof buf, "%g", total);
			double bh = chart_text_lines(ctx, st, NULL, buf, &big, 0, 0, 2 * hole,
						     PANGO_ALIGN_CENTER, 1, NULL);
			double ty = cy - (bh + line_h) / 2;
			chart_text_lines(ctx, st, page, buf, &big, cx - hole, ty, 2 * hole,
					 PANGO_ALIGN_CENTER, 1, fig);
			chart_text_lines(ctx, st, page, "Total", small, cx - hole, ty + bh, 2 * hole,
					 PANGO_ALIGN_CENTER, 1, fig);
		}
		double ky = beside ? y + (kh < d ? (d - kh) / 2 : 0) : y + d + 8;
		key_render(ctx, st, page, e, n_key, small, key_x, ky, key_w, line_h, 1, fig);
	}
	key_free(e, n_key);
	y += beside ? (kh > d ? kh : d) : d + 8 + kh;
	return y + 4 - y0;
}

/* ---------- horizontal stacked bars --------------------------------------- */

#define BAR_H 16.0
#define NAME_LINES 2
/* At most this many bars; then a line says how many more the table has. */
#define BARS_MAX 24

/*
 * One horizontal bar per series, its name on the left and its total at
 * its end, a segment per category in category order; every bar drawn to
 * the scale of the largest total, so bars compare as counts. Segments of
 * 0 are not drawn. Under the bars, the categories' key (with counts and
 * percentages when there is one bar).
 */
static double stacked_render(struct pp_layout_ctx *ctx, const struct pp_style *st,
			     struct pp_page *page, const struct pp_chart *c,
			     const struct pp_text_style *small, const struct pp_text_style *title,
			     double x0, double y0, double width, double line_h,
			     const struct pp_snode *fig)
{
	double y = y0;
	y += chart_text_lines(ctx, st, page, c->title ? c->title : "", title, x0, y, width,
			      PANGO_ALIGN_LEFT, TITLE_LINES, fig) + 6;
	double bars_top = y, name_w = 0, total_w = 0, most = 0;
	char buf[64];
	for (size_t i = 0; i < c->n_series; i++) {
		const struct pp_series *se = &c->series[i];
		const char *nm = series_name(se);
		double w = text_width(ctx, st, small, nm, strlen(nm)) + 4;
		if (w > name_w)
			name_w = w;
		double t = 0;
		for (size_t k = 0; k < se->n_points; k++)
			t += se->points[k].y > 0 ? se->points[k].y : 0;
		if (t > most)
			most = t;
		snprintf(buf, sizeof buf, "%g", t);
		w = text_width(ctx, st, small, buf, strlen(buf)) + 6;
		if (w > total_w)
			total_w = w;
	}
	if (name_w > width * 0.3)
		name_w = width * 0.3;
	int one = c->n_series == 1 && !(c->series[0].name && *c->series[0].name);
	if (one)
		name_w = 0; /* a single unnamed bar needs no name column */
	double bx = x0 + name_w + (name_w > 0 ? 6 : 0), bw = x0 + width - total_w - bx;
	size_t n_bars = c->n_series > BARS_MAX ? BARS_MAX - 1 : c->n_series;
	for (size_t i = 0; i < n_bars; i++) {
		const struct pp_series *se = &c->series[i];
		double nh = name_w > 0 ? chart_text_lines(ctx, st, NULL, series_name(se), small, 0, 0,
							  name_w, PANGO_ALIGN_LEFT, NAME_LINES, NULL)
				       : 0;
		double rh = nh > BAR_H ? nh : BAR_H;
		double t = 0;
		for (size_t k = 0; k < se->n_points; k++)
			t += se->points[k].y > 0 ? se->points[k].y : 0;
		if (page) {
			if (name_w > 0)
				chart_text_lines(ctx, st, page, series_name(se), small, x0,
						 y + (rh - nh) / 2, name_w, PANGO_ALIGN_LEFT, NAME_LINES,
						 fig);
			double sx = bx, by = y + (rh - BAR_H) / 2;
			for (size_t k = 0; most > 0 && k < se->n_points; k++) {
				const struct pp_point *pt = &se->points[k];
				if (!(pt->y > 0))
					continue;
				double sw = bw * pt->y / most;
				struct paint pn = share_paint(st, c, pt, k);
				page_rect(page, sx, by, sw, BAR_H, &pn.fill,
					  pn.has_outline ? &pn.outline : NULL, 0.6);
				sx += sw;
			}
			snprintf(buf, sizeof buf, "%g", t);
			chart_text_lines(ctx, st, page, buf, small, sx + 4, by + (BAR_H - line_h) / 2,
					 total_w, PANGO_ALIGN_LEFT, 1, fig);
		}
		y += rh + 6;
	}
	if (page && c->n_series)
		page_line(page, bx, bars_top - 2, bx, y - 4, st->chart.axis, 0.75);
	if (n_bars < c->n_series) {
		snprintf(buf, sizeof buf, "and %zu more", c->n_series - n_bars);
		y += chart_text_lines(ctx, st, page, buf, small, bx, y, x0 + width - bx,
				      PANGO_ALIGN_LEFT, 1, fig) + 4;
	}
	if (c->n_series) {
		size_t n_key;
		struct key_entry *e = share_key(st, c, &c->series[0], c->n_series == 1, &n_key);
		y += key_render(ctx, st, page, e, n_key, small, bx, y, x0 + width - bx, line_h,
				0, fig);
		key_free(e, n_key);
	}
	return y + 4 - y0;
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
static double axes_render(struct pp_layout_ctx *ctx, const struct pp_style *st,
			  struct pp_page *page, const struct pp_chart *c, double x0, double y0,
			  double width, const struct pp_snode *fig)
{
	struct pp_text_style small = st->table_text, title = st->body;
	title.bold = 1;
	title.colour = small.colour = st->chart.text;
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
			if (c->series[i].points[k].gap)
				continue;
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
	struct pp_rgb grid = st->chart.grid, axis = st->chart.axis;
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
	/* Bars share each slot; a target is a dashed line across the slots'
	 * centres, drawn last so bars never hide it. */
	size_t n_bars = 0;
	for (size_t i = 0; i < c->n_series; i++)
		n_bars += !c->series[i].target;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0, bar = 0; page && i < c->n_series; i++) {
			const struct pp_series *se = &c->series[i];
			if (se->target != pass) {
				bar += !se->target;
				continue;
			}
			struct pp_rgb col = series_colour(st, i);
			for (size_t k = 0; k < se->n_points && k < n_cat; k++) {
				const struct pp_point *pt = &se->points[k];
				if (pt->gap) /* no figure: nothing drawn, the line breaks */
					continue;
				struct paint pn = point_paint(st, pt, col);
				double py = Y_OF(pt->y), zero = Y_OF(0);
				double px = ax + cw * ((double)k + 0.5);
				int joins_next = k + 1 < se->n_points && k + 1 < n_cat &&
						 !se->points[k + 1].gap;
				if (se->target) {
					int joins_prev = k > 0 && !se->points[k - 1].gap;
					if (joins_next)
						dashed_line(page, px, py, px + cw,
							    Y_OF(se->points[k + 1].y),
							    st->chart.target, 1.5);
					else if (!joins_prev) /* a lone target: a short dash */
						dashed_line(page, px - cw * 0.4, py, px + cw * 0.4,
							    py, st->chart.target, 1.5);
					continue;
				}
				if (c->kind == PP_CHART_BAR) {
					double bw = cw * 0.8 / (double)n_bars;
					/* from the zero line up, or down for a negative value */
					double bx = ax + cw * (double)k + cw * 0.1 + bw * (double)bar;
					page_rect(page, bx, py < zero ? py : zero, bw,
						  py < zero ? zero - py : py - zero, &pn.fill,
						  pn.has_outline ? &pn.outline : NULL, 0.6);
					series_hatch(page, i, bx, py < zero ? py : zero, bw,
						     py < zero ? zero - py : py - zero);
					if (has_status(pt))
						marker(page, status_index(c, pt), bx + bw / 2,
						       py < zero ? py - 6 : py + 6, 3.5, &pn, &axis);
					continue;
				}
				if (!has_status(pt))
					page_rect(page, px - 1.75, py - 1.75, 3.5, 3.5, &col, NULL, 0);
				if (joins_next)
					series_line(page, i, px, py, px + cw,
						    Y_OF(se->points[k + 1].y), col, 1.5);
			}
			/* Status markers over the lines, so no line crosses one. */
			for (size_t k = 0; !se->target && c->kind == PP_CHART_LINE &&
					   k < se->n_points && k < n_cat;
			     k++) {
				const struct pp_point *pt = &se->points[k];
				if (pt->gap || !has_status(pt))
					continue;
				double py = Y_OF(pt->y), px = ax + cw * ((double)k + 0.5);
				struct paint pn = point_paint(st, pt, col);
				marker(page, status_index(c, pt), px, py, 4, &pn, &axis);
			}
			bar += !se->target;
		}
#undef Y_OF
	y = ay + ah + 2 + (xl.h > line_h ? xl.h : line_h) + 2;
	if (c->x_label)
		y += chart_text_lines(ctx, st, page, c->x_label, &small, ax, y, aw,
				      PANGO_ALIGN_CENTER, AXIS_NAME_LINES, fig);
	y += 4;
	y += legend(ctx, st, page, c, &small, ax, y, aw, line_h, fig);
	y += status_key(ctx, st, page, c, &small, ax, y, aw, line_h, fig);
	return y - y0;
}

/* Draw (or with page NULL measure) chart `c` of any type; its height. */
static double chart_render(struct pp_layout_ctx *ctx, const struct pp_style *st,
			   struct pp_page *page, const struct pp_chart *c, double x0, double y0,
			   double width, const struct pp_snode *fig)
{
	if (c->kind == PP_CHART_LINE || c->kind == PP_CHART_BAR)
		return axes_render(ctx, st, page, c, x0, y0, width, fig);
	struct pp_text_style small = st->table_text, title = st->body;
	title.bold = 1;
	title.colour = small.colour = st->chart.text;
	if (small.size > 8)
		small.size = 8;
	if (width > 480)
		width = 480;
	double line_h = chart_text_lines(ctx, st, NULL, "0", &small, 0, 0, width,
					 PANGO_ALIGN_LEFT, 1, NULL);
	if (c->kind == PP_CHART_STACKED_BAR)
		return stacked_render(ctx, st, page, c, &small, &title, x0, y0, width, line_h, fig);
	return pie_render(ctx, st, page, c, &small, &title, x0, y0, width, line_h, fig);
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

/* Does series `se` have a point with a status? */
static int series_has_status(const struct pp_series *se)
{
	for (size_t k = 0; k < se->n_points; k++)
		if (has_status(&se->points[k]))
			return 1;
	return 0;
}

/* A point's figure as its data table prints it: its own text when the
 * view gave one, else "Not available" for a gap, else the number. */
static char *point_text(const struct pp_point *pt)
{
	if (pt->y_text)
		return pp_xstrdup(pt->y_text);
	return pt->gap ? pp_xstrdup("Not available") : pp_xasprintf("%g", pt->y);
}

static double series_total(const struct pp_series *se)
{
	double t = 0;
	for (size_t k = 0; k < se->n_points; k++)
		t += se->points[k].y > 0 ? se->points[k].y : 0;
	return t;
}

/*
 * The chart's data as text, row 0 its header row and column 0 its row
 * headers (no structure yet): for a pie or donut, a row per category
 * (value and share) and a total; for a stacked bar, the categories
 * across with a total column and a row per series, each value with its
 * share of its bar ("8 (67%)"); for a line or bar chart, the categories across and a
 * row per series, with a row of the statuses under a series that has any.
 * Every category is listed, those of 0 too.
 */
static void chart_grid_text(const struct pp_style *st, const struct pp_chart *c, struct grid *g)
{
	size_t n_cat = c->n_series ? c->series[0].n_points : 0;
#define CELL(r, k, v) (g->text[(r) * g->n_cols + (k)] = (v))
	if (c->kind == PP_CHART_PIE || c->kind == PP_CHART_DONUT) {
		const struct pp_series *se = &c->series[0];
		grid_alloc(g, n_cat + 2, 3);
		double *v = pp_xcalloc(n_cat ? n_cat : 1, sizeof *v);
		unsigned *pct = pp_xcalloc(n_cat ? n_cat : 1, sizeof *pct);
		for (size_t k = 0; k < n_cat; k++)
			v[k] = se->points[k].y;
		pp_percentages(v, n_cat, pct);
		CELL(0, 0, pp_xstrdup(c->x_label ? c->x_label : "Category"));
		CELL(0, 1, pp_xstrdup(series_name(se)));
		CELL(0, 2, pp_xstrdup("Share"));
		for (size_t k = 0; k < n_cat; k++) {
			CELL(k + 1, 0, pp_xstrdup(se->points[k].x ? se->points[k].x : ""));
			CELL(k + 1, 1, pp_xasprintf("%g", se->points[k].y));
			CELL(k + 1, 2, pp_xasprintf("%u%%", pct[k]));
		}
		double t = series_total(se);
		CELL(n_cat + 1, 0, pp_xstrdup("Total"));
		CELL(n_cat + 1, 1, pp_xasprintf("%g", t));
		CELL(n_cat + 1, 2, pp_xstrdup(t > 0 ? "100%" : "0%"));
		free(v);
		free(pct);
	} else if (c->kind == PP_CHART_STACKED_BAR) {
		/* Each value with its share of its bar: "8 (67%)". */
		grid_alloc(g, c->n_series + 1, n_cat + 2);
		CELL(0, 0, pp_xstrdup(c->x_label ? c->x_label : ""));
		for (size_t k = 0; k < n_cat; k++)
			CELL(0, k + 1,
			     pp_xstrdup(c->series[0].points[k].x ? c->series[0].points[k].x : ""));
		CELL(0, n_cat + 1, pp_xstrdup("Total"));
		double *v = pp_xcalloc(n_cat ? n_cat : 1, sizeof *v);
		unsigned *pct = pp_xcalloc(n_cat ? n_cat : 1, sizeof *pct);
		for (size_t i = 0; i < c->n_series; i++) {
			const struct pp_series *se = &c->series[i];
			for (size_t k = 0; k < n_cat; k++)
				v[k] = k < se->n_points ? se->points[k].y : 0;
			pp_percentages(v, n_cat, pct);
			CELL(i + 1, 0, pp_xstrdup(series_name(se)));
			for (size_t k = 0; k < n_cat; k++)
				CELL(i + 1, k + 1,
				     k < se->n_points ? pp_xasprintf("%g (%u%%)", se->points[k].y, pct[k])
						      : pp_xstrdup(""));
			CELL(i + 1, n_cat + 1, pp_xasprintf("%g", series_total(se)));
		}
		free(v);
		free(pct);
	} else {
		size_t rows = 1;
		for (size_t i = 0; i < c->n_series; i++)
			rows += 1 + (size_t)series_has_status(&c->series[i]);
		grid_alloc(g, rows, n_cat + 1);
		for (size_t k = 0; k <= n_cat; k++) {
			const char *txt = k ? c->series[0].points[k - 1].x : c->x_label;
			CELL(0, k, pp_xstrdup(txt ? txt : ""));
		}
		size_t r = 1;
		for (size_t i = 0; i < c->n_series; i++) {
			const struct pp_series *se = &c->series[i];
			CELL(r, 0, pp_xstrdup(series_name(se)));
			for (size_t k = 1; k <= n_cat; k++)
				CELL(r, k, k - 1 < se->n_points ? point_text(&se->points[k - 1])
								: pp_xstrdup(""));
			r++;
			if (!series_has_status(se))
				continue;
			CELL(r, 0, pp_xasprintf("%s: status", series_name(se)));
			for (size_t k = 1; k <= n_cat; k++)
				CELL(r, k, k - 1 < se->n_points && has_status(&se->points[k - 1])
						   ? pp_xstrdup(status_label(st, &se->points[k - 1]))
						   : pp_xstrdup(""));
			r++;
		}
	}
#undef CELL
	for (size_t i = 0; i < g->n_rows * g->n_cols; i++)
		if (!g->text[i])
			g->text[i] = pp_xstrdup("");
	for (size_t k = 0; k < g->n_cols; k++)
		g->head[k] = 1;
	for (size_t r = 1; r < g->n_rows; r++)
		g->head[r * g->n_cols] = 1;
}

/* The chart's data as a grid with its structure under `parent`. */
static void chart_data_grid(struct flow *f, const struct pp_chart *c, struct grid *g,
			    struct pp_snode *parent)
{
	size_t n_cat = c->n_series ? c->series[0].n_points : 0;
	if (!c->show_table || !n_cat)
		return;
	chart_grid_text(f->style, c, g);
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
	double h; /* the chart's height */
};

/* The same data as a real table (chart_grid_text): a header row, then
 * rows headed by their first cell. 0 when the chart shows no table. */
static int chart_data_table(struct flow *f, const struct pp_chart *c, struct ttable *t)
{
	const struct pp_style *st = f->style;
	size_t n_cat = c->n_series ? c->series[0].n_points : 0;
	if (!c->show_table || !n_cat)
		return 0;
	struct grid g = { 0 };
	chart_grid_text(st, c, &g);
	ttable_init(t, f, g.n_cols, f->parent);
	for (size_t r = 0; r < g.n_rows; r++) {
		struct trow *row = ttable_add_row(t, f, r == 0);
		for (size_t k = 0; k < g.n_cols; k++) {
			struct tcell *cell = ttable_cell(row, k, f, r == 0 || k == 0);
			if (r > 0 && k == 0)
				cell->snode->scope = PP_SCOPE_ROW;
			const char *txt = g.text[r * g.n_cols + k];
			const struct pp_text_style *ts = r == 0 ? &st->table_header : &st->table_text;
			if (*txt)
				stack_add(&cell->st, text_plain(f->ctx, st, ts, txt), ts->colour,
					  cell->snode);
		}
	}
	grid_fini(&g);
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
 * The room a chart of height h needs on its page to keep table t (NULL:
 * none) after it: the whole table when the two fit a page together, else
 * the table's header and first row (`gap` below the chart), which
 * ttable_layout needs to start it
 * (it then breaks, its header repeated). A chart stranded at a page's
 * foot while its table opens the next page reads as a chart with no data.
 * Just h when not even a page holds the chart and the table's start.
 */
static double chart_need(struct flow *f, double h, struct ttable *t, double gap)
{
	double page_h = f->bottom - f->top;
	if (!t || h + gap >= page_h)
		return h;
	double room = page_h - h - gap, whole;
	double start = ttable_measure(f, t, room, &whole);
	double need = h + gap + (whole <= room ? whole : start);
	return need <= page_h ? need : h;
}

struct body_chart *flow_chart_begin(struct flow *f, const struct pp_chart *c)
{
	flow_flush_float(f); /* floats keep their order */
	struct body_chart *bc = pp_xcalloc(1, sizeof *bc);
	bc->c = c;
	bc->fig = snode_new(f->pages, f->parent, PP_ROLE_FIGURE);
	bc->fig->alt = chart_summary(c);
	bc->has_table = chart_data_table(f, c, &bc->t);
	bc->h = chart_render(f->ctx, f->style, NULL, c, f->left, f->y, f->right - f->left,
			     bc->fig);
	return bc;
}

void flow_chart_end(struct flow *f, struct body_chart *bc, struct ttable *after, double gap)
{
	/* nothing can come between the chart and a table that follows it */
	if (bc->has_table)
		after = &bc->t, gap = f->style->para_space;
	if (f->page_has_content)
		flow_need(f, chart_need(f, bc->h, after, gap));
	place_chart(f, bc);
}

/*
 * A chart is kept whole on one page, and with its data table
 * (chart_need). One that does not fit the rest of this page so (but fits
 * a page) floats: it opens the next page with its data table, and the
 * text after it fills this page's gap, instead of the gap staying empty.
 * It waits at most until the next view that is not text (a section, a
 * table view ...) or the document's end (flow_flush_float), so it stays
 * in its own section.
 */
void flow_chart(struct flow *f, const struct pp_chart *c)
{
	struct body_chart *bc = flow_chart_begin(f, c);
	if (!f->page_has_content) { /* atop a page: nowhere better to go */
		place_chart(f, bc);
		return;
	}
	double need = chart_need(f, bc->h, bc->has_table ? &bc->t : NULL, f->style->para_space);
	if (f->y + need > f->bottom && need <= f->bottom - f->top) {
		f->float_place = place_float;
		f->float_data = bc;
		return;
	}
	flow_need(f, bc->h);
	place_chart(f, bc);
}

void chart_data_fini(struct pp_chart *c)
{
	for (size_t i = 0; i < c->n_series; i++) {
		for (size_t k = 0; k < c->series[i].n_points; k++) {
			free(c->series[i].points[k].x);
			free(c->series[i].points[k].y_text);
		}
		free(c->series[i].points);
		free(c->series[i].name);
	}
	free(c->series);
	free(c->title);
	free(c->x_label);
	free(c->y_label);
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
	static const char *const kinds[] = { [PP_CHART_LINE] = "Line",
					     [PP_CHART_BAR] = "Bar",
					     [PP_CHART_PIE] = "Pie",
					     [PP_CHART_DONUT] = "Donut",
					     [PP_CHART_STACKED_BAR] = "Stacked bar" };
	int shares = c->kind == PP_CHART_PIE || c->kind == PP_CHART_DONUT ||
		     c->kind == PP_CHART_STACKED_BAR;
	APPEND("%s chart: %s.", kinds[c->kind], c->title ? c->title : "untitled");
	for (size_t i = 0; i < c->n_series; i++) {
		const struct pp_series *se = &c->series[i];
		size_t np = se->n_points;
		unsigned *pct = pp_xcalloc(np ? np : 1, sizeof *pct);
		if (shares) {
			double *v = pp_xcalloc(np ? np : 1, sizeof *v);
			for (size_t k = 0; k < np; k++)
				v[k] = se->points[k].y;
			pp_percentages(v, np, pct);
			free(v);
		}
		APPEND(" %s:", se->name ? se->name : se->target ? "Target" : "series");
		for (size_t k = 0; k < np; k++) {
			const struct pp_point *pt = &se->points[k];
			char *yt = point_text(pt);
			APPEND("%s %s %s", k ? "," : "", pt->x ? pt->x : "", yt);
			free(yt);
			if (shares)
				APPEND(" (%u%%)", pct[k]);
			if (pt->status)
				APPEND(" (%s)", pt->status->label ? pt->status->label : "");
			else if (pt->rag != PP_RAG_NONE)
				APPEND(" (%s)", pp_rag_word((enum pp_rag)pt->rag));
		}
		if (shares)
			APPEND("; total %g", series_total(se));
		APPEND(".");
		free(pct);
	}
#undef APPEND
	return out;
}
