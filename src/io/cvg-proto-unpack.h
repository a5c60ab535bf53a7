/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <protobuf-c/protobuf-c.h>

G_BEGIN_DECLS

/* protobuf_c_message_unpack() behind a walk of the wire format that
 * refuses messages nested deeper than CVG_GRAPH_DECODE_MAX_DEPTH, since
 * protobuf-c recurses (graph attributes, hparams values are unbounded). */
ProtobufCMessage *cvg_proto_unpack_bounded (const ProtobufCMessageDescriptor  *descriptor,
                                            const guint8                      *data,
                                            gsize                              len,
                                            GError                           **error);

G_END_DECLS
