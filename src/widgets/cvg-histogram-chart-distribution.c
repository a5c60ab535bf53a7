/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-histogram-chart-distribution"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cvg-chart-draw.h"
#include "cvg-chart-math.h"
#include "cvg-histogram-chart-private.h"
#include "cvg-histogram-math.h"

/* The distribution view of a histogram chart (TENSORBOARD.md §1.3): the
 * nine percentiles of every step as nested bands over time. */

#define N_BANDS (CVG_HISTOGRAM_N_PERCENTILES - 1)

/* TensorBoard's band opacities: (p[i+1] − p[i]) / 2500 over
 * [0, 228, 1587, 3085, 5000, 6915, 8413, 9772, 10000]. */
static const int opacity_points[CVG_HISTOGRAM_N_PERCENTILES] = {
  0, 228, 1587, 3085, 5000, 6915, 8413, 9772, 10000
};

static double
value_y (CvgHistogramView *self,
         double            v)
{
  return self->plot_y + self->plot_h - (v - self->v0) / (self->v1 - self->v0) * self->plot_h;
}

static double
percentile (CvgHistogramView *self,
            gsize             i,
            guint             j)
{
  return self->slices->percentiles[i * CVG_HISTOGRAM_N_PERCENTILES + j];
}

static void
slice_line_to (CvgHistogramView *self,
               cairo_t          *cr,
               gsize             i,
               guint             j)
{
  cairo_line_to (cr, cvg_histogram_view_x_of_time (self, self->ts[i]), value_y (self, percentile (self, i, j)));
}

/* Where the piece starting at @start ends: a restarted run goes back in
 * time, and each pass is drawn as a piece of its own, as scalars are. */
static gsize
piece_end (CvgHistogramView *self,
           gsize             start)
{
  gsize end = start + 1;

  while (end < self->slices->n && self->ts[end] >= self->ts[end - 1])
    end++;
  return end;
}

/* One band over slices [start, end): along its upper percentile forwards,
 * back along the lower. */
static void
band_path (CvgHistogramView *self,
           cairo_t          *cr,
           guint             band,
           gsize             start,
           gsize             end)
{
  cairo_new_path (cr);
  for (gsize i = start; i < end; i++)
    slice_line_to (self, cr, i, band + 1);
  for (gsize i = end; i-- > start;)
    slice_line_to (self, cr, i, band);
  cairo_close_path (cr);
}

static void
draw_piece (CvgHistogramView *self,
            cairo_t          *cr,
            gsize             start,
            gsize             end)
{
  cairo_set_line_width (cr, 0.5);
  for (guint band = 0; band < N_BANDS; band++)
    {
      double opacity = (opacity_points[band + 1] - opacity_points[band]) / 2500.0;

      band_path (self, cr, band, start, end);
      cvg_chart_set_source (cr, &self->color, opacity);
      cairo_fill_preserve (cr);
      cairo_stroke (cr);
    }

  /* The median, on top; a piece of one slice has no width, so a dot. */
  cairo_new_path (cr);
  for (gsize i = start; i < end; i++)
    slice_line_to (self, cr, i, 4);
  cvg_chart_set_source (cr, &self->color, 1);
  cairo_set_line_width (cr, end - start > 1 ? 1.5 : 5);
  cairo_set_line_cap (cr, end - start > 1 ? CAIRO_LINE_CAP_BUTT : CAIRO_LINE_CAP_ROUND);
  if (end - start == 1)
    slice_line_to (self, cr, start, 4);
  cairo_stroke (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

void
cvg_distribution_view_draw (CvgHistogramView *self,
                            cairo_t          *cr,
                            PangoLayout      *layout)
{
  cvg_histogram_view_value_axis (self, cr, layout, FALSE, self->v0, self->v1);
  cvg_histogram_view_time_axis (self, cr, layout);

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (gsize start = 0, end; start < self->slices->n; start = end)
    {
      end = piece_end (self, start);
      draw_piece (self, cr, start, end);
    }
}

/* The step nearest the pointer in time. */
void
cvg_distribution_view_hover (CvgHistogramView *self,
                             double            px)
{
  double best_d = INFINITY;

  for (gsize i = 0; i < self->slices->n; i++)
    {
      double d = fabs (cvg_histogram_view_x_of_time (self, self->ts[i]) - px);

      if (d < best_d)
        {
          best_d = d;
          self->hover_slice = i;
        }
    }
}

void
cvg_distribution_view_draw_hover (CvgHistogramView *self,
                                  cairo_t          *cr)
{
  gsize i = self->hover_slice;
  double x = round (cvg_histogram_view_x_of_time (self, self->ts[i])) + 0.5;

  cvg_chart_set_source (cr, &self->fg, 0.4);
  cairo_rectangle (cr, x - 0.5, self->plot_y, 1, self->plot_h);
  cairo_fill (cr);
  for (guint j = 0; j < CVG_HISTOGRAM_N_PERCENTILES; j++)
    {
      cairo_new_path (cr);
      cairo_arc (cr, x, value_y (self, percentile (self, i, j)), j == 4 ? 4 : 2.5, 0, 2 * G_PI);
      cvg_chart_set_source (cr, &self->color, 1);
      cairo_fill_preserve (cr);
      cvg_chart_set_source (cr, &self->bg, 1);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
}

/* Top to bottom, as TensorBoard's README reads the bands. */
char *
cvg_distribution_view_dup_tooltip_text (CvgHistogramView *self)
{
  const char *names[CVG_HISTOGRAM_N_PERCENTILES] = {
    _("min"), "7%", "16%", "31%", _("median"), "69%", "84%", "93%", _("max")
  };
  g_autofree char *heading = cvg_histogram_slices_dup_heading (self->slices, self->hover_slice);
  GString *text = g_string_new (heading);

  for (guint j = CVG_HISTOGRAM_N_PERCENTILES; j-- > 0;)
    {
      g_autofree char *value = cvg_format_compact (percentile (self, self->hover_slice, j), 4);

      g_string_append_printf (text, "\n%s\t%s", names[j], value);
    }
  return g_string_free (text, FALSE);
}
