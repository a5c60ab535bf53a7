/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window on hostile graphs (issue "Hostile and odd logs", items
 * 3–5), under Xvfb: the main loop keeps turning while the folder loads
 * and while the Graphs page builds the graph, the page says why a graph
 * is refused, and the window closes promptly. */

#define G_LOG_DOMAIN "test-ui-graph-hostile"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "cvg-graphs-page.h"
#include "cvg-hostile-graphs.h"
#include "cvg-resources.h"
#include "cvg-ui-helpers.h"
#include "cvg-window.h"

/* Blocking the main loop took seconds to minutes before graphs were
 * built on workers; a switch to the Graphs page alone takes up to
 * 530 ms on a two-core machine at load 12, where the workers compete.
 * The bounds catch the blocking, with room for a busy machine. */
#define MAX_GAP_MS  1000
#define MAX_CLOSE_S 5.0
#define SERIES_OPS  100000

/* Stops @ping and checks the longest gap. */
static void
ping_check (CvgUiPing  *ping,
            const char *what)
{
  double gap = cvg_ui_ping_stop (ping);

  g_test_message ("%s: longest main-loop gap %.1f ms", what, gap);
  g_assert_cmpfloat (gap, <, MAX_GAP_MS);
}

static gboolean
page_settled (gpointer data)
{
  CvgGraphsPage *page = data;

  if (cvg_graphs_page_get_building (page))
    return FALSE;
  return cvg_graphs_page_get_refusal (page) != NULL
         || cvg_graph_canvas_get_layout (cvg_graphs_page_get_canvas (page)) != NULL;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
finalized_cb (gpointer  data,
              GObject  *where_the_object_was)
{
  *(gboolean *) data = TRUE;
}

typedef void (*PageCheck) (CvgGraphsPage *page,
                           CvgUiPing     *ping);

/* Opens a window on @dir, shows its graph (or why not: @refusal, a
 * part of the page's text), runs @then, and closes it. */
static void
check_window (const char *dir,
              const char *kind,
              const char *refusal,
              PageCheck   then)
{
  CvgUiPing ping = { 0 };
  CvgWindow *window;
  CvgGraphsPage *page;
  gboolean finalized = FALSE;
  gint64 start;

  /* The first frames (fonts, styles) are no part of it. */
  window = cvg_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  gtk_window_present (GTK_WINDOW (window));
  cvg_ui_settle ();
  cvg_ui_ping_start (&ping);
  cvg_window_open_path (window, dir);
  g_assert_true (cvg_ui_wait_until (cvg_ui_not_loading, window));
  ping_check (&ping, "loading");

  cvg_ui_ping_start (&ping);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "i", 4));
  page = CVG_GRAPHS_PAGE (cvg_ui_find_widget (GTK_WIDGET (window), CVG_TYPE_GRAPHS_PAGE));
  if (kind != NULL)
    g_assert_true (cvg_graphs_page_select_kind (page, kind));
  g_assert_true (cvg_ui_wait_until (page_settled, page));
  cvg_ui_settle ();
  ping_check (&ping, "Graphs page");
  if (refusal != NULL)
    {
      g_assert_nonnull (cvg_graphs_page_get_refusal (page));
      g_assert_nonnull (strstr (cvg_graphs_page_get_refusal (page), refusal));
    }
  else
    g_assert_null (cvg_graphs_page_get_refusal (page));
  if (then != NULL)
    then (page, &ping);

  /* From destroy to finalized: the watcher is stopped in dispose, and
   * no worker holds the window. */
  g_object_weak_ref (G_OBJECT (window), finalized_cb, &finalized);
  start = g_get_monotonic_time ();
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (cvg_ui_wait_until (is_true, &finalized));
  g_test_message ("closed in %.3f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpfloat ((g_get_monotonic_time () - start) / 1e6, <, MAX_CLOSE_S);
}

static gboolean
canvas_idle (gpointer data)
{
  return !cvg_graph_canvas_get_busy (data);
}

/* Opening the series of 100,000 ops lays them out on a worker; the old
 * layout stays until the new one comes. */
static void
open_series (CvgGraphsPage *page,
             CvgUiPing     *ping)
{
  CvgGraphCanvas *canvas = cvg_graphs_page_get_canvas (page);
  CvgGraph *graph = cvg_graph_canvas_get_graph (canvas);
  guint series = g_array_index (cvg_graph_get_item (graph, 0)->children, guint, 0);

  g_assert_cmpint (cvg_graph_get_item (graph, series)->kind, ==, CVG_GRAPH_ITEM_SERIES);
  cvg_ui_ping_start (ping);
  cvg_graph_canvas_toggle_expanded (canvas, series);
  g_assert_true (cvg_graph_canvas_get_expanded (canvas, series));
  g_assert_true (cvg_graph_canvas_get_busy (canvas));
  g_assert_nonnull (cvg_graph_canvas_get_layout (canvas));
  g_assert_true (cvg_ui_wait_until (canvas_idle, canvas));
  ping_check (ping, "opening a series of 100,000");
  g_assert_cmpuint (cvg_graph_layout_count_leaves (cvg_graph_canvas_get_layout (canvas)), ==, SERIES_OPS);
}

/* A logdir of one run with @graph_def and @keras (either may be NULL),
 * in a folder of its own, gone after the checks. */
static char *
write_logdir (GBytes     *graph_def,
              const char *keras)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("cvg-hostile-XXXXXX", &error);

  g_assert_no_error (error);
  return cvg_hostile_write_logdir (tmp, "run", graph_def, keras);
}

static void
remove_logdir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autofree char *tmp = g_path_get_dirname (dir);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
  g_rmdir (tmp);
}

/* Item 3: 450,000 nested messages in a GraphDef, 100,000 nested arrays
 * in a Keras config: refused, with the reason on the page. */
static void
test_deep (void)
{
  g_autoptr(GBytes) graph_def = cvg_hostile_deep_graph_def (450000);
  g_autofree char *keras = cvg_hostile_deep_keras (100000);
  g_autofree char *dir = write_logdir (graph_def, keras);

  check_window (dir, NULL, "nested too deeply", NULL);
  check_window (dir, "Keras Model", "nested too deeply", NULL);
  remove_logdir (dir);
}

/* Item 4: 4 KB of Keras config that expands as 2^25 without a memo. */
static void
test_fanout (void)
{
  g_autofree char *keras = cvg_hostile_fanout_keras (25);
  g_autofree char *dir = write_logdir (NULL, keras);

  check_window (dir, NULL, NULL, NULL);
  remove_logdir (dir);
}

/* Item 5: a GraphDef of 10^6 numbered ops, built on a worker; then
 * 100,000, whose series opens on a worker too. */
static void
test_numbered (gconstpointer data)
{
  guint n = GPOINTER_TO_UINT (data);
  g_autoptr(GBytes) graph_def = cvg_hostile_numbered_graph_def (n);
  g_autofree char *dir = write_logdir (graph_def, NULL);

  check_window (dir, NULL, NULL, n == SERIES_OPS ? open_series : NULL);
  remove_logdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_resources_register (cvg_get_resource ());

  g_test_add_func ("/ui/graph-hostile/deep", test_deep);
  g_test_add_func ("/ui/graph-hostile/fanout", test_fanout);
  g_test_add_data_func ("/ui/graph-hostile/million", GUINT_TO_POINTER (1000000), test_numbered);
  g_test_add_data_func ("/ui/graph-hostile/open-series", GUINT_TO_POINTER (SERIES_OPS), test_numbered);
  return g_test_run ();
}
