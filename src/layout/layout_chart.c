/* SPDX-License-Identifier: MIT */
/*
 * layout_chart.c - line and bar charts drawn with LINE, RECT and TEXT boxes,
 * all belonging to one Figure whose alternative text summarises the data;
 * with show_table the data follows as a real table. The chart is kept
 * whole on one page. Series are told apart by colour and by the legend's
 * order and names; the data table is the non-visual equivalent.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "layout_int.h"

static const struct pp_rgb palette[] = {
	{ 0.114, 0.439, 0.722 }, /* blue */
	{ 0.831, 0.208, 0.110 }, /* red */
	{ 0.000, 0.439, 0.235 }, /* green */
	{ 0.298, 0.173, 0.573 }, /* purple */
	{ 0.957, 0.467, 0.220 }, /* orange */
	{ 0.314, 0.353, 0.373 }, /* grey */
};
#define N_PALETTE (sizeof palette / sizeof palette[0])

/* A TEXT box of `text` in [x, x + w) aligned as asked; returns its height. */
static double chart_text(struct flow *f, const char *text, const struct pp_text_style *ts,
			 double x, double y, double w, PangoAlignment align,
			 const struct pp_snode *fig)
{
	PangoLayout *l = text_plain(f->ctx, f->style, ts, text);
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_alignment(l, align);
	int lh;
	pango_layout_get_size(l, NULL, &lh);
	struct pp_box *b = page_box(flow_page(f), PP_BOX_TEXT);
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

void flow_chart(struct flow *f, const struct pp_chart *c)
{
	const struct pp_style *st = f->style;
	struct pp_text_style small = st->table_text, title = st->body;
	title.bold = 1;
	size_t n_cat = c->n_series ? c->series[0].n_points : 0;
	double width = f->right - f->left;
	if (width > 480)
		width = 480;
	double plot_h = 160, legend_h = (double)c->n_series * (small.size * 1.4) + 6;
	double total = title.size * 1.6 + plot_h + small.size * 3 + legend_h;
	flow_need(f, total);
	struct pp_snode *fig = snode_new(f->pages, f->parent, PP_ROLE_FIGURE);
	fig->alt = chart_summary(c);
	double y = f->y;
	y += chart_text(f, c->title ? c->title : "", &title, f->left, y, width,
			PANGO_ALIGN_LEFT, fig) + 4;

	double ymax = 0;
	for (size_t i = 0; i < c->n_series; i++)
		for (size_t k = 0; k < c->series[i].n_points; k++)
			if (c->series[i].points[k].y > ymax)
				ymax = c->series[i].points[k].y;
	if (ymax <= 0)
		ymax = 1;
	double step = nice_step(ymax, 5), top = round_up(ymax, step);
	double ax = f->left + 36, aw = width - 40, ay = y + small.size, ah = plot_h;
	struct pp_rgb grid = { 0.85, 0.85, 0.85 }, axis = st->body.colour;
	char buf[64];
	if (c->y_label)
		chart_text(f, c->y_label, &small, f->left, y, width, PANGO_ALIGN_LEFT, fig);
	for (double v = 0; v <= top + step / 2; v += step) {
		double gy = ay + ah - ah * v / top;
		page_line(flow_page(f), ax, gy, ax + aw, gy, grid, 0.5);
		snprintf(buf, sizeof buf, "%g", v);
		chart_text(f, buf, &small, f->left, gy - small.size * 0.6, 32, PANGO_ALIGN_RIGHT,
			   fig);
	}
	page_line(flow_page(f), ax, ay + ah, ax + aw, ay + ah, axis, 0.75);
	page_line(flow_page(f), ax, ay, ax, ay + ah, axis, 0.75);
	double cw = n_cat ? aw / (double)n_cat : aw;
	for (size_t k = 0; k < n_cat; k++)
		chart_text(f, c->series[0].points[k].x ? c->series[0].points[k].x : "", &small,
			   ax + cw * (double)k, ay + ah + 2, cw, PANGO_ALIGN_CENTER, fig);
	for (size_t i = 0; i < c->n_series; i++) {
		const struct pp_series *se = &c->series[i];
		struct pp_rgb col = palette[i % N_PALETTE];
		for (size_t k = 0; k < se->n_points && k < n_cat; k++) {
			double v = se->points[k].y < 0 ? 0 : se->points[k].y;
			double py = ay + ah - ah * v / top;
			if (c->kind == PP_CHART_BAR) {
				double bw = cw * 0.8 / (double)c->n_series;
				page_rect(flow_page(f), ax + cw * (double)k + cw * 0.1 + bw * (double)i,
					  py, bw, ay + ah - py, &col, NULL, 0);
				continue;
			}
			double px = ax + cw * ((double)k + 0.5);
			page_rect(flow_page(f), px - 1.75, py - 1.75, 3.5, 3.5, &col, NULL, 0);
			if (k + 1 < se->n_points && k + 1 < n_cat) {
				double v2 = se->points[k + 1].y < 0 ? 0 : se->points[k + 1].y;
				page_line(flow_page(f), px, py, px + cw, ay + ah - ah * v2 / top, col,
					  1.5);
			}
		}
	}
	y = ay + ah + small.size * 1.6;
	if (c->x_label)
		y += chart_text(f, c->x_label, &small, ax, y, aw, PANGO_ALIGN_CENTER, fig);
	y += 4;
	for (size_t i = 0; i < c->n_series; i++) {
		struct pp_rgb col = palette[i % N_PALETTE];
		double ly = y + small.size * 0.6;
		page_line(flow_page(f), ax, ly, ax + 14, ly, col, 2);
		y += chart_text(f, c->series[i].name ? c->series[i].name : "", &small, ax + 18, y,
				aw - 18, PANGO_ALIGN_LEFT, fig) + 2;
	}
	f->y = y;
	f->page_has_content = 1;

	if (!c->show_table || !n_cat)
		return;
	/* The same data as a table: categories across, one row per series. */
	f->y += st->para_space;
	struct ttable t;
	ttable_init(&t, f, n_cat + 1, f->parent);
	struct trow *head = ttable_add_row(&t, f, 1);
	for (size_t k = 0; k <= n_cat; k++) {
		struct tcell *cell = ttable_cell(head, k, f, 1);
		const char *txt = k ? c->series[0].points[k - 1].x : c->x_label;
		if (txt && *txt)
			stack_add(&cell->st, text_plain(f->ctx, st, &st->table_header, txt),
				  st->table_header.colour, cell->snode);
	}
	for (size_t i = 0; i < c->n_series; i++) {
		struct trow *row = ttable_add_row(&t, f, 0);
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
	ttable_layout(f, &t);
	ttable_fini(&t);
}
