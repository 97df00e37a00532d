/* SPDX-License-Identifier: MIT */
/*
 * parse_stream.c - read a valid plan in one pass, a part at a time.
 *
 * libxml2's reader parses and validates against the RelaxNG schema as it
 * goes. We step into <plan>, <themes> and each <theme>, and expand every
 * other element at those levels (a <priority>, <facts>, <documents> ...)
 * into a complete subtree. The reader validates a subtree only as it
 * moves through it, freeing each node it passes, so we copy the subtree,
 * move past it, and hand the copy to the builder (parse_build.c) only if
 * nothing was wrong: building an invalid part could leak (a second
 * <title> where the builder expects one). An <indicator> is the exception:
 * its builder takes any well-formed tree without leaking (it keeps the
 * first of a repeated child), so it is built from the reader's tree before
 * the reader moves past it, with no copy; at the first fault the whole
 * build is abandoned, so nothing built from an invalid part is used. So a
 * plan of 20,000 priorities never holds more than one of them as a tree,
 * and peak memory is the text, its tag scan and the model.
 *
 * This pass only ever succeeds or gives up: at the first syntax or schema
 * fault it returns NULL without a word, and parse.c parses the text again
 * as a whole tree, whose messages say exactly what is wrong and where.
 * Both passes use the same libxml2 options and the same schema.
 */
#include <string.h>

#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include "parse_int.h"
#include "planpress/model.h"

#if LIBXML_VERSION >= 21200
#define PP_XML_ERROR const xmlError
#else
#define PP_XML_ERROR xmlError
#endif

static void note_fault(void *ctx, PP_XML_ERROR *err)
{
	int *faults = ctx;
	if (err && (err->level == XML_ERR_ERROR || err->level == XML_ERR_FATAL))
		(*faults)++;
}

/*
 * A copy of the expanded part `n`, its elements tied to the same scan
 * entries (a copy has no _private, and lines only up to 65535).
 */
static xmlNode *copy_part(xmlNode *n)
{
	xmlNode *copy = xmlDocCopyNode(n, n->doc, 1);
	/* the two trees have one shape: walk them together, in pre-order */
	for (xmlNode *a = n, *b = copy; a && b;) {
		b->_private = a->_private;
		if (a->type == XML_ELEMENT_NODE && a->children && b->children) {
			a = a->children;
			b = b->children;
			continue;
		}
		while (a && a != n && !a->next) {
			a = a->parent;
			b = b->parent;
		}
		if (!a || a == n)
			break;
		a = a->next;
		b = b->next;
	}
	return copy;
}

static int named(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/*
 * Elements the reader steps into rather than expanding: only their
 * attributes are read, and their children come one at a time.
 */
enum level { LEVEL_PLAN, LEVEL_THEMES, LEVEL_THEME, LEVEL_PART };

static enum level level_of(const xmlNode *n, int depth)
{
	if (depth == 0)
		return LEVEL_PLAN;
	if (depth == 1 && named(n, "themes"))
		return LEVEL_THEMES;
	if (depth == 2 && named(n, "theme") && named(n->parent, "themes"))
		return LEVEL_THEME;
	return LEVEL_PART;
}

struct pp_doc *pp_parse_stream(const char *data, size_t len, const char *name, int utf8,
                               xmlRelaxNG *schema, const struct pp_scan *scan)
{
	int faults = 0;
	struct pp_build *pb = NULL;
	size_t next_tag = 0; /* scan index of the next element the reader meets */
	xmlTextReaderPtr r =
	    xmlReaderForMemory(data, (int)len, name, utf8 ? "UTF-8" : NULL,
	                       XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA);
	if (!r)
		return NULL;
	xmlSetStructuredErrorFunc(&faults, note_fault);
	xmlTextReaderSetStructuredErrorHandler(r, note_fault, &faults);
	if (xmlTextReaderRelaxNGSetSchema(r, schema) != 0)
		faults++;

	int ret = faults ? -1 : xmlTextReaderRead(r);
	while (ret == 1 && !faults) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) {
			ret = xmlTextReaderRead(r);
			continue;
		}
		xmlNode *n = xmlTextReaderCurrentNode(r);
		int depth = xmlTextReaderDepth(r);
		enum level level = level_of(n, depth);
		if (level != LEVEL_PART) {
			/*
			 * Its children come one at a time (some may be parsed
			 * already, but they are met and numbered in turn).
			 */
			next_tag = pp_scan_assign_column(n, scan, next_tag);
			if (level == LEVEL_PLAN) {
				pb = pp_build_new(name, scan, data, len);
				pp_build_plan(pb, n);
			} else if (level == LEVEL_THEME) {
				pp_build_theme(pb, n);
			}
			ret = xmlTextReaderRead(r);
			continue;
		}
		xmlNode *whole = xmlTextReaderExpand(r);
		if (!whole || faults) {
			faults++;
			break;
		}
		next_tag = pp_scan_assign_columns(whole, scan, next_tag);
		int priority = named(whole, "priority") && named(whole->parent, "theme");
		int theme_value = named(whole, "value") && named(whole->parent, "theme");
		int indicator = named(whole, "indicator") && named(whole->parent, "theme");
		/* An indicator, the part a plan has most of, is built from the
		 * reader's own tree before the reader validates it; the others
		 * from a copy, once they passed. */
		if (indicator)
			pp_build_indicator(pb, whole);
		xmlNode *part = priority || theme_value || depth == 1 ? copy_part(whole) : NULL;
		ret = xmlTextReaderNext(r); /* validates the part, and frees it */
		if (part && !faults && ret >= 0) {
			if (priority)
				pp_build_priority(pb, part);
			else if (theme_value)
				pp_build_theme_value(pb, part);
			else
				pp_build_part(pb, part);
		}
		xmlFreeNode(part);
	}
	if (ret != 0 || xmlTextReaderIsValid(r) != 1)
		faults++;
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlFreeTextReader(r);
	if (faults || !pb) {
		pp_build_abandon(pb);
		return NULL;
	}
	return pp_build_finish(pb);
}
