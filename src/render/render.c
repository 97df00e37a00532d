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
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

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

/* 9999-12-31 23:59:59 UTC: PDF and XMP dates have four-digit years
 * (year 10000 was written "D:10000...", which readers take for year 1000). */
#define LAST_DATE 253402300799LL

/*
 * SOURCE_DATE_EPOCH (reproducible-builds.org): a decimal count of seconds.
 * Anything else (empty, signs, junk, overflow, a date after the year 9999)
 * is ignored rather than guessed at, and the fallback is used, itself
 * brought back to the year 9999 at most (a file's time may be any).
 */
time_t pp_render_creation_time(time_t fallback)
{
	if ((long long)fallback > LAST_DATE)
		fallback = (time_t)LAST_DATE;
	const char *s = getenv("SOURCE_DATE_EPOCH");
	if (!s || !*s)
		return fallback;
	for (const char *p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return fallback;
	errno = 0;
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end || v > (unsigned long long)LAST_DATE)
		return fallback;
	time_t t = (time_t)v;
	if (t < 0 || (unsigned long long)t != v)
		return fallback;
	return t;
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
	if (d.cv->line_end)
		d.cv->line_end(d.job, b, li);
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
	case PP_BOX_POLY:
		if (b->n_pts < 3 || (!b->has_fill && !b->has_stroke))
			break;
		cv->poly(job, b->pts, b->n_pts, b->has_fill ? &b->fill : NULL,
			 b->has_stroke && b->stroke_width > 0 ? &b->stroke : NULL, b->stroke_width);
		break;
	case PP_BOX_LINK:
		if (cv->link)
			cv->link(job, b);
		break;
	case PP_BOX_IMAGE:
		cv->image(job, b);
		break;
	}
}

/*
 * Draw page i's boxes between begin_page and end_page. A run of artifacts
 * (rules, fills, repeated headers) shares one marker: it is marked the
 * same, and a long report has tens of thousands of them. Links are not
 * content: the PDF annotation is tagged by its own structure element.
 */
static void draw_page(struct pp_render_job *job, const struct pp_backend *be, size_t i)
{
	const struct pp_canvas *cv = be->canvas;
	const struct pp_page *pg = &job->pages->pages[i];
	job->page = i;
	be->begin_page(job, i, pg);
	int in_artifacts = 0;
	for (size_t k = 0; k < pg->n_boxes; k++) {
		const struct pp_box *b = &pg->boxes[k];
		int mark = cv->mark_begin && b->kind != PP_BOX_LINK;
		int artifact = mark && !b->snode;
		if (in_artifacts && !artifact) {
			cv->mark_end(job);
			in_artifacts = 0;
		}
		if (mark && !in_artifacts)
			cv->mark_begin(job, b);
		draw_box(job, cv, b);
		if (artifact)
			in_artifacts = 1;
		else if (mark)
			cv->mark_end(job);
	}
	if (in_artifacts)
		cv->mark_end(job);
	be->end_page(job);
}

/* Report how a render ended: a write failure, a backend's failure, or none. */
static int report(struct pp_render_job *job, int rc, struct pp_diags *diags)
{
	const char *name = job->opts->path ? job->opts->path : "the output";
	if (job->sink.failed)
		pp_diagf(diags, PP_MSG_IO_WRITE, NULL, name, pp_errno_text(job->sink.err));
	else if (rc != 0)
		pp_diagf(diags, PP_MSG_RENDER, NULL, job->why ? job->why : "rendering failed");
	return job->sink.failed ? -1 : rc;
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
	for (size_t i = first; rc == 0 && i < first + count && !job.sink.failed; i++)
		draw_page(&job, be, i);
	if (be->close(&job, rc == 0 && !job.sink.failed) != 0)
		rc = -1;
	rc = report(&job, rc, diags);
	if (rc == 0 && be->post) {
		unsigned char *out = NULL;
		size_t n = 0;
		char *why = NULL;
		rc = -1;
		if (be->post(&job, mem.data, mem.len, &out, &n, &why) != 0)
			pp_diagf(diags, PP_MSG_RENDER, NULL, why);
		else if (errno = 0, write(closure, out, n) != 0)
			pp_diagf(diags, PP_MSG_IO_WRITE, NULL, name,
				 pp_errno_text(errno ? errno : EIO));
		else
			rc = 0;
		free(why);
		free(out);
	}
	free(mem.data);
	free(job.why);
	return rc;
}

