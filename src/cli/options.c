/* SPDX-License-Identifier: MIT */
/*
 * options.c - argv to struct cli_opts with getopt_long. Usage errors end
 * here with status 2; nothing is read or written before they are settled.
 */
#include "options.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planpress/diag.h"
#include "planpress/style.h"

#ifndef PP_VERSION
#define PP_VERSION "unknown"
#endif

static const char usage_text[] =
    "Usage: planpress [OPTIONS] PLAN.xml\n"
    "       planpress new > my-plan.xml\n"
    "Turn a plan definition into committee-ready PDF, SVG or PNG documents.\n"
    "`planpress new` prints a small, commented starter plan that renders.\n"
    "\n"
    "Output:\n"
    "  -O, --output-dir=DIR   write every document of the plan into DIR\n"
    "                         (default: output) as DIR/<output>.<format>\n"
    "  -o, --output=FILE      write one document to FILE (the plan's only\n"
    "                         document, or the one chosen with --document)\n"
    "  -f, --format=FORMAT    pdf, svg or png (default: from FILE's extension,\n"
    "                         else the document's formats)\n"
    "      --document=ID      produce only the document with this id\n"
    "  -t, --template=NAME|FILE  use template NAME (NAME.xml in the plan's\n"
    "                         folder, then in templates/: default, bolton,\n"
    "                         blackburn-with-darwen) or FILE instead of the\n"
    "                         plan's (docs/templates.md)\n"
    "      --dpi=N            PNG resolution in dots per inch (default 96)\n"
    "\n"
    "Checking and debugging:\n"
    "      --check            do all a render does (templates, logos, layout)\n"
    "                         and report every problem; write nothing\n"
    "      --dump=WHAT        print the checked model (model) or the laid-out\n"
    "                         pages (layout) on stdout; write nothing\n"
    "      --list-outputs     print the files a run would write, one a line\n"
    "      --list-deps        print the files besides the plan that the\n"
    "                         outputs depend on (templates, images)\n"
    "  -v, --verbose          say on stderr which files were written\n"
    "      --watch            render, then render again whenever the plan, a\n"
    "                         template or an image it uses changes (Ctrl-C stops)\n"
    "  -h, --help             show this help and exit\n"
    "  -V, --version          show the version and exit\n"
    "\n"
    "Exit status: 0 success (warnings allowed), 1 errors in the plan,\n"
    "2 usage errors, 3 system errors (files, memory).\n"
    "Multi-page SVG and PNG documents are written one file per page:\n"
    "<output>-1.svg, <output>-2.svg ...\n";

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	char text[4096], shown[4096];
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	/* Arguments are quoted: show their control characters (diag.h). */
	pp_escape(shown, sizeof shown, text);
	fprintf(stderr, "planpress: %s\nTry 'planpress --help'.\n", shown);
	return CLI_EXIT_USAGE;
}

enum { OPT_DOCUMENT = 256, OPT_CHECK, OPT_DUMP, OPT_LIST_OUTPUTS, OPT_LIST_DEPS, OPT_DPI, OPT_WATCH };

/* The starter plan, src/cli/starter-plan.xml compiled in (cmake/embed.cmake). */
extern const unsigned char pp_starter_plan_xml[];
extern const size_t pp_starter_plan_xml_len;

/* `planpress new`: the starter plan on stdout. Returns an exit status. */
static int print_starter(int argc, char **argv)
{
	if (argc > 2)
		return cli_usage_error("'planpress new' takes nothing more (got \"%s\"); write: "
		                       "planpress new > my-plan.xml",
		                       argv[2]);
	if (fwrite(pp_starter_plan_xml, 1, pp_starter_plan_xml_len, stdout) !=
	        pp_starter_plan_xml_len ||
	    fflush(stdout) != 0 || ferror(stdout)) {
		fputs("planpress: error: cannot write the starter plan to standard output\n", stderr);
		return CLI_EXIT_SYSTEM;
	}
	return CLI_EXIT_OK;
}

