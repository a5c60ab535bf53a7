/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cvg-types.h"

G_BEGIN_DECLS

/* Scalar series as CSV or JSON, shared by `converge --export` and the
 * scalar card's export. CSV: the header below, then one row per point,
 * `RUN,TAG,STEP,WALL_TIME,VALUE`. JSON: `{"RUN": {"TAG": [[WALL_TIME,
 * STEP, VALUE], ...], ...}, ...}`, one line per point. Numbers use '.'
 * whatever the locale; JSON writes non-finite numbers as the strings
 * "NaN", "Infinity" and "-Infinity", as TensorBoard's own JSON does. */

typedef enum
{
  CVG_SCALAR_EXPORT_CSV,
  CVG_SCALAR_EXPORT_JSON,
} CvgScalarExportFormat;

#define CVG_SCALAR_EXPORT_CSV_HEADER "run,tag,step,wall_time,value\n"

/* Room for any double printed with %.6f (DBL_MAX has 309 digits). */
#define CVG_SCALAR_EXPORT_NUMBER_SIZE 400

/* Write into @buffer (CVG_SCALAR_EXPORT_NUMBER_SIZE bytes) with '.' as
 * decimal point whatever the locale, and `nan`, `inf`, `-inf` for
 * non-finite numbers; they return the length. A value reads back to the
 * same float (%.9g) or double (%.17g); a wall time is printed with %.6f. */
gsize  cvg_scalar_export_format_value       (char       *buffer,
                                             double      value,
                                             gboolean    is_double);
gsize  cvg_scalar_export_format_wall_time   (char       *buffer,
                                             double      wall_time);

/* RFC 4180: @field as is, or quoted (quotes doubled) when it holds a
 * comma, a quote, CR or LF, or starts or ends with a space. */
void   cvg_scalar_export_append_csv_field   (GString    *out,
                                             const char *field);
/* @text as a JSON string: quotes, backslashes and control characters
 * escaped, invalid UTF-8 replaced by U+FFFD. */
void   cvg_scalar_export_append_json_string (GString    *out,
                                             const char *text);

/* The writer: appends to @out, which the caller owns, and calls the
 * flush function (when set) whenever @out has grown past its threshold;
 * the function writes @out somewhere and empties it, or returns FALSE,
 * after which nothing more is written. */
typedef struct _CvgScalarExport CvgScalarExport;

typedef gboolean (*CvgScalarExportFlushFunc) (GString  *out,
                                              gpointer  user_data);

/* Writes the CSV header or the opening brace. */
CvgScalarExport *cvg_scalar_export_new            (CvgScalarExportFormat     format,
                                                   GString                  *out);
void             cvg_scalar_export_set_flush_func (CvgScalarExport          *self,
                                                   gsize                     threshold,
                                                   CvgScalarExportFlushFunc  func,
                                                   gpointer                  user_data);
/* The series added next belong to @run; a run without series is left out. */
void             cvg_scalar_export_begin_run      (CvgScalarExport          *self,
                                                   const char               *run);
/* The purged view of a scalar @series, or every point when @raw. */
void             cvg_scalar_export_add_series     (CvgScalarExport          *self,
                                                   CvgSeries                *series,
                                                   gboolean                  raw);
/* Closes the JSON object; @out then holds the rest of the export. */
void             cvg_scalar_export_finish         (CvgScalarExport          *self);
void             cvg_scalar_export_free           (CvgScalarExport          *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgScalarExport, cvg_scalar_export_free)

/* Groups of runs (cvg-aggregate.h) as CSV, shared by `converge --export
 * csv --group` and a grouped card's export: the header below, then one
 * row per x of a group's line, `GROUP,TAG,STEP,N,VALUE,LOWER,UPPER`
 * (STEP an integer when x is one, else x with %.6f; values with %.17g). */
#define CVG_SCALAR_EXPORT_GROUP_CSV_HEADER "group,tag,step,n,value,lower,upper\n"

void   cvg_scalar_export_append_group_csv   (GString      *out,
                                             const char   *group,
                                             const char   *tag,
                                             gsize         n,
                                             const double *xs,
                                             const double *values,
                                             const double *lower,
                                             const double *upper,
                                             const guint  *counts);

G_END_DECLS
