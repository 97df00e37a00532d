/* SPDX-License-Identifier: MIT */
/*
 * layout_runs.c - a TEXT box's lines as glyph runs (layout.h), the one way
 * backends read shaped text.
 *
 * A box holds measured text (struct pp_text, text.h) or, for the few boxes
 * other views make directly, a PangoLayout; both read the same here.
 *
 * Invariant: runs come in visual order and their x positions are the sums
 * of the previous runs' widths, exactly as Pango's own renderer places
 * them, so a backend drawing runs draws what pango_cairo_show_layout_line
 * would.
 */
#include "layout_int.h"

/* A link's underline: where and how thick the run's font draws it. */
static void set_underline(struct pp_glyph_run *r)
{
	PangoFontMetrics *m = pango_font_get_metrics(r->font, NULL);
	r->underline_y = -(double)pango_font_metrics_get_underline_position(m) / PANGO_SCALE;
	r->underline_thickness =
	    (double)pango_font_metrics_get_underline_thickness(m) / PANGO_SCALE;
	pango_font_metrics_unref(m);
}

static void run_attrs(const PangoItem *item, struct pp_glyph_run *r)
{
	for (GSList *l = item->analysis.extra_attrs; l; l = l->next) {
		const PangoAttribute *a = l->data;
		if (a->klass->type == PANGO_ATTR_FOREGROUND) {
			const PangoColor *c = &((const PangoAttrColor *)a)->color;
			r->has_colour = 1;
			r->colour = (struct pp_rgb){c->red / 65535.0, c->green / 65535.0,
			                            c->blue / 65535.0};
		} else if (a->klass->type == PANGO_ATTR_UNDERLINE &&
		           ((const PangoAttrInt *)a)->value != PANGO_UNDERLINE_NONE) {
			r->underline_thickness = 1; /* measured below */
		}
	}
}

static void layout_line_runs(const struct pp_box *b, int line, pp_glyph_run_fn fn,
                             void *closure)
{
	PangoLayoutLine *pl = pango_layout_get_line_readonly(b->layout, line);
	if (!pl)
		return;
	const char *text = pango_layout_get_text(b->layout);
	int x = 0;
	for (GSList *l = pl->runs; l; l = l->next) {
		const PangoGlyphItem *gi = l->data;
		const PangoItem *item = gi->item;
		struct pp_glyph_run r = {
		    .font = item->analysis.font,
		    .glyphs = gi->glyphs,
		    .text = text,
		    .offset = item->offset,
		    .length = item->length,
		    .x = (double)(x + gi->start_x_offset) / PANGO_SCALE,
		    .rtl = item->analysis.level % 2,
		};
		run_attrs(item, &r);
		if (r.underline_thickness > 0)
			set_underline(&r);
		fn(&r, closure);
		x += pango_glyph_string_get_width(gi->glyphs);
	}
}

static void text_line_runs(const struct pp_box *b, int line, pp_glyph_run_fn fn, void *closure)
{
	const struct pp_text *t = b->text;
	if (line < 0 || line >= t->n_lines)
		return;
	const struct pp_text_line *ln = &t->lines[line];
	/* Runs are handed out one at a time and are valid only during the
	 * call: a run of up to LINE_GLYPHS glyphs is read into arrays on the
	 * stack (a glyph string no one resizes or frees: fn only reads it),
	 * a longer one into a scratch glyph string made for the line. */
	enum { LINE_GLYPHS = 128 };
	PangoGlyphInfo glyphs[LINE_GLYPHS];
	int clusters[LINE_GLYPHS];
	PangoGlyphString local = {.glyphs = glyphs, .log_clusters = clusters};
	PangoGlyphString *scratch = NULL;
	for (uint32_t k = 0; k < ln->n_runs; k++) {
		const struct pp_text_run *tr = &t->runs[ln->run0 + k];
		PangoGlyphString *gs = &local;
		if (tr->n_glyphs <= LINE_GLYPHS) {
			local.num_glyphs = (int)tr->n_glyphs;
			text_run_glyphs_to(t, tr, glyphs, clusters);
		} else {
			if (!scratch)
				scratch = pango_glyph_string_new();
			gs = scratch;
			text_run_glyphs(t, tr, gs);
		}
		struct pp_glyph_run r = {
		    .font = t->fonts[tr->font],
		    .glyphs = gs,
		    .text = t->text,
		    .offset = tr->offset,
		    .length = tr->length,
		    .x = (double)tr->x / PANGO_SCALE,
		    .rtl = tr->rtl,
		    .has_colour = tr->has_colour,
		    .colour = {tr->colour[0] / 65535.0, tr->colour[1] / 65535.0,
		               tr->colour[2] / 65535.0},
		};
		if (tr->underline)
			set_underline(&r);
		fn(&r, closure);
	}
	if (scratch)
		pango_glyph_string_free(scratch);
}

void pp_box_line_runs(const struct pp_box *b, int line, pp_glyph_run_fn fn, void *closure)
{
	if (b->kind != PP_BOX_TEXT)
		return;
	if (b->text)
		text_line_runs(b, line, fn, closure);
	else if (b->layout)
		layout_line_runs(b, line, fn, closure);
}

const char *pp_box_text(const struct pp_box *b)
{
	if (b->kind != PP_BOX_TEXT)
		return "";
	if (b->text)
		return b->text->text;
	return b->layout ? pango_layout_get_text(b->layout) : "";
}

static void text_each_line(const struct pp_box *b, pp_line_fn fn, void *closure)
{
	const struct pp_text *t = b->text;
	if (b->first_line < 0 || b->first_line >= t->n_lines)
		return;
	int top = t->lines[b->first_line].top;
	for (int i = b->first_line; i < b->first_line + b->n_lines && i < t->n_lines; i++) {
		const struct pp_text_line *l = &t->lines[i];
		struct pp_line_info li = {
			.line = i,
			.start = l->start,
			.length = l->length,
			.x = b->x + pango_units_to_double(l->x),
			.baseline = b->y + pango_units_to_double(l->baseline - top),
			.width = pango_units_to_double(l->width),
			.height = pango_units_to_double(l->lheight),
		};
		fn(b, &li, closure);
	}
}

void pp_box_each_line(const struct pp_box *b, pp_line_fn fn, void *closure)
{
	if (b->kind != PP_BOX_TEXT || b->n_lines <= 0)
		return;
	if (b->text) {
		text_each_line(b, fn, closure);
		return;
	}
	if (!b->layout)
		return;
	PangoLayoutIter *it = pango_layout_get_iter(b->layout);
	int index = 0, top = 0, have_top = 0;
	do {
		if (index < b->first_line)
			continue;
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		int baseline = pango_layout_iter_get_baseline(it);
		if (!have_top) {
			pango_layout_iter_get_line_yrange(it, &top, NULL);
			have_top = 1;
		}
		PangoLayoutLine *pl = pango_layout_iter_get_line_readonly(it);
		struct pp_line_info li = {
			.line = index,
			.start = pl->start_index,
			.length = pl->length,
			.x = b->x + pango_units_to_double(logical.x),
			.baseline = b->y + pango_units_to_double(baseline - top),
			.width = pango_units_to_double(logical.width),
			.height = pango_units_to_double(logical.height),
		};
		fn(b, &li, closure);
	} while (++index < b->first_line + b->n_lines && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}
