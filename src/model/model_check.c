/* SPDX-License-Identifier: MIT */
/*
 * model_check.c - the check stage: give the parsed model its meaning.
 *
 * Parse copied values as written; here they are judged and resolved:
 * ids are unique per kind, every reference names something that exists,
 * ratings, dates, quarters, fields and widths are well formed, and the
 * derived values are filled in (quarter labels and dates, leaf indexes,
 * back-pointers). Every error that can still be found is reported, in
 * document order, then the caller stops before layout. After a clean
 * check the model is read-only.
 */
#include "planpress/model.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "planpress/filter.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ---------- ids ---------------------------------------------------------- */

/* Ids live in one namespace per kind: a theme and a priority may share one. */
enum id_kind {
	ID_PERIOD,
	ID_FRAMEWORK, /* groups and items together: both are framework names */
	ID_THEME,
	ID_PRIORITY,
	ID_ACTION,
	ID_DOCUMENT,
	ID_SECTION,
	ID_OUTPUT, /* document output names */
	ID_SCALE,
	ID_FIELD,
	ID_STATUS, /* "scale\x1fwords": a status by its id or label (same_words form) */
	ID_XREF,   /* what a <ref> can name: sections, paragraphs, list items */
	ID_INDICATOR,
};

struct id_slot {
	const char *id; /* NULL: empty slot */
	enum id_kind kind;
	int is_group; /* ID_FRAMEWORK: a group, not an item */
	const void *ptr;
	struct pp_loc loc;
};

struct id_map {
	struct id_slot *slots;
	size_t cap, n;
};

static uint64_t hash_id(enum id_kind kind, const char *s)
{
	uint64_t h = 1469598103934665603ull ^ (uint64_t)kind;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static struct id_slot *find_slot(struct id_map *m, enum id_kind kind, const char *id)
{
	size_t mask = m->cap - 1;
	for (size_t i = (size_t)hash_id(kind, id) & mask;; i = (i + 1) & mask) {
		struct id_slot *s = &m->slots[i];
		if (!s->id || (s->kind == kind && strcmp(s->id, id) == 0))
			return s;
	}
}

static void grow_map(struct id_map *m)
{
	struct id_map bigger = {pp_xcalloc(m->cap ? m->cap * 2 : 64, sizeof(struct id_slot)),
				m->cap ? m->cap * 2 : 64, m->n};
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].id)
			*find_slot(&bigger, m->slots[i].kind, m->slots[i].id) = m->slots[i];
	free(m->slots);
	*m = bigger;
}

static const struct id_slot *lookup(struct id_map *m, enum id_kind kind, const char *id)
{
	if (!id || !m->cap)
		return NULL;
	const struct id_slot *s = find_slot(m, kind, id);
	return s->id ? s : NULL;
}

struct ind_at {
	const struct pp_indicator *ind;
	const struct pp_period *period;
	size_t order; /* the chart's place among charts (warn_missing_charted) */
};

struct checker {
	struct pp_doc *doc;
	struct pp_diags *diags;
	struct id_map ids;
	char **keys; /* ID_STATUS keys, owned: the map points at them */
	size_t n_keys, cap_keys;
	/* check_values: per declared field, the call that last saw it and
	 * where, so a field given twice is found in one pass */
	size_t *seen_call, *seen_at;
	size_t call;
	size_t cap_xrefs; /* of doc->xrefs */
	const struct pp_document *document; /* being numbered or resolved, or NULL */
	int ind_room; /* the indicator-periods fit PP_IND_PERIODS_MAX: work them out */
	/* (indicator, period) pairs a table or summary already warned has no
	 * figure (warn_no_actual), so a chart of one does not say it again */
	struct ind_at *no_actual;
	size_t n_no_actual, cap_no_actual;
};

/* Register an id; a second definition is an error with a note at the first. */
static void define_id(struct checker *c, enum id_kind kind, const char *id, const void *ptr,
		      int is_group, const struct pp_loc *loc, enum pp_msg dup_msg)
{
	if (!id)
		return;
	if (2 * (c->ids.n + 1) > c->ids.cap)
		grow_map(&c->ids);
	struct id_slot *s = find_slot(&c->ids, kind, id);
	if (s->id) {
		pp_diagf(c->diags, dup_msg, loc, id);
		pp_diagf(c->diags, PP_MSG_DUP_ID_PREV, &s->loc, id);
		return;
	}
	*s = (struct id_slot){id, kind, is_group, ptr, *loc};
	c->ids.n++;
}

/* ---------- values ------------------------------------------------------- */

static int is_blank(const char *s)
{
	if (!s)
		return 1;
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

static int inline_blank(const struct pp_inline *in)
{
	for (size_t i = 0; i < in->n_spans; i++)
		if (!(in->spans[i].flags & PP_SPAN_BREAK) && !is_blank(in->spans[i].text))
			return 0;
	return 1;
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* Exactly YYYY-MM-DD naming a real day. */
static int parse_date(const char *s, struct pp_date *out)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return -1;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	*out = (struct pp_date){y, m, d};
	return 0;
}

static int date_cmp(const struct pp_date *a, const struct pp_date *b)
{
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->month != b->month)
		return a->month < b->month ? -1 : 1;
	return (a->day > b->day) - (a->day < b->day);
}

/* A whole decimal number within [lo, hi], nothing else. */
static int parse_int_in(const char *s, int lo, int hi, int *out)
{
	if (!s || !*s || strlen(s) > 9)
		return -1;
	for (const char *p = s; *p; p++)
		if (!isdigit((unsigned char)*p))
			return -1;
	int v = atoi(s);
	if (v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

/* "12%", "30mm", "40pt", "2*", "*", "auto"; NULL is auto. */
static int parse_width(const char *s, struct pp_width *w)
{
	if (!s || strcmp(s, "auto") == 0) {
		*w = (struct pp_width){PP_WIDTH_AUTO, 0};
		return 0;
	}
	if (strcmp(s, "*") == 0) {
		*w = (struct pp_width){PP_WIDTH_SHARE, 1};
		return 0;
	}
	const char *p = s;
	double v = 0, scale = 0.1;
	int digits = 0;
	for (; isdigit((unsigned char)*p); p++, digits++)
		v = v * 10 + (*p - '0');
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p); p++, digits++, scale /= 10)
			v += (*p - '0') * scale;
	if (!digits || v <= 0 || digits > 12)
		return -1;
	if (strcmp(p, "%") == 0 && v <= 100)
		*w = (struct pp_width){PP_WIDTH_PERCENT, v};
	else if (strcmp(p, "mm") == 0)
		*w = (struct pp_width){PP_WIDTH_POINTS, v * 72.0 / 25.4};
	else if (strcmp(p, "pt") == 0)
		*w = (struct pp_width){PP_WIDTH_POINTS, v};
	else if (strcmp(p, "*") == 0)
		*w = (struct pp_width){PP_WIDTH_SHARE, v};
	else
		return -1;
	return 0;
}

static const struct pp_period *resolve_period(struct checker *c, const char *id,
					      const struct pp_loc *loc)
{
	if (!id)
		return NULL;
	const struct id_slot *s = lookup(&c->ids, ID_PERIOD, id);
	if (!s) {
		pp_diagf(c->diags, PP_MSG_UNKNOWN_PERIOD, loc, id);
		return NULL;
	}
	return s->ptr;
}

static const struct pp_theme *resolve_theme(struct checker *c, const char *id,
					    const struct pp_loc *loc)
{
	const struct id_slot *s = lookup(&c->ids, ID_THEME, id);
	if (!s) {
		pp_diagf(c->diags, PP_MSG_UNKNOWN_THEME, loc, id);
		return NULL;
	}
	return s->ptr;
}

static void check_theme_list(struct checker *c, char **ids, size_t n, const struct pp_loc *loc)
{
	for (size_t i = 0; i < n; i++)
		resolve_theme(c, ids[i], loc);
}

static const struct pp_fw_group **resolve_groups(struct checker *c, char **ids, size_t n,
						 const struct pp_loc *loc)
{
	const struct pp_fw_group **groups = pp_xcalloc(n ? n : 1, sizeof *groups);
	for (size_t i = 0; i < n; i++) {
		const struct id_slot *s = lookup(&c->ids, ID_FRAMEWORK, ids[i]);
		if (!s || !s->is_group)
			pp_diagf(c->diags, PP_MSG_UNKNOWN_GROUP, loc, ids[i]);
		else
			groups[i] = s->ptr;
	}
	return groups;
}

/* ---------- blocks (charts) ---------------------------------------------- */

static void check_blocks(struct checker *c, struct pp_blocks *b);

static const struct pp_scale *resolve_scale(struct checker *c, const char *id,
					     const struct pp_loc *loc, int *ok);
static void check_status(struct checker *c, const struct pp_scale *sc, const char *text,
			 enum pp_rag *rag, const struct pp_status **out, const struct pp_loc *loc);

/*
 * A chart's data as its type can draw it: a pie or donut is one series of
 * shares, and shares (pie, donut, stacked bar) are never negative; a
 * target series is a line drawn across a line or bar chart; a point's
 * status is a value of the chart's scale.
 */
static void check_chart(struct checker *c, struct pp_block *blk)
{
	struct pp_chart *ch = &blk->u.chart;
	int ok = 1;
	ch->scale = resolve_scale(c, ch->scale_id, &blk->loc, &ok);
	const char *kind = pp_chart_kind_name(ch->kind);
	const char *title = ch->title ? ch->title : "";
	int shares = ch->kind == PP_CHART_PIE || ch->kind == PP_CHART_DONUT ||
		     ch->kind == PP_CHART_STACKED_BAR;
	if ((ch->kind == PP_CHART_PIE || ch->kind == PP_CHART_DONUT) && ch->n_series != 1) {
		char *why = pp_xasprintf("a %s chart shows one series of shares, not %zu "
					 "(draw one chart per series, or a stacked-bar chart)",
					 kind, ch->n_series);
		pp_diagf(c->diags, PP_MSG_CHART_DATA, &blk->loc, kind, title, why);
		free(why);
	}
	for (size_t s = 0; s < ch->n_series; s++) {
		struct pp_series *ser = &ch->series[s];
		if (!ser->name && !ser->target)
			pp_diagf(c->diags, PP_MSG_CHART_DATA, &blk->loc, kind, title,
				 "a series needs a name (only a target series may leave it out: "
				 "it is then \"Target\")");
		if (!ser->name)
			ser->name = pp_xstrdup("Target");
		if (ser->target && shares)
			pp_diagf(c->diags, PP_MSG_CHART_DATA, &blk->loc, kind, title,
				 "only a line or bar chart has a target series (target=\"yes\")");
		for (size_t p = 0; p < ser->n_points; p++) {
			struct pp_point *pt = &ser->points[p];
			if (shares && pt->y < 0) {
				char *why = pp_xasprintf("a share cannot be negative, but \"%s\" is %g "
							 "(give counts or amounts of 0 or more)",
							 pt->x ? pt->x : "", pt->y);
				pp_diagf(c->diags, PP_MSG_CHART_DATA, &pt->loc, kind, title, why);
				free(why);
			}
			enum pp_rag rag = PP_RAG_NONE;
			if (ok)
				check_status(c, ch->scale, pt->status_text, &rag, &pt->status, &pt->loc);
			pt->rag = (int)rag;
		}
	}
	if (ch->n_series == 0)
		return;
	const struct pp_series *first = &ch->series[0];
	for (size_t s = 1; s < ch->n_series; s++) {
		const struct pp_series *ser = &ch->series[s];
		int same = ser->n_points == first->n_points;
		for (size_t p = 0; same && p < ser->n_points; p++)
			same = strcmp(ser->points[p].x, first->points[p].x) == 0;
		if (!same)
			pp_diagf(c->diags, PP_MSG_CHART_SERIES, &blk->loc, ser->name, first->name);
	}
}

static void check_table(struct checker *c, struct pp_table *t);

static void check_blocks_in(struct checker *c, struct pp_blocks *b)
{
	for (size_t i = 0; i < b->n_items; i++) {
		struct pp_block *blk = &b->items[i];
		switch (blk->kind) {
		case PP_BLOCK_PARA:
		case PP_BLOCK_HEADING:
			break;
		case PP_BLOCK_TABLE:
			check_table(c, &blk->u.table);
			break;
		case PP_BLOCK_LIST:
			for (size_t k = 0; k < blk->u.list.n_items; k++)
				check_blocks_in(c, blk->u.list.items[k].body);
			break;
		case PP_BLOCK_CHART:
			check_chart(c, blk);
			break;
		}
	}
}

/* Characters of inline text, added to *n; 1 once past `limit`. */
static int inline_chars(const struct pp_inline *in, size_t *n, size_t limit)
{
	for (size_t i = 0; i < in->n_spans && *n <= limit; i++)
		for (const char *s = in->spans[i].text; s && *s && *n <= limit; s++)
			*n += ((unsigned char)*s & 0xC0) != 0x80;
	return *n > limit;
}

/* Characters of text in blocks (paragraphs, lists, tables; a chart's
 * texts are bounded by the parser), added to *n; 1 once past `limit`. */
static int blocks_chars(const struct pp_blocks *b, size_t *n, size_t limit)
{
	for (size_t i = 0; b && i < b->n_items && *n <= limit; i++) {
		const struct pp_block *blk = &b->items[i];
		switch (blk->kind) {
		case PP_BLOCK_PARA:
		case PP_BLOCK_HEADING:
			inline_chars(&blk->u.para, n, limit);
			break;
		case PP_BLOCK_LIST:
			for (size_t k = 0; k < blk->u.list.n_items && *n <= limit; k++)
				blocks_chars(blk->u.list.items[k].body, n, limit);
			break;
		case PP_BLOCK_TABLE:
			inline_chars(&blk->u.table.caption, n, limit);
			for (size_t r = 0; r < blk->u.table.n_rows && *n <= limit; r++)
				for (size_t k = 0; k < blk->u.table.rows[r].n_cells; k++)
					inline_chars(&blk->u.table.rows[r].cells[k].text, n, limit);
			break;
		case PP_BLOCK_CHART:
			break;
		}
	}
	return *n > limit;
}

/*
 * One run of blocks (a cell's commentary, a response, a section's text
 * between views) is measured and broken into lines as a whole, so its
 * time and memory grow with it: at most PP_BLOCKS_MAX_CHARS characters,
 * some 400 pages, reported at its first block.
 */
static void check_blocks(struct checker *c, struct pp_blocks *b)
{
	size_t n = 0;
	check_blocks_in(c, b);
	if (b->n_items && blocks_chars(b, &n, PP_BLOCKS_MAX_CHARS))
		pp_diagf(c->diags, PP_MSG_BLOCKS_TOO_LONG, &b->items[0].loc, PP_BLOCKS_MAX_CHARS);
}

/* ---------- plan parts --------------------------------------------------- */

static void check_facts(struct checker *c)
{
	struct pp_facts *f = &c->doc->facts;
	if (is_blank(f->organisation))
		pp_diagf(c->diags, PP_MSG_EMPTY_TEXT, &f->organisation_loc, "organisation");
	if (is_blank(f->title))
		pp_diagf(c->diags, PP_MSG_EMPTY_TEXT, &f->title_loc, "title");
	check_blocks(c, &f->vision);
	f->has_meeting_date = 0;
	if (f->meeting_date_text) {
		if (parse_date(f->meeting_date_text, &f->meeting_date) == 0)
			f->has_meeting_date = 1;
		else
			pp_diagf(c->diags, PP_MSG_BAD_DATE, &f->meeting_loc, f->meeting_date_text);
	}
}

/* Quarter q of the financial year starting 1 April fy: Q1 April-June ... Q4 January-March. */
static void fill_quarter(struct pp_period *p)
{
	static const int start_month[] = {4, 7, 10, 1};
	int y = p->quarter == 4 ? p->fy_year + 1 : p->fy_year;
	int m = start_month[p->quarter - 1];
	p->start = (struct pp_date){y, m, 1};
	p->end = (struct pp_date){y, m + 2, days_in_month(y, m + 2)};
	if (p->label && !is_blank(p->label))
		return; /* @label: the council's own words, "Quarter 2 2024/25" */
	free(p->label);
	p->label = pp_xasprintf("Quarter %d %02d/%02d", p->quarter, p->fy_year % 100,
				(p->fy_year + 1) % 100);
}

