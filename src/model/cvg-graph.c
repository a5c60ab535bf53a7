/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-graph"

#include "config.h"

#include "cvg-graph.h"

#include <stdlib.h>
#include <string.h>

#include "cvg-graph-decode.h"
#include "cvg-graph-private.h"
#include "cvg-io-error.h"
#include "cvg-run.h"
#include "cvg-series.h"
#include "cvg-tensor.h"

#define FREE_ASIDE_OPS 50000

struct _CvgGraph
{
  gatomicrefcount  ref_count;
  GPtrArray       *ops;         /* CvgGraphOp */
  GPtrArray       *items;       /* CvgGraphItem */
  GHashTable      *op_by_name;  /* name → index + 1 */
  GHashTable      *item_by_name;
  GArray          *no_children;
};

/* Ops and items. */

static void
op_free (gpointer data)
{
  CvgGraphOp *op = data;

  g_free (op->name);
  g_free (op->op);
  g_free (op->device);
  g_ptr_array_unref (op->attrs);
  g_array_unref (op->inputs);
  g_array_unref (op->outputs);
  g_ptr_array_unref (op->output_shapes);
  g_free (op);
}

static void
item_free (gpointer data)
{
  CvgGraphItem *item = data;

  g_free (item->name);
  g_array_unref (item->children);
  g_free (item);
}

