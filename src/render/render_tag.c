/* SPDX-License-Identifier: MIT */
/*
 * render_tag.c - the tagged-PDF post-pass over cairo's output (see
 * render_tag.h for why it exists), written with qpdf's C API.
 *
 * Invariant: every painting operator in the result is inside marked
 * content that is either an MCID of exactly one structure element or an
 * /Artifact, and the structure tree is the layout's tree in its order.
 * If cairo's markers do not pair one-to-one with the logged boxes, the
 * pass fails rather than write a tree that points at the wrong text.
 *
 * What cairo 1.16 writes, and this pass relies on (checked, not assumed:
 * a mismatch fails): each cairo_tag_begin() of a structure tag writes the
 * line "/Name << /MCID n >> BDC" into the page's content stream, in
 * drawing order, even around nothing; each link tag also makes one /Link
 * annotation, appended to the page's /Annots in the same order.
 */
#include "render_tag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <pango/pango.h>
#include <qpdf/qpdf-c.h>

#include "alloc.h"

/* The marker name: any standard structure type does; it is rewritten. */
#define MARKER "Span"

int pp_membuf_write(void *closure, const unsigned char *data, size_t len)
{
	struct pp_membuf *m = closure;
	PP_GROW(m->data, m->len + len, m->cap);
	memcpy(m->data + m->len, data, len);
	m->len += len;
	return 0;
}

static void log_mark(struct pp_render_job *job, size_t page, const struct pp_box *b)
{
	PP_GROW(job->marks, job->n_marks + 1, job->cap_marks);
	job->marks[job->n_marks++] = (struct pp_mark){.page = page, .box = b};
}

void pp_tag_mark_begin(struct pp_render_job *job, size_t page, const struct pp_box *b)
{
	log_mark(job, page, b);
	cairo_tag_begin(job->cr, MARKER, NULL);
}

void pp_tag_mark_end(struct pp_render_job *job)
{
	cairo_tag_end(job->cr, MARKER);
}

void pp_tag_mark_link(struct pp_render_job *job, size_t page, const struct pp_box *b)
{
	log_mark(job, page, b);
}

/* ---------- the post-pass ------------------------------------------------ */

/* Where one structure node's content went. */
struct node_refs {
	qpdf_oh elem;      /* its StructElem (indirect), 0 until made */
	qpdf_oh kids;      /* array of MCRs, then OBJRs */
	int has_content;   /* kids holds anything */
	const struct pp_box *text; /* a TEXT box of it, to describe its links */
};

struct pass {
	qpdf_data q;
	const struct pp_render_job *job;
	struct node_refs *refs; /* indexed by pp_snode.id */
	qpdf_oh nums;           /* the parent tree's /Nums */
	int next_key;           /* the next parent tree key */
	int next_id;            /* the next free object number */
	char *why;
};

