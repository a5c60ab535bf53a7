/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Images page under Xvfb: on the corpus (Keras weight images,
 * PyTorch grids and matplotlib figures, PyTorch noise images) one card
 * per (run, tag, sample), the newest step first, the slider changing the
 * step shown; on writer-made logs a refused oversized image, crisp
 * enlarged pixels, linked sliders and the full-size viewer's pixel value.
 * With CVG_IMAGES_SCREENSHOTS=DIR set, screenshots are written there. */

#define G_LOG_DOMAIN "test-ui-images"

#include "config.h"

#include <adwaita.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "cvg-event-writer.h"
#include "cvg-image-viewer.h"
#include "cvg-images-page.h"
#include "cvg-logdir.h"
#include "cvg-run.h"
#include "cvg-series.h"
#include "cvg-test-files.h"
#include "cvg-ui-helpers.h"
#include "cvg-window.h"

#define IMAGES_PAGE 5

/* (run, image tag, sample) triples, counted from the tensors' lengths
 * (two size strings, then the images). */
static guint
count_cards (const char *path)
{
  g_autoptr(CvgLogdir) logdir = cvg_ui_load_logdir (path);
  GPtrArray *runs = cvg_logdir_get_runs (logdir);
  guint n = 0;

  for (guint r = 0; r < runs->len; r++)
    {
      GPtrArray *series = cvg_run_get_series (g_ptr_array_index (runs, r));

      for (guint s = 0; s < series->len; s++)
        {
          CvgSeries *one = g_ptr_array_index (series, s);
          gsize most = 0;

          if (cvg_series_get_kind (one) != CVG_KIND_IMAGE)
            continue;
          for (gsize i = 0; i < cvg_series_get_length (one); i++)
            most = MAX (most, cvg_series_get_tensor (one, i)->n_elements - 2);
          n += most;
        }
    }
  return n;
}

static CvgImagesPage *
show_images_page (CvgWindow *window)
{
  GtkWidget *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "i", IMAGES_PAGE));
  cvg_ui_settle ();
  page = cvg_ui_find_widget (GTK_WIDGET (window), CVG_TYPE_IMAGES_PAGE);
  g_assert_nonnull (page);
  g_assert_true (gtk_widget_get_mapped (page));
  return CVG_IMAGES_PAGE (page);
}

typedef struct
{
  CvgImageCard *card;
  gint64        step;
} ShownStep;

static gboolean
step_shown (gpointer data)
{
  ShownStep *shown = data;

  return cvg_image_card_get_shown_step (shown->card) == shown->step;
}

static void
wait_for_step (CvgImageCard *card,
               gint64        step)
{
  ShownStep shown = { card, step };

  g_assert_true (cvg_ui_wait_until (step_shown, &shown));
}

typedef struct
{
  CvgImagesPage *page;
  const char    *run;
  const char    *tag;
  guint          sample;
  CvgImageCard  *card;
} Wanted;

/* Asked again each time: a late refresh of the loading folder may index
 * the runs again, which makes new cards. */
static gboolean
card_mapped (gpointer data)
{
  Wanted *wanted = data;

  wanted->card = cvg_images_page_get_card (wanted->page, wanted->run, wanted->tag, wanted->sample);
  g_assert_nonnull (wanted->card);
  return gtk_widget_get_mapped (GTK_WIDGET (wanted->card));
}

/* The card of @tag alone on the page (the filter brings it to the top,
 * so that it is mapped and decodes). */
static CvgImageCard *
focus_card (CvgImagesPage *page,
            const char    *run,
            const char    *tag,
            guint          sample)
{
  g_autofree char *escaped = g_regex_escape_string (tag, -1);
  g_autofree char *pattern = g_strdup_printf ("^%s$", escaped);
  Wanted wanted = { page, run, tag, sample, NULL };

  g_object_set (page, "tag-filter", pattern, NULL);
  /* The list binds its rows in a later frame. */
  g_assert_true (cvg_ui_wait_until (card_mapped, &wanted));
  cvg_ui_settle ();
  return wanted.card;
}

/* The newest step first; then the slider's first position shows its step. */
static void
assert_slider_moves (CvgImageCard *card)
{
  guint n = cvg_image_card_get_n_steps (card);
  gint64 last = cvg_image_card_get_step (card);
  gint64 first;

  g_assert_cmpuint (n, >, 1);
  g_assert_cmpuint (cvg_image_card_get_position (card), ==, n - 1);
  wait_for_step (card, last);
  cvg_image_card_set_position (card, 0);
  first = cvg_image_card_get_step (card);
  g_assert_cmpint (first, !=, last);
  wait_for_step (card, first);
}

