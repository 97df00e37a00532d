/* SPDX-License-Identifier: MIT */
/*
 * parse_build.c - turn a libxml2 tree into the plan model.
 *
 * Runs after RelaxNG validation, so element order and presence are known
 * good, except for an <indicator>: the streaming reader (parse_stream.c)
 * builds it before validating it, so build_indicator takes any well-formed
 * tree without leaking (it keeps the first of a repeated child; blocks
 * keep a table's first caption). Values the checker judges (ratings,
 * dates, fields, widths, ids) are copied as written. Invariant: every
 * string in the model is our own copy (nothing points into libxml2
 * memory) and every node carries the line and column of its start tag.
 * Inline text has its whitespace collapsed as HTML does.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "alloc.h"
#include "parse_int.h"
#include "planpress/model.h"

/* Append a zeroed element to a growing array and point `ptr` at it. */
#define PUSH(ptr, arr, n, cap)                                                                  \
	do {                                                                                    \
		PP_GROW(arr, (n) + 1, cap);                                                     \
		(ptr) = &(arr)[(n)++];                                                          \
		memset((ptr), 0, sizeof *(ptr));                                                \
	} while (0)

struct builder {
	const char *file; /* the document's own path: locations live as long as it */
	const struct pp_scan *scan;
	const char *text; /* the bytes libxml2 parsed, for positions of bare text */
	size_t len;
};

static struct pp_loc loc_of(const struct builder *b, const xmlNode *n)
{
	/* The scan's line when it has the element (a copied tree keeps only
	 * lines up to 65535: parse_stream.c), else libxml2's. */
	const struct pp_tag_pos *t = pp_parse_node_tag(b->scan, n);
	return (struct pp_loc){b->file, t ? t->line : (unsigned)xmlGetLineNo(n), t ? t->col : 0};
}

static int is_el(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static int is_text(const xmlNode *n)
{
	return n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int only_spaces(const char *s)
{
	for (; *s; s++)
		if (!is_space(*s))
			return 0;
	return 1;
}

/* An attribute's value, our own copy. */
static char *attr_value(const xmlAttr *a)
{
	const xmlNode *t = a->children;
	/* The usual value is one text node: copy it straight. */
	if (t && !t->next && t->type == XML_TEXT_NODE && t->content)
		return pp_xstrdup((const char *)t->content);
	xmlChar *v = xmlNodeGetContent((const xmlNode *)a);
	if (!v)
		return NULL;
	char *s = pp_xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

/* The value of the attribute `name` (in no namespace), or NULL. */
static char *get_attr(const xmlNode *n, const char *name)
{
	if (n->type != XML_ELEMENT_NODE)
		return NULL;
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (!a->ns && strcmp((const char *)a->name, name) == 0)
			return attr_value(a);
	return NULL;
}

/* An attribute to read: its name, and where its value goes (NULL there). */
struct attr_slot {
	const char *name;
	char **value;
};

/*
 * The attributes of `n` (in no namespace) named in `want`, each copied to
 * its slot; an attribute not written leaves its slot NULL. One walk over
 * the attributes for all the names, for the elements that have many (an
 * <indicator> has fourteen).
 */
static void get_attrs(const xmlNode *n, const struct attr_slot *want, size_t count)
{
	if (n->type != XML_ELEMENT_NODE)
		return;
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		if (a->ns)
			continue;
		for (size_t i = 0; i < count; i++) {
			if (strcmp((const char *)a->name, want[i].name) == 0) {
				if (!*want[i].value) /* the first, as get_attr */
					*want[i].value = attr_value(a);
				break;
			}
		}
	}
}

static int attr_is(const xmlNode *n, const char *name, const char *value)
{
	char *v = get_attr(n, name);
	int eq = v && strcmp(v, value) == 0;
	free(v);
	return eq;
}

/* Collapse whitespace runs to one space and trim both ends; a new string. */
static char *collapse(const char *s)
{
	size_t len = strlen(s), n = 0;
	char *out = pp_xmalloc(len + 1);
	int space = 0;
	for (const char *p = s; *p; p++) {
		if (is_space(*p)) {
			space = n > 0;
			continue;
		}
		if (space)
			out[n++] = ' ';
		space = 0;
		out[n++] = *p;
	}
	out[n] = '\0';
	return out;
}

/* An element's whole text content, collapsed. */
static char *text_of(const xmlNode *n)
{
	const xmlNode *t = n->children;
	/* Most elements hold one text node or none: no need to gather. */
	if (!t)
		return collapse("");
	if (!t->next && t->type == XML_TEXT_NODE && t->content)
		return collapse((const char *)t->content);
	xmlChar *v = xmlNodeGetContent(n);
	char *s = collapse(v ? (const char *)v : "");
	xmlFree(v);
	return s;
}

/* Only the element's own text children (an <item>'s label, not its <description>). */
static char *own_text_of(const xmlNode *n)
{
	size_t len = 0;
	for (const xmlNode *c = n->children; c; c = c->next)
		if (is_text(c) && c->content)
			len += strlen((const char *)c->content);
	char *raw = pp_xmalloc(len + 1), *w = raw;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is_text(c) && c->content) {
			size_t l = strlen((const char *)c->content);
			memcpy(w, c->content, l);
			w += l;
		}
	}
	*w = '\0';
	char *s = collapse(raw);
	free(raw);
	return s;
}

/* "o1  o2 vag-a" -> three strings. */
static void split_ids(const char *s, char ***out, size_t *n_out)
{
	size_t n = 0, cap = 0;
	char **v = NULL;
	while (s && *s) {
		while (is_space(*s))
			s++;
		const char *start = s;
		while (*s && !is_space(*s))
			s++;
		if (s > start) {
			PP_GROW(v, n + 1, cap);
			v[n++] = pp_xstrndup(start, (size_t)(s - start));
		}
	}
	*out = v;
	*n_out = n;
}

static void split_attr(const xmlNode *n, const char *name, char ***out, size_t *n_out)
{
	char *v = get_attr(n, name);
	split_ids(v, out, n_out);
	free(v);
}

/* ---------- inline text -------------------------------------------------- */

struct ibuild {
	const struct builder *b;
	struct pp_span *spans;
	size_t n, cap;
};

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void add_span(struct ibuild *ib, const char *text, unsigned flags, const char *href,
		     const char *lang)
{
	struct pp_span *sp;
	PUSH(sp, ib->spans, ib->n, ib->cap);
	sp->text = pp_xstrdup(text);
	sp->flags = flags;
	sp->href = pp_xstrdup(href);
	sp->lang = pp_xstrdup(lang);
}

static int is_inline_el(const xmlNode *n)
{
	return is_el(n, "b") || is_el(n, "i") || is_el(n, "a") || is_el(n, "br") ||
	       is_el(n, "span") || is_el(n, "ref");
}

