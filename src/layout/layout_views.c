/* SPDX-License-Identifier: MIT */
/*
 * layout_views.c - the assessment (areas of questions and responses) and
 * linked-plans views: tables built on the same engine as the priority
 * table, so they split rows, repeat headers and continue area cells across
 * pages the same way; and a committee report's front and signature.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "layout_flow.h"

static struct ttable *start_table(struct flow *f, struct ttable *t,
				  const struct pp_column *cols, size_t n)
{
	ttable_init(t, f, n, f->parent);
	for (size_t c = 0; c < n; c++)
		t->widths[c] = cols[c].width;
	struct trow *head = ttable_add_row(t, f, 1);
	for (size_t c = 0; c < n; c++) {
		struct tcell *cell = ttable_cell(head, c, f, 1);
		inline_to_stack(f, &cell->st, &cols[c].header, &f->style->table_header,
				cell->snode, 0);
	}
	return t;
}

/* One row per question; the area's cell spans its questions and continues
 * across pages like a theme. */
void flow_assessment(struct flow *f, const struct pp_assessment *a)
{
	if (a->n_columns == 0)
		return;
	const struct pp_text_style *ts = &f->style->table_text;
	struct ttable t;
	start_table(f, &t, a->columns, a->n_columns);
	for (size_t ai = 0; ai < a->n_areas; ai++) {
		const struct pp_area *area = &a->areas[ai];
		for (size_t qi = 0; qi < area->n_questions; qi++) {
			const struct pp_question *q = &area->questions[qi];
			struct trow *row = ttable_add_row(&t, f, 0);
			for (size_t c = 0; c < a->n_columns; c++) {
				switch (a->columns[c].field) {
				case PP_FIELD_THEME: {
					if (qi > 0)
						break; /* covered by the area's cell */
					struct tcell *cell = ttable_cell(row, c, f, 0);
					cell->group = 1;
					cell->span = (unsigned)area->n_questions;
					cell->snode->row_span = cell->span;
					if (area->title && *area->title) {
						struct pp_text_style bold = *ts;
						bold.bold = 1;
						stack_add(&cell->st,
							  text_plain(f->ctx, f->style, &bold, area->title),
							  ts->colour, cell->snode);
					}
					break;
				}
				case PP_FIELD_QUESTION: {
					struct tcell *cell = ttable_cell(row, c, f, 0);
					inline_to_stack(f, &cell->st, &q->ask, ts, cell->snode, 0);
					break;
				}
				case PP_FIELD_RESPONSE: {
					struct tcell *cell = ttable_cell(row, c, f, 0);
					blocks_to_stack(f, &cell->st, &q->response, ts, cell->snode);
					break;
				}
				default:
					ttable_cell(row, c, f, 0); /* not an assessment field */
					break;
				}
			}
		}
	}
	ttable_layout(f, &t);
	ttable_fini(&t);
}

/* "Leadership Priority 5", one line per theme in plan order: the theme's
 * @short (or title) then the refs of this plan's priorities under it. */
static char *connects_text(const struct pp_doc *doc, const struct pp_linked_plan *lp)
{
	size_t cap = 64, n = 0;
	char *out = pp_xmalloc(cap);
	out[0] = '\0';
	for (size_t ti = 0; ti < doc->n_themes; ti++) {
		const struct pp_theme *th = &doc->themes[ti];
		int any = 0;
		for (size_t pi = 0; pi < th->n_priorities; pi++) {
			const struct pp_priority *p = &th->priorities[pi];
			int named = 0;
			for (size_t k = 0; k < lp->n_priority_ids && !named; k++)
				named = (lp->priorities && lp->priorities[k] == p) ||
					(p->id && lp->priority_ids[k] &&
					 strcmp(p->id, lp->priority_ids[k]) == 0);
			if (!named)
				continue;
			const char *head = th->short_label ? th->short_label : th->title;
			char *part = any ? pp_xasprintf(", %s", p->ref ? p->ref : "")
					 : pp_xasprintf("%s%s %s", n ? "\n" : "", head ? head : "",
							p->ref ? p->ref : "");
			size_t len = strlen(part);
			PP_GROW(out, n + len + 1, cap);
			memcpy(out + n, part, len + 1);
			n += len;
			free(part);
			any = 1;
		}
	}
	return out;
}

