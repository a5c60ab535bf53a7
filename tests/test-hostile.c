/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-hostile"

#include "config.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <zlib.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "cvg-crc32c.h"
#include "cvg-event-writer.h"
#include "cvg-logdir.h"
#include "cvg-problem.h"
#include "cvg-run.h"
#include "cvg-scalar-store.h"
#include "cvg-series.h"
#include "cvg-tensor.h"
#include "cvg-tfrecord.h"

/* Hostile and odd logs (issue "Hostile and odd logs"): each written with
 * the project's own writer, read through the model layer and the CLI, and
 * checked for the outcome, the problem reported and, where a file claims
 * a huge size, the peak memory of a process of its own. */

#define PEAK_RSS_LIMIT_KB (200 * 1024)
#define SUBPROCESS_TIMEOUT_USEC (60 * G_USEC_PER_SEC)

/* Helpers --------------------------------------------------------------- */

static void
remove_tree_at (int         parent_fd,
                const char *name)
{
  int fd = openat (parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (g_free);
  DIR *dir;
  struct dirent *entry;

  if (fd < 0)
    {
      unlinkat (parent_fd, name, 0);
      return;
    }
  /* fdopendir takes the descriptor; closedir closes it. */
  dir = fdopendir (fd);
  g_assert_nonnull (dir);
  while ((entry = readdir (dir)) != NULL)
    if (strcmp (entry->d_name, ".") != 0 && strcmp (entry->d_name, "..") != 0)
      g_ptr_array_add (children, g_strdup (entry->d_name));
  for (guint i = 0; i < children->len; i++)
    remove_tree_at (dirfd (dir), g_ptr_array_index (children, i));
  closedir (dir);
  unlinkat (parent_fd, name, AT_REMOVEDIR);
}

static void
remove_tree (const char *path)
{
  remove_tree_at (AT_FDCWD, path);
}

static char *
make_logdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("cvg-hostile-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static CvgEventWriter *
open_writer (const char *dir,
             const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  CvgEventWriter *writer = cvg_event_writer_new (path, &error);

  g_assert_no_error (error);
  g_assert_true (cvg_event_writer_write_file_version (writer, 1.0, "brain.Event:2", &error));
  g_assert_no_error (error);
  return writer;
}

static void
close_writer (CvgEventWriter *writer)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cvg_event_writer_flush (writer, &error));
  g_assert_no_error (error);
  cvg_event_writer_free (writer);
}

static CvgLogdir *
load_logdir (const char *dir)
{
  g_autoptr(GError) error = NULL;
  CvgLogdir *logdir = cvg_logdir_new (dir);

  g_assert_true (cvg_logdir_load (logdir, &error));
  g_assert_no_error (error);
  return logdir;
}

static CvgRun *
only_run (CvgLogdir *logdir)
{
  GPtrArray *runs = cvg_logdir_get_runs (logdir);

  g_assert_cmpuint (runs->len, ==, 1);
  return g_ptr_array_index (runs, 0);
}

/* The number of problems of @run whose message holds @needle. */
static guint
count_problems (GPtrArray  *problems,
                const char *needle)
{
  guint n = 0;

  for (guint i = 0; i < problems->len; i++)
    {
      const CvgProblem *problem = g_ptr_array_index (problems, i);
      if (strstr (problem->message, needle) != NULL)
        n++;
    }
  return n;
}

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

/* Runs converge under coreutils' timeout, so that a hang is an exit status
 * (124) instead of a stuck test. */
static void
run_converge (Result             *result,
              const char * const *args)
{
  const char *converge = g_getenv ("CVG_CONVERGE");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (converge);
  g_ptr_array_add (argv, (gpointer) "timeout");
  g_ptr_array_add (argv, (gpointer) "30");
  g_ptr_array_add (argv, (gpointer) converge);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
}

/* Runs the calling test again in a process of its own, so that its peak
 * memory is its own; TRUE in the parent, once the child has passed. */
