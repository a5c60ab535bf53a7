/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-histogram-cards.h"

G_BEGIN_DECLS

#define CVG_TYPE_HISTOGRAMS_PAGE (cvg_histograms_page_get_type ())

G_DECLARE_FINAL_TYPE (CvgHistogramsPage, cvg_histograms_page, CVG, HISTOGRAMS_PAGE, GtkWidget)

/* The Histograms dashboard: an Offset / Overlay switch over the cards.
 *
 * Properties, with G_PARAM_EXPLICIT_NOTIFY: "mode" (CvgHistogramMode,
 * offset or overlay), "x-axis" (CvgXAxis). */
GtkWidget         *cvg_histograms_page_new       (void);
/* @runs: a GListModel of CvgRunInfo (the window's runs). */
void               cvg_histograms_page_set_runs  (CvgHistogramsPage *self,
                                                  GListModel        *runs);
CvgHistogramCards *cvg_histograms_page_get_cards (CvgHistogramsPage *self);

G_END_DECLS
