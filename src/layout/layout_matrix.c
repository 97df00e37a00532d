/* SPDX-License-Identifier: MIT */
/*
 * layout_matrix.c - the plan on a page as a grid (seed 000): one row per
 * priority, grouped by theme (the theme cell merges the rows of its
 * theme), one column per leaf framework item under the named groups, with
 * one header row per level of group nesting, a mark (the style's glyph)
 * where the priority aligns, a caption (title and period) and a key.
 *
 * Fitting, in this order (the council's rule: the whole plan on one page):
 * long priority text wraps; leaf headers turn a quarter turn when their
 * column is narrower than the label, the header row as tall as the longest
 * turned label; the font shrinks in half-point steps down to 6 pt; only
 * then does the grid continue on further pages, its header rows repeated
 * (as artifacts) and the theme cell repeated where it continues.
 * Structure: a real Table (Caption, THead of TH scope=column, TBody rows
 * whose theme and priority cells are TH scope=row, marks are TD holding
 * the glyph with the alternative text "aligned"), so screen readers read
 * the grid as a table.
 * Invariant: every text box lies inside its cell (turned labels inside
 * their header cell), and every mark's ink is centred in its cell.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "layout_flow.h"

#define EPS 0.01
#define MIN_SIZE 6.0
#define SIZE_STEP 0.5

/* Small arithmetic without libm (the stage libraries do not link it). */
static double dmax(double a, double b)
{
	return a > b ? a : b;
}

static double dfloor(double a) /* a >= 0 */
{
	return (double)(long long)a;
}

/* A group header cell: leaves [first, first + n) at header row `level`,
 * covering `rows` header rows. */
struct hgroup {
	const struct pp_fw_group *g;
	size_t level, first, n, rows;
};

struct matrix {
	struct flow *f;
	const struct pp_matrix *m;
	const struct pp_column *cols;
	size_t n_cols;
	const struct pp_fw_item **leaves;
	size_t n_leaves, cap_leaves;
	struct hgroup *groups;
	size_t n_groups, cap_groups;
	size_t depth; /* group levels; header rows = depth + 1 */
	const struct pp_priority **rows;
	size_t n_rows, cap_rows;
	size_t *theme_first; /* per row: first row of its theme */
	size_t *theme_n;     /* per row: rows of its theme (at the first row) */
	size_t theme_col;    /* index of the theme column, or n_cols */
};

/* Everything measured at one font size. */
struct geom {
	double size, pad_x, pad_y, W;
	struct pp_text_style text, bold, head[3];
	struct stack caption, key;
	struct stack *colhead; /* n_cols */
	struct stack *ghead;   /* n_groups */
	struct stack *leaf;    /* n_leaves */
	struct stack *cells;   /* n_rows * n_cols (theme column: at a theme's first row) */
	PangoLayout *mark;
	int *rotated;	       /* per leaf */
	double *colw;	       /* per row-header column */
	double wm;	       /* mark column width */
	double *head_h;	       /* per header row */
	double *row_h;	       /* per priority row */
	double caption_h, key_h, gap, total_h;
};

/* ---------- what the grid holds ------------------------------------------ */

static void collect(struct matrix *mx, const struct pp_fw_group *g, size_t level)
{
	size_t gi = mx->n_groups;
	PP_GROW(mx->groups, mx->n_groups + 1, mx->cap_groups);
	mx->groups[mx->n_groups++] = (struct hgroup){ g, level, mx->n_leaves, 0, 1 };
	if (level + 1 > mx->depth)
		mx->depth = level + 1;
	for (size_t i = 0; i < g->n_items; i++) {
		PP_GROW(mx->leaves, mx->n_leaves + 1, mx->cap_leaves);
		mx->leaves[mx->n_leaves++] = &g->items[i];
	}
	for (size_t i = 0; i < g->n_groups; i++)
		collect(mx, &g->groups[i], level + 1);
	mx->groups[gi].n = mx->n_leaves - mx->groups[gi].first;
}

static int theme_wanted(const struct pp_matrix *m, const struct pp_theme *th)
{
	if (m->n_theme_ids == 0)
		return 1;
	for (size_t i = 0; i < m->n_theme_ids; i++)
		if (th->id && strcmp(th->id, m->theme_ids[i]) == 0)
			return 1;
	return 0;
}

static int aligned(const struct pp_priority *p, const struct pp_fw_item *it)
{
	for (size_t k = 0; k < p->n_aligns; k++) {
		if (p->aligns[k].item == it)
			return 1;
		if (!p->aligns[k].item && it->id && p->aligns[k].item_id &&
		    strcmp(p->aligns[k].item_id, it->id) == 0)
			return 1;
	}
	return 0;
}

static struct pp_span default_spans[2] = { { .text = (char *)"Theme" },
					   { .text = (char *)"Priority" } };

