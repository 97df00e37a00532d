/* SPDX-License-Identifier: MIT */
/*
 * fuzz_support.h - what the libFuzzer harnesses share (header only: each
 * harness is one translation unit): a write callback that discards a
 * rendered file, the fixed small plan the template and pattern harnesses
 * lay out, and the shipped templates by name.
 */
#ifndef PP_FUZZ_SUPPORT_H
#define PP_FUZZ_SUPPORT_H

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planpress/diag.h"
#include "planpress/layout.h"
#include "planpress/model.h"
#include "planpress/parse.h"
#include "planpress/style.h"
#include "planpress/template.h"

/* A pp_write_fn that discards the bytes; it counts them into the size_t
 * at `closure` so the writes are not optimised away. */
static inline int fuzz_sink(void *closure, const unsigned char *data, size_t len)
{
	(void)data;
	*(size_t *)closure += len;
	return 0;
}

/*
 * tests/cli/plan.xml under PP_SOURCE_DIR (make fuzz runs from the source
 * tree), parsed and checked, and a layout context in *ctx. Exits with a
 * message naming `harness` when either cannot be had.
 */
static inline struct pp_doc *fuzz_load_small_plan(const char *harness, struct pp_layout_ctx **ctx)
{
	const char *src = getenv("PP_SOURCE_DIR");
	char path[4096];
	snprintf(path, sizeof path, "%s/tests/cli/plan.xml", src ? src : ".");
	struct pp_diags d;
	pp_diags_init(&d, stderr);
	*ctx = pp_layout_ctx_new(&d);
	struct pp_doc *plan = pp_parse_file(path, &d);
	if (plan && pp_check_doc(plan, &d) != 0) {
		pp_doc_free(plan);
		plan = NULL;
	}
	pp_diags_fini(&d);
	if (!*ctx || !plan) {
		fprintf(stderr, "%s: cannot load %s (set PP_SOURCE_DIR)\n", harness, path);
		exit(1);
	}
	return plan;
}

/* A shipped template by name (templates/NAME.xml; anything else: the
 * default, compiled in), loaded once: the looks live only in templates. */
static inline const struct pp_style *fuzz_shipped_style(const char *name)
{
	static const char *const names[] = {"default", "bolton", "blackburn-with-darwen"};
	static struct pp_style *loaded[3];
	size_t i = 0;
	while (i < 3 && !(name && strcmp(name, names[i]) == 0))
		i++;
	if (i == 3)
		i = 0;
	if (!loaded[i]) {
		struct pp_diags d;
		pp_diags_init(&d, NULL);
		loaded[i] = pp_template_load(names[i], "/nonexistent", NULL, NULL, &d, NULL);
		pp_diags_fini(&d);
		if (!loaded[i])
			abort();
	}
	return loaded[i];
}

#endif
