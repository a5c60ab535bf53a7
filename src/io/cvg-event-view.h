/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cvg-io-types.h"

G_BEGIN_DECLS

/* Zero-copy views of an Event record, decoded by hand for speed: spans
 * point into the record buffer and live as long as it does. Leaf payloads
 * (tensors, histograms, images, metadata) are decoded with protobuf-c. */

/* Values are the Event field numbers of the `what` oneof. */
typedef enum
{
  CVG_EVENT_NONE                = 0,
  CVG_EVENT_FILE_VERSION        = 3,
  CVG_EVENT_GRAPH_DEF           = 4,
  CVG_EVENT_SUMMARY             = 5,
  CVG_EVENT_LOG_MESSAGE         = 6,
  CVG_EVENT_SESSION_LOG         = 7,
  CVG_EVENT_TAGGED_RUN_METADATA = 8,
  CVG_EVENT_META_GRAPH_DEF      = 9,
} CvgEventWhat;

typedef struct
{
  double       wall_time;
  gint64       step;
  CvgEventWhat what;
  CvgSpan      payload;
  CvgSpan      source_writer;
} CvgEventView;

/* Values are the Summary.Value field numbers of the `value` oneof. */
typedef enum
{
  CVG_VALUE_NONE         = 0,
  CVG_VALUE_SIMPLE       = 2,
  CVG_VALUE_OLD_HISTOGRAM = 3,
  CVG_VALUE_IMAGE        = 4,
  CVG_VALUE_HISTOGRAM    = 5,
  CVG_VALUE_AUDIO        = 6,
  CVG_VALUE_TENSOR       = 8,
} CvgValueCase;

typedef struct
{
  CvgSpan      tag;
  CvgSpan      node_name;
  CvgSpan      metadata;
  gboolean     has_metadata;
  CvgValueCase value_case;
  float        simple_value;
  CvgSpan      payload;
} CvgValueView;

typedef struct
{
  const guint8 *pos;
  const guint8 *end;
} CvgSummaryIter;

typedef enum
{
  CVG_VIEW_OK,
  CVG_VIEW_MALFORMED,
  /* Well-formed but not canonical (a field repeated that protobuf would
   * merge): decode through protobuf-c instead. */
  CVG_VIEW_UNUSUAL,
} CvgViewResult;

CvgViewResult cvg_event_view_parse       (const guint8   *data,
                                          gsize           len,
                                          CvgEventView   *view);
void          cvg_summary_iter_init      (CvgSummaryIter *iter,
                                          CvgSpan         summary);
/* Returns OK with @value filled, or OK with value->value_case NONE and an
 * empty tag at the end; MALFORMED or UNUSUAL as for events. */
CvgViewResult cvg_summary_iter_next      (CvgSummaryIter *iter,
                                          CvgValueView   *value,
                                          gboolean       *done);
/* Fast path for a rank-0 numeric tensor (all dtypes TensorBoard treats as
 * scalars). FALSE when the tensor is anything else. */
gboolean      cvg_tensor_view_get_scalar (CvgSpan         tensor,
                                          double         *value,
                                          CvgScalarWidth *width);
/* The plugin_name inside a SummaryMetadata, without decoding the rest. */
gboolean      cvg_metadata_view_get_plugin_name (CvgSpan  metadata,
                                                 CvgSpan *plugin_name);

G_END_DECLS
