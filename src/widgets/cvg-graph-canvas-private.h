/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gtk/gtk.h>
#include <pango/pango.h>

#include "cvg-graph-canvas.h"
#include "cvg-graph-layout.h"

G_BEGIN_DECLS

/* Drawing of a laid-out graph on a plain cairo_t, so that the canvas and
 * the offscreen benchmark run the same code. Main thread only. */

/* The canvas draws the view and this fraction of it on every side, so
 * that a pan reuses the picture for a while. */
#define CVG_GRAPH_CACHE_MARGIN 0.5

typedef struct
{
  GdkRGBA      fg;               /* text; lines and fills derive from it */
  GdkRGBA      bg;               /* behind edge labels */
  CvgGraphColorMode color_mode;
  PangoLayout *layout;           /* in the label font */
} CvgGraphStyle;

/* Draws what of @layout meets @area (graph units) at @zoom pixels per
 * unit; @cr's origin is @area's top left corner. */
void _cvg_graph_draw           (cairo_t               *cr,
                                CvgGraph              *graph,
                                CvgGraphLayout        *layout,
                                const CvgGraphStyle   *style,
                                double                 zoom,
                                const graphene_rect_t *area);
/* The fill of a node: by op type or device, from the run palette,
 * or by compute time: grey (none) through yellow to red (the most). */
void _cvg_graph_node_color     (CvgGraph              *graph,
                                guint                  item,
                                CvgGraphColorMode      mode,
                                GdkRGBA               *color);

G_END_DECLS
