/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cvg-types.h"

G_BEGIN_DECLS

#define CVG_TYPE_RUN_INFO (cvg_run_info_get_type ())

G_DECLARE_FINAL_TYPE (CvgRunInfo, cvg_run_info, CVG, RUN_INFO, GObject)

/* What the window shows of one run: its data (read-only once loaded), its
 * colour, whether it is shown, and whether the pointer emphasises it.
 * Main thread only. */
CvgRunInfo *cvg_run_info_new             (CvgRun     *run,
                                          const char *color);
CvgRun     *cvg_run_info_get_run         (CvgRunInfo *self);
const char *cvg_run_info_get_name        (CvgRunInfo *self);
/* "#rrggbb" */
const char *cvg_run_info_get_color       (CvgRunInfo *self);
void        cvg_run_info_set_color       (CvgRunInfo *self,
                                          const char *color);
gboolean    cvg_run_info_get_visible     (CvgRunInfo *self);
void        cvg_run_info_set_visible     (CvgRunInfo *self,
                                          gboolean    visible);
gboolean    cvg_run_info_get_emphasized  (CvgRunInfo *self);
void        cvg_run_info_set_emphasized  (CvgRunInfo *self,
                                          gboolean    emphasized);
/* Number of summary tags (all kinds), as of the last refresh. */
guint       cvg_run_info_get_n_tags      (CvgRunInfo *self);
/* Re-counts after the run's data grew; notifies "n-tags" on a change. */
void        cvg_run_info_refresh         (CvgRunInfo *self);

/* Series of @kind with points in @runs (of CvgRunInfo): a page compares
 * it with what it indexed to learn whether lines or tags were added. */
guint       cvg_run_info_count_series    (GListModel *runs,
                                          CvgKind     kind);

G_END_DECLS
