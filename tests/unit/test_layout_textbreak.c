/* SPDX-License-Identifier: MIT */
/*
 * test_layout_textbreak.c - text_break.c against pango_default_break(): for
 * a battery of tricky strings (numbers, URLs, quotes, dashes, slashes,
 * abbreviations, non-breaking and soft hyphens, combining marks, Greek,
 * Cyrillic, paragraph delimiters) and for many pseudo-random strings over
 * every character it knows, every field it promises equals Pango's; a text
 * with a character it does not know is refused. Its single-script check
 * agrees with pango_script_iter.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <pango/pango.h>

/* A layout-stage module under test: its private header. */
#include "../../src/layout/text_break.h"

/* Both ways over the UTF-8 text s (its own length); fails naming the first
 * character that differs. Returns whether text_break knew every character. */
static int compare(const char *s, int len)
{
	int n = (int)g_utf8_strlen(s, len);
	gunichar *ch = calloc((size_t)n + 1, sizeof *ch);
	int k = 0;
	for (const char *p = s; p < s + len; p = g_utf8_next_char(p))
		ch[k++] = g_utf8_get_char(p);
	PangoLogAttr *a = calloc((size_t)n + 1, sizeof *a);
	PangoLogAttr *b = calloc((size_t)n + 1, sizeof *b);
	int known = text_break_chars(ch, n, a);
	if (known) {
		pango_default_break(s, len, NULL, b, n + 1);
		int bad = text_break_differ(a, b, n + 1);
		if (bad) {
			const PangoLogAttr *x = &a[bad - 1], *y = &b[bad - 1];
			fail_msg("\"%.*s\": character %d: line %d/%d mandatory %d/%d char %d/%d "
				 "white %d/%d cursor %d/%d word %d/%d hyphen %d/%d removes %d/%d",
				 len, s, bad - 1, x->is_line_break, y->is_line_break,
				 x->is_mandatory_break, y->is_mandatory_break, x->is_char_break,
				 y->is_char_break, x->is_white, y->is_white,
				 x->is_cursor_position, y->is_cursor_position,
				 x->is_word_boundary, y->is_word_boundary,
				 x->break_inserts_hyphen, y->break_inserts_hyphen,
				 x->break_removes_preceding, y->break_removes_preceding);
		}
	}
	free(ch);
	free(a);
	free(b);
	return known;
}

static void same(const char *s)
{
	if (!compare(s, (int)strlen(s)))
		fail_msg("\"%s\": refused", s);
}

