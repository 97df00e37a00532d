/* SPDX-License-Identifier: MIT */
/*
 * fuzz_image.c - libFuzzer harness for logo images: bytes (a PNG when they
 * start with PNG's signature, else an SVG) -> pp_parse_image_vet, as the
 * template loader does -> pp_image_check, as the command does -> one page
 * of 200 x 100 pt holding the image in a 160 x 60 pt box, rendered to an
 * in-memory PDF and a PNG at 24 dpi, as a cover's logo is drawn.
 *
 * Invariant under test: any image is refused with a reason, or decodes
 * and draws, with no crash, undefined behaviour, leak, or time and memory
 * beyond the bounds the vetting promises (libFuzzer's -timeout and
 * -rss_limit_mb in fuzz/run report those as findings).
 */
#define _POSIX_C_SOURCE 200809L /* setenv */

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_support.h"
#include "planpress/diag.h"
#include "planpress/layout.h"
#include "planpress/parse.h"
#include "planpress/render.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("LC_ALL", "C.UTF-8", 0);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	int svg = !(size >= 8 && memcmp(data, png_sig, 8) == 0);
	char *why = NULL;
	enum pp_image_verdict v = pp_parse_image_vet(data, size, svg, &why);
	if (v != PP_IMAGE_OK && (!why || !*why))
		abort(); /* every refusal has a reason */
	free(why);
	why = NULL;
	if (v != PP_IMAGE_OK || pp_image_check(data, size, svg, &why) != 0) {
		free(why);
		return 0;
	}

	/* The page a cover's logo is drawn on, made by hand: one IMAGE box. */
	struct pp_box box = {
	    .kind = PP_BOX_IMAGE,
	    .x = 20,
	    .y = 20,
	    .w = 160,
	    .h = 60,
	    .image = svg ? "fuzz.svg" : "fuzz.png",
	    .image_data = data,
	    .image_len = size,
	};
	struct pp_page page = {.width = 200, .height = 100, .boxes = &box, .n_boxes = 1};
	struct pp_pages pages = {.pages = &page, .n_pages = 1};
	struct pp_diags diags;
	pp_diags_init(&diags, NULL);
	size_t n = 0;
	struct pp_render_opts ro = {.format = PP_FORMAT_PDF, .png_dpi = 24};
	pp_render_pdf(&pages, &ro, fuzz_sink, &n, &diags);
	ro.format = PP_FORMAT_PNG;
	pp_render_page(&pages, 0, &ro, fuzz_sink, &n, &diags);
	pp_diags_fini(&diags);
	return 0;
}
