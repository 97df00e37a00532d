/* SPDX-License-Identifier: MIT */
/*
 * render_png.c - the PNG backend: one page per file, rasterised at
 * opts->png_dpi (96 when 0) on an opaque white background.
 *
 * The pixel size is the page size in points scaled by dpi / 72 and rounded
 * up, so a page is never cropped.
 */
#include <cairo.h>

#include "alloc.h"
#include "render_backend.h"

static double png_scale(const struct pp_render_job *job)
{
	double dpi = job->opts->png_dpi > 0 ? job->opts->png_dpi : 96.0;
	return dpi / 72.0;
}

/* Round a pixel size up, forgiving float noise (595.28 pt at 72 dpi: 596). */
static int pixels(double v)
{
	int i = (int)v;
	return (double)i < v - 1e-6 ? i + 1 : i;
}

static int png_open(struct pp_render_job *job, double width, double height)
{
	double s = png_scale(job);
	job->surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pixels(width * s),
	                                          pixels(height * s));
	return pp_cairo_start(job);
}

static void png_begin_page(struct pp_render_job *job, size_t index, const struct pp_page *page)
{
	(void)index;
	(void)page;
	cairo_identity_matrix(job->cr);
	cairo_set_source_rgb(job->cr, 1, 1, 1);
	cairo_paint(job->cr);
	cairo_scale(job->cr, png_scale(job), png_scale(job));
}

static void png_end_page(struct pp_render_job *job)
{
	cairo_surface_flush(job->surface);
}

static int png_close(struct pp_render_job *job, int ok)
{
	if (ok && cairo_status(job->cr) == CAIRO_STATUS_SUCCESS) {
		cairo_status_t st =
		    cairo_surface_write_to_png_stream(job->surface, pp_sink_write, &job->sink);
		if (st != CAIRO_STATUS_SUCCESS) {
			job->why = pp_xstrdup(cairo_status_to_string(st));
			ok = 0;
		}
	}
	return pp_cairo_finish(job, ok) == 0 && ok ? 0 : -1;
}

const struct pp_backend pp_backend_png = {
    .name = "png",
    .canvas = &pp_canvas_cairo,
    .open = png_open,
    .begin_page = png_begin_page,
    .end_page = png_end_page,
    .close = png_close,
};
