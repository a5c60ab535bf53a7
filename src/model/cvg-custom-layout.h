/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cvg-layout-types.h"
#include "cvg-types.h"

G_BEGIN_DECLS

/* The custom scalars layout of a logs folder, as TensorBoard's
 * custom_scalars plugin builds it: the last `custom_scalars__config__`
 * value of every run, runs in sorted name order, the first layout the
 * base; a later one's categories merge into the category of the same
 * title (charts already there, equal in every field, are skipped), new
 * titles are appended. Layouts that cannot be read become notices.
 * Built on the thread that owns the runs; an immutable snapshot. */

#define CVG_CUSTOM_LAYOUT_TAG "custom_scalars__config__"

typedef struct _CvgCustomLayout CvgCustomLayout;

/* @runs: CvgRun, any order. */
CvgCustomLayout *cvg_custom_layout_new_from_runs (GPtrArray             *runs);
void             cvg_custom_layout_free          (CvgCustomLayout       *self);
const CvgLayout *cvg_custom_layout_get_layout    (CvgCustomLayout       *self);
/* Human-readable problems (unreadable layouts, dropped parts), in run
 * order; char *. */
GPtrArray       *cvg_custom_layout_get_notices   (CvgCustomLayout       *self);

/* Merges @layout into @into as TensorBoard merges a later run's. */
void             cvg_layout_merge                (CvgLayout             *into,
                                                  const CvgLayout       *layout);
gboolean         cvg_layout_chart_equal          (const CvgLayoutChart  *a,
                                                  const CvgLayoutChart  *b);

/* A multiline chart's regular expressions as TensorBoard combines them
 * ("r", or "(r1)|(r2)|…"), matched as Python's re.match: anchored at the
 * start of the tag only, so "loss" matches "loss_ema". NULL with @error
 * when a regex is empty or invalid. */
GRegex          *cvg_layout_compile_tags         (GPtrArray             *tags,
                                                  GError               **error);
gboolean         cvg_layout_tag_matches          (GRegex                *regex,
                                                  const char            *tag);

/* A margin chart's three series of one run: NULL when their steps (the
 * purged view) are the same, else a notice that lists the three step
 * lists (the first few steps of each). */
char            *cvg_layout_check_margin_steps   (CvgSeries             *value,
                                                  CvgSeries             *lower,
                                                  CvgSeries             *upper);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgCustomLayout, cvg_custom_layout_free)

G_END_DECLS
