/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-page"

#include "config.h"

#include "cvg-page.h"

G_DEFINE_INTERFACE (CvgPage, cvg_page, GTK_TYPE_WIDGET)

static void
cvg_page_default_init (CvgPageInterface *iface)
{
}

void
cvg_page_set_runs (CvgPage    *self,
                   GListModel *runs)
{
  CvgPageInterface *iface;

  g_return_if_fail (CVG_IS_PAGE (self));

  iface = CVG_PAGE_GET_IFACE (self);
  if (iface->set_runs != NULL)
    iface->set_runs (self, runs);
}

void
cvg_page_refresh (CvgPage *self)
{
  CvgPageInterface *iface;

  g_return_if_fail (CVG_IS_PAGE (self));

  iface = CVG_PAGE_GET_IFACE (self);
  if (iface->refresh != NULL)
    iface->refresh (self);
}
