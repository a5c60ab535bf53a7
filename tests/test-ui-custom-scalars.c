/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Custom Scalars page on a writer-made layout: a multiline chart
 * over two tags and a margin chart drawn, their tooltips the series'
 * values, a margin with mismatched steps and one with a missing tag
 * named, a closed category closed; and a chart of one's own that
 * survives a restart. With CVG_CUSTOM_SCREENSHOTS=DIR set, screenshots
 * in light and dark go there. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cvg-custom-scalars-page.h"
#include "cvg-layout-decode.h"
#include "cvg-run-info.h"
#include "cvg-run.h"
#include "cvg-series.h"
#include "cvg-test-files.h"
#include "cvg-scalars-page.h"
#include "cvg-ui-helpers.h"
#include "test-pr-curve-events.h"

#define CUSTOM_SCALARS_PAGE 11

static GBytes *
make_layout (void)
{
  g_autoptr(CvgLayout) layout = cvg_layout_new ();
  CvgLayoutCategory *losses = cvg_layout_category_new ("Losses", FALSE);
  CvgLayoutCategory *bands = cvg_layout_category_new ("Bands", FALSE);
  CvgLayoutCategory *hidden = cvg_layout_category_new ("Later", TRUE);
  CvgLayoutChart *chart = cvg_layout_chart_new ("Train and validation", CVG_LAYOUT_CHART_MULTILINE);

  /* "loss/t" is a prefix of loss/train; the other an exact tag. */
  g_ptr_array_add (chart->tags, g_strdup ("loss/t"));
  g_ptr_array_add (chart->tags, g_strdup ("loss/val$"));
  g_ptr_array_add (losses->charts, chart);
  chart = cvg_layout_chart_new ("Accuracy", CVG_LAYOUT_CHART_MARGIN);
  g_ptr_array_add (chart->margins, cvg_layout_margin_new ("acc/mean", "acc/low", "acc/high"));
  g_ptr_array_add (bands->charts, chart);
  chart = cvg_layout_chart_new ("Broken", CVG_LAYOUT_CHART_MARGIN);
  g_ptr_array_add (chart->margins, cvg_layout_margin_new ("acc/mean", "acc/low", "acc/missing"));
  g_ptr_array_add (bands->charts, chart);
  chart = cvg_layout_chart_new ("Bad regex", CVG_LAYOUT_CHART_MULTILINE);
  g_ptr_array_add (chart->tags, g_strdup ("(loss"));
  g_ptr_array_add (hidden->charts, chart);
  g_ptr_array_add (layout->categories, losses);
  g_ptr_array_add (layout->categories, bands);
  g_ptr_array_add (layout->categories, hidden);
  return cvg_layout_serialize (layout);
}

/* Runs "a" and "b": loss/train, loss/val, loss/other (not matched) and
 * acc/{mean,low,high}; b's acc/high lacks step 2. */
static void
write_run (const char *dir,
           const char *name,
           double      offset)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *run = g_build_filename (dir, name, NULL);
  g_autofree char *path = g_build_filename (run, "events.out.tfevents.1700000000.host", NULL);
  g_autoptr(CvgEventWriter) writer = NULL;
  g_autoptr(GBytes) layout = make_layout ();

  g_assert_cmpint (g_mkdir_with_parents (run, 0700), ==, 0);
  writer = cvg_event_writer_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (cvg_event_writer_write_file_version (writer, 1700000000.0, "brain.Event:2", &error));
  g_assert_true (cvg_test_write_layout (writer, 1700000000.0, layout, &error));
  for (gint64 step = 0; step < 5; step++)
    {
      double t = 1700000001.0 + step;

      g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, t, step, "loss/train", 2.0 - 0.25 * step + offset, &error));
      g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, t, step, "loss/val", 2.5 - 0.25 * step + offset, &error));
      g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, t, step, "loss/valid_ema", 9, &error));
      g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, t, step, "acc/mean", 0.5 + 0.1 * step + offset, &error));
      g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, t, step, "acc/low", 0.4 + 0.1 * step + offset, &error));
      if (offset == 0 || step != 2)
        g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, t, step, "acc/high", 0.7 + 0.1 * step + offset, &error));
    }
  g_assert_true (cvg_event_writer_flush (writer, &error));
  g_assert_no_error (error);
}

