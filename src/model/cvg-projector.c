/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-projector"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "cvg-projector.h"

#include "cvg-checkpoint.h"
#include "cvg-pbtxt.h"

#define CONFIG_NAME      "projector_config.pbtxt"
#define STATE_NAME       "checkpoint"
#define ASSETS_SUFFIX    "/plugins/org_tensorflow_tensorboard_projector"
#define MAX_STATE_SIZE   (1024 * 1024)

typedef struct
{
  char             *root;          /* the logs folder, real */
  GPtrArray        *config_dirs;   /* of char *, absolute */
  GPtrArray        *state_dirs;    /* folders with a `checkpoint` file */
  GHashTable       *used_states;   /* folders whose checkpoint a config took */
  CvgProjectorScan *scan;
  GCancellable     *cancellable;
} Scanner;

static void
step_free (CvgProjectorStep *step)
{
  g_free (step->label);
  g_free (step->tensor_path);
  g_free (step->checkpoint);
  g_free (step->key);
  g_free (step->metadata_path);
  g_free (step->sprite_path);
  g_free (step);
}

static void
source_free (CvgProjectorSource *source)
{
  g_free (source->run);
  g_free (source->name);
  g_ptr_array_unref (source->steps);
  g_ptr_array_unref (source->notices);
  g_free (source);
}

void
cvg_projector_scan_free (CvgProjectorScan *scan)
{
  if (scan == NULL)
    return;
  g_clear_pointer (&scan->sources, g_ptr_array_unref);
  g_clear_pointer (&scan->notices, g_ptr_array_unref);
  g_free (scan);
}

CvgProjectorSource *
cvg_projector_scan_lookup (CvgProjectorScan *scan,
                           const char       *run,
                           const char       *name)
{
  for (guint i = 0; i < scan->sources->len; i++)
    {
      CvgProjectorSource *source = g_ptr_array_index (scan->sources, i);

      if (g_str_equal (source->run, run) && g_str_equal (source->name, name))
        return source;
    }
  return NULL;
}

static void
add_notice (GPtrArray  *notices,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static void
add_notice (GPtrArray  *notices,
            const char *format,
            ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (notices, g_strdup_vprintf (format, args));
  va_end (args);
}

/* Paths. */

static gboolean
is_inside (const char *root,
           const char *path)
{
  gsize n = strlen (root);

  if (g_str_equal (root, "/"))
    return TRUE;
  return strncmp (path, root, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

char *
cvg_projector_resolve (const char  *root,
                       const char  *base_dir,
                       const char  *path,
                       GError     **error)
{
  g_autofree char *joined = NULL;
  g_autofree char *real = NULL;

  if (path == NULL || path[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The path is empty."));
      return NULL;
    }
  joined = g_path_is_absolute (path) ? g_strdup (path) : g_build_filename (base_dir, path, NULL);
  real = realpath (joined, NULL);
  if (real == NULL)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("%s: %s"), joined, g_strerror (saved));
      return NULL;
    }
  if (!is_inside (root, real))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("“%s” leads outside the logs folder, so it is not read."), path);
      return NULL;
    }
  return g_steal_pointer (&real);
}

/* The run a folder is: relative to the logs folder, a projector assets
 * folder counted as its run's. */
static char *
run_of (Scanner    *scanner,
        const char *dir)
{
  g_autofree char *path = g_strconcat (dir, "/", NULL);
  const char *rel;
  char *run;

  if (g_str_has_suffix (dir, ASSETS_SUFFIX))
    path[strlen (dir) - strlen (ASSETS_SUFFIX)] = '\0';
  rel = path + MIN (strlen (scanner->root), strlen (path));
  while (*rel == '/')
    rel++;
  run = g_strdup (*rel == '\0' ? "." : rel);
  if (g_str_has_suffix (run, "/"))
    run[strlen (run) - 1] = '\0';
  return run;
}

/* Folders with a config or a checkpoint state, breadth first; links to
 * folders are not followed, so a loop cannot trap the walk. */
