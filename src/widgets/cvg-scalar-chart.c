/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-scalar-chart"

#include "config.h"

#include "cvg-scalar-chart.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "cvg-chart-common.h"
#include "cvg-run-info.h"
#include "cvg-run.h"
#include "cvg-scalar-chart-private.h"
#include "cvg-series.h"

/* Ctrl+scroll: each wheel notch scales the view by this much. */
#define ZOOM_PER_NOTCH 1.2

struct _CvgScalarChart
{
  GtkWidget       parent_instance;

  CvgChartModel  *model;
  char           *tag;
  GListModel     *runs;
  /* CvgRunInfo of each model line, in the same order. */
  GPtrArray      *line_infos;
  /* CvgPlotLine of set_lines, or NULL. */
  GPtrArray      *plot_lines;

  CvgChartLayer   layer;

  /* Pointer and gestures. */
  double          pointer_x;
  double          pointer_y;
  gboolean        boxing;
  double          box_x0, box_y0, box_x1, box_y1;
  double          pan_x, pan_y;
};

G_DEFINE_FINAL_TYPE (CvgScalarChart, cvg_scalar_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SMOOTHING,
  PROP_X_AXIS,
  PROP_LOG_SCALE,
  PROP_IGNORE_OUTLIERS,
  PROP_SMOOTHER,
  PROP_LOG_X,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* cvg_scalar_chart_view_param_specs () fills four entries in a row. */
G_STATIC_ASSERT (PROP_IGNORE_OUTLIERS == PROP_SMOOTHING + 3);
/* cvg_scalar_chart_more_param_specs () two more. */
G_STATIC_ASSERT (PROP_LOG_X == PROP_SMOOTHER + 1);

static void
invalidate (CvgScalarChart *self)
{
  cvg_chart_layer_clear (&self->layer);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Screen readers hear what the tooltip shows. */
static void
update_accessible_label (CvgScalarChart *self)
{
  g_autofree char *text = cvg_chart_model_dup_tooltip_text (self->model);

  if (text == NULL)
    {
      /* Translators: accessible name of a chart, %s is the tag */
      text = g_strdup_printf (_("Chart of %s"), self->tag != NULL ? self->tag : "");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

/* Redraws only what a hover change needs: the static node stays. */
static void
hover_changed (CvgScalarChart *self)
{
  update_accessible_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
sync_line (CvgChartLine *line,
           CvgRunInfo   *info)
{
  line->visible = cvg_run_info_get_visible (info);
  line->emphasized = cvg_run_info_get_emphasized (info);
  if (!gdk_rgba_parse (&line->color, cvg_run_info_get_color (info)))
    line->color = (GdkRGBA) { 0.5, 0.5, 0.5, 1 };
}

static void
run_info_notify_cb (CvgScalarChart *self,
                    GParamSpec     *pspec,
                    CvgRunInfo     *info)
{
  const char *name = g_param_spec_get_name (pspec);
  guint index;

  if (!g_ptr_array_find (self->line_infos, info, &index))
    return;
  if (g_strcmp0 (name, "visible") != 0 && g_strcmp0 (name, "color") != 0 &&
      g_strcmp0 (name, "emphasized") != 0)
    return;

  sync_line (g_ptr_array_index (self->model->lines, index), info);
  if (g_strcmp0 (name, "visible") == 0)
    {
      cvg_chart_model_invalidate_extent (self->model);
      if (cvg_chart_model_unhover (self->model))
        update_accessible_label (self);
    }
  invalidate (self);
}

static void
disconnect_infos (CvgScalarChart *self)
{
  for (guint i = 0; i < self->line_infos->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->line_infos, i),
                                          run_info_notify_cb, self);
  g_ptr_array_set_size (self->line_infos, 0);
}

static void
disconnect_runs (CvgScalarChart *self)
{
  disconnect_infos (self);
  cvg_chart_model_clear_lines (self->model);
}

/* One line per run that has the tag; runs come and go with the model. */
static void
rebuild_lines (CvgScalarChart *self)
{
  disconnect_runs (self);

  for (guint i = 0; self->runs != NULL && self->tag != NULL && i < g_list_model_get_n_items (self->runs); i++)
    {
      g_autoptr(CvgRunInfo) info = g_list_model_get_item (self->runs, i);
      CvgSeries *series = cvg_run_lookup_series (cvg_run_info_get_run (info), CVG_KIND_SCALAR, self->tag);
      CvgChartLine *line;

      if (series == NULL || cvg_series_get_length (series) == 0)
        continue;
      line = cvg_chart_model_add_line (self->model, cvg_run_info_get_name (info), series);
      sync_line (line, info);
      g_ptr_array_add (self->line_infos, g_object_ref (info));
      g_signal_connect_object (info, "notify", G_CALLBACK (run_info_notify_cb), self, G_CONNECT_SWAPPED);
    }
  update_accessible_label (self);
  invalidate (self);
}

static void
runs_items_changed_cb (CvgScalarChart *self,
                       guint           position,
                       guint           removed,
                       guint           added,
                       GListModel     *runs)
{
  rebuild_lines (self);
}

static void
draw_static (gpointer     data,
             cairo_t     *cr,
             PangoLayout *layout,
             double       width,
             double       height)
{
  cvg_chart_model_draw (data, cr, layout, width, height);
}

static void
draw_hover (gpointer     data,
            cairo_t     *cr,
            PangoLayout *layout,
            double       width,
            double       height)
{
  cvg_chart_model_draw_hover (data, cr, layout);
}

static void
cvg_scalar_chart_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  CvgScalarChart *self = CVG_SCALAR_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA box_color;

  if (width <= 0 || height <= 0)
    return;
  cvg_chart_layer_snapshot (&self->layer, widget, snapshot, width, height, draw_static, self->model);

  if (self->boxing)
    {
      graphene_rect_t box = GRAPHENE_RECT_INIT (MIN (self->box_x0, self->box_x1),
                                                MIN (self->box_y0, self->box_y1),
                                                fabs (self->box_x1 - self->box_x0),
                                                fabs (self->box_y1 - self->box_y0));

      box_color = self->model->fg;
      box_color.alpha *= 0.12;
      gtk_snapshot_append_color (snapshot, &box_color, &box);
    }

  if (self->model->hovering)
    cvg_chart_snapshot_draw (widget, snapshot, width, height, draw_hover, self->model);
}

/* Text and tooltip colours follow the theme, light or dark. */
static void
cvg_scalar_chart_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  CvgScalarChart *self = CVG_SCALAR_CHART (widget);

  GTK_WIDGET_CLASS (cvg_scalar_chart_parent_class)->css_changed (widget, change);
  cvg_chart_lookup_colors (widget, &self->model->fg, &self->model->bg);
  invalidate (self);
}

static void
scale_factor_cb (CvgScalarChart *self)
{
  invalidate (self);
}

static void
motion_cb (CvgScalarChart           *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *motion)
{
  self->pointer_x = x;
  self->pointer_y = y;
  if (!self->boxing)
    cvg_scalar_chart_hover_at (self, x, y);
}

static void
leave_cb (CvgScalarChart           *self,
          GtkEventControllerMotion *motion)
{
  cvg_scalar_chart_unhover (self);
}

static void
view_changed (CvgScalarChart *self)
{
  invalidate (self);
  if (self->model->hovering)
    cvg_scalar_chart_hover_at (self, self->pointer_x, self->pointer_y);
}

/* Primary drag draws a zoom box; with Shift held, or with the middle
 * button, it pans. */
static gboolean
drag_pans (GtkGestureDrag *drag)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (drag));

  return gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (drag)) == GDK_BUTTON_MIDDLE ||
         (state & GDK_SHIFT_MASK) != 0;
}

