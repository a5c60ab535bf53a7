/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-inspect"

#include "config.h"

#include "cvg-cli.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "cvg-logdir.h"
#include "cvg-problem.h"
#include "cvg-problem-text.h"
#include "cvg-run.h"
#include "cvg-scalar-export.h"
#include "cvg-series.h"
#include "cvg-utf8.h"

#define TEXT_PREVIEW_CHARS 40

enum
{
  COLUMN_TAG,
  COLUMN_KIND,
  COLUMN_ENCODING,
  COLUMN_POINTS,
  COLUMN_STEPS,
  COLUMN_LAST,
  N_COLUMNS
};

typedef struct
{
  char *cells[N_COLUMNS];
} Row;

static void
row_free (Row *row)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    g_free (row->cells[i]);
  g_free (row);
}

/* Valid UTF-8 @text on one line: control characters escaped. */
static char *
printable (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p == '\t')
        g_string_append (out, "\\t");
      else if (*p < 0x20 || *p == 0x7f)
        g_string_append_printf (out, "\\x%02x", *p);
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Bytes from a log or a path, escaped as names are (cvg-utf8.h), on one
 * line. */
static char *
printable_bytes (const char *text,
                 gsize       len)
{
  g_autofree char *valid = cvg_utf8_escape (text, len);

  return printable (valid);
}

/* Terminal columns taken by valid UTF-8 @text. */
static guint
display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iswide (c))
        width += 2;
      else if (!g_unichar_iszerowidth (c))
        width += 1;
    }
  return width;
}

/* @format comes from ngettext() and holds one %s, for @n. */
static char *
format_count (const char *format,
              guint64     n)
{
  char number[32];

  g_snprintf (number, sizeof number, "%" G_GUINT64_FORMAT, n);
  return g_strdup_printf (format, number);
}

static char *
format_shape (const CvgTensorValue *tensor)
{
  GString *shape;

  if (tensor->rank == 0)
    return g_strdup (_("scalar"));

  shape = g_string_new (NULL);
  for (guint i = 0; i < tensor->rank; i++)
    g_string_append_printf (shape, i == 0 ? "%" G_GINT64_FORMAT : "x%" G_GINT64_FORMAT,
                            tensor->dims[i]);
  return g_string_free (shape, FALSE);
}

static char *
describe_session_log (const CvgTensorValue *tensor)
{
  int status = tensor->n_elements > 0 && tensor->numbers != NULL ? (int) tensor->numbers[0] : 0;

  switch (status)
    {
    case 1: return g_strdup ("START");
    case 2: return g_strdup ("STOP");
    case 3: return g_strdup ("CHECKPOINT");
    default: return g_strdup_printf (_("status %d"), status);
    }
}

/* An image tensor is [width, height, encoded...] as decimal strings. */
static char *
describe_image (const CvgTensorValue *tensor)
{
  const CvgSpan *strings = tensor->strings;
  g_autofree char *width = printable_bytes ((const char *) strings[0].data, strings[0].len);
  g_autofree char *height = printable_bytes ((const char *) strings[1].data, strings[1].len);

  return g_strdup_printf ("%sx%s", width, height);
}

static char *
describe_text (const CvgTensorValue *tensor)
{
  const CvgSpan *first = &tensor->strings[0];
  g_autofree char *text = printable_bytes ((const char *) first->data, first->len);
  const char *cut = g_utf8_offset_to_pointer (text, MIN (g_utf8_strlen (text, -1), TEXT_PREVIEW_CHARS));

  return g_strdup_printf ("\"%.*s\"%s", (int) (cut - text), text, *cut != '\0' ? "…" : "");
}

/* What the last point of a non-scalar series holds, in a few words. */
static char *
describe_tensor (CvgSeries            *series,
                 const CvgTensorValue *tensor)
{
  CvgKind kind = cvg_series_get_kind (series);
  gboolean is_string = tensor->dtype == CVG_DT_STRING && tensor->strings != NULL;
  const CvgSpan *strings = tensor->strings;
  g_autofree char *shape = NULL;

  if (kind == CVG_KIND_HISTOGRAM && tensor->rank == 2 && tensor->dims[1] == 3)
    return format_count (ngettext ("%s bucket", "%s buckets", tensor->dims[0]), tensor->dims[0]);
  if (kind == CVG_KIND_IMAGE && is_string && tensor->rank == 1 && tensor->n_elements >= 3)
    return describe_image (tensor);
  if (kind == CVG_KIND_TEXT && is_string && tensor->n_elements >= 1)
    return describe_text (tensor);
  if (kind == CVG_KIND_SESSION_LOG)
    return describe_session_log (tensor);
  if (is_string && tensor->rank == 0)
    return format_count (ngettext ("%s byte", "%s bytes", strings[0].len), strings[0].len);

  shape = format_shape (tensor);
  return g_strdup_printf ("%s %s", cvg_data_type_name (tensor->dtype), shape);
}

