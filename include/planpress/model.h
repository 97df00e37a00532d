/* SPDX-License-Identifier: MIT */
/*
 * model.h - the plan model: what parse builds, check completes and freezes,
 * and every view reads.
 *
 * Ownership: the document owns its whole tree. pp_doc_free() releases every
 * node and string; no caller frees a child. Arrays are (pointer, count)
 * pairs owned by their parent. Strings are UTF-8, NUL-terminated, never
 * pointing into libxml2 memory. After pp_check_doc() succeeds the model is
 * read-only: downstream takes `const struct pp_doc *`.
 */
#ifndef PLANPRESS_MODEL_H
#define PLANPRESS_MODEL_H

#include <stddef.h>
#include <stdio.h>

#include "planpress/diag.h"

/* ---------- rich text ---------------------------------------------------- */

struct pp_xref;

enum pp_span_flags {
	PP_SPAN_BOLD = 1u << 0,
	PP_SPAN_ITALIC = 1u << 1,
	PP_SPAN_BREAK = 1u << 2, /* a forced line break; text is "" */
};

/* A run of text with one style. Whitespace already collapsed by parse. */
struct pp_span {
	char *text;
	unsigned flags;	 /* enum pp_span_flags */
	char *href;	 /* link target or NULL */
	char *lang;	 /* BCP 47 language of the run, or NULL: inherit */
	/* <ref to="id"/>: a cross-reference; text is "" and the worked-out
	 * number is printed in its place (pp_xref_label). */
	char *ref_id;		     /* @to, or NULL: not a reference */
	const struct pp_xref *ref;   /* resolved by check */
	struct pp_loc ref_loc;	     /* where the <ref> element is */
};

/* A paragraph's worth of inline content. */
struct pp_inline {
	struct pp_span *spans;
	size_t n_spans;
};

enum pp_block_kind {
	PP_BLOCK_PARA,
	PP_BLOCK_HEADING, /* a sub-heading inside blocks (<h>) */
	PP_BLOCK_LIST,
	PP_BLOCK_TABLE,
	PP_BLOCK_CHART,
};

struct pp_blocks;

struct pp_list_item {
	struct pp_blocks *body; /* owned; a plain <li> text is one PARA */
	char *id;		/* @id (a <ref> target), or NULL */
	struct pp_loc loc;
};

struct pp_list {
	int ordered;
	char *marker; /* <ul marker="///"> or NULL: template default */
	struct pp_list_item *items;
	size_t n_items;
	/* Committee papers (kept last): */
	int recommendations;  /* <recommendations>: the list the committee votes on */
	char *numbering;      /* @numbering as written ("(i)", "a)", "1.1"), or NULL */
	char *section_number; /* set by check: its numbered section's, for "2.1" */
};

struct pp_table_cell {
	int header; /* <th> */
	struct pp_inline text;	 /* a cell of inline text */
	struct pp_blocks *blocks; /* owned, or NULL: a cell of paragraphs or lists (text empty) */
	unsigned colspan;	 /* @colspan, >= 1 */
	char *status_text;	 /* @status: the cell coloured as this status, or NULL */
	char *scale_id;		 /* @scale: its scale, NULL: RAG */
	int rag;			/* enum pp_rag, resolved by check (RAG scale) */
	const struct pp_status *status; /* resolved by check (a declared scale) */
	struct pp_loc loc;
};

/* Plain text of a data-table cell: its inline text, or its blocks'
 * paragraphs one per line. Caller frees. */
char *pp_table_cell_text(const struct pp_table_cell *cell);

struct pp_table_row {
	struct pp_table_cell *cells;
	size_t n_cells;
};

/* A small data table inside blocks (seed 001's areas x years). */
enum pp_numbers { PP_NUMBERS_LEFT, PP_NUMBERS_RIGHT, PP_NUMBERS_DECIMAL };

struct pp_table {
	enum pp_numbers numbers; /* @numbers: how cells holding a figure align */
	struct pp_inline caption; /* n_spans == 0 when absent */
	struct pp_table_row *rows;
	size_t n_rows;
};

struct pp_scale;
struct pp_status;

struct pp_point {
	char *x; /* category label ("2014") */
	double y;
	/* @status: the point (or slice) drawn as this status, or NULL */
	char *status_text;
	int rag;			/* enum pp_rag, resolved by check (the RAG scale) */
	const struct pp_status *status; /* resolved by check (a declared scale) */
	struct pp_loc loc;
	/* Set only by views that build a chart (layout): the category has no
	 * figure (a gap in the line, no bar), and the text its data table and
	 * alternative text print for the point ("62.5%", "Not yet due"), or
	 * NULL: the figure as %g. */
	int gap;
	char *y_text;
};

struct pp_series {
	char *name;
	struct pp_point *points;
	size_t n_points;
	int target; /* @target="yes": a target, drawn dashed, named "Target" when unnamed */
};

enum pp_chart_kind {
	PP_CHART_LINE,
	PP_CHART_BAR,
	PP_CHART_PIE,	      /* one series: a slice per category */
	PP_CHART_DONUT,	      /* a pie with a hole */
	PP_CHART_STACKED_BAR, /* a horizontal bar per series, a segment per category */
};

/* The chart type as written in @type ("stacked-bar"). */
const char *pp_chart_kind_name(enum pp_chart_kind k);

/* A chart drawn from data; the same data can be shown as a table. */
struct pp_chart {
	enum pp_chart_kind kind;
	char *title;
	char *x_label; /* may be NULL */
	char *y_label; /* may be NULL */
	struct pp_series *series;
	size_t n_series;
	int show_table; /* also print the data as a table under the chart */
	char *scale_id;		      /* @scale of the points' statuses, NULL: RAG */
	const struct pp_scale *scale; /* resolved by check; NULL: RAG */
};

struct pp_block {
	enum pp_block_kind kind;
	struct pp_loc loc;
	union {
		struct pp_inline para;	  /* PARA, HEADING */
		struct pp_list list;	  /* LIST */
		struct pp_table table;	  /* TABLE */
		struct pp_chart chart;	  /* CHART */
	} u;
	char *id;     /* <p id>: a <ref> target, or NULL */
	char *number; /* set by check: "5.2" in a numbered document, else NULL */
};

struct pp_blocks {
	struct pp_block *items;
	size_t n_items;
};

/* ---------- periods and ratings ------------------------------------------ */

enum pp_rag {
	PP_RAG_NONE, /* not rated */
	PP_RAG_GREEN,
	PP_RAG_AMBER_GREEN,
	PP_RAG_AMBER,
	PP_RAG_RED,
	PP_RAG_COMPLETE,
	PP_RAG_NA,
};

/* The canonical word for a rating ("AMBER/GREEN"); "" for PP_RAG_NONE. */
const char *pp_rag_word(enum pp_rag rag);

/*
 * Parse a rating as councils write it: case-insensitive, spaces around '/'
 * ignored ("Amber / Green"). Returns 0 and sets *out, or -1 if unknown.
 */
