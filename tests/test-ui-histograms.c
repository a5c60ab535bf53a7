/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Histograms and Distributions pages on real logs, under Xvfb: one
 * card per histogram tag per run, both encodings, hover picks the step;
 * and on a folder a writer appends to, the shown card takes new steps. */

#define G_LOG_DOMAIN "test-ui-histograms"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include <glib/gstdio.h>

#include "cvg-distributions-page.h"
#include "cvg-event-writer.h"
#include "cvg-histograms-page.h"
#include "cvg-logdir.h"
#include "cvg-resources.h"
#include "cvg-run.h"
#include "cvg-series.h"
#include "cvg-ui-helpers.h"
#include "cvg-window.h"

/* (run, histogram tag) pairs with data, as an independent count. */
static guint
count_histogram_cards (CvgWindow *window)
{
  g_autoptr(CvgLogdir) logdir = cvg_ui_load_logdir (cvg_logdir_get_path (cvg_window_get_logdir (window)));
  GPtrArray *runs = cvg_logdir_get_runs (logdir);
  guint n = 0;

  for (guint r = 0; r < runs->len; r++)
    {
      GPtrArray *series = cvg_run_get_series (g_ptr_array_index (runs, r));

      for (guint s = 0; s < series->len; s++)
        n += cvg_series_get_kind (g_ptr_array_index (series, s)) == CVG_KIND_HISTOGRAM &&
             cvg_series_get_length (g_ptr_array_index (series, s)) > 0;
    }
  return n;
}

static CvgHistogramCards *
histogram_cards (CvgWindow *window)
{
  GtkWidget *page = cvg_ui_find_widget (GTK_WIDGET (window), CVG_TYPE_HISTOGRAMS_PAGE);

  g_assert_nonnull (page);
  return cvg_histograms_page_get_cards (CVG_HISTOGRAMS_PAGE (page));
}

static CvgHistogramCards *
distribution_cards (CvgWindow *window)
{
  GtkWidget *page = cvg_ui_find_widget (GTK_WIDGET (window), CVG_TYPE_DISTRIBUTIONS_PAGE);

  g_assert_nonnull (page);
  return cvg_distributions_page_get_cards (CVG_DISTRIBUTIONS_PAGE (page));
}

static void
show_page (CvgWindow *window,
           int        page)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "i", page));
  cvg_ui_settle ();
}

static void
assert_hover_step (CvgHistogramChart *chart,
                   double             x,
                   double             y,
                   const char        *step)
{
  g_autofree char *text = NULL;
  g_autofree char *expected = g_strdup_printf ("Step %s ", step);

  cvg_histogram_chart_hover_at (chart, x, y);
  text = cvg_histogram_chart_dup_tooltip_text (chart);
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, expected));
}

/* The chart of @run/@tag, shown (scrolled to) so that it has a size. */
static CvgHistogramChart *
shown_chart (CvgHistogramCards *cards,
             const char        *run,
             const char        *tag)
{
  CvgHistogramChart *chart = cvg_histogram_cards_get_chart (cards, run, tag);

  g_assert_nonnull (chart);
  cvg_ui_settle ();
  return chart;
}

