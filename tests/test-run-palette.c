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

/* More runs than colours: every colour serves once per round. */
static void
test_wraps (void)
{
  guint size = cvg_run_palette_get_size ();
  guint n = 2 * size;
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (g_free);
  g_autofree guint *slots = g_new (guint, n);
  g_autofree guint *uses = g_new0 (guint, size);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (runs, g_strdup_printf ("seed-%u", i));
  cvg_run_palette_assign ((const char * const *) runs->pdata, n, slots);
  for (guint i = 0; i < n; i++)
    uses[slots[i]]++;
  for (guint s = 0; s < size; s++)
    g_assert_cmpuint (uses[s], ==, 2);
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

  for (guint i = 0; i < cvg_run_palette_get_size (); i++)
    {
      const char *color = cvg_run_palette_get_color (i);

      g_test_message ("%s: %.2f on white, %.2f on #242424", color,
                      contrast (color, "#ffffff"), contrast (color, "#242424"));
      g_assert_cmpfloat (contrast (color, "#ffffff"), >=, 3);
      g_assert_cmpfloat (contrast (color, "#242424"), >=, 3);
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (color, !=, cvg_run_palette_get_color (j));
    }
}

static void
test_color_modulo (void)
{
  guint size = cvg_run_palette_get_size ();

  g_assert_cmpstr (cvg_run_palette_get_color (size + 3), ==, cvg_run_palette_get_color (3));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/run-palette/order-independent", test_order_independent);
  g_test_add_func ("/model/run-palette/fixed-hash", test_fixed_hash);
  g_test_add_func ("/model/run-palette/distinct", test_distinct);
  g_test_add_func ("/model/run-palette/wraps", test_wraps);
  g_test_add_func ("/model/run-palette/contrast", test_contrast);
  g_test_add_func ("/model/run-palette/color-modulo", test_color_modulo);
  return g_test_run ();
}
