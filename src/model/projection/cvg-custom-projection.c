/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-custom-projection"

#include "config.h"

#include <glib/gi18n.h>

#include "cvg-custom-projection.h"
#include "cvg-projection-private.h"

/* @axis += @sign × the centroid of @rows. */
static gboolean
add_centroid (const float   *data,
              gsize          n_points,
              gsize          n_dims,
              const GArray  *rows,
              double         sign,
              double        *axis,
              GError       **error)
{
  if (rows == NULL || rows->len == 0)
    {
      g_set_error (error, CVG_PROJECTION_ERROR, CVG_PROJECTION_ERROR_INVALID,
                   _("A direction of the custom projection matches no point"));
      return FALSE;
    }
  for (guint r = 0; r < rows->len; r++)
    {
      gsize row = g_array_index (rows, gsize, r);

      if (!cvg_projection_check_row (row, n_points, error))
        return FALSE;
      for (gsize j = 0; j < n_dims; j++)
        axis[j] += sign * data[row * n_dims + j] / rows->len;
    }
  return TRUE;
}

float *
cvg_custom_projection (const float   *data,
                       gsize          n_points,
                       gsize          n_dims,
                       const GArray  *left,
                       const GArray  *right,
                       const GArray  *up,
                       const GArray  *down,
                       GError       **error)
{
  g_autofree double *x_axis = NULL;
  g_autofree double *y_axis = NULL;
  float *coordinates;

  if (!cvg_projection_check_matrix (n_points, n_dims, NULL, error))
    return NULL;
  x_axis = g_new0 (double, n_dims);
  y_axis = g_new0 (double, n_dims);
  if (!add_centroid (data, n_points, n_dims, right, 1, x_axis, error) ||
      !add_centroid (data, n_points, n_dims, left, -1, x_axis, error) ||
      !add_centroid (data, n_points, n_dims, up, 1, y_axis, error) ||
      !add_centroid (data, n_points, n_dims, down, -1, y_axis, error))
    return NULL;
  coordinates = cvg_projection_alloc (n_points, 2, sizeof (float), error);
  if (coordinates == NULL)
    return NULL;
  for (gsize i = 0; i < n_points; i++)
    {
      double x = 0, y = 0;

      for (gsize j = 0; j < n_dims; j++)
        {
          x += data[i * n_dims + j] * x_axis[j];
          y += data[i * n_dims + j] * y_axis[j];
        }
      coordinates[2 * i] = (float) x;
      coordinates[2 * i + 1] = (float) y;
    }
  return coordinates;
}
