/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-watcher"

#include "config.h"

#include "cvg-watcher.h"

#include <pthread.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <glib/gstdio.h>

#include "cvg-problem.h"
#include "cvg-remote.h"
#include "cvg-run.h"

/* Each run reads about this much per round, so that a large initial load
 * arrives in steps the main thread merges quickly. */
#define READ_BUDGET (8 * 1024 * 1024)
/* Rounds posted but not yet merged before the watcher waits. */
#define MAX_QUEUED_ROUNDS 4
/* Main-thread time per merge slice. */
#define APPLY_SLICE_US (8 * G_TIME_SPAN_MILLISECOND)
/* At most one poke per this many ms, however many files change. */
#define POKE_INTERVAL_MS 100
#define DEFAULT_RESCAN_INTERVAL_MS 5000
/* Folders beyond this are found by the rescan only (inotify watches are
 * a limited resource). */
#define MAX_MONITORS 512
/* Polled folders (no change events): right after a change the next look
 * comes at this fraction of the interval; each quiet round doubles the
 * wait, up to the interval, so that news waits one interval at most. */
#define POLL_FAST_DIVISOR 4
/* Remote reads wait on the network more than on the CPU: more readers
 * keep more requests in flight. */
#define REMOTE_READERS 8
/* A remote listing that lacks known runs or files, or shows a file
 * smaller than read, is believed only when the next rounds agree: GVfs
 * can end a listing early while its connection breaks, and a run taken as
 * deleted would be read again from its start when it shows up again. */
#define REMOTE_CONFIRM_ROUNDS 3

/* What the watcher thread and the main thread share. pthread locks, not
 * GMutex: GLib's futex-based locks are invisible to ThreadSanitizer
 * unless GLib itself is instrumented, and these carry every hand-over. */
typedef struct
{
  guint            ref_count;       /* under mutex */
  pthread_mutex_t  mutex;
  pthread_cond_t   cond;            /* wake, cancel, tasks done, queue drained */
  GWeakRef         owner;           /* main thread only */
  GMainContext    *context;

  /* Under mutex. */
  gboolean         cancelled;
  gboolean         wake;
  gboolean         auto_reload;
  guint            interval_ms;
  GQueue           rounds;          /* Round, oldest first */
  gboolean         apply_queued;
  guint            tasks_left;
} Shared;

/* What one round found, for the main thread. */
typedef struct
{
  GPtrArray *deltas;      /* CvgRun */
  GPtrArray *problems;    /* CvgProblem, about the folder itself */
  GStrv      folders;     /* every folder, when the set changed; else NULL */
  GError    *error;       /* the folder could not be read at the start */
  guint64    bytes_total;
  gboolean   loading;
  gboolean   lost;        /* the server went away; nothing was read */
} Round;

typedef struct
{
  dev_t   dev;
  ino_t   ino;
  goffset size;
} Stamp;

/* One run as the watcher thread knows it. The reader pool works on
 * @run and @delta while the watcher thread waits for the round. */
typedef struct
{
  char       *path;
  CvgRun     *run;         /* private copy: read here, never shown */
  GHashTable *stamps;      /* file path -> Stamp */
  gboolean    gone;
  gboolean    dirty;
  gboolean    more;
  gboolean    lost;        /* the last read stopped at a lost connection */
  CvgRun     *delta;
} Entry;

/* The watcher thread's own state. */
typedef struct
{
  Shared      *shared;
  char        *path;
  GHashTable  *entries;    /* run name -> Entry */
  GThreadPool *pool;
  GStrv        folders;
  gboolean     started;
  gboolean     gone;
  gboolean     remote;     /* a URI: read through GIO */
  gboolean     polled;     /* no change events: poll, backing off */
  guint        poll_ms;    /* the wait before the next poll */
  guint        doubted;    /* remote listings in a row that lost something */
} Reader;

struct _CvgWatcher
{
  GObject     parent_instance;

  CvgLogdir  *logdir;
  Shared     *shared;
  GThread    *thread;
  Round      *current;       /* being merged */
  guint       current_index;
  GHashTable *monitors;      /* folder path -> GFileMonitor */
  guint       poke_id;
  gint64      last_poke;

  gboolean    auto_reload;
  guint       rescan_interval;
  gboolean    loading;
  guint64     bytes_read;
  guint64     bytes_total;
  guint       n_rounds;
  gint64      last_update;
  gboolean    connected;
};

G_DEFINE_FINAL_TYPE (CvgWatcher, cvg_watcher, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOGDIR,
  PROP_AUTO_RELOAD,
  PROP_RESCAN_INTERVAL,
  PROP_LOADING,
  PROP_BYTES_READ,
  PROP_BYTES_TOTAL,
  PROP_LAST_UPDATE,
  PROP_CONNECTED,
  N_PROPS
};

