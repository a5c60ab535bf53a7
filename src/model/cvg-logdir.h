/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cvg-types.h"

G_BEGIN_DECLS

#define CVG_TYPE_LOGDIR (cvg_logdir_get_type ())

G_DECLARE_FINAL_TYPE (CvgLogdir, cvg_logdir, CVG, LOGDIR, GObject)

CvgLogdir  *cvg_logdir_new          (const char  *path);
const char *cvg_logdir_get_path     (CvgLogdir   *self);
/* Finds runs and their event files. FALSE with @error when the logdir
 * itself is missing or unreadable; problems below it are only listed. */
gboolean    cvg_logdir_scan         (CvgLogdir   *self,
                                     GError     **error);
/* Scans, then reads every run to its end on a pool of threads, and
 * returns when all is read (the CLI, tests). The window reads through a
 * CvgWatcher instead. */
gboolean    cvg_logdir_load         (CvgLogdir   *self,
                                     GError     **error);
/* Runs sorted by name. */
GPtrArray  *cvg_logdir_get_runs     (CvgLogdir   *self);
CvgRun     *cvg_logdir_lookup_run   (CvgLogdir   *self,
                                     const char  *name);
/* Problems with folders found while scanning (each run lists its own). */
GPtrArray  *cvg_logdir_get_problems (CvgLogdir   *self);
/* For a live model filled on the main thread (CvgWatcher): adds @run,
 * keeping name order, and takes a reference; takes @problem. */
void        cvg_logdir_add_run      (CvgLogdir   *self,
                                     CvgRun      *run);
void        cvg_logdir_add_problem  (CvgLogdir   *self,
                                     CvgProblem  *problem);

G_END_DECLS
