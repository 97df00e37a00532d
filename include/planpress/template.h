/* SPDX-License-Identifier: MIT */
/*
 * template.h - load a council's look from a template file
 * (urn:planpress:template:1, schema/template.rng, docs/templates.md) into a
 * struct pp_style that layout reads.
 *
 * A template names only what it changes: <template extends="NAME"> starts
 * from NAME (default: "default") and the built-in default (a compiled-in
 * copy of templates/default.xml) is the base of every chain. Loading
 * checks values, unknown names, cycles in `extends` and WCAG contrast: every
 * text colour on every fill it is drawn on must reach 4.5:1.
 */
#ifndef PLANPRESS_TEMPLATE_H
#define PLANPRESS_TEMPLATE_H

#include <stddef.h>

#include "planpress/diag.h"
#include "planpress/style.h"

/* The files a loaded template depends on (templates in the chain, child
 * first, then images), each once. Owned; free with pp_template_deps_fini. */
struct pp_template_deps {
	char **files;
	size_t n, cap;
};

void pp_template_deps_fini(struct pp_template_deps *deps);

/*
 * Load the template `name` for a plan in folder `plan_dir` ("." if NULL).
 *   - `name` containing '/' or ending in ".xml" is a file, relative to
 *     `file_base` (the plan's folder for a plan's @template, "." for the
 *     command line);
 *   - otherwise NAME.xml is looked for in `plan_dir`, then in the templates
 *     directory (PLANPRESS_TEMPLATES, else the source tree's templates/);
 *     "default" is also built in.
 * `where` (may be NULL) is the place that named the template, for "unknown
 * template". Messages go to `diags`; file names in them stay valid for the
 * life of the process. `deps` (may be NULL) receives the files read.
 * Returns a new style (free with pp_template_free) or NULL after errors.
 */
struct pp_style *pp_template_load(const char *name, const char *plan_dir, const char *file_base,
				  const struct pp_loc *where, struct pp_diags *diags,
				  struct pp_template_deps *deps);

/*
 * Load a template from memory; `file` names it in messages and its folder
 * is where `extends` and logo files are looked for first. For tests.
 */
struct pp_style *pp_template_load_memory(const char *data, size_t len, const char *file,
					 struct pp_diags *diags);

/* Free a loaded style and every string it owns. Accepts NULL. */
void pp_template_free(struct pp_style *style);

/* WCAG 2 contrast ratio of two sRGB colours, 1 to 21. */
double pp_contrast_ratio(struct pp_rgb a, struct pp_rgb b);

#endif
