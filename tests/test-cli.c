/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <json-glib/json-glib.h>

#include <float.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cvg-event-writer-private.h"
#include "cvg-inventory.h"
#include "cvg-test-corpus.h"
#include "cvg-tensor.h"

/* Runs the built `converge` and checks what it prints. Event files are
 * written with our own writer into temporary logs folders. */

#define BASE_TIME 1700000000.0

typedef struct
{
  int   status;
  char *out;
  gsize out_len;
  char *err;
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static char *
bytes_to_string (GBytes *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  return len > 0 ? g_strndup (data, len) : g_strdup ("");
}

/* Runs converge with the NULL-terminated arguments. */
static void
run_converge (Result     *result,
              const char *first_arg,
              ...)
{
  const char *converge = g_getenv ("CVG_CONVERGE");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_assert_nonnull (converge);
  g_ptr_array_add (argv, (gpointer) converge);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* The headless modes must work with no display; hide any there is, so a
   * mode-less call cannot open a window and wait. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  result->status = g_subprocess_get_exit_status (process);
  result->out = bytes_to_string (out);
  result->out_len = g_bytes_get_size (out);
  result->err = bytes_to_string (err);
  g_assert_cmpuint (strlen (result->out), ==, result->out_len);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      n++;
  return n;
}

/* A usage or open error: one line on stderr, nothing on stdout. */
static void
assert_one_line_error (const Result *result,
                       int           status,
                       const char   *prefix)
{
  g_assert_cmpint (result->status, ==, status);
  g_assert_cmpstr (result->out, ==, "");
  g_assert_cmpuint (count_lines (result->err), ==, 1);
  g_assert_true (g_str_has_suffix (result->err, "\n"));
  g_assert_true (g_str_has_prefix (result->err, prefix));
}

/* Temporary logs folders */

static char *
make_logdir (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp ("converge-cli-XXXXXX", &error);

  g_assert_no_error (error);
  return path;
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }
  g_assert_cmpint (g_remove (path), ==, 0);
}

