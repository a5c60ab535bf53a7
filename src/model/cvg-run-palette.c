/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-run-palette"

#include "config.h"

#include <math.h>
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

/* Beyond 12 runs: tables of evenly spaced hues in OKLCH, 24, 48 or 96 of
 * them, each colour's lightness set so that its relative luminance is
 * one of two values both at least 3:1 from white and from #242424 (Y in
 * [0.154, 0.30]), alternating between neighbouring hues; slot s takes
 * hue (s * STEP) mod n, so that the slot a taken one sends a run to is
 * far round the wheel. */
static const guint table_sizes[] = { 24, 48, 96 };
static const guint table_steps[] = { 7, 19, 37 };
#define N_GENERATED (24 + 48 + 96)
#define LUMINANCE_A 0.19
#define LUMINANCE_B 0.27
#define MAX_CHROMA 0.17

static char generated[N_GENERATED][8];

static double
srgb_gamma (double linear)
{
  linear = CLAMP (linear, 0, 1);
  return linear <= 0.0031308 ? 12.92 * linear : 1.055 * pow (linear, 1 / 2.4) - 0.055;
}

/* OKLCH to linear sRGB (Björn Ottosson's matrices); FALSE when out of gamut. */
static gboolean
oklch_to_linear (double  l,
                 double  c,
                 double  h,
                 double  rgb[3])
{
  double a = c * cos (h), b = c * sin (h);
  double l_ = l + 0.3963377774 * a + 0.2158037573 * b;
  double m_ = l - 0.1055613458 * a - 0.0638541728 * b;
  double s_ = l - 0.0894841775 * a - 1.2914855480 * b;
  double l3 = l_ * l_ * l_, m3 = m_ * m_ * m_, s3 = s_ * s_ * s_;

  rgb[0] = 4.0767416621 * l3 - 3.3077115913 * m3 + 0.2309699292 * s3;
  rgb[1] = -1.2684380046 * l3 + 2.6097574011 * m3 - 0.3413193965 * s3;
  rgb[2] = -0.0041960863 * l3 - 0.7034186147 * m3 + 1.7076147010 * s3;
  return rgb[0] >= -1e-6 && rgb[0] <= 1 + 1e-6 && rgb[1] >= -1e-6 && rgb[1] <= 1 + 1e-6 &&
         rgb[2] >= -1e-6 && rgb[2] <= 1 + 1e-6;
}

/* The lightness at which (c, h) has relative luminance @y, by bisection;
 * FALSE when the colour leaves the gamut there. */
static gboolean
lightness_for (double  c,
               double  h,
               double  y,
               double  rgb[3])
{
  double lo = 0, hi = 1;

  for (int i = 0; i < 40; i++)
    {
      double mid = (lo + hi) / 2;

      oklch_to_linear (mid, c, h, rgb);
      if (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2] < y)
        lo = mid;
      else
        hi = mid;
    }
  return oklch_to_linear ((lo + hi) / 2, c, h, rgb);
}

/* The most colourful in-gamut colour of hue @h (radians) and luminance @y. */
static void
generate_color (double  h,
                double  y,
                char    out[8])
{
  double rgb[3];
  double c = MAX_CHROMA;

  while (c > 0.005 && !lightness_for (c, h, y, rgb))
    c -= 0.005;
  if (c <= 0.005)
    lightness_for (0, h, y, rgb);
  g_snprintf (out, 8, "#%02x%02x%02x",
              (int) lround (srgb_gamma (rgb[0]) * 255),
              (int) lround (srgb_gamma (rgb[1]) * 255),
              (int) lround (srgb_gamma (rgb[2]) * 255));
}

static void
generate_tables (void)
{
  static gsize done = 0;

  if (!g_once_init_enter (&done))
    return;
  for (guint t = 0, offset = 0; t < G_N_ELEMENTS (table_sizes); offset += table_sizes[t], t++)
    for (guint s = 0; s < table_sizes[t]; s++)
      {
        guint k = (s * table_steps[t]) % table_sizes[t];
        /* Start the wheel at the fixed palette's blue (OKLCH hue ~255°). */
        double h = fmod (255.0 + 360.0 * k / table_sizes[t], 360.0) * G_PI / 180.0;

        generate_color (h, k % 2 == 0 ? LUMINANCE_A : LUMINANCE_B,
                        generated[offset + s]);
      }
  g_once_init_leave (&done, 1);
}

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

guint
cvg_run_palette_get_n_colors (void)
{
  return G_N_ELEMENTS (palette) + N_GENERATED;
}

const char *
cvg_run_palette_get_color (guint index)
{
  index %= G_N_ELEMENTS (palette) + N_GENERATED;
  if (index < G_N_ELEMENTS (palette))
    return palette[index];
  generate_tables ();
  return generated[index - G_N_ELEMENTS (palette)];
}

/* The table for @n names: its first slot and size. */
static guint
table_for (gsize  n,
           guint *size)
{
  guint offset = G_N_ELEMENTS (palette);

  if (n <= G_N_ELEMENTS (palette))
    {
      *size = G_N_ELEMENTS (palette);
      return 0;
    }
  for (guint t = 0; t < G_N_ELEMENTS (table_sizes); offset += table_sizes[t], t++)
    if (n <= table_sizes[t] || t == G_N_ELEMENTS (table_sizes) - 1)
      {
        *size = table_sizes[t];
        return offset;
      }
  g_assert_not_reached ();
}

void
cvg_run_palette_assign (const char * const *names,
                        gsize               n,
                        guint              *slots)
{
  g_autofree gsize *order = g_new (gsize, n);
  guint size;
  guint offset = table_for (n, &size);
  g_autofree gboolean *taken = g_new0 (gboolean, size);
  guint n_taken = 0;

  for (gsize i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, n, sizeof (gsize), compare_names, (gpointer) names);

  for (gsize k = 0; k < n; k++)
    {
      guint slot = hash_name (names[order[k]]) % size;

      /* Every colour used: start a new round, reusing them all. */
      if (n_taken == size)
        {
          memset (taken, 0, size * sizeof (gboolean));
          n_taken = 0;
        }
      while (taken[slot])
        slot = (slot + 1) % size;
      taken[slot] = TRUE;
      n_taken++;
      slots[order[k]] = offset + slot;
    }
}

void
cvg_run_palette_tint (const char *color,
                      guint       index,
                      guint       n,
                      char        out[8])
{
  guint rgb[3] = { 128, 128, 128 };
  double amount = 0.1 + 0.3 * (index / 2) / MAX (1.0, (n - 1) / 2.0);
  double target = index % 2 ? 255 : 0;

  if (color != NULL && strlen (color) == 7 && color[0] == '#')
    for (int c = 0; c < 3; c++)
      {
        int hi = g_ascii_xdigit_value (color[1 + 2 * c]);
        int lo = g_ascii_xdigit_value (color[2 + 2 * c]);

        if (hi >= 0 && lo >= 0)
          rgb[c] = hi * 16 + lo;
      }
  g_snprintf (out, 8, "#%02x%02x%02x",
              (guint) lround (rgb[0] + (target - rgb[0]) * amount),
              (guint) lround (rgb[1] + (target - rgb[1]) * amount),
              (guint) lround (rgb[2] + (target - rgb[2]) * amount));
}
