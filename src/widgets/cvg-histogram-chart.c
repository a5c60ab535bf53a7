/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-histogram-chart"

#include "config.h"

#include "cvg-histogram-chart.h"

#include <glib/gi18n.h>

#include "cvg-chart-common.h"
#include "cvg-histogram-chart-private.h"
#include "cvg-histogram-math.h"

struct _CvgHistogramChart
{
  GtkWidget         parent_instance;

  CvgHistogramView *view;

  CvgChartLayer     layer;
};

G_DEFINE_FINAL_TYPE (CvgHistogramChart, cvg_histogram_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODE,
  PROP_X_AXIS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* cvg_histogram_chart_view_param_specs () fills two entries in a row. */
G_STATIC_ASSERT (PROP_X_AXIS == PROP_MODE + 1);

static void
invalidate (CvgHistogramChart *self)
{
  cvg_chart_layer_clear (&self->layer);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Screen readers hear what the tooltip shows. */
static void
hover_changed (CvgHistogramChart *self)
{
  g_autofree char *text = cvg_histogram_view_dup_tooltip_text (self->view);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text != NULL ? text : "",
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
draw_static (gpointer     data,
             cairo_t     *cr,
             PangoLayout *layout,
             double       width,
             double       height)
{
  cvg_histogram_view_draw (data, cr, layout, width, height);
}

static void
draw_hover (gpointer     data,
            cairo_t     *cr,
            PangoLayout *layout,
            double       width,
            double       height)
{
  cvg_histogram_view_draw_hover (data, cr, layout);
}

static void
cvg_histogram_chart_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  CvgHistogramChart *self = CVG_HISTOGRAM_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (width <= 0 || height <= 0)
    return;
  cvg_chart_layer_snapshot (&self->layer, widget, snapshot, width, height, draw_static, self->view);
  if (self->view->hovering)
    cvg_chart_snapshot_draw (widget, snapshot, width, height, draw_hover, self->view);
}

/* Text, outline and tooltip colours follow the theme, light or dark. */
static void
cvg_histogram_chart_css_changed (GtkWidget         *widget,
                                 GtkCssStyleChange *change)
{
  CvgHistogramChart *self = CVG_HISTOGRAM_CHART (widget);

  GTK_WIDGET_CLASS (cvg_histogram_chart_parent_class)->css_changed (widget, change);
  cvg_chart_lookup_colors (widget, &self->view->fg, &self->view->bg);
  invalidate (self);
}

static void
motion_cb (CvgHistogramChart        *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *motion)
{
  cvg_histogram_chart_hover_at (self, x, y);
}

static void
leave_cb (CvgHistogramChart        *self,
          GtkEventControllerMotion *motion)
{
  if (cvg_histogram_view_unhover (self->view))
    hover_changed (self);
}

static void
cvg_histogram_chart_dispose (GObject *object)
{
  CvgHistogramChart *self = CVG_HISTOGRAM_CHART (object);

  cvg_chart_layer_clear (&self->layer);

  G_OBJECT_CLASS (cvg_histogram_chart_parent_class)->dispose (object);
}

static void
cvg_histogram_chart_finalize (GObject *object)
{
  CvgHistogramChart *self = CVG_HISTOGRAM_CHART (object);

  g_clear_pointer (&self->view, cvg_histogram_view_free);

  G_OBJECT_CLASS (cvg_histogram_chart_parent_class)->finalize (object);
}

static void
cvg_histogram_chart_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CvgHistogramChart *self = CVG_HISTOGRAM_CHART (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_enum (value, self->view->mode);
      break;
    case PROP_X_AXIS:
      g_value_set_enum (value, self->view->x_axis);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_histogram_chart_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CvgHistogramChart *self = CVG_HISTOGRAM_CHART (object);

  switch (prop_id)
    {
    case PROP_MODE:
      cvg_histogram_chart_set_mode (self, g_value_get_enum (value));
      break;
    case PROP_X_AXIS:
      cvg_histogram_chart_set_x_axis (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_histogram_chart_class_init (CvgHistogramChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cvg_histogram_chart_dispose;
  object_class->finalize = cvg_histogram_chart_finalize;
  object_class->get_property = cvg_histogram_chart_get_property;
  object_class->set_property = cvg_histogram_chart_set_property;

  widget_class->snapshot = cvg_histogram_chart_snapshot;
  widget_class->css_changed = cvg_histogram_chart_css_changed;

  cvg_histogram_chart_view_param_specs (&properties[PROP_MODE]);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  cvg_chart_class_setup (widget_class, "histogram-chart");
}

static void
cvg_histogram_chart_init (CvgHistogramChart *self)
{
  self->view = cvg_histogram_view_new ();
  cvg_chart_add_motion_controller (GTK_WIDGET (self), G_CALLBACK (motion_cb), G_CALLBACK (leave_cb));
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (invalidate), NULL);
}

GtkWidget *
cvg_histogram_chart_new (void)
{
  return g_object_new (CVG_TYPE_HISTOGRAM_CHART, NULL);
}

void
cvg_histogram_chart_set_data (CvgHistogramChart *self,
                              CvgSeries         *series,
                              const char        *color)
{
  g_return_if_fail (CVG_IS_HISTOGRAM_CHART (self));

  cvg_histogram_view_set_slices (self->view, series != NULL ? cvg_histogram_slices_new (series, CVG_HISTOGRAM_DEFAULT_BINS)
                                                            : NULL);
  cvg_histogram_chart_set_color (self, color);
  hover_changed (self);
  invalidate (self);
}

void
cvg_histogram_chart_set_color (CvgHistogramChart *self,
                               const char        *color)
{
  g_return_if_fail (CVG_IS_HISTOGRAM_CHART (self));

  if (color == NULL || !gdk_rgba_parse (&self->view->color, color))
    self->view->color = (GdkRGBA) { 0.5, 0.5, 0.5, 1 };
  invalidate (self);
}

CvgHistogramMode
cvg_histogram_chart_get_mode (CvgHistogramChart *self)
{
  g_return_val_if_fail (CVG_IS_HISTOGRAM_CHART (self), CVG_HISTOGRAM_MODE_OFFSET);

  return self->view->mode;
}

void
cvg_histogram_chart_set_mode (CvgHistogramChart *self,
                              CvgHistogramMode   mode)
{
  g_return_if_fail (CVG_IS_HISTOGRAM_CHART (self));

  if (self->view->mode == mode)
    return;
  self->view->mode = mode;
  if (cvg_histogram_view_unhover (self->view))
    hover_changed (self);
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

CvgXAxis
cvg_histogram_chart_get_x_axis (CvgHistogramChart *self)
{
  g_return_val_if_fail (CVG_IS_HISTOGRAM_CHART (self), CVG_X_AXIS_STEP);

  return self->view->x_axis;
}

void
cvg_histogram_chart_set_x_axis (CvgHistogramChart *self,
                                CvgXAxis           x_axis)
{
  g_return_if_fail (CVG_IS_HISTOGRAM_CHART (self));

  if (self->view->x_axis == x_axis)
    return;
  self->view->x_axis = x_axis;
  if (cvg_histogram_view_unhover (self->view))
    hover_changed (self);
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X_AXIS]);
}

guint
cvg_histogram_chart_get_n_slices (CvgHistogramChart *self)
{
  g_return_val_if_fail (CVG_IS_HISTOGRAM_CHART (self), 0);

  return self->view->slices != NULL ? self->view->slices->n : 0;
}

/* Before the first frame there is no layout to hover over: lay out now,
 * at the current size, as the next frame will. */
void
cvg_histogram_chart_hover_at (CvgHistogramChart *self,
                              double             x,
                              double             y)
{
  g_return_if_fail (CVG_IS_HISTOGRAM_CHART (self));

  if (self->layer.node == NULL && gtk_widget_get_width (GTK_WIDGET (self)) > 0)
    cvg_chart_layer_build (&self->layer, GTK_WIDGET (self), gtk_widget_get_width (GTK_WIDGET (self)),
                           gtk_widget_get_height (GTK_WIDGET (self)), draw_static, self->view);
  if (cvg_histogram_view_hover (self->view, x, y))
    hover_changed (self);
}

char *
cvg_histogram_chart_dup_tooltip_text (CvgHistogramChart *self)
{
  g_return_val_if_fail (CVG_IS_HISTOGRAM_CHART (self), NULL);

  return cvg_histogram_view_dup_tooltip_text (self->view);
}

void
cvg_histogram_chart_view_param_specs (GParamSpec *specs[2])
{
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  specs[0] = g_param_spec_enum ("mode", NULL, NULL, CVG_TYPE_HISTOGRAM_MODE,
                                CVG_HISTOGRAM_MODE_OFFSET, flags);
  specs[1] = g_param_spec_enum ("x-axis", NULL, NULL, CVG_TYPE_X_AXIS, CVG_X_AXIS_STEP, flags);
}
