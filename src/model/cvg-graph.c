#define G_LOG_DOMAIN "cvg-graph"

#include "config.h"

#include "cvg-graph.h"

#include <stdlib.h>
#include <string.h>

#include "cvg-graph-private.h"
#include "cvg-io-error.h"
#include "cvg-run.h"
#include "cvg-series.h"
#include "cvg-tensor.h"
#include "graph.pb-c.h"

#define MAX_LIST_SHOWN   8
#define MAX_STRING_SHOWN 80

struct _CvgGraph
{
  gatomicrefcount  ref_count;
  GPtrArray       *ops;         /* CvgGraphOp */
  GPtrArray       *items;       /* CvgGraphItem */
  GHashTable      *op_by_name;  /* name → index + 1 */
  GHashTable      *item_by_name;
};

/* Ops and items. */

static void
attr_free (gpointer data)
{
  CvgGraphAttr *attr = data;

  g_free (attr->key);
  g_free (attr->value);
  g_free (attr);
}

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
  return self;
}

CvgGraphOp *
_cvg_graph_add_op (CvgGraph   *self,
                   const char *name,
                   const char *op_type,
                   const char *device)
{
  CvgGraphOp *op = g_new0 (CvgGraphOp, 1);

  op->name = g_strdup (name);
  op->op = g_strdup (op_type != NULL ? op_type : "");
  op->device = g_strdup (device != NULL ? device : "");
  op->attrs = g_ptr_array_new_with_free_func (attr_free);
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
  g_autofree char *name = g_strdup (input + in.control);
  char *colon = strrchr (name, ':');
  guint source;

  if (colon != NULL && g_ascii_isdigit (colon[1]))
    {
      in.port = (guint) strtoul (colon + 1, NULL, 10);
      *colon = '\0';
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
  item->children = g_array_new (FALSE, FALSE, sizeof (guint));
  item->op_index = CVG_GRAPH_NONE;
  g_ptr_array_add (self->items, item);
  g_hash_table_insert (self->item_by_name, item->name, GUINT_TO_POINTER (index + 1));
  if (parent != CVG_GRAPH_NONE)
    g_array_append_val (((CvgGraphItem *) g_ptr_array_index (self->items, parent))->children, index);
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
    return g_strdup_printf ("%s\x1fop\x1f%s", prefix, item->op);
  return g_strdup_printf ("%s\x1fscope\x1f%u", prefix, item->children->len);
}

static void
make_series (CvgGraph *self,
             guint     parent,
             GArray   *members,
             guint64   lo,
             guint64   hi)
{
  CvgGraphItem *scope = g_ptr_array_index (self->items, parent);
  CvgGraphItem *first = g_ptr_array_index (self->items, g_array_index (members, guint, 0));
  g_autofree char *prefix = NULL;
  guint64 number;
  char *name;
  guint series;
  guint at = 0;

  split_number (first->name, &prefix, &number);
  name = g_strdup_printf ("%s[%" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT "]", prefix, lo, hi);
  series = add_item (self, CVG_GRAPH_ITEM_SERIES, name, parent);
  ((CvgGraphItem *) g_ptr_array_index (self->items, series))->op = first->op;
  /* The series takes its first member's place among the siblings. */
  g_array_set_size (scope->children, scope->children->len - 1);
  for (guint i = 0; i < scope->children->len; i++)
    if (g_array_index (scope->children, guint, i) == g_array_index (members, guint, 0))
      at = i;
  g_array_index (scope->children, guint, at) = series;
  for (guint i = 0; i < scope->children->len; i++)
    {
      guint child = g_array_index (scope->children, guint, i);
      gboolean member = FALSE;

      for (guint m = 1; m < members->len && !member; m++)
        member = g_array_index (members, guint, m) == child;
      if (member)
        g_array_remove_index (scope->children, i--);
    }
  for (guint m = 0; m < members->len; m++)
    {
      guint child = g_array_index (members, guint, m);

      ((CvgGraphItem *) g_ptr_array_index (self->items, child))->parent = series;
      g_array_append_val (((CvgGraphItem *) g_ptr_array_index (self->items, series))->children, child);
    }
}

typedef struct
{
  GArray  *members;
  guint64  lo, hi;
} SeriesGroup;

static void
series_group_free (gpointer data)
{
  SeriesGroup *group = data;

  g_array_unref (group->members);
  g_free (group);
}

static void
group_series (CvgGraph *self,
              guint     parent)
{
  CvgGraphItem *scope = g_ptr_array_index (self->items, parent);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, series_group_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

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
          g_hash_table_insert (groups, key, group);
          g_ptr_array_add (order, group);
        }
      else
        g_free (key);
      g_array_append_val (group->members, child);
      group->lo = MIN (group->lo, number);
      group->hi = MAX (group->hi, number);
    }
  for (guint g = 0; g < order->len; g++)
    {
      SeriesGroup *group = g_ptr_array_index (order, g);

      if (group->members->len >= CVG_GRAPH_SERIES_MIN)
        make_series (self, parent, group->members, group->lo, group->hi);
    }
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

