/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cvg-io-types.h"
#include "cvg-types.h"

G_BEGIN_DECLS

/* A model graph as the Graphs page shows it: the ops (or Keras layers)
 * with their inputs, and the hierarchy above them: name scopes (names
 * split on '/') and series (≥ CVG_GRAPH_SERIES_MIN siblings whose names
 * differ only by a trailing number, stacked into one node). Immutable
 * once built, so a layout may read it on any thread. */

#define CVG_GRAPH_SERIES_MIN 5
#define CVG_GRAPH_NONE G_MAXUINT
/* Names of more scopes ('/') than this are refused. */
#define CVG_GRAPH_MAX_SCOPE_DEPTH 100

typedef struct _CvgGraph CvgGraph;
typedef struct _CvgGraphRequest CvgGraphRequest;

/* Which graph of a run. */
typedef enum
{
  CVG_GRAPH_SOURCE_OPS,    /* the GraphDef, else the MetaGraphDef's */
  CVG_GRAPH_SOURCE_KERAS,  /* the Keras model config ("keras" tag) */
  CVG_GRAPH_SOURCE_RUN_METADATA, /* a tagged RunMetadata, with its stats */
} CvgGraphSource;

typedef enum
{
  CVG_GRAPH_ITEM_OP,
  CVG_GRAPH_ITEM_SCOPE,
  CVG_GRAPH_ITEM_SERIES,
} CvgGraphItemKind;

/* key and readable value, as decoded */
typedef CvgNodeAttr CvgGraphAttr;

typedef struct
{
  guint    source;   /* op index */
  guint    port;     /* "name:k" */
  gboolean control;  /* "^name" */
} CvgGraphInput;

typedef struct
{
  char      *name;     /* full name */
  char      *op;       /* op type, or the Keras layer class */
  char      *device;   /* "" when none */
  GPtrArray *attrs;    /* CvgGraphAttr, sorted by key */
  GArray    *inputs;   /* CvgGraphInput */
  GArray    *outputs;  /* guint: ops that read this one */
  GPtrArray *output_shapes; /* char * per output port ("" when unknown) */
  guint      item;
  /* From a RunMetadata's step stats, summed over executions. */
  gboolean   has_stats;
  gint64     compute_micros; /* all_end_rel_micros */
  gint64     peak_bytes;     /* AllocatorMemoryUsed.peak_bytes */
} CvgGraphOp;

typedef struct
{
  CvgGraphItemKind  kind;
  char             *name;       /* full name; unique */
  const char       *short_name; /* its last part */
  const char       *op;         /* OP and SERIES: the op type, else NULL */
  guint             parent;     /* CVG_GRAPH_NONE for the root (item 0) */
  guint             depth;      /* 0 for the root */
  GArray           *children;   /* guint item indices */
  guint             op_index;   /* OP items, else CVG_GRAPH_NONE */
  guint             n_ops;      /* ops at or below */
  gint64            compute_micros; /* sum of the ops at or below */
} CvgGraphItem;

CvgGraph           *cvg_graph_new_from_graph_def      (const guint8  *data,
                                                       gsize          len,
                                                       GError       **error);
CvgGraph           *cvg_graph_new_from_meta_graph_def (const guint8  *data,
                                                       gsize          len,
                                                       GError       **error);
/* A Keras model config (Sequential, Functional/Model, nested models). */
CvgGraph           *cvg_graph_new_from_keras_json     (const char    *json,
                                                       gssize         len,
                                                       GError       **error);
gboolean            cvg_graph_run_has                 (CvgRun        *run,
                                                       CvgGraphSource source);
/* A serialized RunMetadata: the graph in it (function graphs, else the
 * partition graphs merged) with its step stats attached by node name.
 * Without a graph in it, @run's op graph when there is one and the
 * stats name its nodes, else a graph of the nodes the stats name. */
CvgGraph           *cvg_graph_new_from_run_metadata   (const guint8  *data,
                                                       gsize          len,
                                                       CvgRun        *run,
                                                       GError       **error);
/* The tags of @run's run metadata, sorted; free with g_strfreev(). */
char              **cvg_graph_run_list_run_metadata   (CvgRun        *run);
/* The newest run metadata of @tag in @run. */
CvgGraph           *cvg_graph_new_from_run_metadata_tag (CvgRun      *run,
                                                       const char    *tag,
                                                       GError       **error);
/* Whether any op has step stats. */
gboolean            cvg_graph_has_stats               (CvgGraph      *self);
/* The newest graph of @source in @run. */
CvgGraph           *cvg_graph_new_from_run            (CvgRun        *run,
                                                       CvgGraphSource source,
                                                       GError       **error);
/* What a graph is built from, copied off @run (@tag: the run metadata
 * tag, NULL for the first) on the thread that owns it, so that
 * cvg_graph_request_build() may run on any thread. */
CvgGraphRequest    *cvg_graph_request_new             (CvgRun        *run,
                                                       CvgGraphSource source,
                                                       const char    *tag);
/* Decodes and builds; cancellable between the two. */
CvgGraph           *cvg_graph_request_build           (CvgGraphRequest *request,
                                                       GCancellable  *cancellable,
                                                       GError       **error);
void                cvg_graph_request_free            (CvgGraphRequest *request);
CvgGraph           *cvg_graph_ref                     (CvgGraph      *self);
void                cvg_graph_unref                   (CvgGraph      *self);

guint               cvg_graph_get_n_ops               (CvgGraph      *self);
const CvgGraphOp   *cvg_graph_get_op                  (CvgGraph      *self,
                                                       guint          index);
guint               cvg_graph_get_n_items             (CvgGraph      *self);
const CvgGraphItem *cvg_graph_get_item                (CvgGraph      *self,
                                                       guint          index);
/* By full name; CVG_GRAPH_NONE when absent. */
guint               cvg_graph_lookup_item             (CvgGraph      *self,
                                                       const char    *name);
guint               cvg_graph_lookup_op               (CvgGraph      *self,
                                                       const char    *name);
/* Whether @ancestor is @item or above it. */
gboolean            cvg_graph_item_is_within          (CvgGraph      *self,
                                                       guint          item,
                                                       guint          ancestor);
/* Items (ops first, then scopes and series) whose full name contains
 * @text, ignoring case; at most @max_results. */
GArray             *cvg_graph_search                  (CvgGraph      *self,
                                                       const char    *text,
                                                       guint          max_results);
/* The text of an edge from output @port of @op: its shape, or NULL. */
const char         *cvg_graph_get_output_shape        (CvgGraph      *self,
                                                       guint          op,
                                                       guint          port);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgGraph, cvg_graph_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgGraphRequest, cvg_graph_request_free)

G_END_DECLS
