/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-scalar-export"

#include "config.h"

#include "cvg-scalar-export.h"

#include <math.h>
#include <string.h>

#include "cvg-scalar-store.h"
#include "cvg-series.h"

/* Points copied out of a store at a time. */
#define CHUNK_POINTS 4096
/* Room for a step (20 digits and a sign), two numbers and punctuation. */
#define ROW_SIZE (32 + 2 * CVG_SCALAR_EXPORT_NUMBER_SIZE + 32)

struct _CvgScalarExport
{
  CvgScalarExportFormat     format;
  GString                  *out;
  gsize                     threshold;
  CvgScalarExportFlushFunc  flush_func;
  gpointer                  flush_data;
  gboolean                  failed;

  char                     *run;
  GString                  *row_prefix;   /* CSV: `RUN,TAG,` */
  gboolean                  run_open;     /* JSON: the run's object is written */
  gboolean                  any_run;      /* JSON: some run was written */
  gboolean                  first_series; /* JSON: in the open run */

  gint64                    steps[CHUNK_POINTS];
  double                    wall_times[CHUNK_POINTS];
  double                    values[CHUNK_POINTS];
};

/* @number into @buffer (CVG_SCALAR_EXPORT_NUMBER_SIZE bytes); in JSON a
 * non-finite number is a string. Returns the length. */
static inline gsize
format_number (char       *buffer,
               const char *format,
               double      number,
               gboolean    json)
{
  const char *word = NULL;
  gsize len;

  if (G_LIKELY (isfinite (number)))
    {
      g_ascii_formatd (buffer, CVG_SCALAR_EXPORT_NUMBER_SIZE, format, number);
      return strlen (buffer);
    }

  if (isnan (number))
    word = json ? "\"NaN\"" : "nan";
  else if (number > 0)
    word = json ? "\"Infinity\"" : "inf";
  else
    word = json ? "\"-Infinity\"" : "-inf";
  len = strlen (word);
  memcpy (buffer, word, len + 1);
  return len;
}

/* @step in decimal into @buffer (at least 21 bytes), unterminated. */
static inline gsize
format_step (char   *buffer,
             gint64  step)
{
  char digits[20];
  guint64 magnitude = step < 0 ? -(guint64) step : (guint64) step;
  gsize n = 0;
  gsize len = 0;

  do
    {
      digits[n++] = '0' + magnitude % 10;
      magnitude /= 10;
    }
  while (magnitude != 0);

  if (step < 0)
    buffer[len++] = '-';
  while (n > 0)
    buffer[len++] = digits[--n];
  return len;
}

gsize
cvg_scalar_export_format_value (char     *buffer,
                                double    value,
                                gboolean  is_double)
{
  return format_number (buffer, is_double ? "%.17g" : "%.9g", value, FALSE);
}

gsize
cvg_scalar_export_format_wall_time (char   *buffer,
                                    double  wall_time)
{
  return format_number (buffer, "%.6f", wall_time, FALSE);
}

