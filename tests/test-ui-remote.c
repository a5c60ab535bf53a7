/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window on an sftp:// folder served by a loopback sshd through GVfs
 * (tests/remote/remote-server.sh runs this under Xvfb): it mounts, shows
 * the runs the local folder has, says when the server goes away, and
 * reads on when it is back. CVG_SCREENSHOT_DIR, when set, gets
 * remote-window.png and remote-connection-lost.png. */

#define G_LOG_DOMAIN "test-ui-remote"

#include "config.h"

#include <string.h>

#include "cvg-run-info.h"
#include "cvg-test-remote.h"
#include "cvg-ui-helpers.h"

/* Losing the server is noticed at the next poll, at most the 5 s
 * interval away; mounting again is tried as often. Generous: a GVfs call
 * to a backend that hangs gives up after a minute. */
#define SERVER_WAITS 4

static gboolean
is_loaded (gpointer data)
{
  return g_strcmp0 (cvg_window_get_state (data), "loaded") == 0;
}

static GtkInfoBar *
connection_bar (CvgWindow *window)
{
  GtkWidget *bar = cvg_ui_find_widget (GTK_WIDGET (window), GTK_TYPE_INFO_BAR);

  g_assert_nonnull (bar);
  return GTK_INFO_BAR (bar);
}

static gboolean
bar_revealed (gpointer data)
{
  return gtk_info_bar_get_revealed (connection_bar (data));
}

static gboolean
bar_hidden (gpointer data)
{
  return !bar_revealed (data);
}

/* cvg_ui_wait_until (), a few times over. */
static gboolean
wait_long (CvgUiPredicate predicate,
           gpointer       data)
{
  for (guint i = 0; i < SERVER_WAITS; i++)
    if (cvg_ui_wait_until (predicate, data))
      return TRUE;
  return FALSE;
}

/* The run names, in the order the window lists them. */
static char *
run_names (GListModel *runs)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(CvgRunInfo) info = g_list_model_get_item (runs, i);

      g_string_append_printf (names, "%s\n", cvg_run_info_get_name (info));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
test_remote_window (void)
{
  const char *base = cvg_test_remote_env ("CVG_REMOTE_URI");
  g_autofree char *target = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *remote_names = NULL;
  g_autofree char *local_names = NULL;
  CvgWindow *window;
  CvgWindow *local;
  GtkWidget *label;

  if (base == NULL)
    return;
  target = cvg_test_remote_copy_corpus_set ("pytorch_study_tensorboard", "ui");
  if (target == NULL)
    return;
  uri = g_strconcat (base, "/ui", NULL);

  window = cvg_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  gtk_window_present (GTK_WINDOW (window));
  cvg_window_open_path (window, uri);
  g_assert_true (wait_long (is_loaded, window));
  g_assert_true (cvg_ui_wait_until (bar_hidden, window));

  /* The same runs as the local folder. */
  local = cvg_ui_open_window (target);
  remote_names = run_names (cvg_window_get_runs (window));
  local_names = run_names (cvg_window_get_runs (local));
  g_assert_cmpstr (remote_names, !=, "");
  g_assert_cmpstr (remote_names, ==, local_names);
  gtk_window_destroy (GTK_WINDOW (local));
  gtk_window_present (GTK_WINDOW (window));
  cvg_ui_screenshot ("CVG_SCREENSHOT_DIR", "remote-window.png");

  /* The server goes away: the bar says so, the runs stay. */
  cvg_test_remote_server ("stop");
  g_assert_true (wait_long (bar_revealed, window));
  label = gtk_info_bar_get_revealed (connection_bar (window))
    ? cvg_ui_find_widget (GTK_WIDGET (connection_bar (window)), GTK_TYPE_LABEL) : NULL;
  g_assert_nonnull (label);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (label)), "Connection lost — retrying. Last update at "));
  g_clear_pointer (&remote_names, g_free);
  remote_names = run_names (cvg_window_get_runs (window));
  g_assert_cmpstr (remote_names, ==, local_names);
  cvg_ui_screenshot ("CVG_SCREENSHOT_DIR", "remote-connection-lost.png");

  /* Back: the bar goes. */
  cvg_test_remote_server ("start");
  g_assert_true (wait_long (bar_hidden, window));
  g_assert_true (is_loaded (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  cvg_ui_init (&argc, &argv);
  cvg_test_remote_init_logging ();

  g_test_add_func ("/ui/remote/window", test_remote_window);

  return g_test_run ();
}
