/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-space-tree"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cvg-space-tree.h"

#define MAX_DEPTH 48
#define LEAF_SIZE 4
#define MAX_CHILDREN 8

typedef struct {
  double  com[3];       /* centre of mass */
  double  centre[3];    /* of the cell */
  double  half;         /* half its side */
  guint32 count;
  guint32 begin, end;   /* its points in `order` */
  guint32 first_child;  /* 0: a leaf (the root is never a child) */
  guint32 n_children;
} Node;

struct _CvgSpaceTree {
  guint     dims;
  GArray   *nodes;
  guint32  *order;      /* point indexes, grouped by cell */
  guint32  *scratch;
  gsize     capacity;
  const double *y;
};

CvgSpaceTree *
cvg_space_tree_new (guint dims)
{
  CvgSpaceTree *tree = g_new0 (CvgSpaceTree, 1);

  tree->dims = dims;
  tree->nodes = g_array_new (FALSE, TRUE, sizeof (Node));
  return tree;
}

void
cvg_space_tree_free (CvgSpaceTree *tree)
{
  if (tree == NULL)
    return;
  g_array_unref (tree->nodes);
  g_free (tree->order);
  g_free (tree->scratch);
  g_free (tree);
}

static inline guint
cell_of (const CvgSpaceTree *tree,
         const Node         *node,
         guint32             point)
{
  const double *p = tree->y + (gsize) point * tree->dims;
  guint cell = 0;

  for (guint c = 0; c < tree->dims; c++)
    if (p[c] >= node->centre[c])
      cell |= 1u << c;
  return cell;
}

static void
build_node (CvgSpaceTree *tree,
            guint32       index,
            guint         depth)
{
  Node node = g_array_index (tree->nodes, Node, index);
  guint fanout = 1u << tree->dims;
  gsize counts[MAX_CHILDREN] = { 0 }, starts[MAX_CHILDREN];
  guint32 first;

  if (node.end - node.begin > LEAF_SIZE && depth < MAX_DEPTH)
    {
      /* Group the points by cell (a counting sort, stable). */
      for (guint32 x = node.begin; x < node.end; x++)
        counts[cell_of (tree, &node, tree->order[x])]++;
      starts[0] = node.begin;
      for (guint c = 1; c < fanout; c++)
        starts[c] = starts[c - 1] + counts[c - 1];
      for (guint32 x = node.begin; x < node.end; x++)
        tree->scratch[starts[cell_of (tree, &node, tree->order[x])]++] = tree->order[x];
      memcpy (tree->order + node.begin, tree->scratch + node.begin,
              (node.end - node.begin) * sizeof (guint32));

      first = tree->nodes->len;
      node.first_child = first;
      for (guint c = 0, at = node.begin; c < fanout; at += counts[c], c++)
        if (counts[c] > 0)
          {
            Node child = { { 0 } };

            for (guint d = 0; d < tree->dims; d++)
              child.centre[d] = node.centre[d] + (c & (1u << d) ? 0.5 : -0.5) * node.half;
            child.half = node.half / 2;
            child.begin = at;
            child.end = at + counts[c];
            g_array_append_val (tree->nodes, child);
            node.n_children++;
          }
      for (guint32 c = 0; c < node.n_children; c++)
        build_node (tree, first + c, depth + 1);

      /* The centre of mass from the children's. */
      for (guint32 c = 0; c < node.n_children; c++)
        {
          const Node *child = &g_array_index (tree->nodes, Node, first + c);

          for (guint d = 0; d < tree->dims; d++)
            node.com[d] += child->com[d] * child->count;
          node.count += child->count;
        }
    }
  else
    {
      for (guint32 x = node.begin; x < node.end; x++)
        for (guint d = 0; d < tree->dims; d++)
          node.com[d] += tree->y[(gsize) tree->order[x] * tree->dims + d];
      node.count = node.end - node.begin;
    }
  for (guint d = 0; d < tree->dims; d++)
    node.com[d] /= MAX (node.count, 1);
  g_array_index (tree->nodes, Node, index) = node;
}

