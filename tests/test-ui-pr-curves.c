/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The PR Curves page on the corpus's PR curves (PyTorch in float_val,
 * tensorboardX with 127 thresholds): one card per tag, every run on it,
 * and hovering a curve shows the tensor's own column. With
 * CVG_PR_SCREENSHOTS=DIR set, screenshots in light and dark go there. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cvg-chart-math.h"
#include "cvg-pr-curve.h"
#include "cvg-pr-curves-page.h"
#include "cvg-run.h"
#include "cvg-series.h"
#include "cvg-test-corpus.h"
#include "cvg-test-files.h"
#include "test-pr-curve-events.h"
#include "cvg-ui-helpers.h"

#define PR_CURVES_PAGE 9

static CvgPrCurvesPage *
show_pr_page (CvgWindow *window)
{
  GtkWidget *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "i", PR_CURVES_PAGE));
  cvg_ui_settle ();
  g_assert_cmpstr (cvg_window_get_visible_page (window), ==, "pr-curves");
  page = cvg_ui_find_widget (GTK_WIDGET (window), CVG_TYPE_PR_CURVES_PAGE);
  g_assert_nonnull (page);
  return CVG_PR_CURVES_PAGE (page);
}

/* The tooltip row of @run, split into its cells. */
static char **
tooltip_row (CvgPrCurveChart *chart,
             const char      *run)
{
  g_autofree char *text = cvg_pr_curve_chart_dup_tooltip_text (chart);
  g_auto(GStrv) rows = NULL;

  g_assert_nonnull (text);
  rows = g_strsplit (text, "\n", -1);
  g_assert_cmpstr (rows[0], ==, "Run\tThreshold\tPrecision\tRecall\tTP\tFP\tTN\tFN");
  for (guint i = 1; rows[i] != NULL; i++)
    {
      char **cells = g_strsplit (rows[i], "\t", -1);

      if (g_strv_length (cells) == 8 && g_str_equal (cells[0], run))
        return cells;
      g_strfreev (cells);
    }
  g_assert_not_reached ();
}

static void
assert_cell (const char *cell,
             double      expected,
             gboolean    count)
{
  g_autofree char *want = count ? g_strdup_printf ("%.0f", trunc (expected)) : cvg_format_compact (expected, 4);

  g_assert_cmpstr (cell, ==, want);
}

/* Hovering the middle point of each run's curve marks a point drawn
 * there, and the tooltip's row for the run is the tensor's column. */
