/* SPDX-License-Identifier: MIT */
/*
 * filter.c - where="..." row filters (filter.h): parsed once into a list
 * of conditions joined by "and", each a name, a negation and the values it
 * may take; evaluated per row through the caller's value callback. The
 * filter knows no field: which names exist is the caller's business (check
 * visits the conditions, layout gives the values).
 * Invariant: a parsed filter has at least one condition and every
 * condition at least one non-empty value.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "planpress/filter.h"

struct cond {
	char *name;
	int negated;
	char **values;
	size_t n_values;
};

struct pp_filter {
	struct cond *conds;
	size_t n_conds;
};

struct parser {
	const char *text; /* the whole filter, for messages */
	const char *p;    /* the next character */
	const struct pp_loc *loc;
	struct pp_diags *diags;
	int failed;
};

void pp_filter_free(struct pp_filter *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n_conds; i++) {
		free(f->conds[i].name);
		for (size_t k = 0; k < f->conds[i].n_values; k++)
			free(f->conds[i].values[k]);
		free(f->conds[i].values);
	}
	free(f->conds);
	free(f);
}

static void skip_space(struct parser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r')
		ps->p++;
}

/* "at character 11 (\"ANBER\")" or "at the end": where the parser stopped. */
static void fail(struct parser *ps, const char *expected)
{
	if (ps->failed)
		return;
	ps->failed = 1;
	char where[96];
	if (!*ps->p) {
		snprintf(where, sizeof where, "at the end");
	} else {
		size_t n = 0;
		while (ps->p[n] && ps->p[n] != ' ' && n < 40)
			n++;
		snprintf(where, sizeof where, "at character %zu (\"%.*s\")",
		         (size_t)(ps->p - ps->text) + 1, (int)n, ps->p);
	}
	char *msg = pp_xasprintf("expected %s %s", expected, where);
	pp_diagf(ps->diags, PP_MSG_BAD_FILTER, ps->loc, ps->text, msg);
	free(msg);
}

static int is_name_char(char c)
{
	return isalnum((unsigned char)c) || c == '-' || c == '_' || c == ':' || c == '.';
}

/* The keyword `kw` as a whole word next (any case)? Consumes it if so. */
static int keyword(struct parser *ps, const char *kw)
{
	skip_space(ps);
	size_t n = strlen(kw);
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)ps->p[i]) != kw[i])
			return 0;
	if (is_name_char(ps->p[n]) || (unsigned char)ps->p[n] >= 0x80)
		return 0;
	ps->p += n;
	return 1;
}

static char *read_name(struct parser *ps)
{
	skip_space(ps);
	const char *s = ps->p;
	while (is_name_char(*ps->p))
		ps->p++;
	if (ps->p == s) {
		fail(ps, "a name (status, trend, field:ID ...)");
		return NULL;
	}
	return pp_xstrndup(s, (size_t)(ps->p - s));
}

/* A value: quoted, or bare words up to ",", "or", "and" or the end. */
static char *read_value(struct parser *ps)
{
	skip_space(ps);
	if (*ps->p == '\'' || *ps->p == '"') {
		char q = *ps->p++;
		const char *s = ps->p;
		while (*ps->p && *ps->p != q)
			ps->p++;
		if (!*ps->p) {
			fail(ps, q == '\'' ? "a closing ' after the value"
			                   : "a closing \" after the value");
			return NULL;
		}
		char *v = pp_xstrndup(s, (size_t)(ps->p - s));
		ps->p++;
		if (!v[strspn(v, " ")]) {
			free(v);
			ps->p--;
			fail(ps, "a value between the quotes");
			return NULL;
		}
		return v;
	}
	const char *s = ps->p, *end = ps->p;
	for (;;) {
		skip_space(ps);
		const char *word = ps->p;
		if (!*ps->p || *ps->p == ',' || keyword(ps, "or") || keyword(ps, "and")) {
			ps->p = word;
			break;
		}
		while (*ps->p && *ps->p != ' ' && *ps->p != ',' && *ps->p != '\t')
			ps->p++;
		end = ps->p;
	}
	if (end == s) {
		fail(ps, "a value");
		return NULL;
	}
	return pp_xstrndup(s, (size_t)(end - s));
}

static int parse_condition(struct parser *ps, struct cond *c)
{
	int negated = 0;
	while (keyword(ps, "not"))
		negated = !negated;
	c->name = read_name(ps);
	if (!c->name)
		return -1;
	if (!keyword(ps, "is")) {
		fail(ps, "\"is\" after the name");
		return -1;
	}
	if (keyword(ps, "not"))
		negated = !negated;
	c->negated = negated;
	size_t cap = 0;
	for (;;) {
		char *v = read_value(ps);
		if (!v)
			return -1;
		PP_GROW(c->values, c->n_values + 1, cap);
		c->values[c->n_values++] = v;
		skip_space(ps);
		if (*ps->p == ',') {
			ps->p++;
			keyword(ps, "or"); /* "RED, AMBER, or GREEN" */
			continue;
		}
		if (keyword(ps, "or"))
			continue;
		return 0;
	}
}

struct pp_filter *pp_filter_parse(const char *text, const struct pp_loc *loc,
                                  struct pp_diags *diags)
{
	struct parser ps = {text ? text : "", text ? text : "", loc, diags, 0};
	struct pp_filter *f = pp_xcalloc(1, sizeof *f);
	size_t cap = 0;
	for (;;) {
		PP_GROW(f->conds, f->n_conds + 1, cap);
		struct cond *c = &f->conds[f->n_conds++];
		memset(c, 0, sizeof *c);
		if (parse_condition(&ps, c) != 0)
			break;
		skip_space(&ps);
		if (!*ps.p)
			return f;
		if (!keyword(&ps, "and")) {
			fail(&ps, "\"and\", \"or\" or the end");
			break;
		}
	}
	pp_filter_free(f);
	return NULL;
}

void pp_filter_visit(struct pp_filter *f, pp_filter_visit_fn fn, void *closure)
{
	for (size_t i = 0; f && i < f->n_conds; i++)
		if (fn(closure, f->conds[i].name, f->conds[i].values, f->conds[i].n_values))
			return;
}

int pp_filter_same_words(const char *a, const char *b)
{
	if (!a || !b)
		return 0;
	for (;;) {
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		/* a run of spaces inside the words is one space on both sides */
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
		a++, b++;
		int sa = *a == ' ', sb = *b == ' ';
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		if ((sa && *a) != (sb && *b))
			return 0;
	}
}

int pp_filter_match(const struct pp_filter *f, pp_filter_value_fn value, void *row)
{
	for (size_t i = 0; f && i < f->n_conds; i++) {
		const struct cond *c = &f->conds[i];
		char *owned = NULL;
		const char *v = value(row, c->name, &owned);
		int any = 0;
		for (size_t k = 0; v && !any && k < c->n_values; k++)
			any = pp_filter_same_words(v, c->values[k]);
		free(owned);
		if (any == c->negated)
			return 0;
	}
	return 1;
}
