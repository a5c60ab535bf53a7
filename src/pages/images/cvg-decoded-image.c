/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-decoded-image"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>

#include "cvg-decoded-image.h"

#include "cvg-image.h"

/* GIFs beyond this many frames show their first ones only. */
#define MAX_FRAMES 1000

struct _CvgDecodedImage
{
  char      *error;
  int        width;
  int        height;
  GPtrArray *frames;   /* cairo_surface_t */
  GArray    *delays;   /* guint, ms */
  gsize      cost;
};

static void
decoded_image_clear (CvgDecodedImage *self)
{
  g_free (self->error);
  g_ptr_array_unref (self->frames);
  g_array_unref (self->delays);
}

static CvgDecodedImage *
decoded_image_alloc (void)
{
  CvgDecodedImage *self = g_atomic_rc_box_new0 (CvgDecodedImage);

  self->frames = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  self->delays = g_array_new (FALSE, FALSE, sizeof (guint));
  return self;
}

CvgDecodedImage *
cvg_decoded_image_ref (CvgDecodedImage *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
cvg_decoded_image_unref (CvgDecodedImage *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) decoded_image_clear);
}

/* A pixbuf's straight RGB(A) to cairo's premultiplied ARGB, through the
 * brightness and contrast table. */
static cairo_surface_t *
surface_from_pixbuf (GdkPixbuf    *pixbuf,
                     const guint8  table[256])
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  gboolean alpha = gdk_pixbuf_get_has_alpha (pixbuf);
  int in_stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *in = gdk_pixbuf_read_pixels (pixbuf);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  guint8 *out = cairo_image_surface_get_data (surface);
  int out_stride = cairo_image_surface_get_stride (surface);

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    return surface;
  cairo_surface_flush (surface);
  for (int y = 0; y < height; y++)
    {
      const guint8 *p = in + (gsize) y * in_stride;
      guint32 *q = (guint32 *) (out + (gsize) y * out_stride);

      for (int x = 0; x < width; x++, p += channels)
        {
          guint a = alpha ? p[3] : 255;
          guint r = table[p[0]] * a / 255, g = table[p[1]] * a / 255, b = table[p[2]] * a / 255;

          q[x] = (a << 24) | (r << 16) | (g << 8) | b;
        }
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

typedef struct
{
  CvgImageHeader header;
  gboolean       mismatch;
} LoadCheck;

/* The loader allocates after this: a size other than the header's (a
 * second, larger frame header) is refused at a token size. */
static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  LoadCheck       *check)
{
  if ((guint32) width != check->header.width || (guint32) height != check->header.height)
    {
      check->mismatch = TRUE;
      gdk_pixbuf_loader_set_size (loader, 1, 1);
    }
}

static void
add_frame (CvgDecodedImage *self,
           GdkPixbuf       *pixbuf,
           guint            delay,
           const guint8     table[256])
{
  cairo_surface_t *surface = surface_from_pixbuf (pixbuf, table);

  g_ptr_array_add (self->frames, surface);
  g_array_append_val (self->delays, delay);
  self->cost += (gsize) cairo_image_surface_get_stride (surface) * cairo_image_surface_get_height (surface);
}

/* Every frame of an animation once, bounded by the pixel budget. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
add_animation_frames (CvgDecodedImage    *self,
                      GdkPixbufAnimation *animation,
                      guint               n_frames,
                      guint64             max_pixels,
                      const guint8        table[256])
{
  GTimeVal time = { 0, 0 };
  g_autoptr(GdkPixbufAnimationIter) iter = gdk_pixbuf_animation_get_iter (animation, &time);
  guint64 pixels = 0;

  for (guint i = 0; i < n_frames; i++)
    {
      GdkPixbuf *pixbuf = gdk_pixbuf_animation_iter_get_pixbuf (iter);
      int delay = gdk_pixbuf_animation_iter_get_delay_time (iter);

      pixels += (guint64) gdk_pixbuf_get_width (pixbuf) * gdk_pixbuf_get_height (pixbuf);
      if (i > 0 && pixels > max_pixels)
        break;
      add_frame (self, pixbuf, MAX (delay, 20), table);
      if (delay < 0)
        break;
      g_time_val_add (&time, (glong) delay * 1000);
      gdk_pixbuf_animation_iter_advance (iter, &time);
    }
}
G_GNUC_END_IGNORE_DEPRECATIONS

CvgDecodedImage *
cvg_decoded_image_new (const guint8 *data,
                       gsize         len,
                       guint64       max_pixels,
                       double        brightness,
                       double        contrast)
{
  CvgDecodedImage *self = decoded_image_alloc ();
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) error = NULL;
  GdkPixbufAnimation *animation;
  LoadCheck check = { 0 };
  guint8 table[256];
  guint n_frames;

  if (!cvg_image_read_header (data, len, max_pixels, &check.header, &error))
    {
      self->error = g_strdup (error->message);
      return self;
    }
  self->width = check.header.width;
  self->height = check.header.height;

  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &check);
  if (!gdk_pixbuf_loader_write (loader, data, len, &error) || !gdk_pixbuf_loader_close (loader, &error))
    {
      /* A truncated image still gives its first rows: the reason matters more. */
      self->error = g_strdup_printf (_("cannot decode: %s"), error->message);
      return self;
    }
  animation = gdk_pixbuf_loader_get_animation (loader);
  if (check.mismatch || animation == NULL)
    {
      self->error = g_strdup (_("cannot decode: the image's size differs from its header"));
      return self;
    }

  cvg_image_adjust_table (brightness, contrast, table);
  n_frames = gdk_pixbuf_animation_is_static_image (animation) ? 1 : cvg_image_gif_count_frames (data, len, MAX_FRAMES);
  if (n_frames > 1)
    add_animation_frames (self, animation, n_frames, max_pixels, table);
  else
    add_frame (self, gdk_pixbuf_animation_get_static_image (animation), 0, table);
  return self;
}

const char *
cvg_decoded_image_get_error (CvgDecodedImage *self)
{
  return self->error;
}

int
cvg_decoded_image_get_width (CvgDecodedImage *self)
{
  return self->width;
}

int
cvg_decoded_image_get_height (CvgDecodedImage *self)
{
  return self->height;
}

guint
cvg_decoded_image_get_n_frames (CvgDecodedImage *self)
{
  return self->frames->len;
}

cairo_surface_t *
cvg_decoded_image_get_frame (CvgDecodedImage *self,
                             guint            frame)
{
  g_return_val_if_fail (frame < self->frames->len, NULL);

  return g_ptr_array_index (self->frames, frame);
}

guint
cvg_decoded_image_get_delay (CvgDecodedImage *self,
                             guint            frame)
{
  g_return_val_if_fail (frame < self->delays->len, 0);

  return g_array_index (self->delays, guint, frame);
}

gsize
cvg_decoded_image_get_cost (CvgDecodedImage *self)
{
  return self->cost + sizeof *self;
}
