/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * text_break.c - Pango 1.50's default_break() (pango/break.c) for the
 * characters the fast text path takes, with their Unicode properties read
 * once into a table.
 *
 * Licence: the rules here follow Pango's break.c closely (their order and
 * Pango's own adjustments to UAX #14 and UAX #29), so this file is a
 * derivative of Pango and keeps Pango's licence, the GNU LGPL 2.1 or
 * later (Copyright (C) 1999 Red Hat Software and the Pango authors), not
 * the MIT licence of the rest of planpress. Its source is part of every
 * copy of planpress, as the LGPL asks; see README.md, "Licence".
 *
 * Why: pango_default_break() looks up the line break class, general
 * category, script and emoji properties of every character, and works
 * out grapheme, word and sentence boundaries, word starts and ends: about
 * a third of the layout time of a long table. The fast path needs only
 * line breaks, white space and the hyphen flags (which depend on word
 * boundaries, which depend on grapheme boundaries).
 *
 * What it knows: U+000A, U+0020-007E, U+00A0-024F, U+0370-052F,
 * U+1E00-1FFF, U+2010-2027, U+2030-205E and U+20AC. In these there are no
 * Hangul jamo, regional indicators, emoji modifiers, zero width joiners,
 * complex-context (SA) letters, prepended concatenation marks or East
 * Asian wide characters, so the rules that need them are left out; every
 * other rule is Pango's, in Pango's order. Combining marks (U+0483-0489)
 * and the soft hyphen are handled as Pango does. A text with any other
 * character is left to pango_default_break() by the caller.
 *
 * Invariant: for the fields text_break.h lists, the result equals
 * pango_default_break()'s. PP_TEXT_VERIFY=1 checks it on every paragraph
 * the fast path measures, and test_layout_textbreak over many strings.
 */
#include <string.h>

#include "text_break.h"

#define PARAGRAPH_SEPARATOR 0x2029

/* Grapheme, word and script classes, as default_break() derives them
 * from a character alone. */
enum gb { GB_OTHER, GB_CONTROL, GB_EXTEND, GB_SPACING_MARK };

enum wb {
	WB_OTHER,
	WB_NEWLINE,
	WB_EXTEND_FORMAT,
	WB_KATAKANA,
	WB_HEBREW,
	WB_ALETTER,
	WB_MIDNUMLET,
	WB_MIDLETTER,
	WB_MIDNUM,
	WB_NUMERIC,
	WB_EXTENDNUMLET,
	WB_WSEGSPACE
};

/* For break_inserts_hyphen: the script of the previous character. */
enum sc { SC_COMMON, SC_NO_HYPHEN, SC_OTHER };

enum { LB_OTHER, LB_NUMERIC, LB_NUMERIC_CLOSE };

struct cprop {
	uint8_t known;
	uint8_t brk;  /* GUnicodeBreakType as Pango reads it (BREAK_TYPE_SAFE) */
	uint8_t gb, wb, sc;
	uint8_t script; /* GUnicodeScript, 0 unless a real script (not Common,
			 * Inherited or Unknown) */
	uint8_t white, space_or_hyphen;
	/* a letter whose attributes after another such letter are always
	 * the same (see text_break_chars) */
	uint8_t plain;
};

#define TABLE_END 0x20b0
static struct cprop table[TABLE_END];

/*
 * The outcome of the pair rules (line_rules) depends on the classes of
 * the previous two characters and this one, whether the next one is
 * numeric and the LB25 state, and these take few values here, so each
 * outcome is worked out once: memo[key] is 0 until known, then 1 + the
 * opportunity + 4 if mandatory. Break classes are numbered compactly
 * (cls); n_cls > MAX_CLS turns the memo off.
 */
#define MAX_CLS 32
static uint8_t cls[G_UNICODE_BREAK_ZERO_WIDTH_JOINER + 1];
static int n_cls;
static uint8_t memo[MAX_CLS * MAX_CLS * MAX_CLS * 2 * 3];

static int in_set(gunichar c)
{
	return c == '\n' || (c >= 0x20 && c < 0x7f) || (c >= 0xa0 && c < 0x250) ||
	       (c >= 0x370 && c < 0x530) || (c >= 0x1e00 && c < 0x2000) ||
	       (c >= 0x2010 && c <= 0x2027) || c == PARAGRAPH_SEPARATOR ||
	       (c >= 0x2030 && c <= 0x205e) || c == 0x20ac;
}

