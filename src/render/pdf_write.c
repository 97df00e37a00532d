/* SPDX-License-Identifier: MIT */
/*
 * pdf_write.c - numbered PDF objects written straight to the sink, with
 * the cross-reference table at the end (pdf_write.h). A compact writer
 * (PDF 1.5) gathers objects other than streams into compressed object
 * streams of up to 100 and ends with a compressed cross-reference stream:
 * a tagged report is mostly small dictionaries (structure elements, marked
 * content references), which then take a fraction of their plain size.
 *
 * Invariant: w->offset is the number of bytes the file has so far (sent or
 * buffered), so an object's recorded offset is where its "n 0 obj" starts.
 * Nothing in the output depends on time or chance: the /ID is a digest of
 * the bytes before the xref.
 */
#include "pdf_write.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>

#include "alloc.h"

/* Bytes kept before they go to the sink: few calls, little memory. */
#define FLUSH_AT (64 * 1024)

void pdf_buf_grow(struct pdf_buf *b, size_t len)
{
	PP_GROW(b->data, b->len + len, b->cap);
}

/* "00" to "99": decimal digits are written two at a time. */
static const char digit_pairs[] = "00010203040506070809101112131415161718192021222324"
				  "25262728293031323334353637383940414243444546474849"
				  "50515253545556575859606162636465666768697071727374"
				  "75767778798081828384858687888990919293949596979899";

/*
 * v in decimal at o (room for 20 bytes); returns the end. Page numbers,
 * coordinates and object numbers fit 32 bits, whose arithmetic is the
 * cheaper: the digits are counted, then written from the last, two by two.
 */
static char *put_digits(char *o, unsigned long long v)
{
	int n = 1;
	for (unsigned long long p = 10; n < 20 && v >= p; p *= 10)
		n++;
	char *e = o + n, *q = e;
	if (v <= 0xFFFFFFFFu) {
		uint32_t w = (uint32_t)v;
		for (; w >= 100; w /= 100) {
			q -= 2;
			memcpy(q, digit_pairs + 2 * (w % 100), 2);
		}
		if (w >= 10) {
			q -= 2;
			memcpy(q, digit_pairs + 2 * w, 2);
		} else {
			*--q = (char)('0' + w);
		}
		return e;
	}
	do
		*--q = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	return e;
}

/* Written in place: object numbers and MCIDs come by the hundred thousand. */
void pdf_buf_uint(struct pdf_buf *b, unsigned long long v)
{
	if (b->cap - b->len < 20)
		pdf_buf_grow(b, 20);
	char *o = (char *)b->data + b->len;
	b->len = (size_t)((unsigned char *)put_digits(o, v) - b->data);
}

void pdf_buf_ref(struct pdf_buf *b, unsigned num)
{
	pdf_buf_uint(b, num);
	pdf_buf_put(b, " 0 R", 4);
}

/*
 * Structure elements, marks and object headers are printed by the hundred
 * thousand, nearly all with only %u, %zu, %s and %%: those are put here in
 * one walk over fmt, literal text in runs. At the first other conversion
 * what was put is taken back and vsnprintf prints the whole, from a copy
 * of the arguments as they came.
 */
void pdf_buf_printf(struct pdf_buf *b, const char *fmt, ...)
{
	va_list ap, again;
	va_start(ap, fmt);
	va_copy(again, ap);
	size_t start = b->len;
	const char *p = fmt, *lit = fmt;
	for (; *p; p++) {
		if (*p != '%')
			continue;
		pdf_buf_put(b, lit, (size_t)(p - lit));
		if (p[1] == 'u') {
			pdf_buf_uint(b, va_arg(ap, unsigned));
			p++;
		} else if (p[1] == 'z' && p[2] == 'u') {
			pdf_buf_uint(b, va_arg(ap, size_t));
			p += 2;
		} else if (p[1] == 's') {
			const char *str = va_arg(ap, const char *);
			pdf_buf_puts(b, str ? str : "(null)"); /* as glibc prints it */
			p++;
		} else if (p[1] == '%') {
			pdf_buf_put(b, "%", 1);
			p++;
		} else {
			break;
		}
		lit = p + 1;
	}
	va_end(ap);
	if (!*p) {
		pdf_buf_put(b, lit, (size_t)(p - lit));
		va_end(again);
		return;
	}
	b->len = start;
	char small[256];
	va_copy(ap, again);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < sizeof small) {
		pdf_buf_put(b, small, (size_t)n);
	} else if (n >= 0) {
		PP_GROW(b->data, b->len + (size_t)n + 1, b->cap);
		vsnprintf((char *)b->data + b->len, (size_t)n + 1, fmt, again);
		b->len += (size_t)n;
	}
	va_end(again);
}

