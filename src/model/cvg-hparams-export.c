/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-hparams-export"

#include "config.h"

#include "cvg-hparams-export.h"

#include <math.h>
#include <stdlib.h>

#include "cvg-run.h"
#include "cvg-scalar-export.h"

typedef struct
{
  CvgRun           *run;
  const CvgSession *session;   /* NULL for a run without one */
} Row;

static char *
format_number (double number)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (number))
    return g_strdup ("nan");
  if (isinf (number))
    return g_strdup (number > 0 ? "inf" : "-inf");
  /* %.15g unless it loses bits: 0.1, not 0.10000000000000001. */
  g_ascii_formatd (buffer, sizeof buffer, "%.15g", number);
  if (g_ascii_strtod (buffer, NULL) != number)
    g_ascii_formatd (buffer, sizeof buffer, "%.17g", number);
  return g_strdup (buffer);
}

char *
cvg_hparams_format_value (const CvgHparamValue *value)
{
  switch (value->type)
    {
    case CVG_HPARAM_NUMBER:
      return format_number (value->number);
    case CVG_HPARAM_BOOL:
      return g_strdup (value->number != 0 ? "true" : "false");
    case CVG_HPARAM_STRING:
    case CVG_HPARAM_OTHER:
      return g_strdup (value->string);
    case CVG_HPARAM_NONE:
    default:
      return g_strdup ("");
    }
}

char *
cvg_hparams_metric_title (const CvgMetricColumn *metric)
{
  if (metric->group[0] == '\0')
    return g_strdup (metric->tag);
  return g_strconcat (metric->group, "/", metric->tag, NULL);
}

static char *
format_metric (const CvgMetricValue *value)
{
  char buffer[CVG_SCALAR_EXPORT_NUMBER_SIZE];

  if (!value->found)
    return g_strdup ("");
  cvg_scalar_export_format_value (buffer, value->value, value->is_double);
  return g_strdup (buffer);
}

/* Every cell of a row as text, run first. */
static GPtrArray *
row_cells (CvgHparams     *hparams,
           const gboolean *keep,
           const Row      *row)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  guint n_columns = cvg_hparams_get_n_columns (hparams);
  CvgHparamValue none = { CVG_HPARAM_NONE, 0, NULL };

  g_ptr_array_add (cells, g_strdup (cvg_run_get_name (row->run)));
  for (guint c = 0; c < n_columns; c++)
    g_ptr_array_add (cells, cvg_hparams_format_value (row->session != NULL ? &row->session->values[c] : &none));
  for (guint m = 0; m < cvg_hparams_get_n_metrics (hparams); m++)
    {
      CvgMetricValue value;

      if (!keep[m])
        continue;
      value = cvg_hparams_get_run_metric (hparams, row->run, m);
      g_ptr_array_add (cells, format_metric (&value));
    }
  return cells;
}

static GPtrArray *
header_cells (CvgHparams     *hparams,
              const gboolean *keep)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (cells, g_strdup ("run"));
  for (guint c = 0; c < cvg_hparams_get_n_columns (hparams); c++)
    g_ptr_array_add (cells, g_strdup (cvg_hparams_get_column (hparams, c)->name));
  for (guint m = 0; m < cvg_hparams_get_n_metrics (hparams); m++)
    if (keep[m])
      g_ptr_array_add (cells, cvg_hparams_metric_title (cvg_hparams_get_metric (hparams, m)));
  return cells;
}

static void
append_csv_line (GString   *out,
                 GPtrArray *cells)
{
  for (guint i = 0; i < cells->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      cvg_scalar_export_append_csv_field (out, g_ptr_array_index (cells, i));
    }
  g_string_append_c (out, '\n');
}

static void
append_latex_text (GString    *out,
                   const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '\\': g_string_append (out, "\\textbackslash{}"); break;
      case '~': g_string_append (out, "\\textasciitilde{}"); break;
      case '^': g_string_append (out, "\\textasciicircum{}"); break;
      case '&': case '%': case '$': case '#': case '_': case '{': case '}':
        g_string_append_c (out, '\\');
        g_string_append_c (out, *p);
        break;
      default:
        g_string_append_c (out, *p);
      }
}

static void
append_latex_line (GString   *out,
                   GPtrArray *cells)
{
  for (guint i = 0; i < cells->len; i++)
    {
      if (i > 0)
        g_string_append (out, " & ");
      append_latex_text (out, g_ptr_array_index (cells, i));
    }
  g_string_append (out, " \\\\\n");
}

static void
append_json_number (GString *out,
                    double   number,
                    gboolean is_double)
{
  char buffer[CVG_SCALAR_EXPORT_NUMBER_SIZE];

  if (isnan (number))
    g_string_append (out, "\"NaN\"");
  else if (isinf (number))
    g_string_append (out, number > 0 ? "\"Infinity\"" : "\"-Infinity\"");
  else
    {
      cvg_scalar_export_format_value (buffer, number, is_double);
      g_string_append (out, buffer);
    }
}

