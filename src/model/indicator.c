/* SPDX-License-Identifier: MIT */
/*
 * indicator.c - what planpress works out for an indicator, once, in check:
 * per plan period the figure, the target that applies, the status (from
 * the figure, target, polarity and tolerance, or an officer's override),
 * the year to date by the indicator's rule and the direction of travel
 * against the period before and last year (pp_indicator_last_year). Views only
 * read the results (struct pp_ind_period); they never compute.
 */
#include "planpress/model.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

/* ---------- printing figures --------------------------------------------- */

/* The decimal digits of n, at least min_digits of them (zeros in front);
 * how many were written (at most 20, no '\0'). */
static size_t put_digits(char *out, unsigned long long n, int min_digits)
{
	char rev[24];
	size_t k = 0;
	do {
		rev[k++] = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	while ((int)k < min_digits && k < sizeof rev)
		rev[k++] = '0';
	for (size_t i = 0; i < k; i++)
		out[i] = rev[k - 1 - i];
	return k;
}

/*
 * pp_format_decimal into out[64]; its length, or -1 for a magnitude no
 * long long holds. The digits are put by hand rather than printed: a
 * table prints tens of thousands of figures.
 */
static int format_decimal(char out[64], double v, int decimals, int fixed, int thousands)
{
	long long scale = 1;
	for (int i = 0; i < decimals; i++)
		scale *= 10;
	int neg = v < 0;
	double mag = (neg ? -v : v) * (double)scale + 0.5;
	if (!(mag < 9e17)) /* beyond what a long long holds: print it plainly */
		return -1;
	long long n = (long long)mag;
	long long whole = n / scale, frac = n % scale;
	char digits[24];
	size_t len = put_digits(digits, (unsigned long long)whole, 1), w = 0;
	if (neg && n)
		out[w++] = '-';
	for (size_t i = 0; i < len; i++) {
		if (thousands && i && (len - i) % 3 == 0)
			out[w++] = ',';
		out[w++] = digits[i];
	}
	if (decimals && (frac || fixed)) {
		char fd[24];
		size_t fl = put_digits(fd, (unsigned long long)frac, decimals);
		while (!fixed && fl > 0 && fd[fl - 1] == '0')
			fl--;
		out[w++] = '.';
		memcpy(out + w, fd, fl);
		w += fl;
	}
	out[w] = '\0';
	return (int)w;
}

char *pp_format_decimal(double v, int decimals, int fixed, int thousands)
{
	char out[64];
	if (format_decimal(out, v, decimals, fixed, thousands) < 0)
		return pp_xasprintf("%.*f", decimals, v);
	return pp_xstrdup(out);
}

/* a, b and c joined in a new string: a figure with its unit, put
 * together without printf (a table prints tens of thousands). */
static char *join3(const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
	char *out = pp_xmalloc(la + lb + lc + 1);
	memcpy(out, a, la);
	memcpy(out + la, b, lb);
	memcpy(out + la + lb, c, lc + 1);
	return out;
}

char *pp_indicator_format(const struct pp_indicator *ind, double v)
{
	int neg = v < 0;
	double shown = ind->unit == PP_UNIT_MONEY && neg ? -v : v;
	char small[64], *big = NULL, *out;
	const char *num = small;
	if (format_decimal(small, shown, ind->decimals, 1, ind->thousands) < 0)
		num = big = pp_format_decimal(shown, ind->decimals, 1, ind->thousands);
	switch (ind->unit) {
	case PP_UNIT_PERCENT:
		out = join3("", num, "%");
		break;
	case PP_UNIT_MONEY:
		out = join3(neg && strcmp(num, "0") ? "-\xc2\xa3" : "\xc2\xa3", num, "");
		break;
	case PP_UNIT_RATE_1K:
		out = join3("", num, " per 1,000");
		break;
	case PP_UNIT_RATE_10K:
		out = join3("", num, " per 10,000");
		break;
	case PP_UNIT_RATE_100K:
		out = join3("", num, " per 100,000");
		break;
	case PP_UNIT_NUMBER:
	case PP_UNIT_COUNT:
	case PP_UNIT_DAYS:
	case PP_UNIT_RATIO:
	default:
		out = pp_xstrdup(num);
		break;
	}
	free(big);
	return out;
}

const char *pp_unit_word(enum pp_unit u)
{
	switch (u) {
	case PP_UNIT_NUMBER:
		return "Number";
	case PP_UNIT_COUNT:
		return "Count";
	case PP_UNIT_PERCENT:
		return "Percent";
	case PP_UNIT_MONEY:
		return "Pounds (\xc2\xa3)";
	case PP_UNIT_DAYS:
		return "Days";
	case PP_UNIT_RATIO:
		return "Ratio";
	case PP_UNIT_RATE_1K:
		return "Rate per 1,000";
	case PP_UNIT_RATE_10K:
		return "Rate per 10,000";
	case PP_UNIT_RATE_100K:
		return "Rate per 100,000";
	}
	return "";
}

/* The arrow shows which way the figure went; the word says whether that
 * is good (a falling sickness rate: "\u2193 Better"). */
const char *pp_trend_arrow(enum pp_trend t, int move)
{
	if (t == PP_TREND_NONE)
		return "";
	return move > 0 ? "\xe2\x86\x91" : move < 0 ? "\xe2\x86\x93" : "\xe2\x86\x92";
}

const char *pp_ind_status_label(const struct pp_ind_period *r)
{
	if (!r)
		return "";
	return r->status ? r->status->label : pp_rag_word(r->rag);
}

const char *pp_ind_no_status_text(const struct pp_indicator *ind, const struct pp_ind_period *r)
{
	if (r && r->missing != PP_MISSING_NONE) {
		if (r->reason && *r->reason)
			return r->reason;
		return r->missing == PP_MISSING_NOT_DUE ? "Not yet due" : "Not available";
	}
	if (r && r->has_value && r->no_target)
		return r->no_target;
	(void)ind;
	return "Not available";
}

int pp_ind_judged_figure(const struct pp_indicator *ind, const struct pp_ind_period *r,
			 double *v)
{
	if (!r || !r->has_value)
		return 0;
	if (ind->status_on == PP_STATUS_ON_YTD) {
		if (!r->has_ytd)
			return 0;
		*v = r->ytd;
	} else {
		*v = r->value;
	}
	return 1;
}

/* ---------- periods ------------------------------------------------------ */

int pp_period_fy(const struct pp_period *p)
{
	if (p->quarter)
		return p->fy_year;
	return p->start.month >= 4 ? p->start.year : p->start.year - 1;
}

static int date_cmp(const struct pp_date *a, const struct pp_date *b)
{
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->month != b->month)
		return a->month < b->month ? -1 : 1;
	return a->day < b->day ? -1 : a->day > b->day;
}

