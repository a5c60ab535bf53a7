/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Scalar chart benchmark, offscreen (no display): the same drawing code
 * as the widget, onto a cairo image surface, for a card of 10 runs x 1 M
 * points and one of 1 run x 10 M points. Reports medians of:
 *   first load   copying the purged view out of the stores (once per card)
 *   rebuild      smoothing + extent + project + decimate + stroke (a
 *                smoothing change); also without smoothing (resize/zoom)
 *   hover        nearest point of every line + tooltip text
 *   hover frame  crosshair, dots and tooltip drawn onto a surface
 *
 *   bench-chart [--points N] [--repeat K] [--width W] [--height H]
 *               [--png PREFIX]
 *
 * --png writes each card's last rebuild to PREFIX-<runs>x<points>.png, to
 * compare the drawing of two builds.
 */
#define G_LOG_DOMAIN "bench-chart"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "cvg-scalar-chart-private.h"
#include "cvg-series.h"
#include "bench-stats.h"

static gint64 opt_points = 10 * 1000 * 1000;
static gint opt_repeat = 7;
static gint opt_width = 560;
static gint opt_height = 250;
static char *opt_png = NULL;

static GOptionEntry entries[] = {
  { "points", 0, 0, G_OPTION_ARG_INT64, &opt_points, "Points per card", "N" },
  { "repeat", 0, 0, G_OPTION_ARG_INT, &opt_repeat, "Timed repetitions of a rebuild", "K" },
  { "width", 0, 0, G_OPTION_ARG_INT, &opt_width, "Chart width in pixels", "W" },
  { "height", 0, 0, G_OPTION_ARG_INT, &opt_height, "Chart height in pixels", "H" },
  { "png", 0, 0, G_OPTION_ARG_FILENAME, &opt_png, "Write each card's last rebuild to PREFIX-RxN.png", "PREFIX" },
  { NULL }
};

static const char *colors[] = {
  "#1c71d8", "#e66100", "#26a269", "#c01c28", "#813d9c",
  "#986a44", "#2ec27e", "#f5c211", "#3584e4", "#5e5c64",
};

/* A loss-like curve with noise and a few spikes, one point per step,
 * about 13 ms apart. */
static CvgSeries *
make_series (gsize n,
             guint seed)
{
  CvgSeries *series = cvg_series_new ("loss", CVG_KIND_SCALAR, CVG_ENCODING_SIMPLE_VALUE);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (gsize i = 0; i < n; i++)
    {
      double value = 1.0 / (1 + i * 1e-4) + g_rand_double (rand) * 0.05;

      if (g_rand_int_range (rand, 0, 100000) == 0)
        value += 2;
      cvg_series_append_scalar (series, (gint64) i, 1700000000.0 + i * 0.013, value, CVG_SCALAR_FLOAT);
    }
  return series;
}

static void
clear (cairo_t *cr)
{
  cairo_save (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_restore (cr);
}

static void
bench_card (guint n_runs,
            gsize points_per_run)
{
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func ((GDestroyNotify) cvg_series_free);
  g_autoptr(GArray) rebuilds = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) redraws = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) hovers = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, opt_width, opt_height);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  CvgChartModel *model = cvg_chart_model_new ();
  double start, load_ms;

  g_print ("\n%u run(s) x %" G_GSIZE_FORMAT " points, %dx%d px\n", n_runs, points_per_run, opt_width, opt_height);
  for (guint r = 0; r < n_runs; r++)
    {
      g_autofree char *name = g_strdup_printf ("run%02u/train", r);
      CvgChartLine *line;

      g_ptr_array_add (series, make_series (points_per_run, r + 1));
      line = cvg_chart_model_add_line (model, name, g_ptr_array_index (series, r));
      gdk_rgba_parse (&line->color, colors[r % G_N_ELEMENTS (colors)]);
    }

  start = bench_now_ms ();
  for (guint r = 0; r < n_runs; r++)
    cvg_chart_line_load (g_ptr_array_index (model->lines, r));
  load_ms = bench_now_ms () - start;

  for (gint i = 0; i < opt_repeat; i++)
    {
      double t;

      /* A new smoothing weight: EMA, extent and drawing all redone. */
      model->smoothing = i % 2 ? 0.6 : 0.61;
      cvg_chart_model_invalidate_extent (model);
      clear (cr);
      start = bench_now_ms ();
      cvg_chart_model_draw (model, cr, layout, opt_width, opt_height);
      cairo_surface_flush (surface);
      t = bench_now_ms () - start;
      g_array_append_val (rebuilds, t);

      /* Same data, new size or view: projection, decimation, stroke. */
      clear (cr);
      start = bench_now_ms ();
      cvg_chart_model_draw (model, cr, layout, opt_width - (i % 2), opt_height);
      cairo_surface_flush (surface);
      t = bench_now_ms () - start;
      g_array_append_val (redraws, t);
    }

  if (opt_png != NULL)
    {
      g_autofree char *path = g_strdup_printf ("%s-%ux%" G_GSIZE_FORMAT ".png", opt_png, n_runs, points_per_run);

      cairo_surface_write_to_png (surface, path);
    }

  for (gint i = 0; i < 200; i++)
    {
      double px = model->plot_x + model->plot_w * (i + 0.5) / 200;
      g_autofree char *text = NULL;
      double t;

      start = bench_now_ms ();
      cvg_chart_model_hover (model, px, model->plot_y + model->plot_h / 2);
      text = cvg_chart_model_dup_tooltip_text (model);
      t = bench_now_ms () - start;
      g_array_append_val (hovers, t);
      g_assert_nonnull (text);

      clear (cr);
      start = bench_now_ms ();
      cvg_chart_model_draw_hover (model, cr, layout);
      cairo_surface_flush (surface);
      t = bench_now_ms () - start;
      g_array_append_val (frames, t);
    }

  g_print ("first load (copy out of stores): %8.2f ms\n", load_ms);
  g_print ("rebuild, new smoothing         : %8.2f ms  (median of %d; target <= 50 ms)\n", bench_median (rebuilds), opt_repeat);
  g_print ("rebuild, resize/zoom           : %8.2f ms  (median of %d)\n", bench_median (redraws), opt_repeat);
  g_print ("hover (nearest + tooltip text) : %8.3f ms  (median of 200; target <= 1 ms)\n", bench_median (hovers));
  g_print ("hover frame                    : %8.3f ms  (median of 200; target <= 4 ms)\n", bench_median (frames));

  cvg_chart_model_free (model);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— Converge scalar chart benchmark");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  bench_card (10, opt_points / 10);
  bench_card (1, opt_points);
  return 0;
}
