/* SPDX-License-Identifier: MIT */
/*
 * parse_image.c - vet an image's bytes before any decoder sees them.
 *
 * A template's logo (and any image a plan names) is as untrusted as the
 * plan: a PNG header may claim 100,000 x 100,000 pixels, its pixel data may
 * inflate to gigabytes, an SVG may multiply itself through <use> or reach
 * for /etc/passwd or a URL. libpng, librsvg and gdk-pixbuf would try; this
 * file decides first, from the bytes alone, whether decoding is bounded.
 *
 * Invariant: an image passed as PP_IMAGE_OK is decoded and drawn within the
 * limits of parse.h: at most PP_IMAGE_MAX_PIXELS pixels (every PNG and JPEG,
 * embedded ones too), pixel data that inflates to no more than its
 * dimensions need, and an SVG that draws a bounded number of elements and
 * filters and refers to nothing outside itself (only "#id" and data:).
 * The SVG is read by libxml2 without network, DTD loading or entity
 * substitution, so the scan itself is bounded by the file's size.
 * Malformed files the decoders reject cheaply on their own (a truncated
 * PNG, a broken chunk) pass here and fail there with their own reason.
 */
#include "planpress/parse.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <zlib.h>

#include "alloc.h"

/* An SVG embedded in an SVG in an SVG: deeper is refused. */
#define MAX_SVG_DEPTH 2
/* <use> and url(#) references followed within one another. */
#define MAX_REF_DEPTH 64

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static enum pp_image_verdict refuse(char **why, char *text)
{
	*why = text;
	return PP_IMAGE_REFUSED;
}

static enum pp_image_verdict check_pixels(uint32_t w, uint32_t h, const char *what,
					  char **why)
{
	if (w > PP_IMAGE_MAX_SIDE || h > PP_IMAGE_MAX_SIDE ||
	    (uint64_t)w * h > PP_IMAGE_MAX_PIXELS)
		return refuse(why, pp_xasprintf("%s is %lu x %lu pixels (at most %u a side and "
						"%u in all)",
						what, (unsigned long)w, (unsigned long)h,
						PP_IMAGE_MAX_SIDE, PP_IMAGE_MAX_PIXELS));
	return PP_IMAGE_OK;
}

/* ---------- PNG ------------------------------------------------------------ */

/*
 * The bytes of pixel data a w x h PNG of `bpp` bits a pixel inflates to:
 * a filter byte and the packed pixels a row; Adam7 adds at most a filter
 * byte and a partial byte a row for each of its 7 passes.
 */
static uint64_t png_raw_size(uint32_t w, uint32_t h, unsigned bpp, int interlaced)
{
	uint64_t row = ((uint64_t)w * bpp + 7) / 8 + 1;
	uint64_t n = row * h;
	return interlaced ? n + 14 * (uint64_t)h + 64 : n;
}

static enum pp_image_verdict vet_png(const unsigned char *d, size_t len, const char *what,
				     char **why)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	/* Signature, then IHDR (length 13) first: anything else fails in libpng at once. */
	if (len < 8 + 8 + 13 || memcmp(d, sig, 8) != 0 || be32(d + 8) != 13 ||
	    memcmp(d + 12, "IHDR", 4) != 0)
		return PP_IMAGE_OK;
	uint32_t w = be32(d + 16), h = be32(d + 20);
	unsigned depth = d[24], colour = d[25], interlaced = d[28] != 0;
	static const unsigned channels[7] = {1, 0, 3, 1, 2, 0, 4};
	if (w == 0 || h == 0 || colour > 6 || channels[colour] == 0)
		return PP_IMAGE_OK; /* libpng refuses the header */
	if (check_pixels(w, h, what, why) != PP_IMAGE_OK)
		return PP_IMAGE_REFUSED;

	/* Inflate the IDAT chunks, counting, into a scratch buffer: the stream
	 * may hold far more than the image needs (libpng would read it all). */
	uint64_t need = png_raw_size(w, h, channels[colour] * depth, interlaced);
	z_stream z = {0};
	if (inflateInit(&z) != Z_OK)
		return PP_IMAGE_OK;
	unsigned char scratch[16384];
	uint64_t out = 0;
	int done = 0;
	enum pp_image_verdict v = PP_IMAGE_OK;
	for (size_t pos = 33; !done && pos + 12 <= len;) {
		uint32_t clen = be32(d + pos);
		if (clen > 0x7fffffffu || clen > len - pos - 12)
			break; /* truncated: libpng says so */
		const unsigned char *type = d + pos + 4;
		if (memcmp(type, "IEND", 4) == 0)
			break;
		if (memcmp(type, "IDAT", 4) == 0) {
			z.next_in = (unsigned char *)(d + pos + 8);
			z.avail_in = clen;
			while (z.avail_in > 0) {
				z.next_out = scratch;
				z.avail_out = sizeof scratch;
				int rc = inflate(&z, Z_NO_FLUSH);
				out += sizeof scratch - z.avail_out;
				if (out > need) {
					v = refuse(why, pp_xasprintf(
							    "%s inflates to more than the %llu bytes "
							    "of pixel data its %lu x %lu pixels need",
							    what, (unsigned long long)need,
							    (unsigned long)w, (unsigned long)h));
					done = 1;
					break;
				}
				if (rc != Z_OK) { /* the end, or corrupt: libpng's to say */
					done = 1;
					break;
				}
			}
		}
		pos += 12 + (size_t)clen;
	}
	inflateEnd(&z);
	return v;
}

