/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-event-writer"

#include "config.h"

#include "cvg-event-writer-private.h"

#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cvg-io-error.h"
#include "cvg-tensor-private.h"
#include "cvg-tfrecord.h"
#include "graph.pb-c.h"

/* Buffered bytes are written out once the buffer grows past this. */
#define FLUSH_THRESHOLD (1024 * 1024)

#define DEFAULT_SOURCE_WRITER "tensorboard.summary.writer.event_file_writer"
#define DEFAULT_BUCKET_COUNT  30

/* AudioPluginData { encoding: WAV (11) }, field 2 as a varint. */
static const guint8 audio_plugin_content[] = { 0x10, 0x0b };
/* Keras writes the literal bytes "1" as graph_keras_model content. */
static const guint8 keras_plugin_content[] = { '1' };

struct _CvgEventWriter
{
  char       *path;             /* NULL for a memory writer */
  int         fd;               /* -1 for a memory writer */
  GByteArray *buffer;           /* framed records not yet written out */
  GByteArray *scratch;          /* one serialized Event */
  GHashTable *seen_tags;        /* tags whose metadata was written */
  char       *source_writer;
  gboolean    repeat_metadata;
};

/* A TensorShapeProto of rank 0, 1 or 2 on the stack. */
typedef struct
{
  Tensorboard__TensorShapeProto      shape;
  Tensorboard__TensorShapeProto__Dim dims[2];
  Tensorboard__TensorShapeProto__Dim *dim_ptrs[2];
} Shape;

static void
shape_init (Shape  *s,
            guint   rank,
            gint64  d0,
            gint64  d1)
{
  Tensorboard__TensorShapeProto shape_init_value = TENSORBOARD__TENSOR_SHAPE_PROTO__INIT;
  Tensorboard__TensorShapeProto__Dim dim_init_value = TENSORBOARD__TENSOR_SHAPE_PROTO__DIM__INIT;

  g_assert (rank <= 2);

  s->shape = shape_init_value;
  for (guint i = 0; i < 2; i++)
    {
      s->dims[i] = dim_init_value;
      s->dim_ptrs[i] = &s->dims[i];
    }
  s->dims[0].size = d0;
  s->dims[1].size = d1;
  s->shape.n_dim = rank;
  s->shape.dim = rank > 0 ? s->dim_ptrs : NULL;
}

/* SummaryMetadata { plugin_data { plugin_name, content } } on the stack. */
typedef struct
{
  Tensorboard__SummaryMetadata             metadata;
  Tensorboard__SummaryMetadata__PluginData plugin_data;
} Metadata;

/* Fills @md and returns it, or returns NULL where the metadata is to be
 * stripped: TF1's FileWriter keeps it only on a tag's first value in a
 * file (and remembers only tags that carried metadata). */
static Tensorboard__SummaryMetadata *
metadata_for (CvgEventWriter *self,
              Metadata       *md,
              const char     *tag,
              const char     *plugin_name,
              const guint8   *content,
              gsize           content_len)
{
  Tensorboard__SummaryMetadata metadata_init_value = TENSORBOARD__SUMMARY_METADATA__INIT;
  Tensorboard__SummaryMetadata__PluginData plugin_init_value = TENSORBOARD__SUMMARY_METADATA__PLUGIN_DATA__INIT;

  if (g_hash_table_contains (self->seen_tags, tag))
    {
      if (!self->repeat_metadata)
        return NULL;
    }
  else
    {
      g_hash_table_add (self->seen_tags, g_strdup (tag));
    }

  md->metadata = metadata_init_value;
  md->plugin_data = plugin_init_value;
  md->plugin_data.plugin_name = (char *) plugin_name;
  md->plugin_data.content.data = (guint8 *) content;
  md->plugin_data.content.len = content_len;
  md->metadata.plugin_data = &md->plugin_data;
  return &md->metadata;
}

static gboolean
write_out (CvgEventWriter  *self,
           GError         **error)
{
  gsize written = 0;
  gboolean ret = TRUE;

  if (self->fd < 0)
    return TRUE;

  while (written < self->buffer->len)
    {
      gssize n = write (self->fd, self->buffer->data + written, self->buffer->len - written);

      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_FAILED,
                       "%s: %s", self->path, g_strerror (saved_errno));
          ret = FALSE;
          break;
        }
      written += (gsize) n;
    }

  /* Keep what could not be written, so a later flush can retry it. */
  if (written > 0)
    g_byte_array_remove_range (self->buffer, 0, (guint) written);

  return ret;
}

static gboolean
write_summary_value (CvgEventWriter               *self,
                     double                        wall_time,
                     gint64                        step,
                     Tensorboard__Summary__Value  *value,
                     GError                      **error)
{
  Tensorboard__Summary summary = TENSORBOARD__SUMMARY__INIT;
  Tensorboard__Event event = TENSORBOARD__EVENT__INIT;

  summary.n_value = 1;
  summary.value = &value;

  event.wall_time = wall_time;
  event.step = step;
  event.what_case = TENSORBOARD__EVENT__WHAT_SUMMARY;
  event.summary = &summary;

  return cvg_event_writer_write_event (self, &event, error);
}

static inline void
put_le (guint8  *p,
        guint64  v,
        guint    width)
{
  for (guint i = 0; i < width; i++)
    p[i] = (guint8) (v >> (8 * i));
}

