/* SPDX-License-Identifier: MIT */
/*
 * fuzz_template.c - libFuzzer harness for template files: bytes ->
 * pp_template_load_memory -> lay out a fixed small plan (tests/cli/plan.xml)
 * with the loaded style -> an in-memory PDF.
 *
 * Invariant under test: any template ends in reported errors or in a style
 * that lays out and renders, with no crash, undefined behaviour or leak.
 * The plan and layout context are made once per process.
 */
#define _POSIX_C_SOURCE 200809L /* setenv */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "planpress/diag.h"
#include "planpress/layout.h"
#include "planpress/model.h"
#include "planpress/parse.h"
#include "planpress/render.h"
#include "planpress/template.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct pp_layout_ctx *ctx;
static struct pp_doc *plan;

static int sink(void *closure, const unsigned char *data, size_t len)
{
	(void)data;
	*(size_t *)closure += len;
	return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("LC_ALL", "C.UTF-8", 0);
	/* Run from the source tree (make fuzz): the plan and templates are here. */
	const char *src = getenv("PP_SOURCE_DIR");
	char path[4096];
	snprintf(path, sizeof path, "%s/tests/cli/plan.xml", src ? src : ".");
	struct pp_diags d;
	pp_diags_init(&d, stderr);
	ctx = pp_layout_ctx_new(&d);
	plan = pp_parse_file(path, &d);
	if (plan && pp_check_doc(plan, &d) != 0) {
		pp_doc_free(plan);
		plan = NULL;
	}
	pp_diags_fini(&d);
	if (!ctx || !plan) {
		fprintf(stderr, "fuzz_template: cannot load %s (set PP_SOURCE_DIR)\n", path);
		exit(1);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pp_diags diags;
	pp_diags_init(&diags, NULL);
	struct pp_style *style =
	    pp_template_load_memory((const char *)data, size, "fuzz-template.xml", &diags);
	if (style) {
		struct pp_pages *pages =
		    pp_layout_document(ctx, plan, &plan->documents[0], style, &diags);
		if (pages) {
			size_t n = 0;
			struct pp_render_opts ro = {.format = PP_FORMAT_PDF};
			pp_render_pdf(pages, &ro, sink, &n, &diags);
			pp_pages_free(pages);
		}
		pp_template_free(style);
	}
	pp_diags_fini(&diags);
	return 0;
}
