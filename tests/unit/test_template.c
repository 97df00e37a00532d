/* SPDX-License-Identifier: MIT */
/*
 * test_template.c - template files into styles: the shipped templates
 * reproduce the built-in styles; every setting lands in its field;
 * `extends` overrides only what it names; each error carries its
 * line:col; and a template with unreadable colour pairs is refused,
 * naming the pair.
 */
#define _POSIX_C_SOURCE 200809L /* setenv, mkdtemp */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "planpress/template.h"
#include "support.h"

#define NS "xmlns=\"urn:planpress:template:1\""

static struct pp_style *load_text(const char *text, const char *file, struct pp_diags *d)
{
	return pp_template_load_memory(text, strlen(text), file, d);
}

static int same_rgb(struct pp_rgb a, struct pp_rgb b)
{
	return a.r == b.r && a.g == b.g && a.b == b.b;
}

/*
 * Every setting that layout cannot do without is set: sizes, lengths,
 * strings and RAG words. (Colours may be black; test_style.c checks that
 * each text colour stands out from its fill, which an unset pair would
 * not.)
 */
static void assert_text_set(const struct pp_text_style *t)
{
	assert_true(t->size > 0);
}

static void assert_style_set(const struct pp_style *t)
{
	assert_non_null(t->name);
	assert_non_null(t->font_family);
	assert_true(t->margin_top > 0 && t->margin_right > 0 && t->margin_bottom > 0 &&
		    t->margin_left > 0);
	assert_true(t->header_gap > 0 && t->footer_gap > 0);
	assert_text_set(&t->body);
	for (int i = 0; i < 6; i++)
		assert_text_set(&t->h[i]);
	assert_text_set(&t->table_text);
	assert_text_set(&t->table_header);
	assert_text_set(&t->running);
	assert_text_set(&t->continued);
	assert_true(t->para_space > 0 && t->list_indent > 0);
	for (int i = 0; i < 3; i++)
		assert_true(t->bullets[i] && t->bullets[i][0]);
	assert_true(t->table_rule_width > 0);
	assert_true(t->cell_pad_x > 0 && t->cell_pad_y > 0);
	for (int r = PP_RAG_GREEN; r <= PP_RAG_NA; r++)
		assert_true(t->rag[r].label && t->rag[r].label[0]);
	assert_true(t->mark_glyph && t->mark_glyph[0]);
	assert_true(t->running_footer && t->running_footer[0]);
	const struct pp_cover_style *a = &t->cover;
	assert_true(a->band_height > 0 && a->text_top > 0);
	assert_text_set(&a->organisation);
	assert_text_set(&a->title);
	assert_text_set(&a->subtitle);
	assert_text_set(&a->period);
	assert_text_set(&a->strapline);
	assert_text_set(&a->meta);
	assert_text_set(&a->byline);
	assert_true(t->chart.n_series >= 1 && t->chart.n_series <= PP_CHART_COLOURS);
}

/* The compiled-in default (templates/default.xml), from no file. */
static struct pp_style *builtin_default(void)
{
	struct pp_diags d;
	pp_diags_init(&d, stderr);
	setenv("PLANPRESS_TEMPLATES", "/nonexistent", 1);
	struct pp_style *s = pp_template_load("default", "/nonexistent", NULL, NULL, &d, NULL);
	assert_non_null(s);
	pp_diags_fini(&d);
	return s;
}

/* The compiled-in default starts from nothing, so it must set everything. */
static void test_builtin_default_is_complete(void **state)
{
	(void)state;
	struct pp_diags d;
	pp_diags_init(&d, stderr);
	setenv("PLANPRESS_TEMPLATES", "/nonexistent", 1);
	struct pp_template_deps deps = { 0 };
	struct pp_style *s = pp_template_load("default", "/nonexistent", NULL, NULL, &d, &deps);
	assert_non_null(s);
	assert_int_equal(deps.n, 0); /* built in: no file to depend on */
	assert_string_equal(s->name, "default");
	assert_style_set(s);
	pp_template_free(s);
	pp_template_deps_fini(&deps);
	pp_diags_fini(&d);
}

/* The shipped files load by name from the templates directory, each
 * complete, named as its file and depending on it. */
