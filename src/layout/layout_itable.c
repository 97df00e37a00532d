/* SPDX-License-Identifier: MIT */
/*
 * layout_itable.c - the indicator-table view: one row per indicator (a
 * theme's own, then its priorities'), in plan order, with group rows per
 * theme when asked. Every figure, status, year to date and trend is read
 * from what check worked out (struct pp_ind_period); nothing is computed
 * here but the printing. Figures are right-aligned; a period with no
 * figure prints its reason or "Not available", never a blank. The table
 * engine (layout_table.c) repeats the header row and splits rows across
 * pages as for every other table; status cells are those of layout_status.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "planpress/filter.h"
#include "layout_flow.h"

struct irow {
	const struct pp_theme *theme;
	const struct pp_indicator *ind; /* NULL: a group row */
	const char *band;               /* a group row's text (borrowed) */
};

struct irows {
	struct flow *f;
	const struct pp_indicator_table *it;
	struct irow *rows;
	size_t n, next;
	const struct lcol *cols; /* the columns as laid out */
	size_t n_cols;
};

static int wanted_theme(const struct pp_indicator_table *it, const struct pp_theme *th)
{
	if (it->n_theme_ids == 0)
		return 1;
	for (size_t i = 0; i < it->n_theme_ids; i++)
		if (th->id && strcmp(it->theme_ids[i], th->id) == 0)
			return 1;
	return 0;
}

/* A figure: right-aligned so the digits of a column line up. */
static void figure_piece(struct flow *f, struct tcell *cell, const char *text)
{
	size_t first = cell->st.n_pieces;
	plain_piece(f, cell, &f->style->table_text, text);
	for (size_t i = first; i < cell->st.n_pieces; i++)
		piece_set_alignment(&cell->st.pieces[i], PANGO_ALIGN_RIGHT);
}

static void number_cell(struct flow *f, struct tcell *cell, const struct pp_indicator *ind,
                        double v)
{
	char *t = pp_indicator_format(ind, v);
	figure_piece(f, cell, t);
	free(t);
}

/* A period's figure, or why there is none. */
static void value_cell(struct flow *f, struct tcell *cell, const struct pp_indicator *ind,
                       const struct pp_ind_period *r)
{
	if (r && r->has_value)
		number_cell(f, cell, ind, r->value);
	else
		figure_piece(f, cell, pp_ind_no_status_text(ind, r));
	if (r && r->as_at) { /* a monthly indicator's quarter: its latest month */
		char *text = pp_xasprintf("as at %s", r->as_at->label ? r->as_at->label : r->as_at->id);
		figure_piece(f, cell, text);
		free(text);
	}
}

static void target_cell(struct flow *f, struct tcell *cell, const struct pp_indicator *ind,
                        const struct pp_ind_period *r)
{
	const struct pp_ind_target *t = r ? r->target : NULL;
	if (!t) {
		figure_piece(f, cell, r && r->no_target ? r->no_target : "No target");
		return;
	}
	if (ind->polarity != PP_POLARITY_BAND) {
		number_cell(f, cell, ind, t->value);
		return;
	}
	char *lo = pp_indicator_format(ind, t->low), *hi = pp_indicator_format(ind, t->high);
	char *text = pp_xasprintf("%s to %s", lo, hi);
	figure_piece(f, cell, text);
	free(text);
	free(lo);
	free(hi);
}

/* A status in its colours and words; "Overridden" under it when an
 * officer set it; the reason there is none otherwise. */
static void ind_status_cell(struct flow *f, struct tcell *cell, const struct pp_indicator *ind,
                            const struct pp_ind_period *r)
{
	if (!r || (!r->status && r->rag == PP_RAG_NONE)) {
		plain_piece(f, cell, &f->style->table_text, pp_ind_no_status_text(ind, r));
		return;
	}
	status_cell(f, cell, r->rag, r->status);
	if (!r->override || !cell->st.n_pieces)
		return;
	struct pp_text_style ts = f->style->table_text;
	ts.colour = cell->st.pieces[0].colour;
	plain_piece(f, cell, &ts, "(overridden)");
}

