/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-graph-canvas"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cvg-graph-canvas-private.h"
#include "cvg-run-palette.h"

#define RADIUS         6.0
#define STACK_OFFSET   3.0
#define ARROW_SIZE     7.0
#define MIN_TEXT_PX    4.5
#define LINE_WIDTH     1.2

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   width,
              double   height,
              double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static guint
first_op (CvgGraph *graph,
          guint     item)
{
  const CvgGraphItem *it = cvg_graph_get_item (graph, item);

  while (it->kind != CVG_GRAPH_ITEM_OP && it->children->len > 0)
    it = cvg_graph_get_item (graph, g_array_index (it->children, guint, 0));
  return it->op_index;
}

void
_cvg_graph_node_color (CvgGraph *graph,
                       guint     item,
                       CvgGraphColorMode mode,
                       GdkRGBA  *color)
{
  const CvgGraphItem *it = cvg_graph_get_item (graph, item);
  const char *key = it->op;
  guint op;

  if (mode == CVG_GRAPH_COLOR_COMPUTE)
    {
      gint64 total = cvg_graph_get_item (graph, 0)->compute_micros;
      double t;

      if (it->compute_micros <= 0 || total <= 0)
        {
          *color = (GdkRGBA) { 0.55, 0.55, 0.58, 1 };
          return;
        }
      /* Log scale against the whole graph's time. */
      t = CLAMP (log1p ((double) it->compute_micros) / log1p ((double) total), 0, 1);
      *color = (GdkRGBA) { 0.95, 0.85 - 0.7 * t, 0.25 - 0.15 * t, 1 };
      return;
    }
  if (mode == CVG_GRAPH_COLOR_DEVICE)
    {
      op = first_op (graph, item);
      key = op != CVG_GRAPH_NONE ? cvg_graph_get_op (graph, op)->device : NULL;
    }
  if (key == NULL || key[0] == '\0')
    {
      *color = (GdkRGBA) { 0.55, 0.55, 0.58, 1 };
      return;
    }
  gdk_rgba_parse (color, cvg_run_palette_get_color (g_str_hash (key) % cvg_run_palette_get_size ()));
}