/* Add one node (text or inline element) with the style inherited from above. */
static void collect_node(struct ibuild *ib, const xmlNode *c, unsigned flags, const char *href,
			 const char *lang);

static void collect_children(struct ibuild *ib, const xmlNode *parent, unsigned flags,
			     const char *href, const char *lang)
{
	for (const xmlNode *c = parent->children; c; c = c->next)
		collect_node(ib, c, flags, href, lang);
}

static void collect_node(struct ibuild *ib, const xmlNode *c, unsigned flags, const char *href,
			 const char *lang)
{
	if (is_text(c)) {
		if (c->content)
			add_span(ib, (const char *)c->content, flags, href, lang);
	} else if (is_el(c, "b")) {
		collect_children(ib, c, flags | PP_SPAN_BOLD, href, lang);
	} else if (is_el(c, "i")) {
		collect_children(ib, c, flags | PP_SPAN_ITALIC, href, lang);
	} else if (is_el(c, "a")) {
		char *h = get_attr(c, "href");
		collect_children(ib, c, flags, h, lang);
		free(h);
	} else if (is_el(c, "span")) {
		char *l = get_attr(c, "lang");
		collect_children(ib, c, flags, href, l);
		free(l);
	} else if (is_el(c, "br")) {
		add_span(ib, "", PP_SPAN_BREAK, NULL, NULL);
	} else if (is_el(c, "ref")) {
		/* a cross-reference: its text is the target's number, worked out later */
		add_span(ib, "", flags, href, lang);
		ib->spans[ib->n - 1].ref_id = get_attr(c, "to");
		ib->spans[ib->n - 1].ref_loc = loc_of(ib->b, c);
	}
}

/*
 * Settle whitespace as HTML does: every run of spaces, tabs and newlines
 * becomes one space, even across style changes ("a <b>b</b> c"); none is
 * kept at the start or end of the paragraph or either side of a <br/>.
 * Then drop empty spans and join neighbours of the same style.
 */
static void finish_inline(struct ibuild *ib, struct pp_inline *out)
{
	int at_start = 1, pending = 0;
	struct pp_span *space_in = NULL; /* span holding the last emitted space */
	for (size_t i = 0; i < ib->n; i++) {
		struct pp_span *sp = &ib->spans[i];
		if (sp->ref_id) {
			at_start = 0; /* a reference prints text: spaces around it stay */
			pending = 0;
			continue;
		}
		if (sp->flags & PP_SPAN_BREAK) {
			if (pending && space_in)
				space_in->text[strlen(space_in->text) - 1] = '\0';
			at_start = 1;
			pending = 0;
			space_in = NULL;
			continue;
		}
		char *w = sp->text;
		for (const char *r = sp->text; *r; r++) {
			if (is_space(*r)) {
				if (!at_start && !pending) {
					*w++ = ' ';
					pending = 1;
					space_in = sp;
				}
				continue;
			}
			*w++ = *r;
			at_start = 0;
			pending = 0;
		}
		*w = '\0';
	}
	if (pending && space_in)
		space_in->text[strlen(space_in->text) - 1] = '\0';

	memset(out, 0, sizeof *out);
	size_t cap = 0;
	for (size_t i = 0; i < ib->n; i++) {
		struct pp_span *sp = &ib->spans[i];
		if (!(sp->flags & PP_SPAN_BREAK) && !sp->ref_id && sp->text[0] == '\0') {
			free(sp->text);
			free(sp->href);
			free(sp->lang);
			continue;
		}
		struct pp_span *prev = out->n_spans ? &out->spans[out->n_spans - 1] : NULL;
		if (prev && !(sp->flags & PP_SPAN_BREAK) && !sp->ref_id && !prev->ref_id &&
		    prev->flags == sp->flags &&
		    same_str(prev->href, sp->href) && same_str(prev->lang, sp->lang)) {
			size_t a = strlen(prev->text), l = strlen(sp->text);
			prev->text = pp_xrealloc(prev->text, a + l + 1);
			memcpy(prev->text + a, sp->text, l + 1);
			free(sp->text);
			free(sp->href);
			free(sp->lang);
			continue;
		}
		PP_GROW(out->spans, out->n_spans + 1, cap);
		out->spans[out->n_spans++] = *sp;
	}
	free(ib->spans);
	memset(ib, 0, sizeof *ib);
}

static void build_inline(const struct builder *b, const xmlNode *n, struct pp_inline *out)
{
	struct ibuild ib = {0};
	ib.b = b;
	collect_children(&ib, n, 0, NULL, NULL);
	finish_inline(&ib, out);
}

/* ---------- blocks ------------------------------------------------------- */

static void build_blocks(const struct builder *b, const xmlNode *parent, struct pp_blocks *out);

static int is_block_el(const xmlNode *n)
{
	return is_el(n, "p") || is_el(n, "h") || is_el(n, "ul") || is_el(n, "ol") ||
	       is_el(n, "table") || is_el(n, "chart") || is_el(n, "recommendations");
}

/* Text of a decimal as the schema allows it ("-12.5", "+3", ".5"), locale-independent. */
static double parse_decimal(const char *s)
{
	double sign = 1, v = 0, scale = 0.1;
	while (is_space(*s))
		s++;
	if (*s == '-' || *s == '+')
		sign = *s++ == '-' ? -1 : 1;
	for (; *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (*s - '0');
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++, scale /= 10)
			v += (*s - '0') * scale;
	return sign * v;
}

static void build_chart(const struct builder *b, const xmlNode *n, struct pp_chart *ch)
{
	ch->kind = attr_is(n, "type", "bar")		 ? PP_CHART_BAR
		   : attr_is(n, "type", "pie")		 ? PP_CHART_PIE
		   : attr_is(n, "type", "donut")	 ? PP_CHART_DONUT
		   : attr_is(n, "type", "stacked-bar") ? PP_CHART_STACKED_BAR
							 : PP_CHART_LINE;
	ch->scale_id = get_attr(n, "scale");
	ch->title = get_attr(n, "title");
	ch->x_label = get_attr(n, "x-label");
	ch->y_label = get_attr(n, "y-label");
	ch->show_table = attr_is(n, "table", "yes");
	size_t cap = 0;
	for (const xmlNode *s = n->children; s; s = s->next) {
		if (!is_el(s, "series"))
			continue;
		struct pp_series *ser;
		PUSH(ser, ch->series, ch->n_series, cap);
		ser->name = get_attr(s, "name");
		ser->target = attr_is(s, "target", "yes");
		size_t pcap = 0;
		for (const xmlNode *p = s->children; p; p = p->next) {
			if (!is_el(p, "point"))
				continue;
			struct pp_point *pt;
			PUSH(pt, ser->points, ser->n_points, pcap);
			pt->x = get_attr(p, "x");
			char *y = get_attr(p, "y");
			pt->y = parse_decimal(y ? y : "0");
			free(y);
			pt->status_text = get_attr(p, "status");
			pt->loc = loc_of(b, p);
		}
	}
}

