/* SPDX-License-Identifier: MIT */
/*
 * layout_text.c - inline text to PangoLayouts, and stacks of texts: a
 * PangoLayout each, or plain text (one font, no attributes) that the fast
 * path measures without one.
 *
 * User text is never parsed as markup: spans become plain text plus a
 * PangoAttrList. Wrapping is WORD_CHAR so a word wider than its column
 * breaks inside the word instead of overflowing. A plain piece measures
 * to the text its layout would (same settings, same memo keys), so which
 * kind a piece is never shows in the output. Invariant: a stack's
 * flattened lines are in reading order and their tops never decrease, so a
 * page split is one line index and no line is drawn twice or lost.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "layout_int.h"
#include "text_int.h"

static PangoLayout *new_layout(struct pp_layout_ctx *ctx, const struct pp_style *style,
			       const struct pp_text_style *ts)
{
	PangoLayout *l = pango_layout_new(ctx->pango);
	pango_layout_set_font_description(l, lay_font(ctx, style, ts));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	return l;
}

PangoLayout *text_plain(struct pp_layout_ctx *ctx, const struct pp_style *style,
			const struct pp_text_style *ts, const char *text)
{
	PangoLayout *l = new_layout(ctx, style, ts);
	pango_layout_set_text(l, text ? text : "", -1);
	return l;
}

static void add_attr(PangoAttrList *list, PangoAttribute *a, size_t start, size_t end)
{
	a->start_index = (guint)start;
	a->end_index = (guint)end;
	pango_attr_list_insert(list, a);
}

static guint16 c16(double v)
{
	return (guint16)(v * 65535.0 + 0.5);
}

PangoLayout *text_inline(struct pp_layout_ctx *ctx, const struct pp_style *style,
			 const struct pp_text_style *ts, const struct pp_inline *in,
			 struct piece_link **links, size_t *n_links)
{
	size_t len = 0;
	/* A <ref> prints its target's worked-out number ("5.2", "A", "(ii)"). */
	char **labels = NULL;
	for (size_t i = 0; i < in->n_spans; i++) {
		if (in->spans[i].ref) {
			if (!labels)
				labels = pp_xcalloc(in->n_spans, sizeof *labels);
			labels[i] = pp_xref_label(in->spans[i].ref, style->recommendation_numbering);
		}
		len += (in->spans[i].flags & PP_SPAN_BREAK) ? 1
		       : labels && labels[i]		   ? strlen(labels[i])
		       : in->spans[i].text		   ? strlen(in->spans[i].text)
							   : 0;
	}
	/* the text on the stack when short (pango_layout_set_text copies it) */
	char small[256];
	char *buf = len < sizeof small ? small : pp_xmalloc(len + 1);
	PangoAttrList *attrs = pango_attr_list_new();
	size_t pos = 0, cap_links = 0;
	if (links) {
		*links = NULL;
		*n_links = 0;
	}
	for (size_t i = 0; i < in->n_spans; i++) {
		const struct pp_span *sp = &in->spans[i];
		size_t start = pos;
		if (sp->flags & PP_SPAN_BREAK) {
			/* U+2028 would need 3 bytes; "\n" starts a new Pango
			 * paragraph, which breaks the line the same way. */
			buf[pos++] = '\n';
			continue;
		}
		const char *text = labels && labels[i] ? labels[i] : sp->text;
		size_t n = text ? strlen(text) : 0;
		memcpy(buf + pos, text, n);
		pos += n;
		if (n == 0)
			continue;
		if ((sp->flags & PP_SPAN_BOLD) && !ts->bold)
			add_attr(attrs, pango_attr_weight_new(PANGO_WEIGHT_BOLD), start, pos);
		if ((sp->flags & PP_SPAN_ITALIC) && !ts->italic)
			add_attr(attrs, pango_attr_style_new(PANGO_STYLE_ITALIC), start, pos);
		if (sp->lang)
			add_attr(attrs,
				 pango_attr_language_new(pango_language_from_string(sp->lang)),
				 start, pos);
		if (sp->ref && links) {
			/* a reference links to what it names, and reads as text */
			PP_GROW(*links, *n_links + 1, cap_links);
			(*links)[(*n_links)++] =
				(struct piece_link){ (int)start, (int)pos, NULL, NULL, sp->ref->id,
						    sp->ref };
		}
		if (sp->href) {
			/* Links: accent colour and an underline, so colour is not
			 * the only cue. */
			add_attr(attrs,
				 pango_attr_foreground_new(c16(style->accent.r),
							   c16(style->accent.g),
							   c16(style->accent.b)),
				 start, pos);
			add_attr(attrs, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), start,
				 pos);
			if (links) {
				PP_GROW(*links, *n_links + 1, cap_links);
				(*links)[(*n_links)++] = (struct piece_link){
					(int)start, (int)pos, sp->href, NULL, NULL, NULL
				};
			}
		}
	}
	buf[pos] = '\0';
	if (labels) {
		for (size_t i = 0; i < in->n_spans; i++)
			free(labels[i]);
		free(labels);
	}
	PangoLayout *l = new_layout(ctx, style, ts);
	pango_layout_set_text(l, buf, (int)pos);
	pango_layout_set_attributes(l, attrs);
	pango_attr_list_unref(attrs);
	if (buf != small)
		free(buf);
	return l;
}