static void
set_source_alpha (cairo_t       *cr,
                  const GdkRGBA *color,
                  double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* One line of text, ellipsized to @width, centred on (x, y). */
static void
draw_text (cairo_t             *cr,
           const CvgGraphStyle *style,
           const char          *text,
           gboolean             bold,
           double               x,
           double               y,
           double               width)
{
  PangoLayout *layout = style->layout;
  PangoAttrList *attrs = pango_attr_list_new ();
  int text_width, text_height;

  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  cairo_move_to (cr, x - text_width / 2.0, y - text_height / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static void
leaf_texts (CvgGraph            *graph,
            const CvgGraphItem  *item,
            char               **title,
            char               **subtitle)
{
  switch (item->kind)
    {
    case CVG_GRAPH_ITEM_OP:
      *title = g_strdup (item->op);
      *subtitle = g_strdup (item->short_name);
      break;
    case CVG_GRAPH_ITEM_SERIES:
      *title = g_strdup (item->short_name);
      /* TRANSLATORS: a stack of nodes: "Add × 6", or of name scopes */
      *subtitle = g_strdup_printf (_("%s × %u"), item->op != NULL ? item->op : _("Scope"), item->children->len);
      break;
    case CVG_GRAPH_ITEM_SCOPE:
    default:
      *title = g_strdup (item->short_name);
      *subtitle = g_strdup_printf (ngettext ("%u node", "%u nodes", item->n_ops), item->n_ops);
      break;
    }
}

static void
draw_box (cairo_t                  *cr,
          CvgGraph                 *graph,
          const CvgGraphStyle      *style,
          const CvgGraphLayoutNode *node,
          gboolean                  show_text)
{
  const CvgGraphItem *item = cvg_graph_get_item (graph, node->item);
  GdkRGBA color;

  _cvg_graph_node_color (graph, node->item, style->color_mode, &color);
  rounded_rect (cr, node->x, node->y, node->width, node->height, RADIUS * 1.5);
  set_source_alpha (cr, style->color_mode != CVG_GRAPH_COLOR_OP ? &color : &style->fg, 0.05);
  cairo_fill_preserve (cr);
  set_source_alpha (cr, &style->fg, 0.35);
  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_stroke (cr);
  if (!show_text)
    return;
  set_source_alpha (cr, &style->fg, 0.8);
  draw_text (cr, style, item->short_name, TRUE, node->x + node->width / 2,
             node->y + CVG_GRAPH_BOX_HEADER / 2, node->width - 16);
}

static void
draw_leaf (cairo_t                  *cr,
           CvgGraph                 *graph,
           const CvgGraphStyle      *style,
           const CvgGraphLayoutNode *node,
           gboolean                  show_text)
{
  const CvgGraphItem *item = cvg_graph_get_item (graph, node->item);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  guint n_shapes = item->kind == CVG_GRAPH_ITEM_SERIES ? 3 : 1;
  GdkRGBA color;

  _cvg_graph_node_color (graph, node->item, style->color_mode, &color);
  cairo_set_line_width (cr, item->kind == CVG_GRAPH_ITEM_SCOPE ? 2.2 : LINE_WIDTH);
  /* A series is a stack: two shadows behind, within the node. */
  for (guint s = n_shapes; s-- > 0;)
    {
      double inset = (n_shapes - 1) * STACK_OFFSET;

      rounded_rect (cr, node->x + s * STACK_OFFSET, node->y + (n_shapes - 1 - s) * STACK_OFFSET,
                    node->width - inset, node->height - inset, RADIUS);
      cairo_set_source_rgb (cr, style->bg.red, style->bg.green, style->bg.blue);
      cairo_fill_preserve (cr);
      set_source_alpha (cr, &color, item->kind == CVG_GRAPH_ITEM_SCOPE ? 0.12 : 0.28);
      cairo_fill_preserve (cr);
      set_source_alpha (cr, &color, 1);
      cairo_stroke (cr);
    }
  if (!show_text)
    return;
  leaf_texts (graph, item, &title, &subtitle);
  set_source_alpha (cr, &style->fg, 0.95);
  draw_text (cr, style, title, TRUE, node->x + node->width / 2, node->y + node->height * 0.32, node->width - 10);
  set_source_alpha (cr, &style->fg, 0.7);
  draw_text (cr, style, subtitle, FALSE, node->x + node->width / 2, node->y + node->height * 0.7, node->width - 10);
}

static void
draw_arrow (cairo_t             *cr,
            const CvgGraphPoint *from,
            const CvgGraphPoint *to)
{
  double angle = atan2 (to->y - from->y, to->x - from->x);

  cairo_move_to (cr, to->x, to->y);
  cairo_line_to (cr, to->x - ARROW_SIZE * cos (angle - 0.4), to->y - ARROW_SIZE * sin (angle - 0.4));
  cairo_line_to (cr, to->x - ARROW_SIZE * cos (angle + 0.4), to->y - ARROW_SIZE * sin (angle + 0.4));
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* The label sits beside the middle of the edge's longest segment, when
 * that is long enough to hold it. */
static void
draw_edge_label (cairo_t                  *cr,
                 CvgGraphLayout           *layout,
                 const CvgGraphStyle      *style,
                 const CvgGraphLayoutEdge *edge,
                 GArray                   *taken)
{
  graphene_rect_t rect;
  const CvgGraphPoint *a = NULL, *b = NULL;
  double longest = -1;
  int width, height;
  double x, y;

  for (guint i = 0; i + 1 < edge->n_points; i++)
    {
      const CvgGraphPoint *p = cvg_graph_layout_get_point (layout, edge->first_point + i);
      const CvgGraphPoint *q = cvg_graph_layout_get_point (layout, edge->first_point + i + 1);
      double length = hypot (q->x - p->x, q->y - p->y);

      if (length > longest)
        {
          longest = length;
          a = p;
          b = q;
        }
    }
  pango_layout_set_attributes (style->layout, NULL);
  pango_layout_set_width (style->layout, -1);
  pango_layout_set_text (style->layout, edge->label, -1);
  pango_layout_get_pixel_size (style->layout, &width, &height);
  if (longest < height * 1.5 + 8)
    return;
  x = (a->x + b->x) / 2 + 4;
  y = (a->y + b->y) / 2 - height / 2.0;
  /* Labels never cover each other: the later one is left out. */
  rect = GRAPHENE_RECT_INIT (x - 1, y, width + 2, height);
  for (guint i = 0; i < taken->len; i++)
    if (graphene_rect_intersection (&rect, &g_array_index (taken, graphene_rect_t, i), NULL))
      return;
  g_array_append_val (taken, rect);
  cairo_rectangle (cr, x - 1, y, width + 2, height);
  set_source_alpha (cr, &style->bg, 0.85);
  cairo_fill (cr);
  set_source_alpha (cr, &style->fg, 0.75);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, style->layout);
}

static gboolean
edge_meets (CvgGraphLayout           *layout,
            const CvgGraphLayoutEdge *edge,
            const graphene_rect_t    *area)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  for (guint i = 0; i < edge->n_points; i++)
    {
      const CvgGraphPoint *p = cvg_graph_layout_get_point (layout, edge->first_point + i);

      x0 = MIN (x0, p->x);
      y0 = MIN (y0, p->y);
      x1 = MAX (x1, p->x);
      y1 = MAX (y1, p->y);
    }
  return x1 >= area->origin.x && x0 <= area->origin.x + area->size.width
         && y1 >= area->origin.y && y0 <= area->origin.y + area->size.height;
}

static void
draw_edges (cairo_t             *cr,
            CvgGraphLayout      *layout,
            const CvgGraphStyle *style,
            const graphene_rect_t *area,
            gboolean             show_text)
{
  static const double dash[] = { 4, 3 };
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));

  for (guint e = 0; e < cvg_graph_layout_get_n_edges (layout); e++)
    {
      const CvgGraphLayoutEdge *edge = cvg_graph_layout_get_edge (layout, e);
      const CvgGraphPoint *last = cvg_graph_layout_get_point (layout, edge->first_point + edge->n_points - 1);
      const CvgGraphPoint *before = cvg_graph_layout_get_point (layout, edge->first_point + edge->n_points - 2);

      if (!edge_meets (layout, edge, area))
        continue;
      for (guint i = 0; i < edge->n_points; i++)
        {
          const CvgGraphPoint *p = cvg_graph_layout_get_point (layout, edge->first_point + i);

          cairo_line_to (cr, p->x, p->y);
        }
      set_source_alpha (cr, &style->fg, edge->control ? 0.45 : 0.6);
      cairo_set_line_width (cr, LINE_WIDTH + MIN (edge->count - 1, 4) * 0.4);
      cairo_set_dash (cr, dash, edge->control ? G_N_ELEMENTS (dash) : 0, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      draw_arrow (cr, before, last);
      if (show_text && edge->label != NULL)
        draw_edge_label (cr, layout, style, edge, taken);
    }
}

static gboolean
node_meets (const CvgGraphLayoutNode *node,
            const graphene_rect_t    *area)
{
  return node->x + node->width >= area->origin.x && node->x <= area->origin.x + area->size.width
         && node->y + node->height >= area->origin.y && node->y <= area->origin.y + area->size.height;
}

void
_cvg_graph_draw (cairo_t               *cr,
                 CvgGraph              *graph,
                 CvgGraphLayout        *layout,
                 const CvgGraphStyle   *style,
                 double                 zoom,
                 const graphene_rect_t *area)
{
  gboolean show_text = zoom * 10 >= MIN_TEXT_PX;
  guint n = cvg_graph_layout_get_n_nodes (layout);

  cairo_save (cr);
  cairo_scale (cr, zoom, zoom);
  cairo_translate (cr, -area->origin.x, -area->origin.y);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < n; i++)
    {
      const CvgGraphLayoutNode *node = cvg_graph_layout_get_node (layout, i);

      if (node->box && node_meets (node, area))
        draw_box (cr, graph, style, node, show_text);
    }
  draw_edges (cr, layout, style, area, show_text);
  for (guint i = 0; i < n; i++)
    {
      const CvgGraphLayoutNode *node = cvg_graph_layout_get_node (layout, i);

      if (!node->box && node_meets (node, area))
        draw_leaf (cr, graph, style, node, show_text);
    }
  cairo_restore (cr);
}
