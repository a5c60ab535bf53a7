/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cvg-graph.h"

G_BEGIN_DECLS

/* A layered (Sugiyama-style) layout of what is visible of a graph:
 * within each expanded scope, its members are put in layers by longest
 * path (data flows down), ordered by barycenter sweeps to cut crossings,
 * and placed; an expanded scope becomes a box around its own layout.
 * In a level of many members, those of unusually high degree (save,
 * init, gradients) stand in a column aside and their edges are not
 * drawn, as TensorBoard's auxiliary nodes; members with no drawn edge,
 * when there are several, fill a grid under the layers instead of one
 * endless row of layer 0. Coordinates are in graph
 * units (about pixels at zoom 1). A plain computation: run it on any
 * thread. */

#define CVG_GRAPH_NODE_HEIGHT   38.0
#define CVG_GRAPH_CHAR_WIDTH    8.0
#define CVG_GRAPH_BOX_HEADER    26.0

typedef struct _CvgGraphLayout CvgGraphLayout;

typedef struct
{
  guint    item;
  double   x, y, width, height;
  gboolean box;       /* an expanded scope around its children */
  guint    parent;    /* the enclosing box's node index, or CVG_GRAPH_NONE */
} CvgGraphLayoutNode;

typedef struct
{
  double x, y;
} CvgGraphPoint;

typedef struct
{
  guint       source;     /* node indices */
  guint       target;
  gboolean    control;    /* only control inputs run along it */
  guint       count;      /* op-level edges it stands for */
  const char *label;      /* a shape, or NULL (owned by the graph) */
  guint       first_point;
  guint       n_points;   /* ≥ 2: from the source's border to the target's */
} CvgGraphLayoutEdge;

/* @expanded: one flag per item of @graph: a scope shown open, a series
 * ungrouped. NULL for the top level only. @char_width: the mean width of
 * a label character in graph units, from the font (0: a default). */
CvgGraphLayout           *cvg_graph_layout_new            (CvgGraph       *graph,
                                                           const guint8   *expanded,
                                                           double          char_width);
void                      cvg_graph_layout_free           (CvgGraphLayout *self);

double                    cvg_graph_layout_get_width      (CvgGraphLayout *self);
double                    cvg_graph_layout_get_height     (CvgGraphLayout *self);
/* Boxes come before what they hold. */
guint                     cvg_graph_layout_get_n_nodes    (CvgGraphLayout *self);
const CvgGraphLayoutNode *cvg_graph_layout_get_node       (CvgGraphLayout *self,
                                                           guint           index);
guint                     cvg_graph_layout_get_n_edges    (CvgGraphLayout *self);
const CvgGraphLayoutEdge *cvg_graph_layout_get_edge       (CvgGraphLayout *self,
                                                           guint           index);
const CvgGraphPoint      *cvg_graph_layout_get_point      (CvgGraphLayout *self,
                                                           guint           index);
/* The node of @item, or CVG_GRAPH_NONE when it is not shown. */
guint                     cvg_graph_layout_lookup_item    (CvgGraphLayout *self,
                                                           guint           item);
/* The innermost node under (x, y), or CVG_GRAPH_NONE. */
guint                     cvg_graph_layout_node_at        (CvgGraphLayout *self,
                                                           double          x,
                                                           double          y);
/* Nodes that are not boxes. */
guint                     cvg_graph_layout_count_leaves   (CvgGraphLayout *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgGraphLayout, cvg_graph_layout_free)

G_END_DECLS
