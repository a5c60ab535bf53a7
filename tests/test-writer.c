/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-writer"

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>
#include <zlib.h>

#include <glib/gstdio.h>

#include "cvg-event-writer-private.h"
#include "cvg-tensor-private.h"
#include "cvg-test-corpus.h"
#include "cvg-tfrecord.h"
#include "graph.pb-c.h"

static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

static void
event_free (Tensorboard__Event *event)
{
  tensorboard__event__free_unpacked (event, NULL);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Tensorboard__Event, event_free)

/* Helpers --------------------------------------------------------------- */

/* Splits framed bytes into record payloads (GBytes), asserting that every
 * record is complete and both CRCs hold. */
static GPtrArray *
split_records (GBytes *bytes)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  gsize len;
  const guint8 *buf = g_bytes_get_data (bytes, &len);
  gsize pos = 0;

  while (pos < len)
    {
      const guint8 *data = NULL;
      guint64 data_len = 0, record_size = 0;
      CvgRecordStatus status = cvg_tfrecord_parse (buf + pos, len - pos, &data, &data_len, &record_size);

      g_assert_cmpint (status, ==, CVG_RECORD_OK);
      g_assert_cmpuint (record_size, ==, data_len + CVG_TFRECORD_HEADER_SIZE + CVG_TFRECORD_FOOTER_SIZE);
      g_ptr_array_add (records, g_bytes_new (data, data_len));
      pos += record_size;
    }
  g_assert_cmpuint (pos, ==, len);
  return records;
}

static Tensorboard__Event *
unpack_event (GBytes *record)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (record, &len);
  Tensorboard__Event *event = tensorboard__event__unpack (NULL, len, data);

  g_assert_nonnull (event);
  return event;
}

/* The one event the writer holds, with its serialized bytes in @record. */
static Tensorboard__Event *
take_single_event (CvgEventWriter  *writer,
                   GBytes         **record)
{
  g_autoptr(GBytes) bytes = cvg_event_writer_steal_bytes (writer);
  g_autoptr(GPtrArray) records = split_records (bytes);

  g_assert_cmpuint (records->len, ==, 1);
  if (record != NULL)
    *record = g_bytes_ref (g_ptr_array_index (records, 0));
  return unpack_event (g_ptr_array_index (records, 0));
}

static Tensorboard__Summary__Value *
single_value (Tensorboard__Event *event)
{
  g_assert_cmpint (event->what_case, ==, TENSORBOARD__EVENT__WHAT_SUMMARY);
  g_assert_nonnull (event->summary);
  g_assert_cmpuint (event->summary->n_value, ==, 1);
  return event->summary->value[0];
}

static void
assert_plugin (Tensorboard__Summary__Value *value,
               const char                  *plugin_name,
               const guint8                *content,
               gsize                        content_len)
{
  g_assert_nonnull (value->metadata);
  g_assert_nonnull (value->metadata->plugin_data);
  g_assert_cmpstr (value->metadata->plugin_data->plugin_name, ==, plugin_name);
  g_assert_cmpmem (value->metadata->plugin_data->content.data,
                   value->metadata->plugin_data->content.len,
                   content, content_len);
  g_assert_cmpstr (value->metadata->display_name, ==, "");
  g_assert_cmpstr (value->metadata->summary_description, ==, "");
  g_assert_cmpint (value->metadata->data_class, ==, 0);
}

static void
assert_shape (Tensorboard__TensorProto *tensor,
              guint                     rank,
              gint64                    d0,
              gint64                    d1)
{
  /* Written even for rank 0, as TF does (`12 00`). */
  g_assert_nonnull (tensor->tensor_shape);
  g_assert_cmpuint (tensor->tensor_shape->n_dim, ==, rank);
  g_assert_false (tensor->tensor_shape->unknown_rank);
  if (rank > 0)
    g_assert_cmpint (tensor->tensor_shape->dim[0]->size, ==, d0);
  if (rank > 1)
    g_assert_cmpint (tensor->tensor_shape->dim[1]->size, ==, d1);
}

static gboolean
has_no_val_lists (Tensorboard__TensorProto *t)
{
  return t->n_float_val == 0 && t->n_double_val == 0 && t->n_int_val == 0 &&
         t->n_string_val == 0 && t->n_int64_val == 0 && t->n_bool_val == 0 &&
         t->n_half_val == 0 && t->n_uint32_val == 0 && t->n_uint64_val == 0;
}

static double
read_le_double (const guint8 *p)
{
  guint64 bits;
  double d;

  memcpy (&bits, p, 8);
  bits = GUINT64_FROM_LE (bits);
  memcpy (&d, &bits, 8);
  return d;
}

/* The [k, 3] rows of a TF2 histogram record, checked for dtype and shape. */
static double *
tf2_histogram_rows (Tensorboard__Summary__Value *value,
                    guint                        k)
{
  Tensorboard__TensorProto *t = value->tensor;
  double *rows;

  g_assert_cmpint (value->value_case, ==, TENSORBOARD__SUMMARY__VALUE__VALUE_TENSOR);
  g_assert_cmpint (t->dtype, ==, CVG_DT_DOUBLE);
  assert_shape (t, 2, k, 3);
  g_assert_true (has_no_val_lists (t));
  g_assert_cmpuint (t->tensor_content.len, ==, (gsize) k * 3 * 8);

  rows = g_new (double, (gsize) k * 3);
  for (gsize i = 0; i < (gsize) k * 3; i++)
    rows[i] = read_le_double (t->tensor_content.data + 8 * i);
  return rows;
}

static double *
write_tf2_histogram (const double  *samples,
                     gsize          n,
                     guint          bucket_count,
                     guint          expect_k)
{
  g_autoptr(CvgEventWriter) writer = cvg_event_writer_new_memory ();
  g_autoptr(Tensorboard__Event) event = NULL;
  g_autoptr(GError) error = NULL;
  Tensorboard__Summary__Value *value;
  double *rows;
  double total = 0;

  g_assert_true (cvg_event_writer_write_histogram (writer, CVG_WRITER_STYLE_TF2, 10.0, 3, "h",
                                                   samples, n, bucket_count, &error));
  g_assert_no_error (error);
  event = take_single_event (writer, NULL);
  g_assert_cmpint (event->step, ==, 3);
  value = single_value (event);
  g_assert_cmpstr (value->tag, ==, "h");
  assert_plugin (value, "histograms", NULL, 0);
  rows = tf2_histogram_rows (value, expect_k);

  for (guint i = 0; i < expect_k; i++)
    total += rows[3 * i + 2];
  g_assert_cmpfloat (total, ==, (double) n);
  return rows;
}

/* Framing ------------------------------------------------------------------ */

static void
test_framing (void)
{
  g_autoptr(CvgEventWriter) writer = cvg_event_writer_new_memory ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree guint8 *big = g_malloc (300000);
  g_autoptr(GError) error = NULL;
  const guint8 *data;
  gsize len;
  guint64 length_le;

  for (gsize i = 0; i < 300000; i++)
    big[i] = (guint8) (i * 7);

  g_assert_true (cvg_event_writer_write_record (writer, (const guint8 *) "abc", 3, &error));
  g_assert_true (cvg_event_writer_write_record (writer, NULL, 0, &error));
  g_assert_true (cvg_event_writer_write_record (writer, big, 300000, &error));
  g_assert_no_error (error);

  bytes = cvg_event_writer_steal_bytes (writer);
  data = g_bytes_get_data (bytes, &len);
  g_assert_cmpuint (len, ==, 3 * 16 + 3 + 0 + 300000);

  /* The first header: length 3, little-endian. */
  memcpy (&length_le, data, 8);
  g_assert_cmpuint (GUINT64_FROM_LE (length_le), ==, 3);

  records = split_records (bytes);
  g_assert_cmpuint (records->len, ==, 3);
  data = g_bytes_get_data (g_ptr_array_index (records, 0), &len);
  g_assert_cmpmem (data, len, "abc", 3);
  g_assert_cmpuint (g_bytes_get_size (g_ptr_array_index (records, 1)), ==, 0);
  data = g_bytes_get_data (g_ptr_array_index (records, 2), &len);
  g_assert_cmpmem (data, len, big, 300000);

  /* Stealing empties the writer. */
  again = cvg_event_writer_steal_bytes (writer);
  g_assert_cmpuint (g_bytes_get_size (again), ==, 0);
}

/* The known vector from TensorBoard's tf_record.rs doc test. */
static void
test_framing_vector (void)
{
  static const guint8 payload[] = "\x1a\x11" "CRC test, one two";
  g_autoptr(CvgEventWriter) writer = cvg_event_writer_new_memory ();
  g_autoptr(GBytes) bytes = NULL;
  const guint8 *data;
  gsize len;
  guint32 crc;

  g_assert_true (cvg_event_writer_write_record (writer, payload, 19, NULL));
  bytes = cvg_event_writer_steal_bytes (writer);
  data = g_bytes_get_data (bytes, &len);
  g_assert_cmpuint (len, ==, 16 + 19);
  memcpy (&crc, data + 12 + 19, 4);
  g_assert_cmphex (GUINT32_FROM_LE (crc), ==, 0x5794d08a);
}

