/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Groups on the Scalars page, under Xvfb, on a writer-made folder of
 * 3 seeds × 2 settings: grouped by a regex, two group lines whose
 * tooltips give the means this test works out itself, the sidebar's
 * groups, log x. */

#define G_LOG_DOMAIN "test-ui-groups"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "cvg-aggregate.h"
#include "cvg-chart-math.h"
#include "cvg-event-writer.h"
#include "cvg-plot-line.h"
#include "cvg-run-groups.h"
#include "cvg-run-info.h"
#include "cvg-run-node.h"
#include "cvg-runs-sidebar.h"
#include "cvg-scalar-card.h"
#include "cvg-scalar-chart.h"
#include "cvg-test-files.h"
#include "cvg-ui-helpers.h"
#include "cvg-window.h"

#define N_SEEDS 3
#define N_STEPS 10

static const char * const settings[] = { "lr_0.1", "lr_0.01" };

/* Seed 2 logs odd steps only, so that the others' even steps are
 * interpolated for it; the values differ by setting, seed and step. */
static gboolean
logs_step (guint  seed,
           gint64 step)
{
  return seed != 2 || step % 2 == 1;
}

static float
value_of (guint  setting,
          guint  seed,
          gint64 step)
{
  return (float) ((setting == 0 ? 1.0 : 2.0) + 0.37 * seed - 0.05 * step + 0.003 * step * step * (seed + 1));
}

/* What this seed's line holds at @step: its value, or the straight line
 * between its two points around it. */
static double
member_at (guint  setting,
           guint  seed,
           gint64 step)
{
  if (logs_step (seed, step))
    return value_of (setting, seed, step);
  return ((double) value_of (setting, seed, step - 1) + value_of (setting, seed, step + 1)) / 2;
}

static char *
make_logdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("cvg-groups-XXXXXX", &error);

  g_assert_no_error (error);
  for (guint setting = 0; setting < G_N_ELEMENTS (settings); setting++)
    for (guint seed = 0; seed < N_SEEDS; seed++)
      {
        g_autofree char *name = g_strdup_printf ("%s_seed%u", settings[setting], seed);
        g_autofree char *run = g_build_filename (dir, name, NULL);
        g_autofree char *path = g_build_filename (run, "events.out.tfevents.1700000000.test", NULL);
        CvgEventWriter *writer;

        g_assert_cmpint (g_mkdir (run, 0700), ==, 0);
        writer = cvg_event_writer_new (path, &error);
        g_assert_no_error (error);
        cvg_event_writer_write_file_version (writer, 1700000000, "brain.Event:2", &error);
        g_assert_no_error (error);
        for (gint64 step = 0; step < N_STEPS; step++)
          if (logs_step (seed, step))
            {
              cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF2, 1700000000 + step, step,
                                             "loss", value_of (setting, seed, step), &error);
              g_assert_no_error (error);
            }
        cvg_event_writer_flush (writer, &error);
        g_assert_no_error (error);
        cvg_event_writer_free (writer);
      }
  return dir;
}

static gboolean
chart_has_size (gpointer data)
{
  GtkWidget *chart = cvg_ui_find_widget (data, CVG_TYPE_SCALAR_CHART);

  return chart != NULL && gtk_widget_get_width (chart) > 100 &&
         cvg_scalar_chart_get_n_visible_lines (CVG_SCALAR_CHART (chart)) > 0;
}

static guint
count_lines (CvgScalarChart *chart,
             gboolean        faint)
{
  GPtrArray *lines = cvg_scalar_chart_get_lines (chart);
  guint n = 0;

  g_assert_nonnull (lines);
  for (guint i = 0; i < lines->len; i++)
    n += cvg_plot_line_get_faint (g_ptr_array_index (lines, i)) == faint;
  return n;
}

/* The group's row as the tooltip should read it at @step, worked out
 * here: mean and min–max of the three seeds. */
static char *
expected_row (guint  setting,
              gint64 step)
{
  double sum = 0, lo = INFINITY, hi = -INFINITY;
  g_autofree char *mean = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *upper = NULL;

  for (guint seed = 0; seed < N_SEEDS; seed++)
    {
      double v = member_at (setting, seed, step);

      sum += v;
      lo = MIN (lo, v);
      hi = MAX (hi, v);
    }
  mean = cvg_format_compact (sum / N_SEEDS, 5);
  lower = cvg_format_compact (lo, 5);
  upper = cvg_format_compact (hi, 5);
  return g_strdup_printf ("%s: mean %s, lower %s, upper %s, n %u, step %" G_GINT64_FORMAT,
                          settings[setting], mean, lower, upper, N_SEEDS, step);
}

