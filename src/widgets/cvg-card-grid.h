/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-card-row.h"

G_BEGIN_DECLS

/* The skeleton every card page shares (Scalars, Histograms,
 * Distributions; images, text, audio and PR curves to come): a lazily
 * built grid of cards on a GtkListView, a flat list of section headers
 * and rows of up to n_columns cards, as many columns as the width holds;
 * and the runs it shows. The grid follows the runs list (items-changed)
 * and each run's "visible": a change of runs has the page index them
 * again (index_func), then rebuild its rows; a visibility change only
 * rebuilds. Both are coalesced into one idle. The page owns the cards
 * and makes the header widgets. Main thread only. */

typedef struct _CvgCardGrid CvgCardGrid;

/* A new header widget for @header. */
typedef GtkWidget *(*CvgCardGridHeaderFunc)  (CvgCardRow *header,
                                              gpointer    user_data);
/* The card of @item, kept by the page: made on first use. */
typedef GtkWidget *(*CvgCardGridCardFunc)    (gpointer    item,
                                              gpointer    user_data);
/* Computes the rows again and hands them to cvg_card_grid_set_rows (). */
typedef void       (*CvgCardGridRebuildFunc) (gpointer    user_data);
/* Reads what the page needs from the runs (cvg_card_grid_get_runs ()),
 * which changed since; a rebuild follows. */
typedef void       (*CvgCardGridIndexFunc)   (gpointer    user_data);

/* A plain section header: the group's name as a heading. */
GtkWidget   *cvg_card_grid_create_header (CvgCardRow            *header,
                                         gpointer               user_data);

/* Sets @list_view's factory and model. */
CvgCardGrid *cvg_card_grid_new          (GtkListView            *list_view,
                                         CvgCardGridHeaderFunc   header_func,
                                         CvgCardGridCardFunc     card_func,
                                         CvgCardGridIndexFunc    index_func,
                                         CvgCardGridRebuildFunc  rebuild_func,
                                         gpointer                user_data);
void         cvg_card_grid_free         (CvgCardGrid            *self);

/* @runs: a GListModel of CvgRunInfo, or NULL. Empties the list (cards
 * hold the previous runs), then indexes and rebuilds at once. */
void         cvg_card_grid_set_runs     (CvgCardGrid            *self,
                                         GListModel             *runs);
GListModel  *cvg_card_grid_get_runs     (CvgCardGrid            *self);
/* The runs' data gained series: index again before the next rebuild. */
void         cvg_card_grid_queue_reindex (CvgCardGrid           *self);
/* At the start of a page's refresh after the runs' data grew: TRUE when
 * @page is shown; hidden, FALSE, and @refresh_func runs once when @page
 * is mapped next, so that a hidden page does no work. */
gboolean     cvg_card_grid_begin_refresh (CvgCardGrid           *self,
                                         GtkWidget              *page,
                                         CvgCardGridRebuildFunc  refresh_func);
/* Runs a queued index and rebuild now, for a caller that reads the rows. */
void         cvg_card_grid_flush        (CvgCardGrid            *self);

/* Cards per row follow @width; a change queues a rebuild. Call it after
 * the allocation, never during it. */
void         cvg_card_grid_set_width    (CvgCardGrid            *self,
                                         int                     width);
guint        cvg_card_grid_get_n_columns (CvgCardGrid           *self);

/* Coalesces bursts (a sidebar hiding every run, a resize) into one. */
void         cvg_card_grid_queue_rebuild (CvgCardGrid           *self);

/* Appends to @rows (of CvgCardRow) a header for @group and, unless
 * @collapsed, rows of up to n_columns of @items, each copied with
 * @copy_func (kept as is when NULL) and freed with @free_func. */
void         cvg_card_grid_add_section  (CvgCardGrid            *self,
                                         GPtrArray              *rows,
                                         const char             *group,
                                         GPtrArray              *items,
                                         gboolean                collapsed,
                                         GBoxedCopyFunc          copy_func,
                                         GDestroyNotify          free_func);
/* The group (section) of @item, newly allocated, or NULL when the item
 * is not shown. */
typedef char      *(*CvgCardGridGroupFunc)   (gpointer    item,
                                              gpointer    user_data);
/* Replaces the list with sections of @items (sorted so that a group's
 * items are together), skipping those @group_func hides; returns how
 * many are shown. */
guint        cvg_card_grid_set_items    (CvgCardGrid            *self,
                                         GPtrArray              *items,
                                         CvgCardGridGroupFunc    group_func,
                                         gpointer                user_data);
/* A tag filter typed in @entry: case-insensitive, NULL for "" or an
 * invalid expression, which marks @entry with the "error" class, so that
 * typing through an unfinished "(" does not blank the page. */
GRegex      *cvg_card_grid_compile_filter (GtkWidget            *entry,
                                         const char             *pattern);
/* Replaces the list with @rows; drops a queued rebuild, unless the runs
 * are to be indexed again. */
void         cvg_card_grid_set_rows     (CvgCardGrid            *self,
                                         GPtrArray              *rows);
/* Empties the list, so that no card stays bound. */
void         cvg_card_grid_clear        (CvgCardGrid            *self);

G_END_DECLS
