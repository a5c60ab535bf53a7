/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-series"

#include "config.h"

#include "cvg-series.h"

#include <string.h>

#include "cvg-purge.h"
#include "cvg-scalar-store.h"

#define ARENA_BLOCK_SIZE (64 * 1024)
#define ARENA_FIRST_BLOCK 256

struct _CvgSeries
{
  char           *tag;
  CvgKind         kind;
  CvgEncoding     encoding;
  char           *plugin_name;
  GBytes         *plugin_content;
  char           *display_name;
  char           *description;
  gboolean        is_double;

  CvgScalarStore *scalars;

  /* Non-scalar points: values live in arena blocks that never move. */
  GArray         *steps;
  GArray         *wall_times;
  GPtrArray      *values;
  GPtrArray      *blocks;
  gsize           block_used;
  gsize           block_size;
  gsize           arena_bytes;

  GArray         *cuts;
  /* Points handed on by cvg_series_steal(): cut positions count them. */
  gsize           base;
  guint           generation;
};

CvgSeries *
cvg_series_new (const char  *tag,
                CvgKind      kind,
                CvgEncoding  encoding)
{
  CvgSeries *self = g_new0 (CvgSeries, 1);

  self->tag = g_strdup (tag);
  self->kind = kind;
  self->encoding = encoding;
  self->cuts = g_array_new (FALSE, FALSE, sizeof (CvgCut));

  if (kind == CVG_KIND_SCALAR)
    {
      self->scalars = cvg_scalar_store_new ();
    }
  else
    {
      self->steps = g_array_new (FALSE, FALSE, sizeof (gint64));
      self->wall_times = g_array_new (FALSE, FALSE, sizeof (double));
      self->values = g_ptr_array_new ();
      self->blocks = g_ptr_array_new_with_free_func (g_free);
    }
  return self;
}

