/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Licence: the line breaking below ports Pango 1.50's process_line and
 * process_item (pango/pango-layout.c) closely, quirks included, so this
 * file is a derivative of Pango and keeps Pango's licence, the GNU LGPL
 * 2.1 or later (Copyright (C) 2000 Red Hat Software and the Pango
 * authors), not the MIT licence of the rest of planpress; see README.md,
 * "Licence".
 *
 * text_fast.c - measure simple paragraphs without PangoLayout's line
 * breaker: itemize by attribute spans and script runs, shape each item
 * once with HarfBuzz on Pango's own font, take break opportunities from
 * text_break.c (pango_default_break() for characters it does not know),
 * and break lines greedily exactly as Pango 1.50
 * does for WRAP_WORD_CHAR (process_line / process_item in pango-layout.c).
 *
 * Why: a PangoLayout shapes the pieces it tries as line ends again and
 * keeps every line object until the document is drawn; a long table spent
 * most of its layout time there. Here a paragraph is shaped once, a tried
 * line end costs the width of one glyph shaped alone, and the result is a
 * compact struct pp_text.
 *
 * What is simple (anything else returns NULL, and the caller lets Pango do
 * it, so output never changes): left-to-right text in Latin, Greek,
 * Cyrillic or common punctuation that the primary font covers, one glyph
 * per character, no tabs, no empty paragraph, attributes only weight,
 * style, language, foreground and single underline, a wrapping width, no
 * justification, indent, spacing or ellipsis, and every line breakable at
 * a word boundary (a word wider than the line needs Pango's character
 * breaks) with no inserted hyphen.
 *
 * Invariant: the lines, runs, glyphs and metrics equal what PangoLayout
 * gives for the same layout. PP_TEXT_VERIFY=1 in the environment checks
 * every text against a real PangoLayout, and its break attributes against
 * pango_default_break(), and aborts on a difference;
 * PP_TEXT_WHY=1 prints why a text was left to Pango.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>

#include "alloc.h"
#include "text.h"
#include "text_break.h"
#include "text_int.h"

static void why(const char *reason, const char *text);

/* ---------- fonts, per PangoContext (so per thread) ---------------------- */

struct fast_font {
	guint hash;
	PangoFontDescription *base; /* the layout's description */
	int weight, style;	    /* attribute overrides, or -1 */
	PangoLanguage *lang;	    /* derived language of the item */
	PangoFont *font;	    /* the fontset's first font, a reference */
	hb_font_t *hb;
	hb_feature_t features[32];
	unsigned n_features;
	int ascent, descent;	/* logical extents of every glyph */
	int safe;		/* Pango's break look-ahead: 3 char widths */
	GHashTable *end_width;	/* codepoint -> advance shaped alone + 1 */
	uint32_t ascii[4];	/* characters below 128 the font has */
};

struct fast_cache {
	struct fast_font **fonts; /* each its own allocation: items point at them */
	size_t n_fonts, cap_fonts;
	hb_buffer_t *buf;
	PangoLanguage *context_lang;
};

static void cache_free(gpointer data)
{
	struct fast_cache *c = data;
	for (size_t i = 0; i < c->n_fonts; i++) {
		pango_font_description_free(c->fonts[i]->base);
		g_object_unref(c->fonts[i]->font);
		g_hash_table_destroy(c->fonts[i]->end_width);
		free(c->fonts[i]);
	}
	free(c->fonts);
	hb_buffer_destroy(c->buf);
	free(c);
}

static struct fast_cache *context_cache(PangoContext *ctx)
{
	struct fast_cache *c = g_object_get_data(G_OBJECT(ctx), "pp-text-fast");
	if (c)
		return c;
	c = pp_xcalloc(1, sizeof *c);
	c->buf = hb_buffer_create();
	g_object_set_data_full(G_OBJECT(ctx), "pp-text-fast", c, cache_free);
	return c;
}

static gboolean first_font(PangoFontset *fs, PangoFont *font, gpointer data)
{
	(void)fs;
	*(PangoFont **)data = font;
	return TRUE;
}

