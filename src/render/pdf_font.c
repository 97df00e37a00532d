/* SPDX-License-Identifier: MIT */
/*
 * pdf_font.c - Type0 fonts with embedded subsets and /ToUnicode maps
 * (pdf_font.h).
 *
 * Invariant: every code in a content stream stands for one glyph and one
 * text, and its /ToUnicode entry is exactly that text. A glyph's first text
 * takes the glyph's own id as its code (Identity-H, subsets that keep glyph
 * ids); the same glyph standing for other text (a hyphen that line breaking
 * inserted, a space for a line break) takes a code of its own past the
 * face's last glyph, mapped back to the glyph by a /CIDToGIDMap stream. The
 * width the PDF states for a code (/W) is the one pdf_font_width() returned
 * while the page was drawn, so text positions computed from it are exact.
 *
 * One face is one font however many Pango fonts (layout threads, sizes)
 * draw with it: faces are matched by their bytes, not by pointer.
 */
#include "pdf_font.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <libdeflate.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>
#include <pango/pangocairo.h>

#include "alloc.h"

struct pdf_font {
	hb_face_t *face; /* a reference */
	hb_font_t *metrics; /* at units-per-em scale, for widths */
	unsigned id, obj;
	unsigned n_glyphs, upem;
	unsigned char *used;   /* per glyph */
	float *width;          /* per glyph, 1/1000 em; < 0: not yet known */
	uint32_t *uni_at;      /* per glyph: offset in pool, 0 = no text */
	uint16_t *uni_len;
	struct pdf_buf pool;
	int truetype;          /* glyf outlines: codes may differ from glyph ids */
	unsigned space;        /* pdf_font_nominal(' '), asked once: every run
				  and line end wants it */
	/* Codes past the last glyph: glyph and text of code n_glyphs + i. */
	struct alt_code *alts;
	size_t n_alts, cap_alts;
	uint32_t *alt_hash; /* open addressing: index + 1 into alts, 0 = free */
	size_t hash_size;
	/* Which face: length, CRC-32 of its bytes and its index in the file. */
	unsigned blob_len, index;
	uint32_t crc;
};

struct alt_code {
	uint32_t gid, at; /* glyph, text's offset in pool */
	uint16_t len;
};

struct font_ref {
	PangoFont *pango; /* a reference */
	struct pdf_font *font;
	double size;
};

struct pdf_fonts {
	struct pdf_font **fonts;
	size_t n_fonts, cap_fonts;
	struct font_ref *refs;
	size_t n_refs, cap_refs;
	size_t last; /* the ref found last: runs repeat fonts */
};

struct pdf_fonts *pdf_fonts_new(void)
{
	return pp_xcalloc(1, sizeof(struct pdf_fonts));
}

void pdf_fonts_free(struct pdf_fonts *fs)
{
	if (!fs)
		return;
	for (size_t i = 0; i < fs->n_fonts; i++) {
		struct pdf_font *f = fs->fonts[i];
		hb_font_destroy(f->metrics);
		hb_face_destroy(f->face);
		free(f->used);
		free(f->width);
		free(f->uni_at);
		free(f->uni_len);
		free(f->alts);
		free(f->alt_hash);
		pdf_buf_free(&f->pool);
		free(f);
	}
	for (size_t i = 0; i < fs->n_refs; i++)
		g_object_unref(fs->refs[i].pango);
	free(fs->fonts);
	free(fs->refs);
	free(fs);
}

/* The glyph the font's cmap gives code point cp, 0 if none. */
static unsigned nominal_glyph(const struct pdf_font *f, unsigned cp)
{
	hb_codepoint_t g = 0;
	if (!hb_font_get_nominal_glyph(f->metrics, cp, &g) || g >= f->n_glyphs)
		return 0;
	return g;
}

/*
 * Two layout threads each open the font files through their own Pango
 * font map, so one file comes as two hb_face_t: they are one PDF font
 * when their bytes are the same (length, CRC-32 and face index).
 */
