/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-tsne"

#include "config.h"

#include <float.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cvg-projection-private.h"
#include "cvg-snapshot.h"
#include "cvg-space-tree.h"
#include "cvg-sparse.h"
#include "cvg-tsne.h"

#define MOMENTUM_SWITCH 250
#define POINT_CHUNK 256

typedef struct {
  guint32 col;
  float   p;
} Edge;

struct _CvgTsne {
  gsize          n;
  guint          dims;
  CvgTsneParams  params;
  double         learning_rate;

  /* The symmetric input similarities: row i's entries are
   * edges[row_start[i] … row_start[i + 1]), packed for the hot loop. */
  gsize         *row_start;
  Edge          *edges;

  double        *y;          /* n × dims */
  double        *update;     /* the momentum term */
  double        *gains;
  double        *attract;    /* per iteration: Σ p q (yi − yj) */
  double        *repulse;    /* Σ q² (yi − yj) */
  double        *sum_q;      /* per point: Σ q */
  CvgSpaceTree  *tree;
  guint          iteration;  /* touched by the stepping thread only */

  CvgSnapshot    snapshot;   /* what other threads see */
};

void
cvg_tsne_params_init (CvgTsneParams *params)
{
  *params = (CvgTsneParams) {
    .n_dims = 2,
    .perplexity = 30,
    .learning_rate = 0,
    .exaggeration = 12,
    .exaggeration_iterations = 250,
    .theta = 0.5,
    .seed = 0,
    .distance = CVG_DISTANCE_EUCLIDEAN,
    .n_threads = 0,
  };
}

static gboolean
check_params (const CvgTsneParams  *p,
              GError              **error)
{
  if ((p->n_dims != 2 && p->n_dims != 3) ||
      !(p->perplexity > 0 && isfinite (p->perplexity)) ||
      !(p->learning_rate >= 0 && isfinite (p->learning_rate)) ||
      !(p->exaggeration > 0 && isfinite (p->exaggeration)) ||
      !(p->theta >= 0 && isfinite (p->theta)))
    {
      g_set_error (error, CVG_PROJECTION_ERROR, CVG_PROJECTION_ERROR_INVALID,
                   _("Invalid t-SNE parameters"));
      return FALSE;
    }
  return TRUE;
}

/* The number of neighbours each point's similarities use. */
static gsize
neighbours_for (const CvgTsneParams *p,
                gsize                n)
{
  double perplexity = MIN (p->perplexity, (MAX (n, 2) - 1) / 3.0);

  return CLAMP ((gsize) floor (3 * perplexity), 1, MAX (n, 2) - 1);
}

typedef struct {
  const CvgKnnGraph *graph;
  gsize              k;
  double             log_perplexity;
  double            *p;        /* n × k: the conditional p_{j|i} */
} Bandwidths;

/* For each point, the Gaussian bandwidth whose conditional distribution
 * over its neighbours has the wanted perplexity (bisection, as bhtsne),
 * on squared distances less the nearest one (the same distribution, no
 * underflow far from the origin). */
static void
bandwidth_chunk (gsize    begin,
                 gsize    end,
                 gpointer user_data)
{
  Bandwidths *b = user_data;
  gsize k = b->k;
  g_autofree double *d2 = g_new (double, k);

  for (gsize i = begin; i < end; i++)
    {
      const CvgNeighbor *row = cvg_knn_graph_get_row (b->graph, i);
      double *p = b->p + i * k;
      double beta = 1, lo = -DBL_MAX, hi = DBL_MAX, sum = 0;

      for (gsize j = 0; j < k; j++)
        d2[j] = (double) row[j].distance * row[j].distance - (double) row[0].distance * row[0].distance;
      for (guint iter = 0; iter < 200; iter++)
        {
          double h = 0;

          sum = DBL_MIN;
          for (gsize j = 0; j < k; j++)
            {
              p[j] = exp (-beta * d2[j]);
              sum += p[j];
            }
          for (gsize j = 0; j < k; j++)
            h += beta * d2[j] * p[j];
          h = h / sum + log (sum);
          if (fabs (h - b->log_perplexity) < 1e-5)
            break;
          if (h > b->log_perplexity)
            {
              lo = beta;
              beta = hi == DBL_MAX ? beta * 2 : (beta + hi) / 2;
            }
          else
            {
              hi = beta;
              beta = lo == -DBL_MAX ? beta / 2 : (beta + lo) / 2;
            }
        }
      for (gsize j = 0; j < k; j++)
        p[j] /= sum;
    }
}

