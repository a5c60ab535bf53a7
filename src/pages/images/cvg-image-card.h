/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-image-loader.h"
#include "cvg-image-view.h"
#include "cvg-run-info.h"
#include "cvg-types.h"

G_BEGIN_DECLS

#define CVG_TYPE_IMAGE_CARD (cvg_image_card_get_type ())

G_DECLARE_FINAL_TYPE (CvgImageCard, cvg_image_card, CVG, IMAGE_CARD, GtkWidget)

/* One sample of one image tag of one run: the image at the step the
 * slider picks (the newest at first, and it follows new steps while at
 * the end), its step, wall time and "Sample i of K". The image is decoded
 * by @loader while the card is mapped; the previous one stays until the
 * new one arrives, so dragging the slider never waits.
 *
 * Property "position" (guint, G_PARAM_EXPLICIT_NOTIFY): the slider's
 * index among the sample's steps. */
GtkWidget    *cvg_image_card_new            (CvgRunInfo     *info,
                                             CvgSeries      *series,
                                             guint           sample,
                                             guint           n_samples,
                                             CvgImageLoader *loader);
CvgSeries    *cvg_image_card_get_series     (CvgImageCard   *self);
guint         cvg_image_card_get_sample     (CvgImageCard   *self);
guint         cvg_image_card_get_n_steps    (CvgImageCard   *self);
guint         cvg_image_card_get_position   (CvgImageCard   *self);
void          cvg_image_card_set_position   (CvgImageCard   *self,
                                             guint           position);
/* The step at the slider. */
gint64        cvg_image_card_get_step       (CvgImageCard   *self);
/* Moves the slider to the last step at or before @step (the first one
 * when all are after it): linked sliders. */
void          cvg_image_card_select_step    (CvgImageCard   *self,
                                             gint64          step);
/* The step of the image on screen, -1 before the first one arrives. */
gint64        cvg_image_card_get_shown_step (CvgImageCard   *self);
/* The reason shown instead of the image, or NULL. */
const char   *cvg_image_card_get_message    (CvgImageCard   *self);
CvgImageView *cvg_image_card_get_view       (CvgImageCard   *self);
GtkWidget    *cvg_image_card_get_actual_size_button (CvgImageCard *self);
/* The series grew: new steps, the slider following the newest when it
 * was there. */
void          cvg_image_card_refresh        (CvgImageCard   *self);
/* Decodes the shown image again (brightness or contrast changed). */
void          cvg_image_card_reload         (CvgImageCard   *self);

G_END_DECLS
