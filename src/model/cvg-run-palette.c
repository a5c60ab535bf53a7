/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-run-palette"

#include "config.h"

#include <string.h>

#include "cvg-run-palette.h"

/* Mid tones with a contrast of at least 3:1 (WCAG) against both white and
 * the dark background #242424, ordered so that neighbouring slots (where a
 * taken slot sends the next run) differ in hue. */
static const char * const palette[] = {
  "#3584e4", /* blue */
  "#e66100", /* orange */
  "#26a269", /* green */
  "#c061cb", /* purple */
  "#ed333b", /* red */
  "#0f97a6", /* teal */
  "#a88600", /* ochre */
  "#e5457f", /* pink */
  "#7a6ff0", /* violet */
  "#b5835a", /* brown */
  "#5e9a1a", /* olive green */
  "#6a7fa0", /* slate */
};

/* FNV-1a: fixed, unlike g_str_hash, so colours survive GLib upgrades. */
static guint32
hash_name (const char *name)
{
  guint32 hash = 2166136261u;

  for (const guchar *p = (const guchar *) name; *p != '\0'; p++)
    {
      hash ^= *p;
      hash *= 16777619u;
    }
  return hash;
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const char * const *names = user_data;
  gsize i = *(const gsize *) a;
  gsize j = *(const gsize *) b;
  int cmp = strcmp (names[i], names[j]);

  /* Equal names keep their input order, so the result is deterministic. */
  return cmp != 0 ? cmp : (i > j) - (i < j);
}

guint
cvg_run_palette_get_size (void)
{
  return G_N_ELEMENTS (palette);
}

const char *
cvg_run_palette_get_color (guint index)
{
  return palette[index % G_N_ELEMENTS (palette)];
}

void
cvg_run_palette_assign (const char * const *names,
                        gsize               n,
                        guint              *slots)
{
  g_autofree gsize *order = g_new (gsize, n);
  gboolean taken[G_N_ELEMENTS (palette)] = { FALSE, };
  guint n_taken = 0;

  for (gsize i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, n, sizeof (gsize), compare_names, (gpointer) names);

  for (gsize k = 0; k < n; k++)
    {
      guint slot = hash_name (names[order[k]]) % G_N_ELEMENTS (palette);

      /* Every colour used: start a new round, reusing them all. */
      if (n_taken == G_N_ELEMENTS (palette))
        {
          memset (taken, 0, sizeof taken);
          n_taken = 0;
        }
      while (taken[slot])
        slot = (slot + 1) % G_N_ELEMENTS (palette);
      taken[slot] = TRUE;
      n_taken++;
      slots[order[k]] = slot;
    }
}
