/* SPDX-License-Identifier: MIT */
/*
 * layout_blocks.c - narrative blocks (paragraphs, sub-headings, lists, small
 * data tables, charts) into stacks and into the body flow.
 *
 * Lists hang: the marker sits at the item's indent and the text at indent
 * plus the list's hang width, so wrapped lines align with the first line's
 * text. The hang is wide enough for the widest marker ("///", "12.").
 * Inside a cell, tables and charts are drawn pieces (layout_chart.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "layout_flow.h"

/* The hanging column of numbered paragraphs ("10.10", or "10.10.10" with
 * numbered sub-sections, in body text and a gap): committee reports
 * (layout_report.c) and their paragraphs here. */
double report_hang(struct flow *f)
{
	PangoLayout *l = text_plain(f->ctx, f->style, &f->style->body,
				    f->document->numbered == 2 ? "10.10.10" : "10.10");
	int w;
	pango_layout_get_size(l, &w, NULL);
	g_object_unref(l);
	return (double)w / PANGO_SCALE + f->style->body.size;
}

static void blocks_at(struct flow *f, struct stack *s, const struct pp_blocks *b,
		      const struct pp_text_style *ts, struct pp_snode *parent, double indent,
		      int level);

/*
 * The language of text that is all in one <span lang>, else NULL. A tagged
 * PDF gives it to the whole element (/Lang); text that mixes languages
 * keeps the document's, as one element is one marked run of text.
 */
static const char *inline_lang(const struct pp_inline *in)
{
	const char *lang = NULL;
	for (size_t i = 0; i < in->n_spans; i++) {
		const struct pp_span *sp = &in->spans[i];
		if (!sp->text || !sp->text[strspn(sp->text, " \t\n")])
			continue;
		if (!sp->lang || (lang && strcmp(lang, sp->lang) != 0))
			return NULL;
		lang = sp->lang;
	}
	return lang;
}

/* Is `in` plain text: no emphasis, break, link, reference or language of
 * its own? Then text_inline() would give a layout with no attribute. */
static int plain_inline(const struct pp_inline *in)
{
	for (size_t i = 0; i < in->n_spans; i++) {
		const struct pp_span *sp = &in->spans[i];
		if (sp->flags || sp->href || sp->lang || sp->ref || sp->ref_id)
			return 0;
	}
	return 1;
}

void inline_to_stack(struct flow *f, struct stack *s, const struct pp_inline *in,
		     const struct pp_text_style *ts, struct pp_snode *snode, double space_before)
{
	const char *lang = snode && !snode->lang ? inline_lang(in) : NULL;
	if (lang)
		snode->lang = pp_xstrdup(lang);
	if (plain_inline(in)) {
		/* A plain piece: the same text in the same font measures and
		 * draws as the layout would, with no PangoLayout made for it
		 * until one is needed (stack_add_plain). */
		size_t len = 0;
		for (size_t i = 0; i < in->n_spans; i++)
			len += in->spans[i].text ? strlen(in->spans[i].text) : 0;
		char small[256];
		char *text = len < sizeof small ? small : pp_xmalloc(len + 1);
		size_t pos = 0;
		for (size_t i = 0; i < in->n_spans; i++) {
			size_t n = in->spans[i].text ? strlen(in->spans[i].text) : 0;
			if (n)
				memcpy(text + pos, in->spans[i].text, n);
			pos += n;
		}
		text[pos] = '\0';
		struct piece *p =
		    stack_add_plain(s, f->ctx, f->style, ts, text, ts->colour, snode);
		p->space_before = space_before;
		if (text != small)
			free(text);
		return;
	}
	struct piece_link *links;
	size_t n_links;
	PangoLayout *l = text_inline(f->ctx, f->style, ts, in, &links, &n_links);
	struct piece *p = stack_add(s, l, ts->colour, snode);
	p->space_before = space_before;
	p->links = links;
	p->n_links = n_links;
	for (size_t i = 0; i < n_links; i++) {
		struct pp_snode *ln = snode ? snode_new(f->pages, snode, PP_ROLE_LINK) : NULL;
		if (ln) {
			ln->href = pp_xstrdup(links[i].href);
			const char *text = pango_layout_get_text(l);
			ln->alt = pp_xstrndup(text + links[i].start,
					      (size_t)(links[i].end - links[i].start));
		}
		links[i].snode = ln;
	}
}

