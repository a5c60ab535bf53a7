/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-scalar-store"

#include "config.h"

#include "cvg-scalar-store.h"

#include <math.h>
#include <string.h>

#define CHUNK_SIZE 1024

/* A sealed chunk: CHUNK_SIZE points in one allocation, laid out as
 * [step deltas][wall-time deltas][values], each section's width chosen
 * for that chunk (0, 4 or 8 bytes a point for steps). */
typedef struct
{
  gint64   step_base;
  gint64   step_stride;
  guint64  wall_base;     /* bit pattern of the first wall time */
  guint8   step_width;    /* 0: base + i * stride; 4: int32 delta; 8: int64 */
  guint8   wall_width;    /* 4: int32 delta of bit patterns; 8: raw */
  guint8   value_width;   /* 4: float; 8: double */
  guint8  *data;
} Chunk;

struct _CvgScalarStore
{
  GArray *chunks;         /* Chunk, all full */
  /* The open tail, kept raw until it fills. */
  gint64 *tail_steps;
  double *tail_walls;
  double *tail_values;
  guint   tail_len;
  guint   tail_cap;
};

static inline guint64
double_bits (double d)
{
  guint64 bits;

  memcpy (&bits, &d, 8);
  return bits;
}

static inline double
bits_double (guint64 bits)
{
  double d;

  memcpy (&d, &bits, 8);
  return d;
}

/* TRUE when storing @v as a float gives back the same double (NaNs keep
 * their payload only approximately, which is fine: NaN stays NaN). */
static inline gboolean
fits_float (double v)
{
  return (double) (float) v == v || isnan (v);
}

CvgScalarStore *
cvg_scalar_store_new (void)
{
  CvgScalarStore *self = g_new0 (CvgScalarStore, 1);

  self->chunks = g_array_new (FALSE, FALSE, sizeof (Chunk));
  return self;
}

void
cvg_scalar_store_free (CvgScalarStore *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->chunks->len; i++)
    g_free (g_array_index (self->chunks, Chunk, i).data);
  g_array_unref (self->chunks);
  g_free (self->tail_steps);
  g_free (self->tail_walls);
  g_free (self->tail_values);
  g_free (self);
}

/* Steps may sit anywhere in gint64: deltas wrap as unsigned numbers, and
 * wrap back exactly, where signed arithmetic would overflow. */
static inline gint64
step_add (gint64 base,
          gint32 delta)
{
  return (gint64) ((guint64) base + (guint64) (gint64) delta);
}

static guint8
choose_step_width (const gint64 *steps,
                   gint64       *stride)
{
  gboolean constant = TRUE, fits32 = TRUE;

  *stride = (gint64) ((guint64) steps[1] - (guint64) steps[0]);
  for (guint i = 1; i < CHUNK_SIZE; i++)
    {
      /* Compare as unsigned to stay defined on wild inputs. */
      guint64 delta = (guint64) steps[i] - (guint64) steps[0];
      if ((guint64) steps[i] - (guint64) steps[i - 1] != (guint64) *stride)
        constant = FALSE;
      if ((gint64) delta != (gint32) (gint64) delta)
        fits32 = FALSE;
    }
  if (constant)
    return 0;
  return fits32 ? 4 : 8;
}

static guint8
choose_wall_width (const double *walls)
{
  guint64 base = double_bits (walls[0]);

  for (guint i = 1; i < CHUNK_SIZE; i++)
    {
      gint64 delta = (gint64) (double_bits (walls[i]) - base);
      if (delta != (gint32) delta)
        return 8;
    }
  return 4;
}

static guint8
choose_value_width (const double *values)
{
  for (guint i = 0; i < CHUNK_SIZE; i++)
    if (!fits_float (values[i]))
      return 8;
  return 4;
}

