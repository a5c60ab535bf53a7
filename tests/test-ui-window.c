/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window on real logs, under Xvfb: runs listed, one card per scalar
 * tag, hiding a run, hovering a chart, filters, pages, the error state. */

#define G_LOG_DOMAIN "test-ui-window"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "cvg-chart-math.h"
#include "cvg-logdir.h"
#include "cvg-resources.h"
#include "cvg-run.h"
#include "cvg-run-info.h"
#include "cvg-run-palette.h"
#include "cvg-runs-sidebar.h"
#include "cvg-scalar-card.h"
#include "cvg-scalar-chart.h"
#include "cvg-scalars-page.h"
#include "cvg-series.h"
#include "cvg-test-corpus.h"
#include "cvg-test-files.h"
#include "cvg-test-fixtures.h"
#include "cvg-ui-helpers.h"
#include "cvg-window.h"

static guint
count_scalar_tags (CvgLogdir *logdir)
{
  g_autoptr(GHashTable) tags = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *runs = cvg_logdir_get_runs (logdir);

  for (guint r = 0; r < runs->len; r++)
    {
      GPtrArray *series = cvg_run_get_series (g_ptr_array_index (runs, r));

      for (guint s = 0; s < series->len; s++)
        if (cvg_series_get_kind (g_ptr_array_index (series, s)) == CVG_KIND_SCALAR)
          g_hash_table_add (tags, (gpointer) cvg_series_get_tag (g_ptr_array_index (series, s)));
    }
  return g_hash_table_size (tags);
}

static void
assert_runs_match (CvgWindow *window)
{
  g_autoptr(CvgLogdir) logdir = cvg_ui_load_logdir (cvg_logdir_get_path (cvg_window_get_logdir (window)));
  GPtrArray *expected = cvg_logdir_get_runs (logdir);
  GListModel *runs = cvg_window_get_runs (window);
  GListModel *shown = cvg_runs_sidebar_get_shown_runs (CVG_RUNS_SIDEBAR (cvg_window_get_runs_sidebar (window)));
  g_autofree const char **names = g_new0 (const char *, expected->len + 1);
  g_autofree guint *slots = g_new0 (guint, expected->len + 1);

  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, expected->len);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    names[i] = cvg_run_get_name (g_ptr_array_index (expected, i));
  cvg_run_palette_assign (names, expected->len, slots);

  /* Colours depend on the set of run names only, however the runs arrived. */
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(CvgRunInfo) info = g_list_model_get_item (shown, i);

      g_assert_cmpstr (cvg_run_info_get_name (info), ==, names[i]);
      g_assert_true (cvg_run_info_get_visible (info));
      g_assert_cmpstr (cvg_run_info_get_color (info), ==, cvg_run_palette_get_color (slots[i]));
    }
}

