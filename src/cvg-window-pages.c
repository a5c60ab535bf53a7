/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's pages, built from cvg-pages.c: those whose kinds the logs
 * hold are in the switcher, the others in the menu beside it. */

#define G_LOG_DOMAIN "cvg-window-pages"

#include "config.h"

#include <glib/gi18n.h>

#include "cvg-window-private.h"

#include "cvg-logdir.h"
#include "cvg-page.h"
#include "cvg-pages.h"
#include "cvg-run.h"
#include "cvg-series.h"

G_STATIC_ASSERT (CVG_KIND_BLOB < 32);

/* Distinct tags of each kind. */
static void
count_tags (CvgLogdir *logdir,
            guint      counts[CVG_KIND_BLOB + 1])
{
  /* tag -> the kinds it was seen with, one bit each */
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *runs = logdir != NULL ? cvg_logdir_get_runs (logdir) : NULL;

  for (guint r = 0; runs != NULL && r < runs->len; r++)
    {
      GPtrArray *series = cvg_run_get_series (g_ptr_array_index (runs, r));

      for (guint s = 0; s < series->len; s++)
        {
          CvgSeries *one = g_ptr_array_index (series, s);
          const char *tag = cvg_series_get_tag (one);
          guint kind = cvg_series_get_kind (one);
          guint kinds = GPOINTER_TO_UINT (g_hash_table_lookup (seen, tag));

          if (kind > CVG_KIND_BLOB || (kinds & (1u << kind)) != 0)
            continue;
          counts[kind]++;
          g_hash_table_insert (seen, (gpointer) tag, GUINT_TO_POINTER (kinds | (1u << kind)));
        }
    }
}

/* A page whose content is not a kind of event has "has-content": the
 * projector (configs and checkpoints, found from its "folder"), custom
 * scalars (a layout blob, or charts of the user's own). */
static guint
page_found_content (CvgWindow *self,
                    GtkWidget *page)
{
  GObjectClass *class = G_OBJECT_GET_CLASS (page);
  gboolean found = FALSE;

  if (g_object_class_find_property (class, "has-content") == NULL)
    return 0;
  if (g_object_class_find_property (class, "folder") != NULL)
    g_object_set (page, "folder", self->logdir != NULL ? cvg_logdir_get_path (self->logdir) : NULL, NULL);
  g_object_get (page, "has-content", &found, NULL);
  return found ? 1 : 0;
}

static void
page_content_changed_cb (CvgWindow *self)
{
  _cvg_window_update_pages (self);
  _cvg_window_show_active_page (self);
}

/* Scalar charts look alike on every page: the custom charts follow the
 * Scalars page's view settings, which the window keeps in GSettings. */
