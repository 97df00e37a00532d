/* SPDX-License-Identifier: MIT */
/*
 * text_fill.c - the fast path of measured text: a paragraph is itemized
 * here (attribute spans and script runs, fonts from Pango), shaped once
 * with HarfBuzz on Pango's fonts (word by word, each word once per thread:
 * shape_words), its break opportunities taken from libunibreak (UAX #14),
 * and filled into lines greedily here, without PangoLayout's line breaker.
 *
 * Why: PangoLayout shapes what is left of a paragraph again after every
 * line it breaks, so a paragraph of L lines costs about L/2 shapings, and a
 * word broken over many lines costs time in the square of its length. Here
 * each paragraph is shaped once; a line end is measured with prefix sums of
 * the advances, and only a line whose end falls where HarfBuzz says the
 * shaping depends on the neighbours (HB_GLYPH_FLAG_UNSAFE_TO_BREAK) is
 * shaped again, alone. Time is linear in the length of the text.
 *
 * What this takes (anything else returns NULL and the caller measures a
 * real PangoLayout, so complex scripts, bidi and rare features still work):
 * left-to-right items in Latin, Greek, Cyrillic or common script whose font
 * has every glyph; attributes that change only the font, colour or a single
 * underline; paragraphs separated by "\n" (none empty); no tab, soft hyphen
 * or other line separator; left, centred or right alignment without
 * justification, indent, spacing or ellipsis; word or word-and-character
 * wrapping, or no width at all.
 *
 * The lines (invariants, checked over a corpus by text_check.c):
 *   - break only where UAX #14 allows (pango_default_break's is_line_break),
 *     at a "\n", or, with PANGO_WRAP_WORD_CHAR, at a grapheme boundary
 *     inside a word that does not fit a line by itself;
 *   - never wider than the wrapping width, except a line holding a single
 *     grapheme cluster (or, with PANGO_WRAP_WORD, a single word) that is
 *     wider on its own: it overflows rather than lose text;
 *   - whitespace that ends a wrapped line stays in the line's text but is
 *     zero wide (PANGO_GLYPH_EMPTY), and does not count when fitting;
 *   - every byte of the text is in exactly one line, in order, and a line's
 *     runs cover it exactly; the "\n" between paragraphs is in none.
 * A word broken at a grapheme boundary gets no hyphen: it is an emergency
 * break, not a hyphenation.
 *
 * Metrics are in Pango units and follow the model of text.h: a line's
 * logical height is the union of its fonts' logical extents, lines stack
 * without spacing, a line's x comes from its alignment in the wrapping
 * width (in the widest line's width when there is none).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>
#include <linebreak.h>

#include "alloc.h"
#include "text.h"
#include "text_int.h"

/* One shaped glyph of a paragraph, in logical (= visual, LTR) order. */
struct glyph {
	uint32_t id;
	int32_t adv, x_off, y_off;
	int32_t cluster; /* byte offset in the whole text */
	uint16_t item;   /* index into the paragraph's items */
	uint8_t unsafe;  /* breaking before this glyph's cluster needs a reshape */
};

struct glyphs {
	struct glyph *v;
	size_t n, cap;
};

/* A stretch of a paragraph with one font, script and set of attributes. */
struct item {
	int offset, length; /* bytes of the text */
	PangoFont *font;    /* borrowed from the context's cache */
	GUnicodeScript script;
	hb_language_t lang;
	uint8_t underline, has_colour;
	uint16_t colour[3];
};

/* Per character of a paragraph. */
enum { C_LINE = 1, C_WHITE = 2, C_GRAPHEME = 4 };

/* What one call keeps while it works. */
struct filler {
	const char *text;
	int width; /* wrapping width, INT_MAX when none */
	PangoWrapMode wrap;
	hb_buffer_t *buf;
	struct text_builder tb;
	PangoContext *context;
	PangoAttrList *attrs; /* the layout's, or NULL */
	const PangoFontDescription *desc;
	PangoLanguage *lang;
	hb_language_t hb_lang;
	/* the paragraph being filled */
	struct item *item;
	size_t n_items, cap_items;
	int p_start, p_len, n_chars; /* bytes, characters */
	char *brk;                   /* p_len: libunibreak's break after each byte */
	struct text_lb_scratch lb;   /* text_line_breaks' buffers */
	uint8_t *cf;                 /* n_chars + 1: C_* flags of char i */
	int graphemes;               /* C_GRAPHEME is known */
	int *byte;                   /* n_chars + 1: byte offset (in the text) of char i */
	int64_t *x;                  /* n_chars + 1: advance of the glyphs before char i */
	int *first; /* n_chars + 1: first glyph of the cluster at char i, or -1 */
	size_t cap_chars;
	struct glyphs para, line;
	/* fonts' logical extents, parallel to tb.fonts */
	int *ascent, *descent;
	size_t cap_metrics;
	int y; /* top of the next line */
	/* text_words(): the widest paragraph's advance on one line (its
	 * shaping's advances summed as emit_line sums a line's) */
	int want_unwrapped, unwrapped;
	const char *why;
};

static int refuse(struct filler *f, const char *why)
{
	if (!f->why)
		f->why = why;
	return -1;
}

/* ---------- eligibility ------------------------------------------------- */

/* The settings of layout l the fast path does not handle. */
static int layout_is_simple(struct filler *f, PangoLayout *l)
{
	if (pango_layout_get_indent(l) != 0 || pango_layout_get_spacing(l) != 0 ||
	    pango_layout_get_line_spacing(l) != 0.0f)
		return refuse(f, "indent or spacing");
	if (pango_layout_get_justify(l))
		return refuse(f, "justified");
	if (pango_layout_get_ellipsize(l) != PANGO_ELLIPSIZE_NONE)
		return refuse(f, "ellipsized");
	if (pango_layout_get_single_paragraph_mode(l))
		return refuse(f, "single paragraph mode");
	if (pango_layout_get_tabs(l))
		return refuse(f, "tab stops");
	return 0;
}

