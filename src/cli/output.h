/* SPDX-License-Identifier: MIT */
/*
 * output.h - a set of output files written all-or-nothing (cli stage only).
 *
 * Each file is rendered into a temporary file beside its target (so the
 * final rename stays on one file system), every write is checked, and the
 * file is on disk (fsync'd, or for many files one syncfs) before any
 * rename. Only when every file of the run succeeded are
 * they renamed into place; on any failure every temporary file is removed
 * and old outputs are left untouched.
 *
 * A target must be a regular file or not exist yet: a named pipe, a
 * socket, a device (even /dev/null) or a symbolic link leading out of its
 * folder is refused before anything is opened, so nothing blocks and
 * nothing is written through it. So is any file the run reads.
 *
 * Once out_signals_init has run, every signal that ends the process and
 * running out of memory (pp_out_of_memory) remove the temporary files of
 * the set between out_set_init and out_set_fini or out_abort.
 */
#ifndef PP_CLI_OUTPUT_H
#define PP_CLI_OUTPUT_H

#include <stddef.h>

#include "planpress/diag.h"

struct out_file {
	char *path; /* the target */
	char *tmp;  /* the temporary file, NULL once renamed into place */
	int fd;     /* open while writing, else -1 */
	int err;    /* errno of the first failed write, 0 if none */
	int unsynced; /* closed without fsync: out_commit syncs it */
};

struct out_id; /* a file's device and inode */

struct out_set {
	struct out_file *files;
	size_t n, cap;
	size_t n_closed; /* files closed so far */
	struct out_id *inputs; /* files the run reads: never written over */
	size_t n_inputs, cap_inputs;
	char **made; /* folders out_open created, in order: out_abort removes them */
	size_t n_made, cap_made;
};

/*
 * Catch every catchable signal that would end the process (to remove
 * temporary files first) and ignore SIGXFSZ (so a file passing ulimit -f
 * is a write error that names it). Call once, before anything is written.
 */
void out_signals_init(void);

void out_set_init(struct out_set *s);

/*
 * Record that the run reads `path` (the plan, a template, an image): an
 * output that is the same file (by any name, hard or symbolic link) is
 * refused when opened and again by out_commit, so a slip such as
 * `-o plan.xml -f pdf plan.xml` cannot replace the plan.
 */
void out_protect(struct out_set *s, const char *path);

/*
 * Open a file for `path`, creating missing directories. Returns the file
 * to pass to out_write (valid until the next out_open), or NULL after
 * reporting PP_MSG_IO_WRITE (also when `path` is a protected input).
 */
struct out_file *out_open(struct out_set *s, const char *path, struct pp_diags *diags);

/* Does the run already write `path`? */
int out_has(const struct out_set *s, const char *path);

/* A pp_write_fn over an out_file: writes everything or fails with errno. */
int out_write(void *closure, const unsigned char *data, size_t len);

/*
 * Close, flushed to disk (the first few files of a set at once, the rest
 * by out_commit); returns 0 or -1 after reporting PP_MSG_IO_WRITE.
 */
int out_close(struct out_set *s, struct out_file *f, struct pp_diags *diags);

/*
 * Make every file durable (one syncfs per folder for those out_close left),
 * check every target again (out_open's refusals, against every input
 * protected by now), then rename every temporary file into place and fsync
 * the folders. Returns 0, or -1 after reporting (the files not yet renamed
 * are removed and the set is freed, as out_abort).
 */
int out_commit(struct out_set *s, struct pp_diags *diags);

/* Close and remove every temporary file (after a failure); frees the set. */
void out_abort(struct out_set *s);

/* Free the set (after out_commit). */
void out_set_fini(struct out_set *s);

#endif