static void check_periods(struct checker *c)
{
	for (size_t i = 0; i < c->doc->n_periods; i++) {
		struct pp_period *p = &c->doc->periods[i];
		define_id(c, ID_PERIOD, p->id, p, 0, &p->loc, PP_MSG_DUP_ID);
		if (p->q_text || p->year_text) {
			int q, y;
			if (parse_int_in(p->q_text, 1, 4, &q) != 0 ||
			    parse_int_in(p->year_text, 1900, 2200, &y) != 0) {
				char *what = pp_xasprintf("year=\"%s\" q=\"%s\"",
							  p->year_text ? p->year_text : "",
							  p->q_text ? p->q_text : "");
				pp_diagf(c->diags, PP_MSG_BAD_QUARTER, &p->loc, what);
				free(what);
				continue;
			}
			p->quarter = q;
			p->fy_year = y;
			fill_quarter(p);
			continue;
		}
		if (is_blank(p->label))
			pp_diagf(c->diags, PP_MSG_EMPTY_TEXT, &p->loc, "span label=\"\"");
		int ok = 1;
		if (parse_date(p->start_text, &p->start) != 0) {
			pp_diagf(c->diags, PP_MSG_BAD_DATE, &p->loc, p->start_text ? p->start_text : "");
			ok = 0;
		}
		if (parse_date(p->end_text, &p->end) != 0) {
			pp_diagf(c->diags, PP_MSG_BAD_DATE, &p->loc, p->end_text ? p->end_text : "");
			ok = 0;
		}
		if (ok && date_cmp(&p->end, &p->start) < 0)
			pp_diagf(c->diags, PP_MSG_PERIOD_ORDER, &p->loc, p->id);
	}
}

/* ---------- status scales and custom fields ------------------------------ */

/* @means: one or more known words, space-separated ("met near"). */
static int means_known(const char *text)
{
	size_t n = 0;
	for (const char *p = text; *p;) {
		while (*p == ' ')
			p++;
		size_t l = strcspn(p, " ");
		if (l && !pp_means_word_known(p, l))
			return 0;
		n += l > 0;
		p += l;
	}
	return n > 0;
}

/* "#00703c" (or "#00703C") -> 0x00703c. */
static int parse_colour(const char *s, unsigned *out)
{
	if (!s || s[0] != '#' || strlen(s) != 7)
		return -1;
	unsigned v = 0;
	for (int i = 1; i < 7; i++) {
		if (!isxdigit((unsigned char)s[i]))
			return -1;
		v = v * 16 + (unsigned)(isdigit((unsigned char)s[i]) ? s[i] - '0'
							     : tolower((unsigned char)s[i]) - 'a' + 10);
	}
	*out = v;
	return 0;
}

/* The ID_STATUS key of `words` in scale `sc`: the scale's id, a unit
 * separator, then the words as an officer means them: ASCII case and runs
 * of spaces ignored ("On  Target" is "on target"). */
static char *status_key(const struct pp_scale *sc, const char *words)
{
	size_t n = strlen(words), k = 0;
	char *out = pp_xmalloc(strlen(sc->id ? sc->id : "") + n + 2);
	strcpy(out, sc->id ? sc->id : "");
	k = strlen(out);
	out[k++] = '\x1f';
	int space = 0;
	for (const char *p = words; *p; p++) {
		if (*p == ' ') {
			space = 1;
			continue;
		}
		if (space && out[k - 1] != '\x1f')
			out[k++] = ' ';
		space = 0;
		out[k++] = (char)tolower((unsigned char)*p);
	}
	out[k] = '\0';
	return out;
}

/* "On target, Behind target or Failing": the values a scale allows. */
static char *scale_list(const struct pp_scale *sc)
{
	size_t len = 1;
	for (size_t i = 0; i < sc->n_values; i++)
		len += strlen(sc->values[i].label ? sc->values[i].label : "") + 4;
	char *s = pp_xmalloc(len);
	s[0] = '\0';
	for (size_t i = 0; i < sc->n_values; i++) {
		if (i)
			strcat(s, i + 1 == sc->n_values ? " or " : ", ");
		strcat(s, sc->values[i].label ? sc->values[i].label : "");
	}
	return s;
}

static char *scale_ids(const struct pp_doc *doc)
{
	size_t len = 16;
	for (size_t i = 0; i < doc->n_scales; i++)
		len += strlen(doc->scales[i].id ? doc->scales[i].id : "") + 4;
	char *s = pp_xmalloc(len);
	strcpy(s, "rag");
	for (size_t i = 0; i < doc->n_scales; i++) {
		strcat(s, i + 1 == doc->n_scales ? " or " : ", ");
		strcat(s, doc->scales[i].id ? doc->scales[i].id : "");
	}
	return s;
}

/* "GREEN or On track, AMBER/GREEN, ... or N/A": each rating with the
 * template's own word for it; NULL when the template relabels none. */
static char *rag_words_list(const struct pp_doc *doc)
{
	int any = 0;
	size_t len = 1;
	for (int r = PP_RAG_GREEN; r <= PP_RAG_NA; r++) {
		any |= doc->rag_words[r] != NULL;
		len += strlen(pp_rag_word((enum pp_rag)r)) + 8 +
		       (doc->rag_words[r] ? strlen(doc->rag_words[r]) + 4 : 0);
	}
	if (!any)
		return NULL;
	char *s = pp_xmalloc(len);
	s[0] = '\0';
	for (int r = PP_RAG_GREEN; r <= PP_RAG_NA; r++) {
		if (r > PP_RAG_GREEN)
			strcat(s, r == PP_RAG_NA ? " or " : ", ");
		strcat(s, pp_rag_word((enum pp_rag)r));
		if (doc->rag_words[r]) {
			strcat(s, " (");
			strcat(s, doc->rag_words[r]);
			strcat(s, ")");
		}
	}
	return s;
}

/* The scale named `id` ("rag" or NULL: the built-in one, NULL returned);
 * an unknown name is reported and clears *ok. */
static const struct pp_scale *resolve_scale(struct checker *c, const char *id,
					     const struct pp_loc *loc, int *ok)
{
	if (!id || strcmp(id, "rag") == 0)
		return NULL;
	const struct pp_scale *sc = pp_scale_find(c->doc, id);
	if (!sc) {
		char *list = scale_ids(c->doc);
		pp_diagf(c->diags, PP_MSG_UNKNOWN_SCALE, loc, id, list);
		free(list);
		*ok = 0;
	}
	return sc;
}

/* A status as written, in `sc` (NULL: RAG), found without a message:
 * 0, or -1 when the scale has no such value. */
static int find_status(struct checker *c, const struct pp_scale *sc, const char *text,
		       enum pp_rag *rag, const struct pp_status **out)
{
	*rag = PP_RAG_NONE;
	*out = NULL;
	if (!sc) {
		if (pp_rag_from_string(text, rag) == 0)
			return 0;
		/* the template's own word for a rating ("On track") */
		for (int r = PP_RAG_GREEN; r <= PP_RAG_NA; r++)
			if (c->doc->rag_words[r] && pp_filter_same_words(text, c->doc->rag_words[r])) {
				*rag = (enum pp_rag)r;
				return 0;
			}
		*rag = PP_RAG_NONE;
		return -1;
	}
	/* by its id or its label, through the index check_scales made: a
	 * long scale and many statuses stay linear */
	char *key = status_key(sc, text);
	const struct id_slot *s = lookup(&c->ids, ID_STATUS, key);
	free(key);
	if (!s)
		return -1;
	*out = s->ptr;
	return 0;
}

/* A status as written, in `sc` (NULL: RAG): by id or by label. */
static void check_status(struct checker *c, const struct pp_scale *sc, const char *text,
			 enum pp_rag *rag, const struct pp_status **out, const struct pp_loc *loc)
{
	*rag = PP_RAG_NONE;
	*out = NULL;
	if (!text || find_status(c, sc, text, rag, out) == 0)
		return;
	if (!sc) {
		char *list = rag_words_list(c->doc);
		if (list)
			pp_diagf(c->diags, PP_MSG_BAD_RAG_WORD, loc, text, list);
		else
			pp_diagf(c->diags, PP_MSG_BAD_RAG, loc, text);
		free(list);
		return;
	}
	char *list = scale_list(sc);
	pp_diagf(c->diags, PP_MSG_BAD_STATUS, loc, text, sc->id, list);
	free(list);
}

static void check_scales(struct checker *c)
{
	struct pp_doc *doc = c->doc;
	doc->update_scale = doc->line_scale = NULL;
	for (size_t i = 0; i < doc->n_scales; i++) {
		struct pp_scale *sc = &doc->scales[i];
		if (sc->id && strcmp(sc->id, "rag") == 0)
			pp_diagf(c->diags, PP_MSG_SCALE_RAG, &sc->loc);
		define_id(c, ID_SCALE, sc->id, sc, 0, &sc->loc, PP_MSG_DUP_ID);
		for (size_t k = 0; k < sc->n_for_kinds; k++) {
			const char *kind = sc->for_kinds[k];
			const struct pp_scale **slot = strcmp(kind, "update") == 0 ? &doc->update_scale
						       : strcmp(kind, "line") == 0 ? &doc->line_scale
										   : NULL;
			if (!slot)
				pp_diagf(c->diags, PP_MSG_SCALE_FOR, &sc->loc, kind);
			else if (*slot)
				pp_diagf(c->diags, PP_MSG_SCALE_FOR_TWICE, &sc->loc, kind, (*slot)->id,
					 sc->id);
			else
				*slot = sc;
		}
		/* Index every id (unique in its scale), then every label not
		 * already taken (the first wins: labels should differ too), so a
		 * status is found by either in one lookup. */
		for (int pass = 0; pass < 2; pass++)
			for (size_t v = 0; v < sc->n_values; v++) {
				struct pp_status *st = &sc->values[v];
				const char *words = pass ? st->label : st->id;
				if (!words)
					continue;
				char *key = status_key(sc, words);
				const struct id_slot *prev = lookup(&c->ids, ID_STATUS, key);
				if (prev && !pass) {
					const struct pp_status *first = prev->ptr;
					pp_diagf(c->diags, PP_MSG_DUP_ID, &st->loc, st->id);
					pp_diagf(c->diags, PP_MSG_DUP_ID_PREV, &first->loc, st->id);
				}
				if (prev) {
					free(key);
					continue;
				}
				PP_GROW(c->keys, c->n_keys + 1, c->cap_keys);
				c->keys[c->n_keys++] = key;
				define_id(c, ID_STATUS, key, st, 0, &st->loc, PP_MSG_DUP_ID);
			}
		for (size_t v = 0; v < sc->n_values; v++) {
			struct pp_status *st = &sc->values[v];
			if (is_blank(st->label))
				pp_diagf(c->diags, PP_MSG_EMPTY_TEXT, &st->loc, "status label=\"\"");
			if (st->means_text && !means_known(st->means_text))
				pp_diagf(c->diags, PP_MSG_BAD_MEANS, &st->loc, st->id ? st->id : "",
					 st->means_text);
			int ok = 1;
			if (parse_colour(st->fill_text, &st->fill) != 0) {
				pp_diagf(c->diags, PP_MSG_BAD_COLOUR, &st->loc, "fill",
					 st->fill_text ? st->fill_text : "");
				ok = 0;
			}
			if (parse_colour(st->text_text, &st->text) != 0) {
				pp_diagf(c->diags, PP_MSG_BAD_COLOUR, &st->loc, "text",
					 st->text_text ? st->text_text : "");
				ok = 0;
			}
			/* The label (and symbol) is printed in `text` on `fill`. */
			double ratio = ok ? pp_rgb_contrast(st->text, st->fill) : 21;
			if (ratio < 4.5)
				pp_diagf(c->diags, PP_MSG_STATUS_CONTRAST, &st->loc, st->id,
					 st->text_text, st->fill_text, (double)(long)(ratio * 100) / 100);
		}
	}
}

static const char *const type_names[] = {
	[PP_VALUE_TEXT] = "text",	[PP_VALUE_PERSON] = "person", [PP_VALUE_DATE] = "date",
	[PP_VALUE_PERCENT] = "percent", [PP_VALUE_NUMBER] = "number", [PP_VALUE_MONEY] = "money",
	[PP_VALUE_STATUS] = "status",
};
static const char *const on_names[] = {
	[PP_ON_THEME] = "theme", [PP_ON_PRIORITY] = "priority", [PP_ON_ACTION] = "action",
	[PP_ON_LINE] = "line",	 [PP_ON_UPDATE] = "update", [PP_ON_INDICATOR] = "indicator",
};

static void check_fields(struct checker *c)
{
	for (size_t i = 0; i < c->doc->n_fields; i++) {
		struct pp_field_def *fd = &c->doc->fields[i];
		define_id(c, ID_FIELD, fd->id, fd, 0, &fd->loc, PP_MSG_DUP_ID);
		enum pp_field builtin;
		if (fd->id && pp_field_from_string(fd->id, &builtin) == 0)
			/* a column could not tell the two apart */
			pp_diagf(c->diags, PP_MSG_DUP_ID, &fd->loc, fd->id);
		if (is_blank(fd->label))
			pp_diagf(c->diags, PP_MSG_EMPTY_TEXT, &fd->loc, "field label=\"\"");
		int found = 0;
		for (size_t t = 0; t < N_OF(type_names); t++)
			if (fd->type_text && strcmp(fd->type_text, type_names[t]) == 0) {
				fd->type = (enum pp_value_type)t;
				found = 1;
			}
		if (!found)
			pp_diagf(c->diags, PP_MSG_BAD_FIELD_TYPE, &fd->loc,
				 fd->type_text ? fd->type_text : "");
		fd->on = PP_ON_PRIORITY;
		if (fd->on_text) {
			found = 0;
			for (size_t t = 0; t < N_OF(on_names); t++)
				if (strcmp(fd->on_text, on_names[t]) == 0) {
					fd->on = (enum pp_value_on)t;
					found = 1;
				}
			if (!found)
				pp_diagf(c->diags, PP_MSG_BAD_FIELD_ON, &fd->loc, fd->on_text);
		}
		fd->scale = NULL;
		if (fd->type == PP_VALUE_STATUS && fd->scale_id && strcmp(fd->scale_id, "rag") != 0) {
			fd->scale = pp_scale_find(c->doc, fd->scale_id);
			if (!fd->scale) {
				char *list = scale_ids(c->doc);
				pp_diagf(c->diags, PP_MSG_UNKNOWN_SCALE, &fd->loc, fd->scale_id, list);
				free(list);
			}
		}
	}
}

static char *field_ids(const struct pp_doc *doc)
{
	if (doc->n_fields == 0)
		return pp_xstrdup("none is declared");
	size_t len = 1;
	for (size_t i = 0; i < doc->n_fields; i++)
		len += strlen(doc->fields[i].id ? doc->fields[i].id : "") + 4;
	char *s = pp_xmalloc(len);
	s[0] = '\0';
	for (size_t i = 0; i < doc->n_fields; i++) {
		if (i)
			strcat(s, i + 1 == doc->n_fields ? " or " : ", ");
		strcat(s, doc->fields[i].id ? doc->fields[i].id : "");
	}
	return s;
}

/* A plain decimal, with commas between thousands allowed ("1,200.50"). */
/* parse_number on the `len` bytes at s (a figure read in place, its unit's
 * sign left off without a copy). */
static int parse_number_n(const char *s, size_t len, double *out)
{
	const char *end = s + len;
	double sign = 1, v = 0, scale = 0.1;
	int digits = 0;
	if (s < end && *s == '-')
		sign = -1, s++;
	for (; s < end && ((*s >= '0' && *s <= '9') || (*s == ',' && digits)); s++)
		if (*s != ',')
			v = v * 10 + (*s - '0'), digits++;
	if (s < end && *s == '.')
		for (s++; s < end && *s >= '0' && *s <= '9'; s++, scale /= 10)
			v += (*s - '0') * scale, digits++;
	if (s < end || !digits)
		return -1;
	*out = sign * v;
	return 0;
}

static int parse_number(const char *s, double *out)
{
	return parse_number_n(s, strlen(s), out);
}

