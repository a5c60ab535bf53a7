/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gdk/gdk.h>

#include "cvg-types.h"

G_BEGIN_DECLS

/* One line of a CvgScalarChart given explicitly (cvg_scalar_chart_set_lines)
 * rather than as "one tag of every run": a label, a colour, a marker and
 * its points, either
 *  - a (run, tag) reference: the run's purged scalar series of @tag, read
 *    when first drawn and again by cvg_scalar_chart_reload() as it grows,
 *    smoothed by the chart like a Scalars page line (Custom Scalars'
 *    multiline charts, group members); or
 *  - points given here on one x axis (group aggregates), drawn only while
 *    the chart shows that axis;
 * and optionally a band between a lower and an upper bound, filled at
 * 30 % opacity under the line: from two other tags of the same run, at
 * the line's steps (margin charts), or given with the points (group
 * bands, with the count of members behind each point).
 *
 * A refcounted boxed type. Set everything before handing it to the chart,
 * which reads it once and never changes it; the chart holds a reference
 * (and through it the run). Hover, tooltip, zoom, PNG/SVG and data export
 * treat every line alike: a faint line is drawn but never hovered. */

#define CVG_TYPE_PLOT_LINE (cvg_plot_line_get_type ())

typedef struct _CvgPlotLine CvgPlotLine;

/* The shape drawn along a line (every 32 px or so) and on its swatch in
 * the tooltip, so that lines of one colour (several tags of one run) can
 * be told apart. */
typedef enum
{
  CVG_MARKER_NONE,
  CVG_MARKER_CIRCLE,
  CVG_MARKER_SQUARE,
  CVG_MARKER_TRIANGLE,
  CVG_MARKER_DIAMOND,
  CVG_MARKER_CROSS,
  CVG_N_MARKERS,
} CvgMarker;

GType        cvg_plot_line_get_type       (void) G_GNUC_CONST;

/* @label (escaped to valid UTF-8 for display) names the line in the
 * tooltip, e.g. "loss (run1)". */
CvgPlotLine *cvg_plot_line_new_series     (const char     *label,
                                           const GdkRGBA  *color,
                                           CvgRun         *run,
                                           const char     *tag);
/* @n points of @xs (on @x_axis: steps, seconds since the line's own
 * start, or seconds since the epoch) and @values, copied. Never smoothed
 * by the chart: the caller smooths what it aggregates. */
CvgPlotLine *cvg_plot_line_new_points     (const char     *label,
                                           const GdkRGBA  *color,
                                           CvgXAxis        x_axis,
                                           gsize           n,
                                           const double   *xs,
                                           const double   *values);
CvgPlotLine *cvg_plot_line_ref            (CvgPlotLine    *self);
void         cvg_plot_line_unref          (CvgPlotLine    *self);

void         cvg_plot_line_set_marker     (CvgPlotLine    *self,
                                           CvgMarker       marker);
/* Drawn thin and translucent behind the other lines, and never hovered:
 * the members behind a group's line. */
void         cvg_plot_line_set_faint      (CvgPlotLine    *self,
                                           gboolean        faint);
/* FALSE: drawn as read even when the chart smooths (margin charts). */
void         cvg_plot_line_set_smoothed   (CvgPlotLine    *self,
                                           gboolean        smoothed);
/* What the tooltip calls the value of a line with a band ("mean",
 * "median"; default "value"). */
void         cvg_plot_line_set_value_name (CvgPlotLine    *self,
                                           const char     *name);
/* A series line: the band runs from @lower_tag's to @upper_tag's values
 * of the same run at each of the line's steps (a gap where either has no
 * point at that step). Also makes the line unsmoothed. */
void         cvg_plot_line_set_band_tags  (CvgPlotLine    *self,
                                           const char     *lower_tag,
                                           const char     *upper_tag);
/* A points line: the band's bounds at each of its points (n each,
 * copied; non-finite: a gap), and, if @counts is not NULL, how many
 * members each point aggregates (the tooltip's n). */
void         cvg_plot_line_set_band       (CvgPlotLine    *self,
                                           const double   *lower,
                                           const double   *upper,
                                           const guint    *counts);

const char  *cvg_plot_line_get_label      (CvgPlotLine    *self);
const GdkRGBA *cvg_plot_line_get_color    (CvgPlotLine    *self);
CvgMarker    cvg_plot_line_get_marker     (CvgPlotLine    *self);
gboolean     cvg_plot_line_get_faint      (CvgPlotLine    *self);
gboolean     cvg_plot_line_get_smoothed   (CvgPlotLine    *self);
const char  *cvg_plot_line_get_value_name (CvgPlotLine    *self);
/* The run and tag of a series line; NULL for a points line. */
CvgRun      *cvg_plot_line_get_run        (CvgPlotLine    *self);
const char  *cvg_plot_line_get_tag        (CvgPlotLine    *self);
const char  *cvg_plot_line_get_lower_tag  (CvgPlotLine    *self);
const char  *cvg_plot_line_get_upper_tag  (CvgPlotLine    *self);
/* A points line's data; *n is 0 for a series line. lower, upper and
 * counts are NULL when not set. */
CvgXAxis     cvg_plot_line_get_points     (CvgPlotLine    *self,
                                           gsize          *n,
                                           const double  **xs,
                                           const double  **values,
                                           const double  **lower,
                                           const double  **upper,
                                           const guint   **counts);
gboolean     cvg_plot_line_has_band       (CvgPlotLine    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgPlotLine, cvg_plot_line_unref)

G_END_DECLS
