/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `converge --export projection` on the real PyTorch projector set: its
 * PCA equals an independent computation written here (power iteration
 * on the Gram matrix of the sphereized vectors), and its t-SNE and UMAP
 * are reproducible for a seed; its custom projection equals centroids
 * of the label queries' points computed here. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cvg-test-corpus.h"

#define N_POINTS 100
#define N_DIMS   784

typedef struct
{
  int    status;
  char  *out;
  char  *err;
} Result;

static void
result_clear (Result *result)
{
  g_free (result->out);
  g_free (result->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static void
export (Result      *result,
        const char  *logdir,
        const char **extra)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;

  g_strv_builder_add_many (builder, g_getenv ("CVG_CONVERGE"), "--export", "projection", "--logdir", logdir,
                           "--embedding", "runs/fashion_mnist_experiment_1/default", NULL);
  g_strv_builder_addv (builder, extra);
  argv = g_strv_builder_end (builder);
  g_assert_nonnull (argv[0]);
  g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &result->out, &result->err, &result->status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (result->status, NULL));
}

/* The CSV's rows: index, coordinates and the label, checked for shape. */
static GPtrArray *
parse_csv (const char *csv,
           guint       n_dims)
{
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_assert_cmpstr (lines[0], ==, n_dims == 3 ? "index,x,y,z,label" : "index,x,y,label");
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      char **fields = g_strsplit (lines[i], ",", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, n_dims + 2);
      g_assert_cmpint (atoi (fields[0]), ==, (int) i - 1);
      g_ptr_array_add (rows, fields);
    }
  return rows;
}

/* The tensor as PyTorch wrote it, parsed here on its own, sphereized as
 * TensorBoard does for D ≥ 50: centred, then each row unit length. */
static double *
read_sphereized (const char *logdir)
{
  g_autofree char *path = g_build_filename (logdir, "runs", "fashion_mnist_experiment_1", "00000", "default",
                                            "tensors.tsv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  double *x = g_new0 (double, N_POINTS * N_DIMS);
  double mean[N_DIMS] = { 0 };

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; i < N_POINTS; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (cells), ==, N_DIMS);
      for (guint j = 0; j < N_DIMS; j++)
        x[i * N_DIMS + j] = g_ascii_strtod (cells[j], NULL);
    }
  for (guint i = 0; i < N_POINTS; i++)
    for (guint j = 0; j < N_DIMS; j++)
      mean[j] += x[i * N_DIMS + j] / N_POINTS;
  for (guint i = 0; i < N_POINTS; i++)
    {
      double norm = 0;

      for (guint j = 0; j < N_DIMS; j++)
        {
          x[i * N_DIMS + j] -= mean[j];
          norm += x[i * N_DIMS + j] * x[i * N_DIMS + j];
        }
      for (guint j = 0; j < N_DIMS; j++)
        x[i * N_DIMS + j] /= sqrt (norm);
    }
  return x;
}

/* The top 3 eigenvalues of XᵀX / N, as those of the N × N Gram matrix
 * X Xᵀ / N (the same non-zero spectrum), by power iteration with
 * deflation. */
static void
top_variances (const double *x,
               double        variances[3])
{
  g_autofree double *gram = g_new0 (double, N_POINTS * N_POINTS);

  for (guint a = 0; a < N_POINTS; a++)
    for (guint b = 0; b < N_POINTS; b++)
      {
        double dot = 0;

        for (guint j = 0; j < N_DIMS; j++)
          dot += x[a * N_DIMS + j] * x[b * N_DIMS + j];
        gram[a * N_POINTS + b] = dot / N_POINTS;
      }
  for (guint k = 0; k < 3; k++)
    {
      double v[N_POINTS], w[N_POINTS], lambda = 0;

      for (guint i = 0; i < N_POINTS; i++)
        v[i] = 1.0 + 0.01 * i;
      for (guint iteration = 0; iteration < 100000; iteration++)
        {
          double norm = 0, next = 0;

          for (guint i = 0; i < N_POINTS; i++)
            {
              w[i] = 0;
              for (guint j = 0; j < N_POINTS; j++)
                w[i] += gram[i * N_POINTS + j] * v[j];
              norm += w[i] * w[i];
            }
          norm = sqrt (norm);
          for (guint i = 0; i < N_POINTS; i++)
            {
              next += v[i] * w[i];
              v[i] = w[i] / norm;
            }
          if (fabs (next - lambda) < 1e-13 * fabs (next))
            break;
          lambda = next;
        }
      variances[k] = lambda;
      for (guint i = 0; i < N_POINTS; i++)
        for (guint j = 0; j < N_POINTS; j++)
          gram[i * N_POINTS + j] -= lambda * v[i] * v[j];
    }
}

