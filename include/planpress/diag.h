/* SPDX-License-Identifier: MIT */
/*
 * diag.h - the one sink for messages users see.
 *
 * Every message has an ID in the catalogue (src/util/diag_catalogue.h), a
 * severity and a printf format. Messages print in compiler form:
 *   input/plan.xml:42:7: error: unknown RAG rating "AMBR" (expected ...)
 * Tests assert IDs, not wording. Lines and columns are 1-based; 0 means
 * "unknown" and is left out of the printed form.
 */
#ifndef PLANPRESS_DIAG_H
#define PLANPRESS_DIAG_H

#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>

struct pp_loc {
	const char *file; /* borrowed: lives as long as the document's path */
	unsigned line;
	unsigned col;
};

enum pp_severity { PP_SEV_NOTE, PP_SEV_WARNING, PP_SEV_ERROR };

/* The catalogue: X(ID, severity, format). One place lists every message. */
#define PP_DIAG_CATALOGUE(X)                                                            \
	X(PP_MSG_IO_READ, PP_SEV_ERROR, "cannot read %s: %s")                           \
	X(PP_MSG_IO_WRITE, PP_SEV_ERROR, "cannot write %s: %s")                         \
	X(PP_MSG_OUT_OF_MEMORY, PP_SEV_ERROR, "out of memory while %s (%s)")             \
	X(PP_MSG_OUT_OF_STACK, PP_SEV_ERROR, "ran out of stack space while %s (%s)")     \
	X(PP_MSG_XML_SYNTAX, PP_SEV_ERROR, "%s")                                        \
	X(PP_MSG_XML_EMPTY, PP_SEV_ERROR, "the file is empty")                          \
	X(PP_MSG_XML_NOT_TEXT, PP_SEV_ERROR, "the file is %s, not an XML plan")          \
	X(PP_MSG_XML_NOT_PLAN, PP_SEV_ERROR,                                            \
	  "the root element is <%s>, not <plan>: a plan starts with "                   \
	  "<plan xmlns=\"urn:planpress:plan:1\">")                                       \
	X(PP_MSG_XML_TEMPLATE_AS_PLAN, PP_SEV_ERROR,                                    \
	  "this file is a template, not a plan: name it in a plan's template=\"...\" " \
	  "or give it with -t, and keep it out of the folder of plans")                 \
	X(PP_MSG_XML_NO_NAMESPACE, PP_SEV_ERROR, "<%s> has no namespace: write <%s xmlns=\"%s\">") \
	X(PP_MSG_XML_WRONG_NAMESPACE, PP_SEV_ERROR,                                     \
	  "<%s> is in namespace \"%s\": write <%s xmlns=\"%s\">")                        \
	X(PP_MSG_XML_BARE_AMP, PP_SEV_ERROR,                                            \
	  "a bare \"&\" is not allowed: write \"&amp;\" (as in \"Climate &amp; Environment\")") \
	X(PP_MSG_XML_BARE_LT, PP_SEV_ERROR,                                             \
	  "a \"<\" that does not start a tag: write \"&lt;\" (as in \"&lt;50%%\")")        \
	X(PP_MSG_XML_ENTITY_SEMICOLON, PP_SEV_ERROR,                                    \
	  "an entity is not ended by \";\": end it with \";\", or write \"&amp;\" for the " \
	  "character \"&\"")                                                             \
	X(PP_MSG_XML_HTML_ENTITY, PP_SEV_ERROR,                                         \
	  "\"&%s;\" is an HTML entity, not XML: write the character \"%s\" itself or "  \
	  "\"&#%u;\"")                                                                  \
	X(PP_MSG_XML_HTML_ENTITY_INVISIBLE, PP_SEV_ERROR,                               \
	  "\"&%s;\" is an HTML entity, not XML: write \"&#%u;\"")                         \
	X(PP_MSG_XML_UNKNOWN_ENTITY, PP_SEV_ERROR,                                      \
	  "\"&%s;\" is not defined: XML knows only &amp; &lt; &gt; &quot; and &apos;, "  \
	  "so write the character itself or its number (as \"&#163;\" for \"£\")")      \
	X(PP_MSG_XML_LT_IN_ATTRIBUTE, PP_SEV_ERROR,                                     \
	  "a \"<\" inside an attribute value: write \"&lt;\"")                           \
	X(PP_MSG_XML_ATTR_QUOTES, PP_SEV_ERROR,                                         \
	  "the value of attribute %s must be in quotes: write %s=\"...\"")               \
	X(PP_MSG_XML_ATTR_NO_VALUE, PP_SEV_ERROR,                                       \
	  "attribute %s has no value: write %s=\"...\"")                                 \
	X(PP_MSG_XML_ATTR_TWICE, PP_SEV_ERROR,                                          \
	  "attribute %s is given twice on one element: keep one")                      \
	X(PP_MSG_XML_TAG_MISMATCH, PP_SEV_ERROR,                                        \
	  "</%s> found while <%s> from line %d is still open: close it with </%s> "     \
	  "first, or correct the tag's name")                                           \
	X(PP_MSG_XML_CUT_SHORT, PP_SEV_ERROR,                                           \
	  "the file ends while <%s> from line %d is still open: it may be cut short, "  \
	  "or a closing tag is missing")                                                \
	X(PP_MSG_XML_TAG_UNFINISHED, PP_SEV_ERROR,                                      \
	  "the start tag <%s> is not finished: check the quotes of its attributes "     \
	  "and its closing \">\"")                                                       \
	X(PP_MSG_XML_ATTR_MALFORMED, PP_SEV_ERROR,                                      \
	  "a malformed attribute: write each as name=\"value\", with a space between "  \
	  "two")                                                                        \
	X(PP_MSG_XML_CONTROL_CHAR, PP_SEV_ERROR,                                        \
	  "control character U+%04X is not allowed in XML: delete it (it often comes "  \
	  "with text pasted from another program)")                                     \
	X(PP_MSG_XML_AFTER_ROOT, PP_SEV_ERROR,                                          \
	  "content after the root element's closing tag: a file holds a single root "   \
	  "element")                                                                    \
	X(PP_MSG_XML_CP1252, PP_SEV_ERROR,                                              \
	  "invalid UTF-8 byte 0x%02X (\"%s\" in Windows-1252): the file is probably "   \
	  "saved as Windows-1252 (ANSI); save it as UTF-8")                             \
	X(PP_MSG_SCHEMA, PP_SEV_ERROR, "%s")                                            \
	X(PP_MSG_SCHEMA_LOAD, PP_SEV_ERROR, "cannot load the plan schema %s")           \
	X(PP_MSG_DUP_ID, PP_SEV_ERROR, "duplicate id \"%s\"")                           \
	X(PP_MSG_DUP_ID_PREV, PP_SEV_NOTE, "\"%s\" was first defined here")             \
	X(PP_MSG_UNKNOWN_ITEM, PP_SEV_ERROR,                                            \
	  "priority \"%s\" aligns to unknown framework item \"%s\"")                    \
	X(PP_MSG_UNKNOWN_PERIOD, PP_SEV_ERROR, "unknown reporting period \"%s\"")      \
	X(PP_MSG_UNKNOWN_THEME, PP_SEV_ERROR, "unknown theme \"%s\"")                   \
	X(PP_MSG_UNKNOWN_GROUP, PP_SEV_ERROR, "unknown framework group \"%s\"")         \
	X(PP_MSG_BAD_RAG, PP_SEV_ERROR,                                                 \
	  "unknown RAG rating \"%s\" (expected GREEN, AMBER/GREEN, AMBER, RED, "        \
	  "COMPLETE or N/A)")                                                           \
	X(PP_MSG_BAD_DATE, PP_SEV_ERROR, "malformed date \"%s\" (expected YYYY-MM-DD)") \
	X(PP_MSG_BAD_QUARTER, PP_SEV_ERROR,                                             \
	  "malformed quarter: %s (expected q 1-4 and a year from 1900 to 2200)")        \
	X(PP_MSG_PERIOD_ORDER, PP_SEV_ERROR, "period \"%s\" ends before it starts")     \
	X(PP_MSG_EMPTY_TEXT, PP_SEV_ERROR, "<%s> must not be empty")                    \
	X(PP_MSG_BAD_FIELD, PP_SEV_ERROR, "unknown column field \"%s\" (expected %s)")  \
	X(PP_MSG_BAD_WIDTH, PP_SEV_ERROR,                                               \
	  "malformed column width \"%s\" (expected 12%%, 30mm, 40pt, 2* or auto)")      \
	X(PP_MSG_WIDTH_OVER, PP_SEV_ERROR,                                              \
	  "column widths add up to %.1f%% of the table, more than 100%%")              \
	X(PP_MSG_DUP_UPDATE, PP_SEV_ERROR,                                              \
	  "priority \"%s\" has two updates for period \"%s\"")                         \
	X(PP_MSG_DUP_OUTPUT, PP_SEV_ERROR, "two documents write the same output \"%s\"") \
	X(PP_MSG_BAD_OUTPUT, PP_SEV_ERROR,                                              \
	  "output name \"%s\" must be a plain file name (letters, digits, '-', '_', '.')") \
	X(PP_MSG_NO_DOCUMENTS, PP_SEV_ERROR, "the plan defines no <document> to produce") \
	X(PP_MSG_NO_UPDATE, PP_SEV_WARNING,                                             \
	  "priority \"%s\" has no <update period=\"%s\">: its row of the progress "     \
	  "table will have no status or commentary")                                    \
	X(PP_MSG_NO_UPDATE_LATEST, PP_SEV_WARNING,                                      \
	  "priority \"%s\" has no <update period=\"%s\">, the document's period: its "    \
	  "row of the progress table will show its latest update instead")              \
	X(PP_MSG_NO_UPDATE_MORE, PP_SEV_WARNING,                                        \
	  "and %zu more priorities of this table have no <update period=\"%s\">")       \
	X(PP_MSG_LAYOUT_OVERFLOW, PP_SEV_WARNING, "%s")                                 \
	X(PP_MSG_FONT_MISSING, PP_SEV_WARNING,                                          \
	  "font family \"%s\" is not installed; using \"%s\"")                          \
	X(PP_MSG_RENDER, PP_SEV_ERROR, "rendering failed: %s")                             \
	X(PP_MSG_UNKNOWN_TEMPLATE, PP_SEV_ERROR, "unknown template \"%s\" (expected %s)")    \
	X(PP_MSG_XML_DOCTYPE, PP_SEV_ERROR,                                             \
	  "a <!DOCTYPE> is not allowed (plans use no DTD and no entities)")             \
	X(PP_MSG_XML_TOO_BIG, PP_SEV_ERROR, "the file is larger than %u MiB")           \
	X(PP_MSG_XML_BAD_UTF8, PP_SEV_ERROR, "invalid UTF-8 byte 0x%02X")               \
	X(PP_MSG_XML_NUL, PP_SEV_ERROR, "a NUL byte is not allowed in XML")             \
	X(PP_MSG_XML_BAD_UTF16, PP_SEV_ERROR, "invalid UTF-16: %s")                     \
	X(PP_MSG_XML_TOO_MANY_ATTRS, PP_SEV_ERROR, "<%.*s> has more than %u attributes") \
	X(PP_MSG_XML_TOO_MANY_CHILDREN, PP_SEV_ERROR,                                   \
	  "<%.*s> holds more than %u elements directly inside it")                      \
	X(PP_MSG_XML_LONG_WORD, PP_SEV_ERROR,                                           \
	  "a word of more than %u characters with no space (add spaces or shorten it)") \
	X(PP_MSG_XML_LONG_TEXT, PP_SEV_ERROR,                                           \
	  "a paragraph or attribute value of more than %u characters "                  \
	  "(split it into paragraphs)")                                                 \
	X(PP_MSG_UNKNOWN_PRIORITY, PP_SEV_ERROR, "unknown priority \"%s\"")              \
	X(PP_MSG_UNKNOWN_INDICATOR, PP_SEV_ERROR, "unknown indicator \"%s\" (%s)")         \
	X(PP_MSG_BAD_SPAN, PP_SEV_ERROR,                                                \
	  "box spans %u columns but the poster has only %u")                            \
	X(PP_MSG_CHART_SERIES, PP_SEV_ERROR,                                            \
	  "series \"%s\" must give the same x categories, in the same order, as \"%s\"") \
	X(PP_MSG_CHART_DATA, PP_SEV_ERROR, "%s chart \"%s\": %s")                       \
	X(PP_MSG_SUMMARY_SCALE, PP_SEV_ERROR,                                           \
	  "the %s are rated on scale \"%s\", not \"%s\" (leave out @scale, or name "  \
	  "\"%s\")")                                                                    \
	X(PP_MSG_SUMMARY_PERIOD, PP_SEV_ERROR,                                          \
	  "a status summary of indicators counts one period's worked-out statuses: "  \
	  "write period=\"...\" on it or on its <document>")                          \
	X(PP_MSG_SUMMARY_NO_TARGET, PP_SEV_ERROR,                                       \
	  "no-target=\"%s\" says how indicators with no target are counted; a status " \
	  "summary of %s has none (leave it out)")                                       \
	X(PP_MSG_BAD_COLUMNS, PP_SEV_ERROR, "<%s> needs at least one <column>")          \
	X(PP_MSG_TEMPLATE_NOT_TEMPLATE, PP_SEV_ERROR,                                   \
	  "the root element is <%s>, not <template>: a template starts with "           \
	  "<template xmlns=\"urn:planpress:template:1\">")                               \
	X(PP_MSG_TEMPLATE_BAD_VALUE, PP_SEV_ERROR, "malformed %s \"%s\" (expected %s)")  \
	X(PP_MSG_TEMPLATE_UNKNOWN_NAME, PP_SEV_ERROR, "unknown %s \"%s\" (expected %s)") \
	X(PP_MSG_TEMPLATE_CYCLE, PP_SEV_ERROR,                                          \
	  "template \"%s\" extends itself (through %s)")                                \
	X(PP_MSG_TEMPLATE_CONTRAST, PP_SEV_ERROR,                                       \
	  "%s %s on %s %s has a contrast ratio of %.2f:1, below 4.5:1 (WCAG AA)")       \
	X(PP_MSG_TEMPLATE_SERIES_COLOUR, PP_SEV_WARNING,                                \
	  "chart series colour %s is too like the %s %s: a reader may take the series "  \
	  "for that status (choose a colour at least %d degrees of hue from every "      \
	  "status colour)")                                                             \
	X(PP_MSG_TEMPLATE_OUTSIDE, PP_SEV_ERROR,                                        \
	  "template file %s is outside %s, the folder of the file that names it "       \
	  "(move it there, or give it with --template)")                                \
	X(PP_MSG_TEMPLATE_LINK_OUTSIDE, PP_SEV_ERROR,                                   \
	  "template file %s leads to %s, outside %s where it was found "                \
	  "(copy the template there instead of linking to it)")                         \
	X(PP_MSG_TEMPLATE_IMAGE, PP_SEV_WARNING,                                        \
	  "cannot read image %s: %s; the cover is drawn without it")                   \
	X(PP_MSG_IMAGE_REFUSED, PP_SEV_WARNING,                                         \
	  "image %s is refused: %s; the cover is drawn without it")  \
	X(PP_MSG_RUNNING_LONG, PP_SEV_ERROR,                                            \
	  "the running %s is longer than %u characters, as written or with its "        \
	  "fields filled in (it is printed in the page's margin: shorten it)")         \
	X(PP_MSG_BLOCKS_TOO_LONG, PP_SEV_ERROR,                                         \
	  "the text from here to the end of its element is more than %u characters "    \
	  "(split it over sections or documents)")                                      \
	X(PP_MSG_PAGE_TOO_SMALL, PP_SEV_ERROR,                                          \
	  "the margins leave %.1f x %.1f points for text on an %s %s page; at least "  \
	  "%.0f x %.0f are needed")                                                     \
	X(PP_MSG_RUNNING_ROOM, PP_SEV_ERROR,                                            \
	  "the %s margin of %.1f points less its gap of %.1f leaves no room for the "   \
	  "running %s (one line is %.1f points)")                                       \
	X(PP_MSG_COLUMN_NARROW, PP_SEV_ERROR,                                           \
	  "a column of width \"%s\" leaves %.1f points for text on an %s %s page, "    \
	  "narrower than one character (%.1f points)")                                  \
	X(PP_MSG_HISTORY_NARROW, PP_SEV_ERROR,                                          \
	  "a status-history column of %zu periods leaves %.1f points of text a period on an " \
	  "%s %s page, narrower than one character (%.1f points): give it fewer periods or " \
	  "more width (at most %u periods fit)")                                        \
	X(PP_MSG_COLUMNS_WIDE, PP_SEV_ERROR,                                            \
	  "the columns' fixed widths add up to %.1f points, more than the %.1f points "  \
	  "of text on an %s %s page, so some would be narrower than one character")     \
	X(PP_MSG_POSTER_COLUMNS, PP_SEV_ERROR,                                          \
	  "a poster of %u columns leaves %.1f points of text a column on an %s %s "     \
	  "page, narrower than one character at 6 pt (at most %u columns fit)")         \
	X(PP_MSG_TEMPLATE_FONTS, PP_SEV_ERROR,                                          \
	  "the font list names more than %u families (name the few the council uses)")       \
	X(PP_MSG_BAD_STATUS, PP_SEV_ERROR,                                              \
	  "unknown status \"%s\" in scale \"%s\" (expected %s)")                       \
	X(PP_MSG_BAD_COLOUR, PP_SEV_ERROR,                                              \
	  "malformed colour %s=\"%s\" (expected #rrggbb, as \"#00703c\")")               \
	X(PP_MSG_STATUS_CONTRAST, PP_SEV_ERROR,                                         \
	  "status \"%s\": text %s on fill %s has a contrast ratio of %.2f:1, "            \
	  "below 4.5:1 (WCAG AA); darken the fill or change the text colour")           \
	X(PP_MSG_UNKNOWN_SCALE, PP_SEV_ERROR, "unknown status scale \"%s\" (expected %s)") \
	X(PP_MSG_SCALE_FOR, PP_SEV_ERROR,                                               \
	  "a scale is for \"update\" or \"line\", not \"%s\"")                             \
	X(PP_MSG_SCALE_FOR_TWICE, PP_SEV_ERROR,                                         \
	  "two scales are for %s: \"%s\" and \"%s\" (one scale rates each kind)")         \
	X(PP_MSG_SCALE_RAG, PP_SEV_ERROR,                                               \
	  "\"rag\" is the built-in RAG scale; give this scale another id")                \
	X(PP_MSG_BAD_FIELD_TYPE, PP_SEV_ERROR,                                          \
	  "unknown field type \"%s\" (expected text, person, date, percent, number, "    \
	  "money or status)")                                                           \
	X(PP_MSG_BAD_FIELD_ON, PP_SEV_ERROR,                                            \
	  "a field is on a theme, priority, action, line, update or indicator, not \"%s\"")         \
	X(PP_MSG_UNKNOWN_FIELD, PP_SEV_ERROR,                                           \
	  "unknown field \"%s\" (expected one declared in <fields>: %s)")                \
	X(PP_MSG_FIELD_PLACE, PP_SEV_ERROR,                                             \
	  "field \"%s\" is given on each %s (its on=\"%s\"), not on a %s")               \
	X(PP_MSG_BAD_VALUE, PP_SEV_ERROR, "field \"%s\": \"%s\" is not %s")              \
	X(PP_MSG_DUP_VALUE, PP_SEV_ERROR, "field \"%s\" is given twice here")           \
	X(PP_MSG_JOIN_NOT_LEADS, PP_SEV_ERROR,                                          \
	  "join=\"and\" joins the leads of a cell; column \"%s\" holds no leads (use it "  \
	  "on a leads or action-leads column)")                                         \
	X(PP_MSG_BAR_NOT_PERCENT, PP_SEV_ERROR,                                         \
	  "show=\"bar\" draws a percent; field \"%s\" is not a percent field")          \
	X(PP_MSG_BAD_MERGE, PP_SEV_ERROR,                                               \
	  "merge=\"same\" joins equal statuses and field values; column \"%s\" is "       \
	  "neither (use rag, line-rag or a declared field)")                             \
	X(PP_MSG_BAD_GROUP, PP_SEV_ERROR,                                               \
	  "a table groups its rows by \"theme\" or by a field on themes or priorities, "  \
	  "not \"%s\"")                                                                      \
	X(PP_MSG_REF_UNKNOWN, PP_SEV_ERROR,                                             \
	  "<ref to=\"%s\"> names nothing: no section, paragraph, list item or annex "   \
	  "has that id")                                                                \
	X(PP_MSG_REF_UNNUMBERED, PP_SEV_ERROR,                                          \
	  "<ref to=\"%s\"> names %s, which has no number: %s")                           \
	X(PP_MSG_REF_NOT_PDF, PP_SEV_ERROR,                                             \
	  "<ref to=\"%s\"> names a part of document \"%s\", which is not written as a " \
	  "PDF, so it cannot be linked to: add pdf to that document's formats, or "    \
	  "name the part in words")                                                     \
	X(PP_MSG_TIER_FROM_AND_BOXES, PP_SEV_ERROR,                                     \
	  "a tier from=\"%s\" makes its boxes from the plan, so it holds no %s: "      \
	  "remove one or the other")                                                    \
	X(PP_MSG_BAD_NUMBERING, PP_SEV_ERROR,                                           \
	  "unknown numbering \"%s\" (expected 1, 1., (1), 1), (i), i., i), (a), a), "   \
	  "a., A., (A), A), I., A or 1.1)")                                                  \
	X(PP_MSG_BAD_FILTER, PP_SEV_ERROR, "where=\"%s\": %s")                          \
	X(PP_MSG_FILTER_NAME, PP_SEV_ERROR,                                             \
	  "where=\"%s\": unknown name \"%s\" (expected %s)")                             \
	X(PP_MSG_FILTER_VALUE, PP_SEV_ERROR,                                            \
	  "where=\"%s\": %s is never \"%s\" (expected %s)")                              \
	X(PP_MSG_PERIODS_NOT_HISTORY, PP_SEV_ERROR,                                     \
	  "periods=\"%s\" chooses the periods of a status-history column; column "       \
	  "\"%s\" has none")                                                             \
	X(PP_MSG_BAD_RAG_WORD, PP_SEV_ERROR,                                            \
	  "unknown RAG rating \"%s\" (expected %s)")                                     \
	X(PP_MSG_TEMPLATE_SCALE, PP_SEV_ERROR, "template scale \"%s\": %s") \
	/* indicators (KPIs) */                                                         \
	X(PP_MSG_IND_BAD_ATTR, PP_SEV_ERROR,                                            \
	  "indicator \"%s\": %s=\"%s\" is not known (expected %s)")                      \
	X(PP_MSG_IND_BAD_NUMBER, PP_SEV_ERROR, "indicator \"%s\": %s \"%s\" is not %s")  \
	X(PP_MSG_IND_TARGET_FORM, PP_SEV_ERROR,                                         \
	  "indicator \"%s\" has polarity=\"%s\": %s")                                   \
	X(PP_MSG_IND_TARGET_WHEN, PP_SEV_ERROR,                                         \
	  "indicator \"%s\": a target gives period=\"...\" (one period) or year=\"2024\" " \
	  "(April 2024 to March 2025, every period of it without its own), one of the two") \
	X(PP_MSG_IND_NO_TARGET, PP_SEV_ERROR,                                           \
	  "indicator \"%s\" has a figure for period \"%s\" but no target applies to it, "  \
	  "so its status cannot be worked out: add <target period=\"%s\">, a target for "  \
	  "its year, an <override>, or write targets=\"none\" on an indicator monitored "   \
	  "without targets")                                                            \
	X(PP_MSG_IND_ACTUAL_FORM, PP_SEV_ERROR,                                         \
	  "indicator \"%s\", period \"%s\": an <actual> holds a figure, or says "        \
	  "missing=\"not-available\" or \"not-yet-due\" with an optional reason=\"...\", " \
	  "not both")                                                                   \
	X(PP_MSG_IND_DUP_PERIOD, PP_SEV_ERROR,                                          \
	  "indicator \"%s\" has two %s for %s")                                          \
	X(PP_MSG_IND_NO_TITLE, PP_SEV_ERROR,                                            \
	  "indicator \"%s\" has no <title>: write its name in <title>...</title>")        \
	X(PP_MSG_IND_TWICE, PP_SEV_ERROR,                                               \
	  "indicator \"%s\" has a second <%s>: an indicator has one (remove one, or "   \
	  "merge the two)")                                                             \
	X(PP_MSG_IND_TWICE_FIRST, PP_SEV_NOTE, "the first <%s> is here")                  \
	X(PP_MSG_IND_SCALE_MEANS, PP_SEV_ERROR,                                         \
	  "indicator \"%s\" uses scale \"%s\", but none of its statuses says "           \
	  "means=\"%s\" (each of met, near and missed needs one)")                       \
	X(PP_MSG_BAD_MEANS, PP_SEV_ERROR,                                               \
	  "status \"%s\": means=\"%s\" is not known (expected met, near, missed, "      \
	  "missed-improving, exceeded or no-data, or several: \"met near\")")            \
	X(PP_MSG_IND_TARGET_RULE, PP_SEV_ERROR, "indicator \"%s\", target for %s: %s")   \
	X(PP_MSG_IND_RULE, PP_SEV_ERROR, "indicator \"%s\": %s")                         \
	X(PP_MSG_IND_TABLE_PERIOD, PP_SEV_ERROR,                                        \
	  "an indicator table shows one period's figures: write period=\"...\" on it or " \
	  "on its <document>")                                                           \
	X(PP_MSG_IND_COMPARATOR, PP_SEV_ERROR,                                          \
	  "a comparator column names its comparator: write name=\"...\" (%s)")          \
	X(PP_MSG_IND_NO_ACTUAL, PP_SEV_WARNING,                                         \
	  "indicator \"%s\" has no <actual period=\"%s\">: its row of the indicator "    \
	  "table will say \"Not available\" (write the figure, or missing=\"...\" and why)") \
	X(PP_MSG_IND_NO_ACTUAL_MORE, PP_SEV_WARNING,                                    \
	  "and %zu more indicators of this table have no <actual period=\"%s\">")       \
	X(PP_MSG_IND_NO_ACTUAL_COUNTED, PP_SEV_WARNING,                                 \
	  "indicator \"%s\" has no <actual period=\"%s\">: the status summary will "     \
	  "count it as \"Not rated\" (write the figure, or missing=\"...\" and why)")     \
	X(PP_MSG_IND_NO_ACTUAL_COUNTED_MORE, PP_SEV_WARNING,                            \
	  "and %zu more indicators this status summary counts have no "                 \
	  "<actual period=\"%s\">")                                                     \
	X(PP_MSG_IND_NO_ACTUAL_CHARTED, PP_SEV_WARNING,                                 \
	  "indicator \"%s\" has no <actual period=\"%s\">: its chart will show no "      \
	  "figure for that period (write the figure, or missing=\"...\" and why)")        \
	X(PP_MSG_IND_TOO_MANY, PP_SEV_ERROR,                                            \
	  "%zu indicators over %zu periods are %zu indicator-periods to work out, more " \
	  "than %u: split the plan, or declare only the periods it reports")

