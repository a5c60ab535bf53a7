/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CVG_IO_ERROR (cvg_io_error_quark ())

typedef enum
{
  CVG_IO_ERROR_FAILED,
  CVG_IO_ERROR_TRUNCATED,
  CVG_IO_ERROR_BAD_LENGTH_CRC,
  CVG_IO_ERROR_BAD_DATA_CRC,
  CVG_IO_ERROR_DECODE,
  CVG_IO_ERROR_NOT_AN_EVENT_FILE,
  CVG_IO_ERROR_UNREADABLE,
  CVG_IO_ERROR_CHANGED,       /* shrank, replaced or deleted while shown */
} CvgIoErrorCode;

GQuark      cvg_io_error_quark     (void);
const char *cvg_io_error_code_nick (CvgIoErrorCode code);

G_END_DECLS