/* A new event file name in @run; names sort in the order they were made. */
static char *
event_file_path (const char *logdir,
                 const char *run)
{
  static guint counter;
  g_autofree char *dir = g_build_filename (logdir, run, NULL);
  g_autofree char *name = g_strdup_printf ("events.out.tfevents.1700000000.test-host.%04u", counter++);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

/* An event file in @run, opened with `brain.Event:2`. */
static CvgEventWriter *
open_run (const char *logdir,
          const char *run)
{
  g_autofree char *path = event_file_path (logdir, run);
  g_autoptr(GError) error = NULL;
  CvgEventWriter *writer = cvg_event_writer_new (path, &error);

  g_assert_no_error (error);
  cvg_event_writer_write_file_version (writer, BASE_TIME, "brain.Event:2", &error);
  g_assert_no_error (error);
  return writer;
}

static void
close_run (CvgEventWriter *writer)
{
  g_autoptr(GError) error = NULL;

  cvg_event_writer_flush (writer, &error);
  g_assert_no_error (error);
  cvg_event_writer_free (writer);
}

/* How a point is written. */
typedef enum
{
  WRITE_TF1_FLOAT,       /* simple_value */
  WRITE_TF2_FLOAT,       /* float tensor */
  WRITE_DOUBLE,          /* double tensor, double_val */
  WRITE_DOUBLE_CONTENT,  /* double tensor, tensor_content */
} WriteAs;

typedef struct
{
  const char *run;
  const char *tag;
  WriteAs     write_as;
  gint64      step;
  double      wall_time;
  double      value;
} Point;

static gboolean
point_is_double (const Point *point)
{
  return point->write_as == WRITE_DOUBLE || point->write_as == WRITE_DOUBLE_CONTENT;
}

static void
write_point (CvgEventWriter *writer,
             const Point    *point)
{
  g_autoptr(GError) error = NULL;

  switch (point->write_as)
    {
    case WRITE_TF1_FLOAT:
    case WRITE_TF2_FLOAT:
      cvg_event_writer_write_scalar (writer,
                                     point->write_as == WRITE_TF1_FLOAT ? CVG_WRITER_STYLE_TF1 : CVG_WRITER_STYLE_TF2,
                                     point->wall_time, point->step, point->tag, (float) point->value, &error);
      break;
    case WRITE_DOUBLE:
    case WRITE_DOUBLE_CONTENT:
      cvg_event_writer_write_scalar_tensor (writer, point->wall_time, point->step, point->tag, CVG_DT_DOUBLE,
                                            point->value, point->write_as == WRITE_DOUBLE_CONTENT, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  g_assert_no_error (error);
}

/* Writes @points (grouped by run, in order) into @logdir. */
static void
write_points (const char  *logdir,
              const Point *points,
              gsize        n_points)
{
  for (gsize i = 0; i < n_points;)
    {
      CvgEventWriter *writer = open_run (logdir, points[i].run);
      const char *run = points[i].run;

      for (; i < n_points && strcmp (points[i].run, run) == 0; i++)
        write_point (writer, &points[i]);
      close_run (writer);
    }
}

static double
wall (double offset)
{
  return BASE_TIME + offset;
}

/* A tiny RFC 4180 reader: records of fields, each record ended by a line
 * break; quoted fields may hold separators, doubled quotes and breaks. */

static char *
parse_csv_field (const char **cursor,
                 const char  *end)
{
  const char *p = *cursor;
  GString *field = g_string_new (NULL);

  if (p < end && *p == '"')
    {
      for (p++;; p++)
        {
          g_assert_true (p < end);
          if (*p == '"')
            {
              if (p + 1 < end && p[1] == '"')
                p++;
              else
                break;
            }
          g_string_append_c (field, *p);
        }
      p++;
      g_assert_true (p == end || *p == ',' || *p == '\n' || *p == '\r');
    }
  else
    {
      for (; p < end && *p != ',' && *p != '\n' && *p != '\r'; p++)
        {
          g_assert_cmpint (*p, !=, '"');
          g_string_append_c (field, *p);
        }
    }
  *cursor = p;
  return g_string_free (field, FALSE);
}

static GPtrArray *
parse_csv (const char *text,
           gsize       len)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *p = text;
  const char *end = text + len;

  while (p < end)
    {
      GPtrArray *fields = g_ptr_array_new ();

      g_ptr_array_add (fields, parse_csv_field (&p, end));
      while (p < end && *p == ',')
        {
          p++;
          g_ptr_array_add (fields, parse_csv_field (&p, end));
        }
      if (p < end && *p == '\r')
        p++;
      g_assert_true (p < end && *p == '\n');
      p++;
      g_ptr_array_add (fields, NULL);
      g_ptr_array_add (records, g_ptr_array_free (fields, FALSE));
    }
  return records;
}

/* The records of a CSV export, after checking its header. */
static GPtrArray *
parse_export (const Result *result)
{
  GPtrArray *records = parse_csv (result->out, result->out_len);
  const char * const header[] = { "run", "tag", "step", "wall_time", "value", NULL };

  g_assert_cmpuint (records->len, >=, 1);
  g_assert_cmpstrv (g_ptr_array_index (records, 0), header);
  for (guint i = 0; i < records->len; i++)
    g_assert_cmpuint (g_strv_length (g_ptr_array_index (records, i)), ==, 5);
  return records;
}

static void
assert_same_value (const char *text,
                   double      expected,
                   gboolean    is_double)
{
  char *end = NULL;

  if (isnan (expected))
    {
      g_assert_cmpstr (text, ==, "nan");
      return;
    }
  if (isinf (expected))
    {
      g_assert_cmpstr (text, ==, expected > 0 ? "inf" : "-inf");
      return;
    }

  if (is_double)
    {
      double got = g_ascii_strtod (text, &end);

      g_assert_cmpmem (&got, sizeof got, &expected, sizeof expected);
    }
  else
    {
      float got = strtof (text, &end);
      float want = (float) expected;

      g_assert_cmpmem (&got, sizeof got, &want, sizeof want);
    }
  g_assert_cmpstr (end, ==, "");
}

static void
assert_row (char        **row,
            const Point  *point)
{
  const char *dot = strchr (row[3], '.');
  char *end = NULL;

  g_assert_cmpstr (row[0], ==, point->run);
  g_assert_cmpstr (row[1], ==, point->tag);
  g_assert_cmpint (g_ascii_strtoll (row[2], &end, 10), ==, point->step);
  g_assert_cmpstr (end, ==, "");
  g_assert_cmpfloat (g_ascii_strtod (row[3], &end), ==, point->wall_time);
  g_assert_cmpstr (end, ==, "");
  g_assert_nonnull (dot);
  g_assert_cmpuint (strlen (dot + 1), ==, 6);
  assert_same_value (row[4], point->value, point_is_double (point));
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const Point *pa = *(const Point * const *) a;
  const Point *pb = *(const Point * const *) b;
  int by_run = strcmp (pa->run, pb->run);

  if (by_run != 0)
    return by_run;
  return strcmp (pa->tag, pb->tag);
}

/* Rows as export must print them: runs sorted, tags sorted, points in
 * the order written (g_ptr_array_sort is stable). */
static GPtrArray *
expected_rows (const Point *points,
               gsize        n_points)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (gsize i = 0; i < n_points; i++)
    g_ptr_array_add (rows, (gpointer) &points[i]);
  g_ptr_array_sort (rows, compare_points);
  return rows;
}

/* Tests */

static void
test_version (void)
{
  g_auto(Result) result = { 0 };

  run_converge (&result, "--version", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==, "converge " PACKAGE_VERSION "\n");
  g_assert_cmpstr (result.err, ==, "");
}

static void
test_usage_errors (void)
{
  g_autofree char *logdir = make_logdir ();

  {
    g_auto(Result) result = { 0 };

    run_converge (&result, NULL);
    assert_one_line_error (&result, 2, "converge: ");
  }
  {
    g_auto(Result) result = { 0 };

    run_converge (&result, "--no-such-option", logdir, NULL);
    assert_one_line_error (&result, 2, "converge: ");
  }
  {
    g_auto(Result) result = { 0 };

    run_converge (&result, "--export", "xml", "--logdir", logdir, NULL);
    assert_one_line_error (&result, 2, "converge: ");
    g_assert_nonnull (strstr (result.err, "csv, json, text, audio, images, hparams or projection"));
  }
  {
    g_auto(Result) result = { 0 };

    run_converge (&result, "--export", "csv", NULL);
    assert_one_line_error (&result, 2, "converge: ");
  }
  {
    g_auto(Result) result = { 0 };

    run_converge (&result, "--inspect", "--export", "csv", logdir, NULL);
    assert_one_line_error (&result, 2, "converge: ");
  }
  {
    g_auto(Result) result = { 0 };

    run_converge (&result, "--inspect", logdir, logdir, NULL);
    assert_one_line_error (&result, 2, "converge: ");
  }
  {
    g_auto(Result) result = { 0 };

    run_converge (&result, "--inspect", "--tag", "loss", logdir, NULL);
    assert_one_line_error (&result, 2, "converge: ");
  }

  remove_tree (logdir);
}

static void
test_missing_logdir (void)
{
  g_autofree char *logdir = make_logdir ();
  g_autofree char *missing = g_build_filename (logdir, "no-such-folder", NULL);
  g_autofree char *expected = g_strdup_printf ("converge: cannot open logs folder '%s': ", missing);

  {
    g_auto(Result) result = { 0 };

    run_converge (&result, "--inspect", missing, NULL);
    assert_one_line_error (&result, 1, expected);
  }
  {
    g_auto(Result) result = { 0 };

    run_converge (&result, "--inspect", "--logdir", missing, NULL);
    assert_one_line_error (&result, 1, expected);
  }
  {
    g_auto(Result) result = { 0 };

    run_converge (&result, "--export", "csv", "--logdir", missing, NULL);
    assert_one_line_error (&result, 1, expected);
  }
  {
    g_autofree char *file = g_build_filename (logdir, "a-file", NULL);
    g_autofree char *not_folder = g_strdup_printf ("converge: cannot open logs folder '%s': ", file);
    g_auto(Result) result = { 0 };

    g_assert_true (g_file_set_contents (file, "", 0, NULL));
    run_converge (&result, "--inspect", file, NULL);
    assert_one_line_error (&result, 1, not_folder);
  }

  remove_tree (logdir);
}

static void
test_empty_logdir (void)
{
  g_autofree char *logdir = make_logdir ();

  {
    g_auto(Result) result = { 0 };

    run_converge (&result, "--inspect", logdir, NULL);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_cmpstr (result.err, ==, "");
    g_assert_nonnull (strstr (result.out, ": 0 runs, 0 files, 0 records, 0 bytes\n"));
    g_assert_nonnull (strstr (result.out, "\nNo runs: "));
    g_assert_nonnull (strstr (result.out, "\nProblems: none\n"));
  }
  {
    g_auto(Result) result = { 0 };

    run_converge (&result, "--export", "csv", "--logdir", logdir, NULL);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_cmpstr (result.out, ==, "run,tag,step,wall_time,value\n");
  }
  {
    g_auto(Result) result = { 0 };

    run_converge (&result, "--export", "json", "--logdir", logdir, NULL);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_cmpstr (result.out, ==, "{}\n");
  }

  remove_tree (logdir);
}

static void
test_export_csv_round_trip (void)
{
  const char *odd_run = "run, \"quoted\" ✓";
  const Point points[] = {
    { "plain", "zeta float", WRITE_TF1_FLOAT, 0, wall (0), 0.1f },
    { "plain", "zeta float", WRITE_TF1_FLOAT, 1, wall (0.25), 1.0f / 3.0f },
    { "plain", "zeta float", WRITE_TF1_FLOAT, 2, wall (0.5), -0.0f },
    { "plain", "zeta float", WRITE_TF1_FLOAT, 3, wall (0.75), FLT_MIN },
    { "plain", "zeta float", WRITE_TF1_FLOAT, 4, wall (1), 1e-45f },
    { "plain", "zeta float", WRITE_TF1_FLOAT, 5, wall (1.25), FLT_MAX },
    { "plain", "zeta float", WRITE_TF1_FLOAT, 6, wall (1.5), -16777216.0f },
    { "plain", "loss, total", WRITE_TF2_FLOAT, 0, wall (2), NAN },
    { "plain", "loss, total", WRITE_TF2_FLOAT, 1, wall (2.5), INFINITY },
    { "plain", "loss, total", WRITE_TF2_FLOAT, 2, wall (3), -INFINITY },
    { "plain", "loss, total", WRITE_TF2_FLOAT, 3, wall (3.5), 2.7182817f },
    { "plain", "say \"hi\"", WRITE_TF1_FLOAT, 10, wall (4), 0.3f },
    { "plain", " padded ", WRITE_TF1_FLOAT, 11, wall (4.5), 7.0f },
    { "plain", "ünïcødé/損失 🚀", WRITE_TF1_FLOAT, 12, wall (5), 123456.789f },
    { "plain", "line\nbreak\r\nand, more", WRITE_TF2_FLOAT, 13, wall (5.5), -1e-7f },
    { "plain", "double", WRITE_DOUBLE, 1099511627776, wall (6), 0.1 },
    { "plain", "double", WRITE_DOUBLE, 1099511627777, wall (6.25), G_PI },
    { "plain", "double", WRITE_DOUBLE, 1099511627778, wall (6.5), 1e-300 },
    { "plain", "double", WRITE_DOUBLE, 1099511627779, wall (6.75), DBL_MAX },
    { "plain", "double", WRITE_DOUBLE, 1099511627780, wall (7), 5e-324 },
    { "plain", "double", WRITE_DOUBLE, 1099511627781, wall (7.25), -0.0 },
    { "plain", "double", WRITE_DOUBLE, 1099511627782, wall (7.5), NAN },
    { "plain", "double", WRITE_DOUBLE, 1099511627783, wall (7.75), -INFINITY },
    { "plain", "double content", WRITE_DOUBLE_CONTENT, -5, wall (8), 1.0 / 3.0 },
    { "plain", "double content", WRITE_DOUBLE_CONTENT, -4, wall (8.5), 16777217.0 },
    { odd_run, "b", WRITE_TF1_FLOAT, 0, wall (9), 0.5f },
    { odd_run, "a", WRITE_TF1_FLOAT, 0, wall (9.5), 0.25f },
    { odd_run, "a", WRITE_TF1_FLOAT, 1, wall (10), 0.125f },
  };
  g_autofree char *logdir = make_logdir ();
  g_autoptr(GPtrArray) expected = expected_rows (points, G_N_ELEMENTS (points));
  g_autoptr(GPtrArray) records = NULL;
  g_auto(Result) result = { 0 };

  write_points (logdir, points, G_N_ELEMENTS (points));
  run_converge (&result, "--export", "csv", "--logdir", logdir, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.err, ==, "");

  records = parse_export (&result);
  g_assert_cmpuint (records->len, ==, 1 + expected->len);
  for (guint i = 0; i < expected->len; i++)
    assert_row (g_ptr_array_index (records, i + 1), g_ptr_array_index (expected, i));

  /* 32-bit values print with %.9g, 64-bit ones with %.17g. */
  g_assert_nonnull (strstr (result.out, "\nplain,zeta float,0,1700000000.000000,0.100000001\n"));
  g_assert_nonnull (strstr (result.out, "\nplain,double,1099511627776,1700000006.000000,0.10000000000000001\n"));
  g_assert_nonnull (strstr (result.out, "\n\"run, \"\"quoted\"\" ✓\",a,0,"));

  remove_tree (logdir);
}

static void
test_export_json (void)
{
  const Point points[] = {
    { "a", "nonfinite", WRITE_TF1_FLOAT, 0, wall (0), NAN },
    { "a", "nonfinite", WRITE_TF1_FLOAT, 1, wall (0.25), INFINITY },
    { "a", "nonfinite", WRITE_TF1_FLOAT, 2, wall (0.5), -INFINITY },
    { "a", "d", WRITE_DOUBLE, 3, wall (0.75), 0.1 },
    { "a", "ctl\t\x01\n/ü", WRITE_TF2_FLOAT, 4, wall (1), 1.25f },
    { "b\"run\\", "x", WRITE_TF1_FLOAT, -1, wall (1.5), 0.1f },
  };
  const char *expected =
    "{\n"
    "  \"a\": {\n"
    "    \"ctl\\t\\u0001\\n/ü\": [\n"
    "      [1700000001.000000, 4, 1.25]\n"
    "    ],\n"
    "    \"d\": [\n"
    "      [1700000000.750000, 3, 0.10000000000000001]\n"
    "    ],\n"
    "    \"nonfinite\": [\n"
    "      [1700000000.000000, 0, \"NaN\"],\n"
    "      [1700000000.250000, 1, \"Infinity\"],\n"
    "      [1700000000.500000, 2, \"-Infinity\"]\n"
    "    ]\n"
    "  },\n"
    /* The run's backslash is doubled by the name escape (cvg-utf8.h), then by JSON. */
    "  \"b\\\"run\\\\\\\\\": {\n"
    "    \"x\": [\n"
    "      [1700000001.500000, -1, 0.100000001]\n"
    "    ]\n"
    "  }\n"
    "}\n";
  g_autofree char *logdir = make_logdir ();
  g_autoptr(GError) error = NULL;
  CvgEventWriter *writer;

  write_points (logdir, points, G_N_ELEMENTS (points));
  /* Non-scalar series stay out of the export. */
  writer = open_run (logdir, "a");
  cvg_event_writer_write_text (writer, wall (2), 0, "notes", "not a scalar", &error);
  g_assert_no_error (error);
  close_run (writer);

  {
    g_auto(Result) result = { 0 };

    run_converge (&result, "--export", "json", "--logdir", logdir, NULL);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_cmpstr (result.err, ==, "");
    g_assert_cmpstr (result.out, ==, expected);
  }
  {
    g_auto(Result) result = { 0 };

    run_converge (&result, "--export", "json", "--logdir", logdir, "--tag", "no such tag", NULL);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_cmpstr (result.out, ==, "{}\n");
  }

  remove_tree (logdir);
}

/* The distinct run/tag pairs of a CSV export, in order, as "run:tag ...". */
static char *
exported_pairs (const char *logdir,
                const char *run_pattern,
                const char *tag_pattern)
{
  const char *argv[8] = { "--export", "csv", "--logdir", logdir };
  guint argc = 4;
  g_auto(Result) result = { 0 };
  g_autoptr(GPtrArray) records = NULL;
  GString *pairs = g_string_new (NULL);
  g_autofree char *last = NULL;

  if (run_pattern != NULL)
    {
      argv[argc++] = "--run";
      argv[argc++] = run_pattern;
    }
  if (tag_pattern != NULL)
    {
      argv[argc++] = "--tag";
      argv[argc++] = tag_pattern;
    }
  run_converge (&result, argv[0], argv[1], argv[2], argv[3], argv[4], argv[5], argv[6], argv[7], NULL);
  g_assert_cmpint (result.status, ==, 0);

  records = parse_export (&result);
  for (guint i = 1; i < records->len; i++)
    {
      char **row = g_ptr_array_index (records, i);
      g_autofree char *pair = g_strdup_printf ("%s:%s", row[0], row[1]);

      if (g_strcmp0 (pair, last) == 0)
        continue;
      g_string_append_printf (pairs, pairs->len > 0 ? " %s" : "%s", pair);
      g_free (last);
      last = g_steal_pointer (&pair);
    }
  return g_string_free (pairs, FALSE);
}

static void
test_export_filters (void)
{
  const char *runs[] = { "train", "eval", "train_b" };
  const char *tags[] = { "loss", "acc", "loss/aux" };
  g_autofree char *logdir = make_logdir ();

  for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
    {
      CvgEventWriter *writer = open_run (logdir, runs[r]);

      for (guint t = 0; t < G_N_ELEMENTS (tags); t++)
        for (gint64 step = 0; step < 3; step++)
          {
            const Point point = { runs[r], tags[t], WRITE_TF1_FLOAT, step, wall (step), step * 0.5 };

            write_point (writer, &point);
          }
      close_run (writer);
    }

#define ASSERT_PAIRS(run, tag, expected) \
  G_STMT_START { \
    g_autofree char *pairs = exported_pairs (logdir, run, tag); \
    g_assert_cmpstr (pairs, ==, expected); \
  } G_STMT_END

  ASSERT_PAIRS (NULL, NULL,
                "eval:acc eval:loss eval:loss/aux "
                "train:acc train:loss train:loss/aux "
                "train_b:acc train_b:loss train_b:loss/aux");
  ASSERT_PAIRS ("^train$", NULL, "train:acc train:loss train:loss/aux");
  ASSERT_PAIRS (NULL, "loss", "eval:loss eval:loss/aux train:loss train:loss/aux train_b:loss train_b:loss/aux");
  ASSERT_PAIRS ("ain", "^acc$|aux", "train:acc train:loss/aux train_b:acc train_b:loss/aux");
  ASSERT_PAIRS ("nothing", NULL, "");

#undef ASSERT_PAIRS

  {
    g_auto(Result) result = { 0 };

    run_converge (&result, "--export", "csv", "--logdir", logdir, "--tag", "(", NULL);
    assert_one_line_error (&result, 2, "converge: ");
    g_assert_nonnull (strstr (result.err, "--tag"));
  }
  {
    g_auto(Result) result = { 0 };

    run_converge (&result, "--export", "json", "--logdir", logdir, "--run", "[a-", NULL);
    assert_one_line_error (&result, 2, "converge: ");
    g_assert_nonnull (strstr (result.err, "--run"));
  }

  remove_tree (logdir);
}

/* steps and values of a CSV export of one series, as "step=value ...". */
static char *
exported_points (const Result *result)
{
  g_autoptr(GPtrArray) records = parse_export (result);
  GString *points = g_string_new (NULL);

  for (guint i = 1; i < records->len; i++)
    {
      char **row = g_ptr_array_index (records, i);

      g_string_append_printf (points, i > 1 ? " %s=%s" : "%s=%s", row[2], row[4]);
    }
  return g_string_free (points, FALSE);
}

/* TensorBoard ignores a run's first START; each later one purges the
 * points at or after its step. */
static void
write_restarted_run (const char *logdir)
{
  CvgEventWriter *writer = open_run (logdir, "restarted");
  g_autoptr(GError) error = NULL;

  cvg_event_writer_write_session_log (writer, wall (0), 0, TENSORBOARD__SESSION_LOG__SESSION_STATUS__START, &error);
  g_assert_no_error (error);
  for (gint64 step = 0; step < 10; step++)
    {
      const Point point = { "restarted", "loss", WRITE_TF1_FLOAT, step, wall (step), step };

      write_point (writer, &point);
    }
  cvg_event_writer_write_session_log (writer, wall (20), 5, TENSORBOARD__SESSION_LOG__SESSION_STATUS__START, &error);
  g_assert_no_error (error);
  for (gint64 step = 5; step < 8; step++)
    {
      const Point point = { "restarted", "loss", WRITE_TF1_FLOAT, step, wall (20 + step), 100 + step };

      write_point (writer, &point);
    }
  close_run (writer);
}

static void
test_export_purge (void)
{
  g_autofree char *logdir = make_logdir ();

  write_restarted_run (logdir);
  {
    g_auto(Result) result = { 0 };
    g_autofree char *points = NULL;

    run_converge (&result, "--export", "csv", "--logdir", logdir, NULL);
    g_assert_cmpint (result.status, ==, 0);
    points = exported_points (&result);
    g_assert_cmpstr (points, ==, "0=0 1=1 2=2 3=3 4=4 5=105 6=106 7=107");
  }
  {
    g_auto(Result) result = { 0 };
    g_autofree char *points = NULL;

    run_converge (&result, "--export", "csv", "--logdir", logdir, "--raw", NULL);
    g_assert_cmpint (result.status, ==, 0);
    points = exported_points (&result);
    g_assert_cmpstr (points, ==, "0=0 1=1 2=2 3=3 4=4 5=5 6=6 7=7 8=8 9=9 5=105 6=106 7=107");
  }
  {
    g_auto(Result) result = { 0 };

    run_converge (&result, "--export", "json", "--logdir", logdir, NULL);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_nonnull (strstr (result.out, "[1700000004.000000, 4, 4],\n      [1700000025.000000, 5, 105]"));
  }

  remove_tree (logdir);
}

/* The row of @tag in an inspect report, or NULL. */
static char *
find_row (const char *report,
          const char *tag)
{
  g_auto(GStrv) lines = g_strsplit (report, "\n", -1);
  g_autofree char *prefix = g_strdup_printf ("  %s ", tag);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strdup (lines[i]);
  return NULL;
}

/* The whitespace-separated words of @row. */
static GStrv
row_words (const char *row)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit_set (row, " ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

/* A run written twice without a SessionLog, the second pass shorter,
 * and three tags that differ only in invalid UTF-8 bytes. */
static void
test_restart_and_invalid_names (void)
{
  g_autofree char *logdir = make_logdir ();
  static const char *tags[] = { "t\xff", "t\xfe", "t\xef\xbf\xbd" };
  CvgEventWriter *writer = open_run (logdir, "restarted");

  for (gint64 step = 0; step <= 100; step++)
    {
      const Point point = { "restarted", "loss", WRITE_TF1_FLOAT, step, wall (step), step };

      write_point (writer, &point);
    }
  for (gint64 step = 0; step <= 50; step++)
    {
      const Point point = { "restarted", "loss", WRITE_TF1_FLOAT, step, wall (200 + step), step };

      write_point (writer, &point);
    }
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      const Point point = { "restarted", tags[i], WRITE_TF1_FLOAT, 0, wall (0), i };

      write_point (writer, &point);
    }
  close_run (writer);

  {
    g_auto(Result) result = { 0 };
    g_autofree char *loss = NULL;
    g_auto(GStrv) words = NULL;

    run_converge (&result, "--inspect", logdir, NULL);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_true (g_utf8_validate (result.out, -1, NULL));
    loss = find_row (result.out, "loss");
    g_assert_nonnull (loss);
    words = row_words (loss);
    g_assert_cmpstr (words[3], ==, "152");
    g_assert_cmpstr (words[4], ==, "0..100");
    g_assert_cmpstr (words[5], ==, "(2");
    g_assert_cmpstr (words[6], ==, "passes)");
    for (guint i = 0; i < 2; i++)
      {
        g_autofree char *row = find_row (result.out, i == 0 ? "t\\xff" : "t\\xfe");

        g_assert_nonnull (row);
      }
  }
  {
    g_auto(Result) result = { 0 };
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;
    JsonObject *run;

    run_converge (&result, "--export", "json", "--logdir", logdir, NULL);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_true (g_utf8_validate (result.out, result.out_len, NULL));
    json_parser_load_from_data (parser, result.out, result.out_len, &error);
    g_assert_no_error (error);
    run = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "restarted");
    g_assert_cmpuint (json_object_get_size (run), ==, 4);
    g_assert_true (json_object_has_member (run, "t\\xff"));
    g_assert_true (json_object_has_member (run, "t\\xfe"));
    g_assert_true (json_object_has_member (run, "t\xef\xbf\xbd"));
  }
  {
    g_auto(Result) result = { 0 };

    run_converge (&result, "--export", "csv", "--logdir", logdir, NULL);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_true (g_utf8_validate (result.out, result.out_len, NULL));
    g_assert_nonnull (strstr (result.out, "\nrestarted,t\\xff,0,"));
  }

  remove_tree (logdir);
}

