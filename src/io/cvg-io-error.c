/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-io-error"

#include "config.h"

#include "cvg-io-error.h"

G_DEFINE_QUARK (cvg-io-error-quark, cvg_io_error)

const char *
cvg_io_error_code_nick (CvgIoErrorCode code)
{
  switch (code)
    {
    case CVG_IO_ERROR_TRUNCATED: return "truncated";
    case CVG_IO_ERROR_BAD_LENGTH_CRC: return "bad-length-crc";
    case CVG_IO_ERROR_BAD_DATA_CRC: return "bad-data-crc";
    case CVG_IO_ERROR_DECODE: return "decode-error";
    case CVG_IO_ERROR_NOT_AN_EVENT_FILE: return "not-an-event-file";
    case CVG_IO_ERROR_UNREADABLE: return "unreadable";
    case CVG_IO_ERROR_CHANGED: return "changed";
    case CVG_IO_ERROR_FAILED:
    default: return "failed";
    }
}
