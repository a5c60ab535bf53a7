/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-histogram-chart-draw"

#include "config.h"

#include "cvg-histogram-chart-private.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "cvg-chart-common.h"
#include "cvg-chart-draw.h"
#include "cvg-chart-math.h"

/* TensorBoard's histogramHeight = contentHeight / 2.5. */
#define SLICE_SHARE 2.5

CvgHistogramView *
cvg_histogram_view_new (void)
{
  CvgHistogramView *self = g_new0 (CvgHistogramView, 1);

  self->color = (GdkRGBA) { 0.5, 0.5, 0.5, 1 };
  self->fg = (GdkRGBA) { 0, 0, 0, 1 };
  self->bg = (GdkRGBA) { 1, 1, 1, 1 };
  return self;
}

void
cvg_histogram_view_free (CvgHistogramView *self)
{
  cvg_histogram_slices_free (self->slices);
  g_free (self->ts);
  g_free (self);
}

void
cvg_histogram_view_set_slices (CvgHistogramView   *self,
                               CvgHistogramSlices *slices)
{
  cvg_histogram_slices_free (self->slices);
  self->slices = slices;
  g_clear_pointer (&self->ts, g_free);
  self->laid_out = FALSE;
  self->hovering = FALSE;
}

static gboolean
has_data (CvgHistogramView *self)
{
  return self->slices != NULL && self->slices->n > 0;
}

/* Temporal positions for the current axis, and their range. */
static void
prepare_times (CvgHistogramView *self)
{
  CvgHistogramSlices *slices = self->slices;

  g_free (self->ts);
  self->ts = g_new (double, slices->n);
  self->t0 = INFINITY;
  self->t1 = -INFINITY;
  for (gsize i = 0; i < slices->n; i++)
    {
      self->ts[i] = cvg_histogram_slices_time (slices, self->x_axis, i);
      self->t0 = MIN (self->t0, self->ts[i]);
      self->t1 = MAX (self->t1, self->ts[i]);
    }
}

double
cvg_histogram_view_x_of_time (CvgHistogramView *self,
                              double            t)
{
  if (self->t1 <= self->t0)
    return self->plot_x + self->plot_w / 2;
  return self->plot_x + (t - self->t0) / (self->t1 - self->t0) * self->plot_w;
}

static void
draw_ticks (CvgHistogramView *self,
            cairo_t          *cr,
            PangoLayout      *layout,
            GArray           *positions,
            GPtrArray        *labels,
            gboolean          bottom)
{
  CvgChartFrame frame = {
    self->width, self->height, self->plot_x, self->plot_y, self->plot_w, self->plot_h,
  };

  cvg_chart_draw_ticks (cr, layout, &self->fg, &frame, positions, labels, bottom);
}

void
cvg_histogram_view_value_axis (CvgHistogramView *self,
                               cairo_t          *cr,
                               PangoLayout      *layout,
                               gboolean          bottom,
                               double            v0,
                               double            v1)
{
  double extent = bottom ? self->plot_w : self->plot_h, step;
  g_autoptr(GArray) ticks = cvg_ticks_linear (v0, v1, MAX (2, (guint) (extent / (bottom ? 90 : 40))), &step);
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < ticks->len; i++)
    {
      double v = g_array_index (ticks, double, i);
      double p = bottom ? self->plot_x + (v - v0) / (v1 - v0) * self->plot_w
                        : self->plot_y + self->plot_h - (v - v0) / (v1 - v0) * self->plot_h;

      g_array_append_val (positions, p);
      g_ptr_array_add (labels, cvg_format_compact (v, 4));
    }
  draw_ticks (self, cr, layout, positions, labels, bottom);
}

void
cvg_histogram_view_time_axis (CvgHistogramView *self,
                              cairo_t          *cr,
                              PangoLayout      *layout)
{
  double step;
  g_autoptr(GArray) ticks = cvg_time_axis_ticks (self->x_axis, self->t0, self->t1,
                                                 MAX (2, (guint) (self->plot_w / 100)), &step);
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < ticks->len; i++)
    {
      double t = g_array_index (ticks, double, i);
      double p = cvg_histogram_view_x_of_time (self, t);

      g_array_append_val (positions, p);
      g_ptr_array_add (labels, cvg_time_axis_format_tick (self->x_axis, t, step));
    }
  draw_ticks (self, cr, layout, positions, labels, TRUE);
}

/* Offset mode ------------------------------------------------------------- */

/* Oldest at the top (back), newest at the bottom (front). */
static double
slice_baseline (CvgHistogramView *self,
                gsize             i)
{
  double bottom = self->plot_y + self->plot_h;

  if (self->mode == CVG_HISTOGRAM_MODE_OVERLAY || self->t1 <= self->t0)
    return bottom;
  return self->plot_y + self->slice_h + (self->ts[i] - self->t0) / (self->t1 - self->t0) * (self->plot_h - self->slice_h);
}