static CvgCustomScalarsPage *
show_page (CvgWindow *window)
{
  GtkWidget *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "i", CUSTOM_SCALARS_PAGE));
  cvg_ui_settle ();
  g_assert_cmpstr (cvg_window_get_visible_page (window), ==, "custom-scalars");
  page = cvg_ui_find_widget (GTK_WIDGET (window), CVG_TYPE_CUSTOM_SCALARS_PAGE);
  g_assert_nonnull (page);
  return CVG_CUSTOM_SCALARS_PAGE (page);
}

static gboolean
not_busy (gpointer page)
{
  return !cvg_custom_scalars_page_get_busy (page);
}

/* Hovers the chart's middle: every row of the tooltip gives the value of
 * its series at the step it names. */
static char *
hover_middle (CvgScalarChart *chart,
              GPtrArray      *runs,
              guint           expected_rows)
{
  char *text;
  g_auto(GStrv) rows = NULL;

  cvg_scalar_chart_set_smoothing (chart, 0);
  cvg_ui_settle ();
  cvg_scalar_chart_hover_at (chart, gtk_widget_get_width (GTK_WIDGET (chart)) / 2.0,
                             gtk_widget_get_height (GTK_WIDGET (chart)) / 2.0);
  text = cvg_scalar_chart_dup_tooltip_text (chart);
  g_assert_nonnull (text);
  rows = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (rows), ==, expected_rows);
  for (guint i = 0; rows[i] != NULL; i++)
    {
      /* "TAG (RUN): value V, …, step S, …" */
      g_autofree char *tag = g_strndup (rows[i], strstr (rows[i], " (") - rows[i]);
      const char *run_start = strstr (rows[i], " (") + 2;
      g_autofree char *run_name = g_strndup (run_start, strstr (run_start, "):") - run_start);
      const char *value_at = strstr (rows[i], "value ");
      const char *step_at = strstr (rows[i], "step ");
      CvgRun *run = NULL;
      CvgSeries *series;
      gint64 step;
      gboolean found = FALSE;

      g_assert_nonnull (value_at);
      g_assert_nonnull (step_at);
      step = g_ascii_strtoll (step_at + 5, NULL, 10);
      for (guint r = 0; r < runs->len; r++)
        if (g_str_equal (cvg_run_get_name (g_ptr_array_index (runs, r)), run_name))
          run = g_ptr_array_index (runs, r);
      g_assert_nonnull (run);
      series = cvg_run_lookup_series (run, CVG_KIND_SCALAR, tag);
      g_assert_nonnull (series);
      for (gsize k = 0; k < cvg_series_get_length (series); k++)
        if (cvg_series_get_step (series, k) == step)
          {
            g_autofree char *want = g_strdup_printf ("value %.4g", cvg_series_get_value (series, k));

            g_assert_true (g_str_has_prefix (value_at, want));
            found = TRUE;
          }
      g_assert_true (found);
    }
  return text;
}

/* The page is in the switcher, not only in the menu of inactive pages. */
static gboolean
page_listed (gpointer data)
{
  AdwViewStack *stack = ADW_VIEW_STACK (cvg_ui_find_widget (GTK_WIDGET (data), ADW_TYPE_VIEW_STACK));
  GtkWidget *child = adw_view_stack_get_child_by_name (stack, "custom-scalars");

  return adw_view_stack_page_get_visible (adw_view_stack_get_page (stack, child));
}

