/* SPDX-License-Identifier: MIT */
/*
 * main.c - the planpress command: argv -> parse -> check -> layout ->
 * render -> files, and the exit status.
 *
 * Invariants: stdout carries only data (dumps, lists), stderr only
 * diagnostics; nothing is written before the plan has been checked; and
 * outputs appear all together or not at all (output.c).
 */
#define _POSIX_C_SOURCE 200809L /* strcasecmp via strings.h, stat */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "fatal.h"
#include "options.h"
#include "output.h"
#include "watch.h"
#include "planpress/layout.h"
#include "planpress/model.h"
#include "planpress/parse.h"
#include "planpress/render.h"
#include "planpress/style.h"
#include "planpress/template.h"

static const enum pp_format all_formats[] = {PP_FORMAT_PDF, PP_FORMAT_SVG, PP_FORMAT_PNG};

/* A template as loaded for a document, kept for the next one that names it. */
struct loaded {
	char *key; /* "-t NAME" (the command line's) or "NAME" (the plan's) */
	struct pp_style *style;
};

/* A run's state: what to write and how to say so. */
struct run {
	const struct cli_opts *o;
	struct pp_diags *diags;
	struct pp_render_opts ropts;
	struct out_set outs;
	char **wrote; /* verbose lines, one per file, printed after the commit */
	size_t n_wrote, cap_wrote;
	struct pp_template_deps deps; /* template and image files read */
	struct loaded *loaded;	      /* templates loaded so far, each once */
	size_t n_loaded, cap_loaded;
	size_t n_protected;	      /* of deps, those given to out_protect */
};

/* Every file read so far may not be an output (output.h, out_protect). */
static void protect_inputs(struct run *r)
{
	for (; r->n_protected < r->deps.n; r->n_protected++)
		out_protect(&r->outs, r->deps.files[r->n_protected]);
}

/* System trouble (I/O, cairo) is status 3; anything else reported is 1. */
static int status_from(const struct pp_diags *d)
{
	for (size_t i = 0; i < d->n_entries; i++) {
		switch (d->entries[i].id) {
		case PP_MSG_IO_READ:
		case PP_MSG_IO_WRITE:
		case PP_MSG_RENDER:
		case PP_MSG_SCHEMA_LOAD:
			return CLI_EXIT_SYSTEM;
		default:
			break;
		}
	}
	return d->n_errors ? CLI_EXIT_INPUT : CLI_EXIT_OK;
}

/*
 * The template for document `d`: --template (a file relative to the
 * current directory), else the document's or the plan's @template (a file
 * relative to the plan's folder), else "default". NAMEs are looked for in
 * the plan's folder, then templates/. NULL after errors.
 *
 * Each template is loaded once a run and kept in r->loaded (freed by
 * free_templates): a plan of 10,000 documents in one template parsed and
 * validated it 10,000 times, a third of the run. The name and where it
 * was given (the command line or the plan) decide the file, so they are
 * the key. The result is borrowed.
 */
