/* SPDX-License-Identifier: MIT */
/*
 * text_check.c - what a measured text must keep, checked (text.h): the
 * invariants text_fill.c promises, and, when PP_TEXT_CHECK names a file,
 * one line per text saying whether they hold and how its breaks compare
 * with PangoLayout's (tests/text/ runs a corpus this way).
 *
 * The checks use only the text's own lines and glyphs and the break
 * opportunities of pango_default_break(), never the code that made the
 * lines, so they judge both paths alike.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "text.h"

/* Per byte of the text (and its end): flags of the character starting
 * there (0 inside a character). */
enum { B_LINE = 1, B_CHAR = 2, B_WHITE = 4, B_START = 8 };

static unsigned char *byte_flags(const char *text, int len)
{
	unsigned char *fl = pp_xcalloc((size_t)len + 1, 1);
	PangoLogAttr *a = NULL;
	size_t cap = 0;
	for (int p = 0; p <= len;) {
		const char *nl = memchr(text + p, '\n', (size_t)(len - p));
		int end = nl ? (int)(nl - text) : len;
		int n = (int)g_utf8_strlen(text + p, end - p);
		PP_GROW(a, (size_t)n + 1, cap);
		memset(a, 0, ((size_t)n + 1) * sizeof *a);
		pango_default_break(text + p, end - p, NULL, a, n + 1);
		const char *q = text + p;
		for (int i = 0; i <= n; i++) {
			int b = (int)(q - text);
			fl[b] |= B_START | (a[i].is_line_break ? B_LINE : 0) |
			         (a[i].is_char_break ? B_CHAR : 0) |
			         (a[i].is_white ? B_WHITE : 0);
			if (i < n)
				q = g_utf8_next_char(q);
		}
		p = end + 1;
	}
	free(a);
	return fl;
}

__attribute__((format(printf, 3, 4))) static const char *say(char *buf, size_t size,
							      const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return buf;
}

/* Is there a flag `bit` at a character start strictly inside (a, z)? */
static int any_inside(const unsigned char *fl, int a, int z, int bit)
{
	for (int b = a + 1; b < z; b++)
		if ((fl[b] & B_START) && (fl[b] & bit))
			return 1;
	return 0;
}

const char *text_check(PangoLayout *l, const struct pp_text *t, char *buf, size_t size)
{
	const char *text = pango_layout_get_text(l);
	if (strcmp(text, t->text) != 0)
		return "the text is not the layout's";
	int len = t->length, width = pango_layout_get_width(l);
	PangoWrapMode wrap = pango_layout_get_wrap(l);
	unsigned char *fl = byte_flags(text, len);
	PangoGlyphString *gs = pango_glyph_string_new();
	const char *bad = NULL;
	int pos = 0;
	for (int i = 0; i < t->n_lines && !bad; i++) {
		const struct pp_text_line *ln = &t->lines[i];
		int s = ln->start, e = ln->start + ln->length;
		if (s != pos && !(pos < len && text[pos] == '\n' && s == pos + 1)) {
			bad =
			    say(buf, size, "line %d starts at byte %d, not %d", i + 1, s, pos);
			break;
		}
		if (e > len || ln->length < 0) {
			bad = say(buf, size, "line %d ends past the text", i + 1);
			break;
		}
		int wrapped = e < len && text[e] != '\n';
		if (wrapped && !(fl[e] & B_LINE)) {
			/* a break inside a word: only a word that does not fit
			 * alone, with character wrapping */
			if (wrap == PANGO_WRAP_WORD || !(fl[e] & B_CHAR) ||
			    any_inside(fl, s, e, B_LINE))
				bad =
				    say(buf, size, "line %d ends at byte %d, not a legal break",
				        i + 1, e);
		}
		/* runs cover the line; glyph clusters lie in their runs */
		int covered = 0;
		int64_t ink = 0;
		int ink_end = e;
		while (ink_end > s) {
			int b = (int)(g_utf8_prev_char(text + ink_end) - text);
			if (!(fl[b] & B_WHITE))
				break;
			ink_end = b;
		}
		for (uint32_t k = 0; k < ln->n_runs && !bad; k++) {
			const struct pp_text_run *r = &t->runs[ln->run0 + k];
			if (r->offset < s || r->offset + r->length > e)
				bad = say(buf, size, "line %d: a run outside it", i + 1);
			covered += r->length;
			text_run_glyphs(t, r, gs);
			for (int g = 0; g < gs->num_glyphs && !bad; g++) {
				int c = gs->log_clusters[g];
				if (c < 0 || (c >= r->length && r->length > 0))
					bad = say(buf, size, "line %d: a glyph outside its run",
					          i + 1);
				if (r->offset + c < ink_end)
					ink += gs->glyphs[g].geometry.width;
			}
		}
		if (!bad && covered != ln->length)
			bad = say(buf, size, "line %d: runs cover %d of its %d bytes", i + 1,
			          covered, ln->length);
		if (!bad && width >= 0 && ink > width) {
			int lone = wrap == PANGO_WRAP_WORD
			               ? !any_inside(fl, s, ink_end, B_LINE)
			               : !any_inside(fl, s, ink_end, B_CHAR);
			if (!lone)
				bad = say(buf, size, "line %d is %.2f pt wide, more than %.2f",
				          i + 1, (double)ink / PANGO_SCALE,
				          (double)width / PANGO_SCALE);
		}
		pos = e;
	}
	if (!bad && pos != len)
		bad = say(buf, size, "the lines end at byte %d of %d", pos, len);
	pango_glyph_string_free(gs);
	free(fl);
	return bad;
}

