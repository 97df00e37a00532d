/* SPDX-License-Identifier: MIT */
/*
 * render.c - the one drawing routine shared by PDF, SVG and PNG.
 *
 * Invariant: a box is drawn the same way in every format. Text is drawn
 * from the PangoLayout layout measured (never re-laid out here: no
 * pango_cairo_update_layout), line by line at each line's baseline, so
 * PDF, SVG and PNG cannot reflow differently. Only LINK boxes depend on the
 * backend (PDF annotations; nothing elsewhere).
 */
#include "planpress/render.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <pango/pangocairo.h>
#include <librsvg/rsvg.h>

#include "alloc.h"
#include "render_backend.h"
#include "render_tag.h"

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

char *pp_render_quote(const char *s)
{
	size_t n = 3;
	for (const char *p = s; *p; p++)
		n += (*p == '\'' || *p == '\\') ? 2 : 1;
	char *out = pp_xmalloc(n), *o = out;
	*o++ = '\'';
	for (const char *p = s; *p; p++) {
		if (*p == '\'' || *p == '\\')
			*o++ = '\\';
		*o++ = *p;
	}
	*o++ = '\'';
	*o = '\0';
	return out;
}

static void set_rgb(cairo_t *cr, struct pp_rgb c)
{
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

/*
 * Glyphs with the text they came from (cairo_show_text_glyphs), so a PDF
 * keeps the run's real characters, ligatures and Arabic joining forms
 * included: one cairo cluster per Pango cluster, as pango's own cairo
 * renderer makes them. Empty glyphs (PANGO_GLYPH_EMPTY) take no part.
 */
static void show_run(cairo_t *cr, const struct pp_glyph_run *r, double x, double y)
{
	const PangoGlyphString *gs = r->glyphs;
	if (gs->num_glyphs <= 0)
		return;
	cairo_glyph_t *glyphs = pp_xcalloc((size_t)gs->num_glyphs, sizeof *glyphs);
	cairo_text_cluster_t *clusters = pp_xcalloc((size_t)gs->num_glyphs, sizeof *clusters);
	int n = 0, nc = 0, pos = 0;
	for (int i = 0; i < gs->num_glyphs; i++) {
		const PangoGlyphInfo *g = &gs->glyphs[i];
		if (g->glyph != PANGO_GLYPH_EMPTY && !(g->glyph & PANGO_GLYPH_UNKNOWN_FLAG)) {
			glyphs[n].index = g->glyph;
			glyphs[n].x = x + (double)(pos + g->geometry.x_offset) / PANGO_SCALE;
			glyphs[n].y = y + (double)g->geometry.y_offset / PANGO_SCALE;
			n++;
		}
		pos += g->geometry.width;
	}
	/* Clusters: a run of glyphs sharing a log_clusters value, in glyph
	 * order; its bytes reach the next cluster's start (or the run's end),
	 * backwards for right-to-left runs. */
	int gi = 0, bytes_total = 0, lead_bytes = 0;
	for (int i = 0; i < gs->num_glyphs;) {
		int start = gs->log_clusters[i], j = i, drawn = 0;
		while (j < gs->num_glyphs && gs->log_clusters[j] == start) {
			const PangoGlyphInfo *g = &gs->glyphs[j];
			drawn += g->glyph != PANGO_GLYPH_EMPTY &&
			         !(g->glyph & PANGO_GLYPH_UNKNOWN_FLAG);
			j++;
		}
		int end;
		if (r->rtl)
			end = i > 0 ? gs->log_clusters[i - 1] : r->length;
		else
			end = j < gs->num_glyphs ? gs->log_clusters[j] : r->length;
		int bytes = end - start > 0 ? end - start : 0;
		bytes_total += bytes;
		gi += drawn;
		if (drawn > 0 && (bytes > 0 || nc == 0)) {
			clusters[nc].num_bytes = bytes + lead_bytes;
			clusters[nc].num_glyphs = drawn;
			lead_bytes = 0;
			nc++;
		} else if (nc > 0) { /* glyphs or text alone: join the previous */
			clusters[nc - 1].num_glyphs += drawn;
			clusters[nc - 1].num_bytes += bytes;
		} else { /* text before the first drawn glyph */
			lead_bytes += bytes;
		}
		i = j;
	}
	/* cairo refuses clusters that do not cover the text and glyphs
	 * exactly (and the context would stay in error): check, else draw
	 * the glyphs alone. */
	int ok = nc > 0 && gi == n && bytes_total == r->length && lead_bytes == 0;
	if (r->rtl) /* backward clusters are in text order, glyphs from the end */
		for (int a = 0, z = nc - 1; a < z; a++, z--) {
			cairo_text_cluster_t t = clusters[a];
			clusters[a] = clusters[z];
			clusters[z] = t;
		}
	for (int k = 0; ok && k < nc; k++)
		ok = clusters[k].num_bytes > 0 || clusters[k].num_glyphs > 0;
	cairo_scaled_font_t *sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(r->font));
	if (sf)
		cairo_set_scaled_font(cr, sf);
	if (ok)
		cairo_show_text_glyphs(cr, r->text + r->offset, r->length, glyphs, n, clusters,
		                       nc, r->rtl ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : 0);
	else if (n > 0)
		cairo_show_glyphs(cr, glyphs, n);
	free(glyphs);
	free(clusters);
}