static void
walk (Scanner *scanner)
{
  g_autoptr(GQueue) queue = g_queue_new ();
  guint n_folders = 0;

  g_queue_push_tail (queue, g_strdup (scanner->root));
  g_queue_push_tail (queue, GUINT_TO_POINTER (0));
  while (!g_queue_is_empty (queue))
    {
      g_autofree char *dir = g_queue_pop_head (queue);
      guint depth = GPOINTER_TO_UINT (g_queue_pop_head (queue));
      g_autoptr(GDir) listing = NULL;
      const char *name;

      if (g_cancellable_is_cancelled (scanner->cancellable))
        break;
      if (++n_folders > CVG_PROJECTOR_MAX_FOLDERS)
        {
          add_notice (scanner->scan->notices, _("Only the first %d folders were looked at for projector configs."),
                      CVG_PROJECTOR_MAX_FOLDERS);
          break;
        }
      listing = g_dir_open (dir, 0, NULL);
      while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
        {
          g_autofree char *child = g_build_filename (dir, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            {
              if (g_str_equal (name, CONFIG_NAME))
                g_ptr_array_add (scanner->config_dirs, g_strdup (dir));
              continue;
            }
          if (g_str_equal (name, CONFIG_NAME) && g_file_test (child, G_FILE_TEST_IS_REGULAR))
            g_ptr_array_add (scanner->config_dirs, g_strdup (dir));
          else if (g_str_equal (name, STATE_NAME) && g_file_test (child, G_FILE_TEST_IS_REGULAR))
            g_ptr_array_add (scanner->state_dirs, g_strdup (dir));
          else if (depth < CVG_PROJECTOR_MAX_DEPTH && g_file_test (child, G_FILE_TEST_IS_DIR))
            {
              g_queue_push_tail (queue, g_steal_pointer (&child));
              g_queue_push_tail (queue, GUINT_TO_POINTER (depth + 1));
            }
        }
    }
  while (!g_queue_is_empty (queue))
    {
      g_free (g_queue_pop_head (queue));
      g_queue_pop_head (queue);
    }
}

/* A small text file, refused past @limit bytes before it is read. */
static char *
read_bounded (const char  *path,
              gsize        limit,
              gsize       *len,
              GError     **error)
{
  GStatBuf st;
  char *contents;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("%s: %s"), path, g_strerror (saved));
      return NULL;
    }
  if (!S_ISREG (st.st_mode) || (guint64) st.st_size > limit)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   S_ISREG (st.st_mode) ? _("%s is larger than expected") : _("%s is not a file"), path);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, len, error))
    return NULL;
  if (*len > limit)
    {
      g_free (contents);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s is larger than expected"), path);
      return NULL;
    }
  return contents;
}

