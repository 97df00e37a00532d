/* SPDX-License-Identifier: MIT */
/*
 * render.c - the one drawing routine shared by PDF, SVG and PNG.
 *
 * Invariant: a box is drawn the same way in every format, through the
 * backend's canvas (render_backend.h). Text is drawn from the glyph runs
 * layout shaped (pp_box_line_runs; never re-laid out here), line by line
 * at each line's baseline, so PDF, SVG and PNG cannot reflow differently.
 * Only LINK boxes and marked content depend on the backend (PDF).
 */
#include "planpress/render.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <librsvg/rsvg.h>

#include "alloc.h"
#include "render_backend.h"

int pp_format_from_string(const char *s, enum pp_format *out)
{
	static const struct {
		const char *name;
		enum pp_format f;
	} names[] = {{"pdf", PP_FORMAT_PDF}, {"svg", PP_FORMAT_SVG}, {"png", PP_FORMAT_PNG}};
	if (!s)
		return -1;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(s, names[i].name) == 0) {
			*out = names[i].f;
			return 0;
		}
	}
	return -1;
}

const char *pp_format_ext(enum pp_format f)
{
	switch (f) {
	case PP_FORMAT_PDF:
		return "pdf";
	case PP_FORMAT_SVG:
		return "svg";
	case PP_FORMAT_PNG:
		return "png";
	}
	return "?";
}

/*
 * SOURCE_DATE_EPOCH (reproducible-builds.org): a decimal count of seconds.
 * Anything else (empty, signs, junk, overflow) is ignored rather than
 * guessed at, and the fallback is used.
 */
time_t pp_render_creation_time(time_t fallback)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	if (!s || !*s)
		return fallback;
	for (const char *p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return fallback;
	errno = 0;
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end || v > (unsigned long long)LLONG_MAX)
		return fallback;
	time_t t = (time_t)v;
	if (t < 0 || (unsigned long long)t != v)
		return fallback;
	return t;
}

