/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The scalar chart's drawing and hover code, offscreen, on logs written
 * with the event writer: a restarted run whose second pass is shorter,
 * points alone, run names that are not valid UTF-8. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "cvg-event-writer.h"
#include "cvg-run.h"
#include "cvg-scalar-chart-private.h"
#include "cvg-series.h"

#define WIDTH 600
#define HEIGHT 300
#define BASE_TIME 1700000000.0

typedef struct
{
  char            *dir;
  CvgRun          *run;
  cairo_surface_t *surface;
  cairo_t         *cr;
  PangoLayout     *layout;
  CvgChartModel   *model;
  CvgChartLine    *line;
} Fixture;

static CvgEventWriter *
open_file (Fixture    *fixture,
           const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  CvgEventWriter *writer = cvg_event_writer_new (path, &error);

  g_assert_no_error (error);
  cvg_event_writer_write_file_version (writer, BASE_TIME, "brain.Event:2", &error);
  g_assert_no_error (error);
  cvg_run_add_file (fixture->run, path);
  return writer;
}

static void
write_point (CvgEventWriter *writer,
             const char     *tag,
             gint64          step,
             double          value)
{
  g_autoptr(GError) error = NULL;

  cvg_event_writer_write_scalar (writer, CVG_WRITER_STYLE_TF2, BASE_TIME + step, step, tag,
                                 (float) value, &error);
  g_assert_no_error (error);
}

static void
close_file (CvgEventWriter *writer)
{
  g_autoptr(GError) error = NULL;

  cvg_event_writer_flush (writer, &error);
  g_assert_no_error (error);
  cvg_event_writer_free (writer);
}

static void
fixture_init (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("cvg-chart-draw-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->run = cvg_run_new ("run", fixture->dir);
  fixture->surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  fixture->cr = cairo_create (fixture->surface);
  fixture->layout = pango_cairo_create_layout (fixture->cr);
  fixture->model = cvg_chart_model_new ();
  fixture->model->smoothing = 0;
}

static void
fixture_clear (Fixture *fixture)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);
  cvg_chart_model_free (fixture->model);
  g_object_unref (fixture->layout);
  cairo_destroy (fixture->cr);
  cairo_surface_destroy (fixture->surface);
  cvg_run_unref (fixture->run);
  g_free (fixture->dir);
}

/* Reads the run, charts @tag in pure red under the name @run_name and
 * draws it on white. */
static void
fixture_draw (Fixture    *fixture,
              const char *tag,
              const char *run_name)
{
  CvgSeries *series;

  cvg_run_read (fixture->run);
  series = cvg_run_lookup_series (fixture->run, CVG_KIND_SCALAR, tag);
  g_assert_nonnull (series);
  fixture->line = cvg_chart_model_add_line (fixture->model, run_name, series);
  fixture->line->color = (GdkRGBA) { 1, 0, 0, 1 };

  cairo_set_source_rgb (fixture->cr, 1, 1, 1);
  cairo_paint (fixture->cr);
  cvg_chart_model_draw (fixture->model, fixture->cr, fixture->layout, WIDTH, HEIGHT);
  cairo_surface_flush (fixture->surface);
  g_assert_true (fixture->model->laid_out);
}

static double
pixel_x (Fixture *fixture,
         double   x)
{
  CvgChartModel *m = fixture->model;

  return m->plot_x + (x - m->x0) * m->plot_w / (m->x1 - m->x0);
}

static double
pixel_y (Fixture *fixture,
         double   y)
{
  CvgChartModel *m = fixture->model;

  return m->plot_y + m->plot_h - (y - m->y0) * m->plot_h / (m->y1 - m->y0);
}

/* Whether a pixel within one of the point (@x, @y) of the chart is the
 * line's red: antialiasing leaves the exact pixel partly covered. */
