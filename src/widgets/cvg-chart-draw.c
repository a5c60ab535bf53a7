/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-chart-draw"

#include "config.h"

#include "cvg-chart-draw.h"

#include <math.h>
#include <pango/pangocairo.h>

/* Least room between two labels along the bottom. */
#define LABEL_GAP 6.0

void
cvg_chart_set_source (cairo_t       *cr,
                      const GdkRGBA *color,
                      double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

void
cvg_chart_text_size (PangoLayout *layout,
                     const char  *text,
                     int         *width,
                     int         *height)
{
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, width, height);
}

void
cvg_chart_show_text (cairo_t     *cr,
                     PangoLayout *layout,
                     const char  *text,
                     double       x,
                     double       y)
{
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

void
cvg_chart_reset_layout (PangoLayout *layout)
{
  pango_layout_set_width (layout, -1);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
}

void
cvg_chart_draw_ticks (cairo_t             *cr,
                      PangoLayout         *layout,
                      const GdkRGBA       *fg,
                      const CvgChartFrame *frame,
                      GArray              *positions,
                      GPtrArray           *labels,
                      gboolean             bottom)
{
  double last_right = -INFINITY;

  for (guint i = 0; i < positions->len; i++)
    {
      /* On the pixel grid, so that a line is one sharp pixel wide. */
      double p = round (g_array_index (positions, double, i)) + 0.5;
      const char *label = g_ptr_array_index (labels, i);
      int w, h;

      cvg_chart_set_source (cr, fg, 0.1);
      if (bottom)
        cairo_rectangle (cr, p - 0.5, frame->y, 1, frame->h);
      else
        cairo_rectangle (cr, frame->x, p - 0.5, frame->w, 1);
      cairo_fill (cr);

      cvg_chart_text_size (layout, label, &w, &h);
      cvg_chart_set_source (cr, fg, 0.7);
      if (bottom)
        {
          double left = CLAMP (p - w / 2.0, 0, frame->width - w);

          if (left < last_right + LABEL_GAP)
            continue;
          last_right = left + w;
          cvg_chart_show_text (cr, layout, label, left, frame->y + frame->h + 4);
        }
      else
        cvg_chart_show_text (cr, layout, label, frame->x - 6 - w, CLAMP (p - h / 2.0, 0, frame->height - h));
    }
}

void
cvg_chart_tooltip_box (cairo_t       *cr,
                       const GdkRGBA *fg,
                       const GdkRGBA *bg,
                       double         x,
                       double         y,
                       double         width,
                       double         height)
{
  cairo_new_path (cr);
  cairo_arc (cr, x + 6, y + 6, 6, G_PI, 1.5 * G_PI);
  cairo_arc (cr, x + width - 6, y + 6, 6, 1.5 * G_PI, 2 * G_PI);
  cairo_arc (cr, x + width - 6, y + height - 6, 6, 0, 0.5 * G_PI);
  cairo_arc (cr, x + 6, y + height - 6, 6, 0.5 * G_PI, G_PI);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, bg->red, bg->green, bg->blue, 0.96);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.15);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

void
cvg_chart_band_path (cairo_t *cr,
                     GArray  *tops,
                     GArray  *bottoms)
{
  guint n = tops->len / 2;

  if (n < 2)
    return;
  cairo_move_to (cr, g_array_index (tops, double, 0), g_array_index (tops, double, 1));
  for (guint i = 1; i < n; i++)
    cairo_line_to (cr, g_array_index (tops, double, 2 * i), g_array_index (tops, double, 2 * i + 1));
  for (guint i = n; i-- > 0;)
    cairo_line_to (cr, g_array_index (bottoms, double, 2 * i), g_array_index (bottoms, double, 2 * i + 1));
  cairo_close_path (cr);
}

void
cvg_chart_marker_path (cairo_t   *cr,
                       CvgMarker  marker,
                       double     x,
                       double     y,
                       double     radius)
{
  double r = radius, t = radius * 0.35;

  cairo_new_sub_path (cr);
  switch (marker)
    {
    case CVG_MARKER_SQUARE:
      cairo_rectangle (cr, x - r * 0.85, y - r * 0.85, 1.7 * r, 1.7 * r);
      break;
    case CVG_MARKER_TRIANGLE:
      cairo_move_to (cr, x, y - r * 1.15);
      cairo_line_to (cr, x + r, y + r * 0.6);
      cairo_line_to (cr, x - r, y + r * 0.6);
      cairo_close_path (cr);
      break;
    case CVG_MARKER_DIAMOND:
      cairo_move_to (cr, x, y - r * 1.2);
      cairo_line_to (cr, x + r, y);
      cairo_line_to (cr, x, y + r * 1.2);
      cairo_line_to (cr, x - r, y);
      cairo_close_path (cr);
      break;
    case CVG_MARKER_CROSS:
      /* A plus of two bars, filled as one shape. */
      cairo_rectangle (cr, x - r, y - t, 2 * r, 2 * t);
      cairo_new_sub_path (cr);
      cairo_rectangle (cr, x - t, y - r, 2 * t, 2 * r);
      break;
    case CVG_MARKER_CIRCLE:
    case CVG_MARKER_NONE:
    case CVG_N_MARKERS:
    default:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    }
}
