/* SPDX-License-Identifier: MIT */
/*
 * layout_summary.c - the <status-summary> view: how many priorities or
 * actions stand at each value of their scale for a period (the counting is
 * the model's, pp_status_count), as a chart drawn from those counts and a
 * table of value, count and share with a total. Percentages are whole and
 * add up to 100 (pp_percentages, largest remainder), so the chart's key
 * and the table print the same "Green 21 (43%)". Nothing here is typed by
 * the officer: the plan's updates are the only source.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "layout_flow.h"

/* The counts of one row of the summary: a theme, or the whole plan. */
struct group {
	const char *name; /* borrowed; NULL: the whole plan */
	struct pp_status_counts n;
};

/* The period counted: the view's, else the document's, else none (the
 * latest rated update or line). */
static const struct pp_period *summary_period(const struct flow *f,
                                              const struct pp_status_summary *ss)
{
	if (ss->period)
		return ss->period;
	return f->document ? f->document->period : NULL;
}

/* The counts as a chart's series: a point per value (and "Not rated"
 * when some are), each carrying its status so it takes its colours. */
static void fill_series(struct pp_series *se, const struct group *g)
{
	const struct pp_status_counts *n = &g->n;
	se->name = g->name ? pp_xstrdup(g->name) : NULL;
	se->n_points = n->n_values + (n->unrated > 0);
	se->points = pp_xcalloc(se->n_points ? se->n_points : 1, sizeof *se->points);
	for (size_t i = 0; i < n->n_values; i++) {
		struct pp_point *pt = &se->points[i];
		pt->x = pp_xstrdup(pp_status_counts_label(n, i));
		pt->y = (double)n->counts[i];
		if (n->scale)
			pt->status = &n->scale->values[i];
		else
			pt->rag = (int)i + 1;
	}
	if (n->unrated > 0) {
		struct pp_point *pt = &se->points[n->n_values];
		pt->x = pp_xstrdup("Not rated");
		pt->y = (double)n->unrated;
	}
}

/* A summary's chart lives only for this call: one that does not fit the
 * rest of the page cannot float past the text that follows (flow_chart),
 * so it is placed now, opening the next page; then it is freed. */
static void place_summary_chart(struct flow *f, struct pp_chart *c)
{
	flow_chart(f, c);
	flow_flush_float(f);
	chart_data_fini(c);
}

/*
 * The chart: a pie or donut per group (the whole plan, or each theme), or
 * one horizontal stacked bar per group. The chart carries no table of its
 * own: the summary's table follows. Every chart but the last is placed
 * here; the last is left in *last (to place with the table, which it
 * must not be parted from) and 1 returned, or 0 with no chart.
 */
static int summary_charts(struct flow *f, const struct pp_status_summary *ss, const char *title,
                          struct group *groups, size_t n_groups, struct pp_chart *last)
{
	if (ss->chart == PP_SUMMARY_NONE)
		return 0;
	if (ss->chart == PP_SUMMARY_BAR) {
		struct pp_chart *c = last;
		c->kind = PP_CHART_STACKED_BAR;
		c->title = pp_xstrdup(title);
		c->scale = ss->scale;
		c->n_series = n_groups;
		c->series = pp_xcalloc(n_groups, sizeof *c->series);
		for (size_t i = 0; i < n_groups; i++)
			fill_series(&c->series[i], &groups[i]);
		return 1;
	}
	for (size_t i = 0; i < n_groups; i++) {
		struct pp_chart one = {0}, *c = i + 1 < n_groups ? &one : last;
		c->kind = ss->chart == PP_SUMMARY_DONUT ? PP_CHART_DONUT : PP_CHART_PIE;
		c->title = groups[i].name ? pp_xasprintf("%s: %s", title, groups[i].name)
		                          : pp_xstrdup(title);
		c->scale = ss->scale;
		c->n_series = 1;
		c->series = pp_xcalloc(1, sizeof *c->series);
		fill_series(&c->series[0], &groups[i]);
		free(c->series[0].name);
		c->series[0].name = pp_xstrdup(groups[i].name ? groups[i].name : "Count");
		if (c == last)
			return 1;
		place_summary_chart(f, c);
		f->y += f->style->para_space;
	}
	return 0;
}

static void text_cell(struct flow *f, struct tcell *cell, const struct pp_text_style *ts,
                      const char *text)
{
	plain_piece(f, cell, ts, text);
}