static double marker_width(struct flow *f, const struct pp_text_style *ts, const char *m)
{
	PangoLayout *l = text_plain(f->ctx, f->style, ts, m);
	int w;
	pango_layout_get_size(l, &w, NULL);
	g_object_unref(l);
	return (double)w / PANGO_SCALE;
}

static void list_at(struct flow *f, struct stack *s, const struct pp_list *list,
		    const struct pp_loc *loc, const struct pp_text_style *ts,
		    struct pp_snode *parent, double indent, int level)
{
	struct pp_snode *ln = snode_new(f->pages, parent, PP_ROLE_L);
	const char *bullet = list->marker ? list->marker : f->style->bullets[level % 3];
	if (!bullet)
		bullet = "\xe2\x80\xa2";
	/* Numbers are worked out in the list's style (<ol numbering>, or the
	 * template's for recommendations); the column is as wide as the longest. */
	const char *style = list->numbering			       ? list->numbering
			    : list->recommendations ? f->style->recommendation_numbering
						    : NULL;
	char *widest = pp_number_label(style, list->n_items, list->section_number);
	for (size_t i = list->n_items > 40 ? list->n_items - 40 : 1; list->ordered && i < list->n_items;
	     i++) {
		char *l = pp_number_label(style, i, list->section_number);
		if (strlen(l) > strlen(widest)) {
			free(widest);
			widest = l;
		} else {
			free(l);
		}
	}
	double hang = marker_width(f, ts, list->ordered ? widest : bullet) + ts->size * 0.5;
	free(widest);
	if (hang < f->style->list_indent)
		hang = f->style->list_indent;
	/*
	 * Text keeps at least half the page's text width: a list nested
	 * deeper is not indented further, its markers hanging where its
	 * parent's are. Before, each level moved 12 pt or more to the right
	 * until, some 40 levels down, the text was drawn off the page.
	 */
	double marker_x = indent, body_x = indent + hang;
	if (level > 0 && body_x > (f->right - f->left) / 2) {
		if (!f->warned_deep_list)
			pp_diag(f->diags, PP_MSG_LAYOUT_OVERFLOW, loc,
				"lists nested %d deep leave less than half the page's width "
				"for text; deeper lists are not indented further",
				level + 1);
		f->warned_deep_list = 1;
		marker_x = indent > hang ? indent - hang : 0;
		body_x = indent;
	}
	for (size_t i = 0; i < list->n_items; i++) {
		struct pp_snode *li = snode_new(f->pages, ln, PP_ROLE_LI);
		li->dest_id = list->items[i].id;
		struct pp_snode *lbl = snode_new(f->pages, li, PP_ROLE_LBL);
		struct pp_snode *body = snode_new(f->pages, li, PP_ROLE_LBODY);
		size_t first = s->n_pieces;
		if (list->items[i].body)
			blocks_at(f, s, list->items[i].body, ts, body, body_x, level + 1);
		if (s->n_pieces == first)
			stack_add(s, text_plain(f->ctx, f->style, ts, ""), ts->colour, body)
				->indent = body_x;
		struct piece *p = &s->pieces[first];
		p->space_before = i == 0 && level > 0 ? 1.0 : f->style->para_space * 0.4;
		char *num = pp_number_label(style, i + 1, list->section_number);
		p->marker = text_plain(f->ctx, f->style, ts, list->ordered ? num : bullet);
		free(num);
		p->marker_snode = lbl;
		p->marker_x = marker_x;
	}
}

