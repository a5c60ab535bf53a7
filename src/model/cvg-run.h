#pragma once

#include "cvg-types.h"

G_BEGIN_DECLS

/* One run: a folder that directly holds event files, read in file-name
 * order and stitched. Plain refcounted struct: a loader thread reads into
 * it while no other thread touches it. */

CvgRun      *cvg_run_new                (const char *name,
                                         const char *path);
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgRun, cvg_run_unref)

G_END_DECLS