/* The wrapping and direction of a spec the fast path handles. */
static int spec_is_simple(struct filler *f, const struct text_spec *sp)
{
	f->wrap = sp->wrap;
	if (f->wrap != PANGO_WRAP_WORD && f->wrap != PANGO_WRAP_WORD_CHAR)
		return refuse(f, "character wrapping");
	f->width = sp->width < 0 ? INT_MAX : sp->width;
	if (pango_context_get_base_dir(sp->context) == PANGO_DIRECTION_RTL)
		return refuse(f, "right-to-left base direction");
	return 0;
}

/* Characters that Pango treats specially: tabs, other paragraph or line
 * separators, soft hyphens (a break there shows a hyphen). */
static int text_is_simple(struct filler *f, int len)
{
	const unsigned char *s = (const unsigned char *)f->text;
	if (len == 0)
		return refuse(f, "empty text");
	if (s[0] == '\n' || s[len - 1] == '\n')
		return refuse(f, "empty paragraph");
	for (int i = 0; i < len; i++) {
		unsigned char c = s[i];
		if (c < 0x20 && c != '\n')
			return refuse(f, "tab or control character");
		if (c == '\n' && s[i + 1] == '\n')
			return refuse(f, "empty paragraph");
		/* U+00AD soft hyphen, U+0085 next line */
		if (c == 0xc2 && (s[i + 1] == 0xad || s[i + 1] == 0x85))
			return refuse(f, "soft hyphen or next line");
		/* U+2028, U+2029 separators */
		if (c == 0xe2 && s[i + 1] == 0x80 && (s[i + 2] == 0xa8 || s[i + 2] == 0xa9))
			return refuse(f, "line or paragraph separator");
	}
	return 0;
}

/* ---------- items --------------------------------------------------------- */

/*
 * The font Pango picks first for a description, cached per context (so per
 * thread) and the context's language (a document may set another):
 * pango_context_load_font() asks the font map each time. A character that
 * font lacks shapes to glyph 0, and then the text goes to Pango, which may
 * choose another font for it.
 */
struct font_cache {
	PangoLanguage *lang;
	GHashTable *fonts; /* PangoFontDescription -> PangoFont, both owned */
	GHashTable *words; /* struct word_key -> struct word (shape_words) */
};

static void font_cache_free(gpointer data)
{
	struct font_cache *c = data;
	g_hash_table_unref(c->words);
	g_hash_table_unref(c->fonts);
	free(c);
}

static guint word_key_hash(gconstpointer k);
static gboolean word_key_equal(gconstpointer a, gconstpointer b);

static struct font_cache *font_cache(struct filler *f)
{
	static gsize once;
	GQuark quark = text_once_quark(&once, "pp-text-fill-fonts");
	struct font_cache *c = g_object_get_qdata(G_OBJECT(f->context), quark);
	if (!c) {
		c = pp_xcalloc(1, sizeof *c);
		c->fonts = g_hash_table_new_full(text_desc_hash, text_desc_equal,
		                                 (GDestroyNotify)pango_font_description_free,
		                                 g_object_unref);
		c->words = g_hash_table_new_full(word_key_hash, word_key_equal, NULL, free);
		g_object_set_qdata_full(G_OBJECT(f->context), quark, c,
		                        font_cache_free);
	}
	if (c->lang != f->lang) {
		g_hash_table_remove_all(c->words);
		g_hash_table_remove_all(c->fonts);
		c->lang = f->lang;
	}
	return c;
}

static PangoFont *load_font(struct filler *f, const PangoFontDescription *d)
{
	struct font_cache *c = font_cache(f);
	PangoFont *font = g_hash_table_lookup(c->fonts, d);
	if (!font) {
		font = pango_context_load_font(f->context, d);
		if (!font)
			return NULL;
		g_hash_table_insert(c->fonts, pango_font_description_copy(d), font);
	}
	return font;
}

/* Script of c for itemizing, or -1 for a character the fast path leaves to
 * Pango: right-to-left and complex scripts, bidi controls, emoji (Pango
 * may give them a colour font) and anything outside the simple scripts. */
static int script_of(gunichar c)
{
	if (c < 0x80)
		return g_ascii_isalpha((int)c) ? G_UNICODE_SCRIPT_LATIN
		                               : G_UNICODE_SCRIPT_COMMON;
	if (c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) ||
	    (c >= 0x2066 && c <= 0x2069) || c == 0x200d || c == 0xfe0f || c == 0x20e3 ||
	    (c >= 0x2600 && c <= 0x27bf) || (c >= 0x2b00 && c <= 0x2bff) || c >= 0x1f000)
		return -1;
	GUnicodeScript sc = g_unichar_get_script(c);
	switch (sc) {
	case G_UNICODE_SCRIPT_COMMON:
	case G_UNICODE_SCRIPT_INHERITED:
	case G_UNICODE_SCRIPT_LATIN:
	case G_UNICODE_SCRIPT_GREEK:
	case G_UNICODE_SCRIPT_CYRILLIC:
		return sc;
	default:
		return -1;
	}
}

static int real_script(int sc)
{
	return sc != G_UNICODE_SCRIPT_COMMON && sc != G_UNICODE_SCRIPT_INHERITED;
}

static struct item *new_item(struct filler *f, int offset, const struct item *like)
{
	PP_GROW(f->item, f->n_items + 1, f->cap_items);
	struct item *it = &f->item[f->n_items++];
	*it = *like;
	it->offset = offset;
	it->length = 0;
	return it;
}