/* Quarters compare with quarters, spans with spans. */
static int same_kind(const struct pp_period *a, const struct pp_period *b)
{
	return (a->quarter != 0) == (b->quarter != 0);
}

/* For sorting indexes into doc->periods. */
static const struct pp_period *sort_periods;

/* Quarters first (by year and quarter), then spans by start, end. */
static int by_start(const void *x, const void *y)
{
	const struct pp_period *a = &sort_periods[*(const size_t *)x],
	                       *b = &sort_periods[*(const size_t *)y];
	if ((a->quarter != 0) != (b->quarter != 0))
		return a->quarter ? -1 : 1;
	int c = a->quarter ? (a->fy_year * 4 + a->quarter > b->fy_year * 4 + b->quarter) -
	                         (a->fy_year * 4 + a->quarter < b->fy_year * 4 + b->quarter)
	                   : date_cmp(&a->start, &b->start);
	if (!c && !a->quarter)
		c = date_cmp(&a->end, &b->end);
	if (c)
		return c;
	return (*(const size_t *)x > *(const size_t *)y) -
	       (*(const size_t *)x < *(const size_t *)y);
}

/* Spans by end date. */
static int by_end(const void *x, const void *y)
{
	const struct pp_period *a = &sort_periods[*(const size_t *)x],
	                       *b = &sort_periods[*(const size_t *)y];
	int c = date_cmp(&a->end, &b->end);
	return c ? c
	         : (*(const size_t *)x > *(const size_t *)y) -
	               (*(const size_t *)x < *(const size_t *)y);
}

static long quarter_key(const struct pp_period *p)
{
	return (long)p->fy_year * 4 + p->quarter - 1;
}

/* The first quarter in q[0..n) (sorted) whose key is `key`, or NULL. */
static const struct pp_period *find_quarter(const struct pp_doc *doc, const size_t *q, size_t n,
                                            long key)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (quarter_key(&doc->periods[q[mid]]) < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && quarter_key(&doc->periods[q[lo]]) == key ? &doc->periods[q[lo]] : NULL;
}

