/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Logged images without a display: headers read and refused before any
 * decoding (a PNG claiming 100000×100000, a truncated JPEG, corrupt and
 * unknown bytes, mutated ones), decoding with gdk-pixbuf into cairo pixels (an animated
 * GIF's frames too), TensorBoard's brightness and contrast, the decoded
 * image cache's budget, both encodings from each writer through the
 * model, and the files `converge --export images` writes. */

#define G_LOG_DOMAIN "test-images"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cvg-decoded-image.h"
#include "cvg-event-writer.h"
#include "cvg-image-cache.h"
#include "cvg-image.h"
#include "cvg-logdir.h"
#include "cvg-run.h"
#include "cvg-series.h"
#include "cvg-test-files.h"

/* Two 1×1 frames, white then black, 100 ms each (GIF89a, hand-encoded:
 * LZW code size 2, clear, one index, end). */
static const guint8 two_frame_gif[] = {
  'G', 'I', 'F', '8', '9', 'a', 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00,
  0xff, 0xff, 0xff, 0x00, 0x00, 0x00,
  0x21, 0xf9, 0x04, 0x00, 0x0a, 0x00, 0x00, 0x00,
  0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00,
  0x21, 0xf9, 0x04, 0x00, 0x0a, 0x00, 0x00, 0x00,
  0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x4c, 0x01, 0x00,
  0x3b,
};

/* A PNG's signature and IHDR claiming 100000×100000 RGBA, then nothing. */
static const guint8 huge_png[] = {
  0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
  0x00, 0x00, 0x00, 0x0d, 'I', 'H', 'D', 'R',
  0x00, 0x01, 0x86, 0xa0, 0x00, 0x01, 0x86, 0xa0, 0x08, 0x06, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00,
};

/* A @width × @height image whose pixel (x, y) is (x·40, y·40, 200),
 * saved by gdk-pixbuf as @type ("png", "jpeg", "bmp"). */
static GBytes *
make_image (const char *type,
            int         width,
            int         height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  gchar *buffer = NULL;
  gsize len = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf) + x * 3;

        p[0] = x * 40;
        p[1] = y * 40;
        p[2] = 200;
      }
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &len, type, &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, len);
}

static void
assert_header (GBytes         *bytes,
               CvgImageFormat  format,
               guint32         width,
               guint32         height)
{
  g_autoptr(GError) error = NULL;
  CvgImageHeader header;
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  g_assert_true (cvg_image_read_header (data, len, CVG_IMAGE_MAX_PIXELS, &header, &error));
  g_assert_no_error (error);
  g_assert_cmpint (header.format, ==, format);
  g_assert_cmpuint (header.width, ==, width);
  g_assert_cmpuint (header.height, ==, height);
}

static void
test_headers (void)
{
  g_autoptr(GBytes) png = make_image ("png", 7, 5);
  g_autoptr(GBytes) jpeg = make_image ("jpeg", 7, 5);
  g_autoptr(GBytes) bmp = make_image ("bmp", 7, 5);
  g_autoptr(GBytes) gif = g_bytes_new_static (two_frame_gif, sizeof two_frame_gif);

  assert_header (png, CVG_IMAGE_FORMAT_PNG, 7, 5);
  assert_header (jpeg, CVG_IMAGE_FORMAT_JPEG, 7, 5);
  assert_header (bmp, CVG_IMAGE_FORMAT_BMP, 7, 5);
  assert_header (gif, CVG_IMAGE_FORMAT_GIF, 1, 1);
  g_assert_cmpstr (cvg_image_format_extension (CVG_IMAGE_FORMAT_PNG), ==, "png");
  g_assert_cmpstr (cvg_image_format_extension (CVG_IMAGE_FORMAT_JPEG), ==, "jpg");
  g_assert_cmpstr (cvg_image_format_extension (CVG_IMAGE_FORMAT_GIF), ==, "gif");
  g_assert_cmpstr (cvg_image_format_extension (CVG_IMAGE_FORMAT_BMP), ==, "bmp");
  g_assert_cmpstr (cvg_image_format_extension (cvg_image_sniff ((const guint8 *) "hello", 5)), ==, "bin");
}