static enum gb gb_of(GUnicodeType type)
{
	switch ((int)type) {
	case G_UNICODE_FORMAT:
		/* U+200C, U+200D, prepended marks and tags are not in the set */
	case G_UNICODE_CONTROL:
	case G_UNICODE_LINE_SEPARATOR:
	case G_UNICODE_PARAGRAPH_SEPARATOR:
	case G_UNICODE_SURROGATE:
		return GB_CONTROL;
	case G_UNICODE_SPACING_MARK:
		/* (Pango's Other_Grapheme_Extend exceptions are >= U+09BE) */
		return GB_SPACING_MARK;
	case G_UNICODE_ENCLOSING_MARK:
	case G_UNICODE_NON_SPACING_MARK:
		return GB_EXTEND;
	default:
		return GB_OTHER;
	}
}

static enum wb wb_of(gunichar wc, GUnicodeType type, GUnicodeBreakType brk, GUnicodeScript script)
{
	if (script == G_UNICODE_SCRIPT_KATAKANA)
		return WB_KATAKANA;
	if (script == G_UNICODE_SCRIPT_HEBREW && type == G_UNICODE_OTHER_LETTER)
		return WB_HEBREW;
	if (brk == G_UNICODE_BREAK_NUMERIC && wc != 0x066c)
		return WB_NUMERIC;
	if (brk == G_UNICODE_BREAK_INFIX_SEPARATOR && wc != 0x003a && wc != 0xfe13 &&
	    wc != 0x002e)
		return WB_MIDNUM;
	switch ((int)type) {
	case G_UNICODE_CONTROL:
		if (wc != 0x000d && wc != 0x000a && wc != 0x000b && wc != 0x000c && wc != 0x0085)
			break;
		return WB_NEWLINE;
	case G_UNICODE_LINE_SEPARATOR:
	case G_UNICODE_PARAGRAPH_SEPARATOR:
		return WB_NEWLINE;
	case G_UNICODE_FORMAT:
	case G_UNICODE_SPACING_MARK:
	case G_UNICODE_ENCLOSING_MARK:
	case G_UNICODE_NON_SPACING_MARK:
		return WB_EXTEND_FORMAT;
	case G_UNICODE_CONNECT_PUNCTUATION:
		return WB_EXTENDNUMLET;
	case G_UNICODE_INITIAL_PUNCTUATION:
	case G_UNICODE_FINAL_PUNCTUATION:
		if (wc == 0x2018 || wc == 0x2019)
			return WB_MIDNUMLET;
		break;
	case G_UNICODE_OTHER_PUNCTUATION:
		if ((wc >= 0x055a && wc <= 0x055c) || wc == 0x055e || wc == 0x05f3)
			return WB_ALETTER;
		if (wc == 0x0027 || wc == 0x002e || wc == 0x2024 || wc == 0xfe52 ||
		    wc == 0xff07 || wc == 0xff0e)
			return WB_MIDNUMLET;
		if (wc == 0x00b7 || wc == 0x05f4 || wc == 0x2027 || wc == 0x003a ||
		    wc == 0x0387 || wc == 0x055f || wc == 0xfe13 || wc == 0xfe55 ||
		    wc == 0xff1a)
			return WB_MIDLETTER;
		if (wc == 0x066c || wc == 0xfe50 || wc == 0xfe54 || wc == 0xff0c ||
		    wc == 0xff1b)
			return WB_MIDNUM;
		break;
	case G_UNICODE_OTHER_SYMBOL:
		if (wc >= 0x24b6 && wc <= 0x24e9)
			return WB_ALETTER;
		break;
	case G_UNICODE_OTHER_LETTER:
	case G_UNICODE_LETTER_NUMBER:
		/* (the ideographic exceptions are not in the set) */
	case G_UNICODE_LOWERCASE_LETTER:
	case G_UNICODE_MODIFIER_LETTER:
	case G_UNICODE_TITLECASE_LETTER:
	case G_UNICODE_UPPERCASE_LETTER:
		if (brk != G_UNICODE_BREAK_COMPLEX_CONTEXT && script != G_UNICODE_SCRIPT_HIRAGANA)
			return WB_ALETTER;
		break;
	default:
		break;
	}
	if (type == G_UNICODE_SPACE_SEPARATOR && brk != G_UNICODE_BREAK_NON_BREAKING_GLUE)
		return WB_WSEGSPACE;
	return WB_OTHER;
}

