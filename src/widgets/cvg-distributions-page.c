/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-distributions-page"

#include "config.h"

#include "cvg-distributions-page.h"

#include "cvg-page.h"

struct _CvgDistributionsPage
{
  GtkWidget          parent_instance;

  CvgHistogramCards *cards;
};

static void
cvg_distributions_page_refresh_cards (CvgPage *page)
{
  cvg_histogram_cards_refresh (cvg_distributions_page_get_cards (CVG_DISTRIBUTIONS_PAGE (page)));
}

static void
cvg_distributions_page_iface_init (CvgPageInterface *iface)
{
  iface->set_runs = (void (*) (CvgPage *, GListModel *)) cvg_distributions_page_set_runs;
  iface->refresh = cvg_distributions_page_refresh_cards;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (CvgDistributionsPage, cvg_distributions_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CVG_TYPE_PAGE, cvg_distributions_page_iface_init))

enum {
  PROP_0,
  PROP_X_AXIS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cards_x_axis_cb (CvgDistributionsPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X_AXIS]);
}

static void
cvg_distributions_page_dispose (GObject *object)
{
  CvgDistributionsPage *self = CVG_DISTRIBUTIONS_PAGE (object);

  if (self->cards != NULL)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->cards)));

  G_OBJECT_CLASS (cvg_distributions_page_parent_class)->dispose (object);
}

/* The cards hold the setting; the page passes it through. */
static void
cvg_distributions_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CvgDistributionsPage *self = CVG_DISTRIBUTIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_X_AXIS:
      g_object_get_property (G_OBJECT (self->cards), "x-axis", value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_distributions_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CvgDistributionsPage *self = CVG_DISTRIBUTIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_X_AXIS:
      g_object_set_property (G_OBJECT (self->cards), "x-axis", value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_distributions_page_class_init (CvgDistributionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cvg_distributions_page_dispose;
  object_class->get_property = cvg_distributions_page_get_property;
  object_class->set_property = cvg_distributions_page_set_property;

  properties[PROP_X_AXIS] =
    g_param_spec_enum ("x-axis", NULL, NULL, CVG_TYPE_X_AXIS, CVG_X_AXIS_STEP,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "distributions-page");
}

static void
cvg_distributions_page_init (CvgDistributionsPage *self)
{
  self->cards = CVG_HISTOGRAM_CARDS (cvg_histogram_cards_new ());
  g_object_set (self->cards, "mode", CVG_HISTOGRAM_MODE_DISTRIBUTION, NULL);
  g_signal_connect_object (self->cards, "notify::x-axis", G_CALLBACK (cards_x_axis_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_parent (GTK_WIDGET (self->cards), GTK_WIDGET (self));
}

GtkWidget *
cvg_distributions_page_new (void)
{
  return g_object_new (CVG_TYPE_DISTRIBUTIONS_PAGE, NULL);
}

void
cvg_distributions_page_set_runs (CvgDistributionsPage *self,
                                 GListModel           *runs)
{
  g_return_if_fail (CVG_IS_DISTRIBUTIONS_PAGE (self));

  cvg_histogram_cards_set_runs (self->cards, runs);
}

CvgHistogramCards *
cvg_distributions_page_get_cards (CvgDistributionsPage *self)
{
  g_return_val_if_fail (CVG_IS_DISTRIBUTIONS_PAGE (self), NULL);

  return self->cards;
}
