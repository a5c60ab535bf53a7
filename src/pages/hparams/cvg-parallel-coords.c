/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-parallel-coords"

#include "config.h"

#include "cvg-parallel-coords.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cvg-chart-common.h"
#include "cvg-chart-draw.h"
#include "cvg-session-marks.h"

#define MARGIN_X      84.0
#define MARGIN_TOP    32.0
/* Above it, titles (a drag moves the axis); below, a drag brushes, from
 * the axis' top when it starts above it. */
#define TITLE_BOTTOM  (MARGIN_TOP - 8)
#define MARGIN_BOTTOM 24.0
#define BRUSH_WIDTH   14.0
#define PICK_DISTANCE 6.0
#define MAX_TITLE     160
#define LABEL_WIDTH   76

typedef enum
{
  DRAG_NONE,
  DRAG_BRUSH,   /* along an axis */
  DRAG_MOVE,    /* an axis by its title */
} DragKind;

struct _CvgParallelCoords
{
  GtkWidget       parent_instance;

  CvgHparamsAxes *axes;         /* borrowed */
  GArray         *order;        /* guint: the axis shown in each slot */
  GPtrArray      *moved;        /* char *: titles in the order a drag left them, or NULL */
  CvgSessionMarks marks;
  DragKind        drag;
  guint           drag_slot;
  double          drag_x;
  double          drag_y;
  double          drag_dx;
  GtkWidget      *scale_menu;   /* GtkPopoverMenu */
  guint           menu_axis;
};

G_DEFINE_FINAL_TYPE (CvgParallelCoords, cvg_parallel_coords, GTK_TYPE_WIDGET)

enum
{
  BRUSH_CHANGED,
  SESSION_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
n_sessions (CvgParallelCoords *self)
{
  return cvg_session_marks_get_n (&self->marks);
}

static guint
n_axes (CvgParallelCoords *self)
{
  return self->axes != NULL ? cvg_hparams_axes_get_n_axes (self->axes) : 0;
}

/* Axes are drawn in slots, left to right, in the order dragged. */
static double
slot_x (CvgParallelCoords *self,
        guint              slot)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * MARGIN_X;
  guint n = n_axes (self);

  return MARGIN_X + (n > 1 ? width * slot / (n - 1) : width / 2);
}

static guint
slot_axis (CvgParallelCoords *self,
           guint              slot)
{
  return g_array_index (self->order, guint, slot);
}

static double
axis_spacing (CvgParallelCoords *self)
{
  guint n = n_axes (self);

  return n > 1 ? slot_x (self, 1) - slot_x (self, 0) : 2 * MAX_TITLE;
}

static double
plot_height (CvgParallelCoords *self)
{
  return MAX (1, gtk_widget_get_height (GTK_WIDGET (self)) - MARGIN_TOP - MARGIN_BOTTOM);
}

static double
position_y (CvgParallelCoords *self,
            double             position)
{
  return MARGIN_TOP + (1 - position) * plot_height (self);
}

static double
y_position (CvgParallelCoords *self,
            double             y)
{
  return CLAMP (1 - (y - MARGIN_TOP) / plot_height (self), 0, 1);
}

static void
trace_session (CvgParallelCoords *self,
               cairo_t           *cr,
               guint              session)
{
  gboolean pen_down = FALSE;

  for (guint slot = 0; slot < n_axes (self); slot++)
    {
      double position = cvg_hparams_axes_get_position (self->axes, slot_axis (self, slot), session);

      /* A missing value breaks the line. */
      if (isnan (position))
        {
          pen_down = FALSE;
          continue;
        }
      if (pen_down)
        cairo_line_to (cr, slot_x (self, slot), position_y (self, position));
      else
        cairo_move_to (cr, slot_x (self, slot), position_y (self, position));
      pen_down = TRUE;
    }
}

