/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The scalar charts' smoothers, chosen in the Scalars toolbar. All take
 * the toolbar's one "smoothing" value in [0, 1) and leave non-finite
 * values as they are (they neither count nor break the neighbours). */
typedef enum
{
  CVG_SMOOTHER_EMA,             /* TensorBoard's debiased EMA (cvg_smooth_ema) */
  CVG_SMOOTHER_MOVING_AVERAGE,  /* centred, cvg_smoother_window () points */
  CVG_SMOOTHER_TIME_WEIGHTED,   /* EMA weighted by the gap in x (W&B's TWEMA) */
} CvgSmoother;

/* The moving average's window for @smoothing: 2 × round (50 × smoothing)
 * + 1 points, 1 (no smoothing) at 0, 61 at the default 0.6. */
guint cvg_smoother_window          (double        smoothing);

/* Each value the mean of the finite values among the @window points
 * centred on it (@window odd; fewer near the ends, where the window is
 * cut rather than shifted). O(n). */
void  cvg_smooth_moving_average    (const double *values,
                                    gsize         n,
                                    guint         window,
                                    double       *smoothed);

/* An EMA whose decay follows the x distance between points rather than
 * their count, so that a densely and a sparsely logged run of the same
 * curve smooth alike: with r = min (√@smoothing, 0.999) and the gap
 * g = 1000 (x_i - x_{i-1}) / (x_last - x_first), the sum s = s · r^g + y
 * and the weight d = d · r^g + 1, smoothed s / d (debiased from the first
 * point on). @xs must not decrease. */
void  cvg_smooth_time_weighted_ema (const double *xs,
                                    const double *values,
                                    gsize         n,
                                    double        smoothing,
                                    double       *smoothed);

/* Smooths one pass (xs not decreasing) with @smoother; @smoothed may
 * not alias @values. @smoothing 0 copies. */
void  cvg_smoother_apply           (CvgSmoother   smoother,
                                    double        smoothing,
                                    const double *xs,
                                    const double *values,
                                    gsize         n,
                                    double       *smoothed);

G_END_DECLS
