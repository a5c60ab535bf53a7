/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-time-axis"

#include "config.h"

#include "cvg-time-axis.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cvg-chart-math.h"

/* Round durations for time axes: 1, 2, 5, 10, 15, 30 s and min, then
 * hours and days; each is a whole number of the unit it is shown in. */
static const double nice_durations[] = {
  1, 2, 5, 10, 15, 30,
  60, 120, 300, 600, 900, 1800,
  3600, 7200, 10800, 21600, 43200,
  86400, 172800, 604800, 2592000, 31536000,
};

/* Steps are whole numbers: a tick at 0.5 would label no step. */
static GArray *
whole_steps (GArray *ticks,
             double *step)
{
  guint kept = 0;

  for (guint i = 0; i < ticks->len; i++)
    {
      double t = g_array_index (ticks, double, i);

      if (t == floor (t))
        g_array_index (ticks, double, kept++) = t;
    }
  g_array_set_size (ticks, kept);
  *step = MAX (*step, 1);
  return ticks;
}

static GArray *
time_ticks (double  x0,
            double  x1,
            guint   target,
            double  offset,
            double *step)
{
  double wanted = (x1 - x0) / MAX (target, 1);
  GArray *ticks;
  double t;

  if (wanted < 1)
    return cvg_ticks_linear (x0, x1, target, step);

  *step = nice_durations[G_N_ELEMENTS (nice_durations) - 1];
  for (guint i = 0; i < G_N_ELEMENTS (nice_durations); i++)
    if (nice_durations[i] >= wanted)
      {
        *step = nice_durations[i];
        break;
      }

  ticks = g_array_new (FALSE, FALSE, sizeof (double));
  for (t = ceil ((x0 + offset) / *step) * *step - offset; t <= x1; t += *step)
    g_array_append_val (ticks, t);
  return ticks;
}

static char *
format_wall_tick (double value,
                  double step)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local ((gint64) floor (value));

  if (time == NULL)
    return g_strdup ("");
  if (step >= 86400)
    return g_date_time_format (time, "%b %d");
  if (step >= 60)
    return g_date_time_format (time, "%H:%M");
  return g_date_time_format (time, "%H:%M:%S");
}

static char *
format_relative_tick (double value,
                      double step)
{
  g_autofree char *number = NULL;

  if (step >= 86400)
    {
      number = cvg_format_compact (value / 86400, 3);
      /* Translators: a duration in days on a chart axis */
      return g_strdup_printf (_("%s d"), number);
    }
  if (step >= 3600)
    {
      number = cvg_format_compact (value / 3600, 3);
      /* Translators: a duration in hours on a chart axis */
      return g_strdup_printf (_("%s h"), number);
    }
  if (step >= 60)
    {
      number = cvg_format_compact (value / 60, 3);
      /* Translators: a duration in minutes on a chart axis */
      return g_strdup_printf (_("%s min"), number);
    }
  number = cvg_format_compact (value, 3);
  /* Translators: a duration in seconds on a chart axis */
  return g_strdup_printf (_("%s s"), number);
}

static double
local_utc_offset (double when)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local ((gint64) floor (when));

  return time != NULL ? g_date_time_get_utc_offset (time) / (double) G_USEC_PER_SEC : 0;
}

GArray *
cvg_time_axis_ticks (CvgXAxis  axis,
                     double    x0,
                     double    x1,
                     guint     target,
                     double   *step)
{
  switch (axis)
    {
    case CVG_X_AXIS_RELATIVE:
      return time_ticks (x0, x1, target, 0, step);
    case CVG_X_AXIS_WALL:
      return time_ticks (x0, x1, target, local_utc_offset (x0), step);
    case CVG_X_AXIS_STEP:
    default:
      return whole_steps (cvg_ticks_linear (x0, x1, target, step), step);
    }
}

char *
cvg_time_axis_format_tick (CvgXAxis axis,
                           double   value,
                           double   step)
{
  switch (axis)
    {
    case CVG_X_AXIS_RELATIVE:
      return format_relative_tick (value, step);
    case CVG_X_AXIS_WALL:
      return format_wall_tick (value, step);
    case CVG_X_AXIS_STEP:
    default:
      return cvg_format_compact (value, 4);
    }
}

char *
cvg_format_duration (double seconds)
{
  gint64 s = (gint64) floor (seconds);

  if (seconds < 60)
    {
      g_autofree char *number = cvg_format_compact (seconds, 3);
      /* Translators: a duration under a minute */
      return g_strdup_printf (_("%s s"), number);
    }
  if (s < 3600)
    /* Translators: a duration, minutes and seconds */
    return g_strdup_printf (_("%d min %02d s"), (int) (s / 60), (int) (s % 60));
  if (s < 86400)
    /* Translators: a duration, hours and minutes */
    return g_strdup_printf (_("%d h %02d min"), (int) (s / 3600), (int) (s % 3600 / 60));
  /* Translators: a duration, days and hours */
  return g_strdup_printf (_("%d d %02d h"), (int) (s / 86400), (int) (s % 86400 / 3600));
}

char *
cvg_format_wall_time (double   wall_time,
                      gboolean compact)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local ((gint64) floor (wall_time));

  if (time == NULL)
    return g_strdup ("");
  /* The drawn tooltip shows the time of day, which fits beside the values
   * in a half-width card; the text (screen readers, tests) has the date. */
  return g_date_time_format (time, compact ? "%H:%M:%S" : "%Y-%m-%d %H:%M:%S");
}
