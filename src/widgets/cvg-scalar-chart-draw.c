#define G_LOG_DOMAIN "cvg-scalar-chart-draw"

#include "config.h"

#include "cvg-scalar-chart-private.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "cvg-chart-common.h"
#include "cvg-chart-math.h"
#include "cvg-scalar-store.h"
#include "cvg-series.h"
#include "cvg-utf8.h"

/* Points projected and decimated at a time: bounds the scratch memory
 * whatever the series length. A column split between two chunks keeps up
 * to four extra points, which draws the same. */
#define CHUNK 65536
/* Values pooled for the outlier percentiles: a uniform sample keeps the
 * 5th/95th percentiles to well under a pixel and stays fast at 10 M. */
#define MAX_OUTLIER_SAMPLE 262144
#define TICK_GAP 12.0
#define TOOLTIP_PAD 8.0
#define TOOLTIP_MIN_RUN_W 240.0
#define TOOLTIP_GAP 16.0
#define TOOLTIP_COL_GAP 10.0
#define SWATCH 10.0
/* The tooltip follows the pointer vertically in steps of this many pixels,
 * so that moving along a line does not redraw on every event. */
#define TOOLTIP_Y_SLACK 24.0
#define MAX_CLAMP 1e6

enum {
  COL_RUN,
  COL_SMOOTHED,
  COL_VALUE,
  COL_STEP,
  COL_TIME,
  COL_RELATIVE,
  N_COLS
};

static void
line_free (gpointer data)
{
  CvgChartLine *line = data;

  g_free (line->name);
  g_free (line->steps);
  g_free (line->wall_times);
  g_free (line->values);
  g_free (line->xs);
  g_clear_pointer (&line->pieces, g_array_unref);
  g_free (line->smoothed);
  cvg_min_max_pyramid_free (line->values_pyramid);
  cvg_min_max_pyramid_free (line->smoothed_pyramid);
  g_free (line);
}

static void
line_unload (CvgChartLine *line)
{
  g_clear_pointer (&line->steps, g_free);
  g_clear_pointer (&line->wall_times, g_free);
  g_clear_pointer (&line->values, g_free);
  g_clear_pointer (&line->xs, g_free);
  g_clear_pointer (&line->pieces, g_array_unref);
  g_clear_pointer (&line->smoothed, g_free);
  g_clear_pointer (&line->values_pyramid, cvg_min_max_pyramid_free);
  g_clear_pointer (&line->smoothed_pyramid, cvg_min_max_pyramid_free);
  line->loaded = FALSE;
  line->n = 0;
  line->hover_index = 0;
}

/* x goes back where a run was restarted (steps written twice, with or
 * without a SessionLog) or a clock changed: each monotonic stretch is a
 * piece, drawn and searched on its own, as TensorBoard's "partition
 * non-monotonic X axis" does. Points with a non-finite x are in none. */
static void
line_split_pieces (CvgChartLine *line)
{
  CvgChartPiece piece = { 0, 0 };

  if (line->pieces == NULL)
    line->pieces = g_array_new (FALSE, FALSE, sizeof (CvgChartPiece));
  g_array_set_size (line->pieces, 0);
  for (gsize i = 0; i <= line->n; i++)
    {
      gboolean joins = i < line->n && isfinite (line->xs[i]) &&
                       (i == piece.start || line->xs[i] >= line->xs[i - 1]);

      if (joins)
        continue;
      piece.end = i;
      if (piece.end > piece.start)
        g_array_append_val (line->pieces, piece);
      piece.start = i < line->n && isfinite (line->xs[i]) ? i : i + 1;
    }
}

static void
line_ensure_xs (CvgChartLine *line,
                CvgXAxis      axis)
{
  if (line->xs_axis == (int) axis)
    return;

  if (line->xs == NULL)
    line->xs = g_new (double, MAX (line->n, 1));
  for (gsize i = 0; i < line->n; i++)
    {
      switch (axis)
        {
        case CVG_X_AXIS_STEP:
          line->xs[i] = (double) line->steps[i];
          break;
        case CVG_X_AXIS_RELATIVE:
          line->xs[i] = line->wall_times[i] - line->wall_times[0];
          break;
        case CVG_X_AXIS_WALL:
        default:
          line->xs[i] = line->wall_times[i];
          break;
        }
    }
  line->xs_axis = axis;
  line_split_pieces (line);
}

static void
line_ensure_smoothed (CvgChartLine *line,
                      double        weight)
{
  if (line->smoothed_weight == weight)
    return;

  if (line->smoothed == NULL)
    line->smoothed = g_new (double, MAX (line->n, 1));
  /* Each pass of a restarted run is smoothed on its own, so a new pass
   * does not start from where the old one ended. */
  for (gsize start = 0, i = 1; i <= line->n; i++)
    if (i == line->n || line->steps[i] < line->steps[i - 1])
      {
        cvg_smooth_ema (line->values + start, i - start, weight, line->smoothed + start);
        start = i;
      }
  line->smoothed_weight = weight;
  g_clear_pointer (&line->smoothed_pyramid, cvg_min_max_pyramid_free);
  line->smoothed_pyramid = cvg_min_max_pyramid_new (line->smoothed, line->n);
}

static void
line_ensure_values_pyramid (CvgChartLine *line)
{
  if (line->values_pyramid == NULL)
    line->values_pyramid = cvg_min_max_pyramid_new (line->values, line->n);
}

static gboolean
line_is_drawn (const CvgChartLine *line)
{
  return line->visible && line->n > 0;
}

static inline double
axis_y (const CvgChartModel *self,
        double               y)
{
  if (!self->log_scale)
    return y;
  return y > 0 ? log10 (y) : NAN;
}

/* Loads, then brings xs and smoothed up to date, every visible line. */
static void
prepare_lines (CvgChartModel *self)
{
  for (guint i = 0; i < self->lines->len; i++)
    {
      CvgChartLine *line = g_ptr_array_index (self->lines, i);

      if (!line->visible)
        continue;
      cvg_chart_line_load (line);
      if (line->n == 0)
        continue;
      line_ensure_xs (line, self->x_axis);
      line_ensure_values_pyramid (line);
      line_ensure_smoothed (line, self->smoothing);
    }
}

static void
pad_range (double *lo,
           double *hi,
           double  fraction)
{
  double span = *hi - *lo;

  if (span <= 0 || !isfinite (span))
    {
      double pad = *lo != 0 && isfinite (*lo) ? fabs (*lo) * 0.1 : 1;

      *lo -= pad;
      *hi += pad;
      return;
    }
  *lo -= span * fraction;
  *hi += span * fraction;
}

/* Around a single x: a few steps, or a minute of wall time, rather
 * than a tenth of the value (years, for a wall time). */
