/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One embedding tensor as the projector shows it: N points of D float32
 * values (row-major), the rows holding a NaN or an infinity (excluded from
 * projections), its metadata table and its sprite atlas. Immutable once
 * loaded, so any thread may read it; reference counted. */

#define CVG_EMBEDDING_MAX_METADATA  (512 * 1024 * 1024)
#define CVG_EMBEDDING_MAX_COLUMNS   1024
#define CVG_EMBEDDING_MAX_SPRITE    (64 * 1024 * 1024)
#define CVG_EMBEDDING_MAX_SPRITE_PX 8192
/* More distinct values than this and a column is not offered for
 * categorical colours (TensorBoard's NUM_COLORS_COLOR_MAP). */
#define CVG_EMBEDDING_MAX_CATEGORIES 50

typedef struct _CvgEmbedding CvgEmbedding;

struct _CvgEmbedding
{
  gatomicrefcount  ref_count;
  guint            n_points;
  guint            n_dims;
  float           *data;
  GArray          *nonfinite_rows;  /* of gsize, ascending */
  /* Metadata: n_columns names and n_points × n_columns cells, row-major,
   * NULL where missing or past the metadata's last row. */
  guint            n_columns;
  char           **column_names;
  char           **cells;
  GBytes          *sprite;          /* PNG, or NULL */
  guint            sprite_width;    /* of one image */
  guint            sprite_height;
  GPtrArray       *notices;         /* of char *, translated sentences */
};

/* Takes @data (g_malloc'ed, n_points × n_dims). */
CvgEmbedding *cvg_embedding_new              (float          *data,
                                              guint           n_points,
                                              guint           n_dims);
CvgEmbedding *cvg_embedding_ref              (CvgEmbedding   *self);
void          cvg_embedding_unref            (CvgEmbedding   *self);

/* A tensor file as TensorBoard reads it: tab-separated text, one row a
 * line (blank lines skipped), streamed; a ragged row or a cell that is no
 * number fails naming its line. */
CvgEmbedding *cvg_embedding_new_from_tsv     (const char     *path,
                                              GCancellable   *cancellable,
                                              GError        **error);
/* Raw float32 (little-endian) of exactly @n_points × @n_dims values. */
CvgEmbedding *cvg_embedding_new_from_raw     (const char     *path,
                                              guint           n_points,
                                              guint           n_dims,
                                              GCancellable   *cancellable,
                                              GError        **error);
/* TensorBoard's choice: a file of the byte size @n_points × @n_dims × 4
 * whose start is not UTF-8 text is raw; anything else is TSV. */
CvgEmbedding *cvg_embedding_new_from_file    (const char     *path,
                                              guint           n_points,
                                              guint           n_dims,
                                              GCancellable   *cancellable,
                                              GError        **error);

/* metadata.tsv, by TensorBoard's rules: a header row when the first
 * non-blank line has a tab, else one column "label"; the row count must
 * match (an error when it is off by exactly the header, else a notice and
 * the first rows get metadata). FALSE with @error set: no metadata. */
gboolean      cvg_embedding_set_metadata     (CvgEmbedding   *self,
                                              const char     *text,
                                              gsize           len,
                                              GError        **error);
const char   *cvg_embedding_get_cell         (CvgEmbedding   *self,
                                              guint           point,
                                              guint           column);
/* Every non-missing cell of @column parses as a number. */
gboolean      cvg_embedding_column_is_numeric (CvgEmbedding  *self,
                                              guint           column);
/* Distinct non-missing values of @column, counted up to @limit + 1. */
guint         cvg_embedding_column_count_distinct (CvgEmbedding *self,
                                              guint           column,
                                              guint           limit);
/* The points whose @column cell matches @regex, ascending. */
GArray       *cvg_embedding_match            (CvgEmbedding   *self,
                                              guint           column,
                                              const GRegex   *regex);

/* @png as the sprite atlas of @width × @height images: FALSE with @error
 * set when it is no PNG, is larger than 8192 px a side, or has fewer
 * cells than points (a notice only). */
gboolean      cvg_embedding_set_sprite       (CvgEmbedding   *self,
                                              GBytes         *png,
                                              guint           width,
                                              guint           height,
                                              GError        **error);

/* The rows without NaN or infinity, ascending: *n_rows of them. */
guint        *cvg_embedding_finite_rows      (CvgEmbedding   *self,
                                              guint          *n_rows);
/* The finite rows, packed for a projection: a new matrix of *n_rows ×
 * n_dims and, in @rows, the point each of its rows is. */
float        *cvg_embedding_pack_finite      (CvgEmbedding   *self,
                                              guint          *n_rows,
                                              guint         **rows);

void          cvg_embedding_add_notice       (CvgEmbedding   *self,
                                              const char     *format,
                                              ...) G_GNUC_PRINTF (2, 3);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgEmbedding, cvg_embedding_unref)

G_END_DECLS
