/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CVG_TYPE_MARKDOWN_VIEW (cvg_markdown_view_get_type ())

G_DECLARE_FINAL_TYPE (CvgMarkdownView, cvg_markdown_view, CVG, MARKDOWN_VIEW, GtkWidget)

/* Text from a log, shown as rendered markdown (cvg_markdown_to_blocks (),
 * one selectable label per block, a grid per table) or, when raw, as the
 * text itself. Links open only when clicked, and only http, https and
 * mailto ones, through the desktop's URI handler. */
GtkWidget *cvg_markdown_view_new      (void);
/* @data: @len bytes of the text, copied; @highlight: matches to mark, or
 * NULL. */
void       cvg_markdown_view_set_text (CvgMarkdownView *self,
                                       const guint8    *data,
                                       gsize            len,
                                       gboolean         raw,
                                       const char      *highlight);

G_END_DECLS