/* One value: known field, given where its field lives, well formed. */
static void check_value(struct checker *c, struct pp_value *v, enum pp_value_on where)
{
	const struct id_slot *slot = lookup(&c->ids, ID_FIELD, v->field_id);
	if (!slot) {
		char *list = field_ids(c->doc);
		pp_diagf(c->diags, PP_MSG_UNKNOWN_FIELD, &v->loc, v->field_id ? v->field_id : "",
			 list);
		free(list);
		return;
	}
	const struct pp_field_def *fd = slot->ptr;
	v->def = fd;
	if (fd->on != where) {
		pp_diagf(c->diags, PP_MSG_FIELD_PLACE, &v->loc, fd->id, on_names[fd->on],
			 on_names[fd->on], on_names[where]);
		return;
	}
	const char *t = v->text ? v->text : "";
	switch (fd->type) {
	case PP_VALUE_TEXT:
	case PP_VALUE_PERSON:
		break;
	case PP_VALUE_DATE:
		if (parse_date(t, &v->date) != 0)
			pp_diagf(c->diags, PP_MSG_BAD_VALUE, &v->loc, fd->id, t,
				 "a real date written YYYY-MM-DD (\"2025-03-31\")");
		break;
	case PP_VALUE_PERCENT: {
		char *num = pp_xstrdup(t);
		size_t l = strlen(num);
		if (l && num[l - 1] == '%')
			num[--l] = '\0';
		if (parse_number(num, &v->number) != 0 || v->number < 0 || v->number > 100)
			pp_diagf(c->diags, PP_MSG_BAD_VALUE, &v->loc, fd->id, t,
				 "a percent from 0 to 100 (\"40\" or \"40%\")");
		free(num);
		break;
	}
	case PP_VALUE_NUMBER:
		if (parse_number(t, &v->number) != 0)
			pp_diagf(c->diags, PP_MSG_BAD_VALUE, &v->loc, fd->id, t,
				 "a number (\"1250\", \"1,250\" or \"-3.5\")");
		break;
	case PP_VALUE_MONEY: {
		/* "£1,200,000", "1200000.50": pounds, the sign before the £ */
		const char *m = t;
		int neg = *m == '-';
		if (neg)
			m++;
		if (strncmp(m, "\xc2\xa3", 2) == 0)
			m += 2;
		if (*m == '-' || parse_number(m, &v->number) != 0)
			pp_diagf(c->diags, PP_MSG_BAD_VALUE, &v->loc, fd->id, t,
				 "an amount in pounds (\"1250000\", \"\xc2\xa3" "1,250,000\" or \"-500.50\")");
		else if (neg)
			v->number = -v->number;
		break;
	}
	case PP_VALUE_STATUS:
		check_status(c, fd->scale, t, &v->rag, &v->status, &v->loc);
		break;
	}
}

static void check_values(struct checker *c, struct pp_value *v, size_t n, enum pp_value_on where)
{
	if (!n)
		return;
	if (!c->seen_call && c->doc->n_fields) {
		c->seen_call = pp_xcalloc(c->doc->n_fields, sizeof *c->seen_call);
		c->seen_at = pp_xcalloc(c->doc->n_fields, sizeof *c->seen_at);
	}
	c->call++;
	for (size_t i = 0; i < n; i++) {
		check_value(c, &v[i], where);
		if (!v[i].def)
			continue;
		size_t f = (size_t)(v[i].def - c->doc->fields);
		if (c->seen_call[f] == c->call) {
			size_t e = c->seen_at[f];
			pp_diagf(c->diags, PP_MSG_DUP_VALUE, &v[i].loc, v[i].field_id);
			pp_diagf(c->diags, PP_MSG_DUP_ID_PREV, &v[e].loc, v[i].field_id);
			continue;
		}
		c->seen_call[f] = c->call;
		c->seen_at[f] = i;
	}
}

/* Data-table cells coloured by a status: the status is in its scale. */
static void check_table(struct checker *c, struct pp_table *t)
{
	for (size_t r = 0; r < t->n_rows; r++)
		for (size_t k = 0; k < t->rows[r].n_cells; k++) {
			struct pp_table_cell *cell = &t->rows[r].cells[k];
			if (cell->blocks)
				check_blocks(c, cell->blocks);
			const struct pp_scale *sc = NULL;
			if (cell->scale_id && strcmp(cell->scale_id, "rag") != 0) {
				sc = pp_scale_find(c->doc, cell->scale_id);
				if (!sc) {
					char *list = scale_ids(c->doc);
					pp_diagf(c->diags, PP_MSG_UNKNOWN_SCALE, &cell->loc,
						 cell->scale_id, list);
					free(list);
					continue;
				}
			}
			enum pp_rag rag;
			check_status(c, sc, cell->status_text, &rag, &cell->status, &cell->loc);
			cell->rag = (int)rag;
		}
}

static void define_group(struct checker *c, struct pp_fw_group *g, size_t *leaf)
{
	define_id(c, ID_FRAMEWORK, g->id, g, 1, &g->loc, PP_MSG_DUP_ID);
	if (is_blank(g->label))
		pp_diagf(c->diags, PP_MSG_EMPTY_TEXT, &g->loc, "group label=\"\"");
	for (size_t i = 0; i < g->n_groups; i++)
		define_group(c, &g->groups[i], leaf);
	for (size_t i = 0; i < g->n_items; i++) {
		struct pp_fw_item *it = &g->items[i];
		it->group = g;
		it->index = (*leaf)++;
		define_id(c, ID_FRAMEWORK, it->id, it, 0, &it->loc, PP_MSG_DUP_ID);
		if (is_blank(it->label))
			pp_diagf(c->diags, PP_MSG_EMPTY_TEXT, &it->loc, "item");
	}
}

static void define_theme_ids(struct checker *c)
{
	for (size_t t = 0; t < c->doc->n_themes; t++) {
		struct pp_theme *th = &c->doc->themes[t];
		define_id(c, ID_THEME, th->id, th, 0, &th->loc, PP_MSG_DUP_ID);
		if (is_blank(th->title))
			pp_diagf(c->diags, PP_MSG_EMPTY_TEXT, &th->loc, "theme title=\"\"");
		for (size_t k = 0; k < th->n_indicators; k++)
			define_id(c, ID_INDICATOR, th->indicators[k].id, &th->indicators[k], 0,
				  &th->indicators[k].loc, PP_MSG_DUP_ID);
		for (size_t i = 0; i < th->n_priorities; i++) {
			struct pp_priority *p = &th->priorities[i];
			p->theme = th;
			define_id(c, ID_PRIORITY, p->id, p, 0, &p->loc, PP_MSG_DUP_ID);
			for (size_t k = 0; k < p->n_indicators; k++)
				define_id(c, ID_INDICATOR, p->indicators[k].id, &p->indicators[k], 0,
					  &p->indicators[k].loc, PP_MSG_DUP_ID);
			for (size_t a = 0; a < p->n_actions; a++)
				define_id(c, ID_ACTION, p->actions[a].id, &p->actions[a], 0,
					  &p->actions[a].loc, PP_MSG_DUP_ID);
		}
	}
}

static void check_priority(struct checker *c, struct pp_priority *p)
{
	if (inline_blank(&p->title))
		pp_diagf(c->diags, PP_MSG_EMPTY_TEXT, &p->loc, "title");
	for (size_t i = 0; i < p->n_aligns; i++) {
		struct pp_align *al = &p->aligns[i];
		const struct id_slot *s = lookup(&c->ids, ID_FRAMEWORK, al->item_id);
		if (!s || s->is_group)
			pp_diagf(c->diags, PP_MSG_UNKNOWN_ITEM, &al->loc, p->id, al->item_id);
		else
			al->item = s->ptr;
	}
	free(p->also);
	p->also = pp_xcalloc(p->n_also_ids ? p->n_also_ids : 1, sizeof *p->also);
	for (size_t i = 0; i < p->n_also_ids; i++)
		p->also[i] = resolve_theme(c, p->also_ids[i], &p->loc);
	check_values(c, p->values, p->n_values, PP_ON_PRIORITY);
	check_blocks(c, &p->outcomes);
	check_blocks(c, &p->how);
	check_blocks(c, &p->measures);
	for (size_t a = 0; a < p->n_actions; a++) {
		struct pp_action *ac = &p->actions[a];
		check_values(c, ac->values, ac->n_values, PP_ON_ACTION);
		check_blocks(c, &ac->text);
		check_blocks(c, &ac->measures);
		check_blocks(c, &ac->success);
		for (size_t l = 0; l < ac->n_lines; l++) {
			struct pp_line *ln = &ac->lines[l];
			check_status(c, c->doc->line_scale, ln->rag_text, &ln->rag, &ln->status,
				     &ln->loc);
			check_values(c, ln->values, ln->n_values, PP_ON_LINE);
			ln->period = resolve_period(c, ln->period_id, &ln->loc);
			check_blocks(c, &ln->success);
			check_blocks(c, &ln->impact);
			check_blocks(c, &ln->timescale);
		}
	}
	for (size_t u = 0; u < p->n_updates; u++) {
		struct pp_update *up = &p->updates[u];
		up->period = resolve_period(c, up->period_id, &up->loc);
		check_status(c, c->doc->update_scale, up->rag_text, &up->rag, &up->status,
			     &up->loc);
		check_values(c, up->values, up->n_values, PP_ON_UPDATE);
		for (size_t e = 0; e < u; e++) {
			if (up->period_id && p->updates[e].period_id &&
			    strcmp(up->period_id, p->updates[e].period_id) == 0) {
				pp_diagf(c->diags, PP_MSG_DUP_UPDATE, &up->loc, p->id, up->period_id);
				pp_diagf(c->diags, PP_MSG_DUP_ID_PREV, &p->updates[e].loc,
					 up->period_id);
				break;
			}
		}
		check_blocks(c, &up->timescale);
		check_blocks(c, &up->milestones);
		check_blocks(c, &up->commentary);
	}
}

/* ---------- indicators --------------------------------------------------- */

struct word {
	const char *text;
	int value;
};

/* `text` among `words` (NULL keeps `dflt`); an unknown word is reported. */
static int pick_word(struct checker *c, const struct pp_indicator *ind, const char *attr,
		     const char *text, const struct word *words, size_t n, int dflt,
		     const char *expected)
{
	if (!text)
		return dflt;
	for (size_t i = 0; i < n; i++)
		if (strcmp(text, words[i].text) == 0)
			return words[i].value;
	pp_diagf(c->diags, PP_MSG_IND_BAD_ATTR, &ind->loc, ind->id ? ind->id : "", attr, text,
		 expected);
	return dflt;
}

/* What a figure in the indicator's unit looks like, for messages. */
static const char *figure_expected(const struct pp_indicator *ind)
{
	switch (ind->unit) {
	case PP_UNIT_PERCENT:
		return ind->over_100 ? "a percent (\"62.5\" or \"62.5%\")"
				     : "a percent from 0 to 100 (\"62.5\" or \"62.5%\"; write "
				       "over-100=\"yes\" on an indicator whose percent may be more)";
	case PP_UNIT_MONEY:
		return "an amount in pounds (\"1234\", \"\xc2\xa3" "1,234\" or \"-500.50\")";
	case PP_UNIT_COUNT:
		return "a count: a whole number (\"1234\" or \"1,234\")";
	case PP_UNIT_NUMBER:
	case PP_UNIT_DAYS:
	case PP_UNIT_RATIO:
	case PP_UNIT_RATE_1K:
	case PP_UNIT_RATE_10K:
	case PP_UNIT_RATE_100K:
		break;
	}
	return "a number (\"12.5\", \"1,234\" or \"-3\")";
}

/*
 * A figure in the indicator's unit: a plain decimal with commas between
 * thousands allowed, a "%" after a percent, a "£" before an amount of
 * money (after its sign). read_figure reads it (0) or says it does not
 * (-1); check_figure also reports it as `what` ("actual for period
 * \"q1\"") with what was expected. Read in place: a plan has thousands.
 */
static int read_figure(const struct pp_indicator *ind, const char *text, double *out)
{
	const char *p = text ? text : "";
	int ok = 1, neg = 0;
	size_t l = strlen(p);
	if (ind->unit == PP_UNIT_PERCENT && l && p[l - 1] == '%')
		l--;
	if (ind->unit == PP_UNIT_MONEY) {
		if (l && *p == '-')
			neg = 1, p++, l--;
		if (l >= 2 && strncmp(p, "\xc2\xa3", 2) == 0)
			p += 2, l -= 2;
		if (l && *p == '-')
			ok = 0;
	}
	double v = 0;
	if (!ok || parse_number_n(p, l, &v) != 0)
		ok = 0;
	if (neg)
		v = -v;
	if (ok && ind->unit == PP_UNIT_PERCENT && !ind->over_100 && (v < 0 || v > 100))
		ok = 0;
	if (ok && ind->unit == PP_UNIT_COUNT && (v < 0 || v != (double)(long long)v))
		ok = 0;
	if (!ok)
		return -1;
	*out = v;
	return 0;
}

/* A figure that does not read, as `what` says where. */
static void figure_error(struct checker *c, const struct pp_indicator *ind, const char *text,
                         const char *what, const struct pp_loc *loc)
{
	pp_diagf(c->diags, PP_MSG_IND_BAD_NUMBER, loc, ind->id ? ind->id : "", what,
	         text ? text : "", figure_expected(ind));
}

static int check_figure(struct checker *c, const struct pp_indicator *ind, const char *text,
                        const char *what, const struct pp_loc *loc, double *out)
{
	if (read_figure(ind, text, out) == 0)
		return 0;
	figure_error(c, ind, text, what, loc);
	return -1;
}

/* Where each period was first given in one list of an indicator: a second
 * is an error with a note at the first. */
static void once_per_period(struct checker *c, const struct pp_indicator *ind,
			    const struct pp_period *p, const struct pp_loc *loc,
			    const struct pp_loc **seen, const char *what)
{
	if (!p)
		return;
	size_t i = (size_t)(p - c->doc->periods);
	if (seen[i]) {
		char *where = pp_xasprintf("period \"%s\"", p->id);
		pp_diagf(c->diags, PP_MSG_IND_DUP_PERIOD, loc, ind->id ? ind->id : "", what, where);
		pp_diagf(c->diags, PP_MSG_DUP_ID_PREV, seen[i], p->id);
		free(where);
		return;
	}
	seen[i] = loc;
}

/* "2024" or "2024/25": the financial year from April 2024. */
static int parse_fy(const char *s, int *out)
{
	if (!s)
		return -1;
	char buf[16];
	const char *slash = strchr(s, '/');
	if (strlen(s) >= sizeof buf)
		return -1;
	strcpy(buf, s);
	if (slash)
		buf[slash - s] = '\0';
	int y, yy;
	if (parse_int_in(buf, 1900, 2200, &y) != 0)
		return -1;
	if (slash && (parse_int_in(slash + 1, 0, 99, &yy) != 0 || strlen(slash + 1) != 2 ||
		      yy != (y + 1) % 100))
		return -1;
	*out = y;
	return 0;
}

/* A share in percent: a plain number, "%" after it allowed ("5", "2.5%"). */
static int parse_share(const char *text, double *out)
{
	char *num = pp_xstrdup(text);
	size_t l = strlen(num);
	if (l && num[l - 1] == '%')
		num[--l] = '\0';
	int rc = parse_number(num, out);
	free(num);
	return rc;
}

/* Where a target applies, for messages: "year \"2024\"", "period \"q1\"". */
static char *target_where(const struct pp_ind_target *t)
{
	if (t->period_id)
		return pp_xasprintf("period \"%s\"", t->period_id);
	return pp_xasprintf("year \"%s\"", t->year_text ? t->year_text : "");
}

static void target_rule(struct checker *c, const struct pp_indicator *ind,
			const struct pp_ind_target *t, const char *why)
{
	char *where = target_where(t);
	pp_diagf(c->diags, PP_MSG_IND_TARGET_RULE, &t->loc, ind->id ? ind->id : "", where, why);
	free(where);
}

/*
 * The combinations of a target's attributes that mean nothing, each
 * reported at the target. Returns 1 for a target that says none="...": it
 * has no figure to read.
 */
