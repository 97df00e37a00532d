/* SPDX-License-Identifier: MIT */
/*
 * test_style.c - the built-in styles: lookup by name, and WCAG 2 contrast
 * of at least 4.5:1 for every text colour on every fill it is drawn on,
 * in every built-in style.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "planpress/style.h"

static const char *const names[] = { "default", "bolton", "blackburn-with-darwen" };
#define N_NAMES (sizeof names / sizeof names[0])

/* sRGB component to linear light, as WCAG 2 defines it. x^2.4 is
 * x^2 * (x^2)^(1/5), the fifth root by Newton's method: the tests do not
 * link libm. */
static double lin(double c)
{
	if (c <= 0.04045)
		return c / 12.92;
	double x = (c + 0.055) / 1.055;
	/* x^2.4 = x^2 * x^0.4, x^0.4 = (x^2)^(1/5): fifth root by Newton. */
	double x2 = x * x, r = 1.0;
	for (int i = 0; i < 60; i++)
		r = r - (r * r * r * r * r - x2) / (5 * r * r * r * r);
	return x2 * r;
}

static double luminance(struct pp_rgb c)
{
	return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

static double contrast(struct pp_rgb a, struct pp_rgb b)
{
	double la = luminance(a), lb = luminance(b);
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

static void expect_contrast(const char *style, const char *what, struct pp_rgb fg,
			    struct pp_rgb bg)
{
	double c = contrast(fg, bg);
	if (c < 4.5) {
		fprintf(stderr, "%s: %s contrast %.2f < 4.5\n", style, what, c);
		fail();
	}
}

static void test_builtins_found(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_NAMES; i++) {
		const struct pp_style *s = pp_style_builtin(names[i]);
		assert_non_null(s);
		assert_string_equal(s->name, names[i]);
	}
	assert_null(pp_style_builtin("no-such-style"));
	assert_null(pp_style_builtin(NULL));
	assert_ptr_equal(pp_style_default(), pp_style_builtin("default"));
	assert_string_equal(pp_style_builtin("bolton")->bullets[0], "///");
}

static void test_contrast_all_pairs(void **state)
{
	(void)state;
	const struct pp_rgb white = { 1, 1, 1 };
	for (size_t i = 0; i < N_NAMES; i++) {
		const struct pp_style *s = pp_style_builtin(names[i]);
		expect_contrast(names[i], "body on paper", s->body.colour, white);
		for (int h = 0; h < 6; h++)
			expect_contrast(names[i], "heading on paper", s->h[h].colour, white);
		expect_contrast(names[i], "running on paper", s->running.colour, white);
		expect_contrast(names[i], "accent (links) on paper", s->accent, white);
		expect_contrast(names[i], "header text on header fill", s->table_header.colour,
				s->table_header_fill);
		expect_contrast(names[i], "table text on paper", s->table_text.colour, white);
		expect_contrast(names[i], "table text on group fill", s->table_text.colour,
				s->table_group_fill);
		expect_contrast(names[i], "table text on zebra", s->table_text.colour,
				s->table_zebra_fill);
		expect_contrast(names[i], "continued on group fill", s->continued.colour,
				s->table_group_fill);
		for (int r = PP_RAG_GREEN; r <= PP_RAG_NA; r++) {
			expect_contrast(names[i], s->rag[r].label, s->rag[r].text, s->rag[r].fill);
			assert_true(s->rag[r].label[0] != '\0'); /* never colour alone */
		}
	}
}

/*
 * WCAG 1.4.11 (non-text contrast): a RAG swatch must stand out from the
 * white page at 3:1, by its fill or by the dark outline drawn round light
 * fills (amber). Checked for every RAG of every built-in style, with the
 * numbers printed when one falls short.
 */
static void test_rag_swatch_against_paper(void **state)
{
	(void)state;
	const struct pp_rgb white = { 1, 1, 1 };
	for (size_t i = 0; i < N_NAMES; i++) {
		const struct pp_style *s = pp_style_builtin(names[i]);
		for (int r = PP_RAG_GREEN; r <= PP_RAG_NA; r++) {
			const struct pp_rag_style *rs = &s->rag[r];
			double fill = contrast(rs->fill, white);
			double edge = rs->has_outline ? contrast(rs->outline, white) : 0;
			if (fill < 3.0 && edge < 3.0)
				fprintf(stderr, "%s: %s swatch %.2f, outline %.2f < 3:1\n", names[i],
					rs->label, fill, edge);
			assert_true(fill >= 3.0 || edge >= 3.0);
		}
		/* Amber is the light one: it always has its outline. */
		assert_true(s->rag[PP_RAG_AMBER].has_outline);
	}
}

static void test_contrast_formula(void **state)
{
	(void)state;
	struct pp_rgb black = { 0, 0, 0 }, white = { 1, 1, 1 };
	assert_true(contrast(black, white) > 20.99 && contrast(black, white) < 21.01);
	/* GOV.UK red #d4351c with white text: about 4.85:1. */
	struct pp_rgb red = { 0xd4 / 255.0, 0x35 / 255.0, 0x1c / 255.0 };
	assert_true(contrast(red, white) > 4.8 && contrast(red, white) < 4.9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtins_found),
		cmocka_unit_test(test_contrast_formula),
		cmocka_unit_test(test_contrast_all_pairs),
		cmocka_unit_test(test_rag_swatch_against_paper),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