static void
seal_tail (CvgScalarStore *self)
{
  Chunk chunk = { 0 };
  guint8 *p;

  chunk.step_base = self->tail_steps[0];
  chunk.wall_base = double_bits (self->tail_walls[0]);
  chunk.step_width = choose_step_width (self->tail_steps, &chunk.step_stride);
  chunk.wall_width = choose_wall_width (self->tail_walls);
  chunk.value_width = choose_value_width (self->tail_values);
  chunk.data = g_malloc ((gsize) CHUNK_SIZE * (chunk.step_width + chunk.wall_width + chunk.value_width));

  p = chunk.data;
  for (guint i = 0; i < CHUNK_SIZE && chunk.step_width == 4; i++, p += 4)
    {
      gint32 d = (gint32) ((guint64) self->tail_steps[i] - (guint64) chunk.step_base);
      memcpy (p, &d, 4);
    }
  if (chunk.step_width == 8)
    {
      memcpy (p, self->tail_steps, CHUNK_SIZE * 8);
      p += CHUNK_SIZE * 8;
    }
  for (guint i = 0; i < CHUNK_SIZE && chunk.wall_width == 4; i++, p += 4)
    {
      gint32 d = (gint32) (double_bits (self->tail_walls[i]) - chunk.wall_base);
      memcpy (p, &d, 4);
    }
  if (chunk.wall_width == 8)
    {
      memcpy (p, self->tail_walls, CHUNK_SIZE * 8);
      p += CHUNK_SIZE * 8;
    }
  for (guint i = 0; i < CHUNK_SIZE && chunk.value_width == 4; i++, p += 4)
    {
      float f = (float) self->tail_values[i];
      memcpy (p, &f, 4);
    }
  if (chunk.value_width == 8)
    memcpy (p, self->tail_values, CHUNK_SIZE * 8);

  g_array_append_val (self->chunks, chunk);
  self->tail_len = 0;
}

void
cvg_scalar_store_append (CvgScalarStore *self,
                         gint64          step,
                         double          wall_time,
                         double          value)
{
  if (self->tail_len == self->tail_cap)
    {
      /* Grow gently: most series are short, and the tail is per series. */
      self->tail_cap = self->tail_cap == 0 ? 8 : MIN (self->tail_cap * 4, CHUNK_SIZE);
      self->tail_steps = g_renew (gint64, self->tail_steps, self->tail_cap);
      self->tail_walls = g_renew (double, self->tail_walls, self->tail_cap);
      self->tail_values = g_renew (double, self->tail_values, self->tail_cap);
    }

  self->tail_steps[self->tail_len] = step;
  self->tail_walls[self->tail_len] = wall_time;
  self->tail_values[self->tail_len] = value;
  self->tail_len++;

  if (self->tail_len == CHUNK_SIZE)
    seal_tail (self);
}

gsize
cvg_scalar_store_get_length (CvgScalarStore *self)
{
  return (gsize) self->chunks->len * CHUNK_SIZE + self->tail_len;
}

static inline gint32
load_i32 (const guint8 *p)
{
  gint32 v;

  memcpy (&v, p, 4);
  return v;
}

static inline void
chunk_get (const Chunk *chunk,
           guint        i,
           gint64      *step,
           double      *wall_time,
           double      *value)
{
  const guint8 *p = chunk->data;
  const guint8 *walls = p + (gsize) CHUNK_SIZE * chunk->step_width;
  const guint8 *values = walls + (gsize) CHUNK_SIZE * chunk->wall_width;

  if (step != NULL)
    {
      if (chunk->step_width == 0)
        *step = (gint64) ((guint64) chunk->step_base + (guint64) chunk->step_stride * i);
      else if (chunk->step_width == 4)
        *step = step_add (chunk->step_base, load_i32 (p + 4 * i));
      else
        memcpy (step, p + 8 * i, 8);
    }
  if (wall_time != NULL)
    {
      if (chunk->wall_width == 4)
        *wall_time = bits_double (chunk->wall_base + (guint64) (gint64) load_i32 (walls + 4 * i));
      else
        memcpy (wall_time, walls + 8 * i, 8);
    }
  if (value != NULL)
    {
      if (chunk->value_width == 4)
        {
          float f;
          memcpy (&f, values + 4 * i, 4);
          *value = f;
        }
      else
        memcpy (value, values + 8 * i, 8);
    }
}