static gboolean
ran_in_own_process (void)
{
  if (g_test_subprocess ())
    return FALSE;
  g_test_trap_subprocess (NULL, SUBPROCESS_TIMEOUT_USEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  return TRUE;
}

static void
assert_peak_rss_below_limit (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  g_test_message ("peak RSS %ld KiB", usage.ru_maxrss);
  g_assert_cmpint (usage.ru_maxrss, <, PEAK_RSS_LIMIT_KB);
}

/* 1. An empty tag ------------------------------------------------------ */

/* A value with no tag field and one with tag "" are both the tag "", as
 * TensorBoard keeps them; neither may crash the model, --inspect or
 * --export. */
static void
test_empty_tag (void)
{
  g_autofree char *dir = make_logdir ();
  CvgEventWriter *writer = open_writer (dir, "events.out.tfevents.1.empty");
  g_autoptr(CvgLogdir) logdir = NULL;
  g_autoptr(GError) error = NULL;
  CvgSeries *empty, *loss;
  CvgRun *run;

  g_assert_true (cvg_event_writer_write_raw_tag_scalar (writer, 2.0, 1, NULL, 0, 0.5f, &error));
  g_assert_true (cvg_event_writer_write_raw_tag_scalar (writer, 3.0, 2, (const guint8 *) "", 0, 0.25f, &error));
  g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 4.0, 3, "loss", 1.5f, &error));
  g_assert_no_error (error);
  close_writer (writer);

  logdir = load_logdir (dir);
  run = only_run (logdir);
  empty = cvg_run_lookup_series (run, CVG_KIND_SCALAR, "");
  loss = cvg_run_lookup_series (run, CVG_KIND_SCALAR, "loss");
  g_assert_nonnull (empty);
  g_assert_nonnull (loss);
  g_assert_cmpuint (cvg_series_get_length (empty), ==, 2);
  g_assert_cmpfloat (cvg_series_get_value (empty, 0), ==, 0.5);
  g_assert_cmpfloat (cvg_series_get_value (empty, 1), ==, 0.25);
  g_assert_cmpuint (cvg_series_get_length (loss), ==, 1);
  g_assert_cmpuint (cvg_run_get_problems (run)->len, ==, 0);

  {
    const char *inspect[] = { "--inspect", dir, NULL };
    const char *csv[] = { "--export", "csv", "--logdir", dir, NULL };
    const char *json[] = { "--export", "json", "--logdir", dir, NULL };
    Result result = { 0 };

    run_converge (&result, inspect);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_nonnull (strstr (result.out, "loss"));
    result_clear (&result);

    run_converge (&result, csv);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_nonnull (strstr (result.out, "0.25"));
    g_assert_nonnull (strstr (result.out, "1.5"));
    result_clear (&result);

    run_converge (&result, json);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_nonnull (strstr (result.out, "0.25"));
    result_clear (&result);
  }
  remove_tree (dir);
}

/* 11. Tags with NUL bytes ------------------------------------------------ */

static void
test_nul_in_tags (void)
{
  static const guint8 ax[] = { 'a', 0, 'x' };
  static const guint8 ay[] = { 'a', 0, 'y' };
  static const guint8 bad_utf8[] = { 'b', 0xff };
  g_autofree char *dir = make_logdir ();
  CvgEventWriter *writer = open_writer (dir, "events.out.tfevents.1.nul");
  g_autoptr(CvgLogdir) logdir = NULL;
  g_autoptr(GError) error = NULL;
  CvgSeries *a, *a_x, *a_y, *b;
  CvgRun *run;

  for (gint64 step = 0; step < 3; step++)
    {
      g_assert_true (cvg_event_writer_write_raw_tag_scalar (writer, 2.0, step, ax, sizeof ax, 1.0f, &error));
      g_assert_true (cvg_event_writer_write_raw_tag_scalar (writer, 2.0, step, ay, sizeof ay, 2.0f, &error));
      g_assert_true (cvg_event_writer_write_raw_tag_scalar (writer, 2.0, step, (const guint8 *) "a", 1, 3.0f, &error));
      g_assert_true (cvg_event_writer_write_raw_tag_scalar (writer, 2.0, step, bad_utf8, sizeof bad_utf8, 4.0f, &error));
    }
  g_assert_no_error (error);
  close_writer (writer);

  logdir = load_logdir (dir);
  run = only_run (logdir);
  g_assert_cmpuint (cvg_run_get_series (run)->len, ==, 4);
  a = cvg_run_lookup_series (run, CVG_KIND_SCALAR, "a");
  a_x = cvg_run_lookup_series (run, CVG_KIND_SCALAR, "a\\x00x");
  a_y = cvg_run_lookup_series (run, CVG_KIND_SCALAR, "a\\x00y");
  b = cvg_run_lookup_series (run, CVG_KIND_SCALAR, "b\\xff");
  g_assert_nonnull (a);
  g_assert_nonnull (a_x);
  g_assert_nonnull (a_y);
  g_assert_nonnull (b);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpfloat (cvg_series_get_value (a_x, i), ==, 1.0);
      g_assert_cmpfloat (cvg_series_get_value (a_y, i), ==, 2.0);
      g_assert_cmpfloat (cvg_series_get_value (a, i), ==, 3.0);
      g_assert_cmpfloat (cvg_series_get_value (b, i), ==, 4.0);
    }
  /* Reported once per escaped tag, not once per value. */
  g_assert_cmpuint (count_problems (cvg_run_get_problems (run), "NUL bytes or invalid UTF-8"), ==, 3);

  {
    const char *inspect[] = { "--inspect", dir, NULL };
    Result result = { 0 };

    run_converge (&result, inspect);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_nonnull (strstr (result.out, "a\\x00x"));
    g_assert_nonnull (strstr (result.out, "a\\x00y"));
    result_clear (&result);
  }
  remove_tree (dir);
}

