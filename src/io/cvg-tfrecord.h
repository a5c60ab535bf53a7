/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cvg-io-error.h"

G_BEGIN_DECLS

#define CVG_TFRECORD_HEADER_SIZE 12
#define CVG_TFRECORD_FOOTER_SIZE 4

/* The largest record data this reader accepts: 64 MiB, protobuf's
 * long-standing default limit for one message, far above any event a
 * summary writer produces. A larger length is taken as damage: it ends the
 * readable part of the file, and the read buffer never grows past it. */
#define CVG_TFRECORD_MAX_DATA_SIZE (64 * 1024 * 1024)

typedef enum
{
  CVG_RECORD_OK,
  CVG_RECORD_INCOMPLETE,
  CVG_RECORD_BAD_LENGTH_CRC,
  CVG_RECORD_BAD_DATA_CRC,
  CVG_RECORD_TOO_LARGE,
} CvgRecordStatus;

CvgRecordStatus cvg_tfrecord_parse (const guint8  *buf,
                                    gsize          len,
                                    const guint8 **data,
                                    guint64       *data_len,
                                    guint64       *record_size);

/* Appends the framed record (header, data, footer) to @out. */
void            cvg_tfrecord_frame (const guint8  *data,
                                    gsize          len,
                                    GByteArray    *out);

typedef void (*CvgRecordFunc)  (const guint8   *data,
                                gsize           len,
                                guint64         offset,
                                gpointer        user_data);
typedef void (*CvgProblemFunc) (CvgIoErrorCode  code,
                                guint64         offset,
                                const char     *message,
                                gpointer        user_data);

/* One event file read incrementally: each read resumes at the offset
 * after the last complete record. Plain struct, one thread at a time. */
typedef struct _CvgRecordFile CvgRecordFile;

CvgRecordFile *cvg_record_file_new        (const char     *path);
void           cvg_record_file_free       (CvgRecordFile  *self);
const char    *cvg_record_file_get_path   (CvgRecordFile  *self);
guint64        cvg_record_file_get_offset (CvgRecordFile  *self);
gboolean       cvg_record_file_is_dead    (CvgRecordFile  *self);
gboolean       cvg_record_file_read       (CvgRecordFile  *self,
                                           CvgRecordFunc   record_func,
                                           CvgProblemFunc  problem_func,
                                           gpointer        user_data,
                                           GError        **error);
/* The same, stopping after about @max_bytes of records; @more is set
 * when it stopped early, so that a live reader can hand on what it has. */
gboolean       cvg_record_file_read_some  (CvgRecordFile  *self,
                                           guint64         max_bytes,
                                           gboolean       *more,
                                           CvgRecordFunc   record_func,
                                           CvgProblemFunc  problem_func,
                                           gpointer        user_data,
                                           GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgRecordFile, cvg_record_file_free)

G_END_DECLS
