/* SPDX-License-Identifier: MIT */
/*
 * model_dump.c - the stable text form of the model (--dump=model, goldens).
 *
 * One node per line, two spaces of indent per level, `kind` then
 * `name=value` attributes in a fixed order. Strings are quoted with C
 * escapes so whitespace and control characters are visible. Positions are
 * printed as @line:col so a golden also pins where each node came from.
 * Nothing here depends on pointers, locale or time: equal models dump equal.
 */
#include "planpress/model.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"

static void indent(FILE *out, int depth)
{
	for (int i = 0; i < depth; i++)
		fputs("  ", out);
}

static void quoted(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(out, "\\x%02x", *p);
			else
				fputc(*p, out);
		}
	}
	fputc('"', out);
}

/* ` name="value"` when value is non-NULL. */
static void attr(FILE *out, const char *name, const char *value)
{
	if (!value)
		return;
	fprintf(out, " %s=", name);
	quoted(out, value);
}

static void attr_loc(FILE *out, const struct pp_loc *loc)
{
	fprintf(out, " @%u:%u", loc->line, loc->col);
}

static void attr_list(FILE *out, const char *name, char *const *v, size_t n)
{
	if (n == 0)
		return;
	fprintf(out, " %s=[", name);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(' ', out);
		quoted(out, v[i]);
	}
	fputc(']', out);
}

static void dump_spans(FILE *out, const struct pp_inline *in)
{
	for (size_t i = 0; i < in->n_spans; i++) {
		const struct pp_span *sp = &in->spans[i];
		fputc(' ', out);
		if (sp->flags & PP_SPAN_BREAK) {
			fputs("<br>", out);
			continue;
		}
		if (sp->flags & PP_SPAN_BOLD)
			fputs("b:", out);
		if (sp->flags & PP_SPAN_ITALIC)
			fputs("i:", out);
		if (sp->href) {
			fputs("a(", out);
			quoted(out, sp->href);
			fputs("):", out);
		}
		if (sp->lang)
			fprintf(out, "lang(%s):", sp->lang);
		if (sp->ref_id) {
			fputs("ref(", out);
			quoted(out, sp->ref_id);
			fputs(")", out);
			continue;
		}
		quoted(out, sp->text);
	}
	fputc('\n', out);
}

static void dump_inline(FILE *out, int depth, const char *kind, const struct pp_inline *in)
{
	indent(out, depth);
	fputs(kind, out);
	dump_spans(out, in);
}

static void dump_blocks(FILE *out, int depth, const char *kind, const struct pp_blocks *b);

static void dump_block(FILE *out, int depth, const struct pp_block *b)
{
	switch (b->kind) {
	case PP_BLOCK_PARA:
		indent(out, depth);
		fputs("p", out);
		attr(out, "id", b->id);
		attr(out, "number", b->number);
		dump_spans(out, &b->u.para);
		break;
	case PP_BLOCK_HEADING:
		dump_inline(out, depth, "h", &b->u.para);
		break;
	case PP_BLOCK_LIST:
		indent(out, depth);
		fputs(b->u.list.recommendations ? "recommendations"
		      : b->u.list.ordered	 ? "ol"
						 : "ul",
		      out);
		attr(out, "marker", b->u.list.marker);
		attr(out, "numbering", b->u.list.numbering);
		attr(out, "section", b->u.list.section_number);
		attr_loc(out, &b->loc);
		fputc('\n', out);
		for (size_t i = 0; i < b->u.list.n_items; i++) {
			if (b->u.list.items[i].id) {
				indent(out, depth + 1);
				fputs("li-id", out);
				attr(out, "id", b->u.list.items[i].id);
				fputc('\n', out);
			}
			dump_blocks(out, depth + 1, "li", b->u.list.items[i].body);
		}
		break;
	case PP_BLOCK_TABLE:
		indent(out, depth);
		fputs("table", out);
		if (b->u.table.numbers != PP_NUMBERS_LEFT)
			fprintf(out, " numbers=%s",
				b->u.table.numbers == PP_NUMBERS_RIGHT ? "right" : "decimal");
		attr_loc(out, &b->loc);
		fputc('\n', out);
		if (b->u.table.caption.n_spans)
			dump_inline(out, depth + 1, "caption", &b->u.table.caption);
		for (size_t r = 0; r < b->u.table.n_rows; r++) {
			const struct pp_table_row *row = &b->u.table.rows[r];
			indent(out, depth + 1);
			fputs("tr\n", out);
			for (size_t c = 0; c < row->n_cells; c++) {
				const struct pp_table_cell *tc = &row->cells[c];
				char kind[160];
				int n = snprintf(kind, sizeof kind, "%s", tc->header ? "th" : "td");
				if (tc->colspan > 1)
					n += snprintf(kind + n, sizeof kind - (size_t)n, " colspan=%u",
						      tc->colspan);
				if (tc->status_text)
					n += snprintf(kind + n, sizeof kind - (size_t)n, " status=%.40s",
						      tc->status		  ? tc->status->id
						      : tc->rag != PP_RAG_NONE ? pp_rag_word((enum pp_rag)tc->rag)
									       : tc->status_text);
				if (tc->scale_id)
					snprintf(kind + n, sizeof kind - (size_t)n, " scale=%.40s",
						 tc->scale_id);
				if (tc->blocks)
					dump_blocks(out, depth + 2, kind, tc->blocks);
				else
					dump_inline(out, depth + 2, kind, &tc->text);
			}
		}
		break;
	case PP_BLOCK_CHART:
		indent(out, depth);
		fprintf(out, "chart type=%s", pp_chart_kind_name(b->u.chart.kind));
		attr(out, "scale", b->u.chart.scale_id);
		attr(out, "title", b->u.chart.title);
		attr(out, "x-label", b->u.chart.x_label);
		attr(out, "y-label", b->u.chart.y_label);
		if (b->u.chart.show_table)
			fputs(" table=yes", out);
		attr_loc(out, &b->loc);
		fputc('\n', out);
		for (size_t s = 0; s < b->u.chart.n_series; s++) {
			const struct pp_series *ser = &b->u.chart.series[s];
			indent(out, depth + 1);
			fputs("series", out);
			attr(out, "name", ser->name);
			if (ser->target)
				fputs(" target=yes", out);
			fputc('\n', out);
			for (size_t p = 0; p < ser->n_points; p++) {
				indent(out, depth + 2);
				fputs("point", out);
				attr(out, "x", ser->points[p].x);
				fprintf(out, " y=%g", ser->points[p].y);
				attr(out, "status", ser->points[p].status_text);
				fputc('\n', out);
			}
		}
		break;
	}
}

