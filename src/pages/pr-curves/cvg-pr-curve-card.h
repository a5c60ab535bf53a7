/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-pr-curve-chart.h"
#include "cvg-run-info.h"
#include "cvg-series.h"

G_BEGIN_DECLS

#define CVG_TYPE_PR_CURVE_CARD (cvg_pr_curve_card_get_type ())

G_DECLARE_FINAL_TYPE (CvgPrCurveCard, cvg_pr_curve_card, CVG, PR_CURVE_CARD, GtkWidget)

/* One PR curve tag: the chart with every visible run's curve in its
 * colour, and under it a row per run with its average precision, a step
 * slider (the newest step at first, following new steps while at the
 * end) and the step shown. */
GtkWidget       *cvg_pr_curve_card_new              (const char     *tag);
/* @series of the run of @info (borrowed: the info keeps the run). */
void             cvg_pr_curve_card_add_run          (CvgPrCurveCard *self,
                                                     CvgRunInfo     *info,
                                                     CvgSeries      *series);
/* Runs were shown, hidden or recoloured. */
void             cvg_pr_curve_card_sync             (CvgPrCurveCard *self);
/* The series grew: new steps, followed where the slider was at the end. */
void             cvg_pr_curve_card_update           (CvgPrCurveCard *self);
void             cvg_pr_curve_card_set_show_earlier (CvgPrCurveCard *self,
                                                     gboolean        show_earlier);
CvgPrCurveChart *cvg_pr_curve_card_get_chart        (CvgPrCurveCard *self);
/* The runs drawn, in chart line order. */
guint            cvg_pr_curve_card_get_n_lines      (CvgPrCurveCard *self);
/* The step slider of @run: its position among the run's steps, the
 * point index of the series shown, and moving it. */
GtkRange        *cvg_pr_curve_card_get_slider       (CvgPrCurveCard *self,
                                                     const char     *run);
gsize            cvg_pr_curve_card_get_point        (CvgPrCurveCard *self,
                                                     const char     *run);

G_END_DECLS
