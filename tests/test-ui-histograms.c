/* The Histograms and Distributions pages on real logs, under Xvfb: one
 * card per histogram tag per run, both encodings, hover picks the step. */

#define G_LOG_DOMAIN "test-ui-histograms"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cvg-distributions-page.h"
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

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_resources_register (cvg_get_resource ());

  g_test_add_func ("/ui/histograms/keras-cards", test_keras_cards);
  g_test_add_func ("/ui/histograms/pytorch-cards", test_pytorch_cards);

  return g_test_run ();
}
