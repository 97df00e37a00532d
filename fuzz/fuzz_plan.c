/* SPDX-License-Identifier: MIT */
/*
 * fuzz_plan.c - libFuzzer harness: bytes -> parse -> check -> layout of
 * every document -> an in-memory PDF and the first page as PNG, or (inputs
 * of odd length) a PDF written page by page while layout runs, as the
 * command writes a document whose only file is its PDF.
 *
 * Invariant under test: any input ends either in reported errors or in
 * rendered bytes, with no crash, no undefined behaviour, no leak and no
 * hang. And the one-pass reader (parse_stream.c) agrees with the
 * whole-tree parse: both refuse the input, or both give the same model. The layout context (fontconfig, Pango) is made once per process,
 * as the command does once per run.
 */
#define _POSIX_C_SOURCE 200809L /* setenv */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_support.h"
#include "planpress/diag.h"
#include "planpress/layout.h"
#include "planpress/model.h"
#include "planpress/parse.h"
#include "planpress/render.h"
#include "planpress/style.h"
#include "planpress/template.h"

#include "../src/parse/parse_int.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct pp_layout_ctx *ctx;

static char *model_text(const struct pp_doc *doc)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		abort();
	pp_model_dump(doc, f);
	fclose(f);
	return text;
}

/* The reader and the whole tree must agree; anything else is a finding. */
static void compare_with_tree(const uint8_t *data, size_t size, const struct pp_doc *doc)
{
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	struct pp_doc *tree = pp_parse_memory_tree((const char *)data, size, "fuzz.xml", &d);
	if (!tree != !doc) {
		fprintf(stderr, "fuzz_plan: the reader %s the input, the tree %s it\n",
			doc ? "accepted" : "refused", tree ? "accepted" : "refused");
		abort();
	}
	if (doc) {
		char *a = model_text(doc), *b = model_text(tree);
		if (strcmp(a, b) != 0) {
			fprintf(stderr, "fuzz_plan: the reader's model differs from the tree's\n");
			abort();
		}
		free(a);
		free(b);
	}
	pp_doc_free(tree);
	pp_diags_fini(&d);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* The tests' pinned fonts, when run from the build tree by make fuzz. */
	setenv("LC_ALL", "C.UTF-8", 0);
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	ctx = pp_layout_ctx_new(&d);
	pp_diags_fini(&d);
	return ctx ? 0 : 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pp_diags diags;
	pp_diags_init(&diags, NULL);
	struct pp_doc *doc = pp_parse_memory((const char *)data, size, "fuzz.xml", &diags);
	compare_with_tree(data, size, doc);
	if (!doc || pp_check_doc(doc, &diags) != 0)
		goto out;

	/* Documents are few in real plans; cap the work per input. */
	for (size_t i = 0; i < doc->n_documents && i < 4; i++) {
		const struct pp_document *d = &doc->documents[i];
		const struct pp_style *style = fuzz_shipped_style(d->template_name);
		size_t n = 0;
		struct pp_render_opts ro = {.format = PP_FORMAT_PDF, .png_dpi = 24};
		struct pp_pages *pages;
		if (size % 2) {
			/* As the command writes a document that is only a PDF:
			 * pages drawn and freed while layout runs. */
			struct pp_pdf_stream *s = pp_render_pdf_begin(&ro, fuzz_sink, &n, &diags);
			struct pp_page_sink ps = pp_render_pdf_sink(s);
			pages = pp_layout_document_streamed(ctx, doc, d, style, &diags, &ps);
			if (!pages) {
				pp_render_pdf_abort(s);
				continue;
			}
			pp_render_pdf_end(s, pages);
			pp_pages_free(pages);
			continue;
		}
		pages = pp_layout_document(ctx, doc, d, style, &diags);
		if (!pages)
			continue;
		pp_render_pdf(pages, &ro, fuzz_sink, &n, &diags);
		if (pages->n_pages > 0) {
			ro.format = PP_FORMAT_PNG;
			pp_render_page(pages, 0, &ro, fuzz_sink, &n, &diags);
		}
		pp_pages_free(pages);
	}
out:
	pp_doc_free(doc);
	pp_diags_fini(&diags);
	return 0;
}
