/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-chart-math"

#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cvg-chart-math.h"

/* Below this span relative to the values, steps would be lost in the
 * rounding of doubles: the range is treated as a single value. With at
 * most TARGET_MAX ticks, tick indices then stay exact integers (< 2^53). */
#define RELATIVE_SPAN_MIN 1e-12
#define TARGET_MAX 1000

static gboolean
is_constant (const double *values,
             gsize         n)
{
  /* TensorBoard compares with the first value (issue #786), so a series
   * holding a NaN is never constant. */
  for (gsize i = 1; i < n; i++)
    if (values[i] != values[0])
      return FALSE;
  return TRUE;
}

/* Axes may be given upside down. */
static void
sort_pair (double *min,
           double *max)
{
  if (*min > *max)
    {
      double swap = *min;

      *min = *max;
      *max = swap;
    }
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* A 1-2-5 step near @rough. Returns the step as inc (ticks are i * inc) or,
 * for steps below 1, as its inverse (ticks are i / inc) so that ticks such
 * as 0.3 come out as the closest double instead of 3 * 0.1. */
static double
nice_increment (double    rough,
                gboolean *inverse)
{
  double power = floor (log10 (rough));
  double error = rough / pow (10, power);
  double factor = 1;
  double inc;

  if (error >= sqrt (50))
    factor = 10;
  else if (error >= sqrt (10))
    factor = 5;
  else if (error >= sqrt (2))
    factor = 2;

  *inverse = power < 0;
  if (*inverse)
    return pow (10, -power) / factor;

  inc = pow (10, power) * factor;
  /* Only reachable near DBL_MAX: a plain power of ten still fits. */
  return isfinite (inc) ? inc : pow (10, power);
}

static double
nice_step (double rough)
{
  gboolean inverse;
  double inc = nice_increment (rough, &inverse);

  return inverse ? 1 / inc : inc;
}

/* Appends the multiples of the step inside [min, max]; returns the step. */
static double
append_multiples (GArray *ticks,
                  double  min,
                  double  max,
                  guint   target)
{
  /* Halves first, so that the span of two huge values cannot overflow. */
  double rough = MIN ((max / 2 - min / 2) / target * 2, DBL_MAX);
  gboolean inverse;
  double inc = nice_increment (rough, &inverse);
  double first;
  double last;

  /* A subnormal step has no finite inverse: no ticks. */
  if (!isfinite (inc))
    return 0;
  first = inverse ? round (min * inc) : round (min / inc);
  last = inverse ? round (max * inc) : round (max / inc);

  if ((inverse ? first / inc : first * inc) < min)
    first++;
  if ((inverse ? last / inc : last * inc) > max)
    last--;

  for (double i = first; i <= last; i++)
    {
      double tick = inverse ? i / inc : i * inc;

      g_array_append_val (ticks, tick);
    }
  return nice_step (rough);
}

/* Values m × 10^k (m in @mantissas) inside [min, max]. */
static void
append_decade_multiples (GArray       *ticks,
                         double        min,
                         double        max,
                         const double *mantissas,
                         guint         n_mantissas,
                         int           stride)
{
  int low = (int) floor (log10 (min));
  int high = (int) ceil (log10 (max));

  for (int e = low; e <= high; e++)
    {
      /* Aligned to multiples of the stride so ticks stay put while panning. */
      if (e % stride != 0)
        continue;
      for (guint m = 0; m < n_mantissas; m++)
        {
          /* Dividing by an exact power keeps 0.2 the closest double. */
          double tick = e < 0 ? mantissas[m] / pow (10, -e) : mantissas[m] * pow (10, e);

          if (tick >= min && tick <= max)
            g_array_append_val (ticks, tick);
        }
    }
}

/* Appends @number with the zeros that end its fraction, and a bare point,
 * removed. */
static void
append_trimmed (GString    *text,
                const char *number,
                gsize       len)
{
  gsize end;

  g_string_append_len (text, number, len);
  if (memchr (number, '.', len) == NULL)
    return;
  end = text->len;
  while (text->str[end - 1] == '0')
    end--;
  if (text->str[end - 1] == '.')
    end--;
  g_string_truncate (text, end);
}

/* "1.20e-04" → "1.2e-4"; "1.00e+21" → "1e+21". */
static void
append_exponential (GString    *text,
                    const char *formatted)
{
  const char *e = strchr (formatted, 'e');
  const char *exponent = e + 2;

  append_trimmed (text, formatted, e - formatted);
  g_string_append_c (text, 'e');
  g_string_append_c (text, e[1]);
  while (exponent[0] == '0' && exponent[1] != '\0')
    exponent++;
  g_string_append (text, exponent);
}

static void
append_fixed (GString *text,
              double   value,
              int      decimals)
{
  char format[16];
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_snprintf (format, sizeof format, "%%.%df", MAX (decimals, 0));
  g_ascii_formatd (buf, sizeof buf, format, value);
  append_trimmed (text, buf, strlen (buf));
}

/* Appends the kept points of one run [start, end) of a column: the first,
 * the minimum, the maximum and the last, each once, in index order. */
static gsize
emit_column (const double *xs,
             const double *ys,
             gsize         start,
             gsize         end,
             double       *out_xs,
             double       *out_ys,
             gsize         out)
{
  gsize lowest = start;
  gsize highest = start;
  gsize keep[4];

  for (gsize i = start + 1; i < end; i++)
    {
      if (ys[i] < ys[lowest])
        lowest = i;
      if (ys[i] > ys[highest])
        highest = i;
    }

  keep[0] = start;
  keep[1] = MIN (lowest, highest);
  keep[2] = MAX (lowest, highest);
  keep[3] = end - 1;

  for (gsize k = 0; k < G_N_ELEMENTS (keep); k++)
    {
      if (k > 0 && keep[k] == keep[k - 1])
        continue;
      out_xs[out] = xs[keep[k]];
      out_ys[out] = ys[keep[k]];
      out++;
    }
  return out;
}

void
cvg_smooth_ema (const double *values,
                gsize         n,
                double        weight,
                double       *smoothed)
{
  double w = isfinite (weight) ? CLAMP (weight, 0, 1) : 0;
  double last = 0;
  double w_power = 1;   /* w^accumulated, kept as a product: pow () per point is slow */
  double c, w2, w3, w4;
  gsize i = 0;

  if (is_constant (values, n))
    {
      memmove (smoothed, values, n * sizeof (double));
      return;
    }
  c = 1 - w;
  w2 = w * w;
  w3 = w2 * w;
  w4 = w2 * w2;

  /* Zero initialisation biases the start towards 0; undo it, until
   * 1 - w^k rounds to 1 and dividing by it changes nothing. */
  for (; i < n && (w == 1 || 1 - w_power != 1); i++)
    {
      double y = values[i];

      if (!isfinite (y))
        {
          smoothed[i] = y;
          continue;
        }
      last = last * w + (1 - w) * y;
      w_power *= w;
      smoothed[i] = w == 1 ? last : last / (1 - w_power);
    }

  /* Then four points at a time: last·w^k plus what the four add, so the
   * chain from one average to the next is one multiply-add per four
   * points rather than per point (the same sums, rounded apart). */
  for (; i + 4 <= n; i += 4)
    {
      double y0 = values[i], y1 = values[i + 1], y2 = values[i + 2], y3 = values[i + 3];
      double a0, a1, a2, a3;

      if (G_UNLIKELY (!isfinite (y0 + y1 + y2 + y3)))
        {
          for (gsize k = i; k < i + 4; k++)
            {
              if (isfinite (values[k]))
                last = last * w + c * values[k];
              smoothed[k] = isfinite (values[k]) ? last : values[k];
            }
          continue;
        }
      a0 = c * y0;
      a1 = w * a0 + c * y1;
      a2 = w * a1 + c * y2;
      a3 = w * a2 + c * y3;
      smoothed[i] = w * last + a0;
      smoothed[i + 1] = w2 * last + a1;
      smoothed[i + 2] = w3 * last + a2;
      last = w4 * last + a3;
      smoothed[i + 3] = last;
    }

  for (; i < n; i++)
    {
      if (isfinite (values[i]))
        last = last * w + c * values[i];
      smoothed[i] = isfinite (values[i]) ? last : values[i];
    }
}

GArray *
cvg_ticks_linear (double  min,
                  double  max,
                  guint   target,
                  double *step)
{
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (double));
  double magnitude;
  double s = 0;

  sort_pair (&min, &max);
  target = CLAMP (target, 1, TARGET_MAX);
  magnitude = MAX (fabs (min), fabs (max));

  if (isfinite (min) && isfinite (max) && max - min > magnitude * RELATIVE_SPAN_MIN)
    {
      s = append_multiples (ticks, min, max, target);
      /* With a target of 1 the step can exceed a range that contains no
       * multiple of it; twice the target always fits one. */
      if (ticks->len == 0)
        s = append_multiples (ticks, min, max, 2);
    }
  if (isfinite (min) && isfinite (max) && ticks->len == 0)
    {
      /* A single value, or one the doubles cannot split: one tick, and the
       * step a range as wide as the value would get, so that callers can
       * still derive a label precision from it. */
      g_array_append_val (ticks, min);
      s = nice_step ((magnitude > 0 ? magnitude : 1) / target);
    }

  if (step != NULL)
    *step = s;
  return ticks;
}

