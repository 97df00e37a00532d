/* SPDX-License-Identifier: MIT */
/*
 * test_pdf_write.c - the PDF object writer (src/render/pdf_write.h):
 * offsets in the xref point at their objects, forward references through
 * reserved numbers, printf's text, compressed streams, a file qpdf accepts, the same bytes
 * for the same objects, and write failures reported once, not crashed on.
 */
#define _POSIX_C_SOURCE 200809L /* mkstemp */

#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "alloc.h"
/* The writer is private to the render stage: its header is included by path. */
#include "../../src/render/pdf_write.h"
#include "support.h"

struct sink {
	unsigned char *data;
	size_t len, cap;
	size_t fail_after; /* fail a write that would pass this many bytes; 0: never */
	int calls_after_failure, failed;
};

static int sink_write(void *closure, const unsigned char *data, size_t len)
{
	struct sink *s = closure;
	if (s->failed)
		s->calls_after_failure++;
	if (s->fail_after && s->len + len > s->fail_after) {
		s->failed = 1;
		errno = ENOSPC;
		return -1;
	}
	PP_GROW(s->data, s->len + len + 1, s->cap);
	memcpy(s->data + s->len, data, len);
	s->len += len;
	s->data[s->len] = '\0';
	return 0;
}

/* The first `needle` in the file (which holds binary streams), or NULL. */
static const char *find(const struct sink *s, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= s->len; i++)
		if (memcmp(s->data + i, needle, n) == 0)
			return (const char *)s->data + i;
	return NULL;
}

/* A small document: catalog, pages, one page whose content is a stream,
 * written after the page that refers to it (a reserved number). */
static int write_doc_as(struct sink *s, const char *text, int compact, int extra)
{
	struct pdf_writer w;
	pdf_writer_init(&w, sink_write, s);
	if (compact)
		pdf_writer_compact(&w);
	pdf_puts(&w, "%PDF-1.7\n");
	unsigned pages = pdf_reserve(&w), page = pdf_reserve(&w), content = pdf_reserve(&w);
	pdf_obj_begin(&w, page);
	pdf_printf(&w, "<</Type/Page/Parent %u 0 R/MediaBox [0 0 200 100]/Contents %u 0 R"
		       "/Resources<<>>>>",
		   pages, content);
	pdf_obj_end(&w);
	struct pdf_buf c = {0};
	for (int i = 0; i < 200; i++) {
		pdf_buf_num(&c, i * 0.5);
		pdf_buf_puts(&c, " 10 1 1 re f\n");
	}
	pdf_buf_puts(&c, text);
	pdf_stream(&w, content, NULL, c.data, c.len, 1);
	pdf_buf_free(&c);
	pdf_obj_begin(&w, pages);
	pdf_printf(&w, "<</Type/Pages/Kids[%u 0 R]/Count 1>>", page);
	pdf_obj_end(&w);
	unsigned info = pdf_reserve(&w), root = pdf_reserve(&w);
	pdf_obj_begin(&w, info);
	pdf_puts(&w, "<</Producer(test)>>");
	pdf_obj_end(&w);
	for (int i = 0; i < extra; i++) { /* unreferenced objects: fills object streams */
		pdf_obj_begin(&w, pdf_reserve(&w));
		pdf_printf(&w, "<</N %d>>", i);
		pdf_obj_end(&w);
	}
	pdf_obj_begin(&w, root);
	pdf_printf(&w, "<</Type/Catalog/Pages %u 0 R>>", pages);
	pdf_obj_end(&w);
	int rc = pdf_finish(&w, root, info);
	pdf_writer_fini(&w);
	return rc;
}

static int write_doc(struct sink *s, const char *text)
{
	return write_doc_as(s, text, 0, 0);
}

/* Run the shell command `pre` PATH `post`, PATH a temporary file of s's bytes. */
static int check_with(const struct sink *s, const char *pre, const char *post)
{
	char path[] = "/tmp/test_pdf_write_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, s->data, s->len), (ssize_t)s->len);
	close(fd);
	char *line = pp_xasprintf("%s%s%s", pre, path, post);
	int rc = system(line);
	free(line);
	unlink(path);
	return rc;
}

/* Compact: dictionaries in object streams of 100, a cross-reference
 * stream, nothing of them readable in the file, and qpdf reads every
 * object back with no warning; the same objects give the same bytes. */
