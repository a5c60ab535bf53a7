/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Small helpers every benchmark uses to report its figures. */
double bench_now_ms        (void);
void   bench_sort_doubles  (double *values,
                            gsize   n);
/* Sorts @values and returns the middle one. */
double bench_median_of     (double *values,
                            gsize   n);
/* The same for a GArray of doubles. */
double bench_median        (GArray *values);

G_END_DECLS