static char *
describe_last (CvgSeries *series,
               gsize      index)
{
  char number[CVG_SCALAR_EXPORT_NUMBER_SIZE];
  const char *plugin = cvg_series_get_plugin_name (series);
  g_autofree char *description = NULL;

  if (cvg_series_get_kind (series) == CVG_KIND_SCALAR)
    {
      cvg_scalar_export_format_value (number, cvg_series_get_value (series, index), cvg_series_is_double (series));
      return g_strdup (number);
    }

  description = describe_tensor (series, cvg_series_get_tensor (series, index));
  if (cvg_series_get_kind (series) == CVG_KIND_BLOB && plugin != NULL)
    {
      g_autofree char *plugin_name = printable (plugin);

      return g_strdup_printf (_("plugin %s, %s"), plugin_name, description);
    }
  return g_steal_pointer (&description);
}

static char *
display_tag (CvgSeries *series)
{
  const char *tag = cvg_series_get_tag (series);

  if (*tag == '\0')
    return g_strdup_printf ("<%s>", cvg_kind_to_string (cvg_series_get_kind (series)));
  return printable (tag);
}

/* min..max of the steps (a run written twice, the second pass shorter,
 * ends before its maximum), and how many passes when steps go back. */
static char *
describe_steps (CvgSeries *series,
                GArray    *kept,
                gsize      n)
{
  gint64 min = G_MAXINT64, max = G_MININT64, previous = G_MININT64;
  guint64 passes = 1;
  g_autofree char *range = NULL;
  g_autofree char *count = NULL;

  for (gsize i = 0; i < n; i++)
    {
      gint64 step = cvg_series_get_step (series, kept != NULL ? g_array_index (kept, guint, i) : i);

      min = MIN (min, step);
      max = MAX (max, step);
      passes += step < previous;
      previous = step;
    }
  if (min == max)
    range = g_strdup_printf ("%" G_GINT64_FORMAT, min);
  else
    range = g_strdup_printf ("%" G_GINT64_FORMAT "..%" G_GINT64_FORMAT, min, max);
  if (passes == 1)
    return g_steal_pointer (&range);
  count = format_count (ngettext ("%s pass", "%s passes", passes), passes);
  return g_strdup_printf ("%s (%s)", range, count);
}

static Row *
row_new_header (void)
{
  Row *row = g_new0 (Row, 1);

  row->cells[COLUMN_TAG] = g_strdup (_("TAG"));
  row->cells[COLUMN_KIND] = g_strdup (_("KIND"));
  row->cells[COLUMN_ENCODING] = g_strdup (_("ENCODING"));
  row->cells[COLUMN_POINTS] = g_strdup (_("POINTS"));
  row->cells[COLUMN_STEPS] = g_strdup (_("STEPS"));
  row->cells[COLUMN_LAST] = g_strdup (_("LAST"));
  return row;
}

/* One series in the purged view (or every point with @raw). */
static Row *
row_new_for_series (CvgSeries *series,
                    gboolean   raw)
{
  Row *row = g_new0 (Row, 1);
  gsize n_read = cvg_series_get_length (series);
  g_autoptr(GArray) kept = raw ? NULL : cvg_series_get_purged_indices (series);
  gsize n = kept != NULL ? kept->len : n_read;
  gsize last;
  g_autofree char *description = NULL;

  row->cells[COLUMN_TAG] = display_tag (series);
  row->cells[COLUMN_KIND] = g_strdup (cvg_kind_to_string (cvg_series_get_kind (series)));
  row->cells[COLUMN_ENCODING] = g_strdup (cvg_encoding_to_string (cvg_series_get_encoding (series)));
  row->cells[COLUMN_POINTS] = g_strdup_printf ("%" G_GSIZE_FORMAT, n);
  if (n == 0)
    {
      row->cells[COLUMN_STEPS] = g_strdup ("-");
      row->cells[COLUMN_LAST] = g_strdup ("-");
      return row;
    }

  last = kept != NULL ? g_array_index (kept, guint, n - 1) : n - 1;
  row->cells[COLUMN_STEPS] = describe_steps (series, kept, n);

  description = describe_last (series, last);
  if (n < n_read)
    {
      g_autofree char *purged = format_count (ngettext ("%s purged by a restart",
                                                        "%s purged by restarts",
                                                        n_read - n),
                                              n_read - n);

      row->cells[COLUMN_LAST] = g_strdup_printf ("%s (%s)", description, purged);
    }
  else
    {
      row->cells[COLUMN_LAST] = g_steal_pointer (&description);
    }
  return row;
}

static void
append_row (GString     *out,
            const Row   *row,
            const guint *widths)
{
  g_string_append (out, "  ");
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      guint pad = widths[i] - display_width (row->cells[i]);

      if (i == COLUMN_POINTS)
        g_string_append_printf (out, "%*s%s", pad, "", row->cells[i]);
      else if (i == COLUMN_LAST)
        g_string_append (out, row->cells[i]);
      else
        g_string_append_printf (out, "%s%*s", row->cells[i], pad, "");
      if (i != COLUMN_LAST)
        g_string_append (out, "  ");
    }
  g_string_append_c (out, '\n');
}

