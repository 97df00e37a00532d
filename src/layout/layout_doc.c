/* SPDX-License-Identifier: MIT */
/*
 * layout_doc.c - a document's views in order, through the flow
 * (layout_flow.c): each view to the file that lays it out, sections with
 * their headings and page breaks here; then running headers and footers
 * once the page count is known. The body is laid out exactly once: headers and footers are added
 * to finished pages, never by laying the body out again.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "layout_flow.h"

/* ---------- views ------------------------------------------------------- */

static void flow_view(struct flow *f, const struct pp_view *v);

static void flow_section(struct flow *f, const struct pp_section *sec)
{
	enum pp_orientation before = f->orientation;
	if (sec->appendix)
		flow_report_signature(f); /* the report's own text ends here */
	if (sec->has_orientation)
		flow_orientation(f, sec->orientation);
	if (sec->page_break && f->page_has_content)
		flow_new_page(f);
	struct pp_snode *parent = f->parent;
	f->parent = snode_new(f->pages, parent, PP_ROLE_SECT);
	f->parent->dest_id = sec->id; /* a <ref> to the section goes to its heading */
	f->depth++;
	if (sec->annex) {
		/* "Annex A – Quarterly progress": the letter is worked out */
		char *t = pp_xasprintf("Annex %s%s%s", sec->number ? sec->number : "",
				       sec->title && *sec->title ? " \xe2\x80\x93 " : "",
				       sec->title ? sec->title : "");
		flow_heading(f, NULL, f->depth + f->level_base, t);
		free(t);
	} else {
		flow_heading_numbered(f, f->depth + f->level_base, sec->number,
				      sec->title ? sec->title : "");
	}
	for (size_t i = 0; i < sec->n_children; i++)
		flow_view(f, &sec->children[i]);
	flow_flush_float(f); /* a chart floats within its section */
	f->depth--;
	f->parent = parent;
	if (sec->has_orientation)
		flow_orientation(f, before);
}

static void flow_view(struct flow *f, const struct pp_view *v)
{
	/* A floating chart waits only for the text after it. */
	if (v->kind != PP_VIEW_BLOCKS)
		flow_flush_float(f);
	switch (v->kind) {
	case PP_VIEW_BLOCKS:
		flow_blocks(f, &v->u.blocks);
		return;
	case PP_VIEW_SECTION:
		flow_section(f, &v->u.section);
		return;
	case PP_VIEW_PRIORITY_TABLE:
		if (f->page_has_content)
			f->y += f->style->para_space;
		flow_priority_table(f, &v->u.table);
		return;
	case PP_VIEW_GLOSSARY:
		flow_glossary(f, &v->u.glossary);
		return;
	case PP_VIEW_KEY_PRIORITIES:
		flow_key_priorities(f, &v->u.key);
		return;
	case PP_VIEW_FRONT_SHEET:
		flow_front_sheet(f);
		return;
	case PP_VIEW_COVER:
		if (v->u.cover_report)
			flow_report_front(f);
		else
			flow_cover(f);
		return;
	case PP_VIEW_CONTENTS:
		if (f->toc_pending) {
			pp_diag(f->diags, PP_MSG_LAYOUT_OVERFLOW, &v->loc,
				"a second <contents> in one document is not laid out");
			return;
		}
		flow_contents_mark(f, v->u.contents_title);
		return;
	case PP_VIEW_PAGE_BREAK:
		if (f->page_has_content)
			flow_new_page(f);
		return;
	case PP_VIEW_MATRIX:
		flow_matrix(f, &v->u.matrix, &v->loc);
		return;
	case PP_VIEW_POSTER:
		flow_poster(f, &v->u.poster, &v->loc);
		return;
	case PP_VIEW_ASSESSMENT:
		if (f->page_has_content)
			f->y += f->style->para_space;
		flow_assessment(f, &v->u.assessment);
		return;
	case PP_VIEW_LINKED_PLANS:
		if (f->page_has_content)
			f->y += f->style->para_space;
		flow_linked_plans(f, &v->u.linked);
		return;
	case PP_VIEW_STATUS_KEY:
		if (f->page_has_content)
			f->y += f->style->para_space;
		flow_status_key(f, &v->u.status_key);
		return;
	case PP_VIEW_INDICATOR_TABLE:
		if (f->page_has_content)
			f->y += f->style->para_space;
		flow_indicator_table(f, &v->u.itable);
		return;
	case PP_VIEW_STATUS_SUMMARY:
		if (f->page_has_content)
			f->y += f->style->para_space;
		flow_status_summary(f, &v->u.summary);
		return;
	case PP_VIEW_INDICATOR_CHART:
		if (f->page_has_content)
			f->y += f->style->para_space;
		flow_indicator_chart(f, &v->u.ichart);
		return;
	}
}