CvgGraph *
_cvg_graph_new (void)
{
  CvgGraph *self = g_new0 (CvgGraph, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->ops = g_ptr_array_new_with_free_func (op_free);
  self->items = g_ptr_array_new_with_free_func (item_free);
  self->op_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->item_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->no_children = g_array_new (FALSE, FALSE, sizeof (guint));
  return self;
}

/* Takes the strings: a million-op graph copies none of them. */
static CvgGraphOp *
take_op (CvgGraph *self,
         char     *name,
         char     *op_type,
         char     *device)
{
  CvgGraphOp *op = g_new0 (CvgGraphOp, 1);

  op->name = name;
  op->op = op_type;
  op->device = device;
  op->attrs = g_ptr_array_new_with_free_func (cvg_node_attr_free);
  op->inputs = g_array_new (FALSE, FALSE, sizeof (CvgGraphInput));
  op->outputs = g_array_new (FALSE, FALSE, sizeof (guint));
  op->output_shapes = g_ptr_array_new_with_free_func (g_free);
  op->item = CVG_GRAPH_NONE;
  g_ptr_array_add (self->ops, op);
  /* A repeated name keeps its first op. */
  if (!g_hash_table_contains (self->op_by_name, op->name))
    g_hash_table_insert (self->op_by_name, op->name, GUINT_TO_POINTER (self->ops->len));
  return op;
}

CvgGraphOp *
_cvg_graph_add_op (CvgGraph   *self,
                   const char *name,
                   const char *op_type,
                   const char *device)
{
  return take_op (self, g_strdup (name), g_strdup (op_type != NULL ? op_type : ""),
                  g_strdup (device != NULL ? device : ""));
}

void
_cvg_graph_add_attr (CvgGraphOp *op,
                     const char *key,
                     char       *value)
{
  CvgGraphAttr *attr = g_new0 (CvgGraphAttr, 1);

  attr->key = g_strdup (key);
  attr->value = value;
  g_ptr_array_add (op->attrs, attr);
}

void
_cvg_graph_add_input (CvgGraph   *self,
                      CvgGraphOp *op,
                      const char *input)
{
  CvgGraphInput in = { CVG_GRAPH_NONE, 0, input[0] == '^' };
  const char *name = input + in.control;
  const char *colon = strrchr (name, ':');
  g_autofree char *before_colon = NULL;
  guint source;

  if (colon != NULL && g_ascii_isdigit (colon[1]))
    {
      in.port = (guint) strtoul (colon + 1, NULL, 10);
      name = before_colon = g_strndup (name, colon - name);
    }
  source = cvg_graph_lookup_op (self, name);
  if (source == CVG_GRAPH_NONE)
    return;
  in.source = source;
  g_array_append_val (op->inputs, in);
}

/* The hierarchy. */

static guint
add_item (CvgGraph         *self,
          CvgGraphItemKind  kind,
          char             *name,
          guint             parent)
{
  CvgGraphItem *item = g_new0 (CvgGraphItem, 1);
  const char *slash = strrchr (name, '/');
  guint index = self->items->len;

  item->kind = kind;
  item->name = name;
  item->short_name = slash != NULL ? slash + 1 : name;
  item->parent = parent;
  /* Ops have no children: they share one empty array. */
  item->children = kind == CVG_GRAPH_ITEM_OP ? g_array_ref (self->no_children) : g_array_new (FALSE, FALSE, sizeof (guint));
  item->op_index = CVG_GRAPH_NONE;
  g_ptr_array_add (self->items, item);
  g_hash_table_insert (self->item_by_name, item->name, GUINT_TO_POINTER (index + 1));
  if (parent != CVG_GRAPH_NONE)
    {
      CvgGraphItem *above = g_ptr_array_index (self->items, parent);

      /* An op under which a crafted name puts items gets its own. */
      if (above->children == self->no_children)
        {
          g_array_unref (above->children);
          above->children = g_array_new (FALSE, FALSE, sizeof (guint));
        }
      g_array_append_val (above->children, index);
    }
  return index;
}

/* The scope item of @path ("a/b"), made with the scopes above it. */
static guint
ensure_scope (CvgGraph   *self,
              const char *path)
{
  guint found = cvg_graph_lookup_item (self, path);
  const char *slash;
  guint parent;

  if (found != CVG_GRAPH_NONE)
    return found;
  slash = strrchr (path, '/');
  if (slash == NULL)
    parent = 0;
  else
    {
      g_autofree char *above = g_strndup (path, slash - path);
      parent = ensure_scope (self, above);
    }
  return add_item (self, CVG_GRAPH_ITEM_SCOPE, g_strdup (path), parent);
}

/* An op named like a scope ("a/b" and "a/b/c") sits inside it as "(b)". */
static void
place_op (CvgGraph   *self,
          GHashTable *scopes,
          guint       index)
{
  CvgGraphOp *op = g_ptr_array_index (self->ops, index);
  const char *slash = strrchr (op->name, '/');
  CvgGraphItem *item;
  guint parent = 0;
  char *name;

  if (g_hash_table_contains (scopes, op->name))
    {
      parent = ensure_scope (self, op->name);
      name = g_strdup_printf ("%s/(%s)", op->name, slash != NULL ? slash + 1 : op->name);
    }
  else
    {
      if (slash != NULL)
        {
          g_autofree char *above = g_strndup (op->name, slash - op->name);
          parent = ensure_scope (self, above);
        }
      name = g_strdup (op->name);
    }
  if (cvg_graph_lookup_item (self, name) != CVG_GRAPH_NONE)
    {
      g_free (name);
      return;
    }
  op->item = add_item (self, CVG_GRAPH_ITEM_OP, name, parent);
  item = g_ptr_array_index (self->items, op->item);
  item->op_index = index;
  item->op = op->op;
}

static GHashTable *
collect_scopes (CvgGraph *self)
{
  GHashTable *scopes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < self->ops->len; i++)
    {
      CvgGraphOp *op = g_ptr_array_index (self->ops, i);

      for (const char *p = strchr (op->name, '/'); p != NULL; p = strchr (p + 1, '/'))
        g_hash_table_add (scopes, g_strndup (op->name, p - op->name));
    }
  return scopes;
}

/* "name_12" → "name_" and 12; FALSE without a trailing number. */
static gboolean
split_number (const char *name,
              char      **prefix,
              guint64    *number)
{
  gsize len = strlen (name);
  gsize start = len;

  while (start > 0 && g_ascii_isdigit (name[start - 1]))
    start--;
  if (start == len || start == 0 || len - start > 9)
    return FALSE;
  *prefix = g_strndup (name, start);
  *number = g_ascii_strtoull (name + start, NULL, 10);
  return TRUE;
}