enum pp_msg {
#define PP_DIAG_ENUM(id, sev, fmt) id,
	PP_DIAG_CATALOGUE(PP_DIAG_ENUM)
#undef PP_DIAG_ENUM
		PP_MSG_COUNT
};

struct pp_diag_entry {
	enum pp_msg id;
	enum pp_severity sev;
	struct pp_loc loc;
	char *text; /* the formatted message */
};

/*
 * A collection of messages. Messages are kept (for tests) and, when
 * `stream` is non-NULL, also printed as they arrive.
 */
struct pp_diags {
	FILE *stream; /* may be NULL: collect only */
	struct pp_diag_entry *entries;
	size_t n_entries, cap;
	size_t n_errors, n_warnings;
};

void pp_diags_init(struct pp_diags *d, FILE *stream);
void pp_diags_fini(struct pp_diags *d);

/* Report a message. `loc` may be NULL for messages about the whole run. */
void pp_diag(struct pp_diags *d, enum pp_msg id, const struct pp_loc *loc,
	     const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Report with the catalogue's own format string. */
void pp_diagf(struct pp_diags *d, enum pp_msg id, const struct pp_loc *loc, ...);

/* The catalogue's format string and severity for an ID. */
const char *pp_msg_format(enum pp_msg id);
enum pp_severity pp_msg_severity(enum pp_msg id);
const char *pp_msg_name(enum pp_msg id); /* "PP_MSG_BAD_RAG" */

/*
 * strerror(err) as messages read it, first letter lower-cased ("no such
 * file or directory"). The text lives in a per-thread buffer until the
 * next call.
 */
const char *pp_errno_text(int err);

/*
 * Copy `s` into `dst` (`cap` bytes, NUL-terminated, cut at a whole
 * character) as every message shows a value: a newline and a tab as \\n
 * and \\t, other C0 controls, DEL and bytes that are not UTF-8 as \\xHH,
 * C1 controls (U+0080-U+009F), the bidirectional controls and U+2028/9 as
 * <U+XXXX>. Returns the length of the whole escaped text (like snprintf);
 * `dst` may be NULL when `cap` is 0. Allocates nothing.
 */
size_t pp_escape(char *dst, size_t cap, const char *s);

/* Number of entries with this ID (tests). */
size_t pp_diags_count(const struct pp_diags *d, enum pp_msg id);

#endif
