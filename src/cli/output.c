/* SPDX-License-Identifier: MIT */
/*
 * output.c - outputs are never lost: render into temporary files beside
 * the targets, rename them all only after a clean finish (STYLE.md §5).
 */
#define _GNU_SOURCE /* syncfs, SIGSTKFLT, SIGPWR; and POSIX: mkstemp, fsync, fchmod, realpath, lstat, getrlimit */

#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "alloc.h"
#include "sigstack.h"

struct out_id {
	dev_t dev;
	ino_t ino;
};

/*
 * Interrupted runs leave nothing behind either. Every signal whose default
 * action ends the process (a closed terminal, Ctrl-C or Ctrl-\\, a timeout,
 * kill, an alarm, a CPU limit, a crash, SIGABRT or SIGTRAP from a library
 * that gives up) first removes the temporary files of the live set, then
 * takes its usual course (status 128 + the signal). Running out of memory
 * (pp_out_of_memory: ours, or GLib's) removes them before exit(3).
 *
 * The handler calls only unlink() on paths the set already holds: every
 * change to the set is made with all signals blocked, so the handler never
 * sees a path half freed. A signal the caller ignores (nohup) stays
 * ignored, and one somebody else handles (a sanitizer's SIGSEGV) is left
 * to them.
 *
 * The handlers run on an alternate signal stack (SA_ONSTACK, sigstack.h),
 * so a thread whose stack overflowed (GLib's logging recursing when memory
 * runs out) still removes the files and reports exit 3. A SIGSEGV just
 * below the faulting thread's stack with memory to spare is the stack
 * running out (a deep recursion under a small ulimit -s): reported as
 * that (pp_out_of_stack), exit 3. Any other crash takes its course.
 *
 * SIGXFSZ is ignored instead, so a file passing the file-size limit
 * (ulimit -f) fails its write() with EFBIG and is reported by name, exit 3.
 */
static struct out_set *volatile live;

static const int fatal_signals[] = {
	SIGHUP,	 SIGINT,  SIGQUIT, SIGILL,  SIGTRAP,   SIGABRT, SIGBUS,  SIGFPE,
	SIGUSR1, SIGSEGV, SIGUSR2, SIGPIPE, SIGALRM,   SIGTERM, SIGXCPU, SIGVTALRM,
	SIGPROF, SIGSYS,
#ifdef SIGPOLL
	SIGPOLL,
#endif
#ifdef SIGSTKFLT
	SIGSTKFLT,
#endif
#ifdef SIGPWR
	SIGPWR,
#endif
};

static void remove_temporaries(void)
{
	struct out_set *s = live;
	for (size_t i = 0; s && i < s->n; i++)
		if (s->files[i].tmp)
			unlink(s->files[i].tmp);
}

/*
 * Is the process within reach of its address-space limit (ulimit -v)?
 * Only that limit makes malloc return NULL on Linux, and some libraries
 * (fontconfig's font matching, a C++ library's std::bad_alloc) then crash
 * or abort instead of reporting it. Near the limit such a crash is memory
 * running out, and is reported as that. Async-signal-safe: the size comes
 * from /proc/self/statm with open and read.
 */
static int near_address_limit(void)
{
	struct rlimit lim;
	if (getrlimit(RLIMIT_AS, &lim) != 0 || lim.rlim_cur == RLIM_INFINITY)
		return 0;
	int fd = open("/proc/self/statm", O_RDONLY);
	if (fd < 0)
		return 0;
	char buf[64];
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return 0;
	unsigned long long pages = 0;
	for (ssize_t i = 0; i < n && buf[i] >= '0' && buf[i] <= '9'; i++)
		pages = pages * 10 + (unsigned long long)(buf[i] - '0');
	unsigned long long size = pages * (unsigned long long)sysconf(_SC_PAGESIZE);
	unsigned long long reach = lim.rlim_cur / 8 > (32ull << 20) ? lim.rlim_cur / 8 : 32ull << 20;
	return size + reach >= lim.rlim_cur;
}

static void on_signal(int sig, siginfo_t *info, void *context)
{
	(void)context;
	int saved = errno;
	size_t stack;
	remove_temporaries();
	if ((sig == SIGSEGV || sig == SIGBUS || sig == SIGABRT || sig == SIGTRAP) &&
	    near_address_limit()) {
		char why[96];
		snprintf(why, sizeof why,
			 "a library failed with signal %d when memory ran out near the ulimit -v "
			 "limit",
			 sig);
		pp_out_of_memory_because(why); /* exit 3 */
	}
	/* A fault just below the thread's stack: the stack ran out (a deep
	 * recursion, a small ulimit -s), not a bug to report as a crash.
	 * Memory running out goes first: GLib's logging overflows the stack
	 * then too (fatal.c). */
	if (sig == SIGSEGV && info && info->si_code > 0 &&
	    pp_sigstack_overflowed(info->si_addr, &stack))
		pp_out_of_stack(stack); /* exit 3 */
	/* Blocked until the handler returns (sa_mask), then the default
	 * action ends the process; a fault (SIGSEGV) simply recurs. */
	signal(sig, SIG_DFL);
	raise(sig);
	errno = saved;
}

