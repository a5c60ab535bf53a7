/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-image"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cvg-image.h"

#include "cvg-series.h"

G_DEFINE_QUARK (cvg-image-error-quark, cvg_image_error)

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint32
read_be16 (const guint8 *p)
{
  return ((guint32) p[0] << 8) | p[1];
}

static guint32
read_le16 (const guint8 *p)
{
  return p[0] | ((guint32) p[1] << 8);
}

static guint32
read_le32 (const guint8 *p)
{
  return p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

CvgImageFormat
cvg_image_sniff (const guint8 *data,
                 gsize         len)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  if (len >= sizeof png && memcmp (data, png, sizeof png) == 0)
    return CVG_IMAGE_FORMAT_PNG;
  if (len >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return CVG_IMAGE_FORMAT_JPEG;
  if (len >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    return CVG_IMAGE_FORMAT_GIF;
  if (len >= 2 && data[0] == 'B' && data[1] == 'M')
    return CVG_IMAGE_FORMAT_BMP;
  return CVG_IMAGE_FORMAT_UNKNOWN;
}

const char *
cvg_image_format_extension (CvgImageFormat format)
{
  switch (format)
    {
    case CVG_IMAGE_FORMAT_PNG: return "png";
    case CVG_IMAGE_FORMAT_JPEG: return "jpg";
    case CVG_IMAGE_FORMAT_GIF: return "gif";
    case CVG_IMAGE_FORMAT_BMP: return "bmp";
    case CVG_IMAGE_FORMAT_UNKNOWN:
    default: return "bin";
    }
}

/* The first frame header (SOFn) holds the size; markers before it are
 * skipped by their lengths, never past @len. */
static gboolean
read_jpeg_size (const guint8 *data,
                gsize         len,
                guint32      *width,
                guint32      *height)
{
  gsize pos = 2;

  while (pos + 4 <= len)
    {
      guint8 marker;

      if (data[pos] != 0xff)
        return FALSE;
      marker = data[pos + 1];
      if (marker == 0xff)
        {
          pos++;   /* fill byte */
          continue;
        }
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7))
        {
          pos += 2;
          continue;
        }
      if (marker == 0xd9 || marker == 0xda)
        return FALSE;   /* end of image or scan data before any frame */
      if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc)
        {
          if (pos + 9 > len)
            return FALSE;
          *height = read_be16 (data + pos + 5);
          *width = read_be16 (data + pos + 7);
          return TRUE;
        }
      pos += 2 + read_be16 (data + pos + 2);
    }
  return FALSE;
}

static gboolean
read_bmp_size (const guint8 *data,
               gsize         len,
               guint32      *width,
               guint32      *height)
{
  guint32 dib_size;
  gint32 h;

  if (len < 26)
    return FALSE;
  dib_size = read_le32 (data + 14);
  if (dib_size == 12)
    {
      *width = read_le16 (data + 18);
      *height = read_le16 (data + 20);
      return TRUE;
    }
  /* Negative widths are invalid; negative heights mean top-down rows. */
  if ((gint32) read_le32 (data + 18) < 0)
    return FALSE;
  *width = read_le32 (data + 18);
  h = (gint32) read_le32 (data + 22);
  *height = h == G_MININT32 ? 0 : (guint32) ABS (h);
  return TRUE;
}

static gboolean
read_size (CvgImageFormat  format,
           const guint8   *data,
           gsize           len,
           guint32        *width,
           guint32        *height)
{
  switch (format)
    {
    case CVG_IMAGE_FORMAT_PNG:
      if (len < 24 || memcmp (data + 12, "IHDR", 4) != 0)
        return FALSE;
      *width = read_be32 (data + 16);
      *height = read_be32 (data + 20);
      return TRUE;
    case CVG_IMAGE_FORMAT_GIF:
      if (len < 10)
        return FALSE;
      *width = read_le16 (data + 6);
      *height = read_le16 (data + 8);
      return TRUE;
    case CVG_IMAGE_FORMAT_JPEG:
      return read_jpeg_size (data, len, width, height);
    case CVG_IMAGE_FORMAT_BMP:
      return read_bmp_size (data, len, width, height);
    case CVG_IMAGE_FORMAT_UNKNOWN:
    default:
      return FALSE;
    }
}

