/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Problem codes in the user's language: the mapping itself, and
 * `converge --inspect` in a German session on a file with a bad checksum. */

#define G_LOG_DOMAIN "test-problem-text"

#include "config.h"

#include <glib/gstdio.h>

#include "cvg-problem-text.h"
#include "cvg-test-files.h"
#include "cvg-test-fixtures.h"

static void
test_every_code (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (CvgIoErrorCode code = CVG_IO_ERROR_FAILED; code <= CVG_IO_ERROR_CHANGED; code++)
    {
      g_autoptr(CvgProblem) problem = cvg_problem_new ("/logs/run/events", 8, code, NULL);
      char *text = cvg_problem_describe (problem);

      g_assert_cmpstr (text, !=, "");
      g_assert_false (g_hash_table_contains (seen, text));
      g_hash_table_add (seen, text);
    }
}

/* The reader's words follow where they say more than the code. */
static void
test_details (void)
{
  g_autoptr(CvgProblem) decode = cvg_problem_new ("/logs/e", 3, CVG_IO_ERROR_DECODE, "tag 'loss': bad tensor");
  g_autoptr(CvgProblem) crc = cvg_problem_new ("/logs/e", 3, CVG_IO_ERROR_BAD_DATA_CRC, "bad data checksum; record skipped");
  g_autoptr(CvgProblem) unknown = cvg_problem_new ("/logs/e", 3, (CvgIoErrorCode) 999, "odd");
  g_autofree char *decode_text = cvg_problem_describe (decode);
  g_autofree char *crc_text = cvg_problem_describe (crc);
  g_autofree char *unknown_text = cvg_problem_describe (unknown);
  g_autofree char *line = cvg_problem_dup_line (crc);

  g_assert_cmpstr (decode_text, ==, "A record could not be decoded (tag 'loss': bad tensor)");
  g_assert_cmpstr (crc_text, ==, "A record fails its checksum and was skipped");
  g_assert_cmpstr (unknown_text, ==, "Something went wrong (odd)");
  g_assert_cmpstr (line, ==, "/logs/e:3: A record fails its checksum and was skipped");
}

static void
test_inspect_german (void)
{
  g_autofree char *fixtures = cvg_test_fixtures_make_logdir ();
  g_autofree char *source = g_build_filename (fixtures, "tf1", CVG_FIXTURE_FILE, NULL);
  g_autofree char *base = g_dir_make_tmp ("converge-problem-XXXXXX", NULL);
  g_autofree char *target = NULL;
  g_autofree char *data = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  const char *argv[] = { g_getenv ("CVG_CONVERGE"), "--inspect", base, NULL };
  const char *line;
  gsize length;
  int status;

  g_assert_true (g_file_get_contents (source, &data, &length, &error));
  g_assert_no_error (error);
  cvg_test_remove_tree (fixtures);
  g_assert_nonnull (argv[0]);
  /* The last record's payload, one byte flipped. */
  data[length - 16] ^= 0x55;
  target = g_build_filename (base, "events.out.tfevents.1.damaged", NULL);
  g_assert_true (g_file_set_contents (target, data, length, &error));
  g_assert_no_error (error);

  /* LANGUAGE needs a locale other than C; C.UTF-8 is always there. */
  env = g_environ_setenv (env, "LANGUAGE", "de", TRUE);
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_test_message ("%s", out);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "\nProbleme (1):\n"));
  line = strstr (out, ".damaged:");
  g_assert_nonnull (line);
  g_assert_true (g_ascii_isdigit (line[strlen (".damaged:")]));
  g_assert_nonnull (strstr (line, ": Ein Datensatz passt nicht zu seiner Prüfsumme und wurde übersprungen\n"));

  g_assert_cmpint (g_remove (target), ==, 0);
  g_assert_cmpint (g_rmdir (base), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/problem-text/every-code", test_every_code);
  g_test_add_func ("/problem-text/details", test_details);
  g_test_add_func ("/problem-text/inspect-german", test_inspect_german);
  return g_test_run ();
}
