/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Live reading: append-to-model latency with file monitoring on,
 * append-to-card latency (a histogram card on the open Histograms page of
 * a window; needs a display, e.g. under xvfb-run), and the longest
 * main-loop stall while a large logs folder loads. Not a test.
 *
 *   build/tests/bench/bench-live [--appends N] [--events N] [--dir DIR]
 */

#define G_LOG_DOMAIN "bench-live"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "bench-logdir.h"
#include "cvg-event-writer.h"
#include "cvg-histograms-page.h"
#include "cvg-logdir.h"
#include "cvg-resources.h"
#include "cvg-run.h"
#include "cvg-series.h"
#include "../cvg-ui-helpers.h"
#include "cvg-watcher.h"
#include "cvg-window.h"
#include "bench-stats.h"

static gint opt_appends = 1000;
static gint64 opt_events = 17 * 1000 * 1000;
static gint opt_runs = 8;
static gint opt_tags = 16;
static char *opt_dir = NULL;

static GOptionEntry entries[] = {
  { "appends", 0, 0, G_OPTION_ARG_INT, &opt_appends, "Events appended one by one", "N" },
  { "events", 0, 0, G_OPTION_ARG_INT64, &opt_events, "Scalar events in the large folder", "N" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "Runs in the large folder", "R" },
  { "tags", 0, 0, G_OPTION_ARG_INT, &opt_tags, "Tags per run", "T" },
  { "dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_dir, "Where the large folder is kept", "DIR" },
  { NULL }
};

/* Latency. */

typedef struct
{
  char     *path;
  gint      n;
  gint64   *written;    /* monotonic µs after each write() and flush */
  gboolean  histogram;  /* a histogram step each time, not a scalar */
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgEventWriter) events = cvg_event_writer_new (writer->path, &error);

  g_assert_no_error (error);
  cvg_event_writer_write_file_version (events, 1.0, "brain.Event:2", NULL);
  cvg_event_writer_flush (events, NULL);
  for (gint i = 0; i < writer->n; i++)
    {
      /* Pauses of 2 to 20 ms: bursts and quiet spells, as training writes. */
      g_usleep (g_random_int_range (2, 21) * G_TIME_SPAN_MILLISECOND);
      if (writer->histogram)
        {
          double samples[] = { i, i + 0.5, i + 1 };

          cvg_event_writer_write_histogram (events, CVG_WRITER_STYLE_TF1, 2.0 + i, i, "weights",
                                            samples, G_N_ELEMENTS (samples), 0, NULL);
        }
      else
        cvg_event_writer_write_scalar (events, CVG_WRITER_STYLE_TF1, 2.0 + i, i, "loss", (float) i, NULL);
      cvg_event_writer_flush (events, NULL);
      writer->written[i] = g_get_monotonic_time ();
    }
  return NULL;
}

typedef struct
{
  gint64 *applied;   /* monotonic µs when each step reached the model */
  gsize   seen;
} Latency;

static void
appended_cb (CvgWatcher *watcher,
             CvgRun     *run,
             guint       n_new_series,
             Latency    *latency)
{
  CvgSeries *series = cvg_run_lookup_series (run, CVG_KIND_SCALAR, "loss");
  gint64 now = g_get_monotonic_time ();

  for (; series != NULL && latency->seen < cvg_series_get_length (series); latency->seen++)
    latency->applied[cvg_series_get_step (series, latency->seen)] = now;
}

static void
run_added_cb (CvgWatcher *watcher,
              CvgRun     *run,
              Latency    *latency)
{
  appended_cb (watcher, run, 0, latency);
}

static void
measure_latency (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cvg-bench-live-XXXXXX", NULL);
  g_autofree char *run_dir = g_build_filename (dir, "train", NULL);
  g_autoptr(CvgLogdir) logdir = NULL;
  g_autoptr(CvgWatcher) watcher = NULL;
  g_autofree double *ms = g_new (double, opt_appends);
  Writer writer = { NULL, opt_appends, g_new0 (gint64, opt_appends), FALSE };
  Latency latency = { g_new0 (gint64, opt_appends), 0 };
  GThread *thread;

  g_mkdir (run_dir, 0700);
  writer.path = g_build_filename (run_dir, "events.out.tfevents.1.host", NULL);
  /* The file exists before the watcher starts: its folder is monitored. */
  g_file_set_contents (writer.path, "", 0, NULL);

  logdir = cvg_logdir_new (dir);
  watcher = cvg_watcher_new (logdir);
  g_signal_connect (watcher, "run-added", G_CALLBACK (run_added_cb), &latency);
  g_signal_connect (watcher, "appended", G_CALLBACK (appended_cb), &latency);
  cvg_watcher_start (watcher);
  while (cvg_watcher_get_n_rounds (watcher) == 0)
    g_main_context_iteration (NULL, TRUE);

  thread = g_thread_new ("writer", writer_thread, &writer);
  while (latency.seen < (gsize) opt_appends)
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
  cvg_watcher_stop (watcher);

  for (gint i = 0; i < opt_appends; i++)
    ms[i] = (latency.applied[i] - writer.written[i]) / 1e3;
  bench_sort_doubles (ms, opt_appends);
  g_print ("append-to-model latency, %d appends, file monitoring on (rescan 5 s): "
           "p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
           opt_appends, ms[opt_appends / 2], ms[opt_appends * 99 / 100], ms[opt_appends - 1]);

  g_unlink (writer.path);
  g_rmdir (run_dir);
  g_rmdir (dir);
  g_free (writer.path);
  g_free (writer.written);
  g_free (latency.applied);
}

