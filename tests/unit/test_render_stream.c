/* SPDX-License-Identifier: MIT */
/*
 * test_render_stream.c - a PDF written while layout runs (render.h:
 * pp_render_pdf_begin / _page / _end, fed by pp_layout_document_streamed)
 * is the same document as one rendered from held pages: the same pages,
 * the same text page by page (running footers included, drawn at the end
 * for streamed pages), the same structure tree; it is a valid file; and a
 * write failure part way is reported once and stops the writing. The same
 * holds for every document of every plan in input/ (covers, contents
 * lists, matrices, posters, charts, assessments).
 */
#define _POSIX_C_SOURCE 200809L /* mkstemp, popen */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <dirent.h>

#include "layout_fixture.h"
#include "planpress/parse.h"
#include "planpress/render.h"
#include "planpress/template.h"
#include "support.h"

static struct pp_layout_ctx *ctx;

static char *text(size_t i)
{
	return pp_xasprintf("Update %zu: the board reviewed progress in the quarter and the "
			    "work is on track; the next review is in the spring.",
			    i + 1);
}

static struct pp_doc *long_table(size_t n)
{
	struct pp_doc *d = fx_doc(2);
	fx_priorities(d, 0, n, text, PP_RAG_GREEN);
	fx_priorities(d, 1, n, text, PP_RAG_AMBER);
	fx_table_document(d, PP_LANDSCAPE);
	return d;
}

/* Parts of the structure written early, and so freed by layout. */
static size_t parts_written;

/* The PDF sink, counting the parts it writes early. */
static int counting_closed(void *closure, const struct pp_pages *pages, const struct pp_snode *node)
{
	int written = pp_render_pdf_closed(closure, pages, node);
	parts_written += written == 1;
	return written;
}

static struct pp_page_sink counting_sink(struct pp_pdf_stream *s)
{
	struct pp_page_sink sink = pp_render_pdf_sink(s);
	sink.closed = counting_closed;
	return sink;
}

static const struct pp_render_opts opts = {.format = PP_FORMAT_PDF,
					   .creation_time = 1600000000,
					   .path = "out/plan.pdf"};

/* Render held pages, and the same document streamed. */
static void render_both(struct pp_test_buf *held, struct pp_test_buf *streamed, size_t *n_pages,
			size_t *n_streamed)
{
	struct pp_diags diags;
	pp_diags_init(&diags, NULL);
	struct pp_doc *d = long_table(90);
	struct pp_pages *pages =
	    pp_layout_document(ctx, d, &d->documents[0], pp_test_style("default"), &diags);
	assert_non_null(pages);
	assert_int_equal(pp_render_pdf(pages, &opts, pp_test_buf_write, held, &diags), 0);
	*n_pages = pages->n_pages;
	pp_pages_free(pages);

	struct pp_pdf_stream *s = pp_render_pdf_begin(&opts, pp_test_buf_write, streamed, &diags);
	struct pp_page_sink sink = counting_sink(s);
	parts_written = 0;
	pages = pp_layout_document_streamed(ctx, d, &d->documents[0], pp_test_style("default"),
					    &diags, &sink);
	assert_non_null(pages);
	/* The first theme's 90 rows were written once its pages were and its
	 * theme cell (spanning them all) closed, and freed; the second
	 * theme's wait for the end of the table, which ends the document. */
	assert_int_equal(parts_written, 90);
	*n_streamed = 0;
	for (size_t i = 0; i < pages->n_pages; i++)
		*n_streamed += pages->pages[i].streamed != 0;
	assert_int_equal(pp_render_pdf_end(s, pages), 0);
	assert_int_equal(diags.n_entries, 0);
	pp_pages_free(pages);
	pp_doc_free(d);
	pp_diags_fini(&diags);
}

/* Does `cmd FILE tail` succeed and print the same for files a and b? */
static int same_output(const char *cmd, const char *tail, const char *a, const char *b)
{
	char *ca = pp_xasprintf("%s %s %s", cmd, a, tail);
	char *cb = pp_xasprintf("%s %s %s", cmd, b, tail);
	char *ta = pp_test_output_of(ca), *tb = pp_test_output_of(cb);
	int same = ta && tb && strcmp(ta, tb) == 0;
	free(ca);
	free(cb);
	free(ta);
	free(tb);
	return same;
}


static size_t count(const struct pp_test_buf *m, const char *needle)
{
	size_t n = strlen(needle), k = 0;
	for (size_t i = 0; i + n <= m->len; i++)
		k += memcmp(m->data + i, needle, n) == 0;
	return k;
}

