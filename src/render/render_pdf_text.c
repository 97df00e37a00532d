/* SPDX-License-Identifier: MIT */
/*
 * render_pdf_text.c - fonts and text: glyph runs as TJ arrays of the
 * subset fonts' codes (pdf_font.c), each glyph where layout put it, with
 * the text every reader extracts (ToUnicode, /ActualText, a space ending
 * each word's line).
 *
 * Invariant: every drawn glyph maps to its own text, or its cluster is
 * drawn inside /ActualText.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pango.h>

#include "alloc.h"
#include "pdf_font.h"
#include "pdf_write.h"
#include "render_pdf.h"

/* Per byte, what follows the backslash that escapes it in a literal
 * string (0: the byte stands as it is). */
static const char escaped[256] = {
    ['('] = '(', [')'] = ')', ['\\'] = '\\', ['\r'] = 'r', ['\n'] = 'n'};

/*
 * A glyph's two-byte code in a literal string: its bytes as they are,
 * half the size of hex digits (the content stream is compressed, so
 * binary costs nothing), with the delimiters and the backslash escaped
 * and end-of-line bytes written as escapes (a reader would turn a bare CR
 * into LF).
 */
static void put_code(struct pdf_buf *c, unsigned code)
{
	if (c->cap - c->len < 4)
		pdf_buf_grow(c, 4);
	unsigned char *p = c->data + c->len;
	for (int shift = 8; shift >= 0; shift -= 8) {
		unsigned char b = (unsigned char)(code >> shift);
		if (escaped[b]) {
			*p++ = '\\';
			*p++ = (unsigned char)escaped[b];
		} else {
			*p++ = b;
		}
	}
	c->len = (size_t)(p - c->data);
}

/* End a TJ array ("[" just opened and empty: take it back). */
static void end_tj(struct pdf_doc *d, int *in_str)
{
	if (*in_str)
		pdf_op(d, ")");
	*in_str = 0;
	if (d->c.len && d->c.data[d->c.len - 1] == '[')
		d->c.len--;
	else
		pdf_op(d, "]TJ\n");
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
 * The common run, quickly: left to right, each glyph the cluster of one
 * ASCII character, drawn, or a space that line filling left without a
 * glyph. Gives what map_run's general steps give for such a run, asking
 * pdf_font_code() in the same order (its codes depend on it): each glyph
 * a cluster of its own with its character as its text, a space its
 * font's space glyph, and a glyph no code can carry drawn by its id in
 * /ActualText. Returns the number of clusters, or -1 (having asked for no
 * code) when the run is of another kind.
 */
static int map_simple_run(struct pdf_doc *d, struct pdf_font *f, const struct pp_glyph_run *r,
			  unsigned space)
{
	const PangoGlyphString *gs = r->glyphs;
	const char *text = r->text + r->offset;
	int n = gs->num_glyphs;
	if (r->rtl)
		return -1;
	int space_ok = space && pdf_font_has_glyph(f, space);
	for (int i = 0; i < n; i++) {
		int b = gs->log_clusters[i];
		int end = i + 1 < n ? gs->log_clusters[i + 1] : r->length;
		if (b < 0 || end != b + 1 || (unsigned char)text[b] >= 0x80)
			return -1;
		if (!drawable(f, gs->glyphs[i].glyph) && (!space_ok || text[b] != ' '))
			return -1;
	}
	for (int i = 0; i < n; i++) {
		int b = gs->log_clusters[i];
		unsigned g = gs->glyphs[i].glyph;
		struct cluster c = {i, i + 1, b, b + 1, 1, 0, 0};
		if (!drawable(f, g)) {
			g = space;
			c.space = 1;
		}
		long code = pdf_font_code(f, g, text + b, 1);
		if (code < 0) {
			c.actual = 1;
			code = g;
		}
		d->gid[i] = g;
		d->code[i] = code;
		d->cl[i] = c;
	}
	return n;
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
	int simple = map_simple_run(d, f, r, space);
	if (simple >= 0)
		return simple;
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
	 * marked content (pdf_glyphs). */
	if (r->rtl)
		d->hyphen = -1;
	for (int i = d->hyphen + 1; d->hyphen >= 0 && i < n; i++)
		if (d->code[i] >= 0)
			d->hyphen = -1;
	return nc;
}


/*
 * A glyph run as text: codes in TJ arrays, each glyph placed where
 * layout put it. The PDF moves the pen by the width /W states; where that
 * differs from the run's advance (kerning, rounding) by more than 1/200
 * point, or a glyph has an offset, a TJ adjustment puts the pen exactly
 * at the glyph's place. Vertical offsets (marks) use the text rise.
 *
 * Each run is a text object of its own, placed by an absolute Tm, even a
 * cell's next line: continuing the last text object with a relative Td
 * would save about 20 bytes a line (2% of the indicator report's file),
 * but what readers extract depends on text objects, not only on where
 * glyphs stand. MuPDF starts a block of text at each text object, so a
 * cell's lines ("Data not yet" / "validated") lose the blank line between
 * them, and poppler's plain text puts some lines of long paragraphs in
 * another order, even where every word's box and every pixel is the same.
 */
void pdf_glyphs(struct pp_render_job *job, const struct pp_glyph_run *r, double x,
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
	pdf_set_fill(d, colour);
	pdf_op(d, "BT\n");
	if (d->gs.font != f || d->gs.font_size != size) {
		pdf_buf_printf(&d->c, "/F%u ", pdf_font_id(f));
		pdf_num(d, size);
		pdf_op(d, "Tf\n");
		d->gs.font = f;
		d->gs.font_size = size;
	}
	pdf_op(d, "1 0 0 -1 ");
	pdf_num(d, x);
	pdf_num(d, baseline);
	pdf_op(d, "Tm\n[");
	double pen = 0; /* where the PDF's pen is, points from x */
	int pos = 0, in_str = 0, risen = 0, k = 0;
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
			end_tj(d, &in_str);
			pdf_op(d, "/Span <</ActualText <FEFF");
			pdf_buf_utf16_hex(&d->c, r->text + r->offset + c->b0, (size_t)(c->b1 - c->b0));
			pdf_op(d, ">>> BDC\n[");
		}
		if (d->code[i] >= 0 && i != hyphen) {
			int rise = g->geometry.y_offset;
			if (rise != risen) {
				/* Ts cannot stand in a TJ array: close it and reopen. */
				end_tj(d, &in_str);
				pdf_num(d, -(double)rise / PANGO_SCALE);
				pdf_op(d, "Ts\n[");
				risen = rise;
			}
			double off = pen - target;
			if (off > 0.005 || off < -0.005) {
				double adj = round(off * 1000.0 / size * 1000.0) / 1000.0;
				if (in_str)
					pdf_op(d, ")");
				in_str = 0;
				pdf_buf_num(&d->c, adj);
				pen -= adj * size / 1000.0;
			}
			if (!in_str)
				pdf_op(d, "(");
			in_str = 1;
			unsigned gid = d->gid[i];
			put_code(&d->c, (unsigned)d->code[i]);
			pdf_font_use(f, gid);
			pen += pdf_font_width(f, gid) * size / 1000.0;
			last_space = gid == space;
		}
		if (c && c->actual && i == c->g1 - 1) {
			end_tj(d, &in_str);
			pdf_op(d, "EMC\n[");
		}
	}
	end_tj(d, &in_str);
	if (risen)
		pdf_op(d, "0 Ts\n");
	pdf_op(d, "ET\n");
	d->tail_font = f;
	d->tail_size = size;
	d->tail_x = x + pen;
	d->tail_y = baseline;
	d->tail_done = last_space;
	d->tail_end = d->c.len;
	if (hyphen >= 0) {
		/* Out of the box's marked content and back into a new one of
		 * the same node; no artifact may stand inside tagged content. */
		const struct pp_box *b = d->box;
		pdf_op(d, "EMC\n/Artifact BMC\nBT\n1 0 0 -1 ");
		pdf_num(d, x + hyphen_x);
		pdf_num(d, baseline);
		unsigned code = (unsigned)d->code[hyphen];
		pdf_buf_printf(&d->c, "Tm\n<%04X>Tj\nET\nEMC\n", code);
		pdf_font_use(f, d->gid[hyphen]);
		pdf_mark_begin(job, b);
		d->tail_done = 1;
	}
}