/* The decoded image has the size the tensor's first two strings give. */
static void
assert_image_size (CvgImageCard *card)
{
  CvgSeries *series = cvg_image_card_get_series (card);
  const CvgTensorValue *value = cvg_series_get_tensor (series, cvg_series_get_length (series) - 1);
  CvgDecodedImage *image = cvg_image_view_get_image (cvg_image_card_get_view (card));
  g_autofree char *width = g_strndup ((const char *) value->strings[0].data, value->strings[0].len);
  g_autofree char *height = g_strndup ((const char *) value->strings[1].data, value->strings[1].len);

  g_assert_nonnull (image);
  g_assert_null (cvg_image_card_get_message (card));
  g_assert_null (cvg_decoded_image_get_error (image));
  g_assert_cmpint (cvg_decoded_image_get_width (image), ==, atoi (width));
  g_assert_cmpint (cvg_decoded_image_get_height (image), ==, atoi (height));
}

/* The Images page of a window on the corpus set @name, with one card per
 * (run, tag, sample); NULL, and the test skipped, without the corpus. */
static CvgImagesPage *
open_corpus_page (const char  *name,
                  CvgWindow  **window)
{
  CvgImagesPage *page;

  *window = cvg_ui_open_corpus_window (name);
  if (*window == NULL)
    return NULL;
  page = show_images_page (*window);
  g_assert_cmpuint (cvg_images_page_get_n_cards (page), >, 0);
  g_assert_cmpuint (cvg_images_page_get_n_cards (page),
                    ==, count_cards (cvg_logdir_get_path (cvg_window_get_logdir (*window))));
  return page;
}

static void
test_keras (void)
{
  CvgWindow *window;
  CvgImagesPage *page = open_corpus_page ("keras_tf2_fashion_mnist", &window);
  CvgImageCard *card;

  if (page == NULL)
    return;
  cvg_ui_screenshot ("CVG_IMAGES_SCREENSHOTS", "images-keras-light.png");

  card = focus_card (page, "cnn_1layer/train", "conv2d/kernel_0/image/0", 0);
  assert_slider_moves (card);
  assert_image_size (card);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The two cards on screen at first, for screenshots with their images. */
static void
wait_for_first_cards (CvgImagesPage *page)
{
  const char *tags[] = { "four_fashion_mnist_images", "predictions vs. actuals" };

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      CvgImageCard *card = cvg_images_page_get_card (page, "runs/fashion_mnist_experiment_1", tags[i], 0);

      wait_for_step (card, cvg_image_card_get_step (card));
    }
}

static void
test_pytorch_projector (void)
{
  CvgWindow *window;
  CvgImagesPage *page = open_corpus_page ("pytorch_fmnist_projector", &window);
  CvgImageCard *card;

  if (page == NULL)
    return;
  wait_for_first_cards (page);
  cvg_ui_screenshot ("CVG_IMAGES_SCREENSHOTS", "images-pytorch-light.png");

  /* add_images' grid of four digits: the demo's image appears. */
  card = focus_card (page, "runs/fashion_mnist_experiment_1", "four_fashion_mnist_images", 0);
  wait_for_step (card, cvg_image_card_get_step (card));
  assert_image_size (card);
  /* add_figure's matplotlib figures at every step. */
  card = focus_card (page, "runs/fashion_mnist_experiment_1", "predictions vs. actuals", 0);
  assert_slider_moves (card);
  assert_image_size (card);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_pytorch_study (void)
{
  CvgWindow *window;
  CvgImagesPage *page = open_corpus_page ("pytorch_study_tensorboard", &window);
  CvgImageCard *card;

  if (page == NULL)
    return;
  card = focus_card (page, "runs/image_experiment", "Debug_Images/Random_Noise", 0);
  g_assert_cmpuint (cvg_image_card_get_n_steps (card), ==, 5);
  assert_slider_moves (card);
  assert_image_size (card);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* 4×3, pixel (x, y) = (x·60, y·100, 255 − x·60). */
static GBytes *
small_png (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 4, 3);
  gchar *buffer = NULL;
  gsize len = 0;

  for (int y = 0; y < 3; y++)
    for (int x = 0; x < 4; x++)
      {
        guint8 *p = gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf) + x * 3;

        p[0] = x * 60;
        p[1] = y * 100;
        p[2] = 255 - x * 60;
      }
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &len, "png", NULL, NULL));
  return g_bytes_new_take (buffer, len);
}

