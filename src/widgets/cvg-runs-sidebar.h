/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CVG_TYPE_RUNS_SIDEBAR (cvg_runs_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (CvgRunsSidebar, cvg_runs_sidebar, CVG, RUNS_SIDEBAR, GtkWidget)

/* The runs: a GtkListView over a GListModel of CvgRunInfo, each row with a
 * check box, a colour swatch (click: next palette colour), the name and a
 * tag count; a regex filter entry; show all / hide all. Hovering a row sets
 * its run's "emphasized". */
GtkWidget  *cvg_runs_sidebar_new            (void);
void        cvg_runs_sidebar_set_runs       (CvgRunsSidebar *self,
                                             GListModel     *runs);
/* The runs that match the filter, as listed. */
GListModel *cvg_runs_sidebar_get_shown_runs (CvgRunsSidebar *self);
/* Sets the filter (a case-insensitive regular expression searched in run
 * names) now, as if typed. Returns FALSE when it is not a valid one: the
 * entry is then marked with the "error" style class and nothing is
 * filtered. */
gboolean    cvg_runs_sidebar_set_filter     (CvgRunsSidebar *self,
                                             const char     *regex);
/* Shows or hides every run that matches the filter. */
void        cvg_runs_sidebar_set_all_visible (CvgRunsSidebar *self,
                                              gboolean        visible);

G_END_DECLS
