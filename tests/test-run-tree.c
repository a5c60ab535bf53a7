/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The runs sidebar's tree of folders and its include/exclude filter. */

#include "config.h"

#include "cvg-run-info.h"
#include "cvg-run-node.h"
#include "cvg-run-tree.h"
#include "cvg-run.h"

/* A GListStore of CvgRunInfo named @names, all visible. */
static GListStore *
make_runs (const char * const *names)
{
  GListStore *store = g_list_store_new (CVG_TYPE_RUN_INFO);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(CvgRun) run = cvg_run_new (names[i], "/nonexistent");
      g_autoptr(CvgRunInfo) info = cvg_run_info_new (run, "#3584e4");

      g_list_store_append (store, info);
    }
  return store;
}

static CvgRunNode *
child (GListModel *model,
       guint       index)
{
  g_autoptr(CvgRunNode) node = g_list_model_get_item (model, index);

  g_assert_nonnull (node);
  /* The model keeps it alive. */
  return node;
}

static void
assert_leaf (CvgRunNode *node,
             const char *label,
             const char *name)
{
  g_assert_false (cvg_run_node_is_folder (node));
  g_assert_cmpstr (cvg_run_node_get_label (node), ==, label);
  g_assert_cmpstr (cvg_run_info_get_name (cvg_run_node_get_info (node)), ==, name);
  g_assert_cmpuint (cvg_run_node_get_n_runs (node), ==, 1);
}

static void
assert_folder (CvgRunNode *node,
               const char *label,
               const char *path,
               guint       n_children,
               guint       n_runs)
{
  g_assert_true (cvg_run_node_is_folder (node));
  g_assert_cmpstr (cvg_run_node_get_label (node), ==, label);
  g_assert_cmpstr (cvg_run_node_get_path (node), ==, path);
  g_assert_cmpuint (g_list_model_get_n_items (cvg_run_node_get_children (node)), ==, n_children);
  g_assert_cmpuint (cvg_run_node_get_n_runs (node), ==, n_runs);
}

/* Folders in first-seen order; single-child chains merged, into a leaf
 * or into a folder. */
static void
test_structure (void)
{
  static const char * const names[] = {
    "runs/exp_lr_0.1", "runs/exp_lr_0.01", "runs/hparams/1733", "eval",
    "a/b/c/run1", "a/b/c/run2", "x/only", NULL,
  };
  g_autoptr(GListStore) runs = make_runs (names);
  g_autoptr(GListStore) tree = cvg_run_tree_build (G_LIST_MODEL (runs));
  GListModel *top = G_LIST_MODEL (tree);
  CvgRunNode *node;

  g_assert_cmpuint (g_list_model_get_n_items (top), ==, 4);
  node = child (top, 0);
  assert_folder (node, "runs", "runs", 3, 3);
  assert_leaf (child (cvg_run_node_get_children (node), 0), "exp_lr_0.1", "runs/exp_lr_0.1");
  assert_leaf (child (cvg_run_node_get_children (node), 1), "exp_lr_0.01", "runs/exp_lr_0.01");
  assert_leaf (child (cvg_run_node_get_children (node), 2), "hparams/1733", "runs/hparams/1733");
  assert_leaf (child (top, 1), "eval", "eval");
  node = child (top, 2);
  assert_folder (node, "a/b/c", "a/b/c", 2, 2);
  assert_leaf (child (cvg_run_node_get_children (node), 1), "run2", "a/b/c/run2");
  assert_leaf (child (top, 3), "x/only", "x/only");
}

/* A run whose name is also a folder's path lists first in that folder. */
static void
test_run_and_folder (void)
{
  static const char * const names[] = { "a/b", "a", "a/c", NULL };
  g_autoptr(GListStore) runs = make_runs (names);
  g_autoptr(GListStore) tree = cvg_run_tree_build (G_LIST_MODEL (runs));
  CvgRunNode *node;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tree)), ==, 1);
  node = child (G_LIST_MODEL (tree), 0);
  assert_folder (node, "a", "a", 3, 3);
  assert_leaf (child (cvg_run_node_get_children (node), 0), "a", "a");
  assert_leaf (child (cvg_run_node_get_children (node), 1), "b", "a/b");
}

/* A folder's check box: toggling hides or shows its subtree only; its
 * state follows the runs, counted. */