/* ---------- stacks ------------------------------------------------------- */

void stack_init(struct stack *s)
{
	memset(s, 0, sizeof *s);
}

void stack_lend(struct stack *s, struct piece *pieces, size_t n_pieces,
                struct stack_line *lines, size_t n_lines)
{
	stack_init(s);
	s->pieces = pieces;
	s->cap_pieces = n_pieces;
	s->pieces_lent = 1;
	s->lines = lines;
	s->cap_lines = n_lines;
	s->lines_lent = 1;
}

void stack_fini(struct stack *s)
{
	for (size_t i = 0; i < s->n_pieces; i++) {
		struct piece *p = &s->pieces[i];
		if (p->layout)
			g_object_unref(p->layout);
		free(p->plain.text);
		pp_text_unref(p->text);
		if (p->marker)
			g_object_unref(p->marker);
		if (p->drawing)
			p->drawing->release(p->drawing);
		free(p->links);
	}
	if (!s->pieces_lent)
		free(s->pieces);
	if (!s->lines_lent)
		free(s->lines);
	memset(s, 0, sizeof *s);
}

struct piece *stack_add(struct stack *s, PangoLayout *layout, struct pp_rgb colour,
			struct pp_snode *snode)
{
	if (s->pieces_lent && s->n_pieces == s->cap_pieces) {
		/* outgrown the lent storage: an array of its own from now */
		size_t cap = s->cap_pieces ? 2 * s->cap_pieces : 1;
		struct piece *own = pp_xmalloc(cap * sizeof *own);
		memcpy(own, s->pieces, s->n_pieces * sizeof *own);
		s->pieces = own;
		s->cap_pieces = cap;
		s->pieces_lent = 0;
	}
	PP_GROW(s->pieces, s->n_pieces + 1, s->cap_pieces);
	struct piece *p = &s->pieces[s->n_pieces++];
	memset(p, 0, sizeof *p);
	p->layout = layout;
	p->colour = colour;
	p->snode = snode;
	return p;
}

struct piece *stack_add_plain(struct stack *s, struct pp_layout_ctx *ctx,
                              const struct pp_style *style, const struct pp_text_style *ts,
                              const char *text, struct pp_rgb colour, struct pp_snode *snode)
{
	struct piece *p = stack_add(s, NULL, colour, snode);
	/* what new_layout() and text_plain() would set */
	/* a short text (a figure, a status word) is kept in the piece */
	size_t n = text ? strlen(text) : 0;
	if (n < sizeof p->plain.small) {
		memcpy(p->plain.small, text ? text : "", n + 1);
		p->plain.in_small = 1;
	} else {
		p->plain.text = pp_xstrdup(text);
	}
	p->plain.desc = lay_font(ctx, style, ts);
	p->plain.pc = ctx->pango;
	p->plain.align = PANGO_ALIGN_LEFT;
	return p;
}

/* The text of plain piece p (NULL: not a plain piece). */
static const char *plain_text(const struct piece *p)
{
	return p->plain.in_small ? p->plain.small : p->plain.text;
}

PangoLayout *piece_layout(struct piece *p)
{
	if (p->layout)
		return p->layout;
	PangoLayout *l = pango_layout_new(p->plain.pc);
	pango_layout_set_font_description(l, p->plain.desc);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, p->plain.align);
	pango_layout_set_text(l, plain_text(p), -1);
	p->layout = l; /* the plain text stays, freed with the piece */
	return l;
}