/* IEEE binary16 bits of @value, rounded to nearest even. */
static guint16
double_to_half_bits (double value)
{
  float f = (float) value;
  guint32 x, sign, mant, half;
  gint32 exp;

  memcpy (&x, &f, 4);
  sign = (x >> 16) & 0x8000;
  exp = (gint32) ((x >> 23) & 0xff);
  mant = x & 0x7fffff;

  if (exp == 0xff)
    return (guint16) (sign | 0x7c00 | (mant != 0 ? 0x200 : 0));

  exp = exp - 127 + 15;
  if (exp >= 0x1f)
    return (guint16) (sign | 0x7c00);

  if (exp <= 0)
    {
      guint32 shift, rem, halfway;

      if (exp < -10)
        return (guint16) sign;
      mant |= 0x800000;
      shift = (guint32) (14 - exp);
      half = mant >> shift;
      rem = mant & ((1u << shift) - 1);
      halfway = 1u << (shift - 1);
      if (rem > halfway || (rem == halfway && (half & 1)))
        half++;
      return (guint16) (sign | half);
    }

  half = sign | ((guint32) exp << 10) | (mant >> 13);
  mant &= 0x1fff;
  /* A carry out of the mantissa correctly bumps the exponent. */
  if (mant > 0x1000 || (mant == 0x1000 && (half & 1)))
    half++;
  return (guint16) half;
}

/* bfloat16 bits of @value: the top half of a float32, rounded to nearest even. */
static guint16
double_to_bfloat16_bits (double value)
{
  float f = (float) value;
  guint32 x;

  memcpy (&x, &f, 4);
  if (isnan (f))
    return (guint16) ((x >> 16) | 0x40);
  x += 0x7fff + ((x >> 16) & 1);
  return (guint16) (x >> 16);
}

/* TensorFlow's default histogram bucket limits (tensorflow/core/lib/
 * histogram/histogram.cc): ±1e-12 growing by 10% up to 1e20, ±DBL_MAX
 * at the ends and 0 in the middle. */
static const double *
default_bucket_limits (gsize *n_limits)
{
  static double *limits;
  static gsize n;

  if (g_once_init_enter (&limits))
    {
      GArray *pos = g_array_new (FALSE, FALSE, sizeof (double));
      double *result;
      gsize k = 0;

      for (double v = 1.0e-12; v < 1.0e20; v *= 1.1)
        g_array_append_val (pos, v);

      n = 2 * pos->len + 3;
      result = g_new (double, n);
      result[k++] = -DBL_MAX;
      for (guint i = pos->len; i > 0; i--)
        result[k++] = -g_array_index (pos, double, i - 1);
      result[k++] = 0.0;
      for (guint i = 0; i < pos->len; i++)
        result[k++] = g_array_index (pos, double, i);
      result[k++] = DBL_MAX;
      g_assert (k == n);
      g_array_unref (pos);

      g_once_init_leave (&limits, result);
    }

  *n_limits = n;
  return limits;
}

/* Index of the first limit greater than @value (std::upper_bound). */
static gsize
upper_bound (const double *limits,
             gsize         n,
             double        value)
{
  gsize lo = 0, hi = n;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (limits[mid] > value)
        hi = mid;
      else
        lo = mid + 1;
    }
  return lo;
}

static gboolean
write_histogram_tf1 (CvgEventWriter  *self,
                     double           wall_time,
                     gint64           step,
                     const char      *tag,
                     const double    *samples,
                     gsize            n,
                     GError         **error)
{
  Tensorboard__Summary__Value value = TENSORBOARD__SUMMARY__VALUE__INIT;
  Tensorboard__HistogramProto histo = TENSORBOARD__HISTOGRAM_PROTO__INIT;
  g_autofree double *counts = NULL;
  g_autofree double *out_limits = NULL;
  g_autofree double *out_counts = NULL;
  const double *limits;
  gsize n_limits, n_out = 0;

  limits = default_bucket_limits (&n_limits);
  counts = g_new0 (double, n_limits);

  /* As Histogram::Clear and Histogram::Add do. */
  histo.min = DBL_MAX;
  histo.max = -DBL_MAX;
  for (gsize i = 0; i < n; i++)
    {
      double x = samples[i];
      gsize b = upper_bound (limits, n_limits, x);

      counts[MIN (b, n_limits - 1)] += 1.0;
      if (histo.min > x)
        histo.min = x;
      if (histo.max < x)
        histo.max = x;
      histo.num += 1.0;
      histo.sum += x;
      histo.sum_squares += x * x;
    }

  /* Histogram::EncodeToProto (preserve_zero_buckets = false): each run of
   * empty buckets collapses into one empty bucket ending where the run ends. */
  out_limits = g_new (double, n_limits);
  out_counts = g_new (double, n_limits);
  for (gsize i = 0; i < n_limits;)
    {
      double end = limits[i];
      double count = counts[i];

      i++;
      if (count <= 0.0)
        {
          while (i < n_limits && counts[i] <= 0.0)
            {
              end = limits[i];
              count = counts[i];
              i++;
            }
        }
      out_limits[n_out] = end;
      out_counts[n_out] = count;
      n_out++;
    }

  histo.n_bucket_limit = n_out;
  histo.bucket_limit = out_limits;
  histo.n_bucket = n_out;
  histo.bucket = out_counts;

  value.tag = (char *) tag;
  value.value_case = TENSORBOARD__SUMMARY__VALUE__VALUE_HISTO;
  value.histo = &histo;

  return write_summary_value (self, wall_time, step, &value, error);
}