/* The attributes of one span: font, language, colour, underline. */
static int span_item(struct filler *f, PangoAttrIterator *iter, struct item *it)
{
	memset(it, 0, sizeof *it);
	it->lang = f->hb_lang;
	it->script = G_UNICODE_SCRIPT_COMMON;
	if (!iter) {
		it->font = load_font(f, f->desc);
		return it->font ? 0 : refuse(f, "no font");
	}
	/* shallow: its family and style names are f->desc's, which outlives d */
	PangoFontDescription *d = pango_font_description_copy_static(f->desc);
	PangoLanguage *lang = NULL;
	GSList *extra = NULL;
	pango_attr_iterator_get_font(iter, d, &lang, &extra);
	it->font = load_font(f, d);
	pango_font_description_free(d);
	if (lang)
		it->lang = hb_language_from_string(pango_language_to_string(lang), -1);
	int bad = 0;
	for (GSList *l = extra; l; l = l->next) {
		const PangoAttribute *a = l->data;
		if (a->klass->type == PANGO_ATTR_FOREGROUND) {
			const PangoColor *c = &((const PangoAttrColor *)a)->color;
			it->has_colour = 1;
			it->colour[0] = c->red;
			it->colour[1] = c->green;
			it->colour[2] = c->blue;
		} else if (a->klass->type == PANGO_ATTR_UNDERLINE) {
			int v = ((const PangoAttrInt *)a)->value;
			if (v == PANGO_UNDERLINE_SINGLE)
				it->underline = 1;
			else if (v != PANGO_UNDERLINE_NONE)
				bad = refuse(f, "underline style");
		} else {
			bad = refuse(f, "attribute");
		}
	}
	g_slist_free_full(extra, (GDestroyNotify)pango_attribute_destroy);
	if (!it->font)
		return refuse(f, "no font");
	return bad;
}

/*
 * Items of the paragraph: a new one where the attributes change or a
 * character of another script starts (common characters such as spaces
 * and digits join the item they are in; at the start, the next script).
 */
static int itemize(struct filler *f)
{
	f->n_items = 0;
	int p0 = f->p_start, p1 = f->p_start + f->p_len;
	PangoAttrIterator *iter = f->attrs ? pango_attr_list_get_iterator(f->attrs) : NULL;
	int rc = 0;
	do {
		int rs = 0, re = p1;
		if (iter)
			pango_attr_iterator_range(iter, &rs, &re);
		if (re <= p0)
			continue;
		if (rs >= p1)
			break;
		if (rs < p0)
			rs = p0;
		if (re > p1)
			re = p1;
		struct item span;
		if ((rc = span_item(f, iter, &span)) < 0)
			break;
		struct item *it = new_item(f, rs, &span);
		int have_script = 0;
		for (const char *q = f->text + rs; q < f->text + re; q = g_utf8_next_char(q)) {
			unsigned char b = (unsigned char)*q;
			int sc = script_of(b < 0x80 ? b : g_utf8_get_char(q));
			if (sc < 0) {
				rc =
				    refuse(f, "a character of a complex script, bidi or emoji");
				break;
			}
			if (real_script(sc)) {
				if (have_script && (int)it->script != sc) {
					it->length = (int)(q - f->text) - it->offset;
					it = new_item(f, (int)(q - f->text), &span);
				}
				it->script = (GUnicodeScript)sc;
				have_script = 1;
			}
		}
		if (rc < 0)
			break;
		it = &f->item[f->n_items - 1];
		it->length = re - it->offset;
	} while (iter && pango_attr_iterator_next(iter));
	if (iter)
		pango_attr_iterator_destroy(iter);
	if (rc == 0 && f->n_items > UINT16_MAX)
		rc = refuse(f, "too many items");
	return rc;
}

/* ---------- shaping ------------------------------------------------------ */

static hb_script_t hb_script_of(GUnicodeScript script)
{
	return hb_script_from_iso15924_tag(g_unicode_script_to_iso15924(script));
}

/* Shape bytes [start, start + len) of item k (all inside it) into out,
 * with the paragraph around them as context. */
static int shape(struct filler *f, size_t k, int start, int len, struct glyphs *out)
{
	const struct item *it = &f->item[k];
	hb_buffer_t *b = f->buf;
	hb_buffer_clear_contents(b);
	hb_buffer_set_direction(b, HB_DIRECTION_LTR);
	hb_buffer_set_script(b, hb_script_of(it->script));
	hb_buffer_set_language(b, it->lang);
	hb_buffer_set_cluster_level(b, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES);
	/* The paragraph is the context; its ends are the text's ends. */
	hb_buffer_set_flags(
	    b, (start == f->p_start ? HB_BUFFER_FLAG_BOT : 0) |
	           (start + len == f->p_start + f->p_len ? HB_BUFFER_FLAG_EOT : 0));
	hb_buffer_add_utf8(b, f->text + f->p_start, f->p_len, (unsigned)(start - f->p_start),
	                   len);
	hb_shape(pango_font_get_hb_font(it->font), b, NULL, 0);
	unsigned n;
	const hb_glyph_info_t *gi = hb_buffer_get_glyph_infos(b, &n);
	const hb_glyph_position_t *gp = hb_buffer_get_glyph_positions(b, &n);
	PP_GROW(out->v, out->n + n, out->cap);
	for (unsigned i = 0; i < n; i++) {
		if (gi[i].codepoint == 0)
			return refuse(f, "a glyph the font lacks");
		out->v[out->n++] = (struct glyph){
		    gi[i].codepoint,
		    gp[i].x_advance,
		    gp[i].x_offset,
		    -gp[i].y_offset, /* HarfBuzz's y goes up, Pango's down */
		    (int32_t)gi[i].cluster + f->p_start,
		    (uint16_t)k,
		    (hb_glyph_info_get_glyph_flags(&gi[i]) & HB_GLYPH_FLAG_UNSAFE_TO_BREAK) !=
		        0,
		};
	}
	return 0;
}

