/* SPDX-License-Identifier: MIT */
/*
 * layout_status.c - status cells of any table: a RAG rating or a declared
 * scale's status as its word (and symbol) in its text colour on its fill,
 * or only the colours under a figure; and plain text pieces in a cell.
 * The word is always printed: colour is never the only signal.
 */
#include <stdlib.h>

#include "alloc.h"
#include "layout_flow.h"

void plain_piece(struct flow *f, struct tcell *cell, const struct pp_text_style *ts,
			const char *text)
{
	if (!text || !*text)
		return;
	stack_add_plain(&cell->st, f->ctx, f->style, ts, text, ts->colour, cell->snode);
}

void rag_cell(struct flow *f, struct tcell *cell, enum pp_rag rag)
{
	if (rag == PP_RAG_NONE)
		return;
	const struct pp_rag_style *rs = &f->style->rag[rag];
	struct pp_text_style ts = f->style->table_text;
	ts.bold = 1;
	ts.colour = rs->text;
	cell->status = 1;
	cell->fill = rs->fill;
	cell->outline = rs->outline;
	cell->has_outline = rs->has_outline;
	plain_piece(f, cell, &ts, rs->label);
}

static struct pp_rgb rgb_of(unsigned hex)
{
	return (struct pp_rgb){ ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0,
				(hex & 0xff) / 255.0 };
}

/*
 * Colour `cell` as a status (a declared scale's `st`, else the RAG rating
 * `rag`) without writing its word: a data-table figure on its status
 * colour. Returns the text colour to write in; 0 when there is no status.
 */
int status_colours(struct flow *f, struct tcell *cell, enum pp_rag rag, const struct pp_status *st,
		   struct pp_rgb *text)
{
	if (st) {
		cell->status = 1;
		cell->fill = rgb_of(st->fill);
		*text = rgb_of(st->text);
		cell->has_outline = pp_rgb_contrast(st->fill, 0xffffff) < 1.5;
		cell->outline = *text;
		return 1;
	}
	if (rag == PP_RAG_NONE)
		return 0;
	const struct pp_rag_style *rs = &f->style->rag[rag];
	cell->status = 1;
	cell->fill = rs->fill;
	cell->outline = rs->outline;
	cell->has_outline = rs->has_outline;
	*text = rs->text;
	return 1;
}

/*
 * A status of a declared scale: its symbol and label in its text colour on
 * its fill, so the word (and shape) says what the colour says. A fill
 * too close to white paper to show its edge gets an outline in the text
 * colour, as the built-in amber does.
 */
void status_cell(struct flow *f, struct tcell *cell, enum pp_rag rag, const struct pp_status *st)
{
	if (!st) {
		rag_cell(f, cell, rag);
		return;
	}
	struct pp_text_style ts = f->style->table_text;
	ts.bold = 1;
	ts.colour = rgb_of(st->text);
	cell->status = 1;
	cell->fill = rgb_of(st->fill);
	cell->has_outline = pp_rgb_contrast(st->fill, 0xffffff) < 1.5;
	cell->outline = ts.colour;
	char *text = st->symbol && *st->symbol ? pp_xasprintf("%s %s", st->symbol, st->label)
					       : pp_xstrdup(st->label);
	plain_piece(f, cell, &ts, text);
	free(text);
}
