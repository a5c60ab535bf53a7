/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cvg-hparams-types.h"
#include "cvg-types.h"

G_BEGIN_DECLS

/* The hparams of a logs folder: its sessions (runs holding a
 * `_hparams_/session_start_info`), their hparam columns and metrics, as
 * TensorBoard's HParams dashboard defines them, plus:
 *
 * - columns are the union of every experiment's hparams and of the
 *   hparams the sessions hold, not only the first experiment's;
 * - a PyTorch `add_hparams` session (the run `PARENT/TIMESTAMP`) is linked
 *   to its parent run, whose scalars count as the session's metrics too.
 *
 * A metric (group G, tag T) of session S is the last point (purged view)
 * of tag T in, first found:
 * 1. the run S/G (S itself when G is empty), as TensorBoard looks;
 * 2. the run PARENT/G of a linked PyTorch session;
 * 3. the run G beside S (Keras' `train`/`validation` written next to the
 *    session, not under it): the last point written while S ran, from
 *    its start to its end (or its last event when it has no end).
 *
 * Built on the thread that owns the runs; an immutable snapshot. */

typedef struct _CvgHparams CvgHparams;

typedef struct
{
  char          *name;
  char          *display_name;  /* "" when none */
  CvgHparamType  type;          /* OTHER when values or experiments disagree */
  gboolean       differs;       /* sessions hold different values */
} CvgHparamColumn;

typedef struct
{
  char *group;
  char *tag;
  char *display_name;
} CvgMetricColumn;

typedef struct
{
  double   value;
  gint64   step;
  gboolean found;
  gboolean is_double;   /* written as 64 bits (printed with %.17g) */
} CvgMetricValue;

typedef struct
{
  CvgRun          *run;
  CvgRun          *parent;      /* the linked PyTorch parent run, or NULL */
  char            *group_name;
  CvgHparamValue  *values;      /* one per column; NONE where missing */
  CvgMetricValue  *metrics;     /* one per metric column */
  gboolean         has_end;
  int              status;      /* CvgSessionStatus; UNKNOWN without an end */
  double           start_time;
  double           end_time;    /* the last event's time without an end */
} CvgSession;

/* @runs: CvgRun, in the logs folder's order. */
CvgHparams            *cvg_hparams_new             (GPtrArray   *runs);
void                   cvg_hparams_free            (CvgHparams  *self);

guint                  cvg_hparams_get_n_columns   (CvgHparams  *self);
const CvgHparamColumn *cvg_hparams_get_column      (CvgHparams  *self,
                                                    guint        index);
guint                  cvg_hparams_get_n_metrics   (CvgHparams  *self);
const CvgMetricColumn *cvg_hparams_get_metric      (CvgHparams  *self,
                                                    guint        index);
guint                  cvg_hparams_get_n_sessions  (CvgHparams  *self);
const CvgSession      *cvg_hparams_get_session     (CvgHparams  *self,
                                                    guint        index);
/* The session held by @run, or NULL. */
const CvgSession      *cvg_hparams_lookup_session  (CvgHparams  *self,
                                                    CvgRun      *run);
/* Metric @index for any run: its session's, or for a run without one,
 * the last value of the metric's tag in the run itself. */
CvgMetricValue         cvg_hparams_get_run_metric  (CvgHparams  *self,
                                                    CvgRun      *run,
                                                    guint        index);
/* A model built from cvg_hparams_snapshot_add()'s @copies on a worker
 * thread, made to refer to the @originals (same order) instead, on the
 * thread that owns them: sessions, lookups and metrics of runs. */
void                   cvg_hparams_rebind_runs     (CvgHparams  *self,
                                                    GPtrArray   *copies,
                                                    GPtrArray   *originals);
/* Frozen copies of runs (CvgRun), made on the thread that owns them, for
 * a worker to read while the originals grow: each keeps the name, the
 * start time and the scalar and hparams series, nothing else. A copy is
 * never changed, so @cache (from cvg_hparams_snapshot_cache_new(), kept
 * between calls) hands on the last copy of a run that read nothing since:
 * only runs that grew are copied again.
 *
 * snapshot_add() appends to @copies (of CvgRun references) the copies of
 * the next @n of @runs, those after the @copies->len already made, so
 * that a long list may be copied a batch at a time; snapshot_prune()
 * then drops from @cache the runs no longer in @runs. */
GHashTable            *cvg_hparams_snapshot_cache_new (void);
void                   cvg_hparams_snapshot_add    (GHashTable  *cache,
                                                    GPtrArray   *runs,
                                                    guint        n,
                                                    GPtrArray   *copies);
void                   cvg_hparams_snapshot_prune  (GHashTable  *cache,
                                                    GPtrArray   *runs);
/* Readable notices: undecodable data, columns whose types disagree. */
GPtrArray             *cvg_hparams_get_notices     (CvgHparams  *self);

/* The last point of a scalar series' purged view. */
CvgMetricValue         cvg_hparams_last_value      (CvgSeries   *series);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgHparams, cvg_hparams_free)

G_END_DECLS