static void
pad_single_x (CvgXAxis  axis,
              double   *lo,
              double   *hi)
{
  double pad = axis == CVG_X_AXIS_WALL ? 60 : MAX (1, fabs (*lo) * 0.1);

  *lo -= pad;
  *hi += pad;
}

/* Widens [*lo, *hi] to the finite values of @pyramid in axis space.
 * FALSE when that cannot be read off the pyramid: a value <= 0 on a log
 * scale, whose log is not finite, hides the least positive one. */
static gboolean
extent_of_pyramid (CvgChartModel          *self,
                   const CvgMinMaxPyramid *pyramid,
                   const double           *ys,
                   gsize                   n,
                   double                 *lo,
                   double                 *hi)
{
  gsize lowest, highest;
  gboolean all_finite;

  if (pyramid == NULL)
    return FALSE;
  if (!cvg_min_max_pyramid_query (pyramid, 0, n, &lowest, &highest, &all_finite))
    return TRUE;
  if (self->log_scale && ys[lowest] <= 0)
    return FALSE;
  /* log10 is monotonic: the extremes stay the extremes. */
  *lo = MIN (*lo, axis_y (self, ys[lowest]));
  *hi = MAX (*hi, axis_y (self, ys[highest]));
  return TRUE;
}

/* The raw and smoothed extent of @line, in O(log n). */
static gboolean
extent_from_pyramids (CvgChartModel      *self,
                      const CvgChartLine *line,
                      double             *lo,
                      double             *hi)
{
  double l = *lo, h = *hi;

  if (!extent_of_pyramid (self, line->values_pyramid, line->values, line->n, &l, &h) ||
      !extent_of_pyramid (self, line->smoothed_pyramid, line->smoothed, line->n, &l, &h))
    return FALSE;
  *lo = l;
  *hi = h;
  return TRUE;
}

/* As TensorBoard: with outliers ignored the extent is the 5th–95th
 * percentile of the lines as drawn solid (the smoothed ones); otherwise
 * every raw and smoothed value fits. */
static void
compute_y_extent (CvgChartModel *self,
                  gsize          total)
{
  double lo = INFINITY, hi = -INFINITY;

  if (self->ignore_outliers && total > 2)
    {
      gsize stride = total / MAX_OUTLIER_SAMPLE + 1;
      g_autoptr(GArray) sample = g_array_sized_new (FALSE, FALSE, sizeof (double), total / stride + 16);

      for (guint i = 0; i < self->lines->len; i++)
        {
          CvgChartLine *line = g_ptr_array_index (self->lines, i);

          if (!line_is_drawn (line))
            continue;
          for (gsize j = 0; j < line->n; j += stride)
            {
              double y = axis_y (self, line->smoothed[j]);
              g_array_append_val (sample, y);
            }
        }
      if (!cvg_outlier_range ((const double *) sample->data, sample->len, &lo, &hi))
        lo = INFINITY;
    }
  else
    {
      for (guint i = 0; i < self->lines->len; i++)
        {
          CvgChartLine *line = g_ptr_array_index (self->lines, i);

          if (!line_is_drawn (line))
            continue;
          if (extent_from_pyramids (self, line, &lo, &hi))
            continue;
          for (gsize j = 0; j < line->n; j++)
            {
              double a = axis_y (self, line->values[j]);
              double b = axis_y (self, line->smoothed[j]);

              if (isfinite (a))
                {
                  lo = MIN (lo, a);
                  hi = MAX (hi, a);
                }
              if (isfinite (b))
                {
                  lo = MIN (lo, b);
                  hi = MAX (hi, b);
                }
            }
        }
    }

  self->has_extent = isfinite (lo) && isfinite (hi);
  if (!self->has_extent)
    return;
  self->data_y0 = lo;
  self->data_y1 = hi;
  pad_range (&self->data_y0, &self->data_y1, 0.05);
}

static void
ensure_extent (CvgChartModel *self)
{
  double x0 = INFINITY, x1 = -INFINITY;
  gsize total = 0;

  prepare_lines (self);
  if (self->extent_valid)
    return;

  for (guint i = 0; i < self->lines->len; i++)
    {
      CvgChartLine *line = g_ptr_array_index (self->lines, i);

      if (!line_is_drawn (line))
        continue;
      /* Every piece, not the first and last point: a second, shorter
       * pass ends before the first one does. */
      for (guint p = 0; p < line->pieces->len; p++)
        {
          const CvgChartPiece *piece = &g_array_index (line->pieces, CvgChartPiece, p);

          x0 = MIN (x0, line->xs[piece->start]);
          x1 = MAX (x1, line->xs[piece->end - 1]);
        }
      total += line->n;
    }

  self->extent_valid = TRUE;
  self->has_extent = FALSE;
  if (total == 0 || !(x1 >= x0))
    return;

  compute_y_extent (self, total);
  self->data_x0 = x0;
  self->data_x1 = x1;
  if (x1 <= x0)
    pad_single_x (self->x_axis, &self->data_x0, &self->data_x1);
}

