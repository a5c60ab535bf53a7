/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cvg-types.h"

G_BEGIN_DECLS

/* Every point of one scalar series, packed in chunks that keep each step,
 * wall time and value exact: constant step strides cost nothing, wall
 * times are stored as 32-bit deltas of their bit patterns and values as
 * float when that loses nothing. */

CvgScalarStore *cvg_scalar_store_new             (void);
void            cvg_scalar_store_free            (CvgScalarStore *self);
void            cvg_scalar_store_append          (CvgScalarStore *self,
                                                  gint64          step,
                                                  double          wall_time,
                                                  double          value);
gsize           cvg_scalar_store_get_length      (CvgScalarStore *self);
void            cvg_scalar_store_get             (CvgScalarStore *self,
                                                  gsize           index,
                                                  gint64         *step,
                                                  double         *wall_time,
                                                  double         *value);
/* Copies points [start, start + n) into whichever arrays are non-NULL. */
void            cvg_scalar_store_copy            (CvgScalarStore *self,
                                                  gsize           start,
                                                  gsize           n,
                                                  gint64         *steps,
                                                  double         *wall_times,
                                                  double         *values);
/* Heap bytes held, for the memory benchmark. */
gsize           cvg_scalar_store_get_memory_size (CvgScalarStore *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgScalarStore, cvg_scalar_store_free)

G_END_DECLS
