/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-graph-canvas.h"
#include "cvg-graph-info.h"

G_BEGIN_DECLS

#define CVG_TYPE_GRAPHS_PAGE (cvg_graphs_page_get_type ())

G_DECLARE_FINAL_TYPE (CvgGraphsPage, cvg_graphs_page, CVG, GRAPHS_PAGE, GtkWidget)

/* The Graphs dashboard: a run and a graph kind (op graph or Keras
 * model), the canvas, a side panel on the selected node, and a search
 * (Ctrl+F) that opens the scopes on the way to a match. */

GtkWidget      *cvg_graphs_page_new          (void);
/* @runs: a GListModel of CvgRunInfo (the window's runs). */
void            cvg_graphs_page_set_runs     (CvgGraphsPage  *self,
                                              GListModel     *runs);
/* Looks again at the runs' graphs (more may have been read). */
void            cvg_graphs_page_refresh      (CvgGraphsPage  *self);
/* Shows the graph of run @name; FALSE when it has none. */
gboolean        cvg_graphs_page_select_run   (CvgGraphsPage  *self,
                                              const char     *name);
void            cvg_graphs_page_set_source   (CvgGraphsPage  *self,
                                              CvgGraphSource  source);
/* Opens the search with @text; the matches are listed. */
/* The graph kinds the selected run offers ("Op Graph", "Keras Model",
 * "Run Metadata: TAG"), translated, and a choice among them. */
GListModel     *cvg_graphs_page_get_kinds    (CvgGraphsPage  *self);
gboolean        cvg_graphs_page_select_kind  (CvgGraphsPage  *self,
                                              const char     *label);
void            cvg_graphs_page_search       (CvgGraphsPage  *self,
                                              const char     *text);
guint           cvg_graphs_page_get_n_matches (CvgGraphsPage *self);
/* Reveals match @index, as clicking it does. */
void            cvg_graphs_page_choose_match (CvgGraphsPage  *self,
                                              guint           index);
/* Whether a graph is being decoded on a worker (a spinner shows). */
gboolean        cvg_graphs_page_get_building (CvgGraphsPage  *self);
/* Why the chosen graph is not shown (markup), or NULL. */
const char     *cvg_graphs_page_get_refusal  (CvgGraphsPage  *self);
CvgGraphCanvas *cvg_graphs_page_get_canvas   (CvgGraphsPage  *self);
CvgGraphInfo   *cvg_graphs_page_get_info     (CvgGraphsPage  *self);

G_END_DECLS
