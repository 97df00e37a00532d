/* SPDX-License-Identifier: MIT */
/*
 * layout_check.c - whether a document of a checked plan can be laid out
 * with a template at all, decided before any page is made (or any output
 * opened): the running header and footer are of bounded length, the
 * margins leave room for text and for the running lines, and no table
 * column is narrower than one character. Invariant: what passes here lays
 * out inside its pages; what fails is reported where it was written (the
 * plan's element, the template's <page> or <running>, the <column>).
 */
#include <assert.h>
#include <math.h>

#include "alloc.h"
#include "layout_int.h"

/* The least text area a page may leave, in points (two inches a side):
 * a narrower body would break every word into letters. */
#define MIN_BODY 144.0

static const char *const size_names[] = { "A4", "A3", "A2", "A1" };

static const char *orientation_name(enum pp_orientation o)
{
	return o == PP_LANDSCAPE ? "landscape" : "portrait";
}

/*
 * The patterns this document prints, the plan's or else the template's,
 * are at most PP_RUNNING_MAX characters (model.h): they are expanded and
 * laid out on every page. The plan's were checked with the plan; the
 * template's meet the plan's facts only here.
 */
static int running_fits(const struct pp_doc *doc, const struct pp_document *document,
			const struct pp_style *style, struct pp_diags *diags)
{
	int ok = 1;
	for (int footer = 0; footer < 2; footer++) {
		const char *own = footer ? document->running_footer : document->running_header;
		const char *pattern = own ? own
				      : footer ? style->running_footer
					       : style->running_header;
		const struct pp_loc *loc = own ? footer ? &document->running_footer_loc
							: &document->running_header_loc
					 : style->running_loc.file ? &style->running_loc
								   : &document->loc;
		if (pp_running_length(&doc->facts, pattern, PP_RUNNING_MAX) > PP_RUNNING_MAX) {
			pp_diagf(diags, PP_MSG_RUNNING_LONG, loc, footer ? "footer" : "header",
				 PP_RUNNING_MAX);
			ok = 0;
		}
	}
	return ok;
}

/* Where the template set this page size's margins, for messages. */
static const struct pp_loc *page_loc(const struct pp_document *document,
				     const struct pp_style *style)
{
	if (style->page_margin_set[document->page] && style->page_size_loc[document->page].file)
		return &style->page_size_loc[document->page];
	return style->page_loc.file ? &style->page_loc : &document->loc;
}

/* The orientations the document's pages take: its own and its sections'
 * (a bit per enum pp_orientation). */
static unsigned orientations(const struct pp_view *views, size_t n, enum pp_orientation o)
{
	unsigned set = 1u << o;
	for (size_t i = 0; i < n; i++) {
		const struct pp_view *v = &views[i];
		if (v->kind != PP_VIEW_SECTION)
			continue;
		const struct pp_section *s = &v->u.section;
		set |= orientations(s->children, s->n_children,
				    s->has_orientation ? s->orientation : o);
	}
	return set;
}

/* The page's text area leaves at least MIN_BODY a side, and the top and
 * bottom margins hold a line of the running header and footer. */
static int page_fits(const struct pp_document *document, const struct pp_style *st,
		     const struct pp_style *given, unsigned set, struct pp_diags *diags)
{
	int ok = 1;
	for (int o = PP_PORTRAIT; o <= PP_LANDSCAPE; o++) {
		if (!(set & (1u << o)))
			continue;
		double w, h;
		pp_page_size_points(document->page, (enum pp_orientation)o, &w, &h);
		double bw = w - st->margin_left - st->margin_right;
		double bh = h - st->margin_top - st->margin_bottom;
		if (bw < MIN_BODY || bh < MIN_BODY) {
			pp_diagf(diags, PP_MSG_PAGE_TOO_SMALL, page_loc(document, given), bw, bh,
				 size_names[document->page],
				 orientation_name((enum pp_orientation)o), MIN_BODY, MIN_BODY);
			return 0; /* the other orientation adds nothing to say */
		}
	}
	/* One line of running text: its size and a fifth for the line's
	 * ascent and descent (Liberation Sans is 1.15 em). */
	double line = st->running.size * 1.2;
	const char *which[2] = { "top", "bottom" };
	double margin[2] = { st->margin_top, st->margin_bottom };
	double gap[2] = { st->header_gap, st->footer_gap };
	for (int i = 0; i < 2; i++) {
		const char *own = i ? document->running_footer : document->running_header;
		const char *pattern = own ? own : i ? st->running_footer : st->running_header;
		if (!pattern || !*pattern || margin[i] - gap[i] >= line)
			continue;
		pp_diagf(diags, PP_MSG_RUNNING_ROOM, page_loc(document, given), which[i],
			 margin[i], gap[i], i ? "footer" : "header", line);
		ok = 0;
	}
	return ok;
}

