/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What a page shows when the logs hold none of its kind: an icon, a
 * title and the calls that write the kind. Plain text, never markup. */
GtkWidget *cvg_empty_page_new (const char *icon_name,
                               const char *title,
                               const char *description);

G_END_DECLS
