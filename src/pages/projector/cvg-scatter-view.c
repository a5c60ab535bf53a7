/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-scatter-view"

#include "config.h"

#include <adwaita.h>

#include "cvg-scatter-view.h"

#define PICK_RADIUS 8.0
#define ZOOM_STEP   1.15

struct _CvgScatterView
{
  GtkWidget              parent_instance;

  CvgScatterScene        scene;
  CvgScatterCache        cache;
  CvgScatterCamera       drag_start;
  gboolean               drag_pans;
  gboolean               dragged;       /* past a click's slop: no selection on release */
  CvgScatterTooltipFunc  tooltip_func;
  gpointer               tooltip_data;
};

G_DEFINE_FINAL_TYPE (CvgScatterView, cvg_scatter_view, GTK_TYPE_WIDGET)

enum { POINT_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
cvg_scatter_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  CvgScatterView *self = CVG_SCATTER_VIEW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  self->scene.dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  cvg_scatter_draw (cr, &self->scene, &self->cache, width, height);
  cairo_destroy (cr);
}

static void
drag_begin_cb (CvgScatterView *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  self->drag_start = self->scene.camera;
  self->dragged = FALSE;
  self->drag_pans = self->scene.n_dims < 3 || (state & GDK_SHIFT_MASK) != 0 || button == GDK_BUTTON_MIDDLE;
}

static void
drag_update_cb (CvgScatterView *self,
                double          dx,
                double          dy)
{
  CvgScatterCamera *c = &self->scene.camera;
  double scale = 0.45 * MIN (gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)))
                 * c->zoom;

  if (ABS (dx) + ABS (dy) > 4)
    self->dragged = TRUE;
  if (self->drag_pans)
    {
      c->pan_x = self->drag_start.pan_x + dx / MAX (scale, 1);
      c->pan_y = self->drag_start.pan_y + dy / MAX (scale, 1);
    }
  else
    {
      c->yaw = self->drag_start.yaw + dx * 0.01;
      c->pitch = CLAMP (self->drag_start.pitch + dy * 0.01, -G_PI / 2, G_PI / 2);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
scroll_cb (CvgScatterView *self,
           double          dx,
           double          dy)
{
  CvgScatterCamera *c = &self->scene.camera;

  c->zoom = CLAMP (c->zoom * pow (ZOOM_STEP, -dy), 0.2, 200);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
released_cb (CvgScatterView *self,
             int             n_press,
             double          x,
             double          y)
{
  int point;

  if (self->dragged)
    return;
  point = cvg_scatter_pick (&self->scene, gtk_widget_get_width (GTK_WIDGET (self)),
                            gtk_widget_get_height (GTK_WIDGET (self)), x, y, PICK_RADIUS);
  g_signal_emit (self, signals[POINT_ACTIVATED], 0, point);
}

static gboolean
query_tooltip_cb (CvgScatterView *self,
                  int             x,
                  int             y,
                  gboolean        keyboard,
                  GtkTooltip     *tooltip)
{
  g_autofree char *text = NULL;
  int point;

  if (self->tooltip_func == NULL || keyboard)
    return FALSE;
  point = cvg_scatter_pick (&self->scene, gtk_widget_get_width (GTK_WIDGET (self)),
                            gtk_widget_get_height (GTK_WIDGET (self)), x, y, PICK_RADIUS);
  if (point < 0 || (text = self->tooltip_func ((guint) point, self->tooltip_data)) == NULL)
    return FALSE;
  /* Metadata from a log: plain text, never markup. */
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
cvg_scatter_view_finalize (GObject *object)
{
  cvg_scatter_cache_clear (&CVG_SCATTER_VIEW (object)->cache);
  G_OBJECT_CLASS (cvg_scatter_view_parent_class)->finalize (object);
}

static void
cvg_scatter_view_class_init (CvgScatterViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = cvg_scatter_view_finalize;
  widget_class->snapshot = cvg_scatter_view_snapshot;
  signals[POINT_ACTIVATED] = g_signal_new ("point-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  gtk_widget_class_set_css_name (widget_class, "scatterview");
}

static void
cvg_scatter_view_init (CvgScatterView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);

  cvg_scatter_camera_reset (&self->scene.camera);
  self->scene.n_dims = 2;
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect_swapped (click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_swapped (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
}

GtkWidget *
cvg_scatter_view_new (void)
{
  return g_object_new (CVG_TYPE_SCATTER_VIEW, NULL);
}

void
cvg_scatter_view_set_scene (CvgScatterView        *self,
                            const CvgScatterScene *scene)
{
  CvgScatterCamera camera = self->scene.camera;

  self->scene = *scene;
  self->scene.camera = camera;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const CvgScatterScene *
cvg_scatter_view_get_scene (CvgScatterView *self)
{
  return &self->scene;
}

void
cvg_scatter_view_reset_camera (CvgScatterView *self)
{
  cvg_scatter_camera_reset (&self->scene.camera);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cvg_scatter_view_set_tooltip_func (CvgScatterView        *self,
                                   CvgScatterTooltipFunc  func,
                                   gpointer               user_data)
{
  self->tooltip_func = func;
  self->tooltip_data = user_data;
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
cvg_scatter_view_render_png (CvgScatterView *self)
{
  int width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 1);
  int height = MAX (gtk_widget_get_height (GTK_WIDGET (self)), 1);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cvg_scatter_draw (cr, &self->scene, &self->cache, width, height);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, append_bytes, png);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}
