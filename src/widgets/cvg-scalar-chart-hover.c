/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-scalar-chart-hover"

#include "config.h"

#include "cvg-scalar-chart-private.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cvg-chart-common.h"
#include "cvg-chart-draw.h"
#include "cvg-chart-math.h"

/* The scalar chart's hover: the points under the pointer, keyboard
 * stepping, the dots and the tooltip (drawn, and as text). */

#define TOOLTIP_PAD 8.0
#define TOOLTIP_MIN_RUN_W 240.0
#define TOOLTIP_GAP 16.0
#define TOOLTIP_COL_GAP 10.0
#define SWATCH 10.0
/* The tooltip follows the pointer vertically in steps of this many pixels,
 * so that moving along a line does not redraw on every event. */
#define TOOLTIP_Y_SLACK 24.0

enum {
  COL_RUN,
  COL_SMOOTHED,
  COL_VALUE,
  COL_LOWER,
  COL_UPPER,
  COL_COUNT,
  COL_STEP,
  COL_TIME,
  COL_RELATIVE,
  N_COLS
};

/* The x of a points line, in the one column of its axis. */
static void
points_x_cells (CvgChartLine *line,
                gboolean      compact,
                char         *cells[N_COLS])
{
  double x = line->xs[line->hover_index];

  /* Hovered, so drawn: on the axis it was given on. */
  switch ((CvgXAxis) line->xs_axis)
    {
    case CVG_X_AXIS_RELATIVE:
      cells[COL_RELATIVE] = cvg_format_duration (x);
      break;
    case CVG_X_AXIS_WALL:
      cells[COL_TIME] = cvg_format_wall_time (x, compact);
      break;
    case CVG_X_AXIS_STEP:
    default:
      cells[COL_STEP] = g_strdup_printf ("%" G_GINT64_FORMAT, line->steps[line->hover_index]);
      break;
    }
}

/* The texts of one tooltip row, per column; NULL where the line has
 * nothing to show (a band's bounds, a count, smoothing). */
