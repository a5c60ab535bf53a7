/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Run colours, readable on light and dark backgrounds (3:1 against white
 * and #242424). A run's colour depends only on the names of the runs in
 * the folder: each name hashes to a palette slot and takes the next free
 * one, in sorted name order, so the same runs get the same colours at
 * every launch and neighbours differ. Up to 12 runs share a fixed
 * palette; more take a table of 24, 48 or 96 evenly spaced OKLCH hues
 * (beyond 96, colours repeat once per round). */

/* The fixed palette's size: slots 0 .. size - 1, which a swatch cycles. */
guint        cvg_run_palette_get_size  (void);
/* Slots in all: the fixed palette's, then the tables'. */
guint        cvg_run_palette_get_n_colors (void);
/* "#rrggbb" of slot @index (modulo get_n_colors). */
const char  *cvg_run_palette_get_color (guint              index);
/* Assigns a slot to each of @n names (sorted or not); writes @slots:
 * distinct while @n is at most 96. */
void         cvg_run_palette_assign    (const char * const *names,
                                        gsize               n,
                                        guint              *slots);

/* Writes to @out ("#rrggbb") a tint of @color for member @index of @n
 * in a group: alternately lighter (mixed with white) and darker (with
 * black), by 10 % to 40 %, so that a group's members share its hue. An
 * unreadable @color is taken as grey. */
void         cvg_run_palette_tint      (const char         *color,
                                        guint               index,
                                        guint               n,
                                        char                out[8]);

G_END_DECLS