gboolean
cvg_image_read_header (const guint8   *data,
                       gsize           len,
                       guint64         max_pixels,
                       CvgImageHeader *header,
                       GError        **error)
{
  memset (header, 0, sizeof *header);
  header->format = cvg_image_sniff (data, len);
  if (header->format == CVG_IMAGE_FORMAT_UNKNOWN)
    {
      g_set_error_literal (error, CVG_IMAGE_ERROR, CVG_IMAGE_ERROR_UNKNOWN_FORMAT,
                           len == 0 ? _("empty image") : _("not a PNG, JPEG, GIF or BMP image"));
      return FALSE;
    }
  if (!read_size (header->format, data, len, &header->width, &header->height) ||
      header->width == 0 || header->height == 0)
    {
      g_set_error (error, CVG_IMAGE_ERROR, CVG_IMAGE_ERROR_CORRUPT, /* TRANSLATORS: %s is png, jpg, gif or bmp */
                   _("corrupt or truncated %s header"),
                   cvg_image_format_extension (header->format));
      return FALSE;
    }
  if ((guint64) header->width * header->height > max_pixels)
    {
      g_set_error (error, CVG_IMAGE_ERROR, CVG_IMAGE_ERROR_TOO_LARGE, /* TRANSLATORS: width×height in pixels */
                   _("image too large: %u×%u"),
                   header->width, header->height);
      return FALSE;
    }
  return TRUE;
}

/* Skips data sub-blocks (a size byte, then that many bytes) up to their
 * zero terminator; returns the position after it, or @len. */
static gsize
skip_sub_blocks (const guint8 *data,
                 gsize         len,
                 gsize         pos)
{
  while (pos < len && data[pos] != 0)
    pos += 1 + data[pos];
  return MIN (pos + 1, len);
}

static gsize
color_table_size (guint8 packed)
{
  return (packed & 0x80) ? 3u << ((packed & 0x07) + 1) : 0;
}

guint
cvg_image_gif_count_frames (const guint8 *data,
                            gsize         len,
                            guint         limit)
{
  gsize pos = 13;
  guint n = 0;

  if (cvg_image_sniff (data, len) != CVG_IMAGE_FORMAT_GIF || len < 13)
    return 0;
  pos += color_table_size (data[10]);
  while (pos < len && n < limit)
    {
      switch (data[pos])
        {
        case 0x21:   /* extension: label, then sub-blocks */
          pos = skip_sub_blocks (data, len, pos + 2);
          break;
        case 0x2c:   /* image descriptor, local colour table, LZW size, data */
          if (pos + 10 > len)
            return n;
          n++;
          pos += 10 + color_table_size (data[pos + 9]);
          pos = skip_sub_blocks (data, len, pos + 1);
          break;
        default:     /* trailer or garbage */
          return n;
        }
    }
  return n;
}

/* Images per step: a rank-1 string tensor past its two size strings. */
static guint
n_samples_at (CvgSeries *series,
              gsize      index)
{
  const CvgTensorValue *value = cvg_series_get_tensor (series, index);

  if (value == NULL || value->strings == NULL || value->rank != 1 || value->n_elements < 2)
    return 0;
  return value->n_elements - 2;
}

guint
cvg_image_series_count_samples (CvgSeries *series)
{
  guint n = 0;

  for (gsize i = 0; i < cvg_series_get_length (series); i++)
    n = MAX (n, n_samples_at (series, i));
  return n;
}

GArray *
cvg_image_series_sample_indices (CvgSeries *series,
                                 guint      sample)
{
  GArray *indices = cvg_series_get_purged_indices (series);
  guint kept = 0;

  for (guint i = 0; i < indices->len; i++)
    {
      guint index = g_array_index (indices, guint, i);

      if (n_samples_at (series, index) > sample)
        g_array_index (indices, guint, kept++) = index;
    }
  g_array_set_size (indices, kept);
  return indices;
}

gboolean
cvg_image_series_get_sample (CvgSeries *series,
                             gsize      index,
                             guint      sample,
                             CvgSpan   *bytes)
{
  if (index >= cvg_series_get_length (series) || n_samples_at (series, index) <= sample)
    return FALSE;
  *bytes = cvg_series_get_tensor (series, index)->strings[2 + sample];
  return TRUE;
}

void
cvg_image_adjust_table (double brightness,
                        double contrast,
                        guint8 table[256])
{
  for (guint v = 0; v < 256; v++)
    {
      double x = CLAMP ((v / 255.0 - 0.5) * contrast + 0.5, 0.0, 1.0);

      table[v] = (guint8) lround (CLAMP (x * brightness, 0.0, 1.0) * 255.0);
    }
}
