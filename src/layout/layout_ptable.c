/* SPDX-License-Identifier: MIT */
/*
 * layout_ptable.c - the priority-table view: one row per object of the
 * deepest level its columns name (theme, priority, action or outcome line);
 * cells of a higher level span the rows below them as group cells, which
 * the table engine continues across pages with a "(continued)" label.
 * Rows follow the plan's order: themes, then their priorities, actions and
 * lines as written.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "planpress/filter.h"
#include "layout_flow.h"

struct prow {
	const struct pp_theme *theme;
	const struct pp_priority *prio;	 /* NULL at theme level */
	const struct pp_action *action;	 /* NULL: none (or not that deep) */
	const struct pp_line *line;
	char *band; /* a group row with this text (owned); the rest is NULL */
};

static int wanted_theme(const struct pp_priority_table *pt, const struct pp_theme *th)
{
	if (pt->n_theme_ids == 0)
		return 1;
	for (size_t i = 0; i < pt->n_theme_ids; i++)
		if (th->id && strcmp(pt->theme_ids[i], th->id) == 0)
			return 1;
	return 0;
}

/* The update a table reads: the one for its period, or with no period the
 * priority's latest (last written) update. */
static const struct pp_update *table_update(const struct pp_priority_table *pt,
					    const struct pp_priority *p)
{
	if (!p)
		return NULL;
	if (pt->period)
		return pp_priority_update(p, pt->period);
	if (pt->period_id) {
		for (size_t i = 0; i < p->n_updates; i++)
			if (p->updates[i].period_id &&
			    strcmp(p->updates[i].period_id, pt->period_id) == 0)
				return &p->updates[i];
		return NULL;
	}
	return p->n_updates ? &p->updates[p->n_updates - 1] : NULL;
}

/* The period a row of `p` reports: the table's, or else the period of
 * the update the table reads (its latest). */
static const struct pp_period *row_period(const struct pp_priority_table *pt,
					  const struct pp_priority *p)
{
	if (pt->period)
		return pt->period;
	const struct pp_update *u = table_update(pt, p);
	return u ? u->period : NULL;
}


/* ---------- custom fields ------------------------------------------------- */

static const char *const month_names[] = { "January", "February", "March",     "April",
					   "May",     "June",	  "July",      "August",
					   "September", "October", "November", "December" };

/* A progress bar and its number: "40%" then a bar 40% full. */
struct bar_piece {
	struct piece_drawing base;
	PangoLayout *number;
	double number_w, h, frac;
	struct pp_rgb fill, rule, text;
	struct pp_snode *snode;
};

#define BAR_GAP 4.0
#define BAR_MAX 60.0

static double bar_measure(const struct piece_drawing *d, double width)
{
	(void)width;
	return ((const struct bar_piece *)d)->h;
}

static void bar_draw(const struct piece_drawing *d, struct pp_page *page, double x, double y,
		     double width, int artifact)
{
	const struct bar_piece *b = (const struct bar_piece *)d;
	struct pp_box *t = page_box(page, PP_BOX_TEXT);
	t->text = text_measure(b->number);
	t->first_line = 0;
	t->n_lines = 1;
	t->x = x;
	t->y = y;
	t->w = b->number_w;
	t->h = b->h;
	t->colour = b->text;
	t->snode = artifact ? NULL : b->snode;
	double bw = width - b->number_w - BAR_GAP;
	if (bw > BAR_MAX)
		bw = BAR_MAX;
	if (bw < 8)
		return;
	double bh = b->h * 0.6, bx = x + b->number_w + BAR_GAP, by = y + (b->h - bh) / 2;
	if (b->frac > 0)
		page_rect(page, bx, by, bw * b->frac, bh, &b->fill, NULL, 0);
	page_rect(page, bx, by, bw, bh, NULL, &b->rule, 0.5);
}

static void bar_release(struct piece_drawing *d)
{
	struct bar_piece *b = (struct bar_piece *)d;
	g_object_unref(b->number);
	free(b);
}

static void bar_cell(struct flow *f, struct tcell *cell, double percent, const char *number)
{
	const struct pp_text_style *ts = &f->style->table_text;
	struct bar_piece *b = pp_xcalloc(1, sizeof *b);
	b->number = text_plain(f->ctx, f->style, ts, number);
	/* the widest number, so the bars of a column line up */
	PangoLayout *widest = text_plain(f->ctx, f->style, ts, "100%");
	int w, h;
	pango_layout_get_size(widest, &w, &h);
	g_object_unref(widest);
	b->number_w = (double)w / PANGO_SCALE;
	b->h = (double)h / PANGO_SCALE;
	b->frac = percent / 100.0;
	b->fill = f->style->accent;
	b->rule = f->style->table_rule;
	b->text = ts->colour;
	b->snode = snode_new(f->pages, cell->snode, PP_ROLE_P);
	b->base.min_width = b->number_w + BAR_GAP + 24;
	b->base.measure = bar_measure;
	b->base.draw = bar_draw;
	b->base.release = bar_release;
	struct piece *p = stack_add(&cell->st, text_plain(f->ctx, f->style, ts, ""), ts->colour,
				    NULL);
	p->drawing = &b->base;
}

