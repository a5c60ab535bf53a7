/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-export-hparams"

#include "config.h"

#include "cvg-cli.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "cvg-hparams-export.h"
#include "cvg-logdir.h"

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

/* `converge --export hparams`: the table of sessions (or of every run). */
CvgExitStatus
cvg_export_hparams_main (const CvgExportOptions *options)
{
  g_autoptr(CvgLogdir) logdir = cvg_cli_load_logdir (options->logdir);
  g_autoptr(CvgHparams) hparams = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  GPtrArray *runs;
  GPtrArray *notices;

  if (logdir == NULL)
    return CVG_EXIT_UNREADABLE;
  runs = cvg_logdir_get_runs (logdir);
  hparams = cvg_hparams_new (runs);
  notices = cvg_hparams_get_notices (hparams);
  for (guint i = 0; i < notices->len; i++)
    cvg_cli_print_error ("%s", (const char *) g_ptr_array_index (notices, i));

  cvg_hparams_export (hparams, options->all_runs ? runs : NULL, export_format (options->format), out);
  if (fwrite (out->str, 1, out->len, stdout) != out->len || fflush (stdout) != 0)
    {
      cvg_cli_print_error (_("cannot write the export: %s"), g_strerror (errno != 0 ? errno : EIO));
      return CVG_EXIT_UNREADABLE;
    }
  return CVG_EXIT_OK;
}
