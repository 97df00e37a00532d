/* SPDX-License-Identifier: MIT */
/*
 * test_render.c - the render stage on hand-built pages: formats, metadata,
 * links and outline, line selection of text boxes, determinism, and write
 * failures reported through diags.
 */
#define _POSIX_C_SOURCE 200809L /* setenv, mkstemp, popen */

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "alloc.h"
#include "planpress/render.h"
#include "support.h"

/* ---------- helpers ------------------------------------------------------- */

static int contains(const struct pp_test_buf *m, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= m->len; i++)
		if (memcmp(m->data + i, needle, n) == 0)
			return 1;
	return 0;
}

static struct pp_box *add_box(struct pp_page *pg, enum pp_box_kind kind)
{
	PP_GROW(pg->boxes, pg->n_boxes + 1, pg->cap_boxes);
	struct pp_box *b = &pg->boxes[pg->n_boxes++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->dest_page = -1;
	return b;
}

static struct pp_page *add_page(struct pp_pages *pp, double w, double h)
{
	PP_GROW(pp->pages, pp->n_pages + 1, pp->cap_pages);
	struct pp_page *pg = &pp->pages[pp->n_pages++];
	memset(pg, 0, sizeof *pg);
	pg->width = w;
	pg->height = h;
	return pg;
}

static PangoLayout *make_layout(const char *text)
{
	PangoFontMap *fm = pango_cairo_font_map_get_default();
	PangoContext *ctx = pango_font_map_create_context(fm);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	PangoLayout *l = pango_layout_new(ctx);
	PangoFontDescription *fd = pango_font_description_from_string("Liberation Sans 12");
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_text(l, text, -1);
	g_object_unref(ctx);
	return l;
}

/* Page 1 (A4 portrait): a red rect, a rule, text, a URI link and a link to
 * page 2. Page 2 (A4 landscape): text. Outline: two levels. */
static struct pp_pages *sample_pages(void)
{
	struct pp_pages *pp = pp_xcalloc(1, sizeof *pp);
	pp->title = pp_xstrdup("Bolton's Corporate Plan");
	pp->author = pp_xstrdup("Bolton Council");

	struct pp_page *p1 = add_page(pp, 595.28, 841.89);
	struct pp_box *b = add_box(p1, PP_BOX_RECT);
	b->x = 100, b->y = 100, b->w = 50, b->h = 40;
	b->has_fill = 1, b->fill = (struct pp_rgb){1, 0, 0};
	b = add_box(p1, PP_BOX_LINE);
	b->x = 100, b->y = 200, b->x2 = 400, b->y2 = 200, b->line_width = 2;
	b->stroke = (struct pp_rgb){0, 0, 1};
	b = add_box(p1, PP_BOX_TEXT);
	b->layout = make_layout("Corporate Priorities\nsecond line");
	b->x = 72, b->y = 300, b->w = 300, b->h = 40;
	b->first_line = 0, b->n_lines = 2;
	b = add_box(p1, PP_BOX_LINK);
	b->x = 72, b->y = 300, b->w = 200, b->h = 14;
	b->uri = pp_xstrdup("https://example.org/a'b");
	b = add_box(p1, PP_BOX_LINK);
	b->x = 72, b->y = 320, b->w = 200, b->h = 14;
	b->dest_page = 1, b->dest_y = 50;

	struct pp_page *p2 = add_page(pp, 841.89, 595.28);
	b = add_box(p2, PP_BOX_TEXT);
	b->layout = make_layout("Appendix 1");
	b->x = 72, b->y = 50, b->w = 300, b->h = 20;
	b->first_line = 0, b->n_lines = 1;