enum {
  RUN_ADDED,
  APPENDED,
  UPDATED,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Shared. */

static Shared *
shared_new (CvgWatcher *owner)
{
  Shared *shared = g_new0 (Shared, 1);
  pthread_condattr_t attr;

  shared->ref_count = 1;
  pthread_mutex_init (&shared->mutex, NULL);
  pthread_condattr_init (&attr);
  pthread_condattr_setclock (&attr, CLOCK_MONOTONIC);
  pthread_cond_init (&shared->cond, &attr);
  pthread_condattr_destroy (&attr);
  g_weak_ref_init (&shared->owner, owner);
  shared->context = g_main_context_ref_thread_default ();
  shared->auto_reload = TRUE;
  shared->interval_ms = DEFAULT_RESCAN_INTERVAL_MS;
  g_queue_init (&shared->rounds);
  return shared;
}

static void round_free (Round *round);

/* Counted under the mutex, not with GLib's atomics: the watcher thread
 * is never joined, so the last unlock is what orders its last use of
 * @shared before the free, for ThreadSanitizer as for the CPU. */
static Shared *
shared_ref (Shared *shared)
{
  pthread_mutex_lock (&shared->mutex);
  shared->ref_count++;
  pthread_mutex_unlock (&shared->mutex);
  return shared;
}

static void
shared_unref (Shared *shared)
{
  gboolean last;

  pthread_mutex_lock (&shared->mutex);
  last = --shared->ref_count == 0;
  pthread_mutex_unlock (&shared->mutex);
  if (!last)
    return;
  g_queue_clear_full (&shared->rounds, (GDestroyNotify) round_free);
  g_weak_ref_clear (&shared->owner);
  g_main_context_unref (shared->context);
  pthread_cond_destroy (&shared->cond);
  pthread_mutex_destroy (&shared->mutex);
  g_free (shared);
}

static void
shared_lock (Shared *shared)
{
  pthread_mutex_lock (&shared->mutex);
}

static void
shared_unlock (Shared *shared)
{
  pthread_mutex_unlock (&shared->mutex);
}

static void
shared_wake (Shared *shared)
{
  shared_lock (shared);
  shared->wake = TRUE;
  pthread_cond_broadcast (&shared->cond);
  shared_unlock (shared);
}

/* Rounds. */

static Round *
round_new (void)
{
  Round *round = g_new0 (Round, 1);

  round->deltas = g_ptr_array_new_with_free_func ((GDestroyNotify) cvg_run_unref);
  round->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) cvg_problem_free);
  return round;
}

static void
round_free (Round *round)
{
  g_ptr_array_unref (round->deltas);
  g_ptr_array_unref (round->problems);
  g_strfreev (round->folders);
  g_clear_error (&round->error);
  g_free (round);
}

static gboolean apply_cb (gpointer data);

/* Hands a round to the main thread; one merge source at a time. */
static void
post_round (Shared *shared,
            Round  *round)
{
  shared_lock (shared);
  g_queue_push_tail (&shared->rounds, round);
  if (!shared->apply_queued)
    {
      GSource *source = g_idle_source_new ();

      shared->apply_queued = TRUE;
      /* A reference for the source; the lock is held already. */
      shared->ref_count++;
      g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
      g_source_set_callback (source, apply_cb, shared, (GDestroyNotify) shared_unref);
      g_source_set_static_name (source, "[converge] apply watcher round");
      g_source_attach (source, shared->context);
      g_source_unref (source);
    }
  shared_unlock (shared);
}

/* Entries. */

static Entry *
entry_new (const char *name,
           const char *path)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->path = g_strdup (path);
  entry->run = cvg_run_new (name, path);
  entry->stamps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return entry;
}

static void
entry_free (Entry *entry)
{
  g_free (entry->path);
  cvg_run_unref (entry->run);
  g_clear_pointer (&entry->delta, cvg_run_unref);
  g_hash_table_unref (entry->stamps);
  g_free (entry);
}

/* Orders a pool task after the watcher's set-up of its entry. Static:
 * pool threads outlive pools (GLib reuses them), so a task may not touch
 * even @shared before it holds a lock that existed before both. */
static pthread_mutex_t handoff_lock = PTHREAD_MUTEX_INITIALIZER;

static void
handoff (void)
{
  pthread_mutex_lock (&handoff_lock);
  pthread_mutex_unlock (&handoff_lock);
}

/* Reader pool task: reads what is new and hands it on as a delta. */
static void
read_entry_cb (gpointer data,
               gpointer user_data)
{
  Entry *entry = data;
  Shared *shared = user_data;

  handoff ();

  shared_lock (shared);
  if (shared->cancelled)
    cvg_run_cancel (entry->run);
  shared_unlock (shared);
  cvg_run_read_some (entry->run, READ_BUDGET, &entry->more);
  entry->lost = cvg_run_take_lost_connection (entry->run);
  entry->delta = cvg_run_steal_delta (entry->run);

  shared_lock (shared);
  if (--shared->tasks_left == 0)
    pthread_cond_broadcast (&shared->cond);
  shared_unlock (shared);
}

