/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The runs sidebar as a tree of folders, under Xvfb, on the 16 runs of
 * pytorch_study_tensorboard: the rows shown, a folder's check box, the
 * include/exclude filter. */

#define G_LOG_DOMAIN "test-ui-runs"

#include "config.h"

#include <adwaita.h>

#include "cvg-run-groups.h"
#include "cvg-run-info.h"
#include "cvg-run-node.h"
#include "cvg-run-tree.h"
#include "cvg-runs-sidebar.h"
#include "cvg-ui-helpers.h"
#include "cvg-window.h"

/* The top node labelled @label. */
static CvgRunNode *
find_top (CvgRunsSidebar *sidebar,
          const char     *label)
{
  GListModel *top = cvg_runs_sidebar_get_tree (sidebar);

  for (guint i = 0; i < g_list_model_get_n_items (top); i++)
    {
      g_autoptr(CvgRunNode) node = g_list_model_get_item (top, i);

      if (g_strcmp0 (cvg_run_node_get_label (node), label) == 0)
        return node;
    }
  return NULL;
}

static guint
count_prefixed (GListModel *runs,
                const char *prefix)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(CvgRunInfo) info = g_list_model_get_item (runs, i);

      n += g_str_has_prefix (cvg_run_info_get_name (info), prefix);
    }
  return n;
}