/* Does a cell hold block elements (paragraphs, lists), not just text? */
static int has_block_child(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (is_block_el(c))
			return 1;
	return 0;
}

static void build_table(const struct builder *b, const xmlNode *n, struct pp_table *t)
{
	size_t cap = 0;
	t->numbers = attr_is(n, "numbers", "right")	? PP_NUMBERS_RIGHT
		     : attr_is(n, "numbers", "decimal") ? PP_NUMBERS_DECIMAL
							: PP_NUMBERS_LEFT;
	int captioned = 0; /* a second caption (only in an invalid part) is left out */
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is_el(c, "caption")) {
			if (!captioned++)
				build_inline(b, c, &t->caption);
		} else if (is_el(c, "tr")) {
			struct pp_table_row *row;
			PUSH(row, t->rows, t->n_rows, cap);
			size_t ccap = 0;
			for (const xmlNode *d = c->children; d; d = d->next) {
				if (!is_el(d, "th") && !is_el(d, "td"))
					continue;
				struct pp_table_cell *cell;
				PUSH(cell, row->cells, row->n_cells, ccap);
				cell->header = is_el(d, "th");
				cell->loc = loc_of(b, d);
				char *span = get_attr(d, "colspan");
				cell->colspan = span ? (unsigned)strtoul(span, NULL, 10) : 1;
				if (cell->colspan < 1)
					cell->colspan = 1;
				free(span);
				cell->status_text = get_attr(d, "status");
				cell->scale_id = get_attr(d, "scale");
				if (has_block_child(d)) {
					cell->blocks = pp_xcalloc(1, sizeof *cell->blocks);
					build_blocks(b, d, cell->blocks);
				}
				else
					build_inline(b, d, &cell->text);
			}
		}
	}
}

static void build_block(const struct builder *b, const xmlNode *n, struct pp_block *blk)
{
	blk->loc = loc_of(b, n);
	if (is_el(n, "p") || is_el(n, "h")) {
		blk->kind = is_el(n, "p") ? PP_BLOCK_PARA : PP_BLOCK_HEADING;
		build_inline(b, n, &blk->u.para);
		blk->id = get_attr(n, "id");
	} else if (is_el(n, "ul") || is_el(n, "ol") || is_el(n, "recommendations")) {
		blk->kind = PP_BLOCK_LIST;
		blk->u.list.ordered = !is_el(n, "ul");
		blk->u.list.recommendations = is_el(n, "recommendations");
		blk->u.list.numbering = get_attr(n, "numbering");
		blk->u.list.marker = get_attr(n, "marker");
		size_t cap = 0;
		for (const xmlNode *li = n->children; li; li = li->next) {
			if (!is_el(li, "li"))
				continue;
			struct pp_list_item *item;
			PUSH(item, blk->u.list.items, blk->u.list.n_items, cap);
			item->body = pp_xcalloc(1, sizeof *item->body);
			build_blocks(b, li, item->body);
			item->id = get_attr(li, "id");
			item->loc = loc_of(b, li);
		}
	} else if (is_el(n, "table")) {
		blk->kind = PP_BLOCK_TABLE;
		build_table(b, n, &blk->u.table);
	} else {
		blk->kind = PP_BLOCK_CHART;
		build_chart(b, n, &blk->u.chart);
	}
}

/*
 * The position of a run of bare text: its first non-space character. Text
 * starts right after the previous sibling's end tag, or after the parent's
 * start tag; the scan knows both places. After a comment or processing
 * instruction it does not, and the paragraph takes its parent's position.
 */
static struct pp_loc text_loc(const struct builder *b, const xmlNode *first)
{
	if (first->type == XML_ELEMENT_NODE)
		return loc_of(b, first);
	const struct pp_tag_pos *t = NULL;
	struct pp_text_pos pos;
	if (first->prev && first->prev->type == XML_ELEMENT_NODE) {
		t = pp_parse_node_tag(b->scan, first->prev);
		if (t)
			pos = t->after;
	} else if (!first->prev) {
		t = pp_parse_node_tag(b->scan, first->parent);
		if (t)
			pos = t->content;
	}
	if (!t || pp_scan_text_start(b->text, b->len, b->scan->utf8, &pos) != 0)
		return loc_of(b, first->parent);
	return (struct pp_loc){b->file, pos.line, pos.col};
}

/* Blocks: runs of bare text and inline elements between blocks are paragraphs. */
static void build_blocks(const struct builder *b, const xmlNode *parent, struct pp_blocks *out)
{
	struct ibuild run = {0};
	run.b = b;
	const xmlNode *run_first = NULL;
	size_t cap = 0;
	for (const xmlNode *c = parent->children;; c = c->next) {
		if (c && (is_text(c) || is_inline_el(c))) {
			if (!run_first && (c->type == XML_ELEMENT_NODE ||
					   (c->content && !only_spaces((const char *)c->content))))
				run_first = c;
			collect_node(&run, c, 0, NULL, NULL);
			continue;
		}
		if (!c || is_block_el(c)) {
			struct pp_inline para;
			finish_inline(&run, &para);
			if (para.n_spans) {
				struct pp_block *blk;
				PUSH(blk, out->items, out->n_items, cap);
				blk->kind = PP_BLOCK_PARA;
				blk->loc = run_first ? text_loc(b, run_first) : loc_of(b, parent);
				blk->u.para = para;
			} else {
				free(para.spans);
			}
			run_first = NULL;
		}
		if (!c)
			break;
		if (is_block_el(c)) {
			struct pp_block *blk;
			PUSH(blk, out->items, out->n_items, cap);
			build_block(b, c, blk);
		}
	}
}

/* ---------- plan parts --------------------------------------------------- */

/* The facts only a committee report's front sheet prints. */
static void build_front_fact(const xmlNode *c, struct pp_facts *f)
{
	if (is_el(c, "report-of")) {
		f->report_of = text_of(c);
	} else if (is_el(c, "purpose")) {
		f->purpose = text_of(c);
	} else if (is_el(c, "wards")) {
		f->wards = text_of(c);
	} else if (is_el(c, "key-decision")) {
		char *v = text_of(c);
		f->key_decision = strcmp(v, "yes") == 0;
		free(v);
		f->forward_plan = get_attr(c, "forward-plan");
	} else if (is_el(c, "exempt")) {
		char *v = text_of(c);
		f->exempt = strcmp(v, "yes") == 0;
		free(v);
		f->exempt_reason = get_attr(c, "reason");
	} else if (is_el(c, "contact")) {
		f->contact = text_of(c);
		f->contact_email = get_attr(c, "email");
		f->contact_phone = get_attr(c, "phone");
	} else if (is_el(c, "background-papers")) {
		f->background_papers = text_of(c);
	}
}

