/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cvg-io-error.h"
#include "cvg-run.h"
#include "cvg-series.h"

G_BEGIN_DECLS

#define TAG_CACHE_SIZE 256

typedef struct
{
  CvgSeries *series;
  gsize      tag_len;
} CvgTagCacheEntry;

struct _CvgRun
{
  gatomicrefcount  ref_count;
  char            *name;
  char            *path;
  GPtrArray       *files;            /* CvgRecordFile, in file-name order */

  GPtrArray       *series;           /* CvgSeries, owned, first-seen order */
  GHashTable      *summary_series;   /* tag -> CvgSeries */
  GHashTable      *event_series;     /* "kind/tag" -> CvgSeries */
  CvgTagCacheEntry tag_cache[TAG_CACHE_SIZE];
  GPtrArray       *problems;         /* CvgProblem */

  char            *file_version;
  double           version_number;
  gboolean         seen_start;
  gboolean         have_summary_step;
  gint64           last_summary_step;

  guint64          n_records;
  guint64          n_bytes;
  double           start_time;

  /* What cvg_run_steal_delta() has handed on already. */
  guint            n_series_posted;
  guint64          n_records_posted;
  guint64          n_bytes_posted;

  /* While reading one file. */
  const char      *current_path;
  gint             cancelled;         /* atomic, cvg_run_cancel() */
  gboolean         lost_connection;   /* cvg_run_take_lost_connection() */
};

void cvg_run_add_problem   (CvgRun         *self,
                            guint64         offset,
                            CvgIoErrorCode  code,
                            const char     *format,
                            ...) G_GNUC_PRINTF (4, 5);
void cvg_run_decode_record (CvgRun         *self,
                            const guint8   *data,
                            gsize           len,
                            guint64         offset);

G_END_DECLS
