/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cvg-decoded-image.h"
#include "cvg-image-view.h"

G_BEGIN_DECLS

#define CVG_TYPE_IMAGE_VIEWER (cvg_image_viewer_get_type ())

G_DECLARE_FINAL_TYPE (CvgImageViewer, cvg_image_viewer, CVG, IMAGE_VIEWER, AdwWindow)

/* One image full size: Ctrl+scroll, + and − zoom about the pointer or the
 * centre, 0 fits and 1 shows actual size; dragging pans; nearest-neighbour
 * pixels when zoomed in; the pixel under the pointer and its value in the
 * footer. */
CvgImageViewer *cvg_image_viewer_present  (GtkWindow       *parent,
                                           const char      *title,
                                           CvgDecodedImage *image);
CvgImageView   *cvg_image_viewer_get_view (CvgImageViewer  *self);
/* What the footer says about the pixel under the pointer. */
const char     *cvg_image_viewer_get_pixel_text (CvgImageViewer *self);
/* As a pointer motion at (@x, @y) in the view's coordinates. */
void            cvg_image_viewer_hover    (CvgImageViewer  *self,
                                           double           x,
                                           double           y);
void            cvg_image_viewer_zoom_by  (CvgImageViewer  *self,
                                           double           factor);

G_END_DECLS
