/* SPDX-License-Identifier: MIT */
/*
 * render_pdf_image.c - images and logos: PNG and JPEG as Image XObjects,
 * SVG imported as a Form XObject of vectors (through cairo's PDF and
 * qpdf) or else drawn into pixels, each file written once however often it
 * is drawn.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <librsvg/rsvg.h>
#include <qpdf/qpdf-c.h>

#include "alloc.h"
#include "pdf_font.h"
#include "pdf_write.h"
#include "render_pdf.h"

/* ---------- images ------------------------------------------------------- */

/* A cairo image as an Image XObject (RGB, with an SMask when not opaque). */
static unsigned write_image(struct pdf_doc *d, cairo_surface_t *img)
{
	cairo_surface_flush(img);
	int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
	int stride = cairo_image_surface_get_stride(img);
	const unsigned char *px = cairo_image_surface_get_data(img);
	cairo_format_t fmt = cairo_image_surface_get_format(img);
	if (!px || w <= 0 || h <= 0 || (fmt != CAIRO_FORMAT_ARGB32 && fmt != CAIRO_FORMAT_RGB24))
		return 0;
	size_t n = (size_t)w * (size_t)h;
	unsigned char *rgb = pp_xmalloc(n * 3), *alpha = pp_xmalloc(n);
	int opaque = 1;
	for (int y = 0; y < h; y++) {
		const uint32_t *row = (const uint32_t *)(const void *)(px + (size_t)y * stride);
		for (int x = 0; x < w; x++) {
			uint32_t p = row[x];
			unsigned a = fmt == CAIRO_FORMAT_ARGB32 ? p >> 24 : 255;
			unsigned r = (p >> 16) & 255, g = (p >> 8) & 255, b = p & 255;
			if (a && a < 255) { /* cairo's pixels are premultiplied */
				r = (r * 255 + a / 2) / a;
				g = (g * 255 + a / 2) / a;
				b = (b * 255 + a / 2) / a;
			}
			size_t k = (size_t)y * w + x;
			rgb[3 * k] = (unsigned char)(r > 255 ? 255 : r);
			rgb[3 * k + 1] = (unsigned char)(g > 255 ? 255 : g);
			rgb[3 * k + 2] = (unsigned char)(b > 255 ? 255 : b);
			alpha[k] = (unsigned char)a;
			opaque &= a == 255;
		}
	}
	unsigned obj = pdf_reserve(&d->w), mask = opaque ? 0 : pdf_reserve(&d->w);
	char dict[200];
	snprintf(dict, sizeof dict,
		 "/Type/XObject/Subtype/Image/Width %d/Height %d/ColorSpace/DeviceRGB"
		 "/BitsPerComponent 8/Interpolate true",
		 w, h);
	if (mask) {
		size_t l = strlen(dict);
		snprintf(dict + l, sizeof dict - l, "/SMask %u 0 R", mask);
	}
	pdf_stream(&d->w, obj, dict, rgb, n * 3, 1);
	if (mask) {
		snprintf(dict, sizeof dict,
			 "/Type/XObject/Subtype/Image/Width %d/Height %d/ColorSpace/DeviceGray"
			 "/BitsPerComponent 8/Interpolate true",
			 w, h);
		pdf_stream(&d->w, mask, dict, alpha, n, 1);
	}
	free(rgb);
	free(alpha);
	return obj;
}

/* ---- SVG: cairo's one-page PDF of it, imported as a Form XObject ---- */

struct import {
	qpdf_data q;
	struct pdf_doc *d;
	int *old;      /* object ids in cairo's file ... */
	unsigned *new; /* ... and their numbers in ours */
	qpdf_oh *queue; /* objects to copy, in the order met */
	size_t n, cap, done;
};

static void copy_value(struct import *im, qpdf_oh oh, struct pdf_buf *b, int top);

static void copy_ref(struct import *im, qpdf_oh oh, struct pdf_buf *b)
{
	int id = qpdf_oh_get_object_id(im->q, oh);
	size_t i = 0;
	while (i < im->n && im->old[i] != id)
		i++;
	if (i == im->n) {
		size_t cap = im->cap;
		PP_GROW(im->old, im->n + 1, cap);
		cap = im->cap;
		PP_GROW(im->new, im->n + 1, cap);
		PP_GROW(im->queue, im->n + 1, im->cap);
		im->old[i] = id;
		im->new[i] = pdf_reserve(&im->d->w);
		im->queue[i] = oh;
		im->n++;
	}
	pdf_buf_printf(b, "%u 0 R", im->new[i]);
}

