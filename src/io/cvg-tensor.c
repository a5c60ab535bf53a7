/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-tensor"

#include "config.h"

#include "cvg-tensor-private.h"

#include <math.h>
#include <string.h>

#include "cvg-io-error.h"

double
cvg_half_to_double (guint16 bits)
{
  guint32 exponent = (bits >> 10) & 0x1f;
  guint32 mantissa = bits & 0x3ff;
  double magnitude;

  if (exponent == 0)
    magnitude = ldexp ((double) mantissa, -24);
  else if (exponent == 0x1f)
    magnitude = mantissa != 0 ? NAN : INFINITY;
  else
    magnitude = ldexp ((double) (mantissa | 0x400), (int) exponent - 25);

  return (bits & 0x8000) ? -magnitude : magnitude;
}

static float
float_from_bits (guint32 bits)
{
  float v;

  memcpy (&v, &bits, 4);
  return v;
}

double
cvg_bfloat16_to_double (guint16 bits)
{
  return float_from_bits ((guint32) bits << 16);
}

/* half_val holds a 16-bit pattern; PyTorch stores a float32 pattern there
 * instead, which never fits in 16 bits. */
static double
half_val_to_double (guint32  v,
                    gboolean bfloat16)
{
  if ((v & ~0xffffu) != 0)
    return float_from_bits (v);
  return bfloat16 ? cvg_bfloat16_to_double (v) : cvg_half_to_double (v);
}

