/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-export-hparams"

#include "config.h"

#include "cvg-cli.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "cvg-hparams-export.h"
#include "cvg-logdir.h"
#include "cvg-run.h"

static CvgHparamsExportFormat
export_format (CvgExportFormat format)
{
  switch (format)
    {
    case CVG_EXPORT_JSON: return CVG_HPARAMS_EXPORT_JSON;
    case CVG_EXPORT_LATEX: return CVG_HPARAMS_EXPORT_LATEX;
    case CVG_EXPORT_CSV:
    default: return CVG_HPARAMS_EXPORT_CSV;
    }
}

/* --tag sees a metric's column name: TAG, or GROUP/TAG. */
static gboolean
keep_metric_cb (const CvgMetricColumn *metric,
                gpointer               user_data)
{
  g_autofree char *title = cvg_hparams_metric_title (metric);

  return cvg_export_filter_matches (user_data, title);
}

/* The rows' runs: the sessions' (or every run) whose name --run matches;
 * NULL for every session, unfiltered. */
static GPtrArray *
select_runs (CvgHparams *hparams,
             GPtrArray  *runs,
             gboolean    all_runs,
             GRegex     *run_regex)
{
  GPtrArray *selected;
  guint n = all_runs ? runs->len : cvg_hparams_get_n_sessions (hparams);

  if (run_regex == NULL && !all_runs)
    return NULL;
  selected = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    {
      CvgRun *run = all_runs ? g_ptr_array_index (runs, i) : cvg_hparams_get_session (hparams, i)->run;

      if (cvg_export_filter_matches (run_regex, cvg_run_get_name (run)))
        g_ptr_array_add (selected, run);
    }
  return selected;
}

/* `converge --export hparams`: the table of sessions (or of every run),
 * rows filtered by --run, metric columns by --tag. */
CvgExitStatus
cvg_export_hparams_main (const CvgExportOptions *options)
{
  g_autoptr(CvgLogdir) logdir = NULL;
  g_autoptr(CvgHparams) hparams = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GRegex) run_regex = NULL;
  g_autoptr(GRegex) tag_regex = NULL;
  g_autoptr(GPtrArray) selected = NULL;
  GPtrArray *runs;
  GPtrArray *notices;

  if (!cvg_export_compile_filter ("--run", options->run_pattern, &run_regex) ||
      !cvg_export_compile_filter ("--tag", options->tag_pattern, &tag_regex))
    return CVG_EXIT_USAGE;
  logdir = cvg_cli_load_logdir (options->logdir);
  if (logdir == NULL)
    return CVG_EXIT_UNREADABLE;
  runs = cvg_logdir_get_runs (logdir);
  hparams = cvg_hparams_new (runs);
  notices = cvg_hparams_get_notices (hparams);
  for (guint i = 0; i < notices->len; i++)
    cvg_cli_print_error ("%s", (const char *) g_ptr_array_index (notices, i));

  selected = select_runs (hparams, runs, options->all_runs, run_regex);
  cvg_hparams_export_filtered (hparams, selected, tag_regex != NULL ? keep_metric_cb : NULL, tag_regex,
                               export_format (options->format), out);
  if (fwrite (out->str, 1, out->len, stdout) != out->len || fflush (stdout) != 0)
    {
      cvg_cli_print_error (_("cannot write the export: %s"), g_strerror (errno != 0 ? errno : EIO));
      return CVG_EXIT_UNREADABLE;
    }
  return CVG_EXIT_OK;
}
