/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-histogram-math"

#include "config.h"

#include <math.h>

#include "cvg-histogram-math.h"
#include "cvg-tensor-private.h"

static void
rebin_card (const double *rows,
            gsize         k,
            guint         n_bins,
            double       *out)
{
  double lo = INFINITY, hi = -INFINITY;

  cvg_histogram_extend_range (rows, k, &lo, &hi);
  cvg_histogram_fix_range (&lo, &hi);
  cvg_histogram_rebin (rows, k, lo, hi, n_bins, out);
}

static void
assert_bins (const double *got,
             const double *want,
             guint         n)
{
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (got[i], want[i], 1e-9);
}

/* Rebinning ---------------------------------------------------------------- */

/* [0, 3] holding 6 onto 3 bins of width 1: 2 each. */
static void
test_rebin_single_bucket (void)
{
  const double rows[] = { 0, 3, 6 };
  const double want[] = { 2, 2, 2 };
  double out[3];

  rebin_card (rows, 1, 3, out);
  assert_bins (out, want, 3);
}

/* [0, 1] holding 4 and [1, 3] holding 2 onto [0, 1), [1, 2), [2, 3]:
 * the second splits 1 + 1. */
static void
test_rebin_overlap (void)
{
  const double rows[] = { 0, 1, 4,  1, 3, 2 };
  const double want[] = { 4, 1, 1 };
  double out[3];

  rebin_card (rows, 2, 3, out);
  assert_bins (out, want, 3);
}

/* Two slices share the range [0, 4] of their union: 4 bins of width 1. */
static void
test_rebin_shared_range (void)
{
  const double a[] = { 0, 2, 3 };
  const double b[] = { 2, 4, 1 };
  const double want_a[] = { 1.5, 1.5, 0, 0 };
  const double want_b[] = { 0, 0, 0.5, 0.5 };
  double lo = INFINITY, hi = -INFINITY, out[4];

  cvg_histogram_extend_range (a, 1, &lo, &hi);
  cvg_histogram_extend_range (b, 1, &lo, &hi);
  cvg_histogram_fix_range (&lo, &hi);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 4);
  cvg_histogram_rebin (a, 1, lo, hi, 4, out);
  assert_bins (out, want_a, 4);
  cvg_histogram_rebin (b, 1, lo, hi, 4, out);
  assert_bins (out, want_b, 4);
}

/* A zero-width bucket at 1 puts all of its 5 in [1, 2); one at the
 * right end goes to the last bin. */
static void
test_rebin_zero_width (void)
{
  const double rows[] = { 0, 0.5, 2,  1, 1, 5,  4, 4, 7 };
  const double want[] = { 2, 5, 0, 7 };
  double out[4];

  rebin_card (rows, 3, 4, out);
  assert_bins (out, want, 4);
}

static void
test_rebin_all_zero (void)
{
  const double rows[] = { 0, 1, 0,  1, 2, 0 };
  const double want[] = { 0, 0, 0, 0 };
  double lo = INFINITY, hi = -INFINITY, out[4];

  cvg_histogram_extend_range (rows, 2, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 2);
  rebin_card (rows, 2, 4, out);
  assert_bins (out, want, 4);
}

/* TF2 writes a constant tensor as buckets whose edges are all the value:
 * the range widens to 2 ± (0.1·2 + 1) = [0.8, 3.2]; 3 bins of 0.8 put 2
 * in the middle one. Negative values widen the same way. */
static void
test_rebin_equal_edges (void)
{
  const double rows[] = { 2, 2, 10,  2, 2, 0,  2, 2, 6 };
  const double negative[] = { -100, -100, 3 };
  const double want[] = { 0, 16, 0 };
  double lo = INFINITY, hi = -INFINITY, out[3];

  cvg_histogram_extend_range (rows, 3, &lo, &hi);
  cvg_histogram_fix_range (&lo, &hi);
  g_assert_cmpfloat_with_epsilon (lo, 0.8, 1e-12);
  g_assert_cmpfloat_with_epsilon (hi, 3.2, 1e-12);
  rebin_card (rows, 3, 3, out);
  assert_bins (out, want, 3);

  lo = INFINITY, hi = -INFINITY;
  cvg_histogram_extend_range (negative, 1, &lo, &hi);
  cvg_histogram_fix_range (&lo, &hi);
  g_assert_cmpfloat_with_epsilon (lo, -111, 1e-12);
  g_assert_cmpfloat_with_epsilon (hi, -89, 1e-12);
  rebin_card (negative, 1, 3, out);
  g_assert_cmpfloat (out[1], ==, 3);
}

