/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-runs-row"

#include "config.h"

#include "cvg-runs-row.h"

struct _CvgRunsRow
{
  GObject           parent_instance;

  CvgRunInfo       *info;
  const CvgSession *session;
  CvgScalarSummary *summaries;
  guint             n_summaries;
};

G_DEFINE_FINAL_TYPE (CvgRunsRow, cvg_runs_row, G_TYPE_OBJECT)

static void
cvg_runs_row_finalize (GObject *object)
{
  CvgRunsRow *self = CVG_RUNS_ROW (object);

  g_clear_object (&self->info);
  g_clear_pointer (&self->summaries, g_free);
  G_OBJECT_CLASS (cvg_runs_row_parent_class)->finalize (object);
}

static void
cvg_runs_row_class_init (CvgRunsRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cvg_runs_row_finalize;
}

static void
cvg_runs_row_init (CvgRunsRow *self)
{
}

CvgRunsRow *
cvg_runs_row_new (CvgRunInfo       *info,
                  const CvgSession *session,
                  CvgScalarSummary *summaries,
                  guint             n_summaries)
{
  CvgRunsRow *self = g_object_new (CVG_TYPE_RUNS_ROW, NULL);

  self->info = g_object_ref (info);
  self->session = session;
  self->summaries = summaries;
  self->n_summaries = n_summaries;
  return self;
}

CvgRunInfo *
cvg_runs_row_get_info (CvgRunsRow *self)
{
  g_return_val_if_fail (CVG_IS_RUNS_ROW (self), NULL);
  return self->info;
}

const CvgSession *
cvg_runs_row_get_session (CvgRunsRow *self)
{
  g_return_val_if_fail (CVG_IS_RUNS_ROW (self), NULL);
  return self->session;
}

const CvgScalarSummary *
cvg_runs_row_get_summary (CvgRunsRow *self,
                          guint       index)
{
  g_return_val_if_fail (CVG_IS_RUNS_ROW (self), NULL);
  if (index >= self->n_summaries || self->summaries[index].n_points == 0)
    return NULL;
  return &self->summaries[index];
}