static void
drag_begin_cb (CvgScalarChart *self,
               double          x,
               double          y,
               GtkGestureDrag *drag)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->pan_x = self->pan_y = 0;
  self->boxing = !drag_pans (drag);
  self->box_x0 = self->box_x1 = x;
  self->box_y0 = self->box_y1 = y;
}

static void
drag_update_cb (CvgScalarChart *self,
                double          dx,
                double          dy,
                GtkGestureDrag *drag)
{
  if (self->boxing)
    {
      self->box_x1 = self->box_x0 + dx;
      self->box_y1 = self->box_y0 + dy;
      if (cvg_chart_model_unhover (self->model))
        update_accessible_label (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  if (cvg_chart_model_pan (self->model, dx - self->pan_x, dy - self->pan_y))
    view_changed (self);
  self->pan_x = dx;
  self->pan_y = dy;
}

static void
drag_end_cb (CvgScalarChart *self,
             double          dx,
             double          dy,
             GtkGestureDrag *drag)
{
  if (!self->boxing)
    return;
  self->boxing = FALSE;
  if (cvg_chart_model_zoom_box (self->model, self->box_x0, self->box_y0,
                                self->box_x0 + dx, self->box_y0 + dy))
    view_changed (self);
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
pressed_cb (CvgScalarChart  *self,
            int              n_press,
            double           x,
            double           y,
            GtkGestureClick *click)
{
  if (n_press == 2)
    cvg_scalar_chart_reset_zoom (self);
}

static gboolean
scroll_cb (CvgScalarChart           *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *scroll)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));

  /* Plain scrolling belongs to the page around the chart. */
  if ((state & GDK_CONTROL_MASK) == 0)
    return FALSE;
  if (cvg_chart_model_zoom_at (self->model, self->pointer_x, self->pointer_y, pow (ZOOM_PER_NOTCH, dy)))
    view_changed (self);
  return TRUE;
}

