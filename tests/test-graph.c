/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "cvg-graph.h"
#include "cvg-graph-layout.h"
#include "cvg-inventory.h"
#include "cvg-logdir.h"
#include "cvg-run.h"
#include "graph.pb-c.h"

#define EPSILON 0.01

/* Counted with a wire-format reader from the newest "batch_2". */
#define KERAS_BATCH2_OPS    132
#define KERAS_BATCH2_MICROS 367534
#define KERAS_BATCH2_PEAK   176647612

/* Hand-written graphs: "name", "op", "input,input" triples. */

static GBytes *
pack_graph (const char * const *spec)
{
  Tensorboard__GraphDef def = TENSORBOARD__GRAPH_DEF__INIT;
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  gsize len;
  guint8 *data;

  for (guint i = 0; spec[i] != NULL; i += 3)
    {
      Tensorboard__NodeDef *node = g_new (Tensorboard__NodeDef, 1);
      char **in = spec[i + 2][0] != '\0' ? g_strsplit (spec[i + 2], ",", -1) : g_new0 (char *, 1);

      tensorboard__node_def__init (node);
      node->name = (char *) spec[i];
      node->op = (char *) spec[i + 1];
      node->n_input = g_strv_length (in);
      node->input = in;
      g_ptr_array_add (nodes, node);
      g_ptr_array_add (inputs, in);
    }
  def.n_node = nodes->len;
  def.node = (Tensorboard__NodeDef **) nodes->pdata;
  len = tensorboard__graph_def__get_packed_size (&def);
  data = g_malloc (len);
  tensorboard__graph_def__pack (&def, data);
  return g_bytes_new_take (data, len);
}

static CvgGraph *
graph_from_spec (const char * const *spec)
{
  g_autoptr(GBytes) bytes = pack_graph (spec);
  g_autoptr(GError) error = NULL;
  CvgGraph *graph = cvg_graph_new_from_graph_def (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);

  g_assert_no_error (error);
  return graph;
}

static const CvgGraphItem *
item_named (CvgGraph   *graph,
            const char *name)
{
  guint index = cvg_graph_lookup_item (graph, name);

  g_assert_cmpuint (index, !=, CVG_GRAPH_NONE);
  return cvg_graph_get_item (graph, index);
}

static guint8 *
expand_all (CvgGraph *graph,
            gboolean  ungroup)
{
  guint8 *expanded = g_new0 (guint8, cvg_graph_get_n_items (graph));

  for (guint i = 0; i < cvg_graph_get_n_items (graph); i++)
    expanded[i] = cvg_graph_get_item (graph, i)->kind == CVG_GRAPH_ITEM_SCOPE
                  || (ungroup && cvg_graph_get_item (graph, i)->kind == CVG_GRAPH_ITEM_SERIES);
  return expanded;
}

/* Layout checks. */

static gboolean
node_within (CvgGraphLayout *layout,
             guint           node,
             guint           box)
{
  for (guint n = node; n != CVG_GRAPH_NONE; n = cvg_graph_layout_get_node (layout, n)->parent)
    if (n == box)
      return TRUE;
  return FALSE;
}

static gboolean
rects_overlap (const CvgGraphLayoutNode *a,
               const CvgGraphLayoutNode *b)
{
  return a->x < b->x + b->width - EPSILON && b->x < a->x + a->width - EPSILON
         && a->y < b->y + b->height - EPSILON && b->y < a->y + a->height - EPSILON;
}

static gboolean
rect_holds (const CvgGraphLayoutNode *outer,
            const CvgGraphLayoutNode *inner)
{
  return inner->x >= outer->x - EPSILON && inner->y >= outer->y - EPSILON
         && inner->x + inner->width <= outer->x + outer->width + EPSILON
         && inner->y + inner->height <= outer->y + outer->height + EPSILON;
}

static gboolean
on_border (const CvgGraphLayoutNode *node,
           const CvgGraphPoint      *p)
{
  gboolean in_x = p->x >= node->x - EPSILON && p->x <= node->x + node->width + EPSILON;
  gboolean in_y = p->y >= node->y - EPSILON && p->y <= node->y + node->height + EPSILON;
  gboolean at_x = fabs (p->x - node->x) < EPSILON || fabs (p->x - node->x - node->width) < EPSILON;
  gboolean at_y = fabs (p->y - node->y) < EPSILON || fabs (p->y - node->y - node->height) < EPSILON;

  return (at_x && in_y) || (at_y && in_x);
}

static void
check_layout (CvgChecker     *checker,
              CvgGraphLayout *layout)
{
  guint n = cvg_graph_layout_get_n_nodes (layout);

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        const CvgGraphLayoutNode *a = cvg_graph_layout_get_node (layout, i);
        const CvgGraphLayoutNode *b = cvg_graph_layout_get_node (layout, j);

        if (node_within (layout, j, i))
          cvg_check (checker, rect_holds (a, b), "node %u is outside its box %u", j, i);
        else
          cvg_check (checker, !rects_overlap (a, b), "nodes %u and %u overlap", i, j);
      }
  for (guint e = 0; e < cvg_graph_layout_get_n_edges (layout); e++)
    {
      const CvgGraphLayoutEdge *edge = cvg_graph_layout_get_edge (layout, e);
      const CvgGraphPoint *first = cvg_graph_layout_get_point (layout, edge->first_point);
      const CvgGraphPoint *last = cvg_graph_layout_get_point (layout, edge->first_point + edge->n_points - 1);

      cvg_check (checker, edge->n_points >= 2, "edge %u has %u points", e, edge->n_points);
      cvg_check (checker, on_border (cvg_graph_layout_get_node (layout, edge->source), first),
                 "edge %u starts at %g,%g, off its source", e, first->x, first->y);
      cvg_check (checker, on_border (cvg_graph_layout_get_node (layout, edge->target), last),
                 "edge %u ends at %g,%g, off its target", e, last->x, last->y);
    }
}

