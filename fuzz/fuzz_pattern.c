/* SPDX-License-Identifier: MIT */
/*
 * fuzz_pattern.c - libFuzzer harness for running header and footer
 * patterns: bytes -> a header pattern, a footer pattern and a plan title
 * -> the length check (pp_running_length) and the page furniture of a
 * fixed small plan (tests/cli/plan.xml), laid out and rendered to an
 * in-memory PDF.
 *
 * Input: byte 0 chooses the page (size, orientation) and whether the
 * patterns are the document's or the template's; the rest is
 * "header \0 footer \0 title", each optional. Bytes that a checked plan
 * cannot hold (invalid UTF-8, control characters) become '?' and ' ', as
 * the parser would have refused or collapsed them.
 *
 * Invariants under test, beyond no crash, undefined behaviour or leak:
 * a pattern within PP_RUNNING_MAX lays out (and one past it is refused
 * with PP_MSG_RUNNING_LONG), and every box of the running header and
 * footer lies inside its page.
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

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct pp_layout_ctx *ctx;
static struct pp_doc *plan;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("LC_ALL", "C.UTF-8", 0);
	plan = fuzz_load_small_plan("fuzz_pattern", &ctx);
	return 0;
}

/* Length of a well-formed UTF-8 sequence at s[0, n), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	size_t len = s[0] < 0x80 ? 1 : s[0] >= 0xC2 && s[0] <= 0xDF ? 2
				 : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
				 : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;
	if (len == 0 || len > n)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] > 0x9F) ||
	    (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] > 0x8F))
		return 0; /* overlong, surrogate or past U+10FFFF */
	return len;
}

/* A copy of bytes [s, e) as text a checked plan could hold. Caller frees. */
static char *plan_text(const uint8_t *s, const uint8_t *e)
{
	size_t n = (size_t)(e - s);
	char *out = malloc(n + 1), *o = out;
	if (!out)
		abort();
	for (size_t i = 0; i < n;) {
		size_t len = utf8_seq(s + i, n - i);
		if (len == 0) {
			*o++ = '?';
			i++;
		} else if (len == 1 && s[i] < 0x20) {
			*o++ = ' ';
			i++;
		} else {
			memcpy(o, s + i, len);
			o += len;
			i += len;
		}
	}
	*o = '\0';
	return out;
}

/* The next '\0'-ended field of [*p, e): a copy, or NULL when none is left. */
static char *next_field(const uint8_t **p, const uint8_t *e)
{
	if (*p >= e)
		return NULL;
	const uint8_t *z = memchr(*p, 0, (size_t)(e - *p));
	const uint8_t *end = z ? z : e;
	char *s = plan_text(*p, end);
	*p = z ? z + 1 : e;
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const uint8_t *p = data + 1, *e = data + size;
	char *header = next_field(&p, e);
	char *footer = next_field(&p, e);
	char *title = next_field(&p, e);

	struct pp_document d = plan->documents[0];
	d.page = (enum pp_page_size)(data[0] & 3);
	d.orientation = data[0] & 4 ? PP_LANDSCAPE : PP_PORTRAIT;
	struct pp_style st = *fuzz_shipped_style("default");
	int from_template = data[0] & 8;
	if (from_template) {
		d.running_header = d.running_footer = NULL;
		st.running_header = header;
		st.running_footer = footer;
	} else {
		d.running_header = header;
		d.running_footer = footer;
	}
	char *plan_title = plan->facts.title;
	if (title && *title)
		plan->facts.title = title;

	const char *h = header ? header : st.running_header;
	const char *f = footer ? footer : st.running_footer;
	int fits = pp_running_length(&plan->facts, h, PP_RUNNING_MAX) <= PP_RUNNING_MAX &&
		   pp_running_length(&plan->facts, f, PP_RUNNING_MAX) <= PP_RUNNING_MAX;

	struct pp_diags diags;
	pp_diags_init(&diags, NULL);
	struct pp_pages *pages = pp_layout_document(ctx, plan, &d, &st, &diags);
	if (!pages != !fits || (!fits && !pp_diags_count(&diags, PP_MSG_RUNNING_LONG))) {
		fprintf(stderr, "fuzz_pattern: fits %d but layout %s\n", fits,
			pages ? "succeeded" : "failed");
		abort();
	}
	if (pages) {
		/* Running boxes are the artifacts at the page's top and bottom
		 * margins: none may leave the page. */
		for (size_t i = 0; i < pages->n_pages; i++) {
			const struct pp_page *pg = &pages->pages[i];
			for (size_t k = 0; k < pg->n_boxes; k++) {
				const struct pp_box *b = &pg->boxes[k];
				if (b->kind == PP_BOX_TEXT &&
				    (b->y < -0.01 || b->y + b->h > pg->height + 0.01)) {
					fprintf(stderr, "fuzz_pattern: page %zu: box at y %.2f, %.2f "
						"high, outside a page %.2f high\n",
						i + 1, b->y, b->h, pg->height);
					abort();
				}
			}
		}
		size_t n = 0;
		struct pp_render_opts ro = {.format = PP_FORMAT_PDF};
		pp_render_pdf(pages, &ro, fuzz_sink, &n, &diags);
		pp_pages_free(pages);
	}
	pp_diags_fini(&diags);
	plan->facts.title = plan_title;
	free(header);
	free(footer);
	free(title);
	return 0;
}