/* A value as its type prints it ("£1,200,000", "31 March 2025", "40%",
 * a status's label); the caller frees. */
char *field_value_text(const struct pp_field_def *fd, const struct pp_value *v)
{
	switch (fd->type) {
	case PP_VALUE_TEXT:
	case PP_VALUE_PERSON:
	case PP_VALUE_NUMBER: /* the figure as the council wrote it (checked) */
		return pp_xstrdup(v->text);
	case PP_VALUE_DATE:
		if (v->date.month < 1 || v->date.month > 12)
			return pp_xstrdup(v->text);
		return pp_xasprintf("%d %s %d", v->date.day, month_names[v->date.month - 1],
				    v->date.year);
	case PP_VALUE_PERCENT: {
		char *num = pp_format_decimal(v->number, 1, 0, 0);
		char *text = pp_xasprintf("%s%%", num);
		free(num);
		return text;
	}
	case PP_VALUE_MONEY: {
		int pennies = v->number != (double)(long long)v->number;
		char *num = pp_format_decimal(v->number < 0 ? -v->number : v->number, 2, pennies, 1);
		char *text = pp_xasprintf("%s\xc2\xa3%s", v->number < 0 ? "-" : "", num);
		free(num);
		return text;
	}
	case PP_VALUE_STATUS:
		return pp_xstrdup(v->status ? v->status->label : pp_rag_word(v->rag));
	}
	return pp_xstrdup("");
}

/* The value of `fd` for row `pr` (`u`: the update the table reads), or NULL. */
static const struct pp_value *row_value(const struct pp_field_def *fd, const struct prow *pr,
					const struct pp_update *u)
{
	const struct pp_value *vals = NULL;
	size_t n = 0;
	switch (fd->on) {
	case PP_ON_THEME:
		vals = pr->theme->values, n = pr->theme->n_values;
		break;
	case PP_ON_PRIORITY:
		if (pr->prio)
			vals = pr->prio->values, n = pr->prio->n_values;
		break;
	case PP_ON_ACTION:
		if (pr->action)
			vals = pr->action->values, n = pr->action->n_values;
		break;
	case PP_ON_LINE:
		if (pr->line)
			vals = pr->line->values, n = pr->line->n_values;
		break;
	case PP_ON_UPDATE:
		if (u)
			vals = u->values, n = u->n_values;
		break;
	case PP_ON_INDICATOR: /* never a priority table's column (check) */
		break;
	}
	return pp_value_find(vals, n, fd);
}

/* The value of a declared field for this row, printed by its type. */
static void value_cell(struct flow *f, struct tcell *cell, const struct pp_column *col,
		       const struct prow *pr, const struct pp_update *u)
{
	const struct pp_field_def *fd = col->custom;
	if (!fd)
		return;
	const struct pp_value *v = row_value(fd, pr, u);
	if (!v)
		return;
	if (fd->type == PP_VALUE_STATUS) {
		status_cell(f, cell, v->rag, v->status);
		return;
	}
	char *text = field_value_text(fd, v);
	if (fd->type == PP_VALUE_PERCENT && col->show_bar)
		bar_cell(f, cell, v->number, text);
	else
		plain_piece(f, cell, &f->style->table_text, text);
	free(text);
}

/*
 * Leads print one per line: each is accountable on its own. A column with
 * join="and" prints them as Bolton does, joined by " & " ("Chief Executive
 * & Director of Corporate Resources"), where the council means joint
 * accountability. The spans are borrowed into one paragraph;
 * inline_to_stack copies what it keeps.
 */
static void leads_cell(struct flow *f, struct tcell *cell, const struct pp_inline *leads,
		       size_t n, int join_and)
{
	if (n == 0)
		return;
	if (!join_and) {
		for (size_t i = 0; i < n; i++) {
			struct pp_snode *p = snode_new(f->pages, cell->snode, PP_ROLE_P);
			inline_to_stack(f, &cell->st, &leads[i], &f->style->table_text, p, 0);
		}
		return;
	}
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += leads[i].n_spans + 1;
	struct pp_inline joined = { pp_xcalloc(total, sizeof *joined.spans), 0 };
	static char amp[] = " & ";
	for (size_t i = 0; i < n; i++) {
		if (i)
			joined.spans[joined.n_spans++] = (struct pp_span){ .text = amp };
		for (size_t k = 0; k < leads[i].n_spans; k++)
			joined.spans[joined.n_spans++] = leads[i].spans[k];
	}
	struct pp_snode *p = snode_new(f->pages, cell->snode, PP_ROLE_P);
	inline_to_stack(f, &cell->st, &joined, &f->style->table_text, p, 0);
	free(joined.spans);
}