static void
assert_layout_sound (CvgGraph     *graph,
                     const guint8 *expanded)
{
  g_autoptr(CvgGraphLayout) layout = cvg_graph_layout_new (graph, expanded, 0);
  CvgChecker checker = { 0 };

  check_layout (&checker, layout);
  cvg_checker_finish (&checker, "layout", "problems");
}

/* Hand-written graphs. */

static const char * const scoped[] = {
  "a/b/c", "Const", "",
  "a/b/d", "Add", "a/b/c",
  "a/e", "Mul", "a/b/d",
  "a", "Identity", "a/e",
  "f", "Relu", "a",
  NULL,
};

static void
test_scopes (void)
{
  g_autoptr(CvgGraph) graph = graph_from_spec (scoped);
  const CvgGraphItem *root = cvg_graph_get_item (graph, 0);
  const CvgGraphItem *a = item_named (graph, "a");
  const CvgGraphItem *b = item_named (graph, "a/b");

  g_assert_cmpuint (cvg_graph_get_n_ops (graph), ==, 5);
  g_assert_cmpuint (root->children->len, ==, 2);
  g_assert_cmpint (a->kind, ==, CVG_GRAPH_ITEM_SCOPE);
  g_assert_cmpuint (a->children->len, ==, 3);
  g_assert_cmpuint (a->n_ops, ==, 4);
  g_assert_cmpuint (b->depth, ==, 2);
  g_assert_cmpstr (b->short_name, ==, "b");
  /* An op named like a scope sits inside it. */
  g_assert_cmpint (item_named (graph, "a/(a)")->kind, ==, CVG_GRAPH_ITEM_OP);
  g_assert_cmpstr (item_named (graph, "a/b/d")->op, ==, "Add");
  g_assert_true (cvg_graph_item_is_within (graph, cvg_graph_lookup_item (graph, "a/b/c"), cvg_graph_lookup_item (graph, "a")));
  g_assert_false (cvg_graph_item_is_within (graph, cvg_graph_lookup_item (graph, "f"), cvg_graph_lookup_item (graph, "a")));
}

static void
test_layout_top_level (void)
{
  g_autoptr(CvgGraph) graph = graph_from_spec (scoped);
  g_autoptr(CvgGraphLayout) top = cvg_graph_layout_new (graph, NULL, 0);
  g_autofree guint8 *expanded = expand_all (graph, TRUE);
  g_autoptr(CvgGraphLayout) open = cvg_graph_layout_new (graph, expanded, 0);
  const CvgGraphLayoutEdge *edge;

  /* "a" collapsed, "f" below it. */
  g_assert_cmpuint (cvg_graph_layout_get_n_nodes (top), ==, 2);
  g_assert_cmpuint (cvg_graph_layout_get_n_edges (top), ==, 1);
  edge = cvg_graph_layout_get_edge (top, 0);
  g_assert_cmpuint (cvg_graph_layout_get_node (top, edge->source)->item, ==, cvg_graph_lookup_item (graph, "a"));
  g_assert_cmpfloat (cvg_graph_layout_get_node (top, edge->target)->y, >, cvg_graph_layout_get_node (top, edge->source)->y);
  /* Everything open: 2 boxes and 5 ops. */
  g_assert_cmpuint (cvg_graph_layout_get_n_nodes (open), ==, 7);
  g_assert_cmpuint (cvg_graph_layout_count_leaves (open), ==, 5);
  g_assert_cmpuint (cvg_graph_layout_get_n_edges (open), ==, 4);
  assert_layout_sound (graph, NULL);
  assert_layout_sound (graph, expanded);
}

static void
test_control_edges (void)
{
  static const char * const spec[] = {
    "x", "Split", "",
    "y", "Relu", "x:1",
    "z", "NoOp", "^x",
    "w", "Add", "x,^y",
    "v", "Add", "missing,x",
    NULL,
  };
  g_autoptr(CvgGraph) graph = graph_from_spec (spec);
  g_autoptr(CvgGraphLayout) layout = cvg_graph_layout_new (graph, NULL, 0);
  const CvgGraphOp *y = cvg_graph_get_op (graph, cvg_graph_lookup_op (graph, "y"));
  const CvgGraphOp *w = cvg_graph_get_op (graph, cvg_graph_lookup_op (graph, "w"));
  const CvgGraphOp *x = cvg_graph_get_op (graph, cvg_graph_lookup_op (graph, "x"));
  guint n_control = 0;

  g_assert_cmpuint (y->inputs->len, ==, 1);
  g_assert_cmpuint (g_array_index (y->inputs, CvgGraphInput, 0).port, ==, 1);
  g_assert_false (g_array_index (y->inputs, CvgGraphInput, 0).control);
  g_assert_cmpuint (w->inputs->len, ==, 2);
  g_assert_false (g_array_index (w->inputs, CvgGraphInput, 0).control);
  g_assert_true (g_array_index (w->inputs, CvgGraphInput, 1).control);
  /* An unknown input is dropped. */
  g_assert_cmpuint (cvg_graph_get_op (graph, cvg_graph_lookup_op (graph, "v"))->inputs->len, ==, 1);
  g_assert_cmpuint (x->outputs->len, ==, 4);
  g_assert_cmpuint (cvg_graph_layout_get_n_edges (layout), ==, 5);
  for (guint e = 0; e < cvg_graph_layout_get_n_edges (layout); e++)
    n_control += cvg_graph_layout_get_edge (layout, e)->control;
  g_assert_cmpuint (n_control, ==, 2);
  assert_layout_sound (graph, NULL);
}