GArray *
cvg_ticks_log (double min,
               double max,
               guint  target)
{
  static const double one[] = { 1 };
  static const double one_two_five[] = { 1, 2, 5 };
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (double));

  sort_pair (&min, &max);
  if (!(min > 0) || !isfinite (max))
    return ticks;
  target = MAX (target, 1);

  if (log10 (max) - log10 (min) >= 2)
    {
      guint powers;

      append_decade_multiples (ticks, min, max, one, 1, 1);
      powers = ticks->len;
      if (powers > target)
        {
          g_array_set_size (ticks, 0);
          append_decade_multiples (ticks, min, max, one, 1, (powers + target - 1) / target);
        }
      return ticks;
    }

  append_decade_multiples (ticks, min, max, one_two_five, G_N_ELEMENTS (one_two_five), 1);
  if (ticks->len >= 2)
    return ticks;

  /* Too narrow for round mantissas: plain linear ticks. */
  g_array_unref (ticks);
  return cvg_ticks_linear (min, max, target, NULL);
}

GArray *
cvg_ticks_log_positions (double log_min,
                         double log_max,
                         guint  target)
{
  GArray *ticks = cvg_ticks_log (pow (10, log_min), pow (10, log_max), target);

  for (guint i = 0; i < ticks->len; i++)
    g_array_index (ticks, double, i) = log10 (g_array_index (ticks, double, i));
  return ticks;
}