static void
test_write_event (void)
{
  g_autoptr(CvgEventWriter) writer = cvg_event_writer_new_memory ();
  g_autoptr(Tensorboard__Event) event = NULL;
  Tensorboard__Event in = TENSORBOARD__EVENT__INIT;
  Tensorboard__LogMessage log = TENSORBOARD__LOG_MESSAGE__INIT;

  log.level = 30;
  log.message = (char *) "careful";
  in.wall_time = 12.5;
  in.step = -4;
  in.what_case = TENSORBOARD__EVENT__WHAT_LOG_MESSAGE;
  in.log_message = &log;

  g_assert_true (cvg_event_writer_write_event (writer, &in, NULL));
  event = take_single_event (writer, NULL);
  g_assert_cmpfloat (event->wall_time, ==, 12.5);
  g_assert_cmpint (event->step, ==, -4);
  g_assert_cmpint (event->what_case, ==, TENSORBOARD__EVENT__WHAT_LOG_MESSAGE);
  g_assert_cmpint (event->log_message->level, ==, 30);
  g_assert_cmpstr (event->log_message->message, ==, "careful");
}

/* Writes the same events to a file and to memory; bytes must agree, and
 * more than 1 MiB makes the file writer write out while it goes. */
static void
write_many (CvgEventWriter *writer)
{
  g_autofree guint8 *blob = g_malloc0 (1500000);
  g_autoptr(GError) error = NULL;

  g_assert_true (cvg_event_writer_write_file_version (writer, 1.0, "brain.Event:2", &error));
  for (guint i = 0; i < 30000; i++)
    g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF2, 2.0 + i, i,
                                                  i % 2 ? "loss" : "acc", i * 0.5f, &error));
  g_assert_true (cvg_event_writer_write_graph_def (writer, 3.0, blob, 1500000, &error));
  g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 4.0, 1, "x", 1.f, &error));
  g_assert_no_error (error);
}

static void
test_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-writer-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(CvgEventWriter) memory = cvg_event_writer_new_memory ();
  g_autoptr(GBytes) expected = NULL;
  CvgEventWriter *file;
  GStatBuf st;
  gsize len;

  g_assert_no_error (error);
  path = g_build_filename (dir, "events.out.tfevents.1.test", NULL);

  file = cvg_event_writer_new (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (file);
  /* Created (empty) right away. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);

  g_assert_true (cvg_event_writer_write_file_version (file, 1.0, "brain.Event:2", &error));
  g_assert_true (cvg_event_writer_flush (file, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 0);
  cvg_event_writer_free (file);

  /* Again, truncating, with buffer write-outs on the way; free flushes. */
  file = cvg_event_writer_new (path, &error);
  g_assert_no_error (error);
  write_many (file);
  cvg_event_writer_free (file);

  write_many (memory);
  expected = cvg_event_writer_steal_bytes (memory);

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (contents, len, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_file_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgEventWriter) writer = cvg_event_writer_new ("/nonexistent-dir-for-test-writer/x", &error);

  g_assert_null (writer);
  g_assert_error (error, CVG_IO_ERROR, CVG_IO_ERROR_FAILED);
}

/* Event kinds -------------------------------------------------------------- */

static void
test_file_version (void)
{
  g_autoptr(CvgEventWriter) writer = cvg_event_writer_new_memory ();
  g_autoptr(Tensorboard__Event) event = NULL;
  g_autoptr(GBytes) record = NULL;
  const guint8 *data;
  gsize len;

  /* TensorBoard's writer (PyTorch) by default. */
  g_assert_true (cvg_event_writer_write_file_version (writer, 1691776291.0, "brain.Event:2", NULL));
  event = take_single_event (writer, NULL);
  g_assert_cmpfloat (event->wall_time, ==, 1691776291.0);
  g_assert_cmpint (event->step, ==, 0);
  g_assert_cmpint (event->what_case, ==, TENSORBOARD__EVENT__WHAT_FILE_VERSION);
  g_assert_cmpstr (event->file_version, ==, "brain.Event:2");
  g_assert_nonnull (event->source_metadata);
  g_assert_cmpstr (event->source_metadata->writer, ==, "tensorboard.summary.writer.event_file_writer");
  g_clear_pointer (&event, event_free);

  /* TF2's C++ writer. */
  cvg_event_writer_set_source_writer (writer, "tensorflow.core.util.events_writer");
  g_assert_true (cvg_event_writer_write_file_version (writer, 5.0, "brain.Event:2", NULL));
  event = take_single_event (writer, NULL);
  g_assert_cmpstr (event->source_metadata->writer, ==, "tensorflow.core.util.events_writer");
  g_clear_pointer (&event, event_free);

  /* TF1: no source_metadata at all. */
  cvg_event_writer_set_source_writer (writer, NULL);
  g_assert_true (cvg_event_writer_write_file_version (writer, 5.0, "brain.Event:2", NULL));
  event = take_single_event (writer, NULL);
  g_assert_null (event->source_metadata);
  g_assert_cmpstr (event->file_version, ==, "brain.Event:2");
  g_clear_pointer (&event, event_free);

  /* tensorboardX: wall_time and nothing else, exactly `09` + 8 bytes. */
  cvg_event_writer_set_source_writer (writer, "ignored");
  g_assert_true (cvg_event_writer_write_file_version (writer, 2.0, NULL, NULL));
  event = take_single_event (writer, &record);
  g_assert_cmpint (event->what_case, ==, TENSORBOARD__EVENT__WHAT__NOT_SET);
  g_assert_null (event->source_metadata);
  g_assert_cmpfloat (event->wall_time, ==, 2.0);
  data = g_bytes_get_data (record, &len);
  g_assert_cmpuint (len, ==, 9);
  g_assert_cmphex (data[0], ==, 0x09);
}

static void
test_tf1_scalar (void)
{
  g_autoptr(CvgEventWriter) writer = cvg_event_writer_new_memory ();
  g_autoptr(Tensorboard__Event) event = NULL;
  Tensorboard__Summary__Value *value;

  g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 3.25, 7, "loss", 0.5f, NULL));
  event = take_single_event (writer, NULL);
  g_assert_cmpfloat (event->wall_time, ==, 3.25);
  g_assert_cmpint (event->step, ==, 7);
  value = single_value (event);
  g_assert_cmpstr (value->tag, ==, "loss");
  g_assert_cmpint (value->value_case, ==, TENSORBOARD__SUMMARY__VALUE__VALUE_SIMPLE_VALUE);
  g_assert_cmpfloat (value->simple_value, ==, 0.5f);
  g_assert_null (value->metadata);
  g_clear_pointer (&event, event_free);

  /* Zero is still written: simple_value is in a oneof. */
  g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 3.5, 8, "loss", 0.f, NULL));
  event = take_single_event (writer, NULL);
  value = single_value (event);
  g_assert_cmpint (value->value_case, ==, TENSORBOARD__SUMMARY__VALUE__VALUE_SIMPLE_VALUE);
  g_assert_cmpfloat (value->simple_value, ==, 0.f);
}

static void
assert_tf2_scalar (Tensorboard__Event *event,
                   const char         *tag,
                   float               expected,
                   gboolean            with_metadata)
{
  Tensorboard__Summary__Value *value = single_value (event);
  Tensorboard__TensorProto *t;
  guint32 bits;
  float f;

  g_assert_cmpstr (value->tag, ==, tag);
  g_assert_cmpint (value->value_case, ==, TENSORBOARD__SUMMARY__VALUE__VALUE_TENSOR);
  t = value->tensor;
  g_assert_cmpint (t->dtype, ==, CVG_DT_FLOAT);
  assert_shape (t, 0, 0, 0);
  /* TF2 (Keras, tf.summary) keeps the float in tensor_content, not float_val. */
  g_assert_true (has_no_val_lists (t));
  g_assert_cmpuint (t->tensor_content.len, ==, 4);
  memcpy (&bits, t->tensor_content.data, 4);
  bits = GUINT32_FROM_LE (bits);
  memcpy (&f, &bits, 4);
  g_assert_cmpfloat (f, ==, expected);

  if (with_metadata)
    assert_plugin (value, "scalars", NULL, 0);
  else
    g_assert_null (value->metadata);
}