static char *
series_key (CvgGraph *self,
            guint     index,
            guint64  *number)
{
  CvgGraphItem *item = g_ptr_array_index (self->items, index);
  g_autofree char *prefix = NULL;

  if (item->kind == CVG_GRAPH_ITEM_SERIES || !split_number (item->short_name, &prefix, number))
    return NULL;
  /* Same op, or scopes of the same size: a cheap stand-in for
   * TensorBoard's isomorphism test. */
  if (item->kind == CVG_GRAPH_ITEM_OP)
    return g_strconcat (prefix, "\x1fop\x1f", item->op, NULL);
  return g_strdup_printf ("%s\x1fscope\x1f%u", prefix, item->children->len);
}

typedef struct
{
  GArray  *members;
  guint64  lo, hi;
  guint    series;  /* its item, once made */
} SeriesGroup;

static void
series_group_free (gpointer data)
{
  SeriesGroup *group = data;

  g_array_unref (group->members);
  g_free (group);
}

/* A series item for @group under @parent, its members moved into it. */
static guint
make_series (CvgGraph    *self,
             guint        parent,
             SeriesGroup *group)
{
  CvgGraphItem *first = g_ptr_array_index (self->items, g_array_index (group->members, guint, 0));
  g_autofree char *prefix = NULL;
  guint64 number;
  CvgGraphItem *series;
  guint index;

  split_number (first->name, &prefix, &number);
  index = add_item (self, CVG_GRAPH_ITEM_SERIES,
                    g_strdup_printf ("%s[%" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT "]", prefix, group->lo, group->hi),
                    CVG_GRAPH_NONE);
  series = g_ptr_array_index (self->items, index);
  series->op = first->op;
  series->parent = parent;
  for (guint m = 0; m < group->members->len; m++)
    {
      guint child = g_array_index (group->members, guint, m);

      ((CvgGraphItem *) g_ptr_array_index (self->items, child))->parent = index;
      g_array_append_val (series->children, child);
    }
  return index;
}

/* Siblings whose names differ by a trailing number, grouped by name
 * stem in a hash, so that a scope of n children costs O(n). */
static void
group_series (CvgGraph *self,
              guint     parent)
{
  CvgGraphItem *scope = g_ptr_array_index (self->items, parent);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, series_group_free);
  g_autoptr(GHashTable) group_of = g_hash_table_new (NULL, NULL);  /* member → its group */
  g_autoptr(GArray) children = NULL;

  for (guint i = 0; i < scope->children->len; i++)
    {
      guint child = g_array_index (scope->children, guint, i);
      guint64 number = 0;
      char *key = series_key (self, child, &number);
      SeriesGroup *group;

      if (key == NULL)
        continue;
      group = g_hash_table_lookup (groups, key);
      if (group == NULL)
        {
          group = g_new0 (SeriesGroup, 1);
          group->members = g_array_new (FALSE, FALSE, sizeof (guint));
          group->lo = group->hi = number;
          group->series = CVG_GRAPH_NONE;
          g_hash_table_insert (groups, key, group);
        }
      else
        g_free (key);
      g_array_append_val (group->members, child);
      group->lo = MIN (group->lo, number);
      group->hi = MAX (group->hi, number);
      g_hash_table_insert (group_of, GUINT_TO_POINTER (child), group);
    }
  /* A series takes its first member's place among the siblings. */
  children = g_array_sized_new (FALSE, FALSE, sizeof (guint), scope->children->len);
  for (guint i = 0; i < scope->children->len; i++)
    {
      guint child = g_array_index (scope->children, guint, i);
      SeriesGroup *group = g_hash_table_lookup (group_of, GUINT_TO_POINTER (child));

      if (group == NULL || group->members->len < CVG_GRAPH_SERIES_MIN)
        g_array_append_val (children, child);
      else if (group->series == CVG_GRAPH_NONE)
        {
          group->series = make_series (self, parent, group);
          g_array_append_val (children, group->series);
        }
    }
  g_array_unref (scope->children);
  scope->children = g_steal_pointer (&children);
}

/* Depths and op counts; items were made parents first, series last. */
static void
count_items (CvgGraph *self)
{
  for (guint i = 1; i < self->items->len; i++)
    {
      CvgGraphItem *item = g_ptr_array_index (self->items, i);
      guint depth = 0;

      for (guint p = item->parent; p != CVG_GRAPH_NONE; p = ((CvgGraphItem *) g_ptr_array_index (self->items, p))->parent)
        {
          depth++;
          if (item->kind == CVG_GRAPH_ITEM_OP)
            ((CvgGraphItem *) g_ptr_array_index (self->items, p))->n_ops++;
        }
      item->depth = depth;
      item->n_ops += item->kind == CVG_GRAPH_ITEM_OP;
    }
}