static struct fast_font *load_font(PangoContext *ctx, struct fast_cache *c,
				   const PangoFontDescription *base, guint hash, int weight,
				   int style, PangoLanguage *lang)
{
	for (size_t i = 0; i < c->n_fonts; i++) {
		struct fast_font *f = c->fonts[i];
		if (f->hash == hash && f->weight == weight && f->style == style &&
		    f->lang == lang && pango_font_description_equal(f->base, base))
			return f;
	}
	/* As the itemizer does: the context's description, the layout's on
	 * top, then the span's weight and style. */
	PangoFontDescription *d =
		pango_font_description_copy(pango_context_get_font_description(ctx));
	pango_font_description_merge(d, base, TRUE);
	if (weight >= 0)
		pango_font_description_set_weight(d, (PangoWeight)weight);
	if (style >= 0)
		pango_font_description_set_style(d, (PangoStyle)style);
	PangoFontset *fs = pango_context_load_fontset(ctx, d, lang);
	pango_font_description_free(d);
	PangoFont *font = NULL;
	if (fs) {
		pango_fontset_foreach(fs, first_font, &font);
		if (font)
			g_object_ref(font);
		g_object_unref(fs);
	}
	if (!font)
		return NULL;
	PP_GROW(c->fonts, c->n_fonts + 1, c->cap_fonts);
	struct fast_font *f = pp_xcalloc(1, sizeof *f);
	c->fonts[c->n_fonts++] = f;
	f->hash = hash;
	f->base = pango_font_description_copy(base);
	f->weight = weight;
	f->style = style;
	f->lang = lang;
	f->font = font;
	f->hb = pango_font_get_hb_font(font);
	pango_font_get_features(font, f->features, G_N_ELEMENTS(f->features), &f->n_features);
	hb_codepoint_t space = 0;
	hb_font_get_nominal_glyph(f->hb, ' ', &space);
	PangoRectangle logical;
	pango_font_get_glyph_extents(font, space, NULL, &logical);
	f->ascent = -logical.y;
	f->descent = logical.height + logical.y;
	PangoFontMetrics *m = pango_font_get_metrics(font, lang);
	f->safe = pango_font_metrics_get_approximate_char_width(m) * 3;
	pango_font_metrics_unref(m);
	f->end_width = g_hash_table_new(NULL, NULL);
	for (gunichar ch = 0; ch < 128; ch++)
		if (pango_font_has_char(font, ch))
			f->ascii[ch / 32] |= 1u << (ch % 32);
	return f;
}

static int font_has(const struct fast_font *f, gunichar ch)
{
	if (ch < 128)
		return (f->ascii[ch / 32] >> (ch % 32)) & 1;
	return pango_font_has_char(f->font, ch);
}

/* ---------- what the fast path accepts ------------------------------------ */

/* Characters of simple scripts that need no shaping beyond kerning, are
 * never right-to-left, never emoji and never default-ignorable. */
static int simple_char(gunichar ch)
{
	if (ch >= 0x20 && ch < 0x7f)
		return 1;
	if (ch >= 0xa0 && ch < 0x250)
		return ch != 0xad && ch != 0xa9 && ch != 0xae;
	if (ch >= 0x370 && ch < 0x530)
		return 1;
	if (ch >= 0x1e00 && ch < 0x2000)
		return 1;
	if (ch >= 0x2010 && ch <= 0x2027)
		return 1;
	if (ch >= 0x2030 && ch <= 0x205e)
		return ch != 0x203c && ch != 0x2049;
	return ch == 0x20ac;
}

static int simple_script(PangoScript s)
{
	return s == PANGO_SCRIPT_COMMON || s == PANGO_SCRIPT_INHERITED ||
	       s == PANGO_SCRIPT_LATIN || s == PANGO_SCRIPT_GREEK || s == PANGO_SCRIPT_CYRILLIC;
}

/* Attribute spans: itemizing ones (weight, style, language) and the ones
 * that only split runs (foreground, underline). */
struct span {
	int start, end;
	PangoAttrType type;
	int value;		/* weight, style, underline */
	PangoLanguage *lang;
	PangoColor colour;
};

static int collect_spans(PangoAttrList *attrs, struct span **out, size_t *n_out)
{
	*out = NULL;
	*n_out = 0;
	if (!attrs)
		return 1;
	GSList *list = pango_attr_list_get_attributes(attrs);
	size_t n = g_slist_length(list), k = 0;
	struct span *s = n ? pp_xcalloc(n, sizeof *s) : NULL;
	int ok = 1;
	for (GSList *l = list; l; l = l->next) {
		PangoAttribute *a = l->data;
		struct span *sp = &s[k++];
		sp->start = (int)a->start_index;
		sp->end = (int)a->end_index;
		sp->type = a->klass->type;
		switch ((int)a->klass->type) {
		case PANGO_ATTR_WEIGHT:
		case PANGO_ATTR_STYLE:
			sp->value = ((PangoAttrInt *)a)->value;
			break;
		case PANGO_ATTR_UNDERLINE:
			sp->value = ((PangoAttrInt *)a)->value;
			if (sp->value != PANGO_UNDERLINE_SINGLE)
				ok = 0;
			break;
		case PANGO_ATTR_LANGUAGE:
			sp->lang = ((PangoAttrLanguage *)a)->value;
			break;
		case PANGO_ATTR_FOREGROUND:
			sp->colour = ((PangoAttrColor *)a)->color;
			break;
		default:
			ok = 0;
		}
	}
	g_slist_free_full(list, (GDestroyNotify)pango_attribute_destroy);
	/* Overlapping spans of one type: Pango's precedence rules apply;
	 * leave those to it. */
	for (size_t i = 0; ok && i < k; i++)
		for (size_t j = i + 1; ok && j < k; j++)
			if (s[i].type == s[j].type && s[i].start < s[j].end &&
			    s[j].start < s[i].end)
				ok = 0;
	*out = s;
	*n_out = k;
	return ok;
}

