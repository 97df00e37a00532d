/* SPDX-License-Identifier: MIT */
/*
 * diag.c - the single sink for user-facing messages. Keeps every message
 * (tests assert IDs) and prints each in compiler form as it arrives.
 */
#include "planpress/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

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

static void report(struct pp_diags *d, enum pp_msg id, const struct pp_loc *loc,
		   char *text)
{
	struct pp_diag_entry *e;
	PP_GROW(d->entries, d->n_entries + 1, d->cap);
	e = &d->entries[d->n_entries++];
	e->id = id;
	e->sev = catalogue[id].sev;
	e->loc = loc ? *loc : (struct pp_loc){0};
	e->text = text;
	if (e->sev == PP_SEV_ERROR)
		d->n_errors++;
	else if (e->sev == PP_SEV_WARNING)
		d->n_warnings++;

	if (!d->stream)
		return;
	/* Compiler form: file:line:col: severity: text. Drop line:col when unknown. */
	if (e->loc.file && e->loc.line && e->loc.col)
		fprintf(d->stream, "%s:%u:%u: ", e->loc.file, e->loc.line, e->loc.col);
	else if (e->loc.file && e->loc.line)
		fprintf(d->stream, "%s:%u: ", e->loc.file, e->loc.line);
	else if (e->loc.file)
		fprintf(d->stream, "%s: ", e->loc.file);
	else
		fputs("planpress: ", d->stream);
	fprintf(d->stream, "%s: %s\n", severity_word[e->sev], text);
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
