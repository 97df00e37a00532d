/* SPDX-License-Identifier: MIT */
/*
 * render_pdf_struct.c - the structure tree: marked content (MCIDs) as boxes
 * are drawn, link records, and the tree written from the layout's nodes
 * in reading order, a finished part early (pp_pdf_write_part), the rest at
 * the end (docs/accessibility.md).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "pdf_font.h"
#include "pdf_write.h"
#include "render_pdf.h"

/* ---------- links and marks ---------------------------------------------- */

static int valid_node(const struct pp_render_job *job, const struct pp_snode *n)
{
	return n && n->id < job->pages->n_snodes;
}

/* Room in the per-node arrays for node `id`. */
static void grow_nodes(struct pdf_doc *d, unsigned id)
{
	if (id < d->cap_node)
		return;
	size_t old = d->cap_node, cap = old ? old : 1024;
	while (cap <= id)
		cap *= 2;
	d->node = pp_xrealloc(d->node, cap * sizeof *d->node);
	memset(d->node + old, 0, (cap - old) * sizeof *d->node);
	d->cap_node = cap;
}

/* Text a link can be described by: its own, else its node's text. */
static char *link_description(const struct pp_render_job *job, const struct pp_box *b)
{
	const struct pdf_doc *d = job->pdf;
	const struct pp_snode *n = valid_node(job, b->snode) ? b->snode : NULL;
	if (n && n->role == PP_ROLE_LINK && n->alt && *n->alt)
		return pp_xstrdup(n->alt);
	if (n && n->id < d->cap_node_text && d->node_text[n->id])
		return pp_xstrdup(d->node_text[n->id]);
	if (b->uri)
		return pp_xstrdup(b->uri);
	if (b->dest_file)
		return pp_xasprintf("go to %s.pdf", b->dest_file);
	return pp_xasprintf("go to page %d", b->dest_page + 1);
}


void pdf_link(struct pp_render_job *job, const struct pp_box *b)
{
	struct pdf_doc *d = job->pdf;
	unsigned id = d->link_ids++;
	const struct pp_pages *pages = job->pages;
	/* A whole document may link forward to a page not laid out yet. */
	if (!b->uri && !b->dest_file && !(b->dest_page >= 0 && (job->whole || ((size_t)b->dest_page < pages->n_pages &&
							       job->count == pages->n_pages))))
		return; /* a link to a page not in this file (a single-page render) */
	/* A link drawn without a node belongs to the document's root. */
	const struct pp_snode *n = valid_node(job, b->snode)	   ? b->snode
				   : valid_node(job, pages->root) ? pages->root
								  : NULL;
	unsigned *head = &d->loose_links;
	if (n) {
		grow_nodes(d, n->id);
		head = &d->node[n->id].link;
	}
	PP_GROW(d->links, d->n_links + 1, d->cap_links);
	d->links[d->n_links++] = (struct link_rec){
	    .x = b->x, .y = b->y, .w = b->w, .h = b->h,
	    .uri = b->uri ? pp_xstrdup(b->uri) : NULL,
	    .file = b->dest_file ? pp_xasprintf("%s.pdf", b->dest_file) : NULL,
	    .dest = b->dest_file ? pp_ref_dest_name(b->dest_id) : NULL,
	    .dest_page = b->dest_page,
	    .desc = link_description(job, b),
	    .page = (unsigned)(job->page - job->first), .annot = pdf_reserve(&d->w),
	    .id = id, .prev = *head};
	*head = (unsigned)d->n_links;
	if (!b->uri && !b->dest_file) {
		PP_GROW(d->dests, d->n_dests + 1, d->cap_dests);
		d->dests[d->n_dests++] =
		    (struct dest_rec){.page = b->dest_page, .y = b->dest_y, .id = id};
	}
}

/*
 * The first text of a contents entry or link node, for link descriptions
 * (link_description): one line, without a contents entry's dot leaders.
 * Only these roles: a long report has tens of thousands of other nodes.
 */
static void remember_text(struct pdf_doc *d, const struct pp_box *b)
{
	unsigned id = b->snode->id;
	if (b->kind != PP_BOX_TEXT ||
	    (b->snode->role != PP_ROLE_TOCI && b->snode->role != PP_ROLE_LINK))
		return;
	if (id >= d->cap_node_text) {
		size_t old = d->cap_node_text;
		PP_GROW(d->node_text, (size_t)id + 1, d->cap_node_text);
		memset(d->node_text + old, 0, (d->cap_node_text - old) * sizeof *d->node_text);
	}
	if (d->node_text[id])
		return;
	const char *t = pp_box_text(b);
	size_t k = strcspn(t, "\n\t");
	while (k > 0 && (t[k - 1] == ' ' || t[k - 1] == '.'))
		k--;
	if (k > 0)
		d->node_text[id] = pp_xstrndup(t, k);
}