static const guint8 huge_png[] = {
  0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
  0x00, 0x00, 0x00, 0x0d, 'I', 'H', 'D', 'R',
  0x00, 0x01, 0x86, 0xa0, 0x00, 0x01, 0x86, 0xa0, 0x08, 0x06, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00,
};

/* Two 1×1 frames, white then black, 100 ms each. */
static const guint8 two_frame_gif[] = {
  'G', 'I', 'F', '8', '9', 'a', 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00,
  0xff, 0xff, 0xff, 0x00, 0x00, 0x00,
  0x21, 0xf9, 0x04, 0x00, 0x0a, 0x00, 0x00, 0x00,
  0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00,
  0x21, 0xf9, 0x04, 0x00, 0x0a, 0x00, 0x00, 0x00,
  0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x4c, 0x01, 0x00,
  0x3b,
};

static char *
write_logs (GBytes *png)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("cvg-ui-images-XXXXXX", &error);
  g_autofree char *run = g_build_filename (dir, "train", NULL);
  g_autofree char *path = g_build_filename (run, "events.out.tfevents.1.test", NULL);
  CvgEventWriter *writer;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (run, 0755), ==, 0);
  writer = cvg_event_writer_new (path, &error);
  g_assert_no_error (error);
  for (gint64 step = 0; step < 3; step++)
    {
      g_assert_true (cvg_event_writer_write_image (writer, CVG_WRITER_STYLE_TF2, 100 + step, step * 10, "small",
                                                   4, 3, 3, g_bytes_get_data (png, NULL), g_bytes_get_size (png),
                                                   &error));
      g_assert_true (cvg_event_writer_write_image (writer, CVG_WRITER_STYLE_TF1, 100 + step, step * 10 + 5, "other",
                                                   4, 3, 3, g_bytes_get_data (png, NULL), g_bytes_get_size (png),
                                                   &error));
    }
  g_assert_true (cvg_event_writer_write_image (writer, CVG_WRITER_STYLE_TF1, 100, 0, "huge", 100000, 100000, 4,
                                               huge_png, sizeof huge_png, &error));
  g_assert_true (cvg_event_writer_write_image (writer, CVG_WRITER_STYLE_TF1, 100, 0, "video", 1, 1, 3,
                                               two_frame_gif, sizeof two_frame_gif, &error));
  g_assert_true (cvg_event_writer_flush (writer, &error));
  g_assert_no_error (error);
  cvg_event_writer_free (writer);
  return dir;
}

/* Every pixel of the view as drawn is one of the image's colours (or the
 * transparent margin): enlarged pixels are copied, never blended. */
static void
assert_crisp (CvgImageView *view)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (view));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  int height = gtk_widget_get_height (GTK_WIDGET (view));
  g_autofree guint8 *pixels = NULL;
  guint n_colours[12] = { 0 };

  cvg_ui_settle ();
  width = gtk_widget_get_width (GTK_WIDGET (view));
  height = gtk_widget_get_height (GTK_WIDGET (view));
  g_assert_cmpfloat (cvg_image_view_get_scale (view), >, 10);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (GTK_WIDGET (view))),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, width * 4);
  for (int i = 0; i < width * height; i++)
    {
      guint32 p = ((guint32 *) pixels)[i];
      guint r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff, a = p >> 24;
      gboolean found = a == 0;

      for (guint x = 0; x < 4 && !found; x++)
        for (guint y = 0; y < 3 && !found; y++)
          if (a == 255 && r == x * 60 && g == y * 100 && b == 255 - x * 60)
            {
              found = TRUE;
              n_colours[y * 4 + x]++;
            }
      if (!found)
        g_error ("pixel %d,%d is %08x: blended", i % width, i / width, p);
    }
  /* Every image pixel is there, as a block of about scale² pixels. */
  for (guint c = 0; c < 12; c++)
    g_assert_cmpuint (n_colours[c], >, 100);
}

static gboolean
has_message (gpointer data)
{
  return cvg_image_card_get_message (data) != NULL;
}

static gboolean
second_frame (gpointer data)
{
  return cvg_image_view_get_frame (data) == 1;
}