void
_cvg_graph_finish (CvgGraph *self)
{
  g_autoptr(GHashTable) scopes = collect_scopes (self);
  guint n_scoped;

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
}

/* Readable attribute values. */

static const char *
dtype_name (int dtype)
{
  static const char *others[] = {
    [8] = "complex64", [11] = "qint8", [12] = "quint8", [13] = "qint32",
    [15] = "qint16", [16] = "quint16", [18] = "complex128",
    [20] = "resource", [21] = "variant",
  };
  int base = dtype > 100 ? dtype - 100 : dtype;
  const char *name = cvg_data_type_name ((CvgDataType) base);

  if (g_str_equal (name, "unknown") && base > 0 && base < (int) G_N_ELEMENTS (others) && others[base] != NULL)
    name = others[base];
  return name;
}

static void
append_dtype (GString *text,
              int      dtype)
{
  g_string_append (text, dtype_name (dtype));
  if (dtype > 100)
    g_string_append (text, "_ref");
}

static void
append_shape (GString                            *text,
              const Tensorboard__TensorShapeProto *shape)
{
  if (shape == NULL)
    {
      g_string_append (text, "()");
      return;
    }
  if (shape->unknown_rank)
    {
      g_string_append (text, "<unknown>");
      return;
    }
  g_string_append_c (text, '(');
  for (gsize d = 0; d < shape->n_dim; d++)
    {
      if (d > 0)
        g_string_append (text, ", ");
      if (shape->dim[d]->size < 0)
        g_string_append_c (text, '?');
      else
        g_string_append_printf (text, "%" G_GINT64_FORMAT, shape->dim[d]->size);
    }
  g_string_append (text, shape->n_dim == 1 ? ",)" : ")");
}

static void
append_bytes (GString                   *text,
              const ProtobufCBinaryData *bytes)
{
  gsize len = MIN (bytes->len, MAX_STRING_SHOWN);

  g_string_append_c (text, '"');
  if (g_utf8_validate ((const char *) bytes->data, len, NULL))
    g_string_append_len (text, (const char *) bytes->data, len);
  else
    g_string_append_printf (text, "<%" G_GSIZE_FORMAT " bytes>", bytes->len);
  if (bytes->len > len)
    g_string_append (text, "…");
  g_string_append_c (text, '"');
}

/* The first values of whichever list a tensor uses. */
static void
append_tensor_values (GString                        *text,
                      const Tensorboard__TensorProto *tensor)
{
  gsize n = tensor->n_float_val + tensor->n_double_val + tensor->n_int_val
            + tensor->n_int64_val + tensor->n_bool_val + tensor->n_string_val;
  gsize shown = MIN (n, (gsize) MAX_LIST_SHOWN);

  if (n == 0)
    {
      if (tensor->tensor_content.len > 0)
        g_string_append_printf (text, " <%" G_GSIZE_FORMAT " bytes>", tensor->tensor_content.len);
      return;
    }
  g_string_append (text, " = [");
  for (gsize i = 0; i < shown; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      if (tensor->n_float_val > 0)
        g_string_append_printf (text, "%g", tensor->float_val[i]);
      else if (tensor->n_double_val > 0)
        g_string_append_printf (text, "%g", tensor->double_val[i]);
      else if (tensor->n_int_val > 0)
        g_string_append_printf (text, "%d", tensor->int_val[i]);
      else if (tensor->n_int64_val > 0)
        g_string_append_printf (text, "%" G_GINT64_FORMAT, tensor->int64_val[i]);
      else if (tensor->n_bool_val > 0)
        g_string_append (text, tensor->bool_val[i] ? "true" : "false");
      else
        append_bytes (text, &tensor->string_val[i]);
    }
  g_string_append (text, n > shown ? ", …]" : "]");
}

