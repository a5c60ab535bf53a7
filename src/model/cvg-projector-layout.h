/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cvg-custom-projection.h"
#include "cvg-embedding.h"
#include "cvg-pca.h"
#include "cvg-tsne.h"
#include "cvg-umap.h"

G_BEGIN_DECLS

/* A projection of an embedding's finite rows to 2 or 3 dimensions, as
 * the projector page draws it and `converge --export projection` writes
 * it: the same code, so the same numbers. */

#define CVG_PROJECTOR_PCA_COMPONENTS 10

typedef enum
{
  CVG_PROJECTOR_PCA,
  CVG_PROJECTOR_TSNE,
  CVG_PROJECTOR_UMAP,
  CVG_PROJECTOR_CUSTOM,
} CvgProjectorMethod;

/* The four queries of a custom projection, in this order. */
typedef enum
{
  CVG_PROJECTOR_LEFT,
  CVG_PROJECTOR_RIGHT,
  CVG_PROJECTOR_UP,
  CVG_PROJECTOR_DOWN,
  CVG_PROJECTOR_N_DIRECTIONS,
} CvgProjectorDirection;

typedef struct
{
  guint   n_rows;                  /* the projected rows: the finite ones */
  guint  *rows;                    /* the point each row is */
  guint   n_dims;                  /* 2 or 3 */
  float  *coords;                  /* n_rows × n_dims */
  guint   n_variances;             /* PCA: components computed */
  double  variance_fractions[CVG_PROJECTOR_PCA_COMPONENTS];
  guint   axes[3];                 /* PCA: the components shown */
} CvgProjectorLayout;

void                cvg_projector_layout_free    (CvgProjectorLayout *layout);

gboolean            cvg_projector_method_from_string (const char     *name,
                                                  CvgProjectorMethod *method);

/* TensorBoard's default: "sphereize" (centre, then unit length) when the
 * vectors have 50 dimensions or more. */
gboolean            cvg_projector_default_sphereize (CvgEmbedding     *embedding);

/* The top components of @embedding's finite rows, sphereized or centred. */
CvgPca             *cvg_projector_compute_pca    (CvgEmbedding       *embedding,
                                                  gboolean            sphereize,
                                                  GCancellable       *cancellable,
                                                  GError            **error);
/* @pca's coordinates on @axes (indexes of its components) as a layout
 * of @embedding's finite rows. */
CvgProjectorLayout *cvg_projector_layout_from_pca (CvgEmbedding      *embedding,
                                                  const CvgPca       *pca,
                                                  guint               n_dims,
                                                  const guint         axes[3]);
/* A layout of @positions (copied): rows × n_dims, of @embedding's finite
 * rows in order, as t-SNE and UMAP give them. */
CvgProjectorLayout *cvg_projector_layout_new     (CvgEmbedding       *embedding,
                                                  const float        *positions,
                                                  guint               n_dims);
/* TensorBoard's custom projection (2-D) of the finite rows, sphereized
 * when @sphereize: x from the centroid of the LEFT points to that of the
 * RIGHT ones, y from DOWN to UP. @points holds a GArray of guint points
 * per direction (as cvg_embedding_match gives them); points with a NaN
 * are left out; a direction without a finite point is an error. */
CvgProjectorLayout *cvg_projector_layout_custom  (CvgEmbedding       *embedding,
                                                  gboolean            sphereize,
                                                  GArray * const      points[CVG_PROJECTOR_N_DIRECTIONS],
                                                  GError            **error);
/* The finite rows of @embedding prepared for t-SNE and UMAP: packed, and
 * sphereized when @sphereize, as TensorBoard does before them. */
float              *cvg_projector_prepare        (CvgEmbedding       *embedding,
                                                  gboolean            sphereize,
                                                  guint              *n_rows);

/* CSV: `index,x,y[,z],<metadata columns>`, a row per projected point,
 * fields quoted as `--export csv` quotes them. */
void                cvg_projector_append_csv     (GString            *out,
                                                  CvgEmbedding       *embedding,
                                                  const CvgProjectorLayout *layout);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgProjectorLayout, cvg_projector_layout_free)

G_END_DECLS