int pp_rag_from_string(const char *s, enum pp_rag *out);

struct pp_date {
	int year, month, day;
};

struct pp_period {
	char *id;
	char *label; /* "Quarter 1 20/21" (filled by check for quarters without @label) */
	int fy_year; /* quarters: financial year starting April fy_year; else 0 */
	int quarter; /* 1-4, or 0 for a span */
	struct pp_date start, end;
	/* As written (parse); check validates and fills the fields above. */
	char *year_text, *q_text;    /* quarter: @year, @q */
	char *start_text, *end_text; /* span: @start, @end */
	struct pp_loc loc;
	/* Set by check (indicator.c): the period before (the quarter before,
	 * or the span that ends last before this one starts) and the same
	 * period a year before (that quarter, or the span a year earlier), or
	 * NULL. Quarters relate only to quarters, spans to spans. */
	const struct pp_period *prev, *year_before;
};

struct pp_doc;
struct pp_filter; /* filter.h */

/* ---------- status scales ------------------------------------------------ */

/*
 * One value of a status scale: what a cell prints (symbol, then label) and
 * its colours. Colour never stands alone: the label is never empty.
 */
struct pp_status {
	char *id;
	char *label;
	char *symbol;	 /* "\u25b2" or NULL: none */
	char *fill_text, *text_text; /* @fill, @text as written ("#00703c") */
	unsigned fill, text;	     /* 0xRRGGBB, resolved by check */
	struct pp_inline meaning;    /* what the value means, for the status key */
	struct pp_loc loc;
	/* @means: what an indicator's worked-out status is in this scale
	 * ("met", "near", "missed"; several, space-separated: "met near"),
	 * or NULL (indicator.c). */
	char *means_text;
};

/* <scale>: ordered values. The six RAG ratings are the built-in scale "rag"
 * (no struct: enum pp_rag and the template's colours). */
struct pp_scale {
	char *id;
	char *name; /* "Delivery status", or NULL */
	char **for_kinds; /* @for: "update", "line" */
	size_t n_for_kinds;
	struct pp_status *values;
	size_t n_values;
	struct pp_loc loc;
	int from_template; /* provided by the plan's template (pp_doc_adopt_template) */
};

/* Free an array of scales and everything in them; accepts NULL. */
void pp_scales_free(struct pp_scale *scales, size_t n);

/* The scale with this id, or NULL (also for "rag", the built-in one). */
const struct pp_scale *pp_scale_find(const struct pp_doc *doc, const char *id);

/* WCAG 2 relative luminance of an sRGB colour (components 0..1), 0 to 1;
 * the one computation behind every contrast check (plans and templates). */
double pp_luminance(double r, double g, double b);

/* WCAG 2 contrast ratio of two 0xRRGGBB colours, 1 to 21. */
double pp_rgb_contrast(unsigned a, unsigned b);

/*
 * How good a status is, for trends: 0 is best. RAG: COMPLETE 0, GREEN 1,
 * AMBER/GREEN 2, AMBER 3, RED 4; a declared scale's values rank in the
 * order written (its first value is its best). -1: no rank (not rated,
 * N/A). `st` (a declared scale's value) wins over `rag`.
 */
int pp_status_rank(const struct pp_scale *sc, enum pp_rag rag, const struct pp_status *st);

/* The word a status prints: a declared value's label, else the RAG word
 * ("" when not rated). Borrowed. */
const char *pp_status_word(enum pp_rag rag, const struct pp_status *st);

/* Direction of travel of a status between two periods. NONE: either
 * status is missing or has no rank. */
enum pp_trend { PP_TREND_NONE, PP_TREND_BETTER, PP_TREND_SAME, PP_TREND_WORSE };

/* "Better", "Worse", "No change", or "Not available" for NONE. */
const char *pp_trend_word(enum pp_trend t);

/* ---------- custom fields ------------------------------------------------- */

enum pp_value_type {
	PP_VALUE_TEXT,
	PP_VALUE_PERSON,
	PP_VALUE_DATE,
	PP_VALUE_PERCENT,
	PP_VALUE_NUMBER,
	PP_VALUE_MONEY,
	PP_VALUE_STATUS,
};

/* Where a field's values live; the level of its table column. */
enum pp_value_on { PP_ON_THEME, PP_ON_PRIORITY, PP_ON_ACTION, PP_ON_LINE, PP_ON_UPDATE,
		   PP_ON_INDICATOR };

/* <field>: a council's own field (Directorate, Percentage complete ...). */
struct pp_field_def {
	char *id;
	char *label;
	char *type_text;  /* @type as written */
	char *on_text;	  /* @on as written, NULL: priority */
	char *scale_id;	  /* @scale, for type status */
	enum pp_value_type type;	 /* resolved by check */
	enum pp_value_on on;		 /* resolved by check */
	const struct pp_scale *scale;	 /* resolved by check; NULL: RAG */
	struct pp_loc loc;
};

/* <value field="...">: one field's value on a theme, priority, action,
 * outcome line or update. */
struct pp_value {
	char *field_id;
	char *text;	/* as written, collapsed */
	const struct pp_field_def *def; /* resolved by check */
	double number;	/* percent, number, money: the value */
	struct pp_date date;		/* date */
	enum pp_rag rag;		/* status in the RAG scale */
	const struct pp_status *status; /* status in a declared scale */
	struct pp_loc loc;
};

/* The value of `def` among `v`, or NULL. */
const struct pp_value *pp_value_find(const struct pp_value *v, size_t n,
				     const struct pp_field_def *def);

/* ---------- framework ---------------------------------------------------- */

struct pp_fw_item;

struct pp_fw_group {
	char *id;    /* may be NULL */
	char *label;
	int ref_upper;	   /* @ref-case="upper" */
	char *code_suffix; /* @code-suffix, or NULL */
	struct pp_fw_group *groups; /* child groups */
	size_t n_groups;
	struct pp_fw_item *items; /* leaf items (a group holds groups or items) */
	size_t n_items;
	struct pp_loc loc;
};

struct pp_fw_item {
	char *id;
	char *code; /* may be NULL */
	char *label;
	struct pp_inline description; /* may be empty */
	const struct pp_fw_group *group; /* set by check: the owning group */
	size_t index;			 /* set by check: leaf order, 0-based */
	struct pp_loc loc;
};


/* ---------- indicators (KPIs) -------------------------------------------- */

/* What an indicator counts, and so how its figures are read and printed. */
enum pp_unit {
	PP_UNIT_NUMBER,
	PP_UNIT_COUNT,
	PP_UNIT_PERCENT,
	PP_UNIT_MONEY, /* pounds */
	PP_UNIT_DAYS,
	PP_UNIT_RATIO,
	PP_UNIT_RATE_1K, /* a rate per 1,000 */
	PP_UNIT_RATE_10K,
	PP_UNIT_RATE_100K,
};

/* Which way is better: higher, lower, or inside a target band. */
enum pp_polarity { PP_POLARITY_HIGHER, PP_POLARITY_LOWER, PP_POLARITY_BAND };

