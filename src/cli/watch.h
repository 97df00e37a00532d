/* SPDX-License-Identifier: MIT */
/* watch.h - --watch: render again whenever the plan or a file it uses changes. */
#ifndef PP_CLI_WATCH_H
#define PP_CLI_WATCH_H

#include "options.h"
#include "planpress/template.h"

/*
 * One whole run of the command for `o` (messages printed); fills `deps`
 * with the files besides the plan that it read (templates, images).
 * Returns the run's exit status.
 */
typedef int (*cli_render_fn)(const struct cli_opts *o, struct pp_template_deps *deps);

/*
 * Render with `render`, then again after each change to the plan or to a
 * file the last run read, printing one line per rebuild on stderr, until a
 * signal ends the process. Returns only if the main loop ends.
 */
int cli_watch(const struct cli_opts *o, cli_render_fn render);

#endif
