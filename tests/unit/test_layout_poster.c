/* SPDX-License-Identifier: MIT */
/*
 * test_layout_poster.c - the tiered plan on a page: seed 003's wall poster
 * is one A3 landscape page, every box's text inside its box at 6 pt or
 * more with no word broken, box widths follow their spans, connectors
 * join tiers, the banner defaults to the plan's vision; a tier of 12
 * boxes (and a from-theme tier of 12 priorities on 10 columns) stays
 * legible; the poster colours contrast.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "layout_fixture.h"
#include "support.h"

static struct pp_layout_ctx *ctx;

static double box_size(const struct pp_box *b)
{
	return fx_box_size(b);
}

/* Text in boxes: inside, lines within the width, no word broken. Returns
 * the number of text boxes in a box; *min_size the smallest font. */
/* A line after the first starts after a space, break or hyphen. */
static void line_starts_after_break(const struct pp_box *b, const struct pp_line_info *li,
				    void *closure)
{
	(void)closure;
	if (li->line == b->first_line)
		return;
	char ch = pp_box_text(b)[li->start - 1];
	assert_true(ch == ' ' || ch == '\n' || ch == '-');
}

static size_t check_page(const struct pp_page *p, double *min_size)
{
	size_t n = 0;
	*min_size = 1e9;
	for (size_t k = 0; k < p->n_boxes; k++) {
		const struct pp_box *b = &p->boxes[k];
		if (b->kind != PP_BOX_TEXT)
			continue;
		if (box_size(b) < *min_size)
			*min_size = box_size(b);
		const struct pp_box *c = fx_cell_at(p, b->x + b->w / 2, b->y + b->h / 2);
		if (!c)
			continue;
		n++;
		if (b->x < c->x - 0.01 || b->y < c->y - 0.01 || b->x + b->w > c->x + c->w + 0.01 ||
		    b->y + b->h > c->y + c->h + 0.01) {
			char *t = fx_box_text(b);
			fprintf(stderr, "\"%s\" outside its box\n", t);
			free(t);
			fail();
		}
		PangoRectangle logical;
		fx_box_extents(b, NULL, &logical);
		assert_true((double)logical.width / PANGO_SCALE <= b->w + 0.01);
		pp_box_each_line(b, line_starts_after_break, NULL);
	}
	return n;
}

static size_t count_kind(const struct pp_page *p, enum pp_box_kind kind)
{
	size_t n = 0;
	for (size_t k = 0; k < p->n_boxes; k++)
		n += p->boxes[k].kind == kind;
	return n;
}

/* The rectangle around the text box that starts with `needle`. */
static const struct pp_box *box_of(const struct pp_page *p, const char *needle)
{
	for (size_t k = 0; k < p->n_boxes; k++) {
		const struct pp_box *b = &p->boxes[k];
		if (b->kind != PP_BOX_TEXT)
			continue;
		char *t = fx_box_text(b);
		int hit = strncmp(t, needle, strlen(needle)) == 0;
		free(t);
		if (hit)
			return fx_cell_at(p, b->x + b->w / 2, b->y + b->h / 2);
	}
	return NULL;
}