static void
append_tensor (GString                        *text,
               const Tensorboard__TensorProto *tensor)
{
  append_dtype (text, tensor->dtype);
  g_string_append_c (text, ' ');
  append_shape (text, tensor->tensor_shape);
  append_tensor_values (text, tensor);
}

static void
append_list (GString                                 *text,
             const Tensorboard__AttrValue__ListValue *list)
{
  gsize n = list->n_s + list->n_i + list->n_f + list->n_b + list->n_type
            + list->n_shape + list->n_tensor + list->n_func;
  gsize shown = MIN (n, (gsize) MAX_LIST_SHOWN);

  g_string_append_c (text, '[');
  for (gsize i = 0; i < shown; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      if (list->n_s > 0)
        append_bytes (text, &list->s[i]);
      else if (list->n_i > 0)
        g_string_append_printf (text, "%" G_GINT64_FORMAT, list->i[i]);
      else if (list->n_f > 0)
        g_string_append_printf (text, "%g", list->f[i]);
      else if (list->n_b > 0)
        g_string_append (text, list->b[i] ? "true" : "false");
      else if (list->n_type > 0)
        append_dtype (text, list->type[i]);
      else if (list->n_shape > 0)
        append_shape (text, list->shape[i]);
      else if (list->n_tensor > 0)
        append_tensor (text, list->tensor[i]);
      else
        g_string_append (text, list->func[i]->name);
    }
  if (n > shown)
    g_string_append_printf (text, ", … (%" G_GSIZE_FORMAT ")", n);
  g_string_append_c (text, ']');
}

static char *
attr_value_to_text (const Tensorboard__AttrValue *value)
{
  GString *text = g_string_new (NULL);

  switch (value->value_case)
    {
    case TENSORBOARD__ATTR_VALUE__VALUE_LIST: append_list (text, value->list); break;
    case TENSORBOARD__ATTR_VALUE__VALUE_S: append_bytes (text, &value->s); break;
    case TENSORBOARD__ATTR_VALUE__VALUE_I: g_string_append_printf (text, "%" G_GINT64_FORMAT, value->i); break;
    case TENSORBOARD__ATTR_VALUE__VALUE_F: g_string_append_printf (text, "%g", value->f); break;
    case TENSORBOARD__ATTR_VALUE__VALUE_B: g_string_append (text, value->b ? "true" : "false"); break;
    case TENSORBOARD__ATTR_VALUE__VALUE_TYPE: append_dtype (text, value->type); break;
    case TENSORBOARD__ATTR_VALUE__VALUE_SHAPE: append_shape (text, value->shape); break;
    case TENSORBOARD__ATTR_VALUE__VALUE_TENSOR: append_tensor (text, value->tensor); break;
    case TENSORBOARD__ATTR_VALUE__VALUE_PLACEHOLDER: g_string_append_printf (text, "$%s", value->placeholder); break;
    case TENSORBOARD__ATTR_VALUE__VALUE_FUNC: g_string_append (text, value->func->name); break;
    case TENSORBOARD__ATTR_VALUE__VALUE__NOT_SET:
    default: break;
    }
  return g_string_free (text, FALSE);
}

/* `_output_shapes`: one text per output port. */
static void
read_output_shapes (CvgGraphOp                   *op,
                    const Tensorboard__AttrValue *value)
{
  if (value->value_case != TENSORBOARD__ATTR_VALUE__VALUE_LIST)
    return;
  for (gsize i = 0; i < value->list->n_shape; i++)
    {
      GString *text = g_string_new (NULL);

      append_shape (text, value->list->shape[i]);
      g_ptr_array_add (op->output_shapes, g_string_free (text, FALSE));
    }
}

/* GraphDef. */

