/* SPDX-License-Identifier: MIT */
/*
 * render_pdf.c - the PDF backend: a tagged PDF (PDF/UA-1) written directly
 * while the pages are drawn, one file for all pages, each page its own size
 * (sections may turn landscape), with document info, XMP, an outline nested
 * by heading level, links and named destinations.
 *
 * Streaming: a page's content is kept only until the page ends, then
 * compressed and written with its page object. What the end of the file
 * needs from a finished page is kept as small records: which structure
 * node each marked content (MCID) belongs to, each link box, the first
 * text box of each node (link descriptions). Fonts, the structure tree,
 * the parent tree, the outline and the xref are written at the end.
 *
 * Tagging (docs/accessibility.md): every box the shared routine draws is
 * marked as it is drawn: "/<Role> <</MCID n>> BDC ... EMC" for a box of a
 * structure node, "/Artifact BMC ... EMC" for boxes without one (runs of
 * them share one marker). The structure tree is the layout's tree
 * (struct pp_snode) in reading order, so a table split over pages is one
 * Table and repeated header rows, artifacts, are read once.
 *
 * Invariant: the bytes depend only on the pages and the options (the
 * creation date is opts->creation_time; the /ID is a digest of the file).
 */
#define _POSIX_C_SOURCE 200809L /* gmtime_r */

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <librsvg/rsvg.h>
#include <pango/pango.h>
#include <qpdf/qpdf-c.h>

#include "alloc.h"
#include "pdf_font.h"
#include "pdf_write.h"
#include "render_backend.h"

/* Content of structure node `node` on page `page` (0-based in the file);
 * prev: the node's mark before this one, plus one (0: none). */
struct mark_rec {
	unsigned node, page, mcid, prev;
};

/* A drawn LINK box and its annotation: what the end of the file needs,
 * copied, since a streamed page's boxes are freed once it is drawn. */
struct link_rec {
	double x, y, w, h;
	char *uri;		    /* external, or NULL */
	int dest_page;		    /* internal: index into pages->pages */
	char *desc;		    /* its description (link_description) */
	unsigned page, annot, id; /* id: its name's number, pp-dest-<id> */
	unsigned prev;		    /* the node's link before this one, plus one */
	unsigned elem;		    /* its structure element, once written */
};

/* A page of the file: its object and content streams. A streamed page is
 * drawn twice: its body as it is finished, its running header and footer
 * at the end (layout.h), each a content stream of its own. */
struct page_rec {
	unsigned obj;
	unsigned content[2];
	unsigned n_content;
	unsigned mcid; /* the next MCID on the page */
};

/* A named destination: where internal link number `id` goes. */
struct dest_rec {
	int page; /* index into pages->pages */
	double y;
	unsigned id;
};

/* An image file, written once however often it is drawn. */
struct image_rec {
	char *path;
	unsigned obj; /* 0: cannot be drawn */
	int form;     /* a Form XObject (vector SVG) of iw x ih points */
	double iw, ih;
};

/* The structure tree as it is drawn, per node: its element's number once
 * reserved, its last mark and link (plus one; the chains run back through
 * mark_rec.prev and link_rec.prev), and whether it was written before the
 * end (pp_pdf_write_part). */
struct node_rec {
	unsigned obj, mark, link;
	unsigned char done;
};

struct cluster;

/* Graphics state the content stream has set, to skip repeats. */
struct gstate {
	struct pp_rgb fill, stroke;
	int has_fill, has_stroke;
	double line_width; /* < 0: unknown */
	struct pdf_font *font;
	double font_size;
};

struct pdf_doc {
	struct pdf_writer w;
	struct pdf_fonts *fonts;
	unsigned pages_obj, resources;
	struct page_rec *page; /* per page of the file, grown as pages come */
	size_t n_page, cap_page;
	struct pdf_buf c; /* the current page's content */
	unsigned mcid;    /* the next MCID on the current page */
	struct gstate gs, saved;
	struct mark_rec *marks;
	size_t n_marks, cap_marks;
	struct link_rec *links;
	size_t n_links, cap_links, page_links; /* the current page's first link */
	struct node_rec *node; /* per structure node id (pp_snode.id) */
	size_t cap_node;
	unsigned loose_links; /* links drawn when there is no root node either */
	unsigned link_ids; /* LINK boxes seen: numbers them as the dests */
	struct dest_rec *dests;
	size_t n_dests, cap_dests;
	char **node_text; /* per TOCI or LINK node: its first text line drawn */
	size_t cap_node_text;
	struct image_rec *images;
	size_t n_images, cap_images;
	struct cluster *cl; /* the clusters of the run being drawn */
	size_t cap_cl;
	long *code;    /* per glyph of that run: its code, -1: not drawn */
	unsigned *gid; /* ... and the glyph the code draws */
	size_t cap_code;
	int hyphen;    /* that run's glyph to draw as an artifact (an inserted
			  hyphen ending it), -1: none */
	/* The tagged box being drawn (NULL: an artifact or none), and how
	 * many turned frames are open: an inserted hyphen is taken out of a
	 * box's marked content only outside them (p_glyphs). */
	const struct pp_box *box;
	int turned;
	/* Where the line being drawn ends: its last run's font, size and pen
	 * (font NULL: nothing drawn yet), and whether it ends in white space
	 * or an inserted hyphen already (p_line_end). */
	struct pdf_font *tail_font;
	double tail_size, tail_x, tail_y;
	int tail_done;
};

/* Page `rel` of the file (0-based), its object number reserved on first use:
 * a link or outline entry may name a page not drawn yet. */
static struct page_rec *page_of(struct pdf_doc *d, size_t rel)
{
	if (rel >= d->n_page) {
		PP_GROW(d->page, rel + 1, d->cap_page);
		memset(d->page + d->n_page, 0, (rel + 1 - d->n_page) * sizeof *d->page);
		d->n_page = rel + 1;
	}
	if (!d->page[rel].obj)
		d->page[rel].obj = pdf_reserve(&d->w);
	return &d->page[rel];
}

static unsigned page_obj(struct pdf_doc *d, size_t rel)
{
	return page_of(d, rel)->obj;
}

/* ---------- content ------------------------------------------------------ */

static void num(struct pdf_doc *d, double v)
{
	pdf_buf_num(&d->c, v);
	pdf_buf_put(&d->c, " ", 1);
}

static void op(struct pdf_doc *d, const char *s)
{
	pdf_buf_puts(&d->c, s);
}

static int same_rgb(struct pp_rgb a, struct pp_rgb b)
{
	return a.r == b.r && a.g == b.g && a.b == b.b;
}

static void set_fill(struct pdf_doc *d, struct pp_rgb c)
{
	if (d->gs.has_fill && same_rgb(d->gs.fill, c))
		return;
	num(d, c.r);
	num(d, c.g);
	num(d, c.b);
	op(d, "rg\n");
	d->gs.fill = c;
	d->gs.has_fill = 1;
}

static void set_stroke(struct pdf_doc *d, struct pp_rgb c, double width)
{
	if (!d->gs.has_stroke || !same_rgb(d->gs.stroke, c)) {
		num(d, c.r);
		num(d, c.g);
		num(d, c.b);
		op(d, "RG\n");
		d->gs.stroke = c;
		d->gs.has_stroke = 1;
	}
	if (d->gs.line_width != width) {
		num(d, width);
		op(d, "w\n");
		d->gs.line_width = width;
	}
}

static void p_rect(struct pp_render_job *job, double x, double y, double w, double h,
		   const struct pp_rgb *fill, const struct pp_rgb *stroke, double width)
{
	struct pdf_doc *d = job->pdf;
	if (fill)
		set_fill(d, *fill);
	if (stroke)
		set_stroke(d, *stroke, width);
	if (!fill && !stroke)
		return;
	num(d, x);
	num(d, y);
	num(d, w);
	num(d, h);
	op(d, fill && stroke ? "re B\n" : fill ? "re f\n" : "re S\n");
}

static void p_line(struct pp_render_job *job, double x0, double y0, double x1, double y1,
		   struct pp_rgb colour, double width)
{
	struct pdf_doc *d = job->pdf;
	set_stroke(d, colour, width);
	num(d, x0);
	num(d, y0);
	op(d, "m ");
	num(d, x1);
	num(d, y1);
	op(d, "l S\n");
}