static void
append_json_value (GString              *out,
                   const CvgHparamValue *value)
{
  g_autofree char *text = NULL;

  switch (value->type)
    {
    case CVG_HPARAM_NUMBER:
      if (isfinite (value->number))
        {
          text = format_number (value->number);
          g_string_append (out, text);
        }
      else
        append_json_number (out, value->number, TRUE);
      break;
    case CVG_HPARAM_BOOL:
      g_string_append (out, value->number != 0 ? "true" : "false");
      break;
    case CVG_HPARAM_STRING:
    case CVG_HPARAM_OTHER:
      cvg_scalar_export_append_json_string (out, value->string);
      break;
    case CVG_HPARAM_NONE:
    default:
      g_string_append (out, "null");
      break;
    }
}

static void
append_json_row (GString        *out,
                 CvgHparams     *hparams,
                 const gboolean *keep,
                 const Row      *row)
{
  gboolean first = TRUE;

  g_string_append (out, "{\"run\": ");
  cvg_scalar_export_append_json_string (out, cvg_run_get_name (row->run));
  g_string_append (out, ", \"hparams\": {");
  for (guint c = 0; row->session != NULL && c < cvg_hparams_get_n_columns (hparams); c++)
    {
      if (c > 0)
        g_string_append (out, ", ");
      cvg_scalar_export_append_json_string (out, cvg_hparams_get_column (hparams, c)->name);
      g_string_append (out, ": ");
      append_json_value (out, &row->session->values[c]);
    }
  g_string_append (out, "}, \"metrics\": {");
  for (guint m = 0; m < cvg_hparams_get_n_metrics (hparams); m++)
    {
      g_autofree char *title = NULL;
      CvgMetricValue value;

      if (!keep[m])
        continue;
      title = cvg_hparams_metric_title (cvg_hparams_get_metric (hparams, m));
      value = cvg_hparams_get_run_metric (hparams, row->run, m);
      if (!first)
        g_string_append (out, ", ");
      first = FALSE;
      cvg_scalar_export_append_json_string (out, title);
      g_string_append (out, ": ");
      if (value.found)
        append_json_number (out, value.value, value.is_double);
      else
        g_string_append (out, "null");
    }
  g_string_append (out, "}}");
}

static GArray *
collect_rows (CvgHparams *hparams,
              GPtrArray  *runs)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (Row));

  if (runs == NULL)
    for (guint s = 0; s < cvg_hparams_get_n_sessions (hparams); s++)
      {
        const CvgSession *session = cvg_hparams_get_session (hparams, s);
        Row row = { session->run, session };

        g_array_append_val (rows, row);
      }
  else
    for (guint i = 0; i < runs->len; i++)
      {
        Row row = { g_ptr_array_index (runs, i), NULL };

        row.session = cvg_hparams_lookup_session (hparams, row.run);
        g_array_append_val (rows, row);
      }
  return rows;
}

static void
export_json (CvgHparams     *hparams,
             const gboolean *keep,
             GArray         *rows,
             GString        *out)
{
  g_string_append_c (out, '[');
  for (guint r = 0; r < rows->len; r++)
    {
      g_string_append (out, r > 0 ? ",\n " : "\n ");
      append_json_row (out, hparams, keep, &g_array_index (rows, Row, r));
    }
  g_string_append (out, "\n]\n");
}

void
cvg_hparams_export (CvgHparams             *hparams,
                    GPtrArray              *runs,
                    CvgHparamsExportFormat  format,
                    GString                *out)
{
  cvg_hparams_export_filtered (hparams, runs, NULL, NULL, format, out);
}

void
cvg_hparams_export_filtered (CvgHparams             *hparams,
                             GPtrArray              *runs,
                             CvgHparamsMetricFilter  keep_metric,
                             gpointer                user_data,
                             CvgHparamsExportFormat  format,
                             GString                *out)
{
  g_autoptr(GArray) rows = collect_rows (hparams, runs);
  g_autoptr(GPtrArray) header = NULL;
  guint n_metrics = cvg_hparams_get_n_metrics (hparams);
  g_autofree gboolean *keep = g_new (gboolean, n_metrics + 1);
  void (*append_line) (GString *, GPtrArray *) = format == CVG_HPARAMS_EXPORT_CSV ? append_csv_line : append_latex_line;

  for (guint m = 0; m < n_metrics; m++)
    keep[m] = keep_metric == NULL || keep_metric (cvg_hparams_get_metric (hparams, m), user_data);
  if (format == CVG_HPARAMS_EXPORT_JSON)
    {
      export_json (hparams, keep, rows, out);
      return;
    }

  header = header_cells (hparams, keep);
  if (format == CVG_HPARAMS_EXPORT_LATEX)
    {
      g_string_append (out, "\\begin{tabular}{");
      for (guint i = 0; i < header->len; i++)
        g_string_append_c (out, i == 0 ? 'l' : 'r');
      g_string_append (out, "}\n\\hline\n");
    }
  append_line (out, header);
  if (format == CVG_HPARAMS_EXPORT_LATEX)
    g_string_append (out, "\\hline\n");
  for (guint r = 0; r < rows->len; r++)
    {
      g_autoptr(GPtrArray) cells = row_cells (hparams, keep, &g_array_index (rows, Row, r));

      append_line (out, cells);
    }
  if (format == CVG_HPARAMS_EXPORT_LATEX)
    g_string_append (out, "\\hline\n\\end{tabular}\n");
}
