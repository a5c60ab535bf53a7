/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-umap"

#include "config.h"

#include <float.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cvg-projection-private.h"
#include "cvg-snapshot.h"
#include "cvg-sparse.h"
#include "cvg-umap.h"

#define POINT_CHUNK 256
/* umap-learn's constants (umap_.py). */
#define SMOOTH_K_TOLERANCE 1e-5
#define MIN_K_DIST_SCALE 1e-3
#define GRADIENT_CLIP 4.0

struct _CvgUmap {
  gsize          n;
  guint          dims;
  CvgUmapParams  params;
  double         a, b;
  guint          n_epochs;

  /* The edges of the fuzzy set, both directions, as umap-learn's COO. */
  gsize          n_edges;
  guint32       *head;
  guint32       *tail;
  double        *epochs_per_sample;
  double        *next_sample;
  double        *next_negative;

  double        *y;          /* n × dims */
  CvgRng         rng;
  guint          epoch;      /* touched by the stepping thread only */

  CvgSnapshot    snapshot;   /* what other threads see */
};

void
cvg_umap_params_init (CvgUmapParams *params)
{
  *params = (CvgUmapParams) {
    .n_dims = 2,
    .n_neighbors = 15,
    .min_dist = 0.1,
    .spread = 1.0,
    .n_epochs = 0,
    .negative_sample_rate = 5,
    .learning_rate = 1.0,
    .seed = 0,
    .distance = CVG_DISTANCE_EUCLIDEAN,
    .n_threads = 0,
  };
}

static gboolean
check_params (const CvgUmapParams  *p,
              GError              **error)
{
  if ((p->n_dims != 2 && p->n_dims != 3) || p->n_neighbors < 2 ||
      !(p->min_dist >= 0 && isfinite (p->min_dist)) ||
      !(p->spread > p->min_dist && isfinite (p->spread)) ||
      !(p->learning_rate > 0 && isfinite (p->learning_rate)) ||
      p->negative_sample_rate > 1000 || p->n_epochs > 100000)
    {
      g_set_error (error, CVG_PROJECTION_ERROR, CVG_PROJECTION_ERROR_INVALID,
                   _("Invalid UMAP parameters"));
      return FALSE;
    }
  return TRUE;
}

static double
fit_error (const double *x,
           const double *target,
           double        a,
           double        b)
{
  double e = 0;

  for (guint i = 0; i < 300; i++)
    {
      double r = 1 / (1 + a * pow (x[i], 2 * b)) - target[i];

      e += r * r;
    }
  return e;
}

/* Levenberg–Marquardt from (1, 1), as scipy's curve_fit. */
void
cvg_umap_fit_ab (double  min_dist,
                 double  spread,
                 double *a_out,
                 double *b_out)
{
  double x[300], target[300], a = 1, b = 1, lambda = 1e-3;
  double err;

  for (guint i = 0; i < 300; i++)
    {
      x[i] = 3 * spread * i / 299.0;
      target[i] = x[i] < min_dist ? 1 : exp (-(x[i] - min_dist) / spread);
    }
  err = fit_error (x, target, a, b);
  for (guint iter = 0; iter < 200; iter++)
    {
      double jtj[3] = { 0 }, jtr[2] = { 0 }, det, da, db, new_err;

      for (guint i = 1; i < 300; i++)   /* x = 0 has zero derivatives */
        {
          double p = pow (x[i], 2 * b), f = 1 / (1 + a * p);
          double ja = -p * f * f, jb = -a * p * 2 * log (x[i]) * f * f;
          double r = f - target[i];

          jtj[0] += ja * ja;
          jtj[1] += ja * jb;
          jtj[2] += jb * jb;
          jtr[0] += ja * r;
          jtr[1] += jb * r;
        }
      for (;;)
        {
          double m0 = jtj[0] * (1 + lambda), m2 = jtj[2] * (1 + lambda);

          det = m0 * m2 - jtj[1] * jtj[1];
          da = -(m2 * jtr[0] - jtj[1] * jtr[1]) / det;
          db = -(m0 * jtr[1] - jtj[1] * jtr[0]) / det;
          new_err = a + da > 0 ? fit_error (x, target, a + da, b + db) : INFINITY;
          if (new_err <= err || lambda > 1e10)
            break;
          lambda *= 10;
        }
      if (new_err > err)
        break;
      a += da;
      b += db;
      lambda = MAX (lambda / 10, 1e-12);
      if (err - new_err < 1e-16 * MAX (err, 1e-300) && fabs (da) + fabs (db) < 1e-12)
        break;
      err = new_err;
    }
  *a_out = a;
  *b_out = b;
}

