/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-image-view"

#include "config.h"

#include "cvg-image-view.h"

#include <math.h>

struct _CvgImageView
{
  GtkWidget        parent_instance;

  CvgDecodedImage *image;
  guint            frame;
  guint            frame_source;
  double           zoom;   /* image pixels per widget pixel; 0: fit */
};

/* The viewer's zoom range. */
#define MIN_ZOOM (1.0 / 64)
#define MAX_ZOOM 512.0

G_DEFINE_FINAL_TYPE (CvgImageView, cvg_image_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ACTUAL_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_frame (CvgImageView *self);
static void image_origin   (CvgImageView *self,
                            double        scale,
                            double       *x,
                            double       *y);

static gboolean
next_frame_cb (gpointer user_data)
{
  CvgImageView *self = user_data;

  self->frame_source = 0;
  self->frame = (self->frame + 1) % cvg_decoded_image_get_n_frames (self->image);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  schedule_frame (self);
  return G_SOURCE_REMOVE;
}

/* Only while shown: a GIF scrolled away costs nothing. */
static void
schedule_frame (CvgImageView *self)
{
  if (self->image == NULL || cvg_decoded_image_get_n_frames (self->image) < 2 ||
      !gtk_widget_get_mapped (GTK_WIDGET (self)) || self->frame_source != 0)
    return;
  self->frame_source = g_timeout_add (cvg_decoded_image_get_delay (self->image, self->frame),
                                      next_frame_cb, self);
}

double
cvg_image_view_get_scale (CvgImageView *self)
{
  int width, height;

  g_return_val_if_fail (CVG_IS_IMAGE_VIEW (self), 1);

  if (self->zoom > 0)
    return self->zoom;
  if (self->image == NULL || cvg_decoded_image_get_n_frames (self->image) == 0)
    return 1;
  width = cvg_decoded_image_get_width (self->image);
  height = cvg_decoded_image_get_height (self->image);
  return MIN ((double) gtk_widget_get_width (GTK_WIDGET (self)) / width,
              (double) gtk_widget_get_height (GTK_WIDGET (self)) / height);
}

static void
cvg_image_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  CvgImageView *self = CVG_IMAGE_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double scale = cvg_image_view_get_scale (self);
  double origin_x, origin_y;
  cairo_t *cr;

  if (self->image == NULL || cvg_decoded_image_get_n_frames (self->image) == 0 || scale <= 0)
    return;

  image_origin (self, scale, &origin_x, &origin_y);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_translate (cr, origin_x, origin_y);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, cvg_decoded_image_get_frame (self->image, self->frame), 0, 0);
  /* Enlarged pixels stay square, as TensorBoard's image-rendering: pixelated. */
  cairo_pattern_set_filter (cairo_get_source (cr), scale >= 1 ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_destroy (cr);
}

static void
cvg_image_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  CvgImageView *self = CVG_IMAGE_VIEW (widget);

  *minimum = *natural = 0;
  if (self->zoom <= 0 || self->image == NULL || cvg_decoded_image_get_n_frames (self->image) == 0)
    return;
  *minimum = *natural = ceil (self->zoom * (orientation == GTK_ORIENTATION_HORIZONTAL
                                            ? cvg_decoded_image_get_width (self->image)
                                            : cvg_decoded_image_get_height (self->image)));
}

static void
cvg_image_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (cvg_image_view_parent_class)->map (widget);
  schedule_frame (CVG_IMAGE_VIEW (widget));
}

static void
cvg_image_view_unmap (GtkWidget *widget)
{
  g_clear_handle_id (&CVG_IMAGE_VIEW (widget)->frame_source, g_source_remove);
  GTK_WIDGET_CLASS (cvg_image_view_parent_class)->unmap (widget);
}

static void
cvg_image_view_dispose (GObject *object)
{
  CvgImageView *self = CVG_IMAGE_VIEW (object);

  g_clear_handle_id (&self->frame_source, g_source_remove);
  g_clear_pointer (&self->image, cvg_decoded_image_unref);

  G_OBJECT_CLASS (cvg_image_view_parent_class)->dispose (object);
}

