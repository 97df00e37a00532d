/* SPDX-License-Identifier: MIT */
/*
 * render.h - draw laid-out pages as PDF, SVG or PNG with one routine.
 *
 * A backend is a small set of function pointers (open, begin page, end
 * page, close) plus its metadata (PDF outline, links, document info). The
 * drawing of boxes is shared, so a page looks the same in every format.
 * Output goes through a write callback: the caller decides where bytes go
 * (a temporary file renamed on success, memory for tests and fuzzing).
 */
#ifndef PLANPRESS_RENDER_H
#define PLANPRESS_RENDER_H

#include <stddef.h>
#include <time.h>

#include "planpress/diag.h"
#include "planpress/layout.h"

enum pp_format { PP_FORMAT_PDF, PP_FORMAT_SVG, PP_FORMAT_PNG };

/* "pdf" / "svg" / "png" -> format; returns -1 when unknown. */
int pp_format_from_string(const char *s, enum pp_format *out);
const char *pp_format_ext(enum pp_format f); /* "pdf" */

/* Write `len` bytes; return 0 on success, -1 on failure (errno set). */
typedef int (*pp_write_fn)(void *closure, const unsigned char *data, size_t len);

struct pp_render_opts {
	enum pp_format format;
	double png_dpi;	       /* PNG resolution; 0 means 96 */
	time_t creation_time;  /* PDF CreationDate; see pp_render_creation_time */
	const char *path;      /* the file's name in messages ("output/x.pdf"); may be NULL */
};

/*
 * The creation date to record: SOURCE_DATE_EPOCH when set and valid, else
 * `fallback` (the input file's modification time), so the same input gives
 * the same bytes.
 */
time_t pp_render_creation_time(time_t fallback);

/*
 * Render every page into one PDF (outline, links, title, author and
 * creation date included). Returns 0, or -1 after reporting to `diags`.
 */
int pp_render_pdf(const struct pp_pages *pages, const struct pp_render_opts *opts,
		  pp_write_fn write, void *closure, struct pp_diags *diags);

/*
 * A PDF written while layout runs, so a long document is never held
 * whole: begin, then give each page to pp_render_pdf_page() as layout
 * finishes it (a struct pp_page_sink's page(), layout.h), then
 * pp_render_pdf_end() with the finished pages: it draws the pages not
 * drawn yet and the running headers and footers layout added to the
 * others, then writes the structure tree, fonts and cross-references.
 * Each returns 0, or -1 after reporting to `diags` (end and abort free
 * the stream; after an error, end writes nothing more and reports).
 * pp_render_pdf() is begin then end.
 */
struct pp_pdf_stream;
struct pp_pdf_stream *pp_render_pdf_begin(const struct pp_render_opts *opts, pp_write_fn write,
					  void *closure, struct pp_diags *diags);
int pp_render_pdf_page(struct pp_pdf_stream *s, const struct pp_pages *pages, size_t index);
/*
 * A finished part of the structure tree (a struct pp_page_sink's closed(),
 * layout.h): its elements are written now, so layout may free its nodes.
 * Returns 1 when written, 0 when the part stays for the end.
 */
int pp_render_pdf_closed(struct pp_pdf_stream *s, const struct pp_pages *pages,
			 const struct pp_snode *node);
int pp_render_pdf_end(struct pp_pdf_stream *s, const struct pp_pages *pages);
/*
 * The page sink (layout.h) that draws each finished page into `s` and
 * writes each finished part of the structure tree: what
 * pp_layout_document_streamed() takes to write a PDF while laying it out.
 */
struct pp_page_sink pp_render_pdf_sink(struct pp_pdf_stream *s);
/* Stop without finishing the file (layout failed); frees the stream. */
void pp_render_pdf_abort(struct pp_pdf_stream *s);

/*
 * Render page `index` (0-based) alone as an SVG or PNG image, as
 * opts->format says. Returns 0, or -1 after reporting to `diags`.
 */
int pp_render_page(const struct pp_pages *pages, size_t index,
		   const struct pp_render_opts *opts, pp_write_fn write, void *closure,
		   struct pp_diags *diags);

/*
 * Can the renderer draw the image of `len` bytes at `data` (a PNG, or an
 * SVG when `svg`)? Decodes it as drawing would. Returns 0, or -1 with *why
 * set to the reason (malloc'd; caller frees): a template's logo that is
 * not an image is otherwise left out without a word. Call it only on bytes
 * pp_parse_image_vet passed: decoding is bounded only then.
 */
int pp_image_check(const unsigned char *data, size_t len, int svg, char **why);

/* Whether an image file is SVG (by its extension), else PNG. */
int pp_image_is_svg(const char *path);

#endif