/* End a TJ array ("[" just opened and empty: take it back). */
static void end_tj(struct pdf_doc *d, int *in_hex)
{
	if (*in_hex)
		op(d, ">");
	*in_hex = 0;
	if (d->c.len && d->c.data[d->c.len - 1] == '[')
		d->c.len--;
	else
		op(d, "]TJ\n");
}

static int drawable(const struct pdf_font *f, PangoGlyph g)
{
	return g != PANGO_GLYPH_EMPTY && !(g & PANGO_GLYPH_UNKNOWN_FLAG) &&
	       pdf_font_has_glyph(f, g);
}


/*
 * A cluster of a run: glyphs [g0, g1) standing for bytes [b0, b1) of the
 * run's text (`space`: for " ", a line break drawn as a space glyph).
 * `actual` when its glyphs cannot carry its text one by one (more glyphs
 * than characters, a text too long for a map entry), so it is drawn
 * inside /ActualText.
 */
struct cluster {
	int g0, g1, b0, b1, drawn, actual, space;
};

/* White space a line may end with: it has no glyph (Pango empties it). */
static int blank_text(const char *t, int n)
{
	for (int i = 0; i < n;) {
		unsigned char c = (unsigned char)t[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			i++;
		else if (c == 0xC2 && i + 1 < n && (unsigned char)t[i + 1] == 0xA0)
			i += 2; /* no-break space */
		else if (c == 0xE2 && i + 2 < n && (unsigned char)t[i + 1] == 0x80 &&
			 ((unsigned char)t[i + 2] == 0xA8 || (unsigned char)t[i + 2] == 0xA9))
			i += 3; /* line and paragraph separators */
		else
			return 0;
	}
	return n > 0;
}

/* Back to the start of the UTF-8 character holding byte `b` of t[0, n). */
static int char_start(const char *t, int b, int n)
{
	if (b >= n)
		return n;
	while (b > 0 && ((unsigned char)t[b] & 0xC0) == 0x80)
		b--;
	return b;
}

static int char_len(const char *t, int b, int end)
{
	int k = b + 1;
	while (k < end && ((unsigned char)t[k] & 0xC0) == 0x80)
		k++;
	return k - b;
}

/* The code point at t[b] (a whole, valid character: the text is checked). */
static unsigned char_at(const char *t, int b, int len)
{
	const unsigned char *u = (const unsigned char *)t + b;
	if (len == 1)
		return u[0];
	unsigned cp = u[0] & (0x7F >> len);
	for (int i = 1; i < len; i++)
		cp = (cp << 6) | (u[i] & 0x3F);
	return cp;
}

static int is_hyphen(unsigned cp)
{
	return cp == '-' || cp == 0x2010 || cp == 0x2011 || cp == 0xAD;
}

/* Glyph i's code for text t[b, b + len), or -1 when no code can carry it. */
static long glyph_code(struct pdf_doc *d, struct pdf_font *f, int i, unsigned gid,
		       const char *t, int len)
{
	long code = len > 0 ? pdf_font_code(f, gid, t, (size_t)len) : -1;
	d->code[i] = code;
	return code;
}

/*
 * Glyph i's code for several characters of a right-to-left run (a
 * lam-alef ligature): the map entry holds them last first. A right-to-left
 * run's glyphs stand in the content stream in visual order, and every
 * reader (pdf.js, MuPDF, poppler, Acrobat) gets the text back by
 * reversing what the glyphs' entries give, character by character, so an
 * entry in text order would come out reversed ("ال" for "لا").
 */
static long glyph_code_rtl(struct pdf_doc *d, struct pdf_font *f, int i, unsigned gid,
			   const char *t, int len)
{
	char rev[64];
	if (len <= 0 || len > (int)sizeof rev)
		return glyph_code(d, f, i, gid, t, len);
	for (int b = 0; b < len;) {
		int n = char_len(t, b, len);
		memcpy(rev + len - b - n, t + b, (size_t)n);
		b += n;
	}
	return glyph_code(d, f, i, gid, rev, len);
}

/*
 * Split the run into clusters as show_run in render_cairo.c does for cairo
 * (a cluster is the glyphs sharing a log_clusters value; text without a
 * drawn glyph joins the cluster before it, or the first one) and give each
 * drawn glyph its code (d->code, d->gid per glyph; code -1: not drawn),
 * so that each code's /ToUnicode entry is exactly the text of its glyph:
 *  - white space that Pango left without a glyph (the space or break
 *    ending a line) is drawn as the font's space glyph, text " ", so every
 *    reader sees a word end where a line ends;
 *  - a cluster of several glyphs gives them its characters one by one in
 *    text order (a base and its marks), the last glyph taking what is
 *    left (a ligature), and a hyphen glyph that line breaking added after
 *    a word's last letter "-" (U+002D): the soft hyphen U+00AD that ISO
 *    32000-1 14.8.2.2.3 suggests is dropped by pdf.js, which then shows
 *    two words, while "-" at a line end is what its find bar, MuPDF and
 *    poppler join a word across;
 *  - only a cluster with more glyphs than characters, or a text too long
 *    for a map entry, is also given whole by /ActualText.
 * Returns the number of clusters.
 */
static int map_run(struct pdf_doc *d, struct pdf_font *f, const struct pp_glyph_run *r)
{
	const PangoGlyphString *gs = r->glyphs;
	const char *text = r->text + r->offset;
	int n = gs->num_glyphs, nc = 0;
	PP_GROW(d->cl, (size_t)n, d->cap_cl);
	if ((size_t)n > d->cap_code) {
		size_t cap = d->cap_code;
		PP_GROW(d->code, (size_t)n, cap);
		PP_GROW(d->gid, (size_t)n, d->cap_code);
	}
	unsigned space = pdf_font_nominal(f, ' ');
	d->hyphen = -1;
	for (int i = 0; i < n; i++) {
		d->gid[i] = gs->glyphs[i].glyph;
		d->code[i] = -1;
	}
	for (int i = 0; i < n;) {
		int start = gs->log_clusters[i], j = i, drawn = 0;
		while (j < n && gs->log_clusters[j] == start)
			drawn += drawable(f, gs->glyphs[j++].glyph);
		int end;
		if (r->rtl)
			end = i > 0 ? gs->log_clusters[i - 1] : r->length;
		else
			end = j < n ? gs->log_clusters[j] : r->length;
		start = start < 0 ? 0 : start > r->length ? r->length : start;
		end = end < start ? start : end > r->length ? r->length : end;
		/* Whole characters (an inserted hyphen may claim a last byte). */
		start = char_start(text, start, r->length);
		end = char_start(text, end, r->length);
		struct cluster c = {i, j, start, end, drawn, 0, 0};
		if (drawn == 0 && space && pdf_font_has_glyph(f, space) &&
		    blank_text(text + start, end - start)) {
			d->gid[i] = space;
			c.drawn = drawn = 1;
			c.space = 1;
		}
		if (nc > 0 && (drawn == 0 || d->cl[nc - 1].drawn == 0 || end <= start)) {
			struct cluster *p = &d->cl[nc - 1];
			p->g1 = j;
			p->b0 = p->b0 < start ? p->b0 : start;
			p->b1 = p->b1 > end ? p->b1 : end;
			p->drawn += drawn;
		} else {
			d->cl[nc++] = c;
		}
		i = j;
	}
	int order[64];
	for (int k = 0; k < nc; k++) {
		struct cluster *c = &d->cl[k];
		if (c->space) {
			for (int g = c->g0; g < c->g1; g++)
				if (d->gid[g] == space && !drawable(f, gs->glyphs[g].glyph))
					c->actual |= glyph_code(d, f, g, space, " ", 1) < 0;
			continue;
		}
		if (c->drawn == 0)
			continue;
		/* The drawn glyphs in text order (a right-to-left run's glyphs
		 * come in visual order, its clusters' glyphs too). */
		int m = 0;
		for (int g = c->g0; g < c->g1 && m < 64; g++)
			if (drawable(f, d->gid[g]))
				order[m++] = g;
		if (r->rtl)
			for (int a = 0, z = m - 1; a < z; a++, z--) {
				int t = order[a];
				order[a] = order[z];
				order[z] = t;
			}
		const char *t = text + c->b0;
		int len = c->b1 - c->b0;
		if (len <= 0 && m == 1 && (d->gid[order[0]] == pdf_font_nominal(f, 0x2010) ||
					   d->gid[order[0]] == pdf_font_nominal(f, '-'))) {
			/* a hyphen line breaking inserted, alone in its cluster */
			glyph_code(d, f, order[0], d->gid[order[0]], "-", 1);
			d->hyphen = order[0];
			continue;
		}
		if (m == 1 || len <= 0) {
			long code = r->rtl ? glyph_code_rtl(d, f, order[0], d->gid[order[0]], t, len)
					   : glyph_code(d, f, order[0], d->gid[order[0]], t, len);
			c->actual = code < 0 && len > 0;
			for (int q = 1; q < m; q++) /* no text: several glyphs of nothing */
				c->actual |= glyph_code(d, f, order[q], d->gid[order[q]], t, len) < 0;
			continue;
		}
		/* A hyphen glyph after the last letter that no character asked
		 * for: inserted by line breaking. */
		int last = char_start(t, len - 1, len);
		unsigned lg = d->gid[order[m - 1]];
		if (!is_hyphen(char_at(t, last, len - last)) &&
		    (lg == pdf_font_nominal(f, 0x2010) || lg == pdf_font_nominal(f, '-'))) {
			glyph_code(d, f, order[m - 1], lg, "-", 1);
			d->hyphen = order[m - 1];
			m--;
		}
		int b = 0, q = 0;
		for (; q < m && b < len; q++) {
			int cl = q == m - 1 ? len - b : char_len(t, b, len);
			long code = r->rtl ? glyph_code_rtl(d, f, order[q], d->gid[order[q]], t + b, cl)
					   : glyph_code(d, f, order[q], d->gid[order[q]], t + b, cl);
			if (code < 0)
				c->actual = 1;
			b += cl;
		}
		for (; q < m; q++) { /* more glyphs than characters */
			c->actual = 1;
			glyph_code(d, f, order[q], d->gid[order[q]], "\xE2\x81\xA0", 3);
		}
	}
	/* Glyphs with no code yet (a text too long for a map entry) are
	 * given their cluster's first character, else drawn by their own id;
	 * /ActualText says the whole text. */
	for (int i = 0, k = 0; i < n; i++) {
		if (d->code[i] >= 0 || !drawable(f, d->gid[i]))
			continue;
		while (k < nc && d->cl[k].g1 <= i)
			k++;
		if (k < nc && d->cl[k].b1 > d->cl[k].b0) {
			int b0 = d->cl[k].b0;
			if (glyph_code(d, f, i, d->gid[i], text + b0,
				       char_len(text, b0, d->cl[k].b1)) >= 0)
				continue;
		}
		d->code[i] = d->gid[i];
	}
	/* Only a hyphen that ends a left-to-right run leaves its box's
	 * marked content (p_glyphs). */
	if (r->rtl)
		d->hyphen = -1;
	for (int i = d->hyphen + 1; d->hyphen >= 0 && i < n; i++)
		if (d->code[i] >= 0)
			d->hyphen = -1;
	return nc;
}

static void p_mark_begin(struct pp_render_job *job, const struct pp_box *b);

/*
 * A glyph run as text: codes in TJ arrays, each glyph placed where
 * layout put it. The PDF moves the pen by the width /W states; where that
 * differs from the run's advance (kerning, rounding) by more than 1/200
 * point, or a glyph has an offset, a TJ adjustment puts the pen exactly
 * at the glyph's place. Vertical offsets (marks) use the text rise.
 */
static void p_glyphs(struct pp_render_job *job, const struct pp_glyph_run *r, double x,
		     double baseline, struct pp_rgb colour)
{
	struct pdf_doc *d = job->pdf;
	const PangoGlyphString *gs = r->glyphs;
	double size = 0;
	struct pdf_font *f = pdf_font_of(d->fonts, &d->w, r->font, &size);
	if (!f || gs->num_glyphs <= 0)
		return;
	int nc = map_run(d, f, r);
	int any = 0;
	for (int i = 0; i < gs->num_glyphs && !any; i++)
		any = d->code[i] >= 0;
	if (!any)
		return;
	set_fill(d, colour);
	op(d, "BT\n");
	if (d->gs.font != f || d->gs.font_size != size) {
		pdf_buf_printf(&d->c, "/F%u ", pdf_font_id(f));
		num(d, size);
		op(d, "Tf\n");
		d->gs.font = f;
		d->gs.font_size = size;
	}
	op(d, "1 0 0 -1 ");
	num(d, x);
	num(d, baseline);
	op(d, "Tm\n[");
	static const char hx[] = "0123456789ABCDEF";
	double pen = 0; /* where the PDF's pen is, points from x */
	int pos = 0, in_hex = 0, risen = 0, k = 0;
	/* An inserted hyphen ending the run is no word's text: it is drawn
	 * after the run as an artifact, so the structure tree reads the word
	 * whole ("Safeguarding", not "Safeguar-ding"). */
	int hyphen = d->box && !d->turned ? d->hyphen : -1;
	double hyphen_x = 0;
	unsigned space = pdf_font_nominal(f, ' ');
	int last_space = 0;
	for (int i = 0; i < gs->num_glyphs; i++) {
		const PangoGlyphInfo *g = &gs->glyphs[i];
		double target = (double)(pos + g->geometry.x_offset) / PANGO_SCALE;
		pos += g->geometry.width;
		if (i == hyphen)
			hyphen_x = target;
		while (k < nc && d->cl[k].g1 <= i)
			k++;
		const struct cluster *c = k < nc ? &d->cl[k] : NULL;
		if (c && c->actual && i == c->g0) {
			end_tj(d, &in_hex);
			op(d, "/Span <</ActualText <FEFF");
			pdf_buf_utf16_hex(&d->c, r->text + r->offset + c->b0, (size_t)(c->b1 - c->b0));
			op(d, ">>> BDC\n[");
		}
		if (d->code[i] >= 0 && i != hyphen) {
			int rise = g->geometry.y_offset;
			if (rise != risen) {
				/* Ts cannot stand in a TJ array: close it and reopen. */
				end_tj(d, &in_hex);
				num(d, -(double)rise / PANGO_SCALE);
				op(d, "Ts\n[");
				risen = rise;
			}
			double off = pen - target;
			if (off > 0.005 || off < -0.005) {
				double adj = round(off * 1000.0 / size * 1000.0) / 1000.0;
				if (in_hex)
					op(d, ">");
				in_hex = 0;
				pdf_buf_num(&d->c, adj);
				pen -= adj * size / 1000.0;
			}
			if (!in_hex)
				op(d, "<");
			in_hex = 1;
			unsigned code = (unsigned)d->code[i], gid = d->gid[i];
			char h4[4] = {hx[(code >> 12) & 15], hx[(code >> 8) & 15], hx[(code >> 4) & 15],
				      hx[code & 15]};
			pdf_buf_put(&d->c, h4, 4);
			pdf_font_use(f, gid);
			pen += pdf_font_width(f, gid) * size / 1000.0;
			last_space = gid == space;
		}
		if (c && c->actual && i == c->g1 - 1) {
			end_tj(d, &in_hex);
			op(d, "EMC\n[");
		}
	}
	end_tj(d, &in_hex);
	if (risen)
		op(d, "0 Ts\n");
	op(d, "ET\n");
	d->tail_font = f;
	d->tail_size = size;
	d->tail_x = x + pen;
	d->tail_y = baseline;
	d->tail_done = last_space;
	if (hyphen >= 0) {
		/* Out of the box's marked content and back into a new one of
		 * the same node; no artifact may stand inside tagged content. */
		const struct pp_box *b = d->box;
		op(d, "EMC\n/Artifact BMC\nBT\n1 0 0 -1 ");
		num(d, x + hyphen_x);
		num(d, baseline);
		unsigned code = (unsigned)d->code[hyphen];
		pdf_buf_printf(&d->c, "Tm\n<%04X>Tj\nET\nEMC\n", code);
		pdf_font_use(f, d->gid[hyphen]);
		p_mark_begin(job, b);
		d->tail_done = 1;
	}
}

/*
 * The end of a drawn line that ends a word (its text ends in white space
 * or a line break, or it is the box's last line): unless it ends in white
 * space drawn already, a space glyph (text " ") after its last glyph, so
 * every reader ends a word there, lines of one cell are apart in the
 * structure tree ("CO1" above "1-6", not "CO11-6"), and words of two
 * narrow columns are never read as one. The space glyph draws nothing. A
 * line broken inside a word (after a hyphen or "/", or a word too long
 * for its column) gets none, so its word reads whole.
 */
static void p_line_end(struct pp_render_job *job, const struct pp_box *b,
		       const struct pp_line_info *li)
{
	struct pdf_doc *d = job->pdf;
	struct pdf_font *f = d->tail_font;
	d->tail_font = NULL;
	if (!f || d->tail_done)
		return;
	/* Pango leaves a paragraph's final break out of its last line. */
	const char *t = pp_box_text(b) + li->start;
	int n = li->length, last = n > 0 ? char_start(t, n - 1, n) : 0;
	size_t k = strspn(t + n, "\r\n");
	int word_end = (n > 0 && blank_text(t + last, n - last)) || k > 0 || t[n] == '\0' ||
		       blank_text(t + n, char_len(t, n, n + 3));
	if (li->line < b->first_line + b->n_lines - 1 && !word_end)
		return;
	unsigned space = pdf_font_nominal(f, ' ');
	long code = space && pdf_font_has_glyph(f, space) ? pdf_font_code(f, space, " ", 1) : -1;
	if (code < 0)
		return;
	op(d, "BT\n");
	if (d->gs.font != f || d->gs.font_size != d->tail_size) {
		pdf_buf_printf(&d->c, "/F%u ", pdf_font_id(f));
		num(d, d->tail_size);
		op(d, "Tf\n");
		d->gs.font = f;
		d->gs.font_size = d->tail_size;
	}
	op(d, "1 0 0 -1 ");
	num(d, d->tail_x);
	num(d, d->tail_y);
	pdf_buf_printf(&d->c, "Tm\n<%04X>Tj\nET\n", (unsigned)code);
	pdf_font_use(f, space);
}

static void p_turn_begin(struct pp_render_job *job, double x, double y, double degrees)
{
	struct pdf_doc *d = job->pdf;
	double a = -degrees * 3.14159265358979323846 / 180.0;
	double c = cos(a), s = sin(a);
	/* Exact for quarter turns, as cairo_rotate leaves them. */
	if (fabs(c) < 1e-12)
		c = 0;
	if (fabs(s) < 1e-12)
		s = 0;
	d->saved = d->gs;
	d->turned++;
	op(d, "q ");
	num(d, c);
	num(d, s);
	num(d, -s);
	num(d, c);
	num(d, x);
	num(d, y);
	op(d, "cm\n");
}

static void p_turn_end(struct pp_render_job *job)
{
	struct pdf_doc *d = job->pdf;
	op(d, "Q\n");
	d->turned--;
	d->gs = d->saved; /* Q restores what q saved */
}

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
static void p_image(struct pp_render_job *job, const struct pp_box *b)
{
	struct pdf_doc *d = job->pdf;
	if (!b->image || !b->image_data || b->w <= 0 || b->h <= 0)
		return;
	struct image_rec *im = image_of(d, b);
	double x, y, w, h;
	if (!im->obj || pp_image_fit(b, im->iw, im->ih, &x, &y, &w, &h) != 0)
		return;
	/* An image fills the unit square; a form is iw x ih points, y up. */
	op(d, "q ");
	num(d, im->form ? w / im->iw : w);
	op(d, "0 0 ");
	num(d, im->form ? -h / im->ih : -h);
	num(d, x);
	num(d, y + h);
	pdf_buf_printf(&d->c, "cm /Im%u Do Q\n", im->obj);
}

/* ---------- links and marks ---------------------------------------------- */

static int valid_node(const struct pp_render_job *job, const struct pp_snode *n)
{
	return n && n->id < job->pages->n_snodes;
}

/* Room in the per-node arrays for node `id`. */
static void grow_nodes(struct pdf_doc *d, unsigned id)
{
	if (id < d->cap_node)
		return;
	size_t old = d->cap_node, cap = old ? old : 1024;
	while (cap <= id)
		cap *= 2;
	d->node = pp_xrealloc(d->node, cap * sizeof *d->node);
	memset(d->node + old, 0, (cap - old) * sizeof *d->node);
	d->cap_node = cap;
}

static char *link_description(const struct pp_render_job *job, const struct pp_box *b);

static void p_link(struct pp_render_job *job, const struct pp_box *b)
{
	struct pdf_doc *d = job->pdf;
	unsigned id = d->link_ids++;
	const struct pp_pages *pages = job->pages;
	/* A whole document may link forward to a page not laid out yet. */
	if (!b->uri && !(b->dest_page >= 0 && (job->whole || ((size_t)b->dest_page < pages->n_pages &&
							       job->count == pages->n_pages))))
		return; /* a link to a page not in this file (a single-page render) */
	/* A link drawn without a node belongs to the document's root. */
	const struct pp_snode *n = valid_node(job, b->snode)	   ? b->snode
				   : valid_node(job, pages->root) ? pages->root
								  : NULL;
	unsigned *head = &d->loose_links;
	if (n) {
		grow_nodes(d, n->id);
		head = &d->node[n->id].link;
	}
	PP_GROW(d->links, d->n_links + 1, d->cap_links);
	d->links[d->n_links++] = (struct link_rec){
	    .x = b->x, .y = b->y, .w = b->w, .h = b->h,
	    .uri = b->uri ? pp_xstrdup(b->uri) : NULL,
	    .dest_page = b->dest_page,
	    .desc = link_description(job, b),
	    .page = (unsigned)(job->page - job->first), .annot = pdf_reserve(&d->w),
	    .id = id, .prev = *head};
	*head = (unsigned)d->n_links;
	if (!b->uri) {
		PP_GROW(d->dests, d->n_dests + 1, d->cap_dests);
		d->dests[d->n_dests++] =
		    (struct dest_rec){.page = b->dest_page, .y = b->dest_y, .id = id};
	}
}

/*
 * The first text of a contents entry or link node, for link descriptions
 * (link_description): one line, without a contents entry's dot leaders.
 * Only these roles: a long report has tens of thousands of other nodes.
 */
static void remember_text(struct pdf_doc *d, const struct pp_box *b)
{
	unsigned id = b->snode->id;
	if (b->kind != PP_BOX_TEXT ||
	    (b->snode->role != PP_ROLE_TOCI && b->snode->role != PP_ROLE_LINK))
		return;
	if (id >= d->cap_node_text) {
		size_t old = d->cap_node_text;
		PP_GROW(d->node_text, (size_t)id + 1, d->cap_node_text);
		memset(d->node_text + old, 0, (d->cap_node_text - old) * sizeof *d->node_text);
	}
	if (d->node_text[id])
		return;
	const char *t = pp_box_text(b);
	size_t k = strcspn(t, "\n\t");
	while (k > 0 && (t[k - 1] == ' ' || t[k - 1] == '.'))
		k--;
	if (k > 0)
		d->node_text[id] = pp_xstrndup(t, k);
}

static void p_mark_begin(struct pp_render_job *job, const struct pp_box *b)
{
	struct pdf_doc *d = job->pdf;
	d->box = NULL;
	if (!valid_node(job, b->snode)) {
		op(d, "/Artifact BMC\n");
		return;
	}
	d->box = b;
	pdf_buf_printf(&d->c, "/%s <</MCID %u>> BDC\n", pp_role_name(b->snode->role), d->mcid);
	unsigned id = b->snode->id;
	grow_nodes(d, id);
	PP_GROW(d->marks, d->n_marks + 1, d->cap_marks);
	d->marks[d->n_marks++] = (struct mark_rec){.node = id,
						   .page = (unsigned)(job->page - job->first),
						   .mcid = d->mcid++,
						   .prev = d->node[id].mark};
	d->node[id].mark = (unsigned)d->n_marks;
	remember_text(d, b);
}

static void p_mark_end(struct pp_render_job *job)
{
	job->pdf->box = NULL;
	op(job->pdf, "EMC\n");
}

static const struct pp_canvas pdf_canvas = {
    .rect = p_rect,
    .line = p_line,
    .glyphs = p_glyphs,
    .turn_begin = p_turn_begin,
    .turn_end = p_turn_end,
    .image = p_image,
    .link = p_link,
    .mark_begin = p_mark_begin,
    .mark_end = p_mark_end,
    .line_end = p_line_end,
};

/* ---------- pages -------------------------------------------------------- */

static void doc_free(struct pdf_doc *d)
{
	if (!d)
		return;
	pdf_writer_fini(&d->w);
	pdf_fonts_free(d->fonts);
	pdf_buf_free(&d->c);
	free(d->page);
	free(d->marks);
	for (size_t i = 0; i < d->n_links; i++) {
		free(d->links[i].uri);
		free(d->links[i].desc);
	}
	free(d->links);
	free(d->dests);
	for (size_t i = 0; i < d->cap_node_text; i++)
		free(d->node_text[i]);
	free(d->node_text);
	free(d->node);
	free(d->cl);
	free(d->code);
	free(d->gid);
	for (size_t i = 0; i < d->n_images; i++)
		free(d->images[i].path);
	free(d->images);
	free(d);
}

static int pdf_open(struct pp_render_job *job, double width, double height)
{
	(void)width;
	(void)height;
	struct pdf_doc *d = pp_xcalloc(1, sizeof *d);
	job->pdf = d;
	pdf_writer_init(&d->w, job->sink.write, job->sink.closure);
	/* Object and cross-reference streams: a tagged report is mostly small
	 * dictionaries, which then take a fraction of their plain size. */
	pdf_writer_compact(&d->w);
	d->fonts = pdf_fonts_new();
	/* Binary bytes in the comment: the file is not text. */
	pdf_puts(&d->w, "%PDF-1.7\n%\xB5\xED\xAE\xFB\n");
	d->pages_obj = pdf_reserve(&d->w);
	d->resources = pdf_reserve(&d->w);
	return 0;
}

static void pdf_begin_page(struct pp_render_job *job, size_t index, const struct pp_page *page)
{
	struct pdf_doc *d = job->pdf;
	d->c.len = 0;
	d->mcid = page_of(d, index - job->first)->mcid;
	d->page_links = d->n_links;
	d->gs = (struct gstate){.line_width = 1}; /* the PDF's initial state */
	/* y grows downwards, as in layout; q ... Q, as a page may have a
	 * second content stream (pdf_end_page). */
	op(d, "q 1 0 0 -1 0 ");
	num(d, page->height);
	op(d, "cm\n");
}

/* The page's content so far becomes a stream of its own; the page object is
 * written at the end, when every stream of the page is known. */
static void pdf_end_page(struct pp_render_job *job)
{
	struct pdf_doc *d = job->pdf;
	struct page_rec *pr = page_of(d, job->page - job->first);
	op(d, "Q\n");
	unsigned content = pdf_reserve(&d->w);
	pdf_stream(&d->w, content, NULL, d->c.data, d->c.len, 1);
	if (pr->n_content < 2)
		pr->content[pr->n_content++] = content;
	pr->mcid = d->mcid;
	/* A long page's buffer is not kept for the next. */
	if (d->c.cap > (4u << 20))
		pdf_buf_free(&d->c);
	if (d->w.failed) { /* the loop stops at a write failure */
		job->sink.failed = 1;
		job->sink.err = d->w.err;
	}
}

/* Every page object, with its content streams and link annotations. */
static void write_pages(struct pp_render_job *job)
{
	struct pdf_doc *d = job->pdf;
	/* The links of each page: their indexes, grouped by page in order. */
	size_t *at = pp_xcalloc(job->count + 1, sizeof *at);
	size_t *by_page = pp_xcalloc(d->n_links + 1, sizeof *by_page);
	for (size_t k = 0; k < d->n_links; k++)
		if (d->links[k].page < job->count)
			at[d->links[k].page + 1]++;
	for (size_t i = 0; i < job->count; i++)
		at[i + 1] += at[i];
	size_t *fill = pp_xcalloc(job->count + 1, sizeof *fill);
	for (size_t k = 0; k < d->n_links; k++)
		if (d->links[k].page < job->count)
			by_page[at[d->links[k].page] + fill[d->links[k].page]++] = k;
	struct pdf_buf b = {0};
	for (size_t rel = 0; rel < job->count; rel++) {
		const struct pp_page *pg = &job->pages->pages[job->first + rel];
		struct page_rec *pr = page_of(d, rel);
		b.len = 0;
		pdf_buf_printf(&b, "<</Type/Page/Parent %u 0 R/MediaBox [0 0 ", d->pages_obj);
		pdf_buf_num(&b, pg->width);
		pdf_buf_put(&b, " ", 1);
		pdf_buf_num(&b, pg->height);
		pdf_buf_printf(&b, "]/Resources %u 0 R/Contents ", d->resources);
		if (pr->n_content == 1)
			pdf_buf_printf(&b, "%u 0 R", pr->content[0]);
		else if (pr->n_content == 2)
			pdf_buf_printf(&b, "[%u 0 R %u 0 R]", pr->content[0], pr->content[1]);
		else
			pdf_buf_puts(&b, "[]");
		pdf_buf_printf(&b, "/StructParents %zu/Tabs/S", rel);
		if (at[rel + 1] > at[rel]) {
			pdf_buf_puts(&b, "/Annots [");
			for (size_t i = at[rel]; i < at[rel + 1]; i++)
				pdf_buf_printf(&b, "%s%u 0 R", i > at[rel] ? " " : "",
					       d->links[by_page[i]].annot);
			pdf_buf_puts(&b, "]");
		}
		pdf_buf_puts(&b, ">>");
		pdf_obj_begin(&d->w, pr->obj);
		pdf_put_buf(&d->w, &b);
		pdf_obj_end(&d->w);
	}
	pdf_buf_free(&b);
	free(fill);
	free(by_page);
	free(at);
}

/* ---------- the end of the file ------------------------------------------ */

/* Text a link can be described by: its own, else its node's text. */
static char *link_description(const struct pp_render_job *job, const struct pp_box *b)
{
	const struct pdf_doc *d = job->pdf;
	const struct pp_snode *n = valid_node(job, b->snode) ? b->snode : NULL;
	if (n && n->role == PP_ROLE_LINK && n->alt && *n->alt)
		return pp_xstrdup(n->alt);
	if (n && n->id < d->cap_node_text && d->node_text[n->id])
		return pp_xstrdup(d->node_text[n->id]);
	if (b->uri)
		return pp_xstrdup(b->uri);
	return pp_xasprintf("go to page %d", b->dest_page + 1);
}

/* A byte string as a literal: ( ) \ escaped, other bytes outside ASCII as octal. */
static void literal(struct pdf_buf *b, const char *s)
{
	pdf_buf_put(b, "(", 1);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '(' || *p == ')' || *p == '\\')
			pdf_buf_printf(b, "\\%c", *p);
		else if (*p < 0x20 || *p >= 0x7F)
			pdf_buf_printf(b, "\\%03o", *p);
		else
			pdf_buf_put(b, p, 1);
	}
	pdf_buf_put(b, ")", 1);
}