static void
draw_lines (CvgParallelCoords *self,
            cairo_t           *cr,
            const GdkRGBA     *fg)
{
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  /* Brushed-out lines first and faint, so the kept ones stay on top. */
  for (int pass = 0; pass < 2; pass++)
    for (guint s = 0; s < n_sessions (self); s++)
      {
        gboolean kept = cvg_hparams_axes_passes (self->axes, s);

        if (kept != (pass == 1))
          continue;
        trace_session (self, cr, s);
        if (kept)
          cvg_chart_set_source (cr, g_ptr_array_index (self->marks.colors, s), 0.9);
        else
          cvg_chart_set_source (cr, fg, 0.12);
        cairo_set_line_width (cr, 2);
        cairo_stroke (cr);
      }
  /* The hovered line on top of all, wide, ringed in the foreground colour. */
  if (self->marks.hovered >= 0 && (guint) self->marks.hovered < n_sessions (self))
    {
      trace_session (self, cr, self->marks.hovered);
      cvg_chart_set_source (cr, fg, 0.9);
      cairo_set_line_width (cr, 6);
      cairo_stroke_preserve (cr);
      cvg_chart_set_source (cr, g_ptr_array_index (self->marks.colors, self->marks.hovered), 1);
      cairo_set_line_width (cr, 3.5);
      cairo_stroke (cr);
    }
}

static const char *
scale_mark (CvgParallelCoords *self,
            guint              axis)
{
  switch (cvg_hparams_axes_get_scale (self->axes, axis))
    {
    /* Translators: marks an axis title whose scale is logarithmic. */
    case CVG_AXIS_SCALE_LOG: return _("log");
    /* Translators: marks an axis title whose scale is by quantiles. */
    case CVG_AXIS_SCALE_QUANTILE: return _("quantile");
    case CVG_AXIS_SCALE_LINEAR:
    default: return NULL;
    }
}

/* The title as drawn: with its scale when not linear. */
static char *
axis_title (CvgParallelCoords *self,
            guint              axis)
{
  const char *title = cvg_hparams_axes_get_title (self->axes, axis);
  const char *mark = scale_mark (self, axis);

  /* Translators: an axis title, then its scale, as in "lr (log)". */
  return mark != NULL ? g_strdup_printf (_("%s (%s)"), title, mark) : g_strdup (title);
}

static double
title_width (CvgParallelCoords *self)
{
  return MIN (MAX_TITLE, axis_spacing (self) - 8);
}

static void
draw_axis (CvgParallelCoords *self,
           cairo_t           *cr,
           PangoLayout       *layout,
           const GdkRGBA     *fg,
           guint              slot)
{
  guint axis = slot_axis (self, slot);
  double x = slot_x (self, slot);
  g_autofree char *title = axis_title (self, axis);
  double low, high;
  int w, h;

  if (cvg_hparams_axes_get_brush (self->axes, axis, &low, &high))
    {
      cvg_chart_set_source (cr, fg, 0.18);
      cairo_rectangle (cr, x - BRUSH_WIDTH / 2, position_y (self, high), BRUSH_WIDTH,
                       position_y (self, low) - position_y (self, high));
      cairo_fill (cr);
    }
  cvg_chart_set_source (cr, fg, 0.5);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, round (x) + 0.5, MARGIN_TOP);
  cairo_line_to (cr, round (x) + 0.5, MARGIN_TOP + plot_height (self));
  cairo_stroke (cr);

  /* Titles share the room between axes and stay inside the widget. */
  cvg_chart_set_source (cr, fg, self->drag == DRAG_MOVE && slot == self->drag_slot ? 0.4 : 1);
  pango_layout_set_width (layout, (int) title_width (self) * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_MIDDLE);
  cvg_chart_text_size (layout, title, &w, &h);
  cvg_chart_show_text (cr, layout, title,
                       CLAMP (x - w / 2.0, 2, gtk_widget_get_width (GTK_WIDGET (self)) - w - 2), TITLE_BOTTOM - h);
  cvg_chart_reset_layout (layout);
}