static void
test_groups (void)
{
  g_autofree char *dir = make_logdir ();
  CvgWindow *window = cvg_ui_open_window (dir);
  GtkWidget *page = cvg_window_get_scalars_page (window);
  CvgRunsSidebar *sidebar = CVG_RUNS_SIDEBAR (cvg_window_get_runs_sidebar (window));
  GListModel *tree;
  CvgScalarChart *chart;
  g_autofree char *tooltip = NULL;
  g_auto(GStrv) rows = NULL;

  g_object_set (page, "smoothing", 0.0, "group-regex", "(.*)_seed\\d+", "group-by", CVG_GROUP_BY_REGEX, NULL);
  g_assert_true (cvg_ui_wait_until (chart_has_size, page));
  chart = CVG_SCALAR_CHART (cvg_ui_find_widget (page, CVG_TYPE_SCALAR_CHART));
  cvg_ui_settle ();

  /* Two group lines over six faint members. */
  g_assert_cmpuint (count_lines (chart, FALSE), ==, 2);
  g_assert_cmpuint (count_lines (chart, TRUE), ==, 6);

  /* The sidebar lists the groups with their members. */
  tree = cvg_runs_sidebar_get_tree (sidebar);
  g_assert_cmpuint (g_list_model_get_n_items (tree), ==, 2);
  for (guint g = 0; g < 2; g++)
    {
      g_autoptr(CvgRunNode) group = g_list_model_get_item (tree, g);

      /* In the runs' (sorted) order: lr_0.01 first. */
      g_assert_cmpstr (cvg_run_node_get_label (group), ==, settings[1 - g]);
      g_assert_cmpuint (cvg_run_node_get_n_runs (group), ==, N_SEEDS);
    }

  /* Step by step from the left: seed 2 starts at step 1, so the groups
   * do, and step 4 is interpolated for it. */
  for (guint i = 0; i < 4; i++)
    cvg_scalar_chart_step_hover (chart, 1);
  tooltip = cvg_scalar_chart_dup_tooltip_text (chart);
  g_assert_nonnull (tooltip);
  g_test_message ("tooltip:\n%s", tooltip);
  rows = g_strsplit (tooltip, "\n", -1);
  g_assert_cmpuint (g_strv_length (rows), ==, 2);
  for (guint setting = 0; setting < 2; setting++)
    {
      g_autofree char *want = expected_row (setting, 4);

      g_assert_true (g_strv_contains ((const char * const *) rows, want));
    }
  /* The card's CSV holds the groups' rows, the same numbers. */
  {
    GtkWidget *card = gtk_widget_get_ancestor (GTK_WIDGET (chart), CVG_TYPE_SCALAR_CARD);
    g_autoptr(GBytes) csv = cvg_scalar_card_export_data (CVG_SCALAR_CARD (card), CVG_CARD_DATA_CSV);
    g_autofree char *text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
    g_autofree char *mean = NULL;
    g_autofree char *row = NULL;
    double sum = 0;

    for (guint seed = 0; seed < N_SEEDS; seed++)
      sum += member_at (0, seed, 4);
    row = g_strdup_printf ("\nlr_0.1,loss,4,3,%.17g,", sum / N_SEEDS);
    g_assert_true (g_str_has_prefix (text, "group,tag,step,n,value,lower,upper\n"));
    g_assert_nonnull (strstr (text, row));
  }
  cvg_scalar_chart_hover_at (chart, gtk_widget_get_width (GTK_WIDGET (chart)) * 0.6,
                             gtk_widget_get_height (GTK_WIDGET (chart)) * 0.5);
  cvg_ui_screenshot ("CVG_SCREENSHOT_DIR", "runs-groups.png");

  /* Log x: the group lines stay, on decades of steps. */
  g_object_set (page, "log-x", TRUE, NULL);
  cvg_ui_settle ();
  g_assert_cmpuint (cvg_scalar_chart_get_n_visible_lines (chart), ==, 8);
  cvg_scalar_chart_unhover (chart);
  cvg_ui_screenshot ("CVG_SCREENSHOT_DIR", "runs-log-x.png");
  g_object_set (page, "log-x", FALSE, NULL);

  /* Ungrouped: one line per run again, and the folders in the sidebar. */
  g_object_set (page, "group-by", CVG_GROUP_BY_NONE, NULL);
  g_assert_null (cvg_scalar_chart_get_lines (chart));
  g_assert_cmpuint (cvg_scalar_chart_get_n_visible_lines (chart), ==, 6);
  g_assert_cmpuint (g_list_model_get_n_items (cvg_runs_sidebar_get_tree (sidebar)), ==, 6);

  /* A card of explicit (run, tag) lines exports their series by run. */
  {
    GtkWidget *card = g_object_ref_sink (cvg_scalar_card_new ());
    g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) cvg_plot_line_unref);
    g_autoptr(CvgRunInfo) info = g_list_model_get_item (cvg_window_get_runs (window), 0);
    g_autoptr(GBytes) csv = NULL;
    g_autofree char *text = NULL;
    g_autofree char *row = NULL;
    GdkRGBA red = { 1, 0, 0, 1 };

    g_ptr_array_add (lines, cvg_plot_line_new_series ("loss (lr_0.01_seed0)", &red, cvg_run_info_get_run (info), "loss"));
    cvg_scalar_card_set_lines (CVG_SCALAR_CARD (card), "loss", lines);
    g_assert_cmpstr (cvg_scalar_card_get_tag (CVG_SCALAR_CARD (card)), ==, "loss");
    csv = cvg_scalar_card_export_data (CVG_SCALAR_CARD (card), CVG_CARD_DATA_CSV);
    text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
    row = g_strdup_printf ("\nlr_0.01_seed0,loss,3,1700000003.000000,%.9g\n", value_of (1, 0, 3));
    g_assert_true (g_str_has_prefix (text, "run,tag,step,wall_time,value\n"));
    g_assert_nonnull (strstr (text, row));
    g_object_unref (card);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  cvg_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  cvg_ui_init (&argc, &argv);

  g_test_add_func ("/ui/groups/regex", test_groups);
  return g_test_run ();
}