static gboolean
write_histogram_tf2 (CvgEventWriter  *self,
                     double           wall_time,
                     gint64           step,
                     const char      *tag,
                     const double    *samples,
                     gsize            n,
                     guint            k,
                     GError         **error)
{
  Tensorboard__Summary__Value value = TENSORBOARD__SUMMARY__VALUE__INIT;
  Tensorboard__TensorProto tensor = TENSORBOARD__TENSOR_PROTO__INIT;
  g_autofree double *rows = g_new0 (double, (gsize) k * 3);
  g_autofree guint8 *content = NULL;
  Metadata md;
  Shape shape;

  /* TensorBoard's histogram summary_v2 `_buckets`: equal bins over
   * [min, max], edges from linspace (min + i * (range / k)) with the last
   * right edge exactly max; an all-equal sample puts every edge at that
   * value and the whole count in the last bucket; no data gives zeros. */
  if (n > 0)
    {
      double min = samples[0], max = samples[0], range;

      for (gsize i = 1; i < n; i++)
        {
          min = MIN (min, samples[i]);
          max = MAX (max, samples[i]);
        }
      range = max - min;

      if (range == 0)
        {
          for (guint i = 0; i < k; i++)
            {
              rows[3 * i + 0] = min;
              rows[3 * i + 1] = min;
            }
          rows[3 * (k - 1) + 2] = (double) n;
        }
      else
        {
          double width = range / (double) k;

          for (gsize i = 0; i < n; i++)
            {
              double index = floor ((samples[i] - min) / width);
              guint b = index >= (double) (k - 1) ? k - 1 : (guint) MAX (index, 0.0);

              rows[3 * b + 2] += 1.0;
            }
          for (guint i = 0; i < k; i++)
            {
              rows[3 * i + 0] = min + width * i;
              rows[3 * i + 1] = i + 1 < k ? min + width * (i + 1) : max;
            }
        }
    }

  content = g_new (guint8, (gsize) k * 3 * 8);
  for (gsize i = 0; i < (gsize) k * 3; i++)
    {
      guint64 bits;

      memcpy (&bits, &rows[i], 8);
      put_le (content + 8 * i, bits, 8);
    }

  shape_init (&shape, 2, k, 3);
  tensor.dtype = CVG_DT_DOUBLE;
  tensor.tensor_shape = &shape.shape;
  tensor.tensor_content.data = content;
  tensor.tensor_content.len = (gsize) k * 3 * 8;

  value.tag = (char *) tag;
  value.metadata = metadata_for (self, &md, tag, "histograms", NULL, 0);
  value.value_case = TENSORBOARD__SUMMARY__VALUE__VALUE_TENSOR;
  value.tensor = &tensor;

  return write_summary_value (self, wall_time, step, &value, error);
}

/* Finds num_channels and length_frames in a RIFF/WAVE header; 1 and 0
 * when the bytes are not a WAV file this can read. */
static void
parse_wav (const guint8 *wav,
           gsize         len,
           gint64       *channels,
           gint64       *frames)
{
  guint block_align = 0;
  gsize pos = 12;

  *channels = 1;
  *frames = 0;

  if (len < 12 || memcmp (wav, "RIFF", 4) != 0 || memcmp (wav + 8, "WAVE", 4) != 0)
    return;

  while (pos + 8 <= len)
    {
      const guint8 *chunk = wav + pos;
      guint32 size = chunk[4] | (chunk[5] << 8) | (chunk[6] << 16) | ((guint32) chunk[7] << 24);

      if (memcmp (chunk, "fmt ", 4) == 0 && size >= 16 && pos + 8 + 16 <= len)
        {
          *channels = chunk[10] | (chunk[11] << 8);
          block_align = chunk[20] | (chunk[21] << 8);
        }
      else if (memcmp (chunk, "data", 4) == 0)
        {
          gsize available = MIN ((gsize) size, len - pos - 8);

          if (block_align > 0)
            *frames = (gint64) (available / block_align);
          return;
        }
      pos += 8 + (gsize) size + (size & 1);
    }
}

CvgEventWriter *
cvg_event_writer_new (const char  *path,
                      GError     **error)
{
  CvgEventWriter *self;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_FAILED,
                   "%s: %s", path, g_strerror (saved_errno));
      return NULL;
    }

  self = cvg_event_writer_new_memory ();
  self->path = g_strdup (path);
  self->fd = fd;
  return self;
}

CvgEventWriter *
cvg_event_writer_new_memory (void)
{
  CvgEventWriter *self = g_new0 (CvgEventWriter, 1);

  self->fd = -1;
  self->buffer = g_byte_array_sized_new (4096);
  self->scratch = g_byte_array_sized_new (256);
  self->seen_tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->source_writer = g_strdup (DEFAULT_SOURCE_WRITER);
  return self;
}

/* For a memory writer, everything written since the last call; a file
 * writer returns NULL (its bytes are in the file). */
GBytes *
cvg_event_writer_steal_bytes (CvgEventWriter *self)
{
  GByteArray *bytes;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->fd < 0, NULL);

  bytes = g_steal_pointer (&self->buffer);
  self->buffer = g_byte_array_sized_new (4096);
  return g_byte_array_free_to_bytes (bytes);
}

