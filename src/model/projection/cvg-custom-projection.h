/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cvg-projection.h"

G_BEGIN_DECLS

/*
 * TensorBoard's custom projection (vz_projector reprojectCustom): each
 * direction is the centroid of a set of rows (the matches of a metadata
 * query, chosen by the caller), and every row v is placed at
 *   x = v · (c_right − c_left),   y = v · (c_up − c_down),
 * not normalised. Each set is a GArray of gsize row indexes; an empty
 * set or an index ≥ N is an error. Returns N × 2 floats (g_free), or
 * %NULL with @error set. Fast (N × D), but blocking: a worker thread for
 * large matrices.
 */
float *cvg_custom_projection (const float   *data,
                              gsize          n_points,
                              gsize          n_dims,
                              const GArray  *left,
                              const GArray  *right,
                              const GArray  *up,
                              const GArray  *down,
                              GError       **error);

G_END_DECLS
