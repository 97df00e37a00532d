/* SPDX-License-Identifier: MIT */
/*
 * layout_runs.c - a TEXT box's lines as glyph runs (layout.h), the one way
 * backends read shaped text.
 *
 * Invariant: runs come in visual order and their x positions are the sums
 * of the previous runs' widths, exactly as Pango's own renderer places
 * them, so a backend drawing runs draws what pango_cairo_show_layout_line
 * would.
 */
#include "layout_int.h"

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
		if (r.underline_thickness > 0) {
			PangoFontMetrics *m = pango_font_get_metrics(r.font, NULL);
			r.underline_y =
			    -(double)pango_font_metrics_get_underline_position(m) / PANGO_SCALE;
			r.underline_thickness =
			    (double)pango_font_metrics_get_underline_thickness(m) / PANGO_SCALE;
			pango_font_metrics_unref(m);
		}
		fn(&r, closure);
		x += pango_glyph_string_get_width(gi->glyphs);
	}
}

void pp_box_line_runs(const struct pp_box *b, int line, pp_glyph_run_fn fn, void *closure)
{
	if (b->kind != PP_BOX_TEXT || !b->layout)
		return;
	layout_line_runs(b, line, fn, closure);
}

const char *pp_box_text(const struct pp_box *b)
{
	if (b->kind != PP_BOX_TEXT || !b->layout)
		return "";
	return pango_layout_get_text(b->layout);
}

void pp_box_each_line(const struct pp_box *b, pp_line_fn fn, void *closure)
{
	if (b->kind != PP_BOX_TEXT || !b->layout || b->n_lines <= 0)
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
