/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-wav"

#include "config.h"

#include "cvg-wav.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#define FORMAT_PCM        0x0001
#define FORMAT_FLOAT      0x0003
#define FORMAT_EXTENSIBLE 0xFFFE

G_DEFINE_QUARK (cvg-wav-error-quark, cvg_wav_error)

static guint32
read_u32 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

static guint16
read_u16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

/* The fmt chunk: the sample format, checked for what we can draw. */
static gboolean
parse_format (const guint8  *fmt,
              guint32        size,
              CvgWav        *wav,
              GError       **error)
{
  guint format;

  if (size < 16)
    {
      g_set_error (error, CVG_WAV_ERROR, CVG_WAV_ERROR_MALFORMED, _("The WAV format chunk is too short"));
      return FALSE;
    }
  format = read_u16 (fmt);
  wav->channels = read_u16 (fmt + 2);
  wav->sample_rate = read_u32 (fmt + 4);
  wav->block_align = read_u16 (fmt + 12);
  wav->bits = read_u16 (fmt + 14);
  /* WAVE_FORMAT_EXTENSIBLE names the real format in its GUID's first two bytes. */
  if (format == FORMAT_EXTENSIBLE && size >= 26)
    format = read_u16 (fmt + 24);
  if (format != FORMAT_PCM && format != FORMAT_FLOAT)
    {
      g_set_error (error, CVG_WAV_ERROR, CVG_WAV_ERROR_UNSUPPORTED,
                   _("WAV codec 0x%04x is not supported for the waveform"), format);
      return FALSE;
    }
  wav->is_float = format == FORMAT_FLOAT;
  if (wav->is_float ? (wav->bits != 32 && wav->bits != 64)
                    : (wav->bits != 8 && wav->bits != 16 && wav->bits != 24 && wav->bits != 32))
    {
      g_set_error (error, CVG_WAV_ERROR, CVG_WAV_ERROR_UNSUPPORTED,
                   _("WAV samples of %u bits are not supported"), wav->bits);
      return FALSE;
    }
  if (wav->channels == 0 || wav->channels > CVG_WAV_MAX_CHANNELS || wav->sample_rate == 0 ||
      wav->block_align != wav->channels * (wav->bits / 8))
    {
      g_set_error (error, CVG_WAV_ERROR, CVG_WAV_ERROR_MALFORMED,
                   _("The WAV header is inconsistent (%u channels, %u Hz, %u bytes per frame)"),
                   wav->channels, wav->sample_rate, wav->block_align);
      return FALSE;
    }
  return TRUE;
}

gboolean
cvg_wav_parse (const guint8  *data,
               gsize          len,
               CvgWav        *wav,
               GError       **error)
{
  gboolean have_format = FALSE;
  gsize pos = 12;

  g_return_val_if_fail (wav != NULL, FALSE);

  memset (wav, 0, sizeof *wav);
  if (data == NULL || len < 12 || memcmp (data, "RIFF", 4) != 0 || memcmp (data + 8, "WAVE", 4) != 0)
    {
      g_set_error (error, CVG_WAV_ERROR, CVG_WAV_ERROR_NOT_WAV, _("Not a WAV file"));
      return FALSE;
    }
  while (pos <= len && len - pos >= 8)
    {
      const guint8 *chunk = data + pos;
      guint32 size = read_u32 (chunk + 4);

      if ((guint64) size > len - pos - 8)
        {
          g_set_error (error, CVG_WAV_ERROR, CVG_WAV_ERROR_MALFORMED,
                       _("A WAV chunk claims %u bytes past the end of the clip"), size);
          return FALSE;
        }
      if (memcmp (chunk, "fmt ", 4) == 0)
        {
          if (!parse_format (chunk + 8, size, wav, error))
            return FALSE;
          have_format = TRUE;
        }
      else if (memcmp (chunk, "data", 4) == 0)
        {
          if (!have_format)
            break;
          wav->samples = chunk + 8;
          wav->n_frames = size / wav->block_align;
          return TRUE;
        }
      pos += 8 + (gsize) size + (size & 1);
    }
  g_set_error (error, CVG_WAV_ERROR, CVG_WAV_ERROR_MALFORMED,
               have_format ? _("The WAV file has no sound data") : _("The WAV file has no format chunk before its data"));
  return FALSE;
}

double
cvg_wav_get_duration (const CvgWav *wav)
{
  return wav->sample_rate > 0 ? (double) wav->n_frames / wav->sample_rate : 0;
}

float
cvg_wav_get_sample (const CvgWav *wav,
                    gsize         frame,
                    guint         channel)
{
  const guint8 *p = wav->samples + frame * wav->block_align + channel * (wav->bits / 8);

  if (wav->is_float && wav->bits == 32)
    {
      guint32 bits = read_u32 (p);
      float value;

      memcpy (&value, &bits, sizeof value);
      return isfinite (value) ? CLAMP (value, -1.f, 1.f) : 0.f;
    }
  if (wav->is_float)
    {
      guint64 bits = read_u32 (p) | ((guint64) read_u32 (p + 4) << 32);
      double value;

      memcpy (&value, &bits, sizeof value);
      return isfinite (value) ? (float) CLAMP (value, -1.0, 1.0) : 0.f;
    }
  switch (wav->bits)
    {
    case 8:
      return (p[0] - 128) / 128.f;
    case 16:
      return (gint16) read_u16 (p) / 32768.f;
    case 24:
      return (gint32) ((guint32) (p[0] << 8 | p[1] << 16 | (guint32) p[2] << 24)) / 2147483648.f;
    default:
      return (gint32) read_u32 (p) / 2147483648.f;
    }
}

float *
cvg_wav_get_peaks (const CvgWav *wav,
                   guint         n_columns)
{
  float *peaks;

  g_return_val_if_fail (n_columns > 0 && n_columns <= CVG_WAV_MAX_COLUMNS, NULL);

  peaks = g_new (float, (gsize) wav->channels * n_columns * 2);

  for (guint c = 0; c < wav->channels; c++)
    for (guint x = 0; x < n_columns; x++)
      {
        gsize first = (gsize) ((double) wav->n_frames * x / n_columns);
        gsize end = MAX ((gsize) ((double) wav->n_frames * (x + 1) / n_columns), first + 1);
        float lo = 0, hi = 0;

        for (gsize f = first; f < MIN (end, wav->n_frames); f++)
          {
            float v = cvg_wav_get_sample (wav, f, c);

            lo = f == first ? v : MIN (lo, v);
            hi = f == first ? v : MAX (hi, v);
          }
        peaks[((gsize) c * n_columns + x) * 2] = lo;
        peaks[((gsize) c * n_columns + x) * 2 + 1] = hi;
      }
  return peaks;
}