static gboolean
is_red_at (Fixture *fixture,
           double   x,
           double   y)
{
  int cx = (int) floor (pixel_x (fixture, x));
  int cy = (int) floor (pixel_y (fixture, y));
  const guint8 *data = cairo_image_surface_get_data (fixture->surface);
  int stride = cairo_image_surface_get_stride (fixture->surface);

  g_assert_cmpint (cx, >=, 1);
  g_assert_cmpint (cx, <, WIDTH - 1);
  g_assert_cmpint (cy, >=, 1);
  g_assert_cmpint (cy, <, HEIGHT - 1);
  for (int py = cy - 1; py <= cy + 1; py++)
    for (int px = cx - 1; px <= cx + 1; px++)
      {
        guint32 pixel = *(const guint32 *) (data + py * stride + px * 4);

        if (((pixel >> 16) & 0xff) > 200 && ((pixel >> 8) & 0xff) < 60 && (pixel & 0xff) < 60)
          return TRUE;
      }
  return FALSE;
}

/* Hovers at the point (@x, @y); returns the index the line hovers. */
static gsize
hover_at (Fixture *fixture,
          double   x,
          double   y)
{
  cvg_chart_model_hover (fixture->model, pixel_x (fixture, x), pixel_y (fixture, y));
  g_assert_true (fixture->model->hovering);
  return fixture->line->hover_index;
}

/* Steps 0..100 (values 0..1), then 0..50 again (values 3..4), no
 * SessionLog: in one file, or the second pass in a second file. */
static void
test_restart_shorter (gconstpointer data)
{
  gboolean two_files = GPOINTER_TO_INT (data);
  Fixture fixture;
  CvgEventWriter *writer;

  fixture_init (&fixture);
  writer = open_file (&fixture, "events.out.tfevents.1.host");
  for (gint64 step = 0; step <= 100; step++)
    write_point (writer, "loss", step, step / 100.0);
  if (two_files)
    {
      close_file (writer);
      writer = open_file (&fixture, "events.out.tfevents.2.host");
    }
  for (gint64 step = 0; step <= 50; step++)
    write_point (writer, "loss", step, 3 + step / 50.0);
  close_file (writer);
  fixture_draw (&fixture, "loss", "run");

  /* Every point is drawn, so the x range covers both passes whole. */
  g_assert_cmpuint (fixture.line->n, ==, 152);
  g_assert_cmpuint (fixture.line->pieces->len, ==, 2);
  g_assert_cmpfloat (fixture.model->data_x0, ==, 0);
  g_assert_cmpfloat (fixture.model->data_x1, ==, 100);
  g_assert_cmpfloat (fixture.model->data_y0, <=, 0);
  g_assert_cmpfloat (fixture.model->data_y1, >=, 4);

  /* The first pass beyond step 50, and the second pass, are stroked. */
  g_assert_true (is_red_at (&fixture, 80, 0.8));
  g_assert_true (is_red_at (&fixture, 99, 0.99));
  g_assert_true (is_red_at (&fixture, 25, 3.5));
  g_assert_true (is_red_at (&fixture, 50, 4));

  /* Hover finds each pass at the same step, by the pointer's height. */
  g_assert_cmpuint (hover_at (&fixture, 25, 0.25), ==, 25);
  g_assert_cmpuint (hover_at (&fixture, 25, 3.5), ==, 101 + 25);
  g_assert_cmpuint (hover_at (&fixture, 90, 3.5), ==, 90);

  /* Keyboard stepping walks the steps of both passes. */
  g_assert_true (cvg_chart_model_step_hover (fixture.model, +1));
  g_assert_cmpfloat (fixture.model->hover_x, ==, 91);
  fixture_clear (&fixture);
}

/* A tag with one point draws a marker that hover finds; so does a
 * finite point between NaNs. */