static void test_shipped_templates_load_by_name(void **state)
{
	(void)state;
	const char *src = getenv("PP_SOURCE_DIR");
	assert_non_null(src);
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/templates", src);
	setenv("PLANPRESS_TEMPLATES", dir, 1);
	static const char *const names[] = { "default", "bolton", "blackburn-with-darwen" };
	for (size_t i = 0; i < 3; i++) {
		struct pp_diags d;
		pp_diags_init(&d, stderr);
		struct pp_template_deps deps = { 0 };
		struct pp_style *s = pp_template_load(names[i], "/nonexistent", NULL, NULL, &d, &deps);
		assert_non_null(s);
		assert_int_equal(d.n_entries, 0); /* no contrast or series colour fault */
		assert_string_equal(s->name, names[i]);
		assert_style_set(s);
		assert_true(deps.n >= 1);
		assert_non_null(strstr(deps.files[0], names[i]));
		pp_template_free(s);
		pp_template_deps_fini(&deps);
		pp_diags_fini(&d);
	}
}

static void test_every_setting_lands(void **state)
{
	(void)state;
	setenv("PLANPRESS_TEMPLATES", "/nonexistent", 1);
	static const char text[] =
	    "<template " NS " name=\"t\">\n"
	    " <palette><colour name=\"ink\" value=\"#123456\"/></palette>\n"
	    " <fonts family=\"DejaVu Sans\"/>\n"
	    " <page margin-top=\"10mm\" margin-right=\"11\" margin-bottom=\"12pt\" margin-left=\"13\""
	    " header-gap=\"7\" footer-gap=\"8\"/>\n"
	    " <page size=\"A3\" margin-top=\"30\" margin-left=\"31\"/>\n"
	    " <text role=\"h3\" size=\"13\" weight=\"normal\" style=\"italic\" colour=\"ink\"/>\n"
	    " <text role=\"cover-title\" size=\"40\" colour=\"#000\"/>\n"
	    " <accent colour=\"#00594f\"/>\n"
	    " <spacing paragraph=\"6\" list-indent=\"20\" cell-pad-x=\"5\" cell-pad-y=\"2\"/>\n"
	    " <bullets><bullet level=\"2\" marker=\"&gt;&gt;\"/></bullets>\n"
	    " <table header-fill=\"#222222\" rule=\"#999999\" rule-width=\"1\""
	    " group-fill=\"#eeeeee\" zebra=\"yes\" zebra-fill=\"#fafafa\"/>\n"
	    " <rag rating=\"AMBER\" fill=\"#ffbf47\" text=\"#000000\" outline=\"none\" label=\"AMB\"/>\n"
	    " <cover fill=\"#f0f0f0\" band-fill=\"ink\" band-height=\"40\" text-top=\"0.3\" align=\"centre\"/>\n"
	    " <running header=\"{title}\" footer=\"{page}\"/>\n"
	    " <matrix mark=\"X\" mark-colour=\"ink\" zebra-fill=\"#f5f5f5\">"
	    "<head level=\"2\" fill=\"ink\" text=\"#ffffff\"/></matrix>\n"
	    " <poster banner-fill=\"ink\" connector=\"#333333\"><tier level=\"4\" fill=\"#ffffff\""
	    " text=\"ink\"/></poster>\n"
	    "</template>\n";
	struct pp_diags d;
	pp_diags_init(&d, stderr);
	struct pp_style *s = load_text(text, "t.xml", &d);
	assert_non_null(s);
	struct pp_rgb ink = { 0x12 / 255.0, 0x34 / 255.0, 0x56 / 255.0 };
	assert_string_equal(s->name, "t");
	assert_string_equal(s->font_family, "DejaVu Sans");
	assert_true(s->margin_top > 28.34 && s->margin_top < 28.35);
	assert_true(s->margin_right == 11 && s->margin_bottom == 12 && s->margin_left == 13);
	assert_true(s->header_gap == 7 && s->footer_gap == 8);
	assert_true(s->page_margin_set[PP_PAGE_A3] && !s->page_margin_set[PP_PAGE_A4]);
	assert_true(s->page_margin[PP_PAGE_A3][0] == 30 && s->page_margin[PP_PAGE_A3][3] == 31);
	assert_true(s->page_margin[PP_PAGE_A3][1] == 11); /* from the general margins */
	assert_true(s->h[2].size == 13 && !s->h[2].bold && s->h[2].italic);
	assert_true(same_rgb(s->h[2].colour, ink));
	assert_true(s->cover.title.size == 40 && s->cover.title.bold); /* bold inherited */
	assert_true(s->para_space == 6 && s->list_indent == 20);
	assert_true(s->cell_pad_x == 5 && s->cell_pad_y == 2);
	assert_string_equal(s->bullets[1], ">>");
	struct pp_style *def = builtin_default();
	assert_string_equal(s->bullets[0], def->bullets[0]);
	pp_template_free(def);
	assert_true(s->table_zebra == 1 && s->table_rule_width == 1);
	assert_true(s->table_header_fill.r == 0x22 / 255.0);
	assert_string_equal(s->rag[PP_RAG_AMBER].label, "AMB");
	assert_int_equal(s->rag[PP_RAG_AMBER].has_outline, 0);
	assert_true(s->rag[PP_RAG_AMBER].fill.g == 0xbf / 255.0);
	assert_true(same_rgb(s->cover.band_fill, ink) && s->cover.band_height == 40);
	assert_true(s->cover.text_top == 0.3 && s->cover.centred == 1);
	assert_string_equal(s->running_header, "{title}");
	assert_string_equal(s->running_footer, "{page}");
	assert_string_equal(s->mark_glyph, "X");
	assert_true(same_rgb(s->matrix_head_fill[1], ink));
	assert_true(same_rgb(s->poster_box_text[3], ink));
	assert_int_equal(d.n_errors, 0);
	pp_template_free(s);
	pp_diags_fini(&d);
}