/*
 * Numbers are most of a page's content: printed by hand, not printf (about
 * ten times faster), rounded to 1/1000, which is far below a device pixel.
 * A page has thousands, so this makes no call to the C library: llround's
 * rounding (half away from zero) is done inline and the digits are written
 * in place (put_digits).
 */
void pdf_buf_num(struct pdf_buf *b, double v)
{
	if (!(v > -1e12 && v < 1e12)) /* NaN and absurd values: draw at 0 */
		v = 0;
	/* Below 2^52, t minus its truncation is exact: the rounding is llround's. */
	double t = v * 1000.0;
	long long m = (long long)t;
	double rest = t - (double)m;
	if (rest >= 0.5)
		m++;
	else if (rest <= -0.5)
		m--;
	unsigned long long u = m < 0 ? (unsigned long long)-m : (unsigned long long)m;
	unsigned frac = (unsigned)(u % 1000);
	if (b->cap - b->len < 24) /* "-", 12 digits, ".", 3 decimals */
		pdf_buf_grow(b, 24);
	char *o = (char *)b->data + b->len;
	if (m < 0)
		*o++ = '-';
	o = put_digits(o, u / 1000);
	if (frac) { /* ".5", ".25", ".125": trailing zeros dropped */
		unsigned tens = frac / 10; /* the first two decimals */
		*o++ = '.';
		*o++ = digit_pairs[2 * tens];
		if (frac % 100)
			*o++ = digit_pairs[2 * tens + 1];
		if (frac % 10)
			*o++ = (char)('0' + frac % 10);
	}
	b->len = (size_t)((unsigned char *)o - b->data);
}

/* The next code point of UTF-8 at *s (bounded by end); bad bytes give U+FFFD. */
static unsigned next_cp(const unsigned char **s, const unsigned char *end)
{
	const unsigned char *p = *s;
	unsigned c = *p++, n = 0, cp;
	if (c < 0x80) {
		*s = p;
		return c;
	}
	if (c >= 0xF0 && c < 0xF8) {
		n = 3;
		cp = c & 0x07;
	} else if (c >= 0xE0) {
		n = 2;
		cp = c & 0x0F;
	} else if (c >= 0xC0) {
		n = 1;
		cp = c & 0x1F;
	} else {
		*s = p;
		return 0xFFFD;
	}
	for (unsigned i = 0; i < n; i++) {
		if (p >= end || (*p & 0xC0) != 0x80) {
			*s = p;
			return 0xFFFD;
		}
		cp = (cp << 6) | (*p++ & 0x3F);
	}
	*s = p;
	return cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000) ? 0xFFFD : cp;
}

static void hex16(struct pdf_buf *b, unsigned v)
{
	static const char hx[] = "0123456789ABCDEF";
	char s[4] = {hx[(v >> 12) & 15], hx[(v >> 8) & 15], hx[(v >> 4) & 15], hx[v & 15]};
	pdf_buf_put(b, s, 4);
}

void pdf_buf_utf16_hex(struct pdf_buf *b, const char *utf8, size_t n)
{
	const unsigned char *s = (const unsigned char *)utf8, *end = s + n;
	while (s < end) {
		unsigned cp = next_cp(&s, end);
		if (cp >= 0x10000) {
			cp -= 0x10000;
			hex16(b, 0xD800 + (cp >> 10));
			hex16(b, 0xDC00 + (cp & 0x3FF));
		} else {
			hex16(b, cp);
		}
	}
}