static void
check_card (CvgPrCurveCard *card,
            CvgLogdir      *logdir,
            const char     *tag,
            guint           n_runs)
{
  CvgPrCurveChart *chart = cvg_pr_curve_card_get_chart (card);

  cvg_ui_settle ();
  g_assert_cmpuint (cvg_pr_curve_chart_get_n_lines (chart), ==, n_runs);
  g_assert_cmpuint (cvg_pr_curve_card_get_n_lines (card), ==, n_runs);
  for (guint i = 0; i < n_runs; i++)
    {
      const char *run = cvg_pr_curve_chart_get_run (chart, i);
      CvgSeries *series = cvg_run_lookup_series (cvg_logdir_lookup_run (logdir, run), CVG_KIND_PR_CURVE, tag);
      const CvgTensorValue *tensor = cvg_series_get_tensor (series, cvg_pr_curve_card_get_point (card, run));
      g_autoptr(CvgPrCurve) curve = cvg_pr_curve_new_from_tensor (tensor, NULL);
      guint n = (guint) tensor->dims[1];
      double x, y, hx, hy;
      int column;
      g_auto(GStrv) cells = NULL;

      g_assert_nonnull (curve);
      g_assert_true (cvg_pr_curve_chart_get_point (chart, i, cvg_pr_curve_get_length (curve) / 2, &x, &y));
      cvg_pr_curve_chart_hover_at (chart, x, y);
      column = cvg_pr_curve_chart_get_hover_column (chart, i);
      g_assert_cmpint (column, >=, 0);
      g_assert_true (cvg_pr_curve_chart_get_point (chart, i, column, &hx, &hy));
      g_assert_cmpfloat (hypot (hx - x, hy - y), <, 0.5);

      cells = tooltip_row (chart, run);
      assert_cell (cells[1], (double) column / (n - 1), FALSE);
      assert_cell (cells[2], tensor->numbers[4 * n + column], FALSE);
      assert_cell (cells[3], tensor->numbers[5 * n + column], FALSE);
      for (guint row = 0; row < 4; row++)
        assert_cell (cells[4 + row], tensor->numbers[row * n + column], TRUE);

      /* Left: the next higher threshold. */
      if ((guint) column + 1 < cvg_pr_curve_get_length (curve))
        {
          cvg_pr_curve_chart_step_hover (chart, +1);
          g_assert_cmpint (cvg_pr_curve_chart_get_hover_column (chart, i), ==, column + 1);
        }
    }
  cvg_pr_curve_chart_unhover (chart);
  g_assert_null (cvg_pr_curve_chart_dup_tooltip_text (chart));

  /* The keyboard alone starts at the middle of each curve. */
  cvg_pr_curve_chart_step_hover (chart, -1);
  g_assert_cmpint (cvg_pr_curve_chart_get_hover_column (chart, 0), >=, 0);
  {
    g_auto(GStrv) first = tooltip_row (chart, cvg_pr_curve_chart_get_run (chart, 0));

    g_assert_cmpuint (g_strv_length (first), ==, 8);
  }
  cvg_pr_curve_chart_unhover (chart);
}

