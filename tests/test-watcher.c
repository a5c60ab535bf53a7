/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The watcher on a temporary folder while writers append, truncate,
 * replace and delete: what the model receives is checked point by point. */

#define G_LOG_DOMAIN "test-watcher"

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cvg-event-writer.h"
#include "cvg-flipper.h"
#include "cvg-logdir.h"
#include "cvg-problem.h"
#include "cvg-run.h"
#include "cvg-series.h"
#include "cvg-watcher.h"

#define WAIT_TIMEOUT_MS 15000

typedef struct
{
  char       *dir;
  CvgLogdir  *logdir;
  CvgWatcher *watcher;
  GHashTable *received;   /* "run/tag" -> GArray of gint64 steps, as delivered */
  guint       n_signals;
} Fixture;

typedef gboolean (*Predicate) (Fixture *fixture,
                               gconstpointer data);

/* Iterates the main context until @predicate holds or the deadline passes. */
static gboolean
wait_until (Fixture       *fixture,
            Predicate      predicate,
            gconstpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;

  while (!predicate (fixture, data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (G_TIME_SPAN_MILLISECOND);
    }
  return TRUE;
}

/* Records the points each series gained since the last signal. */
static void
collect (Fixture *fixture,
         CvgRun  *run)
{
  GPtrArray *series = cvg_run_get_series (run);

  fixture->n_signals++;
  for (guint i = 0; i < series->len; i++)
    {
      CvgSeries *one = g_ptr_array_index (series, i);
      g_autofree char *key = NULL;
      GArray *steps;

      if (cvg_series_get_kind (one) != CVG_KIND_SCALAR)
        continue;
      key = g_strdup_printf ("%s/%s", cvg_run_get_name (run), cvg_series_get_tag (one));
      steps = g_hash_table_lookup (fixture->received, key);
      if (steps == NULL)
        {
          steps = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (fixture->received, g_steal_pointer (&key), steps);
        }
      for (gsize j = steps->len; j < cvg_series_get_length (one); j++)
        {
          gint64 step = cvg_series_get_step (one, j);

          /* A point arrives whole: its value matches what was written. */
          g_assert_cmpfloat (cvg_series_get_value (one, j), ==, (float) (step * 0.5));
          g_array_append_val (steps, step);
        }
    }
}

static void
run_added_cb (CvgWatcher *watcher,
              CvgRun     *run,
              Fixture    *fixture)
{
  collect (fixture, run);
}

static void
appended_cb (CvgWatcher *watcher,
             CvgRun     *run,
             guint       n_new_series,
             Fixture    *fixture)
{
  collect (fixture, run);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("cvg-watcher-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->received = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
}

static void
start_watcher (Fixture *fixture)
{
  fixture->logdir = cvg_logdir_new (fixture->dir);
  fixture->watcher = cvg_watcher_new (fixture->logdir);
  /* Short, so that the test does not depend on file monitoring alone. */
  cvg_watcher_set_rescan_interval (fixture->watcher, 300);
  g_signal_connect (fixture->watcher, "run-added", G_CALLBACK (run_added_cb), fixture);
  g_signal_connect (fixture->watcher, "appended", G_CALLBACK (appended_cb), fixture);
  cvg_watcher_start (fixture->watcher);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->watcher != NULL)
    g_assert_finalize_object (fixture->watcher);
  g_clear_object (&fixture->logdir);
  g_hash_table_unref (fixture->received);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Writing. */

static char *
event_path (Fixture    *fixture,
            const char *run,
            const char *name)
{
  g_autofree char *folder = g_build_filename (fixture->dir, run, NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  return g_build_filename (folder, name, NULL);
}

static void
write_point (CvgEventWriter *writer,
             gint64          step)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 1000.0 + step, step,
                                                "loss", (float) (step * 0.5), &error));
  g_assert_true (cvg_event_writer_flush (writer, &error));
  g_assert_no_error (error);
}

