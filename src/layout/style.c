/* SPDX-License-Identifier: MIT */
/*
 * style.c - the built-in styles layout reads. Every colour pair used for
 * text (body on white, header text on header fill, RAG word on RAG fill)
 * reaches WCAG 2 contrast 4.5:1; tests/unit/test_style.c computes it for
 * every pair of every built-in, so a palette change cannot slip below.
 * A RAG cell always prints its word: colour is never the only signal.
 */
#include <stddef.h>
#include <string.h>

#include "planpress/style.h"

#define RGB(hex)                                                                   \
	{                                                                          \
		(double)(((hex) >> 16) & 0xff) / 255.0,                            \
			(double)(((hex) >> 8) & 0xff) / 255.0,                     \
			(double)((hex) & 0xff) / 255.0                             \
	}

#define BLACK RGB(0x0b0c0c)
#define WHITE RGB(0xffffff)

/* GOV.UK-like fills: dark fills carry white text, light fills black text. */
#define RAG_TABLE(green, agreen, amber, red, complete, na)                          \
	{                                                                          \
		[PP_RAG_NONE] = { WHITE, BLACK, BLACK, 0, "" },                    \
		[PP_RAG_GREEN] = { RGB(green), WHITE, BLACK, 0, "GREEN" },         \
		[PP_RAG_AMBER_GREEN] = { RGB(agreen), BLACK, BLACK, 1, "AMBER/GREEN" }, \
		[PP_RAG_AMBER] = { RGB(amber), BLACK, BLACK, 1, "AMBER" },         \
		[PP_RAG_RED] = { RGB(red), WHITE, BLACK, 0, "RED" },               \
		[PP_RAG_COMPLETE] = { RGB(complete), WHITE, BLACK, 0, "COMPLETE" }, \
		[PP_RAG_NA] = { RGB(na), WHITE, BLACK, 0, "N/A" },                 \
	}

static const struct pp_style style_default = {
	.name = "default",
	.font_family = "Liberation Sans, Arial, DejaVu Sans",
	.margin_top = 56.0, .margin_right = 42.0, .margin_bottom = 56.0, .margin_left = 42.0,
	.header_gap = 14.0, .footer_gap = 14.0,
	.body = { 9.5, 0, 0, BLACK },
	.h = { { 18.0, 1, 0, BLACK }, { 14.0, 1, 0, BLACK }, { 12.0, 1, 0, BLACK },
	       { 10.5, 1, 0, BLACK }, { 9.5, 1, 0, BLACK }, { 9.5, 1, 1, BLACK } },
	.table_text = { 8.5, 0, 0, BLACK },
	.table_header = { 8.5, 1, 0, WHITE },
	.running = { 8.0, 0, 0, RGB(0x505a5f) },
	.continued = { 7.5, 0, 1, RGB(0x505a5f) },
	.accent = RGB(0x1d70b8),
	.para_space = 5.0,
	.list_indent = 12.0,
	.bullets = { "\xe2\x80\xa2", "\xe2\x80\x93", "\xe2\x88\x98" }, /* • – ∘ */
	.table_header_fill = RGB(0x0b0c0c),
	.table_rule = RGB(0x6f777b),
	.table_rule_width = 0.5,
	.table_group_fill = RGB(0xf3f2f1),
	.table_zebra_fill = RGB(0xf8f8f8),
	.table_zebra = 0,
	.cell_pad_x = 4.0, .cell_pad_y = 3.0,
	.rag = RAG_TABLE(0x00703c, 0xa6c94a, 0xffdd00, 0xd4351c, 0x1d70b8, 0x505a5f),
	.mark_glyph = "\xe2\x97\x8f", /* ● */
	.mark_colour = BLACK,
	.matrix_head_fill = { RGB(0x0b0c0c), RGB(0x1d70b8), RGB(0xf3f2f1) },
	.matrix_head_text = { WHITE, WHITE, BLACK },
	.matrix_zebra_fill = RGB(0xf3f2f1),
	.poster_banner_fill = RGB(0x1d70b8), .poster_banner_text = WHITE,
	.poster_box_fill = { RGB(0x003078), RGB(0x1d70b8), RGB(0xd2e2f1), RGB(0x00703c),
			     RGB(0xf3f2f1) },
	.poster_box_text = { WHITE, WHITE, BLACK, WHITE, BLACK },
	.poster_label_fill = RGB(0xf3f2f1), .poster_label_text = BLACK,
	.poster_connector = RGB(0x505a5f),
	.running_footer = "|Page {page} of {pages}|",
	.cover = { .fill = WHITE, .band_fill = RGB(0x1d70b8), .band_height = 6.0, .text_top = 0.2,
		   .organisation = { 14.0, 0, 0, BLACK }, .title = { 28.0, 1, 0, BLACK },
		   .subtitle = { 16.0, 0, 0, BLACK }, .period = { 16.0, 0, 0, BLACK },
		   .strapline = { 13.0, 0, 0, BLACK }, .meta = { 12.0, 0, 0, BLACK },
		   .byline = { 11.0, 0, 0, BLACK } },
};