/* 2. A tensor that claims a huge shape and holds one value --------------- */

typedef struct
{
  const char *name;
  const char *plugin_name;   /* NULL: no metadata, a blob */
  int         dtype;
  guint       rank;
  gint64      huge_dims[2];
  gint64      small_dims[2];
  CvgKind     kind;
} FillCase;

static const FillCase fill_cases[] = {
  { "blob-float", NULL, CVG_DT_FLOAT, 1, { G_GINT64_CONSTANT (1000000000000) }, { 4 }, CVG_KIND_BLOB },
  { "blob-float-200M", NULL, CVG_DT_FLOAT, 1, { 200000000 }, { 4 }, CVG_KIND_BLOB },
  { "blob-string", NULL, CVG_DT_STRING, 1, { G_GINT64_CONSTANT (1000000000000) }, { 4 }, CVG_KIND_BLOB },
  { "blob-string-200M", NULL, CVG_DT_STRING, 1, { 200000000 }, { 4 }, CVG_KIND_BLOB },
  { "text", "text", CVG_DT_STRING, 1, { G_GINT64_CONSTANT (1000000000000) }, { 4 }, CVG_KIND_TEXT },
  { "text-2M", "text", CVG_DT_STRING, 1, { 2000000 }, { 4 }, CVG_KIND_TEXT },
  { "scalar", "scalars", CVG_DT_FLOAT, 1, { G_GINT64_CONSTANT (1000000000000) }, { 1 }, CVG_KIND_SCALAR },
  { "scalar-double", "scalars", CVG_DT_DOUBLE, 2, { 200000000, 1 }, { 1, 1 }, CVG_KIND_SCALAR },
  { "histogram", "histograms", CVG_DT_DOUBLE, 2, { G_GINT64_CONSTANT (1000000000000), 3 }, { 2, 3 }, CVG_KIND_HISTOGRAM },
};

/* A 100-byte string repeated: 2M of them would be 232 MB as copies. */
#define FILL_STRING "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"

static void
test_huge_fill (gconstpointer data)
{
  const FillCase *fc = data;
  g_autofree char *dir = NULL;
  g_autoptr(CvgLogdir) logdir = NULL;
  g_autoptr(GError) error = NULL;
  CvgEventWriter *writer;
  CvgSeries *series;
  CvgRun *run;

  if (ran_in_own_process ())
    return;

  dir = make_logdir ();
  writer = open_writer (dir, "events.out.tfevents.1.fill");
  g_assert_true (cvg_event_writer_write_fill_tensor (writer, 2.0, 0, "t", fc->plugin_name, fc->dtype,
                                                     fc->small_dims, fc->rank, 7.0, FILL_STRING, &error));
  g_assert_true (cvg_event_writer_write_fill_tensor (writer, 2.0, 1, "t", fc->plugin_name, fc->dtype,
                                                     fc->huge_dims, fc->rank, 7.0, FILL_STRING, &error));
  g_assert_true (cvg_event_writer_write_fill_tensor (writer, 2.0, 2, "t", fc->plugin_name, fc->dtype,
                                                     fc->small_dims, fc->rank, 7.0, FILL_STRING, &error));
  g_assert_no_error (error);
  close_writer (writer);

  logdir = load_logdir (dir);
  run = only_run (logdir);
  series = cvg_run_lookup_series (run, fc->kind, "t");
  g_assert_nonnull (series);
  /* The small fills are expanded as before; the huge one is skipped. */
  g_assert_cmpuint (cvg_series_get_length (series), ==, 2);
  g_assert_cmpint (cvg_series_get_step (series, 0), ==, 0);
  g_assert_cmpint (cvg_series_get_step (series, 1), ==, 2);
  if (fc->kind == CVG_KIND_SCALAR)
    {
      g_assert_cmpfloat (cvg_series_get_value (series, 1), ==, 7.0);
    }
  else
    {
      const CvgTensorValue *value = cvg_series_get_tensor (series, 1);
      gsize n = (gsize) fc->small_dims[0] * (fc->rank > 1 ? (gsize) fc->small_dims[1] : 1);

      g_assert_cmpuint (value->n_elements, ==, n);
      if (fc->dtype == CVG_DT_STRING)
        g_assert_cmpmem (value->strings[n - 1].data, value->strings[n - 1].len, FILL_STRING, strlen (FILL_STRING));
      else
        g_assert_cmpfloat (value->numbers[n - 1], ==, 7.0);
    }
  g_assert_cmpuint (cvg_run_get_problems (run)->len, ==, 1);
  g_assert_cmpuint (((CvgProblem *) g_ptr_array_index (cvg_run_get_problems (run), 0))->offset, >, 0);
  assert_peak_rss_below_limit ();
  remove_tree (dir);
}

