/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-text-card.h"

G_BEGIN_DECLS

#define CVG_TYPE_TEXT_PAGE (cvg_text_page_get_type ())

G_DECLARE_FINAL_TYPE (CvgTextPage, cvg_text_page, CVG, TEXT_PAGE, GtkWidget)

/* The Text page: one card per text tag per visible run, in sections by
 * tag prefix, made when first scrolled into view; a filter on tags and
 * runs, a search that marks its matches in every card, and a switch
 * between rendered markdown and the raw text. */
GtkWidget   *cvg_text_page_new         (void);
/* @runs: a GListModel of CvgRunInfo. */
void         cvg_text_page_set_runs    (CvgTextPage *self,
                                        GListModel  *runs);
/* After the runs' data grew: new tags get cards, grown series their new
 * entries. Hidden, it waits until shown. */
void         cvg_text_page_refresh     (CvgTextPage *self);
guint        cvg_text_page_get_n_cards (CvgTextPage *self);
/* The card of @tag of the run named @run, made if not yet; NULL if none. */
CvgTextCard *cvg_text_page_get_card    (CvgTextPage *self,
                                        const char  *run,
                                        const char  *tag);
/* What the toolbar sets: the search, the tag and run filter, raw text. */
void         cvg_text_page_set_search  (CvgTextPage *self,
                                        const char  *search);
void         cvg_text_page_set_filter  (CvgTextPage *self,
                                        const char  *filter);
void         cvg_text_page_set_raw     (CvgTextPage *self,
                                        gboolean     raw);

G_END_DECLS
