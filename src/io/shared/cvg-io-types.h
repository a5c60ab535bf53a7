/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The plain types io hands to the model: the only io headers outside
 * src/io/shared are reachable from src/io alone, so that model, widgets
 * and the CLI see these and nothing of protobuf-c (see src/io/meson.build). */

/* Bytes inside a buffer that someone else owns. */
typedef struct
{
  const guint8 *data;
  gsize         len;
} CvgSpan;

typedef enum
{
  CVG_SCALAR_FLOAT,
  CVG_SCALAR_DOUBLE,
} CvgScalarWidth;

#define CVG_TENSOR_MAX_RANK 8

/* DataType values from tensorboard/compat/proto/types.proto. */
typedef enum
{
  CVG_DT_INVALID  = 0,
  CVG_DT_FLOAT    = 1,
  CVG_DT_DOUBLE   = 2,
  CVG_DT_INT32    = 3,
  CVG_DT_UINT8    = 4,
  CVG_DT_INT16    = 5,
  CVG_DT_INT8     = 6,
  CVG_DT_STRING   = 7,
  CVG_DT_INT64    = 9,
  CVG_DT_BOOL     = 10,
  CVG_DT_BFLOAT16 = 14,
  CVG_DT_UINT16   = 17,
  CVG_DT_HALF     = 19,
  CVG_DT_UINT32   = 22,
  CVG_DT_UINT64   = 23,
} CvgDataType;

/* A decoded tensor: numbers as doubles, or strings as spans into
 * @storage (or into a buffer of the caller's), which cvg_tensor_clear()
 * frees with the arrays. */
typedef struct
{
  CvgDataType    dtype;
  guint          rank;
  gint64         dims[CVG_TENSOR_MAX_RANK];
  gsize          n_elements;
  double        *numbers;
  CvgSpan       *strings;
  gpointer       storage;
  GDestroyNotify storage_free;
} CvgTensor;

void        cvg_tensor_clear   (CvgTensor   *tensor);
const char *cvg_data_type_name (CvgDataType  dtype);

/* A graph node's attribute, as cvg-graph-decode.h hands it on. */
typedef struct
{
  char *key;
  char *value;  /* readable text */
} CvgNodeAttr;

void        cvg_node_attr_free (gpointer     attr);

G_END_DECLS