static struct pdf_font *font_of_face(struct pdf_fonts *fs, struct pdf_writer *w,
				     hb_face_t *face)
{
	for (size_t i = 0; i < fs->n_fonts; i++)
		if (fs->fonts[i]->face == face)
			return fs->fonts[i];
	hb_blob_t *blob = hb_face_reference_blob(face);
	unsigned blen = 0;
	const char *bytes = hb_blob_get_data(blob, &blen);
	uint32_t crc = bytes && blen ? libdeflate_crc32(0, bytes, blen) : 0;
	hb_blob_destroy(blob);
	unsigned index = hb_face_get_index(face);
	for (size_t i = 0; blen && i < fs->n_fonts; i++)
		if (fs->fonts[i]->blob_len == blen && fs->fonts[i]->crc == crc &&
		    fs->fonts[i]->index == index)
			return fs->fonts[i];
	struct pdf_font *f = pp_xcalloc(1, sizeof *f);
	f->blob_len = blen;
	f->crc = crc;
	f->index = index;
	hb_blob_t *glyf = hb_face_reference_table(face, HB_TAG('g', 'l', 'y', 'f'));
	f->truetype = hb_blob_get_length(glyf) > 0;
	hb_blob_destroy(glyf);
	f->face = hb_face_reference(face);
	f->metrics = hb_font_create(face);
	f->upem = hb_face_get_upem(face);
	if (f->upem == 0)
		f->upem = 1000;
	f->n_glyphs = hb_face_get_glyph_count(face);
	f->space = nominal_glyph(f, ' ');
	f->id = (unsigned)fs->n_fonts + 1;
	f->obj = pdf_reserve(w);
	size_t n = f->n_glyphs ? f->n_glyphs : 1;
	f->used = pp_xcalloc(n, 1);
	f->width = pp_xmalloc(n * sizeof *f->width);
	for (size_t i = 0; i < n; i++)
		f->width[i] = -1;
	f->uni_at = pp_xcalloc(n, sizeof *f->uni_at);
	f->uni_len = pp_xcalloc(n, sizeof *f->uni_len);
	pdf_buf_put(&f->pool, "", 1); /* offset 0 means "no text" */
	PP_GROW(fs->fonts, fs->n_fonts + 1, fs->cap_fonts);
	fs->fonts[fs->n_fonts++] = f;
	return f;
}

struct pdf_font *pdf_font_of(struct pdf_fonts *fs, struct pdf_writer *w, PangoFont *pf,
			     double *size)
{
	if (!pf)
		return NULL;
	if (fs->last < fs->n_refs && fs->refs[fs->last].pango == pf) {
		*size = fs->refs[fs->last].size;
		return fs->refs[fs->last].font;
	}
	for (size_t i = 0; i < fs->n_refs; i++)
		if (fs->refs[i].pango == pf) {
			fs->last = i;
			*size = fs->refs[i].size;
			return fs->refs[i].font;
		}
	/* The size cairo draws it at: the scaled font's matrix (points). */
	double sz = 0;
	if (PANGO_IS_CAIRO_FONT(pf)) {
		cairo_scaled_font_t *sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(pf));
		if (sf && cairo_scaled_font_status(sf) == CAIRO_STATUS_SUCCESS) {
			cairo_matrix_t m;
			cairo_scaled_font_get_font_matrix(sf, &m);
			sz = m.yy;
		}
	}
	struct pdf_font *f = NULL;
	hb_font_t *hf = pango_font_get_hb_font(pf);
	hb_face_t *face = hf ? hb_font_get_face(hf) : NULL;
	if (face && hb_face_get_glyph_count(face) > 0 && sz > 0)
		f = font_of_face(fs, w, face);
	PP_GROW(fs->refs, fs->n_refs + 1, fs->cap_refs);
	fs->refs[fs->n_refs] = (struct font_ref){g_object_ref(pf), f, sz};
	fs->last = fs->n_refs++;
	*size = sz;
	return f;
}

unsigned pdf_font_id(const struct pdf_font *f)
{
	return f->id;
}

int pdf_font_has_glyph(const struct pdf_font *f, unsigned gid)
{
	return gid < f->n_glyphs;
}

double pdf_font_width(struct pdf_font *f, unsigned gid)
{
	if (gid >= f->n_glyphs)
		return 0;
	if (f->width[gid] < 0) {
		double adv = hb_font_get_glyph_h_advance(f->metrics, gid);
		/* Rounded as the /W array prints it (1/1000 of a unit). */
		f->width[gid] = (float)(round(adv * 1000.0 / f->upem * 1000.0) / 1000.0);
	}
	return f->width[gid];
}

void pdf_font_use(struct pdf_font *f, unsigned gid)
{
	if (gid < f->n_glyphs)
		f->used[gid] = 1;
}

/* The pool offset of a copy of `text` (stored once per distinct entry). */
static uint32_t pool_add(struct pdf_font *f, const char *text, size_t len)
{
	uint32_t at = (uint32_t)f->pool.len;
	pdf_buf_put(&f->pool, text, len);
	return at;
}

