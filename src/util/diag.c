/* SPDX-License-Identifier: MIT */
/*
 * diag.c - the single sink for user-facing messages. Keeps every message
 * (tests assert IDs) and prints each in compiler form as it arrives.
 */
#define _XOPEN_SOURCE 700 /* getrlimit */

#include "planpress/diag.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "alloc.h"

struct catalogue_entry {
	const char *name;
	enum pp_severity sev;
	const char *fmt;
};

static const struct catalogue_entry catalogue[PP_MSG_COUNT] = {
#define PP_DIAG_ROW(id, sev, fmt) [id] = {#id, sev, fmt},
	PP_DIAG_CATALOGUE(PP_DIAG_ROW)
#undef PP_DIAG_ROW
};

static const char *const severity_word[] = {
	[PP_SEV_NOTE] = "note",
	[PP_SEV_WARNING] = "warning",
	[PP_SEV_ERROR] = "error",
};

void pp_diags_init(struct pp_diags *d, FILE *stream)
{
	memset(d, 0, sizeof *d);
	d->stream = stream;
}

void pp_diags_fini(struct pp_diags *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n_entries; i++)
		free(d->entries[i].text);
	free(d->entries);
	memset(d, 0, sizeof *d);
}

/*
 * The length of the UTF-8 sequence at `p` and its code point, or 0 when
 * the bytes there are not one well-formed sequence (overlong, surrogate,
 * cut short, a stray continuation byte).
 */
static size_t utf8_decode(const unsigned char *p, unsigned *cp)
{
	size_t len;
	unsigned c, min;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	} else if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		len = 2, c = p[0] & 0x1Fu, min = 0x80;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		len = 3, c = p[0] & 0x0Fu, min = 0x800;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		len = 4, c = p[0] & 0x07u, min = 0x10000;
	} else {
		return 0;
	}
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0; /* also stops at the terminating NUL */
		c = c << 6 | (p[i] & 0x3Fu);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* Code points that are shown, not obeyed: C1 controls, the bidirectional
 * controls (which reorder the rest of a terminal line) and the Unicode
 * line and paragraph separators. */
