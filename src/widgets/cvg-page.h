/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CVG_TYPE_PAGE (cvg_page_get_type ())
G_DECLARE_INTERFACE (CvgPage, cvg_page, CVG, PAGE, GtkWidget)

/* What the window asks of every page in its stack (see cvg-pages.c). */
struct _CvgPageInterface
{
  GTypeInterface parent_iface;

  /* Shows @runs, a GListModel of CvgRunInfo; optional (the projector
   * looks at the folder instead). */
  void (*set_runs) (CvgPage    *self,
                    GListModel *runs);
  /* The runs' series grew; optional (a page may follow them itself). */
  void (*refresh)  (CvgPage    *self);
};

void cvg_page_set_runs (CvgPage    *self,
                        GListModel *runs);
void cvg_page_refresh  (CvgPage    *self);

G_END_DECLS
