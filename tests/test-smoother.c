/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Scalars page's smoothers against values worked out by hand. */

#include "config.h"

#include <math.h>

#include "cvg-smoother.h"

static void
assert_values (const double *got,
               const double *want,
               gsize         n)
{
  for (gsize i = 0; i < n; i++)
    {
      if (isnan (want[i]))
        g_assert_true (isnan (got[i]));
      else
        g_assert_cmpfloat_with_epsilon (got[i], want[i], 1e-9);
    }
}

static void
test_window (void)
{
  g_assert_cmpuint (cvg_smoother_window (0), ==, 1);
  g_assert_cmpuint (cvg_smoother_window (0.6), ==, 61);
  g_assert_cmpuint (cvg_smoother_window (0.999), ==, 101);
  g_assert_cmpuint (cvg_smoother_window (NAN), ==, 1);
}

/* Window 3: the ends average two points, not three. */
static void
test_moving_average (void)
{
  static const double values[] = { 1, 2, 3, 4, 10 };
  static const double want[] = { 1.5, 2, 3, 17.0 / 3, 7 };
  double got[G_N_ELEMENTS (values)];

  cvg_smooth_moving_average (values, G_N_ELEMENTS (values), 3, got);
  assert_values (got, want, G_N_ELEMENTS (values));

  /* Window 1 is no smoothing. */
  cvg_smooth_moving_average (values, G_N_ELEMENTS (values), 1, got);
  assert_values (got, values, G_N_ELEMENTS (values));
}

/* A NaN stays where it is and is left out of its neighbours' means. */
static void
test_moving_average_nan (void)
{
  static const double values[] = { 1, NAN, 3, 5 };
  static const double want[] = { 1, NAN, 4, 4 };
  double got[G_N_ELEMENTS (values)];

  cvg_smooth_moving_average (values, G_N_ELEMENTS (values), 3, got);
  assert_values (got, want, G_N_ELEMENTS (values));
}

/* r = √s with r^500 = 1/2: gaps of half the range decay by 1/2.
 * s: 1, 1·½ + 2 = 2.5, 2.5·½ + 4 = 5.25; d: 1, 1.5, 1.75. */
static void
test_time_weighted (void)
{
  static const double xs[] = { 0, 500, 1000 };
  static const double values[] = { 1, 2, 4 };
  static const double want[] = { 1, 2.5 / 1.5, 5.25 / 1.75 };
  double got[G_N_ELEMENTS (values)];

  cvg_smooth_time_weighted_ema (xs, values, G_N_ELEMENTS (values), pow (0.5, 1.0 / 250), got);
  assert_values (got, want, G_N_ELEMENTS (values));
}

/* Uneven gaps: a point 100 steps on decays by ½^0.2 = 0.870551, one 900
 * on by ½^1.8 = 0.287175; worked out as (a + 2) / (a + 1) and
 * ((a + 2) b + 4) / ((a + 1) b + 1). */
static void
test_time_weighted_uneven (void)
{
  static const double xs[] = { 0, 100, 1000 };
  static const double values[] = { 1, 2, 4 };
  static const double want[] = { 1, 1.5346019613807635, 3.1384523350883056 };
  double got[G_N_ELEMENTS (values)];

  cvg_smooth_time_weighted_ema (xs, values, G_N_ELEMENTS (values), pow (0.5, 1.0 / 250), got);
  assert_values (got, want, G_N_ELEMENTS (values));
}

/* A ramp logged every step and every tenth step: the time-weighted EMA
 * lags by about as many steps in both (0.812 and 0.851 at step 100, with
 * 0.99), the plain EMA by as many points (0.910 and 0.603 with 0.9). */
static void
test_time_weighted_density (void)
{
  double dense_x[101], dense_y[101], dense_out[101];
  double sparse_x[11], sparse_y[11], sparse_out[11];
  double ema_dense[101], ema_sparse[11];

  for (guint i = 0; i <= 100; i++)
    {
      dense_x[i] = i;
      dense_y[i] = i / 100.0;
    }
  for (guint i = 0; i <= 10; i++)
    {
      sparse_x[i] = 10 * i;
      sparse_y[i] = i / 10.0;
    }
  cvg_smooth_time_weighted_ema (dense_x, dense_y, 101, 0.99, dense_out);
  cvg_smooth_time_weighted_ema (sparse_x, sparse_y, 11, 0.99, sparse_out);
  cvg_smoother_apply (CVG_SMOOTHER_EMA, 0.9, dense_x, dense_y, 101, ema_dense);
  cvg_smoother_apply (CVG_SMOOTHER_EMA, 0.9, sparse_x, sparse_y, 11, ema_sparse);
  g_assert_cmpfloat_with_epsilon (dense_out[100], 0.8123104307373731, 1e-9);
  g_assert_cmpfloat_with_epsilon (sparse_out[10], 0.8512217063793813, 1e-9);
  g_assert_cmpfloat (fabs (dense_out[100] - sparse_out[10]), <, 0.25 * fabs (ema_dense[100] - ema_sparse[10]));
}

/* The dispatcher: 0 copies; EMA is TensorBoard's, debiased:
 * (½·1) / ½ = 1, then (¼ + 1) / ¾ = 5/3. */
static void
test_apply (void)
{
  static const double xs[] = { 0, 1 };
  static const double values[] = { 1, 2 };
  static const double want_ema[] = { 1, 5.0 / 3 };
  double got[2];

  cvg_smoother_apply (CVG_SMOOTHER_EMA, 0, xs, values, 2, got);
  assert_values (got, values, 2);
  cvg_smoother_apply (CVG_SMOOTHER_EMA, 0.5, xs, values, 2, got);
  assert_values (got, want_ema, 2);
  /* 0.01 gives a window of 3: both points average to 1.5. */
  cvg_smoother_apply (CVG_SMOOTHER_MOVING_AVERAGE, 0.01, xs, values, 2, got);
  g_assert_cmpfloat (got[0], ==, 1.5);
  g_assert_cmpfloat (got[1], ==, 1.5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/smoother/window", test_window);
  g_test_add_func ("/model/smoother/moving-average", test_moving_average);
  g_test_add_func ("/model/smoother/moving-average-nan", test_moving_average_nan);
  g_test_add_func ("/model/smoother/time-weighted", test_time_weighted);
  g_test_add_func ("/model/smoother/time-weighted-uneven", test_time_weighted_uneven);
  g_test_add_func ("/model/smoother/time-weighted-density", test_time_weighted_density);
  g_test_add_func ("/model/smoother/apply", test_apply);
  return g_test_run ();
}
