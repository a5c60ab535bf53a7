/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cvg-hparams.h"

G_BEGIN_DECLS

/* The axes of the parallel coordinates: one per hparam, then one per
 * metric, each mapping a session's value to a position from 0 (bottom)
 * to 1 (top): numbers between their min and max on the axis' scale, anything else
 * as categories evenly spaced in sorted order. A brush on an axis keeps
 * the sessions whose position lies inside it. */

typedef struct _CvgHparamsAxes CvgHparamsAxes;

/* How a numeric axis places values: linearly, by their logarithm (only
 * when every value is > 0), or by their rank among the sessions' values
 * (quantiles: evenly spread, whatever their distances). */
typedef enum
{
  CVG_AXIS_SCALE_LINEAR,
  CVG_AXIS_SCALE_LOG,
  CVG_AXIS_SCALE_QUANTILE,
} CvgAxisScale;

/* Borrows @hparams, which must outlive it. */
CvgHparamsAxes *cvg_hparams_axes_new          (CvgHparams     *hparams);
void            cvg_hparams_axes_free         (CvgHparamsAxes *self);

guint           cvg_hparams_axes_get_n_axes   (CvgHparamsAxes *self);
const char     *cvg_hparams_axes_get_title    (CvgHparamsAxes *self,
                                               guint           axis);
/* The text of position @position of @axis: a number with 4 significant
 * digits, or a category's name; NULL where there is none. */
char           *cvg_hparams_axes_get_label    (CvgHparamsAxes *self,
                                               guint           axis,
                                               double          position);
gboolean        cvg_hparams_axes_is_numeric   (CvgHparamsAxes *self,
                                               guint           axis);
/* NAN where the session has no value on the axis. */
double          cvg_hparams_axes_get_position (CvgHparamsAxes *self,
                                               guint           axis,
                                               guint           session);

gboolean        cvg_hparams_axes_can_log      (CvgHparamsAxes *self,
                                               guint           axis);
CvgAxisScale    cvg_hparams_axes_get_scale    (CvgHparamsAxes *self,
                                               guint           axis);
/* FALSE, changing nothing, for a categorical axis or a log scale that
 * cannot be; a change clears the axis' brush. Linear by default. */
gboolean        cvg_hparams_axes_set_scale    (CvgHparamsAxes *self,
                                               guint           axis,
                                               CvgAxisScale    scale);

/* [@low, @high] in positions; a brush of @low > @high is cleared. */
void            cvg_hparams_axes_set_brush    (CvgHparamsAxes *self,
                                               guint           axis,
                                               double          low,
                                               double          high);
gboolean        cvg_hparams_axes_get_brush    (CvgHparamsAxes *self,
                                               guint           axis,
                                               double         *low,
                                               double         *high);
gboolean        cvg_hparams_axes_has_brush    (CvgHparamsAxes *self);
/* Inside every brush (a session without a value on a brushed axis is not). */
gboolean        cvg_hparams_axes_passes       (CvgHparamsAxes *self,
                                               guint           session);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgHparamsAxes, cvg_hparams_axes_free)

G_END_DECLS
