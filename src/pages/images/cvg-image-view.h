/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-decoded-image.h"

G_BEGIN_DECLS

#define CVG_TYPE_IMAGE_VIEW (cvg_image_view_get_type ())

G_DECLARE_FINAL_TYPE (CvgImageView, cvg_image_view, CVG, IMAGE_VIEW, GtkWidget)

/* A decoded image scaled to the widget with its aspect ratio, with
 * nearest-neighbour pixels when enlarged (a 28×28 digit stays crisp);
 * animated GIFs play. With "actual-size" (G_PARAM_EXPLICIT_NOTIFY) the
 * image is drawn at 1:1 and asks for its own size. */
GtkWidget       *cvg_image_view_new             (void);
void             cvg_image_view_set_image       (CvgImageView    *self,
                                                 CvgDecodedImage *image);
CvgDecodedImage *cvg_image_view_get_image       (CvgImageView    *self);
void             cvg_image_view_set_actual_size (CvgImageView    *self,
                                                 gboolean         actual_size);
gboolean         cvg_image_view_get_actual_size (CvgImageView    *self);
/* The animation frame drawn now (0 for a still image). */
guint            cvg_image_view_get_frame       (CvgImageView    *self);
/* Widget pixels per image pixel; 0 fits the image to the widget. */
void             cvg_image_view_set_zoom        (CvgImageView    *self,
                                                 double           zoom);
double           cvg_image_view_get_zoom        (CvgImageView    *self);
/* The image pixel under (@x, @y) and its straight (not premultiplied)
 * RGBA value; FALSE outside the image. */
gboolean         cvg_image_view_pick            (CvgImageView    *self,
                                                 double           x,
                                                 double           y,
                                                 int             *image_x,
                                                 int             *image_y,
                                                 guint8           rgba[4]);
/* Widget pixels per image pixel as drawn now (1 at actual size). */
double           cvg_image_view_get_scale       (CvgImageView    *self);

G_END_DECLS