static void
test_toggle (void)
{
  static const char * const names[] = { "runs/a/1", "runs/a/2", "runs/b", "other", NULL };
  g_autoptr(GListStore) runs = make_runs (names);
  g_autoptr(GListStore) tree = cvg_run_tree_build (G_LIST_MODEL (runs));
  CvgRunNode *folder = child (G_LIST_MODEL (tree), 0);
  CvgRunNode *sub = child (cvg_run_node_get_children (folder), 0);
  g_autoptr(CvgRunInfo) other = g_list_model_get_item (G_LIST_MODEL (runs), 3);

  assert_folder (folder, "runs", "runs", 2, 3);
  assert_folder (sub, "a", "runs/a", 2, 2);
  g_assert_cmpint (cvg_run_node_get_state (folder), ==, CVG_RUN_NODE_ALL_VISIBLE);

  cvg_run_node_set_visible (folder, FALSE);
  for (guint i = 0; i < 3; i++)
    g_assert_false (cvg_run_info_get_visible (cvg_run_node_get_run (folder, i)));
  g_assert_true (cvg_run_info_get_visible (other));
  g_assert_cmpint (cvg_run_node_get_state (folder), ==, CVG_RUN_NODE_NONE_VISIBLE);
  g_assert_cmpint (cvg_run_node_get_state (sub), ==, CVG_RUN_NODE_NONE_VISIBLE);

  cvg_run_info_set_visible (cvg_run_node_get_run (sub, 1), TRUE);
  g_assert_cmpint (cvg_run_node_get_state (folder), ==, CVG_RUN_NODE_SOME_VISIBLE);
  g_assert_cmpuint (cvg_run_node_get_n_visible (folder), ==, 1);
  cvg_run_node_set_visible (sub, TRUE);
  g_assert_cmpuint (cvg_run_node_get_n_visible (folder), ==, 2);
  g_assert_cmpint (cvg_run_node_get_state (sub), ==, CVG_RUN_NODE_ALL_VISIBLE);
  cvg_run_node_set_visible (folder, TRUE);
  g_assert_cmpint (cvg_run_node_get_state (folder), ==, CVG_RUN_NODE_ALL_VISIBLE);
}

/* A path of 200 folders is cut at CVG_RUN_TREE_MAX_DEPTH levels. */
static void
test_deep (void)
{
  g_autoptr(GString) prefix = g_string_new (NULL);
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  const char *names[3];
  g_autoptr(GListStore) runs = NULL;
  g_autoptr(GListStore) tree = NULL;
  GListModel *level;
  guint depth = 0;

  for (guint i = 0; i < 200; i++)
    g_string_append (prefix, i % 2 ? "d/" : "e/");
  x = g_strconcat (prefix->str, "x", NULL);
  y = g_strconcat (prefix->str, "y", NULL);
  names[0] = x;
  names[1] = y;
  names[2] = NULL;
  runs = make_runs (names);
  tree = cvg_run_tree_build (G_LIST_MODEL (runs));

  level = G_LIST_MODEL (tree);
  while (level != NULL)
    {
      CvgRunNode *node = child (level, 0);

      g_assert_cmpuint (cvg_run_node_get_n_runs (node), >=, 1);
      level = cvg_run_node_get_children (node);
      depth++;
    }
  g_assert_cmpuint (depth, <=, CVG_RUN_TREE_MAX_DEPTH);
  g_assert_cmpuint (cvg_run_node_get_n_runs (child (G_LIST_MODEL (tree), 0)), ==, 2);
}

static gboolean
passes (const char *filter,
        const char *name)
{
  g_autoptr(GRegex) include = NULL;
  g_autoptr(GRegex) exclude = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (cvg_run_tree_parse_filter (filter, &include, &exclude, &error));
  g_assert_no_error (error);
  return cvg_run_tree_filter_match (include, exclude, name);
}

static void
test_filter (void)
{
  g_autoptr(GRegex) include = NULL;
  g_autoptr(GRegex) exclude = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (passes ("", "anything"));
  g_assert_true (passes ("LR_0\\.1", "runs/lr_0.1_seed2"));
  g_assert_false (passes ("lr_0\\.1", "runs/lr_0.01_seed2"));
  /* Include and exclude. */
  g_assert_true (passes ("lr !seed2", "lr_0.1_seed1"));
  g_assert_false (passes ("lr !seed2", "lr_0.1_seed2"));
  g_assert_false (passes ("lr !seed2", "baseline"));
  /* Exclude only. */
  g_assert_false (passes ("!eval", "runs/eval"));
  g_assert_true (passes ("!eval", "runs/train"));
  g_assert_true (passes ("  !  eval  ", "runs/train"));
  /* A '!' inside a word is part of the regex. */
  g_assert_true (passes ("a!b", "xa!by"));
  g_assert_false (passes ("a!b", "ab"));

  g_assert_false (cvg_run_tree_parse_filter ("ok !(", &include, &exclude, &error));
  g_assert_nonnull (error);
  g_assert_null (include);
  g_assert_null (exclude);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/run-tree/structure", test_structure);
  g_test_add_func ("/model/run-tree/run-and-folder", test_run_and_folder);
  g_test_add_func ("/model/run-tree/toggle", test_toggle);
  g_test_add_func ("/model/run-tree/deep", test_deep);
  g_test_add_func ("/model/run-tree/filter", test_filter);
  return g_test_run ();
}
