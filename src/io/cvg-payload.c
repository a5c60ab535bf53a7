/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-payload"

#include "config.h"

#include "cvg-payload.h"

#include <string.h>

#include "cvg-tensor-private.h"
#include "event.pb-c.h"

gboolean
cvg_metadata_parse (CvgSpan      bytes,
                    CvgMetadata *metadata)
{
  Tensorboard__SummaryMetadata *proto = tensorboard__summary_metadata__unpack (NULL, bytes.len, bytes.data);

  memset (metadata, 0, sizeof *metadata);
  if (proto == NULL)
    return FALSE;
  if (proto->plugin_data != NULL)
    {
      metadata->plugin_name = g_strdup (proto->plugin_data->plugin_name);
      metadata->plugin_content = g_bytes_new (proto->plugin_data->content.data,
                                              proto->plugin_data->content.len);
    }
  metadata->display_name = g_strdup (proto->display_name);
  metadata->description = g_strdup (proto->summary_description);
  tensorboard__summary_metadata__free_unpacked (proto, NULL);
  return TRUE;
}

void
cvg_metadata_clear (CvgMetadata *metadata)
{
  g_clear_pointer (&metadata->plugin_name, g_free);
  g_clear_pointer (&metadata->plugin_content, g_bytes_unref);
  g_clear_pointer (&metadata->display_name, g_free);
  g_clear_pointer (&metadata->description, g_free);
}

gboolean
cvg_histogram_parse (CvgSpan    bytes,
                     CvgTensor *tensor)
{
  Tensorboard__HistogramProto *histo = tensorboard__histogram_proto__unpack (NULL, bytes.len, bytes.data);

  memset (tensor, 0, sizeof *tensor);
  if (histo == NULL)
    return FALSE;
  tensor->dtype = CVG_DT_DOUBLE;
  tensor->rank = 2;
  tensor->dims[0] = cvg_histogram_proto_to_rows (histo, &tensor->numbers);
  tensor->dims[1] = 3;
  tensor->n_elements = tensor->dims[0] * 3;
  tensorboard__histogram_proto__free_unpacked (histo, NULL);
  return TRUE;
}

/* A string tensor of @n spans, with its bytes copied into its storage. */
static void
string_tensor_init (CvgTensor     *tensor,
                    guint          rank,
                    const gint64  *dims,
                    const CvgSpan *spans,
                    gsize          n)
{
  GByteArray *storage = g_byte_array_new ();
  gsize offset = 0;

  tensor->dtype = CVG_DT_STRING;
  tensor->rank = rank;
  memcpy (tensor->dims, dims, rank * sizeof (gint64));
  tensor->n_elements = n;
  tensor->strings = g_new (CvgSpan, n);
  for (gsize i = 0; i < n; i++)
    g_byte_array_append (storage, spans[i].data != NULL ? spans[i].data : (const guint8 *) "", (guint) spans[i].len);
  /* An empty byte array has no data at all: empty strings point at "". */
  for (gsize i = 0; i < n; i++)
    {
      tensor->strings[i].data = storage->len > 0 ? storage->data + offset : (const guint8 *) "";
      tensor->strings[i].len = spans[i].len;
      offset += spans[i].len;
    }
  tensor->storage = storage;
  tensor->storage_free = (GDestroyNotify) g_byte_array_unref;
}

gboolean
cvg_image_parse (CvgSpan    bytes,
                 CvgTensor *tensor)
{
  static const gint64 dims[] = { 3 };
  Tensorboard__Summary__Image *image = (Tensorboard__Summary__Image *)
    protobuf_c_message_unpack (&tensorboard__summary__image__descriptor, NULL, bytes.len, bytes.data);
  g_autofree char *width = NULL, *height = NULL;
  CvgSpan spans[3];

  memset (tensor, 0, sizeof *tensor);
  if (image == NULL)
    return FALSE;
  width = g_strdup_printf ("%d", image->width);
  height = g_strdup_printf ("%d", image->height);
  spans[0] = (CvgSpan) { (const guint8 *) width, strlen (width) };
  spans[1] = (CvgSpan) { (const guint8 *) height, strlen (height) };
  spans[2] = (CvgSpan) { image->encoded_image_string.data, image->encoded_image_string.len };
  string_tensor_init (tensor, 1, dims, spans, 3);
  protobuf_c_message_free_unpacked (&image->base, NULL);
  return TRUE;
}

gboolean
cvg_audio_parse (CvgSpan    bytes,
                 CvgTensor *tensor)
{
  static const gint64 dims[] = { 1, 2 };
  Tensorboard__Summary__Audio *audio = (Tensorboard__Summary__Audio *)
    protobuf_c_message_unpack (&tensorboard__summary__audio__descriptor, NULL, bytes.len, bytes.data);
  CvgSpan spans[2];

  memset (tensor, 0, sizeof *tensor);
  if (audio == NULL)
    return FALSE;
  spans[0] = (CvgSpan) { audio->encoded_audio_string.data, audio->encoded_audio_string.len };
  spans[1] = (CvgSpan) { NULL, 0 };
  string_tensor_init (tensor, 2, dims, spans, 2);
  protobuf_c_message_free_unpacked (&audio->base, NULL);
  return TRUE;
}

gboolean
cvg_session_log_parse (CvgSpan  bytes,
                       int     *status)
{
  Tensorboard__SessionLog *log = tensorboard__session_log__unpack (NULL, bytes.len, bytes.data);

  G_STATIC_ASSERT (CVG_SESSION_STATUS_START == TENSORBOARD__SESSION_LOG__SESSION_STATUS__START);
  if (log == NULL)
    return FALSE;
  *status = log->status;
  tensorboard__session_log__free_unpacked (log, NULL);
  return TRUE;
}

gboolean
cvg_tagged_run_metadata_parse (CvgSpan   bytes,
                               char    **tag,
                               GBytes  **run_metadata)
{
  Tensorboard__TaggedRunMetadata *tagged = tensorboard__tagged_run_metadata__unpack (NULL, bytes.len, bytes.data);

  if (tagged == NULL)
    return FALSE;
  *tag = g_utf8_make_valid (tagged->tag, -1);
  *run_metadata = g_bytes_new (tagged->run_metadata.data, tagged->run_metadata.len);
  tensorboard__tagged_run_metadata__free_unpacked (tagged, NULL);
  return TRUE;
}

GBytes *
cvg_event_canonicalize (const guint8 *data,
                        gsize         len)
{
  Tensorboard__Event *event = tensorboard__event__unpack (NULL, len, data);
  gsize canonical_len;
  guint8 *canonical;

  if (event == NULL)
    return NULL;
  canonical_len = tensorboard__event__get_packed_size (event);
  canonical = g_malloc (MAX (canonical_len, 1));
  tensorboard__event__pack (event, canonical);
  tensorboard__event__free_unpacked (event, NULL);
  return g_bytes_new_take (canonical, canonical_len);
}
