/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-fixtures"

#include "config.h"

#include "cvg-distributions-page.h"
#include "cvg-graphs-page.h"
#include "cvg-histograms-page.h"
#include "cvg-test-files.h"
#include "cvg-test-fixtures.h"
#include "cvg-ui-helpers.h"
#include "cvg-window.h"

/* The pages on writer-made logs, so that a clone with no corpus beside it
 * still opens each one on real encodings: TF1 and tensorboardX
 * HistogramProtos, TF2 histogram tensors, a GraphDef and a Keras model. */

static const char * const page_names[] = {
  "scalars", "histograms", "distributions", "graphs", "images", "text", "audio",
};

typedef struct
{
  char      *logdir;
  CvgWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->logdir = cvg_test_fixtures_make_logdir ();
  fixture->window = cvg_ui_open_window (fixture->logdir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  cvg_test_remove_tree (fixture->logdir);
  g_free (fixture->logdir);
}

/* What Ctrl+@n does; returns the page shown. */
static GtkWidget *
show_page (CvgWindow *window,
           int        n,
           GType      type)
{
  GtkWidget *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "i", n));
  cvg_ui_settle ();
  g_assert_cmpstr (cvg_window_get_visible_page (window), ==, page_names[n - 1]);
  page = cvg_ui_find_widget (GTK_WIDGET (window), type);
  g_assert_nonnull (page);
  return page;
}

/* Every page answers its shortcut. */
static void
test_pages (Fixture       *fixture,
            gconstpointer  data)
{
  for (guint n = G_N_ELEMENTS (page_names); n >= 1; n--)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.page", "i", n));
      g_assert_cmpstr (cvg_window_get_visible_page (fixture->window), ==, page_names[n - 1]);
    }
}

/* One "weights" card per run, in each writer's encoding. */
static void
test_histograms (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char * const runs[] = { "tf1", "tf2", "tensorboardx" };
  GtkWidget *page = show_page (fixture->window, 2, CVG_TYPE_HISTOGRAMS_PAGE);
  CvgHistogramCards *cards = cvg_histograms_page_get_cards (CVG_HISTOGRAMS_PAGE (page));

  g_assert_cmpuint (cvg_histogram_cards_get_n_cards (cards), ==, G_N_ELEMENTS (runs));
  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      CvgHistogramChart *chart = cvg_histogram_cards_get_chart (cards, runs[i], "weights");
      g_autofree char *tooltip = NULL;

      g_assert_nonnull (chart);
      cvg_ui_settle ();
      g_assert_cmpuint (cvg_histogram_chart_get_n_slices (chart), ==, CVG_FIXTURE_N_STEPS);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (chart)), >, 0);
      /* Offset: the newest slice is in front, at the bottom. */
      cvg_histogram_chart_hover_at (chart, gtk_widget_get_width (GTK_WIDGET (chart)) / 2.0,
                                    gtk_widget_get_height (GTK_WIDGET (chart)) - 30);
      tooltip = cvg_histogram_chart_dup_tooltip_text (chart);
      g_assert_nonnull (tooltip);
      g_assert_true (g_str_has_prefix (tooltip, "Step 4 "));
    }

  page = show_page (fixture->window, 3, CVG_TYPE_DISTRIBUTIONS_PAGE);
  cards = cvg_distributions_page_get_cards (CVG_DISTRIBUTIONS_PAGE (page));
  g_assert_cmpuint (cvg_histogram_cards_get_n_cards (cards), ==, G_N_ELEMENTS (runs));
}

static gboolean
laid_out (gpointer data)
{
  return cvg_graph_canvas_get_layout (data) != NULL && gtk_widget_get_width (data) > 0;
}

static CvgGraphLayout *
wait_for_layout (CvgGraphCanvas *canvas)
{
  g_assert_true (cvg_ui_wait_until (laid_out, canvas));
  cvg_ui_settle ();
  return cvg_graph_canvas_get_layout (canvas);
}

/* The op graph (one scope at the top level) and the Keras model. */
static void
test_graphs (Fixture       *fixture,
             gconstpointer  data)
{
  CvgGraphsPage *page = CVG_GRAPHS_PAGE (show_page (fixture->window, 4, CVG_TYPE_GRAPHS_PAGE));
  CvgGraphCanvas *canvas = cvg_graphs_page_get_canvas (page);
  CvgGraphLayout *layout;

  g_assert_false (cvg_graphs_page_select_run (page, "tf1"));
  g_assert_true (cvg_graphs_page_select_run (page, "tf2"));
  cvg_graphs_page_set_source (page, CVG_GRAPH_SOURCE_OPS);
  layout = wait_for_layout (canvas);
  g_assert_cmpuint (cvg_graph_get_n_ops (cvg_graph_canvas_get_graph (canvas)), ==, CVG_FIXTURE_N_CHAIN);
  g_assert_cmpuint (cvg_graph_layout_count_leaves (layout), ==, 1);

  cvg_graphs_page_set_source (page, CVG_GRAPH_SOURCE_KERAS);
  layout = wait_for_layout (canvas);
  g_assert_cmpuint (cvg_graph_layout_count_leaves (layout), ==, CVG_FIXTURE_N_KERAS);
  g_assert_cmpuint (cvg_graph_layout_get_n_edges (layout), ==, CVG_FIXTURE_N_KERAS - 1);
}

int
main (int   argc,
      char *argv[])
{
  cvg_ui_init (&argc, &argv);

  g_test_add ("/ui/fixtures/pages", Fixture, NULL, fixture_set_up, test_pages, fixture_tear_down);
  g_test_add ("/ui/fixtures/histograms", Fixture, NULL, fixture_set_up, test_histograms,
              fixture_tear_down);
  g_test_add ("/ui/fixtures/graphs", Fixture, NULL, fixture_set_up, test_graphs, fixture_tear_down);
  return g_test_run ();
}
