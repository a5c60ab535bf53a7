/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-scalar-chart-view"

#include "config.h"

#include "cvg-scalar-chart-private.h"

#include <math.h>
#include <string.h>

#include "cvg-aggregate.h"
#include "cvg-chart-draw.h"
#include "cvg-chart-math.h"
#include "cvg-run.h"
#include "cvg-scalar-store.h"
#include "cvg-series.h"

/* The scalar chart's data and view: each line's copy of its series and
 * its monotonic pieces, the extent, zoom and pan, and the draw entry. */

/* Values pooled for the outlier percentiles: a uniform sample keeps the
 * 5th/95th percentiles to well under a pixel and stays fast at 10 M. */
#define MAX_OUTLIER_SAMPLE 262144

/* What a line holds of its own: a points line borrows its source's
 * arrays, and a line drawn unsmoothed has @smoothed as @values. */
static void
line_release (CvgChartLine *line)
{
  if (line->smoothed != line->values)
    g_free (line->smoothed);
  line->smoothed = NULL;
  if (!line->borrowed)
    {
      g_free (line->wall_times);
      g_free (line->values);
      g_free (line->lower);
      g_free (line->upper);
      g_free (line->counts);
    }
  line->wall_times = line->values = line->lower = line->upper = NULL;
  line->counts = NULL;
  g_clear_pointer (&line->steps, g_free);
  g_clear_pointer (&line->xs, g_free);
  g_clear_pointer (&line->pieces, g_array_unref);
  g_clear_pointer (&line->values_pyramid, cvg_min_max_pyramid_free);
  g_clear_pointer (&line->smoothed_pyramid, cvg_min_max_pyramid_free);
}

static void
line_free (gpointer data)
{
  CvgChartLine *line = data;

  if (line == NULL)
    return;
  line_release (line);
  g_free (line->name);
  g_clear_pointer (&line->source, cvg_plot_line_unref);
  g_free (line);
}

static void
line_unload (CvgChartLine *line)
{
  line_release (line);
  line->loaded = FALSE;
  line->n = 0;
  line->hover_index = 0;
}

/* x goes back where a run was restarted (steps written twice, with or
 * without a SessionLog) or a clock changed: each monotonic stretch is a
 * piece, drawn and searched on its own, as TensorBoard's "partition
 * non-monotonic X axis" does. Points with a non-finite x are in none. */
static void
line_split_pieces (CvgChartLine *line)
{
  CvgChartPiece piece = { 0, 0 };

  if (line->pieces == NULL)
    line->pieces = g_array_new (FALSE, FALSE, sizeof (CvgChartPiece));
  g_array_set_size (line->pieces, 0);
  for (gsize i = 0; i <= line->n; i++)
    {
      gboolean joins = i < line->n && isfinite (line->xs[i]) &&
                       (i == piece.start || line->xs[i] >= line->xs[i - 1]);

      if (joins)
        continue;
      piece.end = i;
      if (piece.end > piece.start)
        g_array_append_val (line->pieces, piece);
      piece.start = i < line->n && isfinite (line->xs[i]) ? i : i + 1;
    }
}

static gboolean
line_is_points (const CvgChartLine *line)
{
  return line->source != NULL && cvg_plot_line_get_run (line->source) == NULL;
}

/* The x axis a points line was given on. */
static CvgXAxis
points_axis (const CvgChartLine *line)
{
  gsize n;
  const double *xs, *values, *lower, *upper;
  const guint *counts;

  return cvg_plot_line_get_points (line->source, &n, &xs, &values, &lower, &upper, &counts);
}

static void
line_update_off_axis (CvgChartLine *line,
                      CvgXAxis      axis)
{
  line->off_axis = line_is_points (line) && points_axis (line) != axis;
}

