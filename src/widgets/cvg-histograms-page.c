/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-histograms-page"

#include "config.h"

#include "cvg-histograms-page.h"

#include "cvg-page.h"

#include <glib/gi18n.h>

struct _CvgHistogramsPage
{
  GtkWidget          parent_instance;

  GtkWidget         *box;
  GtkWidget         *overlay_button;
  CvgHistogramCards *cards;
};

static void
cvg_histograms_page_refresh_cards (CvgPage *page)
{
  cvg_histogram_cards_refresh (cvg_histograms_page_get_cards (CVG_HISTOGRAMS_PAGE (page)));
}

static void
cvg_histograms_page_iface_init (CvgPageInterface *iface)
{
  iface->set_runs = (void (*) (CvgPage *, GListModel *)) cvg_histograms_page_set_runs;
  iface->refresh = cvg_histograms_page_refresh_cards;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (CvgHistogramsPage, cvg_histograms_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CVG_TYPE_PAGE, cvg_histograms_page_iface_init))

enum {
  PROP_0,
  PROP_MODE,
  PROP_X_AXIS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cards_notify_cb (CvgHistogramsPage *self,
                 GParamSpec        *pspec)
{
  if (g_strcmp0 (pspec->name, "mode") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
  else if (g_strcmp0 (pspec->name, "x-axis") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X_AXIS]);
}

static gboolean
mode_to_active (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_enum (from) == CVG_HISTOGRAM_MODE_OVERLAY);
  return TRUE;
}

static gboolean
active_to_mode (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  g_value_set_enum (to, g_value_get_boolean (from) ? CVG_HISTOGRAM_MODE_OVERLAY : CVG_HISTOGRAM_MODE_OFFSET);
  return TRUE;
}

/* Two linked toggles, Offset and Overlay, as TensorBoard's mode switch. */
static GtkWidget *
create_toolbar (CvgHistogramsPage *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *linked = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *offset = gtk_toggle_button_new_with_label (_("Offset"));

  self->overlay_button = gtk_toggle_button_new_with_label (_("Overlay"));
  gtk_widget_set_tooltip_text (offset, _("Steps stacked back to front, oldest behind"));
  gtk_widget_set_tooltip_text (self->overlay_button, _("Steps as lines on one baseline, oldest faintest"));
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (self->overlay_button), GTK_TOGGLE_BUTTON (offset));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (offset), TRUE);
  gtk_widget_add_css_class (linked, "linked");
  gtk_box_append (GTK_BOX (linked), offset);
  gtk_box_append (GTK_BOX (linked), self->overlay_button);
  gtk_widget_add_css_class (toolbar, "toolbar");
  gtk_box_append (GTK_BOX (toolbar), linked);
  return toolbar;
}

static void
cvg_histograms_page_dispose (GObject *object)
{
  CvgHistogramsPage *self = CVG_HISTOGRAMS_PAGE (object);

  self->cards = NULL;
  self->overlay_button = NULL;
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (cvg_histograms_page_parent_class)->dispose (object);
}

/* The cards hold the settings; the page passes them through. */
static void
cvg_histograms_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CvgHistogramsPage *self = CVG_HISTOGRAMS_PAGE (object);

  switch (prop_id)
    {
    case PROP_MODE:
    case PROP_X_AXIS:
      g_object_get_property (G_OBJECT (self->cards), pspec->name, value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_histograms_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CvgHistogramsPage *self = CVG_HISTOGRAMS_PAGE (object);

  switch (prop_id)
    {
    case PROP_MODE:
    case PROP_X_AXIS:
      g_object_set_property (G_OBJECT (self->cards), pspec->name, value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_histograms_page_class_init (CvgHistogramsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = cvg_histograms_page_dispose;
  object_class->get_property = cvg_histograms_page_get_property;
  object_class->set_property = cvg_histograms_page_set_property;

  properties[PROP_MODE] = g_param_spec_enum ("mode", NULL, NULL, CVG_TYPE_HISTOGRAM_MODE,
                                             CVG_HISTOGRAM_MODE_OFFSET, flags);
  properties[PROP_X_AXIS] = g_param_spec_enum ("x-axis", NULL, NULL, CVG_TYPE_X_AXIS,
                                               CVG_X_AXIS_STEP, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "histograms-page");
}

static void
cvg_histograms_page_init (CvgHistogramsPage *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  self->cards = CVG_HISTOGRAM_CARDS (cvg_histogram_cards_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->cards), TRUE);
  gtk_box_append (GTK_BOX (self->box), create_toolbar (self));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->cards));
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  g_object_bind_property_full (self->cards, "mode", self->overlay_button, "active",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               mode_to_active, active_to_mode, NULL, NULL);
  g_signal_connect_object (self->cards, "notify", G_CALLBACK (cards_notify_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
cvg_histograms_page_new (void)
{
  return g_object_new (CVG_TYPE_HISTOGRAMS_PAGE, NULL);
}

void
cvg_histograms_page_set_runs (CvgHistogramsPage *self,
                              GListModel        *runs)
{
  g_return_if_fail (CVG_IS_HISTOGRAMS_PAGE (self));

  cvg_histogram_cards_set_runs (self->cards, runs);
}

CvgHistogramCards *
cvg_histograms_page_get_cards (CvgHistogramsPage *self)
{
  g_return_val_if_fail (CVG_IS_HISTOGRAMS_PAGE (self), NULL);

  return self->cards;
}