static void dump_blocks(FILE *out, int depth, const char *kind, const struct pp_blocks *b)
{
	if (!b)
		return;
	indent(out, depth);
	fputs(kind, out);
	fputc('\n', out);
	for (size_t i = 0; i < b->n_items; i++)
		dump_block(out, depth + 1, &b->items[i]);
}

/* Blocks that are empty are left out, so dumps stay short. */
static void dump_opt_blocks(FILE *out, int depth, const char *kind, const struct pp_blocks *b)
{
	if (b->n_items)
		dump_blocks(out, depth, kind, b);
}

static void dump_opt_inline(FILE *out, int depth, const char *kind, const struct pp_inline *in)
{
	if (in->n_spans)
		dump_inline(out, depth, kind, in);
}

static void dump_date(FILE *out, const char *name, const struct pp_date *d)
{
	if (d->year)
		fprintf(out, " %s=%04d-%02d-%02d", name, d->year, d->month, d->day);
}

static void dump_group(FILE *out, int depth, const struct pp_fw_group *g)
{
	indent(out, depth);
	fputs("group", out);
	attr(out, "id", g->id);
	attr(out, "label", g->label);
	if (g->ref_upper)
		fputs(" ref-case=upper", out);
	attr(out, "code-suffix", g->code_suffix);
	attr_loc(out, &g->loc);
	fputc('\n', out);
	for (size_t i = 0; i < g->n_groups; i++)
		dump_group(out, depth + 1, &g->groups[i]);
	for (size_t i = 0; i < g->n_items; i++) {
		const struct pp_fw_item *it = &g->items[i];
		indent(out, depth + 1);
		fprintf(out, "item #%zu", it->index);
		attr(out, "id", it->id);
		attr(out, "code", it->code);
		attr(out, "label", it->label);
		attr_loc(out, &it->loc);
		fputc('\n', out);
		dump_opt_inline(out, depth + 2, "description", &it->description);
	}
}

static const char *rag_attr(enum pp_rag rag, const char *text)
{
	if (rag != PP_RAG_NONE)
		return pp_rag_word(rag);
	return text; /* unchecked model: show what was written */
}

/* `rag=GREEN`, or `status=on-target` for a declared scale's value. */
static void status_attr(FILE *out, enum pp_rag rag, const struct pp_status *st, const char *text)
{
	if (st)
		attr(out, "status", st->id);
	else
		attr(out, "rag", rag_attr(rag, text));
}