static void
screenshots (const char *prefix)
{
  g_autofree char *light = g_strdup_printf ("%s-light.png", prefix);
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", prefix);

  cvg_ui_screenshot ("CVG_PR_SCREENSHOTS", light);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  cvg_ui_screenshot ("CVG_PR_SCREENSHOTS", dark);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static gboolean
no_cards (gpointer page)
{
  return cvg_pr_curves_page_get_n_cards (page) == 0;
}

/* Ten per-class curves of one run, PyTorch's float_val. */
static void
test_fmnist (void)
{
  static const char *classes[] = { "Ankle Boot", "Bag", "Coat", "Dress", "Pullover", "Sandal", "Shirt",
                                   "Sneaker", "T-shirt/top", "Trouser" };
  CvgWindow *window = cvg_ui_open_corpus_window ("pytorch_fmnist_projector");
  g_autoptr(CvgLogdir) logdir = NULL;
  g_autofree char *path = NULL;
  CvgPrCurvesPage *page;

  if (window == NULL)
    return;
  path = g_build_filename (cvg_test_corpus_dir (CVG_TEST_CORPUS), "pytorch_fmnist_projector", NULL);
  logdir = cvg_ui_load_logdir (path);
  page = show_pr_page (window);
  g_assert_cmpuint (cvg_pr_curves_page_get_n_cards (page), ==, G_N_ELEMENTS (classes));
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    check_card (cvg_pr_curves_page_get_card (page, classes[i]), logdir, classes[i], 1);
  screenshots ("pr-curves-fmnist");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Ten steps written out of order: the slider starts at the newest step
 * and moves to the first; earlier steps can be shown faint. */
static void
test_study (void)
{
  CvgWindow *window = cvg_ui_open_corpus_window ("pytorch_study_tensorboard");
  g_autoptr(CvgLogdir) logdir = NULL;
  g_autofree char *path = NULL;
  CvgPrCurvesPage *page;
  CvgPrCurveCard *card;
  CvgSeries *series;
  GtkRange *slider;
  const char *run = "runs/pr_curve_experiment";
  gint64 newest = G_MININT64, oldest = G_MAXINT64;

  if (window == NULL)
    return;
  path = g_build_filename (cvg_test_corpus_dir (CVG_TEST_CORPUS), "pytorch_study_tensorboard", NULL);
  logdir = cvg_ui_load_logdir (path);
  page = show_pr_page (window);
  g_assert_cmpuint (cvg_pr_curves_page_get_n_cards (page), ==, 1);
  card = cvg_pr_curves_page_get_card (page, "Evaluations/PR_Curve");
  g_assert_nonnull (card);
  check_card (card, logdir, "Evaluations/PR_Curve", 1);

  series = cvg_run_lookup_series (cvg_logdir_lookup_run (logdir, run), CVG_KIND_PR_CURVE, "Evaluations/PR_Curve");
  for (gsize i = 0; i < cvg_series_get_length (series); i++)
    {
      newest = MAX (newest, cvg_series_get_step (series, i));
      oldest = MIN (oldest, cvg_series_get_step (series, i));
    }
  g_assert_cmpint (newest, >, oldest);
  g_assert_cmpint (cvg_series_get_step (series, cvg_pr_curve_card_get_point (card, run)), ==, newest);
  slider = cvg_pr_curve_card_get_slider (card, run);
  g_assert_nonnull (slider);
  gtk_range_set_value (slider, 0);
  g_assert_cmpint (cvg_series_get_step (series, cvg_pr_curve_card_get_point (card, run)), ==, oldest);
  check_card (card, logdir, "Evaluations/PR_Curve", 1);
  gtk_range_set_value (slider, gtk_adjustment_get_upper (gtk_range_get_adjustment (slider)));
  g_assert_cmpint (cvg_series_get_step (series, cvg_pr_curve_card_get_point (card, run)), ==, newest);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (cvg_ui_find_widget (GTK_WIDGET (page), GTK_TYPE_TOGGLE_BUTTON)), TRUE);
  screenshots ("pr-curves-study");

  /* The filter hides the card. */
  gtk_editable_set_text (GTK_EDITABLE (cvg_ui_find_widget (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY)), "^nothing");
  g_assert_true (cvg_ui_wait_until (no_cards, page));
  gtk_editable_set_text (GTK_EDITABLE (cvg_ui_find_widget (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY)), "");
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  CvgPrCurveCard *card;
  guint           n;
} Lines;

static gboolean
has_lines (gpointer data)
{
  Lines *lines = data;

  return cvg_pr_curve_card_get_n_lines (lines->card) == lines->n;
}

/* tensorboardX: 127 thresholds in float_val, six runs on one card. */
static void
test_tensorboardx (void)
{
  const char *corpus = cvg_test_corpus_dir (CVG_TEST_CORPUS_PLUGINS);
  g_autofree char *path = NULL;
  g_autoptr(CvgLogdir) logdir = NULL;
  CvgWindow *window;
  CvgPrCurvesPage *page;

  if (corpus == NULL)
    return;
  path = g_build_filename (corpus, "tbx_text_prcurve_gnn", NULL);
  logdir = cvg_ui_load_logdir (path);
  window = cvg_ui_open_window (path);
  page = show_pr_page (window);
  g_assert_cmpuint (cvg_pr_curves_page_get_n_cards (page), ==, 1);
  check_card (cvg_pr_curves_page_get_card (page, "infection"), logdir, "infection", 6);

  /* A hidden run leaves the chart and its row goes. */
  {
    g_autoptr(CvgRunInfo) info = g_list_model_get_item (cvg_window_get_runs (window), 0);
    Lines lines = { cvg_pr_curves_page_get_card (page, "infection"), 5 };

    cvg_run_info_set_visible (info, FALSE);
    g_assert_true (cvg_ui_wait_until (has_lines, &lines));
    check_card (lines.card, logdir, "infection", 5);
    cvg_run_info_set_visible (info, TRUE);
    lines.n = 6;
    g_assert_true (cvg_ui_wait_until (has_lines, &lines));
  }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (cvg_ui_find_widget (GTK_WIDGET (page), GTK_TYPE_TOGGLE_BUTTON)), TRUE);
  {
    CvgPrCurveChart *chart = cvg_pr_curve_card_get_chart (cvg_pr_curves_page_get_card (page, "infection"));
    double x, y;

    /* The tooltip in the screenshots: the run whose curve bends. */
    g_assert_true (cvg_pr_curve_chart_get_point (chart, 3, 60, &x, &y));
    cvg_pr_curve_chart_hover_at (chart, x, y);
  }
  screenshots ("pr-curves-tbx");
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  CvgPrCurveCard *card;
  CvgSeries      *series;
  guint           n_steps;
} Follow;