static void write_annots(struct pp_render_job *job)
{
	struct pdf_doc *d = job->pdf;
	for (size_t k = 0; k < d->n_links; k++) {
		const struct link_rec *l = &d->links[k];
		double ph = job->pages->pages[job->first + l->page].height;
		struct pdf_buf a = {0};
		pdf_buf_puts(&a, "<</Type/Annot/Subtype/Link/Rect[");
		double r[4] = {l->x, ph - l->y - l->h, l->x + l->w, ph - l->y};
		for (int i = 0; i < 4; i++) {
			if (i)
				pdf_buf_put(&a, " ", 1);
			pdf_buf_num(&a, r[i]);
		}
		pdf_buf_printf(&a, "]/Border[0 0 0]/P %u 0 R", page_obj(d, l->page));
		if (l->uri) {
			pdf_buf_puts(&a, "/A<</S/URI/URI");
			literal(&a, l->uri);
			pdf_buf_puts(&a, ">>");
		} else if ((size_t)l->dest_page < job->pages->n_pages) {
			pdf_buf_printf(&a, "/Dest(pp-dest-%u)", l->id);
		}
		pdf_buf_puts(&a, "/Contents");
		pdf_buf_text(&a, l->desc);
		pdf_buf_printf(&a, "/StructParent %zu>>", job->count + k);
		pdf_obj_begin(&d->w, l->annot);
		pdf_put_buf(&d->w, &a);
		pdf_obj_end(&d->w);
		pdf_buf_free(&a);
	}
}

