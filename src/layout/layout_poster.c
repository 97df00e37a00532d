/* SPDX-License-Identifier: MIT */
/*
 * layout_poster.c - the plan on a page as tiers of boxes (seed 003): the
 * view's title, a vision banner across the top, then one band per tier,
 * labelled on the left, its boxes placed on a grid of @columns columns
 * (a box is as wide as the columns it spans), with connectors from each
 * box of a tier marked connect="up" to the tier above.
 *
 * Fitting: one font size for the whole poster, the largest (from the body
 * size, larger on larger paper, in half-point steps down to 6 pt) at which
 * every box's text, wrapped to its box, fits the page; a poster with room
 * to spare, when it is all its document prints, grows its text up to the
 * template's text-max while it fits and
 * no box must set its text smaller (grow). Boxes keep their natural height: the height
 * left over goes above and below the tiers, which are centred under the
 * banner (stretched to fill an A3 sheet, a box held one line of small
 * text). Text is centred in its box and never clipped: a poster that does
 * not fit at 6 pt continues on a new page at a tier boundary.
 * Structure: the banner title and tier labels are headings, the banner text
 * a paragraph, each tier's boxes a list; fills, rules and connectors are
 * artifacts.
 * Invariant: every text box lies inside its box (or banner, or label).
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "layout_flow.h"

#define EPS 0.01
#define MIN_SIZE 6.0
#define SIZE_STEP 0.5
#define N_TIER_COLOURS 5

/* Small arithmetic without libm (the stage libraries do not link it). */
static double dmax(double a, double b)
{
	return a > b ? a : b;
}

static double dmin(double a, double b)
{
	return a < b ? a : b;
}

static double dfloor(double a) /* a >= 0 */
{
	return (double)(long long)a;
}

struct pbox {
	struct pp_inline in; /* from-theme boxes: built here (owned) */
	int owned;
	const struct pp_inline *text;
	/* The plan's theme the box is, or one of whose priorities it is, or
	 * NULL: a connector goes to the box above of the same theme. */
	const struct pp_theme *theme;
	double col0, span; /* grid columns, may be fractional */
	size_t line;	   /* line of the tier, when the spans wrap */
	struct stack st;
	double x, y, w, h;
	/* What box_size learned, for the next measure (0: nothing yet): at
	 * text width fit_w no word breaks at size fit_size; at width break_w
	 * one does at size break_size. */
	double fit_w, fit_size, break_w, break_size;
};

struct ptier {
	const struct pp_poster_tier *t;
	struct pbox *boxes;
	size_t n, n_lines;
	double *line_h; /* natural, then final height of each line */
	struct stack label;
	double top, h;
	size_t last_page; /* the page (index) its last line is on */
};

struct poster {
	struct flow *f;
	const struct pp_poster *p;
	unsigned columns;
	struct ptier *tiers;
	size_t n_tiers;
	/* at the chosen size */
	double size, pad, gx, vg, label_w, grid_x, unit;
	struct pp_text_style text, bold, btitle, btext;
	struct stack banner;
	size_t banner_title_pieces; /* the first pieces are the title */
	double banner_h, total_h;
	int shrunk; /* a box's text is set smaller than the poster's size */
};

/* ---------- boxes ------------------------------------------------------- */

/* "1. Ensure that ..." with the reference in bold. */
static void theme_box(struct pbox *b, const struct pp_priority *pr)
{
	char *title = pp_inline_text(&pr->title);
	b->owned = 1;
	b->in.spans = pp_xcalloc(2, sizeof *b->in.spans);
	if (pr->ref && *pr->ref) {
		size_t n = strlen(pr->ref);
		int punct = pr->ref[n - 1] == '.' || pr->ref[n - 1] == ')';
		b->in.spans[0].text = pp_xasprintf("%s%s ", pr->ref, punct ? "" : ".");
		b->in.spans[0].flags = PP_SPAN_BOLD;
		b->in.spans[1].text = title;
		b->in.n_spans = 2;
	} else {
		b->in.spans[0].text = title;
		b->in.n_spans = 1;
	}
	b->text = &b->in;
}

/* A theme's share of the width in tiers built from the plan: one unit per
 * priority (at least one), so a theme's box stands over its priorities. */
static double theme_weight(const struct pp_theme *th)
{
	return th->n_priorities ? (double)th->n_priorities : 1;
}