static void matrix_init(struct matrix *mx, struct flow *f, const struct pp_matrix *m,
			struct pp_column *defaults)
{
	memset(mx, 0, sizeof *mx);
	mx->f = f;
	mx->m = m;
	mx->cols = m->columns;
	mx->n_cols = m->n_columns;
	if (mx->n_cols == 0) {
		/* No <column>: the theme and the priority title, as seed 000. */
		memset(defaults, 0, 2 * sizeof *defaults);
		defaults[0].field = PP_FIELD_THEME;
		defaults[0].header = (struct pp_inline){ &default_spans[0], 1 };
		defaults[1].field = PP_FIELD_TITLE;
		defaults[1].header = (struct pp_inline){ &default_spans[1], 1 };
		mx->cols = defaults;
		mx->n_cols = 2;
	}
	mx->theme_col = mx->n_cols;
	for (size_t c = 0; c < mx->n_cols; c++)
		if (mx->cols[c].field == PP_FIELD_THEME && mx->theme_col == mx->n_cols)
			mx->theme_col = c;
	for (size_t i = 0; i < m->n_group_ids; i++) {
		const struct pp_fw_group *g = m->groups ? m->groups[i] : NULL;
		if (!g)
			g = pp_framework_group(f->doc, m->group_ids[i]);
		if (g)
			collect(mx, g, 0);
	}
	/* A group that holds items directly reaches down to the leaf row. */
	for (size_t i = 0; i < mx->n_groups; i++)
		if (mx->groups[i].g->n_groups == 0)
			mx->groups[i].rows = mx->depth - mx->groups[i].level;
	const struct pp_doc *doc = f->doc;
	for (size_t ti = 0; ti < doc->n_themes; ti++) {
		const struct pp_theme *th = &doc->themes[ti];
		if (!theme_wanted(m, th))
			continue;
		for (size_t pi = 0; pi < th->n_priorities; pi++) {
			PP_GROW(mx->rows, mx->n_rows + 1, mx->cap_rows);
			mx->rows[mx->n_rows++] = &th->priorities[pi];
		}
	}
	mx->theme_first = pp_xcalloc(mx->n_rows + 1, sizeof *mx->theme_first);
	mx->theme_n = pp_xcalloc(mx->n_rows + 1, sizeof *mx->theme_n);
	for (size_t r = 0; r < mx->n_rows; r++) {
		size_t first = r;
		if (r > 0 && mx->rows[r - 1]->theme == mx->rows[r]->theme)
			first = mx->theme_first[r - 1];
		mx->theme_first[r] = first;
		mx->theme_n[first]++;
	}
}

static void matrix_fini(struct matrix *mx)
{
	free(mx->leaves);
	free(mx->groups);
	free(mx->rows);
	free(mx->theme_first);
	free(mx->theme_n);
}

/* ---------- measuring at one size ---------------------------------------- */

static void geom_fini(struct matrix *mx, struct geom *g)
{
	stack_fini(&g->caption);
	stack_fini(&g->key);
	for (size_t c = 0; c < mx->n_cols; c++)
		stack_fini(&g->colhead[c]);
	for (size_t i = 0; i < mx->n_groups; i++)
		stack_fini(&g->ghead[i]);
	for (size_t i = 0; i < mx->n_leaves; i++)
		stack_fini(&g->leaf[i]);
	for (size_t i = 0; i < mx->n_rows * mx->n_cols; i++)
		stack_fini(&g->cells[i]);
	if (g->mark)
		g_object_unref(g->mark);
	free(g->colhead);
	free(g->ghead);
	free(g->leaf);
	free(g->cells);
	free(g->rotated);
	free(g->colw);
	free(g->head_h);
	free(g->row_h);
	memset(g, 0, sizeof *g);
}

static double layout_w(PangoLayout *l)
{
	int w;
	pango_layout_get_size(l, &w, NULL);
	return (double)w / PANGO_SCALE;
}

static double layout_h(PangoLayout *l)
{
	int h;
	pango_layout_get_size(l, NULL, &h);
	return (double)h / PANGO_SCALE;
}

static const char *mark_glyph(const struct pp_style *st)
{
	return st->mark_glyph && *st->mark_glyph ? st->mark_glyph : "\xe2\x97\x8f";
}

