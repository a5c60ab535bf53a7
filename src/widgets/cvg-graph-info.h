/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-graph.h"

G_BEGIN_DECLS

#define CVG_TYPE_GRAPH_INFO (cvg_graph_info_get_type ())

G_DECLARE_FINAL_TYPE (CvgGraphInfo, cvg_graph_info, CVG, GRAPH_INFO, GtkWidget)

/* The side panel of the Graphs page: one node's full name, op, device,
 * attributes, and its inputs and outputs as links (for a scope or a
 * series: what crosses its border).
 *
 * Signals: "item-activated" (guint item) when a link is clicked;
 * "toggle-requested" (guint item) for the Expand / Ungroup button. */

GtkWidget  *cvg_graph_info_new      (void);
/* @expanded: whether @item is open (scope) or ungrouped (series). */
void        cvg_graph_info_show     (CvgGraphInfo *self,
                                     CvgGraph     *graph,
                                     guint         item,
                                     gboolean      expanded);
/* The full name shown, "" when none. */
const char *cvg_graph_info_get_name (CvgGraphInfo *self);

G_END_DECLS
