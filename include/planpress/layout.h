/* SPDX-License-Identifier: MIT */
/*
 * layout.h - from a checked model to pages of positioned boxes.
 *
 * Layout is a pure function of (model, document, style, fonts, page size).
 * It measures text with Pango once; the PangoLayouts it makes are kept in
 * the boxes and drawn as they are by render, so text cannot reflow between
 * PDF, SVG and PNG. It never draws and never opens files.
 *
 * Every box carries the structure node it belongs to (heading, paragraph,
 * table cell ...) or none, which marks it an artifact (running header and
 * footer, repeated header rows, "(continued)" labels, rules and fills), so a
 * tagged PDF can be written in logical reading order.
 *
 * Units: points, origin at the page's top-left corner, y grows downwards.
 */
#ifndef PLANPRESS_LAYOUT_H
#define PLANPRESS_LAYOUT_H

#include <stdio.h>

#include <pango/pango.h>

#include "planpress/diag.h"
#include "planpress/model.h"
#include "planpress/style.h"

/* ---------- structure tree (for tagged output and tests) ----------------- */

enum pp_role {
	PP_ROLE_DOCUMENT,
	PP_ROLE_SECT,
	PP_ROLE_H1, PP_ROLE_H2, PP_ROLE_H3, PP_ROLE_H4, PP_ROLE_H5, PP_ROLE_H6,
	PP_ROLE_P,
	PP_ROLE_L, PP_ROLE_LI, PP_ROLE_LBL, PP_ROLE_LBODY,
	PP_ROLE_TABLE, PP_ROLE_THEAD, PP_ROLE_TBODY, PP_ROLE_TR, PP_ROLE_TH, PP_ROLE_TD,
	PP_ROLE_FIGURE, PP_ROLE_CAPTION,
	PP_ROLE_LINK,
	PP_ROLE_TOC, PP_ROLE_TOCI,
};

const char *pp_role_name(enum pp_role r); /* "TD", "H1" ... as PDF names them */

enum pp_scope { PP_SCOPE_NONE, PP_SCOPE_COLUMN, PP_SCOPE_ROW };

/*
 * A node of the logical structure. Nodes are owned by struct pp_pages and
 * live as long as it; children are in reading order.
 */
struct pp_snode {
	enum pp_role role;
	struct pp_snode *parent;
	struct pp_snode **children;
	size_t n_children, cap_children;
	char *alt;   /* alternative text (figures), link description, or NULL */
	char *lang;  /* language if different from the document's, or NULL */
	char *href;  /* LINK: URI, or NULL */
	enum pp_scope scope; /* TH */
	unsigned row_span, col_span; /* TH/TD: 1 unless merged */
	unsigned id; /* stable number in creation order, for dumps */
	const char *dest_id; /* the id a <ref> names this part by (borrowed), or NULL */
};

/* ---------- boxes ---------------------------------------------------------- */

enum pp_box_kind {
	PP_BOX_TEXT, /* lines [first_line, first_line + n_lines) of a PangoLayout */
	PP_BOX_RECT, /* a filled and/or stroked rectangle */
	PP_BOX_LINE, /* a straight rule from (x, y) to (x2, y2) */
	PP_BOX_LINK, /* a clickable area: URI or internal destination */
	PP_BOX_IMAGE, /* a PNG or SVG file scaled into (x, y, w, h) */
	PP_BOX_POLY,  /* a filled and/or stroked closed polygon (chart slices) */
};

struct pp_box {
	enum pp_box_kind kind;
	/*
	 * TEXT geometry, exactly as render must draw it:
	 *   x is the left edge of the PangoLayout (its wrapping width is w, so
	 *     centred or indented lines keep their own offsets);
	 *   y is the top of the logical rectangle of line `first_line`
	 *     (pango_layout_iter_get_line_yrange's y0 of that line);
	 *   line i, for first_line <= i < first_line + n_lines, is drawn with
	 *     pango_cairo_show_layout_line() at
	 *       (x + logical.x(i), y + baseline(i) - y0(first_line))
	 *     where logical.x(i) is the x of the line's logical extents and
	 *     baseline(i) its pango_layout_iter_get_baseline(), all in layout
	 *     coordinates (Pango units / PANGO_SCALE). pp_box_line_origin()
	 *     computes exactly this point;
	 *   h is the height from y to the bottom of the last drawn line.
	 * Lines outside the range are never drawn (they are on another page).
	 * Text colour is `colour`; spans with their own foreground attribute
	 * (links) keep it.
	 */
	double x, y, w, h;
	const struct pp_snode *snode; /* NULL: artifact */

