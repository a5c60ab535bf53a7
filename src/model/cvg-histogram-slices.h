/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cvg-types.h"

G_BEGIN_DECLS

/* One histogram tag of one run as both histogram charts draw it: each
 * kept step rebinned onto the card's shared bins, and its percentiles. */
typedef struct
{
  gsize    n;             /* slices, in read order */
  guint    n_bins;
  gint64  *steps;
  double  *wall_times;
  double  *bins;          /* n × n_bins counts */
  double  *percentiles;   /* n × CVG_HISTOGRAM_N_PERCENTILES */
  double   lo, hi;        /* the bins' range */
  double   count_max;
  double   value_min, value_max;  /* of the percentiles */
} CvgHistogramSlices;

/* The purged view of @series (a histogram) on @n_bins bins; values that
 * are not [k, 3] tensors are skipped. */
CvgHistogramSlices *cvg_histogram_slices_new   (CvgSeries                *series,
                                                guint                     n_bins);
void                cvg_histogram_slices_free  (CvgHistogramSlices       *self);
/* Slice @i on the temporal axis: its step, its wall time, or seconds
 * since the first slice. */
double              cvg_histogram_slices_time  (const CvgHistogramSlices *self,
                                                CvgXAxis                  axis,
                                                gsize                     i);
/* "Step 12 · 2024-05-01 10:00:00" for tooltips. */
char               *cvg_histogram_slices_dup_heading (const CvgHistogramSlices *self,
                                                      gsize                     i);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgHistogramSlices, cvg_histogram_slices_free)

G_END_DECLS