static void
test_pca (void)
{
  const char *corpus = cvg_test_corpus_dir (CVG_TEST_CORPUS);
  g_autofree char *logdir = NULL;
  g_autofree double *x = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(Result) result = { 0 };
  const char *args[] = { "--method", "pca", "--dims", "3", NULL };
  double expected[3];

  if (corpus == NULL)
    return;
  logdir = g_build_filename (corpus, "pytorch_fmnist_projector", NULL);
  export (&result, logdir, args);
  rows = parse_csv (result.out, 3);
  g_assert_cmpuint (rows->len, ==, N_POINTS);
  x = read_sphereized (logdir);
  top_variances (x, expected);
  g_assert_cmpfloat (expected[0], >, expected[1]);
  /* Sphereized vectors are not centred again (as TensorBoard): the
   * variance along a component is the mean square of its coordinates. */
  for (guint d = 0; d < 3; d++)
    {
      double variance = 0;

      for (guint i = 0; i < N_POINTS; i++)
        {
          double c = g_ascii_strtod (((char **) g_ptr_array_index (rows, i))[1 + d], NULL);

          variance += c * c / N_POINTS;
        }
      g_test_message ("component %u: variance %.9g, expected %.9g", d, variance, expected[d]);
      g_assert_cmpfloat (fabs (variance - expected[d]), <=, 1e-4 * expected[d]);
    }
  /* The label column: the ten Fashion-MNIST classes. */
  {
    g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = 0; i < N_POINTS; i++)
      g_hash_table_add (labels, ((char **) g_ptr_array_index (rows, i))[4]);
    g_assert_cmpuint (g_hash_table_size (labels), ==, 10);
  }
}

static void
test_tsne_seeded (void)
{
  const char *corpus = cvg_test_corpus_dir (CVG_TEST_CORPUS);
  g_autofree char *logdir = NULL;
  g_auto(Result) a = { 0 };
  g_auto(Result) b = { 0 };
  g_auto(Result) c = { 0 };
  const char *args[] = { "--method", "tsne", "--seed", "7", "--perplexity", "10", "--iterations", "300", NULL };
  const char *other[] = { "--method", "tsne", "--seed", "8", "--perplexity", "10", "--iterations", "300", NULL };
  g_autoptr(GPtrArray) rows = NULL;

  if (corpus == NULL)
    return;
  logdir = g_build_filename (corpus, "pytorch_fmnist_projector", NULL);
  export (&a, logdir, args);
  export (&b, logdir, args);
  export (&c, logdir, other);
  rows = parse_csv (a.out, 2);
  g_assert_cmpuint (rows->len, ==, N_POINTS);
  g_assert_cmpstr (a.out, ==, b.out);
  g_assert_cmpstr (a.out, !=, c.out);
}

static void
test_umap_seeded (void)
{
  const char *corpus = cvg_test_corpus_dir (CVG_TEST_CORPUS);
  g_autofree char *logdir = NULL;
  g_auto(Result) a = { 0 };
  g_auto(Result) b = { 0 };
  const char *args[] = { "--method", "umap", "--dims", "3", "--seed", "3", NULL };
  g_autoptr(GPtrArray) rows = NULL;

  if (corpus == NULL)
    return;
  logdir = g_build_filename (corpus, "pytorch_fmnist_projector", NULL);
  export (&a, logdir, args);
  export (&b, logdir, args);
  rows = parse_csv (a.out, 3);
  g_assert_cmpuint (rows->len, ==, N_POINTS);
  g_assert_cmpstr (a.out, ==, b.out);
}

static void
test_usage (void)
{
  const char *corpus = cvg_test_corpus_dir (CVG_TEST_CORPUS);
  g_autofree char *logdir = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  if (corpus == NULL)
    return;
  logdir = g_build_filename (corpus, "tf1_triplet_projector", NULL);
  {
    const char *argv[] = { g_getenv ("CVG_CONVERGE"), "--export", "projection", "--logdir", logdir, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error);
  }
  g_assert_no_error (error);
  /* No tensor to project: the config is reported, naming the file looked for. */
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "feature_map_3:0"));
  g_assert_nonnull (strstr (err, "tf1_triplet_projector/checkpoint does not exist"));
}

/* Row @i's coordinate along centroid(@to) − centroid(@from), the rows
 * chosen by their label in metadata.tsv (one column, no header). */
