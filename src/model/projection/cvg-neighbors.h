/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cvg-projection.h"

G_BEGIN_DECLS

/*
 * Nearest neighbours in the original space, exact, by brute force on
 * threads. A point is never its own neighbour; ties are broken by the
 * lower index, so results are deterministic. Distances are euclidean (not
 * squared) or cosine (1 − cos), as float.
 *
 * One query scans every row with SIMD distance kernels. The whole graph is
 * a blocked matrix product (dot products by float micro-kernels, euclidean
 * as ‖a‖² + ‖b‖² − 2 a·b), then the k kept get their distances computed
 * directly again; so two candidates whose distances agree to float
 * precision (about 10⁻⁶ relative) may come in either order, where a
 * double-precision scan would order them.
 *
 * Cost: N × D per query, N² × D / threads for the whole graph (exact at
 * 10⁵ points too: no approximate index); see
 * tests/bench/bench-projection.c for figures.
 */

typedef struct {
  guint32 index;
  float   distance;
} CvgNeighbor;

/* The @k nearest rows to row @query of @data (N × D), nearest first.
 * @k is clamped to N − 1. Returns a GArray of CvgNeighbor (empty when
 * N = 1), or %NULL with @error set (bad sizes, @query ≥ N, cancelled).
 * Cosine normalises a copy of the matrix first (a caller asking often
 * may normalise once and ask for euclidean: the same order, with
 * euclidean = √(2 · cosine) between unit vectors). */
GArray *cvg_neighbors_query (const float   *data,
                             gsize          n_points,
                             gsize          n_dims,
                             gsize          query,
                             gsize          k,
                             CvgDistance    distance,
                             guint          n_threads,
                             GCancellable  *cancellable,
                             GError       **error);

/* The k-nearest-neighbour graph of every row: N rows of k neighbours,
 * each row sorted nearest first. Immutable once built; readable from any
 * thread. */
typedef struct _CvgKnnGraph CvgKnnGraph;

/* Builds the graph with @k clamped to N − 1 (0 when N = 1). Blocking,
 * cancellable. Memory: the graph, N × k × 8 bytes, and a packed copy of
 * the matrix while it works (twice that for cosine), all checked. */
CvgKnnGraph *cvg_knn_graph_build        (const float   *data,
                                         gsize          n_points,
                                         gsize          n_dims,
                                         gsize          k,
                                         CvgDistance    distance,
                                         guint          n_threads,
                                         GCancellable  *cancellable,
                                         GError       **error);
/* The same, calling @progress (may be %NULL) as rows are done. */
CvgKnnGraph *cvg_knn_graph_build_full   (const float     *data,
                                         gsize            n_points,
                                         gsize            n_dims,
                                         gsize            k,
                                         CvgDistance      distance,
                                         guint            n_threads,
                                         CvgProgressFunc  progress,
                                         gpointer         progress_data,
                                         GCancellable    *cancellable,
                                         GError         **error);
void         cvg_knn_graph_free         (CvgKnnGraph   *graph);
gsize        cvg_knn_graph_get_n_points (const CvgKnnGraph *graph);
gsize        cvg_knn_graph_get_k        (const CvgKnnGraph *graph);
/* The k neighbours of @point, nearest first; owned by @graph. */
const CvgNeighbor *cvg_knn_graph_get_row (const CvgKnnGraph *graph,
                                          gsize              point);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgKnnGraph, cvg_knn_graph_free)

G_END_DECLS