void
cvg_scalar_store_get (CvgScalarStore *self,
                      gsize           index,
                      gint64         *step,
                      double         *wall_time,
                      double         *value)
{
  gsize chunk_index = index / CHUNK_SIZE;

  g_return_if_fail (index < cvg_scalar_store_get_length (self));

  if (chunk_index < self->chunks->len)
    {
      chunk_get (&g_array_index (self->chunks, Chunk, chunk_index),
                 index % CHUNK_SIZE, step, wall_time, value);
      return;
    }

  index -= (gsize) self->chunks->len * CHUNK_SIZE;
  if (step != NULL)
    *step = self->tail_steps[index];
  if (wall_time != NULL)
    *wall_time = self->tail_walls[index];
  if (value != NULL)
    *value = self->tail_values[index];
}

/* Decodes points [from, to) of one sealed chunk, one section at a time so
 * that each loop is branch-free. */
static void
chunk_copy (const Chunk *chunk,
            guint        from,
            guint        to,
            gint64      *steps,
            double      *wall_times,
            double      *values)
{
  const guint8 *walls = chunk->data + (gsize) CHUNK_SIZE * chunk->step_width;
  const guint8 *vals = walls + (gsize) CHUNK_SIZE * chunk->wall_width;
  guint n = to - from;

  if (steps != NULL && chunk->step_width == 0)
    for (guint i = 0; i < n; i++)
      steps[i] = (gint64) ((guint64) chunk->step_base + (guint64) chunk->step_stride * (from + i));
  else if (steps != NULL && chunk->step_width == 4)
    for (guint i = 0; i < n; i++)
      steps[i] = step_add (chunk->step_base, load_i32 (chunk->data + 4 * (from + i)));
  else if (steps != NULL)
    memcpy (steps, chunk->data + 8 * from, 8 * n);

  if (wall_times != NULL && chunk->wall_width == 4)
    for (guint i = 0; i < n; i++)
      wall_times[i] = bits_double (chunk->wall_base + (guint64) (gint64) load_i32 (walls + 4 * (from + i)));
  else if (wall_times != NULL)
    memcpy (wall_times, walls + 8 * from, 8 * n);

  if (values != NULL && chunk->value_width == 4)
    for (guint i = 0; i < n; i++)
      {
        float f;
        memcpy (&f, vals + 4 * (from + i), 4);
        values[i] = f;
      }
  else if (values != NULL)
    memcpy (values, vals + 8 * from, 8 * n);
}

void
cvg_scalar_store_copy (CvgScalarStore *self,
                       gsize           start,
                       gsize           n,
                       gint64         *steps,
                       double         *wall_times,
                       double         *values)
{
  gsize end = start + n;
  gsize sealed = (gsize) self->chunks->len * CHUNK_SIZE;
  gsize done = 0;

  g_return_if_fail (end <= cvg_scalar_store_get_length (self));

  while (start + done < MIN (end, sealed))
    {
      gsize index = start + done;
      guint from = index % CHUNK_SIZE;
      guint to = (guint) MIN (CHUNK_SIZE, from + (MIN (end, sealed) - index));

      chunk_copy (&g_array_index (self->chunks, Chunk, index / CHUNK_SIZE), from, to,
                  steps != NULL ? steps + done : NULL,
                  wall_times != NULL ? wall_times + done : NULL,
                  values != NULL ? values + done : NULL);
      done += to - from;
    }

  for (; done < n; done++)
    {
      gsize tail_index = start + done - sealed;
      if (steps != NULL)
        steps[done] = self->tail_steps[tail_index];
      if (wall_times != NULL)
        wall_times[done] = self->tail_walls[tail_index];
      if (values != NULL)
        values[done] = self->tail_values[tail_index];
    }
}

gsize
cvg_scalar_store_get_memory_size (CvgScalarStore *self)
{
  gsize size = sizeof *self + self->chunks->len * sizeof (Chunk);

  for (guint i = 0; i < self->chunks->len; i++)
    {
      const Chunk *chunk = &g_array_index (self->chunks, Chunk, i);
      size += (gsize) CHUNK_SIZE * (chunk->step_width + chunk->wall_width + chunk->value_width);
    }
  size += (gsize) self->tail_cap * (sizeof (gint64) + 2 * sizeof (double));
  return size;
}