static void hold_signals(sigset_t *old)
{
	sigset_t set;
	sigfillset(&set);
	sigprocmask(SIG_BLOCK, &set, old);
}

static void release_signals(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

/* `sig` still has its default action: nobody (the caller's nohup, a
 * sanitizer) ignores or handles it, so it is ours to take. */
static int signal_is_default(int sig)
{
	struct sigaction prev;
	return sigaction(sig, NULL, &prev) == 0 && !(prev.sa_flags & SA_SIGINFO) &&
	       prev.sa_handler == SIG_DFL;
}

/* Install on_signal for `sig` unless the signal is ignored or handled. */
static void take_signal(int sig)
{
	struct sigaction sa;
	if (!signal_is_default(sig))
		return;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_ONSTACK | SA_SIGINFO;
	sigfillset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

/* Ignore `sig` unless somebody already handles it. */
static void ignore_signal(int sig)
{
	struct sigaction sa;
	if (!signal_is_default(sig))
		return;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigaction(sig, &sa, NULL);
}

void out_signals_init(void)
{
	pp_sigstack_main();
	for (size_t i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++)
		take_signal(fatal_signals[i]);
	for (int sig = SIGRTMIN; sig <= SIGRTMAX; sig++)
		take_signal(sig);
	ignore_signal(SIGXFSZ);
	pp_set_fatal_hook(remove_temporaries);
}

void out_set_init(struct out_set *s)
{
	sigset_t old;
	hold_signals(&old);
	memset(s, 0, sizeof *s);
	live = s;
	release_signals(&old);
}

void out_protect(struct out_set *s, const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return;
	PP_GROW(s->inputs, s->n_inputs + 1, s->cap_inputs);
	s->inputs[s->n_inputs++] = (struct out_id){st.st_dev, st.st_ino};
}

int out_has(const struct out_set *s, const char *path)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->files[i].path, path) == 0)
			return 1;
	return 0;
}

static int is_input(const struct out_set *s, const struct stat *st)
{
	for (size_t i = 0; i < s->n_inputs; i++)
		if (s->inputs[i].dev == st->st_dev && s->inputs[i].ino == st->st_ino)
			return 1;
	return 0;
}

/* Remove the folders s->made[from...] (in reverse), if still empty:
 * a failed run leaves no folder it made behind. errno is kept. */
static void remove_made(struct out_set *s, size_t from)
{
	int saved = errno;
	while (s->n_made > from) {
		char *dir = s->made[--s->n_made];
		rmdir(dir);
		free(dir);
	}
	errno = saved;
}

/*
 * mkdir -p for the directory part of `path`, noting each folder it makes
 * in s->made; errno set on failure, when the folders it made are removed
 * again (a path too long for the system is found several hundred folders
 * down).
 */
static int make_parents(struct out_set *s, const char *path)
{
	size_t first_made = s->n_made;
	char *dir = pp_xstrdup(path);
	int rc = 0;
	char *slash = strrchr(dir, '/');
	if (!slash || slash == dir) {
		free(dir);
		return 0;
	}
	*slash = '\0';
	for (char *p = dir + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;
		*p = '\0';
		if (mkdir(dir, 0777) == 0) {
			PP_GROW(s->made, s->n_made + 1, s->cap_made);
			s->made[s->n_made++] = pp_xstrdup(dir);
		} else if (errno != EEXIST) {
			rc = -1;
			break;
		}
		*p = saved;
		if (!saved)
			break;
	}
	if (rc == 0) {
		struct stat st;
		if (stat(dir, &st) != 0)
			rc = -1;
		else if (!S_ISDIR(st.st_mode)) {
			errno = ENOTDIR;
			rc = -1;
		}
	}
	free(dir);
	if (rc != 0)
		remove_made(s, first_made);
	return rc;
}