char *
cvg_format_compact (double value,
                    guint  digits)
{
  static const char suffixes[] = "kMGT";
  char format[16];
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  GString *text;
  double rounded;
  int exponent;
  int group;

  if (isnan (value))
    return g_strdup ("NaN");
  if (isinf (value))
    return g_strdup (value > 0 ? "∞" : "-∞");

  /* Round once, up front, so that 999.96 lands in the bucket of 1k. */
  digits = CLAMP (digits, 1, 17);
  g_snprintf (format, sizeof format, "%%.%ue", digits - 1);
  g_ascii_formatd (buf, sizeof buf, format, value);
  rounded = g_ascii_strtod (buf, NULL);
  if (rounded == 0)
    return g_strdup ("0");

  text = g_string_new (NULL);
  exponent = atoi (strchr (buf, 'e') + 1);
  if (exponent < -3 || exponent >= 15)
    append_exponential (text, buf);
  else
    {
      group = exponent < 3 ? 0 : exponent / 3;
      append_fixed (text, rounded / pow (1000, group), digits - 1 - (exponent - 3 * group));
      if (group > 0)
        g_string_append_c (text, suffixes[group - 1]);
    }
  return g_string_free (text, FALSE);
}

gsize
cvg_decimate_columns (const double *xs,
                      const double *ys,
                      gsize         n,
                      double       *out_xs,
                      double       *out_ys)
{
  gsize out = 0;
  gsize start = 0;

  while (start < n)
    {
      gsize end = start + 1;

      /* A non-finite y is a break in the line: it stays, alone. */
      if (isfinite (ys[start]))
        while (end < n && isfinite (ys[end]) && floor (xs[end]) == floor (xs[start]))
          end++;
      out = emit_column (xs, ys, start, end, out_xs, out_ys, out);
      start = end;
    }
  return out;
}

