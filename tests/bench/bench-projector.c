/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The projector's scatter drawing: N points (default 100,000) on a 1200 ×
 * 900 image surface, 2-D and 3-D, the camera orbiting a little each frame
 * as a drag does. Prints the median and worst ms a frame; the budget is
 * 16 ms.
 *   bench-projector [N_POINTS] [FRAMES] */

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "bench-stats.h"
#include "cvg-scatter-draw.h"

#define WIDTH  1200
#define HEIGHT 900

static void
run (guint n_points,
     guint n_dims,
     guint frames)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  g_autofree float *coords = g_new (float, (gsize) n_points * n_dims);
  g_autofree guint32 *colors = g_new (guint32, n_points);
  g_autofree guint8 *flags = g_new0 (guint8, n_points);
  g_autofree double *times = g_new (double, frames);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  CvgScatterScene scene = { 0 };
  CvgScatterCache cache = { 0 };

  /* Ten Gaussian clusters, coloured by cluster. */
  for (guint i = 0; i < n_points; i++)
    {
      guint cluster = i % 10;

      for (guint d = 0; d < n_dims; d++)
        coords[(gsize) i * n_dims + d] = (float) CLAMP (0.5 * sin (cluster * 1.7 + d) + 0.15 * g_rand_double_range (rand, -1, 1), -1, 1);
      colors[i] = 0x1f77b4 + cluster * 0x101010;
    }
  flags[0] = CVG_SCATTER_SELECTED;
  for (guint i = 1; i < 100 && i < n_points; i++)
    flags[i] = CVG_SCATTER_NEIGHBOR;
  scene.n_points = n_points;
  scene.n_dims = n_dims;
  scene.coords = coords;
  scene.colors = colors;
  scene.flags = flags;
  cvg_scatter_camera_reset (&scene.camera);
  for (guint f = 0; f < frames; f++)
    {
      double start = bench_now_ms ();

      scene.camera.yaw += 0.02;
      cvg_scatter_draw (cr, &scene, &cache, WIDTH, HEIGHT);
      cairo_surface_flush (surface);
      times[f] = bench_now_ms () - start;
    }
  bench_sort_doubles (times, frames);
  g_print ("draw %u points %u-D: median %.2f ms, worst %.2f ms a frame (%u frames, %d x %d)\n",
           n_points, n_dims, times[frames / 2], times[frames - 1], frames, WIDTH, HEIGHT);
  cvg_scatter_cache_clear (&cache);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  guint n_points = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  guint frames = argc > 2 ? (guint) atoi (argv[2]) : 60;

  run (n_points, 2, frames);
  run (n_points, 3, frames);
  return 0;
}