/* ---------- running header and footer ------------------------------------ */

static void format_date(const struct pp_facts *fa, char *buf, size_t n)
{
	static const char *const months[] = { "January", "February", "March", "April",
					      "May", "June", "July", "August",
					      "September", "October", "November", "December" };
	buf[0] = '\0';
	if (fa->has_meeting_date && fa->meeting_date.month >= 1 && fa->meeting_date.month <= 12)
		snprintf(buf, n, "%d %s %d", fa->meeting_date.day,
			 months[fa->meeting_date.month - 1], fa->meeting_date.year);
	else if (fa->meeting_text)
		snprintf(buf, n, "%s", fa->meeting_text);
}

/* Expand {fields} in part [s, e) of a pattern; unknown fields stay as
 * written so a typo shows on the page. */
static char *expand(const struct flow *f, const char *s, const char *e, size_t page,
		    size_t pages)
{
	const struct pp_facts *fa = document_facts(f->doc, f->document);
	size_t cap = 64, n = 0;
	char *out = pp_xmalloc(cap);
	while (s < e) {
		const char *val = NULL;
		char num[64];
		size_t skip = 1;
		if (*s == '{') {
			const char *close = memchr(s, '}', (size_t)(e - s));
			if (close) {
				size_t len = (size_t)(close - s - 1);
				skip = len + 2;
#define FIELD(name) (len == sizeof(name) - 1 && memcmp(s + 1, name, len) == 0)
				if (FIELD("title")) val = fa->title ? fa->title : "";
				else if (FIELD("organisation")) val = fa->organisation ? fa->organisation : "";
				else if (FIELD("period")) val = fa->period ? fa->period : "";
				else if (FIELD("status")) val = fa->status ? fa->status : "";
				else if (FIELD("page")) { snprintf(num, sizeof num, "%zu", page); val = num; }
				else if (FIELD("pages")) { snprintf(num, sizeof num, "%zu", pages); val = num; }
				else if (FIELD("date")) { format_date(fa, num, sizeof num); val = num; }
				else skip = 1;
#undef FIELD
			}
		}
		size_t add = val ? strlen(val) : 1;
		PP_GROW(out, n + add + 1, cap);
		memcpy(out + n, val ? val : s, add);
		n += add;
		s += skip;
	}
	out[n] = '\0';
	return out;
}

static void running(struct flow *f, const char *pattern, size_t index, int footer)
{
	struct pp_page *page = &f->pages->pages[index];
	const struct pp_style *st = f->style;
	const char *bars[3] = { NULL, NULL, NULL };
	size_t nb = 0;
	for (const char *p = pattern; *p && nb < 2; p++)
		if (*p == '|')
			bars[nb++] = p;
	const char *starts[3], *ends[3];
	size_t parts = nb + 1;
	for (size_t i = 0; i < parts; i++) {
		starts[i] = i == 0 ? pattern : bars[i - 1] + 1;
		ends[i] = i < nb ? bars[i] : pattern + strlen(pattern);
	}
	/* One part: left; two: left and right; three: left, centre, right. */
	PangoAlignment align2[2] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT };
	PangoAlignment align3[3] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_RIGHT };
	double left = st->margin_left, width = page->width - st->margin_left - st->margin_right;
	for (size_t i = 0; i < parts; i++) {
		char *text = expand(f, starts[i], ends[i], index + 1, f->pages->n_pages);
		if (!*text) {
			free(text);
			continue;
		}
		PangoLayout *l = text_plain(f->ctx, st, &st->running, text);
		free(text);
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		/* The margin holds it: lines that would run off the page are
		 * left out and the last shown ends in an ellipsis. */
		double room = footer ? st->margin_bottom - st->footer_gap
				     : st->margin_top - st->header_gap;
		pango_layout_set_height(l, (int)(room * PANGO_SCALE));
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
		pango_layout_set_alignment(l, parts == 1 ? PANGO_ALIGN_LEFT
					      : parts == 2 ? align2[i] : align3[i]);
		int lw, lh;
		pango_layout_get_size(l, &lw, &lh);
		/* Pango's height limit counts the style's line height; a line in a
		 * taller fallback font (a control character, a rare script) can
		 * still take the box past the page: then fewer lines, by count. */
		for (int n = pango_layout_get_line_count(l); n > 1 && lh > room * PANGO_SCALE;) {
			pango_layout_set_height(l, -(--n));
			pango_layout_get_size(l, &lw, &lh);
		}
		struct pp_box *b = page_box(page, PP_BOX_TEXT);
		b->layout = l; /* the box takes our reference */
		b->first_line = 0;
		b->n_lines = pango_layout_get_line_count(l);
		b->x = left;
		b->w = width;
		b->h = (double)lh / PANGO_SCALE;
		b->y = footer ? page->height - st->margin_bottom + st->footer_gap
			      : st->margin_top - st->header_gap - b->h;
		/* One line taller than its margin still stays on the page. */
		if (b->y + b->h > page->height)
			b->y = page->height - b->h;
		if (b->y < 0)
			b->y = 0;
		b->colour = st->running.colour;
		b->snode = NULL; /* artifact */
	}
}

