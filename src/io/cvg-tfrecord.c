/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-tfrecord"

#include "config.h"

#include "cvg-tfrecord.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "cvg-crc32c.h"

#define READ_BLOCK_SIZE (1024 * 1024)
#define MAX_RECORD_SIZE (CVG_TFRECORD_MAX_DATA_SIZE + CVG_TFRECORD_HEADER_SIZE + CVG_TFRECORD_FOOTER_SIZE)

struct _CvgRecordFile
{
  char     *path;
  guint64   offset;
  gboolean  gzipped;
  gboolean  dead;
  gboolean  seen_record;
};

static inline guint32
read_le32 (const guint8 *p)
{
  guint32 v;
  memcpy (&v, p, 4);
  return GUINT32_FROM_LE (v);
}

static inline guint64
read_le64 (const guint8 *p)
{
  guint64 v;
  memcpy (&v, p, 8);
  return GUINT64_FROM_LE (v);
}

CvgRecordStatus
cvg_tfrecord_parse (const guint8  *buf,
                    gsize          len,
                    const guint8 **data,
                    guint64       *data_len,
                    guint64       *record_size)
{
  guint64 length;

  if (len < CVG_TFRECORD_HEADER_SIZE)
    return CVG_RECORD_INCOMPLETE;

  if (cvg_crc32c_mask (cvg_crc32c (buf, 8)) != read_le32 (buf + 8))
    return CVG_RECORD_BAD_LENGTH_CRC;

  length = read_le64 (buf);
  *data_len = length;
  /* Checked before any sum, so that no length can overflow one. */
  if (length > CVG_TFRECORD_MAX_DATA_SIZE)
    return CVG_RECORD_TOO_LARGE;
  *record_size = length + CVG_TFRECORD_HEADER_SIZE + CVG_TFRECORD_FOOTER_SIZE;
  if (*record_size > len)
    return CVG_RECORD_INCOMPLETE;

  *data = buf + CVG_TFRECORD_HEADER_SIZE;
  if (cvg_crc32c_mask (cvg_crc32c (*data, length)) != read_le32 (*data + length))
    return CVG_RECORD_BAD_DATA_CRC;

  return CVG_RECORD_OK;
}

void
cvg_tfrecord_frame (const guint8 *data,
                    gsize         len,
                    GByteArray   *out)
{
  guint64 length_le = GUINT64_TO_LE ((guint64) len);
  guint32 length_crc = GUINT32_TO_LE (cvg_crc32c_mask (cvg_crc32c (&length_le, 8)));
  guint32 data_crc = GUINT32_TO_LE (cvg_crc32c_mask (cvg_crc32c (data, len)));

  g_byte_array_append (out, (const guint8 *) &length_le, 8);
  g_byte_array_append (out, (const guint8 *) &length_crc, 4);
  g_byte_array_append (out, data, len);
  g_byte_array_append (out, (const guint8 *) &data_crc, 4);
}

CvgRecordFile *
cvg_record_file_new (const char *path)
{
  CvgRecordFile *self = g_new0 (CvgRecordFile, 1);

  self->path = g_strdup (path);
  self->gzipped = g_str_has_suffix (path, ".gz");
  return self;
}

void
cvg_record_file_free (CvgRecordFile *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_free (self);
}

const char *
cvg_record_file_get_path (CvgRecordFile *self)
{
  return self->path;
}

guint64
cvg_record_file_get_offset (CvgRecordFile *self)
{
  return self->offset;
}

gboolean
cvg_record_file_is_dead (CvgRecordFile *self)
{
  return self->dead;
}

/* Plain files, gzip streams and GIO streams (a URI: a file on another
 * machine through GVfs) behind one read call; offsets are in uncompressed
 * bytes in every case. */
typedef struct
{
  int           fd;
  gzFile        gz;
  GInputStream *stream;
} Source;

static gboolean
set_open_error (GError         **error,
                CvgIoErrorCode   code,
                const char      *path,
                const char      *reason)
{
  g_set_error (error, CVG_IO_ERROR, code, "%s: %s", path, reason);
  return FALSE;
}

/* Opens without blocking (a FIFO or device named like an event file would
 * hang a blocking open), then checks the descriptor itself, so that a
 * symlink flipped between the check and the open changes nothing. */
static int
open_regular_file (const char  *path,
                   GError     **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0);
  struct stat st;

  if (fd < 0)
    {
      int saved_errno = errno;
      set_open_error (error, CVG_IO_ERROR_UNREADABLE, path, g_strerror (saved_errno));
      return -1;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      set_open_error (error, CVG_IO_ERROR_NOT_AN_EVENT_FILE, path,
                      "not a regular file (a pipe, device or socket); not read");
      return -1;
    }
  return fd;
}