typedef struct {
  const CvgKnnGraph *graph;
  gsize              k;
  double             target;
  double             mean_distance;
  double            *w;    /* n × k memberships */
} Smooth;

/* umap-learn's smooth_knn_dist and compute_membership_strengths, with
 * the point itself left out of the graph (k = n_neighbors − 1, the target
 * still log₂ n_neighbors). */
static void
smooth_chunk (gsize    begin,
              gsize    end,
              gpointer user_data)
{
  Smooth *s = user_data;
  gsize k = s->k;

  for (gsize i = begin; i < end; i++)
    {
      const CvgNeighbor *row = cvg_knn_graph_get_row (s->graph, i);
      double rho = 0, lo = 0, hi = INFINITY, mid = 1, mean = 0;

      for (gsize j = 0; j < k; j++)
        {
          mean += row[j].distance / (double) k;
          if (rho == 0 && row[j].distance > 0)
            rho = row[j].distance;
        }
      for (guint iter = 0; iter < 64; iter++)
        {
          double psum = 1;   /* the point itself, at distance 0 */

          for (gsize j = 0; j < k; j++)
            {
              double d = row[j].distance - rho;

              psum += d > 0 ? exp (-(d / mid)) : 1;
            }
          if (fabs (psum - s->target) < SMOOTH_K_TOLERANCE)
            break;
          if (psum > s->target)
            {
              hi = mid;
              mid = (lo + hi) / 2;
            }
          else
            {
              lo = mid;
              mid = hi == INFINITY ? mid * 2 : (lo + hi) / 2;
            }
        }
      mid = MAX (mid, MIN_K_DIST_SCALE * (rho > 0 ? mean : s->mean_distance));
      for (gsize j = 0; j < k; j++)
        {
          double d = row[j].distance - rho;

          s->w[i * k + j] = d > 0 ? exp (-(d / mid)) : 1;
        }
    }
}

/* The edges to optimise: every entry of the symmetric fuzzy set over
 * max / n_epochs, each sampled every max / w epochs (make_epochs_per_sample). */
static gboolean
make_edges (CvgUmap          *umap,
            const CvgSparse  *set,
            GError          **error)
{
  gsize nnz = set->row_start[set->n], e = 0;
  double max = 0;

  for (gsize x = 0; x < nnz; x++)
    max = MAX (max, set->val[x]);
  umap->head = cvg_projection_alloc (MAX (nnz, 1), 1, sizeof (guint32), error);
  umap->tail = umap->head ? cvg_projection_alloc (MAX (nnz, 1), 1, sizeof (guint32), error) : NULL;
  umap->epochs_per_sample = umap->tail ? cvg_projection_alloc (MAX (nnz, 1), 1, sizeof (double), error) : NULL;
  umap->next_sample = umap->epochs_per_sample ? cvg_projection_alloc (MAX (nnz, 1), 1, sizeof (double), error) : NULL;
  umap->next_negative = umap->next_sample ? cvg_projection_alloc (MAX (nnz, 1), 1, sizeof (double), error) : NULL;
  if (umap->next_negative == NULL)
    return FALSE;
  for (gsize i = 0; i < set->n; i++)
    for (gsize x = set->row_start[i]; x < set->row_start[i + 1]; x++)
      if (set->val[x] >= max / umap->n_epochs && set->val[x] > 0)
        {
          umap->head[e] = (guint32) i;
          umap->tail[e] = set->col[x];
          umap->epochs_per_sample[e] = max / set->val[x];
          umap->next_sample[e] = umap->epochs_per_sample[e];
          umap->next_negative[e] = umap->epochs_per_sample[e] / MAX (umap->params.negative_sample_rate, 1);
          e++;
        }
  umap->n_edges = e;
  return TRUE;
}

