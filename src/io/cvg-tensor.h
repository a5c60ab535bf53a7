#pragma once

#include <glib.h>

#include "cvg-event-view.h"
#include "event.pb-c.h"

G_BEGIN_DECLS

#define CVG_TENSOR_MAX_RANK 8
/* Bounds on what a tensor read from a file may decode to. Elements held in
 * the file are bounded by its bytes; a shape filled from one repeated
 * element (TensorProto version 0) is not, so its expansion has a budget
 * far below the element limit: real writers use it for small fills. */
#define CVG_TENSOR_MAX_ELEMENTS   (1 << 24)
#define CVG_TENSOR_MAX_FILL_BYTES (16 * 1024 * 1024)

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

/* A decoded tensor: numbers as doubles, or strings as spans into the
 * protobuf-c message it came from. */
typedef struct
{
  CvgDataType dtype;
  guint       rank;
  gint64      dims[CVG_TENSOR_MAX_RANK];
  gsize       n_elements;
  double     *numbers;
  CvgSpan    *strings;
} CvgTensor;

/* Fails, allocating nothing, when the shape holds more than @max_elements
 * (the caller's kind may need only one) or CVG_TENSOR_MAX_ELEMENTS, or a
 * fill would take more than CVG_TENSOR_MAX_FILL_BYTES. */
gboolean    cvg_tensor_decode             (const Tensorboard__TensorProto *proto,
                                           gsize                           max_elements,
                                           CvgTensor                      *tensor,
                                           GError                        **error);
void        cvg_tensor_clear              (CvgTensor                      *tensor);
const char *cvg_data_type_name            (CvgDataType                     dtype);

double      cvg_half_to_double            (guint16                         bits);
double      cvg_bfloat16_to_double        (guint16                         bits);
gboolean    cvg_tensor_content_to_scalar  (int                             dtype,
                                           const guint8                   *data,
                                           gsize                           len,
                                           double                         *value,
                                           CvgScalarWidth                 *width);
gboolean    cvg_tensor_val_to_scalar      (int                             dtype,
                                           int                             val_field,
                                           guint64                         bits,
                                           double                         *value,
                                           CvgScalarWidth                 *width);

/* TensorBoard's conversion of a HistogramProto to [k, 3] rows of
 * (left, right, count); returns k. */
gsize       cvg_histogram_proto_to_rows   (const Tensorboard__HistogramProto *histo,
                                           double                           **rows);

G_END_DECLS