void
cvg_event_writer_free (CvgEventWriter *self)
{
  g_autoptr(GError) error = NULL;

  if (self == NULL)
    return;

  if (self->fd >= 0)
    {
      if (!cvg_event_writer_flush (self, &error))
        g_warning ("Could not write events: %s", error->message);
      g_close (self->fd, NULL);
    }

  g_free (self->path);
  g_byte_array_unref (self->buffer);
  g_byte_array_unref (self->scratch);
  g_hash_table_unref (self->seen_tags);
  g_free (self->source_writer);
  g_free (self);
}

void
cvg_event_writer_set_repeat_metadata (CvgEventWriter *self,
                                      gboolean        repeat)
{
  g_return_if_fail (self != NULL);

  self->repeat_metadata = !!repeat;
}

void
cvg_event_writer_set_source_writer (CvgEventWriter *self,
                                    const char     *writer)
{
  g_return_if_fail (self != NULL);

  g_free (self->source_writer);
  self->source_writer = g_strdup (writer);
}

gboolean
cvg_event_writer_flush (CvgEventWriter  *self,
                        GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_out (self, error);
}

gboolean
cvg_event_writer_write_event (CvgEventWriter            *self,
                              const Tensorboard__Event  *event,
                              GError                   **error)
{
  gsize len;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  len = tensorboard__event__get_packed_size (event);
  g_byte_array_set_size (self->scratch, (guint) len);
  tensorboard__event__pack (event, self->scratch->data);

  return cvg_event_writer_write_record (self, self->scratch->data, len, error);
}

gboolean
cvg_event_writer_write_record (CvgEventWriter  *self,
                               const guint8    *data,
                               gsize            len,
                               GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  cvg_tfrecord_frame (data, len, self->buffer);

  if (self->fd >= 0 && self->buffer->len >= FLUSH_THRESHOLD)
    return write_out (self, error);

  return TRUE;
}

gboolean
cvg_event_writer_write_file_version (CvgEventWriter  *self,
                                     double           wall_time,
                                     const char      *version,
                                     GError         **error)
{
  Tensorboard__Event event = TENSORBOARD__EVENT__INIT;
  Tensorboard__SourceMetadata source = TENSORBOARD__SOURCE_METADATA__INIT;

  g_return_val_if_fail (self != NULL, FALSE);

  event.wall_time = wall_time;
  if (version != NULL)
    {
      event.what_case = TENSORBOARD__EVENT__WHAT_FILE_VERSION;
      event.file_version = (char *) version;
      if (self->source_writer != NULL)
        {
          source.writer = self->source_writer;
          event.source_metadata = &source;
        }
    }

  return cvg_event_writer_write_event (self, &event, error);
}

gboolean
cvg_event_writer_write_scalar (CvgEventWriter  *self,
                               CvgWriterStyle   style,
                               double           wall_time,
                               gint64           step,
                               const char      *tag,
                               float            value,
                               GError         **error)
{
  Tensorboard__Summary__Value v = TENSORBOARD__SUMMARY__VALUE__INIT;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  if (style == CVG_WRITER_STYLE_TF2)
    /* TF2 keeps the float in 4 bytes of tensor_content. */
    return cvg_event_writer_write_scalar_tensor (self, wall_time, step, tag,
                                                 CVG_DT_FLOAT, value, TRUE, error);

  v.tag = (char *) tag;
  v.value_case = TENSORBOARD__SUMMARY__VALUE__VALUE_SIMPLE_VALUE;
  v.simple_value = value;

  return write_summary_value (self, wall_time, step, &v, error);
}

gboolean
cvg_event_writer_write_scalar_tensor (CvgEventWriter  *self,
                                      double           wall_time,
                                      gint64           step,
                                      const char      *tag,
                                      int              dtype,
                                      double           value,
                                      gboolean         as_content,
                                      GError         **error)
{
  Tensorboard__Summary__Value v = TENSORBOARD__SUMMARY__VALUE__INIT;
  Tensorboard__TensorProto tensor = TENSORBOARD__TENSOR_PROTO__INIT;
  guint8 content[8];
  guint width = 0;
  guint64 bits = 0;
  float f;
  double d;
  gint32 i32;
  gint64 i64;
  guint32 u32;
  guint64 u64;
  protobuf_c_boolean b;
  gint32 half;
  Metadata md;
  Shape shape;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  /* Integer dtypes take @value as a C cast does. */
  switch (dtype)
    {
    case CVG_DT_FLOAT:
      f = (float) value;
      memcpy (&u32, &f, 4);
      bits = u32;
      width = 4;
      tensor.n_float_val = 1;
      tensor.float_val = &f;
      break;

    case CVG_DT_DOUBLE:
      d = value;
      memcpy (&bits, &d, 8);
      width = 8;
      tensor.n_double_val = 1;
      tensor.double_val = &d;
      break;

    case CVG_DT_INT32:
    case CVG_DT_INT16:
    case CVG_DT_INT8:
    case CVG_DT_UINT8:
    case CVG_DT_UINT16:
      switch (dtype)
        {
        case CVG_DT_INT32: i32 = (gint32) value; width = 4; break;
        case CVG_DT_INT16: i32 = (gint16) value; width = 2; break;
        case CVG_DT_INT8: i32 = (gint8) value; width = 1; break;
        case CVG_DT_UINT8: i32 = (guint8) value; width = 1; break;
        default: i32 = (guint16) value; width = 2; break;
        }
      bits = (guint64) (guint32) i32;
      tensor.n_int_val = 1;
      tensor.int_val = &i32;
      break;

    case CVG_DT_INT64:
      i64 = (gint64) value;
      bits = (guint64) i64;
      width = 8;
      tensor.n_int64_val = 1;
      tensor.int64_val = &i64;
      break;

    case CVG_DT_UINT32:
      u32 = (guint32) value;
      bits = u32;
      width = 4;
      tensor.n_uint32_val = 1;
      tensor.uint32_val = &u32;
      break;

    case CVG_DT_UINT64:
      u64 = (guint64) value;
      bits = u64;
      width = 8;
      tensor.n_uint64_val = 1;
      tensor.uint64_val = &u64;
      break;

    case CVG_DT_BOOL:
      b = value != 0;
      bits = b;
      width = 1;
      tensor.n_bool_val = 1;
      tensor.bool_val = &b;
      break;

    case CVG_DT_HALF:
    case CVG_DT_BFLOAT16:
      half = dtype == CVG_DT_HALF ? double_to_half_bits (value) : double_to_bfloat16_bits (value);
      bits = (guint64) half;
      width = 2;
      tensor.n_half_val = 1;
      tensor.half_val = &half;
      break;

    default:
      g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_FAILED,
                   "Cannot write a scalar of dtype %d", dtype);
      return FALSE;
    }

  if (as_content)
    {
      tensor.n_float_val = tensor.n_double_val = tensor.n_int_val = 0;
      tensor.n_int64_val = tensor.n_uint32_val = tensor.n_uint64_val = 0;
      tensor.n_bool_val = tensor.n_half_val = 0;
      put_le (content, bits, width);
      tensor.tensor_content.data = content;
      tensor.tensor_content.len = width;
    }

  /* A rank-0 shape is written as an empty TensorShapeProto, as TF does. */
  shape_init (&shape, 0, 0, 0);
  tensor.dtype = dtype;
  tensor.tensor_shape = &shape.shape;

  v.tag = (char *) tag;
  v.metadata = metadata_for (self, &md, tag, "scalars", NULL, 0);
  v.value_case = TENSORBOARD__SUMMARY__VALUE__VALUE_TENSOR;
  v.tensor = &tensor;

  return write_summary_value (self, wall_time, step, &v, error);
}