static double
count_y (CvgHistogramView *self,
         gsize             i,
         double            count)
{
  double height = self->mode == CVG_HISTOGRAM_MODE_OVERLAY ? self->plot_h : self->slice_h;
  double max = self->slices->count_max > 0 ? self->slices->count_max : 1;

  return slice_baseline (self, i) - count / max * height;
}

static double
bin_centre_x (CvgHistogramView *self,
              guint             b)
{
  return self->plot_x + (b + 0.5) / self->slices->n_bins * self->plot_w;
}

/* The path through the bin centres; closed down to the baseline for a
 * filled slice. */
static void
slice_path (CvgHistogramView *self,
            cairo_t          *cr,
            gsize             i,
            gboolean          closed)
{
  const double *bins = &self->slices->bins[i * self->slices->n_bins];
  guint n_bins = self->slices->n_bins;
  double base = slice_baseline (self, i);

  cairo_new_path (cr);
  if (closed)
    cairo_move_to (cr, bin_centre_x (self, 0), base);
  for (guint b = 0; b < n_bins; b++)
    cairo_line_to (cr, bin_centre_x (self, b), count_y (self, i, bins[b]));
  if (closed)
    {
      cairo_line_to (cr, bin_centre_x (self, n_bins - 1), base);
      cairo_close_path (cr);
    }
}

static double
time_fraction (CvgHistogramView *self,
               gsize             i)
{
  return self->t1 > self->t0 ? (self->ts[i] - self->t0) / (self->t1 - self->t0) : 1;
}

/* From a lighter shade of the run colour (oldest) to a darker one
 * (newest), as TensorBoard's brighter () to darker (). */
static GdkRGBA
slice_fill (CvgHistogramView *self,
            double            f)
{
  const GdkRGBA *c = &self->color;
  GdkRGBA light = { c->red + (1 - c->red) * 0.45, c->green + (1 - c->green) * 0.45,
                    c->blue + (1 - c->blue) * 0.45, 1 };
  GdkRGBA dark = { c->red * 0.6, c->green * 0.6, c->blue * 0.6, 1 };

  return (GdkRGBA) { light.red + (dark.red - light.red) * f, light.green + (dark.green - light.green) * f,
                     light.blue + (dark.blue - light.blue) * f, 1 };
}

/* Steps along the right edge, each at its slice's baseline. */
static void
draw_offset_time_labels (CvgHistogramView *self,
                         cairo_t          *cr,
                         PangoLayout      *layout)
{
  double step, last = -INFINITY;
  g_autoptr(GArray) ticks = cvg_time_axis_ticks (self->x_axis, self->t0, self->t1,
                                                 MAX (2, (guint) ((self->plot_h - self->slice_h) / 40)), &step);

  for (guint i = 0; i < ticks->len; i++)
    {
      double t = g_array_index (ticks, double, i);
      double y = self->plot_y + self->slice_h + (t - self->t0) / (self->t1 - self->t0) * (self->plot_h - self->slice_h);
      g_autofree char *label = cvg_time_axis_format_tick (self->x_axis, t, step);
      int w, h;

      cvg_chart_text_size (layout, label, &w, &h);
      if (y - h / 2.0 < last)
        continue;
      last = y + h / 2.0;
      cvg_chart_set_source (cr, &self->fg, 0.3);
      cairo_rectangle (cr, self->plot_x + self->plot_w, round (y), 4, 1);
      cairo_fill (cr);
      cvg_chart_set_source (cr, &self->fg, 0.7);
      cvg_chart_show_text (cr, layout, label, self->plot_x + self->plot_w + 6, y - h / 2.0);
    }
}

static void
draw_offset (CvgHistogramView *self,
             cairo_t          *cr,
             PangoLayout      *layout)
{
  cvg_histogram_view_value_axis (self, cr, layout, TRUE, self->v0, self->v1);
  if (self->t1 > self->t0)
    draw_offset_time_labels (self, cr, layout);

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, 1);
  for (gsize i = 0; i < self->slices->n; i++)
    {
      GdkRGBA fill = slice_fill (self, time_fraction (self, i));

      slice_path (self, cr, i, TRUE);
      cvg_chart_set_source (cr, &fill, 1);
      cairo_fill_preserve (cr);
      cvg_chart_set_source (cr, &self->bg, 1);
      cairo_stroke (cr);
    }
}

/* Overlay mode ------------------------------------------------------------ */