static void build_facts(const struct builder *b, const xmlNode *n, struct pp_facts *f)
{
	f->loc = loc_of(b, n);
	f->key_decision = f->exempt = -1;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(c, "organisation")) {
			f->organisation = text_of(c);
			f->organisation_loc = loc_of(b, c);
		} else if (is_el(c, "title")) {
			f->title = text_of(c);
			f->title_loc = loc_of(b, c);
		} else if (is_el(c, "subtitle")) {
			f->subtitle = text_of(c);
		} else if (is_el(c, "period")) {
			f->period = text_of(c);
		} else if (is_el(c, "strapline")) {
			f->strapline = text_of(c);
		} else if (is_el(c, "vision")) {
			build_blocks(b, c, &f->vision);
		} else if (is_el(c, "vision-title")) {
			f->vision_title = text_of(c);
		} else if (is_el(c, "status")) {
			f->status = text_of(c);
		} else if (is_el(c, "committee")) {
			f->committee = text_of(c);
		} else if (is_el(c, "meeting")) {
			f->meeting_loc = loc_of(b, c);
			f->meeting_date_text = get_attr(c, "date");
			f->meeting_text = text_of(c);
			if (!f->meeting_text[0]) {
				free(f->meeting_text);
				f->meeting_text = NULL;
			}
		} else if (is_el(c, "author")) {
			f->author = text_of(c);
			f->author_role = get_attr(c, "role");
		} else {
			build_front_fact(c, f);
		}
	}
}

/* <value field="...">text</value> children of `n`, appended to (v, n_v). */
static void build_values(const struct builder *b, const xmlNode *n, struct pp_value **v,
			 size_t *n_v)
{
	size_t cap = *n_v;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (!is_el(c, "value"))
			continue;
		struct pp_value *val;
		PUSH(val, *v, *n_v, cap);
		val->loc = loc_of(b, c);
		val->field_id = get_attr(c, "field");
		val->text = text_of(c);
	}
}

/* @rag or @status: the schema admits one of them. */
static char *status_attr(const xmlNode *n)
{
	char *s = get_attr(n, "rag");
	return s ? s : get_attr(n, "status");
}

static void build_scales(const struct builder *b, const xmlNode *n, struct pp_doc *doc)
{
	size_t cap = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (!is_el(c, "scale"))
			continue;
		struct pp_scale *sc;
		PUSH(sc, doc->scales, doc->n_scales, cap);
		sc->loc = loc_of(b, c);
		sc->id = get_attr(c, "id");
		sc->name = get_attr(c, "name");
		split_attr(c, "for", &sc->for_kinds, &sc->n_for_kinds);
		size_t vcap = 0;
		for (const xmlNode *d = c->children; d; d = d->next) {
			if (!is_el(d, "status"))
				continue;
			struct pp_status *st;
			PUSH(st, sc->values, sc->n_values, vcap);
			st->loc = loc_of(b, d);
			st->id = get_attr(d, "id");
			st->label = get_attr(d, "label");
			st->symbol = get_attr(d, "symbol");
			st->fill_text = get_attr(d, "fill");
			st->text_text = get_attr(d, "text");
			st->means_text = get_attr(d, "means");
			build_inline(b, d, &st->meaning);
		}
	}
}

static void build_fields(const struct builder *b, const xmlNode *n, struct pp_doc *doc)
{
	size_t cap = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (!is_el(c, "field"))
			continue;
		struct pp_field_def *fd;
		PUSH(fd, doc->fields, doc->n_fields, cap);
		fd->loc = loc_of(b, c);
		fd->id = get_attr(c, "id");
		fd->label = get_attr(c, "label");
		fd->type_text = get_attr(c, "type");
		fd->on_text = get_attr(c, "on");
		fd->scale_id = get_attr(c, "scale");
	}
}

static void build_periods(const struct builder *b, const xmlNode *n, struct pp_doc *doc)
{
	size_t cap = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (!is_el(c, "quarter") && !is_el(c, "span"))
			continue;
		struct pp_period *p;
		PUSH(p, doc->periods, doc->n_periods, cap);
		p->loc = loc_of(b, c);
		p->id = get_attr(c, "id");
		if (is_el(c, "quarter")) {
			p->year_text = get_attr(c, "year");
			p->q_text = get_attr(c, "q");
			p->label = get_attr(c, "label");
		} else {
			p->label = get_attr(c, "label");
			p->start_text = get_attr(c, "start");
			p->end_text = get_attr(c, "end");
		}
	}
}

static void build_group(const struct builder *b, const xmlNode *n, struct pp_fw_group *g)
{
	g->loc = loc_of(b, n);
	g->id = get_attr(n, "id");
	g->label = get_attr(n, "label");
	g->ref_upper = attr_is(n, "ref-case", "upper");
	g->code_suffix = get_attr(n, "code-suffix");
	size_t gcap = 0, icap = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is_el(c, "group")) {
			struct pp_fw_group *sub;
			PUSH(sub, g->groups, g->n_groups, gcap);
			build_group(b, c, sub);
		} else if (is_el(c, "item")) {
			struct pp_fw_item *it;
			PUSH(it, g->items, g->n_items, icap);
			it->loc = loc_of(b, c);
			it->id = get_attr(c, "id");
			it->code = get_attr(c, "code");
			it->label = own_text_of(c);
			for (const xmlNode *d = c->children; d; d = d->next)
				if (is_el(d, "description"))
					build_inline(b, d, &it->description);
		}
	}
}

static void push_lead(const struct builder *b, const xmlNode *c, struct pp_inline **leads, size_t *n, size_t *cap)
{
	struct pp_inline *in;
	PUSH(in, *leads, *n, *cap);
	build_inline(b, c, in);
}

static void build_action(const struct builder *b, const xmlNode *n, struct pp_action *a)
{
	a->loc = loc_of(b, n);
	a->id = get_attr(n, "id");
	a->label = get_attr(n, "label");
	build_values(b, n, &a->values, &a->n_values);
	size_t lcap = 0, linecap = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is_el(c, "text")) {
			a->has_text = 1;
			build_blocks(b, c, &a->text);
		} else if (is_el(c, "lead")) {
			push_lead(b, c, &a->leads, &a->n_leads, &lcap);
		} else if (is_el(c, "measures")) {
			build_blocks(b, c, &a->measures);
		} else if (is_el(c, "success")) {
			build_blocks(b, c, &a->success);
		} else if (is_el(c, "line")) {
			struct pp_line *l;
			PUSH(l, a->lines, a->n_lines, linecap);
			l->loc = loc_of(b, c);
			l->rag_text = status_attr(c);
			l->period_id = get_attr(c, "period");
			build_values(b, c, &l->values, &l->n_values);
			for (const xmlNode *d = c->children; d; d = d->next) {
				if (is_el(d, "success"))
					build_blocks(b, d, &l->success);
				else if (is_el(d, "impact"))
					build_blocks(b, d, &l->impact);
				else if (is_el(d, "timescale"))
					build_blocks(b, d, &l->timescale);
			}
		}
	}
}