/*
 * A tier from="themes" (one box per theme, its title) or from="priorities"
 * (one per priority, theme by theme). Each theme has its share of the
 * columns (theme_weight), the same in both, so each priority lies under
 * its theme. With more units than twice the columns (boxes narrower than
 * half a column) the boxes go in lines of one column each instead.
 */
static void plan_tier(struct poster *ps, struct ptier *pt, int themes)
{
	const struct pp_doc *doc = ps->f->doc;
	double cols = ps->columns, units = 0;
	size_t n = 0;
	for (size_t i = 0; i < doc->n_themes; i++) {
		units += theme_weight(&doc->themes[i]);
		n += themes ? 1 : doc->themes[i].n_priorities;
	}
	pt->boxes = pp_xcalloc(n + 1, sizeof *pt->boxes);
	pt->n = n;
	pt->n_lines = 1;
	int lines = units > 2 * cols;
	size_t per_line = ps->columns ? ps->columns : 1, k = 0;
	double at = 0; /* units before this theme */
	for (size_t i = 0; i < doc->n_themes; i++) {
		const struct pp_theme *th = &doc->themes[i];
		size_t m = themes ? 1 : th->n_priorities;
		for (size_t j = 0; j < m; j++, k++) {
			struct pbox *b = &pt->boxes[k];
			if (themes) {
				b->owned = 1;
				b->in.spans = pp_xcalloc(1, sizeof *b->in.spans);
				b->in.spans[0].text = pp_xstrdup(th->title ? th->title : "");
				b->in.n_spans = 1;
				b->text = &b->in;
			} else {
				theme_box(b, &th->priorities[j]);
			}
			b->theme = th;
			if (lines) {
				size_t line = k / per_line, first = line * per_line;
				size_t in_line = n - first < per_line ? n - first : per_line;
				b->col0 = (cols - (double)in_line) / 2 + (double)(k - first);
				b->span = 1;
				b->line = line;
				pt->n_lines = line + 1;
			} else {
				double w = themes ? theme_weight(th) : 1;
				b->col0 = (at + (themes ? 0 : (double)j)) * cols / units;
				b->span = w * cols / units;
			}
		}
		at += theme_weight(th);
	}
}

/*
 * Boxes of a tier on the grid. Written boxes take their spans, left to
 * right, starting a new line of the tier when the next would pass the last
 * column; each line is centred. A from-theme tier shares the width equally
 * among its priorities (whole columns when they divide evenly); one of
 * more than twice as many priorities as the poster has columns gives each
 * a column, in lines of as many as there are columns (before, 500
 * priorities shared twelve columns, each box narrower than its padding).
 */
static void place_tier(struct poster *ps, struct ptier *pt)
{
	const struct pp_poster_tier *t = pt->t;
	double cols = ps->columns;
	if (t->from != PP_TIER_BOXES) {
		plan_tier(ps, pt, t->from == PP_TIER_THEMES);
		return;
	}
	if (t->from_theme || (t->from_theme_id && !t->n_boxes)) {
		const struct pp_theme *th = t->from_theme;
		for (size_t i = 0; !th && i < ps->f->doc->n_themes; i++)
			if (ps->f->doc->themes[i].id &&
			    strcmp(ps->f->doc->themes[i].id, t->from_theme_id) == 0)
				th = &ps->f->doc->themes[i];
		size_t n = th ? th->n_priorities : 0;
		pt->boxes = pp_xcalloc(n + 1, sizeof *pt->boxes);
		pt->n = n;
		size_t per_line = ps->columns ? ps->columns : 1;
		if (n > 2 * per_line) {
			for (size_t i = 0; i < n; i++) {
				size_t line = i / per_line, first = line * per_line;
				size_t in_line = n - first < per_line ? n - first : per_line;
				theme_box(&pt->boxes[i], &th->priorities[i]);
				pt->boxes[i].theme = th;
				pt->boxes[i].col0 = (cols - (double)in_line) / 2 + (double)(i - first);
				pt->boxes[i].span = 1;
				pt->boxes[i].line = line;
			}
			pt->n_lines = (n + per_line - 1) / per_line;
			return;
		}
		double span = n ? cols / (double)n : 0;
		if (n && n <= ps->columns)
			span = dfloor(cols / (double)n);
		double start = n ? (cols - span * (double)n) / 2 : 0;
		for (size_t i = 0; i < n; i++) {
			theme_box(&pt->boxes[i], &th->priorities[i]);
			pt->boxes[i].theme = th;
			pt->boxes[i].col0 = start + span * (double)i;
			pt->boxes[i].span = span;
		}
		pt->n_lines = 1;
		return;
	}
	pt->boxes = pp_xcalloc(t->n_boxes + 1, sizeof *pt->boxes);
	pt->n = t->n_boxes;
	size_t line = 0, first = 0;
	double used = 0;
	for (size_t i = 0; i <= t->n_boxes; i++) {
		double span = 0;
		if (i < t->n_boxes) {
			span = t->boxes[i].span ? t->boxes[i].span : 1;
			if (span > cols)
				span = cols;
		}
		if (i == t->n_boxes || (used + span > cols + EPS && i > first)) {
			/* Close the line [first, i): centre it. */
			double off = (cols - used) / 2;
			for (size_t k = first; k < i; k++)
				pt->boxes[k].col0 += off;
			if (i == t->n_boxes)
				break;
			line++;
			first = i;
			used = 0;
		}
		pt->boxes[i].text = &t->boxes[i].text;
		pt->boxes[i].theme = t->boxes[i].theme;
		pt->boxes[i].col0 = used;
		pt->boxes[i].span = span;
		pt->boxes[i].line = line;
		used += span;
	}
	pt->n_lines = t->n_boxes ? line + 1 : 1;
}