/*
 * Shaping by words. Council text repeats its words, so an item is shaped
 * as a sequence of words (a word with the spaces after it), each shaped
 * once per context and font and then reused. A word is shaped together
 * with the character that follows it, so a kerning pair across the space
 * (a space before "A", "T" or "Y" in Liberation Sans) comes out as in the
 * whole item; that character's glyph is dropped, and whether HarfBuzz
 * flagged it unsafe to break is kept for the next word's first glyph. The
 * result is a pure function of the key, so the cache cannot change what
 * is laid out, only how fast.
 */
struct word_key {
	guint hash;
	int len;           /* of bytes */
	const char *bytes; /* font, script and language, then the word and next character */
};

struct word {
	struct word_key key;
	int n;              /* glyphs */
	uint8_t unsafe_end; /* breaking after the word needs a reshape */
	struct glyph g[];   /* cluster relative to the word, item unset; then the key's bytes */
};

/* Words kept per context before the cache starts again. */
enum { WORDS_MAX = 65536, WORD_BYTES_MAX = 64 };

static guint word_key_hash(gconstpointer k)
{
	return ((const struct word_key *)k)->hash;
}

static gboolean word_key_equal(gconstpointer a, gconstpointer b)
{
	const struct word_key *x = a, *y = b;
	return x->hash == y->hash && x->len == y->len &&
	       memcmp(x->bytes, y->bytes, (size_t)x->len) == 0;
}

/* Shape bytes [s, s + len) of item k alone, with the `next` bytes after
 * them as the following character, into a new cache entry. */
static struct word *shape_word(struct filler *f, size_t k, int s, int len, int next,
                               const struct word_key *key)
{
	const struct item *it = &f->item[k];
	hb_buffer_t *b = f->buf;
	hb_buffer_clear_contents(b);
	hb_buffer_set_direction(b, HB_DIRECTION_LTR);
	hb_buffer_set_script(b, hb_script_of(it->script));
	hb_buffer_set_language(b, it->lang);
	hb_buffer_set_cluster_level(b, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES);
	hb_buffer_set_flags(b, HB_BUFFER_FLAG_DEFAULT);
	hb_buffer_add_utf8(b, f->text + s, len + next, 0, len + next);
	hb_shape(pango_font_get_hb_font(it->font), b, NULL, 0);
	unsigned n;
	const hb_glyph_info_t *gi = hb_buffer_get_glyph_infos(b, &n);
	const hb_glyph_position_t *gp = hb_buffer_get_glyph_positions(b, &n);
	unsigned mine = 0;
	while (mine < n && (int)gi[mine].cluster < len)
		mine++;
	struct word *w = pp_xmalloc(sizeof *w + mine * sizeof w->g[0] + (size_t)key->len);
	char *kb = (char *)(w->g + mine);
	memcpy(kb, key->bytes, (size_t)key->len);
	w->key = (struct word_key){key->hash, key->len, kb};
	w->n = (int)mine;
	w->unsafe_end = mine < n && (hb_glyph_info_get_glyph_flags(&gi[mine]) &
	                             HB_GLYPH_FLAG_UNSAFE_TO_BREAK);
	for (unsigned i = 0; i < mine; i++)
		w->g[i] = (struct glyph){
		    gi[i].codepoint,
		    gp[i].x_advance,
		    gp[i].x_offset,
		    -gp[i].y_offset,
		    (int32_t)gi[i].cluster,
		    0,
		    (hb_glyph_info_get_glyph_flags(&gi[i]) & HB_GLYPH_FLAG_UNSAFE_TO_BREAK) !=
		        0,
		};
	return w;
}

/* A hash of a word's key, eight bytes a step (a byte a step was a tenth
 * of filling's time). */
static guint key_hash(const char *key, size_t len)
{
	uint64_t h = 0x9e3779b97f4a7c15u ^ len;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t v;
		memcpy(&v, key + i, 8);
		h = (h ^ v) * 0xff51afd7ed558ccdu;
		h ^= h >> 32;
	}
	uint64_t v = 0;
	memcpy(&v, key + i, len - i);
	h = (h ^ v) * 0xc4ceb9fe1a85ec53u;
	h ^= h >> 29;
	return (guint)h;
}

/* Item k's glyphs into out, word by word through the cache. */
static int shape_words(struct filler *f, size_t k, struct glyphs *out)
{
	const struct item *it = &f->item[k];
	struct font_cache *c = font_cache(f);
	const char *t = f->text;
	int end = it->offset + it->length, unsafe_next = 0;
	char key[3 * sizeof(void *) + WORD_BYTES_MAX + 4];
	for (int s = it->offset; s < end;) {
		int e = s;
		while (e < end && t[e] != ' ')
			e++;
		while (e < end && t[e] == ' ')
			e++;
		int next = e < end ? (int)(g_utf8_next_char(t + e) - (t + e)) : 0;
		if (e + next > end)
			next = end - e;
		if (e - s + next > WORD_BYTES_MAX) {
			/* long words are rare: the rest of the item in place */
			size_t first = out->n;
			if (shape(f, k, s, end - s, out) < 0)
				return -1;
			if (unsafe_next && first < out->n)
				out->v[first].unsafe = 1;
			return 0;
		}
		/* key: font, language, script, then the bytes */
		size_t kl = 0;
		memcpy(key + kl, &it->font, sizeof it->font);
		kl += sizeof it->font;
		memcpy(key + kl, &it->lang, sizeof it->lang);
		kl += sizeof it->lang;
		int sc = (int)it->script;
		memcpy(key + kl, &sc, sizeof sc);
		kl += sizeof sc;
		memcpy(key + kl, t + s, (size_t)(e - s + next));
		kl += (size_t)(e - s + next);
		struct word_key wk = {key_hash(key, kl), (int)kl, key};
		struct word *w = g_hash_table_lookup(c->words, &wk);
		if (!w) {
			if (g_hash_table_size(c->words) >= WORDS_MAX)
				g_hash_table_remove_all(c->words);
			w = shape_word(f, k, s, e - s, next, &wk);
			g_hash_table_insert(c->words, &w->key, w);
		}
		PP_GROW(out->v, out->n + (size_t)w->n, out->cap);
		for (int i = 0; i < w->n; i++) {
			struct glyph g = w->g[i];
			if (g.id == 0)
				return refuse(f, "a glyph the font lacks");
			g.cluster += s;
			g.item = (uint16_t)k;
			if (i == 0 && unsafe_next)
				g.unsafe = 1;
			out->v[out->n++] = g;
		}
		unsafe_next = w->unsafe_end;
		s = e;
	}
	return 0;
}

