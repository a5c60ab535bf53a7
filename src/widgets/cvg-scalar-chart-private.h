/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <math.h>
#include <gtk/gtk.h>
#include <pango/pango.h>

#include "cvg-chart-math.h"
#include "cvg-plot-line.h"
#include "cvg-smoother.h"
#include "cvg-types.h"

G_BEGIN_DECLS

/* The scalar chart without a widget: data, projection, drawing and hover
 * on a plain cairo_t, so that PNG/SVG export and the offscreen benchmark
 * run the same code as the screen. Main thread only. */

/* A maximal run [start, end) of consecutive points with finite x that
 * never decreases: the passes of a restarted run are separate pieces,
 * and only a piece is ever binary searched. */
typedef struct
{
  gsize start, end;
} CvgChartPiece;

typedef struct
{
  char      *name;         /* valid UTF-8 for display */
  CvgSeries *series;       /* borrowed: the run that owns it outlives the chart */
  GdkRGBA    color;
  gboolean   visible;
  gboolean   emphasized;

  /* What cvg_scalar_chart_set_lines() gave (NULL on the Scalars page):
   * for a points line @series is NULL and the points come from it. */
  CvgPlotLine *source;
  gboolean   smooth;       /* FALSE: @smoothed is a copy of @values */
  gboolean   faint;        /* drawn behind, never hovered */
  CvgMarker  marker;
  gboolean   off_axis;     /* a points line on another x axis: not drawn */
  gboolean   borrowed;     /* wall_times, values and band are the source's */

  /* The purged view, copied once (on first use), so that a zoom or
   * resize never goes back to the store. */
  gboolean   loaded;
  gboolean   is_double;
  gsize      n;
  gint64    *steps;
  double    *wall_times;
  double    *values;
  double    *xs;           /* per x_axis (log10 with log_x), in read order */
  double    *lower;        /* the band's bounds at each point, or NULL */
  double    *upper;
  guint     *counts;       /* members behind each point, or NULL */
  int        xs_axis;      /* the CvgXAxis of @xs, -1 when not computed */
  gboolean   xs_log;       /* whether @xs are log10 */
  GArray    *pieces;       /* CvgChartPiece, with @xs */
  double    *smoothed;
  double     smoothed_weight;  /* NAN when @smoothed is stale */
  CvgSmoother smoothed_by;

  /* Per-column min/max in O(log n) for lines in x order: over @values
   * (once per load) and @smoothed (once per smoothing); NULL until built. */
  CvgMinMaxPyramid *values_pyramid;
  CvgMinMaxPyramid *smoothed_pyramid;   /* NULL for a line never smoothed */

  gsize      hover_index;
} CvgChartLine;

typedef struct
{
  GPtrArray *lines;        /* CvgChartLine */
  double     smoothing;
  CvgSmoother smoother;
  CvgXAxis   x_axis;
  gboolean   log_x;        /* on Step and Relative; Wall stays linear */
  gboolean   log_scale;
  gboolean   ignore_outliers;
  GdkRGBA    fg;           /* text, axes and grid derive from it */
  GdkRGBA    bg;           /* behind the tooltip */

  /* The extent of the visible data (y in axis space: log10 on a log
   * scale), valid until data, smoothing, axis or scale change. */
  gboolean   extent_valid;
  gboolean   has_extent;
  double     data_x0, data_x1, data_y0, data_y1;

  /* Zoom, in axis space. */
  gboolean   zoomed;
  double     view_x0, view_x1, view_y0, view_y1;

  /* Layout of the last draw: pixels of the plot and the ranges shown. */
  gboolean   laid_out;
  double     width, height;
  double     plot_x, plot_y, plot_w, plot_h;
  double     x0, x1, y0, y1;

  /* Hover: the points under the pointer, nearest first. */
  gboolean   hovering;
  double     hover_x;      /* axis space, the crosshair */
  double     pointer_x, pointer_y;
  GArray    *hover_order;  /* guint line indices */

  /* Scratch buffers for projection and decimation, reused. */
  double    *px, *py, *dx, *dy;
  GArray    *kept;         /* gsize indices kept by cvg_decimate_sorted () */
  GArray    *markers;      /* double x, y pairs: points drawn alone */
} CvgChartModel;

CvgChartModel *cvg_chart_model_new              (void);
void           cvg_chart_model_free             (CvgChartModel  *self);

/* Lines keep @series borrowed; set their colour/visible/emphasized
 * fields directly, then call cvg_chart_model_invalidate_extent() when
 * visibility changed. */
CvgChartLine  *cvg_chart_model_add_line         (CvgChartModel  *self,
                                                 const char     *name,
                                                 CvgSeries      *series);
/* A line as cvg_scalar_chart_set_lines() takes it; holds a reference. */
CvgChartLine  *cvg_chart_model_add_plot_line    (CvgChartModel  *self,
                                                 CvgPlotLine    *source);
/* Replaces every line with @sources (CvgPlotLine), keeping what old
 * lines of the same (run, tags, smoothing) loaded: regrouping or hiding
 * one member does not copy and smooth the others again. */
void           cvg_chart_model_set_plot_lines   (CvgChartModel  *self,
                                                 GPtrArray      *sources);