/* Bolton: dark teal headers, "///" bullets as in its corporate plan. */
static const struct pp_style style_bolton = {
	.name = "bolton",
	.font_family = "Liberation Sans, Arial, DejaVu Sans",
	.margin_top = 50.0, .margin_right = 36.0, .margin_bottom = 50.0, .margin_left = 36.0,
	.header_gap = 12.0, .footer_gap = 12.0,
	.body = { 9.5, 0, 0, RGB(0x1a1a1a) },
	.h = { { 18.0, 1, 0, RGB(0x005a6e) }, { 14.0, 1, 0, RGB(0x005a6e) },
	       { 12.0, 1, 0, RGB(0x1a1a1a) }, { 10.5, 1, 0, RGB(0x1a1a1a) },
	       { 9.5, 1, 0, RGB(0x1a1a1a) }, { 9.5, 1, 1, RGB(0x1a1a1a) } },
	.table_text = { 8.0, 0, 0, RGB(0x1a1a1a) },
	.table_header = { 8.0, 1, 0, WHITE },
	.running = { 8.0, 0, 0, RGB(0x4a4a4a) },
	.continued = { 7.0, 0, 1, RGB(0x4a4a4a) },
	.accent = RGB(0x007f8c),
	.para_space = 4.0,
	.list_indent = 14.0,
	.bullets = { "///", "\xc2\xbb\xc2\xbb", "\xe2\x80\x93" }, /* /// »» – */
	.table_header_fill = RGB(0x005a6e),
	.table_rule = RGB(0x7a8a8f),
	.table_rule_width = 0.5,
	.table_group_fill = RGB(0xe3f0f2),
	.table_zebra_fill = RGB(0xf4f8f9),
	.table_zebra = 1,
	.cell_pad_x = 3.5, .cell_pad_y = 3.0,
	.rag = RAG_TABLE(0x00703c, 0x9cc24a, 0xffc000, 0xc00000, 0x1f5d99, 0x595959),
	.mark_glyph = "\xe2\x97\x8f", /* ● */
	.mark_colour = RGB(0x005a6e),
	.matrix_head_fill = { RGB(0x005a6e), RGB(0x006d7a), RGB(0xe3f0f2) },
	.matrix_head_text = { WHITE, WHITE, RGB(0x1a1a1a) },
	.matrix_zebra_fill = RGB(0xf4f8f9),
	.poster_banner_fill = RGB(0x005a6e), .poster_banner_text = WHITE,
	.poster_box_fill = { RGB(0x005a6e), RGB(0x006d7a), RGB(0xe3f0f2), RGB(0x3d4f58),
			     RGB(0xf4f8f9) },
	.poster_box_text = { WHITE, WHITE, RGB(0x1a1a1a), WHITE, RGB(0x1a1a1a) },
	.poster_label_fill = RGB(0xe3f0f2), .poster_label_text = RGB(0x1a1a1a),
	.poster_connector = RGB(0x4a4a4a),
	.running_footer = "|Page {page} of {pages}|",
	.cover = { .fill = WHITE, .band_fill = RGB(0x005a6e), .band_height = 14.0, .text_top = 0.2,
		   .organisation = { 14.0, 0, 0, RGB(0x1a1a1a) }, .title = { 28.0, 1, 0, RGB(0x005a6e) },
		   .subtitle = { 16.0, 0, 0, RGB(0x1a1a1a) }, .period = { 16.0, 0, 0, RGB(0x1a1a1a) },
		   .strapline = { 13.0, 0, 0, RGB(0x1a1a1a) }, .meta = { 12.0, 0, 0, RGB(0x1a1a1a) },
		   .byline = { 11.0, 0, 0, RGB(0x1a1a1a) } },
};