/* ---------- one paragraph ----------------------------------------------- */

static void grow_chars(struct filler *f, size_t n)
{
	if (n <= f->cap_chars)
		return;
	f->cap_chars = n;
	f->cf = pp_xrealloc(f->cf, n * sizeof *f->cf);
	f->byte = pp_xrealloc(f->byte, n * sizeof *f->byte);
	f->x = pp_xrealloc(f->x, n * sizeof *f->x);
	f->first = pp_xrealloc(f->first, n * sizeof *f->first);
	f->brk = pp_xrealloc(f->brk, n);
}

static int ascii_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

void text_line_breaks(const char *s, size_t len, const char *lang, char *brks,
                      struct text_lb_scratch *sc)
{
	if (len > sc->cap) {
		sc->cap = len;
		sc->text = pp_xrealloc(sc->text, len);
		sc->brks = pp_xrealloc(sc->brks, len);
		sc->pos = pp_xrealloc(sc->pos, len * sizeof *sc->pos);
	}
	/* Each letter followed by a letter: no break after it, and it is
	 * left out; the run's last letter stands for the run. */
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		if (i + 1 < len && ascii_letter(s[i]) && ascii_letter(s[i + 1])) {
			brks[i] = LINEBREAK_NOBREAK;
			continue;
		}
		sc->text[n] = s[i];
		sc->pos[n++] = (int)i;
	}
	if (n == len) {
		set_linebreaks_utf8((const utf8_t *)s, len, lang, brks);
		return;
	}
	set_linebreaks_utf8((const utf8_t *)sc->text, n, lang, sc->brks);
	for (size_t k = 0; k < n; k++)
		brks[sc->pos[k]] = sc->brks[k];
}

void text_line_breaks_free(struct text_lb_scratch *sc)
{
	free(sc->text);
	free(sc->brks);
	free(sc->pos);
	*sc = (struct text_lb_scratch){0};
}

/*
 * Per character: its byte, whether a line may break before it (libunibreak,
 * UAX #14) and whether it is white space; whether a cluster starts there
 * (and its first glyph) and the advance before it.
 */
static int analyse(struct filler *f)
{
	const char *p = f->text + f->p_start;
	/* at most one character a byte */
	grow_chars(f, (size_t)f->p_len + 1);
	text_line_breaks(p, (size_t)f->p_len, pango_language_to_string(f->lang), f->brk,
	                 &f->lb);
	int n = 0;
	for (const char *q = p; q < p + f->p_len; n++) {
		gunichar c = (unsigned char)*q < 0x80 ? (gunichar)*q : g_utf8_get_char(q);
		int b = (int)(q - p);
		f->byte[n] = f->p_start + b;
		uint8_t fl = (c == ' ' || (c >= 0x80 && g_unichar_isspace(c))) ? C_WHITE : 0;
		/* libunibreak says whether a break may follow the byte
		 * before: that is a break before this character */
		if (b > 0) {
			char k = f->brk[b - 1];
			if (k == LINEBREAK_MUSTBREAK)
				return refuse(f, "a mandatory break inside a paragraph");
			if (k == LINEBREAK_ALLOWBREAK)
				fl |= C_LINE;
		}
		f->cf[n] = fl;
		q = g_utf8_next_char(q);
	}
	f->n_chars = n;
	f->byte[n] = f->p_start + f->p_len;
	f->cf[n] = C_LINE | C_GRAPHEME;
	f->graphemes = 0;
	/* Clusters never go backwards in LTR text shaped at the grapheme
	 * cluster level, so one walk pairs characters and glyphs. */
	size_t g = 0;
	int64_t x = 0;
	for (int i = 0; i <= n; i++) {
		while (g < f->para.n && f->para.v[g].cluster < f->byte[i])
			x += f->para.v[g++].adv;
		f->x[i] = x;
		f->first[i] = (i < n && g < f->para.n && f->para.v[g].cluster == f->byte[i])
		                  ? (int)g
		                  : -1;
	}
	f->first[n] = (int)f->para.n; /* the end is a boundary */
	return 0;
}

/* Grapheme boundaries (UAX #29), wanted only to break a word that does not
 * fit a line: from Pango's pango_default_break(), once per paragraph. */
static void find_graphemes(struct filler *f)
{
	if (f->graphemes)
		return;
	PangoLogAttr *a = pp_xcalloc((size_t)f->n_chars + 1, sizeof *a);
	pango_default_break(f->text + f->p_start, f->p_len, NULL, a, f->n_chars + 1);
	for (int i = 0; i < f->n_chars; i++)
		if (a[i].is_cursor_position)
			f->cf[i] |= C_GRAPHEME;
	free(a);
	f->graphemes = 1;
}