/* Opens a URI and goes to the remembered offset: a seek on the file's
 * own stream, or (gzip) a skip through the decompressor, as gzseek does. */
static gboolean
source_open_stream (Source        *source,
                    CvgRecordFile *self,
                    GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_uri (self->path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, error);
  g_autoptr(GInputStream) input = NULL;

  if (stream == NULL)
    return FALSE;

  if (self->gzipped)
    {
      g_autoptr(GZlibDecompressor) gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);

      input = g_converter_input_stream_new (G_INPUT_STREAM (stream), G_CONVERTER (gunzip));
      for (guint64 left = self->offset; left > 0;)
        {
          gssize n = g_input_stream_skip (input, MIN (left, G_MAXSSIZE), NULL, error);

          if (n <= 0)
            return n == 0 ? set_open_error (error, CVG_IO_ERROR_UNREADABLE, self->path,
                                            "gzip stream ends before the remembered offset")
                          : FALSE;
          left -= (guint64) n;
        }
    }
  else
    {
      if (self->offset > 0 &&
          !g_seekable_seek (G_SEEKABLE (stream), (goffset) self->offset, G_SEEK_SET, NULL, error))
        return FALSE;
      input = G_INPUT_STREAM (g_steal_pointer (&stream));
    }
  source->stream = g_steal_pointer (&input);
  return TRUE;
}

static gboolean
source_open (Source        *source,
             CvgRecordFile *self,
             GError       **error)
{
  int fd;

  source->fd = -1;
  source->gz = NULL;
  source->stream = NULL;
  if (g_uri_peek_scheme (self->path) != NULL)
    return source_open_stream (source, self, error);

  fd = open_regular_file (self->path, error);
  if (fd < 0)
    return FALSE;

  source->fd = fd;

  if (self->gzipped)
    {
      source->gz = gzdopen (fd, "rb");
      if (source->gz == NULL || gzseek (source->gz, (z_off_t) self->offset, SEEK_SET) < 0)
        {
          if (source->gz != NULL)
            gzclose (source->gz);
          else
            close (fd);
          return set_open_error (error, CVG_IO_ERROR_UNREADABLE, self->path, "cannot read gzip stream");
        }
      return TRUE;
    }

  if (lseek (fd, (off_t) self->offset, SEEK_SET) < 0)
    {
      int saved_errno = errno;
      close (fd);
      return set_open_error (error, CVG_IO_ERROR_UNREADABLE, self->path, g_strerror (saved_errno));
    }
  return TRUE;
}

static gssize
source_read (Source  *source,
             guint8  *buf,
             gsize    len,
             GError **error)
{
  if (source->stream != NULL)
    return g_input_stream_read (source->stream, buf, len, NULL, error);
  if (source->gz != NULL)
    return gzread (source->gz, buf, (unsigned) MIN (len, G_MAXINT));

  for (;;)
    {
      gssize n = read (source->fd, buf, len);
      if (n >= 0 || errno != EINTR)
        return n;
    }
}

static void
source_close (Source *source)
{
  if (source->stream != NULL)
    g_object_unref (source->stream);
  else if (source->gz != NULL)
    gzclose (source->gz);
  else
    close (source->fd);
}

static void
report_bad_length (CvgRecordFile  *self,
                   guint64         offset,
                   CvgProblemFunc  problem_func,
                   gpointer        user_data)
{
  const char *message;
  CvgIoErrorCode code;

  self->dead = TRUE;
  if (!self->seen_record && offset == 0)
    {
      code = CVG_IO_ERROR_NOT_AN_EVENT_FILE;
      message = "not a TensorBoard event file (no valid record framing)";
    }
  else
    {
      code = CVG_IO_ERROR_BAD_LENGTH_CRC;
      message = "bad length checksum; the rest of the file cannot be read";
    }
  if (problem_func != NULL)
    problem_func (code, offset, message, user_data);
}

/* Walks the complete records in buf[0..len); returns bytes consumed and
 * sets @needed to the size of the incomplete record that stopped it. */
