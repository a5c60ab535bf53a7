/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tensor-bundle checkpoints. The index is a LevelDB table (TF
 * core/lib/io/table_format.txt): data blocks of prefix-compressed keys,
 * an index block of their handles, a 48-byte footer. Keys are read in
 * order, block by block; no lookup by binary search is needed. */

#define G_LOG_DOMAIN "cvg-checkpoint"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cvg-checkpoint.h"

#include "cvg-crc32c.h"
#include "cvg-io-error.h"
#include "tensor_bundle.pb-c.h"

#define FOOTER_SIZE   48
#define TRAILER_SIZE  5
#define TABLE_MAGIC   G_GUINT64_CONSTANT (0xdb4775248b80fb57)
#define READ_CHUNK    (16 * 1024 * 1024)

struct _CvgCheckpoint
{
  char       *prefix;
  guint       n_shards;
  gboolean    big_endian;
  GPtrArray  *entries;   /* of CvgCheckpointEntry */
  GHashTable *by_name;   /* name -> CvgCheckpointEntry, borrowed */
};

typedef struct
{
  const guint8 *p;
  const guint8 *end;
} Cursor;

static gboolean
corrupt (GError    **error,
         const char *prefix,
         const char *what)
{
  g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE,
               _("%s.index: %s"), prefix, what);
  return FALSE;
}

