/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-audio-page"

#include "config.h"

#include "cvg-audio-page.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cvg-card-grid.h"
#include "cvg-run-info.h"
#include "cvg-run.h"
#include "cvg-series.h"
#include "cvg-tag-order.h"

/* Clips per step shown: tf.summary.audio's max_outputs is 3 by default. */
#define MAX_SAMPLES 16

/* One card: a clip of an audio tag of one run. */
typedef struct
{
  char       *tag;
  CvgRunInfo *info;
  CvgSeries  *series;      /* borrowed from the run */
  guint       sample;
  GtkWidget  *card;        /* borrowed from the cards table, once made */
  guint       generation;
} Entry;

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->tag);
  g_clear_object (&entry->info);
  g_free (entry);
}

struct _CvgAudioPage
{
  GtkWidget    parent_instance;

  GtkStack    *stack;
  GtkListView *list_view;
  GPtrArray   *entries;   /* Entry, sorted by tag, run, sample */
  GHashTable  *cards;     /* Entry → card, made on first bind */
  CvgCardGrid *grid;
  guint        n_series;  /* audio series indexed */
  guint        n_cards;
};

G_DEFINE_FINAL_TYPE (CvgAudioPage, cvg_audio_page, GTK_TYPE_WIDGET)

static void
rebuild_rows (CvgAudioPage *self)
{
  g_autoptr(GPtrArray) new_rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) section = g_ptr_array_new ();
  g_autofree char *group = NULL;

  self->n_cards = 0;
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      g_autofree char *entry_group = NULL;

      if (!cvg_run_info_get_visible (entry->info))
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
  return by_run != 0 ? by_run : (int) ea->sample - (int) eb->sample;
}

/* Clips per step: the first dimension of the newest value, bounded. */
static guint
count_samples (CvgSeries *series)
{
  const CvgTensorValue *value = cvg_series_get_tensor (series, cvg_series_get_length (series) - 1);

  if (value == NULL || value->rank == 0 || value->dims[0] <= 0)
    return 1;
  return (guint) MIN (value->dims[0], MAX_SAMPLES);
}

static void
index_runs (CvgAudioPage *self)
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

          if (cvg_series_get_kind (s) != CVG_KIND_AUDIO || cvg_series_get_length (s) == 0)
            continue;
          self->n_series++;
          for (guint k = 0; k < count_samples (s); k++)
            {
              Entry *entry = g_new0 (Entry, 1);

              entry->tag = g_strdup (cvg_series_get_tag (s));
              entry->info = g_object_ref (info);
              entry->series = s;
              entry->sample = k;
              g_ptr_array_add (self->entries, entry);
            }
        }
    }
  g_ptr_array_sort (self->entries, compare_entries);
}

static GtkWidget *
ensure_card (Entry        *entry,
             CvgAudioPage *self)
{
  GtkWidget *card = g_hash_table_lookup (self->cards, entry);

  if (card == NULL)
    {
      card = g_object_ref_sink (cvg_audio_card_new (entry->info, entry->series, entry->sample));
      entry->generation = cvg_series_get_generation (entry->series);
      g_hash_table_insert (self->cards, entry, card);
    }
  entry->card = card;
  return card;
}

static GtkWidget *
create_header (CvgCardRow   *row,
               CvgAudioPage *self)
{
  GtkWidget *title = gtk_label_new (cvg_card_row_get_group (row));

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_top (title, 6);
  return title;
}

static GtkWidget *
create_empty_page (void)
{
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "audio-x-generic-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No audio"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("Log it with tf.summary.audio or SummaryWriter.add_audio"));
  return status;
}

static void
cvg_audio_page_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  CvgAudioPage *self = CVG_AUDIO_PAGE (widget);

  gtk_widget_allocate (GTK_WIDGET (self->stack), width, height, baseline, NULL);
  cvg_card_grid_set_width (self->grid, width);
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
  gtk_widget_measure (GTK_WIDGET (CVG_AUDIO_PAGE (widget)->stack), orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
cvg_audio_page_dispose (GObject *object)
{
  CvgAudioPage *self = CVG_AUDIO_PAGE (object);

  if (self->stack != NULL)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->stack)));
  g_clear_pointer (&self->cards, g_hash_table_unref);
  g_clear_pointer (&self->grid, cvg_card_grid_free);

  G_OBJECT_CLASS (cvg_audio_page_parent_class)->dispose (object);
}

static void
cvg_audio_page_finalize (GObject *object)
{
  CvgAudioPage *self = CVG_AUDIO_PAGE (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (cvg_audio_page_parent_class)->finalize (object);
}

static void
cvg_audio_page_class_init (CvgAudioPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cvg_audio_page_dispose;
  object_class->finalize = cvg_audio_page_finalize;
  widget_class->measure = cvg_audio_page_measure;
  widget_class->size_allocate = cvg_audio_page_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "audio-page");
}

static void
cvg_audio_page_init (CvgAudioPage *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->entries = g_ptr_array_new_with_free_func (entry_free);
  /* Entries die with a reindex, which empties the table first. */
  self->cards = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_object_unref);
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (NULL, NULL));
  self->grid = cvg_card_grid_new (self->list_view, (CvgCardGridHeaderFunc) create_header,
                                  (CvgCardGridCardFunc) ensure_card,
                                  (CvgCardGridIndexFunc) index_runs,
                                  (CvgCardGridRebuildFunc) rebuild_rows, self);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "background");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list_view));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, scrolled, "cards");
  gtk_stack_add_named (self->stack, create_empty_page (), "empty");
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));
  rebuild_rows (self);
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

  cvg_card_grid_set_runs (self->grid, runs);
}

guint
cvg_audio_page_get_n_cards (CvgAudioPage *self)
{
  g_return_val_if_fail (CVG_IS_AUDIO_PAGE (self), 0);

  cvg_card_grid_flush (self->grid);
  return self->n_cards;
}

CvgAudioCard *
cvg_audio_page_get_card (CvgAudioPage *self,
                         const char   *run,
                         const char   *tag,
                         guint         sample)
{
  g_return_val_if_fail (CVG_IS_AUDIO_PAGE (self), NULL);

  cvg_card_grid_flush (self->grid);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->sample == sample && g_strcmp0 (entry->tag, tag) == 0 &&
          g_strcmp0 (cvg_run_info_get_name (entry->info), run) == 0)
        return CVG_AUDIO_CARD (ensure_card (entry, self));
    }
  return NULL;
}

void
cvg_audio_page_refresh (CvgAudioPage *self)
{
  g_return_if_fail (CVG_IS_AUDIO_PAGE (self));

  if (!cvg_card_grid_begin_refresh (self->grid, GTK_WIDGET (self), (CvgCardGridRebuildFunc) cvg_audio_page_refresh))
    return;
  if (cvg_run_info_count_series (cvg_card_grid_get_runs (self->grid), CVG_KIND_AUDIO) != self->n_series)
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
      cvg_audio_card_update (CVG_AUDIO_CARD (entry->card));
    }
}