	/* TEXT: measured text (a reference owned by this box), or else a
	 * PangoLayout (idem). Read either through pp_box_text(),
	 * pp_box_each_line() and pp_box_line_runs(). */
	struct pp_text *text;
	PangoLayout *layout;
	int first_line, n_lines;
	struct pp_rgb colour;
	/*
	 * TEXT turned a quarter turn: 0 (the default) or 90, degrees
	 * anticlockwise as seen on the page, so lines read bottom to top
	 * (rotated matrix column headers). When 90, (x, y, w, h) is the turned
	 * text's rectangle on the page, and the lines are drawn as above in a
	 * frame whose origin is the rectangle's bottom-left corner (x, y + h),
	 * turned 90 degrees anticlockwise: the layout's wrapping width runs up
	 * the page (h) and its lines stack rightwards from x.
	 */
	double rotation;

	/* RECT */
	int has_fill, has_stroke;
	struct pp_rgb fill, stroke;
	double stroke_width;

	/* LINE */
	double x2, y2, line_width;
	/* colour is `stroke` */

	/* POLY: n_pts corners (x, y pairs in pts, owned by the box), closed
	 * back to the first, filled and stroked as a RECT; (x, y, w, h) is
	 * their bounding box. */
	double *pts;
	size_t n_pts;

	/* LINK */
	char *uri;	   /* external link, or NULL */
	int dest_page;	   /* internal: 0-based page index, -1 if none */
	double dest_y;

	/* IMAGE: the file (borrowed from the style, which outlives the pages),
	 * drawn centred in (x, y, w, h) keeping its aspect ratio; alt is its
	 * alternative text (borrowed; NULL: decorative, an artifact). */
	const char *image;
	const unsigned char *image_data; /* its bytes (borrowed likewise) */
	size_t image_len;
	const char *alt;

	/* LINK of a <ref>: the id of the part it goes to (borrowed); layout
	 * sets dest_page and dest_y once that part is placed. */
	const char *dest_id;
	const struct pp_xref *dest_ref; /* that part (borrowed) */
	/* A part of another document of the plan: that document's output
	 * name (borrowed; its PDF is "<dest_file>.pdf" beside this one) and
	 * the part is its named destination pp_xref_dest_name(). */
	const char *dest_file;
};

struct pp_page {
	double width, height; /* points; may differ per page (orientation) */
	struct pp_box *boxes; /* in drawing order */
	size_t n_boxes, cap_boxes;
	/* Handed to a page sink and drawn already (pp_layout_document_streamed):
	 * the boxes are only its running header and footer, added at the end. */
	int streamed;
	/* A cover or a report's front sheet: no running header or footer
	 * unless the template asks (pp_style.running_on_cover). */
	int front;
};

struct pp_outline_entry {
	char *title;
	int level; /* 1 = top */
	int page;  /* 0-based */
	double y;
};

struct pp_pages {
	struct pp_page *pages;
	size_t n_pages, cap_pages;
	struct pp_snode *root; /* PP_ROLE_DOCUMENT */
	struct pp_outline_entry *outline;
	size_t n_outline, cap_outline;
	char *title;  /* document title for metadata */
	char *author; /* organisation */
	char *lang;
	unsigned n_snodes;
	struct pp_snode_pool *snode_pool; /* where the nodes live (layout_page.c) */
	/* Parts a <ref> in another document links to: each is a named
	 * destination of this document's PDF (refs_link, layout_report.c). */
	struct pp_named_dest {
		const char *id; /* the part's id (borrowed) */
		int page;	/* 0-based */
		double y;
	} *named;
	size_t n_named;
};

/* ---------- the engine --------------------------------------------------- */

/*
 * One font map and Pango context for a whole run: fontconfig is read once.
 * Font options are resolution-independent (metric hinting off) so the same
 * layout draws identically in every format. Returns NULL only if Pango
 * cannot give a font map (reported to `diags`).
 * Free with pp_layout_ctx_free().
 */
struct pp_layout_ctx;
struct pp_layout_ctx *pp_layout_ctx_new(struct pp_diags *diags);
void pp_layout_ctx_free(struct pp_layout_ctx *ctx);
PangoContext *pp_layout_ctx_pango(struct pp_layout_ctx *ctx);

/*
 * Whether document `document` of a checked plan can be laid out with
 * `style` at all: its running header and footer (the plan's, or the
 * style's measured against the plan's facts) are at most PP_RUNNING_MAX
 * characters, and the page's margins leave room for text. Reports each
 * fault to `diags`, located in the plan or the template, and returns -1;
 * 0 when the document can be laid out. pp_layout_document checks the same
 * (returning NULL); call this first to refuse before opening any output.
 */
int pp_layout_check(const struct pp_doc *doc, const struct pp_document *document,
		    const struct pp_style *style, struct pp_diags *diags);