/* extends: a child file over its parent over the default. */
static void test_inheritance(void **state)
{
	(void)state;
	setenv("PLANPRESS_TEMPLATES", "/nonexistent", 1);
	char dir[] = "/tmp/pp-tpl-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char parent[256], child[256];
	snprintf(parent, sizeof parent, "%s/parent.xml", dir);
	snprintf(child, sizeof child, "%s/child.xml", dir);
	FILE *f = fopen(parent, "w");
	fputs("<template " NS " name=\"parent\">\n"
	      " <palette><colour name=\"brand\" value=\"#004b87\"/></palette>\n"
	      " <table header-fill=\"brand\"/><text role=\"body\" size=\"11\"/>\n"
	      "</template>\n",
	      f);
	fclose(f);
	f = fopen(child, "w");
	fputs("<template " NS " name=\"child\" extends=\"parent\">\n"
	      " <text role=\"h1\" colour=\"brand\"/>\n"
	      "</template>\n",
	      f);
	fclose(f);
	struct pp_diags d;
	pp_diags_init(&d, stderr);
	struct pp_template_deps deps = { 0 };
	struct pp_style *s = pp_template_load("child", dir, NULL, NULL, &d, &deps);
	assert_non_null(s);
	struct pp_rgb brand = { 0, 0x4b / 255.0, 0x87 / 255.0 };
	assert_string_equal(s->name, "child");
	assert_true(same_rgb(s->h[0].colour, brand));	   /* the child's own */
	assert_true(same_rgb(s->table_header_fill, brand)); /* the parent's */
	assert_true(s->body.size == 11);
	struct pp_style *def = builtin_default();
	assert_true(same_rgb(s->accent, def->accent)); /* the default's */
	pp_template_free(def);
	assert_int_equal(deps.n, 2);
	assert_string_equal(deps.files[0], child);
	assert_string_equal(deps.files[1], parent);
	pp_template_free(s);
	pp_template_deps_fini(&deps);

	/* a cycle: parent extends child */
	f = fopen(parent, "w");
	fputs("<template " NS " extends=\"child\"/>\n", f);
	fclose(f);
	s = pp_template_load("child", dir, NULL, NULL, &d, NULL);
	assert_null(s);
	assert_int_equal(pp_diags_count(&d, PP_MSG_TEMPLATE_CYCLE), 1);
	pp_diags_fini(&d);
	unlink(parent);
	unlink(child);
	rmdir(dir);
}

/* The one diagnostic of a case: its ID and 1-based line:col. */
static void expect_error(const char *text, enum pp_msg id, unsigned line, unsigned col)
{
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	struct pp_style *s = load_text(text, "x.xml", &d);
	assert_null(s);
	assert_true(d.n_entries >= 1);
	if (d.entries[0].id != id)
		fprintf(stderr, "got %s: %s\n", pp_msg_name(d.entries[0].id), d.entries[0].text);
	assert_int_equal(d.entries[0].id, id);
	assert_string_equal(d.entries[0].loc.file, "x.xml");
	assert_int_equal(d.entries[0].loc.line, line);
	assert_int_equal(d.entries[0].loc.col, col);
	pp_diags_fini(&d);
}

