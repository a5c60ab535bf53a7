/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Remote benchmark, over a loopback sftp server through GVfs: a full load
 * of a synthetic logdir of scalar events from its sftp:// URI, against
 * `gio cat` of the same files to /dev/null (the same GVfs path, no
 * decoding), and the time from an append on the server side to the
 * watcher's "appended" signal at the default 5 s poll interval.
 *
 *   tests/remote/remote-server.sh STATE run bench-remote [--events N] [--repeat K] [--appends A]
 */
#define G_LOG_DOMAIN "bench-remote"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gio/gio.h>

#include "cvg-event-writer.h"
#include "cvg-logdir.h"
#include "cvg-remote.h"
#include "cvg-run.h"
#include "cvg-watcher.h"

#include "bench-logdir.h"
#include "bench-stats.h"

static gint64 opt_events = 1000 * 1000;
static gint opt_repeat = 3;
static gint opt_appends = 8;

static GOptionEntry entries[] = {
  { "events", 0, 0, G_OPTION_ARG_INT64, &opt_events, "Scalar events in all", "N" },
  { "repeat", 0, 0, G_OPTION_ARG_INT, &opt_repeat, "Timed repetitions of each load", "K" },
  { "appends", 0, 0, G_OPTION_ARG_INT, &opt_appends, "Appends timed for the latency", "A" },
  { NULL }
};

/* Every event file's URI, and their size in all. */
static GPtrArray *
list_files (const char *uri,
            guint64    *bytes)
{
  g_autoptr(CvgLogdir) logdir = cvg_logdir_new (uri);
  g_autoptr(GError) error = NULL;
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *runs;

  g_assert_true (cvg_logdir_load (logdir, &error));
  runs = cvg_logdir_get_runs (logdir);
  *bytes = 0;
  for (guint i = 0; i < runs->len; i++)
    {
      CvgRun *run = g_ptr_array_index (runs, i);
      g_autoptr(GFile) folder = g_file_new_for_uri (cvg_run_get_path (run));
      g_autoptr(GFileEnumerator) children = g_file_enumerate_children (folder, "standard::name,standard::size",
                                                                       G_FILE_QUERY_INFO_NONE, NULL, &error);
      GFileInfo *info;
      GFile *child;

      g_assert_no_error (error);
      while (g_file_enumerator_iterate (children, &info, &child, NULL, &error) && info != NULL)
        if (strstr (g_file_info_get_name (info), "tfevents") != NULL)
          {
            g_ptr_array_add (files, g_file_get_uri (child));
            *bytes += g_file_info_get_size (info);
          }
    }
  return files;
}

static double
time_gio_cat (GPtrArray *files)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;
  double start;

  g_ptr_array_add (argv, "gio");
  g_ptr_array_add (argv, "cat");
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (argv, g_ptr_array_index (files, i));
  g_ptr_array_add (argv, NULL);
  start = bench_now_ms ();
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return bench_now_ms () - start;
}

static double
time_load (const char *location,
           guint64    *records)
{
  g_autoptr(CvgLogdir) logdir = cvg_logdir_new (location);
  g_autoptr(GError) error = NULL;
  GPtrArray *runs;
  double start = bench_now_ms ();
  double elapsed;

  g_assert_true (cvg_logdir_load (logdir, &error));
  elapsed = bench_now_ms () - start;
  runs = cvg_logdir_get_runs (logdir);
  *records = 0;
  for (guint i = 0; i < runs->len; i++)
    *records += cvg_run_get_n_records (g_ptr_array_index (runs, i));
  return elapsed;
}

/* Append latency: one point written on the server side, then the main
 * loop runs until the watcher has merged it. */
typedef struct
{
  gint64 written_at;
  gint64 delivered_at;
} Append;

static void
appended_cb (CvgWatcher *watcher,
             CvgRun     *run,
             guint       n_new_series,
             Append     *append)
{
  if (g_str_equal (cvg_run_get_name (run), "live") && append->delivered_at == 0)
    append->delivered_at = g_get_monotonic_time ();
}

static void
run_for (gint64 us)
{
  gint64 end = g_get_monotonic_time () + us;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (G_TIME_SPAN_MILLISECOND);
}