static void blocks_at(struct flow *f, struct stack *s, const struct pp_blocks *b,
		      const struct pp_text_style *ts, struct pp_snode *parent, double indent,
		      int level)
{
	for (size_t i = 0; i < b->n_items; i++) {
		const struct pp_block *bl = &b->items[i];
		double gap = f->style->para_space;
		switch (bl->kind) {
		case PP_BLOCK_PARA: {
			struct pp_snode *p = snode_new(f->pages, parent, PP_ROLE_P);
			inline_to_stack(f, s, &bl->u.para, ts, p, gap);
			s->pieces[s->n_pieces - 1].indent = indent;
			break;
		}
		case PP_BLOCK_HEADING: {
			/* A sub-heading inside a cell: bold text, not an outline
			 * heading (it belongs to the cell, not the document). */
			struct pp_text_style hs = *ts;
			hs.bold = 1;
			struct pp_snode *p = snode_new(f->pages, parent, PP_ROLE_P);
			inline_to_stack(f, s, &bl->u.para, &hs, p, gap);
			s->pieces[s->n_pieces - 1].indent = indent;
			break;
		}
		case PP_BLOCK_LIST:
			list_at(f, s, &bl->u.list, &bl->loc, ts, parent, indent, level);
			break;
		case PP_BLOCK_TABLE: {
			/* A real table, drawn as one piece of the cell; its
			 * caption is a paragraph above it. */
			const struct pp_table *t = &bl->u.table;
			if (t->caption.n_spans) {
				struct pp_snode *c = snode_new(f->pages, parent, PP_ROLE_P);
				inline_to_stack(f, s, &t->caption, ts, c, gap);
				s->pieces[s->n_pieces - 1].indent = indent;
				gap = 2;
			}
			struct piece *pc = subtable_piece(f, s, t, parent);
			pc->indent = indent;
			pc->space_before = gap;
			break;
		}
		case PP_BLOCK_CHART: {
			/* Drawn from the data, as in the body flow; its data
			 * table (if asked for) is the next piece. */
			size_t first = s->n_pieces;
			chart_piece(f, s, &bl->u.chart, parent)->space_before = gap;
			for (size_t k = first; k < s->n_pieces; k++)
				s->pieces[k].indent = indent;
			break;
		}
		}
	}
}

void blocks_to_stack(struct flow *f, struct stack *s, const struct pp_blocks *b,
		     const struct pp_text_style *ts, struct pp_snode *parent)
{
	blocks_at(f, s, b, ts, parent, 0, 0);
}

/* ---------- blocks in the body flow -------------------------------------- */

static void flow_gap(struct flow *f)
{
	if (f->page_has_content)
		f->y += f->style->para_space;
}

static void heading_at(struct flow *f, const struct pp_inline *in, int level, const char *title,
		       const char *number)
{
	if (level < 1)
		level = 1;
	if (level > 6)
		level = 6;
	const struct pp_text_style *hs = &f->style->h[level - 1];
	struct stack s;
	stack_init(&s);
	struct pp_snode *h =
		snode_new(f->pages, f->parent, (enum pp_role)(PP_ROLE_H1 + level - 1));
	if (in) {
		inline_to_stack(f, &s, in, hs, h, 0);
	} else {
		stack_add(&s, text_plain(f->ctx, f->style, hs, title), hs->colour, h);
	}
	if (number) {
		/* "5  Supporting Information": the number hangs where the
		 * paragraphs' numbers do, and is part of the heading's text */
		struct piece *pc = &s.pieces[s.n_pieces - 1];
		pc->indent = report_hang(f);
		pc->marker = text_plain(f->ctx, f->style, hs, number);
		pc->marker_snode = h;
	}
	stack_set_width(&s, f->right - f->left);
	if (f->page_has_content)
		f->y += hs->size * 0.8;
	/* Keep with next: a heading needs room for itself and five body
	 * lines below it, or it moves to the next page. */
	flow_need(f, stack_height(&s) + 5 * f->style->body.size * 1.3);
	struct pp_outline_entry *o;
	PP_GROW(f->pages->outline, f->pages->n_outline + 1, f->pages->cap_outline);
	o = &f->pages->outline[f->pages->n_outline++];
	char *text = in ? pp_inline_text(in)
		   : number ? pp_xasprintf("%s %s", number, title)
			    : pp_xstrdup(title);
	o->title = text;
	o->level = level;
	o->page = (int)f->pages->n_pages - 1;
	o->y = f->y;
	flow_stack(f, &s, f->left, f->right - f->left);
	f->y += hs->size * 0.4;
	stack_fini(&s);
}

