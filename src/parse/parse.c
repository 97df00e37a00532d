/* SPDX-License-Identifier: MIT */
/*
 * parse.c - read one plan file, validate it against the RelaxNG schema and
 * build the model (parse_build.c). A valid plan is read in one pass,
 * a part at a time (parse_stream.c); a faulty one is then parsed again
 * as a whole tree here, to say exactly what is wrong and where.
 *
 * Safety: libxml2 runs with XML_PARSE_NONET and without entity
 * substitution, DTD loading or XInclude; a <!DOCTYPE> is refused before
 * libxml2 sees the bytes (parse_scan.c), and files over PP_PARSE_MAX_MIB
 * are refused unread. Every libxml2 and RelaxNG message enters pp_diag
 * through a structured error handler, at file:line:col. Columns come from
 * our own scan of the start tags (libxml2 trees keep only lines); when a
 * column is not known it stays 0 and is not printed.
 */
#define _POSIX_C_SOURCE 200809L /* fileno, fstat, fdopen, O_CLOEXEC */
#include "planpress/parse.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "alloc.h"
#include "parse_int.h"

extern const unsigned char pp_schema_plan_rng[];
extern const size_t pp_schema_plan_rng_len;

#define PLAN_NS "urn:planpress:plan:1"

/* More messages than this from one file are noise: the first ones matter. */
#define MAX_XML_ERRORS 50

struct error_sink {
	struct pp_diags *diags;
	const struct pp_scan *scan; /* NULL until the tree has columns */
	const char *file;
	unsigned n;
	unsigned last_line;
	char *last_text;
	unsigned syntax_seen;
	const char *data; /* the text libxml2 reads, for the words around a fault */
	size_t len;
};

#if LIBXML_VERSION >= 21200
#define PP_XML_ERROR const xmlError
#else
#define PP_XML_ERROR xmlError
#endif

static void on_xml_error(void *ctx, PP_XML_ERROR *err)
{
	struct error_sink *sink = ctx;
	if (!err || err->level == XML_ERR_WARNING || err->level == XML_ERR_NONE)
		return;
	if (sink->n >= MAX_XML_ERRORS)
		return;
	int schema = err->domain == XML_FROM_RELAXNGV || err->domain == XML_FROM_RELAXNGP;
	if (!schema) {
		/* After the first, libxml2 mostly sees the same fault again from further on. */
		if (sink->syntax_seen++ == 0)
			pp_xml_syntax_diag(sink->diags, sink->file, err, sink->data, sink->len);
		sink->n++;
		return;
	}
	struct pp_loc loc = {sink->file, err->line > 0 ? (unsigned)err->line : 0, 0};
	const xmlNode *node = err->node;
	if (node && !loc.line)
		loc.line = (unsigned)xmlGetLineNo(node);
	loc.col = pp_parse_node_col(sink->scan, node);
	char *text = pp_xml_tidy_message(err->message);
	/* RelaxNG repeats itself for one fault; one line per place is enough. */
	if (sink->last_text && sink->last_line == loc.line && !strcmp(sink->last_text, text)) {
		free(text);
		return;
	}
	pp_diagf(sink->diags, PP_MSG_SCHEMA, &loc, text);
	sink->n++;
	free(sink->last_text);
	sink->last_text = text;
	sink->last_line = loc.line;
}

/*
 * The root element must be `want` in namespace `ns`. A plan given where a
 * template belongs, or the reverse, and a missing or mistyped xmlns are the
 * usual faults, so each is said in its own words.
 */
