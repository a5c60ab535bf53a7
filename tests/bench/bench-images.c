/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Images page benchmark, run under a display (Xvfb): a run of N steps of
 * 512×512 PNGs (written once, kept). Times from showing the page to the
 * first card's image on screen; then drags the first card's slider across
 * every step, one position per frame, and reports the main thread's time
 * per position (moving the slider) and per frame (layout and paint), how
 * long the image takes to catch up after the drag, the decoded-image
 * cache's size and the process's peak memory.
 *
 *   bench-images [--steps N] [--size S] [--repeat K] [--dir DIR]
 */
#define G_LOG_DOMAIN "bench-images"

#include "config.h"

#include <adwaita.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "cvg-event-writer.h"
#include "cvg-images-page.h"
#include "cvg-resources.h"
#include "cvg-window.h"

#include "bench-stats.h"

static gint opt_steps = 1000;
static gint opt_size = 512;
static gint opt_repeat = 3;
static char *opt_dir = NULL;

static GOptionEntry entries[] = {
  { "steps", 0, 0, G_OPTION_ARG_INT, &opt_steps, "Steps of the image tag", "N" },
  { "size", 0, 0, G_OPTION_ARG_INT, &opt_size, "Width and height of each PNG", "S" },
  { "repeat", 0, 0, G_OPTION_ARG_INT, &opt_repeat, "Timed openings of the page", "K" },
  { "dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_dir, "Logdir to write (kept and reused)", "DIR" },
  { NULL }
};

/* A different picture at each step: rings that move with the step. */
static GBytes *
make_png (int step)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, opt_size, opt_size);
  gchar *buffer = NULL;
  gsize len = 0;

  for (int y = 0; y < opt_size; y++)
    {
      guint8 *row = gdk_pixbuf_get_pixels (pixbuf) + (gsize) y * gdk_pixbuf_get_rowstride (pixbuf);

      for (int x = 0; x < opt_size; x++)
        {
          int d = (x - opt_size / 2) * (x - opt_size / 2) + (y - opt_size / 2) * (y - opt_size / 2);

          row[3 * x] = (guint8) (d / 64 + step);
          row[3 * x + 1] = (guint8) (x ^ y);
          row[3 * x + 2] = (guint8) (step * 7 + y);
        }
    }
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &len, "png", NULL, "compression", "1", NULL))
    g_error ("cannot encode a PNG");
  return g_bytes_new_take (buffer, len);
}

static guint64
write_logs (const char *dir)
{
  g_autofree char *run = g_build_filename (dir, "train", NULL);
  g_autofree char *path = g_build_filename (run, "events.out.tfevents.1.bench", NULL);
  g_autofree char *done = g_build_filename (dir, "complete", NULL);
  g_autoptr(GError) error = NULL;
  CvgEventWriter *writer;
  GStatBuf st;

  if (g_file_test (done, G_FILE_TEST_EXISTS) && g_stat (path, &st) == 0)
    return st.st_size;
  g_print ("writing %d PNGs of %dx%d to %s\n", opt_steps, opt_size, opt_size, dir);
  g_mkdir_with_parents (run, 0755);
  writer = cvg_event_writer_new (path, &error);
  g_assert_no_error (error);
  for (int step = 0; step < opt_steps; step++)
    {
      g_autoptr(GBytes) png = make_png (step);

      if (!cvg_event_writer_write_image (writer, CVG_WRITER_STYLE_TF2, 1e9 + step, step, "bench/image",
                                         opt_size, opt_size, 3, g_bytes_get_data (png, NULL),
                                         g_bytes_get_size (png), &error))
        g_error ("%s", error->message);
    }
  /* A scalar too, so that the window opens on Scalars, not on Images. */
  if (!cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF2, 1e9, 0, "loss", 1, &error))
    g_error ("%s", error->message);
  cvg_event_writer_flush (writer, NULL);
  cvg_event_writer_free (writer);
  g_file_set_contents (done, "", 0, NULL);
  g_stat (path, &st);
  return st.st_size;
}

/* Peak and current resident memory, in MiB, from /proc. */
static void
read_memory (double *peak,
             double *now)
{
  g_autofree char *status = NULL;
  const char *p;

  *peak = *now = 0;
  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return;
  if ((p = strstr (status, "VmHWM:")) != NULL)
    *peak = g_ascii_strtod (p + 6, NULL) / 1024;
  if ((p = strstr (status, "VmRSS:")) != NULL)
    *now = g_ascii_strtod (p + 6, NULL) / 1024;
}

typedef struct
{
  gint64 frame_start;
  double last_frame_ms;
  guint  n_frames;
} Frames;

static void
update_cb (GdkFrameClock *clock,
           Frames        *frames)
{
  frames->frame_start = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Frames        *frames)
{
  if (frames->frame_start == 0)
    return;
  frames->last_frame_ms = (g_get_monotonic_time () - frames->frame_start) / 1e3;
  frames->frame_start = 0;
  frames->n_frames++;
}