gboolean
cvg_event_writer_write_histogram (CvgEventWriter  *self,
                                  CvgWriterStyle   style,
                                  double           wall_time,
                                  gint64           step,
                                  const char      *tag,
                                  const double    *samples,
                                  gsize            n,
                                  guint            bucket_count,
                                  GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);
  g_return_val_if_fail (samples != NULL || n == 0, FALSE);

  if (style == CVG_WRITER_STYLE_TF1)
    return write_histogram_tf1 (self, wall_time, step, tag, samples, n, error);

  /* 0 picks TensorBoard's default of 30 buckets. */
  if (bucket_count == 0)
    bucket_count = DEFAULT_BUCKET_COUNT;

  return write_histogram_tf2 (self, wall_time, step, tag, samples, n, bucket_count, error);
}

gboolean
cvg_event_writer_write_image (CvgEventWriter  *self,
                              CvgWriterStyle   style,
                              double           wall_time,
                              gint64           step,
                              const char      *tag,
                              guint            width,
                              guint            height,
                              guint            channels,
                              const guint8    *encoded,
                              gsize            encoded_len,
                              GError         **error)
{
  g_return_val_if_fail (encoded != NULL || encoded_len == 0, FALSE);

  return cvg_event_writer_write_images (self, style, wall_time, step, tag, width, height, channels,
                                        &encoded, &encoded_len, 1, error);
}

gboolean
cvg_event_writer_write_images (CvgEventWriter  *self,
                               CvgWriterStyle   style,
                               double           wall_time,
                               gint64           step,
                               const char      *tag,
                               guint            width,
                               guint            height,
                               guint            channels,
                               const guint8   **encoded,
                               const gsize     *encoded_len,
                               guint            n_images,
                               GError         **error)
{
  Tensorboard__Summary__Value v = TENSORBOARD__SUMMARY__VALUE__INIT;
  Tensorboard__Summary__Image image = TENSORBOARD__SUMMARY__IMAGE__INIT;
  Tensorboard__TensorProto tensor = TENSORBOARD__TENSOR_PROTO__INIT;
  g_autofree ProtobufCBinaryData *strings = NULL;
  char width_str[16], height_str[16];
  Metadata md;
  Shape shape;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);
  g_return_val_if_fail (n_images > 0, FALSE);
  g_return_val_if_fail (style != CVG_WRITER_STYLE_TF1 || n_images == 1, FALSE);

  v.tag = (char *) tag;

  if (style == CVG_WRITER_STYLE_TF1)
    {
      image.height = (gint32) height;
      image.width = (gint32) width;
      image.colorspace = (gint32) channels;
      image.encoded_image_string.data = (guint8 *) encoded[0];
      image.encoded_image_string.len = encoded_len[0];
      v.value_case = TENSORBOARD__SUMMARY__VALUE__VALUE_IMAGE;
      v.image = &image;
      return write_summary_value (self, wall_time, step, &v, error);
    }

  /* summary_v2: [width, height, png...] as strings, width first. */
  strings = g_new0 (ProtobufCBinaryData, 2 + n_images);
  g_snprintf (width_str, sizeof width_str, "%u", width);
  g_snprintf (height_str, sizeof height_str, "%u", height);
  strings[0].data = (guint8 *) width_str;
  strings[0].len = strlen (width_str);
  strings[1].data = (guint8 *) height_str;
  strings[1].len = strlen (height_str);
  for (guint i = 0; i < n_images; i++)
    {
      strings[2 + i].data = (guint8 *) encoded[i];
      strings[2 + i].len = encoded_len[i];
    }

  shape_init (&shape, 1, 2 + n_images, 0);
  tensor.dtype = CVG_DT_STRING;
  tensor.tensor_shape = &shape.shape;
  tensor.n_string_val = 2 + n_images;
  tensor.string_val = strings;

  v.metadata = metadata_for (self, &md, tag, "images", NULL, 0);
  v.value_case = TENSORBOARD__SUMMARY__VALUE__VALUE_TENSOR;
  v.tensor = &tensor;

  return write_summary_value (self, wall_time, step, &v, error);
}

