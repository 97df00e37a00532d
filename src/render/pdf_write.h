/* SPDX-License-Identifier: MIT */
/*
 * pdf_write.h - a small PDF object writer (render stage only).
 *
 * Objects are numbered and written straight to the sink as they are made;
 * only their byte offsets are kept, for the cross-reference table written
 * by pdf_finish(). A number can be reserved before its object is written,
 * so an object may refer to one written later (a page to its parent, a
 * link to its annotation). Streams are Flate-compressed with libdeflate.
 *
 * Output is buffered; a write failure is sticky (w->failed, w->err) and
 * every later call does nothing, so callers check once at the end.
 */
#ifndef PP_PDF_WRITE_H
#define PP_PDF_WRITE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "planpress/render.h"

struct libdeflate_compressor;

/* A growable byte buffer (a page's content, a CMap, an XMP packet). */
struct pdf_buf {
	unsigned char *data;
	size_t len, cap;
};

/* Room for `len` more bytes (the slow path of pdf_buf_put). */
void pdf_buf_grow(struct pdf_buf *b, size_t len);

/*
 * Append bytes. Inline: a page's content and a structure element are put
 * a few bytes at a time, by the million, and a literal's strlen and
 * memcpy then become a few moves when compiled.
 */
static inline void pdf_buf_put(struct pdf_buf *b, const void *data, size_t len)
{
	if (len == 0)
		return;
	if (b->cap - b->len < len)
		pdf_buf_grow(b, len);
	memcpy(b->data + b->len, data, len);
	b->len += len;
}

static inline void pdf_buf_puts(struct pdf_buf *b, const char *s)
{
	pdf_buf_put(b, s, strlen(s));
}

/* As snprintf would print; %u, %zu, %s and %% without snprintf's cost. */
void pdf_buf_printf(struct pdf_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* An unsigned number in decimal ("0", "4096"). */
void pdf_buf_uint(struct pdf_buf *b, unsigned long long v);
/* A reference to object `num` ("12 0 R"). */
void pdf_buf_ref(struct pdf_buf *b, unsigned num);
/* A number with at most 3 decimals, trailing zeros dropped ("12.5", "-3"). */
void pdf_buf_num(struct pdf_buf *b, double v);
/* A text string: (ASCII) when printable ASCII, else <FEFF...> UTF-16BE hex. */
void pdf_buf_text(struct pdf_buf *b, const char *utf8);
/* `n` bytes of UTF-8 as UTF-16BE hex digits (no brackets, no BOM). */
void pdf_buf_utf16_hex(struct pdf_buf *b, const char *utf8, size_t n);
void pdf_buf_free(struct pdf_buf *b);

/* Where object n is: at a byte offset (stm 0; offset 0: not yet
 * written), or entry `index` of object stream `stm`. */
struct pdf_xref {
	uint64_t offset;
	uint32_t stm, index;
};

struct pdf_writer {
	pp_write_fn write;
	void *closure;
	int failed, err;     /* the first write failure and its errno */
	uint64_t offset;     /* bytes written so far, buffered included */
	struct pdf_buf out;  /* bytes not yet passed to the sink */
	struct pdf_xref *xref; /* per object number */
	size_t n_objs, cap_objs; /* numbers 1 .. n_objs - 1 are taken */
	/* compact (PDF 1.5): objects other than streams go into object
	 * streams of up to 100, the cross-references into a stream. */
	int compact;
	int in_objstm;          /* the current object goes into `objstm` */
	struct pdf_buf objstm;  /* bodies of the object stream being filled */
	struct pdf_buf objidx;  /* its "num offset" pairs */
	struct pdf_buf objall;  /* both together, to be compressed */
	unsigned *members;      /* its objects' numbers */
	size_t n_members, cap_members;
	uint32_t crc, adler; /* running digests of everything written: the /ID */
	int level;           /* libdeflate's level for streams */
	struct libdeflate_compressor *deflater; /* made at the first stream */
	struct pdf_buf zout; /* compressed bytes of the stream being written */
};

void pdf_writer_init(struct pdf_writer *w, pp_write_fn write, void *closure);
/* From now on write compactly (PDF 1.5 object and cross-reference streams). */
void pdf_writer_compact(struct pdf_writer *w);
void pdf_writer_fini(struct pdf_writer *w); /* frees memory; writes nothing */

/* A new object number, to be written later with pdf_obj_begin(). */
unsigned pdf_reserve(struct pdf_writer *w);
/* Start object `num` ("num 0 obj\n"); the body follows via pdf_put*.
 * A compact writer keeps it for an object stream instead: objects must
 * not nest (a stream may be written while one is open, since it goes to
 * the file directly). */
void pdf_obj_begin(struct pdf_writer *w, unsigned num);
void pdf_obj_end(struct pdf_writer *w); /* "\nendobj\n" */
/* Raw bytes of the current object's body (or of the header). */
void pdf_put(struct pdf_writer *w, const void *data, size_t len);
void pdf_puts(struct pdf_writer *w, const char *s);
void pdf_printf(struct pdf_writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append a whole buffer. */
void pdf_put_buf(struct pdf_writer *w, const struct pdf_buf *b);

/*
 * Object `num` as a stream: `dict` is the dictionary's inner text (keys
 * other than /Length and /Filter), `data` its `len` bytes, compressed
 * when `compress` (adding /Filter /FlateDecode).
 */
void pdf_stream(struct pdf_writer *w, unsigned num, const char *dict, const void *data,
		size_t len, int compress);

/*
 * The cross-reference table and trailer (/Root, /Info, and an /ID that is
 * a digest of every byte before it), then flush; a compact writer first
 * writes its last object stream, then a cross-reference stream holding the
 * trailer's keys. Objects reserved but never written are listed free.
 * Returns 0, or -1 after a write failure.
 */
int pdf_finish(struct pdf_writer *w, unsigned root, unsigned info);

/* Pass buffered bytes to the sink now. */
void pdf_flush(struct pdf_writer *w);

#endif
