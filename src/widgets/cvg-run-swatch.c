/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-run-swatch"

#include "config.h"

#include <glib/gi18n.h>

#include "cvg-run-swatch.h"

#define SWATCH_SIZE 14

struct _CvgRunSwatch
{
  GtkWidget parent_instance;

  GdkRGBA   rgba;
  char     *color;
};

G_DEFINE_FINAL_TYPE (CvgRunSwatch, cvg_run_swatch, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COLOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
cvg_run_swatch_set_color (CvgRunSwatch *self,
                          const char   *color)
{
  if (g_strcmp0 (self->color, color) == 0)
    return;
  g_free (self->color);
  self->color = g_strdup (color);
  if (color == NULL || !gdk_rgba_parse (&self->rgba, color))
    self->rgba = (GdkRGBA) { 0.5f, 0.5f, 0.5f, 1.0f };
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

static void
cvg_run_swatch_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  *minimum = *natural = SWATCH_SIZE;
}

static void
cvg_run_swatch_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  CvgRunSwatch *self = CVG_RUN_SWATCH (widget);
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  float size = MIN (MIN (width, height), SWATCH_SIZE);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT ((width - size) / 2, (height - size) / 2, size, size);
  GskRoundedRect clip;

  gsk_rounded_rect_init_from_rect (&clip, &bounds, size / 4);
  gtk_snapshot_push_rounded_clip (snapshot, &clip);
  gtk_snapshot_append_color (snapshot, &self->rgba, &bounds);
  gtk_snapshot_pop (snapshot);
}

static void
cvg_run_swatch_finalize (GObject *object)
{
  CvgRunSwatch *self = CVG_RUN_SWATCH (object);

  g_clear_pointer (&self->color, g_free);

  G_OBJECT_CLASS (cvg_run_swatch_parent_class)->finalize (object);
}

static void
cvg_run_swatch_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CvgRunSwatch *self = CVG_RUN_SWATCH (object);

  switch (prop_id)
    {
    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_run_swatch_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CvgRunSwatch *self = CVG_RUN_SWATCH (object);

  switch (prop_id)
    {
    case PROP_COLOR:
      cvg_run_swatch_set_color (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_run_swatch_class_init (CvgRunSwatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cvg_run_swatch_finalize;
  object_class->get_property = cvg_run_swatch_get_property;
  object_class->set_property = cvg_run_swatch_set_property;
  widget_class->measure = cvg_run_swatch_measure;
  widget_class->snapshot = cvg_run_swatch_snapshot;

  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "swatch");
}

static void
cvg_run_swatch_init (CvgRunSwatch *self)
{
  self->rgba = (GdkRGBA) { 0.5f, 0.5f, 0.5f, 1.0f };
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), _("Next colour"));
  gtk_widget_add_css_class (GTK_WIDGET (self), "run-swatch");
}