void pdf_buf_text(struct pdf_buf *b, const char *utf8)
{
	int ascii = 1;
	for (const char *p = utf8; *p && ascii; p++)
		ascii = *p >= 0x20 && *p < 0x7F;
	if (ascii) {
		pdf_buf_put(b, "(", 1);
		for (const char *p = utf8; *p;) {
			size_t k = strcspn(p, "()\\");
			pdf_buf_put(b, p, k);
			p += k;
			if (*p) { /* a delimiter or the backslash, escaped */
				char esc[2] = {'\\', *p++};
				pdf_buf_put(b, esc, 2);
			}
		}
		pdf_buf_put(b, ")", 1);
		return;
	}
	pdf_buf_puts(b, "<FEFF");
	pdf_buf_utf16_hex(b, utf8, strlen(utf8));
	pdf_buf_put(b, ">", 1);
}

void pdf_buf_free(struct pdf_buf *b)
{
	free(b->data);
	*b = (struct pdf_buf){0};
}

void pdf_writer_init(struct pdf_writer *w, pp_write_fn write, void *closure)
{
	/* libdeflate's level 1: at N = 2,000 a file 1% smaller than zlib's
	 * level 2 made, in half its time (levels 2-4: 9-17% smaller, most of
	 * zlib's time again; bench/README.md). */
	*w = (struct pdf_writer){.write = write, .closure = closure, .level = 1};
	w->crc = 0;   /* the starting values of CRC-32 and Adler-32 */
	w->adler = 1;
	w->n_objs = 1; /* object 0 is the head of the free list */
	PP_GROW(w->xref, 1, w->cap_objs);
	w->xref[0] = (struct pdf_xref){0};
}

void pdf_writer_compact(struct pdf_writer *w)
{
	w->compact = 1;
}

void pdf_writer_fini(struct pdf_writer *w)
{
	libdeflate_free_compressor(w->deflater);
	pdf_buf_free(&w->out);
	pdf_buf_free(&w->zout);
	pdf_buf_free(&w->objstm);
	pdf_buf_free(&w->objidx);
	pdf_buf_free(&w->objall);
	free(w->members);
	w->members = NULL;
	free(w->xref);
	w->xref = NULL;
	w->deflater = NULL;
}

void pdf_flush(struct pdf_writer *w)
{
	if (w->out.len && !w->failed) {
		errno = 0;
		if (w->write(w->closure, w->out.data, w->out.len) != 0) {
			w->failed = 1;
			w->err = errno ? errno : EIO;
		}
	}
	w->out.len = 0;
}

/* Bytes to the file, whatever object is open. */
static void put_file(struct pdf_writer *w, const void *data, size_t len)
{
	if (w->failed || len == 0)
		return;
	w->crc = libdeflate_crc32(w->crc, data, len);
	w->adler = libdeflate_adler32(w->adler, data, len);
	w->offset += len;
	if (len >= FLUSH_AT) { /* large streams go straight through */
		pdf_flush(w);
		if (w->failed)
			return;
		errno = 0;
		if (w->write(w->closure, data, len) != 0) {
			w->failed = 1;
			w->err = errno ? errno : EIO;
		}
		return;
	}
	pdf_buf_put(&w->out, data, len);
	if (w->out.len >= FLUSH_AT)
		pdf_flush(w);
}

void pdf_put(struct pdf_writer *w, const void *data, size_t len)
{
	if (w->in_objstm)
		pdf_buf_put(&w->objstm, data, len);
	else
		put_file(w, data, len);
}

void pdf_puts(struct pdf_writer *w, const char *s)
{
	pdf_put(w, s, strlen(s));
}

void pdf_printf(struct pdf_writer *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char small[512];
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof small) {
		pdf_put(w, small, (size_t)n);
		return;
	}
	char *big = pp_xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	pdf_put(w, big, (size_t)n);
	free(big);
}

void pdf_put_buf(struct pdf_writer *w, const struct pdf_buf *b)
{
	pdf_put(w, b->data, b->len);
}

