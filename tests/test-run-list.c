/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The runs list: batches in name order, one items-changed per batch,
 * palette colours, and tag counts over real event files. */

#define G_LOG_DOMAIN "test-run-list"

#include "config.h"

#include <glib/gstdio.h>

#include "cvg-event-writer.h"
#include "cvg-run-info.h"
#include "cvg-run-list.h"
#include "cvg-run-palette.h"
#include "cvg-run.h"

typedef struct
{
  guint n_signals;
  guint position, removed, added;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->n_signals++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
}

static GPtrArray *
make_runs (const char * const *names)
{
  GPtrArray *runs = g_ptr_array_new_with_free_func ((GDestroyNotify) cvg_run_unref);

  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (runs, cvg_run_new (names[i], "/nonexistent"));
  return runs;
}

static CvgRunInfo *
item (CvgRunList *list,
      guint       i)
{
  CvgRunInfo *info = g_list_model_get_item (G_LIST_MODEL (list), i);

  /* The list keeps its own reference. */
  g_object_unref (info);
  return info;
}

/* What cvg_run_palette_assign() gives the listed names, as a whole. */
static void
assert_palette_colors (CvgRunList *list)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_autofree const char **names = g_new (const char *, n);
  g_autofree guint *slots = g_new (guint, n);

  for (guint i = 0; i < n; i++)
    names[i] = cvg_run_info_get_name (item (list, i));
  cvg_run_palette_assign (names, n, slots);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (cvg_run_info_get_color (item (list, i)), ==, cvg_run_palette_get_color (slots[i]));
}

static void
test_batches (void)
{
  static const char * const first[] = { "train", "eval", "base", NULL };
  static const char * const second[] = { "zeta", "c", NULL };
  static const char * const sorted[] = { "base", "c", "eval", "train", "zeta" };
  g_autoptr(CvgRunList) list = cvg_run_list_new ();
  g_autoptr(GPtrArray) runs1 = make_runs (first);
  g_autoptr(GPtrArray) runs2 = make_runs (second);
  g_autofree char *train_color = NULL;
  Changes changes = { 0, };

  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == CVG_TYPE_RUN_INFO);

  cvg_run_list_add (list, (CvgRun * const *) runs1->pdata, runs1->len, TRUE);
  g_assert_cmpuint (changes.n_signals, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 3);
  g_assert_cmpstr (cvg_run_info_get_name (item (list, 0)), ==, "base");
  g_assert_cmpstr (cvg_run_info_get_name (item (list, 2)), ==, "train");
  assert_palette_colors (list);
  train_color = g_strdup (cvg_run_info_get_color (item (list, 2)));

  /* A later batch: one signal over the stretch from the first new run. */
  cvg_run_list_add (list, (CvgRun * const *) runs2->pdata, runs2->len, FALSE);
  g_assert_cmpuint (changes.n_signals, ==, 2);
  g_assert_cmpuint (changes.position, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 2);
  g_assert_cmpuint (changes.added, ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);
  for (guint i = 0; i < G_N_ELEMENTS (sorted); i++)
    g_assert_cmpstr (cvg_run_info_get_name (item (list, i)), ==, sorted[i]);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 5));
  /* Shown runs keep their colour. */
  g_assert_cmpstr (cvg_run_info_get_color (item (list, 3)), ==, train_color);

  /* Nothing to add: no signal. */
  cvg_run_list_add (list, NULL, 0, TRUE);
  g_assert_cmpuint (changes.n_signals, ==, 2);

  cvg_run_list_remove_all (list);
  g_assert_cmpuint (changes.n_signals, ==, 3);
  g_assert_cmpuint (changes.removed, ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
}

/* Recoloured batches end with the colours of the whole set, whatever the
 * order the runs arrived in. */
