/* SPDX-License-Identifier: MIT */
/*
 * test_image.c - pp_parse_image_vet: a PNG is judged by its header and its
 * inflated pixel data, an SVG by what it would draw and what it refers
 * to; each limit passes at its value and refuses one past it, with a
 * reason. The hostile files themselves are in tests/hostile/test_images.sh.
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
#include <zlib.h>

#include "planpress/parse.h"

static size_t put_chunk(unsigned char *out, const char *type, const unsigned char *data,
			uint32_t len)
{
	out[0] = (unsigned char)(len >> 24);
	out[1] = (unsigned char)(len >> 16);
	out[2] = (unsigned char)(len >> 8);
	out[3] = (unsigned char)len;
	memcpy(out + 4, type, 4);
	if (len)
		memcpy(out + 8, data, len);
	uLong crc = crc32(crc32(0, NULL, 0), out + 4, len + 4);
	for (int i = 0; i < 4; i++)
		out[8 + len + i] = (unsigned char)(crc >> (24 - 8 * i));
	return 12 + len;
}

/* A grey 8-bit PNG of w x h whose IDAT inflates to `raw` zero bytes. */
static unsigned char *gray_png(uint32_t w, uint32_t h, size_t raw, size_t *len)
{
	unsigned char *zeros = calloc(raw ? raw : 1, 1);
	uLong zcap = compressBound(raw);
	unsigned char *z = malloc(zcap);
	assert_int_equal(compress(z, &zcap, zeros, raw), Z_OK);
	unsigned char *p = malloc(8 + 25 + 12 + zcap + 12);
	memcpy(p, "\x89PNG\r\n\x1a\n", 8);
	unsigned char ihdr[13] = {0};
	for (int i = 0; i < 4; i++) {
		ihdr[i] = (unsigned char)(w >> (24 - 8 * i));
		ihdr[4 + i] = (unsigned char)(h >> (24 - 8 * i));
	}
	ihdr[8] = 8; /* depth; colour type 0: grey */
	size_t n = 8;
	n += put_chunk(p + n, "IHDR", ihdr, 13);
	n += put_chunk(p + n, "IDAT", z, (uint32_t)zcap);
	n += put_chunk(p + n, "IEND", NULL, 0);
	free(zeros);
	free(z);
	*len = n;
	return p;
}

static enum pp_image_verdict vet_png(uint32_t w, uint32_t h, size_t raw, char **why)
{
	size_t len;
	unsigned char *p = gray_png(w, h, raw, &len);
	enum pp_image_verdict v = pp_parse_image_vet(p, len, 0, why);
	free(p);
	return v;
}

static enum pp_image_verdict vet_svg(const char *body, char **why)
{
	char *svg = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&svg, &n);
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
		   "xmlns:xlink=\"http://www.w3.org/1999/xlink\">%s</svg>",
		body);
	fclose(f);
	enum pp_image_verdict v = pp_parse_image_vet((const unsigned char *)svg, n, 1, why);
	free(svg);
	return v;
}

/* `whyp` is read after `got` was computed (arguments are evaluated first). */
static void expect(enum pp_image_verdict got, enum pp_image_verdict want, char **whyp,
		   const char *reason)
{
	char *why = *whyp;
	*whyp = NULL;
	if (got != want || (reason && (!why || !strstr(why, reason))))
		fail_msg("verdict %d, wanted %d; reason \"%s\", wanted \"%s\"", got, want,
			 why ? why : "(none)", reason ? reason : "(none)");
	free(why);
}

static void test_png_dimensions(void **state)
{
	(void)state;
	char *why = NULL;
	/* 4096 x 4096 is the most; its rows are 4097 bytes with the filter byte. */
	expect(vet_png(4096, 4096, 4097, &why), PP_IMAGE_OK, &why, NULL);
	expect(vet_png(4097, 4096, 10, &why), PP_IMAGE_REFUSED, &why,
	       "it is 4097 x 4096 pixels (at most 16384 a side and 16777216 in all)");
	expect(vet_png(16384, 1024, 10, &why), PP_IMAGE_OK, &why, NULL);
	expect(vet_png(16385, 1, 10, &why), PP_IMAGE_REFUSED, &why, "16385 x 1 pixels");
	expect(vet_png(1, 16385, 10, &why), PP_IMAGE_REFUSED, &why, "1 x 16385 pixels");
	/* A header libpng refuses at once is libpng's to report. */
	expect(vet_png(0, 10, 10, &why), PP_IMAGE_OK, &why, NULL);
	expect(pp_parse_image_vet((const unsigned char *)"\x89PNG\r\n\x1a\nbroken", 14, 0, &why),
	       PP_IMAGE_OK, &why, NULL);
}