gboolean
cvg_event_writer_write_audio (CvgEventWriter  *self,
                              CvgWriterStyle   style,
                              double           wall_time,
                              gint64           step,
                              const char      *tag,
                              float            sample_rate,
                              const guint8    *wav,
                              gsize            wav_len,
                              GError         **error)
{
  Tensorboard__Summary__Value v = TENSORBOARD__SUMMARY__VALUE__INIT;
  Tensorboard__Summary__Audio audio = TENSORBOARD__SUMMARY__AUDIO__INIT;
  Tensorboard__TensorProto tensor = TENSORBOARD__TENSOR_PROTO__INIT;
  ProtobufCBinaryData strings[2];
  Metadata md;
  Shape shape;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);
  g_return_val_if_fail (wav != NULL || wav_len == 0, FALSE);

  v.tag = (char *) tag;

  if (style == CVG_WRITER_STYLE_TF1)
    {
      audio.sample_rate = sample_rate;
      parse_wav (wav, wav_len, &audio.num_channels, &audio.length_frames);
      audio.encoded_audio_string.data = (guint8 *) wav;
      audio.encoded_audio_string.len = wav_len;
      audio.content_type = (char *) "audio/wav";
      v.value_case = TENSORBOARD__SUMMARY__VALUE__VALUE_AUDIO;
      v.audio = &audio;
      return write_summary_value (self, wall_time, step, &v, error);
    }

  /* summary_v2: [k, 2] strings of (encoded wav, label), labels empty. */
  strings[0].data = (guint8 *) wav;
  strings[0].len = wav_len;
  strings[1].data = NULL;
  strings[1].len = 0;

  shape_init (&shape, 2, 1, 2);
  tensor.dtype = CVG_DT_STRING;
  tensor.tensor_shape = &shape.shape;
  tensor.n_string_val = 2;
  tensor.string_val = strings;

  v.metadata = metadata_for (self, &md, tag, "audio",
                             audio_plugin_content, sizeof audio_plugin_content);
  v.value_case = TENSORBOARD__SUMMARY__VALUE__VALUE_TENSOR;
  v.tensor = &tensor;

  return write_summary_value (self, wall_time, step, &v, error);
}

/* One string of @len bytes as a string tensor of rank 0 or [1]. */
static gboolean
write_string_tensor (CvgEventWriter  *self,
                     double           wall_time,
                     gint64           step,
                     const char      *tag,
                     guint            rank,
                     const char      *string,
                     const char      *plugin_name,
                     const guint8    *plugin_content,
                     gsize            plugin_content_len,
                     GError         **error)
{
  Tensorboard__Summary__Value v = TENSORBOARD__SUMMARY__VALUE__INIT;
  Tensorboard__TensorProto tensor = TENSORBOARD__TENSOR_PROTO__INIT;
  ProtobufCBinaryData bytes;
  Metadata md;
  Shape shape;

  bytes.data = (guint8 *) string;
  bytes.len = strlen (string);

  shape_init (&shape, rank, 1, 0);
  tensor.dtype = CVG_DT_STRING;
  tensor.tensor_shape = &shape.shape;
  tensor.n_string_val = 1;
  tensor.string_val = &bytes;

  v.tag = (char *) tag;
  v.metadata = metadata_for (self, &md, tag, plugin_name, plugin_content, plugin_content_len);
  v.value_case = TENSORBOARD__SUMMARY__VALUE__VALUE_TENSOR;
  v.tensor = &tensor;

  return write_summary_value (self, wall_time, step, &v, error);
}

gboolean
cvg_event_writer_write_text (CvgEventWriter  *self,
                             double           wall_time,
                             gint64           step,
                             const char      *tag,
                             const char      *text,
                             GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  /* TextPluginData { version: 0 } serializes to no bytes. */
  return write_string_tensor (self, wall_time, step, tag, 1, text, "text", NULL, 0, error);
}