static void
line_ensure_xs (CvgChartLine *line,
                CvgXAxis      axis,
                gboolean      log_x)
{
  if (line->xs_axis == (int) axis && line->xs_log == log_x)
    return;

  if (line->xs == NULL)
    line->xs = g_new (double, MAX (line->n, 1));
  /* A points line keeps its xs in @wall_times, on one axis only. */
  if (line_is_points (line))
    memcpy (line->xs, line->wall_times, line->n * sizeof (double));
  for (gsize i = 0; !line_is_points (line) && i < line->n; i++)
    {
      switch (axis)
        {
        case CVG_X_AXIS_STEP:
          line->xs[i] = (double) line->steps[i];
          break;
        case CVG_X_AXIS_RELATIVE:
          line->xs[i] = line->wall_times[i] - line->wall_times[0];
          break;
        case CVG_X_AXIS_WALL:
        default:
          line->xs[i] = line->wall_times[i];
          break;
        }
    }
  for (gsize i = 0; log_x && i < line->n; i++)
    line->xs[i] = line->xs[i] > 0 ? log10 (line->xs[i]) : NAN;
  line->xs_axis = axis;
  line->xs_log = log_x;
  line_split_pieces (line);
}

static void
line_ensure_smoothed (CvgChartLine *line,
                      CvgSmoother   smoother,
                      double        weight)
{
  g_autofree double *steps = NULL;

  if (line->smoothed_weight == weight && line->smoothed_by == smoother)
    return;

  /* Unsmoothed, the values are the line. */
  if (!line->smooth)
    line->smoothed = line->values;
  else if (line->smoothed == NULL)
    line->smoothed = g_new (double, MAX (line->n, 1));
  if (line->smooth && smoother == CVG_SMOOTHER_TIME_WEIGHTED)
    {
      /* Weighted by the gap in steps, whatever the axis. */
      steps = g_new (double, MAX (line->n, 1));
      for (gsize i = 0; i < line->n; i++)
        steps[i] = (double) line->steps[i];
    }
  /* Each pass of a restarted run is smoothed on its own, so a new pass
   * does not start from where the old one ended. */
  for (gsize start = 0, i = 1; line->smooth && i <= line->n; i++)
    if (i == line->n || line->steps[i] < line->steps[i - 1])
      {
        cvg_smoother_apply (smoother, weight, steps != NULL ? steps + start : NULL,
                            line->values + start, i - start, line->smoothed + start);
        start = i;
      }
  line->smoothed_weight = weight;
  line->smoothed_by = smoother;
  g_clear_pointer (&line->smoothed_pyramid, cvg_min_max_pyramid_free);
  if (line->smooth)
    line->smoothed_pyramid = cvg_min_max_pyramid_new (line->smoothed, line->n);
}

static void
line_ensure_values_pyramid (CvgChartLine *line)
{
  if (line->values_pyramid == NULL)
    line->values_pyramid = cvg_min_max_pyramid_new (line->values, line->n);
}

/* Loads, then brings xs and smoothed up to date, every visible line. */
static void
prepare_lines (CvgChartModel *self)
{
  for (guint i = 0; i < self->lines->len; i++)
    {
      CvgChartLine *line = g_ptr_array_index (self->lines, i);

      line_update_off_axis (line, self->x_axis);
      if (!line->visible || line->off_axis)
        continue;
      cvg_chart_line_load (line);
      if (line->n == 0)
        continue;
      line_ensure_xs (line, self->x_axis, cvg_chart_model_log_x (self));
      line_ensure_values_pyramid (line);
      line_ensure_smoothed (line, self->smoother, self->smoothing);
    }
}

static void
pad_range (double *lo,
           double *hi,
           double  fraction)
{
  double span = *hi - *lo;

  if (span <= 0 || !isfinite (span))
    {
      double pad = *lo != 0 && isfinite (*lo) ? fabs (*lo) * 0.1 : 1;

      *lo -= pad;
      *hi += pad;
      return;
    }
  *lo -= span * fraction;
  *hi += span * fraction;
}

/* Around a single x: a few steps, or a minute of wall time, rather
 * than a tenth of the value (years, for a wall time). */
static void
pad_single_x (CvgXAxis  axis,
              double   *lo,
              double   *hi)
{
  double pad = axis == CVG_X_AXIS_WALL ? 60 : MAX (1, fabs (*lo) * 0.1);

  *lo -= pad;
  *hi += pad;
}