static const char *const battery[] = {
	"",
	" ",
	"a",
	"Hello world",
	"  two  spaces  ",
	"1,000 and 20/21 and (Q1) and e.g. this",
	"3.5% of £1,200.50 (2020/21) - up 4.2%, was $3,100",
	"€12,000 +5% -7% ±3 #4 No. 7 §2.1",
	"Q1-Q4 2021-22 2021–22 2021—22 well-being co-operate",
	"a - b -- c --- d",
	"-5 -a (-3) [-x] {+7}",
	"https://www.example.org/plan/2021-22/index.html?q=1&r=2#top",
	"www.bolton.gov.uk/children and info@example.com",
	"and/or either/or 1/2 a/b/c /start end/",
	"\"quoted\" 'single' “curly” ‘curly’ „low“ «guillemets» ‹one›",
	"don't it's children's the '90s rock'n'roll",
	"e.g. i.e. etc. U.S.A. Dr. Smith vs. Jones",
	"Mr.Smith 3.14 v1.2.3 a.b.c ...and…",
	"end. Next! Really? Yes; no: maybe,",
	"(a) [b] {c} (1) [2] {3} ((x)) a(b)c 1(2)3",
	"50% 50 % %50 $5 5$ 5€ €5",
	"non\u00a0breaking 10\u00a0km \u00a0lead trail\u00a0",
	"soft\u00adhyphen sh\u00ady \u00ad \u00ad\u00ad x\u00ad-y",
	"hyphen\u2010ated non\u2011breaking figure\u2012dash en\u2013dash em\u2014dash bar\u2015",
	"dagger\u2020 double\u2021 bullet\u2022 one\u2024dot two\u2025 ellipsis\u2026 hy\u2027phen",
	"per\u2030mille prime\u2032 double\u2033 \u2039angle\u203a \u2044fraction 1\u20442",
	"\u2045bracket\u2046 \u204e\u204f\u2050\u2051 \u2052 \u2053 \u205e",
	"Ελληνικά κείμενα, «εισαγωγικά»; ερώτηση; 3,14",
	"Русский текст — «цитата», 1 000 руб. и т.д.",
	"Cyrillic marks \u0410\u0483\u0484 \u0483start x\u0488\u0489 \u0485\u0486",
	"Ṁultiple ḍiacritics ẞ ỳ ǅungla Ǆ ǈ",
	"Ǳ ǲ ǳ ȡ ȸ ɏ",
	"line one\nline two\n",
	"a\nb",
	"\n",
	"trailing space ",
	"x  \n  y",
	"123abc abc123 1a2b3c A1 1A",
	"1.000,50 1'000 1’000 1 000",
	"snake_case __init__ a_1 _x_",
	"C++ C# F# .NET node.js ./a ../b ~/c",
	"@handle #tag *star* a*b a&b a+b a=b a<b a>b a|b a\\b a^b a`b a~b",
	"!! ?? !? ¿Qué? ¡Sí!",
	"(Q1) 2020/21: 45% (target 50%) – RAG: Amber; next review 01/04/2021.",
	"Key Performance Indicator (KPI) 3.2b: % of EHCPs issued within 20 weeks",
	"ÀÉÎÕÜ àéîõü ÇçÑñ ßÿ Œœ Ææ Øø Åå Ðð Þþ",
	"¡¢£¤¥¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿×÷",
	"0123456789 ½ ¼ ¾ ² ³ ¹",
	"\u00b7middle\u00b7dot a\u00b7b 1\u00b71 \u0387greek\u0387",
	"Ԁԁ Ԧԧ Ԯԯ",
	"mixedΑlphabetsЖ and Ω-omega Ж-zh",
	"‐‑‒–—―‖‗‘’‚‛“”„‟†‡•‣․‥…‧",
	"a‘b a’b 1‘2 1’2 a‚b a„b",
	"ends with hyphen-",
	"-",
	"--",
	"'",
	"a'",
	"'a",
	"1'",
	"1'2",
	"a.",
	".a",
	"1.",
	".1",
};

static void test_battery(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof battery / sizeof *battery; i++)
		same(battery[i]);
}

/* Every character text_break knows, alone and between letters, digits,
 * spaces and punctuation. */
static const gunichar ranges[][2] = {
	{ 0x0a, 0x0a },	    { 0x20, 0x7e },	{ 0xa0, 0x24f },   { 0x370, 0x52f },
	{ 0x1e00, 0x1fff }, { 0x2010, 0x2027 }, { 0x2030, 0x205e }, { 0x20ac, 0x20ac },
};

static void test_every_char(void **state)
{
	(void)state;
	static const char *const around[] = { "a", "1", " ", "-", ".", "(", ")", "'", "\u0483",
					      "\u00a0", "%", "/", "\u00ad", "\n" };
	size_t n_around = sizeof around / sizeof *around;
	for (size_t r = 0; r < sizeof ranges / sizeof *ranges; r++)
		for (gunichar c = ranges[r][0]; c <= ranges[r][1]; c++) {
			char u[8] = { 0 };
			g_unichar_to_utf8(c, u);
			same(u);
			for (size_t i = 0; i < n_around; i++)
				for (size_t j = 0; j < n_around; j++) {
					char s[64];
					snprintf(s, sizeof s, "%s%s%s%s%s", around[i], u, around[j], u,
						 around[i]);
					same(s);
				}
		}
}

/* Pseudo-random strings (a fixed seed: the same strings every run) drawn
 * mostly from characters whose classes interact, some from anywhere in the
 * known set. */