/* Custom field values, one line each: `value field="pct" "40"`. */
static void dump_values(FILE *out, int depth, const struct pp_value *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		indent(out, depth);
		fputs("value", out);
		attr(out, "field", v[i].field_id);
		fputc(' ', out);
		quoted(out, v[i].text);
		if (v[i].status)
			attr(out, "status", v[i].status->id);
		else if (v[i].rag != PP_RAG_NONE)
			attr(out, "rag", pp_rag_word(v[i].rag));
		attr_loc(out, &v[i].loc);
		fputc('\n', out);
	}
}

/* A worked-out number, as the indicator prints it. */
static void attr_figure(FILE *out, const char *name, const struct pp_indicator *ind, double v)
{
	char *t = pp_indicator_format(ind, v);
	attr(out, name, t);
	free(t);
}

static const char *const trend_names[] = {
	[PP_TREND_NONE] = NULL, [PP_TREND_BETTER] = "better", [PP_TREND_WORSE] = "worse",
	[PP_TREND_SAME] = "same",
};

/* What check worked out, one line per period with anything to say. */
static void dump_ind_results(FILE *out, int depth, const struct pp_indicator *ind)
{
	for (size_t i = 0; i < ind->n_at; i++) {
		const struct pp_ind_period *r = &ind->at[i];
		if (!r->has_value && r->missing == PP_MISSING_NONE && !r->target && !r->override)
			continue;
		indent(out, depth);
		fputs("at", out);
		attr(out, "period", r->period->id);
		if (r->has_value)
			attr_figure(out, "value", ind, r->value);
		else
			attr(out, "none", pp_ind_no_status_text(ind, r));
		if (r->as_at)
			attr(out, "as-at", r->as_at->id);
		if (r->has_value && r->no_target)
			attr(out, "no-target", r->no_target);
		if (r->target && ind->polarity == PP_POLARITY_BAND) {
			attr_figure(out, "low", ind, r->target->low);
			attr_figure(out, "high", ind, r->target->high);
		} else if (r->target) {
			attr_figure(out, "target", ind, r->target->value);
		}
		if (r->status || r->rag != PP_RAG_NONE)
			attr(out, "status", r->status ? r->status->id : pp_rag_word(r->rag));
		if (r->override)
			fputs(" overridden", out);
		if (r->has_ytd)
			attr_figure(out, "ytd", ind, r->ytd);
		attr(out, "trend", trend_names[r->trend_prev]);
		attr(out, "trend-year", trend_names[r->trend_year]);
		fputc('\n', out);
	}
}

static void dump_indicators(FILE *out, int depth, const struct pp_indicator *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct pp_indicator *ind = &v[i];
		indent(out, depth);
		fputs("indicator", out);
		attr(out, "id", ind->id);
		attr(out, "ref", ind->ref);
		attr(out, "unit", ind->unit_text);
		attr(out, "polarity", ind->polarity_text);
		attr(out, "decimals", ind->decimals_text);
		attr(out, "thousands", ind->thousands_text);
		attr(out, "frequency", ind->frequency);
		attr(out, "ytd", ind->ytd_text);
		attr(out, "scale", ind->scale_id);
		attr(out, "targets", ind->targets_text);
		attr(out, "over-100", ind->over_text);
		attr_loc(out, &ind->loc);
		fputc('\n', out);
		dump_values(out, depth + 1, ind->values, ind->n_values);
		dump_inline(out, depth + 1, "title", &ind->title);
		dump_opt_blocks(out, depth + 1, "description", &ind->description);
		for (size_t k = 0; k < ind->n_owners; k++)
			dump_inline(out, depth + 1, "owner", &ind->owners[k]);
		if (ind->has_baseline) {
			indent(out, depth + 1);
			fputs("baseline", out);
			attr(out, "period", ind->baseline_period_id);
			fputc(' ', out);
			quoted(out, ind->baseline_text);
			attr_loc(out, &ind->baseline_loc);
			fputc('\n', out);
		}
		for (size_t k = 0; k < ind->n_targets; k++) {
			const struct pp_ind_target *t = &ind->targets[k];
			indent(out, depth + 1);
			fputs("target", out);
			attr(out, "period", t->period_id);
			attr(out, "year", t->year_text);
			attr(out, "low", t->low_text);
			attr(out, "high", t->high_text);
			attr(out, "tolerance", t->tolerance_text);
			if (t->text && *t->text) {
				fputc(' ', out);
				quoted(out, t->text);
			}
			attr_loc(out, &t->loc);
			fputc('\n', out);
		}
		for (size_t k = 0; k < ind->n_actuals; k++) {
			const struct pp_ind_actual *a = &ind->actuals[k];
			indent(out, depth + 1);
			fputs("actual", out);
			attr(out, "period", a->period_id);
			attr(out, "missing", a->missing_text);
			attr(out, "reason", a->reason);
			if (a->text && *a->text) {
				fputc(' ', out);
				quoted(out, a->text);
			}
			attr_loc(out, &a->loc);
			fputc('\n', out);
		}
		for (size_t k = 0; k < ind->n_comparators; k++) {
			const struct pp_ind_comparator *cm = &ind->comparators[k];
			indent(out, depth + 1);
			fputs("comparator", out);
			attr(out, "name", cm->name);
			attr(out, "period", cm->period_id);
			fputc(' ', out);
			quoted(out, cm->text);
			attr_loc(out, &cm->loc);
			fputc('\n', out);
		}
		for (size_t k = 0; k < ind->n_overrides; k++) {
			const struct pp_ind_override *ov = &ind->overrides[k];
			indent(out, depth + 1);
			fputs("override", out);
			attr(out, "period", ov->period_id);
			attr(out, "status", ov->status_text);
			attr_loc(out, &ov->loc);
			fputc('\n', out);
			dump_inline(out, depth + 2, "reason", &ov->reason);
		}
		for (size_t k = 0; k < ind->n_notes; k++) {
			char kind[96];
			snprintf(kind, sizeof kind, "commentary period=%s",
				 ind->notes[k].period_id ? ind->notes[k].period_id : "");
			dump_blocks(out, depth + 1, kind, &ind->notes[k].text);
		}
		dump_ind_results(out, depth + 1, ind);
	}
}