static void
test_series (void)
{
  static const char * const spec[] = {
    "s/add_1", "Add", "", "s/add_2", "Add", "", "s/add_3", "Add", "",
    "s/add_4", "Add", "", "s/add_5", "Add", "", "s/add_6", "Add", "",
    "s/mul_1", "Mul", "", "s/mul_2", "Mul", "", "s/mul_3", "Mul", "", "s/mul_4", "Mul", "",
    "s/sum", "AddN", "s/add_1,s/add_2,s/add_3,s/add_4,s/add_5,s/add_6,s/mul_1",
    NULL,
  };
  g_autoptr(CvgGraph) graph = graph_from_spec (spec);
  const CvgGraphItem *scope = item_named (graph, "s");
  const CvgGraphItem *series = item_named (graph, "s/add_[1-6]");
  g_autofree guint8 *expanded = g_new0 (guint8, cvg_graph_get_n_items (graph));
  guint series_index = cvg_graph_lookup_item (graph, "s/add_[1-6]");

  g_assert_cmpint (series->kind, ==, CVG_GRAPH_ITEM_SERIES);
  g_assert_cmpuint (series->children->len, ==, 6);
  g_assert_cmpuint (series->n_ops, ==, 6);
  g_assert_cmpstr (series->op, ==, "Add");
  /* Four Mul are too few; the series takes its first member's place. */
  g_assert_cmpuint (scope->children->len, ==, 1 + 4 + 1);
  g_assert_cmpuint (g_array_index (scope->children, guint, 0), ==, series_index);
  g_assert_cmpuint (item_named (graph, "s/add_3")->parent, ==, series_index);

  expanded[cvg_graph_lookup_item (graph, "s")] = TRUE;
  {
    g_autoptr(CvgGraphLayout) grouped = cvg_graph_layout_new (graph, expanded, 0);

    g_assert_cmpuint (cvg_graph_layout_count_leaves (grouped), ==, 6);
    g_assert_cmpuint (cvg_graph_layout_get_n_edges (grouped), ==, 2);
  }
  /* Ungrouped, its members sit in the scope. */
  expanded[series_index] = TRUE;
  {
    g_autoptr(CvgGraphLayout) ungrouped = cvg_graph_layout_new (graph, expanded, 0);

    g_assert_cmpuint (cvg_graph_layout_count_leaves (ungrouped), ==, 11);
    g_assert_cmpuint (cvg_graph_layout_lookup_item (ungrouped, series_index), ==, CVG_GRAPH_NONE);
    g_assert_cmpuint (cvg_graph_layout_get_n_edges (ungrouped), ==, 7);
  }
  assert_layout_sound (graph, expanded);
}

static void
test_attributes (void)
{
  Tensorboard__GraphDef def = TENSORBOARD__GRAPH_DEF__INIT;
  Tensorboard__NodeDef a = TENSORBOARD__NODE_DEF__INIT, b = TENSORBOARD__NODE_DEF__INIT;
  Tensorboard__NodeDef__AttrEntry type_entry = TENSORBOARD__NODE_DEF__ATTR_ENTRY__INIT;
  Tensorboard__NodeDef__AttrEntry shapes_entry = TENSORBOARD__NODE_DEF__ATTR_ENTRY__INIT;
  Tensorboard__AttrValue type_value = TENSORBOARD__ATTR_VALUE__INIT, shapes_value = TENSORBOARD__ATTR_VALUE__INIT;
  Tensorboard__AttrValue__ListValue list = TENSORBOARD__ATTR_VALUE__LIST_VALUE__INIT;
  Tensorboard__TensorShapeProto shape = TENSORBOARD__TENSOR_SHAPE_PROTO__INIT;
  Tensorboard__TensorShapeProto__Dim d0 = TENSORBOARD__TENSOR_SHAPE_PROTO__DIM__INIT, d1 = TENSORBOARD__TENSOR_SHAPE_PROTO__DIM__INIT;
  Tensorboard__TensorShapeProto__Dim *dims[] = { &d0, &d1 };
  Tensorboard__TensorShapeProto *shapes[] = { &shape };
  Tensorboard__NodeDef__AttrEntry *entries[] = { &type_entry, &shapes_entry };
  Tensorboard__NodeDef *nodes[] = { &a, &b };
  char *inputs[] = { (char *) "a" };
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgGraph) graph = NULL;
  g_autoptr(CvgGraphLayout) layout = NULL;
  g_autofree guint8 *data = NULL;
  const CvgGraphOp *op;
  gsize len;

  d0.size = -1;
  d1.size = 28;
  shape.n_dim = 2;
  shape.dim = dims;
  list.n_shape = 1;
  list.shape = shapes;
  shapes_value.value_case = TENSORBOARD__ATTR_VALUE__VALUE_LIST;
  shapes_value.list = &list;
  type_value.value_case = TENSORBOARD__ATTR_VALUE__VALUE_TYPE;
  type_value.type = 1;
  type_entry.key = (char *) "T";
  type_entry.value = &type_value;
  shapes_entry.key = (char *) "_output_shapes";
  shapes_entry.value = &shapes_value;
  a.name = (char *) "a";
  a.op = (char *) "Placeholder";
  a.device = (char *) "/device:GPU:0";
  a.n_attr = 2;
  a.attr = entries;
  b.name = (char *) "b";
  b.op = (char *) "Relu";
  b.n_input = 1;
  b.input = inputs;
  def.n_node = 2;
  def.node = nodes;
  len = tensorboard__graph_def__get_packed_size (&def);
  data = g_malloc (len);
  tensorboard__graph_def__pack (&def, data);

  graph = cvg_graph_new_from_graph_def (data, len, &error);
  g_assert_no_error (error);
  op = cvg_graph_get_op (graph, 0);
  g_assert_cmpstr (op->device, ==, "/device:GPU:0");
  g_assert_cmpuint (op->attrs->len, ==, 2);
  g_assert_cmpstr (((CvgGraphAttr *) g_ptr_array_index (op->attrs, 0))->key, ==, "T");
  g_assert_cmpstr (((CvgGraphAttr *) g_ptr_array_index (op->attrs, 0))->value, ==, "float");
  g_assert_cmpstr (((CvgGraphAttr *) g_ptr_array_index (op->attrs, 1))->value, ==, "[(?, 28)]");
  g_assert_cmpstr (cvg_graph_get_output_shape (graph, 0, 0), ==, "(?, 28)");
  layout = cvg_graph_layout_new (graph, NULL, 0);
  g_assert_cmpuint (cvg_graph_layout_get_n_edges (layout), ==, 1);
  g_assert_cmpstr (cvg_graph_layout_get_edge (layout, 0)->label, ==, "(?, 28)");

  g_assert_null (cvg_graph_new_from_graph_def ((const guint8 *) "\xff\xff\xff", 3, &error));
  g_assert_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE);
}