/* ---------- JPEG (embedded in SVG only) ------------------------------------ */

/* The frame header (SOFn) gives the size; without one gdk-pixbuf fails. */
static enum pp_image_verdict vet_jpeg(const unsigned char *d, size_t len, const char *what,
				      char **why)
{
	size_t pos = 2;
	while (pos + 4 <= len && d[pos] == 0xFF) {
		unsigned m = d[pos + 1];
		if (m == 0xFF) {
			pos++;
			continue;
		}
		if (m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01) {
			pos += 2;
			continue;
		}
		size_t seg = (size_t)d[pos + 2] << 8 | d[pos + 3];
		int sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
		if (sof && pos + 9 <= len)
			return check_pixels((uint32_t)d[pos + 7] << 8 | d[pos + 8],
					    (uint32_t)d[pos + 5] << 8 | d[pos + 6], what, why);
		if (m == 0xDA || seg < 2)
			break;
		pos += 2 + seg;
	}
	return PP_IMAGE_OK;
}

/* ---------- SVG ------------------------------------------------------------ */

struct id_entry {
	const char *id;
	xmlNode *el;
};

/* What drawing an element costs: elements drawn, filter primitives
 * applied, and bytes of text laid out (Pango took 23 s and 520 MB on one
 * <text> of 2 MB). */
struct cost {
	unsigned long elements, filters, text;
};

struct svg_scan {
	xmlDoc *doc;
	const char *what;
	int depth;		 /* of SVG in SVG: 0 for the file itself */
	xmlNode **els;		 /* every element, in document order; _private = 1 + index */
	size_t n_els, cap_els;
	struct cost *memo;	 /* per element; `busy` while being counted */
	unsigned char *busy;
	struct id_entry *ids;
	size_t n_ids, cap_ids;
	char *why;
};

static int is_local(const xmlChar *name, const char *s)
{
	return name && strcmp((const char *)name, s) == 0;
}

/* An attribute's value with entities replaced (caller frees with xmlFree). */
static char *attr_value(xmlDoc *doc, const xmlAttr *a)
{
	return (char *)xmlNodeListGetString(doc, a->children, 1);
}

static int cmp_id(const void *a, const void *b)
{
	return strcmp(((const struct id_entry *)a)->id, ((const struct id_entry *)b)->id);
}

static xmlNode *find_id(const struct svg_scan *s, const char *id, size_t n)
{
	if (!s->n_ids)
		return NULL;
	char *key = pp_xasprintf("%.*s", (int)n, id);
	struct id_entry probe = {key, NULL};
	struct id_entry *e = bsearch(&probe, s->ids, s->n_ids, sizeof *s->ids, cmp_id);
	free(key);
	return e ? e->el : NULL;
}

static void fail(struct svg_scan *s, char *text)
{
	if (!s->why)
		s->why = text;
	else
		free(text);
}

