/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Custom scalars layouts: parsing, merging runs' layouts as TensorBoard
 * does, the prefix match of chart regexes, margin step mismatches, and
 * hostile layouts. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cvg-custom-layout.h"
#include "cvg-custom-layout-user.h"
#include "cvg-io-error.h"
#include "cvg-layout-decode.h"
#include "cvg-logdir.h"
#include "cvg-run.h"
#include "cvg-series.h"
#include "cvg-test-files.h"
#include "test-pr-curve-events.h"

static CvgLayoutChart *
multiline (const char *title,
           const char *tag1,
           const char *tag2)
{
  CvgLayoutChart *chart = cvg_layout_chart_new (title, CVG_LAYOUT_CHART_MULTILINE);

  g_ptr_array_add (chart->tags, g_strdup (tag1));
  if (tag2 != NULL)
    g_ptr_array_add (chart->tags, g_strdup (tag2));
  return chart;
}

static CvgLayoutChart *
margin (const char *title,
        const char *value,
        const char *lower,
        const char *upper)
{
  CvgLayoutChart *chart = cvg_layout_chart_new (title, CVG_LAYOUT_CHART_MARGIN);

  g_ptr_array_add (chart->margins, cvg_layout_margin_new (value, lower, upper));
  return chart;
}

static CvgLayoutCategory *
category (CvgLayout  *layout,
          const char *title,
          gboolean    closed)
{
  CvgLayoutCategory *c = cvg_layout_category_new (title, closed);

  g_ptr_array_add (layout->categories, c);
  return c;
}

static CvgLayoutChart *
chart_at (const CvgLayout *layout,
          guint            c,
          guint            k)
{
  CvgLayoutCategory *cat = g_ptr_array_index (layout->categories, c);

  return g_ptr_array_index (cat->charts, k);
}

/* What PyTorch's add_custom_scalars writes reads back field for field. */
static void
test_parse (void)
{
  g_autoptr(CvgLayout) layout = cvg_layout_new ();
  g_autoptr(CvgLayout) back = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  CvgLayoutCategory *c;
  CvgLayoutMargin *m;

  c = category (layout, "Losses", FALSE);
  g_ptr_array_add (c->charts, multiline ("both", "loss/train", "loss/val"));
  c = category (layout, "Confidence", TRUE);
  g_ptr_array_add (c->charts, margin ("acc", "acc/mean", "acc/low", "acc/high"));
  bytes = cvg_layout_serialize (layout);
  back = cvg_layout_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  g_assert_false (back->truncated);
  g_assert_cmpuint (back->categories->len, ==, 2);
  c = g_ptr_array_index (back->categories, 0);
  g_assert_cmpstr (c->title, ==, "Losses");
  g_assert_false (c->closed);
  g_assert_cmpint (chart_at (back, 0, 0)->kind, ==, CVG_LAYOUT_CHART_MULTILINE);
  g_assert_cmpstr (chart_at (back, 0, 0)->title, ==, "both");
  g_assert_cmpuint (chart_at (back, 0, 0)->tags->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (chart_at (back, 0, 0)->tags, 1), ==, "loss/val");
  c = g_ptr_array_index (back->categories, 1);
  g_assert_true (c->closed);
  g_assert_cmpint (chart_at (back, 1, 0)->kind, ==, CVG_LAYOUT_CHART_MARGIN);
  m = g_ptr_array_index (chart_at (back, 1, 0)->margins, 0);
  g_assert_cmpstr (m->value, ==, "acc/mean");
  g_assert_cmpstr (m->lower, ==, "acc/low");
  g_assert_cmpstr (m->upper, ==, "acc/high");
  g_assert_true (cvg_layout_chart_equal (chart_at (back, 1, 0), chart_at (layout, 1, 0)));
  g_assert_false (cvg_layout_chart_equal (chart_at (back, 0, 0), chart_at (layout, 1, 0)));
}