static void test_png_inflated_size(void **state)
{
	(void)state;
	char *why = NULL;
	/* 100 x 100 grey: 100 rows of 101 bytes. */
	expect(vet_png(100, 100, 10100, &why), PP_IMAGE_OK, &why, NULL);
	expect(vet_png(100, 100, 10101, &why), PP_IMAGE_REFUSED, &why,
	       "it inflates to more than the 10100 bytes of pixel data its 100 x 100 pixels "
	       "need");
	expect(vet_png(100, 100, 50u << 20, &why), PP_IMAGE_REFUSED, &why, "inflates");
}

static void test_svg_references(void **state)
{
	(void)state;
	char *why = NULL;
	expect(vet_svg("<defs><rect id=\"r\" width=\"1\" height=\"1\"/></defs>"
		       "<use href=\"#r\"/><use xlink:href=\"#r\"/><rect fill=\"url(#r)\"/>",
		       &why),
	       PP_IMAGE_OK, &why, NULL);
	expect(vet_svg("<a href=\"https://example.org/\"><rect/></a>", &why), PP_IMAGE_OK, &why,
	       NULL);
	expect(vet_svg("<image href=\"logo.png\"/>", &why), PP_IMAGE_REFUSED, &why,
	       "it refers to \"logo.png\", outside the image");
	expect(vet_svg("<image xlink:href=\" /etc/passwd\"/>", &why), PP_IMAGE_REFUSED, &why,
	       "\"/etc/passwd\"");
	expect(vet_svg("<use href=\"other.svg#a\"/>", &why), PP_IMAGE_REFUSED, &why,
	       "\"other.svg#a\"");
	expect(vet_svg("<rect style=\"fill: url( 'x.svg#p' )\"/>", &why), PP_IMAGE_REFUSED, &why,
	       "\"x.svg#p\"");
	expect(vet_svg("<style>@import 'a.css';</style>", &why), PP_IMAGE_REFUSED, &why,
	       "@import");
	expect(vet_svg("<g id=\"a\"><use href=\"#a\"/></g>", &why), PP_IMAGE_REFUSED, &why,
	       "refers to itself");
	expect(vet_svg("<image href=\"data:image/gif;base64,R0lG\"/>", &why), PP_IMAGE_REFUSED,
	       &why, "type \"image/gif\"");
	/* An embedded PNG is vetted like a file (base64 of a 1 x 1 grey PNG is fine). */
	size_t len;
	unsigned char *p = gray_png(1, 1, 2, &len);
	char *b64 = malloc(len * 2 + 4);
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t k = 0;
	for (size_t i = 0; i < len; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16 | (i + 1 < len ? (uint32_t)p[i + 1] << 8 : 0) |
			     (i + 2 < len ? p[i + 2] : 0);
		b64[k++] = set[v >> 18 & 63];
		b64[k++] = set[v >> 12 & 63];
		b64[k++] = i + 1 < len ? set[v >> 6 & 63] : '=';
		b64[k++] = i + 2 < len ? set[v & 63] : '=';
	}
	b64[k] = '\0';
	char *body = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&body, &n);
	fprintf(f, "<image href=\"data:image/png;base64,%s\"/>", b64);
	fclose(f);
	expect(vet_svg(body, &why), PP_IMAGE_OK, &why, NULL);
	free(body);
	free(b64);
	free(p);
}

static void test_svg_counts(void **state)
{
	(void)state;
	char *why = NULL;
	/* 5 levels of 10 <use>s: about 111,111 elements drawn, one level fewer 11,111. */
	char body[4096];
	size_t n = (size_t)snprintf(body, sizeof body, "<defs><rect id=\"u0\"/>");
	for (int i = 1; i <= 5; i++) {
		n += (size_t)snprintf(body + n, sizeof body - n, "<g id=\"u%d\">", i);
		for (int k = 0; k < 10; k++)
			n += (size_t)snprintf(body + n, sizeof body - n, "<use href=\"#u%d\"/>", i - 1);
		n += (size_t)snprintf(body + n, sizeof body - n, "</g>");
	}
	snprintf(body + n, sizeof body - n, "</defs>");
	expect(vet_svg(body, &why), PP_IMAGE_REFUSED, &why, "would draw more than 100000 elements");
	*strstr(body, "<g id=\"u5\">") = '\0';
	strcat(body, "</defs>");
	expect(vet_svg(body, &why), PP_IMAGE_OK, &why, NULL);
	/* Filters: 100 primitives pass, 101 do not; the one in <filter>
	 * counts where it is defined, and again at each of 99 or 100 uses. */
	char fb[8192];
	n = (size_t)snprintf(fb, sizeof fb, "<filter id=\"f\"><feOffset/></filter>");
	for (int i = 0; i < 99; i++)
		n += (size_t)snprintf(fb + n, sizeof fb - n, "<rect filter=\"url(#f)\"/>");
	expect(vet_svg(fb, &why), PP_IMAGE_OK, &why, NULL);
	strcat(fb, "<rect filter=\"url(#f)\"/>");
	expect(vet_svg(fb, &why), PP_IMAGE_REFUSED, &why, "filter effects more than 100 times");
	/* Text: 20,000 bytes laid out pass, one more does not; a <use> lays it out again. */
	char *text = malloc(50000);
	snprintf(text, 50000, "<text id=\"t\">%020000d</text>", 0);
	expect(vet_svg(text, &why), PP_IMAGE_OK, &why, NULL);
	snprintf(text, 50000, "<text>%020001d</text><style>%020000d</style>", 0, 0);
	expect(vet_svg(text, &why), PP_IMAGE_REFUSED, &why, "more than 20000 bytes of text");
	snprintf(text, 50000, "<text id=\"t\">%010001d</text><use href=\"#t\"/>", 0);
	expect(vet_svg(text, &why), PP_IMAGE_REFUSED, &why, "more than 20000 bytes of text");
	free(text);
}