static void cell_text(struct matrix *mx, struct geom *g, struct stack *s, size_t c,
		      const struct pp_priority *p)
{
	struct flow *f = mx->f;
	const struct pp_inline *in = NULL;
	switch (mx->cols[c].field) {
	case PP_FIELD_THEME:
		stack_add(s, text_plain(f->ctx, f->style, &g->bold,
					p->theme && p->theme->title ? p->theme->title : ""),
			  g->bold.colour, NULL);
		return;
	case PP_FIELD_REF:
		stack_add(s, text_plain(f->ctx, f->style, &g->bold, p->ref ? p->ref : ""),
			  g->bold.colour, NULL);
		return;
	case PP_FIELD_STATEMENT:
		in = p->statement.n_spans ? &p->statement : &p->title;
		break;
	default: /* title, and any field check let through */
		in = &p->title;
		break;
	}
	stack_add(s, text_inline(f->ctx, f->style, &g->text, in, NULL, NULL), g->text.colour,
		  NULL);
}

/* Smallest wrapping width at which `l` takes at most `k` lines without
 * breaking a word (bisection between its widest word and one line). */
static double turned_width(PangoLayout *l, int k)
{
	pango_layout_set_wrap(l, PANGO_WRAP_WORD);
	pango_layout_set_width(l, -1);
	double hi = layout_w(l) + EPS;
	pango_layout_set_width(l, 1);
	double lo = layout_w(l);
	if (k <= 1 || lo >= hi) {
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
		return hi;
	}
	for (int i = 0; i < 14 && hi - lo > 0.25; i++) {
		double mid = (lo + hi) / 2;
		pango_layout_set_width(l, (int)(mid * PANGO_SCALE));
		if (pango_layout_get_line_count(l) <= k && layout_w(l) <= mid + EPS)
			hi = mid;
		else
			lo = mid;
	}
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	return hi;
}

/*
 * Column widths at this size. Mark columns are as narrow as a turned
 * label line (or a mark) allows, two lines' worth when there is room;
 * row-header columns take their fixed widths, then auto/share columns get
 * their natural width, or less (wrapping) when the room is short; what is
 * left goes to them too, so the grid is always the full content width.
 * When every leaf label fits upright in an equal share, labels stay upright.
 */
static void resolve_widths(struct matrix *mx, struct geom *g, double line_h)
{
	size_t n = mx->n_leaves, nc = mx->n_cols;
	double W = g->W, fixed = 0, smin = 0, smax = 0;
	double *mn = pp_xcalloc(nc + 1, sizeof *mn), *mxw = pp_xcalloc(nc + 1, sizeof *mxw);
	int *flex = pp_xcalloc(nc + 1, sizeof *flex);
	size_t n_flex = 0;
	for (size_t c = 0; c < nc; c++) {
		const struct pp_width *w = &mx->cols[c].width;
		if (w->kind == PP_WIDTH_PERCENT || w->kind == PP_WIDTH_POINTS) {
			g->colw[c] = w->kind == PP_WIDTH_PERCENT ? W * w->value / 100.0 : w->value;
			fixed += g->colw[c];
			continue;
		}
		flex[c] = 1;
		n_flex++;
		double a, b;
		stack_measure(&g->colhead[c], &a, &b);
		mn[c] = a;
		mxw[c] = b;
		for (size_t r = 0; r < mx->n_rows; r++) {
			stack_measure(&g->cells[r * nc + c], &a, &b);
			if (a > mn[c])
				mn[c] = a;
			if (b > mxw[c])
				mxw[c] = b;
		}
		mn[c] += 2 * g->pad_x + 0.5;
		mxw[c] += 2 * g->pad_x + 0.5;
		smin += mn[c];
		smax += mxw[c];
	}
	double mark_w = layout_w(g->mark);
	double wm_min = dmax(mark_w, line_h) + 2 * g->pad_x;
	double wm_pref = dmax(wm_min, 2 * line_h + 2 * g->pad_x);
	double upright = 0;
	for (size_t i = 0; i < n; i++) {
		double a, b;
		stack_measure(&g->leaf[i], &a, &b);
		if (b + 2 * g->pad_x > upright)
			upright = b + 2 * g->pad_x;
	}
	g->wm = wm_pref;
	if (n && upright <= (W - fixed - smin) / (double)n && upright < 6 * line_h)
		g->wm = dmax(upright, wm_min);
	else if (n && W - fixed - (double)n * wm_pref < smin)
		g->wm = wm_min;
	/* A group header never breaks inside a word: the columns it spans are
	 * together at least as wide as its longest word ("programmes"), when
	 * the row-header columns can give up that room. */
	for (size_t i = 0; i < mx->n_groups; i++) {
		double a, b;
		stack_measure(&g->ghead[i], &a, &b);
		double need = (a + 2 * g->pad_x + 0.5) / (double)mx->groups[i].n;
		if (need > g->wm && (double)n * need <= W - fixed - smin)
			g->wm = need;
	}
	if (n_flex == 0 && n)
		g->wm = dmax(g->wm, (W - fixed) / (double)n);
	double room = W - fixed - (double)n * g->wm;
	if (room < 0)
		room = 0;
	for (size_t c = 0; c < nc; c++) {
		if (!flex[c])
			continue;
		if (smax <= room)
			g->colw[c] = mxw[c] + (smax > 0 ? (room - smax) * mxw[c] / smax : 0);
		else if (smin <= room)
			g->colw[c] = mn[c] + (mxw[c] - mn[c]) *
						     (smax > smin ? (room - smin) / (smax - smin) : 0);
		else
			g->colw[c] = smin > 0 ? room * mn[c] / smin : room / (double)n_flex;
	}
	/* Never wider than the content box: the mark columns give way last. */
	double total = (double)n * g->wm;
	for (size_t c = 0; c < nc; c++)
		total += g->colw[c];
	if (total > W + EPS && n) {
		double rows = total - (double)n * g->wm;
		g->wm = dmax(wm_min, (W - rows) / (double)n);
		total = rows + (double)n * g->wm;
		if (total > W + EPS) {
			double k = W / total;
			for (size_t c = 0; c < nc; c++)
				g->colw[c] *= k;
			g->wm *= k;
		}
	}
	free(mn);
	free(mxw);
	free(flex);
}

