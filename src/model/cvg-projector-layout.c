/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-projector-layout"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cvg-projector-layout.h"

#include "cvg-scalar-export.h"

/* TensorBoard's THRESHOLD_DIM_NORMALIZE. */
#define SPHEREIZE_MIN_DIMS 50

void
cvg_projector_layout_free (CvgProjectorLayout *layout)
{
  if (layout == NULL)
    return;
  g_free (layout->rows);
  g_free (layout->coords);
  g_free (layout);
}

gboolean
cvg_projector_method_from_string (const char         *name,
                                  CvgProjectorMethod *method)
{
  static const char * const names[] = { "pca", "tsne", "umap", "custom" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (name, names[i]) == 0)
      {
        *method = (CvgProjectorMethod) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
cvg_projector_default_sphereize (CvgEmbedding *embedding)
{
  return embedding->n_dims >= SPHEREIZE_MIN_DIMS;
}

CvgPca *
cvg_projector_compute_pca (CvgEmbedding  *embedding,
                           gboolean       sphereize,
                           GCancellable  *cancellable,
                           GError       **error)
{
  guint n_rows;
  g_autofree guint *rows = NULL;
  g_autofree float *packed = cvg_embedding_pack_finite (embedding, &n_rows, &rows);

  return cvg_pca_compute (packed, n_rows, embedding->n_dims, CVG_PROJECTOR_PCA_COMPONENTS,
                          sphereize ? CVG_PCA_SPHEREIZE : CVG_PCA_CENTRE, 0, cancellable, error);
}

CvgProjectorLayout *
cvg_projector_layout_from_pca (CvgEmbedding *embedding,
                               const CvgPca *pca,
                               guint         n_dims,
                               const guint   axes[3])
{
  CvgProjectorLayout *layout = g_new0 (CvgProjectorLayout, 1);
  gsize k = cvg_pca_get_n_components (pca);
  const float *coordinates = cvg_pca_get_coordinates (pca);
  const double *fractions = cvg_pca_get_variance_fractions (pca);

  layout->rows = cvg_embedding_finite_rows (embedding, &layout->n_rows);
  g_assert (layout->n_rows == cvg_pca_get_n_points (pca));
  layout->n_dims = n_dims;
  layout->coords = g_new0 (float, (gsize) MAX (layout->n_rows, 1) * n_dims);
  layout->n_variances = (guint) MIN (k, CVG_PROJECTOR_PCA_COMPONENTS);
  memcpy (layout->variance_fractions, fractions, layout->n_variances * sizeof (double));
  memcpy (layout->axes, axes, sizeof layout->axes);
  for (guint i = 0; i < layout->n_rows; i++)
    for (guint d = 0; d < n_dims; d++)
      /* An axis past the components computed (D < 3) stays at 0. */
      if (axes[d] < k)
        layout->coords[(gsize) i * n_dims + d] = coordinates[(gsize) i * k + axes[d]];
  return layout;
}

CvgProjectorLayout *
cvg_projector_layout_new (CvgEmbedding *embedding,
                          const float  *positions,
                          guint         n_dims)
{
  CvgProjectorLayout *layout = g_new0 (CvgProjectorLayout, 1);

  layout->rows = cvg_embedding_finite_rows (embedding, &layout->n_rows);
  layout->n_dims = n_dims;
  layout->coords = g_memdup2 (positions, (gsize) MAX (layout->n_rows, 1) * n_dims * sizeof (float));
  return layout;
}

/* The packed rows of @points, leaving out those with a NaN. */
static GArray *
rows_of_points (const GArray *points,
                const int    *row_of_point,
                guint         n_points)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (gsize));

  for (guint i = 0; i < points->len; i++)
    {
      guint point = g_array_index (points, guint, i);
      gsize row;

      if (point >= n_points || row_of_point[point] < 0)
        continue;
      row = (gsize) row_of_point[point];
      g_array_append_val (rows, row);
    }
  return rows;
}