void flow_heading(struct flow *f, const struct pp_inline *in, int level, const char *title)
{
	heading_at(f, in, level, title, NULL);
}

void flow_heading_numbered(struct flow *f, int level, const char *number, const char *title)
{
	heading_at(f, NULL, level, title, number);
}

void flow_blocks(struct flow *f, const struct pp_blocks *b)
{
	const struct pp_text_style *ts = &f->style->body;
	for (size_t i = 0; i < b->n_items; i++) {
		const struct pp_block *bl = &b->items[i];
		struct stack s;
		stack_init(&s);
		switch (bl->kind) {
		case PP_BLOCK_PARA: {
			struct pp_snode *p = snode_new(f->pages, f->parent, PP_ROLE_P);
			p->dest_id = bl->id;
			inline_to_stack(f, &s, &bl->u.para, ts, p, 0);
			if (bl->number) {
				/* a numbered paragraph (5.2): its number hangs in a
				 * column of its own, read as part of the paragraph */
				struct piece *pc = &s.pieces[s.n_pieces - 1];
				pc->indent = report_hang(f);
				pc->marker = text_plain(f->ctx, f->style, ts, bl->number);
				pc->marker_snode = snode_new(f->pages, p, PP_ROLE_LBL);
			}
			flow_gap(f);
			flow_stack(f, &s, f->left, f->right - f->left);
			break;
		}
		case PP_BLOCK_HEADING:
			/* a sub-heading: below the title even directly in a
			 * document, where the depth alone would make it one */
			flow_heading(f, &bl->u.para,
				     f->depth + 1 + f->level_base < 2 ? 2
								    : f->depth + 1 + f->level_base,
				     NULL);
			break;
		case PP_BLOCK_LIST:
			/* in a numbered section, lists sit under the paragraphs' text */
			list_at(f, &s, &bl->u.list, &bl->loc, ts, f->parent,
				bl->u.list.section_number ? report_hang(f) : 0, 0);
			flow_gap(f);
			flow_stack(f, &s, f->left, f->right - f->left);
			break;
		case PP_BLOCK_TABLE:
			flow_gap(f);
			flow_data_table(f, &bl->u.table);
			break;
		case PP_BLOCK_CHART:
			flow_gap(f);
			flow_chart(f, &bl->u.chart);
			break;
		}
		stack_fini(&s);
	}
}

/* The style of cell c of row r: the header row's, bold for a row's <th>. */
static struct pp_text_style data_cell_style(const struct flow *f, int is_head,
					    const struct pp_table_cell *pc)
{
	struct pp_text_style ts = is_head ? f->style->table_header : f->style->table_text;
	if (pc && pc->header && !is_head)
		ts.bold = 1;
	return ts;
}

/* The cell of `row` covering column c (colspans counted), or NULL;
 * *first says whether c is its first column. */
static const struct pp_table_cell *cell_at(const struct pp_table_row *row, size_t c, int *first)
{
	size_t at = 0;
	for (size_t i = 0; i < row->n_cells; i++) {
		unsigned span = row->cells[i].colspan ? row->cells[i].colspan : 1;
		if (c < at + span) {
			if (first)
				*first = c == at;
			return &row->cells[i];
		}
		at += span;
	}
	return NULL;
}

static double text_width(struct flow *f, const struct pp_text_style *ts, const char *text)
{
	if (!*text)
		return 0;
	PangoLayout *l = text_plain(f->ctx, f->style, ts, text);
	int w;
	pango_layout_get_size(l, &w, NULL);
	g_object_unref(l);
	return (double)w / PANGO_SCALE;
}

/* The figure of cell pc (a malloc'd string), or NULL when it holds text. */
static char *cell_figure(const struct pp_table *t, const struct pp_table_cell *pc, int is_head)
{
	if (t->numbers == PP_NUMBERS_LEFT || is_head || !pc || pc->header || pc->blocks)
		return NULL;
	char *text = pp_inline_text(&pc->text);
	if (is_figure(text))
		return text;
	free(text);
	return NULL;
}

/* Fill one data cell: its text or paragraphs, its status colour, and the
 * alignment of a figure. */