static void poster_init(struct poster *ps, struct flow *f, const struct pp_poster *p)
{
	memset(ps, 0, sizeof *ps);
	ps->f = f;
	ps->p = p;
	ps->columns = p->columns ? p->columns : 12;
	ps->n_tiers = p->n_tiers;
	ps->tiers = pp_xcalloc(p->n_tiers + 1, sizeof *ps->tiers);
	for (size_t i = 0; i < p->n_tiers; i++) {
		ps->tiers[i].t = &p->tiers[i];
		place_tier(ps, &ps->tiers[i]);
		ps->tiers[i].line_h = pp_xcalloc(ps->tiers[i].n_lines + 1, sizeof(double));
		for (size_t k = 0; k < ps->tiers[i].n; k++)
			stack_init(&ps->tiers[i].boxes[k].st);
		stack_init(&ps->tiers[i].label);
	}
	stack_init(&ps->banner);
}

static void clear_stacks(struct poster *ps)
{
	stack_fini(&ps->banner);
	for (size_t i = 0; i < ps->n_tiers; i++) {
		stack_fini(&ps->tiers[i].label);
		for (size_t k = 0; k < ps->tiers[i].n; k++)
			stack_fini(&ps->tiers[i].boxes[k].st);
	}
}

static void poster_fini(struct poster *ps)
{
	clear_stacks(ps);
	for (size_t i = 0; i < ps->n_tiers; i++) {
		struct ptier *pt = &ps->tiers[i];
		for (size_t k = 0; k < pt->n; k++)
			if (pt->boxes[k].owned) {
				for (size_t s = 0; s < pt->boxes[k].in.n_spans; s++)
					free(pt->boxes[k].in.spans[s].text);
				free(pt->boxes[k].in.spans);
			}
		free(pt->boxes);
		free(pt->line_h);
	}
	free(ps->tiers);
}

/* ---------- measuring at one size ---------------------------------------- */

static void centre(struct stack *s)
{
	for (size_t i = 0; i < s->n_pieces; i++)
		piece_set_alignment(&s->pieces[i], PANGO_ALIGN_CENTER);
}

static int any_connector(const struct poster *ps)
{
	for (size_t i = 0; i < ps->n_tiers; i++)
		if (ps->tiers[i].t->connect_up)
			return 1;
	return 0;
}

/* Did wrapping break a line inside a word (not after a space, a line
 * break or a hyphen)? */
static int breaks_word(PangoLayout *l)
{
	const char *text = pango_layout_get_text(l);
	int n = pango_layout_get_line_count(l);
	for (int i = 1; i < n; i++) {
		int start = pango_layout_get_line_readonly(l, i)->start_index;
		char c = start > 0 ? text[start - 1] : ' ';
		if (c != ' ' && c != '\n' && c != '-')
			return 1;
	}
	return 0;
}

