/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-graph-decode"

#include "config.h"

#include "cvg-graph-decode.h"

#include "cvg-io-error.h"
#include "cvg-proto-unpack.h"
#include "cvg-tensor.h"
#include "graph.pb-c.h"

#define MAX_LIST_SHOWN   8
#define MAX_STRING_SHOWN 80
#define MAX_DIMS_SHOWN   16

/* Nesting depth, before unpacking. */

typedef struct
{
  const guint8                     *end;
  const ProtobufCMessageDescriptor *descriptor;
} Frame;

static gboolean
read_varint (const guint8 **p,
             const guint8  *end,
             guint64       *value)
{
  guint64 v = 0;

  for (guint shift = 0; shift < 64 && *p < end; shift += 7)
    {
      guint8 byte = *(*p)++;

      v |= (guint64) (byte & 0x7f) << shift;
      if ((byte & 0x80) == 0)
        {
          *value = v;
          return TRUE;
        }
    }
  return FALSE;
}

/* Skips one field's value; a message field opens a frame instead. */
static gboolean
skip_value (const guint8                    **p,
            const guint8                     *end,
            guint64                           key,
            const ProtobufCFieldDescriptor  **message_field,
            const ProtobufCMessageDescriptor *descriptor,
            guint64                          *size)
{
  const ProtobufCFieldDescriptor *field;

  *message_field = NULL;
  switch (key & 7)
    {
    case 0:
      return read_varint (p, end, size);
    case 1:
    case 5:
      *size = (key & 7) == 1 ? 8 : 4;
      break;
    case 2:
      if (!read_varint (p, end, size))
        return FALSE;
      field = key >> 3 <= G_MAXUINT32 ? protobuf_c_message_descriptor_get_field (descriptor, key >> 3) : NULL;
      if (field != NULL && field->type == PROTOBUF_C_TYPE_MESSAGE && *size <= (guint64) (end - *p))
        {
          *message_field = field;
          return TRUE;
        }
      break;
    default:
      return FALSE;
    }
  if (*size > (guint64) (end - *p))
    return FALSE;
  *p += *size;
  return TRUE;
}

/* protobuf-c unpacks nested messages recursively (AttrValue.func →
 * NameAttrList.attr → AttrValue … has no end): this walks the wire
 * format with a stack of at most CVG_GRAPH_DECODE_MAX_DEPTH frames. */
static gboolean
check_depth (const ProtobufCMessageDescriptor  *descriptor,
             const guint8                      *data,
             gsize                              len,
             GError                           **error)
{
  Frame stack[CVG_GRAPH_DECODE_MAX_DEPTH + 1] = { { NULL, descriptor } };
  const guint8 *p = data;
  guint depth = 0;

  /* Empty bytes may come as NULL (GBytes of size 0): an empty message. */
  if (len == 0)
    return TRUE;
  stack[0].end = data + len;

  for (;;)
    {
      const ProtobufCFieldDescriptor *field;
      guint64 key, size;

      while (depth > 0 && p == stack[depth].end)
        depth--;
      if (p == stack[depth].end)
        return TRUE;
      if (!read_varint (&p, stack[depth].end, &key)
          || !skip_value (&p, stack[depth].end, key, &field, stack[depth].descriptor, &size))
        break;
      if (field == NULL)
        continue;
      if (depth == CVG_GRAPH_DECODE_MAX_DEPTH)
        {
          g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE,
                       "Graph nested too deeply (more than %u levels)", CVG_GRAPH_DECODE_MAX_DEPTH);
          return FALSE;
        }
      depth++;
      stack[depth].end = p + size;
      stack[depth].descriptor = field->descriptor;
    }
  g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE, "Not a valid %s", descriptor->short_name);
  return FALSE;
}

