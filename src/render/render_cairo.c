/* SPDX-License-Identifier: MIT */
/*
 * render_cairo.c - the canvas on cairo, for SVG and PNG (render_backend.h).
 *
 * Invariant: each operation is the cairo drawing the shared routine made
 * before the canvas existed (same paths, same order), so PNG pages stay
 * pixel-identical to the goldens.
 */
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <librsvg/rsvg.h>
#include <pango/pangocairo.h>

#include "alloc.h"
#include "render_backend.h"

static void set_rgb(cairo_t *cr, struct pp_rgb c)
{
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

static void c_rect(struct pp_render_job *job, double x, double y, double w, double h,
		   const struct pp_rgb *fill, const struct pp_rgb *stroke, double width)
{
	cairo_t *cr = job->cr;
	cairo_rectangle(cr, x, y, w, h);
	if (fill) {
		set_rgb(cr, *fill);
		cairo_fill_preserve(cr);
	}
	if (stroke && width > 0) {
		set_rgb(cr, *stroke);
		cairo_set_line_width(cr, width);
		cairo_stroke_preserve(cr);
	}
	cairo_new_path(cr);
}

static void c_poly(struct pp_render_job *job, const double *pts, size_t n,
		   const struct pp_rgb *fill, const struct pp_rgb *stroke, double width)
{
	cairo_t *cr = job->cr;
	cairo_move_to(cr, pts[0], pts[1]);
	for (size_t i = 1; i < n; i++)
		cairo_line_to(cr, pts[2 * i], pts[2 * i + 1]);
	cairo_close_path(cr);
	if (fill) {
		set_rgb(cr, *fill);
		cairo_fill_preserve(cr);
	}
	if (stroke && width > 0) {
		set_rgb(cr, *stroke);
		cairo_set_line_width(cr, width);
		cairo_stroke_preserve(cr);
	}
	cairo_new_path(cr);
}

static void c_line(struct pp_render_job *job, double x0, double y0, double x1, double y1,
		   struct pp_rgb colour, double width)
{
	cairo_t *cr = job->cr;
	cairo_move_to(cr, x0, y0);
	cairo_line_to(cr, x1, y1);
	set_rgb(cr, colour);
	cairo_set_line_width(cr, width);
	cairo_stroke(cr);
}

/*
 * Glyphs with the text they came from (cairo_show_text_glyphs), so a PDF
 * keeps the run's real characters, ligatures and Arabic joining forms
 * included: one cairo cluster per Pango cluster, as pango's own cairo
 * renderer makes them. Empty glyphs (PANGO_GLYPH_EMPTY) take no part.
 */
static void show_run(cairo_t *cr, const struct pp_glyph_run *r, double x, double y)
{
	const PangoGlyphString *gs = r->glyphs;
	if (gs->num_glyphs <= 0)
		return;
	cairo_glyph_t *glyphs = pp_xcalloc((size_t)gs->num_glyphs, sizeof *glyphs);
	cairo_text_cluster_t *clusters = pp_xcalloc((size_t)gs->num_glyphs, sizeof *clusters);
	int n = 0, nc = 0, pos = 0;
	for (int i = 0; i < gs->num_glyphs; i++) {
		const PangoGlyphInfo *g = &gs->glyphs[i];
		if (g->glyph != PANGO_GLYPH_EMPTY && !(g->glyph & PANGO_GLYPH_UNKNOWN_FLAG)) {
			glyphs[n].index = g->glyph;
			glyphs[n].x = x + (double)(pos + g->geometry.x_offset) / PANGO_SCALE;
			glyphs[n].y = y + (double)g->geometry.y_offset / PANGO_SCALE;
			n++;
		}
		pos += g->geometry.width;
	}
	/* Clusters: a run of glyphs sharing a log_clusters value, in glyph
	 * order; its bytes reach the next cluster's start (or the run's end),
	 * backwards for right-to-left runs. */
	int gi = 0, bytes_total = 0, lead_bytes = 0;
	for (int i = 0; i < gs->num_glyphs;) {
		int start = gs->log_clusters[i], j = i, drawn = 0;
		while (j < gs->num_glyphs && gs->log_clusters[j] == start) {
			const PangoGlyphInfo *g = &gs->glyphs[j];
			drawn += g->glyph != PANGO_GLYPH_EMPTY &&
			         !(g->glyph & PANGO_GLYPH_UNKNOWN_FLAG);
			j++;
		}
		int end;
		if (r->rtl)
			end = i > 0 ? gs->log_clusters[i - 1] : r->length;
		else
			end = j < gs->num_glyphs ? gs->log_clusters[j] : r->length;
		int bytes = end - start > 0 ? end - start : 0;
		bytes_total += bytes;
		gi += drawn;
		if (drawn > 0 && (bytes > 0 || nc == 0)) {
			clusters[nc].num_bytes = bytes + lead_bytes;
			clusters[nc].num_glyphs = drawn;
			lead_bytes = 0;
			nc++;
		} else if (nc > 0) { /* glyphs or text alone: join the previous */
			clusters[nc - 1].num_glyphs += drawn;
			clusters[nc - 1].num_bytes += bytes;
		} else { /* text before the first drawn glyph */
			lead_bytes += bytes;
		}
		i = j;
	}
	/* cairo refuses clusters that do not cover the text and glyphs
	 * exactly (and the context would stay in error): check, else draw
	 * the glyphs alone. */
	int ok = nc > 0 && gi == n && bytes_total == r->length && lead_bytes == 0;
	if (r->rtl) /* backward clusters are in text order, glyphs from the end */
		for (int a = 0, z = nc - 1; a < z; a++, z--) {
			cairo_text_cluster_t t = clusters[a];
			clusters[a] = clusters[z];
			clusters[z] = t;
		}
	for (int k = 0; ok && k < nc; k++)
		ok = clusters[k].num_bytes > 0 || clusters[k].num_glyphs > 0;
	cairo_scaled_font_t *sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(r->font));
	if (sf)
		cairo_set_scaled_font(cr, sf);
	if (ok)
		cairo_show_text_glyphs(cr, r->text + r->offset, r->length, glyphs, n, clusters,
		                       nc, r->rtl ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : 0);
	else if (n > 0)
		cairo_show_glyphs(cr, glyphs, n);
	free(glyphs);
	free(clusters);
}

