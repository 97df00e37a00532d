/* SPDX-License-Identifier: MIT */
/*
 * layout_report.c - a committee report's front sheet (<front-sheet/>): the
 * report's title, then the facts a clerk prints above every report (To,
 * Date of meeting, Report of, Purpose, Wards affected, Key decision,
 * Exempt information, Contact officer, Background papers, Annexes) as
 * labelled fields. The template chooses which print, their order and
 * labels, and the layout: a two-column grid, ruled boxes or lines. A field
 * the plan leaves empty is not printed. After it, the report's own
 * headings are one level below its title.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "layout_flow.h"
#include "layout_int.h"

static void append(char **out, size_t *n, size_t *cap, const char *s)
{
	size_t len = strlen(s);
	PP_GROW(*out, *n + len + 1, *cap);
	memcpy(*out + *n, s, len + 1);
	*n += len;
}

/* The annexes of this document, one a line: "Annex A – Quarterly progress". */
static void list_annexes(const struct pp_view *views, size_t nv, char **out, size_t *n,
                         size_t *cap)
{
	for (size_t i = 0; i < nv; i++) {
		if (views[i].kind != PP_VIEW_SECTION)
			continue;
		const struct pp_section *s = &views[i].u.section;
		if (s->annex) {
			char *line = pp_xasprintf("%sAnnex %s%s%s", *n ? "\n" : "",
			                          s->number ? s->number : "",
			                          s->title && *s->title ? " \xe2\x80\x93 " : "",
			                          s->title ? s->title : "");
			append(out, n, cap, line);
			free(line);
		}
		list_annexes(s->children, s->n_children, out, n, cap);
	}
}

/* The printed value of a field, or NULL when the plan gives none; caller frees. */
static char *field_value(const struct flow *f, enum pp_front_key key)
{
	const struct pp_facts *fa = &f->doc->facts;
	switch (key) {
	case PP_FRONT_TO:
		return fa->committee ? pp_xstrdup(fa->committee) : NULL;
	case PP_FRONT_DATE:
		if (fa->meeting_text)
			return pp_xstrdup(fa->meeting_text);
		if (fa->has_meeting_date) {
			static const char *const months[] = {"January", "February", "March",
			                                     "April",   "May",      "June",
			                                     "July",    "August",   "September",
			                                     "October", "November", "December"};
			int m = fa->meeting_date.month;
			return pp_xasprintf("%d %s %d", fa->meeting_date.day,
			                    m >= 1 && m <= 12 ? months[m - 1] : "",
			                    fa->meeting_date.year);
		}
		return NULL;
	case PP_FRONT_TITLE:
		return fa->title ? pp_xstrdup(fa->title) : NULL;
	case PP_FRONT_REPORT_OF:
		return fa->report_of ? pp_xstrdup(fa->report_of) : NULL;
	case PP_FRONT_PURPOSE:
		return fa->purpose ? pp_xstrdup(fa->purpose) : NULL;
	case PP_FRONT_WARDS:
		return fa->wards ? pp_xstrdup(fa->wards) : NULL;
	case PP_FRONT_KEY_DECISION:
		if (fa->key_decision < 0)
			return NULL;
		if (fa->key_decision && fa->forward_plan)
			return pp_xasprintf("Yes (forward plan reference %s)",
			                    fa->forward_plan);
		return pp_xstrdup(fa->key_decision ? "Yes" : "No");
	case PP_FRONT_EXEMPT:
		if (fa->exempt < 0)
			return NULL;
		if (fa->exempt && fa->exempt_reason)
			return pp_xasprintf("Yes: %s", fa->exempt_reason);
		return pp_xstrdup(fa->exempt ? "Yes" : "No");
	case PP_FRONT_CONTACT: {
		if (!fa->contact)
			return NULL;
		return pp_xasprintf("%s%s%s%s%s", fa->contact, fa->contact_email ? "\n" : "",
		                    fa->contact_email ? fa->contact_email : "",
		                    fa->contact_phone ? "\nTel: " : "",
		                    fa->contact_phone ? fa->contact_phone : "");
	}
	case PP_FRONT_BACKGROUND:
		return fa->background_papers ? pp_xstrdup(fa->background_papers) : NULL;
	case PP_FRONT_ANNEXES: {
		size_t n = 0, cap = 0;
		char *out = NULL;
		list_annexes(f->document->views, f->document->n_views, &out, &n, &cap);
		return out;
	}
	case PP_FRONT_N:
		break;
	}
	return NULL;
}

