/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-test-remote"

#include "config.h"

#include "cvg-test-remote.h"

#include <string.h>

#include "cvg-test-corpus.h"

const char *
cvg_test_remote_env (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL)
    g_test_skip ("needs the loopback server: run through tests/remote/remote-server.sh "
                 "(meson test --suite remote)");
  return value;
}

void
cvg_test_remote_server (const char *action)
{
  g_autofree char *command = g_strdup_printf ("%s %s", g_getenv ("CVG_REMOTE_CTL"), action);
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

char *
cvg_test_remote_copy_corpus_set (const char *set,
                                 const char *as)
{
  const char *corpus = cvg_test_corpus_dir (CVG_TEST_CORPUS);
  g_autofree char *source = NULL;
  g_autoptr(GError) error = NULL;
  char *target;
  int status = -1;

  if (corpus == NULL)
    return NULL;
  source = g_build_filename (corpus, set, NULL);
  target = g_build_filename (g_getenv ("CVG_REMOTE_DIR"), as, NULL);
  {
    const char *argv[] = { "cp", "-r", source, target, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                                 &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return target;
}

static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  GLogWriterOutput output = g_log_writer_default (log_level, fields, n_fields, user_data);
  gboolean expected = FALSE;

  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
      expected = strstr (fields[i].value, "peer-to-peer connection failed") != NULL;
  if ((log_level & G_LOG_LEVEL_WARNING) != 0 && !expected)
    g_abort ();
  return output;
}

void
cvg_test_remote_init_logging (void)
{
  /* Warnings are made fatal here, in the writer, so that one can pass. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_log_set_writer_func (log_writer, NULL, NULL);
}