void           cvg_chart_model_clear_lines      (CvgChartModel  *self);
void           cvg_chart_model_invalidate_extent (CvgChartModel *self);
/* Drops cached copies whose series grew, so the next draw re-reads them. */
gboolean       cvg_chart_model_reload_grown     (CvgChartModel  *self);
guint          cvg_chart_model_get_n_visible    (CvgChartModel  *self);
/* Loads the line's purged view if not yet done. */
void           cvg_chart_line_load              (CvgChartLine   *line);

/* The static part: grid, axes, every visible line. @layout is any
 * PangoLayout made for the target (its font is used for labels). */
void           cvg_chart_model_draw             (CvgChartModel  *self,
                                                 cairo_t        *cr,
                                                 PangoLayout    *layout,
                                                 double          width,
                                                 double          height);
/* The dynamic part: crosshair, dots and tooltip; nothing if not hovering. */
void           cvg_chart_model_draw_hover       (CvgChartModel  *self,
                                                 cairo_t        *cr,
                                                 PangoLayout    *layout);

/* Hover at a pixel of the last draw. TRUE when the hovered points or
 * their order changed, i.e. when a redraw is due. */
gboolean       cvg_chart_model_hover            (CvgChartModel  *self,
                                                 double          px,
                                                 double          py);
gboolean       cvg_chart_model_unhover          (CvgChartModel  *self);
/* Moves the hover to the previous (-1) or next (+1) x of any visible line. */
gboolean       cvg_chart_model_step_hover       (CvgChartModel  *self,
                                                 int             direction);
/* One line per hovered run, nearest first; NULL when not hovering. */
char          *cvg_chart_model_dup_tooltip_text (CvgChartModel  *self);

/* Zoom and pan in pixels of the last draw; TRUE when the view changed. */
gboolean       cvg_chart_model_zoom_box         (CvgChartModel  *self,
                                                 double          px0,
                                                 double          py0,
                                                 double          px1,
                                                 double          py1);
gboolean       cvg_chart_model_zoom_at          (CvgChartModel  *self,
                                                 double          px,
                                                 double          py,
                                                 double          factor);
gboolean       cvg_chart_model_pan              (CvgChartModel  *self,
                                                 double          dx,
                                                 double          dy);
gboolean       cvg_chart_model_reset_zoom       (CvgChartModel  *self);

/* Between the pieces of the chart: cvg-scalar-chart-view.c (data, extent,
 * zoom and projection), -axes.c (grid, ticks and labels), -lines.c
 * (stroking and markers) and -hover.c (hover, tooltip, stepping). */

/* Points projected and decimated at a time: bounds the scratch memory
 * whatever the series length. A column split between two chunks keeps up
 * to four extra points, which draws the same. */
#define CVG_CHART_CHUNK 65536

static inline gboolean
cvg_chart_line_is_drawn (const CvgChartLine *line)
{
  return line->visible && line->n > 0 && !line->off_axis;
}

/* Drawn and under the pointer's reach: faint lines never are. */
static inline gboolean
cvg_chart_line_is_hoverable (const CvgChartLine *line)
{
  return cvg_chart_line_is_drawn (line) && !line->faint;
}

/* The pyramid over @smoothed: the values' one when they are the same. */
static inline const CvgMinMaxPyramid *
cvg_chart_line_smoothed_pyramid (const CvgChartLine *line)
{
  return line->smooth ? line->smoothed_pyramid : line->values_pyramid;
}

/* Whether x is drawn in log10: x <= 0 (step 0) then has no place. */
static inline gboolean
cvg_chart_model_log_x (const CvgChartModel *self)
{
  return self->log_x && self->x_axis != CVG_X_AXIS_WALL;
}

/* @y in axis space: log10 on a log scale, where y <= 0 has no place. */
static inline double
cvg_chart_model_axis_y (const CvgChartModel *self,
                        double               y)
{
  if (!self->log_scale)
    return y;
  return y > 0 ? log10 (y) : NAN;
}

/* Axis space to pixels of the last draw. */
static inline double
cvg_chart_model_project_x (const CvgChartModel *self,
                           double               x)
{
  return self->plot_x + (x - self->x0) * self->plot_w / (self->x1 - self->x0);
}

static inline double
cvg_chart_model_project_y (const CvgChartModel *self,
                           double               y)
{
  return self->plot_y + self->plot_h - (y - self->y0) * self->plot_h / (self->y1 - self->y0);
}

/* First index whose x is >= @x (@strict: > @x); @xs sorted (a piece). */
gsize          cvg_chart_lower_bound            (const double   *xs,
                                                 gsize           n,
                                                 double          x,
                                                 gboolean        strict);
/* Zooms to the given ranges in axis space; FALSE when they are empty. */
gboolean       cvg_chart_model_set_view         (CvgChartModel  *self,
                                                 double          x0,
                                                 double          x1,
                                                 double          y0,
                                                 double          y1);
/* Lays out the plot (its margins fit the labels), then draws the grid,
 * the ticks and their labels. */
void           cvg_chart_model_draw_axes        (CvgChartModel  *self,
                                                 cairo_t        *cr,
                                                 PangoLayout    *layout);
/* Raw faint under smoothed solid, each piece of each visible line. */
void           cvg_chart_model_draw_lines       (CvgChartModel  *self,
                                                 cairo_t        *cr);

G_END_DECLS
