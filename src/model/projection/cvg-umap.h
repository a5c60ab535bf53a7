/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cvg-neighbors.h"

G_BEGIN_DECLS

/*
 * UMAP (McInnes et al. 2018), as umap-learn does it:
 * - the fuzzy simplicial set of the exact kNN graph (k = @n_neighbors,
 *   σ and ρ per point by bisection to log₂ k, fuzzy union);
 * - a and b of the low-dimensional curve fitted to @min_dist and @spread
 *   (Gauss–Newton least squares, as curve_fit);
 * - SGD over the edges, each sampled in proportion to its weight, with
 *   @negative_sample_rate negative samples, the learning rate falling
 *   linearly to 0 over @n_epochs.
 * - Initial positions: uniform in [−10, 10] from @seed (no spectral
 *   initialisation).
 * - Determinism: fully deterministic for a seed, whatever the thread
 *   count: the graph is built on threads (exact, order-independent), the
 *   SGD runs on one thread (it is sequential by nature).
 *
 * Stepping and threading as CvgTsne (cvg-tsne.h): cvg_umap_step() runs some
 * epochs on one thread at a time; cvg_umap_copy_positions() and
 * cvg_umap_get_epoch() from any thread at any time.
 */

typedef struct {
  guint       n_dims;               /* 2 or 3; default 2 */
  guint       n_neighbors;          /* ≥ 2; default 15, clamped to N − 1 */
  double      min_dist;             /* ≥ 0; default 0.1 */
  double      spread;               /* > min_dist; default 1 */
  guint       n_epochs;             /* 0 (default) = 500 for N ≤ 10,000, else 200 */
  guint       negative_sample_rate; /* default 5 */
  double      learning_rate;        /* default 1 */
  guint64     seed;                 /* default 0 */
  CvgDistance distance;             /* input space; default euclidean */
  guint       n_threads;            /* 0 = cvg_projection_default_threads() */
  /* Called during the new() functions' kNN graph (cvg-projection.h);
   * default NULL. */
  CvgProgressFunc progress;
  gpointer        progress_data;
} CvgUmapParams;

typedef struct _CvgUmap CvgUmap;

void      cvg_umap_params_init     (CvgUmapParams       *params);

/* Prepares a UMAP of @data (N × D): kNN graph, fuzzy set, curve fit.
 * Blocking, cancellable; does not keep @data. N < 2 is an error. */
CvgUmap  *cvg_umap_new             (const float         *data,
                                    gsize                n_points,
                                    gsize                n_dims,
                                    const CvgUmapParams *params,
                                    GCancellable        *cancellable,
                                    GError             **error);
/* The same from a graph the caller has (the first @n_neighbors of each
 * row are used). Does not keep it. */
CvgUmap  *cvg_umap_new_from_graph  (const CvgKnnGraph   *graph,
                                    const CvgUmapParams *params,
                                    GCancellable        *cancellable,
                                    GError             **error);
void      cvg_umap_free            (CvgUmap             *umap);

/* Runs up to @n_epochs more epochs (never past the total). Returns
 * %FALSE with @error set when cancelled; stepping may go on later. */
gboolean  cvg_umap_step            (CvgUmap             *umap,
                                    guint                n_epochs,
                                    GCancellable        *cancellable,
                                    GError             **error);
/* Epochs done so far, and the total (the optimisation's schedule). */
guint     cvg_umap_get_epoch       (CvgUmap             *umap);
guint     cvg_umap_get_n_epochs    (CvgUmap             *umap);
gsize     cvg_umap_get_n_points    (CvgUmap             *umap);
guint     cvg_umap_get_n_dims      (CvgUmap             *umap);
/* A copy of the positions after the last whole epoch, N × n_dims, free
 * with g_free(); @epoch (may be %NULL) is set to the epoch it shows. */
float    *cvg_umap_copy_positions  (CvgUmap             *umap,
                                    guint               *epoch);

/* umap-learn's find_ab_params: a and b of the low-dimensional similarity
 * 1 / (1 + a d^2b) fitted by least squares to 1 below @min_dist and
 * exp(−(d − min_dist) / @spread) above, on 300 points over [0, 3 spread]. */
void      cvg_umap_fit_ab          (double               min_dist,
                                    double               spread,
                                    double              *a,
                                    double              *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgUmap, cvg_umap_free)

G_END_DECLS
