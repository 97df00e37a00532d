/* SPDX-License-Identifier: MIT */
/*
 * layout_int.h - private to the layout stage: the context, text stacks,
 * pages, the views and the generic table engine. The flow (the cursor over
 * pages that views lay out through) is in layout_flow.h.
 *
 * A "stack" is the unit of content that can be split between pages: a
 * vertical list of pieces (a text each, a PangoLayout or plain text, with
 * an indent and an optional list marker). Its lines are flattened into one
 * array so a split point is simply a line index, wherever the line comes
 * from.
 */
#ifndef PP_LAYOUT_INT_H
#define PP_LAYOUT_INT_H

#include <pango/pango.h>

#include "planpress/layout.h"
#include "text.h"

struct pp_layout_ctx {
	PangoFontMap *fontmap;
	PangoContext *pango;
	struct font_cache {
		double size;
		int bold, italic;
		char *family;               /* the template's font-family */
		PangoFontDescription *desc; /* lives as long as the context */
	} *fonts;
	size_t n_fonts, cap_fonts;
	char *checked_family; /* the family list lay_check_fonts last warned about */
	/* A second font map and context, made on first use, for layouts
	 * measured on the worker thread (lay_worker_context). */
	PangoFontMap *fontmap2;
	PangoContext *pango2;
};

/* ---------- text (layout_text.c) ---------------------------------------- */

/* A link inside a layout: byte range and target. */
struct piece_link {
	int start, end; /* byte indexes into the layout's text */
	const char *href;
	struct pp_snode *snode;
	const char *dest_id; /* a <ref>: the id it goes to (href NULL) */
	const struct pp_xref *ref; /* that <ref>'s target */
};

/* Something drawn inside a stack (a chart or data table inside a table
 * cell): one unbreakable line of the height measure() gives at a width,
 * drawn by draw() with its top left at (x, y). The piece owns it and calls
 * release() (layout_blocks.c, layout_chart.c). */
struct piece_drawing {
	double min_width; /* narrowest useful width, for auto columns */
	double (*measure)(const struct piece_drawing *d, double width);
	void (*draw)(const struct piece_drawing *d, struct pp_page *page, double x, double y,
		     double width, int artifact);
	void (*release)(struct piece_drawing *d);
};

/*
 * One text in a stack. Its text, attributes and font are a PangoLayout
 * (`layout`, an owned reference), or, for plain text (stack_add_plain: no
 * attributes, one font), `plain` alone: the fast path (text_fill.c)
 * measures it without a layout, and piece_layout() makes one only when
 * something needs it (Pango's own line breaker, a check). A table cell of
 * a figure or a status word is such a piece, and so is inline text with
 * no emphasis, break, link, reference or language (inline_to_stack): a
 * GObject made and unreffed per cell or paragraph cost more than
 * measuring it. Code reading a piece's layout asks piece_layout().
 */
struct piece {
	PangoLayout *layout; /* owned reference, or NULL: a plain piece not yet made one */
	struct piece_plain {
		/* The text, kept once the piece has a layout: in `small` when
		 * it fits (in_small), else owned here; NULL in both: not a
		 * plain piece. Read it through piece_text() or plain_text():
		 * `small` moves with the piece, so keep no pointer into it. */
		char *text;
		char small[24];
		int in_small;
		const PangoFontDescription *desc; /* lay_font's: lives with the context */
		PangoContext *pc;
		PangoAlignment align;
		guint key_hash; /* of its measure key (layout_text.c), 0: not known */
	} plain;
	struct pp_text *text; /* its lines at the stack's width (stack_set_width) */
	double indent;	     /* from the stack's left edge */
	double space_before;
	struct pp_rgb colour;
	struct pp_snode *snode;	 /* structure node of the text, or NULL */
	PangoLayout *marker;	 /* list marker / label, drawn beside line 0 */
	struct pp_snode *marker_snode;
	double marker_x;	 /* from the stack's left edge */
	struct piece_link *links;
	size_t n_links;
	int centred; /* layout is centred in the stack width */
	struct piece_drawing *drawing; /* owned; then the piece's text is empty */
};