/* Scanning, on the watcher thread. */

typedef struct
{
  char       *path;
  GHashTable *files;   /* path -> Stamp */
} Found;

static void
found_free (Found *found)
{
  g_free (found->path);
  g_hash_table_unref (found->files);
  g_free (found);
}

static void
add_found (GHashTable  *runs,
           const char  *run_name,
           const char  *folder,
           const char  *path,
           const Stamp *stamp)
{
  Found *found = g_hash_table_lookup (runs, run_name);

  if (found == NULL)
    {
      found = g_new0 (Found, 1);
      found->path = g_strdup (folder);
      found->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (runs, g_strdup (run_name), found);
    }
  g_hash_table_insert (found->files, g_strdup (path), g_memdup2 (stamp, sizeof *stamp));
}

static void
scan_folder (const char *path,
             const char *relative,
             GHashTable *runs,
             GPtrArray  *folders,
             GHashTable *seen)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) subfolders = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *key = NULL;
  const char *name;
  GStatBuf st;

  /* Symbolic links can loop. */
  if (g_stat (path, &st) != 0)
    return;
  key = g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT, (guint64) st.st_dev, (guint64) st.st_ino);
  if (!g_hash_table_add (seen, g_steal_pointer (&key)))
    return;
  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return;
  g_ptr_array_add (folders, g_strdup (path));

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_stat (child, &st) != 0)
        continue;
      if (S_ISDIR (st.st_mode))
        g_ptr_array_add (subfolders, g_steal_pointer (&child));
      else if (S_ISREG (st.st_mode) && strstr (name, "tfevents") != NULL)
        {
          Stamp stamp = { st.st_dev, st.st_ino, st.st_size };

          add_found (runs, relative[0] == '\0' ? "." : relative, path, child, &stamp);
        }
    }

  for (guint i = 0; i < subfolders->len; i++)
    {
      const char *child = g_ptr_array_index (subfolders, i);
      g_autofree char *base = g_path_get_basename (child);
      g_autofree char *child_relative = relative[0] == '\0'
        ? g_strdup (base) : g_strconcat (relative, "/", base, NULL);

      scan_folder (child, child_relative, runs, folders, seen);
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* Remote files have no device and inode, and GVfs's file ids change when
 * the mount is made again: a replaced file is seen only when it shrinks. */
static void
found_remote_cb (const char *relative,
                 const char *folder,
                 const char *file,
                 GFileInfo  *info,
                 gpointer    user_data)
{
  Stamp stamp = { 0, 0, g_file_info_get_size (info) };

  add_found (user_data, relative, folder, file, &stamp);
}

/* One enumeration per folder; a lost mount is mounted again (without
 * asking anything) and listed once more. Folders that could not be
 * listed go to @unreadable: their runs are not taken as deleted. */
static gboolean
scan_remote (Reader     *reader,
             GHashTable *runs,
             GPtrArray  *unreadable,
             GError    **error)
{
  g_autoptr(GError) local_error = NULL;

  if (cvg_remote_scan (reader->path, found_remote_cb, runs, unreadable, NULL, &local_error))
    return TRUE;
  if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_MOUNTED) ||
      !cvg_remote_mount_sync (reader->path, NULL, NULL))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_hash_table_remove_all (runs);
  g_ptr_array_set_size (unreadable, 0);
  return cvg_remote_scan (reader->path, found_remote_cb, runs, unreadable, NULL, error);
}

/* NULL when the folder itself cannot be opened. */
static GHashTable *
scan (Reader     *reader,
      GStrv      *folders_out,
      GPtrArray  *unreadable,
      GError    **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GHashTable) runs = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GPtrArray) folders = NULL;

  runs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) found_free);
  if (reader->remote)
    {
      if (!scan_remote (reader, runs, unreadable, error))
        return NULL;
      *folders_out = NULL;
      return g_steal_pointer (&runs);
    }

  dir = g_dir_open (reader->path, 0, error);
  if (dir == NULL)
    return NULL;
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  folders = g_ptr_array_new_with_free_func (g_free);
  scan_folder (reader->path, "", runs, folders, seen);
  g_ptr_array_sort (folders, compare_strings);
  g_ptr_array_add (folders, NULL);
  *folders_out = (GStrv) g_ptr_array_free (g_steal_pointer (&folders), FALSE);
  return g_steal_pointer (&runs);
}

static void
notice (Entry      *entry,
        const char *path,
        const char *message)
{
  cvg_run_add_notice (entry->run, path, CVG_IO_ERROR_CHANGED, message);
  entry->dirty = TRUE;
}

/* Compares what is on disk with what was read: new, grown, shrunk,
 * replaced and deleted files. */
