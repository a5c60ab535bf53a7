/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CVG_TYPE_RUNS_SIDEBAR (cvg_runs_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (CvgRunsSidebar, cvg_runs_sidebar, CVG, RUNS_SIDEBAR, GtkWidget)

/* The runs as a tree of their folders (cvg-run-tree.h), or of groups: a
 * run's row has a check box, a colour swatch (click: next palette
 * colour), its name (in full in the tooltip) and a tag count; a folder's
 * row a check box that shows or hides everything below it (mixed when
 * some of it shows) and a run count. A filter entry takes a regex to
 * include and, after "!", one to exclude; show all / hide all. Hovering a
 * row sets its runs' "emphasized". */
GtkWidget  *cvg_runs_sidebar_new            (void);
void        cvg_runs_sidebar_set_runs       (CvgRunsSidebar *self,
                                             GListModel     *runs);
/* The runs that match the filter, as listed. */
GListModel *cvg_runs_sidebar_get_shown_runs (CvgRunsSidebar *self);
/* The top rows: a GListModel of CvgRunNode (folders and runs, or groups). */
GListModel *cvg_runs_sidebar_get_tree       (CvgRunsSidebar *self);
/* Shows @groups (a GListModel of CvgRunNode folders, one per group with
 * its members) instead of the folders; NULL: the folders again. Also
 * the property "groups", which the window binds to the Scalars page's. */
void        cvg_runs_sidebar_set_groups     (CvgRunsSidebar *self,
                                             GListModel     *groups);
/* Sets the filter now, as if typed: case-insensitive regexes searched in
 * run names, "INCLUDE !EXCLUDE" (cvg_run_tree_parse_filter()). Returns
 * FALSE when either is not a valid one: the entry is then marked with the
 * "error" style class and nothing is filtered. */
gboolean    cvg_runs_sidebar_set_filter     (CvgRunsSidebar *self,
                                             const char     *regex);
/* Shows or hides every run that matches the filter. */
void        cvg_runs_sidebar_set_all_visible (CvgRunsSidebar *self,
                                              gboolean        visible);

G_END_DECLS