static int is_hidden(unsigned cp)
{
	return (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	       (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

size_t pp_escape(char *dst, size_t cap, const char *s)
{
	size_t n = 0, written = 0;
	int full = 0;
	char piece[16];
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		unsigned cp;
		size_t len = utf8_decode(p, &cp);
		const char *out = piece;
		size_t out_len;
		if (len == 0) {
			/* Not UTF-8 (a file name from the command line): a lone
			 * 0x9B would be a terminal's 8-bit CSI. */
			out_len = (size_t)snprintf(piece, sizeof piece, "\\x%02X", *p);
			len = 1;
		} else if (cp == '\n') {
			out = "\\n", out_len = 2;
		} else if (cp == '\t') {
			out = "\\t", out_len = 2;
		} else if (cp < 0x20 || cp == 0x7F) {
			out_len = (size_t)snprintf(piece, sizeof piece, "\\x%02X", cp);
		} else if (is_hidden(cp)) {
			out_len = (size_t)snprintf(piece, sizeof piece, "<U+%04X>", cp);
		} else {
			out = (const char *)p, out_len = len;
		}
		/* Whole pieces only: a cut never splits a character or an escape. */
		if (!full && n + out_len < cap) {
			memcpy(dst + n, out, out_len);
			written = n + out_len;
		} else {
			full = 1; /* keep counting */
		}
		n += out_len;
		p += len;
	}
	if (cap)
		dst[written] = '\0';
	return n;
}

/*
 * Print `s` so that it cannot disguise itself or what follows it: control
 * characters (a newline in an attribute value would start a forged message
 * line) become C escapes, and C1 and bidirectional controls become
 * <U+XXXX> (pp_escape).
 */
static void put_printable(const char *s, FILE *out)
{
	size_t n = pp_escape(NULL, 0, s);
	char *text = pp_xmalloc(n + 1);
	pp_escape(text, n + 1, s);
	fputs(text, out);
	free(text);
}

static int same_loc(const struct pp_loc *a, const struct pp_loc *b)
{
	return a->line == b->line && a->col == b->col &&
	       (a->file == b->file || (a->file && b->file && strcmp(a->file, b->file) == 0));
}

/*
 * Has this warning been given already? A template is loaded for each
 * document of a plan, and its warnings (a missing logo) would otherwise
 * print once per document. Errors end the run and notes belong to the
 * error before them, so neither is searched.
 */
static int already_given(const struct pp_diags *d, enum pp_msg id, const struct pp_loc *loc,
			 const char *text)
{
	for (size_t i = 0; i < d->n_entries; i++) {
		const struct pp_diag_entry *e = &d->entries[i];
		if (e->id == id && same_loc(&e->loc, loc) && strcmp(e->text, text) == 0)
			return 1;
	}
	return 0;
}

static void report(struct pp_diags *d, enum pp_msg id, const struct pp_loc *loc,
		   char *text)
{
	struct pp_diag_entry *e;
	struct pp_loc where = loc ? *loc : (struct pp_loc){0};
	if (catalogue[id].sev == PP_SEV_WARNING && already_given(d, id, &where, text)) {
		free(text);
		return;
	}
	PP_GROW(d->entries, d->n_entries + 1, d->cap);
	e = &d->entries[d->n_entries++];
	e->id = id;
	e->sev = catalogue[id].sev;
	e->loc = where;
	e->text = text;
	if (e->sev == PP_SEV_ERROR)
		d->n_errors++;
	else if (e->sev == PP_SEV_WARNING)
		d->n_warnings++;

	if (!d->stream)
		return;
	/* Compiler form: file:line:col: severity: text. Drop line:col when unknown. */
	put_printable(e->loc.file ? e->loc.file : "planpress", d->stream);
	if (e->loc.file && e->loc.line && e->loc.col)
		fprintf(d->stream, ":%u:%u", e->loc.line, e->loc.col);
	else if (e->loc.file && e->loc.line)
		fprintf(d->stream, ":%u", e->loc.line);
	fprintf(d->stream, ": %s: ", severity_word[e->sev]);
	put_printable(text, d->stream);
	putc('\n', d->stream);
}

/* Format into a new string; `ap` is consumed. */
__attribute__((format(printf, 1, 0))) static char *vformat(const char *fmt, va_list ap)
{
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	char *text = pp_xmalloc(n > 0 ? (size_t)n + 1 : 1);
	text[0] = '\0';
	if (n > 0)
		vsnprintf(text, (size_t)n + 1, fmt, again);
	va_end(again);
	return text;
}

void pp_diag(struct pp_diags *d, enum pp_msg id, const struct pp_loc *loc, const char *fmt,
	     ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = vformat(fmt, ap);
	va_end(ap);
	report(d, id, loc, text);
}

/*
 * The format comes from the catalogue, not a literal, so the compiler
 * cannot check the arguments here; the catalogue's formats are covered by
 * the unit tests, which format every message.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
void pp_diagf(struct pp_diags *d, enum pp_msg id, const struct pp_loc *loc, ...)
{
	va_list ap;
	va_start(ap, loc);
	char *text = vformat(catalogue[id].fmt, ap);
	va_end(ap);
	report(d, id, loc, text);
}
#pragma GCC diagnostic pop

const char *pp_msg_format(enum pp_msg id)
{
	return catalogue[id].fmt;
}

enum pp_severity pp_msg_severity(enum pp_msg id)
{
	return catalogue[id].sev;
}

const char *pp_msg_name(enum pp_msg id)
{
	return catalogue[id].name;
}

size_t pp_diags_count(const struct pp_diags *d, enum pp_msg id)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n_entries; i++)
		n += d->entries[i].id == id;
	return n;
}

const char *pp_errno_text(int err)
{
	static _Thread_local char buf[192];
	struct rlimit lim;
	snprintf(buf, sizeof buf, "%s", strerror(err));
	/* "No such file" but not "I/O error" or "EOF": only a capital then a small letter. */
	if (isupper((unsigned char)buf[0]) && islower((unsigned char)buf[1]))
		buf[0] = (char)tolower((unsigned char)buf[0]);
	/* "File too large" alone does not say that the limit is the user's. */
	if (err == EFBIG && getrlimit(RLIMIT_FSIZE, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY) {
		size_t n = strlen(buf);
		snprintf(buf + n, sizeof buf - n,
			 " (the file-size limit, ulimit -f, is %llu bytes)",
			 (unsigned long long)lim.rlim_cur);
	}
	return buf;
}
