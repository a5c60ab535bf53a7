/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-runs-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "cvg-runs-sidebar.h"

#include "cvg-run-info.h"
#include "cvg-run-palette.h"
#include "cvg-run-swatch.h"


/* The sidebar. */

struct _CvgRunsSidebar
{
  GtkWidget           parent_instance;

  /* Template children. */
  GtkWidget          *box;
  GtkSearchEntry     *filter_entry;
  GtkListView        *list_view;

  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  GRegex             *regex;
};

G_DEFINE_FINAL_TYPE (CvgRunsSidebar, cvg_runs_sidebar, GTK_TYPE_WIDGET)

/* What one list row shows; lives as long as the row's box. */
typedef struct
{
  GtkWidget  *check;
  GtkWidget  *swatch;
  GtkWidget  *name;
  GtkWidget  *tags;
  CvgRunInfo *info;
  GBinding   *visible_binding;
  GBinding   *color_binding;
} RunRow;

static void
run_row_free (gpointer data)
{
  RunRow *row = data;

  g_clear_object (&row->info);
  g_free (row);
}

static gboolean
filter_match (gpointer item,
              gpointer user_data)
{
  CvgRunsSidebar *self = user_data;

  return self->regex == NULL || g_regex_match (self->regex, cvg_run_info_get_name (item), 0, NULL);
}

static gboolean
apply_filter (CvgRunsSidebar *self,
              const char     *text)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *entry = GTK_WIDGET (self->filter_entry);

  g_clear_pointer (&self->regex, g_regex_unref);
  if (text != NULL && *text != '\0')
    self->regex = g_regex_new (text, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &error);

  if (error != NULL)
    {
      gtk_widget_add_css_class (entry, "error");
      gtk_widget_set_tooltip_text (entry, error->message);
    }
  else
    {
      gtk_widget_remove_css_class (entry, "error");
      gtk_widget_set_tooltip_text (entry, NULL);
    }
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  return error == NULL;
}

static void
filter_changed_cb (CvgRunsSidebar *self,
                   GtkSearchEntry *entry)
{
  apply_filter (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
show_all_cb (CvgRunsSidebar *self,
             GtkButton      *button)
{
  cvg_runs_sidebar_set_all_visible (self, TRUE);
}

static void
hide_all_cb (CvgRunsSidebar *self,
             GtkButton      *button)
{
  cvg_runs_sidebar_set_all_visible (self, FALSE);
}

static void
row_activate_cb (CvgRunsSidebar *self,
                 guint           position,
                 GtkListView    *list_view)
{
  g_autoptr(CvgRunInfo) info = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (info != NULL)
    cvg_run_info_set_visible (info, !cvg_run_info_get_visible (info));
}

static void
row_enter_cb (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              gpointer                  user_data)
{
  RunRow *row = user_data;

  if (row->info != NULL)
    cvg_run_info_set_emphasized (row->info, TRUE);
}

static void
row_leave_cb (GtkEventControllerMotion *motion,
              gpointer                  user_data)
{
  RunRow *row = user_data;

  if (row->info != NULL)
    cvg_run_info_set_emphasized (row->info, FALSE);
}

/* The next palette colour after the run's own. */
static void
swatch_released_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    gpointer         user_data)
{
  RunRow *row = user_data;
  const char *color;
  guint size = cvg_run_palette_get_size ();
  guint next = 0;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (row->info == NULL || size == 0)
    return;
  color = cvg_run_info_get_color (row->info);
  for (guint i = 0; i < size; i++)
    if (g_ascii_strcasecmp (cvg_run_palette_get_color (i), color) == 0)
      {
        next = (i + 1) % size;
        break;
      }
  cvg_run_info_set_color (row->info, cvg_run_palette_get_color (next));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  RunRow *row = g_new0 (RunRow, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  row->check = gtk_check_button_new ();
  gtk_widget_set_tooltip_text (row->check, _("Show this run"));
  row->swatch = g_object_new (CVG_TYPE_RUN_SWATCH, NULL);
  row->name = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (row->name), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (row->name, TRUE);
  row->tags = gtk_label_new (NULL);
  gtk_widget_add_css_class (row->tags, "dim-label");
  gtk_widget_add_css_class (row->tags, "numeric");
  gtk_widget_add_css_class (row->tags, "caption");

  gtk_box_append (GTK_BOX (box), row->check);
  gtk_box_append (GTK_BOX (box), row->swatch);
  gtk_box_append (GTK_BOX (box), row->name);
  gtk_box_append (GTK_BOX (box), row->tags);
  gtk_widget_add_css_class (box, "run-row");

  g_signal_connect (motion, "enter", G_CALLBACK (row_enter_cb), row);
  g_signal_connect (motion, "leave", G_CALLBACK (row_leave_cb), row);
  gtk_widget_add_controller (box, motion);
  g_signal_connect (click, "released", G_CALLBACK (swatch_released_cb), row);
  gtk_widget_add_controller (row->swatch, GTK_EVENT_CONTROLLER (click));

  g_object_set_data_full (G_OBJECT (box), "run-row", row, run_row_free);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  RunRow *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "run-row");
  CvgRunInfo *info = gtk_list_item_get_item (item);
  guint n_tags = cvg_run_info_get_n_tags (info);
  g_autofree char *count = g_strdup_printf ("%u", n_tags);
  g_autofree char *tooltip = g_strdup_printf (ngettext ("%s: %u tag", "%s: %u tags", n_tags),
                                              cvg_run_info_get_name (info), n_tags);

  g_set_object (&row->info, info);
  row->visible_binding = g_object_bind_property (info, "visible", row->check, "active",
                                                 G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  row->color_binding = g_object_bind_property (info, "color", row->swatch, "color",
                                               G_BINDING_SYNC_CREATE);
  gtk_label_set_text (GTK_LABEL (row->name), cvg_run_info_get_name (info));
  gtk_label_set_text (GTK_LABEL (row->tags), count);
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (item), tooltip);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  RunRow *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "run-row");

  g_clear_pointer (&row->visible_binding, g_binding_unbind);
  g_clear_pointer (&row->color_binding, g_binding_unbind);
  if (row->info != NULL)
    cvg_run_info_set_emphasized (row->info, FALSE);
  g_clear_object (&row->info);
}

