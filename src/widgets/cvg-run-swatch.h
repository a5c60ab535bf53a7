/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CVG_TYPE_RUN_SWATCH (cvg_run_swatch_get_type ())

G_DECLARE_FINAL_TYPE (CvgRunSwatch, cvg_run_swatch, CVG, RUN_SWATCH, GtkWidget)

/* A run's colour as a small rounded square; property "color" ("#rrggbb"). */
void cvg_run_swatch_set_color (CvgRunSwatch *self,
                               const char   *color);

G_END_DECLS