/* ---------- one paragraph -------------------------------------------------- */

struct item {
	int c0, c1; /* characters of the paragraph */
	struct fast_font *f;
	PangoScript script;
};

struct para {
	const char *text; /* the whole layout's text */
	int text_len;
	int p0, p1;	  /* bytes of the paragraph (no delimiter) */
	int n;		  /* characters */
	int last;	  /* the layout's last paragraph */
	int *cbyte;	  /* n + 1 byte offsets (absolute) */
	gunichar *ch;
	PangoLogAttr *la; /* n + 1 (computed over paragraph and delimiter) */
	uint32_t *gid;
	int32_t *w, *xo, *yo;
	struct item *items;
	size_t n_items, cap_items;
};

static void para_fini(struct para *p)
{
	free(p->cbyte);
	free(p->ch);
	free(p->la);
	free(p->gid);
	free(p->w);
	free(p->xo);
	free(p->yo);
	free(p->items);
}

static void buffer_setup(hb_buffer_t *buf, const struct item *it)
{
	hb_buffer_clear_contents(buf);
	hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
	hb_buffer_set_script(buf, (hb_script_t)g_unicode_script_to_iso15924((GUnicodeScript)it->script));
	hb_buffer_set_language(buf, hb_language_from_string(pango_language_to_string(it->f->lang), -1));
	hb_buffer_set_invisible_glyph(buf, PANGO_GLYPH_EMPTY);
}

/* Shape item `it` once; 0 when a character does not get exactly one glyph
 * of its own. */
static int shape_item(struct fast_cache *c, struct para *p, const struct item *it)
{
	hb_buffer_t *buf = c->buf;
	buffer_setup(buf, it);
	int start = p->cbyte[it->c0], len = p->cbyte[it->c1] - start;
	unsigned flags = HB_BUFFER_FLAG_DEFAULT;
	if (start == 0)
		flags |= HB_BUFFER_FLAG_BOT;
	if (start + len == p->text_len)
		flags |= HB_BUFFER_FLAG_EOT;
	hb_buffer_set_flags(buf, (hb_buffer_flags_t)flags);
	hb_buffer_add_utf8(buf, p->text, p->text_len, (unsigned)start, len);
	hb_shape(it->f->hb, buf, it->f->features, it->f->n_features);
	unsigned n;
	hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
	hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, NULL);
	if ((int)n != it->c1 - it->c0)
		return 0;
	for (unsigned i = 0; i < n; i++) {
		int k = it->c0 + (int)i;
		if ((int)info[i].cluster != p->cbyte[k] || info[i].codepoint == 0)
			return 0;
		p->gid[k] = info[i].codepoint;
		p->w[k] = pos[i].x_advance;
		p->xo[k] = pos[i].x_offset;
		p->yo[k] = -pos[i].y_offset;
	}
	return 1;
}

/*
 * Advance of character k when it ends a piece of its item that Pango
 * shapes on its own (a line that breaks after it): no kerning with what
 * follows. -1 when it shapes to another glyph.
 */
static int32_t end_width(struct fast_cache *c, struct para *p, const struct item *it, int k)
{
	gpointer key = GUINT_TO_POINTER(p->ch[k]);
	gpointer v = g_hash_table_lookup(it->f->end_width, key);
	if (v)
		return (int32_t)(GPOINTER_TO_UINT(v) - 1);
	hb_buffer_t *buf = c->buf;
	buffer_setup(buf, it);
	hb_buffer_set_flags(buf, HB_BUFFER_FLAG_DEFAULT);
	hb_buffer_add_utf8(buf, p->text, p->text_len, (unsigned)p->cbyte[k],
			   p->cbyte[k + 1] - p->cbyte[k]);
	hb_shape(it->f->hb, buf, it->f->features, it->f->n_features);
	unsigned n;
	hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
	hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, NULL);
	if (n != 1 || info[0].codepoint != p->gid[k] || pos[0].x_advance < 0)
		return -1;
	g_hash_table_insert(it->f->end_width, key, GUINT_TO_POINTER((guint)pos[0].x_advance + 1));
	return pos[0].x_advance;
}

/* ---------- Pango 1.50's line breaking, for items of one paragraph -------- */

/* A piece of an item placed on the line being filled. */
struct piece {
	size_t item;
	int c0, c1;
	int32_t last_w; /* advance of its last glyph on the line */
};

struct breaker {
	struct fast_cache *cache;
	struct para *p;
	int line_width;
	/* the line being filled */
	struct piece *pieces;
	size_t n_pieces, cap_pieces;
	int remaining;
	/* where the next line starts */
	size_t item;
	int start; /* character */
	int failed;
};