/* P = (P + Pᵀ) normalised to sum 1. */
static gboolean
symmetrise (CvgTsne           *tsne,
            const double      *p,
            const CvgKnnGraph *graph,
            gsize              k,
            GError           **error)
{
  CvgSparse sparse;
  gsize nnz;
  double sum = 0;

  if (!cvg_sparse_symmetrise (&sparse, graph, k, p, CVG_SPARSE_SUM, error))
    return FALSE;
  nnz = sparse.row_start[tsne->n];
  for (gsize x = 0; x < nnz; x++)
    sum += sparse.val[x];
  tsne->edges = g_new (Edge, MAX (nnz, 1));
  for (gsize x = 0; x < nnz; x++)
    tsne->edges[x] = (Edge) { sparse.col[x], (float) (sparse.val[x] / sum) };
  tsne->row_start = g_steal_pointer (&sparse.row_start);
  cvg_sparse_clear (&sparse);
  return TRUE;
}

CvgTsne *
cvg_tsne_new_from_graph (const CvgKnnGraph   *graph,
                         const CvgTsneParams *params,
                         GCancellable        *cancellable,
                         GError             **error)
{
  g_autoptr(CvgTsne) tsne = NULL;
  g_autofree double *p = NULL;
  gsize n = cvg_knn_graph_get_n_points (graph), k;
  Bandwidths b;
  CvgRng rng;

  if (!check_params (params, error))
    return NULL;
  if (!cvg_embedding_check_graph (graph, error))
    return NULL;
  k = MIN (neighbours_for (params, n), cvg_knn_graph_get_k (graph));

  tsne = g_new0 (CvgTsne, 1);
  if (!cvg_snapshot_init (&tsne->snapshot, n, params->n_dims, error))
    {
      g_clear_pointer (&tsne, g_free);
      return NULL;
    }
  tsne->n = n;
  tsne->dims = params->n_dims;
  tsne->params = *params;
  tsne->params.n_threads = cvg_projection_threads (params->n_threads);
  tsne->learning_rate = params->learning_rate > 0 ? params->learning_rate
                                                  : MAX (n / params->exaggeration / 4, 50);

  p = cvg_projection_alloc (n, k, sizeof (double), error);
  if (p == NULL)
    return NULL;
  /* A perplexity below 1 (few points) cannot be met: aim for 1. */
  b = (Bandwidths) { graph, k, log (MAX (MIN (params->perplexity, (n - 1) / 3.0), 1)), p };
  cvg_parallel_for (n, POINT_CHUNK, tsne->params.n_threads, cancellable, bandwidth_chunk, &b);
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !symmetrise (tsne, p, graph, k, error))
    return NULL;

  tsne->y = cvg_projection_alloc (n, tsne->dims, sizeof (double), error);
  tsne->update = tsne->y ? cvg_projection_alloc (n, tsne->dims, sizeof (double), error) : NULL;
  tsne->gains = tsne->update ? cvg_projection_alloc (n, tsne->dims, sizeof (double), error) : NULL;
  tsne->attract = tsne->gains ? cvg_projection_alloc (n, tsne->dims, sizeof (double), error) : NULL;
  tsne->repulse = tsne->attract ? cvg_projection_alloc (n, tsne->dims, sizeof (double), error) : NULL;
  tsne->sum_q = tsne->repulse ? cvg_projection_alloc (n, 1, sizeof (double), error) : NULL;
  if (tsne->sum_q == NULL)
    return NULL;
  cvg_rng_init (&rng, params->seed);
  for (gsize i = 0; i < n * tsne->dims; i++)
    {
      tsne->y[i] = 1e-4 * cvg_rng_gaussian (&rng);
      tsne->gains[i] = 1;
    }
  tsne->tree = cvg_space_tree_new (tsne->dims);
  cvg_snapshot_publish (&tsne->snapshot, tsne->y, tsne->iteration);
  return g_steal_pointer (&tsne);
}

CvgTsne *
cvg_tsne_new (const float         *data,
              gsize                n_points,
              gsize                n_dims,
              const CvgTsneParams *params,
              GCancellable        *cancellable,
              GError             **error)
{
  g_autoptr(CvgKnnGraph) graph = NULL;

  if (!check_params (params, error))
    return NULL;
  graph = cvg_embedding_graph (data, n_points, n_dims, neighbours_for (params, n_points),
                               params->distance, params->n_threads,
                               params->progress, params->progress_data,
                               cancellable, error);
  if (graph == NULL)
    return NULL;
  return cvg_tsne_new_from_graph (graph, params, cancellable, error);
}

void
cvg_tsne_free (CvgTsne *tsne)
{
  if (tsne == NULL)
    return;
  g_free (tsne->row_start);
  g_free (tsne->edges);
  g_free (tsne->y);
  g_free (tsne->update);
  g_free (tsne->gains);
  g_free (tsne->attract);
  g_free (tsne->repulse);
  g_free (tsne->sum_q);
  g_clear_pointer (&tsne->tree, cvg_space_tree_free);
  cvg_snapshot_clear (&tsne->snapshot);
  g_free (tsne);
}

