/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-graph-layout.h"

G_BEGIN_DECLS

#define CVG_TYPE_GRAPH_CANVAS (cvg_graph_canvas_get_type ())

G_DECLARE_FINAL_TYPE (CvgGraphCanvas, cvg_graph_canvas, CVG, GRAPH_CANVAS, GtkWidget)

/* A pannable, zoomable drawing of a graph. Drag pans; Ctrl+scroll,
 * pinch and + / − / 0 zoom (0 fits); a click selects a node; a double
 * click or Enter opens or closes a scope, or ungroups a series. The
 * first layout of a graph runs on a worker thread, and so does every
 * later one of a graph of many items.
 *
 * Properties, with G_PARAM_EXPLICIT_NOTIFY: "selected" (guint, an item
 * of the graph or CVG_GRAPH_NONE), "color-by-device" (gboolean), "busy"
 * (gboolean, read-only: a layout is on its way).
 *
 * Signals: "toggled" (guint item) once an item opened or closed. */

typedef enum
{
  CVG_GRAPH_COLOR_OP,       /* by op type (or layer class) */
  CVG_GRAPH_COLOR_DEVICE,
  CVG_GRAPH_COLOR_COMPUTE,  /* by compute time, from run metadata */
} CvgGraphColorMode;

GtkWidget      *cvg_graph_canvas_new                 (void);
void            cvg_graph_canvas_set_graph           (CvgGraphCanvas *self,
                                                      CvgGraph       *graph);
CvgGraph       *cvg_graph_canvas_get_graph           (CvgGraphCanvas *self);
/* NULL until the graph's first layout is made; while a big graph is
 * laid out again on a worker, the one before. */
CvgGraphLayout *cvg_graph_canvas_get_layout          (CvgGraphCanvas *self);
gboolean        cvg_graph_canvas_get_busy            (CvgGraphCanvas *self);
guint           cvg_graph_canvas_get_selected        (CvgGraphCanvas *self);
void            cvg_graph_canvas_set_selected        (CvgGraphCanvas *self,
                                                      guint           item);
gboolean        cvg_graph_canvas_get_color_by_device (CvgGraphCanvas *self);
void            cvg_graph_canvas_set_color_by_device (CvgGraphCanvas *self,
                                                      gboolean        by_device);
CvgGraphColorMode cvg_graph_canvas_get_color_mode    (CvgGraphCanvas *self);
/* Also notifies "color-by-device". */
void            cvg_graph_canvas_set_color_mode      (CvgGraphCanvas   *self,
                                                      CvgGraphColorMode mode);
gboolean        cvg_graph_canvas_get_expanded        (CvgGraphCanvas *self,
                                                      guint           item);
/* Opens or closes a scope, groups or ungroups a series, in place. */
void            cvg_graph_canvas_toggle_expanded     (CvgGraphCanvas *self,
                                                      guint           item);
/* Opens the scopes (and series) above @item, selects it and pans to it. */
void            cvg_graph_canvas_reveal              (CvgGraphCanvas *self,
                                                      guint           item);
/* Zoom about the centre by @factor; fit shows the whole graph. */
void            cvg_graph_canvas_zoom_by             (CvgGraphCanvas *self,
                                                      double          factor);
void            cvg_graph_canvas_zoom_fit            (CvgGraphCanvas *self);
double          cvg_graph_canvas_get_zoom            (CvgGraphCanvas *self);
/* Where the graph's origin is, in widget pixels. */
void            cvg_graph_canvas_get_offset          (CvgGraphCanvas *self,
                                                      double         *x,
                                                      double         *y);
/* The widget position of the centre of @item's node; FALSE when hidden. */
gboolean        cvg_graph_canvas_get_item_position   (CvgGraphCanvas *self,
                                                      guint           item,
                                                      double         *x,
                                                      double         *y);

G_END_DECLS