unsigned pdf_reserve(struct pdf_writer *w)
{
	PP_GROW(w->xref, w->n_objs + 1, w->cap_objs);
	w->xref[w->n_objs] = (struct pdf_xref){0};
	return (unsigned)w->n_objs++;
}

/* An object written to the file: its header, offset recorded. */
static void file_obj_begin(struct pdf_writer *w, unsigned num)
{
	if (num > 0 && num < w->n_objs)
		w->xref[num] = (struct pdf_xref){w->offset, 0, 0};
	char h[32];
	int n = snprintf(h, sizeof h, "%u 0 obj\n", num);
	put_file(w, h, (size_t)n);
}

void pdf_obj_begin(struct pdf_writer *w, unsigned num)
{
	if (!w->compact || num == 0 || num >= w->n_objs) {
		file_obj_begin(w, num);
		return;
	}
	PP_GROW(w->members, w->n_members + 1, w->cap_members);
	w->members[w->n_members++] = num;
	pdf_buf_uint(&w->objidx, num);
	pdf_buf_put(&w->objidx, " ", 1);
	pdf_buf_uint(&w->objidx, w->objstm.len);
	pdf_buf_put(&w->objidx, " ", 1);
	w->in_objstm = 1;
}

static void flush_objstm(struct pdf_writer *w);

void pdf_obj_end(struct pdf_writer *w)
{
	if (!w->in_objstm) {
		put_file(w, "\nendobj\n", 8);
		return;
	}
	pdf_buf_put(&w->objstm, "\n", 1);
	w->in_objstm = 0;
	/* 100 objects a stream: a reader inflates a whole stream to read one. */
	if (w->n_members >= 100)
		flush_objstm(w);
}

/*
 * Compress `len` bytes into w->zout in the zlib format FlateDecode reads
 * (RFC 1950 around RFC 1951); returns 0, or -1 when the compressor cannot
 * be made. Every stream is one whole buffer, so libdeflate's whole-buffer
 * compressor does it in one call. One compressor per writer, never
 * shared between threads.
 */
static int deflate_into(struct pdf_writer *w, const void *data, size_t len)
{
	if (!w->deflater) {
		w->deflater = libdeflate_alloc_compressor(w->level);
		if (!w->deflater)
			return -1;
	}
	size_t bound = libdeflate_zlib_compress_bound(w->deflater, len);
	PP_GROW(w->zout.data, bound, w->zout.cap);
	w->zout.len = libdeflate_zlib_compress(w->deflater, data, len, w->zout.data, bound);
	return w->zout.len ? 0 : -1;
}

void pdf_stream(struct pdf_writer *w, unsigned num, const char *dict, const void *data,
		size_t len, int compress)
{
	if (compress && deflate_into(w, data, len) == 0) {
		data = w->zout.data;
		len = w->zout.len;
	} else {
		compress = 0;
	}
	file_obj_begin(w, num);
	char head[64];
	int n = snprintf(head, sizeof head, "%s/Length %zu>>\nstream\n",
			 compress ? "/Filter/FlateDecode" : "", len);
	put_file(w, "<<", 2);
	if (dict)
		put_file(w, dict, strlen(dict));
	put_file(w, head, (size_t)n);
	put_file(w, data, len);
	put_file(w, "\nendstream\nendobj\n", 18);
}

/* The object stream being filled, written as an object of its own. */
static void flush_objstm(struct pdf_writer *w)
{
	if (w->n_members == 0)
		return;
	unsigned num = pdf_reserve(w);
	for (size_t i = 0; i < w->n_members; i++)
		w->xref[w->members[i]] = (struct pdf_xref){0, num, (uint32_t)i};
	struct pdf_buf *all = &w->objall; /* kept for the next stream */
	all->len = 0;
	pdf_buf_put(all, w->objidx.data, w->objidx.len);
	pdf_buf_put(all, w->objstm.data, w->objstm.len);
	char dict[64];
	snprintf(dict, sizeof dict, "/Type/ObjStm/N %zu/First %zu", w->n_members, w->objidx.len);
	pdf_stream(w, num, dict, all->data, all->len, 1);
	w->n_members = 0;
	w->objstm.len = 0;
	w->objidx.len = 0;
}