static void
draw_overlay (CvgHistogramView *self,
              cairo_t          *cr,
              PangoLayout      *layout)
{
  cvg_histogram_view_value_axis (self, cr, layout, TRUE, self->v0, self->v1);
  cvg_histogram_view_value_axis (self, cr, layout, FALSE, 0, MAX (self->slices->count_max, 1));

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, 1.2);
  for (gsize i = 0; i < self->slices->n; i++)
    {
      slice_path (self, cr, i, FALSE);
      cvg_chart_set_source (cr, &self->color, 0.12 + 0.88 * time_fraction (self, i));
      cairo_stroke (cr);
    }
}

/* Layout and dispatch ----------------------------------------------------- */

static double
widest_label (CvgHistogramView *self,
              PangoLayout      *layout,
              double            v0,
              double            v1)
{
  double step, widest = 0;
  g_autoptr(GArray) ticks = cvg_ticks_linear (v0, v1, MAX (2, (guint) (self->plot_h / 40)), &step);

  for (guint i = 0; i < ticks->len; i++)
    {
      g_autofree char *label = cvg_format_compact (g_array_index (ticks, double, i), 4);
      int w, h;

      cvg_chart_text_size (layout, label, &w, &h);
      widest = MAX (widest, w);
    }
  return widest;
}

static double
widest_time_label (CvgHistogramView *self,
                   PangoLayout      *layout)
{
  double step, widest = 0;
  g_autoptr(GArray) ticks = cvg_time_axis_ticks (self->x_axis, self->t0, self->t1, 8, &step);

  for (guint i = 0; i < ticks->len; i++)
    {
      g_autofree char *label = cvg_time_axis_format_tick (self->x_axis, g_array_index (ticks, double, i), step);
      int w, h;

      cvg_chart_text_size (layout, label, &w, &h);
      widest = MAX (widest, w);
    }
  return widest;
}

static void
lay_out (CvgHistogramView *self,
         PangoLayout      *layout,
         double            width,
         double            height)
{
  int w, line_h;

  cvg_chart_text_size (layout, "0", &w, &line_h);
  self->width = width;
  self->height = height;
  self->plot_y = ceil (line_h / 2.0) + 2;
  self->plot_h = MAX (1, height - self->plot_y - line_h - 6);
  self->plot_x = 8;
  self->plot_w = width - 16;

  switch (self->mode)
    {
    case CVG_HISTOGRAM_MODE_OFFSET:
      self->v0 = self->slices->lo;
      self->v1 = self->slices->hi;
      self->plot_w = width - self->plot_x - widest_time_label (self, layout) - 12;
      break;
    case CVG_HISTOGRAM_MODE_OVERLAY:
      self->v0 = self->slices->lo;
      self->v1 = self->slices->hi;
      self->plot_x = widest_label (self, layout, 0, MAX (self->slices->count_max, 1)) + 10;
      self->plot_w = width - self->plot_x - 8;
      break;
    case CVG_HISTOGRAM_MODE_DISTRIBUTION:
    default:
      self->v0 = self->slices->value_min;
      self->v1 = self->slices->value_max;
      if (self->v1 <= self->v0)
        {
          self->v0 -= 1;
          self->v1 += 1;
        }
      self->plot_x = widest_label (self, layout, self->v0, self->v1) + 10;
      self->plot_w = width - self->plot_x - 12;
      break;
    }
  self->plot_w = MAX (1, self->plot_w);
  self->slice_h = self->plot_h / SLICE_SHARE;
  self->laid_out = TRUE;
}

void
cvg_histogram_view_draw (CvgHistogramView *self,
                         cairo_t          *cr,
                         PangoLayout      *layout,
                         double            width,
                         double            height)
{
  self->laid_out = FALSE;
  if (!has_data (self))
    return;

  prepare_times (self);
  lay_out (self, layout, width, height);
  switch (self->mode)
    {
    case CVG_HISTOGRAM_MODE_OFFSET:
      draw_offset (self, cr, layout);
      break;
    case CVG_HISTOGRAM_MODE_OVERLAY:
      draw_overlay (self, cr, layout);
      break;
    case CVG_HISTOGRAM_MODE_DISTRIBUTION:
    default:
      cvg_distribution_view_draw (self, cr, layout);
      break;
    }
}

/* Hover ------------------------------------------------------------------- */

/* Offset: the front-most slice whose baseline is at or below the pointer,
 * i.e. the one whose shape the pointer is over or above; below them all,
 * the newest. */
static gsize
offset_slice_at (CvgHistogramView *self,
                 double            py)
{
  gsize best = 0;
  double best_base = INFINITY, lowest = -INFINITY;
  gsize lowest_i = 0;

  for (gsize i = 0; i < self->slices->n; i++)
    {
      double base = slice_baseline (self, i);

      if (base >= py && base <= best_base)
        {
          best = i;
          best_base = base;
        }
      if (base >= lowest)
        {
          lowest = base;
          lowest_i = i;
        }
    }
  return isfinite (best_base) ? best : lowest_i;
}