/* Σ_j p_ij q_ij (y_i − y_j) into @f, with the dimension a constant so
 * that the sums stay in registers. */
static inline __attribute__ ((always_inline)) void
attraction (const CvgTsne *tsne,
            gsize          i,
            double        *f,
            const guint    dims)
{
  const double *yi = tsne->y + i * dims;
  double sum[3] = { 0 };

  for (gsize x = tsne->row_start[i]; x < tsne->row_start[i + 1]; x++)
    {
      const double *yj = tsne->y + (gsize) tsne->edges[x].col * dims;
      double diff[3], d2 = 0, q;

      for (guint c = 0; c < dims; c++)
        {
          diff[c] = yi[c] - yj[c];
          d2 += diff[c] * diff[c];
        }
      q = tsne->edges[x].p / (1 + d2);
      for (guint c = 0; c < dims; c++)
        sum[c] += q * diff[c];
    }
  for (guint c = 0; c < dims; c++)
    f[c] = sum[c];
}

static void
forces_chunk (gsize    begin,
              gsize    end,
              gpointer user_data)
{
  CvgTsne *tsne = user_data;
  guint dims = tsne->dims;

  /* Attraction in index order (the edges stream in), repulsion in the
   * tree's (neighbouring points visit the same cells). */
  for (gsize i = begin; i < end; i++)
    {
      if (dims == 2)
        attraction (tsne, i, tsne->attract + i * 2, 2);
      else
        attraction (tsne, i, tsne->attract + i * 3, 3);
    }
  for (gsize rank = begin; rank < end; rank++)
    {
      gsize i = cvg_space_tree_point_at (tsne->tree, rank);

      tsne->sum_q[i] = cvg_space_tree_repulsion (tsne->tree, tsne->y, i, tsne->params.theta,
                                                  tsne->repulse + i * dims);
    }
}

static void
one_iteration (CvgTsne      *tsne,
               GCancellable *cancellable)
{
  gsize n = tsne->n, values = n * tsne->dims;
  guint dims = tsne->dims;
  double sum_q = 0, mean[3] = { 0 };
  double exaggeration = tsne->iteration < tsne->params.exaggeration_iterations ? tsne->params.exaggeration : 1;
  double momentum = tsne->iteration < MOMENTUM_SWITCH ? 0.5 : 0.8;

  cvg_space_tree_build (tsne->tree, tsne->y, n);
  cvg_parallel_for (n, POINT_CHUNK, tsne->params.n_threads, cancellable, forces_chunk, tsne);
  if (g_cancellable_is_cancelled (cancellable))
    return;

  /* Sums in point order: the same whatever the threads did. */
  for (gsize i = 0; i < n; i++)
    sum_q += tsne->sum_q[i];
  sum_q = MAX (sum_q, DBL_MIN);
  for (gsize x = 0; x < values; x++)
    {
      double grad = 4 * (exaggeration * tsne->attract[x] - tsne->repulse[x] / sum_q);
      double *gain = &tsne->gains[x];

      *gain = (grad > 0) != (tsne->update[x] > 0) ? *gain + 0.2 : *gain * 0.8;
      *gain = MAX (*gain, 0.01);
      tsne->update[x] = momentum * tsne->update[x] - tsne->learning_rate * *gain * grad;
      tsne->y[x] += tsne->update[x];
    }
  /* Keep the picture centred. */
  for (gsize i = 0; i < n; i++)
    for (guint c = 0; c < dims; c++)
      mean[c] += tsne->y[i * dims + c];
  for (gsize i = 0; i < n; i++)
    for (guint c = 0; c < dims; c++)
      tsne->y[i * dims + c] -= mean[c] / n;
  tsne->iteration++;
}

gboolean
cvg_tsne_step (CvgTsne       *tsne,
               guint          n_iterations,
               GCancellable  *cancellable,
               GError       **error)
{
  for (guint it = 0; it < n_iterations; it++)
    {
      one_iteration (tsne, cancellable);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      cvg_snapshot_publish (&tsne->snapshot, tsne->y, tsne->iteration);
    }
  return TRUE;
}

guint
cvg_tsne_get_iteration (CvgTsne *tsne)
{
  return cvg_snapshot_get_step (&tsne->snapshot);
}

gsize
cvg_tsne_get_n_points (CvgTsne *tsne)
{
  return tsne->n;
}

guint
cvg_tsne_get_n_dims (CvgTsne *tsne)
{
  return tsne->dims;
}

float *
cvg_tsne_copy_positions (CvgTsne *tsne,
                        guint   *iteration)
{
  return cvg_snapshot_copy (&tsne->snapshot, iteration);
}
