/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cvg-hparams.h"
#include "cvg-run-info.h"
#include "cvg-runs-table.h"

G_BEGIN_DECLS

#define CVG_TYPE_RUNS_ROW (cvg_runs_row_get_type ())

G_DECLARE_FINAL_TYPE (CvgRunsRow, cvg_runs_row, CVG, RUNS_ROW, GObject)

/* One row of the runs table: a run, its session (borrowed from the
 * CvgHparams the page keeps while the row is listed) and the summary of
 * each scalar tag (@summaries, @n_summaries of them, taken; computed off
 * the main thread). */
CvgRunsRow             *cvg_runs_row_new         (CvgRunInfo       *info,
                                                  const CvgSession *session,
                                                  CvgScalarSummary *summaries,
                                                  guint             n_summaries);
CvgRunInfo             *cvg_runs_row_get_info    (CvgRunsRow       *self);
const CvgSession       *cvg_runs_row_get_session (CvgRunsRow       *self);
/* NULL where the run has no points of tag @index. */
const CvgScalarSummary *cvg_runs_row_get_summary (CvgRunsRow       *self,
                                                  guint             index);

G_END_DECLS