static void
test_tf2_scalar (void)
{
  g_autoptr(CvgEventWriter) writer = cvg_event_writer_new_memory ();
  g_autoptr(CvgEventWriter) other = cvg_event_writer_new_memory ();
  g_autoptr(Tensorboard__Event) event = NULL;

  /* Metadata on a tag's first value only (per writer, i.e. per file). */
  g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF2, 1.0, 0, "epoch_loss", 0.25f, NULL));
  event = take_single_event (writer, NULL);
  assert_tf2_scalar (event, "epoch_loss", 0.25f, TRUE);
  g_clear_pointer (&event, event_free);

  g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF2, 2.0, 1, "epoch_loss", 0.125f, NULL));
  event = take_single_event (writer, NULL);
  g_assert_cmpint (event->step, ==, 1);
  assert_tf2_scalar (event, "epoch_loss", 0.125f, FALSE);
  g_clear_pointer (&event, event_free);

  g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF2, 2.0, 1, "epoch_accuracy", 0.875f, NULL));
  event = take_single_event (writer, NULL);
  assert_tf2_scalar (event, "epoch_accuracy", 0.875f, TRUE);
  g_clear_pointer (&event, event_free);

  /* Another file starts afresh. */
  g_assert_true (cvg_event_writer_write_scalar (other, CVG_WRITER_STYLE_TF2, 2.0, 1, "epoch_loss", 1.f, NULL));
  event = take_single_event (other, NULL);
  assert_tf2_scalar (event, "epoch_loss", 1.f, TRUE);
  g_clear_pointer (&event, event_free);

  /* TF2's C++ writer repeats it on every value. */
  cvg_event_writer_set_repeat_metadata (writer, TRUE);
  g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF2, 3.0, 2, "epoch_loss", -2.f, NULL));
  event = take_single_event (writer, NULL);
  assert_tf2_scalar (event, "epoch_loss", -2.f, TRUE);
}

/* The exact bytes of a Keras epoch_loss record in the corpus
 * (keras_tf2_embedding/validation, record 2), built by hand. */
static void
test_tf2_scalar_bytes (void)
{
  static const guint8 expected[] = {
    0x09, 0x45, 0xb8, 0x3e, 0x6b, 0x9d, 0x35, 0xd9, 0x41,   /* wall_time */
    0x2a, 0x27, 0x0a, 0x25,                                 /* summary { value { */
    0x0a, 0x0a, 'e', 'p', 'o', 'c', 'h', '_', 'l', 'o', 's', 's',
    0x42, 0x0a, 0x08, 0x01, 0x12, 0x00, 0x22, 0x04, 0x1d, 0x4f, 0x92, 0x3e,
    0x4a, 0x0b, 0x0a, 0x09, 0x0a, 0x07, 's', 'c', 'a', 'l', 'a', 'r', 's',
  };
  g_autoptr(CvgEventWriter) writer = cvg_event_writer_new_memory ();
  g_autoptr(Tensorboard__Event) event = NULL;
  g_autoptr(GBytes) record = NULL;
  double wall_time;
  guint64 bits = 0;
  guint32 fbits = 0x3e924f1d;
  float value;

  for (guint i = 0; i < 8; i++)
    bits |= (guint64) expected[1 + i] << (8 * i);
  memcpy (&wall_time, &bits, 8);
  memcpy (&value, &fbits, 4);

  g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF2, wall_time, 0,
                                                "epoch_loss", value, NULL));
  event = take_single_event (writer, &record);
  g_assert_cmpmem (g_bytes_get_data (record, NULL), g_bytes_get_size (record), expected, sizeof expected);
}

static void
test_scalar_tensor (void)
{
  static const struct {
    int    dtype;
    double value;
    double expected;
    gsize  width;
  } cases[] = {
    { CVG_DT_FLOAT, 0.1, (float) 0.1, 4 },
    { CVG_DT_DOUBLE, 0.1, 0.1, 8 },
    { CVG_DT_INT32, -123456, -123456, 4 },
    { CVG_DT_INT16, -1234, -1234, 2 },
    { CVG_DT_INT8, -12, -12, 1 },
    { CVG_DT_UINT8, 250, 250, 1 },
    { CVG_DT_UINT16, 65000, 65000, 2 },
    { CVG_DT_INT64, -5000000000.0, -5000000000.0, 8 },
    { CVG_DT_UINT32, 4000000000.0, 4000000000.0, 4 },
    { CVG_DT_UINT64, 9007199254740992.0, 9007199254740992.0, 8 },
    { CVG_DT_BOOL, 1, 1, 1 },
    { CVG_DT_HALF, 1.5, 1.5, 2 },
    { CVG_DT_HALF, -0.333251953125, -0.333251953125, 2 },
    { CVG_DT_HALF, 6.103515625e-05, 6.103515625e-05, 2 },  /* smallest normal */
    { CVG_DT_HALF, 5.960464477539063e-08, 5.960464477539063e-08, 2 },  /* smallest subnormal */
    { CVG_DT_HALF, 65504, 65504, 2 },
    { CVG_DT_HALF, 1e6, INFINITY, 2 },
    { CVG_DT_BFLOAT16, 1.5, 1.5, 2 },
    { CVG_DT_BFLOAT16, 3.140625, 3.140625, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint as_content = 0; as_content < 2; as_content++)
      {
        g_autoptr(CvgEventWriter) writer = cvg_event_writer_new_memory ();
        g_autoptr(Tensorboard__Event) event = NULL;
        g_autoptr(GError) error = NULL;
        Tensorboard__Summary__Value *value;
        Tensorboard__TensorProto *t;
        CvgTensor tensor;

        g_test_message ("dtype %d, value %g, as_content %u", cases[i].dtype, cases[i].value, as_content);
        g_assert_true (cvg_event_writer_write_scalar_tensor (writer, 1.0, 2, "s", cases[i].dtype,
                                                             cases[i].value, as_content, &error));
        g_assert_no_error (error);
        event = take_single_event (writer, NULL);
        value = single_value (event);
        assert_plugin (value, "scalars", NULL, 0);
        t = value->tensor;
        g_assert_cmpint (t->dtype, ==, cases[i].dtype);
        assert_shape (t, 0, 0, 0);
        if (as_content)
          {
            g_assert_true (has_no_val_lists (t));
            g_assert_cmpuint (t->tensor_content.len, ==, cases[i].width);
          }
        else
          {
            g_assert_cmpuint (t->tensor_content.len, ==, 0);
            g_assert_false (has_no_val_lists (t));
          }

        g_assert_true (cvg_tensor_decode (t, CVG_TENSOR_MAX_ELEMENTS, &tensor, &error));
        g_assert_no_error (error);
        g_assert_cmpuint (tensor.n_elements, ==, 1);
        g_assert_cmpfloat (tensor.numbers[0], ==, cases[i].expected);
        cvg_tensor_clear (&tensor);
      }
}

static void
test_scalar_tensor_bits (void)
{
  static const struct {
    int     dtype;
    double  value;
    guint16 bits;
  } cases[] = {
    { CVG_DT_HALF, 1.0, 0x3c00 },
    { CVG_DT_HALF, -2.0, 0xc000 },
    { CVG_DT_HALF, 0.0, 0x0000 },
    { CVG_DT_HALF, 65504, 0x7bff },
    { CVG_DT_HALF, 1.0 + 1.0 / 2048, 0x3c00 },          /* tie, to even */
    { CVG_DT_HALF, 1.0 + 3.0 / 2048, 0x3c02 },          /* tie, to even (up) */
    { CVG_DT_HALF, 5.960464477539063e-08, 0x0001 },
    { CVG_DT_HALF, NAN, 0x7e00 },
    { CVG_DT_BFLOAT16, 1.0, 0x3f80 },
    { CVG_DT_BFLOAT16, -1.5, 0xbfc0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CvgEventWriter) writer = cvg_event_writer_new_memory ();
      g_autoptr(Tensorboard__Event) event = NULL;
      Tensorboard__TensorProto *t;

      g_assert_true (cvg_event_writer_write_scalar_tensor (writer, 1.0, 2, "s", cases[i].dtype,
                                                           cases[i].value, FALSE, NULL));
      event = take_single_event (writer, NULL);
      t = single_value (event)->tensor;
      g_assert_cmpuint (t->n_half_val, ==, 1);
      g_assert_cmphex ((guint32) t->half_val[0], ==, cases[i].bits);
    }
}

static void
test_scalar_tensor_unsupported (void)
{
  g_autoptr(CvgEventWriter) writer = cvg_event_writer_new_memory ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (cvg_event_writer_write_scalar_tensor (writer, 1.0, 2, "s", CVG_DT_STRING, 1, FALSE, &error));
  g_assert_error (error, CVG_IO_ERROR, CVG_IO_ERROR_FAILED);
  bytes = cvg_event_writer_steal_bytes (writer);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 0);
}

/* TF1 histograms ------------------------------------------------------------ */

static Tensorboard__HistogramProto *
tf1_histogram (CvgEventWriter     *writer,
               Tensorboard__Event **event_out,
               const double        *samples,
               gsize                n)
{
  Tensorboard__Summary__Value *value;
  Tensorboard__HistogramProto *h;
  double total = 0;

  g_assert_true (cvg_event_writer_write_histogram (writer, CVG_WRITER_STYLE_TF1, 1.0, 4, "w",
                                                   samples, n, 30, NULL));
  *event_out = take_single_event (writer, NULL);
  value = single_value (*event_out);
  g_assert_cmpstr (value->tag, ==, "w");
  g_assert_null (value->metadata);
  g_assert_cmpint (value->value_case, ==, TENSORBOARD__SUMMARY__VALUE__VALUE_HISTO);
  h = value->histo;

  g_assert_cmpuint (h->n_bucket, ==, h->n_bucket_limit);
  g_assert_cmpuint (h->n_bucket, >=, 1);
  for (gsize i = 0; i < h->n_bucket; i++)
    {
      total += h->bucket[i];
      if (i > 0)
        {
          g_assert_cmpfloat (h->bucket_limit[i - 1], <, h->bucket_limit[i]);
          /* TF collapses each run of empty buckets into one. */
          g_assert_false (h->bucket[i - 1] == 0 && h->bucket[i] == 0);
        }
    }
  g_assert_cmpfloat (total, ==, h->num);
  g_assert_cmpfloat (h->num, ==, (double) n);
  return h;
}