/* Append the strings of `parts` (NULL-terminated) to the string *s of
 * *len bytes in *cap allocated: a cell's or an alternative text's words
 * joined without a formatting call each. */
static void append(char **s, size_t *len, size_t *cap, const char *const *parts)
{
	for (; *parts; parts++) {
		size_t n = strlen(*parts);
		PP_GROW(*s, *len + n + 1, *cap);
		memcpy(*s + *len, *parts, n + 1);
		*len += n;
	}
}

static void trend_cell(struct flow *f, struct tcell *cell, enum pp_trend t, int move)
{
	if (t == PP_TREND_NONE) {
		plain_piece(f, cell, &f->style->table_text, "No comparison");
		return;
	}
	/* "<arrow> <word>": built in place, the piece copies it */
	const char *arrow = pp_trend_arrow(t, move), *word = pp_trend_word(t);
	size_t a = strlen(arrow), w = strlen(word);
	char small[64];
	char *text = a + w + 2 <= sizeof small ? small : pp_xmalloc(a + w + 2);
	memcpy(text, arrow, a);
	text[a] = ' ';
	memcpy(text + a + 1, word, w + 1);
	plain_piece(f, cell, &f->style->table_text, text);
	if (text != small)
		free(text);
}

static void comparator_cell(struct flow *f, struct tcell *cell, const struct pp_indicator *ind,
                            const char *name, const struct pp_period *period)
{
	for (size_t i = 0; i < ind->n_comparators; i++) {
		const struct pp_ind_comparator *c = &ind->comparators[i];
		if (c->period == period && c->name && name && strcmp(c->name, name) == 0) {
			number_cell(f, cell, ind, c->value);
			return;
		}
	}
	figure_piece(f, cell, "Not available");
}

/* ---------- sparklines ---------------------------------------------------- */

/* The figures of the year up to the table's period as a small line, the
 * targets as a dashed line, the last point in its status's colour. */
struct spark {
	struct piece_drawing base;
	size_t n;
	double *v, *t; /* figures and targets, n each */
	unsigned char *has_v, *has_t;
	double h;
	struct pp_rgb line, target, last_fill, last_edge;
	int last_coloured;
	struct pp_snode *fig; /* the Figure its line and points belong to */
};

#define SPARK_MAX_W 90.0

static double spark_measure(const struct piece_drawing *d, double width)
{
	(void)width;
	return ((const struct spark *)d)->h;
}

/* A dashed segment, as short solid dashes. */
static void dashed(struct pp_page *page, double x0, double y0, double x1, double y1,
                   struct pp_rgb c)
{
	double dx = x1 - x0, dy = y1 - y0;
	double len = sqrt(dx * dx + dy * dy);
	if (len <= 0)
		return;
	const double dash = 2.5, gap = 2.0;
	for (double s = 0; s < len; s += dash + gap) {
		double e = s + dash < len ? s + dash : len;
		page_line(page, x0 + dx * s / len, y0 + dy * s / len, x0 + dx * e / len,
		          y0 + dy * e / len, c, 0.6);
	}
}

