/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Logs on another machine: a real sshd on loopback and GVfs on a private
 * bus (tests/remote/remote-server.sh starts both and runs this program).
 * The command line and the watcher read sftp:// copies of real logs and
 * must give exactly what the local folder gives, also across a server
 * that goes away mid-load. */

#define G_LOG_DOMAIN "test-remote"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "cvg-event-writer.h"
#include "cvg-logdir.h"
#include "cvg-problem.h"
#include "cvg-remote.h"
#include "cvg-run.h"
#include "cvg-series.h"
#include "cvg-test-files.h"
#include "cvg-test-remote.h"
#include "cvg-watcher.h"

#define WAIT_TIMEOUT_MS 150000

/* Runs @argv and returns its exit status, with what it printed. */
static int
run_command (const char * const *argv,
             char              **out,
             char              **err)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static char *
converge (const char *option,
          const char *extra,
          const char *folder,
          char      **err,
          int        *status)
{
  const char *argv[] = { g_getenv ("CVG_CONVERGE"), option, extra, folder, NULL };
  char *out = NULL;

  g_assert_nonnull (argv[0]);
  if (extra == NULL)
    {
      argv[2] = folder;
      argv[3] = NULL;
    }
  *status = run_command (argv, &out, err);
  return out;
}

/* --inspect and --export csv over sftp print what they print for the
 * local folder, byte for byte (the report's first line names the folder
 * it was given, which is the only difference). */
