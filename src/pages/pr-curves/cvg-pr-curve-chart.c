/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-pr-curve-chart"

#include "config.h"

#include "cvg-pr-curve-chart.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cvg-chart-common.h"
#include "cvg-chart-draw.h"
#include "cvg-chart-math.h"

/* TensorBoard's default domain: [0, 1] with a margin, so that the ends
 * of a curve are not cut by the frame. */
#define DOMAIN_MIN  (-0.05)
#define DOMAIN_MAX  1.05
#define MARGIN_LEFT   44
#define MARGIN_RIGHT  12
#define MARGIN_TOP    24
#define MARGIN_BOTTOM 40
#define TOOLTIP_GAP   12

CvgPrChartLine *
cvg_pr_chart_line_new (const char *run,
                       const char *color,
                       CvgPrCurve *curve)
{
  CvgPrChartLine *line = g_new0 (CvgPrChartLine, 1);

  line->run = g_strdup (run);
  if (!gdk_rgba_parse (&line->color, color))
    line->color = (GdkRGBA) { 0.5, 0.5, 0.5, 1 };
  line->curve = curve;
  line->earlier = g_ptr_array_new_with_free_func ((GDestroyNotify) cvg_pr_curve_free);
  return line;
}

void
cvg_pr_chart_line_free (CvgPrChartLine *line)
{
  if (line == NULL)
    return;
  g_free (line->run);
  g_clear_pointer (&line->curve, cvg_pr_curve_free);
  g_clear_pointer (&line->earlier, g_ptr_array_unref);
  g_free (line);
}

struct _CvgPrCurveChart
{
  GtkWidget      parent_instance;

  GPtrArray     *lines;     /* CvgPrChartLine */
  GArray        *hover;     /* int column per line, -1 for none */
  gboolean       hovering;
  double         hover_x;
  double         hover_y;
  gboolean       show_earlier;
  GdkRGBA        fg;
  GdkRGBA        bg;
  CvgChartLayer  layer;
  /* The tooltip is wider than a card: a popover, which may leave it. */
  GtkWidget     *popover;
  GtkGrid       *table;
  char          *table_text;
};

G_DEFINE_FINAL_TYPE (CvgPrCurveChart, cvg_pr_curve_chart, GTK_TYPE_WIDGET)

static void
get_frame (CvgPrCurveChart *self,
           CvgChartFrame   *frame,
           double           width,
           double           height)
{
  frame->width = width;
  frame->height = height;
  frame->x = MARGIN_LEFT;
  frame->y = MARGIN_TOP;
  frame->w = MAX (1, width - MARGIN_LEFT - MARGIN_RIGHT);
  frame->h = MAX (1, height - MARGIN_TOP - MARGIN_BOTTOM);
}

static double
to_px (const CvgChartFrame *frame,
       double               v,
       gboolean             horizontal)
{
  double t = (v - DOMAIN_MIN) / (DOMAIN_MAX - DOMAIN_MIN);

  return horizontal ? frame->x + t * frame->w : frame->y + (1 - t) * frame->h;
}

/* The point of a column, or FALSE where precision or recall is not a
 * number (nothing predicted positive). */
static gboolean
column_point (const CvgChartFrame *frame,
              const CvgPrCurve    *curve,
              guint                column,
              double              *x,
              double              *y)
{
  double recall = cvg_pr_curve_get (curve, CVG_PR_RECALL, column);
  double precision = cvg_pr_curve_get (curve, CVG_PR_PRECISION, column);

  if (!isfinite (recall) || !isfinite (precision))
    return FALSE;
  *x = to_px (frame, recall, TRUE);
  *y = to_px (frame, precision, FALSE);
  return TRUE;
}

static void
trace_curve (cairo_t             *cr,
             const CvgChartFrame *frame,
             const CvgPrCurve    *curve)
{
  gboolean pen_down = FALSE;

  for (guint j = 0; j < cvg_pr_curve_get_length (curve); j++)
    {
      double x, y;

      if (!column_point (frame, curve, j, &x, &y))
        {
          pen_down = FALSE;
          continue;
        }
      if (pen_down)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      pen_down = TRUE;
    }
}