static void
test_search (void)
{
  g_autoptr(CvgGraph) graph = graph_from_spec (scoped);
  g_autoptr(GArray) found = cvg_graph_search (graph, "B/", 10);
  g_autoptr(GArray) none = cvg_graph_search (graph, "", 10);

  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpstr (cvg_graph_get_item (graph, g_array_index (found, guint, 0))->name, ==, "a/b/c");
  g_assert_cmpuint (none->len, ==, 0);
}

/* A cycle (as in while loops) still gives a sound layout. */
static void
test_cycle (void)
{
  static const char * const spec[] = {
    "p", "Merge", "r", "q", "Add", "p", "r", "NextIteration", "q", "out", "Exit", "q",
    NULL,
  };
  g_autoptr(CvgGraph) graph = graph_from_spec (spec);

  assert_layout_sound (graph, NULL);
}

/* A node of very high degree among many stands aside, unlinked. */
static void
test_aside (void)
{
  static const char * const spec[] = {
    "a", "Const", "", "b", "Const", "", "c", "Const", "", "d", "Const", "",
    "e", "Const", "", "f", "Const", "", "g", "Const", "", "h", "Const", "",
    "i", "Const", "", "j", "Const", "", "k", "Const", "", "l", "Const", "",
    "m", "Const", "", "n", "Const", "", "o", "Const", "", "p", "Const", "",
    "init", "NoOp", "^a,^b,^c,^d,^e,^f,^g,^h,^i,^j,^k,^l,^m,^n,^o,^p",
    "x", "Placeholder", "", "y", "Relu", "x", "z", "Softmax", "y",
    NULL,
  };
  g_autoptr(CvgGraph) graph = graph_from_spec (spec);
  g_autoptr(CvgGraphLayout) layout = cvg_graph_layout_new (graph, NULL, 0);
  const CvgGraphLayoutNode *init = cvg_graph_layout_get_node (layout, cvg_graph_layout_lookup_item (layout, cvg_graph_lookup_item (graph, "init")));

  g_assert_cmpuint (cvg_graph_layout_get_n_nodes (layout), ==, 20);
  g_assert_cmpuint (cvg_graph_layout_get_n_edges (layout), ==, 2);
  for (guint i = 0; i < cvg_graph_layout_get_n_nodes (layout); i++)
    {
      const CvgGraphLayoutNode *node = cvg_graph_layout_get_node (layout, i);

      if (node != init)
        g_assert_cmpfloat (node->x + node->width, <, init->x);
    }
  assert_layout_sound (graph, NULL);
}

/* Members without edges wrap into a grid, not one endless row, while
 * the linked ones keep their layers above it. */
