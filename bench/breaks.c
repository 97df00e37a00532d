/* SPDX-License-Identifier: MIT */
/*
 * bench/breaks.c - the two candidate sources of line break opportunities
 * for the fast text path (src/layout/text_fill.c), timed on the same
 * paragraphs: Pango's pango_default_break() and libunibreak's
 * set_linebreaks_utf8(). Prints CPU seconds for each and how many
 * positions they disagree on. Not part of the build (bench/README.md):
 *
 *   cc -O2 bench/breaks.c -o breaks $(pkg-config --cflags --libs pango libunibreak)
 *   ./breaks PARAGRAPHS.txt [REPEAT]     # one paragraph a line
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linebreak.h>
#include <pango/pango.h>

static double cpu(void)
{
	return (double)clock() / CLOCKS_PER_SEC;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: breaks PARAGRAPHS.txt [REPEAT]\n");
		return 2;
	}
	int repeat = argc > 2 ? atoi(argv[2]) : 3;
	gchar *all;
	gsize size;
	if (!g_file_get_contents(argv[1], &all, &size, NULL))
		return 3;
	gchar **para = g_strsplit(all, "\n", -1);
	init_linebreak();
	size_t cap = 0;
	PangoLogAttr *attrs = NULL;
	char *brks = NULL;
	double t_pango = 0, t_uni = 0;
	long chars = 0, differ = 0, n_para = 0, para_differ = 0;
	for (int r = 0; r < repeat; r++) {
		for (gchar **p = para; *p; p++) {
			int len = (int)strlen(*p);
			if (len == 0)
				continue;
			int n = (int)g_utf8_strlen(*p, len);
			if ((size_t)len + 1 > cap) {
				cap = (size_t)len + 1;
				attrs = realloc(attrs, cap * sizeof *attrs);
				brks = realloc(brks, cap);
			}
			double t0 = cpu();
			pango_default_break(*p, len, NULL, attrs, n + 1);
			double t1 = cpu();
			set_linebreaks_utf8((const utf8_t *)*p, (size_t)len, "en", brks);
			double t2 = cpu();
			t_pango += t1 - t0;
			t_uni += t2 - t1;
			if (r > 0)
				continue;
			/* compare: break before char i (i in 1..n-1) */
			n_para++;
			chars += n;
			int bad = 0;
			const char *q = *p;
			for (int i = 1; i < n; i++) {
				const char *next = g_utf8_next_char(q);
				int uni = brks[next - *p - 1] == LINEBREAK_ALLOWBREAK ||
				          brks[next - *p - 1] == LINEBREAK_MUSTBREAK;
				if (uni != attrs[i].is_line_break)
					bad++;
				q = next;
			}
			differ += bad;
			para_differ += bad > 0;
		}
	}
	printf("paragraphs %ld, characters %ld, repeat %d\n", n_para, chars, repeat);
	printf("pango_default_break  %.3f s CPU (%.1f ns a character)\n", t_pango,
	       t_pango * 1e9 / ((double)chars * repeat));
	printf("set_linebreaks_utf8  %.3f s CPU (%.1f ns a character)\n", t_uni,
	       t_uni * 1e9 / ((double)chars * repeat));
	printf("break opportunities that differ: %ld positions in %ld paragraphs\n", differ,
	       para_differ);
	free(attrs);
	free(brks);
	g_strfreev(para);
	g_free(all);
	return 0;
}
