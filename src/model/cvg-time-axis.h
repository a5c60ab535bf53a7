/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cvg-types.h"

G_BEGIN_DECLS

/* The temporal axis every chart shares (Step, Relative or Wall): its
 * ticks and labels, and the texts of a time. Pure GLib. */

/* About @target round ticks inside [x0, x1]: 1-2-5 steps, or whole
 * seconds, minutes, hours and days (local time for Wall). *step gets
 * the spacing. */
GArray *cvg_time_axis_ticks       (CvgXAxis  axis,
                                   double    x0,
                                   double    x1,
                                   guint     target,
                                   double   *step);
char   *cvg_time_axis_format_tick (CvgXAxis  axis,
                                   double    value,
                                   double    step);
/* "42 s", "3 min 05 s", "2 h 10 min", "1 d 04 h". */
char   *cvg_format_duration       (double    seconds);
/* Local time; @compact leaves the date out. */
char   *cvg_format_wall_time      (double    wall_time,
                                   gboolean  compact);

G_END_DECLS
