/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cvg-layout-types.h"
#include "cvg-types.h"

G_BEGIN_DECLS

/* Charts a user made for a logs folder without a layout: multiline
 * charts of tag regexes, kept as JSON outside the folder (Converge never
 * writes into the logs), in the user's data folder, one file per logs
 * folder: {"version": 1, "charts": [{"title": …, "tags": [regex, …]}]}. */

#define CVG_USER_CHARTS_MAX_BYTES (1 << 20)

CvgLayoutCategory *cvg_user_charts_new        (void);
void               cvg_user_charts_free       (CvgLayoutCategory        *charts);
/* Appends a multiline chart of the regex @tags; "" @title: the regex. */
void               cvg_user_charts_add        (CvgLayoutCategory        *charts,
                                               const char               *title,
                                               const char               *tags);
void               cvg_user_charts_remove     (CvgLayoutCategory        *charts,
                                               guint                     index);
/* NULL with @error when @json is not such a file; more charts or tags
 * than a layout may hold are dropped. */
CvgLayoutCategory *cvg_user_charts_parse      (const char               *json,
                                               gsize                     len,
                                               GError                  **error);
char              *cvg_user_charts_serialize  (const CvgLayoutCategory  *charts);
/* g_get_user_data_dir()/converge/layouts/<SHA-256 of @logdir>.json */
char              *cvg_user_charts_path       (const char               *logdir);
/* The logs folder @run was found in: its path less as many trailing
 * folders as its name has parts ("." has none). */
char              *cvg_user_charts_logdir_of  (CvgRun                   *run);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgLayoutCategory, cvg_user_charts_free)

G_END_DECLS
