/* SPDX-License-Identifier: MIT */
/*
 * parse_template.c - template files (urn:planpress:template:1) into a
 * struct pp_style: find, read, validate against schema/template.rng, follow
 * `extends` down to the built-in default, apply each file's settings over
 * its base, then refuse unreadable colour pairs.
 *
 * Safety is the plan parser's: pp_scan_prepare refuses DOCTYPEs, NULs and
 * bad UTF-8 before libxml2 sees the bytes; libxml2 runs with NONET and no
 * entity substitution. Every message is in compiler form at file:line:col.
 * Invariant: a style returned here has passed every contrast check, and
 * owns every string it points to (pp_template_free releases them).
 */
#define _XOPEN_SOURCE 700 /* realpath, O_NOFOLLOW, O_CLOEXEC */
#include "planpress/template.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
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
#include "planpress/parse.h"

extern const unsigned char pp_schema_template_rng[];
extern const size_t pp_schema_template_rng_len;
extern const unsigned char pp_template_default_xml[];
extern const size_t pp_template_default_xml_len;

#define TPL_NS "urn:planpress:template:1"
#define BUILTIN_FILE "default.xml (built in)"
#define MAX_CHAIN 16		 /* templates extending templates: deeper is a mistake */
#define MAX_TEMPLATE_BYTES 1048576 /* a template is a page of settings */

#ifndef PP_TEMPLATES_DIR
#define PP_TEMPLATES_DIR "templates"
#endif

#if LIBXML_VERSION >= 21200
#define PP_XML_ERROR const xmlError
#else
#define PP_XML_ERROR xmlError
#endif

/* The style and the strings it owns; pp_template_free takes the style back. */
struct owned_style {
	struct pp_style style; /* first: a struct pp_style * is this struct's address */
	char **strs;
	size_t n_strs, cap_strs;
	struct pp_scale *scales; /* style.scales, owned */
	size_t n_scales;
};

struct named_colour {
	char *name;
	struct pp_rgb rgb;
};

/* Where a colour field was last set, for messages about it. */
struct setting {
	const void *field;
	struct pp_loc loc;
};

struct loader {
	struct owned_style *o;
	struct pp_diags *diags;
	struct pp_template_deps *deps;
	const char *plan_dir;
	struct named_colour *palette;
	size_t n_pal, cap_pal;
	struct setting *set;
	size_t n_set, cap_set;
	const char *chain[MAX_CHAIN]; /* canonical names of the files being loaded */
	size_t depth;
	const char *top; /* the file asked for (as printed), not one it extends */
};

/* One file being applied. */
struct source {
	const char *file; /* as printed, interned */
	const char *dir;  /* its folder, for extends and logo files */
	const char *id;   /* canonical: realpath, or BUILTIN_FILE */
	const struct pp_scan *scan;
};

/* ---------- small helpers ------------------------------------------------- */

/*
 * File names in messages must outlive the loaded style (diags keep
 * borrowed locations), so they are interned for the life of the process.
 */
static const char *intern(const char *s)
{
	static char **names;
	static size_t n, cap;
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return names[i];
	PP_GROW(names, n + 1, cap);
	names[n] = pp_xstrdup(s);
	return names[n++];
}

static const char *keep(struct loader *L, const char *s)
{
	struct owned_style *o = L->o;
	PP_GROW(o->strs, o->n_strs + 1, o->cap_strs);
	o->strs[o->n_strs] = pp_xstrdup(s);
	return o->strs[o->n_strs++];
}

/* The style takes `p` (malloc'd) and frees it with its strings. */
static const unsigned char *keep_bytes(struct loader *L, unsigned char *p)
{
	struct owned_style *o = L->o;
	PP_GROW(o->strs, o->n_strs + 1, o->cap_strs);
	o->strs[o->n_strs++] = (char *)p;
	return p;
}

static void add_dep(struct pp_template_deps *deps, const char *file)
{
	if (!deps)
		return;
	for (size_t i = 0; i < deps->n; i++)
		if (strcmp(deps->files[i], file) == 0)
			return;
	PP_GROW(deps->files, deps->n + 1, deps->cap);
	deps->files[deps->n++] = pp_xstrdup(file);
}

void pp_template_deps_fini(struct pp_template_deps *deps)
{
	if (!deps)
		return;
	for (size_t i = 0; i < deps->n; i++)
		free(deps->files[i]);
	free(deps->files);
	deps->files = NULL;
	deps->n = deps->cap = 0;
}

void pp_template_free(struct pp_style *style)
{
	if (!style)
		return;
	struct owned_style *o = (struct owned_style *)style;
	pp_scales_free(o->scales, o->n_scales);
	for (size_t i = 0; i < o->n_strs; i++)
		free(o->strs[i]);
	free(o->strs);
	free(o);
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return pp_xstrdup(".");
	if (slash == path)
		return pp_xstrdup("/");
	return pp_xasprintf("%.*s", (int)(slash - path), path);
}

static char *join(const char *dir, const char *name)
{
	if (name[0] == '/' || !dir || !*dir)
		return pp_xstrdup(name);
	if (strcmp(dir, ".") == 0)
		return pp_xstrdup(name);
	return pp_xasprintf("%s/%s", dir, name);
}

static int is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Why `path`, named as a template file, cannot be one (is_file is 0):
 * a folder or a named pipe there is not "no such file". */
static const char *not_file_why(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return "no such template file";
	if (S_ISDIR(st.st_mode))
		return "it is a folder, not a template file";
	if (S_ISFIFO(st.st_mode))
		return "it is a named pipe, not a template file";
	return "it is not a regular file";
}

static char *lower_errno(void)
{
	return pp_xstrdup(pp_errno_text(errno));
}

static struct pp_loc node_loc(const struct source *src, const xmlNode *n)
{
	return (struct pp_loc){ src->file, (unsigned)xmlGetLineNo(n),
				pp_parse_node_col(src->scan, n) };
}

/* ---------- WCAG contrast ------------------------------------------------- */

static double luminance(struct pp_rgb c)
{
	return pp_luminance(c.r, c.g, c.b);
}