static void
test_inspect_kinds (void)
{
  g_autofree char *logdir = make_logdir ();
  const double samples[] = { 0.5, 1.5, 2.5, 3.5, 4.5 };
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr(GBytes) graph = cvg_graph_def_build_chain (NULL, NULL, 4);
  g_autoptr(GError) error = NULL;
  CvgEventWriter *writer = open_run (logdir, "kinds");
  const Point scalar = { "kinds", "acc", WRITE_DOUBLE, 7, wall (1), 0.75 };

  write_point (writer, &scalar);
  cvg_event_writer_write_histogram (writer, CVG_WRITER_STYLE_TF2, wall (2), 3, "weights", samples, 5, 4, &error);
  g_assert_no_error (error);
  cvg_event_writer_write_image (writer, CVG_WRITER_STYLE_TF1, wall (3), 4, "digit", 28, 14, 1, png, sizeof png, &error);
  g_assert_no_error (error);
  cvg_event_writer_write_graph_def (writer, wall (4), g_bytes_get_data (graph, NULL), g_bytes_get_size (graph), &error);
  g_assert_no_error (error);
  cvg_event_writer_write_text (writer, wall (5), 9, "notes", "hello", &error);
  g_assert_no_error (error);
  close_run (writer);
  write_restarted_run (logdir);

  {
    g_auto(Result) result = { 0 };
    g_autofree char *graph_size = g_strdup_printf ("%" G_GSIZE_FORMAT, g_bytes_get_size (graph));
    struct { const char *tag; const char *words; } rows[] = {
      { "acc", "acc scalar tensor 1 7 0.75" },
      { "weights", "weights histogram tensor 1 3 4 buckets" },
      { "digit", "digit image Summary.Image 1 4 28x14" },
      { "notes", "notes text tensor 1 9 \"hello\"" },
      { "loss", "loss scalar simple_value 8 0..7 107 (5 purged by restarts)" },
    };
    g_autofree char *graph_row = NULL;
    g_auto(GStrv) graph_words = NULL;

    run_converge (&result, "--inspect", logdir, NULL);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_cmpstr (result.err, ==, "");
    g_assert_nonnull (strstr (result.out, "\nRun kinds: 1 file, "));
    g_assert_nonnull (strstr (result.out, "\nRun restarted: 1 file, 16 records, "));
    g_assert_nonnull (strstr (result.out, "\nProblems: none\n"));

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        g_autofree char *row = find_row (result.out, rows[i].tag);
        g_auto(GStrv) words = NULL;
        g_autofree char *joined = NULL;

        g_assert_nonnull (row);
        words = row_words (row);
        joined = g_strjoinv (" ", words);
        g_assert_cmpstr (joined, ==, rows[i].words);
      }

    graph_row = find_row (result.out, "<graph>");
    g_assert_nonnull (graph_row);
    graph_words = row_words (graph_row);
    g_assert_cmpuint (g_strv_length (graph_words), ==, 7);
    g_assert_cmpstr (graph_words[5], ==, graph_size);
    g_assert_cmpstr (graph_words[6], ==, "bytes");
  }
  {
    g_auto(Result) result = { 0 };
    g_autofree char *row = NULL;
    g_auto(GStrv) words = NULL;

    run_converge (&result, "--inspect", "--raw", "--logdir", logdir, NULL);
    g_assert_cmpint (result.status, ==, 0);
    row = find_row (result.out, "loss");
    g_assert_nonnull (row);
    words = row_words (row);
    /* Every point read: min..max over both passes, and how many. */
    g_assert_cmpstr (words[3], ==, "13");
    g_assert_cmpstr (words[4], ==, "0..9");
    g_assert_cmpstr (words[5], ==, "(2");
    g_assert_cmpstr (words[6], ==, "passes)");
    g_assert_null (strstr (row, "purged"));
  }
  {
    g_auto(Result) inspect = { 0 };
    g_auto(Result) plain = { 0 };

    /* Without a mode a folder opens in the window; with no display that
     * is a one-line usage error pointing at the headless modes. */
    run_converge (&inspect, "--inspect", logdir, NULL);
    run_converge (&plain, logdir, NULL);
    g_assert_cmpint (inspect.status, ==, 0);
    g_assert_cmpint (plain.status, ==, 2);
    g_assert_cmpstr (plain.out, ==, "");
    g_assert_cmpuint (count_lines (plain.err), ==, 1);
    g_assert_nonnull (strstr (plain.err, "--inspect"));
  }

  remove_tree (logdir);
}