static void
draw_axes (CvgPrCurveChart     *self,
           cairo_t             *cr,
           PangoLayout         *layout,
           const CvgChartFrame *frame)
{
  g_autoptr(GArray) ticks = cvg_ticks_linear (0, 1, 6, NULL);
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ys = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  int text_w, text_h;

  for (guint i = 0; i < ticks->len; i++)
    {
      double v = g_array_index (ticks, double, i);
      double x = to_px (frame, v, TRUE);
      double y = to_px (frame, v, FALSE);

      g_array_append_val (xs, x);
      g_array_append_val (ys, y);
      g_ptr_array_add (labels, cvg_format_compact (v, 3));
    }
  cvg_chart_draw_ticks (cr, layout, &self->fg, frame, xs, labels, TRUE);
  cvg_chart_draw_ticks (cr, layout, &self->fg, frame, ys, labels, FALSE);

  cvg_chart_set_source (cr, &self->fg, 0.35);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, frame->x + 0.5, frame->y + 0.5, frame->w - 1, frame->h - 1);
  cairo_stroke (cr);

  /* Axis names: recall below the plot, precision above it. */
  cvg_chart_set_source (cr, &self->fg, 0.75);
  cvg_chart_text_size (layout, _("Recall"), &text_w, &text_h);
  cvg_chart_show_text (cr, layout, _("Recall"), frame->x + (frame->w - text_w) / 2, frame->height - text_h - 2);
  cvg_chart_text_size (layout, _("Precision"), &text_w, &text_h);
  cvg_chart_show_text (cr, layout, _("Precision"), frame->x, MAX (0, frame->y - text_h - 6));
}

static void
draw_static (gpointer     data,
             cairo_t     *cr,
             PangoLayout *layout,
             double       width,
             double       height)
{
  CvgPrCurveChart *self = data;
  CvgChartFrame frame;

  get_frame (self, &frame, width, height);
  draw_axes (self, cr, layout, &frame);

  cairo_save (cr);
  cairo_rectangle (cr, frame.x, frame.y, frame.w, frame.h);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; self->show_earlier && i < self->lines->len; i++)
    {
      CvgPrChartLine *line = g_ptr_array_index (self->lines, i);

      /* Older steps fainter, so the direction of travel shows. */
      for (guint k = 0; k < line->earlier->len; k++)
        {
          trace_curve (cr, &frame, g_ptr_array_index (line->earlier, k));
          cvg_chart_set_source (cr, &line->color, 0.12 + 0.4 * (k + 1) / (line->earlier->len + 1));
          cairo_set_line_width (cr, 1.25);
          cairo_stroke (cr);
        }
    }
  for (guint i = 0; i < self->lines->len; i++)
    {
      CvgPrChartLine *line = g_ptr_array_index (self->lines, i);

      trace_curve (cr, &frame, line->curve);
      cvg_chart_set_source (cr, &line->color, 1);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static int
hover_column (CvgPrCurveChart *self,
              guint            index)
{
  return index < self->hover->len ? g_array_index (self->hover, int, index) : -1;
}

static void
draw_hover (gpointer     data,
            cairo_t     *cr,
            PangoLayout *layout,
            double       width,
            double       height)
{
  CvgPrCurveChart *self = data;
  CvgChartFrame frame;

  get_frame (self, &frame, width, height);
  for (guint i = 0; i < self->lines->len; i++)
    {
      CvgPrChartLine *line = g_ptr_array_index (self->lines, i);
      int column = hover_column (self, i);
      double x, y;

      if (column < 0 || !column_point (&frame, line->curve, column, &x, &y))
        continue;
      cairo_arc (cr, x, y, 5, 0, 2 * G_PI);
      cvg_chart_set_source (cr, &line->color, 1);
      cairo_fill_preserve (cr);
      cvg_chart_set_source (cr, &self->bg, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
}

static void
invalidate (CvgPrCurveChart *self)
{
  cvg_chart_layer_clear (&self->layer);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The tooltip's text as a table: a header row, then a row per run. */
static void
fill_table (CvgPrCurveChart *self,
            const char      *text)
{
  g_auto(GStrv) rows = g_strsplit (text, "\n", -1);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table))) != NULL)
    gtk_grid_remove (self->table, child);
  for (guint r = 0; rows[r] != NULL; r++)
    {
      g_auto(GStrv) cells = g_strsplit (rows[r], "\t", -1);

      for (guint c = 0; cells[c] != NULL; c++)
        {
          GtkWidget *label = gtk_label_new (cells[c]);

          gtk_label_set_xalign (GTK_LABEL (label), c == 0 ? 0 : 1);
          if (c == 0)
            {
              gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
              gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
            }
          gtk_widget_add_css_class (label, r == 0 ? "heading" : "numeric");
          gtk_grid_attach (self->table, label, (int) c, (int) r, 1, 1);
        }
    }
}