/* ---------- a PDF written while layout runs ------------------------------- */

struct pp_pdf_stream {
	struct pp_render_job job;
	struct pp_render_opts opts;
	struct pp_diags *diags;
	int opened, failed;
	size_t drawn; /* pages [0, drawn) have had their body drawn */
};

struct pp_pdf_stream *pp_render_pdf_begin(const struct pp_render_opts *opts, pp_write_fn write,
					  void *closure, struct pp_diags *diags)
{
	struct pp_pdf_stream *s = pp_xcalloc(1, sizeof *s);
	s->opts = *opts;
	s->diags = diags;
	s->job.opts = &s->opts;
	s->job.sink = (struct pp_sink){.write = write, .closure = closure};
	s->job.whole = 1;
	return s;
}

static int stream_open(struct pp_pdf_stream *s, const struct pp_pages *pages)
{
	if (s->opened)
		return s->failed ? -1 : 0;
	s->opened = 1;
	s->job.pages = pages;
	double w = pages->n_pages ? pages->pages[0].width : 0;
	double h = pages->n_pages ? pages->pages[0].height : 0;
	if (pp_backend_pdf.open(&s->job, w, h) != 0 || s->job.sink.failed)
		s->failed = 1;
	return s->failed ? -1 : 0;
}

int pp_render_pdf_page(struct pp_pdf_stream *s, const struct pp_pages *pages, size_t index)
{
	if (stream_open(s, pages) != 0 || index != s->drawn)
		return -1;
	s->job.pages = pages; /* the same object; its page array may have moved */
	draw_page(&s->job, &pp_backend_pdf, index);
	s->drawn++;
	if (s->job.sink.failed)
		s->failed = 1;
	return s->failed ? -1 : 0;
}

int pp_render_pdf_closed(struct pp_pdf_stream *s, const struct pp_pages *pages,
			 const struct pp_snode *node)
{
	if (!s->opened || s->failed)
		return 0;
	s->job.pages = pages;
	return pp_pdf_write_part(&s->job, node);
}

int pp_render_pdf_end(struct pp_pdf_stream *s, const struct pp_pages *pages)
{
	int rc = -1;
	if (pages && pages->n_pages > 0 && stream_open(s, pages) == 0) {
		s->job.pages = pages;
		s->job.count = pages->n_pages;
		/* The pages not drawn yet; then the running header and footer
		 * layout added to those drawn before (their only boxes now). */
		for (size_t i = s->drawn; i < pages->n_pages && !s->job.sink.failed; i++)
			draw_page(&s->job, &pp_backend_pdf, i);
		for (size_t i = 0; i < s->drawn && !s->job.sink.failed; i++)
			if (pages->pages[i].n_boxes)
				draw_page(&s->job, &pp_backend_pdf, i);
		rc = s->job.sink.failed ? -1 : 0;
	} else if (pages && pages->n_pages == 0) {
		pp_diagf(s->diags, PP_MSG_RENDER, NULL, "the document has no page 1");
		s->failed = 1;
	}
	if (s->opened && pp_backend_pdf.close(&s->job, rc == 0) != 0)
		rc = -1;
	if (s->opened)
		rc = report(&s->job, rc, s->diags);
	free(s->job.why);
	free(s);
	return rc;
}

void pp_render_pdf_abort(struct pp_pdf_stream *s)
{
	if (!s)
		return;
	if (s->opened)
		pp_backend_pdf.close(&s->job, 0);
	free(s->job.why);
	free(s);
}

int pp_render_pdf(const struct pp_pages *pages, const struct pp_render_opts *opts,
                  pp_write_fn write, void *closure, struct pp_diags *diags)
{
	return pp_render_pdf_end(pp_render_pdf_begin(opts, write, closure, diags), pages);
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

/* ---------- the page sink of a streamed PDF ------------------------------ */

static int sink_page(void *closure, const struct pp_pages *pages, size_t index)
{
	return pp_render_pdf_page(closure, pages, index);
}

static int sink_closed(void *closure, const struct pp_pages *pages, const struct pp_snode *node)
{
	return pp_render_pdf_closed(closure, pages, node);
}

struct pp_page_sink pp_render_pdf_sink(struct pp_pdf_stream *s)
{
	return (struct pp_page_sink){sink_page, s, sink_closed};
}