/* How a year to date is worked out from the periods of the year so far. */
enum pp_ytd_rule { PP_YTD_NONE, PP_YTD_SUM, PP_YTD_MEAN, PP_YTD_LATEST };

/* Why a period has no figure. */
enum pp_missing { PP_MISSING_NONE, PP_MISSING_NOT_AVAILABLE, PP_MISSING_NOT_DUE };

/* A figure against its target; a scale's @means names these. EXCEEDED:
 * at or beyond the target's @stretch; NO_DATA: an actual that says
 * missing="not-available"; MISSED_IMPROVING: missed, but Better or No
 * change on the same period a year before (each only where the scale has
 * such a value). */
enum pp_meets {
	PP_MEETS_NONE,
	PP_MEETS_MET,
	PP_MEETS_NEAR,
	PP_MEETS_MISSED,
	PP_MEETS_EXCEEDED,
	PP_MEETS_NO_DATA,
	PP_MEETS_MISSED_IMPROVING,
};

/* What an indicator's status is judged on: the period's own figure, or
 * the year to date (@status-on="ytd", for cumulative measures). */
enum pp_status_on { PP_STATUS_ON_PERIOD, PP_STATUS_ON_YTD };

/* Direction of travel, honouring polarity: enum pp_trend (above). */

/* <target period="q1" tolerance="2">75</target>, <target year="2024">,
 * <target low="2" high="4"> (polarity band), tolerance-percent="5" (of
 * the target), stretch="90", cumulative="yes", none="Baseline year". */
struct pp_ind_target {
	char *period_id;		/* NULL: an annual target (@year) */
	const struct pp_period *period; /* resolved by check */
	char *year_text;		/* @year as written: "2024" or "2024/25" */
	int fy_year;			/* resolved by check: April of this year */
	char *text, *low_text, *high_text, *tolerance_text; /* as written */
	double value, low, high, tolerance; /* resolved by check (tolerance 0: none) */
	char *tolerance_pct_text, *stretch_text, *cumulative_text; /* as written */
	double tolerance_pct;		/* a share of the target, in percent (0: none) */
	int has_stretch;		/* @stretch: at or beyond it is "exceeded" */
	double stretch;
	int cumulative;			/* the year's target reached in equal steps */
	char *none; /* @none: no target by design, and what prints ("Baseline year") */
	struct pp_loc loc;
};

/* <actual period="q1">62.5</actual>, or missing="not-available" reason="...". */
struct pp_ind_actual {
	char *period_id;
	const struct pp_period *period;
	char *text;	     /* the figure as written ("" when missing) */
	double value;	     /* resolved by check */
	char *missing_text;  /* @missing as written, or NULL */
	enum pp_missing missing;
	char *reason;	     /* @reason, or NULL */
	struct pp_loc loc;
};

/* <commentary period="q1">: blocks. */
struct pp_ind_note {
	char *period_id;
	const struct pp_period *period;
	struct pp_blocks text;
	struct pp_loc loc;
};

/* <comparator name="England" period="q1">61.0</comparator> */
struct pp_ind_comparator {
	char *name;
	char *period_id;
	const struct pp_period *period;
	char *text;
	double value;
	struct pp_loc loc;
};

/* <override period="q1" status="GREEN">reason</override> */
struct pp_ind_override {
	char *period_id;
	const struct pp_period *period;
	char *status_text;
	enum pp_rag rag;		/* resolved by check (RAG scale) */
	const struct pp_status *status; /* resolved by check (a declared scale) */
	struct pp_inline reason;
	struct pp_loc loc;
};

/* What planpress works out for one indicator and one plan period (check,
 * indicator.c); never typed. */
struct pp_ind_period {
	const struct pp_period *period; /* its prev is trend_prev's; trend_year is on
					 * pp_indicator_last_year's figure */
	int has_value;
	double value;
	enum pp_missing missing;	       /* no figure: why (NONE: nothing written) */
	const char *reason;		       /* the actual's @reason, or NULL */
	const struct pp_ind_target *target;    /* the one that applies, or NULL */
	/* No target by design (targets="none" or a <target none>): what the
	 * target and status cells print instead ("No target"), else NULL. */
	const char *no_target;
	/* A monthly indicator's quarter with nothing written shows its latest
	 * month with a figure: that month (value and ytd are its), else NULL. */
	const struct pp_period *as_at;
	enum pp_meets meets;		       /* figure against target (before override) */
	enum pp_rag rag;		       /* the status (RAG scale), NONE: none */
	const struct pp_status *status;	       /* the status (a declared scale), or NULL */
	const struct pp_ind_override *override; /* the status was overridden, or NULL */
	int has_ytd;
	double ytd;
	enum pp_trend trend_prev, trend_year;
	int move_prev, move_year; /* the figure rose (1), fell (-1) or stayed (0) since */
	const struct pp_ind_note *commentary; /* or NULL */
};

struct pp_theme;
struct pp_priority;

struct pp_indicator {
	char *id;
	char *ref; /* "CH8", or NULL */
	struct pp_inline title;
	struct pp_blocks description;
	/* attributes as written; check resolves them below */
	char *unit_text, *decimals_text, *thousands_text, *polarity_text, *ytd_text;
	char *scale_id, *targets_text, *over_text;
	char *status_on_text, *no_change_text, *no_change_pct_text;
	char *frequency; /* printed as written */
	enum pp_unit unit;
	int decimals;	 /* places printed (default 0 for count and money, else 1) */
	int thousands;	 /* commas between thousands (default yes) */
	enum pp_polarity polarity;
	enum pp_ytd_rule ytd;
	int no_targets;	 /* targets="none": monitored, no status worked out */
	int over_100;	 /* over-100="yes": a percent may exceed 100 */
	enum pp_status_on status_on; /* @status-on: period (default) or ytd */
	/* Direction of travel: a move of at most this much is "No change"
	 * (@no-change in the unit, @no-change-percent of the earlier figure). */
	double no_change, no_change_pct;
	const struct pp_scale *scale; /* resolved by check; NULL: RAG */
	struct pp_inline *owners;
	size_t n_owners;
	struct pp_value *values;
	size_t n_values;
	/* The schema lets any child repeat: the builder notes a missing
	 * <title> and each second <title>, <description> or <baseline>
	 * (kept out of the model), and check says so. */
	int has_title;
	struct pp_ind_twice {
		const char *element; /* "title", "description" or "baseline" */
		struct pp_loc first, second;
	} twice[3];
	size_t n_twice;
	int has_baseline;
	char *baseline_text, *baseline_period_id;
	const struct pp_period *baseline_period;
	double baseline;
	struct pp_loc baseline_loc;
	struct pp_ind_target *targets;
	size_t n_targets;
	struct pp_ind_actual *actuals;
	size_t n_actuals;
	struct pp_ind_note *notes;
	size_t n_notes;
	struct pp_ind_comparator *comparators;
	size_t n_comparators;
	struct pp_ind_override *overrides;
	size_t n_overrides;
	const struct pp_theme *theme;	    /* set by check */
	const struct pp_priority *priority; /* set by check, or NULL: a theme's own */
	struct pp_ind_period *at;	    /* set by check: one per plan period, in order */
	size_t n_at;
	/* Set by check: each period's share of a cumulative target, which its
	 * `at[i].target` points to (owned, only periods that have one). */
	struct pp_ind_target *profiled;
	size_t n_profiled;
	struct pp_loc loc;
};