/* 7. Cut-off records behind huge tails ------------------------------------ */

static GByteArray *
framed_event_file (void)
{
  g_autoptr(CvgEventWriter) writer = cvg_event_writer_new_memory ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  const guint8 *data;
  GByteArray *out = g_byte_array_new ();

  g_assert_true (cvg_event_writer_write_file_version (writer, 1.0, "brain.Event:2", &error));
  g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 2.0, 1, "loss", 0.5f, &error));
  g_assert_no_error (error);
  bytes = cvg_event_writer_steal_bytes (writer);
  data = g_bytes_get_data (bytes, &len);
  g_byte_array_append (out, data, (guint) len);
  return out;
}

/* A record header with a valid length checksum over @length. */
static void
append_header (GByteArray *out,
               guint64     length)
{
  guint64 length_le = GUINT64_TO_LE (length);
  guint32 crc = GUINT32_TO_LE (cvg_crc32c_mask (cvg_crc32c (&length_le, 8)));

  g_byte_array_append (out, (const guint8 *) &length_le, 8);
  g_byte_array_append (out, (const guint8 *) &crc, 4);
}

typedef struct
{
  const char *name;
  guint64     length;      /* what the cut-off record claims */
  gboolean    gzipped;
} TailCase;

static const TailCase tail_cases[] = {
  { "sparse-2^40", G_GUINT64_CONSTANT (1) << 40, FALSE },
  { "sparse-60MiB", 60 * 1024 * 1024, FALSE },
  { "gzip-2^40", G_GUINT64_CONSTANT (1) << 40, TRUE },
  { "gzip-60MiB", 60 * 1024 * 1024, TRUE },
};

#define SPARSE_TAIL (G_GINT64_CONSTANT (2) << 30)
#define GZIP_TAIL   (512 * 1024 * 1024)

static void
write_tail_file (const char     *path,
                 const TailCase *tc)
{
  g_autoptr(GByteArray) head = framed_event_file ();

  append_header (head, tc->length);
  g_byte_array_append (head, (const guint8 *) "cut", 3);

  if (!tc->gzipped)
    {
      int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
      g_assert_cmpint (fd, >=, 0);
      g_assert_cmpint (write (fd, head->data, head->len), ==, head->len);
      /* Holes: 2 GiB of zeros that take no disk. */
      g_assert_cmpint (ftruncate (fd, SPARSE_TAIL), ==, 0);
      close (fd);
    }
  else
    {
      /* A few hundred KiB that inflate to 512 MiB of zeros. */
      g_autofree guint8 *zeros = g_malloc0 (1024 * 1024);
      gzFile gz = gzopen (path, "wb1");

      g_assert_nonnull (gz);
      g_assert_cmpint (gzwrite (gz, head->data, head->len), ==, head->len);
      for (guint i = 0; i < GZIP_TAIL / (1024 * 1024); i++)
        g_assert_cmpint (gzwrite (gz, zeros, 1024 * 1024), ==, 1024 * 1024);
      g_assert_cmpint (gzclose (gz), ==, Z_OK);
    }
}