double pp_contrast_ratio(struct pp_rgb a, struct pp_rgb b)
{
	double la = luminance(a), lb = luminance(b);
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* ---------- values -------------------------------------------------------- */

static void note_set(struct loader *L, const void *field, struct pp_loc loc)
{
	for (size_t i = 0; i < L->n_set; i++)
		if (L->set[i].field == field) {
			L->set[i].loc = loc;
			return;
		}
	PP_GROW(L->set, L->n_set + 1, L->cap_set);
	L->set[L->n_set++] = (struct setting){ field, loc };
}

static const struct pp_loc *where_set(const struct loader *L, const void *field)
{
	for (size_t i = 0; i < L->n_set; i++)
		if (L->set[i].field == field)
			return &L->set[i].loc;
	return NULL;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* "#rrggbb" or "#rgb" into `out`; 0 on success. */
static int parse_hex(const char *s, struct pp_rgb *out)
{
	size_t n = strlen(s);
	int v[6];
	if (s[0] != '#' || (n != 7 && n != 4))
		return -1;
	for (size_t i = 1; i < n; i++)
		if ((v[i - 1] = hexval((unsigned char)s[i])) < 0)
			return -1;
	if (n == 4) {
		out->r = (double)(v[0] * 17) / 255.0;
		out->g = (double)(v[1] * 17) / 255.0;
		out->b = (double)(v[2] * 17) / 255.0;
	} else {
		out->r = (double)(v[0] * 16 + v[1]) / 255.0;
		out->g = (double)(v[2] * 16 + v[3]) / 255.0;
		out->b = (double)(v[4] * 16 + v[5]) / 255.0;
	}
	return 0;
}

static int lookup_colour(const struct loader *L, const char *s, struct pp_rgb *out)
{
	if (s[0] == '#')
		return parse_hex(s, out);
	/* the latest definition wins: a template may redefine its base's names */
	for (size_t i = L->n_pal; i-- > 0;)
		if (strcmp(L->palette[i].name, s) == 0) {
			*out = L->palette[i].rgb;
			return 0;
		}
	return -1;
}

/* The attribute's value, or NULL when absent; caller frees with xmlFree. */
static char *attr(const xmlNode *n, const char *name)
{
	return (char *)xmlGetNoNsProp(n, (const xmlChar *)name);
}

/* Set *dst from colour attribute `name` of `n` when present; 0 or -1. */
static int get_colour(struct loader *L, const struct source *src, const xmlNode *n,
		      const char *name, struct pp_rgb *dst)
{
	char *v = attr(n, name);
	if (!v)
		return 0;
	struct pp_loc loc = node_loc(src, n);
	int rc = 0;
	struct pp_rgb c;
	if (lookup_colour(L, v, &c) != 0) {
		char *what = pp_xasprintf("colour %s=", name);
		if (v[0] == '#')
			pp_diagf(L->diags, PP_MSG_TEMPLATE_BAD_VALUE, &loc, what, v,
				 "#rrggbb or #rgb");
		else
			pp_diagf(L->diags, PP_MSG_TEMPLATE_UNKNOWN_NAME, &loc, what, v,
				 "#rrggbb, #rgb or a colour named in <palette>");
		free(what);
		rc = -1;
	} else {
		*dst = c;
		note_set(L, dst, loc);
	}
	xmlFree(v);
	return rc;
}

/* A length in points: "12", "12pt" or "4.5mm", from lo to hi points. */
static int get_length(struct loader *L, const struct source *src, const xmlNode *n,
		      const char *name, double lo, double hi, double *dst)
{
	char *v = attr(n, name);
	if (!v)
		return 0;
	char *end;
	errno = 0;
	double x = strtod(v, &end);
	int ok = end != v && errno == 0 && isfinite(x);
	if (ok && strcmp(end, "mm") == 0)
		x = x * 72.0 / 25.4;
	else if (ok && *end && strcmp(end, "pt") != 0)
		ok = 0;
	if (ok && (x < lo || x > hi))
		ok = 0;
	int rc = 0;
	if (!ok) {
		struct pp_loc loc = node_loc(src, n);
		char *what = pp_xasprintf("%s=", name);
		char *expect = pp_xasprintf("a length from %g to %g points, as 12, 12pt or 4mm",
					    lo, hi);
		pp_diagf(L->diags, PP_MSG_TEMPLATE_BAD_VALUE, &loc, what, v, expect);
		free(expect);
		free(what);
		rc = -1;
	} else {
		*dst = x;
	}
	xmlFree(v);
	return rc;
}

/* A plain number from lo to hi (fractions, levels). */
static int get_number(struct loader *L, const struct source *src, const xmlNode *n,
		      const char *name, double lo, double hi, double *dst)
{
	char *v = attr(n, name);
	if (!v)
		return 0;
	char *end;
	errno = 0;
	double x = strtod(v, &end);
	int rc = 0;
	if (end == v || *end || errno || !isfinite(x) || x < lo || x > hi) {
		struct pp_loc loc = node_loc(src, n);
		char *what = pp_xasprintf("%s=", name);
		char *expect = pp_xasprintf("a number from %g to %g", lo, hi);
		pp_diagf(L->diags, PP_MSG_TEMPLATE_BAD_VALUE, &loc, what, v, expect);
		free(expect);
		free(what);
		rc = -1;
	} else {
		*dst = x;
	}
	xmlFree(v);
	return rc;
}

/* One of `words` (NULL-terminated): its index into *dst. */
static int get_word(struct loader *L, const struct source *src, const xmlNode *n,
		    const char *name, const char *const *words, const char *expect, int *dst)
{
	char *v = attr(n, name);
	if (!v)
		return 0;
	for (int i = 0; words[i]; i++)
		if (strcmp(v, words[i]) == 0) {
			*dst = i;
			xmlFree(v);
			return 0;
		}
	struct pp_loc loc = node_loc(src, n);
	char *what = pp_xasprintf("%s", name);
	pp_diagf(L->diags, PP_MSG_TEMPLATE_UNKNOWN_NAME, &loc, what, v, expect);
	free(what);
	xmlFree(v);
	return -1;
}

static void get_string(struct loader *L, const xmlNode *n, const char *name, const char **dst)
{
	char *v = attr(n, name);
	if (!v)
		return;
	*dst = keep(L, v);
	xmlFree(v);
}

/* ---------- the elements ---------------------------------------------------- */

static int is_el(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static void apply_palette(struct loader *L, const struct source *src, const xmlNode *pal)
{
	for (const xmlNode *c = pal->children; c; c = c->next) {
		if (!is_el(c, "colour"))
			continue;
		char *name = attr(c, "name"), *value = attr(c, "value");
		struct pp_rgb rgb;
		struct pp_loc loc = node_loc(src, c);
		if (!name || !value)
			; /* the schema has said so */
		else if (parse_hex(value, &rgb) != 0)
			pp_diagf(L->diags, PP_MSG_TEMPLATE_BAD_VALUE, &loc, "palette colour", value,
				 "#rrggbb or #rgb");
		else {
			PP_GROW(L->palette, L->n_pal + 1, L->cap_pal);
			L->palette[L->n_pal].name = pp_xstrdup(name);
			L->palette[L->n_pal++].rgb = rgb;
		}
		xmlFree(name);
		xmlFree(value);
	}
}

static const char *const sizes[] = { "A4", "A3", "A2", "A1", NULL };

static void apply_page(struct loader *L, const struct source *src, const xmlNode *n)
{
	struct pp_style *s = &L->o->style;
	int size = -1;
	if (get_word(L, src, n, "size", sizes, "A4, A3, A2 or A1", &size) != 0)
		return;
	get_length(L, src, n, "header-gap", 0, 200, &s->header_gap);
	get_length(L, src, n, "footer-gap", 0, 200, &s->footer_gap);
	static const char *const m[4] = { "margin-top", "margin-right", "margin-bottom",
					  "margin-left" };
	if (size < 0) {
		double *dst[4] = { &s->margin_top, &s->margin_right, &s->margin_bottom,
				   &s->margin_left };
		for (int i = 0; i < 4; i++)
			get_length(L, src, n, m[i], 0, 400, dst[i]);
		s->page_loc = node_loc(src, n);
		return;
	}
	/* A size of its own starts from the general margins. */
	if (!s->page_margin_set[size]) {
		s->page_margin[size][0] = s->margin_top;
		s->page_margin[size][1] = s->margin_right;
		s->page_margin[size][2] = s->margin_bottom;
		s->page_margin[size][3] = s->margin_left;
	}
	for (int i = 0; i < 4; i++)
		get_length(L, src, n, m[i], 0, 400, &s->page_margin[size][i]);
	s->page_margin_set[size] = 1;
	s->page_size_loc[size] = node_loc(src, n);
}

static const char *const role_names[] = {
	"body",		    "h1",	      "h2",	       "h3",
	"h4",		    "h5",	      "h6",	       "table-text",
	"table-header",	    "running",	      "continued",     "cover-organisation",
	"cover-title",	    "cover-subtitle", "cover-period",  "cover-strapline",
	"cover-meta",	    "cover-byline",   NULL,
};

static struct pp_text_style *role_style(struct pp_style *s, int i)
{
	struct pp_text_style *v[] = {
		&s->body,	     &s->h[0],		 &s->h[1],	       &s->h[2],
		&s->h[3],	     &s->h[4],		 &s->h[5],	       &s->table_text,
		&s->table_header,    &s->running,	 &s->continued,	       &s->cover.organisation,
		&s->cover.title,     &s->cover.subtitle, &s->cover.period,     &s->cover.strapline,
		&s->cover.meta,	     &s->cover.byline,
	};
	return v[i];
}

static void apply_text(struct loader *L, const struct source *src, const xmlNode *n)
{
	int role = -1;
	if (get_word(L, src, n, "role", role_names,
		     "body, h1 to h6, table-text, table-header, running, continued or "
		     "cover-organisation, -title, -subtitle, -period, -strapline, -meta, -byline",
		     &role) != 0 ||
	    role < 0)
		return;
	struct pp_text_style *t = role_style(&L->o->style, role);
	static const char *const weights[] = { "normal", "bold", NULL };
	static const char *const styles[] = { "normal", "italic", NULL };
	get_length(L, src, n, "size", 4, 96, &t->size);
	get_word(L, src, n, "weight", weights, "normal or bold", &t->bold);
	get_word(L, src, n, "style", styles, "normal or italic", &t->italic);
	get_colour(L, src, n, "colour", &t->colour);
}

static void apply_bullets(struct loader *L, const struct source *src, const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (!is_el(c, "bullet"))
			continue;
		double level = 0;
		if (get_number(L, src, c, "level", 1, 3, &level) != 0)
			continue;
		if (level != floor(level)) {
			struct pp_loc loc = node_loc(src, c);
			char *v = attr(c, "level");
			pp_diagf(L->diags, PP_MSG_TEMPLATE_BAD_VALUE, &loc, "level=", v, "1, 2 or 3");
			xmlFree(v);
			continue;
		}
		get_string(L, c, "marker", &L->o->style.bullets[(int)level - 1]);
	}
}

static const char *const yes_no[] = { "no", "yes", NULL };

static void apply_table(struct loader *L, const struct source *src, const xmlNode *n)
{
	struct pp_style *s = &L->o->style;
	get_colour(L, src, n, "header-fill", &s->table_header_fill);
	get_colour(L, src, n, "rule", &s->table_rule);
	get_length(L, src, n, "rule-width", 0, 10, &s->table_rule_width);
	get_colour(L, src, n, "group-fill", &s->table_group_fill);
	get_word(L, src, n, "zebra", yes_no, "yes or no", &s->table_zebra);
	get_colour(L, src, n, "zebra-fill", &s->table_zebra_fill);
}

static const char *const rag_names[] = { "none", "GREEN", "AMBER/GREEN", "AMBER",
					 "RED",	 "COMPLETE", "N/A",	    NULL };

static void apply_rag(struct loader *L, const struct source *src, const xmlNode *n)
{
	int r = -1;
	if (get_word(L, src, n, "rating", rag_names,
		     "GREEN, AMBER/GREEN, AMBER, RED, COMPLETE, N/A or none", &r) != 0 ||
	    r < 0)
		return;
	struct pp_rag_style *rs = &L->o->style.rag[r];
	get_colour(L, src, n, "fill", &rs->fill);
	get_colour(L, src, n, "text", &rs->text);
	char *outline = attr(n, "outline");
	if (outline && strcmp(outline, "none") == 0)
		rs->has_outline = 0;
	else if (outline && get_colour(L, src, n, "outline", &rs->outline) == 0)
		rs->has_outline = 1;
	xmlFree(outline);
	char *label = attr(n, "label");
	if (label && !*label && r != PP_RAG_NONE) {
		/* colour must never be the only signal: a rating always has its word */
		struct pp_loc loc = node_loc(src, n);
		pp_diagf(L->diags, PP_MSG_TEMPLATE_BAD_VALUE, &loc, "label", label,
			 "a word printed in the cell, never empty");
	} else if (label) {
		rs->label = keep(L, label);
	}
	xmlFree(label);
}

/* Is the resolved path `real` inside folder `dir` (resolved here too)? */
static int inside_dir(const char *real, const char *dir)
{
	char *rdir = realpath(dir && *dir ? dir : ".", NULL);
	if (!rdir)
		return 0;
	size_t n = strlen(rdir);
	int in = strncmp(real, rdir, n) == 0 && (real[n] == '/' || (n == 1 && rdir[0] == '/'));
	free(rdir);
	return in;
}

/*
 * A file name with a control character (a line break, a tab, ESC) is
 * refused where it is written: it could forge a line of --list-deps, which
 * `make reports` reads one name a line, or of a message.
 */
static int has_control(const char *name)
{
	for (const unsigned char *c = (const unsigned char *)name; *c; c++)
		if (*c < 0x20 || *c == 0x7f)
			return 1;
	return 0;
}

/*
 * The logo file's bytes, read once and vetted before any decoder sees them
 * (parse_image.c): a logo too large to draw in bounded time and memory,
 * or one that reaches outside itself, is left out with a warning at its
 * <logo>, and the cover shows the organisation's name without it.
 */
static void load_logo(struct loader *L, const struct pp_loc *loc, const char *path,
		      const char *real)
{
	struct pp_cover_style *cv = &L->o->style.cover;
	cv->logo = NULL;
	cv->logo_data = NULL;
	cv->logo_len = 0;
	FILE *f = fopen(real, "rb");
	struct stat st;
	if (!f || fstat(fileno(f), &st) != 0) {
		char *why = lower_errno();
		pp_diagf(L->diags, PP_MSG_TEMPLATE_IMAGE, loc, path, why);
		free(why);
		if (f)
			fclose(f);
		return;
	}
	/* The size is checked before reading; what is read (the file may be
	 * growing) is what is vetted and later drawn, the file is not opened again. */
	char *why = NULL;
	enum pp_image_verdict v = PP_IMAGE_REFUSED;
	unsigned char *data = NULL;
	size_t len = 0;
	if (st.st_size > (off_t)PP_IMAGE_MAX_BYTES) {
		why = pp_xasprintf("it is larger than %u MiB", PP_IMAGE_MAX_BYTES >> 20);
	} else {
		size_t cap = (size_t)st.st_size + 4096;
		if (cap > PP_IMAGE_MAX_BYTES + 1u)
			cap = PP_IMAGE_MAX_BYTES + 1u;
		data = pp_xmalloc(cap);
		len = fread(data, 1, cap, f);
		if (ferror(f)) {
			why = lower_errno();
			v = PP_IMAGE_UNREADABLE;
		} else {
			const char *dot = strrchr(real, '.');
			int svg = dot && (strcmp(dot, ".svg") == 0 || strcmp(dot, ".SVG") == 0);
			v = pp_parse_image_vet(data, len, svg, &why);
		}
	}
	fclose(f);
	if (v == PP_IMAGE_OK) {
		cv->logo = keep(L, real);
		cv->logo_data = keep_bytes(L, data);
		cv->logo_len = len;
		cv->logo_name = keep(L, path);
		cv->logo_loc = *loc;
		return;
	}
	pp_diagf(L->diags, v == PP_IMAGE_REFUSED ? PP_MSG_IMAGE_REFUSED : PP_MSG_TEMPLATE_IMAGE,
		 loc, path, why);
	free(why);
	free(data);
}

static void apply_logo(struct loader *L, const struct source *src, const xmlNode *n)
{
	struct pp_cover_style *cv = &L->o->style.cover;
	get_length(L, src, n, "x", 0, 5000, &cv->logo_x);
	get_length(L, src, n, "y", 0, 5000, &cv->logo_y);
	get_length(L, src, n, "width", 1, 5000, &cv->logo_w);
	get_length(L, src, n, "height", 1, 5000, &cv->logo_h);
	char *file = attr(n, "file");
	if (!file)
		return;
	struct pp_loc loc = node_loc(src, n);
	const char *dot = strrchr(file, '.');
	if (has_control(file)) {
		pp_diagf(L->diags, PP_MSG_TEMPLATE_BAD_VALUE, &loc, "logo file", file,
			 "a file name without line breaks or other control characters");
		xmlFree(file);
		return;
	}
	if (!dot || (strcmp(dot, ".png") != 0 && strcmp(dot, ".svg") != 0 &&
		     strcmp(dot, ".PNG") != 0 && strcmp(dot, ".SVG") != 0)) {
		pp_diagf(L->diags, PP_MSG_TEMPLATE_BAD_VALUE, &loc, "logo file", file,
			 "a .png or .svg file");
		xmlFree(file);
		return;
	}
	char *path = join(src->dir, file);
	char *real = realpath(path, NULL);
	if (real && !inside_dir(real, src->dir)) {
		/* A template travels with its images; it never reaches elsewhere. */
		pp_diagf(L->diags, PP_MSG_TEMPLATE_IMAGE, &loc, path,
			 "it is outside the template's folder");
		cv->logo = NULL;
		cv->logo_data = NULL;
	} else if (!real || !is_file(real)) {
		char *why = real ? pp_xstrdup("not a regular file") : lower_errno();
		pp_diagf(L->diags, PP_MSG_TEMPLATE_IMAGE, &loc, path, why);
		free(why);
		cv->logo = NULL;
		cv->logo_data = NULL;
	} else {
		add_dep(L->deps, real);
		load_logo(L, &loc, path, real);
	}
	free(real);
	free(path);
	xmlFree(file);
}

static void apply_cover(struct loader *L, const struct source *src, const xmlNode *n)
{
	struct pp_cover_style *cv = &L->o->style.cover;
	static const char *const aligns[] = { "left", "centre", NULL };
	get_colour(L, src, n, "fill", &cv->fill);
	get_colour(L, src, n, "band-fill", &cv->band_fill);
	get_length(L, src, n, "band-height", 0, 2000, &cv->band_height);
	get_number(L, src, n, "text-top", 0, 0.9, &cv->text_top);
	get_word(L, src, n, "align", aligns, "left or centre", &cv->centred);
	for (const xmlNode *c = n->children; c; c = c->next)
		if (is_el(c, "logo"))
			apply_logo(L, src, c);
}

/*
 * <fonts family="A, B, C">: fontconfig's matching grows with the square of
 * the list (20,000 families took 15 s to lay out one page), and a house
 * style names two or three, so a list of more than FONT_FAMILIES_MAX is
 * refused.
 */
#define FONT_FAMILIES_MAX 64u

static void apply_fonts(struct loader *L, const struct source *src, const xmlNode *n)
{
	char *v = attr(n, "family");
	if (!v)
		return;
	unsigned families = 1;
	for (const char *p = v; *p && families <= FONT_FAMILIES_MAX; p++)
		families += *p == ',';
	if (families > FONT_FAMILIES_MAX) {
		struct pp_loc loc = node_loc(src, n);
		pp_diagf(L->diags, PP_MSG_TEMPLATE_FONTS, &loc, FONT_FAMILIES_MAX);
	} else {
		L->o->style.font_family = keep(L, v);
	}
	xmlFree(v);
}

static void apply_running(struct loader *L, const struct source *src, const xmlNode *n)
{
	get_string(L, n, "header", &L->o->style.running_header);
	get_string(L, n, "footer", &L->o->style.running_footer);
	L->o->style.running_loc = node_loc(src, n);
}

/* <head level="1..3"> and <tier level="1..5">: an index, or -1 (reported). */
static int get_level(struct loader *L, const struct source *src, const xmlNode *n, int max)
{
	double level = 0;
	if (get_number(L, src, n, "level", 1, max, &level) != 0)
		return -1;
	if (level != floor(level) || level < 1) {
		struct pp_loc loc = node_loc(src, n);
		char *v = attr(n, "level");
		char *expect = pp_xasprintf("a whole number from 1 to %d", max);
		pp_diagf(L->diags, PP_MSG_TEMPLATE_BAD_VALUE, &loc, "level=", v ? v : "", expect);
		free(expect);
		xmlFree(v);
		return -1;
	}
	return (int)level - 1;
}

static void apply_matrix(struct loader *L, const struct source *src, const xmlNode *n)
{
	struct pp_style *s = &L->o->style;
	get_string(L, n, "mark", &s->mark_glyph);
	get_colour(L, src, n, "mark-colour", &s->mark_colour);
	get_colour(L, src, n, "zebra-fill", &s->matrix_zebra_fill);
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (!is_el(c, "head"))
			continue;
		int i = get_level(L, src, c, 3);
		if (i < 0)
			continue;
		get_colour(L, src, c, "fill", &s->matrix_head_fill[i]);
		get_colour(L, src, c, "text", &s->matrix_head_text[i]);
	}
}

static void apply_poster(struct loader *L, const struct source *src, const xmlNode *n)
{
	struct pp_style *s = &L->o->style;
	get_colour(L, src, n, "banner-fill", &s->poster_banner_fill);
	get_colour(L, src, n, "banner-text", &s->poster_banner_text);
	get_colour(L, src, n, "label-fill", &s->poster_label_fill);
	get_colour(L, src, n, "label-text", &s->poster_label_text);
	get_colour(L, src, n, "connector", &s->poster_connector);
	get_length(L, src, n, "text-max", 6, 72, &s->poster_text_max);
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (!is_el(c, "tier"))
			continue;
		int i = get_level(L, src, c, 5);
		if (i < 0)
			continue;
		get_colour(L, src, c, "fill", &s->poster_box_fill[i]);
		get_colour(L, src, c, "text", &s->poster_box_text[i]);
	}
}