/* Blackburn with Darwen: deep purple headers, plain bullets. */
static const struct pp_style style_blackburn = {
	.name = "blackburn-with-darwen",
	.font_family = "Liberation Sans, Arial, DejaVu Sans",
	.margin_top = 54.0, .margin_right = 40.0, .margin_bottom = 54.0, .margin_left = 40.0,
	.header_gap = 14.0, .footer_gap = 14.0,
	.body = { 10.0, 0, 0, BLACK },
	.h = { { 18.0, 1, 0, RGB(0x5c2d82) }, { 14.0, 1, 0, RGB(0x5c2d82) },
	       { 12.0, 1, 0, BLACK }, { 10.5, 1, 0, BLACK }, { 10.0, 1, 0, BLACK },
	       { 10.0, 1, 1, BLACK } },
	.table_text = { 8.5, 0, 0, BLACK },
	.table_header = { 8.5, 1, 0, WHITE },
	.running = { 8.0, 0, 0, RGB(0x555555) },
	.continued = { 7.5, 0, 1, RGB(0x555555) },
	.accent = RGB(0x0078a0),
	.para_space = 5.0,
	.list_indent = 12.0,
	.bullets = { "\xe2\x80\xa2", "\xe2\x97\xa6", "\xe2\x80\x93" }, /* • ◦ – */
	.table_header_fill = RGB(0x5c2d82),
	.table_rule = RGB(0x767676),
	.table_rule_width = 0.5,
	.table_group_fill = RGB(0xefe8f4),
	.table_zebra_fill = RGB(0xf7f4fa),
	.table_zebra = 0,
	.cell_pad_x = 4.0, .cell_pad_y = 3.0,
	.rag = RAG_TABLE(0x00703c, 0xa6c94a, 0xffbf47, 0xb10e1e, 0x005ea5, 0x505a5f),
	/* Seed 003's plan on a page: purple banner, tiers in purple and blue. */
	.mark_glyph = "\xe2\x97\x8f", /* ● */
	.mark_colour = RGB(0x5c2d82),
	.matrix_head_fill = { RGB(0x5c2d82), RGB(0x006a8e), RGB(0xefe8f4) },
	.matrix_head_text = { WHITE, WHITE, BLACK },
	.matrix_zebra_fill = RGB(0xf7f4fa),
	.poster_banner_fill = RGB(0x5c2d82), .poster_banner_text = WHITE,
	.poster_box_fill = { RGB(0x5c2d82), RGB(0x006a8e), RGB(0xefe8f4), RGB(0x00703c),
			     RGB(0xf7f4fa) },
	.poster_box_text = { WHITE, WHITE, BLACK, WHITE, BLACK },
	.poster_label_fill = RGB(0xefe8f4), .poster_label_text = BLACK,
	.poster_connector = RGB(0x555555),
	.running_footer = "|Page {page} of {pages}|",
	.cover = { .fill = WHITE, .band_fill = RGB(0x5c2d82), .band_height = 48.0, .text_top = 0.2,
		   .organisation = { 14.0, 0, 0, BLACK }, .title = { 28.0, 1, 0, RGB(0x5c2d82) },
		   .subtitle = { 16.0, 0, 0, BLACK }, .period = { 16.0, 0, 0, BLACK },
		   .strapline = { 13.0, 0, 0, BLACK }, .meta = { 12.0, 0, 0, BLACK },
		   .byline = { 11.0, 0, 0, BLACK } },
};

static const struct pp_style *const builtins[] = {
	&style_default,
	&style_bolton,
	&style_blackburn,
};

const struct pp_style *pp_style_builtin(const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
		if (strcmp(builtins[i]->name, name) == 0)
			return builtins[i];
	return NULL;
}

const struct pp_style *pp_style_default(void)
{
	return &style_default;
}

/* ---------- a committee report's front sheet ------------------------------ */

static const struct {
	const char *name, *label;
} front_fields[PP_FRONT_N] = {
	[PP_FRONT_TO] = {"to", "To"},
	[PP_FRONT_DATE] = {"date", "Date of meeting"},
	[PP_FRONT_TITLE] = {"title", "Title"},
	[PP_FRONT_REPORT_OF] = {"report-of", "Report of"},
	[PP_FRONT_PURPOSE] = {"purpose", "Purpose"},
	[PP_FRONT_WARDS] = {"wards", "Wards affected"},
	[PP_FRONT_KEY_DECISION] = {"key-decision", "Key decision"},
	[PP_FRONT_EXEMPT] = {"exempt", "Exempt information"},
	[PP_FRONT_CONTACT] = {"contact", "Contact officer"},
	[PP_FRONT_BACKGROUND] = {"background-papers", "Background papers"},
	[PP_FRONT_ANNEXES] = {"annexes", "Annexes"},
};

const char *pp_front_field_name(enum pp_front_key k)
{
	return (unsigned)k < PP_FRONT_N ? front_fields[k].name : NULL;
}

const char *pp_front_field_label(enum pp_front_key k)
{
	return (unsigned)k < PP_FRONT_N ? front_fields[k].label : NULL;
}
