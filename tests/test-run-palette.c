/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-run-palette"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cvg-run-palette.h"

static const char * const names[] = {
  ".", "train", "eval", "validation", "run_1", "run_2", "run_10",
  "lr=0.1/seed0", "lr=0.1/seed1", "lr=0.01/seed0", "baseline", "ablation/no-dropout",
};

/* Slots of @names in the order given by @perm. */
static void
assign_permuted (const gsize *perm,
                 gsize        n,
                 guint       *slots_by_name)
{
  g_autofree const char **permuted = g_new (const char *, n);
  g_autofree guint *slots = g_new (guint, n);

  for (gsize i = 0; i < n; i++)
    permuted[i] = names[perm[i]];
  cvg_run_palette_assign (permuted, n, slots);
  for (gsize i = 0; i < n; i++)
    slots_by_name[perm[i]] = slots[i];
}

static void
test_order_independent (void)
{
  gsize n = G_N_ELEMENTS (names);
  gsize perm[G_N_ELEMENTS (names)];
  guint reference[G_N_ELEMENTS (names)];
  GRand *rand = g_rand_new_with_seed (42);

  for (gsize i = 0; i < n; i++)
    perm[i] = i;
  assign_permuted (perm, n, reference);

  for (int round = 0; round < 50; round++)
    {
      guint slots[G_N_ELEMENTS (names)];

      /* Fisher–Yates with a fixed seed: reproducible shuffles. */
      for (gsize i = n - 1; i > 0; i--)
        {
          gsize j = g_rand_int_range (rand, 0, i + 1);
          gsize swap = perm[i];

          perm[i] = perm[j];
          perm[j] = swap;
        }
      assign_permuted (perm, n, slots);
      g_assert_cmpmem (slots, sizeof slots, reference, sizeof reference);
    }
  g_rand_free (rand);
}

/* Golden values: FNV-1a puts "." and "train" both in slot 1 and "eval" in 3;
 * in sorted order "." takes 1 and "train" moves on to 2. A change of hash
 * would change every user's colours, so it must show up here. */
static void
test_fixed_hash (void)
{
  const char *runs[] = { "train", "eval", "." };
  guint slots[3];

  cvg_run_palette_assign (runs, 3, slots);
  g_assert_cmpuint (slots[0], ==, 2);
  g_assert_cmpuint (slots[1], ==, 3);
  g_assert_cmpuint (slots[2], ==, 1);
}

static void
test_distinct (void)
{
  guint size = cvg_run_palette_get_size ();

  g_assert_cmpuint (size, >=, 8);
  for (guint n = 1; n <= size; n++)
    {
      g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (g_free);
      g_autofree guint *slots = g_new (guint, n);
      g_autofree gboolean *used = g_new0 (gboolean, size);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (runs, g_strdup_printf ("run%u", i));
      cvg_run_palette_assign ((const char * const *) runs->pdata, n, slots);
      for (guint i = 0; i < n; i++)
        {
          g_assert_cmpuint (slots[i], <, size);
          g_assert_false (used[slots[i]]);
          used[slots[i]] = TRUE;
        }
    }
}

/* 13 to 96 runs: all distinct; beyond, every colour of the largest table
 * serves once per round. */
static void
test_many_runs (void)
{
  static const guint counts[] = { 13, 16, 24, 25, 48, 60, 96, 192 };

  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    {
      guint n = counts[c];
      g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (g_free);
      g_autofree guint *slots = g_new (guint, n);
      g_autoptr(GHashTable) uses = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (runs, g_strdup_printf ("runs/seed-%u", i));
      cvg_run_palette_assign ((const char * const *) runs->pdata, n, slots);
      for (guint i = 0; i < n; i++)
        {
          const char *color = cvg_run_palette_get_color (slots[i]);
          guint used = GPOINTER_TO_UINT (g_hash_table_lookup (uses, color));

          g_assert_cmpuint (slots[i], <, cvg_run_palette_get_n_colors ());
          g_hash_table_insert (uses, (gpointer) color, GUINT_TO_POINTER (used + 1));
        }
      /* Distinct up to 96; 192 runs use each of 96 colours twice. */
      g_assert_cmpuint (g_hash_table_size (uses), ==, MIN (n, 96));
      if (n > 96)
        for (guint i = 0; i < n; i++)
          g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (uses, cvg_run_palette_get_color (slots[i]))), ==, 2);
    }
}

