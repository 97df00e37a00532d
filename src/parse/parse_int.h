/* SPDX-License-Identifier: MIT */
/* parse_int.h - private to the parse stage. */
#ifndef PP_PARSE_INT_H
#define PP_PARSE_INT_H

#include <stddef.h>

#include "planpress/diag.h"

/* Plans larger than this are refused before libxml2 sees them. */
#define PP_PARSE_MAX_MIB 64u

/*
 * Shapes no plan needs, refused before libxml2 sees them because libxml2
 * handles them in quadratic time (its duplicate-attribute check, its
 * RelaxNG matching of long runs of siblings): the bounds keep any file
 * under 64 MiB to seconds. A real plan's element has at most 5 attributes;
 * the largest table we test has 20,000 rows.
 */
#define PP_PARSE_MAX_ATTRS 64u
#define PP_PARSE_MAX_CHILDREN 50000u
/*
 * A poster is one sheet: its tiers, and each tier's boxes, are at most
 * PP_PARSE_MAX_POSTER. libxml2's RelaxNG matching of a <poster columns
 * title> grows with the square of its tiers (10,000 took 5.6 s to
 * validate); a real poster has four or five tiers of a dozen boxes.
 */
#define PP_PARSE_MAX_POSTER 1000u
/*
 * An <indicator>'s elements (written in any order) and a chart <series>'s
 * points are at most PP_PARSE_MAX_FIGURES: libxml2's RelaxNG matching of
 * them grows with the square of their number (20,000 comparators took
 * 6 s to validate, 40,000 took 22 s; 20,000 points 5.4 s), 10,000 take
 * about a second. Forty years of monthly figures with their targets and
 * commentary are under 2,000.
 */
#define PP_PARSE_MAX_FIGURES 10000u
/* Pango re-shapes the rest of a word at each forced break: quadratic. */
#define PP_PARSE_MAX_WORD 10000u
/*
 * A paragraph (text and inline elements between two block tags) or an
 * attribute value is laid out whole, at about 100 bytes a character: 200,000
 * characters (60 pages of one paragraph) take 0.4 s and 40 MB; 9 MB of one
 * paragraph ran out of a 512 MB address space inside GLib, which aborts.
 */
#define PP_PARSE_MAX_PARAGRAPH 200000u

/*
 * One libxml2 well-formedness error as one diagnostic in plain words (a bare
 * "&", an HTML entity, a tag closed under another name ...), located at the
 * character at fault; `data` is the text libxml2 read, for the words around
 * the fault. Callers report only a file's first syntax error.
 */
struct _xmlError;
void pp_xml_syntax_diag(struct pp_diags *diags, const char *file, const struct _xmlError *err,
			const char *data, size_t len);
/*
 * 0 when `root` is <want> in namespace `ns`; otherwise one located error
 * saying what the file is and what to write, and -1.
 */
struct _xmlNode;
struct pp_scan;
int pp_parse_check_root(const struct _xmlNode *root, const char *want, const char *ns,
			const char *file, const struct pp_scan *scan, struct pp_diags *diags);
/* A message of libxml2's in our form: lower case, one line, no final period. */
char *pp_xml_tidy_message(const char *msg);
/* The UTF-8 of what byte 0x80-0xFF is in Windows-1252 ("" if unassigned). */
void pp_cp1252_utf8(unsigned char byte, char out[5]);

/* A place in the text: 1-based line and column, and byte offset. */
struct pp_text_pos {
	unsigned line, col;
	size_t offset;
};

/*
 * One element as the scan saw it, in document order: its start tag's '<',
 * where its content begins (after the start tag's '>') and where the text
 * after it begins (after its end tag, or after "/>").
 */
struct pp_tag_pos {
	unsigned line, col;
	struct pp_text_pos content, after;
};

