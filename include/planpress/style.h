/* SPDX-License-Identifier: MIT */
/*
 * style.h - the resolved look of a document: fonts, sizes, colours, RAG
 * fills, table rules, bullets, margins. Layout reads only this; it never
 * hard-codes a colour or a size.
 *
 * The looks themselves live only in templates/NAME.xml (docs/templates.md):
 * the command loads one with pp_template_load (template.h), whose base,
 * "default", is templates/default.xml compiled in, and hands the style to
 * layout, which needs one (never NULL). Layout has no built-in look: a C
 * copy of each template drifted from the files and its contrast tests
 * checked tables the program never drew with, and layout cannot read a
 * template itself (only parse reads XML; stages depend one way). Tests
 * load the shipped files (tests/unit/support.c, pp_test_style).
 * Units: points; colours are sRGB components 0..1.
 */
#ifndef PLANPRESS_STYLE_H
#define PLANPRESS_STYLE_H

#include "planpress/model.h"

struct pp_rgb {
	double r, g, b;
};

struct pp_text_style {
	double size;	   /* points */
	int bold;
	int italic;
	struct pp_rgb colour;
};

/* The most series colours a template may give (<chart><series>). */
#define PP_CHART_COLOURS 12

struct pp_rag_style {
	struct pp_rgb fill;
	struct pp_rgb text;
	struct pp_rgb outline; /* drawn when has_outline */
	int has_outline;
	const char *label;     /* the word printed in the cell */
};

struct pp_style {
	const char *name;
	const char *font_family; /* fontconfig family list, "Liberation Sans, Arial, DejaVu Sans" */

	double margin_top, margin_right, margin_bottom, margin_left;
	double header_gap; /* space between running header and body */
	double footer_gap;

	struct pp_text_style body;
	struct pp_text_style h[6];     /* section heading levels 1..6 */
	struct pp_text_style table_text;
	struct pp_text_style table_header;
	struct pp_text_style running;  /* running header and footer */
	struct pp_text_style continued; /* the "(continued)" label */
	struct pp_rgb accent;           /* rules under headings, cover bars */

	double para_space;	 /* after a paragraph */
	double list_indent;	 /* per level */
	const char *bullets[3];	 /* list markers by nesting level */

	struct pp_rgb table_header_fill;
	struct pp_rgb table_rule;
	double table_rule_width;
	struct pp_rgb table_group_fill; /* theme / priority group cells */
	struct pp_rgb table_zebra_fill;
	int table_zebra;
	double cell_pad_x, cell_pad_y;

	struct pp_rag_style rag[PP_RAG_NA + 1]; /* indexed by enum pp_rag */

	/* Plan on a page (<matrix>, <poster>). */
	const char *mark_glyph;		    /* matrix mark, "\u25cf" (NULL: that) */
	struct pp_rgb mark_colour;	    /* on paper and on the zebra fill */
	struct pp_rgb matrix_head_fill[3];  /* header rows: outer groups, inner groups, leaves */
	struct pp_rgb matrix_head_text[3];  /* text on those fills */
	struct pp_rgb matrix_zebra_fill;    /* every other priority row */
	struct pp_rgb poster_banner_fill, poster_banner_text;
	struct pp_rgb poster_box_fill[5];   /* per tier, top down, repeating */
	struct pp_rgb poster_box_text[5];
	struct pp_rgb poster_label_fill, poster_label_text; /* tier labels on the left */
	struct pp_rgb poster_connector;	    /* lines and arrows between tiers */
	double poster_text_max; /* points: a poster's text grows to fill its sheet up to this */

	/* Margins for one page size (enum pp_page_size) when page_margin_set[size]:
	 * [top, right, bottom, left]; other sizes use margin_*. */
	double page_margin[PP_PAGE_A1 + 1][4];
	int page_margin_set[PP_PAGE_A1 + 1];

	/* Running header and footer patterns used when the document gives
	 * none ({title} {organisation} {period} {status} {page} {pages}
	 * {date}; '|' splits left|centre|right). NULL or "": none. */
	const char *running_header;
	const char *running_footer;
	/* Where the template set them, and where it set the page geometry
	 * (margins, gaps; page_size_loc for one page size), for messages:
	 * file NULL for the built-in values. */
	struct pp_loc running_loc;
	struct pp_loc page_loc;
	struct pp_loc page_size_loc[PP_PAGE_A1 + 1];

