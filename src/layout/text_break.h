/* SPDX-License-Identifier: MIT */
/*
 * text_break.h - break opportunities of simple text (private to the layout
 * stage): the PangoLogAttr fields the fast text path reads, computed the
 * way Pango 1.50's pango_default_break() does, from a small table instead
 * of its per-character Unicode look-ups.
 */
#ifndef PP_LAYOUT_TEXT_BREAK_H
#define PP_LAYOUT_TEXT_BREAK_H

#include <pango/pango.h>

/*
 * The log attributes of the n characters ch[] (attrs has n + 1 entries,
 * zeroed by the caller; the last is the end of the text, as if a paragraph
 * separator followed) as pango_default_break() gives them for the same
 * text, for these fields: is_line_break, is_mandatory_break, is_char_break,
 * is_white, is_cursor_position, is_word_boundary, is_expandable_space,
 * break_inserts_hyphen and break_removes_preceding. The others stay zero.
 *
 * Returns 0 (attrs untouched) when a character is outside the set this
 * knows (Latin, Greek, Cyrillic, general punctuation; see text_break.c):
 * the caller then asks pango_default_break().
 */
int text_break_chars(const gunichar *ch, int n, PangoLogAttr *attrs);

/*
 * The script of ch[0..n) when pango_script_iter would find it one run:
 * every character is in the set above and at most one script among them
 * is not Common, Inherited or Unknown (with no two scripts to separate,
 * paired brackets change nothing). *script is that one, or Common. 0 when
 * not so (the caller asks pango_script_iter).
 */
int text_break_script(const gunichar *ch, int n, PangoScript *script);

/* The fields above are equal in a and b (n entries each); else the index
 * of the first difference + 1. */
int text_break_differ(const PangoLogAttr *a, const PangoLogAttr *b, int n);

#endif