struct stack_line {
	size_t piece;
	int line;      /* index in the piece's layout */
	double top;    /* of the logical rect, from the stack's top */
	double height; /* logical height (the next line starts at top + height) */
};

struct stack {
	struct piece *pieces;
	size_t n_pieces, cap_pieces;
	struct stack_line *lines;
	size_t n_lines, cap_lines;
	double width; /* set by stack_set_width */
	/* pieces / lines are storage the stack's owner lent (stack_lend),
	 * not the stack's to free: it moves to its own array when it
	 * outgrows them */
	unsigned pieces_lent : 1, lines_lent : 1;
};

/*
 * Warn (PP_MSG_FONT_MISSING, once per family list) when none of the
 * template's comma-separated font families is installed, naming the font
 * fontconfig falls back to: the document still renders.
 */
void lay_check_fonts(struct pp_layout_ctx *ctx, const struct pp_style *style,
		     struct pp_diags *diags);
/*
 * The context of the worker thread that measures half of a long table's
 * cells (layout_table.c): its own font map (Pango is not thread-safe across
 * one), the same font options, so its layouts measure and draw exactly as
 * the main context's. NULL when threads are off (PP_THREADS=1) or Pango
 * gives no second font map.
 */
PangoContext *lay_worker_context(struct pp_layout_ctx *ctx);
PangoFontDescription *lay_font(struct pp_layout_ctx *ctx, const struct pp_style *style,
			       const struct pp_text_style *ts);

/* A layout of inline text; records link ranges in `links` (may be NULL). */
PangoLayout *text_inline(struct pp_layout_ctx *ctx, const struct pp_style *style,
			 const struct pp_text_style *ts, const struct pp_inline *in,
			 struct piece_link **links, size_t *n_links);
PangoLayout *text_plain(struct pp_layout_ctx *ctx, const struct pp_style *style,
			const struct pp_text_style *ts, const char *text);

void stack_init(struct stack *s);
/* An empty stack whose first n_pieces pieces and n_lines lines are kept
 * in storage its owner lends and keeps in place for the stack's life (a
 * table cell's own: most cells are one piece of one line), so that a
 * short stack allocates nothing of its own. */
void stack_lend(struct stack *s, struct piece *pieces, size_t n_pieces,
                struct stack_line *lines, size_t n_lines);
void stack_fini(struct stack *s);
struct piece *stack_add(struct stack *s, PangoLayout *layout, struct pp_rgb colour,
			struct pp_snode *snode);
/* A piece of plain text (`text` copied) in the font of `ts`, wrapping
 * at word then character boundaries and left-aligned as text_plain()'s
 * layout would; it gets a PangoLayout only when one is needed. */
struct piece *stack_add_plain(struct stack *s, struct pp_layout_ctx *ctx,
                              const struct pp_style *style, const struct pp_text_style *ts,
                              const char *text, struct pp_rgb colour, struct pp_snode *snode);
/* The layout of piece p, made from its plain text if it has none yet
 * (the piece keeps it). */
PangoLayout *piece_layout(struct piece *p);
/* The text of piece p, and its alignment set (either kind of piece). */
const char *piece_text(const struct piece *p);
void piece_set_alignment(struct piece *p, PangoAlignment align);
/* Move every layout of the stack to context `to` (same text, attributes and
 * settings, not yet measured). Returns 0, or -1 (and moves nothing) when a
 * piece is a drawing, which measures with the context it was made in. */
int stack_rehome(struct stack *s, PangoContext *to);
/* Set the wrapping width of every piece and flatten the lines. */
void stack_set_width(struct stack *s, double width);
double stack_height(const struct stack *s);
/* Height of lines [a, b), from the top of line a to the bottom of line b-1. */
double stack_range_height(const struct stack *s, size_t a, size_t b);
/* Most lines from `a` whose range height is <= avail; 0 if none fits. */
size_t stack_fit(const struct stack *s, size_t a, double avail);
/* Move pieces [from, from + n) before piece `to` (to < from) and lay the
 * lines out again from the measures already made (after stack_set_width):
 * a float's text taking the place of a figure that goes to the next page. */
