/* SPDX-License-Identifier: MIT */
/*
 * layout_flow.h - the flow, private to the layout stage: the cursor over
 * pages (layout_flow.c) that every view lays out through.
 */
#ifndef PP_LAYOUT_FLOW_H
#define PP_LAYOUT_FLOW_H

#include "layout_int.h"

struct flow {
	struct pp_layout_ctx *ctx;
	const struct pp_doc *doc;
	const struct pp_document *document;
	const struct pp_style *style;
	struct pp_diags *diags;
	struct pp_pages *pages;

	enum pp_orientation orientation;
	double page_w, page_h;
	double left, right, top, bottom; /* the content box */
	double y;			  /* next free position */
	int page_has_content; /* the body of the current page holds boxes */
	struct pp_snode *parent; /* where new structure goes */
	unsigned warned_views;	 /* bit per view kind already warned about */
	int warned_deep_list;	 /* lists nested too deep to indent (layout_blocks.c) */
	int depth;		 /* section nesting: 1 inside a top-level section */

	/* <contents>: pages are inserted at toc_page once the headings that
	 * follow are placed (layout_toc.c). */
	int toc_pending;
	size_t toc_page, toc_first_outline;
	struct pp_snode *toc_snode;
	const char *toc_title;

	int report_unsigned; /* a report front was laid out; the author signs next */

	const struct pp_page_sink *sink; /* finished pages go here, or NULL */
	int sink_failed;		 /* it returned -1: hand it no more */
	/* Finished structure parts waiting for their last page to be handed
	 * to the sink (flow_close_snode): [closing_head, n_closing). */
	struct closing {
		struct pp_snode *node;
		size_t last_page;
	} *closing;
	size_t n_closing, cap_closing, closing_head;

	/* A committee report (layout_report.c): headings below the report's
	 * title are this many levels lower (1 under a front sheet's title). */
	int level_base;
	/* The plan has <ref>s: pages are held, not streamed, so that
	 * references forwards can be linked at the end (refs_link). */
	int hold_pages;
	/* A float waiting for the next page (a chart that did not fit the
	 * rest of this one, layout_chart.c): flow_new_page calls place at
	 * the top of the next page, so the text after the chart fills this
	 * page's gap. NULL: none waiting. */
	void (*float_place)(struct flow *f, void *data);
	void *float_data;
	size_t cap_named; /* of pages->named */
};

/* The level of a heading a view makes inside the current section: one
 * below it, and never the title's level even directly in a document. */
static inline int flow_sub_level(const struct flow *f)
{
	int level = f->depth + 1 + f->level_base;
	return level < 2 ? 2 : level;
}

struct pp_page *flow_page(struct flow *f);
void flow_new_page(struct flow *f);
/* Orientation changes start a new page; an empty page just turns. */
void flow_orientation(struct flow *f, enum pp_orientation o);
/*
 * Nothing more will be added under `node`: once the pages holding its
 * content are handed to the sink, the sink may write it and its nodes are
 * freed (pp_page_sink.closed). Only when streaming to such a sink.
 */
void flow_close_snode(struct flow *f, struct pp_snode *node);
/* A float is waiting: start the next page now, so that it is placed
 * before whatever comes next (a section, the report's signature, the end). */
void flow_flush_float(struct flow *f);
/* Start a new page unless `need` points fit below the cursor. */
void flow_need(struct flow *f, double need);
/* Place a stack in the flow, splitting between lines across pages. */
void flow_stack(struct flow *f, struct stack *s, double x, double width);

#endif
