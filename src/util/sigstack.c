/* SPDX-License-Identifier: MIT */
/*
 * sigstack.c - alternate signal stacks (sigstack.h).
 */
#define _GNU_SOURCE /* sigaltstack, _SC_MINSIGSTKSZ */

#include "sigstack.h"

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "alloc.h"

struct pp_sigstack {
	void *mem;
	size_t size;
	int in_use; /* installed by pp_sigstack_enter, not a sanitizer's */
};

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

void pp_sigstack_main(void)
{
	static struct pp_sigstack *main_stack;
	if (!main_stack) {
		main_stack = pp_sigstack_new();
		pp_sigstack_enter(main_stack);
	}
}