/* One field: label and value side by side (grid, box) or on one line. */
static void front_row(struct flow *f, struct pp_snode *tbody, const char *label,
                      const char *value, double label_w)
{
	const struct pp_style *st = f->style;
	const struct pp_front_style *fs = &st->front;
	struct pp_text_style lts = st->body;
	lts.bold = 1;
	struct pp_snode *tr = snode_new(f->pages, tbody, PP_ROLE_TR);
	double pad = fs->layout == PP_FRONT_BOX ? st->cell_pad_x : 0;
	double pady = fs->layout == PP_FRONT_BOX ? st->cell_pad_y : 0;
	double width = f->right - f->left;
	if (fs->layout == PP_FRONT_LINES) {
		/* "Report of: Director of Place", wrapping under itself */
		struct stack s;
		stack_init(&s);
		struct pp_snode *th = snode_new(f->pages, tr, PP_ROLE_TH);
		struct pp_snode *td = snode_new(f->pages, tr, PP_ROLE_TD);
		char *lab = pp_xasprintf("%s:", label);
		struct piece *pc = stack_add(&s, text_plain(f->ctx, f->style, &st->body, value),
		                             st->body.colour, td);
		pc->marker = text_plain(f->ctx, f->style, &lts, lab);
		pc->marker_snode = th;
		pc->indent = label_w;
		pc->space_before = st->para_space * 0.5;
		free(lab);
		flow_stack(f, &s, f->left, width);
		stack_fini(&s);
		return;
	}
	struct stack ls, vs;
	stack_init(&ls);
	stack_init(&vs);
	stack_add(&ls, text_plain(f->ctx, f->style, &lts, label), lts.colour,
	          snode_new(f->pages, tr, PP_ROLE_TH));
	stack_add(&vs, text_plain(f->ctx, f->style, &st->body, value), st->body.colour,
	          snode_new(f->pages, tr, PP_ROLE_TD));
	stack_set_width(&ls, label_w - 2 * pad);
	stack_set_width(&vs, width - label_w - 2 * pad);
	double h = stack_height(&vs);
	if (stack_height(&ls) > h)
		h = stack_height(&ls);
	h += 2 * pady;
	double gap = fs->layout == PP_FRONT_GRID ? st->para_space : 0;
	/* A field is kept whole: the front sheet is short, and a label
	 * parted from its value reads as a different field. */
	flow_need(f, h + gap);
	if (f->page_has_content)
		f->y += gap;
	struct pp_page *pg = flow_page(f);
	if (fs->layout == PP_FRONT_BOX) {
		page_rect(pg, f->left, f->y, label_w, h, &st->table_group_fill, &st->table_rule,
		          st->table_rule_width);
		page_rect(pg, f->left + label_w, f->y, width - label_w, h, NULL,
		          &st->table_rule, st->table_rule_width);
	}
	stack_emit(pg, &ls, 0, ls.n_lines, f->left + pad, f->y + pady, 0);
	stack_emit(pg, &vs, 0, vs.n_lines, f->left + label_w + pad, f->y + pady, 0);
	f->y += h;
	f->page_has_content = 1;
	stack_fini(&ls);
	stack_fini(&vs);
}

/*
 * "Signed: Jo Bloggs" (the name in bold) and the author's role under it,
 * as councils close a front sheet, when the template asks
 * (<report signature="Signed:">) and the facts name an author.
 */
static void front_signature(struct flow *f)
{
	const char *label = f->style->front.signature;
	const struct pp_facts *fa = document_facts(f->doc, f->document);
	if (!label || !*label || !fa->author || !*fa->author)
		return;
	char *lead = pp_xasprintf("%s ", label);
	struct pp_span spans[2] = {{.text = lead}, {.text = fa->author, .flags = PP_SPAN_BOLD}};
	struct pp_inline in = {spans, 2};
	struct stack s;
	stack_init(&s);
	inline_to_stack(f, &s, &in, &f->style->body, snode_new(f->pages, f->parent, PP_ROLE_P),
	                0);
	if (fa->author_role && *fa->author_role)
		stack_add(&s, text_plain(f->ctx, f->style, &f->style->body, fa->author_role),
		          f->style->body.colour, snode_new(f->pages, f->parent, PP_ROLE_P))
		    ->space_before = 0;
	f->y += f->style->para_space * 2;
	stack_set_width(&s, f->right - f->left);
	flow_need(f, stack_height(&s)); /* the name and the role together */
	flow_stack(f, &s, f->left, f->right - f->left);
	stack_fini(&s);
	free(lead);
}