static CvgEventWriter *
open_writer (const char *path)
{
  g_autoptr(GError) error = NULL;
  CvgEventWriter *writer = cvg_event_writer_new (path, &error);

  g_assert_no_error (error);
  g_assert_true (cvg_event_writer_write_file_version (writer, 1000.0, "brain.Event:2", &error));
  g_assert_true (cvg_event_writer_flush (writer, &error));
  return writer;
}

static void
write_points (const char *path,
              gint64      first,
              gint64      n)
{
  g_autoptr(CvgEventWriter) writer = open_writer (path);
  g_autoptr(GError) error = NULL;

  for (gint64 i = 0; i < n; i++)
    g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 1000.0 + first + i, first + i,
                                                  "loss", (float) ((first + i) * 0.5), &error));
  g_assert_true (cvg_event_writer_flush (writer, &error));
}

/* The framed bytes of one point, for writing in pieces. */
static GBytes *
point_bytes (gint64 step)
{
  g_autoptr(CvgEventWriter) writer = cvg_event_writer_new_memory ();

  write_point (writer, step);
  return cvg_event_writer_steal_bytes (writer);
}

static void
append_raw (const char   *path,
            const guint8 *data,
            gsize         len)
{
  int fd = g_open (path, O_WRONLY | O_APPEND, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, data, len), ==, (gssize) len);
  g_assert_cmpint (close (fd), ==, 0);
}

/* A writer thread: one point at a time with a pause, as training does. */
typedef struct
{
  char   *path;
  gint64  first;
  gint64  n;
  guint   pause_us;
} WriterJob;

static gpointer
writer_thread (gpointer data)
{
  WriterJob *job = data;
  g_autoptr(CvgEventWriter) writer = open_writer (job->path);

  for (gint64 i = 0; i < job->n; i++)
    {
      write_point (writer, job->first + i);
      g_usleep (job->pause_us);
    }
  return NULL;
}

/* Predicates and checks. */

static GArray *
received (Fixture    *fixture,
          const char *key)
{
  return g_hash_table_lookup (fixture->received, key);
}

typedef struct
{
  const char *key;
  guint       n;
} Count;

static gboolean
has_count (Fixture       *fixture,
           gconstpointer  data)
{
  const Count *count = data;
  GArray *steps = received (fixture, count->key);

  return steps != NULL && steps->len >= count->n;
}

static gboolean
rounds_passed (Fixture       *fixture,
               gconstpointer  data)
{
  return cvg_watcher_get_n_rounds (fixture->watcher) >= GPOINTER_TO_UINT (data);
}

static gboolean
not_loading (Fixture       *fixture,
             gconstpointer  data)
{
  return cvg_watcher_get_n_rounds (fixture->watcher) > 0 && !cvg_watcher_get_loading (fixture->watcher);
}

static guint
count_notices (Fixture    *fixture,
               const char *run_name,
               const char *words)
{
  CvgRun *run = run_name != NULL ? cvg_logdir_lookup_run (fixture->logdir, run_name) : NULL;
  GPtrArray *problems = run != NULL ? cvg_run_get_problems (run) : cvg_logdir_get_problems (fixture->logdir);
  guint n = 0;

  for (guint i = 0; i < problems->len; i++)
    {
      CvgProblem *problem = g_ptr_array_index (problems, i);

      n += problem->code == CVG_IO_ERROR_CHANGED && strstr (problem->message, words) != NULL;
    }
  return n;
}

typedef struct
{
  const char *run;
  const char *words;
} Notice;

static gboolean
has_notice (Fixture       *fixture,
            gconstpointer  data)
{
  const Notice *notice = data;

  return count_notices (fixture, notice->run, notice->words) > 0;
}

/* Every round the watcher starts after this call has been applied: two
 * rounds, since one may have begun before the last write. */
static void
wait_for_two_rounds (Fixture *fixture)
{
  guint target = cvg_watcher_get_n_rounds (fixture->watcher) + 2;

  cvg_watcher_reload (fixture->watcher);
  g_assert_true (wait_until (fixture, rounds_passed, GUINT_TO_POINTER (target)));
}

/* The steps received for @key are exactly first..first+n-1, then the
 * ranges that follow in @more (pairs of first, n; ending with -1). */
