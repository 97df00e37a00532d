/* SPDX-License-Identifier: MIT */
/*
 * test_parse_stream.c - a valid plan read in one pass, a part at a time
 * (parse_stream.c), gives exactly the model the whole-tree parse gives,
 * positions included; a faulty plan gets exactly the whole-tree messages;
 * and libxml2's memory while reading does not grow with the plan.
 */
#define _GNU_SOURCE /* malloc_usable_size, open_memstream */
#include <glob.h>
#include <malloc.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libxml/parser.h>
#include <libxml/xmlmemory.h>

#include "alloc.h"
#include "planpress/model.h"
#include "planpress/parse.h"
#include "support.h"

#include "../../src/parse/parse_int.h"

/* ---------- libxml2's memory, counted ------------------------------------ */

static size_t xml_now, xml_peak;

static void *count_malloc(size_t n)
{
	void *p = malloc(n);
	if (p) {
		xml_now += malloc_usable_size(p);
		if (xml_now > xml_peak)
			xml_peak = xml_now;
	}
	return p;
}

static void count_free(void *p)
{
	if (p)
		xml_now -= malloc_usable_size(p);
	free(p);
}

static void *count_realloc(void *p, size_t n)
{
	size_t before = p ? malloc_usable_size(p) : 0;
	void *q = realloc(p, n);
	if (q || n == 0) {
		xml_now -= before;
		if (q)
			xml_now += malloc_usable_size(q);
		if (xml_now > xml_peak)
			xml_peak = xml_now;
	}
	return q;
}

static char *count_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = count_malloc(n);
	if (p)
		memcpy(p, s, n);
	return p;
}

/* ---------- helpers ------------------------------------------------------ */

static char *dump(const struct pp_doc *doc)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	pp_model_dump(doc, f);
	fclose(f);
	return text;
}

/* Parse `data` both ways and expect the same model, or the same messages. */
static int same_both_ways(const char *data, size_t len, const char *name)
{
	struct pp_diags ds, dt;
	pp_diags_init(&ds, NULL);
	pp_diags_init(&dt, NULL);
	struct pp_doc *s = pp_parse_memory(data, len, name, &ds);
	struct pp_doc *t = pp_parse_memory_tree(data, len, name, &dt);
	int ok = (s == NULL) == (t == NULL);
	if (!ok)
		fprintf(stderr, "%s: parsed %s one way only\n", name,
		        s ? "streamed" : "as a tree");
	if (ok && s) {
		char *a = dump(s), *b = dump(t);
		ok = strlen(a) > 100 && strcmp(a, b) == 0;
		if (!ok)
			fprintf(stderr, "%s: the models differ\n", name);
		free(a);
		free(b);
	}
	ok = ok && ds.n_entries == dt.n_entries;
	for (size_t i = 0; ok && i < ds.n_entries; i++) {
		ok = ds.entries[i].id == dt.entries[i].id &&
		     ds.entries[i].loc.line == dt.entries[i].loc.line &&
		     ds.entries[i].loc.col == dt.entries[i].loc.col &&
		     !strcmp(ds.entries[i].text, dt.entries[i].text);
		if (!ok)
			fprintf(stderr, "%s: message %zu differs: %s / %s\n", name, i,
			        ds.entries[i].text, dt.entries[i].text);
	}
	pp_doc_free(s);
	pp_doc_free(t);
	pp_diags_fini(&ds);
	pp_diags_fini(&dt);
	return ok;
}

/* A plan both readers refuse alike, its first error on `line` (0: any). */
static void refused_both_ways(const char *plan, size_t len, const char *name, unsigned line)
{
	assert_true(same_both_ways(plan, len, name));
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	assert_null(pp_parse_memory(plan, len, name, &d));
	assert_true(d.n_errors >= 1);
	if (line)
		assert_int_equal(d.entries[0].loc.line, line);
	pp_diags_fini(&d);
}

/* ---------- every plan we have ------------------------------------------- */