void stack_move_pieces(struct stack *s, size_t from, size_t n, size_t to);
/* Widest unbreakable word and unwrapped width (for auto columns). */
void stack_measure(struct stack *s, double *min_w, double *max_w);

/* ---------- pages and structure (layout_page.c) ------------------------- */

struct pp_snode *snode_new(struct pp_pages *pages, struct pp_snode *parent,
			   enum pp_role role);
struct pp_page *pages_add(struct pp_pages *pages, double w, double h);
struct pp_box *page_box(struct pp_page *page, enum pp_box_kind kind);
/* Free a page's boxes, keeping the page (its size) itself. */
void page_clear(struct pp_page *p);
/* Free every node under `n` (n stays, with no children). */
void snode_prune(struct pp_pages *pages, struct pp_snode *n);
void page_rect(struct pp_page *page, double x, double y, double w, double h,
	       const struct pp_rgb *fill, const struct pp_rgb *stroke, double stroke_w);
void page_line(struct pp_page *page, double x, double y, double x2, double y2,
	       struct pp_rgb colour, double w);
/* A closed polygon of n corners (x, y pairs, copied), filled with `fill`
 * and, when `stroke`, outlined `stroke_w` wide. */
void page_poly(struct pp_page *page, const double *pts, size_t n, const struct pp_rgb *fill,
	       const struct pp_rgb *stroke, double stroke_w);

/* Emit lines [a, b) of a stack with line a's top at (x, y). */
void stack_emit(struct pp_page *page, const struct stack *s, size_t a, size_t b, double x,
		double y, int artifact);

/* ---------- views and their parts ------------------------------------- */

/* The facts a document prints: its own over the plan's (check fills
 * `eff`; a document check never saw falls back to the plan's). */
static inline const struct pp_facts *document_facts(const struct pp_doc *doc,
						    const struct pp_document *d)
{
	return d && d->eff.title ? &d->eff : &doc->facts;
}

struct flow; /* layout_flow.h */

/* Build a stack from blocks (layout_blocks.c). */
void blocks_to_stack(struct flow *f, struct stack *s, const struct pp_blocks *b,
		     const struct pp_text_style *ts, struct pp_snode *parent);
void inline_to_stack(struct flow *f, struct stack *s, const struct pp_inline *in,
		     const struct pp_text_style *ts, struct pp_snode *snode, double space_before);
/* Lay out blocks in the body flow (tables and charts included). */
void flow_blocks(struct flow *f, const struct pp_blocks *b);
/* A heading of `level` (1-6) from inline text or, when `in` is NULL, from
 * `title`; adds an outline entry and keeps itself with what follows. */
void flow_heading(struct flow *f, const struct pp_inline *in, int level, const char *title);
void flow_chart(struct flow *f, const struct pp_chart *c);
/* A chart followed by a table of the caller's (a status summary's), kept
 * together as flow_chart keeps a chart with its own data table: begin
 * makes the chart's figure (so it precedes the table in the structure
 * tree), the caller builds its table, end places the chart where the
 * table can start `gap` points below it (and frees bc); the caller then
 * lays out the table. `c` must live until end. */
struct body_chart;
struct ttable;
struct body_chart *flow_chart_begin(struct flow *f, const struct pp_chart *c);
void flow_chart_end(struct flow *f, struct body_chart *bc, struct ttable *after, double gap);
/* A chart / small data table drawn as one piece of a stack (inside a table
 * cell); structure nodes go under `parent` (layout_chart.c). */
struct piece *chart_piece(struct flow *f, struct stack *s, const struct pp_chart *c,
			  struct pp_snode *parent);
/* A data table inside a cell, drawn as one piece: colspans, status
 * colours and figure alignment as in the body (layout_subtable.c). */
struct piece *subtable_piece(struct flow *f, struct stack *s, const struct pp_table *t,
			     struct pp_snode *parent);
/* A figure as councils print them ("1,250", "12.5%", "£85,000"), and what
 * follows its whole units (".5%"): layout_subtable.c. */
int is_figure(const char *s);
const char *figure_tail(const char *s);
/* Text alternative of a chart, generated from its data (layout_chart.c);
 * caller frees. */