/* First index whose x is >= @x (@strict: > @x); xs sorted. */
static gsize
lower_bound (const double *xs,
             gsize         n,
             double        x,
             gboolean      strict)
{
  gsize lo = 0, hi = n;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (strict ? xs[mid] <= x : xs[mid] < x)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static inline double
project_x (const CvgChartModel *self,
           double               x)
{
  return self->plot_x + (x - self->x0) * self->plot_w / (self->x1 - self->x0);
}

static inline double
project_y (const CvgChartModel *self,
           double               y)
{
  return self->plot_y + self->plot_h - (y - self->y0) * self->plot_h / (self->y1 - self->y0);
}

/* Beyond this many pixels off the plot, no stroke (at most 2.5 px wide,
 * round joins and caps) reaches into it. */
#define OFF_PLOT_MARGIN 4.0

enum {
  BEYOND_LEFT = 1 << 0,
  BEYOND_RIGHT = 1 << 1,
  BEYOND_TOP = 1 << 2,
  BEYOND_BOTTOM = 1 << 3,
};

/* Segments stroked at a time. A polyline with round joins and caps
 * strokes as the union of its segments with round caps, so it can be cut
 * into pieces that meet at a shared point: cairo's scan converter slows
 * down with the square of the edges that cross a row (a dense, noisy
 * curve is a band of tall zigzags), and pieces keep that small. */
#define SEGMENTS_PER_STROKE 16

/* Hands a polyline to cairo, less the inner points of any run of
 * consecutive points all beyond one same edge of the plot: every segment
 * of such a run, and the one that replaces them, lies beyond that edge
 * and is clipped away, while the run's first and last points keep the
 * way in and out. */
typedef struct
{
  cairo_t *cr;
  double   left, top, right, bottom;
  gboolean down;          /* a subpath is open */
  guint    run;           /* edges every point of the run is beyond */
  gboolean held;          /* the run's last point, not yet drawn */
  double   held_x, held_y;
  guint    segments;      /* in the path, not yet stroked */
  guint    points;        /* in the subpath */
  double   first_x, first_y;
  GArray  *markers;       /* subpaths of one point, which no stroke shows */
} Pen;

static void
pen_init (Pen           *pen,
          CvgChartModel *self,
          cairo_t       *cr)
{
  pen->cr = cr;
  pen->left = self->plot_x - OFF_PLOT_MARGIN;
  pen->right = self->plot_x + self->plot_w + OFF_PLOT_MARGIN;
  pen->top = self->plot_y - OFF_PLOT_MARGIN;
  pen->bottom = self->plot_y + self->plot_h + OFF_PLOT_MARGIN;
  pen->down = FALSE;
  pen->run = 0;
  pen->held = FALSE;
  pen->segments = 0;
  pen->points = 0;
  pen->markers = self->markers;
  g_array_set_size (pen->markers, 0);
}

static inline void
pen_line_to (Pen   *pen,
             double x,
             double y)
{
  cairo_line_to (pen->cr, x, y);
  if (++pen->segments < SEGMENTS_PER_STROKE)
    return;
  cairo_stroke (pen->cr);
  cairo_move_to (pen->cr, x, y);
  pen->segments = 0;
}

static inline void
pen_point (Pen   *pen,
           double x,
           double y)
{
  guint beyond = (x < pen->left ? BEYOND_LEFT : 0) | (x > pen->right ? BEYOND_RIGHT : 0) |
                 (y < pen->top ? BEYOND_TOP : 0) | (y > pen->bottom ? BEYOND_BOTTOM : 0);

  pen->points++;
  if (!pen->down)
    {
      cairo_move_to (pen->cr, x, y);
      pen->down = TRUE;
      pen->run = beyond;
      pen->first_x = x;
      pen->first_y = y;
      return;
    }
  if (pen->run & beyond)
    {
      pen->run &= beyond;
      pen->held = TRUE;
      pen->held_x = x;
      pen->held_y = y;
      return;
    }
  if (pen->held)
    pen_line_to (pen, pen->held_x, pen->held_y);
  pen->held = FALSE;
  pen_line_to (pen, x, y);
  pen->run = beyond;
}

/* Ends the subpath: at a break, and before stroking. A point alone
 * (no finite neighbour in its piece) becomes a marker. */
static void
pen_lift (Pen *pen)
{
  if (pen->held)
    pen_line_to (pen, pen->held_x, pen->held_y);
  if (pen->down && pen->points == 1)
    {
      g_array_append_val (pen->markers, pen->first_x);
      g_array_append_val (pen->markers, pen->first_y);
    }
  pen->held = FALSE;
  pen->down = FALSE;
  pen->points = 0;
}

/* Strokes what is left, then fills the markers in the same colour: those
 * centred on the plot, whole, so that one at the top of the range (the
 * only value of a tag) is not cut in half. */
static void
pen_finish (Pen   *pen,
            double radius)
{
  pen_lift (pen);
  cairo_stroke (pen->cr);
  if (pen->markers->len == 0)
    return;

  cairo_save (pen->cr);
  cairo_reset_clip (pen->cr);
  cairo_rectangle (pen->cr, pen->left, pen->top, pen->right - pen->left, pen->bottom - pen->top);
  cairo_clip (pen->cr);
  for (guint i = 0; i + 1 < pen->markers->len; i += 2)
    {
      double x = g_array_index (pen->markers, double, i);
      double y = g_array_index (pen->markers, double, i + 1);

      if (x < pen->left + OFF_PLOT_MARGIN || x > pen->right - OFF_PLOT_MARGIN ||
          y < pen->top + OFF_PLOT_MARGIN || y > pen->bottom - OFF_PLOT_MARGIN)
        continue;
      cairo_new_sub_path (pen->cr);
      cairo_arc (pen->cr, x, y, radius, 0, 2 * G_PI);
    }
  cairo_fill (pen->cr);
  cairo_restore (pen->cr);
}

/* One piece in x order: each pixel column's first, min, max and last
 * come off the pyramid, O(columns × log n) rather than O(n). */
static void
stroke_piece_sorted (CvgChartModel          *self,
                     Pen                    *pen,
                     const CvgChartLine     *line,
                     const double           *ys,
                     const CvgMinMaxPyramid *pyramid,
                     gsize                   start,
                     gsize                   end,
                     double                  ox,
                     double                  oy,
                     double                  sx,
                     double                  sy)
{
  g_array_set_size (self->kept, 0);
  cvg_decimate_sorted (line->xs, pyramid, start, end, ox, sx, MAX_CLAMP, self->log_scale, self->kept);
  for (guint k = 0; k < self->kept->len; k++)
    {
      gsize i = g_array_index (self->kept, gsize, k);
      double y = self->log_scale ? axis_y (self, ys[i]) : ys[i];

      if (!isfinite (y))
        pen_lift (pen);
      else
        pen_point (pen,
                   CLAMP (ox + line->xs[i] * sx, -MAX_CLAMP, MAX_CLAMP),
                   CLAMP (oy - y * sy, -MAX_CLAMP, MAX_CLAMP));
    }
}

/* One piece without a pyramid: projected and decimated a chunk at a time. */
static void
stroke_piece_chunked (CvgChartModel      *self,
                      Pen                *pen,
                      const CvgChartLine *line,
                      const double       *ys,
                      gsize               start,
                      gsize               end,
                      double              ox,
                      double              oy,
                      double              sx,
                      double              sy)
{
  for (gsize c = start; c < end; c += CHUNK)
    {
      gsize len = MIN (CHUNK, end - c);
      gsize m;

      for (gsize i = 0; i < len; i++)
        {
          double y = self->log_scale ? axis_y (self, ys[c + i]) : ys[c + i];

          self->px[i] = CLAMP (ox + line->xs[c + i] * sx, -MAX_CLAMP, MAX_CLAMP);
          self->py[i] = isfinite (y) ? CLAMP (oy - y * sy, -MAX_CLAMP, MAX_CLAMP) : NAN;
        }
      m = cvg_decimate_columns (self->px, self->py, len, self->dx, self->dy);
      for (gsize j = 0; j < m; j++)
        {
          if (!isfinite (self->dy[j]))
            pen_lift (pen);
          else
            pen_point (pen, self->dx[j], self->dy[j]);
        }
    }
}

/* Projects the points of each piece on screen (plus one each side, so
 * the line enters and leaves the plot), decimates them per pixel column
 * and strokes; points alone are filled circles of @radius. */
static void
stroke_series (CvgChartModel          *self,
               cairo_t                *cr,
               const CvgChartLine     *line,
               const double           *ys,
               const CvgMinMaxPyramid *pyramid,
               double                  radius)
{
  double sx = self->plot_w / (self->x1 - self->x0);
  double sy = self->plot_h / (self->y1 - self->y0);
  double ox = self->plot_x - self->x0 * sx;
  double oy = self->plot_y + self->plot_h + self->y0 * sy;
  gboolean sorted = pyramid != NULL && sx > 0 && isfinite (sx) && isfinite (ox);
  Pen pen;

  pen_init (&pen, self, cr);
  for (guint p = 0; p < line->pieces->len; p++)
    {
      const CvgChartPiece *piece = &g_array_index (line->pieces, CvgChartPiece, p);
      const double *xs = line->xs + piece->start;
      gsize len = piece->end - piece->start;
      gsize start, end;

      /* Off the view, its end point would pass for a point alone. */
      if (xs[len - 1] < self->x0 || xs[0] > self->x1)
        continue;
      start = piece->start + lower_bound (xs, len, self->x0, FALSE);
      end = piece->start + lower_bound (xs, len, self->x1, TRUE);
      start = start > piece->start ? start - 1 : start;
      end = MIN (end + 1, piece->end);
      if (sorted)
        stroke_piece_sorted (self, &pen, line, ys, pyramid, start, end, ox, oy, sx, sy);
      else
        stroke_piece_chunked (self, &pen, line, ys, start, end, ox, oy, sx, sy);
      pen_lift (&pen);
    }
  pen_finish (&pen, radius);
}

static void
set_source (cairo_t       *cr,
            const GdkRGBA *color,
            double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static gboolean
any_emphasized (CvgChartModel *self)
{
  for (guint i = 0; i < self->lines->len; i++)
    {
      CvgChartLine *line = g_ptr_array_index (self->lines, i);

      if (line_is_drawn (line) && line->emphasized)
        return TRUE;
    }
  return FALSE;
}

/* A line stroked in pieces overlaps itself where they meet: a translucent
 * one goes opaque through a group, then onto the chart at @alpha, as a
 * single stroke would. */
static void
stroke_line (CvgChartModel          *self,
             cairo_t                *cr,
             const CvgChartLine     *line,
             const double           *ys,
             const CvgMinMaxPyramid *pyramid,
             double                  width,
             double                  alpha)
{
  cairo_set_line_width (cr, width);
  if (alpha >= 1 && line->color.alpha >= 1)
    {
      set_source (cr, &line->color, 1);
      stroke_series (self, cr, line, ys, pyramid, width + 1.5);
      return;
    }
  cairo_push_group (cr);
  cairo_set_source_rgb (cr, line->color.red, line->color.green, line->color.blue);
  stroke_series (self, cr, line, ys, pyramid, width + 1.5);
  cairo_pop_group_to_source (cr);
  cairo_paint_with_alpha (cr, line->color.alpha * alpha);
}

/* Raw faint under smoothed solid, as TensorBoard; while a run is
 * emphasized the others fade and it is drawn last, thicker. */
static void
draw_lines (CvgChartModel *self,
            cairo_t       *cr)
{
  gboolean emphasis = any_emphasized (self);

  cairo_save (cr);
  cairo_rectangle (cr, self->plot_x, self->plot_y, self->plot_w, self->plot_h);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->lines->len; i++)
      {
        CvgChartLine *line = g_ptr_array_index (self->lines, i);
        double alpha = emphasis && !line->emphasized ? 0.3 : 1.0;

        if (!line_is_drawn (line) || line->emphasized != (pass == 1))
          continue;
        if (self->smoothing > 0)
          stroke_line (self, cr, line, line->values, line->values_pyramid, 1.0, alpha * 0.3);
        stroke_line (self, cr, line, line->smoothed, line->smoothed_pyramid,
                     line->emphasized ? 2.5 : 1.5, alpha);
      }
  cairo_restore (cr);
}

static GArray *
y_ticks (CvgChartModel *self,
         guint          target)
{
  GArray *ticks;
  double step;

  if (!self->log_scale)
    return cvg_ticks_linear (self->y0, self->y1, target, &step);

  /* Log ticks come as values; the axis is in log10. */
  ticks = cvg_ticks_log (pow (10, self->y0), pow (10, self->y1), target);
  for (guint i = 0; i < ticks->len; i++)
    g_array_index (ticks, double, i) = log10 (g_array_index (ticks, double, i));
  return ticks;
}

static char *
format_y_tick (CvgChartModel *self,
               double         value)
{
  return cvg_format_compact (self->log_scale ? pow (10, value) : value, 4);
}

static void
text_size (PangoLayout *layout,
           const char  *text,
           int         *width,
           int         *height)
{
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, width, height);
}

