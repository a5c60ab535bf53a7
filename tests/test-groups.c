/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Groups of runs: their names, the members' alignment, and the centre
 * and band at each x, against values worked out by hand. */

#include "config.h"

#include <math.h>

#include "cvg-aggregate.h"
#include "cvg-run-groups.h"

#define EPS 1e-12

static void
aggregate (const double *values,
           guint         n,
           CvgAggregate  how,
           CvgBand       band,
           double       *centre,
           double       *lower,
           double       *upper,
           guint        *count)
{
  double scratch[16];

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (scratch));
  cvg_aggregate_values (values, n, how, band, scratch, centre, lower, upper, count);
}

/* 1, 2, 3, 4: mean and median 2.5; min 1, max 4; sample variance
 * (2.25 + 0.25 + 0.25 + 2.25) / 3 = 5/3; the CI is t(3) = 3.182 times
 * √(5/3) / √4 either side of the mean. */
static void
test_statistics (void)
{
  static const double four[] = { 4, 1, 3, 2 };
  static const double three[] = { 3, 1, 2 };
  double centre, lower, upper, std = sqrt (5.0 / 3);
  guint count;

  aggregate (four, 4, CVG_AGGREGATE_MEAN, CVG_BAND_MIN_MAX, &centre, &lower, &upper, &count);
  g_assert_cmpuint (count, ==, 4);
  g_assert_cmpfloat_with_epsilon (centre, 2.5, EPS);
  g_assert_cmpfloat (lower, ==, 1);
  g_assert_cmpfloat (upper, ==, 4);

  aggregate (four, 4, CVG_AGGREGATE_MEDIAN, CVG_BAND_STD, &centre, &lower, &upper, &count);
  g_assert_cmpfloat_with_epsilon (centre, 2.5, EPS);
  g_assert_cmpfloat_with_epsilon (lower, 2.5 - std, EPS);
  g_assert_cmpfloat_with_epsilon (upper, 2.5 + std, EPS);

  aggregate (four, 4, CVG_AGGREGATE_MEAN, CVG_BAND_CI95, &centre, &lower, &upper, &count);
  g_assert_cmpfloat_with_epsilon (lower, 2.5 - 3.182 * std / 2, EPS);
  g_assert_cmpfloat_with_epsilon (upper, 2.5 + 3.182 * std / 2, EPS);
  g_assert_cmpfloat_with_epsilon (lower, 0.44602783196, 1e-9);

  /* An odd count's median is its middle value, not the mean. */
  aggregate (three, 3, CVG_AGGREGATE_MEDIAN, CVG_BAND_MIN_MAX, &centre, &lower, &upper, &count);
  g_assert_cmpfloat (centre, ==, 2);
  aggregate ((const double[]) { 1, 2, 9 }, 3, CVG_AGGREGATE_MEDIAN, CVG_BAND_MIN_MAX,
             &centre, &lower, &upper, &count);
  g_assert_cmpfloat (centre, ==, 2);
  g_assert_cmpfloat (upper, ==, 9);
}

/* NaN members are skipped and not counted: 1, NaN, 3 is two members,
 * mean 2, std √2; all NaN is no value at all. */
static void
test_nan_members (void)
{
  double centre, lower, upper;
  guint count;

  aggregate ((const double[]) { 1, NAN, 3 }, 3, CVG_AGGREGATE_MEAN, CVG_BAND_STD,
             &centre, &lower, &upper, &count);
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpfloat_with_epsilon (centre, 2, EPS);
  g_assert_cmpfloat_with_epsilon (upper, 2 + sqrt (2), EPS);

  aggregate ((const double[]) { NAN, INFINITY }, 2, CVG_AGGREGATE_MEDIAN, CVG_BAND_MIN_MAX,
             &centre, &lower, &upper, &count);
  g_assert_cmpuint (count, ==, 0);
  g_assert_true (isnan (centre) && isnan (lower) && isnan (upper));
}