static void
assert_refused (const guint8  *data,
                gsize          len,
                int            code,
                const char    *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CvgDecodedImage) image = NULL;
  CvgImageHeader header;

  g_assert_false (cvg_image_read_header (data, len, CVG_IMAGE_MAX_PIXELS, &header, &error));
  g_assert_error (error, CVG_IMAGE_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);

  /* The decoder says the same: it stopped at the header. */
  image = cvg_decoded_image_new (data, len, CVG_IMAGE_MAX_PIXELS, 1, 1);
  g_assert_cmpstr (cvg_decoded_image_get_error (image), ==, message);
  g_assert_cmpuint (cvg_decoded_image_get_n_frames (image), ==, 0);
}

/* 10^10 pixels would be 40 GB: refused from the header, so gdk-pixbuf
 * (which would fail its allocation with another message) never sees it. */
static void
test_huge_png (void)
{
  assert_refused (huge_png, sizeof huge_png, CVG_IMAGE_ERROR_TOO_LARGE, "image too large: 100000×100000");
}

static void
test_corrupt (void)
{
  static const guint8 zeros[64] = { 0 };
  g_autoptr(GBytes) png = make_image ("png", 7, 5);
  g_autofree guint8 *zero_size = g_memdup2 (g_bytes_get_data (png, NULL), 24);
  g_autofree guint8 *garbled = g_memdup2 (g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  g_autoptr(CvgDecodedImage) image = NULL;

  assert_refused (zeros, sizeof zeros, CVG_IMAGE_ERROR_UNKNOWN_FORMAT, "not a PNG, JPEG, GIF or BMP image");
  assert_refused (zeros, 0, CVG_IMAGE_ERROR_UNKNOWN_FORMAT, "empty image");
  assert_refused (huge_png, 20, CVG_IMAGE_ERROR_CORRUPT, "corrupt or truncated png header");
  memset (zero_size + 16, 0, 4);
  assert_refused (zero_size, 24, CVG_IMAGE_ERROR_CORRUPT, "corrupt or truncated png header");

  /* A sound header over garbage: gdk-pixbuf's reason, no pixels. */
  memset (garbled + 33, 0x5a, g_bytes_get_size (png) - 33);
  image = cvg_decoded_image_new (garbled, g_bytes_get_size (png), CVG_IMAGE_MAX_PIXELS, 1, 1);
  g_assert_nonnull (cvg_decoded_image_get_error (image));
  g_assert_true (g_str_has_prefix (cvg_decoded_image_get_error (image), "cannot decode: "));
  g_assert_cmpuint (cvg_decoded_image_get_n_frames (image), ==, 0);
}

static void
test_truncated_jpeg (void)
{
  g_autoptr(GBytes) jpeg = make_image ("jpeg", 64, 48);
  gsize len;
  const guint8 *data = g_bytes_get_data (jpeg, &len);
  g_autoptr(CvgDecodedImage) whole = cvg_decoded_image_new (data, len, CVG_IMAGE_MAX_PIXELS, 1, 1);

  g_assert_null (cvg_decoded_image_get_error (whole));
  g_assert_cmpint (cvg_decoded_image_get_width (whole), ==, 64);

  /* Cut before the frame header: refused from the header. */
  assert_refused (data, 4, CVG_IMAGE_ERROR_CORRUPT, "corrupt or truncated jpg header");
  /* Cut inside the scan data: the header passes, the decoder fails or
   * gives the rows it had; either way no crash and a 64×48 answer. */
  for (gsize cut = len / 4; cut < len; cut += len / 4)
    {
      g_autoptr(CvgDecodedImage) image = cvg_decoded_image_new (data, cut, CVG_IMAGE_MAX_PIXELS, 1, 1);

      if (cvg_decoded_image_get_error (image) == NULL)
        g_assert_cmpuint (cvg_decoded_image_get_n_frames (image), ==, 1);
      g_assert_cmpint (cvg_decoded_image_get_width (image), ==, 64);
      g_assert_cmpint (cvg_decoded_image_get_height (image), ==, 48);
    }
}

/* Mutated and cut images of each format: the decoder answers every one,
 * an error or frames no larger than the header said, and never crashes
 * (the sanitizer build runs this too). */
static void
test_mutations (void)
{
  g_autoptr(GBytes) png = make_image ("png", 9, 7);
  g_autoptr(GBytes) jpeg = make_image ("jpeg", 9, 7);
  g_autoptr(GBytes) bmp = make_image ("bmp", 9, 7);
  g_autoptr(GBytes) gif = g_bytes_new_static (two_frame_gif, sizeof two_frame_gif);
  GBytes *images[] = { png, jpeg, bmp, gif };
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  for (guint round = 0; round < 400; round++)
    {
      GBytes *original = images[round % G_N_ELEMENTS (images)];
      gsize len = g_bytes_get_size (original);
      g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (original, NULL), len);
      g_autoptr(CvgDecodedImage) image = NULL;

      for (guint flips = g_rand_int_range (rand, 1, 6); flips > 0; flips--)
        data[g_rand_int_range (rand, 0, len)] = g_rand_int_range (rand, 0, 256);
      if (g_rand_boolean (rand))
        len = g_rand_int_range (rand, 0, len);
      image = cvg_decoded_image_new (data, len, 4096, 1, 1);
      if (cvg_decoded_image_get_error (image) != NULL)
        continue;
      g_assert_cmpuint (cvg_decoded_image_get_n_frames (image), >, 0);
      for (guint f = 0; f < cvg_decoded_image_get_n_frames (image); f++)
        {
          cairo_surface_t *frame = cvg_decoded_image_get_frame (image, f);

          g_assert_cmpint (cairo_image_surface_get_width (frame), <=, cvg_decoded_image_get_width (image));
          g_assert_cmpint (cairo_image_surface_get_height (frame), <=, cvg_decoded_image_get_height (image));
          g_assert_cmpint ((gint64) cairo_image_surface_get_width (frame) * cairo_image_surface_get_height (frame), <=, 4096);
        }
    }
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  return ((guint32 *) (cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface)))[x];
}