static void test_seed_wall_poster(void **state)
{
	(void)state;
	size_t len;
	char *xml = pp_test_read_source("input/bwd-people-scrutiny-2019-12-03.xml", &len);
	assert_non_null(xml);
	struct pp_diags diags;
	pp_diags_init(&diags, NULL);
	struct pp_doc *doc = pp_test_load(xml, &diags);
	free(xml);
	assert_non_null(doc);
	assert_int_equal(doc->n_documents, 2);
	const struct pp_document *d = &doc->documents[1]; /* the A3 wall poster */
	assert_int_equal(d->page, PP_PAGE_A3);
	struct pp_pages *pages =
		pp_layout_document(ctx, doc, d, pp_test_style("blackburn-with-darwen"), &diags);
	assert_non_null(pages);
	assert_int_equal(pages->n_pages, 1);
	assert_int_equal(pp_diags_count(&diags, PP_MSG_LAYOUT_OVERFLOW), 0);
	const struct pp_page *p = &pages->pages[0];
	assert_true(p->width > p->height); /* landscape */
	double min_size;
	size_t in_boxes = check_page(p, &min_size);
	assert_true(in_boxes >= 4 + 8 + 3 + 3 + 10 + 5);
	assert_true(min_size >= 6.0);
	/* the banner is the plan's vision */
	assert_true(fx_page_has_text(p, "VISION FOR THE BOROUGH"));
	assert_true(fx_page_has_text(p, "Children in Blackburn with Darwen will grow"));
	/* the bottom tier reads the plan's ten priorities */
	assert_true(fx_page_has_text(p, "Promote and support a learning culture"));
	assert_true(fx_page_has_text(p, "Department Strategic Priorities"));
	/* widths follow spans: People spans 4, Council 1 */
	const struct pp_box *people = box_of(p, "People");
	const struct pp_box *council = box_of(p, "Council");
	assert_non_null(people);
	assert_non_null(council);
	assert_true(people->w > 3.5 * council->w && people->w < 4.5 * council->w);
	/* connectors from four tiers: at least a line and an arrowhead each */
	assert_true(count_kind(p, PP_BOX_LINE) >= 3 * (8 + 3 + 3 + 10));
	assert_int_equal(fx_count_role(pages->root, PP_ROLE_LI), 4 + 8 + 3 + 3 + 10);
	pp_pages_free(pages);
	pp_diags_fini(&diags);
	pp_doc_free(doc);
}

static const char twelve_xml[] =
	"<plan xmlns=\"urn:planpress:plan:1\"><facts><organisation>Test Council</organisation>"
	"<title>Twelve</title><vision-title>OUR VISION</vision-title>"
	"<vision><p>A borough where everyone thrives.</p></vision></facts>"
	"<themes><theme id=\"t\" title=\"Priorities\">"
	"<priority id=\"p1\" ref=\"1\"><title>Make sure every child has a safe, warm and loving home with people who care</title></priority>"
	"<priority id=\"p2\" ref=\"2\"><title>Help families early, before problems grow into crises that need specialist services</title></priority>"
	"<priority id=\"p3\" ref=\"3\"><title>Raise attainment in every school so that children fulfil their potential</title></priority>"
	"<priority id=\"p4\" ref=\"4\"><title>Support care leavers into homes, education, training and work</title></priority>"
	"<priority id=\"p5\" ref=\"5\"><title>Listen to children and young people and act on what they tell us</title></priority>"
	"<priority id=\"p6\" ref=\"6\"><title>Work with health partners to integrate services around families</title></priority>"
	"<priority id=\"p7\" ref=\"7\"><title>Develop a skilled and stable workforce with manageable caseloads</title></priority>"
	"<priority id=\"p8\" ref=\"8\"><title>Promote a learning culture open to external challenge</title></priority>"
	"<priority id=\"p9\" ref=\"9\"><title>Reduce the number of children living in poverty across the borough</title></priority>"
	"<priority id=\"p10\" ref=\"10\"><title>Improve the emotional health and wellbeing of young people</title></priority>"
	"<priority id=\"p11\" ref=\"11\"><title>Keep young people safe from exploitation in the community and online</title></priority>"
	"<priority id=\"p12\" ref=\"12\"><title>Provide enough good local places for children with special educational needs</title></priority>"
	"</theme></themes><documents><document id=\"d\" output=\"d\" page=\"A3\" orientation=\"landscape\">"
	"<poster columns=\"12\" title=\"Twelve boxes\"><banner/>"
	"<tier label=\"Themes\"><box span=\"4\">People</box><box span=\"4\">Place</box><box span=\"4\">Council</box></tier>"
	"<tier label=\"Twelve written boxes\" connect=\"up\">"
	"<box>Supporting young people and raising aspirations everywhere</box><box>Supporting the most vulnerable residents</box>"
	"<box>Reducing health inequalities</box><box>Connected communities across the borough</box>"
	"<box>Safe and clean environment</box><box>Strong, growing economy to enable social mobility</box>"
	"<box>Supporting our town centres and businesses</box><box>Transparent and effective organisation</box>"
	"<box>Decent homes for everyone</box><box>Carbon neutral by 2030</box>"
	"<box>Digital by default, but never digital only</box><box>Value for money in everything we do</box>"
	"</tier>"
	"<tier label=\"From the theme\" from-theme=\"t\" connect=\"up\"/>"
	"</poster></document>"
	"<document id=\"e\" output=\"e\" page=\"A4\" orientation=\"landscape\">"
	"<poster columns=\"10\"><banner/>"
	"<tier label=\"From the theme, 12 on 10 columns\" from-theme=\"t\"/>"
	"</poster></document></documents></plan>";