/*
 * Columns given as a percentage or a length are at least one character
 * (an em of the table text) wide inside their padding, on every
 * orientation the table may be laid out in; auto and share columns take
 * the width of their content.
 */
/*
 * A status-history column is one column per period (history_columns in
 * layout_ptable.c), sharing the column's width, or the page's when it has
 * none: each period's column holds at least one character. Before, 100
 * periods in a 10% column were drawn as a block of overprinted labels, and
 * 40,000 ran out of memory laying out their cells.
 */
static int history_fits(const struct pp_doc *doc, const struct pp_column *col, int itable,
			const struct pp_period *table_period, double w, double body_w,
			const char *size, enum pp_orientation o, const struct pp_style *st,
			struct pp_diags *diags)
{
	if (itable ? col->ind_field != PP_IND_STATUS_HISTORY : col->field != PP_FIELD_STATUS_HISTORY)
		return 1;
	const struct pp_period **periods =
		pp_xcalloc(doc->n_periods ? doc->n_periods : 1, sizeof *periods);
	size_t k = pp_history_periods(doc, col->period ? col->period : table_period,
				      col->periods_all, periods);
	free(periods);
	if (k == 0)
		return 1;
	if (w < 0)
		w = body_w; /* auto: at most the page's width */
	double text = w / (double)k - 2 * st->cell_pad_x, em = st->table_text.size;
	if (text >= em)
		return 1;
	double most = floor(w / (em + 2 * st->cell_pad_x));
	pp_diagf(diags, PP_MSG_HISTORY_NARROW, &col->loc, k, floor(text * 10) / 10, size,
		 orientation_name(o), em,
		 most < 0 ? 0u : (unsigned)most);
	return 0;
}

static int columns_fit(const struct pp_doc *doc, const struct pp_column *cols, size_t n,
		       int itable, const struct pp_period *period, double body_w, const char *size,
		       enum pp_orientation o, const struct pp_style *st, struct pp_diags *diags)
{
	double fixed = 0;
	for (size_t c = 0; c < n; c++)
		fixed += cols[c].width.kind == PP_WIDTH_PERCENT ? body_w * cols[c].width.value / 100
			 : cols[c].width.kind == PP_WIDTH_POINTS ? cols[c].width.value
								  : 0;
	/* Layout scales fixed columns down when they add up to more than
	 * the page (resolve_widths in layout_table.c). */
	double scale = fixed > body_w ? body_w / fixed : 1;
	double em = st->table_text.size;
	int ok = 1;
	if (scale < 1) {
		/* Scaled down so far that a column is narrower than a character:
		 * say so at the widest length, the usual cause ("1000pt"). */
		size_t widest = n;
		double least = body_w;
		for (size_t c = 0; c < n; c++) {
			const struct pp_width *wd = &cols[c].width;
			double w = wd->kind == PP_WIDTH_PERCENT ? body_w * wd->value / 100
				   : wd->kind == PP_WIDTH_POINTS ? wd->value
								  : -1;
			if (w >= 0 && w * scale - 2 * st->cell_pad_x < least)
				least = w * scale - 2 * st->cell_pad_x;
			if (wd->kind == PP_WIDTH_POINTS &&
			    (widest == n || wd->value > cols[widest].width.value))
				widest = c;
		}
		if (least < em && widest < n) {
			pp_diagf(diags, PP_MSG_COLUMNS_WIDE, &cols[widest].loc, fixed, body_w, size,
				 orientation_name(o));
			return 0;
		}
	}
	for (size_t c = 0; c < n; c++) {
		const struct pp_width *wd = &cols[c].width;
		if (wd->kind != PP_WIDTH_PERCENT && wd->kind != PP_WIDTH_POINTS) {
			ok &= history_fits(doc, &cols[c], itable, period, -1, body_w, size, o, st,
					   diags);
			continue;
		}
		double w = (wd->kind == PP_WIDTH_PERCENT ? body_w * wd->value / 100 : wd->value) *
			   scale;
		if (w - 2 * st->cell_pad_x >= em &&
		    !history_fits(doc, &cols[c], itable, period, w, body_w, size, o, st, diags)) {
			ok = 0;
			continue;
		}
		double text = w - 2 * st->cell_pad_x;
		if (text < em) {
			pp_diagf(diags, PP_MSG_COLUMN_NARROW, &cols[c].loc,
				 cols[c].width_text ? cols[c].width_text : "", text, size,
				 orientation_name(o), em);
			ok = 0;
		}
	}
	return ok;
}

/*
 * A poster's grid columns hold at least one character at 6 pt inside a
 * box's padding, with the label column, gaps and padding layout_poster.c
 * gives its largest size (the body size, more on larger paper): a box
 * shrinks its own text down to 6 pt, but not the poster's padding.
 */
