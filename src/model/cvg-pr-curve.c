/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-pr-curve"

#include "config.h"

#include "cvg-pr-curve.h"

#include <math.h>

#include "cvg-io-error.h"

struct _CvgPrCurve
{
  guint         n_thresholds;
  guint         length;
  const double *numbers;   /* the tensor's, CVG_PR_N_ROWS × n_thresholds */
};

/* TensorBoard's `int(v)`: towards zero; what is not a number counts 0. */
static double
count_value (double v)
{
  return isfinite (v) ? trunc (v) : 0;
}

CvgPrCurve *
cvg_pr_curve_new_from_tensor (const CvgTensorValue *tensor,
                              GError              **error)
{
  CvgPrCurve *self;
  gsize columns;
  gsize end;

  g_return_val_if_fail (tensor != NULL, NULL);

  /* The shape comes from the file: it must match the values really held. */
  if (tensor->numbers == NULL || tensor->rank != 2 || tensor->dims[0] != CVG_PR_N_ROWS ||
      tensor->dims[1] < 1 || (guint64) tensor->dims[1] > G_MAXUINT / CVG_PR_N_ROWS ||
      tensor->n_elements != (gsize) tensor->dims[1] * CVG_PR_N_ROWS)
    {
      g_set_error (error, CVG_IO_ERROR, CVG_IO_ERROR_DECODE,
                   "a PR curve is a numeric [6, T] tensor; this one has rank %u and %zu values",
                   tensor->rank, tensor->n_elements);
      return NULL;
    }
  columns = (gsize) tensor->dims[1];

  /* Trailing columns where nothing is predicted positive go, column 0 stays. */
  for (end = columns; end > 1; end--)
    if (count_value (tensor->numbers[CVG_PR_TP * columns + end - 1]) +
        count_value (tensor->numbers[CVG_PR_FP * columns + end - 1]) != 0)
      break;

  self = g_new0 (CvgPrCurve, 1);
  self->n_thresholds = columns;
  self->length = end;
  self->numbers = tensor->numbers;
  return self;
}

void
cvg_pr_curve_free (CvgPrCurve *self)
{
  g_free (self);
}

guint
cvg_pr_curve_get_length (const CvgPrCurve *self)
{
  return self->length;
}

guint
cvg_pr_curve_get_n_thresholds (const CvgPrCurve *self)
{
  return self->n_thresholds;
}

double
cvg_pr_curve_get_threshold (const CvgPrCurve *self,
                            guint             column)
{
  g_return_val_if_fail (column < self->length, NAN);

  return self->n_thresholds > 1 ? (double) column / (self->n_thresholds - 1) : 0;
}

double
cvg_pr_curve_get (const CvgPrCurve *self,
                  CvgPrRow          row,
                  guint             column)
{
  double v;

  g_return_val_if_fail (row < CVG_PR_N_ROWS && column < self->length, NAN);

  v = self->numbers[(gsize) row * self->n_thresholds + column];
  return row < CVG_PR_PRECISION ? count_value (v) : v;
}

static double
finite_or_zero (double v)
{
  return isfinite (v) ? v : 0;
}

double
cvg_pr_curve_get_average_precision (const CvgPrCurve *self)
{
  double ap = 0;
  double next_recall = 0;

  for (guint j = self->length; j-- > 0;)
    {
      double recall = finite_or_zero (cvg_pr_curve_get (self, CVG_PR_RECALL, j));

      ap += (recall - next_recall) * finite_or_zero (cvg_pr_curve_get (self, CVG_PR_PRECISION, j));
      next_recall = recall;
    }
  return ap;
}