/*
 * Lay out one document of a checked plan. Returns pages the caller frees
 * with pp_pages_free(), or NULL after reporting to `diags` (a document that
 * cannot be laid out at all). Text that cannot fit is broken or split,
 * never clipped or dropped. `style` is never NULL: a loaded template
 * (style.h).
 */
struct pp_pages *pp_layout_document(struct pp_layout_ctx *ctx, const struct pp_doc *doc,
				    const struct pp_document *document,
				    const struct pp_style *style, struct pp_diags *diags);

/*
 * Pages handed over as they are finished, to be drawn and forgotten, so a
 * long document is never held whole. page() is called once per page, in
 * page order, as soon as nothing more will be added to it but its running
 * header and footer: those need the page count, so layout adds them at the
 * end (to every page, as always) and the sink's owner draws them then.
 * After page() returns, layout frees the page's boxes and sets `streamed`.
 * The pages before a <contents> list waiting for the page numbers of what
 * follows are streamed; from it on they are held to the end. page()
 * returns 0, or -1 to be called no more (it has reported why).
 */
struct pp_page_sink {
	int (*page)(void *closure, const struct pp_pages *pages, size_t index);
	void *closure;
	/*
	 * Optional (NULL: never called). A finished part of the structure
	 * tree: nothing more will be added under `node`, and every page that
	 * holds its content has been handed to `page`. Return 1 when the sink
	 * has written the part (render_pdf_struct.c): layout then frees the nodes
	 * under `node`, which stays, a leaf, in its parent's children.
	 * Return 0 to keep it. Today a table body row is such a part.
	 */
	int (*closed)(void *closure, const struct pp_pages *pages, const struct pp_snode *node);
};

/* pp_layout_document, handing finished pages to `sink` (NULL: none). */
struct pp_pages *pp_layout_document_streamed(struct pp_layout_ctx *ctx, const struct pp_doc *doc,
					     const struct pp_document *document,
					     const struct pp_style *style, struct pp_diags *diags,
					     const struct pp_page_sink *sink);

void pp_pages_free(struct pp_pages *pages);

/*
 * Where render draws line `line` of a TEXT box (first_line <= line <
 * first_line + n_lines): *x is the start of the line's logical extents and
 * *baseline its baseline, both in page points. Pass the result to
 * cairo_move_to() then pango_cairo_show_layout_line().
 */
void pp_box_line_origin(const struct pp_box *box, int line, double *x, double *baseline);

/*
 * One run of shaped glyphs on one drawn line of a TEXT box: what every
 * backend draws, so no backend needs to know how the line was laid out.
 * x is in points from the line origin pp_box_line_origin() gives; glyph
 * geometry (advances, offsets) is in Pango units, in the run's direction.
 * log_clusters index text + offset, as in a PangoGlyphItem.
 */
struct pp_glyph_run {
	PangoFont *font;                /* borrowed */
	const PangoGlyphString *glyphs; /* borrowed: valid during the call */
	const char *text;               /* the box's whole text, borrowed */
	int offset, length;             /* the run's bytes of text */
	double x;                       /* points, from the line origin */
	int rtl;                        /* right-to-left (odd bidi level) */
	int has_colour;                 /* a span's own colour (links) ... */
	struct pp_rgb colour;           /* ... else the box's colour */
	/* A single underline (links): its top, in points below the baseline,
	 * and thickness; thickness 0 means none. */
	double underline_y, underline_thickness;
};

typedef void (*pp_glyph_run_fn)(const struct pp_glyph_run *run, void *closure);

/* Call fn for every run of line `line` of TEXT box b, left to right. */
void pp_box_line_runs(const struct pp_box *b, int line, pp_glyph_run_fn fn, void *closure);

/* The whole text of a TEXT box (every line, drawn here or not); borrowed. */
const char *pp_box_text(const struct pp_box *b);

/* One drawn line of a TEXT box, as pp_box_each_line() gives it. */
struct pp_line_info {
	int line;          /* index in the box's text, first_line <= line */
	int start, length; /* its bytes of pp_box_text() (a final break included) */
	double x, baseline; /* its origin, as pp_box_line_origin() */
	double width, height; /* its logical extents, points */
};

typedef void (*pp_line_fn)(const struct pp_box *b, const struct pp_line_info *line,
			   void *closure);

/* Call fn for lines first_line .. first_line + n_lines - 1 of a TEXT box,
 * top to bottom, in one pass (no per-line search from the start). */
void pp_box_each_line(const struct pp_box *b, pp_line_fn fn, void *closure);

/* Page size in points for a page size and orientation. */
void pp_page_size_points(enum pp_page_size size, enum pp_orientation o, double *w,
			 double *h);

/*
 * Print the pages as stable, indented text: every box with its position
 * (to 0.01 pt), its text and its structure role. Our most readable golden.
 */
void pp_layout_dump(const struct pp_pages *pages, FILE *out);

#endif