struct line_draw {
	cairo_t *cr;
	const struct pp_box *box;
	double x, baseline; /* the line origin */
};

/* One glyph run (layout.h) at its place on the line, with its underline. */
static void draw_run(const struct pp_glyph_run *r, void *closure)
{
	const struct line_draw *d = closure;
	set_rgb(d->cr, r->has_colour ? r->colour : d->box->colour);
	show_run(d->cr, r, d->x + r->x, d->baseline);
	if (r->underline_thickness > 0) {
		double w = pango_units_to_double(
		    pango_glyph_string_get_width((PangoGlyphString *)r->glyphs));
		cairo_rectangle(d->cr, d->x + r->x, d->baseline + r->underline_y, w,
		                r->underline_thickness);
		cairo_fill(d->cr);
	}
}

static void draw_line(const struct pp_box *b, const struct pp_line_info *li, void *closure)
{
	struct line_draw d = { closure, b, li->x, li->baseline };
	pp_box_line_runs(b, li->line, draw_run, &d);
}

/* The drawn lines of a TEXT box, each at its origin (layout.h). */
static void draw_text(cairo_t *cr, const struct pp_box *b)
{
	pp_box_each_line(b, draw_line, cr);
}

static void draw_link(struct pp_render_job *job, const struct pp_box *b)
{
	char *attrs;
	unsigned id = job->n_links++;
	if (b->uri) {
		char *uri = pp_render_quote(b->uri);
		attrs = pp_xasprintf("uri=%s rect=[%.3f %.3f %.3f %.3f]", uri, b->x, b->y, b->w,
		                     b->h);
		free(uri);
	} else if (b->dest_page >= 0 && (size_t)b->dest_page < job->pages->n_pages &&
	           job->count == job->pages->n_pages) {
		attrs = pp_xasprintf("dest='pp-dest-%u' rect=[%.3f %.3f %.3f %.3f]", id, b->x,
		                     b->y, b->w, b->h);
	} else {
		/* A link to a page not in this file (a single-page render). */
		return;
	}
	if (job->tagged)
		pp_tag_mark_link(job, job->page, b);
	cairo_tag_begin(job->cr, CAIRO_TAG_LINK, attrs);
	cairo_tag_end(job->cr, CAIRO_TAG_LINK);
	free(attrs);
}

/*
 * An IMAGE box: the PNG (cairo) or SVG (librsvg) file scaled to fit
 * (x, y, w, h), centred, keeping its aspect ratio. A file that cannot be
 * read draws nothing: the template loader has already warned about it, and
 * a missing logo must not stop a committee paper.
 */
