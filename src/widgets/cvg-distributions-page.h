/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-histogram-cards.h"

G_BEGIN_DECLS

#define CVG_TYPE_DISTRIBUTIONS_PAGE (cvg_distributions_page_get_type ())

G_DECLARE_FINAL_TYPE (CvgDistributionsPage, cvg_distributions_page, CVG, DISTRIBUTIONS_PAGE, GtkWidget)

/* The Distributions dashboard: the histograms' percentiles over time.
 *
 * Property, with G_PARAM_EXPLICIT_NOTIFY: "x-axis" (CvgXAxis). */
GtkWidget         *cvg_distributions_page_new       (void);
/* @runs: a GListModel of CvgRunInfo (the window's runs). */
void               cvg_distributions_page_set_runs  (CvgDistributionsPage *self,
                                                     GListModel           *runs);
CvgHistogramCards *cvg_distributions_page_get_cards (CvgDistributionsPage *self);

G_END_DECLS