/* A group of one is its own centre and band, whatever the band. */
static void
test_group_of_one (void)
{
  static const double xs[] = { 0, 1, 2 };
  static const double ys[] = { 5, 6, 7 };
  CvgMember member = { xs, ys, 3 };

  for (CvgBand band = CVG_BAND_MIN_MAX; band <= CVG_BAND_CI95; band++)
    {
      g_autoptr(CvgGroupSeries) series = cvg_aggregate_members (&member, 1, CVG_AGGREGATE_MEAN, band);

      g_assert_nonnull (series);
      g_assert_cmpuint (series->n, ==, 3);
      for (gsize i = 0; i < 3; i++)
        {
          g_assert_cmpfloat (series->xs[i], ==, xs[i]);
          g_assert_cmpfloat (series->centre[i], ==, ys[i]);
          g_assert_cmpfloat (series->lower[i], ==, ys[i]);
          g_assert_cmpfloat (series->upper[i], ==, ys[i]);
          g_assert_cmpuint (series->counts[i], ==, 1);
        }
    }
}

/* A at 0, 10, 20, 30 (y = x) and B at 5, 15, 25, 35 (y = 10x - 50):
 * the union within [5, 30], each member interpolated where it has no
 * point; 0 and 35 are outside the range both cover and are left out. */
static void
test_alignment (void)
{
  static const double ax[] = { 0, 10, 20, 30 };
  static const double ay[] = { 0, 10, 20, 30 };
  static const double bx[] = { 5, 15, 25, 35 };
  static const double by[] = { 0, 100, 200, 300 };
  static const double want_x[] = { 5, 10, 15, 20, 25, 30 };
  /* (A + B) / 2: (5 + 0), (10 + 50), (15 + 100), (20 + 150), (25 + 200), (30 + 250). */
  static const double want_mean[] = { 2.5, 30, 57.5, 85, 112.5, 140 };
  static const double want_min[] = { 0, 10, 15, 20, 25, 30 };
  static const double want_max[] = { 5, 50, 100, 150, 200, 250 };
  CvgMember members[] = { { ax, ay, 4 }, { NULL, NULL, 0 }, { bx, by, 4 } };
  g_autoptr(CvgGroupSeries) series = cvg_aggregate_members (members, 3, CVG_AGGREGATE_MEAN, CVG_BAND_MIN_MAX);

  g_assert_nonnull (series);
  g_assert_cmpuint (series->n, ==, G_N_ELEMENTS (want_x));
  for (gsize i = 0; i < series->n; i++)
    {
      g_assert_cmpfloat (series->xs[i], ==, want_x[i]);
      g_assert_cmpfloat_with_epsilon (series->centre[i], want_mean[i], EPS);
      g_assert_cmpfloat_with_epsilon (series->lower[i], want_min[i], EPS);
      g_assert_cmpfloat_with_epsilon (series->upper[i], want_max[i], EPS);
      /* The empty member takes no part. */
      g_assert_cmpuint (series->counts[i], ==, 2);
    }
}

/* A NaN point makes its member skip the xs that need it: at 10 itself,
 * and at 5 and 15, interpolated from it. */
static void
test_alignment_nan (void)
{
  static const double ax[] = { 0, 10, 20, 30 };
  static const double ay[] = { 0, NAN, 20, 30 };
  static const double bx[] = { 5, 15, 25, 35 };
  static const double by[] = { 0, 100, 200, 300 };
  static const guint want_counts[] = { 1, 1, 1, 2, 2, 2 };
  static const double want_mean[] = { 0, 50, 100, 85, 112.5, 140 };
  CvgMember members[] = { { ax, ay, 4 }, { bx, by, 4 } };
  g_autoptr(CvgGroupSeries) series = cvg_aggregate_members (members, 2, CVG_AGGREGATE_MEAN, CVG_BAND_STD);

  g_assert_nonnull (series);
  g_assert_cmpuint (series->n, ==, 6);
  for (gsize i = 0; i < series->n; i++)
    {
      g_assert_cmpuint (series->counts[i], ==, want_counts[i]);
      g_assert_cmpfloat_with_epsilon (series->centre[i], want_mean[i], EPS);
    }
}

