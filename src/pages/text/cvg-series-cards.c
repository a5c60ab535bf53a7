/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-series-cards"

#include "config.h"

#include "cvg-series-cards.h"

#include "cvg-card-grid.h"
#include "cvg-run.h"
#include "cvg-run-swatch.h"
#include "cvg-tag-order.h"

/* One card: a series of one run, and which of its cards. */
typedef struct
{
  char       *tag;
  CvgRunInfo *info;
  CvgSeries  *series;      /* borrowed from the run */
  guint       number;
  GtkWidget  *card;        /* owned by the cards table, once made */
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

struct _CvgSeriesCards
{
  GtkWidget                *page;
  GtkStack                 *stack;
  CvgCardGrid              *grid;
  CvgKind                   kind;
  CvgSeriesCardsCountFunc   count_func;
  CvgSeriesCardsNewFunc     new_func;
  CvgSeriesCardsUpdateFunc  update_func;
  CvgSeriesCardsFilterFunc  filter_func;
  gpointer                  user_data;

  GPtrArray                *entries;   /* Entry, sorted by tag, run, number */
  GHashTable               *cards;     /* Entry → card; emptied before entries go */
  guint                     n_series;
  guint                     n_cards;
};

static gboolean
entry_listed (CvgSeriesCards *self,
              Entry          *entry)
{
  return cvg_run_info_get_visible (entry->info) &&
         (self->filter_func == NULL ||
          self->filter_func (entry->tag, cvg_run_info_get_name (entry->info), self->user_data));
}

static void
rebuild_rows (CvgSeriesCards *self)
{
  g_autoptr(GPtrArray) new_rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) section = g_ptr_array_new ();
  g_autofree char *group = NULL;

  self->n_cards = 0;
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      g_autofree char *entry_group = NULL;

      if (!entry_listed (self, entry))
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
  int by_run = cvg_tag_compare (cvg_run_info_get_name (ea->info), cvg_run_info_get_name (eb->info));

  if (by_tag != 0)
    return by_tag;
  return by_run != 0 ? by_run : (ea->number > eb->number) - (ea->number < eb->number);
}

static void
add_entries (CvgSeriesCards *self,
             CvgRunInfo     *info,
             CvgSeries      *series)
{
  guint n = self->count_func != NULL ? self->count_func (series) : 1;

  for (guint k = 0; k < n; k++)
    {
      Entry *entry = g_new0 (Entry, 1);

      entry->tag = g_strdup (cvg_series_get_tag (series));
      entry->info = g_object_ref (info);
      entry->series = series;
      entry->number = k;
      g_ptr_array_add (self->entries, entry);
    }
}

/* Every series of the kind; the cards made so far hold the previous
 * runs' series: they go. */
static void
index_runs (CvgSeriesCards *self)
{
  GListModel *runs = cvg_card_grid_get_runs (self->grid);

  cvg_card_grid_clear (self->grid);
  g_hash_table_remove_all (self->cards);
  g_ptr_array_set_size (self->entries, 0);
  self->n_series = 0;

  for (guint i = 0; runs != NULL && i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(CvgRunInfo) info = g_list_model_get_item (runs, i);
      GPtrArray *series = cvg_run_get_series (cvg_run_info_get_run (info));

      for (guint j = 0; j < series->len; j++)
        {
          CvgSeries *s = g_ptr_array_index (series, j);

          if (cvg_series_get_kind (s) != self->kind || cvg_series_get_length (s) == 0)
            continue;
          self->n_series++;
          add_entries (self, info, s);
        }
    }
  g_ptr_array_sort (self->entries, compare_entries);
}

static GtkWidget *
ensure_card (Entry          *entry,
             CvgSeriesCards *self)
{
  GtkWidget *card = g_hash_table_lookup (self->cards, entry);

  if (card == NULL)
    {
      card = g_object_ref_sink (self->new_func (entry->info, entry->series, entry->number, self->user_data));
      entry->generation = cvg_series_get_generation (entry->series);
      g_hash_table_insert (self->cards, entry, card);
    }
  entry->card = card;
  return card;
}

static GtkWidget *
create_header (CvgCardRow     *row,
               CvgSeriesCards *self)
{
  GtkWidget *title = gtk_label_new (cvg_card_row_get_group (row));

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_top (title, 6);
  return title;
}

