/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-export-groups"

#include "config.h"

#include "cvg-cli.h"

#include <string.h>

#include "cvg-aggregate.h"
#include "cvg-run-groups.h"
#include "cvg-run.h"
#include "cvg-scalar-export.h"
#include "cvg-series.h"

/* The scalar tags of a group's runs that pass --tag, sorted. */
static GPtrArray *
group_tags (GPtrArray   *runs,
            GArray      *members,
            GRegex      *tag_regex)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *tags = g_ptr_array_new ();

  for (guint m = 0; m < members->len; m++)
    {
      GPtrArray *series = cvg_run_get_series (g_ptr_array_index (runs, g_array_index (members, guint, m)));

      for (guint i = 0; i < series->len; i++)
        {
          CvgSeries *s = g_ptr_array_index (series, i);
          const char *tag = cvg_series_get_tag (s);

          if (cvg_series_get_kind (s) == CVG_KIND_SCALAR && cvg_export_filter_matches (tag_regex, tag) &&
              g_hash_table_add (seen, (gpointer) tag))
            g_ptr_array_add (tags, (gpointer) tag);
        }
    }
  g_ptr_array_sort (tags, (GCompareFunc) g_strcmp0);
  return tags;
}

/* Appends the rows of @tag of one group: its members aligned on steps,
 * unsmoothed. */
static void
append_tag (GString        *out,
            GPtrArray      *runs,
            CvgRunGroup    *group,
            const char     *tag,
            CvgAggregate    aggregate,
            CvgBand         band)
{
  g_autofree CvgMember *members = g_new0 (CvgMember, group->members->len);
  g_autoptr(CvgGroupSeries) series = NULL;
  guint n = 0;

  for (guint m = 0; m < group->members->len; m++)
    {
      CvgRun *run = g_ptr_array_index (runs, g_array_index (group->members, guint, m));
      CvgSeries *s = cvg_run_lookup_series (run, CVG_KIND_SCALAR, tag);

      if (s != NULL)
        cvg_member_load (s, CVG_X_AXIS_STEP, CVG_SMOOTHER_EMA, 0, &members[n++]);
    }
  series = cvg_aggregate_members (members, n, aggregate, band);
  for (guint m = 0; m < n; m++)
    cvg_member_clear (&members[m]);
  if (series != NULL)
    cvg_scalar_export_append_group_csv (out, group->name, tag, series->n, series->xs, series->centre,
                                        series->lower, series->upper, series->counts);
}

void
cvg_export_groups (GPtrArray                *runs,
                   GRegex                   *run_regex,
                   GRegex                   *tag_regex,
                   GRegex                   *group_regex,
                   CvgAggregate              aggregate,
                   CvgBand                   band,
                   GString                  *out,
                   gsize                     threshold,
                   CvgScalarExportFlushFunc  flush,
                   gpointer                  user_data)
{
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autofree const char **names = NULL;
  g_autoptr(GPtrArray) groups = NULL;

  for (guint i = 0; i < runs->len; i++)
    if (cvg_export_filter_matches (run_regex, cvg_run_get_name (g_ptr_array_index (runs, i))))
      g_ptr_array_add (chosen, g_ptr_array_index (runs, i));
  names = g_new (const char *, MAX (chosen->len, 1));
  for (guint i = 0; i < chosen->len; i++)
    names[i] = cvg_run_get_name (g_ptr_array_index (chosen, i));
  groups = cvg_run_groups_assign (names, chosen->len, CVG_GROUP_BY_REGEX, 0, group_regex);

  g_string_append (out, CVG_SCALAR_EXPORT_GROUP_CSV_HEADER);
  for (guint g = 0; g < groups->len; g++)
    {
      CvgRunGroup *group = g_ptr_array_index (groups, g);
      g_autoptr(GPtrArray) tags = group_tags (chosen, group->members, tag_regex);

      for (guint t = 0; t < tags->len; t++)
        {
          append_tag (out, chosen, group, g_ptr_array_index (tags, t), aggregate, band);
          if (out->len >= threshold && !flush (out, user_data))
            return;
        }
    }
}

gboolean
cvg_export_aggregate_from_string (const char   *name,
                                  CvgAggregate *aggregate)
{
  if (name == NULL || g_strcmp0 (name, "mean") == 0)
    *aggregate = CVG_AGGREGATE_MEAN;
  else if (g_strcmp0 (name, "median") == 0)
    *aggregate = CVG_AGGREGATE_MEDIAN;
  else
    return FALSE;
  return TRUE;
}

gboolean
cvg_export_band_from_string (const char *name,
                             CvgBand    *band)
{
  if (name == NULL || g_strcmp0 (name, "minmax") == 0)
    *band = CVG_BAND_MIN_MAX;
  else if (g_strcmp0 (name, "std") == 0)
    *band = CVG_BAND_STD;
  else if (g_strcmp0 (name, "ci95") == 0)
    *band = CVG_BAND_CI95;
  else
    return FALSE;
  return TRUE;
}
