/* SPDX-License-Identifier: MIT */
/*
 * test_parse.c - every element kind lands in the model at the right line
 * and column; whitespace is collapsed; hostile and broken input is refused
 * with a located message, never expanded or fetched.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "planpress/model.h"
#include "planpress/parse.h"
#include "../../src/util/alloc.h"
#include "support.h"

/* Parse only (no check); diagnostics collected, not printed. */
static struct pp_doc *parse(const char *xml, size_t len, struct pp_diags *d)
{
	pp_diags_init(d, NULL);
	return pp_parse_memory(xml, len, "test.xml", d);
}

static struct pp_doc *parse_str(const char *xml, struct pp_diags *d)
{
	return parse(xml, strlen(xml), d);
}

/* Expect a failed parse whose first message is `id` at line:col. */
static void expect_refused(const char *xml, size_t len, enum pp_msg id, unsigned line,
			   unsigned col)
{
	struct pp_diags d;
	struct pp_doc *doc = parse(xml, len, &d);
	assert_null(doc);
	assert_true(d.n_entries > 0);
	if (d.entries[0].id != id)
		fprintf(stderr, "got %s: %s\n", pp_msg_name(d.entries[0].id), d.entries[0].text);
	assert_int_equal(d.entries[0].id, id);
	assert_int_equal(d.entries[0].loc.line, line);
	assert_int_equal(d.entries[0].loc.col, col);
	assert_string_equal(d.entries[0].loc.file, "test.xml");
	pp_diags_fini(&d);
}

#define HEAD "<plan xmlns='urn:planpress:plan:1'><facts><organisation>O</organisation><title>T</title></facts>"

/* ---------- everything lands --------------------------------------------- */

static const char full_plan[] =
	"<?xml version='1.0' encoding='UTF-8'?>\n"                                   /* 1 */
	"<plan xmlns='urn:planpress:plan:1' template='bolton' lang='cy'>\n"          /* 2 */
	"  <facts>\n"                                                                /* 3 */
	"    <title>Plan</title><organisation>Council</organisation>\n"              /* 4 */
	"    <subtitle>Sub</subtitle><period>2019 - 2021</period>\n"                 /* 5 */
	"    <strapline>A &amp; B</strapline><vision-title>VISION</vision-title>\n"  /* 6 */
	"    <vision>We <b>will</b>.</vision><status>Updated</status>\n"             /* 7 */
	"    <committee>Scrutiny</committee><meeting date='2019-12-03'>3rd</meeting>\n" /* 8 */
	"    <author role='Head'>Imran</author>\n"                                   /* 9 */
	"  </facts>\n"                                                               /* 10 */
	"  <periods><quarter id='q1' year='2020' q='1'/>"                            /* 11 */
	"<span id='jan' label='January' start='2021-01-01' end='2021-01-31'/></periods>\n"
	"  <framework>\n"                                                            /* 12 */
	"    <group id='g' label='G' ref-case='upper' code-suffix=')'>\n"            /* 13 */
	"      <group id='sub' label='Sub'><item id='o1' code='a'>Label <description>Desc "
	"<i>it</i></description></item></group>\n"                                   /* 14 */
	"    </group>\n"                                                             /* 15 */
	"  </framework>\n"                                                           /* 16 */
	"  <themes>\n"                                                               /* 17 */
	"    <theme id='t' title='Theme' short='Leadership Priority'>\n"             /* 18 */
	"      <priority id='p' ref='CO1' also='t'>\n"                               /* 19 */
	"        <title>Title</title><statement>Statement</statement>\n"             /* 20 */
	"        <lead>Lead 1</lead><lead>Lead 2</lead>\n"                           /* 21 */
	"        <outcomes><ul marker='-'><li>One</li><li><p>Two</p><ol><li>2a</li></ol></li></ul></outcomes>\n" /* 22 */
	"        <how><h>How:</h><p>By</p></how><measures>Bare text</measures>\n"    /* 23 */
	"        <align to='o1'/>\n"                                                 /* 24 */
	"        <action id='a1' label='1)'><text>Act</text><lead>AL</lead><measures><p>AM</p></measures>\n" /* 25 */
	"          <line rag='Green' period='q1'><success>S</success><impact>I</impact>"
	"<timescale>2021</timescale></line>\n"                                       /* 26 */
	"        </action>\n"                                                        /* 27 */
	"        <update period='q1' rag='Amber / Green'><timescale>Q1</timescale>"
	"<milestones><p>M</p></milestones>\n"                                        /* 28 */
	"          <commentary><p>C <a href='https://x.org/'>link</a> <span lang='cy'>Cymraeg</span><br/>next</p>\n" /* 29 */
	"            <table><caption>Cap</caption><tr><th/><th>2014</th></tr><tr><th>B</th><td>7.0</td></tr></table>\n" /* 30 */
	"            <chart type='bar' title='Trend' x-label='Year' y-label='%' table='yes'>"
	"<series name='A'><point x='2014' y='-3.5'/></series></chart>\n"             /* 31 */
	"          </commentary>\n"                                                  /* 32 */
	"        </update>\n"                                                        /* 33 */
	"      </priority>\n"                                                        /* 34 */
	"    </theme>\n"                                                             /* 35 */
	"  </themes>\n"                                                              /* 36 */
	"  <documents>\n"                                                            /* 37 */
	"    <document id='d' output='out' page='A3' orientation='landscape' template='x' formats='svg png'>\n" /* 38 */
	"      <running-header>{title}</running-header><running-footer>Page {page}</running-footer>\n" /* 39 */
	"      <cover/><contents title='Index'/><p>Intro</p><ul><li>x</li></ul>\n"    /* 40 */
	"      <section title='S' id='s' orientation='landscape' appendix='yes' break='page'>\n" /* 41 */
	"        <priority-table period='q1' themes='t' order='ref'><column field='ref' width='9%'>Ref</column></priority-table>\n" /* 42 */
	"        <glossary groups='g'/><key-priorities themes='t'/>\n"               /* 43 */
	"      </section>\n"                                                         /* 44 */
	"      <page-break/>\n"                                                      /* 45 */
	"      <matrix groups='g' themes='t' title='M'><column field='title'>P</column></matrix>\n" /* 46 */
	"      <poster columns='10' title='Po'><banner title='B'><p>V</p></banner>"
	"<tier label='L'><box span='4'>People</box><box>Place</box></tier>"
	"<tier label='D' from-theme='t' connect='up'/></poster>\n"                   /* 47 */
	"      <assessment><column field='question' width='30%'>Q</column><area title='Area'>"
	"<question><ask>Ask?</ask><response>Yes</response></question></area></assessment>\n" /* 48 */
	"      <linked-plans><column field='name'>N</column><linked-plan priorities='p' href='h.pdf'>"
	"<name>Plan</name><lead>Lead</lead><link-text>h.pdf</link-text><connects>C</connects>"
	"</linked-plan></linked-plans>\n"                                            /* 49 */
	"    </document>\n"                                                          /* 50 */
	"  </documents>\n"                                                           /* 51 */
	"</plan>\n";

