/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-sparse"

#include "config.h"

#include <stdlib.h>

#include "cvg-projection-private.h"
#include "cvg-sparse.h"

typedef struct {
  guint32 col;
  double  val;
} Entry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = a, *y = b;

  return x->col < y->col ? -1 : x->col > y->col;
}

gboolean
cvg_sparse_symmetrise (CvgSparse          *sparse,
                       const CvgKnnGraph  *graph,
                       gsize               k,
                       const double       *weights,
                       CvgSparseMerge      merge,
                       GError            **error)
{
  gsize n = cvg_knn_graph_get_n_points (graph), total = 0;
  g_autofree Entry *entries = NULL;
  g_autofree gsize *fill = NULL;

  *sparse = (CvgSparse) { n };
  entries = cvg_projection_alloc (n, 2 * k, sizeof (Entry), error);
  sparse->row_start = entries ? cvg_projection_alloc (n + 1, 1, sizeof (gsize), error) : NULL;
  if (sparse->row_start == NULL)
    return FALSE;

  /* Each pair in both directions, grouped by row. */
  for (gsize i = 0; i < n; i++)
    {
      const CvgNeighbor *row = cvg_knn_graph_get_row (graph, i);

      sparse->row_start[i + 1] += k;
      for (gsize j = 0; j < k; j++)
        sparse->row_start[row[j].index + 1]++;
    }
  for (gsize i = 0; i < n; i++)
    sparse->row_start[i + 1] += sparse->row_start[i];
  fill = g_memdup2 (sparse->row_start, n * sizeof (gsize));
  for (gsize i = 0; i < n; i++)
    {
      const CvgNeighbor *row = cvg_knn_graph_get_row (graph, i);

      for (gsize j = 0; j < k; j++)
        {
          double w = weights[i * k + j];

          entries[fill[i]++] = (Entry) { row[j].index, w };
          entries[fill[row[j].index]++] = (Entry) { (guint32) i, w };
        }
    }

  /* Sort each row and merge the pairs seen from both ends. */
  sparse->col = g_new (guint32, MAX (sparse->row_start[n], 1));
  sparse->val = g_new (double, MAX (sparse->row_start[n], 1));
  for (gsize i = 0; i < n; i++)
    {
      gsize b = sparse->row_start[i], e = sparse->row_start[i + 1];

      if (e - b > 1)
        qsort (entries + b, e - b, sizeof (Entry), compare_entries);
      sparse->row_start[i] = total;
      for (gsize x = b; x < e; x++)
        {
          double w = entries[x].val;

          if (total > sparse->row_start[i] && sparse->col[total - 1] == entries[x].col)
            {
              double v = sparse->val[total - 1];

              sparse->val[total - 1] = merge == CVG_SPARSE_SUM ? v + w : v + w - v * w;
            }
          else
            {
              sparse->col[total] = entries[x].col;
              sparse->val[total++] = w;
            }
        }
    }
  sparse->row_start[n] = total;
  return TRUE;
}

void
cvg_sparse_clear (CvgSparse *sparse)
{
  g_clear_pointer (&sparse->row_start, g_free);
  g_clear_pointer (&sparse->col, g_free);
  g_clear_pointer (&sparse->val, g_free);
}
