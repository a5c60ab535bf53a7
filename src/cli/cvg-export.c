/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-export"

#include "config.h"

#include "cvg-cli.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "cvg-logdir.h"
#include "cvg-problem-text.h"
#include "cvg-run.h"
#include "cvg-scalar-export.h"
#include "cvg-series.h"

/* Output written at a time. */
#define FLUSH_BYTES  (1 << 20)

typedef struct
{
  const CvgExportOptions *options;
  GRegex                 *run_regex;
  GRegex                 *tag_regex;
  GRegex                 *group_regex;
  GString                *out;
  int                     write_errno;   /* 0 while every write succeeded */
} Exporter;

static Exporter *
exporter_new (const CvgExportOptions *options)
{
  Exporter *self = g_new0 (Exporter, 1);

  self->options = options;
  self->out = g_string_sized_new (FLUSH_BYTES + 4096);
  return self;
}

static void
exporter_free (Exporter *self)
{
  g_clear_pointer (&self->run_regex, g_regex_unref);
  g_clear_pointer (&self->tag_regex, g_regex_unref);
  g_clear_pointer (&self->group_regex, g_regex_unref);
  g_string_free (self->out, TRUE);
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
flush_cb (GString  *out,
          gpointer  user_data)
{
  Exporter *self = user_data;

  exporter_flush (self);
  return self->write_errno == 0;
}

gboolean
cvg_export_compile_filter (const char  *option,
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

/* Patterns see names as exported: escaped to valid UTF-8 when read. */
gboolean
cvg_export_filter_matches (GRegex     *regex,
                           const char *name)
{
  return regex == NULL || g_regex_match (regex, name, 0, NULL);
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
          cvg_export_filter_matches (self->tag_regex, cvg_series_get_tag (series)))
        g_ptr_array_add (chosen, series);
    }
  g_ptr_array_sort (chosen, compare_tags);
  return chosen;
}

static void
export_runs (Exporter  *self,
             GPtrArray *runs)
{
  CvgScalarExportFormat format = self->options->format == CVG_EXPORT_CSV ?
                                 CVG_SCALAR_EXPORT_CSV : CVG_SCALAR_EXPORT_JSON;
  g_autoptr(CvgScalarExport) writer = cvg_scalar_export_new (format, self->out);

  cvg_scalar_export_set_flush_func (writer, FLUSH_BYTES, flush_cb, self);
  for (guint i = 0; i < runs->len && self->write_errno == 0; i++)
    {
      CvgRun *run = g_ptr_array_index (runs, i);
      g_autoptr(GPtrArray) chosen = NULL;

      if (!cvg_export_filter_matches (self->run_regex, cvg_run_get_name (run)))
        continue;
      chosen = collect_series (self, run);
      cvg_scalar_export_begin_run (writer, cvg_run_get_name (run));
      for (guint j = 0; j < chosen->len; j++)
        cvg_scalar_export_add_series (writer, g_ptr_array_index (chosen, j), self->options->raw);
    }
  cvg_scalar_export_finish (writer);
}

/* One line per problem on standard error, so a pipeline still sees them. */
void
cvg_export_report_problems (CvgLogdir *logdir)
{
  g_autoptr(GPtrArray) problems = cvg_cli_collect_problems (logdir);

  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = cvg_problem_dup_line (g_ptr_array_index (problems, i));

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
  else if (g_strcmp0 (name, "text") == 0)
    *format = CVG_EXPORT_TEXT;
  else if (g_strcmp0 (name, "audio") == 0)
    *format = CVG_EXPORT_AUDIO;
  else if (g_strcmp0 (name, "latex") == 0)
    *format = CVG_EXPORT_LATEX;
  else if (g_strcmp0 (name, "images") == 0)
    *format = CVG_EXPORT_IMAGES;
  else
    return FALSE;
  return TRUE;
}

CvgExitStatus
cvg_export_main (const CvgExportOptions *options)
{
  g_autoptr(Exporter) self = exporter_new (options);
  g_autoptr(CvgLogdir) logdir = NULL;

  if (options->hparams)
    return cvg_export_hparams_main (options);
  if (options->projection)
    return cvg_export_projection_main (options);
  if (options->format == CVG_EXPORT_IMAGES)
    return cvg_export_images_main (options);
  if (!cvg_export_compile_filter ("--run", options->run_pattern, &self->run_regex) ||
      !cvg_export_compile_filter ("--tag", options->tag_pattern, &self->tag_regex) ||
      !cvg_export_compile_filter ("--group", options->group_pattern, &self->group_regex))
    return CVG_EXIT_USAGE;

  logdir = cvg_cli_load_logdir (options->logdir);
  if (logdir == NULL)
    return CVG_EXIT_UNREADABLE;
  cvg_export_report_problems (logdir);

  if (options->format == CVG_EXPORT_AUDIO)
    {
      guint n_written;

      return cvg_export_audio (cvg_logdir_get_runs (logdir), self->run_regex, self->tag_regex, options->raw,
                               options->out_dir, &n_written) ? CVG_EXIT_OK : CVG_EXIT_UNREADABLE;
    }
  if (options->format == CVG_EXPORT_TEXT)
    cvg_export_text (cvg_logdir_get_runs (logdir), self->run_regex, self->tag_regex, options->raw,
                     self->out, FLUSH_BYTES, flush_cb, self);
  else if (self->group_regex != NULL)
    cvg_export_groups (cvg_logdir_get_runs (logdir), self->run_regex, self->tag_regex, self->group_regex,
                       options->aggregate, options->band, self->out, FLUSH_BYTES, flush_cb, self);
  else
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