/* Where an axis dragged by its title would land. */
static guint
drop_slot (CvgParallelCoords *self)
{
  double x = self->drag_x + self->drag_dx;
  guint best = 0;

  for (guint slot = 1; slot < n_axes (self); slot++)
    if (fabs (x - slot_x (self, slot)) < fabs (x - slot_x (self, best)))
      best = slot;
  return best;
}

static void
draw_move (CvgParallelCoords *self,
           cairo_t           *cr,
           const GdkRGBA     *fg)
{
  double x;

  if (self->drag != DRAG_MOVE || fabs (self->drag_dx) < 3)
    return;
  x = round (slot_x (self, drop_slot (self)));
  cvg_chart_set_source (cr, fg, 0.6);
  cairo_set_line_width (cr, 3);
  cairo_move_to (cr, x, 4);
  cairo_line_to (cr, x, MARGIN_TOP + plot_height (self));
  cairo_stroke (cr);
}

/* Numeric axes name their ends and middle; categorical ones each
 * category. */
static void
draw_axis_labels (CvgParallelCoords *self,
                  cairo_t           *cr,
                  PangoLayout       *layout,
                  const GdkRGBA     *fg,
                  guint              slot)
{
  guint axis = slot_axis (self, slot);
  double x = slot_x (self, slot);
  gboolean numeric = cvg_hparams_axes_is_numeric (self->axes, axis);
  g_autoptr(GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  cvg_chart_set_source (cr, fg, 0.75);
  for (guint s = 0; s < n_sessions (self) + 3; s++)
    {
      double position = s < 3 ? s / 2.0 : cvg_hparams_axes_get_position (self->axes, axis, s - 3);
      g_autofree char *label = NULL;
      int w, h;

      if (isnan (position) || (s < 3) != numeric)
        continue;
      label = cvg_hparams_axes_get_label (self->axes, axis, position);
      if (label == NULL || !g_hash_table_add (shown, g_strdup (label)))
        continue;
      pango_layout_set_width (layout, LABEL_WIDTH * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      cvg_chart_text_size (layout, label, &w, &h);
      cvg_chart_show_text (cr, layout, label, x - w - 4, position_y (self, position) - h / 2.0);
      cvg_chart_reset_layout (layout);
    }
}

static void
cvg_parallel_coords_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  CvgParallelCoords *self = CVG_PARALLEL_COORDS (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) layout = NULL;
  GdkRGBA fg, bg;
  cairo_t *cr;

  if (n_axes (self) == 0 || width <= 0 || height <= 0)
    return;
  cvg_chart_lookup_colors (widget, &fg, &bg);
  layout = cvg_chart_create_layout (widget);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  for (guint slot = 0; slot < n_axes (self); slot++)
    draw_axis (self, cr, layout, &fg, slot);
  draw_lines (self, cr, &fg);
  for (guint slot = 0; slot < n_axes (self); slot++)
    draw_axis_labels (self, cr, layout, &fg, slot);
  draw_move (self, cr, &fg);
  cvg_session_marks_draw_hover (&self->marks, cr, layout, &fg, &bg, width, height);
  cairo_destroy (cr);
}

/* Picking and brushing. */

static double
segment_distance (double px, double py,
                  double ax, double ay,
                  double bx, double by)
{
  double dx = bx - ax, dy = by - ay;
  double t = dx * dx + dy * dy > 0 ? ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy) : 0;

  t = CLAMP (t, 0, 1);
  return hypot (px - (ax + t * dx), py - (ay + t * dy));
}

static int
pick_session (CvgParallelCoords *self,
              double             x,
              double             y)
{
  double best = PICK_DISTANCE;
  int picked = -1;

  for (guint s = 0; s < n_sessions (self); s++)
    for (guint slot = 0; slot + 1 < n_axes (self); slot++)
      {
        double p0 = cvg_hparams_axes_get_position (self->axes, slot_axis (self, slot), s);
        double p1 = cvg_hparams_axes_get_position (self->axes, slot_axis (self, slot + 1), s);
        double d;

        if (isnan (p0) || isnan (p1) || !cvg_hparams_axes_passes (self->axes, s))
          continue;
        d = segment_distance (x, y, slot_x (self, slot), position_y (self, p0),
                              slot_x (self, slot + 1), position_y (self, p1));
        if (d < best)
          {
            best = d;
            picked = s;
          }
      }
  return picked;
}

