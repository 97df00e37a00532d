/* SPDX-License-Identifier: MIT */
/*
 * model.c - the plan model's small vocabulary: ratings, column fields,
 * link codes, natural ref order, and freeing the tree.
 *
 * Invariant: the document owns every node and string below it;
 * pp_doc_free() is the only call that releases them.
 */
#include "planpress/model.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "planpress/filter.h"

/* ---------- freeing ------------------------------------------------------ */

static void free_blocks(struct pp_blocks *b);

static void free_inline(struct pp_inline *in)
{
	for (size_t i = 0; i < in->n_spans; i++) {
		free(in->spans[i].text);
		free(in->spans[i].href);
		free(in->spans[i].lang);
		free(in->spans[i].ref_id);
	}
	free(in->spans);
}

static void free_inlines(struct pp_inline *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free_inline(&v[i]);
	free(v);
}

static void free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void free_block(struct pp_block *b)
{
	free(b->id);
	free(b->number);
	switch (b->kind) {
	case PP_BLOCK_PARA:
	case PP_BLOCK_HEADING:
		free_inline(&b->u.para);
		break;
	case PP_BLOCK_LIST:
		for (size_t i = 0; i < b->u.list.n_items; i++) {
			free_blocks(b->u.list.items[i].body);
			free(b->u.list.items[i].body);
			free(b->u.list.items[i].id);
		}
		free(b->u.list.items);
		free(b->u.list.marker);
		free(b->u.list.numbering);
		free(b->u.list.section_number);
		break;
	case PP_BLOCK_TABLE:
		free_inline(&b->u.table.caption);
		for (size_t r = 0; r < b->u.table.n_rows; r++) {
			struct pp_table_row *row = &b->u.table.rows[r];
			for (size_t c = 0; c < row->n_cells; c++) {
				free_inline(&row->cells[c].text);
				free_blocks(row->cells[c].blocks);
				free(row->cells[c].blocks);
				free(row->cells[c].status_text);
				free(row->cells[c].scale_id);
			}
			free(row->cells);
		}
		free(b->u.table.rows);
		break;
	case PP_BLOCK_CHART:
		free(b->u.chart.title);
		free(b->u.chart.x_label);
		free(b->u.chart.y_label);
		for (size_t s = 0; s < b->u.chart.n_series; s++) {
			struct pp_series *ser = &b->u.chart.series[s];
			free(ser->name);
			for (size_t p = 0; p < ser->n_points; p++) {
				free(ser->points[p].x);
				free(ser->points[p].status_text);
				free(ser->points[p].y_text);
			}
			free(ser->points);
		}
		free(b->u.chart.series);
		free(b->u.chart.scale_id);
		break;
	}
}

static void free_blocks(struct pp_blocks *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->n_items; i++)
		free_block(&b->items[i]);
	free(b->items);
}

static void free_group(struct pp_fw_group *g)
{
	free(g->id);
	free(g->label);
	free(g->code_suffix);
	for (size_t i = 0; i < g->n_groups; i++)
		free_group(&g->groups[i]);
	free(g->groups);
	for (size_t i = 0; i < g->n_items; i++) {
		struct pp_fw_item *it = &g->items[i];
		free(it->id);
		free(it->code);
		free(it->label);
		free_inline(&it->description);
	}
	free(g->items);
}

static void free_values(struct pp_value *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].field_id);
		free(v[i].text);
	}
	free(v);
}

static void free_action(struct pp_action *a)
{
	free(a->id);
	free(a->label);
	free_blocks(&a->text);
	free_inlines(a->leads, a->n_leads);
	free_blocks(&a->measures);
	free_blocks(&a->success);
	for (size_t i = 0; i < a->n_lines; i++) {
		struct pp_line *l = &a->lines[i];
		free(l->period_id);
		free(l->rag_text);
		free_values(l->values, l->n_values);
		free_blocks(&l->success);
		free_blocks(&l->impact);
		free_blocks(&l->timescale);
	}
	free(a->lines);
	free_values(a->values, a->n_values);
}

static void free_indicators(struct pp_indicator *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct pp_indicator *ind = &v[i];
		free(ind->id);
		free(ind->ref);
		free_inline(&ind->title);
		free_blocks(&ind->description);
		free(ind->unit_text);
		free(ind->decimals_text);
		free(ind->thousands_text);
		free(ind->polarity_text);
		free(ind->ytd_text);
		free(ind->scale_id);
		free(ind->targets_text);
		free(ind->over_text);
		free(ind->status_on_text);
		free(ind->no_change_text);
		free(ind->no_change_pct_text);
		free(ind->frequency);
		free_inlines(ind->owners, ind->n_owners);
		free_values(ind->values, ind->n_values);
		free(ind->baseline_text);
		free(ind->baseline_period_id);
		for (size_t k = 0; k < ind->n_targets; k++) {
			struct pp_ind_target *t = &ind->targets[k];
			free(t->period_id);
			free(t->year_text);
			free(t->text);
			free(t->low_text);
			free(t->high_text);
			free(t->tolerance_text);
			free(t->tolerance_pct_text);
			free(t->stretch_text);
			free(t->cumulative_text);
			free(t->none);
		}
		free(ind->targets);
		for (size_t k = 0; k < ind->n_actuals; k++) {
			free(ind->actuals[k].period_id);
			free(ind->actuals[k].text);
			free(ind->actuals[k].missing_text);
			free(ind->actuals[k].reason);
		}
		free(ind->actuals);
		for (size_t k = 0; k < ind->n_notes; k++) {
			free(ind->notes[k].period_id);
			free_blocks(&ind->notes[k].text);
		}
		free(ind->notes);
		for (size_t k = 0; k < ind->n_comparators; k++) {
			free(ind->comparators[k].name);
			free(ind->comparators[k].period_id);
			free(ind->comparators[k].text);
		}
		free(ind->comparators);
		for (size_t k = 0; k < ind->n_overrides; k++) {
			free(ind->overrides[k].period_id);
			free(ind->overrides[k].status_text);
			free_inline(&ind->overrides[k].reason);
		}
		free(ind->overrides);
		free(ind->at);
		free(ind->profiled); /* shares of targets: their strings are borrowed */
	}
	free(v);
}