static void
test_rebin_empty (void)
{
  double lo = INFINITY, hi = -INFINITY, out[2];

  cvg_histogram_extend_range (NULL, 0, &lo, &hi);
  cvg_histogram_fix_range (&lo, &hi);
  g_assert_cmpfloat (lo, ==, -1);
  g_assert_cmpfloat (hi, ==, 1);
  cvg_histogram_rebin (NULL, 0, lo, hi, 2, out);
  g_assert_cmpfloat (out[0] + out[1], ==, 0);
}

/* Random buckets, some of zero width, some running backwards: whatever
 * the bin count, no count is lost or made. */
static void
test_rebin_conserves (void)
{
  for (guint trial = 0; trial < 200; trial++)
    {
      guint k = g_test_rand_int_range (1, 40);
      guint n_bins = g_test_rand_int_range (1, 64);
      g_autofree double *rows = g_new (double, 3 * k);
      g_autofree double *out = g_new (double, n_bins);
      double x = g_test_rand_double_range (-50, 50), total = 0, sum = 0;

      for (guint i = 0; i < k; i++)
        {
          double width = g_test_rand_int_range (0, 4) == 0 ? 0 : g_test_rand_double_range (0, 3);

          rows[3 * i] = x;
          rows[3 * i + 1] = x + width;
          rows[3 * i + 2] = g_test_rand_int_range (0, 3) == 0 ? 0 : g_test_rand_double_range (0, 1000);
          total += rows[3 * i + 2];
          x += width;
        }
      rebin_card (rows, k, n_bins, out);
      for (guint b = 0; b < n_bins; b++)
        {
          g_assert_cmpfloat (out[b], >=, 0);
          sum += out[b];
        }
      g_assert_cmpfloat_with_epsilon (sum, total, 1e-9 * MAX (1, total));
    }
}

/* A HistogramProto converted the TensorBoard way (an empty first bucket
 * as PyTorch writes it, whose converted edges run backwards; outer edges
 * from min and max) and the [k, 3] tensor of the same buckets draw the
 * same picture. */
static void
test_rebin_both_encodings (void)
{
  double limits[] = { 0.4, 1, 2, 4 };
  double buckets[] = { 0, 2, 3, 5 };
  Tensorboard__HistogramProto proto = TENSORBOARD__HISTOGRAM_PROTO__INIT;
  const double tensor[] = { 0.4, 1, 2,  1, 2, 3,  2, 3.5, 5 };
  g_autofree double *rows = NULL;
  double a[CVG_HISTOGRAM_DEFAULT_BINS], b[CVG_HISTOGRAM_DEFAULT_BINS];
  gsize k;

  proto.min = 0.5;
  proto.max = 3.5;
  proto.n_bucket_limit = G_N_ELEMENTS (limits);
  proto.bucket_limit = limits;
  proto.n_bucket = G_N_ELEMENTS (buckets);
  proto.bucket = buckets;
  k = cvg_histogram_proto_to_rows (&proto, &rows);
  g_assert_cmpuint (k, ==, 4);

  rebin_card (rows, k, CVG_HISTOGRAM_DEFAULT_BINS, a);
  rebin_card (tensor, 3, CVG_HISTOGRAM_DEFAULT_BINS, b);
  assert_bins (a, b, CVG_HISTOGRAM_DEFAULT_BINS);
  /* [0.4, 3.5] in 30 bins of 3.1/30: the first gets that much of the
   * 2 spread over [0.4, 1]. */
  g_assert_cmpfloat_with_epsilon (a[0], 2 * (3.1 / 30) / 0.6, 1e-9);
}

