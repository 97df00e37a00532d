/* SPDX-License-Identifier: MIT */
/*
 * layout_ctx.c - the Pango font map and context shared by a whole run.
 *
 * Invariant: every layout is measured with the same resolution-independent
 * font options (metric hinting off, no hint style, unrounded glyph
 * positions), so a layout measured here draws with the same line breaks and
 * advances in PDF, SVG and PNG at any resolution.
 */
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "alloc.h"
#include "layout_int.h"

/* A font map at 72 dpi: one Pango point is one of our points. */
static PangoFontMap *make_fontmap(void)
{
	PangoFontMap *map = pango_cairo_font_map_new();
	if (map)
		pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(map), 72.0);
	return map;
}

/* The resolution-independent settings every context of a run shares. */
static PangoContext *make_context(PangoFontMap *map)
{
	PangoContext *pango = pango_font_map_create_context(map);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(pango, fo);
	cairo_font_options_destroy(fo);
	pango_cairo_context_set_resolution(pango, 72.0);
	pango_context_set_round_glyph_positions(pango, FALSE);
	pango_context_set_language(pango, pango_language_from_string("en-GB"));
	return pango;
}

struct pp_layout_ctx *pp_layout_ctx_new(struct pp_diags *diags)
{
	PangoFontMap *map = make_fontmap();
	if (!map) {
		pp_diagf(diags, PP_MSG_RENDER, NULL, "pango has no cairo font map");
		return NULL;
	}
	struct pp_layout_ctx *ctx = pp_xcalloc(1, sizeof *ctx);
	ctx->fontmap = map;
	ctx->pango = make_context(map);
	return ctx;
}

PangoContext *lay_worker_context(struct pp_layout_ctx *ctx)
{
	if (ctx->pango2)
		return ctx->pango2;
	const char *t = getenv("PP_THREADS");
	if (t && strcmp(t, "1") == 0)
		return NULL;
	if (!(ctx->fontmap2 = make_fontmap()))
		return NULL;
	ctx->pango2 = make_context(ctx->fontmap2);
	return ctx->pango2;
}

void pp_layout_ctx_free(struct pp_layout_ctx *ctx)
{
	if (!ctx)
		return;
	for (size_t i = 0; i < ctx->n_fonts; i++) {
		free(ctx->fonts[i].family);
		pango_font_description_free(ctx->fonts[i].desc);
	}
	free(ctx->fonts);
	free(ctx->checked_family);
	g_object_unref(ctx->pango);
	g_object_unref(ctx->fontmap);
	if (ctx->pango2)
		g_object_unref(ctx->pango2);
	if (ctx->fontmap2)
		g_object_unref(ctx->fontmap2);
	free(ctx);
}

PangoContext *pp_layout_ctx_pango(struct pp_layout_ctx *ctx)
{
	return ctx->pango;
}

/* Is the family `name` (len bytes, not terminated) installed? */
static int family_installed(PangoFontFamily **fams, int n, const char *name, size_t len)
{
	for (int i = 0; i < n; i++) {
		const char *f = pango_font_family_get_name(fams[i]);
		if (strlen(f) == len && g_ascii_strncasecmp(f, name, len) == 0)
			return 1;
	}
	return 0;
}

void lay_check_fonts(struct pp_layout_ctx *ctx, const struct pp_style *style,
		     struct pp_diags *diags)
{
	const char *list = style->font_family;
	if (!list || (ctx->checked_family && strcmp(ctx->checked_family, list) == 0))
		return;
	free(ctx->checked_family);
	ctx->checked_family = pp_xstrdup(list);

	PangoFontFamily **fams = NULL;
	int n = 0, found = 0;
	pango_font_map_list_families(ctx->fontmap, &fams, &n);
	/* Generic names (sans-serif) always resolve; otherwise one listed family must exist. */
	for (const char *p = list; *p && !found;) {
		while (*p == ' ' || *p == ',')
			p++;
		size_t len = strcspn(p, ",");
		size_t end = len;
		while (end > 0 && p[end - 1] == ' ')
			end--;
		if (end > 0 && (family_installed(fams, n, p, end) ||
				(end == 10 && g_ascii_strncasecmp(p, "sans-serif", 10) == 0) ||
				(end == 5 && g_ascii_strncasecmp(p, "serif", 5) == 0) ||
				(end == 9 && g_ascii_strncasecmp(p, "monospace", 9) == 0)))
			found = 1;
		p += len;
	}
	g_free(fams);
	if (found)
		return;

