/* SPDX-License-Identifier: MIT */
/*
 * pngdiff - compare a rendered page with its golden reference.
 *
 *   pngdiff EXPECTED.png ACTUAL.png [DIFF.png]
 *
 * Tolerance (stated in tests/golden/README.md): a pixel differs when any
 * channel (R, G, B or A) differs by more than 64 of 255; the images match
 * when they have the same size and at most 0.5% of the pixels differ. This
 * absorbs anti-aliasing noise between cairo or FreeType builds while a
 * moved line of text, a missing rule or a changed fill still fails.
 *
 * Exit: 0 match, 1 differ (DIFF.png, when given, shows the expected page
 * faded with differing pixels in red), 2 error (unreadable file).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cairo.h>

#define CHANNEL_TOLERANCE   64
#define MAX_DIFFERING_RATIO 0.005

static cairo_surface_t *load(const char *path)
{
	cairo_surface_t *s = cairo_image_surface_create_from_png(path);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "pngdiff: cannot read %s: %s\n", path,
		        cairo_status_to_string(cairo_surface_status(s)));
		cairo_surface_destroy(s);
		return NULL;
	}
	/* Compare in one pixel format whatever the PNG's colour type. */
	int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
	cairo_surface_t *argb = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	cairo_t *cr = cairo_create(argb);
	cairo_set_source_surface(cr, s, 0, 0);
	cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
	cairo_paint(cr);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	cairo_surface_flush(argb);
	return argb;
}

static uint32_t *row(cairo_surface_t *s, int y)
{
	return (uint32_t *)(cairo_image_surface_get_data(s) +
	                    (size_t)y * (size_t)cairo_image_surface_get_stride(s));
}

static int channel_differs(uint32_t a, uint32_t b)
{
	for (int shift = 0; shift < 32; shift += 8) {
		int ca = (int)((a >> shift) & 0xff), cb = (int)((b >> shift) & 0xff);
		if (abs(ca - cb) > CHANNEL_TOLERANCE)
			return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3 || argc > 4) {
		fputs("usage: pngdiff EXPECTED.png ACTUAL.png [DIFF.png]\n", stderr);
		return 2;
	}
	cairo_surface_t *exp = load(argv[1]), *act = load(argv[2]);
	if (!exp || !act)
		return 2;
	int w = cairo_image_surface_get_width(exp), h = cairo_image_surface_get_height(exp);
	if (w != cairo_image_surface_get_width(act) ||
	    h != cairo_image_surface_get_height(act)) {
		fprintf(stderr, "pngdiff: %s is %dx%d but %s is %dx%d\n", argv[1], w, h,
		        argv[2], cairo_image_surface_get_width(act),
		        cairo_image_surface_get_height(act));
		return 1;
	}

	cairo_surface_t *diff = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	cairo_surface_flush(diff);
	long differing = 0;
	for (int y = 0; y < h; y++) {
		uint32_t *re = row(exp, y), *ra = row(act, y), *rd = row(diff, y);
		for (int x = 0; x < w; x++) {
			if (channel_differs(re[x], ra[x])) {
				differing++;
				rd[x] = 0xffff0000u;
			} else {
				/* faded expected pixel: grey level pulled towards white */
				uint32_t p = re[x];
				unsigned g =
				    (((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff)) / 3;
				g = 255 - (255 - g) / 4;
				rd[x] = 0xff000000u | g << 16 | g << 8 | g;
			}
		}
	}
	cairo_surface_mark_dirty(diff);

	long total = (long)w * h;
	int ok = differing <= (long)(MAX_DIFFERING_RATIO * (double)total);
	if (!ok) {
		fprintf(stderr,
		        "pngdiff: %s: %ld of %ld pixels (%.2f%%) differ by more than %d, "
		        "allowed %.1f%%\n",
		        argv[2], differing, total, 100.0 * (double)differing / (double)total,
		        CHANNEL_TOLERANCE, 100.0 * MAX_DIFFERING_RATIO);
		if (argc == 4 &&
		    cairo_surface_write_to_png(diff, argv[3]) != CAIRO_STATUS_SUCCESS)
			fprintf(stderr, "pngdiff: cannot write %s\n", argv[3]);
	}
	cairo_surface_destroy(diff);
	cairo_surface_destroy(exp);
	cairo_surface_destroy(act);
	return ok ? 0 : 1;
}