/* Does box b's text at `size` wrapped to text width w break inside a
 * word? Remembers the answer for box_size. */
static int box_breaks_word(struct poster *ps, struct pbox *b, const struct pp_text_style *ts,
			   double size, double w)
{
	struct pp_text_style t = *ts;
	t.size = size;
	struct stack s = { 0 };
	stack_add(&s, text_inline(ps->f->ctx, ps->f->style, &t, b->text, NULL, NULL), t.colour,
		  NULL);
	stack_set_width(&s, dmax(1, w));
	int broken = breaks_word(s.pieces[0].layout);
	stack_fini(&s);
	if (broken) {
		b->break_w = w;
		b->break_size = size;
	} else {
		b->fit_w = w;
		b->fit_size = size;
	}
	return broken;
}

/*
 * The size of box b's text: the largest half-point step from ts->size
 * down to 6 pt at which no word breaks (6 pt when none), found by halving
 * the steps. A smaller size, or a wider box, never breaks more words, so
 * what earlier measures learned settles most steps without a trial: a
 * size at or under one that fitted a narrower box fits, one at or over
 * one that broke in a wider box breaks. Stepping down a half point at a
 * time, each measure, made a poster of 500 boxes take 5.6 s.
 */
static double box_size(struct poster *ps, struct pbox *b, const struct pp_text_style *ts)
{
	double cap = ts->size, w = b->w - 2 * ps->pad;
	/* fits(step): 1 fits, 0 breaks, -1 unknown */
#define KNOWN(size)                                                                        \
	(b->fit_w > 0 && w >= b->fit_w - EPS && (size) <= b->fit_size + EPS		   ? 1 \
	 : b->break_w > 0 && w <= b->break_w + EPS && (size) >= b->break_size - EPS ? 0 \
										    : -1)
	int k = KNOWN(cap);
	if (cap <= MIN_SIZE + EPS || k == 1 || (k < 0 && !box_breaks_word(ps, b, ts, cap, w)))
		return cap;
	/* lo fits (or is 6 pt), hi breaks: steps above 6 pt. */
	long hi = (long)((cap - MIN_SIZE) / SIZE_STEP + 0.5), lo = 0;
	while (hi - lo > 1) {
		long mid = lo + (hi - lo) / 2;
		double size = MIN_SIZE + (double)mid * SIZE_STEP;
		k = KNOWN(size);
		if (k < 0)
			k = !box_breaks_word(ps, b, ts, size, w);
		if (k)
			lo = mid;
		else
			hi = mid;
	}
#undef KNOWN
	return MIN_SIZE + (double)lo * SIZE_STEP;
}