static gboolean
read_varint64 (Cursor  *c,
               guint64 *out)
{
  guint64 v = 0;

  for (guint shift = 0; shift < 64 && c->p < c->end; shift += 7)
    {
      guint8 b = *c->p++;

      v |= (guint64) (b & 0x7f) << shift;
      if ((b & 0x80) == 0)
        {
          *out = v;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
read_varint32 (Cursor  *c,
               guint32 *out)
{
  guint64 v;

  if (!read_varint64 (c, &v) || v > G_MAXUINT32)
    return FALSE;
  *out = (guint32) v;
  return TRUE;
}

static guint32
fixed32_at (const guint8 *p)
{
  guint32 v;

  memcpy (&v, p, 4);
  return GUINT32_FROM_LE (v);
}

typedef struct
{
  guint64 offset;
  guint64 size;
} BlockHandle;

static gboolean
read_handle (Cursor      *c,
             BlockHandle *handle)
{
  return read_varint64 (c, &handle->offset) && read_varint64 (c, &handle->size);
}

/* The contents of the block at @handle, its trailer's checksum checked. */
static gboolean
block_at (GBytes             *file,
          const BlockHandle  *handle,
          const char         *prefix,
          Cursor             *block,
          GError            **error)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (file, &len);
  const guint8 *trailer;

  if (handle->offset > len || handle->size > len - handle->offset
      || len - handle->offset - handle->size < TRAILER_SIZE)
    return corrupt (error, prefix, _("a block lies outside the file"));
  trailer = data + handle->offset + handle->size;
  if (trailer[0] != 0)
    return corrupt (error, prefix, _("a block is compressed, which TensorFlow never writes"));
  if (cvg_crc32c_mask (cvg_crc32c (data + handle->offset, handle->size + 1)) != fixed32_at (trailer + 1))
    {
      g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_BAD_DATA_CRC,
                   _("%s.index: a block’s checksum does not match"), prefix);
      return FALSE;
    }
  block->p = data + handle->offset;
  block->end = block->p + handle->size;
  return TRUE;
}

typedef gboolean (*EntryFunc) (CvgCheckpoint  *self,
                               const GString  *key,
                               const guint8   *value,
                               gsize           value_len,
                               gpointer        user_data,
                               GError        **error);

/* Each entry of a block in order: `varint32 shared, non_shared,
 * value_len; key delta; value`, then fixed32 restarts[n] and n. */
static gboolean
walk_block (CvgCheckpoint  *self,
            Cursor          block,
            EntryFunc       func,
            gpointer        user_data,
            GError        **error)
{
  g_autoptr(GString) key = g_string_new (NULL);
  gsize len = block.end - block.p;
  guint32 n_restarts;

  if (len < 4)
    return corrupt (error, self->prefix, _("a block is too short"));
  n_restarts = fixed32_at (block.end - 4);
  if (n_restarts == 0 || n_restarts > (len - 4) / 4)
    return corrupt (error, self->prefix, _("a block’s restart points do not fit in it"));
  block.end -= 4 + 4 * (gsize) n_restarts;
  while (block.p < block.end)
    {
      guint32 shared, non_shared, value_len;

      if (!read_varint32 (&block, &shared) || !read_varint32 (&block, &non_shared)
          || !read_varint32 (&block, &value_len) || shared > key->len
          || non_shared > (gsize) (block.end - block.p)
          || value_len > (gsize) (block.end - block.p) - non_shared)
        return corrupt (error, self->prefix, _("a key or value runs past its block"));
      g_string_truncate (key, shared);
      g_string_append_len (key, (const char *) block.p, non_shared);
      block.p += non_shared;
      if (!func (self, key, block.p, value_len, user_data, error))
        return FALSE;
      block.p += value_len;
    }
  return TRUE;
}

static void
entry_free (CvgCheckpointEntry *entry)
{
  g_free (entry->name);
  g_free (entry);
}

static gboolean
add_header (CvgCheckpoint  *self,
            const guint8   *value,
            gsize           value_len,
            GError        **error)
{
  Tensorboard__BundleHeaderProto *header =
    tensorboard__bundle_header_proto__unpack (NULL, value_len, value);

  if (header == NULL)
    return corrupt (error, self->prefix, _("the bundle header cannot be decoded"));
  self->n_shards = header->num_shards > 0 ? (guint) header->num_shards : 1;
  self->big_endian = header->endianness == TENSORBOARD__BUNDLE_HEADER_PROTO__ENDIANNESS__BIG;
  tensorboard__bundle_header_proto__free_unpacked (header, NULL);
  return TRUE;
}

static gboolean
fill_entry (CvgCheckpointEntry                   *entry,
            const Tensorboard__BundleEntryProto  *proto)
{
  entry->dtype = proto->dtype;
  entry->shard_id = (guint) MAX (proto->shard_id, 0);
  entry->offset = (guint64) proto->offset;
  entry->size = (guint64) proto->size;
  entry->masked_crc32c = proto->crc32c;
  entry->sliced = proto->n_slices > 0;
  if (proto->shard_id < 0 || proto->offset < 0 || proto->size < 0)
    return FALSE;
  if (proto->shape == NULL)
    return TRUE;
  if (proto->shape->n_dim > CVG_CHECKPOINT_MAX_RANK)
    return FALSE;
  entry->rank = (guint) proto->shape->n_dim;
  for (guint d = 0; d < entry->rank; d++)
    {
      entry->dims[d] = proto->shape->dim[d]->size;
      if (entry->dims[d] < 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_entry (CvgCheckpoint  *self,
           const GString  *key,
           const guint8   *value,
           gsize           value_len,
           gpointer        user_data,
           GError        **error)
{
  Tensorboard__BundleEntryProto *proto;
  CvgCheckpointEntry *entry;
  gboolean ok;

  if (key->len == 0)
    return add_header (self, value, value_len, error);
  if (self->entries->len >= CVG_CHECKPOINT_MAX_ENTRIES)
    return corrupt (error, self->prefix, _("too many entries"));
  proto = tensorboard__bundle_entry_proto__unpack (NULL, value_len, value);
  if (proto == NULL)
    return corrupt (error, self->prefix, _("an entry cannot be decoded"));
  entry = g_new0 (CvgCheckpointEntry, 1);
  entry->name = g_strndup (key->str, key->len);
  ok = fill_entry (entry, proto);
  tensorboard__bundle_entry_proto__free_unpacked (proto, NULL);
  if (!ok)
    {
      g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE,
                   _("%s.index: the entry “%s” has a negative or unbounded shape or place"),
                   self->prefix, entry->name);
      entry_free (entry);
      return FALSE;
    }
  g_ptr_array_add (self->entries, entry);
  g_hash_table_replace (self->by_name, entry->name, entry);
  return TRUE;
}

/* An index-block entry: its value is a data block's handle. */
static gboolean
walk_data_block (CvgCheckpoint  *self,
                 const GString  *key,
                 const guint8   *value,
                 gsize           value_len,
                 gpointer        user_data,
                 GError        **error)
{
  Cursor c = { value, value + value_len };
  BlockHandle handle;
  Cursor block;

  if (!read_handle (&c, &handle))
    return corrupt (error, self->prefix, _("a block handle cannot be decoded"));
  if (!block_at (user_data, &handle, self->prefix, &block, error))
    return FALSE;
  return walk_block (self, block, add_entry, NULL, error);
}

static gboolean
read_index (CvgCheckpoint  *self,
            GBytes         *file,
            GError        **error)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (file, &len);
  Cursor footer;
  BlockHandle metaindex, index;
  Cursor block;

  if (len < FOOTER_SIZE)
    return corrupt (error, self->prefix, _("the file is shorter than a table footer"));
  footer.p = data + len - FOOTER_SIZE;
  footer.end = data + len - 8;
  if ((fixed32_at (footer.end) | (guint64) fixed32_at (footer.end + 4) << 32) != TABLE_MAGIC)
    return corrupt (error, self->prefix, _("the table footer’s magic number is wrong"));
  if (!read_handle (&footer, &metaindex) || !read_handle (&footer, &index))
    return corrupt (error, self->prefix, _("the table footer cannot be decoded"));
  if (!block_at (file, &index, self->prefix, &block, error))
    return FALSE;
  return walk_block (self, block, walk_data_block, file, error);
}

CvgCheckpoint *
cvg_checkpoint_open (const char  *prefix,
                     GError     **error)
{
  g_autofree char *path = g_strconcat (prefix, ".index", NULL);
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autoptr(CvgCheckpoint) self = NULL;

  mapped = g_mapped_file_new (path, FALSE, error);
  if (mapped == NULL)
    return NULL;
  if (g_mapped_file_get_length (mapped) > CVG_CHECKPOINT_MAX_INDEX)
    {
      g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE,
                   _("%s: larger than the %d bytes an index may have"), path, CVG_CHECKPOINT_MAX_INDEX);
      return NULL;
    }
  /* A copy: a file cut short while it is mapped would fault. */
  file = g_bytes_new (g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped));
  self = g_new0 (CvgCheckpoint, 1);
  self->prefix = g_strdup (prefix);
  self->n_shards = 1;
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  self->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  if (!read_index (self, file, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
cvg_checkpoint_free (CvgCheckpoint *self)
{
  if (self == NULL)
    return;
  g_free (self->prefix);
  g_clear_pointer (&self->by_name, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_free (self);
}

const char *
cvg_checkpoint_get_prefix (CvgCheckpoint *self)
{
  return self->prefix;
}

GPtrArray *
cvg_checkpoint_get_entries (CvgCheckpoint *self)
{
  return self->entries;
}

const CvgCheckpointEntry *
cvg_checkpoint_lookup (CvgCheckpoint *self,
                       const char    *name)
{
  return g_hash_table_lookup (self->by_name, name);
}

gboolean
cvg_checkpoint_entry_is_embedding (const CvgCheckpointEntry *entry)
{
  return entry->dtype == CVG_CHECKPOINT_DT_FLOAT && entry->rank == 2 && !entry->sliced
         && entry->dims[0] > 0 && entry->dims[1] > 0
         && strstr (entry->name, ".OPTIMIZER_SLOT") == NULL;
}

/* Reads @len bytes at @offset in chunks, between which @cancellable is
 * looked at. */
static gboolean
read_at (int            fd,
         guint8        *out,
         guint64        offset,
         guint64        len,
         const char    *path,
         GCancellable  *cancellable,
         GError       **error)
{
  while (len > 0)
    {
      gsize want = (gsize) MIN (len, READ_CHUNK);
      gssize got;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      got = pread (fd, out, want, (off_t) offset);
      if (got < 0 && errno == EINTR)
        continue;
      if (got <= 0)
        {
          g_set_error (error, CVG_IO_ERROR, got < 0 ? CVG_IO_ERROR_UNREADABLE : CVG_IO_ERROR_TRUNCATED,
                       _("%s: %s"), path, got < 0 ? g_strerror (errno) : _("cut short"));
          return FALSE;
        }
      out += got;
      offset += (guint64) got;
      len -= (guint64) got;
    }
  return TRUE;
}

float *
cvg_checkpoint_read_floats (CvgCheckpoint             *self,
                            const CvgCheckpointEntry  *entry,
                            GCancellable              *cancellable,
                            GError                   **error)
{
  g_autofree char *path = NULL;
  g_autofree float *values = NULL;
  guint64 n = 1;
  struct stat st;
  int fd;
  gboolean ok;

  for (guint d = 0; d < entry->rank; d++)
    if (!g_uint64_checked_mul (&n, n, (guint64) entry->dims[d]))
      n = G_MAXUINT64;
  if (entry->dtype != CVG_CHECKPOINT_DT_FLOAT || n > G_MAXUINT64 / 4 || n * 4 != entry->size
      || entry->shard_id >= self->n_shards)
    {
      g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE,
                   _("“%s” is not a whole float32 tensor in this checkpoint"), entry->name);
      return NULL;
    }
  path = g_strdup_printf ("%s.data-%05u-of-%05u", self->prefix, entry->shard_id, self->n_shards);
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_UNREADABLE, _("%s: %s"), path, g_strerror (saved));
      return NULL;
    }
  /* Allocate only what the shard really holds. */
  if (entry->offset > (guint64) st.st_size || entry->size > (guint64) st.st_size - entry->offset
      || entry->size > G_MAXSIZE)
    {
      close (fd);
      g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_TRUNCATED,
                   _("%s: “%s” lies past the end of the file"), path, entry->name);
      return NULL;
    }
  values = g_try_malloc (MAX (entry->size, 1));
  if (values == NULL)
    {
      close (fd);
      g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_FAILED,
                   _("%s: not enough memory for “%s”"), path, entry->name);
      return NULL;
    }
  ok = read_at (fd, (guint8 *) values, entry->offset, entry->size, path, cancellable, error);
  close (fd);
  if (!ok)
    return NULL;
  if (cvg_crc32c_mask (cvg_crc32c (values, entry->size)) != entry->masked_crc32c)
    {
      g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_BAD_DATA_CRC,
                   _("%s: the checksum of “%s” does not match"), path, entry->name);
      return NULL;
    }
  if (self->big_endian != (G_BYTE_ORDER == G_BIG_ENDIAN))
    for (guint64 i = 0; i < n; i++)
      {
        guint32 bits;

        memcpy (&bits, &values[i], 4);
        bits = GUINT32_SWAP_LE_BE (bits);
        memcpy (&values[i], &bits, 4);
      }
  return g_steal_pointer (&values);
}
