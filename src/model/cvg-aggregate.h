/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cvg-smoother.h"
#include "cvg-types.h"

G_BEGIN_DECLS

/* A group of runs drawn as one line: the members aligned on a common x,
 * and at each x their centre and spread. Pure computation, no GTK. */

/* The group's line. */
typedef enum
{
  CVG_AGGREGATE_MEAN,
  CVG_AGGREGATE_MEDIAN,
} CvgAggregate;

/* The band around it: the members' extremes, or one sample standard
 * deviation, or the 95 % confidence interval of the mean (Student's t
 * with n - 1 degrees of freedom), both of these around the mean. */
typedef enum
{
  CVG_BAND_MIN_MAX,
  CVG_BAND_STD,
  CVG_BAND_CI95,
} CvgBand;

/* One member: @n points, @xs not decreasing (finite), @ys any. */
typedef struct
{
  const double *xs;
  const double *ys;
  gsize         n;
} CvgMember;

/* The group at each x. */
typedef struct
{
  gsize   n;
  double *xs;
  double *centre;
  double *lower;
  double *upper;
  guint  *counts;   /* members with a finite value there */
} CvgGroupSeries;

/* Of @n values: the finite ones' count, centre and band. NaN members are
 * skipped (not counted); with none, all three are NaN and *count is 0. A
 * single value is its own centre and band. @scratch holds @n doubles. */
void            cvg_aggregate_values        (const double    *values,
                                             guint            n,
                                             CvgAggregate     aggregate,
                                             CvgBand          band,
                                             double          *scratch,
                                             double          *centre,
                                             double          *lower,
                                             double          *upper,
                                             guint           *count);

/* Aligns @members on the union of their xs within the range they all
 * cover (from the latest first x to the earliest last x: nothing is
 * extrapolated), each member's value at an x it lacks interpolated
 * linearly between its neighbours (NaN if either is), then aggregates.
 * Members without points take no part. NULL when no x is covered by
 * every member. */
CvgGroupSeries *cvg_aggregate_members       (const CvgMember *members,
                                             guint            n_members,
                                             CvgAggregate     aggregate,
                                             CvgBand          band);
void            cvg_group_series_free       (CvgGroupSeries  *series);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgGroupSeries, cvg_group_series_free)

/* The purged view of a scalar @series, copied into new arrays (each
 * g_free'd; NULL when it has no point) a run of consecutive indices at a
 * time, so that a series read without restarts is one bulk copy.
 * Returns the number of points. */
gsize           cvg_series_copy_purged      (CvgSeries       *series,
                                             gint64         **steps,
                                             double         **wall_times,
                                             double         **values);

/* A member as the group aggregates it: its purged points on @x_axis
 * (steps, seconds since its first point, or wall time), those where x
 * goes back dropped, smoothed with @smoother (by the gap in steps for
 * the time-weighted one). @member's arrays are new (g_free them). */
void            cvg_member_load             (CvgSeries       *series,
                                             CvgXAxis         x_axis,
                                             CvgSmoother      smoother,
                                             double           smoothing,
                                             CvgMember       *member);
void            cvg_member_clear            (CvgMember       *member);

/* Members as loaded, kept by series, so that regrouping, hiding a run or
 * changing the band does not load and smooth them again: an entry is
 * used while its series' generation and length, the axis and the
 * smoothing are those it was made with. Main thread only; clear it when
 * the series go away. */
typedef struct _CvgMemberCache CvgMemberCache;

CvgMemberCache  *cvg_member_cache_new       (void);
void             cvg_member_cache_free      (CvgMemberCache  *cache);
void             cvg_member_cache_clear     (CvgMemberCache  *cache);
/* The member of @series, loaded if need be; valid until the next call
 * that loads it again or clears the cache. */
const CvgMember *cvg_member_cache_get       (CvgMemberCache  *cache,
                                             CvgSeries       *series,
                                             CvgXAxis         x_axis,
                                             CvgSmoother      smoother,
                                             double           smoothing);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvgMemberCache, cvg_member_cache_free)

G_END_DECLS
