/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* TensorFlow tensor-bundle checkpoints (`PREFIX.index`, an SSTable of
 * BundleEntryProto, and `PREFIX.data-SSSSS-of-NNNNN` shards), as
 * tf.train.Saver and Keras 2's save_weights () write them. Every size
 * read from a file is checked against the real size of the file it
 * points into before anything is allocated from it; block and tensor
 * checksums (masked CRC-32C) are verified. */

#define CVG_CHECKPOINT_MAX_INDEX   (64 * 1024 * 1024)
#define CVG_CHECKPOINT_MAX_ENTRIES 100000
#define CVG_CHECKPOINT_MAX_RANK    8

/* TensorFlow's DataType numbers that matter here. */
#define CVG_CHECKPOINT_DT_FLOAT 1

typedef struct
{
  char    *name;
  int      dtype;
  guint    rank;
  gint64   dims[CVG_CHECKPOINT_MAX_RANK];
  guint    shard_id;
  guint64  offset;
  guint64  size;
  guint32  masked_crc32c;
  gboolean sliced;        /* a partitioned variable's whole: its parts are other keys */
} CvgCheckpointEntry;

typedef struct _CvgCheckpoint CvgCheckpoint;

/* Reads and checks `@prefix.index`. */
CvgCheckpoint            *cvg_checkpoint_open         (const char                *prefix,
                                                       GError                   **error);
void                      cvg_checkpoint_free         (CvgCheckpoint             *self);
const char               *cvg_checkpoint_get_prefix   (CvgCheckpoint             *self);
/* Of CvgCheckpointEntry, in key order, the header's empty key left out. */
GPtrArray                *cvg_checkpoint_get_entries  (CvgCheckpoint             *self);
const CvgCheckpointEntry *cvg_checkpoint_lookup       (CvgCheckpoint             *self,
                                                       const char                *name);
/* TRUE for a float32 matrix that is not an optimizer slot: what the
 * projector offers as an embedding. */
gboolean                  cvg_checkpoint_entry_is_embedding (const CvgCheckpointEntry *entry);
/* The float32 tensor of @entry, in host order, its checksum verified;
 * g_free () it. Reads in chunks, checking @cancellable between them. */
float                    *cvg_checkpoint_read_floats  (CvgCheckpoint             *self,
                                                       const CvgCheckpointEntry  *entry,
                                                       GCancellable              *cancellable,
                                                       GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgCheckpoint, cvg_checkpoint_free)

G_END_DECLS