gboolean
cvg_tensor_content_to_scalar (int             dtype,
                              const guint8   *data,
                              gsize           len,
                              double         *value,
                              CvgScalarWidth *width)
{
  union { guint16 u16; guint32 u32; guint64 u64; gint32 i32; gint64 i64; double d; } u;

  switch (dtype)
    {
    case CVG_DT_FLOAT:
      if (len != 4)
        return FALSE;
      memcpy (&u.u32, data, 4);
      *value = float_from_bits (GUINT32_FROM_LE (u.u32));
      *width = CVG_SCALAR_FLOAT;
      return TRUE;
    case CVG_DT_DOUBLE:
      if (len != 8)
        return FALSE;
      memcpy (&u.u64, data, 8);
      u.u64 = GUINT64_FROM_LE (u.u64);
      *value = u.d;
      *width = CVG_SCALAR_DOUBLE;
      return TRUE;
    case CVG_DT_INT32:
      if (len != 4)
        return FALSE;
      memcpy (&u.u32, data, 4);
      u.u32 = GUINT32_FROM_LE (u.u32);
      *value = u.i32;
      *width = CVG_SCALAR_DOUBLE;
      return TRUE;
    case CVG_DT_INT64:
      if (len != 8)
        return FALSE;
      memcpy (&u.u64, data, 8);
      u.u64 = GUINT64_FROM_LE (u.u64);
      *value = (double) u.i64;
      *width = CVG_SCALAR_DOUBLE;
      return TRUE;
    case CVG_DT_HALF:
    case CVG_DT_BFLOAT16:
      if (len != 2)
        return FALSE;
      memcpy (&u.u16, data, 2);
      u.u16 = GUINT16_FROM_LE (u.u16);
      *value = dtype == CVG_DT_HALF ? cvg_half_to_double (u.u16) : cvg_bfloat16_to_double (u.u16);
      *width = CVG_SCALAR_FLOAT;
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
cvg_tensor_val_to_scalar (int             dtype,
                          int             val_field,
                          guint64         bits,
                          double         *value,
                          CvgScalarWidth *width)
{
  double d;

  switch (dtype)
    {
    case CVG_DT_FLOAT:
      if (val_field != 5)
        return FALSE;
      *value = float_from_bits (GUINT32_FROM_LE ((guint32) bits));
      *width = CVG_SCALAR_FLOAT;
      return TRUE;
    case CVG_DT_DOUBLE:
      if (val_field != 6)
        return FALSE;
      bits = GUINT64_FROM_LE (bits);
      memcpy (&d, &bits, 8);
      *value = d;
      *width = CVG_SCALAR_DOUBLE;
      return TRUE;
    case CVG_DT_INT32:
      if (val_field != 7)
        return FALSE;
      *value = (gint32) (guint32) bits;
      *width = CVG_SCALAR_DOUBLE;
      return TRUE;
    case CVG_DT_INT64:
      if (val_field != 10)
        return FALSE;
      *value = (double) (gint64) bits;
      *width = CVG_SCALAR_DOUBLE;
      return TRUE;
    case CVG_DT_HALF:
    case CVG_DT_BFLOAT16:
      if (val_field != 13)
        return FALSE;
      *value = half_val_to_double ((guint32) bits, dtype == CVG_DT_BFLOAT16);
      *width = CVG_SCALAR_FLOAT;
      return TRUE;
    default:
      return FALSE;
    }
}

const char *
cvg_data_type_name (CvgDataType dtype)
{
  switch (dtype)
    {
    case CVG_DT_FLOAT: return "float";
    case CVG_DT_DOUBLE: return "double";
    case CVG_DT_INT32: return "int32";
    case CVG_DT_UINT8: return "uint8";
    case CVG_DT_INT16: return "int16";
    case CVG_DT_INT8: return "int8";
    case CVG_DT_STRING: return "string";
    case CVG_DT_INT64: return "int64";
    case CVG_DT_BOOL: return "bool";
    case CVG_DT_BFLOAT16: return "bfloat16";
    case CVG_DT_UINT16: return "uint16";
    case CVG_DT_HALF: return "half";
    case CVG_DT_UINT32: return "uint32";
    case CVG_DT_UINT64: return "uint64";
    case CVG_DT_INVALID:
    default: return "unknown";
    }
}

static gsize
element_size (CvgDataType dtype)
{
  switch (dtype)
    {
    case CVG_DT_DOUBLE: case CVG_DT_INT64: case CVG_DT_UINT64: return 8;
    case CVG_DT_FLOAT: case CVG_DT_INT32: case CVG_DT_UINT32: return 4;
    case CVG_DT_HALF: case CVG_DT_BFLOAT16: case CVG_DT_INT16: case CVG_DT_UINT16: return 2;
    case CVG_DT_UINT8: case CVG_DT_INT8: case CVG_DT_BOOL: return 1;
    case CVG_DT_STRING: case CVG_DT_INVALID:
    default: return 0;
    }
}

static guint64
load_le (const guint8 *p,
         gsize         size)
{
  guint64 v = 0;

  for (gsize i = 0; i < size; i++)
    v |= (guint64) p[i] << (8 * i);
  return v;
}

static double
content_element (CvgDataType   dtype,
                 const guint8 *p)
{
  double value = 0;
  CvgScalarWidth width;

  switch (dtype)
    {
    case CVG_DT_UINT8: return p[0];
    case CVG_DT_INT8: return (gint8) p[0];
    case CVG_DT_BOOL: return p[0] != 0;
    case CVG_DT_INT16: return (gint16) load_le (p, 2);
    case CVG_DT_UINT16: return (double) load_le (p, 2);
    case CVG_DT_UINT32: return (double) load_le (p, 4);
    case CVG_DT_UINT64: return (double) load_le (p, 8);
    default:
      cvg_tensor_content_to_scalar (dtype, p, element_size (dtype), &value, &width);
      return value;
    }
}

/* The typed *_val list of @proto as doubles; NULL with *n = 0 when empty. */
static double *
val_list_to_doubles (const Tensorboard__TensorProto *proto,
                     gsize                          *n)
{
  double *out = NULL;

#define COPY_LIST(count, array, expr)                     \
  G_STMT_START {                                          \
    *n = (count);                                         \
    out = g_new (double, MAX (*n, 1));                    \
    for (gsize i = 0; i < *n; i++)                        \
      {                                                   \
        __typeof__ ((array)[0]) x = (array)[i];           \
        out[i] = (expr);                                  \
      }                                                   \
  } G_STMT_END

  switch ((CvgDataType) proto->dtype)
    {
    case CVG_DT_FLOAT: COPY_LIST (proto->n_float_val, proto->float_val, x); break;
    case CVG_DT_DOUBLE: COPY_LIST (proto->n_double_val, proto->double_val, x); break;
    case CVG_DT_INT64: COPY_LIST (proto->n_int64_val, proto->int64_val, (double) x); break;
    case CVG_DT_BOOL: COPY_LIST (proto->n_bool_val, proto->bool_val, x ? 1.0 : 0.0); break;
    case CVG_DT_UINT32: COPY_LIST (proto->n_uint32_val, proto->uint32_val, x); break;
    case CVG_DT_UINT64: COPY_LIST (proto->n_uint64_val, proto->uint64_val, (double) x); break;
    case CVG_DT_HALF: COPY_LIST (proto->n_half_val, proto->half_val, half_val_to_double ((guint32) x, FALSE)); break;
    case CVG_DT_BFLOAT16: COPY_LIST (proto->n_half_val, proto->half_val, half_val_to_double ((guint32) x, TRUE)); break;
    case CVG_DT_INT32: case CVG_DT_INT16: case CVG_DT_INT8: case CVG_DT_UINT8: case CVG_DT_UINT16:
      COPY_LIST (proto->n_int_val, proto->int_val, x); break;
    default:
      *n = 0;
      break;
    }
#undef COPY_LIST
  if (*n == 0)
    g_clear_pointer (&out, g_free);
  return out;
}

static gboolean
decode_shape (const Tensorboard__TensorProto *proto,
              gsize                           max_elements,
              CvgTensor                      *tensor,
              GError                        **error)
{
  const Tensorboard__TensorShapeProto *shape = proto->tensor_shape;

  tensor->n_elements = 1;
  if (shape == NULL)
    return TRUE;
  if (shape->unknown_rank)
    {
      g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE, "tensor of unknown rank");
      return FALSE;
    }
  if (shape->n_dim > CVG_TENSOR_MAX_RANK)
    {
      g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE,
                   "tensor of rank %zu is not supported", shape->n_dim);
      return FALSE;
    }
  max_elements = MIN (max_elements, CVG_TENSOR_MAX_ELEMENTS);
  tensor->rank = shape->n_dim;
  for (guint i = 0; i < tensor->rank; i++)
    {
      gint64 size = shape->dim[i]->size;
      if (size < 0)
        {
          g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE,
                       "tensor dimension %" G_GINT64_FORMAT " is not usable", size);
          return FALSE;
        }
      tensor->dims[i] = size;
    }
  /* A zero anywhere makes an empty tensor, whatever the other dims claim. */
  for (guint i = 0; i < tensor->rank; i++)
    if (tensor->dims[i] == 0)
      {
        tensor->n_elements = 0;
        return TRUE;
      }
  for (guint i = 0; i < tensor->rank; i++)
    {
      if ((guint64) tensor->dims[i] > max_elements / tensor->n_elements)
        {
          g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE,
                       "tensor shape holds more than the %zu values this reader accepts here",
                       max_elements);
          return FALSE;
        }
      tensor->n_elements *= (gsize) tensor->dims[i];
    }
  return TRUE;
}

