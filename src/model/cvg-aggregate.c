/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-aggregate"

#include "config.h"

#include "cvg-aggregate.h"

#include <math.h>
#include <string.h>

#include "cvg-scalar-store.h"
#include "cvg-series.h"

/* Student's t at 97.5 % for 1 .. 30 degrees of freedom, then for 40, 60
 * and 120; beyond, the normal 1.96. */
static const double t_975[] = {
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
  2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
  2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
};

static double
student_t (guint df)
{
  if (df >= 1 && df <= G_N_ELEMENTS (t_975))
    return t_975[df - 1];
  if (df <= 40)
    return 2.021;
  if (df <= 60)
    return 2.000;
  return df <= 120 ? 1.980 : 1.960;
}

/* Few members: insertion sort beats qsort's calls. */
static void
sort_small (double *values,
            guint   n)
{
  for (guint i = 1; i < n; i++)
    {
      double v = values[i];
      guint j = i;

      for (; j > 0 && values[j - 1] > v; j--)
        values[j] = values[j - 1];
      values[j] = v;
    }
}

void
cvg_aggregate_values (const double *values,
                      guint         n,
                      CvgAggregate  aggregate,
                      CvgBand       band,
                      double       *scratch,
                      double       *centre,
                      double       *lower,
                      double       *upper,
                      guint        *count)
{
  double sum = 0, lo = INFINITY, hi = -INFINITY, mean, sq = 0, spread;
  guint k = 0;

  /* One pass for what every choice needs; a sort only for the median. */
  for (guint i = 0; i < n; i++)
    if (isfinite (values[i]))
      {
        scratch[k++] = values[i];
        sum += values[i];
        lo = MIN (lo, values[i]);
        hi = MAX (hi, values[i]);
      }
  *count = k;
  if (k == 0)
    {
      *centre = *lower = *upper = NAN;
      return;
    }
  mean = sum / k;
  if (aggregate == CVG_AGGREGATE_MEDIAN)
    {
      sort_small (scratch, k);
      *centre = k % 2 ? scratch[k / 2] : (scratch[k / 2 - 1] + scratch[k / 2]) / 2;
    }
  else
    *centre = mean;
  if (band == CVG_BAND_MIN_MAX)
    {
      *lower = lo;
      *upper = hi;
      return;
    }

  for (guint i = 0; i < k; i++)
    sq += (scratch[i] - mean) * (scratch[i] - mean);
  spread = k > 1 ? sqrt (sq / (k - 1)) : 0;
  if (band == CVG_BAND_CI95 && k > 1)
    spread = student_t (k - 1) * spread / sqrt (k);
  *lower = mean - spread;
  *upper = mean + spread;
}

/* A member's walk along the union of xs. */
typedef struct
{
  const CvgMember *member;
  gsize            next;   /* first point with x > the last x emitted */
} Cursor;

/* The member's value at @x, its points before @x already passed: exact,
 * or interpolated between the points around it. */
static double
value_at (const CvgMember *m,
          gsize            next,
          double           x)
{
  gsize i = next;
  double t;

  /* @next is past every point <= x: the one before is at or below x. */
  if (i > 0 && m->xs[i - 1] == x)
    return m->ys[i - 1];
  if (i == 0 || i >= m->n)
    return NAN;
  t = (x - m->xs[i - 1]) / (m->xs[i] - m->xs[i - 1]);
  return m->ys[i - 1] + (m->ys[i] - m->ys[i - 1]) * t;
}

