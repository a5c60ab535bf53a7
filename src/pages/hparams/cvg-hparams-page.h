/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-parallel-coords.h"

G_BEGIN_DECLS

#define CVG_TYPE_HPARAMS_PAGE (cvg_hparams_page_get_type ())

G_DECLARE_FINAL_TYPE (CvgHparamsPage, cvg_hparams_page, CVG, HPARAMS_PAGE, GtkWidget)

/* The runs table: a row per run with its hparams and, per scalar tag,
 * its last, min or max value; sortable, reorderable columns; selecting
 * rows emphasises those runs in every chart. */

GtkWidget  *cvg_hparams_page_new           (void);
/* @runs: a GListModel of CvgRunInfo (the window's runs). */
void        cvg_hparams_page_set_runs      (CvgHparamsPage *self,
                                            GListModel     *runs);
/* Reads the runs again (the page also does so on its own every second
 * while shown, when they grew). */
void        cvg_hparams_page_refresh       (CvgHparamsPage *self);
/* TRUE from a refresh until its result is shown: the runs are decoded
 * and summarised on a worker thread, never on the main one. */
gboolean    cvg_hparams_page_is_refreshing (CvgHparamsPage *self);

/* For tests: rows in the order shown, the text of a cell by column
 * title, and sorting as a click on a column header does. */
guint       cvg_hparams_page_get_n_rows    (CvgHparamsPage *self);
char       *cvg_hparams_page_get_cell      (CvgHparamsPage *self,
                                            guint           row,
                                            const char     *title);
gboolean    cvg_hparams_page_sort_by       (CvgHparamsPage *self,
                                            const char     *title,
                                            GtkSortType     order);
GtkSelectionModel *cvg_hparams_page_get_selection (CvgHparamsPage *self);
/* Colours the sessions by the metric titled @metric (TAG or GROUP/TAG),
 * or by their runs' colours for NULL, as "Color by" does; FALSE
 * where there is no such metric. */
gboolean    cvg_hparams_page_color_by      (CvgHparamsPage *self,
                                            const char     *metric);
/* "#rrggbb", the colour of @run's session in the charts, or NULL. */
char       *cvg_hparams_page_get_session_color (CvgHparamsPage *self,
                                                const char     *run);
CvgParallelCoords *cvg_hparams_page_get_parallel (CvgHparamsPage *self);
gboolean    cvg_hparams_page_get_column_visible (CvgHparamsPage *self,
                                                 const char     *title);
/* The table as cvg_hparams_export() writes it, in the order shown. */
char       *cvg_hparams_page_export        (CvgHparamsPage *self,
                                            int             format);
/* Writes the export to @file, as "Save as" does, without blocking. */
void        cvg_hparams_page_save          (CvgHparamsPage      *self,
                                            GFile               *file,
                                            int                  format,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean    cvg_hparams_page_save_finish   (GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS
