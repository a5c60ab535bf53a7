/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cvg-run-node.h"

G_BEGIN_DECLS

/* The runs sidebar's tree and filter, without GTK. */

/* Folders nested deeper than this are shown as one folder named by the
 * rest of the path: a run name comes from the disk, but no tree should
 * be as deep as a path is long. */
#define CVG_RUN_TREE_MAX_DEPTH 32

/* The runs of @runs (a GListModel of CvgRunInfo) as a tree of their
 * folders, in the runs' order: each name is split at '/'; a folder with
 * a single child is merged into it ("runs/exp1" as one leaf, "a/b/" as
 * one folder); a run whose name is also a folder's path becomes that
 * folder's first child. Returns a GListStore of the top CvgRunNode. */
GListStore *cvg_run_tree_build        (GListModel  *runs);

/* The filter's text: a regex that names must match, and after a "!" that
 * starts the text or follows a space, one that they must not ("lr !seed2",
 * "!eval"). Both case-insensitive, either may be empty (NULL). FALSE with
 * @error when either is not a valid regex. */
gboolean    cvg_run_tree_parse_filter (const char  *text,
                                       GRegex     **include,
                                       GRegex     **exclude,
                                       GError     **error);
/* Whether @name passes the two regexes of cvg_run_tree_parse_filter(). */
gboolean    cvg_run_tree_filter_match (GRegex      *include,
                                       GRegex      *exclude,
                                       const char  *name);

G_END_DECLS
