/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The projector's numeric core on synthetic data (ten Gaussian clusters
 * of unit spread, centres uniform in [−4, 4]^D): wall time (the median of
 * --repeat runs for pca and query, one run for the rest) and the process's
 * CPU time over all threads, which says more on a loaded machine.
 *   pca     N × D to 10 components, sphereized
 *   query   the 100 nearest neighbours of one point (cosine)
 *   knn     the exact k-nearest-neighbour graph (euclidean, k = 90, what
 *           t-SNE with perplexity 30 builds)
 *   tsne    preparation (kNN, bandwidths) and --iterations iterations
 *   umap    preparation (kNN, fuzzy set) and the default epochs, 2-D
 *
 *   bench-projection [--threads T] [--repeat K] [--iterations K]
 *                    [--only pca|query|knn|tsne|umap] [--n N --d D]
 * e.g. t-SNE of 100,000 points: --only tsne --n 100000 --d 50
 */

#define G_LOG_DOMAIN "bench-projection"

#include "config.h"

#include <math.h>
#include <time.h>

#include "cvg-neighbors.h"
#include "cvg-pca.h"
#include "cvg-tsne.h"
#include "cvg-umap.h"
#include "bench-stats.h"

static gint opt_threads = 0;
static gint opt_repeat = 3;
static char *opt_only = NULL;
static gint64 opt_n = 0;
static gint opt_d = 0;
static gint opt_iterations = 1000;

static GOptionEntry entries[] = {
  { "threads", 0, 0, G_OPTION_ARG_INT, &opt_threads, "Threads (0 = processors)", "T" },
  { "repeat", 0, 0, G_OPTION_ARG_INT, &opt_repeat, "Timed repetitions", "K" },
  { "only", 0, 0, G_OPTION_ARG_STRING, &opt_only, "Only this method", "METHOD" },
  { "n", 0, 0, G_OPTION_ARG_INT64, &opt_n, "Points (overrides the defaults)", "N" },
  { "iterations", 0, 0, G_OPTION_ARG_INT, &opt_iterations, "t-SNE iterations", "K" },
  { "d", 0, 0, G_OPTION_ARG_INT, &opt_d, "Dimensions (overrides the defaults)", "D" },
  { NULL }
};

/* @n_clusters Gaussian clusters of unit spread around centres 8 apart,
 * in @d dimensions. Deterministic. */
static float *
clustered_data (gsize n,
                gsize d,
                guint n_clusters)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree float *centres = g_new (float, n_clusters * d);
  float *data = g_new (float, n * d);

  for (gsize i = 0; i < n_clusters * d; i++)
    centres[i] = (float) g_rand_double_range (rand, -4, 4);
  for (gsize i = 0; i < n; i++)
    for (gsize j = 0; j < d; j++)
      {
        double u = 1.0 - g_rand_double (rand), v = g_rand_double (rand);

        data[i * d + j] = centres[(i % n_clusters) * d + j] +
                          (float) (sqrt (-2.0 * log (u)) * cos (2.0 * G_PI * v));
      }
  return data;
}

/* Process CPU seconds (all threads): on a shared, loaded machine the
 * wall time says more about the neighbours than about this code. */
static double
cpu_s (void)
{
  return (double) clock () / CLOCKS_PER_SEC;
}

static gboolean
wanted (const char *method)
{
  return opt_only == NULL || g_str_equal (opt_only, method);
}

static guint
threads (void)
{
  return opt_threads > 0 ? (guint) opt_threads : cvg_projection_default_threads ();
}

static void
bench_pca (gsize n,
           gsize d)
{
  g_autofree float *data = clustered_data (n, d, 10);
  g_autofree double *times = g_new (double, opt_repeat);
  double cpu = cpu_s ();

  for (gint r = 0; r < opt_repeat; r++)
    {
      g_autoptr(GError) error = NULL;
      double start = bench_now_ms ();
      g_autoptr(CvgPca) pca = cvg_pca_compute (data, n, d, 10, CVG_PCA_SPHEREIZE, threads (), NULL, &error);

      g_assert_no_error (error);
      times[r] = bench_now_ms () - start;
    }
  g_print ("pca      N=%-7" G_GSIZE_FORMAT " D=%-5" G_GSIZE_FORMAT " k=10 threads=%u  %.3f s (cpu %.3f s a run)\n",
           n, d, threads (), bench_median_of (times, opt_repeat) / 1000, (cpu_s () - cpu) / opt_repeat);
}