static void
test_single_points (void)
{
  Fixture fixture;
  CvgEventWriter *writer;
  g_autofree char *text = NULL;

  fixture_init (&fixture);
  writer = open_file (&fixture, "events.out.tfevents.1.host");
  write_point (writer, "accuracy", 7, 0.93);
  for (gint64 step = 0; step < 5; step++)
    write_point (writer, "gaps", step, step == 2 ? 5 : NAN);
  close_file (writer);

  fixture_draw (&fixture, "accuracy", "run");
  /* The range is widened around the single value, not left empty. */
  g_assert_cmpfloat (fixture.model->data_x0, <, 7);
  g_assert_cmpfloat (fixture.model->data_x1, >, 7);
  g_assert_cmpfloat (fixture.model->data_y0, <, 0.93);
  g_assert_cmpfloat (fixture.model->data_y1, >, 0.93);
  g_assert_true (is_red_at (&fixture, 7, 0.93));
  g_assert_cmpuint (hover_at (&fixture, 7, 0.93), ==, 0);
  text = cvg_chart_model_dup_tooltip_text (fixture.model);
  g_assert_nonnull (strstr (text, "value 0.93"));
  g_assert_nonnull (strstr (text, "step 7"));

  cvg_chart_model_clear_lines (fixture.model);
  fixture_draw (&fixture, "gaps", "run");
  g_assert_true (is_red_at (&fixture, 2, 5));
  g_assert_cmpuint (hover_at (&fixture, 2, 5), ==, 2);
  fixture_clear (&fixture);
}

/* A run named with invalid UTF-8 shows in the tooltip, escaped. */
static void
test_invalid_run_name (void)
{
  Fixture fixture;
  CvgEventWriter *writer;
  g_autofree char *text = NULL;
  /* Named as its folder's bytes; the run keeps the name escaped. */
  g_autoptr(CvgRun) named = cvg_run_new ("run\xff\\b", "/nonexistent");

  fixture_init (&fixture);
  writer = open_file (&fixture, "events.out.tfevents.1.host");
  write_point (writer, "loss", 0, 1);
  write_point (writer, "loss", 1, 2);
  close_file (writer);

  fixture_draw (&fixture, "loss", cvg_run_get_name (named));
  hover_at (&fixture, 1, 2);
  text = cvg_chart_model_dup_tooltip_text (fixture.model);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (g_str_has_prefix (text, "run\\xff\\\\b: value 2"));
  cvg_chart_model_draw_hover (fixture.model, fixture.cr, fixture.layout);
  fixture_clear (&fixture);
}

/* A short smoothed curve with outliers ignored: nothing is an outlier,
 * so the faint raw line, which ends below the smoothed one, fits too. */
static void
test_short_curve_extent (void)
{
  static const double values[] = { 0.34, 0.31, 0.28 };
  Fixture fixture;
  CvgEventWriter *writer;

  fixture_init (&fixture);
  fixture.model->smoothing = 0.6;
  fixture.model->ignore_outliers = TRUE;
  writer = open_file (&fixture, "events.out.tfevents.1.host");
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    write_point (writer, "loss", i, values[i]);
  close_file (writer);

  fixture_draw (&fixture, "loss", "run");
  g_assert_cmpfloat (fixture.model->data_y0, <=, (float) 0.28);
  g_assert_cmpfloat (fixture.model->data_y1, >=, (float) 0.34);
  fixture_clear (&fixture);
}

/* Draws @lines (CvgPlotLine) on white, as cvg_scalar_chart_set_lines. */
static void
fixture_draw_lines (Fixture    *fixture,
                    GPtrArray  *lines)
{
  cvg_chart_model_clear_lines (fixture->model);
  for (guint i = 0; i < lines->len; i++)
    fixture->line = cvg_chart_model_add_plot_line (fixture->model, g_ptr_array_index (lines, i));
  cairo_set_source_rgb (fixture->cr, 1, 1, 1);
  cairo_paint (fixture->cr);
  cvg_chart_model_draw (fixture->model, fixture->cr, fixture->layout, WIDTH, HEIGHT);
  cairo_surface_flush (fixture->surface);
  g_assert_true (fixture->model->laid_out);
}

