/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-text-page"

#include "config.h"

#include "cvg-text-page.h"

#include "cvg-empty-page.h"

#include "cvg-page.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "cvg-series-cards.h"

struct _CvgTextPage
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkEditable    *filter_entry;
  GtkEditable    *search_entry;
  GtkToggleButton *raw_button;
  CvgSeriesCards *cards;
};

static void
cvg_text_page_iface_init (CvgPageInterface *iface)
{
  iface->set_runs = (void (*) (CvgPage *, GListModel *)) cvg_text_page_set_runs;
  iface->refresh = (void (*) (CvgPage *)) cvg_text_page_refresh;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (CvgTextPage, cvg_text_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CVG_TYPE_PAGE, cvg_text_page_iface_init))

static gboolean
matches_filter (const char  *tag,
                const char  *run,
                CvgTextPage *self)
{
  g_autofree char *needle = g_utf8_casefold (gtk_editable_get_text (self->filter_entry), -1);
  g_autofree char *folded_tag = g_utf8_casefold (tag, -1);
  g_autofree char *folded_run = g_utf8_casefold (run, -1);

  return strstr (folded_tag, needle) != NULL || strstr (folded_run, needle) != NULL;
}

static void
apply_view (GtkWidget   *card,
            CvgTextPage *self)
{
  cvg_text_card_set_view (CVG_TEXT_CARD (card), gtk_toggle_button_get_active (self->raw_button),
                          gtk_editable_get_text (self->search_entry));
}

static GtkWidget *
new_card (CvgRunInfo  *info,
          CvgSeries   *series,
          guint        number,
          CvgTextPage *self)
{
  GtkWidget *card = cvg_text_card_new (info, series);

  apply_view (card, self);
  return card;
}

static void
view_changed_cb (CvgTextPage *self)
{
  cvg_series_cards_foreach (self->cards, (GFunc) apply_view, self);
}

static GtkWidget *
create_toolbar (CvgTextPage *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *filter = gtk_search_entry_new ();
  GtkWidget *search = gtk_search_entry_new ();
  GtkWidget *raw = gtk_toggle_button_new_with_mnemonic (_("_Raw Text"));

  g_object_set (filter, "placeholder-text", _("Filter tags and runs"), NULL);
  g_object_set (search, "placeholder-text", _("Find in text"), NULL);
  gtk_widget_set_hexpand (search, TRUE);
  gtk_widget_set_tooltip_text (raw, _("Show the text as written, without rendering markdown"));
  self->filter_entry = GTK_EDITABLE (filter);
  self->search_entry = GTK_EDITABLE (search);
  self->raw_button = GTK_TOGGLE_BUTTON (raw);
  g_signal_connect_swapped (filter, "search-changed", G_CALLBACK (cvg_series_cards_queue_rebuild), self->cards);
  g_signal_connect_swapped (search, "search-changed", G_CALLBACK (view_changed_cb), self);
  g_signal_connect_swapped (raw, "toggled", G_CALLBACK (view_changed_cb), self);
  gtk_widget_add_css_class (toolbar, "toolbar");
  gtk_box_append (GTK_BOX (toolbar), filter);
  gtk_box_append (GTK_BOX (toolbar), search);
  gtk_box_append (GTK_BOX (toolbar), raw);
  return toolbar;
}

static void
cvg_text_page_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  CvgTextPage *self = CVG_TEXT_PAGE (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
  cvg_series_cards_set_width (self->cards, width);
}

static void
cvg_text_page_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  gtk_widget_measure (CVG_TEXT_PAGE (widget)->box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
cvg_text_page_dispose (GObject *object)
{
  CvgTextPage *self = CVG_TEXT_PAGE (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->cards, cvg_series_cards_free);

  G_OBJECT_CLASS (cvg_text_page_parent_class)->dispose (object);
}

static void
cvg_text_page_class_init (CvgTextPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cvg_text_page_dispose;
  widget_class->measure = cvg_text_page_measure;
  widget_class->size_allocate = cvg_text_page_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "text-page");
}

static void
cvg_text_page_init (CvgTextPage *self)
{
  GtkWidget *empty = cvg_empty_page_new ("format-text-plaintext-symbolic", _("No text"),
                                         _("Log it with tf.summary.text or SummaryWriter.add_text"));

  self->cards = cvg_series_cards_new (GTK_WIDGET (self), empty, CVG_KIND_TEXT, NULL,
                                      (CvgSeriesCardsNewFunc) new_card,
                                      (CvgSeriesCardsUpdateFunc) cvg_text_card_update,
                                      (CvgSeriesCardsFilterFunc) matches_filter, self);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (self->box), create_toolbar (self));
  gtk_box_append (GTK_BOX (self->box), cvg_series_cards_get_widget (self->cards));
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

GtkWidget *
cvg_text_page_new (void)
{
  return g_object_new (CVG_TYPE_TEXT_PAGE, NULL);
}

void
cvg_text_page_set_runs (CvgTextPage *self,
                        GListModel  *runs)
{
  g_return_if_fail (CVG_IS_TEXT_PAGE (self));
  g_return_if_fail (runs == NULL || G_IS_LIST_MODEL (runs));

  cvg_series_cards_set_runs (self->cards, runs);
}

guint
cvg_text_page_get_n_cards (CvgTextPage *self)
{
  g_return_val_if_fail (CVG_IS_TEXT_PAGE (self), 0);

  return cvg_series_cards_get_n_cards (self->cards);
}

CvgTextCard *
cvg_text_page_get_card (CvgTextPage *self,
                        const char  *run,
                        const char  *tag)
{
  g_return_val_if_fail (CVG_IS_TEXT_PAGE (self), NULL);

  return (CvgTextCard *) cvg_series_cards_get_card (self->cards, run, tag, 0);
}

void
cvg_text_page_set_search (CvgTextPage *self,
                          const char  *search)
{
  g_return_if_fail (CVG_IS_TEXT_PAGE (self));

  gtk_editable_set_text (self->search_entry, search);
  view_changed_cb (self);
}

void
cvg_text_page_set_filter (CvgTextPage *self,
                          const char  *filter)
{
  g_return_if_fail (CVG_IS_TEXT_PAGE (self));

  gtk_editable_set_text (self->filter_entry, filter);
  cvg_series_cards_queue_rebuild (self->cards);
}

void
cvg_text_page_set_raw (CvgTextPage *self,
                       gboolean     raw)
{
  g_return_if_fail (CVG_IS_TEXT_PAGE (self));

  gtk_toggle_button_set_active (self->raw_button, raw);
}

void
cvg_text_page_refresh (CvgTextPage *self)
{
  g_return_if_fail (CVG_IS_TEXT_PAGE (self));

  cvg_series_cards_refresh (self->cards);
}