static void
test_recolor_order_independent (void)
{
  static const char * const names[] = {
    "run_1", "run_2", "run_10", "eval", "train", "lr=0.1/seed0", "lr=0.1/seed1",
    "baseline", "a", "b", "c", "d", "e", "f", NULL,
  };
  g_autoptr(GPtrArray) runs = make_runs (names);

  for (guint batch = 1; batch <= runs->len; batch += 3)
    {
      g_autoptr(CvgRunList) list = cvg_run_list_new ();

      for (guint i = runs->len; i > 0; i -= MIN (batch, i))
        {
          guint n = MIN (batch, i);

          cvg_run_list_add (list, (CvgRun * const *) runs->pdata + i - n, n, TRUE);
        }
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, runs->len);
      assert_palette_colors (list);
    }
}

static CvgRun *
read_run (const char *dir,
          const char *name,
          gboolean    with_histogram)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *file = g_build_filename (path, "events.out.tfevents.1.test", NULL);
  g_autoptr(GError) error = NULL;
  static const double samples[] = { 1, 2, 3 };
  CvgEventWriter *writer;
  CvgRun *run;

  g_assert_cmpint (g_mkdir_with_parents (path, 0755), ==, 0);
  writer = cvg_event_writer_new (file, &error);
  g_assert_no_error (error);
  g_assert_true (cvg_event_writer_write_file_version (writer, 1.0, "brain.Event:2", &error));
  g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 1.0, 0, "loss", 1.0f, &error));
  g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 1.0, 0, name, 1.0f, &error));
  if (with_histogram)
    g_assert_true (cvg_event_writer_write_histogram (writer, CVG_WRITER_STYLE_TF1, 1.0, 0, "weights",
                                                     samples, G_N_ELEMENTS (samples), 0, &error));
  g_assert_true (cvg_event_writer_flush (writer, &error));
  g_assert_no_error (error);
  cvg_event_writer_free (writer);

  run = cvg_run_new (name, path);
  cvg_run_add_file (run, file);
  g_assert_true (cvg_run_read (run));
  g_assert_cmpuint (cvg_run_get_problems (run)->len, ==, 0);
  g_unlink (file);
  g_rmdir (path);
  return run;
}

static void
test_count_tags (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cvg-run-list-XXXXXX", NULL);
  g_autoptr(CvgRunList) list = cvg_run_list_new ();
  CvgRun *runs[2];
  static const CvgKind scalar[] = { CVG_KIND_SCALAR };
  static const CvgKind histogram[] = { CVG_KIND_HISTOGRAM };
  static const CvgKind both[] = { CVG_KIND_HISTOGRAM, CVG_KIND_SCALAR };

  g_assert_nonnull (dir);
  runs[0] = read_run (dir, "a", TRUE);
  runs[1] = read_run (dir, "b", FALSE);
  g_rmdir (dir);

  g_assert_cmpuint (cvg_run_list_count_tags (list, scalar, 1), ==, 0);
  cvg_run_list_add (list, runs, 2, TRUE);
  /* "loss" in both runs counts once, plus "a" and "b". */
  g_assert_cmpuint (cvg_run_list_count_tags (list, scalar, 1), ==, 3);
  g_assert_cmpuint (cvg_run_list_count_tags (list, histogram, 1), ==, 1);
  g_assert_cmpuint (cvg_run_list_count_tags (list, both, 2), ==, 4);
  g_assert_cmpuint (cvg_run_info_get_n_tags (item (list, 0)), ==, 3);
  /* Series, not tags: "loss" counts in each run. */
  g_assert_cmpuint (cvg_run_info_count_series (G_LIST_MODEL (list), CVG_KIND_SCALAR), ==, 4);
  g_assert_cmpuint (cvg_run_info_count_series (G_LIST_MODEL (list), CVG_KIND_HISTOGRAM), ==, 1);
  g_assert_cmpuint (cvg_run_info_count_series (G_LIST_MODEL (list), CVG_KIND_IMAGE), ==, 0);
  cvg_run_unref (runs[0]);
  cvg_run_unref (runs[1]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/run-list/batches", test_batches);
  g_test_add_func ("/model/run-list/recolor-order-independent", test_recolor_order_independent);
  g_test_add_func ("/model/run-list/count-tags", test_count_tags);

  return g_test_run ();
}
