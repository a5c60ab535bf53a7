#define G_LOG_DOMAIN "cvg-export"

#include "config.h"

#include "cvg-cli.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cvg-logdir.h"
#include "cvg-problem.h"
#include "cvg-run.h"
#include "cvg-scalar-store.h"
#include "cvg-series.h"

/* Points copied out of a store at a time, and output written at a time. */
#define CHUNK_POINTS 4096
#define FLUSH_BYTES  (1 << 20)

typedef struct
{
  const CvgExportOptions *options;
  GRegex                 *run_regex;
  GRegex                 *tag_regex;
  GString                *out;
  int                     write_errno;   /* 0 while every write succeeded */

  /* The series being written. */
  GString                *row_prefix;    /* CSV: `RUN,TAG,` */
  gboolean                is_double;
  gboolean                first_point;
  gint64                  steps[CHUNK_POINTS];
  double                  wall_times[CHUNK_POINTS];
  double                  values[CHUNK_POINTS];
} Exporter;

typedef void (*WritePointFunc) (Exporter *self,
                                gint64    step,
                                double    wall_time,
                                double    value);

static Exporter *
exporter_new (const CvgExportOptions *options)
{
  Exporter *self = g_new0 (Exporter, 1);

  self->options = options;
  self->out = g_string_sized_new (FLUSH_BYTES + 4096);
  self->row_prefix = g_string_new (NULL);
  return self;
}

static void
exporter_free (Exporter *self)
{
  g_clear_pointer (&self->run_regex, g_regex_unref);
  g_clear_pointer (&self->tag_regex, g_regex_unref);
  g_string_free (self->out, TRUE);
  g_string_free (self->row_prefix, TRUE);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Exporter, exporter_free)

static void
exporter_flush (Exporter *self)
{
  if (self->write_errno == 0 && self->out->len > 0 &&
      fwrite (self->out->str, 1, self->out->len, stdout) != self->out->len)
    self->write_errno = errno != 0 ? errno : EIO;
  g_string_truncate (self->out, 0);
}