const char *piece_text(const struct piece *p)
{
	return p->layout ? pango_layout_get_text(p->layout) : plain_text(p);
}

void piece_set_alignment(struct piece *p, PangoAlignment align)
{
	if (p->layout) {
		pango_layout_set_alignment(p->layout, align);
		return;
	}
	p->plain.align = align;
	p->plain.key_hash = 0;
}

/* A copy of `l` in context `to`: everything layout_text.c and the views
 * set (text, attributes, font, wrap, alignment, width), nothing measured. */
static PangoLayout *rehome(PangoLayout *l, PangoContext *to)
{
	PangoLayout *n = pango_layout_new(to);
	pango_layout_set_font_description(n, pango_layout_get_font_description(l));
	pango_layout_set_wrap(n, pango_layout_get_wrap(l));
	pango_layout_set_alignment(n, pango_layout_get_alignment(l));
	pango_layout_set_width(n, pango_layout_get_width(l));
	pango_layout_set_indent(n, pango_layout_get_indent(l));
	pango_layout_set_spacing(n, pango_layout_get_spacing(l));
	pango_layout_set_justify(n, pango_layout_get_justify(l));
	pango_layout_set_auto_dir(n, pango_layout_get_auto_dir(l));
	pango_layout_set_single_paragraph_mode(n, pango_layout_get_single_paragraph_mode(l));
	pango_layout_set_ellipsize(n, pango_layout_get_ellipsize(l));
	pango_layout_set_text(n, pango_layout_get_text(l), -1);
	pango_layout_set_attributes(n, pango_layout_get_attributes(l));
	g_object_unref(l);
	return n;
}

int stack_rehome(struct stack *s, PangoContext *to)
{
	for (size_t i = 0; i < s->n_pieces; i++)
		if (s->pieces[i].drawing)
			return -1;
	for (size_t i = 0; i < s->n_pieces; i++) {
		struct piece *p = &s->pieces[i];
		if (p->layout)
			p->layout = rehome(p->layout, to);
		else
			p->plain.pc = to;
		pp_text_unref(p->text);
		p->text = NULL;
		if (p->marker)
			p->marker = rehome(p->marker, to);
	}
	return 0;
}

/* The stack's lines, one after another from y = 0, out of each piece's
 * measured text (or drawing, one unbreakable line) at s->width. */
static void place_lines(struct stack *s)
{
	s->n_lines = 0;
	double y = 0;
	for (size_t i = 0; i < s->n_pieces; i++) {
		const struct piece *p = &s->pieces[i];
		if (i > 0)
			y += p->space_before;
		if (p->drawing) { /* one unbreakable line */
			double w = s->width - p->indent;
			double h = p->drawing->measure(p->drawing, w < 1 ? 1 : w);
			s->lines[s->n_lines++] = (struct stack_line){ i, 0, y, h };
			y += h;
			continue;
		}
		const struct pp_text *t = p->text;
		for (int li = 0; li < t->n_lines; li++)
			s->lines[s->n_lines++] = (struct stack_line){
				i, li, y + (double)t->lines[li].top / PANGO_SCALE,
				(double)t->lines[li].height / PANGO_SCALE
			};
		y += (double)t->height / PANGO_SCALE;
	}
}

/*
 * Widths of a short plain layout (no attributes) remembered per
 * PangoContext: an indicator table's cells repeat a few texts thousands
 * of times ("GREEN", "Not available", "No target", owners, common
 * figures). The key is everything the widths (and a measured text, below)
 * depend on: text, font description, layout settings; the value is what
 * measuring gave, so nothing prints differently.
 *
 * Thread safety: a PangoContext and its layouts are used by one thread at
 * a time (Pango objects are not thread-safe; the table engine's worker has
 * its own context, layout_ctx.c), so a cache kept on the context is too.
 * g_object_set_qdata() itself takes the object's lock.
 */
struct width_key {
	char *text;
	PangoFontDescription *desc; /* a memo's copy, or its origin (borrowed) */
	int align, justify, indent, spacing, single, ellipsize, auto_dir;
	float line_spacing;
	guint hash; /* width_key_hash_of(), kept: a piece looks its key up twice */
	/* A plain piece's description as lay_font() gave it, else NULL: lay_font()'s descriptions live as long as
	 * the layout context, and the memos are only used while it lives, so
	 * two keys of one origin have equal descriptions, found by pointer.
	 * A memo's key of an origin borrows it as its desc (no copy). */
	const PangoFontDescription *origin;
};

