/* SPDX-License-Identifier: MIT */
/*
 * status_count.c - how many priorities, actions or indicators stand at each value of a
 * status scale for a period, and whole percentages of such counts that add
 * up to 100. Read-only over a checked model: the <status-summary> view and
 * any later count (indicators) share it, so a pack's front page and its
 * tables can never disagree.
 */
#include <math.h>
#include <stdlib.h>

#include "alloc.h"
#include "planpress/model.h"

/* The index of `st` among `sc`'s values, or -1 when it is not one of them. */
static long value_index(const struct pp_scale *sc, const struct pp_status *st)
{
	if (!sc || !st || st < sc->values || st >= sc->values + sc->n_values)
		return -1;
	return (long)(st - sc->values);
}

/* The index of a status (RAG `rag` or declared `st`) in the count's scale. */
static long status_index(const struct pp_status_counts *c, int rag, const struct pp_status *st)
{
	if (c->scale)
		return value_index(c->scale, st);
	if (st || rag <= PP_RAG_NONE || rag > PP_RAG_NA)
		return -1;
	return (long)rag - 1;
}

static void tally(struct pp_status_counts *c, long i)
{
	c->total++;
	if (i < 0)
		c->unrated++;
	else
		c->counts[i]++;
}

/* The status of a priority: its update for the period, or with no period
 * its last update that carries one. */
static long priority_status(const struct pp_status_counts *c, const struct pp_priority *p,
                            const struct pp_period *period)
{
	if (period) {
		const struct pp_update *u = pp_priority_update(p, period);
		return u ? status_index(c, (int)u->rag, u->status) : -1;
	}
	for (size_t k = p->n_updates; k-- > 0;) {
		const struct pp_update *u = &p->updates[k];
		if (u->rag != PP_RAG_NONE || u->status)
			return status_index(c, (int)u->rag, u->status);
	}
	return -1;
}

/* An action's status: its first outcome line for the period; else (or
 * with no period) its last line with no period of its own that carries a
 * status, since a council that dates no line rates the action once. */
static long action_status(const struct pp_status_counts *c, const struct pp_action *a,
                          const struct pp_period *period)
{
	for (size_t k = 0; period && k < a->n_lines; k++) {
		const struct pp_line *ln = &a->lines[k];
		if (ln->period == period)
			return status_index(c, (int)ln->rag, ln->status);
	}
	for (size_t k = a->n_lines; k-- > 0;) {
		const struct pp_line *ln = &a->lines[k];
		if ((!period || !ln->period) && (ln->rag != PP_RAG_NONE || ln->status))
			return status_index(c, (int)ln->rag, ln->status);
	}
	return -1;
}

/* Tally each of `n` indicators rated on the count's scale by its status
 * for the period; those on another scale are not counted. */
static void tally_indicators(struct pp_status_counts *c, const struct pp_doc *doc,
                             const struct pp_indicator *v, size_t n,
                             const struct pp_period *period)
{
	for (size_t i = 0; i < n; i++) {
		if (v[i].scale != c->scale)
			continue;
		const struct pp_ind_period *r = period ? pp_indicator_at(doc, &v[i], period) : NULL;
		long k = r ? status_index(c, (int)r->rag, r->status) : -1;
		tally(c, k);
		if (k < 0 && r && r->no_target)
			c->no_target++;
	}
}

void pp_status_count(const struct pp_doc *doc, enum pp_count_of of,
                     const struct pp_period *period, const struct pp_theme *theme,
                     const struct pp_scale *scale, struct pp_status_counts *out)
{
	out->scale = scale;
	out->n_values = scale ? scale->n_values : PP_STATUS_RAG_N;
	out->counts = pp_xcalloc(out->n_values ? out->n_values : 1, sizeof *out->counts);
	out->unrated = out->no_target = out->total = 0;
	for (size_t t = 0; t < doc->n_themes; t++) {
		const struct pp_theme *th = &doc->themes[t];
		if (theme && th != theme)
			continue;
		if (of == PP_COUNT_INDICATORS)
			tally_indicators(out, doc, th->indicators, th->n_indicators, period);
		for (size_t i = 0; i < th->n_priorities; i++) {
			const struct pp_priority *p = &th->priorities[i];
			switch (of) {
			case PP_COUNT_PRIORITIES:
				tally(out, priority_status(out, p, period));
				break;
			case PP_COUNT_ACTIONS:
				for (size_t a = 0; a < p->n_actions; a++)
					tally(out, action_status(out, &p->actions[a], period));
				break;
			case PP_COUNT_INDICATORS:
				tally_indicators(out, doc, p->indicators, p->n_indicators, period);
				break;
			}
		}
	}
}

void pp_status_counts_fini(struct pp_status_counts *c)
{
	free(c->counts);
	c->counts = NULL;
	c->n_values = 0;
}

const char *pp_status_counts_label(const struct pp_status_counts *c, size_t i)
{
	if (i >= c->n_values)
		return "";
	if (c->scale)
		return c->scale->values[i].label ? c->scale->values[i].label : "";
	return pp_rag_word((enum pp_rag)(i + 1));
}

void pp_percentages(const double *values, size_t n, unsigned *pct)
{
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += values[i] > 0 ? values[i] : 0;
	for (size_t i = 0; i < n; i++)
		pct[i] = 0;
	if (!(sum > 0))
		return;
	double *rem = pp_xcalloc(n ? n : 1, sizeof *rem);
	unsigned given = 0;
	for (size_t i = 0; i < n; i++) {
		if (!(values[i] > 0))
			continue;
		/* 100 * value = whole * sum + rem: exact for whole-number
		 * counts, so equal remainders compare equal and a tie goes to
		 * the earlier value, never to rounding noise. */
		double r = fmod(100.0 * values[i], sum);
		pct[i] = (unsigned)floor((100.0 * values[i] - r) / sum + 0.5);
		rem[i] = r;
		given += pct[i];
	}
	/* At most n - 1 points are missing; each goes to a value with a
	 * remainder, the largest first (equal counts give equal remainders,
	 * so ties fall to the earlier value). */
	while (given < 100) {
		size_t best = n;
		for (size_t i = 0; i < n; i++)
			if (rem[i] > 0 && (best == n || rem[i] > rem[best]))
				best = i;
		if (best == n)
			break;
		pct[best]++;
		rem[best] = 0;
		given++;
	}
	free(rem);
}