gboolean
cvg_event_writer_write_text_tensor (CvgEventWriter      *self,
                                    double               wall_time,
                                    gint64               step,
                                    const char          *tag,
                                    const char * const  *strings,
                                    const gint64        *dims,
                                    guint                rank,
                                    GError             **error)
{
  Tensorboard__Summary__Value v = TENSORBOARD__SUMMARY__VALUE__INIT;
  Tensorboard__TensorProto tensor = TENSORBOARD__TENSOR_PROTO__INIT;
  Tensorboard__TensorShapeProto shape = TENSORBOARD__TENSOR_SHAPE_PROTO__INIT;
  Tensorboard__TensorShapeProto__Dim dim_values[CVG_TENSOR_MAX_RANK];
  Tensorboard__TensorShapeProto__Dim *dim_ptrs[CVG_TENSOR_MAX_RANK];
  g_autofree ProtobufCBinaryData *bytes = NULL;
  gsize n = 1;
  Metadata md;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);
  g_return_val_if_fail (rank <= CVG_TENSOR_MAX_RANK, FALSE);

  for (guint i = 0; i < rank; i++)
    {
      Tensorboard__TensorShapeProto__Dim dim_init_value = TENSORBOARD__TENSOR_SHAPE_PROTO__DIM__INIT;

      dim_values[i] = dim_init_value;
      dim_values[i].size = dims[i];
      dim_ptrs[i] = &dim_values[i];
      n *= (gsize) dims[i];
    }
  bytes = g_new0 (ProtobufCBinaryData, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    bytes[i] = (ProtobufCBinaryData) { strlen (strings[i]), (guint8 *) strings[i] };

  shape.n_dim = rank;
  shape.dim = rank > 0 ? dim_ptrs : NULL;
  tensor.dtype = CVG_DT_STRING;
  tensor.tensor_shape = &shape;
  tensor.n_string_val = n;
  tensor.string_val = bytes;

  v.tag = (char *) tag;
  v.metadata = metadata_for (self, &md, tag, "text", NULL, 0);
  v.value_case = TENSORBOARD__SUMMARY__VALUE__VALUE_TENSOR;
  v.tensor = &tensor;

  return write_summary_value (self, wall_time, step, &v, error);
}

gboolean
cvg_event_writer_write_graph_def (CvgEventWriter  *self,
                                  double           wall_time,
                                  const guint8    *graph_def,
                                  gsize            len,
                                  GError         **error)
{
  Tensorboard__Event event = TENSORBOARD__EVENT__INIT;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (graph_def != NULL || len == 0, FALSE);

  event.wall_time = wall_time;
  event.what_case = TENSORBOARD__EVENT__WHAT_GRAPH_DEF;
  event.graph_def.data = (guint8 *) graph_def;
  event.graph_def.len = len;

  return cvg_event_writer_write_event (self, &event, error);
}

gboolean
cvg_event_writer_write_keras_model (CvgEventWriter  *self,
                                    double           wall_time,
                                    const char      *json,
                                    GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  return write_string_tensor (self, wall_time, 0, "keras", 0, json, "graph_keras_model",
                              keras_plugin_content, sizeof keras_plugin_content, error);
}

gboolean
cvg_event_writer_write_hparams (CvgEventWriter  *self,
                                CvgWriterStyle   style,
                                double           wall_time,
                                const char      *tag,
                                GBytes          *content,
                                GError         **error)
{
  Tensorboard__Summary__Value v = TENSORBOARD__SUMMARY__VALUE__INIT;
  gsize len;
  const guint8 *data;
  Metadata md;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);
  g_return_val_if_fail (content != NULL, FALSE);

  data = g_bytes_get_data (content, &len);
  if (style == CVG_WRITER_STYLE_TF2)
    return write_string_tensor (self, wall_time, 0, tag, 0, "", "hparams", data, len, error);

  v.tag = (char *) tag;
  v.metadata = metadata_for (self, &md, tag, "hparams", data, len);
  return write_summary_value (self, wall_time, 0, &v, error);
}

gboolean
cvg_event_writer_write_session_log (CvgEventWriter  *self,
                                    double           wall_time,
                                    gint64           step,
                                    int              status,
                                    GError         **error)
{
  Tensorboard__Event event = TENSORBOARD__EVENT__INIT;
  Tensorboard__SessionLog session_log = TENSORBOARD__SESSION_LOG__INIT;

  g_return_val_if_fail (self != NULL, FALSE);

  session_log.status = (Tensorboard__SessionLog__SessionStatus) status;

  event.wall_time = wall_time;
  event.step = step;
  event.what_case = TENSORBOARD__EVENT__WHAT_SESSION_LOG;
  event.session_log = &session_log;

  return cvg_event_writer_write_event (self, &event, error);
}

static void
put_varint (GByteArray *out,
            guint64     v)
{
  do
    {
      guint8 b = (v & 0x7f) | (v > 0x7f ? 0x80 : 0);
      g_byte_array_append (out, &b, 1);
      v >>= 7;
    }
  while (v != 0);
}

static void
put_len_field (GByteArray   *out,
               guint8        key,
               const guint8 *data,
               gsize         len)
{
  g_byte_array_append (out, &key, 1);
  put_varint (out, len);
  if (len > 0)
    g_byte_array_append (out, data, (guint) len);
}

/* Encoded by hand: protobuf-c's strings stop at a NUL. */
gboolean
cvg_event_writer_write_raw_tag_scalar (CvgEventWriter  *self,
                                       double           wall_time,
                                       gint64           step,
                                       const guint8    *tag,
                                       gsize            tag_len,
                                       float            value,
                                       GError         **error)
{
  g_autoptr(GByteArray) v = g_byte_array_new ();
  g_autoptr(GByteArray) summary = g_byte_array_new ();
  g_autoptr(GByteArray) event = g_byte_array_new ();
  guint64 wall_bits;
  guint32 value_bits;
  guint8 key;

  g_return_val_if_fail (self != NULL, FALSE);

  if (tag != NULL)
    put_len_field (v, 0x0a, tag, tag_len);          /* Value.tag = 1 */
  key = 0x15;                                       /* Value.simple_value = 2 */
  g_byte_array_append (v, &key, 1);
  memcpy (&value_bits, &value, 4);
  value_bits = GUINT32_TO_LE (value_bits);
  g_byte_array_append (v, (const guint8 *) &value_bits, 4);
  put_len_field (summary, 0x0a, v->data, v->len);   /* Summary.value = 1 */

  key = 0x09;                                       /* Event.wall_time = 1 */
  g_byte_array_append (event, &key, 1);
  memcpy (&wall_bits, &wall_time, 8);
  wall_bits = GUINT64_TO_LE (wall_bits);
  g_byte_array_append (event, (const guint8 *) &wall_bits, 8);
  key = 0x10;                                       /* Event.step = 2 */
  g_byte_array_append (event, &key, 1);
  put_varint (event, (guint64) step);
  put_len_field (event, 0x2a, summary->data, summary->len);  /* Event.summary = 5 */

  return cvg_event_writer_write_record (self, event->data, event->len, error);
}