static int target_rules(struct checker *c, const struct pp_indicator *ind,
			const struct pp_ind_target *t)
{
	if (t->tolerance_text && t->tolerance_pct_text)
		target_rule(c, ind, t,
			    "give tolerance=\"...\" (in the unit) or tolerance-percent=\"...\" (a "
			    "share of the target), not both");
	if (t->cumulative && t->period_id)
		target_rule(c, ind, t,
			    "cumulative=\"yes\" spreads a year's target over its periods: give it "
			    "on <target year=\"...\">, not on one period's target");
	if (t->cumulative && ind->status_on != PP_STATUS_ON_YTD)
		target_rule(c, ind, t,
			    "a cumulative target is met by the year to date: write "
			    "status-on=\"ytd\" on the indicator (and ytd=\"sum\" for a count)");
	if (t->none) {
		if (is_blank(t->none))
			target_rule(c, ind, t,
				    "none=\"...\" says why the period has no target, as its status "
				    "prints it (none=\"Baseline year\", none=\"Data only\")");
		if (!is_blank(t->text) || t->low_text || t->high_text || t->tolerance_text ||
		    t->tolerance_pct_text || t->stretch_text || t->cumulative)
			target_rule(c, ind, t,
				    "a target that says none=\"...\" has no figure, band, tolerance, "
				    "stretch or cumulative=\"yes\"");
		return 1;
	}
	if (t->stretch_text && ind->polarity == PP_POLARITY_BAND)
		target_rule(c, ind, t,
			    "a band has no stretch: stretch=\"...\" is for polarity higher or lower");
	else if (t->stretch_text && !pp_scale_means(ind->scale, PP_MEETS_EXCEEDED))
		target_rule(c, ind, t,
			    "stretch=\"...\" rates a figure at or beyond it \"exceeded\", which "
			    "needs a status with means=\"exceeded\" in the indicator's scale "
			    "(scale=\"...\"; the RAG scale has none)");
	return 0;
}

/* Rules on a target's figure: a share of nothing, a stretch on the wrong
 * side. */
static void target_value_rules(struct checker *c, struct pp_indicator *ind,
			       struct pp_ind_target *t)
{
	if (t->tolerance_pct > 0 && t->value == 0)
		target_rule(c, ind, t,
			    "tolerance-percent of a target of 0 is always 0: give "
			    "tolerance=\"...\" in the unit");
	t->has_stretch = 0;
	if (!t->stretch_text || ind->polarity == PP_POLARITY_BAND ||
	    check_figure(c, ind, t->stretch_text, "stretch", &t->loc, &t->stretch) != 0)
		return;
	t->has_stretch = 1;
	if (ind->polarity == PP_POLARITY_HIGHER ? t->stretch <= t->value : t->stretch >= t->value)
		target_rule(c, ind, t,
			    ind->polarity == PP_POLARITY_HIGHER
				? "a stretch target is beyond the target: with polarity=\"higher\", "
				  "more than it"
				: "a stretch target is beyond the target: with polarity=\"lower\", "
				  "less than it");
}

static void check_targets(struct checker *c, struct pp_indicator *ind)
{
	const char *id = ind->id ? ind->id : "";
	size_t np = c->doc->n_periods;
	const struct pp_loc **seen = pp_xcalloc(np ? np : 1, sizeof *seen);
	for (size_t k = 0; k < ind->n_targets; k++) {
		struct pp_ind_target *t = &ind->targets[k];
		t->period = resolve_period(c, t->period_id, &t->loc);
		once_per_period(c, ind, t->period, &t->loc, seen, "targets");
		if ((t->period_id != NULL) == (t->year_text != NULL)) {
			pp_diagf(c->diags, PP_MSG_IND_TARGET_WHEN, &t->loc, id);
		} else if (t->year_text) {
			if (parse_fy(t->year_text, &t->fy_year) != 0) {
				pp_diagf(c->diags, PP_MSG_IND_BAD_ATTR, &t->loc, id, "year", t->year_text,
					 "a financial year as \"2024\" or \"2024/25\"");
			} else {
				for (size_t e = 0; e < k; e++)
					if (!ind->targets[e].period_id && ind->targets[e].year_text &&
					    ind->targets[e].fy_year == t->fy_year) {
						char *where = pp_xasprintf("year \"%s\"", t->year_text);
						pp_diagf(c->diags, PP_MSG_IND_DUP_PERIOD, &t->loc, id,
							 "targets", where);
						pp_diagf(c->diags, PP_MSG_DUP_ID_PREV,
							 &ind->targets[e].loc, t->year_text);
						free(where);
						break;
					}
			}
		}
		t->tolerance = 0;
		if (t->tolerance_text &&
		    check_figure(c, ind, t->tolerance_text, "tolerance", &t->loc, &t->tolerance) == 0 &&
		    t->tolerance < 0)
			pp_diagf(c->diags, PP_MSG_IND_BAD_NUMBER, &t->loc, id, "tolerance",
				 t->tolerance_text, "a tolerance of zero or more");
		t->tolerance_pct = 0;
		if (t->tolerance_pct_text &&
		    (parse_share(t->tolerance_pct_text, &t->tolerance_pct) != 0 ||
		     !(t->tolerance_pct > 0)))
			pp_diagf(c->diags, PP_MSG_IND_BAD_NUMBER, &t->loc, id, "tolerance-percent",
				 t->tolerance_pct_text,
				 "a share of the target in percent, more than 0 (\"5\" or \"5%\")");
		t->cumulative = t->cumulative_text && strcmp(t->cumulative_text, "yes") == 0;
		if (t->cumulative_text && !t->cumulative && strcmp(t->cumulative_text, "no") != 0)
			pp_diagf(c->diags, PP_MSG_IND_BAD_ATTR, &t->loc, id, "cumulative",
				 t->cumulative_text, "yes or no");
		if (target_rules(c, ind, t))
			continue;
		if (ind->polarity == PP_POLARITY_BAND) {
			int has = t->low_text && t->high_text && is_blank(t->text);
			int ok = has &&
				 check_figure(c, ind, t->low_text, "low", &t->loc, &t->low) == 0 &&
				 check_figure(c, ind, t->high_text, "high", &t->loc, &t->high) == 0;
			if (!has || (ok && t->low > t->high))
				pp_diagf(c->diags, PP_MSG_IND_TARGET_FORM, &t->loc, id, "band",
					 "a target gives low=\"...\" and high=\"...\", low no more than "
					 "high (<target period=\"q1\" low=\"2\" high=\"4\"/>), and no "
					 "figure of its own");
		} else if (t->low_text || t->high_text) {
			pp_diagf(c->diags, PP_MSG_IND_TARGET_FORM, &t->loc, id,
				 ind->polarity_text ? ind->polarity_text : "",
				 "a target is one figure (<target period=\"q1\">75</target>); low "
				 "and high are for polarity=\"band\"");
		} else if (check_figure(c, ind, t->text, "target", &t->loc, &t->value) == 0) {
			target_value_rules(c, ind, t);
		}
	}
	free(seen);
}

static void check_indicator(struct checker *c, struct pp_indicator *ind)
{
	static const struct word units[] = {
		{"number", PP_UNIT_NUMBER},	   {"count", PP_UNIT_COUNT},
		{"percent", PP_UNIT_PERCENT},	   {"money", PP_UNIT_MONEY},
		{"days", PP_UNIT_DAYS},		   {"ratio", PP_UNIT_RATIO},
		{"rate-1000", PP_UNIT_RATE_1K},	   {"rate-10000", PP_UNIT_RATE_10K},
		{"rate-100000", PP_UNIT_RATE_100K},
	};
	static const struct word polarities[] = {
		{"higher", PP_POLARITY_HIGHER},
		{"lower", PP_POLARITY_LOWER},
		{"band", PP_POLARITY_BAND},
	};
	static const struct word ytds[] = {
		{"none", PP_YTD_NONE}, {"sum", PP_YTD_SUM}, {"mean", PP_YTD_MEAN}, {"latest", PP_YTD_LATEST},
	};
	static const struct word yes_no[] = {{"yes", 1}, {"no", 0}};
	static const struct word missing[] = {
		{"not-available", PP_MISSING_NOT_AVAILABLE},
		{"not-yet-due", PP_MISSING_NOT_DUE},
	};
	const char *id = ind->id ? ind->id : "";
	if (!ind->has_title)
		pp_diagf(c->diags, PP_MSG_IND_NO_TITLE, &ind->loc, id);
	else if (inline_blank(&ind->title))
		pp_diagf(c->diags, PP_MSG_EMPTY_TEXT, &ind->loc, "title");
	for (size_t i = 0; i < ind->n_twice; i++) {
		pp_diagf(c->diags, PP_MSG_IND_TWICE, &ind->twice[i].second, id,
		         ind->twice[i].element);
		pp_diagf(c->diags, PP_MSG_IND_TWICE_FIRST, &ind->twice[i].first,
		         ind->twice[i].element);
	}
	ind->unit = (enum pp_unit)pick_word(
		c, ind, "unit", ind->unit_text, units, N_OF(units), PP_UNIT_NUMBER,
		"percent, number, count, money, days, ratio, rate-1000, rate-10000 or rate-100000");
	ind->polarity = (enum pp_polarity)pick_word(c, ind, "polarity", ind->polarity_text,
						    polarities, N_OF(polarities),
						    PP_POLARITY_HIGHER, "higher, lower or band");
	ind->ytd = (enum pp_ytd_rule)pick_word(c, ind, "ytd", ind->ytd_text, ytds, N_OF(ytds),
					       PP_YTD_NONE, "sum, mean, latest or none");
	ind->thousands = pick_word(c, ind, "thousands", ind->thousands_text, yes_no, 2, 1,
				   "yes or no");
	ind->over_100 = pick_word(c, ind, "over-100", ind->over_text, yes_no, 2, 0, "yes or no");
	static const struct word targets_words[] = {{"none", 1}, {"required", 0}};
	ind->no_targets = pick_word(c, ind, "targets", ind->targets_text, targets_words, 2, 0,
				    "none or required");
	static const struct word status_on[] = {{"period", PP_STATUS_ON_PERIOD},
						{"ytd", PP_STATUS_ON_YTD}};
	ind->status_on = (enum pp_status_on)pick_word(c, ind, "status-on", ind->status_on_text,
						      status_on, 2, PP_STATUS_ON_PERIOD,
						      "period or ytd");
	if (ind->status_on == PP_STATUS_ON_YTD && ind->ytd == PP_YTD_NONE)
		pp_diagf(c->diags, PP_MSG_IND_RULE, &ind->loc, id,
			 "status-on=\"ytd\" judges the year to date, which ytd=\"none\" does not "
			 "work out: write ytd=\"sum\", \"mean\" or \"latest\"");
	ind->decimals = ind->unit == PP_UNIT_COUNT || ind->unit == PP_UNIT_MONEY ? 0 : 1;
	if (ind->decimals_text && parse_int_in(ind->decimals_text, 0, 6, &ind->decimals) != 0)
		pp_diagf(c->diags, PP_MSG_IND_BAD_ATTR, &ind->loc, id, "decimals",
			 ind->decimals_text, "a number of places from 0 to 6");
	ind->scale = NULL;
	if (ind->scale_id && strcmp(ind->scale_id, "rag") != 0) {
		ind->scale = pp_scale_find(c->doc, ind->scale_id);
		if (!ind->scale) {
			char *list = scale_ids(c->doc);
			pp_diagf(c->diags, PP_MSG_UNKNOWN_SCALE, &ind->loc, ind->scale_id, list);
			free(list);
		} else {
			static const char *const means[] = {"met", "near", "missed"};
			for (size_t m = 0; m < N_OF(means); m++)
				if (!pp_scale_means(ind->scale, (enum pp_meets)(m + 1)))
					pp_diagf(c->diags, PP_MSG_IND_SCALE_MEANS, &ind->loc, id,
						 ind->scale_id, means[m]);
		}
	}
	ind->no_change = ind->no_change_pct = 0;
	if (ind->no_change_text &&
	    check_figure(c, ind, ind->no_change_text, "no-change", &ind->loc, &ind->no_change) == 0 &&
	    ind->no_change < 0)
		pp_diagf(c->diags, PP_MSG_IND_BAD_NUMBER, &ind->loc, id, "no-change",
			 ind->no_change_text, "a move of zero or more in the unit");
	if (ind->no_change_pct_text &&
	    (parse_share(ind->no_change_pct_text, &ind->no_change_pct) != 0 ||
	     ind->no_change_pct < 0))
		pp_diagf(c->diags, PP_MSG_IND_BAD_NUMBER, &ind->loc, id, "no-change-percent",
			 ind->no_change_pct_text,
			 "a share of the earlier figure in percent, zero or more (\"2\" or \"2%\")");
	check_values(c, ind->values, ind->n_values, PP_ON_INDICATOR);
	check_blocks(c, &ind->description);
	if (ind->has_baseline) {
		ind->baseline_period =
			resolve_period(c, ind->baseline_period_id, &ind->baseline_loc);
		check_figure(c, ind, ind->baseline_text, "baseline", &ind->baseline_loc,
			     &ind->baseline);
	}
	check_targets(c, ind);

	size_t np = c->doc->n_periods;
	const struct pp_loc **seen = pp_xcalloc(np ? np : 1, sizeof *seen);
	for (size_t k = 0; k < ind->n_actuals; k++) {
		struct pp_ind_actual *a = &ind->actuals[k];
		a->period = resolve_period(c, a->period_id, &a->loc);
		once_per_period(c, ind, a->period, &a->loc, seen, "actuals");
		a->missing = (enum pp_missing)pick_word(c, ind, "missing", a->missing_text, missing,
							N_OF(missing), PP_MISSING_NONE,
							"not-available or not-yet-due");
		if (a->missing_text && a->missing == PP_MISSING_NONE)
			a->missing = PP_MISSING_NOT_AVAILABLE; /* reported; never read as zero */
		if ((a->missing_text && !is_blank(a->text)) || (!a->missing_text && a->reason)) {
			pp_diagf(c->diags, PP_MSG_IND_ACTUAL_FORM, &a->loc, id,
				 a->period_id ? a->period_id : "");
		} else if (!a->missing_text && read_figure(ind, a->text, &a->value) != 0) {
			/* the words of the message only for a figure that does not read */
			char *what = pp_xasprintf("actual for period \"%s\"",
						  a->period_id ? a->period_id : "");
			figure_error(c, ind, a->text, what, &a->loc);
			a->missing = PP_MISSING_NOT_AVAILABLE; /* an error already */
			free(what);
		}
	}
	memset(seen, 0, (np ? np : 1) * sizeof *seen);
	for (size_t k = 0; k < ind->n_notes; k++) {
		struct pp_ind_note *nt = &ind->notes[k];
		nt->period = resolve_period(c, nt->period_id, &nt->loc);
		once_per_period(c, ind, nt->period, &nt->loc, seen, "commentaries");
		check_blocks(c, &nt->text);
	}
	memset(seen, 0, (np ? np : 1) * sizeof *seen);
	for (size_t k = 0; k < ind->n_overrides; k++) {
		struct pp_ind_override *ov = &ind->overrides[k];
		ov->period = resolve_period(c, ov->period_id, &ov->loc);
		once_per_period(c, ind, ov->period, &ov->loc, seen, "overrides");
		check_status(c, ind->scale, ov->status_text, &ov->rag, &ov->status, &ov->loc);
		if (inline_blank(&ov->reason))
			pp_diagf(c->diags, PP_MSG_EMPTY_TEXT, &ov->loc, "override (give its reason)");
	}
	free(seen);
	for (size_t k = 0; k < ind->n_comparators; k++) {
		struct pp_ind_comparator *cm = &ind->comparators[k];
		cm->period = resolve_period(c, cm->period_id, &cm->loc);
		if (is_blank(cm->name))
			pp_diagf(c->diags, PP_MSG_EMPTY_TEXT, &cm->loc, "comparator name=\"\"");
		if (read_figure(ind, cm->text, &cm->value) != 0) {
			char *what = pp_xasprintf("comparator \"%s\" for period \"%s\"",
			                          cm->name ? cm->name : "",
			                          cm->period_id ? cm->period_id : "");
			figure_error(c, ind, cm->text, what, &cm->loc);
			free(what);
		}
		for (size_t e = 0; e < k; e++) {
			const struct pp_ind_comparator *o = &ind->comparators[e];
			if (cm->period && o->period == cm->period && cm->name && o->name &&
			    strcmp(cm->name, o->name) == 0) {
				char *where = pp_xasprintf("period \"%s\"", cm->period_id);
				char *kind = pp_xasprintf("\"%s\" comparators", cm->name);
				pp_diagf(c->diags, PP_MSG_IND_DUP_PERIOD, &cm->loc, id, kind, where);
				pp_diagf(c->diags, PP_MSG_DUP_ID_PREV, &o->loc, cm->name);
				free(where);
				free(kind);
				break;
			}
		}
	}

	/* Worked out once, here; then every figure with no target is named. */
	if (!c->ind_room)
		return;
	pp_indicator_compute(c->doc, ind);
	if (ind->no_targets)
		return;
	for (size_t k = 0; k < ind->n_actuals; k++) {
		const struct pp_ind_actual *a = &ind->actuals[k];
		const struct pp_ind_period *r = pp_indicator_at(c->doc, ind, a->period);
		if (r && r->has_value && !r->target && !r->override && !r->no_target)
			pp_diagf(c->diags, PP_MSG_IND_NO_TARGET, &a->loc, id, a->period_id,
				 a->period_id);
	}
}

