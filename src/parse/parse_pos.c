/* SPDX-License-Identifier: MIT */
/*
 * parse_pos.c - where each element of a libxml2 tree was in the text: its
 * entry in the tag scan (parse_scan.c), kept in the node's _private, so
 * every message and model node can carry a column as well as a line.
 * Used by every reader of a tree (the plan, its parts read in one pass,
 * the schema's messages, templates); it uses none of them.
 */
#include "parse_int.h"

#include <stdint.h>

#include <libxml/tree.h>

/* Each element's _private holds 1 + its index in the scan, or 0 when unknown. */
const struct pp_tag_pos *pp_parse_node_tag(const struct pp_scan *scan, const xmlNode *node)
{
	if (!scan || !node || node->type != XML_ELEMENT_NODE || !node->_private)
		return NULL;
	size_t i = (size_t)(uintptr_t)node->_private - 1;
	return i < scan->n_tags ? &scan->tags[i] : NULL;
}

unsigned pp_parse_node_col(const struct pp_scan *scan, const xmlNode *node)
{
	const struct pp_tag_pos *t = pp_parse_node_tag(scan, node);
	return t ? t->col : 0;
}

/*
 * Tie each element to its scan entry. The scan and the tree list elements
 * in the same order; a line that disagrees means the two lost step, and
 * then the element has no column rather than a guessed one.
 */
size_t pp_scan_assign_column(xmlNode *n, const struct pp_scan *scan, size_t i)
{
	int same = i < scan->n_tags && scan->tags[i].line == (unsigned)xmlGetLineNo(n);
	n->_private = same ? (void *)(uintptr_t)(i + 1) : NULL;
	return i + 1;
}

size_t pp_scan_assign_columns(xmlNode *root, const struct pp_scan *scan, size_t first)
{
	size_t i = first;
	xmlNode *n = root;
	while (n) {
		if (n->type == XML_ELEMENT_NODE)
			i = pp_scan_assign_column(n, scan, i);
		/* pre-order walk without recursion: deep files cannot exhaust the stack */
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n && !n->next && n != root)
			n = n->parent;
		if (!n || n == root)
			break;
		n = n->next;
	}
	return i;
}
