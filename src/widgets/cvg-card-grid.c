/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-card-grid"

#include "config.h"

#include "cvg-card-grid.h"

#include "cvg-run-info.h"

/* About this much width per card, as TensorBoard's default card. */
#define CARD_WIDTH 420

struct _CvgCardGrid
{
  GListStore             *rows;
  guint                   n_columns;
  guint                   rebuild_source;
  gboolean                reindex;

  GListModel             *runs;
  GPtrArray              *watched_runs;   /* CvgRunInfo whose "visible" we follow */

  GtkWidget              *page;           /* once a refresh waits for it to be shown */
  gulong                  map_handler;
  CvgCardGridRebuildFunc  refresh_func;   /* waiting for the page, or NULL */

  CvgCardGridHeaderFunc   header_func;
  CvgCardGridCardFunc     card_func;
  CvgCardGridIndexFunc    index_func;
  CvgCardGridRebuildFunc  rebuild_func;
  gpointer                user_data;
};

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CvgCardGrid              *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_selectable (item, FALSE);
}

/* Cards are made when their row is first shown and then kept, so that
 * scrolling back does not load their data again. */
static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             CvgCardGrid              *self)
{
  CvgCardRow *row = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GPtrArray *items = cvg_card_row_get_items (row);

  if (items == NULL)
    {
      gtk_box_set_homogeneous (GTK_BOX (box), FALSE);
      gtk_box_append (GTK_BOX (box), self->header_func (row, self->user_data));
      return;
    }

  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);
  for (guint i = 0; i < self->n_columns; i++)
    {
      GtkWidget *child;

      if (i < items->len)
        {
          child = self->card_func (g_ptr_array_index (items, i), self->user_data);
          if (gtk_widget_get_parent (child) != NULL)
            gtk_box_remove (GTK_BOX (gtk_widget_get_parent (child)), child);
        }
      else
        /* Keeps the last row's cards as wide as the others. */
        child = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      gtk_box_append (GTK_BOX (box), child);
    }
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               CvgCardGrid              *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

GtkWidget *
cvg_card_grid_create_header (CvgCardRow *header,
                             gpointer    user_data)
{
  GtkWidget *title = gtk_label_new (cvg_card_row_get_group (header));

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_top (title, 6);
  return title;
}

CvgCardGrid *
cvg_card_grid_new (GtkListView            *list_view,
                   CvgCardGridHeaderFunc   header_func,
                   CvgCardGridCardFunc     card_func,
                   CvgCardGridIndexFunc    index_func,
                   CvgCardGridRebuildFunc  rebuild_func,
                   gpointer                user_data)
{
  CvgCardGrid *self = g_new0 (CvgCardGrid, 1);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  self->rows = g_list_store_new (CVG_TYPE_CARD_ROW);
  self->n_columns = 1;
  self->watched_runs = g_ptr_array_new_with_free_func (g_object_unref);
  self->header_func = header_func;
  self->card_func = card_func;
  self->index_func = index_func;
  self->rebuild_func = rebuild_func;
  self->user_data = user_data;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (list_view, factory);
  g_object_unref (factory);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_list_view_set_model (list_view, GTK_SELECTION_MODEL (selection));
  return self;
}

static void runs_items_changed_cb (CvgCardGrid *self);

static void
unwatch_runs (CvgCardGrid *self)
{
  for (guint i = 0; i < self->watched_runs->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->watched_runs, i),
                                          cvg_card_grid_queue_rebuild, self);
  g_ptr_array_set_size (self->watched_runs, 0);
}

/* Follows every run's visibility, then lets the page index. */
static void
index_runs (CvgCardGrid *self)
{
  guint n = self->runs != NULL ? g_list_model_get_n_items (self->runs) : 0;

  self->reindex = FALSE;
  unwatch_runs (self);
  for (guint i = 0; i < n; i++)
    {
      CvgRunInfo *info = g_list_model_get_item (self->runs, i);

      g_signal_connect_swapped (info, "notify::visible", G_CALLBACK (cvg_card_grid_queue_rebuild), self);
      g_ptr_array_add (self->watched_runs, info);
    }
  self->index_func (self->user_data);
}

static void
rebuild_now (CvgCardGrid *self)
{
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  if (self->reindex)
    index_runs (self);
  self->rebuild_func (self->user_data);
}

void
cvg_card_grid_free (CvgCardGrid *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  g_clear_signal_handler (&self->map_handler, self->page);
  unwatch_runs (self);
  g_ptr_array_unref (self->watched_runs);
  if (self->runs != NULL)
    g_signal_handlers_disconnect_by_func (self->runs, runs_items_changed_cb, self);
  g_clear_object (&self->runs);
  g_clear_object (&self->rows);
  g_free (self);
}

void
cvg_card_grid_set_runs (CvgCardGrid *self,
                        GListModel  *runs)
{
  if (self->runs != NULL)
    g_signal_handlers_disconnect_by_func (self->runs, runs_items_changed_cb, self);
  g_set_object (&self->runs, runs);
  if (runs != NULL)
    g_signal_connect_swapped (runs, "items-changed", G_CALLBACK (runs_items_changed_cb), self);
  cvg_card_grid_clear (self);
  index_runs (self);
  self->rebuild_func (self->user_data);
}

