/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-logdir"

#include "config.h"

#include "cvg-logdir.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "cvg-problem.h"
#include "cvg-remote.h"
#include "cvg-run.h"

struct _CvgLogdir
{
  GObject     parent_instance;

  char       *path;
  GPtrArray  *runs;          /* CvgRun, sorted by name */
  GHashTable *runs_by_name;  /* name -> CvgRun */
  GPtrArray  *problems;      /* CvgProblem */
};

G_DEFINE_FINAL_TYPE (CvgLogdir, cvg_logdir, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define REMOTE_READERS 8

/* A folder seen once, to stop symlink loops. */
typedef struct
{
  dev_t dev;
  ino_t ino;
} FolderId;

static guint
folder_id_hash (gconstpointer p)
{
  const FolderId *id = p;

  return (guint) id->ino ^ (guint) id->dev;
}

static gboolean
folder_id_equal (gconstpointer a,
                 gconstpointer b)
{
  return memcmp (a, b, sizeof (FolderId)) == 0;
}

static gboolean
is_event_file_name (const char *name)
{
  return strstr (name, "tfevents") != NULL;
}

static char *
run_name_for (const char *relative)
{
  return g_strdup (relative[0] == '\0' ? "." : relative);
}

static void
add_problem (CvgLogdir      *self,
             const char     *path,
             CvgIoErrorCode  code,
             const char     *message)
{
  g_ptr_array_add (self->problems, cvg_problem_new (path, 0, code, message));
}

static CvgRun *
ensure_run (CvgLogdir  *self,
            const char *relative,
            const char *path)
{
  g_autofree char *name = run_name_for (relative);
  CvgRun *run = g_hash_table_lookup (self->runs_by_name, name);

  if (run == NULL)
    {
      run = cvg_run_new (name, path);
      g_hash_table_insert (self->runs_by_name, g_strdup (name), run);
      g_ptr_array_add (self->runs, run);
    }
  return run;
}

static void
scan_folder (CvgLogdir  *self,
             const char *path,
             const char *relative,
             GHashTable *seen)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) subfolders = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return;
  {
    FolderId id = { st.st_dev, st.st_ino };
    if (g_hash_table_contains (seen, &id))
      return;
    g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
  }

  dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    {
      add_problem (self, path, CVG_IO_ERROR_UNREADABLE, error->message);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      GStatBuf child_st;

      if (g_stat (child, &child_st) != 0)
        {
          /* A folder nested deeper than PATH_MAX cannot be opened by path. */
          if (errno == ENAMETOOLONG)
            add_problem (self, child, CVG_IO_ERROR_UNREADABLE, g_strerror (errno));
          continue;
        }
      if (S_ISDIR (child_st.st_mode))
        g_ptr_array_add (subfolders, g_steal_pointer (&child));
      /* Not only regular files: the reader refuses a pipe or device named
       * like an event file with a problem, instead of skipping it unseen. */
      else if (is_event_file_name (name))
        cvg_run_add_file (ensure_run (self, relative, path), child);
    }

  for (guint i = 0; i < subfolders->len; i++)
    {
      const char *child = g_ptr_array_index (subfolders, i);
      g_autofree char *base = g_path_get_basename (child);
      g_autofree char *child_relative = relative[0] == '\0'
        ? g_strdup (base) : g_strconcat (relative, "/", base, NULL);

      scan_folder (self, child, child_relative, seen);
    }
}

static void
found_remote_cb (const char *relative,
                 const char *folder,
                 const char *file,
                 GFileInfo  *info,
                 gpointer    user_data)
{
  cvg_run_add_file (ensure_run (user_data, relative, folder), file);
}

/* A URI: listed through GIO (cvg-remote.h). */
static gboolean
scan_remote (CvgLogdir  *self,
             GError    **error)
{
  g_autoptr(GPtrArray) unreadable = g_ptr_array_new_with_free_func (g_free);

  if (!cvg_remote_scan (self->path, found_remote_cb, self, unreadable, NULL, error))
    return FALSE;
  for (guint i = 0; i < unreadable->len; i++)
    {
      g_autofree char *folder = g_strconcat (self->path, "/", g_ptr_array_index (unreadable, i), NULL);

      add_problem (self, folder, CVG_IO_ERROR_UNREADABLE, "folder cannot be listed");
    }
  return TRUE;
}

static int
compare_runs (gconstpointer a,
              gconstpointer b)
{
  return strcmp (cvg_run_get_name (*(CvgRun **) a), cvg_run_get_name (*(CvgRun **) b));
}

/* Where @run goes in @runs (by name): a binary search, so that adding
 * the runs of a large folder one by one stays O(n) each, not a sort. */
static guint
sorted_position (GPtrArray *runs,
                 CvgRun    *run)
{
  guint low = 0, high = runs->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (compare_runs (&g_ptr_array_index (runs, mid), &run) <= 0)
        low = mid + 1;
      else
        high = mid;
    }
  return low;
}

static void
cvg_logdir_finalize (GObject *object)
{
  CvgLogdir *self = (CvgLogdir *) object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->runs_by_name, g_hash_table_unref);
  g_clear_pointer (&self->runs, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (cvg_logdir_parent_class)->finalize (object);
}