/* ---------- the structure tree ------------------------------------------ */

static int keeps_empty(enum pp_role r)
{
	/* Table cells keep their place even when empty: a row must cover every column. */
	return r == PP_ROLE_TR || r == PP_ROLE_TH || r == PP_ROLE_TD;
}

/* A chain (mark_rec.prev or link_rec.prev) in drawing order. */
struct chain {
	unsigned *at;
	size_t n, cap;
};

static unsigned mark_prev(const struct pdf_doc *d, unsigned i)
{
	return d->marks[i].prev;
}

static unsigned link_prev(const struct pdf_doc *d, unsigned i)
{
	return d->links[i].prev;
}

/* The indexes along a chain from `head` (plus one), oldest first. */
static void chain_walk(const struct pdf_doc *d, unsigned head,
		       unsigned (*prev)(const struct pdf_doc *, unsigned), struct chain *c)
{
	c->n = 0;
	for (unsigned i = head; i; i = prev(d, i - 1)) {
		PP_GROW(c->at, c->n + 1, c->cap);
		c->at[c->n++] = i - 1;
	}
	for (size_t i = 0; i < c->n / 2; i++) {
		unsigned t = c->at[i];
		c->at[i] = c->at[c->n - 1 - i];
		c->at[c->n - 1 - i] = t;
	}
}

