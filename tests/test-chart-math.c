/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-chart-math"

#include "config.h"

#include <float.h>
#include <math.h>

#include "cvg-chart-math.h"

/* Smoothing --------------------------------------------------------------- */

/* Weight 0.6 on [1, 2, 3], by hand (last starts at 0):
 *   last = 0.4·1 = 0.4                 debias = 1 - 0.6   = 0.4    → 1
 *   last = 0.6·0.4 + 0.4·2 = 1.04      debias = 1 - 0.36  = 0.64   → 1.625
 *   last = 0.6·1.04 + 0.4·3 = 1.824    debias = 1 - 0.216 = 0.784  → 2.326530612… */
static void
test_smooth_hand_computed (void)
{
  const double values[] = { 1, 2, 3 };
  double out[3];

  cvg_smooth_ema (values, 3, 0.6, out);
  g_assert_cmpfloat_with_epsilon (out[0], 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (out[1], 1.625, 1e-12);
  g_assert_cmpfloat_with_epsilon (out[2], 1.824 / 0.784, 1e-12);
}

/* Weight 0.9 on [10, 0], by hand:
 *   last = 0.1·10 = 1        debias = 0.1   → 10
 *   last = 0.9·1 + 0 = 0.9   debias = 0.19  → 4.736842… */
static void
test_smooth_heavy_weight (void)
{
  const double values[] = { 10, 0 };
  double out[2];

  cvg_smooth_ema (values, 2, 0.9, out);
  g_assert_cmpfloat_with_epsilon (out[0], 10.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (out[1], 0.9 / 0.19, 1e-12);
}

/* Non-finite values come out as they are and leave the average alone: the
 * finite points get the values of [1, 2, 3] above. */
static void
test_smooth_nonfinite_passthrough (void)
{
  const double values[] = { NAN, 1, NAN, 2, INFINITY, -INFINITY, 3 };
  double out[G_N_ELEMENTS (values)];

  cvg_smooth_ema (values, G_N_ELEMENTS (values), 0.6, out);
  g_assert_true (isnan (out[0]));
  g_assert_cmpfloat_with_epsilon (out[1], 1.0, 1e-12);
  g_assert_true (isnan (out[2]));
  g_assert_cmpfloat_with_epsilon (out[3], 1.625, 1e-12);
  g_assert_cmpfloat (out[4], ==, INFINITY);
  g_assert_cmpfloat (out[5], ==, -INFINITY);
  g_assert_cmpfloat_with_epsilon (out[6], 1.824 / 0.784, 1e-12);
}

/* The debiased average of 0.1 drifts by an ulp at weight 0.6, so only the
 * constant-series rule (TensorBoard issue #786) keeps it exact. */
static void
test_smooth_constant (void)
{
  const double values[] = { 0.1, 0.1, 0.1, 0.1, 0.1 };
  double out[G_N_ELEMENTS (values)];

  cvg_smooth_ema (values, G_N_ELEMENTS (values), 0.6, out);
  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_cmpfloat (out[i], ==, 0.1);
}

static void
test_smooth_weight_zero (void)
{
  const double values[] = { 3, -1, 7.5, 1e9, -2e-9 };
  double out[G_N_ELEMENTS (values)];

  cvg_smooth_ema (values, G_N_ELEMENTS (values), 0, out);
  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_cmpfloat (out[i], ==, values[i]);
}

/* A NaN weight counts as 0 (TensorBoard clamps it). */
static void
test_smooth_weight_nan (void)
{
  const double values[] = { 3, -1, 7.5 };
  double out[G_N_ELEMENTS (values)];

  cvg_smooth_ema (values, G_N_ELEMENTS (values), NAN, out);
  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_cmpfloat (out[i], ==, values[i]);
}

/* Four points at a time on a long series, with breaks, stays within
 * rounding of the point-by-point definition. */
static void
test_smooth_long (void)
{
  enum { N = 100003 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autofree double *values = g_new (double, N);
  g_autofree double *out = g_new (double, N);
  const double weights[] = { 0, 0.3, 0.6, 0.95, 0.999 };

  for (gsize i = 0; i < N; i++)
    {
      values[i] = 1.0 / (1 + i * 1e-3) + g_rand_double (rand) * 0.05;
      if (g_rand_int_range (rand, 0, 500) == 0)
        values[i] = g_rand_boolean (rand) ? NAN : INFINITY;
    }
  for (gsize k = 0; k < G_N_ELEMENTS (weights); k++)
    {
      double w = weights[k], last = 0, w_power = 1;

      cvg_smooth_ema (values, N, w, out);
      for (gsize i = 0; i < N; i++)
        {
          double expected;

          if (!isfinite (values[i]))
            {
              g_assert_cmpmem (&out[i], sizeof (double), &values[i], sizeof (double));
              continue;
            }
          last = last * w + (1 - w) * values[i];
          w_power *= w;
          expected = last / (1 - w_power);
          g_assert_cmpfloat (fabs (out[i] - expected), <=, 1e-12 * fabs (expected));
        }
    }
}

/* Linear ticks ------------------------------------------------------------ */

static gboolean
is_one_two_five (double step)
{
  double mantissa = step / pow (10, floor (log10 (step)));

  return fabs (mantissa - 1) < 1e-9 || fabs (mantissa - 2) < 1e-9 ||
         fabs (mantissa - 5) < 1e-9 || fabs (mantissa - 10) < 1e-9;
}

/* The properties every tick array must have. */
static void
check_linear (double min,
              double max,
              guint  target)
{
  double step = 0;
  g_autoptr(GArray) ticks = cvg_ticks_linear (min, max, target, &step);

  g_test_message ("[%g, %g] target %u: %u ticks, step %g", min, max, target, ticks->len, step);
  g_assert_cmpuint (ticks->len, >=, MAX (target / 2, 1));
  g_assert_cmpuint (ticks->len, <=, 2 * target + 1);
  g_assert_true (isfinite (step) && step > 0);
  g_assert_true (is_one_two_five (step));

  for (guint i = 0; i < ticks->len; i++)
    {
      double tick = g_array_index (ticks, double, i);

      g_assert_cmpfloat (tick, >=, min);
      g_assert_cmpfloat (tick, <=, max);
      /* Round: a whole multiple of the step. */
      g_assert_cmpfloat (fabs (tick / step - round (tick / step)), <, 1e-6);
      if (i > 0)
        g_assert_cmpfloat_with_epsilon (tick - g_array_index (ticks, double, i - 1),
                                        step, step * 1e-6);
    }
}

static void
test_ticks_unit_range (void)
{
  const double expected[] = { 0, 0.2, 0.4, 0.6, 0.8, 1 };
  double step = 0;
  g_autoptr(GArray) ticks = cvg_ticks_linear (0, 1, 5, &step);

  g_assert_cmpfloat (step, ==, 0.2);
  g_assert_cmpuint (ticks->len, ==, G_N_ELEMENTS (expected));
  /* Exact: 0.6 is the closest double to 0.6, not 3 × 0.2. */
  for (guint i = 0; i < ticks->len; i++)
    g_assert_cmpfloat (g_array_index (ticks, double, i), ==, expected[i]);
}

static void
test_ticks_uneven_range (void)
{
  const double expected[] = { 0, 5, 10 };
  double step = 0;
  g_autoptr(GArray) ticks = cvg_ticks_linear (-3.7, 12.2, 5, &step);

  g_assert_cmpfloat (step, ==, 5);
  g_assert_cmpuint (ticks->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < ticks->len; i++)
    g_assert_cmpfloat (g_array_index (ticks, double, i), ==, expected[i]);
}

static void
test_ticks_properties (void)
{
  static const double ranges[][2] = {
    { 0, 1 }, { 0, 7 }, { 0, 100 }, { -3.7, 12.2 }, { 0.3, 0.31 },
    { -0.05, -0.01 }, { -1e6, -999 }, { 17, 1e9 }, { 2.5e-7, 3.1e-7 },
    { 1, 1 + 1e-9 }, { 1e6, 1e6 + 0.5 }, { -1e300, 1e300 }, { 1e-300, 3e-300 },
    { 0, DBL_MAX }, { -DBL_MAX, DBL_MAX }, { 999.5, 1000.5 },
  };

  for (gsize r = 0; r < G_N_ELEMENTS (ranges); r++)
    for (guint target = 1; target <= 12; target++)
      check_linear (ranges[r][0], ranges[r][1], target);
}

/* [1.01, 1.09] holds no multiple of 0.1, the step for one tick: it gets
 * the step for two, 0.05, and its tick 1.05. */
static void
test_ticks_single_target (void)
{
  double step = 0;
  g_autoptr(GArray) ticks = cvg_ticks_linear (1.01, 1.09, 1, &step);

  g_assert_cmpfloat (step, ==, 0.05);
  g_assert_cmpuint (ticks->len, ==, 1);
  g_assert_cmpfloat (g_array_index (ticks, double, 0), ==, 1.05);
}

static void
test_ticks_reversed (void)
{
  g_autoptr(GArray) forward = cvg_ticks_linear (0, 10, 5, NULL);
  g_autoptr(GArray) reversed = cvg_ticks_linear (10, 0, 5, NULL);

  g_assert_cmpmem (forward->data, forward->len * sizeof (double),
                   reversed->data, reversed->len * sizeof (double));
}

/* A single value: one tick there, and a usable step. */
static void
test_ticks_degenerate (void)
{
  static const double values[] = { 0, 3, -0.25, 1e20, -7e-12 };

  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    {
      double step = 0;
      g_autoptr(GArray) ticks = cvg_ticks_linear (values[i], values[i], 5, &step);

      g_assert_cmpuint (ticks->len, ==, 1);
      g_assert_cmpfloat (g_array_index (ticks, double, 0), ==, values[i]);
      g_assert_true (step > 0 && is_one_two_five (step));
    }
}

/* Subnormal values: too small for a step, but they must not hang. */
static void
test_ticks_subnormal (void)
{
  g_autoptr(GArray) ticks = cvg_ticks_linear (1e-315, 1e-310, 5, NULL);

  g_assert_cmpuint (ticks->len, ==, 1);
  g_assert_cmpfloat (g_array_index (ticks, double, 0), ==, 1e-315);
}

/* An absurd target is capped rather than looping over 2^32 ticks. */
static void
test_ticks_huge_target (void)
{
  g_autoptr(GArray) ticks = cvg_ticks_linear (0, 1, G_MAXUINT, NULL);

  g_assert_cmpuint (ticks->len, <=, 2001);
  g_assert_cmpuint (ticks->len, >=, 500);
}

static void
test_ticks_nonfinite (void)
{
  g_autoptr(GArray) nan = cvg_ticks_linear (NAN, 1, 5, NULL);
  g_autoptr(GArray) inf = cvg_ticks_linear (0, INFINITY, 5, NULL);

  g_assert_cmpuint (nan->len, ==, 0);
  g_assert_cmpuint (inf->len, ==, 0);
}

/* Log ticks --------------------------------------------------------------- */

static void
assert_ticks (GArray       *ticks,
              const double *expected,
              gsize         n)
{
  g_assert_cmpuint (ticks->len, ==, n);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpfloat (g_array_index (ticks, double, i), ==, expected[i]);
}

static void
test_ticks_log_decades (void)
{
  const double all[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6 };
  const double small[] = { 1e-5, 1e-4, 1e-3, 1e-2, 1e-1 };
  g_autoptr(GArray) ticks = cvg_ticks_log (0.5, 2e6, 10);
  g_autoptr(GArray) tiny = cvg_ticks_log (1e-5, 0.1, 10);

  assert_ticks (ticks, all, G_N_ELEMENTS (all));
  assert_ticks (tiny, small, G_N_ELEMENTS (small));
}

/* Seven decades for three ticks: every third power, aligned on exponents
 * divisible by three so ticks stay put while the range moves. */
static void
test_ticks_log_thinned (void)
{
  const double expected[] = { 1, 1e3, 1e6 };
  const double shifted[] = { 1e3, 1e6 };
  g_autoptr(GArray) ticks = cvg_ticks_log (1, 1e6, 3);
  g_autoptr(GArray) moved = cvg_ticks_log (10, 1e7, 3);

  assert_ticks (ticks, expected, G_N_ELEMENTS (expected));
  assert_ticks (moved, shifted, G_N_ELEMENTS (shifted));
}

/* Fewer than two decades: 1-2-5 mantissas, then plain linear ticks. */
static void
test_ticks_log_narrow (void)
{
  const double one_two_five[] = { 0.5, 1, 2, 5, 10, 20 };
  /* Exact: 5e-6 is the closest double, not 5 × 1e-6. */
  const double small[] = { 2e-6, 5e-6, 1e-5, 2e-5, 5e-5, 1e-4 };
  const double linear[] = { 2, 2.5, 3, 3.5, 4 };
  g_autoptr(GArray) ticks = cvg_ticks_log (0.5, 20, 5);
  g_autoptr(GArray) tiny = cvg_ticks_log (2e-6, 1e-4, 5);
  g_autoptr(GArray) narrow = cvg_ticks_log (2, 4, 5);

  assert_ticks (ticks, one_two_five, G_N_ELEMENTS (one_two_five));
  assert_ticks (tiny, small, G_N_ELEMENTS (small));
  assert_ticks (narrow, linear, G_N_ELEMENTS (linear));
}

static void
test_ticks_log_invalid (void)
{
  g_autoptr(GArray) zero = cvg_ticks_log (0, 10, 5);
  g_autoptr(GArray) negative = cvg_ticks_log (-5, 10, 5);

  g_assert_cmpuint (zero->len, ==, 0);
  g_assert_cmpuint (negative->len, ==, 0);
}

/* Formatting -------------------------------------------------------------- */

static void
test_format_table (void)
{
  static const struct {
    double value;
    guint digits;
    const char *text;
  } table[] = {
    { 0, 3, "0" },
    { -0.0, 3, "0" },
    { 1, 3, "1" },
    { 0.25, 3, "0.25" },
    { 1.0 / 3, 3, "0.333" },
    { 0.001, 3, "0.001" },
    { 0.0012345, 3, "0.00123" },
    { 1e-4, 3, "1e-4" },
    { 0.00012, 3, "1.2e-4" },
    { -2.5e-7, 3, "-2.5e-7" },
    { 999.96, 3, "1k" },
    { 2500, 3, "2.5k" },
    { 123456, 3, "123k" },
    { 999999, 3, "1M" },
    { 1200000, 3, "1.2M" },
    { 3e9, 3, "3G" },
    { 4.2e12, 3, "4.2T" },
    { 1e15, 3, "1e+15" },
    { 1e21, 3, "1e+21" },
    { -7.5, 3, "-7.5" },
    { -1234, 3, "-1.23k" },
    { 20, 1, "20" },
    { 3.14159265, 5, "3.1416" },
    { 12345678, 5, "12.346M" },
    { 42, 0, "40" },
    { NAN, 3, "NaN" },
    { INFINITY, 3, "∞" },
    { -INFINITY, 3, "-∞" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autofree char *text = cvg_format_compact (table[i].value, table[i].digits);

      g_test_message ("%.17g, %u digits", table[i].value, table[i].digits);
      g_assert_cmpstr (text, ==, table[i].text);
    }
}

/* Decimation -------------------------------------------------------------- */

/* Whether (x, y) occurs in the output. */
static gboolean
output_has (const double *xs,
            const double *ys,
            gsize         n,
            double        x,
            double        y)
{
  for (gsize i = 0; i < n; i++)
    if (xs[i] == x && ys[i] == y)
      return TRUE;
  return FALSE;
}

static void
test_decimate_columns (void)
{
  enum { N = 1000, PER_COLUMN = 10, COLUMNS = N / PER_COLUMN };
  g_autofree double *xs = g_new (double, N);
  g_autofree double *ys = g_new (double, N);
  g_autofree double *out_xs = g_new (double, N);
  g_autofree double *out_ys = g_new (double, N);
  guint per_column[COLUMNS] = { 0, };
  gsize n_out;
  gsize from = 0;

  for (gsize i = 0; i < N; i++)
    {
      xs[i] = (double) i / PER_COLUMN;
      ys[i] = sin (i * 0.37) + (i == 555 ? 50 : 0) - (i == 123 ? 50 : 0);
    }
  n_out = cvg_decimate_columns (xs, ys, N, out_xs, out_ys);

  g_assert_cmpuint (n_out, <, N);
  g_assert_cmpfloat (out_xs[0], ==, xs[0]);
  g_assert_cmpfloat (out_xs[n_out - 1], ==, xs[N - 1]);
  g_assert_true (output_has (out_xs, out_ys, n_out, xs[555], 50 + sin (555 * 0.37)));
  g_assert_true (output_has (out_xs, out_ys, n_out, xs[123], sin (123 * 0.37) - 50));

  /* The output is a subsequence of the input: order preserved. */
  for (gsize k = 0; k < n_out; k++)
    {
      while (from < N && !(xs[from] == out_xs[k] && ys[from] == out_ys[k]))
        from++;
      g_assert_cmpuint (from, <, N);
      per_column[(gsize) floor (out_xs[k])]++;
      from++;
    }

  for (gsize c = 0; c < COLUMNS; c++)
    {
      gsize lo = c * PER_COLUMN;
      gsize hi = c * PER_COLUMN;

      for (gsize i = c * PER_COLUMN; i < (c + 1) * PER_COLUMN; i++)
        {
          if (ys[i] < ys[lo])
            lo = i;
          if (ys[i] > ys[hi])
            hi = i;
        }
      g_assert_cmpuint (per_column[c], >=, 2);
      g_assert_cmpuint (per_column[c], <=, 4);
      g_assert_true (output_has (out_xs, out_ys, n_out, xs[lo], ys[lo]));
      g_assert_true (output_has (out_xs, out_ys, n_out, xs[hi], ys[hi]));
    }
}

/* A NaN stays, and splits its column into two runs decimated apart. */
static void
test_decimate_break (void)
{
  const double xs[] = { 0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.5 };
  const double ys[] = { 5, 1, 9, 3, NAN, 4, 0, 8, 2, 7 };
  double out_xs[G_N_ELEMENTS (xs)];
  double out_ys[G_N_ELEMENTS (xs)];
  gsize n_out = cvg_decimate_columns (xs, ys, G_N_ELEMENTS (xs), out_xs, out_ys);

  /* Runs of four keep all four; the NaN and the lone last point stay.
   * Without the break, column 0 would shrink to four points. */
  g_assert_cmpmem (out_xs, n_out * sizeof (double), xs, sizeof xs);
  g_assert_true (isnan (out_ys[4]));
}

/* A run of six keeps first, min, max, last: the middle two go. */
static void
test_decimate_run (void)
{
  const double xs[] = { 3.0, 3.1, 3.2, 3.3, 3.4, 3.5 };
  const double ys[] = { 5, 6, -2, 7, 10, 4 };
  const double expected_ys[] = { 5, -2, 10, 4 };
  double out_xs[G_N_ELEMENTS (xs)];
  double out_ys[G_N_ELEMENTS (xs)];
  gsize n_out = cvg_decimate_columns (xs, ys, G_N_ELEMENTS (xs), out_xs, out_ys);

  g_assert_cmpmem (out_ys, n_out * sizeof (double), expected_ys, sizeof expected_ys);
  g_assert_cmpfloat (out_xs[1], ==, 3.2);
  g_assert_cmpfloat (out_xs[2], ==, 3.4);
}

static void
test_decimate_empty (void)
{
  g_assert_cmpuint (cvg_decimate_columns (NULL, NULL, 0, NULL, NULL), ==, 0);
}

/* Min/max pyramid and sorted decimation ---------------------------------- */

/* Random values with ties (small integers), NaN, ±inf and non-positive
 * values, so that every break and tie rule is exercised. */
static void
fill_random (GRand  *rand,
             double *ys,
             gsize   n,
             int     kind)
{
  for (gsize i = 0; i < n; i++)
    {
      int r = g_rand_int_range (rand, 0, 1000);

      if (kind == 0)
        ys[i] = g_rand_double_range (rand, -1, 1);
      else
        ys[i] = g_rand_int_range (rand, -3, 8);
      if (kind == 2 && r < 20)
        ys[i] = NAN;
      else if (kind == 2 && r < 25)
        ys[i] = r % 2 ? INFINITY : -INFINITY;
    }
}

static void
brute_min_max (const double *ys,
               gsize         start,
               gsize         end,
               gboolean     *any,
               gsize        *lowest,
               gsize        *highest,
               gboolean     *all_finite)
{
  *any = FALSE;
  *all_finite = TRUE;
  for (gsize i = start; i < end; i++)
    {
      if (!isfinite (ys[i]))
        {
          *all_finite = FALSE;
          continue;
        }
      if (!*any || ys[i] < ys[*lowest])
        *lowest = i;
      if (!*any || ys[i] > ys[*highest])
        *highest = i;
      *any = TRUE;
    }
}

static void
test_pyramid_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  const gsize sizes[] = { 1, 2, 15, 16, 17, 31, 32, 33, 100, 1000, 4097, 20000 };

  for (gsize s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (int kind = 0; kind < 3; kind++)
      {
        gsize n = sizes[s];
        g_autofree double *ys = g_new (double, n);
        CvgMinMaxPyramid *pyramid;

        fill_random (rand, ys, n, kind);
        pyramid = cvg_min_max_pyramid_new (ys, n);
        g_assert_nonnull (pyramid);

        for (int q = 0; q < 2000; q++)
          {
            gsize a = g_rand_int_range (rand, 0, n + 1);
            gsize b = g_rand_int_range (rand, 0, n + 1);
            gsize start = MIN (a, b), end = MAX (a, b);
            gsize lo = G_MAXSIZE, hi = G_MAXSIZE, blo = G_MAXSIZE, bhi = G_MAXSIZE;
            gboolean finite, bfinite, any, bany;

            /* Block boundaries too: multiples of 16 and their neighbours. */
            if (q % 4 == 0)
              {
                start = MIN (start / 16 * 16 + (q % 3) - 1 + (start < 16), n);
                end = MAX (start, MIN (end / 16 * 16 + (q % 5) % 3 - 1 + (end < 16), n));
              }
            any = cvg_min_max_pyramid_query (pyramid, start, end, &lo, &hi, &finite);
            brute_min_max (ys, start, end, &bany, &blo, &bhi, &bfinite);
            g_assert_cmpint (any, ==, bany);
            g_assert_cmpint (finite, ==, bfinite);
            if (bany)
              {
                g_assert_cmpuint (lo, ==, blo);
                g_assert_cmpuint (hi, ==, bhi);
              }
          }

        /* The whole range, as the extent uses it. */
        {
          gsize lo = 0, hi = 0, blo = 0, bhi = 0;
          gboolean finite, bfinite, bany;

          g_assert_cmpint (cvg_min_max_pyramid_query (pyramid, 0, n, &lo, &hi, &finite), ==,
                           (brute_min_max (ys, 0, n, &bany, &blo, &bhi, &bfinite), bany));
          if (bany)
            {
              g_assert_cmpuint (lo, ==, blo);
              g_assert_cmpuint (hi, ==, bhi);
            }
        }
        cvg_min_max_pyramid_free (pyramid);
      }

  g_assert_null (cvg_min_max_pyramid_new (NULL, 0));
  cvg_min_max_pyramid_free (NULL);
}

/* cvg_decimate_sorted keeps exactly what cvg_decimate_columns keeps from
 * the projected points: same x, same y, same order, on random data with
 * many or few points per column, breaks, ties and column edges. */
static void
check_sorted_decimation (GRand        *rand,
                         const double *xs,
                         const double *ys,
                         gsize         n,
                         double        origin,
                         double        scale,
                         double        limit,
                         gboolean      positive)
{
  CvgMinMaxPyramid *pyramid = cvg_min_max_pyramid_new (ys, n);
  g_autofree double *px = g_new (double, n);
  g_autofree double *py = g_new (double, n);
  g_autofree double *out_xs = g_new (double, n);
  g_autofree double *out_ys = g_new (double, n);

  for (gsize i = 0; i < n; i++)
    {
      px[i] = CLAMP (origin + xs[i] * scale, -limit, limit);
      py[i] = isfinite (ys[i]) && !(positive && ys[i] <= 0) ? ys[i] : NAN;
    }

  for (int q = 0; q < 40; q++)
    {
      gsize a = q == 0 ? 0 : (gsize) g_rand_int_range (rand, 0, n + 1);
      gsize b = q == 0 ? n : (gsize) g_rand_int_range (rand, 0, n + 1);
      gsize start = MIN (a, b), end = MAX (a, b);
      g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (gsize));
      gsize n_out = cvg_decimate_columns (px + start, py + start, end - start, out_xs, out_ys);

      cvg_decimate_sorted (xs, pyramid, start, end, origin, scale, limit, positive, kept);
      g_assert_cmpuint (kept->len, ==, n_out);
      for (gsize k = 0; k < n_out; k++)
        {
          gsize i = g_array_index (kept, gsize, k);

          g_assert_cmpuint (i, >=, start);
          g_assert_cmpuint (i, <, end);
          g_assert_cmpfloat (px[i], ==, out_xs[k]);
          if (isnan (out_ys[k]))
            g_assert_true (isnan (py[i]));
          else
            g_assert_cmpfloat (py[i], ==, out_ys[k]);
          if (k > 0)
            g_assert_cmpuint (i, >, g_array_index (kept, gsize, k - 1));
        }
      if (end > start)
        {
          g_assert_cmpuint (g_array_index (kept, gsize, 0), ==, start);
          g_assert_cmpuint (g_array_index (kept, gsize, kept->len - 1), ==, end - 1);
        }
    }
  cvg_min_max_pyramid_free (pyramid);
}

static void
test_decimate_sorted_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  enum { N = 30000 };
  g_autofree double *xs = g_new (double, N);
  g_autofree double *ys = g_new (double, N);
  /* Points per pixel column: thousands, about 30, about 1, far fewer. */
  const double scales[] = { 500.0 / N, 1000.0 / N, 1.0, 20.0 };

  for (int kind = 0; kind < 3; kind++)
    for (gsize s = 0; s < G_N_ELEMENTS (scales); s++)
      {
        double x = 0;

        for (gsize i = 0; i < N; i++)
          {
            /* Sorted, with repeated xs and gaps. */
            x += g_rand_int_range (rand, 0, 4) == 0 ? 0 : g_rand_double_range (rand, 0, 2);
            xs[i] = x;
          }
        fill_random (rand, ys, N, kind);
        /* Long break-free stretches and a long run of NaN. */
        if (kind == 2)
          for (gsize i = N / 3; i < N / 3 + 500; i++)
            ys[i] = NAN;
        check_sorted_decimation (rand, xs, ys, N, 3.5, scales[s] * 0.5, 1e6, FALSE);
        check_sorted_decimation (rand, xs, ys, N, -200, scales[s] * 0.5, 1e6, TRUE);
        /* Clamped at both ends: the far points share the edge columns. */
        check_sorted_decimation (rand, xs, ys, N, -N * scales[s] * 0.25, scales[s], N * scales[s] * 0.5, FALSE);
      }
}

/* A spike alone in a crowded column survives; first and last are kept. */
static void
test_decimate_sorted_spike (void)
{
  enum { N = 100000 };
  g_autofree double *xs = g_new (double, N);
  g_autofree double *ys = g_new (double, N);
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (gsize));
  CvgMinMaxPyramid *pyramid;
  gboolean up = FALSE, down = FALSE;

  for (gsize i = 0; i < N; i++)
    {
      xs[i] = i;
      ys[i] = sin (i * 0.01);
    }
  ys[54321] = 100;
  ys[12345] = -100;
  pyramid = cvg_min_max_pyramid_new (ys, N);
  cvg_decimate_sorted (xs, pyramid, 0, N, 0, 500.0 / N, 1e6, FALSE, kept);
  g_assert_cmpuint (kept->len, <=, 4 * 500);
  g_assert_cmpuint (g_array_index (kept, gsize, 0), ==, 0);
  g_assert_cmpuint (g_array_index (kept, gsize, kept->len - 1), ==, N - 1);
  for (guint k = 0; k < kept->len; k++)
    {
      up |= g_array_index (kept, gsize, k) == 54321;
      down |= g_array_index (kept, gsize, k) == 12345;
    }
  g_assert_true (up);
  g_assert_true (down);
  cvg_min_max_pyramid_free (pyramid);
}

/* Outliers ---------------------------------------------------------------- */

static void
assert_range (const double *values,
              gsize         n,
              double        low,
              double        high)
{
  double lo = NAN;
  double hi = NAN;

  g_assert_true (cvg_outlier_range (values, n, &lo, &hi));
  g_assert_cmpfloat (lo, ==, low);
  g_assert_cmpfloat (hi, ==, high);
}

static void
test_outlier_small (void)
{
  const double one[] = { 7 };
  const double two[] = { 3, 1 };
  double forty[40];

  /* Below 41 values: the plain extent, so short curves keep every point. */
  assert_range (one, 1, 7, 7);
  assert_range (two, 2, 1, 3);
  for (int i = 0; i < 40; i++)
    forty[i] = i == 0 ? -1000 : i;
  assert_range (forty, 40, -1000, 39);
}

/* 41 values: ceil (40 · 0.05) = 2 and floor (40 · 0.95) = 38, so the
 * order statistics 2 and 38 of 0..40. */
static void
test_outlier_percentiles (void)
{
  double values[41];
  double spikes[41];

  for (int i = 0; i < 41; i++)
    values[i] = (i * 8) % 41; /* 0..40, shuffled */
  assert_range (values, 41, 2, 38);

  /* Replacing the extremes by spikes leaves the range as it was. */
  for (int i = 0; i < 41; i++)
    spikes[i] = i == 0 ? -1000 : i == 40 ? 1e6 : i;
  assert_range (spikes, 41, 2, 38);
}

static void
test_outlier_nonfinite (void)
{
  const double mixed[] = { NAN, 4, INFINITY, 2, -INFINITY };
  const double none[] = { NAN, INFINITY };
  double lo;
  double hi;

  assert_range (mixed, G_N_ELEMENTS (mixed), 2, 4);
  g_assert_false (cvg_outlier_range (none, G_N_ELEMENTS (none), &lo, &hi));
  g_assert_false (cvg_outlier_range (NULL, 0, &lo, &hi));
}

/* Selecting the order statistics gives what sorting gives. */
static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
test_outlier_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);

  for (int t = 0; t < 200; t++)
    {
      gsize n = g_rand_int_range (rand, 1, t < 100 ? 200 : 20000);
      g_autofree double *values = g_new (double, n);
      g_autofree double *sorted = g_new (double, n);
      gsize count = 0;
      double lo, hi;

      for (gsize i = 0; i < n; i++)
        {
          values[i] = t % 3 == 0 ? g_rand_int_range (rand, 0, 5) : g_rand_double (rand);
          if (t % 2 && i % 7 == 0)
            values[i] = NAN;
          if (t % 5 == 0)
            values[i] = i % 2 ? i : -(double) i;   /* sorted halves: bad pivots */
          if (isfinite (values[i]))
            sorted[count++] = values[i];
        }
      if (count == 0)
        continue;
      qsort (sorted, count, sizeof (double), compare_doubles);
      g_assert_true (cvg_outlier_range (values, n, &lo, &hi));
      if (count < 41)
        {
          g_assert_cmpfloat (lo, ==, sorted[0]);
          g_assert_cmpfloat (hi, ==, sorted[count - 1]);
        }
      else
        {
          g_assert_cmpfloat (lo, ==, sorted[(gsize) ceil ((count - 1) * 0.05)]);
          g_assert_cmpfloat (hi, ==, sorted[(gsize) floor ((count - 1) * 0.95)]);
        }
    }
}

