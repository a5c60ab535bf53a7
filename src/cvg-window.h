/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cvg-types.h"

G_BEGIN_DECLS

#define CVG_TYPE_WINDOW (cvg_window_get_type ())

G_DECLARE_FINAL_TYPE (CvgWindow, cvg_window, CVG, WINDOW, AdwApplicationWindow)

/* One logs folder: the runs sidebar and a view stack of pages (Scalars,
 * Histograms, Distributions, Graphs, Images, Text, Audio). Before a folder
 * is opened it shows an empty state with the recent folders; while it
 * loads, a spinner; when it cannot be read, an error state.
 *
 * The "state" property (read-only string, notified on change) is one of
 * "empty", "loading", "loaded", "error". */
CvgWindow  *cvg_window_new                (GtkApplication *application);
/* Loads @folder on a worker thread, replacing what is shown. */
void        cvg_window_open               (CvgWindow      *self,
                                           GFile          *folder);
void        cvg_window_open_path          (CvgWindow      *self,
                                           const char     *path);

/* For tests and the actions. */
const char *cvg_window_get_state          (CvgWindow      *self);
/* The runs (a GListModel of CvgRunInfo), empty until loaded. */
GListModel *cvg_window_get_runs           (CvgWindow      *self);
/* The loaded logdir, or NULL. */
CvgLogdir  *cvg_window_get_logdir         (CvgWindow      *self);
GtkWidget  *cvg_window_get_scalars_page   (CvgWindow      *self);
GtkWidget  *cvg_window_get_runs_sidebar   (CvgWindow      *self);
/* Problems found in the loaded folder and its files. */
guint       cvg_window_get_n_problems     (CvgWindow      *self);
/* The reason shown in the error state, or NULL. */
const char *cvg_window_get_error_message  (CvgWindow      *self);
/* The name of the visible page: "scalars", "histograms", "distributions",
 * "graphs", "images", "text", "audio". */
const char *cvg_window_get_visible_page   (CvgWindow      *self);

G_END_DECLS