static void
link_outputs (CvgGraph *self)
{
  for (guint i = 0; i < self->ops->len; i++)
    {
      CvgGraphOp *op = g_ptr_array_index (self->ops, i);

      for (guint k = 0; k < op->inputs->len; k++)
        {
          CvgGraphOp *source = g_ptr_array_index (self->ops, g_array_index (op->inputs, CvgGraphInput, k).source);

          if (source->outputs->len == 0 || g_array_index (source->outputs, guint, source->outputs->len - 1) != i)
            g_array_append_val (source->outputs, i);
        }
    }
}

static int
compare_attrs (gconstpointer a,
               gconstpointer b)
{
  const CvgGraphAttr *x = *(const CvgGraphAttr * const *) a;
  const CvgGraphAttr *y = *(const CvgGraphAttr * const *) b;

  return strcmp (x->key, y->key);
}

/* Scopes are made one per level of a name: a name of 100,000 '/'
 * would make that many scopes, each with a copy of its path. */
static gboolean
check_scope_depth (CvgGraph  *self,
                   GError   **error)
{
  for (guint i = 0; i < self->ops->len; i++)
    {
      const char *name = ((CvgGraphOp *) g_ptr_array_index (self->ops, i))->name;
      guint depth = 0;

      for (const char *p = strchr (name, '/'); p != NULL; p = strchr (p + 1, '/'))
        if (++depth > CVG_GRAPH_MAX_SCOPE_DEPTH)
          {
            g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE,
                         "Graph nested too deeply (a name of more than %u scopes)", CVG_GRAPH_MAX_SCOPE_DEPTH);
            return FALSE;
          }
    }
  return TRUE;
}

gboolean
_cvg_graph_finish (CvgGraph  *self,
                   GError   **error)
{
  g_autoptr(GHashTable) scopes = NULL;
  guint n_scoped;

  if (!check_scope_depth (self, error))
    return FALSE;
  scopes = collect_scopes (self);

  add_item (self, CVG_GRAPH_ITEM_SCOPE, g_strdup (""), CVG_GRAPH_NONE);
  for (guint i = 0; i < self->ops->len; i++)
    place_op (self, scopes, i);
  n_scoped = self->items->len;
  for (guint i = 0; i < n_scoped; i++)
    if (((CvgGraphItem *) g_ptr_array_index (self->items, i))->kind == CVG_GRAPH_ITEM_SCOPE)
      group_series (self, i);
  count_items (self);
  link_outputs (self);
  for (guint i = 0; i < self->ops->len; i++)
    g_ptr_array_sort (((CvgGraphOp *) g_ptr_array_index (self->ops, i))->attrs, compare_attrs);
  return TRUE;
}

/* GraphDef. */

/* @self when finished, else NULL and @self freed. */
static CvgGraph *
finish_or_free (CvgGraph  *self,
                GError   **error)
{
  if (!_cvg_graph_finish (self, error))
    g_clear_pointer (&self, cvg_graph_unref);
  return self;
}

static CvgGraph *
graph_from_def (CvgGraphDef  *def,
                GError      **error)
{
  CvgGraph *self = _cvg_graph_new ();

  for (guint i = 0; i < def->nodes->len; i++)
    {
      CvgNodeDef *node = g_ptr_array_index (def->nodes, i);
      CvgGraphOp *op = take_op (self, g_steal_pointer (&node->name), g_steal_pointer (&node->op),
                                g_steal_pointer (&node->device));

      g_ptr_array_unref (op->attrs);
      op->attrs = g_steal_pointer (&node->attrs);
      g_ptr_array_unref (op->output_shapes);
      op->output_shapes = g_steal_pointer (&node->output_shapes);
    }
  for (guint i = 0; i < def->nodes->len; i++)
    {
      CvgNodeDef *node = g_ptr_array_index (def->nodes, i);

      for (guint k = 0; k < node->inputs->len; k++)
        _cvg_graph_add_input (self, g_ptr_array_index (self->ops, i), g_ptr_array_index (node->inputs, k));
    }
  return finish_or_free (self, error);
}

CvgGraph *
cvg_graph_new_from_graph_def (const guint8  *data,
                              gsize          len,
                              GError       **error)
{
  g_autoptr(CvgGraphDef) def = cvg_graph_def_decode (data, len, error);

  return def != NULL ? graph_from_def (def, error) : NULL;
}

CvgGraph *
cvg_graph_new_from_meta_graph_def (const guint8  *data,
                                   gsize          len,
                                   GError       **error)
{
  g_autoptr(CvgGraphDef) def = cvg_graph_def_decode_meta (data, len, error);

  return def != NULL ? graph_from_def (def, error) : NULL;
}

/* RunMetadata. */

/* Adds the sums to the ops of the same name and to the items above. */
static void
attach_stats (CvgGraph   *self,
              GHashTable *stats)
{
  for (guint i = 0; i < self->ops->len; i++)
    {
      CvgGraphOp *op = g_ptr_array_index (self->ops, i);
      const CvgNodeStats *sum = g_hash_table_lookup (stats, op->name);

      if (sum == NULL)
        continue;
      op->has_stats = TRUE;
      op->compute_micros = sum->compute_micros;
      op->peak_bytes = sum->peak_bytes;
      for (guint it = op->item; it != CVG_GRAPH_NONE; it = ((CvgGraphItem *) g_ptr_array_index (self->items, it))->parent)
        ((CvgGraphItem *) g_ptr_array_index (self->items, it))->compute_micros += sum->compute_micros;
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static int
compare_stats (gconstpointer a,
               gconstpointer b)
{
  return strcmp ((*(const CvgNodeStats * const *) a)->name, (*(const CvgNodeStats * const *) b)->name);
}

/* Without a graph: one op per node the stats name, its type and inputs
 * read from the timeline label "name = Op(a, b)". */
static CvgGraph *
graph_from_stats (GPtrArray  *stats,
                  GError    **error)
{
  CvgGraph *self = _cvg_graph_new ();
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (stats->len);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_ptr_array_extend (sorted, stats, NULL, NULL);
  g_ptr_array_sort (sorted, compare_stats);
  for (guint i = 0; i < sorted->len; i++)
    {
      const CvgNodeStats *sum = g_ptr_array_index (sorted, i);
      const char *eq = strstr (sum->timeline_label, " = ");
      const char *paren = eq != NULL ? strchr (eq, '(') : NULL;
      const char *close = paren != NULL ? strrchr (paren, ')') : NULL;
      g_autofree char *type = NULL;
      g_autofree char *args = NULL;

      if (paren != NULL && close != NULL)
        {
          type = g_strndup (eq + 3, paren - eq - 3);
          args = g_strndup (paren + 1, close - paren - 1);
        }
      _cvg_graph_add_op (self, sum->name, type, sum->device);
      g_ptr_array_add (labels, args != NULL && args[0] != '\0' ? g_strsplit (args, ", ", -1) : NULL);
    }
  for (guint i = 0; i < sorted->len; i++)
    for (char **arg = g_ptr_array_index (labels, i); arg != NULL && *arg != NULL; arg++)
      _cvg_graph_add_input (self, g_ptr_array_index (self->ops, i), g_strstrip (*arg));
  return finish_or_free (self, error);
}

/* What a graph is built from, copied off the run (on the thread that
 * owns it) so that a worker can build it. */
typedef enum
{
  FORMAT_NONE,
  FORMAT_GRAPH_DEF,
  FORMAT_META_GRAPH_DEF,
  FORMAT_KERAS_JSON,
  FORMAT_RUN_METADATA,
} Format;

struct _CvgGraphRequest
{
  Format  format;
  GBytes *bytes;
  Format  ops_format;  /* RUN_METADATA: the run's op graph, if any */
  GBytes *ops;
  char   *what;        /* for "no graph" */
};

static CvgGraph *
graph_from_bytes (Format    format,
                  GBytes   *bytes,
                  GError  **error)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  if (format == FORMAT_GRAPH_DEF)
    return cvg_graph_new_from_graph_def (data, len, error);
  if (format == FORMAT_META_GRAPH_DEF)
    return cvg_graph_new_from_meta_graph_def (data, len, error);
  return cvg_graph_new_from_keras_json ((const char *) data, len, error);
}

/* The run's op graph when the stats name enough of its nodes. */
static CvgGraph *
op_graph_for_stats (CvgGraphRequest *request,
                    GHashTable      *stats)
{
  CvgGraph *self;
  guint named = 0;

  if (request->ops == NULL || (self = graph_from_bytes (request->ops_format, request->ops, NULL)) == NULL)
    return NULL;
  for (guint i = 0; i < self->ops->len; i++)
    named += g_hash_table_contains (stats, ((CvgGraphOp *) g_ptr_array_index (self->ops, i))->name);
  /* The op graph of a run is not the graph that ran when few of the
   * stats name its nodes (Keras runs a rewritten function). */
  if (g_hash_table_size (stats) > 0 && named * 2 < g_hash_table_size (stats))
    g_clear_pointer (&self, cvg_graph_unref);
  return self;
}

static CvgGraph *
graph_from_run_metadata (CvgGraphRequest  *request,
                         GError          **error)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (request->bytes, &len);
  g_autoptr(CvgGraphDef) def = cvg_graph_def_decode_run_metadata (data, len, error);
  g_autoptr(GHashTable) stats = NULL;
  CvgGraph *self;

  if (def == NULL)
    return NULL;
  stats = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < def->stats->len; i++)
    g_hash_table_insert (stats, ((CvgNodeStats *) g_ptr_array_index (def->stats, i))->name,
                         g_ptr_array_index (def->stats, i));
  if (def->nodes->len > 0)
    self = graph_from_def (def, error);
  else if ((self = op_graph_for_stats (request, stats)) == NULL)
    self = graph_from_stats (def->stats, error);
  if (self != NULL)
    attach_stats (self, stats);
  return self;
}