GListModel *
cvg_card_grid_get_runs (CvgCardGrid *self)
{
  return self->runs;
}

void
cvg_card_grid_queue_reindex (CvgCardGrid *self)
{
  self->reindex = TRUE;
  cvg_card_grid_queue_rebuild (self);
}

/* Runs arrive in batches while a folder loads: index once per burst. */
static void
runs_items_changed_cb (CvgCardGrid *self)
{
  cvg_card_grid_queue_reindex (self);
}

static void
page_map_cb (CvgCardGrid *self)
{
  CvgCardGridRebuildFunc refresh_func = g_steal_pointer (&self->refresh_func);

  if (refresh_func != NULL)
    refresh_func (self->user_data);
}

gboolean
cvg_card_grid_begin_refresh (CvgCardGrid            *self,
                             GtkWidget              *page,
                             CvgCardGridRebuildFunc  refresh_func)
{
  self->refresh_func = NULL;
  if (gtk_widget_get_mapped (page))
    return TRUE;
  /* The page outlives its grid: it frees the grid on dispose. */
  if (self->map_handler == 0)
    {
      self->page = page;
      self->map_handler = g_signal_connect_swapped (page, "map", G_CALLBACK (page_map_cb), self);
    }
  self->refresh_func = refresh_func;
  return FALSE;
}

void
cvg_card_grid_flush (CvgCardGrid *self)
{
  /* Indexing empties the rows: a rebuild must follow it. */
  if (self->reindex || self->rebuild_source != 0)
    rebuild_now (self);
}

void
cvg_card_grid_set_width (CvgCardGrid *self,
                         int          width)
{
  guint n_columns = MAX (1, width / CARD_WIDTH);

  if (n_columns == self->n_columns)
    return;
  self->n_columns = n_columns;
  cvg_card_grid_queue_rebuild (self);
}

guint
cvg_card_grid_get_n_columns (CvgCardGrid *self)
{
  return self->n_columns;
}

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  CvgCardGrid *self = user_data;

  self->rebuild_source = 0;
  rebuild_now (self);
  return G_SOURCE_REMOVE;
}

void
cvg_card_grid_queue_rebuild (CvgCardGrid *self)
{
  if (self->rebuild_source == 0)
    self->rebuild_source = g_idle_add (rebuild_idle_cb, self);
}

void
cvg_card_grid_add_section (CvgCardGrid    *self,
                           GPtrArray      *rows,
                           const char     *group,
                           GPtrArray      *items,
                           gboolean        collapsed,
                           GBoxedCopyFunc  copy_func,
                           GDestroyNotify  free_func)
{
  g_ptr_array_add (rows, cvg_card_row_new_header (group, items->len, collapsed));
  if (collapsed)
    return;

  for (guint i = 0; i < items->len; i += self->n_columns)
    {
      GPtrArray *row_items = g_ptr_array_new_with_free_func (free_func);

      for (guint j = i; j < MIN (i + self->n_columns, items->len); j++)
        {
          gpointer item = g_ptr_array_index (items, j);

          g_ptr_array_add (row_items, copy_func != NULL ? copy_func (item) : item);
        }
      g_ptr_array_add (rows, cvg_card_row_new_cards (group, row_items));
    }
}

guint
cvg_card_grid_set_items (CvgCardGrid          *self,
                         GPtrArray            *items,
                         CvgCardGridGroupFunc  group_func,
                         gpointer              user_data)
{
  g_autoptr(GPtrArray) new_rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) section = g_ptr_array_new ();
  g_autofree char *group = NULL;
  guint n_shown = 0;

  for (guint i = 0; i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);
      g_autofree char *item_group = group_func (item, user_data);

      if (item_group == NULL)
        continue;
      if (g_strcmp0 (group, item_group) != 0)
        {
          if (group != NULL)
            cvg_card_grid_add_section (self, new_rows, group, section, FALSE, NULL, NULL);
          g_ptr_array_set_size (section, 0);
          g_free (group);
          group = g_steal_pointer (&item_group);
        }
      g_ptr_array_add (section, item);
      n_shown++;
    }
  if (group != NULL)
    cvg_card_grid_add_section (self, new_rows, group, section, FALSE, NULL, NULL);

  cvg_card_grid_set_rows (self, new_rows);
  return n_shown;
}

GRegex *
cvg_card_grid_compile_filter (GtkWidget  *entry,
                              const char *pattern)
{
  g_autoptr(GError) error = NULL;
  GRegex *regex = NULL;

  if (pattern != NULL && *pattern != '\0')
    regex = g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &error);
  if (error != NULL)
    gtk_widget_add_css_class (entry, "error");
  else
    gtk_widget_remove_css_class (entry, "error");
  return regex;
}

void
cvg_card_grid_set_rows (CvgCardGrid *self,
                        GPtrArray   *rows)
{
  /* A queued index still has to run: rows built before it are stale. */
  if (!self->reindex)
    g_clear_handle_id (&self->rebuild_source, g_source_remove);
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
}

void
cvg_card_grid_clear (CvgCardGrid *self)
{
  g_list_store_remove_all (self->rows);
}
