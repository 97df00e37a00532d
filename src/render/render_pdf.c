/* SPDX-License-Identifier: MIT */
/*
 * render_pdf.c - the PDF backend: one file for all pages, each page its own
 * size (sections may turn landscape), with document info, an outline nested
 * by heading level, and link annotations.
 *
 * Invariant: the bytes depend only on the pages and the options. The
 * creation date is always set (cairo would otherwise write the current
 * time), and nothing else in cairo 1.16's PDF output varies between runs.
 */
#define _POSIX_C_SOURCE 200809L /* gmtime_r */

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo-pdf.h>
#include <cairo.h>

#include "alloc.h"
#include "render_backend.h"
#include "render_tag.h"

static void pdf_open(struct pp_render_job *job, double width, double height)
{
	const struct pp_pages *pages = job->pages;
	job->surface =
	    cairo_pdf_surface_create_for_stream(pp_sink_write, &job->sink, width, height);
	if (cairo_surface_status(job->surface) != CAIRO_STATUS_SUCCESS)
		return;
	if (pages->title)
		cairo_pdf_surface_set_metadata(job->surface, CAIRO_PDF_METADATA_TITLE,
		                               pages->title);
	if (pages->author)
		cairo_pdf_surface_set_metadata(job->surface, CAIRO_PDF_METADATA_AUTHOR,
		                               pages->author);
	cairo_pdf_surface_set_metadata(job->surface, CAIRO_PDF_METADATA_CREATOR, "planpress");

	/* ISO 8601 in UTC; cairo turns it into the PDF date form. */
	time_t t = job->opts->creation_time;
	struct tm tm;
	char date[32];
	if (gmtime_r(&t, &tm) && strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm)) {
		cairo_pdf_surface_set_metadata(job->surface, CAIRO_PDF_METADATA_CREATE_DATE,
		                               date);
		cairo_pdf_surface_set_metadata(job->surface, CAIRO_PDF_METADATA_MOD_DATE, date);
	}
}

static void pdf_begin_page(struct pp_render_job *job, size_t index, const struct pp_page *page)
{
	/* Must come before anything is drawn on the page. */
	cairo_pdf_surface_set_size(job->surface, page->width, page->height);
	while (job->next_dest < job->n_dests && (size_t)job->dests[job->next_dest].page < index)
		job->next_dest++;
	while (job->next_dest < job->n_dests &&
	       (size_t)job->dests[job->next_dest].page == index) {
		const struct pp_dest *d = &job->dests[job->next_dest++];
		char *attrs = pp_xasprintf("name='pp-dest-%u' x=0 y=%.3f", d->id, d->y);
		cairo_tag_begin(job->cr, CAIRO_TAG_DEST, attrs);
		cairo_tag_end(job->cr, CAIRO_TAG_DEST);
		free(attrs);
	}
}

static void pdf_end_page(struct pp_render_job *job)
{
	cairo_show_page(job->cr);
}

/*
 * The outline (bookmarks): entries are in document order with levels;
 * each is added under the nearest preceding entry of a lower level, so a
 * level that skips (1 then 3) still nests instead of failing.
 */
static void pdf_close(struct pp_render_job *job)
{
	const struct pp_pages *pages = job->pages;
	int parents[7] = {CAIRO_PDF_OUTLINE_ROOT};
	int levels = 0;
	if (job->count != pages->n_pages)
		return;
	for (size_t i = 0; i < pages->n_outline; i++) {
		const struct pp_outline_entry *e = &pages->outline[i];
		if (!e->title || e->page < 0 || (size_t)e->page >= pages->n_pages)
			continue;
		int level = e->level < 1 ? 1 : e->level > 6 ? 6 : e->level;
		if (level > levels + 1)
			level = levels + 1;
		char *attrs = pp_xasprintf("page=%d pos=[0 %.3f]", e->page + 1, e->y);
		int id = cairo_pdf_surface_add_outline(
		    job->surface, parents[level - 1], e->title, attrs,
		    level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
		free(attrs);
		parents[level] = id;
		levels = level;
	}
}

const struct pp_backend pp_backend_pdf = {
    .name = "pdf",
    .draws_links = 1,
    .tags = 1,
    .post = pp_tag_pdf,
    .open = pdf_open,
    .begin_page = pdf_begin_page,
    .end_page = pdf_end_page,
    .close = pdf_close,
};
