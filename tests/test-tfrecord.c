/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-tfrecord"

#include "config.h"

#include <string.h>
#include <zlib.h>

#include <glib/gstdio.h>

#include "cvg-crc32c.h"
#include "cvg-tfrecord.h"

/* What one read of a file delivered. */
typedef struct
{
  GPtrArray *records;   /* GBytes */
  GArray    *offsets;   /* guint64 */
  GArray    *problems;  /* CvgIoErrorCode */
  GArray    *problem_offsets;
} Collected;

static void
collected_init (Collected *c)
{
  c->records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  c->offsets = g_array_new (FALSE, FALSE, sizeof (guint64));
  c->problems = g_array_new (FALSE, FALSE, sizeof (CvgIoErrorCode));
  c->problem_offsets = g_array_new (FALSE, FALSE, sizeof (guint64));
}

static void
collected_clear (Collected *c)
{
  g_ptr_array_unref (c->records);
  g_array_unref (c->offsets);
  g_array_unref (c->problems);
  g_array_unref (c->problem_offsets);
}

static void
record_cb (const guint8 *data,
           gsize         len,
           guint64       offset,
           gpointer      user_data)
{
  Collected *c = user_data;

  g_ptr_array_add (c->records, g_bytes_new (data, len));
  g_array_append_val (c->offsets, offset);
}

static void
problem_cb (CvgIoErrorCode  code,
            guint64         offset,
            const char     *message,
            gpointer        user_data)
{
  Collected *c = user_data;

  g_assert_nonnull (message);
  g_array_append_val (c->problems, code);
  g_array_append_val (c->problem_offsets, offset);
}

static char *
temp_path (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cvg-tfrecord-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, name, NULL);
}

static void
write_bytes (const char   *path,
             const guint8 *data,
             gsize         len,
             gboolean      append)
{
  FILE *f = fopen (path, append ? "ab" : "wb");

  g_assert_nonnull (f);
  g_assert_cmpuint (fwrite (data, 1, len, f), ==, len);
  fclose (f);
}

static GByteArray *
framed (const char *payload)
{
  GByteArray *out = g_byte_array_new ();

  cvg_tfrecord_frame ((const guint8 *) payload, strlen (payload), out);
  return out;
}

static void
read_file (CvgRecordFile *file,
           Collected     *c)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cvg_record_file_read (file, record_cb, problem_cb, c, &error));
  g_assert_no_error (error);
}

static void
assert_record (Collected  *c,
               guint       index,
               const char *payload)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (g_ptr_array_index (c->records, index), &len);

  g_assert_cmpmem (data, len, payload, strlen (payload));
}

static void
test_good (void)
{
  g_autofree char *path = temp_path ("events.out.tfevents.good");
  g_autoptr(GByteArray) a = framed ("first");
  g_autoptr(GByteArray) b = framed ("second record");
  g_autoptr(CvgRecordFile) file = NULL;
  Collected c;

  write_bytes (path, a->data, a->len, FALSE);
  write_bytes (path, b->data, b->len, TRUE);

  collected_init (&c);
  file = cvg_record_file_new (path);
  read_file (file, &c);
  g_assert_cmpuint (c.records->len, ==, 2);
  assert_record (&c, 0, "first");
  assert_record (&c, 1, "second record");
  g_assert_cmpuint (g_array_index (c.offsets, guint64, 1), ==, a->len);
  g_assert_cmpuint (c.problems->len, ==, 0);
  g_assert_cmpuint (cvg_record_file_get_offset (file), ==, a->len + b->len);
  collected_clear (&c);
}

/* A tail cut anywhere inside the last record is "not written yet":
 * nothing reported, nothing shown, and it completes on the next read. */
static void
test_truncated_then_completed (void)
{
  g_autoptr(GByteArray) a = framed ("complete");
  g_autoptr(GByteArray) b = framed ("written in two halves");

  for (guint cut = 1; cut < b->len; cut++)
    {
      g_autofree char *path = temp_path ("events.out.tfevents.cut");
      g_autoptr(CvgRecordFile) file = cvg_record_file_new (path);
      Collected c;

      write_bytes (path, a->data, a->len, FALSE);
      write_bytes (path, b->data, cut, TRUE);

      collected_init (&c);
      read_file (file, &c);
      g_assert_cmpuint (c.records->len, ==, 1);
      g_assert_cmpuint (c.problems->len, ==, 0);
      g_assert_cmpuint (cvg_record_file_get_offset (file), ==, a->len);

      write_bytes (path, b->data + cut, b->len - cut, TRUE);
      read_file (file, &c);
      g_assert_cmpuint (c.records->len, ==, 2);
      assert_record (&c, 1, "written in two halves");
      g_assert_cmpuint (c.problems->len, ==, 0);
      collected_clear (&c);
    }
}

