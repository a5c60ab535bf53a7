/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "cvg-event-writer.h"
#include "cvg-hparams-decode.h"
#include "cvg-hparams-page.h"
#include "cvg-parallel-coords.h"
#include "cvg-run-info.h"
#include "cvg-run.h"
#include "cvg-scalar-export.h"
#include "cvg-series.h"
#include "cvg-test-corpus.h"
#include "cvg-test-files.h"
#include "cvg-ui-helpers.h"

static gboolean
page_refreshed (gpointer page)
{
  return !cvg_hparams_page_is_refreshing (page);
}

static CvgHparamsPage *
show_page (CvgWindow *window)
{
  GtkWidget *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "i", 8));
  g_assert_cmpstr (cvg_window_get_visible_page (window), ==, "hparams");
  cvg_ui_settle ();
  page = cvg_ui_find_widget (GTK_WIDGET (window), CVG_TYPE_HPARAMS_PAGE);
  g_assert_nonnull (page);
  g_assert_true (cvg_ui_wait_until (page_refreshed, page));
  return CVG_HPARAMS_PAGE (page);
}

static guint
find_row (CvgHparamsPage *page,
          const char     *run)
{
  for (guint i = 0; i < cvg_hparams_page_get_n_rows (page); i++)
    {
      g_autofree char *name = cvg_hparams_page_get_cell (page, i, "Run");

      if (g_str_equal (name, run))
        return i;
    }
  g_error ("no row for run '%s'", run);
}

/* The last point of the purged view, as `--export csv` prints it. */
static char *
expected_last (CvgSeries *series)
{
  g_autoptr(GArray) indices = cvg_series_get_purged_indices (series);
  char buffer[CVG_SCALAR_EXPORT_NUMBER_SIZE];

  if (indices->len == 0)
    return g_strdup ("");
  cvg_scalar_export_format_value (buffer, cvg_series_get_value (series, g_array_index (indices, guint, indices->len - 1)),
                                  cvg_series_is_double (series));
  return g_strdup (buffer);
}