static void test_every_fixture_same_both_ways(void **state)
{
	(void)state;
	static const char *const patterns[] = {"input/*.xml", "tests/golden/*/*.xml",
	                                       "tests/cli/*.xml", "tests/hostile/*.xml"};
	const char *root = pp_test_source_dir();
	size_t n_files = 0, n_valid = 0;
	for (size_t k = 0; k < sizeof patterns / sizeof patterns[0]; k++) {
		char *pattern = pp_xasprintf("%s/%s", root, patterns[k]);
		glob_t g;
		if (glob(pattern, 0, NULL, &g) == 0) {
			for (size_t i = 0; i < g.gl_pathc; i++) {
				const char *rel = g.gl_pathv[i] + strlen(root ? root : ".") + 1;
				size_t len;
				char *data = pp_test_read_source(rel, &len);
				assert_non_null(data);
				assert_true(same_both_ways(data, len, rel));
				struct pp_diags d;
				pp_diags_init(&d, NULL);
				struct pp_doc *doc = pp_parse_memory(data, len, rel, &d);
				n_valid += doc != NULL;
				pp_doc_free(doc);
				pp_diags_fini(&d);
				free(data);
				n_files++;
			}
			globfree(&g);
		}
		free(pattern);
	}
	/* the fixtures hold both kinds: the comparison covered each */
	assert_true(n_files >= 20);
	assert_true(n_valid >= 10);
	assert_true(n_files - n_valid >= 3);
}

/*
 * A real plan broken in many places: cut short, or with one character
 * changed. Either way both parses agree, on the model or on every message.
 */
static void test_damaged_plan_same_both_ways(void **state)
{
	(void)state;
	size_t len;
	char *data = pp_test_read_source("tests/golden/plan/bolton-q1-excerpt.xml", &len);
	assert_non_null(data);
	size_t step = len / 97 + 1, n_valid = 0, n_tried = 0;
	for (size_t at = step; at < len; at += step) {
		assert_true(same_both_ways(data, at, "cut.xml"));
		static const char swaps[] = "<>/\"&x";
		char keep = data[at];
		data[at] = swaps[(at / step) % (sizeof swaps - 1)];
		assert_true(same_both_ways(data, len, "changed.xml"));
		struct pp_diags d;
		pp_diags_init(&d, NULL);
		struct pp_doc *doc = pp_parse_memory(data, len, "changed.xml", &d);
		n_valid += doc != NULL;
		n_tried++;
		pp_doc_free(doc);
		pp_diags_fini(&d);
		data[at] = keep;
	}
	/* some changes fall in text and leave the plan valid, most do not */
	assert_true(n_valid > 0 && n_valid < n_tried);
	free(data);
}

/* ---------- shapes the reader meets -------------------------------------- */

#define HEAD                                                                                   \
	"<?xml version='1.0'?>\n<plan xmlns='urn:planpress:plan:1' lang='cy'>\n"               \
	"<facts><organisation>O</organisation><title>T</title></facts>\n"                      \
	"<periods><quarter id='q1' year='2020' q='1'/></periods>\n"

/*
 * Several themes; priorities sharing a line (columns come from the scan
 * and must stay in step); comments, CDATA and bare text between blocks
 * (positions of bare text); an empty theme; documents after the themes.
 */
static const char shapes[] = HEAD
    "<!-- c --><themes><theme id='a' title='A'><priority id='p1'><title>One</title>"
    "<outcomes>bare <b>text</b><p>para</p>more <![CDATA[<raw>]]> text</outcomes></priority>"
    "<priority id='p2'><title>Two</title></priority>\n"
    "  <!-- between --><?pi x?>\n"
    "  <priority id='p3' ref='R3'><title>Three</title><update period='q1' rag='GREEN'>"
    "<commentary>text<p>x</p>tail</commentary></update></priority></theme>\n"
    "<theme id='b' title='B'/>\n"
    "<theme id='c' title='C' short='Cee'><priority id='p4'><title>Four</title></priority>"
    "<indicator id='k' ref='R&amp;D &#233;' unit='percent' polarity='lower'><title>K</title>"
    "<actual period='q1' reason=''>6&#48;<!-- c -->.5</actual></indicator>"
    "</theme></themes>\n"
    "<documents><document id='d' output='out'><priority-table period='q1'>"
    "<column field='ref'/><column field='title' width='2fr'>Title</column>"
    "</priority-table></document></documents>\n"
    "</plan>\n";