/* Widens [*lo, *hi] to the finite values of @pyramid in axis space.
 * FALSE when that cannot be read off the pyramid: a value <= 0 on a log
 * scale, whose log is not finite, hides the least positive one. */
static gboolean
extent_of_pyramid (CvgChartModel          *self,
                   const CvgMinMaxPyramid *pyramid,
                   const double           *ys,
                   gsize                   n,
                   double                 *lo,
                   double                 *hi)
{
  gsize lowest, highest;
  gboolean all_finite;

  if (pyramid == NULL)
    return FALSE;
  if (!cvg_min_max_pyramid_query (pyramid, 0, n, &lowest, &highest, &all_finite))
    return TRUE;
  if (self->log_scale && ys[lowest] <= 0)
    return FALSE;
  /* log10 is monotonic: the extremes stay the extremes. */
  *lo = MIN (*lo, cvg_chart_model_axis_y (self, ys[lowest]));
  *hi = MAX (*hi, cvg_chart_model_axis_y (self, ys[highest]));
  return TRUE;
}

/* The raw and smoothed extent of @line, in O(log n). */
static gboolean
extent_from_pyramids (CvgChartModel      *self,
                      const CvgChartLine *line,
                      double             *lo,
                      double             *hi)
{
  double l = *lo, h = *hi;

  if (!extent_of_pyramid (self, line->values_pyramid, line->values, line->n, &l, &h) ||
      !extent_of_pyramid (self, cvg_chart_line_smoothed_pyramid (line), line->smoothed, line->n, &l, &h))
    return FALSE;
  *lo = l;
  *hi = h;
  return TRUE;
}

/* Widens [*lo, *hi] to the band of @line, in axis space. */
static void
extent_of_band (CvgChartModel      *self,
                const CvgChartLine *line,
                double             *lo,
                double             *hi)
{
  if (line->lower == NULL)
    return;
  for (gsize j = 0; j < line->n; j++)
    {
      double a = cvg_chart_model_axis_y (self, line->lower[j]);
      double b = cvg_chart_model_axis_y (self, line->upper[j]);

      if (isfinite (a))
        {
          *lo = MIN (*lo, a);
          *hi = MAX (*hi, a);
        }
      if (isfinite (b))
        {
          *lo = MIN (*lo, b);
          *hi = MAX (*hi, b);
        }
    }
}

/* As TensorBoard: with outliers ignored the extent is the 5th–95th
 * percentile of the lines as drawn solid (the smoothed ones); otherwise,
 * and for charts too short to have outliers, every raw and smoothed value
 * fits. */