static void
test_loose_grid (void)
{
  static const char * const ops[] = { "Const", "Placeholder", "VarHandleOp", "NoOp" };
  g_autoptr(GPtrArray) spec = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CvgGraph) graph = NULL;
  g_autoptr(CvgGraphLayout) layout = NULL;
  const CvgGraphLayoutNode *b;
  double width, height;

  /* Letters only: numbered names would group into series. */
  for (guint i = 0; i < 100; i++)
    {
      g_ptr_array_add (spec, g_strdup_printf ("n%c%c", 'a' + i / 26, 'a' + i % 26));
      g_ptr_array_add (spec, g_strdup (ops[i % G_N_ELEMENTS (ops)]));
      g_ptr_array_add (spec, g_strdup (""));
    }
  g_ptr_array_add (spec, NULL);
  graph = graph_from_spec ((const char * const *) spec->pdata);
  layout = cvg_graph_layout_new (graph, NULL, 0);
  width = cvg_graph_layout_get_width (layout);
  height = cvg_graph_layout_get_height (layout);
  g_assert_cmpuint (cvg_graph_layout_get_n_nodes (layout), ==, 100);
  g_assert_cmpfloat (width / height, <=, 4.0);
  g_assert_cmpfloat (height / width, <=, 4.0);
  assert_layout_sound (graph, NULL);

  /* Linked members stay layered above the loose ones' grid. */
  g_ptr_array_set_size (spec, spec->len - 1);
  g_ptr_array_add (spec, g_strdup ("a"));
  g_ptr_array_add (spec, g_strdup ("Placeholder"));
  g_ptr_array_add (spec, g_strdup (""));
  g_ptr_array_add (spec, g_strdup ("b"));
  g_ptr_array_add (spec, g_strdup ("Relu"));
  g_ptr_array_add (spec, g_strdup ("a"));
  g_ptr_array_add (spec, NULL);
  g_clear_pointer (&layout, cvg_graph_layout_free);
  g_clear_pointer (&graph, cvg_graph_unref);
  graph = graph_from_spec ((const char * const *) spec->pdata);
  layout = cvg_graph_layout_new (graph, NULL, 0);
  g_assert_cmpuint (cvg_graph_layout_get_n_nodes (layout), ==, 102);
  g_assert_cmpuint (cvg_graph_layout_get_n_edges (layout), ==, 1);
  b = cvg_graph_layout_get_node (layout, cvg_graph_layout_lookup_item (layout, cvg_graph_lookup_item (graph, "b")));
  for (guint i = 0; i < 100; i++)
    {
      char name[4] = { 'n', 'a' + i / 26, 'a' + i % 26, 0 };
      const CvgGraphLayoutNode *node = cvg_graph_layout_get_node (layout, cvg_graph_layout_lookup_item (layout, cvg_graph_lookup_item (graph, name)));

      g_assert_cmpfloat (node->y, >, b->y + b->height);
    }
  g_assert_cmpfloat (cvg_graph_layout_get_width (layout) / cvg_graph_layout_get_height (layout), <=, 4.0);
  assert_layout_sound (graph, NULL);
}

/* The corpus. */

static CvgRun *
load_run (GHashTable *logdirs,
          const char *corpus_dir,
          const char *set,
          const char *relative)
{
  CvgLogdir *logdir = g_hash_table_lookup (logdirs, set);

  if (logdir == NULL)
    {
      g_autofree char *path = g_build_filename (corpus_dir, set, NULL);
      g_autoptr(GError) error = NULL;

      logdir = cvg_logdir_new (path);
      g_assert_true (cvg_logdir_load (logdir, &error));
      g_hash_table_insert (logdirs, g_strdup (set), logdir);
    }
  return cvg_logdir_lookup_run (logdir, relative);
}

static CvgInventory *
load_inventory (const char **corpus_dir)
{
  g_autofree char *problem = NULL;
  gboolean missing = FALSE;
  CvgInventory *inventory = cvg_inventory_load_corpus (corpus_dir, &problem, &missing);

  if (inventory == NULL)
    cvg_inventory_fail_or_skip (problem, missing);
  return inventory;
}

static const char *
graph_detail (const CvgInvTag *tag)
{
  if (tag->last_detail != NULL)
    return tag->last_detail;
  if (tag->first_detail != NULL)
    return tag->first_detail;
  return tag->details->len > 0 ? g_ptr_array_index (tag->details, 0) : "";
}

static void
test_corpus_graphs (void)
{
  const char *corpus_dir = NULL;
  g_autoptr(CvgInventory) inventory = load_inventory (&corpus_dir);
  g_autoptr(GHashTable) logdirs = NULL;
  CvgChecker checker = { 0 };
  guint n_graphs = 0;

  if (inventory == NULL)
    return;
  logdirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  for (guint r = 0; r < inventory->runs->len; r++)
    {
      CvgInvRun *inv = g_ptr_array_index (inventory->runs, r);

      for (guint t = 0; t < inv->tags->len; t++)
        {
          CvgInvTag *tag = g_ptr_array_index (inv->tags, t);
          g_autoptr(CvgGraph) graph = NULL;
          g_autoptr(CvgGraphLayout) top = NULL;
          g_autoptr(CvgGraphLayout) open = NULL;
          g_autofree guint8 *expanded = NULL;
          g_autoptr(GError) error = NULL;
          gint64 expected = -1;
          CvgRun *run;

          if (tag->kind != CVG_INV_GRAPH_DEF)
            continue;
          cvg_checker_set_where (&checker, "%s", inv->name);
          g_assert_true (cvg_inv_detail_get_count (graph_detail (tag), "nodes", &expected));
          run = load_run (logdirs, corpus_dir, inv->set, inv->relative);
          cvg_check (&checker, run != NULL, "run not found");
          if (run == NULL)
            continue;
          g_assert_true (cvg_graph_run_has (run, CVG_GRAPH_SOURCE_OPS));
          graph = cvg_graph_new_from_run (run, CVG_GRAPH_SOURCE_OPS, &error);
          g_assert_no_error (error);
          cvg_check (&checker, cvg_graph_get_n_ops (graph) == (guint) expected,
                     "%u nodes, INVENTORY.txt says %" G_GINT64_FORMAT, cvg_graph_get_n_ops (graph), expected);
          top = cvg_graph_layout_new (graph, NULL, 0);
          check_layout (&checker, top);
          expanded = expand_all (graph, FALSE);
          open = cvg_graph_layout_new (graph, expanded, 0);
          check_layout (&checker, open);
          cvg_check (&checker, cvg_graph_layout_count_leaves (open) <= cvg_graph_get_n_ops (graph),
                     "more leaves than ops");
          n_graphs++;
        }
    }
  g_assert_cmpuint (n_graphs, >=, 5);
  cvg_checker_finish (&checker, "corpus graphs", "mismatches");
}

