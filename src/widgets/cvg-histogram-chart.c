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

  /* The static layer and the size it was built for. */
  GskRenderNode    *static_node;
  int               node_width;
  int               node_height;
};

G_DEFINE_FINAL_TYPE (CvgHistogramChart, cvg_histogram_chart, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (CvgHistogramMode, cvg_histogram_mode,
                    G_DEFINE_ENUM_VALUE (CVG_HISTOGRAM_MODE_OFFSET, "offset"),
                    G_DEFINE_ENUM_VALUE (CVG_HISTOGRAM_MODE_OVERLAY, "overlay"),
                    G_DEFINE_ENUM_VALUE (CVG_HISTOGRAM_MODE_DISTRIBUTION, "distribution"))

enum {
  PROP_0,
  PROP_MODE,
  PROP_X_AXIS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
invalidate (CvgHistogramChart *self)
{
  g_clear_pointer (&self->static_node, gsk_render_node_unref);
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
build_static_node (CvgHistogramChart *self,
                   int                width,
                   int                height)
{
  g_autoptr(PangoLayout) layout = cvg_chart_create_layout (GTK_WIDGET (self));
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  cvg_histogram_view_draw (self->view, cr, layout, width, height);
  cairo_destroy (cr);
  self->static_node = gtk_snapshot_free_to_node (snapshot);
  self->node_width = width;
  self->node_height = height;
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
  if (self->static_node != NULL && (self->node_width != width || self->node_height != height))
    g_clear_pointer (&self->static_node, gsk_render_node_unref);
  if (self->static_node == NULL)
    build_static_node (self, width, height);
  if (self->static_node != NULL)
    gtk_snapshot_append_node (snapshot, self->static_node);

  if (self->view->hovering)
    {
      g_autoptr(PangoLayout) layout = cvg_chart_create_layout (widget);
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

      cvg_histogram_view_draw_hover (self->view, cr, layout);
      cairo_destroy (cr);
    }
}

static void
cvg_histogram_chart_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 200 : 160;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 400 : 260;
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

  g_clear_pointer (&self->static_node, gsk_render_node_unref);

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
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = cvg_histogram_chart_dispose;
  object_class->finalize = cvg_histogram_chart_finalize;
  object_class->get_property = cvg_histogram_chart_get_property;
  object_class->set_property = cvg_histogram_chart_set_property;

  widget_class->snapshot = cvg_histogram_chart_snapshot;
  widget_class->measure = cvg_histogram_chart_measure;
  widget_class->css_changed = cvg_histogram_chart_css_changed;

  properties[PROP_MODE] = g_param_spec_enum ("mode", NULL, NULL, CVG_TYPE_HISTOGRAM_MODE,
                                             CVG_HISTOGRAM_MODE_OFFSET, flags);
  properties[PROP_X_AXIS] = g_param_spec_enum ("x-axis", NULL, NULL, CVG_TYPE_X_AXIS,
                                               CVG_X_AXIS_STEP, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "histogram-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cvg_histogram_chart_init (CvgHistogramChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->view = cvg_histogram_view_new ();
  g_signal_connect_swapped (motion, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
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

  if (self->static_node == NULL && gtk_widget_get_width (GTK_WIDGET (self)) > 0)
    build_static_node (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
  if (cvg_histogram_view_hover (self->view, x, y))
    hover_changed (self);
}

char *
cvg_histogram_chart_dup_tooltip_text (CvgHistogramChart *self)
{
  g_return_val_if_fail (CVG_IS_HISTOGRAM_CHART (self), NULL);

  return cvg_histogram_view_dup_tooltip_text (self->view);
}
