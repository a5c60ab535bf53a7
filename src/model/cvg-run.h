/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cvg-io-error.h"
#include "cvg-types.h"

G_BEGIN_DECLS

/* One run: a folder that directly holds event files, read in file-name
 * order and stitched. Plain refcounted struct: a loader thread reads into
 * it while no other thread touches it. @name is the folder's relative
 * path as bytes; the run keeps it escaped to valid UTF-8 (cvg-utf8.h), as
 * series keep their tags. */

CvgRun      *cvg_run_new                (const char *name,
                                         const char *path);
/* A new empty run with @other's name and path. */
CvgRun      *cvg_run_new_like           (CvgRun     *other);
CvgRun      *cvg_run_ref                (CvgRun     *self);
void         cvg_run_unref              (CvgRun     *self);

const char  *cvg_run_get_name           (CvgRun     *self);
const char  *cvg_run_get_path           (CvgRun     *self);
/* Adds an event file (by path) unless known; keeps file-name order. */
void         cvg_run_add_file           (CvgRun     *self,
                                         const char *path);
guint        cvg_run_get_n_files        (CvgRun     *self);

/* Reads whatever is new in the run's files. Returns TRUE if any record
 * was read. Problems are appended to the run's list. */
gboolean     cvg_run_read               (CvgRun     *self);

/* Series in the order their tags first appeared. */
GPtrArray   *cvg_run_get_series         (CvgRun     *self);
CvgSeries   *cvg_run_lookup_series      (CvgRun     *self,
                                         CvgKind     kind,
                                         const char *tag);
GPtrArray   *cvg_run_get_problems       (CvgRun     *self);

guint64      cvg_run_get_n_records      (CvgRun     *self);
guint64      cvg_run_get_n_bytes        (CvgRun     *self);
/* The earliest wall time seen, NAN before any record. */
double       cvg_run_get_start_time     (CvgRun     *self);
const char  *cvg_run_get_file_version   (CvgRun     *self);
gsize        cvg_run_get_memory_size    (CvgRun     *self);

/* Live reading (see cvg-watcher.h). A reader thread keeps a private run:
 * it reads at most about @max_bytes per call, in file order, stopping at
 * the first file with more to read (@more is then set). */
gboolean     cvg_run_read_some          (CvgRun     *self,
                                         guint64     max_bytes,
                                         gboolean   *more);
/* TRUE (once) when the last cvg_run_read_some() stopped because the
 * server of a remote file went away; what was read stays, and the next
 * call resumes at the same offsets. */
gboolean     cvg_run_take_lost_connection (CvgRun   *self);
/* From any thread: reading stops before the next file, for good. */
void         cvg_run_cancel             (CvgRun     *self);
/* Forgets a file (deleted), or reads it again from its start (replaced or
 * truncated). */
void         cvg_run_remove_file        (CvgRun     *self,
                                         const char *path);
void         cvg_run_restart_file       (CvgRun     *self,
                                         const char *path);
/* A notice about a file or folder, such as one that went away. */
void         cvg_run_add_notice         (CvgRun     *self,
                                         const char *path,
                                         CvgIoErrorCode code,
                                         const char *message);
/* What was read since the last call, as a new run of the same name: new
 * series, points appended to known ones (cvg_series_steal()), problems,
 * and counts. NULL when nothing happened. */
CvgRun      *cvg_run_steal_delta        (CvgRun     *self);
/* Applies a delta from cvg_run_steal_delta() to the run the window
 * shows; series new to @self are moved, not copied. Appends to
 * @new_series the series that @self did not have before. */
void         cvg_run_merge              (CvgRun     *self,
                                         CvgRun     *delta,
                                         GPtrArray  *new_series);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgRun, cvg_run_unref)

G_END_DECLS
