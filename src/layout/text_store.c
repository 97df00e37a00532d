/* SPDX-License-Identifier: MIT */
/*
 * text_store.c - measured text kept compactly (text.h): building it (for
 * the fast path, text_fill.c, or from a measured PangoLayout), and reading
 * it back.
 *
 * A long report keeps the glyphs of every page until it is drawn, so a
 * text is one allocation: the struct, its lines, runs, fonts and glyph
 * arrays, and its bytes. Glyphs are stored narrow (16-bit ids and
 * advances, 8-bit cluster steps: 5 bytes a glyph) whenever every value
 * fits (PANGO_GLYPH_EMPTY has its own 16-bit code), else wide (32-bit
 * each). Invariant: reading a text back gives the
 * glyph strings, run positions and line metrics it was built from.
 */
#include <assert.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "text.h"
#include "text_int.h"

/* pango_font_description_hash() and _equal() compare families without
 * case, which costs more than the rest of a lookup; caches of fonts and
 * measures need them to match exactly (a stricter key only remembers
 * less). The hash takes the family's length, not its letters: a run has
 * a family or two, and hashing a list such as "Liberation Sans, Arial,
 * sans-serif" on every cell cost more than the rest of the lookup. */
guint text_desc_hash(gconstpointer p)
{
	const PangoFontDescription *d = p;
	const char *family = pango_font_description_get_family(d);
	return (family ? (guint)strlen(family) * 131u : 0u) +
	       (guint)pango_font_description_get_size(d) * 17u +
	       (guint)pango_font_description_get_weight(d) * 5u +
	       (guint)pango_font_description_get_style(d);
}