static size_t alt_slot(const struct pdf_font *f, unsigned gid, const char *text, size_t len)
{
	uint32_t h = 2166136261u ^ gid;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)text[i]) * 16777619u;
	return h & (f->hash_size - 1);
}

static void alt_rehash(struct pdf_font *f)
{
	free(f->alt_hash);
	f->hash_size = f->hash_size ? f->hash_size * 2 : 64;
	f->alt_hash = pp_xcalloc(f->hash_size, sizeof *f->alt_hash);
	for (size_t i = 0; i < f->n_alts; i++) {
		const struct alt_code *a = &f->alts[i];
		size_t k = alt_slot(f, a->gid, (const char *)f->pool.data + a->at, a->len);
		while (f->alt_hash[k])
			k = (k + 1) & (f->hash_size - 1);
		f->alt_hash[k] = (uint32_t)i + 1;
	}
}

long pdf_font_code(struct pdf_font *f, unsigned gid, const char *text, size_t len)
{
	if (gid >= f->n_glyphs || len == 0)
		return -1;
	/*
	 * Keep each ToUnicode entry short: readers parse its hex string into a
	 * fixed token buffer (poppler's holds 255 characters, 63 UTF-16 units;
	 * 63 bytes of UTF-8 never make more). A longer cluster, such as the
	 * ellipsis standing for the end of a long label, is given by /ActualText.
	 */
	if (len > 63 || f->pool.len + len > UINT32_MAX)
		return -1;
	if (!f->uni_at[gid]) {
		f->uni_at[gid] = pool_add(f, text, len);
		f->uni_len[gid] = (uint16_t)len;
		return gid;
	}
	if (f->uni_len[gid] == len && memcmp(f->pool.data + f->uni_at[gid], text, len) == 0)
		return gid;
	/* Another text for a glyph drawn before: a code of its own. */
	if (f->n_alts && f->hash_size) {
		size_t k = alt_slot(f, gid, text, len);
		for (; f->alt_hash[k]; k = (k + 1) & (f->hash_size - 1)) {
			const struct alt_code *a = &f->alts[f->alt_hash[k] - 1];
			if (a->gid == gid && a->len == len &&
			    memcmp(f->pool.data + a->at, text, len) == 0)
				return (long)(f->n_glyphs + (f->alt_hash[k] - 1));
		}
	}
	/* Only a TrueType font's codes can be mapped to other glyphs
	 * (/CIDToGIDMap); two-byte codes end at 0xFFFF. */
	if (!f->truetype || f->n_glyphs + f->n_alts > 0xFFFF)
		return -1;
	PP_GROW(f->alts, f->n_alts + 1, f->cap_alts);
	f->alts[f->n_alts] = (struct alt_code){gid, pool_add(f, text, len), (uint16_t)len};
	f->n_alts++;
	if (f->n_alts * 2 > f->hash_size)
		alt_rehash(f);
	else {
		size_t k = alt_slot(f, gid, text, len);
		while (f->alt_hash[k])
			k = (k + 1) & (f->hash_size - 1);
		f->alt_hash[k] = (uint32_t)f->n_alts;
	}
	return (long)(f->n_glyphs + f->n_alts - 1);
}

unsigned pdf_font_glyph(const struct pdf_font *f, unsigned code)
{
	return code < f->n_glyphs ? code : f->alts[code - f->n_glyphs].gid;
}

unsigned pdf_font_nominal(const struct pdf_font *f, unsigned cp)
{
	return cp == ' ' ? f->space : nominal_glyph(f, cp);
}

void pdf_fonts_resources(const struct pdf_fonts *fs, struct pdf_buf *b)
{
	for (size_t i = 0; i < fs->n_fonts; i++)
		pdf_buf_printf(b, "/F%u %u 0 R", fs->fonts[i]->id, fs->fonts[i]->obj);
}

/* A PostScript name fit for /BaseFont: printable ASCII without delimiters. */
static void ps_name(hb_face_t *face, unsigned id, char *out, size_t size)
{
	char name[64];
	unsigned len = sizeof name;
	unsigned got = hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID,
					   &len, name);
	size_t o = 0;
	for (unsigned i = 0; got && i < len && name[i] && o + 1 < size; i++) {
		char c = name[i];
		if (c > 0x20 && c < 0x7F && !strchr("()<>[]{}/%#", c))
			out[o++] = c;
	}
	if (o == 0)
		snprintf(out, size, "Font%u", id);
	else
		out[o] = '\0';
}

static int16_t be16(const char *p)
{
	return (int16_t)(((unsigned char)p[0] << 8) | (unsigned char)p[1]);
}