static void test_compact(void **state)
{
	(void)state;
	struct sink s = {0}, again = {0};
	assert_int_equal(write_doc_as(&s, "BT ET\n", 1, 250), 0);
	assert_int_equal(write_doc_as(&again, "BT ET\n", 1, 250), 0);
	assert_int_equal(s.len, again.len);
	assert_memory_equal(s.data, again.data, s.len);
	assert_null(find(&s, "/Type/Catalog"));
	assert_null(find(&s, "\nxref\n"));
	assert_non_null(find(&s, "/Type/XRef"));
	assert_non_null(find(&s, "/Type/ObjStm/N 100/"));
	assert_non_null(find(&s, "/ID [<"));
	assert_int_equal(check_with(&s, "qpdf --check ", " >/dev/null 2>&1"), 0);
	assert_int_equal(check_with(&s, "test \"$(qpdf --show-npages ", ")\" = 1"), 0);
	/* every dictionary in an object stream: 4 of the page, 250 more */
	assert_int_equal(check_with(&s, "test \"$(qpdf --show-xref ",
				    " | grep -c 'compressed; stream = ')\" = 254"), 0);
	free(s.data);
	free(again.data);
}

static void test_numbers(void **state)
{
	(void)state;
	struct pdf_buf b = {0};
	double v[] = {0, 1, -1, 12.5, 0.0004, 0.0005, -3.25, 595.2756, 1e15, -0.0001};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		pdf_buf_num(&b, v[i]);
		pdf_buf_put(&b, " ", 1);
	}
	pdf_buf_put(&b, "", 1);
	assert_string_equal((char *)b.data, "0 1 -1 12.5 0 0.001 -3.25 595.276 0 0 ");
	/* Every number is llround(v * 1000) thousandths, trailing zeros
	 * dropped: halves round away from zero, as llround does. */
	for (int i = -300000; i <= 300000; i += 7) {
		double w = i / 997.0 + (i % 3) * 0.0005;
		b.len = 0;
		pdf_buf_num(&b, w);
		pdf_buf_put(&b, "", 1);
		long long m = llround(w * 1000.0);
		char want[48];
		snprintf(want, sizeof want, "%s%lld.%03lld", m < 0 ? "-" : "", llabs(m) / 1000,
			 llabs(m) % 1000);
		size_t n = strlen(want);
		while (want[n - 1] == '0')
			want[--n] = '\0';
		if (want[n - 1] == '.')
			want[--n] = '\0';
		assert_string_equal((char *)b.data, want);
	}
	b.len = 0;
	pdf_buf_text(&b, "a(b)\\");
	pdf_buf_text(&b, "\xC3\xA9\xF0\x9F\x98\x80"); /* é and an emoji: UTF-16 with a pair */
	pdf_buf_put(&b, "", 1);
	assert_string_equal((char *)b.data, "(a\\(b\\)\\\\)<FEFF00E9D83DDE00>");
	pdf_buf_free(&b);
}

/* pdf_buf_printf prints what snprintf prints, whether it formats the
 * integers and strings itself or not. */
static void test_printf(void **state)
{
	(void)state;
	struct pdf_buf b = {0};
	char want[512];
	unsigned us[] = {0, 7, 10, 99, 4294967295u};
	size_t zs[] = {0, 1, 1000000, (size_t)-1};
	for (size_t i = 0; i < sizeof us / sizeof us[0]; i++)
		for (size_t k = 0; k < sizeof zs / sizeof zs[0]; k++) {
			b.len = 0;
			pdf_buf_printf(&b, "<</P %u 0 R/S/%s%%/K %zu>> %u", us[i], "TD", zs[k],
				       us[i]);
			pdf_buf_printf(&b, "%04X%d|%s", us[i], -3, "");
			pdf_buf_put(&b, "", 1);
			snprintf(want, sizeof want, "<</P %u 0 R/S/%s%%/K %zu>> %u%04X%d|%s", us[i],
				 "TD", zs[k], us[i], us[i], -3, "");
			assert_string_equal((char *)b.data, want);
		}
	/* A conversion of snprintf's own after some of ours: the whole
	 * is printed again, after what the buffer held; long output too. */
	b.len = 0;
	pdf_buf_puts(&b, "kept ");
	pdf_buf_printf(&b, "%u %s %zu %5.1f|%-300s|%%", 42u, "x", (size_t)7, 2.25, "pad");
	pdf_buf_put(&b, "", 1);
	snprintf(want, sizeof want, "kept %u %s %zu %5.1f|%-300s|%%", 42u, "x", (size_t)7, 2.25,
	         "pad");
	assert_string_equal((char *)b.data, want);
	pdf_buf_free(&b);
}

