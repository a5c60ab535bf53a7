/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "test-pr-curve-events.h"

#include "cvg-event-writer-private.h"
#include "cvg-io-types.h"

#include <string.h>

static gboolean
write_tensor_value (CvgEventWriter            *writer,
                    double                     wall_time,
                    gint64                     step,
                    const char                *tag,
                    const char                *plugin_name,
                    const guint8              *content,
                    gsize                      content_len,
                    Tensorboard__TensorProto  *tensor,
                    GError                   **error)
{
  Tensorboard__SummaryMetadata__PluginData plugin = TENSORBOARD__SUMMARY_METADATA__PLUGIN_DATA__INIT;
  Tensorboard__SummaryMetadata metadata = TENSORBOARD__SUMMARY_METADATA__INIT;
  Tensorboard__Summary__Value value = TENSORBOARD__SUMMARY__VALUE__INIT;
  Tensorboard__Summary__Value *values[] = { &value };
  Tensorboard__Summary summary = TENSORBOARD__SUMMARY__INIT;
  Tensorboard__Event event = TENSORBOARD__EVENT__INIT;

  plugin.plugin_name = (char *) plugin_name;
  plugin.content.data = (guint8 *) content;
  plugin.content.len = content_len;
  metadata.plugin_data = &plugin;
  value.tag = (char *) tag;
  value.metadata = &metadata;
  value.value_case = TENSORBOARD__SUMMARY__VALUE__VALUE_TENSOR;
  value.tensor = tensor;
  summary.n_value = 1;
  summary.value = values;
  event.wall_time = wall_time;
  event.step = step;
  event.what_case = TENSORBOARD__EVENT__WHAT_SUMMARY;
  event.summary = &summary;
  return cvg_event_writer_write_event (writer, &event, error);
}

gboolean
cvg_test_write_pr_curve (CvgEventWriter  *writer,
                         double           wall_time,
                         gint64           step,
                         const char      *tag,
                         const float     *data,
                         guint            n_thresholds,
                         gboolean         as_content,
                         GError         **error)
{
  Tensorboard__TensorShapeProto__Dim dims[2] = { TENSORBOARD__TENSOR_SHAPE_PROTO__DIM__INIT,
                                                 TENSORBOARD__TENSOR_SHAPE_PROTO__DIM__INIT };
  Tensorboard__TensorShapeProto__Dim *dim_ptrs[] = { &dims[0], &dims[1] };
  Tensorboard__TensorShapeProto shape = TENSORBOARD__TENSOR_SHAPE_PROTO__INIT;
  Tensorboard__TensorProto tensor = TENSORBOARD__TENSOR_PROTO__INIT;
  /* PrCurvePluginData { num_thresholds }: field 2, a varint below 2^14. */
  guint8 content[] = { 0x10, (n_thresholds & 0x7f) | 0x80, n_thresholds >> 7 };
  g_autofree guint32 *le = g_new (guint32, 6 * n_thresholds);

  g_assert (n_thresholds < (1 << 14));
  dims[0].size = 6;
  dims[1].size = n_thresholds;
  shape.n_dim = 2;
  shape.dim = dim_ptrs;
  tensor.dtype = CVG_DT_FLOAT;
  tensor.tensor_shape = &shape;
  if (as_content)
    {
      /* tensor_content is little-endian, whatever the machine. */
      memcpy (le, data, sizeof (float) * 6 * n_thresholds);
      for (guint i = 0; i < 6 * n_thresholds; i++)
        le[i] = GUINT32_TO_LE (le[i]);
      tensor.tensor_content.data = (guint8 *) le;
      tensor.tensor_content.len = sizeof (float) * 6 * n_thresholds;
    }
  else
    {
      tensor.n_float_val = 6 * n_thresholds;
      tensor.float_val = (float *) data;
    }
  return write_tensor_value (writer, wall_time, step, tag, "pr_curves", content, sizeof content, &tensor, error);
}

gboolean
cvg_test_write_layout (CvgEventWriter  *writer,
                       double           wall_time,
                       GBytes          *layout,
                       GError         **error)
{
  Tensorboard__TensorShapeProto shape = TENSORBOARD__TENSOR_SHAPE_PROTO__INIT;
  Tensorboard__TensorProto tensor = TENSORBOARD__TENSOR_PROTO__INIT;
  ProtobufCBinaryData bytes;

  bytes.data = (guint8 *) g_bytes_get_data (layout, &bytes.len);
  tensor.dtype = CVG_DT_STRING;
  tensor.tensor_shape = &shape;
  tensor.n_string_val = 1;
  tensor.string_val = &bytes;
  return write_tensor_value (writer, wall_time, 0, "custom_scalars__config__", "custom_scalars", NULL, 0,
                             &tensor, error);
}