void
cvg_series_free (CvgSeries *self)
{
  if (self == NULL)
    return;
  g_free (self->tag);
  g_free (self->plugin_name);
  g_clear_pointer (&self->plugin_content, g_bytes_unref);
  g_free (self->display_name);
  g_free (self->description);
  g_clear_pointer (&self->scalars, cvg_scalar_store_free);
  g_clear_pointer (&self->steps, g_array_unref);
  g_clear_pointer (&self->wall_times, g_array_unref);
  g_clear_pointer (&self->values, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_array_unref (self->cuts);
  g_free (self);
}

const char *
cvg_series_get_tag (CvgSeries *self)
{
  return self->tag;
}

CvgKind
cvg_series_get_kind (CvgSeries *self)
{
  return self->kind;
}

CvgEncoding
cvg_series_get_encoding (CvgSeries *self)
{
  return self->encoding;
}

const char *
cvg_series_get_plugin_name (CvgSeries *self)
{
  return self->plugin_name;
}

GBytes *
cvg_series_get_plugin_content (CvgSeries *self)
{
  return self->plugin_content;
}

const char *
cvg_series_get_display_name (CvgSeries *self)
{
  return self->display_name;
}

const char *
cvg_series_get_description (CvgSeries *self)
{
  return self->description;
}

void
cvg_series_set_metadata (CvgSeries  *self,
                         const char *plugin_name,
                         GBytes     *plugin_content,
                         const char *display_name,
                         const char *description)
{
  /* They come from files: kept as valid UTF-8, safe to show. */
  g_free (self->plugin_name);
  self->plugin_name = plugin_name != NULL ? g_utf8_make_valid (plugin_name, -1) : NULL;
  g_clear_pointer (&self->plugin_content, g_bytes_unref);
  self->plugin_content = plugin_content != NULL ? g_bytes_ref (plugin_content) : NULL;
  g_free (self->display_name);
  self->display_name = display_name != NULL ? g_utf8_make_valid (display_name, -1) : NULL;
  g_free (self->description);
  self->description = description != NULL ? g_utf8_make_valid (description, -1) : NULL;
}

gboolean
cvg_series_is_double (CvgSeries *self)
{
  return self->is_double;
}

gsize
cvg_series_get_length (CvgSeries *self)
{
  if (self->scalars != NULL)
    return cvg_scalar_store_get_length (self->scalars);
  return self->steps->len;
}

gint64
cvg_series_get_step (CvgSeries *self,
                     gsize      index)
{
  gint64 step = 0;

  if (self->scalars != NULL)
    cvg_scalar_store_get (self->scalars, index, &step, NULL, NULL);
  else
    step = g_array_index (self->steps, gint64, index);
  return step;
}

double
cvg_series_get_wall_time (CvgSeries *self,
                          gsize      index)
{
  double wall_time = 0;

  if (self->scalars != NULL)
    cvg_scalar_store_get (self->scalars, index, NULL, &wall_time, NULL);
  else
    wall_time = g_array_index (self->wall_times, double, index);
  return wall_time;
}

double
cvg_series_get_value (CvgSeries *self,
                      gsize      index)
{
  double value = 0;

  g_return_val_if_fail (self->scalars != NULL, 0);
  cvg_scalar_store_get (self->scalars, index, NULL, NULL, &value);
  return value;
}

CvgScalarStore *
cvg_series_get_scalars (CvgSeries *self)
{
  return self->scalars;
}

const CvgTensorValue *
cvg_series_get_tensor (CvgSeries *self,
                       gsize      index)
{
  g_return_val_if_fail (self->values != NULL, NULL);
  g_return_val_if_fail (index < self->values->len, NULL);
  return g_ptr_array_index (self->values, index);
}

void
cvg_series_append_scalar (CvgSeries      *self,
                          gint64          step,
                          double          wall_time,
                          double          value,
                          CvgScalarWidth  width)
{
  g_return_if_fail (self->scalars != NULL);

  if (width == CVG_SCALAR_DOUBLE)
    self->is_double = TRUE;
  cvg_scalar_store_append (self->scalars, step, wall_time, value);
}

/* Bump allocation, 8-byte aligned, in blocks that are never moved. The
 * blocks double from ARENA_FIRST_BLOCK up to ARENA_BLOCK_SIZE: a series
 * of one small value (an hparams summary, a config) holds a few hundred
 * bytes, not 64 KiB. */
static gpointer
arena_alloc (CvgSeries *self,
             gsize      size)
{
  gpointer p;

  size = (size + 7) & ~(gsize) 7;
  if (self->blocks->len == 0 || self->block_used + size > self->block_size)
    {
      gsize next = self->blocks->len == 0 ? ARENA_FIRST_BLOCK : MIN (ARENA_BLOCK_SIZE, 2 * self->block_size);

      self->block_size = MAX (next, size);
      g_ptr_array_add (self->blocks, g_malloc (self->block_size));
      self->block_used = 0;
      self->arena_bytes += self->block_size;
    }
  p = (guint8 *) g_ptr_array_index (self->blocks, self->blocks->len - 1) + self->block_used;
  self->block_used += size;
  return p;
}

static void
append_value (CvgSeries      *self,
              gint64          step,
              double          wall_time,
              CvgTensorValue *value)
{
  g_array_append_val (self->steps, step);
  g_array_append_val (self->wall_times, wall_time);
  g_ptr_array_add (self->values, value);
}

static CvgTensorValue *
new_value (CvgSeries       *self,
           CvgDataType      dtype,
           guint            rank,
           const gint64    *dims,
           gsize            n_elements)
{
  CvgTensorValue *value = arena_alloc (self, sizeof *value);

  memset (value, 0, sizeof *value);
  value->dtype = dtype;
  value->rank = rank;
  if (rank > 0)
    memcpy (value->dims, dims, rank * sizeof (gint64));
  value->n_elements = n_elements;
  return value;
}

static const CvgSpan *
copy_strings (CvgSeries     *self,
              const CvgSpan *strings,
              gsize          n)
{
  CvgSpan *copies = arena_alloc (self, MAX (n, 1) * sizeof (CvgSpan));

  for (gsize i = 0; i < n; i++)
    {
      guint8 *bytes = arena_alloc (self, MAX (strings[i].len, 1));
      if (strings[i].len > 0)
        memcpy (bytes, strings[i].data, strings[i].len);
      copies[i].data = bytes;
      copies[i].len = strings[i].len;
    }
  return copies;
}

void
cvg_series_append_tensor (CvgSeries       *self,
                          gint64           step,
                          double           wall_time,
                          const CvgTensor *tensor)
{
  CvgTensorValue *value;

  g_return_if_fail (self->values != NULL);

  value = new_value (self, tensor->dtype, tensor->rank, tensor->dims, tensor->n_elements);
  if (tensor->strings != NULL)
    {
      value->strings = copy_strings (self, tensor->strings, tensor->n_elements);
    }
  else if (tensor->numbers != NULL)
    {
      double *numbers = arena_alloc (self, MAX (tensor->n_elements, 1) * sizeof (double));
      memcpy (numbers, tensor->numbers, tensor->n_elements * sizeof (double));
      value->numbers = numbers;
    }
  append_value (self, step, wall_time, value);
}

void
cvg_series_append_bytes (CvgSeries    *self,
                         gint64        step,
                         double        wall_time,
                         const guint8 *data,
                         gsize         len)
{
  CvgSpan span = { data, len };
  CvgTensorValue *value;

  g_return_if_fail (self->values != NULL);

  value = new_value (self, CVG_DT_STRING, 0, NULL, 1);
  value->strings = copy_strings (self, &span, 1);
  append_value (self, step, wall_time, value);
}

void
cvg_series_add_cut (CvgSeries *self,
                    gint64     step)
{
  CvgCut cut = { self->base + cvg_series_get_length (self), step };

  /* A cut before any point, or one already implied, changes nothing. */
  if (cut.position == 0)
    return;
  g_array_append_val (self->cuts, cut);
}

GArray *
cvg_series_get_purged_indices (CvgSeries *self)
{
  gsize n = cvg_series_get_length (self);
  GArray *indices = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  g_autofree gint64 *owned_steps = NULL;
  g_autofree gboolean *keep = NULL;
  const gint64 *steps;

  if (self->cuts->len == 0)
    {
      for (guint i = 0; i < n; i++)
        g_array_append_val (indices, i);
      return indices;
    }

  if (self->scalars != NULL)
    {
      owned_steps = g_new (gint64, MAX (n, 1));
      cvg_scalar_store_copy (self->scalars, 0, n, owned_steps, NULL, NULL);
      steps = owned_steps;
    }
  else
    {
      steps = (const gint64 *) self->steps->data;
    }

  keep = g_new (gboolean, MAX (n, 1));
  cvg_purge_compute (steps, n, (const CvgCut *) self->cuts->data, self->cuts->len, keep);
  for (guint i = 0; i < n; i++)
    if (keep[i])
      g_array_append_val (indices, i);
  return indices;
}

gsize
cvg_series_get_memory_size (CvgSeries *self)
{
  gsize size = sizeof *self + strlen (self->tag) + 1 + self->cuts->len * sizeof (CvgCut);

  if (self->scalars != NULL)
    return size + cvg_scalar_store_get_memory_size (self->scalars);
  return size + self->steps->len * (sizeof (gint64) + sizeof (double) + sizeof (gpointer)) +
         self->arena_bytes;
}

CvgSeries *
cvg_series_steal (CvgSeries *self)
{
  CvgSeries *taken = cvg_series_new (self->tag, self->kind, self->encoding);

  cvg_series_set_metadata (taken, self->plugin_name, self->plugin_content,
                           self->display_name, self->description);
  taken->is_double = self->is_double;
  taken->base = self->base;
  self->base += cvg_series_get_length (self);

  /* Swapping the containers moves every point without copying one. */
#define SWAP(field) G_STMT_START { gpointer tmp = (gpointer) taken->field; \
    taken->field = self->field; self->field = tmp; } G_STMT_END
  SWAP (scalars);
  SWAP (steps);
  SWAP (wall_times);
  SWAP (values);
  SWAP (blocks);
  SWAP (cuts);
#undef SWAP
  taken->block_used = self->block_used;
  taken->block_size = self->block_size;
  taken->arena_bytes = self->arena_bytes;
  self->block_used = self->block_size = self->arena_bytes = 0;
  return taken;
}