CvgProjectorLayout *
cvg_projector_layout_custom (CvgEmbedding  *embedding,
                             gboolean       sphereize,
                             GArray * const points[CVG_PROJECTOR_N_DIRECTIONS],
                             GError       **error)
{
  guint n_rows, n = embedding->n_points;
  g_autofree float *data = cvg_projector_prepare (embedding, sphereize, &n_rows);
  g_autofree guint *rows = cvg_embedding_finite_rows (embedding, &n_rows);
  g_autofree int *row_of_point = g_new (int, MAX (n, 1));
  g_autoptr(GArray) left = NULL;
  g_autoptr(GArray) right = NULL;
  g_autoptr(GArray) up = NULL;
  g_autoptr(GArray) down = NULL;
  g_autofree float *coords = NULL;

  for (guint i = 0; i < n; i++)
    row_of_point[i] = -1;
  for (guint k = 0; k < n_rows; k++)
    row_of_point[rows[k]] = (int) k;
  left = rows_of_points (points[CVG_PROJECTOR_LEFT], row_of_point, n);
  right = rows_of_points (points[CVG_PROJECTOR_RIGHT], row_of_point, n);
  up = rows_of_points (points[CVG_PROJECTOR_UP], row_of_point, n);
  down = rows_of_points (points[CVG_PROJECTOR_DOWN], row_of_point, n);
  coords = cvg_custom_projection (data, n_rows, embedding->n_dims, left, right, up, down, error);
  if (coords == NULL)
    return NULL;
  return cvg_projector_layout_new (embedding, coords, 2);
}

float *
cvg_projector_prepare (CvgEmbedding *embedding,
                       gboolean      sphereize,
                       guint        *n_rows)
{
  g_autofree guint *rows = NULL;
  float *packed = cvg_embedding_pack_finite (embedding, n_rows, &rows);
  guint d = embedding->n_dims;
  g_autofree double *centroid = g_new0 (double, d);

  if (!sphereize || *n_rows == 0)
    return packed;
  for (guint i = 0; i < *n_rows; i++)
    for (guint j = 0; j < d; j++)
      centroid[j] += packed[(gsize) i * d + j];
  for (guint j = 0; j < d; j++)
    centroid[j] /= *n_rows;
  for (guint i = 0; i < *n_rows; i++)
    {
      float *row = packed + (gsize) i * d;
      double norm = 0;

      for (guint j = 0; j < d; j++)
        {
          row[j] = (float) (row[j] - centroid[j]);
          norm += (double) row[j] * row[j];
        }
      norm = sqrt (norm);
      for (guint j = 0; j < d && norm > 0; j++)
        row[j] = (float) (row[j] / norm);
    }
  return packed;
}

void
cvg_projector_append_csv (GString                  *out,
                          CvgEmbedding             *embedding,
                          const CvgProjectorLayout *layout)
{
  static const char * const axes[] = { "x", "y", "z" };

  g_string_append (out, "index");
  for (guint d = 0; d < layout->n_dims; d++)
    g_string_append_printf (out, ",%s", axes[d]);
  for (guint c = 0; c < embedding->n_columns; c++)
    {
      g_string_append_c (out, ',');
      cvg_scalar_export_append_csv_field (out, embedding->column_names[c]);
    }
  g_string_append (out, "\n");
  for (guint i = 0; i < layout->n_rows; i++)
    {
      g_string_append_printf (out, "%u", layout->rows[i]);
      for (guint d = 0; d < layout->n_dims; d++)
        {
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          g_string_append_c (out, ',');
          g_string_append (out, g_ascii_formatd (number, sizeof number, "%.9g",
                                                 layout->coords[(gsize) i * layout->n_dims + d]));
        }
      for (guint c = 0; c < embedding->n_columns; c++)
        {
          const char *cell = cvg_embedding_get_cell (embedding, layout->rows[i], c);

          g_string_append_c (out, ',');
          if (cell != NULL)
            cvg_scalar_export_append_csv_field (out, cell);
        }
      g_string_append (out, "\n");
    }
}
