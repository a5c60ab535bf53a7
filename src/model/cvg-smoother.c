/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-smoother"

#include "config.h"

#include "cvg-smoother.h"

#include <math.h>
#include <string.h>

#include "cvg-chart-math.h"

/* Half-windows beyond this many points gain nothing on screen. */
#define MAX_HALF_WINDOW 50
/* W&B's TWEMA: a gap of the whole range counts as this many points. */
#define VIEWPORT_SCALE 1000.0

guint
cvg_smoother_window (double smoothing)
{
  double s = isfinite (smoothing) ? CLAMP (smoothing, 0, 1) : 0;

  return 2 * (guint) lround (MAX_HALF_WINDOW * s) + 1;
}

/* A running sum over the window, of the finite values and their count. */
void
cvg_smooth_moving_average (const double *values,
                           gsize         n,
                           guint         window,
                           double       *smoothed)
{
  gsize half = window / 2;
  double sum = 0;
  gsize count = 0;
  gsize lo = 0, hi = 0;   /* the window [lo, hi) */

  for (gsize i = 0; i < n; i++)
    {
      gsize want_lo = i > half ? i - half : 0;
      gsize want_hi = MIN (n, i + half + 1);

      for (; hi < want_hi; hi++)
        if (isfinite (values[hi]))
          {
            sum += values[hi];
            count++;
          }
      for (; lo < want_lo; lo++)
        if (isfinite (values[lo]))
          {
            sum -= values[lo];
            count--;
          }
      smoothed[i] = isfinite (values[i]) && count > 0 ? sum / count : values[i];
    }
}

void
cvg_smooth_time_weighted_ema (const double *xs,
                              const double *values,
                              gsize         n,
                              double        smoothing,
                              double       *smoothed)
{
  double s = isfinite (smoothing) ? CLAMP (smoothing, 0, 1) : 0;
  double r = MIN (sqrt (s), 0.999);
  double range = n > 1 ? xs[n - 1] - xs[0] : 0;
  double sum = 0, weight = 0, last_x = n > 0 ? xs[0] : 0;

  for (gsize i = 0; i < n; i++)
    {
      double gap, decay;

      if (!isfinite (values[i]))
        {
          smoothed[i] = values[i];
          continue;
        }
      gap = range > 0 && isfinite (xs[i]) ? VIEWPORT_SCALE * (xs[i] - last_x) / range : 1;
      decay = pow (r, MAX (gap, 0));
      sum = sum * decay + values[i];
      weight = weight * decay + 1;
      smoothed[i] = sum / weight;
      if (isfinite (xs[i]))
        last_x = xs[i];
    }
}

void
cvg_smoother_apply (CvgSmoother   smoother,
                    double        smoothing,
                    const double *xs,
                    const double *values,
                    gsize         n,
                    double       *smoothed)
{
  if (!(smoothing > 0))
    {
      memcpy (smoothed, values, n * sizeof (double));
      return;
    }
  switch (smoother)
    {
    case CVG_SMOOTHER_MOVING_AVERAGE:
      cvg_smooth_moving_average (values, n, cvg_smoother_window (smoothing), smoothed);
      break;
    case CVG_SMOOTHER_TIME_WEIGHTED:
      cvg_smooth_time_weighted_ema (xs, values, n, smoothing, smoothed);
      break;
    case CVG_SMOOTHER_EMA:
    default:
      cvg_smooth_ema (values, n, smoothing, smoothed);
      break;
    }
}