static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y)
{
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
reset_layout (PangoLayout *layout)
{
  pango_layout_set_width (layout, -1);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
}

/* Y labels right-aligned in the left margin, each on its grid line. */
static void
draw_y_axis (CvgChartModel *self,
             cairo_t       *cr,
             PangoLayout   *layout,
             GArray        *ticks,
             GPtrArray     *labels,
             int            line_h)
{
  for (guint i = 0; i < ticks->len; i++)
    {
      double y = round (project_y (self, g_array_index (ticks, double, i))) + 0.5;
      int w, h;

      set_source (cr, &self->fg, 0.1);
      cairo_rectangle (cr, self->plot_x, y - 0.5, self->plot_w, 1);
      cairo_fill (cr);

      text_size (layout, g_ptr_array_index (labels, i), &w, &h);
      set_source (cr, &self->fg, 0.7);
      show_text (cr, layout, g_ptr_array_index (labels, i),
                 self->plot_x - 6 - w,
                 CLAMP (y - h / 2.0, 0, self->height - line_h));
    }
}

/* Picks as many x ticks as fit with their widest label, then draws them,
 * skipping any label that would touch its neighbour or leave the chart. */
static void
draw_x_axis (CvgChartModel *self,
             cairo_t       *cr,
             PangoLayout   *layout,
             int            line_h)
{
  g_autoptr(GArray) ticks = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  guint target = MAX (2, (guint) (self->plot_w / 90));
  double step = 1, last_right = -INFINITY;

  for (int attempt = 0; attempt < 4; attempt++)
    {
      int widest = 0;

      g_clear_pointer (&ticks, g_array_unref);
      g_clear_pointer (&labels, g_ptr_array_unref);
      ticks = cvg_time_axis_ticks (self->x_axis, self->x0, self->x1, target, &step);
      labels = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < ticks->len; i++)
        {
          char *label = cvg_time_axis_format_tick (self->x_axis, g_array_index (ticks, double, i), step);
          int w, h;

          text_size (layout, label, &w, &h);
          widest = MAX (widest, w);
          g_ptr_array_add (labels, label);
        }
      if (ticks->len < 2 || step * self->plot_w / (self->x1 - self->x0) >= widest + TICK_GAP || target <= 2)
        break;
      target = MAX (2, (guint) (self->plot_w / (widest + 2 * TICK_GAP)));
    }

  for (guint i = 0; i < ticks->len; i++)
    {
      double x = round (project_x (self, g_array_index (ticks, double, i))) + 0.5;
      double left;
      int w, h;

      set_source (cr, &self->fg, 0.1);
      cairo_rectangle (cr, x - 0.5, self->plot_y, 1, self->plot_h);
      cairo_fill (cr);

      text_size (layout, g_ptr_array_index (labels, i), &w, &h);
      left = CLAMP (x - w / 2.0, 0, self->width - w);
      if (left < last_right + TICK_GAP / 2)
        continue;
      last_right = left + w;
      set_source (cr, &self->fg, 0.7);
      show_text (cr, layout, g_ptr_array_index (labels, i), left, self->plot_y + self->plot_h + 4);
    }
}

