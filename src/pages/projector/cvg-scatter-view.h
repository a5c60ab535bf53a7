/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-scatter-draw.h"

G_BEGIN_DECLS

#define CVG_TYPE_SCATTER_VIEW (cvg_scatter_view_get_type ())

G_DECLARE_FINAL_TYPE (CvgScatterView, cvg_scatter_view, CVG, SCATTER_VIEW, GtkWidget)

/* The projector's plot: drag to orbit (3-D) or pan (2-D; Shift or the
 * middle button pans in 3-D too), scroll to zoom, click to select.
 * "point-activated" (int index, −1 for none); the tooltip is asked of the
 * function given, as plain text. The arrays in the scene belong to the
 * caller and must outlive the next set_scene (). */

typedef char *(*CvgScatterTooltipFunc) (guint    point,
                                        gpointer user_data);

GtkWidget             *cvg_scatter_view_new              (void);
/* Takes the points, colours, flags and labels of @scene, keeping its own
 * camera; call again after changing any of them. */
void                   cvg_scatter_view_set_scene        (CvgScatterView        *self,
                                                          const CvgScatterScene *scene);
const CvgScatterScene *cvg_scatter_view_get_scene        (CvgScatterView        *self);
void                   cvg_scatter_view_reset_camera     (CvgScatterView        *self);
void                   cvg_scatter_view_set_tooltip_func (CvgScatterView        *self,
                                                          CvgScatterTooltipFunc  func,
                                                          gpointer               user_data);
/* The view as it is drawn now, as PNG bytes. */
GBytes                *cvg_scatter_view_render_png      (CvgScatterView        *self);

G_END_DECLS
