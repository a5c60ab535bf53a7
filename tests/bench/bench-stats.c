/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-stats"

#include "config.h"

#include "bench-stats.h"

#include <stdlib.h>

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

void
bench_sort_doubles (double *values,
                    gsize   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
}

double
bench_median_of (double *values,
                 gsize   n)
{
  bench_sort_doubles (values, n);
  return values[n / 2];
}

double
bench_median (GArray *values)
{
  return bench_median_of ((double *) values->data, values->len);
}
