/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-types.h"

G_BEGIN_DECLS

#define CVG_TYPE_SCALARS_PAGE (cvg_scalars_page_get_type ())

G_DECLARE_FINAL_TYPE (CvgScalarsPage, cvg_scalars_page, CVG, SCALARS_PAGE, GtkWidget)

/* The Scalars dashboard: a toolbar (smoothing, axes, outliers, tag filter)
 * over one card per scalar tag, grouped by prefix, created lazily.
 *
 * Properties, all with G_PARAM_EXPLICIT_NOTIFY, for the window to bind to
 * its settings: "smoothing" (double, 0..0.999, default 0.6), "x-axis"
 * (CvgXAxis), "log-scale" (boolean), "ignore-outliers" (boolean, default
 * TRUE), "smoother" (CvgSmoother), "log-x" (boolean), "tag-filter"
 * (string, a regular expression).
 *
 * Groups: "group-by" (CvgGroupBy), "group-depth" (uint, 1..16),
 * "group-regex" (string), "aggregate" (CvgAggregate), "band" (CvgBand),
 * "show-members" (boolean, default TRUE) draw each group of runs as one
 * line with a band (cvg-group-lines.h); "groups" (read-only GListModel
 * of CvgRunNode, NULL when ungrouped) lists them for the sidebar. */
GtkWidget  *cvg_scalars_page_new          (void);
/* @runs: a GListModel of CvgRunInfo (the window's runs, shared with the
 * sidebar); the page follows their visible/color/emphasized changes. */
void        cvg_scalars_page_set_runs     (CvgScalarsPage *self,
                                           GListModel     *runs);
/* Number of scalar tags with a card (after the tag filter, counting cards
 * whose visible runs have data, whether or not created yet). */
guint       cvg_scalars_page_get_n_cards  (CvgScalarsPage *self);
/* The runs' series grew or gained tags (live reading): new tags get
 * cards, charts re-read the series that grew. */
void        cvg_scalars_page_refresh      (CvgScalarsPage *self);

G_END_DECLS