static gsize
first_above (const CvgMember *m,
             double           x,
             gboolean         strict)
{
  gsize lo = 0, hi = m->n;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (strict ? m->xs[mid] <= x : m->xs[mid] < x)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Members logged at the same xs (the usual case) need no merge nor
 * interpolation: point j of each is at the same x. FALSE, @out
 * untouched, when their xs in range differ. */
static gboolean
aggregate_shared_xs (const Cursor *cursors,
                     guint         k,
                     double        hi,
                     CvgAggregate  aggregate,
                     CvgBand       band,
                     double       *values,
                     double       *scratch,
                     CvgGroupSeries *out)
{
  const CvgMember *first = cursors[0].member;
  gsize start = cursors[0].next;
  gsize len = first_above (first, hi, TRUE) - start;

  for (guint c = 0; c < k; c++)
    {
      const CvgMember *m = cursors[c].member;

      if (first_above (m, hi, TRUE) - cursors[c].next != len)
        return FALSE;
      if (m->xs + cursors[c].next != first->xs + start &&
          memcmp (m->xs + cursors[c].next, first->xs + start, len * sizeof (double)) != 0)
        return FALSE;
    }
  /* A repeated x would be one point of the union. */
  for (gsize j = 1; j < len; j++)
    if (first->xs[start + j] == first->xs[start + j - 1])
      return FALSE;

  for (gsize j = 0; j < len; j++)
    {
      for (guint c = 0; c < k; c++)
        values[c] = cursors[c].member->ys[cursors[c].next + j];
      out->xs[j] = first->xs[start + j];
      cvg_aggregate_values (values, k, aggregate, band, scratch,
                            &out->centre[j], &out->lower[j], &out->upper[j], &out->counts[j]);
    }
  out->n = len;
  return TRUE;
}

CvgGroupSeries *
cvg_aggregate_members (const CvgMember *members,
                       guint            n_members,
                       CvgAggregate     aggregate,
                       CvgBand          band)
{
  g_autofree Cursor *cursors = g_new (Cursor, MAX (n_members, 1));
  g_autofree double *values = g_new (double, MAX (n_members, 1));
  g_autofree double *scratch = g_new (double, MAX (n_members, 1));
  double lo = -INFINITY, hi = INFINITY;
  gsize capacity = 0;
  guint k = 0;
  CvgGroupSeries *out;

  for (guint i = 0; i < n_members; i++)
    {
      if (members[i].n == 0)
        continue;
      lo = MAX (lo, members[i].xs[0]);
      hi = MIN (hi, members[i].xs[members[i].n - 1]);
      cursors[k++] = (Cursor) { &members[i], 0 };
    }
  if (k == 0 || !(lo <= hi))
    return NULL;

  /* The union has at most the points of the longest member times k. */
  for (guint c = 0; c < k; c++)
    {
      const CvgMember *m = cursors[c].member;

      cursors[c].next = first_above (m, lo, FALSE);
      capacity += first_above (m, hi, TRUE) - cursors[c].next;
    }
  out = g_new0 (CvgGroupSeries, 1);
  out->xs = g_new (double, MAX (capacity, 1));
  out->centre = g_new (double, MAX (capacity, 1));
  out->lower = g_new (double, MAX (capacity, 1));
  out->upper = g_new (double, MAX (capacity, 1));
  out->counts = g_new (guint, MAX (capacity, 1));

  if (aggregate_shared_xs (cursors, k, hi, aggregate, band, values, scratch, out))
    return out;
  for (;;)
    {
      double x = INFINITY;
      gsize j = out->n;

      for (guint c = 0; c < k; c++)
        if (cursors[c].next < cursors[c].member->n)
          x = MIN (x, cursors[c].member->xs[cursors[c].next]);
      if (!(x <= hi))
        break;
      for (guint c = 0; c < k; c++)
        {
          const CvgMember *m = cursors[c].member;

          while (cursors[c].next < m->n && m->xs[cursors[c].next] <= x)
            cursors[c].next++;
          values[c] = value_at (m, cursors[c].next, x);
        }
      out->xs[j] = x;
      cvg_aggregate_values (values, k, aggregate, band, scratch,
                            &out->centre[j], &out->lower[j], &out->upper[j], &out->counts[j]);
      out->n++;
    }
  return out;
}

void
cvg_group_series_free (CvgGroupSeries *series)
{
  if (series == NULL)
    return;
  g_free (series->xs);
  g_free (series->centre);
  g_free (series->lower);
  g_free (series->upper);
  g_free (series->counts);
  g_free (series);
}

gsize
cvg_series_copy_purged (CvgSeries  *series,
                        gint64    **steps,
                        double    **wall_times,
                        double    **values)
{
  g_autoptr(GArray) kept = cvg_series_get_purged_indices (series);
  CvgScalarStore *store = cvg_series_get_scalars (series);
  const guint *indices;
  gsize n = kept->len;

  *steps = NULL;
  *wall_times = NULL;
  *values = NULL;
  if (n == 0)
    return 0;
  indices = &g_array_index (kept, guint, 0);
  *steps = g_new (gint64, n);
  *wall_times = g_new (double, n);
  *values = g_new (double, n);
  for (gsize i = 0; i < n;)
    {
      gsize len = 1;

      while (i + len < n && indices[i + len] == indices[i] + len)
        len++;
      cvg_scalar_store_copy (store, indices[i], len, *steps + i, *wall_times + i, *values + i);
      i += len;
    }
  return n;
}

void
cvg_member_load (CvgSeries   *series,
                 CvgXAxis     x_axis,
                 CvgSmoother  smoother,
                 double       smoothing,
                 CvgMember   *member)
{
  g_autofree gint64 *steps = NULL;
  g_autofree double *wall_times = NULL;
  g_autofree double *values = NULL;
  gsize n = cvg_series_copy_purged (series, &steps, &wall_times, &values);
  double *xs = g_new (double, MAX (n, 1));
  double *at_steps = g_new (double, MAX (n, 1));
  double *ys = g_new (double, MAX (n, 1));
  gsize k = 0;

  for (gsize i = 0; i < n; i++)
    {
      double x = x_axis == CVG_X_AXIS_STEP ? (double) steps[i]
               : x_axis == CVG_X_AXIS_RELATIVE ? wall_times[i] - wall_times[0]
               : wall_times[i];

      /* One pass in x order: where x goes back, a restart's leftovers. */
      if (!isfinite (x) || (k > 0 && x < xs[k - 1]))
        continue;
      xs[k] = x;
      at_steps[k] = (double) steps[i];
      values[k] = values[i];
      k++;
    }
  cvg_smoother_apply (smoother, smoothing, at_steps, values, k, ys);
  g_free (at_steps);
  member->xs = xs;
  member->ys = ys;
  member->n = k;
}

void
cvg_member_clear (CvgMember *member)
{
  g_clear_pointer ((double **) &member->xs, g_free);
  g_clear_pointer ((double **) &member->ys, g_free);
  member->n = 0;
}

typedef struct
{
  CvgMember   member;
  GBytes     *xs;          /* member.xs, shared by members with equal xs */
  guint       generation;
  gsize       length;
  CvgXAxis    x_axis;
  CvgSmoother smoother;
  double      smoothing;
} CacheEntry;

struct _CvgMemberCache
{
  GHashTable *entries;   /* CvgSeries * → CacheEntry */
  GHashTable *xs;        /* GBytes of xs, each held by its entries */
};

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  g_clear_pointer ((double **) &entry->member.ys, g_free);
  g_clear_pointer (&entry->xs, g_bytes_unref);
  g_free (entry);
}