static void
snapshot_op_graph (CvgGraphRequest *request,
                   CvgRun          *run);

CvgGraph *
cvg_graph_new_from_run_metadata (const guint8  *data,
                                 gsize          len,
                                 CvgRun        *run,
                                 GError       **error)
{
  g_autoptr(CvgGraphRequest) request = g_new0 (CvgGraphRequest, 1);

  request->format = FORMAT_RUN_METADATA;
  request->bytes = g_bytes_new (data, len);
  if (run != NULL)
    snapshot_op_graph (request, run);
  return cvg_graph_request_build (request, NULL, error);
}

gboolean
cvg_graph_has_stats (CvgGraph *self)
{
  for (guint i = 0; i < self->ops->len; i++)
    if (((CvgGraphOp *) g_ptr_array_index (self->ops, i))->has_stats)
      return TRUE;
  return FALSE;
}

/* From a run. */

/* The newest value of the series of @kind, as bytes, or NULL. */
static const CvgSpan *
newest_bytes (CvgRun     *run,
              CvgKind     kind,
              const char *tag)
{
  CvgSeries *series = cvg_run_lookup_series (run, kind, tag);
  const CvgTensorValue *value;

  if (series == NULL || cvg_series_get_length (series) == 0)
    return NULL;
  value = cvg_series_get_tensor (series, cvg_series_get_length (series) - 1);
  if (value == NULL || value->strings == NULL || value->n_elements == 0)
    return NULL;
  return &value->strings[0];
}

static gboolean
snapshot (CvgRun     *run,
          CvgKind     kind,
          const char *tag,
          Format      format,
          Format     *format_out,
          GBytes    **bytes_out)
{
  const CvgSpan *bytes = newest_bytes (run, kind, tag);

  if (bytes == NULL)
    return FALSE;
  *format_out = format;
  *bytes_out = g_bytes_new (bytes->data, bytes->len);
  return TRUE;
}

static void
snapshot_op_graph (CvgGraphRequest *request,
                   CvgRun          *run)
{
  if (!snapshot (run, CVG_KIND_GRAPH_DEF, "", FORMAT_GRAPH_DEF, &request->ops_format, &request->ops))
    snapshot (run, CVG_KIND_META_GRAPH_DEF, "", FORMAT_META_GRAPH_DEF, &request->ops_format, &request->ops);
}