/* Nearest index ----------------------------------------------------------- */

static void
test_nearest (void)
{
  const double xs[] = { 0, 10, 20, 30 };
  const double dup[] = { 1, 1, 2 };
  const double single[] = { 5 };

  g_assert_cmpuint (cvg_nearest_index (xs, 4, -5), ==, 0);
  g_assert_cmpuint (cvg_nearest_index (xs, 4, 35), ==, 3);
  g_assert_cmpuint (cvg_nearest_index (xs, 4, 0), ==, 0);
  g_assert_cmpuint (cvg_nearest_index (xs, 4, 10), ==, 1);
  g_assert_cmpuint (cvg_nearest_index (xs, 4, 30), ==, 3);
  g_assert_cmpuint (cvg_nearest_index (xs, 4, 15), ==, 1);
  g_assert_cmpuint (cvg_nearest_index (xs, 4, 25), ==, 2);
  g_assert_cmpuint (cvg_nearest_index (xs, 4, 14.9), ==, 1);
  g_assert_cmpuint (cvg_nearest_index (xs, 4, 15.1), ==, 2);
  g_assert_cmpuint (cvg_nearest_index (dup, 3, 1), ==, 0);
  g_assert_cmpuint (cvg_nearest_index (single, 1, -100), ==, 0);
  g_assert_cmpuint (cvg_nearest_index (single, 1, 100), ==, 0);
}