CvgSeriesCards *
cvg_series_cards_new (GtkWidget                *page,
                      GtkWidget                *empty,
                      CvgKind                   kind,
                      CvgSeriesCardsCountFunc   count_func,
                      CvgSeriesCardsNewFunc     new_func,
                      CvgSeriesCardsUpdateFunc  update_func,
                      CvgSeriesCardsFilterFunc  filter_func,
                      gpointer                  user_data)
{
  CvgSeriesCards *self = g_new0 (CvgSeriesCards, 1);
  GtkWidget *list_view = gtk_list_view_new (NULL, NULL);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->page = page;
  self->kind = kind;
  self->count_func = count_func;
  self->new_func = new_func;
  self->update_func = update_func;
  self->filter_func = filter_func;
  self->user_data = user_data;
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->cards = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_object_unref);
  self->grid = cvg_card_grid_new (GTK_LIST_VIEW (list_view), (CvgCardGridHeaderFunc) create_header,
                                  (CvgCardGridCardFunc) ensure_card, (CvgCardGridIndexFunc) index_runs,
                                  (CvgCardGridRebuildFunc) rebuild_rows, self);
  gtk_widget_add_css_class (list_view, "background");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list_view);
  gtk_widget_set_vexpand (scrolled, TRUE);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, scrolled, "cards");
  gtk_stack_add_named (self->stack, empty, "empty");
  rebuild_rows (self);
  return self;
}

void
cvg_series_cards_free (CvgSeriesCards *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->cards, g_hash_table_unref);
  g_clear_pointer (&self->grid, cvg_card_grid_free);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_free (self);
}

GtkWidget *
cvg_series_cards_get_widget (CvgSeriesCards *self)
{
  return GTK_WIDGET (self->stack);
}

void
cvg_series_cards_set_width (CvgSeriesCards *self,
                            int             width)
{
  cvg_card_grid_set_width (self->grid, width);
}

void
cvg_series_cards_set_runs (CvgSeriesCards *self,
                           GListModel     *runs)
{
  cvg_card_grid_set_runs (self->grid, runs);
}

void
cvg_series_cards_queue_rebuild (CvgSeriesCards *self)
{
  cvg_card_grid_queue_rebuild (self->grid);
}

guint
cvg_series_cards_get_n_cards (CvgSeriesCards *self)
{
  cvg_card_grid_flush (self->grid);
  return self->n_cards;
}

GtkWidget *
cvg_series_cards_get_card (CvgSeriesCards *self,
                           const char     *run,
                           const char     *tag,
                           guint           number)
{
  cvg_card_grid_flush (self->grid);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->number == number && g_strcmp0 (entry->tag, tag) == 0 &&
          g_strcmp0 (cvg_run_info_get_name (entry->info), run) == 0)
        return ensure_card (entry, self);
    }
  return NULL;
}

void
cvg_series_cards_foreach (CvgSeriesCards *self,
                          GFunc           func,
                          gpointer        user_data)
{
  GHashTableIter iter;
  gpointer card;

  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, NULL, &card))
    func (card, user_data);
}

void
cvg_series_cards_refresh (CvgSeriesCards *self)
{
  if (!cvg_card_grid_begin_refresh (self->grid, self->page, (CvgCardGridRebuildFunc) cvg_series_cards_refresh))
    return;
  if (cvg_run_info_count_series (cvg_card_grid_get_runs (self->grid), self->kind) != self->n_series)
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
      self->update_func (entry->card);
    }
}

static void
swatch_color_cb (CvgRunSwatch *swatch,
                 GParamSpec   *pspec,
                 CvgRunInfo   *info)
{
  cvg_run_swatch_set_color (swatch, cvg_run_info_get_color (info));
}

GtkWidget *
cvg_series_cards_header_new (const char *title,
                             CvgRunInfo *info)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *run = gtk_label_new (cvg_run_info_get_name (info));
  GtkWidget *swatch = g_object_new (CVG_TYPE_RUN_SWATCH, NULL);

  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);
  gtk_widget_set_margin_top (header, 8);
  gtk_widget_set_margin_bottom (header, 4);
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  cvg_run_swatch_set_color (CVG_RUN_SWATCH (swatch), cvg_run_info_get_color (info));
  g_signal_connect_object (info, "notify::color", G_CALLBACK (swatch_color_cb), swatch, G_CONNECT_SWAPPED);
  gtk_widget_add_css_class (run, "dim-label");
  gtk_label_set_ellipsize (GTK_LABEL (run), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (run), 16);
  gtk_box_append (GTK_BOX (header), label);
  gtk_box_append (GTK_BOX (header), swatch);
  gtk_box_append (GTK_BOX (header), run);
  return header;
}