static guint32
pixel_at (Fixture *fixture,
          double   x,
          double   y)
{
  const guint8 *data = cairo_image_surface_get_data (fixture->surface);
  int stride = cairo_image_surface_get_stride (fixture->surface);

  return *(const guint32 *) (data + (int) floor (pixel_y (fixture, y)) * stride +
                             (int) floor (pixel_x (fixture, x)) * 4) & 0xffffff;
}

static const GdkRGBA red = { 1, 0, 0, 1 };
static const GdkRGBA blue = { 0, 0, 1, 1 };

/* A multiline chart: two tags of one run, each a line named after its
 * tag and run, in the run's colour with its own marker; hover finds
 * both, smoothed as the Scalars page smooths. */
static void
test_plot_lines_multiline (void)
{
  Fixture fixture;
  CvgEventWriter *writer;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) cvg_plot_line_unref);
  g_autofree char *text = NULL;
  CvgPlotLine *line;

  fixture_init (&fixture);
  writer = open_file (&fixture, "events.out.tfevents.1.host");
  for (gint64 step = 0; step <= 10; step++)
    {
      write_point (writer, "loss/a", step, 1 + step);
      write_point (writer, "loss/b", step, 20 - step);
    }
  close_file (writer);
  cvg_run_read (fixture.run);

  line = cvg_plot_line_new_series ("loss/a (run)", &red, fixture.run, "loss/a");
  cvg_plot_line_set_marker (line, CVG_MARKER_CIRCLE);
  g_ptr_array_add (lines, line);
  line = cvg_plot_line_new_series ("loss/b (run)", &red, fixture.run, "loss/b");
  cvg_plot_line_set_marker (line, CVG_MARKER_SQUARE);
  g_ptr_array_add (lines, line);
  /* A tag the run lacks: a line without points, not drawn. */
  g_ptr_array_add (lines, cvg_plot_line_new_series ("missing (run)", &blue, fixture.run, "missing"));
  fixture_draw_lines (&fixture, lines);

  g_assert_cmpuint (cvg_chart_model_get_n_visible (fixture.model), ==, 2);
  g_assert_true (is_red_at (&fixture, 5, 6));
  g_assert_true (is_red_at (&fixture, 5, 15));
  hover_at (&fixture, 5, 6);
  text = cvg_chart_model_dup_tooltip_text (fixture.model);
  g_assert_true (g_str_has_prefix (text, "loss/a (run): value 6, step 5"));
  g_assert_nonnull (strstr (text, "\nloss/b (run): value 15, step 5"));
  cvg_chart_model_draw_hover (fixture.model, fixture.cr, fixture.layout);

  /* Smoothing applies to (run, tag) lines. */
  fixture.model->smoothing = 0.5;
  cvg_chart_model_invalidate_extent (fixture.model);
  fixture_draw_lines (&fixture, lines);
  hover_at (&fixture, 1, 2);
  g_clear_pointer (&text, g_free);
  text = cvg_chart_model_dup_tooltip_text (fixture.model);
  /* Debiased EMA of 1, 2 with weight 0.5: (0.5 + 1) / 0.75 = 2 ... */
  g_assert_true (g_str_has_prefix (text, "loss/a (run): smoothed 1.6667, value 2, step 1"));
  fixture_clear (&fixture);
}

/* A margin chart: a value line unsmoothed, with a filled band between a
 * lower and an upper tag at the line's steps; a gap where a bound lacks
 * the step. */