static char *
format_totals (guint   n_files,
               guint64 n_records,
               guint64 n_bytes)
{
  g_autofree char *files = format_count (ngettext ("%s file", "%s files", n_files), n_files);
  g_autofree char *records = format_count (ngettext ("%s record", "%s records", n_records), n_records);
  g_autofree char *bytes = format_count (ngettext ("%s byte", "%s bytes", n_bytes), n_bytes);

  return g_strdup_printf ("%s, %s, %s", files, records, bytes);
}

static void
append_summary (GString    *out,
                const char *path,
                GPtrArray  *runs)
{
  g_autofree char *display_path = g_filename_display_name (path);
  g_autofree char *totals = NULL;
  guint n_files = 0;
  guint64 n_records = 0, n_bytes = 0;

  for (guint i = 0; i < runs->len; i++)
    {
      CvgRun *run = g_ptr_array_index (runs, i);

      n_files += cvg_run_get_n_files (run);
      n_records += cvg_run_get_n_records (run);
      n_bytes += cvg_run_get_n_bytes (run);
    }
  totals = format_totals (n_files, n_records, n_bytes);
  g_string_append_printf (out, ngettext ("Logs folder %s: %u run, %s\n",
                                         "Logs folder %s: %u runs, %s\n",
                                         runs->len),
                          display_path, runs->len, totals);
}

/* Rows of every run (a header row first), with the widths that align them
 * all, so that the whole report reads as one table. */
static GPtrArray *
build_rows (GPtrArray *runs,
            gboolean   raw,
            guint     *widths)
{
  GPtrArray *tables = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < runs->len; i++)
    {
      GPtrArray *series = cvg_run_get_series (g_ptr_array_index (runs, i));
      GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);

      g_ptr_array_add (rows, row_new_header ());
      for (guint j = 0; j < series->len; j++)
        g_ptr_array_add (rows, row_new_for_series (g_ptr_array_index (series, j), raw));
      for (guint j = 0; j < rows->len; j++)
        for (guint c = 0; c < N_COLUMNS; c++)
          widths[c] = MAX (widths[c], display_width (((Row *) g_ptr_array_index (rows, j))->cells[c]));
      g_ptr_array_add (tables, rows);
    }
  return tables;
}

static void
append_runs (GString   *out,
             GPtrArray *runs,
             gboolean   raw)
{
  guint widths[N_COLUMNS] = { 0 };
  g_autoptr(GPtrArray) tables = build_rows (runs, raw, widths);

  if (runs->len == 0)
    g_string_append_printf (out, "\n%s\n", _("No runs: no folder here holds a file whose name contains “tfevents”."));

  for (guint i = 0; i < runs->len; i++)
    {
      CvgRun *run = g_ptr_array_index (runs, i);
      GPtrArray *rows = g_ptr_array_index (tables, i);
      const char *name = cvg_run_get_name (run);
      g_autofree char *display_name = printable (name);
      g_autofree char *totals = format_totals (cvg_run_get_n_files (run),
                                               cvg_run_get_n_records (run),
                                               cvg_run_get_n_bytes (run));

      g_string_append_printf (out, _("\nRun %s: %s\n"), display_name, totals);
      if (rows->len == 1)
        g_string_append_printf (out, "  %s\n", _("(no data)"));
      else
        for (guint j = 0; j < rows->len; j++)
          append_row (out, g_ptr_array_index (rows, j), widths);
    }
}

static void
append_problems (GString   *out,
                 CvgLogdir *logdir)
{
  g_autoptr(GPtrArray) problems = cvg_cli_collect_problems (logdir);

  if (problems->len == 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Problems: none"));
      return;
    }

  g_string_append_printf (out, _("\nProblems (%u):\n"), problems->len);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = cvg_problem_dup_line (g_ptr_array_index (problems, i));
      g_autofree char *display_line = printable (line);

      g_string_append_printf (out, "  %s\n", display_line);
    }
}

CvgExitStatus
cvg_inspect_main (const char *path,
                  gboolean    raw)
{
  g_autoptr(CvgLogdir) logdir = cvg_cli_load_logdir (path);
  g_autoptr(GString) out = NULL;
  GPtrArray *runs;

  if (logdir == NULL)
    return CVG_EXIT_UNREADABLE;

  runs = cvg_logdir_get_runs (logdir);
  out = g_string_new (NULL);
  append_summary (out, path, runs);
  append_runs (out, runs, raw);
  append_problems (out, logdir);

  if (fwrite (out->str, 1, out->len, stdout) != out->len || fflush (stdout) != 0)
    {
      cvg_cli_print_error (_("cannot write the report: %s"), g_strerror (errno));
      return CVG_EXIT_UNREADABLE;
    }
  return CVG_EXIT_OK;
}