/* Keras writes TF2 tensor histograms: 9 tags, all in train. */
static void
test_keras_cards (void)
{
  CvgWindow *window = cvg_ui_open_corpus_window ("keras_tf2_embedding");
  CvgHistogramChart *chart;
  int width, height;

  if (window == NULL)
    return;
  show_page (window, 2);
  g_assert_cmpuint (count_histogram_cards (window), ==, 9);
  g_assert_cmpuint (cvg_histogram_cards_get_n_cards (histogram_cards (window)), ==, 9);
  show_page (window, 3);
  g_assert_cmpuint (cvg_histogram_cards_get_n_cards (distribution_cards (window)), ==, 9);

  show_page (window, 2);
  chart = shown_chart (histogram_cards (window), "train", "dense_1/kernel_0/histogram");
  g_assert_cmpuint (cvg_histogram_chart_get_n_slices (chart), ==, 2);
  width = gtk_widget_get_width (GTK_WIDGET (chart));
  height = gtk_widget_get_height (GTK_WIDGET (chart));
  g_assert_cmpint (width, >, 0);
  /* Offset: the newest slice is in front, at the bottom. */
  assert_hover_step (chart, width / 2.0, height - 30, "1");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* PyTorch writes HistogramProto: one tag over steps 0..9. */
static void
test_pytorch_cards (void)
{
  CvgWindow *window = cvg_ui_open_corpus_window ("pytorch_study_tensorboard");
  const char *run = "runs/histogram_experiment";
  const char *tag = "MyLinearLayer/Weights_Distribution";
  CvgHistogramChart *chart;
  int width, height;

  if (window == NULL)
    return;
  show_page (window, 2);
  g_assert_cmpuint (cvg_histogram_cards_get_n_cards (histogram_cards (window)), ==,
                    count_histogram_cards (window));
  chart = shown_chart (histogram_cards (window), run, tag);
  g_assert_cmpuint (cvg_histogram_chart_get_n_slices (chart), ==, 10);
  width = gtk_widget_get_width (GTK_WIDGET (chart));
  height = gtk_widget_get_height (GTK_WIDGET (chart));

  /* Offset: the pointer's height picks the slice, oldest at the top. */
  assert_hover_step (chart, width / 2.0, height - 30, "9");
  assert_hover_step (chart, width / 2.0, 2, "0");
  /* Overlay: the tooltip names a bin and its count. */
  g_object_set (histogram_cards (window), "mode", CVG_HISTOGRAM_MODE_OVERLAY, NULL);
  cvg_ui_settle ();
  cvg_histogram_chart_hover_at (chart, width / 2.0, height / 2.0);
  {
    g_autofree char *text = cvg_histogram_chart_dup_tooltip_text (chart);

    g_assert_true (g_str_has_prefix (text, "Step "));
    g_assert_nonnull (strstr (text, " to "));
  }

  show_page (window, 3);
  g_assert_cmpuint (cvg_histogram_cards_get_n_cards (distribution_cards (window)), ==,
                    count_histogram_cards (window));
  chart = shown_chart (distribution_cards (window), run, tag);
  width = gtk_widget_get_width (GTK_WIDGET (chart));
  height = gtk_widget_get_height (GTK_WIDGET (chart));
  /* Distribution: the step nearest in time, and all nine percentiles. */
  assert_hover_step (chart, width - 1, height / 2.0, "9");
  assert_hover_step (chart, 0, height / 2.0, "0");
  {
    g_autofree char *text = cvg_histogram_chart_dup_tooltip_text (chart);
    g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 10);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
write_histogram_steps (CvgEventWriter *writer,
                       gint64          first,
                       gint64          n)
{
  g_autoptr(GError) error = NULL;

  for (gint64 step = first; step < first + n; step++)
    {
      double samples[64];

      for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
        samples[i] = step + i / 64.0;
      g_assert_true (cvg_event_writer_write_histogram (writer, CVG_WRITER_STYLE_TF1, 1000.0 + step, step,
                                                       "weights", samples, G_N_ELEMENTS (samples), 0, &error));
    }
  g_assert_true (cvg_event_writer_flush (writer, &error));
  g_assert_no_error (error);
}

typedef struct
{
  CvgHistogramChart *chart;
  guint              n;
} WantSlices;

static gboolean
has_slices (gpointer data)
{
  WantSlices *want = data;

  return cvg_histogram_chart_get_n_slices (want->chart) == want->n;
}

/* A writer appends histogram steps while the Histograms page is shown:
 * the same card shows them within 2 s; the hidden Distributions page
 * catches up when shown. */
static void
test_live_append (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cvg-ui-histograms-XXXXXX", &error);
  g_autofree char *run_dir = g_build_filename (dir, "train", NULL);
  g_autofree char *path = g_build_filename (run_dir, "events.out.tfevents.1.host", NULL);
  g_autoptr(CvgEventWriter) writer = NULL;
  CvgWindow *window;
  WantSlices want;
  gint64 written;
  int width, height;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (run_dir, 0700), ==, 0);
  writer = cvg_event_writer_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (cvg_event_writer_write_file_version (writer, 1000.0, "brain.Event:2", &error));
  write_histogram_steps (writer, 0, 3);

  window = cvg_ui_open_window (dir);
  show_page (window, 2);
  want.chart = shown_chart (histogram_cards (window), "train", "weights");
  want.n = 3;
  g_assert_true (has_slices (&want));

  write_histogram_steps (writer, 3, 2);
  written = g_get_monotonic_time ();
  want.n = 5;
  g_assert_true (cvg_ui_wait_until (has_slices, &want));
  g_test_message ("new histogram steps on the card %.0f ms after the write",
                  (g_get_monotonic_time () - written) / 1e3);
  /* Catches a card that waits for a reload (tens of seconds), with room
   * for a busy machine. */
  g_assert_cmpint (g_get_monotonic_time () - written, <, 5 * G_TIME_SPAN_SECOND);
  /* The card kept is the one shown; its newest slice, in front, is step 4. */
  g_assert_true (cvg_histogram_cards_get_chart (histogram_cards (window), "train", "weights") == want.chart);
  cvg_ui_settle ();
  width = gtk_widget_get_width (GTK_WIDGET (want.chart));
  height = gtk_widget_get_height (GTK_WIDGET (want.chart));
  assert_hover_step (want.chart, width / 2.0, height - 30, "4");

  show_page (window, 3);
  want.chart = shown_chart (distribution_cards (window), "train", "weights");
  g_assert_true (cvg_ui_wait_until (has_slices, &want));
  assert_hover_step (want.chart, gtk_widget_get_width (GTK_WIDGET (want.chart)) - 1,
                     gtk_widget_get_height (GTK_WIDGET (want.chart)) / 2.0, "4");

  gtk_window_destroy (GTK_WINDOW (window));
  cvg_ui_settle ();
  g_clear_pointer (&writer, cvg_event_writer_free);
  g_unlink (path);
  g_rmdir (run_dir);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_resources_register (cvg_get_resource ());

  g_test_add_func ("/ui/histograms/keras-cards", test_keras_cards);
  g_test_add_func ("/ui/histograms/pytorch-cards", test_pytorch_cards);
  g_test_add_func ("/ui/histograms/live-append", test_live_append);

  return g_test_run ();
}
