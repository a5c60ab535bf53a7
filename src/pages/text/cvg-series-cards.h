/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-run-info.h"
#include "cvg-series.h"

G_BEGIN_DECLS

/* What the Text and Audio pages share on top of CvgCardGrid: cards for
 * every series of one kind of every visible run (@n_cards_func of them
 * per series, e.g. one per clip), sorted by tag, run and number, in
 * sections by tag prefix, each made on first bind; an empty state; and
 * the refresh that indexes new series and updates cards whose series
 * grew. Main thread only. */

typedef struct _CvgSeriesCards CvgSeriesCards;

/* Cards for @series; NULL as the function gives one. */
typedef guint      (*CvgSeriesCardsCountFunc)  (CvgSeries  *series);
typedef GtkWidget *(*CvgSeriesCardsNewFunc)    (CvgRunInfo *info,
                                                CvgSeries  *series,
                                                guint       number,
                                                gpointer    user_data);
/* The card's series grew. */
typedef void       (*CvgSeriesCardsUpdateFunc) (GtkWidget  *card);
/* Whether the card of @tag of @run is listed; NULL lists all. */
typedef gboolean   (*CvgSeriesCardsFilterFunc) (const char *tag,
                                                const char *run,
                                                gpointer    user_data);

/* Parents a stack of the cards and @empty (a status page) to @page, which
 * allocates it through cvg_series_cards_allocate (). */
CvgSeriesCards *cvg_series_cards_new       (GtkWidget                *page,
                                            GtkWidget                *empty,
                                            CvgKind                   kind,
                                            CvgSeriesCardsCountFunc   count_func,
                                            CvgSeriesCardsNewFunc     new_func,
                                            CvgSeriesCardsUpdateFunc  update_func,
                                            CvgSeriesCardsFilterFunc  filter_func,
                                            gpointer                  user_data);
void            cvg_series_cards_free      (CvgSeriesCards           *self);
/* The stack, to place in the page. */
GtkWidget      *cvg_series_cards_get_widget (CvgSeriesCards          *self);
/* Cards per row follow @width: from the page's size_allocate. */
void            cvg_series_cards_set_width (CvgSeriesCards           *self,
                                            int                       width);
void            cvg_series_cards_set_runs  (CvgSeriesCards           *self,
                                            GListModel               *runs);
/* The filter's answer changed. */
void            cvg_series_cards_queue_rebuild (CvgSeriesCards       *self);
/* After the runs' data grew; hidden, it waits until the page is shown. */
void            cvg_series_cards_refresh   (CvgSeriesCards           *self);
guint           cvg_series_cards_get_n_cards (CvgSeriesCards         *self);
/* The card of @tag of the run named @run, @number, made if not yet. */
GtkWidget      *cvg_series_cards_get_card  (CvgSeriesCards           *self,
                                            const char               *run,
                                            const char               *tag,
                                            guint                     number);
/* Calls @func (card, @user_data) on every card made so far. */
void            cvg_series_cards_foreach   (CvgSeriesCards           *self,
                                            GFunc                     func,
                                            gpointer                  user_data);

/* A card's title row: @title, then the run's colour (kept in step with
 * @info) and name, which gives way first when space runs out. */
GtkWidget      *cvg_series_cards_header_new (const char              *title,
                                             CvgRunInfo              *info);

G_END_DECLS