/* The first span in s[0..n) (sorted by start, end) starting on `start`
 * and ending on `end`, or NULL. */
static const struct pp_period *find_span(const struct pp_doc *doc, const size_t *s, size_t n,
                                         const struct pp_date *start, const struct pp_date *end)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct pp_period *m = &doc->periods[s[mid]];
		int c = date_cmp(&m->start, start);
		if (c < 0 || (c == 0 && date_cmp(&m->end, end) < 0))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < n) {
		const struct pp_period *m = &doc->periods[s[lo]];
		if (!date_cmp(&m->start, start) && !date_cmp(&m->end, end))
			return m;
	}
	return NULL;
}

void pp_periods_link(struct pp_doc *doc)
{
	size_t n = doc->n_periods;
	free(doc->period_order);
	doc->period_order = pp_xcalloc(n ? n : 1, sizeof *doc->period_order);
	size_t *order = doc->period_order;
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	sort_periods = doc->periods;
	qsort(order, n, sizeof *order, by_start);
	size_t n_q = 0;
	while (n_q < n && doc->periods[order[n_q]].quarter)
		n_q++;
	const size_t *spans = order + n_q;
	size_t n_s = n - n_q;
	size_t *ends = pp_xcalloc(n_s ? n_s : 1, sizeof *ends);
	memcpy(ends, spans, n_s * sizeof *ends);
	qsort(ends, n_s, sizeof *ends, by_end);
	for (size_t i = 0; i < n; i++) {
		struct pp_period *p = &doc->periods[order[i]];
		if (p->quarter) {
			p->prev = find_quarter(doc, order, n_q, quarter_key(p) - 1);
			p->year_before = find_quarter(doc, order, n_q, quarter_key(p) - 4);
			continue;
		}
		/* the span ending last before p starts: the last of `ends` before it */
		size_t lo = 0, hi = n_s;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (date_cmp(&doc->periods[ends[mid]].end, &p->start) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		p->prev = lo ? &doc->periods[ends[lo - 1]] : NULL;
		struct pp_date s0 = p->start, e0 = p->end;
		s0.year--;
		e0.year--;
		p->year_before = find_span(doc, spans, n_s, &s0, &e0);
	}
	free(ends);
	sort_periods = NULL;
}

static size_t period_index(const struct pp_doc *doc, const struct pp_period *p)
{
	if (!p || p < doc->periods || p >= doc->periods + doc->n_periods)
		return (size_t)-1;
	return (size_t)(p - doc->periods);
}

const struct pp_ind_period *pp_indicator_at(const struct pp_doc *doc,
                                            const struct pp_indicator *ind,
                                            const struct pp_period *period)
{
	size_t i = period_index(doc, period);
	if (i == (size_t)-1 || i >= ind->n_at)
		return NULL;
	return &ind->at[i];
}

/* `a` and `b` are one word, ignoring ASCII case. */
static int same_word(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
	return *a == *b;
}

int pp_indicator_annual(const struct pp_indicator *ind)
{
	static const char *const words[] = {"annual", "annually", "yearly"};
	for (size_t i = 0; ind->frequency && i < sizeof words / sizeof words[0]; i++)
		if (same_word(ind->frequency, words[i]))
			return 1;
	size_t spans = 0;
	for (size_t k = 0; k < ind->n_actuals; k++) {
		const struct pp_period *p = ind->actuals[k].period;
		if (!p || p->quarter)
			return 0;
		spans++;
	}
	return spans > 0;
}

/* Is `r` a better outturn of its financial year than `best` (NULL: none
 * yet)? A figure first, then a span, then the later end; a quarter with no
 * figure is never one. Of two alike, the one declared first. */
static int outturn_beats(const struct pp_ind_period *r, const struct pp_ind_period *best)
{
	const struct pp_period *q = r->period;
	if (!r->has_value && q->quarter)
		return 0;
	if (!best)
		return 1;
	int c = r->has_value - best->has_value;
	if (!c)
		c = (q->quarter == 0) - (best->period->quarter == 0);
	if (!c)
		c = date_cmp(&q->end, &best->period->end);
	return c > 0 || (c == 0 && q < best->period);
}

const struct pp_ind_period *pp_indicator_last_year(const struct pp_doc *doc,
                                                   const struct pp_indicator *ind,
                                                   const struct pp_period *period)
{
	if (!period)
		return NULL;
	if (period->quarter && !pp_indicator_annual(ind))
		return pp_indicator_at(doc, ind, period->year_before);
	int fy = pp_period_fy(period) - 1;
	const struct pp_ind_period *best = NULL;
	for (size_t i = 0; i < ind->n_at && i < doc->n_periods; i++) {
		const struct pp_ind_period *r = &ind->at[i];
		if (pp_period_fy(r->period) == fy && outturn_beats(r, best))
			best = r;
	}
	return best;
}

/* ---------- judging ------------------------------------------------------- */

/* Equal to within rounding noise: "62.5" and 62.5 computed are one figure. */
static int near_equal(double a, double b)
{
	double m = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
	return fabs(a - b) <= 1e-9 * (m > 1 ? m : 1);
}

static int at_least(double a, double b)
{
	return a > b || near_equal(a, b);
}

/* How far a figure may miss `edge` and still be near: the tolerance in
 * the unit, or tolerance-percent of the target (of the band's edge). */
static double tolerance_at(const struct pp_ind_target *t, double edge)
{
	if (t->tolerance > 0)
		return t->tolerance;
	if (t->tolerance_pct > 0)
		return fabs(edge) * t->tolerance_pct / 100;
	return 0;
}

enum pp_meets pp_indicator_judge(const struct pp_indicator *ind, const struct pp_ind_target *t,
                                 double v)
{
	if (!t)
		return PP_MEETS_NONE;
	switch (ind->polarity) {
	case PP_POLARITY_HIGHER: {
		double tol = tolerance_at(t, t->value);
		if (t->has_stretch && at_least(v, t->stretch))
			return PP_MEETS_EXCEEDED;
		if (at_least(v, t->value))
			return PP_MEETS_MET;
		return tol > 0 && at_least(v, t->value - tol) ? PP_MEETS_NEAR : PP_MEETS_MISSED;
	}
	case PP_POLARITY_LOWER: {
		double tol = tolerance_at(t, t->value);
		if (t->has_stretch && at_least(t->stretch, v))
			return PP_MEETS_EXCEEDED;
		if (at_least(t->value, v))
			return PP_MEETS_MET;
		return tol > 0 && at_least(t->value + tol, v) ? PP_MEETS_NEAR : PP_MEETS_MISSED;
	}
	case PP_POLARITY_BAND: {
		double lo = tolerance_at(t, t->low), hi = tolerance_at(t, t->high);
		if (at_least(v, t->low) && at_least(t->high, v))
			return PP_MEETS_MET;
		return (lo > 0 || hi > 0) && at_least(v, t->low - lo) && at_least(t->high + hi, v)
		           ? PP_MEETS_NEAR
		           : PP_MEETS_MISSED;
	}
	}
	return PP_MEETS_NONE;
}

static const char *const means_words[] = {
    [PP_MEETS_MET] = "met",           [PP_MEETS_NEAR] = "near",
    [PP_MEETS_MISSED] = "missed",     [PP_MEETS_EXCEEDED] = "exceeded",
    [PP_MEETS_NO_DATA] = "no-data",   [PP_MEETS_MISSED_IMPROVING] = "missed-improving",
};

int pp_means_word_known(const char *w, size_t len)
{
	for (size_t m = 1; m < sizeof means_words / sizeof means_words[0]; m++)
		if (strlen(means_words[m]) == len && strncmp(means_words[m], w, len) == 0)
			return 1;
	return 0;
}

/* `list` (space-separated words) holds `word`. */
static int names_word(const char *list, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = list; *p;) {
		while (*p == ' ')
			p++;
		size_t l = strcspn(p, " ");
		if (l == n && strncmp(p, word, n) == 0)
			return 1;
		p += l;
	}
	return 0;
}