/* Build every stack at `size` and total the natural height. */
static void measure(struct poster *ps, double size)
{
	struct flow *f = ps->f;
	const struct pp_style *st = f->style;
	const struct pp_doc *doc = f->doc;
	double W = f->right - f->left;
	clear_stacks(ps);
	ps->size = size;
	ps->shrunk = 0;
	ps->pad = dmax(2.0, size * 0.45);
	ps->gx = dmax(3.0, dmin(8.0, W * 0.006));
	ps->vg = any_connector(ps) ? dmax(10.0, size * 1.6) : ps->gx * 1.5;
	ps->label_w = dmin(dmax(W * 0.13, 12 * size), W * 0.25);
	ps->grid_x = f->left + ps->label_w + ps->gx / 2;
	ps->unit = (f->right - ps->grid_x + ps->gx / 2) / (double)ps->columns;
	ps->text = (struct pp_text_style){ size, 0, 0, st->body.colour };
	ps->bold = ps->text;
	ps->bold.bold = 1;
	ps->btitle = (struct pp_text_style){ size * 1.25, 1, 0, st->poster_banner_text };
	ps->btext = (struct pp_text_style){ size * 1.1, 0, 0, st->poster_banner_text };

	/* The banner: its title, then its text (default: the plan's vision). */
	const char *btitle = ps->p->banner_title ? ps->p->banner_title : doc->facts.vision_title;
	const struct pp_blocks *bt =
		ps->p->has_banner && ps->p->banner.n_items ? &ps->p->banner : &doc->facts.vision;
	if (btitle && *btitle)
		stack_add(&ps->banner, text_plain(f->ctx, st, &ps->btitle, btitle),
			  ps->btitle.colour, NULL);
	ps->banner_title_pieces = ps->banner.n_pieces;
	for (size_t i = 0; i < bt->n_items; i++) {
		const struct pp_block *bl = &bt->items[i];
		if (bl->kind != PP_BLOCK_PARA && bl->kind != PP_BLOCK_HEADING)
			continue; /* a banner holds sentences, not lists or charts */
		struct piece *pc = stack_add(
			&ps->banner, text_inline(f->ctx, st, &ps->btext, &bl->u.para, NULL, NULL),
			ps->btext.colour, NULL);
		pc->space_before = size * 0.4;
	}
	centre(&ps->banner);
	stack_set_width(&ps->banner, W - 4 * ps->pad);
	ps->banner_h = ps->banner.n_pieces ? stack_height(&ps->banner) + 2 * ps->pad : 0;

	ps->total_h = ps->banner_h;
	for (size_t i = 0; i < ps->n_tiers; i++) {
		struct ptier *pt = &ps->tiers[i];
		size_t colour = i % N_TIER_COLOURS;
		struct pp_text_style bts = ps->text;
		bts.colour = st->poster_box_text[colour];
		for (size_t l = 0; l < pt->n_lines; l++)
			pt->line_h[l] = 0;
		for (size_t k = 0; k < pt->n; k++) {
			struct pbox *b = &pt->boxes[k];
			b->x = ps->grid_x + b->col0 * ps->unit + ps->gx / 2;
			b->w = b->span * ps->unit - ps->gx;
			/* Wrap, then shrink this box alone until its longest word
			 * fits its width (no word broken), down to 6 pt. */
			struct pp_text_style ts = bts;
			ts.size = box_size(ps, b, &bts);
			if (ts.size < size - EPS)
				ps->shrunk = 1;
			stack_add(&b->st, text_inline(f->ctx, st, &ts, b->text, NULL, NULL), ts.colour,
				  NULL);
			stack_set_width(&b->st, dmax(1, b->w - 2 * ps->pad));
			centre(&b->st);
			stack_set_width(&b->st, dmax(1, b->w - 2 * ps->pad));
			double h = stack_height(&b->st) + 2 * ps->pad;
			if (h > pt->line_h[b->line])
				pt->line_h[b->line] = h;
		}
		double h = (double)(pt->n_lines - 1) * ps->gx;
		for (size_t l = 0; l < pt->n_lines; l++) {
			if (pt->line_h[l] < 2 * ps->pad + size * 1.2)
				pt->line_h[l] = 2 * ps->pad + size * 1.2;
			h += pt->line_h[l];
		}
		struct pp_text_style lts = ps->bold;
		lts.colour = st->poster_label_text;
		if (pt->t->label && *pt->t->label) {
			stack_add(&pt->label, text_plain(f->ctx, st, &lts, pt->t->label), lts.colour,
				  NULL);
			centre(&pt->label);
			stack_set_width(&pt->label, ps->label_w - 2 * ps->pad);
			double lh = stack_height(&pt->label) + 2 * ps->pad;
			if (lh > h) {
				pt->line_h[pt->n_lines - 1] += lh - h;
				h = lh;
			}
		}
		pt->h = h;
		ps->total_h += ps->vg + h;
	}
}

/* ---------- drawing -------------------------------------------------------- */

static void set_snode(struct stack *s, struct pp_snode *n)
{
	for (size_t i = 0; i < s->n_pieces; i++)
		s->pieces[i].snode = n;
}

static void arrow_up(struct pp_page *page, double x, double y, struct pp_rgb c, double w,
		     double a)
{
	page_line(page, x, y, x - a * 0.7, y + a, c, w);
	page_line(page, x, y, x + a * 0.7, y + a, c, w);
}

/* The box of tier `above` that box b connects to: the nearest of the
 * same theme (the plan's own alignment: a priority to its theme), on the
 * tier's last line if one is there; else the nearest on its last line. */
static const struct pbox *box_above(const struct pbox *b, const struct ptier *above)
{
	const struct pbox *best = NULL;
	double bd = 0, cx = b->x + b->w / 2;
	size_t last = above->n_lines - 1;
	/* pass 0: same theme, last line; 1: same theme, any line; 2: nearest */
	for (int pass = b->theme ? 0 : 2; pass < 3 && !best; pass++)
		for (size_t k = 0; k < above->n; k++) {
			const struct pbox *o = &above->boxes[k];
			if ((pass != 1 && o->line != last) || (pass < 2 && o->theme != b->theme))
				continue;
			double d = cx < o->x ? o->x - cx : cx > o->x + o->w ? cx - o->x - o->w : 0;
			if (!best || d < bd) {
				best = o;
				bd = d;
			}
		}
	return best;
}

