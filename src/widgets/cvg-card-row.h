/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One row of a CvgCardGrid's flat list: a section header, or up to
 * n_columns cards of one section. */
#define CVG_TYPE_CARD_ROW (cvg_card_row_get_type ())
G_DECLARE_FINAL_TYPE (CvgCardRow, cvg_card_row, CVG, CARD_ROW, GObject)

/* A header: @n_items cards in the section, @collapsed or not. */
CvgCardRow *cvg_card_row_new_header    (const char *group,
                                        guint       n_items,
                                        gboolean    collapsed);
/* A row of cards: takes @items. */
CvgCardRow *cvg_card_row_new_cards     (const char *group,
                                        GPtrArray  *items);

const char *cvg_card_row_get_group     (CvgCardRow *self);
guint       cvg_card_row_get_n_items   (CvgCardRow *self);
gboolean    cvg_card_row_get_collapsed (CvgCardRow *self);
/* NULL for a header. */
GPtrArray  *cvg_card_row_get_items     (CvgCardRow *self);

G_END_DECLS
