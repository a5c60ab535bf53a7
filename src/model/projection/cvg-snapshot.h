/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pthread.h>

#include "cvg-neighbors.h"

G_BEGIN_DECLS

/* What t-SNE and UMAP share: the positions as other threads see them (a
 * float copy taken after each whole step, under a lock), and the start of
 * their preparation. A pthread lock, not a GMutex, so that ThreadSanitizer
 * sees the hand-over (Debian's GLib is not instrumented). */
typedef struct {
  pthread_mutex_t lock;
  float  *values;
  gsize   n_values;
  guint   step;
} CvgSnapshot;

gboolean     cvg_snapshot_init     (CvgSnapshot   *snapshot,
                                    gsize          n_points,
                                    guint          dims,
                                    GError       **error);
void         cvg_snapshot_clear    (CvgSnapshot   *snapshot);
/* Copies @positions (doubles) as the picture after @step steps. */
void         cvg_snapshot_publish  (CvgSnapshot   *snapshot,
                                    const double  *positions,
                                    guint          step);
float       *cvg_snapshot_copy     (CvgSnapshot   *snapshot,
                                    guint         *step);
guint        cvg_snapshot_get_step (CvgSnapshot   *snapshot);

/* Checks the matrix and that it has two points, then builds the kNN graph
 * of @k neighbours. */
CvgKnnGraph *cvg_embedding_graph   (const float      *data,
                                    gsize             n_points,
                                    gsize             n_dims,
                                    gsize             k,
                                    CvgDistance       distance,
                                    guint             n_threads,
                                    CvgProgressFunc   progress,
                                    gpointer          progress_data,
                                    GCancellable     *cancellable,
                                    GError          **error);
/* FALSE with @error set unless @graph has two points and neighbours. */
gboolean     cvg_embedding_check_graph (const CvgKnnGraph *graph,
                                        GError           **error);

G_END_DECLS
