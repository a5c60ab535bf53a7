/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Projector page on the real projector sets: active because configs
 * are found (no event kind drives it), points coloured by the metadata,
 * neighbours listed, sprites read, and missing checkpoints said. */

#include "config.h"

#include <adwaita.h>
#include <gtk/gtk.h>
#include <string.h>

#include "cvg-projector-page.h"
#include "cvg-test-corpus.h"
#include "cvg-ui-helpers.h"

#define PROJECTOR_PAGE 10

static gboolean
has_content (gpointer data)
{
  gboolean found = FALSE;

  g_object_get (data, "has-content", &found, NULL);
  return found;
}

typedef struct
{
  CvgProjectorPage *page;
  guint             n_points;
} Shown;

static gboolean
points_shown (gpointer data)
{
  Shown *shown = data;

  return g_str_equal (cvg_projector_page_get_state (shown->page), "ready")
         && cvg_projector_page_get_n_points_shown (shown->page) == shown->n_points;
}

static gboolean
has_neighbors (gpointer data)
{
  return cvg_projector_page_get_n_neighbors (data) > 0;
}

static CvgProjectorPage *
wait_for_page (CvgWindow *window)
{
  CvgProjectorPage *page = CVG_PROJECTOR_PAGE (cvg_ui_find_widget (GTK_WIDGET (window), CVG_TYPE_PROJECTOR_PAGE));

  g_assert_nonnull (page);
  g_assert_true (cvg_ui_wait_until (has_content, page));
  cvg_ui_settle ();
  return page;
}

static void
test_pytorch (void)
{
  CvgWindow *window = cvg_ui_open_corpus_window ("pytorch_fmnist_projector");
  CvgProjectorPage *page;
  Shown shown = { NULL, 100 };

  if (window == NULL)
    return;
  page = wait_for_page (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "i", PROJECTOR_PAGE));
  g_assert_cmpstr (cvg_window_get_visible_page (window), ==, "projector");
  g_assert_true (cvg_projector_page_select_tensor (page, "runs/fashion_mnist_experiment_1", "default"));
  shown.page = page;
  g_assert_true (cvg_ui_wait_until (points_shown, &shown));
  /* Coloured by the label column: the ten Fashion-MNIST classes. */
  g_assert_cmpstr (cvg_projector_page_get_color_column (page), ==, "label");
  g_assert_cmpuint (cvg_projector_page_count_colors (page), ==, 10);
  cvg_ui_screenshot ("CVG_SCREENSHOT_DIR", "projector-pca.png");

  cvg_projector_page_select (page, 0);
  g_assert_true (cvg_ui_wait_until (has_neighbors, page));
  g_assert_cmpuint (cvg_projector_page_get_n_neighbors (page), ==, 20);

  /* t-SNE in 3-D, then UMAP in 2-D, each run to its end on a worker
   * while the main loop keeps turning. */
  g_assert_true (cvg_projector_page_set_method (page, "tsne", 3));
  g_assert_cmpstr (cvg_projector_page_get_state (page), ==, "projecting");
  g_assert_true (cvg_ui_wait_until (points_shown, &shown));
  g_assert_cmpuint (cvg_projector_page_get_dims (page), ==, 3);
  g_assert_true (cvg_projector_page_set_method (page, "umap", 2));
  g_assert_true (cvg_ui_wait_until (points_shown, &shown));
  g_assert_cmpuint (cvg_projector_page_get_dims (page), ==, 2);
  /* The selection and its neighbours stay across projections. */
  g_assert_cmpuint (cvg_projector_page_get_n_neighbors (page), ==, 20);
  gtk_window_destroy (GTK_WINDOW (window));
}

static CvgWindow *
open_plugins_set (const char *name)
{
  const char *dir = cvg_test_corpus_dir (CVG_TEST_CORPUS_PLUGINS);
  g_autofree char *path = NULL;

  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, name, NULL);
  return cvg_ui_open_window (path);
}

/* No event files at all: the page alone is active, with the checkpoint's
 * 500 points and the sprite found beside the config. */
static void
test_tf1_sprites (void)
{
  CvgWindow *window = open_plugins_set ("tf1_projector_sprite_mnist");
  CvgProjectorPage *page;
  Shown shown = { NULL, 500 };

  if (window == NULL)
    return;
  page = wait_for_page (window);
  g_assert_cmpstr (cvg_window_get_visible_page (window), ==, "projector");
  shown.page = page;
  g_assert_true (cvg_ui_wait_until (points_shown, &shown));
  g_assert_true (cvg_projector_page_has_sprites (page));
  g_assert_cmpstr (cvg_projector_page_get_color_column (page), ==, "Label");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A config whose checkpoint was not copied: the page says which file it
 * looked for. */
static void
test_missing_checkpoint (void)
{
  CvgWindow *window = cvg_ui_open_corpus_window ("tf1_triplet_projector");
  CvgProjectorPage *page;
  GtkWidget *status;
  const char *description;

  if (window == NULL)
    return;
  page = wait_for_page (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "i", PROJECTOR_PAGE));
  cvg_ui_settle ();
  status = cvg_ui_find_widget (GTK_WIDGET (page), ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status);
  description = adw_status_page_get_description (ADW_STATUS_PAGE (status));
  g_assert_nonnull (strstr (description, "feature_map_3:0"));
  g_assert_nonnull (strstr (description, "tf1_triplet_projector/checkpoint does not exist"));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  cvg_ui_init (&argc, &argv);
  g_test_add_func ("/ui/projector/pytorch", test_pytorch);
  g_test_add_func ("/ui/projector/tf1-sprites", test_tf1_sprites);
  g_test_add_func ("/ui/projector/missing-checkpoint", test_missing_checkpoint);
  return g_test_run ();
}
