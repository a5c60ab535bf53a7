/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The tensor-bundle reader on checkpoints written here by a small writer
 * that follows TF's format (table_format.txt, tensor_bundle.proto), then
 * damaged; and on the real ones of the plugins corpus. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "cvg-checkpoint.h"
#include "cvg-crc32c.h"
#include "cvg-io-error.h"
#include "cvg-test-corpus.h"
#include "cvg-test-files.h"

/* The writer. */

static void
put_varint (GByteArray *out,
            guint64     v)
{
  while (v >= 0x80)
    {
      guint8 b = (guint8) (v | 0x80);

      g_byte_array_append (out, &b, 1);
      v >>= 7;
    }
  g_byte_array_append (out, (guint8 *) &(guint8) { (guint8) v }, 1);
}

static void
put_fixed32 (GByteArray *out,
             guint32     v)
{
  guint32 le = GUINT32_TO_LE (v);

  g_byte_array_append (out, (guint8 *) &le, 4);
}

static void
put_key (GByteArray *out,
         guint       field,
         guint       wire)
{
  put_varint (out, (guint64) field << 3 | wire);
}

static void
put_bytes_field (GByteArray   *out,
                 guint         field,
                 const guint8 *data,
                 gsize         len)
{
  put_key (out, field, 2);
  put_varint (out, len);
  g_byte_array_append (out, data, len);
}

/* BundleEntryProto{dtype, shape{dim{size}…}, shard_id 0, offset, size, crc32c}. */
static GByteArray *
entry_proto (int           dtype,
             const gint64 *dims,
             guint         rank,
             guint64       offset,
             guint64       size,
             guint32       masked_crc)
{
  GByteArray *out = g_byte_array_new ();
  g_autoptr(GByteArray) shape = g_byte_array_new ();

  for (guint d = 0; d < rank; d++)
    {
      g_autoptr(GByteArray) dim = g_byte_array_new ();

      put_key (dim, 1, 0);
      put_varint (dim, (guint64) dims[d]);
      put_bytes_field (shape, 2, dim->data, dim->len);
    }
  put_key (out, 1, 0);
  put_varint (out, (guint64) dtype);
  put_bytes_field (out, 2, shape->data, shape->len);
  put_key (out, 4, 0);
  put_varint (out, offset);
  put_key (out, 5, 0);
  put_varint (out, size);
  put_key (out, 6, 5);
  put_fixed32 (out, masked_crc);
  return out;
}

typedef struct
{
  GByteArray *file;
  GByteArray *block;
  GArray     *restarts;
  GString    *last_key;
  guint       since_restart;
  guint       restart_interval;
} TableWriter;

static void
block_add (TableWriter  *w,
           const char   *key,
           const guint8 *value,
           gsize         value_len)
{
  gsize shared = 0;

  if (w->since_restart == w->restart_interval)
    {
      guint32 at = w->block->len;

      g_array_append_val (w->restarts, at);
      w->since_restart = 0;
    }
  else
    while (shared < w->last_key->len && key[shared] == w->last_key->str[shared])
      shared++;
  put_varint (w->block, shared);
  put_varint (w->block, strlen (key) - shared);
  put_varint (w->block, value_len);
  g_byte_array_append (w->block, (const guint8 *) key + shared, strlen (key) - shared);
  g_byte_array_append (w->block, value, value_len);
  g_string_assign (w->last_key, key);
  w->since_restart++;
}

/* Ends the block: restarts, count, then the trailer (type 0, masked CRC
 * over contents and type). Its handle goes to @handle. */