static void draw_image(cairo_t *cr, const struct pp_box *b)
{
	if (!b->image || b->w <= 0 || b->h <= 0)
		return;
	const char *dot = strrchr(b->image, '.');
	int svg = dot && (strcmp(dot, ".svg") == 0 || strcmp(dot, ".SVG") == 0);
	double iw = 0, ih = 0;
	cairo_surface_t *png = NULL;
	RsvgHandle *h = NULL;
	if (svg) {
		h = rsvg_handle_new_from_file(b->image, NULL);
		if (!h)
			return;
		gboolean has_w, has_h, has_box;
		RsvgLength lw, lh;
		RsvgRectangle vb;
		rsvg_handle_get_intrinsic_dimensions(h, &has_w, &lw, &has_h, &lh, &has_box, &vb);
		if (has_box && vb.width > 0 && vb.height > 0) {
			iw = vb.width;
			ih = vb.height;
		} else if (!rsvg_handle_get_intrinsic_size_in_pixels(h, &iw, &ih)) {
			iw = b->w;
			ih = b->h;
		}
	} else {
		png = cairo_image_surface_create_from_png(b->image);
		if (cairo_surface_status(png) != CAIRO_STATUS_SUCCESS) {
			cairo_surface_destroy(png);
			return;
		}
		iw = cairo_image_surface_get_width(png);
		ih = cairo_image_surface_get_height(png);
	}
	if (iw > 0 && ih > 0) {
		double scale = b->w / iw < b->h / ih ? b->w / iw : b->h / ih;
		double dw = iw * scale, dh = ih * scale;
		double x = b->x + (b->w - dw) / 2, y = b->y + (b->h - dh) / 2;
		cairo_save(cr);
		if (svg) {
			RsvgRectangle vp = { x, y, dw, dh };
			rsvg_handle_render_document(h, cr, &vp, NULL);
		} else {
			cairo_translate(cr, x, y);
			cairo_scale(cr, scale, scale);
			cairo_set_source_surface(cr, png, 0, 0);
			cairo_paint(cr);
		}
		cairo_restore(cr);
	}
	if (h)
		g_object_unref(h);
	if (png)
		cairo_surface_destroy(png);
}

static void draw_box(struct pp_render_job *job, const struct pp_backend *be,
                     const struct pp_box *b)
{
	cairo_t *cr = job->cr;
	switch (b->kind) {
	case PP_BOX_RECT:
		if (!b->has_fill && !b->has_stroke)
			break;
		cairo_rectangle(cr, b->x, b->y, b->w, b->h);
		if (b->has_fill) {
			set_rgb(cr, b->fill);
			cairo_fill_preserve(cr);
		}
		if (b->has_stroke && b->stroke_width > 0) {
			set_rgb(cr, b->stroke);
			cairo_set_line_width(cr, b->stroke_width);
			cairo_stroke_preserve(cr);
		}
		cairo_new_path(cr);
		break;
	case PP_BOX_LINE:
		if (b->line_width <= 0)
			break;
		cairo_move_to(cr, b->x, b->y);
		cairo_line_to(cr, b->x2, b->y2);
		set_rgb(cr, b->stroke);
		cairo_set_line_width(cr, b->line_width);
		cairo_stroke(cr);
		break;
	case PP_BOX_TEXT:
		if (b->rotation != 0) {
			/* layout.h: the lines are drawn in a frame turned a
			 * quarter turn anticlockwise about the rectangle's
			 * bottom-left corner. */
			struct pp_box turned = *b;
			turned.x = 0;
			turned.y = 0;
			cairo_save(cr);
			cairo_translate(cr, b->x, b->y + b->h);
			cairo_rotate(cr, -b->rotation * 3.14159265358979323846 / 180.0);
			draw_text(cr, &turned);
			cairo_restore(cr);
			break;
		}
		draw_text(cr, b);
		break;
	case PP_BOX_LINK:
		if (be->draws_links)
			draw_link(job, b);
		break;
	case PP_BOX_IMAGE:
		draw_image(cr, b);
		break;
	}
}