/* ---------- the document ------------------------------------------------- */

struct pp_pages *pp_layout_document(struct pp_layout_ctx *ctx, const struct pp_doc *doc,
				    const struct pp_document *document,
				    const struct pp_style *style, struct pp_diags *diags)
{
	return pp_layout_document_streamed(ctx, doc, document, style, diags, NULL);
}

struct pp_pages *pp_layout_document_streamed(struct pp_layout_ctx *ctx, const struct pp_doc *doc,
					     const struct pp_document *document,
					     const struct pp_style *style, struct pp_diags *diags,
					     const struct pp_page_sink *sink)
{
	assert(style); /* a loaded template (style.h) */
	/* The template may give this page size its own margins. */
	struct pp_style sized;
	if (style->page_margin_set[document->page]) {
		sized = *style;
		sized.margin_top = style->page_margin[document->page][0];
		sized.margin_right = style->page_margin[document->page][1];
		sized.margin_bottom = style->page_margin[document->page][2];
		sized.margin_left = style->page_margin[document->page][3];
		style = &sized;
	}
	if (pp_layout_check(doc, document, style, diags) != 0)
		return NULL;
	struct pp_pages *pages = pp_xcalloc(1, sizeof *pages);
	pages->root = snode_new(pages, NULL, PP_ROLE_DOCUMENT);
	pages->title = pp_xstrdup(document_facts(doc, document)->title);
	pages->author = pp_xstrdup(document_facts(doc, document)->organisation);
	pages->lang = pp_xstrdup(doc->lang ? doc->lang : "en-GB");
	pango_context_set_language(ctx->pango, pango_language_from_string(pages->lang));
	lay_check_fonts(ctx, style, diags);

	struct flow f = { 0 };
	f.ctx = ctx;
	f.doc = doc;
	f.document = document;
	f.style = style;
	f.diags = diags;
	f.pages = pages;
	f.orientation = document->orientation;
	f.parent = pages->root;
	f.sink = sink;
	f.hold_pages = doc->n_refs > 0;
	flow_new_page(&f);
	for (size_t i = 0; i < document->n_views; i++)
		flow_view(&f, &document->views[i]);
	flow_flush_float(&f);
	flow_report_signature(&f);

	free(f.closing); /* the rest is written with the whole tree */
	if (f.toc_pending)
		flow_contents_finish(&f);
	if (f.hold_pages)
		refs_link(&f);
	/* A trailing page left empty (a cover, break or orientation change at
	 * the very end) is dropped. */
	if (pages->n_pages > 1 && pages->pages[pages->n_pages - 1].n_boxes == 0) {
		free(pages->pages[pages->n_pages - 1].boxes);
		pages->n_pages--;
	}
	/* Now the page count is known: running header and footer. */
	const char *header = document->running_header ? document->running_header
						      : style->running_header;
	const char *footer = document->running_footer ? document->running_footer
						      : style->running_footer;
	for (size_t i = 0; i < pages->n_pages; i++) {
		if (pages->pages[i].front && !style->running_on_cover)
			continue;
		if (header && *header)
			running(&f, header, i, 0);
		if (footer && *footer)
			running(&f, footer, i, 1);
	}
	return pages;
}