static void test_streamed_equals_held(void **state)
{
	(void)state;
	struct pp_test_buf held = {0}, streamed = {0};
	size_t n_pages, n_streamed;
	render_both(&held, &streamed, &n_pages, &n_streamed);
	assert_true(n_pages > 5);
	/* Every page but the last was written as it was finished. */
	assert_int_equal(n_streamed, n_pages - 1);
	struct pp_test_buf uh = {0}, us = {0}; /* object streams inflated */
	pp_test_pdf_unpack(&held, &uh);
	pp_test_pdf_unpack(&streamed, &us);
	assert_int_equal(count(&uh, "/Type/Page/"), n_pages);
	assert_int_equal(count(&us, "/Type/Page/"), n_pages);
	/* A streamed page's footer is a second content stream of its own. */
	assert_int_equal(count(&us, "/Contents ["), n_pages - 1);
	free(uh.data);
	free(us.data);

	char *a = pp_test_to_file(&held), *b = pp_test_to_file(&streamed);
	char *cmd, *ta, *tb;
	pp_test_need("qpdf", "qpdf --version");
	cmd = pp_xasprintf("qpdf --check %s >/dev/null 2>&1", b);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	/* The same structure tree, element for element. */
	const char *src = pp_test_source_dir();
	pp_test_need("python3", "python3 --version");
	cmd = pp_xasprintf("python3 %s/tests/cli/pdf_structure.py --tree %s", src, a);
	ta = pp_test_output_of(cmd);
	free(cmd);
	cmd = pp_xasprintf("python3 %s/tests/cli/pdf_structure.py --tree %s", src, b);
	tb = pp_test_output_of(cmd);
	free(cmd);
	assert_non_null(ta);
	assert_non_null(tb);
	assert_string_equal(ta, tb);
	free(ta);
	free(tb);
	/* The same text, page by page (form feeds), footers included. */
	ta = pp_test_pdftotext(&held);
	tb = pp_test_pdftotext(&streamed);
	assert_string_equal(ta, tb);
	char *footer = pp_xasprintf("Page %zu of %zu", n_pages - 1, n_pages);
	assert_non_null(strstr(tb, footer));
	free(footer);
	free(ta);
	free(tb);
	unlink(a);
	unlink(b);
	free(a);
	free(b);
	free(held.data);
	free(streamed.data);
}

/* Held and streamed renders of one document give the same PDF text and
 * as many structure elements, marked-content
 * references and annotations. */
static void compare_files(const struct pp_test_buf *held, const struct pp_test_buf *streamed,
			  const char *what)
{
	/* "<</S/" starts each structure element (and each link's action). */
	static const char *const counted[] = {"<</S/", "/Type/MCR", "/Type/Annot"};
	struct pp_test_buf uh = {0}, us = {0}; /* object streams inflated */
	pp_test_pdf_unpack(held, &uh);
	pp_test_pdf_unpack(streamed, &us);
	for (size_t i = 0; i < sizeof counted / sizeof counted[0]; i++)
		if (count(&uh, counted[i]) != count(&us, counted[i]))
			fail_msg("%s: %zu %s held, %zu streamed", what, count(&uh, counted[i]),
				 counted[i], count(&us, counted[i]));
	free(uh.data);
	free(us.data);
	pp_test_need("pdftotext (poppler-utils)", "pdftotext -v");
	pp_test_need("qpdf", "qpdf --version");
	char *a = pp_test_to_file(held), *b = pp_test_to_file(streamed);
	/* The same structure tree, element for element, and it passes the
	 * project's structure checks (tests/cli/pdf_structure.py). */
	char *tree = pp_xasprintf("python3 %s/tests/cli/pdf_structure.py --tree",
				  pp_test_source_dir());
	if (!same_output(tree, "", a, b))
		fail_msg("%s: held and streamed PDFs have different structure trees", what);
	free(tree);
	if (!same_output("pdftotext -raw", "-", a, b))
		fail_msg("%s: held and streamed PDFs give different text", what);
	unlink(a);
	unlink(b);
	free(a);
	free(b);
}

