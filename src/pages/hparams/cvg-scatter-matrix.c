/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-scatter-matrix"

#include "config.h"

#include "cvg-scatter-matrix.h"

#include <math.h>

#include "cvg-chart-common.h"
#include "cvg-chart-draw.h"
#include "cvg-session-marks.h"

#define LEFT          150.0
#define TOP           28.0
#define MAX_CELL      180.0
#define PAD           6.0
#define RADIUS        3.5
#define PICK_DISTANCE 6.0

struct _CvgScatterMatrix
{
  GtkWidget       parent_instance;

  CvgHparamsAxes *axes;          /* borrowed */
  guint           first_metric;
  CvgSessionMarks marks;
  int             drag_row, drag_col;  /* -1 when not in a cell */
  double          drag_x, drag_y;
};

G_DEFINE_FINAL_TYPE (CvgScatterMatrix, cvg_scatter_matrix, GTK_TYPE_WIDGET)

enum
{
  BRUSH_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
n_cols (CvgScatterMatrix *self)
{
  return self->axes != NULL ? cvg_hparams_axes_get_n_axes (self->axes) : 0;
}

static guint
n_rows (CvgScatterMatrix *self)
{
  return n_cols (self) > self->first_metric ? n_cols (self) - self->first_metric : 0;
}

static guint
n_sessions (CvgScatterMatrix *self)
{
  return cvg_session_marks_get_n (&self->marks);
}

static double
cell_size (CvgScatterMatrix *self)
{
  double w = (gtk_widget_get_width (GTK_WIDGET (self)) - LEFT - PAD) / MAX (1, n_cols (self));
  double h = (gtk_widget_get_height (GTK_WIDGET (self)) - TOP - PAD) / MAX (1, n_rows (self));

  return MAX (24, MIN (MAX_CELL, MIN (w, h)));
}

/* The point of (x, y) positions in cell (row, col). */
static void
cell_point (CvgScatterMatrix *self,
            guint             row,
            guint             col,
            double            px,
            double            py,
            double           *x,
            double           *y)
{
  double size = cell_size (self);

  *x = LEFT + col * size + PAD + px * (size - 2 * PAD);
  *y = TOP + row * size + PAD + (1 - py) * (size - 2 * PAD);
}

static gboolean
cell_at (CvgScatterMatrix *self,
         double            x,
         double            y,
         int              *row,
         int              *col)
{
  double size = cell_size (self);

  *col = (int) floor ((x - LEFT) / size);
  *row = (int) floor ((y - TOP) / size);
  return x >= LEFT && y >= TOP && *col < (int) n_cols (self) && *row < (int) n_rows (self);
}

static void
draw_brush_bands (CvgScatterMatrix *self,
                  cairo_t          *cr,
                  const GdkRGBA    *fg,
                  guint             row,
                  guint             col)
{
  double low, high, x0, y0, x1, y1;

  cvg_chart_set_source (cr, fg, 0.1);
  if (cvg_hparams_axes_get_brush (self->axes, col, &low, &high))
    {
      cell_point (self, row, col, low, 1, &x0, &y0);
      cell_point (self, row, col, high, 0, &x1, &y1);
      cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
      cairo_fill (cr);
    }
  if (cvg_hparams_axes_get_brush (self->axes, self->first_metric + row, &low, &high))
    {
      cell_point (self, row, col, 0, high, &x0, &y0);
      cell_point (self, row, col, 1, low, &x1, &y1);
      cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
      cairo_fill (cr);
    }
}

static void
draw_cell (CvgScatterMatrix *self,
           cairo_t          *cr,
           const GdkRGBA    *fg,
           guint             row,
           guint             col)
{
  double size = cell_size (self);
  guint y_axis = self->first_metric + row;

  cvg_chart_set_source (cr, fg, 0.3);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, LEFT + col * size + 0.5, TOP + row * size + 0.5, size - 1, size - 1);
  cairo_stroke (cr);
  draw_brush_bands (self, cr, fg, row, col);
  /* Brushed-out markers first and faint. */
  for (int pass = 0; pass < 2; pass++)
    for (guint s = 0; s < n_sessions (self); s++)
      {
        double px = cvg_hparams_axes_get_position (self->axes, col, s);
        double py = cvg_hparams_axes_get_position (self->axes, y_axis, s);
        gboolean kept = cvg_hparams_axes_passes (self->axes, s);
        double x, y;

        if (kept != (pass == 1) || isnan (px) || isnan (py))
          continue;
        cell_point (self, row, col, px, py, &x, &y);
        cairo_arc (cr, x, y, (int) s == self->marks.hovered ? RADIUS * 1.6 : RADIUS, 0, 2 * G_PI);
        if (kept)
          cvg_chart_set_source (cr, g_ptr_array_index (self->marks.colors, s), 0.9);
        else
          cvg_chart_set_source (cr, fg, 0.15);
        cairo_fill (cr);
      }
}