/* "1 Early Help ...": the reference, a space, then the title, as one
 * paragraph (the spans are borrowed; inline_to_stack copies them). */
static void ref_title_cell(struct flow *f, struct tcell *cell, const struct pp_priority *p)
{
	const struct pp_text_style *ts = &f->style->table_text;
	if (!p->ref || !*p->ref) {
		inline_to_stack(f, &cell->st, &p->title, ts, cell->snode, 0);
		return;
	}
	struct pp_inline joined = { pp_xcalloc(p->title.n_spans + 1, sizeof *joined.spans), 0 };
	char *head = pp_xasprintf("%s ", p->ref);
	joined.spans[joined.n_spans++] = (struct pp_span){ .text = head };
	for (size_t k = 0; k < p->title.n_spans; k++)
		joined.spans[joined.n_spans++] = p->title.spans[k];
	inline_to_stack(f, &cell->st, &joined, ts, cell->snode, 0);
	free(head);
	free(joined.spans);
}

/*
 * An action's cell: its label hanging like a list marker, then its text.
 * An action written without <text> that starts its priority is the
 * priority itself, as seed 004's leadership table prints it ("1) Retain
 * Corporate Support ..."): the priority's title, marked with the action's
 * label or else the priority's reference and ")". Later text-less actions
 * stay empty (their rows continue the action above in the seed).
 */
static void action_cell(struct flow *f, struct tcell *cell, const struct pp_priority *p,
			const struct pp_action *a)
{
	const struct pp_text_style *ts = &f->style->table_text;
	size_t first = cell->st.n_pieces;
	char *made = NULL;
	const char *label = a->label;
	if (a->text.n_items) {
		blocks_to_stack(f, &cell->st, &a->text, ts, cell->snode);
	} else if (!a->has_text && p && p->n_actions && &p->actions[0] == a) {
		struct pp_snode *para = snode_new(f->pages, cell->snode, PP_ROLE_P);
		inline_to_stack(f, &cell->st, &p->title, ts, para, 0);
		if (!label && p->ref && *p->ref)
			label = made = pp_xasprintf("%s)", p->ref);
	}
	if (!label || cell->st.n_pieces == first) {
		free(made);
		return;
	}
	/* The action's label ("1)", "a.") hangs like a list marker. */
	PangoLayout *m = text_plain(f->ctx, f->style, ts, label);
	free(made);
	int mw;
	pango_layout_get_size(m, &mw, NULL);
	double hang = (double)mw / PANGO_SCALE + ts->size * 0.5;
	for (size_t i = first; i < cell->st.n_pieces; i++) {
		cell->st.pieces[i].indent += hang;
		if (cell->st.pieces[i].marker)
			cell->st.pieces[i].marker_x += hang;
	}
	struct piece *p0 = &cell->st.pieces[first];
	if (p0->marker) { /* already a list item: keep its marker */
		g_object_unref(m);
		return;
	}
	p0->marker = m;
	p0->marker_x = 0;
	p0->marker_snode = NULL;
}

/* "Not available" (or "Not yet due" for a period after the table's):
 * never a blank that reads as nothing to report. */
static void missing_status(struct flow *f, struct tcell *cell, const struct pp_period *period,
			   const struct pp_period *now)
{
	int future = period && now && period->start.year * 10000 + period->start.month * 100 +
						      period->start.day >
					      now->end.year * 10000 + now->end.month * 100 +
						      now->end.day;
	plain_piece(f, cell, &f->style->table_text, future ? "Not yet due" : "Not available");
}

/* A status of `p` in `period`: its cell, or words saying there is none. */
static void period_status_cell(struct flow *f, struct tcell *cell, const struct pp_priority *p,
			       const struct pp_period *period, const struct pp_period *now)
{
	const struct pp_update *u = period ? pp_priority_update(p, period) : NULL;
	if (u && u->rag_text)
		status_cell(f, cell, u->rag, u->status);
	else
		missing_status(f, cell, period, now);
}

/* Direction of travel: an arrow and the word, so neither colour nor the
 * arrow alone carries it. */
static void trend_cell(struct flow *f, struct tcell *cell, enum pp_trend t)
{
	static const char *const arrows[] = { [PP_TREND_NONE] = "",
					      [PP_TREND_BETTER] = "\u2191 ",
					      [PP_TREND_SAME] = "\u2192 ",
					      [PP_TREND_WORSE] = "\u2193 " };
	char *text = pp_xasprintf("%s%s", arrows[t], pp_trend_word(t));
	plain_piece(f, cell, &f->style->table_text, text);
	free(text);
}