static void fail(struct pass *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(struct pass *p, const char *fmt, ...)
{
	if (p->why)
		return;
	va_list ap;
	va_start(ap, fmt);
	char buf[512];
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	p->why = pp_xstrdup(buf);
}

/*
 * An indirect object numbered past cairo's own. qpdf_make_indirect_object
 * would first load every object of the file to find a free number (cairo's
 * own structure tree, discarded here, is most of them); placing the object
 * at a number known to be free loads nothing, and the writer renumbers
 * objects in the order it reaches them either way.
 */
static qpdf_oh indirect(struct pass *p, qpdf_oh direct)
{
	int id = p->next_id++;
	qpdf_replace_object(p->q, id, 0, direct);
	qpdf_oh_release(p->q, direct);
	return qpdf_get_object_by_id(p->q, id, 0);
}

/* qpdf reports errors through the handle; turn one into our message. */
static int qpdf_failed(struct pass *p)
{
	if (!qpdf_has_error(p->q))
		return p->why != NULL;
	qpdf_error e = qpdf_get_error(p->q);
	fail(p, "tagging the PDF: %s", e ? qpdf_get_error_full_text(p->q, e) : "qpdf error");
	return 1;
}

static qpdf_oh name(struct pass *p, const char *n)
{
	return qpdf_oh_new_name(p->q, n);
}

static void set(struct pass *p, qpdf_oh dict, const char *key, qpdf_oh value)
{
	qpdf_oh_replace_key(p->q, dict, key, value);
}

/*
 * The C API keeps every handle until it is released: a value made only to
 * be stored (a name, a number, a new dictionary) is released once stored,
 * so a long document does not hold a million handles (memory and time).
 */
static void put(struct pass *p, qpdf_oh dict, const char *key, qpdf_oh value)
{
	qpdf_oh_replace_key(p->q, dict, key, value);
	qpdf_oh_release(p->q, value);
}

static void append_new(struct pass *p, qpdf_oh array, qpdf_oh value)
{
	qpdf_oh_append_item(p->q, array, value);
	qpdf_oh_release(p->q, value);
}

static const char *role_name(const struct pp_snode *n)
{
	return pp_role_name(n->role);
}

/*
 * The structure element of node `n`, made on first use, so content can be
 * attached while the content streams are read and the tree is linked
 * afterwards.
 */
static struct node_refs *refs_of(struct pass *p, const struct pp_snode *n)
{
	struct node_refs *r = &p->refs[n->id];
	if (!r->elem) {
		qpdf_oh d = qpdf_oh_new_dictionary(p->q);
		put(p, d, "/Type", name(p, "/StructElem"));
		char s[32];
		snprintf(s, sizeof s, "/%s", role_name(n));
		put(p, d, "/S", name(p, s));
		r->elem = indirect(p, d);
		r->kids = qpdf_oh_new_array(p->q);
	}
	return r;
}

/* Text a link can be described by: its own, else its node's text. */
static char *link_description(struct pass *p, const struct pp_box *b)
{
	const struct pp_snode *n = b->snode;
	if (n && n->role == PP_ROLE_LINK && n->alt && *n->alt)
		return pp_xstrdup(n->alt);
	if (n && p->refs[n->id].text) {
		const char *t = pp_box_text(p->refs[n->id].text);
		if (t && *t) {
			/* One line of it, without the dot leaders of a contents entry. */
			size_t k = strcspn(t, "\n\t");
			while (k > 0 && (t[k - 1] == ' ' || t[k - 1] == '.'))
				k--;
			if (k > 0)
				return pp_xstrndup(t, k);
		}
	}
	if (b->uri)
		return pp_xstrdup(b->uri);
	return pp_xasprintf("go to page %d", b->dest_page + 1);
}

/*
 * Rewrite one page's markers. Lines "/Span << /MCID n >> BDC" pair with the
 * page's marks in order: content becomes "/<Role> <</MCID k>> BDC" with k
 * counted afresh, artifacts and link markers (which enclose nothing)
 * become "/Artifact BMC". Their EMC lines stay as cairo wrote them.
 */
static void rewrite_page(struct pass *p, qpdf_oh page, int key, const struct pp_mark *marks,
			 size_t n_marks)
{
	unsigned char *data = NULL;
	size_t len = 0;
	if (qpdf_oh_get_page_content_data(p->q, page, &data, &len) != QPDF_SUCCESS ||
	    qpdf_failed(p)) {
		free(data);
		fail(p, "tagging the PDF: cannot read page %d's content", key + 1);
		return;
	}
	struct pp_membuf out = {0};
	qpdf_oh parents = qpdf_oh_new_array(p->q); /* MCID -> element */
	size_t next = 0;
	int mcid = 0;
	const unsigned char *s = data, *end = data + len;
	while (s < end) {
		const unsigned char *nl = memchr(s, '\n', (size_t)(end - s));
		const unsigned char *eol = nl ? nl + 1 : end;
		int n = 0, consumed = 0;
		size_t ll = (size_t)(eol - s);
		char line[64];
		if (ll < sizeof line && s[0] == '/') {
			memcpy(line, s, ll);
			line[ll] = '\0';
			if (sscanf(line, "/" MARKER " << /MCID %d >> BDC%n", &n, &consumed) == 1 &&
			    (line[consumed] == '\n' || line[consumed] == '\0'))
				consumed = 1;
			else if (sscanf(line, "/Link << /MCID %d >> BDC%n", &n, &consumed) == 1 &&
				 (line[consumed] == '\n' || line[consumed] == '\0'))
				consumed = 1;
			else
				consumed = 0;
		}
		if (!consumed) {
			pp_membuf_write(&out, s, ll);
			s = eol;
			continue;
		}
		if (next >= n_marks) {
			fail(p, "tagging the PDF: page %d has more marked content than boxes",
			     key + 1);
			break;
		}
		const struct pp_box *b = marks[next++].box;
		if (b->snode && b->snode->id >= p->job->pages->n_snodes) {
			fail(p, "tagging the PDF: a box's structure node is not in the tree");
			break;
		}
		char *rep;
		if (b->kind != PP_BOX_LINK && b->snode) {
			struct node_refs *r = refs_of(p, b->snode);
			qpdf_oh mcr = qpdf_oh_new_dictionary(p->q);
			put(p, mcr, "/Type", name(p, "/MCR"));
			set(p, mcr, "/Pg", page);
			put(p, mcr, "/MCID", qpdf_oh_new_integer(p->q, mcid));
			append_new(p, r->kids, mcr);
			qpdf_oh_append_item(p->q, parents, r->elem);
			r->has_content = 1;
			if (b->kind == PP_BOX_TEXT && !r->text)
				p->refs[b->snode->id].text = b;
			rep = pp_xasprintf("/%s <</MCID %d>> BDC\n", role_name(b->snode), mcid++);
		} else {
			rep = pp_xstrdup("/Artifact BMC\n");
		}
		pp_membuf_write(&out, (const unsigned char *)rep, strlen(rep));
		free(rep);
		s = eol;
	}
	free(data);
	if (!p->why && next != n_marks)
		fail(p, "tagging the PDF: page %d has %zu boxes but %zu marked contents", key + 1,
		     n_marks, next);
	if (!p->why) {
		/* cairo writes one content stream per page: its data is
		 * replaced in place (a new stream would be a new object). */
		qpdf_oh stream = qpdf_oh_get_key(p->q, page, "/Contents");
		if (!qpdf_oh_is_stream(p->q, stream)) {
			qpdf_oh_release(p->q, stream);
			stream = qpdf_oh_new_stream(p->q);
			set(p, page, "/Contents", stream);
		}
		qpdf_oh_replace_stream_data(p->q, stream, out.data, out.len,
					    qpdf_oh_new_null(p->q), qpdf_oh_new_null(p->q));
		qpdf_oh_release(p->q, stream);
		put(p, page, "/StructParents", qpdf_oh_new_integer(p->q, key));
		append_new(p, p->nums, qpdf_oh_new_integer(p->q, key));
		append_new(p, p->nums, parents);
	}
	free(out.data);
}

/*
 * A page's link annotations, in cairo's order, pair with its LINK marks.
 * Each gets a description (/Contents), a parent tree key, and an object
 * reference from a Link element: the link's own node, or a Link made
 * under the node the link belongs to (a contents entry).
 */
static void tag_links(struct pass *p, qpdf_oh page, int pageno, const struct pp_mark *marks,
		      size_t n_marks, qpdf_oh root_elem)
{
	qpdf_oh annots = qpdf_oh_get_key(p->q, page, "/Annots");
	int n = qpdf_oh_is_array(p->q, annots) ? qpdf_oh_get_array_n_items(p->q, annots) : 0;
	size_t next = 0;
	int any = 0;
	for (int i = 0; i < n && !p->why; i++) {
		qpdf_oh a = qpdf_oh_get_array_item(p->q, annots, i);
		if (!qpdf_oh_is_name_and_equals(p->q, qpdf_oh_get_key(p->q, a, "/Subtype"),
						"/Link"))
			continue;
		while (next < n_marks && marks[next].box->kind != PP_BOX_LINK)
			next++;
		if (next >= n_marks) {
			fail(p, "tagging the PDF: page %d has more links than link boxes",
			     pageno + 1);
			return;
		}
		const struct pp_box *b = marks[next++].box;
		if (b->snode && b->snode->id >= p->job->pages->n_snodes) {
			fail(p, "tagging the PDF: a link's structure node is not in the tree");
			return;
		}
		char *desc = link_description(p, b);
		put(p, a, "/Contents", qpdf_oh_new_unicode_string(p->q, desc));

		qpdf_oh link;
		if (b->snode && b->snode->role == PP_ROLE_LINK) {
			link = refs_of(p, b->snode)->elem;
			p->refs[b->snode->id].has_content = 1;
		} else {
			/* A Link element of its own under the box's node. */
			qpdf_oh d = qpdf_oh_new_dictionary(p->q);
			put(p, d, "/Type", name(p, "/StructElem"));
			put(p, d, "/S", name(p, "/Link"));
			link = indirect(p, d);
			put(p, link, "/K", qpdf_oh_new_array(p->q));
			qpdf_oh parent = b->snode ? refs_of(p, b->snode)->elem : root_elem;
			set(p, link, "/P", parent);
			qpdf_oh kids = b->snode ? p->refs[b->snode->id].kids
						: qpdf_oh_get_key(p->q, root_elem, "/K");
			qpdf_oh_append_item(p->q, kids, link);
			if (b->snode)
				p->refs[b->snode->id].has_content = 1;
		}
		put(p, link, "/Alt", qpdf_oh_new_unicode_string(p->q, desc));
		free(desc);
		qpdf_oh objr = qpdf_oh_new_dictionary(p->q);
		put(p, objr, "/Type", name(p, "/OBJR"));
		set(p, objr, "/Obj", a);
		set(p, objr, "/Pg", page);
		qpdf_oh lk = (b->snode && b->snode->role == PP_ROLE_LINK)
				 ? p->refs[b->snode->id].kids
				 : qpdf_oh_get_key(p->q, link, "/K");
		append_new(p, lk, objr);

		int key = p->next_key++;
		put(p, a, "/StructParent", qpdf_oh_new_integer(p->q, key));
		append_new(p, p->nums, qpdf_oh_new_integer(p->q, key));
		qpdf_oh_append_item(p->q, p->nums, link);
		any = 1;
	}
	if (any)
		put(p, page, "/Tabs", name(p, "/S"));
}

/* Table cells keep their place even when empty: a row must cover every column. */
static int keeps_empty(enum pp_role r)
{
	return r == PP_ROLE_TR || r == PP_ROLE_TH || r == PP_ROLE_TD;
}

static qpdf_oh table_attrs(struct pass *p, const struct pp_snode *n)
{
	qpdf_oh a = qpdf_oh_new_dictionary(p->q);
	put(p, a, "/O", name(p, "/Table"));
	if (n->role == PP_ROLE_TH)
		put(p, a, "/Scope", name(p, n->scope == PP_SCOPE_ROW ? "/Row" : "/Column"));
	if (n->row_span > 1)
		put(p, a, "/RowSpan", qpdf_oh_new_integer(p->q, n->row_span));
	if (n->col_span > 1)
		put(p, a, "/ColSpan", qpdf_oh_new_integer(p->q, n->col_span));
	return a;
}

/*
 * Link node `n` and its subtree under `parent`: its content first, then
 * its children in reading order. Returns whether it is in the tree (nodes
 * with nothing drawn on the rendered pages are left out).
 */
static int build(struct pass *p, const struct pp_snode *n, qpdf_oh parent)
{
	struct node_refs *r = refs_of(p, n);
	for (size_t i = 0; i < n->n_children; i++)
		if (build(p, n->children[i], r->elem)) {
			qpdf_oh_append_item(p->q, r->kids, p->refs[n->children[i]->id].elem);
			r->has_content = 1;
		}
	if (!r->has_content && !keeps_empty(n->role))
		return 0;
	set(p, r->elem, "/P", parent);
	set(p, r->elem, "/K", r->kids);
	if (n->role == PP_ROLE_TH || n->role == PP_ROLE_TD)
		put(p, r->elem, "/A", table_attrs(p, n));
	/* Figures, links, and matrix cells whose mark is a shape ("aligned"). */
	if (n->alt && *n->alt)
		put(p, r->elem, "/Alt", qpdf_oh_new_unicode_string(p->q, n->alt));
	if (n->lang && *n->lang)
		put(p, r->elem, "/Lang", qpdf_oh_new_unicode_string(p->q, n->lang));
	return 1;
}

/* Text for XML: & < > " escaped. */
static void xml_text(struct pp_membuf *m, const char *s)
{
	for (; *s; s++) {
		const char *e = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;"
			       : *s == '"' ? "&quot;" : NULL;
		if (e)
			pp_membuf_write(m, (const unsigned char *)e, strlen(e));
		else
			pp_membuf_write(m, (const unsigned char *)s, 1);
	}
}

static void xml_put(struct pp_membuf *m, const char *s)
{
	pp_membuf_write(m, (const unsigned char *)s, strlen(s));
}

/* XMP with what PDF/UA asks for: dc:title, dc:creator and pdfuaid:part 1. */
static void add_xmp(struct pass *p, qpdf_oh catalog, const char *title, const char *author,
		    const char *lang)
{
	struct pp_membuf m = {0};
	xml_put(&m, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
		    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
		    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
		    "<rdf:Description rdf:about=\"\"\n"
		    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
		    " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
		    " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
		    " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
		    "<dc:format>application/pdf</dc:format>\n"
		    "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
	xml_text(&m, title);
	xml_put(&m, "</rdf:li></rdf:Alt></dc:title>\n");
	if (author) {
		xml_put(&m, "<dc:creator><rdf:Seq><rdf:li>");
		xml_text(&m, author);
		xml_put(&m, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	xml_put(&m, "<dc:language><rdf:Bag><rdf:li>");
	xml_text(&m, lang);
	xml_put(&m, "</rdf:li></rdf:Bag></dc:language>\n"
		    "<xmp:CreatorTool>planpress</xmp:CreatorTool>\n"
		    "<pdfuaid:part>1</pdfuaid:part>\n"
		    "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
		    "<?xpacket end=\"w\"?>\n");
	qpdf_oh s = qpdf_oh_new_stream(p->q);
	qpdf_oh_replace_stream_data(p->q, s, m.data, m.len, qpdf_oh_new_null(p->q),
				    qpdf_oh_new_null(p->q));
	qpdf_oh d = qpdf_oh_get_dict(p->q, s);
	put(p, d, "/Type", name(p, "/Metadata"));
	put(p, d, "/Subtype", name(p, "/XML"));
	set(p, catalog, "/Metadata", s);
	free(m.data);
}

int pp_tag_pdf(const struct pp_render_job *job, const unsigned char *in, size_t len,
	       unsigned char **out, size_t *out_len, char **why)
{
	const struct pp_pages *pages = job->pages;
	struct pass p = {.q = qpdf_init(), .job = job};
	p.refs = pp_xcalloc(pages->n_snodes ? pages->n_snodes : 1, sizeof *p.refs);
	*out = NULL;
	*out_len = 0;
	qpdf_silence_errors(p.q);
	qpdf_set_suppress_warnings(p.q, QPDF_TRUE);
	if (qpdf_read_memory(p.q, "cairo's PDF", (const char *)in, (unsigned long long)len,
			     NULL) &
	    QPDF_ERRORS)
		qpdf_failed(&p);
	if (!p.why && qpdf_get_num_pages(p.q) != (int)job->count)
		fail(&p, "tagging the PDF: %d pages written, %zu drawn",
		     qpdf_get_num_pages(p.q), job->count);

	qpdf_oh size = qpdf_oh_get_key(p.q, qpdf_get_trailer(p.q), "/Size");
	p.next_id = qpdf_oh_is_integer(p.q, size) ? qpdf_oh_get_int_value_as_int(p.q, size) : 0;
	if (!p.why && p.next_id <= 0)
		fail(&p, "tagging the PDF: cairo's PDF has no object count");
	qpdf_oh catalog = qpdf_get_root(p.q);
	p.nums = qpdf_oh_new_array(p.q);
	p.next_key = (int)job->count;

	/* The document element first, so links outside any node can hang on it.
	 * Pages made without a tree (tests) get an empty Document. */
	struct node_refs doc = {0}, *root = &doc;
	if (pages->root && pages->root->id < pages->n_snodes) {
		root = refs_of(&p, pages->root);
	} else {
		qpdf_oh d = qpdf_oh_new_dictionary(p.q);
		put(&p, d, "/Type", name(&p, "/StructElem"));
		put(&p, d, "/S", name(&p, "/Document"));
		doc.elem = indirect(&p, d);
		doc.kids = qpdf_oh_new_array(p.q);
	}
	const struct pp_snode *top = root == &doc ? NULL : pages->root;

	/* Content, page by page; the marks are in page order. */
	size_t m = 0;
	for (size_t i = 0; i < job->count && !p.why; i++) {
		size_t first = m;
		while (m < job->n_marks && job->marks[m].page == job->first + i)
			m++;
		qpdf_oh page = qpdf_get_page_n(p.q, i);
		rewrite_page(&p, page, (int)i, job->marks + first, m - first);
		qpdf_oh_release(p.q, page);
	}
	if (!p.why && m != job->n_marks)
		fail(&p, "tagging the PDF: %zu boxes logged on pages not drawn", job->n_marks - m);

	/* Links need the text found above for their descriptions. */
	set(&p, root->elem, "/K", root->kids);
	m = 0;
	for (size_t i = 0; i < job->count && !p.why; i++) {
		size_t first = m;
		while (m < job->n_marks && job->marks[m].page == job->first + i)
			m++;
		qpdf_oh page = qpdf_get_page_n(p.q, i);
		tag_links(&p, page, (int)i, job->marks + first, m - first, root->elem);
		qpdf_oh_release(p.q, page);
	}

	if (!p.why) {
		qpdf_oh tree = indirect(&p, qpdf_oh_new_dictionary(p.q));
		put(&p, tree, "/Type", name(&p, "/StructTreeRoot"));
		/* Children of the document node follow the links hung on it. */
		for (size_t i = 0; top && i < top->n_children; i++)
			if (build(&p, top->children[i], root->elem))
				qpdf_oh_append_item(p.q, root->kids,
						    p.refs[top->children[i]->id].elem);
		set(&p, root->elem, "/P", tree);
		set(&p, root->elem, "/K", root->kids);
		if (top && top->lang && *top->lang)
			put(&p, root->elem, "/Lang", qpdf_oh_new_unicode_string(p.q, top->lang));
		set(&p, tree, "/K", root->elem);
		qpdf_oh ptree = qpdf_oh_new_dictionary(p.q);
		set(&p, ptree, "/Nums", p.nums);
		set(&p, tree, "/ParentTree", indirect(&p, ptree));
		put(&p, tree, "/ParentTreeNextKey", qpdf_oh_new_integer(p.q, p.next_key));
		set(&p, catalog, "/StructTreeRoot", tree);

		qpdf_oh mark = qpdf_oh_new_dictionary(p.q);
		put(&p, mark, "/Marked", qpdf_oh_new_bool(p.q, QPDF_TRUE));
		set(&p, catalog, "/MarkInfo", mark);
		const char *lang = pages->lang && *pages->lang ? pages->lang : "en-GB";
		put(&p, catalog, "/Lang", qpdf_oh_new_unicode_string(p.q, lang));
		qpdf_oh vp = qpdf_oh_new_dictionary(p.q);
		put(&p, vp, "/DisplayDocTitle", qpdf_oh_new_bool(p.q, QPDF_TRUE));
		set(&p, catalog, "/ViewerPreferences", vp);

		/* A document always has a title: the viewer shows it, not the file name. */
		const char *title =
		    pages->title && *pages->title ? pages->title : "Untitled document";
		qpdf_oh info = qpdf_oh_get_key(p.q, qpdf_get_trailer(p.q), "/Info");
		if (qpdf_oh_is_dictionary(p.q, info))
			put(&p, info, "/Title", qpdf_oh_new_unicode_string(p.q, title));
		add_xmp(&p, catalog, title, pages->author, lang);
		qpdf_failed(&p);
	}

	if (!p.why) {
		qpdf_init_write_memory(p.q);
		/* The same input gives the same bytes: the /ID is a digest. */
		qpdf_set_deterministic_ID(p.q, QPDF_TRUE);
		qpdf_set_compress_streams(p.q, QPDF_TRUE);
		if (qpdf_write(p.q) & QPDF_ERRORS)
			qpdf_failed(&p);
		else if (!qpdf_failed(&p)) {
			*out_len = qpdf_get_buffer_length(p.q);
			*out = pp_xmalloc(*out_len ? *out_len : 1);
			memcpy(*out, qpdf_get_buffer(p.q), *out_len);
		}
	}
	free(p.refs);
	qpdf_cleanup(&p.q);
	*why = p.why;
	return p.why ? -1 : 0;
}
