/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-hparams-axes.h"

G_BEGIN_DECLS

#define CVG_TYPE_PARALLEL_COORDS (cvg_parallel_coords_get_type ())

G_DECLARE_FINAL_TYPE (CvgParallelCoords, cvg_parallel_coords, CVG, PARALLEL_COORDS, GtkWidget)

/* Parallel coordinates of the sessions: an axis per hparam and metric,
 * a line per session in the colour it is given. Dragging along an axis
 * brushes it ("brush-changed", also when a scale changes); a click on an
 * axis clears its brush. A click on a numeric axis' title chooses its
 * scale (linear, log, quantile); dragging a title moves its axis, an
 * order kept, by title, across set_data(). Hovering a line emphasises it
 * and names its run; clicking it emits "session-activated". */

GtkWidget *cvg_parallel_coords_new      (void);
/* Borrows @axes, which the caller keeps until the next call; @colors
 * and @names (char *, one per session) are copied. NULL shows nothing. */
void       cvg_parallel_coords_set_data (CvgParallelCoords *self,
                                         CvgHparamsAxes    *axes,
                                         GPtrArray         *colors,
                                         GPtrArray         *names);
/* Brushes @axis from @low to @high (positions, 0 at the bottom), as a
 * drag does; for tests. */
void       cvg_parallel_coords_brush    (CvgParallelCoords *self,
                                         guint              axis,
                                         double             low,
                                         double             high);
/* Moves the axis shown in slot @from (0 at the left) to slot @to, as a
 * drag of its title does. */
void       cvg_parallel_coords_move_axis     (CvgParallelCoords *self,
                                              guint              from,
                                              guint              to);
/* The axis shown in @slot. */
guint      cvg_parallel_coords_get_slot_axis (CvgParallelCoords *self,
                                              guint              slot);
/* As the title's menu does; FALSE where the axis cannot have @scale. */
gboolean   cvg_parallel_coords_set_scale     (CvgParallelCoords *self,
                                              guint              axis,
                                              CvgAxisScale       scale);

G_END_DECLS