static void
assert_steps (Fixture    *fixture,
              const char *key,
              gint64      first,
              gint64      n,
              ...)
{
  GArray *steps = received (fixture, key);
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *tag = strrchr (key, '/') + 1;
  g_autofree char *run_name = g_strndup (key, tag - 1 - key);
  CvgRun *run;
  va_list args;

  va_start (args, n);
  while (first >= 0)
    {
      for (gint64 i = 0; i < n; i++)
        {
          gint64 step = first + i;
          g_array_append_val (expected, step);
        }
      first = va_arg (args, gint64);
      if (first >= 0)
        n = va_arg (args, gint64);
    }
  va_end (args);

  g_assert_nonnull (steps);
  g_assert_cmpuint (steps->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpint (g_array_index (steps, gint64, i), ==, g_array_index (expected, gint64, i));

  /* What the model holds is what was delivered, no more. */
  run = cvg_logdir_lookup_run (fixture->logdir, run_name);
  g_assert_nonnull (run);
  g_assert_cmpuint (cvg_series_get_length (cvg_run_lookup_series (run, CVG_KIND_SCALAR, tag)), ==,
                    expected->len);
}

/* Tests. */

static void
test_append_one_by_one (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = event_path (fixture, "a", "events.out.tfevents.1.host");
  WriterJob job = { path, 0, 200, 2000 };
  Count count = { "a/loss", 200 };
  GThread *thread;

  start_watcher (fixture);
  thread = g_thread_new ("writer", writer_thread, &job);
  g_assert_true (wait_until (fixture, has_count, &count));
  g_thread_join (thread);
  wait_for_two_rounds (fixture);

  assert_steps (fixture, "a/loss", 0, 200, (gint64) -1);
  /* Delivered in several batches, not at the end only. */
  g_assert_cmpuint (fixture->n_signals, >, 1);
  g_assert_cmpuint (cvg_watcher_get_bytes_read (fixture->watcher), ==,
                    cvg_watcher_get_bytes_total (fixture->watcher));
}

static void
test_append_in_halves (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = event_path (fixture, "a", "events.out.tfevents.1.host");
  Count count = { "a/loss", 10 };
  /* Cut in the length field, its checksum, the data, the data checksum. */
  const gsize cuts[] = { 5, 10, 30, 0 };

  write_points (path, 0, 10);
  start_watcher (fixture);
  g_assert_true (wait_until (fixture, has_count, &count));

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autoptr(GBytes) bytes = point_bytes (10 + i);
      gsize len = 0;
      const guint8 *p = g_bytes_get_data (bytes, &len);
      gsize cut = cuts[i] != 0 ? cuts[i] : len - 2;

      append_raw (path, p, cut);
      wait_for_two_rounds (fixture);
      /* Half a record is never shown, nor reported. */
      g_assert_cmpuint (received (fixture, "a/loss")->len, ==, 10 + i);
      g_assert_cmpuint (cvg_run_get_problems (cvg_logdir_lookup_run (fixture->logdir, "a"))->len, ==, 0);

      append_raw (path, p + cut, len - cut);
      count.n = 11 + i;
      g_assert_true (wait_until (fixture, has_count, &count));
    }
  assert_steps (fixture, "a/loss", 0, 10 + G_N_ELEMENTS (cuts), (gint64) -1);
}

static void
test_new_run (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path_a = event_path (fixture, "a", "events.out.tfevents.1.host");
  g_autofree char *path_b = NULL;
  g_autofree char *folder_b = NULL;
  Count count_a = { "a/loss", 20 };
  Count count_b = { "b/c/loss", 50 };
  WriterJob job = { NULL, 0, 50, 1000 };
  GThread *thread;

  write_points (path_a, 0, 20);
  start_watcher (fixture);
  /* Mid-load: a new run folder, two levels down, while the first loads. */
  path_b = g_build_filename (fixture->dir, "b", "c", "events.out.tfevents.2.host", NULL);
  folder_b = g_path_get_dirname (path_b);
  g_assert_cmpint (g_mkdir_with_parents (folder_b, 0755), ==, 0);
  job.path = path_b;
  thread = g_thread_new ("writer", writer_thread, &job);

  g_assert_true (wait_until (fixture, has_count, &count_a));
  g_assert_true (wait_until (fixture, has_count, &count_b));
  g_thread_join (thread);
  wait_for_two_rounds (fixture);

  assert_steps (fixture, "a/loss", 0, 20, (gint64) -1);
  assert_steps (fixture, "b/c/loss", 0, 50, (gint64) -1);
  g_assert_cmpuint (cvg_logdir_get_runs (fixture->logdir)->len, ==, 2);
}

