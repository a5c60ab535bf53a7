/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-types.h"

G_BEGIN_DECLS

#define CVG_TYPE_HISTOGRAM_CHART (cvg_histogram_chart_get_type ())

G_DECLARE_FINAL_TYPE (CvgHistogramChart, cvg_histogram_chart, CVG, HISTOGRAM_CHART, GtkWidget)

/* One histogram tag of one run, in the run's colour, with a hover
 * tooltip. The Histograms page shows it in offset or overlay mode, the
 * Distributions page in distribution mode.
 *
 * Properties, all with G_PARAM_EXPLICIT_NOTIFY: "mode"
 * (CvgHistogramMode), "x-axis" (CvgXAxis). */
GtkWidget        *cvg_histogram_chart_new              (void);
/* @series: a histogram, borrowed (its run outlives the chart);
 * @color: "#rrggbb". */
void              cvg_histogram_chart_set_data         (CvgHistogramChart *self,
                                                        CvgSeries         *series,
                                                        const char        *color);
void              cvg_histogram_chart_set_color        (CvgHistogramChart *self,
                                                        const char        *color);
CvgHistogramMode  cvg_histogram_chart_get_mode         (CvgHistogramChart *self);
void              cvg_histogram_chart_set_mode         (CvgHistogramChart *self,
                                                        CvgHistogramMode   mode);
CvgXAxis          cvg_histogram_chart_get_x_axis       (CvgHistogramChart *self);
void              cvg_histogram_chart_set_x_axis       (CvgHistogramChart *self,
                                                        CvgXAxis           x_axis);

/* For tests: steps shown, hover at widget coordinates as a motion event
 * would, and the tooltip's text (NULL when not hovering). */
guint             cvg_histogram_chart_get_n_slices     (CvgHistogramChart *self);
void              cvg_histogram_chart_hover_at         (CvgHistogramChart *self,
                                                        double             x,
                                                        double             y);
char             *cvg_histogram_chart_dup_tooltip_text (CvgHistogramChart *self);

/* The "mode" and "x-axis" specs, for a widget that forwards them. */
void              cvg_histogram_chart_view_param_specs (GParamSpec *specs[2]);

G_END_DECLS