static void
compute_y_extent (CvgChartModel *self,
                  gsize          total)
{
  double lo = INFINITY, hi = -INFINITY;

  if (self->ignore_outliers && total >= CVG_OUTLIER_MIN_VALUES)
    {
      gsize stride = total / MAX_OUTLIER_SAMPLE + 1;
      g_autoptr(GArray) sample = g_array_new (FALSE, FALSE, sizeof (double));
      gsize k = 0;

      for (guint i = 0; i < self->lines->len; i++)
        {
          CvgChartLine *line = g_ptr_array_index (self->lines, i);

          if (cvg_chart_line_is_drawn (line))
            k += (line->n + stride - 1) / stride;
        }
      /* Written in place: an append per value costs more than the value. */
      g_array_set_size (sample, k);
      k = 0;
      for (guint i = 0; i < self->lines->len; i++)
        {
          CvgChartLine *line = g_ptr_array_index (self->lines, i);

          if (!cvg_chart_line_is_drawn (line))
            continue;
          for (gsize j = 0; j < line->n; j += stride)
            g_array_index (sample, double, k++) = cvg_chart_model_axis_y (self, line->smoothed[j]);
        }
      if (!cvg_outlier_range ((const double *) sample->data, sample->len, &lo, &hi))
        lo = INFINITY;
      /* A band is the spread itself, not an outlier. */
      for (guint i = 0; i < self->lines->len; i++)
        {
          CvgChartLine *line = g_ptr_array_index (self->lines, i);

          if (cvg_chart_line_is_drawn (line))
            extent_of_band (self, line, &lo, &hi);
        }
    }
  else
    {
      for (guint i = 0; i < self->lines->len; i++)
        {
          CvgChartLine *line = g_ptr_array_index (self->lines, i);

          if (!cvg_chart_line_is_drawn (line))
            continue;
          extent_of_band (self, line, &lo, &hi);
          if (extent_from_pyramids (self, line, &lo, &hi))
            continue;
          for (gsize j = 0; j < line->n; j++)
            {
              double a = cvg_chart_model_axis_y (self, line->values[j]);
              double b = cvg_chart_model_axis_y (self, line->smoothed[j]);

              if (isfinite (a))
                {
                  lo = MIN (lo, a);
                  hi = MAX (hi, a);
                }
              if (isfinite (b))
                {
                  lo = MIN (lo, b);
                  hi = MAX (hi, b);
                }
            }
        }
    }

  self->has_extent = isfinite (lo) && isfinite (hi);
  if (!self->has_extent)
    return;
  self->data_y0 = lo;
  self->data_y1 = hi;
  pad_range (&self->data_y0, &self->data_y1, 0.05);
}

static void
ensure_extent (CvgChartModel *self)
{
  double x0 = INFINITY, x1 = -INFINITY;
  gsize total = 0;

  prepare_lines (self);
  if (self->extent_valid)
    return;

  for (guint i = 0; i < self->lines->len; i++)
    {
      CvgChartLine *line = g_ptr_array_index (self->lines, i);

      if (!cvg_chart_line_is_drawn (line))
        continue;
      /* Every piece, not the first and last point: a second, shorter
       * pass ends before the first one does. */
      for (guint p = 0; p < line->pieces->len; p++)
        {
          const CvgChartPiece *piece = &g_array_index (line->pieces, CvgChartPiece, p);

          x0 = MIN (x0, line->xs[piece->start]);
          x1 = MAX (x1, line->xs[piece->end - 1]);
        }
      total += line->n;
    }

  self->extent_valid = TRUE;
  self->has_extent = FALSE;
  if (total == 0 || !(x1 >= x0))
    return;

  compute_y_extent (self, total);
  self->data_x0 = x0;
  self->data_x1 = x1;
  if (x1 <= x0)
    pad_single_x (self->x_axis, &self->data_x0, &self->data_x1);
}

