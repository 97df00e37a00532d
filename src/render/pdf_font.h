/* SPDX-License-Identifier: MIT */
/*
 * pdf_font.h - the fonts of a PDF (render stage only).
 *
 * Each font face that draws text becomes one Type0 font with Identity-H
 * encoding, so a glyph's code in a content stream is its glyph id. While
 * pages are drawn, the faces record which glyphs they drew and the text
 * each glyph stood for (one code per glyph and text); pdf_fonts_write() then embeds a subset of each face
 * made with hb-subset (glyph ids kept), its widths, and a /ToUnicode CMap
 * from those texts, so text extraction gets the characters back.
 */
#ifndef PP_PDF_FONT_H
#define PP_PDF_FONT_H

#include <stddef.h>

#include <pango/pango.h>

#include "pdf_write.h"

struct pdf_fonts;
struct pdf_font;

struct pdf_fonts *pdf_fonts_new(void);
void pdf_fonts_free(struct pdf_fonts *fs);

/*
 * The PDF font of a Pango font, made on first use (its object number
 * reserved in `w`), and the size to set it at (points). NULL when the font
 * has no face we can embed: its glyphs are not drawn.
 */
struct pdf_font *pdf_font_of(struct pdf_fonts *fs, struct pdf_writer *w, PangoFont *pf,
			     double *size);

/* The resource name's number: the font is /F<n>. */
unsigned pdf_font_id(const struct pdf_font *f);

/* Whether glyph `gid` exists in the face (others are not drawn). */
int pdf_font_has_glyph(const struct pdf_font *f, unsigned gid);

/* Glyph `gid`'s advance as the PDF states it (/W), in 1/1000 em. */
double pdf_font_width(struct pdf_font *f, unsigned gid);

/*
 * The code that draws glyph `gid` standing for `len` bytes of UTF-8 text:
 * the glyph id the first time the glyph is given a text and whenever it
 * stands for that text again; a code of its own (past the face's glyphs,
 * mapped to the glyph by /CIDToGIDMap) for any other text. The /ToUnicode
 * entry of every code is exactly its text. Returns -1 when no code can
 * carry the text (too long, a CFF font, no codes left): the caller then
 * draws the glyph id and gives the text by /ActualText.
 */
long pdf_font_code(struct pdf_font *f, unsigned gid, const char *text, size_t len);

/* The glyph code `code` draws. */
unsigned pdf_font_glyph(const struct pdf_font *f, unsigned code);

/* The face's glyph for Unicode code point `cp`, or 0 when it has none. */
unsigned pdf_font_nominal(const struct pdf_font *f, unsigned cp);

/* Mark glyph `gid` drawn (kept in the subset, given a width). */
void pdf_font_use(struct pdf_font *f, unsigned gid);

/* " /F1 5 0 R /F2 9 0 R": entries of a /Font resource dictionary. */
void pdf_fonts_resources(const struct pdf_fonts *fs, struct pdf_buf *b);

/* Write every font's objects (subset, descriptor, widths, CMap). */
void pdf_fonts_write(struct pdf_fonts *fs, struct pdf_writer *w);

#endif
