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
  /* Float: 36 bytes a node keep the traversal in cache; the leaves'
   * points stay in double. */
  float   com[3];       /* centre of mass */
  float   half;         /* half the cell's side */
  guint32 count;
  guint32 begin, end;   /* its points in `order` */
  guint32 first_child;  /* 0: a leaf (the root is never a child) */
  guint32 n_children;
} Node;

/* A point with its coordinates beside its index, so that the build and
 * the leaves read memory in order. */
typedef struct {
  double  c[3];
  guint32 index;
} Point;

struct _CvgSpaceTree {
  guint     dims;
  GArray   *nodes;
  Point    *order;      /* the points, grouped by cell */
  Point    *scratch;
  gsize     capacity;
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
         const double       *centre,
         const Point        *p)
{
  guint cell = 0;

  for (guint c = 0; c < tree->dims; c++)
    if (p->c[c] >= centre[c])
      cell |= 1u << c;
  return cell;
}

/* Builds the cell @index around @centre, of half side @half. */
static void
build_node (CvgSpaceTree *tree,
            guint32       index,
            const double *centre,
            double        half,
            guint         depth)
{
  Node node = g_array_index (tree->nodes, Node, index);
  guint fanout = 1u << tree->dims;
  gsize counts[MAX_CHILDREN] = { 0 }, starts[MAX_CHILDREN];
  double com[3] = { 0 }, centres[MAX_CHILDREN][3];
  guint32 first;

  if (node.end - node.begin > LEAF_SIZE && depth < MAX_DEPTH)
    {
      /* Group the points by cell (a counting sort, stable). */
      for (guint32 x = node.begin; x < node.end; x++)
        counts[cell_of (tree, centre, &tree->order[x])]++;
      starts[0] = node.begin;
      for (guint c = 1; c < fanout; c++)
        starts[c] = starts[c - 1] + counts[c - 1];
      for (guint32 x = node.begin; x < node.end; x++)
        tree->scratch[starts[cell_of (tree, centre, &tree->order[x])]++] = tree->order[x];
      memcpy (tree->order + node.begin, tree->scratch + node.begin,
              (node.end - node.begin) * sizeof (Point));

      first = tree->nodes->len;
      node.first_child = first;
      for (guint c = 0, at = node.begin; c < fanout; at += counts[c], c++)
        if (counts[c] > 0)
          {
            Node child = { { 0 } };

            for (guint d = 0; d < tree->dims; d++)
              centres[node.n_children][d] = centre[d] + (c & (1u << d) ? 0.5 : -0.5) * half;
            child.half = (float) (half / 2);
            child.begin = at;
            child.end = at + counts[c];
            g_array_append_val (tree->nodes, child);
            node.n_children++;
          }
      for (guint32 c = 0; c < node.n_children; c++)
        build_node (tree, first + c, centres[c], half / 2, depth + 1);

      /* The centre of mass from the children's. */
      for (guint32 c = 0; c < node.n_children; c++)
        {
          const Node *child = &g_array_index (tree->nodes, Node, first + c);

          for (guint d = 0; d < tree->dims; d++)
            com[d] += (double) child->com[d] * child->count;
          node.count += child->count;
        }
    }
  else
    {
      for (guint32 x = node.begin; x < node.end; x++)
        for (guint d = 0; d < tree->dims; d++)
          com[d] += tree->order[x].c[d];
      node.count = node.end - node.begin;
    }
  for (guint d = 0; d < tree->dims; d++)
    node.com[d] = (float) (com[d] / MAX (node.count, 1));
  g_array_index (tree->nodes, Node, index) = node;
}

void
cvg_space_tree_build (CvgSpaceTree *tree,
                      const double *y,
                      gsize         n)
{
  Node root = { { 0 } };
  double centre[3] = { 0 }, half = 0;
  double lo[3] = { INFINITY, INFINITY, INFINITY }, hi[3] = { -INFINITY, -INFINITY, -INFINITY };

  if (n > tree->capacity)
    {
      tree->order = g_renew (Point, tree->order, n);
      tree->scratch = g_renew (Point, tree->scratch, n);
      tree->capacity = n;
    }
  for (gsize i = 0; i < n; i++)
    {
      Point *p = &tree->order[i];

      p->index = (guint32) i;
      for (guint d = 0; d < tree->dims; d++)
        {
          p->c[d] = y[i * tree->dims + d];
          lo[d] = MIN (lo[d], p->c[d]);
          hi[d] = MAX (hi[d], p->c[d]);
        }
    }
  for (guint d = 0; d < tree->dims; d++)
    {
      centre[d] = (lo[d] + hi[d]) / 2;
      half = MAX (half, (hi[d] - lo[d]) / 2);
    }
  /* A little more, so that the extremes fall inside. */
  half = half * (1 + 1e-6) + 1e-12;
  root.half = (float) half;
  root.end = (guint32) n;
  g_array_set_size (tree->nodes, 0);
  g_array_append_val (tree->nodes, root);
  build_node (tree, 0, centre, half, 0);
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
              const Point *pj = &tree->order[x];
              const double *yj = pj->c;
              double e2 = 0, q, dd[3];

              if (pj->index == i)
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
      else if ((double) node->half * node->half < theta2 * d2)   /* bhtsne's rule: half the side */
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
  return tree->order[rank].index;
}