static void
test_huge_tail (gconstpointer data)
{
  const TailCase *tc = data;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CvgLogdir) logdir = NULL;
  CvgSeries *loss;
  GPtrArray *problems;
  CvgRun *run;

  if (ran_in_own_process ())
    return;

  dir = make_logdir ();
  path = g_build_filename (dir, tc->gzipped ? "events.out.tfevents.1.tail.gz" : "events.out.tfevents.1.tail", NULL);
  write_tail_file (path, tc);

  logdir = load_logdir (dir);
  run = only_run (logdir);
  loss = cvg_run_lookup_series (run, CVG_KIND_SCALAR, "loss");
  g_assert_nonnull (loss);
  g_assert_cmpuint (cvg_series_get_length (loss), ==, 1);
  /* Over the limit: refused at its header. Within it: its data checksum
   * fails, and the zeros after it are no record framing. */
  problems = cvg_run_get_problems (run);
  g_assert_cmpuint (problems->len, >=, 1);
  if (tc->length > CVG_TFRECORD_MAX_DATA_SIZE)
    g_assert_cmpuint (count_problems (problems, "larger than the 64 MiB"), ==, 1);
  else
    g_assert_cmpuint (count_problems (problems, "checksum"), >=, 1);
  assert_peak_rss_below_limit ();
  remove_tree (dir);
}

/* 6. Files that are not regular files ------------------------------------- */

static void
test_fifo (void)
{
  g_autofree char *dir = make_logdir ();
  g_autofree char *fifo = g_build_filename (dir, "events.out.tfevents.2.fifo", NULL);
  g_autofree char *link = g_build_filename (dir, "events.out.tfevents.3.link", NULL);
  g_autofree char *gz_fifo = g_build_filename (dir, "events.out.tfevents.4.fifo.gz", NULL);
  g_autoptr(CvgLogdir) logdir = NULL;
  CvgSeries *loss;
  CvgRun *run;

  close_writer (open_writer (dir, "events.out.tfevents.1.good"));
  {
    CvgEventWriter *writer = open_writer (dir, "events.out.tfevents.1.more");
    g_autoptr(GError) error = NULL;
    g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 2.0, 1, "loss", 0.5f, &error));
    g_assert_no_error (error);
    close_writer (writer);
  }
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (symlink (fifo, link), ==, 0);
  /* gzip streams go through the same checked descriptor. */
  g_assert_cmpint (mkfifo (gz_fifo, 0600), ==, 0);

  /* The model: neither open blocks; both files are reported. */
  logdir = load_logdir (dir);
  run = only_run (logdir);
  loss = cvg_run_lookup_series (run, CVG_KIND_SCALAR, "loss");
  g_assert_nonnull (loss);
  g_assert_cmpuint (cvg_series_get_length (loss), ==, 1);
  g_assert_cmpuint (count_problems (cvg_run_get_problems (run), "not a regular file"), ==, 3);
  /* Refused once: a second read reports nothing new. */
  g_ptr_array_set_size (cvg_run_get_problems (run), 0);
  cvg_run_read (run);
  g_assert_cmpuint (cvg_run_get_problems (run)->len, ==, 0);

  /* The CLI, under a timeout: returns promptly and says why. */
  {
    const char *inspect[] = { "--inspect", dir, NULL };
    Result result = { 0 };

    run_converge (&result, inspect);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_nonnull (strstr (result.out, "events.out.tfevents.2.fifo"));
    g_assert_nonnull (strstr (result.out, "events.out.tfevents.3.link"));
    g_assert_nonnull (strstr (result.out, "events.out.tfevents.4.fifo.gz"));
    g_assert_nonnull (strstr (result.out, "not a regular file"));
    result_clear (&result);
  }
  remove_tree (dir);
}

/* 14. Steps at the ends of gint64, and folders past PATH_MAX --------------- */