static void free_priority(struct pp_priority *p)
{
	free(p->id);
	free(p->ref);
	free_inline(&p->title);
	free_inline(&p->statement);
	free_inlines(p->leads, p->n_leads);
	free_blocks(&p->outcomes);
	free_blocks(&p->how);
	free_blocks(&p->measures);
	for (size_t i = 0; i < p->n_aligns; i++)
		free(p->aligns[i].item_id);
	free(p->aligns);
	for (size_t i = 0; i < p->n_actions; i++)
		free_action(&p->actions[i]);
	free(p->actions);
	for (size_t i = 0; i < p->n_updates; i++) {
		struct pp_update *u = &p->updates[i];
		free(u->period_id);
		free(u->rag_text);
		free_values(u->values, u->n_values);
		free_blocks(&u->timescale);
		free_blocks(&u->milestones);
		free_blocks(&u->commentary);
	}
	free(p->updates);
	free_strings(p->also_ids, p->n_also_ids);
	free(p->also);
	free_values(p->values, p->n_values);
	free_indicators(p->indicators, p->n_indicators);
}

static void free_columns(struct pp_column *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(c[i].field_text);
		free(c[i].width_text);
		free(c[i].periods_text);
		free(c[i].period_id);
		free(c[i].name);
		free_inline(&c[i].header);
	}
	free(c);
}

static void free_view(struct pp_view *v)
{
	switch (v->kind) {
	case PP_VIEW_BLOCKS:
		free_blocks(&v->u.blocks);
		break;
	case PP_VIEW_SECTION:
		free(v->u.section.id);
		free(v->u.section.title);
		free(v->u.section.number);
		for (size_t i = 0; i < v->u.section.n_children; i++)
			free_view(&v->u.section.children[i]);
		free(v->u.section.children);
		break;
	case PP_VIEW_PRIORITY_TABLE:
		free(v->u.table.where_text);
		pp_filter_free(v->u.table.where);
		free(v->u.table.period_id);
		free(v->u.table.group_text);
		free_strings(v->u.table.theme_ids, v->u.table.n_theme_ids);
		free_columns(v->u.table.columns, v->u.table.n_columns);
		break;
	case PP_VIEW_INDICATOR_TABLE:
		free(v->u.itable.period_id);
		free(v->u.itable.group_text);
		free(v->u.itable.where_text);
		pp_filter_free(v->u.itable.where);
		free_strings(v->u.itable.theme_ids, v->u.itable.n_theme_ids);
		free_columns(v->u.itable.columns, v->u.itable.n_columns);
		break;
	case PP_VIEW_GLOSSARY:
		free_strings(v->u.glossary.group_ids, v->u.glossary.n_group_ids);
		free(v->u.glossary.groups);
		break;
	case PP_VIEW_KEY_PRIORITIES:
		free_strings(v->u.key.theme_ids, v->u.key.n_theme_ids);
		free(v->u.key.numbering);
		break;
	case PP_VIEW_COVER:
	case PP_VIEW_PAGE_BREAK:
	case PP_VIEW_FRONT_SHEET:
		break;
	case PP_VIEW_CONTENTS:
		free(v->u.contents_title);
		break;
	case PP_VIEW_MATRIX:
		free(v->u.matrix.title);
		free_strings(v->u.matrix.group_ids, v->u.matrix.n_group_ids);
		free(v->u.matrix.groups);
		free_strings(v->u.matrix.theme_ids, v->u.matrix.n_theme_ids);
		free_columns(v->u.matrix.columns, v->u.matrix.n_columns);
		break;
	case PP_VIEW_POSTER:
		free(v->u.poster.title);
		free(v->u.poster.banner_title);
		free_blocks(&v->u.poster.banner);
		for (size_t i = 0; i < v->u.poster.n_tiers; i++) {
			struct pp_poster_tier *t = &v->u.poster.tiers[i];
			free(t->label);
			free(t->from_theme_id);
			for (size_t b = 0; b < t->n_boxes; b++) {
				free_inline(&t->boxes[b].text);
				free(t->boxes[b].theme_id);
			}
			free(t->boxes);
		}
		free(v->u.poster.tiers);
		break;
	case PP_VIEW_ASSESSMENT:
		free_columns(v->u.assessment.columns, v->u.assessment.n_columns);
		for (size_t i = 0; i < v->u.assessment.n_areas; i++) {
			struct pp_area *a = &v->u.assessment.areas[i];
			free(a->title);
			for (size_t q = 0; q < a->n_questions; q++) {
				free_inline(&a->questions[q].ask);
				free_blocks(&a->questions[q].response);
			}
			free(a->questions);
		}
		free(v->u.assessment.areas);
		break;
	case PP_VIEW_STATUS_KEY:
		free(v->u.status_key.scale_id);
		free(v->u.status_key.title);
		break;
	case PP_VIEW_INDICATOR_CHART:
		free(v->u.ichart.indicator_id);
		free(v->u.ichart.period_id);
		free(v->u.ichart.title);
		break;
	case PP_VIEW_STATUS_SUMMARY:
		free(v->u.summary.period_id);
		free(v->u.summary.scale_id);
		free(v->u.summary.title);
		free(v->u.summary.no_target_text);
		break;
	case PP_VIEW_LINKED_PLANS:
		free_columns(v->u.linked.columns, v->u.linked.n_columns);
		for (size_t i = 0; i < v->u.linked.n_plans; i++) {
			struct pp_linked_plan *lp = &v->u.linked.plans[i];
			free_strings(lp->priority_ids, lp->n_priority_ids);
			free(lp->priorities);
			free(lp->href);
			free_inline(&lp->name);
			free_inline(&lp->lead);
			free_inline(&lp->link_text);
			free_inline(&lp->connects);
		}
		free(v->u.linked.plans);
		break;
	}
}