/* The /ToUnicode CMap: every drawn glyph with text, in blocks of 100. */
static void write_cmap(struct pdf_font *f, struct pdf_writer *w, unsigned num)
{
	struct pdf_buf b = {0};
	pdf_buf_puts(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
			 "/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n"
			 "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
			 "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	/* bfchar blocks hold at most 100 entries: the glyphs' own codes, then
	 * the codes of their other texts. */
	unsigned g = 0, limit = f->n_glyphs < 0x10000 ? f->n_glyphs : 0x10000;
	size_t a = 0;
	for (;;) {
		unsigned block[100], n = 0;
		for (; g < limit && n < 100; g++)
			if (f->used[g] && f->uni_at[g])
				block[n++] = g;
		for (; g >= limit && a < f->n_alts && n < 100; a++)
			block[n++] = f->n_glyphs + (unsigned)a;
		if (n == 0)
			break;
		pdf_buf_printf(&b, "%u beginbfchar\n", n);
		for (unsigned i = 0; i < n; i++) {
			unsigned c = block[i];
			const struct alt_code *ac = c >= f->n_glyphs ? &f->alts[c - f->n_glyphs] : NULL;
			pdf_buf_printf(&b, "<%04X> <", c);
			pdf_buf_utf16_hex(&b, (const char *)f->pool.data + (ac ? ac->at : f->uni_at[c]),
					  ac ? ac->len : f->uni_len[c]);
			pdf_buf_puts(&b, ">\n");
		}
		pdf_buf_puts(&b, "endbfchar\n");
	}
	pdf_buf_puts(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	pdf_stream(w, num, NULL, b.data, b.len, 1);
	pdf_buf_free(&b);
}

/* The face cut down to the drawn glyphs, ids kept; NULL if hb-subset fails. */
static hb_blob_t *subset(struct pdf_font *f)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	if (!in)
		return NULL;
	hb_set_t *gs = hb_subset_input_glyph_set(in);
	for (unsigned g = 0; g < f->n_glyphs; g++)
		if (f->used[g])
			hb_set_add(gs, g);
	/* Shaping tables and hints are not needed to draw given glyphs. */
	hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	static const char *tables[] = {"GSUB", "GPOS", "GDEF", "kern", "morx", "kerx",
				       "DSIG", "BASE", "JSTF", "MATH", "hdmx", "VDMX",
				       "LTSH", "gasp", "PCLT", "vhea", "vmtx"};
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
		hb_set_add(drop, hb_tag_from_string(tables[i], 4));
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_RETAIN_GIDS | HB_SUBSET_FLAGS_NO_HINTING);
	hb_face_t *sub = hb_subset_or_fail(f->face, in);
	hb_subset_input_destroy(in);
	if (!sub)
		return NULL;
	hb_blob_t *blob = hb_face_reference_blob(sub);
	hb_face_destroy(sub);
	if (hb_blob_get_length(blob) == 0) {
		hb_blob_destroy(blob);
		return NULL;
	}
	return blob;
}

