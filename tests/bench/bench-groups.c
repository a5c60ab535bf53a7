/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Groups benchmark, offscreen (no display): 100 runs × 100,000 points of
 * one tag in 10 groups (regex "run(\d)\d/"), mean with a min–max band
 * over faint members, EMA 0.6, on a chart drawn onto an image surface by
 * the widget's own code. Reports medians of:
 *   first     groups named, members loaded, smoothed, aligned and
 *             aggregated, the chart's lines made and drawn, from nothing
 *             (the first grouping, or a smoothing change)
 *   regroup   the same once members are cached and the chart keeps the
 *             members' lines (what changing the grouping costs a card)
 *   aggregate the part of regroup in cvg_group_lines_build
 *   draw      the part of regroup drawing the chart
 *   hover     nearest point of every group line + tooltip text
 *
 *   bench-groups [--dir DIR] [--points N] [--runs R] [--repeat K] [--cold K]
 */
#define G_LOG_DOMAIN "bench-groups"

#include "config.h"

#include <pango/pangocairo.h>
#include <time.h>

#include "bench-logdir.h"
#include "bench-stats.h"
#include "cvg-group-lines.h"
#include "cvg-logdir.h"
#include "cvg-run-info.h"
#include "cvg-run.h"
#include "cvg-scalar-chart-private.h"
#include "cvg-series.h"

static char *opt_dir = NULL;
static gint64 opt_points = 100000;
static gint opt_runs = 100;
static gint opt_repeat = 7;
static gint opt_cold = 7;

