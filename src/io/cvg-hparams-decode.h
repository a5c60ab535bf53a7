/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cvg-hparams-types.h"

G_BEGIN_DECLS

/* An empty one of @kind, its arrays made (they free their items). */
CvgHparamsData *cvg_hparams_data_new       (CvgHparamsDataKind     kind);
/* Decodes HParamsPluginData bytes; NULL with @error when they are not
 * one, nest too deeply, or hold none of its three cases. */
CvgHparamsData *cvg_hparams_data_parse     (const guint8          *data,
                                            gsize                  len,
                                            GError               **error);
void            cvg_hparams_data_free      (CvgHparamsData        *data);
/* The bytes of @data as writers serialize them (tests, the demo). */
GBytes         *cvg_hparams_data_serialize (const CvgHparamsData  *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgHparamsData, cvg_hparams_data_free)

G_END_DECLS
