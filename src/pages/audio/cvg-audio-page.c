/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-audio-page"

#include "config.h"

#include "cvg-audio-page.h"

#include "cvg-empty-page.h"

#include "cvg-page.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cvg-series-cards.h"

/* Clips per step shown: tf.summary.audio's max_outputs is 3 by default. */
#define MAX_SAMPLES 16

struct _CvgAudioPage
{
  GtkWidget       parent_instance;

  CvgSeriesCards *cards;
};

static void
cvg_audio_page_iface_init (CvgPageInterface *iface)
{
  iface->set_runs = (void (*) (CvgPage *, GListModel *)) cvg_audio_page_set_runs;
  iface->refresh = (void (*) (CvgPage *)) cvg_audio_page_refresh;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (CvgAudioPage, cvg_audio_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CVG_TYPE_PAGE, cvg_audio_page_iface_init))

/* Clips per step: the first dimension of the newest value, bounded. */
static guint
count_samples (CvgSeries *series)
{
  const CvgTensorValue *value = cvg_series_get_tensor (series, cvg_series_get_length (series) - 1);

  if (value == NULL || value->rank == 0 || value->dims[0] <= 0)
    return 1;
  return (guint) MIN (value->dims[0], MAX_SAMPLES);
}

static GtkWidget *
new_card (CvgRunInfo *info,
          CvgSeries  *series,
          guint       sample,
          gpointer    user_data)
{
  return cvg_audio_card_new (info, series, sample);
}

static void
cvg_audio_page_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  CvgAudioPage *self = CVG_AUDIO_PAGE (widget);

  gtk_widget_allocate (cvg_series_cards_get_widget (self->cards), width, height, baseline, NULL);
  cvg_series_cards_set_width (self->cards, width);
}

static void
cvg_audio_page_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  gtk_widget_measure (cvg_series_cards_get_widget (CVG_AUDIO_PAGE (widget)->cards), orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
cvg_audio_page_dispose (GObject *object)
{
  CvgAudioPage *self = CVG_AUDIO_PAGE (object);

  if (self->cards != NULL)
    gtk_widget_unparent (cvg_series_cards_get_widget (self->cards));
  g_clear_pointer (&self->cards, cvg_series_cards_free);

  G_OBJECT_CLASS (cvg_audio_page_parent_class)->dispose (object);
}

static void
cvg_audio_page_class_init (CvgAudioPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cvg_audio_page_dispose;
  widget_class->measure = cvg_audio_page_measure;
  widget_class->size_allocate = cvg_audio_page_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "audio-page");
}

static void
cvg_audio_page_init (CvgAudioPage *self)
{
  GtkWidget *empty = cvg_empty_page_new ("audio-x-generic-symbolic", _("No audio"),
                                         _("Log it with tf.summary.audio or SummaryWriter.add_audio"));

  self->cards = cvg_series_cards_new (GTK_WIDGET (self), empty, CVG_KIND_AUDIO, count_samples,
                                      new_card, (CvgSeriesCardsUpdateFunc) cvg_audio_card_update, NULL, self);
  gtk_widget_set_parent (cvg_series_cards_get_widget (self->cards), GTK_WIDGET (self));
}

GtkWidget *
cvg_audio_page_new (void)
{
  return g_object_new (CVG_TYPE_AUDIO_PAGE, NULL);
}

void
cvg_audio_page_set_runs (CvgAudioPage *self,
                         GListModel   *runs)
{
  g_return_if_fail (CVG_IS_AUDIO_PAGE (self));
  g_return_if_fail (runs == NULL || G_IS_LIST_MODEL (runs));

  cvg_series_cards_set_runs (self->cards, runs);
}

guint
cvg_audio_page_get_n_cards (CvgAudioPage *self)
{
  g_return_val_if_fail (CVG_IS_AUDIO_PAGE (self), 0);

  return cvg_series_cards_get_n_cards (self->cards);
}

CvgAudioCard *
cvg_audio_page_get_card (CvgAudioPage *self,
                         const char   *run,
                         const char   *tag,
                         guint         sample)
{
  g_return_val_if_fail (CVG_IS_AUDIO_PAGE (self), NULL);

  return (CvgAudioCard *) cvg_series_cards_get_card (self->cards, run, tag, sample);
}

void
cvg_audio_page_refresh (CvgAudioPage *self)
{
  g_return_if_fail (CVG_IS_AUDIO_PAGE (self));

  cvg_series_cards_refresh (self->cards);
}
