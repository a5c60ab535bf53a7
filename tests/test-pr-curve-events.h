/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cvg-event-writer.h"

G_BEGIN_DECLS

/* Events the writer has no call for, shared by the PR curve and custom
 * scalars tests: built as TensorBoard's and PyTorch's writers build them. */

/* A `pr_curves` DT_FLOAT [6, @n_thresholds] tensor (@data row by row), in
 * tensor_content as TensorBoard writes it or float_val as PyTorch does. */
gboolean cvg_test_write_pr_curve (CvgEventWriter  *writer,
                                  double           wall_time,
                                  gint64           step,
                                  const char      *tag,
                                  const float     *data,
                                  guint            n_thresholds,
                                  gboolean         as_content,
                                  GError         **error);
/* `custom_scalars__config__`: a rank-0 string tensor holding @layout, as
 * PyTorch's add_custom_scalars writes it. */
gboolean cvg_test_write_layout   (CvgEventWriter  *writer,
                                  double           wall_time,
                                  GBytes          *layout,
                                  GError         **error);

G_END_DECLS
