/* SPDX-License-Identifier: MIT */
/*
 * render_svg.c - the SVG backend: one page per file (a poster is one page),
 * sized in points with a viewBox so it scales cleanly when embedded.
 *
 * cairo 1.16 writes width="<w>pt" height="<h>pt" viewBox="0 0 <w> <h>" once
 * the document unit is points; tests/cli checks the viewBox with xmllint.
 */
#include <cairo-svg.h>
#include <cairo.h>

#include "render_backend.h"

static void svg_open(struct pp_render_job *job, double width, double height)
{
	job->surface =
	    cairo_svg_surface_create_for_stream(pp_sink_write, &job->sink, width, height);
	if (cairo_surface_status(job->surface) != CAIRO_STATUS_SUCCESS)
		return;
	cairo_svg_surface_restrict_to_version(job->surface, CAIRO_SVG_VERSION_1_1);
	cairo_svg_surface_set_document_unit(job->surface, CAIRO_SVG_UNIT_PT);
}

static void svg_begin_page(struct pp_render_job *job, size_t index, const struct pp_page *page)
{
	(void)job;
	(void)index;
	(void)page;
}

/* No cairo_show_page: one page is the whole file, finished by close. */
static void svg_end_page(struct pp_render_job *job)
{
	(void)job;
}

static void svg_close(struct pp_render_job *job)
{
	cairo_surface_flush(job->surface);
}

const struct pp_backend pp_backend_svg = {
    .name = "svg",
    .draws_links = 0,
    .open = svg_open,
    .begin_page = svg_begin_page,
    .end_page = svg_end_page,
    .close = svg_close,
};