static void check_indicators(struct checker *c, struct pp_indicator *v, size_t n,
			     const struct pp_theme *th, const struct pp_priority *p)
{
	for (size_t i = 0; i < n; i++) {
		v[i].theme = th;
		v[i].priority = p;
		check_indicator(c, &v[i]);
	}
}

/* ---------- documents ---------------------------------------------------- */

/* The fields each kind of table accepts, for resolving and for the message. */
static const enum pp_field table_fields[] = {
	PP_FIELD_THEME,	      PP_FIELD_REF,	       PP_FIELD_LINK,	     PP_FIELD_REF_LINK,
	PP_FIELD_TITLE,	      PP_FIELD_REF_TITLE,      PP_FIELD_STATEMENT,   PP_FIELD_LEADS,
	PP_FIELD_OUTCOMES,    PP_FIELD_HOW,	       PP_FIELD_MEASURES,    PP_FIELD_TIMESCALE,
	PP_FIELD_MILESTONES,  PP_FIELD_COMMENTARY,     PP_FIELD_RAG,	     PP_FIELD_ACTION,
	PP_FIELD_ACTION_LEADS, PP_FIELD_ACTION_MEASURES, PP_FIELD_ACTION_SUCCESS, PP_FIELD_SUCCESS,
	PP_FIELD_IMPACT,      PP_FIELD_LINE_TIMESCALE, PP_FIELD_LINE_RAG,
	PP_FIELD_PREVIOUS_STATUS, PP_FIELD_STATUS_HISTORY, PP_FIELD_TREND,
};
static const enum pp_field matrix_fields[] = {PP_FIELD_THEME, PP_FIELD_REF, PP_FIELD_TITLE,
					      PP_FIELD_STATEMENT};
static const enum pp_field assessment_fields[] = {PP_FIELD_THEME, PP_FIELD_QUESTION,
						  PP_FIELD_RESPONSE};
static const enum pp_field linked_fields[] = {PP_FIELD_NAME, PP_FIELD_PRIORITIES, PP_FIELD_LEAD,
					      PP_FIELD_LINK};

static char *field_list(const enum pp_field *allowed, size_t n)
{
	size_t len = 1;
	for (size_t i = 0; i < n; i++)
		len += strlen(pp_field_name(allowed[i])) + 4;
	char *s = pp_xmalloc(len);
	s[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(s, i + 1 == n ? " or " : ", ");
		strcat(s, pp_field_name(allowed[i]));
	}
	return s;
}

static void check_columns(struct checker *c, struct pp_column *cols, size_t n,
			  const enum pp_field *allowed, size_t n_allowed,
			  const struct pp_loc *view_loc)
{
	double percent = 0;
	for (size_t i = 0; i < n; i++) {
		struct pp_column *col = &cols[i];
		enum pp_field f;
		int ok = pp_field_from_string(col->field_text, &f) == 0;
		if (ok) {
			ok = 0;
			for (size_t k = 0; k < n_allowed; k++)
				ok |= allowed[k] == f;
		}
		const struct id_slot *custom = NULL;
		col->custom = NULL;
		if (!ok && allowed == table_fields && col->field_text)
			custom = lookup(&c->ids, ID_FIELD, col->field_text);
		if (custom && ((const struct pp_field_def *)custom->ptr)->on == PP_ON_INDICATOR)
			custom = NULL; /* an indicator table's, not a priority table's */
		if (custom) {
			col->field = PP_FIELD_CUSTOM;
			col->custom = custom->ptr;
			if (col->show_bar && col->custom->type != PP_VALUE_PERCENT)
				pp_diagf(c->diags, PP_MSG_BAR_NOT_PERCENT, &col->loc, col->field_text);
		} else if (ok) {
			col->field = f;
			if (col->show_bar)
				pp_diagf(c->diags, PP_MSG_BAR_NOT_PERCENT, &col->loc, col->field_text);
			if (col->merge && f != PP_FIELD_RAG && f != PP_FIELD_LINE_RAG)
				pp_diagf(c->diags, PP_MSG_BAD_MERGE, &col->loc, col->field_text);
		} else {
			char *list = field_list(allowed, n_allowed);
			pp_diagf(c->diags, PP_MSG_BAD_FIELD, &col->loc,
				 col->field_text ? col->field_text : "", list);
			free(list);
		}
		if (col->periods_text && !(ok && !custom && f == PP_FIELD_STATUS_HISTORY))
			pp_diagf(c->diags, PP_MSG_PERIODS_NOT_HISTORY, &col->loc, col->periods_text,
				 col->field_text ? col->field_text : "");
		/* join="and" means something only where a cell holds leads. */
		if (col->join_and &&
		    (custom || (ok && f != PP_FIELD_LEADS && f != PP_FIELD_ACTION_LEADS)))
			pp_diagf(c->diags, PP_MSG_JOIN_NOT_LEADS, &col->loc, col->field_text);
		if (parse_width(col->width_text, &col->width) != 0) {
			pp_diagf(c->diags, PP_MSG_BAD_WIDTH, &col->loc, col->width_text);
			col->width = (struct pp_width){PP_WIDTH_AUTO, 0};
		} else if (col->width.kind == PP_WIDTH_PERCENT) {
			percent += col->width.value;
		}
	}
	/* a little slack: "33.3%" three times is a full table, not an error */
	if (percent > 100.05)
		pp_diagf(c->diags, PP_MSG_WIDTH_OVER, view_loc, percent);
}

static char *ind_field_list(void)
{
	size_t len = 1;
	for (int f = 0; f < PP_IND_CUSTOM; f++)
		len += strlen(pp_ind_field_name((enum pp_ind_field)f)) + 4;
	char *s = pp_xmalloc(len + 64);
	s[0] = '\0';
	for (int f = 0; f < PP_IND_CUSTOM; f++) {
		if (f)
			strcat(s, ", ");
		strcat(s, pp_ind_field_name((enum pp_ind_field)f));
	}
	strcat(s, " or a field on=\"indicator\"");
	return s;
}

static void check_where(struct checker *c, const struct pp_view *v, const char *text,
			struct pp_filter **out, int indicators);

/* <indicator-table>: its period (or its document's), themes, columns, filter. */
static void check_indicator_table(struct checker *c, struct pp_view *v)
{
	struct pp_indicator_table *it = &v->u.itable;
	it->period = resolve_period(c, it->period_id, &v->loc);
	if (!it->period_id) {
		it->period = c->document ? c->document->period : NULL;
		if (!c->document || !c->document->period_id)
			pp_diagf(c->diags, PP_MSG_IND_TABLE_PERIOD, &v->loc);
	}
	check_theme_list(c, it->theme_ids, it->n_theme_ids, &v->loc);
	check_where(c, v, it->where_text, &it->where, 1);
	it->group_theme = 0;
	if (it->group_text) {
		if (strcmp(it->group_text, "theme") == 0)
			it->group_theme = 1;
		else
			pp_diagf(c->diags, PP_MSG_BAD_GROUP, &v->loc, it->group_text);
	}
	double percent = 0;
	for (size_t i = 0; i < it->n_columns; i++) {
		struct pp_column *col = &it->columns[i];
		enum pp_ind_field f;
		col->custom = NULL;
		col->field = PP_FIELD_CUSTOM;
		if (pp_ind_field_from_string(col->field_text, &f) == 0) {
			col->ind_field = (int)f;
		} else {
			const struct id_slot *fs = lookup(&c->ids, ID_FIELD, col->field_text);
			const struct pp_field_def *fd = fs ? fs->ptr : NULL;
			col->ind_field = PP_IND_CUSTOM;
			if (fd && fd->on == PP_ON_INDICATOR) {
				col->custom = fd;
			} else {
				char *list = ind_field_list();
				pp_diagf(c->diags, PP_MSG_BAD_FIELD, &col->loc,
					 col->field_text ? col->field_text : "", list);
				free(list);
			}
		}
		col->period = resolve_period(c, col->period_id, &col->loc);
		if (col->periods_text && col->ind_field != PP_IND_STATUS_HISTORY)
			pp_diagf(c->diags, PP_MSG_PERIODS_NOT_HISTORY, &col->loc, col->periods_text,
				 col->field_text ? col->field_text : "");
		if (col->ind_field == PP_IND_COMPARATOR && is_blank(col->name)) {
			char *names = NULL;
			for (size_t t = 0; t < c->doc->n_themes && !names; t++) {
				const struct pp_theme *th = &c->doc->themes[t];
				if (th->n_indicators && th->indicators[0].n_comparators)
					names = pp_xasprintf("such as \"%s\"",
							     th->indicators[0].comparators[0].name);
			}
			pp_diagf(c->diags, PP_MSG_IND_COMPARATOR, &col->loc,
				 names ? names : "as its <comparator name=\"...\"> does");
			free(names);
		}
		if (col->show_bar || col->join_and || col->merge)
			pp_diagf(c->diags, PP_MSG_BAD_MERGE, &col->loc,
				 col->field_text ? col->field_text : "");
		if (parse_width(col->width_text, &col->width) != 0) {
			pp_diagf(c->diags, PP_MSG_BAD_WIDTH, &col->loc, col->width_text);
			col->width = (struct pp_width){PP_WIDTH_AUTO, 0};
		} else if (col->width.kind == PP_WIDTH_PERCENT) {
			percent += col->width.value;
		}
	}
	if (percent > 100.05)
		pp_diagf(c->diags, PP_MSG_WIDTH_OVER, &v->loc, percent);
}

static void check_views(struct checker *c, struct pp_view *views, size_t n);

/* ---------- where="..." on a priority table ------------------------------- */

struct where_check {
	struct checker *c;
	const struct pp_view *v;
	const char *text;  /* the filter as written */
	int indicators;	   /* an indicator table's filter, else a priority table's */
};

/* "RED, AMBER, GREEN, AMBER/GREEN, COMPLETE or N/A": the RAG words. */
static char *rag_list(void)
{
	return pp_xstrdup("GREEN, AMBER/GREEN, AMBER, RED, COMPLETE or N/A");
}

/* Settle each of `values` as a status of `sc` (NULL: RAG), written as
 * the row gives it (its label or RAG word); report those not in it. */
static void where_statuses(struct where_check *w, const char *name, const struct pp_scale *sc,
			   char **values, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		enum pp_rag rag;
		const struct pp_status *st;
		if (find_status(w->c, sc, values[k], &rag, &st) == 0) {
			free(values[k]);
			values[k] = pp_xstrdup(pp_status_word(rag, st));
			continue;
		}
		char *list = sc ? scale_list(sc) : rag_words_list(w->c->doc);
		if (!list)
			list = rag_list();
		pp_diagf(w->c->diags, PP_MSG_FILTER_VALUE, &w->v->loc, w->text, name,
			 values[k], list);
		free(list);
	}
}

/* An indicator table's status values: indicators name their scales each,
 * so a value is settled in RAG or in any scale of the plan. */
static void where_any_statuses(struct where_check *w, const char *name, char **values, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		enum pp_rag rag;
		const struct pp_status *st;
		int found = find_status(w->c, NULL, values[k], &rag, &st) == 0;
		for (size_t i = 0; !found && i < w->c->doc->n_scales; i++)
			found = find_status(w->c, &w->c->doc->scales[i], values[k], &rag, &st) == 0;
		if (found) {
			free(values[k]);
			values[k] = pp_xstrdup(pp_status_word(rag, st));
			continue;
		}
		pp_diagf(w->c->diags, PP_MSG_FILTER_VALUE, &w->v->loc, w->text, name, values[k],
			 "a RAG rating or the label of a status of one of the plan's scales");
	}
}

/* "ref is CH8" in an indicator table: an indicator's reference. */
static int indicator_ref_known(const struct pp_doc *doc, const char *ref)
{
	for (size_t t = 0; t < doc->n_themes; t++) {
		const struct pp_theme *th = &doc->themes[t];
		for (size_t k = 0; k < th->n_indicators; k++)
			if (pp_filter_same_words(ref, th->indicators[k].ref))
				return 1;
		for (size_t p = 0; p < th->n_priorities; p++)
			for (size_t k = 0; k < th->priorities[p].n_indicators; k++)
				if (pp_filter_same_words(ref, th->priorities[p].indicators[k].ref))
					return 1;
	}
	return 0;
}

/* "theme is homes": a theme by its title or id (settled as its title);
 * "ref is H1": a priority's reference. A value naming none is an error,
 * so a typing slip is not an empty exception report. */
static void where_names(struct where_check *w, const char *name, char **values, size_t n)
{
	const struct pp_doc *doc = w->c->doc;
	int theme = strcmp(name, "theme") == 0;
	for (size_t k = 0; k < n; k++) {
		int found = 0;
		for (size_t t = 0; t < doc->n_themes && !found; t++) {
			const struct pp_theme *th = &doc->themes[t];
			if (theme) {
				if (pp_filter_same_words(values[k], th->title) ||
				    (th->id && strcmp(values[k], th->id) == 0)) {
					free(values[k]);
					values[k] = pp_xstrdup(th->title ? th->title : "");
					found = 1;
				}
				continue;
			}
			for (size_t i = 0; i < th->n_priorities && !found && !w->indicators; i++)
				found = pp_filter_same_words(values[k], th->priorities[i].ref);
		}
		if (!theme && w->indicators)
			found = indicator_ref_known(doc, values[k]);
		if (!found)
			pp_diagf(w->c->diags, PP_MSG_FILTER_VALUE, &w->v->loc, w->text,
				 name, values[k],
				 theme		   ? "a theme's title or id"
				 : w->indicators ? "the ref of an indicator of the plan"
						 : "the ref of a priority of the plan");
	}
}

/* The words a trend may be written as; others reported. */
static void where_trends(struct where_check *w, const char *name, char **values, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		int known = 0;
		for (int t = PP_TREND_NONE; t <= PP_TREND_WORSE; t++)
			known |= pp_filter_same_words(values[k], pp_trend_word((enum pp_trend)t));
		if (!known)
			pp_diagf(w->c->diags, PP_MSG_FILTER_VALUE, &w->v->loc, w->text, name, values[k],
				 "Better, Worse, No change or Not available");
	}
}

/* A condition of an indicator table's filter. */
static int where_indicator_condition(struct where_check *w, const char *name, char **values,
				     size_t n)
{
	if (strcmp(name, "status") == 0 || strcmp(name, "previous-status") == 0) {
		where_any_statuses(w, name, values, n);
		return 0;
	}
	if (strcmp(name, "trend") == 0 || strcmp(name, "trend-year") == 0) {
		where_trends(w, name, values, n);
		return 0;
	}
	if (strcmp(name, "overridden") == 0) {
		for (size_t k = 0; k < n; k++)
			if (!pp_filter_same_words(values[k], "yes") && !pp_filter_same_words(values[k], "no"))
				pp_diagf(w->c->diags, PP_MSG_FILTER_VALUE, &w->v->loc, w->text, name,
					 values[k], "yes or no");
		return 0;
	}
	if (strcmp(name, "theme") == 0 || strcmp(name, "ref") == 0) {
		where_names(w, name, values, n);
		return 0;
	}
	if (strncmp(name, "field:", 6) == 0) {
		const struct id_slot *fs = lookup(&w->c->ids, ID_FIELD, name + 6);
		const struct pp_field_def *fd = fs ? fs->ptr : NULL;
		if (fd && fd->on == PP_ON_INDICATOR) {
			if (fd->type == PP_VALUE_STATUS)
				where_statuses(w, name, fd->scale, values, n);
			return 0;
		}
	}
	pp_diagf(w->c->diags, PP_MSG_FILTER_NAME, &w->v->loc, w->text, name,
		 "status, previous-status, trend, trend-year, overridden, theme, ref or "
		 "field:ID of a field on indicators");
	return 0;
}

