/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Window benchmark, run under a display (Xvfb): time from asking the
 * window to open a logs folder of many scalar tags (or many runs) to the
 * first frame painting every run in the sidebar's model, and to the first
 * frame painted with charts in it.
 *
 *   bench-window [--tags T] [--runs R] [--steps S] [--repeat K] [--dir DIR]
 *   bench-window --runs 10000 --tags 1 --steps 10    (10,000 runs)
 */
#define G_LOG_DOMAIN "bench-window"

#include "config.h"

#include <adwaita.h>

#include "cvg-resources.h"
#include "cvg-scalar-chart.h"
#include "cvg-window.h"

#include "bench-logdir.h"
#include "bench-stats.h"

static gint opt_tags = 1000;
static gint opt_runs = 10;
static gint opt_steps = 100;
static gint opt_repeat = 5;
static char *opt_dir = NULL;

static GOptionEntry entries[] = {
  { "tags", 0, 0, G_OPTION_ARG_INT, &opt_tags, "Scalar tags per run", "T" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "Runs", "R" },
  { "steps", 0, 0, G_OPTION_ARG_INT, &opt_steps, "Steps per tag", "S" },
  { "repeat", 0, 0, G_OPTION_ARG_INT, &opt_repeat, "Timed repetitions", "K" },
  { "dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_dir, "Logdir to write (kept and reused)", "DIR" },
  { NULL }
};

typedef struct
{
  CvgWindow *window;
  guint      n_runs;
  gint64     start;
  gint64     listed;
  gint64     loaded;
  gint64     painted;
} Timing;

static gboolean
has_mapped_chart (GtkWidget *widget)
{
  if (CVG_IS_SCALAR_CHART (widget) && gtk_widget_get_mapped (widget) &&
      gtk_widget_get_width (widget) > 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_mapped_chart (child))
      return TRUE;
  return FALSE;
}

/* Called after every paint: the first one that shows a chart ends the clock. */
static void
after_paint_cb (GdkFrameClock *clock,
                Timing        *timing)
{
  if (timing->painted != 0)
    return;
  if (timing->listed == 0 &&
      g_list_model_get_n_items (cvg_window_get_runs (timing->window)) == timing->n_runs)
    timing->listed = g_get_monotonic_time ();
  if (timing->loaded == 0 && g_strcmp0 (cvg_window_get_state (timing->window), "loaded") == 0)
    timing->loaded = g_get_monotonic_time ();
  if (timing->loaded != 0 && has_mapped_chart (GTK_WIDGET (timing->window)))
    timing->painted = g_get_monotonic_time ();
}

static gboolean
iterate_until_painted (Timing *timing)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  while ((timing->painted == 0 || timing->listed == 0) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return timing->painted != 0 && timing->listed != 0;
}

static void
measure_once (const char *dir,
              double     *to_listed,
              double     *to_loaded,
              double     *to_painted)
{
  Timing timing = { .n_runs = opt_runs };
  GdkFrameClock *clock;
  gulong handler;

  timing.window = cvg_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (timing.window), 1400, 900);
  gtk_window_present (GTK_WINDOW (timing.window));
  /* Let the empty window settle so that only the opening is timed. */
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (timing.window));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &timing);
  timing.start = g_get_monotonic_time ();
  cvg_window_open_path (timing.window, dir);
  if (!iterate_until_painted (&timing))
    g_error ("runs not listed or no chart painted within 60 s");
  g_signal_handler_disconnect (clock, handler);

  *to_listed = (timing.listed - timing.start) / 1e3;
  *to_loaded = (timing.loaded - timing.start) / 1e3;
  *to_painted = (timing.painted - timing.start) / 1e3;
  gtk_window_destroy (GTK_WINDOW (timing.window));
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— Converge window benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) listed = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) loaded = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) painted = g_array_new (FALSE, FALSE, sizeof (double));

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (opt_dir == NULL)
    opt_dir = g_build_filename (g_get_tmp_dir (), "converge-bench-window", NULL);
  bench_logdir_ensure (opt_dir, (gint64) opt_tags * opt_runs * opt_steps, opt_runs, opt_tags);

  g_resources_register (cvg_get_resource ());
  adw_init ();

  for (int i = 0; i < opt_repeat; i++)
    {
      double to_listed, to_loaded, to_painted;

      measure_once (opt_dir, &to_listed, &to_loaded, &to_painted);
      g_array_append_val (listed, to_listed);
      g_array_append_val (loaded, to_loaded);
      g_array_append_val (painted, to_painted);
      g_print ("  round %d: runs listed %.0f ms, loaded %.0f ms, first charts painted %.0f ms\n",
               i + 1, to_listed, to_loaded, to_painted);
    }
  bench_sort_doubles ((double *) listed->data, listed->len);
  bench_sort_doubles ((double *) loaded->data, loaded->len);
  bench_sort_doubles ((double *) painted->data, painted->len);
  g_print ("\n%d runs x %d scalar tags x %d steps: runs listed %.0f ms, loaded %.0f ms, "
           "first charts painted %.0f ms (medians of %d; min %.0f, max %.0f)\n",
           opt_runs, opt_tags, opt_steps,
           g_array_index (listed, double, listed->len / 2),
           g_array_index (loaded, double, loaded->len / 2),
           g_array_index (painted, double, painted->len / 2), opt_repeat,
           g_array_index (painted, double, 0), g_array_index (painted, double, painted->len - 1));
  return 0;
}
