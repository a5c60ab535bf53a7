/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-markdown-view"

#include "config.h"

#include "cvg-markdown-view.h"

#include <glib/gi18n.h>

#include "cvg-markdown.h"
#include "cvg-text.h"

#define INDENT_PX 18

struct _CvgMarkdownView
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (CvgMarkdownView, cvg_markdown_view, GTK_TYPE_WIDGET)

/* The label's default handler opens the address; ours stops every other
 * scheme first, should one ever reach a label. */
static gboolean
activate_link_cb (GtkLabel   *label,
                  const char *uri,
                  gpointer    user_data)
{
  return !cvg_markdown_uri_is_safe (uri);
}

static GtkWidget *
text_label (const char *markup)
{
  GtkWidget *label = gtk_label_new (NULL);

  if (markup != NULL)
    gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* Selectable labels take focus; Tab should go on to the next card. */
  gtk_widget_set_focus_on_click (label, FALSE);
  g_signal_connect (label, "activate-link", G_CALLBACK (activate_link_cb), NULL);
  return label;
}

static GtkWidget *
table_grid (const CvgMarkdownBlock *block)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_widget_add_css_class (grid, "markdown-table");
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  for (guint i = 0; block->n_columns > 0 && i < block->cells->len; i++)
    gtk_grid_attach (GTK_GRID (grid), text_label (g_ptr_array_index (block->cells, i)),
                     (int) (i % block->n_columns), (int) (i / block->n_columns), 1, 1);
  return grid;
}

static GtkWidget *
block_widget (const CvgMarkdownBlock *block)
{
  static const char *heading_classes[] = { "title-1", "title-2", "title-3", "title-4", "heading", "heading" };
  GtkWidget *widget;

  switch (block->type)
    {
    case CVG_MARKDOWN_RULE:
      return gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);
    case CVG_MARKDOWN_TABLE:
      widget = table_grid (block);
      break;
    case CVG_MARKDOWN_HEADING:
      widget = text_label (block->markup);
      gtk_widget_add_css_class (widget, heading_classes[CLAMP (block->level, 1, 6) - 1]);
      break;
    case CVG_MARKDOWN_CODE:
      widget = text_label (block->markup);
      gtk_widget_add_css_class (widget, "monospace");
      gtk_widget_add_css_class (widget, "markdown-code");
      break;
    case CVG_MARKDOWN_NOTICE:
      widget = text_label (block->markup);
      gtk_widget_add_css_class (widget, "dim-label");
      break;
    case CVG_MARKDOWN_PARAGRAPH:
    case CVG_MARKDOWN_ITEM:
    default:
      widget = text_label (block->markup);
      break;
    }
  gtk_widget_set_margin_start (widget, INDENT_PX * (int) (block->indent + block->quote));
  if (block->quote > 0)
    gtk_widget_add_css_class (widget, "dim-label");
  return widget;
}

static void
remove_children (CvgMarkdownView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
}

/* Raw text is set as text, never parsed as markup; as long an entry as
 * the rendered view shows. */
static void
show_raw (CvgMarkdownView *self,
          const guint8    *data,
          gsize            len)
{
  gsize shown = MIN (len, CVG_MARKDOWN_MAX_SOURCE);
  g_autofree char *text = cvg_text_make_valid (data, shown);
  GtkWidget *label = text_label (NULL);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_set_parent (label, GTK_WIDGET (self));
  if (shown < len)
    {
      g_autofree char *size = g_format_size (len);
      g_autofree char *notice = g_strdup_printf (_("Showing the start of %s; copy the entry for all of it"), size);
      GtkWidget *more = gtk_label_new (notice);

      gtk_widget_add_css_class (more, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (more), 0);
      gtk_widget_set_parent (more, GTK_WIDGET (self));
    }
}

void
cvg_markdown_view_set_text (CvgMarkdownView *self,
                            const guint8    *data,
                            gsize            len,
                            gboolean         raw,
                            const char      *highlight)
{
  g_autoptr(GPtrArray) blocks = NULL;

  g_return_if_fail (CVG_IS_MARKDOWN_VIEW (self));

  remove_children (self);
  if (raw)
    {
      show_raw (self, data, len);
      return;
    }
  blocks = cvg_markdown_to_blocks ((const char *) data, len, highlight);
  for (guint i = 0; i < blocks->len; i++)
    gtk_widget_set_parent (block_widget (g_ptr_array_index (blocks, i)), GTK_WIDGET (self));
}

static void
cvg_markdown_view_dispose (GObject *object)
{
  remove_children (CVG_MARKDOWN_VIEW (object));

  G_OBJECT_CLASS (cvg_markdown_view_parent_class)->dispose (object);
}

static void
cvg_markdown_view_class_init (CvgMarkdownViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cvg_markdown_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "markdown-view");
}

static void
cvg_markdown_view_init (CvgMarkdownView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
}

GtkWidget *
cvg_markdown_view_new (void)
{
  return g_object_new (CVG_TYPE_MARKDOWN_VIEW, NULL);
}