static gpointer table_init(gpointer data)
{
	(void)data;
	for (gunichar c = 0; c < TABLE_END; c++) {
		if (!in_set(c))
			continue;
		struct cprop *p = &table[c];
		GUnicodeBreakType brk = g_unichar_break_type(c);
		if (brk > G_UNICODE_BREAK_ZERO_WIDTH_JOINER)
			brk = G_UNICODE_BREAK_UNKNOWN;
		GUnicodeType type = g_unichar_type(c);
		GUnicodeScript script = g_unichar_get_script(c);
		p->known = 1;
		p->brk = (uint8_t)brk;
		p->gb = (uint8_t)gb_of(type);
		p->wb = (uint8_t)wb_of(c, type, brk, script);
		if (script != G_UNICODE_SCRIPT_COMMON && script != G_UNICODE_SCRIPT_INHERITED &&
		    script != G_UNICODE_SCRIPT_UNKNOWN)
			p->script = (uint8_t)script;
		if (script == G_UNICODE_SCRIPT_COMMON)
			p->sc = SC_COMMON;
		else if (script == G_UNICODE_SCRIPT_HAN || script == G_UNICODE_SCRIPT_HANGUL ||
			 script == G_UNICODE_SCRIPT_HIRAGANA || script == G_UNICODE_SCRIPT_KATAKANA)
			p->sc = SC_NO_HYPHEN;
		else
			p->sc = SC_OTHER;
		int white = type == G_UNICODE_SPACE_SEPARATOR ||
			    type == G_UNICODE_LINE_SEPARATOR ||
			    type == G_UNICODE_PARAGRAPH_SEPARATOR ||
			    (type == G_UNICODE_CONTROL &&
			     (c == '\t' || c == '\n' || c == '\r' || c == '\f'));
		p->white = (uint8_t)white;
		/* the hyphens of the set: U+002D and U+2010 */
		p->space_or_hyphen = (uint8_t)(white || c == '-' || c == 0x2010);
		p->plain = brk == G_UNICODE_BREAK_ALPHABETIC && p->gb == GB_OTHER &&
			   p->wb == WB_ALETTER && p->sc == SC_OTHER && !white && !p->space_or_hyphen;
	}
	/* classes: those of the set after LB1, and the initial state */
	uint8_t seen[G_UNICODE_BREAK_ZERO_WIDTH_JOINER + 1] = { 0 };
	seen[G_UNICODE_BREAK_UNKNOWN] = seen[G_UNICODE_BREAK_ALPHABETIC] = 1;
	for (gunichar c = 0; c < TABLE_END; c++)
		if (table[c].known)
			seen[table[c].brk] = 1;
	for (int t = 0; t <= G_UNICODE_BREAK_ZERO_WIDTH_JOINER; t++)
		if (seen[t])
			cls[t] = (uint8_t)(n_cls < MAX_CLS ? n_cls++ : n_cls);
	return NULL;
}

static GOnce table_once = G_ONCE_INIT;

static const struct cprop *prop(gunichar c)
{
	return c < TABLE_END && table[c].known ? &table[c] : NULL;
}

/* Pango's rules LB4-LB30 for the pair (prev, this): the break opportunity
 * they leave, applied in Pango's order (a later rule overrides an earlier
 * one). OP_NONE: none applies (LB31: allowed). */
enum op { OP_NONE, OP_PROHIBITED, OP_ALLOWED };

