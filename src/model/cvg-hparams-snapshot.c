/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-hparams-snapshot"

#include "config.h"

#include "cvg-hparams.h"
#include "cvg-run-private.h"

static CvgSeries *
copy_series (CvgSeries *series)
{
  CvgSeries *copy = cvg_series_new (cvg_series_get_tag (series), cvg_series_get_kind (series),
                                    cvg_series_get_encoding (series));

  cvg_series_set_metadata (copy, cvg_series_get_plugin_name (series), cvg_series_get_plugin_content (series),
                           cvg_series_get_display_name (series), cvg_series_get_description (series));
  cvg_series_append_series (copy, series);
  return copy;
}

/* Built as a delta merged into an empty run, so that the run indexes the
 * series as it does those read live. @delta is emptied for the next run. */
static CvgRun *
copy_run (CvgRun *run,
          CvgRun *delta)
{
  CvgRun *copy = cvg_run_new_like (run);

  for (guint i = 0; i < run->series->len; i++)
    {
      CvgSeries *series = g_ptr_array_index (run->series, i);
      CvgKind kind = cvg_series_get_kind (series);

      if (kind == CVG_KIND_SCALAR || kind == CVG_KIND_HPARAMS)
        g_ptr_array_add (delta->series, copy_series (series));
    }
  delta->start_time = run->start_time;
  /* Counted so that a later snapshot knows whether the run grew. */
  delta->n_records = run->n_records;
  delta->n_bytes = run->n_bytes;
  cvg_run_merge (copy, delta, NULL);
  g_ptr_array_set_size (delta->series, 0);
  return copy;
}

static gboolean
is_current (CvgRun *copy,
            CvgRun *run)
{
  return copy != NULL && copy->n_records == run->n_records && copy->n_bytes == run->n_bytes;
}

static gboolean
is_stale (gpointer run,
          gpointer copy,
          gpointer listed)
{
  return !g_hash_table_contains (listed, run);
}

GHashTable *
cvg_hparams_snapshot_cache_new (void)
{
  return g_hash_table_new_full (NULL, NULL, (GDestroyNotify) cvg_run_unref, (GDestroyNotify) cvg_run_unref);
}

void
cvg_hparams_snapshot_add (GHashTable *cache,
                          GPtrArray  *runs,
                          guint       n,
                          GPtrArray  *copies)
{
  g_autoptr(CvgRun) delta = NULL;
  guint end = MIN (runs->len, copies->len + n);

  for (guint i = copies->len; i < end; i++)
    {
      CvgRun *run = g_ptr_array_index (runs, i);
      CvgRun *copy = g_hash_table_lookup (cache, run);

      if (!is_current (copy, run))
        {
          if (delta == NULL)
            delta = cvg_run_new_like (run);
          copy = copy_run (run, delta);
          g_hash_table_replace (cache, cvg_run_ref (run), copy);
        }
      g_ptr_array_add (copies, cvg_run_ref (copy));
    }
}

void
cvg_hparams_snapshot_prune (GHashTable *cache,
                            GPtrArray  *runs)
{
  g_autoptr(GHashTable) listed = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < runs->len; i++)
    g_hash_table_add (listed, g_ptr_array_index (runs, i));
  g_hash_table_foreach_remove (cache, is_stale, listed);
}
