/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-scalar-chart-axes"

#include "config.h"

#include "cvg-scalar-chart-private.h"

#include <math.h>

#include "cvg-chart-common.h"
#include "cvg-chart-draw.h"
#include "cvg-chart-math.h"

/* The scalar chart's axes: the plot's margins, grid, ticks and labels. */

#define TICK_GAP 12.0

static GArray *
y_ticks (CvgChartModel *self,
         guint          target)
{
  double step;

  if (!self->log_scale)
    return cvg_ticks_linear (self->y0, self->y1, target, &step);
  return cvg_ticks_log_positions (self->y0, self->y1, target);
}

/* On a log x axis: powers of ten (1-2-5 over less than two decades),
 * labelled as steps or durations. */
static GArray *
x_ticks (CvgChartModel *self,
         guint          target,
         double        *step)
{
  if (!cvg_chart_model_log_x (self))
    return cvg_time_axis_ticks (self->x_axis, self->x0, self->x1, target, step);
  /* Label spacing is checked in pixels: the narrowest gap, at the right. */
  *step = 0;
  return cvg_ticks_log_positions (self->x0, self->x1, target);
}

static char *
format_x_tick (CvgChartModel *self,
               double         value,
               double         step)
{
  if (!cvg_chart_model_log_x (self))
    return cvg_time_axis_format_tick (self->x_axis, value, step);
  if (self->x_axis == CVG_X_AXIS_RELATIVE)
    return cvg_format_duration (pow (10, value));
  return cvg_format_compact (pow (10, value), 3);
}

/* The smallest distance between two ticks, in axis units. */
static double
min_spacing (GArray *ticks)
{
  double spacing = INFINITY;

  for (guint i = 1; i < ticks->len; i++)
    spacing = MIN (spacing, g_array_index (ticks, double, i) - g_array_index (ticks, double, i - 1));
  return spacing;
}

static char *
format_y_tick (CvgChartModel *self,
               double         value)
{
  return cvg_format_compact (self->log_scale ? pow (10, value) : value, 4);
}

/* The ticks at axis values @ticks, with their grid lines and @labels:
 * along the bottom, or right-aligned in the left margin. */
static void
draw_ticks (CvgChartModel *self,
            cairo_t       *cr,
            PangoLayout   *layout,
            GArray        *ticks,
            GPtrArray     *labels,
            gboolean       bottom)
{
  CvgChartFrame frame = {
    self->width, self->height, self->plot_x, self->plot_y, self->plot_w, self->plot_h,
  };
  g_autoptr(GArray) positions = g_array_sized_new (FALSE, FALSE, sizeof (double), ticks->len);

  for (guint i = 0; i < ticks->len; i++)
    {
      double v = g_array_index (ticks, double, i);
      double p = bottom ? cvg_chart_model_project_x (self, v) : cvg_chart_model_project_y (self, v);

      g_array_append_val (positions, p);
    }
  cvg_chart_draw_ticks (cr, layout, &self->fg, &frame, positions, labels, bottom);
}

/* Picks as many x ticks as fit with their widest label, then draws them,
 * skipping any label that would touch its neighbour or leave the chart. */
static void
draw_x_axis (CvgChartModel *self,
             cairo_t       *cr,
             PangoLayout   *layout)
{
  g_autoptr(GArray) ticks = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  guint target = MAX (2, (guint) (self->plot_w / 90));
  double step = 1;

  for (int attempt = 0; attempt < 4; attempt++)
    {
      int widest = 0;

      g_clear_pointer (&ticks, g_array_unref);
      g_clear_pointer (&labels, g_ptr_array_unref);
      ticks = x_ticks (self, target, &step);
      labels = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < ticks->len; i++)
        {
          char *label = format_x_tick (self, g_array_index (ticks, double, i), step);
          int w, h;

          cvg_chart_text_size (layout, label, &w, &h);
          widest = MAX (widest, w);
          g_ptr_array_add (labels, label);
        }
      if (ticks->len < 2 || min_spacing (ticks) * self->plot_w / (self->x1 - self->x0) >= widest + TICK_GAP ||
          target <= 2)
        break;
      target = MAX (2, (guint) (self->plot_w / (widest + 2 * TICK_GAP)));
    }

  draw_ticks (self, cr, layout, ticks, labels, TRUE);
}

void
cvg_chart_model_draw_axes (CvgChartModel *self,
                           cairo_t       *cr,
                           PangoLayout   *layout)
{
  g_autoptr(GArray) ticks = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  int line_h, w, widest = 0;

  cvg_chart_text_size (layout, "0", &w, &line_h);
  self->plot_y = ceil (line_h / 2.0) + 2;
  self->plot_h = MAX (1, self->height - self->plot_y - line_h - 6);

  ticks = y_ticks (self, MAX (2, (guint) (self->plot_h / (2.5 * line_h))));
  for (guint i = 0; i < ticks->len; i++)
    {
      char *label = format_y_tick (self, g_array_index (ticks, double, i));
      int h;

      cvg_chart_text_size (layout, label, &w, &h);
      widest = MAX (widest, w);
      g_ptr_array_add (labels, label);
    }
  self->plot_x = widest + 10;
  self->plot_w = MAX (1, self->width - self->plot_x - 8);

  draw_ticks (self, cr, layout, ticks, labels, FALSE);
  draw_x_axis (self, cr, layout);

  cvg_chart_set_source (cr, &self->fg, 0.3);
  cairo_rectangle (cr, self->plot_x, self->plot_y + self->plot_h - 1, self->plot_w, 1);
  cairo_fill (cr);
}