static const CvgGraphAttr *
find_attr (const CvgGraphOp *op,
           const char       *key)
{
  for (guint i = 0; i < op->attrs->len; i++)
    if (g_str_equal (((CvgGraphAttr *) g_ptr_array_index (op->attrs, i))->key, key))
      return g_ptr_array_index (op->attrs, i);
  return NULL;
}

/* The newest config wins: the run's last file holds "sequential_1". */
static CvgGraph *
check_keras (const char         *set,
             const char         *relative,
             const char * const *layers)
{
  const char *corpus_dir = NULL;
  g_autoptr(CvgInventory) inventory = load_inventory (&corpus_dir);
  g_autoptr(GHashTable) logdirs = NULL;
  g_autoptr(CvgGraph) graph = NULL;
  g_autoptr(CvgGraphLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  CvgRun *run;
  guint n = 0;

  if (inventory == NULL)
    return NULL;
  logdirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  run = load_run (logdirs, corpus_dir, set, relative);
  g_assert_nonnull (run);
  g_assert_true (cvg_graph_run_has (run, CVG_GRAPH_SOURCE_KERAS));
  graph = cvg_graph_new_from_run (run, CVG_GRAPH_SOURCE_KERAS, &error);
  g_assert_no_error (error);
  for (; layers[n * 2] != NULL; n++)
    {
      const CvgGraphOp *op = cvg_graph_get_op (graph, n);

      g_assert_cmpstr (op->name, ==, layers[n * 2]);
      g_assert_cmpstr (op->op, ==, layers[n * 2 + 1]);
      /* Sequential: each layer reads the one before. */
      g_assert_cmpuint (op->inputs->len, ==, n > 0 ? 1 : 0);
      if (n > 0)
        g_assert_cmpuint (g_array_index (op->inputs, CvgGraphInput, 0).source, ==, n - 1);
    }
  g_assert_cmpuint (cvg_graph_get_n_ops (graph), ==, n);
  layout = cvg_graph_layout_new (graph, NULL, 0);
  g_assert_cmpuint (cvg_graph_layout_get_n_nodes (layout), ==, n);
  g_assert_cmpuint (cvg_graph_layout_get_n_edges (layout), ==, n - 1);
  assert_layout_sound (graph, NULL);
  return g_steal_pointer (&graph);
}


static void
test_keras_fashion_mnist (void)
{
  static const char * const layers[] = {
    "conv2d", "Conv2D", "max_pooling2d", "MaxPooling2D", "dropout", "Dropout",
    "flatten_1", "Flatten", "dense_4", "Dense", "dense_5", "Dense", NULL,
  };

  g_autoptr(CvgGraph) graph = check_keras ("keras_tf2_fashion_mnist", "cnn_1layer/train", layers);

  if (graph != NULL)
    g_assert_cmpstr (find_attr (cvg_graph_get_op (graph, 0), "filters")->value, ==, "32");
}

static void
test_keras_embedding (void)
{
  static const char * const layers[] = {
    "input_2", "InputLayer", "embedding_1", "Embedding", "lstm_2", "LSTM",
    "lstm_3", "LSTM", "dense_1", "Dense", NULL,
  };

  g_autoptr(CvgGraph) graph = check_keras ("keras_tf2_embedding", "train", layers);

  /* Edges carry the shape the next layer was built for. */
  if (graph != NULL)
    {
      g_assert_cmpstr (cvg_graph_get_output_shape (graph, 0, 0), ==, "(?, 194)");
      g_assert_cmpstr (cvg_graph_get_output_shape (graph, 1, 0), ==, "(?, 194, 64)");
      g_assert_cmpstr (find_attr (cvg_graph_get_op (graph, 2), "units")->value, ==, "200");
    }
}

static void
test_keras_functional (void)
{
  static const char json[] =
    "{\"class_name\": \"Functional\", \"config\": {\"name\": \"m\", \"layers\": ["
    "{\"class_name\": \"InputLayer\", \"name\": \"in\", \"config\": {\"name\": \"in\", \"batch_input_shape\": [null, 4]}, \"inbound_nodes\": []},"
    "{\"class_name\": \"Sequential\", \"name\": \"inner\", \"config\": {\"name\": \"inner\", \"layers\": ["
    "  {\"class_name\": \"Dense\", \"config\": {\"name\": \"d1\", \"units\": 8, \"activation\": \"relu\"}},"
    "  {\"class_name\": \"Dense\", \"config\": {\"name\": \"d2\", \"units\": 2}}]},"
    " \"inbound_nodes\": [[[\"in\", 0, 0, {}]]]},"
    "{\"class_name\": \"Add\", \"name\": \"sum\", \"config\": {\"name\": \"sum\"},"
    " \"inbound_nodes\": [{\"args\": [[{\"class_name\": \"__keras_tensor__\", \"config\": {\"keras_history\": [\"inner\", 0, 0]}},"
    "                                {\"class_name\": \"__keras_tensor__\", \"config\": {\"keras_history\": [\"in\", 0, 0]}}]], \"kwargs\": {}}]}"
    "], \"input_layers\": [[\"in\", 0, 0]], \"output_layers\": [[\"sum\", 0, 0]]}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgGraph) graph = cvg_graph_new_from_keras_json (json, -1, &error);
  const CvgGraphOp *d1, *sum;

  g_assert_no_error (error);
  g_assert_cmpuint (cvg_graph_get_n_ops (graph), ==, 4);
  g_assert_cmpint (item_named (graph, "inner")->kind, ==, CVG_GRAPH_ITEM_SCOPE);
  d1 = cvg_graph_get_op (graph, cvg_graph_lookup_op (graph, "inner/d1"));
  g_assert_cmpuint (d1->inputs->len, ==, 1);
  g_assert_cmpuint (g_array_index (d1->inputs, CvgGraphInput, 0).source, ==, cvg_graph_lookup_op (graph, "in"));
  g_assert_cmpstr (find_attr (d1, "units")->value, ==, "8");
  g_assert_cmpstr (find_attr (d1, "activation")->value, ==, "relu");
  sum = cvg_graph_get_op (graph, cvg_graph_lookup_op (graph, "sum"));
  g_assert_cmpuint (sum->inputs->len, ==, 2);
  g_assert_cmpuint (g_array_index (sum->inputs, CvgGraphInput, 0).source, ==, cvg_graph_lookup_op (graph, "inner/d2"));
  g_assert_cmpstr (cvg_graph_get_output_shape (graph, cvg_graph_lookup_op (graph, "in"), 0), ==, "(?, 4)");

  g_assert_null (cvg_graph_new_from_keras_json ("{\"a\": 1}", -1, &error));
}

/* Run metadata. */

static void
test_run_metadata (void)
{
  static const char * const spec[] = {
    "x", "Placeholder", "",
    "layer/w", "Const", "",
    "layer/mul", "MatMul", "x,layer/w",
    NULL,
  };
  g_autoptr(GBytes) packed = pack_graph (spec);
  Tensorboard__GraphDef *def = tensorboard__graph_def__unpack (NULL, g_bytes_get_size (packed),
                                                                g_bytes_get_data (packed, NULL));
  Tensorboard__RunMetadata meta = TENSORBOARD__RUN_METADATA__INIT;
  Tensorboard__StepStats step = TENSORBOARD__STEP_STATS__INIT;
  Tensorboard__DeviceStepStats dev = TENSORBOARD__DEVICE_STEP_STATS__INIT;
  Tensorboard__NodeExecStats exec[3];
  Tensorboard__NodeExecStats *execs[3];
  Tensorboard__AllocatorMemoryUsed mem = TENSORBOARD__ALLOCATOR_MEMORY_USED__INIT;
  Tensorboard__AllocatorMemoryUsed *mems[] = { &mem };
  Tensorboard__GraphDef *partitions[] = { def };
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgGraph) graph = NULL;
  g_autoptr(CvgGraph) garbage = NULL;
  g_autofree guint8 *data = NULL;
  const CvgGraphOp *mul, *x;
  gsize len;

  /* "layer/mul" ran twice, with memory; "x" once; "gone" is no node. */
  for (guint i = 0; i < 3; i++)
    {
      tensorboard__node_exec_stats__init (&exec[i]);
      execs[i] = &exec[i];
    }
  exec[0].node_name = (char *) "layer/mul";
  exec[0].all_end_rel_micros = 30;
  exec[0].n_memory = 1;
  exec[0].memory = mems;
  mem.peak_bytes = 4096;
  exec[1].node_name = (char *) "layer/mul";
  exec[1].all_end_rel_micros = 12;
  exec[2].node_name = (char *) "x";
  exec[2].all_end_rel_micros = 5;
  dev.device = (char *) "/device:CPU:0";
  dev.n_node_stats = 3;
  dev.node_stats = execs;
  step.n_dev_stats = 1;
  step.dev_stats = (Tensorboard__DeviceStepStats *[]) { &dev };
  meta.step_stats = &step;
  meta.n_partition_graphs = 1;
  meta.partition_graphs = partitions;
  len = tensorboard__run_metadata__get_packed_size (&meta);
  data = g_malloc (len);
  tensorboard__run_metadata__pack (&meta, data);
  tensorboard__graph_def__free_unpacked (def, NULL);

  graph = cvg_graph_new_from_run_metadata (data, len, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cvg_graph_get_n_ops (graph), ==, 3);
  g_assert_true (cvg_graph_has_stats (graph));
  mul = cvg_graph_get_op (graph, cvg_graph_lookup_op (graph, "layer/mul"));
  g_assert_true (mul->has_stats);
  g_assert_cmpint (mul->compute_micros, ==, 42);
  g_assert_cmpint (mul->peak_bytes, ==, 4096);
  g_assert_cmpuint (mul->inputs->len, ==, 2);
  x = cvg_graph_get_op (graph, cvg_graph_lookup_op (graph, "x"));
  g_assert_cmpint (x->compute_micros, ==, 5);
  g_assert_false (cvg_graph_get_op (graph, cvg_graph_lookup_op (graph, "layer/w"))->has_stats);
  /* Scopes sum their children. */
  g_assert_cmpint (item_named (graph, "layer")->compute_micros, ==, 42);
  g_assert_cmpint (cvg_graph_get_item (graph, 0)->compute_micros, ==, 47);

  garbage = cvg_graph_new_from_run_metadata ((const guint8 *) "\xff\xff\xff", 3, NULL, &error);
  g_assert_null (garbage);
  g_assert_nonnull (error);
}

