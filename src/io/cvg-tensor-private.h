/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cvg-tensor.h"
#include "event.pb-c.h"

G_BEGIN_DECLS

/* The protobuf-c side of cvg-tensor.h, for io and its tests only. */

/* As cvg_tensor_parse(); strings point into @proto. */
gboolean    cvg_tensor_decode             (const Tensorboard__TensorProto    *proto,
                                           gsize                              max_elements,
                                           CvgTensor                         *tensor,
                                           GError                           **error);
/* TensorBoard's conversion of a HistogramProto to [k, 3] rows of
 * (left, right, count); returns k. */
gsize       cvg_histogram_proto_to_rows   (const Tensorboard__HistogramProto *histo,
                                           double                           **rows);

G_END_DECLS
