/* SPDX-License-Identifier: MIT */
/*
 * parse_schema.c - RelaxNG validation with messages people can act on.
 *
 * libxml2's validator reports one fault as a cascade ("Expecting an element
 * p, got nothing", "Element section has extra content: p", "Element
 * document has extra content: section") and in its own words. We collect
 * the cascade, keep the most specific message for each place (a bad
 * attribute beats a missing child, a child beats its parents' complaints),
 * drop the echoes in the enclosing elements, and say each in our words:
 *   plan.xml:11:9: error: <priority> does not allow <owner> here
 * Invariant: a plan that does not match the schema always gets at least
 * one error, in document order.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "alloc.h"
#include "parse_int.h"

struct schema_error {
	int code;
	const xmlNode *node; /* may be NULL */
	unsigned line;
	char *str1, *str2, *message;
	int rank; /* lower is more specific; 0: drop unless nothing else */
};

struct collector {
	struct schema_error *v;
	size_t n, cap;
};

#if LIBXML_VERSION >= 21200
#define PP_XML_ERROR const xmlError
#else
#define PP_XML_ERROR xmlError
#endif

static int rank_of(int code)
{
	switch (code) {
	case XML_RELAXNG_ERR_INVALIDATTR:
	case XML_RELAXNG_ERR_ATTRVALID:
		return 1;
	case XML_RELAXNG_ERR_ELEMWRONG:
	case XML_RELAXNG_ERR_TEXTWRONG:
	case XML_RELAXNG_ERR_NOTELEM:
	case XML_RELAXNG_ERR_ELEMNOTEMPTY:
	case XML_RELAXNG_ERR_DATATYPE:
	case XML_RELAXNG_ERR_VALUE:
	case XML_RELAXNG_ERR_LIST:
	case XML_RELAXNG_ERR_ELEMNAME:
	case XML_RELAXNG_ERR_ELEMWRONGNS:
	case XML_RELAXNG_ERR_ELEMNONS:
		return 2;
	case XML_RELAXNG_ERR_EXTRACONTENT:
	case XML_RELAXNG_ERR_INTEREXTRA:
		return 3;
	case XML_RELAXNG_ERR_NOELEM:
		return 4;
	default:
		return 0; /* "failed to validate content", "invalid sequence": echoes */
	}
}

static void collect(void *ctx, PP_XML_ERROR *err)
{
	struct collector *c = ctx;
	if (!err || err->level == XML_ERR_WARNING || err->level == XML_ERR_NONE)
		return;
	if (c->n >= 1000)
		return; /* a hostile file cannot make us keep unbounded messages */
	struct schema_error *e;
	PP_GROW(c->v, c->n + 1, c->cap);
	e = &c->v[c->n++];
	e->code = err->code;
	e->node = err->node;
	if (e->node && e->node->type != XML_ELEMENT_NODE)
		e->node = e->node->parent && e->node->parent->type == XML_ELEMENT_NODE
				  ? e->node->parent
				  : NULL;
	e->line = err->line > 0 ? (unsigned)err->line
				: (e->node ? (unsigned)xmlGetLineNo(e->node) : 0);
	e->str1 = pp_xstrdup(err->str1);
	e->str2 = pp_xstrdup(err->str2);
	e->message = pp_xstrdup(err->message);
	e->rank = rank_of(err->code);
}

static int is_ancestor_or_self(const xmlNode *a, const xmlNode *n)
{
	for (; n; n = n->parent)
		if (n == a)
			return 1;
	return 0;
}

/*
 * The attributes each element must have, to say which one is missing
 * (libxml2 says only "failed to validate attributes").
 */
static const struct {
	const char *element;
	const char *attrs[4];
} required[] = {
	{"theme", {"id", "title"}},
	{"priority", {"id"}},
	{"update", {"period"}},
	{"document", {"id", "output"}},
	{"quarter", {"id", "year", "q"}},
	{"span", {"id", "label", "start", "end"}},
	{"item", {"id"}},
	{"group", {"label"}},
	{"align", {"to"}},
	{"chart", {"type", "title"}},
	{"series", {"name"}},
	{"point", {"x", "y"}},
	{"a", {"href"}},
	{"glossary", {"groups"}},
	{"matrix", {"groups"}},
	{"column", {"field"}},
	{"area", {"title"}},
	{"section", {"title"}},
	{"ref", {"to"}},
};

static const char *missing_attr(const xmlNode *node)
{
	for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
		if (strcmp((const char *)node->name, required[i].element) != 0)
			continue;
		for (size_t k = 0; k < 4 && required[i].attrs[k]; k++)
			if (!xmlHasProp(node, (const xmlChar *)required[i].attrs[k]))
				return required[i].attrs[k];
	}
	return NULL;
}