static void
bench_query (gsize n,
             gsize d)
{
  g_autofree float *data = clustered_data (n, d, 10);
  g_autofree double *times = g_new (double, opt_repeat);
  double cpu = cpu_s ();

  for (gint r = 0; r < opt_repeat; r++)
    {
      g_autoptr(GError) error = NULL;
      double start = bench_now_ms ();
      g_autoptr(GArray) row = cvg_neighbors_query (data, n, d, n / 2, 100, CVG_DISTANCE_COSINE, threads (), NULL, &error);

      g_assert_no_error (error);
      times[r] = bench_now_ms () - start;
    }
  g_print ("query    N=%-7" G_GSIZE_FORMAT " D=%-5" G_GSIZE_FORMAT " k=100 threads=%u  %.4f s (cpu %.4f s a run)\n",
           n, d, threads (), bench_median_of (times, opt_repeat) / 1000, (cpu_s () - cpu) / opt_repeat);
}

static void
bench_knn (gsize n,
           gsize d)
{
  g_autofree float *data = clustered_data (n, d, 10);
  g_autoptr(GError) error = NULL;
  double cpu = cpu_s (), start = bench_now_ms ();
  g_autoptr(CvgKnnGraph) graph = cvg_knn_graph_build (data, n, d, 90, CVG_DISTANCE_EUCLIDEAN, threads (), NULL, &error);

  g_assert_no_error (error);
  g_print ("knn      N=%-7" G_GSIZE_FORMAT " D=%-5" G_GSIZE_FORMAT " k=90 threads=%u  %.3f s (once; cpu %.1f s)\n",
           n, d, threads (), (bench_now_ms () - start) / 1000, cpu_s () - cpu);
}

static void
bench_tsne (gsize n,
            gsize d,
            guint dims)
{
  g_autofree float *data = clustered_data (n, d, 10);
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgTsne) tsne = NULL;
  CvgTsneParams params;
  double start, prepared, cpu = cpu_s ();

  cvg_tsne_params_init (&params);
  params.n_dims = dims;
  params.n_threads = threads ();
  start = bench_now_ms ();
  tsne = cvg_tsne_new (data, n, d, &params, NULL, &error);
  g_assert_no_error (error);
  prepared = bench_now_ms ();
  g_assert_true (cvg_tsne_step (tsne, opt_iterations, NULL, &error));
  g_print ("tsne     N=%-7" G_GSIZE_FORMAT " D=%-5" G_GSIZE_FORMAT " %u-D perplexity 30 threads=%u  prepare %.2f s + %d iterations %.2f s = %.2f s (cpu %.1f s)\n",
           n, d, dims, threads (), (prepared - start) / 1000, opt_iterations,
           (bench_now_ms () - prepared) / 1000, (bench_now_ms () - start) / 1000, cpu_s () - cpu);
}

static void
bench_umap (gsize n,
            gsize d)
{
  g_autofree float *data = clustered_data (n, d, 10);
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgUmap) umap = NULL;
  CvgUmapParams params;
  double start, prepared, cpu = cpu_s ();

  cvg_umap_params_init (&params);
  params.n_threads = threads ();
  start = bench_now_ms ();
  umap = cvg_umap_new (data, n, d, &params, NULL, &error);
  g_assert_no_error (error);
  prepared = bench_now_ms ();
  g_assert_true (cvg_umap_step (umap, G_MAXUINT, NULL, &error));
  g_print ("umap     N=%-7" G_GSIZE_FORMAT " D=%-5" G_GSIZE_FORMAT " 2-D 15 neighbours threads=%u  prepare %.2f s + %u epochs %.2f s = %.2f s (cpu %.1f s)\n",
           n, d, threads (), (prepared - start) / 1000, cvg_umap_get_n_epochs (umap),
           (bench_now_ms () - prepared) / 1000, (bench_now_ms () - start) / 1000, cpu_s () - cpu);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- projection benchmark");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  opt_repeat = MAX (opt_repeat, 1);

  if (wanted ("pca"))
    {
      if (opt_n > 0 && opt_d > 0)
        bench_pca (opt_n, opt_d);
      else
        {
          bench_pca (10000, 784);
          bench_pca (100, 784);
          bench_pca (100000, 50);
        }
    }
  if (wanted ("query"))
    {
      bench_query (10000, 784);
      bench_query (100000, 50);
    }
  if (wanted ("knn"))
    {
      if (opt_n > 0 && opt_d > 0)
        bench_knn (opt_n, opt_d);
      else
        bench_knn (10000, 50);
    }
  if (wanted ("tsne"))
    {
      if (opt_n > 0 && opt_d > 0)
        bench_tsne (opt_n, opt_d, 2);
      else
        {
          bench_tsne (10000, 50, 2);
          bench_tsne (10000, 50, 3);
        }
    }
  if (wanted ("umap"))
    {
      if (opt_n > 0 && opt_d > 0)
        bench_umap (opt_n, opt_d);
      else
        bench_umap (10000, 50);
    }
  return 0;
}
