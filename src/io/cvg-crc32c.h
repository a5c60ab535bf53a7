/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* CRC-32C (Castagnoli), as TFRecord framing uses it. */
guint32  cvg_crc32c          (const void *data,
                              gsize       len);
guint32  cvg_crc32c_portable (const void *data,
                              gsize       len);
guint32  cvg_crc32c_mask     (guint32     crc);
gboolean cvg_crc32c_is_hardware (void);

G_END_DECLS