static void fill_cell(struct flow *f, const struct pp_priority_table *pt, struct tcell *cell,
		      const struct lcol *lc, const struct prow *pr)
{
	const struct pp_column *col = lc->col;
	enum pp_field field = col->field;
	const struct pp_text_style *ts = &f->style->table_text;
	const struct pp_priority *p = pr->prio;
	const struct pp_update *u = table_update(pt, p);
	switch (field) {
	case PP_FIELD_THEME:
		plain_piece(f, cell, &f->style->table_text, pr->theme->title);
		return;
	case PP_FIELD_REF:
		if (p)
			plain_piece(f, cell, ts, p->ref);
		return;
	case PP_FIELD_LINK:
	case PP_FIELD_REF_LINK: {
		if (!p)
			return;
		char *link = pp_priority_link(f->doc, p);
		const char *ref = field == PP_FIELD_REF_LINK && p->ref ? p->ref : "";
		char *text = pp_xasprintf("%s%s%s", ref, *ref && *link ? "\n" : "", link);
		plain_piece(f, cell, ts, text);
		free(text);
		free(link);
		return;
	}
	case PP_FIELD_TITLE:
		if (p)
			inline_to_stack(f, &cell->st, &p->title, ts, cell->snode, 0);
		return;
	case PP_FIELD_STATEMENT:
		if (p)
			inline_to_stack(f, &cell->st,
					p->statement.n_spans ? &p->statement : &p->title, ts,
					cell->snode, 0);
		return;
	case PP_FIELD_LEADS:
		if (p)
			leads_cell(f, cell, p->leads, p->n_leads, col->join_and);
		return;
	case PP_FIELD_OUTCOMES:
		if (p)
			blocks_to_stack(f, &cell->st, &p->outcomes, ts, cell->snode);
		return;
	case PP_FIELD_HOW:
		if (p)
			blocks_to_stack(f, &cell->st, &p->how, ts, cell->snode);
		return;
	case PP_FIELD_MEASURES:
		if (p)
			blocks_to_stack(f, &cell->st, &p->measures, ts, cell->snode);
		return;
	case PP_FIELD_TIMESCALE:
		if (!u)
			return;
		if (u->timescale.n_items)
			blocks_to_stack(f, &cell->st, &u->timescale, ts, cell->snode);
		else if (u->period)
			plain_piece(f, cell, ts, u->period->label);
		else if (pt->period)
			plain_piece(f, cell, ts, pt->period->label);
		return;
	case PP_FIELD_MILESTONES:
		if (u)
			blocks_to_stack(f, &cell->st, &u->milestones, ts, cell->snode);
		return;
	case PP_FIELD_COMMENTARY:
		if (u)
			blocks_to_stack(f, &cell->st, &u->commentary, ts, cell->snode);
		return;
	case PP_FIELD_RAG:
		if (u)
			status_cell(f, cell, u->rag, u->status);
		return;
	case PP_FIELD_ACTION:
		if (pr->action)
			action_cell(f, cell, p, pr->action);
		return;
	case PP_FIELD_ACTION_LEADS:
		if (pr->action)
			leads_cell(f, cell, pr->action->leads, pr->action->n_leads, col->join_and);
		return;
	case PP_FIELD_ACTION_MEASURES:
		if (pr->action)
			blocks_to_stack(f, &cell->st, &pr->action->measures, ts, cell->snode);
		return;
	case PP_FIELD_ACTION_SUCCESS:
		if (pr->action)
			blocks_to_stack(f, &cell->st, &pr->action->success, ts, cell->snode);
		return;
	case PP_FIELD_REF_TITLE:
		if (p)
			ref_title_cell(f, cell, p);
		return;
	case PP_FIELD_SUCCESS:
		if (pr->line)
			blocks_to_stack(f, &cell->st, &pr->line->success, ts, cell->snode);
		return;
	case PP_FIELD_IMPACT:
		if (pr->line)
			blocks_to_stack(f, &cell->st, &pr->line->impact, ts, cell->snode);
		return;
	case PP_FIELD_LINE_TIMESCALE:
		if (pr->line)
			blocks_to_stack(f, &cell->st, &pr->line->timescale, ts, cell->snode);
		return;
	case PP_FIELD_LINE_RAG:
		if (pr->line)
			status_cell(f, cell, pr->line->rag, pr->line->status);
		return;
	case PP_FIELD_CUSTOM:
		value_cell(f, cell, col, pr, u);
		return;
	case PP_FIELD_PREVIOUS_STATUS: {
		if (!p)
			return;
		const struct pp_period *now = row_period(pt, p);
		period_status_cell(f, cell, p, pp_period_before(f->doc, now), now);
		return;
	}
	case PP_FIELD_STATUS_HISTORY:
		if (p)
			period_status_cell(f, cell, p, lc->period, row_period(pt, p));
		return;
	case PP_FIELD_TREND:
		if (p)
			trend_cell(f, cell, pp_priority_trend(f->doc, p, row_period(pt, p)));
		return;
	case PP_FIELD_QUESTION:
	case PP_FIELD_RESPONSE:
	case PP_FIELD_NAME:
	case PP_FIELD_PRIORITIES:
	case PP_FIELD_LEAD:
		return; /* other views' fields: check keeps them out of here */
	}
}