/* ---------- the record --------------------------------------------------- */

static FILE *record_file(void)
{
	static gsize once;
	static FILE *out;
	if (g_once_init_enter(&once)) {
		const char *path = getenv("PP_TEXT_CHECK");
		if (path && *path)
			out = fopen(path, "a");
		g_once_init_leave(&once, 1);
	}
	return out;
}

/*
 * How t's lines compare with PangoLayout's for l: "same", or the first
 * line that differs and why. Pango 1.50 shows a hyphen where it breaks
 * inside a word (which takes room, so such a line holds a character less);
 * the fast path does not.
 */
static const char *compare(PangoLayout *l, const struct pp_text *t, char *buf, size_t size,
                           char *pbuf, size_t psize, const char **pango_bad)
{
	struct pp_text *ref = text_from_layout(l);
	*pango_bad = text_check(l, ref, pbuf, psize);
	unsigned char *fl = byte_flags(t->text, t->length);
	const char *r = "same";
	int n = t->n_lines < ref->n_lines ? t->n_lines : ref->n_lines;
	for (int i = 0; i < n; i++) {
		const struct pp_text_line *a = &t->lines[i], *b = &ref->lines[i];
		int ea = a->start + a->length, eb = b->start + b->length;
		int inside = (ea < t->length && !(fl[ea] & B_LINE) && t->text[ea] != '\n') ||
		             (eb < t->length && !(fl[eb] & B_LINE) && t->text[eb] != '\n');
		if (ea == eb && a->width == b->width && a->x == b->x &&
		    a->height == b->height && a->baseline == b->baseline)
			continue;
		if (inside)
			r = "word broken inside: Pango adds a hyphen";
		else if (ea != eb)
			r = say(buf, size, "breaks %s than Pango's",
			        ea < eb ? "earlier" : "later");
		else
			r = "same breaks, other metrics";
		break;
	}
	if (!strcmp(r, "same") &&
	    (t->n_lines != ref->n_lines || t->width != ref->width || t->height != ref->height))
		r = "same breaks, other metrics";
	free(fl);
	pp_text_unref(ref);
	return r;
}

int text_check_wanted(void)
{
	return record_file() != NULL;
}

void text_check_record(PangoLayout *l, const struct pp_text *t, const char *why_not_fast)
{
	FILE *out = record_file();
	if (!out)
		return;
	char buf[160], cbuf[80], pbuf[160];
	const char *bad = text_check(l, t, buf, sizeof buf);
	const char *pango_bad = NULL;
	const char *cmp =
	    t->fast ? compare(l, t, cbuf, sizeof cbuf, pbuf, sizeof pbuf, &pango_bad) : "same";
	/* the start of the text, on one line */
	char head[61];
	int n = 0;
	for (const char *p = t->text; *p && n < 60; p++)
		head[n++] = (*p == '\n' || *p == '\t') ? ' ' : *p;
	while (n > 0 && (head[n - 1] & 0xc0) == 0x80)
		n--; /* no cut character */
	if (n > 0 && (unsigned char)head[n - 1] >= 0xc0)
		n--;
	head[n] = '\0';
	static GMutex lock;
	g_mutex_lock(&lock);
	fprintf(out, "%s%s\t%s%s\t%s\t%s%s\t%d\t%s\n", t->fast ? "fast" : "pango: ",
	        t->fast ? "" : (why_not_fast ? why_not_fast : "?"), bad ? "FAIL: " : "ok",
	        bad ? bad : "", cmp, pango_bad ? "pango FAIL: " : "pango ok",
	        pango_bad ? pango_bad : "", t->n_lines, head);
	fflush(out);
	g_mutex_unlock(&lock);
}