static CvgPbtxtField *
read_pbtxt (const char  *path,
            GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local = NULL;
  CvgPbtxtField *message;
  gsize len;

  text = read_bounded (path, CVG_PBTXT_MAX_SIZE, &len, error);
  if (text == NULL)
    return NULL;
  message = cvg_pbtxt_parse (text, len, &local);
  if (message == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s: %s"), path, local->message);
  return message;
}

/* Checkpoints. */

/* `checkpoint`'s model_checkpoint_path in @dir, resolved: a prefix whose
 * .index exists inside the logs folder. NULL with @error naming the file
 * looked for. A path written on another machine is tried in @dir. */
static char *
latest_checkpoint (Scanner     *scanner,
                   const char  *dir,
                   GError     **error)
{
  g_autofree char *state_path = g_build_filename (dir, STATE_NAME, NULL);
  g_autoptr(CvgPbtxtField) state = NULL;
  g_autofree char *index = NULL;
  g_autofree char *found = NULL;
  const char *prefix;

  if (!g_file_test (state_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no checkpoint: %s does not exist."), state_path);
      return NULL;
    }
  state = read_pbtxt (state_path, error);
  if (state == NULL)
    return NULL;
  prefix = cvg_pbtxt_get_string (state, "model_checkpoint_path");
  if (prefix == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s names no model_checkpoint_path."), state_path);
      return NULL;
    }
  index = g_strconcat (prefix, ".index", NULL);
  found = cvg_projector_resolve (scanner->root, dir, index, NULL);
  if (found == NULL && g_path_is_absolute (prefix))
    {
      g_autofree char *base = g_path_get_basename (index);

      found = cvg_projector_resolve (scanner->root, dir, base, NULL);
    }
  if (found == NULL)
    {
      g_autofree char *looked_for = g_path_is_absolute (index) ? g_strdup (index) : g_build_filename (dir, index, NULL);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("%s names the checkpoint %s, which is missing: %s does not exist (or leads outside the logs folder)."),
                   state_path, prefix, looked_for);
      return NULL;
    }
  found[strlen (found) - strlen (".index")] = '\0';
  return g_steal_pointer (&found);
}

/* The number after the last '-' of @name, or -1. */
static gint64
checkpoint_number (const char *name,
                   gsize       len)
{
  const char *dash = g_strrstr_len (name, len, "-");
  guint64 n;

  if (dash == NULL || dash + 1 == name + len)
    return -1;
  {
    g_autofree char *digits = g_strndup (dash + 1, name + len - dash - 1);

    if (!g_ascii_string_to_unsigned (digits, 10, 0, G_MAXINT64, &n, NULL))
      return -1;
  }
  return (gint64) n;
}

static int
compare_numbers (gconstpointer a,
                 gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The steps of a checkpoint: every `STEM-N.index` beside @prefix
 * (Keras keeps ckpt-0 … ckpt-N though the state names only the last). */
static GArray *
checkpoint_steps (const char *prefix)
{
  g_autofree char *dir = g_path_get_dirname (prefix);
  g_autofree char *base = g_path_get_basename (prefix);
  GArray *numbers = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 latest = checkpoint_number (base, strlen (base));
  g_autoptr(GDir) listing = NULL;
  const char *name;
  gsize stem_len;

  if (latest < 0)
    return numbers;
  stem_len = strrchr (base, '-') + 1 - base;
  listing = g_dir_open (dir, 0, NULL);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL && numbers->len < CVG_PROJECTOR_MAX_STEPS)
    {
      gsize len = strlen (name);
      gint64 n;

      if (!g_str_has_suffix (name, ".index") || strncmp (name, base, stem_len) != 0)
        continue;
      n = checkpoint_number (name, len - strlen (".index"));
      if (n >= 0 && checkpoint_number (name, stem_len) < 0 && (gsize) (strrchr (name, '-') + 1 - name) == stem_len)
        g_array_append_val (numbers, n);
    }
  g_array_sort (numbers, compare_numbers);
  if (numbers->len == 0 || g_array_index (numbers, gint64, numbers->len - 1) < latest)
    g_array_append_val (numbers, latest);
  return numbers;
}

static CvgProjectorSource *
source_get (Scanner    *scanner,
            const char *run,
            const char *name)
{
  CvgProjectorSource *source = cvg_projector_scan_lookup (scanner->scan, run, name);

  if (source != NULL)
    return source;
  source = g_new0 (CvgProjectorSource, 1);
  source->run = g_strdup (run);
  source->name = g_strdup (name);
  source->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  source->notices = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (scanner->scan->sources, source);
  return source;
}

static gboolean
has_step (CvgProjectorSource *source,
          const char         *label)
{
  for (guint i = 0; i < source->steps->len; i++)
    if (g_str_equal (((CvgProjectorStep *) g_ptr_array_index (source->steps, i))->label, label))
      return TRUE;
  return FALSE;
}

/* A config's asset path, resolved; a refused or missing one is said on
 * @source. */
static char *
asset (Scanner            *scanner,
       CvgProjectorSource *source,
       const char         *config_dir,
       const char         *path,
       const char         *what)
{
  g_autoptr(GError) error = NULL;
  char *resolved;

  if (path == NULL || path[0] == '\0')
    return NULL;
  resolved = cvg_projector_resolve (scanner->root, config_dir, path, &error);
  if (resolved == NULL)
    add_notice (source->notices, _("The %s “%s”: %s"), what, path, error->message);
  return resolved;
}

/* The sprite's path as written, else (as in the well-known TF1 sample,
 * whose path is relative to the folder above) with leading folders
 * dropped until it is found beside the config. */
static char *
sprite_asset (Scanner            *scanner,
              CvgProjectorSource *source,
              const char         *config_dir,
              const char         *path)
{
  const char *rest = path;
  char *resolved;

  if (path == NULL || path[0] == '\0')
    return NULL;
  resolved = cvg_projector_resolve (scanner->root, config_dir, path, NULL);
  while (resolved == NULL && !g_path_is_absolute (path) && (rest = strchr (rest, '/')) != NULL)
    {
      rest++;
      resolved = cvg_projector_resolve (scanner->root, config_dir, rest, NULL);
    }
  if (resolved != NULL && rest != path)
    add_notice (source->notices, _("The sprite “%s” is not beside the config; “%s” is used."), path, rest);
  return resolved != NULL ? resolved : asset (scanner, source, config_dir, path, _("sprite"));
}

static void
fill_assets (Scanner             *scanner,
             CvgProjectorSource  *source,
             CvgProjectorStep    *step,
             const char          *config_dir,
             const CvgPbtxtField *embedding)
{
  g_autoptr(GPtrArray) sprites = NULL;

  if (embedding == NULL)
    return;
  step->metadata_path = asset (scanner, source, config_dir,
                               cvg_pbtxt_get_string (embedding, "metadata_path"), _("metadata"));
  sprites = cvg_pbtxt_get_all (embedding, "sprite");
  if (sprites->len > 0 && ((CvgPbtxtField *) g_ptr_array_index (sprites, 0))->fields != NULL)
    {
      CvgPbtxtField *sprite = g_ptr_array_index (sprites, 0);
      g_autoptr(GPtrArray) dims = cvg_pbtxt_get_all (sprite, "single_image_dim");

      step->sprite_path = sprite_asset (scanner, source, config_dir, cvg_pbtxt_get_string (sprite, "image_path"));
      if (dims->len == 2)
        {
          step->sprite_width = (guint) g_ascii_strtoull (((CvgPbtxtField *) g_ptr_array_index (dims, 0))->value, NULL, 10);
          step->sprite_height = (guint) g_ascii_strtoull (((CvgPbtxtField *) g_ptr_array_index (dims, 1))->value, NULL, 10);
        }
      if (step->sprite_path != NULL && (step->sprite_width == 0 || step->sprite_height == 0))
        {
          add_notice (source->notices, _("The sprite has no single_image_dim of two sizes; it is not shown."));
          g_clear_pointer (&step->sprite_path, g_free);
        }
    }
}

/* `name:0` is TensorFlow's first output of `name`. */
static char *
strip_output (const char *tensor_name)
{
  char *name = g_strdup (tensor_name != NULL ? tensor_name : "");

  if (g_str_has_suffix (name, ":0"))
    name[strlen (name) - 2] = '\0';
  return name;
}

static CvgPbtxtField *
embedding_named (GPtrArray  *embeddings,
                 const char *key)
{
  for (guint i = 0; embeddings != NULL && i < embeddings->len; i++)
    {
      CvgPbtxtField *embedding = g_ptr_array_index (embeddings, i);
      g_autofree char *name = strip_output (cvg_pbtxt_get_string (embedding, "tensor_name"));

      if (g_str_equal (name, key))
        return embedding;
    }
  return NULL;
}

/* Every rank-2 float variable of the checkpoint at @prefix, as
 * TensorBoard offers them; those a config embedding names get its
 * metadata and sprite, the others an unnamed embedding's. */
static void
add_checkpoint (Scanner    *scanner,
                const char *prefix,
                GPtrArray  *embeddings,
                const char *config_dir,
                const char *config_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgCheckpoint) checkpoint = cvg_checkpoint_open (prefix, &error);
  g_autofree char *dir = g_path_get_dirname (prefix);
  g_autofree char *run = run_of (scanner, dir);
  g_autoptr(GArray) numbers = checkpoint_steps (prefix);
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  GPtrArray *entries;

  g_hash_table_add (scanner->used_states, g_strdup (dir));
  if (checkpoint == NULL)
    {
      add_notice (scanner->scan->notices, "%s", error->message);
      return;
    }
  entries = cvg_checkpoint_get_entries (checkpoint);
  for (guint i = 0; i < entries->len; i++)
    {
      const CvgCheckpointEntry *entry = g_ptr_array_index (entries, i);
      CvgPbtxtField *embedding;
      CvgProjectorSource *source;

      if (!cvg_checkpoint_entry_is_embedding (entry) || entry->dims[0] > G_MAXUINT || entry->dims[1] > G_MAXUINT)
        continue;
      embedding = embedding_named (embeddings, entry->name);
      if (embedding == NULL)
        embedding = embedding_named (embeddings, "");
      source = source_get (scanner, run, entry->name);
      g_ptr_array_add (added, source);
      for (guint s = 0; s < MAX (numbers->len, 1); s++)
        {
          CvgProjectorStep *step = g_new0 (CvgProjectorStep, 1);
          gint64 n = numbers->len > 0 ? g_array_index (numbers, gint64, s) : 0;

          step->label = g_strdup_printf ("%" G_GINT64_FORMAT, n);
          if (has_step (source, step->label))
            {
              step_free (step);
              continue;
            }
          step->checkpoint = numbers->len > 0
            ? g_strdup_printf ("%.*s%" G_GINT64_FORMAT, (int) (strrchr (prefix, '-') + 1 - prefix), prefix, n)
            : g_strdup (prefix);
          step->key = g_strdup (entry->name);
          step->n_points = (guint) entry->dims[0];
          step->n_dims = (guint) entry->dims[1];
          fill_assets (scanner, source, step, config_dir, embedding);
          g_ptr_array_add (source->steps, step);
        }
    }
  if (added->len == 0)
    add_notice (scanner->scan->notices, _("The checkpoint %s holds no rank-2 float variable to show."), prefix);
  /* The name a config gives that no key matches (Keras 2.1 wrote the
   * layer's name): its variables are shown anyway, with a word why. */
  for (guint e = 0; embeddings != NULL && e < embeddings->len; e++)
    {
      g_autofree char *name = strip_output (cvg_pbtxt_get_string (g_ptr_array_index (embeddings, e), "tensor_name"));

      if (name[0] == '\0' || cvg_checkpoint_lookup (checkpoint, name) != NULL)
        continue;
      for (guint i = 0; i < added->len; i++)
        add_notice (((CvgProjectorSource *) g_ptr_array_index (added, i))->notices,
                    _("%s names the tensor “%s”, which is not in the checkpoint %s; its rank-2 variables are shown instead, as TensorBoard does."),
                    config_path, cvg_pbtxt_get_string (g_ptr_array_index (embeddings, e), "tensor_name"), prefix);
    }
}