/* PNG is lossless: every pixel comes back as written, as cairo ARGB. */
static void
test_decode_png (void)
{
  g_autoptr(GBytes) png = make_image ("png", 4, 3);
  gsize len;
  const guint8 *data = g_bytes_get_data (png, &len);
  g_autoptr(CvgDecodedImage) image = cvg_decoded_image_new (data, len, CVG_IMAGE_MAX_PIXELS, 1, 1);
  cairo_surface_t *surface;

  g_assert_null (cvg_decoded_image_get_error (image));
  g_assert_cmpuint (cvg_decoded_image_get_n_frames (image), ==, 1);
  surface = cvg_decoded_image_get_frame (image, 0);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 4);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 3);
  for (int y = 0; y < 3; y++)
    for (int x = 0; x < 4; x++)
      g_assert_cmphex (pixel_at (surface, x, y), ==, 0xff000000u | (x * 40u) << 16 | (y * 40u) << 8 | 200u);
  g_assert_cmpuint (cvg_decoded_image_get_cost (image), >=, 4 * 4 * 3);

  /* Fewer pixels allowed than the image has: refused. */
  g_clear_pointer (&image, cvg_decoded_image_unref);
  image = cvg_decoded_image_new (data, len, 11, 1, 1);
  g_assert_cmpstr (cvg_decoded_image_get_error (image), ==, "image too large: 4×3");
}

