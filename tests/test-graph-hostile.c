/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Graphs from strangers (issue "Hostile and odd logs", items 3–5): each
 * is refused or built in bounded time and memory, in a subprocess so
 * that a crash or a blow-up fails the test instead of the run. */

#define G_LOG_DOMAIN "test-graph-hostile"

#include "config.h"

#include <sys/resource.h>

#include "cvg-graph.h"
#include "cvg-graph-decode.h"
#include "cvg-graph-layout.h"
#include "cvg-hostile-graphs.h"
#include "cvg-io-error.h"
#include "graph.pb-c.h"

#if defined(__SANITIZE_ADDRESS__)
#define SLOWDOWN 4
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SLOWDOWN 4
#endif
#endif
#ifndef SLOWDOWN
#define SLOWDOWN 1
#endif

#define MAX_SECONDS  (2.0 * SLOWDOWN)
#define MAX_RSS_MB   200
/* Item 5 is built, not refused: about 1 GB and a few seconds for 10^6
 * ops (30 MB of GraphDef); the bounds catch a quadratic step (160,000
 * ops took 8 s before series were grouped in a hash). Sanitizers get a
 * quarter of the ops (and ASan about three times the memory). */
#define MILLION_OPS     (1000000 / SLOWDOWN)
#define MILLION_SECONDS 30.0
#define MILLION_RSS_MB  1500
#define CHAR_WIDTH   7.5

typedef struct
{
  gint64 start;
  long   rss_kb;
} Budget;

static long
peak_rss_kb (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return usage.ru_maxrss;
}

static Budget
budget_start (void)
{
  return (Budget) { g_get_monotonic_time (), peak_rss_kb () };
}

/* Within MAX_SECONDS and @max_mb more peak memory than at the start. */
static void
budget_check (Budget      budget,
              const char *what,
              double      max_seconds,
              long        max_mb)
{
  double seconds = (g_get_monotonic_time () - budget.start) / 1e6;
  long grown_mb = (peak_rss_kb () - budget.rss_kb) / 1024;

  g_test_message ("%s: %.3f s, peak RSS +%ld MB", what, seconds, grown_mb);
  g_assert_cmpfloat (seconds, <, max_seconds);
  g_assert_cmpint (grown_mb, <, max_mb);
}

static void
assert_refused (CvgGraph   *graph,
                GError     *error,
                const char *message)
{
  g_assert_null (graph);
  g_assert_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE);
  g_assert_nonnull (strstr (error->message, message));
}

/* Item 3: AttrValue.func → NameAttrList.attr → AttrValue …, 450,000
 * messages deep (1.8 MB); protobuf-c would recurse on every level. */
static void
test_deep_graph_def (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GBytes) bytes = cvg_hostile_deep_graph_def (450000);
      g_autoptr(GError) error = NULL;
      Budget budget = budget_start ();
      CvgGraph *graph;

      graph = cvg_graph_new_from_graph_def (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
      assert_refused (graph, error, "nested too deeply");
      budget_check (budget, "GraphDef 450,000 deep", MAX_SECONDS, MAX_RSS_MB);
      g_clear_error (&error);
      /* A MetaGraphDef or RunMetadata is no way around it. */
      g_assert_null (cvg_graph_new_from_run_metadata (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, &error));
      g_assert_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR | G_TEST_SUBPROCESS_INHERIT_STDOUT);
  g_test_trap_assert_passed ();
}

/* Real graphs nest about 15 messages: the limit leaves them be, and
 * stops exactly past CVG_GRAPH_DECODE_MAX_DEPTH. */
static void
test_depth_limit (void)
{
  /* Three levels a round, plus GraphDef.node, NodeDef.attr and the
   * entry's value: 3k + 3 messages below the GraphDef. */
  g_autoptr(GBytes) within = cvg_hostile_deep_graph_def (3 * 32);
  g_autoptr(GBytes) beyond = cvg_hostile_deep_graph_def (3 * 33);
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgGraph) graph = NULL;
  g_autoptr(CvgGraphDef) def = NULL;

  graph = cvg_graph_new_from_graph_def (g_bytes_get_data (within, NULL), g_bytes_get_size (within), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cvg_graph_get_n_ops (graph), ==, 1);
  g_assert_cmpstr (cvg_graph_get_op (graph, 0)->name, ==, "n");
  def = cvg_graph_def_decode (g_bytes_get_data (beyond, NULL), g_bytes_get_size (beyond), &error);
  g_assert_null (def);
  g_assert_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE);
}