static void test_random(void **state)
{
	(void)state;
	static const gunichar pool[] = {
		'a', 'Z', '1', '0', ' ', ' ', '-', '.', ',', ':', ';', '/', '(', ')', '[', ']',
		'{', '}', '\'', '"', '%', '$', '+', '#', '!', '?', '&', '_', '\n', 0xa0, 0xad,
		0xa3, 0xb0, 0xb1, 0xb7, 0xab, 0xbb, 0xbf, 0xa1, 0x483, 0x488, 0x3b1, 0x416,
		0x2010, 0x2011, 0x2013, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2024,
		0x2026, 0x2027, 0x2030, 0x2032, 0x2039, 0x2044, 0x20ac, 0x1e9e, 0x1fbd,
	};
	size_t n_pool = sizeof pool / sizeof *pool;
	guint32 seed = 12345;
	char s[128];
	for (int t = 0; t < 200000; t++) {
		int len = 1 + (int)(seed % 9);
		int o = 0;
		for (int i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			guint32 v = seed >> 8;
			gunichar c;
			if (v % 8) {
				c = pool[v / 8 % n_pool];
			} else {
				size_t r = v / 8 % (sizeof ranges / sizeof *ranges);
				c = ranges[r][0] + (v / 64) % (ranges[r][1] - ranges[r][0] + 1);
			}
			o += g_unichar_to_utf8(c, s + o);
		}
		assert_true(compare(s, o));
	}
}

/* text_break_script: one run, the script pango_script_iter finds; refused
 * when Pango would find several runs. */
static void script_same(const char *s, int want_known)
{
	int n = (int)g_utf8_strlen(s, -1);
	gunichar *ch = g_utf8_to_ucs4_fast(s, -1, NULL);
	PangoScript got;
	int known = text_break_script(ch, n, &got);
	g_free(ch);
	if (known != want_known)
		fail_msg("\"%s\": single script %d, expected %d", s, known, want_known);
	if (!known)
		return;
	PangoScriptIter *si = pango_script_iter_new(s, -1);
	const char *rs, *re;
	PangoScript want;
	pango_script_iter_get_range(si, &rs, &re, &want);
	assert_int_equal(pango_script_iter_next(si), 0);
	pango_script_iter_free(si);
	if (got != want)
		fail_msg("\"%s\": script %d, Pango %d", s, got, want);
}

static void test_script(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof battery / sizeof *battery; i++) {
		const char *s = battery[i];
		int latin = 0, greek = 0, cyrillic = 0;
		for (const char *p = s; *p; p = g_utf8_next_char(p)) {
			GUnicodeScript sc = g_unichar_get_script(g_utf8_get_char(p));
			latin |= sc == G_UNICODE_SCRIPT_LATIN;
			greek |= sc == G_UNICODE_SCRIPT_GREEK;
			cyrillic |= sc == G_UNICODE_SCRIPT_CYRILLIC;
		}
		if (*s)
			script_same(s, latin + greek + cyrillic <= 1);
	}
	script_same("(a) [\u03b1] {\u0436}", 0);
	script_same("((( 1 ))) [2]", 1);
	script_same("\u0485\u0486 x", 1);
	script_same("\u0483 x", 0);
	script_same("(\u0436) \u0436\u0483", 1);
	script_same("\u05d0", 0);
}

static void test_unknown_refused(void **state)
{
	(void)state;
	static const gunichar unknown[] = { '\t', '\r', 0x7f, 0x85, 0x300, 0x5d0, 0x627, 0xe01,
					    0x1100, 0x200b, 0x200d, 0x2028, 0x2060, 0x3042,
					    0x4e00, 0x1f600 };
	for (size_t i = 0; i < sizeof unknown / sizeof *unknown; i++) {
		gunichar ch[3] = { 'a', unknown[i], 'b' };
		PangoLogAttr a[4] = { 0 };
		assert_int_equal(text_break_chars(ch, 3, a), 0);
		assert_int_equal(a[1].is_line_break, 0);
		assert_int_equal(a[1].is_white, 0);
	}
}

/* The comparison itself notices a difference in each field. */
static void test_differ(void **state)
{
	(void)state;
	PangoLogAttr a[3] = { 0 }, b[3] = { 0 };
	assert_int_equal(text_break_differ(a, b, 3), 0);
	b[2].break_inserts_hyphen = 1;
	assert_int_equal(text_break_differ(a, b, 3), 3);
	b[2].break_inserts_hyphen = 0;
	b[1].is_line_break = 1;
	assert_int_equal(text_break_differ(a, b, 3), 2);
	b[1].is_line_break = 0;
	b[0].is_white = 1;
	assert_int_equal(text_break_differ(a, b, 3), 1);
	b[0].is_white = 0;
	b[0].is_sentence_start = 1; /* not a field text_break promises */
	assert_int_equal(text_break_differ(a, b, 3), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_battery),
		cmocka_unit_test(test_every_char),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_script),
		cmocka_unit_test(test_unknown_refused),
		cmocka_unit_test(test_differ),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
