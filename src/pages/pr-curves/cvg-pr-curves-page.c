/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-pr-curves-page"

#include "config.h"

#include "cvg-pr-curves-page.h"

#include "cvg-empty-page.h"

#include "cvg-page.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cvg-card-grid.h"
#include "cvg-run.h"
#include "cvg-series.h"
#include "cvg-tag-order.h"

/* One card: a tag and the runs that hold it. */
typedef struct
{
  char      *tag;
  GPtrArray *infos;     /* CvgRunInfo */
  GPtrArray *series;    /* CvgSeries, borrowed from the runs, beside infos */
  GtkWidget *card;      /* borrowed from the cards table, once made */
} Entry;

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->tag);
  g_ptr_array_unref (entry->infos);
  g_ptr_array_unref (entry->series);
  g_free (entry);
}

struct _CvgPrCurvesPage
{
  GtkWidget    parent_instance;

  GtkWidget   *box;
  GtkWidget   *filter_entry;
  GtkWidget   *earlier_button;
  GtkStack    *stack;
  GPtrArray   *entries;     /* Entry, sorted by tag */
  GHashTable  *tags;        /* tag → Entry, while indexing */
  GHashTable  *cards;       /* Entry → card, made on first bind */
  CvgCardGrid *grid;
  GRegex      *filter_regex;
  guint        n_cards;
  guint        n_series;
};

static void
cvg_pr_curves_page_iface_init (CvgPageInterface *iface)
{
  iface->set_runs = (void (*) (CvgPage *, GListModel *)) cvg_pr_curves_page_set_runs;
  iface->refresh = (void (*) (CvgPage *)) cvg_pr_curves_page_refresh;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (CvgPrCurvesPage, cvg_pr_curves_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CVG_TYPE_PAGE, cvg_pr_curves_page_iface_init))

static gboolean
any_visible (Entry *entry)
{
  for (guint i = 0; i < entry->infos->len; i++)
    if (cvg_run_info_get_visible (g_ptr_array_index (entry->infos, i)))
      return TRUE;
  return FALSE;
}

static char *
entry_group (Entry           *entry,
             CvgPrCurvesPage *self)
{
  if (!any_visible (entry) ||
      (self->filter_regex != NULL && !g_regex_match (self->filter_regex, entry->tag, 0, NULL)))
    return NULL;
  return cvg_tag_group (entry->tag);
}

/* Cheap (no card is made here): it runs whole on every filter,
 * visibility or width change; the cards made follow the runs shown. */
static void
rebuild_rows (CvgPrCurvesPage *self)
{
  GHashTableIter iter;
  gpointer card;

  self->n_cards = cvg_card_grid_set_items (self->grid, self->entries, (CvgCardGridGroupFunc) entry_group, self);
  gtk_stack_set_visible_child_name (self->stack, self->entries->len > 0 ? "cards" : "empty");
  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, NULL, &card))
    cvg_pr_curve_card_sync (card);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  return cvg_tag_compare ((*(Entry * const *) a)->tag, (*(Entry * const *) b)->tag);
}

static void
add_series (CvgPrCurvesPage *self,
            CvgRunInfo      *info,
            CvgSeries       *series)
{
  const char *tag = cvg_series_get_tag (series);
  Entry *entry = g_hash_table_lookup (self->tags, tag);

  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->tag = g_strdup (tag);
      entry->infos = g_ptr_array_new_with_free_func (g_object_unref);
      entry->series = g_ptr_array_new ();
      g_ptr_array_add (self->entries, entry);
      g_hash_table_insert (self->tags, entry->tag, entry);
    }
  g_ptr_array_add (entry->infos, g_object_ref (info));
  g_ptr_array_add (entry->series, series);
}

/* One entry per tag over every run (in the runs' order, which is the
 * sidebar's). The cards made so far hold the previous runs' series. */
static void
index_runs (CvgPrCurvesPage *self)
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

          if (cvg_series_get_kind (s) != CVG_KIND_PR_CURVE || cvg_series_get_length (s) == 0)
            continue;
          add_series (self, info, s);
          self->n_series++;
        }
    }
  g_hash_table_remove_all (self->tags);
  g_ptr_array_sort (self->entries, compare_entries);
}

static GtkWidget *
ensure_card (Entry           *entry,
             CvgPrCurvesPage *self)
{
  GtkWidget *card = g_hash_table_lookup (self->cards, entry);

  if (card == NULL)
    {
      card = g_object_ref_sink (cvg_pr_curve_card_new (entry->tag));
      for (guint i = 0; i < entry->infos->len; i++)
        cvg_pr_curve_card_add_run (CVG_PR_CURVE_CARD (card), g_ptr_array_index (entry->infos, i),
                                   g_ptr_array_index (entry->series, i));
      cvg_pr_curve_card_set_show_earlier (CVG_PR_CURVE_CARD (card),
                                          gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->earlier_button)));
      g_hash_table_insert (self->cards, entry, card);
    }
  entry->card = card;
  return card;
}

static void
filter_changed_cb (CvgPrCurvesPage *self)
{
  g_clear_pointer (&self->filter_regex, g_regex_unref);
  self->filter_regex = cvg_card_grid_compile_filter (self->filter_entry,
                                                     gtk_editable_get_text (GTK_EDITABLE (self->filter_entry)));
  rebuild_rows (self);
}

static void
earlier_toggled_cb (CvgPrCurvesPage *self)
{
  gboolean active = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->earlier_button));
  GHashTableIter iter;
  gpointer card;

  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, NULL, &card))
    cvg_pr_curve_card_set_show_earlier (card, active);
}