/* ---------- themes, priorities, actions ---------------------------------- */

struct pp_line {
	enum pp_rag rag;   /* resolved by check from rag_text */
	char *rag_text;	   /* @rag or @status as written, or NULL */
	const struct pp_status *status; /* resolved by check when the line's scale is not RAG */
	struct pp_value *values;
	size_t n_values;
	char *period_id;		/* may be NULL */
	const struct pp_period *period; /* resolved by check */
	struct pp_blocks success, impact, timescale;
	struct pp_loc loc;
};

struct pp_action {
	char *id;    /* may be NULL */
	char *label; /* "1)", "a." or NULL */
	struct pp_blocks text;
	int has_text; /* <text> given, even empty: an empty <text/> is an empty cell */
	struct pp_inline *leads;
	size_t n_leads;
	struct pp_blocks measures;
	struct pp_blocks success; /* indicators of success for all its lines */
	struct pp_line *lines;
	size_t n_lines;
	struct pp_value *values;
	size_t n_values;
	struct pp_loc loc;
};

struct pp_update {
	char *period_id;
	const struct pp_period *period; /* resolved by check */
	enum pp_rag rag;   /* resolved by check from rag_text */
	char *rag_text;	   /* @rag or @status as written, or NULL */
	const struct pp_status *status; /* resolved by check when the update's scale is not RAG */
	struct pp_value *values;
	size_t n_values;
	struct pp_blocks timescale; /* empty: the period's label */
	struct pp_blocks milestones, commentary;
	struct pp_loc loc;
};

struct pp_align {
	char *item_id;
	const struct pp_fw_item *item; /* resolved by check */
	struct pp_loc loc;
};

struct pp_theme;

struct pp_priority {
	char *id;
	char *ref; /* "CO1" or NULL */
	struct pp_inline title;
	struct pp_inline statement; /* empty: use title */
	struct pp_inline *leads;
	size_t n_leads;
	struct pp_blocks outcomes, how, measures;
	struct pp_align *aligns;
	size_t n_aligns;
	struct pp_action *actions;
	size_t n_actions;
	struct pp_update *updates;
	size_t n_updates;
	char **also_ids; /* @also: also listed under these themes (key-priorities) */
	size_t n_also_ids;
	const struct pp_theme **also; /* resolved by check, n_also_ids entries */
	const struct pp_theme *theme; /* set by check */
	struct pp_value *values;
	size_t n_values;
	struct pp_loc loc;
	struct pp_indicator *indicators;
	size_t n_indicators;
};

struct pp_theme {
	char *id;
	char *title;
	char *short_label; /* @short: "Leadership Priority", or NULL */
	struct pp_priority *priorities;
	size_t n_priorities;
	struct pp_value *values;
	size_t n_values;
	struct pp_loc loc;
	struct pp_indicator *indicators; /* its own, before its priorities' */
	size_t n_indicators;
};

/* ---------- documents and views ------------------------------------------ */

enum pp_field {
	PP_FIELD_THEME,
	PP_FIELD_REF,
	PP_FIELD_LINK,
	PP_FIELD_REF_LINK,
	PP_FIELD_TITLE,
	PP_FIELD_STATEMENT,
	PP_FIELD_LEADS,
	PP_FIELD_OUTCOMES,
	PP_FIELD_HOW,
	PP_FIELD_MEASURES,
	PP_FIELD_TIMESCALE,
	PP_FIELD_MILESTONES,
	PP_FIELD_COMMENTARY,
	PP_FIELD_RAG,
	PP_FIELD_ACTION,
	PP_FIELD_ACTION_LEADS,
	PP_FIELD_ACTION_MEASURES,
	PP_FIELD_SUCCESS,
	PP_FIELD_IMPACT,
	PP_FIELD_LINE_TIMESCALE,
	PP_FIELD_LINE_RAG,
	/* <assessment> columns (with PP_FIELD_THEME for the area) */
	PP_FIELD_QUESTION,
	PP_FIELD_RESPONSE,
	/* <linked-plans> columns (with PP_FIELD_LINK for the link) */
	PP_FIELD_NAME,
	PP_FIELD_PRIORITIES,
	PP_FIELD_LEAD,
	/* priority tables, added later (kept last so values stay stable) */
	PP_FIELD_REF_TITLE,	 /* "1 Early Help ...": ref, then title */
	PP_FIELD_ACTION_SUCCESS, /* the action's <success>, spanning its lines */
	PP_FIELD_PREVIOUS_STATUS, /* the update status of the period before the table's */
	PP_FIELD_STATUS_HISTORY,  /* one status column per period (pp_history_periods) */
	PP_FIELD_TREND,		  /* Better / Worse / No change since the period before */
	PP_FIELD_CUSTOM,	 /* a declared <field>: pp_column.custom (not in the name table) */
};

/* The row level a field belongs to. */
enum pp_level { PP_LEVEL_THEME, PP_LEVEL_PRIORITY, PP_LEVEL_ACTION, PP_LEVEL_LINE };

/* Field name as written in @field ("ref-link"); NULL-safe lookups below. */
const char *pp_field_name(enum pp_field f);
int pp_field_from_string(const char *s, enum pp_field *out);
enum pp_level pp_field_level(enum pp_field f);

enum pp_width_kind {
	PP_WIDTH_AUTO,	  /* content-based */
	PP_WIDTH_PERCENT, /* of the table width */
	PP_WIDTH_POINTS,  /* absolute; mm converted on entry */
	PP_WIDTH_SHARE,	  /* "2*": share of what is left */
};

struct pp_width {
	enum pp_width_kind kind;
	double value;
};

struct pp_column {
	enum pp_field field;	   /* resolved by check from field_text */
	struct pp_width width;	   /* resolved by check from width_text */
	char *field_text;	   /* @field as written */
	char *width_text;	   /* @width as written, or NULL: auto */
	const struct pp_field_def *custom; /* PP_FIELD_CUSTOM: the declared field */
	int show_bar;		   /* @show="bar": a percent as a bar and its number */
	int join_and;		   /* @join="and": leads joined by " & " (default: one per line) */
	int merge;		   /* @merge="same": equal neighbours share one spanning cell */
	char *periods_text;	   /* @periods ("year", "all") as written, or NULL */
	int periods_all;	   /* status-history: every period, not the year's */
	struct pp_inline header;
	struct pp_loc loc;
	/* indicator tables (kept last) */
	int ind_field;	   /* enum pp_ind_field, resolved by check */
	char *period_id;   /* @period: this period's figure, status ..., or NULL */
	const struct pp_period *period; /* resolved by check */
	char *name;	   /* @name: a comparator's name */
};

