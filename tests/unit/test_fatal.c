/* SPDX-License-Identifier: MIT */
/*
 * test_fatal.c - a run that must stop leaves no temporary file: GLib
 * running out of memory is exit 3 with a message naming what was being
 * done, and each signal that ends a process removes the temporary files
 * before it takes its course. Each case runs in a child process. And the
 * everyday way out: a set of many files, most synced together at commit,
 * ends with every file in place and none left over.
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, kill */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dirent.h>
#include <glib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "alloc.h"
#include "fatal.h"
#include "output.h"

/* Under AddressSanitizer a failed allocation must fail, as malloc does. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}

/* Entries of `dir` other than . and .. */
static int entries(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	assert_non_null(d);
	for (struct dirent *e; (e = readdir(d));)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

/*
 * In a child: set up as main() does, open dir/out.pdf (its temporary file
 * exists), then `stop` the process. Returns the child's wait status and
 * what it wrote on stderr.
 */
static int run_child(const char *dir, void (*stop)(int), int arg, char *err, size_t cap)
{
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(fds[1], STDERR_FILENO);
		close(fds[0]);
		out_signals_init();
		cli_fatal_init();
		struct pp_diags diags;
		struct out_set set;
		pp_diags_init(&diags, stderr);
		out_set_init(&set);
		char *path = pp_xasprintf("%s/out.pdf", dir);
		struct out_file *f = out_open(&set, path, &diags);
		if (!f || entries(dir) != 1 ||
		    out_write(f, (const unsigned char *)"%PDF", 4) != 0)
			_exit(99);
		stop(arg);
		_exit(98); /* not reached */
	}
	close(fds[1]);
	size_t len = 0;
	ssize_t n;
	while ((n = read(fds[0], err + len, cap - 1 - len)) > 0)
		len += (size_t)n;
	err[len] = '\0';
	close(fds[0]);
	/* AddressSanitizer warns of an allocation it refuses: not ours */
	while (strncmp(err, "==", 2) == 0 && strchr(err, '\n'))
		memmove(err, strchr(err, '\n') + 1, strlen(strchr(err, '\n') + 1) + 1);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return status;
}

static void glib_runs_out(int arg)
{
	(void)arg;
	pp_set_activity("laying out document \"%s\"", "q1\xc2\x85");
	/* more than any address space: g_malloc gives up with g_error() */
	void *p = g_malloc((gsize)1 << 62);
	g_free(p);
}

static void glib_out_of_memory_is_exit_3(void **state)
{
	(void)state;
	char dir[] = "/tmp/pp-fatal.XXXXXX", err[4096];
	assert_non_null(mkdtemp(dir));
	int status = run_child(dir, glib_runs_out, 0, err, sizeof err);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 3);
	/* GLib's words after "GLib: " start with its source line */
	const char *want = "planpress: error: out of memory while laying out document "
	                   "\"q1<U+0085>\" (GLib: ",
	           *tail = ": failed to allocate 4611686018427387904 bytes)\n";
	assert_memory_equal(err, want, strlen(want));
	assert_true(strlen(err) > strlen(tail));
	assert_string_equal(err + strlen(err) - strlen(tail), tail);
	assert_ptr_equal(strchr(err, '\n'), err + strlen(err) - 1); /* one line */
	assert_int_equal(entries(dir), 0);
	rmdir(dir);
}

static void ours_runs_out(int arg)
{
	(void)arg;
	pp_set_activity("writing %s", "out/q1.pdf");
	free(pp_xmalloc((size_t)1 << 62));
}

static void our_out_of_memory_is_exit_3(void **state)
{
	(void)state;
	char dir[] = "/tmp/pp-fatal.XXXXXX", err[4096];
	assert_non_null(mkdtemp(dir));
	int status = run_child(dir, ours_runs_out, 0, err, sizeof err);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 3);
	assert_string_equal(err, "planpress: error: out of memory while writing out/q1.pdf "
	                         "(asked for 4611686018427387904 bytes)\n");
	assert_int_equal(entries(dir), 0);
	rmdir(dir);
}

static void send(int sig)
{
	kill(getpid(), sig);
	for (;;)
		pause(); /* until the signal ends the process */
}

static void every_fatal_signal_removes_temporaries(void **state)
{
	(void)state;
	/* (cmocka handles SIGSEGV, SIGILL, SIGFPE and SIGSYS itself: a
	 * handler already there is left alone, as a sanitizer's is) */
	const int sigs[] = {SIGHUP,  SIGINT,  SIGQUIT, SIGTERM,   SIGPIPE, SIGALRM, SIGUSR1,
	                    SIGUSR2, SIGXCPU, SIGPROF, SIGVTALRM, SIGTRAP, SIGABRT};
	for (size_t i = 0; i <= sizeof sigs / sizeof sigs[0]; i++) {
		int sig = i < sizeof sigs / sizeof sigs[0] ? sigs[i] : SIGRTMIN + 1;
		char dir[] = "/tmp/pp-fatal.XXXXXX", err[4096];
		assert_non_null(mkdtemp(dir));
		int status = run_child(dir, send, sig, err, sizeof err);
		print_message("signal %d: status %#x\n", sig, (unsigned)status);
		assert_true(WIFSIGNALED(status));
		assert_int_equal(WTERMSIG(status), sig);
		assert_int_equal(entries(dir), 0);
		rmdir(dir);
	}
}

static void many_files_are_synced_then_renamed(void **state)
{
	(void)state;
	char dir[] = "/tmp/pp-fatal.XXXXXX";
	assert_non_null(mkdtemp(dir));
	struct pp_diags diags;
	struct out_set set;
	pp_diags_init(&diags, NULL);
	out_set_init(&set);
	for (int i = 0; i < 20; i++) {
		char *path = pp_xasprintf("%s/f%d.txt", dir, i);
		char *text = pp_xasprintf("file %d\n", i);
		struct out_file *f = out_open(&set, path, &diags);
		assert_non_null(f);
		assert_int_equal(out_write(f, (const unsigned char *)text, strlen(text)), 0);
		assert_int_equal(out_close(&set, f, &diags), 0);
		/* the first eight are fsync'd at once, the rest wait for commit */
		assert_int_equal(set.files[i].unsynced, i >= 8);
		free(text);
		free(path);
	}
	assert_int_equal(entries(dir), 20); /* temporaries only, so far */
	assert_int_equal(out_commit(&set, &diags), 0);
	out_set_fini(&set);
	assert_int_equal(diags.n_entries, 0);
	assert_int_equal(entries(dir), 20);
	for (int i = 0; i < 20; i++) {
		char *path = pp_xasprintf("%s/f%d.txt", dir, i), line[32] = "";
		FILE *in = fopen(path, "r");
		assert_non_null(in);
		assert_non_null(fgets(line, sizeof line, in));
		fclose(in);
		char want[32];
		snprintf(want, sizeof want, "file %d\n", i);
		assert_string_equal(line, want);
		unlink(path);
		free(path);
	}
	pp_diags_fini(&diags);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(glib_out_of_memory_is_exit_3),
	    cmocka_unit_test(our_out_of_memory_is_exit_3),
	    cmocka_unit_test(every_fatal_signal_removes_temporaries),
	    cmocka_unit_test(many_files_are_synced_then_renamed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
