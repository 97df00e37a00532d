/* SPDX-License-Identifier: MIT */
/* support.c - helpers shared by the unit tests. */
#include "support.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "planpress/parse.h"

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
