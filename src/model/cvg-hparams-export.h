/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cvg-hparams.h"

G_BEGIN_DECLS

/* The hparams table as text, shared by `converge --export hparams` and
 * the page's copy and export. Columns: `run`, each hparam, then each
 * metric's last value, named TAG or GROUP/TAG. CSV follows RFC 4180 like
 * `--export csv`; JSON is a list of `{"run": …, "hparams": {…},
 * "metrics": {…}}` with null where a value is missing; LaTeX a
 * `tabular` with its special characters escaped. */

typedef enum
{
  CVG_HPARAMS_EXPORT_CSV,
  CVG_HPARAMS_EXPORT_JSON,
  CVG_HPARAMS_EXPORT_LATEX,
} CvgHparamsExportFormat;

/* A cell's text: "" when missing; numbers in C locale, shortest form
 * that reads back the same; bools `true` / `false`. */
char *cvg_hparams_format_value  (const CvgHparamValue   *value);
/* A metric column's name: TAG, or GROUP/TAG. */
char *cvg_hparams_metric_title  (const CvgMetricColumn  *metric);

/* One row per run of @runs (CvgRun), or per session when @runs is NULL. */
void  cvg_hparams_export        (CvgHparams             *hparams,
                                 GPtrArray              *runs,
                                 CvgHparamsExportFormat  format,
                                 GString                *out);
/* Whether a metric column goes into the export. */
typedef gboolean (*CvgHparamsMetricFilter) (const CvgMetricColumn *metric,
                                            gpointer               user_data);
/* As cvg_hparams_export(), with only the metrics @keep_metric keeps
 * (every one for NULL). */
void  cvg_hparams_export_filtered (CvgHparams             *hparams,
                                   GPtrArray              *runs,
                                   CvgHparamsMetricFilter  keep_metric,
                                   gpointer                user_data,
                                   CvgHparamsExportFormat  format,
                                   GString                *out);

G_END_DECLS
