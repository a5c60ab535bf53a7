/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-hparams-axes.h"

G_BEGIN_DECLS

#define CVG_TYPE_SCATTER_MATRIX (cvg_scatter_matrix_get_type ())

G_DECLARE_FINAL_TYPE (CvgScatterMatrix, cvg_scatter_matrix, CVG, SCATTER_MATRIX, GtkWidget)

/* A scatter plot matrix of the sessions: a row per metric axis, a column
 * per axis (hparams and metrics), a marker per session in its run's
 * colour. Dragging a rectangle in a cell brushes its two axes, the same
 * brushes as the parallel coordinates ("brush-changed"); a click in a
 * cell clears them. Hovering a marker names its run. */

GtkWidget *cvg_scatter_matrix_new      (void);
/* Borrows @axes; @first_metric is the first metric axis; @colors and
 * @names (char *, one per session) are copied. NULL shows nothing. */
void       cvg_scatter_matrix_set_data (CvgScatterMatrix *self,
                                        CvgHparamsAxes   *axes,
                                        guint             first_metric,
                                        GPtrArray        *colors,
                                        GPtrArray        *names);

G_END_DECLS
