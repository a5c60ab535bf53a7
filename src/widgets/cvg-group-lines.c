/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-group-lines"

#include "config.h"

#include "cvg-group-lines.h"

#include <gdk/gdk.h>
#include <glib/gi18n.h>
#include <string.h>

#include "cvg-plot-line.h"
#include "cvg-run-info.h"
#include "cvg-run-node.h"
#include "cvg-run-palette.h"
#include "cvg-run.h"
#include "cvg-series.h"

GPtrArray *
cvg_group_lines_assign (GListModel         *runs,
                        const CvgGroupSpec *spec)
{
  guint n = runs != NULL ? g_list_model_get_n_items (runs) : 0;
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree const char **names = g_new (const char *, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      CvgRunInfo *info = g_list_model_get_item (runs, i);

      g_ptr_array_add (infos, info);
      names[i] = cvg_run_info_get_name (info);
    }
  return cvg_run_groups_assign (names, n, spec->by, spec->depth, spec->regex);
}

/* One colour per group, stable by the groups' names as runs' are. */
static char **
group_colors (GPtrArray *groups)
{
  g_autofree const char **names = g_new (const char *, MAX (groups->len, 1));
  g_autofree guint *slots = g_new (guint, MAX (groups->len, 1));
  char **colors = g_new0 (char *, groups->len + 1);

  for (guint g = 0; g < groups->len; g++)
    names[g] = ((CvgRunGroup *) g_ptr_array_index (groups, g))->name;
  cvg_run_palette_assign (names, groups->len, slots);
  for (guint g = 0; g < groups->len; g++)
    colors[g] = g_strdup (cvg_run_palette_get_color (slots[g]));
  return colors;
}

static GdkRGBA
parse_color (const char *text)
{
  GdkRGBA rgba = { 0.5, 0.5, 0.5, 1 };

  gdk_rgba_parse (&rgba, text);
  return rgba;
}

/* A group's line: its members' aggregate on the spec's axis. */
static CvgPlotLine *
group_line (const CvgRunGroup  *group,
            GPtrArray          *series,
            const GdkRGBA      *color,
            const CvgGroupSpec *spec,
            CvgMemberCache     *cache)
{
  g_autofree CvgMember *members = g_new0 (CvgMember, MAX (series->len, 1));
  g_autoptr(CvgGroupSeries) aggregate = NULL;
  CvgPlotLine *line = NULL;

  for (guint i = 0; i < series->len; i++)
    members[i] = *cvg_member_cache_get (cache, g_ptr_array_index (series, i), spec->x_axis,
                                        spec->smoother, spec->smoothing);
  aggregate = cvg_aggregate_members (members, series->len, spec->aggregate, spec->band);
  if (aggregate == NULL)
    return NULL;

  line = cvg_plot_line_new_points (group->name, color, spec->x_axis, aggregate->n, aggregate->xs,
                                   aggregate->centre);
  cvg_plot_line_set_band (line, aggregate->lower, aggregate->upper, aggregate->counts);
  /* Translators: what a group's tooltip calls its line's value */
  cvg_plot_line_set_value_name (line, spec->aggregate == CVG_AGGREGATE_MEDIAN ? _("median") : _("mean"));
  return line;
}

GPtrArray *
cvg_group_lines_build (GListModel         *runs,
                       GPtrArray          *groups,
                       const char         *tag,
                       const CvgGroupSpec *spec,
                       CvgMemberCache     *cache)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) cvg_plot_line_unref);
  g_auto(GStrv) colors = group_colors (groups);
  g_autoptr(GPtrArray) faint = g_ptr_array_new_with_free_func ((GDestroyNotify) cvg_plot_line_unref);

  for (guint g = 0; g < groups->len; g++)
    {
      const CvgRunGroup *group = g_ptr_array_index (groups, g);
      g_autoptr(GPtrArray) series = g_ptr_array_new ();
      GdkRGBA color = parse_color (colors[g]);
      CvgPlotLine *line;

      for (guint m = 0; m < group->members->len; m++)
        {
          g_autoptr(CvgRunInfo) info = g_list_model_get_item (runs, g_array_index (group->members, guint, m));
          CvgRun *run = cvg_run_info_get_run (info);
          CvgSeries *s = cvg_run_lookup_series (run, CVG_KIND_SCALAR, tag);
          char tint[8];
          GdkRGBA tint_rgba;

          if (!cvg_run_info_get_visible (info) || s == NULL || cvg_series_get_length (s) == 0)
            continue;
          g_ptr_array_add (series, s);
          if (!spec->members)
            continue;
          cvg_run_palette_tint (colors[g], m, group->members->len, tint);
          tint_rgba = parse_color (tint);
          line = cvg_plot_line_new_series (cvg_run_info_get_name (info), &tint_rgba, run, tag);
          cvg_plot_line_set_faint (line, TRUE);
          g_ptr_array_add (faint, line);
        }
      if (series->len == 0)
        continue;
      line = group_line (group, series, &color, spec, cache);
      if (line != NULL)
        g_ptr_array_add (lines, line);
    }
  /* Members first, so that every group's line is drawn over them. */
  g_ptr_array_extend_and_steal (faint, g_steal_pointer (&lines));
  return g_steal_pointer (&faint);
}

GListStore *
cvg_group_lines_tree (GListModel *runs,
                      GPtrArray  *groups)
{
  GListStore *top = g_list_store_new (CVG_TYPE_RUN_NODE);
  g_auto(GStrv) colors = group_colors (groups);

  for (guint g = 0; g < groups->len; g++)
    {
      const CvgRunGroup *group = g_ptr_array_index (groups, g);
      g_autoptr(CvgRunNode) folder = cvg_run_node_new_folder (group->name, group->name);

      cvg_run_node_set_color (folder, colors[g]);
      for (guint m = 0; m < group->members->len; m++)
        {
          g_autoptr(CvgRunInfo) info = g_list_model_get_item (runs, g_array_index (group->members, guint, m));
          const char *name = cvg_run_info_get_name (info);
          gsize prefix = strlen (group->name);
          /* A folder's group lists its runs by the rest of their names. */
          gboolean inside = strncmp (name, group->name, prefix) == 0 && name[prefix] == '/' && name[prefix + 1] != '\0';
          g_autoptr(CvgRunNode) leaf = cvg_run_node_new_run (inside ? name + prefix + 1 : name, info);
          char tint[8];

          cvg_run_palette_tint (colors[g], m, group->members->len, tint);
          cvg_run_node_set_color (leaf, tint);
          cvg_run_node_append (folder, leaf);
        }
      g_list_store_append (top, folder);
    }
  return top;
}