static void spark_draw(const struct piece_drawing *d, struct pp_page *page, double x, double y,
                       double width, int artifact)
{
	const struct spark *s = (const struct spark *)d;
	double w = width < SPARK_MAX_W ? width : SPARK_MAX_W;
	double lo = 0, hi = 0;
	int any = 0;
	for (size_t i = 0; i < s->n; i++) {
		for (int k = 0; k < 2; k++) {
			if (!(k ? s->has_t[i] : s->has_v[i]))
				continue;
			double v = k ? s->t[i] : s->v[i];
			if (!any || v < lo)
				lo = v;
			if (!any || v > hi)
				hi = v;
			any = 1;
		}
	}
	if (!any || w < 10)
		return;
	double pad = 2.5, plot_h = s->h - 2 * pad;
	double span = hi > lo ? hi - lo : 1;
	double step = s->n > 1 ? (w - 2 * pad) / (double)(s->n - 1) : 0;
#define PX(i) (x + pad + (s->n > 1 ? step * (double)(i) : (w - 2 * pad) / 2))
#define PY(v) (y + pad + plot_h - (hi > lo ? ((v)-lo) / span * plot_h : plot_h / 2))
	/* The line and points are the Figure's content, so its alternative
	 * text reaches the tagged PDF; the target line is decoration. */
	const struct pp_snode *tag = artifact ? NULL : s->fig;
	for (size_t i = 0; i + 1 < s->n; i++) {
		if (s->has_t[i] && s->has_t[i + 1])
			dashed(page, PX(i), PY(s->t[i]), PX(i + 1), PY(s->t[i + 1]), s->target);
		if (s->has_v[i] && s->has_v[i + 1]) {
			page_line(page, PX(i), PY(s->v[i]), PX(i + 1), PY(s->v[i + 1]), s->line,
			          1.0);
			page->boxes[page->n_boxes - 1].snode = tag;
		}
	}
	if (s->n == 1 && s->has_t[0])
		dashed(page, x + pad, PY(s->t[0]), x + w - pad, PY(s->t[0]), s->target);
	for (size_t i = 0; i < s->n; i++) {
		if (!s->has_v[i])
			continue;
		int last = i + 1 == s->n;
		double r = last ? 2.2 : 1.0;
		const struct pp_rgb *fill = last && s->last_coloured ? &s->last_fill : &s->line;
		size_t first = page->n_boxes;
		page_rect(page, PX(i) - r, PY(s->v[i]) - r, 2 * r, 2 * r, fill,
		          last ? &s->last_edge : NULL, last ? 0.5 : 0);
		for (size_t k = first; k < page->n_boxes; k++)
			page->boxes[k].snode = tag;
	}
#undef PX
#undef PY
}

static void spark_release(struct piece_drawing *d)
{
	/* the spark and its arrays are one allocation (spark_cell) */
	free((struct spark *)d);
}

/* Same kind, same financial year, no later than `p`: the sparkline's periods. */
static int in_year_to(const struct pp_period *q, const struct pp_period *p)
{
	if ((q->quarter != 0) != (p->quarter != 0) || pp_period_fy(q) != pp_period_fy(p))
		return 0;
	const struct pp_date *a = &q->start, *b = &p->start;
	return a->year != b->year     ? a->year < b->year
	       : a->month != b->month ? a->month < b->month
	                              : a->day <= b->day;
}

static int by_start(const void *x, const void *y)
{
	const struct pp_ind_period *a = *(const struct pp_ind_period *const *)x,
	                           *b = *(const struct pp_ind_period *const *)y;
	const struct pp_date *p = &a->period->start, *q = &b->period->start;
	if (p->year != q->year)
		return p->year < q->year ? -1 : 1;
	if (p->month != q->month)
		return p->month < q->month ? -1 : 1;
	return (p->day > q->day) - (p->day < q->day);
}

