/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-graph"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "cvg-graph-private.h"
#include "cvg-io-error.h"

/* Deeper than real configs (a model nested in a model costs about four
 * levels), shallow enough for json-glib's recursion. */
#define MAX_JSON_DEPTH 100
/* Edges between layers, nested models standing for their ends. */
#define MAX_LINKS      4000000
/* Elements of a config array shown in its text. */
#define MAX_LIST_SHOWN 16
#define MAX_STRING_SHOWN 80

/* The Keras conceptual graph: one op per layer, named by its path
 * through nested models ("outer/inner"), as TensorBoard's keras_util.py
 * does. */

typedef struct
{
  CvgGraph   *graph;
  GPtrArray  *edges;        /* char * pairs: source, target (full names) */
  GHashTable *model_inputs; /* nested model's full name → GPtrArray of names */
  GHashTable *model_outputs;
  GHashTable *input_shapes; /* layer's full name → shape text */
} Builder;

static char *
json_to_text (JsonNode *node);

/* At most MAX_STRING_SHOWN characters of @text (valid UTF-8, as
 * json-glib hands it out). */
static char *
short_text (const char *text)
{
  const char *end = text;

  for (guint i = 0; i < MAX_STRING_SHOWN && *end != '\0'; i++)
    end = g_utf8_next_char (end);
  if (*end == '\0')
    return g_strdup (text);
  return g_strdup_printf ("%.*s…", (int) (end - text), text);
}

static char *
array_to_text (JsonArray *array)
{
  GString *text = g_string_new ("(");
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n && i < MAX_LIST_SHOWN; i++)
    {
      g_autofree char *item = json_to_text (json_array_get_element (array, i));

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, item);
    }
  if (n > MAX_LIST_SHOWN)
    g_string_append (text, ", …");
  g_string_append_c (text, ')');
  return g_string_free (text, FALSE);
}

/* A string member, or @fallback when @object is missing or the member is
 * absent or not a string (hostile JSON may put anything anywhere). */
static const char *
member_string (JsonObject *object,
               const char *name,
               const char *fallback)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fallback;
  return json_node_get_string (node);
}

/* Config values as people write them in Python; objects by class. */
static char *
json_to_text (JsonNode *node)
{
  JsonObject *object;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      return g_strdup ("?");
    case JSON_NODE_ARRAY:
      return array_to_text (json_node_get_array (node));
    case JSON_NODE_OBJECT:
      object = json_node_get_object (node);
      if (json_object_has_member (object, "class_name"))
        return g_strdup (member_string (object, "class_name", "?"));
      return g_strdup ("{…}");
    case JSON_NODE_VALUE:
    default:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return short_text (json_node_get_string (node));
      if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? "True" : "False");
      if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
        return g_strdup_printf ("%g", json_node_get_double (node));
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    }
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* Element @index when it is an object (layers may be anything). */
static JsonObject *
element_object (JsonArray *array,
                guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* What flows into a layer: its build input shape, else its batch shape. */
static char *
layer_input_shape (JsonObject *layer,
                   JsonObject *config)
{
  JsonArray *shape = member_array (member_object (layer, "build_config"), "input_shape");

  if (shape == NULL)
    shape = member_array (config, "batch_input_shape");
  if (shape == NULL)
    shape = member_array (config, "batch_shape");
  return shape != NULL ? array_to_text (shape) : NULL;
}

static void
add_layer_attrs (CvgGraphOp *op,
                 JsonObject *config)
{
  g_autoptr(GList) members = json_object_get_members (config);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (config, l->data);

      if (g_str_equal (l->data, "name") || JSON_NODE_HOLDS_NULL (value))
        continue;
      _cvg_graph_add_attr (op, l->data, json_to_text (value));
    }
}

static void
add_edge (Builder    *builder,
          const char *source,
          const char *target)
{
  g_ptr_array_add (builder->edges, g_strdup (source));
  g_ptr_array_add (builder->edges, g_strdup (target));
}

/* Inbound layer names, in old ([name, node, tensor, kwargs]) or Keras 3
 * ({"keras_history": [name, node, tensor]}) form. */
static void
collect_inbound (JsonNode  *node,
                 GPtrArray *names)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      if (n >= 2 && JSON_NODE_HOLDS_VALUE (json_array_get_element (array, 0))
          && json_node_get_value_type (json_array_get_element (array, 0)) == G_TYPE_STRING
          && JSON_NODE_HOLDS_VALUE (json_array_get_element (array, 1))
          && json_node_get_value_type (json_array_get_element (array, 1)) == G_TYPE_INT64)
        {
          g_ptr_array_add (names, g_strdup (json_array_get_string_element (array, 0)));
          return;
        }
      for (guint i = 0; i < n; i++)
        collect_inbound (json_array_get_element (array, i), names);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) values = json_object_get_values (json_node_get_object (node));

      for (GList *l = values; l != NULL; l = l->next)
        collect_inbound (l->data, names);
    }
}

