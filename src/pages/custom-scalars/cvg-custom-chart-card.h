/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-layout-types.h"
#include "cvg-scalar-card.h"

G_BEGIN_DECLS

#define CVG_TYPE_CUSTOM_CHART_CARD (cvg_custom_chart_card_get_type ())

G_DECLARE_FINAL_TYPE (CvgCustomChartCard, cvg_custom_chart_card, CVG, CUSTOM_CHART_CARD, GtkWidget)

/* One chart of a custom scalars layout on the shared scalar card:
 * - multiline: every (run, tag) whose tag matches the chart's regexes
 *   (cvg_layout_compile_tags) is a line "tag (run)" in the run's colour,
 *   with a marker per tag;
 * - margin: per run and series, the value line with a band from its
 *   lower to its upper tag, never smoothed.
 * Below the chart, a notice names what cannot be drawn: an invalid
 * regex, missing tags, and runs whose value, lower and upper steps
 * differ (those runs are left out rather than drawn wrong). */
GtkWidget     *cvg_custom_chart_card_new        (const CvgLayoutChart *chart);
/* Draws the visible runs of @runs (CvgRunInfo) again. */
void           cvg_custom_chart_card_set_runs   (CvgCustomChartCard   *self,
                                                 GListModel           *runs);
/* The runs' series grew: re-reads them. */
void           cvg_custom_chart_card_reload     (CvgCustomChartCard   *self);
const char    *cvg_custom_chart_card_get_title  (CvgCustomChartCard   *self);
CvgScalarCard *cvg_custom_chart_card_get_card   (CvgCustomChartCard   *self);
/* The notice shown, or NULL. */
const char    *cvg_custom_chart_card_get_notice (CvgCustomChartCard   *self);
/* A button at the end of the card's notice row (to remove the chart). */
void           cvg_custom_chart_card_add_button (CvgCustomChartCard   *self,
                                                 GtkWidget            *button);

G_END_DECLS
