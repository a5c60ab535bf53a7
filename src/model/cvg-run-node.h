/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cvg-run-info.h"

G_BEGIN_DECLS

#define CVG_TYPE_RUN_NODE (cvg_run_node_get_type ())

G_DECLARE_FINAL_TYPE (CvgRunNode, cvg_run_node, CVG, RUN_NODE, GObject)

/* How many of a node's runs are visible. */
typedef enum
{
  CVG_RUN_NODE_NONE_VISIBLE,
  CVG_RUN_NODE_SOME_VISIBLE,
  CVG_RUN_NODE_ALL_VISIBLE,
} CvgRunNodeState;

/* One row of the run tree (cvg-run-tree.h): a run (a leaf) or a folder of
 * runs. A folder knows every run below it; its "state" (a
 * CvgRunNodeState, notified) follows their "visible". Main thread only. */

/* A leaf for @info, shown as @label. */
CvgRunNode     *cvg_run_node_new_run        (const char *label,
                                             CvgRunInfo *info);
/* A folder at @path (its full name, without a trailing '/'). */
CvgRunNode     *cvg_run_node_new_folder     (const char *label,
                                             const char *path);
/* Adds a child node; a folder's runs are its children's, in order. */
void            cvg_run_node_append         (CvgRunNode *self,
                                             CvgRunNode *child);

const char     *cvg_run_node_get_label      (CvgRunNode *self);
/* The run's name, or the folder's path. */
const char     *cvg_run_node_get_path       (CvgRunNode *self);
gboolean        cvg_run_node_is_folder      (CvgRunNode *self);
/* A leaf's run; NULL for a folder. */
CvgRunInfo     *cvg_run_node_get_info       (CvgRunNode *self);
/* A folder's children (a GListModel of CvgRunNode); NULL for a leaf. */
GListModel     *cvg_run_node_get_children   (CvgRunNode *self);
/* Every run at or below the node. */
guint           cvg_run_node_get_n_runs     (CvgRunNode *self);
CvgRunInfo     *cvg_run_node_get_run        (CvgRunNode *self,
                                             guint       index);
guint           cvg_run_node_get_n_visible  (CvgRunNode *self);
CvgRunNodeState cvg_run_node_get_state      (CvgRunNode *self);
/* The colour listed ("#rrggbb"): a group's hue, or a tint of it for its
 * members; NULL for a folder (none) and a run (its own). */
const char     *cvg_run_node_get_color      (CvgRunNode *self);
void            cvg_run_node_set_color      (CvgRunNode *self,
                                             const char *color);
/* Shows or hides every run at or below the node. */
void            cvg_run_node_set_visible    (CvgRunNode *self,
                                             gboolean    visible);

G_END_DECLS