char *chart_summary(const struct pp_chart *c);
/* Frees what a view's own chart holds (series, points' texts, title and
 * axis names), not `c` itself: charts built by layout, not the plan's. */
void chart_data_fini(struct pp_chart *c);
void flow_data_table(struct flow *f, const struct pp_table *t);

/* ---------- the generic table engine (layout_table.c) -------------------- */

struct tcell {
	struct stack st;
	int status;	  /* a status cell (RAG or a scale's): filled, its word centred */
	int keep_align;	  /* a status cell that keeps its own alignment (a figure) */
	unsigned colspan; /* columns covered, >= 1 (the covered slots are NULL) */
	double pad_right; /* more room right of the text (decimal alignment) */
	struct pp_rgb fill;	/* status cells */
	struct pp_rgb outline;	/* status cells with has_outline */
	int has_outline;
	unsigned span;	  /* rows covered, >= 1 */
	int group;	  /* a group cell: continued across pages */
	int header;	  /* TH */
	struct pp_snode *snode; /* TD/TH */
	/* pagination state */
	size_t next_line; /* first line not yet drawn */
	/* lent to st (stack_lend): a one-piece, one-line cell needs no
	 * allocation of its own */
	struct piece piece0;
	struct stack_line line0;
};

struct trow {
	struct tcell **cells; /* n_cols; NULL where a span from above covers */
	/* The row's n_cols cells, in the same allocation as `cells` (after
	 * the pointers): a cell lives as long as its row and never moves. */
	struct tcell *store;
	struct pp_snode *snode;
	/* A group row (ttable_add_band): one cell, cells[0], across the whole
	 * table; repeated as "<band_text> (continued)" atop each page its
	 * rows continue on. */
	int band;
	char *band_text; /* owned */
};

struct ttable {
	size_t n_cols;
	struct pp_width *widths;
	struct trow *head; /* header rows (repeated) */
	size_t n_head;
	struct trow *rows;
	size_t n_rows, cap_rows;
	struct pp_snode *snode, *thead, *tbody;
	/*
	 * Body rows made on demand, a chunk at a time just ahead of pagination
	 * (layout_table.c), so a long table is never held whole: more()
	 * appends up to n rows (ttable_add_row, ttable_cell) and returns how
	 * many it added, 0 when there are no more. NULL: every row is added
	 * before ttable_layout.
	 */
	size_t (*more)(void *closure, struct ttable *t, size_t n);
	void *more_closure;
};

void ttable_init(struct ttable *t, struct flow *f, size_t n_cols, struct pp_snode *parent);
struct trow *ttable_add_row(struct ttable *t, struct flow *f, int header);
struct tcell *ttable_cell(struct trow *row, size_t col, struct flow *f, int header);
/* A full-width group row: its one cell (returned, to fill) heads the rows
 * after it, up to the next band; `text` is its plain text, for repeats. */
struct tcell *ttable_add_band(struct ttable *t, struct flow *f, const char *text);
void ttable_fini(struct ttable *t);
/* Resolve widths, paginate and emit. */
void ttable_layout(struct flow *f, struct ttable *t);
/* Place nothing, but measure `t` at the flow's width: returns the height
 * ttable_layout needs free to start it on a page (header rows and first
 * row); *whole gets the whole table's height, or once that passes `limit`
 * some height over `limit` (the rest is not measured). Points. */
double ttable_measure(struct flow *f, struct ttable *t, double limit, double *whole);

/* The glossary and key-priorities views (layout_lists.c). */
void flow_glossary(struct flow *f, const struct pp_glossary *gl);
void flow_key_priorities(struct flow *f, const struct pp_key_priorities *k);
/* The cover (layout_cover.c): facts on a page of their own. */
void flow_cover(struct flow *f);

/* Status cells, of any table (layout_status.c). */
/* Colour a cell as a status without its word (a data-table figure); sets
 * *text to the colour to write in. Returns 0 when there is no status. */
int status_colours(struct flow *f, struct tcell *cell, enum pp_rag rag, const struct pp_status *st,
		   struct pp_rgb *text);