static gboolean
has_steps (gpointer data)
{
  Follow *follow = data;
  GtkRange *slider = cvg_pr_curve_card_get_slider (follow->card, "run");

  return gtk_adjustment_get_upper (gtk_range_get_adjustment (slider)) + 1 == follow->n_steps;
}

static void
append_step (CvgEventWriter *writer,
             gint64          step)
{
  static const float curve[6 * 3] = { 3, 2, 0,  3, 1, 0,  0, 2, 3,  0, 1, 3,  0.5f, 2 / 3.0f, 0,  1, 2 / 3.0f, 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (cvg_test_write_pr_curve (writer, 1700000000.0 + step, step, "pr", curve, 3, TRUE, &error));
  g_assert_true (cvg_event_writer_flush (writer, &error));
  g_assert_no_error (error);
}

/* Logs that grow while shown: the slider follows new steps while at the
 * end, and stays where it was put otherwise. */
static void
test_follow (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cvg-ui-pr-XXXXXX", &error);
  g_autofree char *run = g_build_filename (dir, "run", NULL);
  g_autofree char *path = g_build_filename (run, "events.out.tfevents.1700000000.host", NULL);
  g_autoptr(CvgEventWriter) writer = NULL;
  CvgWindow *window;
  CvgPrCurvesPage *page;
  g_autoptr(CvgRunInfo) info = NULL;
  Follow follow;

  g_assert_cmpint (g_mkdir (run, 0700), ==, 0);
  writer = cvg_event_writer_new (path, &error);
  g_assert_true (cvg_event_writer_write_file_version (writer, 1700000000.0, "brain.Event:2", &error));
  append_step (writer, 0);
  append_step (writer, 1);
  window = cvg_ui_open_window (dir);
  page = show_pr_page (window);
  follow.card = cvg_pr_curves_page_get_card (page, "pr");
  g_assert_nonnull (follow.card);
  info = g_list_model_get_item (cvg_window_get_runs (window), 0);
  follow.series = cvg_run_lookup_series (cvg_run_info_get_run (info), CVG_KIND_PR_CURVE, "pr");
  g_assert_cmpint (cvg_series_get_step (follow.series, cvg_pr_curve_card_get_point (follow.card, "run")), ==, 1);

  append_step (writer, 2);
  follow.n_steps = 3;
  g_assert_true (cvg_ui_wait_until (has_steps, &follow));
  g_assert_cmpint (cvg_series_get_step (follow.series, cvg_pr_curve_card_get_point (follow.card, "run")), ==, 2);

  gtk_range_set_value (cvg_pr_curve_card_get_slider (follow.card, "run"), 0);
  append_step (writer, 3);
  follow.n_steps = 4;
  g_assert_true (cvg_ui_wait_until (has_steps, &follow));
  g_assert_cmpint (cvg_series_get_step (follow.series, cvg_pr_curve_card_get_point (follow.card, "run")), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  cvg_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  cvg_ui_init (&argc, &argv);

  g_test_add_func ("/ui/pr-curves/fmnist", test_fmnist);
  g_test_add_func ("/ui/pr-curves/study", test_study);
  g_test_add_func ("/ui/pr-curves/tensorboardx", test_tensorboardx);
  g_test_add_func ("/ui/pr-curves/follow", test_follow);
  return g_test_run ();
}