static void
draw_titles (CvgScatterMatrix *self,
             cairo_t          *cr,
             PangoLayout      *layout,
             const GdkRGBA    *fg)
{
  double size = cell_size (self);
  int w, h;

  cvg_chart_set_source (cr, fg, 1);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_MIDDLE);
  pango_layout_set_width (layout, (int) (size - 16) * PANGO_SCALE);
  for (guint c = 0; c < n_cols (self); c++)
    {
      const char *title = cvg_hparams_axes_get_title (self->axes, c);

      cvg_chart_text_size (layout, title, &w, &h);
      cvg_chart_show_text (cr, layout, title, LEFT + c * size + (size - w) / 2, TOP - h - 4);
    }
  pango_layout_set_width (layout, (int) (LEFT - 8) * PANGO_SCALE);
  for (guint r = 0; r < n_rows (self); r++)
    {
      const char *title = cvg_hparams_axes_get_title (self->axes, self->first_metric + r);

      cvg_chart_text_size (layout, title, &w, &h);
      cvg_chart_show_text (cr, layout, title, LEFT - w - 6, TOP + r * size + (size - h) / 2);
    }
  cvg_chart_reset_layout (layout);
}

static void
cvg_scatter_matrix_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  CvgScatterMatrix *self = CVG_SCATTER_MATRIX (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) layout = NULL;
  GdkRGBA fg, bg;
  cairo_t *cr;

  if (n_rows (self) == 0 || width <= 0 || height <= 0)
    return;
  cvg_chart_lookup_colors (widget, &fg, &bg);
  layout = cvg_chart_create_layout (widget);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  for (guint r = 0; r < n_rows (self); r++)
    for (guint c = 0; c < n_cols (self); c++)
      draw_cell (self, cr, &fg, r, c);
  draw_titles (self, cr, layout, &fg);
  cvg_session_marks_draw_hover (&self->marks, cr, layout, &fg, &bg, width, height);
  cairo_destroy (cr);
}

static int
pick_session (CvgScatterMatrix *self,
              double            x,
              double            y)
{
  int row, col, picked = -1;
  double best = PICK_DISTANCE;

  if (!cell_at (self, x, y, &row, &col))
    return -1;
  for (guint s = 0; s < n_sessions (self); s++)
    {
      double px = cvg_hparams_axes_get_position (self->axes, col, s);
      double py = cvg_hparams_axes_get_position (self->axes, self->first_metric + row, s);
      double sx, sy;

      if (isnan (px) || isnan (py) || !cvg_hparams_axes_passes (self->axes, s))
        continue;
      cell_point (self, row, col, px, py, &sx, &sy);
      if (hypot (sx - x, sy - y) < best)
        {
          best = hypot (sx - x, sy - y);
          picked = s;
        }
    }
  return picked;
}

