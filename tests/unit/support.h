/* SPDX-License-Identifier: MIT */
/* support.h - helpers shared by the unit tests. */
#ifndef PP_TEST_SUPPORT_H
#define PP_TEST_SUPPORT_H

#include <stddef.h>

#include "planpress/diag.h"
#include "planpress/model.h"
#include "planpress/style.h"

/* Parse and check an XML string; NULL (with diags filled) on error. */
struct pp_doc *pp_test_load(const char *xml, struct pp_diags *diags);

/*
 * Bytes written to memory: a pp_write_fn (render.h) target. data is kept
 * NUL-terminated for string searches. A write that would take len past
 * fail_after fails with ENOSPC (a full disk); 0 means never.
 */
struct pp_test_buf {
	unsigned char *data;
	size_t len, cap;
	size_t fail_after;
};
int pp_test_buf_write(void *closure, const unsigned char *data, size_t len);

/*
 * The PDF in m with the objects of its object streams readable, into an
 * empty `out` (free out->data): m's bytes, then the inflated content of
 * every /Type/ObjStm stream, so searches and counts see every object's
 * dictionary.
 */
void pp_test_pdf_unpack(const struct pp_test_buf *m, struct pp_test_buf *out);

/*
 * Onto `out`: the inflated bytes of every stream of m whose dictionary
 * has only /Filter and /Length (page contents, /ToUnicode maps and
 * CIDToGIDMaps), each followed by a newline.
 */
void pp_test_pdf_contents(const struct pp_test_buf *m, struct pp_test_buf *out);

/*
 * The shipped template templates/NAME.xml under PP_SOURCE_DIR, loaded once
 * and kept for the life of the test: the looks live only in those files,
 * so the tests lay out with what the command uses. A template that does
 * not load fails the test.
 */
const struct pp_style *pp_test_style(const char *name);

/*
 * Tools the tests read their results with (pdftotext, qpdf, python3) are
 * installed by scripts/install-deps.sh: a missing one fails the calling
 * test, never skips it. `probe` is the command that shows it is there.
 */
void pp_test_need(const char *tool, const char *probe);

/* The source tree (PP_SOURCE_DIR, which CTest sets); its absence fails. */
const char *pp_test_source_dir(void);

/* `m` in a temporary file; returns its path (free() it, unlink() it). */
char *pp_test_to_file(const struct pp_test_buf *m);

/* What a command prints, or NULL when it cannot run or fails; free() it. */
char *pp_test_output_of(const char *cmd);

/* The text poppler reads from the PDF in m (`pdftotext -raw`); free() it.
 * pdftotext missing or failing fails the test. */
char *pp_test_pdftotext(const struct pp_test_buf *m);

/* Read a file under the source tree (PP_SOURCE_DIR); caller frees. */
char *pp_test_read_source(const char *relpath, size_t *len);

#endif