static struct pp_style *load_template(struct run *r, const struct pp_doc *doc,
                                      const struct pp_document *d, int *status)
{
	const struct cli_opts *o = r->o;
	if (d)
		pp_set_activity("loading the template of document \"%s\"", d->id);
	else
		pp_set_activity("loading the template of %s", o->input);
	const char *tname = o->template_name           ? o->template_name
	                    : d && d->template_name    ? d->template_name
	                    : doc->template_name       ? doc->template_name
	                                               : "default";
	const struct pp_loc *where = o->template_name       ? NULL
	                             : d && d->template_name ? &d->loc
	                             : doc->template_name    ? &doc->loc
	                                                     : NULL;
	char *key = pp_xasprintf("%s%s", o->template_name ? "-t " : "", tname);
	for (size_t i = r->n_loaded; i-- > 0;) {
		if (strcmp(r->loaded[i].key, key) == 0) {
			free(key);
			return r->loaded[i].style;
		}
	}
	const char *slash = strrchr(o->input, '/');
	char *plan_dir = slash ? pp_xasprintf("%.*s", (int)(slash - o->input), o->input)
	                       : pp_xstrdup(".");
	if (slash == o->input) {
		free(plan_dir);
		plan_dir = pp_xstrdup("/");
	}
	size_t unknown = pp_diags_count(r->diags, PP_MSG_UNKNOWN_TEMPLATE);
	struct pp_style *style = pp_template_load(tname, plan_dir,
	                                          o->template_name ? "." : plan_dir, where,
	                                          r->diags, &r->deps);
	free(plan_dir);
	/* A --template that names nothing is a usage error, like a bad option. */
	if (!style && o->template_name &&
	    pp_diags_count(r->diags, PP_MSG_UNKNOWN_TEMPLATE) > unknown) {
		fputs("Try 'planpress --help'.\n", stderr);
		*status = CLI_EXIT_USAGE;
	} else if (!style) {
		*status = status_from(r->diags) ? status_from(r->diags) : CLI_EXIT_INPUT;
	}
	/* A logo that exists but cannot be drawn: warn, and draw the cover without it. */
	char *why;
	const struct pp_cover_style *cv = style ? &style->cover : NULL;
	if (cv && cv->logo && cv->logo_data &&
	    pp_image_check(cv->logo_data, cv->logo_len, pp_image_is_svg(cv->logo), &why) != 0) {
		pp_diagf(r->diags, PP_MSG_TEMPLATE_IMAGE, &cv->logo_loc, cv->logo_name, why);
		style->cover.logo = NULL;
		free(why);
	}
	if (style) {
		PP_GROW(r->loaded, r->n_loaded + 1, r->cap_loaded);
		r->loaded[r->n_loaded++] = (struct loaded){key, style};
	} else {
		free(key);
	}
	return style;
}

/* After the last pages: image boxes borrow a template's strings. */
static void free_templates(struct run *r)
{
	for (size_t i = 0; i < r->n_loaded; i++) {
		free(r->loaded[i].key);
		pp_template_free(r->loaded[i].style);
	}
	free(r->loaded);
}

/* The extension of `path`'s last component ("pdf"), or NULL. */
static const char *extension(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	const char *dot = strrchr(base, '.');
	return dot && dot != base ? dot + 1 : NULL;
}

/*
 * Formats to write for a document, as a bit set (1u << enum pp_format):
 * -f first, then -o's extension, then the document's own @formats.
 * Returns 0 on a usage error (reported).
 */
static unsigned document_formats(const struct cli_opts *o, const struct pp_document *d)
{
	if (o->has_format)
		return 1u << o->format;
	if (o->output) {
		const char *ext = extension(o->output);
		for (size_t i = 0; ext && i < 3; i++)
			if (strcasecmp(ext, pp_format_ext(all_formats[i])) == 0)
				return 1u << all_formats[i];
		cli_usage_error("cannot tell the format of \"%s\" from its name; use --format",
		                o->output);
		return 0;
	}
	return d->formats ? d->formats : 1u << PP_FORMAT_PDF;
}

/*
 * The file for `format` of document `d`; page is 1-based for one file per
 * page (SVG, PNG of a multi-page document), 0 for the single file.
 * Caller frees.
 */
static char *output_path(const struct cli_opts *o, const struct pp_document *d,
                         enum pp_format format, size_t page)
{
	const char *ext = pp_format_ext(format);
	if (o->output) {
		if (!page)
			return pp_xstrdup(o->output);
		const char *e = extension(o->output);
		size_t stem = strlen(o->output);
		if (e && strcasecmp(e, ext) == 0)
			stem = (size_t)(e - 1 - o->output);
		return pp_xasprintf("%.*s-%zu.%s", (int)stem, o->output, page, ext);
	}
	if (!page)
		return pp_xasprintf("%s/%s.%s", o->output_dir, d->output, ext);
	return pp_xasprintf("%s/%s-%zu.%s", o->output_dir, d->output, page, ext);
}

static int print_line(const char *s)
{
	return puts(s) < 0 ? -1 : 0;
}

static void note_written(struct run *r, const struct pp_pages *pages, size_t page,
                         const char *path);