/* The fill form repeats one element over the whole shape. */
static gboolean
check_fill (gsize    n_elements,
            gsize    element_bytes,
            GError **error)
{
  if (n_elements > CVG_TENSOR_MAX_FILL_BYTES / MAX (element_bytes, 1))
    {
      g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE,
                   "tensor repeats one value %zu times, past the %d MiB a fill may take",
                   n_elements, CVG_TENSOR_MAX_FILL_BYTES / (1024 * 1024));
      return FALSE;
    }
  return TRUE;
}

static gboolean
decode_strings (const Tensorboard__TensorProto *proto,
                CvgTensor                      *tensor,
                GError                        **error)
{
  gsize n = proto->n_string_val;

  /* Version 0 repeats a single element to fill the shape. */
  if (n != tensor->n_elements && !(n == 1 && tensor->n_elements > 0))
    {
      g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE,
                   "string tensor holds %zu values for %zu elements", n, tensor->n_elements);
      return FALSE;
    }
  if (n == 1 && !check_fill (tensor->n_elements, sizeof (CvgSpan) + proto->string_val[0].len, error))
    return FALSE;
  tensor->strings = g_new (CvgSpan, MAX (tensor->n_elements, 1));
  for (gsize i = 0; i < tensor->n_elements; i++)
    {
      const ProtobufCBinaryData *s = &proto->string_val[n == 1 ? 0 : i];
      tensor->strings[i].data = s->data;
      tensor->strings[i].len = s->len;
    }
  return TRUE;
}

