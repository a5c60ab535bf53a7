/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-graph-layout"

#include "config.h"

#include "cvg-graph-layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MARGIN        24.0
#define BOX_PADDING   14.0
#define NODE_GAP      22.0
#define DUMMY_WIDTH   8.0
#define DUMMY_GAP     8.0
#define LAYER_GAP     46.0
#define MIN_WIDTH     72.0
#define MAX_WIDTH     220.0
#define N_SWEEPS      6
#define N_PLACEMENTS  8
/* TensorBoard's auxiliary nodes (render.ts): in a level of at least
 * EXTRACT_MIN_MEMBERS, members of unusually high degree stand aside. */
#define EXTRACT_MIN_MEMBERS 15
#define EXTRACT_MIN_DEGREE  5
#define ASIDE_GAP     48.0
/* Members with no drawn edge in their level, when there are at least
 * GRID_MIN_MEMBERS, wrap into a grid under the rest about GRID_ASPECT
 * times as wide as high, not one row of layer 0; fewer stay there. */
#define GRID_MIN_MEMBERS 4
#define GRID_ASPECT   2.0

/* A visible item: a leaf, or a box that holds a level of its own. */
typedef struct
{
  guint    item;
  guint    container;   /* Vis index; CVG_GRAPH_NONE for the root */
  guint    depth;
  gboolean box;
  GArray  *members;     /* boxes: Vis indices */
  GArray  *level_edges; /* boxes: LevelEdge */
  double   x, y, width, height;
} Vis;

/* An edge between two members of a level, with its bends. */
typedef struct
{
  guint    source;      /* Vis indices */
  guint    target;
  gboolean reversed;    /* turned round to break a cycle */
  gboolean hidden;      /* touches a member set aside: not drawn */
  GArray  *bends;       /* CvgGraphPoint, relative, source to target */
} LevelEdge;

/* An edge between two visible leaves. */
typedef struct
{
  guint       source, target;
  gboolean    control;
  guint       count;
  const char *label;
  guint       container; /* Vis index of the level it runs in */
  guint       level_edge;
} FinalEdge;

struct _CvgGraphLayout
{
  GArray *nodes;        /* CvgGraphLayoutNode */
  GArray *edges;        /* CvgGraphLayoutEdge */
  GArray *points;       /* CvgGraphPoint */
  GHashTable *by_item;  /* item + 1 → node index + 1 */
  double  width, height;
};

typedef struct
{
  CvgGraph     *graph;
  const guint8 *expanded;
  double        char_width;
  GArray       *vis;       /* Vis */
  guint        *rep;       /* item → Vis index, CVG_GRAPH_NONE when hidden */
} Builder;

#define VIS(b, i) (&g_array_index ((b)->vis, Vis, (i)))

/* Which items show. */

static gboolean
is_expanded (Builder *builder,
             guint    item)
{
  return builder->expanded != NULL && builder->expanded[item];
}

static double
leaf_width (Builder *builder,
            guint    item)
{
  const CvgGraphItem *it = cvg_graph_get_item (builder->graph, item);
  gsize chars = MAX (g_utf8_strlen (it->short_name, -1), it->op != NULL ? g_utf8_strlen (it->op, -1) + 4 : 10);

  /* A series reads "Op × n" (or "Scope × n"). */
  if (it->kind == CVG_GRAPH_ITEM_SERIES)
    {
      g_autofree char *count = g_strdup_printf ("%u", it->children->len);

      chars = MAX (chars, (it->op != NULL ? g_utf8_strlen (it->op, -1) : 5) + 3 + strlen (count));
    }

  return CLAMP (16.0 + 1.1 * builder->char_width * chars, MIN_WIDTH, MAX_WIDTH);
}

static guint
add_vis (Builder *builder,
         guint    item,
         guint    container)
{
  Vis vis = { 0 };

  vis.item = item;
  vis.container = container;
  vis.depth = container == CVG_GRAPH_NONE ? 0 : VIS (builder, container)->depth + 1;
  vis.members = g_array_new (FALSE, FALSE, sizeof (guint));
  vis.level_edges = g_array_new (FALSE, FALSE, sizeof (LevelEdge));
  g_array_append_val (builder->vis, vis);
  builder->rep[item] = builder->vis->len - 1;
  return builder->vis->len - 1;
}

static void
collect (Builder *builder,
         guint    box,
         guint    item)
{
  const CvgGraphItem *it = cvg_graph_get_item (builder->graph, item);

  for (guint i = 0; i < it->children->len; i++)
    {
      guint child = g_array_index (it->children, guint, i);
      const CvgGraphItem *c = cvg_graph_get_item (builder->graph, child);
      guint v;

      if (c->kind == CVG_GRAPH_ITEM_SERIES && is_expanded (builder, child))
        {
          collect (builder, box, child);
          continue;
        }
      v = add_vis (builder, child, box);
      if (c->kind == CVG_GRAPH_ITEM_SCOPE && is_expanded (builder, child) && c->children->len > 0)
        {
          VIS (builder, v)->box = TRUE;
          collect (builder, v, child);
        }
      g_array_append_val (VIS (builder, box)->members, v);
    }
}

