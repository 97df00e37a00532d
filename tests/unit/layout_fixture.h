/* SPDX-License-Identifier: MIT */
/*
 * layout_fixture.h - hand-built plans and page inspection for the layout
 * tests (header-only, static helpers: each test file includes it once).
 * Models are built with the allocator pp_doc_free() expects, so the tests
 * free them the normal way.
 */
#ifndef PP_TEST_LAYOUT_FIXTURE_H
#define PP_TEST_LAYOUT_FIXTURE_H

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "planpress/layout.h"
#include "planpress/model.h"
#include "planpress/style.h"

static inline struct pp_inline fx_inline(const char *s)
{
	struct pp_inline in = { pp_xcalloc(1, sizeof(struct pp_span)), 1 };
	in.spans[0].text = pp_xstrdup(s);
	return in;
}

static inline struct pp_blocks fx_para(const char *s)
{
	struct pp_blocks b = { pp_xcalloc(1, sizeof(struct pp_block)), 1 };
	b.items[0].kind = PP_BLOCK_PARA;
	b.items[0].u.para = fx_inline(s);
	return b;
}

static inline struct pp_doc *fx_doc(size_t n_themes)
{
	struct pp_doc *d = pp_xcalloc(1, sizeof *d);
	d->path = pp_xstrdup("test.xml");
	d->lang = pp_xstrdup("en-GB");
	d->facts.title = pp_xstrdup("Test Plan");
	d->facts.organisation = pp_xstrdup("Test Council");
	d->facts.status = pp_xstrdup("Draft");
	d->periods = pp_xcalloc(1, sizeof *d->periods);
	d->n_periods = 1;
	d->periods[0].id = pp_xstrdup("q1");
	d->periods[0].label = pp_xstrdup("Quarter 1 20/21");
	d->themes = pp_xcalloc(n_themes, sizeof *d->themes);
	d->n_themes = n_themes;
	for (size_t i = 0; i < n_themes; i++) {
		d->themes[i].id = pp_xasprintf("t%zu", i + 1);
		d->themes[i].title = pp_xasprintf("Theme number %zu", i + 1);
	}
	return d;
}

/* Give theme `t` n priorities; commentary(i) gives each one's text. */
static inline void fx_priorities(struct pp_doc *d, size_t t, size_t n,
			  char *(*commentary)(size_t i), enum pp_rag rag)
{
	struct pp_theme *th = &d->themes[t];
	th->priorities = pp_xcalloc(n, sizeof *th->priorities);
	th->n_priorities = n;
	for (size_t i = 0; i < n; i++) {
		struct pp_priority *p = &th->priorities[i];
		p->id = pp_xasprintf("p%zu-%zu", t, i);
		p->ref = pp_xasprintf("T%zuP%zu", t + 1, i + 1);
		char *title = pp_xasprintf("Priority %zu of theme %zu", i + 1, t + 1);
		p->title = fx_inline(title);
		free(title);
		p->theme = th;
		p->updates = pp_xcalloc(1, sizeof *p->updates);
		p->n_updates = 1;
		p->updates[0].period_id = pp_xstrdup("q1");
		p->updates[0].period = &d->periods[0];
		p->updates[0].rag = rag;
		char *c = commentary(i);
		p->updates[0].commentary = fx_para(c);
		free(c);
	}
}

static const enum pp_field fx_fields[] = { PP_FIELD_THEME, PP_FIELD_REF, PP_FIELD_TITLE,
					   PP_FIELD_COMMENTARY, PP_FIELD_RAG };
static const char *const fx_heads[] = { "Theme", "Ref", "Priority", "Commentary", "RAG" };
static const double fx_widths[] = { 15, 8, 22, 43, 12 };

/* A document with one priority table of the five columns above. */
static inline struct pp_document *fx_table_document(struct pp_doc *d, enum pp_orientation o)
{
	d->documents = pp_xcalloc(1, sizeof *d->documents);
	d->n_documents = 1;
	struct pp_document *doc = &d->documents[0];
	doc->id = pp_xstrdup("d");
	doc->output = pp_xstrdup("d");
	doc->orientation = o;
	doc->views = pp_xcalloc(1, sizeof *doc->views);
	doc->n_views = 1;
	struct pp_priority_table *pt = &doc->views[0].u.table;
	doc->views[0].kind = PP_VIEW_PRIORITY_TABLE;
	pt->period_id = pp_xstrdup("q1");
	pt->period = &d->periods[0];
	pt->n_columns = 5;
	pt->columns = pp_xcalloc(5, sizeof *pt->columns);
	for (size_t c = 0; c < 5; c++) {
		pt->columns[c].field = fx_fields[c];
		pt->columns[c].width = (struct pp_width){ PP_WIDTH_PERCENT, fx_widths[c] };
		pt->columns[c].header = fx_inline(fx_heads[c]);
	}
	return doc;
}

/* ---------- inspecting pages -------------------------------------------- */

/* The drawn text of a TEXT box, lines concatenated as laid out. */
static inline char *fx_box_text(const struct pp_box *b)
{
	const char *text = pango_layout_get_text(b->layout);
	size_t cap = 64, n = 0;
	char *out = pp_xmalloc(cap);
	for (int l = b->first_line; l < b->first_line + b->n_lines; l++) {
		PangoLayoutLine *line = pango_layout_get_line_readonly(b->layout, l);
		PP_GROW(out, n + (size_t)line->length + 1, cap);
		memcpy(out + n, text + line->start_index, (size_t)line->length);
		n += (size_t)line->length;
	}
	out[n] = '\0';
	return out;
}

static inline const struct pp_snode *fx_ancestor(const struct pp_snode *n, enum pp_role role)
{
	for (; n; n = n->parent)
		if (n->role == role)
			return n;
	return NULL;
}

static inline int fx_page_has_text(const struct pp_page *p, const char *needle)
{
	for (size_t k = 0; k < p->n_boxes; k++) {
		if (p->boxes[k].kind != PP_BOX_TEXT)
			continue;
		char *t = fx_box_text(&p->boxes[k]);
		int hit = strstr(t, needle) != NULL;
		free(t);
		if (hit)
			return 1;
	}
	return 0;
}

static inline size_t fx_count_role(const struct pp_snode *n, enum pp_role role)
{
	size_t c = n->role == role;
	for (size_t i = 0; i < n->n_children; i++)
		c += fx_count_role(n->children[i], role);
	return c;
}

#endif
