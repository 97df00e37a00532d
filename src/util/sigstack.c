/* SPDX-License-Identifier: MIT */
/*
 * sigstack.c - alternate signal stacks (sigstack.h).
 */
#define _GNU_SOURCE /* sigaltstack, _SC_MINSIGSTKSZ, pthread_getattr_np */

#include "sigstack.h"

#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "alloc.h"

struct pp_sigstack {
	void *mem;
	size_t size;
	int in_use; /* installed by pp_sigstack_enter, not a sanitizer's */
};

/*
 * The calling thread's stack: [stack_low, stack_low + stack_size), the
 * lowest address it may use (above its guard page; for the main thread,
 * as far down as ulimit -s lets the kernel grow it). Zero when unknown.
 */
static _Thread_local uintptr_t stack_low;
static _Thread_local size_t stack_size_here;

/*
 * How far below the stack's end a fault still counts as the stack running
 * out: a function's frame is touched somewhere inside it, not always at its
 * bottom, and the kernel keeps other mappings at least this far off the
 * main thread's stack (its stack guard gap is 1 MiB); 256 KiB covers any
 * frame we or our libraries make while leaving a wild pointer no real
 * chance of being taken for one.
 */
#define BELOW_STACK (256u * 1024u)

/* Note the calling thread's stack bounds (pthread_getattr_np). */
static void note_stack(void)
{
	pthread_attr_t attr;
	void *low;
	size_t size;
	if (pthread_getattr_np(pthread_self(), &attr) != 0)
		return; /* unknown: its faults are crashes, as before */
	if (pthread_attr_getstack(&attr, &low, &size) == 0) {
		stack_low = (uintptr_t)low;
		stack_size_here = size;
	}
	pthread_attr_destroy(&attr);
}

int pp_sigstack_overflowed(const void *addr, size_t *size)
{
	uintptr_t a = (uintptr_t)addr, low = stack_low;
	*size = stack_size_here;
	return low && a < low && a >= (low > BELOW_STACK ? low - BELOW_STACK : 0);
}

/*
 * The handler formats one message (snprintf) and removes files: a few
 * kilobytes. 64 KiB leaves room for that on any machine; the kernel's
 * minimum grows with the CPU's register state (AVX-512), so it is asked.
 */
static size_t stack_size(void)
{
	size_t size = 64 * 1024;
#ifdef _SC_MINSIGSTKSZ
	long min = sysconf(_SC_MINSIGSTKSZ);
	if (min > 0 && (size_t)min * 4 > size)
		size = (size_t)min * 4;
#endif
	long dflt = SIGSTKSZ; /* a sysconf call in newer C libraries */
	if (dflt > 0 && (size_t)dflt * 4 > size)
		size = (size_t)dflt * 4;
	return size;
}

struct pp_sigstack *pp_sigstack_new(void)
{
	struct pp_sigstack *s = pp_xmalloc(sizeof *s);
	s->size = stack_size();
	s->mem = pp_xmalloc(s->size);
	s->in_use = 0;
	return s;
}

void pp_sigstack_free(struct pp_sigstack *s)
{
	if (!s)
		return;
	free(s->mem);
	free(s);
}

void pp_sigstack_enter(struct pp_sigstack *s)
{
	note_stack();
	stack_t now;
	if (sigaltstack(NULL, &now) != 0 || !(now.ss_flags & SS_DISABLE))
		return; /* one is in use already: AddressSanitizer's, which frees it */
	stack_t ss = { .ss_sp = s->mem, .ss_size = s->size, .ss_flags = 0 };
	s->in_use = sigaltstack(&ss, NULL) == 0;
}

void pp_sigstack_leave(struct pp_sigstack *s)
{
	if (!s->in_use)
		return;
	stack_t ss = { .ss_sp = NULL, .ss_size = 0, .ss_flags = SS_DISABLE };
	sigaltstack(&ss, NULL);
	s->in_use = 0;
}

/*
 * Threads get a stack of at least THREAD_STACK. glibc sizes a new
 * thread's stack by ulimit -s, and the threads other libraries start
 * (Pango's font loading, "[pango] FcInit") have no alternate signal stack:
 * under a small ulimit -s (64 KiB) fontconfig's XML parsing overflowed
 * one, and the process died by SIGSEGV with nothing said. The limit is
 * the main thread's to honour; 8 MiB is glibc's usual default.
 */
#define THREAD_STACK (8u * 1024u * 1024u)

static void size_thread_stacks(void)
{
	pthread_attr_t attr;
	size_t size;
	if (pthread_getattr_default_np(&attr) != 0)
		return;
	if (pthread_attr_getstacksize(&attr, &size) == 0 && size < THREAD_STACK &&
	    pthread_attr_setstacksize(&attr, THREAD_STACK) == 0)
		pthread_setattr_default_np(&attr);
	pthread_attr_destroy(&attr);
}

void pp_sigstack_main(void)
{
	static struct pp_sigstack *main_stack;
	if (!main_stack) {
		size_thread_stacks();
		main_stack = pp_sigstack_new();
		pp_sigstack_enter(main_stack);
	}
}