static void
make_vis (Builder *builder)
{
  guint n = cvg_graph_get_n_items (builder->graph);

  builder->rep = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    builder->rep[i] = CVG_GRAPH_NONE;
  add_vis (builder, 0, CVG_GRAPH_NONE);
  VIS (builder, 0)->box = TRUE;
  collect (builder, 0, 0);
}

static guint
op_rep (Builder *builder,
        guint    op)
{
  guint item = cvg_graph_get_op (builder->graph, op)->item;

  while (item != CVG_GRAPH_NONE && builder->rep[item] == CVG_GRAPH_NONE)
    item = cvg_graph_get_item (builder->graph, item)->parent;
  return item != CVG_GRAPH_NONE ? builder->rep[item] : CVG_GRAPH_NONE;
}

/* Edges. */

static guint
add_level_edge (Builder    *builder,
                GHashTable *seen,
                guint       container,
                guint       source,
                guint       target)
{
  guint64 key = ((guint64) source << 32) | target;
  gpointer found;
  GArray *edges = VIS (builder, container)->level_edges;
  LevelEdge edge = { source, target, FALSE, FALSE, NULL };

  if (g_hash_table_lookup_extended (seen, &key, NULL, &found))
    return GPOINTER_TO_UINT (found);
  edge.bends = g_array_new (FALSE, FALSE, sizeof (CvgGraphPoint));
  g_array_append_val (edges, edge);
  g_hash_table_insert (seen, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (edges->len - 1));
  return edges->len - 1;
}

/* The level where two leaves part, and their ancestors there. */
static void
place_final_edge (Builder    *builder,
                  GHashTable *seen,
                  FinalEdge  *edge)
{
  guint a = edge->source, b = edge->target;

  while (VIS (builder, a)->depth > VIS (builder, b)->depth)
    a = VIS (builder, a)->container;
  while (VIS (builder, b)->depth > VIS (builder, a)->depth)
    b = VIS (builder, b)->container;
  while (VIS (builder, a)->container != VIS (builder, b)->container)
    {
      a = VIS (builder, a)->container;
      b = VIS (builder, b)->container;
    }
  edge->container = VIS (builder, a)->container;
  edge->level_edge = add_level_edge (builder, seen, edge->container, a, b);
}

static void
add_final_edge (Builder    *builder,
                GHashTable *final,
                GArray     *edges,
                guint       op,
                const CvgGraphInput *input)
{
  guint source = op_rep (builder, input->source);
  guint target = op_rep (builder, op);
  guint64 key = ((guint64) source << 32) | target;
  gpointer found;
  FinalEdge *edge;

  if (source == target || source == CVG_GRAPH_NONE || target == CVG_GRAPH_NONE)
    return;
  if (!g_hash_table_lookup_extended (final, &key, NULL, &found))
    {
      FinalEdge fresh = { source, target, TRUE, 0, NULL, 0, 0 };

      g_array_append_val (edges, fresh);
      found = GUINT_TO_POINTER (edges->len);
      g_hash_table_insert (final, g_memdup2 (&key, sizeof key), found);
    }
  edge = &g_array_index (edges, FinalEdge, GPOINTER_TO_UINT (found) - 1);
  edge->count++;
  if (!input->control)
    {
      edge->control = FALSE;
      if (edge->label == NULL)
        edge->label = cvg_graph_get_output_shape (builder->graph, input->source, input->port);
    }
}

static GArray *
make_final_edges (Builder *builder)
{
  g_autoptr(GHashTable) final = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GArray *edges = g_array_new (FALSE, FALSE, sizeof (FinalEdge));

  for (guint op = 0; op < cvg_graph_get_n_ops (builder->graph); op++)
    {
      GArray *inputs = cvg_graph_get_op (builder->graph, op)->inputs;

      for (guint k = 0; k < inputs->len; k++)
        add_final_edge (builder, final, edges, op, &g_array_index (inputs, CvgGraphInput, k));
    }
  /* Level edges keyed per level: members of different levels differ. */
  for (guint e = 0; e < edges->len; e++)
    place_final_edge (builder, seen, &g_array_index (edges, FinalEdge, e));
  return edges;
}

/* One level: Sugiyama on the members of a box. */

typedef struct
{
  double  width, height;
  guint   vis;          /* Vis index; CVG_GRAPH_NONE for a dummy */
  guint   layer;
  double  order;        /* sweep key */
  double  x;            /* centre */
  gboolean aside;       /* high degree: in a column beside the layers */
  gboolean loose;       /* no drawn edge: in the grid under the layers */
  double  aside_y;      /* its top, either way */
  GArray *up, *down;    /* guint node indices */
} LNode;

typedef struct
{
  GArray     *nodes;    /* LNode */
  GPtrArray  *layers;   /* GArray of guint, left to right */
  GArray     *tops;     /* double per layer */
  GArray     *heights;  /* double per layer */
} Level;

#define LN(l, i) (&g_array_index ((l)->nodes, LNode, (i)))