static void
screenshots (const char *name)
{
  g_autofree char *light = g_strdup_printf ("%s-light.png", name);
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", name);

  cvg_ui_screenshot ("CVG_CUSTOM_SCREENSHOTS", light);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  cvg_ui_screenshot ("CVG_CUSTOM_SCREENSHOTS", dark);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_layout (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cvg-ui-custom-XXXXXX", &error);
  g_autoptr(CvgLogdir) logdir = NULL;
  CvgWindow *window;
  CvgCustomScalarsPage *page;
  CvgCustomChartCard *card;
  CvgScalarChart *chart;
  g_autofree char *multi = NULL;
  g_autofree char *band = NULL;
  const char *notice;

  write_run (dir, "a", 0);
  write_run (dir, "b", 0.05);
  logdir = cvg_ui_load_logdir (dir);
  window = cvg_ui_open_window (dir);
  /* A layout makes the page active, though it is no kind of event. */
  g_assert_true (cvg_ui_wait_until (page_listed, window));
  page = show_page (window);
  /* Its charts follow the Scalars page's view settings. */
  {
    double smoothing;

    g_object_set (cvg_ui_find_widget (GTK_WIDGET (window), CVG_TYPE_SCALARS_PAGE), "smoothing", 0.25, NULL);
    g_object_get (page, "smoothing", &smoothing, NULL);
    g_assert_cmpfloat (smoothing, ==, 0.25);
    g_object_set (cvg_ui_find_widget (GTK_WIDGET (window), CVG_TYPE_SCALARS_PAGE), "smoothing", 0.6, NULL);
  }
  g_assert_true (cvg_ui_wait_until (not_busy, page));
  g_assert_cmpuint (cvg_custom_scalars_page_get_n_charts (page), ==, 4);
  g_assert_true (cvg_custom_scalars_page_get_expanded (page, "Losses"));
  g_assert_false (cvg_custom_scalars_page_get_expanded (page, "Later"));

  /* Multiline: loss/train and loss/val of both runs, not loss/valid_ema. */
  card = cvg_custom_scalars_page_get_chart (page, "Losses", "Train and validation");
  g_assert_nonnull (card);
  g_assert_null (cvg_custom_chart_card_get_notice (card));
  chart = cvg_scalar_card_get_chart (cvg_custom_chart_card_get_card (card));
  g_assert_cmpuint (cvg_scalar_chart_get_n_visible_lines (chart), ==, 4);
  multi = hover_middle (chart, cvg_logdir_get_runs (logdir), 4);
  g_assert_nonnull (strstr (multi, "loss/train (a): value"));
  g_assert_nonnull (strstr (multi, "loss/val (b): value"));
  g_assert_null (strstr (multi, "valid_ema"));

  /* Margin: run a drawn with its band; b's steps differ, so b is left
   * out and named with its three step lists. */
  card = cvg_custom_scalars_page_get_chart (page, "Bands", "Accuracy");
  g_assert_nonnull (card);
  chart = cvg_scalar_card_get_chart (cvg_custom_chart_card_get_card (card));
  g_assert_cmpuint (cvg_scalar_chart_get_n_visible_lines (chart), ==, 1);
  band = hover_middle (chart, cvg_logdir_get_runs (logdir), 1);
  g_assert_true (g_str_has_prefix (band, "acc/mean (a): value 0.7, lower 0.6, upper 0.9, step 2"));
  notice = cvg_custom_chart_card_get_notice (card);
  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, "Run “b”: The steps for value, lower, and upper tags do not match"));
  g_assert_nonnull (strstr (notice, "acc/high: 0, 1, 3, 4"));

  /* Hiding run b takes its lines and its notice away. */
  {
    g_autoptr(CvgRunInfo) info = g_list_model_get_item (cvg_window_get_runs (window), 1);

    g_assert_cmpstr (cvg_run_info_get_name (info), ==, "b");
    cvg_run_info_set_visible (info, FALSE);
    g_assert_null (cvg_custom_chart_card_get_notice (cvg_custom_scalars_page_get_chart (page, "Bands", "Accuracy")));
    chart = cvg_scalar_card_get_chart (cvg_custom_chart_card_get_card (
                                         cvg_custom_scalars_page_get_chart (page, "Losses", "Train and validation")));
    g_assert_cmpuint (cvg_scalar_chart_get_n_visible_lines (chart), ==, 2);
    cvg_run_info_set_visible (info, TRUE);
    g_assert_nonnull (cvg_custom_chart_card_get_notice (cvg_custom_scalars_page_get_chart (page, "Bands", "Accuracy")));
  }

  card = cvg_custom_scalars_page_get_chart (page, "Bands", "Broken");
  notice = cvg_custom_chart_card_get_notice (card);
  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, "Run “a” lacks the tags “acc/missing”"));
  card = cvg_custom_scalars_page_get_chart (page, "Later", "Bad regex");
  g_assert_nonnull (strstr (cvg_custom_chart_card_get_notice (card), "not valid"));

  cvg_scalar_chart_hover_at (cvg_scalar_card_get_chart (cvg_custom_chart_card_get_card (
                               cvg_custom_scalars_page_get_chart (page, "Losses", "Train and validation"))), 200, 120);
  screenshots ("custom-scalars");
  gtk_window_destroy (GTK_WINDOW (window));
  cvg_test_remove_tree (dir);
}