void
cvg_space_tree_build (CvgSpaceTree *tree,
                      const double *y,
                      gsize         n)
{
  Node root = { { 0 } };
  double lo[3] = { INFINITY, INFINITY, INFINITY }, hi[3] = { -INFINITY, -INFINITY, -INFINITY };

  tree->y = y;
  if (n > tree->capacity)
    {
      tree->order = g_renew (guint32, tree->order, n);
      tree->scratch = g_renew (guint32, tree->scratch, n);
      tree->capacity = n;
    }
  for (gsize i = 0; i < n; i++)
    {
      tree->order[i] = (guint32) i;
      for (guint d = 0; d < tree->dims; d++)
        {
          lo[d] = MIN (lo[d], y[i * tree->dims + d]);
          hi[d] = MAX (hi[d], y[i * tree->dims + d]);
        }
    }
  for (guint d = 0; d < tree->dims; d++)
    {
      root.centre[d] = (lo[d] + hi[d]) / 2;
      root.half = MAX (root.half, (hi[d] - lo[d]) / 2);
    }
  /* A little more, so that the extremes fall inside. */
  root.half = root.half * (1 + 1e-6) + 1e-12;
  root.end = (guint32) n;
  g_array_set_size (tree->nodes, 0);
  g_array_append_val (tree->nodes, root);
  build_node (tree, 0, 0);
}

/* The traversal, with the dimension a constant so that the compiler
 * unrolls the coordinate loops. */
static inline __attribute__ ((always_inline)) double
repulsion (const CvgSpaceTree *tree,
           const double       *y,
           gsize               i,
           double              theta,
           double             *force,
           const guint         dims)
{
  guint32 stack[MAX_DEPTH * MAX_CHILDREN + MAX_CHILDREN];
  const Node *nodes = (const Node *) (gpointer) tree->nodes->data;
  const double *yi = y + i * dims;
  guint top = 0;
  double sum_q = 0, theta2 = theta * theta, f[3] = { 0 };

  stack[top++] = 0;
  while (top > 0)
    {
      const Node *node = &nodes[stack[--top]];
      double diff[3], d2 = 0;

      for (guint d = 0; d < dims; d++)
        {
          diff[d] = yi[d] - node->com[d];
          d2 += diff[d] * diff[d];
        }
      if (node->first_child == 0)
        {
          for (guint32 x = node->begin; x < node->end; x++)
            {
              gsize j = tree->order[x];
              const double *yj = y + j * dims;
              double e2 = 0, q, dd[3];

              if (j == i)
                continue;
              for (guint d = 0; d < dims; d++)
                {
                  dd[d] = yi[d] - yj[d];
                  e2 += dd[d] * dd[d];
                }
              q = 1 / (1 + e2);
              sum_q += q;
              q *= q;
              for (guint d = 0; d < dims; d++)
                f[d] += q * dd[d];
            }
        }
      else if (node->half * node->half < theta2 * d2)   /* bhtsne's rule: half the side */
        {
          double q = 1 / (1 + d2), mult = node->count * q;

          sum_q += mult;
          mult *= q;
          for (guint d = 0; d < dims; d++)
            f[d] += mult * diff[d];
        }
      else
        {
          /* Pushed last first: visited in cell order. */
          for (guint32 c = node->n_children; c > 0; c--)
            stack[top++] = node->first_child + c - 1;
        }
    }
  for (guint d = 0; d < dims; d++)
    force[d] = f[d];
  return sum_q;
}

double
cvg_space_tree_repulsion (const CvgSpaceTree *tree,
                          const double       *y,
                          gsize               i,
                          double              theta,
                          double             *force)
{
  if (tree->dims == 2)
    return repulsion (tree, y, i, theta, force, 2);
  return repulsion (tree, y, i, theta, force, 3);
}

guint32
cvg_space_tree_point_at (const CvgSpaceTree *tree,
                         gsize               rank)
{
  return tree->order[rank];
}
