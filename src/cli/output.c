/* SPDX-License-Identifier: MIT */
/*
 * output.c - outputs are never lost: render into temporary files beside
 * the targets, rename them all only after a clean finish (STYLE.md §5).
 */
#define _XOPEN_SOURCE 700 /* mkstemp, fsync, fchmod, realpath, lstat */

#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "alloc.h"

struct out_id {
	dev_t dev;
	ino_t ino;
};

/*
 * Interrupted runs leave nothing behind either: on SIGINT, SIGTERM or
 * SIGHUP (Ctrl-C, a timeout, a closed terminal), SIGABRT (GLib aborts when
 * memory runs out) and at exit (alloc.c's exit(3) when memory runs out),
 * the temporary files of the live set are removed; a signal then takes
 * its usual course. The
 * handler only reads the set; every change to it is made with those
 * signals blocked, so the handler never sees a path half freed.
 */
static struct out_set *volatile live;
static const int caught[] = {SIGINT, SIGTERM, SIGHUP, SIGABRT};

static void remove_temporaries(void)
{
	struct out_set *s = live;
	for (size_t i = 0; s && i < s->n; i++)
		if (s->files[i].tmp)
			unlink(s->files[i].tmp);
}

static void on_signal(int sig)
{
	remove_temporaries();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void hold_signals(sigset_t *old)
{
	sigset_t set;
	sigemptyset(&set);
	for (size_t i = 0; i < sizeof caught / sizeof caught[0]; i++)
		sigaddset(&set, caught[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

static void release_signals(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

void out_set_init(struct out_set *s)
{
	sigset_t old;
	hold_signals(&old);
	memset(s, 0, sizeof *s);
	live = s;
	/* exit(3) when memory runs out (alloc.c) also removes them. */
	static int registered;
	if (!registered++)
		atexit(remove_temporaries);
	for (size_t i = 0; i < sizeof caught / sizeof caught[0]; i++) {
		struct sigaction sa, prev;
		sigaction(caught[i], NULL, &prev);
		if (prev.sa_handler == SIG_IGN)
			continue; /* nohup: keep ignoring it */
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		sigaction(caught[i], &sa, NULL);
	}
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

/* mkdir -p for the directory part of `path`; errno set on failure. */
static int make_parents(const char *path)
{
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
		if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
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
	if (make_parents(path) != 0)
		return fail_open(&f, diags, NULL);
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		return fail_open(&f, diags, NULL);
	}
	/* From the temporary file's creation until it is in the set. */
	hold_signals(&old_mask);
	const char *slash = strrchr(path, '/');
	if (slash)
		f.tmp = pp_xasprintf("%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1);
	else
		f.tmp = pp_xasprintf(".%s.XXXXXX", path);
	f.fd = mkstemp(f.tmp);
	if (f.fd < 0) {
		free(f.tmp);
		f.tmp = NULL;
		return fail_open(&f, diags, &old_mask);
	}
	if (fchmod(f.fd, file_mode()) != 0)
		return fail_open(&f, diags, &old_mask);
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

int out_close(struct out_file *f, struct pp_diags *diags)
{
	int rc = 0;
	if (f->fd < 0)
		return 0;
	/* A device (written directly) may not support fsync: only files must. */
	if (fsync(f->fd) != 0 && (f->tmp || (errno != EINVAL && errno != EROFS))) {
		pp_diagf(diags, PP_MSG_IO_WRITE, NULL, f->path, pp_errno_text(errno));
		rc = -1;
	}
	if (close(f->fd) != 0 && rc == 0) {
		pp_diagf(diags, PP_MSG_IO_WRITE, NULL, f->path, pp_errno_text(errno));
		rc = -1;
	}
	f->fd = -1;
	return rc;
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
	for (size_t i = 0; i < s->n; i++) {
		struct out_file *f = &s->files[i];
		if (!f->tmp)
			continue;
		if (rename(f->tmp, f->path) != 0) {
			pp_diagf(diags, PP_MSG_IO_WRITE, NULL, f->path, pp_errno_text(errno));
			out_abort(s);
			return -1;
		}
		sigset_t old;
		hold_signals(&old);
		free(f->tmp);
		f->tmp = NULL;
		release_signals(&old);
	}
	return 0;
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
	memset(s, 0, sizeof *s);
	release_signals(&old);
}