/* Our wording for one kept error; a new string. */
static char *describe(const struct schema_error *e)
{
	const char *s1 = e->str1 ? e->str1 : "?", *s2 = e->str2 ? e->str2 : "?";
	const char *here = e->node ? (const char *)e->node->name : s1;
	switch (e->code) {
	case XML_RELAXNG_ERR_INVALIDATTR: {
		xmlChar *v = e->node ? xmlGetNoNsProp(e->node, (const xmlChar *)s1) : NULL;
		char *msg = v ? pp_xasprintf("<%s> does not allow %s=\"%s\" (unknown attribute or "
					     "value)",
					     s2, s1, (const char *)v)
			      : pp_xasprintf("<%s> does not allow the attribute \"%s\"", s2, s1);
		xmlFree(v);
		return msg;
	}
	case XML_RELAXNG_ERR_ATTRVALID: {
		const char *m = e->node ? missing_attr(e->node) : NULL;
		if (m)
			return pp_xasprintf("<%s> needs the attribute \"%s\"", s1, m);
		return pp_xasprintf("<%s> has a missing or malformed attribute", s1);
	}
	case XML_RELAXNG_ERR_ELEMWRONG:
	case XML_RELAXNG_ERR_INTEREXTRA:
		if (e->node && e->node->parent && e->node->parent->type == XML_ELEMENT_NODE)
			return pp_xasprintf("<%s> does not allow <%s> here",
					    (const char *)e->node->parent->name, s1);
		return pp_xasprintf("<%s> is not allowed here", s1);
	case XML_RELAXNG_ERR_EXTRACONTENT:
		return pp_xasprintf("<%s> does not allow <%s> here", s1, s2);
	case XML_RELAXNG_ERR_TEXTWRONG:
		return pp_xasprintf("<%s> does not allow text", s1);
	case XML_RELAXNG_ERR_NOELEM:
		return pp_xasprintf("<%s> needs a <%s>", here, s1);
	case XML_RELAXNG_ERR_ELEMNOTEMPTY:
		return pp_xasprintf("<%s> must be empty", here);
	default: {
		/* libxml2's own words, tidied: lower case, one line, no period */
		char *m = pp_xstrdup(e->message ? e->message : "the plan does not match the schema");
		size_t n = strlen(m);
		while (n > 0 && (m[n - 1] == '\n' || m[n - 1] == '.' || m[n - 1] == ' '))
			m[--n] = '\0';
		for (char *p = m; *p; p++)
			if (*p == '\n')
				*p = ' ';
		if (m[0] >= 'A' && m[0] <= 'Z' && m[1] >= 'a' && m[1] <= 'z')
			m[0] = (char)(m[0] - 'A' + 'a');
		return m;
	}
	}
}

struct kept {
	struct pp_loc loc;
	char *text;
	size_t order;
};

static int kept_cmp(const void *a, const void *b)
{
	const struct kept *x = a, *y = b;
	if (x->loc.line != y->loc.line)
		return x->loc.line < y->loc.line ? -1 : 1;
	if (x->loc.col != y->loc.col)
		return x->loc.col < y->loc.col ? -1 : 1;
	return (x->order > y->order) - (x->order < y->order);
}

/* Is `e` an echo of an error already kept at `k`? */
static int echoes(const struct schema_error *e, const xmlNode *k)
{
	if (!e->node || !k)
		return 0;
	if (is_ancestor_or_self(e->node, k))
		return 1;
	/* "extra content" names a child whose parent already holds the fault */
	if (e->rank >= 3 && e->node->parent && is_ancestor_or_self(e->node->parent, k))
		return 1;
	return 0;
}

int pp_parse_validate(xmlDoc *xdoc, xmlRelaxNG *schema, const struct pp_scan *scan,
		      const char *file, struct pp_diags *diags)
{
	struct collector c = {0};
	xmlRelaxNGValidCtxtPtr vctx = xmlRelaxNGNewValidCtxt(schema);
	xmlRelaxNGSetValidStructuredErrors(vctx, collect, &c);
	int rc = xmlRelaxNGValidateDoc(vctx, xdoc);
	xmlRelaxNGFreeValidCtxt(vctx);

	const xmlNode **kept_nodes = pp_xcalloc(c.n ? c.n : 1, sizeof *kept_nodes);
	struct kept *kept = pp_xcalloc(c.n ? c.n : 1, sizeof *kept);
	size_t n_kept = 0;
	for (int rank = 1; rank <= 4; rank++) {
		for (size_t i = 0; i < c.n; i++) {
			const struct schema_error *e = &c.v[i];
			if (e->rank != rank)
				continue;
			int echo = 0;
			for (size_t k = 0; k < n_kept && !echo; k++)
				echo = echoes(e, kept_nodes[k]) ||
				       (e->node == NULL && n_kept > 0);
			if (echo)
				continue;
			kept_nodes[n_kept] = e->node;
			kept[n_kept].loc = (struct pp_loc){file, e->line, pp_parse_node_col(scan, e->node)};
			kept[n_kept].text = describe(e);
			kept[n_kept].order = i;
			n_kept++;
		}
	}
	/* Only echoes (or nothing at all): say what libxml2 said, once. */
	if (n_kept == 0 && c.n > 0) {
		kept[0].loc = (struct pp_loc){file, c.v[0].line, pp_parse_node_col(scan, c.v[0].node)};
		kept[0].text = describe(&c.v[0]);
		n_kept = 1;
	}
	qsort(kept, n_kept, sizeof *kept, kept_cmp);
	for (size_t i = 0; i < n_kept; i++) {
		pp_diagf(diags, PP_MSG_SCHEMA, &kept[i].loc, kept[i].text);
		free(kept[i].text);
	}
	if (rc != 0 && n_kept == 0) {
		struct pp_loc loc = {file, 0, 0};
		pp_diagf(diags, PP_MSG_SCHEMA, &loc, "the plan does not match the schema");
		n_kept = 1;
	}
	for (size_t i = 0; i < c.n; i++) {
		free(c.v[i].str1);
		free(c.v[i].str2);
		free(c.v[i].message);
	}
	free(c.v);
	free(kept);
	free(kept_nodes);
	return rc == 0 && n_kept == 0 ? 0 : -1;
}
