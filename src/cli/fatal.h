/* SPDX-License-Identifier: MIT */
/*
 * fatal.h - GLib running out of memory is pp_out_of_memory (alloc.h): a
 * message naming the activity, temporary files removed, exit 3.
 */
#ifndef PP_CLI_FATAL_H
#define PP_CLI_FATAL_H

/* Install the GLib log writer; call once, before any GLib call logs. */
void cli_fatal_init(void);

#endif
