/* SPDX-License-Identifier: MIT */
/*
 * render_sink.c - where a backend's bytes go: the caller's write callback
 * behind cairo's write function, remembering the first failure and its
 * errno, and a growable buffer for a file made in memory first (SVG).
 *
 * Invariant: after a failed write nothing more reaches the callback.
 */
#include <errno.h>
#include <string.h>

#include <cairo.h>

#include "alloc.h"
#include "render_backend.h"

cairo_status_t pp_sink_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct pp_sink *sink = closure;
	if (sink->failed)
		return CAIRO_STATUS_WRITE_ERROR;
	errno = 0;
	if (sink->write(sink->closure, data, len) != 0) {
		sink->failed = 1;
		sink->err = errno ? errno : EIO;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

int pp_membuf_write(void *closure, const unsigned char *data, size_t len)
{
	struct pp_membuf *m = closure;
	PP_GROW(m->data, m->len + len, m->cap);
	memcpy(m->data + m->len, data, len);
	m->len += len;
	return 0;
}