/* Every run a row, every scalar tag's last value in its cell. */
static void
test_every_run (void)
{
  CvgWindow *window = cvg_ui_open_corpus_window ("pytorch_study_tensorboard");
  CvgHparamsPage *page;
  GPtrArray *runs;
  guint n_cells = 0;

  if (window == NULL)
    return;
  page = show_page (window);
  runs = cvg_logdir_get_runs (cvg_window_get_logdir (window));
  g_assert_cmpuint (cvg_hparams_page_get_n_rows (page), ==, runs->len);
  for (guint r = 0; r < runs->len; r++)
    {
      CvgRun *run = g_ptr_array_index (runs, r);
      GPtrArray *series = cvg_run_get_series (run);
      guint row = find_row (page, cvg_run_get_name (run));

      for (guint s = 0; s < series->len; s++)
        {
          CvgSeries *one = g_ptr_array_index (series, s);
          g_autofree char *cell = NULL;
          g_autofree char *expected = NULL;

          if (cvg_series_get_kind (one) != CVG_KIND_SCALAR)
            continue;
          cell = cvg_hparams_page_get_cell (page, row, cvg_series_get_tag (one));
          expected = expected_last (one);
          g_assert_cmpstr (cell, ==, expected);
          n_cells++;
        }
    }
  g_assert_cmpuint (n_cells, >, 0);
  /* INVENTORY.txt: exp_2's session, 95.5 and its hparams. */
  {
    guint row = find_row (page, "runs/hparams_search_exp_2/1771595857.3322473");
    g_autofree char *accuracy = cvg_hparams_page_get_cell (page, row, "hparam/Final_Val_Accuracy");
    g_autofree char *lr = cvg_hparams_page_get_cell (page, row, "lr");
    g_autofree char *optimizer = cvg_hparams_page_get_cell (page, row, "optimizer");

    g_assert_cmpstr (accuracy, ==, "95.5");
    g_assert_cmpstr (lr, ==, "0.01");
    g_assert_cmpstr (optimizer, ==, "Adam");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Sorting by a metric puts the best run first, either way; runs without
 * the metric stay last. */
static void
test_sort (void)
{
  CvgWindow *window = cvg_ui_open_corpus_window ("pytorch_study_tensorboard");
  CvgHparamsPage *page;
  g_autofree char *first_down = NULL;
  g_autofree char *first_up = NULL;
  g_autofree char *second_up = NULL;
  g_autofree char *last_down = NULL;
  g_autofree char *third_down = NULL;

  if (window == NULL)
    return;
  page = show_page (window);
  g_assert_true (cvg_hparams_page_sort_by (page, "hparam/Final_Val_Accuracy", GTK_SORT_DESCENDING));
  cvg_ui_settle ();
  first_down = cvg_hparams_page_get_cell (page, 0, "Run");
  third_down = cvg_hparams_page_get_cell (page, 2, "hparam/Final_Val_Accuracy");
  last_down = cvg_hparams_page_get_cell (page, cvg_hparams_page_get_n_rows (page) - 1, "hparam/Final_Val_Accuracy");
  g_assert_cmpstr (first_down, ==, "runs/hparams_search_exp_2/1771595857.3322473");
  g_assert_cmpstr (third_down, ==, "78.5350266");
  g_assert_cmpstr (last_down, ==, "");

  g_assert_true (cvg_hparams_page_sort_by (page, "hparam/Final_Val_Loss", GTK_SORT_ASCENDING));
  cvg_ui_settle ();
  first_up = cvg_hparams_page_get_cell (page, 0, "Run");
  second_up = cvg_hparams_page_get_cell (page, 1, "hparam/Final_Val_Loss");
  g_assert_cmpstr (first_up, ==, "runs/hparams_search_exp_2/1771595857.3322473");
  g_assert_cmpstr (second_up, ==, "1.1832732");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The first widget under @root that passes @test, depth first. */
static GtkWidget *
find_where (GtkWidget     *root,
            gboolean     (*test) (GtkWidget *widget, gconstpointer data),
            gconstpointer  data)
{
  if (test (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_where (child, test, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_labelled (GtkWidget     *widget,
             GType          type,
             gconstpointer  label)
{
  g_autofree char *text = NULL;

  if (!g_type_is_a (G_OBJECT_TYPE (widget), type))
    return FALSE;
  g_object_get (widget, "label", &text, NULL);
  return g_strcmp0 (text, label) == 0;
}

static gboolean
is_toggle (GtkWidget     *widget,
           gconstpointer  label)
{
  return is_labelled (widget, GTK_TYPE_TOGGLE_BUTTON, label);
}

static GtkToggleButton *
find_toggle (GtkWidget  *root,
             const char *label)
{
  return GTK_TOGGLE_BUTTON (find_where (root, is_toggle, label));
}

/* Selected rows emphasise their runs; "Show Only Selected" hides the rest. */
static void
test_selection (void)
{
  CvgWindow *window = cvg_ui_open_corpus_window ("pytorch_study_tensorboard");
  CvgHparamsPage *page;
  GListModel *runs;
  GtkToggleButton *only;
  guint row;
  const char *chosen = "runs/hparams_search_exp_1/1771595857.3236299";

  if (window == NULL)
    return;
  page = show_page (window);
  row = find_row (page, chosen);
  gtk_selection_model_select_item (cvg_hparams_page_get_selection (page), row, TRUE);
  runs = cvg_window_get_runs (window);
  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(CvgRunInfo) info = g_list_model_get_item (runs, i);

      g_assert_cmpint (cvg_run_info_get_emphasized (info), ==, g_str_equal (cvg_run_info_get_name (info), chosen));
      g_assert_true (cvg_run_info_get_visible (info));
    }
  only = find_toggle (GTK_WIDGET (page), "Only Selected");
  gtk_toggle_button_set_active (only, TRUE);
  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(CvgRunInfo) info = g_list_model_get_item (runs, i);

      g_assert_cmpint (cvg_run_info_get_visible (info), ==, g_str_equal (cvg_run_info_get_name (info), chosen));
    }
  gtk_toggle_button_set_active (only, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cvg_hparams_page_save_finish (result, &error));
  g_assert_no_error (error);
  *(int *) user_data = 1;
}

static gboolean
is_done (gpointer data)
{
  return *(int *) data != 0;
}

/* The page's copy and save: the sessions' values in the order shown. */
static void
test_copy (void)
{
  const char *plugins = cvg_test_corpus_dir (CVG_TEST_CORPUS_PLUGINS);
  g_autofree char *path = NULL;
  CvgWindow *window;
  CvgHparamsPage *page;
  g_autofree char *csv = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = NULL;
  int done = 0;

  if (plugins == NULL)
    return;
  path = g_build_filename (plugins, "tf2_hparams_chf", NULL);
  window = cvg_ui_open_window (path);
  page = show_page (window);
  g_assert_true (cvg_hparams_page_sort_by (page, "accuracy", GTK_SORT_DESCENDING));
  csv = cvg_hparams_page_export (page, 0);
  g_assert_true (g_str_has_prefix (csv, "run,architecture,learning_rate,drouptout_rate,lrDecay_rate,rythm,"
                                        "alpha_acti,batch_size,batch_normalisation,seed,optimizer,accuracy\n"
                                        "archi1,0,0.001,0.1,0.6,10,0,16,0,0,adam,88.4872589\n"
                                        "archi2,1,0.002,0.1,0.6,10,0,16,0,0,adam,41.0259666\n"));

  /* Saved: the same text in the file. */
  dir = g_dir_make_tmp ("converge-ui-hparams-XXXXXX", NULL);
  saved = g_build_filename (dir, "runs.csv", NULL);
  file = g_file_new_for_path (saved);
  cvg_hparams_page_save (page, file, 0, save_done_cb, &done);
  g_assert_true (cvg_ui_wait_until (is_done, &done));
  g_assert_true (g_file_get_contents (saved, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, csv);
  gtk_window_destroy (GTK_WINDOW (window));
  cvg_test_remove_tree (dir);
}

/* A brush on the lr axis keeps exp_1's session alone in the table. */
static void
test_brush (void)
{
  CvgWindow *window = cvg_ui_open_corpus_window ("pytorch_study_tensorboard");
  CvgHparamsPage *page;
  CvgParallelCoords *parallel;
  g_autofree char *kept = NULL;
  guint n_rows;

  if (window == NULL)
    return;
  page = show_page (window);
  parallel = CVG_PARALLEL_COORDS (cvg_ui_find_widget (GTK_WIDGET (page), CVG_TYPE_PARALLEL_COORDS));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (parallel)));
  n_rows = cvg_hparams_page_get_n_rows (page);
  /* Axis 0 is lr, from 0.001 (bottom) to 0.1 (top). */
  cvg_parallel_coords_brush (parallel, 0, 0.5, 1.0);
  g_assert_cmpuint (cvg_hparams_page_get_n_rows (page), ==, 1);
  kept = cvg_hparams_page_get_cell (page, 0, "Run");
  g_assert_cmpstr (kept, ==, "runs/hparams_search_exp_1/1771595857.3236299");
  /* A second brush narrows further; clearing both gives every row back. */
  cvg_parallel_coords_brush (parallel, 0, 0.0, 1.0);
  g_assert_cmpuint (cvg_hparams_page_get_n_rows (page), ==, 3);
  cvg_parallel_coords_brush (parallel, 1, 0.0, 0.1);
  g_assert_cmpuint (cvg_hparams_page_get_n_rows (page), ==, 1);
  cvg_parallel_coords_brush (parallel, 0, 1, 0);
  cvg_parallel_coords_brush (parallel, 1, 1, 0);
  g_assert_cmpuint (cvg_hparams_page_get_n_rows (page), ==, n_rows);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Not the drop-down's own search entry: the one for rows. */
static gboolean
is_filter_entry (GtkWidget     *widget,
                 gconstpointer  data)
{
  g_autofree char *placeholder = NULL;

  if (!GTK_IS_SEARCH_ENTRY (widget))
    return FALSE;
  g_object_get (widget, "placeholder-text", &placeholder, NULL);
  return g_str_has_prefix (placeholder != NULL ? placeholder : "", "Filter rows");
}

static GtkWidget *
find_filter_entry (GtkWidget *root)
{
  return find_where (root, is_filter_entry, NULL);
}

/* Conditions typed in the filter entry keep the rows that meet them. */
static void
test_filter (void)
{
  CvgWindow *window = cvg_ui_open_corpus_window ("pytorch_study_tensorboard");
  CvgHparamsPage *page;
  GtkWidget *entry;
  g_autofree char *kept = NULL;
  guint n_rows;

  if (window == NULL)
    return;
  page = show_page (window);
  entry = find_filter_entry (GTK_WIDGET (page));
  g_assert_nonnull (entry);
  n_rows = cvg_hparams_page_get_n_rows (page);
  gtk_editable_set_text (GTK_EDITABLE (entry), "optimizer=Adam hparam/Final_Val_Accuracy>90");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (cvg_hparams_page_get_n_rows (page), ==, 1);
  kept = cvg_hparams_page_get_cell (page, 0, "Run");
  g_assert_cmpstr (kept, ==, "runs/hparams_search_exp_2/1771595857.3322473");
  gtk_editable_set_text (GTK_EDITABLE (entry), "status=success lr=0.001..0.05");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (cvg_hparams_page_get_n_rows (page), ==, 2);
  /* A filter that does not parse filters nothing and says so. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "lr>=fast");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpuint (cvg_hparams_page_get_n_rows (page), ==, n_rows);
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  CvgHparamsPage *page;
  const char     *expected;
} CellWait;

static gboolean
cell_is (gpointer data)
{
  CellWait *wait = data;
  g_autofree char *cell = NULL;

  if (cvg_hparams_page_get_n_rows (wait->page) == 0)
    return FALSE;
  cell = cvg_hparams_page_get_cell (wait->page, 0, "loss");
  return g_strcmp0 (cell, wait->expected) == 0;
}

/* Rows are live: a point appended to a run shows in its row. */
static void
test_live (void)
{
  g_autofree char *dir = g_dir_make_tmp ("converge-ui-hparams-XXXXXX", NULL);
  g_autofree char *run = g_build_filename (dir, "run", NULL);
  g_autofree char *path = g_build_filename (run, "events.out.tfevents.1.host", NULL);
  g_autoptr(CvgEventWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  CvgWindow *window;
  CellWait wait;

  g_assert_cmpint (g_mkdir_with_parents (run, 0755), ==, 0);
  writer = cvg_event_writer_new (path, &error);
  g_assert_no_error (error);
  cvg_event_writer_write_file_version (writer, 1, "brain.Event:2", &error);
  cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF2, 2, 0, "loss", 2.5f, &error);
  cvg_event_writer_flush (writer, &error);
  g_assert_no_error (error);

  window = cvg_ui_open_window (dir);
  wait.page = show_page (window);
  wait.expected = "2.5";
  g_assert_true (cvg_ui_wait_until (cell_is, &wait));
  cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF2, 3, 1, "loss", 0.75f, &error);
  cvg_event_writer_flush (writer, &error);
  g_assert_no_error (error);
  wait.expected = "0.75";
  g_assert_true (cvg_ui_wait_until (cell_is, &wait));
  gtk_window_destroy (GTK_WINDOW (window));
  cvg_test_remove_tree (dir);
}

/* A refresh returns before its result shows: the rows change only once
 * the worker is done; a newer refresh or closing the window cancels it. */
static void
test_worker (void)
{
  CvgWindow *window = cvg_ui_open_corpus_window ("pytorch_study_tensorboard");
  g_autoptr(GListStore) none = g_list_store_new (CVG_TYPE_RUN_INFO);
  CvgHparamsPage *page;
  guint n_rows;

  if (window == NULL)
    return;
  page = show_page (window);
  n_rows = cvg_hparams_page_get_n_rows (page);
  g_assert_cmpuint (n_rows, >, 0);

  cvg_hparams_page_set_runs (page, G_LIST_MODEL (none));
  g_assert_true (cvg_hparams_page_is_refreshing (page));
  g_assert_cmpuint (cvg_hparams_page_get_n_rows (page), ==, n_rows);
  g_assert_true (cvg_ui_wait_until (page_refreshed, page));
  g_assert_cmpuint (cvg_hparams_page_get_n_rows (page), ==, 0);

  cvg_hparams_page_set_runs (page, cvg_window_get_runs (window));
  cvg_hparams_page_refresh (page);
  g_assert_true (cvg_ui_wait_until (page_refreshed, page));
  g_assert_cmpuint (cvg_hparams_page_get_n_rows (page), ==, n_rows);

  /* Closed while a refresh runs: the result is dropped, nothing touched. */
  cvg_hparams_page_refresh (page);
  gtk_window_destroy (GTK_WINDOW (window));
  cvg_ui_settle ();
}

/* The folder replaced, then the window closed, while a refresh runs: the
 * page shows the new folder's runs, and on closing goes at once, on the
 * main thread (no worker keeps it alive, so it is never disposed on a
 * worker's thread); the refresh's end then touches nothing. Repeated, as
 * the order of worker and main loop varies. */
static void
test_close_during_refresh (void)
{
  const char *corpus = cvg_test_corpus_dir (CVG_TEST_CORPUS);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (corpus == NULL)
    return;
  first = g_build_filename (corpus, "pytorch_study_tensorboard", NULL);
  second = g_build_filename (corpus, "keras_tf2_fashion_mnist", NULL);
  g_assert_true (g_file_test (second, G_FILE_TEST_IS_DIR));
  for (guint i = 0; i < 8; i++)
    {
      CvgWindow *window = cvg_ui_open_window (first);
      CvgHparamsPage *page = show_page (window);
      gpointer weak = page;

      cvg_hparams_page_refresh (page);
      cvg_window_open_path (window, second);
      g_assert_true (cvg_ui_wait_until (cvg_ui_not_loading, window));
      cvg_hparams_page_refresh (page);
      g_assert_true (cvg_ui_wait_until (page_refreshed, page));
      g_assert_cmpuint (cvg_hparams_page_get_n_rows (page), ==, g_list_model_get_n_items (cvg_window_get_runs (window)));
      g_object_add_weak_pointer (G_OBJECT (page), &weak);
      cvg_hparams_page_refresh (page);
      g_assert_true (cvg_hparams_page_is_refreshing (page));
      gtk_window_destroy (GTK_WINDOW (window));
      g_assert_null (weak);
      cvg_ui_settle ();
    }
}

/* A log scale on lr places 0.001, 0.01 and 0.1 evenly: a brush on its
 * upper 60 % keeps two sessions where the linear scale kept one. Scales,
 * brushes and the axes' order survive a refresh. */
static void
test_axis_scale_order (void)
{
  CvgWindow *window = cvg_ui_open_corpus_window ("pytorch_study_tensorboard");
  CvgHparamsPage *page;
  CvgParallelCoords *parallel;
  guint n_rows;

  if (window == NULL)
    return;
  page = show_page (window);
  parallel = cvg_hparams_page_get_parallel (page);
  n_rows = cvg_hparams_page_get_n_rows (page);
  /* Axis 0 is lr, 2 the optimizer. */
  cvg_parallel_coords_brush (parallel, 0, 0.4, 1.0);
  g_assert_cmpuint (cvg_hparams_page_get_n_rows (page), ==, 1);
  g_assert_false (cvg_parallel_coords_set_scale (parallel, 2, CVG_AXIS_SCALE_LOG));
  g_assert_true (cvg_parallel_coords_set_scale (parallel, 0, CVG_AXIS_SCALE_LOG));
  /* The brush went with the linear scale. */
  g_assert_cmpuint (cvg_hparams_page_get_n_rows (page), ==, n_rows);
  cvg_parallel_coords_brush (parallel, 0, 0.4, 1.0);
  g_assert_cmpuint (cvg_hparams_page_get_n_rows (page), ==, 2);

  cvg_parallel_coords_move_axis (parallel, 0, 4);
  g_assert_cmpuint (cvg_parallel_coords_get_slot_axis (parallel, 4), ==, 0);
  g_assert_cmpuint (cvg_parallel_coords_get_slot_axis (parallel, 0), ==, 1);
  cvg_hparams_page_refresh (page);
  g_assert_true (cvg_ui_wait_until (page_refreshed, page));
  g_assert_cmpuint (cvg_hparams_page_get_n_rows (page), ==, 2);
  g_assert_cmpuint (cvg_parallel_coords_get_slot_axis (parallel, 4), ==, 0);
  cvg_ui_screenshot ("CVG_HPARAMS_SCREENSHOTS", "hparams-parallel-log.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Colour by a metric: its best session at the top of the gradient, its
 * worst at the bottom; back to the runs' own colours. */
static void
test_color_by (void)
{
  CvgWindow *window = cvg_ui_open_corpus_window ("pytorch_study_tensorboard");
  const char *best = "runs/hparams_search_exp_2/1771595857.3322473";
  CvgHparamsPage *page;
  GListModel *runs;
  g_autofree char *top = NULL;
  g_autofree char *bottom = NULL;
  g_autofree char *again = NULL;

  if (window == NULL)
    return;
  page = show_page (window);
  g_assert_false (cvg_hparams_page_color_by (page, "no such metric"));
  g_assert_true (cvg_hparams_page_color_by (page, "hparam/Final_Val_Accuracy"));
  top = cvg_hparams_page_get_session_color (page, best);
  g_assert_cmpstr (top, ==, "#e01b24");
  /* 78.5 is the study's lowest accuracy. */
  bottom = cvg_hparams_page_get_session_color (page, "runs/hparams_search_exp_3/1771595857.339544");
  g_assert_cmpstr (bottom, ==, "#1c71d8");
  cvg_hparams_page_refresh (page);
  g_assert_true (cvg_ui_wait_until (page_refreshed, page));
  again = cvg_hparams_page_get_session_color (page, best);
  g_assert_cmpstr (again, ==, "#e01b24");
  cvg_ui_screenshot ("CVG_HPARAMS_SCREENSHOTS", "hparams-parallel-color.png");

  g_assert_true (cvg_hparams_page_color_by (page, NULL));
  runs = cvg_window_get_runs (window);
  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(CvgRunInfo) info = g_list_model_get_item (runs, i);
      g_autofree char *color = cvg_hparams_page_get_session_color (page, cvg_run_info_get_name (info));

      if (color != NULL)
        g_assert_cmpstr (color, ==, cvg_run_info_get_color (info));
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_check (GtkWidget     *widget,
          gconstpointer  label)
{
  return is_labelled (widget, GTK_TYPE_CHECK_BUTTON, label);
}

static GtkCheckButton *
find_check (GtkWidget  *root,
            const char *label)
{
  return GTK_CHECK_BUTTON (find_where (root, is_check, label));
}

/* The drop-down of which value a tag's column shows: Last, Min, Max. */
static gboolean
is_stat_drop (GtkWidget     *widget,
              gconstpointer  data)
{
  GListModel *model;

  return GTK_IS_DROP_DOWN (widget) && GTK_IS_STRING_LIST (model = gtk_drop_down_get_model (GTK_DROP_DOWN (widget))) &&
         g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), "Last") == 0;
}

static GtkDropDown *
find_stat_drop (GtkWidget *root)
{
  return GTK_DROP_DOWN (find_where (root, is_stat_drop, NULL));
}

/* The Columns menu hides a column, across refreshes; "Differences" hides
 * the hparams every session shares (both TF2 sessions have a dropout of
 * 0.1, and learning rates of 0.001 and 0.002). */
static void
test_columns (void)
{
  const char *plugins = cvg_test_corpus_dir (CVG_TEST_CORPUS_PLUGINS);
  g_autofree char *path = NULL;
  CvgWindow *window;
  CvgHparamsPage *page;
  GtkCheckButton *check;

  if (plugins == NULL)
    return;
  path = g_build_filename (plugins, "tf2_hparams_chf", NULL);
  window = cvg_ui_open_window (path);
  page = show_page (window);
  g_assert_true (cvg_hparams_page_get_column_visible (page, "learning_rate"));
  g_assert_true (cvg_hparams_page_get_column_visible (page, "drouptout_rate"));
  gtk_toggle_button_set_active (find_toggle (GTK_WIDGET (page), "Differences"), TRUE);
  g_assert_true (cvg_hparams_page_get_column_visible (page, "learning_rate"));
  g_assert_false (cvg_hparams_page_get_column_visible (page, "drouptout_rate"));
  gtk_toggle_button_set_active (find_toggle (GTK_WIDGET (page), "Differences"), FALSE);
  g_assert_true (cvg_hparams_page_get_column_visible (page, "drouptout_rate"));

  check = find_check (GTK_WIDGET (page), "learning_rate");
  g_assert_nonnull (check);
  gtk_check_button_set_active (check, FALSE);
  g_assert_false (cvg_hparams_page_get_column_visible (page, "learning_rate"));
  g_assert_true (cvg_hparams_page_get_column_visible (page, "architecture"));
  /* A tag's box hides its min and max too. */
  gtk_drop_down_set_selected (find_stat_drop (GTK_WIDGET (page)), 3);
  g_assert_true (cvg_hparams_page_get_column_visible (page, "accuracy (max)"));
  gtk_check_button_set_active (find_check (GTK_WIDGET (page), "accuracy"), FALSE);
  g_assert_false (cvg_hparams_page_get_column_visible (page, "accuracy"));
  g_assert_false (cvg_hparams_page_get_column_visible (page, "accuracy (max)"));

  cvg_hparams_page_refresh (page);
  g_assert_true (cvg_ui_wait_until (page_refreshed, page));
  g_assert_false (cvg_hparams_page_get_column_visible (page, "learning_rate"));
  check = find_check (GTK_WIDGET (page), "learning_rate");
  g_assert_false (gtk_check_button_get_active (check));
  gtk_check_button_set_active (check, TRUE);
  g_assert_true (cvg_hparams_page_get_column_visible (page, "learning_rate"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A session with lr @lr and, when @acc is not NAN, an `acc` point. */
static void
write_session (const char *dir,
               const char *name,
               double      lr,
               double      acc)
{
  g_autofree char *folder = g_build_filename (dir, name, NULL);
  g_autofree char *path = g_build_filename (folder, "events.out.tfevents.1.host", NULL);
  CvgHparamEntry entry = { (char *) "lr", { CVG_HPARAM_NUMBER, lr, NULL } };
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  CvgHparamsData data = { CVG_HPARAMS_DATA_SESSION_START };
  g_autoptr(GBytes) content = NULL;
  g_autoptr(CvgEventWriter) writer = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  g_ptr_array_add (entries, &entry);
  data.hparams = entries;
  data.group_name = (char *) "";
  content = cvg_hparams_data_serialize (&data);
  writer = cvg_event_writer_new (path, &error);
  g_assert_no_error (error);
  cvg_event_writer_write_file_version (writer, 1, "brain.Event:2", &error);
  cvg_event_writer_write_hparams (writer, CVG_WRITER_STYLE_TF2, 1, "_hparams_/session_start_info", content, &error);
  cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF2, 2, 0, isnan (acc) ? "loss" : "acc", isnan (acc) ? 1 : acc,
                                 &error);
  cvg_event_writer_flush (writer, &error);
  g_assert_no_error (error);
}

/* Coloured by acc: a session without it is grey, the others at the ends
 * of the gradient. */
static void
test_color_missing (void)
{
  g_autofree char *dir = g_dir_make_tmp ("converge-ui-hparams-XXXXXX", NULL);
  CvgWindow *window;
  CvgHparamsPage *page;
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;
  g_autofree char *none = NULL;

  write_session (dir, "a", 0.1, 0.5);
  write_session (dir, "b", 0.2, 0.75);
  write_session (dir, "c", 0.3, NAN);
  window = cvg_ui_open_window (dir);
  page = show_page (window);
  g_assert_true (cvg_hparams_page_color_by (page, "acc"));
  low = cvg_hparams_page_get_session_color (page, "a");
  high = cvg_hparams_page_get_session_color (page, "b");
  none = cvg_hparams_page_get_session_color (page, "c");
  g_assert_cmpstr (low, ==, "#1c71d8");
  g_assert_cmpstr (high, ==, "#e01b24");
  g_assert_cmpstr (none, ==, "#9a9996");
  gtk_window_destroy (GTK_WINDOW (window));
  cvg_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  cvg_ui_init (&argc, &argv);
  g_test_add_func ("/ui/hparams/every-run", test_every_run);
  g_test_add_func ("/ui/hparams/sort", test_sort);
  g_test_add_func ("/ui/hparams/selection", test_selection);
  g_test_add_func ("/ui/hparams/copy", test_copy);
  g_test_add_func ("/ui/hparams/brush", test_brush);
  g_test_add_func ("/ui/hparams/live", test_live);
  g_test_add_func ("/ui/hparams/filter", test_filter);
  g_test_add_func ("/ui/hparams/worker", test_worker);
  g_test_add_func ("/ui/hparams/close-during-refresh", test_close_during_refresh);
  g_test_add_func ("/ui/hparams/axis-scale-order", test_axis_scale_order);
  g_test_add_func ("/ui/hparams/color-by", test_color_by);
  g_test_add_func ("/ui/hparams/color-missing", test_color_missing);
  g_test_add_func ("/ui/hparams/columns", test_columns);
  return g_test_run ();
}