static void test_twelve_boxes_in_a_tier(void **state)
{
	(void)state;
	struct pp_diags diags;
	pp_diags_init(&diags, NULL);
	struct pp_doc *doc = pp_test_load(twelve_xml, &diags);
	assert_non_null(doc);
	for (size_t i = 0; i < 2; i++) {
		struct pp_pages *pages = pp_layout_document(ctx, doc, &doc->documents[i],
							    pp_test_style("default"), &diags);
		assert_non_null(pages);
		assert_int_equal(pages->n_pages, 1);
		double min_size;
		size_t n = check_page(&pages->pages[0], &min_size);
		assert_true(n >= (i == 0 ? 3 + 12 + 12u : 12u));
		assert_true(min_size >= 6.0);
		assert_true(fx_page_has_text(&pages->pages[0], "A borough where everyone thrives."));
		/* twelve boxes side by side in one band: same top, increasing x */
		const struct pp_box *a = box_of(&pages->pages[0], "1. ");
		const struct pp_box *z = box_of(&pages->pages[0], "12. ");
		assert_non_null(a);
		assert_non_null(z);
		assert_true(a->y == z->y && a->x < z->x);
		pp_pages_free(pages);
	}
	assert_int_equal(pp_diags_count(&diags, PP_MSG_LAYOUT_OVERFLOW), 0);
	pp_diags_fini(&diags);
	pp_doc_free(doc);
}

/*
 * A tier made from a theme of 600 priorities on 12 columns: a column a
 * box, 12 a line, going on over pages between lines; every box keeps its
 * text inside it and inside its page (before, 600 boxes shared the 12
 * columns, each narrower than its padding).
 */
static void test_many_priorities_wrap_over_pages(void **state)
{
	(void)state;
	size_t cap = 64 * 1024, n = 0;
	char *xml = malloc(cap);
	assert_non_null(xml);
	n += (size_t)snprintf(xml + n, cap - n,
			      "<plan xmlns=\"urn:planpress:plan:1\"><facts><organisation>T</organisation>"
			      "<title>Many</title></facts><themes><theme id=\"t\" title=\"T\">");
	for (int i = 1; i <= 600; i++)
		n += (size_t)snprintf(xml + n, cap - n,
				      "<priority id=\"p%d\" ref=\"%d\"><title>Priority</title></priority>",
				      i, i);
	snprintf(xml + n, cap - n,
		 "</theme></themes><documents><document id=\"d\" output=\"d\">"
		 "<poster columns=\"12\"><tier label=\"All\" from-theme=\"t\"/></poster>"
		 "</document></documents></plan>");
	struct pp_diags diags;
	pp_diags_init(&diags, NULL);
	struct pp_doc *doc = pp_test_load(xml, &diags);
	free(xml);
	assert_non_null(doc);
	struct pp_pages *pages =
	    pp_layout_document(ctx, doc, &doc->documents[0], pp_test_style("default"), &diags);
	assert_non_null(pages);
	assert_true(pages->n_pages > 1);
	size_t boxes = 0;
	double min_size, unit = 0;
	for (size_t i = 0; i < pages->n_pages; i++) {
		const struct pp_page *pg = &pages->pages[i];
		boxes += check_page(pg, &min_size);
		for (size_t k = 0; k < pg->n_boxes; k++) {
			const struct pp_box *b = &pg->boxes[k];
			assert_true(b->x >= -0.01 && b->y >= -0.01 && b->w >= 0 && b->h >= 0);
			assert_true(b->x + b->w <= pg->width + 0.01 && b->y + b->h <= pg->height + 0.01);
			/* every priority's box is as wide as the first */
			if (b->kind == PP_BOX_RECT && b->h > 0 && b->has_stroke) {
				if (unit == 0)
					unit = b->w;
				assert_true(b->w > unit - 0.01 && b->w < unit + 0.01);
			}
		}
	}
	assert_true(unit > 40); /* a twelfth of the grid, not a 600th */
	assert_true(boxes >= 600);
	assert_true(box_of(&pages->pages[pages->n_pages - 1], "600. ") != NULL);
	pp_pages_free(pages);
	pp_diags_fini(&diags);
	pp_doc_free(doc);
}

