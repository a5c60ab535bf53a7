/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cvg-types.h"

G_BEGIN_DECLS

#define CVG_TYPE_RUN_LIST (cvg_run_list_get_type ())

G_DECLARE_FINAL_TYPE (CvgRunList, cvg_run_list, CVG, RUN_LIST, GObject)

/* The runs the window shows: a GListModel of CvgRunInfo in name order,
 * coloured by the run palette. Runs arrive in batches, each one
 * items-changed and one palette assignment, so that a folder of 10,000
 * runs costs the pages a handful of rebuilds, not one per run. Main
 * thread only. */

CvgRunList *cvg_run_list_new          (void);
/* Adds @runs (names not listed yet). Each new run takes the colour the
 * palette assigns it among all the runs now listed; with @recolor every
 * listed run takes its own again, so that colours depend on the set of
 * names only, not on the order the runs arrived in. */
void        cvg_run_list_add          (CvgRunList    *self,
                                       CvgRun *const *runs,
                                       guint          n_runs,
                                       gboolean       recolor);
void        cvg_run_list_remove_all   (CvgRunList    *self);
/* Re-counts every run's tags after their data grew. */
void        cvg_run_list_refresh      (CvgRunList    *self);
/* Distinct tags of @kinds over all runs. */
guint       cvg_run_list_count_tags   (CvgRunList    *self,
                                       const CvgKind *kinds,
                                       guint          n_kinds);

G_END_DECLS
