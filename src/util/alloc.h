/* SPDX-License-Identifier: MIT */
/*
 * alloc.h - allocation that cannot fail: out of memory is reported and the
 * program exits with the system-error status (3), so callers never test for
 * NULL. Outputs stay safe because files are only renamed into place after a
 * clean finish.
 */
#ifndef PP_UTIL_ALLOC_H
#define PP_UTIL_ALLOC_H

#include <stddef.h>

void *pp_xmalloc(size_t n);
void *pp_xcalloc(size_t count, size_t size);
void *pp_xrealloc(void *p, size_t n);
char *pp_xstrdup(const char *s);		/* NULL in, NULL out */
char *pp_xstrndup(const char *s, size_t n);
char *pp_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * What the run is doing, for the out-of-memory message ("laying out
 * document \"q1\""). Kept escaped in a fixed buffer (longer text is cut),
 * so reporting needs no memory. A NULL `fmt` clears it.
 */
void pp_set_activity(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Report PP_MSG_OUT_OF_MEMORY (asked for `n` bytes, 0 if unknown) with the
 * current activity, run the fatal hook and end the process with status 3.
 * Allocates nothing, so it may be called from inside a failed allocation
 * (pp_xmalloc, GLib's g_malloc).
 */
_Noreturn void pp_out_of_memory(size_t n);

/* The same with the reason in words ("GLib: cannot create a thread"). */
_Noreturn void pp_out_of_memory_because(const char *why);

/*
 * Report PP_MSG_OUT_OF_STACK with the current activity: a thread's stack
 * of `size` bytes ran out (deep recursion, or a small ulimit -s). The
 * fatal hook runs and the process ends with status 3, as for memory.
 * Allocates nothing; called from the SIGSEGV handler (output.c).
 */
_Noreturn void pp_out_of_stack(size_t size);

/* A function pp_out_of_memory calls before exiting (removing temporary
 * files); it must allocate nothing. */
void pp_set_fatal_hook(void (*hook)(void));

/*
 * Grow an array so that index `need - 1` is valid:
 *   PP_GROW(arr, n + 1, cap);
 * `cap` doubles, so appends are amortised O(1).
 */
#define PP_GROW(arr, need, cap)                                                    \
	do {                                                                       \
		if ((need) > (cap)) {                                              \
			size_t pp_grow_cap_ = (cap) ? (cap) * 2 : 1;               \
			while (pp_grow_cap_ < (need))                              \
				pp_grow_cap_ *= 2;                                 \
			(arr) = pp_xrealloc((arr), pp_grow_cap_ * sizeof *(arr));  \
			(cap) = pp_grow_cap_;                                      \
		}                                                                  \
	} while (0)

#endif