/*
 * Which nodes are in the tree: those with content drawn on these pages,
 * table rows and cells, and their ancestors; each gets its element's
 * number (kept if reserved already). A part written before the end
 * counts as it was then.
 */
static int place(const struct pp_render_job *job, const struct pp_snode *n)
{
	struct pdf_doc *d = job->pdf;
	if (d->node[n->id].done)
		return d->node[n->id].obj != 0;
	int content = d->node[n->id].mark || d->node[n->id].link;
	for (size_t i = 0; i < n->n_children; i++)
		if (valid_node(job, n->children[i]) && place(job, n->children[i]))
			content = 1;
	if (!content && !keeps_empty(n->role) && n != job->pages->root)
		return 0;
	if (!d->node[n->id].obj)
		d->node[n->id].obj = pdf_reserve(&d->w);
	return 1;
}

static void put_alt(struct pdf_buf *b, const char *key, const char *s)
{
	if (s && *s) {
		pdf_buf_puts(b, key);
		pdf_buf_text(b, s);
	}
}

/*
 * Element `self` for node n (NULL: a made-up Document) with marks and
 * links `marks_head` / `links_head`, then its own Link elements and its
 * children not written yet. Scratch chains are passed down to be reused.
 */
static void write_elem(const struct pp_render_job *job, const struct pp_snode *n, unsigned self,
		       unsigned parent, unsigned marks_head, unsigned links_head,
		       struct chain *marks, struct chain *links)
{
	struct pdf_doc *d = job->pdf;
	struct pdf_buf b = {0};
	enum pp_role role = n ? n->role : PP_ROLE_DOCUMENT;
	pdf_buf_printf(&b, "<</Type/StructElem/S/%s/P %u 0 R", pp_role_name(role), parent);
	chain_walk(d, marks_head, mark_prev, marks);
	unsigned pg = marks->n ? d->marks[marks->at[0]].page : 0;
	if (marks->n)
		pdf_buf_printf(&b, "/Pg %u 0 R", page_obj(d, pg));
	pdf_buf_puts(&b, "/K[");
	for (size_t i = 0; i < marks->n; i++) {
		const struct mark_rec *m = &d->marks[marks->at[i]];
		if (m->page == pg)
			pdf_buf_printf(&b, "%u ", m->mcid);
		else
			pdf_buf_printf(&b, "<</Type/MCR/Pg %u 0 R/MCID %u>> ", page_obj(d, m->page),
				       m->mcid);
	}
	/* A link is an OBJR of its own LINK node, else a Link element of its own. */
	chain_walk(d, links_head, link_prev, links);
	char *link_alt = NULL;
	for (size_t i = 0; i < links->n; i++) {
		struct link_rec *l = &d->links[links->at[i]];
		if (n && n->role == PP_ROLE_LINK) {
			l->elem = self;
			pdf_buf_printf(&b, "<</Type/OBJR/Obj %u 0 R/Pg %u 0 R>> ", l->annot,
				       page_obj(d, l->page));
			if (!link_alt)
				link_alt = pp_xstrdup(l->desc);
		} else {
			l->elem = pdf_reserve(&d->w);
			pdf_buf_printf(&b, "%u 0 R ", l->elem);
		}
	}
	for (size_t i = 0; n && i < n->n_children; i++) {
		const struct pp_snode *c = n->children[i];
		if (valid_node(job, c) && d->node[c->id].obj)
			pdf_buf_printf(&b, "%u 0 R ", d->node[c->id].obj);
	}
	if (b.data[b.len - 1] == ' ')
		b.len--;
	pdf_buf_puts(&b, "]");
	if (n && (role == PP_ROLE_TH || role == PP_ROLE_TD)) {
		pdf_buf_puts(&b, "/A<</O/Table");
		if (role == PP_ROLE_TH)
			pdf_buf_puts(&b, n->scope == PP_SCOPE_ROW ? "/Scope/Row" : "/Scope/Column");
		if (n->row_span > 1)
			pdf_buf_printf(&b, "/RowSpan %u", n->row_span);
		if (n->col_span > 1)
			pdf_buf_printf(&b, "/ColSpan %u", n->col_span);
		pdf_buf_puts(&b, ">>");
	}
	/* Figures, links, and matrix cells whose mark is a shape ("aligned"). */
	if (n && n->alt && *n->alt)
		put_alt(&b, "/Alt", n->alt);
	else
		put_alt(&b, "/Alt", link_alt);
	free(link_alt);
	if (n)
		put_alt(&b, "/Lang", n->lang);
	pdf_buf_puts(&b, ">>");
	pdf_obj_begin(&d->w, self);
	pdf_put_buf(&d->w, &b);
	pdf_obj_end(&d->w);
	pdf_buf_free(&b);

