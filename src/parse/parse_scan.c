/* SPDX-License-Identifier: MIT */
/*
 * parse_scan.c - a byte-level look at a plan before and beside libxml2.
 *
 * Two jobs libxml2 does not do for us: refuse hostile or broken bytes with
 * a precise position before any entity or DTD machinery can run (NUL,
 * invalid UTF-8, <!DOCTYPE>), and find the column of every start tag,
 * since libxml2 trees keep only line numbers. Invariant: the n-th start tag
 * found here is the n-th element of the tree libxml2 builds from the same
 * bytes (no DOCTYPE means no entity can add or hide elements); the caller
 * still cross-checks lines and leaves a column at 0 if they disagree.
 */
#include "parse_int.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

/*
 * Position tracking over UTF-8 (or byte) text. Only '\n' ends a line: that
 * is how libxml2 numbers the lines of its nodes, and the two must agree
 * ("\r\n" files are fine; a lone '\r' is not counted by either).
 */
struct cursor {
	const unsigned char *p, *end;
	unsigned line, col;
	int utf8;
};

static void advance(struct cursor *c)
{
	unsigned char ch = *c->p++;
	if (ch == '\n') {
		c->line++;
		c->col = 1;
	} else if (ch == '\r') {
		/* XML reads "\r\n" and a lone '\r' as a line end; libxml2 counts neither */
	} else if (!c->utf8 || (ch & 0xC0) != 0x80) {
		c->col++;
	}
}

/* A byte that advance() counts as one column and that can start none of
 * the markers the scans look for: "<...", "-->", "]]>", NUL, a line end,
 * or a UTF-8 sequence. */
static int plain_byte(unsigned char ch)
{
	return ch >= 0x20 && ch < 0x80 && ch != '<' && ch != '-' && ch != ']';
}

static int starts(const struct cursor *c, const char *lit)
{
	size_t n = strlen(lit);
	return (size_t)(c->end - c->p) >= n && memcmp(c->p, lit, n) == 0;
}

/* Move past the first occurrence of `lit` (or to the end). */
static void skip_past(struct cursor *c, const char *lit)
{
	size_t n = strlen(lit);
	while (c->p < c->end && !starts(c, lit))
		advance(c);
	for (size_t i = 0; i < n && c->p < c->end; i++)
		advance(c);
}

/*
 * Skip a tag body up to and including '>', honouring quoted attribute
 * values. Returns 1 when the tag was self-closing ("/>").
 */
static int skip_tag(struct cursor *c)
{
	unsigned char quote = 0, prev = 0;
	while (c->p < c->end) {
		unsigned char ch = *c->p;
		advance(c);
		if (quote) {
			if (ch == quote)
				quote = 0;
		} else if (ch == '"' || ch == '\'') {
			quote = ch;
		} else if (ch == '>') {
			return prev == '/';
		}
		prev = ch;
	}
	return 0;
}