/* A log x axis over steps 1 .. 10^9: one tick per decade at 0 .. 9
 * (log10), thinned to every third decade for 4 ticks. */
static void
test_ticks_log_positions (void)
{
  g_autoptr(GArray) all = cvg_ticks_log_positions (0, 9, 20);
  g_autoptr(GArray) few = cvg_ticks_log_positions (0, 9, 4);
  g_autoptr(GArray) none = cvg_ticks_log_positions (NAN, 9, 4);
  g_autoptr(GArray) narrow = cvg_ticks_log_positions (log10 (3), log10 (60), 10);

  g_assert_cmpuint (all->len, ==, 10);
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (all, double, i), i, 1e-12);
  g_assert_cmpuint (few->len, ==, 4);
  for (guint i = 0; i < few->len; i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (few, double, i), 3 * i, 1e-12);
  g_assert_cmpuint (none->len, ==, 0);
  /* Less than two decades: 5, 10, 20, 50. */
  g_assert_cmpuint (narrow->len, ==, 4);
  g_assert_cmpfloat_with_epsilon (g_array_index (narrow, double, 0), log10 (5), 1e-12);
  g_assert_cmpfloat_with_epsilon (g_array_index (narrow, double, 3), log10 (50), 1e-12);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/chart-math/smooth/hand-computed", test_smooth_hand_computed);
  g_test_add_func ("/model/chart-math/smooth/heavy-weight", test_smooth_heavy_weight);
  g_test_add_func ("/model/chart-math/smooth/nonfinite-passthrough", test_smooth_nonfinite_passthrough);
  g_test_add_func ("/model/chart-math/smooth/constant", test_smooth_constant);
  g_test_add_func ("/model/chart-math/smooth/weight-zero", test_smooth_weight_zero);
  g_test_add_func ("/model/chart-math/smooth/weight-nan", test_smooth_weight_nan);
  g_test_add_func ("/model/chart-math/smooth/long", test_smooth_long);
  g_test_add_func ("/model/chart-math/ticks/unit-range", test_ticks_unit_range);
  g_test_add_func ("/model/chart-math/ticks/uneven-range", test_ticks_uneven_range);
  g_test_add_func ("/model/chart-math/ticks/properties", test_ticks_properties);
  g_test_add_func ("/model/chart-math/ticks/single-target", test_ticks_single_target);
  g_test_add_func ("/model/chart-math/ticks/reversed", test_ticks_reversed);
  g_test_add_func ("/model/chart-math/ticks/degenerate", test_ticks_degenerate);
  g_test_add_func ("/model/chart-math/ticks/subnormal", test_ticks_subnormal);
  g_test_add_func ("/model/chart-math/ticks/huge-target", test_ticks_huge_target);
  g_test_add_func ("/model/chart-math/ticks/nonfinite", test_ticks_nonfinite);
  g_test_add_func ("/model/chart-math/ticks-log/decades", test_ticks_log_decades);
  g_test_add_func ("/model/chart-math/ticks-log/thinned", test_ticks_log_thinned);
  g_test_add_func ("/model/chart-math/ticks-log/narrow", test_ticks_log_narrow);
  g_test_add_func ("/model/chart-math/ticks-log/invalid", test_ticks_log_invalid);
  g_test_add_func ("/model/chart-math/format/table", test_format_table);
  g_test_add_func ("/model/chart-math/decimate/columns", test_decimate_columns);
  g_test_add_func ("/model/chart-math/decimate/break", test_decimate_break);
  g_test_add_func ("/model/chart-math/decimate/run", test_decimate_run);
  g_test_add_func ("/model/chart-math/decimate/empty", test_decimate_empty);
  g_test_add_func ("/model/chart-math/pyramid/random", test_pyramid_random);
  g_test_add_func ("/model/chart-math/decimate-sorted/random", test_decimate_sorted_random);
  g_test_add_func ("/model/chart-math/decimate-sorted/spike", test_decimate_sorted_spike);
  g_test_add_func ("/model/chart-math/outliers/random", test_outlier_random);
  g_test_add_func ("/model/chart-math/outliers/small", test_outlier_small);
  g_test_add_func ("/model/chart-math/outliers/percentiles", test_outlier_percentiles);
  g_test_add_func ("/model/chart-math/outliers/nonfinite", test_outlier_nonfinite);
  g_test_add_func ("/model/chart-math/nearest/search", test_nearest);
  g_test_add_func ("/model/chart-math/ticks/log-positions", test_ticks_log_positions);
  return g_test_run ();
}