/* Members that never overlap make no group line. */
static void
test_no_overlap (void)
{
  static const double ax[] = { 0, 1 };
  static const double bx[] = { 2, 3 };
  static const double ys[] = { 1, 2 };
  CvgMember members[] = { { ax, ys, 2 }, { bx, ys, 2 } };

  g_assert_null (cvg_aggregate_members (members, 2, CVG_AGGREGATE_MEAN, CVG_BAND_MIN_MAX));
  g_assert_null (cvg_aggregate_members (members, 0, CVG_AGGREGATE_MEAN, CVG_BAND_MIN_MAX));
}

static void
assert_group_name (CvgGroupBy  by,
                   guint       depth,
                   const char *pattern,
                   const char *name,
                   const char *want)
{
  g_autoptr(GRegex) regex = pattern != NULL ? g_regex_new (pattern, 0, 0, NULL) : NULL;
  g_autofree char *got = cvg_run_group_name (by, depth, regex, name);

  g_assert_cmpstr (got, ==, want);
}

static void
test_names (void)
{
  assert_group_name (CVG_GROUP_BY_FOLDER, 1, NULL, "runs/lr_0.1/seed2", "runs");
  assert_group_name (CVG_GROUP_BY_FOLDER, 2, NULL, "runs/lr_0.1/seed2", "runs/lr_0.1");
  assert_group_name (CVG_GROUP_BY_FOLDER, 5, NULL, "runs/lr_0.1/seed2", "runs/lr_0.1");
  assert_group_name (CVG_GROUP_BY_FOLDER, 1, NULL, "eval", ".");
  assert_group_name (CVG_GROUP_BY_REGEX, 0, "(.*)_seed\\d+", "runs/lr_0.1_seed2", "runs/lr_0.1");
  assert_group_name (CVG_GROUP_BY_REGEX, 0, "lr_([0-9.]+)_seed(\\d)", "lr_0.1_seed2", "0.1/2");
  assert_group_name (CVG_GROUP_BY_REGEX, 0, "lr_[0-9.]+", "x/lr_0.01_seed2", "lr_0.01");
  assert_group_name (CVG_GROUP_BY_REGEX, 0, "(.*)_seed\\d+", "baseline", "baseline");
  assert_group_name (CVG_GROUP_BY_NONE, 0, NULL, "a/b", "a/b");
}

static void
test_assign (void)
{
  static const char * const names[] = {
    "lr_0.1_seed0", "lr_0.01_seed0", "lr_0.1_seed1", "baseline", "lr_0.01_seed1", "lr_0.1_seed2",
  };
  g_autoptr(GRegex) regex = g_regex_new ("(.*)_seed\\d+", 0, 0, NULL);
  g_autoptr(GPtrArray) groups = cvg_run_groups_assign (names, G_N_ELEMENTS (names), CVG_GROUP_BY_REGEX, 0, regex);
  CvgRunGroup *group;

  g_assert_cmpuint (groups->len, ==, 3);
  group = g_ptr_array_index (groups, 0);
  g_assert_cmpstr (group->name, ==, "lr_0.1");
  g_assert_cmpuint (group->members->len, ==, 3);
  g_assert_cmpuint (g_array_index (group->members, guint, 2), ==, 5);
  group = g_ptr_array_index (groups, 1);
  g_assert_cmpstr (group->name, ==, "lr_0.01");
  g_assert_cmpuint (group->members->len, ==, 2);
  group = g_ptr_array_index (groups, 2);
  g_assert_cmpstr (group->name, ==, "baseline");
  g_assert_cmpuint (group->members->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/groups/statistics", test_statistics);
  g_test_add_func ("/model/groups/nan-members", test_nan_members);
  g_test_add_func ("/model/groups/group-of-one", test_group_of_one);
  g_test_add_func ("/model/groups/alignment", test_alignment);
  g_test_add_func ("/model/groups/alignment-nan", test_alignment_nan);
  g_test_add_func ("/model/groups/no-overlap", test_no_overlap);
  g_test_add_func ("/model/groups/names", test_names);
  g_test_add_func ("/model/groups/assign", test_assign);
  return g_test_run ();
}