static void
test_plot_lines_margin (void)
{
  Fixture fixture;
  CvgEventWriter *writer;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) cvg_plot_line_unref);
  g_autofree char *text = NULL;
  CvgPlotLine *line;
  guint32 inside, outside;

  fixture_init (&fixture);
  fixture.model->smoothing = 0.6;
  writer = open_file (&fixture, "events.out.tfevents.1.host");
  for (gint64 step = 0; step <= 20; step++)
    {
      write_point (writer, "v", step, 10);
      write_point (writer, "v_lo", step, 5);
      if (step != 20)
        write_point (writer, "v_hi", step, 15);
    }
  close_file (writer);
  cvg_run_read (fixture.run);

  line = cvg_plot_line_new_series ("v (run)", &red, fixture.run, "v");
  cvg_plot_line_set_band_tags (line, "v_lo", "v_hi");
  g_ptr_array_add (lines, line);
  fixture_draw_lines (&fixture, lines);

  /* The band sets the extent and is filled at 30 %: white under red. */
  g_assert_cmpfloat (fixture.model->data_y0, <, 5);
  g_assert_cmpfloat (fixture.model->data_y1, >, 15);
  inside = pixel_at (&fixture, 11.3, 13.3);
  outside = pixel_at (&fixture, 11.3, 15.35);
  g_assert_cmphex (outside, ==, 0xffffff);
  g_assert_cmpuint ((inside >> 16) & 0xff, ==, 0xff);
  g_assert_cmpuint ((inside >> 8) & 0xff, >, 160);
  g_assert_cmpuint ((inside >> 8) & 0xff, <, 200);
  g_assert_true (is_red_at (&fixture, 10, 10));

  hover_at (&fixture, 4, 10);
  text = cvg_chart_model_dup_tooltip_text (fixture.model);
  g_assert_true (g_str_has_prefix (text, "v (run): value 10, lower 5, upper 15, step 4, time "));
  hover_at (&fixture, 20, 10);
  g_clear_pointer (&text, g_free);
  text = cvg_chart_model_dup_tooltip_text (fixture.model);
  g_assert_true (g_str_has_prefix (text, "v (run): value 10, lower 5, upper NaN, step 20"));
  cvg_chart_model_draw_hover (fixture.model, fixture.cr, fixture.layout);
  fixture_clear (&fixture);
}

/* A group: its aggregate as a points line with a band and counts over a
 * faint member; only the aggregate is hovered, and only on its axis. */
static void
test_plot_lines_points (void)
{
  static const double xs[] = { 0, 10, 20 };
  static const double mean[] = { 2, 4, 6 };
  static const double lower[] = { 1, 3, 5 };
  static const double upper[] = { 3, 5, 7 };
  static const guint counts[] = { 3, 3, 2 };
  Fixture fixture;
  CvgEventWriter *writer;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) cvg_plot_line_unref);
  g_autofree char *text = NULL;
  CvgPlotLine *line;

  fixture_init (&fixture);
  writer = open_file (&fixture, "events.out.tfevents.1.host");
  for (gint64 step = 0; step <= 20; step++)
    write_point (writer, "loss", step, 1 + step * 0.3);
  close_file (writer);
  cvg_run_read (fixture.run);

  line = cvg_plot_line_new_series ("loss (run)", &blue, fixture.run, "loss");
  cvg_plot_line_set_faint (line, TRUE);
  g_ptr_array_add (lines, line);
  line = cvg_plot_line_new_points ("lr_0.1", &red, CVG_X_AXIS_STEP, G_N_ELEMENTS (xs), xs, mean);
  cvg_plot_line_set_band (line, lower, upper, counts);
  cvg_plot_line_set_value_name (line, "mean");
  g_ptr_array_add (lines, line);
  fixture_draw_lines (&fixture, lines);

  g_assert_cmpuint (cvg_chart_model_get_n_visible (fixture.model), ==, 2);
  g_assert_true (is_red_at (&fixture, 10, 4));
  hover_at (&fixture, 10, 4);
  text = cvg_chart_model_dup_tooltip_text (fixture.model);
  g_assert_cmpstr (text, ==, "lr_0.1: mean 4, lower 3, upper 5, n 3, step 10");
  cvg_chart_model_draw_hover (fixture.model, fixture.cr, fixture.layout);

  /* On another axis the aggregate is not drawn; the member is. */
  fixture.model->x_axis = CVG_X_AXIS_RELATIVE;
  cvg_chart_model_invalidate_extent (fixture.model);
  g_assert_cmpuint (cvg_chart_model_get_n_visible (fixture.model), ==, 1);
  cairo_set_source_rgb (fixture.cr, 1, 1, 1);
  cairo_paint (fixture.cr);
  cvg_chart_model_draw (fixture.model, fixture.cr, fixture.layout, WIDTH, HEIGHT);
  cvg_chart_model_hover (fixture.model, WIDTH / 2, HEIGHT / 2);
  g_assert_false (fixture.model->hovering);
  fixture_clear (&fixture);
}

