/* SPDX-License-Identifier: MIT */
/*
 * render_pdf.c - the PDF backend: a tagged PDF (PDF/UA-1) written directly
 * while the pages are drawn, one file for all pages, each page its own size
 * (sections may turn landscape), with document info, XMP, an outline nested
 * by heading level, links and named destinations.
 *
 * Streaming: a page's content is kept only until the page ends, then
 * compressed and written with its page object. What the end of the file
 * needs from a finished page is kept as small records: which structure
 * node each marked content (MCID) belongs to, each link box, the first
 * text box of each node (link descriptions). Fonts, the structure tree,
 * the parent tree, the outline and the xref are written at the end.
 *
 * Tagging (docs/accessibility.md): every box the shared routine draws is
 * marked as it is drawn: "/<Role> <</MCID n>> BDC ... EMC" for a box of a
 * structure node, "/Artifact BMC ... EMC" for boxes without one (runs of
 * them share one marker). The structure tree is the layout's tree
 * (struct pp_snode) in reading order, so a table split over pages is one
 * Table and repeated header rows, artifacts, are read once.
 *
 * Invariant: the bytes depend only on the pages and the options (the
 * creation date is opts->creation_time; the /ID is a digest of the file).
 *
 * This file opens the document and names the canvas; each concern has its
 * own file (render_pdf.h lists them): page content, text, images, the
 * structure tree and the end of the file.
 */

#include <stdlib.h>

#include "alloc.h"
#include "pdf_font.h"
#include "pdf_write.h"
#include "render_pdf.h"

static const struct pp_canvas pdf_canvas = {
    .rect = pdf_rect,
    .line = pdf_line,
    .poly = pdf_poly,
    .glyphs = pdf_glyphs,
    .turn_begin = pdf_turn_begin,
    .turn_end = pdf_turn_end,
    .image = pdf_image,
    .link = pdf_link,
    .mark_begin = pdf_mark_begin,
    .mark_end = pdf_mark_end,
    .line_end = pdf_line_end,
};

static int pdf_open(struct pp_render_job *job, double width, double height)
{
	(void)width;
	(void)height;
	struct pdf_doc *d = pp_xcalloc(1, sizeof *d);
	job->pdf = d;
	pdf_writer_init(&d->w, job->sink.write, job->sink.closure);
	/* Object and cross-reference streams: a tagged report is mostly small
	 * dictionaries, which then take a fraction of their plain size. */
	pdf_writer_compact(&d->w);
	d->fonts = pdf_fonts_new();
	/* Binary bytes in the comment: the file is not text. */
	pdf_puts(&d->w, "%PDF-1.7\n%\xB5\xED\xAE\xFB\n");
	d->pages_obj = pdf_reserve(&d->w);
	d->resources = pdf_reserve(&d->w);
	return 0;
}

const struct pp_backend pp_backend_pdf = {
    .name = "pdf",
    .canvas = &pdf_canvas,
    .open = pdf_open,
    .begin_page = pdf_begin_page,
    .end_page = pdf_end_page,
    .close = pdf_close,
};