static void
motion_cb (CvgScatterMatrix *self,
           double           x,
           double           y)
{
  if (cvg_session_marks_hover (&self->marks, pick_session (self, x, y), x, y))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A cell position of a pixel, clamped to the cell. */
static double
to_position (CvgScatterMatrix *self,
             double            pixel,
             double            origin,
             gboolean          flip)
{
  double size = cell_size (self);
  double p = CLAMP ((pixel - origin - PAD) / (size - 2 * PAD), 0, 1);

  return flip ? 1 - p : p;
}

static void
brush (CvgScatterMatrix *self,
       guint             axis,
       double            low,
       double            high)
{
  cvg_hparams_axes_set_brush (self->axes, axis, low, high);
}

static void
drag_begin_cb (CvgScatterMatrix *self,
               double            x,
               double            y)
{
  if (!cell_at (self, x, y, &self->drag_row, &self->drag_col))
    self->drag_row = self->drag_col = -1;
  self->drag_x = x;
  self->drag_y = y;
}

static void
drag_update_cb (CvgScatterMatrix *self,
                double           dx,
                double           dy)
{
  double size = cell_size (self);
  double left = LEFT + self->drag_col * size, top = TOP + self->drag_row * size;
  double x0, x1, y0, y1;

  if (self->drag_row < 0 || (fabs (dx) < 3 && fabs (dy) < 3))
    return;
  x0 = to_position (self, self->drag_x, left, FALSE);
  x1 = to_position (self, self->drag_x + dx, left, FALSE);
  y0 = to_position (self, self->drag_y, top, TRUE);
  y1 = to_position (self, self->drag_y + dy, top, TRUE);
  brush (self, self->drag_col, MIN (x0, x1), MAX (x0, x1));
  brush (self, self->first_metric + self->drag_row, MIN (y0, y1), MAX (y0, y1));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[BRUSH_CHANGED], 0);
}

static void
drag_end_cb (CvgScatterMatrix *self,
             double           dx,
             double           dy)
{
  if (self->drag_row < 0 || fabs (dx) >= 3 || fabs (dy) >= 3)
    return;
  brush (self, self->drag_col, 1, 0);
  brush (self, self->first_metric + self->drag_row, 1, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[BRUSH_CHANGED], 0);
}

static void
cvg_scatter_matrix_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  CvgScatterMatrix *self = CVG_SCATTER_MATRIX (widget);

  *minimum = 160;
  /* Never below the minimum, also while the page has no data yet. */
  *natural = MAX (*minimum, orientation == GTK_ORIENTATION_HORIZONTAL ? LEFT + n_cols (self) * MAX_CELL + PAD
                                                                      : TOP + n_rows (self) * MAX_CELL + PAD);
}

static void
cvg_scatter_matrix_finalize (GObject *object)
{
  CvgScatterMatrix *self = CVG_SCATTER_MATRIX (object);

  cvg_session_marks_clear (&self->marks);
  G_OBJECT_CLASS (cvg_scatter_matrix_parent_class)->finalize (object);
}

static void
cvg_scatter_matrix_class_init (CvgScatterMatrixClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cvg_scatter_matrix_finalize;
  widget_class->snapshot = cvg_scatter_matrix_snapshot;
  widget_class->measure = cvg_scatter_matrix_measure;
  signals[BRUSH_CHANGED] = g_signal_new ("brush-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_css_name (widget_class, "scatter-matrix");
}

static void
cvg_scatter_matrix_init (CvgScatterMatrix *self)
{
  static const CvgSessionMarksHandlers handlers = {
    G_CALLBACK (motion_cb), G_CALLBACK (drag_begin_cb), G_CALLBACK (drag_update_cb), G_CALLBACK (drag_end_cb),
  };

  self->drag_row = self->drag_col = -1;
  cvg_session_marks_init (&self->marks, GTK_WIDGET (self), &handlers);
}

GtkWidget *
cvg_scatter_matrix_new (void)
{
  return g_object_new (CVG_TYPE_SCATTER_MATRIX, NULL);
}

void
cvg_scatter_matrix_set_data (CvgScatterMatrix *self,
                             CvgHparamsAxes   *axes,
                             guint             first_metric,
                             GPtrArray        *colors,
                             GPtrArray        *names)
{
  g_return_if_fail (CVG_IS_SCATTER_MATRIX (self));
  g_return_if_fail (axes == NULL || (colors != NULL && names != NULL && colors->len == names->len));

  self->axes = axes;
  self->first_metric = first_metric;
  self->drag_row = self->drag_col = -1;
  cvg_session_marks_set (&self->marks, axes != NULL ? colors : NULL, axes != NULL ? names : NULL);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