static int can_break_at(const struct breaker *b, int k)
{
	if (k == b->p->n && b->p->last)
		return 1;
	return b->p->la[k].is_line_break;
}

static int32_t sum_w(const struct para *p, int a, int z)
{
	int32_t s = 0;
	for (int k = a; k < z; k++)
		s += p->w[k];
	return s;
}

/* find_break_extra_width(): a break after white space does not count it. */
static int extra_width(const struct breaker *b, int s, int k)
{
	if (k > 0 && b->p->la[s + k - 1].is_white)
		return -b->p->w[s + k - 1];
	return 0;
}

static void add_piece(struct breaker *b, int c0, int c1, int32_t last_w)
{
	PP_GROW(b->pieces, b->n_pieces + 1, b->cap_pieces);
	b->pieces[b->n_pieces++] = (struct piece){ b->item, c0, c1, last_w };
}

enum fit { NONE_FIT, SOME_FIT, ALL_FIT, EMPTY_FIT };

static enum fit process_item(struct breaker *b, int force_fit, int no_break_at_end, int is_last)
{
	struct para *p = b->p;
	const struct item *it = &p->items[b->item];
	int s = b->start, e = it->c1, n = e - s;
	int32_t width = sum_w(p, s, e);
	int extra = 0;
	if (!no_break_at_end && can_break_at(b, e))
		extra = extra_width(b, s, n);
	int runs = b->n_pieces > 0;
	if ((width + extra <= b->remaining || (n == 1 && !runs)) && !no_break_at_end) {
		/* Pango shapes the rest of the item again: it ends where the
		 * item does, so its advances are those of the first shaping. */
		add_piece(b, s, e, p->w[e - 1]);
		b->remaining -= width;
		if (b->remaining < 0)
			b->remaining = 0;
		return ALL_FIT;
	}
	int break_num = n, break_width = width, break_extra = extra;
	int safe = it->f->safe;
	int32_t w = 0;
	int limit = no_break_at_end ? n - 1 : n;
	for (int k = 0; k <= limit; k++) {
		int ex = extra_width(b, s, k);
		int lo = w + ex < w ? w + ex : w;
		if (lo > b->remaining + safe && break_num < n)
			break;
		if (can_break_at(b, s + k) && (k > 0 || runs)) {
			if (k == 0 || w + ex < b->remaining - safe) {
				break_num = k;
				break_width = w;
				break_extra = ex;
			} else {
				/* Pango shapes the piece that would end the line
				 * and measures it: its last glyph loses the
				 * kerning with what follows. */
				int32_t nw = w;
				if (k < n) {
					int32_t ew = end_width(b->cache, p, it, s + k - 1);
					if (ew < 0) {
						b->failed = 1;
						return NONE_FIT;
					}
					nw = w - p->w[s + k - 1] + ew;
				}
				int ex2 = 0;
				if (k > 0 && (k < n || !is_last) && p->la[s + k - 1].is_white)
					ex2 = -p->w[s + k - 1];
				if (break_num == n || nw + ex2 <= b->remaining ||
				    nw + ex2 < break_width + break_extra) {
					break_num = k;
					break_width = nw;
					break_extra = ex2;
				}
			}
		}
		if (k < n)
			w += p->w[s + k];
	}
	if (force_fit && break_width + break_extra > b->remaining) {
		/* Pango retries with breaks between characters: not here. */
		b->failed = 1;
		return NONE_FIT;
	}
	if (force_fit || break_width + break_extra <= b->remaining) {
		b->remaining -= break_width + break_extra;
		if (b->remaining < 0)
			b->remaining = 0;
		if (break_num == n) {
			add_piece(b, s, e, p->w[e - 1]);
			return ALL_FIT;
		}
		if (break_num == 0)
			return EMPTY_FIT;
		int32_t ew = end_width(b->cache, p, it, s + break_num - 1);
		if (ew < 0) {
			b->failed = 1;
			return NONE_FIT;
		}
		add_piece(b, s, s + break_num, ew);
		b->start = s + break_num;
		return SOME_FIT;
	}
	return NONE_FIT;
}

/* One line from (b->item, b->start): fills b->pieces; returns whether it
 * was wrapped (ended by a break rather than the paragraph's end). */