/* The permissions a newly created file would get: 0666 less the umask. */
static mode_t file_mode(void)
{
	mode_t mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

/* out_open's failure: report errno, undo, release held signals; NULL. */
static struct out_file *fail_open(struct out_file *f, struct pp_diags *diags,
                                  const sigset_t *held)
{
	pp_diagf(diags, PP_MSG_IO_WRITE, NULL, f->path, pp_errno_text(errno));
	if (f->fd >= 0)
		close(f->fd);
	if (f->tmp)
		unlink(f->tmp);
	free(f->tmp);
	free(f->path);
	if (held)
		release_signals(held);
	return NULL;
}

/* Is the symbolic link `path` one to a file in its own folder? */
static int link_stays_in_folder(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? pp_xasprintf("%.*s", (int)(slash - path), path) : pp_xstrdup(".");
	if (!*dir) {
		free(dir);
		dir = pp_xstrdup("/");
	}
	char *rdir = realpath(dir, NULL);
	char *real = realpath(path, NULL);
	int in = 0;
	if (rdir && real) {
		size_t n = strlen(rdir);
		in = strncmp(real, rdir, n) == 0 &&
		     (real[n] == '/' || strcmp(rdir, "/") == 0) && !strchr(real + n + 1, '/');
	}
	free(real);
	free(rdir);
	free(dir);
	return in;
}

/*
 * Why `path` may not be an output, or NULL if it may: an output is a
 * regular file (or nothing yet) in its folder. Nothing is opened: lstat and
 * stat never block, so a named pipe cannot hang the run, and nothing is
 * written through a device or a link that leads elsewhere.
 */
static const char *unfit_output(const struct out_set *s, const char *path)
{
	struct stat lst, st;
	if (lstat(path, &lst) != 0)
		return NULL; /* a new file (a missing folder is reported when it is made) */
	if (S_ISLNK(lst.st_mode) && !link_stays_in_folder(path))
		return "it is a symbolic link to a file outside its folder (remove the link)";
	if (is_input(s, &lst) || (stat(path, &st) == 0 && is_input(s, &st)))
		return "it is a file this run reads (the plan, a template or an image)";
	if (stat(path, &st) != 0)
		return NULL; /* a link to nothing yet, in the folder: replaced by the rename */
	if (S_ISFIFO(st.st_mode))
		return "it is a named pipe, not a file";
	if (S_ISSOCK(st.st_mode))
		return "it is a socket, not a file";
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		return "it is a device, not a file";
	if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
		return "it is not a regular file";
	return NULL;
}

struct out_file *out_open(struct out_set *s, const char *path, struct pp_diags *diags)
{
	struct out_file f = {.path = pp_xstrdup(path), .fd = -1};
	struct stat st;
	sigset_t old_mask;
	const char *unfit = unfit_output(s, path);

	if (unfit) {
		pp_diagf(diags, PP_MSG_IO_WRITE, NULL, path, unfit);
		free(f.path);
		return NULL;
	}
	size_t made = s->n_made;
	if (make_parents(s, path) != 0)
		return fail_open(&f, diags, NULL);
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		remove_made(s, made);
		return fail_open(&f, diags, NULL);
	}
	/* From the temporary file's creation until it is in the set. */
	hold_signals(&old_mask);
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	/* ".NAME.XXXXXX" is 8 bytes longer than NAME: a name the file system
	 * takes (up to NAME_MAX bytes) is cut for its temporary file, at a
	 * character's start, not refused as too long. */
	size_t keep = strlen(base);
	if (keep > NAME_MAX - 8) {
		keep = NAME_MAX - 8;
		while (keep > 0 && ((unsigned char)base[keep] & 0xC0) == 0x80)
			keep--;
	}
	f.tmp = pp_xasprintf("%.*s.%.*s.XXXXXX", (int)(base - path), path, (int)keep, base);
	f.fd = mkstemp(f.tmp);
	if (f.fd < 0) {
		free(f.tmp);
		f.tmp = NULL;
		remove_made(s, made);
		return fail_open(&f, diags, &old_mask);
	}
	if (fchmod(f.fd, file_mode()) != 0) {
		remove_made(s, made);
		return fail_open(&f, diags, &old_mask);
	}
	PP_GROW(s->files, s->n + 1, s->cap);
	s->files[s->n] = f;
	struct out_file *opened = &s->files[s->n++];
	release_signals(&old_mask);
	return opened;
}