static void dump_priority(FILE *out, int depth, const struct pp_doc *doc,
			  const struct pp_priority *p)
{
	indent(out, depth);
	fputs("priority", out);
	attr(out, "id", p->id);
	attr(out, "ref", p->ref);
	attr_list(out, "also", p->also_ids, p->n_also_ids);
	char *link = pp_priority_link(doc, p);
	if (link[0])
		attr(out, "link", link);
	free(link);
	attr_loc(out, &p->loc);
	fputc('\n', out);
	dump_values(out, depth + 1, p->values, p->n_values);
	dump_inline(out, depth + 1, "title", &p->title);
	dump_opt_inline(out, depth + 1, "statement", &p->statement);
	for (size_t i = 0; i < p->n_leads; i++)
		dump_inline(out, depth + 1, "lead", &p->leads[i]);
	dump_opt_blocks(out, depth + 1, "outcomes", &p->outcomes);
	dump_opt_blocks(out, depth + 1, "how", &p->how);
	dump_opt_blocks(out, depth + 1, "measures", &p->measures);
	if (p->n_aligns) {
		indent(out, depth + 1);
		fputs("align", out);
		for (size_t i = 0; i < p->n_aligns; i++)
			fprintf(out, " %s", p->aligns[i].item_id);
		fputc('\n', out);
	}
	for (size_t a = 0; a < p->n_actions; a++) {
		const struct pp_action *ac = &p->actions[a];
		indent(out, depth + 1);
		fputs("action", out);
		attr(out, "id", ac->id);
		attr(out, "label", ac->label);
		attr_loc(out, &ac->loc);
		fputc('\n', out);
		dump_values(out, depth + 2, ac->values, ac->n_values);
		if (ac->has_text && !ac->text.n_items) {
			indent(out, depth + 2);
			fputs("text (empty)\n", out);
		}
		dump_opt_blocks(out, depth + 2, "text", &ac->text);
		for (size_t i = 0; i < ac->n_leads; i++)
			dump_inline(out, depth + 2, "lead", &ac->leads[i]);
		dump_opt_blocks(out, depth + 2, "measures", &ac->measures);
		dump_opt_blocks(out, depth + 2, "success", &ac->success);
		for (size_t l = 0; l < ac->n_lines; l++) {
			const struct pp_line *ln = &ac->lines[l];
			indent(out, depth + 2);
			fputs("line", out);
			status_attr(out, ln->rag, ln->status, ln->rag_text);
			attr(out, "period", ln->period_id);
			attr_loc(out, &ln->loc);
			fputc('\n', out);
			dump_values(out, depth + 3, ln->values, ln->n_values);
			dump_opt_blocks(out, depth + 3, "success", &ln->success);
			dump_opt_blocks(out, depth + 3, "impact", &ln->impact);
			dump_opt_blocks(out, depth + 3, "timescale", &ln->timescale);
		}
	}
	for (size_t u = 0; u < p->n_updates; u++) {
		const struct pp_update *up = &p->updates[u];
		indent(out, depth + 1);
		fputs("update", out);
		attr(out, "period", up->period_id);
		status_attr(out, up->rag, up->status, up->rag_text);
		attr_loc(out, &up->loc);
		fputc('\n', out);
		dump_values(out, depth + 2, up->values, up->n_values);
		dump_opt_blocks(out, depth + 2, "timescale", &up->timescale);
		dump_opt_blocks(out, depth + 2, "milestones", &up->milestones);
		dump_opt_blocks(out, depth + 2, "commentary", &up->commentary);
	}
	dump_indicators(out, depth + 1, p->indicators, p->n_indicators);
}