static void measure(struct matrix *mx, struct geom *g, double size)
{
	struct flow *f = mx->f;
	const struct pp_style *st = f->style;
	const struct pp_doc *doc = f->doc;
	size_t nc = mx->n_cols, n = mx->n_leaves;
	memset(g, 0, sizeof *g);
	g->size = size;
	double k = size < st->table_text.size ? size / st->table_text.size : 1.0;
	g->pad_x = st->cell_pad_x * k;
	g->pad_y = st->cell_pad_y * k;
	g->W = f->right - f->left;
	g->gap = st->para_space;
	g->text = st->table_text;
	g->text.size = size;
	g->bold = g->text;
	g->bold.bold = 1;
	for (int i = 0; i < 3; i++)
		g->head[i] = (struct pp_text_style){ size, 1, 0, st->matrix_head_text[i] };

	/* Caption: the view's title (or the plan's), then the plan and period.
	 * It keeps the document's sizes when the grid shrinks, and grows with
	 * the grid when a poster enlarges it, so the title stays the largest
	 * text on the sheet. */
	stack_init(&g->caption);
	double grow = size > st->table_text.size ? size / st->table_text.size : 1.0;
	struct pp_text_style ct = st->h[3], sub_style = st->body;
	ct.size *= grow;
	sub_style.size *= grow;
	const char *title = mx->m->title ? mx->m->title : doc->facts.title;
	stack_add(&g->caption, text_plain(f->ctx, st, &ct, title ? title : ""), ct.colour, NULL);
	char *sub = NULL;
	/* "Children's Directorate Plan 2022-24", not "... 2022-24, 2022-24":
	 * the period is added only when the plan's title does not carry it. */
	if (mx->m->title && doc->facts.title)
		sub = doc->facts.period && !strstr(doc->facts.title, doc->facts.period)
			      ? pp_xasprintf("%s, %s", doc->facts.title, doc->facts.period)
			      : pp_xstrdup(doc->facts.title);
	else if (doc->facts.period)
		sub = pp_xasprintf("Plan period: %s", doc->facts.period);
	if (sub) {
		stack_add(&g->caption, text_plain(f->ctx, st, &sub_style, sub), sub_style.colour,
			  NULL);
		free(sub);
	}
	stack_set_width(&g->caption, g->W);
	g->caption_h = stack_height(&g->caption);

	g->mark = text_plain(f->ctx, st, &g->text, mark_glyph(st));
	stack_init(&g->key);
	char *key = pp_xasprintf("Key: %s marks where a priority is aligned with the item "
				 "named at the head of the column.",
				 mark_glyph(st));
	stack_add(&g->key, text_plain(f->ctx, st, &g->text, key), g->text.colour, NULL);
	free(key);
	stack_set_width(&g->key, g->W);
	g->key_h = stack_height(&g->key);

	g->colhead = pp_xcalloc(nc, sizeof *g->colhead);
	for (size_t c = 0; c < nc; c++) {
		stack_init(&g->colhead[c]);
		stack_add(&g->colhead[c],
			  text_inline(f->ctx, st, &g->head[0], &mx->cols[c].header, NULL, NULL),
			  g->head[0].colour, NULL);
	}
	g->ghead = pp_xcalloc(mx->n_groups + 1, sizeof *g->ghead);
	for (size_t i = 0; i < mx->n_groups; i++) {
		const struct pp_text_style *hs = &g->head[mx->groups[i].level ? 1 : 0];
		stack_init(&g->ghead[i]);
		const char *label = mx->groups[i].g->label;
		stack_add(&g->ghead[i], text_plain(f->ctx, st, hs, label ? label : ""),
			  hs->colour, NULL);
		pango_layout_set_alignment(g->ghead[i].pieces[0].layout, PANGO_ALIGN_CENTER);
	}
	g->leaf = pp_xcalloc(n + 1, sizeof *g->leaf);
	for (size_t i = 0; i < n; i++) {
		stack_init(&g->leaf[i]);
		const char *label = mx->leaves[i]->label;
		stack_add(&g->leaf[i], text_plain(f->ctx, st, &g->head[2], label ? label : ""),
			  g->head[2].colour, NULL);
	}
	g->cells = pp_xcalloc(mx->n_rows * nc + 1, sizeof *g->cells);
	for (size_t r = 0; r < mx->n_rows; r++)
		for (size_t c = 0; c < nc; c++) {
			struct stack *s = &g->cells[r * nc + c];
			stack_init(s);
			if (c == mx->theme_col && mx->theme_first[r] != r)
				continue; /* covered by the theme's merged cell */
			cell_text(mx, g, s, c, mx->rows[r]);
		}

	/* Widths. */
	PangoLayout *probe = text_plain(f->ctx, st, &g->head[2], "Xg");
	double line_h = layout_h(probe);
	g_object_unref(probe);
	g->colw = pp_xcalloc(nc + 1, sizeof *g->colw);
	resolve_widths(mx, g, line_h);

	/* Header rows: groups level by level, then the leaves. */
	size_t hr = mx->depth + 1;
	g->head_h = pp_xcalloc(hr, sizeof *g->head_h);
	for (size_t i = 0; i < mx->n_groups; i++) {
		struct hgroup *hg = &mx->groups[i];
		stack_set_width(&g->ghead[i], dmax(1, (double)hg->n * g->wm - 2 * g->pad_x));
		if (hg->rows == 1) {
			double h = stack_height(&g->ghead[i]) + 2 * g->pad_y;
			if (h > g->head_h[hg->level])
				g->head_h[hg->level] = h;
		}
	}
	g->rotated = pp_xcalloc(n + 1, sizeof *g->rotated);
	double leaf_h = 0;
	for (size_t i = 0; i < n; i++) {
		struct stack *s = &g->leaf[i];
		PangoLayout *l = s->pieces[0].layout;
		pango_layout_set_width(l, -1);
		g->rotated[i] = layout_w(l) + 2 * g->pad_x > g->wm + EPS;
		double h;
		if (g->rotated[i]) {
			/* As many turned lines as the column is wide. */
			int lines = (int)dfloor((g->wm - 2 * g->pad_x + EPS) / line_h);
			if (lines < 1)
				lines = 1;
			double tw = turned_width(l, lines);
			stack_set_width(s, tw);
			h = tw;
		} else {
			pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
			stack_set_width(s, g->wm - 2 * g->pad_x);
			h = stack_height(s);
		}
		if (h + 2 * g->pad_y > leaf_h)
			leaf_h = h + 2 * g->pad_y;
	}
	g->head_h[mx->depth] = dmax(leaf_h, line_h + 2 * g->pad_y);
	/* Cells spanning several header rows grow the last of them. */
	for (size_t i = 0; i < mx->n_groups; i++) {
		struct hgroup *hg = &mx->groups[i];
		if (hg->rows <= 1)
			continue;
		double have = 0, need = stack_height(&g->ghead[i]) + 2 * g->pad_y;
		for (size_t r = hg->level; r < hg->level + hg->rows; r++)
			have += g->head_h[r];
		if (need > have)
			g->head_h[hg->level + hg->rows - 1] += need - have;
	}
	double head_total = 0;
	for (size_t r = 0; r < hr; r++)
		head_total += g->head_h[r];
	for (size_t c = 0; c < nc; c++) {
		stack_set_width(&g->colhead[c], dmax(1, g->colw[c] - 2 * g->pad_x));
		double need = stack_height(&g->colhead[c]) + 2 * g->pad_y;
		if (need > head_total) {
			g->head_h[mx->depth] += need - head_total;
			head_total = need;
		}
	}

	/* Priority rows; a theme cell taller than its rows shares the extra. */
	g->row_h = pp_xcalloc(mx->n_rows + 1, sizeof *g->row_h);
	double mark_need = layout_h(g->mark) + 2 * g->pad_y;
	for (size_t r = 0; r < mx->n_rows; r++) {
		double h = mark_need;
		for (size_t c = 0; c < nc; c++) {
			struct stack *s = &g->cells[r * nc + c];
			stack_set_width(s, dmax(1, g->colw[c] - 2 * g->pad_x));
			if (c != mx->theme_col && s->n_lines)
				h = dmax(h, stack_height(s) + 2 * g->pad_y);
		}
		g->row_h[r] = h;
	}
	if (mx->theme_col < nc)
		for (size_t r = 0; r < mx->n_rows; r++) {
			if (mx->theme_first[r] != r)
				continue;
			struct stack *s = &g->cells[r * nc + mx->theme_col];
			double need = stack_height(s) + 2 * g->pad_y, have = 0;
			for (size_t i = r; i < r + mx->theme_n[r]; i++)
				have += g->row_h[i];
			if (need > have)
				for (size_t i = r; i < r + mx->theme_n[r]; i++)
					g->row_h[i] += (need - have) / (double)mx->theme_n[r];
		}
	g->total_h = g->caption_h + g->gap + head_total + g->gap + g->key_h;
	for (size_t r = 0; r < mx->n_rows; r++)
		g->total_h += g->row_h[r];
}

