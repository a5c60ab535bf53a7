/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-plot-line.h"
#include "cvg-smoother.h"
#include "cvg-types.h"

G_BEGIN_DECLS

#define CVG_TYPE_SCALAR_CHART (cvg_scalar_chart_get_type ())

G_DECLARE_FINAL_TYPE (CvgScalarChart, cvg_scalar_chart, CVG, SCALAR_CHART, GtkWidget)

/* One tag of every run as lines (raw faint, smoothed solid), with hover
 * tooltip, box zoom, pan and keyboard stepping.
 *
 * Properties, all with G_PARAM_EXPLICIT_NOTIFY: "smoothing" (double,
 * 0..0.999, default 0.6), "x-axis" (CvgXAxis), "log-scale" (boolean),
 * "ignore-outliers" (boolean, default TRUE), "smoother" (CvgSmoother,
 * default EMA), "log-x" (boolean: log10 on the Step and Relative axes,
 * where points at x <= 0, such as step 0, are not drawn). */
GtkWidget  *cvg_scalar_chart_new                  (void);

/* Shows @tag of each CvgRunInfo in @runs that has it, following the
 * runs' visible, color and emphasized properties and the model's changes. */
void        cvg_scalar_chart_set_data             (CvgScalarChart *self,
                                                   const char     *tag,
                                                   GListModel     *runs);
/* Shows @lines (a GPtrArray of CvgPlotLine, see cvg-plot-line.h; each
 * referenced, the array not kept) instead of a tag of every run, with
 * @title as the chart's name (accessible label, file names). The chart
 * then follows no run model: the caller calls this again when the lines
 * change (a run hidden, a tag added); the zoom stays. Smoothing, x axis,
 * log scale, hover, zoom and rendering work on them as on set_data's. */
void        cvg_scalar_chart_set_lines            (CvgScalarChart *self,
                                                   const char     *title,
                                                   GPtrArray      *lines);
/* The tag of set_data, or the title of set_lines. */
const char *cvg_scalar_chart_get_tag              (CvgScalarChart *self);
/* The lines of set_lines (CvgPlotLine), NULL after set_data; for export. */
GPtrArray  *cvg_scalar_chart_get_lines            (CvgScalarChart *self);
/* Re-reads series that grew since they were copied; TRUE if any did. */
gboolean    cvg_scalar_chart_reload               (CvgScalarChart *self);

double      cvg_scalar_chart_get_smoothing        (CvgScalarChart *self);
void        cvg_scalar_chart_set_smoothing        (CvgScalarChart *self,
                                                   double          smoothing);
CvgXAxis    cvg_scalar_chart_get_x_axis           (CvgScalarChart *self);
void        cvg_scalar_chart_set_x_axis           (CvgScalarChart *self,
                                                   CvgXAxis        x_axis);
gboolean    cvg_scalar_chart_get_log_scale        (CvgScalarChart *self);
void        cvg_scalar_chart_set_log_scale        (CvgScalarChart *self,
                                                   gboolean        log_scale);
CvgSmoother cvg_scalar_chart_get_smoother        (CvgScalarChart *self);
void        cvg_scalar_chart_set_smoother         (CvgScalarChart *self,
                                                   CvgSmoother     smoother);
gboolean    cvg_scalar_chart_get_log_x            (CvgScalarChart *self);
void        cvg_scalar_chart_set_log_x            (CvgScalarChart *self,
                                                   gboolean        log_x);
gboolean    cvg_scalar_chart_get_ignore_outliers  (CvgScalarChart *self);
void        cvg_scalar_chart_set_ignore_outliers  (CvgScalarChart *self,
                                                   gboolean        ignore_outliers);

/* What the pointer does, callable by tests: hover at widget coordinates
 * (x, y) as a motion event would, and leave. */
void        cvg_scalar_chart_hover_at             (CvgScalarChart *self,
                                                   double          x,
                                                   double          y);
void        cvg_scalar_chart_unhover              (CvgScalarChart *self);
/* Moves the hover to the previous (-1) or next (+1) step, as Left/Right. */
void        cvg_scalar_chart_step_hover           (CvgScalarChart *self,
                                                   int             direction);
gboolean    cvg_scalar_chart_get_zoomed           (CvgScalarChart *self);
/* Back to the data's extent, as double-click or Escape. */
void        cvg_scalar_chart_reset_zoom           (CvgScalarChart *self);

/* The tooltip's text, one line per run, nearest first; NULL when not
 * hovering. */
char       *cvg_scalar_chart_dup_tooltip_text     (CvgScalarChart *self);
/* Lines that are drawn: visible runs with points for this tag, or
 * lines of set_lines with points on the x axis shown (faint ones too). */
guint       cvg_scalar_chart_get_n_visible_lines  (CvgScalarChart *self);

/* Draws the chart as shown, without hover, on an opaque background,
 * onto any cairo_t (PNG, SVG). */
void        cvg_scalar_chart_render               (CvgScalarChart *self,
                                                   cairo_t        *cr,
                                                   double          width,
                                                   double          height);

/* The four view settings a chart has and the Scalars page binds to it
 * ("smoothing", "x-axis", "log-scale", "ignore-outliers"), written to
 * specs[0..3] for a class's property table. */
void        cvg_scalar_chart_view_param_specs     (GParamSpec     *specs[4]);
/* "smoother" and "log-x", written to specs[0..1]. */
void        cvg_scalar_chart_more_param_specs     (GParamSpec     *specs[2]);

G_END_DECLS
