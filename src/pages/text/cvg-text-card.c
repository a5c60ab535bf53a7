/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-text-card"

#include "config.h"

#include "cvg-text-card.h"

#include <glib/gi18n.h>

#include "cvg-series-cards.h"
#include "cvg-text-entry-row.h"

/* Long enough to read an entry, short enough to see the next card. */
#define LIST_HEIGHT 400

struct _CvgTextCard
{
  GtkWidget      parent_instance;

  CvgRunInfo    *info;
  CvgSeries     *series;     /* borrowed from the info's run */
  GArray        *order;      /* gsize point indices, newest step first */
  GtkStringList *positions;  /* "0", "1", …: GTK 4.8 has no list of numbers */
  gboolean       raw;
  char          *highlight;
};

G_DEFINE_FINAL_TYPE (CvgTextCard, cvg_text_card, GTK_TYPE_WIDGET)

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  CvgSeries *series = user_data;
  gsize ia = *(const gsize *) a;
  gsize ib = *(const gsize *) b;
  gint64 sa = cvg_series_get_step (series, ia);
  gint64 sb = cvg_series_get_step (series, ib);

  if (sa != sb)
    return sa > sb ? -1 : 1;
  return ia > ib ? -1 : ia < ib;
}

static void
load_order (CvgTextCard *self)
{
  g_autoptr(GArray) kept = cvg_series_get_purged_indices (self->series);
  guint old_len = g_list_model_get_n_items (G_LIST_MODEL (self->positions));

  g_array_set_size (self->order, 0);
  for (guint i = 0; i < kept->len; i++)
    {
      gsize index = g_array_index (kept, guint, i);

      g_array_append_val (self->order, index);
    }
  g_array_sort_with_data (self->order, compare_newest_first, self->series);

  /* One splice: a signal per entry would cost the list view 10,000 updates. */
  if (self->order->len > old_len)
    {
      g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_free);

      for (guint i = old_len; i < self->order->len; i++)
        g_ptr_array_add (added, g_strdup_printf ("%u", i));
      g_ptr_array_add (added, NULL);
      gtk_string_list_splice (self->positions, old_len, 0, (const char * const *) added->pdata);
    }
  if (self->order->len < old_len)
    gtk_string_list_splice (self->positions, self->order->len, old_len - self->order->len, NULL);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         CvgTextCard              *self)
{
  guint position = gtk_list_item_get_position (item);

  if (position >= self->order->len)
    return;
  cvg_text_entry_row_set (CVG_TEXT_ENTRY_ROW (gtk_list_item_get_child (item)), self->series,
                          g_array_index (self->order, gsize, position), self->raw, self->highlight);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, cvg_text_entry_row_new ());
}

/* Visible rows are bound again, the others when they scroll in. */
static void
rebind_all (CvgTextCard *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->positions));

  g_list_model_items_changed (G_LIST_MODEL (self->positions), 0, n, n);
}

void
cvg_text_card_set_view (CvgTextCard *self,
                        gboolean     raw,
                        const char  *highlight)
{
  g_return_if_fail (CVG_IS_TEXT_CARD (self));

  if (highlight != NULL && highlight[0] == '\0')
    highlight = NULL;
  if (self->raw == raw && g_strcmp0 (self->highlight, highlight) == 0)
    return;
  self->raw = raw;
  g_free (self->highlight);
  self->highlight = g_strdup (highlight);
  rebind_all (self);
}

void
cvg_text_card_update (CvgTextCard *self)
{
  g_return_if_fail (CVG_IS_TEXT_CARD (self));

  load_order (self);
  rebind_all (self);
}

guint
cvg_text_card_get_n_entries (CvgTextCard *self)
{
  g_return_val_if_fail (CVG_IS_TEXT_CARD (self), 0);

  return self->order->len;
}

gsize
cvg_text_card_get_entry (CvgTextCard *self,
                         guint        position)
{
  g_return_val_if_fail (CVG_IS_TEXT_CARD (self), 0);
  g_return_val_if_fail (position < self->order->len, 0);

  return g_array_index (self->order, gsize, position);
}

static void
cvg_text_card_dispose (GObject *object)
{
  CvgTextCard *self = CVG_TEXT_CARD (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->positions);
  g_clear_object (&self->info);

  G_OBJECT_CLASS (cvg_text_card_parent_class)->dispose (object);
}

static void
cvg_text_card_finalize (GObject *object)
{
  CvgTextCard *self = CVG_TEXT_CARD (object);

  g_clear_pointer (&self->order, g_array_unref);
  g_free (self->highlight);

  G_OBJECT_CLASS (cvg_text_card_parent_class)->finalize (object);
}

static void
cvg_text_card_class_init (CvgTextCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cvg_text_card_dispose;
  object_class->finalize = cvg_text_card_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "text-card");
}

static void
cvg_text_card_init (CvgTextCard *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_START);
  self->order = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->positions = gtk_string_list_new (NULL);
}

static GtkWidget *
create_list (CvgTextCard *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->positions)));
  GtkWidget *list = gtk_list_view_new (GTK_SELECTION_MODEL (selection), factory);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  gtk_list_view_set_show_separators (GTK_LIST_VIEW (list), TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  /* A list view knows only the rows it made: a fixed height, not its
   * natural one, and every card of a row lines up. */
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), LIST_HEIGHT);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_widget_add_css_class (list, "text-entries");
  return scrolled;
}

GtkWidget *
cvg_text_card_new (CvgRunInfo *info,
                   CvgSeries  *series)
{
  CvgTextCard *self;

  g_return_val_if_fail (CVG_IS_RUN_INFO (info), NULL);
  g_return_val_if_fail (series != NULL, NULL);

  self = g_object_new (CVG_TYPE_TEXT_CARD, NULL);
  self->info = g_object_ref (info);
  self->series = series;
  gtk_widget_set_parent (cvg_series_cards_header_new (cvg_series_get_tag (series), info), GTK_WIDGET (self));
  gtk_widget_set_parent (create_list (self), GTK_WIDGET (self));
  load_order (self);
  return GTK_WIDGET (self);
}
