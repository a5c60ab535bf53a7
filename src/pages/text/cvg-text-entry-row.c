/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-text-entry-row"

#include "config.h"

#include "cvg-text-entry-row.h"

#include <glib/gi18n.h>

#include "cvg-markdown-view.h"
#include "cvg-markdown.h"
#include "cvg-text.h"

/* Cells of a table shown: each is a rendered view of its own. */
#define MAX_CELLS 1000

struct _CvgTextEntryRow
{
  GtkWidget  parent_instance;

  GtkLabel  *when;
  GtkWidget *content;   /* a CvgMarkdownView or a grid of them */
  GtkWidget *notice;
  CvgSeries *series;    /* borrowed, as the card keeps the run */
  gsize      index;
};

G_DEFINE_FINAL_TYPE (CvgTextEntryRow, cvg_text_entry_row, GTK_TYPE_WIDGET)

/* Made on a click, not on every bind: an entry can be megabytes. */
static void
copy_cb (CvgTextEntryRow *self)
{
  const CvgTensorValue *value = self->series != NULL ? cvg_series_get_tensor (self->series, self->index) : NULL;
  g_autofree char *text = value != NULL ? cvg_text_value_to_string (value, TRUE) : NULL;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text != NULL ? text : "");
}

static GtkWidget *
cell_view (const CvgTensorValue *value,
           const CvgTextShape   *shape,
           guint                 row,
           guint                 column,
           gboolean              raw,
           const char           *highlight)
{
  CvgSpan span = cvg_text_get_cell (value, shape, row, column);
  GtkWidget *view = cvg_markdown_view_new ();

  cvg_markdown_view_set_text (CVG_MARKDOWN_VIEW (view), span.data, span.len, raw, highlight);
  return view;
}

static guint
shown_columns (const CvgTextShape *shape)
{
  return MIN (shape->n_columns, CVG_MARKDOWN_MAX_COLUMNS);
}

static guint
shown_rows (const CvgTextShape *shape)
{
  return MIN (shape->n_rows, MIN (CVG_MARKDOWN_MAX_ROWS, MAX_CELLS / shown_columns (shape)));
}

/* Rows and columns past the bounds are left out, with the notice saying so. */
static GtkWidget *
table_view (const CvgTensorValue *value,
            const CvgTextShape   *shape,
            gboolean              raw,
            const char           *highlight)
{
  GtkWidget *grid = gtk_grid_new ();
  guint n_rows = shown_rows (shape);
  guint n_columns = shown_columns (shape);

  gtk_widget_add_css_class (grid, "text-table");
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_columns; c++)
      gtk_grid_attach (GTK_GRID (grid), cell_view (value, shape, r, c, raw, highlight), (int) c, (int) r, 1, 1);
  return grid;
}

static char *
notice_text (const CvgTensorValue *value,
             const CvgTextShape   *shape)
{
  if (shape->sliced)
    return g_strdup_printf (_("A tensor of rank %u: showing its first 2-D slice"), value->rank);
  if (!shape->document && (shown_rows (shape) < shape->n_rows || shown_columns (shape) < shape->n_columns))
    return g_strdup_printf (_("Showing %u of %u rows and %u of %u columns; copy the entry for all of it"),
                            shown_rows (shape), shape->n_rows, shown_columns (shape), shape->n_columns);
  return NULL;
}

static char *
format_when (CvgSeries *series,
             gsize      index)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local ((gint64) cvg_series_get_wall_time (series, index));
  g_autofree char *clock = time != NULL ? g_date_time_format (time, "%Y-%m-%d %H:%M:%S") : g_strdup ("?");

  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, cvg_series_get_step (series, index));

  /* TRANSLATORS: a text entry's step and the local time it was written */
  return g_strdup_printf (_("Step %s · %s"), number, clock);
}

void
cvg_text_entry_row_set (CvgTextEntryRow *self,
                        CvgSeries       *series,
                        gsize            index,
                        gboolean         raw,
                        const char      *highlight)
{
  const CvgTensorValue *value = cvg_series_get_tensor (series, index);
  g_autofree char *when = format_when (series, index);
  g_autofree char *notice = NULL;
  CvgTextShape shape;

  g_return_if_fail (CVG_IS_TEXT_ENTRY_ROW (self));

  gtk_label_set_text (self->when, when);
  g_clear_pointer (&self->content, gtk_widget_unparent);
  self->series = series;
  self->index = index;

  if (value == NULL || !cvg_text_get_shape (value, &shape))
    {
      notice = g_strdup (_("This entry holds no text"));
      self->content = NULL;
    }
  else
    {
      self->content = shape.document ? cell_view (value, &shape, 0, 0, raw, highlight)
                                     : table_view (value, &shape, raw, highlight);
      gtk_widget_insert_before (self->content, GTK_WIDGET (self), self->notice);
      notice = notice_text (value, &shape);
    }
  gtk_label_set_text (GTK_LABEL (self->notice), notice != NULL ? notice : "");
  gtk_widget_set_visible (self->notice, notice != NULL);
}

static void
cvg_text_entry_row_dispose (GObject *object)
{
  CvgTextEntryRow *self = CVG_TEXT_ENTRY_ROW (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->content = NULL;

  G_OBJECT_CLASS (cvg_text_entry_row_parent_class)->dispose (object);
}

static void
cvg_text_entry_row_class_init (CvgTextEntryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cvg_text_entry_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "text-entry");
}

static void
cvg_text_entry_row_init (CvgTextEntryRow *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 10);

  self->when = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->when), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->when), "caption");
  gtk_label_set_xalign (self->when, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->when), TRUE);
  gtk_widget_add_css_class (copy, "flat");
  gtk_widget_set_tooltip_text (copy, _("Copy the entry"));
  g_signal_connect_swapped (copy, "clicked", G_CALLBACK (copy_cb), self);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->when));
  gtk_box_append (GTK_BOX (header), copy);
  gtk_widget_set_parent (header, GTK_WIDGET (self));

  self->notice = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->notice, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (self->notice), 0);
  gtk_label_set_wrap (GTK_LABEL (self->notice), TRUE);
  gtk_widget_set_parent (self->notice, GTK_WIDGET (self));
}

GtkWidget *
cvg_text_entry_row_new (void)
{
  return g_object_new (CVG_TYPE_TEXT_ENTRY_ROW, NULL);
}
