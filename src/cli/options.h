/* SPDX-License-Identifier: MIT */
/* options.h - the command line of planpress, parsed (cli stage only). */
#ifndef PP_CLI_OPTIONS_H
#define PP_CLI_OPTIONS_H

#include "planpress/render.h"

enum cli_dump { CLI_DUMP_NONE, CLI_DUMP_MODEL, CLI_DUMP_LAYOUT };

struct cli_opts {
	const char *input;      /* PLAN.xml */
	const char *output;     /* -o FILE, or NULL */
	const char *output_dir; /* -O DIR; "output" by default */
	int has_format;         /* -f given */
	enum pp_format format;
	const char *template_name; /* -t, or NULL */
	const char *document_id;   /* --document, or NULL */
	int check;                 /* --check */
	enum cli_dump dump;
	int list_outputs, list_deps;
	int verbose;
	int watch; /* --watch */
	double dpi; /* --dpi: PNG resolution */
};

/* Exit statuses (STYLE.md §5). */
enum { CLI_EXIT_OK = 0, CLI_EXIT_INPUT = 1, CLI_EXIT_USAGE = 2, CLI_EXIT_SYSTEM = 3 };

/*
 * Parse argv into `o`. Returns -1 to go on, or an exit status when the run
 * is over: 0 after --help or --version (printed on stdout), 2 after a usage
 * error (one line and "Try 'planpress --help'." on stderr).
 */
int cli_parse_options(int argc, char **argv, struct cli_opts *o);

/* Print a usage error and the hint; returns CLI_EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