static GtkWidget *
create_toolbar (CvgPrCurvesPage *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->filter_entry = gtk_search_entry_new ();
  gtk_widget_set_hexpand (self->filter_entry, TRUE);
  g_object_set (self->filter_entry, "placeholder-text", _("Filter tags (regular expression)"), NULL);
  g_signal_connect_swapped (self->filter_entry, "search-changed", G_CALLBACK (filter_changed_cb), self);
  self->earlier_button = gtk_toggle_button_new_with_mnemonic (_("_Earlier Steps"));
  gtk_widget_set_tooltip_text (self->earlier_button, _("Show each run's earlier steps faintly, to see how its curve moved"));
  g_signal_connect_swapped (self->earlier_button, "toggled", G_CALLBACK (earlier_toggled_cb), self);
  gtk_widget_add_css_class (toolbar, "toolbar");
  gtk_box_append (GTK_BOX (toolbar), self->filter_entry);
  gtk_box_append (GTK_BOX (toolbar), self->earlier_button);
  return toolbar;
}

static void
cvg_pr_curves_page_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  CvgPrCurvesPage *self = CVG_PR_CURVES_PAGE (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
  cvg_card_grid_set_width (self->grid, width);
}

static void
cvg_pr_curves_page_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  gtk_widget_measure (CVG_PR_CURVES_PAGE (widget)->box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
cvg_pr_curves_page_dispose (GObject *object)
{
  CvgPrCurvesPage *self = CVG_PR_CURVES_PAGE (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->cards, g_hash_table_unref);
  g_clear_pointer (&self->grid, cvg_card_grid_free);

  G_OBJECT_CLASS (cvg_pr_curves_page_parent_class)->dispose (object);
}

static void
cvg_pr_curves_page_finalize (GObject *object)
{
  CvgPrCurvesPage *self = CVG_PR_CURVES_PAGE (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->tags, g_hash_table_unref);
  g_clear_pointer (&self->filter_regex, g_regex_unref);

  G_OBJECT_CLASS (cvg_pr_curves_page_parent_class)->finalize (object);
}

static void
cvg_pr_curves_page_class_init (CvgPrCurvesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cvg_pr_curves_page_dispose;
  object_class->finalize = cvg_pr_curves_page_finalize;
  widget_class->measure = cvg_pr_curves_page_measure;
  widget_class->size_allocate = cvg_pr_curves_page_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "pr-curves-page");
}

static void
cvg_pr_curves_page_init (CvgPrCurvesPage *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list_view = gtk_list_view_new (NULL, NULL);
  GtkWidget *empty = cvg_empty_page_new ("view-sort-descending-symbolic", _("No PR curves"),
                                         _("Log them with the pr_curve summary or SummaryWriter.add_pr_curve"));

  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->tags = g_hash_table_new (g_str_hash, g_str_equal);
  self->cards = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->grid = cvg_card_grid_new (GTK_LIST_VIEW (list_view), cvg_card_grid_create_header,
                                  (CvgCardGridCardFunc) ensure_card,
                                  (CvgCardGridIndexFunc) index_runs,
                                  (CvgCardGridRebuildFunc) rebuild_rows, self);
  gtk_widget_add_css_class (list_view, "background");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list_view);
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, scrolled, "cards");
  gtk_stack_add_named (self->stack, empty, "empty");
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (self->box), create_toolbar (self));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->stack));
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  rebuild_rows (self);
}

GtkWidget *
cvg_pr_curves_page_new (void)
{
  return g_object_new (CVG_TYPE_PR_CURVES_PAGE, NULL);
}

void
cvg_pr_curves_page_set_runs (CvgPrCurvesPage *self,
                             GListModel      *runs)
{
  g_return_if_fail (CVG_IS_PR_CURVES_PAGE (self));
  g_return_if_fail (runs == NULL || G_IS_LIST_MODEL (runs));

  cvg_card_grid_set_runs (self->grid, runs);
}

void
cvg_pr_curves_page_refresh (CvgPrCurvesPage *self)
{
  GHashTableIter iter;
  gpointer card;

  g_return_if_fail (CVG_IS_PR_CURVES_PAGE (self));

  if (!cvg_card_grid_begin_refresh (self->grid, GTK_WIDGET (self), (CvgCardGridRebuildFunc) cvg_pr_curves_page_refresh))
    return;
  if (cvg_run_info_count_series (cvg_card_grid_get_runs (self->grid), CVG_KIND_PR_CURVE) != self->n_series)
    {
      cvg_card_grid_queue_reindex (self->grid);
      return;
    }
  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, NULL, &card))
    cvg_pr_curve_card_update (card);
}

guint
cvg_pr_curves_page_get_n_cards (CvgPrCurvesPage *self)
{
  g_return_val_if_fail (CVG_IS_PR_CURVES_PAGE (self), 0);

  cvg_card_grid_flush (self->grid);
  return self->n_cards;
}

CvgPrCurveCard *
cvg_pr_curves_page_get_card (CvgPrCurvesPage *self,
                             const char      *tag)
{
  g_return_val_if_fail (CVG_IS_PR_CURVES_PAGE (self), NULL);

  cvg_card_grid_flush (self->grid);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (g_strcmp0 (entry->tag, tag) == 0)
        return CVG_PR_CURVE_CARD (ensure_card (entry, self));
    }
  return NULL;
}