/* A file whose second record has a bad data CRC, in run "damaged". */
static void
test_problems (void)
{
  g_autofree char *logdir = make_logdir ();
  g_autofree char *path = event_file_path (logdir, "damaged");
  g_autoptr(CvgEventWriter) writer = cvg_event_writer_new_memory ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *data = NULL;
  g_autofree char *location = NULL;
  gsize len;
  guint64 first_len, second_offset;

  cvg_event_writer_write_file_version (writer, BASE_TIME, "brain.Event:2", &error);
  g_assert_no_error (error);
  for (gint64 step = 0; step < 3; step++)
    {
      const Point point = { "damaged", "loss", WRITE_TF1_FLOAT, step, wall (step), step };

      write_point (writer, &point);
    }
  bytes = cvg_event_writer_steal_bytes (writer);
  data = g_bytes_unref_to_data (g_steal_pointer (&bytes), &len);

  /* Framing: 8-byte length, 4-byte CRC, data, 4-byte CRC. */
  memcpy (&first_len, data, 8);
  second_offset = 16 + GUINT64_FROM_LE (first_len);
  g_assert_cmpuint (second_offset + 20, <, len);
  data[second_offset + 14] ^= 0x40;
  g_file_set_contents (path, (const char *) data, len, &error);
  g_assert_no_error (error);
  location = g_strdup_printf ("%s:%" G_GUINT64_FORMAT ": ", path, second_offset);

  {
    g_auto(Result) result = { 0 };
    g_autofree char *line = g_strdup_printf ("\nProblems (1):\n  %s", location);

    run_converge (&result, "--inspect", logdir, NULL);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_cmpstr (result.err, ==, "");
    g_assert_nonnull (strstr (result.out, line));
  }
  {
    g_auto(Result) result = { 0 };
    g_autofree char *line = g_strdup_printf ("converge: %s", location);

    g_autofree char *points = NULL;

    /* The damaged record is skipped, the rest is exported. */
    run_converge (&result, "--export", "csv", "--logdir", logdir, NULL);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_cmpuint (count_lines (result.err), ==, 1);
    g_assert_true (g_str_has_prefix (result.err, line));
    points = exported_points (&result);
    g_assert_cmpstr (points, ==, "1=1 2=2");
  }

  remove_tree (logdir);
}

