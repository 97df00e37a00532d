/* SPDX-License-Identifier: MIT */
/*
 * text_int.h - building a struct pp_text (text_store.c), shared by the fast
 * path and the conversion of measured PangoLayouts.
 */
#ifndef PP_LAYOUT_TEXT_INT_H
#define PP_LAYOUT_TEXT_INT_H

#include <stddef.h>

#include "text.h"

/* Growable arrays of a text being built; tb_pack() copies them into one
 * compact allocation. */
struct text_builder {
	struct pp_text_line *lines;
	size_t n_lines, cap_lines;
	struct pp_text_run *runs;
	size_t n_runs, cap_runs;
	uint32_t *g;
	int32_t *w, *c, *off;
	size_t n_glyphs, cap_glyphs;
	int any_off;
	PangoFont **fonts; /* borrowed until tb_pack() refs them */
	size_t n_fonts, cap_fonts;
};

void tb_init(struct text_builder *b);
void tb_fini(struct text_builder *b);
void tb_reset(struct text_builder *b);
uint16_t tb_font(struct text_builder *b, PangoFont *font);
/* A new run whose glyphs are the ones added next (set n_glyphs after). */
struct pp_text_run *tb_run(struct text_builder *b);
/* A new line whose runs are the ones added next (count n_runs). */
struct pp_text_line *tb_line(struct text_builder *b);
void tb_reserve(struct text_builder *b, size_t n);
/* cluster: byte offset from the run's offset (log_clusters). */
void tb_glyph(struct text_builder *b, uint32_t glyph, int32_t width, int32_t cluster,
	      int32_t x_off, int32_t y_off);
/* The text (one reference; layout_width, width, height left for the
 * caller). */
struct pp_text *tb_pack(struct text_builder *b, const char *text, int length);

/* Hash and equality of font descriptions (PangoFontDescription *) for
 * GHashTables: every field, families compared exactly. */
guint text_desc_hash(gconstpointer d);
gboolean text_desc_equal(gconstpointer a, gconstpointer b);

#endif