static void write_font(struct pdf_font *f, struct pdf_writer *w)
{
	unsigned cid = pdf_reserve(w), desc = pdf_reserve(w), file = pdf_reserve(w),
		 cmap = pdf_reserve(w), c2g = f->n_alts ? pdf_reserve(w) : 0;
	int truetype = f->truetype;

	/* A subset tag from the glyphs kept: the same glyphs, the same name. */
	uint32_t h = 2166136261u;
	for (unsigned g = 0; g < f->n_glyphs; g++)
		if (f->used[g])
			h = (h ^ g) * 16777619u;
	char tag[7];
	for (int i = 0; i < 6; i++) {
		tag[i] = (char)('A' + h % 26);
		h /= 26;
	}
	tag[6] = '\0';
	char name[80];
	ps_name(f->face, f->id, name, sizeof name);

	pdf_obj_begin(w, f->obj);
	pdf_printf(w, "<</Type/Font/Subtype/Type0/BaseFont/%s+%s/Encoding/Identity-H"
		      "/DescendantFonts[%u 0 R]/ToUnicode %u 0 R>>",
		   tag, name, cid, cmap);
	pdf_obj_end(w);

	struct pdf_buf b = {0};
	pdf_buf_printf(&b, "<</Type/Font/Subtype/%s/BaseFont/%s+%s"
			   "/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>"
			   "/FontDescriptor %u 0 R/DW 0",
		       truetype ? "CIDFontType2" : "CIDFontType0", tag, name, desc);
	if (c2g)
		pdf_buf_printf(&b, "/CIDToGIDMap %u 0 R", c2g);
	else if (truetype)
		pdf_buf_puts(&b, "/CIDToGIDMap/Identity");
	pdf_buf_puts(&b, "/W[");
	for (unsigned g = 0; g < f->n_glyphs && g <= 0xFFFF;) {
		if (!f->used[g]) {
			g++;
			continue;
		}
		pdf_buf_printf(&b, "%u[", g);
		for (int first = 1; g < f->n_glyphs && g <= 0xFFFF && f->used[g]; g++, first = 0) {
			if (!first)
				pdf_buf_put(&b, " ", 1);
			pdf_buf_num(&b, pdf_font_width(f, g));
		}
		pdf_buf_put(&b, "]", 1);
	}
	if (f->n_alts) {
		pdf_buf_printf(&b, "%u[", f->n_glyphs);
		for (size_t i = 0; i < f->n_alts; i++) {
			if (i)
				pdf_buf_put(&b, " ", 1);
			pdf_buf_num(&b, pdf_font_width(f, f->alts[i].gid));
		}
		pdf_buf_put(&b, "]", 1);
	}
	pdf_buf_puts(&b, "]>>");
	pdf_obj_begin(w, cid);
	pdf_put_buf(w, &b);
	pdf_obj_end(w);
	pdf_buf_free(&b);

	/* The descriptor's metrics, in 1/1000 em. */
	double k = 1000.0 / f->upem;
	hb_position_t asc = 0, dsc = 0, cap = 0;
	if (!hb_ot_metrics_get_position(f->metrics, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &asc))
		asc = (hb_position_t)(0.8 * f->upem);
	if (!hb_ot_metrics_get_position(f->metrics, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER,
					&dsc))
		dsc = -(hb_position_t)(0.2 * f->upem);
	if (!hb_ot_metrics_get_position(f->metrics, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap))
		cap = asc;
	double italic = hb_style_get_value(f->metrics, HB_STYLE_TAG_SLANT_ANGLE);
	int bbox[4] = {0, (int)dsc, (int)f->upem, (int)asc};
	hb_blob_t *head = hb_face_reference_table(f->face, HB_TAG('h', 'e', 'a', 'd'));
	unsigned hl = 0;
	const char *hd = hb_blob_get_data(head, &hl);
	if (hd && hl >= 44)
		for (int i = 0; i < 4; i++)
			bbox[i] = be16(hd + 36 + 2 * i);
	hb_blob_destroy(head);
	/* Symbolic (4): glyphs are addressed by id, not by a standard encoding;
	 * italic (64) when slanted. */
	pdf_obj_begin(w, desc);
	pdf_printf(w, "<</Type/FontDescriptor/FontName/%s+%s/Flags %d/FontBBox[%.0f %.0f %.0f %.0f]"
		      "/ItalicAngle %.1f/Ascent %.0f/Descent %.0f/CapHeight %.0f/StemV 80"
		      "/%s %u 0 R>>",
		   tag, name, 4 | (italic != 0 ? 64 : 0), bbox[0] * k, bbox[1] * k, bbox[2] * k,
		   bbox[3] * k, italic, asc * k, dsc * k, cap * k,
		   truetype ? "FontFile2" : "FontFile3", file);
	pdf_obj_end(w);

	hb_blob_t *blob = subset(f);
	if (!blob) /* embed the whole face rather than none */
		blob = hb_face_reference_blob(f->face);
	unsigned len = 0;
	const char *data = hb_blob_get_data(blob, &len);
	char dict[32];
	if (truetype)
		snprintf(dict, sizeof dict, "/Length1 %u", len);
	else
		snprintf(dict, sizeof dict, "/Subtype/OpenType");
	pdf_stream(w, file, dict, data, len, 1);
	hb_blob_destroy(blob);
	write_cmap(f, w, cmap);
	if (c2g) {
		/* Codes below n_glyphs are the glyph ids; the others, theirs. */
		size_t n = (size_t)f->n_glyphs + f->n_alts;
		unsigned char *map = pp_xmalloc(2 * n);
		for (size_t c = 0; c < n; c++) {
			unsigned gid = c < f->n_glyphs ? (unsigned)c : f->alts[c - f->n_glyphs].gid;
			map[2 * c] = (unsigned char)(gid >> 8);
			map[2 * c + 1] = (unsigned char)gid;
		}
		pdf_stream(w, c2g, NULL, map, 2 * n, 1);
		free(map);
	}
}

void pdf_fonts_write(struct pdf_fonts *fs, struct pdf_writer *w)
{
	for (size_t i = 0; i < fs->n_fonts; i++)
		write_font(fs->fonts[i], w);
}
