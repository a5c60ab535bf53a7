/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-event-view"

#include "config.h"

#include "cvg-event-view.h"

#include "cvg-tensor.h"

#include <string.h>

enum { WIRE_VARINT = 0, WIRE_FIXED64 = 1, WIRE_LEN = 2, WIRE_FIXED32 = 5 };

typedef struct
{
  guint32 number;
  guint32 wire;
  guint64 varint;
  CvgSpan span;
} Field;

static inline gboolean
read_varint (const guint8 **pos,
             const guint8  *end,
             guint64       *out)
{
  const guint8 *p = *pos;
  guint64 v = 0;

  /* Keys and lengths are nearly always one byte. */
  if (G_LIKELY (p < end && *p < 0x80))
    {
      *out = *p;
      *pos = p + 1;
      return TRUE;
    }

  for (guint shift = 0; shift < 64 && p < end; shift += 7)
    {
      guint8 b = *p++;
      v |= (guint64) (b & 0x7f) << shift;
      if ((b & 0x80) == 0)
        {
          *pos = p;
          *out = v;
          return TRUE;
        }
    }
  return FALSE;
}

/* Reads one field; FALSE on malformed input or an unsupported wire type. */
static inline __attribute__((always_inline)) gboolean
read_field (const guint8 **pos,
            const guint8  *end,
            Field         *field)
{
  guint64 key, len;

  field->varint = 0;
  field->span.data = NULL;
  field->span.len = 0;
  if (!read_varint (pos, end, &key) || (key >> 3) == 0 || (key >> 3) > G_MAXUINT32 >> 3)
    return FALSE;
  field->number = (guint32) (key >> 3);
  field->wire = key & 7;

  switch (field->wire)
    {
    case WIRE_VARINT:
      return read_varint (pos, end, &field->varint);

    case WIRE_FIXED64:
      if (end - *pos < 8)
        return FALSE;
      field->span.data = *pos;
      field->span.len = 8;
      *pos += 8;
      return TRUE;

    case WIRE_FIXED32:
      if (end - *pos < 4)
        return FALSE;
      field->span.data = *pos;
      field->span.len = 4;
      *pos += 4;
      return TRUE;

    case WIRE_LEN:
      if (!read_varint (pos, end, &len) || len > (guint64) (end - *pos))
        return FALSE;
      field->span.data = *pos;
      field->span.len = len;
      *pos += len;
      return TRUE;

    default:
      return FALSE;
    }
}

static inline double
span_double (CvgSpan span)
{
  guint64 bits;
  double v;

  memcpy (&bits, span.data, 8);
  bits = GUINT64_FROM_LE (bits);
  memcpy (&v, &bits, 8);
  return v;
}

static inline float
bits_to_float (guint32 bits)
{
  float v;

  memcpy (&v, &bits, 4);
  return v;
}

static inline float
span_float (CvgSpan span)
{
  guint32 bits;

  memcpy (&bits, span.data, 4);
  return bits_to_float (GUINT32_FROM_LE (bits));
}

CvgViewResult
cvg_event_view_parse (const guint8 *data,
                      gsize         len,
                      CvgEventView *view)
{
  const guint8 *pos = data, *end = data + len;
  gboolean seen_source = FALSE;

  memset (view, 0, sizeof *view);

  while (pos < end)
    {
      Field f;

      if (!read_field (&pos, end, &f))
        return CVG_VIEW_MALFORMED;

      switch (f.number)
        {
        case 1:
          if (f.wire != WIRE_FIXED64)
            return CVG_VIEW_UNUSUAL;
          view->wall_time = span_double (f.span);
          break;

        case 2:
          if (f.wire != WIRE_VARINT)
            return CVG_VIEW_UNUSUAL;
          view->step = (gint64) f.varint;
          break;

        case 3: case 4: case 5: case 6: case 7: case 8: case 9:
          /* A repeated message in the oneof would be merged by protobuf. */
          if (f.wire != WIRE_LEN || view->what == (CvgEventWhat) f.number)
            return CVG_VIEW_UNUSUAL;
          view->what = f.number;
          view->payload = f.span;
          break;

        case 10:
          if (f.wire != WIRE_LEN || seen_source)
            return CVG_VIEW_UNUSUAL;
          seen_source = TRUE;
          {
            const guint8 *sp = f.span.data, *send = f.span.data + f.span.len;
            while (sp < send)
              {
                Field sf;
                if (!read_field (&sp, send, &sf))
                  return CVG_VIEW_MALFORMED;
                if (sf.number == 1)
                  {
                    if (sf.wire != WIRE_LEN)
                      return CVG_VIEW_UNUSUAL;
                    view->source_writer = sf.span;
                  }
              }
          }
          break;

        default:
          break;
        }
    }
  return CVG_VIEW_OK;
}

void
cvg_summary_iter_init (CvgSummaryIter *iter,
                       CvgSpan         summary)
{
  iter->pos = summary.data;
  iter->end = summary.data + summary.len;
}