static gboolean
key_pressed_cb (CvgScalarChart        *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *key)
{
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      cvg_scalar_chart_step_hover (self, -1);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      cvg_scalar_chart_step_hover (self, 1);
      return TRUE;
    case GDK_KEY_Escape:
      if (!cvg_chart_model_reset_zoom (self->model))
        return FALSE;
      view_changed (self);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
setup_controllers (CvgScalarChart *self)
{
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  cvg_chart_add_motion_controller (GTK_WIDGET (self), G_CALLBACK (motion_cb), G_CALLBACK (leave_cb));

  for (guint button = GDK_BUTTON_PRIMARY; button <= GDK_BUTTON_MIDDLE; button++)
    {
      GtkGesture *drag = gtk_gesture_drag_new ();

      gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), button);
      g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
      g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
      g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
      gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
    }

  g_signal_connect_swapped (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect_swapped (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  g_signal_connect_swapped (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
}

static void
cvg_scalar_chart_dispose (GObject *object)
{
  CvgScalarChart *self = CVG_SCALAR_CHART (object);

  disconnect_runs (self);
  if (self->runs != NULL)
    g_signal_handlers_disconnect_by_func (self->runs, runs_items_changed_cb, self);
  g_clear_object (&self->runs);
  cvg_chart_layer_clear (&self->layer);

  G_OBJECT_CLASS (cvg_scalar_chart_parent_class)->dispose (object);
}

static void
cvg_scalar_chart_finalize (GObject *object)
{
  CvgScalarChart *self = CVG_SCALAR_CHART (object);

  g_clear_pointer (&self->model, cvg_chart_model_free);
  g_clear_pointer (&self->line_infos, g_ptr_array_unref);
  g_clear_pointer (&self->plot_lines, g_ptr_array_unref);
  g_clear_pointer (&self->tag, g_free);

  G_OBJECT_CLASS (cvg_scalar_chart_parent_class)->finalize (object);
}

static void
cvg_scalar_chart_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CvgScalarChart *self = CVG_SCALAR_CHART (object);

  switch (prop_id)
    {
    case PROP_SMOOTHING:
      g_value_set_double (value, self->model->smoothing);
      break;
    case PROP_X_AXIS:
      g_value_set_enum (value, self->model->x_axis);
      break;
    case PROP_LOG_SCALE:
      g_value_set_boolean (value, self->model->log_scale);
      break;
    case PROP_IGNORE_OUTLIERS:
      g_value_set_boolean (value, self->model->ignore_outliers);
      break;
    case PROP_SMOOTHER:
      g_value_set_enum (value, self->model->smoother);
      break;
    case PROP_LOG_X:
      g_value_set_boolean (value, self->model->log_x);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_scalar_chart_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CvgScalarChart *self = CVG_SCALAR_CHART (object);

  switch (prop_id)
    {
    case PROP_SMOOTHING:
      cvg_scalar_chart_set_smoothing (self, g_value_get_double (value));
      break;
    case PROP_X_AXIS:
      cvg_scalar_chart_set_x_axis (self, g_value_get_enum (value));
      break;
    case PROP_LOG_SCALE:
      cvg_scalar_chart_set_log_scale (self, g_value_get_boolean (value));
      break;
    case PROP_IGNORE_OUTLIERS:
      cvg_scalar_chart_set_ignore_outliers (self, g_value_get_boolean (value));
      break;
    case PROP_SMOOTHER:
      cvg_scalar_chart_set_smoother (self, g_value_get_enum (value));
      break;
    case PROP_LOG_X:
      cvg_scalar_chart_set_log_x (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_scalar_chart_class_init (CvgScalarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cvg_scalar_chart_dispose;
  object_class->finalize = cvg_scalar_chart_finalize;
  object_class->get_property = cvg_scalar_chart_get_property;
  object_class->set_property = cvg_scalar_chart_set_property;

  widget_class->snapshot = cvg_scalar_chart_snapshot;
  widget_class->css_changed = cvg_scalar_chart_css_changed;

  cvg_scalar_chart_view_param_specs (&properties[PROP_SMOOTHING]);
  cvg_scalar_chart_more_param_specs (&properties[PROP_SMOOTHER]);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  cvg_chart_class_setup (widget_class, "scalar-chart");
}

static void
cvg_scalar_chart_init (CvgScalarChart *self)
{
  self->model = cvg_chart_model_new ();
  self->line_infos = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  setup_controllers (self);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (scale_factor_cb), NULL);
}

GtkWidget *
cvg_scalar_chart_new (void)
{
  return g_object_new (CVG_TYPE_SCALAR_CHART, NULL);
}

static void
set_runs (CvgScalarChart *self,
          GListModel     *runs)
{
  if (self->runs == runs)
    return;
  if (self->runs != NULL)
    g_signal_handlers_disconnect_by_func (self->runs, runs_items_changed_cb, self);
  g_set_object (&self->runs, runs);
  if (runs != NULL)
    g_signal_connect_object (runs, "items-changed", G_CALLBACK (runs_items_changed_cb), self,
                             G_CONNECT_SWAPPED);
}

void
cvg_scalar_chart_set_data (CvgScalarChart *self,
                           const char     *tag,
                           GListModel     *runs)
{
  g_return_if_fail (CVG_IS_SCALAR_CHART (self));
  g_return_if_fail (runs == NULL || G_IS_LIST_MODEL (runs));

  set_runs (self, runs);
  g_clear_pointer (&self->plot_lines, g_ptr_array_unref);
  g_free (self->tag);
  self->tag = g_strdup (tag);
  cvg_chart_model_reset_zoom (self->model);
  rebuild_lines (self);
}

void
cvg_scalar_chart_set_lines (CvgScalarChart *self,
                            const char     *title,
                            GPtrArray      *lines)
{
  g_return_if_fail (CVG_IS_SCALAR_CHART (self));

  set_runs (self, NULL);
  /* Lines stay: the model keeps what it can of them. */
  disconnect_infos (self);
  g_clear_pointer (&self->plot_lines, g_ptr_array_unref);
  self->plot_lines = g_ptr_array_new_with_free_func ((GDestroyNotify) cvg_plot_line_unref);
  g_free (self->tag);
  self->tag = g_strdup (title);
  cvg_chart_model_set_plot_lines (self->model, lines);
  for (guint i = 0; lines != NULL && i < lines->len; i++)
    g_ptr_array_add (self->plot_lines, cvg_plot_line_ref (g_ptr_array_index (lines, i)));
  update_accessible_label (self);
  invalidate (self);
}

const char *
cvg_scalar_chart_get_tag (CvgScalarChart *self)
{
  g_return_val_if_fail (CVG_IS_SCALAR_CHART (self), NULL);

  return self->tag;
}

GPtrArray *
cvg_scalar_chart_get_lines (CvgScalarChart *self)
{
  g_return_val_if_fail (CVG_IS_SCALAR_CHART (self), NULL);

  return self->plot_lines;
}

gboolean
cvg_scalar_chart_reload (CvgScalarChart *self)
{
  g_return_val_if_fail (CVG_IS_SCALAR_CHART (self), FALSE);

  if (!cvg_chart_model_reload_grown (self->model))
    return FALSE;
  update_accessible_label (self);
  invalidate (self);
  return TRUE;
}

double
cvg_scalar_chart_get_smoothing (CvgScalarChart *self)
{
  g_return_val_if_fail (CVG_IS_SCALAR_CHART (self), 0);

  return self->model->smoothing;
}

void
cvg_scalar_chart_set_smoothing (CvgScalarChart *self,
                                double          smoothing)
{
  g_return_if_fail (CVG_IS_SCALAR_CHART (self));

  smoothing = CLAMP (isfinite (smoothing) ? smoothing : 0, 0, 0.999);
  if (self->model->smoothing == smoothing)
    return;
  self->model->smoothing = smoothing;
  cvg_chart_model_invalidate_extent (self->model);
  if (cvg_chart_model_unhover (self->model))
    update_accessible_label (self);
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SMOOTHING]);
}

CvgXAxis
cvg_scalar_chart_get_x_axis (CvgScalarChart *self)
{
  g_return_val_if_fail (CVG_IS_SCALAR_CHART (self), CVG_X_AXIS_STEP);

  return self->model->x_axis;
}

void
cvg_scalar_chart_set_x_axis (CvgScalarChart *self,
                             CvgXAxis        x_axis)
{
  g_return_if_fail (CVG_IS_SCALAR_CHART (self));

  if (self->model->x_axis == x_axis)
    return;
  self->model->x_axis = x_axis;
  /* A zoom in steps means nothing in seconds. */
  cvg_chart_model_reset_zoom (self->model);
  cvg_chart_model_invalidate_extent (self->model);
  if (cvg_chart_model_unhover (self->model))
    update_accessible_label (self);
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X_AXIS]);
}