/* An embedding with a tensor_path (PyTorch's TSV, or raw float32). */
static void
add_tensor (Scanner             *scanner,
            const char          *config_dir,
            const char          *config_path,
            const CvgPbtxtField *embedding)
{
  const char *tensor_path = cvg_pbtxt_get_string (embedding, "tensor_path");
  g_autofree char *name = strip_output (cvg_pbtxt_get_string (embedding, "tensor_name"));
  g_autofree char *run = run_of (scanner, config_dir);
  g_autofree char *label = NULL;
  g_autoptr(GPtrArray) shape = cvg_pbtxt_get_all (embedding, "tensor_shape");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cvg_projector_resolve (scanner->root, config_dir, tensor_path, &error);
  char *colon;
  CvgProjectorSource *source;
  CvgProjectorStep *step;

  if (path == NULL)
    {
      add_notice (scanner->scan->notices, _("%s: the tensor “%s”: %s"), config_path, tensor_path, error->message);
      return;
    }
  if (name[0] == '\0')
    {
      g_free (name);
      name = g_path_get_basename (tensor_path);
    }
  /* PyTorch names its tensors TAG:STEP. */
  colon = strrchr (name, ':');
  if (colon != NULL && colon[1] != '\0' && strspn (colon + 1, "0123456789") == strlen (colon + 1))
    {
      label = g_strdup (colon + 1);
      *colon = '\0';
    }
  else
    label = g_strdup ("0");
  source = source_get (scanner, run, name);
  if (has_step (source, label))
    {
      add_notice (source->notices, _("%s lists the tensor “%s” more than once; the first is shown."),
                  config_path, cvg_pbtxt_get_string (embedding, "tensor_name"));
      return;
    }
  step = g_new0 (CvgProjectorStep, 1);
  step->label = g_steal_pointer (&label);
  step->tensor_path = g_steal_pointer (&path);
  if (shape->len == 2)
    {
      step->n_points = (guint) MIN (g_ascii_strtoull (((CvgPbtxtField *) g_ptr_array_index (shape, 0))->value, NULL, 10), G_MAXUINT);
      step->n_dims = (guint) MIN (g_ascii_strtoull (((CvgPbtxtField *) g_ptr_array_index (shape, 1))->value, NULL, 10), G_MAXUINT);
    }
  fill_assets (scanner, source, step, config_dir, embedding);
  g_ptr_array_add (source->steps, step);
}

