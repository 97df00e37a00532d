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
 *
 * Cost: each scan reads the text once, a run of bytes at a time, and
 * looks closely only at the bytes a table marks for its state (a '<', a
 * quote, a line end, a UTF-8 sequence ...): a few instructions a byte.
 * A column is worked out only where one is kept or reported.
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
 * ("\r\n" files are fine; a lone '\r' is not counted by either). A column
 * counts characters: UTF-8 continuation bytes (when utf8) and '\r' take
 * none.
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

/* Does the text at p (before end) start with `lit`? */
static int starts_at(const unsigned char *p, const unsigned char *end, const char *lit)
{
	size_t n = strlen(lit);
	return (size_t)(end - p) >= n && memcmp(p, lit, n) == 0;
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

/*
 * The line and column of byte `offset`, counted afresh from the start: the
 * scans below keep only offsets of what they may have to report, and work
 * a place out only when they do. Lines are found with memchr, so only the
 * last line is walked a byte at a time.
 */
static struct pp_text_pos position_of(const unsigned char *start, size_t offset, int utf8)
{
	struct cursor c = {skip_bom(start, start + offset), start + offset, 1, 1, utf8};
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

struct pp_text_pos pp_scan_pos_at(const char *data, size_t offset)
{
	return position_of((const unsigned char *)data, offset, 1);
}

/*
 * A table of the bytes one state of a scan must look at: 1 for each, 0 for
 * the bytes it steps over a run at a time: 0x80-0xFF when `utf8` (a UTF-8
 * sequence), and the bytes in `also`.
 */
static void stop_table(unsigned char t[256], int utf8, const char *also)
{
	memset(t, 0, 256);
	if (utf8)
		memset(t + 0x80, 1, 0x80);
	for (; *also; also++)
		t[(unsigned char)*also] = 1;
}

/* The first byte at or after p that `stop` marks, or end. Four bytes a
 * step while four are left: most runs are longer than that. */
static const unsigned char *next_stop(const unsigned char *p, const unsigned char *end,
                                      const unsigned char stop[256])
{
	while (end - p >= 4) {
		if (stop[p[0]])
			return p;
		if (stop[p[1]])
			return p + 1;
		if (stop[p[2]])
			return p + 2;
		if (stop[p[3]])
			return p + 3;
		p += 4;
	}
	while (p < end && !stop[*p])
		p++;
	return p;
}

/*
 * Step over whole 8-byte words of p while none of their bytes is NUL, `c`
 * or, when `high`, 0x80-0xFF: pp_scan_prepare's look at plain ASCII text,
 * eight bytes at once. Returns where a byte-by-byte look must go on.
 */
static const unsigned char *skip_words(const unsigned char *p, const unsigned char *end,
                                       unsigned char c, int high)
{
	const uint64_t ones = 0x0101010101010101u, tops = 0x8080808080808080u;
	const uint64_t cs = ones * c, mask = high ? tops : 0;
	while (end - p >= 8) {
		uint64_t x, y;
		memcpy(&x, p, 8);
		y = x ^ cs; /* a byte equal to c is a zero byte of y */
		/* (v - ones) & ~v has a top bit set exactly when v has a zero byte */
		if ((((x - ones) & ~x) | ((y - ones) & ~y) | (x & mask)) & tops)
			break;
		p += 8;
	}
	return p;
}

/*
 * The tag scan: one pass over the prepared text that records where every
 * element starts (pp_scan_tags) and, when asked, refuses the shapes
 * libxml2 is slow on (pp_scan_limits). It runs over text a run of bytes at
 * a time, stopping only where something can happen (a stop table per
 * state); lines are counted at each '\n' and a column is worked out only
 * where it is recorded, from the number of bytes before it that take no
 * column. Spaces are no stops: a run adds to its paragraph whole, and the
 * word it ends in is read back from its end to its last space (a word can
 * pass its limit inside a run only when the run is that long).
 */
enum scan_state {
	IN_TEXT,    /* character data */
	IN_CDATA,   /* a CDATA section: text up to "]]>" */
	IN_TAG,     /* a start tag, end tag or "<!...>" outside quotes */
	IN_VALUE,   /* a quoted attribute value */
	IN_COMMENT, /* up to "-->" */
	IN_PI,      /* up to "?>" */
	N_STATES
};

/* A run of counted characters: how many, and the offset of the first. */
struct run_count {
	size_t len, from;
};

struct scanner {
	const unsigned char *start, *p, *end;
	int utf8;
	unsigned line;
	size_t no_col;    /* bytes before p that take no column */
	size_t line_base; /* the column index (offset - no_col) where this line starts */
	unsigned char stop[N_STATES][256];
	/* the limits, when checked (diags set) */
	struct pp_diags *diags;
	const char *file;
	struct run_count word, para;    /* of the text (words run on through <b>) */
	struct run_count v_word, v_len; /* of the attribute value being read */
};

static struct pp_text_pos scanner_here(const struct scanner *s)
{
	size_t index = (size_t)(s->p - s->start) - s->no_col;
	return (struct pp_text_pos){s->line, (unsigned)(1 + index - s->line_base),
	                            (size_t)(s->p - s->start)};
}

/* Step over a byte that keeps lines and columns: '\n', '\r' or 0x80-0xFF. */
static void step_special(struct scanner *s)
{
	unsigned char ch = *s->p++;
	if (ch == '\n') {
		s->line++;
		s->line_base = (size_t)(s->p - s->start) - s->no_col;
	} else if (ch == '\r' || (s->utf8 && (ch & 0xC0) == 0x80)) {
		s->no_col++;
	}
}

/* White space in XML: it ends a word. */
static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Report a word or paragraph too long, where it starts. */
static void report_long(struct scanner *s, enum pp_msg id, size_t from, unsigned limit)
{
	struct pp_text_pos at = position_of(s->start, from, s->utf8);
	struct pp_loc loc = {s->file, at.line, at.col};
	pp_diagf(s->diags, id, &loc, limit);
}

/*
 * Count the `n` bytes from offset `from`, one character each, into a word
 * and its paragraph (or a value): white space ends the word and counts in
 * the paragraph. Returns -1 when either passes its limit (reported): the
 * word when it passes at the same character or before the paragraph does,
 * as counting a character at a time would.
 */
static int count_run(struct scanner *s, struct run_count *word, struct run_count *para,
                     size_t from, size_t n)
{
	const unsigned char *a = s->start + from, *end = a + n;
	size_t word_over = SIZE_MAX, para_over = SIZE_MAX; /* the character that passes */
	if (n == 0)
		return 0;
	if (para->len == 0)
		para->from = from;
	if (para->len + n > PP_PARSE_MAX_PARAGRAPH)
		para_over = PP_PARSE_MAX_PARAGRAPH - para->len;
	para->len += n;
	if (word->len + n > PP_PARSE_MAX_WORD) {
		/* A word may pass its limit in here: find where, a character at a time. */
		for (size_t i = 0; i < n && word_over == SIZE_MAX; i++) {
			if (is_space(a[i]))
				word->len = 0;
			else if (word->len++ == 0)
				word->from = from + i;
			if (word->len > PP_PARSE_MAX_WORD)
				word_over = i;
		}
	} else {
		/* None can: only the word the run ends in matters, after its last space. */
		const unsigned char *r = end;
		while (r > a && !is_space(r[-1]))
			r--;
		if (r > a) {
			word->len = (size_t)(end - r);
			word->from = (size_t)(r - s->start);
		} else {
			if (word->len == 0)
				word->from = from;
			word->len += n;
		}
	}
	if (word_over == SIZE_MAX && para_over == SIZE_MAX)
		return 0;
	if (word_over <= para_over)
		report_long(s, PP_MSG_XML_LONG_WORD, word->from, PP_PARSE_MAX_WORD);
	else
		report_long(s, PP_MSG_XML_LONG_TEXT, para->from, PP_PARSE_MAX_PARAGRAPH);
	return -1;
}

/* Does byte c end a tag's name (as the scans read it)? */
static int ends_name(unsigned char c)
{
	return c == ' ' || c == '>' || c == '/' || c == '\n' || c == '\t' || c == '\r';
}

/* The name at a tag's '<' (p), as a length to print with "%.*s". */
static int tag_name_len(const unsigned char *p, const unsigned char *end)
{
	const unsigned char *q = p + 1;
	while (q < end && !ends_name(*q))
		q++;
	/* a message quotes at most 60 bytes of a hostile name */
	return q - p - 1 > 60 ? 60 : (int)(q - p - 1);
}

/* The most elements the element whose start tag is at p may hold
 * directly (parse_int.h). */
static unsigned children_max(const unsigned char *p, const unsigned char *end)
{
	int n = tag_name_len(p, end);
	const char *name = (const char *)p + 1;
	if ((n == 6 && memcmp(name, "poster", 6) == 0) ||
	    (n == 4 && memcmp(name, "tier", 4) == 0))
		return PP_PARSE_MAX_POSTER;
	if ((n == 9 && memcmp(name, "indicator", 9) == 0) ||
	    (n == 6 && memcmp(name, "series", 6) == 0))
		return PP_PARSE_MAX_FIGURES;
	return PP_PARSE_MAX_CHILDREN;
}

/*
 * Does text run on through the tag at p ('<')? 1 for the inline elements
 * (a word and its paragraph go on through <b>), 2 for <br> (the paragraph
 * goes on, a word cannot), 0 for any other (both end).
 */
static int inline_tag(const unsigned char *p, const unsigned char *end)
{
	const unsigned char *q = p + 1, *name;
	if (q < end && *q == '/')
		q++;
	name = q;
	while (q < end && !ends_name(*q)) {
		if (*q == ':')
			name = q + 1; /* a prefixed name: its local part */
		q++;
	}
	switch (q - name) {
	case 1:
		return *name == 'b' || *name == 'i' || *name == 'a';
	case 2:
		return memcmp(name, "br", 2) == 0 ? 2 : 0;
	case 3:
		return memcmp(name, "ref", 3) == 0;
	case 4:
		return memcmp(name, "span", 4) == 0;
	}
	return 0;
}

/* An element whose start tag is read and whose end tag is not yet. */
struct open_el {
	size_t tag;      /* its index in the scan */
	size_t lt;       /* the offset of its '<' */
	size_t children; /* elements directly inside it so far */
	unsigned max;    /* children_max() (with limits) */
};

enum tag_kind { START_TAG, END_TAG, OTHER_TAG };

struct tag_state {
	enum tag_kind kind;
	size_t lt;        /* offset of its '<' */
	unsigned n_attrs; /* each '=' outside a quoted value (a start tag) */
	unsigned char quote;
};

/*
 * A tag's '>' (or the end of the text): a start tag opens its element or,
 * when `empty` ("/>"), closes it at once; an end tag closes the innermost
 * open one. With limits, a start tag with too many attributes, or one too
 * many for its parent, is refused (-1, reported) at the start tag.
 */
static int end_tag(struct scanner *s, const struct tag_state *ts, int empty,
                   struct pp_scan *scan, struct open_el **open, size_t *n_open,
                   size_t *cap_open)
{
	if (ts->kind == OTHER_TAG)
		return 0;
	if (ts->kind == END_TAG) {
		if (*n_open > 0)
			scan->tags[(*open)[--*n_open].tag].after = scanner_here(s);
		return 0;
	}
	struct pp_tag_pos *t = &scan->tags[scan->n_tags - 1];
	if (s->diags && ts->n_attrs > PP_PARSE_MAX_ATTRS) {
		struct pp_loc loc = {s->file, t->line, t->col};
		pp_diagf(s->diags, PP_MSG_XML_TOO_MANY_ATTRS, &loc,
		         tag_name_len(s->start + ts->lt, s->end),
		         (const char *)s->start + ts->lt + 1, PP_PARSE_MAX_ATTRS);
		return -1;
	}
	if (s->diags && *n_open > 0) {
		struct open_el *parent = &(*open)[*n_open - 1];
		if (++parent->children > parent->max) {
			const unsigned char *at = s->start + parent->lt;
			const struct pp_tag_pos *pt = &scan->tags[parent->tag];
			struct pp_loc loc = {s->file, pt->line, pt->col};
			pp_diagf(s->diags, PP_MSG_XML_TOO_MANY_CHILDREN, &loc,
			         tag_name_len(at, s->end), (const char *)at + 1, parent->max);
			return -1;
		}
	}
	t->content = scanner_here(s);
	if (empty) {
		t->after = t->content;
	} else {
		PP_GROW(*open, *n_open + 1, *cap_open);
		unsigned max = s->diags ? children_max(s->start + ts->lt, s->end) : 0;
		(*open)[(*n_open)++] = (struct open_el){scan->n_tags - 1, ts->lt, 0, max};
	}
	return 0;
}

/*
 * The markup at s->p ('<', in text): comments, CDATA sections and
 * processing instructions are stepped into; a tag is begun (a start tag is
 * recorded where its '<' is). Returns the state to go on in.
 */
static enum scan_state begin_markup(struct scanner *s, struct tag_state *ts,
                                    struct pp_scan *scan)
{
	const unsigned char *p = s->p, *end = s->end;
	if (starts_at(p, end, "<!--")) {
		s->p +=
		    2; /* "<!-->" is a whole comment to us: look for "-->" from the first '-' */
		return IN_COMMENT;
	}
	if (starts_at(p, end, "<![CDATA[")) {
		s->p += 9;
		return IN_CDATA;
	}
	if (starts_at(p, end, "<?")) {
		s->p += 1; /* "<?>" ends where it starts, as "?>" */
		return IN_PI;
	}
	*ts = (struct tag_state){OTHER_TAG, (size_t)(p - s->start), 0, 0};
	if (starts_at(p, end, "</"))
		ts->kind = END_TAG;
	else if (!starts_at(p, end, "<!"))
		ts->kind = START_TAG;
	if (ts->kind != OTHER_TAG && s->diags) {
		/* "<td>1</td><td>2</td>" is two words; "<b>un</b>fair" is one */
		int in = inline_tag(p, end);
		if (in != 1)
			s->word.len = 0;
		if (in == 0)
			s->para.len = 0;
	}
	if (ts->kind == START_TAG) {
		struct pp_tag_pos *t;
		PP_GROW(scan->tags, scan->n_tags + 1, scan->cap);
		t = &scan->tags[scan->n_tags++];
		memset(t, 0, sizeof *t);
		struct pp_text_pos at = scanner_here(s);
		t->line = at.line;
		t->col = at.col;
	}
	s->p += 1;
	return IN_TAG;
}

/* Text or a value counted against the limits: the word and paragraph
 * (or value) counts the characters of state `st` go to. */
static int counted(const struct scanner *s, enum scan_state st, const struct tag_state *ts)
{
	return s->diags &&
	       (st == IN_TEXT || st == IN_CDATA || (st == IN_VALUE && ts->kind == START_TAG));
}

static int scan_text(const char *data, size_t len, int utf8, const char *file,
                     struct pp_diags *diags, struct pp_scan *scan)
{
	struct scanner s = {.start = (const unsigned char *)data,
	                    .end = (const unsigned char *)data + len,
	                    .utf8 = utf8,
	                    .line = 1,
	                    .diags = diags,
	                    .file = file};
	struct open_el *open = NULL;
	size_t n_open = 0, cap_open = 0;
	struct tag_state ts = {OTHER_TAG, 0, 0, 0};
	enum scan_state st = IN_TEXT;
	int rc = 0;

	memset(scan, 0, sizeof *scan);
	scan->utf8 = utf8;
	s.p = skip_bom(s.start, s.end);
	s.line_base = (size_t)(s.p - s.start);
	stop_table(s.stop[IN_TEXT], utf8, "\n\r<");
	stop_table(s.stop[IN_CDATA], utf8, "\n\r]");
	stop_table(s.stop[IN_TAG], utf8, "\n\r>\"'=");
	stop_table(s.stop[IN_VALUE], utf8, "\n\r\"'");
	stop_table(s.stop[IN_COMMENT], utf8, "\n\r-");
	stop_table(s.stop[IN_PI], utf8, "\n\r?");

	while (rc == 0 && s.p < s.end) {
		const unsigned char *q = next_stop(s.p, s.end, s.stop[st]);
		int count = counted(&s, st, &ts);
		struct run_count *word = st == IN_VALUE ? &s.v_word : &s.word;
		struct run_count *para = st == IN_VALUE ? &s.v_len : &s.para;
		/* the run: plain characters of one column each */
		if (count &&
		    count_run(&s, word, para, (size_t)(s.p - s.start), (size_t)(q - s.p)))
			rc = -1;
		s.p = q;
		if (rc != 0 || q == s.end)
			break;
		unsigned char ch = *q;
		size_t at = (size_t)(q - s.start);
		if (ch == '\n' || ch == '\r' || ch >= 0x80) {
			/* a line end ends a word; a continuation byte is no character */
			if (count && (ch & 0xC0) != 0x80)
				rc = count_run(&s, word, para, at, 1);
			step_special(&s);
			continue;
		}
		switch (st) {
		case IN_TEXT:
		case IN_CDATA:
		case IN_VALUE:
			if (st == IN_TEXT) { /* '<' */
				st = begin_markup(&s, &ts, scan);
			} else if (st == IN_CDATA && starts_at(q, s.end, "]]>")) {
				s.p += 3;
				st = IN_TEXT;
			} else if (st == IN_VALUE && ch == ts.quote) {
				s.p++;
				st = IN_TAG;
			} else { /* a ']' or the other quote: a character like any */
				if (count)
					rc = count_run(&s, word, para, at, 1);
				s.p++;
			}
			break;
		case IN_TAG:
			s.p++;
			if (ch == '>') {
				rc = end_tag(&s, &ts, q[-1] == '/', scan, &open, &n_open,
				             &cap_open);
				st = IN_TEXT;
				break;
			}
			if (ch == '=') {
				ts.n_attrs++;
				/* the usual name="value": open the value in the same step */
				if (s.p == s.end || (*s.p != '"' && *s.p != '\''))
					break;
				ch = *s.p++;
			}
			/* a quote opens a value */
			ts.quote = ch;
			s.v_word.len = s.v_len.len = 0;
			st = IN_VALUE;
			break;
		case IN_COMMENT:
		case IN_PI:
			if (starts_at(q, s.end, st == IN_COMMENT ? "-->" : "?>")) {
				s.p += st == IN_COMMENT ? 3 : 2;
				st = IN_TEXT;
			} else {
				s.p++;
			}
			break;
		case N_STATES:
			break;
		}
	}
	/* A tag cut short by the end of the text ends there. */
	if (rc == 0 && (st == IN_TAG || st == IN_VALUE))
		rc = end_tag(&s, &ts, 0, scan, &open, &n_open, &cap_open);
	free(open);
	return rc;
}

void pp_scan_tags(const char *data, size_t len, int utf8, struct pp_scan *scan)
{
	scan_text(data, len, utf8, NULL, NULL, scan);
}

int pp_scan_limits(const char *data, size_t len, const char *file, struct pp_diags *diags,
                   struct pp_scan *scan)
{
	return scan_text(data, len, !pp_scan_declares_other_encoding(data, len), file, diags,
	                 scan);
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

	/*
	 * Most bytes start none of the markers below: step over them a run
	 * at a time, with one table of the bytes to look at for plain text,
	 * one inside a comment and one inside a CDATA section.
	 */
	int check_utf8 = !pp_scan_declares_other_encoding(data, len);
	enum {
		PLAIN,
		COMMENT,
		CDATA
	} in = PLAIN; /* "<!DOCTYPE" in the last two is just text */
	static const unsigned char marker[3] = {'<', '-', ']'}; /* what each looks for */
	unsigned char stop[3][256];
	for (int i = 0; i < 3; i++) {
		stop_table(stop[i], check_utf8, (const char[]){(char)marker[i], '\0'});
		stop[i][0] = 1;
	}
	const unsigned char *end = u + len, *p = skip_bom(u, end);
	for (;;) {
		p = next_stop(skip_words(p, end, marker[in], check_utf8), end, stop[in]);
		if (p == end)
			break;
		size_t n = *p >= 0x80 ? utf8_seq(p, end) : 1;
		/*
		 * A DOCTYPE is the door to entities (billion laughs, external
		 * files); plans need none, so refuse it before libxml2 reads it.
		 */
		int doctype = in == PLAIN && starts_at(p, end, "<!DOCTYPE");
		if (*p == 0 || n == 0 || doctype) {
			struct pp_text_pos at = position_of(u, (size_t)(p - u), check_utf8);
			struct pp_loc loc = {file, at.line, at.col};
			if (*p == 0)
				pp_diagf(diags, PP_MSG_XML_NUL, &loc);
			else if (n == 0)
				report_bad_utf8(diags, &loc, p, end);
			else
				pp_diagf(diags, PP_MSG_XML_DOCTYPE, &loc);
			return -1;
		}
		if (*p >= 0x80) {
			p += n;
			continue;
		}
		if (in == PLAIN && starts_at(p, end, "<!--"))
			in = COMMENT;
		else if (in == COMMENT && starts_at(p, end, "-->"))
			in = PLAIN;
		else if (in == PLAIN && starts_at(p, end, "<![CDATA["))
			in = CDATA;
		else if (in == CDATA && starts_at(p, end, "]]>"))
			in = PLAIN;
		p++;
	}
	return 0;
}