/* Item 3: a Keras config nested 100,000 levels ([[[…]]]); json-glib's
 * parser recurses on each. */
static void
test_deep_keras (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *json = cvg_hostile_deep_keras (100000);
      g_autofree char *shallow = cvg_hostile_deep_keras (50);
      g_autoptr(GError) error = NULL;
      g_autoptr(CvgGraph) graph = NULL;
      Budget budget = budget_start ();
      CvgGraph *refused = cvg_graph_new_from_keras_json (json, -1, &error);

      assert_refused (refused, error, "nested too deeply");
      budget_check (budget, "Keras 100,000 deep", MAX_SECONDS, MAX_RSS_MB);
      g_clear_error (&error);
      /* Brackets inside strings do not count. */
      graph = cvg_graph_new_from_keras_json (shallow, -1, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (cvg_graph_get_n_ops (graph), ==, 0);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR | G_TEST_SUBPROCESS_INHERIT_STDOUT);
  g_test_trap_assert_passed ();
}

static void
test_json_strings (void)
{
  g_autoptr(GString) json = g_string_new ("{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"Dense\", \"config\": {\"name\": \"");
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgGraph) graph = NULL;

  /* 1,000 brackets and an escaped quote inside a name. */
  for (guint i = 0; i < 1000; i++)
    g_string_append (json, "[{");
  g_string_append (json, "\\\"\"}}]}}");
  graph = cvg_graph_new_from_keras_json (json->str, json->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cvg_graph_get_n_ops (graph), ==, 1);
}

/* Item 4: 4 KB whose nested models each list the inner one twice in
 * output_layers: 2^25 ends when expanded without a memo. */
static void
test_fanout_keras (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *json = cvg_hostile_fanout_keras (25);
      g_autoptr(GError) error = NULL;
      g_autoptr(CvgGraph) graph = NULL;
      Budget budget = budget_start ();
      guint out;

      g_assert_cmpuint (strlen (json), <, 4096);
      graph = cvg_graph_new_from_keras_json (json, -1, &error);
      g_assert_no_error (error);
      budget_check (budget, "Keras fan-out 2^25", MAX_SECONDS, MAX_RSS_MB);
      /* The innermost Dense and "out", one edge between them. */
      g_assert_cmpuint (cvg_graph_get_n_ops (graph), ==, 2);
      out = cvg_graph_lookup_op (graph, "out");
      g_assert_cmpuint (out, !=, CVG_GRAPH_NONE);
      g_assert_cmpuint (cvg_graph_get_op (graph, out)->inputs->len, ==, 1);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR | G_TEST_SUBPROCESS_INHERIT_STDOUT);
  g_test_trap_assert_passed ();
}

/* Item 5: 10^6 numbered ops n0 … n999999 in a chain: one series at the
 * top level, decoded, built and laid out in bounded time. */
static void
test_million_ops (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GBytes) bytes = cvg_hostile_numbered_graph_def (MILLION_OPS);
      g_autofree char *series_name = g_strdup_printf ("n[0-%u]", MILLION_OPS - 1);
      g_autoptr(GError) error = NULL;
      g_autoptr(CvgGraph) graph = NULL;
      CvgGraphLayout *layout;
      const CvgGraphItem *root;
      Budget budget = budget_start ();

      graph = cvg_graph_new_from_graph_def (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
      g_assert_no_error (error);
      layout = cvg_graph_layout_new (graph, NULL, CHAR_WIDTH);
      budget_check (budget, "10^6 ops: decode, build and top-level layout", MILLION_SECONDS, MILLION_RSS_MB);
      g_assert_cmpuint (cvg_graph_get_n_ops (graph), ==, MILLION_OPS);
      root = cvg_graph_get_item (graph, 0);
      g_assert_cmpuint (root->children->len, ==, 1);
      g_assert_cmpint (cvg_graph_get_item (graph, g_array_index (root->children, guint, 0))->kind, ==, CVG_GRAPH_ITEM_SERIES);
      g_assert_cmpstr (cvg_graph_get_item (graph, g_array_index (root->children, guint, 0))->name, ==, series_name);
      g_assert_cmpuint (cvg_graph_layout_get_n_nodes (layout), ==, 1);
      cvg_graph_layout_free (layout);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR | G_TEST_SUBPROCESS_INHERIT_STDOUT);
  g_test_trap_assert_passed ();
}