static void
test_empty (void)
{
  CvgWindow *window = cvg_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (cvg_window_get_state (window), ==, "empty");
  g_assert_cmpuint (g_list_model_get_n_items (cvg_window_get_runs (window)), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_missing_folder (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "converge-no-such-folder-4242", NULL);
  CvgWindow *window = cvg_ui_open_window (path);

  g_assert_cmpstr (cvg_window_get_state (window), ==, "error");
  g_assert_nonnull (cvg_window_get_error_message (window));
  g_assert_cmpuint (g_list_model_get_n_items (cvg_window_get_runs (window)), ==, 0);
  g_assert_null (cvg_window_get_logdir (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_keras_runs (void)
{
  CvgWindow *window = cvg_ui_open_corpus_window ("keras_tf2_embedding");
  GListModel *runs;

  if (window == NULL)
    return;
  g_assert_cmpstr (cvg_window_get_state (window), ==, "loaded");
  assert_runs_match (window);

  runs = cvg_window_get_runs (window);
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 2);
  {
    g_autoptr(CvgRunInfo) first = g_list_model_get_item (runs, 0);
    g_autoptr(CvgRunInfo) second = g_list_model_get_item (runs, 1);

    g_assert_cmpstr (cvg_run_info_get_name (first), ==, "train");
    g_assert_cmpstr (cvg_run_info_get_name (second), ==, "validation");
    g_assert_cmpstr (cvg_run_info_get_color (first), !=, cvg_run_info_get_color (second));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_pytorch_runs (void)
{
  CvgWindow *window = cvg_ui_open_corpus_window ("pytorch_study_tensorboard");

  if (window == NULL)
    return;
  g_assert_cmpstr (cvg_window_get_state (window), ==, "loaded");
  g_assert_cmpuint (g_list_model_get_n_items (cvg_window_get_runs (window)), ==, 16);
  assert_runs_match (window);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_demo_runs (void)
{
  const char *demo = g_getenv ("CVG_DEMO_LOGDIR");
  CvgWindow *window;

  if (demo == NULL || !g_file_test (demo, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("demo logs not built (CVG_DEMO_LOGDIR)");
      return;
    }
  window = cvg_ui_open_window (demo);
  g_assert_cmpstr (cvg_window_get_state (window), ==, "loaded");
  assert_runs_match (window);
  g_assert_cmpuint (cvg_window_get_n_problems (window), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
check_scalar_cards (const char *name)
{
  CvgWindow *window = cvg_ui_open_corpus_window (name);
  g_autoptr(CvgLogdir) logdir = NULL;
  CvgScalarsPage *page;

  if (window == NULL)
    return;
  logdir = cvg_ui_load_logdir (cvg_logdir_get_path (cvg_window_get_logdir (window)));
  page = CVG_SCALARS_PAGE (cvg_window_get_scalars_page (window));
  g_assert_cmpuint (count_scalar_tags (logdir), >, 0);
  g_assert_cmpuint (cvg_scalars_page_get_n_cards (page), ==, count_scalar_tags (logdir));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_scalar_cards_keras (void)
{
  check_scalar_cards ("keras_tf2_embedding");
}

static void
test_scalar_cards_pytorch (void)
{
  check_scalar_cards ("pytorch_study_tensorboard");
}

static void
collect_charts (GtkWidget *widget,
                GPtrArray *charts)
{
  if (CVG_IS_SCALAR_CHART (widget))
    g_ptr_array_add (charts, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_charts (child, charts);
}

typedef struct
{
  CvgWindow *window;
  GPtrArray *charts;
} ChartSearch;

static gboolean
has_drawn_chart (gpointer data)
{
  ChartSearch *search = data;

  g_ptr_array_set_size (search->charts, 0);
  collect_charts (cvg_window_get_scalars_page (search->window), search->charts);
  for (guint i = 0; i < search->charts->len; i++)
    {
      GtkWidget *chart = g_ptr_array_index (search->charts, i);

      if (gtk_widget_get_mapped (chart) && gtk_widget_get_width (chart) > 50
          && cvg_scalar_chart_get_n_visible_lines (CVG_SCALAR_CHART (chart)) >= 2)
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  CvgScalarChart *chart;
  guint           n_lines;
} LineCount;

static gboolean
has_n_lines (gpointer data)
{
  LineCount *count = data;

  return cvg_scalar_chart_get_n_visible_lines (count->chart) == count->n_lines;
}

static CvgRunInfo *
find_run_with_tag (GListModel *runs,
                   const char *tag)
{
  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(CvgRunInfo) info = g_list_model_get_item (runs, i);
      CvgSeries *series = cvg_run_lookup_series (cvg_run_info_get_run (info), CVG_KIND_SCALAR, tag);

      if (series != NULL && cvg_series_get_length (series) > 0 && cvg_run_info_get_visible (info))
        return g_steal_pointer (&info);
    }
  return NULL;
}

/* Hiding a run takes its line off the chart; the hover tooltip names the
 * runs still shown, with a step and a value. */
static void
test_hide_run_and_hover (void)
{
  CvgWindow *window = cvg_ui_open_corpus_window ("keras_tf2_embedding");
  g_autoptr(GPtrArray) charts = g_ptr_array_new ();
  ChartSearch search = { window, charts };
  CvgScalarChart *chart = NULL;
  g_autoptr(CvgRunInfo) hidden = NULL;
  g_autoptr(CvgRunInfo) kept = NULL;
  g_autofree char *tooltip = NULL;
  LineCount count;

  if (window == NULL)
    return;
  g_assert_true (cvg_ui_wait_until (has_drawn_chart, &search));
  for (guint i = 0; i < charts->len && chart == NULL; i++)
    if (cvg_scalar_chart_get_n_visible_lines (g_ptr_array_index (charts, i)) >= 2)
      chart = g_ptr_array_index (charts, i);
  g_assert_nonnull (chart);

  count.chart = chart;
  count.n_lines = cvg_scalar_chart_get_n_visible_lines (chart);
  hidden = find_run_with_tag (cvg_window_get_runs (window), cvg_scalar_chart_get_tag (chart));
  g_assert_nonnull (hidden);
  cvg_run_info_set_visible (hidden, FALSE);
  count.n_lines--;
  g_assert_true (cvg_ui_wait_until (has_n_lines, &count));
  kept = find_run_with_tag (cvg_window_get_runs (window), cvg_scalar_chart_get_tag (chart));
  g_assert_nonnull (kept);

  cvg_ui_settle ();
  cvg_scalar_chart_hover_at (chart,
                             gtk_widget_get_width (GTK_WIDGET (chart)) / 2.0,
                             gtk_widget_get_height (GTK_WIDGET (chart)) / 2.0);
  tooltip = cvg_scalar_chart_dup_tooltip_text (chart);
  g_test_message ("tooltip: %s", tooltip);
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, cvg_run_info_get_name (kept)));
  g_assert_null (strstr (tooltip, cvg_run_info_get_name (hidden)));
  g_assert_true (strpbrk (tooltip, "0123456789") != NULL);

  cvg_run_info_set_visible (hidden, TRUE);
  count.n_lines++;
  g_assert_true (cvg_ui_wait_until (has_n_lines, &count));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The tooltip at the right edge of the demo's epoch_loss chart names every
 * run with its last step, its raw value and TensorBoard's smoothed value. */
static void
test_hover_values (void)
{
  const char *demo = g_getenv ("CVG_DEMO_LOGDIR");
  g_autoptr(GPtrArray) charts = g_ptr_array_new ();
  CvgScalarChart *chart = NULL;
  g_autofree char *tooltip = NULL;
  g_auto(GStrv) lines = NULL;
  ChartSearch search;
  CvgWindow *window;
  GListModel *runs;

  if (demo == NULL || !g_file_test (demo, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("demo logs not built (CVG_DEMO_LOGDIR)");
      return;
    }
  window = cvg_ui_open_window (demo);
  search = (ChartSearch) { window, charts };
  g_assert_true (cvg_ui_wait_until (has_drawn_chart, &search));
  for (guint i = 0; i < charts->len; i++)
    if (g_strcmp0 (cvg_scalar_chart_get_tag (g_ptr_array_index (charts, i)), "epoch_loss") == 0)
      chart = g_ptr_array_index (charts, i);
  g_assert_nonnull (chart);
  cvg_ui_settle ();

  cvg_scalar_chart_hover_at (chart,
                             gtk_widget_get_width (GTK_WIDGET (chart)) * 0.97,
                             gtk_widget_get_height (GTK_WIDGET (chart)) / 2.0);
  tooltip = cvg_scalar_chart_dup_tooltip_text (chart);
  g_assert_nonnull (tooltip);
  g_test_message ("tooltip:\n%s", tooltip);
  lines = g_strsplit (tooltip, "\n", -1);

  runs = cvg_window_get_runs (window);
  g_assert_cmpuint (g_strv_length (lines), ==, g_list_model_get_n_items (runs));
  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(CvgRunInfo) info = g_list_model_get_item (runs, i);
      CvgSeries *series = cvg_run_lookup_series (cvg_run_info_get_run (info), CVG_KIND_SCALAR, "epoch_loss");
      gsize n = cvg_series_get_length (series);
      g_autofree double *values = g_new (double, n);
      g_autofree double *smoothed = g_new (double, n);
      g_autofree char *raw_text = NULL;
      g_autofree char *smoothed_text = NULL;
      g_autofree char *expected = NULL;
      gboolean found = FALSE;

      for (gsize k = 0; k < n; k++)
        values[k] = cvg_series_get_value (series, k);
      cvg_smooth_ema (values, n, 0.6, smoothed);
      raw_text = cvg_format_compact (values[n - 1], 5);
      smoothed_text = cvg_format_compact (smoothed[n - 1], 5);
      expected = g_strdup_printf ("%s: smoothed %s, value %s, step %" G_GINT64_FORMAT ",",
                                  cvg_run_info_get_name (info), smoothed_text, raw_text,
                                  cvg_series_get_step (series, n - 1));
      for (guint l = 0; lines[l] != NULL; l++)
        found |= g_str_has_prefix (lines[l], expected);
      if (!found)
        g_test_fail_printf ("no tooltip line starts with '%s'", expected);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Left moves the hover point one step back (the chart's key handler calls
 * the same function); the card's CSV export holds every visible point. */
static void
test_step_hover_and_export (void)
{
  const char *demo = g_getenv ("CVG_DEMO_LOGDIR");
  g_autoptr(GPtrArray) charts = g_ptr_array_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_auto(GStrv) rows = NULL;
  CvgScalarChart *chart;
  GtkWidget *card;
  ChartSearch search;
  CvgWindow *window;
  GListModel *runs;
  guint expected_rows = 1;

  if (demo == NULL || !g_file_test (demo, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("demo logs not built (CVG_DEMO_LOGDIR)");
      return;
    }
  window = cvg_ui_open_window (demo);
  search = (ChartSearch) { window, charts };
  g_assert_true (cvg_ui_wait_until (has_drawn_chart, &search));
  chart = g_ptr_array_index (charts, 0);
  cvg_ui_settle ();

  cvg_scalar_chart_hover_at (chart,
                             gtk_widget_get_width (GTK_WIDGET (chart)) * 0.97,
                             gtk_widget_get_height (GTK_WIDGET (chart)) / 2.0);
  before = cvg_scalar_chart_dup_tooltip_text (chart);
  cvg_scalar_chart_step_hover (chart, -1);
  after = cvg_scalar_chart_dup_tooltip_text (chart);
  g_assert_nonnull (strstr (before, ", step 4,"));
  g_assert_null (strstr (after, ", step 4,"));
  g_assert_nonnull (strstr (after, ", step 3,"));

  card = gtk_widget_get_ancestor (GTK_WIDGET (chart), CVG_TYPE_SCALAR_CARD);
  g_assert_nonnull (card);
  csv = cvg_scalar_card_export_data (CVG_SCALAR_CARD (card), CVG_CARD_DATA_CSV);
  rows = g_strsplit (g_bytes_get_data (csv, NULL), "\n", -1);
  g_assert_cmpstr (rows[0], ==, "run,tag,step,wall_time,value");

  runs = cvg_window_get_runs (window);
  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(CvgRunInfo) info = g_list_model_get_item (runs, i);
      CvgSeries *series = cvg_run_lookup_series (cvg_run_info_get_run (info), CVG_KIND_SCALAR,
                                                 cvg_scalar_chart_get_tag (chart));
      if (series != NULL)
        expected_rows += cvg_series_get_length (series);
    }
  /* The last split piece is the empty string after the final newline. */
  g_assert_cmpuint (g_strv_length (rows), ==, expected_rows + 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_sidebar_filter (void)
{
  CvgWindow *window = cvg_ui_open_corpus_window ("keras_tf2_embedding");
  CvgRunsSidebar *sidebar;
  GListModel *shown;
  GListModel *runs;

  if (window == NULL)
    return;
  sidebar = CVG_RUNS_SIDEBAR (cvg_window_get_runs_sidebar (window));
  shown = cvg_runs_sidebar_get_shown_runs (sidebar);
  runs = cvg_window_get_runs (window);

  g_assert_true (cvg_runs_sidebar_set_filter (sidebar, "^VAL"));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  cvg_runs_sidebar_set_all_visible (sidebar, FALSE);
  {
    g_autoptr(CvgRunInfo) train = g_list_model_get_item (runs, 0);
    g_autoptr(CvgRunInfo) validation = g_list_model_get_item (runs, 1);

    g_assert_true (cvg_run_info_get_visible (train));
    g_assert_false (cvg_run_info_get_visible (validation));
  }

  g_assert_false (cvg_runs_sidebar_set_filter (sidebar, "(unclosed"));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  g_assert_true (cvg_runs_sidebar_set_filter (sidebar, ""));
  cvg_runs_sidebar_set_all_visible (sidebar, TRUE);
  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(CvgRunInfo) info = g_list_model_get_item (runs, i);

      g_assert_true (cvg_run_info_get_visible (info));
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Copies the event file @source into @dir, one payload byte of its last
 * record flipped with @damage. */
static void
copy_event_file (const char *source,
                 const char *dir,
                 gboolean    damage)
{
  g_autofree char *target = g_build_filename (dir, "events.out.tfevents.1.copy", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (source, &data, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 64);
  if (damage)
    data[length - 16] ^= 0x55;
  g_assert_true (g_file_set_contents (target, data, length, &error));
  g_assert_no_error (error);
}

/* Removes the copy if any, then @dir and the folders above it up to
 * @base. */
static void
remove_copy (const char *dir,
             const char *base)
{
  g_autofree char *target = g_build_filename (dir, "events.out.tfevents.1.copy", NULL);
  g_autofree char *folder = g_strdup (dir);

  g_remove (target);
  while (g_str_has_prefix (folder, base))
    {
      char *parent = g_path_get_dirname (folder);

      g_assert_cmpint (g_rmdir (folder), ==, 0);
      g_free (folder);
      folder = parent;
    }
}

static gboolean
in_switcher (CvgWindow  *window,
             const char *name)
{
  AdwViewStack *stack = ADW_VIEW_STACK (cvg_ui_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  GtkWidget *child = adw_view_stack_get_child_by_name (stack, name);

  g_assert_nonnull (child);
  return adw_view_stack_page_get_visible (adw_view_stack_get_page (stack, child));
}

/* The labels of the menu of pages without data. */
static char *
inactive_menu_labels (CvgWindow *window)
{
  GtkWidget *loaded = cvg_ui_find_widget (GTK_WIDGET (window), GTK_TYPE_PANED);
  g_autoptr(GString) labels = g_string_new (NULL);
  GMenuModel *section = NULL;

  for (GtkWidget *w = cvg_ui_find_widget (loaded, GTK_TYPE_MENU_BUTTON); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_MENU_BUTTON (w) && g_strcmp0 (gtk_widget_get_tooltip_text (w), "Pages Without Data") == 0)
      section = g_menu_model_get_item_link (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (w)), 0, G_MENU_LINK_SECTION);
  g_assert_nonnull (section);
  for (int i = 0; i < g_menu_model_get_n_items (section); i++)
    {
      g_autofree char *label = NULL;

      g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      g_string_append_printf (labels, "%s;", label);
    }
  g_object_unref (section);
  return g_string_free (g_steal_pointer (&labels), FALSE);
}

/* The accelerator the shortcuts window shows for @title, or NULL. */
static char *
shortcut_for (GtkWidget  *widget,
              const char *title)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *shown = NULL;
      g_autofree char *accel = NULL;

      g_object_get (widget, "title", &shown, "accelerator", &accel, NULL);
      if (g_strcmp0 (shown, title) == 0)
        return g_steal_pointer (&accel);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      char *found = shortcut_for (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Pages whose kinds the logs hold are in the switcher, the others in the
 * menu beside it; the shortcut's action shows any page, and an inactive
 * one stays in the switcher only while it is shown. */
static void
test_pages (void)
{
  CvgWindow *window = cvg_ui_open_corpus_window ("keras_tf2_embedding");
  g_autofree char *inactive = NULL;
  g_autofree char *scalars_accel = NULL;
  g_autofree char *custom_accel = NULL;
  GtkWidget *overlay;

  if (window == NULL)
    return;
  /* The shortcuts window lists every page with its shortcut. */
  overlay = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_nonnull (overlay);
  scalars_accel = shortcut_for (overlay, "Scalars");
  custom_accel = shortcut_for (overlay, "Custom Scalars");
  g_assert_cmpstr (scalars_accel, ==, "<Control>1");
  g_assert_cmpstr (custom_accel, ==, "<Alt>1");

  g_assert_cmpstr (cvg_window_get_visible_page (window), ==, "scalars");
  g_assert_true (in_switcher (window, "scalars"));
  g_assert_true (in_switcher (window, "histograms"));
  g_assert_true (in_switcher (window, "distributions"));
  g_assert_true (in_switcher (window, "graphs"));
  g_assert_false (in_switcher (window, "audio"));
  g_assert_false (in_switcher (window, "images"));
  /* The runs table (HParams) is for every folder with scalars. */
  g_assert_true (in_switcher (window, "hparams"));
  inactive = inactive_menu_labels (window);
  g_assert_cmpstr (inactive, ==, "Images;Text;Audio;PR Curves;Projector;Custom Scalars;");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "i", 2));
  g_assert_cmpstr (cvg_window_get_visible_page (window), ==, "histograms");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "i", 7));
  g_assert_cmpstr (cvg_window_get_visible_page (window), ==, "audio");
  g_assert_true (in_switcher (window, "audio"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "i", 11));
  g_assert_cmpstr (cvg_window_get_visible_page (window), ==, "custom-scalars");
  g_assert_false (in_switcher (window, "audio"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "i", 1));
  g_assert_cmpstr (cvg_window_get_visible_page (window), ==, "scalars");
  g_assert_false (in_switcher (window, "custom-scalars"));
  /* Out of range: nothing changes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "i", 12));
  g_assert_cmpstr (cvg_window_get_visible_page (window), ==, "scalars");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Logs with hyperparameters only open on the HParams page. */
static void
test_first_active_page (void)
{
  g_autofree char *base = g_dir_make_tmp ("converge-hparams-XXXXXX", NULL);
  CvgWindow *window;

  const char *plugins = cvg_test_corpus_dir (CVG_TEST_CORPUS_PLUGINS);
  g_autofree char *source = NULL;

  if (plugins == NULL)
    {
      remove_copy (base, base);
      return;
    }
  source = g_build_filename (plugins, "tf2_hparams_chf",
                             "events.out.tfevents.1689703936.thomas-X411UA.89332.0.v2", NULL);
  copy_event_file (source, base, FALSE);
  window = cvg_ui_open_window (base);
  g_assert_cmpstr (cvg_window_get_visible_page (window), ==, "hparams");
  g_assert_true (in_switcher (window, "hparams"));
  g_assert_false (in_switcher (window, "scalars"));
  gtk_window_destroy (GTK_WINDOW (window));
  remove_copy (base, base);
}

/* Opening another folder replaces the first; a missing one shows the
 * error and keeps nothing stale. */
static void
test_reopen (void)
{
  CvgWindow *window = cvg_ui_open_corpus_window ("keras_tf2_embedding");
  g_autofree char *missing = g_build_filename (g_get_tmp_dir (), "converge-no-such-folder-4243", NULL);

  if (window == NULL)
    return;
  g_assert_cmpuint (g_list_model_get_n_items (cvg_window_get_runs (window)), ==, 2);
  cvg_window_open_path (window, missing);
  g_assert_true (cvg_ui_wait_until (cvg_ui_not_loading, window));
  g_assert_cmpstr (cvg_window_get_state (window), ==, "error");
  g_assert_cmpuint (g_list_model_get_n_items (cvg_window_get_runs (window)), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Markup injection: paths and run names are shown as they are. */

#define INJECTED "<span foreground=\"red\" size=\"xx-large\">INJECTED</span>"
#define MARKUP_RUN "<u>run</u>"

/* Shown: every ancestor visible, and the current child of any stack. */
static gboolean
shown (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
      return FALSE;
  return TRUE;
}

static void
collect_shown_labels (GtkWidget *widget,
                      GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget) && shown (widget))
    g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shown_labels (child, texts);
}

/* At least @n shown labels of @root read @text (start with it, with
 * @prefix). */
static void
assert_labels_shown (GtkWidget  *root,
                     const char *text,
                     gboolean    prefix,
                     guint       n)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  guint found = 0;

  collect_shown_labels (root, texts);
  for (guint i = 0; i < texts->len; i++)
    if (prefix ? g_str_has_prefix (texts->pdata[i], text) : g_str_equal (texts->pdata[i], text))
      found++;
  if (found >= n)
    return;
  for (guint i = 0; i < texts->len; i++)
    g_test_message ("shown label: '%s'", (const char *) texts->pdata[i]);
  g_test_fail_printf ("%u shown labels read '%s', expected %u or more", found, text, n);
}

static GtkWidget *
find_other_toplevel (GtkWidget *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) other = g_list_model_get_item (toplevels, i);

      /* The shortcuts window is transient for it too, hidden. */
      if (other != window && gtk_widget_get_visible (other)
          && gtk_window_get_transient_for (GTK_WINDOW (other)) == GTK_WINDOW (window))
        return other;
    }
  return NULL;
}

static void
test_markup_names (void)
{
  g_autofree char *base = g_dir_make_tmp ("converge-markup-XXXXXX", NULL);
  g_autofree char *injected = g_build_filename (base, INJECTED, NULL);
  g_autofree char *run_dir = g_build_filename (injected, MARKUP_RUN, NULL);
  g_autofree char *ampersand = g_build_filename (base, "a & b", NULL);
  g_autofree char *missing = g_build_filename (ampersand, "<b>gone</b> & lost", NULL);
  g_autofree char *fixtures = NULL;
  g_autofree char *source = NULL;
  CvgWindow *window;
  GtkWidget *problems;
  AdwViewSwitcherTitle *switcher_title;

  g_assert_cmpint (g_mkdir_with_parents (run_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (ampersand, 0700), ==, 0);
  /* A writer-made file with a bad checksum: one problem to report. */
  fixtures = cvg_test_fixtures_make_logdir ();
  source = g_build_filename (fixtures, "tf1", CVG_FIXTURE_FILE, NULL);
  copy_event_file (source, run_dir, TRUE);
  cvg_test_remove_tree (fixtures);

  window = cvg_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  gtk_window_present (GTK_WINDOW (window));

  /* The loading page and its header name the folder literally. */
  cvg_window_open_path (window, injected);
  g_assert_cmpstr (cvg_window_get_state (window), ==, "loading");
  assert_labels_shown (GTK_WIDGET (window), injected, FALSE, 2);
  g_assert_true (cvg_ui_wait_until (cvg_ui_not_loading, window));
  g_assert_cmpstr (cvg_window_get_state (window), ==, "loaded");
  cvg_ui_settle ();
  /* The sidebar's header, the folder's last part. */
  assert_labels_shown (GTK_WIDGET (window), "span>", FALSE, 1);
  /* The switcher's header: its title and the whole path as subtitle,
   * shown only when the switcher gives way (which depends on the width
   * left beside the sidebar), so their text is checked rather than their
   * visibility. */
  switcher_title = ADW_VIEW_SWITCHER_TITLE (cvg_ui_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE));
  g_assert_cmpstr (adw_view_switcher_title_get_title (switcher_title), ==, "span>");
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (switcher_title), ==, injected);
  /* The sidebar lists the run by its name, the toast counts the problem. */
  assert_labels_shown (GTK_WIDGET (window), MARKUP_RUN, FALSE, 1);
  g_assert_cmpuint (cvg_window_get_n_problems (window), ==, 1);
  assert_labels_shown (GTK_WIDGET (window), "1 problem in the log files", FALSE, 1);

  /* The problem's file, relative to the folder, as it is named. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-problems", NULL));
  problems = find_other_toplevel (GTK_WIDGET (window));
  g_assert_nonnull (problems);
  cvg_ui_settle ();
  assert_labels_shown (problems, MARKUP_RUN G_DIR_SEPARATOR_S "events.out.tfevents.1.copy, at byte ", TRUE, 1);
  gtk_window_destroy (GTK_WINDOW (problems));

  /* An ampersand does not blank the labels. */
  cvg_window_open_path (window, ampersand);
  assert_labels_shown (GTK_WIDGET (window), ampersand, FALSE, 2);
  g_assert_true (cvg_ui_wait_until (cvg_ui_not_loading, window));
  cvg_ui_settle ();
  assert_labels_shown (GTK_WIDGET (window), "a & b", FALSE, 2);

  /* The error page quotes the missing folder as it is named. */
  cvg_window_open_path (window, missing);
  g_assert_true (cvg_ui_wait_until (cvg_ui_not_loading, window));
  g_assert_cmpstr (cvg_window_get_state (window), ==, "error");
  g_assert_nonnull (strstr (cvg_window_get_error_message (window), "<b>gone</b> & lost"));
  cvg_ui_settle ();
  assert_labels_shown (GTK_WIDGET (window), cvg_window_get_error_message (window), FALSE, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpint (g_rmdir (ampersand), ==, 0);
  remove_copy (run_dir, base);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_resources_register (cvg_get_resource ());

  g_test_add_func ("/ui/window/empty", test_empty);
  g_test_add_func ("/ui/window/missing-folder", test_missing_folder);
  g_test_add_func ("/ui/window/keras-runs", test_keras_runs);
  g_test_add_func ("/ui/window/pytorch-runs", test_pytorch_runs);
  g_test_add_func ("/ui/window/demo-runs", test_demo_runs);
  g_test_add_func ("/ui/window/scalar-cards-keras", test_scalar_cards_keras);
  g_test_add_func ("/ui/window/scalar-cards-pytorch", test_scalar_cards_pytorch);
  g_test_add_func ("/ui/window/hide-run-and-hover", test_hide_run_and_hover);
  g_test_add_func ("/ui/window/hover-values", test_hover_values);
  g_test_add_func ("/ui/window/step-hover-and-export", test_step_hover_and_export);
  g_test_add_func ("/ui/window/pages", test_pages);
  g_test_add_func ("/ui/window/first-active-page", test_first_active_page);
  g_test_add_func ("/ui/window/reopen", test_reopen);
  g_test_add_func ("/ui/window/markup-names", test_markup_names);
  g_test_add_func ("/ui/runs-sidebar/filter", test_sidebar_filter);
  return g_test_run ();
}
