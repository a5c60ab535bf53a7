/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-run-info.h"
#include "cvg-series.h"

G_BEGIN_DECLS

#define CVG_TYPE_TEXT_CARD (cvg_text_card_get_type ())

G_DECLARE_FINAL_TYPE (CvgTextCard, cvg_text_card, CVG, TEXT_CARD, GtkWidget)

/* One text tag of one run: its entries newest step first, in a list of
 * bounded height that makes rows only for the entries on screen. */
GtkWidget *cvg_text_card_new           (CvgRunInfo  *info,
                                        CvgSeries   *series);
/* Shows the entries as raw text or markdown, marking @highlight. */
void       cvg_text_card_set_view      (CvgTextCard *self,
                                        gboolean     raw,
                                        const char  *highlight);
/* The series grew: takes its new entries. */
void       cvg_text_card_update        (CvgTextCard *self);
guint      cvg_text_card_get_n_entries (CvgTextCard *self);
/* The point index of the entry shown at @position (0: newest). */
gsize      cvg_text_card_get_entry     (CvgTextCard *self,
                                        guint        position);

G_END_DECLS
