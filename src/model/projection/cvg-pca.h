/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cvg-projection.h"

G_BEGIN_DECLS

/*
 * Principal component analysis, exact: the covariance (or Gram) matrix of
 * the rows is formed with blocked float kernels on threads (double
 * accumulation between blocks), and its top eigenpairs found by Lanczos
 * with full reorthogonalisation, run until every wanted Ritz pair has
 * converged (or the Krylov space is the whole space, where it is exact).
 * The matrix formed is D × D when N ≥ D and N × N (the Gram matrix)
 * otherwise, so min(N, D) is limited to CVG_PCA_MAX_RANK.
 *
 * Which vectors are analysed (TensorBoard's rules, TENSORBOARD-PLUGINS §7.6):
 *   CVG_PCA_NONE       the rows as they are: the second moment XᵀX / N,
 *                      not mean-centred (what TensorBoard does without
 *                      "sphereize");
 *   CVG_PCA_CENTRE     the rows minus the centroid: classic PCA;
 *   CVG_PCA_SPHEREIZE  the rows minus the centroid, each then scaled to unit
 *                      length (a row equal to the centroid stays zero):
 *                      TensorBoard's "sphereize data".
 * The "variance" along a component is the eigenvalue of VᵀV / N (divisor
 * N, as TensorBoard), the fraction is that over the trace (the total of
 * all components, not only the k computed).
 *
 * Components are unit vectors, mutually orthogonal; the sign of each is
 * fixed so that its largest-magnitude entry is positive, which makes the
 * result deterministic. A component of zero variance (rank-deficient
 * data, all rows equal, D > N) has zero coordinates; its axis is an
 * arbitrary unit vector when N ≥ D and zero when N < D.
 *
 * Cost: N · D · min(N, D) / 2 multiply-adds for the matrix (the bulk),
 * then a few dozen matrix–vector products for the eigenpairs; see
 * tests/bench/bench-projection.c.
 *
 * The result is immutable and may be read from any thread.
 */

#define CVG_PCA_MAX_RANK 8192

typedef enum {
  CVG_PCA_NONE      = 0,
  CVG_PCA_CENTRE    = 1 << 0,
  CVG_PCA_SPHEREIZE = 1 << 1,
} CvgPcaFlags;

typedef struct _CvgPca CvgPca;

/* Computes the top @n_components components of @data (N × D, see
 * cvg-projection.h for the input contract). @n_components is clamped to
 * min(N, D); 0 is an error. Blocking, cancellable; returns %NULL with
 * @error set on failure. Memory: one working copy of the matrix plus the
 * min(N, D)² covariance in doubles (up to 512 MiB each at the
 * CVG_PCA_MAX_RANK limit). */
CvgPca       *cvg_pca_compute                 (const float   *data,
                                               gsize          n_points,
                                               gsize          n_dims,
                                               gsize          n_components,
                                               CvgPcaFlags    flags,
                                               guint          n_threads,
                                               GCancellable  *cancellable,
                                               GError       **error);
void          cvg_pca_free                    (CvgPca        *pca);

gsize         cvg_pca_get_n_points            (const CvgPca  *pca);
gsize         cvg_pca_get_n_dims              (const CvgPca  *pca);
/* k: the number of components computed (after clamping). */
gsize         cvg_pca_get_n_components        (const CvgPca  *pca);
/* N × k row-major: the coordinates of each row on each component. Owned
 * by @pca. */
const float  *cvg_pca_get_coordinates         (const CvgPca  *pca);
/* k × D row-major: the unit axes, strongest first. Owned by @pca. */
const float  *cvg_pca_get_components          (const CvgPca  *pca);
/* k values, descending: the variance along each component. */
const double *cvg_pca_get_variances           (const CvgPca  *pca);
/* k values: each variance over the total (0 when the total is 0). */
const double *cvg_pca_get_variance_fractions  (const CvgPca  *pca);
/* The total variance: the trace of VᵀV / N. */
double        cvg_pca_get_total_variance      (const CvgPca  *pca);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgPca, cvg_pca_free)

G_END_DECLS
