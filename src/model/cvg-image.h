/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cvg-io-types.h"
#include "cvg-types.h"

G_BEGIN_DECLS

/* Logged images as the model keeps them, encoded: both encodings are a
 * rank-1 string tensor [width, height, image0, image1, …] per step (TF1's
 * Summary.Image is read as [w, h, bytes]). What is here reads only
 * headers, so that a decoder can refuse an image before allocating. */

/* TensorBoard's formats: what its server recognises by magic. */
typedef enum
{
  CVG_IMAGE_FORMAT_UNKNOWN,
  CVG_IMAGE_FORMAT_PNG,
  CVG_IMAGE_FORMAT_JPEG,
  CVG_IMAGE_FORMAT_GIF,
  CVG_IMAGE_FORMAT_BMP,
} CvgImageFormat;

typedef enum
{
  CVG_IMAGE_ERROR_UNKNOWN_FORMAT,
  CVG_IMAGE_ERROR_CORRUPT,
  CVG_IMAGE_ERROR_TOO_LARGE,
} CvgImageError;

#define CVG_IMAGE_ERROR (cvg_image_error_quark ())
GQuark         cvg_image_error_quark            (void);

/* Images above this many pixels are refused (4 bytes each once decoded). */
#define CVG_IMAGE_MAX_PIXELS (G_GUINT64_CONSTANT (64) * 1000 * 1000)

typedef struct
{
  CvgImageFormat format;
  guint32        width;
  guint32        height;
} CvgImageHeader;

CvgImageFormat cvg_image_sniff                  (const guint8   *data,
                                                 gsize           len);
/* "png", "jpg", "gif", "bmp", or "bin" for unknown bytes. */
const char    *cvg_image_format_extension       (CvgImageFormat  format);
/* Reads the format and size from the header only; fails on unknown or
 * truncated headers, a zero size, and more than @max_pixels pixels. */
gboolean       cvg_image_read_header            (const guint8   *data,
                                                 gsize           len,
                                                 guint64         max_pixels,
                                                 CvgImageHeader *header,
                                                 GError        **error);

/* Frames of a GIF, counted from its blocks without decoding; 0 for
 * bytes that are not a GIF. Counting stops at @limit. */
guint          cvg_image_gif_count_frames       (const guint8   *data,
                                                 gsize           len,
                                                 guint           limit);

/* The most images any step of @series holds (TensorBoard's K: one card
 * per sample). */
guint          cvg_image_series_count_samples   (CvgSeries      *series);
/* Indices (guint), in the purged view, of the steps that hold sample
 * @sample. */
GArray        *cvg_image_series_sample_indices  (CvgSeries      *series,
                                                 guint           sample);
/* The encoded bytes of sample @sample at @index, borrowed from the series;
 * FALSE when that step has no such sample. */
gboolean       cvg_image_series_get_sample      (CvgSeries      *series,
                                                 gsize           index,
                                                 guint           sample,
                                                 CvgSpan        *bytes);

/* TensorBoard's filter on 8-bit channel values: contrast @contrast
 * ((v - 0.5) · c + 0.5), then brightness @brightness (v · b), clamped. */
void           cvg_image_adjust_table           (double          brightness,
                                                 double          contrast,
                                                 guint8          table[256]);

G_END_DECLS
