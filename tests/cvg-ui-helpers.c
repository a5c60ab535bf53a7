#define G_LOG_DOMAIN "cvg-ui-helpers"

#include "config.h"

#include "cvg-ui-helpers.h"

#include <adwaita.h>

#include "cvg-resources.h"
#include "cvg-test-corpus.h"

#define WAIT_TIMEOUT_MS 30000

void
cvg_ui_init (int    *argc,
             char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  g_resources_register (cvg_get_resource ());
}

/* Runs the main loop until @predicate holds or the timeout passes. */
gboolean
cvg_ui_wait_until (CvgUiPredicate predicate,
                   gpointer       data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;

  while (!predicate (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2 * G_TIME_SPAN_MILLISECOND);
    }
  return TRUE;
}

gboolean
cvg_ui_not_loading (gpointer data)
{
  return g_strcmp0 (cvg_window_get_state (data), "loading") != 0;
}

/* A few frames, so that lazily created widgets exist and have a size. */
void
cvg_ui_settle (void)
{
  gint64 end = g_get_monotonic_time () + 300 * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2 * G_TIME_SPAN_MILLISECOND);
}

CvgWindow *
cvg_ui_open_window (const char *path)
{
  CvgWindow *window = cvg_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  gtk_window_present (GTK_WINDOW (window));
  cvg_window_open_path (window, path);
  g_assert_true (cvg_ui_wait_until (cvg_ui_not_loading, window));
  return window;
}

/* NULL, and the test skipped or failed, without the corpus or its set. */
CvgWindow *
cvg_ui_open_corpus_window (const char *name)
{
  const char *dir = cvg_test_corpus_dir (CVG_TEST_CORPUS);
  g_autofree char *path = NULL;

  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, name, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_test_fail_printf ("the corpus in %s has no set %s", dir, name);
      return NULL;
    }
  return cvg_ui_open_window (path);
}

CvgLogdir *
cvg_ui_load_logdir (const char *path)
{
  CvgLogdir *logdir = cvg_logdir_new (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (cvg_logdir_load (logdir, &error));
  g_assert_no_error (error);
  return logdir;
}

/* Depth first: the window's pages are not reachable otherwise. */
GtkWidget *
cvg_ui_find_widget (GtkWidget *root,
                    GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cvg_ui_find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
cvg_ui_screenshot (const char *env_var,
                   const char *name)
{
  const char *dir = g_getenv (env_var);
  g_autofree char *path = NULL;
  g_autofree char *command = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (dir == NULL)
    return;
  cvg_ui_settle ();
  path = g_build_filename (dir, name, NULL);
  command = g_strdup_printf ("import -window root %s", path);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_test_message ("screenshot: %s", path);
}