/* The one checkpoint folder below @config_dir that no config took: Keras
 * writes its config at the logs folder's root and its checkpoints in
 * train/, where TensorBoard's root config finds none. */
static char *
state_dir_below (Scanner    *scanner,
                 const char *config_dir)
{
  const char *found = NULL;

  for (guint i = 0; i < scanner->state_dirs->len; i++)
    {
      const char *dir = g_ptr_array_index (scanner->state_dirs, i);

      if (!g_str_equal (dir, config_dir) && is_inside (config_dir, dir)
          && !g_hash_table_contains (scanner->used_states, dir))
        {
          if (found != NULL)
            return NULL;
          found = dir;
        }
    }
  return g_strdup (found);
}

/* The checkpoint of a config, as TensorBoard looks: model_checkpoint_path,
 * model_checkpoint_dir, the config's folder, its parent; then a folder
 * below. NULL with @error naming what was looked for. */
static char *
config_checkpoint (Scanner              *scanner,
                   const CvgPbtxtField  *config,
                   const char           *config_dir,
                   GError              **error)
{
  const char *path = cvg_pbtxt_get_string (config, "model_checkpoint_path");
  const char *dir = cvg_pbtxt_get_string (config, "model_checkpoint_dir");
  g_autofree char *parent = g_path_get_dirname (config_dir);
  g_autofree char *below = NULL;
  g_autofree char *found = NULL;

  if (path != NULL && path[0] != '\0')
    {
      g_autofree char *index = g_strconcat (path, ".index", NULL);

      found = cvg_projector_resolve (scanner->root, config_dir, index, error);
      if (found != NULL)
        found[strlen (found) - strlen (".index")] = '\0';
      return g_steal_pointer (&found);
    }
  if (dir != NULL && dir[0] != '\0')
    {
      g_autofree char *resolved = cvg_projector_resolve (scanner->root, config_dir, dir, error);

      return resolved != NULL ? latest_checkpoint (scanner, resolved, error) : NULL;
    }
  found = latest_checkpoint (scanner, config_dir, error);
  if (found == NULL && is_inside (scanner->root, parent) && !g_str_equal (parent, config_dir)
      && g_file_test (parent, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *state = g_build_filename (parent, STATE_NAME, NULL);

      if (g_file_test (state, G_FILE_TEST_EXISTS))
        {
          g_clear_error (error);
          found = latest_checkpoint (scanner, parent, error);
        }
    }
  if (found == NULL && (below = state_dir_below (scanner, config_dir)) != NULL)
    {
      g_clear_error (error);
      found = latest_checkpoint (scanner, below, error);
    }
  return g_steal_pointer (&found);
}

static void
add_config (Scanner    *scanner,
            const char *config_dir)
{
  g_autofree char *path = g_build_filename (config_dir, CONFIG_NAME, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgPbtxtField) config = NULL;
  g_autoptr(GPtrArray) embeddings = NULL;
  g_autoptr(GPtrArray) from_checkpoint = g_ptr_array_new ();
  g_autofree char *checkpoint = NULL;
  g_autofree char *real = cvg_projector_resolve (scanner->root, config_dir, CONFIG_NAME, &error);

  if (real == NULL || (config = read_pbtxt (real, &error)) == NULL)
    {
      add_notice (scanner->scan->notices, _("%s cannot be read: %s"), path, error->message);
      return;
    }
  scanner->scan->n_configs++;
  embeddings = cvg_pbtxt_get_all (config, "embeddings");
  for (guint i = 0; i < embeddings->len; i++)
    {
      CvgPbtxtField *embedding = g_ptr_array_index (embeddings, i);

      if (embedding->fields == NULL)
        continue;
      if (cvg_pbtxt_get_string (embedding, "tensor_path") != NULL)
        add_tensor (scanner, config_dir, path, embedding);
      else
        g_ptr_array_add (from_checkpoint, embedding);
    }
  if (from_checkpoint->len == 0 && embeddings->len > 0)
    return;
  checkpoint = config_checkpoint (scanner, config, config_dir, &error);
  if (checkpoint != NULL)
    add_checkpoint (scanner, checkpoint, from_checkpoint, config_dir, path);
  else if (from_checkpoint->len > 0)
    add_notice (scanner->scan->notices, _("%s names the tensor “%s”, which would be in a TensorFlow checkpoint. %s"),
                path, cvg_pbtxt_get_string (g_ptr_array_index (from_checkpoint, 0), "tensor_name"), error->message);
}

static int
compare_sources (gconstpointer a,
                 gconstpointer b)
{
  const CvgProjectorSource *x = *(CvgProjectorSource * const *) a;
  const CvgProjectorSource *y = *(CvgProjectorSource * const *) b;
  int by_run = g_strcmp0 (x->run, y->run);

  return by_run != 0 ? by_run : g_strcmp0 (x->name, y->name);
}

static int
compare_labels (gconstpointer a,
                gconstpointer b)
{
  const CvgProjectorStep *x = *(CvgProjectorStep * const *) a;
  const CvgProjectorStep *y = *(CvgProjectorStep * const *) b;
  guint64 m = g_ascii_strtoull (x->label, NULL, 10), n = g_ascii_strtoull (y->label, NULL, 10);

  return m < n ? -1 : m > n;
}

CvgProjectorScan *
cvg_projector_scan (const char    *logdir,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *root = realpath (logdir, NULL);
  g_autoptr(GPtrArray) config_dirs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) state_dirs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(CvgProjectorScan) scan = g_new0 (CvgProjectorScan, 1);
  Scanner scanner = { root, config_dirs, state_dirs, used, scan, cancellable };

  if (root == NULL)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("%s: %s"), logdir, g_strerror (saved));
      return NULL;
    }
  scan->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  scan->notices = g_ptr_array_new_with_free_func (g_free);
  walk (&scanner);
  for (guint i = 0; i < config_dirs->len; i++)
    add_config (&scanner, g_ptr_array_index (config_dirs, i));
  /* A run folder's checkpoint with no config of its own. */
  for (guint i = 0; i < state_dirs->len; i++)
    {
      const char *dir = g_ptr_array_index (state_dirs, i);
      g_autoptr(GError) local = NULL;
      g_autofree char *prefix = NULL;

      if (g_hash_table_contains (used, dir))
        continue;
      prefix = latest_checkpoint (&scanner, dir, &local);
      if (prefix != NULL)
        add_checkpoint (&scanner, prefix, NULL, NULL, NULL);
      else
        add_notice (scan->notices, "%s", local->message);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  g_ptr_array_sort (scan->sources, compare_sources);
  for (guint i = 0; i < scan->sources->len; i++)
    g_ptr_array_sort (((CvgProjectorSource *) g_ptr_array_index (scan->sources, i))->steps, compare_labels);
  return g_steal_pointer (&scan);
}

