/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-scalar-chart.h"

G_BEGIN_DECLS

#define CVG_TYPE_SCALAR_CARD (cvg_scalar_card_get_type ())

G_DECLARE_FINAL_TYPE (CvgScalarCard, cvg_scalar_card, CVG, SCALAR_CARD, GtkWidget)

/* What "Export data as …" writes. */
typedef enum
{
  CVG_CARD_DATA_CSV,    /* run,tag,step,wall_time,value — as `converge --export` */
  CVG_CARD_DATA_JSON,   /* {"run": {"tag": [[wall_time, step, value], …]}} */
} CvgCardDataFormat;

/* A titled chart of one tag with a menu to export its data or picture. */
GtkWidget      *cvg_scalar_card_new          (void);
/* @runs: a GListModel of CvgRunInfo. */
void            cvg_scalar_card_set_data     (CvgScalarCard     *self,
                                              const char        *tag,
                                              GListModel        *runs);
/* @lines: a GPtrArray of CvgPlotLine, as cvg_scalar_chart_set_lines(). */
void            cvg_scalar_card_set_lines    (CvgScalarCard     *self,
                                              const char        *title,
                                              GPtrArray         *lines);
const char     *cvg_scalar_card_get_tag      (CvgScalarCard     *self);
CvgScalarChart *cvg_scalar_card_get_chart    (CvgScalarCard     *self);
/* The data of the card's visible runs (purged view), as the export
 * actions write it; with set_lines, the series of its (run, tag) lines
 * and their band tags, each run under its name, but as CSV a grouped
 * chart's groups (CVG_SCALAR_EXPORT_GROUP_CSV_HEADER, x on its axis). */
GBytes         *cvg_scalar_card_export_data  (CvgScalarCard     *self,
                                              CvgCardDataFormat  format);

G_END_DECLS