/* TF's default limits are ±1e-12 * 1.1^k (k grown by repeated
 * multiplication), 0 and ±DBL_MAX. */
static gboolean
is_default_limit (double limit)
{
  double v = 1.0e-12;

  if (limit == 0 || fabs (limit) == DBL_MAX)
    return TRUE;
  for (; v < 1.0e20; v *= 1.1)
    if (fabs (limit) == v)
      return TRUE;
  return FALSE;
}

static void
test_tf1_histogram (void)
{
  g_autoptr(CvgEventWriter) writer = cvg_event_writer_new_memory ();
  g_autoptr(Tensorboard__Event) event = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  double samples[1000];
  double sum = 0, sum_squares = 0, min = G_MAXDOUBLE, max = -G_MAXDOUBLE;
  Tensorboard__HistogramProto *h;

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      double x = g_rand_double_range (rand, -3, 5);

      if (i == 10)
        x = 0;
      samples[i] = x;
      sum += x;
      sum_squares += x * x;
      min = MIN (min, x);
      max = MAX (max, x);
    }

  h = tf1_histogram (writer, &event, samples, G_N_ELEMENTS (samples));
  g_assert_cmpfloat (h->min, ==, min);
  g_assert_cmpfloat (h->max, ==, max);
  g_assert_cmpfloat (h->sum, ==, sum);
  g_assert_cmpfloat (h->sum_squares, ==, sum_squares);
  g_assert_cmpfloat (h->bucket_limit[h->n_bucket_limit - 1], ==, DBL_MAX);

  for (gsize i = 0; i < h->n_bucket_limit; i++)
    g_assert_true (is_default_limit (h->bucket_limit[i]));

  /* Each sample lies in [previous limit, limit) of a non-empty bucket. */
  for (guint s = 0; s < G_N_ELEMENTS (samples); s++)
    {
      gsize i = 0;

      while (h->bucket_limit[i] <= samples[s])
        i++;
      g_assert_cmpfloat (h->bucket[i], >, 0);
      if (i > 0)
        g_assert_cmpfloat (h->bucket_limit[i - 1], <=, samples[s]);
    }
}

static void
test_tf1_histogram_edges (void)
{
  g_autoptr(CvgEventWriter) writer = cvg_event_writer_new_memory ();
  Tensorboard__HistogramProto *h;
  double same[5] = { 0.5, 0.5, 0.5, 0.5, 0.5 };
  double one = -7.25;

  /* Empty: as TF's Histogram::Clear leaves it, one empty bucket. */
  {
    g_autoptr(Tensorboard__Event) event = NULL;

    h = tf1_histogram (writer, &event, NULL, 0);
    g_assert_cmpfloat (h->min, ==, DBL_MAX);
    g_assert_cmpfloat (h->max, ==, -DBL_MAX);
    g_assert_cmpfloat (h->sum, ==, 0);
    g_assert_cmpfloat (h->sum_squares, ==, 0);
    g_assert_cmpuint (h->n_bucket, ==, 1);
    g_assert_cmpfloat (h->bucket_limit[0], ==, DBL_MAX);
    g_assert_cmpfloat (h->bucket[0], ==, 0);
  }

  /* A single sample: empty run, its bucket, empty run up to DBL_MAX. */
  {
    g_autoptr(Tensorboard__Event) event = NULL;

    h = tf1_histogram (writer, &event, &one, 1);
    g_assert_cmpfloat (h->min, ==, one);
    g_assert_cmpfloat (h->max, ==, one);
    g_assert_cmpfloat (h->sum, ==, one);
    g_assert_cmpfloat (h->sum_squares, ==, one * one);
    g_assert_cmpuint (h->n_bucket, ==, 3);
    g_assert_cmpfloat (h->bucket[0], ==, 0);
    g_assert_cmpfloat (h->bucket[1], ==, 1);
    g_assert_cmpfloat (h->bucket[2], ==, 0);
    g_assert_cmpfloat (h->bucket_limit[0], <=, one);
    g_assert_cmpfloat (one, <, h->bucket_limit[1]);
    g_assert_cmpfloat (h->bucket_limit[2], ==, DBL_MAX);
  }

  /* All equal. */
  {
    g_autoptr(Tensorboard__Event) event = NULL;

    h = tf1_histogram (writer, &event, same, G_N_ELEMENTS (same));
    g_assert_cmpfloat (h->min, ==, 0.5);
    g_assert_cmpfloat (h->max, ==, 0.5);
    g_assert_cmpfloat (h->sum, ==, 2.5);
    g_assert_cmpuint (h->n_bucket, ==, 3);
    g_assert_cmpfloat (h->bucket[1], ==, 5);
  }

  /* Zero sits in the bucket [0, 1e-12). */
  {
    g_autoptr(Tensorboard__Event) event = NULL;
    double zero = 0;

    h = tf1_histogram (writer, &event, &zero, 1);
    g_assert_cmpuint (h->n_bucket, ==, 3);
    g_assert_cmpfloat (h->bucket_limit[0], ==, 0);
    g_assert_cmpfloat (h->bucket_limit[1], ==, 1e-12);
    g_assert_cmpfloat (h->bucket[1], ==, 1);
  }
}

/* TF2 histograms ------------------------------------------------------------ */

static void
test_tf2_histogram (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  double samples[2000];
  double min = G_MAXDOUBLE, max = -G_MAXDOUBLE;
  g_autofree double *rows = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      samples[i] = g_rand_double_range (rand, -1, 3);
      min = MIN (min, samples[i]);
      max = MAX (max, samples[i]);
    }

  /* bucket_count 0 means TensorBoard's default of 30. */
  rows = write_tf2_histogram (samples, G_N_ELEMENTS (samples), 0, 30);
  g_assert_cmpfloat (rows[0], ==, min);
  g_assert_cmpfloat (rows[3 * 29 + 1], ==, max);
  for (guint i = 0; i < 30; i++)
    {
      double left = rows[3 * i], right = rows[3 * i + 1];
      guint count = 0;

      g_assert_cmpfloat (left, <, right);
      if (i + 1 < 30)
        g_assert_cmpfloat (right, ==, rows[3 * (i + 1)]);
      /* The same edges as linspace(min, max, k + 1). */
      g_assert_cmpfloat (left, ==, min + ((max - min) / 30) * i);

      /* Closed-open, the last closed. */
      for (guint s = 0; s < G_N_ELEMENTS (samples); s++)
        if (samples[s] >= left && (samples[s] < right || (i == 29 && samples[s] == right)))
          count++;
      g_assert_cmpfloat (rows[3 * i + 2], ==, count);
    }
}

static void
test_tf2_histogram_edges (void)
{
  /* Samples on inner edges go right; max goes to the last bucket. */
  {
    double samples[] = { 0, 1, 2, 3, 4, 4 };
    g_autofree double *rows = write_tf2_histogram (samples, G_N_ELEMENTS (samples), 4, 4);

    for (guint i = 0; i < 4; i++)
      {
        g_assert_cmpfloat (rows[3 * i], ==, i);
        g_assert_cmpfloat (rows[3 * i + 1], ==, i + 1);
      }
    g_assert_cmpfloat (rows[2], ==, 1);
    g_assert_cmpfloat (rows[5], ==, 1);
    g_assert_cmpfloat (rows[8], ==, 1);
    g_assert_cmpfloat (rows[11], ==, 3);
  }

  /* Empty: all zeros. */
  {
    g_autofree double *rows = write_tf2_histogram (NULL, 0, 30, 30);

    for (guint i = 0; i < 30 * 3; i++)
      g_assert_cmpfloat (rows[i], ==, 0);
  }

  /* All equal: every edge at the value, the count in the last bucket. */
  {
    double samples[] = { -2.5, -2.5, -2.5 };
    g_autofree double *rows = write_tf2_histogram (samples, G_N_ELEMENTS (samples), 30, 30);

    for (guint i = 0; i < 30; i++)
      {
        g_assert_cmpfloat (rows[3 * i], ==, -2.5);
        g_assert_cmpfloat (rows[3 * i + 1], ==, -2.5);
        g_assert_cmpfloat (rows[3 * i + 2], ==, i == 29 ? 3 : 0);
      }
  }

  /* A single sample is the all-equal case with a count of 1. */
  {
    double sample = 42;
    g_autofree double *rows = write_tf2_histogram (&sample, 1, 7, 7);

    for (guint i = 0; i < 7; i++)
      {
        g_assert_cmpfloat (rows[3 * i], ==, 42);
        g_assert_cmpfloat (rows[3 * i + 1], ==, 42);
        g_assert_cmpfloat (rows[3 * i + 2], ==, i == 6 ? 1 : 0);
      }
  }
}