static void
choose_ranges (CvgChartModel *self)
{
  if (self->zoomed)
    {
      self->x0 = self->view_x0;
      self->x1 = self->view_x1;
      self->y0 = self->view_y0;
      self->y1 = self->view_y1;
    }
  else
    {
      self->x0 = self->data_x0;
      self->x1 = self->data_x1;
      self->y0 = self->data_y0;
      self->y1 = self->data_y1;
    }
}

static void
draw_axes (CvgChartModel *self,
           cairo_t       *cr,
           PangoLayout   *layout)
{
  g_autoptr(GArray) ticks = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  int line_h, w, widest = 0;

  text_size (layout, "0", &w, &line_h);
  self->plot_y = ceil (line_h / 2.0) + 2;
  self->plot_h = MAX (1, self->height - self->plot_y - line_h - 6);

  ticks = y_ticks (self, MAX (2, (guint) (self->plot_h / (2.5 * line_h))));
  for (guint i = 0; i < ticks->len; i++)
    {
      char *label = format_y_tick (self, g_array_index (ticks, double, i));
      int h;

      text_size (layout, label, &w, &h);
      widest = MAX (widest, w);
      g_ptr_array_add (labels, label);
    }
  self->plot_x = widest + 10;
  self->plot_w = MAX (1, self->width - self->plot_x - 8);

  draw_y_axis (self, cr, layout, ticks, labels, line_h);
  draw_x_axis (self, cr, layout, line_h);

  set_source (cr, &self->fg, 0.3);
  cairo_rectangle (cr, self->plot_x, self->plot_y + self->plot_h - 1, self->plot_w, 1);
  cairo_fill (cr);
}

CvgChartModel *
cvg_chart_model_new (void)
{
  CvgChartModel *self = g_new0 (CvgChartModel, 1);

  self->lines = g_ptr_array_new_with_free_func (line_free);
  self->smoothing = 0.6;
  self->ignore_outliers = TRUE;
  self->fg = (GdkRGBA) { 0, 0, 0, 1 };
  self->bg = (GdkRGBA) { 1, 1, 1, 1 };
  self->hover_order = g_array_new (FALSE, FALSE, sizeof (guint));
  self->px = g_new (double, CHUNK);
  self->py = g_new (double, CHUNK);
  self->dx = g_new (double, CHUNK);
  self->dy = g_new (double, CHUNK);
  self->kept = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->markers = g_array_new (FALSE, FALSE, sizeof (double));
  return self;
}

void
cvg_chart_model_free (CvgChartModel *self)
{
  g_ptr_array_unref (self->lines);
  g_array_unref (self->hover_order);
  g_free (self->px);
  g_free (self->py);
  g_free (self->dx);
  g_free (self->dy);
  g_array_unref (self->kept);
  g_array_unref (self->markers);
  g_free (self);
}

CvgChartLine *
cvg_chart_model_add_line (CvgChartModel *self,
                          const char    *name,
                          CvgSeries     *series)
{
  CvgChartLine *line = g_new0 (CvgChartLine, 1);

  line->name = cvg_utf8_escape (name, -1);
  line->series = series;
  line->visible = TRUE;
  line->xs_axis = -1;
  line->smoothed_weight = NAN;
  line->color = (GdkRGBA) { 0.5, 0.5, 0.5, 1 };
  g_ptr_array_add (self->lines, line);
  cvg_chart_model_unhover (self);
  self->extent_valid = FALSE;
  return line;
}

void
cvg_chart_model_clear_lines (CvgChartModel *self)
{
  cvg_chart_model_unhover (self);
  g_ptr_array_set_size (self->lines, 0);
  self->extent_valid = FALSE;
}

void
cvg_chart_model_invalidate_extent (CvgChartModel *self)
{
  self->extent_valid = FALSE;
}

gboolean
cvg_chart_model_reload_grown (CvgChartModel *self)
{
  gboolean any = FALSE;

  for (guint i = 0; i < self->lines->len; i++)
    {
      CvgChartLine *line = g_ptr_array_index (self->lines, i);
      g_autoptr(GArray) kept = NULL;

      if (!line->loaded)
        continue;
      kept = cvg_series_get_purged_indices (line->series);
      if (kept->len == line->n)
        continue;
      line_unload (line);
      any = TRUE;
    }
  if (any)
    {
      cvg_chart_model_unhover (self);
      self->extent_valid = FALSE;
    }
  return any;
}

guint
cvg_chart_model_get_n_visible (CvgChartModel *self)
{
  guint n = 0;

  for (guint i = 0; i < self->lines->len; i++)
    {
      CvgChartLine *line = g_ptr_array_index (self->lines, i);

      if (!line->visible)
        continue;
      cvg_chart_line_load (line);
      n += line->n > 0;
    }
  return n;
}

/* Copies the purged view a run of consecutive indices at a time, so a
 * series read without restarts is a single bulk copy. */
