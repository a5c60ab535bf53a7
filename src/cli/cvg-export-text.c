/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-export-text"

#include "config.h"

#include "cvg-cli.h"

#include <string.h>

#include "cvg-run.h"
#include "cvg-series.h"
#include "cvg-text.h"

static gboolean
matches (GRegex     *regex,
         const char *name)
{
  return regex == NULL || g_regex_match (regex, name, 0, NULL);
}

static int
compare_tags (gconstpointer a,
              gconstpointer b)
{
  return strcmp (cvg_series_get_tag (*(CvgSeries * const *) a), cvg_series_get_tag (*(CvgSeries * const *) b));
}

static void
append_entry (GString    *out,
              const char *run,
              CvgSeries  *series,
              gsize       index)
{
  const CvgTensorValue *value = cvg_series_get_tensor (series, index);
  g_autofree char *text = value != NULL ? cvg_text_value_to_string (value, FALSE) : g_strdup ("");
  char number[CVG_SCALAR_EXPORT_NUMBER_SIZE];

  cvg_scalar_export_append_csv_field (out, run);
  g_string_append_c (out, ',');
  cvg_scalar_export_append_csv_field (out, cvg_series_get_tag (series));
  g_string_append_printf (out, ",%" G_GINT64_FORMAT ",", cvg_series_get_step (series, index));
  cvg_scalar_export_format_wall_time (number, cvg_series_get_wall_time (series, index));
  g_string_append (out, number);
  g_string_append_c (out, ',');
  cvg_scalar_export_append_csv_field (out, text);
  g_string_append_c (out, '\n');
}

void
cvg_export_text (GPtrArray                *runs,
                 GRegex                   *run_regex,
                 GRegex                   *tag_regex,
                 gboolean                  raw,
                 GString                  *out,
                 gsize                     threshold,
                 CvgScalarExportFlushFunc  flush,
                 gpointer                  user_data)
{
  g_string_append (out, "run,tag,step,wall_time,text\n");
  for (guint i = 0; i < runs->len; i++)
    {
      CvgRun *run = g_ptr_array_index (runs, i);
      GPtrArray *all = cvg_run_get_series (run);
      g_autoptr(GPtrArray) chosen = g_ptr_array_new ();

      if (!matches (run_regex, cvg_run_get_name (run)))
        continue;
      for (guint j = 0; j < all->len; j++)
        {
          CvgSeries *series = g_ptr_array_index (all, j);

          if (cvg_series_get_kind (series) == CVG_KIND_TEXT && matches (tag_regex, cvg_series_get_tag (series)))
            g_ptr_array_add (chosen, series);
        }
      g_ptr_array_sort (chosen, compare_tags);
      for (guint j = 0; j < chosen->len; j++)
        {
          CvgSeries *series = g_ptr_array_index (chosen, j);
          g_autoptr(GArray) kept = cvg_series_get_purged_indices (series);

          for (gsize k = 0; k < (raw ? cvg_series_get_length (series) : kept->len); k++)
            {
              append_entry (out, cvg_run_get_name (run), series, raw ? k : g_array_index (kept, guint, k));
              if (out->len >= threshold && !flush (out, user_data))
                return;
            }
        }
    }
}
