/* SPDX-License-Identifier: MIT */
/*
 * sigstack.h - an alternate signal stack for every thread planpress runs,
 * so a fatal signal's handler (output.c: remove the temporary files, report
 * memory running out) still runs when the thread's own stack is used up.
 *
 * Why: when memory runs out, GLib's g_logv formats its "failed to allocate
 * memory" message with g_strdup_vprintf, which fails the same way and logs
 * again, before any log handler or writer is called; the recursion ends
 * in a SIGSEGV on an overflowed stack. Without a stack of its own the
 * handler cannot run and the process dies by the signal.
 *
 * The stack is allocated up front by the thread that starts the worker
 * (pp_sigstack_new: running out of memory there is an ordinary exit 3),
 * put in use by the worker itself (pp_sigstack_enter) and taken out of use
 * before it returns (pp_sigstack_leave). A thread that already has an
 * alternate stack (a sanitizer's) keeps it.
 *
 * Each such thread also notes where its own stack ends, so that a SIGSEGV
 * caused by that stack running out (deep recursion under a small ulimit
 * -s) can be told from any other crash (pp_sigstack_overflowed).
 */
#ifndef PP_UTIL_SIGSTACK_H
#define PP_UTIL_SIGSTACK_H

#include <stddef.h>

struct pp_sigstack;

/* A stack for one thread; pp_sigstack_free releases it. */
struct pp_sigstack *pp_sigstack_new(void);
void pp_sigstack_free(struct pp_sigstack *s); /* NULL is fine */

/* In the thread that uses `s`: signals are handled on it (unless the
 * thread already has an alternate stack). */
void pp_sigstack_enter(struct pp_sigstack *s);
/* In the same thread, before it ends or `s` is freed. */
void pp_sigstack_leave(struct pp_sigstack *s);

/* The main thread's stack, for the life of the process. Threads started
 * after it (ours and other libraries') get a stack of at least 8 MiB
 * whatever ulimit -s says, as only the main thread can report its own. */
void pp_sigstack_main(void);

/*
 * Does a fault at `addr` lie just below the calling thread's stack, where
 * a stack that is full faults (its guard page, or the room ulimit -s
 * denies the main thread)? Known for the threads that called
 * pp_sigstack_main or pp_sigstack_enter; 0 for any other. Reads only the
 * thread's own variables, so a signal handler may call it. `*size` gets
 * the stack's size in bytes.
 */
int pp_sigstack_overflowed(const void *addr, size_t *size);

#endif
