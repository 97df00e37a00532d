/* SPDX-License-Identifier: MIT */
/*
 * render_pdf_close.c - the end of the file: page objects with their
 * content streams and link annotations, the outline, named destinations,
 * XMP and document info, fonts, then the cross-reference; the document is
 * freed whether or not it was finished.
 */
#define _POSIX_C_SOURCE 200809L /* gmtime_r */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alloc.h"
#include "pdf_font.h"
#include "pdf_write.h"
#include "render_pdf.h"

static void doc_free(struct pdf_doc *d)
{
	if (!d)
		return;
	pdf_writer_fini(&d->w);
	pdf_fonts_free(d->fonts);
	pdf_buf_free(&d->c);
	pdf_buf_free(&d->elem);
	free(d->page);
	free(d->marks);
	for (size_t i = 0; i < d->n_links; i++) {
		free(d->links[i].uri);
		free(d->links[i].file);
		free(d->links[i].dest);
		free(d->links[i].desc);
	}
	free(d->links);
	free(d->dests);
	for (size_t i = 0; i < d->cap_node_text; i++)
		free(d->node_text[i]);
	free(d->node_text);
	free(d->node);
	free(d->cl);
	free(d->code);
	free(d->gid);
	for (size_t i = 0; i < d->n_images; i++)
		free(d->images[i].path);
	free(d->images);
	free(d);
}

/* Every page object, with its content streams and link annotations. */
static void write_pages(struct pp_render_job *job)
{
	struct pdf_doc *d = job->pdf;
	/* The links of each page: their indexes, grouped by page in order. */
	size_t *at = pp_xcalloc(job->count + 1, sizeof *at);
	size_t *by_page = pp_xcalloc(d->n_links + 1, sizeof *by_page);
	for (size_t k = 0; k < d->n_links; k++)
		if (d->links[k].page < job->count)
			at[d->links[k].page + 1]++;
	for (size_t i = 0; i < job->count; i++)
		at[i + 1] += at[i];
	size_t *fill = pp_xcalloc(job->count + 1, sizeof *fill);
	for (size_t k = 0; k < d->n_links; k++)
		if (d->links[k].page < job->count)
			by_page[at[d->links[k].page] + fill[d->links[k].page]++] = k;
	struct pdf_buf b = {0};
	for (size_t rel = 0; rel < job->count; rel++) {
		const struct pp_page *pg = &job->pages->pages[job->first + rel];
		struct page_rec *pr = pdf_page_of(d, rel);
		b.len = 0;
		pdf_buf_printf(&b, "<</Type/Page/Parent %u 0 R/MediaBox [0 0 ", d->pages_obj);
		pdf_buf_num(&b, pg->width);
		pdf_buf_put(&b, " ", 1);
		pdf_buf_num(&b, pg->height);
		pdf_buf_printf(&b, "]/Resources %u 0 R/Contents ", d->resources);
		if (pr->n_content == 1)
			pdf_buf_printf(&b, "%u 0 R", pr->content[0]);
		else if (pr->n_content == 2)
			pdf_buf_printf(&b, "[%u 0 R %u 0 R]", pr->content[0], pr->content[1]);
		else
			pdf_buf_puts(&b, "[]");
		pdf_buf_printf(&b, "/StructParents %zu/Tabs/S", rel);
		if (at[rel + 1] > at[rel]) {
			pdf_buf_puts(&b, "/Annots [");
			for (size_t i = at[rel]; i < at[rel + 1]; i++)
				pdf_buf_printf(&b, "%s%u 0 R", i > at[rel] ? " " : "",
					       d->links[by_page[i]].annot);
			pdf_buf_puts(&b, "]");
		}
		pdf_buf_puts(&b, ">>");
		pdf_obj_begin(&d->w, pr->obj);
		pdf_put_buf(&d->w, &b);
		pdf_obj_end(&d->w);
	}
	pdf_buf_free(&b);
	free(fill);
	free(by_page);
	free(at);
}

/* ---------- the end of the file ------------------------------------------ */

/* A byte string as a literal: ( ) \ escaped, other bytes outside ASCII as octal. */
static void literal(struct pdf_buf *b, const char *s)
{
	pdf_buf_put(b, "(", 1);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '(' || *p == ')' || *p == '\\')
			pdf_buf_printf(b, "\\%c", *p);
		else if (*p < 0x20 || *p >= 0x7F)
			pdf_buf_printf(b, "\\%03o", *p);
		else
			pdf_buf_put(b, p, 1);
	}
	pdf_buf_put(b, ")", 1);
}

