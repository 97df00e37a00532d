/* SPDX-License-Identifier: MIT */
/*
 * text.h - measured text (private to the layout stage): what a TEXT box and
 * a stack piece keep of a paragraph once its lines are known.
 *
 * A struct pp_text holds only what drawing and pagination need: the text,
 * per line its byte range and metrics, per run its font and attributes, per
 * glyph its id, advance, cluster (and offsets when any is non-zero). It is
 * made either by the fast path (text_fill.c: shape once, fill lines
 * greedily) or from a measured PangoLayout (text_store.c), and reads the
 * same either way. Invariant: its numbers mean what PangoLayout's mean
 * (line extents, y range, baseline, glyph geometry), so nothing downstream
 * needs to know which path made it; the two paths may break a paragraph
 * at different places (text_fill.c says which breaks are allowed).
 *
 * Units: Pango units (1/1024 pt), in the layout's own frame (origin at its
 * top-left corner, y down), as pango_layout_iter_* report them.
 */
#ifndef PP_LAYOUT_TEXT_H
#define PP_LAYOUT_TEXT_H

#include <stdint.h>

#include <pango/pango.h>

struct pp_text_run {
	int32_t offset, length; /* bytes of the text */
	uint32_t glyph0, n_glyphs;
	int32_t x;		/* start, from the line's logical x */
	uint16_t font;		/* index into fonts */
	uint8_t rtl, underline; /* underline: a single line (links) */
	uint8_t has_colour;
	uint16_t colour[3]; /* PangoColor of a span's own foreground */
};

struct pp_text_line {
	int32_t start, length; /* bytes of the text (no paragraph delimiter) */
	uint32_t run0, n_runs;
	int32_t x, width;     /* logical extents */
	int32_t lheight;      /* logical height */
	int32_t top, height;  /* yrange: top and height of the line's slot */
	int32_t baseline;     /* absolute, like pango_layout_iter_get_baseline */
};

struct pp_text {
	int refs;
	int length;	   /* of text, bytes */
	int n_lines;
	int layout_width;  /* wrapping width, or -1 */
	int width, height; /* pango_layout_get_size */
	uint16_t n_fonts;
	uint8_t wide;	   /* glyph arrays are 32-bit (see below) */
	uint8_t fast;	   /* made by the fast path (for tests and counts) */
	uint32_t n_glyphs, n_runs;
	size_t size;	   /* bytes of the one block holding it all */
	char *text;
	PangoFont **fonts; /* one reference each */
	struct pp_text_line *lines;
	struct pp_text_run *runs;
	/*
	 * Glyphs. Narrow (wide == 0): id in g16, advance in w16, cluster as
	 * the byte distance from the previous glyph's cluster (from the run's
	 * offset for a run's first glyph) in c8. Wide: g32, w32, c32 (cluster
	 * relative to the run's offset, as PangoGlyphString.log_clusters).
	 * off (x, y pairs) is NULL when every offset is zero.
	 */
	uint16_t *g16;
	int16_t *w16;
	uint8_t *c8;
	uint32_t *g32;
	int32_t *w32, *c32;
	int32_t *off;
};

/* Reference counting: boxes and pieces share one text. */
struct pp_text *pp_text_ref(struct pp_text *t);
void pp_text_unref(struct pp_text *t); /* NULL is fine */

/*
 * The lines of PangoLayout `l` as measured now (its wrapping width set),
 * every line of it. Returns a new text with one reference. The layout is
 * not changed.
 */
struct pp_text *text_from_layout(PangoLayout *l);

/*
 * Measure layout `l` (text, attributes, font, alignment, width as set)
 * without PangoLayout's line breaker, when the text is simple enough
 * (text_fill.c says which). Returns a new text with one reference, or NULL
 * when the text needs Pango, with *why (when why is not NULL) a static
 * phrase saying what it needs. Thread-safe across layouts of different
 * contexts.
 */
struct pp_text *text_fast(PangoLayout *l, const char **why);

/*
 * What text_fast() reads of a layout, for text that has none (a plain
 * piece, layout_text.c): measured as a PangoLayout of these settings and
 * the defaults for the rest (no indent, spacing, justification, ellipsis,
 * tabs or single-paragraph mode) would be.
 */
