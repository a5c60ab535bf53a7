/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-tag-order"

#include "config.h"

#include <string.h>

#include "cvg-tag-order.h"

/* In TensorBoard's order ('/' first, then digits, then other bytes), with
 * ties of numeric value broken by bytes. */
static const char * const sorted[] = {
  "a",
  "a/a",
  "a/b",
  "a/b/c",
  "a2b",
  "a10b",
  "a+/a",
  "accuracy",
  "loss",
  "loss/step01",
  "loss/step1",
  "loss/step2",
  "loss/step10",
  "loss/step99999999999999999999",
  "loss/step100000000000000000000",
  "loss/step_1",
  "loss_2",
  "lr",
};

static int
sign (int value)
{
  return (value > 0) - (value < 0);
}

static void
test_numbers (void)
{
  g_assert_cmpint (cvg_tag_compare ("step2", "step10"), <, 0);
  g_assert_cmpint (cvg_tag_compare ("step10", "step2"), >, 0);
  g_assert_cmpint (cvg_tag_compare ("a10b", "a2b"), >, 0);
  g_assert_cmpint (cvg_tag_compare ("x007", "x7"), !=, 0);
  g_assert_cmpint (cvg_tag_compare ("x007", "x8"), <, 0);
  g_assert_cmpint (cvg_tag_compare ("layer0/w", "layer0/w"), ==, 0);
}

/* '/' comes before any other character, so a group stays together. */
static void
test_slash (void)
{
  g_assert_cmpint (cvg_tag_compare ("a/a", "a+/a"), <, 0);
  g_assert_cmpint (cvg_tag_compare ("a", "a/b"), <, 0);
}

static void
test_expected_order (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (sorted); i++)
    for (gsize j = 0; j < G_N_ELEMENTS (sorted); j++)
      {
        int expected = (i > j) - (i < j);
        int got = sign (cvg_tag_compare (sorted[i], sorted[j]));

        if (got != expected)
          g_test_message ("%s vs %s", sorted[i], sorted[j]);
        g_assert_cmpint (got, ==, expected);
      }
}

static int
compare_cb (gconstpointer a,
            gconstpointer b,
            gpointer      user_data)
{
  return cvg_tag_compare (*(const char * const *) a, *(const char * const *) b);
}

/* A total order: any shuffle sorts back to the same list, and the
 * comparison is antisymmetric and transitive on a wider set. */
static void
test_total_order (void)
{
  static const char * const extra[] = {
    "", "0", "00", "1", "01", "/", "//", "a_1", "a-1", "A", "ß", "a1.5", "a1.25",
  };
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  GRand *rand = g_rand_new_with_seed (7);

  for (gsize i = 0; i < G_N_ELEMENTS (sorted); i++)
    g_ptr_array_add (all, (gpointer) sorted[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (extra); i++)
    g_ptr_array_add (all, (gpointer) extra[i]);

  for (guint i = 0; i < all->len; i++)
    for (guint j = 0; j < all->len; j++)
      {
        const char *a = all->pdata[i];
        const char *b = all->pdata[j];
        int ab = cvg_tag_compare (a, b);

        g_assert_cmpint (sign (ab), ==, -sign (cvg_tag_compare (b, a)));
        g_assert_cmpint (ab == 0, ==, i == j);
        for (guint k = 0; k < all->len; k++)
          if (ab < 0 && cvg_tag_compare (b, all->pdata[k]) < 0)
            g_assert_cmpint (cvg_tag_compare (a, all->pdata[k]), <, 0);
      }

  for (int round = 0; round < 20; round++)
    {
      const char *shuffled[G_N_ELEMENTS (sorted)];

      memcpy (shuffled, sorted, sizeof sorted);
      for (gsize i = G_N_ELEMENTS (sorted) - 1; i > 0; i--)
        {
          gsize j = g_rand_int_range (rand, 0, i + 1);
          const char *swap = shuffled[i];

          shuffled[i] = shuffled[j];
          shuffled[j] = swap;
        }
      g_qsort_with_data (shuffled, G_N_ELEMENTS (shuffled), sizeof (char *), compare_cb, NULL);
      g_assert_cmpmem (shuffled, sizeof shuffled, sorted, sizeof sorted);
    }
  g_rand_free (rand);
}

static void
test_group (void)
{
  static const char * const cases[][2] = {
    { "loss", "loss" },
    { "a/b", "a" },
    { "train/loss/total", "train" },
    { "/x", "" },
    { "", "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *group = cvg_tag_group (cases[i][0]);

      g_assert_cmpstr (group, ==, cases[i][1]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/tag-order/numbers", test_numbers);
  g_test_add_func ("/model/tag-order/slash", test_slash);
  g_test_add_func ("/model/tag-order/expected-order", test_expected_order);
  g_test_add_func ("/model/tag-order/total-order", test_total_order);
  g_test_add_func ("/model/tag-order/group", test_group);
  return g_test_run ();
}
