/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CvgLogdir      CvgLogdir;
typedef struct _CvgProblem     CvgProblem;
typedef struct _CvgRun         CvgRun;
typedef struct _CvgScalarStore CvgScalarStore;
typedef struct _CvgSeries      CvgSeries;

/* What a series holds, as TensorBoard's dashboards group them. */
typedef enum
{
  CVG_KIND_SCALAR,
  CVG_KIND_HISTOGRAM,
  CVG_KIND_IMAGE,
  CVG_KIND_AUDIO,
  CVG_KIND_TEXT,
  CVG_KIND_PR_CURVE,
  CVG_KIND_HPARAMS,
  CVG_KIND_KERAS_MODEL,
  CVG_KIND_RUN_METADATA,   /* tagged_run_metadata and graph_run_metadata* plugins */
  CVG_KIND_GRAPH_DEF,      /* Event.graph_def */
  CVG_KIND_META_GRAPH_DEF, /* Event.meta_graph_def */
  CVG_KIND_SESSION_LOG,
  CVG_KIND_BLOB,           /* any other plugin, kept as it came */
} CvgKind;

/* How the writer encoded a series' first value. */
typedef enum
{
  CVG_ENCODING_SIMPLE_VALUE,
  CVG_ENCODING_TENSOR,
  CVG_ENCODING_HISTOGRAM_PROTO,
  CVG_ENCODING_IMAGE_PROTO,
  CVG_ENCODING_AUDIO_PROTO,
  CVG_ENCODING_EVENT_FIELD,
  CVG_ENCODING_METADATA_ONLY,
} CvgEncoding;

/* How the horizontal axis of every chart is measured. */
typedef enum /*< underscore_name=cvg_x_axis >*/
{
  CVG_X_AXIS_STEP,
  CVG_X_AXIS_RELATIVE,
  CVG_X_AXIS_WALL,
} CvgXAxis;

/* How a histogram chart shows its steps. */
typedef enum
{
  CVG_HISTOGRAM_MODE_OFFSET,        /* slices stacked back to front */
  CVG_HISTOGRAM_MODE_OVERLAY,       /* lines on one baseline */
  CVG_HISTOGRAM_MODE_DISTRIBUTION,  /* percentile bands over time */
} CvgHistogramMode;

const char *cvg_kind_to_string     (CvgKind     kind);
const char *cvg_encoding_to_string (CvgEncoding encoding);

G_END_DECLS

/* GTypes of the enums above (CVG_TYPE_X_AXIS, ...), from gnome.mkenums. */
#include "cvg-enum-types.h"