/* The value that sorting [lo, hi) would put at @k, leaving values[lo, k)
 * <= it <= values(k, hi). Quickselect, median of three; falls back to
 * sorting after a run of bad pivots. */
static double
select_nth (double *values,
            gsize   lo,
            gsize   hi,
            gsize   k)
{
  guint budget = 2 * g_bit_storage (hi - lo) + 8;

  while (hi - lo > 16 && budget-- > 0)
    {
      gsize mid = lo + (hi - lo) / 2;
      double a = values[lo], b = values[mid], c = values[hi - 1];
      double pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
      gsize i = lo, j = hi - 1;

      /* Hoare partition: [lo, j] <= pivot <= [j + 1, hi). */
      for (;;)
        {
          double swap;

          while (values[i] < pivot)
            i++;
          while (values[j] > pivot)
            j--;
          if (i >= j)
            break;
          swap = values[i];
          values[i] = values[j];
          values[j] = swap;
          i++;
          j--;
        }
      if (k <= j)
        hi = j + 1;
      else
        lo = j + 1;
    }
  qsort (values + lo, hi - lo, sizeof (double), compare_doubles);
  return values[k];
}

gboolean
cvg_outlier_range (const double *values,
                   gsize         n,
                   double       *low,
                   double       *high)
{
  g_autofree double *sorted = g_new (double, n);
  gsize count = 0;

  for (gsize i = 0; i < n; i++)
    if (isfinite (values[i]))
      sorted[count++] = values[i];
  if (count == 0)
    return FALSE;

  /* TensorBoard's computeDataSeriesExtent: order statistics at
   * ceil ((n - 1) · 0.05) and floor ((n - 1) · 0.95). Unlike TensorBoard,
   * nothing is called an outlier until each 5 % tail holds two values:
   * below 41 values it would cut real points off short curves. Selected,
   * not sorted: the same values in O(n). */
  if (count < CVG_OUTLIER_MIN_VALUES)
    {
      *low = select_nth (sorted, 0, count, 0);
      *high = select_nth (sorted, 0, count, count - 1);
    }
  else
    {
      gsize k_low = (gsize) ceil ((count - 1) * 0.05);
      gsize k_high = (gsize) floor ((count - 1) * 0.95);

      *low = select_nth (sorted, 0, count, k_low);
      /* Everything after k_low is >= it: select among those only. */
      *high = select_nth (sorted, k_low, count, k_high);
    }
  return TRUE;
}

gsize
cvg_nearest_index (const double *xs,
                   gsize         n,
                   double        x)
{
  gsize lo = 0;
  gsize hi = n;

  g_return_val_if_fail (n > 0, 0);

  /* First element >= x. */
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (xs[mid] < x)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (lo == 0)
    return 0;
  if (lo == n)
    return n - 1;
  return x - xs[lo - 1] <= xs[lo] - x ? lo - 1 : lo;
}

/* Min/max pyramid --------------------------------------------------------- */

