/* SPDX-License-Identifier: MIT */
/*
 * fatal.c - memory running out inside GLib (Pango's allocations) ends the
 * run like our own pp_xmalloc: one message naming what was being done,
 * temporary files removed, exit 3.
 *
 * GLib reports a failed g_malloc with g_error(), which prints an unlocated
 * "GLib-ERROR" line and stops the process with SIGTRAP (Debian 12's GLib
 * 2.74) or SIGABRT. Every GLib message passes through the log writer, so a
 * writer that recognises the failed allocation can end the run first; any
 * other message goes to GLib's own writer with its control characters
 * shown, as in our own messages.
 *
 * When even a small allocation fails, the writer is never reached: g_logv
 * formats the message with g_strdup_vprintf first, that fails and logs
 * "failed to allocate memory" the same way, and the recursion overflows
 * the thread's stack. No GLib hook comes before that formatting; the
 * SIGSEGV is caught on an alternate signal stack instead (sigstack.h,
 * output.c).
 */
#include "fatal.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "planpress/diag.h"

static GLogWriterOutput write_log(GLogLevelFlags level, const GLogField *fields, gsize n,
                                  gpointer data)
{
	if (level & G_LOG_LEVEL_ERROR) {
		for (gsize i = 0; i < n; i++) {
			if (strcmp(fields[i].key, "MESSAGE") != 0 || fields[i].length >= 0)
				continue;
			const char *msg = fields[i].value;
			/*
			 * gmem.c: "failed to allocate N bytes", "overflow
			 * allocating N*M bytes"; gthread: "Error creating thread"
			 * (no room for its stack under an address-space limit).
			 */
			if (strstr(msg, "failed to allocate") ||
			    strstr(msg, "overflow allocating") ||
			    strstr(msg, "Error creating thread")) {
				char why[256];
				snprintf(why, sizeof why, "GLib: %s", msg);
				pp_out_of_memory_because(why);
			}
		}
	}
	/* Other messages as GLib prints them, their control characters shown
	 * (diag.h: a library may quote a plan's text). */
	GLogField shown[32];
	char *text = NULL;
	if (n > sizeof shown / sizeof shown[0])
		return g_log_writer_default(level, fields, n, data);
	for (gsize i = 0; i < n; i++) {
		shown[i] = fields[i];
		if (strcmp(fields[i].key, "MESSAGE") == 0 && fields[i].length < 0 && !text) {
			size_t len = pp_escape(NULL, 0, fields[i].value);
			text = pp_xmalloc(len + 1);
			pp_escape(text, len + 1, fields[i].value);
			shown[i].value = text;
		}
	}
	GLogWriterOutput rc = g_log_writer_default(level, shown, n, data);
	free(text);
	return rc;
}

void cli_fatal_init(void)
{
	g_log_set_writer_func(write_log, NULL, NULL);
}
