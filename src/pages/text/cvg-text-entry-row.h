/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cvg-series.h"

G_BEGIN_DECLS

#define CVG_TYPE_TEXT_ENTRY_ROW (cvg_text_entry_row_get_type ())

G_DECLARE_FINAL_TYPE (CvgTextEntryRow, cvg_text_entry_row, CVG, TEXT_ENTRY_ROW, GtkWidget)

/* One entry of a text card: its step and wall time, a copy button, and
 * the value as a document or a table of documents. */
GtkWidget *cvg_text_entry_row_new (void);
/* Shows point @index of @series (borrowed: the card keeps the run). */
void       cvg_text_entry_row_set (CvgTextEntryRow *self,
                                   CvgSeries       *series,
                                   gsize            index,
                                   gboolean         raw,
                                   const char      *highlight);

G_END_DECLS
