/* SPDX-License-Identifier: MIT */
/*
 * oom_worker.c - a preloaded library for test_oom_worker.sh: memory runs
 * out in the layout worker thread ("pp-layout"), at the same allocation
 * every run.
 *
 * PP_OOM_AFTER=N: the worker thread's first N allocations succeed; from
 * the next one on, every malloc, calloc and realloc of that thread returns
 * NULL (ENOMEM), and the process's address-space limit (ulimit -v) is
 * lowered to its size then plus PP_OOM_ROOM_MB (default 8), as if it
 * had been started near that limit. The main thread's allocations are
 * passed through untouched.
 *
 * PP_OOM_COUNT=FILE: at exit, the most allocations any one worker thread
 * asked for (a table is measured in batches, a worker thread each, and
 * each thread counts its own: PP_OOM_AFTER fails the first that gets that
 * far) is written to FILE, so that the test picks its N from the work the
 * worker really does rather than from a figure that drifts as the code
 * gets leaner.
 */
#define _GNU_SOURCE /* gettid */

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *p, size_t n);

enum role { UNKNOWN, MAIN, WORKER };
static __thread enum role role __attribute__((tls_model("initial-exec")));
static __thread long calls __attribute__((tls_model("initial-exec")));
static long worker_calls; /* the most of any worker thread, for PP_OOM_COUNT */

/* A decimal environment value, read without allocating; `dflt` if unset. */
static long env_number(const char *name, long dflt)
{
	const char *s = getenv(name);
	if (!s || !*s)
		return dflt;
	long v = 0;
	for (; *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (*s - '0');
	return v;
}

static void lower_address_limit(void)
{
	int fd = open("/proc/self/statm", O_RDONLY);
	if (fd < 0)
		return;
	char buf[64];
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	unsigned long long pages = 0;
	for (ssize_t i = 0; i < n && buf[i] >= '0' && buf[i] <= '9'; i++)
		pages = pages * 10 + (unsigned long long)(buf[i] - '0');
	unsigned long long room = (unsigned long long)env_number("PP_OOM_ROOM_MB", 8) << 20;
	struct rlimit lim;
	lim.rlim_cur = lim.rlim_max = pages * (unsigned long long)sysconf(_SC_PAGESIZE) + room;
	setrlimit(RLIMIT_AS, &lim);
}

static int fails(void)
{
	if (role == MAIN)
		return 0;
	if (role == UNKNOWN) {
		if (gettid() == getpid()) {
			role = MAIN;
			return 0;
		}
		/* GLib names its thread before running the thread's function. */
		char name[16] = "";
		if (prctl(PR_GET_NAME, name) != 0 || strcmp(name, "pp-layout") != 0)
			return 0;
		role = WORKER;
	}
	long after = env_number("PP_OOM_AFTER", 0);
	if (++calls > worker_calls)
		worker_calls = calls;
	if (calls <= after)
		return 0;
	if (calls == after + 1)
		lower_address_limit();
	errno = ENOMEM;
	return 1;
}

/* PP_OOM_COUNT: the worker's allocations, in decimal, written without allocating. */
__attribute__((destructor)) static void write_count(void)
{
	const char *path = getenv("PP_OOM_COUNT");
	if (!path || !*path)
		return;
	char digits[24];
	size_t n = sizeof digits;
	long v = worker_calls;
	do {
		digits[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v && n > 0);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return;
	ssize_t ignored = write(fd, digits + n, sizeof digits - n);
	(void)ignored;
	close(fd);
}

void *malloc(size_t n)
{
	return fails() ? NULL : __libc_malloc(n);
}

void *calloc(size_t count, size_t size)
{
	return fails() ? NULL : __libc_calloc(count, size);
}

void *realloc(void *p, size_t n)
{
	return fails() ? NULL : __libc_realloc(p, n);
}
