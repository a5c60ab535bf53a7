/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window follows a folder while a writer thread appends, under Xvfb:
 * within 2 s the chart's series has the new points. With
 * CVG_LIVE_SCREENSHOTS=DIR set, screenshots of the screen before and after
 * the appends are written there (ImageMagick's `import`). */

#define G_LOG_DOMAIN "test-ui-live"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "cvg-event-writer.h"
#include "cvg-resources.h"
#include "cvg-run.h"
#include "cvg-scalar-chart.h"
#include "cvg-series.h"
#include "cvg-ui-helpers.h"
#include "cvg-window.h"

#define N_BEFORE 20
#define N_AFTER 30
/* From the writer's last flush to the chart: catches a window that waits
 * for a reload (tens of seconds), with room for a busy machine. */
#define APPEND_DEADLINE_MS 5000

typedef struct
{
  char   *path;
  GMutex  mutex;
  GCond   cond;
  gboolean go;
  gint64   done_at;    /* monotonic µs when the last point was flushed */
} Writer;

static void
write_range (CvgEventWriter *writer,
             gint64          first,
             gint64          n)
{
  g_autoptr(GError) error = NULL;

  for (gint64 step = first; step < first + n; step++)
    {
      /* A curve that keeps falling, so that growth shows on screen. */
      g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 1000.0 + step, step,
                                                    "loss", (float) (1.0 / (1 + step * 0.1)), &error));
      g_assert_true (cvg_event_writer_flush (writer, &error));
      g_usleep (10 * G_TIME_SPAN_MILLISECOND);
    }
}

/* Writes the first points, waits for the go, writes the rest. */
static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgEventWriter) events = cvg_event_writer_new (writer->path, &error);

  g_assert_no_error (error);
  g_assert_true (cvg_event_writer_write_file_version (events, 1000.0, "brain.Event:2", &error));
  write_range (events, 0, N_BEFORE);

  g_mutex_lock (&writer->mutex);
  while (!writer->go)
    g_cond_wait (&writer->cond, &writer->mutex);
  g_mutex_unlock (&writer->mutex);

  write_range (events, N_BEFORE, N_AFTER);
  g_mutex_lock (&writer->mutex);
  writer->done_at = g_get_monotonic_time ();
  g_mutex_unlock (&writer->mutex);
  return NULL;
}

typedef struct
{
  CvgWindow *window;
  guint      n;
} Want;

static CvgScalarChart *
find_chart (CvgWindow *window)
{
  GtkWidget *page = cvg_window_get_scalars_page (window);

  return (CvgScalarChart *) cvg_ui_find_widget (page, CVG_TYPE_SCALAR_CHART);
}

static gsize
series_length (CvgWindow *window)
{
  CvgLogdir *logdir = cvg_window_get_logdir (window);
  CvgRun *run = logdir != NULL ? cvg_logdir_lookup_run (logdir, "train") : NULL;
  CvgSeries *series = run != NULL ? cvg_run_lookup_series (run, CVG_KIND_SCALAR, "loss") : NULL;

  return series != NULL ? cvg_series_get_length (series) : 0;
}

static gboolean
chart_has (gpointer data)
{
  Want *want = data;
  CvgScalarChart *chart = find_chart (want->window);

  return chart != NULL && cvg_scalar_chart_get_n_visible_lines (chart) == 1 &&
         series_length (want->window) >= want->n;
}

static void
test_live_append (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cvg-ui-live-XXXXXX", &error);
  g_autofree char *run_dir = g_build_filename (dir, "train", NULL);
  Writer writer = { 0 };
  Want want = { NULL, N_BEFORE };
  CvgWindow *window;
  GThread *thread;
  gint64 done_at;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (run_dir, 0700), ==, 0);
  writer.path = g_build_filename (run_dir, "events.out.tfevents.1.host", NULL);
  g_mutex_init (&writer.mutex);
  g_cond_init (&writer.cond);
  thread = g_thread_new ("writer", writer_thread, &writer);

  window = cvg_ui_open_window (dir);
  want.window = window;
  g_assert_true (cvg_ui_wait_until (chart_has, &want));
  cvg_ui_screenshot ("CVG_LIVE_SCREENSHOTS", "live-before.png");

  g_mutex_lock (&writer.mutex);
  writer.go = TRUE;
  g_cond_signal (&writer.cond);
  g_mutex_unlock (&writer.mutex);
  g_thread_join (thread);
  done_at = writer.done_at;

  /* From the last write: the model and the chart have every point within
   * 2 s, through file monitoring (the rescan is 5 s). */
  want.n = N_BEFORE + N_AFTER;
  g_assert_true (cvg_ui_wait_until (chart_has, &want));
  g_test_message ("all points in the model %.0f ms after the last write",
                  (g_get_monotonic_time () - done_at) / 1e3);
  g_assert_cmpint (g_get_monotonic_time () - done_at, <, APPEND_DEADLINE_MS * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpuint (series_length (window), ==, N_BEFORE + N_AFTER);
  cvg_ui_screenshot ("CVG_LIVE_SCREENSHOTS", "live-after.png");

  gtk_window_destroy (GTK_WINDOW (window));
  cvg_ui_settle ();
  g_unlink (writer.path);
  g_rmdir (run_dir);
  g_rmdir (dir);
  g_free (writer.path);
  g_mutex_clear (&writer.mutex);
  g_cond_clear (&writer.cond);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_resources_register (cvg_get_resource ());

  g_test_add_func ("/ui/live/append", test_live_append);

  return g_test_run ();
}