/* ---------- drawing -------------------------------------------------------- */

struct draw {
	struct matrix *mx;
	struct geom *g;
	double *x; /* left edge of every column: row headers, then leaves */
	struct pp_snode *table, *thead, *tbody;
	int head_drawn;
	/* the open theme segment */
	double seg_top;
	size_t seg_row; /* first row of the theme, or (size_t)-1 */
	size_t theme_next; /* next line of the theme's text to draw */
	int theme_seg_first;
	struct pp_snode *theme_snode;
};

static void set_snode(struct stack *s, struct pp_snode *n)
{
	for (size_t i = 0; i < s->n_pieces; i++)
		s->pieces[i].snode = n;
}

static struct pp_snode *th(struct draw *d, struct pp_snode *tr, enum pp_scope scope,
			   unsigned rows, unsigned cols)
{
	struct pp_snode *n = snode_new(d->mx->f->pages, tr, PP_ROLE_TH);
	n->scope = scope;
	n->row_span = rows;
	n->col_span = cols;
	return n;
}

/* Emit a stack vertically centred in [y, y + h). */
static void emit_centred(struct pp_page *page, struct stack *s, double x, double y, double h,
			 int artifact)
{
	if (!s->n_lines)
		return;
	double sh = stack_height(s);
	double ty = y + (h - sh) / 2;
	stack_emit(page, s, 0, s->n_lines, x, ty, artifact);
}