static void
test_gif_frames (void)
{
  g_autoptr(CvgDecodedImage) image = cvg_decoded_image_new (two_frame_gif, sizeof two_frame_gif,
                                                            CVG_IMAGE_MAX_PIXELS, 1, 1);

  g_assert_cmpuint (cvg_image_gif_count_frames (two_frame_gif, sizeof two_frame_gif, 100), ==, 2);
  g_assert_cmpuint (cvg_image_gif_count_frames (two_frame_gif, sizeof two_frame_gif, 1), ==, 1);
  /* Cut inside the second frame's data: the count never reads past it. */
  g_assert_cmpuint (cvg_image_gif_count_frames (two_frame_gif, sizeof two_frame_gif - 6, 100), ==, 2);
  g_assert_cmpuint (cvg_image_gif_count_frames (two_frame_gif, 20, 100), ==, 0);

  g_assert_null (cvg_decoded_image_get_error (image));
  g_assert_cmpuint (cvg_decoded_image_get_n_frames (image), ==, 2);
  g_assert_cmphex (pixel_at (cvg_decoded_image_get_frame (image, 0), 0, 0), ==, 0xffffffff);
  g_assert_cmphex (pixel_at (cvg_decoded_image_get_frame (image, 1), 0, 0), ==, 0xff000000);
  g_assert_cmpuint (cvg_decoded_image_get_delay (image, 0), ==, 100);
  g_assert_cmpuint (cvg_decoded_image_get_delay (image, 1), ==, 100);
}

/* contrast(c) then brightness(b), per channel, clamped (CSS filters). */
static void
test_adjust (void)
{
  g_autoptr(GBytes) png = make_image ("png", 4, 3);
  gsize len;
  const guint8 *data = g_bytes_get_data (png, &len);
  g_autoptr(CvgDecodedImage) image = NULL;
  guint8 table[256];

  cvg_image_adjust_table (1, 1, table);
  for (guint v = 0; v < 256; v++)
    g_assert_cmpuint (table[v], ==, v);
  cvg_image_adjust_table (1, 0, table);
  g_assert_cmpuint (table[0], ==, 128);
  g_assert_cmpuint (table[255], ==, 128);
  cvg_image_adjust_table (2, 1, table);
  g_assert_cmpuint (table[100], ==, 200);
  g_assert_cmpuint (table[200], ==, 255);
  cvg_image_adjust_table (0.5, 1, table);
  g_assert_cmpuint (table[200], ==, 100);
  /* Contrast 2 first: 200 → (0.784 − 0.5)·2 + 0.5 = 1.069 → 1; then ·0.5. */
  cvg_image_adjust_table (0.5, 2, table);
  g_assert_cmpuint (table[200], ==, 128);
  g_assert_cmpuint (table[64], ==, 0);

  image = cvg_decoded_image_new (data, len, CVG_IMAGE_MAX_PIXELS, 0.5, 1);
  g_assert_cmphex (pixel_at (cvg_decoded_image_get_frame (image, 0), 2, 1), ==, 0xff000000u | 40u << 16 | 20u << 8 | 100u);
}

static void
test_cache (void)
{
  g_autoptr(CvgImageCache) cache = cvg_image_cache_new (100, g_free);

  cvg_image_cache_insert (cache, "a", g_strdup ("A"), 60);
  cvg_image_cache_insert (cache, "b", g_strdup ("B"), 30);
  g_assert_cmpstr (cvg_image_cache_lookup (cache, "a"), ==, "A");
  /* b is now the least recently used: c pushes it out. */
  cvg_image_cache_insert (cache, "c", g_strdup ("C"), 30);
  g_assert_null (cvg_image_cache_lookup (cache, "b"));
  g_assert_cmpstr (cvg_image_cache_lookup (cache, "a"), ==, "A");
  g_assert_cmpstr (cvg_image_cache_lookup (cache, "c"), ==, "C");
  g_assert_cmpuint (cvg_image_cache_get_size (cache), ==, 90);
  /* Replacing a key counts its new cost only. */
  cvg_image_cache_insert (cache, "c", g_strdup ("C2"), 10);
  g_assert_cmpuint (cvg_image_cache_get_size (cache), ==, 70);
  g_assert_cmpuint (cvg_image_cache_get_n_items (cache), ==, 2);
  /* Larger than the budget: it stays, alone. */
  cvg_image_cache_insert (cache, "big", g_strdup ("BIG"), 500);
  g_assert_cmpuint (cvg_image_cache_get_n_items (cache), ==, 1);
  g_assert_cmpstr (cvg_image_cache_lookup (cache, "big"), ==, "BIG");
  cvg_image_cache_clear (cache);
  g_assert_cmpuint (cvg_image_cache_get_size (cache), ==, 0);
}

