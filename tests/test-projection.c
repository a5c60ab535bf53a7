/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The projector's numeric core, each method checked against an
 * independent computation written here: PCA against a cyclic Jacobi
 * eigensolver on the covariance formed in double. */
#define G_LOG_DOMAIN "test-projection"

#include "config.h"

#include <math.h>
#include <pthread.h>
#include <string.h>

#include "cvg-custom-projection.h"
#include "cvg-test-corpus.h"
#include "cvg-neighbors.h"
#include "cvg-pca.h"
#include "cvg-tsne.h"
#include "cvg-umap.h"

/* Helpers --------------------------------------------------------------- */

static double
gaussian (GRand *rand)
{
  double u = 1.0 - g_rand_double (rand), v = g_rand_double (rand);

  return sqrt (-2.0 * log (u)) * cos (2.0 * G_PI * v);
}

/* @d orthonormal rows of @d (Gram–Schmidt on random vectors). */
static double *
random_basis (GRand *rand,
              gsize  d)
{
  double *basis = g_new (double, d * d);

  for (gsize r = 0; r < d; r++)
    {
      double *v = basis + r * d, norm = 0;

      for (gsize j = 0; j < d; j++)
        v[j] = gaussian (rand);
      for (gsize p = 0; p < r; p++)
        {
          double h = 0;

          for (gsize j = 0; j < d; j++)
            h += v[j] * basis[p * d + j];
          for (gsize j = 0; j < d; j++)
            v[j] -= h * basis[p * d + j];
        }
      for (gsize j = 0; j < d; j++)
        norm += v[j] * v[j];
      for (gsize j = 0; j < d; j++)
        v[j] /= sqrt (norm);
    }
  return basis;
}

/* Rows = offset + Σ_c sigma[c] · g · basis[c]: known axes and variances. */
static float *
known_data (GRand        *rand,
            gsize         n,
            gsize         d,
            const double *sigma,
            const double *basis,
            double        offset)
{
  float *data = g_new (float, n * d);

  for (gsize i = 0; i < n; i++)
    {
      double row[64] = { 0 };

      g_assert_cmpuint (d, <=, 64);
      for (gsize c = 0; c < d; c++)
        {
          double g = sigma[c] * gaussian (rand);

          for (gsize j = 0; j < d; j++)
            row[j] += g * basis[c * d + j];
        }
      for (gsize j = 0; j < d; j++)
        data[i * d + j] = (float) (row[j] + offset);
    }
  return data;
}

/* The vectors PCA analyses, in double, the obvious way. */
static double *
naive_vectors (const float *data,
               gsize        n,
               gsize        d,
               CvgPcaFlags  flags)
{
  g_autofree double *mean = g_new0 (double, d);
  double *v = g_new (double, n * d);

  if (flags & (CVG_PCA_CENTRE | CVG_PCA_SPHEREIZE))
    for (gsize i = 0; i < n; i++)
      for (gsize j = 0; j < d; j++)
        mean[j] += data[i * d + j] / (double) n;
  for (gsize i = 0; i < n; i++)
    {
      double norm = 0;

      for (gsize j = 0; j < d; j++)
        {
          v[i * d + j] = data[i * d + j] - mean[j];
          norm += v[i * d + j] * v[i * d + j];
        }
      if (flags & CVG_PCA_SPHEREIZE)
        for (gsize j = 0; j < d; j++)
          v[i * d + j] = norm > 0 ? v[i * d + j] / sqrt (norm) : 0;
    }
  return v;
}

/* The matrix PCA diagonalises: VᵀV / N (D × D). */
static double *
naive_second_moment (const float *data,
                     gsize        n,
                     gsize        d,
                     CvgPcaFlags  flags)
{
  g_autofree double *v = naive_vectors (data, n, d, flags);
  double *c = g_new0 (double, d * d);

  for (gsize i = 0; i < n; i++)
    for (gsize a = 0; a < d; a++)
      for (gsize b = 0; b < d; b++)
        c[a * d + b] += v[i * d + a] * v[i * d + b] / n;
  return c;
}

/* V Vᵀ / N (N × N): the same nonzero eigenvalues, cheaper where N < D. */
static double *
naive_gram (const float *data,
            gsize        n,
            gsize        d,
            CvgPcaFlags  flags)
{
  g_autofree double *v = naive_vectors (data, n, d, flags);
  double *g = g_new0 (double, n * n);

  for (gsize a = 0; a < n; a++)
    for (gsize b = 0; b < n; b++)
      for (gsize j = 0; j < d; j++)
        g[a * n + b] += v[a * d + j] * v[b * d + j] / n;
  return g;
}

/* Cyclic Jacobi: eigenvalues of the symmetric @c (destroyed) sorted
 * descending into @values, eigenvectors as rows of @vectors. */
static void
jacobi (double *c,
        gsize   d,
        double *values,
        double *vectors)
{
  g_autofree double *v = g_new0 (double, d * d);
  g_autofree gsize *order = g_new (gsize, d);

  for (gsize i = 0; i < d; i++)
    v[i * d + i] = 1;
  for (guint sweep = 0; sweep < 100; sweep++)
    {
      double off = 0;

      for (gsize p = 0; p < d; p++)
        for (gsize q = p + 1; q < d; q++)
          off += c[p * d + q] * c[p * d + q];
      if (off < 1e-30)
        break;
      for (gsize p = 0; p < d; p++)
        for (gsize q = p + 1; q < d; q++)
          {
            double apq = c[p * d + q], theta, t, cs, sn;

            if (fabs (apq) < 1e-300)
              continue;
            theta = (c[q * d + q] - c[p * d + p]) / (2 * apq);
            t = copysign (1.0, theta) / (fabs (theta) + sqrt (theta * theta + 1));
            cs = 1 / sqrt (t * t + 1);
            sn = t * cs;
            for (gsize k = 0; k < d; k++)
              {
                double akp = c[k * d + p], akq = c[k * d + q];

                c[k * d + p] = cs * akp - sn * akq;
                c[k * d + q] = sn * akp + cs * akq;
              }
            for (gsize k = 0; k < d; k++)
              {
                double apk = c[p * d + k], aqk = c[q * d + k];

                c[p * d + k] = cs * apk - sn * aqk;
                c[q * d + k] = sn * apk + cs * aqk;
              }
            for (gsize k = 0; k < d; k++)
              {
                double vkp = v[k * d + p], vkq = v[k * d + q];

                v[k * d + p] = cs * vkp - sn * vkq;
                v[k * d + q] = sn * vkp + cs * vkq;
              }
          }
    }
  for (gsize i = 0; i < d; i++)
    order[i] = i;
  for (gsize i = 0; i < d; i++)
    for (gsize j = i + 1; j < d; j++)
      if (c[order[j] * d + order[j]] > c[order[i] * d + order[i]])
        {
          gsize t = order[i];

          order[i] = order[j];
          order[j] = t;
        }
  for (gsize i = 0; i < d; i++)
    {
      values[i] = c[order[i] * d + order[i]];
      for (gsize k = 0; k < d; k++)
        vectors[i * d + k] = v[k * d + order[i]];
    }
}