static void
write_run (const char      *dir,
           const char      *run,
           const CvgLayout *layout,
           gboolean         margin_mismatch)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *run_dir = g_build_filename (dir, run, NULL);
  g_autofree char *path = g_build_filename (run_dir, "events.out.tfevents.1.host", NULL);
  g_autoptr(CvgEventWriter) writer = NULL;
  g_autoptr(GBytes) bytes = cvg_layout_serialize (layout);

  g_assert_cmpint (g_mkdir_with_parents (run_dir, 0700), ==, 0);
  writer = cvg_event_writer_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (cvg_event_writer_write_file_version (writer, 1.0, "brain.Event:2", &error));
  g_assert_true (cvg_test_write_layout (writer, 1.0, bytes, &error));
  for (gint64 step = 0; step < 3; step++)
    {
      g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 2.0 + step, step, "acc/mean", 0.5, &error));
      g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 2.0 + step, step, "acc/low", 0.4, &error));
      if (!margin_mismatch || step != 1)
        g_assert_true (cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF1, 2.0 + step, step, "acc/high", 0.6, &error));
    }
  g_assert_true (cvg_event_writer_flush (writer, &error));
  g_assert_no_error (error);
}

/* Two runs' layouts: the first in sorted order is the base, the
 * category of the same title takes the other's new charts only. */
static void
test_merge_runs (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cvg-custom-XXXXXX", &error);
  g_autoptr(CvgLayout) a = cvg_layout_new ();
  g_autoptr(CvgLayout) b = cvg_layout_new ();
  g_autoptr(CvgLogdir) logdir = NULL;
  g_autoptr(CvgCustomLayout) custom = NULL;
  const CvgLayout *merged;
  CvgLayoutCategory *c;

  g_ptr_array_add (category (a, "Loss", FALSE)->charts, multiline ("l1", "loss", NULL));
  g_ptr_array_add (category (a, "Acc", TRUE)->charts, margin ("m", "acc/mean", "acc/low", "acc/high"));
  c = category (b, "Extra", FALSE);
  g_ptr_array_add (c->charts, multiline ("x", "x", NULL));
  c = category (b, "Loss", TRUE);
  g_ptr_array_add (c->charts, multiline ("l1", "loss", NULL));
  g_ptr_array_add (c->charts, multiline ("l2", "loss", "val_loss"));
  /* Written b first: the order read must not matter, the names do. */
  write_run (dir, "b", b, FALSE);
  write_run (dir, "a", a, FALSE);
  logdir = cvg_logdir_new (dir);
  g_assert_true (cvg_logdir_load (logdir, &error));
  g_assert_no_error (error);
  custom = cvg_custom_layout_new_from_runs (cvg_logdir_get_runs (logdir));
  g_assert_cmpuint (cvg_custom_layout_get_notices (custom)->len, ==, 0);
  merged = cvg_custom_layout_get_layout (custom);
  g_assert_cmpuint (merged->categories->len, ==, 3);
  c = g_ptr_array_index (merged->categories, 0);
  g_assert_cmpstr (c->title, ==, "Loss");
  g_assert_false (c->closed);  /* the base's flag */
  g_assert_cmpuint (c->charts->len, ==, 2);
  g_assert_cmpstr (chart_at (merged, 0, 0)->title, ==, "l1");
  g_assert_cmpstr (chart_at (merged, 0, 1)->title, ==, "l2");
  c = g_ptr_array_index (merged->categories, 1);
  g_assert_cmpstr (c->title, ==, "Acc");
  g_assert_true (c->closed);
  c = g_ptr_array_index (merged->categories, 2);
  g_assert_cmpstr (c->title, ==, "Extra");
  cvg_test_remove_tree (dir);
}

/* Python's re.match: anchored at the start only; several regexes are
 * alternatives. */