/* Unsigned numbers and object references, as pdf_buf_printf's %u prints them. */
static void test_uint_ref(void **state)
{
	(void)state;
	struct pdf_buf b = {0};
	pdf_buf_uint(&b, 0);
	pdf_buf_put(&b, " ", 1);
	pdf_buf_uint(&b, 18446744073709551615ull);
	pdf_buf_put(&b, " ", 1);
	pdf_buf_ref(&b, 1);
	pdf_buf_put(&b, "/", 1);
	pdf_buf_ref(&b, 4294967295u);
	pdf_buf_put(&b, "", 1);
	assert_string_equal((char *)b.data, "0 18446744073709551615 1 0 R/4294967295 0 R");
	pdf_buf_free(&b);
}

static void test_xref_offsets(void **state)
{
	(void)state;
	struct sink s = {0};
	assert_int_equal(write_doc(&s, "BT ET\n"), 0);
	const char *d = (const char *)s.data;
	const char *sx = find(&s, "startxref\n");
	assert_non_null(sx);
	long xref = atol(sx + 10);
	assert_memory_equal(d + xref, "xref\n0 ", 7);
	int n = atoi(d + xref + 7);
	assert_int_equal(n, 6); /* 0 and five objects */
	const char *e = strchr(d + xref + 5, '\n') + 1 + 20; /* past entry 0 */
	for (int i = 1; i < n; i++, e += 20) {
		long off = atol(e);
		char want[32];
		snprintf(want, sizeof want, "%d 0 obj\n", i);
		assert_memory_equal(d + off, want, strlen(want));
	}
	assert_non_null(find(&s, "/Filter/FlateDecode"));
	assert_non_null(find(&s, "/ID [<"));
	free(s.data);
}

/* qpdf (scripts/install-deps.sh installs it) reads the file without
 * complaint, inflating the stream. */
static void test_qpdf_check(void **state)
{
	(void)state;
	pp_test_need("qpdf", "qpdf --version");
	struct sink s = {0};
	assert_int_equal(write_doc(&s, "BT ET\n"), 0);
	char path[] = "/tmp/test_pdf_write_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, s.data, s.len), (ssize_t)s.len);
	close(fd);
	char *cmd = pp_xasprintf("qpdf --check %s >/dev/null 2>&1", path);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	unlink(path);
	free(s.data);
}

static void test_deterministic(void **state)
{
	(void)state;
	struct sink a = {0}, b = {0}, c = {0};
	assert_int_equal(write_doc(&a, "BT ET\n"), 0);
	assert_int_equal(write_doc(&b, "BT ET\n"), 0);
	assert_int_equal(write_doc(&c, "BT  ET\n"), 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	/* Other content, another /ID. */
	const char *ia = find(&a, "/ID ["), *ic = find(&c, "/ID [");
	assert_non_null(ia);
	assert_non_null(ic);
	assert_memory_not_equal(ia, ic, 40);
	free(a.data);
	free(b.data);
	free(c.data);
}

static void test_write_failure(void **state)
{
	(void)state;
	/* Fail at the start, in the middle and at the very end of the file. */
	struct sink whole = {0};
	assert_int_equal(write_doc(&whole, "BT ET\n"), 0);
	size_t at[] = {1, whole.len / 2, whole.len - 1};
	for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
		struct sink s = {.fail_after = at[i]};
		assert_int_equal(write_doc(&s, "BT ET\n"), -1);
		assert_true(s.failed);
		assert_int_equal(s.calls_after_failure, 0); /* no writes after the first failure */
		free(s.data);
	}
	free(whole.data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_numbers),
	    cmocka_unit_test(test_printf),
	    cmocka_unit_test(test_uint_ref),
	    cmocka_unit_test(test_xref_offsets),
	    cmocka_unit_test(test_qpdf_check),
	    cmocka_unit_test(test_compact),
	    cmocka_unit_test(test_deterministic),
	    cmocka_unit_test(test_write_failure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