static void
test_histogram_metadata (void)
{
  g_autoptr(CvgEventWriter) writer = cvg_event_writer_new_memory ();
  double x = 1;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(Tensorboard__Event) event = NULL;

      g_assert_true (cvg_event_writer_write_histogram (writer, CVG_WRITER_STYLE_TF2, 1.0, i, "h", &x, 1, 3, NULL));
      event = take_single_event (writer, NULL);
      if (i == 0)
        assert_plugin (single_value (event), "histograms", NULL, 0);
      else
        g_assert_null (single_value (event)->metadata);
    }
}

/* Images, audio, text ------------------------------------------------------- */

static void
test_tf1_image (void)
{
  g_autoptr(CvgEventWriter) writer = cvg_event_writer_new_memory ();
  g_autoptr(Tensorboard__Event) event = NULL;
  Tensorboard__Summary__Value *value;

  g_assert_true (cvg_event_writer_write_image (writer, CVG_WRITER_STYLE_TF1, 1.0, 5, "img",
                                               100, 40, 3, png_signature, 8, NULL));
  event = take_single_event (writer, NULL);
  g_assert_cmpint (event->step, ==, 5);
  value = single_value (event);
  g_assert_cmpstr (value->tag, ==, "img");
  g_assert_null (value->metadata);
  g_assert_cmpint (value->value_case, ==, TENSORBOARD__SUMMARY__VALUE__VALUE_IMAGE);
  g_assert_cmpint (value->image->width, ==, 100);
  g_assert_cmpint (value->image->height, ==, 40);
  g_assert_cmpint (value->image->colorspace, ==, 3);
  g_assert_cmpmem (value->image->encoded_image_string.data, value->image->encoded_image_string.len,
                   png_signature, 8);
}

static void
test_tf2_image (void)
{
  g_autoptr(CvgEventWriter) writer = cvg_event_writer_new_memory ();
  g_autoptr(Tensorboard__Event) event = NULL;
  Tensorboard__Summary__Value *value;
  Tensorboard__TensorProto *t;

  g_assert_true (cvg_event_writer_write_image (writer, CVG_WRITER_STYLE_TF2, 1.0, 5, "img",
                                               100, 40, 3, png_signature, 8, NULL));
  event = take_single_event (writer, NULL);
  value = single_value (event);
  assert_plugin (value, "images", NULL, 0);
  g_assert_cmpint (value->value_case, ==, TENSORBOARD__SUMMARY__VALUE__VALUE_TENSOR);
  t = value->tensor;
  g_assert_cmpint (t->dtype, ==, CVG_DT_STRING);
  assert_shape (t, 1, 3, 0);
  g_assert_cmpuint (t->n_string_val, ==, 3);
  /* Width first, then height, as decimal strings. */
  g_assert_cmpmem (t->string_val[0].data, t->string_val[0].len, "100", 3);
  g_assert_cmpmem (t->string_val[1].data, t->string_val[1].len, "40", 2);
  g_assert_cmpmem (t->string_val[2].data, t->string_val[2].len, png_signature, 8);
}

/* A 16-bit PCM WAV of @frames frames and @channels channels. */
static GBytes *
make_wav (guint channels,
          guint frames,
          guint rate)
{
  GByteArray *out = g_byte_array_new ();
  guint data_size = frames * channels * 2;
  guint8 header[44];

#define LE16(p, v) G_STMT_START { (p)[0] = (v) & 0xff; (p)[1] = ((v) >> 8) & 0xff; } G_STMT_END
#define LE32(p, v) G_STMT_START { LE16 (p, (v) & 0xffff); LE16 ((p) + 2, ((v) >> 16) & 0xffff); } G_STMT_END
  memcpy (header, "RIFF", 4);
  LE32 (header + 4, 36 + data_size);
  memcpy (header + 8, "WAVEfmt ", 8);
  LE32 (header + 16, 16);
  LE16 (header + 20, 1);
  LE16 (header + 22, channels);
  LE32 (header + 24, rate);
  LE32 (header + 28, rate * channels * 2);
  LE16 (header + 32, channels * 2);
  LE16 (header + 34, 16);
  memcpy (header + 36, "data", 4);
  LE32 (header + 40, data_size);
#undef LE32
#undef LE16

  g_byte_array_append (out, header, sizeof header);
  g_byte_array_set_size (out, sizeof header + data_size);
  memset (out->data + sizeof header, 0, data_size);
  return g_byte_array_free_to_bytes (out);
}

static void
test_tf1_audio (void)
{
  g_autoptr(CvgEventWriter) writer = cvg_event_writer_new_memory ();
  g_autoptr(GBytes) mono = make_wav (1, 100, 8000);
  g_autoptr(GBytes) stereo = make_wav (2, 50, 44100);
  g_autoptr(Tensorboard__Event) event = NULL;
  Tensorboard__Summary__Value *value;

  g_assert_true (cvg_event_writer_write_audio (writer, CVG_WRITER_STYLE_TF1, 1.0, 2, "a", 8000,
                                               g_bytes_get_data (mono, NULL), g_bytes_get_size (mono), NULL));
  event = take_single_event (writer, NULL);
  value = single_value (event);
  g_assert_null (value->metadata);
  g_assert_cmpint (value->value_case, ==, TENSORBOARD__SUMMARY__VALUE__VALUE_AUDIO);
  g_assert_cmpfloat (value->audio->sample_rate, ==, 8000);
  g_assert_cmpint (value->audio->num_channels, ==, 1);
  g_assert_cmpint (value->audio->length_frames, ==, 100);
  g_assert_cmpstr (value->audio->content_type, ==, "audio/wav");
  g_assert_cmpmem (value->audio->encoded_audio_string.data, value->audio->encoded_audio_string.len,
                   g_bytes_get_data (mono, NULL), g_bytes_get_size (mono));
  g_clear_pointer (&event, event_free);

  g_assert_true (cvg_event_writer_write_audio (writer, CVG_WRITER_STYLE_TF1, 1.0, 2, "a", 44100,
                                               g_bytes_get_data (stereo, NULL), g_bytes_get_size (stereo), NULL));
  event = take_single_event (writer, NULL);
  value = single_value (event);
  g_assert_cmpint (value->audio->num_channels, ==, 2);
  g_assert_cmpint (value->audio->length_frames, ==, 50);
  g_clear_pointer (&event, event_free);

  /* Not a WAV: mono, no frames known. */
  g_assert_true (cvg_event_writer_write_audio (writer, CVG_WRITER_STYLE_TF1, 1.0, 2, "a", 44100,
                                               (const guint8 *) "junk", 4, NULL));
  event = take_single_event (writer, NULL);
  value = single_value (event);
  g_assert_cmpint (value->audio->num_channels, ==, 1);
  g_assert_cmpint (value->audio->length_frames, ==, 0);
}

static void
test_tf2_audio (void)
{
  static const guint8 wav_encoding[] = { 0x10, 0x0b };
  g_autoptr(CvgEventWriter) writer = cvg_event_writer_new_memory ();
  g_autoptr(GBytes) mono = make_wav (1, 100, 8000);
  g_autoptr(Tensorboard__Event) event = NULL;
  Tensorboard__Summary__Value *value;
  Tensorboard__TensorProto *t;

  g_assert_true (cvg_event_writer_write_audio (writer, CVG_WRITER_STYLE_TF2, 1.0, 2, "a", 8000,
                                               g_bytes_get_data (mono, NULL), g_bytes_get_size (mono), NULL));
  event = take_single_event (writer, NULL);
  value = single_value (event);
  /* AudioPluginData { encoding: WAV } */
  assert_plugin (value, "audio", wav_encoding, sizeof wav_encoding);
  t = value->tensor;
  g_assert_cmpint (t->dtype, ==, CVG_DT_STRING);
  assert_shape (t, 2, 1, 2);
  g_assert_cmpuint (t->n_string_val, ==, 2);
  g_assert_cmpmem (t->string_val[0].data, t->string_val[0].len,
                   g_bytes_get_data (mono, NULL), g_bytes_get_size (mono));
  g_assert_cmpuint (t->string_val[1].len, ==, 0);
}

static void
test_text (void)
{
  g_autoptr(CvgEventWriter) writer = cvg_event_writer_new_memory ();
  g_autoptr(Tensorboard__Event) event = NULL;
  Tensorboard__Summary__Value *value;
  Tensorboard__TensorProto *t;

  g_assert_true (cvg_event_writer_write_text (writer, 1.0, 9, "notes/text_summary", "# Hello\n*world*", NULL));
  event = take_single_event (writer, NULL);
  g_assert_cmpint (event->step, ==, 9);
  value = single_value (event);
  g_assert_cmpstr (value->tag, ==, "notes/text_summary");
  /* TextPluginData { version: 0 } is empty. */
  assert_plugin (value, "text", NULL, 0);
  t = value->tensor;
  g_assert_cmpint (t->dtype, ==, CVG_DT_STRING);
  assert_shape (t, 1, 1, 0);
  g_assert_cmpuint (t->n_string_val, ==, 1);
  g_assert_cmpmem (t->string_val[0].data, t->string_val[0].len, "# Hello\n*world*", 15);
  g_clear_pointer (&event, event_free);

  g_assert_true (cvg_event_writer_write_text (writer, 1.0, 10, "notes/text_summary", "", NULL));
  event = take_single_event (writer, NULL);
  value = single_value (event);
  g_assert_null (value->metadata);
  g_assert_cmpuint (value->tensor->n_string_val, ==, 1);
  g_assert_cmpuint (value->tensor->string_val[0].len, ==, 0);
}

