/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-pr-curve.h"

G_BEGIN_DECLS

/* One run's curve on a PR chart: the chosen step's curve, and the
 * earlier steps' ones (oldest first) drawn faint when asked. */
typedef struct
{
  char       *run;
  GdkRGBA     color;
  CvgPrCurve *curve;
  GPtrArray  *earlier;   /* CvgPrCurve */
} CvgPrChartLine;

/* Takes @curve. */
CvgPrChartLine *cvg_pr_chart_line_new  (const char     *run,
                                        const char     *color,
                                        CvgPrCurve     *curve);
void            cvg_pr_chart_line_free (CvgPrChartLine *line);

#define CVG_TYPE_PR_CURVE_CHART (cvg_pr_curve_chart_get_type ())

G_DECLARE_FINAL_TYPE (CvgPrCurveChart, cvg_pr_curve_chart, CVG, PR_CURVE_CHART, GtkWidget)

/* Precision (y) against recall (x), both on [−0.05, 1.05] as TensorBoard
 * draws them, one line per run. Hovering marks each run's threshold
 * point nearest the pointer, with a tooltip of its Run, Threshold,
 * Precision, Recall, TP, FP, TN and FN; Left and Right move those points
 * to the next higher or lower threshold (the curve leftwards or
 * rightwards). */
GtkWidget  *cvg_pr_curve_chart_new               (void);
/* @lines: a GPtrArray of CvgPrChartLine, kept. */
void        cvg_pr_curve_chart_set_lines         (CvgPrCurveChart *self,
                                                  GPtrArray       *lines);
void        cvg_pr_curve_chart_set_show_earlier  (CvgPrCurveChart *self,
                                                  gboolean         show_earlier);

/* What the pointer and keys do, callable by tests. */
void        cvg_pr_curve_chart_hover_at          (CvgPrCurveChart *self,
                                                  double           x,
                                                  double           y);
void        cvg_pr_curve_chart_unhover           (CvgPrCurveChart *self);
/* +1: the next higher threshold (Left), −1: the next lower (Right).
 * Without a hover, it starts at the middle of every curve. */
void        cvg_pr_curve_chart_step_hover        (CvgPrCurveChart *self,
                                                  int              delta);
guint       cvg_pr_curve_chart_get_n_lines       (CvgPrCurveChart *self);
const char *cvg_pr_curve_chart_get_run           (CvgPrCurveChart *self,
                                                  guint            index);
/* The hovered column of line @index, or -1. */
int         cvg_pr_curve_chart_get_hover_column  (CvgPrCurveChart *self,
                                                  guint            index);
/* Where column @column of line @index is drawn, in widget coordinates. */
gboolean    cvg_pr_curve_chart_get_point         (CvgPrCurveChart *self,
                                                  guint            index,
                                                  guint            column,
                                                  double          *x,
                                                  double          *y);
/* A header line, then one tab-separated line per run; NULL when not
 * hovering. */
char       *cvg_pr_curve_chart_dup_tooltip_text  (CvgPrCurveChart *self);

G_END_DECLS