ProtobufCMessage *
cvg_proto_unpack_bounded (const ProtobufCMessageDescriptor  *descriptor,
                          const guint8                      *data,
                          gsize                              len,
                          GError                           **error)
{
  ProtobufCMessage *message;

  if (!check_depth (descriptor, data, len, error))
    return NULL;
  message = protobuf_c_message_unpack (descriptor, NULL, len, data);
  if (message == NULL)
    g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE, "Not a valid %s", descriptor->short_name);
  return message;
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
  for (gsize d = 0; d < shape->n_dim && d < MAX_DIMS_SHOWN; d++)
    {
      if (d > 0)
        g_string_append (text, ", ");
      if (shape->dim[d]->size < 0)
        g_string_append_c (text, '?');
      else
        g_string_append_printf (text, "%" G_GINT64_FORMAT, shape->dim[d]->size);
    }
  if (shape->n_dim > MAX_DIMS_SHOWN)
    g_string_append (text, ", …");
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
  /* The first list that has values; a crafted tensor may fill several. */
  gsize n = tensor->n_float_val > 0 ? tensor->n_float_val
            : tensor->n_double_val > 0 ? tensor->n_double_val
            : tensor->n_int_val > 0 ? tensor->n_int_val
            : tensor->n_int64_val > 0 ? tensor->n_int64_val
            : tensor->n_bool_val > 0 ? tensor->n_bool_val
            : tensor->n_string_val;
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
  /* The first list that has values, as above. */
  gsize n = list->n_s > 0 ? list->n_s
            : list->n_i > 0 ? list->n_i
            : list->n_f > 0 ? list->n_f
            : list->n_b > 0 ? list->n_b
            : list->n_type > 0 ? list->n_type
            : list->n_shape > 0 ? list->n_shape
            : list->n_tensor > 0 ? list->n_tensor
            : list->n_func;
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
read_output_shapes (CvgNodeDef                   *node,
                    const Tensorboard__AttrValue *value)
{
  if (value->value_case != TENSORBOARD__ATTR_VALUE__VALUE_LIST)
    return;
  for (gsize i = 0; i < value->list->n_shape; i++)
    {
      GString *text = g_string_new (NULL);

      append_shape (text, value->list->shape[i]);
      g_ptr_array_add (node->output_shapes, g_string_free (text, FALSE));
    }
}

/* Plain structs. */

void
cvg_node_attr_free (gpointer data)
{
  CvgNodeAttr *attr = data;

  g_free (attr->key);
  g_free (attr->value);
  g_free (attr);
}

static void
node_def_free (gpointer data)
{
  CvgNodeDef *node = data;

  g_free (node->name);
  g_free (node->op);
  g_free (node->device);
  g_ptr_array_unref (node->inputs);
  g_clear_pointer (&node->attrs, g_ptr_array_unref);
  g_clear_pointer (&node->output_shapes, g_ptr_array_unref);
  g_free (node);
}

static void
node_stats_free (gpointer data)
{
  CvgNodeStats *stats = data;

  g_free (stats->name);
  g_free (stats->device);
  g_free (stats->timeline_label);
  g_free (stats);
}

static CvgGraphDef *
graph_def_new (void)
{
  CvgGraphDef *self = g_new0 (CvgGraphDef, 1);

  self->nodes = g_ptr_array_new_with_free_func (node_def_free);
  self->stats = g_ptr_array_new_with_free_func (node_stats_free);
  return self;
}

void
cvg_graph_def_free (CvgGraphDef *self)
{
  g_ptr_array_unref (self->nodes);
  g_ptr_array_unref (self->stats);
  g_free (self);
}

static CvgNodeDef *
node_from_proto (const Tensorboard__NodeDef *proto)
{
  CvgNodeDef *node = g_new0 (CvgNodeDef, 1);

  node->name = g_strdup (proto->name);
  node->op = g_strdup (proto->op);
  node->device = g_strdup (proto->device);
  node->inputs = g_ptr_array_new_full (proto->n_input, g_free);
  node->attrs = g_ptr_array_new_full (proto->n_attr, cvg_node_attr_free);
  node->output_shapes = g_ptr_array_new_with_free_func (g_free);
  for (gsize k = 0; k < proto->n_input; k++)
    g_ptr_array_add (node->inputs, g_strdup (proto->input[k]));
  for (gsize a = 0; a < proto->n_attr; a++)
    {
      const Tensorboard__NodeDef__AttrEntry *entry = proto->attr[a];
      CvgNodeAttr *attr;

      if (entry->value == NULL)
        continue;
      if (g_str_equal (entry->key, "_output_shapes"))
        read_output_shapes (node, entry->value);
      attr = g_new (CvgNodeAttr, 1);
      attr->key = g_strdup (entry->key);
      attr->value = attr_value_to_text (entry->value);
      g_ptr_array_add (node->attrs, attr);
    }
  return node;
}