const struct pp_status *pp_scale_means(const struct pp_scale *sc, enum pp_meets m)
{
	if (!sc || m == PP_MEETS_NONE)
		return NULL;
	for (size_t i = 0; i < sc->n_values; i++)
		if (sc->values[i].means_text && names_word(sc->values[i].means_text, means_words[m]))
			return &sc->values[i];
	return NULL;
}

/* The figure rounded as printed: two figures that print alike have not moved. */
static double as_printed(const struct pp_indicator *ind, double v)
{
	/* check keeps decimals to 0-6; the same exact powers pow() gives */
	static const double powers[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
	int d = ind->decimals;
	double scale = d >= 0 && d <= 6 ? powers[d] : pow(10, d);
	return round(v * scale) / scale;
}

/* How far `v` lies outside band `t` (0 inside). */
static double band_distance(const struct pp_ind_target *t, double v)
{
	if (v < t->low)
		return t->low - v;
	if (v > t->high)
		return v - t->high;
	return 0;
}

static enum pp_trend trend_of(const struct pp_indicator *ind, const struct pp_ind_period *now,
                              const struct pp_ind_period *then, int *move)
{
	*move = 0;
	if (!then || !now->has_value || !then->has_value)
		return PP_TREND_NONE;
	double a = as_printed(ind, now->value), b = as_printed(ind, then->value);
	/* A council's "no change" band: a move within it is no move at all
	 * ("within 1 point or 2%": the wider of the two). */
	double band = ind->no_change;
	if (ind->no_change_pct > 0 && fabs(b) * ind->no_change_pct / 100 > band)
		band = fabs(b) * ind->no_change_pct / 100;
	*move = near_equal(a, b) || (band > 0 && at_least(band, fabs(a - b))) ? 0 : a > b ? 1 : -1;
	if (*move == 0)
		return PP_TREND_SAME;
	switch (ind->polarity) {
	case PP_POLARITY_HIGHER:
		return *move == 0  ? PP_TREND_SAME
		       : *move > 0 ? PP_TREND_BETTER
		                   : PP_TREND_WORSE;
	case PP_POLARITY_LOWER:
		return *move == 0  ? PP_TREND_SAME
		       : *move < 0 ? PP_TREND_BETTER
		                   : PP_TREND_WORSE;
	case PP_POLARITY_BAND: {
		const struct pp_ind_target *t = now->target ? now->target : then->target;
		if (!t)
			return PP_TREND_NONE;
		double da = band_distance(t, a), db = band_distance(t, b);
		if (near_equal(da, db))
			return PP_TREND_SAME;
		return da < db ? PP_TREND_BETTER : PP_TREND_WORSE;
	}
	}
	return PP_TREND_NONE;
}

/* ---------- working it out ------------------------------------------------ */

/*
 * The status of one period: an override, else the figure judged against
 * its target. The figure is the period's own, or its year to date under
 * status-on="ytd" (a cumulative measure against its profile). A figure
 * beyond a stretch target is "exceeded" where the scale has such a value,
 * else met; an actual that says missing="not-available" takes a scale's
 * means="no-data" value (Grey) when it has one, else stays unrated.
 */
static void set_status(const struct pp_indicator *ind, struct pp_ind_period *r)
{
	static const enum pp_rag rag_of[] = {[PP_MEETS_NONE] = PP_RAG_NONE,
	                                     [PP_MEETS_MET] = PP_RAG_GREEN,
	                                     [PP_MEETS_NEAR] = PP_RAG_AMBER,
	                                     [PP_MEETS_MISSED] = PP_RAG_RED,
	                                     [PP_MEETS_EXCEEDED] = PP_RAG_GREEN,
	                                     [PP_MEETS_NO_DATA] = PP_RAG_NONE,
	                                     [PP_MEETS_MISSED_IMPROVING] = PP_RAG_RED};
	double v = 0;
	int judged = pp_ind_judged_figure(ind, r, &v);
	r->meets = judged ? pp_indicator_judge(ind, r->target, v) : PP_MEETS_NONE;
	if (r->meets == PP_MEETS_EXCEEDED && !pp_scale_means(ind->scale, PP_MEETS_EXCEEDED))
		r->meets = PP_MEETS_MET;
	if (!r->has_value && r->missing == PP_MISSING_NOT_AVAILABLE &&
	    pp_scale_means(ind->scale, PP_MEETS_NO_DATA))
		r->meets = PP_MEETS_NO_DATA;
	r->rag = PP_RAG_NONE;
	r->status = NULL;
	if (r->override) {
		r->rag = r->override->rag;
		r->status = r->override->status;
	} else if (ind->scale) {
		r->status = pp_scale_means(ind->scale, r->meets);
	} else {
		r->rag = rag_of[r->meets];
	}
}

/* The share of a cumulative target that falls due by the end of `p`:
 * quarter n of the year n/4, a span to the end of month m of the year
 * (April first) m/12. */
static double cumulative_share(const struct pp_period *p)
{
	if (p->quarter)
		return p->quarter / 4.0;
	return ((p->end.month + 8) % 12 + 1) / 12.0;
}

/* Year to date: over the periods of one kind and financial year, in order
 * of start, the figures so far by the indicator's rule; one pass. */
static void set_ytd(const struct pp_doc *doc, struct pp_indicator *ind)
{
	double sum = 0, latest = 0;
	size_t n = 0;
	const struct pp_period *group = NULL;
	for (size_t k = 0; k < doc->n_periods; k++) {
		struct pp_ind_period *r = &ind->at[doc->period_order[k]];
		const struct pp_period *p = r->period;
		if (!group || !same_kind(group, p) || pp_period_fy(group) != pp_period_fy(p)) {
			group = p;
			sum = latest = 0;
			n = 0;
		}
		if (r->has_value) {
			sum += r->value;
			latest = r->value;
			n++;
		}
		r->has_ytd = ind->ytd != PP_YTD_NONE && n > 0;
		switch (ind->ytd) {
		case PP_YTD_NONE:
			break;
		case PP_YTD_SUM:
			r->ytd = sum;
			break;
		case PP_YTD_MEAN:
			r->ytd = n ? sum / (double)n : 0;
			break;
		case PP_YTD_LATEST:
			r->ytd = latest;
			break;
		}
	}
}

/* @frequency says "monthly" (any case). */
static int is_monthly(const struct pp_indicator *ind)
{
	return ind->frequency && same_word(ind->frequency, "monthly");
}

/*
 * A quarterly report of a monthly indicator shows the quarter as it stood
 * at its latest month with a figure ("as at September"): a quarter with
 * nothing written takes that month's figure and year to date, so its
 * status, trends and history follow. Months are spans inside the quarter.
 */
static void quarters_from_months(const struct pp_doc *doc, struct pp_indicator *ind)
{
	if (!doc->period_order)
		return;
	size_t n_q = 0;
	while (n_q < doc->n_periods && doc->periods[doc->period_order[n_q]].quarter)
		n_q++;
	/* Each month with a figure, to the quarter it starts in (one binary
	 * search), kept when it ends in that quarter and latest so far. */
	for (size_t k = n_q; k < doc->n_periods; k++) {
		const struct pp_ind_period *m = &ind->at[doc->period_order[k]];
		const struct pp_period *mp = m->period;
		if (!m->has_value)
			continue;
		int fy = mp->start.month >= 4 ? mp->start.year : mp->start.year - 1;
		long key = (long)fy * 4 + (mp->start.month + 8) % 12 / 3;
		const struct pp_period *qp = find_quarter(doc, doc->period_order, n_q, key);
		if (!qp || date_cmp(&mp->end, &qp->end) > 0)
			continue;
		struct pp_ind_period *q = &ind->at[period_index(doc, qp)];
		if ((q->has_value && !q->as_at) || q->missing != PP_MISSING_NONE)
			continue; /* the quarter's own figure, or why it has none */
		if (q->as_at && date_cmp(&mp->end, &q->as_at->end) <= 0)
			continue;
		q->has_value = 1;
		q->value = m->value;
		q->has_ytd = m->has_ytd;
		q->ytd = m->ytd;
		q->as_at = mp;
	}
}

/*
 * last[i]: what pp_indicator_last_year names for period i, for every
 * period in one pass over doc->period_order (quarters by year, then spans
 * by start: two runs each in financial-year order) instead of a scan of
 * the plan per period. Each year's outturn is found once and serves the
 * periods of the year after.
 */
static void set_last_years(const struct pp_doc *doc, const struct pp_indicator *ind,
                           const struct pp_ind_period **last)
{
	const size_t *order = doc->period_order;
	size_t n = doc->n_periods;
	if (!order) { /* periods not linked (pp_periods_link): one at a time */
		for (size_t i = 0; i < n; i++)
			last[i] = pp_indicator_last_year(doc, ind, &doc->periods[i]);
		return;
	}
	int annual = pp_indicator_annual(ind);
	size_t n_q = 0;
	while (n_q < n && doc->periods[order[n_q]].quarter)
		n_q++;
	size_t qi = 0, si = n_q;                    /* the next quarter, the next span */
	const struct pp_ind_period *outturn = NULL; /* of year fy - 1, if any */
	int have = 0, outturn_fy = 0;
	while (qi < n_q || si < n) {
		int fy_q = qi < n_q ? pp_period_fy(&doc->periods[order[qi]]) : 0;
		int fy_s = si < n ? pp_period_fy(&doc->periods[order[si]]) : 0;
		int fy = qi >= n_q ? fy_s : si >= n ? fy_q : fy_q < fy_s ? fy_q : fy_s;
		size_t q_end = qi, s_end = si;
		const struct pp_ind_period *best = NULL;
		for (; q_end < n_q && pp_period_fy(&doc->periods[order[q_end]]) == fy; q_end++)
			if (outturn_beats(&ind->at[order[q_end]], best))
				best = &ind->at[order[q_end]];
		for (; s_end < n && pp_period_fy(&doc->periods[order[s_end]]) == fy; s_end++)
			if (outturn_beats(&ind->at[order[s_end]], best))
				best = &ind->at[order[s_end]];
		const struct pp_ind_period *before =
		    have && outturn_fy == fy - 1 ? outturn : NULL;
		for (int run = 0; run < 2; run++)
			for (size_t k = run ? si : qi; k < (run ? s_end : q_end); k++) {
				const struct pp_period *p = &doc->periods[order[k]];
				last[order[k]] = p->quarter && !annual
				                     ? pp_indicator_at(doc, ind, p->year_before)
				                     : before;
			}
		outturn = best;
		outturn_fy = fy;
		have = 1;
		qi = q_end;
		si = s_end;
	}
}

void pp_indicator_compute(struct pp_doc *doc, struct pp_indicator *ind)
{
	free(ind->at);
	ind->n_at = doc->n_periods;
	ind->at = pp_xcalloc(doc->n_periods ? doc->n_periods : 1, sizeof *ind->at);
	for (size_t i = 0; i < doc->n_periods; i++) {
		struct pp_ind_period *r = &ind->at[i];
		r->period = &doc->periods[i];
	}
	/* The first of each kind wins: check reports any second one. */
	for (size_t k = 0; k < ind->n_actuals; k++) {
		const struct pp_ind_actual *a = &ind->actuals[k];
		size_t i = period_index(doc, a->period);
		if (i == (size_t)-1)
			continue;
		struct pp_ind_period *r = &ind->at[i];
		if (r->has_value || r->missing != PP_MISSING_NONE)
			continue;
		if (a->missing != PP_MISSING_NONE) {
			r->missing = a->missing;
			r->reason = a->reason;
		} else {
			r->has_value = 1;
			r->value = a->value;
		}
	}
	for (size_t k = 0; k < ind->n_notes; k++) {
		size_t i = period_index(doc, ind->notes[k].period);
		if (i != (size_t)-1 && !ind->at[i].commentary)
			ind->at[i].commentary = &ind->notes[k];
	}
	for (size_t k = 0; k < ind->n_targets; k++) {
		size_t i = period_index(doc, ind->targets[k].period);
		if (i != (size_t)-1 && !ind->at[i].target)
			ind->at[i].target = &ind->targets[k];
	}
	/* An annual target applies to each period of its year without its own. */
	for (size_t k = 0; k < ind->n_targets; k++) {
		const struct pp_ind_target *t = &ind->targets[k];
		if (t->period_id || !t->year_text)
			continue;
		for (size_t i = 0; i < doc->n_periods; i++)
			if (!ind->at[i].target && pp_period_fy(&doc->periods[i]) == t->fy_year)
				ind->at[i].target = t;
	}
	for (size_t k = 0; k < ind->n_overrides; k++) {
		size_t i = period_index(doc, ind->overrides[k].period);
		if (i != (size_t)-1 && !ind->at[i].override)
			ind->at[i].override = &ind->overrides[k];
	}
	/* No target by design: the period prints why, and is never judged.
	 * A cumulative target becomes this period's share of it. */
	free(ind->profiled);
	ind->profiled = NULL;
	ind->n_profiled = 0;
	for (size_t i = 0; i < doc->n_periods; i++)
		ind->n_profiled += ind->at[i].target && ind->at[i].target->cumulative;
	if (ind->n_profiled)
		ind->profiled = pp_xcalloc(ind->n_profiled, sizeof *ind->profiled);
	for (size_t i = 0, k = 0; i < doc->n_periods; i++) {
		struct pp_ind_period *r = &ind->at[i];
		if (ind->no_targets && !r->target)
			r->no_target = "No target";
		if (r->target && r->target->none) {
			r->no_target = r->target->none;
			r->target = NULL;
		}
		if (r->target && r->target->cumulative) {
			struct pp_ind_target *t = &ind->profiled[k++];
			double share = cumulative_share(r->period);
			*t = *r->target;
			t->value *= share;
			t->low *= share;
			t->high *= share;
			t->stretch *= share;
			r->target = t;
		}
	}
	if (doc->period_order)
		set_ytd(doc, ind);
	if (is_monthly(ind))
		quarters_from_months(doc, ind);
	for (size_t i = 0; i < doc->n_periods; i++)
		set_status(ind, &ind->at[i]);
	/* Year on year: against the figure the "last year" column prints, so
	 * arrow and figure agree: the same quarter a year before, but for an
	 * annual indicator (or a span) last year's outturn, wherever in that
	 * year it was reported. */
	const struct pp_ind_period **last =
	    pp_xcalloc(doc->n_periods ? doc->n_periods : 1, sizeof *last);
	set_last_years(doc, ind, last);
	for (size_t i = 0; i < doc->n_periods; i++) {
		struct pp_ind_period *r = &ind->at[i];
		size_t p = period_index(doc, r->period->prev);
		r->trend_prev =
		    trend_of(ind, r, p == (size_t)-1 ? NULL : &ind->at[p], &r->move_prev);
		r->trend_year = trend_of(ind, r, last[i], &r->move_year);
	}
	free(last);
	/* "Amber: off target but improved or maintained on the same quarter
	 * last year" (red when it has not): a scale may tell the two apart,
	 * once the trends are known. */
	const struct pp_status *improving = pp_scale_means(ind->scale, PP_MEETS_MISSED_IMPROVING);
	for (size_t i = 0; improving && i < doc->n_periods; i++) {
		struct pp_ind_period *r = &ind->at[i];
		if (r->meets == PP_MEETS_MISSED &&
		    (r->trend_year == PP_TREND_BETTER || r->trend_year == PP_TREND_SAME)) {
			r->meets = PP_MEETS_MISSED_IMPROVING;
			if (!r->override)
				r->status = improving;
		}
	}
}

/* ---------- indicator-table columns ------------------------------------- */

static const char *const ind_fields[] = {
    [PP_IND_REF] = "ref",
    [PP_IND_TITLE] = "title",
    [PP_IND_DESCRIPTION] = "description",
    [PP_IND_UNIT] = "unit",
    [PP_IND_FREQUENCY] = "frequency",
    [PP_IND_BASELINE] = "baseline",
    [PP_IND_LAST_YEAR] = "last-year",
    [PP_IND_TARGET] = "target",
    [PP_IND_PREVIOUS] = "previous",
    [PP_IND_VALUE] = "value",
    [PP_IND_YTD] = "ytd",
    [PP_IND_STATUS] = "status",
    [PP_IND_PREVIOUS_STATUS] = "previous-status",
    [PP_IND_TREND] = "trend",
    [PP_IND_TREND_YEAR] = "trend-year",
    [PP_IND_OWNER] = "owner",
    [PP_IND_COMMENTARY] = "commentary",
    [PP_IND_COMPARATOR] = "comparator",
    [PP_IND_SPARKLINE] = "sparkline",
    [PP_IND_STATUS_HISTORY] = "status-history",
    [PP_IND_THEME] = "theme",
    [PP_IND_PRIORITY] = "priority",
    [PP_IND_POLARITY] = "polarity",
    [PP_IND_CUSTOM] = NULL,
};

const char *pp_ind_field_name(enum pp_ind_field f)
{
	if ((unsigned)f >= sizeof ind_fields / sizeof ind_fields[0] || !ind_fields[f])
		return "";
	return ind_fields[f];
}

int pp_ind_field_from_string(const char *s, enum pp_ind_field *out)
{
	if (!s)
		return -1;
	if (strcmp(s, "reference") == 0) {
		*out = PP_IND_REF;
		return 0;
	}
	for (size_t i = 0; i < sizeof ind_fields / sizeof ind_fields[0]; i++)
		if (ind_fields[i] && strcmp(s, ind_fields[i]) == 0) {
			*out = (enum pp_ind_field)i;
			return 0;
		}
	return -1;
}