/*
 * <chart text axis grid target> with <series colour> children: the colours
 * charts are drawn in. Any <series> given replaces the base's list, in
 * order; more than PP_CHART_COLOURS is refused.
 */
static void apply_chart(struct loader *L, const struct source *src, const xmlNode *n)
{
	struct pp_chart_style *cs = &L->o->style.chart;
	get_colour(L, src, n, "text", &cs->text);
	get_colour(L, src, n, "axis", &cs->axis);
	get_colour(L, src, n, "grid", &cs->grid);
	get_colour(L, src, n, "target", &cs->target);
	get_colour(L, src, n, "unrated", &cs->unrated);
	size_t n_series = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (!is_el(c, "series"))
			continue;
		if (n_series == PP_CHART_COLOURS) {
			struct pp_loc loc = node_loc(src, c);
			char *expect = pp_xasprintf("at most %d series colours", PP_CHART_COLOURS);
			pp_diagf(L->diags, PP_MSG_TEMPLATE_BAD_VALUE, &loc, "series", "", expect);
			free(expect);
			break;
		}
		if (get_colour(L, src, c, "colour", &cs->series[n_series]) == 0)
			n_series++;
	}
	if (n_series)
		cs->n_series = n_series;
}

/*
 * <report front-sheet="grid|box|lines" recommendations="(i)" running-on-cover="no">
 * with <field name="to" label="Report to"/> children: which front-sheet
 * fields print, in what order and under what labels (any <field> given
 * replaces the base template's list).
 */