/* Render one file (the whole PDF when page == 0, else that page). */
static int render_file(struct run *r, const struct pp_pages *pages, enum pp_format format,
                       size_t page, const char *path)
{
	protect_inputs(r);
	struct out_file *f = out_open(&r->outs, path, r->diags);
	if (!f)
		return -1;
	struct pp_render_opts ro = r->ropts;
	ro.format = format;
	ro.path = path;
	pp_set_activity("writing %s", path);
	int rc = page ? pp_render_page(pages, page - 1, &ro, out_write, f, r->diags)
	              : pp_render_pdf(pages, &ro, out_write, f, r->diags);
	if (out_close(&r->outs, f, r->diags) != 0)
		rc = -1;
	if (rc == 0)
		note_written(r, pages, page, path);
	return rc;
}

static void note_written(struct run *r, const struct pp_pages *pages, size_t page,
                         const char *path)
{
	if (r->o->verbose) {
		char *line;
		if (!page || pages->n_pages == 1)
			line = pp_xasprintf("planpress: wrote %s (%zu page%s)", path,
			                    pages->n_pages, pages->n_pages == 1 ? "" : "s");
		else
			line = pp_xasprintf("planpress: wrote %s (page %zu of %zu)", path, page,
			                    pages->n_pages);
		PP_GROW(r->wrote, r->n_wrote + 1, r->cap_wrote);
		r->wrote[r->n_wrote++] = line;
	}
}

/*
 * cairo draws a PNG page of at most 32,767 pixels a side: say so, and the
 * resolution that would do, rather than "rendering failed: out of memory"
 * (an A3 poster at --dpi=2400 is 39,685 pixels wide). Returns 0 or 2.
 */
static int png_fits(struct run *r, const struct pp_pages *pages)
{
	double dpi = r->ropts.png_dpi > 0 ? r->ropts.png_dpi : 96.0, longest = 0;
	for (size_t i = 0; i < pages->n_pages; i++) {
		const struct pp_page *pg = &pages->pages[i];
		double side = pg->width > pg->height ? pg->width : pg->height;
		longest = side > longest ? side : longest;
	}
	if (longest * dpi / 72.0 <= 32767.0)
		return 0;
	cli_usage_error("--dpi=%g makes a page %.0f pixels long, and a PNG page can be at most "
	                "32767; use --dpi=%d or less",
	                dpi, longest * dpi / 72.0, (int)(32767.0 * 72.0 / longest));
	return CLI_EXIT_USAGE;
}

/*
 * A document whose only file is its PDF is drawn while it is laid out: each
 * page is written and freed as soon as it is finished, so memory does not
 * grow with the document's length. Returns 0 or an exit status.
 */
static int stream_pdf(struct run *r, struct pp_layout_ctx *ctx, const struct pp_doc *doc,
                      const struct pp_document *d, const struct pp_style *style)
{
	char *path = output_path(r->o, d, PP_FORMAT_PDF, 0);
	protect_inputs(r);
	struct out_file *f = out_open(&r->outs, path, r->diags);
	int rc = 0;
	if (!f) {
		free(path);
		return status_from(r->diags) ? status_from(r->diags) : CLI_EXIT_SYSTEM;
	}
	struct pp_render_opts ro = r->ropts;
	ro.format = PP_FORMAT_PDF;
	ro.path = path;
	pp_set_activity("laying out and writing %s (document \"%s\")", path, d->id);
	struct pp_pdf_stream *s = pp_render_pdf_begin(&ro, out_write, f, r->diags);
	struct pp_page_sink sink = pp_render_pdf_sink(s);
	struct pp_pages *pages = pp_layout_document_streamed(ctx, doc, d, style, r->diags, &sink);
	if (!pages) {
		pp_render_pdf_abort(s);
		rc = status_from(r->diags) ? status_from(r->diags) : CLI_EXIT_INPUT;
	} else if (pp_render_pdf_end(s, pages) != 0) {
		rc = status_from(r->diags) ? status_from(r->diags) : CLI_EXIT_SYSTEM;
	}
	if (out_close(&r->outs, f, r->diags) != 0 && rc == 0)
		rc = status_from(r->diags) ? status_from(r->diags) : CLI_EXIT_SYSTEM;
	if (rc == 0)
		note_written(r, pages, 0, path);
	pp_pages_free(pages);
	free(path);
	return rc;
}

/* --check's page sink: nothing is drawn, and each finished part is let go. */
static int discard_page(void *closure, const struct pp_pages *pages, size_t index)
{
	(void)closure, (void)pages, (void)index;
	return 0;
}

