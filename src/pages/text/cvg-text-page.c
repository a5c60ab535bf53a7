/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-text-page"

#include "config.h"

#include "cvg-text-page.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "cvg-card-grid.h"
#include "cvg-run-info.h"
#include "cvg-run.h"
#include "cvg-series.h"
#include "cvg-tag-order.h"

/* One card: a text tag of one run. */
typedef struct
{
  char       *tag;
  CvgRunInfo *info;
  CvgSeries  *series;      /* borrowed from the run */
  GtkWidget  *card;        /* borrowed from the cards table, once made */
  guint       generation;  /* of the series the card shows */
} Entry;

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->tag);
  g_clear_object (&entry->info);
  g_free (entry);
}

struct _CvgTextPage
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkStack       *stack;
  GtkListView    *list_view;
  GtkEditable    *filter_entry;
  GtkEditable    *search_entry;
  GtkToggleButton *raw_button;

  GPtrArray      *entries;   /* Entry, every run's, sorted by tag then run */
  GHashTable     *cards;     /* "run\ntag" → card, made on first bind */
  CvgCardGrid    *grid;
  guint           n_cards;
};

G_DEFINE_FINAL_TYPE (CvgTextPage, cvg_text_page, GTK_TYPE_WIDGET)

static gboolean
matches_filter (CvgTextPage *self,
                Entry       *entry)
{
  const char *filter = gtk_editable_get_text (self->filter_entry);
  g_autofree char *needle = g_utf8_casefold (filter, -1);
  g_autofree char *tag = g_utf8_casefold (entry->tag, -1);
  g_autofree char *run = g_utf8_casefold (cvg_run_info_get_name (entry->info), -1);

  return strstr (tag, needle) != NULL || strstr (run, needle) != NULL;
}

static void
rebuild_rows (CvgTextPage *self)
{
  g_autoptr(GPtrArray) new_rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) section = g_ptr_array_new ();
  g_autofree char *group = NULL;

  self->n_cards = 0;
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      g_autofree char *entry_group = NULL;

      if (!cvg_run_info_get_visible (entry->info) || !matches_filter (self, entry))
        continue;
      entry_group = cvg_tag_group (entry->tag);
      if (g_strcmp0 (group, entry_group) != 0)
        {
          if (group != NULL)
            cvg_card_grid_add_section (self->grid, new_rows, group, section, FALSE, NULL, NULL);
          g_ptr_array_set_size (section, 0);
          g_free (group);
          group = g_steal_pointer (&entry_group);
        }
      g_ptr_array_add (section, entry);
      self->n_cards++;
    }
  if (group != NULL)
    cvg_card_grid_add_section (self->grid, new_rows, group, section, FALSE, NULL, NULL);

  cvg_card_grid_set_rows (self->grid, new_rows);
  gtk_stack_set_visible_child_name (self->stack, self->entries->len > 0 ? "cards" : "empty");
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = *(Entry * const *) a;
  const Entry *eb = *(Entry * const *) b;
  int by_tag = cvg_tag_compare (ea->tag, eb->tag);

  return by_tag != 0 ? by_tag : cvg_tag_compare (cvg_run_info_get_name (ea->info), cvg_run_info_get_name (eb->info));
}

static void
index_runs (CvgTextPage *self)
{
  GListModel *runs = cvg_card_grid_get_runs (self->grid);

  cvg_card_grid_clear (self->grid);
  g_hash_table_remove_all (self->cards);
  g_ptr_array_set_size (self->entries, 0);

  for (guint i = 0; runs != NULL && i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(CvgRunInfo) info = g_list_model_get_item (runs, i);
      GPtrArray *series = cvg_run_get_series (cvg_run_info_get_run (info));

      for (guint j = 0; j < series->len; j++)
        {
          CvgSeries *s = g_ptr_array_index (series, j);
          Entry *entry;

          if (cvg_series_get_kind (s) != CVG_KIND_TEXT || cvg_series_get_length (s) == 0)
            continue;
          entry = g_new0 (Entry, 1);
          entry->tag = g_strdup (cvg_series_get_tag (s));
          entry->info = g_object_ref (info);
          entry->series = s;
          g_ptr_array_add (self->entries, entry);
        }
    }
  g_ptr_array_sort (self->entries, compare_entries);
}

static void
apply_view (CvgTextPage *self,
            GtkWidget   *card)
{
  cvg_text_card_set_view (CVG_TEXT_CARD (card), gtk_toggle_button_get_active (self->raw_button),
                          gtk_editable_get_text (self->search_entry));
}