static void apply_report(struct loader *L, const struct source *src, const xmlNode *n)
{
	struct pp_front_style *fs = &L->o->style.front;
	static const char *const layouts[] = { "grid", "box", "lines", NULL };
	int layout = (int)fs->layout;
	if (get_word(L, src, n, "front-sheet", layouts, "grid, box or lines", &layout) == 0)
		fs->layout = (enum pp_front_layout)layout;
	get_word(L, src, n, "running-on-cover", yes_no, "yes or no",
		 &L->o->style.running_on_cover);
	get_string(L, n, "signature", &fs->signature);
	char *num = attr(n, "recommendations");
	if (num && !pp_numbering_known(num)) {
		struct pp_loc loc = node_loc(src, n);
		pp_diagf(L->diags, PP_MSG_BAD_NUMBERING, &loc, num);
	} else if (num) {
		L->o->style.recommendation_numbering = keep(L, num);
	}
	xmlFree(num);
	const char *names[PP_FRONT_N + 1] = { NULL };
	for (int k = 0; k < PP_FRONT_N; k++)
		names[k] = pp_front_field_name((enum pp_front_key)k);
	int any = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (!is_el(c, "field"))
			continue;
		int key = 0;
		if (get_word(L, src, c, "name", names,
			     "to, date, title, report-of, purpose, wards, key-decision, exempt, "
			     "contact, background-papers or annexes",
			     &key) != 0)
			continue;
		if (!any)
			fs->n_fields = 0;
		any = 1;
		if (fs->n_fields == PP_FRONT_N)
			continue;
		struct pp_front_field *ff = &fs->fields[fs->n_fields++];
		ff->key = (enum pp_front_key)key;
		ff->label = NULL;
		get_string(L, c, "label", &ff->label);
	}
}

/* ---------- status scales -------------------------------------------------- */

static char *hex(struct pp_rgb c);

static char *malloc_copy(const char *s)
{
	return s ? pp_xstrdup(s) : NULL;
}

/* An attribute as a malloc'd string (NULL when absent). */
static char *attr_copy(const xmlNode *n, const char *name)
{
	char *v = attr(n, name);
	char *c = malloc_copy(v);
	xmlFree(v);
	return c;
}

/* The text of `n`, whitespace collapsed, as one span (a status's meaning). */
static void meaning_of(const xmlNode *n, struct pp_inline *out)
{
	char *t = (char *)xmlNodeGetContent(n);
	size_t k = 0;
	char *c = pp_xstrdup(t ? t : "");
	xmlFree(t);
	for (const char *p = c; *p; p++) {
		int sp = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
		if (sp && (k == 0 || c[k - 1] == ' '))
			continue;
		c[k++] = sp ? ' ' : *p;
	}
	while (k > 0 && c[k - 1] == ' ')
		k--;
	c[k] = '\0';
	if (!k) {
		free(c);
		return;
	}
	out->spans = pp_xcalloc(1, sizeof *out->spans);
	out->spans[0].text = c;
	out->n_spans = 1;
}