static void
block_finish (TableWriter *w,
              GByteArray  *handle)
{
  guint64 offset = w->file->len;
  guint32 crc;

  if (w->restarts->len == 0)
    g_array_append_val (w->restarts, (guint32) { 0 });
  for (guint i = 0; i < w->restarts->len; i++)
    put_fixed32 (w->block, g_array_index (w->restarts, guint32, i));
  put_fixed32 (w->block, w->restarts->len);
  put_varint (handle, offset);
  put_varint (handle, w->block->len);
  g_byte_array_append (w->file, w->block->data, w->block->len);
  g_byte_array_append (w->file, (guint8 *) "\0", 1);
  crc = cvg_crc32c_mask (cvg_crc32c (w->file->data + offset, w->block->len + 1));
  put_fixed32 (w->file, crc);
  g_byte_array_set_size (w->block, 0);
  g_array_set_size (w->restarts, 0);
  g_string_truncate (w->last_key, 0);
  w->since_restart = w->restart_interval;
}

typedef struct
{
  const char *key;
  GByteArray *value;
} Row;

/* An SSTable of @rows (sorted), @per_block entries a data block, a
 * restart point every 2 entries. */
static GByteArray *
table_new (Row   *rows,
           guint  n_rows,
           guint  per_block)
{
  TableWriter w = { g_byte_array_new (), g_byte_array_new (), g_array_new (FALSE, FALSE, 4), g_string_new (NULL), 2, 2 };
  g_autoptr(GByteArray) index = g_byte_array_new ();
  g_autoptr(GByteArray) footer = g_byte_array_new ();
  g_autoptr(GPtrArray) index_keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) index_values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_byte_array_unref);

  for (guint i = 0; i < n_rows; i++)
    {
      block_add (&w, rows[i].key, rows[i].value->data, rows[i].value->len);
      if ((i + 1) % per_block == 0 || i + 1 == n_rows)
        {
          GByteArray *handle = g_byte_array_new ();

          block_finish (&w, handle);
          g_ptr_array_add (index_keys, g_strdup (rows[i].key));
          g_ptr_array_add (index_values, handle);
        }
    }
  /* metaindex: empty */
  block_finish (&w, footer);
  for (guint i = 0; i < index_keys->len; i++)
    {
      GByteArray *handle = g_ptr_array_index (index_values, i);

      block_add (&w, g_ptr_array_index (index_keys, i), handle->data, handle->len);
    }
  block_finish (&w, footer);
  {
    guint used = footer->len;

    g_byte_array_set_size (footer, 40);   /* zero padding */
    memset (footer->data + used, 0, 40 - used);
  }
  put_fixed32 (footer, 0x8b80fb57);
  put_fixed32 (footer, 0xdb477524);
  g_byte_array_append (w.file, footer->data, footer->len);
  g_byte_array_unref (w.block);
  g_array_unref (w.restarts);
  g_string_free (w.last_key, TRUE);
  return w.file;
}

typedef struct
{
  char *dir;
  char *prefix;
  float emb[5 * 3];
} Fixture;

static void
write_file (const char   *path,
            const guint8 *data,
            gsize         len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, (const char *) data, len, &error);
  g_assert_no_error (error);
}

