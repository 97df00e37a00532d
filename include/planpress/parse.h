/* SPDX-License-Identifier: MIT */
/*
 * parse.h - read one plan file into the model.
 *
 * The parser uses libxml2 with safe options only: no network, no DTD
 * loading, no entity substitution, no XInclude. It validates against the
 * RelaxNG schema (schema/plan.rng) and records each element's line and
 * column. Every string in the returned model is a copy.
 */
#ifndef PLANPRESS_PARSE_H
#define PLANPRESS_PARSE_H

#include <stddef.h>

#include "planpress/diag.h"
#include "planpress/model.h"

/*
 * The schema is compiled into the program (from schema/plan.rng), so the
 * command works from any directory. The PLANPRESS_SCHEMA environment
 * variable names another schema file to use instead (for schema work).
 *
 * Positions: every model node's loc.file is the document's own path
 * (doc->path). Messages reported while parsing fails use the caller's
 * `path` / `name` string, so it must outlive `diags` entries that are read
 * afterwards. Columns count characters from 1; 0 means unknown.
 * Input limits: at most 64 MiB; UTF-8, or UTF-16 with a byte-order mark;
 * a <!DOCTYPE> is refused (no DTD, no entities, nothing fetched).
 */

/*
 * Parse and validate `path`. Returns a new document the caller frees with
 * pp_doc_free(), or NULL when errors were reported to `diags` (syntax,
 * schema, unreadable file). The result is not yet checked: call
 * pp_check_doc() next.
 */
struct pp_doc *pp_parse_file(const char *path, struct pp_diags *diags);

/*
 * The same from memory; `name` is used in messages ("input/x.xml").
 * For tests and fuzzing.
 */
struct pp_doc *pp_parse_memory(const char *data, size_t len, const char *name,
			       struct pp_diags *diags);

#endif
