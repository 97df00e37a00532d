/* SPDX-License-Identifier: MIT */
/*
 * render_image.c - logo files for every backend: PNG and SVG decoded from
 * the bytes parse_image.c vetted (never from a path, so no reference
 * reaches another file), checked before layout, and fitted into their box.
 *
 * Invariant: an image keeps its aspect ratio, centred in its box.
 */
#include <string.h>

#include <cairo.h>
#include <librsvg/rsvg.h>

#include "alloc.h"
#include "render_backend.h"

int pp_image_is_svg(const char *path)
{
	const char *dot = strrchr(path, '.');
	return dot && (strcmp(dot, ".svg") == 0 || strcmp(dot, ".SVG") == 0);
}

struct png_reader {
	const unsigned char *data;
	size_t len, pos;
};

static cairo_status_t png_read(void *closure, unsigned char *out, unsigned int n)
{
	struct png_reader *r = closure;
	if (n > r->len - r->pos)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(out, r->data + r->pos, n);
	r->pos += n;
	return CAIRO_STATUS_SUCCESS;
}

cairo_surface_t *pp_png_open(const unsigned char *data, size_t len)
{
	struct png_reader r = {data, len, 0};
	return cairo_image_surface_create_from_png_stream(png_read, &r);
}

/*
 * From memory, with no base file: librsvg then resolves no reference to
 * another file (parse_image.c has refused them already). No flags: never
 * RSVG_HANDLE_FLAG_UNLIMITED, so librsvg keeps its own limits too.
 */
RsvgHandle *pp_svg_open(const unsigned char *data, size_t len, GError **err)
{
	GInputStream *in = g_memory_input_stream_new_from_data(data, (gssize)len, NULL);
	RsvgHandle *h =
	    rsvg_handle_new_from_stream_sync(in, NULL, RSVG_HANDLE_FLAGS_NONE, NULL, err);
	g_object_unref(in);
	return h;
}

int pp_image_check(const unsigned char *data, size_t len, int svg, char **why)
{
	*why = NULL;
	if (svg) {
		GError *err = NULL;
		RsvgHandle *h = pp_svg_open(data, len, &err);
		if (h) {
			g_object_unref(h);
			return 0;
		}
		const char *m = err && err->message ? err->message : "librsvg gave no reason";
		size_t n = strlen(m);
		while (n > 0 && (m[n - 1] == '\n' || m[n - 1] == ' '))
			n--;
		*why = pp_xasprintf("not a readable SVG file (%.*s)", (int)n, m);
		if (err)
			g_error_free(err);
		return -1;
	}
	cairo_surface_t *png = pp_png_open(data, len);
	cairo_status_t st = cairo_surface_status(png);
	cairo_surface_destroy(png);
	if (st == CAIRO_STATUS_SUCCESS)
		return 0;
	*why = pp_xstrdup("not a readable PNG file");
	return -1;
}

int pp_image_fit(const struct pp_box *b, double iw, double ih, double *x, double *y, double *w,
		 double *h)
{
	if (!(iw > 0 && ih > 0 && b->w > 0 && b->h > 0))
		return -1;
	double scale = b->w / iw < b->h / ih ? b->w / iw : b->h / ih;
	*w = iw * scale;
	*h = ih * scale;
	*x = b->x + (b->w - *w) / 2;
	*y = b->y + (b->h - *h) / 2;
	return 0;
}

void pp_svg_size(struct _RsvgHandle *h, const struct pp_box *b, double *w, double *h_out)
{
	gboolean has_w, has_h, has_box;
	RsvgLength lw, lh;
	RsvgRectangle vb;
	rsvg_handle_get_intrinsic_dimensions(h, &has_w, &lw, &has_h, &lh, &has_box, &vb);
	if (has_box && vb.width > 0 && vb.height > 0) {
		*w = vb.width;
		*h_out = vb.height;
	} else if (!rsvg_handle_get_intrinsic_size_in_pixels(h, w, h_out)) {
		*w = b->w;
		*h_out = b->h;
	}
}
