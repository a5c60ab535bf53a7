/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Histogram computations behind the Histograms and Distributions pages
 * (TENSORBOARD.md §1.2, §1.3). A histogram is k rows of (left, right,
 * count) doubles, as cvg_series_get_tensor () holds them for both
 * encodings. No GTK, no state. */

/* TensorBoard's DEFAULT_BIN_COUNT. */
#define CVG_HISTOGRAM_DEFAULT_BINS 30
#define CVG_HISTOGRAM_N_PERCENTILES 9

/* TensorBoard's NORMAL_HISTOGRAM_BPS: min, the σ points, median, max. */
extern const int cvg_histogram_basis_points[CVG_HISTOGRAM_N_PERCENTILES];

/* Widens [*lo, *hi] to hold the edges of every bucket of @rows that has a
 * count (every bucket when none has); non-finite edges are skipped. Start
 * with *lo = INFINITY, *hi = -INFINITY. */
void     cvg_histogram_extend_range (const double *rows,
                                     gsize         k,
                                     double       *lo,
                                     double       *hi);
/* The range all slices of a card share: [*lo, *hi] from
 * cvg_histogram_extend_range (), widened around its centre when it has
 * zero width (all edges equal), and [-1, 1] when it is empty. */
void     cvg_histogram_fix_range    (double       *lo,
                                     double       *hi);
/* Moves the counts of @rows onto @n_bins equal-width bins over [lo, hi]
 * (hi > lo), in proportion to overlap; a zero-width bucket puts all its
 * count in the bin holding its point. Writes @out[n_bins]. */
void     cvg_histogram_rebin        (const double *rows,
                                     gsize         k,
                                     double        lo,
                                     double        hi,
                                     guint         n_bins,
                                     double       *out);
/* TensorBoard's compress_histogram (): the value at each basis point,
 * interpolated over the cumulative counts. Writes @out[9]. */
void     cvg_histogram_percentiles  (const double *rows,
                                     gsize         k,
                                     double       *out);

G_END_DECLS
