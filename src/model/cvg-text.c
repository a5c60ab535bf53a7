/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-text"

#include "config.h"

#include "cvg-text.h"

#include "cvg-scalar-export.h"

gboolean
cvg_text_get_shape (const CvgTensorValue *tensor,
                    CvgTextShape         *shape)
{
  guint64 rows = 1;
  guint64 columns = 1;

  g_return_val_if_fail (tensor != NULL && shape != NULL, FALSE);

  *shape = (CvgTextShape) { 0 };
  if (tensor->dtype != CVG_DT_STRING || tensor->strings == NULL || tensor->n_elements == 0)
    return FALSE;
  if (tensor->rank == 1)
    rows = (guint64) MAX (tensor->dims[0], 0);
  else if (tensor->rank >= 2)
    {
      rows = (guint64) MAX (tensor->dims[tensor->rank - 2], 0);
      columns = (guint64) MAX (tensor->dims[tensor->rank - 1], 0);
    }
  /* The first slice lies at the start of the elements, row-major. */
  if (rows == 0 || columns == 0 || columns > tensor->n_elements || rows > tensor->n_elements / columns)
    return FALSE;
  shape->n_rows = (guint) rows;
  shape->n_columns = (guint) columns;
  shape->document = rows == 1 && columns == 1;
  shape->sliced = tensor->rank > 2;
  return TRUE;
}

CvgSpan
cvg_text_get_cell (const CvgTensorValue *tensor,
                   const CvgTextShape   *shape,
                   guint                 row,
                   guint                 column)
{
  g_return_val_if_fail (row < shape->n_rows && column < shape->n_columns, (CvgSpan) { 0 });

  return tensor->strings[(gsize) row * shape->n_columns + column];
}

char *
cvg_text_make_valid (const guint8 *data,
                     gsize         len)
{
  g_autoptr(GString) bytes = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      if (data[i] == '\0')
        g_string_append (bytes, "\uFFFD");
      else
        g_string_append_c (bytes, (char) data[i]);
    }
  return g_utf8_make_valid (bytes->str, bytes->len);
}

char *
cvg_text_value_to_string (const CvgTensorValue *tensor,
                          gboolean              unwrap_single)
{
  GString *json;

  g_return_val_if_fail (tensor != NULL, NULL);

  if (tensor->dtype != CVG_DT_STRING || tensor->strings == NULL)
    return g_strdup ("");
  if (tensor->rank == 0 || (unwrap_single && tensor->n_elements == 1))
    return tensor->n_elements > 0 ? cvg_text_make_valid (tensor->strings[0].data, tensor->strings[0].len) : g_strdup ("");

  json = g_string_new ("[");
  for (gsize i = 0; i < tensor->n_elements; i++)
    {
      g_autofree char *text = cvg_text_make_valid (tensor->strings[i].data, tensor->strings[i].len);

      if (i > 0)
        g_string_append (json, ", ");
      cvg_scalar_export_append_json_string (json, text);
    }
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}
