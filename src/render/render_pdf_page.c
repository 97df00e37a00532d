/* SPDX-License-Identifier: MIT */
/*
 * render_pdf_page.c - page content: page objects, the content-stream
 * operators and graphics state (colours, line width), rectangles, rules,
 * turned frames, and the start and end of each page's content stream.
 *
 * Invariant: an operator is written only when the state it sets differs
 * from what the stream has set (struct gstate).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "pdf_font.h"
#include "pdf_write.h"
#include "render_pdf.h"

/* Page `rel` of the file (0-based), its object number reserved on first use:
 * a link or outline entry may name a page not drawn yet. */
struct page_rec *pdf_page_of(struct pdf_doc *d, size_t rel)
{
	if (rel >= d->n_page) {
		PP_GROW(d->page, rel + 1, d->cap_page);
		memset(d->page + d->n_page, 0, (rel + 1 - d->n_page) * sizeof *d->page);
		d->n_page = rel + 1;
	}
	if (!d->page[rel].obj)
		d->page[rel].obj = pdf_reserve(&d->w);
	return &d->page[rel];
}

unsigned pdf_page_obj(struct pdf_doc *d, size_t rel)
{
	return pdf_page_of(d, rel)->obj;
}

/* ---------- content ------------------------------------------------------ */

void pdf_num(struct pdf_doc *d, double v)
{
	pdf_buf_num(&d->c, v);
	pdf_buf_put(&d->c, " ", 1);
}

static int same_rgb(struct pp_rgb a, struct pp_rgb b)
{
	return a.r == b.r && a.g == b.g && a.b == b.b;
}

void pdf_set_fill(struct pdf_doc *d, struct pp_rgb c)
{
	if (d->gs.has_fill && same_rgb(d->gs.fill, c))
		return;
	pdf_num(d, c.r);
	pdf_num(d, c.g);
	pdf_num(d, c.b);
	pdf_op(d, "rg\n");
	d->gs.fill = c;
	d->gs.has_fill = 1;
}

static void set_stroke(struct pdf_doc *d, struct pp_rgb c, double width)
{
	if (!d->gs.has_stroke || !same_rgb(d->gs.stroke, c)) {
		pdf_num(d, c.r);
		pdf_num(d, c.g);
		pdf_num(d, c.b);
		pdf_op(d, "RG\n");
		d->gs.stroke = c;
		d->gs.has_stroke = 1;
	}
	if (d->gs.line_width != width) {
		pdf_num(d, width);
		pdf_op(d, "w\n");
		d->gs.line_width = width;
	}
}

void pdf_rect(struct pp_render_job *job, double x, double y, double w, double h,
	      const struct pp_rgb *fill, const struct pp_rgb *stroke, double width)
{
	struct pdf_doc *d = job->pdf;
	if (fill)
		pdf_set_fill(d, *fill);
	if (stroke)
		set_stroke(d, *stroke, width);
	if (!fill && !stroke)
		return;
	pdf_num(d, x);
	pdf_num(d, y);
	pdf_num(d, w);
	pdf_num(d, h);
	pdf_op(d, fill && stroke ? "re B\n" : fill ? "re f\n" : "re S\n");
}

void pdf_poly(struct pp_render_job *job, const double *pts, size_t n,
	      const struct pp_rgb *fill, const struct pp_rgb *stroke, double width)
{
	struct pdf_doc *d = job->pdf;
	if (fill)
		pdf_set_fill(d, *fill);
	if (stroke)
		set_stroke(d, *stroke, width);
	if (!fill && !stroke)
		return;
	for (size_t i = 0; i < n; i++) {
		pdf_num(d, pts[2 * i]);
		pdf_num(d, pts[2 * i + 1]);
		pdf_op(d, i ? "l " : "m ");
	}
	pdf_op(d, fill && stroke ? "h B\n" : fill ? "h f\n" : "h S\n");
}

void pdf_line(struct pp_render_job *job, double x0, double y0, double x1, double y1,
	      struct pp_rgb colour, double width)
{
	struct pdf_doc *d = job->pdf;
	set_stroke(d, colour, width);
	pdf_num(d, x0);
	pdf_num(d, y0);
	pdf_op(d, "m ");
	pdf_num(d, x1);
	pdf_num(d, y1);
	pdf_op(d, "l S\n");
}


void pdf_turn_begin(struct pp_render_job *job, double x, double y, double degrees)
{
	struct pdf_doc *d = job->pdf;
	double a = -degrees * 3.14159265358979323846 / 180.0;
	double c = cos(a), s = sin(a);
	/* Exact for quarter turns, as cairo_rotate leaves them. */
	if (fabs(c) < 1e-12)
		c = 0;
	if (fabs(s) < 1e-12)
		s = 0;
	d->saved = d->gs;
	d->turned++;
	pdf_op(d, "q ");
	pdf_num(d, c);
	pdf_num(d, s);
	pdf_num(d, -s);
	pdf_num(d, c);
	pdf_num(d, x);
	pdf_num(d, y);
	pdf_op(d, "cm\n");
}

void pdf_turn_end(struct pp_render_job *job)
{
	struct pdf_doc *d = job->pdf;
	pdf_op(d, "Q\n");
	d->turned--;
	d->gs = d->saved; /* Q restores what q saved */
}

void pdf_begin_page(struct pp_render_job *job, size_t index, const struct pp_page *page)
{
	struct pdf_doc *d = job->pdf;
	d->c.len = 0;
	d->mcid = pdf_page_of(d, index - job->first)->mcid;
	d->page_links = d->n_links;
	d->gs = (struct gstate){.line_width = 1}; /* the PDF's initial state */
	/* y grows downwards, as in layout; q ... Q, as a page may have a
	 * second content stream (pdf_end_page). */
	pdf_op(d, "q 1 0 0 -1 0 ");
	pdf_num(d, page->height);
	pdf_op(d, "cm\n");
}

/* The page's content so far becomes a stream of its own; the page object is
 * written at the end, when every stream of the page is known. */
void pdf_end_page(struct pp_render_job *job)
{
	struct pdf_doc *d = job->pdf;
	struct page_rec *pr = pdf_page_of(d, job->page - job->first);
	pdf_op(d, "Q\n");
	unsigned content = pdf_reserve(&d->w);
	pdf_stream(&d->w, content, NULL, d->c.data, d->c.len, 1);
	if (pr->n_content < 2)
		pr->content[pr->n_content++] = content;
	pr->mcid = d->mcid;
	/* A long page's buffer is not kept for the next. */
	if (d->c.cap > (4u << 20))
		pdf_buf_free(&d->c);
	if (d->w.failed) { /* the loop stops at a write failure */
		job->sink.failed = 1;
		job->sink.err = d->w.err;
	}
}