static CvgGraph *
graph_from_def (const Tensorboard__GraphDef *def)
{
  CvgGraph *self = _cvg_graph_new ();

  for (gsize i = 0; i < def->n_node; i++)
    {
      const Tensorboard__NodeDef *node = def->node[i];
      CvgGraphOp *op = _cvg_graph_add_op (self, node->name, node->op, node->device);

      for (gsize a = 0; a < node->n_attr; a++)
        {
          if (node->attr[a]->value == NULL)
            continue;
          if (g_str_equal (node->attr[a]->key, "_output_shapes"))
            read_output_shapes (op, node->attr[a]->value);
          _cvg_graph_add_attr (op, node->attr[a]->key, attr_value_to_text (node->attr[a]->value));
        }
    }
  for (gsize i = 0; i < def->n_node; i++)
    for (gsize k = 0; k < def->node[i]->n_input; k++)
      _cvg_graph_add_input (self, g_ptr_array_index (self->ops, i), def->node[i]->input[k]);
  _cvg_graph_finish (self);
  return self;
}

static gboolean
set_decode_error (GError    **error,
                  const char *what)
{
  g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE, "Not a valid %s", what);
  return FALSE;
}

CvgGraph *
cvg_graph_new_from_graph_def (const guint8  *data,
                              gsize          len,
                              GError       **error)
{
  Tensorboard__GraphDef *def = tensorboard__graph_def__unpack (NULL, len, data);
  CvgGraph *self;

  if (def == NULL)
    {
      set_decode_error (error, "GraphDef");
      return NULL;
    }
  self = graph_from_def (def);
  tensorboard__graph_def__free_unpacked (def, NULL);
  return self;
}

CvgGraph *
cvg_graph_new_from_meta_graph_def (const guint8  *data,
                                   gsize          len,
                                   GError       **error)
{
  Tensorboard__MetaGraphDef *meta = tensorboard__meta_graph_def__unpack (NULL, len, data);
  Tensorboard__GraphDef empty = TENSORBOARD__GRAPH_DEF__INIT;
  CvgGraph *self;

  if (meta == NULL)
    {
      set_decode_error (error, "MetaGraphDef");
      return NULL;
    }
  self = graph_from_def (meta->graph_def != NULL ? meta->graph_def : &empty);
  tensorboard__meta_graph_def__free_unpacked (meta, NULL);
  return self;
}

/* RunMetadata. */

/* Sums the stats of each node by name. */
static GHashTable *
collect_stats (const Tensorboard__RunMetadata *meta)
{
  GHashTable *stats = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const Tensorboard__StepStats *step = meta->step_stats;

  for (gsize d = 0; step != NULL && d < step->n_dev_stats; d++)
    for (gsize n = 0; n < step->dev_stats[d]->n_node_stats; n++)
      {
        const Tensorboard__NodeExecStats *exec = step->dev_stats[d]->node_stats[n];
        CvgGraphOp *sum = g_hash_table_lookup (stats, exec->node_name);

        if (sum == NULL)
          {
            sum = g_new0 (CvgGraphOp, 1);
            sum->name = exec->node_name;
            sum->device = step->dev_stats[d]->device;
            sum->op = exec->timeline_label; /* borrowed: parsed later */
            g_hash_table_insert (stats, exec->node_name, sum);
          }
        sum->compute_micros += exec->all_end_rel_micros;
        for (gsize m = 0; m < exec->n_memory; m++)
          sum->peak_bytes += exec->memory[m]->peak_bytes;
      }
  return stats;
}