static gsize
scan_buffer (CvgRecordFile  *self,
             const guint8   *buf,
             gsize           len,
             gsize          *needed,
             CvgRecordFunc   record_func,
             CvgProblemFunc  problem_func,
             gpointer        user_data)
{
  gsize pos = 0;

  *needed = 0;

  while (!self->dead)
    {
      const guint8 *data = NULL;
      guint64 data_len = 0, record_size = 0;
      guint64 offset = self->offset + pos;

      switch (cvg_tfrecord_parse (buf + pos, len - pos, &data, &data_len, &record_size))
        {
        case CVG_RECORD_OK:
          self->seen_record = TRUE;
          record_func (data, data_len, offset, user_data);
          pos += record_size;
          break;

        case CVG_RECORD_BAD_DATA_CRC:
          self->seen_record = TRUE;
          if (problem_func != NULL)
            {
              problem_func (CVG_IO_ERROR_BAD_DATA_CRC, offset,
                            "bad data checksum; record skipped", user_data);
            }
          pos += record_size;
          break;

        case CVG_RECORD_BAD_LENGTH_CRC:
          report_bad_length (self, offset, problem_func, user_data);
          break;

        case CVG_RECORD_TOO_LARGE:
          self->dead = TRUE;
          if (problem_func != NULL)
            {
              g_autofree char *message =
                g_strdup_printf ("record of %" G_GUINT64_FORMAT " bytes is larger than the %d MiB "
                                 "a record may hold; the rest of the file cannot be read",
                                 data_len, CVG_TFRECORD_MAX_DATA_SIZE / (1024 * 1024));
              problem_func (CVG_IO_ERROR_TRUNCATED, offset, message, user_data);
            }
          break;

        case CVG_RECORD_INCOMPLETE:
        default:
          *needed = len - pos < CVG_TFRECORD_HEADER_SIZE ? CVG_TFRECORD_HEADER_SIZE : (gsize) record_size;
          return pos;
        }
    }
  return pos;
}

gboolean
cvg_record_file_read (CvgRecordFile  *self,
                      CvgRecordFunc   record_func,
                      CvgProblemFunc  problem_func,
                      gpointer        user_data,
                      GError        **error)
{
  return cvg_record_file_read_some (self, G_MAXUINT64, NULL, record_func, problem_func, user_data, error);
}

gboolean
cvg_record_file_read_some (CvgRecordFile  *self,
                           guint64         max_bytes,
                           gboolean       *more,
                           CvgRecordFunc   record_func,
                           CvgProblemFunc  problem_func,
                           gpointer        user_data,
                           GError        **error)
{
  guint64 start;
  Source source;
  g_autofree guint8 *buf = NULL;
  gsize buf_cap = READ_BLOCK_SIZE;
  gsize filled = 0;
  gsize needed = 0;
  gboolean ok = TRUE;
  g_autoptr(GError) open_error = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (record_func != NULL, FALSE);

  if (more != NULL)
    *more = FALSE;
  if (self->dead)
    return TRUE;
  start = self->offset;
  if (!source_open (&source, self, &open_error))
    {
      /* A pipe or device is refused once, not again at every refresh. */
      self->dead = g_error_matches (open_error, CVG_IO_ERROR, CVG_IO_ERROR_NOT_AN_EVENT_FILE);
      g_propagate_error (error, g_steal_pointer (&open_error));
      return FALSE;
    }

  /* Allocated per read so that thousands of idle files hold no buffers. */
  buf = g_malloc (buf_cap);

  for (;;)
    {
      g_autoptr(GError) read_error = NULL;
      gsize consumed;
      gssize n;

      /* A full buffer holds the start of one incomplete record: grow it
       * to that record's size, which parsing bounds by MAX_RECORD_SIZE. */
      if (filled == buf_cap)
        {
          g_assert (needed > buf_cap && needed <= MAX_RECORD_SIZE);
          buf_cap = needed;
          buf = g_realloc (buf, buf_cap);
        }

      n = source_read (&source, buf + filled, buf_cap - filled, &read_error);
      if (n < 0)
        {
          /* A stream's own error is kept (the caller tells a lost
           * connection from a bad file by it), with the offset added. */
          if (read_error != NULL)
            {
              g_propagate_prefixed_error (error, g_steal_pointer (&read_error),
                                          "%s: read error at offset %" G_GUINT64_FORMAT ": ",
                                          self->path, self->offset + filled);
            }
          else
            g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_UNREADABLE,
                         "%s: read error at offset %" G_GUINT64_FORMAT,
                         self->path, self->offset + filled);
          ok = FALSE;
          break;
        }
      if (n == 0)
        break;
      filled += n;

      consumed = scan_buffer (self, buf, filled, &needed,
                              record_func, problem_func, user_data);
      self->offset += consumed;
      filled -= consumed;
      if (self->dead)
        break;
      /* Bytes read past the budget are read again next time. */
      if (self->offset - start >= max_bytes)
        {
          if (more != NULL)
            *more = TRUE;
          break;
        }
      if (consumed > 0 && filled > 0)
        memmove (buf, buf + consumed, filled);
    }

  source_close (&source);
  return ok;
}
