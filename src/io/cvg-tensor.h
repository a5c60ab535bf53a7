/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cvg-event-view.h"

G_BEGIN_DECLS

/* Bounds on what a tensor read from a file may decode to. Elements held in
 * the file are bounded by its bytes; a shape filled from one repeated
 * element (TensorProto version 0) is not, so its expansion has a budget
 * far below the element limit: real writers use it for small fills. */
#define CVG_TENSOR_MAX_ELEMENTS   (1 << 24)
#define CVG_TENSOR_MAX_FILL_BYTES (16 * 1024 * 1024)

/* Decodes a serialized TensorProto. Fails, allocating nothing for the
 * values, when the shape holds more than @max_elements (the caller's kind
 * may need only one) or CVG_TENSOR_MAX_ELEMENTS, or a fill would take more
 * than CVG_TENSOR_MAX_FILL_BYTES. Clear @tensor either way. */
gboolean    cvg_tensor_parse              (CvgSpan          bytes,
                                           gsize            max_elements,
                                           CvgTensor       *tensor,
                                           GError         **error);

double      cvg_half_to_double            (guint16          bits);
double      cvg_bfloat16_to_double        (guint16          bits);
gboolean    cvg_tensor_content_to_scalar  (int              dtype,
                                           const guint8    *data,
                                           gsize            len,
                                           double          *value,
                                           CvgScalarWidth  *width);
gboolean    cvg_tensor_val_to_scalar      (int              dtype,
                                           int              val_field,
                                           guint64          bits,
                                           double          *value,
                                           CvgScalarWidth  *width);

G_END_DECLS
