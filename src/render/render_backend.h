/* SPDX-License-Identifier: MIT */
/*
 * render_backend.h - what a format adds to the shared drawing routine
 * (render stage only).
 *
 * render.c owns the loop: open the backend, then for every page call
 * begin_page, draw the boxes through the backend's canvas, call end_page,
 * and finally close. The canvas is the small set of drawing operations
 * every box is made of (rectangles, rules, glyph runs, images, links and,
 * for tagged output, marked content); SVG and PNG implement it on cairo
 * (render_cairo.c), PDF writes its own content streams (render_pdf*.c).
 * Bytes leave through the job's sink, so a backend never opens a file.
 */
#ifndef PP_RENDER_BACKEND_H
#define PP_RENDER_BACKEND_H

#include <cairo.h>

#include "planpress/render.h"

/* Carries the caller's write callback and remembers a failure. */
struct pp_sink {
	pp_write_fn write;
	void *closure;
	int failed; /* the callback returned -1 */
	int err;    /* its errno */
};

/* A cairo_write_func_t over struct pp_sink. */
cairo_status_t pp_sink_write(void *closure, const unsigned char *data, unsigned int len);

/* A growable byte buffer: where an SVG goes before its post-pass. */
struct pp_membuf {
	unsigned char *data;
	size_t len, cap;
};

/* A pp_write_fn appending to a struct pp_membuf. */
int pp_membuf_write(void *closure, const unsigned char *data, size_t len);

struct pp_render_job {
	const struct pp_pages *pages;
	size_t first, count; /* the pages drawn */
	/* The whole document in one file, pages drawn as layout finishes them
	 * (pp_render_pdf_begin): count is known only at the end, and a link
	 * may name a page not laid out yet. */
	int whole;
	const struct pp_render_opts *opts;
	struct pp_sink sink;
	size_t page;  /* the page being drawn (index into pages->pages) */
	char *why;    /* a backend's failure, lower case (free()d by the loop) */
	/* cairo backends */
	cairo_surface_t *surface;
	cairo_t *cr;
	/* the PDF backend's document (render_pdf.h) */
	struct pdf_doc *pdf;
};

/*
 * Drawing operations, in page points with y down. Colours are RGB.
 * A NULL operation is not drawn by that format.
 */
struct pp_canvas {
	/* A rectangle, filled when `fill`, then stroked `width` wide when `stroke`. */
	void (*rect)(struct pp_render_job *job, double x, double y, double w, double h,
		     const struct pp_rgb *fill, const struct pp_rgb *stroke, double width);
	void (*line)(struct pp_render_job *job, double x0, double y0, double x1, double y1,
		     struct pp_rgb colour, double width);
	/* A closed polygon of n corners (x, y pairs), filled and stroked as rect. */
	void (*poly)(struct pp_render_job *job, const double *pts, size_t n,
		     const struct pp_rgb *fill, const struct pp_rgb *stroke, double width);
	/* A glyph run (layout.h) whose origin is (x, baseline). */
	void (*glyphs)(struct pp_render_job *job, const struct pp_glyph_run *run, double x,
		       double baseline, struct pp_rgb colour);
	/* Until turn_end, draw in a frame turned `degrees` anticlockwise (as
	 * seen on the page) about (x, y), which is its origin. */
	void (*turn_begin)(struct pp_render_job *job, double x, double y, double degrees);
	void (*turn_end)(struct pp_render_job *job);
	/* An IMAGE box: its file fitted into the box (pp_image_fit). */
	void (*image)(struct pp_render_job *job, const struct pp_box *b);
	/* A LINK box: a clickable area. */
	void (*link)(struct pp_render_job *job, const struct pp_box *b);
	/* Tagged output: what is drawn until mark_end is box b's content (an
	 * artifact when b->snode is NULL). */
	void (*mark_begin)(struct pp_render_job *job, const struct pp_box *b);
	void (*mark_end)(struct pp_render_job *job);
	/* After the runs of drawn line `li` of TEXT box b, or NULL: the PDF
	 * ends a line that ends a word with white space every reader sees
	 * (render_pdf_text.c). */
	void (*line_end)(struct pp_render_job *job, const struct pp_box *b,
			 const struct pp_line_info *li);
};

struct pp_backend {
	const char *name;
	const struct pp_canvas *canvas;
	/*
	 * When set, the file is made in memory and passed through this before
	 * it reaches the sink (SVG: title and text layer). On success returns
	 * 0 and *out (free() it) holds *out_len bytes; else -1 and *why
	 * (free() it) says why, in lower case.
	 */
	int (*post)(const struct pp_render_job *job, const unsigned char *in, size_t len,
		    unsigned char **out, size_t *out_len, char **why);
	/* Start the file, sized for the first page. Returns 0, or -1 with
	 * job->why set or the sink failed. */
	int (*open)(struct pp_render_job *job, double width, double height);
	void (*begin_page)(struct pp_render_job *job, size_t index, const struct pp_page *page);
	void (*end_page)(struct pp_render_job *job);
	/* Finish the file when `ok` (else only release what open made).
	 * Returns 0, or -1 with job->why set or the sink failed. */
	int (*close)(struct pp_render_job *job, int ok);
};

extern const struct pp_backend pp_backend_pdf;
/* The PDF backend writes a finished part of the structure tree early
 * (render_pdf_struct.c); 1 when written, 0 when kept for the end. */
int pp_pdf_write_part(struct pp_render_job *job, const struct pp_snode *node);
extern const struct pp_backend pp_backend_svg;
extern const struct pp_backend pp_backend_png;

/* The cairo canvas (SVG, PNG) and its start and end around job->surface. */
extern const struct pp_canvas pp_canvas_cairo;
int pp_cairo_start(struct pp_render_job *job); /* job->cr on job->surface */
int pp_cairo_finish(struct pp_render_job *job, int ok); /* finish and destroy both */

/* The shared routine: draws pages [first, first + count) with `be`. */
int pp_render_run(const struct pp_backend *be, const struct pp_pages *pages, size_t first,
		  size_t count, const struct pp_render_opts *opts, pp_write_fn write,
		  void *closure, struct pp_diags *diags);

/*
 * Where an image of iw x ih (any unit) goes in box b: scaled to fit,
 * centred, keeping its aspect ratio. Returns 0 and sets (x, y, w, h), or
 * -1 when either has no area.
 */
int pp_image_fit(const struct pp_box *b, double iw, double ih, double *x, double *y, double *w,
		 double *h);

struct _RsvgHandle;
struct _GError;
/* Decode an image from memory (pp_image_check's bytes): a cairo image
 * surface (check its status) or a librsvg handle (NULL on failure). */
cairo_surface_t *pp_png_open(const unsigned char *data, size_t len);
struct _RsvgHandle *pp_svg_open(const unsigned char *data, size_t len, struct _GError **err);

/* An SVG file's intrinsic size in its own units (falling back to the box's). */
void pp_svg_size(struct _RsvgHandle *h, const struct pp_box *b, double *w, double *h_out);

#endif