static void
cvg_logdir_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CvgLogdir *self = CVG_LOGDIR (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_logdir_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CvgLogdir *self = CVG_LOGDIR (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_logdir_class_init (CvgLogdirClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cvg_logdir_finalize;
  object_class->get_property = cvg_logdir_get_property;
  object_class->set_property = cvg_logdir_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cvg_logdir_init (CvgLogdir *self)
{
  self->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) cvg_run_unref);
  self->runs_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) cvg_problem_free);
}

CvgLogdir *
cvg_logdir_new (const char *path)
{
  return g_object_new (CVG_TYPE_LOGDIR, "path", path, NULL);
}

const char *
cvg_logdir_get_path (CvgLogdir *self)
{
  g_return_val_if_fail (CVG_IS_LOGDIR (self), NULL);
  return self->path;
}

gboolean
cvg_logdir_scan (CvgLogdir  *self,
                 GError    **error)
{
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GDir) dir = NULL;

  g_return_val_if_fail (CVG_IS_LOGDIR (self), FALSE);

  g_ptr_array_set_size (self->problems, 0);
  if (cvg_remote_is_uri (self->path))
    {
      if (!scan_remote (self, error))
        return FALSE;
      g_ptr_array_sort (self->runs, compare_runs);
      return TRUE;
    }

  /* The logdir itself must open; trouble below it is only reported. */
  dir = g_dir_open (self->path, 0, error);
  if (dir == NULL)
    return FALSE;

  seen = g_hash_table_new_full (folder_id_hash, folder_id_equal, g_free, NULL);
  scan_folder (self, self->path, "", seen);
  g_ptr_array_sort (self->runs, compare_runs);
  return TRUE;
}

/* GThreadPool hands tasks over through GLib's own locks, which
 * ThreadSanitizer cannot see in an uninstrumented GLib: this pthread lock,
 * taken around each hand-over, makes the ordering visible to it. */
static pthread_mutex_t handoff_lock = PTHREAD_MUTEX_INITIALIZER;

static void
handoff (void)
{
  pthread_mutex_lock (&handoff_lock);
  pthread_mutex_unlock (&handoff_lock);
}

static void
read_run_cb (gpointer data,
             gpointer user_data)
{
  handoff ();
  cvg_run_read (data);
  handoff ();
}

static gint
compare_by_files_desc (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  return (gint) cvg_run_get_n_files (*(CvgRun **) b) - (gint) cvg_run_get_n_files (*(CvgRun **) a);
}

gboolean
cvg_logdir_load (CvgLogdir  *self,
                 GError    **error)
{
  g_autoptr(GPtrArray) order = NULL;
  GThreadPool *pool;

  g_return_val_if_fail (CVG_IS_LOGDIR (self), FALSE);

  if (!cvg_logdir_scan (self, error))
    return FALSE;

  /* Runs are independent: one task each, biggest first. */
  order = g_ptr_array_new ();
  g_ptr_array_extend (order, self->runs, NULL, NULL);
  g_ptr_array_sort_with_data (order, (GCompareDataFunc) compare_by_files_desc, NULL);

  /* Remote reads wait on the network: more of them in flight. */
  pool = g_thread_pool_new (read_run_cb, NULL,
                            cvg_remote_is_uri (self->path) ? MAX ((gint) g_get_num_processors (), REMOTE_READERS)
                                                           : (gint) g_get_num_processors (),
                            FALSE, NULL);
  handoff ();
  for (guint i = 0; i < order->len; i++)
    g_thread_pool_push (pool, g_ptr_array_index (order, i), NULL);
  g_thread_pool_free (pool, FALSE, TRUE);
  handoff ();
  return TRUE;
}

GPtrArray *
cvg_logdir_get_runs (CvgLogdir *self)
{
  g_return_val_if_fail (CVG_IS_LOGDIR (self), NULL);
  return self->runs;
}

CvgRun *
cvg_logdir_lookup_run (CvgLogdir  *self,
                       const char *name)
{
  g_return_val_if_fail (CVG_IS_LOGDIR (self), NULL);
  return g_hash_table_lookup (self->runs_by_name, name);
}

GPtrArray *
cvg_logdir_get_problems (CvgLogdir *self)
{
  g_return_val_if_fail (CVG_IS_LOGDIR (self), NULL);
  return self->problems;
}

void
cvg_logdir_add_run (CvgLogdir *self,
                    CvgRun    *run)
{
  g_return_if_fail (CVG_IS_LOGDIR (self));
  g_return_if_fail (cvg_logdir_lookup_run (self, cvg_run_get_name (run)) == NULL);

  g_hash_table_insert (self->runs_by_name, g_strdup (cvg_run_get_name (run)), run);
  g_ptr_array_insert (self->runs, (gint) sorted_position (self->runs, run), cvg_run_ref (run));
}

void
cvg_logdir_add_problem (CvgLogdir  *self,
                        CvgProblem *problem)
{
  g_return_if_fail (CVG_IS_LOGDIR (self));
  g_ptr_array_add (self->problems, problem);
}
