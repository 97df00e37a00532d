/* SPDX-License-Identifier: MIT */
/*
 * render_svg.c - the SVG backend: one page per file (a poster is one page),
 * sized in points with a viewBox so it scales cleanly when embedded.
 *
 * cairo 1.16 writes width="<w>pt" height="<h>pt" viewBox="0 0 <w> <h>" once
 * the document unit is points; tests/cli checks the viewBox with xmllint.
 *
 * cairo draws text as glyph outlines, which nobody can search, select or
 * hear. A post-pass (svg_text_layer) adds after the root element a <title>
 * (the document's) and a <desc> (its organisation and headings), and at the
 * end a transparent text layer: every line of every non-artifact TEXT box
 * as real <text>, placed and stretched over its glyphs (textLength), in
 * reading order (structure node order), so find-in-page, selection and
 * screen readers get the words.
 *
 * Invariant: every id in the file starts with a prefix made from the
 * output's name ("poster-glyph0-1" in poster.svg), and every reference
 * (href="#...", url(#...)) names an id of the same file, so two SVGs
 * inlined in one HTML page never take each other's glyphs or clips.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-svg.h>
#include <cairo.h>
#include <pango/pango.h>

#include "alloc.h"
#include "render_backend.h"

static int svg_open(struct pp_render_job *job, double width, double height)
{
	job->surface =
	    cairo_svg_surface_create_for_stream(pp_sink_write, &job->sink, width, height);
	if (cairo_surface_status(job->surface) == CAIRO_STATUS_SUCCESS) {
		cairo_svg_surface_restrict_to_version(job->surface, CAIRO_SVG_VERSION_1_1);
		cairo_svg_surface_set_document_unit(job->surface, CAIRO_SVG_UNIT_PT);
	}
	return pp_cairo_start(job);
}

static void svg_begin_page(struct pp_render_job *job, size_t index, const struct pp_page *page)
{
	(void)index;
	(void)page;
	cairo_identity_matrix(job->cr);
}

/* No cairo_show_page: one page is the whole file, finished by close. */
static void svg_end_page(struct pp_render_job *job)
{
	(void)job;
}

static int svg_close(struct pp_render_job *job, int ok)
{
	if (ok && job->surface)
		cairo_surface_flush(job->surface);
	return pp_cairo_finish(job, ok);
}

static void put(struct pp_membuf *m, const char *s)
{
	pp_membuf_write(m, (const unsigned char *)s, strlen(s));
}

/* `n` bytes of text as XML character data or attribute value. */
static void put_text(struct pp_membuf *m, const char *s, size_t n)
{
	for (size_t i = 0; i < n && s[i]; i++) {
		const char *e = s[i] == '&' ? "&amp;" : s[i] == '<' ? "&lt;" : s[i] == '>' ? "&gt;"
			      : s[i] == '"' ? "&quot;" : NULL;
		if (e)
			put(m, e);
		else if ((unsigned char)s[i] < 0x20)
			put(m, " "); /* line breaks and tabs: not allowed raw in XML 1.0 */
		else
			pp_membuf_write(m, (const unsigned char *)s + i, 1);
	}
}