static void write_annots(struct pp_render_job *job)
{
	struct pdf_doc *d = job->pdf;
	for (size_t k = 0; k < d->n_links; k++) {
		const struct link_rec *l = &d->links[k];
		double ph = job->pages->pages[job->first + l->page].height;
		struct pdf_buf a = {0};
		pdf_buf_puts(&a, "<</Type/Annot/Subtype/Link/Rect[");
		double r[4] = {l->x, ph - l->y - l->h, l->x + l->w, ph - l->y};
		for (int i = 0; i < 4; i++) {
			if (i)
				pdf_buf_put(&a, " ", 1);
			pdf_buf_num(&a, r[i]);
		}
		pdf_buf_printf(&a, "]/Border[0 0 0]/P %u 0 R", pdf_page_obj(d, l->page));
		if (l->uri) {
			pdf_buf_puts(&a, "/A<</S/URI/URI");
			literal(&a, l->uri);
			pdf_buf_puts(&a, ">>");
		} else if (l->file) {
			/* a part of another document of the plan: its PDF, beside */
			pdf_buf_puts(&a, "/A<</S/GoToR/F");
			literal(&a, l->file);
			pdf_buf_puts(&a, "/D");
			literal(&a, l->dest);
			pdf_buf_puts(&a, "/NewWindow false>>");
		} else if ((size_t)l->dest_page < job->pages->n_pages) {
			pdf_buf_printf(&a, "/Dest(pp-dest-%u)", l->id);
		}
		pdf_buf_puts(&a, "/Contents");
		pdf_buf_text(&a, l->desc);
		pdf_buf_printf(&a, "/StructParent %zu>>", job->count + k);
		pdf_obj_begin(&d->w, l->annot);
		pdf_put_buf(&d->w, &a);
		pdf_obj_end(&d->w);
		pdf_buf_free(&a);
	}
}

/*
 * The outline (bookmarks): entries are in document order with levels;
 * each is added under the nearest preceding entry of a lower level, so a
 * level that skips (1 then 3) still nests instead of failing. Top-level
 * entries are open. Returns the /Outlines number, or 0 when empty.
 */
struct ol_item {
	const struct pp_outline_entry *e;
	int parent, first, last, prev, next, kids;
	unsigned obj;
};

