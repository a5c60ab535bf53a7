/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-projection"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cvg-projection-private.h"

G_DEFINE_QUARK (cvg-projection-error-quark, cvg_projection_error)

guint
cvg_projection_default_threads (void)
{
  return MAX (1, g_get_num_processors ());
}

guint
cvg_projection_threads (guint requested)
{
  /* More threads than this only add start-up cost to every region. */
  return CLAMP (requested ? requested : cvg_projection_default_threads (), 1, 64);
}

gboolean
cvg_projection_check_matrix (gsize    n_points,
                             gsize    n_dims,
                             gsize   *n_values,
                             GError **error)
{
  gsize values, bytes;

  if (n_points == 0 || n_dims == 0)
    {
      g_set_error (error, CVG_PROJECTION_ERROR, CVG_PROJECTION_ERROR_INVALID,
                   _("The embedding has no values (%zu × %zu)"),
                   n_points, n_dims);
      return FALSE;
    }
  if (!g_size_checked_mul (&values, n_points, n_dims) ||
      !g_size_checked_mul (&bytes, values, sizeof (float)) ||
      n_points > G_MAXUINT32)
    {
      g_set_error (error, CVG_PROJECTION_ERROR, CVG_PROJECTION_ERROR_TOO_LARGE,
                   _("The embedding is too large (%zu × %zu)"),
                   n_points, n_dims);
      return FALSE;
    }
  if (n_values)
    *n_values = values;
  return TRUE;
}

gboolean
cvg_projection_check_row (gsize    row,
                          gsize    n_points,
                          GError **error)
{
  if (row < n_points)
    return TRUE;
  g_set_error (error, CVG_PROJECTION_ERROR, CVG_PROJECTION_ERROR_INVALID,
               _("Point %zu is not among the %zu points"),
               row, n_points);
  return FALSE;
}

GArray *
cvg_projection_find_nonfinite_rows (const float *data,
                                    gsize        n_points,
                                    gsize        n_dims)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (gsize));

  for (gsize i = 0; i < n_points; i++)
    {
      const float *row = data + i * n_dims;

      for (gsize j = 0; j < n_dims; j++)
        if (!isfinite (row[j]))
          {
            g_array_append_val (rows, i);
            break;
          }
    }
  return rows;
}

gpointer
cvg_projection_alloc (gsize    a,
                      gsize    b,
                      gsize    c,
                      GError **error)
{
  gsize ab, bytes;
  gpointer mem = NULL;

  if (g_size_checked_mul (&ab, a, b) && g_size_checked_mul (&bytes, ab, c))
    mem = g_try_malloc0 (MAX (bytes, 1));
  if (mem == NULL)
    g_set_error (error, CVG_PROJECTION_ERROR, CVG_PROJECTION_ERROR_TOO_LARGE,
                 _("Not enough memory for the projection (%zu × %zu × %zu bytes)"),
                 a, b, c);
  return mem;
}

typedef struct {
  gsize         n_items;
  gsize         chunk;
  gsize         next;     /* atomic: the next chunk's first item */
  GCancellable *cancellable;
  CvgChunkFunc  func;
  gpointer      user_data;
} ParallelJob;

static gpointer
parallel_worker (gpointer data)
{
  ParallelJob *job = data;

  for (;;)
    {
      gsize begin = __atomic_fetch_add (&job->next, job->chunk, __ATOMIC_RELAXED);

      if (begin >= job->n_items || g_cancellable_is_cancelled (job->cancellable))
        break;
      job->func (begin, MIN (begin + job->chunk, job->n_items), job->user_data);
    }
  return NULL;
}

void
cvg_parallel_for (gsize         n_items,
                  gsize         chunk,
                  guint         n_threads,
                  GCancellable *cancellable,
                  CvgChunkFunc  func,
                  gpointer      user_data)
{
  ParallelJob job = { n_items, MAX (chunk, 1), 0, cancellable, func, user_data };
  gsize n_chunks = (n_items + job.chunk - 1) / job.chunk;
  guint n_helpers = (guint) MIN (cvg_projection_threads (n_threads), n_chunks) - 1;
  g_autofree GThread **helpers = NULL;

  if (n_items == 0)
    return;
  helpers = g_new0 (GThread *, n_helpers + 1);
  for (guint t = 0; t < n_helpers; t++)
    helpers[t] = g_thread_try_new ("cvg-projection", parallel_worker, &job, NULL);
  /* Without a thread (none could start) the caller does all the work. */
  parallel_worker (&job);
  for (guint t = 0; t < n_helpers; t++)
    if (helpers[t])
      g_thread_join (helpers[t]);
}

typedef float v4f __attribute__ ((vector_size (16)));

static inline v4f
load4 (const float *p)
{
  v4f v;

  memcpy (&v, p, sizeof v);
  return v;
}

static inline float
hsum4 (v4f v)
{
  return (v[0] + v[1]) + (v[2] + v[3]);
}

float
cvg_dot_f32 (const float *a,
             const float *b,
             gsize        n)
{
  v4f s0 = { 0 }, s1 = { 0 };
  gsize i = 0;
  float tail = 0;

  for (; i + 8 <= n; i += 8)
    {
      s0 += load4 (a + i) * load4 (b + i);
      s1 += load4 (a + i + 4) * load4 (b + i + 4);
    }
  for (; i < n; i++)
    tail += a[i] * b[i];
  return hsum4 (s0 + s1) + tail;
}

float
cvg_sqdist_f32 (const float *a,
                const float *b,
                gsize        n)
{
  v4f s0 = { 0 }, s1 = { 0 };
  gsize i = 0;
  float tail = 0;

  for (; i + 8 <= n; i += 8)
    {
      v4f d0 = load4 (a + i) - load4 (b + i);
      v4f d1 = load4 (a + i + 4) - load4 (b + i + 4);

      s0 += d0 * d0;
      s1 += d1 * d1;
    }
  for (; i < n; i++)
    tail += (a[i] - b[i]) * (a[i] - b[i]);
  return hsum4 (s0 + s1) + tail;
}

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

void
cvg_rng_init (CvgRng  *rng,
              guint64  seed)
{
  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&seed);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

guint64
cvg_rng_next (CvgRng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

double
cvg_rng_double (CvgRng *rng)
{
  return (cvg_rng_next (rng) >> 11) * 0x1.0p-53;
}

guint64
cvg_rng_below (CvgRng  *rng,
               guint64  bound)
{
  /* The modulo bias (< bound / 2⁶⁴) is irrelevant here. */
  return cvg_rng_next (rng) % bound;
}

double
cvg_rng_gaussian (CvgRng *rng)
{
  double u = 1.0 - cvg_rng_double (rng);   /* (0, 1]: log is finite */
  double v = cvg_rng_double (rng);

  return sqrt (-2.0 * log (u)) * cos (2.0 * G_PI * v);
}
