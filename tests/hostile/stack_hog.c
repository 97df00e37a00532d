/* SPDX-License-Identifier: MIT */
/*
 * stack_hog.c - a preloaded library for test_stack.sh: a thread's stack
 * runs out while a PDF is being laid out and written, at a known place.
 *
 * No plan makes planpress recurse deeply once it has been read (nesting is
 * at most 256 deep, and reading is the deepest stage), so a small ulimit
 * -s stops a run while it reads, before any output file exists. This
 * library stands in for a recursion during layout: it wraps the calls
 * that measuring text makes, whichever path measures it (HarfBuzz's
 * hb_shape and hb_shape_full, which our text filler and Pango call for
 * each new word or run, and pango_layout_set_width for a piece laid out
 * by Pango), and from the PP_HOG_AFTER-th such call (default 1) in the
 * thread named by PP_HOG_THREAD ("main", or "pp-layout" for the table
 * worker) it recurses without end, a kilobyte a call, until the stack is
 * used up.
 * PP_HOG_NULL=1 makes it read a page it may not read instead (mapped
 * PROT_NONE, where a stray pointer would fault): a crash that is not the
 * stack running out. (Not address 0 itself: UndefinedBehaviorSanitizer
 * would report that first.)
 */
#define _GNU_SOURCE /* RTLD_NEXT, gettid */

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

typedef struct _PangoLayout PangoLayout;
/* HarfBuzz's types, opaque here (its header is not needed to pass them on). */
typedef struct hb_font_t hb_font_t;
typedef struct hb_buffer_t hb_buffer_t;
typedef struct hb_feature_t hb_feature_t;

static __thread long calls;

/* A frame of a kilobyte the compiler cannot drop or turn into a loop. */
__attribute__((noinline)) static int hog(int n)
{
	volatile char pad[1024];
	if (n < 0) /* never: the stack runs out long before n wraps */
		return 0;
	pad[0] = (char)n;
	pad[sizeof pad - 1] = (char)n;
	return hog(n + 1) + pad[0] + pad[sizeof pad - 1];
}

static int in_chosen_thread(void)
{
	const char *want = getenv("PP_HOG_THREAD");
	if (!want || !*want)
		return 0;
	if (strcmp(want, "main") == 0)
		return gettid() == getpid();
	char name[16] = "";
	return prctl(PR_GET_NAME, name) == 0 && strcmp(name, want) == 0;
}

/* Counts a call in the chosen thread, and from the PP_HOG_AFTER-th on
 * never returns (or faults, with PP_HOG_NULL=1). */
static void maybe_hog(void)
{
	if (!in_chosen_thread())
		return;
	const char *after = getenv("PP_HOG_AFTER");
	if (++calls < (after && *after ? atol(after) : 1))
		return;
	const char *null = getenv("PP_HOG_NULL");
	if (null && *null == '1') {
		void *page = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (page != MAP_FAILED)
			(void)*(volatile int *)page;
	} else {
		hog(0);
	}
}

void pango_layout_set_width(PangoLayout *layout, int width)
{
	static void (*real)(PangoLayout *, int);
	if (!real)
		real = (void (*)(PangoLayout *, int))dlsym(RTLD_NEXT, "pango_layout_set_width");
	maybe_hog();
	real(layout, width);
}

void hb_shape(hb_font_t *font, hb_buffer_t *buffer, const hb_feature_t *features,
	      unsigned int num_features)
{
	static void (*real)(hb_font_t *, hb_buffer_t *, const hb_feature_t *, unsigned int);
	if (!real)
		real = (void (*)(hb_font_t *, hb_buffer_t *, const hb_feature_t *,
				 unsigned int))dlsym(RTLD_NEXT, "hb_shape");
	maybe_hog();
	real(font, buffer, features, num_features);
}

int hb_shape_full(hb_font_t *font, hb_buffer_t *buffer, const hb_feature_t *features,
		  unsigned int num_features, const char *const *shapers)
{
	static int (*real)(hb_font_t *, hb_buffer_t *, const hb_feature_t *, unsigned int,
			   const char *const *);
	if (!real)
		real = (int (*)(hb_font_t *, hb_buffer_t *, const hb_feature_t *, unsigned int,
				const char *const *))dlsym(RTLD_NEXT, "hb_shape_full");
	maybe_hog();
	return real(font, buffer, features, num_features, shapers);
}
