/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Histogram chart benchmark, offscreen (no display): the same drawing code
 * as the widget, onto a cairo image surface, for a card of 500 steps of
 * 30 buckets ([k, 3] tensors). Reports medians of:
 *   redraw       layout, axes and every slice (a resize or mode change),
 *                per mode: offset, overlay, distribution
 *   hover        the slice and bin under the pointer + tooltip text
 *   hover frame  highlight and tooltip drawn onto a surface
 *
 *   bench-histogram [--steps N] [--repeat K] [--width W] [--height H]
 *                   [--png PREFIX]
 */
#define G_LOG_DOMAIN "bench-histogram"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "cvg-histogram-chart-private.h"
#include "cvg-histogram-math.h"
#include "cvg-series.h"
#include "bench-stats.h"

#define BUCKETS 30
#define HOVERS 200

static gint opt_steps = 500;
static gint opt_repeat = 21;
static gint opt_width = 560;
static gint opt_height = 250;
static char *opt_png = NULL;

static GOptionEntry entries[] = {
  { "steps", 0, 0, G_OPTION_ARG_INT, &opt_steps, "Steps (slices) in the card", "N" },
  { "repeat", 0, 0, G_OPTION_ARG_INT, &opt_repeat, "Timed repetitions of a redraw", "K" },
  { "width", 0, 0, G_OPTION_ARG_INT, &opt_width, "Chart width in pixels", "W" },
  { "height", 0, 0, G_OPTION_ARG_INT, &opt_height, "Chart height in pixels", "H" },
  { "png", 0, 0, G_OPTION_ARG_FILENAME, &opt_png, "Write each mode's last redraw to PREFIX-MODE.png", "PREFIX" },
  { NULL }
};

/* A normal distribution whose spread grows with the step, as weights do. */
static CvgSeries *
make_series (void)
{
  CvgSeries *series = cvg_series_new ("weights", CVG_KIND_HISTOGRAM, CVG_ENCODING_TENSOR);
  double rows[3 * BUCKETS];
  CvgTensor tensor = { CVG_DT_DOUBLE, 2, { BUCKETS, 3 }, 3 * BUCKETS, rows, NULL };

  for (int step = 0; step < opt_steps; step++)
    {
      double sigma = 0.1 + step * 0.002, lo = -4 * sigma, width = 8 * sigma / BUCKETS;

      for (int b = 0; b < BUCKETS; b++)
        {
          double centre = lo + (b + 0.5) * width;

          rows[3 * b] = lo + b * width;
          rows[3 * b + 1] = lo + (b + 1) * width;
          rows[3 * b + 2] = round (1000 * exp (-centre * centre / (2 * sigma * sigma)));
        }
      cvg_series_append_tensor (series, step, 1.7e9 + step * 3.0, &tensor);
    }
  return series;
}

static void
bench_mode (CvgHistogramView *view,
            CvgHistogramMode  mode,
            const char       *name,
            cairo_t          *cr,
            PangoLayout      *layout)
{
  g_autoptr(GArray) redraws = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) hovers = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));

  view->mode = mode;
  cvg_histogram_view_unhover (view);
  for (int i = 0; i < opt_repeat; i++)
    {
      double t = bench_now_ms ();

      cairo_save (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_restore (cr);
      cvg_histogram_view_draw (view, cr, layout, opt_width, opt_height);
      cairo_surface_flush (cairo_get_target (cr));
      t = bench_now_ms () - t;
      g_array_append_val (redraws, t);
    }
  if (opt_png != NULL)
    {
      g_autofree char *path = g_strdup_printf ("%s-%s.png", opt_png, name);

      cairo_surface_write_to_png (cairo_get_target (cr), path);
    }

  /* The pointer sweeps the chart diagonally, as a mouse would. */
  for (int i = 0; i < HOVERS; i++)
    {
      double x = view->plot_x + view->plot_w * i / HOVERS;
      double y = view->plot_y + view->plot_h * i / HOVERS;
      g_autofree char *text = NULL;
      double t = bench_now_ms ();

      cvg_histogram_view_hover (view, x, y);
      text = cvg_histogram_view_dup_tooltip_text (view);
      t = bench_now_ms () - t;
      g_array_append_val (hovers, t);

      t = bench_now_ms ();
      cairo_push_group (cr);
      cvg_histogram_view_draw_hover (view, cr, layout);
      cairo_pattern_destroy (cairo_pop_group (cr));
      t = bench_now_ms () - t;
      g_array_append_val (frames, t);
    }

  g_print ("%-12s redraw     : %8.2f ms  (median of %d; target <= 16 ms)\n", name, bench_median (redraws), opt_repeat);
  g_print ("%-12s hover      : %8.3f ms  (median of %d; target <= 1 ms)\n", name, bench_median (hovers), HOVERS);
  g_print ("%-12s hover frame: %8.3f ms  (median of %d)\n", name, bench_median (frames), HOVERS);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- histogram chart benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgSeries) series = NULL;
  CvgHistogramView *view;
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(PangoLayout) layout = NULL;
  double t;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  series = make_series ();
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, opt_width, opt_height);
  cr = cairo_create (surface);
  layout = pango_cairo_create_layout (cr);
  view = cvg_histogram_view_new ();
  gdk_rgba_parse (&view->color, "#e66100");

  t = bench_now_ms ();
  cvg_histogram_view_set_slices (view, cvg_histogram_slices_new (series, CVG_HISTOGRAM_DEFAULT_BINS));
  g_print ("card of %d steps x %d buckets, %d x %d px\n", opt_steps, BUCKETS, opt_width, opt_height);
  g_print ("first load (rebin + percentiles): %8.2f ms (once per card)\n", bench_now_ms () - t);

  bench_mode (view, CVG_HISTOGRAM_MODE_OFFSET, "offset", cr, layout);
  bench_mode (view, CVG_HISTOGRAM_MODE_OVERLAY, "overlay", cr, layout);
  bench_mode (view, CVG_HISTOGRAM_MODE_DISTRIBUTION, "distribution", cr, layout);

  cvg_histogram_view_free (view);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return 0;
}