/* Big-endian `width` bytes of v. */
static void put_be(struct pdf_buf *b, uint64_t v, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		unsigned char c = (unsigned char)(v >> (8 * i));
		pdf_buf_put(b, &c, 1);
	}
}

/* The cross-reference stream (ISO 32000-1 7.5.8), itself object `num`. */
static void finish_compact(struct pdf_writer *w, unsigned root, unsigned info)
{
	flush_objstm(w);
	unsigned num = pdf_reserve(w);
	uint64_t start = w->offset;
	w->xref[num] = (struct pdf_xref){start, 0, 0};
	uint32_t crc = w->crc, adler = w->adler;
	/* Field 2 holds offsets and object numbers: as many bytes as the
	 * largest needs. Field 3: generations (65535 at most) and indexes. */
	uint64_t most = start > w->n_objs ? start : w->n_objs;
	int width = 1;
	while (width < 8 && most >> (8 * width))
		width++;
	struct pdf_buf rows = {0};
	for (size_t i = 0; i < w->n_objs; i++) {
		const struct pdf_xref *x = &w->xref[i];
		if (i == 0 || (!x->stm && !x->offset)) { /* free, as in the table */
			put_be(&rows, 0, 1);
			put_be(&rows, 0, width);
			put_be(&rows, i == 0 ? 65535 : 1, 2);
		} else if (x->stm) {
			put_be(&rows, 2, 1);
			put_be(&rows, x->stm, width);
			put_be(&rows, x->index, 2);
		} else {
			put_be(&rows, 1, 1);
			put_be(&rows, x->offset, width);
			put_be(&rows, 0, 2);
		}
	}
	char id[33], dict[256];
	snprintf(id, sizeof id, "%08X%08X%016llX", (unsigned)crc, (unsigned)adler,
		 (unsigned long long)start);
	snprintf(dict, sizeof dict,
		 "/Type/XRef/Size %zu/W[1 %d 2]/Root %u 0 R/Info %u 0 R/ID [<%s><%s>]", w->n_objs,
		 width, root, info, id, id);
	pdf_stream(w, num, dict, rows.data, rows.len, 1);
	pdf_buf_free(&rows);
	char tail[64];
	int n = snprintf(tail, sizeof tail, "startxref\n%llu\n%%%%EOF\n", (unsigned long long)start);
	put_file(w, tail, (size_t)n);
}

int pdf_finish(struct pdf_writer *w, unsigned root, unsigned info)
{
	if (w->compact) {
		finish_compact(w, root, info);
		pdf_flush(w);
		return w->failed ? -1 : 0;
	}
	uint64_t start = w->offset;
	uint32_t crc = w->crc, adler = w->adler;
	uint64_t size = w->offset;
	pdf_printf(w, "xref\n0 %zu\n", w->n_objs);
	/* Entry 0 heads the free list; unwritten numbers are free entries too. */
	pdf_puts(w, "0000000000 65535 f \n");
	for (size_t i = 1; i < w->n_objs; i++) {
		char e[48];
		if (w->xref[i].offset)
			snprintf(e, sizeof e, "%010llu 00000 n \n",
				 (unsigned long long)w->xref[i].offset);
		else
			snprintf(e, sizeof e, "0000000000 00001 f \n");
		pdf_put(w, e, 20);
	}
	char id[33];
	snprintf(id, sizeof id, "%08X%08X%016llX", (unsigned)crc, (unsigned)adler,
		 (unsigned long long)size);
	pdf_printf(w, "trailer\n<</Size %zu/Root %u 0 R/Info %u 0 R/ID [<%s><%s>]>>\n", w->n_objs,
		   root, info, id, id);
	pdf_printf(w, "startxref\n%llu\n%%%%EOF\n", (unsigned long long)start);
	pdf_flush(w);
	return w->failed ? -1 : 0;
}
