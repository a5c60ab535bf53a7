/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cvg-layout-types.h"

G_BEGIN_DECLS

CvgLayout         *cvg_layout_new            (void);
void               cvg_layout_free           (CvgLayout               *layout);
CvgLayoutCategory *cvg_layout_category_new   (const char              *title,
                                              gboolean                 closed);
void               cvg_layout_category_free  (CvgLayoutCategory       *category);
/* A chart of @kind, its arrays made. */
CvgLayoutChart    *cvg_layout_chart_new      (const char              *title,
                                              CvgLayoutChartKind       kind);
CvgLayoutMargin   *cvg_layout_margin_new     (const char              *value,
                                              const char              *lower,
                                              const char              *upper);
/* Decodes serialized Layout bytes; NULL with @error when they are not
 * one, are larger than CVG_LAYOUT_MAX_BYTES or nest too deeply. */
CvgLayout         *cvg_layout_parse          (const guint8            *data,
                                              gsize                    len,
                                              GError                 **error);
/* The bytes of @layout as writers serialize them (tests, the demo). */
GBytes            *cvg_layout_serialize      (const CvgLayout         *layout);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgLayout, cvg_layout_free)

G_END_DECLS