typedef struct
{
  char *dir;
  GBytes *png;
  GBytes *png_other;
  GBytes *grid;
  GBytes *gif;
} Logs;

static void
write_run (const char  *dir,
           const char  *run,
           CvgWriterStyle style,
           void       (*write) (CvgEventWriter *, CvgWriterStyle, Logs *),
           Logs        *logs)
{
  g_autofree char *run_dir = g_build_filename (dir, run, NULL);
  g_autofree char *path = g_build_filename (run_dir, "events.out.tfevents.1.test", NULL);
  g_autoptr(GError) error = NULL;
  CvgEventWriter *writer;

  g_assert_cmpint (g_mkdir_with_parents (run_dir, 0755), ==, 0);
  writer = cvg_event_writer_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (cvg_event_writer_write_file_version (writer, 1, "brain.Event:2", &error));
  write (writer, style, logs);
  g_assert_true (cvg_event_writer_flush (writer, &error));
  g_assert_no_error (error);
  cvg_event_writer_free (writer);
}

static void
write_one (CvgEventWriter *writer,
           CvgWriterStyle  style,
           const char     *tag,
           gint64          step,
           GBytes         *bytes)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cvg_event_writer_write_image (writer, style, 10 + step, step, tag, 7, 5, 3,
                                               g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                               &error));
  g_assert_no_error (error);
}

/* TF1: Summary.Image, one per value; a step logged twice; a tag trying to
 * leave the export folder. */
static void
write_tf1 (CvgEventWriter *writer,
           CvgWriterStyle  style,
           Logs           *logs)
{
  write_one (writer, style, "input/image/0", 0, logs->png);
  write_one (writer, style, "input/image/0", 1, logs->png_other);
  write_one (writer, style, "input/image/0", 1, logs->png);
  write_one (writer, style, "../../.escape/x", 3, logs->png);
}

/* TF2: three samples at step 0, two at step 1. */
static void
write_tf2 (CvgEventWriter *writer,
           CvgWriterStyle  style,
           Logs           *logs)
{
  const guint8 *data[3] = { g_bytes_get_data (logs->png, NULL), g_bytes_get_data (logs->png_other, NULL),
                            g_bytes_get_data (logs->png, NULL) };
  gsize lens[3] = { g_bytes_get_size (logs->png), g_bytes_get_size (logs->png_other), g_bytes_get_size (logs->png) };
  g_autoptr(GError) error = NULL;

  g_assert_true (cvg_event_writer_write_images (writer, style, 10, 0, "batch", 7, 5, 3, data, lens, 3, &error));
  g_assert_true (cvg_event_writer_write_images (writer, style, 11, 1, "batch", 7, 5, 3, data + 1, lens + 1, 2, &error));
  g_assert_no_error (error);
}

/* PyTorch: add_images tiles a batch into one grid Summary.Image per step;
 * add_video writes an animated GIF the same way. */
static void
write_pytorch (CvgEventWriter *writer,
               CvgWriterStyle  style,
               Logs           *logs)
{
  write_one (writer, style, "grid", 5, logs->grid);
  write_one (writer, style, "video", 5, logs->gif);
}

