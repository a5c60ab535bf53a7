/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-purge"

#include "config.h"

#include "cvg-purge.h"

static GString *
kept_steps (const gint64 *steps,
            gsize         n,
            const CvgCut *cuts,
            gsize         n_cuts)
{
  g_autofree gboolean *keep = g_new (gboolean, n);
  GString *out = g_string_new (NULL);
  gsize kept = cvg_purge_compute (steps, n, cuts, n_cuts, keep);
  gsize counted = 0;

  for (gsize i = 0; i < n; i++)
    if (keep[i])
      {
        g_string_append_printf (out, "%s%" G_GINT64_FORMAT, counted ? " " : "", steps[i]);
        counted++;
      }
  g_assert_cmpuint (kept, ==, counted);
  return out;
}

static void
test_no_cuts (void)
{
  const gint64 steps[] = { 0, 1, 2, 1, 0 };
  g_autoptr(GString) s = kept_steps (steps, G_N_ELEMENTS (steps), NULL, 0);

  g_assert_cmpstr (s->str, ==, "0 1 2 1 0");
}

/* A restart at step 5 after 0..9: the old 5..9 go, the new ones stay. */
static void
test_restart (void)
{
  const gint64 steps[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 5, 6, 7 };
  const CvgCut cuts[] = { { 10, 5 } };
  g_autoptr(GString) s = kept_steps (steps, G_N_ELEMENTS (steps), cuts, 1);

  g_assert_cmpstr (s->str, ==, "0 1 2 3 4 5 6 7");
}

/* Two restarts: the later, lower one also removes what the first kept. */
static void
test_nested_restarts (void)
{
  const gint64 steps[] = { 0, 1, 2, 3, 4, 3, 4, 5, 1, 2 };
  const CvgCut cuts[] = { { 5, 3 }, { 8, 1 } };
  g_autoptr(GString) s = kept_steps (steps, G_N_ELEMENTS (steps), cuts, 2);

  g_assert_cmpstr (s->str, ==, "0 1 2");
}

/* A cut only affects points read before it. */
static void
test_cut_position (void)
{
  const gint64 steps[] = { 10, 20, 30, 15, 40 };
  const CvgCut cuts[] = { { 3, 15 } };
  g_autoptr(GString) s = kept_steps (steps, G_N_ELEMENTS (steps), cuts, 1);

  g_assert_cmpstr (s->str, ==, "10 15 40");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/purge/no-cuts", test_no_cuts);
  g_test_add_func ("/model/purge/restart", test_restart);
  g_test_add_func ("/model/purge/nested-restarts", test_nested_restarts);
  g_test_add_func ("/model/purge/cut-position", test_cut_position);
  return g_test_run ();
}