/* From the top centre of box `b` up to the tier above (or the banner):
 * straight when its box above (box_above) lies over it, else an elbow
 * through the middle of the gap. */
static void connect(struct poster *ps, const struct pbox *b, const struct ptier *above,
		    double banner_bottom)
{
	struct flow *f = ps->f;
	struct pp_page *page = flow_page(f);
	struct pp_rgb c = f->style->poster_connector;
	double lw = dmax(0.6, ps->size * 0.09), a = dmax(2.5, ps->size * 0.35);
	double cx = b->x + b->w / 2, y0 = b->y;
	double tx = cx, ty = banner_bottom;
	if (above) {
		const struct pbox *best = box_above(b, above);
		/* The tier above ends on another page: nothing to join. */
		if (!best || above->last_page != f->pages->n_pages - 1)
			return;
		double in = dmin(a * 2, best->w / 2);
		tx = dmin(dmax(cx, best->x + in), best->x + best->w - in);
		ty = best->y + best->h;
	}
	if (ty < 0 || ty >= y0)
		return; /* no banner on this page, or the tier above is on another */
	if ((tx - cx < 0.5 && cx - tx < 0.5)) {
		page_line(page, cx, y0, cx, ty, c, lw);
	} else {
		double ym = (y0 + ty) / 2;
		page_line(page, cx, y0, cx, ym, c, lw);
		page_line(page, cx, ym, tx, ym, c, lw);
		page_line(page, tx, ym, tx, ty, c, lw);
	}
	arrow_up(page, tx, ty, c, lw, a);
}

/* Connectors from the first line of tier i (connect="up") to the tier
 * above, or to the banner when it is the first. */
static void connect_tier(struct poster *ps, size_t i, double banner_bottom)
{
	const struct ptier *pt = &ps->tiers[i];
	if (!pt->t->connect_up)
		return;
	for (size_t k = 0; k < pt->n; k++)
		if (pt->boxes[k].line == 0)
			connect(ps, &pt->boxes[k], i ? &ps->tiers[i - 1] : NULL, banner_bottom);
}