static void copy_value(struct import *im, qpdf_oh oh, struct pdf_buf *b, int top)
{
	qpdf_data q = im->q;
	if (!top && qpdf_oh_is_indirect(q, oh)) {
		copy_ref(im, oh, b);
		return;
	}
	switch (qpdf_oh_get_type_code(q, oh)) {
	case ot_boolean:
		pdf_buf_puts(b, qpdf_oh_get_bool_value(q, oh) ? "true" : "false");
		break;
	case ot_integer:
		pdf_buf_printf(b, "%lld", qpdf_oh_get_int_value(q, oh));
		break;
	case ot_real:
		pdf_buf_puts(b, qpdf_oh_get_real_value(q, oh));
		break;
	case ot_name:
		pdf_buf_puts(b, qpdf_oh_get_name(q, oh));
		break;
	case ot_string: {
		size_t len = 0;
		const char *s = qpdf_oh_get_binary_string_value(q, oh, &len);
		pdf_buf_put(b, "<", 1);
		for (size_t i = 0; i < len; i++)
			pdf_buf_printf(b, "%02X", (unsigned char)s[i]);
		pdf_buf_put(b, ">", 1);
		break;
	}
	case ot_array: {
		int n = qpdf_oh_get_array_n_items(q, oh);
		pdf_buf_put(b, "[", 1);
		for (int i = 0; i < n; i++) {
			if (i)
				pdf_buf_put(b, " ", 1);
			copy_value(im, qpdf_oh_get_array_item(q, oh, i), b, 0);
		}
		pdf_buf_put(b, "]", 1);
		break;
	}
	case ot_dictionary:
	case ot_stream: {
		qpdf_oh dict = qpdf_oh_get_type_code(q, oh) == ot_stream ? qpdf_oh_get_dict(q, oh)
									 : oh;
		/* Keys first: the iterator is shared by nested dictionaries. */
		char **keys = NULL;
		size_t nk = 0, ck = 0;
		qpdf_oh_begin_dict_key_iter(q, dict);
		while (qpdf_oh_dict_more_keys(q)) {
			PP_GROW(keys, nk + 1, ck);
			keys[nk++] = pp_xstrdup(qpdf_oh_dict_next_key(q));
		}
		pdf_buf_puts(b, "<<");
		for (size_t i = 0; i < nk; i++) {
			/* A stream's length is ours to write; parents are not followed. */
			int skip = strcmp(keys[i], "/Parent") == 0 ||
				   (dict != oh && strcmp(keys[i], "/Length") == 0);
			if (!skip) {
				pdf_buf_puts(b, keys[i]);
				pdf_buf_put(b, " ", 1);
				copy_value(im, qpdf_oh_get_key(q, dict, keys[i]), b, 0);
			}
			free(keys[i]);
		}
		free(keys);
		pdf_buf_puts(b, ">>");
		break;
	}
	default:
		pdf_buf_puts(b, "null");
		break;
	}
}

/* The largest side of an SVG drawn as a form, in its units (image_of). */
#define SVG_FORM_MAX 2048.0

/* Returns the Form XObject's number, or 0 when it cannot be made. */
static unsigned import_svg(struct pdf_doc *d, RsvgHandle *h, double iw, double ih)
{
	struct pp_membuf m = {0};
	struct pp_sink sink = {.write = pp_membuf_write, .closure = &m};
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(pp_sink_write, &sink, iw, ih);
	cairo_t *cr = cairo_create(s);
	RsvgRectangle vp = {0, 0, iw, ih};
	int ok = rsvg_handle_render_document(h, cr, &vp, NULL);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	ok = ok && cairo_surface_status(s) == CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(s);
	unsigned form = 0;
	struct import im = {.q = qpdf_init(), .d = d};
	qpdf_silence_errors(im.q);
	qpdf_set_suppress_warnings(im.q, QPDF_TRUE);
	unsigned char *content = NULL;
	size_t clen = 0;
	if (ok && !(qpdf_read_memory(im.q, "svg", (const char *)m.data,
				     (unsigned long long)m.len, NULL) &
		    QPDF_ERRORS) &&
	    qpdf_get_num_pages(im.q) == 1) {
		qpdf_oh page = qpdf_get_page_n(im.q, 0);
		if (qpdf_oh_get_page_content_data(im.q, page, &content, &clen) == QPDF_SUCCESS &&
		    !qpdf_has_error(im.q)) {
			struct pdf_buf dict = {0};
			pdf_buf_puts(&dict, "/Type/XObject/Subtype/Form/BBox[");
			pdf_buf_num(&dict, 0);
			pdf_buf_puts(&dict, " 0 ");
			pdf_buf_num(&dict, iw);
			pdf_buf_put(&dict, " ", 1);
			pdf_buf_num(&dict, ih);
			pdf_buf_puts(&dict, "]/Resources ");
			qpdf_oh res = qpdf_oh_get_key(im.q, page, "/Resources");
			if (qpdf_oh_is_dictionary(im.q, res))
				copy_value(&im, res, &dict, 0);
			else
				pdf_buf_puts(&dict, "<<>>");
			qpdf_oh group = qpdf_oh_get_key(im.q, page, "/Group");
			if (qpdf_oh_is_dictionary(im.q, group)) {
				pdf_buf_puts(&dict, "/Group ");
				copy_value(&im, group, &dict, 0);
			}
			pdf_buf_put(&dict, "", 1);
			form = pdf_reserve(&d->w);
			pdf_stream(&d->w, form, (const char *)dict.data, content, clen, 1);
			pdf_buf_free(&dict);
			/* The objects the resources use, and those they use. */
			for (im.done = 0; im.done < im.n; im.done++) {
				qpdf_oh oh = im.queue[im.done];
				struct pdf_buf b = {0};
				if (qpdf_oh_is_stream(im.q, oh)) {
					copy_value(&im, oh, &b, 1);
					pdf_buf_put(&b, "", 1);
					/* "<<...>>": the stream's dictionary keys inside */
					b.data[b.len - 3] = '\0';
					unsigned char *raw = NULL;
					size_t rlen = 0;
					if (qpdf_oh_get_stream_data(im.q, oh, qpdf_dl_none, NULL, &raw,
								    &rlen) == QPDF_SUCCESS)
						pdf_stream(&d->w, im.new[im.done],
							   (const char *)b.data + 2, raw, rlen, 0);
					else
						pdf_stream(&d->w, im.new[im.done], NULL, "", 0, 0);
					free(raw);
				} else {
					copy_value(&im, oh, &b, 1);
					pdf_obj_begin(&d->w, im.new[im.done]);
					pdf_put_buf(&d->w, &b);
					pdf_obj_end(&d->w);
				}
				pdf_buf_free(&b);
			}
		}
	}
	free(content);
	free(im.old);
	free(im.new);
	free(im.queue);
	qpdf_cleanup(&im.q);
	free(m.data);
	return form;
}