static void
add_nodes (CvgGraphDef                 *self,
           const Tensorboard__GraphDef *proto,
           GHashTable                  *seen)
{
  for (gsize i = 0; i < proto->n_node; i++)
    if (seen == NULL || g_hash_table_add (seen, proto->node[i]->name))
      g_ptr_array_add (self->nodes, node_from_proto (proto->node[i]));
}

CvgGraphDef *
cvg_graph_def_decode (const guint8  *data,
                      gsize          len,
                      GError       **error)
{
  Tensorboard__GraphDef *proto = (Tensorboard__GraphDef *) cvg_proto_unpack_bounded (&tensorboard__graph_def__descriptor, data, len, error);
  CvgGraphDef *self;

  if (proto == NULL)
    return NULL;
  self = graph_def_new ();
  add_nodes (self, proto, NULL);
  tensorboard__graph_def__free_unpacked (proto, NULL);
  return self;
}

CvgGraphDef *
cvg_graph_def_decode_meta (const guint8  *data,
                           gsize          len,
                           GError       **error)
{
  Tensorboard__MetaGraphDef *proto = (Tensorboard__MetaGraphDef *) cvg_proto_unpack_bounded (&tensorboard__meta_graph_def__descriptor, data, len, error);
  CvgGraphDef *self;

  if (proto == NULL)
    return NULL;
  self = graph_def_new ();
  if (proto->graph_def != NULL)
    add_nodes (self, proto->graph_def, NULL);
  tensorboard__meta_graph_def__free_unpacked (proto, NULL);
  return self;
}

/* Sums the stats of each node by name, in the order first seen. */
static void
collect_stats (CvgGraphDef                    *self,
               const Tensorboard__RunMetadata *proto)
{
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  const Tensorboard__StepStats *step = proto->step_stats;

  for (gsize d = 0; step != NULL && d < step->n_dev_stats; d++)
    for (gsize n = 0; n < step->dev_stats[d]->n_node_stats; n++)
      {
        const Tensorboard__NodeExecStats *exec = step->dev_stats[d]->node_stats[n];
        CvgNodeStats *sum = g_hash_table_lookup (by_name, exec->node_name);

        if (sum == NULL)
          {
            sum = g_new0 (CvgNodeStats, 1);
            sum->name = g_strdup (exec->node_name);
            sum->device = g_strdup (step->dev_stats[d]->device);
            sum->timeline_label = g_strdup (exec->timeline_label);
            g_hash_table_insert (by_name, sum->name, sum);
            g_ptr_array_add (self->stats, sum);
          }
        sum->compute_micros += exec->all_end_rel_micros;
        for (gsize m = 0; m < exec->n_memory; m++)
          sum->peak_bytes += exec->memory[m]->peak_bytes;
      }
}

/* Function graphs, else partition graphs. */
static void
collect_graph (CvgGraphDef                    *self,
               const Tensorboard__RunMetadata *proto)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (gsize f = 0; f < proto->n_function_graphs; f++)
    {
      const Tensorboard__RunMetadata__FunctionGraphs *fn = proto->function_graphs[f];

      if (fn->post_optimization_graph != NULL && fn->post_optimization_graph->n_node > 0)
        add_nodes (self, fn->post_optimization_graph, seen);
      else if (fn->pre_optimization_graph != NULL && fn->pre_optimization_graph->n_node > 0)
        add_nodes (self, fn->pre_optimization_graph, seen);
      if (self->nodes->len > 0)
        return;
    }
  /* Partitions share the names of the nodes they copy: keep the first. */
  for (gsize p = 0; p < proto->n_partition_graphs; p++)
    add_nodes (self, proto->partition_graphs[p], seen);
}

CvgGraphDef *
cvg_graph_def_decode_run_metadata (const guint8  *data,
                                   gsize          len,
                                   GError       **error)
{
  Tensorboard__RunMetadata *proto = (Tensorboard__RunMetadata *) cvg_proto_unpack_bounded (&tensorboard__run_metadata__descriptor, data, len, error);
  CvgGraphDef *self;

  if (proto == NULL)
    return NULL;
  self = graph_def_new ();
  collect_stats (self, proto);
  collect_graph (self, proto);
  tensorboard__run_metadata__free_unpacked (proto, NULL);
  return self;
}