static void
cvg_image_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_ACTUAL_SIZE:
      g_value_set_boolean (value, cvg_image_view_get_actual_size (CVG_IMAGE_VIEW (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_image_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_ACTUAL_SIZE:
      cvg_image_view_set_actual_size (CVG_IMAGE_VIEW (object), g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_image_view_class_init (CvgImageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cvg_image_view_dispose;
  object_class->get_property = cvg_image_view_get_property;
  object_class->set_property = cvg_image_view_set_property;
  widget_class->snapshot = cvg_image_view_snapshot;
  widget_class->measure = cvg_image_view_measure;
  widget_class->map = cvg_image_view_map;
  widget_class->unmap = cvg_image_view_unmap;

  properties[PROP_ACTUAL_SIZE] =
    g_param_spec_boolean ("actual-size", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "image-view");
}

static void
cvg_image_view_init (CvgImageView *self)
{
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
cvg_image_view_new (void)
{
  return g_object_new (CVG_TYPE_IMAGE_VIEW, NULL);
}

void
cvg_image_view_set_image (CvgImageView    *self,
                          CvgDecodedImage *image)
{
  g_return_if_fail (CVG_IS_IMAGE_VIEW (self));

  if (self->image == image)
    return;
  g_clear_handle_id (&self->frame_source, g_source_remove);
  g_clear_pointer (&self->image, cvg_decoded_image_unref);
  self->image = image != NULL ? cvg_decoded_image_ref (image) : NULL;
  self->frame = 0;
  schedule_frame (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

CvgDecodedImage *
cvg_image_view_get_image (CvgImageView *self)
{
  g_return_val_if_fail (CVG_IS_IMAGE_VIEW (self), NULL);

  return self->image;
}

void
cvg_image_view_set_actual_size (CvgImageView *self,
                                gboolean      actual_size)
{
  g_return_if_fail (CVG_IS_IMAGE_VIEW (self));

  cvg_image_view_set_zoom (self, actual_size ? 1 : 0);
}

gboolean
cvg_image_view_get_actual_size (CvgImageView *self)
{
  g_return_val_if_fail (CVG_IS_IMAGE_VIEW (self), FALSE);

  return self->zoom == 1;
}

void
cvg_image_view_set_zoom (CvgImageView *self,
                         double        zoom)
{
  gboolean was_actual;

  g_return_if_fail (CVG_IS_IMAGE_VIEW (self));

  zoom = zoom > 0 ? CLAMP (zoom, MIN_ZOOM, MAX_ZOOM) : 0;
  if (self->zoom == zoom)
    return;
  was_actual = self->zoom == 1;
  self->zoom = zoom;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  if (was_actual != (zoom == 1))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTUAL_SIZE]);
}

double
cvg_image_view_get_zoom (CvgImageView *self)
{
  g_return_val_if_fail (CVG_IS_IMAGE_VIEW (self), 0);

  return self->zoom;
}

/* The image's top-left corner in widget coordinates, as drawn. */
static void
image_origin (CvgImageView *self,
              double        scale,
              double       *x,
              double       *y)
{
  *x = floor (MAX (0, (gtk_widget_get_width (GTK_WIDGET (self)) - cvg_decoded_image_get_width (self->image) * scale) / 2));
  *y = floor (MAX (0, (gtk_widget_get_height (GTK_WIDGET (self)) - cvg_decoded_image_get_height (self->image) * scale) / 2));
}

gboolean
cvg_image_view_pick (CvgImageView *self,
                     double        x,
                     double        y,
                     int          *image_x,
                     int          *image_y,
                     guint8        rgba[4])
{
  double scale, origin_x, origin_y;
  cairo_surface_t *surface;
  guint32 pixel;
  guint a;

  g_return_val_if_fail (CVG_IS_IMAGE_VIEW (self), FALSE);

  if (self->image == NULL || cvg_decoded_image_get_n_frames (self->image) == 0)
    return FALSE;
  scale = cvg_image_view_get_scale (self);
  image_origin (self, scale, &origin_x, &origin_y);
  *image_x = (int) floor ((x - origin_x) / scale);
  *image_y = (int) floor ((y - origin_y) / scale);
  if (*image_x < 0 || *image_y < 0 || *image_x >= cvg_decoded_image_get_width (self->image) ||
      *image_y >= cvg_decoded_image_get_height (self->image))
    return FALSE;
  surface = cvg_decoded_image_get_frame (self->image, self->frame);
  if (*image_x >= cairo_image_surface_get_width (surface) || *image_y >= cairo_image_surface_get_height (surface))
    return FALSE;
  pixel = ((guint32 *) (cairo_image_surface_get_data (surface) +
                        (gsize) *image_y * cairo_image_surface_get_stride (surface)))[*image_x];
  /* Cairo's pixels are premultiplied: the logged value is the straight one. */
  a = pixel >> 24;
  rgba[3] = a;
  for (guint c = 0; c < 3; c++)
    {
      guint v = (pixel >> (16 - 8 * c)) & 0xff;

      rgba[c] = a == 0 ? 0 : MIN (255, (v * 255 + a / 2) / a);
    }
  return TRUE;
}

guint
cvg_image_view_get_frame (CvgImageView *self)
{
  g_return_val_if_fail (CVG_IS_IMAGE_VIEW (self), 0);

  return self->frame;
}
