/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-empty-page"

#include "config.h"

#include <adwaita.h>

#include "cvg-empty-page.h"

GtkWidget *
cvg_empty_page_new (const char *icon_name,
                    const char *title,
                    const char *description)
{
  GtkWidget *status = adw_status_page_new ();
  g_autofree char *escaped = g_markup_escape_text (description, -1);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), icon_name);
  adw_status_page_set_title (ADW_STATUS_PAGE (status), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (status), escaped);
  return status;
}