static void
row_cells (CvgChartLine *line,
           gboolean      compact,
           char         *cells[N_COLS])
{
  gsize i = line->hover_index;

  memset (cells, 0, N_COLS * sizeof (char *));
  cells[COL_RUN] = g_strdup (line->name);
  if (line->smooth)
    cells[COL_SMOOTHED] = cvg_format_compact (line->smoothed[i], 5);
  cells[COL_VALUE] = cvg_format_compact (line->values[i], 5);
  if (line->lower != NULL)
    {
      cells[COL_LOWER] = cvg_format_compact (line->lower[i], 5);
      cells[COL_UPPER] = cvg_format_compact (line->upper[i], 5);
    }
  if (line->counts != NULL)
    cells[COL_COUNT] = g_strdup_printf ("%u", line->counts[i]);
  if (line->source != NULL && cvg_plot_line_get_run (line->source) == NULL)
    {
      points_x_cells (line, compact, cells);
      return;
    }
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
  double y = cvg_chart_model_axis_y (self, line->smoothed[index]);

  return isfinite (y) ? fabs (cvg_chart_model_project_y (self, y) - py) : self->plot_h;
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

      if (!cvg_chart_line_is_hoverable (line) || !line_has_pieces (line))
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
      r.distance = hypot (cvg_chart_model_project_x (self, line->xs[index]) - px,
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

      if (!cvg_chart_line_is_hoverable (line) || line->pieces == NULL)
        continue;
      for (guint p = 0; p < line->pieces->len; p++)
        {
          const CvgChartPiece *piece = &g_array_index (line->pieces, CvgChartPiece, p);
          const double *xs = line->xs + piece->start;
          gsize len = piece->end - piece->start;
          gsize j = cvg_chart_lower_bound (xs, len, from, direction > 0);

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

      cvg_chart_model_set_view (self, target - span / 2, target + span / 2, self->y0, self->y1);
    }
  return hover_at (self, target, cvg_chart_model_project_x (self, target),
                   self->hovering ? self->pointer_y : self->plot_y + self->plot_h / 2);
}

/* A row of a line with a band or without smoothing: its value by name
 * ("mean 0.5"), then what else it has, each part translatable alone. */
static void
append_band_row (GString      *text,
                 CvgChartLine *line,
                 char         *cells[N_COLS])
{
  const char *value_name = line->source != NULL ? cvg_plot_line_get_value_name (line->source) : _("value");
  /* Translators: parts of a line's row in a chart's tooltip, joined by commas */
  const char *formats[N_COLS] = {
    [COL_LOWER] = N_("lower %s"),
    [COL_UPPER] = N_("upper %s"),
    [COL_COUNT] = N_("n %s"),
    [COL_STEP] = N_("step %s"),
    [COL_TIME] = N_("time %s"),
    [COL_RELATIVE] = N_("relative %s"),
  };

  g_string_append_printf (text, "%s: %s %s", cells[COL_RUN], value_name, cells[COL_VALUE]);
  for (int c = COL_LOWER; c < N_COLS; c++)
    if (cells[c] != NULL)
      {
        g_string_append (text, ", ");
        g_string_append_printf (text, _(formats[c]), cells[c]);
      }
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
      if (cells[COL_LOWER] != NULL || !line->smooth)
        append_band_row (text, line, cells);
      else if (self->smoothing > 0)
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
      double y = cvg_chart_model_axis_y (self, line->smoothed[line->hover_index]);
      double x = line->xs[line->hover_index];

      if (!isfinite (y) || x < self->x0 || x > self->x1 || y < self->y0 || y > self->y1)
        continue;
      cairo_arc (cr, cvg_chart_model_project_x (self, x), cvg_chart_model_project_y (self, y), 4, 0, 2 * G_PI);
      cvg_chart_set_source (cr, &line->color, 1);
      cairo_fill_preserve (cr);
      cvg_chart_set_source (cr, &self->bg, 1);
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

/* Whether every hovered line is a group's (a points line with counts). */
static gboolean
all_groups (CvgChartModel *self)
{
  for (guint i = 0; i < self->hover_order->len; i++)
    {
      CvgChartLine *line = g_ptr_array_index (self->lines, g_array_index (self->hover_order, guint, i));

      if (line->counts == NULL)
        return FALSE;
    }
  return self->hover_order->len > 0;
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

  /* Translators: the first column of a chart's tooltip when it shows groups of runs */
  tl->headers[COL_RUN] = all_groups (self) ? _("Group") : _("Run");
  tl->headers[COL_SMOOTHED] = _("Smoothed");
  tl->headers[COL_VALUE] = _("Value");
  tl->headers[COL_LOWER] = _("Lower");
  tl->headers[COL_UPPER] = _("Upper");
  /* Translators: the column of a chart's tooltip with how many runs a group's point aggregates */
  tl->headers[COL_COUNT] = _("n");
  tl->headers[COL_STEP] = _("Step");
  tl->headers[COL_TIME] = _("Time");
  tl->headers[COL_RELATIVE] = _("Relative");

  cvg_chart_text_size (layout, "0", &w, &h);
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
      tl->shown[c] = FALSE;
      cvg_chart_text_size (layout, tl->headers[c], &w, &h);
      tl->col_w[c] = w;
    }
  /* A column shows when some row has something in it. */
  for (guint r = 0; r < tl->n_rows; r++)
    {
      CvgChartLine *line = g_ptr_array_index (self->lines, g_array_index (self->hover_order, guint, r));
      char *cells[N_COLS];

      row_cells (line, TRUE, cells);
      for (int c = 0; c < N_COLS; c++)
        {
          if (cells[c] == NULL)
            continue;
          tl->shown[c] = c != COL_SMOOTHED || self->smoothing > 0;
          cvg_chart_text_size (layout, cells[c], &w, &h);
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

/* A square of the line's colour, or its marker's shape. */
static void
draw_swatch (cairo_t            *cr,
             const CvgChartLine *line,
             double              x,
             double              y)
{
  cvg_chart_set_source (cr, &line->color, 1);
  if (line->marker == CVG_MARKER_NONE)
    cairo_rectangle (cr, x, y, SWATCH, SWATCH);
  else
    cvg_chart_marker_path (cr, line->marker, x + SWATCH / 2, y + SWATCH / 2, SWATCH / 2);
  cairo_fill (cr);
}

static void
draw_tooltip_row (CvgChartModel       *self,
                  cairo_t             *cr,
                  PangoLayout         *layout,
                  const TooltipLayout *tl,
                  char                *cells[N_COLS],
                  const CvgChartLine  *swatch,
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
            draw_swatch (cr, swatch, x, y + (tl->row_h - SWATCH) / 2);
          text_x += SWATCH + 6;
          pango_layout_set_width (layout, (int) ((tl->col_w[c] - SWATCH - 6) * PANGO_SCALE));
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_MIDDLE);
        }
      cvg_chart_set_source (cr, &self->fg, alpha);
      if (cells[c] != NULL)
        cvg_chart_show_text (cr, layout, cells[c], text_x, y);
      cvg_chart_reset_layout (layout);
      x += tl->col_w[c] + TOOLTIP_COL_GAP;
    }
}

static void
draw_tooltip (CvgChartModel *self,
              cairo_t       *cr,
              PangoLayout   *layout)
{
  TooltipLayout tl = { 0 };
  double cross = cvg_chart_model_project_x (self, self->hover_x);
  double x, y;

  layout_tooltip (self, layout, &tl);

  /* Beside the crosshair, on the side with room, never outside the chart. */
  x = cross + TOOLTIP_GAP;
  if (x + tl.width > self->width - 2)
    x = cross - TOOLTIP_GAP - tl.width;
  x = CLAMP (x, 2, MAX (2, self->width - 2 - tl.width));
  y = CLAMP (self->pointer_y + TOOLTIP_GAP, 2, MAX (2, self->height - 2 - tl.height));

  cvg_chart_tooltip_box (cr, &self->fg, &self->bg, x, y, tl.width, tl.height);

  x += TOOLTIP_PAD;
  y += TOOLTIP_PAD;
  draw_tooltip_row (self, cr, layout, &tl, tl.headers, NULL, x, y, 0.6);
  for (guint r = 0; r < tl.n_rows; r++)
    {
      CvgChartLine *line = g_ptr_array_index (self->lines, g_array_index (self->hover_order, guint, r));
      char *cells[N_COLS];

      y += tl.row_h;
      row_cells (line, TRUE, cells);
      draw_tooltip_row (self, cr, layout, &tl, cells, line, x, y, 1);
      free_cells (cells);
    }
  if (tl.n_hidden > 0)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("%u more run", "%u more runs", tl.n_hidden),
                                               tl.n_hidden);

      cvg_chart_set_source (cr, &self->fg, 0.6);
      cvg_chart_show_text (cr, layout, more, x, y + tl.row_h);
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

  cvg_chart_reset_layout (layout);
  cross = cvg_chart_model_project_x (self, self->hover_x);
  if (cross >= self->plot_x && cross <= self->plot_x + self->plot_w)
    {
      cvg_chart_set_source (cr, &self->fg, 0.5);
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
