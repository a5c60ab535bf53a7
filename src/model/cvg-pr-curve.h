/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cvg-series.h"

G_BEGIN_DECLS

/* One precision–recall curve: the DT_FLOAT [6, T] tensor of TensorBoard's
 * `pr_curves` plugin, whichever field held it (tensor_content from
 * TensorBoard, float_val from PyTorch and tensorboardX: the reader gives
 * both as numbers). Columns are thresholds j/(T−1); trailing columns with
 * no predicted positives (TP + FP == 0) are dropped as TensorBoard's
 * backend drops them, keeping column 0. The counts are whole numbers, as
 * TensorBoard casts them to int. Immutable; it reads the tensor's values
 * in place (a series' values never move), so it lives no longer than the
 * series. */

typedef enum
{
  CVG_PR_TP,
  CVG_PR_FP,
  CVG_PR_TN,
  CVG_PR_FN,
  CVG_PR_PRECISION,
  CVG_PR_RECALL,
  CVG_PR_N_ROWS,
} CvgPrRow;

typedef struct _CvgPrCurve CvgPrCurve;

/* NULL with @error when @tensor is not a numeric [6, T] tensor. */
CvgPrCurve *cvg_pr_curve_new_from_tensor (const CvgTensorValue *tensor,
                                          GError              **error);
void        cvg_pr_curve_free            (CvgPrCurve           *self);

/* Columns kept after trimming (at least 1). */
guint       cvg_pr_curve_get_length      (const CvgPrCurve     *self);
/* T, as the tensor holds it. */
guint       cvg_pr_curve_get_n_thresholds (const CvgPrCurve    *self);
double      cvg_pr_curve_get_threshold   (const CvgPrCurve     *self,
                                          guint                 column);
double      cvg_pr_curve_get             (const CvgPrCurve     *self,
                                          CvgPrRow              row,
                                          guint                 column);
/* Average precision: Σ (R[j] − R[j+1]) · P[j] from the highest threshold
 * down, recall 0 past the last column; non-finite values count as 0. */
double      cvg_pr_curve_get_average_precision (const CvgPrCurve *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgPrCurve, cvg_pr_curve_free)

G_END_DECLS