/* Graphs, Keras, session logs ----------------------------------------------- */

static void
test_graph_def (void)
{
  static const char * const names[] = { "in", "scope/MatMul", "scope/Relu" };
  static const char * const ops[] = { "Placeholder", "MatMul", "Relu" };
  g_autoptr(CvgEventWriter) writer = cvg_event_writer_new_memory ();
  g_autoptr(Tensorboard__Event) event = NULL;
  g_autoptr(GBytes) graph = cvg_graph_def_build_chain (names, ops, 3);
  Tensorboard__GraphDef *def;

  g_assert_true (cvg_event_writer_write_graph_def (writer, 8.5, g_bytes_get_data (graph, NULL),
                                                   g_bytes_get_size (graph), NULL));
  event = take_single_event (writer, NULL);
  g_assert_cmpfloat (event->wall_time, ==, 8.5);
  g_assert_cmpint (event->step, ==, 0);
  g_assert_cmpint (event->what_case, ==, TENSORBOARD__EVENT__WHAT_GRAPH_DEF);
  g_assert_cmpmem (event->graph_def.data, event->graph_def.len,
                   g_bytes_get_data (graph, NULL), g_bytes_get_size (graph));

  def = tensorboard__graph_def__unpack (NULL, event->graph_def.len, event->graph_def.data);
  g_assert_nonnull (def);
  g_assert_cmpuint (def->n_node, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpstr (def->node[i]->name, ==, names[i]);
      g_assert_cmpstr (def->node[i]->op, ==, ops[i]);
      g_assert_cmpuint (def->node[i]->n_input, ==, i == 0 ? 0 : 1);
      if (i > 0)
        g_assert_cmpstr (def->node[i]->input[0], ==, names[i - 1]);
    }
  tensorboard__graph_def__free_unpacked (def, NULL);
}

static void
test_graph_chain_defaults (void)
{
  g_autoptr(GBytes) graph = cvg_graph_def_build_chain (NULL, NULL, 1000);
  g_autoptr(GBytes) empty = cvg_graph_def_build_chain (NULL, NULL, 0);
  Tensorboard__GraphDef *def;

  def = tensorboard__graph_def__unpack (NULL, g_bytes_get_size (graph), g_bytes_get_data (graph, NULL));
  g_assert_nonnull (def);
  g_assert_cmpuint (def->n_node, ==, 1000);
  g_assert_cmpstr (def->node[0]->name, ==, "chain/op_0");
  g_assert_cmpstr (def->node[0]->op, ==, "Placeholder");
  g_assert_cmpstr (def->node[999]->name, ==, "chain/op_999");
  g_assert_cmpstr (def->node[999]->op, ==, "Identity");
  g_assert_cmpstr (def->node[999]->input[0], ==, "chain/op_998");
  tensorboard__graph_def__free_unpacked (def, NULL);

  g_assert_cmpuint (g_bytes_get_size (empty), ==, 0);
}

static void
test_keras_model (void)
{
  static const char json[] = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": []}}";
  g_autoptr(CvgEventWriter) writer = cvg_event_writer_new_memory ();
  g_autoptr(Tensorboard__Event) event = NULL;
  Tensorboard__Summary__Value *value;
  Tensorboard__TensorProto *t;

  g_assert_true (cvg_event_writer_write_keras_model (writer, 3.0, json, NULL));
  event = take_single_event (writer, NULL);
  g_assert_cmpint (event->step, ==, 0);
  value = single_value (event);
  g_assert_cmpstr (value->tag, ==, "keras");
  assert_plugin (value, "graph_keras_model", (const guint8 *) "1", 1);
  t = value->tensor;
  g_assert_cmpint (t->dtype, ==, CVG_DT_STRING);
  assert_shape (t, 0, 0, 0);
  g_assert_cmpuint (t->n_string_val, ==, 1);
  g_assert_cmpmem (t->string_val[0].data, t->string_val[0].len, json, strlen (json));
}

static void
test_session_log (void)
{
  g_autoptr(CvgEventWriter) writer = cvg_event_writer_new_memory ();
  g_autoptr(Tensorboard__Event) event = NULL;

  g_assert_true (cvg_event_writer_write_session_log (writer, 6.0, 250,
                                                     TENSORBOARD__SESSION_LOG__SESSION_STATUS__START, NULL));
  event = take_single_event (writer, NULL);
  g_assert_cmpfloat (event->wall_time, ==, 6.0);
  g_assert_cmpint (event->step, ==, 250);
  g_assert_cmpint (event->what_case, ==, TENSORBOARD__EVENT__WHAT_SESSION_LOG);
  g_assert_cmpint (event->session_log->status, ==, TENSORBOARD__SESSION_LOG__SESSION_STATUS__START);
  g_assert_cmpstr (event->session_log->checkpoint_path, ==, "");
}

/* The corpus ---------------------------------------------------------------- */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
collect_event_files (const char *dir,
                     GPtrArray  *out)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_event_files (path, out);
      else if (strstr (g_ptr_array_index (names, i), "tfevents") != NULL)
        g_ptr_array_add (out, g_steal_pointer (&path));
    }
}

static gboolean
metadata_is_plain (Tensorboard__SummaryMetadata *md,
                   const char                   *plugin_name,
                   const guint8                 *content,
                   gsize                         content_len)
{
  return md->plugin_data != NULL &&
         g_strcmp0 (md->plugin_data->plugin_name, plugin_name) == 0 &&
         md->plugin_data->content.len == content_len &&
         (content_len == 0 || memcmp (md->plugin_data->content.data, content, content_len) == 0) &&
         md->display_name[0] == '\0' && md->summary_description[0] == '\0' && md->data_class == 0;
}

/* Samples that give exactly these [k, 3] rows: the min, the max, and the
 * rest at bucket midpoints. */
static double *
samples_for_rows (const double *rows,
                  guint         k,
                  gsize        *n_out)
{
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (double));
  double min = rows[0], max = rows[3 * (k - 1) + 1];

  for (guint i = 0; i < k; i++)
    {
      gsize count = (gsize) rows[3 * i + 2];
      double mid = (rows[3 * i] + rows[3 * i + 1]) / 2;

      for (gsize c = 0; c < count; c++)
        {
          double x = mid;

          if (min == max)
            x = min;
          else if (i == 0 && c == 0)
            x = min;
          else if (i == k - 1 && c == 0)
            x = max;
          g_array_append_val (samples, x);
        }
    }
  *n_out = samples->len;
  return (double *) g_array_free (samples, FALSE);
}

typedef struct
{
  guint records;
  guint regenerated;
  guint file_versions;
  guint tf1_scalars;
  guint tf2_scalars;
  guint tf2_histograms;
  guint keras;
  guint graphs;
  guint images;
  guint session_logs;
} ReplayStats;

/* Writes @event again from its meaning (tag, step, value...) where it has
 * a form the writer produces; FALSE where it has not. */
