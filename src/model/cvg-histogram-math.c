/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-histogram-math"

#include "config.h"

#include "cvg-histogram-math.h"

#include <math.h>

const int cvg_histogram_basis_points[CVG_HISTOGRAM_N_PERCENTILES] = {
  0, 668, 1587, 3085, 5000, 6915, 8413, 9332, 10000
};

#define LEFT(rows, i) ((rows)[3 * (i)])
#define RIGHT(rows, i) ((rows)[3 * (i) + 1])
#define COUNT(rows, i) ((rows)[3 * (i) + 2])

static void
extend (double  value,
        double *lo,
        double *hi)
{
  if (!isfinite (value))
    return;
  *lo = MIN (*lo, value);
  *hi = MAX (*hi, value);
}

/* Only buckets with a count: PyTorch adds an empty bucket before the
 * first full one whose converted edges run backwards (left = min >
 * right = the lower bucket limit); it would widen the range for nothing. */
void
cvg_histogram_extend_range (const double *rows,
                            gsize         k,
                            double       *lo,
                            double       *hi)
{
  gboolean any_count = FALSE;

  for (gsize i = 0; i < k; i++)
    any_count |= COUNT (rows, i) != 0;
  for (gsize i = 0; i < k; i++)
    if (!any_count || COUNT (rows, i) != 0)
      {
        extend (LEFT (rows, i), lo, hi);
        extend (RIGHT (rows, i), lo, hi);
      }
}

/* TensorBoard widens a zero-width range to [v/1.1 − 1, v·1.1 + 1], which
 * turns inside out for v < −11; the same widths around v keep v central. */
void
cvg_histogram_fix_range (double *lo,
                         double *hi)
{
  double half;

  if (!(*lo <= *hi))
    {
      *lo = -1;
      *hi = 1;
      return;
    }
  if (*hi > *lo)
    return;
  half = 0.1 * fabs (*lo) + 1;
  *hi = *lo + half;
  *lo -= half;
}

static guint
bin_of (double v,
        double lo,
        double width,
        guint  n_bins)
{
  double b = floor ((v - lo) / width);

  return (guint) CLAMP (b, 0, n_bins - 1);
}

void
cvg_histogram_rebin (const double *rows,
                     gsize         k,
                     double        lo,
                     double        hi,
                     guint         n_bins,
                     double       *out)
{
  double width = (hi - lo) / n_bins;

  g_return_if_fail (n_bins > 0 && hi > lo);

  for (guint b = 0; b < n_bins; b++)
    out[b] = 0;

  for (gsize i = 0; i < k; i++)
    {
      double l = MIN (LEFT (rows, i), RIGHT (rows, i));
      double r = MAX (LEFT (rows, i), RIGHT (rows, i));
      double count = COUNT (rows, i);
      guint first, last;

      if (count == 0 || !isfinite (count))
        continue;
      /* An infinite edge (TF's −DBL_MAX bucket start) has no width to
       * share by: the count goes where the finite edge is. */
      if (!isfinite (l) || !isfinite (r) || l == r)
        {
          double point = isfinite (l) ? l : r;

          if (isfinite (point))
            out[bin_of (point, lo, width, n_bins)] += count;
          continue;
        }

      first = bin_of (l, lo, width, n_bins);
      last = bin_of (r, lo, width, n_bins);
      for (guint b = first; b <= last; b++)
        {
          double bin_l = b == 0 ? -INFINITY : lo + b * width;
          double bin_r = b + 1 == n_bins ? INFINITY : lo + (b + 1) * width;
          double overlap = MIN (r, bin_r) - MAX (l, bin_l);

          if (overlap > 0)
            out[b] += count * overlap / (r - l);
        }
    }
}

static double
lerp (double x,
      double x0,
      double x1,
      double y0,
      double y1)
{
  return y0 + (x - x0) * (y1 - y0) / (x1 - x0);
}

/* A port of tensorboard/plugins/distribution/compressor.py, so that the
 * bands match TensorBoard's to the last digit. */
void
cvg_histogram_percentiles (const double *rows,
                           gsize         k,
                           double       *out)
{
  g_autofree double *weights = NULL;
  double total = 0, cumsum = 0, minmin, maxmax;
  guint bp = 0;

  if (k == 0)
    {
      for (guint j = 0; j < CVG_HISTOGRAM_N_PERCENTILES; j++)
        out[j] = 0;
      return;
    }

  minmin = LEFT (rows, 0);
  maxmax = RIGHT (rows, k - 1);
  for (gsize i = 0; i < k; i++)
    total += COUNT (rows, i);
  weights = g_new (double, k);
  for (gsize i = 0; i < k; i++)
    {
      cumsum += COUNT (rows, i) * 10000 / (total != 0 ? total : 1);
      weights[i] = cumsum;
    }

  while (bp < CVG_HISTOGRAM_N_PERCENTILES)
    {
      double target = cvg_histogram_basis_points[bp];
      gsize i = 0;

      /* searchsorted (weights, target, side="right") */
      while (i < k && weights[i] <= target)
        i++;
      for (; i < k; i++)
        {
          double now = weights[i];
          double prev = i > 0 ? weights[i - 1] : 0;
          double lhs, rhs;

          if (now == prev)
            continue;
          lhs = (i == 0 || prev == 0) ? minmin : MAX (RIGHT (rows, i - 1), minmin);
          rhs = MIN (RIGHT (rows, i), maxmax);
          out[bp++] = lerp (target, prev, now, lhs, rhs);
          break;
        }
      if (i >= k)
        break;
    }
  for (; bp < CVG_HISTOGRAM_N_PERCENTILES; bp++)
    out[bp] = maxmax;
}