static const char *width_text(const struct pp_column *c, char *buf, size_t n)
{
	switch (c->width.kind) {
	case PP_WIDTH_AUTO:
		return c->width_text && strcmp(c->width_text, "auto") ? c->width_text : "auto";
	case PP_WIDTH_PERCENT:
		snprintf(buf, n, "%g%%", c->width.value);
		return buf;
	case PP_WIDTH_POINTS:
		snprintf(buf, n, "%gpt", c->width.value);
		return buf;
	case PP_WIDTH_SHARE:
		snprintf(buf, n, "%g*", c->width.value);
		return buf;
	}
	return "";
}

static void dump_columns(FILE *out, int depth, const struct pp_column *c, size_t n)
{
	char buf[64];
	for (size_t i = 0; i < n; i++) {
		indent(out, depth);
		fputs("column", out);
		attr(out, "field", c[i].field_text);
		attr(out, "width", width_text(&c[i], buf, sizeof buf));
		if (c[i].show_bar)
			fputs(" show=bar", out);
		if (c[i].join_and)
			fputs(" join=and", out);
		if (c[i].merge)
			fputs(" merge=same", out);
		attr(out, "periods", c[i].periods_text);
		attr(out, "period", c[i].period_id);
		attr(out, "name", c[i].name);
		attr_loc(out, &c[i].loc);
		fputc('\n', out);
		dump_opt_inline(out, depth + 1, "header", &c[i].header);
	}
}