struct width_memo {
	struct width_key key;
	double mn, mx; /* widest word, widest line: without the piece's indent */
	/* the text's one line when it has no break (a figure, "GREEN"), as
	 * fast_widths() measured it, or NULL: measure_piece() places it in
	 * a column's width without filling it again */
	struct pp_text *line;
};

static guint width_key_hash_of(const struct width_key *k)
{
	return g_str_hash(k->text) * 31u + text_desc_hash(k->desc) + (guint)k->align * 7u;
}

static guint width_key_hash(gconstpointer p)
{
	return ((const struct width_key *)p)->hash;
}

static gboolean width_key_equal(gconstpointer a, gconstpointer b)
{
	const struct width_key *x = a, *y = b;
	return x->hash == y->hash && strcmp(x->text, y->text) == 0 && x->align == y->align &&
	       x->justify == y->justify && x->indent == y->indent && x->spacing == y->spacing &&
	       x->single == y->single && x->ellipsize == y->ellipsize &&
	       x->auto_dir == y->auto_dir && x->line_spacing == y->line_spacing &&
	       ((x->origin && x->origin == y->origin) || text_desc_equal(x->desc, y->desc));
}

/* A memo entry of `size` bytes whose key is a copy of k, its text kept
 * just after the entry in the same allocation (one free frees both), its
 * description copied unless the key has an origin (width_key). */
static void *memo_new(size_t size, const struct width_key *k, size_t key_offset)
{
	size_t n = strlen(k->text) + 1;
	char *m = pp_xmalloc(size + n);
	struct width_key *key = (struct width_key *)(void *)(m + key_offset);
	*key = *k;
	key->text = memcpy(m + size, k->text, n);
	key->desc = k->origin ? (PangoFontDescription *)k->origin
	                      : pango_font_description_copy(k->desc);
	return m;
}

static void width_memo_free(gpointer p)
{
	struct width_memo *m = p;
	if (!m->key.origin) /* else borrowed: see width_key */
		pango_font_description_free(m->key.desc);
	pp_text_unref(m->line);
	free(m);
}

/* Texts longer than this are rarely repeated: a progress report's
 * commentary would only fill the memo. */
#define WIDTH_MEMO_MAX_BYTES 64

/* Fill key k for layout l (borrowing its text and description); 0 when
 * l is not worth remembering (long) or not cacheable (attributes, tabs). */
static int width_key_of(PangoLayout *l, struct width_key *k)
{
	const char *text = pango_layout_get_text(l);
	if (strlen(text) > WIDTH_MEMO_MAX_BYTES)
		return 0;
	PangoAttrList *attrs = pango_layout_get_attributes(l);
	if (attrs) {
		GSList *list = pango_attr_list_get_attributes(attrs);
		int any = list != NULL;
		g_slist_free_full(list, (GDestroyNotify)pango_attribute_destroy);
		if (any)
			return 0;
	}
	PangoTabArray *tabs = pango_layout_get_tabs(l);
	if (tabs) {
		pango_tab_array_free(tabs);
		return 0;
	}
	const PangoFontDescription *d = pango_layout_get_font_description(l);
	if (!d)
		d = pango_context_get_font_description(pango_layout_get_context(l));
	k->text = (char *)text;
	k->desc = (PangoFontDescription *)d;
	k->align = (int)pango_layout_get_alignment(l);
	k->justify = pango_layout_get_justify(l);
	k->indent = pango_layout_get_indent(l);
	k->spacing = pango_layout_get_spacing(l);
	k->single = pango_layout_get_single_paragraph_mode(l);
	k->ellipsize = (int)pango_layout_get_ellipsize(l);
	k->auto_dir = pango_layout_get_auto_dir(l);
	k->line_spacing = pango_layout_get_line_spacing(l);
	k->hash = width_key_hash_of(k);
	k->origin = NULL;
	return 1;
}

/* The key of a plain piece: what width_key_of() gives for its layout
 * (piece_layout), read without one; the hash is kept on the piece. */