/* The mapped label showing @text under @root, or NULL. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The check box of the row of @node. */
static GtkWidget *
find_check (GtkWidget  *root,
            CvgRunNode *node)
{
  if (GTK_IS_TREE_EXPANDER (root))
    {
      g_autoptr(GObject) item = gtk_tree_expander_get_item (GTK_TREE_EXPANDER (root));

      if (item == G_OBJECT (node))
        return cvg_ui_find_widget (root, GTK_TYPE_CHECK_BUTTON);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_check (child, node);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_tree (void)
{
  CvgWindow *window = cvg_ui_open_corpus_window ("pytorch_study_tensorboard");
  CvgRunsSidebar *sidebar;
  GListModel *runs;
  CvgRunNode *folder, *dated;
  GtkWidget *check, *label;
  guint n_runs;

  if (window == NULL)
    return;
  sidebar = CVG_RUNS_SIDEBAR (cvg_window_get_runs_sidebar (window));
  runs = cvg_window_get_runs (window);
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 16);
  cvg_ui_settle ();

  /* Two folders at the top: runs/ and runs_2026_03_04/. */
  g_assert_cmpuint (g_list_model_get_n_items (cvg_runs_sidebar_get_tree (sidebar)), ==, 2);
  folder = find_top (sidebar, "runs");
  dated = find_top (sidebar, "runs_2026_03_04");
  g_assert_nonnull (folder);
  g_assert_nonnull (dated);
  n_runs = count_prefixed (runs, "runs/");
  g_assert_cmpuint (n_runs, ==, 14);
  g_assert_cmpuint (cvg_run_node_get_n_runs (folder), ==, n_runs);
  g_assert_cmpuint (cvg_run_node_get_n_runs (dated), ==, 2);

  /* Rows by their last part, not "runs/exper…t_lr_0.001"; the full name
   * in the tooltip. */
  label = find_label (GTK_WIDGET (sidebar), "experiment_lr_0.001");
  g_assert_nonnull (label);
  g_assert_nonnull (find_label (GTK_WIDGET (sidebar), "runs"));
  g_assert_nonnull (find_label (GTK_WIDGET (sidebar), "14"));
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (gtk_widget_get_ancestor (label, GTK_TYPE_TREE_EXPANDER)),
                                   "runs/experiment_lr_0.001: "));
  cvg_ui_screenshot ("CVG_SCREENSHOT_DIR", "runs-tree.png");

  /* The folder's check box hides its 14 runs, and only them. */
  check = find_check (GTK_WIDGET (sidebar), folder);
  g_assert_nonnull (check);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  gtk_widget_activate (check);
  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(CvgRunInfo) info = g_list_model_get_item (runs, i);

      g_assert_cmpint (cvg_run_info_get_visible (info), ==,
                       !g_str_has_prefix (cvg_run_info_get_name (info), "runs/"));
    }
  g_assert_cmpint (cvg_run_node_get_state (folder), ==, CVG_RUN_NODE_NONE_VISIBLE);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));

  /* One run back: the folder's box is mixed; a click shows them all. */
  cvg_run_info_set_visible (cvg_run_node_get_run (folder, 0), TRUE);
  g_assert_true (gtk_check_button_get_inconsistent (GTK_CHECK_BUTTON (check)));
  gtk_widget_activate (check);
  g_assert_cmpuint (cvg_run_node_get_n_visible (folder), ==, n_runs);
  g_assert_false (gtk_check_button_get_inconsistent (GTK_CHECK_BUTTON (check)));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));

  /* Log x on real curves, for the eye. */
  g_object_set (cvg_window_get_scalars_page (window), "log-x", TRUE, NULL);
  cvg_ui_screenshot ("CVG_SCREENSHOT_DIR", "runs-log-x-corpus.png");
  g_object_set (cvg_window_get_scalars_page (window), "log-x", FALSE, NULL);

  /* Grouped by the first folder: two groups, listed with their runs. */
  g_object_set (cvg_window_get_scalars_page (window), "group-by", CVG_GROUP_BY_FOLDER, "group-depth", 1, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (cvg_runs_sidebar_get_tree (sidebar)), ==, 2);
  g_assert_cmpuint (cvg_run_node_get_n_runs (find_top (sidebar, "runs")), ==, n_runs);
  cvg_ui_screenshot ("CVG_SCREENSHOT_DIR", "runs-groups-corpus.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* "experiment !0\.1$" lists the experiments but lr 0.1, as a tree. */
static void
test_filter (void)
{
  CvgWindow *window = cvg_ui_open_corpus_window ("pytorch_study_tensorboard");
  CvgRunsSidebar *sidebar;
  GListModel *runs, *shown;
  g_autoptr(GRegex) include = NULL;
  g_autoptr(GRegex) exclude = NULL;
  guint expected = 0;

  if (window == NULL)
    return;
  sidebar = CVG_RUNS_SIDEBAR (cvg_window_get_runs_sidebar (window));
  runs = cvg_window_get_runs (window);
  shown = cvg_runs_sidebar_get_shown_runs (sidebar);

  g_assert_true (cvg_runs_sidebar_set_filter (sidebar, "experiment !0\\.1$"));
  g_assert_true (cvg_run_tree_parse_filter ("experiment", &include, &exclude, NULL));
  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(CvgRunInfo) info = g_list_model_get_item (runs, i);
      const char *name = cvg_run_info_get_name (info);

      expected += g_regex_match (include, name, 0, NULL) && !g_str_has_suffix (name, "0.1");
    }
  g_assert_cmpuint (expected, >=, 3);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, expected);
  g_assert_cmpuint (cvg_run_node_get_n_runs (find_top (sidebar, "runs")), ==, expected);
  cvg_ui_settle ();
  g_assert_nonnull (find_label (GTK_WIDGET (sidebar), "experiment_lr_0.01"));
  g_assert_null (find_label (GTK_WIDGET (sidebar), "experiment_lr_0.1"));

  /* Hide All hides what the filter shows, and only that. */
  cvg_runs_sidebar_set_all_visible (sidebar, FALSE);
  g_assert_cmpuint (cvg_run_node_get_n_visible (find_top (sidebar, "runs")), ==, 0);
  for (guint i = 0, hidden = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(CvgRunInfo) info = g_list_model_get_item (runs, i);

      hidden += !cvg_run_info_get_visible (info);
      if (i + 1 == g_list_model_get_n_items (runs))
        g_assert_cmpuint (hidden, ==, expected);
    }

  g_assert_false (cvg_runs_sidebar_set_filter (sidebar, "ok !(unclosed"));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 16);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  cvg_ui_init (&argc, &argv);

  g_test_add_func ("/ui/runs/tree", test_tree);
  g_test_add_func ("/ui/runs/filter", test_filter);
  return g_test_run ();
}