/*
 * One <status> of a template scale: label, symbol, meaning, and its
 * colours (#rrggbb or palette names) as "#rrggbb", the text on the fill
 * checked for contrast here, so a bad pair is refused when the template
 * loads, naming the status and both colours. Returns 0, or -1 after a
 * message.
 */
static int template_status(struct loader *L, const struct source *src, const xmlNode *n,
			   struct pp_status *st)
{
	struct pp_loc loc = node_loc(src, n);
	st->loc = loc;
	st->id = attr_copy(n, "id");
	st->label = attr_copy(n, "label");
	st->symbol = attr_copy(n, "symbol");
	st->means_text = attr_copy(n, "means");
	meaning_of(n, &st->meaning);
	int ok = 1;
	if (!st->label || !st->label[strspn(st->label, " ")]) {
		pp_diagf(L->diags, PP_MSG_TEMPLATE_BAD_VALUE, &loc, "label",
			 st->label ? st->label : "", "a word printed in the cell, never empty");
		ok = 0;
	}
	struct pp_rgb fill = { 1, 1, 1 }, text = { 0, 0, 0 };
	if (get_colour(L, src, n, "fill", &fill) != 0 || get_colour(L, src, n, "text", &text) != 0)
		return -1;
	st->fill_text = hex(fill);
	st->text_text = hex(text);
	double ratio = pp_contrast_ratio(text, fill);
	if (ratio < 4.5) {
		char *a = pp_xasprintf("status \"%s\" text", st->id ? st->id : "");
		char *b = pp_xasprintf("status \"%s\" fill", st->id ? st->id : "");
		pp_diagf(L->diags, PP_MSG_TEMPLATE_CONTRAST, &loc, a, st->text_text, b, st->fill_text,
			 floor(ratio * 100) / 100);
		free(a);
		free(b);
		ok = 0;
	}
	return ok ? 0 : -1;
}

/* <scales>: each <scale> replaces a base template's scale of its id. */
static void apply_scales(struct loader *L, const struct source *src, const xmlNode *n)
{
	struct owned_style *o = L->o;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (!is_el(c, "scale"))
			continue;
		struct pp_scale sc = { 0 };
		struct pp_loc loc = node_loc(src, c);
		sc.loc = loc;
		sc.id = attr_copy(c, "id");
		sc.name = attr_copy(c, "name");
		char *kinds = attr(c, "for");
		for (char *save = NULL, *k = kinds ? strtok_r(kinds, " \t\n", &save) : NULL; k;
		     k = strtok_r(NULL, " \t\n", &save)) {
			if (strcmp(k, "update") != 0 && strcmp(k, "line") != 0) {
				char *why = pp_xasprintf("a scale is for \"update\" or \"line\", not \"%s\"", k);
				pp_diagf(L->diags, PP_MSG_TEMPLATE_SCALE, &loc, sc.id ? sc.id : "", why);
				free(why);
				continue;
			}
			sc.for_kinds = pp_xrealloc(sc.for_kinds, (sc.n_for_kinds + 1) * sizeof *sc.for_kinds);
			sc.for_kinds[sc.n_for_kinds++] = pp_xstrdup(k);
		}
		xmlFree(kinds);
		if (sc.id && strcmp(sc.id, "rag") == 0)
			pp_diagf(L->diags, PP_MSG_TEMPLATE_SCALE, &loc, sc.id,
				 "\"rag\" is the built-in RAG scale; give this scale another id");
		for (const xmlNode *d = c->children; d; d = d->next) {
			if (!is_el(d, "status"))
				continue;
			sc.values = pp_xrealloc(sc.values, (sc.n_values + 1) * sizeof *sc.values);
			struct pp_status *st = &sc.values[sc.n_values++];
			memset(st, 0, sizeof *st);
			template_status(L, src, d, st);
			for (size_t k = 0; k + 1 < sc.n_values; k++)
				if (st->id && sc.values[k].id && strcmp(st->id, sc.values[k].id) == 0) {
					char *why = pp_xasprintf("status \"%s\" is given twice", st->id);
					pp_diagf(L->diags, PP_MSG_TEMPLATE_SCALE, &st->loc, sc.id ? sc.id : "",
						 why);
					free(why);
					break;
				}
		}
		size_t at = o->n_scales;
		for (size_t k = 0; k < o->n_scales; k++)
			if (o->scales[k].id && sc.id && strcmp(o->scales[k].id, sc.id) == 0)
				at = k;
		if (at < o->n_scales) { /* the base's scale of this id gives way */
			struct pp_scale *gone = pp_xmalloc(sizeof *gone);
			*gone = o->scales[at];
			pp_scales_free(gone, 1);
			o->scales[at] = sc;
		} else {
			o->scales = pp_xrealloc(o->scales, (o->n_scales + 1) * sizeof *o->scales);
			o->scales[o->n_scales++] = sc;
		}
	}
	o->style.scales = o->scales;
	o->style.n_scales = o->n_scales;
}

/* Every setting of one file, over what its base left in the style. */
static void apply_settings(struct loader *L, const struct source *src, const xmlNode *root)
{
	struct pp_style *s = &L->o->style;
	/* Palette first, so a colour may be used above its definition. */
	for (const xmlNode *n = root->children; n; n = n->next)
		if (is_el(n, "palette"))
			apply_palette(L, src, n);
	for (const xmlNode *n = root->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(n, "fonts"))
			apply_fonts(L, src, n);
		else if (is_el(n, "page"))
			apply_page(L, src, n);
		else if (is_el(n, "text"))
			apply_text(L, src, n);
		else if (is_el(n, "accent"))
			get_colour(L, src, n, "colour", &s->accent);
		else if (is_el(n, "spacing")) {
			get_length(L, src, n, "paragraph", 0, 100, &s->para_space);
			get_length(L, src, n, "list-indent", 0, 200, &s->list_indent);
			get_length(L, src, n, "cell-pad-x", 0, 50, &s->cell_pad_x);
			get_length(L, src, n, "cell-pad-y", 0, 50, &s->cell_pad_y);
		} else if (is_el(n, "bullets"))
			apply_bullets(L, src, n);
		else if (is_el(n, "table"))
			apply_table(L, src, n);
		else if (is_el(n, "rag"))
			apply_rag(L, src, n);
		else if (is_el(n, "scales"))
			apply_scales(L, src, n);
		else if (is_el(n, "cover"))
			apply_cover(L, src, n);
		else if (is_el(n, "running"))
			apply_running(L, src, n);
		else if (is_el(n, "matrix"))
			apply_matrix(L, src, n);
		else if (is_el(n, "poster"))
			apply_poster(L, src, n);
		else if (is_el(n, "report"))
			apply_report(L, src, n);
		else if (is_el(n, "chart"))
			apply_chart(L, src, n);
	}
}

/* ---------- contrast ---------------------------------------------------------- */

static char *hex(struct pp_rgb c)
{
	return pp_xasprintf("#%02x%02x%02x", (int)lround(c.r * 255), (int)lround(c.g * 255),
			    (int)lround(c.b * 255));
}

/* Refuse text `fg` on fill `bg` below 4.5:1, at the later of their settings. */
static void pair(struct loader *L, const char *fg_name, const struct pp_rgb *fg,
		 const char *bg_name, const struct pp_rgb *bg)
{
	double ratio = pp_contrast_ratio(*fg, *bg);
	if (ratio >= 4.5)
		return;
	/* Report where the text colour was set, else its fill's place. */
	const struct pp_loc *loc = where_set(L, fg);
	const struct pp_loc *bloc = where_set(L, bg);
	if (!loc || (bloc && loc->file == bloc->file && bloc->line > loc->line))
		loc = bloc;
	char *a = hex(*fg), *b = hex(*bg);
	pp_diagf(L->diags, PP_MSG_TEMPLATE_CONTRAST, loc, fg_name, a, bg_name, b,
		 floor(ratio * 100) / 100);
	free(a);
	free(b);
}

