/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-histogram-chart.h"

G_BEGIN_DECLS

#define CVG_TYPE_HISTOGRAM_CARDS (cvg_histogram_cards_get_type ())

G_DECLARE_FINAL_TYPE (CvgHistogramCards, cvg_histogram_cards, CVG, HISTOGRAM_CARDS, GtkWidget)

/* What the Histograms and Distributions pages share: one card per
 * histogram tag per visible run, in sections by tag prefix, each card
 * made when first scrolled into view; an empty state when the logs hold
 * no histogram. A card per run rather than runs side by side: offset
 * slices of several runs would hide each other.
 *
 * Properties, with G_PARAM_EXPLICIT_NOTIFY, passed on to every chart:
 * "mode" (CvgHistogramMode), "x-axis" (CvgXAxis). */
GtkWidget         *cvg_histogram_cards_new         (void);
/* @runs: a GListModel of CvgRunInfo; the cards follow their visible and
 * color properties. */
void               cvg_histogram_cards_set_runs    (CvgHistogramCards *self,
                                                    GListModel        *runs);
guint              cvg_histogram_cards_get_n_cards (CvgHistogramCards *self);
/* After the runs' data grew: new histogram tags get cards, charts whose
 * series grew (cvg_series_get_generation()) take the new steps. Hidden,
 * it does nothing until shown. */
void               cvg_histogram_cards_refresh     (CvgHistogramCards *self);
/* The chart of @tag of the run named @run, made if not yet shown; NULL
 * when there is no such card. */
CvgHistogramChart *cvg_histogram_cards_get_chart   (CvgHistogramCards *self,
                                                    const char        *run,
                                                    const char        *tag);

G_END_DECLS
