/* SPDX-License-Identifier: MIT */
/*
 * alloc.c - the pp_xmalloc family: report and exit(3) when memory runs
 * out, naming what the run was doing (pp_set_activity).
 */
#define _POSIX_C_SOURCE 200809L /* strnlen */

#include "alloc.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "planpress/diag.h"

/* Escaped already, so reporting needs no memory. */
static char activity[512] = "starting";
static void (*fatal_hook)(void);
/* Set by the first thread that reports memory running out. */
static atomic_int reporting;
static _Thread_local int reporting_here;

void pp_set_activity(const char *fmt, ...)
{
	char raw[sizeof activity];
	va_list ap;
	if (!fmt) {
		strcpy(activity, "finishing");
		return;
	}
	va_start(ap, fmt);
	int n = vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	size_t need = pp_escape(activity, sizeof activity, raw);
	/* Say so when either step cut the text. */
	if ((n > 0 && (size_t)n >= sizeof raw) || need >= sizeof activity) {
		size_t at = strlen(activity);
		if (at > sizeof activity - 4)
			at = sizeof activity - 4;
		while (at > 0 && ((unsigned char)activity[at] & 0xC0) == 0x80)
			at--; /* not inside a character */
		memcpy(activity + at, "...", 4);
	}
}

void pp_set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral" /* the catalogue's format */
/* Write "planpress: error: " and message `id` with the activity and
 * `detail`, run the fatal hook and exit 3; nothing here needs memory. */
_Noreturn static void report_and_exit(enum pp_msg id, const char *why)
{
	char detail[256], line[1024];
	/*
	 * One report a run: when both layout threads run out at once, the
	 * second waits for the first to end the process. A thread reporting
	 * again (a fault inside this report) ends the process at once.
	 */
	if (atomic_exchange(&reporting, 1)) {
		if (reporting_here)
			_exit(3);
		for (;;)
			pause();
	}
	reporting_here = 1;
	pp_escape(detail, sizeof detail, why);
	int len = snprintf(line, sizeof line, "planpress: error: ");
	len += snprintf(line + len, sizeof line - (size_t)len, pp_msg_format(id), activity,
			detail);
	if (len >= (int)sizeof line - 1)
		len = (int)sizeof line - 2;
	line[len++] = '\n';
	/* write(2), not stdio: nothing here may need memory. */
	ssize_t ignored = write(STDERR_FILENO, line, (size_t)len);
	(void)ignored;
	if (fatal_hook)
		fatal_hook();
	_exit(3);
}
#pragma GCC diagnostic pop

_Noreturn void pp_out_of_memory_because(const char *why)
{
	report_and_exit(PP_MSG_OUT_OF_MEMORY, why);
}

_Noreturn void pp_out_of_stack(size_t size)
{
	/* What can be changed: the limit the stack's size comes from (the
	 * main thread's; a thread's unless it was given more, sigstack.h). */
	char why[128];
	struct rlimit lim;
	if (getrlimit(RLIMIT_STACK, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY &&
	    size <= lim.rlim_cur)
		snprintf(why, sizeof why, "the stack limit, ulimit -s, is %llu KiB",
			 (unsigned long long)lim.rlim_cur / 1024);
	else
		snprintf(why, sizeof why, "a thread's stack of %zu KiB", size / 1024);
	report_and_exit(PP_MSG_OUT_OF_STACK, why);
}

_Noreturn void pp_out_of_memory(size_t n)
{
	char asked[64] = "no size given";
	if (n)
		snprintf(asked, sizeof asked, "asked for %zu bytes", n);
	pp_out_of_memory_because(asked);
}

static void out_of_memory(size_t n)
{
	pp_out_of_memory(n);
}

void *pp_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory(n);
	return p;
}

void *pp_xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		out_of_memory(count * size);
	return p;
}

void *pp_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		out_of_memory(n);
	return q;
}

char *pp_xstrdup(const char *s)
{
	return s ? pp_xstrndup(s, strlen(s)) : NULL;
}

char *pp_xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *d = pp_xmalloc(len + 1);
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

/*
 * Formatted once into a buffer on the stack, which holds nearly every
 * string the program makes (a table cell's figure, "GREEN", a label), and
 * formatted a second time only when it is longer: printing a number
 * costs more than copying it.
 */
char *pp_xasprintf(const char *fmt, ...)
{
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		out_of_memory(0);
	char *s = pp_xmalloc((size_t)n + 1);
	if ((size_t)n < sizeof small) {
		memcpy(s, small, (size_t)n + 1);
		return s;
	}
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}
