/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cvg-types.h"

G_BEGIN_DECLS

/* The pure part of the runs table: one row per run, its hparams (from
 * CvgHparams) and per scalar tag the last, min and max value. */

typedef enum
{
  CVG_RUNS_TABLE_LAST,
  CVG_RUNS_TABLE_MIN,
  CVG_RUNS_TABLE_MAX,
} CvgRunsTableStat;

/* Of a scalar series' purged view; NaN is left out of min and max. */
typedef struct
{
  gsize    n_points;          /* 0: no value at all */
  double   value[3];          /* by CvgRunsTableStat; NAN where none */
  gint64   step[3];
  gboolean is_double;
} CvgScalarSummary;

void        cvg_scalar_summary_compute     (CvgSeries              *series,
                                            CvgScalarSummary       *summary);

/* The scalar tags of @runs (CvgRun), each once, sorted. */
GPtrArray  *cvg_runs_table_scalar_tags     (GPtrArray              *runs);

/* Sort order of two cells: numbers ascending, then NaN, then missing
 * cells, whatever the direction is, so that missing stays at the end:
 * callers pass @descending rather than negating the result. */
int         cvg_runs_table_compare_numbers (double                  a,
                                            gboolean                a_found,
                                            double                  b,
                                            gboolean                b_found,
                                            gboolean                descending);

G_END_DECLS
