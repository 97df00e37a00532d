/* SPDX-License-Identifier: MIT */
/*
 * test_diag.c - what a message shows of a quoted value (pp_escape): every
 * control character, C1 control, bidirectional control and stray byte is
 * written out, never passed to the terminal, and a cut never splits one.
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "planpress/diag.h"

/* The escaped text of `s`, checked against the length pp_escape promises. */
static char *escaped(const char *s)
{
	size_t n = pp_escape(NULL, 0, s);
	char *out = malloc(n + 1);
	assert_non_null(out);
	assert_int_equal(pp_escape(out, n + 1, s), n);
	assert_int_equal(strlen(out), n);
	return out;
}

static void expect(const char *in, const char *want)
{
	char *got = escaped(in);
	assert_string_equal(got, want);
	free(got);
}

static void c0_and_del_are_c_escapes(void **state)
{
	(void)state;
	expect("a\nb\tc", "a\\nb\\tc");
	expect("\x1b[2J\r\x01\x7f", "\\x1B[2J\\x0D\\x01\\x7F");
}

static void c1_controls_are_shown(void **state)
{
	(void)state;
	/* U+0085 (next line), U+009B (CSI: starts a terminal command) */
	expect("id\xc2\x85x\xc2\x9b"
	       "31m",
	       "id<U+0085>x<U+009B>31m");
	expect("\xc2\x80\xc2\x9f", "<U+0080><U+009F>");
	/* U+00A0 and U+00E9 are text, not controls */
	expect("\xc2\xa0\xc3\xa9", "\xc2\xa0\xc3\xa9");
}

static void bidi_controls_are_shown(void **state)
{
	(void)state;
	expect("\xe2\x80\xae"
	       "en\xe2\x81\xa6\xe2\x81\xa9\xd8\x9c\xe2\x80\x8e\xe2\x80\x8f",
	       "<U+202E>en<U+2066><U+2069><U+061C><U+200E><U+200F>");
	expect("\xe2\x80\xaa\xe2\x80\xa8\xe2\x80\xa9", "<U+202A><U+2028><U+2029>");
	/* Arabic and Polish text pass unchanged */
	expect("\xd9\x85\xd8\xad\xd9\x85\xd8\xaf \xc5\x81\xc3\xb3\xc5\xba",
	       "\xd9\x85\xd8\xad\xd9\x85\xd8\xaf \xc5\x81\xc3\xb3\xc5\xba");
}

static void bytes_that_are_not_utf8_are_hex(void **state)
{
	(void)state;
	/* a lone 8-bit CSI, a Latin-1 e-acute, an overlong '/', a cut sequence */
	expect("a\x9b"
	       "b\xe9\xc0\xaf\xe2\x80",
	       "a\\x9Bb\\xE9\\xC0\\xAF\\xE2\\x80");
	/* an encoded surrogate */
	expect("\xed\xa0\x80", "\\xED\\xA0\\x80");
}

static void a_cut_keeps_whole_pieces(void **state)
{
	(void)state;
	char buf[8];
	/* "ab<U+0085>" needs 10 bytes: the escape is left out whole */
	assert_int_equal(pp_escape(buf, sizeof buf, "ab\xc2\x85"), 10);
	assert_string_equal(buf, "ab");
	assert_int_equal(pp_escape(buf, sizeof buf, "abcdef\xc3\xa9"), 8);
	assert_string_equal(buf, "abcdef");
	assert_int_equal(pp_escape(buf, 1, "abc"), 3);
	assert_string_equal(buf, "");
}

/* The sink prints through the escape: a forged line cannot appear. */
static void the_sink_escapes_what_it_prints(void **state)
{
	(void)state;
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	assert_non_null(out);
	struct pp_diags d;
	pp_diags_init(&d, out);
	struct pp_loc loc = {"plan\xc2\x9b.xml", 3, 4};
	pp_diagf(&d, PP_MSG_UNKNOWN_PRIORITY, &loc, "p1\nplan.xml:1:1: error: forged\xc2\x85");
	fclose(out);
	assert_string_equal(text, "plan<U+009B>.xml:3:4: error: unknown priority "
	                          "\"p1\\nplan.xml:1:1: error: forged<U+0085>\"\n");
	/* the kept entry is the value itself */
	assert_non_null(strchr(d.entries[0].text, '\n'));
	pp_diags_fini(&d);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(c0_and_del_are_c_escapes),
	    cmocka_unit_test(c1_controls_are_shown),
	    cmocka_unit_test(bidi_controls_are_shown),
	    cmocka_unit_test(bytes_that_are_not_utf8_are_hex),
	    cmocka_unit_test(a_cut_keeps_whole_pieces),
	    cmocka_unit_test(the_sink_escapes_what_it_prints),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