/* <report>: front-sheet layout, fields in their order with their labels,
 * recommendation numbering, running header on covers. */
static void test_report_settings(void **state)
{
	(void)state;
	setenv("PLANPRESS_TEMPLATES", "/nonexistent", 1);
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	const char *text = "<template " NS ">\n"
			   " <report front-sheet=\"lines\" recommendations=\"a)\" "
			   "running-on-cover=\"yes\">\n"
			   "  <field name=\"purpose\" label=\"Why\"/><field name=\"to\"/>\n"
			   " </report>\n</template>\n";
	struct pp_style *s = load_text(text, "x.xml", &d);
	assert_non_null(s);
	assert_int_equal(s->front.layout, PP_FRONT_LINES);
	assert_int_equal(s->front.n_fields, 2);
	assert_int_equal(s->front.fields[0].key, PP_FRONT_PURPOSE);
	assert_string_equal(s->front.fields[0].label, "Why");
	assert_int_equal(s->front.fields[1].key, PP_FRONT_TO);
	assert_null(s->front.fields[1].label);
	assert_string_equal(s->recommendation_numbering, "a)");
	assert_int_equal(s->running_on_cover, 1);
	pp_template_free(s);
	pp_diags_fini(&d);
	/* the default: a grid of every field, no running header on covers */
	assert_int_equal(pp_test_style("default")->front.layout, PP_FRONT_GRID);
	assert_int_equal(pp_test_style("default")->front.n_fields, 0);
	assert_int_equal(pp_test_style("default")->running_on_cover, 0);
	assert_string_equal(pp_front_field_label(PP_FRONT_KEY_DECISION), "Key decision");
	/* a ruled front sheet puts body text on the group fill: one more pair */
	size_t n[2];
	for (int box = 0; box < 2; box++) {
		pp_diags_init(&d, NULL);
		s = load_text(box ? "<template " NS ">\n <table group-fill=\"#505a5f\"/>\n"
				    " <report front-sheet=\"box\"/>\n</template>\n"
				  : "<template " NS ">\n <table group-fill=\"#505a5f\"/>\n"
				    "</template>\n",
			      "x.xml", &d);
		assert_null(s);
		n[box] = pp_diags_count(&d, PP_MSG_TEMPLATE_CONTRAST);
		pp_diags_fini(&d);
	}
	assert_int_equal(n[1], n[0] + 1);
	assert_null(pp_front_field_name(PP_FRONT_N));
}

static void test_errors_with_positions(void **state)
{
	(void)state;
	setenv("PLANPRESS_TEMPLATES", "/nonexistent", 1);
	expect_error("<template " NS ">\n  <accent colour=\"#12345\"/>\n</template>\n",
		     PP_MSG_TEMPLATE_BAD_VALUE, 2, 3);
	expect_error("<template " NS ">\n <accent colour=\"turquoise\"/>\n</template>\n",
		     PP_MSG_TEMPLATE_UNKNOWN_NAME, 2, 2);
	expect_error("<template " NS ">\n\n    <text role=\"h7\"/>\n</template>\n",
		     PP_MSG_TEMPLATE_UNKNOWN_NAME, 3, 5);
	expect_error("<template " NS ">\n <text role=\"body\" size=\"big\"/>\n</template>\n",
		     PP_MSG_TEMPLATE_BAD_VALUE, 2, 2);
	expect_error("<template " NS ">\n <rag rating=\"AMBR\"/>\n</template>\n",
		     PP_MSG_TEMPLATE_UNKNOWN_NAME, 2, 2);
	expect_error("<template " NS ">\n <colours/>\n</template>\n", PP_MSG_SCHEMA, 2, 2);
	expect_error("<template " NS ">\n <report recommendations=\"roman\"/>\n</template>\n",
		     PP_MSG_BAD_NUMBERING, 2, 2);
	expect_error("<template " NS ">\n <report front-sheet=\"table\"/>\n</template>\n",
		     PP_MSG_TEMPLATE_UNKNOWN_NAME, 2, 2);
	expect_error("<template " NS ">\n <report>\n  <field name=\"colour\"/></report>\n"
		     "</template>\n",
		     PP_MSG_TEMPLATE_UNKNOWN_NAME, 3, 3);
	expect_error("<plan xmlns=\"urn:planpress:plan:1\"/>\n", PP_MSG_TEMPLATE_NOT_TEMPLATE, 1,
		     1);
	expect_error("<template " NS " extends=\"nosuch\">\n</template>\n",
		     PP_MSG_UNKNOWN_TEMPLATE, 1, 1);
}