static void data_cell(struct flow *f, const struct pp_table *t, struct tcell *cell,
		      const struct pp_table_cell *pc, int is_head, double max_tail)
{
	struct pp_text_style ts = data_cell_style(f, is_head, pc);
	int coloured = status_colours(f, cell, (enum pp_rag)pc->rag, pc->status, &ts.colour);
	int empty = !pc->text.n_spans && !pc->blocks;
	if (coloured && empty) { /* a status alone: its word (and symbol) */
		status_cell(f, cell, (enum pp_rag)pc->rag, pc->status);
		return;
	}
	cell->keep_align = coloured;
	if (pc->blocks)
		blocks_to_stack(f, &cell->st, pc->blocks, &ts, cell->snode);
	else if (pc->text.n_spans)
		inline_to_stack(f, &cell->st, &pc->text, &ts, cell->snode, 0);
	char *fig = cell_figure(t, pc, is_head);
	if (!fig)
		return;
	for (size_t i = 0; i < cell->st.n_pieces; i++)
		piece_set_alignment(&cell->st.pieces[i], PANGO_ALIGN_RIGHT);
	if (t->numbers == PP_NUMBERS_DECIMAL)
		cell->pad_right = max_tail - text_width(f, &ts, figure_tail(fig));
	free(fig);
}

/*
 * One table of the columns `cols` (n of them) of `t`: the whole table, or
 * one part of a table too wide for the page. A later part's caption says
 * it continues. A cell across columns spans those of them in this part.
 */
static void data_table_part(struct flow *f, const struct pp_table *t, int head,
			    const size_t *cols, size_t n, int continued)
{
	struct ttable tt;
	ttable_init(&tt, f, n, f->parent);
	if (t->caption.n_spans) {
		struct pp_snode *cap = snode_new(f->pages, tt.snode, PP_ROLE_CAPTION);
		struct stack s;
		stack_init(&s);
		struct pp_text_style cs = f->style->body;
		cs.italic = 1;
		/* the caption's own spans (borrowed) and, for a later part, a note */
		struct pp_span *spans = pp_xcalloc(t->caption.n_spans + 1, sizeof *spans);
		memcpy(spans, t->caption.spans, t->caption.n_spans * sizeof *spans);
		struct pp_inline in = {spans, t->caption.n_spans};
		if (continued)
			spans[in.n_spans++] = (struct pp_span){.text = (char *)" (continued)"};
		inline_to_stack(f, &s, &in, &cs, cap, 0);
		free(spans);
		flow_stack(f, &s, f->left, f->right - f->left);
		stack_fini(&s);
		f->y += 2;
	}
	/* numbers="decimal": each column's widest tail after the whole units */
	double *max_tail = pp_xcalloc(n, sizeof *max_tail);
	for (size_t r = 0; t->numbers == PP_NUMBERS_DECIMAL && r < t->n_rows; r++)
		for (size_t k = 0; k < n; k++) {
			int first = 0;
			const struct pp_table_cell *pc = cell_at(&t->rows[r], cols[k], &first);
			char *fig = first ? cell_figure(t, pc, head && r == 0) : NULL;
			if (!fig)
				continue;
			struct pp_text_style ts = data_cell_style(f, 0, pc);
			double w = text_width(f, &ts, figure_tail(fig));
			if (w > max_tail[k])
				max_tail[k] = w;
			free(fig);
		}
	for (size_t r = 0; r < t->n_rows; r++) {
		int is_head = head && r == 0;
		const struct pp_table_row *tr = &t->rows[r];
		struct trow *row = ttable_add_row(&tt, f, is_head);
		for (size_t k = 0; k < n; k++) {
			size_t c = cols[k];
			const struct pp_table_cell *pc = cell_at(tr, c, NULL);
			if (pc && k > 0 && cols[k - 1] + 1 == c && cell_at(tr, c - 1, NULL) == pc)
				continue; /* covered by the cell across columns */
			unsigned span = 1;
			while (pc && k + span < n && cols[k + span] == c + span &&
			       cell_at(tr, c + span, NULL) == pc)
				span++;
			int th = is_head || (pc && pc->header);
			struct tcell *cell = ttable_cell(row, k, f, th);
			cell->colspan = span;
			cell->snode->col_span = span;
			if (th)
				cell->snode->scope = is_head ? PP_SCOPE_COLUMN : PP_SCOPE_ROW;
			if (pc)
				data_cell(f, t, cell, pc, is_head, max_tail[k]);
		}
	}
	free(max_tail);
	ttable_layout(f, &tt);
	ttable_fini(&tt);
}

