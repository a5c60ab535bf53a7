/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Run colours, readable on light and dark backgrounds. A run's colour
 * depends only on the names of the runs in the folder: each name hashes to
 * a palette slot and takes the next free one, in sorted name order, so the
 * same runs get the same colours at every launch and neighbours differ. */

guint        cvg_run_palette_get_size  (void);
/* "#rrggbb" of palette slot @index (modulo the size). */
const char  *cvg_run_palette_get_color (guint              index);
/* Assigns a slot to each of @n names (sorted or not); writes @slots. */
void         cvg_run_palette_assign    (const char * const *names,
                                        gsize               n,
                                        guint              *slots);

G_END_DECLS
