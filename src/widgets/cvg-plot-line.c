/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-plot-line"

#include "config.h"

#include "cvg-plot-line.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cvg-run.h"

struct _CvgPlotLine
{
  gatomicrefcount ref_count;

  char     *label;
  GdkRGBA   color;
  CvgMarker marker;
  gboolean  faint;
  gboolean  smoothed;
  char     *value_name;

  /* A series line. */
  CvgRun   *run;
  char     *tag;
  char     *lower_tag;
  char     *upper_tag;

  /* A points line. */
  CvgXAxis  x_axis;
  gsize     n;
  double   *xs;
  double   *values;
  double   *lower;
  double   *upper;
  guint    *counts;
};

G_DEFINE_BOXED_TYPE (CvgPlotLine, cvg_plot_line, cvg_plot_line_ref, cvg_plot_line_unref)

static CvgPlotLine *
plot_line_new (const char    *label,
               const GdkRGBA *color)
{
  CvgPlotLine *self = g_new0 (CvgPlotLine, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->label = g_utf8_make_valid (label != NULL ? label : "", -1);
  self->color = color != NULL ? *color : (GdkRGBA) { 0.5, 0.5, 0.5, 1 };
  self->smoothed = TRUE;
  return self;
}

CvgPlotLine *
cvg_plot_line_new_series (const char    *label,
                          const GdkRGBA *color,
                          CvgRun        *run,
                          const char    *tag)
{
  CvgPlotLine *self;

  g_return_val_if_fail (run != NULL, NULL);
  g_return_val_if_fail (tag != NULL, NULL);

  self = plot_line_new (label, color);
  self->run = cvg_run_ref (run);
  self->tag = g_strdup (tag);
  return self;
}

CvgPlotLine *
cvg_plot_line_new_points (const char    *label,
                          const GdkRGBA *color,
                          CvgXAxis       x_axis,
                          gsize          n,
                          const double  *xs,
                          const double  *values)
{
  CvgPlotLine *self;

  g_return_val_if_fail (n == 0 || (xs != NULL && values != NULL), NULL);

  self = plot_line_new (label, color);
  self->smoothed = FALSE;
  self->x_axis = x_axis;
  self->n = n;
  self->xs = g_memdup2 (xs, n * sizeof (double));
  self->values = g_memdup2 (values, n * sizeof (double));
  return self;
}

CvgPlotLine *
cvg_plot_line_ref (CvgPlotLine *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
cvg_plot_line_unref (CvgPlotLine *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->label);
  g_free (self->value_name);
  g_clear_pointer (&self->run, cvg_run_unref);
  g_free (self->tag);
  g_free (self->lower_tag);
  g_free (self->upper_tag);
  g_free (self->xs);
  g_free (self->values);
  g_free (self->lower);
  g_free (self->upper);
  g_free (self->counts);
  g_free (self);
}

void
cvg_plot_line_set_marker (CvgPlotLine *self,
                          CvgMarker    marker)
{
  g_return_if_fail (self != NULL);

  self->marker = marker < CVG_N_MARKERS ? marker : CVG_MARKER_NONE;
}

void
cvg_plot_line_set_faint (CvgPlotLine *self,
                         gboolean     faint)
{
  g_return_if_fail (self != NULL);

  self->faint = !!faint;
}

void
cvg_plot_line_set_smoothed (CvgPlotLine *self,
                            gboolean     smoothed)
{
  g_return_if_fail (self != NULL);

  self->smoothed = !!smoothed;
}

void
cvg_plot_line_set_value_name (CvgPlotLine *self,
                              const char  *name)
{
  g_return_if_fail (self != NULL);

  g_free (self->value_name);
  self->value_name = g_strdup (name);
}

void
cvg_plot_line_set_band_tags (CvgPlotLine *self,
                             const char  *lower_tag,
                             const char  *upper_tag)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->run != NULL);
  g_return_if_fail (lower_tag != NULL && upper_tag != NULL);

  g_free (self->lower_tag);
  g_free (self->upper_tag);
  self->lower_tag = g_strdup (lower_tag);
  self->upper_tag = g_strdup (upper_tag);
  self->smoothed = FALSE;
}

void
cvg_plot_line_set_band (CvgPlotLine  *self,
                        const double *lower,
                        const double *upper,
                        const guint  *counts)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->run == NULL);
  g_return_if_fail (self->n == 0 || (lower != NULL && upper != NULL));

  g_free (self->lower);
  g_free (self->upper);
  g_free (self->counts);
  self->lower = g_memdup2 (lower, self->n * sizeof (double));
  self->upper = g_memdup2 (upper, self->n * sizeof (double));
  self->counts = counts != NULL ? g_memdup2 (counts, self->n * sizeof (guint)) : NULL;
}

const char *
cvg_plot_line_get_label (CvgPlotLine *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->label;
}

const GdkRGBA *
cvg_plot_line_get_color (CvgPlotLine *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->color;
}

CvgMarker
cvg_plot_line_get_marker (CvgPlotLine *self)
{
  g_return_val_if_fail (self != NULL, CVG_MARKER_NONE);

  return self->marker;
}

gboolean
cvg_plot_line_get_faint (CvgPlotLine *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->faint;
}

gboolean
cvg_plot_line_get_smoothed (CvgPlotLine *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->smoothed;
}

const char *
cvg_plot_line_get_value_name (CvgPlotLine *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  /* Translators: what a chart's tooltip calls a line's value */
  return self->value_name != NULL ? self->value_name : _("value");
}

CvgRun *
cvg_plot_line_get_run (CvgPlotLine *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->run;
}

const char *
cvg_plot_line_get_tag (CvgPlotLine *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->tag;
}

const char *
cvg_plot_line_get_lower_tag (CvgPlotLine *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->lower_tag;
}

const char *
cvg_plot_line_get_upper_tag (CvgPlotLine *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->upper_tag;
}

CvgXAxis
cvg_plot_line_get_points (CvgPlotLine   *self,
                          gsize         *n,
                          const double **xs,
                          const double **values,
                          const double **lower,
                          const double **upper,
                          const guint  **counts)
{
  g_return_val_if_fail (self != NULL, CVG_X_AXIS_STEP);

  *n = self->n;
  *xs = self->xs;
  *values = self->values;
  *lower = self->lower;
  *upper = self->upper;
  *counts = self->counts;
  return self->x_axis;
}

gboolean
cvg_plot_line_has_band (CvgPlotLine *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->lower_tag != NULL || self->lower != NULL;
}
