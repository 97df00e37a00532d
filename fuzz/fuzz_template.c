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

#include "fuzz_support.h"
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

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("LC_ALL", "C.UTF-8", 0);
	/* Run from the source tree (make fuzz): the plan and templates are here. */
	plan = fuzz_load_small_plan("fuzz_template", &ctx);
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
			pp_render_pdf(pages, &ro, fuzz_sink, &n, &diags);
			pp_pages_free(pages);
		}
		pp_template_free(style);
	}
	pp_diags_fini(&diags);
	return 0;
}