static int where_condition(void *closure, const char *name, char **values, size_t n)
{
	struct where_check *w = closure;
	if (w->indicators)
		return where_indicator_condition(w, name, values, n);
	if (strcmp(name, "status") == 0 || strcmp(name, "previous-status") == 0) {
		where_statuses(w, name, w->c->doc->update_scale, values, n);
		return 0;
	}
	if (strcmp(name, "trend") == 0) {
		where_trends(w, name, values, n);
		return 0;
	}
	if (strcmp(name, "theme") == 0 || strcmp(name, "ref") == 0) {
		where_names(w, name, values, n);
		return 0;
	}
	if (strncmp(name, "field:", 6) == 0) {
		const struct id_slot *fs = lookup(&w->c->ids, ID_FIELD, name + 6);
		const struct pp_field_def *fd = fs ? fs->ptr : NULL;
		if (fd && (fd->on == PP_ON_THEME || fd->on == PP_ON_PRIORITY || fd->on == PP_ON_UPDATE)) {
			if (fd->type == PP_VALUE_STATUS)
				where_statuses(w, name, fd->scale, values, n);
			return 0;
		}
	}
	char *fields = pp_xstrdup("status, previous-status, trend, theme, ref or field:ID "
				  "of a field on themes, priorities or updates");
	pp_diagf(w->c->diags, PP_MSG_FILTER_NAME, &w->v->loc, w->text, name, fields);
	free(fields);
	return 0;
}

/* Parse and settle `text`, the @where of view `v` (a priority table, or
 * an indicator table when `indicators`), into *out. */
static void check_where(struct checker *c, const struct pp_view *v, const char *text,
			struct pp_filter **out, int indicators)
{
	pp_filter_free(*out);
	*out = NULL;
	if (!text)
		return;
	*out = pp_filter_parse(text, &v->loc, c->diags);
	struct where_check w = { c, v, text, indicators };
	pp_filter_visit(*out, where_condition, &w);
}

/* ---------- indicator charts ----------------------------------------------- */

/* Edit distance between a and b, ignoring case (insertions, deletions,
 * substitutions), for suggesting what a mistyped id meant. */
static size_t id_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *row = pp_xcalloc(lb + 1, sizeof *row);
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t sub = diag + (tolower((unsigned char)a[i - 1]) !=
					     tolower((unsigned char)b[j - 1]));
			size_t best = up + 1 < row[j - 1] + 1 ? up + 1 : row[j - 1] + 1;
			row[j] = sub < best ? sub : best;
			diag = up;
		}
	}
	size_t d = row[lb];
	free(row);
	return d;
}

#define NEARBY_IDS 5

/* Keep `id` among the NEARBY_IDS nearest to `want` (plan order on a tie). */
static void keep_nearby(const char *want, const char *id, const char **near, size_t *dist,
			size_t *n)
{
	if (!id)
		return;
	size_t d = id_distance(want, id), k = *n < NEARBY_IDS ? (*n)++ : NEARBY_IDS;
	if (k == NEARBY_IDS && d >= dist[NEARBY_IDS - 1])
		return;
	if (k == NEARBY_IDS)
		k--;
	while (k > 0 && dist[k - 1] > d) {
		near[k] = near[k - 1];
		dist[k] = dist[k - 1];
		k--;
	}
	near[k] = id;
	dist[k] = d;
}

/* The indicator named `id`; an unknown one is reported with the plan's
 * indicator ids nearest to it, so a typo is found at a glance. */
static const struct pp_indicator *resolve_indicator(struct checker *c, const char *id,
						    const struct pp_loc *loc)
{
	const struct id_slot *s = id ? lookup(&c->ids, ID_INDICATOR, id) : NULL;
	if (s)
		return s->ptr;
	const char *near[NEARBY_IDS];
	size_t dist[NEARBY_IDS], n = 0;
	for (size_t t = 0; t < c->doc->n_themes; t++) {
		const struct pp_theme *th = &c->doc->themes[t];
		for (size_t k = 0; k < th->n_indicators; k++)
			keep_nearby(id ? id : "", th->indicators[k].id, near, dist, &n);
		for (size_t p = 0; p < th->n_priorities; p++)
			for (size_t k = 0; k < th->priorities[p].n_indicators; k++)
				keep_nearby(id ? id : "", th->priorities[p].indicators[k].id, near,
					    dist, &n);
	}
	while (n > 1 && dist[n - 1] > dist[0] + 1) /* only the nearest few */
		n--;
	char *list = pp_xstrdup(n ? "nearest:" : "the plan declares no indicators");
	for (size_t i = 0; i < n; i++) {
		char *more = pp_xasprintf("%s%s \"%s\"", list, i ? "," : "", near[i]);
		free(list);
		list = more;
	}
	pp_diagf(c->diags, PP_MSG_UNKNOWN_INDICATOR, loc, id ? id : "", list);
	free(list);
	return NULL;
}

static void check_indicator_chart(struct checker *c, struct pp_view *v)
{
	struct pp_indicator_chart *ic = &v->u.ichart;
	ic->indicator = resolve_indicator(c, ic->indicator_id, &v->loc);
	ic->period = ic->period_id ? resolve_period(c, ic->period_id, &v->loc)
		     : c->document ? c->document->period
				   : NULL;
}

static void check_view(struct checker *c, struct pp_view *v)
{
	switch (v->kind) {
	case PP_VIEW_BLOCKS:
		check_blocks(c, &v->u.blocks);
		break;
	case PP_VIEW_SECTION:
		define_id(c, ID_SECTION, v->u.section.id, v, 0, &v->loc, PP_MSG_DUP_ID);
		if (is_blank(v->u.section.title))
			pp_diagf(c->diags, PP_MSG_EMPTY_TEXT, &v->loc, "section title=\"\"");
		check_views(c, v->u.section.children, v->u.section.n_children);
		break;
	case PP_VIEW_PRIORITY_TABLE:
		v->u.table.period = resolve_period(c, v->u.table.period_id, &v->loc);
		check_theme_list(c, v->u.table.theme_ids, v->u.table.n_theme_ids, &v->loc);
		if (v->u.table.n_columns == 0)
			pp_diagf(c->diags, PP_MSG_BAD_COLUMNS, &v->loc, "priority-table");
		check_columns(c, v->u.table.columns, v->u.table.n_columns, table_fields,
			      N_OF(table_fields), &v->loc);
		v->u.table.group_theme = 0;
		v->u.table.group_field = NULL;
		if (v->u.table.group_text) {
			const char *g = v->u.table.group_text;
			const struct id_slot *fs = lookup(&c->ids, ID_FIELD, g);
			const struct pp_field_def *fd = fs ? fs->ptr : NULL;
			if (strcmp(g, "theme") == 0)
				v->u.table.group_theme = 1;
			else if (fd && (fd->on == PP_ON_THEME || fd->on == PP_ON_PRIORITY))
				v->u.table.group_field = fd;
			else
				pp_diagf(c->diags, PP_MSG_BAD_GROUP, &v->loc, g);
		}
		check_where(c, v, v->u.table.where_text, &v->u.table.where, 0);
		break;
	case PP_VIEW_INDICATOR_TABLE:
		check_indicator_table(c, v);
		break;
	case PP_VIEW_INDICATOR_CHART:
		check_indicator_chart(c, v);
		break;
	case PP_VIEW_GLOSSARY:
		free(v->u.glossary.groups);
		v->u.glossary.groups = resolve_groups(c, v->u.glossary.group_ids,
						      v->u.glossary.n_group_ids, &v->loc);
		break;
	case PP_VIEW_KEY_PRIORITIES:
		check_theme_list(c, v->u.key.theme_ids, v->u.key.n_theme_ids, &v->loc);
		if (v->u.key.numbering && !pp_numbering_known(v->u.key.numbering))
			pp_diagf(c->diags, PP_MSG_BAD_NUMBERING, &v->loc, v->u.key.numbering);
		break;
	case PP_VIEW_FRONT_SHEET:
	case PP_VIEW_COVER:
	case PP_VIEW_CONTENTS:
	case PP_VIEW_PAGE_BREAK:
		break;
	case PP_VIEW_MATRIX:
		free(v->u.matrix.groups);
		v->u.matrix.groups = resolve_groups(c, v->u.matrix.group_ids,
						    v->u.matrix.n_group_ids, &v->loc);
		check_theme_list(c, v->u.matrix.theme_ids, v->u.matrix.n_theme_ids, &v->loc);
		check_columns(c, v->u.matrix.columns, v->u.matrix.n_columns, matrix_fields,
			      N_OF(matrix_fields), &v->loc);
		break;
	case PP_VIEW_POSTER:
		check_blocks(c, &v->u.poster.banner);
		for (size_t t = 0; t < v->u.poster.n_tiers; t++) {
			struct pp_poster_tier *tier = &v->u.poster.tiers[t];
			if (tier->from_theme_id)
				tier->from_theme = resolve_theme(c, tier->from_theme_id, &tier->loc);
			if (tier->from != PP_TIER_BOXES && (tier->n_boxes || tier->from_theme_id))
				pp_diagf(c->diags, PP_MSG_TIER_FROM_AND_BOXES, &tier->loc,
					 tier->from == PP_TIER_THEMES ? "themes" : "priorities",
					 tier->n_boxes ? "<box>es" : "from-theme");
			for (size_t b = 0; b < tier->n_boxes; b++) {
				struct pp_poster_box *box = &tier->boxes[b];
				if (box->span > v->u.poster.columns)
					pp_diagf(c->diags, PP_MSG_BAD_SPAN, &box->loc, box->span,
						 v->u.poster.columns);
				if (box->theme_id)
					box->theme = resolve_theme(c, box->theme_id, &box->loc);
			}
		}
		break;
	case PP_VIEW_ASSESSMENT:
		check_columns(c, v->u.assessment.columns, v->u.assessment.n_columns,
			      assessment_fields, N_OF(assessment_fields), &v->loc);
		for (size_t a = 0; a < v->u.assessment.n_areas; a++) {
			struct pp_area *ar = &v->u.assessment.areas[a];
			if (is_blank(ar->title))
				pp_diagf(c->diags, PP_MSG_EMPTY_TEXT, &ar->loc, "area title=\"\"");
			for (size_t q = 0; q < ar->n_questions; q++) {
				if (inline_blank(&ar->questions[q].ask))
					pp_diagf(c->diags, PP_MSG_EMPTY_TEXT, &ar->questions[q].loc,
						 "ask");
				check_blocks(c, &ar->questions[q].response);
			}
		}
		break;
	case PP_VIEW_STATUS_SUMMARY: {
		struct pp_status_summary *ss = &v->u.summary;
		ss->period = resolve_period(c, ss->period_id, &v->loc);
		if (ss->of == PP_COUNT_INDICATORS) {
			/* Indicators name their scale each: @scale chooses which
			 * are counted (default RAG); their statuses are one
			 * period's. */
			int ok = 1;
			ss->scale = resolve_scale(c, ss->scale_id, &v->loc, &ok);
			if (!ss->period_id && (!c->document || !c->document->period_id))
				pp_diagf(c->diags, PP_MSG_SUMMARY_PERIOD, &v->loc);
			break;
		}
		if (ss->no_target_text)
			pp_diagf(c->diags, PP_MSG_SUMMARY_NO_TARGET, &v->loc, ss->no_target_text,
				 ss->of == PP_COUNT_ACTIONS ? "actions" : "priorities");
		/* The scale the counted items are rated on; @scale only names it. */
		const struct pp_scale *rated =
			ss->of == PP_COUNT_ACTIONS ? c->doc->line_scale : c->doc->update_scale;
		int ok = 1;
		const struct pp_scale *named = resolve_scale(c, ss->scale_id, &v->loc, &ok);
		if (ok && ss->scale_id && named != rated)
			pp_diagf(c->diags, PP_MSG_SUMMARY_SCALE, &v->loc,
				 ss->of == PP_COUNT_ACTIONS ? "actions' outcome lines"
							    : "priorities' updates",
				 rated ? rated->id : "rag", ss->scale_id, rated ? rated->id : "rag");
		ss->scale = rated;
		break;
	}
	case PP_VIEW_STATUS_KEY: {
		struct pp_status_key *k = &v->u.status_key;
		k->scale = NULL;
		if (k->scale_id && strcmp(k->scale_id, "rag") != 0) {
			k->scale = pp_scale_find(c->doc, k->scale_id);
			if (!k->scale) {
				char *list = scale_ids(c->doc);
				pp_diagf(c->diags, PP_MSG_UNKNOWN_SCALE, &v->loc, k->scale_id, list);
				free(list);
			}
		}
		break;
	}
	case PP_VIEW_LINKED_PLANS:
		check_columns(c, v->u.linked.columns, v->u.linked.n_columns, linked_fields,
			      N_OF(linked_fields), &v->loc);
		for (size_t i = 0; i < v->u.linked.n_plans; i++) {
			struct pp_linked_plan *lp = &v->u.linked.plans[i];
			if (inline_blank(&lp->name))
				pp_diagf(c->diags, PP_MSG_EMPTY_TEXT, &lp->loc, "name");
			free(lp->priorities);
			lp->priorities = pp_xcalloc(lp->n_priority_ids ? lp->n_priority_ids : 1,
						    sizeof *lp->priorities);
			for (size_t k = 0; k < lp->n_priority_ids; k++) {
				const struct id_slot *s =
					lookup(&c->ids, ID_PRIORITY, lp->priority_ids[k]);
				if (!s)
					pp_diagf(c->diags, PP_MSG_UNKNOWN_PRIORITY, &lp->loc,
						 lp->priority_ids[k]);
				else
					lp->priorities[k] = s->ptr;
			}
		}
		break;
	}
}

static void check_views(struct checker *c, struct pp_view *views, size_t n)
{
	for (size_t i = 0; i < n; i++)
		check_view(c, &views[i]);
}

/* A plain file name: it is joined to the output directory, so no '/', no "..". */
static int output_name_ok(const char *s)
{
	if (!s || !*s || s[0] == '.' || strlen(s) > 200)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_' && *s != '.')
			return 0;
	return 1;
}

/* A document that is only a plan on a page (matrix or poster views) is a
 * wall poster. */
static int is_poster_document(const struct pp_document *d)
{
	for (size_t i = 0; i < d->n_views; i++)
		if (d->views[i].kind != PP_VIEW_MATRIX && d->views[i].kind != PP_VIEW_POSTER)
			return 0;
	return d->n_views > 0;
}

/* A running header or footer is at most PP_RUNNING_MAX characters, as
 * written and filled in (model.h); the template's is checked by layout. */
static void check_running(struct checker *c, const char *pattern, const struct pp_loc *loc,
			  const char *which)
{
	if (pattern && pp_running_length(&c->doc->facts, pattern, PP_RUNNING_MAX) > PP_RUNNING_MAX)
		pp_diagf(c->diags, PP_MSG_RUNNING_LONG, loc, which, PP_RUNNING_MAX);
}

/* A fact overridden by the document, or the plan's. */
#define OWN(field) (d->facts.field ? d->facts.field : plan->field)

/*
 * The facts a document prints: its own <facts> over the plan's, and the
 * period it names. So one plan yields its Q1 and Q2 packs, each with its
 * own quarter, meeting and status; {period} reads the document's quarter.
 */
