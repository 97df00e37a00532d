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

/*
 * Images (a template's logo): limits checked on the bytes before any
 * decoder (libpng, librsvg, gdk-pixbuf) sees them. A council logo is a
 * few megapixels and a few hundred elements; these are far above that and
 * keep the worst image to a second and tens of MB.
 */
#define PP_IMAGE_MAX_BYTES (16u << 20)	/* the file, or an image embedded in an SVG */
#define PP_IMAGE_MAX_SIDE 16384u		/* pixels a side, PNG and JPEG */
#define PP_IMAGE_MAX_PIXELS (4096u * 4096u) /* pixels in all */
/* SVG elements and filter primitives (fe*) drawn: each counted where it is
 * and again every time a <use href="#id"> or url(#id) refers to it. */
#define PP_SVG_MAX_ELEMENTS 100000u
#define PP_SVG_MAX_FILTERS 100u
#define PP_SVG_MAX_TEXT 20000u /* bytes of text laid out, counted likewise */
#define PP_SVG_MAX_DEPTH 64		/* elements inside elements */
#define PP_SVG_MAX_ENTITY_TEXT (64u << 10) /* bytes that entity references expand to */

enum pp_image_verdict {
	PP_IMAGE_OK,	     /* decoding is bounded: go ahead */
	PP_IMAGE_UNREADABLE, /* not an image at all (an SVG that is not XML) */
	PP_IMAGE_REFUSED,    /* over a limit, or refers outside itself */
};

/*
 * Vet an image file's bytes (`svg`: an SVG, else a PNG) against the limits
 * above, without decoding it: a PNG's header and inflated pixel data; an
 * SVG's elements, its references (only "#id" and data:, whose PNG, JPEG or
 * SVG images are vetted in turn), entities and stylesheets. Returns
 * PP_IMAGE_OK, or another verdict with *why set to the reason, which
 * starts with "it" or "not" ("it is 100000 x 100000 pixels (at most ...)";
 * malloc'd, caller frees). A file malformed in a way its decoder refuses
 * at once passes: the decoder gives the reason.
 */
enum pp_image_verdict pp_parse_image_vet(const unsigned char *data, size_t len, int svg,
					 char **why);

#endif