static void
wait_frame (Frames *frames)
{
  guint n = frames->n_frames;
  gint64 deadline = g_get_monotonic_time () + 2 * G_TIME_SPAN_SECOND;

  while (frames->n_frames == n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

static void
iterate_until_shown (CvgImageCard *card,
                     gint64        step)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  while (cvg_image_card_get_shown_step (card) != step && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (cvg_image_card_get_shown_step (card) != step)
    g_error ("step %" G_GINT64_FORMAT " not shown within 60 s", step);
}

static CvgWindow *
open_window (const char *dir)
{
  CvgWindow *window = cvg_window_new (NULL);
  gint64 deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  /* Start with the Images page hidden. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "i", 1);
  cvg_window_open_path (window, dir);
  while (g_strcmp0 (cvg_window_get_state (window), "loaded") != 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  return window;
}

static CvgImagesPage *
find_page (GtkWidget *widget)
{
  if (CVG_IS_IMAGES_PAGE (widget))
    return CVG_IMAGES_PAGE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      CvgImagesPage *page = find_page (child);

      if (page != NULL)
        return page;
    }
  return NULL;
}

/* From asking for the page to the frame after its first card's image
 * arrived. */
static double
time_first_image (const char *dir)
{
  CvgWindow *window = open_window (dir);
  CvgImagesPage *page = find_page (GTK_WIDGET (window));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  Frames frames = { 0 };
  CvgImageCard *card;
  gint64 start;
  double ms;

  g_signal_connect (clock, "update", G_CALLBACK (update_cb), &frames);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &frames);
  start = g_get_monotonic_time ();

  gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "i", 5);
  card = cvg_images_page_get_card (page, "train", "bench/image", 0);
  g_assert_cmpint (cvg_image_card_get_shown_step (card), ==, -1);
  iterate_until_shown (card, cvg_image_card_get_step (card));
  wait_frame (&frames);
  ms = (g_get_monotonic_time () - start) / 1e3;
  g_signal_handlers_disconnect_by_data (clock, &frames);
  gtk_window_destroy (GTK_WINDOW (window));
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  return ms;
}

static double
percentile (GArray *values,
            double  p)
{
  bench_sort_doubles ((double *) values->data, values->len);
  return g_array_index (values, double, MIN (values->len - 1, (guint) (p * values->len)));
}

static void
drag_slider (const char *dir,
             guint64     encoded)
{
  CvgWindow *window = open_window (dir);
  CvgImagesPage *page = find_page (GTK_WIDGET (window));
  g_autoptr(GArray) moves = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame_times = g_array_new (FALSE, FALSE, sizeof (double));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  Frames frames = { 0 };
  CvgImageCard *card;
  double base_peak, base_now, peak, now;
  guint n;
  gint64 start;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "i", 5);
  card = cvg_images_page_get_card (page, "train", "bench/image", 0);
  iterate_until_shown (card, cvg_image_card_get_step (card));
  read_memory (&base_peak, &base_now);
  g_signal_connect (clock, "update", G_CALLBACK (update_cb), &frames);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &frames);

  n = cvg_image_card_get_n_steps (card);
  for (guint i = 0; i < n; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double ms;

      cvg_image_card_set_position (card, i);
      ms = (g_get_monotonic_time () - t0) / 1e3;
      g_array_append_val (moves, ms);
      wait_frame (&frames);
      g_array_append_val (frame_times, frames.last_frame_ms);
    }
  start = g_get_monotonic_time ();
  iterate_until_shown (card, cvg_image_card_get_step (card));
  read_memory (&peak, &now);

  g_print ("\ndrag over %u steps, one position per frame:\n", n);
  g_print ("  moving the slider: p50 %.3f ms, p99 %.3f ms, max %.3f ms\n",
           percentile (moves, 0.5), percentile (moves, 0.99), percentile (moves, 1));
  g_print ("  main-thread frame (update to after-paint): p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
           percentile (frame_times, 0.5), percentile (frame_times, 0.99), percentile (frame_times, 1));
  g_print ("  last image on screen %.0f ms after the drag ended\n", (g_get_monotonic_time () - start) / 1e3);
  g_print ("  decoded-image cache: %.1f MiB (budget %.0f MiB); encoded bytes in the file: %.1f MiB\n",
           cvg_image_loader_get_cache_size (cvg_images_page_get_loader (page)) / 1048576.0,
           CVG_IMAGE_LOADER_BUDGET / 1048576.0, encoded / 1048576.0);
  g_print ("  resident memory: %.0f MiB before the drag, %.0f MiB peak (+%.0f MiB)\n",
           base_now, peak, peak - base_now);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— Converge Images page benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (double));
  guint64 encoded;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (opt_dir == NULL)
    opt_dir = g_strdup_printf ("%s/converge-bench-images-v2-%d-%d", g_get_tmp_dir (), opt_steps, opt_size);
  encoded = write_logs (opt_dir);

  g_resources_register (cvg_get_resource ());
  adw_init ();

  for (int i = 0; i < opt_repeat; i++)
    {
      double ms = time_first_image (opt_dir);

      g_array_append_val (first, ms);
      g_print ("  round %d: first image %.0f ms after the page was asked for\n", i + 1, ms);
    }
  g_print ("%d steps of %d×%d PNG (%.1f MiB): first image on screen %.0f ms (median of %d)\n",
           opt_steps, opt_size, opt_size, encoded / 1048576.0, bench_median (first), opt_repeat);
  drag_slider (opt_dir, encoded);
  return 0;
}