/* The narrowest column c can be without breaking a word, padding included. */
static double data_column_min(struct flow *f, const struct pp_table *t, int head, size_t c)
{
	double widest = 0;
	for (size_t r = 0; r < t->n_rows; r++) {
		int first = 0;
		const struct pp_table_cell *pc = cell_at(&t->rows[r], c, &first);
		/* a cell across columns does not size any one of them */
		if (!pc || !first || pc->colspan > 1 || (!pc->text.n_spans && !pc->blocks))
			continue;
		struct pp_text_style ts = data_cell_style(f, head && r == 0, pc);
		struct stack s;
		stack_init(&s);
		if (pc->blocks)
			blocks_to_stack(f, &s, pc->blocks, &ts, NULL);
		else
			inline_to_stack(f, &s, &pc->text, &ts, NULL, 0);
		double mn, mx;
		stack_measure(&s, &mn, &mx);
		stack_fini(&s);
		if (mn > widest)
			widest = mn;
	}
	return widest + 2 * f->style->cell_pad_x + 1;
}

/*
 * A small data table: the first row is the header when all its cells are
 * <th>; a <th> starting a body row heads that row. A table whose columns
 * cannot all be as wide as their widest word (36 months of figures on a
 * portrait page) is set as several tables, one under the other, each with
 * as many columns as fit and the row headers repeated, rather than
 * breaking every number a digit a line.
 */
void flow_data_table(struct flow *f, const struct pp_table *t)
{
	size_t n_cols = 0;
	for (size_t r = 0; r < t->n_rows; r++) {
		size_t w = 0;
		for (size_t i = 0; i < t->rows[r].n_cells; i++)
			w += t->rows[r].cells[i].colspan ? t->rows[r].cells[i].colspan : 1;
		if (w > n_cols)
			n_cols = w;
	}
	if (n_cols == 0)
		return;
	int head = t->n_rows > 1;
	for (size_t c = 0; head && c < t->rows[0].n_cells; c++)
		if (!t->rows[0].cells[c].header)
			head = 0;
	int row_heads = n_cols > 2;
	for (size_t r = head ? 1 : 0; row_heads && r < t->n_rows; r++)
		row_heads = t->rows[r].n_cells > 0 && t->rows[r].cells[0].header &&
			    t->rows[r].cells[0].colspan <= 1;

	size_t *cols = pp_xcalloc(n_cols, sizeof *cols);
	double *mn = pp_xcalloc(n_cols, sizeof *mn), total = 0, W = f->right - f->left;
	for (size_t c = 0; c < n_cols; c++) {
		cols[c] = c;
		mn[c] = data_column_min(f, t, head, c);
		total += mn[c];
	}
	if (total <= W) {
		data_table_part(f, t, head, cols, n_cols, 0);
	} else {
		/* As many parts as filling each in turn needs, then the columns
		 * shared evenly among them (12, 12 and 12 months, not 16, 16, 4). */
		size_t first = row_heads ? 1 : 0, parts = 0, even;
		for (size_t c = first; c < n_cols; parts++) {
			double used = row_heads ? mn[0] : 0;
			do
				used += mn[c++];
			while (c < n_cols && used + mn[c] <= W);
		}
		even = (n_cols - first + parts - 1) / parts;
		size_t c = first;
		for (int part = 0; c < n_cols; part++) {
			size_t n = 0, taken = 0;
			double used = 0;
			if (row_heads)
				used = mn[cols[n++] = 0];
			do {
				used += mn[c];
				cols[n++] = c++;
			} while (c < n_cols && ++taken < even && used + mn[c] <= W);
			if (part)
				f->y += f->style->para_space;
			data_table_part(f, t, head, cols, n, part > 0);
		}
	}
	free(mn);
	free(cols);
}