/* Log x over steps 0 .. 10^9: step 0 is in no piece (not drawn, not
 * hovered), the rest draws, hovers and steps. */
static void
test_log_x (void)
{
  static const gint64 steps[] = { 0, 1, 10, 1000, 100000, 1000000000 };
  Fixture fixture;
  CvgEventWriter *writer;
  g_autofree char *text = NULL;

  fixture_init (&fixture);
  fixture.model->log_x = TRUE;
  writer = open_file (&fixture, "events.out.tfevents.1.host");
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    write_point (writer, "loss", steps[i], i + 1);
  close_file (writer);

  fixture_draw (&fixture, "loss", "run");
  g_assert_cmpuint (fixture.line->pieces->len, ==, 1);
  g_assert_cmpuint (g_array_index (fixture.line->pieces, CvgChartPiece, 0).start, ==, 1);
  g_assert_true (isnan (fixture.line->xs[0]));
  /* The extent spans decades 0 .. 9, padded. */
  g_assert_cmpfloat (fixture.model->data_x0, <=, 0);
  g_assert_cmpfloat (fixture.model->data_x1, >=, 9);
  g_assert_true (is_red_at (&fixture, 3, 4));
  g_assert_cmpuint (hover_at (&fixture, 0, 2), ==, 1);
  text = cvg_chart_model_dup_tooltip_text (fixture.model);
  g_assert_true (g_str_has_prefix (text, "run: value 2, step 1,"));
  g_assert_cmpuint (hover_at (&fixture, 9, 6), ==, 5);
  g_assert_true (cvg_chart_model_step_hover (fixture.model, -1));
  g_assert_cmpuint (fixture.line->hover_index, ==, 4);
  cvg_chart_model_draw_hover (fixture.model, fixture.cr, fixture.layout);

  /* The Wall axis stays linear; step 0 comes back on a linear axis. */
  fixture.model->log_x = FALSE;
  cvg_chart_model_invalidate_extent (fixture.model);
  cvg_chart_model_draw (fixture.model, fixture.cr, fixture.layout, WIDTH, HEIGHT);
  g_assert_cmpfloat (fixture.line->xs[0], ==, 0);
  fixture_clear (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/chart-draw/restart-shorter/one-file", GINT_TO_POINTER (FALSE), test_restart_shorter);
  g_test_add_data_func ("/chart-draw/restart-shorter/two-files", GINT_TO_POINTER (TRUE), test_restart_shorter);
  g_test_add_func ("/chart-draw/single-points", test_single_points);
  g_test_add_func ("/chart-draw/invalid-run-name", test_invalid_run_name);
  g_test_add_func ("/chart-draw/short-curve-extent", test_short_curve_extent);
  g_test_add_func ("/chart-draw/log-x", test_log_x);
  g_test_add_func ("/chart-draw/plot-lines/multiline", test_plot_lines_multiline);
  g_test_add_func ("/chart-draw/plot-lines/margin", test_plot_lines_margin);
  g_test_add_func ("/chart-draw/plot-lines/points", test_plot_lines_points);
  return g_test_run ();
}
