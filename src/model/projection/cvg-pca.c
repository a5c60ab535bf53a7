/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-pca"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cvg-lanczos.h"
#include "cvg-pca.h"
#include "cvg-projection-private.h"

/* The covariance kernel: tiles of TILE × TILE entries, each a grid of
 * 4 × 8 register blocks summed in float over PANEL rows at a time, then in
 * double. */
#define TILE  64
#define PANEL 256
#define MEAN_CHUNK 1024

struct _CvgPca {
  gsize   n_points;
  gsize   n_dims;
  gsize   k;
  float  *coordinates;  /* N × k */
  float  *components;   /* k × D */
  double *variances;
  double *fractions;
  double  total;
};

/* The matrix analysed, A, with rows padded to `stride` (a multiple of 8)
 * with zeros: the vectors themselves (N ≥ D, A = V, AᵀA = N·covariance)
 * or their transpose (N < D, A = Vᵀ, AᵀA = N·Gram). */
typedef struct {
  const float  *data;
  gsize         n;
  gsize         d;
  const double *mean;    /* NULL: not centred */
  const double *scale;   /* NULL: rows not rescaled */
  gboolean      transposed;
  float        *a;
  gsize         rows;    /* of A */
  gsize         m;       /* columns of A before padding: min(N, D) */
  gsize         stride;
  double       *c;       /* m × m */
  double        divisor;
  GArray       *tiles;   /* pairs (ti, tj), tj ≥ ti */
  double       *partial; /* per MEAN_CHUNK of rows: D sums */
} Work;

static void
mean_chunk (gsize    begin,
            gsize    end,
            gpointer user_data)
{
  Work *w = user_data;

  for (gsize chunk = begin; chunk < end; chunk++)
    {
      double *sum = w->partial + chunk * w->d;
      gsize last = MIN ((chunk + 1) * MEAN_CHUNK, w->n);

      for (gsize i = chunk * MEAN_CHUNK; i < last; i++)
        for (gsize j = 0; j < w->d; j++)
          sum[j] += w->data[i * w->d + j];
    }
}

static void
scale_chunk (gsize    begin,
             gsize    end,
             gpointer user_data)
{
  Work *w = user_data;
  double *scale = (double *) w->scale;

  for (gsize i = begin; i < end; i++)
    {
      double norm = 0;

      for (gsize j = 0; j < w->d; j++)
        {
          double v = w->data[i * w->d + j] - w->mean[j];

          norm += v * v;
        }
      scale[i] = norm > 0 ? 1.0 / sqrt (norm) : 0;
    }
}

static inline float
vector_value (const Work *w,
              gsize       i,
              gsize       j)
{
  double v = w->data[i * w->d + j];

  if (w->mean)
    v -= w->mean[j];
  if (w->scale)
    v *= w->scale[i];
  return (float) v;
}

static void
fill_chunk (gsize    begin,
            gsize    end,
            gpointer user_data)
{
  Work *w = user_data;

  for (gsize i = begin; i < end; i++)
    for (gsize j = 0; j < w->d; j++)
      {
        float v = vector_value (w, i, j);

        if (w->transposed)
          w->a[j * w->stride + i] = v;
        else
          w->a[i * w->stride + j] = v;
      }
}

/* Copies columns [c0, c0 + width) of A's rows [r0, r1) into blocks of
 * @group columns, each block's rows contiguous (zero past the stride). */
static void
pack_strip (const Work *w,
            gsize       r0,
            gsize       r1,
            gsize       c0,
            gsize       width,
            gsize       group,
            float      *out)
{
  gsize n = r1 - r0;

  for (gsize g = 0; g < width; g += group)
    {
      gsize have = c0 + g < w->stride ? MIN (group, w->stride - c0 - g) : 0;
      float *block = out + g * n;

      for (gsize r = r0; r < r1; r++)
        {
          float *dst = block + (r - r0) * group;

          memcpy (dst, w->a + r * w->stride + c0 + g, have * sizeof (float));
          memset (dst + have, 0, (group - have) * sizeof (float));
        }
    }
}

static void
tile_chunk (gsize    begin,
            gsize    end,
            gpointer user_data)
{
  Work *w = user_data;
  g_autofree double *acc = g_new (double, TILE * TILE);
  g_autofree float *a_pack = g_new (float, TILE * PANEL);
  g_autofree float *b_pack = g_new (float, TILE * PANEL);

  for (gsize t = begin; t < end; t++)
    {
      gsize i0 = g_array_index (w->tiles, gsize, 2 * t) * TILE;
      gsize j0 = g_array_index (w->tiles, gsize, 2 * t + 1) * TILE;

      memset (acc, 0, TILE * TILE * sizeof (double));
      for (gsize r0 = 0; r0 < w->rows; r0 += PANEL)
        {
          gsize r1 = MIN (r0 + PANEL, w->rows), n = r1 - r0;

          pack_strip (w, r0, r1, i0, TILE, 4, a_pack);
          pack_strip (w, r0, r1, j0, TILE, 16, b_pack);
          for (gsize i = 0; i < TILE && i0 + i < w->stride; i += 4)
            for (gsize j = 0; j < TILE && j0 + j < w->stride; j += 16)
              if (j0 + j + 16 > i0 + i)   /* the upper triangle and the diagonal */
                cvg_kernel_4x16 (a_pack + i * n, b_pack + j * n, n, acc + i * TILE + j, TILE);
        }

      for (gsize i = i0; i < MIN (i0 + TILE, w->m); i++)
        for (gsize j = MAX (j0, i); j < MIN (j0 + TILE, w->m); j++)
          {
            double v = acc[(i - i0) * TILE + (j - j0)] / w->divisor;

            w->c[i * w->m + j] = v;
            w->c[j * w->m + i] = v;
          }
    }
}

