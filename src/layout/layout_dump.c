/* SPDX-License-Identifier: MIT */
/*
 * layout_dump.c - pages as stable text: every box with its kind, position
 * (to 0.01 pt), structure role ("artifact" when it has none) and, for TEXT
 * boxes, exactly the lines drawn. Goldens compare this byte for byte, so
 * the format only ever grows.
 */
#include <stdio.h>
#include <string.h>

#include "layout_int.h"

static void rgb(FILE *out, const char *name, const struct pp_rgb *c)
{
	fprintf(out, " %s=#%02x%02x%02x", name, (unsigned)(c->r * 255 + 0.5),
		(unsigned)(c->g * 255 + 0.5), (unsigned)(c->b * 255 + 0.5));
}

static void role(FILE *out, const struct pp_snode *n)
{
	if (n)
		fprintf(out, " %s#%u", pp_role_name(n->role), n->id);
	else
		fputs(" artifact", out);
}

static void dump_line(const struct pp_box *b, const struct pp_line_info *li, void *closure)
{
	const char *text = pp_box_text(b) + li->start;
	int len = li->length;
	/* Without the break or spaces that end a line. */
	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == ' '))
		len--;
	fprintf(closure, "    | %.*s\n", len, text);
}

void pp_layout_dump(const struct pp_pages *pages, FILE *out)
{
	for (size_t i = 0; i < pages->n_pages; i++) {
		const struct pp_page *p = &pages->pages[i];
		fprintf(out, "page %zu %.2fx%.2f\n", i + 1, p->width, p->height);
		for (size_t k = 0; k < p->n_boxes; k++) {
			const struct pp_box *b = &p->boxes[k];
			switch (b->kind) {
			case PP_BOX_TEXT: {
				fprintf(out, "  text %.2f %.2f %.2f %.2f", b->x, b->y, b->w, b->h);
				role(out, b->snode);
				if (b->rotation != 0)
					fprintf(out, " rotate=%g", b->rotation);
				fputc('\n', out);
				pp_box_each_line(b, dump_line, out);
				break;
			}
			case PP_BOX_RECT:
				fprintf(out, "  rect %.2f %.2f %.2f %.2f", b->x, b->y, b->w, b->h);
				role(out, b->snode);
				if (b->has_fill)
					rgb(out, "fill", &b->fill);
				if (b->has_stroke) {
					rgb(out, "stroke", &b->stroke);
					fprintf(out, " width=%.2f", b->stroke_width);
				}
				fputc('\n', out);
				break;
			case PP_BOX_LINE:
				fprintf(out, "  line %.2f %.2f %.2f %.2f", b->x, b->y, b->x2, b->y2);
				role(out, b->snode);
				rgb(out, "stroke", &b->stroke);
				fprintf(out, " width=%.2f\n", b->line_width);
				break;
			case PP_BOX_POLY:
				fprintf(out, "  poly %.2f %.2f %.2f %.2f n=%zu", b->x, b->y, b->w, b->h,
					b->n_pts);
				role(out, b->snode);
				if (b->has_fill)
					rgb(out, "fill", &b->fill);
				if (b->has_stroke) {
					rgb(out, "stroke", &b->stroke);
					fprintf(out, " width=%.2f", b->stroke_width);
				}
				fputc('\n', out);
				break;
			case PP_BOX_LINK:
				fprintf(out, "  link %.2f %.2f %.2f %.2f", b->x, b->y, b->w, b->h);
				role(out, b->snode);
				if (b->uri)
					fprintf(out, " uri=\"%s\"", b->uri);
				else if (b->dest_file)
					fprintf(out, " file=\"%s.pdf\" dest=\"%s\"", b->dest_file,
						b->dest_id);
				else
					fprintf(out, " page=%d y=%.2f", b->dest_page + 1, b->dest_y);
				fputc('\n', out);
				break;
			case PP_BOX_IMAGE: {
				/* the file's name only: dumps do not depend on where the tree is */
				const char *slash = b->image ? strrchr(b->image, '/') : NULL;
				fprintf(out, "  image %.2f %.2f %.2f %.2f", b->x, b->y, b->w, b->h);
				role(out, b->snode);
				fprintf(out, " file=\"%s\"\n",
					slash ? slash + 1 : b->image ? b->image : "");
				break;
			}
			}
		}
	}
	for (size_t i = 0; i < pages->n_outline; i++) {
		const struct pp_outline_entry *o = &pages->outline[i];
		fprintf(out, "outline %d page %d y %.2f \"%s\"\n", o->level, o->page + 1, o->y,
			o->title);
	}
	for (size_t i = 0; i < pages->n_named; i++)
		fprintf(out, "destination \"%s\" page %d y %.2f\n", pages->named[i].id,
			pages->named[i].page + 1, pages->named[i].y);
}