/* Shown in a message: at most 60 bytes of `v`, with no control characters. */
static char *quoted(const char *v, size_t n)
{
	if (n > 60)
		n = 60;
	char *q = pp_xasprintf("%.*s", (int)n, v);
	for (char *p = q; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	return q;
}

static void add(struct cost *c, struct cost x)
{
	c->elements += x.elements;
	c->filters += x.filters;
	if (c->elements > PP_SVG_MAX_ELEMENTS)
		c->elements = PP_SVG_MAX_ELEMENTS + 1;
	if (c->filters > PP_SVG_MAX_FILTERS)
		c->filters = PP_SVG_MAX_FILTERS + 1;
	c->text += x.text;
	if (c->text > PP_SVG_MAX_TEXT)
		c->text = PP_SVG_MAX_TEXT + 1;
}

static enum pp_image_verdict vet_svg(const unsigned char *d, size_t len, const char *what,
				     int depth, struct cost *total, char **why);

/*
 * A data: URI in an href: the image it holds is vetted like a file
 * (PNG and JPEG by their size, SVG in full); other kinds are refused.
 * Adds an embedded SVG's cost to *c.
 */
static void check_data_uri(struct svg_scan *s, const char *v, struct cost *c)
{
	const char *comma = strchr(v, ',');
	if (!comma) {
		fail(s, pp_xasprintf("%s has a data: reference with no data", s->what));
		return;
	}
	const char *type = v + 5;
	size_t tlen = strcspn(type, ";,");
	int base64 = 0;
	for (const char *p = type + tlen; p < comma; p++)
		if (strncmp(p, ";base64", 7) == 0 && (p[7] == ',' || p[7] == ';'))
			base64 = 1;
	/* Decode: base64 (whitespace skipped), or %-escapes. */
	size_t n = strlen(comma + 1);
	unsigned char *bytes = pp_xmalloc(n + 1);
	size_t k = 0;
	if (base64) {
		unsigned acc = 0, bits = 0;
		for (const char *p = comma + 1; *p && *p != '='; p++) {
			const char *set = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
			const char *at = *p ? strchr(set, *p) : NULL;
			if (!at)
				continue;
			acc = (acc << 6 | (unsigned)(at - set)) & 0xffffff;
			if ((bits += 6) >= 8) {
				bits -= 8;
				bytes[k++] = (unsigned char)(acc >> bits);
			}
		}
	} else {
		for (const char *p = comma + 1; *p; p++) {
			unsigned x;
			if (*p == '%' && sscanf(p + 1, "%2x", &x) == 1 && p[1] && p[2]) {
				bytes[k++] = (unsigned char)x;
				p += 2;
			} else {
				bytes[k++] = (unsigned char)*p;
			}
		}
	}
	char *inner = pp_xasprintf("an image embedded in %s", s->what);
	char *why = NULL;
	enum pp_image_verdict r = PP_IMAGE_OK;
	if (tlen == 9 && strncmp(type, "image/png", 9) == 0) {
		r = vet_png(bytes, k, inner, &why);
	} else if ((tlen == 10 && strncmp(type, "image/jpeg", 10) == 0) ||
		   (tlen == 9 && strncmp(type, "image/jpg", 9) == 0)) {
		r = vet_jpeg(bytes, k, inner, &why);
	} else if (tlen == 13 && strncmp(type, "image/svg+xml", 13) == 0) {
		struct cost sub = {0, 0, 0};
		if (s->depth >= MAX_SVG_DEPTH)
			fail(s, pp_xasprintf("%s embeds SVG images more than %d deep", s->what,
					     MAX_SVG_DEPTH));
		else
			r = vet_svg(bytes, k, inner, s->depth + 1, &sub, &why);
		add(c, sub);
	} else {
		char *t = quoted(type, tlen);
		fail(s, pp_xasprintf("%s embeds an image of type \"%s\" (expected image/png, "
				     "image/jpeg or image/svg+xml)",
				     s->what, t));
		free(t);
	}
	if (r != PP_IMAGE_OK)
		fail(s, why);
	else
		free(why);
	free(inner);
	free(bytes);
}

/* A reference outside the image: refused, quoting it. */
static void outside(struct svg_scan *s, const char *v, size_t n)
{
	char *q = quoted(v, n);
	fail(s, pp_xasprintf("%s refers to \"%s\", outside the image (only \"#id\" and "
			     "data: references are allowed)",
			     s->what, q));
	free(q);
}

/*
 * A number of absurd size (a font 2e23 pixels high) is refused: librsvg
 * panics on some such sizes and aborts the process. No logo needs a length
 * or coordinate of ten integer digits or more, however written
 * ("12345678901", "2e23", "0.5e12"); the fraction may be as long as it
 * likes. Checked in attribute values and stylesheets, not in data: URIs.
 */
static void check_numbers(struct svg_scan *s, const char *v)
{
	for (const char *p = v; *p && !s->why;) {
		int starts = (*p >= '0' && *p <= '9') || (*p == '.' && p[1] >= '0' && p[1] <= '9');
		if (!starts || (p > v && (isalpha((unsigned char)p[-1]) || p[-1] == '_' ||
					  p[-1] == '#'))) {
			/* inside a name or a colour: skip the whole word */
			if (starts)
				while (isalnum((unsigned char)*p) || *p == '_' || *p == '.')
					p++;
			else
				p++;
			continue;
		}
		const char *start = p;
		/* The place of the first significant digit: 3 for 123.4, 0 for
		 * 0.5, -2 for 0.005; the value is about 10^(digits + exponent). */
		long digits = 0;
		int nonzero = 0;
		while (*p == '0')
			p++;
		while (*p >= '0' && *p <= '9')
			p++, digits++, nonzero = 1;
		if (*p == '.') {
			p++;
			if (!nonzero)
				while (*p == '0')
					p++, digits--;
			while (*p >= '0' && *p <= '9')
				nonzero |= *p++ != '0';
		}
		long exponent = 0;
		if ((*p == 'e' || *p == 'E') &&
		    ((p[1] >= '0' && p[1] <= '9') ||
		     ((p[1] == '+' || p[1] == '-') && p[2] >= '0' && p[2] <= '9'))) {
			const char *q = p + 1;
			int neg = *q == '-';
			if (*q == '+' || *q == '-')
				q++;
			while (*q >= '0' && *q <= '9') {
				if (exponent < 100000)
					exponent = exponent * 10 + (*q - '0');
				q++;
			}
			if (neg)
				exponent = -exponent;
			p = q;
		}
		if (nonzero && digits + exponent > 9) {
			char *num = quoted(start, (size_t)(p - start));
			fail(s, pp_xasprintf("%s holds the number \"%s\", too large to draw (a logo "
					     "needs none of ten digits or more)",
					     s->what, num));
			free(num);
		}
	}
}

static struct cost cost_of(struct svg_scan *s, xmlNode *el, int depth);

/*
 * Every url(...) in a style or attribute value: "#id" adds its target's
 * cost to *c (when counting); anything else is outside the image. CSS
 * @import is refused too.
 */
static void check_urls(struct svg_scan *s, const char *v, struct cost *c, int depth)
{
	if (strstr(v, "@import"))
		outside(s, strstr(v, "@import"), strcspn(strstr(v, "@import"), ";\n"));
	for (const char *p = v; (p = strstr(p, "url(")) != NULL;) {
		p += 4;
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '"' ||
		       *p == '\'')
			p++;
		size_t n = strcspn(p, ")\"' \t\r\n");
		if (*p != '#') {
			outside(s, p, n);
		} else if (c) {
			xmlNode *t = find_id(s, p + 1, n - 1);
			if (t)
				add(c, cost_of(s, t, depth + 1));
		}
		p += n;
	}
}