static void dump_view(FILE *out, int depth, const struct pp_view *v)
{
	indent(out, depth);
	switch (v->kind) {
	case PP_VIEW_BLOCKS:
		fputs("blocks", out);
		attr_loc(out, &v->loc);
		fputc('\n', out);
		for (size_t i = 0; i < v->u.blocks.n_items; i++)
			dump_block(out, depth + 1, &v->u.blocks.items[i]);
		break;
	case PP_VIEW_SECTION:
		fputs("section", out);
		attr(out, "id", v->u.section.id);
		attr(out, "title", v->u.section.title);
		if (v->u.section.appendix)
			fputs(" appendix=yes", out);
		if (v->u.section.page_break)
			fputs(" break=page", out);
		if (v->u.section.annex)
			fputs(" annex=yes", out);
		attr(out, "number", v->u.section.number);
		if (v->u.section.has_orientation)
			fprintf(out, " orientation=%s",
				v->u.section.orientation == PP_LANDSCAPE ? "landscape" : "portrait");
		attr_loc(out, &v->loc);
		fputc('\n', out);
		for (size_t i = 0; i < v->u.section.n_children; i++)
			dump_view(out, depth + 1, &v->u.section.children[i]);
		break;
	case PP_VIEW_PRIORITY_TABLE:
		fputs("priority-table", out);
		fprintf(out, " order=%s", v->u.table.order == PP_ORDER_REF ? "ref" : "theme");
		attr(out, "period", v->u.table.period_id);
		attr(out, "group", v->u.table.group_text);
		attr(out, "where", v->u.table.where_text);
		attr_list(out, "themes", v->u.table.theme_ids, v->u.table.n_theme_ids);
		attr_loc(out, &v->loc);
		fputc('\n', out);
		dump_columns(out, depth + 1, v->u.table.columns, v->u.table.n_columns);
		break;
	case PP_VIEW_GLOSSARY:
		fputs("glossary", out);
		attr_list(out, "groups", v->u.glossary.group_ids, v->u.glossary.n_group_ids);
		attr_loc(out, &v->loc);
		fputc('\n', out);
		break;
	case PP_VIEW_KEY_PRIORITIES:
		fputs("key-priorities", out);
		attr_list(out, "themes", v->u.key.theme_ids, v->u.key.n_theme_ids);
		attr(out, "numbering", v->u.key.numbering);
		attr_loc(out, &v->loc);
		fputc('\n', out);
		break;
	case PP_VIEW_COVER:
		fputs("cover", out);
		attr(out, "kind", v->u.cover_report ? "report" : NULL);
		attr_loc(out, &v->loc);
		fputc('\n', out);
		break;
	case PP_VIEW_CONTENTS:
		fputs("contents", out);
		attr(out, "title", v->u.contents_title);
		attr_loc(out, &v->loc);
		fputc('\n', out);
		break;
	case PP_VIEW_FRONT_SHEET:
		fputs("front-sheet", out);
		attr_loc(out, &v->loc);
		fputc('\n', out);
		break;
	case PP_VIEW_PAGE_BREAK:
		fputs("page-break", out);
		attr_loc(out, &v->loc);
		fputc('\n', out);
		break;
	case PP_VIEW_MATRIX:
		fputs("matrix", out);
		attr(out, "title", v->u.matrix.title);
		attr_list(out, "groups", v->u.matrix.group_ids, v->u.matrix.n_group_ids);
		attr_list(out, "themes", v->u.matrix.theme_ids, v->u.matrix.n_theme_ids);
		attr_loc(out, &v->loc);
		fputc('\n', out);
		dump_columns(out, depth + 1, v->u.matrix.columns, v->u.matrix.n_columns);
		break;
	case PP_VIEW_POSTER:
		fprintf(out, "poster columns=%u", v->u.poster.columns);
		attr(out, "title", v->u.poster.title);
		attr_loc(out, &v->loc);
		fputc('\n', out);
		if (v->u.poster.has_banner) {
			indent(out, depth + 1);
			fputs("banner", out);
			attr(out, "title", v->u.poster.banner_title);
			fputc('\n', out);
			for (size_t i = 0; i < v->u.poster.banner.n_items; i++)
				dump_block(out, depth + 2, &v->u.poster.banner.items[i]);
		}
		for (size_t t = 0; t < v->u.poster.n_tiers; t++) {
			const struct pp_poster_tier *tier = &v->u.poster.tiers[t];
			indent(out, depth + 1);
			fputs("tier", out);
			attr(out, "label", tier->label);
			attr(out, "from-theme", tier->from_theme_id);
			if (tier->from != PP_TIER_BOXES)
				fputs(tier->from == PP_TIER_THEMES ? " from=themes" : " from=priorities",
				      out);
			if (tier->connect_up)
				fputs(" connect=up", out);
			attr_loc(out, &tier->loc);
			fputc('\n', out);
			for (size_t b = 0; b < tier->n_boxes; b++) {
				char *kind = pp_xasprintf("box span=%u%s%s", tier->boxes[b].span,
							  tier->boxes[b].theme_id ? " theme=" : "",
							  tier->boxes[b].theme_id ? tier->boxes[b].theme_id
										  : "");
				dump_inline(out, depth + 2, kind, &tier->boxes[b].text);
				free(kind);
			}
		}
		break;
	case PP_VIEW_ASSESSMENT:
		fputs("assessment", out);
		attr_loc(out, &v->loc);
		fputc('\n', out);
		dump_columns(out, depth + 1, v->u.assessment.columns, v->u.assessment.n_columns);
		for (size_t a = 0; a < v->u.assessment.n_areas; a++) {
			const struct pp_area *ar = &v->u.assessment.areas[a];
			indent(out, depth + 1);
			fputs("area", out);
			attr(out, "title", ar->title);
			attr_loc(out, &ar->loc);
			fputc('\n', out);
			for (size_t q = 0; q < ar->n_questions; q++) {
				indent(out, depth + 2);
				fputs("question", out);
				attr_loc(out, &ar->questions[q].loc);
				fputc('\n', out);
				dump_inline(out, depth + 3, "ask", &ar->questions[q].ask);
				dump_blocks(out, depth + 3, "response", &ar->questions[q].response);
			}
		}
		break;
	case PP_VIEW_INDICATOR_TABLE:
		fputs("indicator-table", out);
		attr(out, "period", v->u.itable.period_id);
		attr(out, "group", v->u.itable.group_text);
		attr(out, "where", v->u.itable.where_text);
		attr_list(out, "themes", v->u.itable.theme_ids, v->u.itable.n_theme_ids);
		attr_loc(out, &v->loc);
		fputc('\n', out);
		dump_columns(out, depth + 1, v->u.itable.columns, v->u.itable.n_columns);
		break;
	case PP_VIEW_STATUS_SUMMARY: {
		static const char *const charts[] = { "none", "pie", "donut", "bar" };
		const struct pp_status_summary *ss = &v->u.summary;
		fprintf(out, "status-summary of=%s by=%s chart=%s",
			ss->of == PP_COUNT_ACTIONS	   ? "actions"
			: ss->of == PP_COUNT_INDICATORS ? "indicators"
							: "priorities",
			ss->by_theme ? "theme" : "none", charts[ss->chart]);
		attr(out, "period", ss->period_id);
		attr(out, "scale", ss->scale_id);
		attr(out, "title", ss->title);
		attr_loc(out, &v->loc);
		fputc('\n', out);
		break;
	}
	case PP_VIEW_INDICATOR_CHART: {
		const struct pp_indicator_chart *ic = &v->u.ichart;
		fprintf(out, "indicator-chart type=%s periods=%s table=%s", ic->bar ? "bar" : "line",
			ic->periods_all ? "all" : "year", ic->show_table ? "yes" : "no");
		attr(out, "indicator", ic->indicator_id);
		attr(out, "period", ic->period_id);
		attr(out, "title", ic->title);
		attr_loc(out, &v->loc);
		fputc('\n', out);
		break;
	}
	case PP_VIEW_STATUS_KEY:
		fputs("status-key", out);
		attr(out, "scale", v->u.status_key.scale_id);
		attr(out, "title", v->u.status_key.title);
		attr_loc(out, &v->loc);
		fputc('\n', out);
		break;
	case PP_VIEW_LINKED_PLANS:
		fputs("linked-plans", out);
		attr_loc(out, &v->loc);
		fputc('\n', out);
		dump_columns(out, depth + 1, v->u.linked.columns, v->u.linked.n_columns);
		for (size_t i = 0; i < v->u.linked.n_plans; i++) {
			const struct pp_linked_plan *lp = &v->u.linked.plans[i];
			indent(out, depth + 1);
			fputs("linked-plan", out);
			attr_list(out, "priorities", lp->priority_ids, lp->n_priority_ids);
			attr(out, "href", lp->href);
			attr_loc(out, &lp->loc);
			fputc('\n', out);
			dump_inline(out, depth + 2, "name", &lp->name);
			dump_opt_inline(out, depth + 2, "lead", &lp->lead);
			dump_opt_inline(out, depth + 2, "link-text", &lp->link_text);
			dump_opt_inline(out, depth + 2, "connects", &lp->connects);
		}
		break;
	}
}

