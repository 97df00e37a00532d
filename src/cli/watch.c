/* SPDX-License-Identifier: MIT */
/*
 * watch.c - `planpress --watch PLAN.xml`: render, then render again each
 * time the plan, a template or an image it uses changes, until interrupted.
 *
 * An officer edits the plan in one window and keeps the PDF open in
 * another. Each rebuild prints one line (what was written and how long it
 * took, or that the plan has errors, after the errors themselves); a broken
 * plan leaves the last good outputs as they were, because every run writes
 * its outputs only when the whole run succeeded (output.c).
 *
 * The files watched are the plan and the files the last run read (its
 * templates and images), so a template added or removed by an edit is
 * watched from the next rebuild on. Changes are gathered for a moment
 * before rebuilding: an editor's save is several events (write, rename,
 * attributes), and a rebuild per event would render three times.
 */
#define _POSIX_C_SOURCE 200809L
#include "watch.h"

#include <gio/gio.h>
#include <stdio.h>
#include <string.h>

/* How long after the last change to rebuild: an editor's save is a burst. */
#define SETTLE_MS 150

struct watcher {
	const struct cli_opts *o;
	cli_render_fn render;
	GMainLoop *loop;
	GPtrArray *monitors; /* GFileMonitor *, one per file */
	guint pending;	     /* the settle timer, or 0 */
	unsigned builds;
};

static void rebuild(struct watcher *w);

static gboolean settled(gpointer data)
{
	struct watcher *w = data;
	w->pending = 0;
	rebuild(w);
	return G_SOURCE_REMOVE;
}

static void on_change(GFileMonitor *monitor, GFile *file, GFile *other, GFileMonitorEvent event,
		      gpointer data)
{
	(void)monitor, (void)file, (void)other;
	struct watcher *w = data;
	switch (event) {
	case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
	case G_FILE_MONITOR_EVENT_CREATED:
	case G_FILE_MONITOR_EVENT_DELETED:
	case G_FILE_MONITOR_EVENT_MOVED_IN:
	case G_FILE_MONITOR_EVENT_MOVED_OUT:
	case G_FILE_MONITOR_EVENT_RENAMED:
	case G_FILE_MONITOR_EVENT_CHANGED:
		if (w->pending)
			g_source_remove(w->pending);
		w->pending = g_timeout_add(SETTLE_MS, settled, w);
		break;
	default: /* attributes, mounts: the text did not change */
		break;
	}
}

static void watch_file(struct watcher *w, const char *path)
{
	GFile *f = g_file_new_for_path(path);
	GError *err = NULL;
	GFileMonitor *m = g_file_monitor_file(f, G_FILE_MONITOR_WATCH_MOVES, NULL, &err);
	g_object_unref(f);
	if (!m) {
		fprintf(stderr, "planpress: warning: cannot watch %s: %s\n", path,
			err ? err->message : "unknown reason");
		g_clear_error(&err);
		return;
	}
	g_signal_connect(m, "changed", G_CALLBACK(on_change), w);
	g_ptr_array_add(w->monitors, m);
}

static void unwatch_all(struct watcher *w)
{
	for (guint i = 0; i < w->monitors->len; i++) {
		GFileMonitor *m = g_ptr_array_index(w->monitors, i);
		g_file_monitor_cancel(m);
		g_object_unref(m);
	}
	g_ptr_array_set_size(w->monitors, 0);
}

/* One render and its one line; then watch what it read. */
static void rebuild(struct watcher *w)
{
	struct pp_template_deps deps = {0};
	gint64 start = g_get_monotonic_time();
	int status = w->render(w->o, &deps);
	double seconds = (double)(g_get_monotonic_time() - start) / 1e6;
	w->builds++;
	if (status == 0)
		fprintf(stderr, "planpress: %s: %s in %.2f s\n", w->o->input,
			w->builds == 1 ? "rendered" : "rendered again", seconds);
	else
		fprintf(stderr,
			"planpress: %s: not rendered (exit status %d); the last good outputs are "
			"kept\n",
			w->o->input, status);
	fflush(stderr);
	unwatch_all(w);
	watch_file(w, w->o->input);
	for (size_t i = 0; i < deps.n; i++)
		watch_file(w, deps.files[i]);
	pp_template_deps_fini(&deps);
}

int cli_watch(const struct cli_opts *o, cli_render_fn render)
{
	struct watcher w = {.o = o, .render = render};
	w.loop = g_main_loop_new(NULL, FALSE);
	w.monitors = g_ptr_array_new();
	fprintf(stderr, "planpress: watching %s and the files it uses; Ctrl-C stops\n", o->input);
	rebuild(&w);
	/* Runs until a signal ends the process (output.c removes any temporary files). */
	g_main_loop_run(w.loop);
	unwatch_all(&w);
	g_ptr_array_free(w.monitors, TRUE);
	g_main_loop_unref(w.loop);
	return 0;
}
