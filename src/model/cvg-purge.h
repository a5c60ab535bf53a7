/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A restart seen while reading: when the series held @position points,
 * every one of them with step >= @step was orphaned. */
typedef struct
{
  gsize  position;
  gint64 step;
} CvgCut;

/* Writes into @keep[i] whether point i survives all cuts that came after
 * it (TensorBoard's purge rules, applied afterwards so that nothing read
 * is ever lost). @cuts are in read order. Returns the number kept. */
gsize cvg_purge_compute (const gint64 *steps,
                         gsize         n_points,
                         const CvgCut *cuts,
                         gsize         n_cuts,
                         gboolean     *keep);

G_END_DECLS
