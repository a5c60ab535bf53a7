/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cvg-series.h"

G_BEGIN_DECLS

/* A `text` plugin value as TensorBoard shows it: rank 0 is one document;
 * rank 1 and 2 are tables of rows × columns (a rank-1 tensor one column),
 * no header; rank > 2 shows its first 2-D slice (the last two dimensions,
 * every leading index 0) with a notice. PyTorch's add_text writes shape
 * [1]: a 1 × 1 table, shown as a document. */
typedef struct
{
  guint    n_rows;
  guint    n_columns;
  gboolean document;  /* one string, shown without a table */
  gboolean sliced;    /* rank > 2: only the first slice is shown */
} CvgTextShape;

/* FALSE when @tensor holds no strings to show (not a string tensor, or
 * its shape does not match its elements). */
gboolean cvg_text_get_shape       (const CvgTensorValue *tensor,
                                   CvgTextShape         *shape);
/* The bytes of one cell (not nul-terminated, maybe not UTF-8). */
CvgSpan  cvg_text_get_cell        (const CvgTensorValue *tensor,
                                   const CvgTextShape   *shape,
                                   guint                 row,
                                   guint                 column);

/* Valid UTF-8: invalid bytes and NUL bytes become U+FFFD. */
char    *cvg_text_make_valid      (const guint8         *data,
                                   gsize                 len);

/* The value as one string: rank 0 its text, rank ≥ 1 a JSON array of
 * every string in order (`--export text`); with @unwrap_single a
 * one-element tensor gives its text too (copying an entry). */
char    *cvg_text_value_to_string (const CvgTensorValue *tensor,
                                   gboolean              unwrap_single);

G_END_DECLS
