/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cvg-neighbors.h"

G_BEGIN_DECLS

/*
 * Barnes–Hut t-SNE (van der Maaten 2014) in 2-D (quadtree) or 3-D
 * (octree), of every point: no sampling.
 *
 * - Input similarities: the exact kNN graph with k = min(N − 1,
 *   ⌊3 · perplexity⌋) neighbours, Gaussian bandwidths found by bisection
 *   for the perplexity, symmetrised and normalised (P = (P + Pᵀ) / 2N).
 * - Optimisation as bhtsne: gradient descent with momentum 0.5 for the
 *   first 250 iterations then 0.8, per-coordinate gains, early
 *   exaggeration for the first @exaggeration_iterations; a cell counts as
 *   one point when its half side is under @theta times its distance
 *   (bhtsne's rule). The gradient carries t-SNE's factor 4 (as sklearn and
 *   openTSNE, unlike bhtsne), so learning rates compare with theirs.
 * - Initial positions: Gaussian noise (σ = 10⁻⁴) from @seed.
 * - Determinism: fully deterministic for a seed, whatever the thread
 *   count (every sum is taken per point, or per fixed chunk in order).
 *
 * Stepping: cvg_tsne_new() does the expensive preparation (kNN and
 * bandwidths); then cvg_tsne_step() runs a few iterations at a time on a
 * worker, so a caller can animate (cvg_tsne_copy_positions()), pause (stop
 * calling step) and cancel (the cancellable, or simply free it).
 *
 * Threading: one thread at a time may call cvg_tsne_step(); any thread
 * may call cvg_tsne_copy_positions() and cvg_tsne_get_iteration() at any
 * time, even during a step (they read a snapshot taken at the end of each
 * iteration). cvg_tsne_free() must not race with cvg_tsne_step().
 */

typedef struct {
  guint       n_dims;                   /* 2 or 3; default 2 */
  double      perplexity;               /* > 0; default 30, clamped to (N − 1) / 3 */
  double      learning_rate;            /* > 0; 0 (default) = max(N / exaggeration / 4, 50) */
  double      exaggeration;             /* default 12 */
  guint       exaggeration_iterations;  /* default 250 */
  double      theta;                    /* Barnes–Hut accuracy, 0 = exact; default 0.5 */
  guint64     seed;                     /* default 0 */
  CvgDistance distance;                 /* input space; default euclidean */
  guint       n_threads;                /* 0 = cvg_projection_default_threads() */
  /* Called during the new() functions' kNN graph (cvg-projection.h);
   * default NULL. */
  CvgProgressFunc progress;
  gpointer        progress_data;
} CvgTsneParams;

typedef struct _CvgTsne CvgTsne;

/* Fills @params with the defaults above. */
void      cvg_tsne_params_init     (CvgTsneParams       *params);

/* Prepares a t-SNE of @data (N × D, see cvg-projection.h): builds the kNN
 * graph and the input similarities. Blocking (seconds for 10⁴ points),
 * cancellable. Does not keep @data. Returns %NULL with @error set for bad
 * parameters or sizes (N < 2 included). */
CvgTsne  *cvg_tsne_new             (const float         *data,
                                    gsize                n_points,
                                    gsize                n_dims,
                                    const CvgTsneParams *params,
                                    GCancellable        *cancellable,
                                    GError             **error);
/* The same from a graph the caller already has (of any k ≥ 1; the first
 * ⌊3 · perplexity⌋ neighbours of each row are used). Does not keep it. */
CvgTsne  *cvg_tsne_new_from_graph  (const CvgKnnGraph   *graph,
                                    const CvgTsneParams *params,
                                    GCancellable        *cancellable,
                                    GError             **error);
void      cvg_tsne_free            (CvgTsne             *tsne);

/* Runs @n_iterations more iterations. Returns %FALSE with @error set when
 * cancelled (the positions stay those of the last whole iteration, and
 * stepping may go on later). */
gboolean  cvg_tsne_step            (CvgTsne             *tsne,
                                    guint                n_iterations,
                                    GCancellable        *cancellable,
                                    GError             **error);
/* The iterations done so far. Any thread. */
guint     cvg_tsne_get_iteration   (CvgTsne             *tsne);
gsize     cvg_tsne_get_n_points    (CvgTsne             *tsne);
guint     cvg_tsne_get_n_dims      (CvgTsne             *tsne);
/* A copy of the positions after the last whole iteration: N × n_dims
 * row-major, free with g_free(). Sets @iteration (may be %NULL) to the
 * iteration it shows. Any thread. */
float    *cvg_tsne_copy_positions  (CvgTsne             *tsne,
                                    guint               *iteration);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgTsne, cvg_tsne_free)

G_END_DECLS