static void emit_head(struct draw *d)
{
	struct matrix *mx = d->mx;
	struct geom *g = d->g;
	struct flow *f = mx->f;
	const struct pp_style *st = f->style;
	struct pp_page *page = flow_page(f);
	int art = d->head_drawn;
	size_t nc = mx->n_cols, hr = mx->depth + 1;
	double *top = pp_xcalloc(hr + 1, sizeof *top);
	top[0] = f->y;
	for (size_t r = 0; r < hr; r++)
		top[r + 1] = top[r] + g->head_h[r];
	struct pp_snode **tr = pp_xcalloc(hr, sizeof *tr);
	if (!art) {
		d->thead = snode_new(f->pages, d->table, PP_ROLE_THEAD);
		for (size_t r = 0; r < hr; r++)
			tr[r] = snode_new(f->pages, d->thead, PP_ROLE_TR);
	}
	const struct pp_rgb *rule = &st->table_rule;
	double rw = st->table_rule_width;
	for (size_t c = 0; c < nc; c++) {
		page_rect(page, d->x[c], top[0], g->colw[c], top[hr] - top[0],
			  &st->matrix_head_fill[0], rule, rw);
		if (!art)
			set_snode(&g->colhead[c], th(d, tr[0], PP_SCOPE_COLUMN, (unsigned)hr, 1));
		emit_centred(page, &g->colhead[c], d->x[c] + g->pad_x, top[0], top[hr] - top[0],
			     art);
	}
	for (size_t i = 0; i < mx->n_groups; i++) {
		struct hgroup *hg = &mx->groups[i];
		if (!hg->n)
			continue;
		double x = d->x[nc + hg->first], w = (double)hg->n * g->wm;
		double y = top[hg->level], h = top[hg->level + hg->rows] - y;
		page_rect(page, x, y, w, h, &st->matrix_head_fill[hg->level ? 1 : 0], rule, rw);
		if (!art)
			set_snode(&g->ghead[i], th(d, tr[hg->level], PP_SCOPE_COLUMN, (unsigned)hg->rows,
						   (unsigned)hg->n));
		emit_centred(page, &g->ghead[i], x + g->pad_x, y, h, art);
	}
	for (size_t i = 0; i < mx->n_leaves; i++) {
		double x = d->x[nc + i], y = top[mx->depth], h = top[hr] - y;
		page_rect(page, x, y, g->wm, h, &st->matrix_head_fill[2], rule, rw);
		struct stack *s = &g->leaf[i];
		struct pp_snode *n = art ? NULL : th(d, tr[mx->depth], PP_SCOPE_COLUMN, 1, 1);
		if (!g->rotated[i]) {
			set_snode(s, n);
			/* Upright labels sit on the bottom of the header. */
			stack_emit(page, s, 0, s->n_lines, x + g->pad_x,
				   y + h - g->pad_y - stack_height(s), art);
			continue;
		}
		/* A quarter turn: the label reads upwards from the bottom of its
		 * cell, its lines centred across the column. */
		PangoLayout *l = s->pieces[0].layout;
		struct pp_box *b = page_box(page, PP_BOX_TEXT);
		b->layout = g_object_ref(l);
		b->first_line = 0;
		b->n_lines = pango_layout_get_line_count(l);
		b->rotation = 90;
		b->w = layout_h(l);
		b->h = s->width;
		b->x = x + (g->wm - b->w) / 2;
		b->y = y + h - g->pad_y - b->h;
		b->colour = g->head[2].colour;
		b->snode = n;
	}
	f->y = top[hr];
	d->head_drawn = 1;
	free(top);
	free(tr);
}