static void
test_cli_same_output (void)
{
  static const char *sets[] = { "tf1_estimator_mnist", "pytorch_study_tensorboard", "keras_tf2_embedding" };
  const char *base = cvg_test_remote_env ("CVG_REMOTE_URI");

  if (base == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    {
      g_autofree char *as = g_strconcat ("cli-", sets[i], NULL);
      g_autofree char *local = cvg_test_remote_copy_corpus_set (sets[i], as);
      g_autofree char *uri = g_strconcat (base, "/", as, NULL);
      g_autofree char *local_out = NULL, *remote_out = NULL, *local_csv = NULL, *remote_csv = NULL;
      g_autofree char *err = NULL;
      g_autofree char *expected = NULL;
      int status;

      if (local == NULL)
        return;

      local_out = converge ("--inspect", NULL, local, NULL, &status);
      g_assert_cmpint (status, ==, 0);
      remote_out = converge ("--inspect", NULL, uri, &err, &status);
      g_assert_cmpstr (err, ==, "");
      g_assert_cmpint (status, ==, 0);
      g_assert_true (g_str_has_prefix (local_out, "Logs folder "));
      expected = g_strconcat ("Logs folder ", uri, local_out + strlen ("Logs folder ") + strlen (local), NULL);
      g_assert_cmpstr (remote_out, ==, expected);
      g_assert_nonnull (strstr (remote_out, "\nRun "));

      local_csv = converge ("--export", "csv", local, NULL, &status);
      g_assert_cmpint (status, ==, 0);
      g_clear_pointer (&err, g_free);
      remote_csv = converge ("--export", "csv", uri, &err, &status);
      g_assert_cmpint (status, ==, 0);
      g_assert_cmpuint (strlen (remote_csv), >, 100);
      g_assert_cmpstr (remote_csv, ==, local_csv);
    }
}

/* A folder @name below the served one: its local path, and its URI. */
static char *
served_folder (const char  *base,
               const char  *name,
               char       **uri)
{
  *uri = g_strconcat (base, "/", name, NULL);
  return g_build_filename (g_getenv ("CVG_REMOTE_DIR"), name, NULL);
}

/* The watcher on an sftp:// folder. */

typedef struct
{
  CvgLogdir  *logdir;
  CvgWatcher *watcher;
  GHashTable *received;   /* "run/kind/tag" -> GArray of gint64 steps, as delivered */
  gboolean    seen_lost;
} Watch;

static void
collect (Watch  *watch,
         CvgRun *run)
{
  GPtrArray *series = cvg_run_get_series (run);

  for (guint i = 0; i < series->len; i++)
    {
      CvgSeries *one = g_ptr_array_index (series, i);
      g_autofree char *key = g_strdup_printf ("%s/%d/%s", cvg_run_get_name (run), cvg_series_get_kind (one),
                                              cvg_series_get_tag (one));
      GArray *steps = g_hash_table_lookup (watch->received, key);

      if (steps == NULL)
        {
          steps = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (watch->received, g_steal_pointer (&key), steps);
        }
      for (gsize j = steps->len; j < cvg_series_get_length (one); j++)
        {
          gint64 step = cvg_series_get_step (one, j);

          g_array_append_val (steps, step);
        }
    }
}

static void
run_cb (CvgWatcher *watcher,
        CvgRun     *run,
        Watch      *watch)
{
  collect (watch, run);
}

static void
appended_cb (CvgWatcher *watcher,
             CvgRun     *run,
             guint       n_new_series,
             Watch      *watch)
{
  collect (watch, run);
}

static void
connected_cb (CvgWatcher *watcher,
              GParamSpec *pspec,
              Watch      *watch)
{
  watch->seen_lost |= !cvg_watcher_get_connected (watcher);
}

static void
watch_start (Watch      *watch,
             const char *uri)
{
  watch->received = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  watch->logdir = cvg_logdir_new (uri);
  watch->watcher = cvg_watcher_new (watch->logdir);
  cvg_watcher_set_rescan_interval (watch->watcher, 200);
  g_signal_connect (watch->watcher, "run-added", G_CALLBACK (run_cb), watch);
  g_signal_connect (watch->watcher, "appended", G_CALLBACK (appended_cb), watch);
  g_signal_connect (watch->watcher, "notify::connected", G_CALLBACK (connected_cb), watch);
  cvg_watcher_start (watch->watcher);
}

static void
watch_clear (Watch *watch)
{
  g_assert_finalize_object (watch->watcher);
  g_clear_object (&watch->logdir);
  g_hash_table_unref (watch->received);
}

typedef gboolean (*Predicate) (Watch *watch, gconstpointer data);

static gboolean
wait_until (Watch         *watch,
            Predicate      predicate,
            gconstpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;

  while (!predicate (watch, data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (G_TIME_SPAN_MILLISECOND);
    }
  return TRUE;
}

/* The steps of a run's "loss" scalars, as delivered. */
static GArray *
loss_steps (Watch      *watch,
            const char *run)
{
  g_autofree char *key = g_strdup_printf ("%s/%d/loss", run, CVG_KIND_SCALAR);

  return g_hash_table_lookup (watch->received, key);
}

typedef struct
{
  const char *run;
  guint       n;
} Count;

static gboolean
has_points (Watch         *watch,
            gconstpointer  data)
{
  const Count *count = data;
  GArray *steps = loss_steps (watch, count->run);

  return steps != NULL && steps->len >= count->n;
}

static gboolean
rounds_passed (Watch         *watch,
               gconstpointer  data)
{
  return cvg_watcher_get_n_rounds (watch->watcher) >= GPOINTER_TO_UINT (data);
}

static gboolean
is_lost (Watch         *watch,
         gconstpointer  data)
{
  return !cvg_watcher_get_connected (watch->watcher);
}

static gboolean
loaded (Watch         *watch,
        gconstpointer  data)
{
  return cvg_watcher_get_n_rounds (watch->watcher) > 0 && cvg_watcher_get_connected (watch->watcher) &&
         !cvg_watcher_get_loading (watch->watcher);
}

static void
write_points (CvgEventWriter *writer,
              gint64          first,
              gint64          n)
{
  g_autoptr(GError) error = NULL;

  for (gint64 step = first; step < first + n; step++)
    g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 1000.0 + step, step,
                                                  "loss", (float) (step * 0.5), &error));
  g_assert_true (cvg_event_writer_flush (writer, &error));
  g_assert_no_error (error);
}

