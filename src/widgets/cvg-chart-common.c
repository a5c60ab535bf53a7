/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-chart-common"

#include "config.h"

#include "cvg-chart-common.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "cvg-chart-draw.h"

PangoLayout *
cvg_chart_create_layout (GtkWidget *widget)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, NULL);
  PangoFontDescription *font = pango_font_description_copy (pango_context_get_font_description (pango_layout_get_context (layout)));

  /* Axis labels and tooltip a little smaller than body text, as cards. */
  pango_font_description_set_size (font, pango_font_description_get_size (font) * 0.85);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  return layout;
}

void
cvg_chart_lookup_colors (GtkWidget *widget,
                         GdkRGBA   *fg,
                         GdkRGBA   *bg)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (context, fg);
  if (!gtk_style_context_lookup_color (context, "popover_bg_color", bg) &&
      !gtk_style_context_lookup_color (context, "theme_base_color", bg))
    {
      double luminance = 0.3 * fg->red + 0.6 * fg->green + 0.1 * fg->blue;

      *bg = luminance > 0.5 ? (GdkRGBA) { 0.2, 0.2, 0.2, 1 } : (GdkRGBA) { 1, 1, 1, 1 };
    }
  G_GNUC_END_IGNORE_DEPRECATIONS
}

#define TOOLTIP_PAD 8.0
#define TOOLTIP_GAP 16.0
#define TOOLTIP_TAB 64

/* Right of and below the pointer when there is room, else flipped. */
void
cvg_chart_draw_text_tooltip (cairo_t       *cr,
                             PangoLayout   *layout,
                             const char    *text,
                             const GdkRGBA *fg,
                             const GdkRGBA *bg,
                             double         x,
                             double         y,
                             double         width,
                             double         height)
{
  g_autoptr(PangoTabArray) tabs = NULL;
  double w, h, left, top;
  int text_w, text_h;

  /* One tab stop lines up "label\tvalue" rows. */
  tabs = pango_tab_array_new_with_positions (1, TRUE, PANGO_TAB_LEFT, TOOLTIP_TAB);
  pango_layout_set_tabs (layout, tabs);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &text_w, &text_h);
  w = text_w + 2 * TOOLTIP_PAD;
  h = text_h + 2 * TOOLTIP_PAD;
  left = x + TOOLTIP_GAP;
  if (left + w > width - 2)
    left = x - TOOLTIP_GAP - w;
  left = CLAMP (left, 2, MAX (2, width - 2 - w));
  top = CLAMP (y + TOOLTIP_GAP, 2, MAX (2, height - 2 - h));

  cvg_chart_tooltip_box (cr, fg, bg, left, top, w, h);
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 1);
  cairo_move_to (cr, left + TOOLTIP_PAD, top + TOOLTIP_PAD);
  pango_cairo_show_layout (cr, layout);
  pango_layout_set_tabs (layout, NULL);
}

void
cvg_chart_layer_clear (CvgChartLayer *layer)
{
  g_clear_pointer (&layer->node, gsk_render_node_unref);
}

void
cvg_chart_layer_build (CvgChartLayer    *layer,
                       GtkWidget        *widget,
                       int               width,
                       int               height,
                       CvgChartDrawFunc  draw,
                       gpointer          data)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  cvg_chart_snapshot_draw (widget, snapshot, width, height, draw, data);
  g_clear_pointer (&layer->node, gsk_render_node_unref);
  layer->node = gtk_snapshot_free_to_node (snapshot);
  layer->width = width;
  layer->height = height;
}

void
cvg_chart_layer_snapshot (CvgChartLayer    *layer,
                          GtkWidget        *widget,
                          GtkSnapshot      *snapshot,
                          int               width,
                          int               height,
                          CvgChartDrawFunc  draw,
                          gpointer          data)
{
  if (layer->node != NULL && (layer->width != width || layer->height != height))
    cvg_chart_layer_clear (layer);
  if (layer->node == NULL)
    cvg_chart_layer_build (layer, widget, width, height, draw, data);
  if (layer->node != NULL)
    gtk_snapshot_append_node (snapshot, layer->node);
}

void
cvg_chart_snapshot_draw (GtkWidget        *widget,
                         GtkSnapshot      *snapshot,
                         int               width,
                         int               height,
                         CvgChartDrawFunc  draw,
                         gpointer          data)
{
  g_autoptr(PangoLayout) layout = cvg_chart_create_layout (widget);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  draw (data, cr, layout, width, height);
  cairo_destroy (cr);
}

static void
chart_measure (GtkWidget      *widget,
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

void
cvg_chart_class_setup (GtkWidgetClass *widget_class,
                       const char     *css_name)
{
  widget_class->measure = chart_measure;
  gtk_widget_class_set_css_name (widget_class, css_name);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

void
cvg_chart_add_motion_controller (GtkWidget *widget,
                                 GCallback  motion_cb,
                                 GCallback  leave_cb)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  g_signal_connect_swapped (motion, "enter", motion_cb, widget);
  g_signal_connect_swapped (motion, "motion", motion_cb, widget);
  g_signal_connect_swapped (motion, "leave", leave_cb, widget);
  gtk_widget_add_controller (widget, motion);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
}