/* The slot under @x: near its line, or under its title when @y is above
 * the plot; -1 where none. */
static int
pick_slot (CvgParallelCoords *self,
           double             x,
           double             y)
{
  double reach = y < TITLE_BOTTOM ? title_width (self) / 2 : BRUSH_WIDTH;

  for (guint slot = 0; slot < n_axes (self); slot++)
    if (fabs (x - slot_x (self, slot)) <= reach)
      return slot;
  return -1;
}

static void
motion_cb (CvgParallelCoords *self,
           double            x,
           double            y)
{
  if (cvg_session_marks_hover (&self->marks, pick_session (self, x, y), x, y))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_begin_cb (CvgParallelCoords *self,
               double             x,
               double             y)
{
  int slot = pick_slot (self, x, y);

  self->drag = slot < 0 ? DRAG_NONE : y < TITLE_BOTTOM ? DRAG_MOVE : DRAG_BRUSH;
  self->drag_slot = MAX (slot, 0);
  self->drag_x = x;
  self->drag_y = y;
  self->drag_dx = 0;
}

static void
drag_update_cb (CvgParallelCoords *self,
                double            dx,
                double            dy)
{
  double a, b;

  if (self->drag == DRAG_MOVE)
    {
      self->drag_dx = dx;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  if (self->drag != DRAG_BRUSH || fabs (dy) < 3)
    return;
  a = y_position (self, self->drag_y);
  b = y_position (self, self->drag_y + dy);
  cvg_parallel_coords_brush (self, slot_axis (self, self->drag_slot), MIN (a, b), MAX (a, b));
}

static void
scale_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CvgParallelCoords *self = user_data;
  const char *name = g_variant_get_string (parameter, NULL);

  cvg_parallel_coords_set_scale (self, self->menu_axis,
                                 g_str_equal (name, "log") ? CVG_AXIS_SCALE_LOG
                                 : g_str_equal (name, "quantile") ? CVG_AXIS_SCALE_QUANTILE
                                 : CVG_AXIS_SCALE_LINEAR);
}

static void
append_scale (GMenu      *menu,
              const char *label,
              const char *target,
              gboolean    enabled)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  /* An item with no action shows as one that cannot be chosen. */
  if (enabled)
    g_menu_item_set_action_and_target (item, "parallel.scale", "s", target);
  g_menu_append_item (menu, item);
}

/* The scale menu of a numeric axis, under its title. */
static void
open_scale_menu (CvgParallelCoords *self,
                 guint              slot)
{
  guint axis = slot_axis (self, slot);
  g_autoptr(GMenu) menu = g_menu_new ();
  CvgAxisScale scale = cvg_hparams_axes_get_scale (self->axes, axis);
  gboolean can_log = cvg_hparams_axes_can_log (self->axes, axis);
  GdkRectangle rect = { (int) slot_x (self, slot) - 1, 0, 2, TITLE_BOTTOM };

  if (!cvg_hparams_axes_is_numeric (self->axes, axis))
    return;
  self->menu_axis = axis;
  /* The scale shown has no action: it is the one in use. */
  append_scale (menu, _("Linear"), "linear", scale != CVG_AXIS_SCALE_LINEAR);
  append_scale (menu, can_log ? _("Logarithmic") : _("Logarithmic (needs every value > 0)"), "log",
                can_log && scale != CVG_AXIS_SCALE_LOG);
  append_scale (menu, _("Quantile"), "quantile", scale != CVG_AXIS_SCALE_QUANTILE);
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->scale_menu), G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->scale_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->scale_menu));
}