static void putf(struct pp_membuf *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(struct pp_membuf *m, const char *fmt, ...)
{
	char buf[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	put(m, buf);
}

/* The first `needle` in [from, end), or NULL. */
static const char *find(const char *from, const char *end, const char *needle)
{
	size_t n = strlen(needle);
	for (const char *p = from; p && p + n <= end; p++)
		if (memcmp(p, needle, n) == 0)
			return p;
	return NULL;
}

/*
 * The id prefix of the file: its name without folder or extension, in the
 * characters an XML id may hold, then "-" ("out/plan-2.svg": "plan-2-").
 * Without a name (in memory), "pp-<page>-".
 */
static char *id_prefix(const struct pp_render_job *job)
{
	const char *path = job->opts->path;
	if (!path || !*path)
		return pp_xasprintf("pp-%zu-", job->first + 1);
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	const char *dot = strrchr(base, '.');
	if (dot && dot > base)
		n = (size_t)(dot - base);
	char *p = pp_xmalloc(n + 3);
	size_t k = 0;
	/* An id starts with a letter or "_". */
	if (!((base[0] >= 'A' && base[0] <= 'Z') || (base[0] >= 'a' && base[0] <= 'z')))
		p[k++] = '_';
	for (size_t i = 0; i < n; i++) {
		char c = base[i];
		int ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			 c == '-' || c == '.' || c == '_';
		p[k++] = ok ? c : '_';
	}
	p[k++] = '-';
	p[k] = '\0';
	return p;
}

/* cairo's markup [from, to) with `prefix` put before every id it defines
 * (id="...") and every one it refers to (href="#...", url(#...)). cairo
 * writes no text, so these patterns are its own. */
static void put_prefixed(struct pp_membuf *m, const char *from, const char *to,
			 const char *prefix)
{
	static const char *const pats[] = {" id=\"", "href=\"#", "url(#"};
	enum { N_PATS = sizeof pats / sizeof pats[0] };
	/*
	 * The next place of each pattern, searched again only once the copy
	 * has passed it: a page of glyphs holds thousands of href="#" and few
	 * id=", and searching every pattern afresh after each hit made a
	 * large poster quadratic (seconds for one SVG).
	 */
	const char *next[N_PATS];
	for (size_t i = 0; i < N_PATS; i++)
		next[i] = find(from, to, pats[i]);
	const char *p = from;
	for (;;) {
		size_t k = N_PATS;
		for (size_t i = 0; i < N_PATS; i++)
			if (next[i] && (k == N_PATS || next[i] < next[k]))
				k = i;
		if (k == N_PATS) {
			pp_membuf_write(m, (const unsigned char *)p, (size_t)(to - p));
			return;
		}
		const char *hit = next[k];
		size_t hit_len = strlen(pats[k]);
		pp_membuf_write(m, (const unsigned char *)p, (size_t)(hit + hit_len - p));
		put(m, prefix);
		p = hit + hit_len;
		for (size_t i = 0; i < N_PATS; i++)
			if (next[i] && next[i] < p)
				next[i] = find(p, to, pats[i]);
	}
}

struct text_ref {
	const struct pp_box *box;
	size_t order;
};

static int text_ref_cmp(const void *a, const void *b)
{
	const struct text_ref *x = a, *y = b;
	if (x->box->snode->id != y->box->snode->id)
		return x->box->snode->id < y->box->snode->id ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static void text_line(const struct pp_box *b, const struct pp_line_info *li, void *closure)
{
	struct pp_membuf *m = closure;
	double size = li->height / 1.2;
	if (li->length <= 0 || li->width <= 0 || size <= 0)
		return;
	putf(m, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.2f\" textLength=\"%.2f\" "
		"lengthAdjust=\"spacingAndGlyphs\">",
	     li->x, li->baseline, size, li->width);
	put_text(m, pp_box_text(b) + li->start, (size_t)li->length);
	put(m, "</text>\n");
}

/* One <text> per drawn line of box `b`, over its glyphs. */
static void text_lines(struct pp_membuf *m, const struct pp_box *b)
{
	struct pp_box frame = *b;
	if (b->rotation != 0) {
		/* As render.c draws it: lines in a frame turned about (x, y + h). */
		frame.x = frame.y = 0;
		putf(m, "<g transform=\"translate(%.2f %.2f) rotate(%.0f)\">\n", b->x, b->y + b->h,
		     -b->rotation);
	}
	pp_box_each_line(&frame, text_line, m);
	if (b->rotation != 0)
		put(m, "</g>\n");
}

static int svg_text_layer(const struct pp_render_job *job, const unsigned char *in, size_t len,
			  unsigned char **out, size_t *out_len, char **why)
{
	const struct pp_pages *pages = job->pages;
	const struct pp_page *pg = &pages->pages[job->first];
	const char *start = (const char *)in, *end = start + len;
	const char *open = find(start, end, "<svg");
	const char *gt = open ? find(open, end, ">") : NULL;
	const char *close = NULL;
	for (const char *p = gt; (p = find(p, end, "</svg>")) != NULL; p++)
		close = p;
	if (!gt || !close) {
		*why = pp_xstrdup("cairo's SVG has no <svg> element");
		return -1;
	}

	/* Text boxes of structure nodes, in reading order. */
	struct text_ref *refs = pp_xcalloc(pg->n_boxes + 1, sizeof *refs);
	size_t n = 0;
	for (size_t i = 0; i < pg->n_boxes; i++) {
		const struct pp_box *b = &pg->boxes[i];
		if (b->kind == PP_BOX_TEXT && b->snode && b->n_lines > 0)
			refs[n++] = (struct text_ref){.box = b, .order = i};
	}
	qsort(refs, n, sizeof *refs, text_ref_cmp);

	struct pp_membuf m = {0};
	pp_membuf_write(&m, in, (size_t)(gt + 1 - start));
	put(&m, "\n<title>");
	const char *title = pages->title && *pages->title ? pages->title : "Untitled document";
	put_text(&m, title, strlen(title));
	put(&m, "</title>\n<desc>");
	if (pages->author && *pages->author) {
		put_text(&m, pages->author, strlen(pages->author));
		put(&m, ": ");
	}
	put_text(&m, title, strlen(title));
	put(&m, ".");
	const struct pp_snode *last = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct pp_snode *s = refs[i].box->snode;
		if (s == last || s->role < PP_ROLE_H1 || s->role > PP_ROLE_H6)
			continue;
		last = s;
		const char *t = pp_box_text(refs[i].box);
		put(&m, " ");
		put_text(&m, t, strlen(t));
		put(&m, ".");
	}
	put(&m, "</desc>\n");
	char *prefix = id_prefix(job);
	put_prefixed(&m, gt + 1, close, prefix);
	put(&m, "<g id=\"");
	put(&m, prefix);
	put(&m, "text\" fill=\"#000\" fill-opacity=\"0\" "
		"font-family=\"Liberation Sans, Arial, sans-serif\">\n");
	free(prefix);
	for (size_t i = 0; i < n; i++)
		text_lines(&m, refs[i].box);
	put(&m, "</g>\n");
	pp_membuf_write(&m, (const unsigned char *)close, (size_t)(end - close));
	free(refs);
	*out = m.data;
	*out_len = m.len;
	return 0;
}

const struct pp_backend pp_backend_svg = {
    .name = "svg",
    .canvas = &pp_canvas_cairo,
    .post = svg_text_layer,
    .open = svg_open,
    .begin_page = svg_begin_page,
    .end_page = svg_end_page,
    .close = svg_close,
};
