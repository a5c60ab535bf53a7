/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-kernels"

#include "config.h"

#include <string.h>

#include "cvg-projection-private.h"

gboolean
cvg_cpu_has_avx2 (void)
{
#if defined(__x86_64__) && defined(__GNUC__)
  /* Reads what the runtime's constructor found: no need to cache. */
  return __builtin_cpu_supports ("avx2") && __builtin_cpu_supports ("fma");
#else
  return FALSE;
#endif
}

/* The micro-kernels: acc (4 rows of stride @stride) += the 4 × 16 block
 * Σ_r a[r] ⊗ b[r] of packed strips (a: @n rows of 4, b: @n rows of 16),
 * summed in float over one panel. With AVX2 and FMA (picked at run time)
 * in 8-wide registers; otherwise as two 4 × 8 halves in 4-wide ones, which
 * fit the 16 registers of SSE2. */
typedef float v4f __attribute__ ((vector_size (16)));
typedef float v8f __attribute__ ((vector_size (32)));

#if defined(__x86_64__) && defined(__GNUC__)
#define HAVE_AVX2_KERNEL 1

__attribute__ ((target ("avx2,fma")))
static void
block_4x16_avx2 (const float *a,
                 const float *b,
                 gsize        n,
                 double      *acc,
           gsize        stride)
{
  v8f c00 = { 0 }, c01 = { 0 }, c10 = { 0 }, c11 = { 0 };
  v8f c20 = { 0 }, c21 = { 0 }, c30 = { 0 }, c31 = { 0 };
  v8f c[8];

  for (gsize r = 0; r < n; r++)
    {
      const float *ar = a + r * 4;
      v8f b0, b1, x;

      memcpy (&b0, b + r * 16, sizeof b0);
      memcpy (&b1, b + r * 16 + 8, sizeof b1);
      x = (v8f) { ar[0], ar[0], ar[0], ar[0], ar[0], ar[0], ar[0], ar[0] };
      c00 += x * b0;
      c01 += x * b1;
      x = (v8f) { ar[1], ar[1], ar[1], ar[1], ar[1], ar[1], ar[1], ar[1] };
      c10 += x * b0;
      c11 += x * b1;
      x = (v8f) { ar[2], ar[2], ar[2], ar[2], ar[2], ar[2], ar[2], ar[2] };
      c20 += x * b0;
      c21 += x * b1;
      x = (v8f) { ar[3], ar[3], ar[3], ar[3], ar[3], ar[3], ar[3], ar[3] };
      c30 += x * b0;
      c31 += x * b1;
    }
  c[0] = c00; c[1] = c01; c[2] = c10; c[3] = c11;
  c[4] = c20; c[5] = c21; c[6] = c30; c[7] = c31;
  for (guint ii = 0; ii < 4; ii++)
    for (guint jj = 0; jj < 16; jj++)
      acc[ii * stride + jj] += c[ii * 2 + jj / 8][jj % 8];
}
#endif

static void
block_4x8 (const float *a,
           const float *b,
           gsize        n,
           double      *acc,
           gsize        stride)
{
  v4f c00 = { 0 }, c01 = { 0 }, c10 = { 0 }, c11 = { 0 };
  v4f c20 = { 0 }, c21 = { 0 }, c30 = { 0 }, c31 = { 0 };
  v4f c[8];

  for (gsize r = 0; r < n; r++)
    {
      const float *ar = a + r * 4;
      v4f b0, b1, x;

      memcpy (&b0, b + r * 16, sizeof b0);
      memcpy (&b1, b + r * 16 + 4, sizeof b1);
      x = (v4f) { ar[0], ar[0], ar[0], ar[0] };
      c00 += x * b0;
      c01 += x * b1;
      x = (v4f) { ar[1], ar[1], ar[1], ar[1] };
      c10 += x * b0;
      c11 += x * b1;
      x = (v4f) { ar[2], ar[2], ar[2], ar[2] };
      c20 += x * b0;
      c21 += x * b1;
      x = (v4f) { ar[3], ar[3], ar[3], ar[3] };
      c30 += x * b0;
      c31 += x * b1;
    }
  c[0] = c00; c[1] = c01; c[2] = c10; c[3] = c11;
  c[4] = c20; c[5] = c21; c[6] = c30; c[7] = c31;
  for (guint ii = 0; ii < 4; ii++)
    for (guint jj = 0; jj < 8; jj++)
      acc[ii * stride + jj] += c[ii * 2 + jj / 4][jj % 4];
}

void
cvg_kernel_4x16 (const float *a,
                 const float *b,
                 gsize        n,
                 double      *acc,
           gsize        stride)
{
#ifdef HAVE_AVX2_KERNEL
  if (cvg_cpu_has_avx2 ())
    {
      block_4x16_avx2 (a, b, n, acc, stride);
      return;
    }
#endif
  block_4x8 (a, b, n, acc, stride);
  block_4x8 (a, b + 8, n, acc + 8, stride);
}

