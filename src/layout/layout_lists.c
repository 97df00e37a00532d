/* SPDX-License-Identifier: MIT */
/*
 * layout_lists.c - the list views: the glossary (a framework's groups as
 * headings over their items, codes hanging in a column) and key
 * priorities (each theme's priorities, and those listed @also under it,
 * as a bullet list under the theme's heading). Tagged as L / LI / Lbl /
 * LBody.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "layout_flow.h"

static void glossary_group(struct flow *f, const struct pp_fw_group *g, int level)
{
	flow_heading(f, NULL, level, g->label ? g->label : "");
	const struct pp_text_style *ts = &f->style->body;
	if (g->n_items) {
		struct stack s;
		stack_init(&s);
		struct pp_snode *l = snode_new(f->pages, f->parent, PP_ROLE_L);
		struct pp_text_style bold = *ts;
		bold.bold = 1;
		/* Codes hang in a column as wide as the widest "a)". */
		double hang = f->style->list_indent;
		char **codes = pp_xcalloc(g->n_items, sizeof *codes);
		for (size_t i = 0; i < g->n_items; i++) {
			const struct pp_fw_item *it = &g->items[i];
			codes[i] = pp_xasprintf("%s%s", it->code ? it->code : "",
						it->code && g->code_suffix ? g->code_suffix : "");
			PangoLayout *m = text_plain(f->ctx, f->style, &bold, codes[i]);
			int w;
			pango_layout_get_size(m, &w, NULL);
			g_object_unref(m);
			if ((double)w / PANGO_SCALE + ts->size > hang)
				hang = (double)w / PANGO_SCALE + ts->size;
		}
		for (size_t i = 0; i < g->n_items; i++) {
			const struct pp_fw_item *it = &g->items[i];
			struct pp_snode *li = snode_new(f->pages, l, PP_ROLE_LI);
			struct pp_snode *lbl = snode_new(f->pages, li, PP_ROLE_LBL);
			struct pp_snode *body = snode_new(f->pages, li, PP_ROLE_LBODY);
			struct pp_snode *p = snode_new(f->pages, body, PP_ROLE_P);
			struct piece *pc = stack_add(
				&s, text_plain(f->ctx, f->style, &bold, it->label ? it->label : ""),
				ts->colour, p);
			pc->indent = hang;
			pc->space_before = f->style->para_space;
			if (*codes[i]) {
				pc->marker = text_plain(f->ctx, f->style, &bold, codes[i]);
				pc->marker_snode = lbl;
			}
			if (it->description.n_spans) {
				struct pp_snode *d = snode_new(f->pages, body, PP_ROLE_P);
				inline_to_stack(f, &s, &it->description, ts, d, 1.0);
				s.pieces[s.n_pieces - 1].indent = hang;
			}
			free(codes[i]);
		}
		free(codes);
		flow_stack(f, &s, f->left, f->right - f->left);
		stack_fini(&s);
	}
	for (size_t i = 0; i < g->n_groups; i++)
		glossary_group(f, &g->groups[i], level < 6 ? level + 1 : 6);
}

void flow_glossary(struct flow *f, const struct pp_glossary *gl)
{
	for (size_t i = 0; i < gl->n_group_ids; i++) {
		const struct pp_fw_group *g = gl->groups ? gl->groups[i] : NULL;
		if (!g)
			g = pp_framework_group(f->doc, gl->group_ids[i]);
		if (g)
			glossary_group(f, g, flow_sub_level(f));
	}
}

/* Does priority `p` name theme `th` in its @also? */
static int also_under(const struct pp_priority *p, const struct pp_theme *th)
{
	for (size_t i = 0; i < p->n_also_ids; i++) {
		if (p->also && p->also[i] == th)
			return 1;
		if (th->id && p->also_ids[i] && strcmp(p->also_ids[i], th->id) == 0)
			return 1;
	}
	return 0;
}

/* Each theme's priorities as a bullet list under the theme's heading:
 * its own priorities, then those of other themes listed @also under it. */
void flow_key_priorities(struct flow *f, const struct pp_key_priorities *k)
{
	const struct pp_text_style *ts = &f->style->body;
	const struct pp_doc *doc = f->doc;
	const struct pp_priority **list = NULL;
	size_t cap = 0;
	double after = 0;
	for (size_t ti = 0; ti < doc->n_themes; ti++) {
		const struct pp_theme *th = &doc->themes[ti];
		int want = k->n_theme_ids == 0;
		for (size_t i = 0; i < k->n_theme_ids && !want; i++)
			want = th->id && strcmp(th->id, k->theme_ids[i]) == 0;
		if (!want)
			continue;
		size_t n = 0;
		for (size_t pi = 0; pi < th->n_priorities; pi++) {
			PP_GROW(list, n + 1, cap);
			list[n++] = &th->priorities[pi];
		}
		for (size_t oi = 0; oi < doc->n_themes; oi++)
			for (size_t pi = 0; oi != ti && pi < doc->themes[oi].n_priorities; pi++)
				if (also_under(&doc->themes[oi].priorities[pi], th)) {
					PP_GROW(list, n + 1, cap);
					list[n++] = &doc->themes[oi].priorities[pi];
				}
		if (n == 0)
			continue;
		/* Each theme is a part of its own (heading and list), so what
		 * follows the view is not read as the last theme's. */
		struct pp_snode *outer = f->parent;
		f->parent = snode_new(f->pages, outer, PP_ROLE_SECT);
		int level = flow_sub_level(f);
		flow_heading(f, NULL, level, th->title ? th->title : "");
		struct stack s;
		stack_init(&s);
		struct pp_snode *l = snode_new(f->pages, f->parent, PP_ROLE_L);
		const char *bullet = f->style->bullets[0] ? f->style->bullets[0] : "\xe2\x80\xa2";
		/* @numbering: each theme's priorities numbered from 1, as
		 * councils print them, in a column as wide as the widest */
		char *widest = k->numbering ? pp_number_label(k->numbering, n, NULL) : NULL;
		PangoLayout *probe = text_plain(f->ctx, f->style, ts, widest ? widest : bullet);
		free(widest);
		int w;
		pango_layout_get_size(probe, &w, NULL);
		g_object_unref(probe);
		double hang = (double)w / PANGO_SCALE + ts->size * 0.5;
		if (hang < f->style->list_indent)
			hang = f->style->list_indent;
		for (size_t pi = 0; pi < n; pi++) {
			struct pp_snode *li = snode_new(f->pages, l, PP_ROLE_LI);
			struct pp_snode *lbl = snode_new(f->pages, li, PP_ROLE_LBL);
			struct pp_snode *body = snode_new(f->pages, li, PP_ROLE_LBODY);
			inline_to_stack(f, &s, &list[pi]->title, ts, body,
					f->style->para_space * 0.5);
			struct piece *pc = &s.pieces[s.n_pieces - 1];
			pc->indent = hang;
			char *num = k->numbering ? pp_number_label(k->numbering, pi + 1, NULL) : NULL;
			pc->marker = text_plain(f->ctx, f->style, ts, num ? num : bullet);
			free(num);
			pc->marker_snode = lbl;
		}
		flow_stack(f, &s, f->left, f->right - f->left);
		stack_fini(&s);
		f->parent = outer;
		/* and the text after the view stands apart, as after a part */
		after = f->style->h[level - 1].size * 0.8;
	}
	free(list);
	if (f->page_has_content)
		f->y += after;
}