static gboolean
decode_numbers (const Tensorboard__TensorProto *proto,
                CvgTensor                      *tensor,
                GError                        **error)
{
  gsize size = element_size (tensor->dtype);
  gsize n = 0;
  g_autofree double *values = NULL;

  if (size == 0)
    {
      g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE,
                   "tensors of dtype %d are not supported", proto->dtype);
      return FALSE;
    }

  if (proto->tensor_content.len > 0)
    {
      if (proto->tensor_content.len != tensor->n_elements * size)
        {
          g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE,
                       "tensor content of %zu bytes does not fit its shape",
                       proto->tensor_content.len);
          return FALSE;
        }
      tensor->numbers = g_new (double, MAX (tensor->n_elements, 1));
      for (gsize i = 0; i < tensor->n_elements; i++)
        tensor->numbers[i] = content_element (tensor->dtype, proto->tensor_content.data + i * size);
      return TRUE;
    }

  values = val_list_to_doubles (proto, &n);
  if (n != tensor->n_elements && !(n == 1 && tensor->n_elements > 0) &&
      !(n == 0 && tensor->n_elements == 0))
    {
      g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE,
                   "tensor holds %zu values for %zu elements", n, tensor->n_elements);
      return FALSE;
    }
  if (n == 1 && !check_fill (tensor->n_elements, sizeof (double), error))
    return FALSE;
  tensor->numbers = g_new (double, MAX (tensor->n_elements, 1));
  for (gsize i = 0; i < tensor->n_elements; i++)
    tensor->numbers[i] = values[n == 1 ? 0 : i];
  return TRUE;
}

gboolean
cvg_tensor_decode (const Tensorboard__TensorProto *proto,
                   gsize                           max_elements,
                   CvgTensor                      *tensor,
                   GError                        **error)
{
  memset (tensor, 0, sizeof *tensor);
  tensor->dtype = proto->dtype;

  if (!decode_shape (proto, max_elements, tensor, error))
    return FALSE;
  if (tensor->dtype == CVG_DT_STRING)
    return decode_strings (proto, tensor, error);
  return decode_numbers (proto, tensor, error);
}

void
cvg_tensor_clear (CvgTensor *tensor)
{
  g_clear_pointer (&tensor->numbers, g_free);
  g_clear_pointer (&tensor->strings, g_free);
  if (tensor->storage != NULL && tensor->storage_free != NULL)
    tensor->storage_free (tensor->storage);
  tensor->storage = NULL;
}

static void
free_tensor_proto (gpointer proto)
{
  tensorboard__tensor_proto__free_unpacked (proto, NULL);
}

gboolean
cvg_tensor_parse (CvgSpan     bytes,
                  gsize       max_elements,
                  CvgTensor  *tensor,
                  GError    **error)
{
  Tensorboard__TensorProto *proto = tensorboard__tensor_proto__unpack (NULL, bytes.len, bytes.data);
  gboolean ok;

  if (proto == NULL)
    {
      memset (tensor, 0, sizeof *tensor);
      g_set_error_literal (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE, "undecodable tensor");
      return FALSE;
    }
  ok = cvg_tensor_decode (proto, max_elements, tensor, error);
  /* The strings point into the message: it lives as long as they do. */
  tensor->storage = proto;
  tensor->storage_free = free_tensor_proto;
  return ok;
}

gsize
cvg_histogram_proto_to_rows (const Tensorboard__HistogramProto *histo,
                             double                           **rows)
{
  gsize k = MIN (histo->n_bucket, histo->n_bucket_limit);
  double *out = g_new (double, MAX (k, 1) * 3);

  for (gsize i = 0; i < k; i++)
    {
      out[3 * i] = i == 0 ? histo->min : histo->bucket_limit[i - 1];
      out[3 * i + 1] = i + 1 == k ? histo->max : histo->bucket_limit[i];
      out[3 * i + 2] = histo->bucket[i];
    }
  *rows = out;
  return k;
}