static double
abs_dot_f (const float  *a,
           const double *b,
           gsize         d)
{
  double s = 0;

  for (gsize j = 0; j < d; j++)
    s += a[j] * b[j];
  return fabs (s);
}

/* Compares a PCA with Jacobi on the naive matrix: variances to @rel
 * relative (of the largest), axes up to sign where the variance is
 * separated from its neighbours, coordinates as rows · axes. */
static void
check_pca_against_jacobi (const float *data,
                          gsize        n,
                          gsize        d,
                          gsize        k,
                          CvgPcaFlags  flags,
                          double       rel)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgPca) pca = cvg_pca_compute (data, n, d, k, flags, 2, NULL, &error);
  g_autofree double *c = naive_second_moment (data, n, d, flags);
  g_autofree double *values = g_new (double, d);
  g_autofree double *vectors = g_new (double, d * d);
  double trace = 0, largest;
  gsize kk;

  g_assert_no_error (error);
  g_assert_nonnull (pca);
  for (gsize j = 0; j < d; j++)
    trace += c[j * d + j];
  jacobi (c, d, values, vectors);
  largest = MAX (values[0], 1e-300);
  kk = cvg_pca_get_n_components (pca);
  g_assert_cmpuint (kk, ==, MIN (k, MIN (n, d)));
  g_assert_cmpfloat_with_epsilon (cvg_pca_get_total_variance (pca), trace, rel * MAX (trace, 1e-300));
  for (gsize t = 0; t < kk; t++)
    {
      double got = cvg_pca_get_variances (pca)[t];
      gboolean separated = TRUE;

      g_assert_cmpfloat_with_epsilon (got, values[t], rel * largest);
      if (trace > 0)
        g_assert_cmpfloat_with_epsilon (cvg_pca_get_variance_fractions (pca)[t], values[t] / trace, rel);
      if (t > 0 && values[t - 1] - values[t] < 0.05 * largest)
        separated = FALSE;
      if (t + 1 < d && values[t] - values[t + 1] < 0.05 * largest)
        separated = FALSE;
      if (separated && values[t] > 1e-6 * largest)
        g_assert_cmpfloat (abs_dot_f (cvg_pca_get_components (pca) + t * d, vectors + t * d, d), >, 1 - 1e-4);
    }
}

/* PCA -------------------------------------------------------------------- */

static void
test_pca_known_axes (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  const double sigma[6] = { 5, 3, 2, 1, 0.5, 0.1 };
  g_autofree double *basis = random_basis (rand, 6);
  g_autofree float *data = known_data (rand, 5000, 6, sigma, basis, 4.0);
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgPca) pca = cvg_pca_compute (data, 5000, 6, 3, CVG_PCA_CENTRE, 0, NULL, &error);
  const float *coords, *axes;

  g_assert_no_error (error);
  g_assert_cmpuint (cvg_pca_get_n_components (pca), ==, 3);
  g_assert_cmpuint (cvg_pca_get_n_points (pca), ==, 5000);
  g_assert_cmpuint (cvg_pca_get_n_dims (pca), ==, 6);
  /* The population's variances and axes, within sampling error. */
  for (gsize t = 0; t < 3; t++)
    {
      g_assert_cmpfloat_with_epsilon (cvg_pca_get_variances (pca)[t], sigma[t] * sigma[t], 0.08 * sigma[t] * sigma[t]);
      g_assert_cmpfloat (abs_dot_f (cvg_pca_get_components (pca) + t * 6, basis + t * 6, 6), >, 0.99);
    }
  /* Coordinates are the centred rows on the axes: their variance is the
   * component's. */
  coords = cvg_pca_get_coordinates (pca);
  axes = cvg_pca_get_components (pca);
  for (gsize t = 0; t < 3; t++)
    {
      double sum = 0, sq = 0, norm = 0;

      for (gsize i = 0; i < 5000; i++)
        {
          sum += coords[i * 3 + t];
          sq += coords[i * 3 + t] * (double) coords[i * 3 + t];
        }
      g_assert_cmpfloat_with_epsilon (sum / 5000, 0, 1e-3);
      g_assert_cmpfloat_with_epsilon (sq / 5000, cvg_pca_get_variances (pca)[t], 1e-4 * cvg_pca_get_variances (pca)[t]);
      for (gsize j = 0; j < 6; j++)
        norm += axes[t * 6 + j] * (double) axes[t * 6 + j];
      g_assert_cmpfloat_with_epsilon (norm, 1, 1e-5);
    }
  check_pca_against_jacobi (data, 5000, 6, 6, CVG_PCA_CENTRE, 1e-5);
  /* All components: the fractions add up to one. */
  {
    g_autoptr(CvgPca) all = cvg_pca_compute (data, 5000, 6, 6, CVG_PCA_CENTRE, 0, NULL, &error);
    double total = 0;

    g_assert_no_error (error);
    for (gsize t = 0; t < 6; t++)
      total += cvg_pca_get_variance_fractions (all)[t];
    g_assert_cmpfloat_with_epsilon (total, 1, 1e-6);
  }
}