static void free_facts(struct pp_facts *f)
{
	free(f->organisation);
	free(f->title);
	free(f->subtitle);
	free(f->period);
	free(f->strapline);
	free(f->vision_title);
	free_blocks(&f->vision);
	free(f->status);
	free(f->committee);
	free(f->meeting_text);
	free(f->meeting_date_text);
	free(f->author);
	free(f->author_role);
	free(f->report_of);
	free(f->purpose);
	free(f->wards);
	free(f->forward_plan);
	free(f->exempt_reason);
	free(f->contact);
	free(f->contact_email);
	free(f->contact_phone);
	free(f->background_papers);
}

void pp_doc_free(struct pp_doc *doc)
{
	if (!doc)
		return;
	free_facts(&doc->facts);
	for (size_t i = 0; i < doc->n_periods; i++) {
		struct pp_period *p = &doc->periods[i];
		free(p->id);
		free(p->label);
		free(p->year_text);
		free(p->q_text);
		free(p->start_text);
		free(p->end_text);
	}
	free(doc->periods);
	pp_scales_free(doc->scales, doc->n_scales);
	for (int r = 0; r <= PP_RAG_NA; r++)
		free(doc->rag_words[r]);
	free(doc->period_order);
	for (size_t i = 0; i < doc->n_fields; i++) {
		struct pp_field_def *fd = &doc->fields[i];
		free(fd->id);
		free(fd->label);
		free(fd->type_text);
		free(fd->on_text);
		free(fd->scale_id);
	}
	free(doc->fields);
	free(doc->xrefs);
	for (size_t i = 0; i < doc->n_framework; i++)
		free_group(&doc->framework[i]);
	free(doc->framework);
	for (size_t i = 0; i < doc->n_themes; i++) {
		struct pp_theme *t = &doc->themes[i];
		free(t->id);
		free(t->title);
		free(t->short_label);
		for (size_t p = 0; p < t->n_priorities; p++)
			free_priority(&t->priorities[p]);
		free(t->priorities);
		free_values(t->values, t->n_values);
		free_indicators(t->indicators, t->n_indicators);
	}
	free(doc->themes);
	for (size_t i = 0; i < doc->n_documents; i++) {
		struct pp_document *d = &doc->documents[i];
		free(d->id);
		free(d->output);
		free(d->template_name);
		free(d->running_header);
		free(d->running_footer);
		free(d->period_id);
		free_facts(&d->facts);
		for (size_t v = 0; v < d->n_views; v++)
			free_view(&d->views[v]);
		free(d->views);
	}
	free(doc->documents);
	free(doc->template_name);
	free(doc->lang);
	free(doc->path);
	free(doc);
}

/* ---------- ratings ------------------------------------------------------ */

static const char *const rag_words[] = {
	[PP_RAG_NONE] = "",
	[PP_RAG_GREEN] = "GREEN",
	[PP_RAG_AMBER_GREEN] = "AMBER/GREEN",
	[PP_RAG_AMBER] = "AMBER",
	[PP_RAG_RED] = "RED",
	[PP_RAG_COMPLETE] = "COMPLETE",
	[PP_RAG_NA] = "N/A",
};

const char *pp_rag_word(enum pp_rag rag)
{
	if ((unsigned)rag >= sizeof rag_words / sizeof rag_words[0])
		return "";
	return rag_words[rag];
}

int pp_rag_from_string(const char *s, enum pp_rag *out)
{
	/*
	 * Councils write "Amber / Green", "amber/green", " GREEN ": fold case,
	 * drop spaces around '/' and at both ends. Inner spaces elsewhere
	 * ("AMBER GREEN") are not a rating we know: better an error than a guess.
	 */
	char norm[32];
	size_t n = 0;
	if (!s)
		return -1;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	for (const char *p = s; *p; p++) {
		char c = *p;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			const char *q = p;
			while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
				q++;
			if (*q == '\0' || *q == '/' || (n > 0 && norm[n - 1] == '/')) {
				p = q - 1;
				continue;
			}
		}
		if (n + 1 >= sizeof norm)
			return -1;
		norm[n++] = (char)toupper((unsigned char)c);
	}
	norm[n] = '\0';
	for (size_t i = 1; i < sizeof rag_words / sizeof rag_words[0]; i++) {
		if (strcmp(norm, rag_words[i]) == 0) {
			*out = (enum pp_rag)i;
			return 0;
		}
	}
	return -1;
}

