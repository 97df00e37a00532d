/* SPDX-License-Identifier: MIT */
/*
 * filter.h - row filters of tables (where="..."): a small expression
 * language, parsed once by check and evaluated by layout through a
 * callback that gives a row's value of a name. Any table may use it: the
 * filter knows no field; its caller says which names exist and what a
 * row holds.
 *
 * Grammar (keywords in any case; docs/format.md, "Filters"):
 *
 *   filter    := condition { "and" condition }
 *   condition := "not" condition
 *              | name "is" [ "not" ] value { ( "," | "or" ) value }
 *   name      := letters, digits, '-', '_', ':' ("status", "field:directorate")
 *   value     := 'quoted text' | "quoted text"
 *              | bare words up to ",", "or", "and" or the end ("On target")
 *
 * "status is RED or AMBER" holds for a row whose status is either;
 * "not trend is Worse" and "trend is not Worse" are the same filter.
 * Values compare as words: ASCII case and runs of spaces ignored.
 * A row with no value of a name (the callback gives NULL) is no value's:
 * "status is RED" is false there and "status is not RED" true.
 */
#ifndef PLANPRESS_FILTER_H
#define PLANPRESS_FILTER_H

#include <stddef.h>

#include "planpress/diag.h"

struct pp_filter;

/*
 * Parse `text`. On a syntax error reports PP_MSG_BAD_FILTER at `loc` (the
 * element holding the filter) naming what was expected and where, and
 * returns NULL. Free the result with pp_filter_free (accepts NULL).
 *   struct pp_filter *f = pp_filter_parse("status is RED or AMBER", &loc, diags);
 */
struct pp_filter *pp_filter_parse(const char *text, const struct pp_loc *loc,
                                  struct pp_diags *diags);
void pp_filter_free(struct pp_filter *f);

/*
 * Each condition of `f` in written order: its name and its values, which
 * the caller may replace (free the old string, store a malloc'd new one)
 * to settle spellings at check (a status's id as its label). Return 0 to
 * go on, anything else to stop.
 */
typedef int (*pp_filter_visit_fn)(void *closure, const char *name, char **values,
                                  size_t n_values);
void pp_filter_visit(struct pp_filter *f, pp_filter_visit_fn fn, void *closure);

/*
 * A row's value of `name`, or NULL when the row has none. The string is
 * read before the next call; when the callback made it, it sets *owned to
 * it and the filter frees it.
 */
typedef const char *(*pp_filter_value_fn)(void *row, const char *name, char **owned);

/* Does the row satisfy `f`? (1 or 0; a NULL filter keeps every row.) */
int pp_filter_match(const struct pp_filter *f, pp_filter_value_fn value, void *row);

/* Do `a` and `b` say the same words (ASCII case and spaces ignored)? */
int pp_filter_same_words(const char *a, const char *b);

#endif