static gboolean
replay_event (CvgEventWriter     *writer,
              Tensorboard__Event *e,
              GHashTable         *seen,
              ReplayStats        *stats)
{
  Tensorboard__Summary__Value *v;
  Tensorboard__TensorProto *t;
  gboolean has_md, seen_tag;

  if (e->what_case == TENSORBOARD__EVENT__WHAT_FILE_VERSION)
    {
      if (e->step != 0 || (e->source_metadata != NULL && e->source_metadata->writer[0] == '\0'))
        return FALSE;
      cvg_event_writer_set_source_writer (writer, e->source_metadata ? e->source_metadata->writer : NULL);
      stats->file_versions++;
      return cvg_event_writer_write_file_version (writer, e->wall_time, e->file_version, NULL);
    }
  if (e->source_metadata != NULL)
    return FALSE;

  if (e->what_case == TENSORBOARD__EVENT__WHAT__NOT_SET && e->step == 0)
    {
      stats->file_versions++;
      return cvg_event_writer_write_file_version (writer, e->wall_time, NULL, NULL);
    }

  if (e->what_case == TENSORBOARD__EVENT__WHAT_GRAPH_DEF && e->step == 0)
    {
      stats->graphs++;
      return cvg_event_writer_write_graph_def (writer, e->wall_time, e->graph_def.data, e->graph_def.len, NULL);
    }

  if (e->what_case == TENSORBOARD__EVENT__WHAT_SESSION_LOG &&
      e->session_log->checkpoint_path[0] == '\0' && e->session_log->msg[0] == '\0')
    {
      stats->session_logs++;
      return cvg_event_writer_write_session_log (writer, e->wall_time, e->step, e->session_log->status, NULL);
    }

  if (e->what_case != TENSORBOARD__EVENT__WHAT_SUMMARY || e->summary->n_value != 1)
    return FALSE;
  v = e->summary->value[0];
  if (v->node_name[0] != '\0')
    return FALSE;

  if (v->value_case == TENSORBOARD__SUMMARY__VALUE__VALUE_SIMPLE_VALUE && v->metadata == NULL)
    {
      stats->tf1_scalars++;
      return cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, e->wall_time, e->step,
                                            v->tag, v->simple_value, NULL);
    }

  if (v->value_case == TENSORBOARD__SUMMARY__VALUE__VALUE_IMAGE && v->metadata == NULL)
    {
      stats->images++;
      return cvg_event_writer_write_image (writer, CVG_WRITER_STYLE_TF1, e->wall_time, e->step, v->tag,
                                           v->image->width, v->image->height, v->image->colorspace,
                                           v->image->encoded_image_string.data,
                                           v->image->encoded_image_string.len, NULL);
    }

  if (v->value_case != TENSORBOARD__SUMMARY__VALUE__VALUE_TENSOR)
    return FALSE;
  t = v->tensor;
  if (t->version_number != 0 || t->tensor_shape == NULL || t->tensor_shape->unknown_rank)
    return FALSE;
  for (gsize i = 0; i < t->tensor_shape->n_dim; i++)
    if (t->tensor_shape->dim[i]->name[0] != '\0')
      return FALSE;

  /* Metadata: present on a tag's first value, and on later ones only
   * where the writer repeats it. */
  has_md = v->metadata != NULL;
  seen_tag = g_hash_table_contains (seen, v->tag);
  if (!has_md && !seen_tag)
    return FALSE;
  cvg_event_writer_set_repeat_metadata (writer, has_md);

  if (t->dtype == CVG_DT_FLOAT && t->tensor_shape->n_dim == 0 && t->tensor_content.len == 4 &&
      has_no_val_lists (t) && (!has_md || metadata_is_plain (v->metadata, "scalars", NULL, 0)))
    {
      guint32 bits;
      float f;

      memcpy (&bits, t->tensor_content.data, 4);
      bits = GUINT32_FROM_LE (bits);
      memcpy (&f, &bits, 4);
      g_hash_table_add (seen, g_strdup (v->tag));
      stats->tf2_scalars++;
      return cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF2, e->wall_time, e->step, v->tag, f, NULL);
    }

  if (t->dtype == CVG_DT_STRING && t->tensor_shape->n_dim == 0 && t->n_string_val == 1 &&
      t->tensor_content.len == 0 && g_strcmp0 (v->tag, "keras") == 0 && e->step == 0 &&
      (!has_md || metadata_is_plain (v->metadata, "graph_keras_model", (const guint8 *) "1", 1)) &&
      memchr (t->string_val[0].data, 0, t->string_val[0].len) == NULL)
    {
      g_autofree char *json = g_strndup ((const char *) t->string_val[0].data, t->string_val[0].len);

      g_hash_table_add (seen, g_strdup (v->tag));
      stats->keras++;
      return cvg_event_writer_write_keras_model (writer, e->wall_time, json, NULL);
    }

  if (t->dtype == CVG_DT_DOUBLE && t->tensor_shape->n_dim == 2 && t->tensor_shape->dim[1]->size == 3 &&
      t->tensor_shape->dim[0]->size > 0 && t->tensor_shape->dim[0]->size < 100000 &&
      t->tensor_content.len == (gsize) t->tensor_shape->dim[0]->size * 24 && has_no_val_lists (t) &&
      (!has_md || metadata_is_plain (v->metadata, "histograms", NULL, 0)))
    {
      guint k = (guint) t->tensor_shape->dim[0]->size;
      g_autofree double *rows = g_new (double, (gsize) k * 3);
      g_autofree double *samples = NULL;
      gsize n;

      for (gsize i = 0; i < (gsize) k * 3; i++)
        rows[i] = read_le_double (t->tensor_content.data + 8 * i);
      samples = samples_for_rows (rows, k, &n);
      g_hash_table_add (seen, g_strdup (v->tag));
      stats->tf2_histograms++;
      return cvg_event_writer_write_histogram (writer, CVG_WRITER_STYLE_TF2, e->wall_time, e->step,
                                               v->tag, samples, n, k, NULL);
    }

  return FALSE;
}

/* Rewrites each corpus file with the writer, from the decoded values where
 * the writer has the record's form and as raw bytes elsewhere, and checks
 * that the result equals the file byte for byte. */
static void
test_corpus_replay (void)
{
  const char *dir = cvg_test_corpus_dir (CVG_TEST_CORPUS);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  ReplayStats stats = { 0, };

  if (dir == NULL)
    return;

  collect_event_files (dir, files);
  g_assert_cmpuint (files->len, >, 0);

  for (guint f = 0; f < files->len; f++)
    {
      const char *path = g_ptr_array_index (files, f);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) original = NULL;
      g_autoptr(GBytes) rewritten = NULL;
      g_autoptr(GPtrArray) records = NULL;
      g_autoptr(CvgEventWriter) writer = cvg_event_writer_new_memory ();
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      char *contents;
      gsize len;

      if (g_str_has_suffix (path, ".gz"))
        continue;
      g_assert_true (g_file_get_contents (path, &contents, &len, &error));
      g_assert_no_error (error);
      original = g_bytes_new_take (contents, len);
      records = split_records (original);

      for (guint r = 0; r < records->len; r++)
        {
          GBytes *record = g_ptr_array_index (records, r);
          g_autoptr(Tensorboard__Event) event = unpack_event (record);
          ReplayStats before = stats;

          stats.records++;
          if (replay_event (writer, event, seen, &stats))
            {
              stats.regenerated++;
              continue;
            }
          stats = before;
          stats.records++;
          g_assert_true (cvg_event_writer_write_record (writer, g_bytes_get_data (record, NULL),
                                                        g_bytes_get_size (record), NULL));
        }

      rewritten = cvg_event_writer_steal_bytes (writer);
      if (!g_bytes_equal (original, rewritten))
        {
          g_autoptr(GPtrArray) again = split_records (rewritten);

          g_assert_cmpuint (again->len, ==, records->len);
          for (guint r = 0; r < records->len; r++)
            if (!g_bytes_equal (g_ptr_array_index (records, r), g_ptr_array_index (again, r)))
              g_error ("%s: record %u differs", path, r);
        }
    }

  g_test_message ("%u files, %u records, %u regenerated from values: %u file versions, "
                  "%u TF1 scalars, %u TF2 scalars, %u TF2 histograms, %u keras, %u graphs, "
                  "%u TF1 images, %u session logs",
                  files->len, stats.records, stats.regenerated, stats.file_versions,
                  stats.tf1_scalars, stats.tf2_scalars, stats.tf2_histograms, stats.keras,
                  stats.graphs, stats.images, stats.session_logs);
  g_assert_cmpuint (stats.tf2_scalars, >, 0);
  g_assert_cmpuint (stats.tf2_histograms, >, 0);
  g_assert_cmpuint (stats.keras, >, 0);
  g_assert_cmpuint (stats.tf1_scalars, >, 0);
}

/* Keras TF2.0-era HistogramProto values: samples placed in the same TF
 * buckets give the same bucket_limit and bucket lists, min, max and num.
 * (sum and sum_squares cannot be rebuilt from buckets.) */
static void
test_corpus_tf1_histogram (void)
{
  const char *dir = cvg_test_corpus_dir (CVG_TEST_CORPUS);
  g_autofree char *run = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  guint checked = 0;

  if (dir == NULL)
    return;
  run = g_build_filename (dir, "keras_tf2_fashion_mnist", "cnn_1layer", "train", NULL);
  collect_event_files (run, files);
  if (files->len == 0)
    {
      g_test_skip ("keras_tf2_fashion_mnist not in the corpus");
      return;
    }

  for (guint f = 0; f < files->len && checked < 200; f++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) original = NULL;
      g_autoptr(GPtrArray) records = NULL;
      char *contents;
      gsize len;

      g_assert_true (g_file_get_contents (g_ptr_array_index (files, f), &contents, &len, &error));
      original = g_bytes_new_take (contents, len);
      records = split_records (original);

      for (guint r = 0; r < records->len; r++)
        {
          g_autoptr(Tensorboard__Event) event = unpack_event (g_ptr_array_index (records, r));
          g_autoptr(Tensorboard__Event) mine = NULL;
          g_autoptr(CvgEventWriter) writer = NULL;
          g_autoptr(GArray) samples = NULL;
          Tensorboard__HistogramProto *h, *m;

          if (event->what_case != TENSORBOARD__EVENT__WHAT_SUMMARY)
            continue;
          if (event->summary->n_value != 1 ||
              event->summary->value[0]->value_case != TENSORBOARD__SUMMARY__VALUE__VALUE_HISTO)
            continue;
          h = event->summary->value[0]->histo;

          samples = g_array_new (FALSE, FALSE, sizeof (double));
          g_array_append_val (samples, h->min);
          if (h->max != h->min)
            g_array_append_val (samples, h->max);
          for (gsize i = 0; i < h->n_bucket; i++)
            {
              /* A non-empty output bucket is one TF bucket [prev, limit). */
              double low = i > 0 ? MAX (h->bucket_limit[i - 1], h->min) : h->min;
              gsize count = (gsize) h->bucket[i];

              if (h->min >= low && h->min < h->bucket_limit[i] && count > 0)
                count--;
              if (h->max != h->min && h->max >= low && h->max < h->bucket_limit[i] && count > 0)
                count--;
              for (gsize c = 0; c < count; c++)
                g_array_append_val (samples, low);
            }

          writer = cvg_event_writer_new_memory ();
          g_assert_true (cvg_event_writer_write_histogram (writer, CVG_WRITER_STYLE_TF1, event->wall_time,
                                                           event->step, event->summary->value[0]->tag,
                                                           (double *) samples->data, samples->len, 0, NULL));
          mine = take_single_event (writer, NULL);
          m = single_value (mine)->histo;
          g_assert_cmpfloat (m->min, ==, h->min);
          g_assert_cmpfloat (m->max, ==, h->max);
          g_assert_cmpfloat (m->num, ==, h->num);
          g_assert_cmpmem (m->bucket_limit, m->n_bucket_limit * sizeof (double),
                           h->bucket_limit, h->n_bucket_limit * sizeof (double));
          g_assert_cmpmem (m->bucket, m->n_bucket * sizeof (double),
                           h->bucket, h->n_bucket * sizeof (double));
          checked++;
        }
    }

  g_test_message ("%u HistogramProto values matched", checked);
  g_assert_cmpuint (checked, >, 0);
}