/* Wider than the kernel's blocks, odd sizes, every flag. */
static void
test_pca_flags (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  const gsize n = 700, d = 37;
  g_autofree double *sigma = g_new (double, d);
  g_autofree double *basis = NULL;
  g_autofree float *data = NULL;

  for (gsize c = 0; c < d; c++)
    sigma[c] = 10.0 / (1 + c);
  basis = random_basis (rand, d);
  data = known_data (rand, n, d, sigma, basis, 1.5);
  check_pca_against_jacobi (data, n, d, 10, CVG_PCA_NONE, 1e-5);
  check_pca_against_jacobi (data, n, d, 10, CVG_PCA_CENTRE, 1e-5);
  check_pca_against_jacobi (data, n, d, 10, CVG_PCA_SPHEREIZE, 1e-5);
}

/* D > N: the Gram path. Its nonzero variances are the covariance's. */
static void
test_pca_wide (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  const gsize n = 20, d = 50;
  g_autofree float *data = g_new (float, n * d);

  for (gsize i = 0; i < n * d; i++)
    data[i] = (float) gaussian (rand) * (1 + i % 3);
  check_pca_against_jacobi (data, n, d, 10, CVG_PCA_CENTRE, 1e-5);
  check_pca_against_jacobi (data, n, d, 20, CVG_PCA_NONE, 1e-5);
  check_pca_against_jacobi (data, n, d, 20, CVG_PCA_SPHEREIZE, 1e-5);
}