static int poster_fits(const struct pp_poster *p, const struct pp_loc *loc, double body_w,
		       const char *size, enum pp_orientation o, const struct pp_style *st,
		       struct pp_diags *diags)
{
	const double min_size = 6.0;
	double base = st->body.size, scale = body_w / 770.0;
	if (scale > 1)
		base *= scale < 2 ? scale : 2;
	base = floor(base / 0.5) * 0.5;
	if (base < min_size)
		base = min_size;
	double pad = base * 0.45 > 2 ? base * 0.45 : 2;
	double label = body_w * 0.13 > 12 * base ? body_w * 0.13 : 12 * base;
	if (label > body_w * 0.25)
		label = body_w * 0.25;
	double gx = body_w * 0.006 < 3 ? 3 : body_w * 0.006 > 8 ? 8 : body_w * 0.006;
	unsigned columns = p->columns ? p->columns : 12;
	double text = (body_w - label) / columns - gx - 2 * pad;
	if (text >= min_size)
		return 1;
	unsigned most = (unsigned)((body_w - label) / (min_size + gx + 2 * pad));
	pp_diagf(diags, PP_MSG_POSTER_COLUMNS, loc, columns, text, size, orientation_name(o),
		 most);
	return 0;
}

static int views_fit(const struct pp_doc *doc, const struct pp_view *views, size_t n,
		     const struct pp_document *document, enum pp_orientation o,
		     const struct pp_style *st, struct pp_diags *diags)
{
	double w, h;
	pp_page_size_points(document->page, o, &w, &h);
	double body_w = w - st->margin_left - st->margin_right;
	const char *size = size_names[document->page];
	int ok = 1;
	for (size_t i = 0; i < n; i++) {
		const struct pp_view *v = &views[i];
		switch (v->kind) {
		case PP_VIEW_SECTION: {
			const struct pp_section *s = &v->u.section;
			ok &= views_fit(doc, s->children, s->n_children, document,
					s->has_orientation ? s->orientation : o, st, diags);
			break;
		}
		case PP_VIEW_PRIORITY_TABLE:
			ok &= columns_fit(doc, v->u.table.columns, v->u.table.n_columns, 0,
					  v->u.table.period, body_w, size, o, st, diags);
			break;
		case PP_VIEW_ASSESSMENT:
			ok &= columns_fit(doc, v->u.assessment.columns, v->u.assessment.n_columns, 0,
					  NULL, body_w, size, o, st, diags);
			break;
		case PP_VIEW_INDICATOR_TABLE:
			ok &= columns_fit(doc, v->u.itable.columns, v->u.itable.n_columns, 1,
					  v->u.itable.period, body_w, size, o, st, diags);
			break;
		case PP_VIEW_LINKED_PLANS:
			ok &= columns_fit(doc, v->u.linked.columns, v->u.linked.n_columns, 0, NULL,
					  body_w, size, o, st, diags);
			break;
		case PP_VIEW_POSTER:
			ok &= poster_fits(&v->u.poster, &v->loc, body_w, size, o, st, diags);
			break;
		case PP_VIEW_BLOCKS:
		case PP_VIEW_GLOSSARY:
		case PP_VIEW_KEY_PRIORITIES:
		case PP_VIEW_COVER:
		case PP_VIEW_CONTENTS:
		case PP_VIEW_PAGE_BREAK:
		case PP_VIEW_STATUS_KEY: /* two fixed columns: a value and its meaning */
		case PP_VIEW_STATUS_SUMMARY: /* a small table and a chart in the text width */
		case PP_VIEW_INDICATOR_CHART: /* a chart and its table in the text width */
		case PP_VIEW_FRONT_SHEET: /* labelled fields in the text width */
		case PP_VIEW_MATRIX: /* scaled to fit its page */
			break;
		}
	}
	return ok;
}

int pp_layout_check(const struct pp_doc *doc, const struct pp_document *document,
		    const struct pp_style *style, struct pp_diags *diags)
{
	assert(style); /* a loaded template (style.h) */
	/* The template may give this page size its own margins. */
	struct pp_style st = *style;
	if (style->page_margin_set[document->page]) {
		st.margin_top = style->page_margin[document->page][0];
		st.margin_right = style->page_margin[document->page][1];
		st.margin_bottom = style->page_margin[document->page][2];
		st.margin_left = style->page_margin[document->page][3];
	}
	int ok = running_fits(doc, document, style, diags);
	unsigned set = orientations(document->views, document->n_views, document->orientation);
	if (!page_fits(document, &st, style, set, diags))
		return -1; /* columns of a page with no room say nothing more */
	ok &= views_fit(doc, document->views, document->n_views, document, document->orientation,
			&st, diags);
	return ok ? 0 : -1;
}