struct text_spec {
	PangoContext *context;
	const char *text;                 /* NUL-terminated */
	const PangoFontDescription *desc; /* NULL: the context's */
	PangoAttrList *attrs;             /* NULL: none */
	PangoWrapMode wrap;
	int width; /* wrapping width, Pango units; -1: none */
	PangoAlignment align;
};

/* text_fast() of such a layout: the same text, or NULL and *why. */
struct pp_text *text_fast_spec(const struct text_spec *spec, const char **why);

/*
 * The two measures of a text that size a table column, from one shaping:
 * returns text_fast() of layout l (or, when l is NULL, of spec) wrapping
 * PANGO_WRAP_WORD at a width of 1 (a word a line: the widest is the
 * narrowest the text can be), and sets *unwrapped to the width of the
 * widest line text_fast() gives it with no width (PANGO_WRAP_WORD_CHAR,
 * width -1), Pango units. l is not changed. NULL when the fast path
 * cannot measure it.
 */
struct pp_text *text_words(PangoLayout *l, const struct text_spec *spec, int *unwrapped);

/*
 * Line break opportunities of s[0, len) exactly as libunibreak's
 * set_linebreaks_utf8() gives them (brks[i]: after byte i), but faster on
 * Latin text: a run of ASCII letters is one class (AL) whose inside never
 * breaks (UAX #14 LB28) and whose neighbours see only its first and last
 * letters, so libunibreak is given each run as one letter. `scratch` holds
 * buffers between calls (zero it first, free it with
 * text_line_breaks_free).
 */
struct text_lb_scratch {
	char *text, *brks;
	int *pos;
	size_t cap;
};
void text_line_breaks(const char *s, size_t len, const char *lang, char *brks,
		      struct text_lb_scratch *scratch);
void text_line_breaks_free(struct text_lb_scratch *scratch);

/*
 * A one-line fast text `t` (its line not wider than `layout_width`,
 * Pango units) as text_fast() gives it when the layout is set to that
 * width and `align`: the same line, placed in the new width. Returns a
 * new text with one reference.
 */
struct pp_text *text_at_width(const struct pp_text *t, int layout_width, PangoAlignment align);

/* text_fast() if it can, else text_from_layout(). */
struct pp_text *text_measure(PangoLayout *l);

/*
 * Whether text t, measured from layout l, keeps the invariants of
 * text_fill.c: its lines hold every byte of the text once and in order,
 * their runs and glyph clusters cover them, every line end is a legal
 * break and no line is wider than the wrapping width (but a lone grapheme,
 * or word without character wrapping). NULL when it does, else why not,
 * written into buf (size bytes).
 */
const char *text_check(PangoLayout *l, const struct pp_text *t, char *buf, size_t size);

/*
 * With PP_TEXT_CHECK=FILE in the environment, append one line to FILE for
 * text t measured from l: whether it keeps the invariants (text_check),
 * which path made it (why_not_fast says why not the fast path) and how its
 * breaks compare with PangoLayout's. tests/text/ reads these lines. Does
 * nothing (one cached getenv) without the variable.
 */
void text_check_record(PangoLayout *l, const struct pp_text *t, const char *why_not_fast);
/* Whether text_check_record() records (PP_TEXT_CHECK is set): a caller
 * with no layout at hand makes one only then. */
int text_check_wanted(void);

/* Glyph string of run r (scratch, reused: valid until the next call with
 * the same gs). */
void text_run_glyphs(const struct pp_text *t, const struct pp_text_run *r,
		     PangoGlyphString *gs);
/* The same into arrays of r->n_glyphs entries the caller provides. */
void text_run_glyphs_to(const struct pp_text *t, const struct pp_text_run *r,
                        PangoGlyphInfo *glyphs, int *log_clusters);

/* pango_layout_line_get_x_ranges() for line `line`: ranges (pairs, layout
 * coordinates, Pango units) in a g_malloc'd array the caller g_free()s. */
void text_line_x_ranges(const struct pp_text *t, int line, int start, int end, int **ranges,
			int *n_ranges);

/*
 * The quark named `name`, made once into *once (a static of the caller):
 * data kept on a PangoContext is found by it, as g_object_get_data()
 * would turn the name into a quark on every call, under a lock.
 */
static inline GQuark text_once_quark(gsize *once, const char *name)
{
	if (g_once_init_enter(once))
		g_once_init_leave(once, g_quark_from_static_string(name));
	return (GQuark)*once;
}

#endif