static void
update_entry (Entry *entry,
              Found *found)
{
  GHashTableIter iter;
  gpointer key, value;

  if (entry->gone)
    {
      entry->gone = FALSE;
      notice (entry, entry->path, "run folder is back; new files are read again");
    }

  g_hash_table_iter_init (&iter, found->files);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *path = key;
      const Stamp *now = value;
      Stamp *stamp = g_hash_table_lookup (entry->stamps, path);

      if (stamp == NULL)
        {
          stamp = g_new0 (Stamp, 1);
          stamp->dev = now->dev;
          stamp->ino = now->ino;
          g_hash_table_insert (entry->stamps, g_strdup (path), stamp);
          cvg_run_add_file (entry->run, path);
          entry->dirty = TRUE;
        }
      else if (stamp->dev != now->dev || stamp->ino != now->ino)
        {
          notice (entry, path, "file was replaced; read again from its start, what was read before stays shown");
          cvg_run_restart_file (entry->run, path);
          stamp->dev = now->dev;
          stamp->ino = now->ino;
        }
      else if (now->size < stamp->size)
        {
          notice (entry, path, "file shrank; read again from its start, what was read before stays shown");
          cvg_run_restart_file (entry->run, path);
        }
      else if (now->size > stamp->size)
        entry->dirty = TRUE;
      stamp->size = now->size;
    }

  g_hash_table_iter_init (&iter, entry->stamps);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (found->files, key))
      {
        notice (entry, key, "file was deleted; what was read from it stays shown");
        cvg_run_remove_file (entry->run, key);
        g_hash_table_iter_remove (&iter);
      }
}

static void
mark_gone (Entry *entry)
{
  GHashTableIter iter;
  gpointer key;

  if (entry->gone)
    return;
  entry->gone = TRUE;
  g_hash_table_iter_init (&iter, entry->stamps);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    cvg_run_remove_file (entry->run, key);
  g_hash_table_remove_all (entry->stamps);
  notice (entry, entry->path, "run folder was deleted; what was read from it stays shown");
}

/* TRUE when @name is one of @folders or below one. */
static gboolean
is_below_any (const char *name,
              GPtrArray  *folders)
{
  for (guint i = 0; i < folders->len; i++)
    {
      const char *folder = g_ptr_array_index (folders, i);
      gsize len = strlen (folder);

      if (strncmp (name, folder, len) == 0 && (name[len] == '\0' || name[len] == '/'))
        return TRUE;
    }
  return FALSE;
}

static void
update_entries (Reader     *reader,
                GHashTable *found_runs,
                GPtrArray  *unreadable)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, found_runs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Found *found = value;
      Entry *entry = g_hash_table_lookup (reader->entries, key);

      if (entry == NULL)
        {
          entry = entry_new (key, found->path);
          g_hash_table_insert (reader->entries, g_strdup (key), entry);
        }
      update_entry (entry, found);
    }

  g_hash_table_iter_init (&iter, reader->entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (found_runs, key) && !is_below_any (key, unreadable))
      mark_gone (value);
}

/* Reads every run with something new on the pool and waits for them. */
static gboolean
read_entries (Reader *reader,
              Round  *round)
{
  g_autoptr(GPtrArray) tasks = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;
  gboolean more = FALSE;
  gboolean cancelled = FALSE;

  g_hash_table_iter_init (&iter, reader->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Entry *entry = value;
      GHashTableIter files;
      gpointer stamp;

      g_hash_table_iter_init (&files, entry->stamps);
      while (g_hash_table_iter_next (&files, NULL, &stamp))
        round->bytes_total += ((Stamp *) stamp)->size;
      if (entry->dirty || entry->more)
        g_ptr_array_add (tasks, entry);
      entry->dirty = FALSE;
    }
  if (tasks->len == 0)
    return FALSE;

  shared_lock (reader->shared);
  reader->shared->tasks_left = tasks->len;
  shared_unlock (reader->shared);
  handoff ();
  for (guint i = 0; i < tasks->len; i++)
    g_thread_pool_push (reader->pool, g_ptr_array_index (tasks, i), NULL);

  shared_lock (reader->shared);
  while (reader->shared->tasks_left > 0)
    {
      /* Stopped: readers give up at their next file; the entries stay
       * alive until they are done, as this thread frees them. */
      if (reader->shared->cancelled && !cancelled)
        {
          cancelled = TRUE;
          for (guint i = 0; i < tasks->len; i++)
            cvg_run_cancel (((Entry *) g_ptr_array_index (tasks, i))->run);
        }
      pthread_cond_wait (&reader->shared->cond, &reader->shared->mutex);
    }
  shared_unlock (reader->shared);

  for (guint i = 0; i < tasks->len; i++)
    {
      Entry *entry = g_ptr_array_index (tasks, i);

      more |= entry->more;
      /* Read again next round from the remembered offsets, whether the
       * file grows meanwhile or not. */
      entry->dirty |= entry->lost;
      round->lost |= entry->lost;
      if (entry->delta != NULL)
        g_ptr_array_add (round->deltas, g_steal_pointer (&entry->delta));
    }
  return more;
}

/* Polling without change events: soon after news, as more usually
 * follows; slower while nothing changes; the interval after a lost
 * connection, so that a retry comes neither in a burst nor late. */
