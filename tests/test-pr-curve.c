/* SPDX-License-Identifier: GPL-3.0-or-later */
/* PR curves: both storages read back alike, thresholds, trimming, average
 * precision, hostile shapes, and the corpus's tensorboardX curves. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "cvg-io-error.h"
#include "cvg-logdir.h"
#include "cvg-pr-curve.h"
#include "cvg-run.h"
#include "cvg-series.h"
#include "cvg-test-corpus.h"
#include "cvg-test-files.h"
#include "test-pr-curve-events.h"

/* Five thresholds 0, .25, .5, .75, 1 over 4 positives and 4 negatives;
 * the last two columns predict nothing positive. */
static const float hand_curve[6 * 5] = {
  4, 3, 2, 0, 0,                  /* TP */
  4, 2, 1, 0, 0,                  /* FP */
  0, 2, 3, 4, 4,                  /* TN */
  0, 1, 2, 4, 4,                  /* FN */
  0.5f, 0.6f, 2 / 3.0f, 0, 0,     /* precision */
  1, 0.75f, 0.5f, 0, 0,           /* recall */
};

static CvgRun *
read_written_run (const char *dir,
                  gboolean    as_content)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, as_content ? "events.out.tfevents.1.tb" : "events.out.tfevents.1.pt",
                                            NULL);
  g_autoptr(CvgEventWriter) writer = cvg_event_writer_new (path, &error);
  CvgRun *run;

  g_assert_no_error (error);
  g_assert_true (cvg_event_writer_write_file_version (writer, 1.0, "brain.Event:2", &error));
  g_assert_true (cvg_test_write_pr_curve (writer, 2.0, 7, "pr/class_a", hand_curve, 5, as_content, &error));
  g_assert_true (cvg_event_writer_flush (writer, &error));
  g_assert_no_error (error);

  run = cvg_run_new ("run", dir);
  cvg_run_add_file (run, path);
  cvg_run_read (run);
  g_assert_cmpuint (cvg_run_get_problems (run)->len, ==, 0);
  return run;
}

static CvgPrCurve *
curve_of_run (CvgRun *run)
{
  g_autoptr(GError) error = NULL;
  CvgSeries *series = cvg_run_lookup_series (run, CVG_KIND_PR_CURVE, "pr/class_a");
  CvgPrCurve *curve;

  g_assert_nonnull (series);
  g_assert_cmpuint (cvg_series_get_length (series), ==, 1);
  g_assert_cmpint (cvg_series_get_step (series, 0), ==, 7);
  curve = cvg_pr_curve_new_from_tensor (cvg_series_get_tensor (series, 0), &error);
  g_assert_no_error (error);
  g_assert_nonnull (curve);
  return curve;
}

/* tensor_content (TensorBoard) and float_val (PyTorch) give one curve:
 * the hand case's three kept columns, their thresholds and values. */
static void
test_storages (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cvg-pr-XXXXXX", &error);
  g_autoptr(CvgRun) tb_run = read_written_run (dir, TRUE);
  g_autoptr(CvgRun) pt_run = read_written_run (dir, FALSE);
  g_autoptr(CvgPrCurve) tb = curve_of_run (tb_run);
  g_autoptr(CvgPrCurve) pt = curve_of_run (pt_run);

  g_assert_no_error (error);
  for (guint k = 0; k < 2; k++)
    {
      CvgPrCurve *curve = k == 0 ? tb : pt;

      g_assert_cmpuint (cvg_pr_curve_get_n_thresholds (curve), ==, 5);
      g_assert_cmpuint (cvg_pr_curve_get_length (curve), ==, 3);
      g_assert_cmpfloat (cvg_pr_curve_get_threshold (curve, 0), ==, 0.0);
      g_assert_cmpfloat (cvg_pr_curve_get_threshold (curve, 1), ==, 0.25);
      g_assert_cmpfloat (cvg_pr_curve_get_threshold (curve, 2), ==, 0.5);
      for (guint row = 0; row < CVG_PR_N_ROWS; row++)
        for (guint j = 0; j < 3; j++)
          g_assert_cmpfloat (cvg_pr_curve_get (curve, row, j), ==, (double) hand_curve[row * 5 + j]);
    }
  cvg_test_remove_tree (dir);
}

/* By hand, from the highest kept threshold down:
 * (0.5 − 0)·2/3 + (0.75 − 0.5)·0.6 + (1 − 0.75)·0.5 = 0.608333… */
static void
test_average_precision (void)
{
  CvgTensorValue tensor = { CVG_DT_FLOAT, 2, { 6, 5 }, 30, NULL, NULL };
  double numbers[30];
  g_autoptr(CvgPrCurve) curve = NULL;

  for (guint i = 0; i < 30; i++)
    numbers[i] = hand_curve[i];
  tensor.numbers = numbers;
  curve = cvg_pr_curve_new_from_tensor (&tensor, NULL);
  g_assert_cmpfloat_with_epsilon (cvg_pr_curve_get_average_precision (curve),
                                  (0.5 * (2 / 3.0f)) + 0.25 * 0.6f + 0.25 * 0.5, 1e-6);
  g_assert_cmpfloat_with_epsilon (cvg_pr_curve_get_average_precision (curve), 0.608333, 1e-5);
}

/* Nothing predicted positive anywhere: only column 0 stays; counts are
 * cut to whole numbers as TensorBoard's int() does; NaN counts are 0. */
