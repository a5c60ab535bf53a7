/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cvg-io-types.h"

G_BEGIN_DECLS

/* The payloads the hand-written event view (cvg-event-view.h) leaves to
 * protobuf-c, decoded into plain structs: protobuf-c stays inside io.
 * Each returns FALSE when the bytes are not that message. */

/* SessionLog.status values. */
#define CVG_SESSION_STATUS_START 1

/* A SummaryMetadata: all fields owned, NULL where absent. */
typedef struct
{
  char   *plugin_name;
  GBytes *plugin_content;   /* NULL without plugin_data */
  char   *display_name;
  char   *description;
} CvgMetadata;

gboolean cvg_metadata_parse            (CvgSpan       bytes,
                                        CvgMetadata  *metadata);
void     cvg_metadata_clear            (CvgMetadata  *metadata);

/* A HistogramProto as TensorBoard converts it: a [k, 3] double tensor of
 * (left, right, count) rows. */
gboolean cvg_histogram_parse           (CvgSpan       bytes,
                                        CvgTensor    *tensor);
/* A Summary.Image as TensorBoard converts it: [3] strings of width,
 * height and the encoded image. */
gboolean cvg_image_parse               (CvgSpan       bytes,
                                        CvgTensor    *tensor);
/* A Summary.Audio as TF2 writes audio: [1, 2] strings (encoded, label). */
gboolean cvg_audio_parse               (CvgSpan       bytes,
                                        CvgTensor    *tensor);
gboolean cvg_session_log_parse         (CvgSpan       bytes,
                                        int          *status);
/* @tag is valid UTF-8, owned. */
gboolean cvg_tagged_run_metadata_parse (CvgSpan       bytes,
                                        char        **tag,
                                        GBytes      **run_metadata);
/* An Event in protobuf's canonical encoding (repeated fields merged), or
 * NULL when the bytes are not an Event. */
GBytes  *cvg_event_canonicalize        (const guint8 *data,
                                        gsize         len);

G_END_DECLS
