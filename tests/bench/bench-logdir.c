/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The synthetic logs folder the benchmarks load. */
#define G_LOG_DOMAIN "bench-logdir"

#include "config.h"

#include "bench-logdir.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "cvg-event-writer.h"

/* Half the runs write like TF1 (simple_value), half like TF2 (tensors),
 * each run in two files as a restarted writer would. */
static void
write_logdir (const char *dir,
              gint64      n_events,
              guint       n_runs,
              guint       n_tags)
{
  gint64 per_tag = n_events / n_runs / n_tags;
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);

  for (guint r = 0; r < n_runs; r++)
    {
      CvgWriterStyle style = r % 2 == 0 ? CVG_WRITER_STYLE_TF1 : CVG_WRITER_STYLE_TF2;
      g_autofree char *run_dir = g_strdup_printf ("%s/run%02d/%s", dir, r, r % 2 ? "train" : "validation");

      g_mkdir_with_parents (run_dir, 0755);
      for (gint part = 0; part < 2; part++)
        {
          g_autofree char *path = g_strdup_printf ("%s/events.out.tfevents.%d.bench.%d.%d%s", run_dir,
                                                   1700000000 + part, r, part,
                                                   style == CVG_WRITER_STYLE_TF2 ? ".v2" : "");
          g_autoptr(GError) error = NULL;
          g_autoptr(CvgEventWriter) writer = cvg_event_writer_new (path, &error);
          gint64 first = part * (per_tag / 2), last = part == 0 ? per_tag / 2 : per_tag;
          double wall = 1700000000.0 + part * 1000;

          g_assert_no_error (error);
          cvg_event_writer_write_file_version (writer, wall, "brain.Event:2", NULL);
          for (gint64 step = first; step < last; step++)
            {
              wall += 0.013;
              for (guint t = 0; t < n_tags; t++)
                {
                  char tag[32];
                  g_snprintf (tag, sizeof tag, "%s/metric_%02d", t % 2 ? "train" : "eval", t);
                  cvg_event_writer_write_scalar (writer, style, wall, step, tag,
                                                 (float) (1.0 / (1 + step) + g_rand_double (rand) * 0.01),
                                                 NULL);
                }
            }
          g_assert_true (cvg_event_writer_flush (writer, &error));
        }
    }
}

void
bench_logdir_ensure (const char *dir,
                     gint64      n_events,
                     guint       n_runs,
                     guint       n_tags)
{
  g_autofree char *marker = g_strdup_printf ("%s/.written-%" G_GINT64_FORMAT "-%u-%u",
                                             dir, n_events, n_runs, n_tags);
  g_autofree char *cmd = NULL;
  gint64 start;

  if (g_file_test (marker, G_FILE_TEST_EXISTS))
    return;

  start = g_get_monotonic_time ();
  cmd = g_strdup_printf ("rm -rf '%s'", dir);
  if (system (cmd) != 0)
    g_error ("cannot clear %s", dir);
  g_print ("writing %" G_GINT64_FORMAT " events to %s ...\n", n_events, dir);
  write_logdir (dir, n_events, n_runs, n_tags);
  g_file_set_contents (marker, "", 0, NULL);
  g_print ("written in %.1f s\n", (g_get_monotonic_time () - start) / 1e6);
}