static gboolean
compile_filter (const char  *option,
                const char  *pattern,
                GRegex     **regex)
{
  g_autoptr(GError) error = NULL;

  if (pattern == NULL)
    return TRUE;

  *regex = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, &error);
  if (*regex == NULL)
    {
      cvg_cli_print_error (_("invalid %s pattern '%s': %s"), option, pattern, error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
filter_matches (GRegex     *regex,
                const char *text)
{
  return regex == NULL || g_regex_match (regex, text, 0, NULL);
}

/* RFC 4180: quoted when it holds a separator, a quote or a line break
 * (and when it starts or ends with a space, which lax readers trim). */
static void
append_csv_field (GString    *out,
                  const char *field)
{
  gsize len = strlen (field);

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

static void
append_json_string (GString    *out,
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

/* JSON has no non-finite numbers: they become strings, as in
 * TensorBoard's own JSON. @formatted is @number as printed for CSV. */
static void
append_json_number (GString    *out,
                    const char *formatted,
                    gsize       len,
                    double      number)
{
  if (isnan (number))
    g_string_append (out, "\"NaN\"");
  else if (isinf (number))
    g_string_append (out, number > 0 ? "\"Infinity\"" : "\"-Infinity\"");
  else
    g_string_append_len (out, formatted, len);
}

static void
append_step (GString *out,
             gint64   step)
{
  char buffer[32];
  int len = g_snprintf (buffer, sizeof buffer, "%" G_GINT64_FORMAT, step);

  g_string_append_len (out, buffer, len);
}

static void
write_point_csv (Exporter *self,
                 gint64    step,
                 double    wall_time,
                 double    value)
{
  char number[CVG_CLI_NUMBER_SIZE];
  gsize len;

  g_string_append_len (self->out, self->row_prefix->str, self->row_prefix->len);
  append_step (self->out, step);
  g_string_append_c (self->out, ',');
  len = cvg_cli_format_wall_time (number, wall_time);
  g_string_append_len (self->out, number, len);
  g_string_append_c (self->out, ',');
  len = cvg_cli_format_value (number, value, self->is_double);
  g_string_append_len (self->out, number, len);
  g_string_append_c (self->out, '\n');
}

static void
write_point_json (Exporter *self,
                  gint64    step,
                  double    wall_time,
                  double    value)
{
  char number[CVG_CLI_NUMBER_SIZE];
  gsize len;

  g_string_append (self->out, self->first_point ? "\n      [" : ",\n      [");
  self->first_point = FALSE;
  len = cvg_cli_format_wall_time (number, wall_time);
  append_json_number (self->out, number, len, wall_time);
  g_string_append (self->out, ", ");
  append_step (self->out, step);
  g_string_append (self->out, ", ");
  len = cvg_cli_format_value (number, value, self->is_double);
  append_json_number (self->out, number, len, value);
  g_string_append_c (self->out, ']');
}

/* The purged view (or every point with --raw), copied out of the store
 * a run of consecutive indices at a time. */
static void
write_series_points (Exporter       *self,
                     CvgSeries      *series,
                     WritePointFunc  write_point)
{
  CvgScalarStore *store = cvg_series_get_scalars (series);
  g_autoptr(GArray) kept = NULL;
  const guint *indices = NULL;
  gsize n = cvg_series_get_length (series);

  if (!self->options->raw)
    {
      kept = cvg_series_get_purged_indices (series);
      if (kept->len == 0)
        return;
      indices = &g_array_index (kept, guint, 0);
      n = kept->len;
    }
  self->is_double = cvg_series_is_double (series);

  for (gsize i = 0; i < n && self->write_errno == 0;)
    {
      gsize start = indices != NULL ? indices[i] : i;
      gsize len = 1;

      while (i + len < n && len < CHUNK_POINTS &&
             (indices == NULL || indices[i + len] == start + len))
        len++;

      cvg_scalar_store_copy (store, start, len, self->steps, self->wall_times, self->values);
      for (gsize j = 0; j < len; j++)
        write_point (self, self->steps[j], self->wall_times[j], self->values[j]);
      if (self->out->len >= FLUSH_BYTES)
        exporter_flush (self);
      i += len;
    }
}

static int
compare_tags (gconstpointer a,
              gconstpointer b)
{
  CvgSeries *series_a = *(CvgSeries * const *) a;
  CvgSeries *series_b = *(CvgSeries * const *) b;

  return strcmp (cvg_series_get_tag (series_a), cvg_series_get_tag (series_b));
}

/* The run's scalar series that pass --tag, sorted by tag. */
static GPtrArray *
collect_series (Exporter *self,
                CvgRun   *run)
{
  GPtrArray *all = cvg_run_get_series (run);
  GPtrArray *chosen = g_ptr_array_new ();

  for (guint i = 0; i < all->len; i++)
    {
      CvgSeries *series = g_ptr_array_index (all, i);

      if (cvg_series_get_kind (series) == CVG_KIND_SCALAR &&
          filter_matches (self->tag_regex, cvg_series_get_tag (series)))
        g_ptr_array_add (chosen, series);
    }
  g_ptr_array_sort (chosen, compare_tags);
  return chosen;
}

static void
export_run_csv (Exporter *self,
                CvgRun   *run)
{
  g_autoptr(GPtrArray) chosen = collect_series (self, run);

  for (guint i = 0; i < chosen->len; i++)
    {
      CvgSeries *series = g_ptr_array_index (chosen, i);

      g_string_truncate (self->row_prefix, 0);
      append_csv_field (self->row_prefix, cvg_run_get_name (run));
      g_string_append_c (self->row_prefix, ',');
      append_csv_field (self->row_prefix, cvg_series_get_tag (series));
      g_string_append_c (self->row_prefix, ',');
      write_series_points (self, series, write_point_csv);
    }
}

/* Returns FALSE, writing nothing, when no series of @run passes --tag. */
static gboolean
export_run_json (Exporter *self,
                 CvgRun   *run,
                 gboolean  first_run)
{
  g_autoptr(GPtrArray) chosen = collect_series (self, run);

  if (chosen->len == 0)
    return FALSE;

  g_string_append (self->out, first_run ? "\n  " : ",\n  ");
  append_json_string (self->out, cvg_run_get_name (run));
  g_string_append (self->out, ": {");
  for (guint i = 0; i < chosen->len; i++)
    {
      CvgSeries *series = g_ptr_array_index (chosen, i);

      g_string_append (self->out, i == 0 ? "\n    " : ",\n    ");
      append_json_string (self->out, cvg_series_get_tag (series));
      g_string_append (self->out, ": [");
      self->first_point = TRUE;
      write_series_points (self, series, write_point_json);
      g_string_append (self->out, self->first_point ? "]" : "\n    ]");
    }
  g_string_append (self->out, "\n  }");
  return TRUE;
}

static void
export_runs (Exporter  *self,
             GPtrArray *runs)
{
  gboolean first_run = TRUE;

  if (self->options->format == CVG_EXPORT_CSV)
    g_string_append (self->out, "run,tag,step,wall_time,value\n");
  else
    g_string_append_c (self->out, '{');

  for (guint i = 0; i < runs->len && self->write_errno == 0; i++)
    {
      CvgRun *run = g_ptr_array_index (runs, i);

      if (!filter_matches (self->run_regex, cvg_run_get_name (run)))
        continue;
      if (self->options->format == CVG_EXPORT_CSV)
        export_run_csv (self, run);
      else if (export_run_json (self, run, first_run))
        first_run = FALSE;
    }

  if (self->options->format == CVG_EXPORT_JSON)
    g_string_append (self->out, first_run ? "}\n" : "\n}\n");
}

/* One line per problem on standard error, so a pipeline still sees them. */
static void
report_problems (CvgLogdir *logdir)
{
  g_autoptr(GPtrArray) problems = cvg_cli_collect_problems (logdir);

  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = cvg_cli_format_problem (g_ptr_array_index (problems, i));

      cvg_cli_print_error ("%s", line);
    }
}

gboolean
cvg_export_format_from_string (const char      *name,
                               CvgExportFormat *format)
{
  if (g_strcmp0 (name, "csv") == 0)
    *format = CVG_EXPORT_CSV;
  else if (g_strcmp0 (name, "json") == 0)
    *format = CVG_EXPORT_JSON;
  else
    return FALSE;
  return TRUE;
}

CvgExitStatus
cvg_export_main (const CvgExportOptions *options)
{
  g_autoptr(Exporter) self = exporter_new (options);
  g_autoptr(CvgLogdir) logdir = NULL;

  if (!compile_filter ("--run", options->run_pattern, &self->run_regex) ||
      !compile_filter ("--tag", options->tag_pattern, &self->tag_regex))
    return CVG_EXIT_USAGE;

  logdir = cvg_cli_load_logdir (options->logdir);
  if (logdir == NULL)
    return CVG_EXIT_UNREADABLE;
  report_problems (logdir);

  export_runs (self, cvg_logdir_get_runs (logdir));
  exporter_flush (self);
  if (self->write_errno == 0 && fflush (stdout) != 0)
    self->write_errno = errno;

  if (self->write_errno != 0)
    {
      cvg_cli_print_error (_("cannot write the export: %s"), g_strerror (self->write_errno));
      return CVG_EXIT_UNREADABLE;
    }
  return CVG_EXIT_OK;
}
