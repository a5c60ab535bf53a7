/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-custom-chart-card.h"

G_BEGIN_DECLS

#define CVG_TYPE_CUSTOM_SCALARS_PAGE (cvg_custom_scalars_page_get_type ())

G_DECLARE_FINAL_TYPE (CvgCustomScalarsPage, cvg_custom_scalars_page, CVG, CUSTOM_SCALARS_PAGE, GtkWidget)

/* The Custom Scalars page: the layout the runs logged (cvg-custom-layout.h)
 * as collapsible categories of multiline and margin charts, closed at
 * first where the layout says so, and a category of the user's own
 * charts (a tag regex each, made with "New Chart"), kept per logs folder
 * outside it (cvg-custom-layout-user.h). */
GtkWidget          *cvg_custom_scalars_page_new          (void);
/* @runs: a GListModel of CvgRunInfo. */
void                cvg_custom_scalars_page_set_runs     (CvgCustomScalarsPage *self,
                                                          GListModel           *runs);
/* After the runs' data grew. Hidden, it waits until shown. */
void                cvg_custom_scalars_page_refresh      (CvgCustomScalarsPage *self);
guint               cvg_custom_scalars_page_get_n_charts (CvgCustomScalarsPage *self);
/* The chart titled @chart in the category titled @category, or NULL. */
CvgCustomChartCard *cvg_custom_scalars_page_get_chart    (CvgCustomScalarsPage *self,
                                                          const char           *category,
                                                          const char           *chart);
/* Whether the category titled @category is open. */
gboolean            cvg_custom_scalars_page_get_expanded (CvgCustomScalarsPage *self,
                                                          const char           *category);
/* What "New Chart" does: a multiline chart of @tags (a regex) in the
 * user's charts, saved in the background. */
void                cvg_custom_scalars_page_add_chart    (CvgCustomScalarsPage *self,
                                                          const char           *title,
                                                          const char           *tags);
/* TRUE while the user's charts are being read or written. */
gboolean            cvg_custom_scalars_page_get_busy     (CvgCustomScalarsPage *self);

G_END_DECLS
