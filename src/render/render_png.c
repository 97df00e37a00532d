/* SPDX-License-Identifier: MIT */
/*
 * render_png.c - the PNG backend: one page per file, rasterised at
 * opts->png_dpi (96 when 0) on an opaque white background.
 *
 * The pixel size is the page size in points scaled by dpi / 72 and rounded
 * up, so a page is never cropped.
 */
#include <cairo.h>

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

static void png_open(struct pp_render_job *job, double width, double height)
{
	double s = png_scale(job);
	job->surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pixels(width * s),
	                                          pixels(height * s));
}

static void png_begin_page(struct pp_render_job *job, size_t index, const struct pp_page *page)
{
	(void)index;
	(void)page;
	cairo_set_source_rgb(job->cr, 1, 1, 1);
	cairo_paint(job->cr);
	cairo_scale(job->cr, png_scale(job), png_scale(job));
}

static void png_end_page(struct pp_render_job *job)
{
	cairo_surface_flush(job->surface);
}

static void png_close(struct pp_render_job *job)
{
	job->close_status =
	    cairo_surface_write_to_png_stream(job->surface, pp_sink_write, &job->sink);
}

const struct pp_backend pp_backend_png = {
    .name = "png",
    .draws_links = 0,
    .open = png_open,
    .begin_page = png_begin_page,
    .end_page = png_end_page,
    .close = png_close,
};