/* Points per node of the first level; smaller ends are scanned directly. */
#define PYRAMID_BLOCK 64
#define PYRAMID_NONE G_MAXUINT32
#define PYRAMID_MAX_LEVELS 40

typedef struct
{
  guint32 lowest;         /* PYRAMID_NONE when no value is finite */
  guint32 highest;
  guint32 broken;         /* whether a value is not finite */
} PyramidNode;

struct _CvgMinMaxPyramid
{
  const double *ys;
  gsize         n;
  guint         n_levels;
  gsize         counts[PYRAMID_MAX_LEVELS];
  PyramidNode  *levels[PYRAMID_MAX_LEVELS];
};

/* The lower of two candidate indices by value, then by index. */
static inline guint32
pick_lowest (const double *ys,
             guint32       a,
             guint32       b)
{
  if (a == PYRAMID_NONE)
    return b;
  if (b == PYRAMID_NONE)
    return a;
  return ys[b] < ys[a] || (ys[b] == ys[a] && b < a) ? b : a;
}

static inline guint32
pick_highest (const double *ys,
              guint32       a,
              guint32       b)
{
  if (a == PYRAMID_NONE)
    return b;
  if (b == PYRAMID_NONE)
    return a;
  return ys[b] > ys[a] || (ys[b] == ys[a] && b < a) ? b : a;
}

static inline void
merge_node (const double      *ys,
            PyramidNode       *into,
            const PyramidNode *node)
{
  into->lowest = pick_lowest (ys, into->lowest, node->lowest);
  into->highest = pick_highest (ys, into->highest, node->highest);
  into->broken |= node->broken;
}

/* [start, end) point by point, first occurrences winning ties. */
static void
scan_node (const double *ys,
           gsize         start,
           gsize         end,
           PyramidNode  *node)
{
  double lo = INFINITY, hi = -INFINITY;
  guint32 lowest = PYRAMID_NONE, highest = PYRAMID_NONE;
  guint32 broken = 0;

  for (gsize i = start; i < end; i++)
    {
      double y = ys[i];

      if (G_UNLIKELY (!isfinite (y)))
        {
          broken = 1;
          continue;
        }
      if (y < lo || lowest == PYRAMID_NONE)
        {
          lo = y;
          lowest = (guint32) i;
        }
      if (y > hi || highest == PYRAMID_NONE)
        {
          hi = y;
          highest = (guint32) i;
        }
    }
  node->lowest = lowest;
  node->highest = highest;
  node->broken = broken;
}

/* scan_node () over a whole block at @first: the extremes without a
 * branch per point (a noisy curve mispredicts them), then their first
 * places; a block with a non-finite value goes point by point. */
static inline void
scan_block (const double *ys,
            gsize         first,
            PyramidNode  *node)
{
  double lo0 = ys[0], lo1 = ys[1], lo2 = ys[2], lo3 = ys[3];
  double hi0 = lo0, hi1 = lo1, hi2 = lo2, hi3 = lo3;
  double lo, hi, nan;
  guint32 lowest = 0, highest = 0;

  /* Four chains apart, so that no compare waits for the one before; a
   * NaN or infinity leaves a NaN in the sum of y - y. */
  nan = 0;
  for (guint i = 0; i < PYRAMID_BLOCK; i += 4)
    {
      double y0 = ys[i], y1 = ys[i + 1], y2 = ys[i + 2], y3 = ys[i + 3];

      lo0 = y0 < lo0 ? y0 : lo0;
      lo1 = y1 < lo1 ? y1 : lo1;
      lo2 = y2 < lo2 ? y2 : lo2;
      lo3 = y3 < lo3 ? y3 : lo3;
      hi0 = y0 > hi0 ? y0 : hi0;
      hi1 = y1 > hi1 ? y1 : hi1;
      hi2 = y2 > hi2 ? y2 : hi2;
      hi3 = y3 > hi3 ? y3 : hi3;
      nan += (y0 - y0) + (y1 - y1) + (y2 - y2) + (y3 - y3);
    }
  lo = lo0;
  lo = lo1 < lo ? lo1 : lo;
  lo = lo2 < lo ? lo2 : lo;
  lo = lo3 < lo ? lo3 : lo;
  hi = hi0;
  hi = hi1 > hi ? hi1 : hi;
  hi = hi2 > hi ? hi2 : hi;
  hi = hi3 > hi ? hi3 : hi;
  if (G_UNLIKELY (nan != 0))
    {
      scan_node (ys - first, first, first + PYRAMID_BLOCK, node);
      return;
    }
  while (ys[lowest] != lo)
    lowest++;
  while (ys[highest] != hi)
    highest++;
  node->lowest = (guint32) (first + lowest);
  node->highest = (guint32) (first + highest);
  node->broken = 0;
}

