/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cvg-logdir.h"

G_BEGIN_DECLS

#define CVG_TYPE_WATCHER (cvg_watcher_get_type ())

G_DECLARE_FINAL_TYPE (CvgWatcher, cvg_watcher, CVG, WATCHER, GObject)

/* Keeps a CvgLogdir up to date while training writes to it.
 *
 * One watcher thread walks the folder and hands runs with new bytes to a
 * small reader pool. Each reader reads into its run's private copy (plain
 * structs that only it touches) and hands on what is new as a delta
 * (cvg_run_steal_delta()); the watcher posts the deltas of a round to the
 * main context, where they are merged into the CvgLogdir's runs in short
 * time slices. So the main thread never reads files, and never looks at a
 * series that another thread is writing.
 *
 * Wake-ups: GFileMonitors on every folder (created here, on the main
 * thread) poke the watcher at most every 100 ms; a rescan every
 * "rescan-interval" ms is the source of truth. With "auto-reload" off only
 * cvg_watcher_reload() starts a round (after the initial load).
 *
 * Folders that send no change events are polled instead: GIO URIs
 * (sftp://, smb://, dav://: listed and read through GIO on the watcher
 * and reader threads, never on the main thread) and local mounts of NFS,
 * FUSE or SMB (cvg-remote.h). The poll comes a quarter interval after a
 * change and backs off to the interval while nothing changes. When
 * the server goes away "connected" turns FALSE, what was read stays, and
 * the watcher mounts again and resumes at the remembered offsets.
 *
 * Signals, on the main thread: "run-added" (CvgRun *), "appended"
 * (CvgRun *, guint number of new series) after a delta is merged,
 * "updated" after each round, "failed" (GError *) if the folder cannot be
 * read at the start. */

CvgWatcher *cvg_watcher_new                 (CvgLogdir  *logdir);
/* Starts the watcher thread; the initial load begins at once. */
void        cvg_watcher_start               (CvgWatcher *self);
/* Signals the thread to stop and returns at once, without waiting for
 * readers; nothing is emitted afterwards. Also done on dispose. */
void        cvg_watcher_stop                (CvgWatcher *self);
/* A round now, whatever "auto-reload" says. */
void        cvg_watcher_reload              (CvgWatcher *self);

CvgLogdir  *cvg_watcher_get_logdir          (CvgWatcher *self);
gboolean    cvg_watcher_get_auto_reload     (CvgWatcher *self);
void        cvg_watcher_set_auto_reload     (CvgWatcher *self,
                                             gboolean    auto_reload);
guint       cvg_watcher_get_rescan_interval (CvgWatcher *self);
void        cvg_watcher_set_rescan_interval (CvgWatcher *self,
                                             guint       interval_ms);
/* TRUE until every file has been read to its end once. */
gboolean    cvg_watcher_get_loading         (CvgWatcher *self);
guint64     cvg_watcher_get_bytes_read      (CvgWatcher *self);
/* Bytes in the event files, as of the last round. */
guint64     cvg_watcher_get_bytes_total     (CvgWatcher *self);
/* Rounds applied so far, for tests. */
guint       cvg_watcher_get_n_rounds        (CvgWatcher *self);
/* Real time (µs) of the end of the last round that reached the folder,
 * 0 before any. */
gint64      cvg_watcher_get_last_update     (CvgWatcher *self);
/* FALSE while a remote folder's server cannot be reached. */
gboolean    cvg_watcher_get_connected       (CvgWatcher *self);

G_END_DECLS