static int plain_key_of(struct piece *p, struct width_key *k)
{
	const char *text = plain_text(p);
	if (strlen(text) > WIDTH_MEMO_MAX_BYTES)
		return 0;
	*k = (struct width_key){.text = (char *)text,
	                        .desc = (PangoFontDescription *)p->plain.desc,
	                        .align = (int)p->plain.align,
	                        .ellipsize = PANGO_ELLIPSIZE_NONE,
	                        .auto_dir = 1,
	                        .hash = p->plain.key_hash,
	                        .origin = p->plain.desc};
	if (!k->hash)
		k->hash = p->plain.key_hash = width_key_hash_of(k);
	return 1;
}

/* A plain piece's settings for the fast path at wrapping `width`. */
static struct text_spec plain_spec(const struct piece *p, PangoWrapMode wrap, int width)
{
	return (struct text_spec){.context = p->plain.pc,
	                          .text = plain_text(p),
	                          .desc = p->plain.desc,
	                          .wrap = wrap,
	                          .width = width,
	                          .align = p->plain.align};
}

/*
 * A measured text remembered per PangoContext (as the widths above are):
 * a column's cells repeat a few short texts at one width. The key is the
 * width memo's plus the wrapping width and mode; the text is shared by
 * reference (pp_text_ref is atomic).
 */
struct text_memo {
	struct width_key key;
	int width, wrap;
	struct pp_text *text;
	const char *why; /* why not the fast path (static), for text_check_record */
};

static guint text_memo_hash(gconstpointer p)
{
	const struct text_memo *m = p;
	return m->key.hash * 31u + (guint)m->width + (guint)m->wrap;
}

static gboolean text_memo_equal(gconstpointer a, gconstpointer b)
{
	const struct text_memo *x = a, *y = b;
	return x->width == y->width && x->wrap == y->wrap && width_key_equal(&x->key, &y->key);
}

static void text_memo_free(gpointer p)
{
	struct text_memo *m = p;
	if (!m->key.origin) /* else borrowed: see width_key */
		pango_font_description_free(m->key.desc);
	pp_text_unref(m->text);
	free(m);
}

/*
 * The memo table `name` of context pc, made on first use. Looked up by a
 * quark made once (g_object_get_data() would turn the name into a quark
 * on every call, under a lock: a tenth of a cell's measuring).
 */
static GHashTable *context_memos(PangoContext *pc, gsize *quark, const char *name,
                                 GHashFunc hash, GEqualFunc equal, GDestroyNotify free_value)
{
	GQuark q = text_once_quark(quark, name);
	GHashTable *h = g_object_get_qdata(G_OBJECT(pc), q);
	if (!h) {
		h = g_hash_table_new_full(hash, equal, NULL, free_value);
		g_object_set_qdata_full(G_OBJECT(pc), q, h,
		                        (GDestroyNotify)g_hash_table_destroy);
	}
	return h;
}

static GHashTable *width_memos(PangoContext *pc)
{
	static gsize quark;
	return context_memos(pc, &quark, "pp-width-memos", width_key_hash, width_key_equal,
	                     width_memo_free);
}

static GHashTable *text_memos(PangoContext *pc)
{
	static gsize quark;
	return context_memos(pc, &quark, "pp-text-memos", text_memo_hash, text_memo_equal,
	                     text_memo_free);
}

/*
 * A text with no break that fits the width: filled at that width it is
 * the line its column's measuring filled (piece_widths), placed in the
 * width (text_at_width), so it is not filled again; NULL otherwise.
 */
static struct pp_text *placed_line(PangoContext *pc, const struct text_memo *k)
{
	if (k->width <= 0 || (k->wrap != PANGO_WRAP_WORD && k->wrap != PANGO_WRAP_WORD_CHAR))
		return NULL;
	const struct width_memo *m = g_hash_table_lookup(width_memos(pc), &k->key);
	if (!m || !m->line || m->line->lines[0].width > k->width)
		return NULL;
	return text_at_width(m->line, k->width, (PangoAlignment)k->key.align);
}

/*
 * text_measure() of piece p at wrapping width `width` (Pango units),
 * remembered when p is plain and short. A plain piece is measured from
 * its settings; it gets a layout only when the fast path cannot measure
 * it, or to record a check.
 */
