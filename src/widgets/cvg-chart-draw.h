/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gdk/gdk.h>
#include <pango/pango.h>

#include "cvg-plot-line.h"

G_BEGIN_DECLS

/* Text and axes as every chart draws them on a plain cairo_t (screen,
 * PNG/SVG export and offscreen tests alike). */

/* The chart's size and the plot inside it, in pixels. */
typedef struct
{
  double width, height;
  double x, y, w, h;
} CvgChartFrame;

void cvg_chart_set_source      (cairo_t             *cr,
                                const GdkRGBA       *color,
                                double               alpha);
void cvg_chart_text_size       (PangoLayout         *layout,
                                const char          *text,
                                int                 *width,
                                int                 *height);
void cvg_chart_show_text       (cairo_t             *cr,
                                PangoLayout         *layout,
                                const char          *text,
                                double               x,
                                double               y);
/* No width limit, no ellipsis: as after cvg_chart_create_layout(). */
void cvg_chart_reset_layout    (PangoLayout         *layout);
/* Ticks at pixel @positions (a GArray of double) along the bottom
 * (@bottom) or the left edge: a faint grid line across the plot at each,
 * and its label centred below it, skipping any that would touch the one
 * before or leave the chart, or right-aligned left of the plot. */
void cvg_chart_draw_ticks      (cairo_t             *cr,
                                PangoLayout         *layout,
                                const GdkRGBA       *fg,
                                const CvgChartFrame *frame,
                                GArray              *positions,
                                GPtrArray           *labels,
                                gboolean             bottom);
/* A rounded box in @bg with a faint @fg outline, under a tooltip. */
void cvg_chart_tooltip_box     (cairo_t             *cr,
                                const GdkRGBA       *fg,
                                const GdkRGBA       *bg,
                                double               x,
                                double               y,
                                double               width,
                                double               height);

/* Adds to the path a closed polygon along @tops forward and @bottoms
 * back (GArrays of double x, y pairs of equal length); nothing for fewer
 * than two pairs. */
void cvg_chart_band_path       (cairo_t             *cr,
                                GArray              *tops,
                                GArray              *bottoms);
/* Adds to the path @marker's shape centred on (@x, @y), @radius across
 * half its width, to be filled. */
void cvg_chart_marker_path     (cairo_t             *cr,
                                CvgMarker            marker,
                                double               x,
                                double               y,
                                double               radius);

G_END_DECLS
