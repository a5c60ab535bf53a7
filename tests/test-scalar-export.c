/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-scalar-export"

#include "config.h"

#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "cvg-run.h"
#include "cvg-scalar-export.h"
#include "cvg-series.h"
#include "cvg-utf8.h"

static char *
csv_field (const char *field)
{
  GString *out = g_string_new (NULL);

  cvg_scalar_export_append_csv_field (out, field);
  return g_string_free (out, FALSE);
}

static char *
json_string (const char *text)
{
  GString *out = g_string_new (NULL);

  cvg_scalar_export_append_json_string (out, text);
  return g_string_free (out, FALSE);
}

static void
test_csv_quoting (void)
{
  static const char * const cases[][2] = {
    { "", "" },
    { "plain", "plain" },
    { "in side", "in side" },
    { "ünïcødé/損失 🚀", "ünïcødé/損失 🚀" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "\"", "\"\"\"\"" },
    { "line\nbreak", "\"line\nbreak\"" },
    { "cr\rhere", "\"cr\rhere\"" },
    { " lead", "\" lead\"" },
    { "trail ", "\"trail \"" },
    { " ", "\" \"" },
    { "tab\tis plain", "tab\tis plain" },
    { "run, \"quoted\" ✓", "\"run, \"\"quoted\"\" ✓\"" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *quoted = csv_field (cases[i][0]);

      g_assert_cmpstr (quoted, ==, cases[i][1]);
    }
}

/* The inverse of cvg_utf8_escape(), as the README documents it. */
static GString *
unescape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (p[0] == '\\' && p[1] == '\\')
        g_string_append_c (out, *++p);
      else if (p[0] == '\\' && p[1] == 'x' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3]))
        {
          g_string_append_c (out, (char) (g_ascii_xdigit_value (p[2]) * 16 + g_ascii_xdigit_value (p[3])));
          p += 3;
        }
      else
        {
          g_assert_cmpint (p[0], !=, '\\');
          g_string_append_c (out, *p);
        }
    }
  return out;
}

static void
test_utf8_escape (void)
{
  static const char * const cases[][2] = {
    { "", "" },
    { "loss/train", "loss/train" },
    { "損失 🚀", "損失 🚀" },
    { "a\\b", "a\\\\b" },
    { "a\xff", "a\\xff" },
    { "a\xff\x80", "a\\xff\\x80" },
    { "a\xffz", "a\\xffz" },
    { "a\xfe", "a\\xfe" },
    { "a\xef\xbf\xbd", "a\xef\xbf\xbd" },
    { "end\xe6\x90", "end\\xe6\\x90" },
    { "\xc3(\xc3\xa9", "\\xc3(\xc3\xa9" },
  };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = cvg_utf8_escape (cases[i][0], -1);
      g_autoptr(GString) back = unescape (escaped);

      g_assert_cmpstr (escaped, ==, cases[i][1]);
      g_assert_true (g_utf8_validate (escaped, -1, NULL));
      g_assert_cmpstr (back->str, ==, cases[i][0]);
      g_assert_true (g_hash_table_add (seen, g_steal_pointer (&escaped)));
    }

  /* With a length: an embedded NUL is a byte like any other. */
  {
    g_autofree char *escaped = cvg_utf8_escape ("a\0b", 3);

    g_assert_cmpstr (escaped, ==, "a\\x00b");
  }
}

/* Three tags that differ only in invalid bytes (or in U+FFFD, which a
 * lossy repair would make of them) stay three distinct names, in valid
 * UTF-8, in both formats. Names reach the export as runs and series keep
 * them: escaped when read. */