void flow_front_sheet(struct flow *f)
{
	const struct pp_style *st = f->style;
	const struct pp_front_style *fs = &st->front;
	const struct pp_facts *fa = &f->doc->facts;
	if (f->page_has_content)
		flow_new_page(f);
	flow_page(f)->front = 1;
	flow_heading(f, NULL, 1, fa->title ? fa->title : "");
	f->level_base = 1;

	struct pp_front_field all[PP_FRONT_N];
	const struct pp_front_field *fields = fs->fields;
	size_t n = fs->n_fields;
	if (n == 0) {
		for (int k = 0; k < PP_FRONT_N; k++)
			if (k != PP_FRONT_TITLE) /* it is the heading above */
				all[n++] = (struct pp_front_field){(enum pp_front_key)k, NULL};
		fields = all;
	}
	/* The label column is as wide as the widest label, within a third. */
	struct pp_text_style lts = st->body;
	lts.bold = 1;
	double label_w = 0, width = f->right - f->left;
	for (size_t i = 0; i < n; i++) {
		const char *label =
		    fields[i].label ? fields[i].label : pp_front_field_label(fields[i].key);
		char *lab = pp_xasprintf("%s:", label ? label : "");
		PangoLayout *l = text_plain(f->ctx, st, &lts, lab);
		free(lab);
		int w;
		pango_layout_get_size(l, &w, NULL);
		g_object_unref(l);
		if ((double)w / PANGO_SCALE > label_w)
			label_w = (double)w / PANGO_SCALE;
	}
	label_w += st->body.size + (fs->layout == PP_FRONT_BOX ? 2 * st->cell_pad_x : 0);
	if (label_w > width / 3)
		label_w = width / 3;

	struct pp_snode *parent = f->parent;
	struct pp_snode *table = snode_new(f->pages, parent, PP_ROLE_TABLE);
	struct pp_snode *tbody = snode_new(f->pages, table, PP_ROLE_TBODY);
	f->y += st->para_space;
	for (size_t i = 0; i < n; i++) {
		char *value = field_value(f, fields[i].key);
		if (!value || !*value) {
			free(value);
			continue;
		}
		const char *label =
		    fields[i].label ? fields[i].label : pp_front_field_label(fields[i].key);
		front_row(f, tbody, label ? label : "", value, label_w);
		free(value);
	}
	front_signature(f);
	f->y += st->para_space * 2;
}

/* ---------- cross-references ---------------------------------------------- */

struct target {
	const char *id;
	size_t page;
	double y;
};

static int target_cmp(const void *a, const void *b)
{
	return strcmp(((const struct target *)a)->id, ((const struct target *)b)->id);
}

/*
 * Every part a <ref> can name is known by now, wherever it fell: the first
 * box drawn inside it (its heading, its first line) is where its links go.
 * The pages were held for this (flow.hold_pages), so a reference forwards
 * links as well as one back.
 */
/* The first place of part `id` (its earliest box), or NULL: not placed. */
static const struct target *first_target(const struct target *t, size_t n, const char *id)
{
	struct target key = {id, 0, 0};
	const struct target *hit = bsearch(&key, t, n, sizeof *t, target_cmp);
	if (!hit)
		return NULL;
	/* bsearch may land on any box of the part: take its first */
	while (hit > t && strcmp(hit[-1].id, id) == 0)
		hit--;
	const struct target *best = hit;
	for (const struct target *h = hit; h < t + n && strcmp(h->id, id) == 0; h++)
		if (h->page < best->page || (h->page == best->page && h->y < best->y))
			best = h;
	return best;
}

void refs_link(struct flow *f)
{
	struct pp_pages *pages = f->pages;
	struct target *t = NULL;
	size_t n = 0, cap = 0;
	for (size_t pg = 0; pg < pages->n_pages; pg++)
		for (size_t k = 0; k < pages->pages[pg].n_boxes; k++) {
			const struct pp_box *b = &pages->pages[pg].boxes[k];
			if (b->kind != PP_BOX_TEXT)
				continue;
			for (const struct pp_snode *s = b->snode; s; s = s->parent)
				if (s->dest_id) {
					PP_GROW(t, n + 1, cap);
					t[n++] = (struct target){s->dest_id, pg, b->y};
				}
		}
	qsort(t, n, sizeof *t, target_cmp);
	for (size_t pg = 0; pg < pages->n_pages; pg++)
		for (size_t k = 0; k < pages->pages[pg].n_boxes; k++) {
			struct pp_box *b = &pages->pages[pg].boxes[k];
			if (b->kind != PP_BOX_LINK || !b->dest_id)
				continue;
			if (b->dest_ref && b->dest_ref->document != f->document) {
				/* a part of another document: a link to its PDF (the
				 * plan's own text may name a document with none) */
				if (b->dest_ref->document->formats & 1u)
					b->dest_file = b->dest_ref->document->output;
				continue;
			}
			const struct target *best = first_target(t, n, b->dest_id);
			if (!best)
				continue;
			b->dest_page = (int)best->page;
			b->dest_y = best->y;
		}
	/* Parts of this document that other documents link to. */
	for (size_t i = 0; i < f->doc->n_xrefs; i++) {
		const struct pp_xref *x = &f->doc->xrefs[i];
		if (!x->named_elsewhere || x->document != f->document)
			continue;
		const struct target *best = first_target(t, n, x->id);
		if (!best)
			continue; /* not placed (a view that prints no such part) */
		PP_GROW(pages->named, pages->n_named + 1, f->cap_named);
		pages->named[pages->n_named++] =
		    (struct pp_named_dest){x->id, (int)best->page, best->y};
	}
	free(t);
}