/* A status cell: a declared scale's value `st`, or else the RAG rating. */
void status_cell(struct flow *f, struct tcell *cell, enum pp_rag rag, const struct pp_status *st);
/* Text in a cell, one piece (nothing for empty text); a RAG rating's word. */
void plain_piece(struct flow *f, struct tcell *cell, const struct pp_text_style *ts,
		 const char *text);
void rag_cell(struct flow *f, struct tcell *cell, enum pp_rag rag);

/* The priority-table view (layout_ptable.c). */
void flow_priority_table(struct flow *f, const struct pp_priority_table *pt);
/* A declared field's value as its type prints it ("\u00a31,200,000",
 * "31 March 2025", "40%", a status's label): layout_ptable.c; caller frees. */
char *field_value_text(const struct pp_field_def *fd, const struct pp_value *v);
/* "No priorities match: status is RED", a paragraph in place of a table
 * whose filter kept no row (`what`: "priorities", "indicators"). */
void flow_no_match(struct flow *f, const char *what, const char *where);
/* One paragraph of body text across the column (a view's note). */
void flow_note(struct flow *f, const char *text);
/* One column of a table as laid out: a status-history column becomes one
 * column per period it shows, each headed by the period's label. */
struct lcol {
	const struct pp_column *col;
	const struct pp_period *period; /* status-history: its period */
	struct pp_width width;
};
/* The columns as laid out: each column `is_history` says is one as one
 * per period (pp_history_periods of the column's @period, else `period`),
 * sharing its width (layout_ptable.c). Caller frees. */
struct lcol *history_columns(struct flow *f, const struct pp_column *columns, size_t n_columns,
			     const struct pp_period *period,
			     int (*is_history)(const struct pp_column *), size_t *n_out);
/* Start table `t` on `cols` (history_columns): their widths and the
 * header row, a status-history column headed by its period's label, any
 * other by `header` (layout_ptable.c). */
void history_table_head(struct flow *f, struct ttable *t, const struct lcol *cols,
			size_t n_cols, int (*is_history)(const struct pp_column *),
			void (*header)(struct flow *f, struct tcell *cell,
				       const struct pp_column *col, const void *closure),
			const void *closure);
/* The indicator-table view (layout_itable.c). */
void flow_indicator_table(struct flow *f, const struct pp_indicator_table *it);
/* The <indicator-chart> view (layout_ichart.c). */
void flow_indicator_chart(struct flow *f, const struct pp_indicator_chart *ic);
/* The <status-summary> view: status counts as a chart and a table
 * (layout_summary.c). */
void flow_status_summary(struct flow *f, const struct pp_status_summary *ss);
/* The <status-key> view: a scale's values and what they mean. */
void flow_status_key(struct flow *f, const struct pp_status_key *k);
/* <contents>: mark the place, then insert the pages at the end. */
void flow_contents_mark(struct flow *f, const char *title);
void flow_contents_finish(struct flow *f);

/* The assessment and linked-plans views (layout_views.c). */
void flow_assessment(struct flow *f, const struct pp_assessment *a);
void flow_linked_plans(struct flow *f, const struct pp_linked_plans *lps);
/* <cover kind="report">: committee, meeting and title atop the first page;
 * then the author's name and role where the report's own text ends. */
void flow_report_front(struct flow *f);
void flow_report_signature(struct flow *f);
/* Point every <ref> link at the page and place of the part it names. */
void refs_link(struct flow *f);
/* <front-sheet/>: the title and the template's labelled fields (layout_report.c). */
void flow_front_sheet(struct flow *f);
/* The hanging column of numbered paragraphs and section headings: as wide
 * as "10.10" in the body font plus a space. */
double report_hang(struct flow *f); /* layout_blocks.c */
/* A heading whose worked-out number hangs in the paragraph-number column
 * (`number` NULL: as flow_heading). */
void flow_heading_numbered(struct flow *f, int level, const char *number, const char *title);

/* Plan on a page (layout_matrix.c, layout_poster.c). */
void flow_matrix(struct flow *f, const struct pp_matrix *m, const struct pp_loc *loc);
void flow_poster(struct flow *f, const struct pp_poster *p, const struct pp_loc *loc);

#endif
