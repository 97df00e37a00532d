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
struct fx_text {
	char *out;
	size_t n, cap;
};

static inline void fx_text_line(const struct pp_box *b, const struct pp_line_info *li,
				void *closure)
{
	struct fx_text *t = closure;
	PP_GROW(t->out, t->n + (size_t)li->length + 1, t->cap);
	memcpy(t->out + t->n, pp_box_text(b) + li->start, (size_t)li->length);
	t->n += (size_t)li->length;
}

static inline char *fx_box_text(const struct pp_box *b)
{
	struct fx_text t = { pp_xmalloc(64), 0, 64 };
	pp_box_each_line(b, fx_text_line, &t);
	t.out[t.n] = '\0';
	return t.out;
}

/* Logical and ink extents of a TEXT box's drawn lines, in Pango units,
 * relative to (b->x, b->y), from the accessors every backend uses (as
 * pango_layout_get_extents() for a box that draws its whole layout). */
struct fx_extents {
	const struct pp_box *b;
	double x, baseline; /* of the line being read */
	int have_ink, have_logical;
	PangoRectangle ink, logical;
};

static inline void fx_union(PangoRectangle *a, const PangoRectangle *r, int *have)
{
	if (r->width <= 0 && r->height <= 0)
		return;
	if (!*have) {
		*a = *r;
		*have = 1;
		return;
	}
	int x0 = a->x < r->x ? a->x : r->x, y0 = a->y < r->y ? a->y : r->y;
	int x1 = a->x + a->width > r->x + r->width ? a->x + a->width : r->x + r->width;
	int y1 = a->y + a->height > r->y + r->height ? a->y + a->height : r->y + r->height;
	*a = (PangoRectangle){ x0, y0, x1 - x0, y1 - y0 };
}

static inline void fx_extents_run(const struct pp_glyph_run *r, void *closure)
{
	struct fx_extents *e = closure;
	PangoRectangle ink;
	pango_glyph_string_extents((PangoGlyphString *)r->glyphs, r->font, &ink, NULL);
	ink.x += pango_units_from_double(e->x + r->x - e->b->x);
	ink.y += pango_units_from_double(e->baseline - e->b->y);
	fx_union(&e->ink, &ink, &e->have_ink);
}

static inline void fx_extents_line(const struct pp_box *b, const struct pp_line_info *li,
				   void *closure)
{
	struct fx_extents *e = closure;
	PangoRectangle logical = { pango_units_from_double(li->x - b->x),
				   e->have_logical ? e->logical.y + e->logical.height : 0,
				   pango_units_from_double(li->width),
				   pango_units_from_double(li->height) };
	fx_union(&e->logical, &logical, &e->have_logical);
	e->x = li->x;
	e->baseline = li->baseline;
	pp_box_line_runs(b, li->line, fx_extents_run, e);
}

static inline void fx_box_extents(const struct pp_box *b, PangoRectangle *ink,
				  PangoRectangle *logical)
{
	struct fx_extents e = { .b = b };
	pp_box_each_line(b, fx_extents_line, &e);
	if (ink)
		*ink = e.ink;
	if (logical)
		*logical = e.logical;
}

/* Font size (points) of a TEXT box's first run. */
static inline void fx_first_size(const struct pp_glyph_run *r, void *closure)
{
	double *size = closure;
	if (*size > 0)
		return;
	PangoFontDescription *d = pango_font_describe(r->font);
	*size = (double)pango_font_description_get_size(d) / PANGO_SCALE;
	pango_font_description_free(d);
}

static inline void fx_size_line(const struct pp_box *b, const struct pp_line_info *li,
				void *closure)
{
	pp_box_line_runs(b, li->line, fx_first_size, closure);
}

static inline double fx_box_size(const struct pp_box *b)
{
	double size = 0;
	pp_box_each_line(b, fx_size_line, &size);
	return size;
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

/* The smallest filled or stroked rectangle holding point (x, y), or NULL. */
static inline const struct pp_box *fx_cell_at(const struct pp_page *p, double x, double y)
{
	const struct pp_box *best = NULL;
	for (size_t k = 0; k < p->n_boxes; k++) {
		const struct pp_box *r = &p->boxes[k];
		if (r->kind != PP_BOX_RECT || x < r->x || x > r->x + r->w || y < r->y ||
		    y > r->y + r->h)
			continue;
		if (!best || r->w * r->h < best->w * best->h)
			best = r;
	}
	return best;
}

/*
 * main() of a layout test file: its cases share one layout context, the
 * file's `static struct pp_layout_ctx *ctx`, made before them and freed
 * after. PP_LAYOUT_TEST_MAIN(cmocka_unit_test(a), cmocka_unit_test(b))
 */
#define PP_LAYOUT_TEST_MAIN(...)                                                               \
	int main(void)                                                                         \
	{                                                                                      \
		struct pp_diags diags;                                                         \
		pp_diags_init(&diags, stderr);                                                 \
		ctx = pp_layout_ctx_new(&diags);                                               \
		const struct CMUnitTest tests[] = {__VA_ARGS__};                               \
		int rc = cmocka_run_group_tests(tests, NULL, NULL);                            \
		pp_layout_ctx_free(ctx);                                                       \
		pp_diags_fini(&diags);                                                         \
		return rc;                                                                     \
	}

#endif