static void spark_cell(struct flow *f, struct tcell *cell, const struct pp_indicator *ind,
                       const struct pp_period *period)
{
	/* the year's points: on the stack for a year of quarters or months */
	const struct pp_ind_period *few[16];
	const struct pp_ind_period **pts =
	    ind->n_at <= 16 ? few : pp_xcalloc(ind->n_at, sizeof *pts);
	size_t n = 0;
	for (size_t i = 0; period && i < ind->n_at; i++)
		if (in_year_to(ind->at[i].period, period))
			pts[n++] = &ind->at[i];
	qsort(pts, n, sizeof *pts, by_start);
	/* One allocation: the spark, then its figures and targets, then
	 * their flags (spark_release frees it whole). n <= ind->n_at, an
	 * array the model already holds, so the sum cannot overflow. */
	size_t slots = n ? n : 1;
	struct spark *s = pp_xcalloc(1, sizeof *s + slots * (2 * sizeof(double) + 2));
	s->n = n;
	s->v = (double *)(void *)(s + 1);
	s->t = s->v + slots;
	s->has_v = (unsigned char *)(s->t + slots);
	s->has_t = s->has_v + slots;
	/* The alternative text: every point in words, as the table would print it. */
	/* room for a point's words at once (append grows it past that) */
	size_t cap = 64 * (n + 1), len = 0;
	char *alt = pp_xmalloc(cap);
	/* Under status-on="ytd" the line is of the years to date, the
	 * figures the statuses judge against the stepped target. */
	int ytd = ind->status_on == PP_STATUS_ON_YTD;
	append(&alt, &len, &cap,
	       (const char *const[]){"Sparkline of ",
	                             ind->ref  ? ind->ref
	                             : ind->id ? ind->id
	                                       : "the indicator",
	                             ytd ? ", year to date:" : ":", NULL});
	for (size_t i = 0; i < n; i++) {
		const struct pp_ind_period *r = pts[i];
		s->has_v[i] = (unsigned char)pp_ind_judged_figure(ind, r, &s->v[i]);
		const struct pp_ind_target *t = r->target;
		if (t) {
			s->has_t[i] = 1;
			s->t[i] = ind->polarity == PP_POLARITY_BAND ? (t->low + t->high) / 2
			                                            : t->value;
		}
		char *fig = s->has_v[i] ? pp_indicator_format(ind, s->v[i])
		                        : pp_xstrdup(pp_ind_no_status_text(ind, r));
		char *tgt = t && ind->polarity != PP_POLARITY_BAND
		                ? pp_indicator_format(ind, t->value)
		                : NULL;
		const char *st = pp_ind_status_label(r);
		/* "; Q2 24/25 45.2% (target 50%), Green" */
		const char *label = r->period->label ? r->period->label : r->period->id;
		const char *const words[] = {i ? ";" : "",
		                             " ",
		                             label,
		                             " ",
		                             fig,
		                             tgt ? " (target " : "",
		                             tgt ? tgt : "",
		                             tgt ? ")" : "",
		                             *st ? ", " : "",
		                             st,
		                             NULL};
		append(&alt, &len, &cap, words);
		free(fig);
		free(tgt);
	}
	append(&alt, &len, &cap, (const char *const[]){".", NULL});
	const struct pp_ind_period *last = n ? pts[n - 1] : NULL;
	const struct pp_style *sty = f->style;
	s->h = sty->table_text.size * 1.6;
	s->line = sty->table_text.colour;
	s->target = sty->table_text.colour;
	s->last_edge = sty->table_text.colour;
	struct tcell probe = {0};
	struct pp_rgb ignored;
	if (last && s->has_v[n - 1] &&
	    status_colours(f, &probe, last->rag, last->status, &ignored)) {
		s->last_coloured = 1;
		s->last_fill = probe.fill;
	}
	if (pts != few)
		free(pts);
	s->base.min_width = 40;
	s->base.measure = spark_measure;
	s->base.draw = spark_draw;
	s->base.release = spark_release;
	struct pp_snode *fig = snode_new(f->pages, cell->snode, PP_ROLE_FIGURE);
	fig->alt = alt;
	s->fig = fig;
	struct piece *p = stack_add_plain(&cell->st, f->ctx, sty, &sty->table_text, "",
	                                  sty->table_text.colour, NULL);
	p->drawing = &s->base;
}

/* ---------- cells and rows ------------------------------------------------ */

static const struct pp_ind_period *at(struct flow *f, const struct pp_indicator *ind,
                                      const struct pp_period *p)
{
	return p ? pp_indicator_at(f->doc, ind, p) : NULL;
}

/* Does `p` start after `base` ends (a period not yet reported)? */
static int after(const struct pp_period *p, const struct pp_period *base)
{
	if (!p || !base)
		return 0;
	const struct pp_date *a = &p->start, *b = &base->end;
	return a->year != b->year     ? a->year > b->year
	       : a->month != b->month ? a->month > b->month
	                              : a->day > b->day;
}