/* The SVG drawn into pixels at 300 dpi: when it cannot be imported as vectors. */
static unsigned raster_svg(struct pdf_doc *d, RsvgHandle *h, double iw, double ih)
{
	double s = 300.0 / 72.0;
	int pw = (int)ceil(iw * s), ph = (int)ceil(ih * s);
	if (pw <= 0 || ph <= 0 || pw > 8000 || ph > 8000)
		return 0;
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pw, ph);
	cairo_t *cr = cairo_create(img);
	RsvgRectangle vp = {0, 0, pw, ph};
	rsvg_handle_render_document(h, cr, &vp, NULL);
	cairo_destroy(cr);
	unsigned obj = cairo_surface_status(img) == CAIRO_STATUS_SUCCESS ? write_image(d, img) : 0;
	cairo_surface_destroy(img);
	return obj;
}

static struct image_rec *image_of(struct pdf_doc *d, const struct pp_box *b)
{
	for (size_t i = 0; i < d->n_images; i++)
		if (strcmp(d->images[i].path, b->image) == 0)
			return &d->images[i];
	PP_GROW(d->images, d->n_images + 1, d->cap_images);
	struct image_rec *im = &d->images[d->n_images++];
	*im = (struct image_rec){.path = pp_xstrdup(b->image)};
	if (pp_image_is_svg(b->image)) {
		RsvgHandle *h = pp_svg_open(b->image_data, b->image_len, NULL);
		if (!h)
			return im;
		pp_svg_size(h, b, &im->iw, &im->ih);
		/* At most SVG_FORM_MAX units a side: a vector is the same at any
		 * scale, but librsvg draws filter effects in pixels of one unit,
		 * and cairo's PDF surface stops at 14,400 (a 100,000-unit canvas
		 * was left out without a word, or its blur needed gigabytes). */
		double side = im->iw > im->ih ? im->iw : im->ih;
		if (side > SVG_FORM_MAX) {
			im->iw *= SVG_FORM_MAX / side;
			im->ih *= SVG_FORM_MAX / side;
		}
		if (im->iw > 0 && im->ih > 0) {
			im->obj = import_svg(d, h, im->iw, im->ih);
			im->form = im->obj != 0;
			if (!im->obj)
				im->obj = raster_svg(d, h, im->iw, im->ih);
		}
		g_object_unref(h);
	} else {
		cairo_surface_t *png = pp_png_open(b->image_data, b->image_len);
		if (cairo_surface_status(png) == CAIRO_STATUS_SUCCESS) {
			im->iw = cairo_image_surface_get_width(png);
			im->ih = cairo_image_surface_get_height(png);
			im->obj = write_image(d, png);
		}
		cairo_surface_destroy(png);
	}
	return im;
}

/* An IMAGE box, centred in its box keeping its aspect ratio (as on cairo). */
void pdf_image(struct pp_render_job *job, const struct pp_box *b)
{
	struct pdf_doc *d = job->pdf;
	if (!b->image || !b->image_data || b->w <= 0 || b->h <= 0)
		return;
	struct image_rec *im = image_of(d, b);
	double x, y, w, h;
	if (!im->obj || pp_image_fit(b, im->iw, im->ih, &x, &y, &w, &h) != 0)
		return;
	/* An image fills the unit square; a form is iw x ih points, y up. */
	pdf_op(d, "q ");
	pdf_num(d, im->form ? w / im->iw : w);
	pdf_op(d, "0 0 ");
	pdf_num(d, im->form ? -h / im->ih : -h);
	pdf_num(d, x);
	pdf_num(d, y + h);
	pdf_buf_printf(&d->c, "cm /Im%u Do Q\n", im->obj);
}
