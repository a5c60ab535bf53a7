/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cvg-types.h"
#include "cvg-io-types.h"

G_BEGIN_DECLS

/* One tag of one run: every point as it was read (the raw view), plus the
 * restart cuts from which the purged view is derived. Not a GObject: a
 * loader thread fills it while nobody else looks at it. */

/* A stored non-scalar value; it and everything it points to live in the
 * series' memory, which never moves, as long as the series does. */
typedef struct
{
  CvgDataType    dtype;
  guint          rank;
  gint64         dims[CVG_TENSOR_MAX_RANK];
  gsize          n_elements;
  const double  *numbers;   /* numeric dtypes */
  const CvgSpan *strings;   /* DT_STRING */
} CvgTensorValue;

CvgSeries   *cvg_series_new                (const char     *tag,
                                            CvgKind         kind,
                                            CvgEncoding     encoding);
void         cvg_series_free               (CvgSeries      *self);

const char  *cvg_series_get_tag            (CvgSeries      *self);
CvgKind      cvg_series_get_kind           (CvgSeries      *self);
CvgEncoding  cvg_series_get_encoding       (CvgSeries      *self);
const char  *cvg_series_get_plugin_name    (CvgSeries      *self);
GBytes      *cvg_series_get_plugin_content (CvgSeries      *self);
const char  *cvg_series_get_display_name   (CvgSeries      *self);
const char  *cvg_series_get_description    (CvgSeries      *self);
void         cvg_series_set_metadata       (CvgSeries      *self,
                                            const char     *plugin_name,
                                            GBytes         *plugin_content,
                                            const char     *display_name,
                                            const char     *description);
/* TRUE when some value came as 64 bits (export prints it with %.17g). */
gboolean     cvg_series_is_double          (CvgSeries      *self);

gsize        cvg_series_get_length         (CvgSeries      *self);
gint64       cvg_series_get_step           (CvgSeries      *self,
                                            gsize           index);
double       cvg_series_get_wall_time      (CvgSeries      *self,
                                            gsize           index);
/* Scalars only. */
double       cvg_series_get_value          (CvgSeries      *self,
                                            gsize           index);
CvgScalarStore *cvg_series_get_scalars     (CvgSeries      *self);
/* Non-scalars. */
const CvgTensorValue *cvg_series_get_tensor (CvgSeries     *self,
                                            gsize           index);

void         cvg_series_append_scalar      (CvgSeries      *self,
                                            gint64          step,
                                            double          wall_time,
                                            double          value,
                                            CvgScalarWidth  width);
/* Copies the numbers or strings of @tensor into the series. */
void         cvg_series_append_tensor      (CvgSeries      *self,
                                            gint64          step,
                                            double          wall_time,
                                            const CvgTensor *tensor);
/* A value of raw bytes (graphs, configs, plugin content): a rank-0 string. */
void         cvg_series_append_bytes       (CvgSeries      *self,
                                            gint64          step,
                                            double          wall_time,
                                            const guint8   *data,
                                            gsize           len);

/* A restart: points stored so far with step >= @step leave the purged view. */
void         cvg_series_add_cut            (CvgSeries      *self,
                                            gint64          step);
/* Indices of the points TensorBoard's purge rules keep, in read order. */
GArray      *cvg_series_get_purged_indices (CvgSeries      *self);
gsize        cvg_series_get_memory_size    (CvgSeries      *self);

/* Live reading. A reader thread hands on what it read since the last
 * call: the returned series holds those points (and cuts), @self keeps
 * its tag, kind and metadata, and counts the points handed on, so later
 * cuts keep their place. O(1): containers move, points are not copied. */
CvgSeries   *cvg_series_steal              (CvgSeries      *self);
/* Points handed on before this series' first one. */
gsize        cvg_series_get_base           (CvgSeries      *self);
guint        cvg_series_get_n_cuts         (CvgSeries      *self);
/* Appends every point and cut of @more (a series of the same kind, from
 * cvg_series_steal()) after the points of @self. */
void         cvg_series_append_series      (CvgSeries      *self,
                                            CvgSeries      *more);
/* Changes whenever points are appended after the series is shown
 * (cvg_series_append_series() bumps it): views compare it with the one
 * they drew to learn whether the series grew. */
guint        cvg_series_get_generation     (CvgSeries      *self);
void         cvg_series_bump_generation    (CvgSeries      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgSeries, cvg_series_free)

G_END_DECLS