static void test_svg_xml(void **state)
{
	(void)state;
	char *why = NULL;
	const char *text = "not an image";
	expect(pp_parse_image_vet((const unsigned char *)text, strlen(text), 1, &why),
	       PP_IMAGE_UNREADABLE, &why, "not a readable SVG file (line 1: ");
	const char *ent = "<!DOCTYPE svg [<!ENTITY a \"x\"><!ENTITY b \"&a;&a;\">]>"
			  "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&b;</text></svg>";
	expect(pp_parse_image_vet((const unsigned char *)ent, strlen(ent), 1, &why),
	       PP_IMAGE_REFUSED, &why, "an entity \"b\" that holds markup or other entities");
	const char *plain = "<!DOCTYPE svg [<!ENTITY a \"x\">]>"
			    "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&a;</text></svg>";
	expect(pp_parse_image_vet((const unsigned char *)plain, strlen(plain), 1, &why),
	       PP_IMAGE_OK, &why, NULL);
	char deep[2048] = "";
	for (int i = 0; i < 64; i++)
		strcat(deep, "<g>");
	for (int i = 0; i < 64; i++)
		strcat(deep, "</g>");
	expect(vet_svg(deep, &why), PP_IMAGE_REFUSED, &why, "nests elements more than 64 deep");
	/* 63 <g> in the <svg>: 64 deep, the most. */
	deep[0] = '\0';
	for (int i = 0; i < 63; i++)
		strcat(deep, "<g>");
	for (int i = 0; i < 63; i++)
		strcat(deep, "</g>");
	expect(vet_svg(deep, &why), PP_IMAGE_OK, &why, NULL);
	unsigned char big[1] = {'<'};
	expect(pp_parse_image_vet(big, PP_IMAGE_MAX_BYTES + 1u, 1, &why), PP_IMAGE_REFUSED, &why,
	       "it is larger than 16 MiB");
}

/* Numbers too large to draw (a fuzzing finding: librsvg panicked on a
 * font 2e23 pixels high and aborted the process); ordinary ones pass. */
static void test_svg_numbers(void **state)
{
	(void)state;
	char *why = NULL;
	expect(vet_svg("<style>.t { font: bold 211111111111111111111110px sans-serif }</style>"
		       "<text class=\"t\" y=\"9\">Council</text>", &why),
	       PP_IMAGE_REFUSED, &why, "holds the number \"211111111111111111111110\"");
	expect(vet_svg("<text y=\"9\" font-size=\"2e23\">x</text>", &why), PP_IMAGE_REFUSED,
	       &why, "holds the number \"2e23\"");
	expect(vet_svg("<rect width=\"12345678901\" height=\"1\"/>", &why), PP_IMAGE_REFUSED,
	       &why, "too large to draw");
	expect(vet_svg("<rect style=\"width: 0.5E+12px\" height=\"1\"/>", &why),
	       PP_IMAGE_REFUSED, &why, "\"0.5E+12\"");
	/* nine digits, long fractions, tiny exponents, names and colours */
	expect(vet_svg("<rect width=\"123456789\" height=\"0.000000000001234567\" "
		       "x=\"1e-30\" y=\"5e8\" fill=\"#111111\" id=\"glyph12345678901\"/>",
		       &why),
	       PP_IMAGE_OK, &why, NULL);
	/* the digits of a data: URI's base64 are not numbers */
	expect(vet_svg("<image width=\"1\" height=\"1\" href=\"data:text/plain;base64,"
		       "MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=\"/>", &why),
	       PP_IMAGE_REFUSED, &why, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_png_dimensions),   cmocka_unit_test(test_png_inflated_size),
	    cmocka_unit_test(test_svg_references),   cmocka_unit_test(test_svg_counts),
	    cmocka_unit_test(test_svg_xml),          cmocka_unit_test(test_svg_numbers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
