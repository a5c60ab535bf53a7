/* SPDX-License-Identifier: GPL-3.0-or-later */
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

/* Ticks of a log axis whose ends are @log_min and @log_max (log10 of
 * the values): cvg_ticks_log's values, returned as their log10. */
GArray  *cvg_ticks_log_positions (double        log_min,
                                  double        log_max,
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

/* Min/max pyramid over @ys (borrowed: it must outlive the pyramid,
 * unchanged): per block of 2^k consecutive points, the first indices of
 * the minimum and maximum of the finite values and whether a non-finite
 * value is there; blocks pair up level by level. O(n) to build, O(log n)
 * per range. NULL when @n is 0 or too large for 32-bit indices. */
typedef struct _CvgMinMaxPyramid CvgMinMaxPyramid;

CvgMinMaxPyramid *cvg_min_max_pyramid_new   (const double           *ys,
                                             gsize                   n);
void              cvg_min_max_pyramid_free  (CvgMinMaxPyramid       *pyramid);
/* Over [start, end): *lowest and *highest get the first indices of the
 * minimum and maximum finite values, *all_finite whether every value is
 * finite. FALSE (indices untouched) when no value there is finite. */
gboolean          cvg_min_max_pyramid_query (const CvgMinMaxPyramid *pyramid,
                                             gsize                   start,
                                             gsize                   end,
                                             gsize                  *lowest,
                                             gsize                  *highest,
                                             gboolean               *all_finite);

/* cvg_decimate_columns for points in x order, in O(columns × log n)
 * rather than O(n), returning indices. Point i lies in the column
 * floor (CLAMP (origin + xs[i] * scale, -limit, limit)), which must not
 * decrease over [start, end) (xs sorted, scale > 0); its y is the value
 * @pyramid was built over. Appends to @out (a GArray of gsize) the kept
 * indices in order: the first, minimum, maximum and last of each run of
 * consecutive points of a column between breaks, and every break alone.
 * A break is a non-finite y or, with @positive (a log scale), y <= 0. */
void              cvg_decimate_sorted       (const double           *xs,
                                             const CvgMinMaxPyramid *pyramid,
                                             gsize                   start,
                                             gsize                   end,
                                             double                  origin,
                                             double                  scale,
                                             double                  limit,
                                             gboolean                positive,
                                             GArray                 *out);

/* Below this many values nothing is an outlier. */
#define CVG_OUTLIER_MIN_VALUES 41

/* TensorBoard's "ignore outliers" range: the 5th and 95th percentiles of
 * the finite values, or their plain extent below CVG_OUTLIER_MIN_VALUES
 * values. FALSE when there is no finite value. */
gboolean cvg_outlier_range       (const double *values,
                                  gsize         n,
                                  double       *low,
                                  double       *high);

/* Index of the element of sorted @xs nearest to @x (ties: the lower); n > 0. */
gsize    cvg_nearest_index       (const double *xs,
                                  gsize         n,
                                  double        x);

G_END_DECLS