static void check_contrast(struct loader *L)
{
	struct pp_style *s = &L->o->style;
	static const struct pp_rgb white = { 1, 1, 1 };
	const struct pp_rgb *paper = &white;
	static const char *const hnames[6] = { "h1 text", "h2 text", "h3 text",
					       "h4 text", "h5 text", "h6 text" };
	pair(L, "body text", &s->body.colour, "paper", paper);
	for (int i = 0; i < 6; i++)
		pair(L, hnames[i], &s->h[i].colour, "paper", paper);
	pair(L, "running header/footer text", &s->running.colour, "paper", paper);
	pair(L, "accent (links, rules)", &s->accent, "paper", paper);
	pair(L, "table text", &s->table_text.colour, "paper", paper);
	pair(L, "table header text", &s->table_header.colour, "table header fill",
	     &s->table_header_fill);
	pair(L, "table text", &s->table_text.colour, "table group fill", &s->table_group_fill);
	if (s->front.layout == PP_FRONT_BOX) /* the front sheet's labels sit on it */
		pair(L, "body text", &s->body.colour, "table group fill", &s->table_group_fill);
	pair(L, "continued label", &s->continued.colour, "table group fill",
	     &s->table_group_fill);
	pair(L, "continued label", &s->continued.colour, "paper", paper);
	if (s->table_zebra)
		pair(L, "table text", &s->table_text.colour, "table zebra fill",
		     &s->table_zebra_fill);
	static const char *const rag_text[] = { "unrated text", "RAG GREEN text",
						"RAG AMBER/GREEN text", "RAG AMBER text",
						"RAG RED text", "RAG COMPLETE text",
						"RAG N/A text" };
	static const char *const rag_fill[] = { "unrated fill", "RAG GREEN fill",
						"RAG AMBER/GREEN fill", "RAG AMBER fill",
						"RAG RED fill", "RAG COMPLETE fill",
						"RAG N/A fill" };
	for (int r = PP_RAG_NONE; r <= PP_RAG_NA; r++)
		pair(L, rag_text[r], &s->rag[r].text, rag_fill[r], &s->rag[r].fill);
	struct pp_cover_style *cv = &s->cover;
	struct {
		const char *name;
		struct pp_text_style *t;
	} cover[] = {
		{ "cover organisation text", &cv->organisation },
		{ "cover title text", &cv->title },
		{ "cover subtitle text", &cv->subtitle },
		{ "cover period text", &cv->period },
		{ "cover strapline text", &cv->strapline },
		{ "cover meta text", &cv->meta },
		{ "cover byline text", &cv->byline },
	};
	for (size_t i = 0; i < sizeof cover / sizeof cover[0]; i++)
		pair(L, cover[i].name, &cover[i].t->colour, "cover fill", &cv->fill);
	pair(L, "running header/footer text", &s->running.colour, "cover fill", &cv->fill);
	static const char *const head_text[3] = { "matrix head 1 text", "matrix head 2 text",
						  "matrix head 3 text" };
	static const char *const head_fill[3] = { "matrix head 1 fill", "matrix head 2 fill",
						  "matrix head 3 fill" };
	for (int i = 0; i < 3; i++)
		pair(L, head_text[i], &s->matrix_head_text[i], head_fill[i],
		     &s->matrix_head_fill[i]);
	pair(L, "matrix mark", &s->mark_colour, "matrix zebra fill", &s->matrix_zebra_fill);
	pair(L, "table text", &s->table_text.colour, "matrix zebra fill", &s->matrix_zebra_fill);
	pair(L, "poster banner text", &s->poster_banner_text, "poster banner fill",
	     &s->poster_banner_fill);
	pair(L, "poster label text", &s->poster_label_text, "poster label fill",
	     &s->poster_label_fill);
	static const char *const tier_text[5] = { "poster tier 1 text", "poster tier 2 text",
						  "poster tier 3 text", "poster tier 4 text",
						  "poster tier 5 text" };
	static const char *const tier_fill[5] = { "poster tier 1 fill", "poster tier 2 fill",
						  "poster tier 3 fill", "poster tier 4 fill",
						  "poster tier 5 fill" };
	for (int i = 0; i < 5; i++)
		pair(L, tier_text[i], &s->poster_box_text[i], tier_fill[i], &s->poster_box_fill[i]);
	/* Chart text sits on paper only: slice and bar labels are set beside
	 * their swatches, never on a series colour. */
	pair(L, "chart text", &s->chart.text, "paper", paper);
}

/* ---------- chart series against status colours ------------------------- */

/* Below this CIE chroma a colour reads as a grey, told apart by lightness. */
#define GREY_CHROMA 15.0
/* Series and status colours at least this far apart in CIE hue (degrees). */
#define HUE_APART 30.0
/* Two greys at least this far apart in CIE lightness (L*, 0-100). */
#define GREY_APART 20.0