/* Percentiles --------------------------------------------------------------- */

/* One bucket [0, 10]: the basis points scale linearly, max comes last. */
static void
test_percentiles_single (void)
{
  const double rows[] = { 0, 10, 100 };
  const double want[] = { 0, 0.668, 1.587, 3.085, 5, 6.915, 8.413, 9.332, 10 };
  double out[CVG_HISTOGRAM_N_PERCENTILES];

  cvg_histogram_percentiles (rows, 1, out);
  assert_bins (out, want, CVG_HISTOGRAM_N_PERCENTILES);
}

/* [0, 1] holding 1 and [1, 3] holding 3: cumulative weights 2500, 10000.
 * Below 2500 x = bp / 2500; above, x = 1 + (bp − 2500) · 2 / 7500. */
static void
test_percentiles_two_buckets (void)
{
  const double rows[] = { 0, 1, 1,  1, 3, 3 };
  const double want[] = {
    0, 668 / 2500.0, 1587 / 2500.0,
    1 + 585 * 2 / 7500.0, 1 + 2500 * 2 / 7500.0, 1 + 4415 * 2 / 7500.0,
    1 + 5913 * 2 / 7500.0, 1 + 6832 * 2 / 7500.0, 3
  };
  double out[CVG_HISTOGRAM_N_PERCENTILES];

  cvg_histogram_percentiles (rows, 2, out);
  assert_bins (out, want, CVG_HISTOGRAM_N_PERCENTILES);
}

/* An empty middle bucket is skipped: the 50th percentile lies at the left
 * edge of the next full one, the cumulative count being flat between. */
static void
test_percentiles_gap (void)
{
  const double rows[] = { 0, 1, 1,  1, 2, 0,  2, 3, 1 };
  double out[CVG_HISTOGRAM_N_PERCENTILES];

  cvg_histogram_percentiles (rows, 3, out);
  g_assert_cmpfloat_with_epsilon (out[3], 3085 / 5000.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (out[4], 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (out[6], 2 + 3413 / 5000.0, 1e-12);
}

/* As TensorBoard: no count leaves every point at the maximum; no bucket
 * at all gives zeros. */
static void
test_percentiles_all_zero (void)
{
  const double rows[] = { 0, 1, 0,  1, 2, 0 };
  double out[CVG_HISTOGRAM_N_PERCENTILES];

  cvg_histogram_percentiles (rows, 2, out);
  for (guint i = 0; i < CVG_HISTOGRAM_N_PERCENTILES; i++)
    g_assert_cmpfloat (out[i], ==, 2);
  cvg_histogram_percentiles (NULL, 0, out);
  for (guint i = 0; i < CVG_HISTOGRAM_N_PERCENTILES; i++)
    g_assert_cmpfloat (out[i], ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/histogram/rebin/single-bucket", test_rebin_single_bucket);
  g_test_add_func ("/model/histogram/rebin/overlap", test_rebin_overlap);
  g_test_add_func ("/model/histogram/rebin/shared-range", test_rebin_shared_range);
  g_test_add_func ("/model/histogram/rebin/zero-width", test_rebin_zero_width);
  g_test_add_func ("/model/histogram/rebin/all-zero", test_rebin_all_zero);
  g_test_add_func ("/model/histogram/rebin/equal-edges", test_rebin_equal_edges);
  g_test_add_func ("/model/histogram/rebin/empty", test_rebin_empty);
  g_test_add_func ("/model/histogram/rebin/conserves", test_rebin_conserves);
  g_test_add_func ("/model/histogram/rebin/both-encodings", test_rebin_both_encodings);
  g_test_add_func ("/model/histogram/percentiles/single", test_percentiles_single);
  g_test_add_func ("/model/histogram/percentiles/two-buckets", test_percentiles_two_buckets);
  g_test_add_func ("/model/histogram/percentiles/gap", test_percentiles_gap);
  g_test_add_func ("/model/histogram/percentiles/all-zero", test_percentiles_all_zero);

  return g_test_run ();
}
