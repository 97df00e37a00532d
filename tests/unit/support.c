/* SPDX-License-Identifier: MIT */
/* support.c - helpers shared by the unit tests. */
#define _POSIX_C_SOURCE 200809L /* setenv */
#include "support.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <zlib.h>

#include "alloc.h"
#include "planpress/parse.h"
#include "planpress/template.h"

struct pp_doc *pp_test_load(const char *xml, struct pp_diags *diags)
{
	struct pp_doc *doc = pp_parse_memory(xml, strlen(xml), "test.xml", diags);
	if (!doc)
		return NULL;
	if (pp_check_doc(doc, diags) != 0) {
		pp_doc_free(doc);
		return NULL;
	}
	return doc;
}

const struct pp_style *pp_test_style(const char *name)
{
	static struct {
		char *name;
		struct pp_style *style;
	} loaded[8];
	static size_t n_loaded;
	for (size_t i = 0; i < n_loaded; i++)
		if (strcmp(loaded[i].name, name) == 0)
			return loaded[i].style;
	const char *root = getenv("PP_SOURCE_DIR");
	/* By name from the templates directory, as the command finds it:
	 * "default" then reads the file, over its compiled-in copy. */
	char *dir = pp_xasprintf("%s/templates", root ? root : ".");
	setenv("PLANPRESS_TEMPLATES", dir, 1);
	struct pp_diags d;
	pp_diags_init(&d, stderr);
	struct pp_template_deps deps = { 0 };
	struct pp_style *s = pp_template_load(name, "/nonexistent", NULL, NULL, &d, &deps);
	if (!s || d.n_errors || deps.n == 0 || n_loaded == sizeof loaded / sizeof loaded[0]) {
		fprintf(stderr, "support.c: cannot load %s.xml from %s\n", name, dir);
		abort();
	}
	pp_template_deps_fini(&deps);
	pp_diags_fini(&d);
	free(dir);
	loaded[n_loaded].name = pp_xstrdup(name);
	loaded[n_loaded++].style = s;
	return s;
}

char *pp_test_read_source(const char *relpath, size_t *len)
{
	const char *root = getenv("PP_SOURCE_DIR");
	char *path = pp_xasprintf("%s/%s", root ? root : ".", relpath);
	FILE *f = fopen(path, "rb");
	free(path);
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = pp_xmalloc(cap);
	size_t got;
	while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (cap - n < 2)
			buf = pp_xrealloc(buf, cap *= 2);
	}
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

int pp_test_buf_write(void *closure, const unsigned char *data, size_t len)
{
	struct pp_test_buf *m = closure;
	if (m->fail_after && m->len + len > m->fail_after) {
		errno = ENOSPC;
		return -1;
	}
	PP_GROW(m->data, m->len + len + 1, m->cap);
	memcpy(m->data + m->len, data, len);
	m->len += len;
	m->data[m->len] = '\0';
	return 0;
}

/* The first `needle` in data[from, len), or len. */
static size_t find_from(const unsigned char *data, size_t len, size_t from, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = from; i + n <= len; i++)
		if (memcmp(data + i, needle, n) == 0)
			return i;
	return len;
}

/* Inflate the stream whose dictionary starts at `at` onto `out`, then "\n". */
static void inflate_stream(const struct pp_test_buf *m, size_t at, struct pp_test_buf *out)
{
	size_t len = m->len;
	size_t l = find_from(m->data, len, at, "/Length "), s = find_from(m->data, len, at, ">>\nstream\n");
	if (l >= s || s >= len)
		return;
	size_t clen = strtoul((const char *)m->data + l + 8, NULL, 10);
	s += 10;
	if (s + clen > len)
		return;
	z_stream z = {0};
	if (inflateInit(&z) != Z_OK)
		return;
	z.next_in = m->data + s;
	z.avail_in = (uInt)clen;
	unsigned char buf[65536];
	int rc;
	do {
		z.next_out = buf;
		z.avail_out = sizeof buf;
		rc = inflate(&z, Z_NO_FLUSH);
		pp_test_buf_write(out, buf, sizeof buf - z.avail_out);
	} while (rc == Z_OK);
	inflateEnd(&z);
	pp_test_buf_write(out, (const unsigned char *)"\n", 1);
}

void pp_test_pdf_unpack(const struct pp_test_buf *m, struct pp_test_buf *out)
{
	size_t len = m->len;
	pp_test_buf_write(out, m->data, m->len);
	for (size_t at = find_from(m->data, len, 0, "/Type/ObjStm"); at < len;
	     at = find_from(m->data, len, at + 1, "/Type/ObjStm"))
		inflate_stream(m, at, out);
}

void pp_test_pdf_contents(const struct pp_test_buf *m, struct pp_test_buf *out)
{
	size_t len = m->len;
	for (size_t at = find_from(m->data, len, 0, " obj\n<</Filter/FlateDecode/Length "); at < len;
	     at = find_from(m->data, len, at + 1, " obj\n<</Filter/FlateDecode/Length "))
		inflate_stream(m, at, out);
}

void pp_test_need(const char *tool, const char *probe)
{
	char *cmd = pp_xasprintf("%s >/dev/null 2>&1", probe);
	int rc = system(cmd);
	free(cmd);
	if (rc != 0)
		fail_msg("%s is not installed (or `%s` fails): scripts/install-deps.sh installs "
			 "what the tests need",
			 tool, probe);
}

const char *pp_test_source_dir(void)
{
	const char *root = getenv("PP_SOURCE_DIR");
	if (!root || !*root)
		fail_msg("PP_SOURCE_DIR is not set: run the tests through ctest (make test)");
	return root;
}

char *pp_test_to_file(const struct pp_test_buf *m)
{
	char *path = pp_xstrdup("/tmp/pp-test-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, m->data, m->len), (ssize_t)m->len);
	close(fd);
	return path;
}

char *pp_test_output_of(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	if (!p)
		return NULL;
	struct pp_test_buf m = {0};
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, p)) > 0)
		pp_test_buf_write(&m, (unsigned char *)buf, n);
	pp_test_buf_write(&m, (const unsigned char *)"", 1);
	if (pclose(p) != 0) {
		free(m.data);
		return NULL;
	}
	return (char *)m.data;
}

char *pp_test_pdftotext(const struct pp_test_buf *m)
{
	pp_test_need("pdftotext (poppler-utils)", "pdftotext -v");
	char *path = pp_test_to_file(m);
	char *cmd = pp_xasprintf("pdftotext -raw %s -", path);
	char *text = pp_test_output_of(cmd);
	unlink(path);
	free(path);
	free(cmd);
	if (!text)
		fail_msg("pdftotext could not read the PDF");
	return text;
}