static void draw(struct poster *ps, int level)
{
	struct flow *f = ps->f;
	const struct pp_style *st = f->style;
	double W = f->right - f->left;
	double avail = f->bottom - f->y;
	/* Boxes keep their natural height; the tiers are centred in what is
	 * left under the banner (slack: half above them, half below). */
	double slack = ps->n_tiers && ps->total_h < avail ? (avail - ps->total_h) / 2 : 0;
	double extra = 0;
	struct pp_snode *hl = NULL;
	double banner_bottom = -1;

	if (ps->banner.n_pieces) {
		struct pp_page *page = flow_page(f);
		page_rect(page, f->left, f->y, W, ps->banner_h, &st->poster_banner_fill, NULL, 0);
		if (ps->banner_title_pieces) {
			hl = snode_new(f->pages, f->parent, (enum pp_role)(PP_ROLE_H1 + level - 1));
			for (size_t i = 0; i < ps->banner_title_pieces; i++)
				ps->banner.pieces[i].snode = hl;
		}
		for (size_t i = ps->banner_title_pieces; i < ps->banner.n_pieces; i++)
			ps->banner.pieces[i].snode = snode_new(f->pages, f->parent, PP_ROLE_P);
		stack_emit(page, &ps->banner, 0, ps->banner.n_lines, f->left + 2 * ps->pad,
			   f->y + ps->pad, 0);
		f->y += ps->banner_h;
		banner_bottom = f->y;
		f->page_has_content = 1;
	}
	f->y += slack;
	for (size_t i = 0; i < ps->n_tiers; i++) {
		struct ptier *pt = &ps->tiers[i];
		double h = pt->h + extra;
		/* A tier taller than a whole page starts where its first line
		 * fits, and goes on over pages (below). */
		double need = h > f->bottom - f->top + EPS
				      ? pt->line_h[0] + (pt->n_lines ? extra / (double)pt->n_lines : 0)
				      : h;
		if (f->y + ps->vg + need > f->bottom + EPS && f->page_has_content) {
			/* Only when 6 pt is still too big: a new page, at a tier. */
			flow_new_page(f);
			f->page_has_content = 1;
			banner_bottom = -1;
		} else {
			f->y += ps->vg;
		}
		pt->top = f->y;
		pt->h = h;
		double grow = pt->n_lines ? extra / (double)pt->n_lines : 0;
		if (pt->label.n_pieces)
			set_snode(&pt->label,
				  snode_new(f->pages, f->parent,
					    (enum pp_role)(PP_ROLE_H1 + (level < 6 ? level : 5))));
		struct pp_snode *list = pt->n ? snode_new(f->pages, f->parent, PP_ROLE_L) : NULL;
		size_t colour = i % N_TIER_COLOURS;
		/* Boxes in line order, so each line is drawn in one pass. */
		size_t *order = pp_xcalloc(pt->n + 1, sizeof *order), *at = order;
		size_t *count = pp_xcalloc(pt->n_lines + 1, sizeof *count);
		for (size_t k = 0; k < pt->n; k++)
			count[pt->boxes[k].line + 1]++;
		for (size_t l = 0; l < pt->n_lines; l++)
			count[l + 1] += count[l];
		for (size_t k = 0; k < pt->n; k++)
			order[count[pt->boxes[k].line]++] = k;
		double ly = f->y;
		int split = 0, connected = 0;
		for (size_t l = 0; l < pt->n_lines; l++) {
			double lh = pt->line_h[l] + grow;
			/* A tier taller than a page goes on at a line of the next,
			 * its label's fill beside each part and its text beside
			 * the first; any other tier is drawn whole (above). */
			if (l == 0 || ly + lh > f->bottom + EPS) {
				if (l > 0) {
					/* Its first line's connectors, before the page
					 * they are on is finished. */
					connect_tier(ps, i, banner_bottom);
					connected = 1;
					flow_new_page(f);
					f->page_has_content = 1;
					banner_bottom = -1;
					ly = f->y;
					split = 1;
				}
				size_t m = l;
				double y = ly;
				while (m < pt->n_lines &&
				       (m == l || y + pt->line_h[m] + grow <= f->bottom + EPS))
					y += pt->line_h[m++] + grow + ps->gx;
				double seg = l == 0 && m == pt->n_lines ? h : y - ps->gx - ly;
				struct pp_page *lpage = flow_page(f);
				if (pt->label.n_pieces)
					page_rect(lpage, f->left, ly, ps->label_w, seg,
						  &st->poster_label_fill, NULL, 0);
				if (pt->label.n_pieces && l == 0) {
					double lbh = stack_height(&pt->label);
					stack_emit(lpage, &pt->label, 0, pt->label.n_lines,
						   f->left + ps->pad, ly + (seg - lbh) / 2, 0);
				}
			}
			struct pp_page *page = flow_page(f);
			for (; at < order + pt->n && pt->boxes[*at].line == l; at++) {
				struct pbox *b = &pt->boxes[*at];
				b->y = ly;
				b->h = lh;
				page_rect(page, b->x, b->y, b->w, b->h, &st->poster_box_fill[colour],
					  &st->table_rule, st->table_rule_width);
				set_snode(&b->st, snode_new(f->pages, list, PP_ROLE_LI));
				double th = stack_height(&b->st);
				stack_emit(page, &b->st, 0, b->st.n_lines, b->x + ps->pad,
					   b->y + (b->h - th) / 2, 0);
			}
			ly += lh + ps->gx;
		}
		free(order);
		free(count);
		if (!connected)
			connect_tier(ps, i, banner_bottom);
		pt->last_page = f->pages->n_pages - 1;
		f->y = split ? ly - ps->gx : f->y + h;
		f->page_has_content = 1;
	}
}

/*
 * A poster that fits at `base` (measured there) with room to spare: its
 * text grows, in half-point steps up to the template's text-max, to the
 * largest size at which it still fits and every box still takes the
 * poster's size (wider padding must not break a narrow box's words).
 */