static GArray *
measure_appends (const char *local,
                 const char *uri)
{
  g_autofree char *folder = g_build_filename (local, "live", NULL);
  g_autofree char *path = g_build_filename (folder, "events.out.tfevents.1.live", NULL);
  g_autoptr(CvgEventWriter) writer = NULL;
  g_autoptr(CvgLogdir) logdir = cvg_logdir_new (uri);
  g_autoptr(CvgWatcher) watcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (16);
  GArray *latencies = g_array_new (FALSE, FALSE, sizeof (double));
  Append append = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  writer = cvg_event_writer_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (cvg_event_writer_write_file_version (writer, 1.0, "brain.Event:2", &error));
  g_assert_true (cvg_event_writer_flush (writer, &error));

  watcher = cvg_watcher_new (logdir);
  g_signal_connect (watcher, "appended", G_CALLBACK (appended_cb), &append);
  cvg_watcher_start (watcher);
  while (cvg_watcher_get_n_rounds (watcher) == 0 || cvg_watcher_get_loading (watcher))
    run_for (10 * G_TIME_SPAN_MILLISECOND);

  for (gint i = 0; i < opt_appends; i++)
    {
      double latency;

      /* At a random point of the polling cycle, after a quiet spell of
       * 2 to 12 s (the poll backs off meanwhile). */
      run_for (g_rand_int_range (rand, 2000, 12000) * G_TIME_SPAN_MILLISECOND);
      append = (Append) { g_get_monotonic_time (), 0 };
      g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF2, 1.0 + i, i, "loss", i, &error));
      g_assert_true (cvg_event_writer_flush (writer, &error));
      while (append.delivered_at == 0)
        run_for (G_TIME_SPAN_MILLISECOND);
      latency = (double) (append.delivered_at - append.written_at) / 1000.0;
      g_array_append_val (latencies, latency);
    }
  cvg_watcher_stop (watcher);
  return latencies;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GArray) latencies = NULL;
  g_autofree char *local = NULL;
  g_autofree char *uri = NULL;
  g_autofree double *cat_ms = NULL;
  g_autofree double *load_ms = NULL;
  g_autofree double *local_ms = NULL;
  const char *base = g_getenv ("CVG_REMOTE_URI");
  guint64 bytes = 0, records = 0;
  double cat, load, local_load, median;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (base == NULL)
    {
      g_printerr ("run through tests/remote/remote-server.sh STATE run %s\n", argv[0]);
      return 77;
    }

  local = g_build_filename (g_getenv ("CVG_REMOTE_DIR"), "bench", NULL);
  uri = g_strconcat (base, "/bench", NULL);
  bench_logdir_ensure (local, opt_events, 8, 16);
  if (!cvg_remote_mount_sync (uri, NULL, &error))
    {
      g_printerr ("cannot mount %s: %s\n", uri, error->message);
      return 1;
    }
  files = list_files (uri, &bytes);

  cat_ms = g_new0 (double, opt_repeat);
  load_ms = g_new0 (double, opt_repeat);
  local_ms = g_new0 (double, opt_repeat);
  /* Interleaved, so that both see the same machine load. */
  for (gint i = 0; i < opt_repeat; i++)
    {
      cat_ms[i] = time_gio_cat (files);
      load_ms[i] = time_load (uri, &records);
      local_ms[i] = time_load (local, &records);
    }
  cat = bench_median_of (cat_ms, opt_repeat);
  load = bench_median_of (load_ms, opt_repeat);
  local_load = bench_median_of (local_ms, opt_repeat);

  printf ("events: %" G_GINT64_FORMAT ", records: %" G_GUINT64_FORMAT ", files: %u, bytes: %" G_GUINT64_FORMAT
          " (%.1f MB)\n", opt_events, records, files->len, bytes, bytes / 1e6);
  printf ("gio cat over sftp:        %8.0f ms (median of %d), %.1f MB/s\n", cat, opt_repeat, bytes / 1e3 / cat);
  printf ("converge load over sftp:  %8.0f ms (median of %d), %.1f MB/s, %.2f x gio cat\n",
          load, opt_repeat, bytes / 1e3 / load, load / cat);
  printf ("converge load, local:     %8.0f ms (median of %d)\n", local_load, opt_repeat);

  if (opt_appends < 1)
    return 0;
  latencies = measure_appends (local, uri);
  median = bench_median (latencies);
  /* Sorted by bench_median (): the last is the largest. */
  printf ("append to watcher signal, poll interval 5000 ms: median %.0f ms, max %.0f ms (%u appends)\n",
          median, g_array_index (latencies, double, latencies->len - 1), latencies->len);
  return 0;
}
