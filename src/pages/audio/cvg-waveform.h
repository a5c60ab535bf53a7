/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CVG_TYPE_WAVEFORM (cvg_waveform_get_type ())

G_DECLARE_FINAL_TYPE (CvgWaveform, cvg_waveform, CVG, WAVEFORM, GtkWidget)

/* A clip's waveform: the smallest and largest sample of each pixel
 * column, channels stacked, and a playhead. The WAV is read and its
 * peaks computed on a worker thread; "ready" is notified when they are
 * in, or when the clip could not be read (cvg_waveform_get_error ()). */
GtkWidget  *cvg_waveform_new            (void);
/* @clip: the encoded bytes, kept. */
void        cvg_waveform_set_clip       (CvgWaveform *self,
                                         GBytes      *clip);
gboolean    cvg_waveform_get_ready      (CvgWaveform *self);
/* Why there is no waveform, or NULL. */
const char *cvg_waveform_get_error      (CvgWaveform *self);
/* Of the clip read; 0 until ready or when it was not a WAV. */
double      cvg_waveform_get_duration   (CvgWaveform *self);
guint       cvg_waveform_get_sample_rate (CvgWaveform *self);
guint       cvg_waveform_get_channels   (CvgWaveform *self);
/* The playhead, in seconds; negative hides it. */
void        cvg_waveform_set_playhead   (CvgWaveform *self,
                                         double       seconds);

G_END_DECLS