/* A name of 100,000 scopes would make as many scope items, each with a
 * copy of its path. */
static void
test_deep_scopes (void)
{
  g_autoptr(GString) json = g_string_new ("{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"Dense\", \"config\": {\"name\": \"");
  g_autoptr(GError) error = NULL;
  CvgGraph *graph;

  for (guint i = 0; i < 100000; i++)
    g_string_append (json, "a/");
  g_string_append (json, "b\"}}]}}");
  graph = cvg_graph_new_from_keras_json (json->str, json->len, &error);
  assert_refused (graph, error, "nested too deeply");
}

/* "a/b" sits in scope "a/b" as "a/b/(b)"; a name under that makes the
 * op a parent. Other ops keep no children (they share an empty list). */
static void
test_op_as_parent (void)
{
  const char *json = "{\"class_name\": \"Sequential\", \"config\": {\"layers\": ["
                     "{\"class_name\": \"Dense\", \"config\": {\"name\": \"a/b\"}},"
                     "{\"class_name\": \"Dense\", \"config\": {\"name\": \"a/b/c\"}},"
                     "{\"class_name\": \"Dense\", \"config\": {\"name\": \"a/b/(b)/d\"}},"
                     "{\"class_name\": \"Dense\", \"config\": {\"name\": \"e\"}}]}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgGraph) graph = cvg_graph_new_from_keras_json (json, -1, &error);
  guint e;

  g_assert_no_error (error);
  g_assert_cmpuint (cvg_graph_get_n_ops (graph), ==, 4);
  e = cvg_graph_lookup_item (graph, "e");
  g_assert_cmpuint (e, !=, CVG_GRAPH_NONE);
  g_assert_cmpuint (cvg_graph_get_item (graph, e)->children->len, ==, 0);
  g_assert_cmpuint (cvg_graph_get_item (graph, cvg_graph_lookup_item (graph, "a/b/c"))->children->len, ==, 0);
}

/* Attribute texts are for a side panel: long strings and arrays are
 * cut, whatever the config holds. */
static void
test_long_values (void)
{
  g_autoptr(GString) json = g_string_new ("{\"class_name\": \"Sequential\", \"config\": {\"layers\": ["
                                          "{\"class_name\": \"Dense\", \"config\": {\"name\": \"d\", \"s\": \"");
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgGraph) graph = NULL;
  const CvgGraphOp *op;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (json, 'x');
  g_string_append (json, "\", \"a\": [");
  for (guint i = 0; i < 100000; i++)
    g_string_append (json, i > 0 ? ", 1" : "1");
  g_string_append (json, "]}}]}}");
  graph = cvg_graph_new_from_keras_json (json->str, json->len, &error);
  g_assert_no_error (error);
  op = cvg_graph_get_op (graph, 0);
  g_assert_cmpuint (op->attrs->len, ==, 2);
  for (guint a = 0; a < op->attrs->len; a++)
    {
      const CvgGraphAttr *attr = g_ptr_array_index (op->attrs, a);

      g_assert_cmpuint (strlen (attr->value), <, 200);
      g_assert_true (g_str_has_suffix (attr->value, g_str_equal (attr->key, "a") ? "…)" : "…"));
    }
}

/* A tensor (and a list) with values in several of its lists: the text
 * shows the first list, not past its end (found by fuzz-graph). */