static void
logs_setup (Logs *logs)
{
  g_autoptr(GError) error = NULL;

  logs->dir = g_dir_make_tmp ("cvg-images-XXXXXX", &error);
  g_assert_no_error (error);
  logs->png = make_image ("png", 7, 5);
  logs->png_other = make_image ("png", 5, 6);
  logs->grid = make_image ("png", 56, 14);
  logs->gif = g_bytes_new_static (two_frame_gif, sizeof two_frame_gif);
  write_run (logs->dir, "tf1", CVG_WRITER_STYLE_TF1, write_tf1, logs);
  write_run (logs->dir, "tf2", CVG_WRITER_STYLE_TF2, write_tf2, logs);
  write_run (logs->dir, "pytorch", CVG_WRITER_STYLE_TF1, write_pytorch, logs);
}

static void
logs_teardown (Logs *logs)
{
  cvg_test_remove_tree (logs->dir);
  g_free (logs->dir);
  g_bytes_unref (logs->png);
  g_bytes_unref (logs->png_other);
  g_bytes_unref (logs->grid);
  g_bytes_unref (logs->gif);
}

static CvgSeries *
find_series (CvgLogdir  *logdir,
             const char *run,
             const char *tag)
{
  GPtrArray *runs = cvg_logdir_get_runs (logdir);

  for (guint i = 0; i < runs->len; i++)
    {
      GPtrArray *series;

      if (g_strcmp0 (cvg_run_get_name (g_ptr_array_index (runs, i)), run) != 0)
        continue;
      series = cvg_run_get_series (g_ptr_array_index (runs, i));
      for (guint j = 0; j < series->len; j++)
        if (g_strcmp0 (cvg_series_get_tag (g_ptr_array_index (series, j)), tag) == 0)
          return g_ptr_array_index (series, j);
    }
  g_assert_not_reached ();
}