void pdf_mark_begin(struct pp_render_job *job, const struct pp_box *b)
{
	struct pdf_doc *d = job->pdf;
	d->box = NULL;
	if (!valid_node(job, b->snode)) {
		pdf_op(d, "/Artifact BMC\n");
		return;
	}
	d->box = b;
	pdf_buf_put(&d->c, "/", 1);
	pdf_buf_puts(&d->c, pp_role_name(b->snode->role));
	pdf_buf_puts(&d->c, " <</MCID ");
	pdf_buf_uint(&d->c, d->mcid);
	pdf_buf_puts(&d->c, ">> BDC\n");
	unsigned id = b->snode->id;
	grow_nodes(d, id);
	PP_GROW(d->marks, d->n_marks + 1, d->cap_marks);
	d->marks[d->n_marks++] = (struct mark_rec){.node = id,
						   .page = (unsigned)(job->page - job->first),
						   .mcid = d->mcid++,
						   .prev = d->node[id].mark};
	d->node[id].mark = (unsigned)d->n_marks;
	remember_text(d, b);
}

void pdf_mark_end(struct pp_render_job *job)
{
	job->pdf->box = NULL;
	pdf_op(job->pdf, "EMC\n");
}

/* ---------- the structure tree ------------------------------------------ */

static int keeps_empty(enum pp_role r)
{
	/* Table cells keep their place even when empty: a row must cover every column. */
	return r == PP_ROLE_TR || r == PP_ROLE_TH || r == PP_ROLE_TD;
}

/* A chain (mark_rec.prev or link_rec.prev) in drawing order. */
struct chain {
	unsigned *at;
	size_t n, cap;
};

static unsigned mark_prev(const struct pdf_doc *d, unsigned i)
{
	return d->marks[i].prev;
}

static unsigned link_prev(const struct pdf_doc *d, unsigned i)
{
	return d->links[i].prev;
}

/* The indexes along a chain from `head` (plus one), oldest first. */
static void chain_walk(const struct pdf_doc *d, unsigned head,
		       unsigned (*prev)(const struct pdf_doc *, unsigned), struct chain *c)
{
	c->n = 0;
	for (unsigned i = head; i; i = prev(d, i - 1)) {
		PP_GROW(c->at, c->n + 1, c->cap);
		c->at[c->n++] = i - 1;
	}
	for (size_t i = 0; i < c->n / 2; i++) {
		unsigned t = c->at[i];
		c->at[i] = c->at[c->n - 1 - i];
		c->at[c->n - 1 - i] = t;
	}
}

/*
 * Which nodes are in the tree: those with content drawn on these pages,
 * table rows and cells, and their ancestors; each gets its element's
 * number (kept if reserved already). A part written before the end
 * counts as it was then.
 */
static int place(const struct pp_render_job *job, const struct pp_snode *n)
{
	struct pdf_doc *d = job->pdf;
	if (d->node[n->id].done)
		return d->node[n->id].obj != 0;
	int content = d->node[n->id].mark || d->node[n->id].link;
	for (size_t i = 0; i < n->n_children; i++)
		if (valid_node(job, n->children[i]) && place(job, n->children[i]))
			content = 1;
	if (!content && !keeps_empty(n->role) && n != job->pages->root)
		return 0;
	if (!d->node[n->id].obj)
		d->node[n->id].obj = pdf_reserve(&d->w);
	return 1;
}

static void put_alt(struct pdf_buf *b, const char *key, const char *s)
{
	if (s && *s) {
		pdf_buf_puts(b, key);
		pdf_buf_text(b, s);
	}
}

/*
 * Element `self` for node n (NULL: a made-up Document) with marks and
 * links `marks_head` / `links_head`, then its own Link elements and its
 * children not written yet. Scratch chains are passed down to be reused.
 *
 * An element is a report's most numerous object (one per table cell), so
 * it holds only what says something: no /Type, which ISO 32000-1 Table 323
 * makes optional for a structure element (a marked-content or object
 * reference keeps its /Type/MCR or /Type/OBJR, which Tables 324 and 325
 * require), and a cell's attribute object only when it has an attribute.
 */
