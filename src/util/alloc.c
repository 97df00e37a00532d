/* SPDX-License-Identifier: MIT */
/* alloc.c - the pp_xmalloc family: report and exit(3) when memory runs out. */
#define _POSIX_C_SOURCE 200809L /* strnlen */

#include "alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(size_t n)
{
	fprintf(stderr, "planpress: error: out of memory (asked for %zu bytes)\n", n);
	exit(3);
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

char *pp_xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		out_of_memory(0);
	char *s = pp_xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}