static void fill_cell(struct flow *f, const struct pp_indicator_table *it, struct tcell *cell,
                      const struct lcol *lc, const struct irow *row)
{
	const struct pp_column *col = lc->col;
	const struct pp_indicator *ind = row->ind;
	const struct pp_text_style *ts = &f->style->table_text;
	const struct pp_period *period = lc->period  ? lc->period
	                                 : col->period ? col->period
	                                               : it->period;
	const struct pp_ind_period *r = at(f, ind, period);
	switch ((enum pp_ind_field)col->ind_field) {
	case PP_IND_REF:
		plain_piece(f, cell, ts, ind->ref);
		return;
	case PP_IND_TITLE:
		inline_to_stack(f, &cell->st, &ind->title, ts, cell->snode, 0);
		return;
	case PP_IND_DESCRIPTION:
		blocks_to_stack(f, &cell->st, &ind->description, ts, cell->snode);
		return;
	case PP_IND_UNIT:
		plain_piece(f, cell, ts, pp_unit_word(ind->unit));
		return;
	case PP_IND_FREQUENCY:
		plain_piece(f, cell, ts, ind->frequency);
		return;
	case PP_IND_POLARITY: /* a target of 10 reads "at most" beside "Lower is better" */
		plain_piece(f, cell, ts,
		            ind->polarity == PP_POLARITY_HIGHER  ? "Higher is better"
		            : ind->polarity == PP_POLARITY_LOWER ? "Lower is better"
		                                                 : "Within the band");
		return;
	case PP_IND_BASELINE:
		if (ind->has_baseline)
			number_cell(f, cell, ind, ind->baseline);
		else
			figure_piece(f, cell, "Not available");
		return;
	case PP_IND_LAST_YEAR:
		value_cell(f, cell, ind, pp_indicator_last_year(f->doc, ind, period));
		return;
	case PP_IND_TARGET:
		target_cell(f, cell, ind, r);
		return;
	case PP_IND_PREVIOUS:
		value_cell(f, cell, ind, r ? at(f, ind, r->period->prev) : NULL);
		return;
	case PP_IND_VALUE:
		value_cell(f, cell, ind, r);
		return;
	case PP_IND_YTD:
		if (ind->ytd == PP_YTD_NONE)
			figure_piece(f, cell, "N/A");
		else if (r && r->has_ytd)
			number_cell(f, cell, ind, r->ytd);
		else
			figure_piece(f, cell, "Not available");
		return;
	case PP_IND_STATUS:
		ind_status_cell(f, cell, ind, r);
		return;
	case PP_IND_STATUS_HISTORY: /* this column's period (history_columns) */
		if (r && !r->has_value && r->missing == PP_MISSING_NONE &&
		    after(period, col->period ? col->period : it->period))
			plain_piece(f, cell, ts, "Not yet due"); /* later than reported */
		else
			ind_status_cell(f, cell, ind, r);
		return;
	case PP_IND_PREVIOUS_STATUS:
		ind_status_cell(f, cell, ind, r ? at(f, ind, r->period->prev) : NULL);
		return;
	case PP_IND_TREND:
		trend_cell(f, cell, r ? r->trend_prev : PP_TREND_NONE, r ? r->move_prev : 0);
		return;
	case PP_IND_TREND_YEAR:
		trend_cell(f, cell, r ? r->trend_year : PP_TREND_NONE, r ? r->move_year : 0);
		return;
	case PP_IND_OWNER:
		for (size_t i = 0; i < ind->n_owners; i++) {
			struct pp_snode *p = snode_new(f->pages, cell->snode, PP_ROLE_P);
			inline_to_stack(f, &cell->st, &ind->owners[i], ts, p, 0);
		}
		return;
	case PP_IND_COMMENTARY:
		if (r && r->commentary)
			blocks_to_stack(f, &cell->st, &r->commentary->text, ts, cell->snode);
		return;
	case PP_IND_COMPARATOR:
		comparator_cell(f, cell, ind, col->name, period);
		return;
	case PP_IND_SPARKLINE:
		spark_cell(f, cell, ind, period);
		return;
	case PP_IND_THEME:
		plain_piece(f, cell, ts, row->theme->title);
		return;
	case PP_IND_PRIORITY:
		if (ind->priority)
			inline_to_stack(f, &cell->st, &ind->priority->title, ts, cell->snode,
			                0);
		return;
	case PP_IND_CUSTOM: {
		const struct pp_value *v =
		    col->custom ? pp_value_find(ind->values, ind->n_values, col->custom) : NULL;
		if (!v)
			return;
		if (col->custom->type == PP_VALUE_STATUS) {
			status_cell(f, cell, v->rag, v->status);
			return;
		}
		char *text = field_value_text(col->custom, v);
		plain_piece(f, cell, ts, text);
		free(text);
		return;
	}
	}
}