static void
test_trimming (void)
{
  double numbers[6 * 4] = {
    0, 0, 0, 0,
    0.9, 0.4, 0, 0,
    3, 3, 3, 3,
    2.7, 2, 2, 2,
    NAN, 0, 0, 0,
    0, 0, 0, 0,
  };
  CvgTensorValue tensor = { CVG_DT_FLOAT, 2, { 6, 4 }, 24, numbers, NULL };
  g_autoptr(CvgPrCurve) curve = cvg_pr_curve_new_from_tensor (&tensor, NULL);

  g_assert_cmpuint (cvg_pr_curve_get_length (curve), ==, 1);
  g_assert_cmpfloat (cvg_pr_curve_get (curve, CVG_PR_FP, 0), ==, 0.0);
  g_assert_cmpfloat (cvg_pr_curve_get (curve, CVG_PR_FN, 0), ==, 2.0);
  g_assert_true (isnan (cvg_pr_curve_get (curve, CVG_PR_PRECISION, 0)));
  g_assert_cmpfloat (cvg_pr_curve_get_average_precision (curve), ==, 0.0);

  /* A last column with a positive keeps everything before it. */
  numbers[3] = 1;
  {
    g_autoptr(CvgPrCurve) full = cvg_pr_curve_new_from_tensor (&tensor, NULL);

    g_assert_cmpuint (cvg_pr_curve_get_length (full), ==, 4);
    g_assert_cmpfloat (cvg_pr_curve_get_threshold (full, 3), ==, 1.0);
    g_assert_cmpfloat_with_epsilon (cvg_pr_curve_get_threshold (full, 1), 1 / 3.0, 1e-12);
  }
}

/* Shapes a file may claim: each refused with an error, none read past
 * the values held. */
static void
test_hostile (void)
{
  double numbers[12] = { 0 };
  const CvgTensorValue bad[] = {
    { CVG_DT_FLOAT, 1, { 12 }, 12, numbers, NULL },                    /* rank 1 */
    { CVG_DT_FLOAT, 2, { 5, 2 }, 10, numbers, NULL },                  /* 5 rows */
    { CVG_DT_FLOAT, 2, { 6, 2000000000 }, 12, numbers, NULL },         /* more than held */
    { CVG_DT_FLOAT, 2, { 6, G_GINT64_CONSTANT (1) << 62 }, 12, numbers, NULL },
    { CVG_DT_FLOAT, 2, { 6, 0 }, 0, numbers, NULL },                   /* no column */
    { CVG_DT_FLOAT, 2, { 6, -2 }, 12, numbers, NULL },
    { CVG_DT_STRING, 2, { 6, 2 }, 12, NULL, NULL },                    /* not numbers */
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CvgPrCurve) curve = cvg_pr_curve_new_from_tensor (&bad[i], &error);

      g_assert_null (curve);
      g_assert_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE);
    }
}

/* tensorboardX's 127 thresholds in float_val: the curve holds the counts
 * the manifest gives, and precision and recall agree with them. */
static void
test_corpus_float_val (void)
{
  const char *corpus = cvg_test_corpus_dir (CVG_TEST_CORPUS_PLUGINS);
  g_autofree char *dir = NULL;
  g_autoptr(CvgLogdir) logdir = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *runs;
  guint n_curves = 0;

  if (corpus == NULL)
    return;
  dir = g_build_filename (corpus, "tbx_text_prcurve_gnn", "infection", NULL);
  logdir = cvg_logdir_new (dir);
  g_assert_true (cvg_logdir_load (logdir, &error));
  g_assert_no_error (error);
  runs = cvg_logdir_get_runs (logdir);
  g_assert_cmpuint (runs->len, ==, 6);
  for (guint i = 0; i < runs->len; i++)
    {
      CvgSeries *series = cvg_run_lookup_series (g_ptr_array_index (runs, i), CVG_KIND_PR_CURVE, "infection");
      g_autoptr(CvgPrCurve) curve = NULL;
      guint length;

      g_assert_nonnull (series);
      curve = cvg_pr_curve_new_from_tensor (cvg_series_get_tensor (series, 0), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (cvg_pr_curve_get_n_thresholds (curve), ==, 127);
      length = cvg_pr_curve_get_length (curve);
      g_assert_cmpuint (length, >=, 1);
      for (guint j = 0; j < length; j++)
        {
          double tp = cvg_pr_curve_get (curve, CVG_PR_TP, j);
          double fp = cvg_pr_curve_get (curve, CVG_PR_FP, j);
          double fn = cvg_pr_curve_get (curve, CVG_PR_FN, j);

          g_assert_cmpfloat (tp + fp, >, 0);
          g_assert_cmpfloat_with_epsilon (cvg_pr_curve_get (curve, CVG_PR_PRECISION, j), tp / MAX (tp + fp, 1e-7), 1e-5);
          g_assert_cmpfloat_with_epsilon (cvg_pr_curve_get (curve, CVG_PR_RECALL, j), tp / MAX (tp + fn, 1e-7), 1e-5);
        }
      if (g_str_equal (cvg_run_get_name (g_ptr_array_index (runs, i)), "lr.001_nodes.1_count1_wd.0001_MPUKHT"))
        {
          g_assert_cmpfloat (cvg_pr_curve_get (curve, CVG_PR_TP, 0), ==, 279908);
          g_assert_cmpfloat (cvg_pr_curve_get (curve, CVG_PR_FP, 0), ==, 408764);
        }
      g_assert_cmpfloat (cvg_pr_curve_get_average_precision (curve), >, 0);
      g_assert_cmpfloat (cvg_pr_curve_get_average_precision (curve), <=, 1);
      n_curves++;
    }
  g_assert_cmpuint (n_curves, ==, 6);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pr-curve/storages", test_storages);
  g_test_add_func ("/pr-curve/average-precision", test_average_precision);
  g_test_add_func ("/pr-curve/trimming", test_trimming);
  g_test_add_func ("/pr-curve/hostile", test_hostile);
  g_test_add_func ("/pr-curve/corpus-float-val", test_corpus_float_val);
  return g_test_run ();
}