/* Corpus */

static guint64
count_records (const CvgInvRun *run)
{
  guint64 records = 0;

  for (guint i = 0; i < run->files->len; i++)
    records += ((const CvgInvFile *) g_ptr_array_index (run->files, i))->records;
  return records;
}

static void
test_corpus_inspect (void)
{
  const char *dir = cvg_test_corpus_dir (CVG_TEST_CORPUS);
  g_autofree char *inventory_path = NULL;
  g_autoptr(GHashTable) reports = NULL;
  g_autoptr(GError) error = NULL;
  CvgInventory *inventory;

  if (dir == NULL)
    return;

  inventory_path = g_build_filename (dir, "INVENTORY.txt", NULL);
  inventory = cvg_inventory_load (inventory_path, &error);
  g_assert_no_error (error);
  reports = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < inventory->runs->len; i++)
    {
      const CvgInvRun *run = g_ptr_array_index (inventory->runs, i);
      guint n_files = run->files->len;
      guint64 n_records = count_records (run);
      const char *report = g_hash_table_lookup (reports, run->set);
      g_autofree char *header = NULL;

      if (report == NULL)
        {
          g_autofree char *set_dir = g_build_filename (dir, run->set, NULL);
          g_auto(Result) result = { 0 };

          run_converge (&result, "--inspect", set_dir, NULL);
          g_assert_cmpint (result.status, ==, 0);
          g_assert_cmpstr (result.err, ==, "");
          g_assert_nonnull (strstr (result.out, "\nProblems: none\n"));
          report = result.out;
          g_hash_table_insert (reports, g_strdup (run->set), g_steal_pointer (&result.out));
        }

      header = g_strdup_printf ("\nRun %s: %u %s, %" G_GUINT64_FORMAT " %s, ",
                                run->relative,
                                n_files, n_files == 1 ? "file" : "files",
                                n_records, n_records == 1 ? "record" : "records");
      if (strstr (report, header) == NULL)
        g_test_fail_printf ("set %s: no line starting '%s'", run->set, header + 1);
    }
  cvg_inventory_free (inventory);
}