static CvgEventWriter *
open_writer (const char *folder)
{
  g_autofree char *path = g_build_filename (folder, "events.out.tfevents.1.remote", NULL);
  g_autoptr(GError) error = NULL;
  CvgEventWriter *writer;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  writer = cvg_event_writer_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (cvg_event_writer_write_file_version (writer, 1000.0, "brain.Event:2", &error));
  return writer;
}

/* Steps 0..n-1 of "loss", each once, in order. */
static void
assert_each_once (Watch  *watch,
                  gint64  n)
{
  GArray *steps = loss_steps (watch, ".");

  g_assert_nonnull (steps);
  g_assert_cmpuint (steps->len, ==, n);
  for (gint64 i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (steps, gint64, i), ==, i);
}

/* A writer appends on the server side: every point arrives exactly once,
 * and half a record waits, as locally, until the rest is written. */
static void
test_watcher_appends (void)
{
  const char *base = cvg_test_remote_env ("CVG_REMOTE_URI");
  g_autofree char *folder = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(CvgEventWriter) writer = NULL;
  g_autoptr(CvgEventWriter) piece = NULL;
  g_autoptr(GBytes) record = NULL;
  g_autofree char *path = NULL;
  Watch watch = { 0 };
  gsize len;
  const guint8 *data;
  guint rounds;

  if (base == NULL)
    return;
  folder = served_folder (base, "appends", &uri);
  writer = open_writer (folder);
  write_points (writer, 0, 50);

  watch_start (&watch, uri);
  g_assert_true (wait_until (&watch, has_points, &(Count) { ".", 50 }));
  for (guint first = 50; first < 500; first += 50)
    {
      write_points (writer, first, 50);
      g_assert_true (wait_until (&watch, has_points, &(Count) { ".", first + 50 }));
    }

  /* Half of one more record: not shown, even after rounds have passed. */
  piece = cvg_event_writer_new_memory ();
  write_points (piece, 500, 1);
  record = cvg_event_writer_steal_bytes (piece);
  data = g_bytes_get_data (record, &len);
  path = g_build_filename (folder, "events.out.tfevents.1.remote", NULL);
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GFileOutputStream) out = g_file_append_to (file, G_FILE_CREATE_NONE, NULL, NULL);

    g_assert_nonnull (out);
    g_assert_true (g_output_stream_write_all (G_OUTPUT_STREAM (out), data, len / 2, NULL, NULL, NULL));
    g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL));
    rounds = cvg_watcher_get_n_rounds (watch.watcher);
    g_assert_true (wait_until (&watch, rounds_passed, GUINT_TO_POINTER (rounds + 3)));
    assert_each_once (&watch, 500);

    out = g_file_append_to (file, G_FILE_CREATE_NONE, NULL, NULL);
    g_assert_true (g_output_stream_write_all (G_OUTPUT_STREAM (out), data + len / 2, len - len / 2,
                                              NULL, NULL, NULL));
    g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL));
  }
  g_assert_true (wait_until (&watch, has_points, &(Count) { ".", 501 }));
  assert_each_once (&watch, 501);
  g_assert_false (watch.seen_lost);
  watch_clear (&watch);
}

static gboolean
run_deleted (Watch         *watch,
             gconstpointer  data)
{
  CvgRun *run = cvg_logdir_lookup_run (watch->logdir, data);
  GPtrArray *problems = run != NULL ? cvg_run_get_problems (run) : NULL;

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    if (strstr (((CvgProblem *) g_ptr_array_index (problems, i))->message, "run folder was deleted") != NULL)
      return TRUE;
  return FALSE;
}

/* A run folder deleted on the server: said once the listings agree,
 * and what was read stays. */
