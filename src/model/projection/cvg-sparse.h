/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cvg-neighbors.h"

G_BEGIN_DECLS

/* A symmetric sparse matrix in compressed rows, columns ascending: the
 * neighbour graphs t-SNE and UMAP optimise over. */
typedef struct {
  gsize    n;
  gsize   *row_start;  /* n + 1 */
  guint32 *col;
  double  *val;
} CvgSparse;

typedef enum {
  CVG_SPARSE_SUM,          /* w_ij + w_ji (t-SNE) */
  CVG_SPARSE_FUZZY_UNION,  /* w_ij + w_ji − w_ij · w_ji (UMAP) */
} CvgSparseMerge;

/* From the first @k neighbours of each row of @graph with the directed
 * weights @weights (n × k), the symmetric matrix merging w_ij and w_ji by
 * @merge. Deterministic. */
gboolean cvg_sparse_symmetrise (CvgSparse          *sparse,
                                const CvgKnnGraph  *graph,
                                gsize               k,
                                const double       *weights,
                                CvgSparseMerge      merge,
                                GError            **error);
void     cvg_sparse_clear      (CvgSparse          *sparse);

G_END_DECLS