static const char *const page_names[] = {
	[PP_PAGE_A4] = "A4", [PP_PAGE_A3] = "A3", [PP_PAGE_A2] = "A2", [PP_PAGE_A1] = "A1"};

static void fact(FILE *out, int depth, const char *name, const char *value)
{
	if (!value)
		return;
	indent(out, depth);
	fputs(name, out);
	fputc(' ', out);
	quoted(out, value);
	fputc('\n', out);
}

static void dump_facts(FILE *out, int depth, const struct pp_facts *f)
{
	fact(out, depth, "organisation", f->organisation);
	fact(out, depth, "title", f->title);
	fact(out, depth, "subtitle", f->subtitle);
	fact(out, depth, "period", f->period);
	fact(out, depth, "strapline", f->strapline);
	fact(out, depth, "vision-title", f->vision_title);
	dump_opt_blocks(out, depth, "vision", &f->vision);
	fact(out, depth, "status", f->status);
	fact(out, depth, "committee", f->committee);
	if (f->meeting_text || f->has_meeting_date || f->meeting_date_text) {
		indent(out, depth);
		fputs("meeting", out);
		if (f->has_meeting_date)
			dump_date(out, "date", &f->meeting_date);
		else
			attr(out, "date", f->meeting_date_text);
		attr(out, "text", f->meeting_text);
		fputc('\n', out);
	}
	if (f->author) {
		indent(out, depth);
		fputs("author", out);
		attr(out, "name", f->author);
		attr(out, "role", f->author_role);
		fputc('\n', out);
	}
	fact(out, depth, "report-of", f->report_of);
	fact(out, depth, "purpose", f->purpose);
	fact(out, depth, "wards", f->wards);
	if (f->key_decision >= 0) {
		indent(out, depth);
		fprintf(out, "key-decision %s", f->key_decision ? "yes" : "no");
		attr(out, "forward-plan", f->forward_plan);
		fputc('\n', out);
	}
	if (f->exempt >= 0) {
		indent(out, depth);
		fprintf(out, "exempt %s", f->exempt ? "yes" : "no");
		attr(out, "reason", f->exempt_reason);
		fputc('\n', out);
	}
	if (f->contact) {
		indent(out, depth);
		fputs("contact", out);
		attr(out, "name", f->contact);
		attr(out, "email", f->contact_email);
		attr(out, "phone", f->contact_phone);
		fputc('\n', out);
	}
	fact(out, depth, "background-papers", f->background_papers);
}