int pp_parse_check_root(const xmlNode *root, const char *want, const char *ns, const char *file,
			const struct pp_scan *scan, struct pp_diags *diags)
{
	struct pp_loc loc = {file, (unsigned)xmlGetLineNo(root), pp_parse_node_col(scan, root)};
	const char *got = (const char *)root->name;
	if (strcmp(got, want) != 0) {
		int plan_wanted = strcmp(want, "plan") == 0;
		if (plan_wanted && strcmp(got, "template") == 0)
			pp_diagf(diags, PP_MSG_XML_TEMPLATE_AS_PLAN, &loc);
		else
			pp_diagf(diags, plan_wanted ? PP_MSG_XML_NOT_PLAN : PP_MSG_TEMPLATE_NOT_TEMPLATE,
				 &loc, got);
		return -1;
	}
	if (!root->ns || !root->ns->href || !*root->ns->href) {
		pp_diagf(diags, PP_MSG_XML_NO_NAMESPACE, &loc, want, want, ns);
		return -1;
	}
	if (strcmp((const char *)root->ns->href, ns) != 0) {
		pp_diagf(diags, PP_MSG_XML_WRONG_NAMESPACE, &loc, want, (const char *)root->ns->href,
			 want, ns);
		return -1;
	}
	return 0;
}

/* The schema is parsed once and kept for the life of the process. */
static xmlRelaxNGPtr load_schema(struct pp_diags *diags)
{
	static xmlRelaxNGPtr schema;
	if (schema)
		return schema;
	const char *override = getenv("PLANPRESS_SCHEMA");
	xmlRelaxNGParserCtxtPtr pctx;
	if (override && *override)
		pctx = xmlRelaxNGNewParserCtxt(override);
	else
		pctx = xmlRelaxNGNewMemParserCtxt((const char *)pp_schema_plan_rng,
						  (int)pp_schema_plan_rng_len);
	struct error_sink sink = {.diags = diags};
	xmlSetStructuredErrorFunc(&sink, on_xml_error);
	xmlRelaxNGSetParserStructuredErrors(pctx, on_xml_error, &sink);
	size_t before = diags->n_errors;
	schema = xmlRelaxNGParse(pctx);
	xmlRelaxNGFreeParserCtxt(pctx);
	xmlSetStructuredErrorFunc(NULL, NULL);
	free(sink.last_text);
	if (!schema || diags->n_errors != before) {
		pp_diagf(diags, PP_MSG_SCHEMA_LOAD, NULL,
			 override && *override ? override : "(built in)");
		if (schema)
			xmlRelaxNGFree(schema);
		schema = NULL;
	}
	return schema;
}

