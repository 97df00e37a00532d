/* SPDX-License-Identifier: MIT */
/*
 * test_style.c - the looks planpress ships, templates/NAME.xml, as the
 * command loads them: each loads without a message and names itself, and
 * every text colour reaches WCAG 2 contrast 4.5:1 on every fill it is
 * drawn on (tables, RAG cells, the matrix, posters, the cover), with RAG
 * swatches at 3:1 against the page. The templates are found by listing
 * the folder, so a template added there is checked too.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "planpress/style.h"
#include "support.h"
#include "alloc.h"

/* The names of templates/NAME.xml, sorted; at most 32. */
static size_t shipped(char *names[32])
{
	const char *root = getenv("PP_SOURCE_DIR");
	assert_non_null(root);
	char *dir = pp_xasprintf("%s/templates", root);
	DIR *d = opendir(dir);
	assert_non_null(d);
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d));) {
		size_t len = strlen(e->d_name);
		if (len > 4 && strcmp(e->d_name + len - 4, ".xml") == 0 && n < 32)
			names[n++] = pp_xstrndup(e->d_name, len - 4);
	}
	closedir(d);
	free(dir);
	for (size_t i = 1; i < n; i++) /* insertion sort: a stable order */
		for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			char *t = names[j];
			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	return n;
}

static void free_names(char *names[], size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
}

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

/* Every shipped template loads (support.c fails the test otherwise) and
 * calls itself by its file's name; the three the README names are there. */
static void test_shipped_templates_load(void **state)
{
	(void)state;
	char *names[32];
	size_t n = shipped(names);
	assert_true(n >= 3);
	int found = 0;
	for (size_t i = 0; i < n; i++) {
		const struct pp_style *s = pp_test_style(names[i]);
		assert_string_equal(s->name, names[i]);
		found += strcmp(names[i], "default") == 0 || strcmp(names[i], "bolton") == 0 ||
			 strcmp(names[i], "blackburn-with-darwen") == 0;
	}
	assert_int_equal(found, 3);
	free_names(names, n);
}

/* Each pair a shipped look draws text with: foreground on background. */
static void expect_text_contrast(const char *name, const struct pp_style *s)
{
	const struct pp_rgb white = { 1, 1, 1 };
	expect_contrast(name, "body on paper", s->body.colour, white);
	for (int h = 0; h < 6; h++)
		expect_contrast(name, "heading on paper", s->h[h].colour, white);
	expect_contrast(name, "running on paper", s->running.colour, white);
	expect_contrast(name, "accent (links) on paper", s->accent, white);
	expect_contrast(name, "header text on header fill", s->table_header.colour,
			s->table_header_fill);
	expect_contrast(name, "table text on paper", s->table_text.colour, white);
	expect_contrast(name, "table text on group fill", s->table_text.colour, s->table_group_fill);
	expect_contrast(name, "table text on zebra", s->table_text.colour, s->table_zebra_fill);
	expect_contrast(name, "continued on group fill", s->continued.colour, s->table_group_fill);
	for (int r = PP_RAG_GREEN; r <= PP_RAG_NA; r++) {
		expect_contrast(name, s->rag[r].label, s->rag[r].text, s->rag[r].fill);
		assert_true(s->rag[r].label[0] != '\0'); /* never colour alone */
	}
	/* the matrix: marks on paper and zebra rows, heads on their fills */
	expect_contrast(name, "matrix mark on paper", s->mark_colour, white);
	expect_contrast(name, "matrix mark on zebra", s->mark_colour, s->matrix_zebra_fill);
	expect_contrast(name, "table text on matrix zebra", s->table_text.colour,
			s->matrix_zebra_fill);
	for (int k = 0; k < 3; k++)
		expect_contrast(name, "matrix head", s->matrix_head_text[k], s->matrix_head_fill[k]);
	/* posters: banner, labels and each level of box */
	expect_contrast(name, "poster banner", s->poster_banner_text, s->poster_banner_fill);
	expect_contrast(name, "poster label", s->poster_label_text, s->poster_label_fill);
	for (int k = 0; k < 5; k++)
		expect_contrast(name, "poster box", s->poster_box_text[k], s->poster_box_fill[k]);
	/* the cover's text on its fill */
	expect_contrast(name, "cover title", s->cover.title.colour, s->cover.fill);
	expect_contrast(name, "cover organisation", s->cover.organisation.colour, s->cover.fill);
	expect_contrast(name, "cover period", s->cover.period.colour, s->cover.fill);
}

static void test_contrast_all_pairs(void **state)
{
	(void)state;
	char *names[32];
	size_t n = shipped(names);
	for (size_t i = 0; i < n; i++)
		expect_text_contrast(names[i], pp_test_style(names[i]));
	free_names(names, n);
}

/*
 * WCAG 1.4.11 (non-text contrast): a RAG swatch must stand out from the
 * white page at 3:1, by its fill or by the dark outline drawn round light
 * fills (amber). Checked for every RAG of every shipped template, with the
 * numbers printed when one falls short.
 */
static void test_rag_swatch_against_paper(void **state)
{
	(void)state;
	const struct pp_rgb white = { 1, 1, 1 };
	char *names[32];
	size_t n = shipped(names);
	for (size_t i = 0; i < n; i++) {
		const struct pp_style *s = pp_test_style(names[i]);
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
	free_names(names, n);
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
		cmocka_unit_test(test_shipped_templates_load),
		cmocka_unit_test(test_contrast_formula),
		cmocka_unit_test(test_contrast_all_pairs),
		cmocka_unit_test(test_rag_swatch_against_paper),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