static const unsigned char *skip_bom(const unsigned char *p, const unsigned char *end)
{
	if (end - p >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		return p + 3;
	return p;
}

static struct pp_text_pos here(const struct cursor *c, const unsigned char *start)
{
	return (struct pp_text_pos){c->line, c->col, (size_t)(c->p - start)};
}

struct pp_text_pos pp_scan_pos_at(const char *data, size_t offset)
{
	const unsigned char *start = (const unsigned char *)data;
	struct cursor c = {skip_bom(start, start + offset), start + offset, 1, 1, 1};
	while (c.p < c.end) {
		const unsigned char *nl = memchr(c.p, '\n', (size_t)(c.end - c.p));
		if (!nl)
			break;
		c.line++;
		c.p = nl + 1;
	}
	while (c.p < c.end)
		advance(&c);
	return here(&c, start);
}

void pp_scan_tags(const char *data, size_t len, int utf8, struct pp_scan *scan)
{
	const unsigned char *start = (const unsigned char *)data;
	struct cursor c = {start, start + len, 1, 1, utf8};
	size_t *open = NULL, n_open = 0, cap_open = 0;
	memset(scan, 0, sizeof *scan);
	scan->utf8 = utf8;
	c.p = skip_bom(c.p, c.end);
	while (c.p < c.end) {
		if (*c.p != '<') {
			const unsigned char *q = c.p;
			while (q < c.end && plain_byte(*q))
				q++;
			c.col += (unsigned)(q - c.p);
			c.p = q;
			if (c.p < c.end && *c.p != '<')
				advance(&c);
			continue;
		}
		if (starts(&c, "<!--")) {
			skip_past(&c, "-->");
		} else if (starts(&c, "<![CDATA[")) {
			skip_past(&c, "]]>");
		} else if (starts(&c, "<?")) {
			skip_past(&c, "?>");
		} else if (starts(&c, "</")) {
			skip_tag(&c);
			if (n_open > 0)
				scan->tags[open[--n_open]].after = here(&c, start);
		} else if (starts(&c, "<!")) {
			skip_tag(&c);
		} else {
			struct pp_tag_pos *t;
			PP_GROW(scan->tags, scan->n_tags + 1, scan->cap);
			t = &scan->tags[scan->n_tags];
			memset(t, 0, sizeof *t);
			t->line = c.line;
			t->col = c.col;
			if (skip_tag(&c)) {
				t->content = t->after = here(&c, start);
			} else {
				t->content = here(&c, start);
				PP_GROW(open, n_open + 1, cap_open);
				open[n_open++] = scan->n_tags;
			}
			scan->n_tags++;
		}
	}
	free(open);
}

/* The name at a start tag's '<' (c->p), as a length to print with "%.*s". */
static int tag_name_len(const struct cursor *c)
{
	const unsigned char *q = c->p + 1;
	while (q < c->end && !strchr(" \t\r\n/>", *q))
		q++;
	/* a message quotes at most 60 bytes of a hostile name */
	return q - c->p - 1 > 60 ? 60 : (int)(q - c->p - 1);
}

/* The most elements the element whose start tag is at `c` may hold
 * directly (parse_int.h). */
static unsigned children_max(const struct cursor *c)
{
	int n = tag_name_len(c);
	const char *name = (const char *)c->p + 1;
	if ((n == 6 && memcmp(name, "poster", 6) == 0) || (n == 4 && memcmp(name, "tier", 4) == 0))
		return PP_PARSE_MAX_POSTER;
	if ((n == 9 && memcmp(name, "indicator", 9) == 0) || (n == 6 && memcmp(name, "series", 6) == 0))
		return PP_PARSE_MAX_FIGURES;
	return PP_PARSE_MAX_CHILDREN;
}

/* The word being read: its length in characters and where it began. */
struct word {
	size_t len;
	unsigned line, col;
};

/* Count the character at c->p (before advancing) into the current word. */
static int word_char(struct word *w, const struct cursor *c)
{
	unsigned char ch = *c->p;
	if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
		w->len = 0;
		return 0;
	}
	if (c->utf8 && (ch & 0xC0) == 0x80)
		return 0;
	if (w->len++ == 0) {
		w->line = c->line;
		w->col = c->col;
	}
	return w->len > PP_PARSE_MAX_WORD;
}

/* Count the character at c->p into a paragraph (spaces included). */
static int para_char(struct word *para, const struct cursor *c)
{
	if (c->utf8 && (*c->p & 0xC0) == 0x80)
		return 0;
	if (para->len++ == 0) {
		para->line = c->line;
		para->col = c->col;
	}
	return para->len > PP_PARSE_MAX_PARAGRAPH;
}

/*
 * Does text run on through this tag? 1 for the inline elements (a word and
 * its paragraph go on through <b>), 2 for <br> (the paragraph goes on, a
 * word cannot), 0 for any other (both end).
 */
