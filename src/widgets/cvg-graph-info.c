/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-graph-info"

#include "config.h"

#include "cvg-graph-info.h"

#include <glib/gi18n.h>

#define MAX_LINKS 60
/* A node of a stranger's graph may carry any number. */
#define MAX_ATTRS 200

struct _CvgGraphInfo
{
  GtkWidget  parent_instance;

  GtkWidget *scroller;
  GtkWidget *box;
  char      *name;
};

G_DEFINE_FINAL_TYPE (CvgGraphInfo, cvg_graph_info, GTK_TYPE_WIDGET)

enum {
  ITEM_ACTIVATED,
  TOGGLE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
add_label (CvgGraphInfo *self,
           const char   *text,
           const char   *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (self->box), label);
  return label;
}

static void
add_heading (CvgGraphInfo *self,
             const char   *text)
{
  GtkWidget *label = add_label (self, text, "heading");

  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_set_margin_top (label, 12);
}

/* "key: value" with the key dimmed. */
static void
add_field (CvgGraphInfo *self,
           const char   *key,
           const char   *value)
{
  g_autofree char *key_markup = g_markup_escape_text (key, -1);
  g_autofree char *value_markup = g_markup_escape_text (value, -1);
  g_autofree char *markup = g_strdup_printf ("<span alpha=\"65%%\">%s</span>  %s", key_markup, value_markup);
  GtkWidget *label = add_label (self, NULL, NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
}

static void
link_clicked_cb (CvgGraphInfo *self,
                 GtkButton    *button)
{
  g_signal_emit (self, signals[ITEM_ACTIVATED], 0, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "item")));
}

static void
add_link (CvgGraphInfo *self,
          CvgGraph     *graph,
          guint         item,
          const char   *detail)
{
  const CvgGraphItem *it = cvg_graph_get_item (graph, item);
  g_autofree char *text = detail != NULL ? g_strdup_printf ("%s  %s", it->name, detail) : g_strdup (it->name);
  GtkWidget *button = gtk_button_new_with_label (text);
  GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_START);
  gtk_widget_set_tooltip_text (button, text);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "graph-link");
  g_object_set_data (G_OBJECT (button), "item", GUINT_TO_POINTER (item));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (link_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->box), button);
}

/* Ops reading into (@outputs FALSE) or out of @item from beyond it. */
static GArray *
crossing_ops (CvgGraph *graph,
              guint     item,
              gboolean  outputs)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint o = 0; o < cvg_graph_get_n_ops (graph) && found->len < MAX_LINKS; o++)
    {
      const CvgGraphOp *op = cvg_graph_get_op (graph, o);

      if (op->item == CVG_GRAPH_NONE || !cvg_graph_item_is_within (graph, op->item, item))
        continue;
      for (guint k = 0; k < (outputs ? op->outputs->len : op->inputs->len); k++)
        {
          guint other = outputs ? g_array_index (op->outputs, guint, k) : g_array_index (op->inputs, CvgGraphInput, k).source;
          guint other_item = cvg_graph_get_op (graph, other)->item;

          if (other_item == CVG_GRAPH_NONE || cvg_graph_item_is_within (graph, other_item, item)
              || !g_hash_table_add (seen, GUINT_TO_POINTER (other_item + 1)))
            continue;
          g_array_append_val (found, other_item);
        }
    }
  return found;
}

static void
add_op_links (CvgGraphInfo     *self,
              CvgGraph         *graph,
              const CvgGraphOp *op)
{
  add_heading (self, _("Inputs"));
  if (op->inputs->len == 0)
    add_label (self, _("None"), "dim-label");
  for (guint k = 0; k < op->inputs->len && k < MAX_LINKS; k++)
    {
      const CvgGraphInput *input = &g_array_index (op->inputs, CvgGraphInput, k);
      const char *shape = cvg_graph_get_output_shape (graph, input->source, input->port);
      const CvgGraphOp *source = cvg_graph_get_op (graph, input->source);

      if (source->item == CVG_GRAPH_NONE)
        continue;
      /* TRANSLATORS: a control dependency in the node's inputs */
      add_link (self, graph, source->item, input->control ? _("(control)") : shape);
    }
  add_heading (self, _("Outputs"));
  if (op->outputs->len == 0)
    add_label (self, _("None"), "dim-label");
  for (guint k = 0; k < op->outputs->len && k < MAX_LINKS; k++)
    {
      const CvgGraphOp *target = cvg_graph_get_op (graph, g_array_index (op->outputs, guint, k));

      if (target->item != CVG_GRAPH_NONE)
        add_link (self, graph, target->item, NULL);
    }
}

static void
add_crossing_links (CvgGraphInfo *self,
                    CvgGraph     *graph,
                    guint         item)
{
  g_autoptr(GArray) inputs = crossing_ops (graph, item, FALSE);
  g_autoptr(GArray) outputs = crossing_ops (graph, item, TRUE);

  add_heading (self, _("Inputs"));
  if (inputs->len == 0)
    add_label (self, _("None"), "dim-label");
  for (guint i = 0; i < inputs->len; i++)
    add_link (self, graph, g_array_index (inputs, guint, i), NULL);
  add_heading (self, _("Outputs"));
  if (outputs->len == 0)
    add_label (self, _("None"), "dim-label");
  for (guint i = 0; i < outputs->len; i++)
    add_link (self, graph, g_array_index (outputs, guint, i), NULL);
}