/*
 * Row order of a priority table. THEME: theme order, then priority order
 * within the theme. REF: natural order of the refs (CO2 < CO10, see
 * pp_ref_compare), priorities without a ref last in plan order.
 */
enum pp_table_order { PP_ORDER_THEME, PP_ORDER_REF };

struct pp_priority_table {
	enum pp_table_order order; /* @order, default theme */
	char *period_id; /* may be NULL */
	const struct pp_period *period;
	char **theme_ids; /* restrict to these themes; n == 0: all */
	size_t n_theme_ids;
	struct pp_column *columns;
	size_t n_columns;
	/* @group: "theme" or a field on themes or priorities; each new value
	 * starts a full-width group row. NULL: none. */
	char *group_text;
	int group_theme;			 /* resolved by check: group="theme" */
	const struct pp_field_def *group_field;	 /* resolved by check */
	/* @where: only the rows it holds for (filter.h); names status,
	 * previous-status, trend, theme, ref and field:ID. */
	char *where_text;
	struct pp_filter *where; /* parsed by check; NULL: every row */
};

/* The columns of an indicator table (<column field> names in
 * indicator.c's table). */
enum pp_ind_field {
	PP_IND_REF,
	PP_IND_TITLE,
	PP_IND_DESCRIPTION,
	PP_IND_UNIT,
	PP_IND_FREQUENCY,
	PP_IND_BASELINE,
	PP_IND_LAST_YEAR,
	PP_IND_TARGET,
	PP_IND_PREVIOUS,
	PP_IND_VALUE,
	PP_IND_YTD,
	PP_IND_STATUS,
	PP_IND_PREVIOUS_STATUS,
	PP_IND_TREND,
	PP_IND_TREND_YEAR,
	PP_IND_OWNER,
	PP_IND_COMMENTARY,
	PP_IND_COMPARATOR,
	PP_IND_SPARKLINE,
	PP_IND_STATUS_HISTORY, /* one status column per period (pp_history_periods) */
	PP_IND_THEME,
	PP_IND_PRIORITY,
	PP_IND_POLARITY, /* which way is better, in words */
	PP_IND_CUSTOM, /* a declared field on="indicator" (pp_column.custom) */
};

const char *pp_ind_field_name(enum pp_ind_field f);
int pp_ind_field_from_string(const char *s, enum pp_ind_field *out);

/* <indicator-table>: a row per indicator, figures for one period. */
struct pp_indicator_table {
	char *period_id; /* NULL: the document's period */
	const struct pp_period *period; /* resolved by check (never NULL after a clean check) */
	char **theme_ids; /* n == 0: all */
	size_t n_theme_ids;
	struct pp_column *columns;
	size_t n_columns;
	char *group_text; /* "theme" or NULL */
	int group_theme;  /* resolved by check */
	/* @where: only the indicators it holds for (filter.h); names status,
	 * previous-status, trend, trend-year, overridden, theme, ref, field:ID */
	char *where_text;
	struct pp_filter *where; /* parsed by check; NULL: every row */
};

struct pp_glossary {
	char **group_ids;
	size_t n_group_ids;
	const struct pp_fw_group **groups; /* resolved by check */
};

enum pp_view_kind {
	PP_VIEW_BLOCKS,	       /* narrative blocks */
	PP_VIEW_SECTION,       /* heading + children */
	PP_VIEW_PRIORITY_TABLE,
	PP_VIEW_GLOSSARY,
	PP_VIEW_KEY_PRIORITIES,
	PP_VIEW_COVER,
	PP_VIEW_CONTENTS,
	PP_VIEW_PAGE_BREAK,
	PP_VIEW_MATRIX,
	PP_VIEW_POSTER,
	PP_VIEW_ASSESSMENT,
	PP_VIEW_LINKED_PLANS,
	PP_VIEW_STATUS_KEY,
	PP_VIEW_FRONT_SHEET, /* a committee report's front sheet of labelled fields */
	PP_VIEW_INDICATOR_TABLE,
	PP_VIEW_STATUS_SUMMARY, /* counts of statuses, as a table and a chart */
	PP_VIEW_INDICATOR_CHART, /* one indicator's figures over periods */
};

/* What a status count counts (pp_status_count). */
enum pp_count_of {
	PP_COUNT_PRIORITIES, /* each priority by its update for the period */
	PP_COUNT_ACTIONS,    /* each action by its outcome line for the period */
	PP_COUNT_INDICATORS, /* each indicator on the count's scale by its worked-out status */
};

enum pp_summary_chart { PP_SUMMARY_NONE, PP_SUMMARY_PIE, PP_SUMMARY_DONUT, PP_SUMMARY_BAR };

/*
 * <status-summary of period by chart scale title>: how many priorities or
 * actions are at each value of a scale, overall or per theme, as a table
 * (value, count, percentage, total) and a chart.
 */
struct pp_status_summary {
	enum pp_count_of of;
	char *period_id; /* NULL: the document's period */
	const struct pp_period *period; /* resolved by check */
	int by_theme;			/* @by="theme" */
	enum pp_summary_chart chart;	/* @chart, default pie */
	char *scale_id;			/* @scale, NULL: the scale the counted items use */
	const struct pp_scale *scale;	/* resolved by check; NULL: RAG */
	char *title;			/* @title, or NULL: "Status of priorities" ... */
	/* @no-target: indicators with no target by design (data only) are
	 * counted as "Not rated" (default), or left out of the counts and
	 * the total and named in a line under the table ("leave-out"). */
	char *no_target_text;
	int no_target_leave_out;
};

/*
 * <indicator-chart indicator type periods table period title>: one
 * indicator's figures over periods as a line or bar chart, with its
 * target dashed, each point in its worked-out status, each comparator a
 * further series and (by default) the data as a table.
 */
struct pp_indicator_chart {
	char *indicator_id;
	const struct pp_indicator *indicator; /* resolved by check */
	char *period_id; /* NULL: the document's period */
	const struct pp_period *period; /* resolved by check; NULL: none */
	int bar;	  /* type="bar" (default line) */
	int periods_all;  /* periods="all": every period with a figure */
	int show_table;	  /* table="yes" (the default) */
	char *title;	  /* NULL: the indicator's ref and title */
};

/* <status-key scale="...">: a scale's values with their colours. */
struct pp_status_key {
	char *title;	/* @title, or NULL: the scale's name */
	char *scale_id; /* NULL: the RAG scale */
	const struct pp_scale *scale; /* resolved by check; NULL: RAG */
};

/* <matrix>: plan on a page, priorities x framework leaf items. */
struct pp_matrix {
	char *title; /* may be NULL */
	char **group_ids;
	size_t n_group_ids;
	const struct pp_fw_group **groups; /* resolved by check */
	char **theme_ids; /* n == 0: all themes */
	size_t n_theme_ids;
	struct pp_column *columns; /* row-header columns: theme, ref, title, statement */
	size_t n_columns;
};