/* Width of chars [s, e) without the whitespace that ends it. */
static int64_t ink_width(const struct filler *f, int s, int e)
{
	while (e > s && (f->cf[e - 1] & C_WHITE))
		e--;
	return f->x[e] - f->x[s];
}

/* Can a line end before char i? A legal break that is also a boundary
 * between clusters (a break inside a ligature cannot be drawn). */
static int can_break(const struct filler *f, int i)
{
	return i == f->n_chars || ((f->cf[i] & C_LINE) && f->first[i] >= 0);
}

static int can_force(const struct filler *f, int i)
{
	return i == f->n_chars || ((f->cf[i] & C_GRAPHEME) && f->first[i] >= 0);
}

/*
 * The end of the line that starts at char s, no later than char `limit`:
 * the last legal break whose line (less trailing whitespace) fits; if none
 * fits, with WORD_CHAR the last grapheme boundary that fits (at least one
 * grapheme), else the first legal break. The scan stops as soon as the ink
 * is too wide, so a line costs the characters it holds plus one word.
 */
static int line_end(struct filler *f, int s, int limit)
{
	int best = -1, first_break = -1;
	for (int i = s + 1; i <= limit; i++) {
		if (can_break(f, i)) {
			if (first_break < 0)
				first_break = i;
			if (ink_width(f, s, i) <= f->width)
				best = i;
			else
				break;
		}
		if (!(f->cf[i - 1] & C_WHITE) && f->x[i] - f->x[s] > f->width)
			break;
	}
	if (best > 0)
		return best;
	if (f->wrap == PANGO_WRAP_WORD_CHAR) {
		find_graphemes(f);
		int forced = -1;
		for (int i = s + 1; i <= limit; i++) {
			if (!can_force(f, i))
				continue;
			if (forced > 0 && ink_width(f, s, i) > f->width)
				break;
			forced = i;
		}
		if (forced > 0)
			return forced;
	}
	/* nothing fits: the first legal break, the line overflows */
	if (first_break > 0)
		return first_break;
	for (int i = s + 1; i <= f->n_chars; i++)
		if (can_break(f, i))
			return i;
	return f->n_chars;
}

/* The glyphs of chars [s, e) into f->line: a slice of the paragraph's
 * shaping, or the range shaped again when an end is unsafe to break. */
static int line_glyphs(struct filler *f, int s, int e)
{
	f->line.n = 0;
	int gs = f->first[s], ge = f->first[e];
	int unsafe =
	    (s > 0 && f->para.v[gs].unsafe) || (e < f->n_chars && f->para.v[ge].unsafe);
	if (!unsafe) {
		PP_GROW(f->line.v, (size_t)(ge - gs), f->line.cap);
		memcpy(f->line.v, f->para.v + gs, (size_t)(ge - gs) * sizeof *f->line.v);
		f->line.n = (size_t)(ge - gs);
		return 0;
	}
	int bs = f->byte[s], be = f->byte[e];
	for (size_t k = 0; k < f->n_items; k++) {
		const struct item *it = &f->item[k];
		int a = it->offset > bs ? it->offset : bs;
		int z = it->offset + it->length < be ? it->offset + it->length : be;
		if (a < z && shape(f, k, a, z - a, &f->line) < 0)
			return -1;
	}
	return 0;
}

static int64_t glyphs_width(const struct glyphs *g)
{
	int64_t w = 0;
	for (size_t i = 0; i < g->n; i++)
		w += g->v[i].adv;
	return w;
}

/* Logical extents of a font (the same for each of its glyphs). */
static void font_metrics(struct filler *f, uint16_t idx, uint32_t glyph)
{
	if (idx < f->cap_metrics && f->ascent[idx] >= 0)
		return;
	if (idx >= f->cap_metrics) {
		size_t cap = f->cap_metrics ? f->cap_metrics * 2 : 8;
		while (cap <= idx)
			cap *= 2;
		f->ascent = pp_xrealloc(f->ascent, cap * sizeof *f->ascent);
		f->descent = pp_xrealloc(f->descent, cap * sizeof *f->descent);
		for (size_t i = f->cap_metrics; i < cap; i++)
			f->ascent[i] = -1;
		f->cap_metrics = cap;
	}
	PangoRectangle logical;
	pango_font_get_glyph_extents(f->tb.fonts[idx], glyph, NULL, &logical);
	f->ascent[idx] = -logical.y;
	f->descent[idx] = logical.y + logical.height;
}

/* Emit line [s, e) from f->line: runs by item, metrics. */
static void emit_line(struct filler *f, int s, int e, int wrapped)
{
	struct text_builder *b = &f->tb;
	/* whitespace that ends a wrapped line takes no room */
	if (wrapped) {
		int w = e;
		while (w > s && (f->cf[w - 1] & C_WHITE))
			w--;
		for (size_t i = 0; i < f->line.n; i++)
			if (f->line.v[i].cluster >= f->byte[w]) {
				f->line.v[i].id = PANGO_GLYPH_EMPTY;
				f->line.v[i].adv = 0;
				f->line.v[i].x_off = f->line.v[i].y_off = 0;
			}
	}
	struct pp_text_line *ln = tb_line(b);
	ln->start = f->byte[s];
	ln->length = f->byte[e] - f->byte[s];
	int asc = 0, desc = 0, x = 0;
	size_t i = 0;
	for (size_t k = 0; k < f->n_items && i < f->line.n; k++) {
		const struct item *it = &f->item[k];
		if (f->line.v[i].item != k)
			continue;
		struct pp_text_run *r = tb_run(b);
		int a = it->offset > ln->start ? it->offset : ln->start;
		int z =
		    it->offset + it->length < f->byte[e] ? it->offset + it->length : f->byte[e];
		r->offset = a;
		r->length = z - a;
		r->x = x;
		r->font = tb_font(b, it->font);
		r->underline = it->underline;
		r->has_colour = it->has_colour;
		memcpy(r->colour, it->colour, sizeof r->colour);
		font_metrics(f, r->font, f->line.v[i].id);
		if (f->ascent[r->font] > asc)
			asc = f->ascent[r->font];
		if (f->descent[r->font] > desc)
			desc = f->descent[r->font];
		uint32_t n = 0;
		for (; i < f->line.n && f->line.v[i].item == k; i++, n++) {
			const struct glyph *g = &f->line.v[i];
			tb_glyph(b, g->id, g->adv, g->cluster - a, g->x_off, g->y_off);
			x += g->adv;
		}
		/* tb_line() may have moved: address the run by index */
		b->runs[b->n_runs - 1].n_glyphs = n;
		b->lines[b->n_lines - 1].n_runs++;
	}
	ln = &b->lines[b->n_lines - 1];
	ln->width = x;
	ln->lheight = asc + desc;
	ln->top = f->y;
	ln->height = asc + desc;
	ln->baseline = f->y + asc;
	f->y += asc + desc;
}