static void
toggle_clicked_cb (CvgGraphInfo *self,
                   GtkButton    *button)
{
  g_signal_emit (self, signals[TOGGLE_REQUESTED], 0, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "item")));
}

/* "42 µs", "1.25 ms", "2.50 s". */
static char *
format_micros (gint64 micros)
{
  if (micros < 1000)
    return g_strdup_printf ("%" G_GINT64_FORMAT " µs", micros);
  if (micros < 1000000)
    return g_strdup_printf ("%.2f ms", micros / 1e3);
  return g_strdup_printf ("%.2f s", micros / 1e6);
}

static void
add_group_fields (CvgGraphInfo       *self,
                  const CvgGraphItem *it,
                  guint               item,
                  gboolean            expanded)
{
  gboolean series = it->kind == CVG_GRAPH_ITEM_SERIES;
  GtkWidget *button;
  g_autofree char *count = g_strdup_printf ("%u", it->n_ops);

  add_field (self, series ? _("Series of") : _("Name scope"),
             !series ? it->short_name : it->op != NULL ? it->op : _("Name scopes"));
  add_field (self, _("Nodes"), count);
  if (it->compute_micros > 0)
    {
      g_autofree char *time = format_micros (it->compute_micros);

      add_field (self, _("Compute time"), time);
    }
  if (series)
    button = gtk_button_new_with_label (expanded ? _("Group This Series") : _("Ungroup This Series"));
  else
    button = gtk_button_new_with_label (expanded ? _("Collapse") : _("Expand"));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (button, 6);
  g_object_set_data (G_OBJECT (button), "item", GUINT_TO_POINTER (item));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (toggle_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->box), button);
}

static void
add_op_fields (CvgGraphInfo     *self,
               const CvgGraphOp *op)
{
  add_field (self, _("Operation"), op->op);
  add_field (self, _("Device"), op->device[0] != '\0' ? op->device : _("Unspecified"));
  if (op->has_stats)
    {
      g_autofree char *time = format_micros (op->compute_micros);
      g_autofree char *memory = g_format_size (op->peak_bytes);

      add_field (self, _("Compute time"), time);
      add_field (self, _("Memory"), memory);
    }
  add_heading (self, _("Attributes"));
  if (op->attrs->len == 0)
    add_label (self, _("None"), "dim-label");
  for (guint a = 0; a < op->attrs->len && a < MAX_ATTRS; a++)
    {
      const CvgGraphAttr *attr = g_ptr_array_index (op->attrs, a);

      add_field (self, attr->key, attr->value);
    }
  if (op->attrs->len > MAX_ATTRS)
    {
      /* Translators: %u is a count of attributes not listed. */
      g_autofree char *more = g_strdup_printf (_("and %u more"), op->attrs->len - MAX_ATTRS);

      add_label (self, more, "dim-label");
    }
}

static void
clear (CvgGraphInfo *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);
  g_clear_pointer (&self->name, g_free);
}

static void
cvg_graph_info_dispose (GObject *object)
{
  CvgGraphInfo *self = CVG_GRAPH_INFO (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  G_OBJECT_CLASS (cvg_graph_info_parent_class)->dispose (object);
}

static void
cvg_graph_info_finalize (GObject *object)
{
  CvgGraphInfo *self = CVG_GRAPH_INFO (object);

  g_free (self->name);
  G_OBJECT_CLASS (cvg_graph_info_parent_class)->finalize (object);
}

static void
cvg_graph_info_class_init (CvgGraphInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cvg_graph_info_dispose;
  object_class->finalize = cvg_graph_info_finalize;

  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[TOGGLE_REQUESTED] =
    g_signal_new ("toggle-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "graphinfo");
}

static void
cvg_graph_info_init (CvgGraphInfo *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_margin_top (self->box, 12);
  gtk_widget_set_margin_bottom (self->box, 12);
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->box);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  cvg_graph_info_show (self, NULL, CVG_GRAPH_NONE, FALSE);
}

GtkWidget *
cvg_graph_info_new (void)
{
  return g_object_new (CVG_TYPE_GRAPH_INFO, NULL);
}

void
cvg_graph_info_show (CvgGraphInfo *self,
                     CvgGraph     *graph,
                     guint         item,
                     gboolean      expanded)
{
  const CvgGraphItem *it;

  g_return_if_fail (CVG_IS_GRAPH_INFO (self));

  clear (self);
  if (graph == NULL || item == CVG_GRAPH_NONE)
    {
      add_label (self, _("Click a node to see its name, operation, attributes, inputs and outputs."), "dim-label");
      return;
    }
  it = cvg_graph_get_item (graph, item);
  self->name = g_strdup (it->name);
  add_label (self, it->short_name, "title-3");
  add_label (self, it->name, "dim-label");
  if (it->kind == CVG_GRAPH_ITEM_OP)
    {
      const CvgGraphOp *op = cvg_graph_get_op (graph, it->op_index);

      add_op_fields (self, op);
      add_op_links (self, graph, op);
    }
  else
    {
      add_group_fields (self, it, item, expanded);
      add_crossing_links (self, graph, item);
    }
}

const char *
cvg_graph_info_get_name (CvgGraphInfo *self)
{
  g_return_val_if_fail (CVG_IS_GRAPH_INFO (self), NULL);
  return self->name != NULL ? self->name : "";
}