static GOptionEntry entries[] = {
  { "dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_dir, "Where the synthetic logs go", "DIR" },
  { "points", 0, 0, G_OPTION_ARG_INT64, &opt_points, "Points per run", "N" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "Runs (groups of ten)", "R" },
  { "repeat", 0, 0, G_OPTION_ARG_INT, &opt_repeat, "Timed repetitions of a regroup", "K" },
  { "cold", 0, 0, G_OPTION_ARG_INT, &opt_cold, "Timed repetitions of a first grouping (at least 1)", "K" },
  { NULL }
};

#define WIDTH 560
#define HEIGHT 250

typedef struct
{
  GListStore      *runs;
  const char      *tag;
  CvgGroupSpec     spec;
  CvgMemberCache  *cache;
  CvgChartModel   *model;
  cairo_surface_t *surface;
  cairo_t         *cr;
  PangoLayout     *layout;
} Bench;

/* This thread's CPU time: what a loaded machine (other jobs on the
 * same cores) leaves out of the wall-clock figures. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
rebuild (Bench  *b,
         double *aggregate_ms,
         double *draw_ms)
{
  double drawn;

  double start = bench_now_ms ();
  g_autoptr(GPtrArray) groups = cvg_group_lines_assign (G_LIST_MODEL (b->runs), &b->spec);
  g_autoptr(GPtrArray) lines = cvg_group_lines_build (G_LIST_MODEL (b->runs), groups, b->tag, &b->spec, b->cache);

  *aggregate_ms = bench_now_ms () - start;
  g_assert_cmpuint (groups->len, ==, (guint) opt_runs / 10);
  cvg_chart_model_set_plot_lines (b->model, lines);
  drawn = bench_now_ms ();
  cairo_set_source_rgb (b->cr, 1, 1, 1);
  cairo_paint (b->cr);
  cvg_chart_model_draw (b->model, b->cr, b->layout, WIDTH, HEIGHT);
  *draw_ms = bench_now_ms () - drawn;
  g_assert_true (b->model->laid_out);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— Converge groups benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgLogdir) logdir = NULL;
  g_autoptr(GArray) regroup_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cold_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) draw_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cold_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) regroup_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) hover_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) aggregate_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) hover_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRegex) regex = g_regex_new ("run(\\d)\\d/", 0, 0, NULL);
  GPtrArray *runs;
  Bench b = { 0 };
  double load_start;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (opt_dir == NULL)
    opt_dir = g_build_filename (g_get_tmp_dir (), "converge-bench-groups", NULL);

  bench_logdir_ensure (opt_dir, opt_points * opt_runs, opt_runs, 1);
  load_start = bench_now_ms ();
  logdir = cvg_logdir_new (opt_dir);
  g_assert_true (cvg_logdir_load (logdir, &error));
  g_print ("loaded %d runs in %.0f ms\n", opt_runs, bench_now_ms () - load_start);

  runs = cvg_logdir_get_runs (logdir);
  g_assert_cmpuint (runs->len, ==, (guint) opt_runs);
  b.runs = g_list_store_new (CVG_TYPE_RUN_INFO);
  for (guint i = 0; i < runs->len; i++)
    {
      g_autoptr(CvgRunInfo) info = cvg_run_info_new (g_ptr_array_index (runs, i), "#3584e4");
      GPtrArray *series = cvg_run_get_series (g_ptr_array_index (runs, i));

      g_list_store_append (b.runs, info);
      for (guint s = 0; s < series->len && b.tag == NULL; s++)
        if (cvg_series_get_kind (g_ptr_array_index (series, s)) == CVG_KIND_SCALAR)
          b.tag = cvg_series_get_tag (g_ptr_array_index (series, s));
    }
  g_assert_nonnull (b.tag);
  b.spec = (CvgGroupSpec) {
    .by = CVG_GROUP_BY_REGEX, .regex = regex, .aggregate = CVG_AGGREGATE_MEAN, .band = CVG_BAND_MIN_MAX,
    .members = TRUE, .x_axis = CVG_X_AXIS_STEP, .smoother = CVG_SMOOTHER_EMA, .smoothing = 0.6,
  };
  b.model = cvg_chart_model_new ();
  b.model->smoothing = 0.6;
  b.surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  b.cr = cairo_create (b.surface);
  b.layout = pango_cairo_create_layout (b.cr);

  b.cache = cvg_member_cache_new ();
  /* Cold: members loaded and smoothed, every line of the chart new (the
   * first grouping, or a smoothing change). */
  for (int k = 0; k < MAX (opt_cold, 1); k++)
    {
      double start = bench_now_ms (), cpu = cpu_ms (), aggregate_ms, draw_ms, total;

      cvg_member_cache_clear (b.cache);
      cvg_chart_model_clear_lines (b.model);
      rebuild (&b, &aggregate_ms, &draw_ms);
      total = bench_now_ms () - start;
      cpu = cpu_ms () - cpu;
      g_array_append_val (cold_times, total);
      g_array_append_val (cold_cpu, cpu);
    }
  /* Regrouping: the members' data stay (page cache, chart lines). */
  for (int k = 0; k < opt_repeat; k++)
    {
      double start = bench_now_ms (), cpu = cpu_ms (), aggregate_ms, draw_ms, total;

      rebuild (&b, &aggregate_ms, &draw_ms);
      total = bench_now_ms () - start;
      cpu = cpu_ms () - cpu;
      g_array_append_val (regroup_times, total);
      g_array_append_val (regroup_cpu, cpu);
      g_array_append_val (aggregate_times, aggregate_ms);
      g_array_append_val (draw_times, draw_ms);
    }

  for (int k = 0; k < 200; k++)
    {
      double px = b.model->plot_x + b.model->plot_w * (k + 0.5) / 200;
      double start = bench_now_ms (), cpu = cpu_ms (), ms;
      g_autofree char *text = NULL;

      cvg_chart_model_hover (b.model, px, b.model->plot_y + b.model->plot_h / 2);
      text = cvg_chart_model_dup_tooltip_text (b.model);
      ms = bench_now_ms () - start;
      cpu = cpu_ms () - cpu;
      g_assert_nonnull (text);
      g_array_append_val (hover_times, ms);
      g_array_append_val (hover_cpu, cpu);
    }

  g_print ("%d runs x %" G_GINT64_FORMAT " points in %d groups (mean, min-max, members, EMA 0.6):\n",
           opt_runs, opt_points, opt_runs / 10);
  g_print ("             wall ms   cpu ms\n");
  g_print ("  first      %8.1f %8.1f (median of %d)\n", bench_median (cold_times), bench_median (cold_cpu),
           MAX (opt_cold, 1));
  g_print ("  regroup    %8.1f %8.1f (median of %d)\n", bench_median (regroup_times), bench_median (regroup_cpu),
           opt_repeat);
  g_print ("  aggregate  %8.1f          (of regroup)\n", bench_median (aggregate_times));
  g_print ("  draw       %8.1f          (of regroup)\n", bench_median (draw_times));
  g_print ("  hover      %8.3f %8.3f (median of 200)\n", bench_median (hover_times), bench_median (hover_cpu));

  g_object_unref (b.layout);
  cairo_destroy (b.cr);
  cairo_surface_destroy (b.surface);
  cvg_chart_model_free (b.model);
  cvg_member_cache_free (b.cache);
  g_object_unref (b.runs);
  return 0;
}