static int only_space(const char *s, size_t len)
{
	size_t i = 0;
	if (len >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
	    (unsigned char)s[2] == 0xBF)
		i = 3;
	for (; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return 0;
	return 1;
}

/*
 * A valid plan is read in one pass (parse_stream.c) without ever holding
 * its whole tree; when that pass meets any fault, or `stream` is 0, the
 * text is parsed as a whole tree, which says exactly what is wrong and
 * where.
 */
static struct pp_doc *parse_memory(const char *data, size_t len, const char *name,
				   struct pp_diags *diags, int stream)
{
	struct pp_loc file_loc = {name, 1, 1}; /* the file as a whole */
	struct pp_doc *result = NULL;
	char *converted_buf = NULL;
	size_t converted_len = 0;
	int converted = 0;
	xmlDocPtr xdoc = NULL;
	struct pp_scan scan = {0};
	struct error_sink sink = {.diags = diags, .file = name};
	size_t errors_before = diags->n_errors;

	if (len > (size_t)PP_PARSE_MAX_MIB * 1024 * 1024) {
		/* Say where the file passes the limit: usually inside what made it huge. */
		struct pp_text_pos at = pp_scan_pos_at(data, (size_t)PP_PARSE_MAX_MIB * 1024 * 1024);
		struct pp_loc loc = {name, at.line, at.col};
		pp_diagf(diags, PP_MSG_XML_TOO_BIG, &loc, PP_PARSE_MAX_MIB);
		goto out;
	}
	if (len == 0) {
		pp_diagf(diags, PP_MSG_XML_EMPTY, &file_loc);
		goto out;
	}
	if (pp_scan_prepare(data, len, name, diags, &converted_buf, &converted_len, &converted))
		goto out;
	if (converted) {
		data = converted_buf;
		len = converted_len;
	}
	if (only_space(data, len)) {
		pp_diagf(diags, PP_MSG_XML_EMPTY, &file_loc);
		goto out;
	}
	if (pp_scan_limits(data, len, name, diags, &scan) != 0)
		goto out;

	if (stream) {
		xmlRelaxNGPtr schema = load_schema(diags);
		if (!schema)
			goto out;
		result = pp_parse_stream(data, len, name, converted, schema, &scan);
		if (result)
			goto out;
	}

	sink.data = data;
	sink.len = len;
	xmlSetStructuredErrorFunc(&sink, on_xml_error);
	/*
	 * NONET: never fetch anything. No NOENT (entities stay references),
	 * no DTDLOAD/DTDATTR/XINCLUDE. BIG_LINES: real line numbers past 65535.
	 * NOCDATA: CDATA sections are plain text to us.
	 */
	xdoc = xmlReadMemory(data, (int)len, name, converted ? "UTF-8" : NULL,
			     XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA);
	if (!xdoc || diags->n_errors != errors_before)
		goto out;
	if (xdoc->intSubset || xdoc->extSubset) {
		pp_diagf(diags, PP_MSG_XML_DOCTYPE, &file_loc);
		goto out;
	}

	xmlNode *root = xmlDocGetRootElement(xdoc);
	if (!root) {
		pp_diagf(diags, PP_MSG_XML_EMPTY, &file_loc);
		goto out;
	}
	pp_scan_assign_columns(root, &scan, 0);
	sink.scan = &scan;
	if (pp_parse_check_root(root, "plan", PLAN_NS, name, &scan, diags) != 0)
		goto out;

	xmlRelaxNGPtr schema = load_schema(diags);
	if (!schema)
		goto out;
	xmlSetStructuredErrorFunc(&sink, on_xml_error);
	if (pp_parse_validate(xdoc, schema, &scan, name, diags) != 0 ||
	    diags->n_errors != errors_before)
		goto out;

	result = pp_parse_build(xdoc, name, &scan, data, len);
out:
	xmlSetStructuredErrorFunc(NULL, NULL);
	free(sink.last_text);
	pp_scan_fini(&scan);
	if (xdoc)
		xmlFreeDoc(xdoc);
	free(converted_buf);
	return result;
}

struct pp_doc *pp_parse_memory(const char *data, size_t len, const char *name,
			       struct pp_diags *diags)
{
	return parse_memory(data, len, name, diags, 1);
}

struct pp_doc *pp_parse_memory_tree(const char *data, size_t len, const char *name,
				    struct pp_diags *diags)
{
	return parse_memory(data, len, name, diags, 0);
}

struct pp_doc *pp_parse_file(const char *path, struct pp_diags *diags)
{
	struct pp_doc *doc = NULL;
	char *buf = NULL;
	FILE *f = NULL;
	struct stat st;
	/*
	 * Opened without waiting: a named pipe nobody writes then reads as
	 * empty (an error) instead of hanging the run; a pipe with a writer,
	 * such as `planpress <(...)`, is read whole once O_NONBLOCK is off.
	 */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		goto io_error;
	int flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0 || !(f = fdopen(fd, "rb"))) {
		int saved = errno;
		close(fd);
		errno = saved;
		goto io_error;
	}
	if (fstat(fileno(f), &st) != 0)
		goto io_error;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		goto io_error;
	}
	/* Read at most one byte past the limit, so a huge file is refused unread. */
	size_t limit = (size_t)PP_PARSE_MAX_MIB * 1024 * 1024 + 1;
	size_t cap = st.st_size > 0 && (size_t)st.st_size < limit ? (size_t)st.st_size + 1 : 65536;
	size_t n = 0;
	buf = pp_xmalloc(cap);
	for (;;) {
		if (n == cap)
			buf = pp_xrealloc(buf, cap *= 2);
		size_t want = cap - n;
		if (n + want > limit)
			want = limit - n;
		size_t got = fread(buf + n, 1, want, f);
		n += got;
		if (got < want || n >= limit)
			break;
	}
	if (ferror(f))
		goto io_error;
	fclose(f);
	f = NULL;
	doc = pp_parse_memory(buf, n, path, diags);
	free(buf);
	return doc;

io_error:
	pp_diagf(diags, PP_MSG_IO_READ, NULL, path, pp_errno_text(errno));
	if (f)
		fclose(f);
	free(buf);
	return NULL;
}