static void
test_invalid_utf8_names (void)
{
  static const char *tags[] = { "a\xff", "a\xfe", "a\xef\xbf\xbd", "a\\xff" };
  static const char *escaped[] = { "a\\xff", "a\\xfe", "a\xef\xbf\xbd", "a\\\\xff" };

  for (int format = CVG_SCALAR_EXPORT_CSV; format <= CVG_SCALAR_EXPORT_JSON; format++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(CvgScalarExport) writer = cvg_scalar_export_new (format, out);

      g_autoptr(CvgRun) named = cvg_run_new ("run\xc3", "/nonexistent");

      cvg_scalar_export_begin_run (writer, cvg_run_get_name (named));
      for (gsize i = 0; i < G_N_ELEMENTS (tags); i++)
        {
          g_autofree char *tag = cvg_utf8_escape (tags[i], -1);
          g_autoptr(CvgSeries) series = cvg_series_new (tag, CVG_KIND_SCALAR, CVG_ENCODING_SIMPLE_VALUE);

          cvg_series_append_scalar (series, (gint64) i, 1700000000.0, 1.0, CVG_SCALAR_FLOAT);
          cvg_scalar_export_add_series (writer, series, FALSE);
        }
      cvg_scalar_export_finish (writer);
      g_assert_true (g_utf8_validate (out->str, out->len, NULL));

      if (format == CVG_SCALAR_EXPORT_CSV)
        {
          for (gsize i = 0; i < G_N_ELEMENTS (tags); i++)
            {
              g_autofree char *row = g_strdup_printf ("\nrun\\xc3,%s,%" G_GSIZE_FORMAT ",", escaped[i], i);

              g_assert_nonnull (strstr (out->str, row));
            }
        }
      else
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_autoptr(GError) error = NULL;
          JsonObject *run;

          json_parser_load_from_data (parser, out->str, out->len, &error);
          g_assert_no_error (error);
          run = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "run\\xc3");
          g_assert_nonnull (run);
          g_assert_cmpuint (json_object_get_size (run), ==, G_N_ELEMENTS (tags));
          for (gsize i = 0; i < G_N_ELEMENTS (tags); i++)
            g_assert_true (json_object_has_member (run, escaped[i]));
        }
    }
}