/* White on amber is refused, naming the pair and the ratio. */
static void test_contrast_refused(void **state)
{
	(void)state;
	setenv("PLANPRESS_TEMPLATES", "/nonexistent", 1);
	static const char text[] = "<template " NS ">\n"
				   "  <rag rating=\"AMBER\" text=\"#ffffff\"/>\n"
				   "</template>\n";
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	struct pp_style *s = load_text(text, "x.xml", &d);
	assert_null(s);
	assert_int_equal(pp_diags_count(&d, PP_MSG_TEMPLATE_CONTRAST), 1);
	assert_int_equal(d.entries[0].loc.line, 2);
	assert_int_equal(d.entries[0].loc.col, 3);
	assert_non_null(strstr(d.entries[0].text, "RAG AMBER text #ffffff on RAG AMBER fill "
						  "#ffdd00 has a contrast ratio of 1.34:1, below 4.5:1"));
	pp_diags_fini(&d);

	/* the same text is fine on a dark enough fill */
	static const char ok[] = "<template " NS ">\n"
				 "  <rag rating=\"AMBER\" fill=\"#8a4b00\" text=\"#ffffff\"/>\n"
				 "</template>\n";
	pp_diags_init(&d, NULL);
	s = load_text(ok, "x.xml", &d);
	assert_non_null(s);
	pp_template_free(s);
	pp_diags_fini(&d);
}

static void test_contrast_formula(void **state)
{
	(void)state;
	struct pp_rgb black = { 0, 0, 0 }, white = { 1, 1, 1 };
	double c = pp_contrast_ratio(black, white);
	assert_true(c > 20.99 && c < 21.01);
	struct pp_rgb red = { 0xd4 / 255.0, 0x35 / 255.0, 0x1c / 255.0 };
	c = pp_contrast_ratio(white, red);
	assert_true(c > 4.8 && c < 4.9);
}

/* Chart colours come from the template: a <series> list replaces the
 * base's, the rest is inherited, and chart text is checked on paper. */
static void test_chart_colours(void **state)
{
	(void)state;
	setenv("PLANPRESS_TEMPLATES", "/nonexistent", 1);
	static const char text[] = "<template " NS ">\n"
				   "  <chart grid=\"#eeeeee\">\n"
				   "    <series colour=\"#123456\"/><series colour=\"red\"/>\n"
				   "  </chart>\n"
				   "</template>\n";
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	struct pp_style *s = load_text(text, "x.xml", &d);
	assert_non_null(s);
	assert_int_equal(s->chart.n_series, 2);
	struct pp_rgb navy = { 0x12 / 255.0, 0x34 / 255.0, 0x56 / 255.0 };
	struct pp_rgb red = { 0xd4 / 255.0, 0x35 / 255.0, 0x1c / 255.0 };
	struct pp_rgb grid = { 0xee / 255.0, 0xee / 255.0, 0xee / 255.0 };
	struct pp_rgb black = { 0x0b / 255.0, 0x0c / 255.0, 0x0c / 255.0 };
	assert_true(same_rgb(s->chart.series[0], navy));
	assert_true(same_rgb(s->chart.series[1], red));
	assert_true(same_rgb(s->chart.grid, grid));
	assert_true(same_rgb(s->chart.text, black)); /* the default's */
	pp_template_free(s);
	pp_diags_fini(&d);

	static const char pale[] = "<template " NS ">\n"
				   "  <chart text=\"#ffdd00\"/>\n"
				   "</template>\n";
	pp_diags_init(&d, NULL);
	assert_null(load_text(pale, "x.xml", &d));
	assert_int_equal(pp_diags_count(&d, PP_MSG_TEMPLATE_CONTRAST), 1);
	assert_non_null(strstr(d.entries[0].text, "chart text #ffdd00 on paper #ffffff"));
	pp_diags_fini(&d);
}

/* A missing logo is a warning; the template still loads, without it. */
/* A series colour a reader could take for a status is warned about at
 * load (the template still loads): by hue whatever its lightness, a grey
 * by lightness; against the RAG colours and the template's own scales.
 * The built-in palette is clear of every RAG colour. */