static void
test_corpus_export (void)
{
  const char *dir = cvg_test_corpus_dir (CVG_TEST_CORPUS);
  g_autofree char *set_dir = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_auto(Result) result = { 0 };
  char **last;

  if (dir == NULL)
    return;

  set_dir = g_build_filename (dir, "tf1_triplet_projector", NULL);
  run_converge (&result, "--export", "csv", "--logdir", set_dir, "--tag", "^loss$", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.err, ==, "");

  records = parse_export (&result);
  g_assert_cmpuint (records->len, ==, 1 + 5775);
  for (guint i = 1; i < records->len; i++)
    {
      char **row = g_ptr_array_index (records, i);

      g_assert_cmpstr (row[0], ==, ".");
      g_assert_cmpstr (row[1], ==, "loss");
    }
  g_assert_cmpstr (((char **) g_ptr_array_index (records, 1))[2], ==, "0");
  last = g_ptr_array_index (records, records->len - 1);
  g_assert_cmpstr (last[2], ==, "57740");
  g_assert_cmpstr (last[4], ==, "0.0278863758");
}

static void
test_demo_inspect (void)
{
  const char *demo = g_getenv ("CVG_DEMO_LOGDIR");
  g_auto(Result) result = { 0 };

  g_assert_nonnull (demo);
  run_converge (&result, "--inspect", demo, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.err, ==, "");
  g_assert_nonnull (strstr (result.out, "\nRun run1"));
  g_assert_nonnull (strstr (result.out, "\nRun run2"));
  g_assert_nonnull (strstr (result.out, " scalar "));
  g_assert_nonnull (strstr (result.out, "\nProblems: none\n"));
}

