#define G_LOG_DOMAIN "cvg-chart-common"

#include "config.h"

#include "cvg-chart-common.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "cvg-chart-math.h"

/* Round durations for time axes: 1, 2, 5, 10, 15, 30 s and min, then
 * hours and days; each is a whole number of the unit it is shown in. */
static const double nice_durations[] = {
  1, 2, 5, 10, 15, 30,
  60, 120, 300, 600, 900, 1800,
  3600, 7200, 10800, 21600, 43200,
  86400, 172800, 604800, 2592000, 31536000,
};

/* Steps are whole numbers: a tick at 0.5 would label no step. */
static GArray *
whole_steps (GArray *ticks,
             double *step)
{
  guint kept = 0;

  for (guint i = 0; i < ticks->len; i++)
    {
      double t = g_array_index (ticks, double, i);

      if (t == floor (t))
        g_array_index (ticks, double, kept++) = t;
    }
  g_array_set_size (ticks, kept);
  *step = MAX (*step, 1);
  return ticks;
}

static GArray *
time_ticks (double  x0,
            double  x1,
            guint   target,
            double  offset,
            double *step)
{
  double wanted = (x1 - x0) / MAX (target, 1);
  GArray *ticks;
  double t;

  if (wanted < 1)
    return cvg_ticks_linear (x0, x1, target, step);

  *step = nice_durations[G_N_ELEMENTS (nice_durations) - 1];
  for (guint i = 0; i < G_N_ELEMENTS (nice_durations); i++)
    if (nice_durations[i] >= wanted)
      {
        *step = nice_durations[i];
        break;
      }

  ticks = g_array_new (FALSE, FALSE, sizeof (double));
  for (t = ceil ((x0 + offset) / *step) * *step - offset; t <= x1; t += *step)
    g_array_append_val (ticks, t);
  return ticks;
}

static char *
format_wall_tick (double value,
                  double step)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local ((gint64) floor (value));

  if (time == NULL)
    return g_strdup ("");
  if (step >= 86400)
    return g_date_time_format (time, "%b %d");
  if (step >= 60)
    return g_date_time_format (time, "%H:%M");
  return g_date_time_format (time, "%H:%M:%S");
}

static char *
format_relative_tick (double value,
                      double step)
{
  g_autofree char *number = NULL;

  if (step >= 86400)
    {
      number = cvg_format_compact (value / 86400, 3);
      /* Translators: a duration in days on a chart axis */
      return g_strdup_printf (_("%s d"), number);
    }
  if (step >= 3600)
    {
      number = cvg_format_compact (value / 3600, 3);
      /* Translators: a duration in hours on a chart axis */
      return g_strdup_printf (_("%s h"), number);
    }
  if (step >= 60)
    {
      number = cvg_format_compact (value / 60, 3);
      /* Translators: a duration in minutes on a chart axis */
      return g_strdup_printf (_("%s min"), number);
    }
  number = cvg_format_compact (value, 3);
  /* Translators: a duration in seconds on a chart axis */
  return g_strdup_printf (_("%s s"), number);
}

static double
local_utc_offset (double when)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local ((gint64) floor (when));

  return time != NULL ? g_date_time_get_utc_offset (time) / (double) G_USEC_PER_SEC : 0;
}

GArray *
cvg_time_axis_ticks (CvgXAxis  axis,
                     double    x0,
                     double    x1,
                     guint     target,
                     double   *step)
{
  switch (axis)
    {
    case CVG_X_AXIS_RELATIVE:
      return time_ticks (x0, x1, target, 0, step);
    case CVG_X_AXIS_WALL:
      return time_ticks (x0, x1, target, local_utc_offset (x0), step);
    case CVG_X_AXIS_STEP:
    default:
      return whole_steps (cvg_ticks_linear (x0, x1, target, step), step);
    }
}

char *
cvg_time_axis_format_tick (CvgXAxis axis,
                           double   value,
                           double   step)
{
  switch (axis)
    {
    case CVG_X_AXIS_RELATIVE:
      return format_relative_tick (value, step);
    case CVG_X_AXIS_WALL:
      return format_wall_tick (value, step);
    case CVG_X_AXIS_STEP:
    default:
      return cvg_format_compact (value, 4);
    }
}

char *
cvg_format_duration (double seconds)
{
  gint64 s = (gint64) floor (seconds);

  if (seconds < 60)
    {
      g_autofree char *number = cvg_format_compact (seconds, 3);
      /* Translators: a duration under a minute */
      return g_strdup_printf (_("%s s"), number);
    }
  if (s < 3600)
    /* Translators: a duration, minutes and seconds */
    return g_strdup_printf (_("%d min %02d s"), (int) (s / 60), (int) (s % 60));
  if (s < 86400)
    /* Translators: a duration, hours and minutes */
    return g_strdup_printf (_("%d h %02d min"), (int) (s / 3600), (int) (s % 3600 / 60));
  /* Translators: a duration, days and hours */
  return g_strdup_printf (_("%d d %02d h"), (int) (s / 86400), (int) (s % 86400 / 3600));
}

char *
cvg_format_wall_time (double   wall_time,
                      gboolean compact)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local ((gint64) floor (wall_time));

  if (time == NULL)
    return g_strdup ("");
  /* The drawn tooltip shows the time of day, which fits beside the values
   * in a half-width card; the text (screen readers, tests) has the date. */
  return g_date_time_format (time, compact ? "%H:%M:%S" : "%Y-%m-%d %H:%M:%S");
}

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

  cairo_new_path (cr);
  cairo_arc (cr, left + 6, top + 6, 6, G_PI, 1.5 * G_PI);
  cairo_arc (cr, left + w - 6, top + 6, 6, 1.5 * G_PI, 2 * G_PI);
  cairo_arc (cr, left + w - 6, top + h - 6, 6, 0, 0.5 * G_PI);
  cairo_arc (cr, left + 6, top + h - 6, 6, 0.5 * G_PI, G_PI);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, bg->red, bg->green, bg->blue, 0.96);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.15);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
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