static GtkWidget *
ensure_card (Entry       *entry,
             CvgTextPage *self)
{
  g_autofree char *key = g_strconcat (cvg_run_info_get_name (entry->info), "\n", entry->tag, NULL);
  GtkWidget *card = g_hash_table_lookup (self->cards, key);

  if (card == NULL)
    {
      card = g_object_ref_sink (cvg_text_card_new (entry->info, entry->series));
      apply_view (self, card);
      entry->generation = cvg_series_get_generation (entry->series);
      g_hash_table_insert (self->cards, g_steal_pointer (&key), card);
    }
  entry->card = card;
  return card;
}

static GtkWidget *
create_header (CvgCardRow  *row,
               CvgTextPage *self)
{
  GtkWidget *title = gtk_label_new (cvg_card_row_get_group (row));

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_top (title, 6);
  return title;
}

static void
view_changed_cb (CvgTextPage *self)
{
  GHashTableIter iter;
  gpointer card;

  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, NULL, &card))
    apply_view (self, card);
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
  g_signal_connect_swapped (filter, "search-changed", G_CALLBACK (cvg_card_grid_queue_rebuild), self->grid);
  g_signal_connect_swapped (search, "search-changed", G_CALLBACK (view_changed_cb), self);
  g_signal_connect_swapped (raw, "toggled", G_CALLBACK (view_changed_cb), self);
  gtk_widget_add_css_class (toolbar, "toolbar");
  gtk_box_append (GTK_BOX (toolbar), filter);
  gtk_box_append (GTK_BOX (toolbar), search);
  gtk_box_append (GTK_BOX (toolbar), raw);
  return toolbar;
}

static GtkWidget *
create_empty_page (void)
{
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "format-text-plaintext-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No text"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("Log it with tf.summary.text or SummaryWriter.add_text"));
  return status;
}

static void
cvg_text_page_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  CvgTextPage *self = CVG_TEXT_PAGE (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
  cvg_card_grid_set_width (self->grid, width);
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
  g_clear_pointer (&self->cards, g_hash_table_unref);
  g_clear_pointer (&self->grid, cvg_card_grid_free);

  G_OBJECT_CLASS (cvg_text_page_parent_class)->dispose (object);
}

static void
cvg_text_page_finalize (GObject *object)
{
  CvgTextPage *self = CVG_TEXT_PAGE (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (cvg_text_page_parent_class)->finalize (object);
}

static void
cvg_text_page_class_init (CvgTextPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cvg_text_page_dispose;
  object_class->finalize = cvg_text_page_finalize;
  widget_class->measure = cvg_text_page_measure;
  widget_class->size_allocate = cvg_text_page_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "text-page");
}

static void
cvg_text_page_init (CvgTextPage *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->cards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (NULL, NULL));
  self->grid = cvg_card_grid_new (self->list_view, (CvgCardGridHeaderFunc) create_header,
                                  (CvgCardGridCardFunc) ensure_card,
                                  (CvgCardGridIndexFunc) index_runs,
                                  (CvgCardGridRebuildFunc) rebuild_rows, self);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "background");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list_view));
  gtk_widget_set_vexpand (scrolled, TRUE);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, scrolled, "cards");
  gtk_stack_add_named (self->stack, create_empty_page (), "empty");

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (self->box), create_toolbar (self));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->stack));
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  rebuild_rows (self);
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

  cvg_card_grid_set_runs (self->grid, runs);
}

guint
cvg_text_page_get_n_cards (CvgTextPage *self)
{
  g_return_val_if_fail (CVG_IS_TEXT_PAGE (self), 0);

  cvg_card_grid_flush (self->grid);
  return self->n_cards;
}

CvgTextCard *
cvg_text_page_get_card (CvgTextPage *self,
                        const char  *run,
                        const char  *tag)
{
  g_return_val_if_fail (CVG_IS_TEXT_PAGE (self), NULL);

  cvg_card_grid_flush (self->grid);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (g_strcmp0 (entry->tag, tag) == 0 && g_strcmp0 (cvg_run_info_get_name (entry->info), run) == 0)
        return CVG_TEXT_CARD (ensure_card (entry, self));
    }
  return NULL;
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
  rebuild_rows (self);
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

  if (!cvg_card_grid_begin_refresh (self->grid, GTK_WIDGET (self), (CvgCardGridRebuildFunc) cvg_text_page_refresh))
    return;
  if (cvg_run_info_count_series (cvg_card_grid_get_runs (self->grid), CVG_KIND_TEXT) != self->entries->len)
    {
      cvg_card_grid_queue_reindex (self->grid);
      return;
    }
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      guint generation = cvg_series_get_generation (entry->series);

      if (entry->card == NULL || entry->generation == generation)
        continue;
      entry->generation = generation;
      cvg_text_card_update (CVG_TEXT_CARD (entry->card));
    }
}