static void test_shapes_same_both_ways(void **state)
{
	(void)state;
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	struct pp_doc *doc = pp_parse_memory(shapes, sizeof shapes - 1, "shapes.xml", &d);
	for (size_t i = 0; !doc && i < d.n_entries; i++)
		fprintf(stderr, "%u:%u: %s\n", d.entries[i].loc.line, d.entries[i].loc.col,
		        d.entries[i].text);
	assert_non_null(doc);
	assert_int_equal(doc->n_themes, 3);
	assert_int_equal(doc->themes[0].n_priorities, 3);
	assert_int_equal(doc->themes[1].n_priorities, 0);
	assert_int_equal(doc->themes[2].n_priorities, 1);
	assert_string_equal(doc->themes[2].priorities[0].id, "p4");
	/* the fourth <priority>, on line 9, starts after "<theme id='c' title='C' short='Cee'>"
	 */
	assert_int_equal(doc->themes[2].priorities[0].loc.line, 9);
	assert_int_equal(doc->themes[2].priorities[0].loc.col, 37);
	/* references in values are read as what they stand for; an empty value is kept */
	const struct pp_indicator *k = &doc->themes[2].indicators[0];
	assert_string_equal(k->ref, "R&D \xc3\xa9");
	assert_string_equal(k->unit_text, "percent");
	assert_string_equal(k->polarity_text, "lower");
	assert_null(k->scale_id);
	assert_string_equal(k->actuals[0].period_id, "q1");
	assert_string_equal(k->actuals[0].reason, "");
	assert_string_equal(k->actuals[0].text, "60.5");
	assert_int_equal(doc->n_documents, 1);
	pp_doc_free(doc);
	pp_diags_fini(&d);
	assert_true(same_both_ways(shapes, sizeof shapes - 1, "shapes.xml"));
}

/* The same plan as UTF-16 with a byte-order mark. */
static void test_utf16_same_both_ways(void **state)
{
	(void)state;
	size_t n = sizeof shapes - 1;
	char *u = pp_xmalloc(2 + 2 * n);
	u[0] = (char)0xFF;
	u[1] = (char)0xFE;
	for (size_t i = 0; i < n; i++) {
		u[2 + 2 * i] = shapes[i];
		u[3 + 2 * i] = 0;
	}
	assert_true(same_both_ways(u, 2 + 2 * n, "utf16.xml"));
	free(u);
}

/* A long plan, with a fault in the middle or at the very end. */
static char *long_plan(size_t n, const char *fault, size_t fault_at, size_t *len)
{
	size_t cap = 0, used = 0;
	char *s = NULL;
#define APPEND(...)                                                                            \
	do {                                                                                   \
		char *part = pp_xasprintf(__VA_ARGS__);                                        \
		size_t l = strlen(part);                                                       \
		PP_GROW(s, used + l + 1, cap);                                                 \
		memcpy(s + used, part, l + 1);                                                 \
		used += l;                                                                     \
		free(part);                                                                    \
	} while (0)
	APPEND("%s<themes><theme id='t' title='T'>\n", HEAD);
	for (size_t i = 0; i < n; i++) {
		APPEND("<priority id='p%zu'><title>Priority %zu</title>\n"
		       "<update period='q1' rag='AMBER'><commentary><p>Some words about %zu, "
		       "enough to take a line or two of the page.</p>%s</commentary></update>"
		       "</priority>\n",
		       i, i, i, i == fault_at ? fault : "");
	}
	APPEND("</theme></themes>\n</plan>\n");
#undef APPEND
	*len = used;
	return s;
}

static void test_faults_reported_as_the_tree_does(void **state)
{
	(void)state;
	size_t len;
	/* an unknown element half way, a syntax fault near the end */
	char *a = long_plan(300, "<bogus/>", 150, &len);
	assert_true(same_both_ways(a, len, "long.xml"));
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	assert_null(pp_parse_memory(a, len, "long.xml", &d));
	assert_int_equal(d.n_errors, 1);
	assert_int_equal(d.entries[0].loc.line, 5 + 2 * 150 + 2); /* its <commentary> line */
	pp_diags_fini(&d);
	free(a);

	char *b = long_plan(300, "<p>unclosed</commentary>", 299, &len);
	assert_true(same_both_ways(b, len, "long.xml"));
	free(b);

	char *c = long_plan(300, "", 0, &len);
	assert_true(same_both_ways(c, len, "long.xml"));
	free(c);
}

/*
 * A part that breaks the schema inside itself (an <item> with two
 * <description>s, a <priority> with two <title>s) is never built: the
 * reader validates a part only as it moves through it, so the builder is
 * handed a copy once the part has passed. Building it anyway leaked the
 * first description (a fuzzing finding); the sanitizer build of this test
 * reports such a leak.
 */
static void test_invalid_part_not_built(void **state)
{
	(void)state;
	static const char plan[] =
	    "<?xml version='1.0'?>\n<plan xmlns='urn:planpress:plan:1'>\n"
	    "<facts><organisation>O</organisation><title>T</title></facts>\n"
	    "<framework><group id='g' label='G'><item id='i1' code='1'>One\n"
	    "<description>first</description><description>second</description></item>"
	    "</group></framework>\n"
	    "<themes><theme id='t' title='T'><priority id='p1'><title>A</title>"
	    "<title>B</title></priority></theme></themes>\n</plan>\n";
	/* the first error at the second <description> */
	refused_both_ways(plan, sizeof plan - 1, "dup.xml", 5);
}