	PangoFontDescription *d = pango_font_description_new();
	char *families = pp_xasprintf("%s, sans-serif", list);
	pango_font_description_set_family(d, families);
	free(families);
	PangoFont *font = pango_font_map_load_font(ctx->fontmap, ctx->pango, d);
	PangoFontDescription *got = font ? pango_font_describe(font) : NULL;
	const char *used = got ? pango_font_description_get_family(got) : NULL;
	pp_diagf(diags, PP_MSG_FONT_MISSING, NULL, list, used ? used : "the default font");
	if (got)
		pango_font_description_free(got);
	if (font)
		g_object_unref(font);
	pango_font_description_free(d);
}

/* Font descriptions are cached per (family, size, weight, slant): a table
 * of 2,000 rows asks for the same three or four thousands of times. A
 * description lives as long as the context (a plain piece, layout_text.c,
 * borrows it), so a template of another family adds its own. */
PangoFontDescription *lay_font(struct pp_layout_ctx *ctx, const struct pp_style *style,
			       const struct pp_text_style *ts)
{
	for (size_t i = 0; i < ctx->n_fonts; i++) {
		struct font_cache *c = &ctx->fonts[i];
		if (c->size == ts->size && c->bold == ts->bold && c->italic == ts->italic &&
		    strcmp(c->family, style->font_family) == 0)
			return c->desc;
	}
	PangoFontDescription *d = pango_font_description_new();
	/* A template's families may all be missing: fall back to the sans-serif
	 * default, not whatever fontconfig finds nearest (a maths font). */
	char *families = pp_xasprintf("%s, sans-serif", style->font_family);
	pango_font_description_set_family(d, families);
	free(families);
	pango_font_description_set_size(d, (gint)(ts->size * PANGO_SCALE + 0.5));
	pango_font_description_set_weight(d, ts->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(d, ts->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	PP_GROW(ctx->fonts, ctx->n_fonts + 1, ctx->cap_fonts);
	ctx->fonts[ctx->n_fonts++] = (struct font_cache){ts->size, ts->bold, ts->italic,
	                                                 pp_xstrdup(style->font_family), d};
	return d;
}

const char *pp_role_name(enum pp_role r)
{
	switch (r) {
	case PP_ROLE_DOCUMENT: return "Document";
	case PP_ROLE_SECT: return "Sect";
	case PP_ROLE_H1: return "H1";
	case PP_ROLE_H2: return "H2";
	case PP_ROLE_H3: return "H3";
	case PP_ROLE_H4: return "H4";
	case PP_ROLE_H5: return "H5";
	case PP_ROLE_H6: return "H6";
	case PP_ROLE_P: return "P";
	case PP_ROLE_L: return "L";
	case PP_ROLE_LI: return "LI";
	case PP_ROLE_LBL: return "Lbl";
	case PP_ROLE_LBODY: return "LBody";
	case PP_ROLE_TABLE: return "Table";
	case PP_ROLE_THEAD: return "THead";
	case PP_ROLE_TBODY: return "TBody";
	case PP_ROLE_TR: return "TR";
	case PP_ROLE_TH: return "TH";
	case PP_ROLE_TD: return "TD";
	case PP_ROLE_FIGURE: return "Figure";
	case PP_ROLE_CAPTION: return "Caption";
	case PP_ROLE_LINK: return "Link";
	case PP_ROLE_TOC: return "TOC";
	case PP_ROLE_TOCI: return "TOCI";
	}
	return "?";
}

void pp_page_size_points(enum pp_page_size size, enum pp_orientation o, double *w, double *h)
{
	/* ISO 216 in millimetres, converted at 72/25.4 points per mm. */
	double wm = 210, hm = 297;
	switch (size) {
	case PP_PAGE_A4: wm = 210; hm = 297; break;
	case PP_PAGE_A3: wm = 297; hm = 420; break;
	case PP_PAGE_A2: wm = 420; hm = 594; break;
	case PP_PAGE_A1: wm = 594; hm = 841; break;
	}
	double pw = wm * 72.0 / 25.4, ph = hm * 72.0 / 25.4;
	if (o == PP_LANDSCAPE) {
		*w = ph;
		*h = pw;
	} else {
		*w = pw;
		*h = ph;
	}
}