gboolean
cvg_scalar_chart_get_log_scale (CvgScalarChart *self)
{
  g_return_val_if_fail (CVG_IS_SCALAR_CHART (self), FALSE);

  return self->model->log_scale;
}

void
cvg_scalar_chart_set_log_scale (CvgScalarChart *self,
                                gboolean        log_scale)
{
  g_return_if_fail (CVG_IS_SCALAR_CHART (self));

  log_scale = !!log_scale;
  if (self->model->log_scale == log_scale)
    return;
  self->model->log_scale = log_scale;
  cvg_chart_model_reset_zoom (self->model);
  cvg_chart_model_invalidate_extent (self->model);
  if (cvg_chart_model_unhover (self->model))
    update_accessible_label (self);
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG_SCALE]);
}

CvgSmoother
cvg_scalar_chart_get_smoother (CvgScalarChart *self)
{
  g_return_val_if_fail (CVG_IS_SCALAR_CHART (self), CVG_SMOOTHER_EMA);

  return self->model->smoother;
}

/* Smoothing and the x axis change what is drawn and where: the extent
 * follows, the hover goes. */
static void
view_settings_changed (CvgScalarChart *self,
                       guint           prop_id)
{
  cvg_chart_model_invalidate_extent (self->model);
  if (cvg_chart_model_unhover (self->model))
    update_accessible_label (self);
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

void
cvg_scalar_chart_set_smoother (CvgScalarChart *self,
                               CvgSmoother     smoother)
{
  g_return_if_fail (CVG_IS_SCALAR_CHART (self));

  if (self->model->smoother == smoother)
    return;
  self->model->smoother = smoother;
  view_settings_changed (self, PROP_SMOOTHER);
}

gboolean
cvg_scalar_chart_get_log_x (CvgScalarChart *self)
{
  g_return_val_if_fail (CVG_IS_SCALAR_CHART (self), FALSE);

  return self->model->log_x;
}

void
cvg_scalar_chart_set_log_x (CvgScalarChart *self,
                            gboolean        log_x)
{
  g_return_if_fail (CVG_IS_SCALAR_CHART (self));

  log_x = !!log_x;
  if (self->model->log_x == log_x)
    return;
  self->model->log_x = log_x;
  /* A zoom in steps means nothing in decades. */
  cvg_chart_model_reset_zoom (self->model);
  view_settings_changed (self, PROP_LOG_X);
}

gboolean
cvg_scalar_chart_get_ignore_outliers (CvgScalarChart *self)
{
  g_return_val_if_fail (CVG_IS_SCALAR_CHART (self), FALSE);

  return self->model->ignore_outliers;
}

void
cvg_scalar_chart_set_ignore_outliers (CvgScalarChart *self,
                                      gboolean        ignore_outliers)
{
  g_return_if_fail (CVG_IS_SCALAR_CHART (self));

  ignore_outliers = !!ignore_outliers;
  if (self->model->ignore_outliers == ignore_outliers)
    return;
  self->model->ignore_outliers = ignore_outliers;
  cvg_chart_model_invalidate_extent (self->model);
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IGNORE_OUTLIERS]);
}