static void
test_bad_length_crc (void)
{
  g_autofree char *path = temp_path ("events.out.tfevents.badlen");
  g_autoptr(GByteArray) a = framed ("good");
  g_autoptr(GByteArray) b = framed ("broken length");
  g_autoptr(GByteArray) c3 = framed ("never reached");
  g_autoptr(CvgRecordFile) file = cvg_record_file_new (path);
  Collected c;

  b->data[9] ^= 0x40; /* inside the length CRC */
  write_bytes (path, a->data, a->len, FALSE);
  write_bytes (path, b->data, b->len, TRUE);
  write_bytes (path, c3->data, c3->len, TRUE);

  collected_init (&c);
  read_file (file, &c);
  g_assert_cmpuint (c.records->len, ==, 1);
  g_assert_cmpuint (c.problems->len, ==, 1);
  g_assert_cmpint (g_array_index (c.problems, CvgIoErrorCode, 0), ==, CVG_IO_ERROR_BAD_LENGTH_CRC);
  g_assert_cmpuint (g_array_index (c.problem_offsets, guint64, 0), ==, a->len);
  g_assert_true (cvg_record_file_is_dead (file));

  /* Framing is lost: later reads add nothing and report nothing again. */
  read_file (file, &c);
  g_assert_cmpuint (c.records->len, ==, 1);
  g_assert_cmpuint (c.problems->len, ==, 1);
  collected_clear (&c);
}

static void
test_bad_data_crc (void)
{
  g_autofree char *path = temp_path ("events.out.tfevents.baddata");
  g_autoptr(GByteArray) a = framed ("good one");
  g_autoptr(GByteArray) b = framed ("flipped bit");
  g_autoptr(GByteArray) c3 = framed ("good two");
  g_autoptr(CvgRecordFile) file = cvg_record_file_new (path);
  Collected c;

  b->data[14] ^= 0x01; /* inside the data */
  write_bytes (path, a->data, a->len, FALSE);
  write_bytes (path, b->data, b->len, TRUE);
  write_bytes (path, c3->data, c3->len, TRUE);

  collected_init (&c);
  read_file (file, &c);
  g_assert_cmpuint (c.records->len, ==, 2);
  assert_record (&c, 0, "good one");
  assert_record (&c, 1, "good two");
  g_assert_cmpuint (c.problems->len, ==, 1);
  g_assert_cmpint (g_array_index (c.problems, CvgIoErrorCode, 0), ==, CVG_IO_ERROR_BAD_DATA_CRC);
  g_assert_cmpuint (g_array_index (c.problem_offsets, guint64, 0), ==, a->len);
  g_assert_false (cvg_record_file_is_dead (file));
  collected_clear (&c);
}

/* A valid length CRC over a length past CVG_TFRECORD_MAX_DATA_SIZE: the
 * record is refused at once as damage, with a problem, and the file is
 * read no further; a length at the limit still waits for its data. */
static void
test_huge_length (void)
{
  g_autofree char *path = temp_path ("events.out.tfevents.huge");
  g_autoptr(GByteArray) a = framed ("good");
  g_autoptr(GByteArray) header = g_byte_array_new ();
  g_autoptr(CvgRecordFile) file = cvg_record_file_new (path);
  const guint8 *data;
  guint64 data_len, record_size;
  Collected c;

  for (guint i = 0; i < 3; i++)
    {
      guint64 sizes[] = { G_GUINT64_CONSTANT (1) << 40, G_MAXUINT64, CVG_TFRECORD_MAX_DATA_SIZE + 1 };
      guint64 huge = GUINT64_TO_LE (sizes[i]);
      g_autoptr(GByteArray) probe = g_byte_array_new ();
      cvg_tfrecord_frame ((const guint8 *) "", 0, probe);
      memcpy (probe->data, &huge, 8);
      /* Recompute the length CRC so that only the size is absurd. */
      {
        guint32 crc = GUINT32_TO_LE (cvg_crc32c_mask (cvg_crc32c (probe->data, 8)));
        memcpy (probe->data + 8, &crc, 4);
      }
      g_assert_cmpint (cvg_tfrecord_parse (probe->data, probe->len, &data, &data_len, &record_size),
                       ==, CVG_RECORD_TOO_LARGE);
      g_assert_cmpuint (data_len, ==, sizes[i]);
      if (i == 0)
        g_byte_array_append (header, probe->data, 12);
      /* One byte less is a length a record may have. */
      huge = GUINT64_TO_LE ((guint64) CVG_TFRECORD_MAX_DATA_SIZE);
      memcpy (probe->data, &huge, 8);
      {
        guint32 crc = GUINT32_TO_LE (cvg_crc32c_mask (cvg_crc32c (probe->data, 8)));
        memcpy (probe->data + 8, &crc, 4);
      }
      g_assert_cmpint (cvg_tfrecord_parse (probe->data, probe->len, &data, &data_len, &record_size),
                       ==, CVG_RECORD_INCOMPLETE);
    }

  write_bytes (path, a->data, a->len, FALSE);
  write_bytes (path, header->data, header->len, TRUE);
  collected_init (&c);
  read_file (file, &c);
  g_assert_cmpuint (c.records->len, ==, 1);
  g_assert_cmpuint (c.problems->len, ==, 1);
  g_assert_cmpint (g_array_index (c.problems, CvgIoErrorCode, 0), ==, CVG_IO_ERROR_TRUNCATED);
  g_assert_cmpuint (g_array_index (c.problem_offsets, guint64, 0), ==, a->len);
  g_assert_true (cvg_record_file_is_dead (file));
  g_assert_cmpuint (cvg_record_file_get_offset (file), ==, a->len);
  collected_clear (&c);
}