#define N_TWICE(ind) (sizeof(ind)->twice / sizeof(ind)->twice[0])

/*
 * The first <`name`> of an indicator (1: build it), or a second one (0):
 * noted, once for each element, for check to report.
 */
static int once(const struct builder *b, const xmlNode *c, struct pp_indicator *ind,
                const char *name, int *seen, struct pp_loc *first)
{
	if (!*seen) {
		*seen = 1;
		*first = loc_of(b, c);
		return 1;
	}
	for (size_t i = 0; i < ind->n_twice; i++)
		if (strcmp(ind->twice[i].element, name) == 0)
			return 0;
	if (ind->n_twice < N_TWICE(ind))
		ind->twice[ind->n_twice++] = (struct pp_ind_twice){name, *first, loc_of(b, c)};
	return 0;
}

/* An <indicator>: everything copied as written; check reads the figures. */
static void build_indicator(const struct builder *b, const xmlNode *n, struct pp_indicator *ind)
{
	const struct attr_slot attrs[] = {
	    {"id", &ind->id},
	    {"ref", &ind->ref},
	    {"unit", &ind->unit_text},
	    {"polarity", &ind->polarity_text},
	    {"decimals", &ind->decimals_text},
	    {"thousands", &ind->thousands_text},
	    {"frequency", &ind->frequency},
	    {"ytd", &ind->ytd_text},
	    {"scale", &ind->scale_id},
	    {"targets", &ind->targets_text},
	    {"over-100", &ind->over_text},
	    {"status-on", &ind->status_on_text},
	    {"no-change", &ind->no_change_text},
	    {"no-change-percent", &ind->no_change_pct_text},
	};
	ind->loc = loc_of(b, n);
	get_attrs(n, attrs, sizeof attrs / sizeof attrs[0]);
	build_values(b, n, &ind->values, &ind->n_values);
	size_t ocap = 0, tcap = 0, acap = 0, ncap = 0, ccap = 0, vcap = 0;
	struct pp_loc title_loc = {0}, description_loc = {0};
	int has_description = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		/* the figures first: an indicator has most of them */
		if (is_el(c, "actual")) {
			struct pp_ind_actual *a;
			PUSH(a, ind->actuals, ind->n_actuals, acap);
			const struct attr_slot a_attrs[] = {
			    {"period", &a->period_id},
			    {"missing", &a->missing_text},
			    {"reason", &a->reason},
			};
			a->loc = loc_of(b, c);
			get_attrs(c, a_attrs, sizeof a_attrs / sizeof a_attrs[0]);
			a->text = text_of(c);
		} else if (is_el(c, "target")) {
			struct pp_ind_target *t;
			PUSH(t, ind->targets, ind->n_targets, tcap);
			const struct attr_slot t_attrs[] = {
			    {"period", &t->period_id},
			    {"year", &t->year_text},
			    {"tolerance", &t->tolerance_text},
			    {"tolerance-percent", &t->tolerance_pct_text},
			    {"stretch", &t->stretch_text},
			    {"cumulative", &t->cumulative_text},
			    {"none", &t->none},
			    {"low", &t->low_text},
			    {"high", &t->high_text},
			};
			t->loc = loc_of(b, c);
			get_attrs(c, t_attrs, sizeof t_attrs / sizeof t_attrs[0]);
			t->text = text_of(c);
		} else if (is_el(c, "title")) {
			if (once(b, c, ind, "title", &ind->has_title, &title_loc))
				build_inline(b, c, &ind->title);
		} else if (is_el(c, "description")) {
			if (once(b, c, ind, "description", &has_description, &description_loc))
				build_blocks(b, c, &ind->description);
		} else if (is_el(c, "owner")) {
			push_lead(b, c, &ind->owners, &ind->n_owners, &ocap);
		} else if (is_el(c, "baseline")) {
			if (!once(b, c, ind, "baseline", &ind->has_baseline,
			          &ind->baseline_loc))
				continue;
			ind->baseline_period_id = get_attr(c, "period");
			ind->baseline_text = text_of(c);
		} else if (is_el(c, "commentary")) {
			struct pp_ind_note *nt;
			PUSH(nt, ind->notes, ind->n_notes, ncap);
			nt->loc = loc_of(b, c);
			nt->period_id = get_attr(c, "period");
			build_blocks(b, c, &nt->text);
		} else if (is_el(c, "comparator")) {
			struct pp_ind_comparator *cm;
			PUSH(cm, ind->comparators, ind->n_comparators, ccap);
			cm->loc = loc_of(b, c);
			cm->name = get_attr(c, "name");
			cm->period_id = get_attr(c, "period");
			cm->text = text_of(c);
		} else if (is_el(c, "override")) {
			struct pp_ind_override *ov;
			PUSH(ov, ind->overrides, ind->n_overrides, vcap);
			ov->loc = loc_of(b, c);
			ov->period_id = get_attr(c, "period");
			ov->status_text = get_attr(c, "status");
			build_inline(b, c, &ov->reason);
		}
	}
}

static void build_priority(const struct builder *b, const xmlNode *n, struct pp_priority *p)
{
	p->loc = loc_of(b, n);
	p->id = get_attr(n, "id");
	p->ref = get_attr(n, "ref");
	split_attr(n, "also", &p->also_ids, &p->n_also_ids);
	build_values(b, n, &p->values, &p->n_values);
	size_t lcap = 0, alcap = 0, accap = 0, ucap = 0, icap = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is_el(c, "indicator")) {
			struct pp_indicator *ind;
			PUSH(ind, p->indicators, p->n_indicators, icap);
			build_indicator(b, c, ind);
		} else if (is_el(c, "title")) {
			build_inline(b, c, &p->title);
		} else if (is_el(c, "statement")) {
			build_inline(b, c, &p->statement);
		} else if (is_el(c, "lead")) {
			push_lead(b, c, &p->leads, &p->n_leads, &lcap);
		} else if (is_el(c, "outcomes")) {
			build_blocks(b, c, &p->outcomes);
		} else if (is_el(c, "how")) {
			build_blocks(b, c, &p->how);
		} else if (is_el(c, "measures")) {
			build_blocks(b, c, &p->measures);
		} else if (is_el(c, "align")) {
			char **ids;
			size_t n_ids;
			split_attr(c, "to", &ids, &n_ids);
			for (size_t i = 0; i < n_ids; i++) {
				struct pp_align *al;
				PUSH(al, p->aligns, p->n_aligns, alcap);
				al->item_id = ids[i];
				al->loc = loc_of(b, c);
			}
			free(ids);
		} else if (is_el(c, "action")) {
			struct pp_action *a;
			PUSH(a, p->actions, p->n_actions, accap);
			build_action(b, c, a);
		} else if (is_el(c, "update")) {
			struct pp_update *u;
			PUSH(u, p->updates, p->n_updates, ucap);
			u->loc = loc_of(b, c);
			u->period_id = get_attr(c, "period");
			u->rag_text = status_attr(c);
			build_values(b, c, &u->values, &u->n_values);
			for (const xmlNode *d = c->children; d; d = d->next) {
				if (is_el(d, "timescale"))
					build_blocks(b, d, &u->timescale);
				else if (is_el(d, "milestones"))
					build_blocks(b, d, &u->milestones);
				else if (is_el(d, "commentary"))
					build_blocks(b, d, &u->commentary);
			}
		}
	}
}