static void
update_poll_period (Reader *reader,
                    Round  *round)
{
  guint interval;

  shared_lock (reader->shared);
  interval = reader->shared->interval_ms;
  shared_unlock (reader->shared);

  if (round->lost)
    reader->poll_ms = interval;
  else if (round->deltas->len > 0)
    reader->poll_ms = MAX (interval / POLL_FAST_DIVISOR, 100);
  else
    reader->poll_ms = MIN (MAX (reader->poll_ms * 2, 100), interval);
}

/* TRUE when @found_runs lacks a run or file read so far, or shows a file
 * smaller than read (outside folders that could not be listed). */
static gboolean
lost_something (Reader     *reader,
                GHashTable *found_runs,
                GPtrArray  *unreadable)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, reader->entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Entry *entry = value;
      Found *found = g_hash_table_lookup (found_runs, key);
      GHashTableIter files;
      gpointer path, stamp;

      if (entry->gone || is_below_any (key, unreadable))
        continue;
      if (found == NULL)
        return TRUE;
      g_hash_table_iter_init (&files, entry->stamps);
      while (g_hash_table_iter_next (&files, &path, &stamp))
        {
          const Stamp *now = g_hash_table_lookup (found->files, path);

          if (now == NULL || now->size < ((Stamp *) stamp)->size)
            return TRUE;
        }
    }
  return FALSE;
}

/* Remote: a listing that lost something is used once the next rounds
 * say the same (REMOTE_CONFIRM_ROUNDS); until then the round is skipped. */
static gboolean
believe_listing (Reader     *reader,
                 GHashTable *found_runs,
                 GPtrArray  *unreadable)
{
  if (!reader->remote || !lost_something (reader, found_runs, unreadable))
    {
      reader->doubted = 0;
      return TRUE;
    }
  if (++reader->doubted < REMOTE_CONFIRM_ROUNDS)
    return FALSE;
  reader->doubted = 0;
  return TRUE;
}

/* One look at the folder; TRUE when some run has more to read now. */
static gboolean
reader_round (Reader *reader)
{
  Round *round = round_new ();
  g_autoptr(GHashTable) found_runs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) unreadable = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) folders = NULL;
  gboolean more = FALSE;

  found_runs = scan (reader, &folders, unreadable, &error);
  if (found_runs == NULL && reader->remote && reader->started && cvg_remote_is_connection_error (error))
    {
      /* Not a deleted folder: keep every offset, say so, try again. */
      round->lost = TRUE;
    }
  else if (found_runs == NULL)
    {
      if (!reader->started)
        round->error = g_steal_pointer (&error);
      else if (!reader->gone)
        g_ptr_array_add (round->problems,
                         cvg_problem_new (reader->path, 0, CVG_IO_ERROR_CHANGED,
                                          "logs folder was deleted or cannot be read; what was read stays shown"));
      reader->gone = TRUE;
    }
  else if (believe_listing (reader, found_runs, unreadable))
    {
      reader->gone = FALSE;
      if (folders != NULL &&
          (reader->folders == NULL || !g_strv_equal ((const char * const *) reader->folders,
                                                     (const char * const *) folders)))
        {
          g_strfreev (reader->folders);
          reader->folders = g_strdupv (folders);
          round->folders = g_steal_pointer (&folders);
        }
      update_entries (reader, found_runs, unreadable);
      more = read_entries (reader, round);
    }
  reader->started = TRUE;
  round->loading = more;
  update_poll_period (reader, round);
  post_round (reader->shared, round);
  return more;
}

/* Until the next wake-up: a poke, the rescan interval (or for a polled
 * folder the current poll period), or cancel. */
static void
wait_for_wake (Reader *reader)
{
  Shared *shared = reader->shared;
  guint wait_ms = reader->polled ? reader->poll_ms : shared->interval_ms;
  gint64 deadline = g_get_monotonic_time () + (gint64) wait_ms * G_TIME_SPAN_MILLISECOND;

  while (!shared->wake && !shared->cancelled)
    {
      if (shared->auto_reload)
        {
          struct timespec ts = { deadline / G_USEC_PER_SEC, (deadline % G_USEC_PER_SEC) * 1000 };

          if (pthread_cond_timedwait (&shared->cond, &shared->mutex, &ts) != 0 &&
              g_get_monotonic_time () >= deadline)
            break;
        }
      else
        {
          pthread_cond_wait (&shared->cond, &shared->mutex);
        }
    }
}