static void check_document_facts(struct checker *c, struct pp_document *d)
{
	const struct pp_facts *plan = &c->doc->facts;
	struct pp_facts *own = &d->facts;
	d->period = resolve_period(c, d->period_id, &d->loc);
	if (d->has_facts) {
		if (own->organisation && is_blank(own->organisation))
			pp_diagf(c->diags, PP_MSG_EMPTY_TEXT, &own->organisation_loc, "organisation");
		if (own->title && is_blank(own->title))
			pp_diagf(c->diags, PP_MSG_EMPTY_TEXT, &own->title_loc, "title");
		check_blocks(c, &own->vision);
		own->has_meeting_date = 0;
		if (own->meeting_date_text) {
			if (parse_date(own->meeting_date_text, &own->meeting_date) == 0)
				own->has_meeting_date = 1;
			else
				pp_diagf(c->diags, PP_MSG_BAD_DATE, &own->meeting_loc,
					 own->meeting_date_text);
		}
	}
	struct pp_facts *e = &d->eff;
	*e = *plan; /* borrowed: see model.h */
	e->organisation = OWN(organisation);
	e->title = OWN(title);
	e->subtitle = OWN(subtitle);
	e->period = own->period ? own->period : d->period ? d->period->label : plan->period;
	e->strapline = OWN(strapline);
	e->vision_title = OWN(vision_title);
	if (own->vision.n_items)
		e->vision = own->vision;
	e->status = OWN(status);
	e->committee = OWN(committee);
	if (own->meeting_loc.line) { /* <meeting> given: text and date together */
		e->meeting_text = own->meeting_text;
		e->meeting_date_text = own->meeting_date_text;
		e->has_meeting_date = own->has_meeting_date;
		e->meeting_date = own->meeting_date;
		e->meeting_loc = own->meeting_loc;
	}
	if (own->author) {
		e->author = own->author;
		e->author_role = own->author_role;
	}
}

#undef OWN

static void check_documents(struct checker *c)
{
	if (c->doc->n_documents == 0) {
		pp_diagf(c->diags, PP_MSG_NO_DOCUMENTS, &c->doc->loc);
		return;
	}
	for (size_t i = 0; i < c->doc->n_documents; i++) {
		struct pp_document *d = &c->doc->documents[i];
		define_id(c, ID_DOCUMENT, d->id, d, 0, &d->loc, PP_MSG_DUP_ID);
		if (!output_name_ok(d->output))
			pp_diagf(c->diags, PP_MSG_BAD_OUTPUT, &d->loc, d->output ? d->output : "");
		else
			define_id(c, ID_OUTPUT, d->output, d, 0, &d->loc, PP_MSG_DUP_OUTPUT);
		check_document_facts(c, d);
		c->document = d;
		check_views(c, d->views, d->n_views);
		c->document = NULL;
		check_running(c, d->running_header, &d->running_header_loc, "header");
		check_running(c, d->running_footer, &d->running_footer_loc, "footer");
		/* Posters default to A3 landscape, the sheet councils pin up;
		 * every other document to A4 portrait. */
		if (is_poster_document(d)) {
			if (!d->has_page)
				d->page = PP_PAGE_A3;
			if (!d->has_orientation)
				d->orientation = PP_LANDSCAPE;
		}
	}
}

/* ---------- priorities a progress table will show blank ---------------- */

/* At most this many priorities are named per period; then one count. */
#define MAX_NO_UPDATE_NAMED 20

static int shows_update(const struct pp_priority_table *t)
{
	for (size_t i = 0; i < t->n_columns; i++)
		switch (t->columns[i].field) {
		case PP_FIELD_TIMESCALE:
		case PP_FIELD_MILESTONES:
		case PP_FIELD_COMMENTARY:
		case PP_FIELD_RAG:
			return 1;
		default:
			break;
		}
	return 0;
}

static int has_update_for(const struct pp_priority *p, const struct pp_period *period)
{
	for (size_t u = 0; u < p->n_updates; u++)
		if (p->updates[u].period == period)
			return 1;
	return 0;
}

static int theme_listed(const struct pp_priority_table *t, const struct pp_theme *th)
{
	if (t->n_theme_ids == 0)
		return 1;
	for (size_t i = 0; i < t->n_theme_ids; i++)
		if (t->theme_ids[i] && strcmp(t->theme_ids[i], th->id) == 0)
			return 1;
	return 0;
}

/* A document's views other than sections, in document order: what the
 * missing-return warnings look at, gathered once for all three. */
struct leaf_views {
	const struct pp_view **v;
	size_t n, cap;
};

static void collect_leaf_views(const struct pp_view *views, size_t n, struct leaf_views *out)
{
	for (size_t i = 0; i < n; i++) {
		if (views[i].kind == PP_VIEW_SECTION) {
			collect_leaf_views(views[i].u.section.children,
					   views[i].u.section.n_children, out);
			continue;
		}
		PP_GROW(out->v, out->n + 1, out->cap);
		out->v[out->n++] = &views[i];
	}
}

/* Is this the first view to warn about `period`'s missing returns? Notes
 * it in (*warned, *n_warned), so each period is warned about once. */
static int first_warning(const struct pp_period *period, const struct pp_period ***warned,
			 size_t *n_warned, size_t *cap)
{
	for (size_t i = 0; i < *n_warned; i++)
		if ((*warned)[i] == period)
			return 0;
	PP_GROW(*warned, *n_warned + 1, *cap);
	(*warned)[(*n_warned)++] = period;
	return 1;
}

/*
 * A priority with no update for the period a progress table reports is a
 * blank row: almost always a return not yet filled in. Say which, once per
 * period however many tables report it.
 */
static void warn_missing_updates(struct checker *c, const struct pp_document *d,
				 const struct leaf_views *leaves,
				 const struct pp_period ***warned, size_t *n_warned, size_t *cap)
{
	for (size_t v = 0; v < leaves->n; v++) {
		const struct pp_view *view = leaves->v[v];
		if (view->kind != PP_VIEW_PRIORITY_TABLE)
			continue;
		const struct pp_priority_table *t = &view->u.table;
		/* A table with no period of its own shows each priority's
		 * latest update: in a document of a period, one with none
		 * for that period is still a return not yet filled in. */
		const struct pp_period *period = t->period ? t->period : d->period;
		if (!period || !shows_update(t))
			continue;
		if (!first_warning(period, warned, n_warned, cap))
			continue;
		size_t missing = 0;
		for (size_t th = 0; th < c->doc->n_themes; th++) {
			const struct pp_theme *theme = &c->doc->themes[th];
			if (!theme_listed(t, theme))
				continue;
			for (size_t i = 0; i < theme->n_priorities; i++) {
				const struct pp_priority *p = &theme->priorities[i];
				if (has_update_for(p, period))
					continue;
				if (missing++ >= MAX_NO_UPDATE_NAMED)
					continue;
				if (t->period)
					pp_diagf(c->diags, PP_MSG_NO_UPDATE, &p->loc, p->id,
						 period->id);
				else
					pp_diagf(c->diags, PP_MSG_NO_UPDATE_LATEST, &p->loc, p->id,
						 period->id);
			}
		}
		if (missing > MAX_NO_UPDATE_NAMED)
			pp_diagf(c->diags, PP_MSG_NO_UPDATE_MORE, &view->loc,
				 missing - MAX_NO_UPDATE_NAMED, period->id);
	}
}

/* ---------- committee papers: numbers and cross-references -------------- */

/* Which indicators a view shows or counts, and how to say one lacks a figure. */
struct actual_check {
	const struct pp_period *period;
	int any_scale;		      /* a table shows all; a summary counts one scale's */
	const struct pp_scale *scale; /* !any_scale: only these (NULL: RAG) */
	enum pp_msg msg;	      /* PP_MSG_IND_NO_ACTUAL or ..._COUNTED */
};

/* Does `ind` have an <actual> for `period`, read or not? (A figure that
 * did not read is an error already.) */
static int actual_written(const struct pp_indicator *ind, const struct pp_period *period)
{
	for (size_t k = 0; k < ind->n_actuals; k++)
		if (ind->actuals[k].period == period)
			return 1;
	return 0;
}

/* Indicators a view shows or counts with no <actual> for its period
 * (each period once, the first MAX_NO_UPDATE_NAMED named). */
static size_t warn_no_actual(struct checker *c, const struct pp_indicator *v, size_t n,
			     const struct actual_check *ac, size_t missing)
{
	const struct pp_period *period = ac->period;
	for (size_t i = 0; i < n; i++) {
		if (!ac->any_scale && v[i].scale != ac->scale)
			continue;
		const struct pp_ind_period *r = pp_indicator_at(c->doc, &v[i], period);
		if (!r || r->has_value || r->missing != PP_MISSING_NONE)
			continue;
		if (actual_written(&v[i], period))
			continue;
		PP_GROW(c->no_actual, c->n_no_actual + 1, c->cap_no_actual);
		c->no_actual[c->n_no_actual++] = (struct ind_at){&v[i], period, 0};
		if (missing++ < MAX_NO_UPDATE_NAMED)
			pp_diagf(c->diags, ac->msg, &v[i].loc, v[i].id ? v[i].id : "", period->id);
	}
	return missing;
}

/*
 * Indicators an indicator table shows, or a status summary of indicators
 * counts, with no <actual> for its period: a return not yet filled in.
 * Each period once, however many views show it.
 */
static void warn_missing_actuals(struct checker *c, const struct pp_document *d,
				 const struct leaf_views *leaves,
				 const struct pp_period ***warned, size_t *n_warned, size_t *cap)
{
	for (size_t v = 0; v < leaves->n; v++) {
		const struct pp_view *view = leaves->v[v];
		struct actual_check ac = {0};
		char **theme_ids = NULL;
		size_t n_theme_ids = 0;
		enum pp_msg more;
		if (view->kind == PP_VIEW_INDICATOR_TABLE) {
			const struct pp_indicator_table *t = &view->u.itable;
			ac = (struct actual_check){t->period, 1, NULL, PP_MSG_IND_NO_ACTUAL};
			theme_ids = t->theme_ids;
			n_theme_ids = t->n_theme_ids;
			more = PP_MSG_IND_NO_ACTUAL_MORE;
		} else if (view->kind == PP_VIEW_STATUS_SUMMARY &&
			   view->u.summary.of == PP_COUNT_INDICATORS) {
			const struct pp_status_summary *ss = &view->u.summary;
			ac = (struct actual_check){ss->period ? ss->period : d->period, 0, ss->scale,
						   PP_MSG_IND_NO_ACTUAL_COUNTED};
			more = PP_MSG_IND_NO_ACTUAL_COUNTED_MORE;
		} else {
			continue;
		}
		if (!ac.period)
			continue;
		if (!first_warning(ac.period, warned, n_warned, cap))
			continue;
		size_t missing = 0;
		for (size_t th = 0; th < c->doc->n_themes; th++) {
			const struct pp_theme *theme = &c->doc->themes[th];
			int listed = n_theme_ids == 0;
			for (size_t k = 0; k < n_theme_ids; k++)
				listed |= theme->id && strcmp(theme->id, theme_ids[k]) == 0;
			if (!listed)
				continue;
			missing = warn_no_actual(c, theme->indicators, theme->n_indicators, &ac,
						 missing);
			for (size_t i = 0; i < theme->n_priorities; i++)
				missing = warn_no_actual(c, theme->priorities[i].indicators,
							 theme->priorities[i].n_indicators, &ac,
							 missing);
		}
		if (missing > MAX_NO_UPDATE_NAMED)
			pp_diagf(c->diags, more, &view->loc, missing - MAX_NO_UPDATE_NAMED,
				 ac.period->id);
	}
}

/* Order (indicator, period) pairs; then, of one pair, by order. */
static int ind_at_cmp(const void *x, const void *y)
{
	const struct ind_at *a = x, *b = y;
	uintptr_t ai = (uintptr_t)a->ind, bi = (uintptr_t)b->ind;
	uintptr_t ap = (uintptr_t)a->period, bp = (uintptr_t)b->period;
	if (ai != bi)
		return ai < bi ? -1 : 1;
	if (ap != bp)
		return ap < bp ? -1 : 1;
	return (a->order > b->order) - (a->order < b->order);
}

/* The indicator charts of `leaves` whose indicator has no <actual> for the
 * chart's period, appended to (*out, *n) in document order. */
static void charted_without_actual(struct checker *c, const struct leaf_views *leaves,
				   struct ind_at **out, size_t *n_out, size_t *cap)
{
	for (size_t v = 0; v < leaves->n; v++) {
		const struct pp_view *view = leaves->v[v];
		if (view->kind != PP_VIEW_INDICATOR_CHART)
			continue;
		const struct pp_indicator_chart *ic = &view->u.ichart;
		if (!ic->indicator || !ic->period)
			continue;
		const struct pp_ind_period *r = pp_indicator_at(c->doc, ic->indicator, ic->period);
		if (!r || r->has_value || r->missing != PP_MISSING_NONE ||
		    actual_written(ic->indicator, ic->period))
			continue;
		PP_GROW(*out, *n_out + 1, *cap);
		(*out)[*n_out] = (struct ind_at){ic->indicator, ic->period, *n_out};
		(*n_out)++;
	}
}

/*
 * An indicator chart of the document's period (or its own @period) whose
 * indicator has no <actual> for it shows a gap where the latest figure
 * should be: a return not yet filled in, as for tables. Said once per
 * indicator and period, and not again when a table or summary said it.
 */
static void warn_missing_charted(struct checker *c, const struct leaf_views *leaves)
{
	struct ind_at *found = NULL;
	size_t n = 0, cap = 0;
	for (size_t d = 0; d < c->doc->n_documents; d++)
		charted_without_actual(c, &leaves[d], &found, &n, &cap);
	if (n == 0)
		return;
	if (c->n_no_actual) /* none: no array at all, and qsort wants one */
		qsort(c->no_actual, c->n_no_actual, sizeof *c->no_actual, ind_at_cmp);
	struct ind_at *sorted = pp_xcalloc(n, sizeof *sorted);
	memcpy(sorted, found, n * sizeof *sorted);
	qsort(sorted, n, sizeof *sorted, ind_at_cmp);
	unsigned char *say = pp_xcalloc(n, 1);
	for (size_t i = 0; i < n; i++) {
		int first = i == 0 || sorted[i - 1].ind != sorted[i].ind ||
			    sorted[i - 1].period != sorted[i].period;
		struct ind_at key = sorted[i];
		key.order = 0;
		/* any recorded pair of a table or summary sorts at order 0 */
		int told = c->n_no_actual &&
			   bsearch(&key, c->no_actual, c->n_no_actual, sizeof key, ind_at_cmp);
		say[sorted[i].order] = first && !told;
	}
	for (size_t i = 0; i < n; i++)
		if (say[i])
			pp_diagf(c->diags, PP_MSG_IND_NO_ACTUAL_CHARTED, &found[i].ind->loc,
				 found[i].ind->id ? found[i].ind->id : "", found[i].period->id);
	free(say);
	free(sorted);
	free(found);
}

/*
 * A numbered document (numbered="yes") numbers its top-level sections 1, 2,
 * 3 ... unless they are appendices or annexes, and the paragraphs of each
 * section 1.1, 1.2 ... through its sub-sections (as council reports do:
 * "5 Supporting Information" keeps 5.1 ... 5.9 under its sub-headings).
 * With numbered="sub-sections" a section's sub-sections are numbered too,
 * in one sequence with its paragraphs (5.1 a paragraph, 5.2 a sub-section),
 * and number their own paragraphs 5.2.1, 5.2.2 ... through any deeper
 * sections, which are not numbered: three levels at most.
 * Annexes are lettered A, B ... in the order they appear, in any document.
 * Numbers are worked out here, once, and never typed: a <ref> prints them.
 */
struct numbering {
	const struct pp_document *d;
	unsigned sections, annexes, paras;
	const char *section; /* the number paragraphs are counted under, or NULL */
};

static void add_xref(struct checker *c, const char *id, enum pp_xref_kind kind,
		     const char *number, const struct pp_list *list, size_t ordinal,
		     const struct pp_loc *loc)
{
	if (!id)
		return;
	const struct id_slot *prev = lookup(&c->ids, ID_XREF, id);
	if (prev) {
		const struct pp_xref *x = &c->doc->xrefs[(uintptr_t)prev->ptr];
		int both_sections = (kind == PP_XREF_SECTION || kind == PP_XREF_ANNEX) &&
				    (x->kind == PP_XREF_SECTION || x->kind == PP_XREF_ANNEX);
		if (!both_sections) /* two sections: already said, as sections */
			define_id(c, ID_XREF, id, NULL, 0, loc, PP_MSG_DUP_ID);
		return;
	}
	define_id(c, ID_XREF, id, (const void *)(uintptr_t)c->doc->n_xrefs, 0, loc,
		  PP_MSG_DUP_ID);
	PP_GROW(c->doc->xrefs, c->doc->n_xrefs + 1, c->cap_xrefs);
	c->doc->xrefs[c->doc->n_xrefs++] =
		(struct pp_xref){.id = id, .kind = kind, .number = number, .list = list,
				 .ordinal = ordinal, .loc = *loc, .document = c->document};
}

