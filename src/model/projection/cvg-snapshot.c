/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-snapshot"

#include "config.h"

#include <glib/gi18n.h>

#include "cvg-projection-private.h"
#include "cvg-snapshot.h"

gboolean
cvg_snapshot_init (CvgSnapshot  *snapshot,
                   gsize         n_points,
                   guint         dims,
                   GError      **error)
{
  pthread_mutex_init (&snapshot->lock, NULL);
  snapshot->values = cvg_projection_alloc (n_points, dims, sizeof (float), error);
  snapshot->n_values = snapshot->values ? n_points * dims : 0;
  snapshot->step = 0;
  return snapshot->values != NULL;
}

void
cvg_snapshot_clear (CvgSnapshot *snapshot)
{
  g_clear_pointer (&snapshot->values, g_free);
  pthread_mutex_destroy (&snapshot->lock);
}

void
cvg_snapshot_publish (CvgSnapshot  *snapshot,
                      const double *positions,
                      guint         step)
{
  pthread_mutex_lock (&snapshot->lock);
  for (gsize i = 0; i < snapshot->n_values; i++)
    snapshot->values[i] = (float) positions[i];
  snapshot->step = step;
  pthread_mutex_unlock (&snapshot->lock);
}

float *
cvg_snapshot_copy (CvgSnapshot *snapshot,
                   guint       *step)
{
  float *copy;

  pthread_mutex_lock (&snapshot->lock);
  copy = g_memdup2 (snapshot->values, snapshot->n_values * sizeof (float));
  if (step)
    *step = snapshot->step;
  pthread_mutex_unlock (&snapshot->lock);
  return copy;
}

guint
cvg_snapshot_get_step (CvgSnapshot *snapshot)
{
  guint step;

  pthread_mutex_lock (&snapshot->lock);
  step = snapshot->step;
  pthread_mutex_unlock (&snapshot->lock);
  return step;
}

static gboolean
too_few_points (GError **error)
{
  g_set_error (error, CVG_PROJECTION_ERROR, CVG_PROJECTION_ERROR_INVALID,
               _("An embedding needs at least two points"));
  return FALSE;
}

CvgKnnGraph *
cvg_embedding_graph (const float      *data,
                     gsize             n_points,
                     gsize             n_dims,
                     gsize             k,
                     CvgDistance       distance,
                     guint             n_threads,
                     CvgProgressFunc   progress,
                     gpointer          progress_data,
                     GCancellable     *cancellable,
                     GError          **error)
{
  if (!cvg_projection_check_matrix (n_points, n_dims, NULL, error))
    return NULL;
  if (n_points < 2)
    {
      too_few_points (error);
      return NULL;
    }
  return cvg_knn_graph_build_full (data, n_points, n_dims, k, distance, n_threads,
                                   progress, progress_data, cancellable, error);
}

gboolean
cvg_embedding_check_graph (const CvgKnnGraph  *graph,
                           GError            **error)
{
  if (cvg_knn_graph_get_n_points (graph) < 2 || cvg_knn_graph_get_k (graph) == 0)
    return too_few_points (error);
  return TRUE;
}
