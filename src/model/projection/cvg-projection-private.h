/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cvg-projection.h"

G_BEGIN_DECLS

/* Runs @func over [0, @n_items) in chunks of @chunk items on up to
 * @n_threads threads (the caller's among them). Chunks are handed out in
 * order; a result is thread-count independent as long as each chunk's
 * work depends on its range only. Stops handing out chunks once
 * @cancellable is cancelled: the caller checks it afterwards. */
typedef void (*CvgChunkFunc) (gsize    begin,
                              gsize    end,
                              gpointer user_data);

void     cvg_parallel_for          (gsize          n_items,
                                    gsize          chunk,
                                    guint          n_threads,
                                    GCancellable  *cancellable,
                                    CvgChunkFunc   func,
                                    gpointer       user_data);

guint    cvg_projection_threads    (guint          requested);

/* FALSE with @error set when @row is not below @n_points. */
gboolean cvg_projection_check_row  (gsize          row,
                                    gsize          n_points,
                                    GError       **error);

/* g_try_malloc of @a × @b × @c bytes, or %NULL with @error set when the
 * product overflows or the memory is not there. Zero-filled. */
gpointer cvg_projection_alloc      (gsize          a,
                                    gsize          b,
                                    gsize          c,
                                    GError       **error);

/* Dot product and squared euclidean distance of float vectors, SIMD with
 * a fixed summation order (identical results everywhere). */
float    cvg_dot_f32               (const float   *a,
                                    const float   *b,
                                    gsize          n);
float    cvg_sqdist_f32            (const float   *a,
                                    const float   *b,
                                    gsize          n);

/* Whether the CPU runs the AVX2 + FMA variants of the kernels (x86-64
 * only; elsewhere the portable ones run). Results may differ in the last
 * bits between the two, never between runs on one machine. */
gboolean cvg_cpu_has_avx2          (void);

/* acc (4 rows of @stride doubles) += Σ_r a[r] ⊗ b[r], r < @n, of packed
 * strips: @a holds n rows of 4 floats, @b n rows of 16. Sums in float
 * over the n rows, then adds to acc. */
void     cvg_kernel_4x16           (const float   *a,
                                    const float   *b,
                                    gsize          n,
                                    double        *acc,
                                    gsize          stride);

/* A small, fast, seedable generator (splitmix64 seeding xoshiro256**),
 * the same sequence on every platform. */
typedef struct {
  guint64 s[4];
} CvgRng;

void     cvg_rng_init              (CvgRng        *rng,
                                    guint64        seed);
guint64  cvg_rng_next              (CvgRng        *rng);
/* Uniform in [0, 1). */
double   cvg_rng_double            (CvgRng        *rng);
/* Uniform in [0, @bound), @bound > 0. */
guint64  cvg_rng_below             (CvgRng        *rng,
                                    guint64        bound);
/* Standard normal (Box–Muller). */
double   cvg_rng_gaussian          (CvgRng        *rng);

G_END_DECLS