	pp->outline = pp_xcalloc(2, sizeof *pp->outline);
	pp->n_outline = pp->cap_outline = 2;
	pp->outline[0] =
	    (struct pp_outline_entry){pp_xstrdup("Corporate Priorities"), 1, 0, 300};
	pp->outline[1] = (struct pp_outline_entry){pp_xstrdup("Appendix 1"), 2, 1, 50};
	return pp;
}

static void free_pages(struct pp_pages *pp)
{
	for (size_t i = 0; i < pp->n_pages; i++) {
		for (size_t k = 0; k < pp->pages[i].n_boxes; k++) {
			struct pp_box *b = &pp->pages[i].boxes[k];
			if (b->layout)
				g_object_unref(b->layout);
			free(b->uri);
		}
		free(pp->pages[i].boxes);
	}
	for (size_t i = 0; i < pp->n_outline; i++)
		free(pp->outline[i].title);
	free(pp->outline);
	free(pp->pages);
	free(pp->title);
	free(pp->author);
	free(pp);
}

struct png_reader {
	const struct pp_test_buf *m;
	size_t pos;
};

static cairo_status_t png_read(void *closure, unsigned char *data, unsigned int len)
{
	struct png_reader *r = closure;
	if (r->pos + len > r->m->len)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, r->m->data + r->pos, len);
	r->pos += len;
	return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *decode_png(const struct pp_test_buf *m)
{
	struct png_reader r = {m, 0};
	cairo_surface_t *s = cairo_image_surface_create_from_png_stream(png_read, &r);
	assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	return s;
}

static uint32_t pixel(cairo_surface_t *s, int x, int y)
{
	unsigned char *d = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	return *(uint32_t *)(d + (size_t)y * stride + (size_t)x * 4) & 0xffffffu;
}

/* Any non-white pixel in the rows [y0, y1) of the image. */
static int has_ink(cairo_surface_t *s, int y0, int y1)
{
	int w = cairo_image_surface_get_width(s);
	for (int y = y0; y < y1; y++)
		for (int x = 0; x < w; x++)
			if (pixel(s, x, y) != 0xffffffu)
				return 1;
	return 0;
}

/* ---------- tests --------------------------------------------------------- */

static void test_format_names(void **state)
{
	(void)state;
	enum pp_format f;
	assert_int_equal(pp_format_from_string("svg", &f), 0);
	assert_int_equal(f, PP_FORMAT_SVG);
	assert_int_equal(pp_format_from_string("png", &f), 0);
	assert_int_equal(f, PP_FORMAT_PNG);
	assert_int_equal(pp_format_from_string("PDF", &f), -1);
	assert_int_equal(pp_format_from_string("docx", &f), -1);
	assert_string_equal(pp_format_ext(PP_FORMAT_PDF), "pdf");
}

static void test_creation_time(void **state)
{
	(void)state;
	const char *saved = getenv("SOURCE_DATE_EPOCH");
	char *keep = saved ? pp_xstrdup(saved) : NULL;
	setenv("SOURCE_DATE_EPOCH", "1600000000", 1);
	assert_int_equal(pp_render_creation_time(42), 1600000000);
	setenv("SOURCE_DATE_EPOCH", "16x", 1);
	assert_int_equal(pp_render_creation_time(42), 42);
	setenv("SOURCE_DATE_EPOCH", "-5", 1);
	assert_int_equal(pp_render_creation_time(42), 42);
	setenv("SOURCE_DATE_EPOCH", "99999999999999999999999", 1);
	assert_int_equal(pp_render_creation_time(42), 42);
	/* the year 9999 is the last a PDF date can say */
	setenv("SOURCE_DATE_EPOCH", "253402300799", 1);
	assert_true(pp_render_creation_time(42) == (time_t)253402300799LL);
	setenv("SOURCE_DATE_EPOCH", "253402300800", 1);
	assert_int_equal(pp_render_creation_time(42), 42);
	assert_true(pp_render_creation_time((time_t)300000000000LL) == (time_t)253402300799LL);
	unsetenv("SOURCE_DATE_EPOCH");
	assert_int_equal(pp_render_creation_time(42), 42);
	if (keep)
		setenv("SOURCE_DATE_EPOCH", keep, 1);
	free(keep);
}

static void test_pdf_structure(void **state)
{
	(void)state;
	struct pp_pages *pp = sample_pages();
	struct pp_render_opts opts = {.format = PP_FORMAT_PDF, .creation_time = 1600000000};
	struct pp_test_buf m = {0};
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	struct pp_test_buf file = {0};
	assert_int_equal(pp_render_pdf(pp, &opts, pp_test_buf_write, &file, &d), 0);
	assert_int_equal(d.n_entries, 0);
	assert_memory_equal(file.data, "%PDF-", 5);
	/* Dictionaries are in object streams: search them inflated. */
	pp_test_pdf_unpack(&file, &m);
	free(file.data);
	assert_true(contains(&m, "/Title(Bolton's Corporate Plan)"));
	assert_true(contains(&m, "/Author(Bolton Council)"));
	assert_true(contains(&m, "/Creator(planpress)"));
	assert_true(contains(&m, "/CreationDate(D:20200913122640Z)"));
	assert_true(contains(&m, "/Dest(pp-dest-1)"));
	assert_true(contains(&m, "/XYZ 0 545.28 0]")); /* page 2, 50 pt from the top */
	/* Each page keeps its own size: portrait then landscape. */
	assert_true(contains(&m, "/MediaBox [0 0 595.28 841.89]"));
	assert_true(contains(&m, "/MediaBox [0 0 841.89 595.28]"));
	assert_true(contains(&m, "/URI(https://example.org/a'b)"));
	assert_true(contains(&m, "(pp-dest-1)[")); /* the name tree */
	assert_true(contains(&m, "/Outlines"));
	assert_true(contains(&m, "/Title(Appendix 1)"));
	/* Tagged: structure, marked content and the PDF/UA identifier. */
	assert_true(contains(&m, "/StructTreeRoot"));
	assert_true(contains(&m, "/MarkInfo<</Marked true>>"));
	assert_true(contains(&m, "<pdfuaid:part>1</pdfuaid:part>"));
	pp_diags_fini(&d);
	free(m.data);
	free_pages(pp);
}

static void test_pdf_deterministic(void **state)
{
	(void)state;
	struct pp_pages *pp = sample_pages();
	struct pp_render_opts opts = {.format = PP_FORMAT_PDF, .creation_time = 1600000000};
	struct pp_test_buf a = {0}, b = {0};
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	assert_int_equal(pp_render_pdf(pp, &opts, pp_test_buf_write, &a, &d), 0);
	assert_int_equal(pp_render_pdf(pp, &opts, pp_test_buf_write, &b, &d), 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	pp_diags_fini(&d);
	free(a.data);
	free(b.data);
	free_pages(pp);
}

static void test_svg_page(void **state)
{
	(void)state;
	struct pp_pages *pp = sample_pages();
	struct pp_render_opts opts = {.format = PP_FORMAT_SVG};
	struct pp_test_buf m = {0};
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	assert_int_equal(pp_render_page(pp, 1, &opts, pp_test_buf_write, &m, &d), 0);
	assert_true(contains(&m, "<svg"));
	assert_true(contains(&m, "width=\"841.89pt\""));
	assert_true(contains(&m, "viewBox=\"0 0 841.89 595.28\""));
	assert_true(contains(&m, "</svg>"));
	pp_diags_fini(&d);
	free(m.data);
	free_pages(pp);
}

static void test_png_pixels(void **state)
{
	(void)state;
	struct pp_pages *pp = sample_pages();
	struct pp_render_opts opts = {.format = PP_FORMAT_PNG, .png_dpi = 72};
	struct pp_test_buf m = {0};
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	assert_int_equal(pp_render_page(pp, 0, &opts, pp_test_buf_write, &m, &d), 0);
	cairo_surface_t *s = decode_png(&m);
	assert_int_equal(cairo_image_surface_get_width(s), 596);
	assert_int_equal(cairo_image_surface_get_height(s), 842);
	assert_int_equal(pixel(s, 5, 5), 0xffffffu);     /* white background */
	assert_int_equal(pixel(s, 125, 120), 0xff0000u); /* inside the red rect */
	assert_int_equal(pixel(s, 250, 200), 0x0000ffu); /* on the blue rule */
	assert_true(has_ink(s, 300, 340));               /* the text */
	cairo_surface_destroy(s);
	free(m.data);

	/* 144 dpi doubles the pixels. */
	m = (struct pp_test_buf){0};
	opts.png_dpi = 144;
	assert_int_equal(pp_render_page(pp, 0, &opts, pp_test_buf_write, &m, &d), 0);
	s = decode_png(&m);
	assert_int_equal(cairo_image_surface_get_width(s), 1191);
	assert_int_equal(pixel(s, 250, 240), 0xff0000u);
	cairo_surface_destroy(s);
	free(m.data);
	pp_diags_fini(&d);
	free_pages(pp);
}

/* A text box draws only its lines, with the first drawn line's top at y. */
static void test_text_line_range(void **state)
{
	(void)state;
	struct pp_pages *pp = pp_xcalloc(1, sizeof *pp);
	struct pp_page *pg = add_page(pp, 200, 200);
	struct pp_box *b = add_box(pg, PP_BOX_TEXT);
	b->layout = make_layout("first\nsecond\nthird\nfourth");
	PangoRectangle ink, logical;
	pango_layout_get_line_readonly(b->layout, 1);
	pango_layout_get_pixel_extents(b->layout, &ink, &logical);
	int line_h = logical.height / 4;
	b->x = 10, b->y = 100, b->w = 150, b->h = 2 * line_h;
	b->first_line = 1, b->n_lines = 2;

	struct pp_render_opts opts = {.format = PP_FORMAT_PNG, .png_dpi = 72};
	struct pp_test_buf m = {0};
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	assert_int_equal(pp_render_page(pp, 0, &opts, pp_test_buf_write, &m, &d), 0);
	cairo_surface_t *s = decode_png(&m);
	assert_false(has_ink(s, 0, 100));                        /* nothing above the box */
	assert_true(has_ink(s, 100, 100 + line_h));              /* "second" */
	assert_true(has_ink(s, 100 + line_h, 100 + 2 * line_h)); /* "third" */
	assert_false(has_ink(s, 100 + 2 * line_h + 2, 200));     /* not "fourth" */
	cairo_surface_destroy(s);
	free(m.data);
	pp_diags_fini(&d);
	free_pages(pp);
}

/*
 * Text comes back out of the PDF exactly (fonts' /ToUnicode maps and
 * /ActualText): ligatures (ffi, fl), accented letters, Arabic joined forms,
 * a hyphen at a break and a line's final space.
 */
static void test_pdf_text_extracts(void **state)
{
	(void)state;
	const char *text = "office flow caf\xC3\xA9 \xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7 "
			   "NAAS- to";
	struct pp_pages *pp = pp_xcalloc(1, sizeof *pp);
	struct pp_page *pg = add_page(pp, 595.28, 841.89);
	struct pp_box *b = add_box(pg, PP_BOX_TEXT);
	b->layout = make_layout(text);
	pango_layout_set_width(b->layout, 80 * PANGO_SCALE); /* "NAAS- " ends a line */
	b->x = 72, b->y = 72, b->w = 80, b->h = 200;
	b->first_line = 0, b->n_lines = pango_layout_get_line_count(b->layout);
	struct pp_render_opts opts = {.format = PP_FORMAT_PDF, .creation_time = 1600000000};
	struct pp_test_buf m = {0};
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	assert_int_equal(pp_render_pdf(pp, &opts, pp_test_buf_write, &m, &d), 0);
	char *out = pp_test_pdftotext(&m);
	/* Lines joined, spaces collapsed: where layout broke them does not matter. */
	char *o = out;
	for (char *c = out; *c; c++) {
		char ch = *c == '\n' || *c == '\f' ? ' ' : *c;
		if (!(ch == ' ' && o > out && o[-1] == ' '))
			*o++ = ch;
	}
	*o = '\0';
	assert_non_null(strstr(out, "office flow caf\xC3\xA9"));
	assert_non_null(strstr(out, "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7"));
	assert_non_null(strstr(out, "NAAS- to"));
	free(out);
	pp_diags_fini(&d);
	free(m.data);
	free_pages(pp);
}

static size_t count(const struct pp_test_buf *m, const char *needle)
{
	size_t n = strlen(needle), k = 0;
	for (size_t i = 0; i + n <= m->len; i++)
		k += memcmp(m->data + i, needle, n) == 0;
	return k;
}

/*
 * Each line of a paragraph is one text object: the space that ends a
 * line's word is the last code of the line's TJ string, not a text object
 * (BT ... Tj ET) of its own, and the words still come out apart.
 */
static void test_pdf_line_end_space_in_line(void **state)
{
	(void)state;
	struct pp_pages *pp = pp_xcalloc(1, sizeof *pp);
	struct pp_page *pg = add_page(pp, 595.28, 841.89);
	struct pp_box *b = add_box(pg, PP_BOX_TEXT);
	b->layout = make_layout("alpha beta gamma delta epsilon");
	pango_layout_set_width(b->layout, 40 * PANGO_SCALE); /* a word a line */
	b->x = 72, b->y = 72, b->w = 40, b->h = 200;
	b->first_line = 0, b->n_lines = pango_layout_get_line_count(b->layout);
	assert_int_equal(b->n_lines, 5);
	struct pp_render_opts opts = {.format = PP_FORMAT_PDF, .creation_time = 1600000000};
	struct pp_test_buf m = {0}, c = {0};
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	assert_int_equal(pp_render_pdf(pp, &opts, pp_test_buf_write, &m, &d), 0);
	pp_test_pdf_contents(&m, &c);
	assert_int_equal(count(&c, "BT\n"), 5);
	assert_int_equal(count(&c, "]TJ\n"), 5);
	assert_int_equal(count(&c, "Tj\n"), 0);

	char *out = pp_test_pdftotext(&m);
	for (char *o = out; *o; o++)
		if (*o == '\n' || *o == '\f')
			*o = ' ';
	assert_non_null(strstr(out, "alpha beta gamma delta epsilon"));
	free(out);
	pp_diags_fini(&d);
	free(c.data);
	free(m.data);
	free_pages(pp);
}

/*
 * Glyph codes are literal strings of two bytes a glyph: codes holding the
 * bytes of "(", ")", "\\", CR and LF (Liberation Sans glyphs 40, 41, 92,
 * 13 and 10: "E", "F", "y", "*" and "'") are escaped, and the text comes
 * back exactly.
 */
static void test_pdf_string_escapes(void **state)
{
	(void)state;
	const char *text = "EFy*' (x) \\ it's";
	struct pp_pages *pp = pp_xcalloc(1, sizeof *pp);
	struct pp_page *pg = add_page(pp, 595.28, 841.89);
	struct pp_box *b = add_box(pg, PP_BOX_TEXT);
	b->layout = make_layout(text);
	b->x = 72, b->y = 72, b->w = 400, b->h = 100;
	b->first_line = 0, b->n_lines = 1;
	struct pp_render_opts opts = {.format = PP_FORMAT_PDF, .creation_time = 1600000000};
	struct pp_test_buf m = {0}, c = {0};
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	assert_int_equal(pp_render_pdf(pp, &opts, pp_test_buf_write, &m, &d), 0);
	pp_test_pdf_contents(&m, &c);
	static const char want[][4] = {{0, '\\', '('}, {0, '\\', ')'}, {0, '\\', '\\'},
				       {0, '\\', 'r'}, {0, '\\', 'n'}};
	for (size_t w = 0; w < sizeof want / sizeof want[0]; w++) {
		int found = 0;
		for (size_t i = 0; i + 3 <= c.len && !found; i++)
			found = memcmp(c.data + i, want[w], 3) == 0;
		assert_true(found);
	}
	assert_int_equal(count(&c, "TJ\n"), 1);

	char *out = pp_test_pdftotext(&m);
	assert_non_null(strstr(out, text));
	free(out);
	pp_diags_fini(&d);
	free(c.data);
	free(m.data);
	free_pages(pp);
}

static void test_write_failure_reported(void **state)
{
	(void)state;
	struct pp_pages *pp = sample_pages();
	struct pp_render_opts opts = {.format = PP_FORMAT_PDF, .path = "output/plan.pdf"};
	struct pp_test_buf m = {.fail_after = 100};
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	assert_int_equal(pp_render_pdf(pp, &opts, pp_test_buf_write, &m, &d), -1);
	assert_int_equal(pp_diags_count(&d, PP_MSG_IO_WRITE), 1);
	assert_non_null(strstr(d.entries[0].text, "output/plan.pdf"));
	assert_non_null(strstr(d.entries[0].text, pp_errno_text(ENOSPC)));
	pp_diags_fini(&d);
	free(m.data);

	m = (struct pp_test_buf){.fail_after = 10};
	opts.format = PP_FORMAT_PNG;
	pp_diags_init(&d, NULL);
	assert_int_equal(pp_render_page(pp, 0, &opts, pp_test_buf_write, &m, &d), -1);
	assert_int_equal(pp_diags_count(&d, PP_MSG_IO_WRITE), 1);
	pp_diags_fini(&d);
	free(m.data);
	free_pages(pp);
}

static void test_bad_page_index(void **state)
{
	(void)state;
	struct pp_pages *pp = sample_pages();
	struct pp_render_opts opts = {.format = PP_FORMAT_SVG};
	struct pp_test_buf m = {0};
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	assert_int_equal(pp_render_page(pp, 2, &opts, pp_test_buf_write, &m, &d), -1);
	assert_int_equal(pp_diags_count(&d, PP_MSG_RENDER), 1);
	assert_int_equal(m.len, 0);
	pp_diags_fini(&d);
	free_pages(pp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_format_names),
	    cmocka_unit_test(test_creation_time),
	    cmocka_unit_test(test_pdf_structure),
	    cmocka_unit_test(test_pdf_deterministic),
	    cmocka_unit_test(test_pdf_text_extracts),
	    cmocka_unit_test(test_svg_page),
	    cmocka_unit_test(test_png_pixels),
	    cmocka_unit_test(test_text_line_range),
	    cmocka_unit_test(test_pdf_line_end_space_in_line),
	    cmocka_unit_test(test_pdf_string_escapes),
	    cmocka_unit_test(test_write_failure_reported),
	    cmocka_unit_test(test_bad_page_index),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
