/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-image-viewer"

#include "config.h"

#include "cvg-image-viewer.h"

#include <glib/gi18n.h>

#define ZOOM_STEP 1.25

struct _CvgImageViewer
{
  AdwWindow          parent_instance;

  GtkScrolledWindow *scrolled;
  CvgImageView      *view;
  GtkLabel          *pixel_label;
  GtkLabel          *zoom_label;
  double             drag_h;
  double             drag_v;
};

G_DEFINE_FINAL_TYPE (CvgImageViewer, cvg_image_viewer, ADW_TYPE_WINDOW)

static void
update_zoom_label (CvgImageViewer *self)
{
  g_autofree char *text = g_strdup_printf ("%.0f%%", cvg_image_view_get_scale (self->view) * 100);

  gtk_label_set_text (self->zoom_label, text);
}

void
cvg_image_viewer_zoom_by (CvgImageViewer *self,
                          double          factor)
{
  double scale = cvg_image_view_get_scale (self->view);

  g_return_if_fail (CVG_IS_IMAGE_VIEWER (self));

  cvg_image_view_set_zoom (self->view, scale * factor);
  update_zoom_label (self);
}

static void
set_zoom (CvgImageViewer *self,
          double          zoom)
{
  cvg_image_view_set_zoom (self->view, zoom);
  update_zoom_label (self);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           CvgImageViewer           *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if ((state & GDK_CONTROL_MASK) == 0 || dy == 0)
    return FALSE;
  cvg_image_viewer_zoom_by (self, dy < 0 ? ZOOM_STEP : 1 / ZOOM_STEP);
  return TRUE;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                CvgImageViewer        *self)
{
  switch (keyval)
    {
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      cvg_image_viewer_zoom_by (self, ZOOM_STEP);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      cvg_image_viewer_zoom_by (self, 1 / ZOOM_STEP);
      return TRUE;
    case GDK_KEY_0:
    case GDK_KEY_KP_0:
      set_zoom (self, 0);
      return TRUE;
    case GDK_KEY_1:
    case GDK_KEY_KP_1:
      set_zoom (self, 1);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               CvgImageViewer *self)
{
  self->drag_h = gtk_adjustment_get_value (gtk_scrolled_window_get_hadjustment (self->scrolled));
  self->drag_v = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scrolled));
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                CvgImageViewer *self)
{
  gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (self->scrolled), self->drag_h - dx);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), self->drag_v - dy);
}

void
cvg_image_viewer_hover (CvgImageViewer *self,
                        double          x,
                        double          y)
{
  g_autofree char *text = NULL;
  guint8 rgba[4];
  int px, py;

  g_return_if_fail (CVG_IS_IMAGE_VIEWER (self));

  if (cvg_image_view_pick (self->view, x, y, &px, &py, rgba))
    /* TRANSLATORS: a pixel's position, then its red, green, blue and alpha values (0–255) */
    text = g_strdup_printf (_("x %d, y %d   R %u  G %u  B %u  A %u"), px, py, rgba[0], rgba[1], rgba[2], rgba[3]);
  gtk_label_set_text (self->pixel_label, text != NULL ? text : "");
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           CvgImageViewer           *self)
{
  cvg_image_viewer_hover (self, x, y);
}

static GtkWidget *
create_footer (CvgImageViewer *self)
{
  GtkWidget *footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->pixel_label = GTK_LABEL (gtk_label_new (""));
  self->zoom_label = GTK_LABEL (gtk_label_new (""));
  gtk_widget_set_hexpand (GTK_WIDGET (self->pixel_label), TRUE);
  gtk_label_set_xalign (self->pixel_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->pixel_label), "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (self->zoom_label), "numeric");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->zoom_label), _("Ctrl+scroll, + and − zoom; 0 fits; 1 is actual size"));
  gtk_widget_add_css_class (footer, "toolbar");
  gtk_box_append (GTK_BOX (footer), GTK_WIDGET (self->pixel_label));
  gtk_box_append (GTK_BOX (footer), GTK_WIDGET (self->zoom_label));
  return footer;
}

static void
add_controllers (CvgImageViewer *self)
{
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();

  /* Before the scrolled window, so that Ctrl+scroll zooms instead. */
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scrolled), scroll);
  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->view), motion);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scrolled), GTK_EVENT_CONTROLLER (drag));
}

static void
cvg_image_viewer_class_init (CvgImageViewerClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cvg_image_viewer_init (CvgImageViewer *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  self->view = CVG_IMAGE_VIEW (cvg_image_view_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->view), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->view), TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->view), "crosshair");
  self->scrolled = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_child (self->scrolled, GTK_WIDGET (self->view));
  gtk_widget_set_vexpand (GTK_WIDGET (self->scrolled), TRUE);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->scrolled));
  gtk_box_append (GTK_BOX (box), create_footer (self));
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_size (GTK_WINDOW (self), 900, 700);
  add_controllers (self);
}

CvgImageViewer *
cvg_image_viewer_present (GtkWindow       *parent,
                          const char      *title,
                          CvgDecodedImage *image)
{
  CvgImageViewer *self = g_object_new (CVG_TYPE_IMAGE_VIEWER, "title", title, NULL);

  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  cvg_image_view_set_image (self->view, image);
  update_zoom_label (self);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

CvgImageView *
cvg_image_viewer_get_view (CvgImageViewer *self)
{
  g_return_val_if_fail (CVG_IS_IMAGE_VIEWER (self), NULL);

  return self->view;
}

const char *
cvg_image_viewer_get_pixel_text (CvgImageViewer *self)
{
  g_return_val_if_fail (CVG_IS_IMAGE_VIEWER (self), NULL);

  return gtk_label_get_text (self->pixel_label);
}