static void
assert_sample (CvgSeries *series,
               gsize      index,
               guint      sample,
               GBytes    *expected)
{
  CvgSpan bytes;

  g_assert_true (cvg_image_series_get_sample (series, index, sample, &bytes));
  g_assert_cmpmem (bytes.data, bytes.len, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

static void
assert_indices (CvgSeries *series,
                guint      sample,
                guint      n,
                ...)
{
  g_autoptr(GArray) indices = cvg_image_series_sample_indices (series, sample);
  va_list args;

  g_assert_cmpuint (indices->len, ==, n);
  va_start (args, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (g_array_index (indices, guint, i), ==, va_arg (args, guint));
  va_end (args);
}

static void
test_writers (void)
{
  Logs logs;
  g_autoptr(CvgLogdir) logdir = NULL;
  g_autoptr(GError) error = NULL;
  CvgSeries *tf1, *tf2, *grid, *video;

  logs_setup (&logs);
  logdir = cvg_logdir_new (logs.dir);
  g_assert_true (cvg_logdir_load (logdir, &error));
  g_assert_no_error (error);

  tf1 = find_series (logdir, "tf1", "input/image/0");
  g_assert_cmpint (cvg_series_get_kind (tf1), ==, CVG_KIND_IMAGE);
  g_assert_cmpuint (cvg_image_series_count_samples (tf1), ==, 1);
  assert_indices (tf1, 0, 3, 0, 1, 2);
  assert_sample (tf1, 1, 0, logs.png_other);
  assert_sample (tf1, 2, 0, logs.png);

  tf2 = find_series (logdir, "tf2", "batch");
  g_assert_cmpint (cvg_series_get_kind (tf2), ==, CVG_KIND_IMAGE);
  g_assert_cmpuint (cvg_image_series_count_samples (tf2), ==, 3);
  assert_indices (tf2, 0, 2, 0, 1);
  assert_indices (tf2, 2, 1, 0);
  assert_indices (tf2, 3, 0);
  assert_sample (tf2, 0, 1, logs.png_other);
  assert_sample (tf2, 1, 1, logs.png);
  {
    CvgSpan none;

    g_assert_false (cvg_image_series_get_sample (tf2, 1, 2, &none));
    g_assert_false (cvg_image_series_get_sample (tf2, 7, 0, &none));
  }

  grid = find_series (logdir, "pytorch", "grid");
  video = find_series (logdir, "pytorch", "video");
  g_assert_cmpuint (cvg_image_series_count_samples (grid), ==, 1);
  assert_sample (grid, 0, 0, logs.grid);
  assert_sample (video, 0, 0, logs.gif);
  logs_teardown (&logs);
}

static char *
run_export (const char  *logdir,
            const char  *out,
            const char  *extra)
{
  const char *converge = g_getenv ("CVG_CONVERGE");
  g_autofree char *command = NULL;
  g_autofree char *standard_out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_nonnull (converge);
  command = g_strdup_printf ("'%s' --export images --logdir '%s' --out '%s' %s", converge, logdir, out, extra);
  g_assert_true (g_spawn_command_line_sync (command, &standard_out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&standard_out);
}

static void
assert_file (const char *out,
             const char *relative,
             GBytes     *expected)
{
  g_autofree char *path = g_build_filename (out, relative, NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpmem (contents, len, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

static void
test_export (void)
{
  Logs logs;
  g_autofree char *out = NULL;
  g_autofree char *printed = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *escaped = NULL;

  logs_setup (&logs);
  out = g_build_filename (logs.dir, "out", NULL);
  printed = run_export (logs.dir, out, "");
  expected = g_strdup_printf ("11 images written to %s\n", out);
  g_assert_cmpstr (printed, ==, expected);

  assert_file (out, "tf1/input/image/0/0.png", logs.png);
  assert_file (out, "tf1/input/image/0/1.png", logs.png_other);
  assert_file (out, "tf1/input/image/0/1-2.png", logs.png);
  /* "../../.escape/x": every component stays inside, none hidden. */
  assert_file (out, "tf1/_../_../_.escape/x/3.png", logs.png);
  escaped = g_build_filename (logs.dir, ".escape", NULL);
  g_assert_false (g_file_test (escaped, G_FILE_TEST_EXISTS));
  assert_file (out, "tf2/batch/0_0.png", logs.png);
  assert_file (out, "tf2/batch/0_1.png", logs.png_other);
  assert_file (out, "tf2/batch/0_2.png", logs.png);
  assert_file (out, "tf2/batch/1_0.png", logs.png_other);
  assert_file (out, "tf2/batch/1_1.png", logs.png);
  assert_file (out, "pytorch/grid/5.png", logs.grid);
  assert_file (out, "pytorch/video/5.gif", logs.gif);

  /* --run, --tag and --step choose. */
  cvg_test_remove_tree (out);
  g_free (printed);
  printed = run_export (logs.dir, out, "--run tf2 --tag batch --step 1");
  g_free (expected);
  expected = g_strdup_printf ("2 images written to %s\n", out);
  g_assert_cmpstr (printed, ==, expected);
  assert_file (out, "tf2/batch/1_1.png", logs.png);
  logs_teardown (&logs);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/images/headers", test_headers);
  g_test_add_func ("/images/huge-png", test_huge_png);
  g_test_add_func ("/images/corrupt", test_corrupt);
  g_test_add_func ("/images/truncated-jpeg", test_truncated_jpeg);
  g_test_add_func ("/images/mutations", test_mutations);
  g_test_add_func ("/images/decode-png", test_decode_png);
  g_test_add_func ("/images/gif-frames", test_gif_frames);
  g_test_add_func ("/images/adjust", test_adjust);
  g_test_add_func ("/images/cache", test_cache);
  g_test_add_func ("/images/writers", test_writers);
  g_test_add_func ("/images/export", test_export);
  return g_test_run ();
}