/* Loading. */

static CvgEmbedding *
load_checkpoint (const CvgProjectorStep  *step,
                 GCancellable            *cancellable,
                 GError                 **error)
{
  g_autoptr(CvgCheckpoint) checkpoint = cvg_checkpoint_open (step->checkpoint, error);
  const CvgCheckpointEntry *entry;
  float *data;

  if (checkpoint == NULL)
    return NULL;
  entry = cvg_checkpoint_lookup (checkpoint, step->key);
  if (entry == NULL || !cvg_checkpoint_entry_is_embedding (entry)
      || entry->dims[0] > G_MAXUINT || entry->dims[1] > G_MAXUINT)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The checkpoint %s has no float32 matrix “%s”."), step->checkpoint, step->key);
      return NULL;
    }
  data = cvg_checkpoint_read_floats (checkpoint, entry, cancellable, error);
  if (data == NULL)
    return NULL;
  return cvg_embedding_new (data, (guint) entry->dims[0], (guint) entry->dims[1]);
}

static void
load_metadata (CvgEmbedding           *embedding,
               const CvgProjectorStep *step)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize len;

  text = read_bounded (step->metadata_path, CVG_EMBEDDING_MAX_METADATA, &len, &error);
  if (text == NULL || !cvg_embedding_set_metadata (embedding, text, len, &error))
    cvg_embedding_add_notice (embedding, _("The metadata is not shown: %s"), error->message);
}

