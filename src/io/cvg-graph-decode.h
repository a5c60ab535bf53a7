/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cvg-io-types.h"

G_BEGIN_DECLS

/* GraphDef, MetaGraphDef and RunMetadata protos as plain structs, so
 * that nothing above io sees a *.pb-c.h. Attribute values come as
 * readable text. Logs come from strangers: bytes nested deeper than
 * CVG_GRAPH_DECODE_MAX_DEPTH messages are refused before protobuf-c
 * (which recurses) unpacks them; TensorFlow's own limit is 100 too. */

#define CVG_GRAPH_DECODE_MAX_DEPTH 100

typedef struct
{
  char      *name;
  char      *op;
  char      *device;        /* "" when none */
  GPtrArray *inputs;        /* char *: "name", "name:k" or "^name" */
  GPtrArray *attrs;         /* CvgNodeAttr, in file order; NULL once taken */
  GPtrArray *output_shapes; /* char * per port, from `_output_shapes`; NULL once taken */
} CvgNodeDef;

/* A RunMetadata's step stats of one node, summed over executions. */
typedef struct
{
  char   *name;
  char   *device;
  char   *timeline_label;  /* "name = Op(a, b)", or "" */
  gint64  compute_micros;  /* all_end_rel_micros */
  gint64  peak_bytes;      /* AllocatorMemoryUsed.peak_bytes */
} CvgNodeStats;

typedef struct
{
  GPtrArray *nodes;  /* CvgNodeDef; names may repeat */
  GPtrArray *stats;  /* CvgNodeStats, one per node name; RunMetadata only */
} CvgGraphDef;

CvgGraphDef *cvg_graph_def_decode              (const guint8  *data,
                                                gsize          len,
                                                GError       **error);
/* The MetaGraphDef's GraphDef (no nodes when it has none). */
CvgGraphDef *cvg_graph_def_decode_meta         (const guint8  *data,
                                                gsize          len,
                                                GError       **error);
/* The graph in it (function graphs, else the partition graphs merged,
 * the first node of a name kept) and its step stats. */
CvgGraphDef *cvg_graph_def_decode_run_metadata (const guint8  *data,
                                                gsize          len,
                                                GError       **error);
void         cvg_graph_def_free                (CvgGraphDef   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgGraphDef, cvg_graph_def_free)

G_END_DECLS