static enum op line_rules(GUnicodeBreakType prev_prev, GUnicodeBreakType prev,
			  GUnicodeBreakType row, GUnicodeBreakType bt, GUnicodeBreakType next,
			  int prev_lb, gunichar wc, int *mandatory)
{
	enum op op = OP_NONE;
#define IS(x, t) ((x) == G_UNICODE_BREAK_##t)
	/* LB30 (no East Asian wide characters in the set) */
	if ((IS(prev, ALPHABETIC) || IS(prev, HEBREW_LETTER) || IS(prev, NUMERIC)) &&
	    IS(bt, OPEN_PUNCTUATION))
		op = OP_PROHIBITED;
	if (IS(prev, CLOSE_PARANTHESIS) &&
	    (IS(bt, ALPHABETIC) || IS(bt, HEBREW_LETTER) || IS(bt, NUMERIC)))
		op = OP_PROHIBITED;
	/* LB30a, LB30b: regional indicators, emoji modifiers: not in the set */
	/* LB29 */
	if (IS(prev, INFIX_SEPARATOR) && (IS(bt, ALPHABETIC) || IS(bt, HEBREW_LETTER)))
		op = OP_PROHIBITED;
	/* LB28 */
	if ((IS(prev, ALPHABETIC) || IS(prev, HEBREW_LETTER)) &&
	    (IS(bt, ALPHABETIC) || IS(bt, HEBREW_LETTER)))
		op = OP_PROHIBITED;
	/* LB27, LB26: Hangul: not in the set */
	/* LB25 with Example 7 of Customization */
	if ((IS(prev, PREFIX) || IS(prev, POSTFIX)) && IS(bt, NUMERIC))
		op = OP_PROHIBITED;
	if ((IS(prev, PREFIX) || IS(prev, POSTFIX)) &&
	    (IS(bt, OPEN_PUNCTUATION) || IS(bt, HYPHEN)) && IS(next, NUMERIC))
		op = OP_PROHIBITED;
	if ((IS(prev, OPEN_PUNCTUATION) || IS(prev, HYPHEN)) && IS(bt, NUMERIC))
		op = OP_PROHIBITED;
	if (IS(prev, NUMERIC) &&
	    (IS(bt, NUMERIC) || IS(bt, SYMBOL) || IS(bt, INFIX_SEPARATOR)))
		op = OP_PROHIBITED;
	if (prev_lb == LB_NUMERIC &&
	    (IS(bt, NUMERIC) || IS(bt, SYMBOL) || IS(bt, INFIX_SEPARATOR) ||
	     IS(bt, CLOSE_PUNCTUATION) || IS(bt, CLOSE_PARANTHESIS)))
		op = OP_PROHIBITED;
	if ((prev_lb == LB_NUMERIC || prev_lb == LB_NUMERIC_CLOSE) &&
	    (IS(bt, POSTFIX) || IS(bt, PREFIX)))
		op = OP_PROHIBITED;
	/* LB24 */
	if ((IS(prev, PREFIX) || IS(prev, POSTFIX)) &&
	    (IS(bt, ALPHABETIC) || IS(bt, HEBREW_LETTER)))
		op = OP_PROHIBITED;
	if ((IS(prev, ALPHABETIC) || IS(prev, HEBREW_LETTER)) &&
	    (IS(bt, PREFIX) || IS(bt, POSTFIX)))
		op = OP_PROHIBITED;
	/* LB23 */
	if ((IS(prev, ALPHABETIC) || IS(prev, HEBREW_LETTER)) && IS(bt, NUMERIC))
		op = OP_PROHIBITED;
	if (IS(prev, NUMERIC) && (IS(bt, ALPHABETIC) || IS(bt, HEBREW_LETTER)))
		op = OP_PROHIBITED;
	/* LB23a */
	if (IS(prev, PREFIX) &&
	    (IS(bt, IDEOGRAPHIC) || IS(bt, EMOJI_BASE) || IS(bt, EMOJI_MODIFIER)))
		op = OP_PROHIBITED;
	if ((IS(prev, IDEOGRAPHIC) || IS(prev, EMOJI_BASE) || IS(prev, EMOJI_MODIFIER)) &&
	    IS(bt, POSTFIX))
		op = OP_PROHIBITED;
	/* LB22 */
	if (IS(bt, INSEPARABLE))
		op = OP_PROHIBITED;
	/* LB21 */
	if (IS(bt, AFTER) || IS(bt, HYPHEN) || IS(bt, NON_STARTER) || IS(prev, BEFORE))
		op = OP_PROHIBITED;
	/* LB21a */
	if (IS(prev_prev, HEBREW_LETTER) && (IS(prev, HYPHEN) || IS(prev, AFTER)))
		op = OP_PROHIBITED;
	/* LB21b */
	if (IS(prev, SYMBOL) && IS(bt, HEBREW_LETTER))
		op = OP_PROHIBITED;
	/* LB20 */
	if (IS(prev, CONTINGENT) || IS(bt, CONTINGENT))
		op = OP_ALLOWED;
	/* LB19 */
	if (IS(prev, QUOTATION) || IS(bt, QUOTATION))
		op = OP_PROHIBITED;
	/* LB18 */
	if (IS(prev, SPACE))
		op = OP_ALLOWED;
	/* LB17 */
	if (IS(row, BEFORE_AND_AFTER) && IS(bt, BEFORE_AND_AFTER))
		op = OP_PROHIBITED;
	/* LB16 */
	if ((IS(row, CLOSE_PUNCTUATION) || IS(row, CLOSE_PARANTHESIS)) && IS(bt, NON_STARTER))
		op = OP_PROHIBITED;
	/* LB15 */
	if (IS(row, QUOTATION) && IS(bt, OPEN_PUNCTUATION))
		op = OP_PROHIBITED;
	/* LB14 */
	if (IS(row, OPEN_PUNCTUATION))
		op = OP_PROHIBITED;
	/* LB13 with Example 7 of Customization */
	if (IS(bt, EXCLAMATION))
		op = OP_PROHIBITED;
	if (!IS(prev, NUMERIC) && (IS(bt, CLOSE_PUNCTUATION) || IS(bt, CLOSE_PARANTHESIS) ||
				   IS(bt, INFIX_SEPARATOR) || IS(bt, SYMBOL)))
		op = OP_PROHIBITED;
	/* LB12 */
	if (IS(prev, NON_BREAKING_GLUE))
		op = OP_PROHIBITED;
	/* LB12a */
	if (IS(bt, NON_BREAKING_GLUE) && !IS(prev, SPACE) && !IS(prev, AFTER) && !IS(prev, HYPHEN))
		op = OP_PROHIBITED;
	/* LB11 */
	if (IS(prev, WORD_JOINER) || IS(bt, WORD_JOINER))
		op = OP_PROHIBITED;
	/* LB9 */
	if ((IS(bt, COMBINING_MARK) || IS(bt, ZERO_WIDTH_JOINER)) &&
	    !(IS(prev, MANDATORY) || IS(prev, CARRIAGE_RETURN) || IS(prev, LINE_FEED) ||
	      IS(prev, NEXT_LINE) || IS(prev, SPACE) || IS(prev, ZERO_WIDTH_SPACE)))
		op = OP_PROHIBITED;
	/* LB8 */
	if (IS(row, ZERO_WIDTH_SPACE))
		op = OP_ALLOWED;
	/* LB8a: no U+200D in the set */
	/* LB7 */
	if (IS(bt, SPACE) || IS(bt, ZERO_WIDTH_SPACE))
		op = OP_PROHIBITED;
	/* LB6 */
	if (IS(bt, MANDATORY) || IS(bt, CARRIAGE_RETURN) || IS(bt, LINE_FEED) ||
	    IS(bt, NEXT_LINE))
		op = OP_PROHIBITED;
	/* LB4, LB5 */
	if (IS(prev, MANDATORY) || (IS(prev, CARRIAGE_RETURN) && wc != '\n') ||
	    IS(prev, LINE_FEED) || IS(prev, NEXT_LINE)) {
		*mandatory = 1;
		op = OP_ALLOWED;
	}
#undef IS
	return op;
}

