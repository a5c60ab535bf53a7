/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-audio-card.h"

G_BEGIN_DECLS

#define CVG_TYPE_AUDIO_PAGE (cvg_audio_page_get_type ())

G_DECLARE_FINAL_TYPE (CvgAudioPage, cvg_audio_page, CVG, AUDIO_PAGE, GtkWidget)

/* The Audio page: one card per clip (run, tag, sample) of every visible
 * run, in sections by tag prefix, made when first scrolled into view. */
GtkWidget    *cvg_audio_page_new         (void);
/* @runs: a GListModel of CvgRunInfo. */
void          cvg_audio_page_set_runs    (CvgAudioPage *self,
                                          GListModel   *runs);
/* After the runs' data grew; hidden, it waits until shown. */
void          cvg_audio_page_refresh     (CvgAudioPage *self);
guint         cvg_audio_page_get_n_cards (CvgAudioPage *self);
/* The card of clip @sample of @tag of the run named @run, made if not yet. */
CvgAudioCard *cvg_audio_page_get_card    (CvgAudioPage *self,
                                          const char   *run,
                                          const char   *tag,
                                          guint         sample);

G_END_DECLS
