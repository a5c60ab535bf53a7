/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-pr-curve-card.h"

G_BEGIN_DECLS

#define CVG_TYPE_PR_CURVES_PAGE (cvg_pr_curves_page_get_type ())

G_DECLARE_FINAL_TYPE (CvgPrCurvesPage, cvg_pr_curves_page, CVG, PR_CURVES_PAGE, GtkWidget)

/* The PR Curves page: one card per PR curve tag with every visible run
 * overlaid, in sections by tag prefix, made when first scrolled into
 * view; a tag filter (regular expression) and a switch that shows each
 * run's earlier steps faint. */
GtkWidget      *cvg_pr_curves_page_new         (void);
/* @runs: a GListModel of CvgRunInfo. */
void            cvg_pr_curves_page_set_runs    (CvgPrCurvesPage *self,
                                                GListModel      *runs);
/* After the runs' data grew. Hidden, it waits until shown. */
void            cvg_pr_curves_page_refresh     (CvgPrCurvesPage *self);
guint           cvg_pr_curves_page_get_n_cards (CvgPrCurvesPage *self);
/* The card of @tag, made if not yet; NULL if none. */
CvgPrCurveCard *cvg_pr_curves_page_get_card    (CvgPrCurvesPage *self,
                                                const char      *tag);

G_END_DECLS