static void
cvg_runs_sidebar_dispose (GObject *object)
{
  CvgRunsSidebar *self = CVG_RUNS_SIDEBAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CVG_TYPE_RUNS_SIDEBAR);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (cvg_runs_sidebar_parent_class)->dispose (object);
}

static void
cvg_runs_sidebar_finalize (GObject *object)
{
  CvgRunsSidebar *self = CVG_RUNS_SIDEBAR (object);

  g_clear_pointer (&self->regex, g_regex_unref);

  G_OBJECT_CLASS (cvg_runs_sidebar_parent_class)->finalize (object);
}

static void
cvg_runs_sidebar_class_init (CvgRunsSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cvg_runs_sidebar_dispose;
  object_class->finalize = cvg_runs_sidebar_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/converge/Converge/ui/cvg-runs-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, CvgRunsSidebar, box);
  gtk_widget_class_bind_template_child (widget_class, CvgRunsSidebar, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, CvgRunsSidebar, list_view);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_all_cb);
  gtk_widget_class_bind_template_callback (widget_class, hide_all_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activate_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "runs-sidebar");
}

static void
cvg_runs_sidebar_init (CvgRunsSidebar *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_match, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
}

GtkWidget *
cvg_runs_sidebar_new (void)
{
  return g_object_new (CVG_TYPE_RUNS_SIDEBAR, NULL);
}

void
cvg_runs_sidebar_set_runs (CvgRunsSidebar *self,
                           GListModel     *runs)
{
  g_return_if_fail (CVG_IS_RUNS_SIDEBAR (self));
  g_return_if_fail (runs == NULL || G_IS_LIST_MODEL (runs));

  gtk_filter_list_model_set_model (self->filtered, runs);
}

GListModel *
cvg_runs_sidebar_get_shown_runs (CvgRunsSidebar *self)
{
  g_return_val_if_fail (CVG_IS_RUNS_SIDEBAR (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

gboolean
cvg_runs_sidebar_set_filter (CvgRunsSidebar *self,
                             const char     *regex)
{
  g_return_val_if_fail (CVG_IS_RUNS_SIDEBAR (self), FALSE);

  g_signal_handlers_block_by_func (self->filter_entry, filter_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), regex != NULL ? regex : "");
  g_signal_handlers_unblock_by_func (self->filter_entry, filter_changed_cb, self);
  return apply_filter (self, regex);
}

void
cvg_runs_sidebar_set_all_visible (CvgRunsSidebar *self,
                                  gboolean        visible)
{
  GListModel *shown;

  g_return_if_fail (CVG_IS_RUNS_SIDEBAR (self));

  shown = G_LIST_MODEL (self->filtered);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(CvgRunInfo) info = g_list_model_get_item (shown, i);

      cvg_run_info_set_visible (info, visible);
    }
}