/* The demo logdir ----------------------------------------------------------- */

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* A PNG that zlib can read: signature, chunks with good CRCs, IHDR first,
 * IDAT that inflates to height rows of (1 + width * channels) bytes. */
static void
assert_png (const guint8 *png,
            gsize         len,
            guint         width,
            guint         height)
{
  g_autoptr(GByteArray) idat = g_byte_array_new ();
  g_autofree guint8 *raw = NULL;
  uLongf raw_len = (uLongf) (width + 1) * height;
  gsize pos = 8;
  gboolean saw_end = FALSE;

  g_assert_cmpuint (len, >, 8);
  g_assert_cmpmem (png, 8, png_signature, 8);

  while (pos + 12 <= len && !saw_end)
    {
      guint32 n = read_be32 (png + pos);
      const guint8 *type = png + pos + 4;
      uLong crc;

      g_assert_cmpuint (pos + 12 + n, <=, len);
      crc = crc32 (crc32 (0L, Z_NULL, 0), type, 4 + n);
      g_assert_cmphex (crc, ==, read_be32 (png + pos + 8 + n));

      if (pos == 8)
        {
          g_assert_cmpmem (type, 4, "IHDR", 4);
          g_assert_cmpuint (read_be32 (type + 4), ==, width);
          g_assert_cmpuint (read_be32 (type + 8), ==, height);
          g_assert_cmpuint (type[12], ==, 8);   /* bit depth */
          g_assert_cmpuint (type[13], ==, 0);   /* grayscale */
        }
      if (memcmp (type, "IDAT", 4) == 0)
        g_byte_array_append (idat, type + 4, n);
      if (memcmp (type, "IEND", 4) == 0)
        saw_end = TRUE;
      pos += 12 + n;
    }
  g_assert_true (saw_end);
  g_assert_cmpuint (pos, ==, len);

  raw = g_malloc (raw_len);
  g_assert_cmpint (uncompress (raw, &raw_len, idat->data, idat->len), ==, Z_OK);
  g_assert_cmpuint (raw_len, ==, (uLongf) (width + 1) * height);
}

static void
test_demo_logdir (void)
{
  const char *dir = g_getenv ("CVG_DEMO_LOGDIR");
  const char *runs[] = { "run1/train", "run1/validation", "run2/train", "run2/validation" };
  guint images = 0;

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("demo logdir not built (set CVG_DEMO_LOGDIR)");
      return;
    }

  for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
    {
      g_autofree char *run = g_build_filename (dir, runs[r], NULL);
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GHashTable) scalars = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GPtrArray) records = NULL;
      g_autofree char *base = NULL;
      char *contents;
      gsize len;

      collect_event_files (run, files);
      g_assert_cmpuint (files->len, ==, 1);
      base = g_path_get_basename (g_ptr_array_index (files, 0));
      g_assert_true (g_regex_match_simple ("^events\\.out\\.tfevents\\.[0-9]{10}\\.[^.]+\\.[0-9]+\\.[0-9]+\\.v2$",
                                           base, 0, 0));

      g_assert_true (g_file_get_contents (g_ptr_array_index (files, 0), &contents, &len, &error));
      bytes = g_bytes_new_take (contents, len);
      records = split_records (bytes);
      g_assert_cmpuint (records->len, >, 1);

      for (guint i = 0; i < records->len; i++)
        {
          g_autoptr(Tensorboard__Event) event = unpack_event (g_ptr_array_index (records, i));
          Tensorboard__Summary__Value *value;

          if (i == 0)
            {
              g_assert_cmpint (event->what_case, ==, TENSORBOARD__EVENT__WHAT_FILE_VERSION);
              g_assert_cmpstr (event->file_version, ==, "brain.Event:2");
              continue;
            }
          g_assert_cmpint (event->what_case, !=, TENSORBOARD__EVENT__WHAT_FILE_VERSION);
          if (event->what_case != TENSORBOARD__EVENT__WHAT_SUMMARY)
            continue;
          value = single_value (event);
          if (g_str_has_prefix (value->tag, "epoch_"))
            {
              int count = GPOINTER_TO_INT (g_hash_table_lookup (scalars, value->tag));

              g_assert_cmpint (value->tensor->dtype, ==, CVG_DT_FLOAT);
              g_hash_table_insert (scalars, g_strdup (value->tag), GINT_TO_POINTER (count + 1));
            }
          if (value->metadata != NULL && g_strcmp0 (value->metadata->plugin_data->plugin_name, "images") == 0)
            {
              Tensorboard__TensorProto *t = value->tensor;

              g_autofree char *width = NULL;
              g_autofree char *height = NULL;

              g_assert_cmpuint (t->n_string_val, ==, 3);
              width = g_strndup ((const char *) t->string_val[0].data, t->string_val[0].len);
              height = g_strndup ((const char *) t->string_val[1].data, t->string_val[1].len);
              assert_png (t->string_val[2].data, t->string_val[2].len,
                          (guint) g_ascii_strtoull (width, NULL, 10),
                          (guint) g_ascii_strtoull (height, NULL, 10));
              images++;
            }
        }
      g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (scalars, "epoch_loss")), ==, 5);
      g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (scalars, "epoch_accuracy")), ==, 5);
    }
  g_assert_cmpuint (images, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io/writer/framing", test_framing);
  g_test_add_func ("/io/writer/framing-vector", test_framing_vector);
  g_test_add_func ("/io/writer/event", test_write_event);
  g_test_add_func ("/io/writer/file", test_file);
  g_test_add_func ("/io/writer/file-error", test_file_error);
  g_test_add_func ("/io/writer/file-version", test_file_version);
  g_test_add_func ("/io/writer/tf1-scalar", test_tf1_scalar);
  g_test_add_func ("/io/writer/tf2-scalar", test_tf2_scalar);
  g_test_add_func ("/io/writer/tf2-scalar-bytes", test_tf2_scalar_bytes);
  g_test_add_func ("/io/writer/scalar-tensor", test_scalar_tensor);
  g_test_add_func ("/io/writer/scalar-tensor-bits", test_scalar_tensor_bits);
  g_test_add_func ("/io/writer/scalar-tensor-unsupported", test_scalar_tensor_unsupported);
  g_test_add_func ("/io/writer/tf1-histogram", test_tf1_histogram);
  g_test_add_func ("/io/writer/tf1-histogram-edges", test_tf1_histogram_edges);
  g_test_add_func ("/io/writer/tf2-histogram", test_tf2_histogram);
  g_test_add_func ("/io/writer/tf2-histogram-edges", test_tf2_histogram_edges);
  g_test_add_func ("/io/writer/histogram-metadata", test_histogram_metadata);
  g_test_add_func ("/io/writer/tf1-image", test_tf1_image);
  g_test_add_func ("/io/writer/tf2-image", test_tf2_image);
  g_test_add_func ("/io/writer/tf1-audio", test_tf1_audio);
  g_test_add_func ("/io/writer/tf2-audio", test_tf2_audio);
  g_test_add_func ("/io/writer/text", test_text);
  g_test_add_func ("/io/writer/graph-def", test_graph_def);
  g_test_add_func ("/io/writer/graph-chain-defaults", test_graph_chain_defaults);
  g_test_add_func ("/io/writer/keras-model", test_keras_model);
  g_test_add_func ("/io/writer/session-log", test_session_log);
  g_test_add_func ("/io/writer/corpus/replay", test_corpus_replay);
  g_test_add_func ("/io/writer/corpus/tf1-histogram", test_corpus_tf1_histogram);
  g_test_add_func ("/io/writer/demo-logdir", test_demo_logdir);

  return g_test_run ();
}