/* emb float [5, 3]; its optimizer slot [5, 3]; bias float [3]; step
 * int64 []; one shard, the data 64-byte aligned as TF pads it. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GByteArray) shard = g_byte_array_new ();
  g_autoptr(GByteArray) header = g_byte_array_new ();
  g_autoptr(GByteArray) index = NULL;
  g_autofree char *data_path = NULL;
  g_autofree char *index_path = NULL;
  float slot[5 * 3], bias[3] = { 1, 2, 3 };
  gint64 dims_emb[2] = { 5, 3 }, dims_bias[1] = { 3 };
  GByteArray *values[4];
  Row rows[5];

  for (guint i = 0; i < 15; i++)
    {
      f->emb[i] = (float) i * 0.5f - 2;
      slot[i] = -1;
    }
  f->dir = g_dir_make_tmp ("cvg-checkpoint-XXXXXX", NULL);
  f->prefix = g_build_filename (f->dir, "model.ckpt-7", NULL);
  g_byte_array_append (shard, (guint8 *) f->emb, sizeof f->emb);
  g_byte_array_set_size (shard, 64);
  g_byte_array_append (shard, (guint8 *) slot, sizeof slot);
  g_byte_array_set_size (shard, 128);
  g_byte_array_append (shard, (guint8 *) bias, sizeof bias);
  put_key (header, 1, 0);
  put_varint (header, 1);
  values[0] = entry_proto (1, dims_bias, 1, 128, 12, cvg_crc32c_mask (cvg_crc32c (bias, 12)));
  values[1] = entry_proto (1, dims_emb, 2, 0, 60, cvg_crc32c_mask (cvg_crc32c (f->emb, 60)));
  values[2] = entry_proto (1, dims_emb, 2, 64, 60, cvg_crc32c_mask (cvg_crc32c (slot, 60)));
  values[3] = entry_proto (9, NULL, 0, 0, 0, 0);
  rows[0] = (Row) { "", header };
  rows[1] = (Row) { "bias", values[0] };
  rows[2] = (Row) { "emb", values[1] };
  rows[3] = (Row) { "emb/.OPTIMIZER_SLOT/optimizer/m", values[2] };
  rows[4] = (Row) { "step", values[3] };
  index = table_new (rows, G_N_ELEMENTS (rows), GPOINTER_TO_UINT (data));
  for (guint i = 0; i < 4; i++)
    g_byte_array_unref (values[i]);
  data_path = g_strconcat (f->prefix, ".data-00000-of-00001", NULL);
  index_path = g_strconcat (f->prefix, ".index", NULL);
  write_file (data_path, shard->data, shard->len);
  write_file (index_path, index->data, index->len);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cvg_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->prefix);
}

static void
test_read (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgCheckpoint) checkpoint = cvg_checkpoint_open (f->prefix, &error);
  const CvgCheckpointEntry *emb, *slot, *bias;
  g_autofree float *values = NULL;
  GPtrArray *entries;

  g_assert_no_error (error);
  entries = cvg_checkpoint_get_entries (checkpoint);
  g_assert_cmpuint (entries->len, ==, 4);
  g_assert_cmpstr (((CvgCheckpointEntry *) g_ptr_array_index (entries, 0))->name, ==, "bias");
  g_assert_cmpstr (((CvgCheckpointEntry *) g_ptr_array_index (entries, 3))->name, ==, "step");
  emb = cvg_checkpoint_lookup (checkpoint, "emb");
  slot = cvg_checkpoint_lookup (checkpoint, "emb/.OPTIMIZER_SLOT/optimizer/m");
  bias = cvg_checkpoint_lookup (checkpoint, "bias");
  g_assert_nonnull (emb);
  g_assert_nonnull (slot);
  g_assert_cmpuint (emb->rank, ==, 2);
  g_assert_cmpint (emb->dims[0], ==, 5);
  g_assert_cmpint (emb->dims[1], ==, 3);
  g_assert_true (cvg_checkpoint_entry_is_embedding (emb));
  g_assert_false (cvg_checkpoint_entry_is_embedding (slot));
  g_assert_false (cvg_checkpoint_entry_is_embedding (bias));
  g_assert_false (cvg_checkpoint_entry_is_embedding (cvg_checkpoint_lookup (checkpoint, "step")));
  values = cvg_checkpoint_read_floats (checkpoint, emb, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (values, 60, f->emb, 60);
}

static void
flip_byte (const char *path,
           gsize       offset_from_start)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (offset_from_start, <, len);
  contents[offset_from_start] ^= 0x20;
  write_file (path, (guint8 *) contents, len);
}

static void
test_tensor_checksum (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *data_path = g_strconcat (f->prefix, ".data-00000-of-00001", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgCheckpoint) checkpoint = NULL;
  g_autofree float *values = NULL;

  flip_byte (data_path, 10);
  checkpoint = cvg_checkpoint_open (f->prefix, &error);
  g_assert_no_error (error);
  values = cvg_checkpoint_read_floats (checkpoint, cvg_checkpoint_lookup (checkpoint, "emb"), NULL, &error);
  g_assert_null (values);
  g_assert_error (error, CVG_IO_ERROR, CVG_IO_ERROR_BAD_DATA_CRC);
  g_assert_nonnull (strstr (error->message, "emb"));
}

static void
test_block_checksum (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *index_path = g_strconcat (f->prefix, ".index", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgCheckpoint) checkpoint = NULL;

  /* Byte 3 lies in the first data block: the key "" and the header. */
  flip_byte (index_path, 3);
  checkpoint = cvg_checkpoint_open (f->prefix, &error);
  g_assert_null (checkpoint);
  g_assert_error (error, CVG_IO_ERROR, CVG_IO_ERROR_BAD_DATA_CRC);
}