/* Runs logged at the same steps share one copy of them, and the group
 * sees they do by pointer rather than by comparing them. */
static GBytes *
share_xs (CvgMemberCache *cache,
          double         *xs,
          gsize           n)
{
  g_autoptr(GBytes) bytes = g_bytes_new_take (xs, n * sizeof (double));
  GBytes *shared = g_hash_table_lookup (cache->xs, bytes);

  if (shared != NULL)
    return g_bytes_ref (shared);
  g_hash_table_add (cache->xs, g_bytes_ref (bytes));
  return g_steal_pointer (&bytes);
}

CvgMemberCache *
cvg_member_cache_new (void)
{
  CvgMemberCache *cache = g_new0 (CvgMemberCache, 1);

  cache->entries = g_hash_table_new_full (NULL, NULL, NULL, cache_entry_free);
  cache->xs = g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref, NULL);
  return cache;
}

void
cvg_member_cache_free (CvgMemberCache *cache)
{
  if (cache == NULL)
    return;
  g_hash_table_unref (cache->entries);
  g_hash_table_unref (cache->xs);
  g_free (cache);
}

void
cvg_member_cache_clear (CvgMemberCache *cache)
{
  g_hash_table_remove_all (cache->entries);
  g_hash_table_remove_all (cache->xs);
}

const CvgMember *
cvg_member_cache_get (CvgMemberCache *cache,
                      CvgSeries      *series,
                      CvgXAxis        x_axis,
                      CvgSmoother     smoother,
                      double          smoothing)
{
  CacheEntry *entry = g_hash_table_lookup (cache->entries, series);

  if (entry != NULL && entry->generation == cvg_series_get_generation (series) &&
      entry->length == cvg_series_get_length (series) && entry->x_axis == x_axis &&
      entry->smoother == smoother && entry->smoothing == smoothing)
    return &entry->member;

  entry = g_new0 (CacheEntry, 1);
  entry->generation = cvg_series_get_generation (series);
  entry->length = cvg_series_get_length (series);
  entry->x_axis = x_axis;
  entry->smoother = smoother;
  entry->smoothing = smoothing;
  cvg_member_load (series, x_axis, smoother, smoothing, &entry->member);
  entry->xs = share_xs (cache, (double *) entry->member.xs, entry->member.n);
  entry->member.xs = g_bytes_get_data (entry->xs, NULL);
  g_hash_table_replace (cache->entries, series, entry);
  return &entry->member;
}