static void
test_extreme_steps (void)
{
  static const gint64 extremes[] = {
    G_MININT64, G_MAXINT64, 0, -1, G_MININT64 + 1, G_MAXINT64 - 1, 1, G_MININT32, G_MAXINT32,
  };
  g_autoptr(CvgScalarStore) store = cvg_scalar_store_new ();
  g_autoptr(CvgSeries) series = cvg_series_new ("s", CVG_KIND_SCALAR, CVG_ENCODING_SIMPLE_VALUE);
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree gint64 *copied = NULL;
  g_autoptr(GArray) kept = NULL;

  /* Chunks of every width: alternating extremes (8-byte deltas), a run
   * just below G_MAXINT64 (4-byte deltas), one straddling G_MAXINT64 and
   * G_MININT64 (4-byte deltas only once wrapped), constant strides across
   * the whole range, and a tail of extremes. */
  for (guint i = 0; i < 4200; i++)
    {
      gint64 step;
      if (i < 1024 || i >= 4096)
        step = extremes[i % G_N_ELEMENTS (extremes)];
      else if (i < 2048)
        step = (gint64) ((guint64) G_MAXINT64 - (i % 7));
      else if (i < 3072)
        step = i % 2 == 0 ? (gint64) ((guint64) G_MAXINT64 - (i % 3)) : G_MININT64 + (i % 5);
      else
        step = (gint64) ((guint64) G_MININT64 + (guint64) (i - 3072) * (G_MAXUINT64 / 1024));
      g_array_append_val (expected, step);
      cvg_scalar_store_append (store, step, (double) i, (double) i);
      cvg_series_append_scalar (series, step, (double) i, (double) i, CVG_SCALAR_DOUBLE);
    }
  copied = g_new (gint64, expected->len);
  cvg_scalar_store_copy (store, 0, expected->len, copied, NULL, NULL);
  for (guint i = 0; i < expected->len; i++)
    {
      gint64 step;
      cvg_scalar_store_get (store, i, &step, NULL, NULL);
      g_assert_cmpint (step, ==, g_array_index (expected, gint64, i));
      g_assert_cmpint (copied[i], ==, g_array_index (expected, gint64, i));
    }

  /* Cuts at both ends: one at G_MAXINT64 drops only the points at
   * G_MAXINT64, one at G_MININT64 every point. */
  cvg_series_add_cut (series, G_MAXINT64);
  kept = cvg_series_get_purged_indices (series);
  for (guint i = 0, k = 0; i < expected->len; i++)
    if (g_array_index (expected, gint64, i) != G_MAXINT64)
      g_assert_cmpuint (g_array_index (kept, guint, k++), ==, i);
  g_assert_cmpuint (kept->len, <, expected->len);
  g_clear_pointer (&kept, g_array_unref);
  cvg_series_add_cut (series, G_MININT64);
  kept = cvg_series_get_purged_indices (series);
  g_assert_cmpuint (kept->len, ==, 0);
}

static void
test_deeper_than_path_max (void)
{
  g_autofree char *dir = make_logdir ();
  g_autofree char *name = g_strnfill (200, 'd');
  g_autoptr(CvgLogdir) logdir = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *problems;
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  guint depth = PATH_MAX / 200 + 2;

  /* Made by descriptor, the only way to go past PATH_MAX. */
  g_assert_cmpint (fd, >=, 0);
  for (guint i = 0; i < depth; i++)
    {
      int child;
      g_assert_cmpint (mkdirat (fd, name, 0700), ==, 0);
      child = openat (fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      g_assert_cmpint (child, >=, 0);
      close (fd);
      fd = child;
    }
  {
    int file = openat (fd, "events.out.tfevents.1.deep", O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    g_assert_cmpint (file, >=, 0);
    close (file);
  }
  close (fd);

  logdir = cvg_logdir_new (dir);
  g_assert_true (cvg_logdir_scan (logdir, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cvg_logdir_get_runs (logdir)->len, ==, 0);
  problems = cvg_logdir_get_problems (logdir);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpint (((CvgProblem *) g_ptr_array_index (problems, 0))->code, ==, CVG_IO_ERROR_UNREADABLE);
  g_assert_cmpuint (strlen (((CvgProblem *) g_ptr_array_index (problems, 0))->path), >=, PATH_MAX);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hostile/empty-tag", test_empty_tag);
  g_test_add_func ("/hostile/nul-in-tags", test_nul_in_tags);
  for (guint i = 0; i < G_N_ELEMENTS (fill_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/hostile/huge-fill/%s", fill_cases[i].name);
      g_test_add_data_func (path, &fill_cases[i], test_huge_fill);
    }
  for (guint i = 0; i < G_N_ELEMENTS (tail_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/hostile/huge-tail/%s", tail_cases[i].name);
      g_test_add_data_func (path, &tail_cases[i], test_huge_tail);
    }
  g_test_add_func ("/hostile/fifo", test_fifo);
  g_test_add_func ("/hostile/extreme-steps", test_extreme_steps);
  g_test_add_func ("/hostile/deeper-than-path-max", test_deeper_than_path_max);

  return g_test_run ();
}
