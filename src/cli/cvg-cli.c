/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-cli"

#include "config.h"

#include "cvg-cli.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "cvg-logdir.h"
#include "cvg-problem.h"
#include "cvg-remote.h"
#include "cvg-run.h"

void
cvg_cli_print_error (const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "converge: %s\n", message);
}

/* A URI's volume is mounted with what needs no answer (keys, saved
 * passwords); anything more is for `gio mount`, which asks on the
 * terminal. */
static gboolean
mount_remote (const char *uri)
{
  g_autoptr(GError) error = NULL;

  if (cvg_remote_mount_sync (uri, NULL, &error))
    return TRUE;
  cvg_cli_print_error (_("cannot mount '%s': %s\nMount it first with: gio mount %s"),
                       uri, error->message, uri);
  return FALSE;
}

CvgLogdir *
cvg_cli_load_logdir (const char *path)
{
  g_autoptr(CvgLogdir) logdir = cvg_logdir_new (path);
  g_autoptr(GError) error = NULL;

  if (cvg_remote_is_uri (path) && !mount_remote (path))
    return NULL;
  if (!cvg_logdir_load (logdir, &error))
    {
      cvg_cli_print_error (_("cannot open logs folder '%s': %s"), path, error->message);
      return NULL;
    }
  return g_steal_pointer (&logdir);
}

GPtrArray *
cvg_cli_collect_problems (CvgLogdir *logdir)
{
  GPtrArray *runs = cvg_logdir_get_runs (logdir);
  GPtrArray *own = cvg_logdir_get_problems (logdir);
  GPtrArray *problems = g_ptr_array_new ();

  for (guint i = 0; i < own->len; i++)
    g_ptr_array_add (problems, g_ptr_array_index (own, i));

  for (guint i = 0; i < runs->len; i++)
    {
      GPtrArray *run_problems = cvg_run_get_problems (g_ptr_array_index (runs, i));

      for (guint j = 0; j < run_problems->len; j++)
        g_ptr_array_add (problems, g_ptr_array_index (run_problems, j));
    }
  return problems;
}