static void
test_watcher_deleted (void)
{
  const char *base = cvg_test_remote_env ("CVG_REMOTE_URI");
  g_autofree char *folder = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *doomed = NULL;
  g_autoptr(CvgEventWriter) kept = NULL;
  g_autoptr(CvgEventWriter) gone = NULL;
  Watch watch = { 0 };

  if (base == NULL)
    return;
  folder = served_folder (base, "deleted", &uri);
  doomed = g_build_filename (folder, "gone", NULL);
  kept = open_writer (folder);
  gone = open_writer (doomed);
  write_points (kept, 0, 10);
  write_points (gone, 0, 10);

  watch_start (&watch, uri);
  g_assert_true (wait_until (&watch, has_points, &(Count) { "gone", 10 }));
  g_clear_pointer (&gone, cvg_event_writer_free);
  cvg_test_remove_tree (doomed);
  g_assert_true (wait_until (&watch, run_deleted, "gone"));
  g_assert_cmpuint (loss_steps (&watch, "gone")->len, ==, 10);
  g_assert_false (run_deleted (&watch, "."));
  watch_clear (&watch);
}

/* A local folder on a FUSE mount (GVfs's own view of the sftp mount, as
 * sshfs, rclone mount or gcsfuse would give): inotify sees nothing of the
 * server's writes, so the watcher must poll it, and deliver every point
 * once, read through the local path. */
static void
test_watcher_fuse_polled (void)
{
  const char *base = cvg_test_remote_env ("CVG_REMOTE_URI");
  g_autofree char *folder = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(CvgEventWriter) writer = NULL;
  Watch watch = { 0 };

  if (base == NULL)
    return;
  folder = served_folder (base, "fuse", &uri);
  writer = open_writer (folder);
  write_points (writer, 0, 20);
  g_assert_true (cvg_remote_mount_sync (uri, NULL, NULL));
  file = g_file_new_for_uri (uri);
  path = g_file_get_path (file);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("GVfs has no FUSE folder here (gvfs-fuse missing or no /dev/fuse)");
      return;
    }
  g_assert_true (cvg_remote_needs_polling (path));

  watch_start (&watch, path);
  g_assert_true (wait_until (&watch, has_points, &(Count) { ".", 20 }));
  for (guint first = 20; first < 200; first += 20)
    {
      write_points (writer, first, 20);
      g_assert_true (wait_until (&watch, has_points, &(Count) { ".", first + 20 }));
    }
  assert_each_once (&watch, 200);
  watch_clear (&watch);
}

/* The points of every series the local reading has, compared with what
 * the watcher merged and with what it delivered (each once). */
static void
assert_same_as_local (Watch      *watch,
                      const char *local)
{
  g_autoptr(CvgLogdir) expected = cvg_logdir_new (local);
  g_autoptr(GError) error = NULL;
  GPtrArray *runs;
  guint n_series = 0;

  g_assert_true (cvg_logdir_load (expected, &error));
  runs = cvg_logdir_get_runs (expected);
  g_assert_cmpuint (runs->len, ==, cvg_logdir_get_runs (watch->logdir)->len);
  for (guint i = 0; i < runs->len; i++)
    {
      CvgRun *run = g_ptr_array_index (runs, i);
      CvgRun *got = cvg_logdir_lookup_run (watch->logdir, cvg_run_get_name (run));
      GPtrArray *series = cvg_run_get_series (run);

      g_assert_nonnull (got);
      /* No file was taken as replaced, shrunk or deleted on the way. */
      for (guint j = 0; j < cvg_run_get_problems (got)->len; j++)
        {
          CvgProblem *problem = g_ptr_array_index (cvg_run_get_problems (got), j);

          g_test_message ("%s: %s: %s", cvg_run_get_name (got), problem->path, problem->message);
        }
      g_assert_cmpuint (cvg_run_get_problems (got)->len, ==, cvg_run_get_problems (run)->len);
      g_assert_cmpuint (cvg_run_get_n_records (got), ==, cvg_run_get_n_records (run));
      for (guint j = 0; j < series->len; j++)
        {
          CvgSeries *one = g_ptr_array_index (series, j);
          CvgSeries *other = cvg_run_lookup_series (got, cvg_series_get_kind (one), cvg_series_get_tag (one));
          g_autofree char *key = g_strdup_printf ("%s/%d/%s", cvg_run_get_name (run), cvg_series_get_kind (one),
                                                  cvg_series_get_tag (one));
          GArray *delivered = g_hash_table_lookup (watch->received, key);

          g_assert_nonnull (other);
          g_assert_nonnull (delivered);
          g_assert_cmpuint (cvg_series_get_length (other), ==, cvg_series_get_length (one));
          g_assert_cmpuint (delivered->len, ==, cvg_series_get_length (one));
          for (gsize k = 0; k < cvg_series_get_length (one); k++)
            {
              g_assert_cmpint (cvg_series_get_step (other, k), ==, cvg_series_get_step (one, k));
              g_assert_cmpint (g_array_index (delivered, gint64, k), ==, cvg_series_get_step (one, k));
              g_assert_cmpfloat (cvg_series_get_wall_time (other, k), ==, cvg_series_get_wall_time (one, k));
              if (cvg_series_get_kind (one) == CVG_KIND_SCALAR)
                g_assert_cmpfloat (cvg_series_get_value (other, k), ==, cvg_series_get_value (one, k));
            }
          n_series++;
        }
    }
  g_assert_cmpuint (n_series, >, 0);
}