static int process_line(struct breaker *b)
{
	struct para *p = b->p;
	b->n_pieces = 0;
	b->remaining = b->line_width;
	int have_break = 0, break_remaining = 0, break_start = 0;
	size_t break_item = 0, break_pieces = 0;
	while (b->item < p->n_items) {
		const struct item *it = &p->items[b->item];
		int old_start = b->start, old_remaining = b->remaining;
		int first = b->n_pieces == 0, last = b->item + 1 == p->n_items;
		size_t old_pieces = b->n_pieces;
		enum fit r = process_item(b, !have_break, 0, last);
		if (b->failed)
			return 0;
		switch (r) {
		case ALL_FIT:
			for (int k = first ? 0 : 1; k < it->c1 - old_start; k++)
				if (can_break_at(b, old_start + k)) {
					have_break = 1;
					break_remaining = old_remaining;
					break_start = old_start;
					break_item = b->item;
					break_pieces = old_pieces;
					break;
				}
			b->item++;
			if (b->item < p->n_items)
				b->start = p->items[b->item].c0;
			break;
		case EMPTY_FIT:
		case SOME_FIT:
			return 1;
		case NONE_FIT:
			/* back to the item with the last break opportunity */
			b->n_pieces = break_pieces;
			b->item = break_item;
			b->start = break_start;
			b->remaining = break_remaining;
			r = process_item(b, 1, 1, b->item + 1 == p->n_items);
			if (b->failed)
				return 0;
			if (r != SOME_FIT && r != EMPTY_FIT) {
				b->failed = 1;
				return 0;
			}
			return 1;
		}
	}
	return 0;
}

/* ---------- the text -------------------------------------------------------- */

struct fast {
	PangoLayout *l;
	PangoContext *ctx;
	struct fast_cache *cache;
	const char *text;
	int len;
	struct span *spans;
	size_t n_spans;
	const PangoFontDescription *base;
	guint base_hash;
	PangoAlignment align;
	int width;
	int y; /* top of the next line */
	struct text_builder tb;
	int min_x, max_x;
	int verify; /* PP_TEXT_VERIFY */
};

/* Itemizing attributes at byte i: weight, style, language (or -1/NULL). */
static void font_attrs_at(const struct fast *F, int i, int *weight, int *style,
			  PangoLanguage **lang)
{
	*weight = *style = -1;
	*lang = NULL;
	for (size_t k = 0; k < F->n_spans; k++) {
		const struct span *s = &F->spans[k];
		if (i < s->start || i >= s->end)
			continue;
		if (s->type == PANGO_ATTR_WEIGHT)
			*weight = s->value;
		else if (s->type == PANGO_ATTR_STYLE)
			*style = s->value;
		else if (s->type == PANGO_ATTR_LANGUAGE)
			*lang = s->lang;
	}
}

/* Does an itemizing attribute start or end at byte i? */
static int font_boundary(const struct fast *F, int i)
{
	for (size_t k = 0; k < F->n_spans; k++) {
		const struct span *s = &F->spans[k];
		if ((s->type == PANGO_ATTR_WEIGHT || s->type == PANGO_ATTR_STYLE ||
		     s->type == PANGO_ATTR_LANGUAGE) &&
		    (s->start == i || s->end == i))
			return 1;
	}
	return 0;
}

static int any_boundary(const struct fast *F, int i)
{
	for (size_t k = 0; k < F->n_spans; k++)
		if (F->spans[k].start == i || F->spans[k].end == i)
			return 1;
	return 0;
}

/* Items of the paragraph: script runs cut where an itemizing attribute
 * starts or ends. 0 when a script or character is not simple. */
/* Items of the script run [b0, b1) (bytes) from character *k on. */
static int itemize_run(struct fast *F, struct para *p, int b0, int b1, PangoScript script,
		       int *kp)
{
	int k = *kp;
	while (k < p->n && p->cbyte[k] < b0)
		k++;
	while (k < p->n && p->cbyte[k] < b1) {
		int c0 = k;
		k++;
		while (k < p->n && p->cbyte[k] < b1 && !font_boundary(F, p->cbyte[k]))
			k++;
		int weight, style;
		PangoLanguage *lang;
		font_attrs_at(F, p->cbyte[c0], &weight, &style, &lang);
		if (!lang)
			lang = F->cache->context_lang;
		/* the itemizer's derived language */
		PangoLanguage *dl = lang;
		if (!lang || !pango_language_includes_script(lang, script)) {
			dl = pango_script_get_sample_language(script);
			if (!dl)
				dl = pango_language_from_string("xx");
		}
		struct fast_font *f =
			load_font(F->ctx, F->cache, F->base, F->base_hash, weight, style, dl);
		if (!f)
			return 0;
		for (int j = c0; j < k; j++)
			if (!font_has(f, p->ch[j]))
				return 0;
		PP_GROW(p->items, p->n_items + 1, p->cap_items);
		p->items[p->n_items++] = (struct item){ c0, k, f, script };
	}
	*kp = k;
	return 1;
}

/* Items of the paragraph: script runs cut where an itemizing attribute
 * starts or ends. 0 when a script or character is not simple. */