static int same_string(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

gboolean text_desc_equal(gconstpointer pa, gconstpointer pb)
{
	const PangoFontDescription *a = pa, *b = pb;
	return pango_font_description_get_set_fields(a) ==
	           pango_font_description_get_set_fields(b) &&
	       pango_font_description_get_size(a) == pango_font_description_get_size(b) &&
	       pango_font_description_get_size_is_absolute(a) ==
	           pango_font_description_get_size_is_absolute(b) &&
	       pango_font_description_get_weight(a) == pango_font_description_get_weight(b) &&
	       pango_font_description_get_style(a) == pango_font_description_get_style(b) &&
	       pango_font_description_get_variant(a) == pango_font_description_get_variant(b) &&
	       pango_font_description_get_stretch(a) == pango_font_description_get_stretch(b) &&
	       pango_font_description_get_gravity(a) == pango_font_description_get_gravity(b) &&
	       same_string(pango_font_description_get_family(a),
	                   pango_font_description_get_family(b)) &&
	       same_string(pango_font_description_get_variations(a),
	                   pango_font_description_get_variations(b));
}

void tb_init(struct text_builder *b)
{
	memset(b, 0, sizeof *b);
}

void tb_fini(struct text_builder *b)
{
	free(b->lines);
	free(b->runs);
	free(b->g);
	free(b->w);
	free(b->c);
	free(b->off);
	free(b->fonts);
	memset(b, 0, sizeof *b);
}

void tb_reset(struct text_builder *b)
{
	b->n_lines = b->n_runs = b->n_glyphs = b->n_fonts = 0;
	b->any_off = 0;
}

uint16_t tb_font(struct text_builder *b, PangoFont *font)
{
	for (size_t i = 0; i < b->n_fonts; i++)
		if (b->fonts[i] == font)
			return (uint16_t)i;
	PP_GROW(b->fonts, b->n_fonts + 1, b->cap_fonts);
	b->fonts[b->n_fonts] = font;
	return (uint16_t)b->n_fonts++;
}

struct pp_text_run *tb_run(struct text_builder *b)
{
	PP_GROW(b->runs, b->n_runs + 1, b->cap_runs);
	struct pp_text_run *r = &b->runs[b->n_runs++];
	memset(r, 0, sizeof *r);
	r->glyph0 = (uint32_t)b->n_glyphs;
	return r;
}

struct pp_text_line *tb_line(struct text_builder *b)
{
	PP_GROW(b->lines, b->n_lines + 1, b->cap_lines);
	struct pp_text_line *l = &b->lines[b->n_lines++];
	memset(l, 0, sizeof *l);
	l->run0 = (uint32_t)b->n_runs;
	return l;
}

void tb_reserve(struct text_builder *b, size_t n)
{
	size_t need = b->n_glyphs + n;
	if (need <= b->cap_glyphs)
		return;
	size_t cap = b->cap_glyphs ? b->cap_glyphs * 2 : 64;
	while (cap < need)
		cap *= 2;
	b->g = pp_xrealloc(b->g, cap * sizeof *b->g);
	b->w = pp_xrealloc(b->w, cap * sizeof *b->w);
	b->c = pp_xrealloc(b->c, cap * sizeof *b->c);
	if (b->off)
		b->off = pp_xrealloc(b->off, cap * 2 * sizeof *b->off);
	b->cap_glyphs = cap;
}

void tb_glyph(struct text_builder *b, uint32_t glyph, int32_t width, int32_t cluster, int32_t x_off,
	      int32_t y_off)
{
	tb_reserve(b, 1);
	size_t i = b->n_glyphs++;
	b->g[i] = glyph;
	b->w[i] = width;
	b->c[i] = cluster;
	if ((x_off || y_off) && !b->off) {
		b->off = pp_xcalloc(b->cap_glyphs * 2, sizeof *b->off);
		b->any_off = 1;
	}
	if (b->off) {
		b->off[2 * i] = x_off;
		b->off[2 * i + 1] = y_off;
	}
}

/* PANGO_GLYPH_EMPTY (the zeroed space that ends a wrapped line) stored
 * narrow; fonts have fewer glyphs than this. */
#define NARROW_EMPTY 0xffffu

static size_t align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* Can the glyphs be stored narrow? Runs' clusters must step forwards by
 * less than 256 bytes, ids and advances fit 16 bits. */
static int fits_narrow(const struct text_builder *b)
{
	for (size_t r = 0; r < b->n_runs; r++) {
		const struct pp_text_run *run = &b->runs[r];
		int32_t prev = 0;
		for (uint32_t i = run->glyph0; i < run->glyph0 + run->n_glyphs; i++) {
			if ((b->g[i] >= NARROW_EMPTY && b->g[i] != PANGO_GLYPH_EMPTY) ||
			    b->w[i] < INT16_MIN || b->w[i] > INT16_MAX)
				return 0;
			int32_t step = b->c[i] - prev;
			if (step < 0 || step > UINT8_MAX)
				return 0;
			prev = b->c[i];
		}
	}
	return 1;
}

struct pp_text *tb_pack(struct text_builder *b, const char *text, int length)
{
	int wide = !fits_narrow(b);
	size_t ng = b->n_glyphs;
	size_t sz = align8(sizeof(struct pp_text));
	size_t o_fonts = sz;
	sz += align8(b->n_fonts * sizeof(PangoFont *));
	size_t o_lines = sz;
	sz += align8(b->n_lines * sizeof(struct pp_text_line));
	size_t o_runs = sz;
	sz += align8(b->n_runs * sizeof(struct pp_text_run));
	size_t o_off = sz;
	sz += b->any_off ? align8(ng * 2 * sizeof(int32_t)) : 0;
	size_t o_g = sz;
	sz += align8(ng * (wide ? 12 : 5));
	size_t o_text = sz;
	sz += (size_t)length + 1;

	char *mem = pp_xmalloc(sz);
	struct pp_text *t = (struct pp_text *)mem;
	memset(t, 0, sizeof *t);
	t->refs = 1;
	t->size = sz;
	t->length = length;
	t->n_lines = (int)b->n_lines;
	t->n_fonts = (uint16_t)b->n_fonts;
	t->wide = (uint8_t)wide;
	t->n_glyphs = (uint32_t)ng;
	t->n_runs = (uint32_t)b->n_runs;
	t->fonts = (PangoFont **)(mem + o_fonts);
	for (size_t i = 0; i < b->n_fonts; i++)
		t->fonts[i] = g_object_ref(b->fonts[i]);
	t->lines = (struct pp_text_line *)(mem + o_lines);
	if (b->n_lines)
		memcpy(t->lines, b->lines, b->n_lines * sizeof *t->lines);
	t->runs = (struct pp_text_run *)(mem + o_runs);
	if (b->n_runs)
		memcpy(t->runs, b->runs, b->n_runs * sizeof *t->runs);
	if (b->any_off) {
		t->off = (int32_t *)(mem + o_off);
		memcpy(t->off, b->off, ng * 2 * sizeof *t->off);
	}
	if (wide) {
		t->g32 = (uint32_t *)(mem + o_g);
		t->w32 = (int32_t *)(mem + o_g + ng * 4);
		t->c32 = (int32_t *)(mem + o_g + ng * 8);
		memcpy(t->g32, b->g, ng * 4);
		memcpy(t->w32, b->w, ng * 4);
		memcpy(t->c32, b->c, ng * 4);
	} else {
		t->w16 = (int16_t *)(mem + o_g);
		t->g16 = (uint16_t *)(mem + o_g + ng * 2);
		t->c8 = (uint8_t *)(mem + o_g + ng * 4);
		for (size_t r = 0; r < b->n_runs; r++) {
			const struct pp_text_run *run = &b->runs[r];
			int32_t prev = 0;
			for (uint32_t i = run->glyph0; i < run->glyph0 + run->n_glyphs; i++) {
				t->g16[i] = b->g[i] == PANGO_GLYPH_EMPTY ? NARROW_EMPTY
									 : (uint16_t)b->g[i];
				t->w16[i] = (int16_t)b->w[i];
				t->c8[i] = (uint8_t)(b->c[i] - prev);
				prev = b->c[i];
			}
		}
	}
	t->text = mem + o_text;
	if (length)
		memcpy(t->text, text, (size_t)length);
	t->text[length] = '\0';
	return t;
}

/* Atomic: a text remembered by a context's memo (layout_text.c) may be
 * shared by boxes the main thread frees while the table engine's worker
 * takes it again. */
struct pp_text *pp_text_ref(struct pp_text *t)
{
	if (t)
		g_atomic_int_inc(&t->refs);
	return t;
}

void pp_text_unref(struct pp_text *t)
{
	if (!t || !g_atomic_int_dec_and_test(&t->refs))
		return;
	for (int i = 0; i < t->n_fonts; i++)
		g_object_unref(t->fonts[i]);
	free(t);
}

struct pp_text *text_at_width(const struct pp_text *t, int layout_width, PangoAlignment align)
{
	assert(t->fast && t->n_lines == 1 && t->lines[0].width <= layout_width);
	char *mem = pp_xmalloc(t->size);
	memcpy(mem, t, t->size);
	struct pp_text *c = (struct pp_text *)mem;
	/* the block's pointers point into the copy */
	ptrdiff_t d = mem - (const char *)t;
#define PP_MOVE(p) ((p) = (p) ? (void *)((char *)(p) + d) : NULL)
	PP_MOVE(c->text);
	PP_MOVE(c->fonts);
	PP_MOVE(c->lines);
	PP_MOVE(c->runs);
	PP_MOVE(c->g16);
	PP_MOVE(c->w16);
	PP_MOVE(c->c8);
	PP_MOVE(c->g32);
	PP_MOVE(c->w32);
	PP_MOVE(c->c32);
	PP_MOVE(c->off);
#undef PP_MOVE
	c->refs = 1;
	for (int i = 0; i < c->n_fonts; i++)
		g_object_ref(c->fonts[i]);
	/* placed as text_fill.c places a line in its wrapping width */
	struct pp_text_line *ln = &c->lines[0];
	int room = layout_width - ln->width;
	ln->x = align == PANGO_ALIGN_CENTER  ? room / 2
	        : align == PANGO_ALIGN_RIGHT ? room
	                                     : 0;
	c->layout_width = layout_width;
	c->width = ln->width;
	return c;
}

/* ---------- from a measured PangoLayout ---------------------------------- */

static void run_attrs(const PangoItem *item, struct pp_text_run *r)
{
	for (GSList *l = item->analysis.extra_attrs; l; l = l->next) {
		const PangoAttribute *a = l->data;
		if (a->klass->type == PANGO_ATTR_FOREGROUND) {
			const PangoColor *c = &((const PangoAttrColor *)a)->color;
			r->has_colour = 1;
			r->colour[0] = c->red;
			r->colour[1] = c->green;
			r->colour[2] = c->blue;
		} else if (a->klass->type == PANGO_ATTR_UNDERLINE &&
			   ((const PangoAttrInt *)a)->value != PANGO_UNDERLINE_NONE) {
			r->underline = 1;
		}
	}
}

struct pp_text *text_from_layout(PangoLayout *l)
{
	struct text_builder b;
	tb_init(&b);
	PangoLayoutIter *it = pango_layout_get_iter(l);
	do {
		PangoLayoutLine *pl = pango_layout_iter_get_line_readonly(it);
		PangoRectangle logical;
		int y0, y1;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		struct pp_text_line *line = tb_line(&b);
		line->start = pl->start_index;
		line->length = pl->length;
		line->x = logical.x;
		line->width = logical.width;
		line->lheight = logical.height;
		line->top = y0;
		line->height = y1 - y0;
		line->baseline = pango_layout_iter_get_baseline(it);
		int x = 0;
		for (GSList *rl = pl->runs; rl; rl = rl->next) {
			const PangoGlyphItem *gi = rl->data;
			const PangoGlyphString *gs = gi->glyphs;
			struct pp_text_run *r = tb_run(&b);
			r->offset = gi->item->offset;
			r->length = gi->item->length;
			r->x = x + gi->start_x_offset;
			r->font = tb_font(&b, gi->item->analysis.font);
			r->rtl = gi->item->analysis.level % 2;
			run_attrs(gi->item, r);
			tb_reserve(&b, (size_t)gs->num_glyphs);
			for (int i = 0; i < gs->num_glyphs; i++) {
				const PangoGlyphInfo *g = &gs->glyphs[i];
				tb_glyph(&b, g->glyph, g->geometry.width, gs->log_clusters[i],
					 g->geometry.x_offset, g->geometry.y_offset);
			}
			/* tb_run() took the index before the glyphs */
			b.runs[b.n_runs - 1].n_glyphs = (uint32_t)gs->num_glyphs;
			x += pango_glyph_string_get_width(gi->glyphs);
			b.lines[b.n_lines - 1].n_runs++;
		}
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	struct pp_text *t = tb_pack(&b, pango_layout_get_text(l), (int)strlen(pango_layout_get_text(l)));
	t->layout_width = pango_layout_get_width(l);
	pango_layout_get_size(l, &t->width, &t->height);
	tb_fini(&b);
	return t;
}

/* ---------- reading back ------------------------------------------------- */

void text_run_glyphs(const struct pp_text *t, const struct pp_text_run *r, PangoGlyphString *gs)
{
	pango_glyph_string_set_size(gs, (int)r->n_glyphs);
	text_run_glyphs_to(t, r, gs->glyphs, gs->log_clusters);
}

void text_run_glyphs_to(const struct pp_text *t, const struct pp_text_run *r,
                        PangoGlyphInfo *glyphs, int *log_clusters)
{
	int32_t cluster = 0, prev = -1;
	for (uint32_t k = 0; k < r->n_glyphs; k++) {
		uint32_t i = r->glyph0 + k;
		PangoGlyphInfo *g = &glyphs[k];
		if (t->wide) {
			g->glyph = t->g32[i];
			g->geometry.width = t->w32[i];
			cluster = t->c32[i];
		} else {
			g->glyph = t->g16[i] == NARROW_EMPTY ? PANGO_GLYPH_EMPTY : t->g16[i];
			g->geometry.width = t->w16[i];
			cluster += t->c8[i];
		}
		g->geometry.x_offset = t->off ? t->off[2 * i] : 0;
		g->geometry.y_offset = t->off ? t->off[2 * i + 1] : 0;
		g->attr.is_cluster_start = cluster != prev;
		g->attr.is_color = 0;
		log_clusters[k] = cluster;
		prev = cluster;
	}
}

/* Advance of glyph i and its cluster (relative to its run), walking a run
 * from its start: *cluster carries the running value for narrow texts. */
static int32_t glyph_width(const struct pp_text *t, uint32_t i)
{
	return t->wide ? t->w32[i] : t->w16[i];
}

/*
 * x (from the run's start) of the leading edge of byte `index` of LTR run
 * r, or of its trailing edge when `trailing`: the edges of its cluster,
 * split evenly between the cluster's characters as Pango does for
 * ligatures. Only fast-path texts (left to right) are asked.
 */
static int run_index_to_x(const struct pp_text *t, const struct pp_text_run *r, int index,
			  int trailing)
{
	int x = 0, cl = 0, cs = 0, ce = r->length, x0 = 0, x1 = -1;
	for (uint32_t i = r->glyph0; i < r->glyph0 + r->n_glyphs; i++) {
		cl = t->wide ? t->c32[i] : cl + t->c8[i];
		if (cl <= index) {
			cs = cl;
			x0 = x;
		} else if (x1 < 0) {
			ce = cl;
			x1 = x;
		}
		x += glyph_width(t, i);
	}
	if (x1 < 0)
		x1 = x;
	const char *base = t->text + r->offset;
	int chars = (int)g_utf8_strlen(base + cs, ce - cs);
	int before = (int)g_utf8_strlen(base + cs, index - cs) + (trailing ? 1 : 0);
	if (chars <= 0)
		chars = 1;
	return x0 + (x1 - x0) * before / chars;
}

void text_line_x_ranges(const struct pp_text *t, int line, int start, int end, int **ranges,
			int *n_ranges)
{
	const struct pp_text_line *ln = &t->lines[line];
	int *out = g_new(int, 2 * (ln->n_runs + 2));
	int n = 0;
	int x_offset = ln->x;
	int line_start = ln->start, line_end = ln->start + ln->length;
	if (x_offset > 0 && start < line_start) {
		out[2 * n] = 0;
		out[2 * n + 1] = x_offset;
		n++;
	}
	int acc = 0;
	for (uint32_t k = 0; k < ln->n_runs; k++) {
		const struct pp_text_run *r = &t->runs[ln->run0 + k];
		if (start < r->offset + r->length && end > r->offset) {
			int rs = start > r->offset ? start : r->offset;
			int re = end < r->offset + r->length ? end : r->offset + r->length;
			re = (int)(g_utf8_prev_char(t->text + re) - t->text);
			int xs = run_index_to_x(t, r, rs - r->offset, 0);
			int xe = run_index_to_x(t, r, re - r->offset, 1);
			out[2 * n] = x_offset + acc + (xs < xe ? xs : xe);
			out[2 * n + 1] = x_offset + acc + (xs < xe ? xe : xs);
			n++;
		}
		for (uint32_t i = r->glyph0; i < r->glyph0 + r->n_glyphs; i++)
			acc += glyph_width(t, i);
	}
	if (x_offset + ln->width < t->layout_width && end > line_end) {
		out[2 * n] = x_offset + ln->width;
		out[2 * n + 1] = t->layout_width;
		n++;
	}
	*ranges = out;
	*n_ranges = n;
}