void
cvg_scalar_chart_hover_at (CvgScalarChart *self,
                           double          x,
                           double          y)
{
  g_return_if_fail (CVG_IS_SCALAR_CHART (self));

  self->pointer_x = x;
  self->pointer_y = y;
  if (cvg_chart_model_hover (self->model, x, y))
    hover_changed (self);
}

void
cvg_scalar_chart_unhover (CvgScalarChart *self)
{
  g_return_if_fail (CVG_IS_SCALAR_CHART (self));

  if (cvg_chart_model_unhover (self->model))
    hover_changed (self);
}

void
cvg_scalar_chart_step_hover (CvgScalarChart *self,
                             int             direction)
{
  double x0, x1;

  g_return_if_fail (CVG_IS_SCALAR_CHART (self));

  x0 = self->model->x0;
  x1 = self->model->x1;
  if (!cvg_chart_model_step_hover (self->model, direction))
    return;
  if (x0 != self->model->x0 || x1 != self->model->x1)
    cvg_chart_layer_clear (&self->layer);
  hover_changed (self);
}

gboolean
cvg_scalar_chart_get_zoomed (CvgScalarChart *self)
{
  g_return_val_if_fail (CVG_IS_SCALAR_CHART (self), FALSE);

  return self->model->zoomed;
}