/* ---------- documents and views ------------------------------------------ */

static void build_columns(const struct builder *b, const xmlNode *n, struct pp_column **cols,
			  size_t *n_cols)
{
	size_t cap = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (!is_el(c, "column"))
			continue;
		struct pp_column *col;
		PUSH(col, *cols, *n_cols, cap);
		col->loc = loc_of(b, c);
		col->field_text = get_attr(c, "field");
		col->width_text = get_attr(c, "width");
		col->show_bar = attr_is(c, "show", "bar");
		col->join_and = attr_is(c, "join", "and");
		col->merge = attr_is(c, "merge", "same");
		col->periods_text = get_attr(c, "periods");
		col->periods_all = attr_is(c, "periods", "all");
		col->period_id = get_attr(c, "period");
		col->name = get_attr(c, "name");
		build_inline(b, c, &col->header);
	}
}

static void build_poster(const struct builder *b, const xmlNode *n, struct pp_poster *ps)
{
	char *cols = get_attr(n, "columns");
	ps->columns = cols ? (unsigned)strtoul(cols, NULL, 10) : 12;
	free(cols);
	ps->title = get_attr(n, "title");
	size_t cap = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is_el(c, "banner")) {
			ps->has_banner = 1;
			ps->banner_title = get_attr(c, "title");
			build_blocks(b, c, &ps->banner);
		} else if (is_el(c, "tier")) {
			struct pp_poster_tier *t;
			PUSH(t, ps->tiers, ps->n_tiers, cap);
			t->loc = loc_of(b, c);
			t->label = get_attr(c, "label");
			t->from_theme_id = get_attr(c, "from-theme");
			t->connect_up = attr_is(c, "connect", "up");
			t->from = attr_is(c, "from", "themes")	   ? PP_TIER_THEMES
				  : attr_is(c, "from", "priorities") ? PP_TIER_PRIORITIES
								     : PP_TIER_BOXES;
			size_t bcap = 0;
			for (const xmlNode *d = c->children; d; d = d->next) {
				if (!is_el(d, "box"))
					continue;
				struct pp_poster_box *box;
				PUSH(box, t->boxes, t->n_boxes, bcap);
				box->loc = loc_of(b, d);
				char *span = get_attr(d, "span");
				box->span = span ? (unsigned)strtoul(span, NULL, 10) : 1;
				free(span);
				box->theme_id = get_attr(d, "theme");
				build_inline(b, d, &box->text);
			}
		}
	}
}

static void build_assessment(const struct builder *b, const xmlNode *n, struct pp_assessment *as)
{
	build_columns(b, n, &as->columns, &as->n_columns);
	size_t cap = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (!is_el(c, "area"))
			continue;
		struct pp_area *a;
		PUSH(a, as->areas, as->n_areas, cap);
		a->loc = loc_of(b, c);
		a->title = get_attr(c, "title");
		size_t qcap = 0;
		for (const xmlNode *d = c->children; d; d = d->next) {
			if (!is_el(d, "question"))
				continue;
			struct pp_question *q;
			PUSH(q, a->questions, a->n_questions, qcap);
			q->loc = loc_of(b, d);
			for (const xmlNode *e = d->children; e; e = e->next) {
				if (is_el(e, "ask"))
					build_inline(b, e, &q->ask);
				else if (is_el(e, "response"))
					build_blocks(b, e, &q->response);
			}
		}
	}
}

static void build_linked(const struct builder *b, const xmlNode *n, struct pp_linked_plans *lp)
{
	build_columns(b, n, &lp->columns, &lp->n_columns);
	size_t cap = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (!is_el(c, "linked-plan"))
			continue;
		struct pp_linked_plan *p;
		PUSH(p, lp->plans, lp->n_plans, cap);
		p->loc = loc_of(b, c);
		split_attr(c, "priorities", &p->priority_ids, &p->n_priority_ids);
		p->href = get_attr(c, "href");
		for (const xmlNode *d = c->children; d; d = d->next) {
			if (is_el(d, "name"))
				build_inline(b, d, &p->name);
			else if (is_el(d, "lead"))
				build_inline(b, d, &p->lead);
			else if (is_el(d, "link-text"))
				build_inline(b, d, &p->link_text);
			else if (is_el(d, "connects"))
				build_inline(b, d, &p->connects);
		}
	}
}

/*
 * The views of a document or section, in order. Consecutive narrative
 * blocks (<p>, <ul> ...) between views make one PP_VIEW_BLOCKS view.
 */
