/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-purge"

#include "config.h"

#include "cvg-purge.h"

gsize
cvg_purge_compute (const gint64 *steps,
                   gsize         n_points,
                   const CvgCut *cuts,
                   gsize         n_cuts,
                   gboolean     *keep)
{
  gint64 threshold = G_MAXINT64;
  gboolean bounded = FALSE;
  gsize next_cut = n_cuts;
  gsize kept = 0;

  /* Walk backwards: a point dies if any later cut has a step <= its own. */
  for (gsize i = n_points; i-- > 0;)
    {
      while (next_cut > 0 && cuts[next_cut - 1].position > i)
        {
          next_cut--;
          threshold = bounded ? MIN (threshold, cuts[next_cut].step) : cuts[next_cut].step;
          bounded = TRUE;
        }
      keep[i] = !bounded || steps[i] < threshold;
      kept += keep[i];
    }
  return kept;
}
