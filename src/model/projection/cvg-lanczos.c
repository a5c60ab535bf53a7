/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-lanczos"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cvg-lanczos.h"
#include "cvg-projection-private.h"

#define TOLERANCE 1e-10
/* Steps run in a fresh Krylov block before its Ritz values are trusted to
 * show whether the complement holds larger eigenvalues. */
#define STEPS_AFTER_RESTART 8

typedef struct {
  const double *c;
  gsize         m;
  const double *x;
  double       *y;
} Matvec;

static void
matvec_chunk (gsize    begin,
              gsize    end,
              gpointer user_data)
{
  Matvec *mv = user_data;

  for (gsize r = begin; r < end; r++)
    {
      const double *row = mv->c + r * mv->m;
      double s0 = 0, s1 = 0;
      gsize j = 0;

      for (; j + 2 <= mv->m; j += 2)
        {
          s0 += row[j] * mv->x[j];
          s1 += row[j + 1] * mv->x[j + 1];
        }
      if (j < mv->m)
        s0 += row[j] * mv->x[j];
      mv->y[r] = s0 + s1;
    }
}

static double
dot (const double *a,
     const double *b,
     gsize         n)
{
  double s = 0;

  for (gsize i = 0; i < n; i++)
    s += a[i] * b[i];
  return s;
}

/* Removes from @w its components along the @p rows of @q, twice (one
 * pass of classical Gram–Schmidt is not enough in floating point). */
static void
orthogonalise (double       *w,
               const double *q,
               gsize         p,
               gsize         m)
{
  for (guint pass = 0; pass < 2; pass++)
    for (gsize i = 0; i < p; i++)
      {
        const double *qi = q + i * m;
        double h = dot (qi, w, m);

        for (gsize j = 0; j < m; j++)
          w[j] -= h * qi[j];
      }
}

/* Implicit QL on the symmetric tridiagonal (@d diagonal, @e[i] the entry
 * below d[i]), as tqli in Numerical Recipes. Each of the @n_rows rows of
 * @z (length n) is rotated along; rows are independent, so passing only
 * the last row of the identity gives the last components of the
 * eigenvectors (the residuals) at O(n²) instead of O(n³). */
static gboolean
tridiagonal_ql (double *d,
                double *e,
                gsize   n,
                double *z,
                gsize   n_rows)
{
  if (n == 0)
    return TRUE;
  e[n - 1] = 0;
  for (gsize l = 0; l < n; l++)
    {
      guint iter = 0;
      gsize m;

      do
        {
          for (m = l; m + 1 < n; m++)
            {
              double dd = fabs (d[m]) + fabs (d[m + 1]);

              if (fabs (e[m]) <= DBL_EPSILON * dd)
                break;
            }
          if (m != l)
            {
              double g, r, s, c, p, f, b;
              gssize i;
              gboolean underflow = FALSE;

              if (iter++ == 60)
                return FALSE;
              g = (d[l + 1] - d[l]) / (2.0 * e[l]);
              r = hypot (g, 1.0);
              g = d[m] - d[l] + e[l] / (g + copysign (r, g));
              s = c = 1.0;
              p = 0.0;
              for (i = (gssize) m - 1; i >= (gssize) l; i--)
                {
                  f = s * e[i];
                  b = c * e[i];
                  e[i + 1] = (r = hypot (f, g));
                  if (r == 0.0)
                    {
                      d[i + 1] -= p;
                      e[m] = 0.0;
                      underflow = TRUE;
                      break;
                    }
                  s = f / r;
                  c = g / r;
                  g = d[i + 1] - p;
                  r = (d[i] - g) * s + 2.0 * c * b;
                  d[i + 1] = g + (p = s * r);
                  g = c * r - b;
                  for (gsize k = 0; k < n_rows; k++)
                    {
                      double *zk = z + k * n;

                      f = zk[i + 1];
                      zk[i + 1] = s * zk[i] + c * f;
                      zk[i] = c * zk[i] - s * f;
                    }
                }
              if (underflow)
                continue;
              d[l] -= p;
              e[l] = g;
              e[m] = 0.0;
            }
        }
      while (m != l);
    }
  return TRUE;
}

/* Indexes of the @k largest of @values (n of them), descending; ties by
 * index. */
static void
top_indexes (const double *values,
             gsize         n,
             gsize         k,
             gsize        *order)
{
  g_autofree gboolean *taken = g_new0 (gboolean, n);

  for (gsize t = 0; t < k; t++)
    {
      gsize best = G_MAXSIZE;

      for (gsize i = 0; i < n; i++)
        if (!taken[i] && (best == G_MAXSIZE || values[i] > values[best]))
          best = i;
      taken[best] = TRUE;
      order[t] = best;
    }
}

static void
random_unit_orthogonal (CvgRng       *rng,
                        double       *w,
                        const double *q,
                        gsize         p,
                        gsize         m)
{
  for (gsize j = 0; j < m; j++)
    w[j] = cvg_rng_gaussian (rng);
  orthogonalise (w, q, p, m);
}

static gboolean
ql_failed (GError **error)
{
  g_set_error (error, CVG_PROJECTION_ERROR, CVG_PROJECTION_ERROR_FAILED,
               _("The eigenvalue solver did not converge"));
  return FALSE;
}