/* First index whose x is >= @x (@strict: > @x); xs sorted. */
gsize
cvg_chart_lower_bound (const double *xs,
                       gsize         n,
                       double        x,
                       gboolean      strict)
{
  gsize lo = 0, hi = n;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (strict ? xs[mid] <= x : xs[mid] < x)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
choose_ranges (CvgChartModel *self)
{
  if (self->zoomed)
    {
      self->x0 = self->view_x0;
      self->x1 = self->view_x1;
      self->y0 = self->view_y0;
      self->y1 = self->view_y1;
    }
  else
    {
      self->x0 = self->data_x0;
      self->x1 = self->data_x1;
      self->y0 = self->data_y0;
      self->y1 = self->data_y1;
    }
}

gboolean
cvg_chart_model_set_view (CvgChartModel *self,
                          double         x0,
                          double         x1,
                          double         y0,
                          double         y1)
{
  if (!(x1 > x0) || !(y1 > y0) || !isfinite (x1 - x0) || !isfinite (y1 - y0))
    return FALSE;
  self->zoomed = TRUE;
  self->view_x0 = x0;
  self->view_x1 = x1;
  self->view_y0 = y0;
  self->view_y1 = y1;
  choose_ranges (self);
  return TRUE;
}

CvgChartModel *
cvg_chart_model_new (void)
{
  CvgChartModel *self = g_new0 (CvgChartModel, 1);

  self->lines = g_ptr_array_new_with_free_func (line_free);
  self->smoothing = 0.6;
  self->ignore_outliers = TRUE;
  self->fg = (GdkRGBA) { 0, 0, 0, 1 };
  self->bg = (GdkRGBA) { 1, 1, 1, 1 };
  self->hover_order = g_array_new (FALSE, FALSE, sizeof (guint));
  self->px = g_new (double, CVG_CHART_CHUNK);
  self->py = g_new (double, CVG_CHART_CHUNK);
  self->dx = g_new (double, CVG_CHART_CHUNK);
  self->dy = g_new (double, CVG_CHART_CHUNK);
  self->kept = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->markers = g_array_new (FALSE, FALSE, sizeof (double));
  return self;
}

void
cvg_chart_model_free (CvgChartModel *self)
{
  g_ptr_array_unref (self->lines);
  g_array_unref (self->hover_order);
  g_free (self->px);
  g_free (self->py);
  g_free (self->dx);
  g_free (self->dy);
  g_array_unref (self->kept);
  g_array_unref (self->markers);
  g_free (self);
}

CvgChartLine *
cvg_chart_model_add_line (CvgChartModel *self,
                          const char    *name,
                          CvgSeries     *series)
{
  CvgChartLine *line = g_new0 (CvgChartLine, 1);

  line->name = g_strdup (name);
  line->series = series;
  line->visible = TRUE;
  line->smooth = TRUE;
  line->xs_axis = -1;
  line->smoothed_weight = NAN;
  line->color = (GdkRGBA) { 0.5, 0.5, 0.5, 1 };
  g_ptr_array_add (self->lines, line);
  cvg_chart_model_unhover (self);
  self->extent_valid = FALSE;
  return line;
}

/* What a line's loaded data depend on: its run, tags and smoothing. A
 * points line has none to share. */
static char *
plot_line_key (CvgPlotLine *source)
{
  if (cvg_plot_line_get_run (source) == NULL)
    return NULL;
  return g_strdup_printf ("%p\x1f%s\x1f%s\x1f%s\x1f%d", (gpointer) cvg_plot_line_get_run (source),
                          cvg_plot_line_get_tag (source),
                          cvg_plot_line_get_lower_tag (source) != NULL ? cvg_plot_line_get_lower_tag (source) : "",
                          cvg_plot_line_get_upper_tag (source) != NULL ? cvg_plot_line_get_upper_tag (source) : "",
                          cvg_plot_line_get_smoothed (source));
}

/* A line's look, from its source. */
static void
line_take_source (CvgChartLine *line,
                  CvgPlotLine  *source)
{
  g_clear_pointer (&line->source, cvg_plot_line_unref);
  g_free (line->name);
  line->name = g_strdup (cvg_plot_line_get_label (source));
  line->source = cvg_plot_line_ref (source);
  line->color = *cvg_plot_line_get_color (source);
  line->smooth = cvg_plot_line_get_smoothed (source);
  line->faint = cvg_plot_line_get_faint (source);
  line->marker = cvg_plot_line_get_marker (source);
}

CvgChartLine *
cvg_chart_model_add_plot_line (CvgChartModel *self,
                               CvgPlotLine   *source)
{
  CvgRun *run = cvg_plot_line_get_run (source);
  CvgSeries *series = NULL;
  CvgChartLine *line;

  if (run != NULL)
    series = cvg_run_lookup_series (run, CVG_KIND_SCALAR, cvg_plot_line_get_tag (source));
  line = cvg_chart_model_add_line (self, cvg_plot_line_get_label (source), series);
  line_take_source (line, source);
  return line;
}

void
cvg_chart_model_set_plot_lines (CvgChartModel *self,
                                GPtrArray     *sources)
{
  g_autoptr(GHashTable) reusable = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) old = self->lines;

  cvg_chart_model_unhover (self);
  for (guint i = 0; i < old->len; i++)
    {
      CvgChartLine *line = g_ptr_array_index (old, i);
      char *key = line->source != NULL ? plot_line_key (line->source) : NULL;

      if (key != NULL && !g_hash_table_contains (reusable, key))
        g_hash_table_insert (reusable, key, GUINT_TO_POINTER (i + 1));
      else
        g_free (key);
    }

  self->lines = g_ptr_array_new_with_free_func (line_free);
  for (guint i = 0; sources != NULL && i < sources->len; i++)
    {
      CvgPlotLine *source = g_ptr_array_index (sources, i);
      g_autofree char *key = plot_line_key (source);
      guint index = key != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (reusable, key)) : 0;

      if (index == 0)
        {
          cvg_chart_model_add_plot_line (self, source);
          continue;
        }
      /* The same series: its copy, smoothing and pyramids stay. */
      g_hash_table_remove (reusable, key);
      line_take_source (g_ptr_array_index (old, index - 1), source);
      g_ptr_array_add (self->lines, g_ptr_array_index (old, index - 1));
      g_ptr_array_index (old, index - 1) = NULL;
    }
  self->extent_valid = FALSE;
}

