#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Pure computations behind the charts: no GTK, no state, unit tested. */

/* TensorBoard's debiased exponential moving average (TENSORBOARD.md §1.1):
 * non-finite values pass through and do not update the average; a
 * constant series comes out unchanged. @weight in [0, 1). */
void     cvg_smooth_ema          (const double *values,
                                  gsize         n,
                                  double        weight,
                                  double       *smoothed);

/* Round tick values inside [min, max], about @target ticks (1, 2, 5 × 10^k
 * steps). Returns a GArray of double; *step gets the spacing. */
GArray  *cvg_ticks_linear        (double        min,
                                  double        max,
                                  guint         target,
                                  double       *step);
/* Powers of ten inside [min, max] (both > 0), thinned to about @target;
 * with fewer than two decades, falls back to 1-2-5 steps. */
GArray  *cvg_ticks_log           (double        min,
                                  double        max,
                                  guint         target);

/* Compact number text for axes and tooltips: 0, 0.25, 1e-4, 2.5k, 1.2M,
 * 3G, -7.5; at most @digits significant digits. */
char    *cvg_format_compact      (double        value,
                                  guint         digits);

/* Per-pixel-column decimation. @xs are pixel x positions in drawing order;
 * consecutive points in the same column (floor (x)) are reduced to the
 * first, the minimum, the maximum and the last of them, in their original
 * order, so no spike is lost. Non-finite ys are kept as breaks. Writes at
 * most @n points to out_xs/out_ys; returns how many. */
gsize    cvg_decimate_columns    (const double *xs,
                                  const double *ys,
                                  gsize         n,
                                  double       *out_xs,
                                  double       *out_ys);

/* TensorBoard's "ignore outliers" range: the 5th and 95th percentiles of
 * the finite values, or their plain extent below 41 values. FALSE when
 * there is no finite value. */
gboolean cvg_outlier_range       (const double *values,
                                  gsize         n,
                                  double       *low,
                                  double       *high);

/* Index of the element of sorted @xs nearest to @x (ties: the lower); n > 0. */
gsize    cvg_nearest_index       (const double *xs,
                                  gsize         n,
                                  double        x);

G_END_DECLS