int out_write(void *closure, const unsigned char *data, size_t len)
{
	struct out_file *f = closure;
	while (len > 0) {
		ssize_t n = write(f->fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			f->err = errno;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Durability: an output is on disk before its name is. The first
 * SYNC_EACH files of a run are fsync'd as they close; past that (a plan of
 * 10,000 small documents spent most of its time waiting for one fsync per
 * file) the rest wait for out_commit, which makes them durable with one
 * syncfs per output folder's file system before any rename. Either way
 * no rename happens before the file's bytes are on disk, and after the
 * renames each output folder is fsync'd so the new names are too.
 */
#define SYNC_EACH 8

int out_close(struct out_set *s, struct out_file *f, struct pp_diags *diags)
{
	int rc = 0;
	if (f->fd < 0)
		return 0;
	/* A device (written directly) may not support fsync: only files must. */
	if (!f->tmp || s->n_closed < SYNC_EACH) {
		if (fsync(f->fd) != 0 && (f->tmp || (errno != EINVAL && errno != EROFS))) {
			pp_diagf(diags, PP_MSG_IO_WRITE, NULL, f->path, pp_errno_text(errno));
			rc = -1;
		}
	} else {
		f->unsynced = 1;
	}
	s->n_closed++;
	if (close(f->fd) != 0 && rc == 0) {
		pp_diagf(diags, PP_MSG_IO_WRITE, NULL, f->path, pp_errno_text(errno));
		rc = -1;
	}
	f->fd = -1;
	return rc;
}

/* The folder of a temporary file ("." for a bare name); caller frees. */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return pp_xstrdup(".");
	if (slash == path)
		return pp_xstrdup("/");
	return pp_xstrndup(path, (size_t)(slash - path));
}

/*
 * The distinct folders of the set's temporary files, and for each the
 * first file that still needs syncing (or NULL). Outputs go to one or two
 * folders, so a linear search is enough.
 */
struct folder {
	char *path;
	struct out_file *unsynced;
};

static size_t list_folders(struct out_set *s, struct folder **out)
{
	struct folder *dirs = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < s->n; i++) {
		struct out_file *f = &s->files[i];
		if (!f->tmp)
			continue;
		char *dir = folder_of(f->tmp);
		size_t k = 0;
		while (k < n && strcmp(dirs[k].path, dir) != 0)
			k++;
		if (k == n) {
			PP_GROW(dirs, n + 1, cap);
			dirs[n++] = (struct folder){dir, NULL};
		} else {
			free(dir);
		}
		if (f->unsynced && !dirs[k].unsynced)
			dirs[k].unsynced = f;
	}
	*out = dirs;
	return n;
}

int out_commit(struct out_set *s, struct pp_diags *diags)
{
	/*
	 * Inputs read after a file was opened (the next document's template or
	 * logo) are protected too: check every target again before any rename.
	 */
	for (size_t i = 0; i < s->n; i++) {
		const char *unfit = unfit_output(s, s->files[i].path);
		if (unfit) {
			pp_diagf(diags, PP_MSG_IO_WRITE, NULL, s->files[i].path, unfit);
			out_abort(s);
			return -1;
		}
	}
	struct folder *dirs;
	size_t n_dirs = list_folders(s, &dirs);
	int rc = 0;
	for (size_t k = 0; k < n_dirs && rc == 0; k++) {
		if (!dirs[k].unsynced)
			continue;
		int fd = open(dirs[k].path, O_RDONLY | O_DIRECTORY);
		if (fd < 0 || syncfs(fd) != 0) {
			/* syncfs reports a failed write-back of any file there. */
			pp_diagf(diags, PP_MSG_IO_WRITE, NULL, dirs[k].unsynced->path,
				 pp_errno_text(errno));
			rc = -1;
		}
		if (fd >= 0)
			close(fd);
	}
	for (size_t i = 0; i < s->n && rc == 0; i++) {
		struct out_file *f = &s->files[i];
		if (!f->tmp)
			continue;
		if (rename(f->tmp, f->path) != 0) {
			pp_diagf(diags, PP_MSG_IO_WRITE, NULL, f->path, pp_errno_text(errno));
			rc = -1;
			break;
		}
		sigset_t old;
		hold_signals(&old);
		free(f->tmp);
		f->tmp = NULL;
		release_signals(&old);
	}
	for (size_t k = 0; k < n_dirs; k++) {
		/* The new names, durable too; best effort: the outputs are in
		 * place whatever a folder's fsync says. */
		int fd = rc == 0 ? open(dirs[k].path, O_RDONLY | O_DIRECTORY) : -1;
		if (fd >= 0) {
			fsync(fd);
			close(fd);
		}
		free(dirs[k].path);
	}
	free(dirs);
	if (rc != 0)
		out_abort(s);
	return rc;
}

void out_abort(struct out_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		struct out_file *f = &s->files[i];
		if (f->fd >= 0)
			close(f->fd);
		f->fd = -1;
		if (f->tmp)
			unlink(f->tmp);
	}
	remove_made(s, 0);
	out_set_fini(s);
}

void out_set_fini(struct out_set *s)
{
	sigset_t old;
	hold_signals(&old);
	if (live == s)
		live = NULL;
	for (size_t i = 0; i < s->n; i++) {
		free(s->files[i].path);
		free(s->files[i].tmp);
	}
	free(s->files);
	free(s->inputs);
	for (size_t i = 0; i < s->n_made; i++)
		free(s->made[i]);
	free(s->made);
	memset(s, 0, sizeof *s);
	release_signals(&old);
}
