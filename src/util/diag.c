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
 * Print `s` so that it cannot disguise itself or what follows it: control
 * characters (a newline in an attribute value would start a forged message
 * line) become C escapes, and C1 and bidirectional controls become
 * <U+XXXX> (pp_escape).
 */
/* `s` with control characters shown (pp_escape); caller frees. */
static char *printable(const char *s)
{
	size_t n = pp_escape(NULL, 0, s);
	char *text = pp_xmalloc(n + 1);
	pp_escape(text, n + 1, s);
	return text;
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
	if (pp_msg_severity(id) == PP_SEV_WARNING && already_given(d, id, &where, text)) {
		free(text);
		return;
	}
	PP_GROW(d->entries, d->n_entries + 1, d->cap);
	e = &d->entries[d->n_entries++];
	e->id = id;
	e->sev = pp_msg_severity(id);
	e->loc = where;
	e->text = text;
	if (e->sev == PP_SEV_ERROR)
		d->n_errors++;
	else if (e->sev == PP_SEV_WARNING)
		d->n_warnings++;

	if (!d->stream)
		return;
	/*
	 * Compiler form: file:line:col: severity: text. Drop line:col when
	 * unknown. The line is made whole first and written in one call:
	 * under `make -j` several runs share one stderr, and a line written
	 * in pieces came out interleaved with another run's.
	 */
	char *file = printable(e->loc.file ? e->loc.file : "planpress");
	char *said = printable(text);
	char at[48] = "";
	if (e->loc.file && e->loc.line && e->loc.col)
		snprintf(at, sizeof at, ":%u:%u", e->loc.line, e->loc.col);
	else if (e->loc.file && e->loc.line)
		snprintf(at, sizeof at, ":%u", e->loc.line);
	char *line = pp_xasprintf("%s%s: %s: %s\n", file, at, severity_word[e->sev], said);
	fwrite(line, 1, strlen(line), d->stream);
	fflush(d->stream);
	free(line);
	free(said);
	free(file);
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
	char *text = vformat(pp_msg_format(id), ap);
	va_end(ap);
	report(d, id, loc, text);
}
#pragma GCC diagnostic pop

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