static int itemize(struct fast *F, struct para *p)
{
	int k = 0;
	PangoScript script;
	/* one script run, as pango_script_iter would find (text_break.h) */
	if (text_break_script(p->ch, p->n, &script))
		return simple_script(script) && itemize_run(F, p, p->p0, p->p1, script, &k) &&
		       k == p->n;
	PangoScriptIter *si = pango_script_iter_new(F->text + p->p0, p->p1 - p->p0);
	int ok = 1;
	do {
		const char *rs, *re;
		pango_script_iter_get_range(si, &rs, &re, &script);
		ok = simple_script(script) &&
		     itemize_run(F, p, (int)(rs - F->text), (int)(re - F->text), script, &k);
	} while (ok && pango_script_iter_next(si));
	pango_script_iter_free(si);
	return ok && k == p->n;
}

/* The run attributes (colour, underline) at byte i. */
static void run_attrs_at(const struct fast *F, int i, struct pp_text_run *r)
{
	for (size_t k = 0; k < F->n_spans; k++) {
		const struct span *s = &F->spans[k];
		if (i < s->start || i >= s->end)
			continue;
		if (s->type == PANGO_ATTR_FOREGROUND) {
			r->has_colour = 1;
			r->colour[0] = s->colour.red;
			r->colour[1] = s->colour.green;
			r->colour[2] = s->colour.blue;
		} else if (s->type == PANGO_ATTR_UNDERLINE) {
			r->underline = 1;
		}
	}
}

/* Emit the line in b->pieces: runs split where any attribute starts or
 * ends (pango_glyph_item_apply_attrs), metrics from the fonts. */
static void emit_line(struct fast *F, struct breaker *b, int wrapped)
{
	struct para *p = b->p;
	struct text_builder *tb = &F->tb;
	struct pp_text_line *ln = tb_line(tb);
	size_t li = tb->n_lines - 1;
	int asc = 0, desc = 0, x = 0, end = 0;
	for (size_t i = 0; i < b->n_pieces; i++) {
		const struct piece *pc = &b->pieces[i];
		const struct item *it = &p->items[pc->item];
		if (it->f->ascent > asc)
			asc = it->f->ascent;
		if (it->f->descent > desc)
			desc = it->f->descent;
		int k = pc->c0;
		while (k < pc->c1) {
			int k1 = k + 1;
			while (k1 < pc->c1 && !any_boundary(F, p->cbyte[k1]))
				k1++;
			struct pp_text_run *r = tb_run(tb);
			r->offset = p->cbyte[k];
			r->length = p->cbyte[k1] - p->cbyte[k];
			r->x = x;
			r->font = tb_font(tb, it->f->font);
			run_attrs_at(F, p->cbyte[k], r);
			tb_reserve(tb, (size_t)(k1 - k));
			for (int j = k; j < k1; j++) {
				int32_t w = j == pc->c1 - 1 ? pc->last_w : p->w[j];
				uint32_t g = p->gid[j];
				if (wrapped && j == pc->c1 - 1 && i == b->n_pieces - 1 &&
				    p->la[j].is_white) {
					/* zero_line_final_space() */
					w = 0;
					g = PANGO_GLYPH_EMPTY;
				}
				tb_glyph(tb, g, w, p->cbyte[j] - r->offset, p->xo[j], p->yo[j]);
				x += w;
			}
			tb->runs[tb->n_runs - 1].n_glyphs = (uint32_t)(k1 - k);
			tb->lines[li].n_runs++;
			k = k1;
		}
		end = p->cbyte[pc->c1];
	}
	ln = &tb->lines[li];
	ln->start = p->cbyte[b->pieces[0].c0];
	ln->length = end - ln->start;
	ln->width = x;
	switch (F->align) {
	case PANGO_ALIGN_RIGHT:
		ln->x = F->width - x;
		break;
	case PANGO_ALIGN_CENTER:
		ln->x = (F->width - x) / 2;
		if (((F->width | x) & (PANGO_SCALE - 1)) == 0)
			ln->x = PANGO_UNITS_ROUND(ln->x);
		break;
	default:
		ln->x = 0;
	}
	ln->lheight = asc + desc;
	ln->top = F->y;
	ln->height = asc + desc;
	ln->baseline = F->y + asc;
	F->y += asc + desc;
	if (ln->x < F->min_x)
		F->min_x = ln->x;
	if (ln->x + x > F->max_x)
		F->max_x = ln->x + x;
}

/* PP_TEXT_VERIFY: text_break_chars() gave what Pango gives. */
static void verify_breaks(const char *text, int length, const PangoLogAttr *la, int n_la)
{
	PangoLogAttr *ref = pp_xcalloc((size_t)n_la, sizeof *ref);
	pango_default_break(text, length, NULL, ref, n_la);
	int bad = text_break_differ(la, ref, n_la);
	if (bad) {
		fprintf(stderr, "text_fast: break attributes differ at character %d in \"%.*s\"\n",
			bad - 1, length, text);
		abort();
	}
	free(ref);
}