static void
link_nodes (Level *level,
            guint  up,
            guint  down)
{
  g_array_append_val (LN (level, up)->down, down);
  g_array_append_val (LN (level, down)->up, up);
}

static guint
add_lnode (Level *level,
           guint  vis,
           double width,
           double height)
{
  LNode node = { width, height, vis, 0, 0, 0, FALSE, FALSE, 0, NULL, NULL };

  node.up = g_array_new (FALSE, FALSE, sizeof (guint));
  node.down = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (level->nodes, node);
  return level->nodes->len - 1;
}

/* Depth-first search from every node: an edge to a node on the stack
 * closes a cycle and is turned round. */
static void
break_cycles (GArray    *edges,
              guint      n,
              GPtrArray *out_edges_of)
{
  g_autofree guint8 *state = g_new0 (guint8, n);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint) * 2);

  for (guint start = 0; start < n; start++)
    {
      guint frame[2] = { start, 0 };

      if (state[start] != 0)
        continue;
      state[start] = 1;
      g_array_append_val (stack, frame);
      while (stack->len > 0)
        {
          guint *top = &g_array_index (stack, guint, (stack->len - 1) * 2);
          GArray *out = g_ptr_array_index (out_edges_of, top[0]);

          if (top[1] >= out->len)
            {
              state[top[0]] = 2;
              g_array_set_size (stack, stack->len - 1);
              continue;
            }
          {
            LevelEdge *edge = &g_array_index (edges, LevelEdge, g_array_index (out, guint, top[1]++));
            guint next = edge->target;

            if (state[next] == 1)
              edge->reversed = TRUE;
            else if (state[next] == 0)
              {
                guint child[2] = { next, 0 };

                state[next] = 1;
                g_array_append_val (stack, child);
              }
          }
        }
    }
}

/* Longest path from the sources; then nodes without inputs move down
 * next to their first reader, so constants sit by their users. */
static void
assign_layers (Level *level,
               guint  n)
{
  g_autofree guint *pending = g_new0 (guint, n);
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint v = 0; v < n; v++)
    if ((pending[v] = LN (level, v)->up->len) == 0)
      g_array_append_val (queue, v);
  for (guint q = 0; q < queue->len; q++)
    {
      LNode *node = LN (level, g_array_index (queue, guint, q));

      for (guint k = 0; k < node->down->len; k++)
        {
          guint d = g_array_index (node->down, guint, k);

          LN (level, d)->layer = MAX (LN (level, d)->layer, node->layer + 1);
          if (--pending[d] == 0)
            g_array_append_val (queue, d);
        }
      node->order = q;
    }
  for (guint v = 0; v < n; v++)
    {
      LNode *node = LN (level, v);
      guint lowest = G_MAXUINT;

      if (node->up->len > 0 || node->down->len == 0)
        continue;
      for (guint k = 0; k < node->down->len; k++)
        lowest = MIN (lowest, LN (level, g_array_index (node->down, guint, k))->layer);
      node->layer = lowest - 1;
    }
}

static GArray *
layer_at (Level *level,
          guint  layer)
{
  while (level->layers->len <= layer)
    g_ptr_array_add (level->layers, g_array_new (FALSE, FALSE, sizeof (guint)));
  return g_ptr_array_index (level->layers, layer);
}

/* Long edges get a dummy node in every layer they cross. */
static void
add_dummies (Level     *level,
             GArray    *edges,
             GPtrArray *chains)
{
  for (guint e = 0; e < edges->len; e++)
    {
      LevelEdge *edge = &g_array_index (edges, LevelEdge, e);
      guint from = edge->reversed ? edge->target : edge->source;
      guint to = edge->reversed ? edge->source : edge->target;
      GArray *chain = g_array_new (FALSE, FALSE, sizeof (guint));
      guint last = from;

      if (from == to || edge->hidden)
        {
          g_ptr_array_add (chains, chain);
          continue;
        }
      for (guint layer = LN (level, from)->layer + 1; layer < LN (level, to)->layer; layer++)
        {
          guint dummy = add_lnode (level, CVG_GRAPH_NONE, DUMMY_WIDTH, 0);

          LN (level, dummy)->layer = layer;
          LN (level, dummy)->order = LN (level, from)->order;
          link_nodes (level, last, dummy);
          g_array_append_val (chain, dummy);
          last = dummy;
        }
      link_nodes (level, last, to);
      g_ptr_array_add (chains, chain);
    }
}

static int
compare_order (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  Level *level = user_data;
  double x = LN (level, *(const guint *) a)->order;
  double y = LN (level, *(const guint *) b)->order;

  return (x > y) - (x < y);
}

static void
fill_layers (Level *level)
{
  for (guint v = 0; v < level->nodes->len; v++)
    if (!LN (level, v)->aside && !LN (level, v)->loose)
      g_array_append_val (layer_at (level, LN (level, v)->layer), v);
  for (guint l = 0; l < level->layers->len; l++)
    {
      GArray *layer = g_ptr_array_index (level->layers, l);

      g_array_sort_with_data (layer, compare_order, level);
      for (guint i = 0; i < layer->len; i++)
        LN (level, g_array_index (layer, guint, i))->order = i;
    }
}