static void
test_prefix_match (void)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autoptr(GPtrArray) two = g_ptr_array_new ();
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  g_autoptr(GPtrArray) bad = g_ptr_array_new ();
  g_autoptr(GRegex) r1 = NULL;
  g_autoptr(GRegex) r2 = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (one, "loss");
  r1 = cvg_layout_compile_tags (one, &error);
  g_assert_no_error (error);
  g_assert_true (cvg_layout_tag_matches (r1, "loss"));
  g_assert_true (cvg_layout_tag_matches (r1, "loss_ema"));
  g_assert_true (cvg_layout_tag_matches (r1, "loss/val"));
  g_assert_false (cvg_layout_tag_matches (r1, "val/loss"));
  g_assert_false (cvg_layout_tag_matches (r1, "los"));

  g_ptr_array_add (two, "a");
  g_ptr_array_add (two, "b$");
  r2 = cvg_layout_compile_tags (two, &error);
  g_assert_no_error (error);
  g_assert_true (cvg_layout_tag_matches (r2, "abc"));
  g_assert_true (cvg_layout_tag_matches (r2, "b"));
  g_assert_false (cvg_layout_tag_matches (r2, "bc"));
  g_assert_false (cvg_layout_tag_matches (r2, "cab"));

  g_assert_null (cvg_layout_compile_tags (empty, &error));
  g_assert_error (error, G_REGEX_ERROR, G_REGEX_ERROR_COMPILE);
  g_clear_error (&error);
  g_ptr_array_add (bad, "(unclosed");
  g_assert_null (cvg_layout_compile_tags (bad, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_ptr_array_add (one, "");
  g_assert_null (cvg_layout_compile_tags (one, &error));
  g_assert_nonnull (error);
}

/* A step missing from the upper bound: a notice listing the three step
 * lists; equal steps: none. */
static void
test_margin_steps (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cvg-margin-XXXXXX", &error);
  g_autoptr(CvgLayout) layout = cvg_layout_new ();
  g_autoptr(CvgLogdir) logdir = NULL;
  g_autofree char *notice = NULL;
  CvgRun *good, *bad;

  write_run (dir, "good", layout, FALSE);
  write_run (dir, "bad", layout, TRUE);
  logdir = cvg_logdir_new (dir);
  g_assert_true (cvg_logdir_load (logdir, &error));
  good = cvg_logdir_lookup_run (logdir, "good");
  bad = cvg_logdir_lookup_run (logdir, "bad");
  g_assert_null (cvg_layout_check_margin_steps (cvg_run_lookup_series (good, CVG_KIND_SCALAR, "acc/mean"),
                                                cvg_run_lookup_series (good, CVG_KIND_SCALAR, "acc/low"),
                                                cvg_run_lookup_series (good, CVG_KIND_SCALAR, "acc/high")));
  notice = cvg_layout_check_margin_steps (cvg_run_lookup_series (bad, CVG_KIND_SCALAR, "acc/mean"),
                                          cvg_run_lookup_series (bad, CVG_KIND_SCALAR, "acc/low"),
                                          cvg_run_lookup_series (bad, CVG_KIND_SCALAR, "acc/high"));
  g_assert_nonnull (notice);
  g_assert_true (g_str_has_prefix (notice, "The steps for value, lower, and upper tags do not match"));
  g_assert_nonnull (strstr (notice, "\nacc/mean: 0, 1, 2"));
  g_assert_nonnull (strstr (notice, "\nacc/high: 0, 2"));
  cvg_test_remove_tree (dir);
}

/* Hostile layouts: too many parts are cut to the bounds and said so;
 * garbage and truncation are errors, deep nesting is skipped; bad UTF-8 is made
 * valid; a layout tag that is not a string is a notice. */
static void
test_hostile (void)
{
  g_autoptr(CvgLayout) big = cvg_layout_new ();
  g_autoptr(CvgLayout) back = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) deep = g_byte_array_new ();
  static const guint8 garbage[] = { 0x12, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01 };
  CvgLayoutCategory *c;

  for (guint i = 0; i < CVG_LAYOUT_MAX_CATEGORIES + 10; i++)
    category (big, "c", FALSE);
  c = g_ptr_array_index (big->categories, 0);
  for (guint i = 0; i < CVG_LAYOUT_MAX_CHARTS + 1; i++)
    g_ptr_array_add (c->charts, multiline ("t", "x", NULL));
  for (guint i = 0; i < CVG_LAYOUT_MAX_TAGS + 5; i++)
    g_ptr_array_add (chart_at (big, 0, 0)->tags, g_strdup ("y"));
  bytes = cvg_layout_serialize (big);
  back = cvg_layout_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  g_assert_true (back->truncated);
  g_assert_cmpuint (back->categories->len, ==, CVG_LAYOUT_MAX_CATEGORIES);
  g_assert_cmpuint (((CvgLayoutCategory *) g_ptr_array_index (back->categories, 0))->charts->len, ==, CVG_LAYOUT_MAX_CHARTS);
  g_assert_cmpuint (chart_at (back, 0, 0)->tags->len, ==, CVG_LAYOUT_MAX_TAGS);

  g_assert_null (cvg_layout_parse (garbage, sizeof garbage, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (cvg_layout_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes) / 2, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* 5,000 messages each the field 2 of the one around it. */
  for (guint i = 0; i < 5000; i++)
    {
      g_autoptr(GByteArray) outer = g_byte_array_new ();
      guint8 head[6];
      guint n = 0, len = deep->len;

      head[n++] = 0x12;
      do
        {
          head[n++] = (len & 0x7f) | (len > 0x7f ? 0x80 : 0);
          len >>= 7;
        }
      while (len > 0);
      g_byte_array_append (outer, head, n);
      g_byte_array_append (outer, deep->data, deep->len);
      g_byte_array_set_size (deep, 0);
      g_byte_array_append (deep, outer->data, outer->len);
    }
  /* Past the schema's four levels the field is unknown and skipped
   * whole, without descending. */
  {
    g_autoptr(CvgLayout) nested = cvg_layout_parse (deep->data, deep->len, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (nested->categories->len, ==, 1);
    g_assert_cmpint (chart_at (nested, 0, 0)->kind, ==, CVG_LAYOUT_CHART_MULTILINE);
    g_assert_cmpuint (chart_at (nested, 0, 0)->tags->len, ==, 0);
  }

  {
    g_autoptr(CvgLayout) odd = cvg_layout_new ();
    g_autoptr(CvgLayout) odd_back = NULL;
    g_autoptr(GBytes) odd_bytes = NULL;

    category (odd, "ok", FALSE);
    g_free (((CvgLayoutCategory *) g_ptr_array_index (odd->categories, 0))->title);
    ((CvgLayoutCategory *) g_ptr_array_index (odd->categories, 0))->title = g_strdup ("bad \xff\xfe title");
    odd_bytes = cvg_layout_serialize (odd);
    odd_back = cvg_layout_parse (g_bytes_get_data (odd_bytes, NULL), g_bytes_get_size (odd_bytes), &error);
    g_assert_no_error (error);
    g_assert_true (g_utf8_validate (((CvgLayoutCategory *) g_ptr_array_index (odd_back->categories, 0))->title, -1, NULL));
  }
}

/* A config tag holding garbage or a number: a notice per run, the other
 * runs' layouts still merged. */
static void
test_unreadable_run (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cvg-custom-bad-XXXXXX", &error);
  g_autofree char *run_dir = g_build_filename (dir, "broken", NULL);
  g_autofree char *path = g_build_filename (run_dir, "events.out.tfevents.1.host", NULL);
  g_autoptr(CvgEventWriter) writer = NULL;
  g_autoptr(GBytes) garbage = g_bytes_new_static ("\x12\xff\xff\xff\x0f", 5);
  g_autoptr(CvgLayout) good = cvg_layout_new ();
  g_autoptr(CvgLogdir) logdir = NULL;
  g_autoptr(CvgCustomLayout) custom = NULL;
  GPtrArray *notices;

  g_ptr_array_add (category (good, "Loss", FALSE)->charts, multiline ("l", "loss", NULL));
  write_run (dir, "fine", good, FALSE);
  g_assert_cmpint (g_mkdir_with_parents (run_dir, 0700), ==, 0);
  writer = cvg_event_writer_new (path, &error);
  g_assert_true (cvg_test_write_layout (writer, 1.0, garbage, &error));
  g_assert_true (cvg_event_writer_flush (writer, &error));
  g_assert_no_error (error);
  logdir = cvg_logdir_new (dir);
  g_assert_true (cvg_logdir_load (logdir, &error));
  custom = cvg_custom_layout_new_from_runs (cvg_logdir_get_runs (logdir));
  notices = cvg_custom_layout_get_notices (custom);
  g_assert_cmpuint (notices->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (notices, 0), "“broken”"));
  g_assert_cmpuint (cvg_custom_layout_get_layout (custom)->categories->len, ==, 1);
  cvg_test_remove_tree (dir);
}

/* A user's charts: saved as JSON and read back, outside the logs
 * folder; odd files are refused or cut to the bounds. */
static void
test_user_charts (void)
{
  g_autoptr(CvgLayoutCategory) charts = cvg_user_charts_new ();
  g_autoptr(CvgLayoutCategory) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *path = cvg_user_charts_path ("/data/logs");
  g_autofree char *other = cvg_user_charts_path ("/data/logs2");
  g_autoptr(GString) many = g_string_new ("{\"charts\": [");
  g_autoptr(CvgRun) run = cvg_run_new ("a/b", "/data/logs/a/b");
  g_autoptr(CvgRun) root = cvg_run_new (".", "/data/logs");
  g_autofree char *dir_of_run = cvg_user_charts_logdir_of (run);
  g_autofree char *dir_of_root = cvg_user_charts_logdir_of (root);

  cvg_user_charts_add (charts, "", "loss");
  cvg_user_charts_add (charts, "Accuracy", "acc/.*");
  json = cvg_user_charts_serialize (charts);
  back = cvg_user_charts_parse (json, strlen (json), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->charts->len, ==, 2);
  g_assert_cmpstr (((CvgLayoutChart *) g_ptr_array_index (back->charts, 0))->title, ==, "loss");
  g_assert_cmpstr (((CvgLayoutChart *) g_ptr_array_index (back->charts, 1))->title, ==, "Accuracy");
  g_assert_cmpstr (g_ptr_array_index (((CvgLayoutChart *) g_ptr_array_index (back->charts, 1))->tags, 0), ==, "acc/.*");
  cvg_user_charts_remove (back, 0);
  g_assert_cmpuint (back->charts->len, ==, 1);

  g_assert_true (g_str_has_prefix (path, g_get_user_data_dir ()));
  g_assert_false (g_str_has_prefix (path, "/data/logs"));
  g_assert_cmpstr (path, !=, other);
  g_assert_cmpstr (dir_of_run, ==, "/data/logs");
  g_assert_cmpstr (dir_of_root, ==, "/data/logs");

  g_assert_null (cvg_user_charts_parse ("[1, 2]", 6, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (cvg_user_charts_parse ("{\"charts\": ", 11, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  for (guint i = 0; i < CVG_LAYOUT_MAX_CHARTS + 20; i++)
    g_string_append_printf (many, "%s{\"title\": 5, \"tags\": [\"x\", 7]}", i > 0 ? ", " : "");
  g_string_append (many, ", 3, {\"tags\": {}}]}");
  g_clear_pointer (&back, cvg_user_charts_free);
  back = cvg_user_charts_parse (many->str, many->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->charts->len, ==, CVG_LAYOUT_MAX_CHARTS);
  g_assert_cmpstr (((CvgLayoutChart *) g_ptr_array_index (back->charts, 0))->title, ==, "");
  g_assert_cmpuint (((CvgLayoutChart *) g_ptr_array_index (back->charts, 0))->tags->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/custom-scalars/parse", test_parse);
  g_test_add_func ("/custom-scalars/merge-runs", test_merge_runs);
  g_test_add_func ("/custom-scalars/prefix-match", test_prefix_match);
  g_test_add_func ("/custom-scalars/margin-steps", test_margin_steps);
  g_test_add_func ("/custom-scalars/hostile", test_hostile);
  g_test_add_func ("/custom-scalars/unreadable-run", test_unreadable_run);
  g_test_add_func ("/custom-scalars/user-charts", test_user_charts);
  return g_test_run ();
}