static CvgRun *
corpus_run (GHashTable **logdirs,
            const char  *set,
            const char  *relative)
{
  const char *corpus_dir = NULL;
  g_autoptr(CvgInventory) inventory = load_inventory (&corpus_dir);

  if (inventory == NULL)
    return NULL;
  *logdirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  return load_run (*logdirs, corpus_dir, set, relative);
}

/* Keras's profiled batch holds only step stats (132 nodes of a rewritten
 * function, 13 of them named as in the op graph): the graph is the one
 * the stats name, edges read from their timeline labels. */
static void
test_run_metadata_keras (void)
{
  g_autoptr(GHashTable) logdirs = NULL;
  CvgRun *run = corpus_run (&logdirs, "keras_tf2_fashion_mnist", "cnn_1layer/train");
  g_auto(GStrv) tags = NULL;
  g_autoptr(CvgGraph) graph = NULL;
  g_autoptr(GError) error = NULL;
  const CvgGraphOp *op;
  gint64 total = 0, peak = 0;
  guint with_stats = 0;

  if (run == NULL)
    return;
  tags = cvg_graph_run_list_run_metadata (run);
  g_assert_cmpuint (g_strv_length (tags), ==, 1);
  g_assert_cmpstr (tags[0], ==, "batch_2");
  g_assert_true (cvg_graph_run_has (run, CVG_GRAPH_SOURCE_RUN_METADATA));
  graph = cvg_graph_new_from_run_metadata_tag (run, "batch_2", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < cvg_graph_get_n_ops (graph); i++)
    {
      op = cvg_graph_get_op (graph, i);
      with_stats += op->has_stats;
      total += op->compute_micros;
      peak += op->peak_bytes;
    }
  g_print ("# keras batch_2: %u ops, %u with stats, %" G_GINT64_FORMAT " us, %" G_GINT64_FORMAT " bytes\n",
           cvg_graph_get_n_ops (graph), with_stats, total, peak);
  g_assert_cmpuint (cvg_graph_get_n_ops (graph), ==, KERAS_BATCH2_OPS);
  g_assert_cmpuint (with_stats, ==, KERAS_BATCH2_OPS);
  g_assert_cmpint (total, ==, KERAS_BATCH2_MICROS);
  g_assert_cmpint (cvg_graph_get_item (graph, 0)->compute_micros, ==, KERAS_BATCH2_MICROS);
  g_assert_cmpint (peak, ==, KERAS_BATCH2_PEAK);
  op = cvg_graph_get_op (graph, cvg_graph_lookup_op (graph, "_SOURCE"));
  g_assert_cmpstr (op->op, ==, "NoOp");
  g_assert_cmpstr (op->device, ==, "/job:localhost/replica:0/task:0/device:CPU:0");
  assert_layout_sound (graph, NULL);
}