struct pp_poster_box {
	struct pp_inline text;
	unsigned span; /* columns spanned, default 1 */
	char *theme_id; /* @theme: the plan's theme the box stands for or serves, or NULL */
	const struct pp_theme *theme; /* resolved by check */
	struct pp_loc loc;
};

/* Where a tier's boxes come from. */
enum pp_tier_source {
	PP_TIER_BOXES,	    /* its <box>es (or @from-theme) */
	PP_TIER_THEMES,	    /* @from="themes": one box per theme of the plan */
	PP_TIER_PRIORITIES, /* @from="priorities": one per priority, theme by theme */
};

struct pp_poster_tier {
	char *label; /* may be NULL */
	char *from_theme_id; /* @from-theme or NULL */
	const struct pp_theme *from_theme; /* resolved by check */
	int connect_up; /* @connect="up" */
	enum pp_tier_source from; /* @from */
	struct pp_poster_box *boxes; /* empty when from_theme or from */
	size_t n_boxes;
	struct pp_loc loc;
};

/* <poster>: tiers of boxes under a vision banner. */
struct pp_poster {
	unsigned columns; /* grid columns, default 12 */
	char *title; /* may be NULL */
	int has_banner; /* <banner> given; else the plan's vision */
	char *banner_title; /* may be NULL: facts' vision-title */
	struct pp_blocks banner;
	struct pp_poster_tier *tiers;
	size_t n_tiers;
};

struct pp_question {
	struct pp_inline ask;
	struct pp_blocks response;
	struct pp_loc loc;
};

struct pp_area {
	char *title;
	struct pp_question *questions;
	size_t n_questions;
	struct pp_loc loc;
};

/* <assessment>: areas of questions and responses. */
struct pp_assessment {
	struct pp_column *columns; /* fields theme, question, response */
	size_t n_columns;
	struct pp_area *areas;
	size_t n_areas;
};

struct pp_linked_plan {
	char **priority_ids;
	size_t n_priority_ids;
	const struct pp_priority **priorities; /* resolved by check */
	char *href; /* may be NULL */
	struct pp_inline name, lead, link_text;
	struct pp_inline connects; /* empty: generated from the priorities */
	struct pp_loc loc;
};

/* <linked-plans>: a table of plans linked to priorities. */
struct pp_linked_plans {
	struct pp_column *columns; /* fields name, priorities, lead, link */
	size_t n_columns;
	struct pp_linked_plan *plans;
	size_t n_plans;
};

enum pp_orientation { PP_PORTRAIT, PP_LANDSCAPE };

struct pp_view;

struct pp_section {
	char *id;	/* may be NULL */
	char *title;
	int appendix;
	int page_break;	      /* @break="page" */
	int has_orientation;  /* @orientation given */
	enum pp_orientation orientation;
	struct pp_view *children;
	size_t n_children;
	int annex;    /* @annex="yes": lettered A, B, ... in document order */
	char *number; /* set by check: "5" (numbered document) or "A" (annex), or NULL */
};

struct pp_key_priorities {
	char **theme_ids; /* n == 0: all themes */
	size_t n_theme_ids;
	char *numbering; /* @numbering: items numbered in this style per theme, or NULL: bullets */
};

struct pp_view {
	enum pp_view_kind kind;
	struct pp_loc loc;
	union {
		struct pp_blocks blocks;
		struct pp_section section;
		struct pp_priority_table table;
		struct pp_glossary glossary;
		struct pp_key_priorities key;
		char *contents_title; /* CONTENTS: NULL means "Contents" */
		int cover_report;     /* COVER: 1 for kind="report", a report front */
		struct pp_matrix matrix;
		struct pp_poster poster;
		struct pp_assessment assessment;
		struct pp_linked_plans linked;
		struct pp_status_key status_key;
		struct pp_indicator_table itable;
		struct pp_status_summary summary;
		struct pp_indicator_chart ichart;
	} u;
};

/* The facts of a plan; a document's own <facts> override some of them. */
struct pp_facts {
	char *organisation, *title, *subtitle, *period, *strapline;
	char *vision_title;
	struct pp_blocks vision;
	char *status, *committee;
	char *meeting_text;
	int has_meeting_date;
	struct pp_date meeting_date;
	char *author, *author_role;
	char *meeting_date_text; /* @date as written, checked */
	struct pp_loc loc, organisation_loc, title_loc, meeting_loc;
	/* A committee report's front sheet (each NULL or -1 when not given). */
	char *report_of;	   /* the officer or executive member */
	char *purpose, *wards;
	int key_decision;	   /* 1 yes, 0 no, -1 not given */
	char *forward_plan;	   /* <key-decision forward-plan>, or NULL */
	int exempt;		   /* 1 yes, 0 no, -1 not given */
	char *exempt_reason;	   /* <exempt reason>, or NULL */
	char *contact, *contact_email, *contact_phone;
	char *background_papers;
};

enum pp_page_size { PP_PAGE_A4, PP_PAGE_A3, PP_PAGE_A2, PP_PAGE_A1 };

struct pp_document {
	char *id;
	char *output; /* base name of the files written */
	enum pp_page_size page;
	enum pp_orientation orientation;
	int has_page, has_orientation; /* given in the file (else check fills defaults) */
	char *template_name; /* may be NULL: the plan's */
	unsigned formats;    /* bit (1u << enum pp_format value): pdf 0, svg 1, png 2 */
	char *running_header; /* pattern, may be NULL */
	char *running_footer; /* pattern, may be NULL */
	struct pp_loc running_header_loc, running_footer_loc; /* their elements */
	char *period_id;      /* @period: the period the document reports, or NULL */
	const struct pp_period *period; /* resolved by check */
	int has_facts;	      /* its own <facts> given */
	struct pp_facts facts; /* its own facts: NULL (or empty) where not overridden */
	/*
	 * Set by check: the facts this document prints, its own over the
	 * plan's; `period` is the document's period label when it names a
	 * period and does not give <period> itself. Pointers are borrowed
	 * from `facts` and the plan's facts: never freed through here.
	 */
	struct pp_facts eff;
	struct pp_view *views;
	size_t n_views;
	struct pp_loc loc;
	int numbered; /* @numbered="yes" (1): sections 1, 2 ... and paragraphs 1.1, 1.2 ...;
		       * "sub-sections" (2): also sub-sections 1.1 and their paragraphs 1.1.1 */
};

/* ---------- cross-references --------------------------------------------- */

/* What a <ref> can name: a numbered section, paragraph or list item, or an annex. */
enum pp_xref_kind { PP_XREF_SECTION, PP_XREF_PARA, PP_XREF_ITEM, PP_XREF_ANNEX };

