/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gtk/gtk.h>
#include <pango/pango.h>

#include "cvg-histogram-chart.h"
#include "cvg-histogram-slices.h"

G_BEGIN_DECLS

/* The histogram chart without a widget: layout, drawing and hover on a
 * plain cairo_t, so that the offscreen benchmark runs the screen's code.
 * The offset and overlay views are in cvg-histogram-chart-draw.c, the
 * distribution view in cvg-histogram-chart-distribution.c. Main thread only. */

typedef struct
{
  CvgHistogramSlices *slices;      /* owned; NULL when there is no data */
  CvgHistogramMode    mode;
  CvgXAxis            x_axis;
  GdkRGBA             color;       /* the run's */
  GdkRGBA             fg;          /* text, axes and grid derive from it */
  GdkRGBA             bg;          /* slice outlines and the tooltip */

  /* Layout of the last draw. */
  gboolean            laid_out;
  double              width, height;
  double              plot_x, plot_y, plot_w, plot_h;
  double             *ts;          /* each slice on the temporal axis */
  double              t0, t1;      /* temporal range */
  double              v0, v1;      /* value range */
  double              slice_h;     /* offset: height of one slice */

  /* Hover: the slice and the bin under the pointer. */
  gboolean            hovering;
  gsize               hover_slice;
  guint               hover_bin;
  double              pointer_x, pointer_y;
} CvgHistogramView;

CvgHistogramView *cvg_histogram_view_new          (void);
void              cvg_histogram_view_free         (CvgHistogramView *self);
/* Takes @slices (or NULL); drops the layout and the hover. */
void              cvg_histogram_view_set_slices   (CvgHistogramView   *self,
                                                   CvgHistogramSlices *slices);
/* The static part: axes and every slice. */
void              cvg_histogram_view_draw         (CvgHistogramView *self,
                                                   cairo_t          *cr,
                                                   PangoLayout      *layout,
                                                   double            width,
                                                   double            height);
/* The highlighted slice and the tooltip; nothing if not hovering. */
void              cvg_histogram_view_draw_hover   (CvgHistogramView *self,
                                                   cairo_t          *cr,
                                                   PangoLayout      *layout);
/* Hover at a pixel of the last draw; TRUE when a redraw is due. */
gboolean          cvg_histogram_view_hover        (CvgHistogramView *self,
                                                   double            px,
                                                   double            py);
gboolean          cvg_histogram_view_unhover      (CvgHistogramView *self);
char             *cvg_histogram_view_dup_tooltip_text (CvgHistogramView *self);

/* Shared by both files. */
double            cvg_histogram_view_x_of_time    (CvgHistogramView *self,
                                                   double            t);
/* Value ticks along the bottom (TRUE) or the left edge, over [v0, v1]
 * mapped onto [p0, p1] pixels; with grid lines across the plot. */
void              cvg_histogram_view_value_axis   (CvgHistogramView *self,
                                                   cairo_t          *cr,
                                                   PangoLayout      *layout,
                                                   gboolean          bottom,
                                                   double            v0,
                                                   double            v1);
/* Temporal ticks along the bottom over [t0, t1]. */
void              cvg_histogram_view_time_axis    (CvgHistogramView *self,
                                                   cairo_t          *cr,
                                                   PangoLayout      *layout);

/* cvg-histogram-chart-distribution.c */
void              cvg_distribution_view_draw       (CvgHistogramView *self,
                                                    cairo_t          *cr,
                                                    PangoLayout      *layout);
void              cvg_distribution_view_hover      (CvgHistogramView *self,
                                                    double            px);
void              cvg_distribution_view_draw_hover (CvgHistogramView *self,
                                                    cairo_t          *cr);
char             *cvg_distribution_view_dup_tooltip_text (CvgHistogramView *self);

G_END_DECLS
