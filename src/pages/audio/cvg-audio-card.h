/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-run-info.h"
#include "cvg-series.h"
#include "cvg-waveform.h"

G_BEGIN_DECLS

#define CVG_TYPE_AUDIO_CARD (cvg_audio_card_get_type ())

G_DECLARE_FINAL_TYPE (CvgAudioCard, cvg_audio_card, CVG, AUDIO_CARD, GtkWidget)

/* One clip of an audio tag of one run (sample @sample of each step's
 * [k, 2] tensor of clip and label): a step slider, the waveform with its
 * duration and sample rate, the label as markdown, a player (GTK's media
 * stream on a temporary copy of the clip) and a button to save the clip. Space plays or
 * pauses the focused card. */
GtkWidget      *cvg_audio_card_new          (CvgRunInfo   *info,
                                             CvgSeries    *series,
                                             guint         sample);
/* The series grew: the slider takes the new steps. */
void            cvg_audio_card_update       (CvgAudioCard *self);
CvgWaveform    *cvg_audio_card_get_waveform (CvgAudioCard *self);
/* Made once the first play has the clip ready; NULL before. */
GtkMediaStream *cvg_audio_card_get_stream   (CvgAudioCard *self);
void            cvg_audio_card_toggle_play  (CvgAudioCard *self);
/* The text under the waveform: duration and rate, or why it is missing. */
const char     *cvg_audio_card_get_info     (CvgAudioCard *self);
/* Shows the @position-th step (0: the first kept). */
void            cvg_audio_card_set_position (CvgAudioCard *self,
                                             guint         position);

G_END_DECLS
