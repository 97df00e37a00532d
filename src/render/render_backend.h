/* SPDX-License-Identifier: MIT */
/*
 * render_backend.h - what a format adds to the shared drawing routine
 * (render stage only).
 *
 * render.c owns the loop: open the surface, then for every page call
 * begin_page, draw the boxes, call end_page, and finally close. A backend
 * only makes the surface and handles what its format needs around pages
 * (PDF page sizes, destinations and outline; PNG's white background and
 * resolution). Bytes leave through the job's sink, so a backend never
 * opens a file.
 */
#ifndef PP_RENDER_BACKEND_H
#define PP_RENDER_BACKEND_H

#include <cairo.h>

#include "planpress/render.h"

/* Carries the caller's write callback into cairo and remembers a failure. */
struct pp_sink {
	pp_write_fn write;
	void *closure;
	int failed; /* the callback returned -1 */
	int err;    /* its errno */
};

/* A cairo_write_func_t over struct pp_sink. */
cairo_status_t pp_sink_write(void *closure, const unsigned char *data, unsigned int len);

/* A PDF destination a link points at, named so forward links work. */
struct pp_dest {
	int page; /* 0-based */
	double y;
	unsigned id; /* the name is "pp-dest-<id>" */
};

/* A box wrapped in a marker tag (render_tag.h), in drawing order. */
struct pp_mark {
	size_t page; /* index into pages->pages */
	const struct pp_box *box;
};

struct pp_render_job {
	const struct pp_pages *pages;
	size_t first, count; /* the pages drawn */
	const struct pp_render_opts *opts;
	struct pp_sink sink;
	cairo_surface_t *surface;
	cairo_t *cr;
	/* PDF only: destinations sorted by page, and the next one to place */
	struct pp_dest *dests;
	size_t n_dests, next_dest;
	unsigned n_links;            /* links drawn so far: numbers them like dests */
	cairo_status_t close_status; /* a failure in close not kept by the surface */
	/* PDF only: every drawn box is wrapped in a marker tag and logged here,
	 * for the tagging post-pass (render_tag.h). */
	int tagged;
	size_t page; /* the page being drawn */
	struct pp_mark *marks;
	size_t n_marks, cap_marks;
};

struct pp_backend {
	const char *name;
	int draws_links; /* LINK boxes become PDF annotations */
	int tags;        /* boxes are marked and the output tagged (render_tag.h) */
	/*
	 * When set, the file is made in memory and passed through this before
	 * it reaches the sink (PDF: tagging; SVG: title and text layer). On
	 * success returns 0 and *out (free() it) holds *out_len bytes; else -1
	 * and *why (free() it) says why, in lower case.
	 */
	int (*post)(const struct pp_render_job *job, const unsigned char *in, size_t len,
	            unsigned char **out, size_t *out_len, char **why);
	/* Make job->surface, sized for the first page; NULL-free: cairo reports
	 * errors through the surface status. */
	void (*open)(struct pp_render_job *job, double width, double height);
	/* Called with job->cr at identity, before the page's boxes. */
	void (*begin_page)(struct pp_render_job *job, size_t index, const struct pp_page *page);
	void (*end_page)(struct pp_render_job *job);
	/* Finish the document: write what is left and finish the surface. */
	void (*close)(struct pp_render_job *job);
};

extern const struct pp_backend pp_backend_pdf;
extern const struct pp_backend pp_backend_svg;
extern const struct pp_backend pp_backend_png;

/* The shared routine: draws pages [first, first + count) with `be`. */
int pp_render_run(const struct pp_backend *be, const struct pp_pages *pages, size_t first,
                  size_t count, const struct pp_render_opts *opts, pp_write_fn write,
                  void *closure, struct pp_diags *diags);

/* Append attribute text for a cairo tag: a single-quoted string with ' and \ escaped. */
char *pp_render_quote(const char *s);

#endif