/* "21 (43%)": a count and its share of its row. */
static char *count_text(size_t count, unsigned pct)
{
	return pp_xasprintf("%zu (%u%%)", count, pct);
}

/*
 * The whole plan: a row per value (each a status cell, so the table reads
 * like the plan's own), "Not rated" when some are, and the total.
 */
static void table_overall(struct flow *f, const struct group *g, struct ttable *tp)
{
	const struct pp_style *st = f->style;
	const struct pp_status_counts *n = &g->n;
	size_t rows = n->n_values + (n->unrated > 0);
	double *v = pp_xcalloc(rows ? rows : 1, sizeof *v);
	unsigned *pct = pp_xcalloc(rows ? rows : 1, sizeof *pct);
	for (size_t i = 0; i < n->n_values; i++)
		v[i] = (double)n->counts[i];
	if (n->unrated > 0)
		v[n->n_values] = (double)n->unrated;
	pp_percentages(v, rows, pct);
	struct ttable *t = tp;
	ttable_init(t, f, 3, f->parent);
	struct trow *head = ttable_add_row(t, f, 1);
	static const char *const heads[] = {"Status", "Count", "Share"};
	for (size_t k = 0; k < 3; k++)
		text_cell(f, ttable_cell(head, k, f, 1), &st->table_header, heads[k]);
	char buf[64];
	for (size_t i = 0; i < rows; i++) {
		struct trow *row = ttable_add_row(t, f, 0);
		struct tcell *c0 = ttable_cell(row, 0, f, 1);
		c0->snode->scope = PP_SCOPE_ROW;
		if (i < n->n_values)
			status_cell(f, c0, n->scale ? PP_RAG_NONE : (enum pp_rag)(i + 1),
			            n->scale ? &n->scale->values[i] : NULL);
		else
			text_cell(f, c0, &st->table_text, "Not rated");
		snprintf(buf, sizeof buf, "%g", v[i]);
		text_cell(f, ttable_cell(row, 1, f, 0), &st->table_text, buf);
		snprintf(buf, sizeof buf, "%u%%", pct[i]);
		text_cell(f, ttable_cell(row, 2, f, 0), &st->table_text, buf);
	}
	struct trow *total = ttable_add_row(t, f, 0);
	struct tcell *tc = ttable_cell(total, 0, f, 1);
	tc->snode->scope = PP_SCOPE_ROW;
	struct pp_text_style bold = st->table_text;
	bold.bold = 1;
	text_cell(f, tc, &bold, "Total");
	snprintf(buf, sizeof buf, "%zu", n->total);
	text_cell(f, ttable_cell(total, 1, f, 0), &bold, buf);
	text_cell(f, ttable_cell(total, 2, f, 0), &bold, n->total ? "100%" : "0%");
	free(v);
	free(pct);
}

/*
 * Per theme: a row per theme and a last row for the whole plan; a column
 * per value ("21 (43%)", shares of the row), "Not rated" when any row has
 * some, and the row's total.
 */
static void table_by_theme(struct flow *f, const struct group *groups, size_t n_groups,
                           struct ttable *tp)
{
	const struct pp_style *st = f->style;
	const struct pp_status_counts *all = &groups[n_groups - 1].n;
	size_t n_values = all->n_values, unrated = all->unrated > 0;
	size_t cols = 1 + n_values + unrated + 1;
	struct ttable *t = tp;
	ttable_init(t, f, cols, f->parent);
	struct trow *head = ttable_add_row(t, f, 1);
	text_cell(f, ttable_cell(head, 0, f, 1), &st->table_header, "Theme");
	for (size_t i = 0; i < n_values; i++)
		text_cell(f, ttable_cell(head, 1 + i, f, 1), &st->table_header,
		          pp_status_counts_label(all, i));
	if (unrated)
		text_cell(f, ttable_cell(head, 1 + n_values, f, 1), &st->table_header,
		          "Not rated");
	text_cell(f, ttable_cell(head, cols - 1, f, 1), &st->table_header, "Total");
	struct pp_text_style bold = st->table_text;
	bold.bold = 1;
	double *v = pp_xcalloc(n_values + 1, sizeof *v);
	unsigned *pct = pp_xcalloc(n_values + 1, sizeof *pct);
	for (size_t r = 0; r < n_groups; r++) {
		const struct group *g = &groups[r];
		int last = r + 1 == n_groups;
		const struct pp_text_style *ts = last ? &bold : &st->table_text;
		for (size_t i = 0; i < n_values; i++)
			v[i] = (double)g->n.counts[i];
		v[n_values] = (double)g->n.unrated;
		pp_percentages(v, n_values + 1, pct);
		struct trow *row = ttable_add_row(t, f, 0);
		struct tcell *c0 = ttable_cell(row, 0, f, 1);
		c0->snode->scope = PP_SCOPE_ROW;
		text_cell(f, c0, ts, g->name ? g->name : "All themes");
		for (size_t i = 0; i < n_values + unrated; i++) {
			char *txt =
			    count_text(i < n_values ? g->n.counts[i] : g->n.unrated, pct[i]);
			text_cell(f, ttable_cell(row, 1 + i, f, 0), ts, txt);
			free(txt);
		}
		char buf[32];
		snprintf(buf, sizeof buf, "%zu", g->n.total);
		text_cell(f, ttable_cell(row, cols - 1, f, 0), ts, buf);
	}
	free(v);
	free(pct);
}