/* ---------- fields ------------------------------------------------------- */

struct field_row {
	const char *name;
	enum pp_level level;
};

static const struct field_row fields[] = {
	[PP_FIELD_THEME] = {"theme", PP_LEVEL_THEME},
	[PP_FIELD_REF] = {"ref", PP_LEVEL_PRIORITY},
	[PP_FIELD_LINK] = {"link", PP_LEVEL_PRIORITY},
	[PP_FIELD_REF_LINK] = {"ref-link", PP_LEVEL_PRIORITY},
	[PP_FIELD_TITLE] = {"title", PP_LEVEL_PRIORITY},
	[PP_FIELD_STATEMENT] = {"statement", PP_LEVEL_PRIORITY},
	[PP_FIELD_LEADS] = {"leads", PP_LEVEL_PRIORITY},
	[PP_FIELD_OUTCOMES] = {"outcomes", PP_LEVEL_PRIORITY},
	[PP_FIELD_HOW] = {"how", PP_LEVEL_PRIORITY},
	[PP_FIELD_MEASURES] = {"measures", PP_LEVEL_PRIORITY},
	[PP_FIELD_TIMESCALE] = {"timescale", PP_LEVEL_PRIORITY},
	[PP_FIELD_MILESTONES] = {"milestones", PP_LEVEL_PRIORITY},
	[PP_FIELD_COMMENTARY] = {"commentary", PP_LEVEL_PRIORITY},
	[PP_FIELD_RAG] = {"rag", PP_LEVEL_PRIORITY},
	[PP_FIELD_ACTION] = {"action", PP_LEVEL_ACTION},
	[PP_FIELD_ACTION_LEADS] = {"action-leads", PP_LEVEL_ACTION},
	[PP_FIELD_ACTION_MEASURES] = {"action-measures", PP_LEVEL_ACTION},
	[PP_FIELD_SUCCESS] = {"success", PP_LEVEL_LINE},
	[PP_FIELD_IMPACT] = {"impact", PP_LEVEL_LINE},
	[PP_FIELD_LINE_TIMESCALE] = {"line-timescale", PP_LEVEL_LINE},
	[PP_FIELD_LINE_RAG] = {"line-rag", PP_LEVEL_LINE},
	/* Assessment: the area spans its questions like a theme. */
	[PP_FIELD_QUESTION] = {"question", PP_LEVEL_PRIORITY},
	[PP_FIELD_RESPONSE] = {"response", PP_LEVEL_PRIORITY},
	/* Linked plans: one row per plan. */
	[PP_FIELD_NAME] = {"name", PP_LEVEL_PRIORITY},
	[PP_FIELD_PRIORITIES] = {"priorities", PP_LEVEL_PRIORITY},
	[PP_FIELD_LEAD] = {"lead", PP_LEVEL_PRIORITY},
	[PP_FIELD_REF_TITLE] = {"ref-title", PP_LEVEL_PRIORITY},
	[PP_FIELD_ACTION_SUCCESS] = {"action-success", PP_LEVEL_ACTION},
	[PP_FIELD_PREVIOUS_STATUS] = {"previous-status", PP_LEVEL_PRIORITY},
	[PP_FIELD_STATUS_HISTORY] = {"status-history", PP_LEVEL_PRIORITY},
	[PP_FIELD_TREND] = {"trend", PP_LEVEL_PRIORITY},
};

#define N_FIELDS (sizeof fields / sizeof fields[0])

const char *pp_field_name(enum pp_field f)
{
	if ((unsigned)f >= N_FIELDS)
		return "";
	return fields[f].name;
}

int pp_field_from_string(const char *s, enum pp_field *out)
{
	if (!s)
		return -1;
	for (size_t i = 0; i < N_FIELDS; i++) {
		if (strcmp(s, fields[i].name) == 0) {
			*out = (enum pp_field)i;
			return 0;
		}
	}
	return -1;
}

enum pp_level pp_field_level(enum pp_field f)
{
	if ((unsigned)f >= N_FIELDS)
		return PP_LEVEL_PRIORITY;
	return fields[f].level;
}

enum pp_level pp_column_level(const struct pp_column *col)
{
	if (col->field != PP_FIELD_CUSTOM)
		return pp_field_level(col->field);
	if (!col->custom)
		return PP_LEVEL_PRIORITY;
	switch (col->custom->on) {
	case PP_ON_THEME: return PP_LEVEL_THEME;
	case PP_ON_PRIORITY: return PP_LEVEL_PRIORITY;
	case PP_ON_ACTION: return PP_LEVEL_ACTION;
	case PP_ON_LINE: return PP_LEVEL_LINE;
	case PP_ON_UPDATE: return PP_LEVEL_PRIORITY; /* the table period's update */
	case PP_ON_INDICATOR: return PP_LEVEL_PRIORITY; /* not in priority tables (check) */
	}
	return PP_LEVEL_PRIORITY;
}

char *pp_table_cell_text(const struct pp_table_cell *cell)
{
	if (!cell->blocks)
		return pp_inline_text(&cell->text);
	char *out = pp_xstrdup("");
	for (size_t i = 0; i < cell->blocks->n_items; i++) {
		const struct pp_block *b = &cell->blocks->items[i];
		if (b->kind != PP_BLOCK_PARA && b->kind != PP_BLOCK_HEADING)
			continue;
		char *t = pp_inline_text(&b->u.para);
		char *n = pp_xasprintf("%s%s%s", out, *out ? "\n" : "", t);
		free(t);
		free(out);
		out = n;
	}
	return out;
}