/* Is row `pr` the first row of its object at `level`? (A group row ends
 * every span: the cells below it start afresh.) */
static int starts(const struct prow *pr, const struct prow *prev, enum pp_level level)
{
	if (!prev || prev->band || prev->theme != pr->theme)
		return 1;
	switch (level) {
	case PP_LEVEL_THEME: return 0;
	case PP_LEVEL_PRIORITY: return prev->prio != pr->prio;
	case PP_LEVEL_ACTION: return prev->prio != pr->prio || prev->action != pr->action;
	case PP_LEVEL_LINE: return 1;
	}
	return 1;
}

/* Rows r.. that share row r's object at `level` (a group cell's span). */
static size_t span_of(const struct prow *rows, size_t n, size_t r, enum pp_level level)
{
	size_t k = r + 1;
	while (k < n && !rows[k].band && !starts(&rows[k], &rows[k - 1], level))
		k++;
	return k - r;
}

struct ref_item {
	const struct pp_theme *theme;
	const struct pp_priority *prio;
	size_t index;
};

/* @order="ref": natural order of refs, ties (and no ref) in plan order. */
static int by_ref(const void *a, const void *b)
{
	const struct ref_item *x = a, *y = b;
	int c = pp_ref_compare(x->prio->ref, y->prio->ref);
	if (c)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* The rows still to make, for the table engine to ask for (struct ttable). */
struct row_source {
	struct flow *f;
	const struct pp_priority_table *pt;
	const struct prow *rows;
	size_t n;
	enum pp_level deep;
	size_t next; /* the next row to make */
	const struct lcol *cols;
	size_t n_cols;
};

/* What a merge="same" column compares: the status's label or the field's
 * printed value; NULL for an empty cell (never merged). Caller frees. */
static char *merge_key(const struct row_source *src, const struct pp_column *col,
		       const struct prow *pr)
{
	if (pr->band)
		return NULL;
	const struct pp_update *u = table_update(src->pt, pr->prio);
	enum pp_rag rag = PP_RAG_NONE;
	const struct pp_status *st = NULL;
	switch (col->field) {
	case PP_FIELD_RAG:
		if (!u)
			return NULL;
		rag = u->rag, st = u->status;
		break;
	case PP_FIELD_LINE_RAG:
		if (!pr->line)
			return NULL;
		rag = pr->line->rag, st = pr->line->status;
		break;
	case PP_FIELD_CUSTOM: {
		const struct pp_value *v = row_value(col->custom, pr, u);
		return v ? field_value_text(col->custom, v) : NULL;
	}
	default:
		return NULL;
	}
	if (st)
		return pp_xstrdup(st->id);
	return rag == PP_RAG_NONE ? NULL : pp_xstrdup(pp_rag_word(rag));
}

static int same_key(const struct row_source *src, const struct pp_column *col, size_t a,
		    size_t b)
{
	/* Shared only within the object above the column's level: a line or
	 * action status within its priority, a priority's within its theme. */
	const struct prow *x0 = &src->rows[a], *y0 = &src->rows[b];
	if (x0->theme != y0->theme)
		return 0;
	if (pp_column_level(col) >= PP_LEVEL_ACTION && x0->prio != y0->prio)
		return 0;
	char *x = merge_key(src, col, &src->rows[a]), *y = merge_key(src, col, &src->rows[b]);
	int same = x && y && strcmp(x, y) == 0;
	free(x);
	free(y);
	return same;
}

/* Does row r start a cell of column `col` (at its level)? */
static int starts_cell(const struct row_source *src, const struct pp_column *col, size_t r)
{
	enum pp_level level = pp_column_level(col);
	return level >= src->deep || starts(&src->rows[r], r ? &src->rows[r - 1] : NULL, level);
}

/*
 * merge="same": a cell equal to the one above shares it, as councils
 * bracket one status beside several actions. The first cell of a run
 * spans every row up to the next different value (or group row).
 */
static int merged_away(const struct row_source *src, const struct pp_column *col, size_t r)
{
	if (!r || src->rows[r - 1].band || !starts_cell(src, col, r))
		return 0;
	size_t prev = r - 1;
	while (prev > 0 && !starts_cell(src, col, prev))
		prev--;
	return same_key(src, col, prev, r);
}

static size_t merged_span(const struct row_source *src, const struct pp_column *col, size_t r)
{
	size_t k = r + 1;
	while (k < src->n && !src->rows[k].band &&
	       (!starts_cell(src, col, k) || same_key(src, col, r, k)))
		k++;
	return k - r;
}

static size_t more_rows(void *closure, struct ttable *t, size_t want)
{
	struct row_source *src = closure;
	const struct pp_priority_table *pt = src->pt;
	struct flow *f = src->f;
	size_t made = 0;
	for (; made < want && src->next < src->n; made++, src->next++) {
		size_t r = src->next;
		if (src->rows[r].band) {
			struct tcell *cell = ttable_add_band(t, f, src->rows[r].band);
			struct pp_text_style ts = f->style->table_text;
			ts.bold = 1;
			plain_piece(f, cell, &ts, src->rows[r].band);
			continue;
		}
		struct trow *row = ttable_add_row(t, f, 0);
		for (size_t c = 0; c < src->n_cols; c++) {
			const struct pp_column *col = src->cols[c].col;
			enum pp_level level = pp_column_level(col);
			if (col->merge) {
				if (!starts_cell(src, col, r) || merged_away(src, col, r))
					continue; /* covered by the shared cell above */
				size_t span = merged_span(src, col, r);
				struct tcell *cell = ttable_cell(row, c, f, 0);
				if (span > 1 || level < src->deep) {
					cell->group = 1;
					cell->span = (unsigned)span;
					cell->snode->row_span = cell->span;
				}
				fill_cell(f, pt, cell, &src->cols[c], &src->rows[r]);
				continue;
			}
			if (level < src->deep &&
			    !starts(&src->rows[r], r ? &src->rows[r - 1] : NULL, level))
				continue; /* covered by the group cell above */
			struct tcell *cell = ttable_cell(row, c, f, 0);
			if (level < src->deep) {
				cell->group = 1;
				cell->span = (unsigned)span_of(src->rows, src->n, r, level);
				cell->snode->row_span = cell->span;
			}
			fill_cell(f, pt, cell, &src->cols[c], &src->rows[r]);
		}
	}
	return made;
}

/* The text of row `pr`'s group: its theme's title, or its group field's
 * value ("No Directorate" where a priority has none); the caller frees. */
static char *band_of(const struct pp_priority_table *pt, const struct prow *pr)
{
	if (pt->group_theme)
		return pp_xstrdup(pr->theme->title);
	const struct pp_field_def *fd = pt->group_field;
	const struct pp_value *v =
		fd->on == PP_ON_THEME
			? pp_value_find(pr->theme->values, pr->theme->n_values, fd)
			: pr->prio ? pp_value_find(pr->prio->values, pr->prio->n_values, fd) : NULL;
	return v ? field_value_text(fd, v) : pp_xasprintf("No %s", fd->label ? fd->label : fd->id);
}

/* A group row before each run of rows whose group differs from the last. */
static void add_bands(const struct pp_priority_table *pt, struct prow **rows, size_t *n)
{
	struct prow *out = NULL;
	size_t n_out = 0, cap = 0;
	char *last = NULL;
	for (size_t i = 0; i < *n; i++) {
		char *key = band_of(pt, &(*rows)[i]);
		if (!last || strcmp(last, key) != 0) {
			PP_GROW(out, n_out + 1, cap);
			out[n_out++] = (struct prow){ .theme = (*rows)[i].theme, .band = key };
			last = key;
		} else {
			free(key);
		}
		PP_GROW(out, n_out + 1, cap);
		out[n_out++] = (*rows)[i];
	}
	free(*rows);
	*rows = out;
	*n = n_out;
}

/* ---------- where="...": which rows a table keeps -------------------------- */

struct row_filter {
	struct flow *f;
	const struct pp_priority_table *pt;
	const struct prow *pr;
};

static const char *status_or_null(const struct pp_update *u)
{
	if (!u || !u->rag_text)
		return NULL;
	const char *w = pp_status_word(u->rag, u->status);
	return *w ? w : NULL;
}

/* A row's value of a filter's name (check allowed only these). */
static const char *filter_value(void *closure, const char *name, char **owned)
{
	const struct row_filter *rf = closure;
	const struct prow *pr = rf->pr;
	const struct pp_priority *p = pr->prio;
	const struct pp_update *u = table_update(rf->pt, p);
	if (strcmp(name, "theme") == 0)
		return pr->theme->title;
	if (!p)
		return NULL;
	if (strcmp(name, "status") == 0)
		return status_or_null(u);
	if (strcmp(name, "previous-status") == 0)
		return status_or_null(
			pp_priority_update(p, pp_period_before(rf->f->doc, row_period(rf->pt, p))));
	if (strcmp(name, "trend") == 0)
		return pp_trend_word(pp_priority_trend(rf->f->doc, p, row_period(rf->pt, p)));
	if (strcmp(name, "ref") == 0)
		return p->ref;
	if (strncmp(name, "field:", 6) == 0) {
		for (size_t i = 0; i < rf->f->doc->n_fields; i++) {
			const struct pp_field_def *fd = &rf->f->doc->fields[i];
			if (!fd->id || strcmp(fd->id, name + 6) != 0)
				continue;
			const struct pp_value *v = row_value(fd, pr, u);
			if (!v)
				return NULL;
			if (fd->type == PP_VALUE_STATUS)
				return pp_status_word(v->rag, v->status);
			return v->text;
		}
	}
	(void)owned;
	return NULL;
}

void flow_no_match(struct flow *f, const char *what, const char *where)
{
	char *text = pp_xasprintf("No %s match: %s", what, where);
	flow_note(f, text);
	free(text);
}

void flow_note(struct flow *f, const char *text)
{
	const struct pp_text_style *ts = &f->style->body;
	struct stack s;
	stack_init(&s);
	stack_add(&s, text_plain(f->ctx, f->style, ts, text), ts->colour,
		  snode_new(f->pages, f->parent, PP_ROLE_P));
	flow_stack(f, &s, f->left, f->right - f->left);
	stack_fini(&s);
	f->y += f->style->para_space;
}

static int ptable_history(const struct pp_column *col)
{
	return col->field == PP_FIELD_STATUS_HISTORY;
}

struct lcol *history_columns(struct flow *f, const struct pp_column *columns, size_t n_columns,
			     const struct pp_period *period,
			     int (*is_history)(const struct pp_column *), size_t *n_out)
{
	const struct pp_period **periods =
		pp_xcalloc(f->doc->n_periods ? f->doc->n_periods : 1, sizeof *periods);
	struct lcol *cols = NULL;
	size_t n = 0, cap = 0;
	for (size_t c = 0; c < n_columns; c++) {
		const struct pp_column *col = &columns[c];
		size_t k = 0;
		if (is_history(col))
			k = pp_history_periods(f->doc, col->period ? col->period : period,
					       col->periods_all, periods);
		if (k == 0) {
			PP_GROW(cols, n + 1, cap);
			cols[n++] = (struct lcol){ col, NULL, col->width };
			continue;
		}
		struct pp_width w = col->width;
		if (w.kind != PP_WIDTH_AUTO)
			w.value /= (double)k;
		for (size_t i = 0; i < k; i++) {
			PP_GROW(cols, n + 1, cap);
			cols[n++] = (struct lcol){ col, periods[i], w };
		}
	}
	free(periods);
	*n_out = n;
	return cols;
}

void history_table_head(struct flow *f, struct ttable *t, const struct lcol *cols,
			size_t n_cols, int (*is_history)(const struct pp_column *),
			void (*header)(struct flow *f, struct tcell *cell,
				       const struct pp_column *col, const void *closure),
			const void *closure)
{
	ttable_init(t, f, n_cols, f->parent);
	for (size_t c = 0; c < n_cols; c++)
		t->widths[c] = cols[c].width;
	struct trow *head = ttable_add_row(t, f, 1);
	for (size_t c = 0; c < n_cols; c++) {
		struct tcell *cell = ttable_cell(head, c, f, 1);
		if (is_history(cols[c].col)) /* one column per period, headed by it */
			plain_piece(f, cell, &f->style->table_header,
				    cols[c].period ? cols[c].period->label : "");
		else
			header(f, cell, cols[c].col, closure);
	}
}

/* A priority table's column is headed by its text as written. */
static void ptable_header(struct flow *f, struct tcell *cell, const struct pp_column *col,
			  const void *closure)
{
	(void)closure;
	inline_to_stack(f, &cell->st, &col->header, &f->style->table_header, cell->snode, 0);
}

void flow_priority_table(struct flow *f, const struct pp_priority_table *pt)
{
	if (pt->n_columns == 0)
		return;
	enum pp_level deep = PP_LEVEL_THEME;
	for (size_t c = 0; c < pt->n_columns; c++)
		if (pp_column_level(&pt->columns[c]) > deep)
			deep = pp_column_level(&pt->columns[c]);

	/* The priorities in the table's order, then their rows. */
	struct ref_item *items = NULL;
	size_t n_items = 0, cap_items = 0;
	struct prow *rows = NULL;
	size_t n = 0, cap = 0;
	for (size_t ti = 0; ti < f->doc->n_themes; ti++) {
		const struct pp_theme *th = &f->doc->themes[ti];
		if (!wanted_theme(pt, th))
			continue;
		if (deep == PP_LEVEL_THEME) {
			PP_GROW(rows, n + 1, cap);
			rows[n++] = (struct prow){ th, NULL, NULL, NULL, NULL };
			continue;
		}
		for (size_t pi = 0; pi < th->n_priorities; pi++) {
			PP_GROW(items, n_items + 1, cap_items);
			items[n_items] = (struct ref_item){ th, &th->priorities[pi], n_items };
			n_items++;
		}
	}
	if (pt->order == PP_ORDER_REF && n_items > 1)
		qsort(items, n_items, sizeof *items, by_ref);
	for (size_t i = 0; i < n_items; i++) {
		const struct pp_theme *th = items[i].theme;
		const struct pp_priority *p = items[i].prio;
		if (deep == PP_LEVEL_PRIORITY || p->n_actions == 0) {
			PP_GROW(rows, n + 1, cap);
			rows[n++] = (struct prow){ th, p, NULL, NULL, NULL };
			continue;
		}
		for (size_t ai = 0; ai < p->n_actions; ai++) {
			const struct pp_action *a = &p->actions[ai];
			if (deep == PP_LEVEL_ACTION || a->n_lines == 0) {
				PP_GROW(rows, n + 1, cap);
				rows[n++] = (struct prow){ th, p, a, NULL, NULL };
				continue;
			}
			for (size_t li = 0; li < a->n_lines; li++) {
				PP_GROW(rows, n + 1, cap);
				rows[n++] = (struct prow){ th, p, a, &a->lines[li], NULL };
			}
		}
	}
	free(items);
	if (pt->where) {
		size_t kept = 0;
		for (size_t i = 0; i < n; i++) {
			struct row_filter rf = { f, pt, &rows[i] };
			if (pp_filter_match(pt->where, filter_value, &rf))
				rows[kept++] = rows[i];
		}
		n = kept;
	}
	if (n == 0 && pt->where) {
		/* an exception report with no exceptions says so */
		flow_no_match(f, "priorities", pt->where_text);
		free(rows);
		return;
	}
	if (pt->group_theme || pt->group_field)
		add_bands(pt, &rows, &n);

	size_t n_cols = 0;
	struct lcol *cols =
		history_columns(f, pt->columns, pt->n_columns, pt->period, ptable_history, &n_cols);
	struct ttable t;
	history_table_head(f, &t, cols, n_cols, ptable_history, ptable_header, NULL);
	struct row_source src = { f, pt, rows, n, deep, 0, cols, n_cols };
	t.more = more_rows;
	t.more_closure = &src;
	ttable_layout(f, &t);
	ttable_fini(&t);
	free(cols);
	for (size_t i = 0; i < n; i++)
		free(rows[i].band);
	free(rows);
}

/* ---------- the status key ------------------------------------------------ */

/*
 * <status-key>: each value of a scale as a table cell prints it (fill,
 * symbol, label), with what it means beside it when the plan says.
 */
void flow_status_key(struct flow *f, const struct pp_status_key *k)
{
	const struct pp_scale *sc = k->scale;
	int meanings = 0;
	for (size_t i = 0; sc && i < sc->n_values; i++)
		meanings |= sc->values[i].meaning.n_spans > 0;
	size_t n_cols = meanings ? 2 : 1;
	struct ttable t;
	ttable_init(&t, f, n_cols, f->parent);
	t.widths[0] = (struct pp_width){ PP_WIDTH_AUTO, 0 };
	if (meanings)
		t.widths[1] = (struct pp_width){ PP_WIDTH_SHARE, 1 };
	struct trow *head = ttable_add_row(&t, f, 1);
	const char *title = k->title ? k->title : sc && sc->name ? sc->name : sc ? sc->id : "RAG rating";
	struct tcell *hc = ttable_cell(head, 0, f, 1);
	plain_piece(f, hc, &f->style->table_header, title);
	if (meanings)
		plain_piece(f, ttable_cell(head, 1, f, 1), &f->style->table_header, "Meaning");
	size_t n = sc ? sc->n_values : PP_RAG_NA;
	for (size_t i = 0; i < n; i++) {
		struct trow *row = ttable_add_row(&t, f, 0);
		struct tcell *cell = ttable_cell(row, 0, f, 0);
		if (sc)
			status_cell(f, cell, PP_RAG_NONE, &sc->values[i]);
		else
			rag_cell(f, cell, (enum pp_rag)(i + 1));
		if (!meanings)
			continue;
		struct tcell *m = ttable_cell(row, 1, f, 0);
		inline_to_stack(f, &m->st, &sc->values[i].meaning, &f->style->table_text, m->snode, 0);
	}
	ttable_layout(f, &t);
	ttable_fini(&t);
}