static unsigned write_outline(struct pp_render_job *job)
{
	struct pdf_doc *d = job->pdf;
	const struct pp_pages *pages = job->pages;
	if (job->count != pages->n_pages || pages->n_outline == 0)
		return 0;
	struct ol_item *it = pp_xcalloc(pages->n_outline + 1, sizeof *it);
	size_t n = 1; /* item 0 is the root */
	it[0] = (struct ol_item){.parent = -1, .first = -1, .last = -1, .prev = -1, .next = -1};
	int parents[7] = {0};
	int levels = 0;
	for (size_t i = 0; i < pages->n_outline; i++) {
		const struct pp_outline_entry *e = &pages->outline[i];
		if (!e->title || e->page < 0 || (size_t)e->page >= pages->n_pages)
			continue;
		int level = e->level < 1 ? 1 : e->level > 6 ? 6 : e->level;
		if (level > levels + 1)
			level = levels + 1;
		int p = parents[level - 1], self = (int)n++;
		it[self] = (struct ol_item){.e = e, .parent = p, .first = -1, .last = -1,
					    .prev = it[p].last, .next = -1};
		if (it[p].last >= 0)
			it[it[p].last].next = self;
		else
			it[p].first = self;
		it[p].last = self;
		it[p].kids++;
		parents[level] = self;
		levels = level;
	}
	if (n == 1) {
		free(it);
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		it[i].obj = pdf_reserve(&d->w);
	/* Visible entries: the root's children and those of open (top) ones. */
	int visible = it[0].kids;
	for (int c = it[0].first; c >= 0; c = it[c].next)
		visible += it[c].kids;
	for (size_t i = 0; i < n; i++) {
		struct pdf_buf b = {0};
		const struct ol_item *o = &it[i];
		if (i == 0) {
			pdf_buf_puts(&b, "<</Type/Outlines");
		} else {
			pdf_buf_puts(&b, "<</Title");
			pdf_buf_text(&b, o->e->title);
			double h = pages->pages[o->e->page].height;
			pdf_buf_printf(&b, "/Parent %u 0 R/Dest[%u 0 R/XYZ 0 ", it[o->parent].obj,
				       pdf_page_obj(d, o->e->page));
			pdf_buf_num(&b, h - o->e->y);
			pdf_buf_puts(&b, " 0]");
			if (o->prev >= 0)
				pdf_buf_printf(&b, "/Prev %u 0 R", it[o->prev].obj);
			if (o->next >= 0)
				pdf_buf_printf(&b, "/Next %u 0 R", it[o->next].obj);
		}
		if (o->first >= 0)
			pdf_buf_printf(&b, "/First %u 0 R/Last %u 0 R", it[o->first].obj,
				       it[o->last].obj);
		if (i == 0)
			pdf_buf_printf(&b, "/Count %d", visible);
		else if (o->kids)
			pdf_buf_printf(&b, "/Count %d", o->parent == 0 ? o->kids : -o->kids);
		pdf_buf_puts(&b, ">>");
		pdf_obj_begin(&d->w, it[i].obj);
		pdf_put_buf(&d->w, &b);
		pdf_obj_end(&d->w);
		pdf_buf_free(&b);
	}
	unsigned root = it[0].obj;
	free(it);
	return root;
}

struct named {
	char *name; /* owned */
	int page;
	double y;
};

static int named_cmp(const void *a, const void *b)
{
	return strcmp(((const struct named *)a)->name, ((const struct named *)b)->name);
}

/*
 * The /Dests name tree (one node, names sorted as PDF requires), or 0:
 * this file's links (pp-dest-N) and the parts other documents of the
 * plan link to (pp_ref_dest_name).
 */
static unsigned write_dests(struct pp_render_job *job)
{
	struct pdf_doc *d = job->pdf;
	const struct pp_pages *pages = job->pages;
	struct named *nm = pp_xcalloc(d->n_dests + pages->n_named + 1, sizeof *nm);
	size_t n = 0;
	for (size_t i = 0; i < d->n_dests; i++) {
		if (d->dests[i].page < 0 || (size_t)d->dests[i].page >= job->count)
			continue; /* past the last page (write_annots gives it no /Dest) */
		nm[n++] = (struct named){ pp_xasprintf("pp-dest-%u", d->dests[i].id),
					  d->dests[i].page, d->dests[i].y };
	}
	for (size_t i = 0; i < pages->n_named; i++)
		if (pages->named[i].page >= 0 && (size_t)pages->named[i].page < job->count)
			nm[n++] = (struct named){ pp_ref_dest_name(pages->named[i].id),
						  pages->named[i].page, pages->named[i].y };
	unsigned obj = 0;
	if (n == 0)
		goto out;
	qsort(nm, n, sizeof *nm, named_cmp);
	struct pdf_buf b = {0};
	pdf_buf_puts(&b, "<</Names[");
	for (size_t i = 0; i < n; i++) {
		literal(&b, nm[i].name);
		pdf_buf_printf(&b, "[%u 0 R/XYZ 0 ", pdf_page_obj(d, (unsigned)nm[i].page));
		pdf_buf_num(&b, pages->pages[nm[i].page].height - nm[i].y);
		pdf_buf_puts(&b, " 0]\n");
	}
	pdf_buf_puts(&b, "]/Limits[");
	literal(&b, nm[0].name);
	literal(&b, nm[n - 1].name);
	pdf_buf_puts(&b, "]>>");
	obj = pdf_reserve(&d->w);
	pdf_obj_begin(&d->w, obj);
	pdf_put_buf(&d->w, &b);
	pdf_obj_end(&d->w);
	pdf_buf_free(&b);
out:
	for (size_t i = 0; i < n; i++)
		free(nm[i].name);
	free(nm);
	return obj;
}

/* Text for XML: & < > " escaped. */
static void xml_text(struct pdf_buf *m, const char *s)
{
	for (; *s; s++) {
		const char *e = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;"
			      : *s == '"' ? "&quot;" : NULL;
		if (e)
			pdf_buf_puts(m, e);
		else
			pdf_buf_put(m, s, 1);
	}
}

/* XMP with what PDF/UA asks for: dc:title, dc:creator and pdfuaid:part 1. */
static unsigned write_xmp(struct pdf_doc *d, const char *title, const char *author,
			  const char *lang, const char *date)
{
	struct pdf_buf m = {0};
	pdf_buf_puts(&m, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
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
	pdf_buf_puts(&m, "</rdf:li></rdf:Alt></dc:title>\n");
	if (author) {
		pdf_buf_puts(&m, "<dc:creator><rdf:Seq><rdf:li>");
		xml_text(&m, author);
		pdf_buf_puts(&m, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	pdf_buf_puts(&m, "<dc:language><rdf:Bag><rdf:li>");
	xml_text(&m, lang);
	pdf_buf_puts(&m, "</rdf:li></rdf:Bag></dc:language>\n"
			 "<xmp:CreatorTool>planpress</xmp:CreatorTool>\n");
	if (*date)
		pdf_buf_printf(&m, "<xmp:CreateDate>%s</xmp:CreateDate>\n"
				   "<xmp:ModifyDate>%s</xmp:ModifyDate>\n",
			       date, date);
	pdf_buf_puts(&m, "<pdf:Producer>planpress</pdf:Producer>\n"
			 "<pdfuaid:part>1</pdfuaid:part>\n"
			 "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
			 "<?xpacket end=\"w\"?>\n");
	unsigned obj = pdf_reserve(&d->w);
	/* Uncompressed: metadata readers need not inflate it. */
	pdf_stream(&d->w, obj, "/Type/Metadata/Subtype/XML", m.data, m.len, 0);
	pdf_buf_free(&m);
	return obj;
}

int pdf_close(struct pp_render_job *job, int ok)
{
	struct pdf_doc *d = job->pdf;
	const struct pp_pages *pages = job->pages;
	int rc = -1;
	if (!ok || !d)
		goto out;
	write_pages(job);
	write_annots(job);
	unsigned tree = pdf_write_structure(job);
	pdf_fonts_write(d->fonts, &d->w);

	struct pdf_buf b = {0};
	pdf_buf_puts(&b, "<</Font<<");
	pdf_fonts_resources(d->fonts, &b);
	pdf_buf_puts(&b, ">>");
	if (d->n_images) {
		pdf_buf_puts(&b, "/XObject<<");
		for (size_t i = 0; i < d->n_images; i++)
			if (d->images[i].obj)
				pdf_buf_printf(&b, "/Im%u %u 0 R", d->images[i].obj,
					       d->images[i].obj);
		pdf_buf_puts(&b, ">>");
	}
	pdf_buf_puts(&b, "/ProcSet[/PDF/Text/ImageB/ImageC/ImageI]>>");
	pdf_obj_begin(&d->w, d->resources);
	pdf_put_buf(&d->w, &b);
	pdf_obj_end(&d->w);
	b.len = 0;

	pdf_buf_printf(&b, "<</Type/Pages/Count %zu/Kids[", job->count);
	for (size_t i = 0; i < job->count; i++)
		pdf_buf_printf(&b, i % 10 == 9 ? "%u 0 R\n" : "%u 0 R ", pdf_page_obj(d, i));
	pdf_buf_puts(&b, "]>>");
	pdf_obj_begin(&d->w, d->pages_obj);
	pdf_put_buf(&d->w, &b);
	pdf_obj_end(&d->w);
	b.len = 0;

	unsigned outline = write_outline(job), dests = write_dests(job);

	/* A document always has a title: the viewer shows it, not the file name. */
	const char *title = pages->title && *pages->title ? pages->title : "Untitled document";
	const char *lang = pages->lang && *pages->lang ? pages->lang : "en-GB";
	time_t t = job->opts->creation_time;
	struct tm tm;
	char pdfdate[32] = "", isodate[32] = "";
	if (gmtime_r(&t, &tm)) {
		strftime(pdfdate, sizeof pdfdate, "D:%Y%m%d%H%M%SZ", &tm);
		strftime(isodate, sizeof isodate, "%Y-%m-%dT%H:%M:%SZ", &tm);
	}
	unsigned xmp = write_xmp(d, title, pages->author, lang, isodate);

	unsigned info = pdf_reserve(&d->w);
	pdf_buf_puts(&b, "<</Title");
	pdf_buf_text(&b, title);
	if (pages->author) {
		pdf_buf_puts(&b, "/Author");
		pdf_buf_text(&b, pages->author);
	}
	pdf_buf_puts(&b, "/Creator(planpress)/Producer(planpress)");
	if (*pdfdate)
		pdf_buf_printf(&b, "/CreationDate(%s)/ModDate(%s)", pdfdate, pdfdate);
	pdf_buf_puts(&b, ">>");
	pdf_obj_begin(&d->w, info);
	pdf_put_buf(&d->w, &b);
	pdf_obj_end(&d->w);
	b.len = 0;

	unsigned catalog = pdf_reserve(&d->w);
	pdf_buf_printf(&b, "<</Type/Catalog/Pages %u 0 R/StructTreeRoot %u 0 R"
			   "/MarkInfo<</Marked true>>/Lang",
		       d->pages_obj, tree);
	pdf_buf_text(&b, lang);
	pdf_buf_printf(&b, "/ViewerPreferences<</DisplayDocTitle true>>/Metadata %u 0 R", xmp);
	if (outline)
		pdf_buf_printf(&b, "/Outlines %u 0 R/PageMode/UseOutlines", outline);
	if (dests)
		pdf_buf_printf(&b, "/Names<</Dests %u 0 R>>", dests);
	pdf_buf_puts(&b, ">>");
	pdf_obj_begin(&d->w, catalog);
	pdf_put_buf(&d->w, &b);
	pdf_obj_end(&d->w);
	pdf_buf_free(&b);

	rc = pdf_finish(&d->w, catalog, info);
out:
	if (d && d->w.failed) {
		job->sink.failed = 1;
		job->sink.err = d->w.err;
	}
	doc_free(d);
	job->pdf = NULL;
	return rc;
}