void
cvg_chart_line_load (CvgChartLine *line)
{
  CvgScalarStore *store;
  g_autoptr(GArray) kept = NULL;
  const guint *indices;

  if (line->loaded)
    return;

  line->loaded = TRUE;
  line->xs_axis = -1;
  line->smoothed_weight = NAN;
  line->hover_index = 0;
  kept = cvg_series_get_purged_indices (line->series);
  line->n = kept->len;
  if (line->n == 0)
    return;

  store = cvg_series_get_scalars (line->series);
  indices = &g_array_index (kept, guint, 0);
  line->is_double = cvg_series_is_double (line->series);
  line->steps = g_new (gint64, line->n);
  line->wall_times = g_new (double, line->n);
  line->values = g_new (double, line->n);

  for (gsize i = 0; i < line->n;)
    {
      gsize len = 1;

      while (i + len < line->n && indices[i + len] == indices[i] + len)
        len++;
      cvg_scalar_store_copy (store, indices[i], len,
                             line->steps + i, line->wall_times + i, line->values + i);
      i += len;
    }
}

void
cvg_chart_model_draw (CvgChartModel *self,
                      cairo_t       *cr,
                      PangoLayout   *layout,
                      double         width,
                      double         height)
{
  self->width = width;
  self->height = height;
  ensure_extent (self);
  self->laid_out = self->has_extent && width > 40 && height > 40;
  if (!self->laid_out)
    return;

  choose_ranges (self);
  reset_layout (layout);
  draw_axes (self, cr, layout);
  draw_lines (self, cr);
}

/* The texts of one tooltip row, per column. */
static void
row_cells (CvgChartLine *line,
           gboolean      compact,
           char         *cells[N_COLS])
{
  gsize i = line->hover_index;

  cells[COL_RUN] = g_strdup (line->name);
  cells[COL_SMOOTHED] = cvg_format_compact (line->smoothed[i], 5);
  cells[COL_VALUE] = cvg_format_compact (line->values[i], 5);
  cells[COL_STEP] = g_strdup_printf ("%" G_GINT64_FORMAT, line->steps[i]);
  cells[COL_TIME] = cvg_format_wall_time (line->wall_times[i], compact);
  cells[COL_RELATIVE] = cvg_format_duration (line->wall_times[i] - line->wall_times[0]);
}

static void
free_cells (char *cells[N_COLS])
{
  for (int c = 0; c < N_COLS; c++)
    g_free (cells[c]);
}

static gboolean
set_view (CvgChartModel *self,
          double         x0,
          double         x1,
          double         y0,
          double         y1)
{
  if (!(x1 > x0) || !(y1 > y0) || !isfinite (x1 - x0) || !isfinite (y1 - y0))
    return FALSE;
  self->zoomed = TRUE;
  self->view_x0 = x0;
  self->view_x1 = x1;
  self->view_y0 = y0;
  self->view_y1 = y1;
  choose_ranges (self);
  return TRUE;
}

typedef struct
{
  double distance;
  guint  index;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *ra = a, *rb = b;

  if (ra->distance != rb->distance)
    return ra->distance < rb->distance ? -1 : 1;
  return ra->index < rb->index ? -1 : ra->index > rb->index;
}

static gboolean
line_has_pieces (const CvgChartLine *line)
{
  return line->pieces != NULL && line->pieces->len > 0;
}

/* From the pointer to the smoothed point, vertically; a point with no
 * y counts as a plot height away. */
static double
pixel_distance_y (const CvgChartModel *self,
                  const CvgChartLine  *line,
                  gsize                index,
                  double               py)
{
  double y = axis_y (self, line->smoothed[index]);

  return isfinite (y) ? fabs (project_y (self, y) - py) : self->plot_h;
}

/* The point of @line nearest to axis x @x: the nearest of each piece,
 * and among equally near ones (the passes of a restarted run overlap)
 * the one nearest to the pointer's @py. */
static gsize
line_nearest (const CvgChartModel *self,
              const CvgChartLine  *line,
              double               x,
              double               py)
{
  double best_dx = INFINITY, best_dy = INFINITY;
  gsize best = 0;

  for (guint p = 0; p < line->pieces->len; p++)
    {
      const CvgChartPiece *piece = &g_array_index (line->pieces, CvgChartPiece, p);
      gsize i = piece->start + cvg_nearest_index (line->xs + piece->start, piece->end - piece->start, x);
      double dx = fabs (line->xs[i] - x);
      double dy = pixel_distance_y (self, line, i, py);

      if (dx < best_dx || (dx == best_dx && dy < best_dy))
        {
          best = i;
          best_dx = dx;
          best_dy = dy;
        }
    }
  return best;
}

/* Hovers the points nearest to axis x @x; orders runs by their pixel
 * distance to the pointer (@px, @py). */
static gboolean
hover_at (CvgChartModel *self,
          double         x,
          double         px,
          double         py)
{
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  gboolean changed = !self->hovering;
  double best = INFINITY, hover_x = x;

  for (guint i = 0; i < self->lines->len; i++)
    {
      CvgChartLine *line = g_ptr_array_index (self->lines, i);
      gsize index;
      Ranked r;

      if (!line_is_drawn (line) || !line_has_pieces (line))
        continue;
      index = line_nearest (self, line, x, py);
      changed |= index != line->hover_index;
      line->hover_index = index;
      if (fabs (line->xs[index] - x) < best)
        {
          best = fabs (line->xs[index] - x);
          hover_x = line->xs[index];
        }
      r.index = i;
      r.distance = hypot (project_x (self, line->xs[index]) - px,
                          pixel_distance_y (self, line, index, py));
      g_array_append_val (ranked, r);
    }
  if (ranked->len == 0)
    return cvg_chart_model_unhover (self);

  g_array_sort (ranked, compare_ranked);
  changed |= ranked->len != self->hover_order->len;
  for (guint i = 0; i < ranked->len && !changed; i++)
    changed |= g_array_index (ranked, Ranked, i).index != g_array_index (self->hover_order, guint, i);
  changed |= fabs (py - self->pointer_y) > TOOLTIP_Y_SLACK;

  if (changed)
    {
      g_array_set_size (self->hover_order, 0);
      for (guint i = 0; i < ranked->len; i++)
        g_array_append_val (self->hover_order, g_array_index (ranked, Ranked, i).index);
      self->pointer_x = px;
      self->pointer_y = py;
      self->hover_x = hover_x;
    }
  self->hovering = TRUE;
  return changed;
}

gboolean
cvg_chart_model_hover (CvgChartModel *self,
                       double         px,
                       double         py)
{
  double x;

  if (!self->laid_out || px < self->plot_x - 1 || px > self->plot_x + self->plot_w + 1)
    return cvg_chart_model_unhover (self);

  x = self->x0 + (px - self->plot_x) * (self->x1 - self->x0) / self->plot_w;
  return hover_at (self, x, px, py);
}

gboolean
cvg_chart_model_unhover (CvgChartModel *self)
{
  if (!self->hovering)
    return FALSE;
  self->hovering = FALSE;
  g_array_set_size (self->hover_order, 0);
  return TRUE;
}