CvgMinMaxPyramid *
cvg_min_max_pyramid_new (const double *ys,
                         gsize         n)
{
  CvgMinMaxPyramid *pyramid;
  gsize count;

  if (n == 0 || n >= PYRAMID_NONE)
    return NULL;

  pyramid = g_new0 (CvgMinMaxPyramid, 1);
  pyramid->ys = ys;
  pyramid->n = n;

  count = (n + PYRAMID_BLOCK - 1) / PYRAMID_BLOCK;
  pyramid->levels[0] = g_new (PyramidNode, count);
  pyramid->counts[0] = count;
  for (gsize b = 0; b < n / PYRAMID_BLOCK; b++)
    scan_block (ys + b * PYRAMID_BLOCK, b * PYRAMID_BLOCK, &pyramid->levels[0][b]);
  if (n % PYRAMID_BLOCK != 0)
    scan_node (ys, n / PYRAMID_BLOCK * PYRAMID_BLOCK, n, &pyramid->levels[0][count - 1]);

  pyramid->n_levels = 1;
  while (count > 1 && pyramid->n_levels < PYRAMID_MAX_LEVELS)
    {
      const PyramidNode *below = pyramid->levels[pyramid->n_levels - 1];
      gsize below_count = count;
      PyramidNode *level;

      count = (count + 1) / 2;
      level = g_new (PyramidNode, count);
      for (gsize k = 0; k < count; k++)
        {
          level[k] = below[2 * k];
          if (2 * k + 1 < below_count)
            merge_node (ys, &level[k], &below[2 * k + 1]);
        }
      pyramid->levels[pyramid->n_levels] = level;
      pyramid->counts[pyramid->n_levels] = count;
      pyramid->n_levels++;
    }
  return pyramid;
}

void
cvg_min_max_pyramid_free (CvgMinMaxPyramid *pyramid)
{
  if (pyramid == NULL)
    return;
  for (guint l = 0; l < pyramid->n_levels; l++)
    g_free (pyramid->levels[l]);
  g_free (pyramid);
}

static void
pyramid_query (const CvgMinMaxPyramid *pyramid,
               gsize                   start,
               gsize                   end,
               PyramidNode            *result)
{
  const double *ys = pyramid->ys;
  gsize first = (start + PYRAMID_BLOCK - 1) / PYRAMID_BLOCK;
  gsize last = end / PYRAMID_BLOCK;

  *result = (PyramidNode) { PYRAMID_NONE, PYRAMID_NONE, 0 };
  if (first >= last)
    {
      scan_node (ys, start, end, result);
      return;
    }

  scan_node (ys, start, first * PYRAMID_BLOCK, result);
  if (last * PYRAMID_BLOCK < end)
    {
      PyramidNode tail;

      scan_node (ys, last * PYRAMID_BLOCK, end, &tail);
      merge_node (ys, result, &tail);
    }

  /* Bottom-up over [first, last) of level 0: a node is taken whole when
   * its parent would stick out of the range. */
  for (guint l = 0; first < last && l < pyramid->n_levels; l++)
    {
      if (first & 1)
        merge_node (ys, result, &pyramid->levels[l][first++]);
      if (last & 1)
        merge_node (ys, result, &pyramid->levels[l][--last]);
      first >>= 1;
      last >>= 1;
    }
}

