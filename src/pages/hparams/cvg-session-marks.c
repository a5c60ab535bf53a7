/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-session-marks"

#include "config.h"

#include "cvg-session-marks.h"

#include "cvg-chart-common.h"

static void
leave_cb (GtkEventControllerMotion *motion,
          CvgSessionMarks          *marks)
{
  marks->hovered = -1;
  gtk_widget_queue_draw (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (motion)));
}

void
cvg_session_marks_init (CvgSessionMarks               *marks,
                        GtkWidget                     *widget,
                        const CvgSessionMarksHandlers *handlers)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();

  marks->hovered = -1;
  g_signal_connect_swapped (motion, "motion", handlers->motion, widget);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), marks);
  gtk_widget_add_controller (widget, motion);
  g_signal_connect_swapped (drag, "drag-begin", handlers->drag_begin, widget);
  g_signal_connect_swapped (drag, "drag-update", handlers->drag_update, widget);
  g_signal_connect_swapped (drag, "drag-end", handlers->drag_end, widget);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));
}

void
cvg_session_marks_set (CvgSessionMarks *marks,
                       GPtrArray       *colors,
                       GPtrArray       *names)
{
  cvg_session_marks_clear (marks);
  if (colors == NULL || names == NULL)
    return;
  marks->colors = g_ptr_array_new_full (colors->len, (GDestroyNotify) gdk_rgba_free);
  marks->names = g_ptr_array_new_full (names->len, g_free);
  for (guint i = 0; i < colors->len && i < names->len; i++)
    {
      GdkRGBA color = { 0.5, 0.5, 0.5, 1 };

      gdk_rgba_parse (&color, g_ptr_array_index (colors, i));
      g_ptr_array_add (marks->colors, gdk_rgba_copy (&color));
      g_ptr_array_add (marks->names, g_strdup (g_ptr_array_index (names, i)));
    }
}

void
cvg_session_marks_clear (CvgSessionMarks *marks)
{
  marks->hovered = -1;
  g_clear_pointer (&marks->colors, g_ptr_array_unref);
  g_clear_pointer (&marks->names, g_ptr_array_unref);
}

guint
cvg_session_marks_get_n (CvgSessionMarks *marks)
{
  return marks->names != NULL ? marks->names->len : 0;
}

gboolean
cvg_session_marks_hover (CvgSessionMarks *marks,
                         int              picked,
                         double           x,
                         double           y)
{
  gboolean changed = picked != marks->hovered || picked >= 0;

  marks->pointer_x = x;
  marks->pointer_y = y;
  marks->hovered = picked;
  return changed;
}

void
cvg_session_marks_draw_hover (CvgSessionMarks *marks,
                              cairo_t         *cr,
                              PangoLayout     *layout,
                              const GdkRGBA   *fg,
                              const GdkRGBA   *bg,
                              double           width,
                              double           height)
{
  if (marks->hovered >= 0 && (guint) marks->hovered < cvg_session_marks_get_n (marks))
    cvg_chart_draw_text_tooltip (cr, layout, g_ptr_array_index (marks->names, marks->hovered), fg, bg,
                                 marks->pointer_x, marks->pointer_y, width, height);
}