/* Each node moves to the mean position of its neighbours on one side. */
static void
sweep_layer (Level   *level,
             GArray  *layer,
             gboolean use_up)
{
  for (guint i = 0; i < layer->len; i++)
    {
      LNode *node = LN (level, g_array_index (layer, guint, i));
      GArray *near = use_up ? node->up : node->down;
      double sum = 0;

      if (near->len == 0)
        continue;
      for (guint k = 0; k < near->len; k++)
        sum += LN (level, g_array_index (near, guint, k))->order;
      node->order = sum / near->len;
    }
  g_array_sort_with_data (layer, compare_order, level);
  for (guint i = 0; i < layer->len; i++)
    LN (level, g_array_index (layer, guint, i))->order = i;
}

static void
reduce_crossings (Level *level)
{
  guint n = level->layers->len;

  for (guint s = 0; s < N_SWEEPS; s++)
    {
      for (guint l = 1; l < n; l++)
        sweep_layer (level, g_ptr_array_index (level->layers, l), TRUE);
      for (guint l = n; l-- > 1;)
        sweep_layer (level, g_ptr_array_index (level->layers, l - 1), FALSE);
    }
}

static double
separation (Level *level,
            guint  a,
            guint  b)
{
  LNode *x = LN (level, a), *y = LN (level, b);
  double gap = x->vis == CVG_GRAPH_NONE || y->vis == CVG_GRAPH_NONE ? DUMMY_GAP : NODE_GAP;

  return x->width / 2 + gap + y->width / 2;
}

static double
sum_x (Level  *level,
       GArray *near)
{
  double sum = 0;

  for (guint k = 0; k < near->len; k++)
    sum += LN (level, g_array_index (near, guint, k))->x;
  return sum;
}

/* Wanted centres, kept in order and apart: the mean of a left-to-right
 * and a right-to-left push keeps every gap of both. A node wants the
 * mean of its neighbours on one side (alternating by sweep), a dummy
 * of both, so that long edges run straight. */
static void
place_layer (Level   *level,
             GArray  *layer,
             gboolean use_up)
{
  guint n = layer->len;
  g_autofree double *left = g_new (double, n);
  g_autofree double *right = g_new (double, n);

  for (guint i = 0; i < n; i++)
    {
      LNode *node = LN (level, g_array_index (layer, guint, i));
      gboolean dummy = node->vis == CVG_GRAPH_NONE;
      GArray *near = use_up ? node->up : node->down;
      double sum = dummy ? sum_x (level, node->up) + sum_x (level, node->down) : sum_x (level, near);
      guint n_near = dummy ? node->up->len + node->down->len : near->len;

      left[i] = right[i] = n_near > 0 ? sum / n_near : node->x;
    }
  for (guint i = 1; i < n; i++)
    left[i] = MAX (left[i], left[i - 1] + separation (level, g_array_index (layer, guint, i - 1), g_array_index (layer, guint, i)));
  for (guint i = n - 1; i-- > 0;)
    right[i] = MIN (right[i], right[i + 1] - separation (level, g_array_index (layer, guint, i), g_array_index (layer, guint, i + 1)));
  for (guint i = 0; i < n; i++)
    LN (level, g_array_index (layer, guint, i))->x = (left[i] + right[i]) / 2;
}

static void
assign_x (Level *level)
{
  guint n = level->layers->len;

  for (guint l = 0; l < n; l++)
    {
      GArray *layer = g_ptr_array_index (level->layers, l);
      double x = 0;

      for (guint i = 0; i < layer->len; i++)
        {
          LNode *node = LN (level, g_array_index (layer, guint, i));

          if (i > 0)
            x += separation (level, g_array_index (layer, guint, i - 1), g_array_index (layer, guint, i));
          node->x = x;
        }
    }
  for (guint s = 0; s < N_PLACEMENTS; s++)
    {
      for (guint l = 1; l < n; l++)
        place_layer (level, g_ptr_array_index (level->layers, l), TRUE);
      for (guint l = n; l-- > 1;)
        place_layer (level, g_ptr_array_index (level->layers, l - 1), FALSE);
    }
}

/* Layer tops and heights; returns the level's height. */
static double
assign_y (Level *level)
{
  double y = 0;

  for (guint l = 0; l < level->layers->len; l++)
    {
      GArray *layer = g_ptr_array_index (level->layers, l);
      double height = 0;

      for (guint i = 0; i < layer->len; i++)
        height = MAX (height, LN (level, g_array_index (layer, guint, i))->height);
      if (l > 0)
        y += LAYER_GAP;
      g_array_append_val (level->tops, y);
      g_array_append_val (level->heights, height);
      y += height;
    }
  return y;
}

static void
level_clear (Level *level)
{
  for (guint v = 0; v < level->nodes->len; v++)
    {
      g_array_unref (LN (level, v)->up);
      g_array_unref (LN (level, v)->down);
    }
  g_array_unref (level->nodes);
  g_ptr_array_unref (level->layers);
  g_array_unref (level->tops);
  g_array_unref (level->heights);
}

