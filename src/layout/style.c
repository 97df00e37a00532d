/* SPDX-License-Identifier: MIT */
/*
 * style.c - what a style names but is not a look: the fields a committee
 * report's front sheet may print, by the name a template gives each and
 * its default label. The looks themselves (colours, fonts, sizes) come only
 * from the template files in templates/, loaded by the parse stage
 * (style.h).
 */
#include "planpress/style.h"

#include <stddef.h>

static const struct {
	const char *name, *label;
} front_fields[PP_FRONT_N] = {
	[PP_FRONT_TO] = {"to", "To"},
	[PP_FRONT_DATE] = {"date", "Date of meeting"},
	[PP_FRONT_TITLE] = {"title", "Title"},
	[PP_FRONT_REPORT_OF] = {"report-of", "Report of"},
	[PP_FRONT_PURPOSE] = {"purpose", "Purpose"},
	[PP_FRONT_WARDS] = {"wards", "Wards affected"},
	[PP_FRONT_KEY_DECISION] = {"key-decision", "Key decision"},
	[PP_FRONT_EXEMPT] = {"exempt", "Exempt information"},
	[PP_FRONT_CONTACT] = {"contact", "Contact officer"},
	[PP_FRONT_BACKGROUND] = {"background-papers", "Background papers"},
	[PP_FRONT_ANNEXES] = {"annexes", "Annexes"},
};

const char *pp_front_field_name(enum pp_front_key k)
{
	return (unsigned)k < PP_FRONT_N ? front_fields[k].name : NULL;
}

const char *pp_front_field_label(enum pp_front_key k)
{
	return (unsigned)k < PP_FRONT_N ? front_fields[k].label : NULL;
}