	/* This node's own Link elements, then its children. */
	for (size_t i = 0; i < links->n; i++) {
		const struct link_rec *l = &d->links[links->at[i]];
		if (l->elem == self)
			continue;
		struct pdf_buf e = {0};
		pdf_buf_printf(&e, "<</Type/StructElem/S/Link/P %u 0 R/K[<</Type/OBJR/Obj %u 0 R"
				   "/Pg %u 0 R>>]",
			       self, l->annot, page_obj(d, l->page));
		put_alt(&e, "/Alt", l->desc);
		pdf_buf_puts(&e, ">>");
		pdf_obj_begin(&d->w, l->elem);
		pdf_put_buf(&d->w, &e);
		pdf_obj_end(&d->w);
		pdf_buf_free(&e);
	}
	for (size_t i = 0; n && i < n->n_children; i++) {
		const struct pp_snode *c = n->children[i];
		if (valid_node(job, c) && d->node[c->id].obj && !d->node[c->id].done)
			write_elem(job, c, d->node[c->id].obj, self, d->node[c->id].mark,
				   d->node[c->id].link, marks, links);
	}
}

/*
 * Write a finished part of the tree now, so its nodes can be freed
 * (pp_page_sink.closed): every page with its content has been drawn.
 * Its parent's element number is reserved now, to be written at the end.
 * Returns 1 when the part is written (or has nothing to write), 0 to keep it.
 */
