/* SPDX-License-Identifier: MIT */
/*
 * parse_xmlerr.c - libxml2's well-formedness errors in words an officer can
 * act on.
 *
 * Plans and templates are typed by hand, and the commonest faults are the
 * same few: a bare "&" in "Climate & Environment", a "<" in "<50%", an HTML
 * entity such as "&pound;", a tag closed under another name. libxml2 names
 * these after its own parser functions ("xmlParseEntityRef: no name"); here
 * each becomes a message that says what was found and what to write instead,
 * pointing at the character at fault. A fault libxml2 has no better words
 * for keeps libxml2's, tidied to our form.
 *
 * Invariant: one call reports exactly one diagnostic for one libxml2 error.
 * Callers show only the first syntax error of a file: after one, libxml2's
 * later errors are mostly the same fault seen again from further on (every
 * enclosing tag "mismatched" because one was left open).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlerror.h>

#include "../util/alloc.h"
#include "parse_int.h"

/*
 * The HTML entities people paste from web pages and Word, with the character
 * each stands for. XML itself defines only amp, lt, gt, quot and apos.
 */
static const struct {
	const char *name;
	unsigned code;
} html_entities[] = {
	{"nbsp", 0xA0},   {"pound", 0xA3},  {"euro", 0x20AC},  {"copy", 0xA9},
	{"reg", 0xAE},    {"trade", 0x2122}, {"deg", 0xB0},    {"plusmn", 0xB1},
	{"frac12", 0xBD}, {"frac14", 0xBC}, {"frac34", 0xBE},  {"times", 0xD7},
	{"divide", 0xF7}, {"sect", 0xA7},   {"para", 0xB6},    {"middot", 0xB7},
	{"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026}, {"bull", 0x2022},
	{"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D},
	{"laquo", 0xAB},  {"raquo", 0xBB},  {"le", 0x2264},    {"ge", 0x2265},
	{"ne", 0x2260},   {"larr", 0x2190}, {"rarr", 0x2192},  {"uarr", 0x2191},
	{"darr", 0x2193}, {"check", 0x2713}, {"eacute", 0xE9}, {"egrave", 0xE8},
	{"aacute", 0xE1}, {"agrave", 0xE0}, {"iacute", 0xED},  {"oacute", 0xF3},
	{"uacute", 0xFA}, {"ccedil", 0xE7}, {"uuml", 0xFC},    {"ouml", 0xF6},
	{"auml", 0xE4},   {"wcirc", 0x175}, {"ycirc", 0x177},  {"acirc", 0xE2},
	{"ecirc", 0xEA},  {"icirc", 0xEE},  {"ocirc", 0xF4},   {"ucirc", 0xFB},
	{"shy", 0xAD},    {"zwsp", 0x200B},
};

static size_t utf8_encode(unsigned cp, char out[5])
{
	size_t n;
	if (cp < 0x80) {
		out[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		out[0] = (char)(0xF0 | (cp >> 18));
		out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	out[n] = '\0';
	return n;
}

/*
 * What a byte of 0x80-0xFF is in Windows-1252 (the "ANSI" code page Word and
 * Excel save in on UK Windows), or 0 for its five unassigned bytes.
 */
static unsigned cp1252_char(unsigned char byte)
{
	static const unsigned short c1[32] = {
		0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
		0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
		0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
		0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
	};
	if (byte < 0x80)
		return byte;
	if (byte < 0xA0)
		return c1[byte - 0x80];
	return byte; /* 0xA0-0xFF are Latin-1, the same code points */
}

void pp_cp1252_utf8(unsigned char byte, char out[5])
{
	unsigned cp = cp1252_char(byte);
	if (cp)
		utf8_encode(cp, out);
	else
		out[0] = '\0';
}

/* Our messages are lower case, one line, no final period (STYLE §5). */
static char *tidy_message(const char *msg)
{
	char *s = pp_xstrdup(msg ? msg : "malformed XML");
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\n' || s[i] == '\r' || s[i] == '\t')
			s[i] = ' ';
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '.'))
		s[--n] = '\0';
	if (n > 1 && isupper((unsigned char)s[0]) && islower((unsigned char)s[1]))
		s[0] = (char)tolower((unsigned char)s[0]);
	char *w = s; /* squeeze runs of spaces left by the newlines */
	for (char *r = s; *r; r++)
		if (!(*r == ' ' && w > s && w[-1] == ' '))
			*w++ = *r;
	*w = '\0';
	return s;
}

char *pp_xml_tidy_message(const char *msg)
{
	return tidy_message(msg);
}

/* The bytes of 1-based line `line` of the source, or NULL. */
static const char *line_start(const char *data, size_t len, unsigned line, size_t *line_len)
{
	if (!data || line == 0)
		return NULL;
	const char *p = data, *end = data + len;
	for (unsigned l = 1; l < line; l++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return NULL;
		p = nl + 1;
	}
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	*line_len = (size_t)((nl ? nl : end) - p);
	return p;
}

/*
 * The attribute name written just before byte column `col` (1-based, where
 * libxml2 stopped: after `name=` or `name`), copied, or NULL.
 */
static char *attr_name_before(const char *data, size_t len, unsigned line, unsigned col)
{
	size_t n = 0;
	const char *s = line_start(data, len, line, &n);
	if (!s || col < 2 || col - 1 > n)
		return NULL;
	size_t i = col - 1; /* index of the character libxml2 stopped at */
	while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
		i--;
	if (i > 0 && s[i - 1] == '=')
		i--;
	while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
		i--;
	size_t stop = i;
	while (i > 0 && (isalnum((unsigned char)s[i - 1]) || s[i - 1] == '-' || s[i - 1] == '_' ||
			 s[i - 1] == ':' || s[i - 1] == '.'))
		i--;
	if (i == stop || stop - i > 64)
		return NULL;
	return pp_xstrndup(s + i, stop - i);
}

/* libxml2 reports an end tag after its name: point at its "</" instead. */
static void point_at_end_tag(struct pp_loc *loc, const char *data, size_t len, const char *name)
{
	size_t n = 0, nlen = strlen(name);
	const char *s = line_start(data, len, loc->line, &n);
	if (!s || loc->col == 0)
		return;
	size_t i = loc->col - 1 < n ? loc->col - 1 : n;
	while (i > 0) {
		i--;
		if (s[i] == '<' && i + 1 + nlen < n + 1 && s[i + 1] == '/' &&
		    strncmp(s + i + 2, name, nlen) == 0) {
			loc->col = (unsigned)i + 1;
			return;
		}
	}
}

/* The text of a named entity libxml2 refused, for the message. */
static void report_entity(struct pp_diags *diags, struct pp_loc *loc, const char *name)
{
	size_t nlen = strlen(name);
	if (loc->col > nlen + 1)
		loc->col -= (unsigned)(nlen + 2); /* libxml2 stops after ';': point at '&' */
	for (size_t i = 0; i < sizeof html_entities / sizeof html_entities[0]; i++) {
		if (strcmp(html_entities[i].name, name) != 0)
			continue;
		char ch[5];
		utf8_encode(html_entities[i].code, ch);
		if (html_entities[i].code == 0xA0 || html_entities[i].code == 0xAD ||
		    html_entities[i].code == 0x200B) /* invisible: the number is the only readable form */
			pp_diagf(diags, PP_MSG_XML_HTML_ENTITY_INVISIBLE, loc, name,
				 html_entities[i].code);
		else
			pp_diagf(diags, PP_MSG_XML_HTML_ENTITY, loc, name, ch, html_entities[i].code);
		return;
	}
	pp_diagf(diags, PP_MSG_XML_UNKNOWN_ENTITY, loc, name);
}

void pp_xml_syntax_diag(struct pp_diags *diags, const char *file, const xmlError *err,
			const char *data, size_t len)
{
	struct pp_loc loc = {file, err->line > 0 ? (unsigned)err->line : 0,
			     err->int2 > 0 && err->line > 0 ? (unsigned)err->int2 : 0};
	const char *msg = err->message ? err->message : "";
	switch ((int)err->code) {
	case XML_ERR_NAME_REQUIRED:
		/* libxml2 has consumed the '&' or '<': point at it */
		if (strstr(msg, "EntityRef")) {
			if (loc.col > 1)
				loc.col--;
			pp_diagf(diags, PP_MSG_XML_BARE_AMP, &loc);
			return;
		}
		if (strstr(msg, "StartTag")) {
			if (loc.col > 1)
				loc.col--;
			pp_diagf(diags, PP_MSG_XML_BARE_LT, &loc);
			return;
		}
		break;
	case XML_ERR_ENTITYREF_SEMICOL_MISSING:
		pp_diagf(diags, PP_MSG_XML_ENTITY_SEMICOLON, &loc);
		return;
	case XML_ERR_UNDECLARED_ENTITY:
	case XML_WAR_UNDECLARED_ENTITY:
		if (err->str1) {
			report_entity(diags, &loc, err->str1);
			return;
		}
		break;
	case XML_ERR_LT_IN_ATTRIBUTE:
		pp_diagf(diags, PP_MSG_XML_LT_IN_ATTRIBUTE, &loc);
		return;
	case XML_ERR_ATTRIBUTE_NOT_STARTED: {
		char *name = attr_name_before(data, len, loc.line, loc.col);
		pp_diagf(diags, PP_MSG_XML_ATTR_QUOTES, &loc, name ? name : "name", name ? name : "name");
		free(name);
		return;
	}
	case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
		if (err->str1) {
			pp_diagf(diags, PP_MSG_XML_ATTR_NO_VALUE, &loc, err->str1, err->str1);
			return;
		}
		break;
	case XML_ERR_ATTRIBUTE_REDEFINED:
		if (err->str1) {
			pp_diagf(diags, PP_MSG_XML_ATTR_TWICE, &loc, err->str1);
			return;
		}
		break;
	case XML_ERR_TAG_NAME_MISMATCH:
		if (err->str1 && err->str2) {
			point_at_end_tag(&loc, data, len, err->str2);
			pp_diagf(diags, PP_MSG_XML_TAG_MISMATCH, &loc, err->str2, err->str1, err->int1,
				 err->str1);
			return;
		}
		break;
	case XML_ERR_TAG_NOT_FINISHED:
		if (err->str1) {
			pp_diagf(diags, PP_MSG_XML_CUT_SHORT, &loc, err->str1, err->int1);
			return;
		}
		break;
	case XML_ERR_GT_REQUIRED:
		if (err->str1) {
			pp_diagf(diags, PP_MSG_XML_TAG_UNFINISHED, &loc, err->str1);
			return;
		}
		break;
	case XML_ERR_SPACE_REQUIRED:
		if (strstr(msg, "attributes construct")) {
			pp_diagf(diags, PP_MSG_XML_ATTR_MALFORMED, &loc);
			return;
		}
		break;
	case XML_ERR_INVALID_CHAR:
		if (err->int1 > 0 && err->int1 < 0x20) {
			pp_diagf(diags, PP_MSG_XML_CONTROL_CHAR, &loc, (unsigned)err->int1);
			return;
		}
		break;
	case XML_ERR_DOCUMENT_END:
		pp_diagf(diags, PP_MSG_XML_AFTER_ROOT, &loc);
		return;
	default:
		break;
	}
	char *text = tidy_message(msg);
	if (strncmp(text, "excessive depth in document", 27) == 0) {
		/* libxml2 suggests an option we deliberately do not use */
		free(text);
		text = pp_xstrdup("elements are nested more than 256 deep");
	}
	pp_diagf(diags, PP_MSG_XML_SYNTAX, &loc, text);
	free(text);
}