static struct pp_text *measure_piece(struct piece *p, int width)
{
	struct text_memo k;
	GHashTable *h = NULL;
	PangoContext *pc;
	int keyed;
	if (p->layout) {
		pango_layout_set_width(p->layout, width);
		pc = pango_layout_get_context(p->layout);
		keyed = width_key_of(p->layout, &k.key);
		k.wrap = keyed ? (int)pango_layout_get_wrap(p->layout) : 0;
	} else {
		pc = p->plain.pc;
		keyed = plain_key_of(p, &k.key);
		k.wrap = PANGO_WRAP_WORD_CHAR;
	}
	if (keyed) {
		k.width = width;
		h = text_memos(pc);
		const struct text_memo *m = g_hash_table_lookup(h, &k);
		if (m) {
			if (text_check_wanted()) {
				PangoLayout *l = piece_layout(p);
				pango_layout_set_width(l, width);
				text_check_record(l, m->text, m->why);
			}
			return pp_text_ref(m->text);
		}
	}
	const char *why = NULL;
	struct pp_text *t = h ? placed_line(pc, &k) : NULL;
	if (!t) {
		if (p->layout) {
			t = text_fast(p->layout, &why);
		} else {
			struct text_spec sp = plain_spec(p, PANGO_WRAP_WORD_CHAR, width);
			t = text_fast_spec(&sp, &why);
		}
	}
	if (!t || text_check_wanted()) {
		/* Pango measures it (or checks the fast path's text) */
		PangoLayout *l = piece_layout(p);
		pango_layout_set_width(l, width);
		if (!t)
			t = text_from_layout(l);
		text_check_record(l, t, why);
	}
	if (h) {
		struct text_memo *m = memo_new(sizeof *m, &k.key, offsetof(struct text_memo, key));
		m->width = k.width;
		m->wrap = k.wrap;
		m->text = pp_text_ref(t);
		m->why = why;
		g_hash_table_insert(h, m, m);
	}
	return t;
}

void stack_set_width(struct stack *s, double width)
{
	s->width = width;
	size_t total = 0;
	for (size_t i = 0; i < s->n_pieces; i++) {
		struct piece *p = &s->pieces[i];
		double w = width - p->indent;
		if (w < 1)
			w = 1;
		if (p->marker)
			pango_layout_set_width(p->marker, -1);
		pp_text_unref(p->text);
		p->text = NULL;
		if (p->drawing) {
			total++;
			continue;
		}
		/* Measured once, without Pango's line breaker when the text
		 * is simple (text_fill.c); the piece keeps only the result. */
		p->text = measure_piece(p, (int)(w * PANGO_SCALE));
		total += (size_t)p->text->n_lines;
	}
	size_t need = total ? total : 1;
	if (need > s->cap_lines) { /* else the lines so far are overwritten */
		if (!s->lines_lent)
			free(s->lines);
		s->lines = pp_xcalloc(need, sizeof *s->lines);
		s->cap_lines = need;
		s->lines_lent = 0;
	}
	place_lines(s);
}

void stack_move_pieces(struct stack *s, size_t from, size_t n, size_t to)
{
	if (n == 0 || to == from)
		return;
	/* pieces [from, from + n) go before piece `to` (to < from) */
	struct piece *moved = pp_xmalloc(n * sizeof *moved);
	memcpy(moved, s->pieces + from, n * sizeof *moved);
	memmove(s->pieces + to + n, s->pieces + to, (from - to) * sizeof *moved);
	memcpy(s->pieces + to, moved, n * sizeof *moved);
	free(moved);
	/* the lines again, as stack_set_width lays them, from the measures kept */
	place_lines(s);
}

double stack_range_height(const struct stack *s, size_t a, size_t b)
{
	if (b <= a)
		return 0;
	return s->lines[b - 1].top + s->lines[b - 1].height - s->lines[a].top;
}

double stack_height(const struct stack *s)
{
	return stack_range_height(s, 0, s->n_lines);
}

size_t stack_fit(const struct stack *s, size_t a, double avail)
{
	size_t n = 0;
	/* 0.01 pt of slack: heights are sums of Pango units, compared with
	 * page positions computed the other way round. */
	while (a + n < s->n_lines && stack_range_height(s, a, a + n + 1) <= avail + 0.01)
		n++;
	return n;
}

static double widest_line(PangoLayout *l)
{
	double w = 0;
	int n = pango_layout_get_line_count(l);
	for (int i = 0; i < n; i++) {
		PangoRectangle r;
		pango_layout_line_get_extents(pango_layout_get_line_readonly(l, i), NULL, &r);
		if ((double)r.width / PANGO_SCALE > w)
			w = (double)r.width / PANGO_SCALE;
	}
	return w;
}