static void span_is(const struct pp_span *sp, const char *text, unsigned flags)
{
	assert_string_equal(sp->text, text);
	assert_int_equal(sp->flags, flags);
}

static void every_element_lands_in_the_model(void **state)
{
	(void)state;
	struct pp_diags d;
	struct pp_doc *doc = parse_str(full_plan, &d);
	assert_int_equal(d.n_errors, 0);
	assert_non_null(doc);
	assert_string_equal(doc->path, "test.xml");
	assert_string_equal(doc->template_name, "bolton");
	assert_string_equal(doc->lang, "cy");

	const struct pp_facts *f = &doc->facts;
	assert_string_equal(f->organisation, "Council");
	assert_string_equal(f->title, "Plan");
	assert_string_equal(f->subtitle, "Sub");
	assert_string_equal(f->period, "2019 - 2021");
	assert_string_equal(f->strapline, "A & B");
	assert_string_equal(f->vision_title, "VISION");
	assert_int_equal(f->vision.n_items, 1);
	assert_int_equal(f->vision.items[0].u.para.n_spans, 3);
	span_is(&f->vision.items[0].u.para.spans[1], "will", PP_SPAN_BOLD);
	assert_string_equal(f->status, "Updated");
	assert_string_equal(f->committee, "Scrutiny");
	assert_string_equal(f->meeting_text, "3rd");
	assert_string_equal(f->meeting_date_text, "2019-12-03");
	assert_string_equal(f->author, "Imran");
	assert_string_equal(f->author_role, "Head");

	assert_int_equal(doc->n_periods, 2);
	assert_string_equal(doc->periods[0].year_text, "2020");
	assert_string_equal(doc->periods[0].q_text, "1");
	assert_string_equal(doc->periods[1].label, "January");
	assert_string_equal(doc->periods[1].start_text, "2021-01-01");
	assert_string_equal(doc->periods[1].end_text, "2021-01-31");

	assert_int_equal(doc->n_framework, 1);
	const struct pp_fw_group *g = &doc->framework[0];
	assert_true(g->ref_upper);
	assert_string_equal(g->code_suffix, ")");
	assert_int_equal(g->n_groups, 1);
	const struct pp_fw_item *it = &g->groups[0].items[0];
	assert_string_equal(it->id, "o1");
	assert_string_equal(it->code, "a");
	assert_string_equal(it->label, "Label");
	assert_int_equal(it->description.n_spans, 2);
	span_is(&it->description.spans[1], "it", PP_SPAN_ITALIC);

	const struct pp_theme *t = &doc->themes[0];
	assert_string_equal(t->short_label, "Leadership Priority");
	const struct pp_priority *p = &t->priorities[0];
	assert_string_equal(p->ref, "CO1");
	assert_int_equal(p->n_also_ids, 1);
	assert_string_equal(p->statement.spans[0].text, "Statement");
	assert_int_equal(p->n_leads, 2);
	assert_string_equal(p->leads[1].spans[0].text, "Lead 2");
	const struct pp_block *ul = &p->outcomes.items[0];
	assert_int_equal(ul->kind, PP_BLOCK_LIST);
	assert_false(ul->u.list.ordered);
	assert_string_equal(ul->u.list.marker, "-");
	assert_int_equal(ul->u.list.n_items, 2);
	assert_int_equal(ul->u.list.items[1].body->n_items, 2);
	assert_true(ul->u.list.items[1].body->items[1].u.list.ordered);
	assert_int_equal(p->how.items[0].kind, PP_BLOCK_HEADING);
	assert_int_equal(p->measures.n_items, 1);
	assert_string_equal(p->measures.items[0].u.para.spans[0].text, "Bare text");
	assert_int_equal(p->n_aligns, 1);
	assert_string_equal(p->aligns[0].item_id, "o1");
	const struct pp_action *a = &p->actions[0];
	assert_string_equal(a->label, "1)");
	assert_int_equal(a->n_leads, 1);
	assert_string_equal(a->lines[0].rag_text, "Green");
	assert_string_equal(a->lines[0].period_id, "q1");
	assert_int_equal(a->lines[0].timescale.n_items, 1);
	const struct pp_update *u = &p->updates[0];
	assert_string_equal(u->rag_text, "Amber / Green");
	assert_int_equal(u->commentary.n_items, 3);
	const struct pp_inline *c = &u->commentary.items[0].u.para;
	assert_int_equal(c->n_spans, 6);
	span_is(&c->spans[0], "C ", 0);
	span_is(&c->spans[1], "link", 0);
	assert_string_equal(c->spans[1].href, "https://x.org/");
	span_is(&c->spans[2], " ", 0);
	assert_string_equal(c->spans[3].lang, "cy");
	assert_int_equal(c->spans[4].flags, PP_SPAN_BREAK);
	span_is(&c->spans[5], "next", 0);
	const struct pp_table *tbl = &u->commentary.items[1].u.table;
	assert_string_equal(tbl->caption.spans[0].text, "Cap");
	assert_int_equal(tbl->n_rows, 2);
	assert_true(tbl->rows[0].cells[0].header);
	assert_int_equal(tbl->rows[0].cells[0].text.n_spans, 0);
	assert_false(tbl->rows[1].cells[1].header);
	const struct pp_chart *ch = &u->commentary.items[2].u.chart;
	assert_int_equal(ch->kind, PP_CHART_BAR);
	assert_true(ch->show_table);
	assert_string_equal(ch->y_label, "%");
	assert_string_equal(ch->series[0].points[0].x, "2014");
	assert_true(ch->series[0].points[0].y == -3.5);

	const struct pp_document *doc0 = &doc->documents[0];
	assert_int_equal(doc0->page, PP_PAGE_A3);
	assert_int_equal(doc0->orientation, PP_LANDSCAPE);
	assert_int_equal(doc0->formats, (1u << 1) | (1u << 2));
	assert_string_equal(doc0->running_header, "{title}");
	assert_string_equal(doc0->running_footer, "Page {page}");
	assert_int_equal(doc0->views[0].kind, PP_VIEW_COVER);
	assert_int_equal(doc0->views[1].kind, PP_VIEW_CONTENTS);
	assert_string_equal(doc0->views[1].u.contents_title, "Index");
	assert_int_equal(doc0->views[2].kind, PP_VIEW_BLOCKS);
	assert_int_equal(doc0->views[2].u.blocks.n_items, 2); /* <p> and <ul> join */
	const struct pp_section *s = &doc0->views[3].u.section;
	assert_int_equal(doc0->views[3].kind, PP_VIEW_SECTION);
	assert_true(s->appendix && s->page_break && s->has_orientation);
	assert_int_equal(s->orientation, PP_LANDSCAPE);
	assert_int_equal(s->n_children, 3);
	assert_int_equal(s->children[0].u.table.order, PP_ORDER_REF);
	assert_string_equal(s->children[0].u.table.columns[0].field_text, "ref");
	assert_string_equal(s->children[0].u.table.columns[0].width_text, "9%");
	assert_int_equal(s->children[1].kind, PP_VIEW_GLOSSARY);
	assert_int_equal(s->children[2].kind, PP_VIEW_KEY_PRIORITIES);
	assert_int_equal(doc0->views[4].kind, PP_VIEW_PAGE_BREAK);
	assert_int_equal(doc0->views[5].kind, PP_VIEW_MATRIX);
	assert_string_equal(doc0->views[5].u.matrix.title, "M");
	const struct pp_poster *po = &doc0->views[6].u.poster;
	assert_int_equal(po->columns, 10);
	assert_true(po->has_banner);
	assert_int_equal(po->n_tiers, 2);
	assert_int_equal(po->tiers[0].boxes[0].span, 4);
	assert_int_equal(po->tiers[0].boxes[1].span, 1);
	assert_string_equal(po->tiers[1].from_theme_id, "t");
	assert_true(po->tiers[1].connect_up);
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

static void assessment_and_linked_plans_land(void **state)
{
	(void)state;
	struct pp_diags d;
	struct pp_doc *doc = parse_str(full_plan, &d);
	assert_non_null(doc);
	const struct pp_document *doc0 = &doc->documents[0];
	assert_int_equal(doc0->n_views, 9);
	const struct pp_assessment *as = &doc0->views[7].u.assessment;
	assert_int_equal(doc0->views[7].kind, PP_VIEW_ASSESSMENT);
	assert_int_equal(as->n_columns, 1);
	assert_string_equal(as->areas[0].title, "Area");
	assert_string_equal(as->areas[0].questions[0].ask.spans[0].text, "Ask?");
	assert_int_equal(as->areas[0].questions[0].response.n_items, 1);
	const struct pp_linked_plans *lp = &doc0->views[8].u.linked;
	assert_int_equal(doc0->views[8].kind, PP_VIEW_LINKED_PLANS);
	assert_int_equal(lp->n_plans, 1);
	assert_string_equal(lp->plans[0].priority_ids[0], "p");
	assert_string_equal(lp->plans[0].href, "h.pdf");
	assert_string_equal(lp->plans[0].name.spans[0].text, "Plan");
	assert_string_equal(lp->plans[0].lead.spans[0].text, "Lead");
	assert_string_equal(lp->plans[0].link_text.spans[0].text, "h.pdf");
	assert_string_equal(lp->plans[0].connects.spans[0].text, "C");
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

static void positions_have_line_and_column(void **state)
{
	(void)state;
	struct pp_diags d;
	struct pp_doc *doc = parse_str(full_plan, &d);
	assert_non_null(doc);
	const struct pp_priority *p = &doc->themes[0].priorities[0];
	assert_int_equal(p->loc.line, 19);
	assert_int_equal(p->loc.col, 7);
	assert_string_equal(p->loc.file, doc->path);
	assert_int_equal(p->updates[0].loc.line, 28);
	assert_int_equal(p->updates[0].loc.col, 9);
	assert_int_equal(p->actions[0].lines[0].loc.line, 26);
	assert_int_equal(p->actions[0].lines[0].loc.col, 11);
	const struct pp_fw_item *it = &doc->framework[0].groups[0].items[0];
	assert_int_equal(it->loc.line, 14);
	assert_int_equal(it->loc.col, 35);
	assert_int_equal(doc->periods[1].loc.line, 11);
	assert_int_equal(doc->periods[1].loc.col, 48);
	const struct pp_view *sec = &doc->documents[0].views[3];
	const struct pp_column *col = &sec->u.section.children[0].u.table.columns[0];
	assert_int_equal(col->loc.line, 42);
	assert_int_equal(col->loc.col, 60);
	/* a bare-text paragraph is where its first character is */
	assert_int_equal(p->measures.items[0].loc.line, 23);
	assert_int_equal(p->measures.items[0].loc.col, 50);
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

static void positions_survive_crlf_and_multibyte(void **state)
{
	(void)state;
	struct pp_diags d;
	struct pp_doc *doc = parse_str(
		HEAD "\r\n<themes>\r\n <theme id='t' title='Bwd – “x”'><priority id='p'>"
		     "<title>é</title></priority></theme></themes></plan>",
		&d);
	assert_non_null(doc);
	assert_int_equal(doc->themes[0].loc.line, 3);
	assert_int_equal(doc->themes[0].loc.col, 2);
	/* columns count characters, not bytes: '–', '“', '”' are one each */
	assert_int_equal(doc->themes[0].priorities[0].loc.col, 34);
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

/*
 * The scan steps over text a few bytes at a time: markers, line ends and
 * multi-byte characters must count wherever they fall in such a step, and
 * the near misses ("-x->", "?a?", "]]]>") must not end what they are in.
 */
static void positions_survive_markers_at_every_alignment(void **state)
{
	(void)state;
	for (int k = 0; k < 8; k++) {
		char xml[512];
		snprintf(xml, sizeof xml,
		         HEAD "\n<themes>\r\n%*s<!--é-x->--><?pp ?a?\?><theme id='t' title='é'>"
		              "<priority id='p'><title><![CDATA[]]]]>é\r\n€</title></priority>"
		              "</theme></themes></plan>",
		         k, "");
		struct pp_diags d;
		struct pp_doc *doc = parse_str(xml, &d);
		assert_non_null(doc);
		assert_int_equal(doc->themes[0].loc.line, 3);
		assert_int_equal(doc->themes[0].loc.col, k + 23);
		assert_int_equal(doc->themes[0].priorities[0].loc.col, k + 47);
		pp_doc_free(doc);
		pp_diags_fini(&d);
	}
}

/* ---------- whitespace --------------------------------------------------- */

static void whitespace_collapses_as_in_html(void **state)
{
	(void)state;
	struct pp_diags d;
	struct pp_doc *doc = parse_str(
		HEAD "<themes><theme id='t' title='T'><priority id='p'><title>\n"
		     "   Agree  and\tdeliver <b> a  strategy </b> which\n   values <br/>  staff  "
		     "</title></priority></theme></themes></plan>",
		&d);
	assert_non_null(doc);
	const struct pp_inline *t = &doc->themes[0].priorities[0].title;
	assert_int_equal(t->n_spans, 5);
	span_is(&t->spans[0], "Agree and deliver ", 0);
	span_is(&t->spans[1], "a strategy ", PP_SPAN_BOLD);
	span_is(&t->spans[2], "which values", 0);
	assert_int_equal(t->spans[3].flags, PP_SPAN_BREAK);
	span_is(&t->spans[4], "staff", 0);
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

static void bare_text_in_blocks_is_one_paragraph(void **state)
{
	(void)state;
	struct pp_diags d;
	struct pp_doc *doc = parse_str(
		HEAD "<themes><theme id='t' title='T'><priority id='p'><title>x</title>"
		     "<update period='q'><commentary>\n  Covid-19 has meant\n  a <i>change</i>.\n"
		     "  <ul><li>one</li></ul>  after  </commentary><milestones>   </milestones>"
		     "</update></priority></theme></themes></plan>",
		&d);
	assert_non_null(doc);
	const struct pp_update *u = &doc->themes[0].priorities[0].updates[0];
	assert_int_equal(u->commentary.n_items, 3);
	assert_int_equal(u->commentary.items[0].kind, PP_BLOCK_PARA);
	char *s = pp_inline_text(&u->commentary.items[0].u.para);
	assert_string_equal(s, "Covid-19 has meant a change.");
	free(s);
	assert_int_equal(u->commentary.items[0].loc.line, 2);
	assert_int_equal(u->commentary.items[0].loc.col, 3);
	/* after the list: the text begins after </ul> and two spaces */
	assert_int_equal(u->commentary.items[2].loc.line, 4);
	assert_int_equal(u->commentary.items[2].loc.col, 26);
	assert_int_equal(u->commentary.items[1].kind, PP_BLOCK_LIST);
	assert_string_equal(u->commentary.items[2].u.para.spans[0].text, "after");
	assert_int_equal(u->milestones.n_items, 0);
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

/* ---------- hostile and broken input ------------------------------------- */

static void billion_laughs_is_refused(void **state)
{
	(void)state;
	const char xml[] = "<?xml version='1.0'?>\n"
			   "<!DOCTYPE lolz [<!ENTITY lol 'lol'>"
			   "<!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>"
			   "<!ENTITY lol3 '&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'>]>\n"
			   "<plan xmlns='urn:planpress:plan:1'>&lol3;</plan>";
	expect_refused(xml, strlen(xml), PP_MSG_XML_DOCTYPE, 2, 1);
}

static void external_entity_is_refused(void **state)
{
	(void)state;
	const char xml[] = "<?xml version='1.0'?>\n  <!DOCTYPE plan [<!ENTITY x SYSTEM "
			   "'file:///etc/passwd'>]>\n<plan xmlns='urn:planpress:plan:1'>&x;</plan>";
	expect_refused(xml, strlen(xml), PP_MSG_XML_DOCTYPE, 2, 3);
}

static void any_doctype_is_refused(void **state)
{
	(void)state;
	const char xml[] = "<!-- <!DOCTYPE in a comment is fine --><!DOCTYPE plan SYSTEM "
			   "'http://example.org/plan.dtd'><plan/>";
	expect_refused(xml, strlen(xml), PP_MSG_XML_DOCTYPE, 1, 40);
}

static void doctype_words_in_cdata_are_text(void **state)
{
	(void)state;
	struct pp_diags d;
	struct pp_doc *doc = parse_str(HEAD "<themes><theme id='t' title='T'><priority id='p'>"
					    "<title><![CDATA[<!DOCTYPE> & co]]></title></priority>"
					    "</theme></themes></plan>",
				       &d);
	assert_non_null(doc);
	assert_string_equal(doc->themes[0].priorities[0].title.spans[0].text, "<!DOCTYPE> & co");
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

static void empty_file_is_refused(void **state)
{
	(void)state;
	expect_refused("", 0, PP_MSG_XML_EMPTY, 1, 1);
	expect_refused(" \n\t\n", 4, PP_MSG_XML_EMPTY, 1, 1);
}

static void not_xml_is_refused_at_a_position(void **state)
{
	(void)state;
	const char text[] = "Bolton's Corporate Plan\n";
	expect_refused(text, strlen(text), PP_MSG_XML_SYNTAX, 1, 1);
}

static void truncated_file_is_refused(void **state)
{
	(void)state;
	const char xml[] = HEAD "\n<themes><theme id='t' title='T'><prio";
	struct pp_diags d;
	assert_null(parse_str(xml, &d));
	assert_true(d.n_errors >= 1);
	assert_int_equal(d.entries[0].id, PP_MSG_XML_TAG_UNFINISHED);
	assert_int_equal(d.entries[0].loc.line, 2);
	assert_true(d.entries[0].loc.col > 0);
	pp_diags_fini(&d);
}

static void invalid_utf8_is_refused(void **state)
{
	(void)state;
	const char xml[] = HEAD "\n<themes><theme id='t' title='caf\xe9'/></themes></plan>";
	expect_refused(xml, strlen(xml), PP_MSG_XML_CP1252, 2, 33);
	/* an overlong encoding of '/' is not UTF-8 either */
	const char overlong[] = HEAD "<themes><theme id='\xc0\xaf' title='x'/></themes></plan>";
	expect_refused(overlong, strlen(overlong), PP_MSG_XML_BAD_UTF8, 1, 116);
}

static void nul_byte_is_refused(void **state)
{
	(void)state;
	const char xml[] = "<plan xmlns='urn:planpress:plan:1'>\n  <facts>\0</facts></plan>";
	expect_refused(xml, sizeof xml - 1, PP_MSG_XML_NUL, 2, 10);
}

/* Shapes libxml2 handles in quadratic time are refused first, at the element. */
static void too_many_attributes_are_refused(void **state)
{
	(void)state;
	const char xml[] = "<plan xmlns='urn:planpress:plan:1'>\n <facts/></plan>";
	size_t n = strlen(xml);
	char *big = malloc(n + 65 * 8 + 1);
	memcpy(big, xml, n + 1);
	char *at = strstr(big, "/></plan>");
	for (int i = 0; i < 65; i++)
		at += sprintf(at, " a%02d='x'", i);
	strcpy(at, "/></plan>");
	expect_refused(big, strlen(big), PP_MSG_XML_TOO_MANY_ATTRS, 2, 2);
	free(big);
}

static void too_many_siblings_are_refused(void **state)
{
	(void)state;
	size_t n = 50001;
	char *xml = malloc(64 + n * 4);
	char *p = xml + sprintf(xml, "<plan xmlns='urn:planpress:plan:1'>\n  <facts>");
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "<b/>");
	strcpy(p, "</facts></plan>");
	expect_refused(xml, strlen(xml), PP_MSG_XML_TOO_MANY_CHILDREN, 2, 3);
	free(xml);
}

/* `<organisation>` holding `a` then <b>x</b> then `b` characters of "w ". */
static char *facts_text(size_t a, size_t b, const char *between)
{
	char *xml = malloc(256 + 2 * (a + b));
	char *p = xml + sprintf(xml, "<plan xmlns='urn:planpress:plan:1'>\n<facts><organisation>");
	for (size_t i = 0; i < a; i += 2)
		p += sprintf(p, "w ");
	p += sprintf(p, "%s", between);
	for (size_t i = 0; i < b; i += 2)
		p += sprintf(p, "w ");
	strcpy(p, "</organisation><title>T</title></facts></plan>");
	return xml;
}

static void long_paragraph_is_refused_where_it_starts(void **state)
{
	(void)state;
	/* Inline elements do not end a paragraph: 120,000 + 120,000 is too long. */
	char *xml = facts_text(120000, 120000, "<b>x</b>");
	expect_refused(xml, strlen(xml), PP_MSG_XML_LONG_TEXT, 2, 22);
	free(xml);
	/* Other tags do: two paragraphs of 120,000 each are fine. */
	xml = facts_text(120000, 120000, "</organisation><title>T</title><organisation>");
	char *second = strstr(xml, "<title>T</title></facts>");
	memcpy(second, "<!--  --> <!----> ", 17); /* the valid order: organisation, title */
	struct pp_diags d;
	struct pp_doc *doc = parse(xml, strlen(xml), &d);
	assert_int_equal(pp_diags_count(&d, PP_MSG_XML_LONG_TEXT), 0);
	pp_doc_free(doc);
	pp_diags_fini(&d);
	free(xml);
	/* An attribute value is counted on its own. */
	const char head[] = "<plan xmlns='urn:planpress:plan:1'>\n <facts a='";
	size_t n = 200001;
	xml = malloc(sizeof head + n + 32);
	memcpy(xml, head, sizeof head - 1);
	memset(xml + sizeof head - 1, 'w', n);
	for (size_t i = 1; i < n; i += 2)
		xml[sizeof head - 1 + i] = ' ';
	strcpy(xml + sizeof head - 1 + n, "'/></plan>");
	expect_refused(xml, strlen(xml), PP_MSG_XML_LONG_TEXT, 2, 12);
	free(xml);
}

/* A word of n characters in xml: 10,000 are accepted, more refused where
 * the word starts. */
static void expect_word_limit(const char *xml, size_t n, unsigned line, unsigned col)
{
	if (n > 10000) {
		expect_refused(xml, strlen(xml), PP_MSG_XML_LONG_WORD, line, col);
		return;
	}
	struct pp_diags d;
	struct pp_doc *doc = parse_str(xml, &d);
	assert_int_equal(pp_diags_count(&d, PP_MSG_XML_LONG_WORD), 0);
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

/* Words and values are counted in characters, and reported where they start. */
static void long_words_count_characters(void **state)
{
	(void)state;
	const char head[] = "<plan xmlns='urn:planpress:plan:1'>\n<facts><organisation>é é ";
	const char tail[] = "</organisation><title>T</title></facts></plan>";
	char *xml = malloc(sizeof head + 2 * 10001 + sizeof tail);
	for (size_t n = 10000; n <= 10001; n++) {
		char *p = xml + sprintf(xml, "%s", head);
		for (size_t i = 0; i < n; i++)
			p += sprintf(p, "é"); /* 2 bytes, 1 character */
		strcpy(p, tail);
		expect_word_limit(xml, n, 2, 26);
	}
	/* ASCII after other words on the line: the word is read within one long run */
	for (size_t n = 10000; n <= 10001; n++) {
		char *q =
		    xml +
		    sprintf(xml, "<plan xmlns='urn:planpress:plan:1'>\n<facts><organisation>");
		for (size_t i = 0; i < 3000; i++)
			q += sprintf(q, i % 2 ? "w " : "w\t");
		memset(q, 'x', n);
		strcpy(q + n, tail);
		expect_word_limit(xml, n, 2, 22 + 6000);
	}
	/* in a value, after a CRLF and characters of two and three bytes */
	char *p = xml + sprintf(xml, "<plan xmlns='urn:planpress:plan:1'>\r\n<facts a='é€ ");
	for (size_t i = 0; i < 10001; i++)
		p += sprintf(p, "é");
	strcpy(p, "'/></plan>");
	expect_refused(xml, strlen(xml), PP_MSG_XML_LONG_WORD, 2, 14);
	free(xml);
}

/* Text in neighbouring elements is not one word, however minified the file. */
static void words_end_at_element_boundaries(void **state)
{
	(void)state;
	char *xml = malloc(64 + 6000 * 40);
	char *p = xml + sprintf(xml, "<plan xmlns='urn:planpress:plan:1'>\n"
				       "<facts><organisation>O</organisation><title>T</title></facts>"
				       "<framework><group id='g' label='G'>");
	for (int i = 0; i < 6000; i++)
		p += sprintf(p, "<item id='o%d'>Item%d</item>", i, i);
	strcpy(p, "</group></framework></plan>");
	struct pp_diags d;
	struct pp_doc *doc = parse(xml, strlen(xml), &d);
	assert_int_equal(d.n_errors, 0);
	assert_non_null(doc);
	pp_doc_free(doc);
	pp_diags_fini(&d);
	free(xml);
}

static void other_kinds_of_file_are_named(void **state)
{
	(void)state;
	const char docx[] = "PK\x03\x04\x14\x00\x06\x00";
	expect_refused(docx, sizeof docx - 1, PP_MSG_XML_NOT_TEXT, 1, 1);
	const char pdf[] = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
	expect_refused(pdf, sizeof pdf - 1, PP_MSG_XML_NOT_TEXT, 1, 1);
	const char utf32[] = "<\0\0\0p\0\0\0";
	expect_refused(utf32, sizeof utf32 - 1, PP_MSG_XML_NOT_TEXT, 1, 1);
}

/* Encode ASCII `s` as UTF-16 with a BOM. */
static char *utf16(const char *s, int big_endian, size_t *len)
{
	size_t n = strlen(s);
	char *out = malloc(2 * n + 2);
	out[0] = big_endian ? '\xfe' : '\xff';
	out[1] = big_endian ? '\xff' : '\xfe';
	for (size_t i = 0; i < n; i++) {
		out[2 + 2 * i + (big_endian ? 1 : 0)] = s[i];
		out[2 + 2 * i + (big_endian ? 0 : 1)] = 0;
	}
	*len = 2 * n + 2;
	return out;
}

/*
 * UTF-16 with a BOM, and without one as XML allows when it starts with "<"
 * (skip the BOM's 2 bytes), is read; cut to an odd length, it is reported
 * where the last character was cut.
 */
static void utf16_is_accepted(void **state)
{
	(void)state;
	const char xml[] = "<?xml version='1.0' encoding='UTF-16'?>\n" HEAD
			   "\n<themes><theme id='t' title='T'/></themes></plan>";
	for (int be = 0; be <= 1; be++)
		for (size_t skip = 0; skip <= 2; skip += 2) {
			size_t len;
			char *data = utf16(xml, be, &len);
			struct pp_diags d;
			struct pp_doc *doc = parse(data + skip, len - skip, &d);
			assert_int_equal(d.n_errors, 0);
			assert_non_null(doc);
			assert_string_equal(doc->facts.organisation, "O");
			assert_int_equal(doc->themes[0].loc.line, 3);
			assert_int_equal(doc->themes[0].loc.col, 9);
			pp_doc_free(doc);
			pp_diags_fini(&d);
			doc = parse(data + skip, len - skip - 1, &d);
			assert_null(doc);
			assert_int_equal(d.entries[0].id, PP_MSG_XML_BAD_UTF16);
			assert_int_equal(d.entries[0].loc.line, 3);
			assert_int_equal(d.entries[0].loc.col, 49);
			pp_diags_fini(&d);
			free(data);
		}
}

static void unknown_element_is_a_schema_error_with_position(void **state)
{
	(void)state;
	const char xml[] = HEAD "\n<themes>\n  <theme id='t' title='T'>\n    <priorty id='p'/>\n"
			   "  </theme>\n</themes></plan>";
	struct pp_diags d;
	assert_null(parse_str(xml, &d));
	assert_true(pp_diags_count(&d, PP_MSG_SCHEMA) >= 1);
	assert_int_equal(d.entries[0].id, PP_MSG_SCHEMA);
	assert_int_equal(d.entries[0].loc.line, 4);
	assert_int_equal(d.entries[0].loc.col, 5);
	assert_non_null(strstr(d.entries[0].text, "priorty"));
	pp_diags_fini(&d);
}

/* One schema fault gives one message, in our words, at the element. */
static void expect_schema(const char *body, unsigned line, unsigned col, const char *text)
{
	char xml[2048];
	snprintf(xml, sizeof xml, HEAD "\n%s</plan>", body);
	struct pp_diags d;
	assert_null(parse_str(xml, &d));
	assert_int_equal(d.n_entries, 1);
	assert_int_equal(d.entries[0].id, PP_MSG_SCHEMA);
	assert_string_equal(d.entries[0].text, text);
	assert_int_equal(d.entries[0].loc.line, line);
	assert_int_equal(d.entries[0].loc.col, col);
	pp_diags_fini(&d);
}

static void schema_messages_name_the_fault(void **state)
{
	(void)state;
	expect_schema("<themes><theme id='t'/></themes>", 2, 9,
		      "<theme> needs the attribute \"title\"");
	expect_schema("<documents><document id='d' output='o' page='A5'/></documents>", 2, 12,
		      "<document> does not allow page=\"A5\" (unknown attribute or value)");
	expect_schema("<themes><theme id='t' title='T'><priority id='p'><lead>x</lead></priority>"
		      "</theme></themes>",
		      2, 33, "<priority> needs a <title>");
	expect_schema("<documents><document id='d' output='o'><section title='s'><p>x</p>"
		      "<bogus/></section></document></documents>",
		      2, 67, "<section> does not allow <bogus> here");
	expect_schema("<themes>text<theme id='t' title='T'/></themes>", 2, 1,
		      "<themes> does not allow text");
}

static void wrong_root_is_refused(void **state)
{
	(void)state;
	const char xml[] = "<?xml version='1.0'?>\n <html><body/></html>";
	expect_refused(xml, strlen(xml), PP_MSG_XML_NOT_PLAN, 2, 2);
	const char nons[] = "<plan><facts/></plan>";
	expect_refused(nons, strlen(nons), PP_MSG_XML_NO_NAMESPACE, 1, 1);
	const char otherns[] = "<plan xmlns='urn:planpress:plan:2'><facts/></plan>";
	expect_refused(otherns, strlen(otherns), PP_MSG_XML_WRONG_NAMESPACE, 1, 1);
	const char tpl[] = "<template xmlns='urn:planpress:template:1'/>";
	expect_refused(tpl, strlen(tpl), PP_MSG_XML_TEMPLATE_AS_PLAN, 1, 1);
}

/*
 * The faults of typing XML by hand, each in words that name the fix and at
 * the character at fault, and only the first of libxml2's cascade.
 */
static void expect_one(const char *body, enum pp_msg id, unsigned col, const char *says)
{
	char *xml = pp_xasprintf(HEAD "\n<themes><theme id='t' title='T'>%s</theme></themes></plan>", body);
	struct pp_diags d;
	assert_null(parse(xml, strlen(xml), &d));
	assert_int_equal(d.n_entries, 1);
	if (d.entries[0].id != id || !strstr(d.entries[0].text, says))
		fprintf(stderr, "got %s: %s\n", pp_msg_name(d.entries[0].id), d.entries[0].text);
	assert_int_equal(d.entries[0].id, id);
	assert_int_equal(d.entries[0].loc.line, 2);
	assert_int_equal(d.entries[0].loc.col, col);
	assert_non_null(strstr(d.entries[0].text, says));
	pp_diags_fini(&d);
	free(xml);
}

static void hand_typing_faults_are_explained(void **state)
{
	(void)state;
	/* <themes><theme id='t' title='T'> is 32 characters: the body starts at column 33 */
	expect_one("<description>Climate & Environment</description>", PP_MSG_XML_BARE_AMP, 54,
		   "write \"&amp;\"");
	expect_one("<description>under <50%</description>", PP_MSG_XML_BARE_LT, 52, "write \"&lt;\"");
	expect_one("<description>&pound;5</description>", PP_MSG_XML_HTML_ENTITY, 46,
		   "\"£\" itself or \"&#163;\"");
	expect_one("<description>a&nbsp;b</description>", PP_MSG_XML_HTML_ENTITY_INVISIBLE, 47,
		   "write \"&#160;\"");
	expect_one("<description>&bogus;</description>", PP_MSG_XML_UNKNOWN_ENTITY, 46,
		   "\"&bogus;\" is not defined");
	expect_one("<description>A &amp B</description>", PP_MSG_XML_ENTITY_SEMICOLON, 52, "\";\"");
	expect_one("<description>x</descripton>", PP_MSG_XML_TAG_MISMATCH, 47,
		   "</descripton> found while <description> from line 2 is still open");
	expect_one("<priority id=p/>", PP_MSG_XML_ATTR_QUOTES, 46, "write id=\"...\"");
	expect_one("<priority id='a' id='b'/>", PP_MSG_XML_ATTR_TWICE, 56, "attribute id is given twice");
	expect_one("<priority id='a'b/>", PP_MSG_XML_ATTR_MALFORMED, 49, "name=\"value\"");
	expect_one("<priority id='<'/>", PP_MSG_XML_LT_IN_ATTRIBUTE, 47, "write \"&lt;\"");
	expect_one("<description>a\x01" "b</description>", PP_MSG_XML_CONTROL_CHAR, 47, "U+0001");
	/* an element left open: the file ends inside it */
	const char cut[] = HEAD "\n<themes><theme id='t' title='T'>";
	struct pp_diags d;
	assert_null(parse(cut, strlen(cut), &d));
	assert_int_equal(d.n_entries, 1);
	assert_int_equal(d.entries[0].id, PP_MSG_XML_CUT_SHORT);
	pp_diags_fini(&d);
	/* Word's "ANSI": a lone 0xA3 is a pound sign there */
	const char ansi[] = HEAD "\n<themes><theme id='t' title='\xa3" "5'/></themes></plan>";
	expect_refused(ansi, strlen(ansi), PP_MSG_XML_CP1252, 2, 30);
}

static void missing_file_is_an_io_error(void **state)
{
	(void)state;
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	assert_null(pp_parse_file("/nonexistent/plan.xml", &d));
	assert_int_equal(pp_diags_count(&d, PP_MSG_IO_READ), 1);
	assert_non_null(strstr(d.entries[0].text, "/nonexistent/plan.xml"));
	pp_diags_fini(&d);
}

static void parse_file_reads_the_inputs(void **state)
{
	(void)state;
	char path[4096];
	snprintf(path, sizeof path, "%s/tests/golden/bad/bad-rag.xml", pp_test_source_dir());
	struct pp_diags d;
	pp_diags_init(&d, NULL);
	struct pp_doc *doc = pp_parse_file(path, &d);
	assert_non_null(doc); /* schema-valid: its fault is for the checker */
	assert_string_equal(doc->path, path);
	assert_int_equal(pp_check_doc(doc, &d), -1);
	assert_int_equal(pp_diags_count(&d, PP_MSG_BAD_RAG), 1);
	pp_doc_free(doc);
	pp_diags_fini(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_element_lands_in_the_model),
	    cmocka_unit_test(assessment_and_linked_plans_land),
	    cmocka_unit_test(positions_have_line_and_column),
	    cmocka_unit_test(positions_survive_crlf_and_multibyte),
	    cmocka_unit_test(positions_survive_markers_at_every_alignment),
	    cmocka_unit_test(whitespace_collapses_as_in_html),
	    cmocka_unit_test(bare_text_in_blocks_is_one_paragraph),
	    cmocka_unit_test(billion_laughs_is_refused),
	    cmocka_unit_test(external_entity_is_refused),
	    cmocka_unit_test(any_doctype_is_refused),
	    cmocka_unit_test(doctype_words_in_cdata_are_text),
	    cmocka_unit_test(empty_file_is_refused),
	    cmocka_unit_test(not_xml_is_refused_at_a_position),
	    cmocka_unit_test(truncated_file_is_refused),
	    cmocka_unit_test(invalid_utf8_is_refused),
	    cmocka_unit_test(nul_byte_is_refused),
	    cmocka_unit_test(too_many_attributes_are_refused),
	    cmocka_unit_test(too_many_siblings_are_refused),
	    cmocka_unit_test(utf16_is_accepted),
	    cmocka_unit_test(long_paragraph_is_refused_where_it_starts),
	    cmocka_unit_test(long_words_count_characters),
	    cmocka_unit_test(other_kinds_of_file_are_named),
	    cmocka_unit_test(words_end_at_element_boundaries),
	    cmocka_unit_test(unknown_element_is_a_schema_error_with_position),
	    cmocka_unit_test(schema_messages_name_the_fault),
	    cmocka_unit_test(wrong_root_is_refused),
	    cmocka_unit_test(hand_typing_faults_are_explained),
	    cmocka_unit_test(missing_file_is_an_io_error),
	    cmocka_unit_test(parse_file_reads_the_inputs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