gboolean
cvg_chart_model_step_hover (CvgChartModel *self,
                            int            direction)
{
  double target = direction > 0 ? INFINITY : -INFINITY;
  double from = self->hover_x;

  if (!self->laid_out)
    return FALSE;
  if (!self->hovering)
    from = direction > 0 ? -INFINITY : INFINITY;

  for (guint i = 0; i < self->lines->len; i++)
    {
      CvgChartLine *line = g_ptr_array_index (self->lines, i);

      if (!line_is_drawn (line) || line->pieces == NULL)
        continue;
      for (guint p = 0; p < line->pieces->len; p++)
        {
          const CvgChartPiece *piece = &g_array_index (line->pieces, CvgChartPiece, p);
          const double *xs = line->xs + piece->start;
          gsize len = piece->end - piece->start;
          gsize j = lower_bound (xs, len, from, direction > 0);

          if (direction > 0 && j < len)
            target = MIN (target, xs[j]);
          else if (direction < 0 && j > 0)
            target = MAX (target, xs[j - 1]);
        }
    }
  if (!isfinite (target))
    return FALSE;

  /* Keep the hovered point on screen. */
  if (target < self->x0 || target > self->x1)
    {
      double span = self->x1 - self->x0;

      set_view (self, target - span / 2, target + span / 2, self->y0, self->y1);
    }
  return hover_at (self, target, project_x (self, target),
                   self->hovering ? self->pointer_y : self->plot_y + self->plot_h / 2);
}

char *
cvg_chart_model_dup_tooltip_text (CvgChartModel *self)
{
  GString *text;

  if (!self->hovering)
    return NULL;

  text = g_string_new (NULL);
  for (guint i = 0; i < self->hover_order->len; i++)
    {
      CvgChartLine *line = g_ptr_array_index (self->lines, g_array_index (self->hover_order, guint, i));
      char *cells[N_COLS];

      row_cells (line, FALSE, cells);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (self->smoothing > 0)
        /* Translators: one run in a chart's tooltip, read by screen readers too */
        g_string_append_printf (text, _("%s: smoothed %s, value %s, step %s, time %s, relative %s"),
                                cells[COL_RUN], cells[COL_SMOOTHED], cells[COL_VALUE],
                                cells[COL_STEP], cells[COL_TIME], cells[COL_RELATIVE]);
      else
        /* Translators: one run in a chart's tooltip, read by screen readers too */
        g_string_append_printf (text, _("%s: value %s, step %s, time %s, relative %s"),
                                cells[COL_RUN], cells[COL_VALUE],
                                cells[COL_STEP], cells[COL_TIME], cells[COL_RELATIVE]);
      free_cells (cells);
    }
  return g_string_free (text, FALSE);
}

static void
draw_dots (CvgChartModel *self,
           cairo_t       *cr)
{
  for (guint i = 0; i < self->hover_order->len; i++)
    {
      CvgChartLine *line = g_ptr_array_index (self->lines, g_array_index (self->hover_order, guint, i));
      double y = axis_y (self, line->smoothed[line->hover_index]);
      double x = line->xs[line->hover_index];

      if (!isfinite (y) || x < self->x0 || x > self->x1 || y < self->y0 || y > self->y1)
        continue;
      cairo_arc (cr, project_x (self, x), project_y (self, y), 4, 0, 2 * G_PI);
      set_source (cr, &line->color, 1);
      cairo_fill_preserve (cr);
      set_source (cr, &self->bg, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
}

typedef struct
{
  guint     n_rows;       /* runs shown */
  guint     n_hidden;     /* runs left out for lack of room */
  gboolean  shown[N_COLS];
  double    col_w[N_COLS];
  double    row_h;
  double    width, height;
  char     *headers[N_COLS];
} TooltipLayout;

static void
tooltip_measure (TooltipLayout *tl)
{
  tl->width = 2 * TOOLTIP_PAD;
  for (int c = 0; c < N_COLS; c++)
    if (tl->shown[c])
      tl->width += tl->col_w[c] + (c > 0 ? TOOLTIP_COL_GAP : 0);
}

/* Decides rows and columns so that the tooltip fits in the chart: rows
 * beyond the height become an "N more" line; when too wide, run names are
 * ellipsized in the middle, then Time and Relative are left out. */
static void
layout_tooltip (CvgChartModel *self,
                PangoLayout   *layout,
                TooltipLayout *tl)
{
  static const int drop_order[] = { COL_TIME, COL_RELATIVE };
  double max_w = self->width - 4, max_h = self->height - 4;
  guint max_rows;
  int w, h;

  tl->headers[COL_RUN] = _("Run");
  tl->headers[COL_SMOOTHED] = _("Smoothed");
  tl->headers[COL_VALUE] = _("Value");
  tl->headers[COL_STEP] = _("Step");
  tl->headers[COL_TIME] = _("Time");
  tl->headers[COL_RELATIVE] = _("Relative");

  text_size (layout, "0", &w, &h);
  tl->row_h = h + 2;
  max_rows = (guint) MAX (0, (max_h - 2 * TOOLTIP_PAD) / tl->row_h - 1);
  tl->n_rows = self->hover_order->len;
  tl->n_hidden = 0;
  if (tl->n_rows > max_rows)
    {
      tl->n_rows = max_rows > 0 ? max_rows - 1 : 0;
      tl->n_hidden = self->hover_order->len - tl->n_rows;
    }

  for (int c = 0; c < N_COLS; c++)
    {
      tl->shown[c] = c != COL_SMOOTHED || self->smoothing > 0;
      text_size (layout, tl->headers[c], &w, &h);
      tl->col_w[c] = w;
    }
  for (guint r = 0; r < tl->n_rows; r++)
    {
      CvgChartLine *line = g_ptr_array_index (self->lines, g_array_index (self->hover_order, guint, r));
      char *cells[N_COLS];

      row_cells (line, TRUE, cells);
      for (int c = 0; c < N_COLS; c++)
        {
          text_size (layout, cells[c], &w, &h);
          tl->col_w[c] = MAX (tl->col_w[c], w);
        }
      free_cells (cells);
    }
  tl->col_w[COL_RUN] += SWATCH + 6;

  /* Long run names give way first, down to a readable width; only then
   * do Time and Relative go, and the names shrink further. */
  for (guint d = 0;; d++)
    {
      double floor_w = d < G_N_ELEMENTS (drop_order) ? TOOLTIP_MIN_RUN_W : SWATCH + 6 + 20;

      tooltip_measure (tl);
      if (tl->width > max_w)
        {
          tl->col_w[COL_RUN] = MAX (MIN (floor_w, tl->col_w[COL_RUN]),
                                    tl->col_w[COL_RUN] - (tl->width - max_w));
          tooltip_measure (tl);
        }
      if (tl->width <= max_w || d == G_N_ELEMENTS (drop_order))
        break;
      tl->shown[drop_order[d]] = FALSE;
    }
  tl->width = MIN (tl->width, max_w);
  tl->height = 2 * TOOLTIP_PAD + tl->row_h * (1 + tl->n_rows + (tl->n_hidden > 0));
}

static void
draw_tooltip_row (CvgChartModel       *self,
                  cairo_t             *cr,
                  PangoLayout         *layout,
                  const TooltipLayout *tl,
                  char                *cells[N_COLS],
                  const GdkRGBA       *swatch,
                  double               x,
                  double               y,
                  double               alpha)
{
  for (int c = 0; c < N_COLS; c++)
    {
      double text_x = x;

      if (!tl->shown[c])
        continue;
      if (c == COL_RUN)
        {
          if (swatch != NULL)
            {
              set_source (cr, swatch, 1);
              cairo_rectangle (cr, x, y + (tl->row_h - SWATCH) / 2, SWATCH, SWATCH);
              cairo_fill (cr);
            }
          text_x += SWATCH + 6;
          pango_layout_set_width (layout, (int) ((tl->col_w[c] - SWATCH - 6) * PANGO_SCALE));
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_MIDDLE);
        }
      set_source (cr, &self->fg, alpha);
      show_text (cr, layout, cells[c], text_x, y);
      reset_layout (layout);
      x += tl->col_w[c] + TOOLTIP_COL_GAP;
    }
}

static void
draw_tooltip (CvgChartModel *self,
              cairo_t       *cr,
              PangoLayout   *layout)
{
  TooltipLayout tl = { 0 };
  double cross = project_x (self, self->hover_x);
  double x, y;

  layout_tooltip (self, layout, &tl);

  /* Beside the crosshair, on the side with room, never outside the chart. */
  x = cross + TOOLTIP_GAP;
  if (x + tl.width > self->width - 2)
    x = cross - TOOLTIP_GAP - tl.width;
  x = CLAMP (x, 2, MAX (2, self->width - 2 - tl.width));
  y = CLAMP (self->pointer_y + TOOLTIP_GAP, 2, MAX (2, self->height - 2 - tl.height));

  cairo_new_path (cr);
  cairo_arc (cr, x + 6, y + 6, 6, G_PI, 1.5 * G_PI);
  cairo_arc (cr, x + tl.width - 6, y + 6, 6, 1.5 * G_PI, 2 * G_PI);
  cairo_arc (cr, x + tl.width - 6, y + tl.height - 6, 6, 0, 0.5 * G_PI);
  cairo_arc (cr, x + 6, y + tl.height - 6, 6, 0.5 * G_PI, G_PI);
  cairo_close_path (cr);
  set_source (cr, &self->bg, 0.96);
  cairo_fill_preserve (cr);
  set_source (cr, &self->fg, 0.15);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  x += TOOLTIP_PAD;
  y += TOOLTIP_PAD;
  draw_tooltip_row (self, cr, layout, &tl, tl.headers, NULL, x, y, 0.6);
  for (guint r = 0; r < tl.n_rows; r++)
    {
      CvgChartLine *line = g_ptr_array_index (self->lines, g_array_index (self->hover_order, guint, r));
      char *cells[N_COLS];

      y += tl.row_h;
      row_cells (line, TRUE, cells);
      draw_tooltip_row (self, cr, layout, &tl, cells, &line->color, x, y, 1);
      free_cells (cells);
    }
  if (tl.n_hidden > 0)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("%u more run", "%u more runs", tl.n_hidden),
                                               tl.n_hidden);

      set_source (cr, &self->fg, 0.6);
      show_text (cr, layout, more, x, y + tl.row_h);
    }
}