static gboolean
check_cancelled (GCancellable  *cancellable,
                 GError       **error)
{
  return g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* The column means of the rows, in double, summed in fixed chunks. */
static double *
compute_mean (Work         *w,
              guint         n_threads,
              GError      **error)
{
  gsize n_chunks = (w->n + MEAN_CHUNK - 1) / MEAN_CHUNK;
  double *mean;

  w->partial = cvg_projection_alloc (n_chunks, w->d, sizeof (double), error);
  if (w->partial == NULL)
    return NULL;
  cvg_parallel_for (n_chunks, 1, n_threads, NULL, mean_chunk, w);
  mean = g_new0 (double, w->d);
  for (gsize chunk = 0; chunk < n_chunks; chunk++)
    for (gsize j = 0; j < w->d; j++)
      mean[j] += w->partial[chunk * w->d + j];
  for (gsize j = 0; j < w->d; j++)
    mean[j] /= w->n;
  g_clear_pointer (&w->partial, g_free);
  return mean;
}

/* Sign convention: the largest-magnitude entry of each axis is positive. */
static gboolean
needs_flip (const double *v,
            gsize         n)
{
  gsize best = 0;

  for (gsize j = 1; j < n; j++)
    if (fabs (v[j]) > fabs (v[best]))
      best = j;
  return v[best] < 0;
}

typedef struct {
  const Work *w;
  CvgPca     *pca;
  double     *axes;    /* k × D, double */
} Project;

static void
project_chunk (gsize    begin,
               gsize    end,
               gpointer user_data)
{
  Project *pr = user_data;
  const Work *w = pr->w;
  gsize k = pr->pca->k;
  g_autofree double *row = g_new (double, w->d);

  for (gsize i = begin; i < end; i++)
    {
      for (gsize j = 0; j < w->d; j++)
        row[j] = vector_value (w, i, j);
      for (gsize t = 0; t < k; t++)
        {
          const double *axis = pr->axes + t * w->d;
          double s0 = 0, s1 = 0;
          gsize j = 0;

          for (; j + 2 <= w->d; j += 2)
            {
              s0 += row[j] * axis[j];
              s1 += row[j + 1] * axis[j + 1];
            }
          if (j < w->d)
            s0 += row[j] * axis[j];
          pr->pca->coordinates[i * k + t] = (float) (s0 + s1);
        }
    }
}

void
cvg_pca_free (CvgPca *pca)
{
  if (pca == NULL)
    return;
  g_free (pca->coordinates);
  g_free (pca->components);
  g_free (pca->variances);
  g_free (pca->fractions);
  g_free (pca);
}

/* From the eigenvectors of the Gram matrix (N < D), the axes in the
 * original space: Vᵀu / ‖Vᵀu‖ (zero for a zero eigenvalue). */
static void
gram_axes (const Work   *w,
           const double *u,
           gsize         k,
           double       *axes)
{
  for (gsize t = 0; t < k; t++)
    {
      double *axis = axes + t * w->d;
      double norm = 0;

      for (gsize j = 0; j < w->d; j++)
        {
          const float *row = w->a + j * w->stride;
          double s = 0;

          for (gsize i = 0; i < w->n; i++)
            s += row[i] * u[t * w->m + i];
          axis[j] = s;
          norm += s * s;
        }
      for (gsize j = 0; j < w->d; j++)
        axis[j] = norm > 0 ? axis[j] / sqrt (norm) : 0;
    }
}

CvgPca *
cvg_pca_compute (const float   *data,
                 gsize          n_points,
                 gsize          n_dims,
                 gsize          n_components,
                 CvgPcaFlags    flags,
                 guint          n_threads,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(CvgPca) pca = NULL;
  g_autofree double *mean = NULL;
  g_autofree double *scale = NULL;
  g_autofree double *values = NULL;
  g_autofree double *vectors = NULL;
  g_autofree double *axes = NULL;
  g_autofree float *a = NULL;
  g_autofree double *c = NULL;
  g_autoptr(GArray) tiles = NULL;
  Work w = { data, n_points, n_dims };
  Project pr;
  gsize k, n_tiles;

  if (!cvg_projection_check_matrix (n_points, n_dims, NULL, error))
    return NULL;
  if (n_components == 0)
    {
      g_set_error (error, CVG_PROJECTION_ERROR, CVG_PROJECTION_ERROR_INVALID,
                   _("PCA needs at least one component"));
      return NULL;
    }
  w.m = MIN (n_points, n_dims);
  if (w.m > CVG_PCA_MAX_RANK)
    {
      g_set_error (error, CVG_PROJECTION_ERROR, CVG_PROJECTION_ERROR_TOO_LARGE,
                   _("PCA of %zu × %zu values is too large: both sides exceed %d"),
                   n_points, n_dims, CVG_PCA_MAX_RANK);
      return NULL;
    }
  k = MIN (n_components, w.m);
  n_threads = cvg_projection_threads (n_threads);

  if (flags & (CVG_PCA_CENTRE | CVG_PCA_SPHEREIZE))
    {
      mean = compute_mean (&w, n_threads, error);
      if (mean == NULL)
        return NULL;
      w.mean = mean;
    }
  if (flags & CVG_PCA_SPHEREIZE)
    {
      scale = cvg_projection_alloc (n_points, 1, sizeof (double), error);
      if (scale == NULL)
        return NULL;
      w.scale = scale;
      cvg_parallel_for (n_points, 256, n_threads, cancellable, scale_chunk, &w);
    }

  w.transposed = n_points < n_dims;
  w.rows = w.transposed ? n_dims : n_points;
  w.stride = (w.m + 7) / 8 * 8;
  w.divisor = n_points;
  a = cvg_projection_alloc (w.rows, w.stride, sizeof (float), error);
  c = a ? cvg_projection_alloc (w.m, w.m, sizeof (double), error) : NULL;
  if (c == NULL)
    return NULL;
  w.a = a;
  w.c = c;
  cvg_parallel_for (n_points, 256, n_threads, cancellable, fill_chunk, &w);
  if (check_cancelled (cancellable, error))
    return NULL;

  n_tiles = (w.stride + TILE - 1) / TILE;
  tiles = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (gsize ti = 0; ti < n_tiles; ti++)
    for (gsize tj = ti; tj < n_tiles; tj++)
      {
        g_array_append_val (tiles, ti);
        g_array_append_val (tiles, tj);
      }
  w.tiles = tiles;
  cvg_parallel_for (tiles->len / 2, 1, n_threads, cancellable, tile_chunk, &w);
  if (check_cancelled (cancellable, error))
    return NULL;

  values = g_new (double, k);
  vectors = cvg_projection_alloc (k, w.m, sizeof (double), error);
  if (vectors == NULL ||
      !cvg_lanczos_top (c, w.m, k, n_threads, values, vectors, cancellable, error))
    return NULL;

  pca = g_new0 (CvgPca, 1);
  pca->n_points = n_points;
  pca->n_dims = n_dims;
  pca->k = k;
  /* The trace: the same for the covariance and the Gram matrix. */
  for (gsize i = 0; i < w.m; i++)
    pca->total += c[i * w.m + i];
  axes = cvg_projection_alloc (k, n_dims, sizeof (double), error);
  pca->coordinates = cvg_projection_alloc (n_points, k, sizeof (float), error);
  pca->components = cvg_projection_alloc (k, n_dims, sizeof (float), error);
  g_clear_pointer (&c, g_free);
  if (axes == NULL || pca->coordinates == NULL || pca->components == NULL)
    return NULL;
  if (w.transposed)
    gram_axes (&w, vectors, k, axes);
  else
    memcpy (axes, vectors, k * n_dims * sizeof (double));
  for (gsize t = 0; t < k; t++)
    if (needs_flip (axes + t * n_dims, n_dims))
      for (gsize j = 0; j < n_dims; j++)
        axes[t * n_dims + j] = -axes[t * n_dims + j];
  g_clear_pointer (&a, g_free);
  w.a = NULL;

  pr = (Project) { &w, pca, axes };
  cvg_parallel_for (n_points, 256, n_threads, cancellable, project_chunk, &pr);
  if (check_cancelled (cancellable, error))
    return NULL;

  pca->variances = g_memdup2 (values, k * sizeof (double));
  pca->fractions = g_new0 (double, k);
  for (gsize t = 0; t < k; t++)
    {
      pca->fractions[t] = pca->total > 0 ? values[t] / pca->total : 0;
      for (gsize j = 0; j < n_dims; j++)
        pca->components[t * n_dims + j] = (float) axes[t * n_dims + j];
    }
  return g_steal_pointer (&pca);
}

gsize
cvg_pca_get_n_points (const CvgPca *pca)
{
  return pca->n_points;
}

gsize
cvg_pca_get_n_dims (const CvgPca *pca)
{
  return pca->n_dims;
}

gsize
cvg_pca_get_n_components (const CvgPca *pca)
{
  return pca->k;
}

const float *
cvg_pca_get_coordinates (const CvgPca *pca)
{
  return pca->coordinates;
}

const float *
cvg_pca_get_components (const CvgPca *pca)
{
  return pca->components;
}

const double *
cvg_pca_get_variances (const CvgPca *pca)
{
  return pca->variances;
}

const double *
cvg_pca_get_variance_fractions (const CvgPca *pca)
{
  return pca->fractions;
}

double
cvg_pca_get_total_variance (const CvgPca *pca)
{
  return pca->total;
}
