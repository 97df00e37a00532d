/* SPDX-License-Identifier: MIT */
/*
 * render_png.c - the PNG backend: one page per file, rasterised at
 * opts->png_dpi (96 when 0) on an opaque white background.
 *
 * The pixel size is the page size in points scaled by dpi / 72 and rounded
 * up, so a page is never cropped.
 *
 * The file is written with libpng rather than cairo's PNG writer: cairo
 * asks libpng to try every row filter at zlib level 6, which took 45 ms of
 * a page's 50 (A4 at 96 dpi). A page is text and flat colour on white,
 * where no filter at level 4 is about three times faster and the file a
 * little smaller (bench/README.md). Same pixels, same bytes every run.
 */
#include <cairo.h>
#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>

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

static void write_bytes(png_structp png, png_bytep data, size_t len)
{
	struct pp_sink *sink = png_get_io_ptr(png);
	/* pp_sink_write keeps the errno; chunks are far below 4 GiB */
	if (pp_sink_write(sink, data, (unsigned)len) != CAIRO_STATUS_SUCCESS)
		png_error(png, "write failed");
}

static void flush_nothing(png_structp png)
{
	(void)png;
}

/* libpng reports trouble by longjmp; its text is only for its own errors. */
static void png_fail(png_structp png, png_const_charp msg)
{
	char **why = png_get_error_ptr(png);
	if (!*why)
		*why = pp_xstrdup(msg);
	png_longjmp(png, 1);
}

static void png_warn(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

/*
 * Write the opaque page as 8-bit RGB. Returns 0, or -1 with job->why set
 * or the sink's failure recorded (the write error is reported by name).
 */
static int write_png(struct pp_render_job *job)
{
	cairo_surface_t *s = job->surface;
	int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	const unsigned char *px = cairo_image_surface_get_data(s);
	unsigned char *volatile row = pp_xmalloc((size_t)w * 3);
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &job->why, png_fail,
	                                          png_warn);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	volatile int rc = -1;
	if (!png || !info)
		goto out;
	if (setjmp(png_jmpbuf(png)))
		goto out;
	png_set_write_fn(png, &job->sink, write_bytes, flush_nothing);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB,
	             PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
	png_set_compression_level(png, 4);
	png_write_info(png, info);
	for (int y = 0; y < h; y++) {
		/* ARGB32 in native order, opaque (white paint under everything),
		 * so premultiplied colour is the colour. */
		const uint32_t *src = (const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride);
		for (int x = 0; x < w; x++) {
			row[3 * x] = (unsigned char)(src[x] >> 16);
			row[3 * x + 1] = (unsigned char)(src[x] >> 8);
			row[3 * x + 2] = (unsigned char)src[x];
		}
		png_write_row(png, row);
	}
	png_write_end(png, info);
	rc = 0;
out:
	png_destroy_write_struct(png ? &png : NULL, info ? &info : NULL);
	free(row);
	if (rc != 0 && !job->why && !job->sink.failed)
		job->why = pp_xstrdup("out of memory");
	return rc;
}

static int png_close(struct pp_render_job *job, int ok)
{
	if (ok && cairo_status(job->cr) == CAIRO_STATUS_SUCCESS) {
		cairo_surface_flush(job->surface);
		if (write_png(job) != 0)
			ok = 0;
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
