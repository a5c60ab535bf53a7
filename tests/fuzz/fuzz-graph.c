/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for graphs. The first byte picks what the rest is:
 * 0 a GraphDef, 1 a MetaGraphDef, 2 a RunMetadata, else a Keras model
 * config (JSON). Each is decoded, built into a graph, laid out at the
 * top level, searched, and every item is opened and laid out once. */
#define G_LOG_DOMAIN "fuzz-graph"

#include "config.h"

#include "cvg-graph.h"
#include "cvg-graph-layout.h"

#define CHAR_WIDTH 7.5
#define MAX_OPENED 64

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static CvgGraph *
build (const guint8 *data,
       size_t        size)
{
  if (size == 0)
    return NULL;
  switch (data[0])
    {
    case 0: return cvg_graph_new_from_graph_def (data + 1, size - 1, NULL);
    case 1: return cvg_graph_new_from_meta_graph_def (data + 1, size - 1, NULL);
    case 2: return cvg_graph_new_from_run_metadata (data + 1, size - 1, NULL, NULL);
    default: return cvg_graph_new_from_keras_json ((const char *) data + 1, size - 1, NULL);
    }
}

/* Opens the first scopes and series, as double clicks would. */
static void
lay_out_opened (CvgGraph *graph)
{
  guint n = cvg_graph_get_n_items (graph);
  g_autofree guint8 *expanded = g_new0 (guint8, n);
  CvgGraphLayout *layout;

  for (guint i = 1, opened = 0; i < n && opened < MAX_OPENED; i++)
    if (cvg_graph_get_item (graph, i)->kind != CVG_GRAPH_ITEM_OP)
      {
        expanded[i] = TRUE;
        opened++;
      }
  layout = cvg_graph_layout_new (graph, expanded, CHAR_WIDTH);
  cvg_graph_layout_free (layout);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(CvgGraph) graph = build (data, size);
  g_autoptr(GArray) found = NULL;
  CvgGraphLayout *layout;

  if (graph == NULL)
    return 0;
  layout = cvg_graph_layout_new (graph, NULL, CHAR_WIDTH);
  cvg_graph_layout_free (layout);
  lay_out_opened (graph);
  found = cvg_graph_search (graph, "a", 50);
  for (guint i = 0; i < cvg_graph_get_n_ops (graph); i++)
    {
      const CvgGraphOp *op = cvg_graph_get_op (graph, i);

      for (guint k = 0; k < op->inputs->len; k++)
        cvg_graph_get_output_shape (graph, g_array_index (op->inputs, CvgGraphInput, k).source,
                                    g_array_index (op->inputs, CvgGraphInput, k).port);
    }
  cvg_graph_has_stats (graph);
  return 0;
}
