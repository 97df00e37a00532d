/* SPDX-License-Identifier: MIT */
/* parse_int.h - private to the parse stage. */
#ifndef PP_PARSE_INT_H
#define PP_PARSE_INT_H

#include <stddef.h>

#include "planpress/diag.h"

/* Plans larger than this are refused before libxml2 sees them. */
#define PP_PARSE_MAX_MIB 64u

/* Where each start tag's '<' is, in document order (1-based line and column). */
struct pp_tag_pos {
	unsigned line, col;
};

struct pp_scan {
	struct pp_tag_pos *tags;
	size_t n_tags, cap;
};

/*
 * Prepare the bytes of a plan for libxml2. A UTF-16 file (with its BOM) is
 * converted to UTF-8 (*out_utf8 set; caller frees). Then the (UTF-8 or
 * other ASCII-compatible) text is checked for what we refuse before
 * parsing: NUL bytes, invalid UTF-8 (when `utf8` and no other encoding is
 * declared), and any <!DOCTYPE>. Errors go to `diags` at `file`:line:col.
 * Returns 0 when the text may be parsed, -1 otherwise. When `*converted`
 * is set, parse *out_utf8 (*out_len bytes) as UTF-8 instead of `data`.
 */
int pp_scan_prepare(const char *data, size_t len, const char *file, struct pp_diags *diags,
		    char **out_utf8, size_t *out_len, int *converted);

/*
 * Record the position of every start tag in `data` (already prepared),
 * skipping comments, processing instructions and CDATA sections. Columns
 * count UTF-8 code points when `utf8`, else bytes. Free with pp_scan_fini.
 */
void pp_scan_tags(const char *data, size_t len, int utf8, struct pp_scan *scan);
void pp_scan_fini(struct pp_scan *scan);

/* Does the XML declaration name an encoding other than UTF-8 (or UTF-16)? */
int pp_scan_declares_other_encoding(const char *data, size_t len);

/* The libxml2 tree to model step (parse_build.c). */
struct _xmlDoc;
struct pp_doc;
struct pp_doc *pp_parse_build(struct _xmlDoc *xdoc, const char *path);

/* Column recorded for an element by parse.c, or 0 when unknown. */
struct _xmlNode;
unsigned pp_parse_node_col(const struct _xmlNode *node);

#endif
