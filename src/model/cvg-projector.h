/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cvg-embedding.h"

G_BEGIN_DECLS

/* Where the embedding projector's tensors are, found as TensorBoard finds
 * them (TENSORBOARD-PLUGINS §7.2): projector_config.pbtxt in the logs
 * folder and the folders below it (run folders and their
 * plugins/org_tensorflow_tensorboard_projector assets), and checkpoints
 * beside or above a config, or in a run folder of their own. Every asset
 * path resolves against its config's folder and must stay inside the
 * logs folder once links are resolved: others are refused and said, never
 * read. Blocking: call from a worker thread. */

#define CVG_PROJECTOR_MAX_DEPTH   8
#define CVG_PROJECTOR_MAX_FOLDERS 20000
#define CVG_PROJECTOR_MAX_STEPS   1000

typedef struct
{
  char  *label;          /* the step: "00000" for PyTorch, N of a ckpt-N */
  char  *tensor_path;    /* a TSV or raw float32 file, or NULL */
  char  *checkpoint;     /* a checkpoint prefix, or NULL */
  char  *key;            /* the variable in @checkpoint */
  guint  n_points;       /* tensor_shape, or the checkpoint's; 0 when unknown */
  guint  n_dims;
  char  *metadata_path;  /* resolved and contained, or NULL */
  char  *sprite_path;
  guint  sprite_width;
  guint  sprite_height;
} CvgProjectorStep;

typedef struct
{
  char      *run;        /* the folder, relative to the logs folder ("." for it) */
  char      *name;       /* the tensor's name as shown */
  GPtrArray *steps;      /* of CvgProjectorStep, in step order */
  GPtrArray *notices;    /* of char *: refused or missing paths, names not found */
} CvgProjectorSource;

typedef struct
{
  GPtrArray *sources;    /* of CvgProjectorSource */
  GPtrArray *notices;    /* of char *: configs without tensors (naming what was looked for), unreadable ones */
  guint      n_configs;
} CvgProjectorScan;

CvgProjectorScan *cvg_projector_scan      (const char               *logdir,
                                           GCancellable             *cancellable,
                                           GError                  **error);
void              cvg_projector_scan_free (CvgProjectorScan         *scan);
/* The source at @run and @name, or NULL. */
CvgProjectorSource *cvg_projector_scan_lookup (CvgProjectorScan     *scan,
                                           const char               *run,
                                           const char               *name);

/* The tensor of @step with its metadata and sprite. A missing or bad
 * metadata or sprite file is a notice on the result, not a failure. */
CvgEmbedding     *cvg_projector_load      (const CvgProjectorSource *source,
                                           const CvgProjectorStep   *step,
                                           GCancellable             *cancellable,
                                           GError                  **error);

/* @path against @base_dir, made real and checked to lie in @root (a real
 * path): the result, or NULL with @error G_IO_ERROR_PERMISSION_DENIED
 * (outside) or G_IO_ERROR_NOT_FOUND. */
char             *cvg_projector_resolve   (const char               *root,
                                           const char               *base_dir,
                                           const char               *path,
                                           GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgProjectorScan, cvg_projector_scan_free)

G_END_DECLS