/* A target of <ref>, made by check (pp_doc.xrefs). */
struct pp_xref {
	const char *id;		    /* borrowed from the node */
	enum pp_xref_kind kind;
	const char *number;	    /* SECTION, PARA, ANNEX: "5", "5.2", "A"; ITEM: NULL */
	const struct pp_list *list; /* ITEM: its list */
	size_t ordinal;		    /* ITEM: 1-based */
	struct pp_loc loc;
	const struct pp_document *document; /* the document holding the part */
	/* A <ref> in another document names it: that document links to it in
	 * this one's PDF by a named destination (pp_xref_dest_name). */
	int named_elsewhere;
};

/*
 * The label of list item `ordinal` (1-based) in numbering style `style`:
 * "1" (1, 2, 3), "1." , "(i)", "i.", "a)", "(a)", "A." or "1.1" (the
 * section's number, a dot, the ordinal: "2.1" in section 2). The style's
 * letters and punctuation are kept as written around the counter. NULL or
 * unknown: "1.". Returns a malloc'd string the caller frees.
 */
char *pp_number_label(const char *style, size_t ordinal, const char *section_number);
/* Is `style` a numbering style pp_number_label knows? */
int pp_numbering_known(const char *style);

/* The text a <ref> to `x` prints: its number ("5.2", "3"), "Annex A" for
 * an annex, or its item's label in `default_style` when the list gives
 * none ("(ii)"). Caller frees. */
char *pp_xref_label(const struct pp_xref *x, const char *default_style);
/* The named destination of the part with id `id` in its document's PDF,
 * "pp-ref-<id>", which <ref>s in other documents link to; caller frees. */
char *pp_ref_dest_name(const char *id);

/* ---------- the whole plan ----------------------------------------------- */

struct pp_doc {
	char *path;	     /* the file it came from, as given */
	char *template_name; /* may be NULL */
	char *lang;	     /* default "en-GB" */
	struct pp_loc loc;   /* the <plan> element */
	struct pp_facts facts;
	struct pp_period *periods;
	size_t n_periods;
	struct pp_scale *scales;
	size_t n_scales;
	const struct pp_scale *update_scale; /* resolved by check; NULL: RAG */
	const struct pp_scale *line_scale;   /* resolved by check; NULL: RAG */
	struct pp_field_def *fields;
	size_t n_fields;
	struct pp_fw_group *framework; /* top-level groups */
	size_t n_framework;
	struct pp_theme *themes;
	size_t n_themes;
	struct pp_document *documents;
	size_t n_documents;
	/* The plan template's own words for the RAG ratings ("On track" for
	 * GREEN; pp_doc_adopt_template), accepted as statuses beside the
	 * rating words; NULL where it keeps the rating's word. Owned. */
	char *rag_words[PP_RAG_NA + 1];
	struct pp_xref *xrefs; /* set by check: every <ref> target, in document order */
	size_t n_xrefs;
	size_t n_refs; /* set by check: the <ref>s resolved, anywhere in the plan */
	/* set by check (pp_periods_link): period indexes, quarters then
	 * spans, each by start date; n_periods of them */
	size_t *period_order;
};

/* The level of a column's cells (a custom field's, by its @on). */
enum pp_level pp_column_level(const struct pp_column *col);

/*
 * Before check: what the plan's template provides. Each of `scales` whose
 * id the plan does not declare itself is copied into doc->scales (the
 * plan's own scale of that id wins, and so does its own scale for
 * "update" or "line": the template's @for is then dropped). `labels`
 * (may be NULL; indexed by enum pp_rag) are the template's labels of the
 * ratings: a label that is not a rating's own spelling becomes a word a
 * status may be written as ("On track" for GREEN). Copies everything.
 */
void pp_doc_adopt_template(struct pp_doc *doc, const struct pp_scale *scales, size_t n,
			   const char *const labels[PP_RAG_NA + 1]);

/* ---------- status counts (status_count.c) -------------------------------- */

/*
 * How many of something are at each value of a scale. counts[i] is the
 * number at value i: for a declared scale, scale->values[i]; for RAG (scale
 * NULL), the rating i + 1 (PP_RAG_GREEN ... PP_RAG_NA, PP_STATUS_RAG_N
 * values). unrated: those with no status for the period. total: all counted.
 */
#define PP_STATUS_RAG_N ((size_t)PP_RAG_NA)
struct pp_status_counts {
	const struct pp_scale *scale; /* NULL: RAG */
	size_t n_values;
	size_t *counts; /* n_values, owned: pp_status_counts_fini */
	size_t unrated;
	size_t no_target; /* of the unrated, indicators with no target by design */
	size_t total;
};

/*
 * Count `of` in `doc` (only those of `theme` when not NULL) at each value
 * of `scale` (NULL: RAG) for `period`. A priority counts by its update for
 * the period, an action by its outcome line for the period (its first
 * such line, else its last line with no period: an undated rating); with
 * `period` NULL, by the last update (line) that carries a status. One
 * whose status for the period is missing, or is in another scale than
 * `scale`, is counted as unrated. An indicator (a theme's own, or its
 * priorities') counts by its worked-out status for the period (none:
 * unrated; `period` NULL: every one unrated), and only when it is rated on
 * `scale`: an indicator on another scale is not counted at all. Fills *out, which the caller
 * releases with pp_status_counts_fini. Never fails (out of memory exits).
 *
 *     struct pp_status_counts n;
 *     pp_status_count(doc, PP_COUNT_PRIORITIES, q2, NULL, NULL, &n);
 */
void pp_status_count(const struct pp_doc *doc, enum pp_count_of of,
		     const struct pp_period *period, const struct pp_theme *theme,
		     const struct pp_scale *scale, struct pp_status_counts *out);
void pp_status_counts_fini(struct pp_status_counts *c);

/* The label of value i of a count's scale ("GREEN", "On target"). */
const char *pp_status_counts_label(const struct pp_status_counts *c, size_t i);

/*
 * Whole percentages of values[0..n) that add up to exactly 100 (0 each
 * when the sum is 0), by the largest remainder: each takes the whole part
 * of its exact share, then the points still missing go one each to the
 * largest remainders (ties to the earlier value). "Green 21, Amber 21,
 * Red 7" gives 43, 43, 14. A value of 0 (or less: counted as 0) gets 0.
 */
void pp_percentages(const double *values, size_t n, unsigned *pct);

/* Free the whole tree; accepts NULL. */
void pp_doc_free(struct pp_doc *doc);

/*
 * Resolve references, fill defaults (quarter labels, leaf indexes), reject
 * impossible values. Reports every problem it finds to `diags`.
 * Returns 0 when the model is valid, -1 when errors were reported.
 */
int pp_check_doc(struct pp_doc *doc, struct pp_diags *diags);

/*
 * The alignment codes of a priority as printed in a link cell: per framework
 * group in document order, codes sorted by leaf order, runs of three or
 * more consecutive codes collapsed ("1-6 A, C"). Returns a malloc'd string
 * the caller frees; "" when the priority aligns to nothing with a code.
 */
char *pp_priority_link(const struct pp_doc *doc, const struct pp_priority *p);

/* The framework group with this id, at any depth, or NULL. */
const struct pp_fw_group *pp_framework_group(const struct pp_doc *doc, const char *id);