static void
test_bad_magic (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *index_path = g_strconcat (f->prefix, ".index", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgCheckpoint) checkpoint = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (index_path, &contents, &len, NULL));
  flip_byte (index_path, len - 1);
  checkpoint = cvg_checkpoint_open (f->prefix, &error);
  g_assert_null (checkpoint);
  g_assert_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE);
  g_assert_nonnull (strstr (error->message, "magic"));
}

/* A shard cut short: the entry's size is checked against the file's
 * real size, and nothing is allocated from it. */
static void
test_truncated_shard (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *data_path = g_strconcat (f->prefix, ".data-00000-of-00001", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgCheckpoint) checkpoint = NULL;
  g_autofree float *values = NULL;

  g_assert_cmpint (truncate (data_path, 100), ==, 0);
  checkpoint = cvg_checkpoint_open (f->prefix, &error);
  g_assert_no_error (error);
  values = cvg_checkpoint_read_floats (checkpoint, cvg_checkpoint_lookup (checkpoint, "bias"), NULL, &error);
  g_assert_null (values);
  g_assert_error (error, CVG_IO_ERROR, CVG_IO_ERROR_TRUNCATED);
}

/* Every prefix of the index fails cleanly (no crash, no hang). */
static void
test_index_prefixes (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *index_path = g_strconcat (f->prefix, ".index", NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (index_path, &contents, &len, NULL));
  for (gsize cut = 0; cut < len; cut++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CvgCheckpoint) checkpoint = NULL;

      write_file (index_path, (guint8 *) contents, cut);
      checkpoint = cvg_checkpoint_open (f->prefix, &error);
      g_assert_null (checkpoint);
      g_assert_nonnull (error);
    }
}

/* Every byte of the index flipped in turn: each open fails cleanly or
 * gives entries whose tensors read or fail cleanly; the flips that land
 * in a block are caught by its checksum. */
static void
test_index_flips (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *index_path = g_strconcat (f->prefix, ".index", NULL);
  g_autofree char *contents = NULL;
  gsize len;
  guint n_opened = 0;

  g_assert_true (g_file_get_contents (index_path, &contents, &len, NULL));
  for (gsize at = 0; at < len; at++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CvgCheckpoint) checkpoint = NULL;

      contents[at] ^= 0xff;
      write_file (index_path, (guint8 *) contents, len);
      contents[at] ^= 0xff;
      checkpoint = cvg_checkpoint_open (f->prefix, &error);
      g_assert_true ((checkpoint == NULL) != (error == NULL));
      if (checkpoint == NULL)
        continue;
      n_opened++;
      for (guint i = 0; i < cvg_checkpoint_get_entries (checkpoint)->len; i++)
        {
          const CvgCheckpointEntry *entry = g_ptr_array_index (cvg_checkpoint_get_entries (checkpoint), i);
          g_autoptr(GError) read_error = NULL;
          g_autofree float *values = NULL;

          if (entry->dtype != CVG_CHECKPOINT_DT_FLOAT)
            continue;
          values = cvg_checkpoint_read_floats (checkpoint, entry, NULL, &read_error);
          g_assert_true ((values == NULL) != (read_error == NULL));
        }
    }
  /* Only the footer's padding and unused handle bytes can change and
   * still open. */
  g_assert_cmpuint (n_opened, <, 48);
}