/* A chart of one's own: drawn at once, saved outside the logs folder,
 * there again in a new window. */
static void
test_own_chart (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cvg-ui-own-XXXXXX", &error);
  g_autofree char *run = g_build_filename (dir, "solo", NULL);
  g_autofree char *path = g_build_filename (run, "events.out.tfevents.1.host", NULL);
  g_autoptr(CvgEventWriter) writer = NULL;
  CvgWindow *window;
  CvgCustomScalarsPage *page;
  CvgCustomChartCard *card;
  g_autoptr(GDir) listing = NULL;

  g_assert_cmpint (g_mkdir_with_parents (run, 0700), ==, 0);
  writer = cvg_event_writer_new (path, &error);
  for (gint64 step = 0; step < 3; step++)
    {
      g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 1.0 + step, step, "loss", 1.0 / (step + 1), &error));
      g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 1.0 + step, step, "loss_ema", 0.9 / (step + 1), &error));
    }
  g_assert_true (cvg_event_writer_flush (writer, &error));
  g_assert_no_error (error);

  window = cvg_ui_open_window (dir);
  page = show_page (window);
  g_assert_true (cvg_ui_wait_until (not_busy, page));
  g_assert_cmpuint (cvg_custom_scalars_page_get_n_charts (page), ==, 0);
  cvg_custom_scalars_page_add_chart (page, "", "loss");
  card = cvg_custom_scalars_page_get_chart (page, "Your Charts", "loss");
  g_assert_nonnull (card);
  g_assert_cmpuint (cvg_scalar_chart_get_n_visible_lines (cvg_scalar_card_get_chart (cvg_custom_chart_card_get_card (card))), ==, 2);
  g_assert_true (cvg_ui_wait_until (not_busy, page));
  gtk_window_destroy (GTK_WINDOW (window));

  /* Nothing written into the logs folder. */
  listing = g_dir_open (dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "solo");
  g_assert_null (g_dir_read_name (listing));

  window = cvg_ui_open_window (dir);
  page = show_page (window);
  g_assert_true (cvg_ui_wait_until (not_busy, page));
  card = cvg_custom_scalars_page_get_chart (page, "Your Charts", "loss");
  g_assert_nonnull (card);
  g_assert_cmpuint (cvg_custom_scalars_page_get_n_charts (page), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
  cvg_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("cvg-ui-data-XXXXXX", NULL);
  int ret;

  /* The user's charts go here, not into the real data folder. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  cvg_ui_init (&argc, &argv);

  g_test_add_func ("/ui/custom-scalars/layout", test_layout);
  g_test_add_func ("/ui/custom-scalars/own-chart", test_own_chart);
  ret = g_test_run ();
  cvg_test_remove_tree (data_home);
  return ret;
}