static int is_bt(GUnicodeBreakType t, GUnicodeBreakType a, GUnicodeBreakType b)
{
	return t == a || t == b;
}

/* line_rules() through the memo. Only what a rule reads goes into the
 * key: the character before a space (rows), the next character for
 * PR/PO followed by OP/HY, the LB25 state before NU, SY, IS, CL, CP, PO
 * and PR. (No CR, HL or U+200D is in the set: the rules reading the
 * character itself, the one before the previous and U+200D never
 * apply.) */
static enum op memo_rules(GUnicodeBreakType prev_prev, GUnicodeBreakType prev,
			  GUnicodeBreakType row, GUnicodeBreakType bt, GUnicodeBreakType next,
			  int prev_lb, gunichar wc, int *mandatory)
{
	if (n_cls > MAX_CLS)
		return line_rules(prev_prev, prev, row, bt, next, prev_lb, wc, mandatory);
	int pp = prev == G_UNICODE_BREAK_SPACE ? cls[prev_prev] : 0;
	int nu = is_bt(prev, G_UNICODE_BREAK_PREFIX, G_UNICODE_BREAK_POSTFIX) &&
		 is_bt(bt, G_UNICODE_BREAK_OPEN_PUNCTUATION, G_UNICODE_BREAK_HYPHEN) &&
		 next == G_UNICODE_BREAK_NUMERIC;
	int lb = is_bt(bt, G_UNICODE_BREAK_NUMERIC, G_UNICODE_BREAK_SYMBOL) ||
				 is_bt(bt, G_UNICODE_BREAK_INFIX_SEPARATOR,
				       G_UNICODE_BREAK_CLOSE_PUNCTUATION) ||
				 is_bt(bt, G_UNICODE_BREAK_CLOSE_PARANTHESIS,
				       G_UNICODE_BREAK_POSTFIX) ||
				 bt == G_UNICODE_BREAK_PREFIX
			 ? prev_lb
			 : 0;
	size_t key = ((((size_t)pp * MAX_CLS + cls[prev]) * MAX_CLS + cls[bt]) * 2 +
		      (size_t)nu) * 3 + (size_t)lb;
	/* Threads may fill an entry at once: they store the same value. */
	int v = __atomic_load_n(&memo[key], __ATOMIC_RELAXED);
	if (!v) {
		int m = 0;
		enum op op = line_rules(prev_prev, prev, row, bt, next, prev_lb, wc, &m);
		v = 1 + (int)op + 4 * m;
		__atomic_store_n(&memo[key], (uint8_t)v, __ATOMIC_RELAXED);
	}
	*mandatory = (v - 1) >> 2;
	return (enum op)((v - 1) & 3);
}