/* A click: on a title opens its scale menu, on an axis clears its brush,
 * on a line activates its session. A title dragged moves its axis. */
static void
drag_end_cb (CvgParallelCoords *self,
             double            dx,
             double            dy)
{
  DragKind drag = self->drag;
  int session;

  self->drag = DRAG_NONE;
  if (drag == DRAG_MOVE && fabs (dx) >= 3)
    {
      self->drag_dx = dx;
      cvg_parallel_coords_move_axis (self, self->drag_slot, drop_slot (self));
      return;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (fabs (dx) >= 3 || fabs (dy) >= 3)
    return;
  if (drag == DRAG_MOVE)
    open_scale_menu (self, self->drag_slot);
  else if (drag == DRAG_BRUSH)
    cvg_parallel_coords_brush (self, slot_axis (self, self->drag_slot), 1, 0);
  else if ((session = pick_session (self, self->marks.pointer_x, self->marks.pointer_y)) >= 0)
    g_signal_emit (self, signals[SESSION_ACTIVATED], 0, (guint) session);
}

static gboolean
query_tooltip_cb (CvgParallelCoords *self,
                  int                x,
                  int                y,
                  gboolean           keyboard,
                  GtkTooltip        *tooltip)
{
  int slot = y < TITLE_BOTTOM ? pick_slot (self, x, y) : -1;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;

  /* Not over the menu it describes. */
  if (slot < 0 || gtk_widget_get_visible (self->scale_menu))
    return FALSE;
  title = axis_title (self, slot_axis (self, slot));
  /* Translators: the tooltip of an axis title; %s is the title. */
  text = g_strdup_printf (cvg_hparams_axes_is_numeric (self->axes, slot_axis (self, slot))
                          ? _("%s\nClick to choose the scale, drag to move the axis")
                          : _("%s\nDrag to move the axis"), title);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
cvg_parallel_coords_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 200 : 160;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 800 : 280;
}

static void
cvg_parallel_coords_dispose (GObject *object)
{
  CvgParallelCoords *self = CVG_PARALLEL_COORDS (object);

  g_clear_pointer (&self->scale_menu, gtk_widget_unparent);
  G_OBJECT_CLASS (cvg_parallel_coords_parent_class)->dispose (object);
}

static void
cvg_parallel_coords_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  CvgParallelCoords *self = CVG_PARALLEL_COORDS (widget);

  gtk_popover_present (GTK_POPOVER (self->scale_menu));
}

static void
cvg_parallel_coords_finalize (GObject *object)
{
  CvgParallelCoords *self = CVG_PARALLEL_COORDS (object);

  cvg_session_marks_clear (&self->marks);
  g_array_unref (self->order);
  g_clear_pointer (&self->moved, g_ptr_array_unref);
  G_OBJECT_CLASS (cvg_parallel_coords_parent_class)->finalize (object);
}