void flow_linked_plans(struct flow *f, const struct pp_linked_plans *lps)
{
	if (lps->n_columns == 0)
		return;
	const struct pp_text_style *ts = &f->style->table_text;
	struct ttable t;
	start_table(f, &t, lps->columns, lps->n_columns);
	for (size_t i = 0; i < lps->n_plans; i++) {
		const struct pp_linked_plan *lp = &lps->plans[i];
		struct trow *row = ttable_add_row(&t, f, 0);
		for (size_t c = 0; c < lps->n_columns; c++) {
			struct tcell *cell = ttable_cell(row, c, f, 0);
			switch (lps->columns[c].field) {
			case PP_FIELD_NAME:
				inline_to_stack(f, &cell->st, &lp->name, ts, cell->snode, 0);
				break;
			case PP_FIELD_LEAD:
				inline_to_stack(f, &cell->st, &lp->lead, ts, cell->snode, 0);
				break;
			case PP_FIELD_PRIORITIES:
				if (lp->connects.n_spans) {
					inline_to_stack(f, &cell->st, &lp->connects, ts, cell->snode, 0);
				} else {
					char *s = connects_text(f->doc, lp);
					if (*s)
						stack_add(&cell->st, text_plain(f->ctx, f->style, ts, s),
							  ts->colour, cell->snode);
					free(s);
				}
				break;
			case PP_FIELD_LINK: {
				/* The link text made clickable; the address itself
				 * when there is no text; "TBC" when neither. */
				struct pp_inline in = lp->link_text;
				struct pp_span one = { 0 };
				if (!in.n_spans) {
					one.text = lp->href ? lp->href : (char *)"TBC";
					in.spans = &one;
					in.n_spans = 1;
				}
				struct pp_span *copy = pp_xcalloc(in.n_spans, sizeof *copy);
				for (size_t k = 0; k < in.n_spans; k++) {
					copy[k] = in.spans[k];
					if (lp->href && !(copy[k].flags & PP_SPAN_BREAK))
						copy[k].href = lp->href;
				}
				struct pp_inline tmp = { copy, in.n_spans };
				inline_to_stack(f, &cell->st, &tmp, ts, cell->snode, 0);
				free(copy);
				break;
			}
			default:
				break;
			}
		}
	}
	ttable_layout(f, &t);
	ttable_fini(&t);
}

/* ---------- a committee report's front and signature --------------------- */

static void plain_para(struct flow *f, const char *text, const struct pp_text_style *ts,
		       double before)
{
	if (!text || !*text)
		return;
	struct stack s;
	stack_init(&s);
	stack_add(&s, text_plain(f->ctx, f->style, ts, text), ts->colour,
		  snode_new(f->pages, f->parent, PP_ROLE_P))
		->space_before = 0;
	if (f->page_has_content)
		f->y += before;
	flow_stack(f, &s, f->left, f->right - f->left);
	stack_fini(&s);
}

/*
 * A report to a committee opens, as seed 003 does, with the committee and
 * the meeting on one line ("People Scrutiny Committee, 3rd December 2019"),
 * then the report's title as its first heading; the narrative follows on
 * the same page. The author signs at the end of the report
 * (flow_report_signature).
 */
void flow_report_front(struct flow *f)
{
	const struct pp_facts *fa = document_facts(f->doc, f->document);
	char date[64] = "";
	if (fa->meeting_text)
		snprintf(date, sizeof date, "%s", fa->meeting_text);
	else if (fa->has_meeting_date)
		snprintf(date, sizeof date, "%04d-%02d-%02d", fa->meeting_date.year,
			 fa->meeting_date.month, fa->meeting_date.day);
	const char *committee = fa->committee ? fa->committee : "";
	char *line = pp_xasprintf("%s%s%s", committee, *committee && *date ? ", " : "", date);
	plain_para(f, line, &f->style->cover.meta, 0);
	free(line);
	f->y += f->style->para_space;
	flow_heading(f, NULL, 1, fa->title ? fa->title : "");
	if (fa->subtitle && *fa->subtitle)
		plain_para(f, fa->subtitle, &f->style->h[1], 0);
	f->report_unsigned = 1;
}

/* The author's name (bold) and role close the report's own text: before
 * its first appendix, or at its end. Once. */
void flow_report_signature(struct flow *f)
{
	if (!f->report_unsigned)
		return;
	f->report_unsigned = 0;
	const struct pp_facts *fa = document_facts(f->doc, f->document);
	if (!fa->author || !*fa->author)
		return;
	struct pp_text_style name = f->style->body;
	name.bold = 1;
	plain_para(f, fa->author, &name, f->style->para_space * 2);
	plain_para(f, fa->author_role, &f->style->body, 0);
}