/* From the writer's flush to the histogram card on the shown Histograms
 * page drawing the step: the whole path, watcher, merge, page refresh. */
static void
measure_card_latency (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cvg-bench-live-XXXXXX", NULL);
  g_autofree char *run_dir = g_build_filename (dir, "train", NULL);
  g_autofree double *ms = g_new (double, opt_appends);
  Writer writer = { NULL, opt_appends, g_new0 (gint64, opt_appends), TRUE };
  g_autofree gint64 *shown = g_new0 (gint64, opt_appends);
  CvgHistogramChart *chart = NULL;
  CvgHistogramCards *cards;
  CvgWindow *window;
  GThread *thread;
  guint seen = 0;
  gint64 deadline;

  g_mkdir (run_dir, 0700);
  writer.path = g_build_filename (run_dir, "events.out.tfevents.1.host", NULL);
  g_file_set_contents (writer.path, "", 0, NULL);

  g_resources_register (cvg_get_resource ());
  adw_init ();
  window = cvg_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  gtk_window_present (GTK_WINDOW (window));
  cvg_window_open_path (window, dir);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "i", 2);
  cards = cvg_histograms_page_get_cards (CVG_HISTOGRAMS_PAGE (cvg_ui_find_widget (GTK_WIDGET (window),
                                                                                  CVG_TYPE_HISTOGRAMS_PAGE)));

  thread = g_thread_new ("writer", writer_thread, &writer);
  deadline = g_get_monotonic_time () + 120 * G_TIME_SPAN_SECOND;
  while (seen < (guint) opt_appends && g_get_monotonic_time () < deadline)
    {
      guint n;

      g_main_context_iteration (NULL, TRUE);
      if (chart == NULL)
        chart = cvg_histogram_cards_get_chart (cards, "train", "weights");
      n = chart != NULL ? MIN (cvg_histogram_chart_get_n_slices (chart), (guint) opt_appends) : 0;
      for (; seen < n; seen++)
        shown[seen] = g_get_monotonic_time ();
    }
  g_thread_join (thread);
  if (seen < (guint) opt_appends)
    g_error ("the card showed %u of %d steps", seen, opt_appends);

  for (gint i = 0; i < opt_appends; i++)
    ms[i] = (shown[i] - writer.written[i]) / 1e3;
  bench_sort_doubles (ms, opt_appends);
  g_print ("append-to-card latency (histogram card, Histograms page shown), %d appends: "
           "p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
           opt_appends, ms[opt_appends / 2], ms[opt_appends * 99 / 100], ms[opt_appends - 1]);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (writer.path);
  g_rmdir (run_dir);
  g_rmdir (dir);
  g_free (writer.path);
  g_free (writer.written);
}

/* Stalls. */

typedef struct
{
  gint64 last;
  gint64 longest;
} Probe;

/* High priority, every millisecond: the gap between two runs is how long
 * the main loop was kept from anything else. */
static gboolean
probe_cb (gpointer data)
{
  Probe *probe = data;
  gint64 now = g_get_monotonic_time ();

  if (probe->last != 0)
    probe->longest = MAX (probe->longest, now - probe->last);
  probe->last = now;
  return G_SOURCE_CONTINUE;
}

static void
measure_stall (void)
{
  g_autoptr(CvgLogdir) logdir = NULL;
  g_autoptr(CvgWatcher) watcher = NULL;
  Probe probe = { 0 };
  guint probe_id;
  gint64 start, end;
  guint64 points = 0;
  GPtrArray *runs;

  bench_logdir_ensure (opt_dir, opt_events, opt_runs, opt_tags);
  logdir = cvg_logdir_new (opt_dir);
  watcher = cvg_watcher_new (logdir);
  probe_id = g_timeout_add_full (G_PRIORITY_HIGH, 1, probe_cb, &probe, NULL);

  start = g_get_monotonic_time ();
  cvg_watcher_start (watcher);
  while (cvg_watcher_get_n_rounds (watcher) == 0 || cvg_watcher_get_loading (watcher))
    g_main_context_iteration (NULL, TRUE);
  end = g_get_monotonic_time ();
  g_source_remove (probe_id);
  cvg_watcher_stop (watcher);

  runs = cvg_logdir_get_runs (logdir);
  for (guint i = 0; i < runs->len; i++)
    {
      GPtrArray *series = cvg_run_get_series (g_ptr_array_index (runs, i));

      for (guint j = 0; j < series->len; j++)
        points += cvg_series_get_length (g_ptr_array_index (series, j));
    }
  g_print ("initial load of %s (%.2f GB, %u runs, %" G_GUINT64_FORMAT " points) through the watcher: "
           "%.1f s, %u rounds, longest main-loop stall %.1f ms\n",
           opt_dir, cvg_watcher_get_bytes_total (watcher) / 1e9, runs->len, points,
           (end - start) / 1e6, cvg_watcher_get_n_rounds (watcher), probe.longest / 1e3);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- live reading benchmark");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (opt_dir == NULL)
    opt_dir = g_build_filename (g_get_tmp_dir (), "converge-bench-live", NULL);

  measure_latency ();
  if (gtk_init_check ())
    measure_card_latency ();
  else
    g_print ("append-to-card latency: no display, skipped (run under xvfb-run)\n");
  measure_stall ();
  return 0;
}