static void write_elem(const struct pp_render_job *job, const struct pp_snode *n, unsigned self,
		       unsigned parent, unsigned marks_head, unsigned links_head,
		       struct chain *marks, struct chain *links)
{
	struct pdf_doc *d = job->pdf;
	struct pdf_buf *b = &d->elem; /* reused: written out before any child uses it */
	enum pp_role role = n ? n->role : PP_ROLE_DOCUMENT;
	b->len = 0;
	pdf_buf_puts(b, "<</S/");
	pdf_buf_puts(b, pp_role_name(role));
	pdf_buf_puts(b, "/P ");
	pdf_buf_ref(b, parent);
	chain_walk(d, marks_head, mark_prev, marks);
	unsigned pg = marks->n ? d->marks[marks->at[0]].page : 0;
	if (marks->n) {
		pdf_buf_puts(b, "/Pg ");
		pdf_buf_ref(b, pdf_page_obj(d, pg));
	}
	pdf_buf_puts(b, "/K[");
	for (size_t i = 0; i < marks->n; i++) {
		const struct mark_rec *m = &d->marks[marks->at[i]];
		if (m->page == pg) {
			pdf_buf_uint(b, m->mcid);
		} else {
			pdf_buf_puts(b, "<</Type/MCR/Pg ");
			pdf_buf_ref(b, pdf_page_obj(d, m->page));
			pdf_buf_puts(b, "/MCID ");
			pdf_buf_uint(b, m->mcid);
			pdf_buf_puts(b, ">>");
		}
		pdf_buf_put(b, " ", 1);
	}
	/* A link is an OBJR of its own LINK node, else a Link element of its own. */
	chain_walk(d, links_head, link_prev, links);
	char *link_alt = NULL;
	for (size_t i = 0; i < links->n; i++) {
		struct link_rec *l = &d->links[links->at[i]];
		if (n && n->role == PP_ROLE_LINK) {
			l->elem = self;
			pdf_buf_puts(b, "<</Type/OBJR/Obj ");
			pdf_buf_ref(b, l->annot);
			pdf_buf_puts(b, "/Pg ");
			pdf_buf_ref(b, pdf_page_obj(d, l->page));
			pdf_buf_puts(b, ">> ");
			if (!link_alt)
				link_alt = pp_xstrdup(l->desc);
		} else {
			l->elem = pdf_reserve(&d->w);
			pdf_buf_ref(b, l->elem);
			pdf_buf_put(b, " ", 1);
		}
	}
	for (size_t i = 0; n && i < n->n_children; i++) {
		const struct pp_snode *c = n->children[i];
		if (valid_node(job, c) && d->node[c->id].obj) {
			pdf_buf_ref(b, d->node[c->id].obj);
			pdf_buf_put(b, " ", 1);
		}
	}
	if (b->data[b->len - 1] == ' ')
		b->len--;
	pdf_buf_puts(b, "]");
	if (n && (role == PP_ROLE_TH ||
		  (role == PP_ROLE_TD && (n->row_span > 1 || n->col_span > 1)))) {
		pdf_buf_puts(b, "/A<</O/Table");
		if (role == PP_ROLE_TH)
			pdf_buf_puts(b, n->scope == PP_SCOPE_ROW ? "/Scope/Row" : "/Scope/Column");
		if (n->row_span > 1) {
			pdf_buf_puts(b, "/RowSpan ");
			pdf_buf_uint(b, n->row_span);
		}
		if (n->col_span > 1) {
			pdf_buf_puts(b, "/ColSpan ");
			pdf_buf_uint(b, n->col_span);
		}
		pdf_buf_puts(b, ">>");
	}
	/* Figures, links, and matrix cells whose mark is a shape ("aligned"). */
	if (n && n->alt && *n->alt)
		put_alt(b, "/Alt", n->alt);
	else
		put_alt(b, "/Alt", link_alt);
	free(link_alt);
	if (n)
		put_alt(b, "/Lang", n->lang);
	pdf_buf_puts(b, ">>");
	pdf_obj_begin(&d->w, self);
	pdf_put_buf(&d->w, b);
	pdf_obj_end(&d->w);

	/* This node's own Link elements, then its children. */
	for (size_t i = 0; i < links->n; i++) {
		const struct link_rec *l = &d->links[links->at[i]];
		if (l->elem == self)
			continue;
		b->len = 0;
		pdf_buf_puts(b, "<</S/Link/P ");
		pdf_buf_ref(b, self);
		pdf_buf_puts(b, "/K[<</Type/OBJR/Obj ");
		pdf_buf_ref(b, l->annot);
		pdf_buf_puts(b, "/Pg ");
		pdf_buf_ref(b, pdf_page_obj(d, l->page));
		pdf_buf_puts(b, ">>]");
		put_alt(b, "/Alt", l->desc);
		pdf_buf_puts(b, ">>");
		pdf_obj_begin(&d->w, l->elem);
		pdf_put_buf(&d->w, b);
		pdf_obj_end(&d->w);
	}
	for (size_t i = 0; n && i < n->n_children; i++) {
		const struct pp_snode *c = n->children[i];
		if (valid_node(job, c) && d->node[c->id].obj && !d->node[c->id].done)
			write_elem(job, c, d->node[c->id].obj, self, d->node[c->id].mark,
				   d->node[c->id].link, marks, links);
	}
}