static void number_blocks(struct checker *c, struct numbering *nb, struct pp_blocks *b,
			  int top)
{
	for (size_t i = 0; i < b->n_items; i++) {
		struct pp_block *blk = &b->items[i];
		if (blk->kind == PP_BLOCK_PARA) {
			if (top && nb->section)
				blk->number = pp_xasprintf("%s.%u", nb->section, ++nb->paras);
			add_xref(c, blk->id, PP_XREF_PARA, blk->number, NULL, 0, &blk->loc);
		} else if (blk->kind == PP_BLOCK_LIST) {
			struct pp_list *l = &blk->u.list;
			if (l->numbering && !pp_numbering_known(l->numbering))
				pp_diagf(c->diags, PP_MSG_BAD_NUMBERING, &blk->loc, l->numbering);
			if (nb->section)
				l->section_number = pp_xstrdup(nb->section);
			for (size_t k = 0; k < l->n_items; k++) {
				add_xref(c, l->items[k].id, PP_XREF_ITEM, NULL, l, k + 1,
					 &l->items[k].loc);
				number_blocks(c, nb, l->items[k].body, 0);
			}
		}
	}
}

static void number_views(struct checker *c, struct numbering *nb, struct pp_view *views,
			 size_t n, int depth)
{
	for (size_t i = 0; i < n; i++) {
		struct pp_view *v = &views[i];
		if (v->kind == PP_VIEW_BLOCKS) {
			number_blocks(c, nb, &v->u.blocks, 1);
			continue;
		}
		if (v->kind != PP_VIEW_SECTION)
			continue;
		struct pp_section *s = &v->u.section;
		const char *outer = nb->section;
		if (s->annex) {
			s->number = pp_number_label("A", ++nb->annexes, NULL);
			nb->section = NULL; /* an annex is its own paper, unnumbered */
		} else if (depth == 0 && nb->d->numbered && !s->appendix) {
			s->number = pp_xasprintf("%u", ++nb->sections);
			nb->section = s->number;
			nb->paras = 0;
		} else if (depth == 1 && nb->d->numbered == 2 && outer && !s->appendix) {
			/* a sub-section takes the next number of its section's
			 * paragraphs (5.3), and numbers its own under it (5.3.1) */
			s->number = pp_xasprintf("%s.%u", outer, ++nb->paras);
			nb->section = s->number;
		} else if (depth == 0) {
			nb->section = NULL;
		}
		unsigned outer_paras = nb->paras;
		if (nb->section != outer)
			nb->paras = 0;
		add_xref(c, s->id, s->annex ? PP_XREF_ANNEX : PP_XREF_SECTION, s->number, NULL, 0,
			 &v->loc);
		number_views(c, nb, s->children, s->n_children, depth + 1);
		if (nb->section != outer) {
			nb->section = outer;
			nb->paras = outer_paras;
		}
	}
}

static void refs_blocks(struct checker *c, struct pp_blocks *b, const struct pp_loc *loc);

/* Point each <ref> of `in` at its target; an error is placed at the <ref>
 * (its element's position), else at `loc`, where the text is. */
static void refs_inline(struct checker *c, struct pp_inline *in, const struct pp_loc *loc)
{
	for (size_t i = 0; i < in->n_spans; i++) {
		struct pp_span *sp = &in->spans[i];
		if (!sp->ref_id)
			continue;
		const struct pp_loc *at = sp->ref_loc.file ? &sp->ref_loc : loc;
		const struct id_slot *s = lookup(&c->ids, ID_XREF, sp->ref_id);
		if (!s) {
			pp_diagf(c->diags, PP_MSG_REF_UNKNOWN, at, sp->ref_id);
			continue;
		}
		const struct pp_xref *x = &c->doc->xrefs[(uintptr_t)s->ptr];
		if (x->kind == PP_XREF_ITEM ? !x->list->ordered : !x->number) {
			if (x->kind == PP_XREF_PARA)
				pp_diagf(c->diags, PP_MSG_REF_UNNUMBERED, at, sp->ref_id,
					 "a paragraph",
					 "only the paragraphs of a numbered section, in a document "
					 "with numbered=\"yes\", are numbered");
			else if (x->kind == PP_XREF_ITEM)
				pp_diagf(c->diags, PP_MSG_REF_UNNUMBERED, at, sp->ref_id,
					 "an item of a bullet list",
					 "use <ol> or <recommendations> for a list whose items "
					 "are referred to");
			else
				pp_diagf(c->diags, PP_MSG_REF_UNNUMBERED, at, sp->ref_id,
					 "a section",
					 "only the top-level sections of a document with "
					 "numbered=\"yes\" (their sub-sections too with "
					 "numbered=\"sub-sections\"; not appendices) and annexes "
					 "are numbered");
			continue;
		}
		if (c->document && x->document && x->document != c->document) {
			/* a part of another document: a link to its PDF */
			if (!(x->document->formats & 1u)) { /* pdf: bit 0 */
				pp_diagf(c->diags, PP_MSG_REF_NOT_PDF, at, sp->ref_id,
					 x->document->id ? x->document->id : "");
				continue;
			}
			c->doc->xrefs[(uintptr_t)s->ptr].named_elsewhere = 1;
		} else if (!c->document) {
			/* the plan's own text (a theme's, a priority's) may be
			 * shown in any document: its part may be linked from any */
			c->doc->xrefs[(uintptr_t)s->ptr].named_elsewhere = 1;
		}
		sp->ref = x;
		c->doc->n_refs++;
	}
}

static void refs_blocks(struct checker *c, struct pp_blocks *b, const struct pp_loc *loc)
{
	for (size_t i = 0; b && i < b->n_items; i++) {
		struct pp_block *blk = &b->items[i];
		switch (blk->kind) {
		case PP_BLOCK_PARA:
		case PP_BLOCK_HEADING:
			refs_inline(c, &blk->u.para, &blk->loc);
			break;
		case PP_BLOCK_LIST:
			for (size_t k = 0; k < blk->u.list.n_items; k++)
				refs_blocks(c, blk->u.list.items[k].body, &blk->loc);
			break;
		case PP_BLOCK_TABLE:
			refs_inline(c, &blk->u.table.caption, &blk->loc);
			for (size_t r = 0; r < blk->u.table.n_rows; r++)
				for (size_t k = 0; k < blk->u.table.rows[r].n_cells; k++)
					refs_inline(c, &blk->u.table.rows[r].cells[k].text,
						    &blk->loc);
			break;
		case PP_BLOCK_CHART:
			break;
		}
	}
	(void)loc;
}

static void refs_columns(struct checker *c, struct pp_column *cols, size_t n)
{
	for (size_t i = 0; i < n; i++)
		refs_inline(c, &cols[i].header, &cols[i].loc);
}

static void refs_views(struct checker *c, struct pp_view *views, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct pp_view *v = &views[i];
		switch (v->kind) {
		case PP_VIEW_BLOCKS:
			refs_blocks(c, &v->u.blocks, &v->loc);
			break;
		case PP_VIEW_SECTION:
			refs_views(c, v->u.section.children, v->u.section.n_children);
			break;
		case PP_VIEW_PRIORITY_TABLE:
			refs_columns(c, v->u.table.columns, v->u.table.n_columns);
			break;
		case PP_VIEW_MATRIX:
			refs_columns(c, v->u.matrix.columns, v->u.matrix.n_columns);
			break;
		case PP_VIEW_POSTER:
			refs_blocks(c, &v->u.poster.banner, &v->loc);
			for (size_t t = 0; t < v->u.poster.n_tiers; t++)
				for (size_t k = 0; k < v->u.poster.tiers[t].n_boxes; k++)
					refs_inline(c, &v->u.poster.tiers[t].boxes[k].text,
						    &v->u.poster.tiers[t].boxes[k].loc);
			break;
		case PP_VIEW_ASSESSMENT:
			refs_columns(c, v->u.assessment.columns, v->u.assessment.n_columns);
			for (size_t a = 0; a < v->u.assessment.n_areas; a++)
				for (size_t q = 0; q < v->u.assessment.areas[a].n_questions; q++) {
					struct pp_question *qu = &v->u.assessment.areas[a].questions[q];
					refs_inline(c, &qu->ask, &qu->loc);
					refs_blocks(c, &qu->response, &qu->loc);
				}
			break;
		case PP_VIEW_LINKED_PLANS:
			refs_columns(c, v->u.linked.columns, v->u.linked.n_columns);
			for (size_t k = 0; k < v->u.linked.n_plans; k++) {
				struct pp_linked_plan *lp = &v->u.linked.plans[k];
				refs_inline(c, &lp->name, &lp->loc);
				refs_inline(c, &lp->lead, &lp->loc);
				refs_inline(c, &lp->link_text, &lp->loc);
				refs_inline(c, &lp->connects, &lp->loc);
			}
			break;
		case PP_VIEW_INDICATOR_TABLE:
			refs_columns(c, v->u.itable.columns, v->u.itable.n_columns);
			break;
		case PP_VIEW_STATUS_KEY: /* a scale's words: no <ref> in them */
		case PP_VIEW_GLOSSARY:
		case PP_VIEW_KEY_PRIORITIES:
		case PP_VIEW_COVER:
		case PP_VIEW_CONTENTS:
		case PP_VIEW_PAGE_BREAK:
		case PP_VIEW_FRONT_SHEET:
		case PP_VIEW_STATUS_SUMMARY: /* counts: no text of the plan's */
		case PP_VIEW_INDICATOR_CHART: /* figures and an attribute title */
			break;
		}
	}
}

static void refs_group(struct checker *c, struct pp_fw_group *g)
{
	for (size_t i = 0; i < g->n_items; i++)
		refs_inline(c, &g->items[i].description, &g->items[i].loc);
	for (size_t i = 0; i < g->n_groups; i++)
		refs_group(c, &g->groups[i]);
}

static void refs_indicators(struct checker *c, struct pp_indicator *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		refs_inline(c, &v[i].title, &v[i].loc);
		refs_blocks(c, &v[i].description, &v[i].loc);
		for (size_t k = 0; k < v[i].n_owners; k++)
			refs_inline(c, &v[i].owners[k], &v[i].loc);
		for (size_t k = 0; k < v[i].n_notes; k++)
			refs_blocks(c, &v[i].notes[k].text, &v[i].notes[k].loc);
		for (size_t k = 0; k < v[i].n_overrides; k++)
			refs_inline(c, &v[i].overrides[k].reason, &v[i].overrides[k].loc);
	}
}

static void refs_priority(struct checker *c, struct pp_priority *p)
{
	refs_indicators(c, p->indicators, p->n_indicators);
	const struct pp_loc *l = &p->loc;
	refs_inline(c, &p->title, l);
	refs_inline(c, &p->statement, l);
	for (size_t i = 0; i < p->n_leads; i++)
		refs_inline(c, &p->leads[i], l);
	refs_blocks(c, &p->outcomes, l);
	refs_blocks(c, &p->how, l);
	refs_blocks(c, &p->measures, l);
	for (size_t a = 0; a < p->n_actions; a++) {
		struct pp_action *ac = &p->actions[a];
		refs_blocks(c, &ac->text, &ac->loc);
		for (size_t i = 0; i < ac->n_leads; i++)
			refs_inline(c, &ac->leads[i], &ac->loc);
		refs_blocks(c, &ac->measures, &ac->loc);
		refs_blocks(c, &ac->success, &ac->loc);
		for (size_t k = 0; k < ac->n_lines; k++) {
			refs_blocks(c, &ac->lines[k].success, &ac->lines[k].loc);
			refs_blocks(c, &ac->lines[k].impact, &ac->lines[k].loc);
			refs_blocks(c, &ac->lines[k].timescale, &ac->lines[k].loc);
		}
	}
	for (size_t u = 0; u < p->n_updates; u++) {
		refs_blocks(c, &p->updates[u].timescale, &p->updates[u].loc);
		refs_blocks(c, &p->updates[u].milestones, &p->updates[u].loc);
		refs_blocks(c, &p->updates[u].commentary, &p->updates[u].loc);
	}
}

/* Numbers first (every document), then every <ref> in the plan, so a
 * reference may point forwards or into another document. */
static void check_numbers(struct checker *c)
{
	struct pp_doc *doc = c->doc;
	for (size_t i = 0; i < doc->n_documents; i++) {
		struct numbering nb = {&doc->documents[i], 0, 0, 0, NULL};
		c->document = &doc->documents[i];
		number_views(c, &nb, doc->documents[i].views, doc->documents[i].n_views, 0);
	}
	c->document = NULL; /* text of the plan's own (themes ...): any document */
	refs_blocks(c, &doc->facts.vision, &doc->facts.loc);
	for (size_t i = 0; i < doc->n_framework; i++)
		refs_group(c, &doc->framework[i]);
	for (size_t t = 0; t < doc->n_themes; t++) {
		refs_indicators(c, doc->themes[t].indicators, doc->themes[t].n_indicators);
		for (size_t i = 0; i < doc->themes[t].n_priorities; i++)
			refs_priority(c, &doc->themes[t].priorities[i]);
	}
	for (size_t i = 0; i < doc->n_documents; i++) {
		c->document = &doc->documents[i];
		refs_views(c, doc->documents[i].views, doc->documents[i].n_views);
	}
	c->document = NULL;
}

int pp_check_doc(struct pp_doc *doc, struct pp_diags *diags)
{
	struct checker c = {.doc = doc, .diags = diags};
	size_t errors_before = diags->n_errors;
	size_t leaf = 0;

	/* First every definition, so references may point forwards. */
	check_facts(&c);
	check_periods(&c);
	check_scales(&c);
	check_fields(&c);
	for (size_t i = 0; i < doc->n_framework; i++)
		define_group(&c, &doc->framework[i], &leaf);
	define_theme_ids(&c);

	pp_periods_link(doc);
	size_t n_ind = 0;
	for (size_t t = 0; t < doc->n_themes; t++) {
		n_ind += doc->themes[t].n_indicators;
		for (size_t i = 0; i < doc->themes[t].n_priorities; i++)
			n_ind += doc->themes[t].priorities[i].n_indicators;
	}
	int ind_room = !n_ind || doc->n_periods <= PP_IND_PERIODS_MAX / n_ind;
	if (!ind_room)
		pp_diagf(diags, PP_MSG_IND_TOO_MANY, &doc->loc, n_ind, doc->n_periods,
			 n_ind * doc->n_periods, PP_IND_PERIODS_MAX);
	c.ind_room = ind_room;

	/* Then the references and values, in document order. */
	for (size_t t = 0; t < doc->n_themes; t++) {
		struct pp_theme *th = &doc->themes[t];
		check_values(&c, th->values, th->n_values, PP_ON_THEME);
		check_indicators(&c, th->indicators, th->n_indicators, th, NULL);
		for (size_t i = 0; i < th->n_priorities; i++) {
			check_priority(&c, &th->priorities[i]);
			check_indicators(&c, th->priorities[i].indicators,
					 th->priorities[i].n_indicators, th, &th->priorities[i]);
		}
	}
	check_documents(&c);
	check_numbers(&c);
	struct leaf_views *leaves = pp_xcalloc(doc->n_documents ? doc->n_documents : 1,
					       sizeof *leaves);
	for (size_t d = 0; d < doc->n_documents; d++)
		collect_leaf_views(doc->documents[d].views, doc->documents[d].n_views, &leaves[d]);
	const struct pp_period **warned = NULL;
	size_t n_warned = 0, cap_warned = 0;
	for (size_t d = 0; d < doc->n_documents; d++)
		warn_missing_updates(&c, &doc->documents[d], &leaves[d], &warned, &n_warned,
				     &cap_warned);
	n_warned = 0;
	for (size_t d = 0; c.ind_room && d < doc->n_documents; d++)
		warn_missing_actuals(&c, &doc->documents[d], &leaves[d], &warned, &n_warned,
				     &cap_warned);
	free(warned);
	if (c.ind_room)
		warn_missing_charted(&c, leaves);
	free(c.no_actual);
	for (size_t d = 0; d < doc->n_documents; d++)
		free(leaves[d].v);
	free(leaves);

	free(c.ids.slots);
	for (size_t i = 0; i < c.n_keys; i++)
		free(c.keys[i]);
	free(c.keys);
	free(c.seen_call);
	free(c.seen_at);
	return diags->n_errors == errors_before ? 0 : -1;
}