/* PyTorch's add_graph writes "step1": 19 bytes, one device and no node
 * stats, no graph: the run's op graph stands in, without stats. */
static void
test_run_metadata_pytorch (void)
{
  g_autoptr(GHashTable) logdirs = NULL;
  CvgRun *run = corpus_run (&logdirs, "pytorch_study_tensorboard", "runs/graph_experiment");
  g_auto(GStrv) tags = NULL;
  g_autoptr(CvgGraph) graph = NULL;
  g_autoptr(CvgGraph) ops = NULL;
  g_autoptr(GError) error = NULL;

  if (run == NULL)
    return;
  tags = cvg_graph_run_list_run_metadata (run);
  g_assert_cmpuint (g_strv_length (tags), ==, 1);
  g_assert_cmpstr (tags[0], ==, "step1");
  graph = cvg_graph_new_from_run_metadata_tag (run, "step1", &error);
  g_assert_no_error (error);
  ops = cvg_graph_new_from_run (run, CVG_GRAPH_SOURCE_OPS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cvg_graph_get_n_ops (graph), ==, 30);
  g_assert_cmpuint (cvg_graph_get_n_ops (graph), ==, cvg_graph_get_n_ops (ops));
  g_assert_false (cvg_graph_has_stats (graph));
  g_assert_null (cvg_graph_new_from_run_metadata_tag (run, "nothing", &error));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/graph/scopes", test_scopes);
  g_test_add_func ("/model/graph/layout-top-level", test_layout_top_level);
  g_test_add_func ("/model/graph/control-edges", test_control_edges);
  g_test_add_func ("/model/graph/series", test_series);
  g_test_add_func ("/model/graph/attributes", test_attributes);
  g_test_add_func ("/model/graph/search", test_search);
  g_test_add_func ("/model/graph/cycle", test_cycle);
  g_test_add_func ("/model/graph/aside", test_aside);
  g_test_add_func ("/model/graph/loose-grid", test_loose_grid);
  g_test_add_func ("/model/graph/corpus", test_corpus_graphs);
  g_test_add_func ("/model/graph/keras-fashion-mnist", test_keras_fashion_mnist);
  g_test_add_func ("/model/graph/keras-embedding", test_keras_embedding);
  g_test_add_func ("/model/graph/keras-functional", test_keras_functional);
  g_test_add_func ("/model/graph/run-metadata", test_run_metadata);
  g_test_add_func ("/model/graph/run-metadata-keras", test_run_metadata_keras);
  g_test_add_func ("/model/graph/run-metadata-pytorch", test_run_metadata_pytorch);
  return g_test_run ();
}