static const char *
layer_name (JsonObject *layer,
            JsonObject *config)
{
  const char *name = member_string (config, "name", NULL);

  return name != NULL ? name : member_string (layer, "name", "?");
}

static void build_model (Builder    *builder,
                         JsonObject *model,
                         const char *prefix);

static void
build_layer (Builder    *builder,
             JsonObject *layer,
             const char *full_name)
{
  JsonObject *config = member_object (layer, "config");
  const char *class_name = member_string (layer, "class_name", "?");
  char *shape = layer_input_shape (layer, config);
  CvgGraphOp *op;

  if (shape != NULL)
    g_hash_table_insert (builder->input_shapes, g_strdup (full_name), shape);
  if (member_array (config, "layers") != NULL)
    {
      g_autofree char *prefix = g_strconcat (full_name, "/", NULL);

      build_model (builder, layer, prefix);
      return;
    }
  op = _cvg_graph_add_op (builder->graph, full_name, class_name, NULL);
  if (config != NULL)
    add_layer_attrs (op, config);
}

/* The first or last layers of a nested model, or the layer itself. */
static void
add_model_ends (Builder    *builder,
                JsonObject *model,
                const char *full_name,
                const char *key,
                GHashTable *ends)
{
  JsonObject *config = member_object (model, "config");
  JsonArray *layers = member_array (config, "layers");
  JsonNode *named = member_array (config, key) != NULL ? json_object_get_member (config, key) : NULL;
  g_autofree char *prefix = g_strconcat (full_name, "/", NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

  if (named != NULL)
    collect_inbound (named, found);
  else if (json_array_get_length (layers) > 0)
    {
      guint at = g_str_equal (key, "input_layers") ? 0 : json_array_get_length (layers) - 1;
      JsonObject *layer = element_object (layers, at);

      if (layer != NULL)
        g_ptr_array_add (found, g_strdup (layer_name (layer, member_object (layer, "config"))));
    }
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (names, g_strconcat (prefix, g_ptr_array_index (found, i), NULL));
  g_hash_table_insert (ends, g_strdup (full_name), names);
}

static void
build_model (Builder    *builder,
             JsonObject *model,
             const char *prefix)
{
  JsonObject *config = member_object (model, "config");
  JsonArray *layers = member_array (config, "layers");
  gboolean sequential = g_strcmp0 (member_string (model, "class_name", ""), "Sequential") == 0;
  g_autofree char *previous = NULL;

  for (guint i = 0; layers != NULL && i < json_array_get_length (layers); i++)
    {
      JsonObject *layer = element_object (layers, i);
      JsonObject *layer_config = member_object (layer, "config");
      g_autofree char *full_name = NULL;
      g_autoptr(GPtrArray) inbound = g_ptr_array_new_with_free_func (g_free);

      if (layer == NULL)
        continue;
      full_name = g_strconcat (prefix, layer_name (layer, layer_config), NULL);
      build_layer (builder, layer, full_name);
      if (member_array (layer_config, "layers") != NULL)
        {
          add_model_ends (builder, layer, full_name, "input_layers", builder->model_inputs);
          add_model_ends (builder, layer, full_name, "output_layers", builder->model_outputs);
        }
      if (sequential && previous != NULL)
        add_edge (builder, previous, full_name);
      if (!sequential && json_object_has_member (layer, "inbound_nodes"))
        collect_inbound (json_object_get_member (layer, "inbound_nodes"), inbound);
      for (guint k = 0; k < inbound->len; k++)
        {
          g_autofree char *source = g_strconcat (prefix, g_ptr_array_index (inbound, k), NULL);

          add_edge (builder, source, full_name);
        }
      g_free (previous);
      previous = g_steal_pointer (&full_name);
    }
}

/* A nested model stands for its ends on either side of an edge, each
 * layer once. Memoized: a model may list the same inner model many
 * times, and naive expansion grows as fan-out^depth. Depth is bounded
 * by the JSON nesting (MAX_JSON_DEPTH). */
static GPtrArray *
resolve_end (GHashTable *ends,
             GHashTable *resolved,
             const char *name)
{
  GPtrArray *names = g_hash_table_lookup (ends, name);
  GPtrArray *found = g_hash_table_lookup (resolved, name);
  g_autoptr(GHashTable) seen = NULL;

  if (found != NULL)
    return found;
  found = g_ptr_array_new ();
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  if (names == NULL)
    g_ptr_array_add (found, (gpointer) name);
  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      GPtrArray *deeper = resolve_end (ends, resolved, g_ptr_array_index (names, i));

      for (guint k = 0; k < deeper->len; k++)
        if (g_hash_table_add (seen, g_ptr_array_index (deeper, k)))
          g_ptr_array_add (found, g_ptr_array_index (deeper, k));
    }
  g_hash_table_insert (resolved, (gpointer) name, found);
  return found;
}

