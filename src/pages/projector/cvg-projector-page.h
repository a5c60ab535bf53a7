/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-projector-layout.h"

G_BEGIN_DECLS

#define CVG_TYPE_PROJECTOR_PAGE (cvg_projector_page_get_type ())

G_DECLARE_FINAL_TYPE (CvgProjectorPage, cvg_projector_page, CVG, PROJECTOR_PAGE, GtkWidget)

/* The embedding projector. Not driven by event kinds: the window sets
 * "folder" to the logs folder shown, the page looks for projector configs
 * and checkpoints there on a worker thread, and "has-content" says whether
 * it found any (a config without its tensor included: the page says what
 * is missing). Loading, projections and neighbours run on workers too. */

/* The points drawn now (finite rows, not hidden). */
guint       cvg_projector_page_get_n_points_shown (CvgProjectorPage *self);
/* The metadata column colouring the points, or NULL. */
const char *cvg_projector_page_get_color_column   (CvgProjectorPage *self);
/* Distinct colours among the points drawn. */
guint       cvg_projector_page_count_colors       (CvgProjectorPage *self);
/* Selects @point as a click would (its neighbours are listed). */
void        cvg_projector_page_select             (CvgProjectorPage *self,
                                                   int               point);
/* Rows in the neighbour list. */
guint       cvg_projector_page_get_n_neighbors    (CvgProjectorPage *self);
/* Shows the tensor @name of @run; FALSE when the scan found none. */
gboolean    cvg_projector_page_select_tensor      (CvgProjectorPage *self,
                                                   const char       *run,
                                                   const char       *name);
/* The sprite atlas was read and decoded. */
gboolean    cvg_projector_page_has_sprites        (CvgProjectorPage *self);
/* Runs @method ("pca", "tsne", "umap" or "custom", 2-D only) in @dims dimensions with the
 * settings shown, as the controls would. */
gboolean    cvg_projector_page_set_method         (CvgProjectorPage *self,
                                                   const char       *method,
                                                   guint             dims);
/* Sets the custom projection's queries and, when it is the method shown,
 * projects at once. */
void        cvg_projector_page_set_custom_queries (CvgProjectorPage *self,
                                                   const char       *left,
                                                   const char       *right,
                                                   const char       *up,
                                                   const char       *down);
/* What stops the custom projection (a query empty, invalid or matching
 * nothing), or NULL. */
const char *cvg_projector_page_get_custom_notice  (CvgProjectorPage *self);
/* The projection shown, unscaled, or NULL. */
const CvgProjectorLayout *cvg_projector_page_get_layout (CvgProjectorPage *self);
/* The dimensions of the projection shown, or 0. */
guint       cvg_projector_page_get_dims           (CvgProjectorPage *self);
/* "idle", "scanning", "loading", "projecting" or "ready". */
const char *cvg_projector_page_get_state          (CvgProjectorPage *self);

G_END_DECLS