static void test_series_colour_near_a_status(void **state)
{
	(void)state;
	setenv("PLANPRESS_TEMPLATES", "/nonexistent", 1);
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	struct pp_style *s = load_text("<template " NS "/>\n", "x.xml", &d);
	assert_non_null(s);
	assert_int_equal(pp_diags_count(&d, PP_MSG_TEMPLATE_SERIES_COLOUR), 0);
	pp_template_free(s);
	pp_diags_fini(&d);

	static const char text[] =
		"<template " NS ">\n"
		"  <chart>\n"
		"    <series colour=\"#00827f\"/>\n" /* teal: clear */
		"    <series colour=\"#a8e6a1\"/>\n" /* a pale green: GREEN's hue */
		"    <series colour=\"#5a5a5a\"/>\n" /* a grey like N/A's */
		"    <series colour=\"#0b0c0c\"/>\n" /* black: a grey far from it */
		"    <series colour=\"#8a1538\"/>\n" /* a dark red: RED's hue */
		"  </chart>\n"
		"</template>\n";
	pp_diags_init(&d, NULL);
	s = load_text(text, "x.xml", &d);
	assert_non_null(s);
	assert_int_equal(d.n_errors, 0);
	assert_int_equal(pp_diags_count(&d, PP_MSG_TEMPLATE_SERIES_COLOUR), 3);
	unsigned lines[3] = { 0 };
	size_t n = 0;
	for (size_t i = 0; i < d.n_entries; i++)
		if (d.entries[i].id == PP_MSG_TEMPLATE_SERIES_COLOUR && n < 3)
			lines[n++] = d.entries[i].loc.line;
	assert_int_equal(lines[0], 4);
	assert_int_equal(lines[1], 5);
	assert_int_equal(lines[2], 7);
	assert_non_null(strstr(d.entries[0].text, "#a8e6a1 is too like the RAG GREEN fill #00703c"));
	pp_template_free(s);
	pp_diags_fini(&d);

	/* A RAG colour moved onto a series' hue, and a scale's status: each
	 * warned at the template's own line, not the built-in default's. */
	static const char moved[] =
		"<template " NS ">\n"
		"  <rag rating=\"COMPLETE\" fill=\"#00706b\" text=\"#ffffff\"/>\n"
		"  <scales><scale id=\"s\">\n"
		"    <status id=\"mauve\" label=\"Mauve\" fill=\"#6d2077\" text=\"#ffffff\"/>\n"
		"  </scale></scales>\n"
		"</template>\n";
	pp_diags_init(&d, NULL);
	s = load_text(moved, "x.xml", &d);
	assert_non_null(s);
	assert_int_equal(pp_diags_count(&d, PP_MSG_TEMPLATE_SERIES_COLOUR), 3);
	for (size_t i = 0; i < d.n_entries; i++)
		assert_string_equal(d.entries[i].loc.file, "x.xml");
	assert_int_equal(d.entries[0].loc.line, 2); /* teal series, COMPLETE */
	assert_int_equal(d.entries[1].loc.line, 4); /* magenta series, mauve */
	assert_int_equal(d.entries[2].loc.line, 4); /* purple series, mauve */
	pp_template_free(s);
	pp_diags_fini(&d);
}

static void test_missing_logo_warns(void **state)
{
	(void)state;
	setenv("PLANPRESS_TEMPLATES", "/nonexistent", 1);
	static const char text[] = "<template " NS ">\n"
				   " <cover><logo file=\"no-such-logo.svg\"/></cover>\n"
				   "</template>\n";
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	struct pp_style *s = load_text(text, "/tmp/x.xml", &d);
	assert_non_null(s);
	assert_null(s->cover.logo);
	assert_int_equal(pp_diags_count(&d, PP_MSG_TEMPLATE_IMAGE), 1);
	assert_int_equal(d.n_errors, 0);
	pp_template_free(s);
	pp_diags_fini(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_default_is_complete),
		cmocka_unit_test(test_shipped_templates_load_by_name),
		cmocka_unit_test(test_every_setting_lands),
		cmocka_unit_test(test_inheritance),
		cmocka_unit_test(test_errors_with_positions),
		cmocka_unit_test(test_report_settings),
		cmocka_unit_test(test_contrast_refused),
		cmocka_unit_test(test_contrast_formula),
		cmocka_unit_test(test_missing_logo_warns),
		cmocka_unit_test(test_chart_colours),
		cmocka_unit_test(test_series_colour_near_a_status),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