static void
label_edge (Builder    *builder,
            const char *source,
            const char *target)
{
  const char *shape = g_hash_table_lookup (builder->input_shapes, target);
  guint index = cvg_graph_lookup_op (builder->graph, source);
  CvgGraphOp *op;

  if (shape == NULL || index == CVG_GRAPH_NONE)
    return;
  op = (CvgGraphOp *) cvg_graph_get_op (builder->graph, index);
  if (op->output_shapes->len == 0)
    {
      g_ptr_array_add (op->output_shapes, g_strdup (shape));
      _cvg_graph_add_attr (op, "output_shape", g_strdup (shape));
    }
}

static gboolean
link_edges (Builder  *builder,
            GError  **error)
{
  g_autoptr(GHashTable) outputs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) inputs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  guint64 links = 0;

  for (guint e = 0; e + 1 < builder->edges->len; e += 2)
    {
      GPtrArray *sources = resolve_end (builder->model_outputs, outputs, g_ptr_array_index (builder->edges, e));
      GPtrArray *targets = resolve_end (builder->model_inputs, inputs, g_ptr_array_index (builder->edges, e + 1));

      links += (guint64) sources->len * targets->len;
      if (links > MAX_LINKS)
        {
          g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE,
                       "Too many edges in this Keras model (more than %u)", MAX_LINKS);
          return FALSE;
        }
      for (guint t = 0; t < targets->len; t++)
        {
          guint index = cvg_graph_lookup_op (builder->graph, g_ptr_array_index (targets, t));

          if (index == CVG_GRAPH_NONE)
            continue;
          for (guint s = 0; s < sources->len; s++)
            {
              label_edge (builder, g_ptr_array_index (sources, s), g_ptr_array_index (targets, t));
              _cvg_graph_add_input (builder->graph, (CvgGraphOp *) cvg_graph_get_op (builder->graph, index),
                                    g_ptr_array_index (sources, s));
            }
        }
    }
  return TRUE;
}

/* An InputLayer's output is its batch shape. */
static void
label_inputs (Builder *builder)
{
  for (guint i = 0; i < cvg_graph_get_n_ops (builder->graph); i++)
    {
      const CvgGraphOp *op = cvg_graph_get_op (builder->graph, i);
      const char *shape = g_hash_table_lookup (builder->input_shapes, op->name);

      if (g_str_equal (op->op, "InputLayer") && shape != NULL && op->output_shapes->len == 0)
        {
          g_ptr_array_add (op->output_shapes, g_strdup (shape));
          _cvg_graph_add_attr ((CvgGraphOp *) op, "output_shape", g_strdup (shape));
        }
    }
}

/* json-glib's parser recurses on nesting, and so do the walks here:
 * the bracket depth outside strings, counted without recursing. */
static gboolean
check_json_depth (const char  *json,
                  gsize        len,
                  GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = json[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if ((c == '[' || c == '{') && ++depth > MAX_JSON_DEPTH)
        {
          g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE,
                       "Keras model nested too deeply (more than %u levels)", MAX_JSON_DEPTH);
          return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

static void
builder_clear (Builder *builder)
{
  g_ptr_array_unref (builder->edges);
  g_hash_table_unref (builder->model_inputs);
  g_hash_table_unref (builder->model_outputs);
  g_hash_table_unref (builder->input_shapes);
}

CvgGraph *
cvg_graph_new_from_keras_json (const char  *json,
                               gssize       len,
                               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;
  Builder builder = { 0 };
  gboolean built;

  if (len < 0)
    len = strlen (json);
  if (!check_json_depth (json, len, error) || !json_parser_load_from_data (parser, json, len, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || member_array (member_object (json_node_get_object (root), "config"), "layers") == NULL)
    {
      g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE, "Not a Keras model config");
      return NULL;
    }
  builder.graph = _cvg_graph_new ();
  builder.edges = g_ptr_array_new_with_free_func (g_free);
  builder.model_inputs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  builder.model_outputs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  builder.input_shapes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  build_model (&builder, json_node_get_object (root), "");
  label_inputs (&builder);
  built = link_edges (&builder, error) && _cvg_graph_finish (builder.graph, error);
  builder_clear (&builder);
  if (!built)
    g_clear_pointer (&builder.graph, cvg_graph_unref);
  return builder.graph;
}