static void
test_mixed_lists (void)
{
  float floats[] = { 1.5f };
  int64_t ints[] = { 1, 2, 3, 4, 5 };
  Tensorboard__TensorProto tensor = TENSORBOARD__TENSOR_PROTO__INIT;
  Tensorboard__AttrValue__ListValue list = TENSORBOARD__ATTR_VALUE__LIST_VALUE__INIT;
  Tensorboard__AttrValue tensor_value = TENSORBOARD__ATTR_VALUE__INIT;
  Tensorboard__AttrValue list_value = TENSORBOARD__ATTR_VALUE__INIT;
  Tensorboard__NodeDef__AttrEntry entries[2] = { TENSORBOARD__NODE_DEF__ATTR_ENTRY__INIT, TENSORBOARD__NODE_DEF__ATTR_ENTRY__INIT };
  Tensorboard__NodeDef__AttrEntry *attrs[] = { &entries[0], &entries[1] };
  Tensorboard__NodeDef node = TENSORBOARD__NODE_DEF__INIT;
  Tensorboard__NodeDef *nodes[] = { &node };
  Tensorboard__GraphDef def = TENSORBOARD__GRAPH_DEF__INIT;
  g_autofree guint8 *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgGraph) graph = NULL;
  const CvgGraphOp *op;
  gsize len;

  tensor.dtype = 1; /* DT_FLOAT */
  tensor.n_float_val = 1;
  tensor.float_val = floats;
  tensor.n_int64_val = G_N_ELEMENTS (ints);
  tensor.int64_val = ints;
  tensor_value.value_case = TENSORBOARD__ATTR_VALUE__VALUE_TENSOR;
  tensor_value.tensor = &tensor;
  list.n_f = 1;
  list.f = floats;
  list.n_i = G_N_ELEMENTS (ints);
  list.i = ints;
  list_value.value_case = TENSORBOARD__ATTR_VALUE__VALUE_LIST;
  list_value.list = &list;
  entries[0].key = (char *) "list";
  entries[0].value = &list_value;
  entries[1].key = (char *) "value";
  entries[1].value = &tensor_value;
  node.name = (char *) "c";
  node.op = (char *) "Const";
  node.n_attr = 2;
  node.attr = attrs;
  def.n_node = 1;
  def.node = nodes;
  len = tensorboard__graph_def__get_packed_size (&def);
  data = g_malloc (len);
  tensorboard__graph_def__pack (&def, data);
  graph = cvg_graph_new_from_graph_def (data, len, &error);
  g_assert_no_error (error);
  op = cvg_graph_get_op (graph, 0);
  g_assert_cmpuint (op->attrs->len, ==, 2);
  /* Sorted by key: "list", "value". */
  g_assert_cmpstr (((CvgGraphAttr *) g_ptr_array_index (op->attrs, 0))->value, ==, "[1, 2, 3, 4, 5]");
  g_assert_cmpstr (((CvgGraphAttr *) g_ptr_array_index (op->attrs, 1))->value, ==, "float () = [1.5]");
}

/* Empty bytes are an empty message, whichever pointer comes with them. */
static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgGraph) graph = cvg_graph_new_from_run_metadata (NULL, 0, NULL, &error);
  g_autoptr(CvgGraph) ops = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (cvg_graph_get_n_ops (graph), ==, 0);
  ops = cvg_graph_new_from_graph_def (NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cvg_graph_get_n_ops (ops), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/graph-hostile/deep-graph-def", test_deep_graph_def);
  g_test_add_func ("/model/graph-hostile/depth-limit", test_depth_limit);
  g_test_add_func ("/model/graph-hostile/deep-keras", test_deep_keras);
  g_test_add_func ("/model/graph-hostile/json-strings", test_json_strings);
  g_test_add_func ("/model/graph-hostile/fanout-keras", test_fanout_keras);
  g_test_add_func ("/model/graph-hostile/million-ops", test_million_ops);
  g_test_add_func ("/model/graph-hostile/deep-scopes", test_deep_scopes);
  g_test_add_func ("/model/graph-hostile/op-as-parent", test_op_as_parent);
  g_test_add_func ("/model/graph-hostile/long-values", test_long_values);
  g_test_add_func ("/model/graph-hostile/mixed-lists", test_mixed_lists);
  g_test_add_func ("/model/graph-hostile/empty", test_empty);
  return g_test_run ();
}