/* Close the open theme segment at f->y: its fill, rule and text. */
static void close_theme(struct draw *d)
{
	struct matrix *mx = d->mx;
	struct geom *g = d->g;
	struct flow *f = mx->f;
	const struct pp_style *st = f->style;
	if (d->seg_row == (size_t)-1 || mx->theme_col >= mx->n_cols)
		return;
	struct pp_page *page = flow_page(f);
	size_t c = mx->theme_col;
	double h = f->y - d->seg_top;
	if (h < EPS)
		return;
	page_rect(page, d->x[c], d->seg_top, g->colw[c], h, &st->table_group_fill,
		  &st->table_rule, st->table_rule_width);
	struct stack *s = &g->cells[d->seg_row * mx->n_cols + c];
	double avail = h - 2 * g->pad_y;
	if (d->theme_next < s->n_lines) {
		size_t k = stack_fit(s, d->theme_next, avail);
		if (k) {
			set_snode(s, d->theme_snode);
			stack_emit(page, s, d->theme_next, d->theme_next + k, d->x[c] + g->pad_x,
				   d->seg_top + g->pad_y, 0);
			d->theme_next += k;
		}
	} else {
		/* The theme continues from an earlier page: its name again. */
		size_t k = stack_fit(s, 0, avail);
		if (k)
			stack_emit(page, s, 0, k, d->x[c] + g->pad_x, d->seg_top + g->pad_y, 1);
	}
}

static void emit_row(struct draw *d, size_t r)
{
	struct matrix *mx = d->mx;
	struct geom *g = d->g;
	struct flow *f = mx->f;
	const struct pp_style *st = f->style;
	struct pp_page *page = flow_page(f);
	size_t nc = mx->n_cols;
	double y = f->y, h = g->row_h[r];
	const struct pp_rgb *rule = &st->table_rule;
	double rw = st->table_rule_width;
	const struct pp_rgb *zebra = r % 2 == 1 ? &st->matrix_zebra_fill : NULL;
	struct pp_snode *tr = snode_new(f->pages, d->tbody, PP_ROLE_TR);
	for (size_t c = 0; c < nc; c++) {
		if (c == mx->theme_col) {
			if (mx->theme_first[r] == r)
				d->theme_snode = th(d, tr, PP_SCOPE_ROW, (unsigned)mx->theme_n[r], 1);
			continue;
		}
		struct stack *s = &g->cells[r * nc + c];
		page_rect(page, d->x[c], y, g->colw[c], h, zebra, rule, rw);
		set_snode(s, th(d, tr, PP_SCOPE_ROW, 1, 1));
		if (s->n_lines)
			stack_emit(page, s, 0, s->n_lines, d->x[c] + g->pad_x, y + g->pad_y, 0);
	}
	/* The mark's ink is centred in its cell, whatever the font's side
	 * bearings and ascent. */
	PangoRectangle ink, logical;
	pango_layout_get_extents(g->mark, &ink, &logical);
	double icx = ((double)ink.x + (double)ink.width / 2) / PANGO_SCALE;
	double icy = ((double)ink.y + (double)ink.height / 2) / PANGO_SCALE;
	for (size_t i = 0; i < mx->n_leaves; i++) {
		double x = d->x[nc + i];
		page_rect(page, x, y, g->wm, h, zebra, rule, rw);
		struct pp_snode *td = snode_new(f->pages, tr, PP_ROLE_TD);
		if (!aligned(mx->rows[r], mx->leaves[i]))
			continue;
		td->alt = pp_xstrdup("aligned");
		struct pp_box *b = page_box(page, PP_BOX_TEXT);
		b->layout = g_object_ref(g->mark);
		b->first_line = 0;
		b->n_lines = 1;
		b->w = (double)logical.width / PANGO_SCALE;
		b->h = (double)logical.height / PANGO_SCALE;
		b->x = x + g->wm / 2 - icx;
		b->y = y + h / 2 - icy;
		b->colour = st->mark_colour;
		b->snode = td;
	}
	f->y += h;
}

