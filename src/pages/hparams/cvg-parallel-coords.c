/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-parallel-coords"

#include "config.h"

#include "cvg-parallel-coords.h"

#include <math.h>

#include "cvg-chart-common.h"
#include "cvg-chart-draw.h"
#include "cvg-session-marks.h"

#define MARGIN_X      84.0
#define MARGIN_TOP    32.0
#define MARGIN_BOTTOM 24.0
#define BRUSH_WIDTH   14.0
#define PICK_DISTANCE 6.0
#define MAX_TITLE     160
#define LABEL_WIDTH   76

struct _CvgParallelCoords
{
  GtkWidget       parent_instance;

  CvgHparamsAxes *axes;       /* borrowed */
  CvgSessionMarks marks;
  int             drag_axis;  /* or -1 */
  double          drag_y;
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

static double
axis_x (CvgParallelCoords *self,
        guint              axis)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * MARGIN_X;
  guint n = n_axes (self);

  return MARGIN_X + (n > 1 ? width * axis / (n - 1) : width / 2);
}

static double
axis_spacing (CvgParallelCoords *self)
{
  guint n = n_axes (self);

  return n > 1 ? axis_x (self, 1) - axis_x (self, 0) : 2 * MAX_TITLE;
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

  for (guint a = 0; a < n_axes (self); a++)
    {
      double position = cvg_hparams_axes_get_position (self->axes, a, session);

      /* A missing value breaks the line. */
      if (isnan (position))
        {
          pen_down = FALSE;
          continue;
        }
      if (pen_down)
        cairo_line_to (cr, axis_x (self, a), position_y (self, position));
      else
        cairo_move_to (cr, axis_x (self, a), position_y (self, position));
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
        cairo_set_line_width (cr, (int) s == self->marks.hovered ? 4 : 2);
        cairo_stroke (cr);
      }
}

static void
draw_axis (CvgParallelCoords *self,
           cairo_t           *cr,
           PangoLayout       *layout,
           const GdkRGBA     *fg,
           guint              axis)
{
  double x = axis_x (self, axis);
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
  cvg_chart_set_source (cr, fg, 1);
  pango_layout_set_width (layout, (int) MIN (MAX_TITLE, axis_spacing (self) - 8) * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_MIDDLE);
  cvg_chart_text_size (layout, cvg_hparams_axes_get_title (self->axes, axis), &w, &h);
  cvg_chart_show_text (cr, layout, cvg_hparams_axes_get_title (self->axes, axis),
                       CLAMP (x - w / 2.0, 2, gtk_widget_get_width (GTK_WIDGET (self)) - w - 2), MARGIN_TOP - h - 8);
  cvg_chart_reset_layout (layout);
}

/* Numeric axes name their ends; categorical ones each category. */
static void
draw_axis_labels (CvgParallelCoords *self,
                  cairo_t           *cr,
                  PangoLayout       *layout,
                  const GdkRGBA     *fg,
                  guint              axis)
{
  double x = axis_x (self, axis);
  g_autoptr(GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  cvg_chart_set_source (cr, fg, 0.75);
  for (guint s = 0; s < n_sessions (self) + 2; s++)
    {
      double position = s < 2 ? (double) s : cvg_hparams_axes_get_position (self->axes, axis, s - 2);
      g_autofree char *label = NULL;
      int w, h;

      if (isnan (position) || (s < 2 && !cvg_hparams_axes_is_numeric (self->axes, axis)) ||
          (s >= 2 && cvg_hparams_axes_is_numeric (self->axes, axis)))
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
  for (guint a = 0; a < n_axes (self); a++)
    draw_axis (self, cr, layout, &fg, a);
  draw_lines (self, cr, &fg);
  for (guint a = 0; a < n_axes (self); a++)
    draw_axis_labels (self, cr, layout, &fg, a);
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
    for (guint a = 0; a + 1 < n_axes (self); a++)
      {
        double p0 = cvg_hparams_axes_get_position (self->axes, a, s);
        double p1 = cvg_hparams_axes_get_position (self->axes, a + 1, s);
        double d;

        if (isnan (p0) || isnan (p1) || !cvg_hparams_axes_passes (self->axes, s))
          continue;
        d = segment_distance (x, y, axis_x (self, a), position_y (self, p0), axis_x (self, a + 1), position_y (self, p1));
        if (d < best)
          {
            best = d;
            picked = s;
          }
      }
  return picked;
}

static int
pick_axis (CvgParallelCoords *self,
           double             x)
{
  for (guint a = 0; a < n_axes (self); a++)
    if (fabs (x - axis_x (self, a)) <= BRUSH_WIDTH)
      return a;
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
  self->drag_axis = pick_axis (self, x);
  self->drag_y = y;
}

static void
drag_update_cb (CvgParallelCoords *self,
                double            dx,
                double            dy)
{
  double a, b;

  if (self->drag_axis < 0 || fabs (dy) < 3)
    return;
  a = y_position (self, self->drag_y);
  b = y_position (self, self->drag_y + dy);
  cvg_parallel_coords_brush (self, self->drag_axis, MIN (a, b), MAX (a, b));
}

/* A click: on an axis clears its brush, on a line activates its session. */
static void
drag_end_cb (CvgParallelCoords *self,
             double            dx,
             double            dy)
{
  int session;

  if (fabs (dx) >= 3 || fabs (dy) >= 3)
    return;
  if (self->drag_axis >= 0)
    {
      cvg_parallel_coords_brush (self, self->drag_axis, 1, 0);
      return;
    }
  session = pick_session (self, self->marks.pointer_x, self->marks.pointer_y);
  if (session >= 0)
    g_signal_emit (self, signals[SESSION_ACTIVATED], 0, (guint) session);
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
cvg_parallel_coords_finalize (GObject *object)
{
  CvgParallelCoords *self = CVG_PARALLEL_COORDS (object);

  cvg_session_marks_clear (&self->marks);
  G_OBJECT_CLASS (cvg_parallel_coords_parent_class)->finalize (object);
}

static void
cvg_parallel_coords_class_init (CvgParallelCoordsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cvg_parallel_coords_finalize;
  widget_class->snapshot = cvg_parallel_coords_snapshot;
  widget_class->measure = cvg_parallel_coords_measure;

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

  self->drag_axis = -1;
  cvg_session_marks_init (&self->marks, GTK_WIDGET (self), &handlers);
}

GtkWidget *
cvg_parallel_coords_new (void)
{
  return g_object_new (CVG_TYPE_PARALLEL_COORDS, NULL);
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
  self->drag_axis = -1;
  cvg_session_marks_set (&self->marks, axes != NULL ? colors : NULL, axes != NULL ? names : NULL);
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