static void
share_chart_view (CvgScalarsPage *scalars,
                  GtkWidget      *other)
{
  static const char * const names[] = { "smoothing", "x-axis", "log-scale", "ignore-outliers" };

  for (guint i = 0; other != NULL && i < G_N_ELEMENTS (names); i++)
    g_object_bind_property (scalars, names[i], other, names[i], G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

/* The visible page stays in the switcher while it is shown, active or
 * not, so that the stack never has to leave it. */
static void
update_switcher (CvgWindow *self)
{
  GtkWidget *visible = adw_view_stack_get_visible_child (self->view_stack);
  guint n_shown = 0;
  gboolean reveal;

  for (guint i = 0; i < self->pages->len; i++)
    {
      GtkWidget *child = g_ptr_array_index (self->pages, i);
      gboolean shown = (self->active_pages & (1u << i)) != 0 || child == visible;

      adw_view_stack_page_set_visible (adw_view_stack_get_page (self->view_stack, child), shown);
      n_shown += shown;
    }
  /* A switcher of one page says nothing: the folder's name does. */
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, n_shown > 1);
  /* AdwViewSwitcherBar 1.2 counts the visible pages only when the stack's
   * pages change or its reveal does; it hides itself for fewer than two. */
  reveal = adw_view_switcher_bar_get_reveal (self->switcher_bar);
  adw_view_switcher_bar_set_reveal (self->switcher_bar, !reveal);
  adw_view_switcher_bar_set_reveal (self->switcher_bar, reveal);
}

static void
visible_page_changed_cb (CvgWindow *self)
{
  /* Not while the pages are taken down. */
  if (self->pages != NULL)
    update_switcher (self);
}

void
_cvg_window_update_pages (CvgWindow *self)
{
  guint n_pages;
  const CvgPageInfo *pages = cvg_pages_get (&n_pages);
  guint counts[CVG_KIND_BLOB + 1] = { 0 };

  count_tags (self->logdir, counts);
  self->active_pages = 0;
  g_menu_remove_all (self->inactive_section);
  for (guint i = 0; i < n_pages; i++)
    {
      guint n = 0;

      for (guint k = 0; k < pages[i].n_kinds; k++)
        n += counts[pages[i].kinds[k]];
      n += page_found_content (self, g_ptr_array_index (self->pages, i));
      if (n > 0)
        self->active_pages |= 1u << i;
      else
        {
          g_autoptr(GMenuItem) item = g_menu_item_new (_(pages[i].title), NULL);

          g_menu_item_set_action_and_target (item, "win.page", "i", (int) i + 1);
          g_menu_append_item (self->inactive_section, item);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->pages_button),
                          g_menu_model_get_n_items (G_MENU_MODEL (self->inactive_section)) > 0);
  update_switcher (self);
}

/* The page at @index (from 0) of cvg_pages_get (), active or not. */
void
_cvg_window_show_page (CvgWindow *self,
                       guint      index)
{
  GtkWidget *child;

  if (index >= self->pages->len)
    return;
  child = g_ptr_array_index (self->pages, index);
  adw_view_stack_page_set_visible (adw_view_stack_get_page (self->view_stack, child), TRUE);
  adw_view_stack_set_visible_child (self->view_stack, child);
}

/* Logs without the kind of the page shown open on the first page they
 * hold. */
void
_cvg_window_show_active_page (CvgWindow *self)
{
  GtkWidget *visible = adw_view_stack_get_visible_child (self->view_stack);
  guint index;

  if (self->active_pages == 0 || !g_ptr_array_find (self->pages, visible, &index)
      || (self->active_pages & (1u << index)) != 0)
    return;
  _cvg_window_show_page (self, g_bit_nth_lsf (self->active_pages, -1));
}

void
_cvg_window_add_pages (CvgWindow *self)
{
  guint n_pages;
  const CvgPageInfo *pages = cvg_pages_get (&n_pages);

  g_assert (n_pages <= 32);
  for (guint i = 0; i < n_pages; i++)
    {
      GtkWidget *child = g_object_new (pages[i].get_type (), NULL);
      AdwViewStackPage *page = adw_view_stack_add_titled (self->view_stack, child, pages[i].name,
                                                          _(pages[i].title));

      adw_view_stack_page_set_icon_name (page, pages[i].icon_name);
      cvg_page_set_runs (CVG_PAGE (child), G_LIST_MODEL (self->runs));
      g_ptr_array_add (self->pages, child);
      if (g_object_class_find_property (G_OBJECT_GET_CLASS (child), "has-content") != NULL)
        g_signal_connect_object (child, "notify::has-content", G_CALLBACK (page_content_changed_cb), self,
                                 G_CONNECT_SWAPPED);
    }
  g_signal_connect_swapped (self->view_stack, "notify::visible-child",
                            G_CALLBACK (visible_page_changed_cb), self);
  self->scalars_page = CVG_SCALARS_PAGE (adw_view_stack_get_child_by_name (self->view_stack, "scalars"));
  share_chart_view (self->scalars_page, adw_view_stack_get_child_by_name (self->view_stack, "custom-scalars"));
  self->histograms_page = CVG_HISTOGRAMS_PAGE (adw_view_stack_get_child_by_name (self->view_stack, "histograms"));
  self->distributions_page = CVG_DISTRIBUTIONS_PAGE (adw_view_stack_get_child_by_name (self->view_stack, "distributions"));
  self->graphs_page = CVG_GRAPHS_PAGE (adw_view_stack_get_child_by_name (self->view_stack, "graphs"));
}