static void build_views(const struct builder *b, const xmlNode *parent, struct pp_view **views,
			size_t *n_views)
{
	size_t cap = 0;
	struct pp_view *open_blocks = NULL;
	size_t blocks_cap = 0;
	for (const xmlNode *c = parent->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || is_el(c, "running-header") ||
		    is_el(c, "running-footer") || is_el(c, "facts"))
			continue;
		if (is_block_el(c)) {
			if (!open_blocks) {
				PUSH(open_blocks, *views, *n_views, cap);
				open_blocks->kind = PP_VIEW_BLOCKS;
				open_blocks->loc = loc_of(b, c);
				blocks_cap = 0;
			}
			struct pp_block *blk;
			PUSH(blk, open_blocks->u.blocks.items, open_blocks->u.blocks.n_items,
			     blocks_cap);
			build_block(b, c, blk);
			continue;
		}
		struct pp_view *v;
		PUSH(v, *views, *n_views, cap);
		open_blocks = NULL; /* the array may have moved; a new run starts anyway */
		v->loc = loc_of(b, c);
		if (is_el(c, "cover")) {
			v->kind = PP_VIEW_COVER;
			char *kind = get_attr(c, "kind");
			v->u.cover_report = kind && strcmp(kind, "report") == 0;
			free(kind);
		} else if (is_el(c, "contents")) {
			v->kind = PP_VIEW_CONTENTS;
			v->u.contents_title = get_attr(c, "title");
		} else if (is_el(c, "page-break")) {
			v->kind = PP_VIEW_PAGE_BREAK;
		} else if (is_el(c, "section")) {
			struct pp_section *s = &v->u.section;
			v->kind = PP_VIEW_SECTION;
			s->id = get_attr(c, "id");
			s->title = get_attr(c, "title");
			s->appendix = attr_is(c, "appendix", "yes");
			s->page_break = attr_is(c, "break", "page");
			s->annex = attr_is(c, "annex", "yes");
			char *o = get_attr(c, "orientation");
			s->has_orientation = o != NULL;
			s->orientation = o && !strcmp(o, "landscape") ? PP_LANDSCAPE : PP_PORTRAIT;
			free(o);
			build_views(b, c, &s->children, &s->n_children);
		} else if (is_el(c, "priority-table")) {
			v->kind = PP_VIEW_PRIORITY_TABLE;
			v->u.table.order = attr_is(c, "order", "ref") ? PP_ORDER_REF : PP_ORDER_THEME;
			v->u.table.period_id = get_attr(c, "period");
			v->u.table.group_text = get_attr(c, "group");
			v->u.table.where_text = get_attr(c, "where");
			split_attr(c, "themes", &v->u.table.theme_ids, &v->u.table.n_theme_ids);
			build_columns(b, c, &v->u.table.columns, &v->u.table.n_columns);
		} else if (is_el(c, "indicator-table")) {
			v->kind = PP_VIEW_INDICATOR_TABLE;
			v->u.itable.period_id = get_attr(c, "period");
			v->u.itable.group_text = get_attr(c, "group");
			v->u.itable.where_text = get_attr(c, "where");
			split_attr(c, "themes", &v->u.itable.theme_ids, &v->u.itable.n_theme_ids);
			build_columns(b, c, &v->u.itable.columns, &v->u.itable.n_columns);
		} else if (is_el(c, "glossary")) {
			v->kind = PP_VIEW_GLOSSARY;
			split_attr(c, "groups", &v->u.glossary.group_ids, &v->u.glossary.n_group_ids);
		} else if (is_el(c, "key-priorities")) {
			v->kind = PP_VIEW_KEY_PRIORITIES;
			split_attr(c, "themes", &v->u.key.theme_ids, &v->u.key.n_theme_ids);
			v->u.key.numbering = get_attr(c, "numbering");
		} else if (is_el(c, "matrix")) {
			v->kind = PP_VIEW_MATRIX;
			v->u.matrix.title = get_attr(c, "title");
			split_attr(c, "groups", &v->u.matrix.group_ids, &v->u.matrix.n_group_ids);
			split_attr(c, "themes", &v->u.matrix.theme_ids, &v->u.matrix.n_theme_ids);
			build_columns(b, c, &v->u.matrix.columns, &v->u.matrix.n_columns);
		} else if (is_el(c, "poster")) {
			v->kind = PP_VIEW_POSTER;
			build_poster(b, c, &v->u.poster);
		} else if (is_el(c, "assessment")) {
			v->kind = PP_VIEW_ASSESSMENT;
			build_assessment(b, c, &v->u.assessment);
		} else if (is_el(c, "status-key")) {
			v->kind = PP_VIEW_STATUS_KEY;
			v->u.status_key.scale_id = get_attr(c, "scale");
			v->u.status_key.title = get_attr(c, "title");
		} else if (is_el(c, "status-summary")) {
			struct pp_status_summary *ss = &v->u.summary;
			v->kind = PP_VIEW_STATUS_SUMMARY;
			ss->of = attr_is(c, "of", "actions")	    ? PP_COUNT_ACTIONS
				 : attr_is(c, "of", "indicators") ? PP_COUNT_INDICATORS
								  : PP_COUNT_PRIORITIES;
			ss->period_id = get_attr(c, "period");
			ss->by_theme = attr_is(c, "by", "theme");
			ss->chart = attr_is(c, "chart", "none")	   ? PP_SUMMARY_NONE
				    : attr_is(c, "chart", "donut") ? PP_SUMMARY_DONUT
				    : attr_is(c, "chart", "bar")   ? PP_SUMMARY_BAR
								   : PP_SUMMARY_PIE;
			ss->scale_id = get_attr(c, "scale");
			ss->title = get_attr(c, "title");
			ss->no_target_text = get_attr(c, "no-target");
			ss->no_target_leave_out = attr_is(c, "no-target", "leave-out");
		} else if (is_el(c, "indicator-chart")) {
			struct pp_indicator_chart *ic = &v->u.ichart;
			v->kind = PP_VIEW_INDICATOR_CHART;
			ic->indicator_id = get_attr(c, "indicator");
			ic->period_id = get_attr(c, "period");
			ic->bar = attr_is(c, "type", "bar");
			ic->periods_all = attr_is(c, "periods", "all");
			ic->show_table = !attr_is(c, "table", "no");
			ic->title = get_attr(c, "title");
		} else if (is_el(c, "linked-plans")) {
			v->kind = PP_VIEW_LINKED_PLANS;
			build_linked(b, c, &v->u.linked);
		} else if (is_el(c, "front-sheet")) {
			v->kind = PP_VIEW_FRONT_SHEET;
		} else {
			/* The schema admits nothing else; keep the slot harmless. */
			v->kind = PP_VIEW_PAGE_BREAK;
		}
	}
}

static unsigned parse_formats(const xmlNode *n)
{
	char **f;
	size_t nf;
	unsigned bits = 0;
	split_attr(n, "formats", &f, &nf);
	for (size_t i = 0; i < nf; i++) {
		if (!strcmp(f[i], "pdf"))
			bits |= 1u << 0;
		else if (!strcmp(f[i], "svg"))
			bits |= 1u << 1;
		else if (!strcmp(f[i], "png"))
			bits |= 1u << 2;
		free(f[i]);
	}
	free(f);
	return bits ? bits : 1u; /* default: pdf */
}