void
cvg_chart_model_clear_lines (CvgChartModel *self)
{
  cvg_chart_model_unhover (self);
  g_ptr_array_set_size (self->lines, 0);
  self->extent_valid = FALSE;
}

void
cvg_chart_model_invalidate_extent (CvgChartModel *self)
{
  self->extent_valid = FALSE;
}

gboolean
cvg_chart_model_reload_grown (CvgChartModel *self)
{
  gboolean any = FALSE;

  for (guint i = 0; i < self->lines->len; i++)
    {
      CvgChartLine *line = g_ptr_array_index (self->lines, i);
      g_autoptr(GArray) kept = NULL;

      if (!line->loaded || line->series == NULL)
        continue;
      kept = cvg_series_get_purged_indices (line->series);
      if (kept->len == line->n)
        continue;
      line_unload (line);
      any = TRUE;
    }
  if (any)
    {
      cvg_chart_model_unhover (self);
      self->extent_valid = FALSE;
    }
  return any;
}

guint
cvg_chart_model_get_n_visible (CvgChartModel *self)
{
  guint n = 0;

  for (guint i = 0; i < self->lines->len; i++)
    {
      CvgChartLine *line = g_ptr_array_index (self->lines, i);

      line_update_off_axis (line, self->x_axis);
      if (!line->visible || line->off_axis)
        continue;
      cvg_chart_line_load (line);
      n += line->n > 0;
    }
  return n;
}

/* A points line: its xs go to wall_times (step and relative axes read
 * them from there too) and, on the step axis, to steps. */
static void
line_load_points (CvgChartLine *line)
{
  const double *xs, *values, *lower, *upper;
  const guint *counts;
  CvgXAxis axis = cvg_plot_line_get_points (line->source, &line->n, &xs, &values, &lower, &upper, &counts);

  if (line->n == 0)
    return;
  /* Borrowed: the source holds them, unchanged, as long as the line. */
  line->borrowed = TRUE;
  line->is_double = TRUE;
  line->wall_times = (double *) xs;
  line->values = (double *) values;
  line->lower = (double *) lower;
  line->upper = (double *) upper;
  line->counts = (guint *) counts;
  line->steps = g_new0 (gint64, line->n);
  for (gsize i = 0; axis == CVG_X_AXIS_STEP && i < line->n; i++)
    line->steps[i] = isfinite (xs[i]) ? (gint64) CLAMP (xs[i], (double) G_MININT64, (double) G_MAXINT64) : 0;
}

/* The purged values of @tag of the line's run at each of the line's
 * steps; NAN where it has none. */