static void test_inputs_streamed_equal_held(void **state)
{
	(void)state;
	const char *src = pp_test_source_dir();
	char *dir = pp_xasprintf("%s/input", src);
	DIR *dp = opendir(dir);
	assert_non_null(dp);
	size_t docs = 0;
	for (struct dirent *e; (e = readdir(dp));) {
		size_t len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 4, ".xml") != 0)
			continue;
		char *path = pp_xasprintf("%s/%s", dir, e->d_name);
		struct pp_diags diags;
		pp_diags_init(&diags, NULL);
		struct pp_doc *doc = pp_parse_file(path, &diags);
		assert_non_null(doc);
		assert_int_equal(pp_check_doc(doc, &diags), 0);
		for (size_t i = 0; i < doc->n_documents; i++) {
			const struct pp_document *d = &doc->documents[i];
			const char *tpl = d->template_name ? d->template_name
				       : doc->template_name ? doc->template_name : "default";
			struct pp_style *style = pp_template_load(tpl, dir, dir, NULL, &diags, NULL);
			assert_non_null(style);
			struct pp_test_buf held = {0}, streamed = {0};
			struct pp_pages *pages = pp_layout_document(ctx, doc, d, style, &diags);
			assert_non_null(pages);
			assert_int_equal(pp_render_pdf(pages, &opts, pp_test_buf_write, &held, &diags), 0);
			pp_pages_free(pages);
			struct pp_pdf_stream *s =
			    pp_render_pdf_begin(&opts, pp_test_buf_write, &streamed, &diags);
			struct pp_page_sink sink = counting_sink(s);
			pages = pp_layout_document_streamed(ctx, doc, d, style, &diags, &sink);
			assert_non_null(pages);
			assert_int_equal(pp_render_pdf_end(s, pages), 0);
			pp_pages_free(pages);
			char *what = pp_xasprintf("%s, document %s", e->d_name, d->id);
			compare_files(&held, &streamed, what);
			free(what);
			free(held.data);
			free(streamed.data);
			pp_template_free(style);
			docs++;
		}
		assert_int_equal(pp_diags_count(&diags, PP_MSG_IO_WRITE), 0);
		pp_doc_free(doc);
		pp_diags_fini(&diags);
		free(path);
	}
	closedir(dp);
	free(dir);
	assert_true(docs >= 5);
}

static void test_write_failure_part_way(void **state)
{
	(void)state;
	struct pp_diags diags;
	pp_diags_init(&diags, NULL);
	struct pp_doc *d = long_table(400);
	/* The first write fails: the writer passes bytes on 64 KiB at a time,
	 * a few pages into this document of several hundred KiB. */
	struct pp_test_buf m = {.fail_after = 1};
	struct pp_pdf_stream *s = pp_render_pdf_begin(&opts, pp_test_buf_write, &m, &diags);
	struct pp_page_sink sink = counting_sink(s);
	struct pp_pages *pages = pp_layout_document_streamed(
	    ctx, d, &d->documents[0], pp_test_style("default"), &diags, &sink);
	assert_non_null(pages);
	/* Layout stopped handing pages over at the failure. */
	size_t n_streamed = 0;
	for (size_t i = 0; i < pages->n_pages; i++)
		n_streamed += pages->pages[i].streamed != 0;
	assert_true(n_streamed < pages->n_pages - 1);
	assert_int_equal(pp_render_pdf_end(s, pages), -1);
	assert_int_equal(pp_diags_count(&diags, PP_MSG_IO_WRITE), 1);
	assert_non_null(strstr(diags.entries[0].text, "out/plan.pdf"));
	assert_non_null(strstr(diags.entries[0].text, pp_errno_text(ENOSPC)));
	assert_int_equal(m.len, 0);
	pp_pages_free(pages);
	pp_doc_free(d);
	pp_diags_fini(&diags);
	free(m.data);
}

/* Layout failed: the stream is dropped and nothing more is written. */
static void test_abort(void **state)
{
	(void)state;
	struct pp_diags diags;
	pp_diags_init(&diags, NULL);
	struct pp_test_buf m = {0};
	struct pp_pdf_stream *s = pp_render_pdf_begin(&opts, pp_test_buf_write, &m, &diags);
	pp_render_pdf_abort(s);
	assert_int_equal(m.len, 0);
	assert_int_equal(diags.n_entries, 0);
	pp_diags_fini(&diags);
	free(m.data);
}

int main(void)
{
	struct pp_diags diags;
	pp_diags_init(&diags, NULL);
	ctx = pp_layout_ctx_new(&diags);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_streamed_equals_held),
		cmocka_unit_test(test_inputs_streamed_equal_held),
		cmocka_unit_test(test_write_failure_part_way),
		cmocka_unit_test(test_abort),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	pp_layout_ctx_free(ctx);
	pp_diags_fini(&diags);
	return rc;
}