static void
place_popover (CvgPrCurveChart *self,
               const char      *text)
{
  /* Under the plot, beside the pointer: the curves stay in sight. */
  GdkRectangle at = { (int) self->hover_x, gtk_widget_get_height (GTK_WIDGET (self)), 1, 1 };

  if (text == NULL)
    {
      gtk_popover_popdown (GTK_POPOVER (self->popover));
      return;
    }
  if (g_strcmp0 (text, self->table_text) != 0)
    {
      g_free (self->table_text);
      self->table_text = g_strdup (text);
      fill_table (self, text);
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &at);
  if (!gtk_widget_get_visible (self->popover))
    gtk_popover_popup (GTK_POPOVER (self->popover));
}

/* Screen readers hear what the tooltip shows. */
static void
hover_changed (CvgPrCurveChart *self)
{
  g_autofree char *text = cvg_pr_curve_chart_dup_tooltip_text (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text != NULL ? text : "", -1);
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    place_popover (self, text);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
cvg_pr_curve_chart_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  gtk_popover_present (GTK_POPOVER (CVG_PR_CURVE_CHART (widget)->popover));
}

static void
cvg_pr_curve_chart_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  CvgPrCurveChart *self = CVG_PR_CURVE_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (width <= 0 || height <= 0)
    return;
  cvg_chart_layer_snapshot (&self->layer, widget, snapshot, width, height, draw_static, self);
  if (self->hovering)
    cvg_chart_snapshot_draw (widget, snapshot, width, height, draw_hover, self);
}

static void
cvg_pr_curve_chart_css_changed (GtkWidget         *widget,
                                GtkCssStyleChange *change)
{
  CvgPrCurveChart *self = CVG_PR_CURVE_CHART (widget);

  GTK_WIDGET_CLASS (cvg_pr_curve_chart_parent_class)->css_changed (widget, change);
  cvg_chart_lookup_colors (widget, &self->fg, &self->bg);
  invalidate (self);
}

static void
motion_cb (CvgPrCurveChart *self,
           double           x,
           double           y)
{
  cvg_pr_curve_chart_hover_at (self, x, y);
}

static gboolean
key_pressed_cb (CvgPrCurveChart *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state)
{
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      cvg_pr_curve_chart_step_hover (self, +1);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      cvg_pr_curve_chart_step_hover (self, -1);
      return TRUE;
    case GDK_KEY_Escape:
      cvg_pr_curve_chart_unhover (self);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
pressed_cb (CvgPrCurveChart *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
cvg_pr_curve_chart_dispose (GObject *object)
{
  CvgPrCurveChart *self = CVG_PR_CURVE_CHART (object);

  cvg_chart_layer_clear (&self->layer);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_pointer (&self->hover, g_array_unref);
  g_clear_pointer (&self->table_text, g_free);

  G_OBJECT_CLASS (cvg_pr_curve_chart_parent_class)->dispose (object);
}

static void
cvg_pr_curve_chart_class_init (CvgPrCurveChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cvg_pr_curve_chart_dispose;
  widget_class->snapshot = cvg_pr_curve_chart_snapshot;
  widget_class->css_changed = cvg_pr_curve_chart_css_changed;
  widget_class->size_allocate = cvg_pr_curve_chart_size_allocate;
  cvg_chart_class_setup (widget_class, "pr-curve-chart");
}

static void
cvg_pr_curve_chart_init (CvgPrCurveChart *self)
{
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->lines = g_ptr_array_new ();
  self->hover = g_array_new (FALSE, FALSE, sizeof (int));
  cvg_chart_add_motion_controller (GTK_WIDGET (self), G_CALLBACK (motion_cb),
                                   G_CALLBACK (cvg_pr_curve_chart_unhover));
  g_signal_connect_swapped (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  self->table = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->table, 12);
  gtk_grid_set_row_spacing (self->table, 2);
  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), GTK_WIDGET (self->table));
  gtk_popover_set_autohide (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_BOTTOM);
  gtk_popover_set_offset (GTK_POPOVER (self->popover), 0, TOOLTIP_GAP);
  /* The pointer passes through it to the chart. */
  gtk_widget_set_can_target (self->popover, FALSE);
  gtk_widget_set_can_focus (self->popover, FALSE);
  gtk_widget_add_css_class (self->popover, "pr-curve-tooltip");
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self), -1, 300);
}