struct pp_scan {
	struct pp_tag_pos *tags;
	size_t n_tags, cap;
	int utf8; /* columns count code points (1) or bytes (0) */
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
 * Refuse an element with more than PP_PARSE_MAX_ATTRS attributes or more
 * than PP_PARSE_MAX_CHILDREN elements directly inside it (a <poster> or
 * <tier>: PP_PARSE_MAX_POSTER; an <indicator> or <series>:
 * PP_PARSE_MAX_FIGURES), at its start tag, a word (in text, CDATA or an attribute value; it
 * runs on through inline elements only) longer than PP_PARSE_MAX_WORD characters, and a
 * paragraph or attribute value longer than PP_PARSE_MAX_PARAGRAPH characters, where it starts.
 * Run on prepared text before libxml2. Returns 0 or -1 (reported). In the same pass, records
 * every start tag in `scan` as pp_scan_tags does (columns in code points unless the text
 * declares another encoding); free it with pp_scan_fini whatever the result.
 */
int pp_scan_limits(const char *data, size_t len, const char *file, struct pp_diags *diags,
                   struct pp_scan *scan);

/*
 * Record the position of every start tag in `data` (already prepared),
 * skipping comments, processing instructions and CDATA sections. Columns
 * count UTF-8 code points when `utf8`, else bytes. Free with pp_scan_fini.
 */
void pp_scan_tags(const char *data, size_t len, int utf8, struct pp_scan *scan);
void pp_scan_fini(struct pp_scan *scan);

/*
 * The line and column (UTF-8 code points) of byte `offset` of `data`, for
 * messages about a place found without scanning tags (where a file passes
 * the size limit).
 */
struct pp_text_pos pp_scan_pos_at(const char *data, size_t offset);

/* Move `pos` past the whitespace that starts there (to where text really begins). */
int pp_scan_text_start(const char *data, size_t len, int utf8, struct pp_text_pos *pos);

/*
 * Tie each element of the tree under `root` (a libxml2 xmlNode), `root`
 * included, to its scan entry, so messages can give the column libxml2
 * does not keep. `first` is the index in the scan of `root` (the number of
 * elements before it in the text); returns the index of the element that
 * follows the tree. Shared by the plan and template parsers (parse.c).
 */
struct _xmlNode;
size_t pp_scan_assign_columns(struct _xmlNode *root, const struct pp_scan *scan, size_t first);
/* The same for one element `n` alone, at scan index `i`; returns i + 1. */
size_t pp_scan_assign_column(struct _xmlNode *n, const struct pp_scan *scan, size_t i);

/* Does the XML declaration name an encoding other than UTF-8 (or UTF-16)? */
int pp_scan_declares_other_encoding(const char *data, size_t len);

struct _xmlDoc;

/*
 * Validate against the schema (parse_schema.c), reporting the specific
 * faults of each cascade in document order. Returns 0 when valid.
 */
struct _xmlRelaxNG;
int pp_parse_validate(struct _xmlDoc *xdoc, struct _xmlRelaxNG *schema,
		      const struct pp_scan *scan, const char *file, struct pp_diags *diags);

/* The libxml2 tree to model step (parse_build.c). */
struct pp_doc;
struct pp_doc *pp_parse_build(struct _xmlDoc *xdoc, const char *path, const struct pp_scan *scan,
			      const char *text, size_t len);

/*
 * The same step a part at a time, for a reader that never holds the whole
 * tree (parse_stream.c): pp_build_plan with the <plan> element (its
 * attributes only), then in document order pp_build_part with each whole
 * child of <plan> other than <themes>, pp_build_theme with each <theme>
 * (attributes only) and pp_build_priority with each whole <priority> of
 * the last theme given. Elements must carry their scan entries
 * (pp_scan_assign_columns). The input is schema-valid.
 */
struct pp_build;
struct pp_build *pp_build_new(const char *path, const struct pp_scan *scan, const char *text,
			      size_t len);
void pp_build_plan(struct pp_build *pb, const struct _xmlNode *plan);
void pp_build_part(struct pp_build *pb, const struct _xmlNode *n);
void pp_build_theme(struct pp_build *pb, const struct _xmlNode *theme);
void pp_build_priority(struct pp_build *pb, const struct _xmlNode *priority);
/* A whole <indicator> of the current theme (its own, not a priority's). */
void pp_build_indicator(struct pp_build *pb, const struct _xmlNode *indicator);
/* A <value> of the theme last begun (other theme children are ignored). */
void pp_build_theme_value(struct pp_build *pb, const struct _xmlNode *value);
struct pp_doc *pp_build_finish(struct pp_build *pb);
void pp_build_abandon(struct pp_build *pb);

/*
 * Parse, validate and build `data` in one pass with libxml2's reader,
 * holding one part of the plan (one <priority>, or one other child of
 * <plan>) in memory at a time besides the model. `scan` is the text's tag
 * scan, `utf8` whether to read the bytes as UTF-8 whatever they declare.
 * Reports nothing: returns NULL at the first syntax or schema fault, and
 * the caller parses the text again as a whole tree to say what is wrong.
 */
struct _xmlRelaxNG;
struct pp_doc *pp_parse_stream(const char *data, size_t len, const char *name, int utf8,
			       struct _xmlRelaxNG *schema, const struct pp_scan *scan);

/*
 * pp_parse_memory as a whole tree only: the path that reports faults.
 * Valid plans give the same model either way (tests compare them).
 */
struct pp_doc *pp_parse_memory_tree(const char *data, size_t len, const char *name,
				    struct pp_diags *diags);

/*
 * The scan entry of an element (parse.c matches them up and checks each
 * line against libxml2's), or NULL when unknown: then a position has no
 * column rather than a guessed one.
 */
struct _xmlNode;
const struct pp_tag_pos *pp_parse_node_tag(const struct pp_scan *scan,
					    const struct _xmlNode *node);
unsigned pp_parse_node_col(const struct pp_scan *scan, const struct _xmlNode *node);

#endif
