/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-image-card.h"

G_BEGIN_DECLS

#define CVG_TYPE_IMAGES_PAGE (cvg_images_page_get_type ())

G_DECLARE_FINAL_TYPE (CvgImagesPage, cvg_images_page, CVG, IMAGES_PAGE, GtkWidget)

/* The Images dashboard: one card per (run, tag, sample) of the visible
 * runs, in sections by tag prefix, made as rows scroll into view, and
 * filtered by a tag expression. Images are decoded on worker threads
 * into a cache of CVG_IMAGE_LOADER_BUDGET bytes.
 *
 * Properties, with G_PARAM_EXPLICIT_NOTIFY: "tag-filter" (a GRegex,
 * case-insensitive; an invalid one filters nothing), "actual-size"
 * (every card at 1:1), "link-steps" (moving one slider moves every card
 * to the nearest step at or before it), "brightness" (0–2) and
 * "contrast" (0–5), both 1 by default, as TensorBoard applies them. */
GtkWidget    *cvg_images_page_new        (void);
/* @runs: a GListModel of CvgRunInfo (the window's runs). */
void          cvg_images_page_set_runs   (CvgImagesPage *self,
                                          GListModel    *runs);
/* After the runs' data grew: new tags and samples get cards, cards
 * whose series grew take the new steps. Hidden, it waits until shown. */
void          cvg_images_page_refresh    (CvgImagesPage *self);
guint         cvg_images_page_get_n_cards (CvgImagesPage *self);
/* The card of (@run, @tag, @sample), made if not yet shown; NULL when
 * there is none. */
CvgImageCard *cvg_images_page_get_card   (CvgImagesPage *self,
                                          const char    *run,
                                          const char    *tag,
                                          guint          sample);
CvgImageLoader *cvg_images_page_get_loader (CvgImagesPage *self);

G_END_DECLS