static int inline_tag(const struct cursor *c)
{
	const unsigned char *q = c->p + 1, *name;
	if (q < c->end && *q == '/')
		q++;
	name = q;
	while (q < c->end && !strchr(" \t\r\n/>", *q)) {
		if (*q == ':')
			name = q + 1; /* a prefixed name: its local part */
		q++;
	}
	static const char *const names[] = {"b", "i", "a", "span", "br", "ref"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if ((size_t)(q - name) == strlen(names[i]) && memcmp(name, names[i], q - name) == 0)
			return i == 4 ? 2 : 1;
	return 0;
}

/*
 * Like skip_tag, also counting attributes (each '=' outside a quoted
 * value), the words of attribute values and each value's length. Sets
 * *n_attrs; returns 1 when the tag was self-closing, -1 when a word is too
 * long (w says where), -2 when a value is (value says where).
 */
static int skip_tag_counting(struct cursor *c, unsigned *n_attrs, struct word *w,
			     struct word *value)
{
	unsigned char quote = 0, prev = 0;
	*n_attrs = 0;
	while (c->p < c->end) {
		unsigned char ch = *c->p;
		if (quote && ch != quote && word_char(w, c))
			return -1;
		if (quote && ch != quote && para_char(value, c))
			return -2;
		advance(c);
		if (quote) {
			if (ch == quote)
				quote = 0;
		} else if (ch == '"' || ch == '\'') {
			w->len = 0;
			value->len = 0;
			quote = ch;
		} else if (ch == '=') {
			(*n_attrs)++;
		} else if (ch == '>') {
			return prev == '/';
		}
		prev = ch;
	}
	return 0;
}

int pp_scan_limits(const char *data, size_t len, const char *file, struct pp_diags *diags)
{
	const unsigned char *start = (const unsigned char *)data;
	struct cursor c = {start, start + len, 1, 1, !pp_scan_declares_other_encoding(data, len)};
	/* the open elements: where each starts and how many children so far */
	struct open_el {
		struct cursor at;
		size_t children;
	} *open = NULL;
	size_t n_open = 0, cap_open = 0;
	struct word w = {0, 0, 0}, para = {0, 0, 0}, value = {0, 0, 0};
	const struct word *too_long = NULL;
	int rc = 0, in_cdata = 0;

	c.p = skip_bom(c.p, c.end);
	while (c.p < c.end && rc == 0) {
		/* A run of plain text, counted as word_char(), para_char() and
		 * advance() count it byte by byte, short of either limit (the
		 * byte that passes one is left to them, to report). */
		const unsigned char *q = c.p;
		while (!in_cdata && q < c.end && plain_byte(*q) && w.len < PP_PARSE_MAX_WORD &&
		       para.len < PP_PARSE_MAX_PARAGRAPH) {
			if (*q == ' ')
				w.len = 0;
			else if (w.len++ == 0)
				w.line = c.line, w.col = c.col;
			if (para.len++ == 0)
				para.line = c.line, para.col = c.col;
			q++;
			c.col++;
		}
		if (q != c.p) {
			c.p = q;
			continue;
		}
		if (in_cdata && starts(&c, "]]>")) {
			skip_past(&c, "]]>");
			in_cdata = 0;
		} else if (in_cdata || *c.p != '<') {
			/* Text: inline tags between its parts do not end a word
			 * (<b>), spaces and other tags do. */
			if (word_char(&w, &c))
				rc = -1;
			else if (para_char(&para, &c))
				rc = -1, too_long = &para;
			else
				advance(&c);
		} else if (starts(&c, "<!--")) {
			skip_past(&c, "-->");
		} else if (starts(&c, "<![CDATA[")) {
			for (int i = 0; i < 9; i++)
				advance(&c);
			in_cdata = 1;
		} else if (starts(&c, "<?")) {
			skip_past(&c, "?>");
		} else if (starts(&c, "</")) {
			int in = inline_tag(&c);
			if (in != 1)
				w.len = 0;
			if (in == 0)
				para.len = 0;
			skip_tag(&c);
			if (n_open > 0)
				n_open--;
		} else if (starts(&c, "<!")) {
			skip_tag(&c);
		} else {
			struct cursor at = c;
			unsigned n_attrs;
			int in = inline_tag(&c);
			if (in != 1)
				w.len = 0; /* "<td>1</td><td>2</td>" is two words */
			if (in == 0)
				para.len = 0;
			struct word text_w = w;
			int empty = skip_tag_counting(&c, &n_attrs, &w, &value);
			if (empty < 0) {
				rc = -1;
				too_long = empty == -2 ? &value : NULL;
			} else if (n_attrs > PP_PARSE_MAX_ATTRS) {
				struct pp_loc loc = {file, at.line, at.col};
				pp_diagf(diags, PP_MSG_XML_TOO_MANY_ATTRS, &loc, tag_name_len(&at),
					 (const char *)at.p + 1, PP_PARSE_MAX_ATTRS);
				rc = -1;
			} else if (n_open > 0 &&
				   ++open[n_open - 1].children > children_max(&open[n_open - 1].at)) {
				const struct cursor *p = &open[n_open - 1].at;
				struct pp_loc loc = {file, p->line, p->col};
				pp_diagf(diags, PP_MSG_XML_TOO_MANY_CHILDREN, &loc, tag_name_len(p),
					 (const char *)p->p + 1, children_max(p));
				rc = -1;
			} else if (!empty) {
				PP_GROW(open, n_open + 1, cap_open);
				open[n_open++] = (struct open_el){at, 0};
			}
			/* an attribute value was its own word; the text's goes on */
			if (rc == 0)
				w = text_w;
		}
	}
	if (too_long) {
		struct pp_loc loc = {file, too_long->line, too_long->col};
		pp_diagf(diags, PP_MSG_XML_LONG_TEXT, &loc, PP_PARSE_MAX_PARAGRAPH);
	} else if (rc != 0 && w.len > PP_PARSE_MAX_WORD) {
		struct pp_loc loc = {file, w.line, w.col};
		pp_diagf(diags, PP_MSG_XML_LONG_WORD, &loc, PP_PARSE_MAX_WORD);
	}
	free(open);
	return rc;
}

int pp_scan_text_start(const char *data, size_t len, int utf8, struct pp_text_pos *pos)
{
	const unsigned char *start = (const unsigned char *)data;
	if (pos->offset > len)
		return -1;
	struct cursor c = {start + pos->offset, start + len, pos->line, pos->col, utf8};
	while (c.p < c.end && (*c.p == ' ' || *c.p == '\t' || *c.p == '\n' || *c.p == '\r'))
		advance(&c);
	*pos = here(&c, start);
	return 0;
}

void pp_scan_fini(struct pp_scan *scan)
{
	free(scan->tags);
	memset(scan, 0, sizeof *scan);
}

int pp_scan_declares_other_encoding(const char *data, size_t len)
{
	const unsigned char *p = skip_bom((const unsigned char *)data,
					  (const unsigned char *)data + len);
	const unsigned char *end = (const unsigned char *)data + len;
	if (end - p < 5 || memcmp(p, "<?xml", 5) != 0)
		return 0;
	const unsigned char *close = p;
	while (close + 1 < end && !(close[0] == '?' && close[1] == '>'))
		close++;
	for (const unsigned char *q = p; q + 8 < close; q++) {
		if (memcmp(q, "encoding", 8) != 0)
			continue;
		q += 8;
		while (q < close && (*q == ' ' || *q == '=' || *q == '\t'))
			q++;
		if (q >= close || (*q != '"' && *q != '\''))
			return 0;
		unsigned char quote = *q++;
		const unsigned char *v = q;
		while (q < close && *q != quote)
			q++;
		size_t n = (size_t)(q - v);
		char name[16];
		if (n >= sizeof name)
			return 1;
		for (size_t i = 0; i < n; i++)
			name[i] = (char)toupper(v[i]);
		name[n] = '\0';
		return strcmp(name, "UTF-8") != 0 && strcmp(name, "UTF8") != 0 &&
		       strcmp(name, "UTF-16") != 0 && strcmp(name, "US-ASCII") != 0 &&
		       strcmp(name, "ASCII") != 0;
	}
	return 0;
}

/* Length of a valid UTF-8 sequence at p, or 0. */
static size_t utf8_seq(const unsigned char *p, const unsigned char *end)
{
	unsigned char b = p[0];
	size_t n;
	uint32_t cp;
	if (b < 0x80)
		return 1;
	if (b >= 0xC2 && b <= 0xDF) {
		n = 2;
		cp = b & 0x1F;
	} else if (b >= 0xE0 && b <= 0xEF) {
		n = 3;
		cp = b & 0x0F;
	} else if (b >= 0xF0 && b <= 0xF4) {
		n = 4;
		cp = b & 0x07;
	} else {
		return 0;
	}
	if ((size_t)(end - p) < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	/* overlong forms, surrogates and values past U+10FFFF are not UTF-8 */
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

static void put_utf8(char **buf, size_t *n, size_t *cap, uint32_t cp)
{
	PP_GROW(*buf, *n + 5, *cap);
	char *o = *buf + *n;
	if (cp < 0x80) {
		o[0] = (char)cp;
		*n += 1;
	} else if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		*n += 2;
	} else if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		*n += 3;
	} else {
		o[0] = (char)(0xF0 | (cp >> 18));
		o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[3] = (char)(0x80 | (cp & 0x3F));
		*n += 4;
	}
}

/*
 * UTF-16 (BOM given) to UTF-8. The XML declaration's encoding="UTF-16" is
 * then wrong for the bytes; the caller tells libxml2 the input is UTF-8.
 */
static int utf16_to_utf8(const unsigned char *p, size_t len, int big_endian, const char *file,
			 struct pp_diags *diags, char **out, size_t *out_len)
{
	char *buf = NULL;
	size_t n = 0, cap = 0;
	unsigned line = 1, col = 1;
	for (size_t i = 0; i + 1 < len; i += 2) {
		uint32_t u = big_endian ? (uint32_t)(p[i] << 8 | p[i + 1])
					: (uint32_t)(p[i + 1] << 8 | p[i]);
		if (u >= 0xD800 && u <= 0xDBFF && i + 3 < len) {
			uint32_t lo = big_endian ? (uint32_t)(p[i + 2] << 8 | p[i + 3])
						 : (uint32_t)(p[i + 3] << 8 | p[i + 2]);
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
				i += 2;
			}
		}
		if (u >= 0xD800 && u <= 0xDFFF) {
			struct pp_loc loc = {file, line, col};
			char what[64];
			snprintf(what, sizeof what, "unpaired surrogate 0x%04X", (unsigned)u);
			pp_diagf(diags, PP_MSG_XML_BAD_UTF16, &loc, what);
			free(buf);
			return -1;
		}
		put_utf8(&buf, &n, &cap, u);
		if (u == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	if (len % 2) {
		/* Where the last character would have been: the file was cut short. */
		struct pp_loc loc = {file, line, col};
		pp_diagf(diags, PP_MSG_XML_BAD_UTF16, &loc, "the file has an odd number of bytes");
		free(buf);
		return -1;
	}
	PP_GROW(buf, n + 1, cap);
	buf[n] = '\0';
	*out = buf;
	*out_len = n;
	return 0;
}

/*
 * An invalid UTF-8 byte. Word and Excel on UK Windows save "£", "–" and
 * curly quotes in Windows-1252 ("ANSI"); when the byte is one of those
 * characters there, say so, since the fix is to save the file as UTF-8.
 * A lead byte followed by a broken sequence, or a stray continuation byte
 * among valid UTF-8, is just broken UTF-8.
 */
static void report_bad_utf8(struct pp_diags *diags, const struct pp_loc *loc,
			    const unsigned char *p, const unsigned char *end)
{
	char ch[5];
	pp_cp1252_utf8(*p, ch);
	int lone = p + 1 >= end || p[1] < 0x80 || p[1] >= 0xC0; /* not followed by a continuation */
	if (ch[0] && lone)
		pp_diagf(diags, PP_MSG_XML_CP1252, loc, (unsigned)*p, ch);
	else
		pp_diagf(diags, PP_MSG_XML_BAD_UTF8, loc, (unsigned)*p);
}

/*
 * What a file is when it is plainly not XML text, by its first bytes: what
 * an officer may pick up by mistake (the Word or Excel file the plan was
 * pasted from, its PDF), or text in an encoding we do not read. NULL for
 * anything else, which the XML checks then judge.
 */
static const char *not_text(const unsigned char *u, size_t len)
{
	static const struct {
		const char *magic;
		size_t n;
		const char *what;
	} kinds[] = {
		{"PK\x03\x04", 4, "a ZIP archive (a Word .docx or Excel .xlsx file?)"},
		{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, "an old Word or Excel file (.doc or .xls)"},
		{"%PDF-", 5, "a PDF document"},
		{"{\\rtf", 5, "an RTF document"},
		{"\x89PNG", 4, "a PNG image"},
		{"\xFF\xD8\xFF", 3, "a JPEG image"},
		{"GIF8", 4, "a GIF image"},
		{"\x1F\x8B", 2, "a gzip archive"},
		{"\xFF\xFE\x00\x00", 4, "UTF-32 text (save it as UTF-8)"},
		{"\x00\x00\xFE\xFF", 4, "UTF-32 text (save it as UTF-8)"},
		{"<\x00\x00\x00", 4, "UTF-32 text (save it as UTF-8)"},
		{"\x00\x00\x00<", 4, "UTF-32 text (save it as UTF-8)"},
	};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (len >= kinds[i].n && memcmp(u, kinds[i].magic, kinds[i].n) == 0)
			return kinds[i].what;
	return NULL;
}

int pp_scan_prepare(const char *data, size_t len, const char *file, struct pp_diags *diags,
		    char **out_utf8, size_t *out_len, int *converted)
{
	const unsigned char *u = (const unsigned char *)data;
	*out_utf8 = NULL;
	*converted = 0;
	const char *what = not_text(u, len);
	if (what) {
		struct pp_loc loc = {file, 1, 1};
		pp_diagf(diags, PP_MSG_XML_NOT_TEXT, &loc, what);
		return -1;
	}
	/* UTF-16 with its byte-order mark, or without one as XML allows ("<" first). */
	int bom = len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF));
	int le = len >= 2 && u[0] == '<' && u[1] == 0, be = len >= 2 && u[0] == 0 && u[1] == '<';
	if (bom || le || be) {
		if (utf16_to_utf8(u + (bom ? 2 : 0), len - (bom ? 2 : 0), bom ? u[0] == 0xFE : be,
				  file, diags, out_utf8, out_len) != 0)
			return -1;
		*converted = 1;
		data = *out_utf8;
		len = *out_len;
		u = (const unsigned char *)data;
	}

	int check_utf8 = !pp_scan_declares_other_encoding(data, len);
	struct cursor c = {u, u + len, 1, 1, check_utf8};
	c.p = skip_bom(c.p, c.end);
	int in_comment = 0, in_cdata = 0; /* "<!DOCTYPE" inside these is just text */
	while (c.p < c.end) {
		/* Most bytes are plain ASCII that starts none of the markers
		 * below: step over them a run at a time. */
		const unsigned char *q = c.p;
		while (q < c.end && plain_byte(*q))
			q++;
		c.col += (unsigned)(q - c.p);
		c.p = q;
		if (c.p == c.end)
			break;
		struct pp_loc loc = {file, c.line, c.col};
		if (*c.p == 0) {
			pp_diagf(diags, PP_MSG_XML_NUL, &loc);
			return -1;
		}
		if (check_utf8 && *c.p >= 0x80) {
			size_t n = utf8_seq(c.p, c.end);
			if (n == 0) {
				report_bad_utf8(diags, &loc, c.p, c.end);
				return -1;
			}
			for (size_t i = 0; i < n; i++)
				advance(&c);
			continue;
		}
		/*
		 * A DOCTYPE is the door to entities (billion laughs, external
		 * files); plans need none, so refuse it before libxml2 reads it.
		 */
		if (!in_comment && !in_cdata && starts(&c, "<!DOCTYPE")) {
			pp_diagf(diags, PP_MSG_XML_DOCTYPE, &loc);
			return -1;
		}
		if (!in_comment && !in_cdata && starts(&c, "<!--"))
			in_comment = 1;
		else if (in_comment && starts(&c, "-->"))
			in_comment = 0;
		else if (!in_comment && !in_cdata && starts(&c, "<![CDATA["))
			in_cdata = 1;
		else if (in_cdata && starts(&c, "]]>"))
			in_cdata = 0;
		advance(&c);
	}
	return 0;
}