static double srgb_linear(double c)
{
	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double lab_f(double t)
{
	return t > 216.0 / 24389.0 ? cbrt(t) : (24389.0 / 27.0 * t + 16.0) / 116.0;
}

/* CIE L*, chroma C* and hue angle h (degrees) of an sRGB colour, D65. */
static void cie_lch(struct pp_rgb c, double *l, double *chroma, double *hue)
{
	double r = srgb_linear(c.r), g = srgb_linear(c.g), b = srgb_linear(c.b);
	double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
	double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
	double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
	double fx = lab_f(x), fy = lab_f(y), fz = lab_f(z);
	double a = 500 * (fx - fy), bb = 200 * (fy - fz);
	*l = 116 * fy - 16;
	*chroma = hypot(a, bb);
	*hue = fmod(atan2(bb, a) * 180 / 3.14159265358979323846 + 360, 360);
}

/*
 * Could a reader take one colour for the other: two colours of close hue
 * (whatever their lightness: a dark and a light green are both "green"),
 * or two greys of close lightness? A grey and a colour are told apart.
 */
static int colours_alike(struct pp_rgb a, struct pp_rgb b)
{
	double la, ca, ha, lb, cb, hb;
	cie_lch(a, &la, &ca, &ha);
	cie_lch(b, &lb, &cb, &hb);
	int grey_a = ca < GREY_CHROMA, grey_b = cb < GREY_CHROMA;
	if (grey_a || grey_b)
		return grey_a && grey_b && fabs(la - lb) < GREY_APART;
	double d = fabs(ha - hb);
	return (d > 180 ? 360 - d : d) < HUE_APART;
}

/* Of where a series colour and a status colour were set, the place in
 * the template asked for (not a base it extends), else the series'. */
static const struct pp_loc *alike_loc(const struct loader *L, const struct pp_loc *series,
				      const struct pp_loc *status)
{
	int in_top_a = series && L->top && series->file && !strcmp(series->file, L->top);
	int in_top_b = status && L->top && status->file && !strcmp(status->file, L->top);
	if (!in_top_a && in_top_b)
		return status;
	return series ? series : status;
}

static void warn_alike(struct loader *L, const struct pp_loc *loc, struct pp_rgb series,
		       const char *what, struct pp_rgb status)
{
	char *a = hex(series), *b = hex(status);
	pp_diagf(L->diags, PP_MSG_TEMPLATE_SERIES_COLOUR, loc, a, what, b, (int)HUE_APART);
	free(a);
	free(b);
}

/*
 * A chart's series (a comparator such as "England", a pie's slices) are
 * drawn beside points and bars in status colours: a series in a status's
 * hue reads as that status. Each series colour is compared with every RAG
 * colour and every status of the template's scales; the first too alike
 * is warned about (the template still loads: a plan may never chart it).
 */
static void check_series_colours(struct loader *L)
{
	const struct pp_style *s = &L->o->style;
	static const char *const rag_fill[] = { "", "RAG GREEN fill", "RAG AMBER/GREEN fill",
						"RAG AMBER fill", "RAG RED fill",
						"RAG COMPLETE fill", "RAG N/A fill" };
	for (size_t i = 0; i < s->chart.n_series; i++) {
		const struct pp_rgb *se = &s->chart.series[i];
		int warned = 0;
		for (int r = PP_RAG_GREEN; r <= PP_RAG_NA && !warned; r++)
			if ((warned = colours_alike(*se, s->rag[r].fill)))
				warn_alike(L, alike_loc(L, where_set(L, se), where_set(L, &s->rag[r].fill)),
					   *se, rag_fill[r], s->rag[r].fill);
		for (size_t k = 0; k < s->n_scales && !warned; k++) {
			const struct pp_scale *sc = &s->scales[k];
			for (size_t v = 0; v < sc->n_values && !warned; v++) {
				unsigned f = 0; /* its @fill as checked: "#rrggbb" */
				const char *ft = sc->values[v].fill_text;
				if (!ft || sscanf(ft, "#%6x", &f) != 1)
					continue;
				struct pp_rgb fill = { ((f >> 16) & 0xff) / 255.0,
						       ((f >> 8) & 0xff) / 255.0, (f & 0xff) / 255.0 };
				if (!(warned = colours_alike(*se, fill)))
					continue;
				char *what = pp_xasprintf("scale \"%s\" status \"%s\" fill",
							  sc->id ? sc->id : "",
							  sc->values[v].id ? sc->values[v].id : "");
				warn_alike(L, alike_loc(L, where_set(L, se), &sc->values[v].loc), *se, what,
					   fill);
				free(what);
			}
		}
	}
}

/* ---------- reading one file ---------------------------------------------------- */

struct xml_sink {
	struct pp_diags *diags;
	const char *file;
	unsigned n;
	const char *data; /* the text libxml2 reads, for the words around a fault */
	size_t len;
};

static void on_xml_error(void *ctx, PP_XML_ERROR *err)
{
	struct xml_sink *sink = ctx;
	if (!err || err->level == XML_ERR_WARNING || err->level == XML_ERR_NONE)
		return;
	/* After the first, libxml2 mostly sees the same fault again from further on. */
	if (sink->n++ == 0)
		pp_xml_syntax_diag(sink->diags, sink->file, err, sink->data, sink->len);
}

static xmlRelaxNGPtr template_schema(struct pp_diags *diags)
{
	static xmlRelaxNGPtr schema;
	if (schema)
		return schema;
	xmlRelaxNGParserCtxtPtr pctx = xmlRelaxNGNewMemParserCtxt(
	    (const char *)pp_schema_template_rng, (int)pp_schema_template_rng_len);
	schema = xmlRelaxNGParse(pctx);
	xmlRelaxNGFreeParserCtxt(pctx);
	if (!schema)
		pp_diagf(diags, PP_MSG_SCHEMA_LOAD, NULL, "(built in template schema)");
	return schema;
}

static int apply_named(struct loader *L, const char *name, const char *from_dir,
		       const struct pp_loc *where);

/*
 * Apply the template in `data` (its base first). `is_default` marks the
 * built-in default, whose base is nothing; `found_as_default` marks a file
 * found by the name "default", whose base is the built-in one.
 */
static int apply_source(struct loader *L, const char *data, size_t len, const char *file,
			const char *id, int is_builtin, int found_as_default,
			const struct pp_loc *where)
{
	size_t errors_before = L->diags->n_errors;
	struct pp_loc file_loc = { file, 1, 1 }; /* the file as a whole */
	int rc = -1;
	char *converted_buf = NULL;
	size_t converted_len = 0;
	int converted = 0;
	xmlDocPtr xdoc = NULL;
	struct pp_scan scan = { 0 };
	char *dir = is_builtin ? pp_xstrdup(".") : dir_of(file);

	for (size_t i = 0; i < L->depth; i++) {
		if (strcmp(L->chain[i], id) == 0) {
			char *through = pp_xstrdup("");
			for (size_t k = i; k < L->depth; k++) {
				char *t = pp_xasprintf("%s%s -> ", through, L->chain[k]);
				free(through);
				through = t;
			}
			char *t = pp_xasprintf("%s%s", through, id);
			pp_diagf(L->diags, PP_MSG_TEMPLATE_CYCLE, where, file, t);
			free(t);
			free(through);
			goto out;
		}
	}
	if (L->depth >= MAX_CHAIN) {
		pp_diagf(L->diags, PP_MSG_TEMPLATE_CYCLE, where, file, "more than 16 templates");
		goto out;
	}
	if (L->depth == 0)
		L->top = file;
	L->chain[L->depth++] = intern(id);

	if (len == 0) {
		pp_diagf(L->diags, PP_MSG_XML_EMPTY, &file_loc);
		goto pop;
	}
	if (pp_scan_prepare(data, len, file, L->diags, &converted_buf, &converted_len, &converted))
		goto pop;
	if (converted) {
		data = converted_buf;
		len = converted_len;
	}
	struct xml_sink sink = { L->diags, file, 0, data, len };
	xmlSetStructuredErrorFunc(&sink, on_xml_error);
	xdoc = xmlReadMemory(data, (int)len, file, converted ? "UTF-8" : NULL,
			     XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!xdoc || L->diags->n_errors != errors_before)
		goto pop;
	if (xdoc->intSubset || xdoc->extSubset) {
		pp_diagf(L->diags, PP_MSG_XML_DOCTYPE, &file_loc);
		goto pop;
	}
	xmlNode *root = xmlDocGetRootElement(xdoc);
	if (!root) {
		pp_diagf(L->diags, PP_MSG_XML_EMPTY, &file_loc);
		goto pop;
	}
	pp_scan_tags(data, len, !pp_scan_declares_other_encoding(data, len), &scan);
	pp_scan_assign_columns(root, &scan, 0);
	struct source src = { file, dir, id, &scan };
	if (pp_parse_check_root(root, "template", TPL_NS, file, &scan, L->diags) != 0)
		goto pop;
	xmlRelaxNGPtr schema = template_schema(L->diags);
	if (!schema)
		goto pop;
	if (pp_parse_validate(xdoc, schema, &scan, file, L->diags) != 0)
		goto pop;

	/* The base: what `extends` names, else the default. */
	char *extends = attr(root, "extends");
	struct pp_loc ext_loc = node_loc(&src, root);
	int base_rc = 0;
	if (is_builtin && !extends)
		; /* the root of every chain starts from nothing */
	else if (found_as_default && !extends)
		base_rc = apply_source(L, (const char *)pp_template_default_xml,
				       pp_template_default_xml_len, intern(BUILTIN_FILE),
				       BUILTIN_FILE, 1, 0, &ext_loc);
	else
		base_rc = apply_named(L, extends ? extends : "default", dir, &ext_loc);
	xmlFree(extends);
	if (base_rc != 0)
		goto pop;

	apply_settings(L, &src, root);
	char *name = attr(root, "name");
	if (name) {
		L->o->style.name = keep(L, name);
		xmlFree(name);
	}
	if (L->diags->n_errors == errors_before)
		rc = 0;
pop:
	L->depth--;
out:
	pp_scan_fini(&scan);
	if (xdoc)
		xmlFreeDoc(xdoc);
	free(converted_buf);
	free(dir);
	return rc;
}

/*
 * Read a template whole. `path` is already resolved (realpath), so it is
 * opened with O_NOFOLLOW: a link swapped in since it was checked is not
 * followed. O_NONBLOCK and the S_ISREG check keep a named pipe from
 * hanging the run.
 */
static int read_all(const char *path, char **out, size_t *len)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) != 0) {
		int saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL; /* swapped since it was checked */
		return -1;
	}
	size_t cap = 8192, n = 0;
	char *buf = pp_xmalloc(cap);
	int bad = 0;
	for (;;) {
		if (n == cap)
			buf = pp_xrealloc(buf, cap *= 2);
		ssize_t got = read(fd, buf + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			bad = 1;
			break;
		}
		n += (size_t)got;
		if (got == 0 || n > MAX_TEMPLATE_BYTES)
			break;
	}
	int saved = errno;
	close(fd);
	if (!bad && n > MAX_TEMPLATE_BYTES) {
		bad = 1;
		saved = EFBIG;
	}
	if (bad) {
		free(buf);
		errno = saved;
		return -1;
	}
	*out = buf;
	*len = n;
	return 0;
}