int pp_pdf_write_part(struct pp_render_job *job, const struct pp_snode *n)
{
	struct pdf_doc *d = job->pdf;
	if (!d || !valid_node(job, n) || !valid_node(job, n->parent) || n == job->pages->root)
		return 0;
	grow_nodes(d, job->pages->n_snodes);
	if (d->node[n->id].done || d->node[n->parent->id].done)
		return 0;
	if (place(job, n)) {
		if (!d->node[n->parent->id].obj)
			d->node[n->parent->id].obj = pdf_reserve(&d->w);
		struct chain marks = {0}, links = {0};
		write_elem(job, n, d->node[n->id].obj, d->node[n->parent->id].obj,
			   d->node[n->id].mark, d->node[n->id].link, &marks, &links);
		free(marks.at);
		free(links.at);
	}
	d->node[n->id].done = 1;
	return 1;
}

/*
 * The structure tree root, its elements not written yet, and the parent
 * tree. Returns the StructTreeRoot's number.
 */
static unsigned write_structure(struct pp_render_job *job)
{
	struct pdf_doc *d = job->pdf;
	const struct pp_pages *pages = job->pages;
	grow_nodes(d, pages->n_snodes);
	const struct pp_snode *top = valid_node(job, pages->root) ? pages->root : NULL;
	unsigned tree = pdf_reserve(&d->w), ptree = pdf_reserve(&d->w);
	unsigned root_obj;
	struct chain marks = {0}, links = {0};
	if (top) {
		place(job, top);
		root_obj = d->node[top->id].obj;
		write_elem(job, top, root_obj, tree, d->node[top->id].mark,
			   d->node[top->id].link, &marks, &links);
	} else {
		root_obj = pdf_reserve(&d->w);
		write_elem(job, NULL, root_obj, tree, 0, d->loose_links, &marks, &links);
	}
	free(marks.at);
	free(links.at);

	/* The parent tree: page i's MCIDs, then each annotation's element.
	 * Marks by page, in drawing order within a page, which is MCID
	 * order (a streamed page's running header and footer are drawn at
	 * the very end, and continue its MCIDs). */
	unsigned *at = pp_xcalloc(job->count + 2, sizeof *at);
	unsigned *order = pp_xmalloc((d->n_marks + 1) * sizeof *order);
	for (size_t i = 0; i < d->n_marks; i++)
		if (d->marks[i].page < job->count)
			at[d->marks[i].page + 1]++;
	for (size_t i = 0; i < job->count; i++)
		at[i + 1] += at[i];
	for (size_t i = 0; i < d->n_marks; i++)
		if (d->marks[i].page < job->count)
			order[at[d->marks[i].page]++] = (unsigned)i;
	struct pdf_buf b = {0};
	pdf_buf_puts(&b, "<</Nums[");
	size_t m = 0;
	for (size_t i = 0; i < job->count; i++) {
		pdf_buf_printf(&b, "%zu[", i);
		for (int first = 1; m < at[i]; m++, first = 0) {
			unsigned o = d->node[d->marks[order[m]].node].obj;
			if (o)
				pdf_buf_printf(&b, first ? "%u 0 R" : " %u 0 R", o);
			else
				pdf_buf_puts(&b, first ? "null" : " null");
		}
		pdf_buf_puts(&b, "]\n");
	}
	free(at);
	free(order);
	for (size_t k = 0; k < d->n_links; k++)
		pdf_buf_printf(&b, "%zu %u 0 R\n", job->count + k, d->links[k].elem);
	pdf_buf_puts(&b, "]>>");
	pdf_obj_begin(&d->w, ptree);
	pdf_put_buf(&d->w, &b);
	pdf_obj_end(&d->w);
	pdf_buf_free(&b);

	pdf_obj_begin(&d->w, tree);
	pdf_printf(&d->w, "<</Type/StructTreeRoot/K %u 0 R/ParentTree %u 0 R/ParentTreeNextKey %zu>>",
		   root_obj, ptree, job->count + d->n_links);
	pdf_obj_end(&d->w);
	return tree;
}

/*
 * The outline (bookmarks): entries are in document order with levels;
 * each is added under the nearest preceding entry of a lower level, so a
 * level that skips (1 then 3) still nests instead of failing. Top-level
 * entries are open. Returns the /Outlines number, or 0 when empty.
 */
struct ol_item {
	const struct pp_outline_entry *e;
	int parent, first, last, prev, next, kids;
	unsigned obj;
};

