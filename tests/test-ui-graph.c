/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Graphs page on real logs, under Xvfb: it opens on a run with a
 * graph, a drag pans, a double click opens a scope, search reveals a
 * node and the side panel describes it. */

#define G_LOG_DOMAIN "test-ui-graph"

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "cvg-graphs-page.h"
#include "cvg-resources.h"
#include "cvg-ui-helpers.h"
#include "cvg-window.h"

static CvgGraphsPage *
show_graphs (CvgWindow *window)
{
  GtkWidget *page;

  /* What Ctrl+4 does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "i", 4));
  cvg_ui_settle ();
  g_assert_cmpstr (cvg_window_get_visible_page (window), ==, "graphs");
  page = cvg_ui_find_widget (GTK_WIDGET (window), CVG_TYPE_GRAPHS_PAGE);
  g_assert_nonnull (page);
  return CVG_GRAPHS_PAGE (page);
}

static gboolean
laid_out (gpointer data)
{
  return cvg_graph_canvas_get_layout (data) != NULL && gtk_widget_get_width (data) > 0;
}

static CvgGraphCanvas *
wait_for_layout (CvgGraphsPage *page)
{
  CvgGraphCanvas *canvas = cvg_graphs_page_get_canvas (page);

  g_assert_true (cvg_ui_wait_until (laid_out, canvas));
  cvg_ui_settle ();
  return canvas;
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_OBJECT_TYPE (controller) == type)
        return controller;
    }
  g_assert_not_reached ();
}

static void
test_drag_pans (CvgGraphCanvas *canvas)
{
  GtkEventController *drag = find_controller (GTK_WIDGET (canvas), GTK_TYPE_GESTURE_DRAG);
  double x0, y0, x1, y1;

  cvg_graph_canvas_get_offset (canvas, &x0, &y0);
  g_signal_emit_by_name (drag, "drag-begin", 100.0, 100.0);
  g_signal_emit_by_name (drag, "drag-update", 40.0, -25.0);
  g_signal_emit_by_name (drag, "drag-end", 40.0, -25.0);
  cvg_ui_settle ();
  cvg_graph_canvas_get_offset (canvas, &x1, &y1);
  g_assert_cmpfloat_with_epsilon (x1 - x0, 40, 1e-9);
  g_assert_cmpfloat_with_epsilon (y1 - y0, -25, 1e-9);
}

/* The first collapsed scope of the top level. */
static guint
find_scope (CvgGraphCanvas *canvas)
{
  CvgGraphLayout *layout = cvg_graph_canvas_get_layout (canvas);
  CvgGraph *graph = cvg_graph_canvas_get_graph (canvas);

  for (guint i = 0; i < cvg_graph_layout_get_n_nodes (layout); i++)
    {
      guint item = cvg_graph_layout_get_node (layout, i)->item;

      if (cvg_graph_get_item (graph, item)->kind == CVG_GRAPH_ITEM_SCOPE)
        return item;
    }
  g_assert_not_reached ();
}

static void
test_double_click_expands (CvgGraphCanvas *canvas)
{
  GtkEventController *click = find_controller (GTK_WIDGET (canvas), GTK_TYPE_GESTURE_CLICK);
  guint scope = find_scope (canvas);
  guint before = cvg_graph_layout_count_leaves (cvg_graph_canvas_get_layout (canvas));
  double x, y, x_after, y_after;

  g_assert_true (cvg_graph_canvas_get_item_position (canvas, scope, &x, &y));
  g_signal_emit_by_name (click, "pressed", 1, x, y);
  g_assert_cmpuint (cvg_graph_canvas_get_selected (canvas), ==, scope);
  /* The side panel opens with a selection and narrows the canvas. */
  cvg_ui_settle ();
  g_assert_true (cvg_graph_canvas_get_item_position (canvas, scope, &x, &y));
  g_signal_emit_by_name (click, "pressed", 2, x, y);
  cvg_ui_settle ();
  g_assert_true (cvg_graph_canvas_get_expanded (canvas, scope));
  g_assert_cmpuint (cvg_graph_layout_count_leaves (cvg_graph_canvas_get_layout (canvas)), >, before);
  /* The opened scope stays where it was clicked. */
  g_assert_true (cvg_graph_canvas_get_item_position (canvas, scope, &x_after, &y_after));
  g_assert_cmpfloat (fabs (x_after - x), <, 1);
  g_assert_cmpfloat (fabs (y_after - y), <, 1);
  /* A second double click closes it. */
  g_signal_emit_by_name (click, "pressed", 2, x_after, y_after);
  g_assert_false (cvg_graph_canvas_get_expanded (canvas, scope));
  g_assert_cmpuint (cvg_graph_layout_count_leaves (cvg_graph_canvas_get_layout (canvas)), ==, before);
}

/* Zoom keeps the centre where it is. */
static void
test_zoom (CvgGraphCanvas *canvas)
{
  double cx = gtk_widget_get_width (GTK_WIDGET (canvas)) / 2.0;
  double cy = gtk_widget_get_height (GTK_WIDGET (canvas)) / 2.0;
  double zoom = cvg_graph_canvas_get_zoom (canvas);
  double x0, y0, x1, y1;

  cvg_graph_canvas_get_offset (canvas, &x0, &y0);
  cvg_graph_canvas_zoom_by (canvas, 1.25);
  cvg_graph_canvas_get_offset (canvas, &x1, &y1);
  g_assert_cmpfloat_with_epsilon (cvg_graph_canvas_get_zoom (canvas), zoom * 1.25, 1e-9);
  g_assert_cmpfloat_with_epsilon ((cx - x0) / zoom, (cx - x1) / (zoom * 1.25), 1e-6);
  g_assert_cmpfloat_with_epsilon ((cy - y0) / zoom, (cy - y1) / (zoom * 1.25), 1e-6);
  cvg_graph_canvas_zoom_fit (canvas);
  cvg_ui_settle ();
}

static void
test_search_reveals (CvgGraphsPage  *page,
                     CvgGraphCanvas *canvas)
{
  CvgGraph *graph = cvg_graph_canvas_get_graph (canvas);
  guint item = cvg_graph_lookup_item (graph, "gradients/Conv2_grad/Conv2DBackpropFilter");
  double x, y;

  g_assert_cmpuint (item, !=, CVG_GRAPH_NONE);
  cvg_graphs_page_search (page, "conv2_grad/conv2dbackpropfilter");
  g_assert_cmpuint (cvg_graphs_page_get_n_matches (page), ==, 1);
  cvg_graphs_page_choose_match (page, 0);
  cvg_ui_settle ();
  g_assert_cmpuint (cvg_graph_canvas_get_selected (canvas), ==, item);
  g_assert_true (cvg_graph_canvas_get_expanded (canvas, cvg_graph_lookup_item (graph, "gradients")));
  /* Shown, in the middle of the canvas. */
  g_assert_true (cvg_graph_canvas_get_item_position (canvas, item, &x, &y));
  g_assert_cmpfloat (fabs (x - gtk_widget_get_width (GTK_WIDGET (canvas)) / 2.0), <, 1);
  g_assert_cmpfloat (fabs (y - gtk_widget_get_height (GTK_WIDGET (canvas)) / 2.0), <, 1);
  g_assert_cmpstr (cvg_graph_info_get_name (cvg_graphs_page_get_info (page)), ==,
                   "gradients/Conv2_grad/Conv2DBackpropFilter");
}

static void
test_tf1_triplet (void)
{
  CvgWindow *window = cvg_ui_open_corpus_window ("tf1_triplet_projector");
  CvgGraphsPage *page;
  CvgGraphCanvas *canvas;

  if (window == NULL)
    return;
  page = show_graphs (window);
  canvas = wait_for_layout (page);
  g_assert_cmpuint (cvg_graph_get_n_ops (cvg_graph_canvas_get_graph (canvas)), ==, 567);
  /* The top level first: far fewer nodes than ops. */
  g_assert_cmpuint (cvg_graph_layout_count_leaves (cvg_graph_canvas_get_layout (canvas)), <, 100);
  test_drag_pans (canvas);
  test_zoom (canvas);
  test_double_click_expands (canvas);
  test_search_reveals (page, canvas);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_keras_model (void)
{
  CvgWindow *window = cvg_ui_open_corpus_window ("keras_tf2_fashion_mnist");
  CvgGraphsPage *page;
  CvgGraphCanvas *canvas;

  if (window == NULL)
    return;
  page = show_graphs (window);
  g_assert_true (cvg_graphs_page_select_run (page, "cnn_1layer/train"));
  g_assert_false (cvg_graphs_page_select_run (page, "cnn_1layer/validation"));
  cvg_graphs_page_set_source (page, CVG_GRAPH_SOURCE_KERAS);
  canvas = wait_for_layout (page);
  g_assert_cmpuint (cvg_graph_layout_count_leaves (cvg_graph_canvas_get_layout (canvas)), ==, 6);
  g_assert_cmpuint (cvg_graph_layout_get_n_edges (cvg_graph_canvas_get_layout (canvas)), ==, 5);
  cvg_graph_canvas_set_selected (canvas, cvg_graph_lookup_item (cvg_graph_canvas_get_graph (canvas), "dense_4"));
  g_assert_cmpstr (cvg_graph_info_get_name (cvg_graphs_page_get_info (page)), ==, "dense_4");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Keras's profiled batch is a kind of its own, with compute times. */
static void
test_run_metadata (void)
{
  CvgWindow *window = cvg_ui_open_corpus_window ("keras_tf2_fashion_mnist");
  CvgGraphsPage *page;
  CvgGraphCanvas *canvas;
  GListModel *kinds;
  gboolean offered = FALSE;

  if (window == NULL)
    return;
  page = show_graphs (window);
  g_assert_true (cvg_graphs_page_select_run (page, "cnn_1layer/train"));
  kinds = cvg_graphs_page_get_kinds (page);
  for (guint i = 0; i < g_list_model_get_n_items (kinds); i++)
    offered |= g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (kinds), i), "Run Metadata: batch_2");
  g_assert_true (offered);
  g_assert_true (cvg_graphs_page_select_kind (page, "Run Metadata: batch_2"));
  canvas = wait_for_layout (page);
  g_assert_true (cvg_graph_has_stats (cvg_graph_canvas_get_graph (canvas)));
  g_assert_cmpuint (cvg_graph_get_n_ops (cvg_graph_canvas_get_graph (canvas)), ==, 132);
  g_assert_cmpuint (cvg_graph_layout_get_n_nodes (cvg_graph_canvas_get_layout (canvas)), >, 0);
  cvg_graph_canvas_set_color_mode (canvas, CVG_GRAPH_COLOR_COMPUTE);
  cvg_ui_settle ();
  g_assert_false (cvg_graph_canvas_get_color_by_device (canvas));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_resources_register (cvg_get_resource ());

  g_test_add_func ("/ui/graph/tf1-triplet", test_tf1_triplet);
  g_test_add_func ("/ui/graph/keras-model", test_keras_model);
  g_test_add_func ("/ui/graph/run-metadata", test_run_metadata);
  return g_test_run ();
}
