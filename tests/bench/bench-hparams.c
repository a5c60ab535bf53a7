/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The runs table on 10,000 sessions: building the hparams model, the
 * page's refresh as the main thread pays for it (copying the runs, then
 * showing the rows; decoding and summaries run on a worker), the first
 * refresh's longest main-loop turn, and sorting
 * the rows by a metric (target ≤ 50 ms). Needs a display (xvfb-run). */
#include "config.h"

#include <gtk/gtk.h>
#include <math.h>

#include "bench-stats.h"
#include "cvg-event-writer.h"
#include "cvg-hparams-decode.h"
#include "cvg-hparams-page.h"
#include "cvg-hparams.h"
#include "cvg-logdir.h"
#include "cvg-run-info.h"
#include "../cvg-test-files.h"

#define N_SESSIONS 10000
#define REPEAT     7

static void
write_session (const char *dir,
               guint       i)
{
  g_autofree char *name = g_strdup_printf ("s%05u", i);
  g_autofree char *folder = g_build_filename (dir, name, NULL);
  g_autofree char *path = g_build_filename (folder, "events.out.tfevents.1.host", NULL);
  g_autoptr(CvgEventWriter) writer = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(GBytes) content = NULL;
  CvgHparamEntry lr = { (char *) "lr", { CVG_HPARAM_NUMBER, pow (10, -1 - (i % 4)), NULL } };
  CvgHparamEntry opt = { (char *) "optimizer", { CVG_HPARAM_STRING, 0, (char *) (i % 2 ? "adam" : "sgd") } };
  CvgHparamsData data = { CVG_HPARAMS_DATA_SESSION_START };

  g_mkdir_with_parents (folder, 0755);
  writer = cvg_event_writer_new (path, NULL);
  g_ptr_array_add (entries, &lr);
  g_ptr_array_add (entries, &opt);
  data.hparams = entries;
  data.group_name = (char *) "";
  content = cvg_hparams_data_serialize (&data);
  cvg_event_writer_write_file_version (writer, 1, "brain.Event:2", NULL);
  cvg_event_writer_write_hparams (writer, CVG_WRITER_STYLE_TF2, 1, "_hparams_/session_start_info", content, NULL);
  for (gint64 step = 0; step < 3; step++)
    cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF2, 2 + step, step, "acc",
                                   (float) g_random_double (), NULL);
  cvg_event_writer_flush (writer, NULL);
}

/* The longest the main loop was held at once. */
static double longest_turn;

/* Spins the main loop until the page shows its refresh; returns the time
 * the main thread spent dispatching, not the time it waited. */
static double
wait_refreshed (CvgHparamsPage *page)
{
  double busy = 0;

  while (cvg_hparams_page_is_refreshing (page))
    {
      double t = bench_now_ms ();

      if (g_main_context_iteration (NULL, FALSE))
        {
          t = bench_now_ms () - t;
          busy += t;
          longest_turn = MAX (longest_turn, t);
        }
      else
        g_usleep (100);
    }
  return busy;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("converge-bench-hparams-XXXXXX", NULL);
  g_autoptr(CvgLogdir) logdir = NULL;
  g_autoptr(GListStore) runs = g_list_store_new (CVG_TYPE_RUN_INFO);
  g_autoptr(GArray) model_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rows_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sort_ms = g_array_new (FALSE, FALSE, sizeof (double));
  GPtrArray *loaded;
  CvgHparamsPage *page;
  double first_ms;
  double t;

  gtk_init ();
  for (guint i = 0; i < N_SESSIONS; i++)
    write_session (dir, i);
  logdir = cvg_logdir_new (dir);
  g_assert_true (cvg_logdir_load (logdir, NULL));
  loaded = cvg_logdir_get_runs (logdir);
  g_assert_cmpuint (loaded->len, ==, N_SESSIONS);
  for (guint i = 0; i < loaded->len; i++)
    {
      g_autoptr(CvgRunInfo) info = cvg_run_info_new (g_ptr_array_index (loaded, i), "#3584e4");

      g_list_store_append (runs, info);
    }

  for (guint r = 0; r < REPEAT; r++)
    {
      g_autoptr(CvgHparams) hparams = NULL;

      t = bench_now_ms ();
      hparams = cvg_hparams_new (loaded);
      t = bench_now_ms () - t;
      g_array_append_val (model_ms, t);
      g_assert_cmpuint (cvg_hparams_get_n_sessions (hparams), ==, N_SESSIONS);
    }

  page = g_object_ref_sink (g_object_new (CVG_TYPE_HPARAMS_PAGE, NULL));
  /* The first refresh copies every run, a batch per main-loop turn; later
   * ones only the runs that grew. */
  first_ms = bench_now_ms ();
  cvg_hparams_page_set_runs (page, G_LIST_MODEL (runs));
  first_ms = bench_now_ms () - first_ms;
  longest_turn = first_ms;
  first_ms += wait_refreshed (page);
  for (guint r = 0; r < REPEAT; r++)
    {
      t = bench_now_ms ();
      cvg_hparams_page_refresh (page);
      t = bench_now_ms () - t + wait_refreshed (page);
      g_array_append_val (rows_ms, t);
    }
  for (guint r = 0; r < REPEAT; r++)
    {
      const char *title = r % 2 == 0 ? "acc" : "lr";

      t = bench_now_ms ();
      g_assert_true (cvg_hparams_page_sort_by (page, title, r % 3 == 0 ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING));
      t = bench_now_ms () - t;
      g_array_append_val (sort_ms, t);
    }
  g_assert_cmpuint (cvg_hparams_page_get_n_rows (page), ==, N_SESSIONS);

  g_print ("%u sessions, median of %u:\n", N_SESSIONS, REPEAT);
  g_print ("  hparams model (decode, columns, metrics): %.1f ms\n", bench_median (model_ms));
  g_print ("  first refresh, main thread (every run copied): %.1f ms, in turns of at most %.1f ms\n",
           first_ms, longest_turn);
  g_print ("  page refresh, main thread (copy + rows):  %.1f ms\n", bench_median (rows_ms));
  g_print ("  sort by a column:                         %.1f ms (target <= 50 ms)\n", bench_median (sort_ms));
  g_object_unref (page);
  cvg_test_remove_tree (dir);
  return 0;
}