gsize
cvg_series_get_base (CvgSeries *self)
{
  return self->base;
}

#define COPY_CHUNK 4096

static void
append_points (CvgSeries *self,
               CvgSeries *more,
               gsize      start,
               gsize      end)
{
  if (more->scalars != NULL)
    {
      gint64 steps[COPY_CHUNK];
      double wall_times[COPY_CHUNK], values[COPY_CHUNK];

      for (gsize i = start; i < end; i += COPY_CHUNK)
        {
          gsize n = MIN (COPY_CHUNK, end - i);

          cvg_scalar_store_copy (more->scalars, i, n, steps, wall_times, values);
          for (gsize j = 0; j < n; j++)
            cvg_scalar_store_append (self->scalars, steps[j], wall_times[j], values[j]);
        }
      return;
    }

  for (gsize i = start; i < end; i++)
    {
      const CvgTensorValue *value = g_ptr_array_index (more->values, i);
      CvgTensor tensor = {
        .dtype = value->dtype,
        .rank = value->rank,
        .n_elements = value->n_elements,
        .numbers = (double *) value->numbers,
        .strings = (CvgSpan *) value->strings,
      };

      memcpy (tensor.dims, value->dims, sizeof tensor.dims);
      cvg_series_append_tensor (self, g_array_index (more->steps, gint64, i),
                                g_array_index (more->wall_times, double, i), &tensor);
    }
}

void
cvg_series_append_series (CvgSeries *self,
                          CvgSeries *more)
{
  gsize n = cvg_series_get_length (more);
  gsize done = 0;

  g_return_if_fail ((self->scalars != NULL) == (more->scalars != NULL));

  self->is_double |= more->is_double;
  /* Each cut goes in where it was made: after the points before it. */
  for (guint c = 0; c <= more->cuts->len; c++)
    {
      gsize until = n;

      if (c < more->cuts->len)
        {
          const CvgCut *cut = &g_array_index (more->cuts, CvgCut, c);
          until = CLAMP (cut->position, more->base, more->base + n) - more->base;
        }
      append_points (self, more, done, until);
      done = until;
      if (c < more->cuts->len)
        cvg_series_add_cut (self, g_array_index (more->cuts, CvgCut, c).step);
    }
  cvg_series_bump_generation (self);
}

guint
cvg_series_get_generation (CvgSeries *self)
{
  return self->generation;
}

void
cvg_series_bump_generation (CvgSeries *self)
{
  self->generation++;
}

guint
cvg_series_get_n_cuts (CvgSeries *self)
{
  return self->cuts->len;
}