/* Bends of a long edge: down through each dummy's layer, relative to
 * the level's left edge @x0. */
static void
store_bends (Level     *level,
             LevelEdge *edge,
             GArray    *chain,
             double     x0)
{
  for (guint i = 0; i < chain->len; i++)
    {
      LNode *dummy = LN (level, g_array_index (chain, guint, i));
      CvgGraphPoint top = { dummy->x - x0, g_array_index (level->tops, double, dummy->layer) };
      CvgGraphPoint bottom = { top.x, top.y + g_array_index (level->heights, double, dummy->layer) };

      g_array_append_val (edge->bends, top);
      g_array_append_val (edge->bends, bottom);
    }
  if (edge->reversed)
    for (guint i = 0, j = edge->bends->len - 1; edge->bends->len > 0 && i < j; i++, j--)
      {
        CvgGraphPoint swap = g_array_index (edge->bends, CvgGraphPoint, i);

        g_array_index (edge->bends, CvgGraphPoint, i) = g_array_index (edge->bends, CvgGraphPoint, j);
        g_array_index (edge->bends, CvgGraphPoint, j) = swap;
      }
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

/* Members far above the usual degree (save, init, gradients) stand
 * aside and their edges are not drawn, as TensorBoard does. */
static void
set_aside (Level  *level,
           GArray *edges,
           guint   n)
{
  g_autofree guint *degree = g_new0 (guint, n);
  g_autofree guint *sorted = NULL;
  guint threshold;

  if (n < EXTRACT_MIN_MEMBERS)
    return;
  for (guint e = 0; e < edges->len; e++)
    {
      degree[g_array_index (edges, LevelEdge, e).source]++;
      degree[g_array_index (edges, LevelEdge, e).target]++;
    }
  sorted = g_memdup2 (degree, n * sizeof (guint));
  qsort (sorted, n, sizeof (guint), compare_uint);
  threshold = MAX (EXTRACT_MIN_DEGREE, sorted[3 * n / 4] + 3 * (sorted[3 * n / 4] - sorted[n / 4]) / 2);
  for (guint v = 0; v < n; v++)
    LN (level, v)->aside = degree[v] > threshold;
  for (guint e = 0; e < edges->len; e++)
    {
      LevelEdge *edge = &g_array_index (edges, LevelEdge, e);

      edge->hidden = LN (level, edge->source)->aside || LN (level, edge->target)->aside;
    }
}

/* Members without a drawn edge (none, or only to members set aside)
 * gain nothing from the layers, where they would all stand in one row
 * of layer 0: when there are enough of them they are marked loose and
 * fill a grid instead, in member order. */
static void
mark_loose (Level  *level,
            GArray *edges,
            guint   n)
{
  guint n_loose = 0;

  for (guint v = 0; v < n; v++)
    LN (level, v)->loose = !LN (level, v)->aside;
  for (guint e = 0; e < edges->len; e++)
    {
      LevelEdge *edge = &g_array_index (edges, LevelEdge, e);

      if (!edge->hidden && edge->source != edge->target)
        LN (level, edge->source)->loose = LN (level, edge->target)->loose = FALSE;
    }
  for (guint v = 0; v < n; v++)
    n_loose += LN (level, v)->loose;
  if (n_loose < GRID_MIN_MEMBERS)
    for (guint v = 0; v < n; v++)
      LN (level, v)->loose = FALSE;
}

/* The loose members' grid, under the layers from @x0 to @x1 (none when
 * x0 > x1), centred under them and as wide as those or about
 * GRID_ASPECT times as wide as high, whichever is wider. Grows @x0,
 * @x1 and @height to fit. */
static void
place_loose (Level  *level,
             guint   n,
             double *x0,
             double *x1,
             double *height)
{
  g_autofree double *column_width = NULL;
  double area = 0, widths = 0, target, left, y, row_height = 0, grid_width = 0;
  guint n_loose = 0, n_columns;

  for (guint v = 0; v < n; v++)
    if (LN (level, v)->loose)
      {
        n_loose++;
        widths += LN (level, v)->width + NODE_GAP;
        area += (LN (level, v)->width + NODE_GAP) * (LN (level, v)->height + NODE_GAP);
      }
  if (n_loose == 0)
    return;
  /* As many columns of the mean width as reach the target width. */
  target = MAX (*x0 <= *x1 ? *x1 - *x0 : 0, sqrt (area * GRID_ASPECT));
  n_columns = CLAMP ((guint) ((target + NODE_GAP) / (widths / n_loose)), 1, n_loose);
  column_width = g_new0 (double, n_columns);
  for (guint v = 0, i = 0; v < n; v++)
    if (LN (level, v)->loose)
      {
        column_width[i % n_columns] = MAX (column_width[i % n_columns], LN (level, v)->width);
        i++;
      }
  for (guint c = 0; c < n_columns; c++)
    grid_width += column_width[c] + (c > 0 ? NODE_GAP : 0);
  y = *x0 <= *x1 ? *height + LAYER_GAP : 0;
  left = *x0 <= *x1 ? *x0 + MAX (0, (*x1 - *x0 - grid_width) / 2) : 0;
  for (guint v = 0, i = 0; v < n; v++)
    {
      LNode *node = LN (level, v);
      double cell_left = left;

      if (!node->loose)
        continue;
      if (i % n_columns == 0 && i > 0)
        {
          y += row_height + NODE_GAP;
          row_height = 0;
        }
      for (guint c = 0; c < i % n_columns; c++)
        cell_left += column_width[c] + NODE_GAP;
      node->x = cell_left + column_width[i % n_columns] / 2;
      node->aside_y = y;
      row_height = MAX (row_height, node->height);
      i++;
    }
  if (*x0 > *x1)
    {
      *x0 = left;
      *x1 = left + grid_width;
    }
  else
    {
      *x0 = MIN (*x0, left);
      *x1 = MAX (*x1, left + grid_width);
    }
  *height = y + row_height;
}

/* The members set aside, one under the other right of the layers that
 * end at @x1. Returns the right end and grows @height to fit. */
static double
place_aside (Level  *level,
             double  x1,
             double *height)
{
  double y = 0, width = 0;

  for (guint v = 0; v < level->nodes->len; v++)
    if (LN (level, v)->aside)
      width = MAX (width, LN (level, v)->width);
  if (width == 0)
    return x1;
  for (guint v = 0; v < level->nodes->len; v++)
    {
      LNode *node = LN (level, v);

      if (!node->aside)
        continue;
      node->x = x1 + ASIDE_GAP + width / 2;
      node->aside_y = y;
      y += node->height + NODE_GAP;
    }
  *height = MAX (*height, y - NODE_GAP);
  return x1 + ASIDE_GAP + width;
}

static void layout_box (Builder *builder,
                        guint    box);

/* Member positions relative to the level, and the level's size. */
static void
layout_level (Builder *builder,
              guint    box,
              double  *width,
              double  *height)
{
  Vis *vis = VIS (builder, box);
  guint n = vis->members->len;
  Level level = { g_array_new (FALSE, FALSE, sizeof (LNode)), g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref),
                  g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)) };
  g_autoptr(GHashTable) local = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) chains = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  GArray *edges = vis->level_edges;
  double x0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE;

  for (guint i = 0; i < n; i++)
    {
      guint member = g_array_index (vis->members, guint, i);
      GArray *none = g_array_new (FALSE, FALSE, sizeof (guint));

      layout_box (builder, member);
      add_lnode (&level, member, VIS (builder, member)->width, VIS (builder, member)->height);
      g_hash_table_insert (local, GUINT_TO_POINTER (member + 1), GUINT_TO_POINTER (i));
      g_ptr_array_add (out, none);
    }
  /* Level edges name members by Vis index; work on local indices. */
  for (guint e = 0; e < edges->len; e++)
    {
      LevelEdge *edge = &g_array_index (edges, LevelEdge, e);

      edge->source = GPOINTER_TO_UINT (g_hash_table_lookup (local, GUINT_TO_POINTER (edge->source + 1)));
      edge->target = GPOINTER_TO_UINT (g_hash_table_lookup (local, GUINT_TO_POINTER (edge->target + 1)));
    }
  set_aside (&level, edges, n);
  mark_loose (&level, edges, n);
  for (guint e = 0; e < edges->len; e++)
    if (!g_array_index (edges, LevelEdge, e).hidden)
      g_array_append_val (g_ptr_array_index (out, g_array_index (edges, LevelEdge, e).source), e);
  break_cycles (edges, n, out);
  for (guint e = 0; e < edges->len; e++)
    {
      LevelEdge *edge = &g_array_index (edges, LevelEdge, e);

      if (!edge->hidden)
        link_nodes (&level, edge->reversed ? edge->target : edge->source, edge->reversed ? edge->source : edge->target);
    }
  assign_layers (&level, n);
  /* Dummies chain anew, so the direct links go. */
  for (guint v = 0; v < n; v++)
    {
      g_array_set_size (LN (&level, v)->up, 0);
      g_array_set_size (LN (&level, v)->down, 0);
    }
  add_dummies (&level, edges, chains);
  fill_layers (&level);
  reduce_crossings (&level);
  assign_x (&level);
  *height = assign_y (&level);
  for (guint v = 0; v < level.nodes->len; v++)
    if (!LN (&level, v)->aside && !LN (&level, v)->loose)
      {
        x0 = MIN (x0, LN (&level, v)->x - LN (&level, v)->width / 2);
        x1 = MAX (x1, LN (&level, v)->x + LN (&level, v)->width / 2);
      }
  place_loose (&level, n, &x0, &x1, height);
  if (x0 > x1)
    x0 = x1 = -ASIDE_GAP;
  *width = n > 0 ? place_aside (&level, x1, height) - x0 : 0;
  for (guint i = 0; i < n; i++)
    {
      LNode *node = LN (&level, i);
      Vis *member = VIS (builder, g_array_index (vis->members, guint, i));

      member->x = node->x - node->width / 2 - x0;
      member->y = node->aside || node->loose ? node->aside_y
                  : g_array_index (level.tops, double, node->layer)
                    + (g_array_index (level.heights, double, node->layer) - node->height) / 2;
    }
  for (guint e = 0; e < edges->len; e++)
    store_bends (&level, &g_array_index (edges, LevelEdge, e), g_ptr_array_index (chains, e), x0);
  level_clear (&level);
}