static size_t more_rows(void *closure, struct ttable *t, size_t want)
{
	struct irows *src = closure;
	struct flow *f = src->f;
	size_t made = 0;
	for (; made < want && src->next < src->n; made++, src->next++) {
		const struct irow *row = &src->rows[src->next];
		if (!row->ind) {
			struct tcell *cell = ttable_add_band(t, f, row->band);
			struct pp_text_style ts = f->style->table_text;
			ts.bold = 1;
			plain_piece(f, cell, &ts, row->band);
			continue;
		}
		struct trow *tr = ttable_add_row(t, f, 0);
		for (size_t c = 0; c < src->n_cols; c++)
			fill_cell(f, src->it, ttable_cell(tr, c, f, 0), &src->cols[c], row);
	}
	return made;
}

/* A column's header when <column> gives none: its field in words, with
 * the period's label when it names one. Caller frees. */
static char *default_header(const struct pp_indicator_table *it, const struct pp_column *col)
{
	static const char *const words[] = {
	    [PP_IND_REF] = "Ref",
	    [PP_IND_TITLE] = "Indicator",
	    [PP_IND_DESCRIPTION] = "Description",
	    [PP_IND_UNIT] = "Unit",
	    [PP_IND_FREQUENCY] = "Frequency",
	    [PP_IND_BASELINE] = "Baseline",
	    [PP_IND_LAST_YEAR] = "Last year",
	    [PP_IND_TARGET] = "Target",
	    [PP_IND_PREVIOUS] = "Previous",
	    [PP_IND_VALUE] = "Value",
	    [PP_IND_YTD] = "Year to date",
	    [PP_IND_STATUS] = "Status",
	    [PP_IND_PREVIOUS_STATUS] = "Previous status",
	    [PP_IND_TREND] = "Trend",
	    [PP_IND_TREND_YEAR] = "Trend on last year",
	    [PP_IND_OWNER] = "Owner",
	    [PP_IND_COMMENTARY] = "Commentary",
	    [PP_IND_COMPARATOR] = "",
	    [PP_IND_SPARKLINE] = "Trend chart",
	    [PP_IND_STATUS_HISTORY] = "",
	    [PP_IND_THEME] = "Theme",
	    [PP_IND_PRIORITY] = "Priority",
	    [PP_IND_POLARITY] = "Polarity",
	    [PP_IND_CUSTOM] = "",
	};
	const char *w = words[col->ind_field];
	if (col->ind_field == PP_IND_COMPARATOR)
		w = col->name ? col->name : "";
	if (col->ind_field == PP_IND_CUSTOM && col->custom)
		w = col->custom->label ? col->custom->label : col->custom->id;
	/* a figure's column is headed by its period ("Quarter 3 24/25"), so
	 * this quarter's column reads as one with those of earlier ones */
	const struct pp_period *fig = col->period ? col->period : it->period;
	if (col->ind_field == PP_IND_VALUE && fig && fig->label)
		return pp_xstrdup(fig->label);
	if (col->period && col->period != it->period)
		return pp_xasprintf("%s %s", w, col->period->label);
	return pp_xstrdup(w);
}

/* An indicator table's column: its text as written, else its field in words. */
static void itable_header(struct flow *f, struct tcell *cell, const struct pp_column *col,
                          const void *closure)
{
	if (col->header.n_spans) {
		inline_to_stack(f, &cell->st, &col->header, &f->style->table_header, cell->snode,
		                0);
		return;
	}
	char *h = default_header(closure, col);
	plain_piece(f, cell, &f->style->table_header, h);
	free(h);
}

/* ---------- where="...": which indicators a table keeps ------------------- */

struct ind_filter {
	struct flow *f;
	const struct pp_indicator_table *it;
	const struct pp_theme *theme;
	const struct pp_indicator *ind;
};

