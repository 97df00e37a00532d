/* SPDX-License-Identifier: MIT */
/*
 * layout_ichart.c - the <indicator-chart> view: one indicator's figures
 * over periods, drawn by the chart code (layout_chart.c) from a pp_chart
 * built here for this call. Every figure, target and status is what check
 * worked out (struct pp_ind_period); nothing is computed but the choice of
 * periods. The series: the figures (each point in its status's colour and
 * shape; under status-on="ytd" the years to date), the target dashed,
 * and each named comparator. A period with no
 * figure is a gap, and its data table cell gives the reason or "Not
 * available".
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "layout_flow.h"

/* The periods charted, in date order, into `out` (room for n_periods):
 * with periods="year" the quarters of the period's financial year (for a
 * span, every span of the plan); with periods="all", or with no period,
 * every period with a figure. */
static size_t chart_periods(const struct pp_doc *doc, const struct pp_indicator_chart *ic,
                            const struct pp_period **out)
{
	int all = ic->periods_all || !ic->period;
	size_t n = pp_history_periods(doc, ic->period, all, out), kept = 0;
	for (size_t i = 0; i < n; i++) {
		const struct pp_ind_period *r = pp_indicator_at(doc, ic->indicator, out[i]);
		int keep = all ? r && r->has_value
		               : (out[i]->quarter != 0) == (ic->period->quarter != 0);
		if (keep)
			out[kept++] = out[i];
	}
	return kept;
}

static void fill_points(struct pp_series *se, const struct pp_period **periods, size_t n)
{
	se->n_points = n;
	se->points = pp_xcalloc(n ? n : 1, sizeof *se->points);
	for (size_t k = 0; k < n; k++)
		se->points[k].x =
		    pp_xstrdup(periods[k]->label ? periods[k]->label : periods[k]->id);
}

/* A comparator's series: its figure for each period, or a gap. */
static void comparator_series(const struct pp_indicator *ind, const char *name,
                              struct pp_series *se, const struct pp_period **periods, size_t n)
{
	se->name = pp_xstrdup(name);
	fill_points(se, periods, n);
	for (size_t k = 0; k < n; k++) {
		struct pp_point *pt = &se->points[k];
		pt->gap = 1;
		for (size_t i = 0; i < ind->n_comparators; i++) {
			const struct pp_ind_comparator *c = &ind->comparators[i];
			if (c->period == periods[k] && c->name && strcmp(c->name, name) == 0) {
				pt->gap = 0;
				pt->y = c->value;
				pt->y_text = pp_indicator_format(ind, c->value);
				break;
			}
		}
	}
}

/* Builds the chart of `ic` over `periods` into *c (chart_data_fini frees). */
static void build_chart(const struct pp_doc *doc, const struct pp_indicator_chart *ic,
                        struct pp_chart *c, const struct pp_period **periods, size_t n)
{
	const struct pp_indicator *ind = ic->indicator;
	c->kind = ic->bar ? PP_CHART_BAR : PP_CHART_LINE;
	c->show_table = ic->show_table;
	c->scale = ind->scale;
	c->x_label = pp_xstrdup("Period");
	c->y_label = pp_xstrdup(pp_unit_word(ind->unit));
	if (ic->title) {
		c->title = pp_xstrdup(ic->title);
	} else {
		char *t = pp_inline_text(&ind->title);
		c->title = ind->ref ? pp_xasprintf("%s %s", ind->ref, t) : pp_xstrdup(t);
		free(t);
	}
	/* The comparators' names, in the order first written. */
	const char **names =
	    pp_xcalloc(ind->n_comparators ? ind->n_comparators : 1, sizeof *names);
	size_t n_names = 0;
	for (size_t i = 0; i < ind->n_comparators; i++) {
		const char *nm = ind->comparators[i].name;
		int seen = !nm;
		for (size_t k = 0; k < n_names && !seen; k++)
			seen = strcmp(names[k], nm) == 0;
		if (!seen)
			names[n_names++] = nm;
	}
	int any_target = 0;
	for (size_t k = 0; k < n; k++) {
		const struct pp_ind_period *r = pp_indicator_at(doc, ind, periods[k]);
		any_target |= r && r->target;
	}
	c->n_series = 1 + (size_t)any_target + n_names;
	c->series = pp_xcalloc(c->n_series, sizeof *c->series);
	/* The figures the statuses judge, so that each point sits where its
	 * colour says against the target beside it: under status-on="ytd"
	 * the year to date against the stepped target, not the quarter's
	 * own figure. */
	struct pp_series *fig = &c->series[0];
	int ytd = ind->status_on == PP_STATUS_ON_YTD;
	fig->name = pp_xstrdup(ytd ? "Year to date" : "Actual");
	fill_points(fig, periods, n);
	for (size_t k = 0; k < n; k++) {
		const struct pp_ind_period *r = pp_indicator_at(doc, ind, periods[k]);
		struct pp_point *pt = &fig->points[k];
		double v;
		if (pp_ind_judged_figure(ind, r, &v)) {
			pt->y = v;
			pt->y_text = pp_indicator_format(ind, v);
			pt->rag = (int)r->rag;
			pt->status = r->status;
		} else {
			pt->gap = 1;
			pt->y_text = pp_xstrdup(pp_ind_no_status_text(ind, r));
		}
	}
	if (any_target) {
		struct pp_series *tg = &c->series[1];
		tg->target = 1;
		tg->name = pp_xstrdup("Target");
		fill_points(tg, periods, n);
		for (size_t k = 0; k < n; k++) {
			const struct pp_ind_period *r = pp_indicator_at(doc, ind, periods[k]);
			const struct pp_ind_target *t = r ? r->target : NULL;
			struct pp_point *pt = &tg->points[k];
			if (!t) {
				pt->gap = 1;
				pt->y_text = pp_xstrdup(r && r->no_target ? r->no_target : "No target");
			} else if (ind->polarity == PP_POLARITY_BAND) {
				/* a band is drawn through its middle, and printed whole */
				char *lo = pp_indicator_format(ind, t->low);
				char *hi = pp_indicator_format(ind, t->high);
				pt->y = (t->low + t->high) / 2;
				pt->y_text = pp_xasprintf("%s to %s", lo, hi);
				free(lo);
				free(hi);
			} else {
				pt->y = t->value;
				pt->y_text = pp_indicator_format(ind, t->value);
			}
		}
	}
	for (size_t i = 0; i < n_names; i++)
		comparator_series(ind, names[i], &c->series[1 + (size_t)any_target + i],
		                  periods, n);
	free(names);
}

void flow_indicator_chart(struct flow *f, const struct pp_indicator_chart *ic)
{
	if (!ic->indicator)
		return;
	const struct pp_period **periods =
	    pp_xcalloc(f->doc->n_periods ? f->doc->n_periods : 1, sizeof *periods);
	size_t n = chart_periods(f->doc, ic, periods);
	struct pp_chart c = {0};
	build_chart(f->doc, ic, &c, periods, n);
	free(periods);
	if (n == 0) {
		/* nothing to draw: say so rather than print empty axes */
		char *text = pp_xasprintf("%s: no figures to chart.", c.title);
		flow_note(f, text);
		free(text);
		chart_data_fini(&c);
		return;
	}
	/* The chart lives only for this call: place it (and any float it
	 * became) before it is freed. */
	flow_chart(f, &c);
	flow_flush_float(f);
	chart_data_fini(&c);
}