static CvgViewResult
parse_value (CvgSpan       span,
             CvgValueView *value)
{
  const guint8 *pos = span.data, *end = span.data + span.len;

  value->tag = (CvgSpan) { NULL, 0 };
  value->node_name = (CvgSpan) { NULL, 0 };
  value->metadata = (CvgSpan) { NULL, 0 };
  value->payload = (CvgSpan) { NULL, 0 };
  value->has_metadata = FALSE;
  value->value_case = CVG_VALUE_NONE;
  value->simple_value = 0;

  while (pos < end)
    {
      Field f;

      if (!read_field (&pos, end, &f))
        return CVG_VIEW_MALFORMED;

      switch (f.number)
        {
        case 1:
          if (f.wire != WIRE_LEN)
            return CVG_VIEW_UNUSUAL;
          value->tag = f.span;
          break;

        case 7:
          if (f.wire != WIRE_LEN)
            return CVG_VIEW_UNUSUAL;
          value->node_name = f.span;
          break;

        case 9:
          if (f.wire != WIRE_LEN || value->has_metadata)
            return CVG_VIEW_UNUSUAL;
          value->has_metadata = TRUE;
          value->metadata = f.span;
          break;

        case 2:
          if (f.wire != WIRE_FIXED32)
            return CVG_VIEW_UNUSUAL;
          value->value_case = CVG_VALUE_SIMPLE;
          value->simple_value = span_float (f.span);
          break;

        case 3: case 4: case 5: case 6: case 8:
          if (f.wire != WIRE_LEN || value->value_case == (CvgValueCase) f.number)
            return CVG_VIEW_UNUSUAL;
          value->value_case = f.number;
          value->payload = f.span;
          break;

        default:
          break;
        }
    }
  return CVG_VIEW_OK;
}

CvgViewResult
cvg_summary_iter_next (CvgSummaryIter *iter,
                       CvgValueView   *value,
                       gboolean       *done)
{
  while (iter->pos < iter->end)
    {
      Field f;

      if (!read_field (&iter->pos, iter->end, &f))
        return CVG_VIEW_MALFORMED;
      if (f.number != 1)
        continue;
      if (f.wire != WIRE_LEN)
        return CVG_VIEW_UNUSUAL;
      *done = FALSE;
      return parse_value (f.span, value);
    }
  *done = TRUE;
  return CVG_VIEW_OK;
}

static gboolean
shape_is_scalar (CvgSpan shape)
{
  const guint8 *pos = shape.data, *end = shape.data + shape.len;

  while (pos < end)
    {
      Field f;

      if (!read_field (&pos, end, &f))
        return FALSE;
      /* Any dim, or an unknown rank, makes it something other than rank 0. */
      if (f.number == 2 || (f.number == 3 && (f.wire != WIRE_VARINT || f.varint != 0)))
        return FALSE;
    }
  return TRUE;
}

/* One element of a packed or unpacked repeated field. */
static gboolean
single_element (const Field *f,
                guint32      unpacked_wire,
                guint        element_size,
                guint64     *bits,
                guint       *count)
{
  if (f->wire == unpacked_wire)
    {
      *count += 1;
      if (unpacked_wire == WIRE_VARINT)
        *bits = f->varint;
      else
        memcpy (bits, f->span.data, element_size);
      return TRUE;
    }
  if (f->wire != WIRE_LEN)
    return FALSE;
  if (unpacked_wire == WIRE_VARINT)
    {
      const guint8 *p = f->span.data, *end = f->span.data + f->span.len;
      while (p < end)
        {
          if (!read_varint (&p, end, bits))
            return FALSE;
          *count += 1;
        }
      return TRUE;
    }
  if (f->span.len % element_size != 0)
    return FALSE;
  *count += f->span.len / element_size;
  if (f->span.len > 0)
    memcpy (bits, f->span.data + f->span.len - element_size, element_size);
  return TRUE;
}

gboolean
cvg_tensor_view_get_scalar (CvgSpan         tensor,
                            double         *value,
                            CvgScalarWidth *width)
{
  const guint8 *pos = tensor.data, *end = tensor.data + tensor.len;
  CvgSpan content = { NULL, 0 };
  guint64 dtype = 0, bits = 0;
  guint count = 0;
  guint32 val_field = 0;

  while (pos < end)
    {
      Field f;

      if (!read_field (&pos, end, &f))
        return FALSE;

      switch (f.number)
        {
        case 1:
          if (f.wire != WIRE_VARINT)
            return FALSE;
          dtype = f.varint;
          break;
        case 2:
          if (f.wire != WIRE_LEN || !shape_is_scalar (f.span))
            return FALSE;
          break;
        case 4:
          if (f.wire != WIRE_LEN)
            return FALSE;
          content = f.span;
          break;
        case 5: case 6: case 7: case 10: case 13:
          if (val_field != 0 && val_field != f.number)
            return FALSE;
          val_field = f.number;
          if (!single_element (&f,
                               f.number == 5 ? WIRE_FIXED32 : f.number == 6 ? WIRE_FIXED64 : WIRE_VARINT,
                               f.number == 5 ? 4 : 8, &bits, &count))
            return FALSE;
          break;
        case 3:
          break;
        default:
          /* Strings, bools, complex and other lists are not scalars. */
          return FALSE;
        }
    }

  if (content.len > 0)
    {
      if (val_field != 0)
        return FALSE;
      return cvg_tensor_content_to_scalar ((int) dtype, content.data, content.len, value, width);
    }
  if (count != 1)
    return FALSE;
  return cvg_tensor_val_to_scalar ((int) dtype, (int) val_field, bits, value, width);
}

gboolean
cvg_metadata_view_get_plugin_name (CvgSpan  metadata,
                                   CvgSpan *plugin_name)
{
  const guint8 *pos = metadata.data, *end = metadata.data + metadata.len;
  gboolean found = FALSE;

  plugin_name->data = NULL;
  plugin_name->len = 0;
  while (pos < end)
    {
      Field f;

      if (!read_field (&pos, end, &f))
        return FALSE;
      if (f.number == 1 && f.wire == WIRE_LEN)
        {
          const guint8 *pp = f.span.data, *pend = f.span.data + f.span.len;
          while (pp < pend)
            {
              Field pf;
              if (!read_field (&pp, pend, &pf))
                return FALSE;
              if (pf.number == 1 && pf.wire == WIRE_LEN)
                {
                  *plugin_name = pf.span;
                  found = TRUE;
                }
            }
        }
    }
  return found;
}