void
cvg_chart_model_draw_hover (CvgChartModel *self,
                            cairo_t       *cr,
                            PangoLayout   *layout)
{
  double cross;

  if (!self->hovering || !self->laid_out)
    return;

  reset_layout (layout);
  cross = project_x (self, self->hover_x);
  if (cross >= self->plot_x && cross <= self->plot_x + self->plot_w)
    {
      set_source (cr, &self->fg, 0.5);
      cairo_rectangle (cr, round (cross), self->plot_y, 1, self->plot_h);
      cairo_fill (cr);
    }
  cairo_save (cr);
  cairo_rectangle (cr, self->plot_x - 5, self->plot_y - 5, self->plot_w + 10, self->plot_h + 10);
  cairo_clip (cr);
  draw_dots (self, cr);
  cairo_restore (cr);
  draw_tooltip (self, cr, layout);
}

static double
unproject_x (CvgChartModel *self,
             double         px)
{
  return self->x0 + (px - self->plot_x) * (self->x1 - self->x0) / self->plot_w;
}

static double
unproject_y (CvgChartModel *self,
             double         py)
{
  return self->y0 + (self->plot_y + self->plot_h - py) * (self->y1 - self->y0) / self->plot_h;
}

gboolean
cvg_chart_model_zoom_box (CvgChartModel *self,
                          double         px0,
                          double         py0,
                          double         px1,
                          double         py1)
{
  if (!self->laid_out || fabs (px1 - px0) < 5 || fabs (py1 - py0) < 5)
    return FALSE;
  return set_view (self,
                   unproject_x (self, MIN (px0, px1)), unproject_x (self, MAX (px0, px1)),
                   unproject_y (self, MAX (py0, py1)), unproject_y (self, MIN (py0, py1)));
}

gboolean
cvg_chart_model_zoom_at (CvgChartModel *self,
                         double         px,
                         double         py,
                         double         factor)
{
  double x, y;

  if (!self->laid_out)
    return FALSE;
  x = unproject_x (self, px);
  y = unproject_y (self, py);
  return set_view (self,
                   x - (x - self->x0) * factor, x + (self->x1 - x) * factor,
                   y - (y - self->y0) * factor, y + (self->y1 - y) * factor);
}

gboolean
cvg_chart_model_pan (CvgChartModel *self,
                     double         dx,
                     double         dy)
{
  double ddx, ddy;

  if (!self->laid_out || (dx == 0 && dy == 0))
    return FALSE;
  ddx = dx * (self->x1 - self->x0) / self->plot_w;
  ddy = dy * (self->y1 - self->y0) / self->plot_h;
  return set_view (self, self->x0 - ddx, self->x1 - ddx, self->y0 + ddy, self->y1 + ddy);
}

gboolean
cvg_chart_model_reset_zoom (CvgChartModel *self)
{
  if (!self->zoomed)
    return FALSE;
  self->zoomed = FALSE;
  return TRUE;
}