static void
test_pca_degenerate (void)
{
  g_autoptr(GError) error = NULL;
  const float one[4] = { 1, 2, 3, 4 };
  g_autofree float *equal = g_new (float, 30 * 8);
  g_autoptr(CvgPca) single = cvg_pca_compute (one, 1, 4, 10, CVG_PCA_CENTRE, 0, NULL, &error);
  g_autoptr(CvgPca) flat = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (cvg_pca_get_n_components (single), ==, 1);
  g_assert_cmpfloat (cvg_pca_get_variances (single)[0], ==, 0);
  g_assert_cmpfloat (cvg_pca_get_variance_fractions (single)[0], ==, 0);
  g_assert_cmpfloat (cvg_pca_get_coordinates (single)[0], ==, 0);

  for (gsize i = 0; i < 30 * 8; i++)
    equal[i] = (float) (i % 8);
  flat = cvg_pca_compute (equal, 30, 8, 3, CVG_PCA_SPHEREIZE, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (cvg_pca_get_total_variance (flat), ==, 0);
  for (gsize t = 0; t < 3; t++)
    g_assert_cmpfloat (cvg_pca_get_variances (flat)[t], ==, 0);
  for (gsize i = 0; i < 30 * 3; i++)
    g_assert_cmpfloat (cvg_pca_get_coordinates (flat)[i], ==, 0);

  /* Rank 2 in 8 dimensions: the rest is zero, the first two exact. */
  for (gsize i = 0; i < 30; i++)
    for (gsize j = 0; j < 8; j++)
      equal[i * 8 + j] = (float) ((j == 1) * (i % 5) + (j == 6) * (i % 3) * 0.5);
  check_pca_against_jacobi (equal, 30, 8, 8, CVG_PCA_CENTRE, 1e-5);
}

static void
test_pca_errors (void)
{
  const float dummy[4] = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  CvgPca *pca;

  pca = cvg_pca_compute (dummy, 2, 2, 0, CVG_PCA_NONE, 0, NULL, &error);
  g_assert_null (pca);
  g_assert_error (error, CVG_PROJECTION_ERROR, CVG_PROJECTION_ERROR_INVALID);
  g_clear_error (&error);

  pca = cvg_pca_compute (dummy, 0, 2, 1, CVG_PCA_NONE, 0, NULL, &error);
  g_assert_null (pca);
  g_assert_error (error, CVG_PROJECTION_ERROR, CVG_PROJECTION_ERROR_INVALID);
  g_clear_error (&error);

  /* Sizes from a hostile header: refused before any memory is touched. */
  pca = cvg_pca_compute (dummy, G_MAXSIZE / 2, 3, 1, CVG_PCA_NONE, 0, NULL, &error);
  g_assert_null (pca);
  g_assert_error (error, CVG_PROJECTION_ERROR, CVG_PROJECTION_ERROR_TOO_LARGE);
  g_clear_error (&error);
  pca = cvg_pca_compute (dummy, 100000, 100000, 1, CVG_PCA_NONE, 0, NULL, &error);
  g_assert_null (pca);
  g_assert_error (error, CVG_PROJECTION_ERROR, CVG_PROJECTION_ERROR_TOO_LARGE);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  pca = cvg_pca_compute (dummy, 2, 2, 1, CVG_PCA_NONE, 0, cancellable, &error);
  g_assert_null (pca);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* One thread or three: the same bits. */
static void
test_pca_thread_independent (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  const gsize n = 3000, d = 90;
  g_autofree float *data = g_new (float, n * d);
  g_autoptr(CvgPca) one = NULL;
  g_autoptr(CvgPca) three = NULL;

  for (gsize i = 0; i < n * d; i++)
    data[i] = (float) gaussian (rand) * (1 + (i % d) / 10.0);
  one = cvg_pca_compute (data, n, d, 5, CVG_PCA_SPHEREIZE, 1, NULL, NULL);
  three = cvg_pca_compute (data, n, d, 5, CVG_PCA_SPHEREIZE, 3, NULL, NULL);
  g_assert_nonnull (one);
  g_assert_nonnull (three);
  g_assert_cmpmem (cvg_pca_get_coordinates (one), n * 5 * sizeof (float),
                   cvg_pca_get_coordinates (three), n * 5 * sizeof (float));
  g_assert_cmpmem (cvg_pca_get_variances (one), 5 * sizeof (double),
                   cvg_pca_get_variances (three), 5 * sizeof (double));
}

static void
test_nonfinite_rows (void)
{
  const float data[] = { 1, 2, NAN, 4, 5, 6, 7, INFINITY, 9, 10, 11, 12 };
  g_autoptr(GArray) rows = cvg_projection_find_nonfinite_rows (data, 4, 3);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpuint (g_array_index (rows, gsize, 0), ==, 0);
  g_assert_cmpuint (g_array_index (rows, gsize, 1), ==, 2);
  g_assert_false (cvg_projection_check_matrix (G_MAXSIZE / 4 + 1, 2, NULL, &error));
  g_assert_error (error, CVG_PROJECTION_ERROR, CVG_PROJECTION_ERROR_TOO_LARGE);
}

/* Neighbours -------------------------------------------------------------- */

static float *
random_data (guint32 seed,
             gsize   n,
             gsize   d)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  float *data = g_new (float, n * d);

  for (gsize i = 0; i < n * d; i++)
    data[i] = (float) gaussian (rand);
  return data;
}

static double
naive_distance (const float *a,
                const float *b,
                gsize        d,
                CvgDistance  distance)
{
  double s = 0, na = 0, nb = 0;

  for (gsize j = 0; j < d; j++)
    {
      s += distance == CVG_DISTANCE_COSINE ? (double) a[j] * b[j] : ((double) a[j] - b[j]) * ((double) a[j] - b[j]);
      na += (double) a[j] * a[j];
      nb += (double) b[j] * b[j];
    }
  if (distance == CVG_DISTANCE_EUCLIDEAN)
    return sqrt (s);
  return na > 0 && nb > 0 ? 1 - s / sqrt (na * nb) : 1;
}

/* The k nearest of @query by sorting every distance: the reference. */
static void
check_row_against_naive (const float       *data,
                         gsize              n,
                         gsize              d,
                         gsize              query,
                         gsize              k,
                         CvgDistance        distance,
                         const CvgNeighbor *row,
                         gsize              row_len)
{
  g_autofree double *all = g_new (double, n);
  g_autofree gsize *order = g_new (gsize, n);
  gsize m = 0;

  for (gsize j = 0; j < n; j++)
    if (j != query)
      {
        all[j] = naive_distance (data + query * d, data + j * d, d, distance);
        order[m++] = j;
      }
  /* Selection of the k smallest, ties by index. */
  for (gsize t = 0; t < MIN (k, m); t++)
    for (gsize u = t + 1; u < m; u++)
      if (all[order[u]] < all[order[t]] || (all[order[u]] == all[order[t]] && order[u] < order[t]))
        {
          gsize x = order[t];

          order[t] = order[u];
          order[u] = x;
        }
  g_assert_cmpuint (row_len, ==, MIN (k, n - 1));
  for (gsize t = 0; t < row_len; t++)
    for (gsize u = t + 1; u < row_len; u++)
      g_assert_cmpuint (row[t].index, !=, row[u].index);
  for (gsize t = 0; t < row_len; t++)
    {
      /* The same neighbour, or one as near within float rounding (a tie
       * at float precision may go either way). */
      g_assert_cmpuint (row[t].index, <, n);
      g_assert_cmpuint (row[t].index, !=, query);
      if (row[t].index != order[t])
        g_assert_cmpfloat_with_epsilon (all[row[t].index], all[order[t]], 1e-6 * MAX (1, all[order[t]]));
      g_assert_cmpfloat_with_epsilon (row[t].distance, all[order[t]], 1e-4 * MAX (1, all[order[t]]));
    }
}

static void
test_neighbors_against_naive (void)
{
  const gsize n = 600, d = 21, k = 12;
  g_autofree float *data = random_data (17, n, d);

  for (guint m = 0; m < 2; m++)
    {
      CvgDistance distance = m ? CVG_DISTANCE_COSINE : CVG_DISTANCE_EUCLIDEAN;
      g_autoptr(GError) error = NULL;
      g_autoptr(CvgKnnGraph) graph = cvg_knn_graph_build (data, n, d, k, distance, 0, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (cvg_knn_graph_get_n_points (graph), ==, n);
      g_assert_cmpuint (cvg_knn_graph_get_k (graph), ==, k);
      for (gsize i = 0; i < n; i++)
        check_row_against_naive (data, n, d, i, k, distance, cvg_knn_graph_get_row (graph, i), k);
      for (gsize i = 0; i < n; i += 97)
        {
          g_autoptr(GArray) row = cvg_neighbors_query (data, n, d, i, 40, distance, 3, NULL, &error);

          g_assert_no_error (error);
          check_row_against_naive (data, n, d, i, 40, distance, (CvgNeighbor *) (gpointer) row->data, row->len);
        }
    }
}

/* More points than a query chunk, so that the merge of chunks is used. */
static void
test_neighbors_query_large (void)
{
  const gsize n = 9000, d = 8;
  g_autofree float *data = random_data (23, n, d);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) one = cvg_neighbors_query (data, n, d, 4321, 100, CVG_DISTANCE_EUCLIDEAN, 1, NULL, &error);
  g_autoptr(GArray) two = cvg_neighbors_query (data, n, d, 4321, 100, CVG_DISTANCE_EUCLIDEAN, 2, NULL, &error);

  g_assert_no_error (error);
  check_row_against_naive (data, n, d, 4321, 100, CVG_DISTANCE_EUCLIDEAN, (CvgNeighbor *) (gpointer) one->data, one->len);
  g_assert_cmpmem (one->data, one->len * sizeof (CvgNeighbor), two->data, two->len * sizeof (CvgNeighbor));
}

static void
test_neighbors_edges (void)
{
  g_autofree float *equal = g_new0 (float, 10 * 3);
  const float single[3] = { 1, 2, 3 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) none = NULL;
  g_autoptr(GArray) ties = NULL;
  g_autoptr(CvgKnnGraph) graph = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GArray *bad;

  none = cvg_neighbors_query (single, 1, 3, 0, 5, CVG_DISTANCE_EUCLIDEAN, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  /* Equal rows (and zero rows for cosine): ties by index, distance 0 or 1. */
  ties = cvg_neighbors_query (equal, 10, 3, 4, 20, CVG_DISTANCE_COSINE, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ties->len, ==, 9);
  for (guint t = 0; t < 9; t++)
    {
      g_assert_cmpuint (g_array_index (ties, CvgNeighbor, t).index, ==, t < 4 ? t : t + 1);
      g_assert_cmpfloat (g_array_index (ties, CvgNeighbor, t).distance, ==, 1);
    }
  graph = cvg_knn_graph_build (equal, 10, 3, 3, CVG_DISTANCE_EUCLIDEAN, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cvg_knn_graph_get_row (graph, 0)[0].index, ==, 1);
  g_assert_cmpuint (cvg_knn_graph_get_row (graph, 9)[2].index, ==, 2);
  g_assert_cmpfloat (cvg_knn_graph_get_row (graph, 9)[2].distance, ==, 0);

  bad = cvg_neighbors_query (single, 1, 3, 1, 5, CVG_DISTANCE_EUCLIDEAN, 0, NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, CVG_PROJECTION_ERROR, CVG_PROJECTION_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (cvg_knn_graph_build (single, G_MAXSIZE / 8, 3, 5, CVG_DISTANCE_EUCLIDEAN, 0, NULL, &error));
  g_assert_error (error, CVG_PROJECTION_ERROR, CVG_PROJECTION_ERROR_TOO_LARGE);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  g_assert_null (cvg_knn_graph_build (equal, 10, 3, 3, CVG_DISTANCE_EUCLIDEAN, 0, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Embeddings: t-SNE and UMAP ------------------------------------------------ */

#define N_CLUSTERS 5
#define PER_CLUSTER 80
#define CLUSTER_DIMS 20
/* The fraction of each point's 10 nearest neighbours in the embedding that
 * share its cluster, averaged: well-separated clusters must keep at
 * least this. */
#define PRESERVATION_THRESHOLD 0.95

/* Clusters of unit spread whose centres are 12 apart on average. */
static float *
cluster_data (guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  double centres[N_CLUSTERS][CLUSTER_DIMS];
  float *data = g_new (float, N_CLUSTERS * PER_CLUSTER * CLUSTER_DIMS);

  for (guint c = 0; c < N_CLUSTERS; c++)
    for (guint j = 0; j < CLUSTER_DIMS; j++)
      centres[c][j] = 3 * gaussian (rand);
  for (guint i = 0; i < N_CLUSTERS * PER_CLUSTER; i++)
    for (guint j = 0; j < CLUSTER_DIMS; j++)
      data[i * CLUSTER_DIMS + j] = (float) (centres[i % N_CLUSTERS][j] + gaussian (rand));
  return data;
}

static double
preservation (const float *y,
              gsize        n,
              guint        dims)
{
  const gsize k = 10;
  double total = 0;

  for (gsize i = 0; i < n; i++)
    {
      g_autofree double *d = g_new (double, n);
      gsize same = 0;

      for (gsize j = 0; j < n; j++)
        {
          d[j] = 0;
          for (guint c = 0; c < dims; c++)
            d[j] += (y[i * dims + c] - y[j * dims + c]) * (double) (y[i * dims + c] - y[j * dims + c]);
        }
      d[i] = INFINITY;
      for (gsize t = 0; t < k; t++)
        {
          gsize best = 0;

          for (gsize j = 1; j < n; j++)
            if (d[j] < d[best])
              best = j;
          same += best % N_CLUSTERS == i % N_CLUSTERS;
          d[best] = INFINITY;
        }
      total += (double) same / k;
    }
  return total / n;
}

typedef float *(*EmbedFunc) (const float *data,
                             guint        dims);

/* Embeds the clusters in 2-D and 3-D: finite, and the neighbourhoods
 * kept above the threshold. */
static void
check_clusters (EmbedFunc    embed,
                const char  *name,
                guint32      seed)
{
  g_autofree float *data = cluster_data (seed);
  const gsize n = N_CLUSTERS * PER_CLUSTER;

  for (guint dims = 2; dims <= 3; dims++)
    {
      g_autofree float *y = embed (data, dims);
      double score;

      for (gsize i = 0; i < n * dims; i++)
        g_assert_true (isfinite (y[i]));
      score = preservation (y, n, dims);
      g_test_message ("%s %u-D: neighbourhood preservation %.3f", name, dims, score);
      g_assert_cmpfloat (score, >=, PRESERVATION_THRESHOLD);
    }
}

typedef float *(*RunFunc) (const float *data,
                           guint64      seed,
                           guint        threads,
                           guint        first,
                           guint        second);

/* A seed gives the same bits with one thread or three, in one step or
 * two; another seed gives another picture. */
static void
check_deterministic (RunFunc run,
                     guint   steps,
                     guint32 seed)
{
  g_autofree float *data = cluster_data (seed);
  const gsize bytes = N_CLUSTERS * PER_CLUSTER * 2 * sizeof (float);
  g_autofree float *a = run (data, seed, 1, steps, 0);
  g_autofree float *b = run (data, seed, 3, steps / 2, steps - steps / 2);
  g_autofree float *c = run (data, seed + 1, 2, steps, 0);

  g_assert_cmpmem (a, bytes, b, bytes);
  g_assert_true (memcmp (a, c, bytes) != 0);
}

static float *
tsne_clusters (const float *data,
               guint        dims)
{
  CvgTsneParams params;
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgTsne) tsne = NULL;
  guint iteration = 0;
  float *y;

  cvg_tsne_params_init (&params);
  params.n_dims = dims;
  params.perplexity = 20;
  params.seed = 5;
  tsne = cvg_tsne_new (data, N_CLUSTERS * PER_CLUSTER, CLUSTER_DIMS, &params, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cvg_tsne_get_n_points (tsne), ==, N_CLUSTERS * PER_CLUSTER);
  g_assert_cmpuint (cvg_tsne_get_n_dims (tsne), ==, dims);
  /* The random start keeps no neighbourhood: the score can tell. */
  {
    g_autofree float *start = cvg_tsne_copy_positions (tsne, &iteration);

    g_assert_cmpuint (iteration, ==, 0);
    g_assert_cmpfloat (preservation (start, N_CLUSTERS * PER_CLUSTER, dims), <, 0.5);
  }
  g_assert_true (cvg_tsne_step (tsne, 500, NULL, &error));
  g_assert_no_error (error);
  y = cvg_tsne_copy_positions (tsne, &iteration);
  g_assert_cmpuint (iteration, ==, 500);
  g_assert_cmpuint (cvg_tsne_get_iteration (tsne), ==, 500);
  return y;
}

static void
test_tsne_clusters (void)
{
  check_clusters (tsne_clusters, "t-SNE", 31);
}

static float *
tsne_run (const float *data,
          guint64      seed,
          guint        threads,
          guint        first,
          guint        second)
{
  CvgTsneParams params;
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgTsne) tsne = NULL;

  cvg_tsne_params_init (&params);
  params.perplexity = 15;
  params.seed = seed;
  params.n_threads = threads;
  tsne = cvg_tsne_new (data, N_CLUSTERS * PER_CLUSTER, CLUSTER_DIMS, &params, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cvg_tsne_step (tsne, first, NULL, &error));
  g_assert_true (cvg_tsne_step (tsne, second, NULL, &error));
  return cvg_tsne_copy_positions (tsne, NULL);
}

static void
test_tsne_deterministic (void)
{
  check_deterministic (tsne_run, 120, 37);
}

typedef struct {
  CvgTsne *tsne;
  gboolean done;
} Stepper;

static gpointer
step_thread (gpointer data)
{
  Stepper *s = data;

  g_assert_true (cvg_tsne_step (s->tsne, 300, NULL, NULL));
  g_atomic_int_set (&s->done, TRUE);
  return NULL;
}

/* Positions read while another thread steps: whole iterations, never
 * going back. */
static void
test_tsne_concurrent_read (void)
{
  g_autofree float *data = cluster_data (41);
  CvgTsneParams params;
  g_autoptr(CvgTsne) tsne = NULL;
  Stepper s = { NULL, FALSE };
  GThread *thread;
  guint last = 0;

  cvg_tsne_params_init (&params);
  tsne = cvg_tsne_new (data, N_CLUSTERS * PER_CLUSTER, CLUSTER_DIMS, &params, NULL, NULL);
  s.tsne = tsne;
  thread = g_thread_new ("stepper", step_thread, &s);
  while (!g_atomic_int_get (&s.done))
    {
      guint iteration;
      g_autofree float *y = cvg_tsne_copy_positions (tsne, &iteration);

      g_assert_cmpuint (iteration, >=, last);
      g_assert_true (isfinite (y[0]));
      last = iteration;
    }
  g_thread_join (thread);
  g_assert_cmpuint (cvg_tsne_get_iteration (tsne), ==, 300);
}

static void
test_tsne_errors (void)
{
  g_autofree float *data = cluster_data (43);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgTsne) tsne = NULL;
  CvgTsneParams params;
  guint iteration = 99;
  g_autofree float *y = NULL;

  cvg_tsne_params_init (&params);
  params.n_dims = 4;
  g_assert_null (cvg_tsne_new (data, 100, CLUSTER_DIMS, &params, NULL, &error));
  g_assert_error (error, CVG_PROJECTION_ERROR, CVG_PROJECTION_ERROR_INVALID);
  g_clear_error (&error);

  cvg_tsne_params_init (&params);
  params.perplexity = NAN;
  g_assert_null (cvg_tsne_new (data, 100, CLUSTER_DIMS, &params, NULL, &error));
  g_assert_error (error, CVG_PROJECTION_ERROR, CVG_PROJECTION_ERROR_INVALID);
  g_clear_error (&error);

  cvg_tsne_params_init (&params);
  g_assert_null (cvg_tsne_new (data, 1, CLUSTER_DIMS, &params, NULL, &error));
  g_assert_error (error, CVG_PROJECTION_ERROR, CVG_PROJECTION_ERROR_INVALID);
  g_clear_error (&error);

  /* Two points and a perplexity far above what they allow. */
  tsne = cvg_tsne_new (data, 2, CLUSTER_DIMS, &params, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cvg_tsne_step (tsne, 10, NULL, &error));

  /* Cancelled: no iteration is half done, and stepping may go on. */
  g_cancellable_cancel (cancellable);
  g_assert_false (cvg_tsne_step (tsne, 10, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  y = cvg_tsne_copy_positions (tsne, &iteration);
  g_assert_cmpuint (iteration, ==, 10);
  g_assert_true (cvg_tsne_step (tsne, 5, NULL, &error));
  g_assert_cmpuint (cvg_tsne_get_iteration (tsne), ==, 15);
}

/* umap-learn's find_ab_params (scipy's curve_fit) gives, for spread 1:
 * min_dist 0.1 → a = 1.576943460, b = 0.895060878;
 * min_dist 0.5 → a = 0.583030020, b = 1.334166992. */
static void
test_umap_curve (void)
{
  double a, b;

  cvg_umap_fit_ab (0.1, 1.0, &a, &b);
  g_assert_cmpfloat_with_epsilon (a, 1.576943460, 1e-5);
  g_assert_cmpfloat_with_epsilon (b, 0.895060878, 1e-5);
  cvg_umap_fit_ab (0.5, 1.0, &a, &b);
  g_assert_cmpfloat_with_epsilon (a, 0.583030020, 1e-5);
  g_assert_cmpfloat_with_epsilon (b, 1.334166992, 1e-5);
}

static float *
umap_clusters (const float *data,
               guint        dims)
{
  CvgUmapParams params;
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgUmap) umap = NULL;
  guint epoch = 0;
  float *y;

  cvg_umap_params_init (&params);
  params.n_dims = dims;
  params.seed = 3;
  umap = cvg_umap_new (data, N_CLUSTERS * PER_CLUSTER, CLUSTER_DIMS, &params, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cvg_umap_get_n_epochs (umap), ==, 500);
  g_assert_cmpuint (cvg_umap_get_n_points (umap), ==, N_CLUSTERS * PER_CLUSTER);
  g_assert_cmpuint (cvg_umap_get_n_dims (umap), ==, dims);
  /* Past the total: stops at it. */
  g_assert_true (cvg_umap_step (umap, 100000, NULL, &error));
  y = cvg_umap_copy_positions (umap, &epoch);
  g_assert_cmpuint (epoch, ==, 500);
  g_assert_cmpuint (cvg_umap_get_epoch (umap), ==, 500);
  return y;
}

static void
test_umap_clusters (void)
{
  check_clusters (umap_clusters, "UMAP", 47);
}

static float *
umap_run (const float *data,
          guint64      seed,
          guint        threads,
          guint        first,
          guint        second)
{
  CvgUmapParams params;
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgUmap) umap = NULL;

  cvg_umap_params_init (&params);
  params.n_epochs = 150;
  params.seed = seed;
  params.n_threads = threads;
  umap = cvg_umap_new (data, N_CLUSTERS * PER_CLUSTER, CLUSTER_DIMS, &params, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cvg_umap_step (umap, first, NULL, &error));
  g_assert_true (cvg_umap_step (umap, second, NULL, &error));
  return cvg_umap_copy_positions (umap, NULL);
}

static void
test_umap_deterministic (void)
{
  check_deterministic (umap_run, 150, 53);
}

static void
test_umap_errors (void)
{
  g_autofree float *data = cluster_data (59);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgUmap) umap = NULL;
  CvgUmapParams params;

  cvg_umap_params_init (&params);
  params.min_dist = 2;   /* above the spread */
  g_assert_null (cvg_umap_new (data, 100, CLUSTER_DIMS, &params, NULL, &error));
  g_assert_error (error, CVG_PROJECTION_ERROR, CVG_PROJECTION_ERROR_INVALID);
  g_clear_error (&error);

  cvg_umap_params_init (&params);
  params.n_neighbors = 1;
  g_assert_null (cvg_umap_new (data, 100, CLUSTER_DIMS, &params, NULL, &error));
  g_assert_error (error, CVG_PROJECTION_ERROR, CVG_PROJECTION_ERROR_INVALID);
  g_clear_error (&error);

  cvg_umap_params_init (&params);
  g_assert_null (cvg_umap_new (data, 1, CLUSTER_DIMS, &params, NULL, &error));
  g_assert_error (error, CVG_PROJECTION_ERROR, CVG_PROJECTION_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (cvg_umap_new (data, G_MAXSIZE / 16, CLUSTER_DIMS, &params, NULL, &error));
  g_assert_error (error, CVG_PROJECTION_ERROR, CVG_PROJECTION_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* Three points, more neighbours asked than there are. */
  umap = cvg_umap_new (data, 3, CLUSTER_DIMS, &params, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cvg_umap_step (umap, 10, NULL, &error));
  g_cancellable_cancel (cancellable);
  g_assert_false (cvg_umap_step (umap, 10, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (cvg_umap_get_epoch (umap), ==, 10);
}

/* Custom projection -------------------------------------------------------- */

static GArray *
rows_of (const gsize *rows,
         guint        n)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (gsize));

  g_array_append_vals (array, rows, n);
  return array;
}

/* By hand: right − left = (2, 0, 0) − (0, 0, 0); up − down = the centroid
 * of rows 2 and 3, (0, 1, 1), less row 4, (0, 0, 1): (0, 1, 0). */
static void
test_custom_projection (void)
{
  const float data[] = {
    0, 0, 0,
    2, 0, 0,
    0, 2, 1,
    0, 0, 1,
    0, 0, 1,
    3, 5, 7,
  };
  const gsize r0[] = { 0 }, r1[] = { 1 }, r23[] = { 2, 3 }, r4[] = { 4 }, r6[] = { 6 };
  g_autoptr(GArray) left = rows_of (r0, 1);
  g_autoptr(GArray) right = rows_of (r1, 1);
  g_autoptr(GArray) up = rows_of (r23, 2);
  g_autoptr(GArray) down = rows_of (r4, 1);
  g_autoptr(GArray) none = rows_of (r0, 0);
  g_autoptr(GArray) outside = rows_of (r6, 1);
  g_autoptr(GError) error = NULL;
  g_autofree float *xy = cvg_custom_projection (data, 6, 3, left, right, up, down, &error);

  g_assert_no_error (error);
  g_assert_cmpfloat (xy[2 * 5], ==, 6);
  g_assert_cmpfloat (xy[2 * 5 + 1], ==, 5);
  g_assert_cmpfloat (xy[2 * 1], ==, 4);
  g_assert_cmpfloat (xy[2 * 2 + 1], ==, 2);

  g_assert_null (cvg_custom_projection (data, 6, 3, left, right, none, down, &error));
  g_assert_error (error, CVG_PROJECTION_ERROR, CVG_PROJECTION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (cvg_custom_projection (data, 6, 3, left, outside, up, down, &error));
  g_assert_error (error, CVG_PROJECTION_ERROR, CVG_PROJECTION_ERROR_INVALID);
}

typedef struct {
  pthread_mutex_t mutex;   /* seen by ThreadSanitizer, unlike GMutex */
  double          highest;
  guint           calls;
} Progress;

static void
record_progress (double   fraction,
                 gpointer user_data)
{
  Progress *p = user_data;

  pthread_mutex_lock (&p->mutex);
  g_assert_cmpfloat (fraction, >, 0);
  g_assert_cmpfloat (fraction, <=, 1);
  p->highest = MAX (p->highest, fraction);
  p->calls++;
  pthread_mutex_unlock (&p->mutex);
}

/* The t-SNE preparation reports its graph's progress, up to 1. */
static void
test_neighbors_progress (void)
{
  g_autofree float *data = random_data (29, 1000, 5);
  Progress progress = { PTHREAD_MUTEX_INITIALIZER, 0, 0 };
  CvgTsneParams params;
  g_autoptr(CvgTsne) tsne = NULL;
  g_autoptr(GError) error = NULL;

  cvg_tsne_params_init (&params);
  params.progress = record_progress;
  params.progress_data = &progress;
  tsne = cvg_tsne_new (data, 1000, 5, &params, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (progress.highest, ==, 1);
  g_assert_cmpuint (progress.calls, >=, 2);
  pthread_mutex_destroy (&progress.mutex);
}

/* Real data ------------------------------------------------------------------ */

#define FMNIST_TENSORS "pytorch_fmnist_projector/runs/fashion_mnist_experiment_1/00000/default/tensors.tsv"

/* PyTorch's add_embedding of 100 Fashion-MNIST images: 100 × 784, read
 * here with a plain TSV parser (the projector's reader is not this
 * library's). */
static float *
load_fmnist (gsize *n,
             gsize *d)
{
  const char *corpus = cvg_test_corpus_dir (CVG_TEST_CORPUS);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GArray *values;

  if (corpus == NULL)
    return NULL;
  path = g_build_filename (corpus, FMNIST_TENSORS, NULL);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (g_strchomp (text), "\n", -1);
  values = g_array_new (FALSE, FALSE, sizeof (float));
  *n = g_strv_length (lines);
  for (gsize i = 0; i < *n; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], "\t", -1);

      *d = g_strv_length (cells);
      for (gsize j = 0; cells[j]; j++)
        {
          float v = (float) g_ascii_strtod (cells[j], NULL);

          g_array_append_val (values, v);
        }
    }
  g_assert_cmpuint (values->len, ==, *n * *d);
  return (float *) (gpointer) g_array_free (values, FALSE);
}

/* PCA of the real embedding: the variances of the first ten components
 * equal the top eigenvalues of the Gram matrix (Jacobi, in double) to
 * 10⁻⁴ relative, centred and sphereized. */
static void
test_real_pca (void)
{
  gsize n = 0, d = 0;
  g_autofree float *data = load_fmnist (&n, &d);
  CvgPcaFlags flags[] = { CVG_PCA_CENTRE, CVG_PCA_SPHEREIZE };

  if (data == NULL)
    return;
  g_assert_cmpuint (n, ==, 100);
  g_assert_cmpuint (d, ==, 784);
  for (guint f = 0; f < G_N_ELEMENTS (flags); f++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CvgPca) pca = cvg_pca_compute (data, n, d, 10, flags[f], 0, NULL, &error);
      g_autofree double *g = naive_gram (data, n, d, flags[f]);
      g_autofree double *values = g_new (double, n);
      g_autofree double *vectors = g_new (double, n * n);
      double trace = 0;

      g_assert_no_error (error);
      for (gsize i = 0; i < n; i++)
        trace += g[i * n + i];
      jacobi (g, n, values, vectors);
      g_assert_cmpfloat_with_epsilon (cvg_pca_get_total_variance (pca), trace, 1e-4 * trace);
      for (gsize t = 0; t < 10; t++)
        {
          g_assert_cmpfloat_with_epsilon (cvg_pca_get_variances (pca)[t], values[t], 1e-4 * values[t]);
          g_assert_cmpfloat_with_epsilon (cvg_pca_get_variance_fractions (pca)[t], values[t] / trace, 1e-4 * values[t] / trace);
        }
    }
}

/* Neighbours of the real embedding against the naive scan. */
static void
test_real_neighbors (void)
{
  gsize n = 0, d = 0;
  g_autofree float *data = load_fmnist (&n, &d);

  if (data == NULL)
    return;
  for (guint m = 0; m < 2; m++)
    {
      CvgDistance distance = m ? CVG_DISTANCE_COSINE : CVG_DISTANCE_EUCLIDEAN;
      g_autoptr(GError) error = NULL;
      g_autoptr(CvgKnnGraph) graph = cvg_knn_graph_build (data, n, d, 10, distance, 0, NULL, &error);

      g_assert_no_error (error);
      for (gsize i = 0; i < n; i++)
        check_row_against_naive (data, n, d, i, 10, distance, cvg_knn_graph_get_row (graph, i), 10);
    }
}

/* Rows with NaN break the caller contract: the numbers are unspecified,
 * but every method returns (no crash, no endless loop). */
static void
test_nonfinite_input_is_safe (void)
{
  g_autofree float *data = cluster_data (61);
  const gsize n = N_CLUSTERS * PER_CLUSTER;
  CvgTsneParams tsne_params;
  CvgUmapParams umap_params;
  g_autoptr(CvgPca) pca = NULL;
  g_autoptr(CvgKnnGraph) graph = NULL;
  g_autoptr(CvgTsne) tsne = NULL;
  g_autoptr(CvgUmap) umap = NULL;

  for (gsize j = 0; j < CLUSTER_DIMS; j++)
    data[7 * CLUSTER_DIMS + j] = NAN;
  data[9 * CLUSTER_DIMS] = INFINITY;
  pca = cvg_pca_compute (data, n, CLUSTER_DIMS, 3, CVG_PCA_SPHEREIZE, 0, NULL, NULL);
  graph = cvg_knn_graph_build (data, n, CLUSTER_DIMS, 10, CVG_DISTANCE_COSINE, 0, NULL, NULL);
  g_assert_nonnull (graph);
  cvg_tsne_params_init (&tsne_params);
  tsne = cvg_tsne_new (data, n, CLUSTER_DIMS, &tsne_params, NULL, NULL);
  g_assert_nonnull (tsne);
  g_assert_true (cvg_tsne_step (tsne, 20, NULL, NULL));
  cvg_umap_params_init (&umap_params);
  umap_params.n_epochs = 20;
  umap = cvg_umap_new (data, n, CLUSTER_DIMS, &umap_params, NULL, NULL);
  g_assert_nonnull (umap);
  g_assert_true (cvg_umap_step (umap, 20, NULL, NULL));
  g_assert_cmpuint (cvg_umap_get_epoch (umap), ==, 20);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/projection/pca/known-axes", test_pca_known_axes);
  g_test_add_func ("/projection/pca/flags", test_pca_flags);
  g_test_add_func ("/projection/pca/wide", test_pca_wide);
  g_test_add_func ("/projection/pca/degenerate", test_pca_degenerate);
  g_test_add_func ("/projection/pca/errors", test_pca_errors);
  g_test_add_func ("/projection/pca/thread-independent", test_pca_thread_independent);
  g_test_add_func ("/projection/nonfinite-rows", test_nonfinite_rows);
  g_test_add_func ("/projection/neighbors/against-naive", test_neighbors_against_naive);
  g_test_add_func ("/projection/neighbors/query-large", test_neighbors_query_large);
  g_test_add_func ("/projection/neighbors/edges", test_neighbors_edges);
  g_test_add_func ("/projection/neighbors/progress", test_neighbors_progress);
  g_test_add_func ("/projection/tsne/clusters", test_tsne_clusters);
  g_test_add_func ("/projection/tsne/deterministic", test_tsne_deterministic);
  g_test_add_func ("/projection/tsne/concurrent-read", test_tsne_concurrent_read);
  g_test_add_func ("/projection/tsne/errors", test_tsne_errors);
  g_test_add_func ("/projection/umap/curve", test_umap_curve);
  g_test_add_func ("/projection/umap/clusters", test_umap_clusters);
  g_test_add_func ("/projection/umap/deterministic", test_umap_deterministic);
  g_test_add_func ("/projection/umap/errors", test_umap_errors);
  g_test_add_func ("/projection/custom", test_custom_projection);
  g_test_add_func ("/projection/nonfinite-input", test_nonfinite_input_is_safe);
  g_test_add_func ("/projection/real/pca", test_real_pca);
  g_test_add_func ("/projection/real/neighbors", test_real_neighbors);

  return g_test_run ();
}
