/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* An image decoded for drawing: its frames as cairo surfaces (one, or a
 * GIF's frames with their delays), or why it could not be decoded.
 * Immutable once made, reference counted: made on a worker, drawn on the
 * main thread. */
typedef struct _CvgDecodedImage CvgDecodedImage;

/* Decodes @data with gdk-pixbuf after checking its header
 * (cvg_image_read_header ()): never allocates for more than @max_pixels
 * pixels per frame. @brightness and @contrast as TensorBoard applies them
 * (1 and 1 leave the pixels as they are). Never NULL: a failure is an
 * image with an error message. Any thread. */
CvgDecodedImage *cvg_decoded_image_new           (const guint8    *data,
                                                  gsize            len,
                                                  guint64          max_pixels,
                                                  double           brightness,
                                                  double           contrast);
CvgDecodedImage *cvg_decoded_image_ref           (CvgDecodedImage *self);
void             cvg_decoded_image_unref         (CvgDecodedImage *self);

/* NULL when decoded; otherwise why not, for the user. */
const char      *cvg_decoded_image_get_error     (CvgDecodedImage *self);
int              cvg_decoded_image_get_width     (CvgDecodedImage *self);
int              cvg_decoded_image_get_height    (CvgDecodedImage *self);
guint            cvg_decoded_image_get_n_frames  (CvgDecodedImage *self);
cairo_surface_t *cvg_decoded_image_get_frame     (CvgDecodedImage *self,
                                                  guint            frame);
/* Milliseconds @frame shows. */
guint            cvg_decoded_image_get_delay     (CvgDecodedImage *self,
                                                  guint            frame);
/* Bytes held, for the cache's budget. */
gsize            cvg_decoded_image_get_cost      (CvgDecodedImage *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgDecodedImage, cvg_decoded_image_unref)

G_END_DECLS