GtkWidget *
cvg_pr_curve_chart_new (void)
{
  return g_object_new (CVG_TYPE_PR_CURVE_CHART, NULL);
}

void
cvg_pr_curve_chart_set_lines (CvgPrCurveChart *self,
                              GPtrArray       *lines)
{
  g_return_if_fail (CVG_IS_PR_CURVE_CHART (self));
  g_return_if_fail (lines != NULL);

  g_ptr_array_unref (self->lines);
  self->lines = g_ptr_array_ref (lines);
  /* The same columns stay hovered where the curves still have them. */
  for (guint i = 0; i < MIN (self->hover->len, lines->len); i++)
    {
      CvgPrChartLine *line = g_ptr_array_index (lines, i);
      int *column = &g_array_index (self->hover, int, i);

      *column = MIN (*column, (int) cvg_pr_curve_get_length (line->curve) - 1);
    }
  g_array_set_size (self->hover, MIN (self->hover->len, lines->len));
  while (self->hover->len < lines->len && self->hovering)
    {
      int none = -1;

      g_array_append_val (self->hover, none);
    }
  invalidate (self);
  if (self->hovering)
    hover_changed (self);
}

void
cvg_pr_curve_chart_set_show_earlier (CvgPrCurveChart *self,
                                     gboolean         show_earlier)
{
  g_return_if_fail (CVG_IS_PR_CURVE_CHART (self));

  if (self->show_earlier == !!show_earlier)
    return;
  self->show_earlier = !!show_earlier;
  invalidate (self);
}