/*
 * A short poster on an A3 sheet: its text grows to the template's
 * text-max (20 pt in the default), and its boxes keep their natural
 * height, the tiers centred, instead of being stretched to fill the
 * sheet around one line of small text.
 */
static const char short_xml[] =
	"<?xml version=\"1.0\"?><plan xmlns=\"urn:planpress:plan:1\">"
	"<facts><organisation>O</organisation><title>T</title></facts>"
	"<themes><theme id=\"a\" title=\"Good homes\"><priority id=\"p\" ref=\"1\"><title>Build homes</title></priority></theme>"
	"<theme id=\"b\" title=\"Safe streets\"><priority id=\"q\" ref=\"2\"><title>Cut crime</title></priority></theme></themes>"
	"<documents><document id=\"d\" output=\"d\" page=\"A3\" orientation=\"landscape\">"
	"<poster columns=\"4\"><tier label=\"Themes\" from=\"themes\"/>"
	"<tier label=\"Priorities\" from=\"priorities\" connect=\"up\"/></poster>"
	"</document></documents></plan>";

static void test_short_poster_keeps_natural_boxes(void **state)
{
	(void)state;
	struct pp_diags diags;
	pp_diags_init(&diags, NULL);
	struct pp_doc *doc = pp_test_load(short_xml, &diags);
	assert_non_null(doc);
	struct pp_pages *pages = pp_layout_document(ctx, doc, &doc->documents[0],
						    pp_test_style("default"), &diags);
	assert_non_null(pages);
	assert_int_equal(pages->n_pages, 1);
	const struct pp_page *p = &pages->pages[0];
	const char *texts[] = { "Good homes", "Safe streets", "1. ", "2. " };
	for (size_t i = 0; i < 4; i++) {
		const struct pp_box *cell = box_of(p, texts[i]);
		assert_non_null(cell);
		for (size_t k = 0; k < p->n_boxes; k++) {
			const struct pp_box *t = &p->boxes[k];
			if (t->kind != PP_BOX_TEXT || fx_cell_at(p, t->x + t->w / 2, t->y) != cell)
				continue;
			assert_true(box_size(t) > 19.9); /* grown to text-max */
			/* its text and padding, not a third of the sheet */
			assert_true(cell->h < t->h + 2 * box_size(t));
		}
	}
	/* the priority under each theme's box, centred on the sheet */
	const struct pp_box *a = box_of(p, "Good homes"), *pa = box_of(p, "1. ");
	assert_true(pa->x >= a->x - 0.01 && pa->x + pa->w <= a->x + a->w + 0.01);
	pp_pages_free(pages);
	pp_diags_fini(&diags);
	pp_doc_free(doc);
}

PP_LAYOUT_TEST_MAIN(
	cmocka_unit_test(test_short_poster_keeps_natural_boxes),
	cmocka_unit_test(test_seed_wall_poster),
	cmocka_unit_test(test_twelve_boxes_in_a_tier),
	cmocka_unit_test(test_many_priorities_wrap_over_pages))