static void
test_empty_and_header_only (void)
{
  g_autofree char *empty = temp_path ("events.out.tfevents.empty");
  g_autofree char *header_only = temp_path ("events.out.tfevents.header");
  g_autoptr(GByteArray) a = framed ("payload");
  g_autoptr(CvgRecordFile) f1 = cvg_record_file_new (empty);
  g_autoptr(CvgRecordFile) f2 = cvg_record_file_new (header_only);
  Collected c;

  write_bytes (empty, a->data, 0, FALSE);
  write_bytes (header_only, a->data, 12, FALSE);

  collected_init (&c);
  read_file (f1, &c);
  read_file (f2, &c);
  g_assert_cmpuint (c.records->len, ==, 0);
  g_assert_cmpuint (c.problems->len, ==, 0);
  g_assert_cmpuint (cvg_record_file_get_offset (f2), ==, 0);
  collected_clear (&c);
}

static void
test_not_an_event_file (void)
{
  g_autofree char *path = temp_path ("events.out.tfevents.foreign");
  const char *text = "This is a text file that only has a misleading name.\n";
  g_autoptr(CvgRecordFile) file = cvg_record_file_new (path);
  Collected c;

  write_bytes (path, (const guint8 *) text, strlen (text), FALSE);
  collected_init (&c);
  read_file (file, &c);
  g_assert_cmpuint (c.records->len, ==, 0);
  g_assert_cmpuint (c.problems->len, ==, 1);
  g_assert_cmpint (g_array_index (c.problems, CvgIoErrorCode, 0), ==, CVG_IO_ERROR_NOT_AN_EVENT_FILE);
  collected_clear (&c);
}

/* Records larger than the read block still come through whole. */
static void
test_large_record (void)
{
  g_autofree char *path = temp_path ("events.out.tfevents.large");
  gsize size = 3 * 1024 * 1024 + 17;
  g_autofree char *payload = g_malloc (size + 1);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(CvgRecordFile) file = cvg_record_file_new (path);
  Collected c;

  memset (payload, 'x', size);
  payload[size] = '\0';
  cvg_tfrecord_frame ((const guint8 *) payload, size, out);
  cvg_tfrecord_frame ((const guint8 *) "after", 5, out);
  write_bytes (path, out->data, out->len, FALSE);

  collected_init (&c);
  read_file (file, &c);
  g_assert_cmpuint (c.records->len, ==, 2);
  assert_record (&c, 0, payload);
  assert_record (&c, 1, "after");
  collected_clear (&c);
}

static void
test_gzip (void)
{
  g_autofree char *path = temp_path ("events.out.tfevents.1.host.gz");
  g_autoptr(GByteArray) a = framed ("compressed one");
  g_autoptr(GByteArray) b = framed ("compressed two");
  g_autoptr(CvgRecordFile) file = cvg_record_file_new (path);
  gzFile gz = gzopen (path, "wb");
  Collected c;

  g_assert_nonnull (gz);
  gzwrite (gz, a->data, a->len);
  gzwrite (gz, b->data, b->len);
  gzclose (gz);

  collected_init (&c);
  read_file (file, &c);
  g_assert_cmpuint (c.records->len, ==, 2);
  assert_record (&c, 0, "compressed one");
  assert_record (&c, 1, "compressed two");
  g_assert_cmpuint (cvg_record_file_get_offset (file), ==, a->len + b->len);
  collected_clear (&c);
}

static void
test_missing_file (void)
{
  g_autoptr(CvgRecordFile) file = cvg_record_file_new ("/nonexistent/events.out.tfevents.x");
  g_autoptr(GError) error = NULL;
  Collected c;

  collected_init (&c);
  g_assert_false (cvg_record_file_read (file, record_cb, problem_cb, &c, &error));
  g_assert_error (error, CVG_IO_ERROR, CVG_IO_ERROR_UNREADABLE);
  collected_clear (&c);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/io/tfrecord/good", test_good);
  g_test_add_func ("/io/tfrecord/truncated-tail", test_truncated_then_completed);
  g_test_add_func ("/io/tfrecord/bad-length-crc", test_bad_length_crc);
  g_test_add_func ("/io/tfrecord/bad-data-crc", test_bad_data_crc);
  g_test_add_func ("/io/tfrecord/huge-length", test_huge_length);
  g_test_add_func ("/io/tfrecord/empty-and-header-only", test_empty_and_header_only);
  g_test_add_func ("/io/tfrecord/not-an-event-file", test_not_an_event_file);
  g_test_add_func ("/io/tfrecord/large-record", test_large_record);
  g_test_add_func ("/io/tfrecord/gzip", test_gzip);
  g_test_add_func ("/io/tfrecord/missing-file", test_missing_file);
  return g_test_run ();
}
