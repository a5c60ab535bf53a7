/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cvg-event-writer.h"
#include "event.pb-c.h"

G_BEGIN_DECLS

/* The protobuf-c side of cvg-event-writer.h, for io and its tests only. */

/* Any Event, framed. */
gboolean cvg_event_writer_write_event (CvgEventWriter            *self,
                                       const Tensorboard__Event  *event,
                                       GError                   **error);

G_END_DECLS