static void draw(struct matrix *mx, struct geom *g)
{
	struct flow *f = mx->f;
	struct draw d = { 0 };
	d.mx = mx;
	d.g = g;
	d.seg_row = (size_t)-1;
	size_t nc = mx->n_cols;
	d.x = pp_xcalloc(nc + mx->n_leaves + 1, sizeof *d.x);
	double x = f->left;
	for (size_t c = 0; c < nc; c++) {
		d.x[c] = x;
		x += g->colw[c];
	}
	for (size_t i = 0; i < mx->n_leaves; i++) {
		d.x[nc + i] = x;
		x += g->wm;
	}
	double head_total = 0;
	for (size_t r = 0; r <= mx->depth; r++)
		head_total += g->head_h[r];

	d.table = snode_new(f->pages, f->parent, PP_ROLE_TABLE);
	struct pp_snode *cap = snode_new(f->pages, d.table, PP_ROLE_CAPTION);
	set_snode(&g->caption, cap);
	double first = mx->n_rows ? g->row_h[0] : 0;
	flow_need(f, g->caption_h + g->gap + head_total + first);
	stack_emit(flow_page(f), &g->caption, 0, g->caption.n_lines, f->left, f->y, 0);
	f->y += g->caption_h + g->gap;
	f->page_has_content = 1;
	emit_head(&d);
	d.tbody = snode_new(f->pages, d.table, PP_ROLE_TBODY);
	size_t on_page = 0;
	for (size_t r = 0; r < mx->n_rows; r++) {
		if (on_page > 0 && f->y + g->row_h[r] > f->bottom + EPS) {
			/* Continued: close the theme's segment here and reopen it
			 * under the repeated header. */
			close_theme(&d);
			flow_new_page(f);
			f->page_has_content = 1;
			emit_head(&d);
			d.seg_top = f->y;
			on_page = 0;
		}
		if (mx->theme_first[r] == r) {
			close_theme(&d);
			d.seg_row = r;
			d.seg_top = f->y;
			d.theme_next = 0;
		}
		emit_row(&d, r);
		on_page++;
	}
	close_theme(&d);
	f->y += g->gap;
	if (f->y + g->key_h > f->bottom + EPS)
		flow_new_page(f);
	struct pp_snode *key = snode_new(f->pages, f->parent, PP_ROLE_P);
	set_snode(&g->key, key);
	stack_emit(flow_page(f), &g->key, 0, g->key.n_lines, f->left, f->y, 0);
	f->y += g->key_h;
	f->page_has_content = 1;
	free(d.x);
}

void flow_matrix(struct flow *f, const struct pp_matrix *m, const struct pp_loc *loc)
{
	struct pp_column defaults[2];
	struct matrix mx;
	matrix_init(&mx, f, m, defaults);
	if (f->page_has_content)
		f->y += f->style->para_space;
	/* Start from the table size, larger on a larger page (an A3 wall
	 * poster reads from further away), and shrink until the grid fits
	 * the room left on this page. */
	double base = f->style->table_text.size;
	double scale = (f->right - f->left) / 770.0;
	if (scale > 1)
		base *= scale < 2 ? scale : 2;
	base = dfloor(base / SIZE_STEP) * SIZE_STEP;
	if (base < MIN_SIZE)
		base = MIN_SIZE;
	double avail = f->bottom - f->y;
	struct geom g;
	for (double s = base;; s -= SIZE_STEP) {
		if (s < MIN_SIZE)
			s = MIN_SIZE;
		measure(&mx, &g, s);
		if (g.total_h <= avail + EPS || s <= MIN_SIZE + EPS)
			break;
		geom_fini(&mx, &g);
	}
	/* A plan on a page is meant to use its page: when the grid fits with
	 * room to spare, grow it (up to twice the starting size) to the
	 * largest size that still fits, so a wall poster is read from across
	 * the room rather than filling the top of the sheet. */
	if (g.size == base) {
		for (double s = base + SIZE_STEP; s <= 2 * base + EPS; s += SIZE_STEP) {
			struct geom bigger;
			measure(&mx, &bigger, s);
			if (bigger.total_h > avail + EPS) {
				geom_fini(&mx, &bigger);
				break;
			}
			geom_fini(&mx, &g);
			g = bigger;
		}
	}
	if (g.total_h > avail + EPS)
		pp_diag(f->diags, PP_MSG_LAYOUT_OVERFLOW, loc,
			"the matrix does not fit one page at %g pt; it continues on the next "
			"with its header repeated",
			g.size);
	draw(&mx, &g);
	geom_fini(&mx, &g);
	matrix_fini(&mx);
}
