/* SPDX-License-Identifier: MIT */
/* test_filter.c - the where="..." grammar (filter.h): what parses, what is
 * refused with which message, and which rows a filter keeps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "planpress/filter.h"

static char *copy(const char *s)
{
	char *c = malloc(strlen(s) + 1);
	assert_non_null(c);
	return strcpy(c, s);
}

static const struct pp_loc here = {"plan.xml", 12, 9};

/* A row as name=value pairs; a name not listed has no value. */
struct row {
	const char *pairs[8][2];
};

static const char *row_value(void *closure, const char *name, char **owned)
{
	const struct row *r = closure;
	(void)owned;
	for (size_t i = 0; i < 8 && r->pairs[i][0]; i++)
		if (strcmp(r->pairs[i][0], name) == 0)
			return r->pairs[i][1];
	return NULL;
}

/* A value the callback makes: the filter frees it. */
static const char *made_value(void *closure, const char *name, char **owned)
{
	(void)closure;
	(void)name;
	*owned = copy("Worse");
	return *owned;
}

static int matches(const char *text, const struct row *r)
{
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	struct pp_filter *f = pp_filter_parse(text, &here, &d);
	assert_non_null(f);
	assert_int_equal(d.n_errors, 0);
	int m = pp_filter_match(f, row_value, (void *)r);
	pp_filter_free(f);
	pp_diags_fini(&d);
	return m;
}

static void one_condition_any_value(void **state)
{
	(void)state;
	struct row red = {{{"status", "RED"}}}, green = {{{"status", "GREEN"}}};
	assert_true(matches("status is RED or AMBER", &red));
	assert_false(matches("status is RED or AMBER", &green));
	assert_true(matches("status is RED, AMBER, or GREEN", &green));
	assert_true(matches("status is AMBER, GREEN", &green));
}

static void words_ignore_case_and_spaces(void **state)
{
	(void)state;
	struct row r = {{{"status", "On target"}, {"trend", "No change"}}};
	assert_true(matches("status is on  TARGET", &r));
	assert_true(matches("status IS 'On Target'", &r));
	assert_true(matches("trend is No change", &r));
	assert_false(matches("status is Ontarget", &r));
	assert_true(pp_filter_same_words(" On   target ", "on target"));
	assert_false(pp_filter_same_words("on", "on target"));
	assert_false(pp_filter_same_words(NULL, "x"));
}

static void and_not_and_is_not(void **state)
{
	(void)state;
	struct row r = {
	    {{"status", "AMBER"}, {"trend", "Worse"}, {"field:directorate", "Place"}}};
	assert_true(matches("status is RED or AMBER and trend is Worse", &r));
	assert_false(matches("status is RED or AMBER and trend is Better", &r));
	assert_true(matches("field:directorate is 'Place' and not trend is Better", &r));
	assert_false(matches("not status is AMBER", &r));
	assert_false(matches("status is not AMBER", &r));
	assert_true(matches("not not status is AMBER", &r));
	assert_true(matches("status is not RED", &r));
	/* quotes keep keywords as words of the value */
	struct row q = {{{"field:team", "Planning and Housing"}}};
	assert_true(matches("field:team is \"Planning and Housing\"", &q));
}

static void a_row_without_the_value(void **state)
{
	(void)state;
	struct row none = {{{NULL, NULL}}};
	assert_false(matches("status is RED", &none));
	assert_true(matches("status is not RED", &none));
	assert_true(matches("not status is RED", &none));
}

static void callback_made_values_are_freed(void **state)
{
	(void)state;
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	struct pp_filter *f = pp_filter_parse("trend is worse", &here, &d);
	assert_non_null(f);
	assert_true(pp_filter_match(f, made_value, NULL));
	pp_filter_free(f);
	pp_diags_fini(&d);
	assert_true(pp_filter_match(NULL, made_value, NULL)); /* no filter: every row */
}

/* Each bad filter: one PP_MSG_BAD_FILTER at the element, saying what was
 * expected and where. */
static void bad_filters_say_what_was_expected(void **state)
{
	(void)state;
	static const struct {
		const char *text, *says;
	} cases[] = {
	    {"status is", "expected a value at the end"},
	    {"status RED", "expected \"is\" after the name at character 8 (\"RED\")"},
	    {"status is RED and", "expected a name (status, trend, field:ID ...) at the end"},
	    {"status is RED or", "expected a value at the end"},
	    {"status is 'RED", "expected a closing ' after the value at the end"},
	    {"status is ''", "expected a value between the quotes"},
	    {"", "expected a name"},
	    {"is RED", "expected \"is\" after the name at character 4 (\"RED\")"},
	    {"status is 'RED' AMBER",
	     "expected \"and\", \"or\" or the end at character 17 (\"AMBER\")"},
	    {"(status is RED)", "expected a name (status, trend, field:ID ...) at character 1"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct pp_diags d;
		pp_diags_init(&d, NULL);
		assert_null(pp_filter_parse(cases[i].text, &here, &d));
		assert_int_equal(d.n_errors, 1);
		assert_int_equal(d.entries[0].id, PP_MSG_BAD_FILTER);
		assert_int_equal(d.entries[0].loc.line, 12);
		assert_int_equal(d.entries[0].loc.col, 9);
		if (!strstr(d.entries[0].text, cases[i].says))
			fail_msg("\"%s\": got %s", cases[i].text, d.entries[0].text);
		pp_diags_fini(&d);
	}
}

struct seen {
	char names[4][32];
	size_t n_values[4];
	size_t n;
};

static int visit(void *closure, const char *name, char **values, size_t n_values)
{
	struct seen *s = closure;
	snprintf(s->names[s->n], sizeof s->names[0], "%s", name);
	s->n_values[s->n++] = n_values;
	/* settle a spelling, as check does for a status's id */
	if (strcmp(values[0], "behind") == 0) {
		free(values[0]);
		values[0] = copy("Behind target");
	}
	return 0;
}

static void visit_gives_conditions_and_settles_values(void **state)
{
	(void)state;
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	struct pp_filter *f =
	    pp_filter_parse("status is behind or failing and field:dir is Place", &here, &d);
	struct seen s = {0};
	pp_filter_visit(f, visit, &s);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.names[0], "status");
	assert_int_equal(s.n_values[0], 2);
	assert_string_equal(s.names[1], "field:dir");
	assert_int_equal(s.n_values[1], 1);
	struct row r = {{{"status", "Behind target"}, {"field:dir", "place"}}};
	assert_true(pp_filter_match(f, row_value, &r));
	pp_filter_free(f);
	pp_diags_fini(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(one_condition_any_value),
	    cmocka_unit_test(words_ignore_case_and_spaces),
	    cmocka_unit_test(and_not_and_is_not),
	    cmocka_unit_test(a_row_without_the_value),
	    cmocka_unit_test(callback_made_values_are_freed),
	    cmocka_unit_test(bad_filters_say_what_was_expected),
	    cmocka_unit_test(visit_gives_conditions_and_settles_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