static int do_paragraph(struct fast *F, int p0, int p1, int delim, int last)
{
	struct para p = { 0 };
	p.text = F->text;
	p.text_len = F->len;
	p.p0 = p0;
	p.p1 = p1;
	p.last = last;
	int n = (int)g_utf8_strlen(F->text + p0, p1 - p0);
	p.n = n;
	p.cbyte = pp_xmalloc((size_t)(n + 1) * sizeof *p.cbyte);
	p.ch = pp_xmalloc((size_t)(n + 1) * sizeof *p.ch);
	p.gid = pp_xmalloc((size_t)(n + 1) * sizeof *p.gid);
	p.w = pp_xmalloc((size_t)(n + 1) * sizeof *p.w);
	p.xo = pp_xmalloc((size_t)(n + 1) * sizeof *p.xo);
	p.yo = pp_xmalloc((size_t)(n + 1) * sizeof *p.yo);
	const char *s = F->text + p0;
	for (int k = 0; k < n; k++) {
		p.cbyte[k] = (int)(s - F->text);
		p.ch[k] = g_utf8_get_char(s);
		s = g_utf8_next_char(s);
	}
	p.cbyte[n] = p1;
	/* as pango_layout_check_lines: the paragraph and its delimiter */
	int n_la = n + (delim ? 1 : 0) + 1;
	p.la = pp_xcalloc((size_t)n_la, sizeof *p.la);
	p.ch[n] = '\n';
	if (!text_break_chars(p.ch, n_la - 1, p.la))
		pango_default_break(F->text + p0, p1 - p0 + delim, NULL, p.la, n_la);
	else if (F->verify)
		verify_breaks(F->text + p0, p1 - p0 + delim, p.la, n_la);
	int ok = 1;
	/* Pango marks hyphen positions inside words (used by character
	 * wrapping); a word break that would insert or replace one is not
	 * handled here. */
	for (int k = 0; k <= n && ok; k++)
		if (p.la[k].break_removes_preceding ||
		    ((p.la[k].is_line_break || k == n) && p.la[k].break_inserts_hyphen))
			ok = 0;
	if (!ok)
		why("hyphen", F->text + p0);
	ok = ok && itemize(F, &p);
	if (!ok)
		why("itemize", F->text + p0);
	for (size_t i = 0; ok && i < p.n_items; i++)
		ok = shape_item(F->cache, &p, &p.items[i]);
	if (!ok)
		why("shape", F->text + p0);
	if (ok) {
		struct breaker b = { 0 };
		b.cache = F->cache;
		b.p = &p;
		b.line_width = F->width;
		b.item = 0;
		b.start = 0;
		while (b.item < p.n_items) {
			int wrapped = process_line(&b);
			if (b.failed || b.n_pieces == 0) {
				ok = 0;
				break;
			}
			emit_line(F, &b, wrapped);
			/* process_line() left (b.item, b.start) at the next
			 * line's first character. */
		}
		free(b.pieces);
	}
	para_fini(&p);
	return ok;
}

static int simple_layout(PangoLayout *l)
{
	PangoContext *ctx = pango_layout_get_context(l);
	PangoDirection dir = pango_context_get_base_dir(ctx);
	return pango_layout_get_wrap(l) == PANGO_WRAP_WORD_CHAR && pango_layout_get_width(l) > 0 &&
	       !pango_layout_get_justify(l) && pango_layout_get_indent(l) == 0 &&
	       pango_layout_get_spacing(l) == 0 && pango_layout_get_line_spacing(l) == 0.0f &&
	       pango_layout_get_ellipsize(l) == PANGO_ELLIPSIZE_NONE &&
	       !pango_layout_get_single_paragraph_mode(l) && !pango_layout_get_tabs(l) &&
	       pango_layout_get_font_description(l) &&
	       (dir == PANGO_DIRECTION_LTR || dir == PANGO_DIRECTION_WEAK_LTR ||
		dir == PANGO_DIRECTION_NEUTRAL) &&
	       pango_context_get_gravity(ctx) == PANGO_GRAVITY_SOUTH &&
	       !pango_context_get_matrix(ctx);
}

static struct pp_text *verify(PangoLayout *l, struct pp_text *t);

static int why_on = -1;
static void why(const char *reason, const char *text)
{
	if (why_on < 0)
		why_on = getenv("PP_TEXT_WHY") != NULL;
	if (why_on)
		fprintf(stderr, "fallback %s: %.60s\n", reason, text);
}

