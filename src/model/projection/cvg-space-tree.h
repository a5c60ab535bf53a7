/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The Barnes–Hut quadtree (2-D) or octree (3-D) over t-SNE's positions,
 * rebuilt every iteration. Depth is bounded (coincident points share a
 * leaf), so any input builds in O(N · depth). Building is single-threaded;
 * once built, repulsion may be asked from many threads at once. */
typedef struct _CvgSpaceTree CvgSpaceTree;

CvgSpaceTree *cvg_space_tree_new        (guint               dims);
void          cvg_space_tree_free       (CvgSpaceTree       *tree);
/* Builds over the @n points @y (n × dims, copied). */
void          cvg_space_tree_build      (CvgSpaceTree       *tree,
                                         const double       *y,
                                         gsize               n);
/* For point @i: adds Σ_j q_ij² (y_i − y_j) into @force (zeroed first) and
 * returns Σ_j q_ij, with q = 1 / (1 + ‖y_i − y_j‖²), over j ≠ i, a cell
 * whose half side is under @theta times its distance taken as one point at
 * its centre of mass (the rule of bhtsne's SPTree). The order of the sums is fixed by the tree. */
double        cvg_space_tree_repulsion  (const CvgSpaceTree *tree,
                                         const double       *y,
                                         gsize               i,
                                         double              theta,
                                         double             *force);

/* The point at @rank in the tree's order (nearby points are close by):
 * visiting points in this order keeps the traversals' nodes in cache. */
guint32       cvg_space_tree_point_at   (const CvgSpaceTree *tree,
                                         gsize               rank);

G_END_DECLS