void
cvg_scalar_export_append_csv_field (GString    *out,
                                    const char *field)
{
  gsize len = strlen (field);

  /* Quoted also when it starts or ends with a space, which lax readers trim. */
  if (strpbrk (field, ",\"\r\n") == NULL &&
      (len == 0 || (field[0] != ' ' && field[len - 1] != ' ')))
    {
      g_string_append_len (out, field, len);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
cvg_scalar_export_append_json_string (GString    *out,
                                      const char *text)
{
  g_autofree char *valid = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

CvgScalarExport *
cvg_scalar_export_new (CvgScalarExportFormat  format,
                       GString               *out)
{
  CvgScalarExport *self;

  g_return_val_if_fail (out != NULL, NULL);

  self = g_new0 (CvgScalarExport, 1);
  self->format = format;
  self->out = out;
  self->row_prefix = g_string_new (NULL);

  if (format == CVG_SCALAR_EXPORT_CSV)
    g_string_append (out, CVG_SCALAR_EXPORT_CSV_HEADER);
  else
    g_string_append_c (out, '{');
  return self;
}

void
cvg_scalar_export_free (CvgScalarExport *self)
{
  g_free (self->run);
  g_string_free (self->row_prefix, TRUE);
  g_free (self);
}

void
cvg_scalar_export_set_flush_func (CvgScalarExport          *self,
                                  gsize                     threshold,
                                  CvgScalarExportFlushFunc  func,
                                  gpointer                  user_data)
{
  self->threshold = threshold;
  self->flush_func = func;
  self->flush_data = user_data;
}

static void
close_run (CvgScalarExport *self)
{
  if (self->run_open)
    g_string_append (self->out, "\n  }");
  self->run_open = FALSE;
}

void
cvg_scalar_export_begin_run (CvgScalarExport *self,
                             const char      *run)
{
  g_return_if_fail (run != NULL);

  if (self->format == CVG_SCALAR_EXPORT_JSON)
    close_run (self);
  g_free (self->run);
  self->run = g_strdup (run);
}

static void
write_points_csv (CvgScalarExport *self,
                  gsize            n,
                  gboolean         is_double)
{
  const char *value_format = is_double ? "%.17g" : "%.9g";
  char row[ROW_SIZE];

  for (gsize j = 0; j < n; j++)
    {
      gsize len = format_step (row, self->steps[j]);

      row[len++] = ',';
      len += format_number (row + len, "%.6f", self->wall_times[j], FALSE);
      row[len++] = ',';
      len += format_number (row + len, value_format, self->values[j], FALSE);
      row[len++] = '\n';
      g_string_append_len (self->out, self->row_prefix->str, self->row_prefix->len);
      g_string_append_len (self->out, row, len);
    }
}

static void
write_points_json (CvgScalarExport *self,
                   gsize            n,
                   gboolean         is_double,
                   gboolean         first)
{
  static const char separator[] = ",\n      [";
  const char *value_format = is_double ? "%.17g" : "%.9g";
  char row[ROW_SIZE];

  for (gsize j = 0; j < n; j++)
    {
      gsize len = sizeof separator - 1;

      memcpy (row, separator, len);
      len += format_number (row + len, "%.6f", self->wall_times[j], TRUE);
      row[len++] = ',';
      row[len++] = ' ';
      len += format_step (row + len, self->steps[j]);
      row[len++] = ',';
      row[len++] = ' ';
      len += format_number (row + len, value_format, self->values[j], TRUE);
      row[len++] = ']';
      /* The first point of the series has no comma before it. */
      if (first && j == 0)
        g_string_append_len (self->out, row + 1, len - 1);
      else
        g_string_append_len (self->out, row, len);
    }
}

/* The points, copied out of the store a run of consecutive indices at a
 * time; returns how many were written. */
static gsize
write_points (CvgScalarExport *self,
              CvgSeries       *series,
              gboolean         raw)
{
  CvgScalarStore *store = cvg_series_get_scalars (series);
  gboolean is_double = cvg_series_is_double (series);
  g_autoptr(GArray) kept = NULL;
  const guint *indices = NULL;
  gsize n = cvg_series_get_length (series);
  gsize written = 0;

  if (!raw)
    {
      kept = cvg_series_get_purged_indices (series);
      if (kept->len == 0)
        return 0;
      indices = &g_array_index (kept, guint, 0);
      n = kept->len;
    }

  for (gsize i = 0; i < n && !self->failed;)
    {
      gsize start = indices != NULL ? indices[i] : i;
      gsize len = 1;

      while (i + len < n && len < CHUNK_POINTS &&
             (indices == NULL || indices[i + len] == start + len))
        len++;

      cvg_scalar_store_copy (store, start, len, self->steps, self->wall_times, self->values);
      if (self->format == CVG_SCALAR_EXPORT_CSV)
        write_points_csv (self, len, is_double);
      else
        write_points_json (self, len, is_double, written == 0);
      written += len;
      i += len;

      if (self->flush_func != NULL && self->out->len >= self->threshold &&
          !self->flush_func (self->out, self->flush_data))
        self->failed = TRUE;
    }
  return written;
}

void
cvg_scalar_export_add_series (CvgScalarExport *self,
                              CvgSeries       *series,
                              gboolean         raw)
{
  const char *tag;

  g_return_if_fail (self->run != NULL);
  g_return_if_fail (cvg_series_get_kind (series) == CVG_KIND_SCALAR);

  if (self->failed)
    return;

  /* Names are kept escaped to valid UTF-8 (cvg-utf8.h) as they are read. */
  tag = cvg_series_get_tag (series);
  if (self->format == CVG_SCALAR_EXPORT_CSV)
    {
      g_string_truncate (self->row_prefix, 0);
      cvg_scalar_export_append_csv_field (self->row_prefix, self->run);
      g_string_append_c (self->row_prefix, ',');
      cvg_scalar_export_append_csv_field (self->row_prefix, tag);
      g_string_append_c (self->row_prefix, ',');
      write_points (self, series, raw);
      return;
    }

  if (!self->run_open)
    {
      g_string_append (self->out, self->any_run ? ",\n  " : "\n  ");
      cvg_scalar_export_append_json_string (self->out, self->run);
      g_string_append (self->out, ": {");
      self->run_open = TRUE;
      self->any_run = TRUE;
      self->first_series = TRUE;
    }
  g_string_append (self->out, self->first_series ? "\n    " : ",\n    ");
  self->first_series = FALSE;
  cvg_scalar_export_append_json_string (self->out, tag);
  g_string_append (self->out, ": [");
  g_string_append (self->out, write_points (self, series, raw) == 0 ? "]" : "\n    ]");
}

void
cvg_scalar_export_finish (CvgScalarExport *self)
{
  if (self->format != CVG_SCALAR_EXPORT_JSON)
    return;

  close_run (self);
  g_string_append (self->out, self->any_run ? "\n}\n" : "}\n");
}

void
cvg_scalar_export_append_group_csv (GString      *out,
                                    const char   *group,
                                    const char   *tag,
                                    gsize         n,
                                    const double *xs,
                                    const double *values,
                                    const double *lower,
                                    const double *upper,
                                    const guint  *counts)
{
  g_autoptr(GString) prefix = g_string_new (NULL);
  char row[ROW_SIZE + 2 * CVG_SCALAR_EXPORT_NUMBER_SIZE];

  cvg_scalar_export_append_csv_field (prefix, group);
  g_string_append_c (prefix, ',');
  cvg_scalar_export_append_csv_field (prefix, tag);
  g_string_append_c (prefix, ',');
  for (gsize i = 0; i < n; i++)
    {
      const double numbers[] = { values[i], lower[i], upper[i] };
      gsize len;

      /* Steps come as doubles; exact below 2^53. */
      if (xs[i] == floor (xs[i]) && fabs (xs[i]) < 9007199254740992.0)
        len = format_step (row, (gint64) xs[i]);
      else
        len = format_number (row, "%.6f", xs[i], FALSE);
      row[len++] = ',';
      len += format_step (row + len, counts[i]);
      for (guint k = 0; k < G_N_ELEMENTS (numbers); k++)
        {
          row[len++] = ',';
          len += format_number (row + len, "%.17g", numbers[k], FALSE);
        }
      row[len++] = '\n';
      g_string_append_len (out, prefix->str, prefix->len);
      g_string_append_len (out, row, len);
    }
}