gboolean
cvg_graph_run_has (CvgRun         *run,
                   CvgGraphSource  source)
{
  if (source == CVG_GRAPH_SOURCE_RUN_METADATA)
    {
      g_auto(GStrv) tags = cvg_graph_run_list_run_metadata (run);

      return tags[0] != NULL;
    }
  if (source == CVG_GRAPH_SOURCE_KERAS)
    return newest_bytes (run, CVG_KIND_KERAS_MODEL, "keras") != NULL;
  return newest_bytes (run, CVG_KIND_GRAPH_DEF, "") != NULL
         || newest_bytes (run, CVG_KIND_META_GRAPH_DEF, "") != NULL;
}

CvgGraphRequest *
cvg_graph_request_new (CvgRun         *run,
                       CvgGraphSource  source,
                       const char     *tag)
{
  CvgGraphRequest *request = g_new0 (CvgGraphRequest, 1);
  g_auto(GStrv) tags = NULL;

  if (source == CVG_GRAPH_SOURCE_KERAS)
    {
      snapshot (run, CVG_KIND_KERAS_MODEL, "keras", FORMAT_KERAS_JSON, &request->format, &request->bytes);
      return request;
    }
  if (source == CVG_GRAPH_SOURCE_OPS)
    {
      snapshot_op_graph (request, run);
      request->format = request->ops_format;
      request->bytes = g_steal_pointer (&request->ops);
      return request;
    }
  if (tag == NULL)
    {
      tags = cvg_graph_run_list_run_metadata (run);
      tag = tags[0];
    }
  if (tag != NULL && snapshot (run, CVG_KIND_RUN_METADATA, tag, FORMAT_RUN_METADATA, &request->format, &request->bytes))
    snapshot_op_graph (request, run);
  else if (tag != NULL)
    request->what = g_strdup (tag);
  return request;
}

void
cvg_graph_request_free (CvgGraphRequest *request)
{
  g_clear_pointer (&request->bytes, g_bytes_unref);
  g_clear_pointer (&request->ops, g_bytes_unref);
  g_free (request->what);
  g_free (request);
}

CvgGraph *
cvg_graph_request_build (CvgGraphRequest  *request,
                         GCancellable     *cancellable,
                         GError          **error)
{
  CvgGraph *self;

  if (request->format == FORMAT_NONE)
    {
      if (request->what != NULL)
        g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE, "No run metadata “%s” in this run", request->what);
      else
        g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE, "No graph in this run");
      return NULL;
    }
  if (request->format == FORMAT_RUN_METADATA)
    self = graph_from_run_metadata (request, error);
  else
    self = graph_from_bytes (request->format, request->bytes, error);
  if (self != NULL && g_cancellable_set_error_if_cancelled (cancellable, error))
    g_clear_pointer (&self, cvg_graph_unref);
  return self;
}

CvgGraph *
cvg_graph_new_from_run (CvgRun          *run,
                        CvgGraphSource   source,
                        GError         **error)
{
  g_autoptr(CvgGraphRequest) request = cvg_graph_request_new (run, source, NULL);

  return cvg_graph_request_build (request, NULL, error);
}

char **
cvg_graph_run_list_run_metadata (CvgRun *run)
{
  GPtrArray *all = cvg_run_get_series (run);
  g_autoptr(GPtrArray) tags = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  char **strv;

  for (guint i = 0; i < all->len; i++)
    {
      CvgSeries *series = g_ptr_array_index (all, i);

      if (cvg_series_get_kind (series) == CVG_KIND_RUN_METADATA
          && newest_bytes (run, CVG_KIND_RUN_METADATA, cvg_series_get_tag (series)) != NULL
          && !g_ptr_array_find_with_equal_func (tags, cvg_series_get_tag (series), g_str_equal, NULL))
        g_ptr_array_add (tags, g_strdup (cvg_series_get_tag (series)));
    }
  g_ptr_array_sort (tags, compare_strings);
  strv = (char **) g_ptr_array_steal (tags, NULL);
  /* An empty array may have no storage yet. */
  return strv != NULL ? strv : g_new0 (char *, 1);
}

