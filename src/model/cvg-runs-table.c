/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-runs-table"

#include "config.h"

#include "cvg-runs-table.h"

#include <math.h>
#include <string.h>

#include "cvg-run.h"
#include "cvg-series.h"

void
cvg_scalar_summary_compute (CvgSeries        *series,
                            CvgScalarSummary *summary)
{
  g_autoptr(GArray) indices = cvg_series_get_purged_indices (series);

  for (guint s = 0; s < 3; s++)
    {
      summary->value[s] = NAN;
      summary->step[s] = 0;
    }
  summary->n_points = indices->len;
  summary->is_double = cvg_series_is_double (series);
  for (guint i = 0; i < indices->len; i++)
    {
      guint index = g_array_index (indices, guint, i);
      double value = cvg_series_get_value (series, index);
      gint64 step = cvg_series_get_step (series, index);

      summary->value[CVG_RUNS_TABLE_LAST] = value;
      summary->step[CVG_RUNS_TABLE_LAST] = step;
      if (isnan (value))
        continue;
      if (isnan (summary->value[CVG_RUNS_TABLE_MIN]) || value < summary->value[CVG_RUNS_TABLE_MIN])
        {
          summary->value[CVG_RUNS_TABLE_MIN] = value;
          summary->step[CVG_RUNS_TABLE_MIN] = step;
        }
      if (isnan (summary->value[CVG_RUNS_TABLE_MAX]) || value > summary->value[CVG_RUNS_TABLE_MAX])
        {
          summary->value[CVG_RUNS_TABLE_MAX] = value;
          summary->step[CVG_RUNS_TABLE_MAX] = step;
        }
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
cvg_runs_table_scalar_tags (GPtrArray *runs)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *tags = g_ptr_array_new ();

  for (guint r = 0; r < runs->len; r++)
    {
      GPtrArray *all = cvg_run_get_series (g_ptr_array_index (runs, r));

      for (guint i = 0; i < all->len; i++)
        {
          CvgSeries *series = g_ptr_array_index (all, i);
          const char *tag = cvg_series_get_tag (series);

          if (cvg_series_get_kind (series) == CVG_KIND_SCALAR && g_hash_table_add (seen, (gpointer) tag))
            g_ptr_array_add (tags, (gpointer) tag);
        }
    }
  g_ptr_array_sort (tags, compare_strings);
  return tags;
}

/* 0 for a number, 1 for NaN, 2 for a missing cell. */
static int
rank (double   value,
      gboolean found)
{
  return !found ? 2 : isnan (value) ? 1 : 0;
}

int
cvg_runs_table_compare_numbers (double   a,
                                gboolean a_found,
                                double   b,
                                gboolean b_found,
                                gboolean descending)
{
  int ra = rank (a, a_found), rb = rank (b, b_found);

  if (ra != rb)
    return ra < rb ? -1 : 1;
  if (ra != 0 || a == b)
    return 0;
  return (a < b) != descending ? -1 : 1;
}
