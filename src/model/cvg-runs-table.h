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

/* Row filters typed by the user, clauses separated by spaces, all to
 * hold: `COLUMN>=X`, `>`, `<=`, `<` (a number range), `COLUMN=A..B`
 * (a closed range), `COLUMN=A,B` (a set of values, as shown, in any
 * case), and `COLUMN~REGEX` (a search in the text, in any case). A row without the column's
 * value does not pass. */
typedef struct _CvgRowFilter CvgRowFilter;

/* The cell of @column in the row being tested: TRUE with its text (and
 * @number set, NAN for a text) when the row has one. */
typedef gboolean (*CvgRowFilterCellFunc) (const char  *column,
                                          char       **text,
                                          double      *number,
                                          gpointer     user_data);

/* NULL with @error when @text is not a filter; an empty text gives a
 * filter that passes every row. */
CvgRowFilter *cvg_row_filter_parse   (const char            *text,
                                      GError               **error);
void          cvg_row_filter_free    (CvgRowFilter          *self);
gboolean      cvg_row_filter_matches (CvgRowFilter          *self,
                                      CvgRowFilterCellFunc   cell,
                                      gpointer               user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgRowFilter, cvg_row_filter_free)

G_END_DECLS
