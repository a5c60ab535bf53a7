/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-histogram-slices"

#include "config.h"

#include "cvg-histogram-slices.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cvg-histogram-math.h"
#include "cvg-series.h"
#include "cvg-time-axis.h"

static gboolean
is_histogram (const CvgTensorValue *value)
{
  return value != NULL && value->numbers != NULL && value->rank == 2 && value->dims[1] == 3;
}

CvgHistogramSlices *
cvg_histogram_slices_new (CvgSeries *series,
                          guint      n_bins)
{
  g_autoptr(GArray) kept = cvg_series_get_purged_indices (series);
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  CvgHistogramSlices *self = g_new0 (CvgHistogramSlices, 1);
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));
  double lo = INFINITY, hi = -INFINITY;

  g_return_val_if_fail (n_bins > 0, NULL);

  for (guint i = 0; i < kept->len; i++)
    {
      guint index = g_array_index (kept, guint, i);
      const CvgTensorValue *value = cvg_series_get_tensor (series, index);

      if (!is_histogram (value))
        continue;
      cvg_histogram_extend_range (value->numbers, value->dims[0], &lo, &hi);
      g_ptr_array_add (values, (gpointer) value);
      g_array_append_val (indices, index);
    }
  /* One range for the whole card, so that the slices line up. */
  cvg_histogram_fix_range (&lo, &hi);

  self->n = values->len;
  self->n_bins = n_bins;
  self->lo = lo;
  self->hi = hi;
  self->steps = g_new (gint64, MAX (self->n, 1));
  self->wall_times = g_new (double, MAX (self->n, 1));
  self->bins = g_new (double, MAX (self->n, 1) * n_bins);
  self->percentiles = g_new (double, MAX (self->n, 1) * CVG_HISTOGRAM_N_PERCENTILES);
  self->value_min = INFINITY;
  self->value_max = -INFINITY;

  for (gsize i = 0; i < self->n; i++)
    {
      const CvgTensorValue *value = g_ptr_array_index (values, i);
      guint index = g_array_index (indices, guint, i);
      double *bins = &self->bins[i * n_bins];
      double *p = &self->percentiles[i * CVG_HISTOGRAM_N_PERCENTILES];

      self->steps[i] = cvg_series_get_step (series, index);
      self->wall_times[i] = cvg_series_get_wall_time (series, index);
      cvg_histogram_rebin (value->numbers, value->dims[0], lo, hi, n_bins, bins);
      for (guint b = 0; b < n_bins; b++)
        self->count_max = MAX (self->count_max, bins[b]);
      cvg_histogram_percentiles (value->numbers, value->dims[0], p);
      for (guint j = 0; j < CVG_HISTOGRAM_N_PERCENTILES; j++)
        if (isfinite (p[j]))
          {
            self->value_min = MIN (self->value_min, p[j]);
            self->value_max = MAX (self->value_max, p[j]);
          }
    }
  if (!(self->value_min <= self->value_max))
    self->value_min = self->value_max = 0;
  return self;
}

void
cvg_histogram_slices_free (CvgHistogramSlices *self)
{
  if (self == NULL)
    return;
  g_free (self->steps);
  g_free (self->wall_times);
  g_free (self->bins);
  g_free (self->percentiles);
  g_free (self);
}

double
cvg_histogram_slices_time (const CvgHistogramSlices *self,
                           CvgXAxis                  axis,
                           gsize                     i)
{
  switch (axis)
    {
    case CVG_X_AXIS_RELATIVE:
      return self->wall_times[i] - self->wall_times[0];
    case CVG_X_AXIS_WALL:
      return self->wall_times[i];
    case CVG_X_AXIS_STEP:
    default:
      return (double) self->steps[i];
    }
}

char *
cvg_histogram_slices_dup_heading (const CvgHistogramSlices *self,
                                  gsize                     i)
{
  g_autofree char *time = cvg_format_wall_time (self->wall_times[i], FALSE);
  g_autofree char *step = g_strdup_printf ("%" G_GINT64_FORMAT, self->steps[i]);

  /* Translators: a tooltip's first line: the step, then the date and time */
  return g_strdup_printf (_("Step %s · %s"), step, time);
}