void pp_model_dump(const struct pp_doc *doc, FILE *out)
{
	fputs("plan", out);
	attr(out, "template", doc->template_name);
	attr(out, "lang", doc->lang);
	fputc('\n', out);

	indent(out, 1);
	fputs("facts\n", out);
	dump_facts(out, 2, &doc->facts);

	indent(out, 1);
	fputs("periods\n", out);
	for (size_t i = 0; i < doc->n_periods; i++) {
		const struct pp_period *p = &doc->periods[i];
		indent(out, 2);
		fputs(p->quarter || p->q_text ? "quarter" : "span", out);
		attr(out, "id", p->id);
		attr(out, "label", p->label);
		dump_date(out, "start", &p->start);
		dump_date(out, "end", &p->end);
		attr_loc(out, &p->loc);
		fputc('\n', out);
	}

	if (doc->n_scales) {
		indent(out, 1);
		fputs("scales\n", out);
	}
	for (size_t i = 0; i < doc->n_scales; i++) {
		const struct pp_scale *sc = &doc->scales[i];
		indent(out, 2);
		fputs("scale", out);
		attr(out, "id", sc->id);
		attr(out, "name", sc->name);
		attr_list(out, "for", sc->for_kinds, sc->n_for_kinds);
		if (sc->from_template)
			fputs(" from=template", out);
		attr_loc(out, &sc->loc);
		fputc('\n', out);
		for (size_t v = 0; v < sc->n_values; v++) {
			const struct pp_status *st = &sc->values[v];
			indent(out, 3);
			fputs("status", out);
			attr(out, "id", st->id);
			attr(out, "label", st->label);
			attr(out, "symbol", st->symbol);
			attr(out, "fill", st->fill_text);
			attr(out, "text", st->text_text);
			attr(out, "means", st->means_text);
			attr_loc(out, &st->loc);
			fputc('\n', out);
			dump_opt_inline(out, 4, "meaning", &st->meaning);
		}
	}
	if (doc->n_fields) {
		indent(out, 1);
		fputs("fields\n", out);
	}
	for (size_t i = 0; i < doc->n_fields; i++) {
		const struct pp_field_def *fd = &doc->fields[i];
		indent(out, 2);
		fputs("field", out);
		attr(out, "id", fd->id);
		attr(out, "label", fd->label);
		attr(out, "type", fd->type_text);
		attr(out, "on", fd->on_text);
		attr(out, "scale", fd->scale_id);
		attr_loc(out, &fd->loc);
		fputc('\n', out);
	}

	indent(out, 1);
	fputs("framework\n", out);
	for (size_t i = 0; i < doc->n_framework; i++)
		dump_group(out, 2, &doc->framework[i]);

	indent(out, 1);
	fputs("themes\n", out);
	for (size_t i = 0; i < doc->n_themes; i++) {
		const struct pp_theme *t = &doc->themes[i];
		indent(out, 2);
		fputs("theme", out);
		attr(out, "id", t->id);
		attr(out, "title", t->title);
		attr(out, "short", t->short_label);
		attr_loc(out, &t->loc);
		fputc('\n', out);
		dump_values(out, 3, t->values, t->n_values);
		dump_indicators(out, 3, t->indicators, t->n_indicators);
		for (size_t p = 0; p < t->n_priorities; p++)
			dump_priority(out, 3, doc, &t->priorities[p]);
	}

	indent(out, 1);
	fputs("documents\n", out);
	for (size_t i = 0; i < doc->n_documents; i++) {
		const struct pp_document *d = &doc->documents[i];
		indent(out, 2);
		fputs("document", out);
		attr(out, "id", d->id);
		attr(out, "output", d->output);
		fprintf(out, " page=%s orientation=%s", page_names[d->page],
			d->orientation == PP_LANDSCAPE ? "landscape" : "portrait");
		attr(out, "template", d->template_name);
		attr(out, "period", d->period_id);
		fputs(" formats=", out);
		static const char *const fmt_names[] = {"pdf", "svg", "png"};
		int first = 1;
		for (unsigned k = 0; k < 3; k++) {
			if (d->formats & (1u << k)) {
				fprintf(out, "%s%s", first ? "" : ",", fmt_names[k]);
				first = 0;
			}
		}
		if (first)
			fputs("none", out);
		if (d->numbered)
			fputs(d->numbered == 2 ? " numbered=sub-sections" : " numbered=yes", out);
		attr_loc(out, &d->loc);
		fputc('\n', out);
		if (d->running_header) {
			indent(out, 3);
			fputs("running-header ", out);
			quoted(out, d->running_header);
			fputc('\n', out);
		}
		if (d->running_footer) {
			indent(out, 3);
			fputs("running-footer ", out);
			quoted(out, d->running_footer);
			fputc('\n', out);
		}
		if (d->has_facts) {
			indent(out, 3);
			fputs("facts\n", out);
			dump_facts(out, 4, &d->facts);
		}
		for (size_t v = 0; v < d->n_views; v++)
			dump_view(out, 3, &d->views[v]);
	}
}