static void
test_fixtures (void)
{
  g_autoptr(GBytes) png = small_png ();
  g_autofree char *dir = write_logs (png);
  CvgWindow *window = cvg_ui_open_window (dir);
  CvgImagesPage *page = show_images_page (window);
  CvgImageCard *card, *other;
  CvgImageViewer *viewer;
  CvgImageView *view;
  double scale;

  g_assert_cmpuint (cvg_images_page_get_n_cards (page), ==, 4);

  /* add_video's animated GIF plays: the second frame comes. */
  card = focus_card (page, "train", "video", 0);
  wait_for_step (card, 0);
  g_assert_cmpuint (cvg_decoded_image_get_n_frames (cvg_image_view_get_image (cvg_image_card_get_view (card))), ==, 2);
  g_assert_true (cvg_ui_wait_until (second_frame, cvg_image_card_get_view (card)));

  /* The oversized image is refused in its card, with its size. */
  card = focus_card (page, "train", "huge", 0);
  g_assert_true (cvg_ui_wait_until (has_message, card));
  g_assert_cmpstr (cvg_image_card_get_message (card), ==, "image too large: 100000×100000");
  cvg_ui_screenshot ("CVG_IMAGES_SCREENSHOTS", "images-refused-light.png");

  /* A 4×3 image enlarged to the card keeps square pixels. */
  card = focus_card (page, "train", "small", 0);
  wait_for_step (card, 20);
  assert_crisp (cvg_image_card_get_view (card));
  cvg_ui_screenshot ("CVG_IMAGES_SCREENSHOTS", "images-crisp-light.png");

  /* Linked sliders: another card follows to the last step at or before
   * (or its first step, when all are after). */
  g_object_set (page, "tag-filter", "", "link-steps", TRUE, NULL);
  cvg_ui_settle ();
  other = cvg_images_page_get_card (page, "train", "other", 0);
  card = cvg_images_page_get_card (page, "train", "small", 0);
  cvg_image_card_set_position (card, 1);
  g_assert_cmpint (cvg_image_card_get_step (card), ==, 10);
  g_assert_cmpint (cvg_image_card_get_step (other), ==, 5);
  cvg_image_card_set_position (other, 2);
  g_assert_cmpint (cvg_image_card_get_step (other), ==, 25);
  g_assert_cmpint (cvg_image_card_get_step (card), ==, 20);
  cvg_image_card_set_position (card, 0);
  g_assert_cmpint (cvg_image_card_get_step (other), ==, 5);

  /* Copy puts the logged bytes on the clipboard as image/png. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.copy", NULL));
  g_assert_true (gdk_content_formats_contain_mime_type (gdk_clipboard_get_formats (gtk_widget_get_clipboard (GTK_WIDGET (card))),
                                                       "image/png"));

  /* The viewer: zoomed in, the pixel under the pointer and its value. */
  card = focus_card (page, "train", "small", 0);
  wait_for_step (card, 0);
  viewer = cvg_image_viewer_present (GTK_WINDOW (window), "small",
                                     cvg_image_view_get_image (cvg_image_card_get_view (card)));
  view = cvg_image_viewer_get_view (viewer);
  cvg_ui_settle ();
  cvg_image_viewer_zoom_by (viewer, 1.25);
  cvg_ui_settle ();
  scale = cvg_image_view_get_scale (view);
  g_assert_cmpfloat (scale, >, 100);
  /* The centre of pixel (2, 1), from the image's centred top-left corner. */
  cvg_image_viewer_hover (viewer, floor (MAX (0, (gtk_widget_get_width (GTK_WIDGET (view)) - 4 * scale) / 2)) + 2.5 * scale,
                          floor (MAX (0, (gtk_widget_get_height (GTK_WIDGET (view)) - 3 * scale) / 2)) + 1.5 * scale);
  g_assert_cmpstr (cvg_image_viewer_get_pixel_text (viewer), ==, "x 2, y 1   R 120  G 100  B 135  A 255");
  assert_crisp (view);
  cvg_ui_screenshot ("CVG_IMAGES_SCREENSHOTS", "images-viewer-light.png");
  gtk_window_destroy (GTK_WINDOW (viewer));

  gtk_window_destroy (GTK_WINDOW (window));
  cvg_ui_settle ();
  cvg_test_remove_tree (dir);
}

typedef struct
{
  CvgImageCard *card;
  guint         n_steps;
} Grown;

