/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Projector page on the real projector sets: active because configs
 * are found (no event kind drives it), points coloured by the metadata,
 * neighbours listed, sprites read, missing checkpoints said, and the
 * custom projection between metadata queries. */

#include "config.h"

#include <adwaita.h>
#include <gtk/gtk.h>
#include <string.h>

#include "cvg-custom-projection.h"
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

/* The points of the FMNIST set whose label (metadata.tsv, one column,
 * no header) is @label, found by reading the file here. */
static GArray *
rows_labelled (const char *metadata,
               const char *label)
{
  g_auto(GStrv) lines = g_strsplit (metadata, "\n", -1);
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (gsize));

  for (gsize i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    if (g_str_equal (g_strchomp (lines[i]), label))
      g_array_append_val (rows, i);
  return rows;
}

static gboolean
is_ready (gpointer data)
{
  return g_str_equal (cvg_projector_page_get_state (data), "ready");
}

/* Sandals to the left, sneakers to the right, bags up, trousers down:
 * the page's coordinates are cvg_custom_projection's on the same
 * (sphereized) rows; a query that is empty, invalid or matches nothing
 * stops it with a notice naming the query. */
static void
test_custom (void)
{
  CvgWindow *window = cvg_ui_open_corpus_window ("pytorch_fmnist_projector");
  const char *dir = cvg_test_corpus_dir (CVG_TEST_CORPUS);
  g_autofree char *folder = NULL;
  g_autofree char *tensors = NULL;
  g_autofree char *metadata_path = NULL;
  g_autofree char *metadata = NULL;
  g_autoptr(CvgEmbedding) embedding = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) left = NULL;
  g_autoptr(GArray) right = NULL;
  g_autoptr(GArray) up = NULL;
  g_autoptr(GArray) down = NULL;
  g_autofree float *packed = NULL;
  g_autofree float *expected = NULL;
  const CvgProjectorLayout *layout;
  CvgProjectorPage *page;
  Shown shown = { NULL, 100 };
  guint n_rows;

  if (window == NULL)
    return;
  folder = g_build_filename (dir, "pytorch_fmnist_projector", "runs", "fashion_mnist_experiment_1", "00000", "default", NULL);
  tensors = g_build_filename (folder, "tensors.tsv", NULL);
  metadata_path = g_build_filename (folder, "metadata.tsv", NULL);
  embedding = cvg_embedding_new_from_tsv (tensors, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (embedding->n_points, ==, 100);
  g_assert_cmpuint (embedding->nonfinite_rows->len, ==, 0);
  g_assert_true (g_file_get_contents (metadata_path, &metadata, NULL, &error));
  left = rows_labelled (metadata, "Sandal");
  right = rows_labelled (metadata, "Sneaker");
  up = rows_labelled (metadata, "Bag");
  down = rows_labelled (metadata, "Trouser");
  g_assert_cmpuint (left->len, ==, 11);
  g_assert_cmpuint (right->len, ==, 10);
  g_assert_cmpuint (up->len, ==, 8);
  g_assert_cmpuint (down->len, ==, 6);
  /* 784 dimensions: sphereized, as the page does by default. */
  g_assert_true (cvg_projector_default_sphereize (embedding));
  packed = cvg_projector_prepare (embedding, TRUE, &n_rows);
  expected = cvg_custom_projection (packed, n_rows, embedding->n_dims, left, right, up, down, &error);
  g_assert_no_error (error);

  page = wait_for_page (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "i", PROJECTOR_PAGE));
  g_assert_true (cvg_projector_page_select_tensor (page, "runs/fashion_mnist_experiment_1", "default"));
  shown.page = page;
  g_assert_true (cvg_ui_wait_until (points_shown, &shown));
  g_assert_false (cvg_projector_page_set_method (page, "custom", 3));
  g_assert_true (cvg_projector_page_set_method (page, "custom", 2));
  g_assert_nonnull (strstr (cvg_projector_page_get_custom_notice (page), "Left"));

  cvg_projector_page_set_custom_queries (page, "^Sandal$", "^sneaker$", "^Bag$", "^Trouser$");
  g_assert_null (cvg_projector_page_get_custom_notice (page));
  g_assert_cmpstr (cvg_projector_page_get_state (page), ==, "projecting");
  g_assert_true (cvg_ui_wait_until (is_ready, page));
  layout = cvg_projector_page_get_layout (page);
  g_assert_nonnull (layout);
  g_assert_cmpuint (layout->n_dims, ==, 2);
  g_assert_cmpuint (layout->n_rows, ==, 100);
  g_assert_cmpuint (cvg_projector_page_get_n_points_shown (page), ==, 100);
  for (guint i = 0; i < layout->n_rows; i++)
    {
      g_assert_cmpuint (layout->rows[i], ==, i);
      g_assert_cmpfloat_with_epsilon (layout->coords[2 * i], expected[2 * i], 1e-5);
      g_assert_cmpfloat_with_epsilon (layout->coords[2 * i + 1], expected[2 * i + 1], 1e-5);
    }
  /* Not a degenerate picture: sandals do lie left of sneakers. */
  g_assert_cmpfloat (expected[2 * g_array_index (left, gsize, 0)], <, expected[2 * g_array_index (right, gsize, 0)]);
  cvg_ui_screenshot ("CVG_SCREENSHOT_DIR", "projector-custom.png");

  cvg_projector_page_set_custom_queries (page, "^Sandal$", "^Sneaker$", "^Bag$", "");
  g_assert_nonnull (strstr (cvg_projector_page_get_custom_notice (page), "Down"));
  g_assert_cmpstr (cvg_projector_page_get_state (page), ==, "ready");
  cvg_projector_page_set_custom_queries (page, "^Sandal$", "^Sneaker$", "^Zebra$", "^Trouser$");
  g_assert_nonnull (strstr (cvg_projector_page_get_custom_notice (page), "Up query matches no point"));
  cvg_projector_page_set_custom_queries (page, "^Sandal$", "(", "^Bag$", "^Trouser$");
  g_assert_nonnull (strstr (cvg_projector_page_get_custom_notice (page), "Right query is not a valid regular expression"));
  cvg_ui_screenshot ("CVG_SCREENSHOT_DIR", "projector-custom-invalid.png");
  /* The picture of the last valid queries stays. */
  g_assert_nonnull (cvg_projector_page_get_layout (page));
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
  g_test_add_func ("/ui/projector/custom", test_custom);
  return g_test_run ();
}