static void grow(struct poster *ps, double base, double avail)
{
	double top = dfloor(ps->f->style->poster_text_max / SIZE_STEP) * SIZE_STEP;
	if (top <= base + EPS || ps->shrunk)
		return;
	long lo = 0, hi = (long)((top - base) / SIZE_STEP + 0.5); /* steps above base */
	measure(ps, top);
	if (ps->total_h <= avail + EPS && !ps->shrunk)
		return;
	while (hi - lo > 1) {
		long mid = lo + (hi - lo) / 2;
		measure(ps, base + (double)mid * SIZE_STEP);
		if (ps->total_h <= avail + EPS && !ps->shrunk)
			lo = mid;
		else
			hi = mid;
	}
	double size = base + (double)lo * SIZE_STEP;
	if (ps->size > size + EPS || ps->size < size - EPS)
		measure(ps, size);
}

/* How many views of `v` print something of their own: sections count by
 * their children; covers, contents and page breaks not at all. */
static size_t content_views(const struct pp_view *v, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++) {
		switch (v[i].kind) {
		case PP_VIEW_SECTION:
			count += content_views(v[i].u.section.children, v[i].u.section.n_children);
			break;
		case PP_VIEW_COVER:
		case PP_VIEW_CONTENTS:
		case PP_VIEW_PAGE_BREAK:
			break;
		default:
			count++;
		}
	}
	return count;
}

/* A poster is a plan on a page when it has tiers (seed 003's appendix)
 * or is all its document prints: only then may its text grow to fill the
 * sheet. A banner alone over other views (seed 004's vision over its
 * table) keeps the body's size. */
static int poster_is_the_page(const struct flow *f, const struct pp_poster *p)
{
	return p->n_tiers > 0 ||
	       (f->document && content_views(f->document->views, f->document->n_views) == 1);
}

void flow_poster(struct flow *f, const struct pp_poster *p, const struct pp_loc *loc)
{
	struct poster ps;
	poster_init(&ps, f, p);
	/* A poster wants most of a page: begin a new one when less than
	 * three fifths of the body is left. */
	if (f->page_has_content && f->bottom - f->y < 0.6 * (f->bottom - f->top))
		flow_new_page(f);
	int level = f->depth + 1;
	if (p->title && *p->title) {
		flow_heading(f, NULL, level, p->title);
		level++;
	}
	if (level > 6)
		level = 6;
	double W = f->right - f->left;
	double base = f->style->body.size;
	double scale = W / 770.0;
	if (scale > 1)
		base *= scale < 2 ? scale : 2;
	base = dfloor(base / SIZE_STEP) * SIZE_STEP;
	if (base < MIN_SIZE)
		base = MIN_SIZE;
	/*
	 * The largest size in half-point steps from `base` down to 6 pt at
	 * which the poster fits. Height falls as the size does, so: `base`
	 * first (most posters fit), then 6 pt (one that does not fit there
	 * needs no other try), then halving the steps between: a handful of
	 * measures, not one per half point (27 of them for 2,400 boxes on A3
	 * took 14 s).
	 */
	double avail = f->bottom - f->y;
	measure(&ps, base);
	if (ps.total_h > avail + EPS && base > MIN_SIZE + EPS) {
		long hi = (long)((base - MIN_SIZE) / SIZE_STEP + 0.5), lo = 0; /* steps above 6 pt */
		measure(&ps, MIN_SIZE);
		if (ps.total_h <= avail + EPS) {
			/* lo fits, hi does not: narrow down to the largest that fits */
			while (hi - lo > 1) {
				long mid = lo + (hi - lo) / 2;
				measure(&ps, MIN_SIZE + (double)mid * SIZE_STEP);
				if (ps.total_h <= avail + EPS)
					lo = mid;
				else
					hi = mid;
			}
			if (ps.size > MIN_SIZE + (double)lo * SIZE_STEP + EPS ||
			    ps.size < MIN_SIZE + (double)lo * SIZE_STEP - EPS)
				measure(&ps, MIN_SIZE + (double)lo * SIZE_STEP);
		}
	} else if (ps.total_h <= avail + EPS && poster_is_the_page(f, p)) {
		grow(&ps, base, avail);
	}
	if (ps.total_h > avail + EPS)
		pp_diag(f->diags, PP_MSG_LAYOUT_OVERFLOW, loc,
			"the poster does not fit one page at %g pt; it continues on the next",
			ps.size);
	draw(&ps, level);
	poster_fini(&ps);
}