void
cvg_pr_curve_chart_hover_at (CvgPrCurveChart *self,
                             double           x,
                             double           y)
{
  CvgChartFrame frame;

  g_return_if_fail (CVG_IS_PR_CURVE_CHART (self));

  get_frame (self, &frame, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
  g_array_set_size (self->hover, self->lines->len);
  for (guint i = 0; i < self->lines->len; i++)
    {
      CvgPrChartLine *line = g_ptr_array_index (self->lines, i);
      double best = G_MAXDOUBLE;
      int nearest = -1;

      for (guint j = 0; j < cvg_pr_curve_get_length (line->curve); j++)
        {
          double px, py;

          if (column_point (&frame, line->curve, j, &px, &py) &&
              (px - x) * (px - x) + (py - y) * (py - y) < best)
            {
              best = (px - x) * (px - x) + (py - y) * (py - y);
              nearest = (int) j;
            }
        }
      g_array_index (self->hover, int, i) = nearest;
    }
  self->hovering = self->lines->len > 0;
  self->hover_x = x;
  self->hover_y = y;
  hover_changed (self);
}

void
cvg_pr_curve_chart_unhover (CvgPrCurveChart *self)
{
  g_return_if_fail (CVG_IS_PR_CURVE_CHART (self));

  if (!self->hovering)
    return;
  self->hovering = FALSE;
  hover_changed (self);
}

void
cvg_pr_curve_chart_step_hover (CvgPrCurveChart *self,
                               int              delta)
{
  CvgChartFrame frame;

  g_return_if_fail (CVG_IS_PR_CURVE_CHART (self));

  if (self->lines->len == 0)
    return;
  /* From the keyboard alone: the middle of every curve first. */
  if (!self->hovering)
    {
      g_array_set_size (self->hover, self->lines->len);
      for (guint i = 0; i < self->lines->len; i++)
        g_array_index (self->hover, int, i) =
          (int) cvg_pr_curve_get_length (((CvgPrChartLine *) g_ptr_array_index (self->lines, i))->curve) / 2;
      self->hovering = TRUE;
      delta = 0;
    }
  get_frame (self, &frame, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
  for (guint i = 0; i < self->hover->len; i++)
    {
      CvgPrChartLine *line = g_ptr_array_index (self->lines, i);
      int *column = &g_array_index (self->hover, int, i);

      if (*column >= 0)
        *column = CLAMP (*column + delta, 0, (int) cvg_pr_curve_get_length (line->curve) - 1);
      /* The tooltip follows the first run's point. */
      if (i == 0 && *column >= 0)
        column_point (&frame, line->curve, *column, &self->hover_x, &self->hover_y);
    }
  hover_changed (self);
}

guint
cvg_pr_curve_chart_get_n_lines (CvgPrCurveChart *self)
{
  g_return_val_if_fail (CVG_IS_PR_CURVE_CHART (self), 0);

  return self->lines->len;
}

const char *
cvg_pr_curve_chart_get_run (CvgPrCurveChart *self,
                            guint            index)
{
  g_return_val_if_fail (CVG_IS_PR_CURVE_CHART (self), NULL);
  g_return_val_if_fail (index < self->lines->len, NULL);

  return ((CvgPrChartLine *) g_ptr_array_index (self->lines, index))->run;
}

int
cvg_pr_curve_chart_get_hover_column (CvgPrCurveChart *self,
                                     guint            index)
{
  g_return_val_if_fail (CVG_IS_PR_CURVE_CHART (self), -1);

  return self->hovering ? hover_column (self, index) : -1;
}

gboolean
cvg_pr_curve_chart_get_point (CvgPrCurveChart *self,
                              guint            index,
                              guint            column,
                              double          *x,
                              double          *y)
{
  CvgChartFrame frame;
  CvgPrChartLine *line;

  g_return_val_if_fail (CVG_IS_PR_CURVE_CHART (self), FALSE);

  if (index >= self->lines->len)
    return FALSE;
  line = g_ptr_array_index (self->lines, index);
  if (column >= cvg_pr_curve_get_length (line->curve))
    return FALSE;
  get_frame (self, &frame, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
  return column_point (&frame, line->curve, column, x, y);
}

static void
append_number (GString *text,
               double   value)
{
  g_autofree char *formatted = cvg_format_compact (value, 4);

  g_string_append_c (text, '\t');
  g_string_append (text, formatted);
}

char *
cvg_pr_curve_chart_dup_tooltip_text (CvgPrCurveChart *self)
{
  GString *text;

  g_return_val_if_fail (CVG_IS_PR_CURVE_CHART (self), NULL);

  if (!self->hovering)
    return NULL;
  text = g_string_new (NULL);
  g_string_append_printf (text, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s", _("Run"), _("Threshold"), _("Precision"),
                          _("Recall"), _("TP"), _("FP"), _("TN"), _("FN"));
  for (guint i = 0; i < self->lines->len; i++)
    {
      CvgPrChartLine *line = g_ptr_array_index (self->lines, i);
      int column = hover_column (self, i);

      if (column < 0)
        continue;
      g_string_append_printf (text, "\n%s", line->run);
      append_number (text, cvg_pr_curve_get_threshold (line->curve, column));
      append_number (text, cvg_pr_curve_get (line->curve, CVG_PR_PRECISION, column));
      append_number (text, cvg_pr_curve_get (line->curve, CVG_PR_RECALL, column));
      /* Counts whole, as TensorBoard shows them. */
      for (CvgPrRow row = CVG_PR_TP; row <= CVG_PR_FN; row++)
        g_string_append_printf (text, "\t%.0f", cvg_pr_curve_get (line->curve, row, column));
    }
  return g_string_free (text, FALSE);
}