cairo_status_t pp_sink_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct pp_sink *sink = closure;
	if (sink->failed)
		return CAIRO_STATUS_WRITE_ERROR;
	errno = 0;
	if (sink->write(sink->closure, data, len) != 0) {
		sink->failed = 1;
		sink->err = errno ? errno : EIO;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

int pp_membuf_write(void *closure, const unsigned char *data, size_t len)
{
	struct pp_membuf *m = closure;
	PP_GROW(m->data, m->len + len, m->cap);
	memcpy(m->data + m->len, data, len);
	m->len += len;
	return 0;
}

int pp_image_is_svg(const char *path)
{
	const char *dot = strrchr(path, '.');
	return dot && (strcmp(dot, ".svg") == 0 || strcmp(dot, ".SVG") == 0);
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

struct line_draw {
	struct pp_render_job *job;
	const struct pp_canvas *cv;
	const struct pp_box *box;
	double x, baseline; /* the line origin */
};

/* One glyph run (layout.h) at its place on the line, with its underline. */
static void draw_run(const struct pp_glyph_run *r, void *closure)
{
	const struct line_draw *d = closure;
	struct pp_rgb c = r->has_colour ? r->colour : d->box->colour;
	d->cv->glyphs(d->job, r, d->x + r->x, d->baseline, c);
	if (r->underline_thickness > 0) {
		int width = 0;
		for (int i = 0; i < r->glyphs->num_glyphs; i++)
			width += r->glyphs->glyphs[i].geometry.width;
		d->cv->rect(d->job, d->x + r->x, d->baseline + r->underline_y,
			    (double)width / PANGO_SCALE, r->underline_thickness, &c, NULL, 0);
	}
}

static void draw_line(const struct pp_box *b, const struct pp_line_info *li, void *closure)
{
	struct line_draw d = *(const struct line_draw *)closure;
	d.box = b;
	d.x = li->x;
	d.baseline = li->baseline;
	pp_box_line_runs(b, li->line, draw_run, &d);
}

static void draw_box(struct pp_render_job *job, const struct pp_canvas *cv,
		     const struct pp_box *b)
{
	switch (b->kind) {
	case PP_BOX_RECT:
		if (!b->has_fill && !b->has_stroke)
			break;
		cv->rect(job, b->x, b->y, b->w, b->h, b->has_fill ? &b->fill : NULL,
			 b->has_stroke && b->stroke_width > 0 ? &b->stroke : NULL,
			 b->stroke_width);
		break;
	case PP_BOX_LINE:
		if (b->line_width <= 0)
			break;
		cv->line(job, b->x, b->y, b->x2, b->y2, b->stroke, b->line_width);
		break;
	case PP_BOX_TEXT: {
		struct line_draw d = {job, cv, b, 0, 0};
		if (b->rotation != 0) {
			/* layout.h: the lines are drawn in a frame turned a
			 * quarter turn anticlockwise about the rectangle's
			 * bottom-left corner. */
			struct pp_box turned = *b;
			turned.x = 0;
			turned.y = 0;
			cv->turn_begin(job, b->x, b->y + b->h, b->rotation);
			pp_box_each_line(&turned, draw_line, &d);
			cv->turn_end(job);
			break;
		}
		pp_box_each_line(b, draw_line, &d);
		break;
	}
	case PP_BOX_LINK:
		if (cv->link)
			cv->link(job, b);
		break;
	case PP_BOX_IMAGE:
		cv->image(job, b);
		break;
	}
}

int pp_render_run(const struct pp_backend *be, const struct pp_pages *pages, size_t first,
		  size_t count, const struct pp_render_opts *opts, pp_write_fn write,
		  void *closure, struct pp_diags *diags)
{
	struct pp_render_job job = {
	    .pages = pages,
	    .first = first,
	    .count = count,
	    .opts = opts,
	    .sink = {.write = write, .closure = closure},
	};
	const struct pp_canvas *cv = be->canvas;
	const char *name = opts->path ? opts->path : "the output";
	/* A file with a post-pass goes to memory first: the pass needs all of it. */
	struct pp_membuf mem = {0};
	if (be->post) {
		job.sink.write = pp_membuf_write;
		job.sink.closure = &mem;
	}

	if (count == 0 || first + count > pages->n_pages) {
		char *why = pp_xasprintf("the document has no page %zu", first + count);
		pp_diagf(diags, PP_MSG_RENDER, NULL, why);
		free(why);
		return -1;
	}

	int rc = be->open(&job, pages->pages[first].width, pages->pages[first].height);
	for (size_t i = first; rc == 0 && i < first + count && !job.sink.failed; i++) {
		const struct pp_page *pg = &pages->pages[i];
		job.page = i;
		be->begin_page(&job, i, pg);
		/* A run of artifacts (rules, fills, repeated headers) shares one
		 * marker: it is marked the same, and a long report has tens of
		 * thousands of them. Links are not content: the PDF annotation
		 * is tagged by its own structure element. */
		int in_artifacts = 0;
		for (size_t k = 0; k < pg->n_boxes; k++) {
			const struct pp_box *b = &pg->boxes[k];
			int mark = cv->mark_begin && b->kind != PP_BOX_LINK;
			int artifact = mark && !b->snode;
			if (in_artifacts && !artifact) {
				cv->mark_end(&job);
				in_artifacts = 0;
			}
			if (mark && !in_artifacts)
				cv->mark_begin(&job, b);
			draw_box(&job, cv, b);
			if (artifact)
				in_artifacts = 1;
			else if (mark)
				cv->mark_end(&job);
		}
		if (in_artifacts)
			cv->mark_end(&job);
		be->end_page(&job);
	}
	if (be->close(&job, rc == 0 && !job.sink.failed) != 0)
		rc = -1;

	if (job.sink.failed)
		pp_diagf(diags, PP_MSG_IO_WRITE, NULL, name, strerror(job.sink.err));
	else if (rc != 0)
		pp_diagf(diags, PP_MSG_RENDER, NULL, job.why ? job.why : "rendering failed");
	if (job.sink.failed)
		rc = -1;
	if (rc == 0 && be->post) {
		unsigned char *out = NULL;
		size_t n = 0;
		char *why = NULL;
		rc = -1;
		if (be->post(&job, mem.data, mem.len, &out, &n, &why) != 0)
			pp_diagf(diags, PP_MSG_RENDER, NULL, why);
		else if (errno = 0, write(closure, out, n) != 0)
			pp_diagf(diags, PP_MSG_IO_WRITE, NULL, name,
				 strerror(errno ? errno : EIO));
		else
			rc = 0;
		free(why);
		free(out);
	}
	free(mem.data);
	free(job.why);
	return rc;
}

int pp_render_pdf(const struct pp_pages *pages, const struct pp_render_opts *opts,
                  pp_write_fn write, void *closure, struct pp_diags *diags)
{
	return pp_render_run(&pp_backend_pdf, pages, 0, pages->n_pages, opts, write, closure,
	                     diags);
}

int pp_render_page(const struct pp_pages *pages, size_t index,
                   const struct pp_render_opts *opts, pp_write_fn write, void *closure,
                   struct pp_diags *diags)
{
	const struct pp_backend *be = &pp_backend_pdf;
	switch (opts->format) {
	case PP_FORMAT_PDF:
		be = &pp_backend_pdf;
		break;
	case PP_FORMAT_SVG:
		be = &pp_backend_svg;
		break;
	case PP_FORMAT_PNG:
		be = &pp_backend_png;
		break;
	}
	return pp_render_run(be, pages, index, 1, opts, write, closure, diags);
}