gboolean
cvg_min_max_pyramid_query (const CvgMinMaxPyramid *pyramid,
                           gsize                   start,
                           gsize                   end,
                           gsize                  *lowest,
                           gsize                  *highest,
                           gboolean               *all_finite)
{
  PyramidNode node;

  g_return_val_if_fail (pyramid != NULL, FALSE);

  end = MIN (end, pyramid->n);
  if (start >= end)
    {
      *all_finite = TRUE;
      return FALSE;
    }
  pyramid_query (pyramid, start, end, &node);
  *all_finite = !node.broken;
  if (node.lowest == PYRAMID_NONE)
    return FALSE;
  *lowest = node.lowest;
  *highest = node.highest;
  return TRUE;
}

static inline double
column_of (const double *xs,
           gsize         i,
           double        origin,
           double        scale,
           double        limit)
{
  return floor (CLAMP (origin + xs[i] * scale, -limit, limit));
}

static inline gboolean
is_break (double   y,
          gboolean positive)
{
  return !isfinite (y) || (positive && y <= 0);
}

static void
append_kept (GArray *out,
             gsize   first,
             gsize   lowest,
             gsize   highest,
             gsize   last)
{
  gsize keep[4] = { first, MIN (lowest, highest), MAX (lowest, highest), last };

  for (guint k = 0; k < G_N_ELEMENTS (keep); k++)
    if (k == 0 || keep[k] != keep[k - 1])
      g_array_append_val (out, keep[k]);
}

/* One column point by point, as cvg_decimate_columns. */
static void
decimate_column_slowly (const double *ys,
                        gsize         start,
                        gsize         end,
                        gboolean      positive,
                        GArray       *out)
{
  gsize i = start;

  while (i < end)
    {
      gsize lowest = i, highest = i, j = i + 1;

      if (is_break (ys[i], positive))
        {
          g_array_append_val (out, i);
          i++;
          continue;
        }
      for (; j < end && !is_break (ys[j], positive); j++)
        {
          if (ys[j] < ys[lowest])
            lowest = j;
          if (ys[j] > ys[highest])
            highest = j;
        }
      append_kept (out, i, lowest, highest, j - 1);
      i = j;
    }
}

void
cvg_decimate_sorted (const double           *xs,
                     const CvgMinMaxPyramid *pyramid,
                     gsize                   start,
                     gsize                   end,
                     double                  origin,
                     double                  scale,
                     double                  limit,
                     gboolean                positive,
                     GArray                 *out)
{
  const double *ys;
  gsize i = start;

  g_return_if_fail (pyramid != NULL);

  ys = pyramid->ys;
  end = MIN (end, pyramid->n);
  while (i < end)
    {
      double column = column_of (xs, i, origin, scale, limit);
      gsize inside = i, outside, step = 1;
      gsize lowest, highest;
      gboolean all_finite;

      /* The column's end: gallop, then bisect between the last index
       * known inside and the first known outside (or @end). */
      while (i + step < end && column_of (xs, i + step, origin, scale, limit) == column)
        {
          inside = i + step;
          step *= 2;
        }
      outside = MIN (i + step, end);
      while (outside - inside > 1)
        {
          gsize mid = inside + (outside - inside) / 2;

          if (column_of (xs, mid, origin, scale, limit) == column)
            inside = mid;
          else
            outside = mid;
        }

      if (outside - i <= 2 * PYRAMID_BLOCK)
        decimate_column_slowly (ys, i, outside, positive, out);
      else if (cvg_min_max_pyramid_query (pyramid, i, outside, &lowest, &highest, &all_finite) &&
               all_finite && !(positive && ys[lowest] <= 0))
        append_kept (out, i, lowest, highest, outside - 1);
      else
        decimate_column_slowly (ys, i, outside, positive, out);
      i = outside;
    }
}