static double *
values_at_steps (CvgChartLine *line,
                 const char   *tag)
{
  CvgSeries *series = cvg_run_lookup_series (cvg_plot_line_get_run (line->source), CVG_KIND_SCALAR, tag);
  g_autoptr(GHashTable) by_step = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  double *out = g_new (double, line->n);
  g_autoptr(GArray) kept = NULL;

  if (series != NULL)
    {
      kept = cvg_series_get_purged_indices (series);
      for (guint k = 0; k < kept->len; k++)
        {
          guint index = g_array_index (kept, guint, k);
          gint64 step = cvg_series_get_step (series, index);
          double value = cvg_series_get_value (series, index);

          g_hash_table_replace (by_step, g_memdup2 (&step, sizeof step), g_memdup2 (&value, sizeof value));
        }
    }
  for (gsize i = 0; i < line->n; i++)
    {
      const double *value = g_hash_table_lookup (by_step, &line->steps[i]);

      out[i] = value != NULL ? *value : NAN;
    }
  return out;
}

void
cvg_chart_line_load (CvgChartLine *line)
{
  if (line->loaded)
    return;

  line->loaded = TRUE;
  line->xs_axis = -1;
  line->smoothed_weight = NAN;
  line->hover_index = 0;
  if (line->series == NULL)
    {
      if (line_is_points (line))
        line_load_points (line);
      return;
    }
  line->is_double = cvg_series_is_double (line->series);
  line->n = cvg_series_copy_purged (line->series, &line->steps, &line->wall_times, &line->values);
  if (line->source != NULL && cvg_plot_line_get_lower_tag (line->source) != NULL)
    {
      line->lower = values_at_steps (line, cvg_plot_line_get_lower_tag (line->source));
      line->upper = values_at_steps (line, cvg_plot_line_get_upper_tag (line->source));
    }
}

void
cvg_chart_model_draw (CvgChartModel *self,
                      cairo_t       *cr,
                      PangoLayout   *layout,
                      double         width,
                      double         height)
{
  self->width = width;
  self->height = height;
  ensure_extent (self);
  self->laid_out = self->has_extent && width > 40 && height > 40;
  if (!self->laid_out)
    return;

  choose_ranges (self);
  cvg_chart_reset_layout (layout);
  cvg_chart_model_draw_axes (self, cr, layout);
  cvg_chart_model_draw_lines (self, cr);
}

static double
unproject_x (CvgChartModel *self,
             double         px)
{
  return self->x0 + (px - self->plot_x) * (self->x1 - self->x0) / self->plot_w;
}

static double
unproject_y (CvgChartModel *self,
             double         py)
{
  return self->y0 + (self->plot_y + self->plot_h - py) * (self->y1 - self->y0) / self->plot_h;
}

gboolean
cvg_chart_model_zoom_box (CvgChartModel *self,
                          double         px0,
                          double         py0,
                          double         px1,
                          double         py1)
{
  if (!self->laid_out || fabs (px1 - px0) < 5 || fabs (py1 - py0) < 5)
    return FALSE;
  return cvg_chart_model_set_view (self,
                                   unproject_x (self, MIN (px0, px1)), unproject_x (self, MAX (px0, px1)),
                                   unproject_y (self, MAX (py0, py1)), unproject_y (self, MIN (py0, py1)));
}

gboolean
cvg_chart_model_zoom_at (CvgChartModel *self,
                         double         px,
                         double         py,
                         double         factor)
{
  double x, y;

  if (!self->laid_out)
    return FALSE;
  x = unproject_x (self, px);
  y = unproject_y (self, py);
  return cvg_chart_model_set_view (self,
                                   x - (x - self->x0) * factor, x + (self->x1 - x) * factor,
                                   y - (y - self->y0) * factor, y + (self->y1 - y) * factor);
}

gboolean
cvg_chart_model_pan (CvgChartModel *self,
                     double         dx,
                     double         dy)
{
  double ddx, ddy;

  if (!self->laid_out || (dx == 0 && dy == 0))
    return FALSE;
  ddx = dx * (self->x1 - self->x0) / self->plot_w;
  ddy = dy * (self->y1 - self->y0) / self->plot_h;
  return cvg_chart_model_set_view (self, self->x0 - ddx, self->x1 - ddx, self->y0 + ddy, self->y1 + ddy);
}

gboolean
cvg_chart_model_reset_zoom (CvgChartModel *self)
{
  if (!self->zoomed)
    return FALSE;
  self->zoomed = FALSE;
  return TRUE;
}

