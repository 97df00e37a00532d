/* SPDX-License-Identifier: MIT */
/*
 * render_tag.h - tagged PDF (PDF/UA-1) for the PDF backend (render stage
 * only).
 *
 * cairo 1.16 can write marked content but not what PDF/UA needs around it
 * (artifacts, language, alternative text, header scope, XMP, viewer
 * preferences), and it accepts only standard structure names, so a tag
 * cannot say which box it holds. So render uses cairo's tags only as
 * markers: every drawn box is wrapped in one tag, in drawing order, and the
 * order is logged here (struct pp_mark). After cairo has finished, the
 * post-pass (pp_tag_pdf, built on the qpdf library) walks each page's
 * content stream, pairs the n-th marker with the n-th logged box, and
 * rewrites it: boxes with a structure node become marked content with an
 * MCID of that node's element, boxes without one become /Artifact. It then
 * replaces cairo's structure tree with one built from the layout's tree
 * (struct pp_snode), so reading order is the document's, a table split
 * over pages is one Table, and repeated header rows, which layout made
 * artifacts, are read once.
 */
#ifndef PP_RENDER_TAG_H
#define PP_RENDER_TAG_H

#include <stddef.h>

#include "render_backend.h"

/* A growable byte buffer: where cairo's PDF goes before the post-pass. */
struct pp_membuf {
	unsigned char *data;
	size_t len, cap;
};

/* A pp_write_fn appending to a struct pp_membuf. */
int pp_membuf_write(void *closure, const unsigned char *data, size_t len);

/*
 * Open a marker around box `b` of page `page` (an index into job->pages),
 * drawn next; close it with pp_tag_mark_end() after the box is drawn.
 * LINK boxes are not wrapped: cairo's own link tag is the marker, logged
 * with pp_tag_mark_link() just before it.
 */
void pp_tag_mark_begin(struct pp_render_job *job, size_t page, const struct pp_box *b);
void pp_tag_mark_end(struct pp_render_job *job);
void pp_tag_mark_link(struct pp_render_job *job, size_t page, const struct pp_box *b);

/*
 * The post-pass: read cairo's PDF (`in`, `len` bytes), rewrite markers and
 * structure as above, and add /MarkInfo, /Lang, /ViewerPreferences
 * /DisplayDocTitle, XMP metadata (title, creator, pdfuaid:part 1), /Tabs /S
 * and link descriptions. On success returns 0 and *out (free() it) holds
 * *out_len bytes. On failure returns -1 and *why (free() it) says why in
 * lower case: qpdf's message, or markers that do not match the log, a bug.
 */
int pp_tag_pdf(const struct pp_render_job *job, const unsigned char *in, size_t len,
	       unsigned char **out, size_t *out_len, char **why);

#endif