/* The real checkpoints of the plugins corpus (MANIFEST.md §1, §3). */
static void
test_corpus (void)
{
  const char *dir = cvg_test_corpus_dir (CVG_TEST_CORPUS_PLUGINS);
  g_autofree char *tf1 = NULL;
  g_autofree char *keras = NULL;
  g_autoptr(CvgCheckpoint) a = NULL;
  g_autoptr(CvgCheckpoint) b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree float *values = NULL;
  const CvgCheckpointEntry *entry;
  guint n_embeddings = 0;

  if (dir == NULL)
    return;
  tf1 = g_build_filename (dir, "tf1_projector_sprite_mnist", "model.ckpt-1", NULL);
  a = cvg_checkpoint_open (tf1, &error);
  g_assert_no_error (error);
  entry = cvg_checkpoint_lookup (a, "mnistembedding");
  g_assert_nonnull (entry);
  g_assert_cmpint (entry->dims[0], ==, 500);
  g_assert_cmpint (entry->dims[1], ==, 784);
  g_assert_cmpuint (entry->size, ==, 1568000);
  values = cvg_checkpoint_read_floats (a, entry, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&values, g_free);

  keras = g_build_filename (dir, "keras_tf2_embed", "train", "keras_embedding.ckpt-4", NULL);
  b = cvg_checkpoint_open (keras, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cvg_checkpoint_get_entries (b)->len, ==, 20);
  for (guint i = 0; i < cvg_checkpoint_get_entries (b)->len; i++)
    n_embeddings += cvg_checkpoint_entry_is_embedding (g_ptr_array_index (cvg_checkpoint_get_entries (b), i));
  /* layer_with_weights-0/embeddings [1000, 64] and -3/kernel [32, 1]. */
  g_assert_cmpuint (n_embeddings, ==, 2);
  entry = cvg_checkpoint_lookup (b, "layer_with_weights-0/embeddings/.ATTRIBUTES/VARIABLE_VALUE");
  g_assert_nonnull (entry);
  g_assert_cmpint (entry->dims[0], ==, 1000);
  g_assert_cmpint (entry->dims[1], ==, 64);
  values = cvg_checkpoint_read_floats (b, entry, NULL, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/checkpoint/read", Fixture, GUINT_TO_POINTER (2), fixture_setup, test_read, fixture_teardown);
  g_test_add ("/checkpoint/read-one-block", Fixture, GUINT_TO_POINTER (100), fixture_setup, test_read, fixture_teardown);
  g_test_add ("/checkpoint/tensor-checksum", Fixture, GUINT_TO_POINTER (2), fixture_setup, test_tensor_checksum, fixture_teardown);
  g_test_add ("/checkpoint/block-checksum", Fixture, GUINT_TO_POINTER (2), fixture_setup, test_block_checksum, fixture_teardown);
  g_test_add ("/checkpoint/bad-magic", Fixture, GUINT_TO_POINTER (2), fixture_setup, test_bad_magic, fixture_teardown);
  g_test_add ("/checkpoint/truncated-shard", Fixture, GUINT_TO_POINTER (2), fixture_setup, test_truncated_shard, fixture_teardown);
  g_test_add ("/checkpoint/index-prefixes", Fixture, GUINT_TO_POINTER (2), fixture_setup, test_index_prefixes, fixture_teardown);
  g_test_add ("/checkpoint/index-flips", Fixture, GUINT_TO_POINTER (2), fixture_setup, test_index_flips, fixture_teardown);
  g_test_add_func ("/checkpoint/corpus", test_corpus);
  return g_test_run ();
}
