/* SPDX-License-Identifier: MIT */
/*
 * layout_cover.c - the cover view: a page of its own from the document's
 * facts, placed as the template's cover style says (fill, band, logo,
 * type), then a new page.
 */
#include "layout_flow.h"

static void cover_line(struct flow *f, const char *text, const struct pp_text_style *ts,
		       double after)
{
	if (!text || !*text)
		return;
	struct stack s;
	stack_init(&s);
	PangoLayout *l = text_plain(f->ctx, f->style, ts, text);
	if (f->style->cover.centred) {
		pango_layout_set_width(l, (int)((f->right - f->left) * PANGO_SCALE));
		pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	}
	stack_add(&s, l, ts->colour, snode_new(f->pages, f->parent, PP_ROLE_P));
	flow_stack(f, &s, f->left, f->right - f->left);
	f->y += after;
	stack_fini(&s);
}

/* A cover from the facts: organisation, title, subtitle, period,
 * strapline, committee and meeting, status; then a new page. The
 * template's cover style says where and how (fill, band, logo, type). */
void flow_cover(struct flow *f)
{
	const struct pp_facts *fa = document_facts(f->doc, f->document);
	const struct pp_cover_style *cv = &f->style->cover;
	if (f->page_has_content)
		flow_new_page(f);
	struct pp_page *pg = flow_page(f);
	if (cv->fill.r < 1 || cv->fill.g < 1 || cv->fill.b < 1)
		page_rect(pg, 0, 0, pg->width, pg->height, &cv->fill, NULL, 0);
	if (cv->band_height > 0)
		page_rect(pg, f->left, f->top, f->right - f->left, cv->band_height, &cv->band_fill,
			  NULL, 0);
	if (cv->logo && cv->logo_data && cv->logo_w > 0 && cv->logo_h > 0) {
		struct pp_box *b = page_box(pg, PP_BOX_IMAGE);
		b->x = cv->logo_x;
		b->y = cv->logo_y;
		b->w = cv->logo_w;
		b->h = cv->logo_h;
		b->image = cv->logo;
		b->image_data = cv->logo_data;
		b->image_len = cv->logo_len;
		b->snode = NULL; /* decorative: the organisation's name is printed as text */
	}
	f->y = f->top + (f->bottom - f->top) * cv->text_top;
	f->page_has_content = 1;
	pg->front = 1;
	cover_line(f, fa->organisation, &cv->organisation, 12);
	cover_line(f, fa->title, &cv->title, 8);
	cover_line(f, fa->subtitle, &cv->subtitle, 8);
	cover_line(f, fa->period, &cv->period, 8);
	cover_line(f, fa->strapline, &cv->strapline, 24);
	cover_line(f, fa->committee, &cv->meta, 4);
	cover_line(f, fa->meeting_text, &cv->meta, 4);
	cover_line(f, fa->author, &cv->byline, 2);
	cover_line(f, fa->author_role, &cv->byline, 4);
	cover_line(f, fa->status, &cv->byline, 0);
	flow_new_page(f);
}