static unsigned write_outline(struct pp_render_job *job)
{
	struct pdf_doc *d = job->pdf;
	const struct pp_pages *pages = job->pages;
	if (job->count != pages->n_pages || pages->n_outline == 0)
		return 0;
	struct ol_item *it = pp_xcalloc(pages->n_outline + 1, sizeof *it);
	size_t n = 1; /* item 0 is the root */
	it[0] = (struct ol_item){.parent = -1, .first = -1, .last = -1, .prev = -1, .next = -1};
	int parents[7] = {0};
	int levels = 0;
	for (size_t i = 0; i < pages->n_outline; i++) {
		const struct pp_outline_entry *e = &pages->outline[i];
		if (!e->title || e->page < 0 || (size_t)e->page >= pages->n_pages)
			continue;
		int level = e->level < 1 ? 1 : e->level > 6 ? 6 : e->level;
		if (level > levels + 1)
			level = levels + 1;
		int p = parents[level - 1], self = (int)n++;
		it[self] = (struct ol_item){.e = e, .parent = p, .first = -1, .last = -1,
					    .prev = it[p].last, .next = -1};
		if (it[p].last >= 0)
			it[it[p].last].next = self;
		else
			it[p].first = self;
		it[p].last = self;
		it[p].kids++;
		parents[level] = self;
		levels = level;
	}
	if (n == 1) {
		free(it);
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		it[i].obj = pdf_reserve(&d->w);
	/* Visible entries: the root's children and those of open (top) ones. */
	int visible = it[0].kids;
	for (int c = it[0].first; c >= 0; c = it[c].next)
		visible += it[c].kids;
	for (size_t i = 0; i < n; i++) {
		struct pdf_buf b = {0};
		const struct ol_item *o = &it[i];
		if (i == 0) {
			pdf_buf_puts(&b, "<</Type/Outlines");
		} else {
			pdf_buf_puts(&b, "<</Title");
			pdf_buf_text(&b, o->e->title);
			double h = pages->pages[o->e->page].height;
			pdf_buf_printf(&b, "/Parent %u 0 R/Dest[%u 0 R/XYZ 0 ", it[o->parent].obj,
				       page_obj(d, o->e->page));
			pdf_buf_num(&b, h - o->e->y);
			pdf_buf_puts(&b, " 0]");
			if (o->prev >= 0)
				pdf_buf_printf(&b, "/Prev %u 0 R", it[o->prev].obj);
			if (o->next >= 0)
				pdf_buf_printf(&b, "/Next %u 0 R", it[o->next].obj);
		}
		if (o->first >= 0)
			pdf_buf_printf(&b, "/First %u 0 R/Last %u 0 R", it[o->first].obj,
				       it[o->last].obj);
		if (i == 0)
			pdf_buf_printf(&b, "/Count %d", visible);
		else if (o->kids)
			pdf_buf_printf(&b, "/Count %d", o->parent == 0 ? o->kids : -o->kids);
		pdf_buf_puts(&b, ">>");
		pdf_obj_begin(&d->w, it[i].obj);
		pdf_put_buf(&d->w, &b);
		pdf_obj_end(&d->w);
		pdf_buf_free(&b);
	}
	unsigned root = it[0].obj;
	free(it);
	return root;
}

struct named {
	char name[32];
	const struct dest_rec *dest;
};

static int named_cmp(const void *a, const void *b)
{
	return strcmp(((const struct named *)a)->name, ((const struct named *)b)->name);
}

/* The /Dests name tree (one node, names sorted as PDF requires), or 0. */
static unsigned write_dests(struct pp_render_job *job)
{
	struct pdf_doc *d = job->pdf;
	struct named *nm = pp_xcalloc(d->n_dests + 1, sizeof *nm);
	size_t n = 0;
	for (size_t i = 0; i < d->n_dests; i++) {
		if (d->dests[i].page < 0 || (size_t)d->dests[i].page >= job->count)
			continue; /* past the last page (write_annots gives it no /Dest) */
		snprintf(nm[n].name, sizeof nm[n].name, "pp-dest-%u", d->dests[i].id);
		nm[n++].dest = &d->dests[i];
	}
	if (n == 0) {
		free(nm);
		return 0;
	}
	qsort(nm, n, sizeof *nm, named_cmp);
	struct pdf_buf b = {0};
	pdf_buf_puts(&b, "<</Names[");
	for (size_t i = 0; i < n; i++) {
		const struct dest_rec *e = nm[i].dest;
		pdf_buf_printf(&b, "(%s)[%u 0 R/XYZ 0 ", nm[i].name, page_obj(d, e->page));
		pdf_buf_num(&b, job->pages->pages[e->page].height - e->y);
		pdf_buf_puts(&b, " 0]\n");
	}
	pdf_buf_printf(&b, "]/Limits[(%s)(%s)]>>", nm[0].name, nm[n - 1].name);
	unsigned obj = pdf_reserve(&d->w);
	pdf_obj_begin(&d->w, obj);
	pdf_put_buf(&d->w, &b);
	pdf_obj_end(&d->w);
	pdf_buf_free(&b);
	free(nm);
	return obj;
}

/* Text for XML: & < > " escaped. */
static void xml_text(struct pdf_buf *m, const char *s)
{
	for (; *s; s++) {
		const char *e = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;"
			      : *s == '"' ? "&quot;" : NULL;
		if (e)
			pdf_buf_puts(m, e);
		else
			pdf_buf_put(m, s, 1);
	}
}

/* XMP with what PDF/UA asks for: dc:title, dc:creator and pdfuaid:part 1. */
static unsigned write_xmp(struct pdf_doc *d, const char *title, const char *author,
			  const char *lang, const char *date)
{
	struct pdf_buf m = {0};
	pdf_buf_puts(&m, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
			 "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
			 "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
			 "<rdf:Description rdf:about=\"\"\n"
			 " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
			 " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
			 " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
			 " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
			 "<dc:format>application/pdf</dc:format>\n"
			 "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
	xml_text(&m, title);
	pdf_buf_puts(&m, "</rdf:li></rdf:Alt></dc:title>\n");
	if (author) {
		pdf_buf_puts(&m, "<dc:creator><rdf:Seq><rdf:li>");
		xml_text(&m, author);
		pdf_buf_puts(&m, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	pdf_buf_puts(&m, "<dc:language><rdf:Bag><rdf:li>");
	xml_text(&m, lang);
	pdf_buf_puts(&m, "</rdf:li></rdf:Bag></dc:language>\n"
			 "<xmp:CreatorTool>planpress</xmp:CreatorTool>\n");
	if (*date)
		pdf_buf_printf(&m, "<xmp:CreateDate>%s</xmp:CreateDate>\n"
				   "<xmp:ModifyDate>%s</xmp:ModifyDate>\n",
			       date, date);
	pdf_buf_puts(&m, "<pdf:Producer>planpress</pdf:Producer>\n"
			 "<pdfuaid:part>1</pdfuaid:part>\n"
			 "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
			 "<?xpacket end=\"w\"?>\n");
	unsigned obj = pdf_reserve(&d->w);
	/* Uncompressed: metadata readers need not inflate it. */
	pdf_stream(&d->w, obj, "/Type/Metadata/Subtype/XML", m.data, m.len, 0);
	pdf_buf_free(&m);
	return obj;
}

static int pdf_close(struct pp_render_job *job, int ok)
{
	struct pdf_doc *d = job->pdf;
	const struct pp_pages *pages = job->pages;
	int rc = -1;
	if (!ok || !d)
		goto out;
	write_pages(job);
	write_annots(job);
	unsigned tree = write_structure(job);
	pdf_fonts_write(d->fonts, &d->w);

	struct pdf_buf b = {0};
	pdf_buf_puts(&b, "<</Font<<");
	pdf_fonts_resources(d->fonts, &b);
	pdf_buf_puts(&b, ">>");
	if (d->n_images) {
		pdf_buf_puts(&b, "/XObject<<");
		for (size_t i = 0; i < d->n_images; i++)
			if (d->images[i].obj)
				pdf_buf_printf(&b, "/Im%u %u 0 R", d->images[i].obj,
					       d->images[i].obj);
		pdf_buf_puts(&b, ">>");
	}
	pdf_buf_puts(&b, "/ProcSet[/PDF/Text/ImageB/ImageC/ImageI]>>");
	pdf_obj_begin(&d->w, d->resources);
	pdf_put_buf(&d->w, &b);
	pdf_obj_end(&d->w);
	b.len = 0;

	pdf_buf_printf(&b, "<</Type/Pages/Count %zu/Kids[", job->count);
	for (size_t i = 0; i < job->count; i++)
		pdf_buf_printf(&b, i % 10 == 9 ? "%u 0 R\n" : "%u 0 R ", page_obj(d, i));
	pdf_buf_puts(&b, "]>>");
	pdf_obj_begin(&d->w, d->pages_obj);
	pdf_put_buf(&d->w, &b);
	pdf_obj_end(&d->w);
	b.len = 0;

	unsigned outline = write_outline(job), dests = write_dests(job);

	/* A document always has a title: the viewer shows it, not the file name. */
	const char *title = pages->title && *pages->title ? pages->title : "Untitled document";
	const char *lang = pages->lang && *pages->lang ? pages->lang : "en-GB";
	time_t t = job->opts->creation_time;
	struct tm tm;
	char pdfdate[32] = "", isodate[32] = "";
	if (gmtime_r(&t, &tm)) {
		strftime(pdfdate, sizeof pdfdate, "D:%Y%m%d%H%M%SZ", &tm);
		strftime(isodate, sizeof isodate, "%Y-%m-%dT%H:%M:%SZ", &tm);
	}
	unsigned xmp = write_xmp(d, title, pages->author, lang, isodate);

	unsigned info = pdf_reserve(&d->w);
	pdf_buf_puts(&b, "<</Title");
	pdf_buf_text(&b, title);
	if (pages->author) {
		pdf_buf_puts(&b, "/Author");
		pdf_buf_text(&b, pages->author);
	}
	pdf_buf_puts(&b, "/Creator(planpress)/Producer(planpress)");
	if (*pdfdate)
		pdf_buf_printf(&b, "/CreationDate(%s)/ModDate(%s)", pdfdate, pdfdate);
	pdf_buf_puts(&b, ">>");
	pdf_obj_begin(&d->w, info);
	pdf_put_buf(&d->w, &b);
	pdf_obj_end(&d->w);
	b.len = 0;

	unsigned catalog = pdf_reserve(&d->w);
	pdf_buf_printf(&b, "<</Type/Catalog/Pages %u 0 R/StructTreeRoot %u 0 R"
			   "/MarkInfo<</Marked true>>/Lang",
		       d->pages_obj, tree);
	pdf_buf_text(&b, lang);
	pdf_buf_printf(&b, "/ViewerPreferences<</DisplayDocTitle true>>/Metadata %u 0 R", xmp);
	if (outline)
		pdf_buf_printf(&b, "/Outlines %u 0 R/PageMode/UseOutlines", outline);
	if (dests)
		pdf_buf_printf(&b, "/Names<</Dests %u 0 R>>", dests);
	pdf_buf_puts(&b, ">>");
	pdf_obj_begin(&d->w, catalog);
	pdf_put_buf(&d->w, &b);
	pdf_obj_end(&d->w);
	pdf_buf_free(&b);

	rc = pdf_finish(&d->w, catalog, info);
out:
	if (d && d->w.failed) {
		job->sink.failed = 1;
		job->sink.err = d->w.err;
	}
	doc_free(d);
	job->pdf = NULL;
	return rc;
}

const struct pp_backend pp_backend_pdf = {
    .name = "pdf",
    .canvas = &pdf_canvas,
    .open = pdf_open,
    .begin_page = pdf_begin_page,
    .end_page = pdf_end_page,
    .close = pdf_close,
};