static void
load_sprite (CvgEmbedding           *embedding,
             const CvgProjectorStep *step)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *png;
  gsize len;

  png = read_bounded (step->sprite_path, CVG_EMBEDDING_MAX_SPRITE, &len, &error);
  if (png != NULL)
    bytes = g_bytes_new_take (png, len);
  if (bytes == NULL || !cvg_embedding_set_sprite (embedding, bytes, step->sprite_width, step->sprite_height, &error))
    cvg_embedding_add_notice (embedding, _("The sprite is not shown: %s"), error->message);
}

CvgEmbedding *
cvg_projector_load (const CvgProjectorSource *source,
                    const CvgProjectorStep   *step,
                    GCancellable             *cancellable,
                    GError                  **error)
{
  CvgEmbedding *embedding;

  if (step->checkpoint != NULL)
    embedding = load_checkpoint (step, cancellable, error);
  else
    embedding = cvg_embedding_new_from_file (step->tensor_path, step->n_points, step->n_dims, cancellable, error);
  if (embedding == NULL)
    return NULL;
  for (guint i = 0; i < source->notices->len; i++)
    g_ptr_array_insert (embedding->notices, i, g_strdup (g_ptr_array_index (source->notices, i)));
  if (step->tensor_path != NULL && step->n_points > 0
      && (embedding->n_points != step->n_points || embedding->n_dims != step->n_dims))
    cvg_embedding_add_notice (embedding, _("The config gives the shape %u × %u, but the tensor is %u × %u."),
                              step->n_points, step->n_dims, embedding->n_points, embedding->n_dims);
  if (step->metadata_path != NULL)
    load_metadata (embedding, step);
  if (step->sprite_path != NULL)
    load_sprite (embedding, step);
  return embedding;
}
