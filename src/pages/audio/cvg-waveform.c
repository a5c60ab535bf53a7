/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-waveform"

#include "config.h"

#include "cvg-waveform.h"

#include "cvg-chart-common.h"
#include "cvg-wav.h"
#include "cvg-owned-task.h"

/* Peaks kept per clip; each pixel column folds the ones it covers. */
#define N_PEAKS 2048

typedef struct
{
  CvgWav  wav;
  float  *peaks;     /* channels × N_PEAKS × (min, max) */
  GError *error;
} Analysis;

static void
analysis_free (gpointer data)
{
  Analysis *analysis = data;

  g_free (analysis->peaks);
  g_clear_error (&analysis->error);
  g_free (analysis);
}

struct _CvgWaveform
{
  GtkWidget     parent_instance;

  GBytes       *clip;
  GCancellable *cancellable;
  Analysis     *analysis;   /* NULL until ready */
  double        playhead;
};

G_DEFINE_FINAL_TYPE (CvgWaveform, cvg_waveform, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_READY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
analyze_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GBytes *clip = task_data;
  Analysis *analysis = g_new0 (Analysis, 1);
  gsize len;
  const guint8 *data = g_bytes_get_data (clip, &len);

  if (cvg_wav_parse (data, len, &analysis->wav, &analysis->error) && analysis->wav.n_frames > 0)
    analysis->peaks = cvg_wav_get_peaks (&analysis->wav, N_PEAKS);
  /* The samples point into the clip, which the widget keeps. */
  g_task_return_pointer (task, analysis, analysis_free);
}

static void
analyzed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CvgWaveform *self;
  Analysis *analysis = g_task_propagate_pointer (G_TASK (result), NULL);

  if (analysis == NULL || g_task_had_error (G_TASK (result)))
    return;
  self = CVG_WAVEFORM (source);
  g_clear_pointer (&self->analysis, analysis_free);
  self->analysis = analysis;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

void
cvg_waveform_set_clip (CvgWaveform *self,
                       GBytes      *clip)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CVG_IS_WAVEFORM (self));
  g_return_if_fail (clip != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->analysis, analysis_free);
  g_clear_pointer (&self->clip, g_bytes_unref);
  self->clip = g_bytes_ref (clip);
  self->cancellable = g_cancellable_new ();
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);

  task = cvg_owned_task_new (self, self->cancellable, analyzed_cb, NULL);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, g_bytes_ref (clip), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, analyze_thread);
}

gboolean
cvg_waveform_get_ready (CvgWaveform *self)
{
  g_return_val_if_fail (CVG_IS_WAVEFORM (self), FALSE);

  return self->analysis != NULL;
}

const char *
cvg_waveform_get_error (CvgWaveform *self)
{
  g_return_val_if_fail (CVG_IS_WAVEFORM (self), NULL);

  return self->analysis != NULL && self->analysis->error != NULL ? self->analysis->error->message : NULL;
}

double
cvg_waveform_get_duration (CvgWaveform *self)
{
  g_return_val_if_fail (CVG_IS_WAVEFORM (self), 0);

  return self->analysis != NULL && self->analysis->error == NULL ? cvg_wav_get_duration (&self->analysis->wav) : 0;
}

guint
cvg_waveform_get_sample_rate (CvgWaveform *self)
{
  g_return_val_if_fail (CVG_IS_WAVEFORM (self), 0);

  return self->analysis != NULL && self->analysis->error == NULL ? self->analysis->wav.sample_rate : 0;
}

guint
cvg_waveform_get_channels (CvgWaveform *self)
{
  g_return_val_if_fail (CVG_IS_WAVEFORM (self), 0);

  return self->analysis != NULL && self->analysis->error == NULL ? self->analysis->wav.channels : 0;
}

void
cvg_waveform_set_playhead (CvgWaveform *self,
                           double       seconds)
{
  g_return_if_fail (CVG_IS_WAVEFORM (self));

  if (self->playhead == seconds)
    return;
  self->playhead = seconds;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* One channel in its band: a vertical line per pixel column from the
 * smallest to the largest sample of the peaks it covers. */
static void
draw_channel (cairo_t     *cr,
              const float *peaks,
              int          width,
              double       top,
              double       height)
{
  double middle = top + height / 2;

  for (int x = 0; x < width; x++)
    {
      int first = (int) ((gint64) x * N_PEAKS / width);
      int end = MAX ((int) ((gint64) (x + 1) * N_PEAKS / width), first + 1);
      float lo = peaks[first * 2];
      float hi = peaks[first * 2 + 1];

      for (int i = first + 1; i < MIN (end, N_PEAKS); i++)
        {
          lo = MIN (lo, peaks[i * 2]);
          hi = MAX (hi, peaks[i * 2 + 1]);
        }
      /* At least a pixel, so that silence still shows a line. */
      cairo_rectangle (cr, x, middle - hi * height / 2, 1, MAX ((hi - lo) * height / 2, 1));
    }
  cairo_fill (cr);
}

static void
cvg_waveform_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  CvgWaveform *self = CVG_WAVEFORM (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;
  GdkRGBA color, background;
  guint channels;

  if (self->analysis == NULL || self->analysis->peaks == NULL || width <= 0 || height <= 0)
    return;
  cvg_chart_lookup_colors (widget, &color, &background);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  channels = self->analysis->wav.channels;
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.75);
  for (guint c = 0; c < channels; c++)
    draw_channel (cr, self->analysis->peaks + (gsize) c * N_PEAKS * 2, width,
                  (double) height * c / channels, (double) height / channels);

  if (self->playhead >= 0 && cvg_waveform_get_duration (self) > 0)
    {
      double x = MIN (self->playhead / cvg_waveform_get_duration (self), 1.0) * (width - 2);

      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 1.0);
      cairo_rectangle (cr, x, 0, 2, height);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
}

static void
cvg_waveform_dispose (GObject *object)
{
  CvgWaveform *self = CVG_WAVEFORM (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->analysis, analysis_free);
  g_clear_pointer (&self->clip, g_bytes_unref);

  G_OBJECT_CLASS (cvg_waveform_parent_class)->dispose (object);
}

static void
cvg_waveform_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_READY:
      g_value_set_boolean (value, cvg_waveform_get_ready (CVG_WAVEFORM (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_waveform_class_init (CvgWaveformClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cvg_waveform_dispose;
  object_class->get_property = cvg_waveform_get_property;
  widget_class->snapshot = cvg_waveform_snapshot;

  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "waveform");
}

static void
cvg_waveform_init (CvgWaveform *self)
{
  self->playhead = -1;
  gtk_widget_set_size_request (GTK_WIDGET (self), -1, 96);
}

GtkWidget *
cvg_waveform_new (void)
{
  return g_object_new (CVG_TYPE_WAVEFORM, NULL);
}