int cli_parse_options(int argc, char **argv, struct cli_opts *o)
{
	static const struct option longopts[] = {
	    {"output", required_argument, NULL, 'o'},
	    {"output-dir", required_argument, NULL, 'O'},
	    {"format", required_argument, NULL, 'f'},
	    {"template", required_argument, NULL, 't'},
	    {"document", required_argument, NULL, OPT_DOCUMENT},
	    {"check", no_argument, NULL, OPT_CHECK},
	    {"dump", required_argument, NULL, OPT_DUMP},
	    {"list-outputs", no_argument, NULL, OPT_LIST_OUTPUTS},
	    {"list-deps", no_argument, NULL, OPT_LIST_DEPS},
	    {"dpi", required_argument, NULL, OPT_DPI},
	    {"verbose", no_argument, NULL, 'v'},
	    {"watch", no_argument, NULL, OPT_WATCH},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    {NULL, 0, NULL, 0},
	};
	int c, have_dir = 0;

	memset(o, 0, sizeof *o);
	/* A plan file named "new" is still rendered as ./new. */
	if (argc >= 2 && strcmp(argv[1], "new") == 0)
		return print_starter(argc, argv);
	o->output_dir = "output";
	o->dpi = 96;
	opterr = 0; /* our own one-line messages */
	while ((c = getopt_long(argc, argv, ":o:O:f:t:vhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			o->output = optarg;
			break;
		case 'O':
			o->output_dir = optarg;
			have_dir = 1;
			break;
		case 'f':
			if (pp_format_from_string(optarg, &o->format) != 0)
				return cli_usage_error(
				    "unknown format \"%s\" (expected pdf, svg or png)", optarg);
			o->has_format = 1;
			break;
		case 't':
			/* found and checked when a document needs it (template.h) */
			if (!*optarg)
				return cli_usage_error("--template needs a name or a file");
			o->template_name = optarg;
			break;
		case OPT_DOCUMENT:
			o->document_id = optarg;
			break;
		case OPT_CHECK:
			o->check = 1;
			break;
		case OPT_DUMP:
			if (strcmp(optarg, "model") == 0)
				o->dump = CLI_DUMP_MODEL;
			else if (strcmp(optarg, "layout") == 0)
				o->dump = CLI_DUMP_LAYOUT;
			else
				return cli_usage_error(
				    "unknown dump \"%s\" (expected model or layout)", optarg);
			break;
		case OPT_LIST_OUTPUTS:
			o->list_outputs = 1;
			break;
		case OPT_LIST_DEPS:
			o->list_deps = 1;
			break;
		case OPT_DPI: {
			char *end;
			double v = strtod(optarg, &end);
			if (end == optarg || *end || !(v >= 1 && v <= 2400))
				return cli_usage_error(
				    "malformed resolution \"%s\" (expected dots "
				    "per inch from 1 to 2400)",
				    optarg);
			o->dpi = v;
			break;
		}
		case 'v':
			o->verbose = 1;
			break;
		case OPT_WATCH:
			o->watch = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return fflush(stdout) == 0 && !ferror(stdout) ? CLI_EXIT_OK
			                                              : CLI_EXIT_SYSTEM;
		case 'V':
			printf("planpress %s\n", PP_VERSION);
			return fflush(stdout) == 0 && !ferror(stdout) ? CLI_EXIT_OK
			                                              : CLI_EXIT_SYSTEM;
		case ':':
			return cli_usage_error("option '%s' needs a value", argv[optind - 1]);
		default:
			if (optopt && optopt < 256)
				return cli_usage_error("unknown option '-%c'", optopt);
			return cli_usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind == argc)
		return cli_usage_error("no plan file given");
	if (argc - optind > 1)
		return cli_usage_error("one plan file at a time (got \"%s\" and \"%s\")",
		                       argv[optind], argv[optind + 1]);
	o->input = argv[optind];
	if (o->output && have_dir)
		return cli_usage_error("--output and --output-dir cannot be used together");
	if (o->output && !*o->output)
		return cli_usage_error("empty output file name");
	if (!*o->output_dir)
		return cli_usage_error("empty output directory name");
	if (o->watch && (o->check || o->dump || o->list_outputs || o->list_deps))
		return cli_usage_error("--watch renders; it cannot be combined with --check, "
		                       "--dump, --list-outputs or --list-deps");
	if (o->dump && (o->list_outputs || o->list_deps))
		return cli_usage_error("--dump cannot be combined with --list-outputs or "
		                       "--list-deps");
	return -1;
}