/* Data-only indicators left out (no-target="leave-out"): out of the
 * counts and the total, so a theme of them alone has no row; the caller
 * names how many under the table. Returns how many were left out. */
static size_t leave_out_no_target(const struct pp_status_summary *ss, struct pp_status_counts *n)
{
	if (!ss->no_target_leave_out)
		return 0;
	n->unrated -= n->no_target;
	n->total -= n->no_target;
	return n->no_target;
}

void flow_status_summary(struct flow *f, const struct pp_status_summary *ss)
{
	const struct pp_doc *doc = f->doc;
	const struct pp_period *period = summary_period(f, ss);
	const char *what = ss->of == PP_COUNT_ACTIONS	 ? "actions"
			   : ss->of == PP_COUNT_INDICATORS ? "indicators"
							   : "priorities";
	char *title = ss->title ? pp_xstrdup(ss->title)
	              : period  ? pp_xasprintf("Status of %s, %s", what, period->label)
	                        : pp_xasprintf("Status of %s", what);
	/* Groups: each theme with something counted, then the whole plan. */
	size_t n_groups = 0;
	struct group *groups = pp_xcalloc(doc->n_themes + 1, sizeof *groups);
	for (size_t i = 0; ss->by_theme && i < doc->n_themes; i++) {
		struct group *g = &groups[n_groups];
		pp_status_count(doc, ss->of, period, &doc->themes[i], ss->scale, &g->n);
		leave_out_no_target(ss, &g->n);
		g->name = doc->themes[i].title;
		if (g->n.total == 0) {
			pp_status_counts_fini(&g->n);
			continue;
		}
		n_groups++;
	}
	struct group *all = &groups[n_groups++];
	pp_status_count(doc, ss->of, period, NULL, ss->scale, &all->n);
	size_t left_out = leave_out_no_target(ss, &all->n);
	all->name = NULL;
	/* A chart per theme and for the whole plan; a stacked bar names the
	 * whole plan's bar. */
	if (ss->by_theme)
		all->name = "All themes";
	if (ss->chart == PP_SUMMARY_NONE)
		flow_heading(f, NULL, flow_sub_level(f), title);
	struct pp_chart last = {0};
	int charted = summary_charts(f, ss, title, groups, n_groups, &last);
	/* The last chart's figure comes before the table's, as on the page. */
	struct body_chart *bc = charted ? flow_chart_begin(f, &last) : NULL;
	if (ss->by_theme)
		all->name = NULL;
	struct ttable t;
	if (ss->by_theme)
		table_by_theme(f, groups, n_groups, &t);
	else
		table_overall(f, all, &t);
	if (bc) {
		/* below the last pie, the space between pies, then the table's */
		double gap = f->style->para_space * (ss->chart == PP_SUMMARY_BAR ? 1 : 2);
		flow_chart_end(f, bc, &t, gap);
		chart_data_fini(&last);
		f->y += gap;
	}
	ttable_layout(f, &t);
	ttable_fini(&t);
	if (left_out) {
		f->y += f->style->para_space;
		char *note = pp_xasprintf("Not counted: %zu %s with no target (data only).",
		                          left_out, left_out == 1 ? "indicator" : "indicators");
		flow_note(f, note);
		free(note);
	}
	for (size_t i = 0; i < n_groups; i++)
		pp_status_counts_fini(&groups[i].n);
	free(groups);
	free(title);
}