int text_break_chars(const gunichar *ch, int n, PangoLogAttr *attrs)
{
	g_once(&table_once, table_init, NULL);
	for (int i = 0; i < n; i++)
		if (!prop(ch[i]))
			return 0;

	GUnicodeBreakType prev_bt = G_UNICODE_BREAK_UNKNOWN, prev_prev_bt = G_UNICODE_BREAK_UNKNOWN;
	gunichar prev_wc = 0;
	int prev_sc = SC_COMMON, prev_space_or_hyphen = 0;
	int prev_gb = GB_OTHER;
	int prev_wb = WB_OTHER, prev_prev_wb = WB_OTHER, prev_wb_i = -1;
	int prev_lb = LB_OTHER;
	/*
	 * A plain letter after a plain letter (most characters of a text):
	 * a cursor position and character break, no line or word break,
	 * and a hyphen could be inserted there (AL x AL, WB5, and a letter of
	 * a script that hyphenates). It leaves the state as it found it but
	 * for the positions.
	 */
	const PangoLogAttr in_word = { .is_cursor_position = 1,
				       .is_char_break = 1,
				       .break_inserts_hyphen = 1 };
	int after_plain = 0;
	for (int i = 0; i <= n; i++) {
		gunichar wc = i < n ? ch[i] : PARAGRAPH_SEPARATOR;
		const struct cprop *p = &table[wc];
		if (after_plain && p->plain) {
			attrs[i] = in_word;
			prev_prev_bt = G_UNICODE_BREAK_ALPHABETIC;
			prev_prev_wb = WB_ALETTER;
			prev_wb_i = i;
			prev_wc = wc;
			continue;
		}
		after_plain = p->plain;
		gunichar next = i + 1 < n ? ch[i + 1] : PARAGRAPH_SEPARATOR;
		GUnicodeBreakType next_bt = i < n ? (GUnicodeBreakType)table[next].brk
						  : G_UNICODE_BREAK_UNKNOWN;
		GUnicodeBreakType bt = (GUnicodeBreakType)p->brk;
		/* built in a register, stored whole: bit-field stores to
		 * memory cost more than the rules */
		PangoLogAttr la = { 0 }, *a = &la;

		a->is_white = p->white;
		a->is_expandable_space = wc == 0x20 || wc == 0xa0;

		/* grapheme boundaries (GB3: no CR in the set) */
		int gbt = p->gb, cursor = 1;
		if (prev_gb == GB_CONTROL || gbt == GB_CONTROL)
			cursor = 1;
		else if (gbt == GB_EXTEND || gbt == GB_SPACING_MARK)
			cursor = 0;
		a->is_cursor_position = cursor;
		prev_gb = gbt;

		/* word boundaries */
		int word = 0;
		if (cursor) {
			int wbt = p->wb;
			if (prev_wb == WB_NEWLINE && prev_wb_i + 1 == i)
				word = 1; /* WB3a */
			else if (wbt == WB_NEWLINE)
				word = 1; /* WB3b */
			else if (prev_wb == WB_WSEGSPACE && wbt == WB_WSEGSPACE && prev_wb_i + 1 == i)
				word = 0; /* WB3d */
			else if (wbt == WB_EXTEND_FORMAT)
				word = 0; /* WB4 */
			else if ((prev_wb == WB_ALETTER || prev_wb == WB_HEBREW ||
				  prev_wb == WB_NUMERIC) &&
				 (wbt == WB_ALETTER || wbt == WB_HEBREW || wbt == WB_NUMERIC))
				word = 0; /* WB5, WB8, WB9, WB10 */
			else if (prev_wb == WB_KATAKANA && wbt == WB_KATAKANA)
				word = 0; /* WB13 */
			else if ((prev_wb == WB_ALETTER || prev_wb == WB_HEBREW ||
				  prev_wb == WB_NUMERIC || prev_wb == WB_KATAKANA ||
				  prev_wb == WB_EXTENDNUMLET) &&
				 wbt == WB_EXTENDNUMLET)
				word = 0; /* WB13a */
			else if (prev_wb == WB_EXTENDNUMLET &&
				 (wbt == WB_ALETTER || wbt == WB_HEBREW || wbt == WB_NUMERIC ||
				  wbt == WB_KATAKANA))
				word = 0; /* WB13b */
			else if ((prev_prev_wb == WB_ALETTER || prev_prev_wb == WB_HEBREW) &&
				 (wbt == WB_ALETTER || wbt == WB_HEBREW) &&
				 (prev_wb == WB_MIDLETTER || prev_wb == WB_MIDNUMLET ||
				  prev_wc == 0x0027)) {
				attrs[prev_wb_i].is_word_boundary = 0; /* WB6 */
				word = 0;			       /* WB7 */
			} else if (prev_wb == WB_HEBREW && wc == 0x0027)
				word = 0; /* WB7a */
			else if (prev_prev_wb == WB_HEBREW && prev_wc == 0x0022 && wbt == WB_HEBREW) {
				attrs[prev_wb_i].is_word_boundary = 0; /* WB7b */
				word = 0;			       /* WB7c */
			} else if (prev_prev_wb == WB_NUMERIC && wbt == WB_NUMERIC &&
				   (prev_wb == WB_MIDNUM || prev_wb == WB_MIDNUMLET ||
				    prev_wc == 0x0027)) {
				word = 0;			       /* WB11 */
				attrs[prev_wb_i].is_word_boundary = 0; /* WB12 */
			} else
				word = 1; /* WB999 */
			if (wbt != WB_EXTEND_FORMAT) {
				prev_prev_wb = prev_wb;
				prev_wb = wbt;
				prev_wb_i = i;
			}
		}
		a->is_word_boundary = word;

		/* line breaks */
		GUnicodeBreakType row = prev_bt == G_UNICODE_BREAK_SPACE ? prev_prev_bt : prev_bt;
		/* LB1 (no complex-context or conditional Japanese starters in
		 * the set) */
		if (bt == G_UNICODE_BREAK_AMBIGUOUS || bt == G_UNICODE_BREAK_SURROGATE ||
		    bt == G_UNICODE_BREAK_UNKNOWN)
			bt = G_UNICODE_BREAK_ALPHABETIC;
		int cm = bt == G_UNICODE_BREAK_COMBINING_MARK ||
			 bt == G_UNICODE_BREAK_ZERO_WIDTH_JOINER;
		if (cursor || cm) {
			int lbt = LB_OTHER;
			if (bt == G_UNICODE_BREAK_NUMERIC)
				lbt = LB_NUMERIC;
			if (bt == G_UNICODE_BREAK_CLOSE_PUNCTUATION ||
			    bt == G_UNICODE_BREAK_CLOSE_PARANTHESIS)
				lbt = prev_lb == LB_NUMERIC ? LB_NUMERIC_CLOSE : LB_OTHER;
			a->is_line_break = 1; /* LB31 */
			if (cursor)
				a->is_char_break = 1;
			if (row == G_UNICODE_BREAK_UNKNOWN)
				row = G_UNICODE_BREAK_ALPHABETIC;
			int mandatory = 0;
			enum op op = memo_rules(prev_prev_bt, prev_bt, row, bt, next_bt, prev_lb, wc,
						&mandatory);
			a->is_mandatory_break = mandatory;
			if (op == OP_PROHIBITED)
				a->is_line_break = 0;
			else if (op == OP_ALLOWED)
				a->is_line_break = 1;
			if (!cm) {
				if (bt == G_UNICODE_BREAK_NUMERIC || bt == G_UNICODE_BREAK_SYMBOL ||
				    bt == G_UNICODE_BREAK_INFIX_SEPARATOR) {
					if (prev_lb != LB_NUMERIC)
						prev_lb = lbt;
				} else {
					prev_lb = lbt;
				}
			}
		}
		if (bt != G_UNICODE_BREAK_SPACE) {
			if (cm) {
				/* LB9, LB10 */
				if (i == 0 || prev_bt == G_UNICODE_BREAK_MANDATORY ||
				    prev_bt == G_UNICODE_BREAK_CARRIAGE_RETURN ||
				    prev_bt == G_UNICODE_BREAK_LINE_FEED ||
				    prev_bt == G_UNICODE_BREAK_NEXT_LINE ||
				    prev_bt == G_UNICODE_BREAK_SPACE ||
				    prev_bt == G_UNICODE_BREAK_ZERO_WIDTH_SPACE)
					prev_bt = G_UNICODE_BREAK_ALPHABETIC;
			} else {
				prev_prev_bt = prev_bt;
				prev_bt = bt;
			}
		} else if (prev_bt != G_UNICODE_BREAK_SPACE) {
			prev_prev_bt = prev_bt;
			prev_bt = bt;
		}

		/* hyphens */
		int insert = prev_sc == SC_COMMON ? prev_wc == 0x00ad : prev_sc == SC_OTHER;
		int soh = p->space_or_hyphen;
		a->break_inserts_hyphen = !word && !prev_space_or_hyphen && !soh && insert;
		if (prev_wc == 0x2027) {
			a->break_inserts_hyphen = 1;
			a->break_removes_preceding = 1;
		}
		attrs[i] = la;
		prev_space_or_hyphen = soh;
		prev_wc = wc;
		prev_sc = p->sc;
	}
	attrs[0].is_cursor_position = 1; /* GB1 */
	attrs[n].is_cursor_position = 1; /* GB2 */
	attrs[0].is_word_boundary = 1;	 /* WB1 */
	attrs[n].is_word_boundary = 1;	 /* WB2 */
	attrs[0].is_line_break = 0;	 /* LB2 */
	attrs[n].is_line_break = 1;	 /* LB3 */
	attrs[n].is_mandatory_break = 1;
	return 1;
}

int text_break_script(const gunichar *ch, int n, PangoScript *script)
{
	g_once(&table_once, table_init, NULL);
	int real = 0;
	for (int i = 0; i < n; i++) {
		const struct cprop *p = prop(ch[i]);
		if (!p)
			return 0;
		if (p->script && p->script != real) {
			if (real)
				return 0;
			real = p->script;
		}
	}
	*script = real ? (PangoScript)real : PANGO_SCRIPT_COMMON;
	return 1;
}

int text_break_differ(const PangoLogAttr *a, const PangoLogAttr *b, int n)
{
	for (int i = 0; i < n; i++) {
		const PangoLogAttr *x = &a[i], *y = &b[i];
		if (x->is_line_break != y->is_line_break ||
		    x->is_mandatory_break != y->is_mandatory_break ||
		    x->is_char_break != y->is_char_break || x->is_white != y->is_white ||
		    x->is_cursor_position != y->is_cursor_position ||
		    x->is_word_boundary != y->is_word_boundary ||
		    x->is_expandable_space != y->is_expandable_space ||
		    x->break_inserts_hyphen != y->break_inserts_hyphen ||
		    x->break_removes_preceding != y->break_removes_preceding)
			return i + 1;
	}
	return 0;
}