/* Overlay: the line nearest the pointer at its bin. */
static gsize
overlay_slice_at (CvgHistogramView *self,
                  guint             bin,
                  double            py)
{
  gsize best = 0;
  double best_d = INFINITY;

  for (gsize i = 0; i < self->slices->n; i++)
    {
      double d = fabs (count_y (self, i, self->slices->bins[i * self->slices->n_bins + bin]) - py);

      if (d <= best_d)
        {
          best = i;
          best_d = d;
        }
    }
  return best;
}

gboolean
cvg_histogram_view_hover (CvgHistogramView *self,
                          double            px,
                          double            py)
{
  gsize slice;
  guint bin = 0;
  gboolean was = self->hovering;
  gsize old_slice = self->hover_slice;
  guint old_bin = self->hover_bin;

  self->pointer_x = px;
  self->pointer_y = py;
  if (!self->laid_out || !has_data (self))
    return cvg_histogram_view_unhover (self);

  if (self->mode == CVG_HISTOGRAM_MODE_DISTRIBUTION)
    {
      cvg_distribution_view_hover (self, px);
      self->hovering = TRUE;
      return !was || old_slice != self->hover_slice;
    }

  bin = (guint) CLAMP (floor ((px - self->plot_x) / self->plot_w * self->slices->n_bins),
                       0, self->slices->n_bins - 1);
  slice = self->mode == CVG_HISTOGRAM_MODE_OFFSET ? offset_slice_at (self, py)
                                                  : overlay_slice_at (self, bin, py);
  self->hovering = TRUE;
  self->hover_slice = slice;
  self->hover_bin = bin;
  return !was || old_slice != slice || old_bin != bin;
}

gboolean
cvg_histogram_view_unhover (CvgHistogramView *self)
{
  if (!self->hovering)
    return FALSE;
  self->hovering = FALSE;
  return TRUE;
}

static char *
dup_histogram_tooltip (CvgHistogramView *self)
{
  CvgHistogramSlices *slices = self->slices;
  double width = (slices->hi - slices->lo) / slices->n_bins;
  double left = slices->lo + self->hover_bin * width;
  g_autofree char *heading = cvg_histogram_slices_dup_heading (slices, self->hover_slice);
  g_autofree char *from = cvg_format_compact (left, 4);
  g_autofree char *to = cvg_format_compact (left + width, 4);
  g_autofree char *count = cvg_format_compact (slices->bins[self->hover_slice * slices->n_bins + self->hover_bin], 4);

  /* Translators: a histogram bin: its range, then how many values fell in it */
  return g_strdup_printf (_("%s\n%s to %s: %s"), heading, from, to, count);
}

char *
cvg_histogram_view_dup_tooltip_text (CvgHistogramView *self)
{
  if (!self->hovering || !has_data (self))
    return NULL;
  if (self->mode == CVG_HISTOGRAM_MODE_DISTRIBUTION)
    return cvg_distribution_view_dup_tooltip_text (self);
  return dup_histogram_tooltip (self);
}

void
cvg_histogram_view_draw_hover (CvgHistogramView *self,
                               cairo_t          *cr,
                               PangoLayout      *layout)
{
  g_autofree char *text = NULL;
  gsize i = self->hover_slice;

  if (!self->hovering || !self->laid_out || !has_data (self))
    return;

  if (self->mode == CVG_HISTOGRAM_MODE_DISTRIBUTION)
    cvg_distribution_view_draw_hover (self, cr);
  else
    {
      double x = bin_centre_x (self, self->hover_bin);
      double y = count_y (self, i, self->slices->bins[i * self->slices->n_bins + self->hover_bin]);

      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      slice_path (self, cr, i, FALSE);
      cvg_chart_set_source (cr, &self->bg, 1);
      cairo_set_line_width (cr, 4);
      cairo_stroke_preserve (cr);
      cvg_chart_set_source (cr, self->mode == CVG_HISTOGRAM_MODE_OFFSET ? &self->fg : &self->color, 1);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);

      cairo_arc (cr, x, y, 4, 0, 2 * G_PI);
      cvg_chart_set_source (cr, &self->color, 1);
      cairo_fill_preserve (cr);
      cvg_chart_set_source (cr, &self->bg, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }

  text = cvg_histogram_view_dup_tooltip_text (self);
  cvg_chart_draw_text_tooltip (cr, layout, text, &self->fg, &self->bg,
                               self->pointer_x, self->pointer_y, self->width, self->height);
}
