/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Load benchmark: writes a synthetic logdir of scalar events (TF1 and TF2
 * styles), then times a full load with every CRC verified against a
 * read + CRC pass over the same bytes, and reports memory per point.
 *
 *   bench-load [--events N] [--runs R] [--tags T] [--repeat K] [--dir DIR]
 */
#define G_LOG_DOMAIN "bench-load"

#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cvg-crc32c.h"
#include "cvg-logdir.h"
#include "cvg-run.h"
#include "cvg-series.h"
#include "cvg-tfrecord.h"

#include "bench-logdir.h"
#include "bench-stats.h"

static gint64 opt_events = 10 * 1000 * 1000;
static gint opt_runs = 8;
static gint opt_tags = 16;
static gint opt_repeat = 5;
static char *opt_dir = NULL;

static GOptionEntry entries[] = {
  { "events", 0, 0, G_OPTION_ARG_INT64, &opt_events, "Scalar events in all", "N" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "Runs", "R" },
  { "tags", 0, 0, G_OPTION_ARG_INT, &opt_tags, "Tags per run", "T" },
  { "repeat", 0, 0, G_OPTION_ARG_INT, &opt_repeat, "Timed repetitions", "K" },
  { "dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_dir, "Logdir to write (kept and reused)", "DIR" },
  { NULL }
};

static GPtrArray *
list_event_files (const char *dir)
{
  g_autoptr(CvgLogdir) logdir = cvg_logdir_new (dir);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = NULL;

  g_assert_true (cvg_logdir_scan (logdir, &error));
  for (guint i = 0; i < cvg_logdir_get_runs (logdir)->len; i++)
    {
      CvgRun *run = g_ptr_array_index (cvg_logdir_get_runs (logdir), i);
      const char *name;

      d = g_dir_open (cvg_run_get_path (run), 0, NULL);
      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        if (strstr (name, "tfevents") != NULL)
          g_ptr_array_add (files, g_build_filename (cvg_run_get_path (run), name, NULL));
      g_clear_pointer (&d, g_dir_close);
    }
  return files;
}

/* Speed of light: read each file in 1 MiB blocks and verify both CRCs of
 * every record, on as many threads as the loader uses. */
typedef struct
{
  guint64 records;
  guint64 bytes;
} Tally;

static void
count_record (const guint8 *data,
              gsize         len,
              guint64       offset,
              gpointer      user_data)
{
  Tally *tally = user_data;

  tally->records++;
  tally->bytes += len + 16;
}

static void
crc_pass_file (gpointer data,
               gpointer user_data)
{
  g_autoptr(CvgRecordFile) file = cvg_record_file_new (data);
  Tally tally = { 0 };
  GMutex *mutex = g_object_get_data (user_data, "mutex");
  Tally *total = g_object_get_data (user_data, "total");

  cvg_record_file_read (file, count_record, NULL, &tally, NULL);
  g_mutex_lock (mutex);
  total->records += tally.records;
  total->bytes += tally.bytes;
  g_mutex_unlock (mutex);
}

static double
crc_pass (GPtrArray *files,
          Tally     *total)
{
  g_autoptr(GObject) context = g_object_new (G_TYPE_OBJECT, NULL);
  GMutex mutex;
  GThreadPool *pool;
  gint64 start;

  g_mutex_init (&mutex);
  memset (total, 0, sizeof *total);
  g_object_set_data (context, "mutex", &mutex);
  g_object_set_data (context, "total", total);

  start = g_get_monotonic_time ();
  pool = g_thread_pool_new (crc_pass_file, context, (gint) g_get_num_processors (), FALSE, NULL);
  for (guint i = 0; i < files->len; i++)
    g_thread_pool_push (pool, g_ptr_array_index (files, i), NULL);
  g_thread_pool_free (pool, FALSE, TRUE);
  g_mutex_clear (&mutex);
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
full_load (const char *dir,
           guint64    *records,
           guint64    *points,
           gsize      *memory)
{
  g_autoptr(CvgLogdir) logdir = cvg_logdir_new (dir);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  g_assert_true (cvg_logdir_load (logdir, &error));
  seconds = (g_get_monotonic_time () - start) / 1e6;

  *records = *points = *memory = 0;
  for (guint i = 0; i < cvg_logdir_get_runs (logdir)->len; i++)
    {
      CvgRun *run = g_ptr_array_index (cvg_logdir_get_runs (logdir), i);
      GPtrArray *series = cvg_run_get_series (run);

      g_assert_cmpuint (cvg_run_get_problems (run)->len, ==, 0);
      *records += cvg_run_get_n_records (run);
      *memory += cvg_run_get_memory_size (run);
      for (guint j = 0; j < series->len; j++)
        *points += cvg_series_get_length (g_ptr_array_index (series, j));
    }
  return seconds;
}

static long
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? atol (line + 6) : -1;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— Converge load benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GArray) load_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) crc_times = g_array_new (FALSE, FALSE, sizeof (double));
  guint64 records = 0, points = 0;
  gsize memory = 0;
  long rss_before, rss_after;
  Tally tally;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (opt_dir == NULL)
    opt_dir = g_build_filename (g_get_tmp_dir (), "converge-bench-load", NULL);

  bench_logdir_ensure (opt_dir, opt_events, opt_runs, opt_tags);

  files = list_event_files (opt_dir);
  crc_pass (files, &tally); /* warm the page cache */

  /* Memory first, while the heap is fresh. */
  rss_before = rss_kib ();
  {
    g_autoptr(CvgLogdir) logdir = cvg_logdir_new (opt_dir);
    g_assert_true (cvg_logdir_load (logdir, NULL));
    rss_after = rss_kib ();
  }

  g_print ("CPU: %u threads, CRC32C %s\n", g_get_num_processors (),
           cvg_crc32c_is_hardware () ? "SSE4.2" : "table");
  for (gint i = 0; i < opt_repeat; i++)
    {
      double t_crc = crc_pass (files, &tally);
      double t_load = full_load (opt_dir, &records, &points, &memory);
      g_array_append_val (crc_times, t_crc);
      g_array_append_val (load_times, t_load);
      g_print ("  round %d: read+CRC %.3f s, full load %.3f s\n", i + 1, t_crc, t_load);
    }

  {
    double t_load = bench_median (load_times), t_crc = bench_median (crc_times);
    double mb = tally.bytes / 1e6;

    g_print ("\nfiles %u, records %" G_GUINT64_FORMAT ", bytes %.1f MB, scalar points %" G_GUINT64_FORMAT "\n",
             files->len, records, mb, points);
    g_print ("read+CRC pass : %.3f s  %6.1f M records/s  %7.1f MB/s (median of %d)\n",
             t_crc, tally.records / t_crc / 1e6, mb / t_crc, opt_repeat);
    g_print ("full load     : %.3f s  %6.1f M events/s   %7.1f MB/s (median of %d)\n",
             t_load, records / t_load / 1e6, mb / t_load, opt_repeat);
    g_print ("ratio load / read+CRC: %.2f\n", t_load / t_crc);
    g_print ("memory: %.2f bytes per point (store accounting), %.2f bytes per point (RSS growth)\n",
             (double) memory / points, (rss_after - rss_before) * 1024.0 / points);
  }
  return 0;
}