static gpointer
watcher_thread (gpointer data)
{
  Reader *reader = data;
  Shared *shared = reader->shared;

  for (;;)
    {
      gboolean more;

      shared_lock (shared);
      /* The main thread merges slower than we read: let it catch up. */
      while (shared->rounds.length >= MAX_QUEUED_ROUNDS && !shared->cancelled)
        pthread_cond_wait (&shared->cond, &shared->mutex);
      shared->wake = FALSE;
      if (shared->cancelled)
        break;
      shared_unlock (shared);

      if (!reader->started)
        reader->polled = cvg_remote_needs_polling (reader->path);
      more = reader_round (reader);

      shared_lock (shared);
      if (!more)
        wait_for_wake (reader);
      if (shared->cancelled)
        break;
      shared_unlock (shared);
    }
  shared_unlock (shared);

  g_thread_pool_free (reader->pool, FALSE, TRUE);
  g_hash_table_unref (reader->entries);
  g_strfreev (reader->folders);
  g_free (reader->path);
  shared_unref (reader->shared);
  g_free (reader);
  return NULL;
}

/* Main thread: monitors. */

static void
poke_now (CvgWatcher *self)
{
  self->last_poke = g_get_monotonic_time ();
  if (self->shared != NULL)
    shared_wake (self->shared);
}

static gboolean
poke_timeout_cb (gpointer data)
{
  CvgWatcher *self = data;

  self->poke_id = 0;
  poke_now (self);
  return G_SOURCE_REMOVE;
}

/* Throttled rather than debounced: the first change after a quiet spell
 * wakes the watcher at once, a burst wakes it every POKE_INTERVAL_MS. */
static void
monitor_changed_cb (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other,
                    GFileMonitorEvent  event,
                    gpointer           user_data)
{
  CvgWatcher *self = user_data;
  gint64 since;

  if (!self->auto_reload || self->poke_id != 0)
    return;
  since = (g_get_monotonic_time () - self->last_poke) / G_TIME_SPAN_MILLISECOND;
  if (since >= POKE_INTERVAL_MS)
    poke_now (self);
  else
    self->poke_id = g_timeout_add (POKE_INTERVAL_MS - since, poke_timeout_cb, self);
}

static void
sync_monitors (CvgWatcher *self,
               GStrv       folders)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; folders[i] != NULL && i < MAX_MONITORS; i++)
    g_hash_table_add (wanted, folders[i]);

  g_hash_table_iter_init (&iter, self->monitors);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (wanted, key))
      g_hash_table_iter_remove (&iter);

  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr(GFile) folder = NULL;
      GFileMonitor *monitor;

      if (g_hash_table_contains (self->monitors, key))
        continue;
      folder = g_file_new_for_path (key);
      monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
      if (monitor == NULL)
        continue;
      g_file_monitor_set_rate_limit (monitor, POKE_INTERVAL_MS);
      g_signal_connect (monitor, "changed", G_CALLBACK (monitor_changed_cb), self);
      g_hash_table_insert (self->monitors, g_strdup (key), monitor);
    }
}

static void
drop_monitor (gpointer data)
{
  GFileMonitor *monitor = data;

  g_signal_handlers_disconnect_matched (monitor, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, monitor_changed_cb, NULL);
  g_file_monitor_cancel (monitor);
  g_object_unref (monitor);
}

/* Main thread: merging. */

static void
set_uint64 (CvgWatcher *self,
            guint64    *field,
            guint64     value,
            guint       prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
apply_delta (CvgWatcher *self,
             CvgRun     *delta)
{
  CvgRun *run = cvg_logdir_lookup_run (self->logdir, cvg_run_get_name (delta));
  g_autoptr(GPtrArray) new_series = g_ptr_array_new ();
  gboolean added = run == NULL;

  if (added)
    {
      g_autoptr(CvgRun) created = cvg_run_new_like (delta);

      cvg_logdir_add_run (self->logdir, created);
      run = created;
    }
  cvg_run_merge (run, delta, new_series);
  set_uint64 (self, &self->bytes_read, self->bytes_read + cvg_run_get_n_bytes (delta), PROP_BYTES_READ);
  if (added)
    g_signal_emit (self, signals[RUN_ADDED], 0, run);
  else
    g_signal_emit (self, signals[APPENDED], 0, run, new_series->len);
}

static void
finish_round (CvgWatcher *self,
              Round      *round)
{
  for (guint i = 0; i < round->problems->len; i++)
    cvg_logdir_add_problem (self->logdir, g_steal_pointer (&g_ptr_array_index (round->problems, i)));
  if (round->folders != NULL)
    sync_monitors (self, round->folders);

  self->n_rounds++;
  if (self->connected == round->lost)
    {
      self->connected = !round->lost;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
    }
  /* The last time the folder was seen, not the last attempt. */
  if (!round->lost)
    {
      self->last_update = g_get_real_time ();
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_UPDATE]);
    }
  set_uint64 (self, &self->bytes_total, round->bytes_total, PROP_BYTES_TOTAL);
  if (self->loading != round->loading)
    {
      self->loading = round->loading;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
  if (round->error != NULL)
    g_signal_emit (self, signals[FAILED], 0, round->error);
  g_signal_emit (self, signals[UPDATED], 0);
}

/* Merges queued rounds for at most APPLY_SLICE_US, then lets the main
 * loop breathe. Handlers may stop the watcher: check after each emit. */
