/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-run-tree"

#include "config.h"

#include "cvg-run-tree.h"

#include <string.h>

/* A folder of the trie the tree is built from: names to children in
 * first-seen order, and the run named by its own path, if any. */
typedef struct _Trie Trie;
struct _Trie
{
  char       *name;
  CvgRunInfo *info;
  GPtrArray  *children;   /* Trie */
  GHashTable *by_name;    /* borrowed name -> Trie */
};

static void
trie_free (gpointer data)
{
  Trie *trie = data;

  g_free (trie->name);
  g_clear_pointer (&trie->children, g_ptr_array_unref);
  g_clear_pointer (&trie->by_name, g_hash_table_unref);
  g_free (trie);
}

static Trie *
trie_child (Trie       *trie,
            const char *name)
{
  Trie *child;

  if (trie->children == NULL)
    {
      trie->children = g_ptr_array_new_with_free_func (trie_free);
      trie->by_name = g_hash_table_new (g_str_hash, g_str_equal);
    }
  child = g_hash_table_lookup (trie->by_name, name);
  if (child != NULL)
    return child;
  child = g_new0 (Trie, 1);
  child->name = g_strdup (name);
  g_ptr_array_add (trie->children, child);
  g_hash_table_insert (trie->by_name, child->name, child);
  return child;
}

/* Splits @name at '/', at most CVG_RUN_TREE_MAX_DEPTH parts (the last
 * keeps the rest); empty parts ("a//b", a leading '/') are skipped. */
static void
trie_insert (Trie       *root,
             CvgRunInfo *info)
{
  const char *name = cvg_run_info_get_name (info);
  g_auto(GStrv) parts = g_strsplit (name, "/", CVG_RUN_TREE_MAX_DEPTH);
  Trie *trie = root;

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      trie = trie_child (trie, parts[i]);
  /* A second run of the same name (or "" and "/") lists under the first. */
  if (trie == root || trie->info != NULL)
    trie = trie_child (trie, name);
  trie->info = info;
}

static guint
n_children (const Trie *trie)
{
  return trie->children != NULL ? trie->children->len : 0;
}

static CvgRunNode *trie_to_node (Trie       *trie,
                                 const char *parent_path,
                                 const char *label_prefix);

/* Adds @trie's children, then, first, its own run. Depth is bounded by
 * CVG_RUN_TREE_MAX_DEPTH. */
static void
append_children (CvgRunNode *folder,
                 Trie       *trie,
                 const char *path)
{
  if (trie->info != NULL)
    {
      g_autoptr(CvgRunNode) own = cvg_run_node_new_run (trie->name, trie->info);

      cvg_run_node_append (folder, own);
    }
  for (guint i = 0; i < n_children (trie); i++)
    {
      g_autoptr(CvgRunNode) child = trie_to_node (g_ptr_array_index (trie->children, i), path, NULL);

      cvg_run_node_append (folder, child);
    }
}

static CvgRunNode *
trie_to_node (Trie       *trie,
              const char *parent_path,
              const char *label_prefix)
{
  g_autofree char *path = parent_path != NULL ? g_strconcat (parent_path, "/", trie->name, NULL)
                                              : g_strdup (trie->name);
  g_autofree char *label = label_prefix != NULL ? g_strconcat (label_prefix, "/", trie->name, NULL)
                                                : g_strdup (trie->name);
  CvgRunNode *folder;

  if (n_children (trie) == 0)
    return cvg_run_node_new_run (label, trie->info);
  /* A folder with a single child and no run of its own merges into it. */
  if (n_children (trie) == 1 && trie->info == NULL)
    return trie_to_node (g_ptr_array_index (trie->children, 0), path, label);

  folder = cvg_run_node_new_folder (label, path);
  append_children (folder, trie, path);
  return folder;
}

GListStore *
cvg_run_tree_build (GListModel *runs)
{
  GListStore *top = g_list_store_new (CVG_TYPE_RUN_NODE);
  Trie root = { 0 };

  g_return_val_if_fail (runs == NULL || G_IS_LIST_MODEL (runs), top);

  for (guint i = 0; runs != NULL && i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(CvgRunInfo) info = g_list_model_get_item (runs, i);

      trie_insert (&root, info);
    }
  for (guint i = 0; i < n_children (&root); i++)
    {
      g_autoptr(CvgRunNode) node = trie_to_node (g_ptr_array_index (root.children, i), NULL, NULL);

      g_list_store_append (top, node);
    }
  g_clear_pointer (&root.children, g_ptr_array_unref);
  g_clear_pointer (&root.by_name, g_hash_table_unref);
  return top;
}

static GRegex *
compile (const char  *pattern,
         GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (pattern));

  if (*trimmed == '\0')
    return NULL;
  return g_regex_new (trimmed, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, error);
}

gboolean
cvg_run_tree_parse_filter (const char  *text,
                           GRegex     **include,
                           GRegex     **exclude,
                           GError     **error)
{
  g_autofree char *head = NULL;
  const char *bang = NULL;
  g_autoptr(GRegex) in = NULL;
  g_autoptr(GRegex) out = NULL;
  GError *local = NULL;

  *include = NULL;
  *exclude = NULL;
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0' && bang == NULL; p++)
    if (*p == '!' && (p == text || *(p - 1) == ' '))
      bang = p;
  head = bang != NULL ? g_strndup (text, bang - text) : g_strdup (text);

  in = compile (head, &local);
  if (local == NULL && bang != NULL)
    out = compile (bang + 1, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  *include = g_steal_pointer (&in);
  *exclude = g_steal_pointer (&out);
  return TRUE;
}

gboolean
cvg_run_tree_filter_match (GRegex     *include,
                           GRegex     *exclude,
                           const char *name)
{
  if (include != NULL && !g_regex_match (include, name, 0, NULL))
    return FALSE;
  return exclude == NULL || !g_regex_match (exclude, name, 0, NULL);
}