	/* The cover page (<cover/> view). Text sits on `fill`. */
	struct pp_cover_style {
		struct pp_rgb fill;	   /* the whole cover page (white: none) */
		struct pp_rgb band_fill;   /* the band across the top of the body */
		double band_height;	   /* 0: no band */
		double text_top;	   /* first line, as a fraction of the body height */
		int centred;		   /* 1: lines centred, 0: left */
		struct pp_text_style organisation, title, subtitle, period, strapline;
		struct pp_text_style meta;   /* committee and meeting */
		struct pp_text_style byline; /* author, role and status */
		const char *logo;	   /* image file (PNG or SVG), absolute or NULL */
		/* Its bytes, read once and vetted (pp_parse_image_vet): what is
		 * drawn, so the file is never opened again. */
		const unsigned char *logo_data;
		size_t logo_len;
		const char *logo_name;	   /* the file as messages name it ("tpl/crest.png") */
		struct pp_loc logo_loc;	   /* the <logo> element, for messages */
		double logo_x, logo_y;	   /* top-left, points from the page's top-left */
		double logo_w, logo_h;	   /* the box; the image keeps its aspect ratio */
	} cover;

	/* A committee report (kept last): its front sheet (<front-sheet/>),
	 * the numbering of its recommendations, and whether covers and front
	 * sheets carry the running header and footer. */
	struct pp_front_style {
		enum pp_front_layout {
			PP_FRONT_GRID,	/* labels in a column, values beside them, no rules */
			PP_FRONT_BOX,	/* the same inside ruled cells, labels on the group fill */
			PP_FRONT_LINES, /* one "Label: value" line per field */
		} layout;
		struct pp_front_field {
			enum pp_front_key {
				PP_FRONT_TO,
				PP_FRONT_DATE,
				PP_FRONT_TITLE,
				PP_FRONT_REPORT_OF,
				PP_FRONT_PURPOSE,
				PP_FRONT_WARDS,
				PP_FRONT_KEY_DECISION,
				PP_FRONT_EXEMPT,
				PP_FRONT_CONTACT,
				PP_FRONT_BACKGROUND,
				PP_FRONT_ANNEXES,
				PP_FRONT_N
			} key;
			const char *label; /* NULL: the default label */
		} fields[PP_FRONT_N];
		size_t n_fields; /* 0: every field but the title, in the order above */
		/* <report signature="Signed:">: the front sheet ends "Signed: the
		 * author" and the author's role; "" or NULL: it does not. */
		const char *signature;
	} front;
	const char *recommendation_numbering; /* "(i)", "a)", "1.1" ...; NULL: "1." */
	int running_on_cover; /* 1: covers and front sheets carry the running header and footer */

	/* Status scales the template provides (<scales>, docs/templates.md),
	 * a base template's replaced by a child's of the same id; a plan
	 * using the template may name them (pp_doc_adopt_template). Their
	 * colours are "#rrggbb", checked for contrast when the template loads. */
	const struct pp_scale *scales;
	size_t n_scales;
	/* Charts (<chart>, <status-summary>): series i is drawn in
	 * series[i % n_series]; text (titles, ticks, labels, legends) in
	 * `text` on paper; the axes, the grid lines and a target series in
	 * theirs. Slices and points that carry a status take the status's
	 * colours (the RAG ratings above, or the plan's scale). */
	struct pp_chart_style {
		struct pp_rgb series[PP_CHART_COLOURS];
		size_t n_series; /* 1 to PP_CHART_COLOURS */
		struct pp_rgb text, axis, grid, target;
		/* a slice or segment with no status in a chart of statuses
		 * ("Not rated"), outlined in `axis` */
		struct pp_rgb unrated;
	} chart;
};

/* The name a template gives a front-sheet field ("key-decision"), and its
 * default label ("Key decision"); NULL past PP_FRONT_N. */
const char *pp_front_field_name(enum pp_front_key k);
const char *pp_front_field_label(enum pp_front_key k);

#endif