static int discard_closed(void *closure, const struct pp_pages *pages, const struct pp_snode *node)
{
	(void)closure, (void)pages, (void)node;
	return 1;
}

/*
 * --check: everything a render does but write. The template (and its chain
 * and logo) is loaded and the document laid out, so a missing template, a
 * broken one or a logo that cannot be drawn is reported here as the render
 * would report it; pages are let go as they are finished.
 */
static int check_document(struct run *r, struct pp_layout_ctx **ctx, const struct pp_doc *doc,
                          const struct pp_document *d)
{
	int rc = 0;
	if (!*ctx && !(*ctx = pp_layout_ctx_new(r->diags)))
		return status_from(r->diags) ? status_from(r->diags) : CLI_EXIT_SYSTEM;
	struct pp_style *style = load_template(r, doc, d, &rc);
	if (!style)
		return rc;
	struct pp_page_sink sink = {discard_page, NULL, discard_closed};
	struct pp_pages *pages = pp_layout_document_streamed(*ctx, doc, d, style, r->diags, &sink);
	if (!pages)
		rc = status_from(r->diags) ? status_from(r->diags) : CLI_EXIT_INPUT;
	pp_pages_free(pages);
	return rc;
}

/*
 * The files of one document: PDF as one file, SVG and PNG one per page
 * (a single page keeps the plain name). Listed, or rendered.
 */
static int do_document(struct run *r, struct pp_layout_ctx **ctx, const struct pp_doc *doc,
                       const struct pp_document *d)
{
	const struct cli_opts *o = r->o;
	unsigned formats = document_formats(o, d);
	struct pp_pages *pages = NULL;
	int rc = 0;

	if (!formats)
		return CLI_EXIT_USAGE;
	if (o->check)
		return check_document(r, ctx, doc, d);
	/* Listing PDFs needs no layout; per-page files need the page count. */
	int listing = o->list_outputs;
	int need_pages = !listing || (formats & ~(1u << PP_FORMAT_PDF));
	struct pp_style *style = NULL;
	if (o->list_deps && !o->list_outputs) {
		/* Only the files read matter: run() prints r->deps. */
		load_template(r, doc, d, &rc);
		return rc;
	}

	if (need_pages) {
		if (!*ctx && !(*ctx = pp_layout_ctx_new(r->diags)))
			return status_from(r->diags) ? status_from(r->diags) : CLI_EXIT_SYSTEM;
		style = load_template(r, doc, d, &rc);
		if (!style)
			return rc;
		/* Refused before any output is opened (a streamed PDF opens its
		 * file before layout). */
		if (pp_layout_check(doc, d, style, r->diags) != 0)
			return status_from(r->diags) ? status_from(r->diags) : CLI_EXIT_INPUT;
		if (!listing && o->dump != CLI_DUMP_LAYOUT && formats == 1u << PP_FORMAT_PDF)
			return stream_pdf(r, *ctx, doc, d, style);
		pp_set_activity("laying out document \"%s\"", d->id);
		pages = pp_layout_document(*ctx, doc, d, style, r->diags);
		if (!pages)
			return status_from(r->diags) ? status_from(r->diags) : CLI_EXIT_INPUT;
	}

	if (o->dump == CLI_DUMP_LAYOUT) {
		pp_set_activity("printing the layout of document \"%s\"", d->id);
		pp_layout_dump(pages, stdout);
		goto out;
	}
	if (!listing && (formats & (1u << PP_FORMAT_PNG)) && (rc = png_fits(r, pages)) != 0)
		goto out;
	for (size_t i = 0; i < 3 && rc == 0; i++) {
		enum pp_format f = all_formats[i];
		if (!(formats & (1u << f)))
			continue;
		size_t n_files = f == PP_FORMAT_PDF || pages->n_pages == 1 ? 1 : pages->n_pages;
		for (size_t k = 1; k <= n_files && rc == 0; k++) {
			size_t page = f == PP_FORMAT_PDF ? 0 : n_files == 1 ? 0 : k;
			char *path = output_path(o, d, f, page);
			if (listing) {
				if (print_line(path) != 0)
					rc = CLI_EXIT_SYSTEM;
			} else if (out_has(&r->outs, path)) {
				/* A page of a multi-page SVG ("x-1.svg") and a document
				 * named "x-1": their output names alone did not tell. */
				pp_diagf(r->diags, PP_MSG_DUP_OUTPUT, &d->loc, path);
				rc = CLI_EXIT_INPUT;
			} else if (render_file(r, pages, f, f == PP_FORMAT_PDF ? 0 : k, path) != 0) {
				rc = status_from(r->diags) ? status_from(r->diags)
				                           : CLI_EXIT_SYSTEM;
			}
			free(path);
		}
	}
out:
	pp_pages_free(pages);
	return rc;
}