static void
test_json_escaping (void)
{
  static const char * const cases[][2] = {
    { "", "\"\"" },
    { "loss/train", "\"loss/train\"" },
    { "b\"run\\", "\"b\\\"run\\\\\"" },
    { "ctl\t\x01\n/ü", "\"ctl\\t\\u0001\\n/ü\"" },
    { "\b\f\r\x1f\x7f", "\"\\b\\f\\r\\u001f\x7f\"" },
    { "損失 🚀", "\"損失 🚀\"" },
    /* Invalid UTF-8 becomes U+FFFD, one per byte (a lone continuation
     * byte, a truncated sequence), as g_utf8_make_valid() does. */
    { "a\x80z", "\"a\xef\xbf\xbdz\"" },
    { "end\xe6\x90", "\"end\xef\xbf\xbd\xef\xbf\xbd\"" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = json_string (cases[i][0]);

      g_assert_cmpstr (escaped, ==, cases[i][1]);
      g_assert_true (g_utf8_validate (escaped, -1, NULL));
    }
}

static void
test_non_finite (void)
{
  char buffer[CVG_SCALAR_EXPORT_NUMBER_SIZE];

  for (int is_double = 0; is_double <= 1; is_double++)
    {
      g_assert_cmpuint (cvg_scalar_export_format_value (buffer, NAN, is_double), ==, 3);
      g_assert_cmpstr (buffer, ==, "nan");
      g_assert_cmpuint (cvg_scalar_export_format_value (buffer, -NAN, is_double), ==, 3);
      g_assert_cmpstr (buffer, ==, "nan");
      g_assert_cmpuint (cvg_scalar_export_format_value (buffer, INFINITY, is_double), ==, 3);
      g_assert_cmpstr (buffer, ==, "inf");
      g_assert_cmpuint (cvg_scalar_export_format_value (buffer, -INFINITY, is_double), ==, 4);
      g_assert_cmpstr (buffer, ==, "-inf");
    }
  g_assert_cmpuint (cvg_scalar_export_format_wall_time (buffer, NAN), ==, 3);
  g_assert_cmpstr (buffer, ==, "nan");
  g_assert_cmpuint (cvg_scalar_export_format_wall_time (buffer, -INFINITY), ==, 4);
  g_assert_cmpstr (buffer, ==, "-inf");
}

static void
test_wall_time (void)
{
  char buffer[CVG_SCALAR_EXPORT_NUMBER_SIZE];
  gsize len;

  len = cvg_scalar_export_format_wall_time (buffer, 1700000000.25);
  g_assert_cmpstr (buffer, ==, "1700000000.250000");
  g_assert_cmpuint (len, ==, strlen (buffer));
  cvg_scalar_export_format_wall_time (buffer, 0);
  g_assert_cmpstr (buffer, ==, "0.000000");
  cvg_scalar_export_format_wall_time (buffer, -1.5);
  g_assert_cmpstr (buffer, ==, "-1.500000");
  /* The longest %.6f there is fits. */
  len = cvg_scalar_export_format_wall_time (buffer, -DBL_MAX);
  g_assert_cmpuint (len, ==, 1 + 309 + 7);
  g_assert_cmpuint (len, ==, strlen (buffer));
}

/* @value printed, then read back with strtof() or strtod(): the same bits. */
static void
assert_round_trip (double   value,
                   gboolean is_double)
{
  char buffer[CVG_SCALAR_EXPORT_NUMBER_SIZE];
  gsize len = cvg_scalar_export_format_value (buffer, value, is_double);
  char *end = NULL;

  g_assert_cmpuint (len, ==, strlen (buffer));
  if (is_double)
    {
      double back = strtod (buffer, &end);

      g_assert_cmpmem (&back, sizeof back, &value, sizeof value);
    }
  else
    {
      float single = value;
      float back = strtof (buffer, &end);

      g_assert_cmpmem (&back, sizeof back, &single, sizeof single);
    }
  g_assert_true (end == buffer + len);
}

static void
test_float_round_trip (void)
{
  const float values[] = { 0.1f, 1.0f / 3.0f, -0.0f, FLT_MIN, 1e-45f, FLT_MAX, -FLT_MAX,
                           -16777216.0f, 2.7182817f, 123456.789f, -1e-7f, 0.3f, 1.0f };
  char buffer[CVG_SCALAR_EXPORT_NUMBER_SIZE];

  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    assert_round_trip (values[i], FALSE);
  cvg_scalar_export_format_value (buffer, 0.1f, FALSE);
  g_assert_cmpstr (buffer, ==, "0.100000001");
  cvg_scalar_export_format_value (buffer, 1.0f, FALSE);
  g_assert_cmpstr (buffer, ==, "1");
}

static void
test_double_round_trip (void)
{
  const double values[] = { 0.1, G_PI, 1.0 / 3.0, -0.0, 1e-300, DBL_MAX, -DBL_MAX, DBL_MIN,
                            5e-324, 16777217.0, 1099511627776.5, -2.5e-17 };
  char buffer[CVG_SCALAR_EXPORT_NUMBER_SIZE];

  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    assert_round_trip (values[i], TRUE);
  cvg_scalar_export_format_value (buffer, 0.1, TRUE);
  g_assert_cmpstr (buffer, ==, "0.10000000000000001");
}

/* A decimal comma in the C library's locale changes nothing. */
static void
test_locale (void)
{
  const char *locales[] = { "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "de_DE", NULL };
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  char buffer[CVG_SCALAR_EXPORT_NUMBER_SIZE];
  const char *set = NULL;

  for (guint i = 0; locales[i] != NULL && set == NULL; i++)
    set = setlocale (LC_NUMERIC, locales[i]);
  if (set == NULL || localeconv ()->decimal_point[0] == '.')
    {
      setlocale (LC_NUMERIC, saved);
      g_test_skip ("no locale with a decimal comma");
      return;
    }
  cvg_scalar_export_format_value (buffer, 0.5, FALSE);
  g_assert_cmpstr (buffer, ==, "0.5");
  cvg_scalar_export_format_value (buffer, 0.1, TRUE);
  g_assert_cmpstr (buffer, ==, "0.10000000000000001");
  cvg_scalar_export_format_wall_time (buffer, 1.25);
  g_assert_cmpstr (buffer, ==, "1.250000");
  setlocale (LC_NUMERIC, saved);
}

static CvgSeries *
make_series (const char     *tag,
             CvgScalarWidth  width)
{
  CvgSeries *series = cvg_series_new (tag, CVG_KIND_SCALAR, CVG_ENCODING_SIMPLE_VALUE);

  /* A 32-bit series holds values that were floats. */
  cvg_series_append_scalar (series, -3, 1700000000.5, width == CVG_SCALAR_FLOAT ? 0.1f : 0.1, width);
  cvg_series_append_scalar (series, 1099511627776, 1700000001.0, NAN, width);
  cvg_series_append_scalar (series, 7, 1700000002.25, -INFINITY, width);
  return series;
}

static char *
export (CvgScalarExportFormat   format,
        CvgSeries             **series,
        gsize                   n_series)
{
  GString *out = g_string_new (NULL);
  g_autoptr(CvgScalarExport) writer = cvg_scalar_export_new (format, out);

  cvg_scalar_export_begin_run (writer, "empty run");
  for (gsize i = 0; i < n_series; i++)
    {
      if (i == 0)
        cvg_scalar_export_begin_run (writer, "run, \"1\"");
      else if (i == 1)
        cvg_scalar_export_begin_run (writer, "run 2");
      cvg_scalar_export_add_series (writer, series[i], FALSE);
    }
  cvg_scalar_export_finish (writer);
  return g_string_free (out, FALSE);
}

static void
test_writer (void)
{
  CvgSeries *series[] = {
    make_series ("float", CVG_SCALAR_FLOAT),
    make_series ("double", CVG_SCALAR_DOUBLE),
    make_series ("x", CVG_SCALAR_FLOAT),
  };
  g_autofree char *csv = export (CVG_SCALAR_EXPORT_CSV, series, G_N_ELEMENTS (series));
  g_autofree char *json = export (CVG_SCALAR_EXPORT_JSON, series, G_N_ELEMENTS (series));
  g_autofree char *csv_empty = export (CVG_SCALAR_EXPORT_CSV, NULL, 0);
  g_autofree char *json_empty = export (CVG_SCALAR_EXPORT_JSON, NULL, 0);

  g_assert_cmpstr (csv, ==,
                   "run,tag,step,wall_time,value\n"
                   "\"run, \"\"1\"\"\",float,-3,1700000000.500000,0.100000001\n"
                   "\"run, \"\"1\"\"\",float,1099511627776,1700000001.000000,nan\n"
                   "\"run, \"\"1\"\"\",float,7,1700000002.250000,-inf\n"
                   "run 2,double,-3,1700000000.500000,0.10000000000000001\n"
                   "run 2,double,1099511627776,1700000001.000000,nan\n"
                   "run 2,double,7,1700000002.250000,-inf\n"
                   "run 2,x,-3,1700000000.500000,0.100000001\n"
                   "run 2,x,1099511627776,1700000001.000000,nan\n"
                   "run 2,x,7,1700000002.250000,-inf\n");
  g_assert_cmpstr (json, ==,
                   "{\n"
                   "  \"run, \\\"1\\\"\": {\n"
                   "    \"float\": [\n"
                   "      [1700000000.500000, -3, 0.100000001],\n"
                   "      [1700000001.000000, 1099511627776, \"NaN\"],\n"
                   "      [1700000002.250000, 7, \"-Infinity\"]\n"
                   "    ]\n"
                   "  },\n"
                   "  \"run 2\": {\n"
                   "    \"double\": [\n"
                   "      [1700000000.500000, -3, 0.10000000000000001],\n"
                   "      [1700000001.000000, 1099511627776, \"NaN\"],\n"
                   "      [1700000002.250000, 7, \"-Infinity\"]\n"
                   "    ],\n"
                   "    \"x\": [\n"
                   "      [1700000000.500000, -3, 0.100000001],\n"
                   "      [1700000001.000000, 1099511627776, \"NaN\"],\n"
                   "      [1700000002.250000, 7, \"-Infinity\"]\n"
                   "    ]\n"
                   "  }\n"
                   "}\n");
  g_assert_cmpstr (csv_empty, ==, "run,tag,step,wall_time,value\n");
  g_assert_cmpstr (json_empty, ==, "{}\n");

  for (gsize i = 0; i < G_N_ELEMENTS (series); i++)
    cvg_series_free (series[i]);
}

/* Steps at the ends of their range, and the flush function called as the
 * output grows. */
static gboolean
count_flush (GString  *out,
             gpointer  user_data)
{
  GString *all = user_data;

  g_string_append_len (all, out->str, out->len);
  g_string_truncate (out, 0);
  return TRUE;
}

static void
test_flush (void)
{
  CvgSeries *series = cvg_series_new ("t", CVG_KIND_SCALAR, CVG_ENCODING_SIMPLE_VALUE);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(CvgScalarExport) writer = NULL;
  g_auto(GStrv) rows = NULL;
  const gsize n = 10000;

  for (gsize i = 0; i < n; i++)
    cvg_series_append_scalar (series, i == 0 ? G_MININT64 : i == 1 ? G_MAXINT64 : (gint64) i,
                              1.0, 2.0, CVG_SCALAR_FLOAT);

  writer = cvg_scalar_export_new (CVG_SCALAR_EXPORT_CSV, out);
  cvg_scalar_export_set_flush_func (writer, 1000, count_flush, all);
  cvg_scalar_export_begin_run (writer, "r");
  cvg_scalar_export_add_series (writer, series, TRUE);
  cvg_scalar_export_finish (writer);
  g_assert_cmpuint (out->len, <, 1000);
  g_assert_cmpuint (all->len, >, 0);
  g_string_append_len (all, out->str, out->len);

  rows = g_strsplit (all->str, "\n", -1);
  g_assert_cmpuint (g_strv_length (rows), ==, 1 + n + 1);
  g_assert_cmpstr (rows[1], ==, "r,t,-9223372036854775808,1.000000,2");
  g_assert_cmpstr (rows[2], ==, "r,t,9223372036854775807,1.000000,2");
  g_assert_cmpstr (rows[n], ==, "r,t,9999,1.000000,2");
  g_assert_cmpstr (rows[n + 1], ==, "");
  cvg_series_free (series);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/scalar-export/csv-quoting", test_csv_quoting);
  g_test_add_func ("/model/scalar-export/json-escaping", test_json_escaping);
  g_test_add_func ("/model/scalar-export/utf8-escape", test_utf8_escape);
  g_test_add_func ("/model/scalar-export/invalid-utf8-names", test_invalid_utf8_names);
  g_test_add_func ("/model/scalar-export/non-finite", test_non_finite);
  g_test_add_func ("/model/scalar-export/wall-time", test_wall_time);
  g_test_add_func ("/model/scalar-export/float-round-trip", test_float_round_trip);
  g_test_add_func ("/model/scalar-export/double-round-trip", test_double_round_trip);
  g_test_add_func ("/model/scalar-export/locale", test_locale);
  g_test_add_func ("/model/scalar-export/writer", test_writer);
  g_test_add_func ("/model/scalar-export/flush", test_flush);
  return g_test_run ();
}