CvgGraph *
cvg_graph_new_from_run_metadata_tag (CvgRun      *run,
                                     const char  *tag,
                                     GError     **error)
{
  g_autoptr(CvgGraphRequest) request = cvg_graph_request_new (run, CVG_GRAPH_SOURCE_RUN_METADATA, tag);

  return cvg_graph_request_build (request, NULL, error);
}

CvgGraph *
cvg_graph_ref (CvgGraph *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

static gpointer
graph_free (gpointer data)
{
  CvgGraph *self = data;

  g_hash_table_unref (self->op_by_name);
  g_hash_table_unref (self->item_by_name);
  g_ptr_array_unref (self->items);
  g_ptr_array_unref (self->ops);
  g_array_unref (self->no_children);
  g_free (self);
  return NULL;
}

/* Freeing a million ops takes about a second: a big graph goes on a
 * thread of its own, so that a window closing on it need not wait. */
void
cvg_graph_unref (CvgGraph *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  if (self->ops->len < FREE_ASIDE_OPS)
    graph_free (self);
  else
    g_thread_unref (g_thread_new ("cvg-graph-free", graph_free, self));
}

guint
cvg_graph_get_n_ops (CvgGraph *self)
{
  return self->ops->len;
}

const CvgGraphOp *
cvg_graph_get_op (CvgGraph *self,
                  guint     index)
{
  g_return_val_if_fail (index < self->ops->len, NULL);
  return g_ptr_array_index (self->ops, index);
}

guint
cvg_graph_get_n_items (CvgGraph *self)
{
  return self->items->len;
}

const CvgGraphItem *
cvg_graph_get_item (CvgGraph *self,
                    guint     index)
{
  g_return_val_if_fail (index < self->items->len, NULL);
  return g_ptr_array_index (self->items, index);
}

guint
cvg_graph_lookup_item (CvgGraph   *self,
                       const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->item_by_name, name)) - 1;
}

guint
cvg_graph_lookup_op (CvgGraph   *self,
                     const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->op_by_name, name)) - 1;
}

gboolean
cvg_graph_item_is_within (CvgGraph *self,
                          guint     item,
                          guint     ancestor)
{
  for (guint i = item; i != CVG_GRAPH_NONE; i = cvg_graph_get_item (self, i)->parent)
    if (i == ancestor)
      return TRUE;
  return FALSE;
}

/* Whether @name contains @needle (casefolded), ignoring case; ASCII
 * without a copy, as a search of a million names runs per keystroke. */
static gboolean
name_matches (const char *name,
              const char *needle,
              gsize       needle_len,
              gboolean    needle_ascii)
{
  g_autofree char *folded = NULL;

  if (needle_ascii)
    {
      const char *p = name;

      for (; *p != '\0' && !(*p & 0x80); p++)
        if (g_ascii_strncasecmp (p, needle, needle_len) == 0)
          return TRUE;
      if (*p == '\0')
        return FALSE;
    }
  folded = g_utf8_casefold (name, -1);
  return strstr (folded, needle) != NULL;
}

static void
search_kind (CvgGraph   *self,
             const char *needle,
             gboolean    ops,
             guint       max_results,
             GArray     *found)
{
  gsize needle_len = strlen (needle);
  gboolean needle_ascii = g_str_is_ascii (needle);

  for (guint i = 1; i < self->items->len && found->len < max_results; i++)
    {
      CvgGraphItem *item = g_ptr_array_index (self->items, i);

      if ((item->kind == CVG_GRAPH_ITEM_OP) == ops && name_matches (item->name, needle, needle_len, needle_ascii))
        g_array_append_val (found, i);
    }
}

GArray *
cvg_graph_search (CvgGraph   *self,
                  const char *text,
                  guint       max_results)
{
  g_autofree char *needle = g_utf8_casefold (text, -1);
  GArray *found = g_array_new (FALSE, FALSE, sizeof (guint));

  if (needle[0] == '\0')
    return found;
  search_kind (self, needle, TRUE, max_results, found);
  search_kind (self, needle, FALSE, max_results, found);
  return found;
}

const char *
cvg_graph_get_output_shape (CvgGraph *self,
                            guint     op,
                            guint     port)
{
  const CvgGraphOp *source = cvg_graph_get_op (self, op);

  if (port >= source->output_shapes->len)
    return NULL;
  return g_ptr_array_index (source->output_shapes, port);
}