/* The documents to produce: --document's, or all. 0 or an exit status. */
static int select_documents(const struct cli_opts *o, const struct pp_doc *doc,
                            const struct pp_document ***out, size_t *n_out)
{
	const struct pp_document **sel = pp_xcalloc(doc->n_documents + 1, sizeof *sel);
	size_t n = 0;
	for (size_t i = 0; i < doc->n_documents; i++)
		if (!o->document_id || strcmp(doc->documents[i].id, o->document_id) == 0)
			sel[n++] = &doc->documents[i];
	if (o->document_id && n == 0) {
		free(sel);
		return cli_usage_error("no document \"%s\" in %s", o->document_id, o->input);
	}
	if (o->output && n > 1) {
		free(sel);
		return cli_usage_error(
		    "%s has %zu documents; choose one with --document to use "
		    "--output",
		    o->input, n);
	}
	*out = sel;
	*n_out = n;
	return 0;
}

/* One run; the files besides the plan that it read go to `deps_out` if not NULL. */
static int run(const struct cli_opts *o, struct pp_diags *diags, struct pp_template_deps *deps_out)
{
	struct run r = {.o = o, .diags = diags};
	struct pp_layout_ctx *ctx = NULL;
	const struct pp_document **sel = NULL;
	size_t n_sel = 0;
	int rc = 0;

	pp_set_activity("reading %s", o->input);
	struct pp_doc *doc = pp_parse_file(o->input, diags);
	if (!doc)
		return status_from(diags) ? status_from(diags) : CLI_EXIT_INPUT;
	/* The plan's template (--template, else the plan's @template) gives
	 * the words its statuses may use: its status scales and its labels
	 * of the RAG ratings. A document's own template changes only looks. */
	const struct pp_style *plan_style = load_template(&r, doc, NULL, &rc);
	if (!plan_style)
		goto out;
	const char *labels[PP_RAG_NA + 1];
	for (int k = 0; k <= PP_RAG_NA; k++)
		labels[k] = plan_style->rag[k].label;
	pp_doc_adopt_template(doc, plan_style->scales, plan_style->n_scales, labels);
	pp_set_activity("checking %s", o->input);
	if (pp_check_doc(doc, diags) != 0) {
		rc = status_from(diags) ? status_from(diags) : CLI_EXIT_INPUT;
		goto out;
	}
	if (o->dump == CLI_DUMP_MODEL) {
		pp_set_activity("printing the model of %s", o->input);
		pp_model_dump(doc, stdout);
		goto out;
	}
	if ((rc = select_documents(o, doc, &sel, &n_sel)) != 0)
		goto out;

	/* Reproducible dates: SOURCE_DATE_EPOCH, else the plan's mtime. */
	struct stat st;
	time_t fallback = stat(o->input, &st) == 0 ? st.st_mtime : 0;
	r.ropts.creation_time = pp_render_creation_time(fallback);
	r.ropts.png_dpi = o->dpi;
	out_set_init(&r.outs);
	out_protect(&r.outs, o->input);

	/* Every document can be laid out with its template (pp_layout_check)
	 * before the first is written, so a fault in the last leaves no
	 * output folder behind. Templates load once, so this costs little. */
	for (size_t i = 0; i < n_sel && rc == 0 && !o->list_deps && !o->list_outputs; i++) {
		const struct pp_style *style = load_template(&r, doc, sel[i], &rc);
		if (style && pp_layout_check(doc, sel[i], style, diags) != 0)
			rc = status_from(diags) ? status_from(diags) : CLI_EXIT_INPUT;
	}
	for (size_t i = 0; i < n_sel && rc == 0; i++)
		rc = do_document(&r, &ctx, doc, sel[i]);
	/* --list-deps: the template files (each template of each chain) and
	 * images the outputs depend on, each once, so make re-renders when
	 * one changes. The built-in default is part of the program. */
	if (o->list_deps)
		for (size_t i = 0; i < r.deps.n && rc == 0; i++)
			if (print_line(r.deps.files[i]) != 0)
				rc = CLI_EXIT_SYSTEM;

	protect_inputs(&r);
	pp_set_activity("putting the outputs of %s in place", o->input);
	if (rc == 0 && r.outs.n > 0 && out_commit(&r.outs, diags) != 0)
		rc = CLI_EXIT_SYSTEM;
	if (rc != 0)
		out_abort(&r.outs);
	else
		out_set_fini(&r.outs);
	for (size_t i = 0; i < r.n_wrote; i++) {
		if (rc == 0) {
			/* The path may hold anything the command line did (diag.h). */
			size_t n = pp_escape(NULL, 0, r.wrote[i]);
			char *shown = pp_xmalloc(n + 1);
			pp_escape(shown, n + 1, r.wrote[i]);
			fprintf(stderr, "%s\n", shown);
			free(shown);
		}
		free(r.wrote[i]);
	}
	free(r.wrote);
out:
	free_templates(&r);
	if (deps_out) {
		*deps_out = r.deps;
		memset(&r.deps, 0, sizeof r.deps);
	}
	pp_template_deps_fini(&r.deps);
	free(sel);
	pp_layout_ctx_free(ctx);
	pp_doc_free(doc);
	return rc;
}