static void c_glyphs(struct pp_render_job *job, const struct pp_glyph_run *r, double x,
		     double baseline, struct pp_rgb colour)
{
	set_rgb(job->cr, colour);
	show_run(job->cr, r, x, baseline);
}

static void c_turn_begin(struct pp_render_job *job, double x, double y, double degrees)
{
	cairo_save(job->cr);
	cairo_translate(job->cr, x, y);
	cairo_rotate(job->cr, -degrees * 3.14159265358979323846 / 180.0);
}

static void c_turn_end(struct pp_render_job *job)
{
	cairo_restore(job->cr);
}

/*
 * An IMAGE box: the PNG (cairo) or SVG (librsvg) file. A file that cannot
 * be read draws nothing: the template loader has already warned about it,
 * and a missing logo must not stop a committee paper.
 */
static void c_image(struct pp_render_job *job, const struct pp_box *b)
{
	cairo_t *cr = job->cr;
	if (!b->image || !b->image_data || b->w <= 0 || b->h <= 0)
		return;
	int svg = pp_image_is_svg(b->image);
	double iw = 0, ih = 0, x, y, dw, dh;
	cairo_surface_t *png = NULL;
	RsvgHandle *h = NULL;
	if (svg) {
		h = pp_svg_open(b->image_data, b->image_len, NULL);
		if (!h)
			return;
		pp_svg_size(h, b, &iw, &ih);
	} else {
		png = pp_png_open(b->image_data, b->image_len);
		if (cairo_surface_status(png) != CAIRO_STATUS_SUCCESS) {
			cairo_surface_destroy(png);
			return;
		}
		iw = cairo_image_surface_get_width(png);
		ih = cairo_image_surface_get_height(png);
	}
	if (pp_image_fit(b, iw, ih, &x, &y, &dw, &dh) == 0) {
		cairo_save(cr);
		if (svg) {
			RsvgRectangle vp = {x, y, dw, dh};
			rsvg_handle_render_document(h, cr, &vp, NULL);
		} else {
			double scale = b->w / iw < b->h / ih ? b->w / iw : b->h / ih;
			cairo_translate(cr, x, y);
			cairo_scale(cr, scale, scale);
			cairo_set_source_surface(cr, png, 0, 0);
			cairo_paint(cr);
		}
		cairo_restore(cr);
	}
	if (h)
		g_object_unref(h);
	if (png)
		cairo_surface_destroy(png);
}

const struct pp_canvas pp_canvas_cairo = {
    .rect = c_rect,
    .line = c_line,
    .poly = c_poly,
    .glyphs = c_glyphs,
    .turn_begin = c_turn_begin,
    .turn_end = c_turn_end,
    .image = c_image,
};

int pp_cairo_start(struct pp_render_job *job)
{
	cairo_status_t st = cairo_surface_status(job->surface);
	if (st == CAIRO_STATUS_SUCCESS) {
		job->cr = cairo_create(job->surface);
		st = cairo_status(job->cr);
	}
	if (st != CAIRO_STATUS_SUCCESS) {
		job->why = pp_xstrdup(cairo_status_to_string(st));
		return -1;
	}
	return 0;
}

int pp_cairo_finish(struct pp_render_job *job, int ok)
{
	cairo_status_t st = CAIRO_STATUS_SUCCESS;
	if (job->cr) {
		st = cairo_status(job->cr);
		cairo_destroy(job->cr);
		job->cr = NULL;
	}
	if (job->surface) {
		cairo_surface_finish(job->surface);
		if (st == CAIRO_STATUS_SUCCESS)
			st = cairo_surface_status(job->surface);
		cairo_surface_destroy(job->surface);
		job->surface = NULL;
	}
	if (ok && st != CAIRO_STATUS_SUCCESS && !job->why)
		job->why = pp_xstrdup(cairo_status_to_string(st));
	return ok && st == CAIRO_STATUS_SUCCESS ? 0 : -1;
}