static double
channel (guint value)
{
  double c = value / 255.0;

  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/* WCAG 2 relative luminance of "#rrggbb"; fails on anything else. */
static double
luminance (const char *color)
{
  guint r, g, b;

  g_assert_cmpuint (strlen (color), ==, 7);
  g_assert_cmpint (color[0], ==, '#');
  for (int i = 1; i < 7; i++)
    g_assert_true (g_ascii_isxdigit (color[i]) && !g_ascii_isupper (color[i]));
  r = g_ascii_xdigit_value (color[1]) * 16 + g_ascii_xdigit_value (color[2]);
  g = g_ascii_xdigit_value (color[3]) * 16 + g_ascii_xdigit_value (color[4]);
  b = g_ascii_xdigit_value (color[5]) * 16 + g_ascii_xdigit_value (color[6]);
  return 0.2126 * channel (r) + 0.7152 * channel (g) + 0.0722 * channel (b);
}

static double
contrast (const char *a,
          const char *b)
{
  double la = luminance (a);
  double lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static void
test_contrast (void)
{
  /* Sanity of the formula: black on white is 21:1. */
  g_assert_cmpfloat_with_epsilon (contrast ("#000000", "#ffffff"), 21, 1e-9);

  for (guint i = 0; i < cvg_run_palette_get_n_colors (); i++)
    {
      const char *color = cvg_run_palette_get_color (i);

      g_test_message ("%s: %.2f on white, %.2f on #242424", color,
                      contrast (color, "#ffffff"), contrast (color, "#242424"));
      g_assert_cmpfloat (contrast (color, "#ffffff"), >=, 3);
      g_assert_cmpfloat (contrast (color, "#242424"), >=, 3);
    }
  for (guint i = 0; i < cvg_run_palette_get_size (); i++)
    for (guint j = 0; j < i; j++)
      g_assert_cmpstr (cvg_run_palette_get_color (i), !=, cvg_run_palette_get_color (j));
}

/* "#rrggbb" in OKLab. */
static void
to_oklab (const char *color,
          double      lab[3])
{
  double r = channel (g_ascii_xdigit_value (color[1]) * 16 + g_ascii_xdigit_value (color[2]));
  double g = channel (g_ascii_xdigit_value (color[3]) * 16 + g_ascii_xdigit_value (color[4]));
  double b = channel (g_ascii_xdigit_value (color[5]) * 16 + g_ascii_xdigit_value (color[6]));
  double l = cbrt (0.4122214708 * r + 0.5363668726 * g + 0.0514459929 * b);
  double m = cbrt (0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  double s = cbrt (0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);

  lab[0] = 0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s;
  lab[1] = 1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s;
  lab[2] = 0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s;
}

/* The smallest OKLab distance between two colours of the slots
 * [first, first + n). */
static double
min_distance (guint first,
              guint n)
{
  double best = INFINITY;

  for (guint i = first; i < first + n; i++)
    for (guint j = first; j < i; j++)
      {
        double a[3], b[3];

        to_oklab (cvg_run_palette_get_color (i), a);
        to_oklab (cvg_run_palette_get_color (j), b);
        best = MIN (best, sqrt ((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) +
                                (a[2] - b[2]) * (a[2] - b[2])));
      }
  return best;
}

/* The tables spread their colours evenly (hue steps of 15°, 7.5° and
 * 3.75°, lightness alternating between neighbours): measured 0.072 for
 * the fixed palette's nearest two, 0.053, 0.025 and 0.012 for the tables. */
static void
test_spread (void)
{
  double fixed = min_distance (0, 12);
  double t24 = min_distance (12, 24);
  double t48 = min_distance (36, 48);
  double t96 = min_distance (84, 96);

  g_test_message ("nearest OKLab distance: fixed %.3f, 24 %.3f, 48 %.3f, 96 %.3f", fixed, t24, t48, t96);
  g_assert_cmpfloat (t24, >=, 0.05);
  g_assert_cmpfloat (t48, >=, 0.02);
  g_assert_cmpfloat (t96, >=, 0.01);
}

static void
test_color_modulo (void)
{
  guint size = cvg_run_palette_get_size ();

  g_assert_cmpstr (cvg_run_palette_get_color (cvg_run_palette_get_n_colors () + size + 3), ==,
                   cvg_run_palette_get_color (size + 3));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/run-palette/order-independent", test_order_independent);
  g_test_add_func ("/model/run-palette/fixed-hash", test_fixed_hash);
  g_test_add_func ("/model/run-palette/distinct", test_distinct);
  g_test_add_func ("/model/run-palette/many-runs", test_many_runs);
  g_test_add_func ("/model/run-palette/spread", test_spread);
  g_test_add_func ("/model/run-palette/contrast", test_contrast);
  g_test_add_func ("/model/run-palette/color-modulo", test_color_modulo);
  return g_test_run ();
}