/* Adds the sums to the ops of the same name and to the items above. */
static void
attach_stats (CvgGraph   *self,
              GHashTable *stats)
{
  for (guint i = 0; i < self->ops->len; i++)
    {
      CvgGraphOp *op = g_ptr_array_index (self->ops, i);
      const CvgGraphOp *sum = g_hash_table_lookup (stats, op->name);

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

/* Without a graph: one op per node the stats name, its type and inputs
 * read from the timeline label "name = Op(a, b)". */
static CvgGraph *
graph_from_stats (GHashTable *stats)
{
  CvgGraph *self = _cvg_graph_new ();
  g_autofree gpointer *names = g_hash_table_get_keys_as_array (stats, NULL);
  guint n = g_hash_table_size (stats);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  qsort (names, n, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n; i++)
    {
      const CvgGraphOp *sum = g_hash_table_lookup (stats, names[i]);
      const char *label = sum->op != NULL ? sum->op : "";
      const char *eq = strstr (label, " = ");
      const char *paren = eq != NULL ? strchr (eq, '(') : NULL;
      const char *close = paren != NULL ? strrchr (paren, ')') : NULL;
      g_autofree char *type = NULL;
      g_autofree char *args = NULL;

      if (paren != NULL && close != NULL)
        {
          type = g_strndup (eq + 3, paren - eq - 3);
          args = g_strndup (paren + 1, close - paren - 1);
        }
      _cvg_graph_add_op (self, names[i], type, sum->device);
      g_ptr_array_add (labels, args != NULL && args[0] != '\0' ? g_strsplit (args, ", ", -1) : NULL);
    }
  for (guint i = 0; i < n; i++)
    for (char **arg = g_ptr_array_index (labels, i); arg != NULL && *arg != NULL; arg++)
      _cvg_graph_add_input (self, g_ptr_array_index (self->ops, i), g_strstrip (*arg));
  _cvg_graph_finish (self);
  return self;
}

/* Its graph: function graphs, else partition graphs; NULL for none. */
static CvgGraph *
graph_from_run_metadata (const Tensorboard__RunMetadata *meta)
{
  g_autoptr(GPtrArray) defs = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree Tensorboard__NodeDef **nodes = NULL;
  Tensorboard__GraphDef merged = TENSORBOARD__GRAPH_DEF__INIT;

  for (gsize f = 0; f < meta->n_function_graphs && defs->len == 0; f++)
    {
      const Tensorboard__RunMetadata__FunctionGraphs *fn = meta->function_graphs[f];

      if (fn->post_optimization_graph != NULL && fn->post_optimization_graph->n_node > 0)
        g_ptr_array_add (defs, fn->post_optimization_graph);
      else if (fn->pre_optimization_graph != NULL && fn->pre_optimization_graph->n_node > 0)
        g_ptr_array_add (defs, fn->pre_optimization_graph);
    }
  for (gsize p = 0; p < meta->n_partition_graphs && defs->len == 0; p++)
    if (meta->partition_graphs[p]->n_node > 0)
      for (gsize q = p; q < meta->n_partition_graphs; q++)
        g_ptr_array_add (defs, meta->partition_graphs[q]);
  for (guint d = 0; d < defs->len; d++)
    merged.n_node += ((Tensorboard__GraphDef *) g_ptr_array_index (defs, d))->n_node;
  if (merged.n_node == 0)
    return NULL;
  /* Partitions share the names of the nodes they copy: keep the first. */
  nodes = g_new (Tensorboard__NodeDef *, merged.n_node);
  merged.n_node = 0;
  for (guint d = 0; d < defs->len; d++)
    {
      const Tensorboard__GraphDef *def = g_ptr_array_index (defs, d);

      for (gsize i = 0; i < def->n_node; i++)
        if (g_hash_table_add (seen, def->node[i]->name))
          nodes[merged.n_node++] = def->node[i];
    }
  merged.node = nodes;
  return graph_from_def (&merged);
}

static CvgGraph *
op_graph_of_run (CvgRun *run)
{
  if (run == NULL || !cvg_graph_run_has (run, CVG_GRAPH_SOURCE_OPS))
    return NULL;
  return cvg_graph_new_from_run (run, CVG_GRAPH_SOURCE_OPS, NULL);
}

CvgGraph *
cvg_graph_new_from_run_metadata (const guint8  *data,
                                 gsize          len,
                                 CvgRun        *run,
                                 GError       **error)
{
  Tensorboard__RunMetadata *meta = tensorboard__run_metadata__unpack (NULL, len, data);
  g_autoptr(GHashTable) stats = NULL;
  CvgGraph *self;

  if (meta == NULL)
    {
      set_decode_error (error, "RunMetadata");
      return NULL;
    }
  stats = collect_stats (meta);
  self = graph_from_run_metadata (meta);
  if (self == NULL && (self = op_graph_of_run (run)) != NULL && g_hash_table_size (stats) > 0)
    {
      guint named = 0;

      for (guint i = 0; i < self->ops->len; i++)
        named += g_hash_table_contains (stats, ((CvgGraphOp *) g_ptr_array_index (self->ops, i))->name);
      /* The op graph of a run is not the graph that ran when few of
       * the stats name its nodes (Keras runs a rewritten function). */
      if (named * 2 < g_hash_table_size (stats))
        g_clear_pointer (&self, cvg_graph_unref);
    }
  if (self == NULL)
    self = g_hash_table_size (stats) > 0 ? graph_from_stats (stats) : _cvg_graph_new ();
  if (self->items->len == 0)
    _cvg_graph_finish (self);
  attach_stats (self, stats);
  g_clear_pointer (&stats, g_hash_table_unref);
  tensorboard__run_metadata__free_unpacked (meta, NULL);
  return self;
}

gboolean
cvg_graph_has_stats (CvgGraph *self)
{
  for (guint i = 0; i < self->ops->len; i++)
    if (((CvgGraphOp *) g_ptr_array_index (self->ops, i))->has_stats)
      return TRUE;
  return FALSE;
}

/* The newest value of the series of @kind, as bytes, or NULL. */
static const CvgSpan *
newest_bytes (CvgRun  *run,
              CvgKind  kind,
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

CvgGraph *
cvg_graph_new_from_run (CvgRun          *run,
                        CvgGraphSource   source,
                        GError         **error)
{
  const CvgSpan *bytes;

  if (source == CVG_GRAPH_SOURCE_RUN_METADATA)
    {
      g_auto(GStrv) tags = cvg_graph_run_list_run_metadata (run);

      if (tags[0] != NULL)
        return cvg_graph_new_from_run_metadata_tag (run, tags[0], error);
      bytes = NULL;
    }
  else if (source == CVG_GRAPH_SOURCE_KERAS)
    bytes = newest_bytes (run, CVG_KIND_KERAS_MODEL, "keras");
  else if ((bytes = newest_bytes (run, CVG_KIND_GRAPH_DEF, "")) != NULL)
    return cvg_graph_new_from_graph_def (bytes->data, bytes->len, error);
  else if ((bytes = newest_bytes (run, CVG_KIND_META_GRAPH_DEF, "")) != NULL)
    return cvg_graph_new_from_meta_graph_def (bytes->data, bytes->len, error);
  if (bytes == NULL)
    {
      g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE, "No graph in this run");
      return NULL;
    }
  return cvg_graph_new_from_keras_json ((const char *) bytes->data, bytes->len, error);
}

char **
cvg_graph_run_list_run_metadata (CvgRun *run)
{
  GPtrArray *all = cvg_run_get_series (run);
  g_autoptr(GPtrArray) tags = g_ptr_array_new_null_terminated (0, g_free, TRUE);

  for (guint i = 0; i < all->len; i++)
    {
      CvgSeries *series = g_ptr_array_index (all, i);

      if (cvg_series_get_kind (series) == CVG_KIND_RUN_METADATA
          && newest_bytes (run, CVG_KIND_RUN_METADATA, cvg_series_get_tag (series)) != NULL
          && !g_ptr_array_find_with_equal_func (tags, cvg_series_get_tag (series), g_str_equal, NULL))
        g_ptr_array_add (tags, g_strdup (cvg_series_get_tag (series)));
    }
  char **strv;

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
  const CvgSpan *bytes = newest_bytes (run, CVG_KIND_RUN_METADATA, tag);

  if (bytes == NULL)
    {
      g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE, "No run metadata “%s” in this run", tag);
      return NULL;
    }
  return cvg_graph_new_from_run_metadata (bytes->data, bytes->len, run, error);
}

CvgGraph *
cvg_graph_ref (CvgGraph *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
cvg_graph_unref (CvgGraph *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_hash_table_unref (self->op_by_name);
  g_hash_table_unref (self->item_by_name);
  g_ptr_array_unref (self->items);
  g_ptr_array_unref (self->ops);
  g_free (self);
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

static void
search_kind (CvgGraph   *self,
             const char *needle,
             gboolean    ops,
             guint       max_results,
             GArray     *found)
{
  for (guint i = 1; i < self->items->len && found->len < max_results; i++)
    {
      CvgGraphItem *item = g_ptr_array_index (self->items, i);
      g_autofree char *name = NULL;

      if ((item->kind == CVG_GRAPH_ITEM_OP) != ops)
        continue;
      name = g_utf8_casefold (item->name, -1);
      if (strstr (name, needle) != NULL)
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