static void
layout_box (Builder *builder,
            guint    box)
{
  Vis *vis = VIS (builder, box);
  const CvgGraphItem *item = cvg_graph_get_item (builder->graph, vis->item);
  double width, height;

  if (!vis->box)
    {
      vis->width = leaf_width (builder, vis->item);
      vis->height = CVG_GRAPH_NODE_HEIGHT;
      return;
    }
  layout_level (builder, box, &width, &height);
  vis = VIS (builder, box);
  if (box == 0)
    {
      vis->width = width + 2 * MARGIN;
      vis->height = height + 2 * MARGIN;
      return;
    }
  vis->width = MAX (width + 2 * BOX_PADDING, 32.0 + builder->char_width * g_utf8_strlen (item->short_name, -1));
  vis->height = height + CVG_GRAPH_BOX_HEADER + BOX_PADDING;
}

/* The result. */

static void
place_absolute (Builder        *builder,
                CvgGraphLayout *self,
                guint           box,
                double          x,
                double          y,
                guint           parent_node)
{
  Vis *vis = VIS (builder, box);
  double inner_x = x + (box == 0 ? MARGIN : BOX_PADDING);
  double inner_y = y + (box == 0 ? MARGIN : CVG_GRAPH_BOX_HEADER);
  double content = 0;

  for (guint i = 0; i < vis->members->len; i++)
    {
      Vis *member = VIS (builder, g_array_index (vis->members, guint, i));
      content = MAX (content, member->x + member->width);
    }
  /* A box wider than its content (a long title) centres it. */
  if (box != 0)
    inner_x += (vis->width - 2 * BOX_PADDING - content) / 2;
  for (guint i = 0; i < vis->members->len; i++)
    {
      guint m = g_array_index (vis->members, guint, i);
      Vis *member = VIS (builder, m);
      CvgGraphLayoutNode node = { member->item, inner_x + member->x, inner_y + member->y,
                                  member->width, member->height, member->box, parent_node };

      member->x = node.x;
      member->y = node.y;
      g_array_append_val (self->nodes, node);
      g_hash_table_insert (self->by_item, GUINT_TO_POINTER (member->item + 1), GUINT_TO_POINTER (self->nodes->len));
      if (member->box)
        place_absolute (builder, self, m, node.x, node.y, self->nodes->len - 1);
    }
  /* Bends follow their level. */
  for (guint e = 0; e < vis->level_edges->len; e++)
    {
      GArray *bends = g_array_index (vis->level_edges, LevelEdge, e).bends;

      for (guint i = 0; i < bends->len; i++)
        {
          g_array_index (bends, CvgGraphPoint, i).x += inner_x;
          g_array_index (bends, CvgGraphPoint, i).y += inner_y;
        }
    }
}

