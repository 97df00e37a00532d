/* SPDX-License-Identifier: MIT */
/*
 * render_pdf.h - the PDF backend's document, shared by its files (render
 * stage only): render_pdf.c opens it and holds the canvas, render_pdf_page.c
 * writes page content, render_pdf_text.c glyph runs as text,
 * render_pdf_image.c images, render_pdf_struct.c marks, links and the
 * structure tree, render_pdf_close.c the end of the file. They depend one
 * way: render_pdf.c -> close -> struct, text -> struct, and all -> page.
 */
#ifndef PP_RENDER_PDF_H
#define PP_RENDER_PDF_H

#include <stddef.h>

#include "planpress/layout.h"
#include "pdf_font.h"
#include "pdf_write.h"
#include "render_backend.h"

/* Content of structure node `node` on page `page` (0-based in the file);
 * prev: the node's mark before this one, plus one (0: none). */
struct mark_rec {
	unsigned node, page, mcid, prev;
};

/* A drawn LINK box and its annotation: what the end of the file needs,
 * copied, since a streamed page's boxes are freed once it is drawn. */
struct link_rec {
	double x, y, w, h;
	char *uri;		    /* external, or NULL */
	char *file, *dest;	    /* another PDF and its named destination, or NULL */
	int dest_page;		    /* internal: index into pages->pages */
	char *desc;		    /* its description (link_description) */
	unsigned page, annot, id; /* id: its name's number, pp-dest-<id> */
	unsigned prev;		    /* the node's link before this one, plus one */
	unsigned elem;		    /* its structure element, once written */
};

/* A page of the file: its object and content streams. A streamed page is
 * drawn twice: its body as it is finished, its running header and footer
 * at the end (layout.h), each a content stream of its own. */
struct page_rec {
	unsigned obj;
	unsigned content[2];
	unsigned n_content;
	unsigned mcid; /* the next MCID on the page */
};

/* A named destination: where internal link number `id` goes. */
struct dest_rec {
	int page; /* index into pages->pages */
	double y;
	unsigned id;
};

/* An image file, written once however often it is drawn. */
struct image_rec {
	char *path;
	unsigned obj; /* 0: cannot be drawn */
	int form;     /* a Form XObject (vector SVG) of iw x ih points */
	double iw, ih;
};

/* The structure tree as it is drawn, per node: its element's number once
 * reserved, its last mark and link (plus one; the chains run back through
 * mark_rec.prev and link_rec.prev), and whether it was written before the
 * end (pp_pdf_write_part). */
struct node_rec {
	unsigned obj, mark, link;
	unsigned char done;
};

struct cluster;

/* Graphics state the content stream has set, to skip repeats. */
struct gstate {
	struct pp_rgb fill, stroke;
	int has_fill, has_stroke;
	double line_width; /* < 0: unknown */
	struct pdf_font *font;
	double font_size;
};

struct pdf_doc {
	struct pdf_writer w;
	struct pdf_fonts *fonts;
	unsigned pages_obj, resources;
	struct page_rec *page; /* per page of the file, grown as pages come */
	size_t n_page, cap_page;
	struct pdf_buf c;    /* the current page's content */
	struct pdf_buf elem; /* a structure element being written */
	unsigned mcid;       /* the next MCID on the current page */
	struct gstate gs, saved;
	struct mark_rec *marks;
	size_t n_marks, cap_marks;
	struct link_rec *links;
	size_t n_links, cap_links, page_links; /* the current page's first link */
	struct node_rec *node; /* per structure node id (pp_snode.id) */
	size_t cap_node;
	unsigned loose_links; /* links drawn when there is no root node either */
	unsigned link_ids; /* LINK boxes seen: numbers them as the dests */
	struct dest_rec *dests;
	size_t n_dests, cap_dests;
	char **node_text; /* per TOCI or LINK node: its first text line drawn */
	size_t cap_node_text;
	struct image_rec *images;
	size_t n_images, cap_images;
	struct cluster *cl; /* the clusters of the run being drawn */
	size_t cap_cl;
	long *code;    /* per glyph of that run: its code, -1: not drawn */
	unsigned *gid; /* ... and the glyph the code draws */
	size_t cap_code;
	int hyphen;    /* that run's glyph to draw as an artifact (an inserted
			  hyphen ending it), -1: none */
	/* The tagged box being drawn (NULL: an artifact or none), and how
	 * many turned frames are open: an inserted hyphen is taken out of a
	 * box's marked content only outside them (p_glyphs). */
	const struct pp_box *box;
	int turned;
	/* Where the line being drawn ends: its last run's font, size and pen
	 * (font NULL: nothing drawn yet), whether it ends in white space
	 * or an inserted hyphen already (p_line_end), and the length of the
	 * content when that run's text object ended. */
	struct pdf_font *tail_font;
	double tail_size, tail_x, tail_y;
	int tail_done;
	size_t tail_end;
};


/* render_pdf_page.c: page objects and content-stream operators. */
struct page_rec *pdf_page_of(struct pdf_doc *d, size_t rel);
unsigned pdf_page_obj(struct pdf_doc *d, size_t rel);
void pdf_num(struct pdf_doc *d, double v); /* a number and a space */
/* An operator's text (inline, as pdf_buf_puts). */
static inline void pdf_op(struct pdf_doc *d, const char *s)
{
	pdf_buf_puts(&d->c, s);
}
void pdf_set_fill(struct pdf_doc *d, struct pp_rgb c);
void pdf_poly(struct pp_render_job *job, const double *pts, size_t n,
	      const struct pp_rgb *fill, const struct pp_rgb *stroke, double width);
void pdf_rect(struct pp_render_job *job, double x, double y, double w, double h,
	      const struct pp_rgb *fill, const struct pp_rgb *stroke, double width);
void pdf_line(struct pp_render_job *job, double x0, double y0, double x1, double y1,
	      struct pp_rgb colour, double width);
void pdf_turn_begin(struct pp_render_job *job, double x, double y, double degrees);
void pdf_turn_end(struct pp_render_job *job);
void pdf_begin_page(struct pp_render_job *job, size_t index, const struct pp_page *page);
void pdf_end_page(struct pp_render_job *job);

/* render_pdf_text.c: glyph runs as text. */
void pdf_glyphs(struct pp_render_job *job, const struct pp_glyph_run *r, double x,
		double baseline, struct pp_rgb colour);
void pdf_line_end(struct pp_render_job *job, const struct pp_box *b,
		  const struct pp_line_info *li);

/* render_pdf_image.c: IMAGE boxes (PNG, JPEG and SVG logos). */
void pdf_image(struct pp_render_job *job, const struct pp_box *b);

/* render_pdf_struct.c: marked content, links and the structure tree. */
void pdf_link(struct pp_render_job *job, const struct pp_box *b);
void pdf_mark_begin(struct pp_render_job *job, const struct pp_box *b);
void pdf_mark_end(struct pp_render_job *job);
unsigned pdf_write_structure(struct pp_render_job *job); /* the /StructTreeRoot */

/* render_pdf_close.c: the end of the file; frees the document. */
int pdf_close(struct pp_render_job *job, int ok);

#endif
