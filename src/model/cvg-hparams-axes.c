/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-hparams-axes"

#include "config.h"

#include "cvg-hparams-axes.h"

#include <math.h>
#include <string.h>

#include "cvg-hparams-export.h"

typedef struct
{
  char         *title;
  gboolean      numeric;
  CvgAxisScale  scale;
  double        min, max;
  double       *values;       /* per session, NAN where none; numeric axes */
  double       *sorted;       /* the finite values, ascending */
  guint         n_sorted;
  GPtrArray    *categories;   /* char *, sorted; NULL for a numeric axis */
  double       *positions;    /* per session */
  gboolean      brushed;
  double        low, high;
} Axis;

struct _CvgHparamsAxes
{
  GArray *axes;      /* Axis */
  guint   n_sessions;
};

static void
axis_clear (Axis *axis)
{
  g_free (axis->title);
  g_clear_pointer (&axis->categories, g_ptr_array_unref);
  g_free (axis->values);
  g_free (axis->sorted);
  g_free (axis->positions);
}

static int
compare_numbers (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Where @value sits among the sorted values: the middle of its ties. */
static double
quantile_of (const Axis *axis,
             double      value)
{
  guint low = 0, high = axis->n_sorted;

  /* First index not below @value, then first index above it. */
  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (axis->sorted[mid] < value)
        low = mid + 1;
      else
        high = mid;
    }
  high = low;
  while (high < axis->n_sorted && axis->sorted[high] <= value)
    high++;
  return axis->n_sorted > 1 ? (low + (high - 1.0)) / 2 / (axis->n_sorted - 1) : 0.5;
}

static double
scale_position (const Axis *axis,
                double      value)
{
  if (!isfinite (value))
    return NAN;
  switch (axis->scale)
    {
    case CVG_AXIS_SCALE_LOG:
      return axis->max > axis->min ? (log (value) - log (axis->min)) / (log (axis->max) - log (axis->min)) : 0.5;
    case CVG_AXIS_SCALE_QUANTILE:
      return quantile_of (axis, value);
    case CVG_AXIS_SCALE_LINEAR:
    default:
      return axis->max > axis->min ? (value - axis->min) / (axis->max - axis->min) : 0.5;
    }
}

/* The value at @position: the inverse of scale_position(). */
static double
scale_value (const Axis *axis,
             double      position)
{
  double at, lower;
  guint i;

  switch (axis->scale)
    {
    case CVG_AXIS_SCALE_LOG:
      return exp (log (axis->min) + position * (log (axis->max) - log (axis->min)));
    case CVG_AXIS_SCALE_QUANTILE:
      at = CLAMP (position, 0, 1) * (axis->n_sorted - 1);
      i = (guint) floor (at);
      if (i + 1 >= axis->n_sorted)
        return axis->sorted[axis->n_sorted - 1];
      lower = axis->sorted[i];
      return lower + (at - i) * (axis->sorted[i + 1] - lower);
    case CVG_AXIS_SCALE_LINEAR:
    default:
      return axis->min + position * (axis->max - axis->min);
    }
}

static void
place_numbers (Axis  *axis,
               guint  n)
{
  for (guint s = 0; s < n; s++)
    axis->positions[s] = scale_position (axis, axis->values[s]);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* Numbers (NaN and infinities left out) or, when any value is not a
 * number, the texts of all as categories. */
static void
place_values (Axis         *axis,
              double       *numbers,
              char        **texts,
              guint         n)
{
  g_autoptr(GHashTable) index = NULL;

  axis->min = INFINITY;
  axis->max = -INFINITY;
  axis->positions = g_new (double, n + 1);
  if (axis->numeric)
    {
      axis->values = g_memdup2 (numbers, (n + 1) * sizeof (double));
      axis->sorted = g_new (double, n + 1);
      for (guint s = 0; s < n; s++)
        if (isfinite (numbers[s]))
          {
            axis->min = MIN (axis->min, numbers[s]);
            axis->max = MAX (axis->max, numbers[s]);
            axis->sorted[axis->n_sorted++] = numbers[s];
          }
      qsort (axis->sorted, axis->n_sorted, sizeof (double), compare_numbers);
      place_numbers (axis, n);
      return;
    }
  axis->categories = g_ptr_array_new_with_free_func (g_free);
  index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint s = 0; s < n; s++)
    if (texts[s] != NULL && g_hash_table_add (index, texts[s]))
      g_ptr_array_add (axis->categories, g_strdup (texts[s]));
  g_ptr_array_sort (axis->categories, compare_strings);
  for (guint s = 0; s < n; s++)
    {
      guint at = 0;

      axis->positions[s] = NAN;
      if (texts[s] == NULL)
        continue;
      g_ptr_array_find_with_equal_func (axis->categories, texts[s], g_str_equal, &at);
      axis->positions[s] = axis->categories->len > 1 ? (double) at / (axis->categories->len - 1) : 0.5;
    }
}

static void
add_hparam_axis (CvgHparamsAxes *self,
                 CvgHparams     *hparams,
                 guint           column)
{
  const CvgHparamColumn *info = cvg_hparams_get_column (hparams, column);
  g_autofree double *numbers = g_new (double, self->n_sessions + 1);
  char **texts = g_new0 (char *, self->n_sessions + 1);
  Axis axis = { NULL };

  axis.title = g_strdup (info->display_name[0] != '\0' ? info->display_name : info->name);
  axis.numeric = info->type == CVG_HPARAM_NUMBER;
  for (guint s = 0; s < self->n_sessions; s++)
    {
      const CvgHparamValue *value = &cvg_hparams_get_session (hparams, s)->values[column];

      numbers[s] = value->type == CVG_HPARAM_NUMBER ? value->number : NAN;
      texts[s] = value->type != CVG_HPARAM_NONE ? cvg_hparams_format_value (value) : NULL;
    }
  place_values (&axis, numbers, texts, self->n_sessions);
  g_strfreev (texts);
  g_array_append_val (self->axes, axis);
}