/* ---------- status scales and custom fields ------------------------------ */

const struct pp_scale *pp_scale_find(const struct pp_doc *doc, const char *id)
{
	if (!id)
		return NULL;
	for (size_t i = 0; i < doc->n_scales; i++)
		if (doc->scales[i].id && strcmp(doc->scales[i].id, id) == 0)
			return &doc->scales[i];
	return NULL;
}

const struct pp_value *pp_value_find(const struct pp_value *v, size_t n,
				     const struct pp_field_def *def)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].def == def)
			return &v[i];
	return NULL;
}

/* WCAG 2: one sRGB component (0..1) made linear. */
static double linear(double v)
{
	return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

double pp_luminance(double r, double g, double b)
{
	return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

static double luminance(unsigned rgb)
{
	return pp_luminance(((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
			    (rgb & 0xff) / 255.0);
}

double pp_rgb_contrast(unsigned a, unsigned b)
{
	double la = luminance(a), lb = luminance(b);
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* ---------- link codes --------------------------------------------------- */

struct buf {
	char *s;
	size_t n, cap;
};

static void buf_add(struct buf *b, const char *s)
{
	size_t len = strlen(s);
	PP_GROW(b->s, b->n + len + 1, b->cap);
	memcpy(b->s + b->n, s, len + 1);
	b->n += len;
}

static int is_number(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

static int is_letter(const char *s)
{
	return isalpha((unsigned char)s[0]) && s[1] == '\0';
}

/* Does code `b` directly follow code `a` (4 then 5, c then d)? */
static int codes_follow(const char *a, const char *b)
{
	if (is_number(a) && is_number(b) && strlen(a) < 9 && strlen(b) < 9)
		return atol(b) == atol(a) + 1;
	if (is_letter(a) && is_letter(b))
		return tolower((unsigned char)b[0]) == tolower((unsigned char)a[0]) + 1;
	return 0;
}

static void add_code(struct buf *b, const char *code, int upper)
{
	for (const char *c = code; *c; c++) {
		char ch[2] = {upper ? (char)toupper((unsigned char)*c) : *c, '\0'};
		buf_add(b, ch);
	}
}

/*
 * One group's codes: `codes` are in leaf order, `whole` when they are every
 * coded item of the group. Written the way Bolton's plan writes them
 * ("1-6 A, C", "4,5 B, E", "6 A - G"):
 * - numbers: runs of three or more consecutive codes become "first-last",
 *   the rest are joined by ",";
 * - letters (action groups): listed, joined by ", " ("A, B, C, D"); only
 *   the whole group collapses, to "first - last" ("A - G").
 */
static void format_group_codes(struct buf *b, const char **codes, size_t n, int upper,
			       int whole)
{
	if (whole && n >= 3 && is_letter(codes[0])) {
		size_t j = 0;
		while (j + 1 < n && codes_follow(codes[j], codes[j + 1]))
			j++;
		if (j + 1 == n) {
			add_code(b, codes[0], upper);
			buf_add(b, " - ");
			add_code(b, codes[n - 1], upper);
			return;
		}
	}
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j + 1 < n && codes_follow(codes[j], codes[j + 1]))
			j++;
		if (i > 0)
			buf_add(b, is_number(codes[i]) ? "," : ", ");
		if (j - i + 1 >= 3 && is_number(codes[i])) {
			add_code(b, codes[i], upper);
			buf_add(b, "-");
			add_code(b, codes[j], upper);
			i = j + 1;
		} else {
			add_code(b, codes[i], upper);
			i++;
		}
	}
}

/* @ref-case="upper" holds for the group's sub-groups too. */
static void link_group(struct buf *b, const struct pp_fw_group *g, const struct pp_priority *p,
		       int upper)
{
	upper = upper || g->ref_upper;
	const char **codes = NULL;
	size_t n = 0, cap = 0, coded = 0;
	for (size_t i = 0; i < g->n_items; i++) {
		const struct pp_fw_item *it = &g->items[i];
		if (!it->code || !it->code[0] || !it->id)
			continue;
		coded++;
		for (size_t a = 0; a < p->n_aligns; a++) {
			const struct pp_align *al = &p->aligns[a];
			if (al->item == it || (!al->item && al->item_id && !strcmp(al->item_id, it->id))) {
				PP_GROW(codes, n + 1, cap);
				codes[n++] = it->code;
				break;
			}
		}
	}
	if (n > 0) {
		if (b->n > 0)
			buf_add(b, " ");
		format_group_codes(b, codes, n, upper, n == coded);
	}
	free(codes);
	for (size_t i = 0; i < g->n_groups; i++)
		link_group(b, &g->groups[i], p, upper);
}

char *pp_priority_link(const struct pp_doc *doc, const struct pp_priority *p)
{
	struct buf b = {0};
	buf_add(&b, "");
	for (size_t i = 0; i < doc->n_framework; i++)
		link_group(&b, &doc->framework[i], p, 0);
	return b.s;
}

static const struct pp_fw_group *find_group(const struct pp_fw_group *gs, size_t n,
					    const char *id)
{
	for (size_t i = 0; i < n; i++) {
		if (gs[i].id && strcmp(gs[i].id, id) == 0)
			return &gs[i];
		const struct pp_fw_group *g = find_group(gs[i].groups, gs[i].n_groups, id);
		if (g)
			return g;
	}
	return NULL;
}

const struct pp_fw_group *pp_framework_group(const struct pp_doc *doc, const char *id)
{
	return doc && id ? find_group(doc->framework, doc->n_framework, id) : NULL;
}

const struct pp_update *pp_priority_update(const struct pp_priority *p,
					   const struct pp_period *period)
{
	if (!p || !period)
		return NULL;
	for (size_t i = 0; i < p->n_updates; i++) {
		const struct pp_update *u = &p->updates[i];
		if (u->period == period ||
		    (!u->period && u->period_id && period->id && !strcmp(u->period_id, period->id)))
			return u;
	}
	return NULL;
}

/* ---------- a template's vocabulary ---------------------------------------- */

void pp_scales_free(struct pp_scale *scales, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct pp_scale *sc = &scales[i];
		free(sc->id);
		free(sc->name);
		free_strings(sc->for_kinds, sc->n_for_kinds);
		for (size_t v = 0; v < sc->n_values; v++) {
			struct pp_status *st = &sc->values[v];
			free(st->id);
			free(st->label);
			free(st->symbol);
			free(st->fill_text);
			free(st->text_text);
			free(st->means_text);
			free_inline(&st->meaning);
		}
		free(sc->values);
	}
	free(scales);
}

static char *dup_or_null(const char *s)
{
	return s ? pp_xstrdup(s) : NULL;
}

/* A scale's meanings are plain text in a template: spans copied as text. */
static void copy_inline(struct pp_inline *to, const struct pp_inline *from)
{
	to->n_spans = from->n_spans;
	to->spans = from->n_spans ? pp_xcalloc(from->n_spans, sizeof *to->spans) : NULL;
	for (size_t i = 0; i < from->n_spans; i++) {
		to->spans[i].text = dup_or_null(from->spans[i].text);
		to->spans[i].flags = from->spans[i].flags;
		to->spans[i].href = dup_or_null(from->spans[i].href);
		to->spans[i].lang = dup_or_null(from->spans[i].lang);
	}
}

/* Does the plan rate `kind` ("update", "line") with a scale of its own? */
static int plan_rates(const struct pp_doc *doc, size_t n_own, const char *kind)
{
	for (size_t i = 0; i < n_own; i++)
		for (size_t k = 0; k < doc->scales[i].n_for_kinds; k++)
			if (strcmp(doc->scales[i].for_kinds[k], kind) == 0)
				return 1;
	return 0;
}

void pp_doc_adopt_template(struct pp_doc *doc, const struct pp_scale *scales, size_t n,
			   const char *const labels[PP_RAG_NA + 1])
{
	size_t n_own = doc->n_scales;
	for (size_t i = 0; i < n; i++) {
		const struct pp_scale *from = &scales[i];
		int own = 0;
		for (size_t k = 0; k < n_own && !own; k++)
			own = doc->scales[k].id && from->id && strcmp(doc->scales[k].id, from->id) == 0;
		if (own) /* the plan's own scale of that id wins */
			continue;
		doc->scales = pp_xrealloc(doc->scales, (doc->n_scales + 1) * sizeof *doc->scales);
		struct pp_scale *to = &doc->scales[doc->n_scales++];
		memset(to, 0, sizeof *to);
		to->id = dup_or_null(from->id);
		to->name = dup_or_null(from->name);
		to->from_template = 1;
		to->loc = from->loc;
		for (size_t k = 0; k < from->n_for_kinds; k++) {
			if (plan_rates(doc, n_own, from->for_kinds[k]))
				continue; /* the plan's own scale rates that kind */
			to->for_kinds = pp_xrealloc(to->for_kinds,
						    (to->n_for_kinds + 1) * sizeof *to->for_kinds);
			to->for_kinds[to->n_for_kinds++] = pp_xstrdup(from->for_kinds[k]);
		}
		to->n_values = from->n_values;
		to->values = pp_xcalloc(from->n_values ? from->n_values : 1, sizeof *to->values);
		for (size_t v = 0; v < from->n_values; v++) {
			const struct pp_status *a = &from->values[v];
			struct pp_status *b = &to->values[v];
			b->id = dup_or_null(a->id);
			b->label = dup_or_null(a->label);
			b->symbol = dup_or_null(a->symbol);
			b->fill_text = dup_or_null(a->fill_text);
			b->text_text = dup_or_null(a->text_text);
			b->means_text = dup_or_null(a->means_text);
			b->loc = a->loc;
			copy_inline(&b->meaning, &a->meaning);
		}
	}
	for (int r = PP_RAG_GREEN; labels && r <= PP_RAG_NA; r++) {
		free(doc->rag_words[r]);
		doc->rag_words[r] = NULL;
		enum pp_rag same;
		/* only a word that is not already a spelling of a rating */
		if (labels[r] && *labels[r] && pp_rag_from_string(labels[r], &same) != 0)
			doc->rag_words[r] = pp_xstrdup(labels[r]);
	}
}

/* ---------- periods, ranks and trends ------------------------------------ */

static int date_before(const struct pp_date *a, const struct pp_date *b)
{
	if (a->year != b->year)
		return a->year < b->year;
	if (a->month != b->month)
		return a->month < b->month;
	return a->day < b->day;
}

const struct pp_period *pp_period_before(const struct pp_doc *doc, const struct pp_period *p)
{
	const struct pp_period *best = NULL;
	for (size_t i = 0; p && i < doc->n_periods; i++) {
		const struct pp_period *q = &doc->periods[i];
		if (q == p || !date_before(&q->end, &p->start))
			continue;
		if (!best || date_before(&best->end, &q->end))
			best = q;
	}
	return best;
}

/* Periods by start date; equal starts keep the written order (the
 * periods are one array, so their addresses are that order). */
static int by_start(const void *a, const void *b)
{
	const struct pp_period *p = *(const struct pp_period *const *)a;
	const struct pp_period *q = *(const struct pp_period *const *)b;
	if (date_before(&p->start, &q->start))
		return -1;
	if (date_before(&q->start, &p->start))
		return 1;
	return p < q ? -1 : p > q;
}

size_t pp_history_periods(const struct pp_doc *doc, const struct pp_period *p, int all,
			  const struct pp_period **out)
{
	size_t n = 0;
	int year = !all && p && p->quarter ? p->fy_year : 0;
	for (size_t i = 0; i < doc->n_periods; i++) {
		const struct pp_period *q = &doc->periods[i];
		if (year && (!q->quarter || q->fy_year != year))
			continue;
		out[n++] = q;
	}
	/* sorted, not inserted in order: a plan may hold 40,000 periods */
	qsort(out, n, sizeof *out, by_start);
	return n;
}

int pp_status_rank(const struct pp_scale *sc, enum pp_rag rag, const struct pp_status *st)
{
	if (st && sc && st >= sc->values && st < sc->values + sc->n_values)
		return (int)(st - sc->values);
	switch (rag) {
	case PP_RAG_COMPLETE: return 0;
	case PP_RAG_GREEN: return 1;
	case PP_RAG_AMBER_GREEN: return 2;
	case PP_RAG_AMBER: return 3;
	case PP_RAG_RED: return 4;
	case PP_RAG_NONE:
	case PP_RAG_NA: return -1;
	}
	return -1;
}

const char *pp_status_word(enum pp_rag rag, const struct pp_status *st)
{
	return st ? st->label : pp_rag_word(rag);
}

const char *pp_trend_word(enum pp_trend t)
{
	switch (t) {
	case PP_TREND_BETTER: return "Better";
	case PP_TREND_WORSE: return "Worse";
	case PP_TREND_SAME: return "No change";
	case PP_TREND_NONE: return "Not available";
	}
	return "Not available";
}

enum pp_trend pp_priority_trend(const struct pp_doc *doc, const struct pp_priority *p,
				const struct pp_period *period)
{
	const struct pp_update *now = pp_priority_update(p, period);
	const struct pp_update *before = pp_priority_update(p, pp_period_before(doc, period));
	if (!now || !before)
		return PP_TREND_NONE;
	int a = pp_status_rank(doc->update_scale, before->rag, before->status);
	int b = pp_status_rank(doc->update_scale, now->rag, now->status);
	if (a < 0 || b < 0)
		return PP_TREND_NONE;
	return b < a ? PP_TREND_BETTER : b > a ? PP_TREND_WORSE : PP_TREND_SAME;
}

char *pp_inline_text(const struct pp_inline *in)
{
	struct buf b = {0};
	buf_add(&b, "");
	for (size_t i = 0; in && i < in->n_spans; i++) {
		const struct pp_span *sp = &in->spans[i];
		if (sp->flags & PP_SPAN_BREAK) {
			buf_add(&b, "\n");
		} else if (sp->ref) {
			/* a reference's number; an item's in its list's own style
			 * (layout prints a template's default where the list has none) */
			char *label = pp_xref_label(sp->ref, NULL);
			buf_add(&b, label);
			free(label);
		} else if (sp->text) {
			buf_add(&b, sp->text);
		}
	}
	return b.s;
}

int pp_ref_compare(const char *a, const char *b)
{
	if (!a || !b)
		return (a == NULL) - (b == NULL);
	while (*a && *b) {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			/* Compare digit runs as numbers: skip leading zeros, then length, then digits. */
			while (*a == '0' && isdigit((unsigned char)a[1]))
				a++;
			while (*b == '0' && isdigit((unsigned char)b[1]))
				b++;
			size_t la = 0, lb = 0;
			while (isdigit((unsigned char)a[la]))
				la++;
			while (isdigit((unsigned char)b[lb]))
				lb++;
			if (la != lb)
				return la < lb ? -1 : 1;
			int c = memcmp(a, b, la);
			if (c)
				return c < 0 ? -1 : 1;
			a += la;
			b += lb;
			continue;
		}
		int ca = tolower((unsigned char)*a), cb = tolower((unsigned char)*b);
		if (ca != cb)
			return ca < cb ? -1 : 1;
		a++;
		b++;
	}
	if (*a || *b)
		return *a ? 1 : -1;
	return 0;
}

/* Characters (UTF-8 lead bytes) of s[0, n). */
static size_t utf8_chars(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* strlen(s), at most max. */
static size_t prefix_len(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}

size_t pp_running_length(const struct pp_facts *facts, const char *pattern, size_t limit)
{
	size_t raw = 0, text = 0;
	if (!pattern)
		return 0;
	/* As written: past the limit is enough to know. */
	for (const char *p = pattern; *p && raw <= limit; p++)
		raw += ((unsigned char)*p & 0xC0) != 0x80;
	if (raw > limit)
		return raw;
	/* Filled in, as layout expands it: the first two '|' end parts, and a
	 * field is '{' up to the next '}' of its part. The pattern is at most
	 * `limit` characters here, so looking ahead for '}' stays cheap. */
	const char *p = pattern;
	for (int bars = 0;; bars++) {
		const char *e = bars < 2 ? strchr(p, '|') : NULL;
		if (!e)
			e = p + strlen(p);
		while (p < e) {
			const char *close = *p == '{' ? memchr(p, '}', (size_t)(e - p)) : NULL;
			if (!close) {
				text += ((unsigned char)*p & 0xC0) != 0x80;
				p++;
				continue;
			}
			size_t len = (size_t)(close - p - 1);
			const char *val = NULL;
			size_t chars = 0;
#define FIELD(name) (len == sizeof(name) - 1 && memcmp(p + 1, name, len) == 0)
			if (FIELD("title"))
				val = facts->title;
			else if (FIELD("organisation"))
				val = facts->organisation;
			else if (FIELD("period"))
				val = facts->period;
			else if (FIELD("status"))
				val = facts->status;
			else if (FIELD("page") || FIELD("pages"))
				chars = PP_RUNNING_NUMBER;
			else if (FIELD("date"))
				/* "3 December 2019", or the meeting's text as layout
				 * prints it: at most 63 bytes. */
				chars = facts->has_meeting_date || !facts->meeting_text
						? 30
						: utf8_chars(facts->meeting_text,
							     prefix_len(facts->meeting_text, 63));
			else
				chars = utf8_chars(p, len + 2); /* stays as written */
#undef FIELD
			if (val)
				chars = utf8_chars(val, strlen(val));
			text += chars;
			p = close + 1;
			if (text > limit)
				return text;
		}
		if (!*e)
			break;
		p = e + 1;
	}
	return text > raw ? text : raw;
}

/* ---------- numbering (committee papers) ---------------------------------- */

/* Lower-case roman numerals, as committee papers number recommendations. */
static void roman(size_t n, char *out, size_t cap)
{
	static const struct {
		unsigned v;
		const char *s;
	} r[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"},
		 {50, "l"},   {40, "xl"},  {10, "x"},  {9, "ix"},   {5, "v"},   {4, "iv"},
		 {1, "i"}};
	size_t len = 0;
	out[0] = '\0';
	for (size_t i = 0; i < sizeof r / sizeof r[0] && n > 0; i++)
		while (n >= r[i].v && len + strlen(r[i].s) + 1 < cap) {
			strcpy(out + len, r[i].s);
			len += strlen(r[i].s);
			n -= r[i].v;
		}
}

/* a ... z, aa ... az, ba ...: a spreadsheet's column letters, lower case. */
static void letters(size_t n, char *out, size_t cap)
{
	char tmp[32];
	size_t len = 0;
	while (n > 0 && len < sizeof tmp) {
		n--;
		tmp[len++] = (char)('a' + n % 26);
		n /= 26;
	}
	size_t k = 0;
	while (len > 0 && k + 1 < cap)
		out[k++] = tmp[--len];
	out[k] = '\0';
}

/* The counter in a style: where it is and what kind ('1', 'i', 'a', 'A', 'I'). */
static const char *style_counter(const char *style)
{
	static const char *const known[] = {"1", "1.", "(1)", "1)", "(i)", "i.", "i)", "(a)",
					    "a)", "a.", "A.", "(A)", "A)", "I.", "1.1", "A"};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (style && strcmp(style, known[i]) == 0)
			return known[i];
	return NULL;
}

int pp_numbering_known(const char *style)
{
	return style_counter(style) != NULL;
}

char *pp_number_label(const char *style, size_t ordinal, const char *section_number)
{
	const char *st = style_counter(style);
	if (!st)
		st = "1.";
	if (strcmp(st, "1.1") == 0)
		return section_number ? pp_xasprintf("%s.%zu", section_number, ordinal)
				      : pp_xasprintf("%zu", ordinal);
	char counter[64];
	const char *c = strpbrk(st, "1iaAI");
	switch (*c) {
	case 'i':
	case 'I':
		roman(ordinal, counter, sizeof counter);
		break;
	case 'a':
	case 'A':
		letters(ordinal, counter, sizeof counter);
		break;
	default:
		snprintf(counter, sizeof counter, "%zu", ordinal);
		break;
	}
	if (*c == 'A' || *c == 'I')
		for (char *k = counter; *k; k++)
			*k = (char)(*k - 'a' + 'A');
	return pp_xasprintf("%.*s%s%s", (int)(c - st), st, counter, c + 1);
}

char *pp_ref_dest_name(const char *id)
{
	return pp_xasprintf("pp-ref-%s", id);
}

char *pp_xref_label(const struct pp_xref *x, const char *default_style)
{
	if (x->kind == PP_XREF_ANNEX)
		return pp_xasprintf("Annex %s", x->number ? x->number : "");
	if (x->kind != PP_XREF_ITEM)
		return pp_xstrdup(x->number ? x->number : "");
	const char *style = x->list && x->list->numbering ? x->list->numbering : default_style;
	return pp_number_label(style, x->ordinal, x->list ? x->list->section_number : NULL);
}

const char *pp_chart_kind_name(enum pp_chart_kind k)
{
	switch (k) {
	case PP_CHART_LINE:
		return "line";
	case PP_CHART_BAR:
		return "bar";
	case PP_CHART_PIE:
		return "pie";
	case PP_CHART_DONUT:
		return "donut";
	case PP_CHART_STACKED_BAR:
		return "stacked-bar";
	}
	return "line";
}