static void
test_truncated (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = event_path (fixture, "a", "events.out.tfevents.1.host");
  Count count = { "a/loss", 10 };
  Notice notice = { "a", "shrank" };

  write_points (path, 0, 10);
  start_watcher (fixture);
  g_assert_true (wait_until (fixture, has_count, &count));

  /* A writer that starts its file over. */
  g_assert_cmpint (truncate (path, 0), ==, 0);
  g_assert_true (wait_until (fixture, has_notice, &notice));
  write_points (path, 100, 5);
  count.n = 15;
  g_assert_true (wait_until (fixture, has_count, &count));
  wait_for_two_rounds (fixture);

  /* What was shown stays; the new content follows it. */
  assert_steps (fixture, "a/loss", 0, 10, (gint64) 100, (gint64) 5, (gint64) -1);
  g_assert_cmpuint (count_notices (fixture, "a", "shrank"), ==, 1);
}

static void
test_replaced (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = event_path (fixture, "a", "events.out.tfevents.1.host");
  g_autofree char *temp = event_path (fixture, "a", ".tmp-replacement");
  Count count = { "a/loss", 10 };
  Notice notice = { "a", "replaced" };

  write_points (path, 0, 10);
  start_watcher (fixture);
  g_assert_true (wait_until (fixture, has_count, &count));

  /* rsync style: a new file renamed over the old one, read from its start. */
  write_points (temp, 200, 7);
  g_assert_cmpint (g_rename (temp, path), ==, 0);
  count.n = 17;
  g_assert_true (wait_until (fixture, has_count, &count));
  g_assert_true (wait_until (fixture, has_notice, &notice));
  wait_for_two_rounds (fixture);

  assert_steps (fixture, "a/loss", 0, 10, (gint64) 200, (gint64) 7, (gint64) -1);
  g_assert_cmpuint (count_notices (fixture, "a", "replaced"), ==, 1);
}

static void
test_run_deleted (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path_a = event_path (fixture, "a", "events.out.tfevents.1.host");
  g_autofree char *path_b = event_path (fixture, "b", "events.out.tfevents.1.host");
  g_autofree char *folder_b = g_path_get_dirname (path_b);
  Count count_a = { "a/loss", 10 };
  Count count_b = { "b/loss", 12 };
  Notice notice = { "b", "run folder was deleted" };
  Notice gone = { NULL, "logs folder was deleted" };

  write_points (path_a, 0, 10);
  write_points (path_b, 0, 12);
  start_watcher (fixture);
  g_assert_true (wait_until (fixture, has_count, &count_a));
  g_assert_true (wait_until (fixture, has_count, &count_b));

  remove_tree (folder_b);
  g_assert_true (wait_until (fixture, has_notice, &notice));
  wait_for_two_rounds (fixture);
  /* Shown data stays. */
  assert_steps (fixture, "b/loss", 0, 12, (gint64) -1);
  assert_steps (fixture, "a/loss", 0, 10, (gint64) -1);
  g_assert_cmpuint (count_notices (fixture, "b", "run folder was deleted"), ==, 1);

  /* And the whole folder. */
  remove_tree (fixture->dir);
  g_assert_true (wait_until (fixture, has_notice, &gone));
  wait_for_two_rounds (fixture);
  assert_steps (fixture, "a/loss", 0, 10, (gint64) -1);
  g_assert_cmpuint (count_notices (fixture, NULL, "logs folder was deleted"), ==, 1);
  g_assert_cmpint (g_mkdir (fixture->dir, 0700), ==, 0);
}