CvgUmap *
cvg_umap_new_from_graph (const CvgKnnGraph   *graph,
                         const CvgUmapParams *params,
                         GCancellable        *cancellable,
                         GError             **error)
{
  g_autoptr(CvgUmap) umap = NULL;
  g_autofree double *w = NULL;
  CvgSparse set = { 0 };
  gsize n = cvg_knn_graph_get_n_points (graph), k;
  double total = 0;
  Smooth s;
  gboolean ok;

  if (!check_params (params, error))
    return NULL;
  if (!cvg_embedding_check_graph (graph, error))
    return NULL;
  k = MIN (MIN (params->n_neighbors, n) - 1, cvg_knn_graph_get_k (graph));

  umap = g_new0 (CvgUmap, 1);
  if (!cvg_snapshot_init (&umap->snapshot, n, params->n_dims, error))
    {
      g_clear_pointer (&umap, g_free);
      return NULL;
    }
  umap->n = n;
  umap->dims = params->n_dims;
  umap->params = *params;
  umap->params.n_threads = cvg_projection_threads (params->n_threads);
  umap->n_epochs = params->n_epochs ? params->n_epochs : n <= 10000 ? 500 : 200;
  cvg_umap_fit_ab (params->min_dist, params->spread, &umap->a, &umap->b);

  w = cvg_projection_alloc (n, k, sizeof (double), error);
  if (w == NULL)
    return NULL;
  for (gsize i = 0; i < n; i++)
    for (gsize j = 0; j < k; j++)
      total += cvg_knn_graph_get_row (graph, i)[j].distance;
  s = (Smooth) { graph, k, log2 (k + 1), total / (n * k), w };
  cvg_parallel_for (n, POINT_CHUNK, umap->params.n_threads, cancellable, smooth_chunk, &s);
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !cvg_sparse_symmetrise (&set, graph, k, w, CVG_SPARSE_FUZZY_UNION, error))
    {
      cvg_sparse_clear (&set);
      return NULL;
    }
  ok = make_edges (umap, &set, error);
  cvg_sparse_clear (&set);
  if (!ok)
    return NULL;

  umap->y = cvg_projection_alloc (n, umap->dims, sizeof (double), error);
  if (umap->y == NULL)
    return NULL;
  cvg_rng_init (&umap->rng, params->seed);
  for (gsize i = 0; i < n * umap->dims; i++)
    umap->y[i] = 20 * cvg_rng_double (&umap->rng) - 10;
  cvg_snapshot_publish (&umap->snapshot, umap->y, umap->epoch);
  return g_steal_pointer (&umap);
}

CvgUmap *
cvg_umap_new (const float         *data,
              gsize                n_points,
              gsize                n_dims,
              const CvgUmapParams *params,
              GCancellable        *cancellable,
              GError             **error)
{
  g_autoptr(CvgKnnGraph) graph = NULL;

  if (!check_params (params, error))
    return NULL;
  graph = cvg_embedding_graph (data, n_points, n_dims, MIN (params->n_neighbors, n_points) - 1,
                               params->distance, params->n_threads,
                               params->progress, params->progress_data,
                               cancellable, error);
  if (graph == NULL)
    return NULL;
  return cvg_umap_new_from_graph (graph, params, cancellable, error);
}