/*
 * The end of a drawn line that ends a word (its text ends in white space
 * or a line break, or it is the box's last line): unless it ends in white
 * space drawn already, a space glyph (text " ") after its last glyph, so
 * every reader ends a word there, lines of one cell are apart in the
 * structure tree ("CO1" above "1-6", not "CO11-6"), and words of two
 * narrow columns are never read as one. The space glyph draws nothing;
 * it ends the last run's TJ string when it can, else stands in a text
 * object of its own at the pen's place. A
 * line broken inside a word (after a hyphen or "/", or a word too long
 * for its column) gets none, so its word reads whole.
 */
void pdf_line_end(struct pp_render_job *job, const struct pp_box *b,
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
	/* Nothing drawn since the line's last run ended its TJ array with a
	 * string (no rise to undo, no /ActualText closed): the space goes at
	 * the end of that string, where the pen already stands. */
	static const char close[] = ")]TJ\nET\n";
	size_t m = sizeof close - 1;
	if (d->c.len == d->tail_end && d->c.len >= m &&
	    memcmp(d->c.data + d->c.len - m, close, m) == 0) {
		d->c.len -= m;
		put_code(&d->c, (unsigned)code);
		pdf_buf_put(&d->c, close, m);
		pdf_font_use(f, space);
		return;
	}
	pdf_op(d, "BT\n");
	if (d->gs.font != f || d->gs.font_size != d->tail_size) {
		pdf_buf_printf(&d->c, "/F%u ", pdf_font_id(f));
		pdf_num(d, d->tail_size);
		pdf_op(d, "Tf\n");
		d->gs.font = f;
		d->gs.font_size = d->tail_size;
	}
	pdf_op(d, "1 0 0 -1 ");
	pdf_num(d, d->tail_x);
	pdf_num(d, d->tail_y);
	pdf_buf_printf(&d->c, "Tm\n<%04X>Tj\nET\n", (unsigned)code);
	pdf_font_use(f, space);
}