static double widest_text_line(const struct pp_text *t)
{
	double w = 0;
	for (int i = 0; i < t->n_lines; i++)
		if ((double)t->lines[i].width / PANGO_SCALE > w)
			w = (double)t->lines[i].width / PANGO_SCALE;
	return w;
}

/*
 * The widths of piece_widths() from the fast path (text_fill.c), which
 * shapes each word once a thread rather than laying the whole text out
 * twice, and measures both from one shaping (text_words); 0 when it
 * cannot measure p (then Pango does). Its lines have PangoLayout's
 * logical widths (text.h), and unwrapped, or at a tiny width with
 * WRAP_WORD (a word a line), there is no choice of break for the two to
 * differ on but the break opportunities themselves (UAX #14 from
 * libunibreak here, Pango's own there): the same across every plan of the
 * tests and the benchmark.
 */
static int fast_widths(struct piece *p, double *mn, double *mx, struct pp_text **line)
{
	int unwrapped = 0;
	struct pp_text *t;
	if (p->layout) {
		t = text_words(p->layout, NULL, &unwrapped);
	} else {
		struct text_spec sp = plain_spec(p, PANGO_WRAP_WORD, 1);
		t = text_words(NULL, &sp, &unwrapped);
	}
	if (!t)
		return 0;
	*mn = widest_text_line(t);
	if (t->n_lines == 1) {
		/* no break in it (a figure, "GREEN"): unwrapped, or at any
		 * width it fits, it is the same line, glyph for glyph */
		*mx = *mn;
		*line = t;
		return 1;
	}
	*mx = (double)unwrapped / PANGO_SCALE;
	pp_text_unref(t);
	return 1;
}

/* Widest line unwrapped (*mx) and widest word (*mn) of piece p; its
 * layout, if it has one, is left unwrapped and wrapping WORD_CHAR. */
static void piece_widths(struct piece *p, double *mn, double *mx)
{
	struct width_key k;
	GHashTable *h = NULL;
	int keyed = p->layout ? width_key_of(p->layout, &k) : plain_key_of(p, &k);
	if (keyed) {
		h = width_memos(p->layout ? pango_layout_get_context(p->layout) : p->plain.pc);
		const struct width_memo *m = g_hash_table_lookup(h, &k);
		if (m) {
			*mn = m->mn;
			*mx = m->mx;
			if (p->layout) {
				pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD_CHAR);
				pango_layout_set_width(p->layout, -1);
			}
			return;
		}
	}
	/* Narrowest width without breaking inside a word: WRAP_WORD at a
	 * tiny width puts each word on its own line. */
	struct pp_text *line = NULL;
	if (!fast_widths(p, mn, mx, &line)) {
		/* Pango measures it (a plain piece gets its layout now) */
		PangoLayout *l = piece_layout(p);
		pango_layout_set_wrap(l, PANGO_WRAP_WORD);
		pango_layout_set_width(l, -1);
		*mx = widest_line(l);
		pango_layout_set_wrap(l, PANGO_WRAP_WORD);
		pango_layout_set_width(l, 1);
		*mn = widest_line(l);
	}
	if (p->layout) {
		pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD_CHAR);
		pango_layout_set_width(p->layout, -1);
	}
	if (h) {
		struct width_memo *m = memo_new(sizeof *m, &k, offsetof(struct width_memo, key));
		m->mn = *mn;
		m->mx = *mx;
		m->line = line;
		g_hash_table_insert(h, &m->key, m);
	} else {
		pp_text_unref(line);
	}
}

void stack_measure(struct stack *s, double *min_w, double *max_w)
{
	double mn = 0, mx = 0;
	for (size_t i = 0; i < s->n_pieces; i++) {
		struct piece *p = &s->pieces[i];
		if (p->drawing) {
			double dw = p->drawing->min_width + p->indent;
			mx = dw > mx ? dw : mx;
			mn = dw > mn ? dw : mn;
			continue;
		}
		double a, b;
		piece_widths(p, &a, &b);
		if (b + p->indent > mx)
			mx = b + p->indent;
		if (a + p->indent > mn)
			mn = a + p->indent;
	}
	*min_w = mn;
	*max_w = mx;
}