static gboolean
card_grew (gpointer data)
{
  Grown *grown = data;

  return cvg_image_card_get_n_steps (grown->card) == grown->n_steps &&
         cvg_image_card_get_shown_step (grown->card) == 40;
}

/* Steps written while the page is shown: a slider at the end follows the
 * newest; one moved back stays where it was. */
static void
test_follow_newest (void)
{
  g_autoptr(GBytes) png = small_png ();
  g_autofree char *dir = write_logs (png);
  g_autofree char *path = g_build_filename (dir, "train", "events.out.tfevents.2.test", NULL);
  g_autoptr(GError) error = NULL;
  CvgWindow *window = cvg_ui_open_window (dir);
  CvgImagesPage *page = show_images_page (window);
  CvgImageCard *card = focus_card (page, "train", "small", 0);
  CvgImageCard *other = cvg_images_page_get_card (page, "train", "other", 0);
  CvgEventWriter *writer;
  Grown grown = { card, 5 };

  wait_for_step (card, 20);
  cvg_image_card_set_position (other, 0);
  writer = cvg_event_writer_new (path, &error);
  g_assert_no_error (error);
  for (gint64 step = 30; step <= 40; step += 10)
    {
      g_assert_true (cvg_event_writer_write_image (writer, CVG_WRITER_STYLE_TF2, 200, step, "small", 4, 3, 3,
                                                   g_bytes_get_data (png, NULL), g_bytes_get_size (png), &error));
      g_assert_true (cvg_event_writer_write_image (writer, CVG_WRITER_STYLE_TF1, 200, step, "other", 4, 3, 3,
                                                   g_bytes_get_data (png, NULL), g_bytes_get_size (png), &error));
    }
  g_assert_true (cvg_event_writer_flush (writer, &error));
  g_assert_no_error (error);
  cvg_event_writer_free (writer);

  g_assert_true (cvg_ui_wait_until (card_grew, &grown));
  g_assert_cmpuint (cvg_image_card_get_position (card), ==, 4);
  g_assert_cmpuint (cvg_image_card_get_n_steps (other), ==, 5);
  g_assert_cmpuint (cvg_image_card_get_position (other), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  cvg_ui_settle ();
  cvg_test_remove_tree (dir);
}

/* The bundled demo logs (converge --demo): each train run's digit
 * appears in its card, decoded at its size. */
static void
test_demo (void)
{
  const char *demo = g_getenv ("CVG_DEMO_LOGDIR");
  CvgWindow *window;
  CvgImagesPage *page;

  g_assert_nonnull (demo);
  window = cvg_ui_open_window (demo);
  page = show_images_page (window);
  g_assert_cmpuint (cvg_images_page_get_n_cards (page), ==, 2);
  g_assert_cmpuint (cvg_images_page_get_n_cards (page), ==, count_cards (demo));
  for (guint i = 1; i <= 2; i++)
    {
      g_autofree char *run = g_strdup_printf ("run%u/train", i);
      CvgImageCard *card = focus_card (page, run, "samples/digit", 0);

      wait_for_step (card, cvg_image_card_get_step (card));
      assert_image_size (card);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The same pages in the dark style, for the screenshots. */
static void
test_dark (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  CvgWindow *window;
  CvgImagesPage *page;

  if (g_getenv ("CVG_IMAGES_SCREENSHOTS") == NULL)
    {
      g_test_skip ("screenshots only (CVG_IMAGES_SCREENSHOTS)");
      return;
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  window = cvg_ui_open_corpus_window ("pytorch_fmnist_projector");
  if (window != NULL)
    {
      page = show_images_page (window);
      wait_for_first_cards (page);
      cvg_ui_screenshot ("CVG_IMAGES_SCREENSHOTS", "images-pytorch-dark.png");
      gtk_window_destroy (GTK_WINDOW (window));
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  cvg_ui_init (&argc, &argv);

  g_test_add_func ("/ui-images/keras", test_keras);
  g_test_add_func ("/ui-images/pytorch-projector", test_pytorch_projector);
  g_test_add_func ("/ui-images/pytorch-study", test_pytorch_study);
  g_test_add_func ("/ui-images/fixtures", test_fixtures);
  g_test_add_func ("/ui-images/follow-newest", test_follow_newest);
  g_test_add_func ("/ui-images/demo", test_demo);
  g_test_add_func ("/ui-images/dark", test_dark);
  return g_test_run ();
}
