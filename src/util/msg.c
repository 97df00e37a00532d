/* SPDX-License-Identifier: MIT */
/*
 * msg.c - what messages say: the catalogue (each id's name, severity and
 * format, from diag.h) and pp_escape, which shows control characters
 * rather than passing them to a terminal. Neither allocates, so the
 * allocator's own out-of-memory report (alloc.c) can use them; the sink
 * (diag.c) uses them too, and this file uses neither.
 */
#include "planpress/diag.h"

#include <stdio.h>
#include <string.h>

struct catalogue_entry {
	const char *name;
	enum pp_severity sev;
	const char *fmt;
};

static const struct catalogue_entry catalogue[PP_MSG_COUNT] = {
#define PP_DIAG_ROW(id, sev, fmt) [id] = {#id, sev, fmt},
	PP_DIAG_CATALOGUE(PP_DIAG_ROW)
#undef PP_DIAG_ROW
};

/*
 * The length of the UTF-8 sequence at `p` and its code point, or 0 when
 * the bytes there are not one well-formed sequence (overlong, surrogate,
 * cut short, a stray continuation byte).
 */
static size_t utf8_decode(const unsigned char *p, unsigned *cp)
{
	size_t len;
	unsigned c, min;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	} else if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		len = 2, c = p[0] & 0x1Fu, min = 0x80;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		len = 3, c = p[0] & 0x0Fu, min = 0x800;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		len = 4, c = p[0] & 0x07u, min = 0x10000;
	} else {
		return 0;
	}
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0; /* also stops at the terminating NUL */
		c = c << 6 | (p[i] & 0x3Fu);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* Code points that are shown, not obeyed: C1 controls, the bidirectional
 * controls (which reorder the rest of a terminal line) and the Unicode
 * line and paragraph separators. */
static int is_hidden(unsigned cp)
{
	return (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	       (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

size_t pp_escape(char *dst, size_t cap, const char *s)
{
	size_t n = 0, written = 0;
	int full = 0;
	char piece[16];
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		unsigned cp;
		size_t len = utf8_decode(p, &cp);
		const char *out = piece;
		size_t out_len;
		if (len == 0) {
			/* Not UTF-8 (a file name from the command line): a lone
			 * 0x9B would be a terminal's 8-bit CSI. */
			out_len = (size_t)snprintf(piece, sizeof piece, "\\x%02X", *p);
			len = 1;
		} else if (cp == '\n') {
			out = "\\n", out_len = 2;
		} else if (cp == '\t') {
			out = "\\t", out_len = 2;
		} else if (cp < 0x20 || cp == 0x7F) {
			out_len = (size_t)snprintf(piece, sizeof piece, "\\x%02X", cp);
		} else if (is_hidden(cp)) {
			out_len = (size_t)snprintf(piece, sizeof piece, "<U+%04X>", cp);
		} else {
			out = (const char *)p, out_len = len;
		}
		/* Whole pieces only: a cut never splits a character or an escape. */
		if (!full && n + out_len < cap) {
			memcpy(dst + n, out, out_len);
			written = n + out_len;
		} else {
			full = 1; /* keep counting */
		}
		n += out_len;
		p += len;
	}
	if (cap)
		dst[written] = '\0';
	return n;
}

const char *pp_msg_format(enum pp_msg id)
{
	return catalogue[id].fmt;
}

enum pp_severity pp_msg_severity(enum pp_msg id)
{
	return catalogue[id].sev;
}

const char *pp_msg_name(enum pp_msg id)
{
	return catalogue[id].name;
}