void
cvg_umap_free (CvgUmap *umap)
{
  if (umap == NULL)
    return;
  g_free (umap->head);
  g_free (umap->tail);
  g_free (umap->epochs_per_sample);
  g_free (umap->next_sample);
  g_free (umap->next_negative);
  g_free (umap->y);
  cvg_snapshot_clear (&umap->snapshot);
  g_free (umap);
}

static inline double
clip (double v)
{
  return CLAMP (v, -GRADIENT_CLIP, GRADIENT_CLIP);
}

/* One epoch of optimize_layout_euclidean (move_other = TRUE). */
static void
one_epoch (CvgUmap *umap)
{
  guint dims = umap->dims, epoch = umap->epoch;
  double a = umap->a, b = umap->b;
  double alpha = umap->params.learning_rate * (1.0 - (double) epoch / umap->n_epochs);
  double per_negative_rate = MAX (umap->params.negative_sample_rate, 1);

  for (gsize e = 0; e < umap->n_edges; e++)
    {
      double *current, *other, d2, coeff;
      gsize n_negative;

      if (umap->next_sample[e] > epoch)
        continue;
      current = umap->y + (gsize) umap->head[e] * dims;
      other = umap->y + (gsize) umap->tail[e] * dims;
      d2 = 0;
      for (guint c = 0; c < dims; c++)
        d2 += (current[c] - other[c]) * (current[c] - other[c]);
      coeff = 0;
      if (d2 > 0)
        {
          double pb = pow (d2, b);

          coeff = -2.0 * a * b * (pb / d2) / (a * pb + 1.0);
        }
      for (guint c = 0; c < dims; c++)
        {
          double g = clip (coeff * (current[c] - other[c])) * alpha;

          current[c] += g;
          other[c] -= g;
        }
      umap->next_sample[e] += umap->epochs_per_sample[e];

      n_negative = umap->params.negative_sample_rate == 0 ? 0 :
        (gsize) MAX ((epoch - umap->next_negative[e]) / (umap->epochs_per_sample[e] / per_negative_rate), 0);
      for (gsize s = 0; s < n_negative; s++)
        {
          gsize j = cvg_rng_below (&umap->rng, umap->n);

          other = umap->y + j * dims;
          d2 = 0;
          for (guint c = 0; c < dims; c++)
            d2 += (current[c] - other[c]) * (current[c] - other[c]);
          if (d2 > 0)
            coeff = 2.0 * b / ((0.001 + d2) * (a * pow (d2, b) + 1));
          else if (j == umap->head[e])
            continue;
          else
            coeff = 0;
          for (guint c = 0; c < dims; c++)
            current[c] += (coeff > 0 ? clip (coeff * (current[c] - other[c])) : GRADIENT_CLIP) * alpha;
        }
      umap->next_negative[e] += n_negative * (umap->epochs_per_sample[e] / per_negative_rate);
    }
  umap->epoch++;
}

gboolean
cvg_umap_step (CvgUmap       *umap,
               guint          n_epochs,
               GCancellable  *cancellable,
               GError       **error)
{
  for (guint e = 0; e < n_epochs && umap->epoch < umap->n_epochs; e++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      one_epoch (umap);
      cvg_snapshot_publish (&umap->snapshot, umap->y, umap->epoch);
    }
  return TRUE;
}

guint
cvg_umap_get_epoch (CvgUmap *umap)
{
  return cvg_snapshot_get_step (&umap->snapshot);
}

guint
cvg_umap_get_n_epochs (CvgUmap *umap)
{
  return umap->n_epochs;
}

gsize
cvg_umap_get_n_points (CvgUmap *umap)
{
  return umap->n;
}

guint
cvg_umap_get_n_dims (CvgUmap *umap)
{
  return umap->dims;
}

float *
cvg_umap_copy_positions (CvgUmap *umap,
                        guint   *epoch)
{
  return cvg_snapshot_copy (&umap->snapshot, epoch);
}