static int fill_paragraph(struct filler *f)
{
	if (itemize(f) < 0)
		return -1;
	f->para.n = 0;
	for (size_t k = 0; k < f->n_items; k++)
		if (shape_words(f, k, &f->para) < 0)
			return -1;
	if (analyse(f) < 0)
		return -1;
	if (f->want_unwrapped) {
		/* Unwrapped, a paragraph is one line [0, n): no end to shape
		 * again, no white space zeroed, its glyphs this shaping's. */
		int w = 0;
		for (size_t i = 0; i < f->para.n; i++)
			w += f->para.v[i].adv;
		if (w > f->unwrapped)
			f->unwrapped = w;
	}
	int n = f->n_chars;
	for (int s = 0; s < n;) {
		int limit = n, e;
		for (int tries = 0;; tries++) {
			e = line_end(f, s, limit);
			if (line_glyphs(f, s, e) < 0)
				return -1;
			/* Shaped alone, a line may come out wider than the
			 * paragraph's advances said: end it earlier if it can. */
			int w = e;
			while (w > s && (f->cf[w - 1] & C_WHITE))
				w--;
			int64_t ink = glyphs_width(&f->line);
			for (size_t i = f->line.n;
			     i-- > 0 && f->line.v[i].cluster >= f->byte[w];)
				ink -= f->line.v[i].adv;
			if (ink <= f->width || tries == 8)
				break;
			/* an earlier end of the same kind: a legal break, or a
			 * grapheme boundary when none is left or e was one */
			int forced = !can_break(f, e), earlier = e - 1;
			while (!forced && earlier > s && !can_break(f, earlier))
				earlier--;
			if (earlier <= s && f->wrap == PANGO_WRAP_WORD_CHAR) {
				forced = 1;
				earlier = e - 1;
			}
			if (forced) {
				find_graphemes(f);
				while (earlier > s && !can_force(f, earlier))
					earlier--;
			}
			if (earlier <= s)
				break;
			limit = earlier;
		}
		emit_line(f, s, e, e < n);
		s = e;
	}
	return 0;
}

/* ---------- the text ----------------------------------------------------- */

/*
 * The buffers a fill grows, kept on the PangoContext from one fill to the
 * next (10,000 short cells would otherwise allocate a dozen arrays and a
 * HarfBuzz buffer each). A context is used by one thread at a time; a fill
 * that finds the scratch taken all the same works with its own.
 */
struct scratch {
	int busy;
	hb_buffer_t *buf;
	struct text_builder tb;
	struct item *item;
	size_t cap_items;
	char *brk;
	struct text_lb_scratch lb;
	uint8_t *cf;
	int *byte, *first;
	int64_t *x;
	size_t cap_chars;
	struct glyphs para, line;
	int *ascent, *descent;
	size_t cap_metrics;
};

static void scratch_free(gpointer data)
{
	struct scratch *s = data;
	free(s->item);
	free(s->brk);
	text_line_breaks_free(&s->lb);
	free(s->cf);
	free(s->byte);
	free(s->x);
	free(s->first);
	free(s->para.v);
	free(s->line.v);
	free(s->ascent);
	free(s->descent);
	if (s->buf)
		hb_buffer_destroy(s->buf);
	tb_fini(&s->tb);
	free(s);
}

/* Hand the context's scratch to `f` (its counts start at zero), or a new
 * one when it is taken; NULL only when the context has none to give. */
static struct scratch *scratch_take(struct filler *f)
{
	static gsize once;
	GQuark quark = text_once_quark(&once, "pp-text-fill-scratch");
	struct scratch *s = g_object_get_qdata(G_OBJECT(f->context), quark);
	if (!s) {
		s = pp_xcalloc(1, sizeof *s);
		g_object_set_qdata_full(G_OBJECT(f->context), quark, s, scratch_free);
	} else if (s->busy) {
		s = pp_xcalloc(1, sizeof *s);
		s->busy = -1; /* f's own: freed when it is given back */
	}
	if (!s->buf)
		s->buf = hb_buffer_create();
	if (!s->busy)
		s->busy = 1;
	f->buf = s->buf;
	f->tb = s->tb;
	tb_reset(&f->tb);
	f->item = s->item;
	f->cap_items = s->cap_items;
	f->brk = s->brk;
	f->lb = s->lb;
	f->cf = s->cf;
	f->byte = s->byte;
	f->x = s->x;
	f->first = s->first;
	f->cap_chars = s->cap_chars;
	f->para = (struct glyphs){s->para.v, 0, s->para.cap};
	f->line = (struct glyphs){s->line.v, 0, s->line.cap};
	f->ascent = s->ascent;
	f->descent = s->descent;
	f->cap_metrics = s->cap_metrics;
	/* the fonts' metrics are indexed by the new text's fonts */
	for (size_t i = 0; i < f->cap_metrics; i++)
		f->ascent[i] = -1;
	return s;
}