struct pp_text *text_fast(PangoLayout *l)
{
	if (!simple_layout(l)) {
		why("layout", pango_layout_get_text(l));
		return NULL;
	}
	struct fast F = { 0 };
	F.l = l;
	F.ctx = pango_layout_get_context(l);
	F.text = pango_layout_get_text(l);
	F.len = (int)strlen(F.text);
	if (F.len == 0)
		return NULL;
	/* every character simple; no empty paragraph */
	for (const char *s = F.text; *s; s = g_utf8_next_char(s)) {
		gunichar ch = g_utf8_get_char(s);
		if (ch == '\n') {
			if (s == F.text || s[1] == '\0' || s[1] == '\n') {
				why("empty paragraph", F.text);
				return NULL;
			}
		} else if (!simple_char(ch)) {
			why("char", F.text);
			return NULL;
		}
	}
	if (!collect_spans(pango_layout_get_attributes(l), &F.spans, &F.n_spans)) {
		why("attrs", F.text);
		free(F.spans);
		return NULL;
	}
	F.cache = context_cache(F.ctx);
	F.cache->context_lang = pango_context_get_language(F.ctx);
	F.base = pango_layout_get_font_description(l);
	F.base_hash = pango_font_description_hash(F.base);
	F.align = pango_layout_get_alignment(l);
	F.width = pango_layout_get_width(l);
	F.min_x = INT_MAX;
	F.max_x = INT_MIN;
	F.verify = getenv("PP_TEXT_VERIFY") != NULL;
	tb_init(&F.tb);
	int ok = 1;
	for (int p0 = 0; ok && p0 < F.len;) {
		const char *nl = strchr(F.text + p0, '\n');
		int p1 = nl ? (int)(nl - F.text) : F.len;
		ok = do_paragraph(&F, p0, p1, nl ? 1 : 0, !nl);
		p0 = nl ? p1 + 1 : F.len;
	}
	struct pp_text *t = NULL;
	if (!ok)
		why("paragraph", F.text);
	if (ok) {
		t = tb_pack(&F.tb, F.text, F.len);
		t->fast = 1;
		t->layout_width = F.width;
		t->width = F.max_x - F.min_x;
		t->height = F.y;
	}
	tb_fini(&F.tb);
	free(F.spans);
	if (t && F.verify)
		t = verify(l, t);
	return t;
}

/* ---------- checking against Pango ---------------------------------------- */

static int differ(const char *what, const char *text, long a, long b)
{
	if (a == b)
		return 0;
	fprintf(stderr, "text_fast: %s differs (fast %ld, pango %ld) in \"%s\"\n", what, a, b,
		text);
	return 1;
}

static struct pp_text *verify(PangoLayout *l, struct pp_text *t)
{
	struct pp_text *ref = text_from_layout(l);
	int bad = differ("line count", t->text, t->n_lines, ref->n_lines) ||
		  differ("width", t->text, t->width, ref->width) ||
		  differ("height", t->text, t->height, ref->height);
	PangoGlyphString *a = pango_glyph_string_new(), *b = pango_glyph_string_new();
	for (int i = 0; !bad && i < t->n_lines; i++) {
		const struct pp_text_line *x = &t->lines[i], *y = &ref->lines[i];
		bad = differ("line start", t->text, x->start, y->start) ||
		      differ("line length", t->text, x->length, y->length) ||
		      differ("line x", t->text, x->x, y->x) ||
		      differ("line width", t->text, x->width, y->width) ||
		      differ("line height", t->text, x->lheight, y->lheight) ||
		      differ("line top", t->text, x->top, y->top) ||
		      differ("line baseline", t->text, x->baseline, y->baseline) ||
		      differ("runs", t->text, x->n_runs, y->n_runs);
		for (uint32_t k = 0; !bad && k < x->n_runs; k++) {
			const struct pp_text_run *r = &t->runs[x->run0 + k];
			const struct pp_text_run *s = &ref->runs[y->run0 + k];
			bad = differ("run offset", t->text, r->offset, s->offset) ||
			      differ("run length", t->text, r->length, s->length) ||
			      differ("run x", t->text, r->x, s->x) ||
			      differ("run font", t->text, (long)(t->fonts[r->font] != ref->fonts[s->font]), 0) ||
			      differ("run colour", t->text, r->has_colour, s->has_colour) ||
			      differ("run underline", t->text, r->underline, s->underline);
			if (bad)
				break;
			text_run_glyphs(t, r, a);
			text_run_glyphs(ref, s, b);
			bad = differ("glyphs", t->text, a->num_glyphs, b->num_glyphs);
			for (int g = 0; !bad && g < a->num_glyphs; g++)
				bad = differ("glyph id", t->text, a->glyphs[g].glyph, b->glyphs[g].glyph) ||
				      differ("glyph width", t->text, a->glyphs[g].geometry.width,
					     b->glyphs[g].geometry.width) ||
				      differ("glyph x offset", t->text, a->glyphs[g].geometry.x_offset,
					     b->glyphs[g].geometry.x_offset) ||
				      differ("glyph y offset", t->text, a->glyphs[g].geometry.y_offset,
					     b->glyphs[g].geometry.y_offset) ||
				      differ("cluster", t->text, a->log_clusters[g], b->log_clusters[g]);
		}
	}
	pango_glyph_string_free(a);
	pango_glyph_string_free(b);
	if (bad) {
		fprintf(stderr, "text_fast: layout width %d\n", pango_layout_get_width(l));
		abort();
	}
	pp_text_unref(ref);
	return t;
}