/* --group: a's seeds logged at different steps, aligned on the union
 * within the steps both cover, b a group of one. Worked out by hand:
 * a_seed0 is y = x at 0, 2, 4 (1 and 3 interpolated), a_seed1 y = 10x
 * at 1, 2, 3; so at 1: (1 + 10) / 2 = 5.5, 2: 11, 3: 16.5. */
static void
test_export_groups (void)
{
  const Point points[] = {
    { "a_seed0", "loss", WRITE_TF1_FLOAT, 0, wall (0), 0 },
    { "a_seed0", "loss", WRITE_TF1_FLOAT, 2, wall (1), 2 },
    { "a_seed0", "loss", WRITE_TF1_FLOAT, 4, wall (2), 4 },
    { "a_seed1", "loss", WRITE_TF1_FLOAT, 1, wall (0), 10 },
    { "a_seed1", "loss", WRITE_TF1_FLOAT, 2, wall (1), 20 },
    { "a_seed1", "loss", WRITE_TF1_FLOAT, 3, wall (2), 30 },
    { "b_seed0", "loss", WRITE_TF1_FLOAT, 0, wall (0), 7 },
    { "b_seed0", "loss", WRITE_TF1_FLOAT, 1, wall (1), 7 },
  };
  g_autofree char *logdir = make_logdir ();

  write_points (logdir, points, G_N_ELEMENTS (points));
  {
    g_auto(Result) result = { 0 };

    run_converge (&result, "--export", "csv", "--logdir", logdir, "--group", "(.*)_seed\\d+", NULL);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_cmpstr (result.err, ==, "");
    g_assert_cmpstr (result.out, ==,
                     "group,tag,step,n,value,lower,upper\n"
                     "a,loss,1,2,5.5,1,10\n"
                     "a,loss,2,2,11,2,20\n"
                     "a,loss,3,2,16.5,3,30\n"
                     "b,loss,0,1,7,7,7\n"
                     "b,loss,1,1,7,7,7\n");
  }
  /* ±1 std of 2 and 20 (√162) and the median; --run first narrows. */
  {
    g_auto(Result) result = { 0 };
    g_autofree char *row = g_strdup_printf ("a,loss,2,2,11,%.17g,%.17g\n", 11 - sqrt (162), 11 + sqrt (162));

    run_converge (&result, "--export", "csv", "--logdir", logdir, "--group", "(.*)_seed\\d+",
                  "--aggregate", "median", "--band", "std", "--run", "^a", NULL);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_nonnull (strstr (result.out, row));
    g_assert_null (strstr (result.out, "\nb,"));
  }
  /* Misuse is a usage error. */
  {
    const char *bad[][4] = {
      { "--band", "wide", "--group", "x" },
      { "--aggregate", "mode", "--group", "x" },
      { "--aggregate", "mean", "--raw", "--raw" },
      { "--group", "(", "--raw", "--raw" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_auto(Result) result = { 0 };

        run_converge (&result, "--export", "csv", "--logdir", logdir, bad[i][0], bad[i][1], bad[i][2], bad[i][3], NULL);
        g_assert_cmpint (result.status, ==, 2);
      }
  }
  {
    g_auto(Result) result = { 0 };

    run_converge (&result, "--export", "json", "--logdir", logdir, "--group", "x", NULL);
    g_assert_cmpint (result.status, ==, 2);
  }
  remove_tree (logdir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/missing-logdir", test_missing_logdir);
  g_test_add_func ("/cli/empty-logdir", test_empty_logdir);
  g_test_add_func ("/cli/export/csv-round-trip", test_export_csv_round_trip);
  g_test_add_func ("/cli/export/json", test_export_json);
  g_test_add_func ("/cli/export/filters", test_export_filters);
  g_test_add_func ("/cli/export/purge", test_export_purge);
  g_test_add_func ("/cli/inspect/kinds", test_inspect_kinds);
  g_test_add_func ("/cli/inspect/restart-and-invalid-names", test_restart_and_invalid_names);
  g_test_add_func ("/cli/inspect/problems", test_problems);
  g_test_add_func ("/cli/inspect/demo", test_demo_inspect);
  g_test_add_func ("/cli/corpus/inspect", test_corpus_inspect);
  g_test_add_func ("/cli/corpus/export", test_corpus_export);
  g_test_add_func ("/cli/export/groups", test_export_groups);

  return g_test_run ();
}