/* Give `f`'s buffers (grown, perhaps moved) back to `s`. */
static void scratch_give(struct filler *f, struct scratch *s)
{
	s->tb = f->tb;
	s->item = f->item;
	s->cap_items = f->cap_items;
	s->brk = f->brk;
	s->lb = f->lb;
	s->cf = f->cf;
	s->byte = f->byte;
	s->x = f->x;
	s->first = f->first;
	s->cap_chars = f->cap_chars;
	s->para = f->para;
	s->line = f->line;
	s->ascent = f->ascent;
	s->descent = f->descent;
	s->cap_metrics = f->cap_metrics;
	if (s->busy < 0)
		scratch_free(s);
	else
		s->busy = 0;
}

/* The text of `sp` filled into lines, or NULL (and *why) when the fast
 * path cannot; f is zeroed, with f->why set when the caller refused. */
static struct pp_text *fill(struct filler *f, const struct text_spec *sp, const char **why)
{
	static gsize linebreak_ready;
	if (g_once_init_enter(&linebreak_ready)) {
		init_linebreak();
		g_once_init_leave(&linebreak_ready, 1);
	}
	f->text = sp->text;
	int len = (int)strlen(f->text);
	struct pp_text *t = NULL;
	struct scratch *s = NULL;
	if (f->why || spec_is_simple(f, sp) < 0 || text_is_simple(f, len) < 0)
		goto out;
	f->context = sp->context;
	f->attrs = sp->attrs;
	f->desc = sp->desc;
	if (!f->desc)
		f->desc = pango_context_get_font_description(f->context);
	f->lang = pango_context_get_language(f->context);
	f->hb_lang = hb_language_from_string(pango_language_to_string(f->lang), -1);
	s = scratch_take(f);
	for (int p = 0; p < len;) {
		const char *nl = memchr(f->text + p, '\n', (size_t)(len - p));
		int end = nl ? (int)(nl - f->text) : len;
		f->p_start = p;
		f->p_len = end - p;
		if (fill_paragraph(f) < 0)
			goto out;
		p = end + 1;
	}
	/* Alignment: in the wrapping width, or in the widest line's. */
	int area = 0;
	for (size_t i = 0; i < f->tb.n_lines; i++)
		if (f->tb.lines[i].width > area)
			area = f->tb.lines[i].width;
	if (f->width != INT_MAX)
		area = f->width;
	PangoAlignment align = sp->align;
	int x0 = INT_MAX, x1 = INT_MIN;
	for (size_t i = 0; i < f->tb.n_lines; i++) {
		struct pp_text_line *ln = &f->tb.lines[i];
		int room = area - ln->width;
		ln->x = align == PANGO_ALIGN_CENTER  ? room / 2
		        : align == PANGO_ALIGN_RIGHT ? room
		                                     : 0;
		if (ln->x < x0)
			x0 = ln->x;
		if (ln->x + ln->width > x1)
			x1 = ln->x + ln->width;
	}
	t = tb_pack(&f->tb, f->text, len);
	t->fast = 1;
	t->layout_width = sp->width;
	t->width = x1 - x0;
	t->height = f->y;
out:
	if (why)
		*why = f->why;
	if (s)
		scratch_give(f, s);
	return t;
}

/* The settings of layout l as a spec; f->why set when the fast path
 * does not take them. */
static struct text_spec spec_of_layout(struct filler *f, PangoLayout *l)
{
	struct text_spec sp = {0};
	sp.text = pango_layout_get_text(l);
	if (layout_is_simple(f, l) == 0) {
		sp.context = pango_layout_get_context(l);
		sp.desc = pango_layout_get_font_description(l);
		sp.attrs = pango_layout_get_attributes(l);
		sp.wrap = pango_layout_get_wrap(l);
		sp.width = pango_layout_get_width(l);
		sp.align = pango_layout_get_alignment(l);
	}
	return sp;
}

struct pp_text *text_fast(PangoLayout *l, const char **why)
{
	struct filler f;
	memset(&f, 0, sizeof f);
	struct text_spec sp = spec_of_layout(&f, l);
	return fill(&f, &sp, why);
}

/*
 * Why the unwrapped width needs no second fill: with no width every
 * paragraph ends up one line, from its first character to its last, so
 * the line is a slice of the paragraph's one shaping (line_glyphs shapes
 * again only where a line starts or ends inside a paragraph) and nothing
 * in it is zeroed (only white space that ends a wrapped line is), so its
 * width is the sum of that shaping's advances; and a fill that took the
 * text at width 1 refuses nothing at no width (every refusal but a
 * reshaped line end's is a paragraph's, before any line is made).
 */
struct pp_text *text_words(PangoLayout *l, const struct text_spec *spec, int *unwrapped)
{
	struct filler f;
	memset(&f, 0, sizeof f);
	struct text_spec sp = l ? spec_of_layout(&f, l) : *spec;
	sp.wrap = PANGO_WRAP_WORD;
	sp.width = 1;
	f.want_unwrapped = 1;
	struct pp_text *t = fill(&f, &sp, NULL);
	if (t)
		*unwrapped = f.unwrapped;
	return t;
}

struct pp_text *text_fast_spec(const struct text_spec *sp, const char **why)
{
	struct filler f;
	memset(&f, 0, sizeof f);
	return fill(&f, sp, why);
}

struct pp_text *text_measure(PangoLayout *l)
{
	const char *why = NULL;
	struct pp_text *t = text_fast(l, &why);
	if (!t)
		t = text_from_layout(l);
	text_check_record(l, t, why);
	return t;
}