/* Where the ray from the centre of @node towards @towards leaves it. */
static CvgGraphPoint
clip_to_border (const CvgGraphLayoutNode *node,
                CvgGraphPoint             towards)
{
  double cx = node->x + node->width / 2, cy = node->y + node->height / 2;
  double dx = towards.x - cx, dy = towards.y - cy;
  double tx = dx != 0 ? (node->width / 2) / fabs (dx) : G_MAXDOUBLE;
  double ty = dy != 0 ? (node->height / 2) / fabs (dy) : G_MAXDOUBLE;
  double t = MIN (tx, ty);
  CvgGraphPoint point = { cx, cy + node->height / 2 };

  if (t == G_MAXDOUBLE)
    return point;
  point.x = cx + dx * t;
  point.y = cy + dy * t;
  return point;
}

static CvgGraphPoint
node_centre (const CvgGraphLayoutNode *node)
{
  CvgGraphPoint centre = { node->x + node->width / 2, node->y + node->height / 2 };

  return centre;
}

static void
add_edge_points (Builder         *builder,
                 CvgGraphLayout  *self,
                 const FinalEdge *final)
{
  LevelEdge *level_edge = &g_array_index (VIS (builder, final->container)->level_edges, LevelEdge, final->level_edge);
  GArray *bends = level_edge->bends;
  const CvgGraphLayoutNode *source = cvg_graph_layout_get_node (self, cvg_graph_layout_lookup_item (self, VIS (builder, final->source)->item));
  const CvgGraphLayoutNode *target = cvg_graph_layout_get_node (self, cvg_graph_layout_lookup_item (self, VIS (builder, final->target)->item));
  CvgGraphLayoutEdge edge = { 0 };
  CvgGraphPoint first = bends->len > 0 ? g_array_index (bends, CvgGraphPoint, 0) : node_centre (target);
  CvgGraphPoint last = bends->len > 0 ? g_array_index (bends, CvgGraphPoint, bends->len - 1) : node_centre (source);
  CvgGraphPoint start = clip_to_border (source, first);
  CvgGraphPoint end = clip_to_border (target, last);

  if (level_edge->hidden)
    return;

  edge.source = cvg_graph_layout_lookup_item (self, source->item);
  edge.target = cvg_graph_layout_lookup_item (self, target->item);
  edge.control = final->control;
  edge.count = final->count;
  edge.label = final->label != NULL && final->label[0] != '\0' ? final->label : NULL;
  edge.first_point = self->points->len;
  edge.n_points = bends->len + 2;
  g_array_append_val (self->points, start);
  g_array_append_vals (self->points, bends->data, bends->len);
  g_array_append_val (self->points, end);
  g_array_append_val (self->edges, edge);
}