static void build_documents(const struct builder *b, const xmlNode *n, struct pp_doc *doc)
{
	size_t cap = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (!is_el(c, "document"))
			continue;
		struct pp_document *d;
		PUSH(d, doc->documents, doc->n_documents, cap);
		d->loc = loc_of(b, c);
		d->id = get_attr(c, "id");
		d->output = get_attr(c, "output");
		d->page = attr_is(c, "page", "A3")   ? PP_PAGE_A3
			  : attr_is(c, "page", "A2") ? PP_PAGE_A2
			  : attr_is(c, "page", "A1") ? PP_PAGE_A1
						     : PP_PAGE_A4;
		d->orientation = attr_is(c, "orientation", "landscape") ? PP_LANDSCAPE : PP_PORTRAIT;
		d->has_page = xmlHasProp(c, (const xmlChar *)"page") != NULL;
		d->has_orientation = xmlHasProp(c, (const xmlChar *)"orientation") != NULL;
		d->template_name = get_attr(c, "template");
		d->formats = parse_formats(c);
		d->period_id = get_attr(c, "period");
		d->numbered = attr_is(c, "numbered", "sub-sections") ? 2 : attr_is(c, "numbered", "yes");
		for (const xmlNode *e = c->children; e; e = e->next) {
			if (is_el(e, "facts")) {
				d->has_facts = 1;
				build_facts(b, e, &d->facts);
			}
			/* patterns keep their spaces: "Page {page} of {pages}" */
			if (is_el(e, "running-header")) {
				d->running_header = text_of(e);
				d->running_header_loc = loc_of(b, e);
			} else if (is_el(e, "running-footer")) {
				d->running_footer = text_of(e);
				d->running_footer_loc = loc_of(b, e);
			}
		}
		build_views(b, c, &d->views, &d->n_views);
	}
}

/* ---------- the plan, a part at a time ----------------------------------- */

/*
 * The builder takes a plan in parts so that a reader can hand it one
 * <priority> at a time (parse_stream.c) as well as a whole tree
 * (pp_parse_build): the same code makes the model either way.
 */
struct pp_build {
	struct builder b;
	struct pp_doc *doc;
	size_t theme_cap, priority_cap, framework_cap, indicator_cap;
};

struct pp_build *pp_build_new(const char *path, const struct pp_scan *scan, const char *text,
			      size_t len)
{
	struct pp_build *pb = pp_xcalloc(1, sizeof *pb);
	pb->doc = pp_xcalloc(1, sizeof *pb->doc);
	pb->doc->path = pp_xstrdup(path);
	pb->b = (struct builder){pb->doc->path, scan, text, len};
	return pb;
}

void pp_build_plan(struct pp_build *pb, const xmlNode *plan)
{
	pb->doc->loc = loc_of(&pb->b, plan);
	pb->doc->template_name = get_attr(plan, "template");
	pb->doc->lang = get_attr(plan, "lang");
	if (!pb->doc->lang)
		pb->doc->lang = pp_xstrdup("en-GB");
}

void pp_build_part(struct pp_build *pb, const xmlNode *n)
{
	struct pp_doc *doc = pb->doc;
	if (is_el(n, "facts")) {
		build_facts(&pb->b, n, &doc->facts);
	} else if (is_el(n, "periods")) {
		build_periods(&pb->b, n, doc);
	} else if (is_el(n, "scales")) {
		build_scales(&pb->b, n, doc);
	} else if (is_el(n, "fields")) {
		build_fields(&pb->b, n, doc);
	} else if (is_el(n, "framework")) {
		for (const xmlNode *g = n->children; g; g = g->next) {
			if (!is_el(g, "group"))
				continue;
			struct pp_fw_group *grp;
			PUSH(grp, doc->framework, doc->n_framework, pb->framework_cap);
			build_group(&pb->b, g, grp);
		}
	} else if (is_el(n, "documents")) {
		build_documents(&pb->b, n, doc);
	}
}

void pp_build_theme(struct pp_build *pb, const xmlNode *n)
{
	struct pp_theme *t;
	PUSH(t, pb->doc->themes, pb->doc->n_themes, pb->theme_cap);
	pb->priority_cap = 0;
	pb->indicator_cap = 0;
	t->loc = loc_of(&pb->b, n);
	t->id = get_attr(n, "id");
	t->title = get_attr(n, "title");
	t->short_label = get_attr(n, "short");
}

void pp_build_theme_value(struct pp_build *pb, const xmlNode *n)
{
	if (!pb->doc->n_themes || !is_el(n, "value"))
		return;
	struct pp_theme *t = &pb->doc->themes[pb->doc->n_themes - 1];
	struct pp_value *val;
	size_t cap = t->n_values;
	PUSH(val, t->values, t->n_values, cap);
	val->loc = loc_of(&pb->b, n);
	val->field_id = get_attr(n, "field");
	val->text = text_of(n);
}

void pp_build_priority(struct pp_build *pb, const xmlNode *n)
{
	if (!pb->doc->n_themes)
		return; /* the schema puts every priority in a theme */
	struct pp_theme *t = &pb->doc->themes[pb->doc->n_themes - 1];
	struct pp_priority *p;
	PUSH(p, t->priorities, t->n_priorities, pb->priority_cap);
	build_priority(&pb->b, n, p);
}

void pp_build_indicator(struct pp_build *pb, const xmlNode *n)
{
	if (!pb->doc->n_themes)
		return; /* the schema puts every indicator in a theme or priority */
	struct pp_theme *t = &pb->doc->themes[pb->doc->n_themes - 1];
	struct pp_indicator *ind;
	PUSH(ind, t->indicators, t->n_indicators, pb->indicator_cap);
	build_indicator(&pb->b, n, ind);
}

struct pp_doc *pp_build_finish(struct pp_build *pb)
{
	struct pp_doc *doc = pb->doc;
	free(pb);
	return doc;
}

void pp_build_abandon(struct pp_build *pb)
{
	if (!pb)
		return;
	pp_doc_free(pb->doc);
	free(pb);
}

/*
 * A whole tree. Each <priority> is freed from the tree as soon as it is
 * built (the model keeps copies of everything), so a long plan's peak
 * memory is about its tree, not its tree and its model together.
 */
struct pp_doc *pp_parse_build(xmlDoc *xdoc, const char *path, const struct pp_scan *scan,
			      const char *text, size_t len)
{
	struct pp_build *pb = pp_build_new(path, scan, text, len);
	xmlNode *root = xmlDocGetRootElement(xdoc);
	pp_build_plan(pb, root);
	for (xmlNode *c = root->children; c; c = c->next) {
		if (!is_el(c, "themes")) {
			pp_build_part(pb, c);
			continue;
		}
		for (xmlNode *t = c->children; t; t = t->next) {
			if (!is_el(t, "theme"))
				continue;
			pp_build_theme(pb, t);
			for (xmlNode *d = t->children, *next; d; d = next) {
				next = d->next;
				if (is_el(d, "value"))
					pp_build_theme_value(pb, d);
				if (is_el(d, "indicator"))
					pp_build_indicator(pb, d);
				if (!is_el(d, "priority"))
					continue;
				pp_build_priority(pb, d);
				xmlUnlinkNode(d);
				xmlFreeNode(d);
			}
		}
	}
	return pp_build_finish(pb);
}
