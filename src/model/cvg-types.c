/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-types"

#include "config.h"

#include "cvg-types.h"

const char *
cvg_kind_to_string (CvgKind kind)
{
  switch (kind)
    {
    case CVG_KIND_SCALAR: return "scalar";
    case CVG_KIND_HISTOGRAM: return "histogram";
    case CVG_KIND_IMAGE: return "image";
    case CVG_KIND_AUDIO: return "audio";
    case CVG_KIND_TEXT: return "text";
    case CVG_KIND_PR_CURVE: return "pr-curve";
    case CVG_KIND_HPARAMS: return "hparams";
    case CVG_KIND_KERAS_MODEL: return "keras-model";
    case CVG_KIND_RUN_METADATA: return "run-metadata";
    case CVG_KIND_GRAPH_DEF: return "graph";
    case CVG_KIND_META_GRAPH_DEF: return "meta-graph";
    case CVG_KIND_SESSION_LOG: return "session-log";
    case CVG_KIND_BLOB: return "blob";
    default: return "unknown";
    }
}

const char *
cvg_encoding_to_string (CvgEncoding encoding)
{
  switch (encoding)
    {
    case CVG_ENCODING_SIMPLE_VALUE: return "simple_value";
    case CVG_ENCODING_TENSOR: return "tensor";
    case CVG_ENCODING_HISTOGRAM_PROTO: return "HistogramProto";
    case CVG_ENCODING_IMAGE_PROTO: return "Summary.Image";
    case CVG_ENCODING_AUDIO_PROTO: return "Summary.Audio";
    case CVG_ENCODING_EVENT_FIELD: return "event";
    case CVG_ENCODING_METADATA_ONLY: return "metadata";
    default: return "unknown";
    }
}
