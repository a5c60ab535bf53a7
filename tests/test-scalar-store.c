/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-scalar-store"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cvg-scalar-store.h"

static gboolean
same_double (double a,
             double b)
{
  return memcmp (&a, &b, sizeof a) == 0 || (isnan (a) && isnan (b));
}

/* Appends n points from the generators and checks every one reads back
 * exactly, point by point and in bulk. */
static void
check_round_trip (gsize         n,
                  const gint64 *steps,
                  const double *walls,
                  const double *values)
{
  g_autoptr(CvgScalarStore) store = cvg_scalar_store_new ();
  g_autofree gint64 *copy_steps = g_new (gint64, n);
  g_autofree double *copy_walls = g_new (double, n);
  g_autofree double *copy_values = g_new (double, n);

  for (gsize i = 0; i < n; i++)
    cvg_scalar_store_append (store, steps[i], walls[i], values[i]);
  g_assert_cmpuint (cvg_scalar_store_get_length (store), ==, n);

  for (gsize i = 0; i < n; i++)
    {
      gint64 step;
      double wall, value;

      cvg_scalar_store_get (store, i, &step, &wall, &value);
      g_assert_cmpint (step, ==, steps[i]);
      g_assert_true (same_double (wall, walls[i]));
      g_assert_true (same_double (value, values[i]));
    }

  /* Whole, and ranges that start inside a chunk and end in the open tail. */
  for (gsize start = 0; start < n; start += 997)
    {
      gsize count = n - start;

      cvg_scalar_store_copy (store, start, count, copy_steps, copy_walls, copy_values);
      for (gsize i = 0; i < count; i++)
        {
          g_assert_cmpint (copy_steps[i], ==, steps[start + i]);
          g_assert_true (same_double (copy_walls[i], walls[start + i]));
          g_assert_true (same_double (copy_values[i], values[start + i]));
        }
    }
}

static void
test_regular (void)
{
  gsize n = 5000;
  g_autofree gint64 *steps = g_new (gint64, n);
  g_autofree double *walls = g_new (double, n);
  g_autofree double *values = g_new (double, n);

  for (gsize i = 0; i < n; i++)
    {
      steps[i] = 100 + 5 * (gint64) i;
      walls[i] = 1691774642.123456 + 0.0173 * i;
      values[i] = (float) (1.0 / (1 + i));
    }
  check_round_trip (n, steps, walls, values);
}

static void
test_irregular (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  gsize n = 7000;
  g_autofree gint64 *steps = g_new (gint64, n);
  g_autofree double *walls = g_new (double, n);
  g_autofree double *values = g_new (double, n);

  for (gsize i = 0; i < n; i++)
    {
      /* Restarts, huge steps, jumps in time, doubles and non-finite values. */
      steps[i] = i % 1500 == 0 ? G_MAXINT64 - (gint64) i : (gint64) g_rand_int_range (rand, -1000, 1000);
      if (i % 3000 == 1)
        steps[i] = G_MININT64;
      walls[i] = i % 2000 == 0 ? 1.0e9 + 1.0e6 * i : 1.6e9 + g_rand_double (rand) * 1000;
      values[i] = g_rand_double_range (rand, -1e300, 1e300);
      if (i % 7 == 0)
        values[i] = (float) values[i];
      if (i == 10)
        values[i] = NAN;
      if (i == 11)
        values[i] = INFINITY;
      if (i == 12)
        values[i] = -INFINITY;
      if (i == 13)
        values[i] = -0.0;
    }
  check_round_trip (n, steps, walls, values);
}

static void
test_empty (void)
{
  g_autoptr(CvgScalarStore) store = cvg_scalar_store_new ();

  g_assert_cmpuint (cvg_scalar_store_get_length (store), ==, 0);
}

/* Regular training logs pack to about 8 bytes a point. */
static void
test_compact (void)
{
  g_autoptr(CvgScalarStore) store = cvg_scalar_store_new ();
  gsize n = 1024 * 100;
  double per_point;

  for (gsize i = 0; i < n; i++)
    cvg_scalar_store_append (store, (gint64) i, 1.6e9 + i * 0.01, (float) (i % 97) / 3.0f);
  per_point = (double) cvg_scalar_store_get_memory_size (store) / n;
  g_test_message ("%.2f bytes per point", per_point);
  g_assert_cmpfloat (per_point, <=, 9.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/scalar-store/regular", test_regular);
  g_test_add_func ("/model/scalar-store/irregular", test_irregular);
  g_test_add_func ("/model/scalar-store/empty", test_empty);
  g_test_add_func ("/model/scalar-store/compact", test_compact);
  return g_test_run ();
}