static const char *word_or_null(const char *w)
{
	return w && *w ? w : NULL;
}

/* An indicator's value of a filter's name (check allowed only these). */
static const char *ind_filter_value(void *closure, const char *name, char **owned)
{
	const struct ind_filter *x = closure;
	const struct pp_indicator *ind = x->ind;
	const struct pp_ind_period *r = at(x->f, ind, x->it->period);
	(void)owned;
	if (strcmp(name, "theme") == 0)
		return x->theme->title;
	if (strcmp(name, "ref") == 0)
		return ind->ref;
	if (strcmp(name, "status") == 0)
		return word_or_null(pp_ind_status_label(r));
	if (strcmp(name, "previous-status") == 0)
		return word_or_null(pp_ind_status_label(r ? at(x->f, ind, r->period->prev) : NULL));
	if (strcmp(name, "trend") == 0)
		return pp_trend_word(r ? r->trend_prev : PP_TREND_NONE);
	if (strcmp(name, "trend-year") == 0)
		return pp_trend_word(r ? r->trend_year : PP_TREND_NONE);
	if (strcmp(name, "overridden") == 0)
		return r && r->override ? "yes" : "no";
	if (strncmp(name, "field:", 6) == 0) {
		for (size_t i = 0; i < ind->n_values; i++) {
			const struct pp_value *v = &ind->values[i];
			if (!v->def || !v->def->id || strcmp(v->def->id, name + 6) != 0)
				continue;
			if (v->def->type == PP_VALUE_STATUS)
				return word_or_null(pp_status_word(v->rag, v->status));
			return v->text;
		}
	}
	return NULL;
}

/* Add the row of `ind` when the table's filter keeps it. */
static void add_indicator(struct flow *f, const struct pp_indicator_table *it,
                          const struct pp_theme *th, const struct pp_indicator *ind,
                          struct irow **rows, size_t *n, size_t *cap)
{
	struct ind_filter x = {f, it, th, ind};
	if (it->where && !pp_filter_match(it->where, ind_filter_value, &x))
		return;
	PP_GROW(*rows, *n + 1, *cap);
	(*rows)[(*n)++] = (struct irow){th, ind, NULL};
}

static int itable_history(const struct pp_column *col)
{
	return col->ind_field == PP_IND_STATUS_HISTORY;
}

void flow_indicator_table(struct flow *f, const struct pp_indicator_table *it)
{
	if (it->n_columns == 0)
		return;
	struct irow *rows = NULL;
	size_t n = 0, cap = 0;
	for (size_t ti = 0; ti < f->doc->n_themes; ti++) {
		const struct pp_theme *th = &f->doc->themes[ti];
		if (!wanted_theme(it, th))
			continue;
		size_t first = n;
		if (it->group_theme) {
			PP_GROW(rows, n + 1, cap);
			rows[n++] = (struct irow){th, NULL, th->title};
		}
		for (size_t k = 0; k < th->n_indicators; k++)
			add_indicator(f, it, th, &th->indicators[k], &rows, &n, &cap);
		for (size_t p = 0; p < th->n_priorities; p++)
			for (size_t k = 0; k < th->priorities[p].n_indicators; k++)
				add_indicator(f, it, th, &th->priorities[p].indicators[k], &rows,
				              &n, &cap);
		if (it->group_theme && n == first + 1)
			n = first; /* a theme with no indicators (kept) gets no group row */
	}
	if (n == 0 && it->where) {
		/* an exception report with no exceptions says so */
		flow_no_match(f, "indicators", it->where_text);
		free(rows);
		return;
	}

	size_t n_cols = 0;
	struct lcol *cols =
	    history_columns(f, it->columns, it->n_columns, it->period, itable_history, &n_cols);
	struct ttable t;
	history_table_head(f, &t, cols, n_cols, itable_history, itable_header, it);
	struct irows src = {f, it, rows, n, 0, cols, n_cols};
	t.more = more_rows;
	t.more_closure = &src;
	ttable_layout(f, &t);
	ttable_fini(&t);
	free(cols);
	free(rows);
}