/*
 * What drawing `el` costs: itself, its children, and every element it
 * refers to (<use href="#id">, fill="url(#id)" ...) as often as it does,
 * so 10 levels of 10 <use>s cost 10^10. Memoized per element: linear in
 * the file. A reference to itself is refused, like librsvg does.
 */
static struct cost cost_of(struct svg_scan *s, xmlNode *el, int depth)
{
	size_t i = (size_t)(uintptr_t)el->_private - 1;
	if (s->busy[i] == 2)
		return s->memo[i];
	struct cost c = {1, 0, 0};
	if (s->busy[i] == 1 || depth > MAX_REF_DEPTH) {
		fail(s, pp_xasprintf(s->busy[i] == 1 ? "%s has an element that refers to itself"
						     : "%s nests references more than %d deep",
				     s->what, MAX_REF_DEPTH));
		return c;
	}
	s->busy[i] = 1;
	if (el->name && strncmp((const char *)el->name, "fe", 2) == 0)
		c.filters = 1;
	/* Text is laid out unless it is a stylesheet, a script or metadata. */
	int drawn_text = !is_local(el->name, "style") && !is_local(el->name, "script") &&
			 !is_local(el->name, "title") && !is_local(el->name, "desc") &&
			 !is_local(el->name, "metadata");
	for (xmlNode *k = el->children; k && !s->why; k = k->next) {
		if (k->type == XML_ELEMENT_NODE)
			add(&c, cost_of(s, k, depth));
		else if (drawn_text && (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) &&
			 k->content)
			add(&c, (struct cost){0, 0, strlen((const char *)k->content)});
	}
	for (xmlAttr *a = el->properties; a && !s->why; a = a->next) {
		char *v = attr_value(s->doc, a);
		if (!v)
			continue;
		const char *t = v;
		while (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r')
			t++;
		if (is_local(a->name, "href") && is_local(el->name, "a")) {
			/* A link: librsvg draws its content and never follows it. */
		} else if (is_local(a->name, "href")) {
			if (t[0] == '#') {
				xmlNode *target = find_id(s, t + 1, strcspn(t + 1, " \t\r\n"));
				if (target)
					add(&c, cost_of(s, target, depth + 1));
			} else if (strncmp(t, "data:", 5) == 0) {
				check_data_uri(s, t, &c);
			} else {
				outside(s, t, strlen(t));
			}
		} else {
			check_urls(s, v, &c, depth);
			check_numbers(s, v);
		}
		xmlFree(v);
	}
	s->memo[i] = c;
	s->busy[i] = 2;
	return c;
}

/* Every element into s->els (index in _private) and every id into s->ids. */
static void collect(struct svg_scan *s, xmlNode *n, int level)
{
	for (; n && !s->why; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (level > PP_SVG_MAX_DEPTH) {
			fail(s, pp_xasprintf("%s nests elements more than %d deep", s->what,
					     PP_SVG_MAX_DEPTH));
			return;
		}
		if (s->n_els >= PP_SVG_MAX_ELEMENTS) {
			fail(s, pp_xasprintf("%s has more than %u elements", s->what,
					     PP_SVG_MAX_ELEMENTS));
			return;
		}
		if (n->ns && n->ns->href &&
		    strcmp((const char *)n->ns->href, "http://www.w3.org/2001/XInclude") == 0) {
			fail(s, pp_xasprintf("%s includes another file (<xi:%s>)", s->what,
					     (const char *)n->name));
			return;
		}
		PP_GROW(s->els, s->n_els + 1, s->cap_els);
		s->els[s->n_els++] = n;
		n->_private = (void *)(uintptr_t)s->n_els;
		for (xmlAttr *a = n->properties; a; a = a->next) {
			if (!is_local(a->name, "id"))
				continue;
			char *v = attr_value(s->doc, a);
			if (v) {
				PP_GROW(s->ids, s->n_ids + 1, s->cap_ids);
				s->ids[s->n_ids++] = (struct id_entry){v, n};
			}
		}
		/* <style> text: url() and @import, checked as an attribute's value. */
		if (is_local(n->name, "style")) {
			char *css = (char *)xmlNodeGetContent(n);
			if (css) {
				check_urls(s, css, NULL, 0);
				check_numbers(s, css);
			}
			xmlFree(css);
		}
		collect(s, n->children, level + 1);
	}
}

/* Entities: internal ones of plain text only, and a bounded expansion. */
static void check_entities(void *payload, void *data, const xmlChar *name)
{
	xmlEntity *e = payload;
	struct svg_scan *s = data;
	if (s->why)
		return;
	if (e->etype != XML_INTERNAL_GENERAL_ENTITY)
		fail(s, pp_xasprintf("%s declares an external entity \"%s\"", s->what,
				     (const char *)name));
	else if (e->content && strpbrk((const char *)e->content, "&<%"))
		fail(s, pp_xasprintf("%s declares an entity \"%s\" that holds markup or other "
				     "entities",
				     s->what, (const char *)name));
}

/* The text entity references expand to, over the tree, attributes included. */
static unsigned long entity_text(const xmlNode *n)
{
	unsigned long sum = 0;
	for (; n; n = n->next) {
		if (n->type == XML_ENTITY_REF_NODE) {
			const xmlEntity *e = (const xmlEntity *)n->children;
			if (e && e->type == XML_ENTITY_DECL && e->content)
				sum += strlen((const char *)e->content);
			continue;
		}
		if (n->type == XML_ELEMENT_NODE)
			for (const xmlAttr *a = n->properties; a; a = a->next)
				sum += entity_text(a->children);
		sum += entity_text(n->children);
		if (sum > PP_SVG_MAX_ENTITY_TEXT)
			return sum;
	}
	return sum;
}

static enum pp_image_verdict vet_svg(const unsigned char *d, size_t len, const char *what,
				     int depth, struct cost *total, char **why)
{
	if (len > INT32_MAX)
		return refuse(why, pp_xasprintf("%s is larger than 2 GiB", what));
	xmlParserCtxt *ctxt = xmlNewParserCtxt();
	if (!ctxt)
		return refuse(why, pp_xstrdup("there is no memory to read it"));
	/* No network, no DTD, no entity substitution; messages are read below. */
	xmlDoc *doc = xmlCtxtReadMemory(ctxt, (const char *)d, (int)len, NULL, NULL,
					XML_PARSE_NONET | XML_PARSE_NOERROR |
					    XML_PARSE_NOWARNING);
	if (!doc || !xmlDocGetRootElement(doc)) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);
		const char *m = e && e->message ? e->message : "no root element";
		size_t n = strlen(m);
		while (n > 0 && (m[n - 1] == '\n' || m[n - 1] == ' '))
			n--;
		*why = depth == 0 ? pp_xasprintf("not a readable SVG file (line %d: %.*s)",
						 e ? e->line : 0, (int)n, m)
				  : pp_xasprintf("%s is not a readable SVG image (line %d: %.*s)",
						 what, e ? e->line : 0, (int)n, m);
		xmlFreeDoc(doc);
		xmlFreeParserCtxt(ctxt);
		return depth == 0 ? PP_IMAGE_UNREADABLE : PP_IMAGE_REFUSED;
	}
	struct svg_scan s = {.doc = doc, .what = what, .depth = depth};
	if (doc->intSubset) {
		if (doc->intSubset->entities)
			xmlHashScan(doc->intSubset->entities, check_entities, &s);
		if (doc->intSubset->pentities && xmlHashSize(doc->intSubset->pentities) > 0)
			fail(&s, pp_xasprintf("%s declares a parameter entity", what));
	}
	for (xmlNode *n = doc->children; n && !s.why; n = n->next)
		if (n->type == XML_PI_NODE && is_local(n->name, "xml-stylesheet"))
			fail(&s, pp_xasprintf("%s names a stylesheet (<?xml-stylesheet?>)", what));
	if (!s.why && entity_text(doc->children) > PP_SVG_MAX_ENTITY_TEXT)
		fail(&s, pp_xasprintf("%s expands entities to more than %u bytes", what,
				      PP_SVG_MAX_ENTITY_TEXT));
	if (!s.why)
		collect(&s, doc->children, 1);
	struct cost c = {0, 0, 0};
	if (!s.why) {
		if (s.n_ids) /* qsort and bsearch take no NULL array, even empty */
			qsort(s.ids, s.n_ids, sizeof *s.ids, cmp_id);
		s.memo = pp_xcalloc(s.n_els, sizeof *s.memo);
		s.busy = pp_xcalloc(s.n_els, 1);
		c = cost_of(&s, xmlDocGetRootElement(doc), 0);
	}
	if (!s.why && c.elements > PP_SVG_MAX_ELEMENTS)
		fail(&s, pp_xasprintf("%s would draw more than %u elements (counting each "
				      "<use> and url(#id) target every time it is used)",
				      what, PP_SVG_MAX_ELEMENTS));
	if (!s.why && c.filters > PP_SVG_MAX_FILTERS)
		fail(&s, pp_xasprintf("%s would apply filter effects more than %u times", what,
				      PP_SVG_MAX_FILTERS));
	if (!s.why && c.text > PP_SVG_MAX_TEXT)
		fail(&s, pp_xasprintf("%s would lay out more than %u bytes of text", what,
				      PP_SVG_MAX_TEXT));
	add(total, c);
	for (size_t i = 0; i < s.n_ids; i++)
		xmlFree((char *)s.ids[i].id);
	free(s.ids);
	free(s.els);
	free(s.memo);
	free(s.busy);
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	if (s.why)
		return refuse(why, s.why);
	return PP_IMAGE_OK;
}

enum pp_image_verdict pp_parse_image_vet(const unsigned char *data, size_t len, int svg,
					 char **why)
{
	*why = NULL;
	if (len > PP_IMAGE_MAX_BYTES)
		return refuse(why, pp_xasprintf("it is larger than %u MiB",
						PP_IMAGE_MAX_BYTES >> 20));
	if (!svg)
		return vet_png(data, len, "it", why);
	struct cost c = {0, 0, 0};
	return vet_svg(data, len, "it", 0, &c, why);
}