void
cvg_scalar_chart_reset_zoom (CvgScalarChart *self)
{
  g_return_if_fail (CVG_IS_SCALAR_CHART (self));

  if (cvg_chart_model_reset_zoom (self->model))
    view_changed (self);
}

char *
cvg_scalar_chart_dup_tooltip_text (CvgScalarChart *self)
{
  g_return_val_if_fail (CVG_IS_SCALAR_CHART (self), NULL);

  return cvg_chart_model_dup_tooltip_text (self->model);
}

guint
cvg_scalar_chart_get_n_visible_lines (CvgScalarChart *self)
{
  g_return_val_if_fail (CVG_IS_SCALAR_CHART (self), 0);

  return cvg_chart_model_get_n_visible (self->model);
}

void
cvg_scalar_chart_render (CvgScalarChart *self,
                         cairo_t        *cr,
                         double          width,
                         double          height)
{
  g_autoptr(PangoLayout) layout = NULL;

  g_return_if_fail (CVG_IS_SCALAR_CHART (self));

  layout = cvg_chart_create_layout (GTK_WIDGET (self));
  pango_cairo_update_layout (cr, layout);
  if (cvg_chart_model_unhover (self->model))
    update_accessible_label (self);
  /* Opaque, so that the picture reads the same in any viewer. */
  cairo_set_source_rgba (cr, self->model->bg.red, self->model->bg.green, self->model->bg.blue, 1);
  cairo_paint (cr);
  cvg_chart_model_draw (self->model, cr, layout, width, height);
  /* The screen's layer was laid out for its own size: redo it. */
  invalidate (self);
}

void
cvg_scalar_chart_view_param_specs (GParamSpec *specs[4])
{
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  specs[0] = g_param_spec_double ("smoothing", NULL, NULL, 0, 0.999, 0.6, flags);
  specs[1] = g_param_spec_enum ("x-axis", NULL, NULL, CVG_TYPE_X_AXIS, CVG_X_AXIS_STEP, flags);
  specs[2] = g_param_spec_boolean ("log-scale", NULL, NULL, FALSE, flags);
  specs[3] = g_param_spec_boolean ("ignore-outliers", NULL, NULL, TRUE, flags);
}

void
cvg_scalar_chart_more_param_specs (GParamSpec *specs[2])
{
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  specs[0] = g_param_spec_enum ("smoother", NULL, NULL, CVG_TYPE_SMOOTHER, CVG_SMOOTHER_EMA, flags);
  specs[1] = g_param_spec_boolean ("log-x", NULL, NULL, FALSE, flags);
}