/*
 * Write a finished part of the tree now, so its nodes can be freed
 * (pp_page_sink.closed): every page with its content has been drawn.
 * Its parent's element number is reserved now, to be written at the end.
 * Returns 1 when the part is written (or has nothing to write), 0 to keep it.
 */
int pp_pdf_write_part(struct pp_render_job *job, const struct pp_snode *n)
{
	struct pdf_doc *d = job->pdf;
	if (!d || !valid_node(job, n) || !valid_node(job, n->parent) || n == job->pages->root)
		return 0;
	grow_nodes(d, job->pages->n_snodes);
	if (d->node[n->id].done || d->node[n->parent->id].done)
		return 0;
	if (place(job, n)) {
		if (!d->node[n->parent->id].obj)
			d->node[n->parent->id].obj = pdf_reserve(&d->w);
		struct chain marks = {0}, links = {0};
		write_elem(job, n, d->node[n->id].obj, d->node[n->parent->id].obj,
			   d->node[n->id].mark, d->node[n->id].link, &marks, &links);
		free(marks.at);
		free(links.at);
	}
	d->node[n->id].done = 1;
	return 1;
}

/*
 * The structure tree root, its elements not written yet, and the parent
 * tree. Returns the StructTreeRoot's number.
 */
unsigned pdf_write_structure(struct pp_render_job *job)
{
	struct pdf_doc *d = job->pdf;
	const struct pp_pages *pages = job->pages;
	grow_nodes(d, pages->n_snodes);
	const struct pp_snode *top = valid_node(job, pages->root) ? pages->root : NULL;
	unsigned tree = pdf_reserve(&d->w), ptree = pdf_reserve(&d->w);
	unsigned root_obj;
	struct chain marks = {0}, links = {0};
	if (top) {
		place(job, top);
		root_obj = d->node[top->id].obj;
		write_elem(job, top, root_obj, tree, d->node[top->id].mark,
			   d->node[top->id].link, &marks, &links);
	} else {
		root_obj = pdf_reserve(&d->w);
		write_elem(job, NULL, root_obj, tree, 0, d->loose_links, &marks, &links);
	}
	free(marks.at);
	free(links.at);

	/* The parent tree: page i's MCIDs, then each annotation's element.
	 * Marks by page, in drawing order within a page, which is MCID
	 * order (a streamed page's running header and footer are drawn at
	 * the very end, and continue its MCIDs). */
	unsigned *at = pp_xcalloc(job->count + 2, sizeof *at);
	unsigned *order = pp_xmalloc((d->n_marks + 1) * sizeof *order);
	for (size_t i = 0; i < d->n_marks; i++)
		if (d->marks[i].page < job->count)
			at[d->marks[i].page + 1]++;
	for (size_t i = 0; i < job->count; i++)
		at[i + 1] += at[i];
	for (size_t i = 0; i < d->n_marks; i++)
		if (d->marks[i].page < job->count)
			order[at[d->marks[i].page]++] = (unsigned)i;
	struct pdf_buf b = {0};
	pdf_buf_puts(&b, "<</Nums[");
	size_t m = 0;
	for (size_t i = 0; i < job->count; i++) {
		pdf_buf_uint(&b, i);
		pdf_buf_put(&b, "[", 1);
		for (int first = 1; m < at[i]; m++, first = 0) {
			unsigned o = d->node[d->marks[order[m]].node].obj;
			if (!first)
				pdf_buf_put(&b, " ", 1);
			if (o)
				pdf_buf_ref(&b, o);
			else
				pdf_buf_puts(&b, "null");
		}
		pdf_buf_puts(&b, "]\n");
	}
	free(at);
	free(order);
	for (size_t k = 0; k < d->n_links; k++)
		pdf_buf_printf(&b, "%zu %u 0 R\n", job->count + k, d->links[k].elem);
	pdf_buf_puts(&b, "]>>");
	pdf_obj_begin(&d->w, ptree);
	pdf_put_buf(&d->w, &b);
	pdf_obj_end(&d->w);
	pdf_buf_free(&b);

	pdf_obj_begin(&d->w, tree);
	pdf_printf(&d->w, "<</Type/StructTreeRoot/K %u 0 R/ParentTree %u 0 R/ParentTreeNextKey %zu>>",
		   root_obj, ptree, job->count + d->n_links);
	pdf_obj_end(&d->w);
	return tree;
}