/* sshd stops while the watcher loads a real set and a writer keeps
 * appending; when it is back, the watcher mounts again and ends with
 * exactly the local reading. */
static void
test_watcher_server_restart (void)
{
  const char *base = cvg_test_remote_env ("CVG_REMOTE_URI");
  g_autofree char *local = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *live = NULL;
  g_autoptr(CvgEventWriter) writer = NULL;
  Watch watch = { 0 };

  if (base == NULL)
    return;
  local = cvg_test_remote_copy_corpus_set ("keras_tf2_fashion_mnist", "restart");
  if (local == NULL)
    return;
  uri = g_strconcat (base, "/restart", NULL);
  live = g_build_filename (local, "live", NULL);
  writer = open_writer (live);
  write_points (writer, 0, 100);

  watch_start (&watch, uri);
  g_assert_true (wait_until (&watch, rounds_passed, GUINT_TO_POINTER (1)));
  cvg_test_remote_server ("stop");
  write_points (writer, 100, 100);
  g_assert_true (wait_until (&watch, is_lost, NULL));

  cvg_test_remote_server ("start");
  write_points (writer, 200, 100);
  g_assert_true (wait_until (&watch, loaded, NULL));
  g_assert_true (wait_until (&watch, has_points, &(Count) { "live", 300 }));
  g_assert_true (watch.seen_lost);
  assert_same_as_local (&watch, local);
  watch_clear (&watch);
}

/* A key the server does not accept: one clear error, exit status 1. */
static void
test_cli_wrong_key (void)
{
  const char *base = cvg_test_remote_env ("CVG_REMOTE_URI");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  if (base == NULL)
    return;
  cvg_test_remote_server ("key wrong");
  {
    const char *argv[] = { "gio", "mount", "-u", base, NULL };

    /* Unmounted, so that the next mount must log in again; when no test
     * before this one mounted it (no corpus to copy), there is nothing to
     * unmount and gio says so. */
    run_command (argv, NULL, NULL);
  }
  out = converge ("--inspect", NULL, base, &err, &status);
  cvg_test_remote_server ("key right");
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "converge: cannot mount '"));
  g_assert_nonnull (strstr (err, "Mount it first with: gio mount "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  cvg_test_remote_init_logging ();

  g_test_add_func ("/remote/cli/same-output", test_cli_same_output);
  g_test_add_func ("/remote/watcher/appends", test_watcher_appends);
  g_test_add_func ("/remote/watcher/server-restart", test_watcher_server_restart);
  g_test_add_func ("/remote/watcher/deleted", test_watcher_deleted);
  g_test_add_func ("/remote/watcher/fuse-polled", test_watcher_fuse_polled);
  g_test_add_func ("/remote/cli/wrong-key", test_cli_wrong_key);

  return g_test_run ();
}