static void
cvg_parallel_coords_class_init (CvgParallelCoordsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cvg_parallel_coords_dispose;
  object_class->finalize = cvg_parallel_coords_finalize;
  widget_class->snapshot = cvg_parallel_coords_snapshot;
  widget_class->measure = cvg_parallel_coords_measure;
  widget_class->size_allocate = cvg_parallel_coords_size_allocate;

  signals[BRUSH_CHANGED] = g_signal_new ("brush-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SESSION_ACTIVATED] = g_signal_new ("session-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  gtk_widget_class_set_css_name (widget_class, "parallel-coords");
}

static void
cvg_parallel_coords_init (CvgParallelCoords *self)
{
  static const CvgSessionMarksHandlers handlers = {
    G_CALLBACK (motion_cb), G_CALLBACK (drag_begin_cb), G_CALLBACK (drag_update_cb), G_CALLBACK (drag_end_cb),
  };

  static const GActionEntry actions[] = {
    { "scale", scale_activated_cb, "s" },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  self->order = g_array_new (FALSE, FALSE, sizeof (guint));
  cvg_session_marks_init (&self->marks, GTK_WIDGET (self), &handlers);
  g_action_map_add_action_entries (G_ACTION_MAP (group), actions, G_N_ELEMENTS (actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "parallel", G_ACTION_GROUP (group));
  self->scale_menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->scale_menu), TRUE);
  gtk_widget_set_parent (self->scale_menu, GTK_WIDGET (self));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
}

GtkWidget *
cvg_parallel_coords_new (void)
{
  return g_object_new (CVG_TYPE_PARALLEL_COORDS, NULL);
}

/* Slots for the axes: those moved before keep their order, by title, the
 * others follow in the axes' own order. */
static void
place_axes (CvgParallelCoords *self)
{
  guint n = n_axes (self);
  g_autofree gboolean *placed = g_new0 (gboolean, n + 1);

  g_array_set_size (self->order, 0);
  for (guint m = 0; self->moved != NULL && m < self->moved->len; m++)
    for (guint a = 0; a < n; a++)
      if (!placed[a] && g_str_equal (g_ptr_array_index (self->moved, m), cvg_hparams_axes_get_title (self->axes, a)))
        {
          g_array_append_val (self->order, a);
          placed[a] = TRUE;
          break;
        }
  for (guint a = 0; a < n; a++)
    if (!placed[a])
      g_array_append_val (self->order, a);
}

void
cvg_parallel_coords_set_data (CvgParallelCoords *self,
                              CvgHparamsAxes    *axes,
                              GPtrArray         *colors,
                              GPtrArray         *names)
{
  g_return_if_fail (CVG_IS_PARALLEL_COORDS (self));
  g_return_if_fail (axes == NULL || (colors != NULL && names != NULL && colors->len == names->len));

  self->axes = axes;
  self->drag = DRAG_NONE;
  gtk_popover_popdown (GTK_POPOVER (self->scale_menu));
  cvg_session_marks_set (&self->marks, axes != NULL ? colors : NULL, axes != NULL ? names : NULL);
  place_axes (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cvg_parallel_coords_brush (CvgParallelCoords *self,
                           guint              axis,
                           double             low,
                           double             high)
{
  g_return_if_fail (CVG_IS_PARALLEL_COORDS (self));
  g_return_if_fail (axis < n_axes (self));

  cvg_hparams_axes_set_brush (self->axes, axis, low, high);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[BRUSH_CHANGED], 0);
}

void
cvg_parallel_coords_move_axis (CvgParallelCoords *self,
                               guint              from,
                               guint              to)
{
  guint axis;

  g_return_if_fail (CVG_IS_PARALLEL_COORDS (self));
  g_return_if_fail (from < n_axes (self) && to < n_axes (self));

  axis = slot_axis (self, from);
  g_array_remove_index (self->order, from);
  g_array_insert_val (self->order, to, axis);
  g_clear_pointer (&self->moved, g_ptr_array_unref);
  self->moved = g_ptr_array_new_with_free_func (g_free);
  for (guint slot = 0; slot < n_axes (self); slot++)
    g_ptr_array_add (self->moved, g_strdup (cvg_hparams_axes_get_title (self->axes, slot_axis (self, slot))));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
cvg_parallel_coords_get_slot_axis (CvgParallelCoords *self,
                                   guint              slot)
{
  g_return_val_if_fail (CVG_IS_PARALLEL_COORDS (self), 0);
  g_return_val_if_fail (slot < n_axes (self), 0);
  return slot_axis (self, slot);
}

gboolean
cvg_parallel_coords_set_scale (CvgParallelCoords *self,
                               guint              axis,
                               CvgAxisScale       scale)
{
  g_return_val_if_fail (CVG_IS_PARALLEL_COORDS (self), FALSE);
  g_return_val_if_fail (axis < n_axes (self), FALSE);

  if (!cvg_hparams_axes_set_scale (self->axes, axis, scale))
    return FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  /* Positions moved, and the axis' brush went. */
  g_signal_emit (self, signals[BRUSH_CHANGED], 0);
  return TRUE;
}