static gboolean
apply_cb (gpointer data)
{
  Shared *shared = data;
  g_autoptr(CvgWatcher) self = g_weak_ref_get (&shared->owner);
  gint64 deadline = g_get_monotonic_time () + APPLY_SLICE_US;

  while (self != NULL && self->shared == shared)
    {
      Round *round;

      if (self->current == NULL)
        {
          shared_lock (shared);
          self->current = g_queue_pop_head (&shared->rounds);
          self->current_index = 0;
          pthread_cond_broadcast (&shared->cond);
          if (self->current == NULL)
            {
              shared->apply_queued = FALSE;
              shared_unlock (shared);
              return G_SOURCE_REMOVE;
            }
          shared_unlock (shared);
        }

      round = self->current;
      while (self->shared == shared && self->current_index < round->deltas->len &&
             g_get_monotonic_time () < deadline)
        apply_delta (self, g_ptr_array_index (round->deltas, self->current_index++));
      if (self->shared != shared || self->current_index < round->deltas->len)
        break;

      self->current = NULL;
      finish_round (self, round);
      round_free (round);
      if (g_get_monotonic_time () >= deadline)
        break;
    }

  if (self == NULL || self->shared != shared)
    {
      shared_lock (shared);
      shared->apply_queued = FALSE;
      shared_unlock (shared);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* GObject. */

static void
cvg_watcher_dispose (GObject *object)
{
  CvgWatcher *self = (CvgWatcher *) object;

  cvg_watcher_stop (self);

  G_OBJECT_CLASS (cvg_watcher_parent_class)->dispose (object);
}

static void
cvg_watcher_finalize (GObject *object)
{
  CvgWatcher *self = (CvgWatcher *) object;

  g_clear_pointer (&self->monitors, g_hash_table_unref);
  g_clear_object (&self->logdir);

  G_OBJECT_CLASS (cvg_watcher_parent_class)->finalize (object);
}

static void
cvg_watcher_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CvgWatcher *self = CVG_WATCHER (object);

  switch (prop_id)
    {
    case PROP_LOGDIR:
      g_value_set_object (value, self->logdir);
      break;
    case PROP_AUTO_RELOAD:
      g_value_set_boolean (value, self->auto_reload);
      break;
    case PROP_RESCAN_INTERVAL:
      g_value_set_uint (value, self->rescan_interval);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_BYTES_READ:
      g_value_set_uint64 (value, self->bytes_read);
      break;
    case PROP_BYTES_TOTAL:
      g_value_set_uint64 (value, self->bytes_total);
      break;
    case PROP_LAST_UPDATE:
      g_value_set_int64 (value, self->last_update);
      break;
    case PROP_CONNECTED:
      g_value_set_boolean (value, self->connected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_watcher_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CvgWatcher *self = CVG_WATCHER (object);

  switch (prop_id)
    {
    case PROP_LOGDIR:
      self->logdir = g_value_dup_object (value);
      break;
    case PROP_AUTO_RELOAD:
      cvg_watcher_set_auto_reload (self, g_value_get_boolean (value));
      break;
    case PROP_RESCAN_INTERVAL:
      cvg_watcher_set_rescan_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_watcher_class_init (CvgWatcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = cvg_watcher_dispose;
  object_class->finalize = cvg_watcher_finalize;
  object_class->get_property = cvg_watcher_get_property;
  object_class->set_property = cvg_watcher_set_property;

  properties[PROP_LOGDIR] =
    g_param_spec_object ("logdir", NULL, NULL, CVG_TYPE_LOGDIR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTO_RELOAD] = g_param_spec_boolean ("auto-reload", NULL, NULL, TRUE, rw);
  properties[PROP_RESCAN_INTERVAL] =
    g_param_spec_uint ("rescan-interval", NULL, NULL, 100, 3600 * 1000, DEFAULT_RESCAN_INTERVAL_MS, rw);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_BYTES_READ] = g_param_spec_uint64 ("bytes-read", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_BYTES_TOTAL] = g_param_spec_uint64 ("bytes-total", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_LAST_UPDATE] = g_param_spec_int64 ("last-update", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_CONNECTED] = g_param_spec_boolean ("connected", NULL, NULL, TRUE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[RUN_ADDED] = g_signal_new ("run-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[APPENDED] = g_signal_new ("appended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_UINT);
  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
cvg_watcher_init (CvgWatcher *self)
{
  self->auto_reload = TRUE;
  self->rescan_interval = DEFAULT_RESCAN_INTERVAL_MS;
  self->loading = TRUE;
  self->connected = TRUE;
  self->monitors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, drop_monitor);
}

CvgWatcher *
cvg_watcher_new (CvgLogdir *logdir)
{
  g_return_val_if_fail (CVG_IS_LOGDIR (logdir), NULL);

  return g_object_new (CVG_TYPE_WATCHER, "logdir", logdir, NULL);
}

void
cvg_watcher_start (CvgWatcher *self)
{
  Reader *reader;

  g_return_if_fail (CVG_IS_WATCHER (self));
  g_return_if_fail (self->thread == NULL && self->shared == NULL);

  self->shared = shared_new (self);
  self->shared->auto_reload = self->auto_reload;
  self->shared->interval_ms = self->rescan_interval;

  reader = g_new0 (Reader, 1);
  reader->shared = shared_ref (self->shared);
  reader->path = g_strdup (cvg_logdir_get_path (self->logdir));
  reader->remote = cvg_remote_is_uri (reader->path);
  reader->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) entry_free);
  reader->pool = g_thread_pool_new (read_entry_cb, reader->shared,
                                    reader->remote ? REMOTE_READERS : (gint) CLAMP (g_get_num_processors (), 1, 8),
                                    FALSE, NULL);
  self->thread = g_thread_new ("cvg-watcher", watcher_thread, reader);
}

void
cvg_watcher_stop (CvgWatcher *self)
{
  g_return_if_fail (CVG_IS_WATCHER (self));

  if (self->shared != NULL)
    {
      shared_lock (self->shared);
      self->shared->cancelled = TRUE;
      pthread_cond_broadcast (&self->shared->cond);
      shared_unlock (self->shared);
    }
  /* Never joined: a reader may be stuck in a read that cannot be
   * interrupted (a FIFO, a hung network mount). The thread frees its own
   * state, the pool included, and leaves when its readers are done. */
  g_clear_pointer (&self->thread, g_thread_unref);
  if (self->shared != NULL)
    {
      /* A merge source still queued finds its owner gone and stops. */
      g_weak_ref_set (&self->shared->owner, NULL);
      g_clear_pointer (&self->shared, shared_unref);
    }
  g_clear_pointer (&self->current, round_free);
  g_clear_handle_id (&self->poke_id, g_source_remove);
  if (self->monitors != NULL)
    g_hash_table_remove_all (self->monitors);
}

void
cvg_watcher_reload (CvgWatcher *self)
{
  g_return_if_fail (CVG_IS_WATCHER (self));

  if (self->shared != NULL)
    shared_wake (self->shared);
}

CvgLogdir *
cvg_watcher_get_logdir (CvgWatcher *self)
{
  g_return_val_if_fail (CVG_IS_WATCHER (self), NULL);
  return self->logdir;
}

gboolean
cvg_watcher_get_auto_reload (CvgWatcher *self)
{
  g_return_val_if_fail (CVG_IS_WATCHER (self), FALSE);
  return self->auto_reload;
}

void
cvg_watcher_set_auto_reload (CvgWatcher *self,
                             gboolean    auto_reload)
{
  g_return_if_fail (CVG_IS_WATCHER (self));

  auto_reload = !!auto_reload;
  if (self->auto_reload == auto_reload)
    return;
  self->auto_reload = auto_reload;
  if (self->shared != NULL)
    {
      shared_lock (self->shared);
      self->shared->auto_reload = auto_reload;
      /* Turned on: look now, there may be news. */
      self->shared->wake |= auto_reload;
      pthread_cond_broadcast (&self->shared->cond);
      shared_unlock (self->shared);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_RELOAD]);
}

guint
cvg_watcher_get_rescan_interval (CvgWatcher *self)
{
  g_return_val_if_fail (CVG_IS_WATCHER (self), 0);
  return self->rescan_interval;
}

void
cvg_watcher_set_rescan_interval (CvgWatcher *self,
                                 guint       interval_ms)
{
  g_return_if_fail (CVG_IS_WATCHER (self));

  if (self->rescan_interval == interval_ms)
    return;
  self->rescan_interval = interval_ms;
  if (self->shared != NULL)
    {
      shared_lock (self->shared);
      self->shared->interval_ms = interval_ms;
      shared_unlock (self->shared);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESCAN_INTERVAL]);
}

gboolean
cvg_watcher_get_loading (CvgWatcher *self)
{
  g_return_val_if_fail (CVG_IS_WATCHER (self), FALSE);
  return self->loading;
}

guint64
cvg_watcher_get_bytes_read (CvgWatcher *self)
{
  g_return_val_if_fail (CVG_IS_WATCHER (self), 0);
  return self->bytes_read;
}

guint64
cvg_watcher_get_bytes_total (CvgWatcher *self)
{
  g_return_val_if_fail (CVG_IS_WATCHER (self), 0);
  return self->bytes_total;
}

guint
cvg_watcher_get_n_rounds (CvgWatcher *self)
{
  g_return_val_if_fail (CVG_IS_WATCHER (self), 0);
  return self->n_rounds;
}

gint64
cvg_watcher_get_last_update (CvgWatcher *self)
{
  g_return_val_if_fail (CVG_IS_WATCHER (self), 0);
  return self->last_update;
}

gboolean
cvg_watcher_get_connected (CvgWatcher *self)
{
  g_return_val_if_fail (CVG_IS_WATCHER (self), FALSE);
  return self->connected;
}