static void
test_initial_load_in_steps (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = event_path (fixture, "big", "events.out.tfevents.1.host");
  /* About 20 MB: more than two read budgets, so it comes in pieces. */
  Count count = { "big/loss", 500000 };
  GStatBuf st;

  write_points (path, 0, count.n);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 16 * 1024 * 1024);
  start_watcher (fixture);
  g_assert_true (wait_until (fixture, not_loading, NULL));
  g_assert_true (wait_until (fixture, has_count, &count));
  assert_steps (fixture, "big/loss", 0, count.n, (gint64) -1);
  g_assert_cmpuint (fixture->n_signals, >=, 3);
}

static void
test_stop_while_writing (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = event_path (fixture, "a", "events.out.tfevents.1.host");
  WriterJob job = { path, 0, 300, 500 };
  Count count = { "a/loss", 20 };
  GThread *thread;

  start_watcher (fixture);
  thread = g_thread_new ("writer", writer_thread, &job);
  g_assert_true (wait_until (fixture, has_count, &count));
  /* Rounds may be queued for the main thread: none is applied after this. */
  cvg_watcher_stop (fixture->watcher);
  count.n = received (fixture, "a/loss")->len;
  g_thread_join (thread);
  g_usleep (50 * G_TIME_SPAN_MILLISECOND);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (received (fixture, "a/loss")->len, ==, count.n);
  g_assert_finalize_object (g_steal_pointer (&fixture->watcher));
}

/* A link that flips between a regular file and a FIFO (a reader that
 * opens it as the FIFO waits for a writer, without O_NONBLOCK for good),
 * next to a large run being read: stopping returns at once all the same. */
static void
test_stop_returns_at_once (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *big = event_path (fixture, "big", "events.out.tfevents.1.host");
  g_autofree char *regular = event_path (fixture, "flip", "events.out.tfevents.1.host");
  g_autofree char *link = event_path (fixture, "flip", "events.out.tfevents.2.flip");
  g_autofree char *fifo = g_build_filename (fixture->dir, "fifo", NULL);
  CvgFlipper *flipper;
  gint64 start;
  double stop_ms;

  /* About 40 MB: several rounds of reading. */
  write_points (big, 0, 1000000);
  write_points (regular, 0, 10);
  flipper = cvg_flipper_start (regular, fifo, link);

  start_watcher (fixture);
  /* Not a round's end: a reader stuck on the FIFO holds it back. */
  start = g_get_monotonic_time () + 100 * G_TIME_SPAN_MILLISECOND;
  while (g_get_monotonic_time () < start)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (G_TIME_SPAN_MILLISECOND);
  g_test_message ("stopping after %u rounds, %s", cvg_watcher_get_n_rounds (fixture->watcher),
                  cvg_watcher_get_loading (fixture->watcher) ? "loading" : "loaded");
  start = g_get_monotonic_time ();
  cvg_watcher_stop (fixture->watcher);
  stop_ms = (g_get_monotonic_time () - start) / 1e3;
  g_test_message ("stopped in %.2f ms", stop_ms);
  /* A join would wait on the FIFO for ever; signalling takes microseconds,
   * and the bound leaves room for a busy machine (and TSan). */
  g_assert_cmpfloat (stop_ms, <, 1000);
  g_assert_finalize_object (g_steal_pointer (&fixture->watcher));
  /* Lets a reader still waiting on the FIFO go. */
  cvg_flipper_free (flipper);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/model/watcher/append-one-by-one", test_append_one_by_one);
  ADD ("/model/watcher/append-in-halves", test_append_in_halves);
  ADD ("/model/watcher/new-run", test_new_run);
  ADD ("/model/watcher/truncated", test_truncated);
  ADD ("/model/watcher/replaced", test_replaced);
  ADD ("/model/watcher/run-deleted", test_run_deleted);
  ADD ("/model/watcher/initial-load-in-steps", test_initial_load_in_steps);
  ADD ("/model/watcher/stop-while-writing", test_stop_while_writing);
  ADD ("/model/watcher/stop-returns-at-once", test_stop_returns_at_once);
#undef ADD

  return g_test_run ();
}