static void
builder_clear (Builder *builder)
{
  for (guint v = 0; v < builder->vis->len; v++)
    {
      Vis *vis = VIS (builder, v);

      g_clear_pointer (&vis->members, g_array_unref);
      for (guint e = 0; vis->level_edges != NULL && e < vis->level_edges->len; e++)
        g_array_unref (g_array_index (vis->level_edges, LevelEdge, e).bends);
      g_clear_pointer (&vis->level_edges, g_array_unref);
    }
  g_array_unref (builder->vis);
  g_free (builder->rep);
}

CvgGraphLayout *
cvg_graph_layout_new (CvgGraph     *graph,
                      const guint8 *expanded,
                      double        char_width)
{
  CvgGraphLayout *self = g_new0 (CvgGraphLayout, 1);
  Builder builder = { graph, expanded, char_width > 0 ? char_width : CVG_GRAPH_CHAR_WIDTH,
                      g_array_new (FALSE, TRUE, sizeof (Vis)), NULL };
  g_autoptr(GArray) final = NULL;

  self->nodes = g_array_new (FALSE, FALSE, sizeof (CvgGraphLayoutNode));
  self->edges = g_array_new (FALSE, FALSE, sizeof (CvgGraphLayoutEdge));
  self->points = g_array_new (FALSE, FALSE, sizeof (CvgGraphPoint));
  self->by_item = g_hash_table_new (NULL, NULL);
  make_vis (&builder);
  final = make_final_edges (&builder);
  layout_box (&builder, 0);
  self->width = VIS (&builder, 0)->width;
  self->height = VIS (&builder, 0)->height;
  place_absolute (&builder, self, 0, 0, 0, CVG_GRAPH_NONE);
  for (guint e = 0; e < final->len; e++)
    add_edge_points (&builder, self, &g_array_index (final, FinalEdge, e));
  builder_clear (&builder);
  return self;
}

void
cvg_graph_layout_free (CvgGraphLayout *self)
{
  g_array_unref (self->nodes);
  g_array_unref (self->edges);
  g_array_unref (self->points);
  g_hash_table_unref (self->by_item);
  g_free (self);
}

double
cvg_graph_layout_get_width (CvgGraphLayout *self)
{
  return self->width;
}

double
cvg_graph_layout_get_height (CvgGraphLayout *self)
{
  return self->height;
}

guint
cvg_graph_layout_get_n_nodes (CvgGraphLayout *self)
{
  return self->nodes->len;
}

const CvgGraphLayoutNode *
cvg_graph_layout_get_node (CvgGraphLayout *self,
                           guint           index)
{
  g_return_val_if_fail (index < self->nodes->len, NULL);
  return &g_array_index (self->nodes, CvgGraphLayoutNode, index);
}

guint
cvg_graph_layout_get_n_edges (CvgGraphLayout *self)
{
  return self->edges->len;
}

const CvgGraphLayoutEdge *
cvg_graph_layout_get_edge (CvgGraphLayout *self,
                           guint           index)
{
  g_return_val_if_fail (index < self->edges->len, NULL);
  return &g_array_index (self->edges, CvgGraphLayoutEdge, index);
}

const CvgGraphPoint *
cvg_graph_layout_get_point (CvgGraphLayout *self,
                            guint           index)
{
  g_return_val_if_fail (index < self->points->len, NULL);
  return &g_array_index (self->points, CvgGraphPoint, index);
}

guint
cvg_graph_layout_lookup_item (CvgGraphLayout *self,
                              guint           item)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->by_item, GUINT_TO_POINTER (item + 1))) - 1;
}

guint
cvg_graph_layout_node_at (CvgGraphLayout *self,
                          double          x,
                          double          y)
{
  for (guint i = self->nodes->len; i-- > 0;)
    {
      const CvgGraphLayoutNode *node = &g_array_index (self->nodes, CvgGraphLayoutNode, i);

      if (x >= node->x && x <= node->x + node->width && y >= node->y && y <= node->y + node->height)
        return i;
    }
  return CVG_GRAPH_NONE;
}

guint
cvg_graph_layout_count_leaves (CvgGraphLayout *self)
{
  guint n = 0;

  for (guint i = 0; i < self->nodes->len; i++)
    n += !g_array_index (self->nodes, CvgGraphLayoutNode, i).box;
  return n;
}