/*
 * The period before `p`: of the plan's periods that end before `p`
 * starts, the one that ends last (the first written on a tie); NULL if
 * none (or `p` is NULL). Quarters Q1 and Q4 of consecutive years follow
 * each other as their dates do.
 */
const struct pp_period *pp_period_before(const struct pp_doc *doc, const struct pp_period *p);

/*
 * The periods a status-history column shows, in date order, into `out`
 * (room for doc->n_periods): with `all` or when `p` is not a quarter,
 * every period of the plan; else the quarters of `p`'s financial year.
 * Returns how many.
 */
size_t pp_history_periods(const struct pp_doc *doc, const struct pp_period *p, int all,
			  const struct pp_period **out);

/* The trend of `p`'s update status from the period before `period` to
 * `period`, on the plan's update scale (doc->update_scale). */
enum pp_trend pp_priority_trend(const struct pp_doc *doc, const struct pp_priority *p,
				const struct pp_period *period);

/* The update of `p` for `period`, or NULL. */
const struct pp_update *pp_priority_update(const struct pp_priority *p,
					   const struct pp_period *period);

/*
 * Running header and footer patterns ({title}, {page} ... fields, '|'
 * between parts) are a line or two of the page's margin, expanded and laid
 * out again on every page: a pattern longer than PP_RUNNING_MAX characters,
 * as written or with its fields filled in, is refused (a field repeated
 * thousands of times once took minutes and gigabytes).
 */
#define PP_RUNNING_MAX 1000u

/* The most characters of text one run of blocks may hold (a commentary,
 * a response, a section's text between two views): model_check.c. */
#define PP_BLOCKS_MAX_CHARS 1000000u

/*
 * The length in characters (not bytes) of `pattern` as written or with
 * its fields replaced by `facts`' values, whichever is longer; {page} and
 * {pages} count as PP_RUNNING_NUMBER digits whatever the page count, and
 * unknown fields stay as written. Stops counting once past `limit`
 * (returning more than `limit`), so the cost is at most linear in the
 * pattern, never in its expansion.
 */
#define PP_RUNNING_NUMBER 10u
size_t pp_running_length(const struct pp_facts *facts, const char *pattern, size_t limit);

/* Flatten inline text to plain UTF-8 (breaks become "\n", a resolved
 * <ref> its number, see pp_xref_label); caller frees. */
char *pp_inline_text(const struct pp_inline *in);

/*
 * Natural order of references: digit runs compare as numbers, the rest
 * byte-wise ignoring ASCII case, so "CO2" < "CO10". NULL sorts last.
 * Returns <0, 0, >0 like strcmp.
 */
int pp_ref_compare(const char *a, const char *b);

/*
 * Write a stable, indented text dump of the whole model to `out` (for
 * --dump=model and golden files). Two-space indent per level; one node per
 * line as `kind [attr=value ...]`, text quoted with C escapes.
 */
void pp_model_dump(const struct pp_doc *doc, FILE *out);


/* ---------- indicators: what planpress works out (indicator.c) ---------- */

/* The worked-out figures of `ind` for `period` (a period of `doc`), or
 * NULL for a period not in the plan or a model check never saw. */
const struct pp_ind_period *pp_indicator_at(const struct pp_doc *doc,
					    const struct pp_indicator *ind,
					    const struct pp_period *period);

/* Is `ind` reported once a year: its @frequency says "annual", "annually"
 * or "yearly" (any case), or every figure it has is for a span? */
int pp_indicator_annual(const struct pp_indicator *ind);

/*
 * "Last year" of `ind` seen from `period`: the same period a year before
 * (period->year_before); but for an annual indicator, or when `period` is
 * a span, last year's outturn: of the periods of the financial year
 * before `period`'s, the one with a figure (a span before a quarter, then
 * the latest ending), else that year's span with none. NULL if none.
 */
const struct pp_ind_period *pp_indicator_last_year(const struct pp_doc *doc,
						   const struct pp_indicator *ind,
						   const struct pp_period *period);

/* Link the plan's periods (pp_period.prev, .year_before, doc->period_order),
 * in O(n log n): pp_check_doc calls it once, before any indicator. */
void pp_periods_link(struct pp_doc *doc);

/* The most indicator-periods (indicators x plan periods) check works out;
 * a plan with more is refused (PP_MSG_IND_TOO_MANY), as every one is held
 * in memory. */
#define PP_IND_PERIODS_MAX 1000000u

/* Work out every period of `ind` (status, year to date, trends ...) from
 * its resolved actuals, targets and overrides: pp_check_doc calls it. */
void pp_indicator_compute(struct pp_doc *doc, struct pp_indicator *ind);

/* The financial year (April to March) of a period: its @year for a
 * quarter, else the year its start falls in. */
int pp_period_fy(const struct pp_period *p);

/* `v` as the indicator prints it: "62.5%", "£1,234", "12.3 per 1,000".
 * Caller frees. */
char *pp_indicator_format(const struct pp_indicator *ind, double v);

/* The unit in words ("Percent", "Rate per 1,000"). */
const char *pp_unit_word(enum pp_unit u);

/* The arrow of a trend (pp_trend_word gives its word), which shows the
 * way the figure moved (up, down, level); "" for none. */
const char *pp_trend_arrow(enum pp_trend t, int move);

/* `v` against target `t` by the indicator's polarity and the target's
 * tolerance (in the unit, or tolerance-percent of the target): exceeded
 * (at or beyond its stretch), met, near (within tolerance) or missed. */
enum pp_meets pp_indicator_judge(const struct pp_indicator *ind, const struct pp_ind_target *t,
				 double v);

/* The value of `sc` whose @means names `m` ("met", "near", "missed" ...),
 * or NULL. */
const struct pp_status *pp_scale_means(const struct pp_scale *sc, enum pp_meets m);

/* The first `len` bytes of `w` are a word @means knows ("met", "near",
 * "missed", "exceeded", "no-data", "missed-improving"): 1, else 0. */
int pp_means_word_known(const char *w, size_t len);

/* The words printed where a period has no status: the reason given,
 * "Not yet due", "Not available", or "No target". */
const char *pp_ind_no_status_text(const struct pp_indicator *ind, const struct pp_ind_period *r);

/* The figure a period's status judges, and so the one its charts and
 * sparklines plot against the period's target: the period's own figure,
 * or under status-on="ytd" its year to date (a cumulative measure against
 * its stepped target). 1 with *v set, or 0 when there is none. */
int pp_ind_judged_figure(const struct pp_indicator *ind, const struct pp_ind_period *r,
			 double *v);

/* The label of a worked-out status ("GREEN", a scale value's label), "" when none. */
const char *pp_ind_status_label(const struct pp_ind_period *r);

/*
 * A decimal as councils print it, whatever the locale: `decimals` places
 * (trailing zeros dropped unless `fixed`), commas between thousands when
 * `thousands`. Caller frees.
 */
char *pp_format_decimal(double v, int decimals, int fixed, int thousands);

#endif