gboolean
cvg_event_writer_write_fill_tensor (CvgEventWriter  *self,
                                    double           wall_time,
                                    gint64           step,
                                    const char      *tag,
                                    const char      *plugin_name,
                                    int              dtype,
                                    const gint64    *dims,
                                    guint            rank,
                                    double           number,
                                    const char      *string,
                                    GError         **error)
{
  Tensorboard__Summary__Value v = TENSORBOARD__SUMMARY__VALUE__INIT;
  Tensorboard__TensorProto tensor = TENSORBOARD__TENSOR_PROTO__INIT;
  Tensorboard__TensorShapeProto shape = TENSORBOARD__TENSOR_SHAPE_PROTO__INIT;
  Tensorboard__TensorShapeProto__Dim dim_init_value = TENSORBOARD__TENSOR_SHAPE_PROTO__DIM__INIT;
  Tensorboard__TensorShapeProto__Dim dim_values[CVG_TENSOR_MAX_RANK];
  Tensorboard__TensorShapeProto__Dim *dim_ptrs[CVG_TENSOR_MAX_RANK];
  ProtobufCBinaryData bytes;
  float f = (float) number;
  gint64 i64 = (gint64) number;
  gint32 i32 = (gint32) number;
  Metadata md;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);
  g_return_val_if_fail (rank <= CVG_TENSOR_MAX_RANK, FALSE);

  for (guint i = 0; i < rank; i++)
    {
      dim_values[i] = dim_init_value;
      dim_values[i].size = dims[i];
      dim_ptrs[i] = &dim_values[i];
    }
  shape.n_dim = rank;
  shape.dim = rank > 0 ? dim_ptrs : NULL;
  tensor.dtype = dtype;
  tensor.tensor_shape = &shape;

  switch (dtype)
    {
    case CVG_DT_STRING:
      g_return_val_if_fail (string != NULL, FALSE);
      bytes.data = (guint8 *) string;
      bytes.len = strlen (string);
      tensor.n_string_val = 1;
      tensor.string_val = &bytes;
      break;
    case CVG_DT_FLOAT:
      tensor.n_float_val = 1;
      tensor.float_val = &f;
      break;
    case CVG_DT_DOUBLE:
      tensor.n_double_val = 1;
      tensor.double_val = &number;
      break;
    case CVG_DT_INT64:
      tensor.n_int64_val = 1;
      tensor.int64_val = &i64;
      break;
    default:
      tensor.n_int_val = 1;
      tensor.int_val = &i32;
      break;
    }

  v.tag = (char *) tag;
  if (plugin_name != NULL)
    v.metadata = metadata_for (self, &md, tag, plugin_name, NULL, 0);
  v.value_case = TENSORBOARD__SUMMARY__VALUE__VALUE_TENSOR;
  v.tensor = &tensor;

  return write_summary_value (self, wall_time, step, &v, error);
}

/* @names NULL gives `chain/op_<i>`; @ops NULL gives a Placeholder
 * followed by Identity nodes. */
GBytes *
cvg_graph_def_build_chain (const char * const *names,
                           const char * const *ops,
                           gsize               n_nodes)
{
  Tensorboard__GraphDef graph = TENSORBOARD__GRAPH_DEF__INIT;
  g_autofree Tensorboard__NodeDef *nodes = g_new (Tensorboard__NodeDef, MAX (n_nodes, 1));
  g_autofree Tensorboard__NodeDef **node_ptrs = g_new (Tensorboard__NodeDef *, MAX (n_nodes, 1));
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  guint8 *data;
  gsize len;

  for (gsize i = 0; i < n_nodes; i++)
    {
      Tensorboard__NodeDef node_init_value = TENSORBOARD__NODE_DEF__INIT;
      Tensorboard__NodeDef *node = &nodes[i];

      *node = node_init_value;
      if (names != NULL)
        {
          node->name = (char *) names[i];
        }
      else
        {
          node->name = g_strdup_printf ("chain/op_%" G_GSIZE_FORMAT, i);
          g_ptr_array_add (owned, node->name);
        }
      if (ops != NULL)
        node->op = (char *) ops[i];
      else
        node->op = (char *) (i == 0 ? "Placeholder" : "Identity");
      if (i > 0)
        {
          node->n_input = 1;
          node->input = &nodes[i - 1].name;
        }
      node_ptrs[i] = node;
    }

  graph.n_node = n_nodes;
  graph.node = node_ptrs;

  len = tensorboard__graph_def__get_packed_size (&graph);
  data = g_malloc (MAX (len, 1));
  tensorboard__graph_def__pack (&graph, data);

  return g_bytes_new_take (data, len);
}