static void
add_metric_axis (CvgHparamsAxes *self,
                 CvgHparams     *hparams,
                 guint           metric)
{
  g_autofree double *numbers = g_new (double, self->n_sessions + 1);
  Axis axis = { NULL };

  axis.title = cvg_hparams_metric_title (cvg_hparams_get_metric (hparams, metric));
  axis.numeric = TRUE;
  for (guint s = 0; s < self->n_sessions; s++)
    {
      const CvgMetricValue *value = &cvg_hparams_get_session (hparams, s)->metrics[metric];

      numbers[s] = value->found ? value->value : NAN;
    }
  place_values (&axis, numbers, NULL, self->n_sessions);
  g_array_append_val (self->axes, axis);
}

CvgHparamsAxes *
cvg_hparams_axes_new (CvgHparams *hparams)
{
  CvgHparamsAxes *self = g_new0 (CvgHparamsAxes, 1);

  self->axes = g_array_new (FALSE, TRUE, sizeof (Axis));
  g_array_set_clear_func (self->axes, (GDestroyNotify) axis_clear);
  self->n_sessions = cvg_hparams_get_n_sessions (hparams);
  for (guint c = 0; c < cvg_hparams_get_n_columns (hparams); c++)
    add_hparam_axis (self, hparams, c);
  for (guint m = 0; m < cvg_hparams_get_n_metrics (hparams); m++)
    add_metric_axis (self, hparams, m);
  return self;
}

void
cvg_hparams_axes_free (CvgHparamsAxes *self)
{
  g_array_unref (self->axes);
  g_free (self);
}

guint
cvg_hparams_axes_get_n_axes (CvgHparamsAxes *self)
{
  return self->axes->len;
}

static Axis *
get_axis (CvgHparamsAxes *self,
          guint           axis)
{
  g_return_val_if_fail (axis < self->axes->len, NULL);
  return &g_array_index (self->axes, Axis, axis);
}

const char *
cvg_hparams_axes_get_title (CvgHparamsAxes *self,
                            guint           axis)
{
  return get_axis (self, axis)->title;
}

gboolean
cvg_hparams_axes_is_numeric (CvgHparamsAxes *self,
                             guint           axis)
{
  return get_axis (self, axis)->numeric;
}

char *
cvg_hparams_axes_get_label (CvgHparamsAxes *self,
                            guint           axis,
                            double          position)
{
  Axis *a = get_axis (self, axis);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  guint n;

  /* Four digits: a label names a place on the axis, not a value. */
  if (a->numeric)
    {
      if (a->min > a->max)
        return NULL;
      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.4g", scale_value (a, position)));
    }
  n = a->categories->len;
  if (n == 0)
    return NULL;
  return g_strdup (g_ptr_array_index (a->categories, n > 1 ? (guint) lround (position * (n - 1)) : 0));
}

double
cvg_hparams_axes_get_position (CvgHparamsAxes *self,
                               guint           axis,
                               guint           session)
{
  g_return_val_if_fail (session < self->n_sessions, NAN);
  return get_axis (self, axis)->positions[session];
}

void
cvg_hparams_axes_set_brush (CvgHparamsAxes *self,
                            guint           axis,
                            double          low,
                            double          high)
{
  Axis *a = get_axis (self, axis);

  a->brushed = low <= high;
  a->low = low;
  a->high = high;
}

gboolean
cvg_hparams_axes_get_brush (CvgHparamsAxes *self,
                            guint           axis,
                            double         *low,
                            double         *high)
{
  Axis *a = get_axis (self, axis);

  *low = a->low;
  *high = a->high;
  return a->brushed;
}

gboolean
cvg_hparams_axes_has_brush (CvgHparamsAxes *self)
{
  for (guint i = 0; i < self->axes->len; i++)
    if (g_array_index (self->axes, Axis, i).brushed)
      return TRUE;
  return FALSE;
}

gboolean
cvg_hparams_axes_passes (CvgHparamsAxes *self,
                         guint           session)
{
  g_return_val_if_fail (session < self->n_sessions, FALSE);
  for (guint i = 0; i < self->axes->len; i++)
    {
      const Axis *a = &g_array_index (self->axes, Axis, i);
      double position = a->positions[session];

      if (a->brushed && !(position >= a->low && position <= a->high))
        return FALSE;
    }
  return TRUE;
}

gboolean
cvg_hparams_axes_can_log (CvgHparamsAxes *self,
                          guint           axis)
{
  Axis *a = get_axis (self, axis);

  return a->numeric && a->n_sorted > 0 && a->min > 0;
}

CvgAxisScale
cvg_hparams_axes_get_scale (CvgHparamsAxes *self,
                            guint           axis)
{
  return get_axis (self, axis)->scale;
}

gboolean
cvg_hparams_axes_set_scale (CvgHparamsAxes *self,
                            guint           axis,
                            CvgAxisScale    scale)
{
  Axis *a = get_axis (self, axis);

  if (!a->numeric || (scale == CVG_AXIS_SCALE_LOG && !cvg_hparams_axes_can_log (self, axis)))
    return FALSE;
  if (a->scale == scale)
    return TRUE;
  a->scale = scale;
  /* A brush's positions meant other values. */
  a->brushed = FALSE;
  place_numbers (a, self->n_sessions);
  return TRUE;
}