/*
 * An <indicator> is built from the reader's own tree before the reader
 * validates it (no copy): an invalid one, here a description whose table
 * has two captions and an element the schema does not know, must leave
 * nothing behind when the build is abandoned; the sanitizer build of this
 * test reports a leak. Its second <title> is the checker's to report.
 */
static void test_invalid_indicator_built_and_dropped(void **state)
{
	(void)state;
	static const char plan[] =
	    "<?xml version='1.0'?>\n<plan xmlns='urn:planpress:plan:1'>\n"
	    "<facts><organisation>O</organisation><title>T</title></facts>\n"
	    "<themes><theme id='t' title='T'>\n"
	    "<indicator id='k' unit='count' polarity='higher'><title>K</title><title>L</title>"
	    "<description><table><caption>a</caption><caption>b</caption>"
	    "<tr><td>x</td></tr></table></description>\n"
	    "<bogus/></indicator></theme></themes>\n</plan>\n";
	refused_both_ways(plan, sizeof plan - 1, "ind.xml", 0);
}

/*
 * Past line 65,535 libxml2 keeps an element's line only beside its text;
 * the parts the builder is handed are copies, so positions there come
 * from the tag scan. Both ways give the same lines.
 */
static void test_lines_past_65535(void **state)
{
	(void)state;
	size_t pad = 70000;
	const char *tail =
	    "<themes><theme id='t' title='T'>\n<priority id='p1'><title>One</title>"
	    "<outcomes>bare text<p>para</p></outcomes></priority>\n"
	    "<priority id='p2'><title>Two</title></priority></theme></themes>\n</plan>\n";
	size_t len = strlen(HEAD) + 4 + pad + 3 + strlen(tail);
	char *plan = pp_xmalloc(len + 1);
	char *w = plan;
	w += sprintf(w, "%s<!--", HEAD);
	memset(w, '\n', pad);
	w += pad;
	w += sprintf(w, "-->%s", tail);
	assert_int_equal((size_t)(w - plan), len);
	assert_true(same_both_ways(plan, len, "long-lines.xml"));
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	struct pp_doc *doc = pp_parse_memory(plan, len, "long-lines.xml", &d);
	assert_non_null(doc);
	assert_int_equal(doc->themes[0].priorities[0].loc.line, 5 + pad + 1);
	assert_int_equal(doc->themes[0].priorities[0].loc.col, 1);
	assert_int_equal(doc->themes[0].priorities[1].loc.line, 5 + pad + 2);
	pp_doc_free(doc);
	pp_diags_fini(&d);
	free(plan);
}

/*
 * What libxml2 holds while a plan is read does not grow with the plan:
 * ten times the priorities, not even twice the peak (the whole tree would
 * be ten times).
 */
static size_t xml_peak_for(size_t n)
{
	size_t len;
	char *text = long_plan(n, "", 0, &len);
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	xml_peak = xml_now;
	size_t before = xml_now;
	struct pp_doc *doc = pp_parse_memory(text, len, "long.xml", &d);
	assert_non_null(doc);
	assert_int_equal(doc->themes[0].n_priorities, n);
	size_t peak = xml_peak - before;
	pp_doc_free(doc);
	pp_diags_fini(&d);
	free(text);
	return peak;
}

static void test_reader_memory_flat(void **state)
{
	(void)state;
	xml_peak_for(10); /* the schema is compiled once, on first use */
	size_t small = xml_peak_for(400), large = xml_peak_for(4000);
	fprintf(stderr, "libxml2 peak: %zu bytes for 400 priorities, %zu for 4000\n", small,
	        large);
	assert_true(small > 0);
	assert_true(large < 2 * small);
}

int main(void)
{
	/* before libxml2 allocates anything */
	xmlMemSetup(count_free, count_malloc, count_realloc, count_strdup);
	xmlInitParser();
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_fixture_same_both_ways),
	    cmocka_unit_test(test_damaged_plan_same_both_ways),
	    cmocka_unit_test(test_shapes_same_both_ways),
	    cmocka_unit_test(test_utf16_same_both_ways),
	    cmocka_unit_test(test_faults_reported_as_the_tree_does),
	    cmocka_unit_test(test_invalid_part_not_built),
	    cmocka_unit_test(test_invalid_indicator_built_and_dropped),
	    cmocka_unit_test(test_lines_past_65535),
	    cmocka_unit_test(test_reader_memory_flat),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