/* Apply the template file at `path` (it exists). */
static int apply_file(struct loader *L, const char *path, int found_as_default,
		      const struct pp_loc *where)
{
	char *data = NULL;
	size_t len = 0;
	const char *file = intern(path);
	char *real = realpath(path, NULL);
	if (!real || read_all(real, &data, &len) != 0) {
		char *why = lower_errno();
		pp_diagf(L->diags, PP_MSG_IO_READ, where, file, why);
		free(why);
		free(real);
		return -1;
	}
	add_dep(L->deps, path);
	int rc = apply_source(L, data, len, file, real, 0, found_as_default, where);
	free(real);
	free(data);
	return rc;
}

static int names_file(const char *name)
{
	size_t n = strlen(name);
	return strchr(name, '/') || (n > 4 && strcmp(name + n - 4, ".xml") == 0);
}

/*
 * Where the shipped templates are: PLANPRESS_TEMPLATES; else, for an
 * installed program (`make install`), share/planpress/templates beside the
 * bin/ it runs from, wherever PREFIX and DESTDIR put it; else the source
 * tree's templates/, for the program in the build tree.
 */
static const char *templates_dir(void)
{
	const char *env = getenv("PLANPRESS_TEMPLATES");
	if (env && *env)
		return env;
	static char installed[4096];
	static int looked;
	if (!looked) {
		looked = 1;
		char exe[4096];
		ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
		char *slash = NULL;
		for (ssize_t i = 0; i < n; i++)
			if (exe[i] == '/')
				slash = exe + i;
		struct stat st;
		if (slash && snprintf(installed, sizeof installed, "%.*s/../share/planpress/templates",
				      (int)(slash - exe), exe) < (int)sizeof installed &&
		    stat(installed, &st) == 0 && S_ISDIR(st.st_mode))
			return installed;
		installed[0] = '\0';
	}
	return installed[0] ? installed : PP_TEMPLATES_DIR;
}

/*
 * A template file named inside a plan or a template (`where` is set) must
 * be a .xml file in the naming file's folder or below it, as its images
 * must: a plan passed around by email never reaches elsewhere on the
 * machine. --template on the command line may name any file.
 */
static int named_file_ok(struct loader *L, const char *name, const char *path,
			 const char *from_dir, const struct pp_loc *where)
{
	size_t n = strlen(name);
	if (n < 5 || strcmp(name + n - 4, ".xml") != 0) {
		pp_diagf(L->diags, PP_MSG_UNKNOWN_TEMPLATE, where, name,
			 "a template name or a .xml file");
		return 0;
	}
	/* A missing file is judged by its name, so nothing outside is probed. */
	char *real = realpath(path, NULL);
	int ok = real ? inside_dir(real, from_dir) : name[0] != '/' && !strstr(name, "..");
	if (!ok)
		pp_diagf(L->diags, PP_MSG_TEMPLATE_OUTSIDE, where, intern(path), from_dir);
	free(real);
	return ok;
}

/*
 * A template found by its name (NAME.xml in a folder) must be a file of
 * that folder, not a symbolic link leading out of it: the plan's folder
 * and the templates folder are the places a plan may draw from, and the
 * plan's folder is searched first even for --template NAME. Checked on
 * the resolved path, before anything is read.
 */
static int found_inside(struct loader *L, const char *path, const char *dir,
			const struct pp_loc *where)
{
	char *real = realpath(path, NULL);
	int ok = real && inside_dir(real, dir);
	if (!ok)
		pp_diagf(L->diags, PP_MSG_TEMPLATE_LINK_OUTSIDE, where, intern(path),
			 real ? real : "a missing file", dir);
	free(real);
	return ok;
}

/*
 * Find `name` and apply it: a file relative to `from_dir`; or NAME.xml in
 * `from_dir`, the plan's folder, the templates directory; or the built-in
 * default.
 */
static int apply_named(struct loader *L, const char *name, const char *from_dir,
		       const struct pp_loc *where)
{
	if (!*name) {
		pp_diagf(L->diags, PP_MSG_UNKNOWN_TEMPLATE, where, name,
			 "a template name or a .xml file");
		return -1;
	}
	if (has_control(name)) {
		pp_diagf(L->diags, PP_MSG_TEMPLATE_BAD_VALUE, where, "template file", name,
			 "a file name without line breaks or other control characters");
		return -1;
	}
	if (names_file(name)) {
		char *path = join(from_dir, name);
		int rc;
		if (where && !named_file_ok(L, name, path, from_dir, where)) {
			rc = -1;
		} else if (!is_file(path)) {
			pp_diagf(L->diags, PP_MSG_IO_READ, where, intern(path), not_file_why(path));
			rc = -1;
		} else {
			rc = apply_file(L, path, 0, where);
		}
		free(path);
		return rc;
	}
	for (const char *c = name; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '-' && *c != '_' && *c != '.') {
			pp_diagf(L->diags, PP_MSG_UNKNOWN_TEMPLATE, where, name,
				 "a name of letters, digits, '-' and '_', or a .xml file");
			return -1;
		}
	/*
	 * The plan's own templates/ folder is the documented home of a
	 * council's templates: beside the plans in input/, a template would be read as
	 * one more plan by `make reports`.
	 */
	char *plan_templates = L->plan_dir ? join(L->plan_dir, "templates") : NULL;
	const char *dirs[4] = { from_dir, L->plan_dir, plan_templates, templates_dir() };
	int is_default = strcmp(name, "default") == 0;
	for (size_t i = 0; i < 4; i++) {
		if (!dirs[i] || (i > 0 && dirs[i - 1] && strcmp(dirs[i], dirs[i - 1]) == 0))
			continue;
		char *file = pp_xasprintf("%s.xml", name);
		char *path = join(dirs[i], file);
		free(file);
		if (is_file(path)) {
			/* Also for --template NAME: a plan's folder is searched first. */
			int rc = -1;
			if (found_inside(L, path, dirs[i], where))
				rc = apply_file(L, path, is_default, where);
			free(path);
			free(plan_templates);
			return rc;
		}
		free(path);
	}
	free(plan_templates);
	if (is_default)
		return apply_source(L, (const char *)pp_template_default_xml,
				    pp_template_default_xml_len, intern(BUILTIN_FILE), BUILTIN_FILE,
				    1, 0, where);
	const char *plan_dir = L->plan_dir ? L->plan_dir : ".";
	char *expect = pp_xasprintf("%s.xml in %s, %s/templates or %s, or a .xml file", name,
				    plan_dir, plan_dir, templates_dir());
	pp_diagf(L->diags, PP_MSG_UNKNOWN_TEMPLATE, where, name, expect);
	free(expect);
	return -1;
}

static struct pp_style *finish(struct loader *L, int rc, size_t errors_before)
{
	if (rc == 0 && L->diags->n_errors == errors_before) {
		check_contrast(L);
		check_series_colours(L);
	}
	for (size_t i = 0; i < L->n_pal; i++)
		free(L->palette[i].name);
	free(L->palette);
	free(L->set);
	if (rc != 0 || L->diags->n_errors != errors_before) {
		pp_template_free(&L->o->style);
		return NULL;
	}
	return &L->o->style;
}

struct pp_style *pp_template_load(const char *name, const char *plan_dir, const char *file_base,
				  const struct pp_loc *where, struct pp_diags *diags,
				  struct pp_template_deps *deps)
{
	struct loader L = { 0 };
	size_t errors_before = diags->n_errors;
	L.o = pp_xcalloc(1, sizeof *L.o);
	L.diags = diags;
	L.deps = deps;
	L.plan_dir = plan_dir ? plan_dir : ".";
	int rc;
	if (names_file(name))
		rc = apply_named(&L, name, file_base ? file_base : ".", where);
	else
		rc = apply_named(&L, name, NULL, where);
	if (rc == 0 && !L.o->style.name)
		L.o->style.name = keep(&L, name);
	return finish(&L, rc, errors_before);
}

struct pp_style *pp_template_load_memory(const char *data, size_t len, const char *file,
					 struct pp_diags *diags)
{
	struct loader L = { 0 };
	size_t errors_before = diags->n_errors;
	L.o = pp_xcalloc(1, sizeof *L.o);
	L.diags = diags;
	char *dir = dir_of(file);
	L.plan_dir = dir;
	const char *f = intern(file);
	int rc = apply_source(&L, data, len, f, f, 0, 0, NULL);
	struct pp_style *s = finish(&L, rc, errors_before);
	free(dir);
	return s;
}