static double
along (const double *x,
       char        **labels,
       guint         i,
       const char   *from,
       const char   *to)
{
  double axis[N_DIMS] = { 0 }, dot = 0;
  guint n_from = 0, n_to = 0;

  for (guint r = 0; r < N_POINTS; r++)
    {
      n_from += g_str_equal (labels[r], from);
      n_to += g_str_equal (labels[r], to);
    }
  g_assert_cmpuint (n_from, >, 0);
  g_assert_cmpuint (n_to, >, 0);
  for (guint r = 0; r < N_POINTS; r++)
    for (guint j = 0; j < N_DIMS; j++)
      {
        if (g_str_equal (labels[r], to))
          axis[j] += x[r * N_DIMS + j] / n_to;
        if (g_str_equal (labels[r], from))
          axis[j] -= x[r * N_DIMS + j] / n_from;
      }
  for (guint j = 0; j < N_DIMS; j++)
    dot += x[i * N_DIMS + j] * axis[j];
  return dot;
}

static void
test_custom (void)
{
  const char *corpus = cvg_test_corpus_dir (CVG_TEST_CORPUS);
  g_autofree char *logdir = NULL;
  g_autofree char *metadata_path = NULL;
  g_autofree char *metadata = NULL;
  g_auto(GStrv) labels = NULL;
  g_autofree double *x = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(Result) result = { 0 };
  const char *args[] = { "--method", "custom", "--by", "label", "--left", "^Sandal$", "--right", "^sneaker$",
                         "--up", "^Bag$", "--down", "^Trouser$", NULL };

  if (corpus == NULL)
    return;
  logdir = g_build_filename (corpus, "pytorch_fmnist_projector", NULL);
  metadata_path = g_build_filename (logdir, "runs", "fashion_mnist_experiment_1", "00000", "default",
                                    "metadata.tsv", NULL);
  g_assert_true (g_file_get_contents (metadata_path, &metadata, NULL, NULL));
  labels = g_strsplit (metadata, "\n", -1);
  g_assert_cmpuint (g_strv_length (labels), >=, N_POINTS);
  export (&result, logdir, args);
  rows = parse_csv (result.out, 2);
  g_assert_cmpuint (rows->len, ==, N_POINTS);
  x = read_sphereized (logdir);
  for (guint i = 0; i < N_POINTS; i++)
    {
      char **fields = g_ptr_array_index (rows, i);
      double expected[2] = { along (x, labels, i, "Sandal", "Sneaker"), along (x, labels, i, "Trouser", "Bag") };

      g_assert_cmpstr (fields[3], ==, labels[i]);
      for (guint d = 0; d < 2; d++)
        g_assert_cmpfloat (fabs (g_ascii_strtod (fields[1 + d], NULL) - expected[d]), <=,
                           1e-4 * MAX (fabs (expected[d]), 1e-2));
    }
}

/* A query matching nothing, or one missing, is refused with a reason. */
static void
test_custom_refused (void)
{
  const char *corpus = cvg_test_corpus_dir (CVG_TEST_CORPUS);
  g_autofree char *logdir = NULL;

  if (corpus == NULL)
    return;
  logdir = g_build_filename (corpus, "pytorch_fmnist_projector", NULL);
  for (guint k = 0; k < 2; k++)
    {
      const char *argv[] = { g_getenv ("CVG_CONVERGE"), "--export", "projection", "--logdir", logdir,
                             "--embedding", "runs/fashion_mnist_experiment_1/default", "--method", "custom", "--left", "Sandal", "--right", "Sneaker", "--up", "Bag",
                             k == 0 ? "--down" : NULL, "Zebra", NULL };
      g_autoptr(GError) error = NULL;
      g_autofree char *err = NULL;
      int status;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error);
      g_assert_no_error (error);
      g_assert_false (g_spawn_check_wait_status (status, NULL));
      /* The quotes may be transliterated in the test's locale. */
      g_assert_nonnull (strstr (err, k == 0 ? "Zebra" : "needs --left, --right, --up and --down"));
      g_assert_true (k == 1 || strstr (err, "matches no point") != NULL);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/projector-export/pca", test_pca);
  g_test_add_func ("/projector-export/tsne-seeded", test_tsne_seeded);
  g_test_add_func ("/projector-export/umap-seeded", test_umap_seeded);
  g_test_add_func ("/projector-export/no-tensor", test_usage);
  g_test_add_func ("/projector-export/custom", test_custom);
  g_test_add_func ("/projector-export/custom-refused", test_custom_refused);
  return g_test_run ();
}