static int dest_cmp(const void *a, const void *b)
{
	const struct pp_dest *x = a, *y = b;
	if (x->page != y->page)
		return x->page < y->page ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * Internal links name their target ("pp-dest-<n>", n = the link's number in
 * drawing order) and the target page places a named destination. cairo
 * 1.16 resolves named destinations when the document is finished, whereas
 * page= links are resolved at the end of the linking page and break for
 * targets on later pages (a contents page links forward).
 */
static void collect_dests(struct pp_render_job *job)
{
	const struct pp_pages *pages = job->pages;
	unsigned id = 0;
	size_t cap = 0;
	if (job->count != pages->n_pages)
		return;
	for (size_t p = 0; p < pages->n_pages; p++) {
		const struct pp_page *pg = &pages->pages[p];
		for (size_t i = 0; i < pg->n_boxes; i++) {
			const struct pp_box *b = &pg->boxes[i];
			if (b->kind != PP_BOX_LINK)
				continue;
			unsigned this_id = id++;
			if (b->uri || b->dest_page < 0 ||
			    (size_t)b->dest_page >= pages->n_pages)
				continue;
			PP_GROW(job->dests, job->n_dests + 1, cap);
			job->dests[job->n_dests++] = (struct pp_dest){
			    .page = b->dest_page, .y = b->dest_y, .id = this_id};
		}
	}
	if (job->n_dests)
		qsort(job->dests, job->n_dests, sizeof *job->dests, dest_cmp);
}

/*
 * After the last drawing of the pages, their layouts' lines (glyphs, most
 * of a long document's memory) are no longer needed; the post-pass reads
 * only their text. Pango frees a layout's lines when told its context
 * changed, and keeps its text and attributes.
 */
static void release_lines(const struct pp_pages *pages, size_t first, size_t count)
{
	for (size_t i = first; i < first + count; i++) {
		const struct pp_page *pg = &pages->pages[i];
		for (size_t k = 0; k < pg->n_boxes; k++)
			if (pg->boxes[k].kind == PP_BOX_TEXT && pg->boxes[k].layout)
				pango_layout_context_changed(pg->boxes[k].layout);
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
	const char *name = opts->path ? opts->path : "the output";
	int rc = -1;
	/* A file with a post-pass goes to memory first: the pass needs all of it. */
	struct pp_membuf pdf = {0};
	job.tagged = be->tags;
	if (be->post) {
		job.sink.write = pp_membuf_write;
		job.sink.closure = &pdf;
	}

	if (count == 0 || first + count > pages->n_pages) {
		char *why = pp_xasprintf("the document has no page %zu", first + count);
		pp_diagf(diags, PP_MSG_RENDER, NULL, why);
		free(why);
		return -1;
	}
	if (be->draws_links)
		collect_dests(&job);

	be->open(&job, pages->pages[first].width, pages->pages[first].height);
	job.cr = cairo_create(job.surface);
	for (size_t i = first;
	     i < first + count && cairo_status(job.cr) == CAIRO_STATUS_SUCCESS; i++) {
		const struct pp_page *pg = &pages->pages[i];
		cairo_identity_matrix(job.cr);
		be->begin_page(&job, i, pg);
		job.page = i;
		/* A run of artifacts (rules, fills, repeated headers) shares
		 * one marker: it is marked the same, and a long report has
		 * tens of thousands of them, each a structure element cairo
		 * writes and the tagging pass reads and discards. */
		int in_artifacts = 0;
		for (size_t k = 0; k < pg->n_boxes; k++) {
			const struct pp_box *b = &pg->boxes[k];
			/* Every box is content of its node or an artifact; links
			 * are marked by their own tag in draw_link. */
			int mark = job.tagged && b->kind != PP_BOX_LINK;
			int artifact = mark && !b->snode;
			if (in_artifacts && !artifact) {
				pp_tag_mark_end(&job);
				in_artifacts = 0;
			}
			if (mark && !in_artifacts)
				pp_tag_mark_begin(&job, i, b);
			draw_box(&job, be, b);
			if (artifact)
				in_artifacts = 1;
			else if (mark)
				pp_tag_mark_end(&job);
		}
		if (in_artifacts)
			pp_tag_mark_end(&job);
		be->end_page(&job);
	}
	cairo_status_t st = cairo_status(job.cr);
	cairo_destroy(job.cr);
	job.cr = NULL;
	if (st == CAIRO_STATUS_SUCCESS) {
		be->close(&job);
		st = job.close_status;
	}
	cairo_surface_finish(job.surface);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(job.surface);

	if (job.sink.failed)
		pp_diagf(diags, PP_MSG_IO_WRITE, NULL, name, strerror(job.sink.err));
	else if (st != CAIRO_STATUS_SUCCESS)
		pp_diagf(diags, PP_MSG_RENDER, NULL, cairo_status_to_string(st));
	else
		rc = 0;
	cairo_surface_destroy(job.surface);
	if (rc == 0 && be->tags && opts->last_use) /* PDF: the pass reads only text */
		release_lines(pages, first, count);
	if (rc == 0 && be->post) {
		unsigned char *tagged = NULL;
		size_t n = 0;
		char *why = NULL;
		rc = -1;
		if (be->post(&job, pdf.data, pdf.len, &tagged, &n, &why) != 0)
			pp_diagf(diags, PP_MSG_RENDER, NULL, why);
		else if (errno = 0, write(closure, tagged, n) != 0)
			pp_diagf(diags, PP_MSG_IO_WRITE, NULL, name,
			         strerror(errno ? errno : EIO));
		else
			rc = 0;
		free(why);
		free(tagged);
	}
	free(pdf.data);
	free(job.marks);
	free(job.dests);
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
