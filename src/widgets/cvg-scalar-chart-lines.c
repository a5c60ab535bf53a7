/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-scalar-chart-lines"

#include "config.h"

#include "cvg-scalar-chart-private.h"

#include <math.h>

#include "cvg-chart-draw.h"
#include "cvg-chart-math.h"

/* The scalar chart's lines: each piece projected, decimated per pixel
 * column and stroked; points alone filled as markers. */

#define MAX_CLAMP 1e6

/* A band's fill (margin charts, group spreads) and a faint line's stroke. */
#define BAND_ALPHA 0.3
#define FAINT_ALPHA 0.35
#define MARKER_SPACING 32.0
#define FAINT_STEP 2.0

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
      double y = self->log_scale ? cvg_chart_model_axis_y (self, ys[i]) : ys[i];

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
  for (gsize c = start; c < end; c += CVG_CHART_CHUNK)
    {
      gsize len = MIN (CVG_CHART_CHUNK, end - c);
      gsize m;

      for (gsize i = 0; i < len; i++)
        {
          double y = self->log_scale ? cvg_chart_model_axis_y (self, ys[c + i]) : ys[c + i];

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

/* The points [*start, *end) of piece @p that the view shows, plus one
 * each side, so that the line enters and leaves the plot; FALSE when
 * the piece is off the view (its end point would pass for a point
 * alone). */
static gboolean
piece_in_view (const CvgChartModel *self,
               const CvgChartLine  *line,
               guint                p,
               gsize               *start,
               gsize               *end)
{
  const CvgChartPiece *piece = &g_array_index (line->pieces, CvgChartPiece, p);
  const double *xs = line->xs + piece->start;
  gsize len = piece->end - piece->start;

  if (xs[len - 1] < self->x0 || xs[0] > self->x1)
    return FALSE;
  *start = piece->start + cvg_chart_lower_bound (xs, len, self->x0, FALSE);
  *end = piece->start + cvg_chart_lower_bound (xs, len, self->x1, TRUE);
  *start = *start > piece->start ? *start - 1 : *start;
  *end = MIN (*end + 1, piece->end);
  return TRUE;
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
      gsize start, end;

      if (!piece_in_view (self, line, p, &start, &end))
        continue;
      if (sorted)
        stroke_piece_sorted (self, &pen, line, ys, pyramid, start, end, ox, oy, sx, sy);
      else
        stroke_piece_chunked (self, &pen, line, ys, start, end, ox, oy, sx, sy);
      pen_lift (&pen);
    }
  pen_finish (&pen, radius);
}

static gboolean
any_emphasized (CvgChartModel *self)
{
  for (guint i = 0; i < self->lines->len; i++)
    {
      CvgChartLine *line = g_ptr_array_index (self->lines, i);

      if (cvg_chart_line_is_drawn (line) && line->emphasized)
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
      cvg_chart_set_source (cr, &line->color, 1);
      stroke_series (self, cr, line, ys, pyramid, width + 1.5);
      return;
    }
  cairo_push_group (cr);
  cairo_set_source_rgb (cr, line->color.red, line->color.green, line->color.blue);
  stroke_series (self, cr, line, ys, pyramid, width + 1.5);
  cairo_pop_group_to_source (cr);
  cairo_paint_with_alpha (cr, line->color.alpha * alpha);
}

/* One pixel column of a band: its first point's x and the extreme
 * bounds of its points, in value space until it is added. */
typedef struct
{
  gboolean open;
  double   x, lo, hi;
  double   next_x;   /* where the next column starts, in axis space */
} BandColumn;

static void
band_column_close (CvgChartModel *self,
                   BandColumn    *column,
                   GArray        *tops,
                   GArray        *bottoms)
{
  double x, top, bottom;

  if (!column->open)
    return;
  column->open = FALSE;
  x = CLAMP (cvg_chart_model_project_x (self, column->x), -MAX_CLAMP, MAX_CLAMP);
  top = CLAMP (cvg_chart_model_project_y (self, cvg_chart_model_axis_y (self, column->hi)), -MAX_CLAMP, MAX_CLAMP);
  bottom = CLAMP (cvg_chart_model_project_y (self, cvg_chart_model_axis_y (self, column->lo)), -MAX_CLAMP, MAX_CLAMP);
  g_array_append_val (tops, x);
  g_array_append_val (tops, top);
  g_array_append_val (bottoms, x);
  g_array_append_val (bottoms, bottom);
}

/* The band of @line between its lower and upper bounds, per piece: each
 * pixel column's highest upper and lowest lower bound, joined into a
 * polygon that breaks where a bound is missing (or, on a log scale, not
 * positive). The points of a column are only compared, then projected
 * once: a band has as many points as its line. */
static void
fill_band (CvgChartModel      *self,
           cairo_t            *cr,
           const CvgChartLine *line)
{
  g_autoptr(GArray) tops = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bottoms = g_array_new (FALSE, FALSE, sizeof (double));
  double per_pixel = (self->x1 - self->x0) / self->plot_w;

  for (guint p = 0; p < line->pieces->len; p++)
    {
      BandColumn column = { FALSE, };
      gsize start, end;

      if (!piece_in_view (self, line, p, &start, &end))
        continue;
      for (gsize i = start; i <= end; i++)
        {
          double lo = i < end ? MIN (line->lower[i], line->upper[i]) : NAN;
          double hi = i < end ? MAX (line->lower[i], line->upper[i]) : NAN;

          if (!isfinite (lo) || !isfinite (hi) || (self->log_scale && lo <= 0))
            {
              band_column_close (self, &column, tops, bottoms);
              /* Columns are (x, top) and (x, bottom) pairs. */
              cvg_chart_band_path (cr, tops, bottoms);
              g_array_set_size (tops, 0);
              g_array_set_size (bottoms, 0);
              continue;
            }
          if (column.open && line->xs[i] < column.next_x)
            {
              column.lo = MIN (column.lo, lo);
              column.hi = MAX (column.hi, hi);
              continue;
            }
          band_column_close (self, &column, tops, bottoms);
          column.open = TRUE;
          column.x = line->xs[i];
          column.lo = lo;
          column.hi = hi;
          column.next_x = self->x0 + (floor ((line->xs[i] - self->x0) / per_pixel) + 1) * per_pixel;
        }
    }
  cvg_chart_set_source (cr, &line->color, BAND_ALPHA);
  cairo_fill (cr);
}

/* Marker shapes along the smoothed line, at least MARKER_SPACING apart. */
static void
draw_markers (CvgChartModel      *self,
              cairo_t            *cr,
              const CvgChartLine *line)
{
  double next = -INFINITY;

  if (line->marker == CVG_MARKER_NONE)
    return;
  for (guint p = 0; p < line->pieces->len; p++)
    {
      const CvgChartPiece *piece = &g_array_index (line->pieces, CvgChartPiece, p);
      const double *xs = line->xs + piece->start;
      gsize len = piece->end - piece->start;
      gsize start = piece->start + cvg_chart_lower_bound (xs, len, self->x0, FALSE);
      gsize end = piece->start + cvg_chart_lower_bound (xs, len, self->x1, TRUE);

      for (gsize i = start; i < end; i++)
        {
          double y = cvg_chart_model_axis_y (self, line->smoothed[i]);
          double px = cvg_chart_model_project_x (self, line->xs[i]);

          if (!isfinite (y) || px < next)
            continue;
          next = px + MARKER_SPACING;
          cvg_chart_marker_path (cr, line->marker, px, cvg_chart_model_project_y (self, y), 3.5);
        }
      next = -INFINITY;
    }
  cvg_chart_set_source (cr, &line->color, 1);
  cairo_fill (cr);
}

/* cvg_nearest_index (), first guessed as if the xs were evenly spaced
 * (steps logged at a fixed interval are): a few reads near the guess
 * rather than a binary search's cache misses over the whole series. */
static gsize
nearest_guessed (const double *xs,
                 gsize         len,
                 double        x)
{
  double span = xs[len - 1] - xs[0];
  gsize i = span > 0 ? (gsize) CLAMP ((x - xs[0]) / span * (len - 1), 0, len - 1) : 0;

  for (guint walk = 0; walk < 8; walk++)
    {
      if (i + 1 < len && xs[i + 1] <= x)
        i++;
      else if (i > 0 && xs[i] > x)
        i--;
      else
        return i + 1 < len && xs[i + 1] - x < x - xs[i] ? i + 1 : i;
    }
  return cvg_nearest_index (xs, len, x);
}

/* A faint line through its smoothed value every FAINT_STEP pixels: it
 * is the backdrop of a group's line, where a column's spikes would only
 * cost strokes (hundreds of members). O(columns × log n). */
static void
stroke_sampled (CvgChartModel      *self,
                cairo_t            *cr,
                const CvgChartLine *line)
{
  for (guint p = 0; p < line->pieces->len; p++)
    {
      const CvgChartPiece *piece = &g_array_index (line->pieces, CvgChartPiece, p);
      const double *xs = line->xs + piece->start;
      gsize len = piece->end - piece->start;
      double from = MAX (self->x0, xs[0]), to = MIN (self->x1, xs[len - 1]);
      double step = FAINT_STEP * (self->x1 - self->x0) / self->plot_w;
      gboolean down = FALSE;

      if (!(from <= to) || !(step > 0))
        continue;
      for (double x = from;; x = MIN (x + step, to))
        {
          gsize i = piece->start + nearest_guessed (xs, len, x);
          double y = cvg_chart_model_axis_y (self, line->smoothed[i]);

          if (!isfinite (y))
            down = FALSE;
          else if (!down)
            {
              cairo_move_to (cr, cvg_chart_model_project_x (self, line->xs[i]), cvg_chart_model_project_y (self, y));
              down = TRUE;
            }
          else
            cairo_line_to (cr, cvg_chart_model_project_x (self, line->xs[i]), cvg_chart_model_project_y (self, y));
          if (x >= to)
            break;
        }
      cairo_stroke (cr);
    }
}

/* Faint lines (a group's members, up to hundreds) go opaque through one
 * group, then onto the chart at FAINT_ALPHA: not a group per line. */
static void
draw_faint_lines (CvgChartModel *self,
                  cairo_t       *cr)
{
  gboolean any = FALSE;

  for (guint i = 0; i < self->lines->len; i++)
    {
      CvgChartLine *line = g_ptr_array_index (self->lines, i);

      if (!cvg_chart_line_is_drawn (line) || !line->faint)
        continue;
      if (!any)
        cairo_push_group (cr);
      any = TRUE;
      cairo_set_line_width (cr, 1.0);
      cairo_set_source_rgb (cr, line->color.red, line->color.green, line->color.blue);
      stroke_sampled (self, cr, line);
    }
  if (!any)
    return;
  cairo_pop_group_to_source (cr);
  cairo_paint_with_alpha (cr, FAINT_ALPHA);
}

/* Bands first, then faint lines (a group's members), then raw faint
 * under smoothed solid, as TensorBoard; while a run is emphasized the others
 * fade and it is drawn last, thicker. */
void
cvg_chart_model_draw_lines (CvgChartModel *self,
                            cairo_t       *cr)
{
  gboolean emphasis = any_emphasized (self);

  cairo_save (cr);
  cairo_rectangle (cr, self->plot_x, self->plot_y, self->plot_w, self->plot_h);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (guint i = 0; i < self->lines->len; i++)
    {
      CvgChartLine *line = g_ptr_array_index (self->lines, i);

      if (cvg_chart_line_is_hoverable (line) && line->lower != NULL)
        fill_band (self, cr, line);
    }
  draw_faint_lines (self, cr);

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->lines->len; i++)
      {
        CvgChartLine *line = g_ptr_array_index (self->lines, i);
        double alpha = emphasis && !line->emphasized ? 0.3 : 1.0;

        if (!cvg_chart_line_is_hoverable (line) || line->emphasized != (pass == 1))
          continue;
        if (self->smoothing > 0 && line->smooth)
          stroke_line (self, cr, line, line->values, line->values_pyramid, 1.0, alpha * 0.3);
        stroke_line (self, cr, line, line->smoothed, cvg_chart_line_smoothed_pyramid (line),
                     line->emphasized ? 2.5 : 1.5, alpha);
        draw_markers (self, cr, line);
      }
  cairo_restore (cr);
}
