/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* WAV clips from logs, read strictly and within bounds: RIFF/WAVE with
 * PCM samples of 8, 16, 24 or 32 bits or IEEE floats of 32 or 64 bits
 * (WAVE_FORMAT_EXTENSIBLE of those too). Anything else is an error with
 * a message for the card, never a crash. */

#define CVG_WAV_ERROR (cvg_wav_error_quark ())

typedef enum
{
  CVG_WAV_ERROR_NOT_WAV,      /* no RIFF/WAVE header: maybe another codec */
  CVG_WAV_ERROR_MALFORMED,
  CVG_WAV_ERROR_UNSUPPORTED,
} CvgWavError;

#define CVG_WAV_MAX_CHANNELS 64
#define CVG_WAV_MAX_COLUMNS  (1 << 16)

typedef struct
{
  gboolean      is_float;
  guint         bits;          /* per sample */
  guint         channels;
  guint         sample_rate;
  guint         block_align;   /* bytes per frame */
  gsize         n_frames;
  const guint8 *samples;       /* into the caller's bytes */
} CvgWav;

GQuark   cvg_wav_error_quark (void);

/* Reads the header of @len bytes of @data; @wav points into @data. */
gboolean cvg_wav_parse       (const guint8  *data,
                              gsize          len,
                              CvgWav        *wav,
                              GError       **error);
/* Seconds of sound. */
double   cvg_wav_get_duration (const CvgWav *wav);
/* Sample @frame of @channel, in [-1, 1]. */
float    cvg_wav_get_sample  (const CvgWav  *wav,
                              gsize          frame,
                              guint          channel);
/* The waveform at @n_columns columns: for each channel, then each column,
 * the smallest and largest sample (channels × n_columns × 2 floats);
 * 0 < @n_columns <= CVG_WAV_MAX_COLUMNS. */
float   *cvg_wav_get_peaks   (const CvgWav  *wav,
                              guint          n_columns);

G_END_DECLS