/* Whether the top @k Ritz pairs of the @p-step tridiagonal have
 * converged, judged by |β_p · z_last|. */
static gboolean
converged (const double *alpha,
           const double *beta,
           gsize         p,
           gsize         k,
           double        scale,
           gboolean     *ok)
{
  g_autofree double *d = g_memdup2 (alpha, p * sizeof (double));
  g_autofree double *e = g_new0 (double, p);
  g_autofree double *z = g_new0 (double, p);
  g_autofree gsize *order = g_new (gsize, k);

  memcpy (e, beta, (p - 1) * sizeof (double));
  z[p - 1] = 1;
  *ok = tridiagonal_ql (d, e, p, z, 1);
  if (!*ok)
    return FALSE;
  top_indexes (d, p, k, order);
  for (gsize t = 0; t < k; t++)
    if (fabs (beta[p - 1] * z[order[t]]) > TOLERANCE * scale)
      return FALSE;
  return TRUE;
}

gboolean
cvg_lanczos_top (const double  *c,
                 gsize          m,
                 gsize          k,
                 guint          n_threads,
                 double        *values,
                 double        *vectors,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autofree double *q = NULL;      /* the Lanczos basis, p rows of m */
  g_autofree double *alpha = g_new0 (double, m);
  g_autofree double *beta = g_new0 (double, m);
  g_autofree double *w = g_new0 (double, m);
  double scale = 0;
  gsize p = 0, capacity = MIN (m, 2 * k + 32), since_restart = 0;
  CvgRng rng;

  g_return_val_if_fail (k >= 1 && k <= m, FALSE);

  for (gsize i = 0; i < m; i++)
    scale += c[i * m + i];
  if (!(scale > 0))
    {
      /* All zero: every axis is an eigenvector of eigenvalue 0. */
      memset (vectors, 0, k * m * sizeof (double));
      for (gsize t = 0; t < k; t++)
        {
          values[t] = 0;
          vectors[t * m + t] = 1;
        }
      return TRUE;
    }

  q = cvg_projection_alloc (capacity, m, sizeof (double), error);
  if (q == NULL)
    return FALSE;
  cvg_rng_init (&rng, 1);
  random_unit_orthogonal (&rng, q, NULL, 0, m);
  {
    double norm = sqrt (dot (q, q, m));

    for (gsize j = 0; j < m; j++)
      q[j] /= norm;
  }

  for (;;)
    {
      double *qp = q + p * m;
      Matvec mv = { c, m, qp, w };
      gboolean ok = TRUE;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      cvg_parallel_for (m, 64, m >= 512 ? n_threads : 1, NULL, matvec_chunk, &mv);
      alpha[p] = dot (qp, w, m);
      orthogonalise (w, q, p + 1, m);
      beta[p] = sqrt (dot (w, w, m));
      p++;
      since_restart++;

      if (p == m)
        break;
      if (p >= k && since_restart >= STEPS_AFTER_RESTART &&
          (p % 4 == 0 || beta[p - 1] <= TOLERANCE * scale))
        {
          if (converged (alpha, beta, p, k, scale, &ok))
            break;
          if (!ok)
            return ql_failed (error);
        }

      if (p == capacity)
        {
          double *grown;

          capacity = MIN (m, capacity * 2);
          grown = g_try_realloc (q, capacity * m * sizeof (double));
          if (grown == NULL)
            {
              g_set_error (error, CVG_PROJECTION_ERROR, CVG_PROJECTION_ERROR_TOO_LARGE,
                           _("Not enough memory for the eigenvalue solver"));
              return FALSE;
            }
          q = grown;
        }
      if (beta[p - 1] <= TOLERANCE * scale)
        {
          /* An invariant subspace: go on in its complement. */
          beta[p - 1] = 0;
          since_restart = 0;
          random_unit_orthogonal (&rng, w, q, p, m);
        }
      {
        double norm = sqrt (dot (w, w, m));

        for (gsize j = 0; j < m; j++)
          q[p * m + j] = w[j] / norm;
      }
    }

  /* The Ritz vectors of the top k. */
  {
    g_autofree double *z = cvg_projection_alloc (p, p, sizeof (double), error);
    g_autofree double *e = g_new0 (double, p);
    g_autofree gsize *order = g_new (gsize, k);

    if (z == NULL)
      return FALSE;
    for (gsize i = 0; i < p; i++)
      z[i * p + i] = 1;
    if (p > 1)
      memcpy (e, beta, (p - 1) * sizeof (double));
    if (!tridiagonal_ql (alpha, e, p, z, p))
      return ql_failed (error);
    top_indexes (alpha, p, k, order);
    memset (vectors, 0, k * m * sizeof (double));
    for (gsize t = 0; t < k; t++)
      {
        double *v = vectors + t * m;

        values[t] = MAX (alpha[order[t]], 0);
        for (gsize i = 0; i < p; i++)
          {
            double zi = z[i * p + order[t]];

            for (gsize j = 0; j < m; j++)
              v[j] += zi * q[i * m + j];
          }
      }
  }
  return TRUE;
}
