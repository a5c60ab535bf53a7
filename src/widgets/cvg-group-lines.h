/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cvg-aggregate.h"
#include "cvg-run-groups.h"
#include "cvg-smoother.h"
#include "cvg-types.h"

G_BEGIN_DECLS

/* How the Scalars page groups runs and draws a group. */
typedef struct
{
  CvgGroupBy   by;
  guint        depth;
  GRegex      *regex;       /* borrowed */
  CvgAggregate aggregate;
  CvgBand      band;
  gboolean     members;     /* each member faintly behind */
  CvgXAxis     x_axis;
  CvgSmoother  smoother;
  double       smoothing;
} CvgGroupSpec;

/* The groups of @runs (a GListModel of CvgRunInfo), named from every run
 * so that they and their colours do not change as runs are hidden.
 * Returns a GPtrArray of CvgRunGroup (cvg-run-groups.h), members
 * indexing @runs. */
GPtrArray  *cvg_group_lines_assign     (GListModel         *runs,
                                        const CvgGroupSpec *spec);

/* The lines of @tag for cvg_scalar_chart_set_lines(): per group, its
 * visible members that have the tag, smoothed, then aligned and
 * aggregated on the spec's x axis into one line (CvgPlotLine of points,
 * named after the group, with its band and counts), in the group's
 * colour; with @spec->members, each member too, faint, in a tint of it.
 * Members come from @cache. A GPtrArray of CvgPlotLine. */
GPtrArray  *cvg_group_lines_build      (GListModel         *runs,
                                        GPtrArray          *groups,
                                        const char         *tag,
                                        const CvgGroupSpec *spec,
                                        CvgMemberCache     *cache);

/* The groups as the sidebar shows them: a GListStore of CvgRunNode
 * folders, one per group, with its members. */
GListStore *cvg_group_lines_tree       (GListModel         *runs,
                                        GPtrArray          *groups);

G_END_DECLS