/*
 * A long plan makes hundreds of megabytes of small allocations (glyphs,
 * boxes, PDF objects), and on a virtual machine each 4 KiB page fault is
 * dear: with glibc's tunable glibc.malloc.hugetlb=1 the heap is backed by
 * transparent huge pages (2 MiB per fault), which made a 2,000-row report
 * about 25% faster (bench/README.md). The tunable is read only at start-up,
 * so for a plan of at least BIG_PLAN bytes the program starts itself again
 * once with it set. Never when the variable is already set (the user's
 * choice, or the restarted program), when anything is preloaded (valgrind,
 * a sanitizer runtime: the new image would escape it), or for a small plan
 * (a start-up costs more than it saves); if the restart fails the run
 * simply goes on. The output does not depend on it.
 *
 * The same restart raises glibc.malloc.trim_threshold to 256 MiB: freed
 * memory at the top of a heap stays with the process instead of going back
 * to the system, only to be faulted in (and a huge page zeroed) again when
 * the next rows are measured. At N = 2,000 that is about 3% less CPU time
 * and a lower peak (bench/README.md).
 */
#define BIG_PLAN (256 * 1024)

static void restart_with_huge_pages(char **argv, const char *input)
{
	struct stat st;
	if (getenv("GLIBC_TUNABLES") || getenv("LD_PRELOAD") || !input ||
	    stat(input, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < BIG_PLAN)
		return;
	if (setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1:glibc.malloc.trim_threshold=268435456",
		   1) != 0)
		return;
	execv("/proc/self/exe", argv);
	unsetenv("GLIBC_TUNABLES"); /* no restart: go on as we are */
}

/* --watch's render: one run with its own messages (watch.h). */
static int render_once(const struct cli_opts *o, struct pp_template_deps *deps)
{
	struct pp_diags diags;
	pp_diags_init(&diags, stderr);
	int rc = run(o, &diags, deps);
	pp_diags_fini(&diags);
	return rc;
}

int main(int argc, char **argv)
{
	struct cli_opts o;
	struct pp_diags diags;
	int rc = cli_parse_options(argc, argv, &o);
	if (rc >= 0)
		return rc;
	restart_with_huge_pages(argv, o.input);
	/* Before anything is written: interrupted runs and memory running
	 * out (ours or GLib's) leave no temporary file (output.h, fatal.h). */
	out_signals_init();
	cli_fatal_init();

	if (o.watch)
		return cli_watch(&o, render_once);
	pp_diags_init(&diags, stderr);
	rc = run(&o, &diags, NULL);
	/* Data on stdout must arrive whole: a full disk under a redirect is an error. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		pp_diagf(&diags, PP_MSG_IO_WRITE, NULL, "standard output", pp_errno_text(errno));
		rc = CLI_EXIT_SYSTEM;
	}
	pp_diags_fini(&diags);
	return rc;
}
