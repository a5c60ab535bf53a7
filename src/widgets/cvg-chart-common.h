/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-time-axis.h"

G_BEGIN_DECLS

/* What every chart widget shares: the label font, the theme's colours,
 * a plain text tooltip and the static layer. The temporal axis is in
 * cvg-time-axis.h. */

/* A layout in the font of axis labels, a little smaller than body text. */
PangoLayout *cvg_chart_create_layout   (GtkWidget     *widget);
/* The theme's text colour and the background tooltips sit on. */
void         cvg_chart_lookup_colors   (GtkWidget     *widget,
                                        GdkRGBA       *fg,
                                        GdkRGBA       *bg);
/* @text in a rounded box beside (x, y), inside width × height. */
void         cvg_chart_draw_text_tooltip (cairo_t       *cr,
                                          PangoLayout   *layout,
                                          const char    *text,
                                          const GdkRGBA *fg,
                                          const GdkRGBA *bg,
                                          double         x,
                                          double         y,
                                          double         width,
                                          double         height);

/* Chart widget plumbing. @data is the chart's view or model. */
typedef void (*CvgChartDrawFunc) (gpointer     data,
                                  cairo_t     *cr,
                                  PangoLayout *layout,
                                  double       width,
                                  double       height);

/* The static layer of a chart and the size it was built for. */
typedef struct
{
  GskRenderNode *node;
  int            width;
  int            height;
} CvgChartLayer;

void cvg_chart_layer_clear    (CvgChartLayer    *layer);
/* Draws @draw into a new node of width × height. */
void cvg_chart_layer_build    (CvgChartLayer    *layer,
                               GtkWidget        *widget,
                               int               width,
                               int               height,
                               CvgChartDrawFunc  draw,
                               gpointer          data);
/* Drops a layer of another size, builds it if missing, and appends it. */
void cvg_chart_layer_snapshot (CvgChartLayer    *layer,
                               GtkWidget        *widget,
                               GtkSnapshot      *snapshot,
                               int               width,
                               int               height,
                               CvgChartDrawFunc  draw,
                               gpointer          data);
/* Draws @draw straight into @snapshot (the hover layer). */
void cvg_chart_snapshot_draw  (GtkWidget        *widget,
                               GtkSnapshot      *snapshot,
                               int               width,
                               int               height,
                               CvgChartDrawFunc  draw,
                               gpointer          data);

/* Sets the measure vfunc (every chart's size), the CSS name and the
 * image role. */
void cvg_chart_class_setup          (GtkWidgetClass *widget_class,
                                     const char     *css_name);
/* A motion controller: "enter" and "motion" call @motion_cb, "leave"
 * calls @leave_cb, both swapped onto @widget. Clips the widget too. */
void cvg_chart_add_motion_controller (GtkWidget *widget,
                                      GCallback  motion_cb,
                                      GCallback  leave_cb);

G_END_DECLS
