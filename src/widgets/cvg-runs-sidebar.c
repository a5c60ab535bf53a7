/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-runs-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "cvg-runs-sidebar.h"

#include "cvg-run-info.h"
#include "cvg-run-node.h"
#include "cvg-run-palette.h"
#include "cvg-run-swatch.h"
#include "cvg-run-tree.h"


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
  GRegex             *include;
  GRegex             *exclude;

  /* The top nodes shown: folders of the filtered runs, or the groups. */
  GListStore         *top;
  GListModel         *groups;
  GtkTreeListModel   *tree;
};

G_DEFINE_FINAL_TYPE (CvgRunsSidebar, cvg_runs_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_GROUPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What one list row shows; lives as long as the row's expander. */
typedef struct
{
  GtkWidget  *check;
  GtkWidget  *swatch;
  GtkWidget  *name;
  GtkWidget  *count;
  CvgRunNode *node;
  GBinding   *visible_binding;
  GBinding   *color_binding;
  gulong      state_handler;
  gboolean    syncing;
} RunRow;

static void
run_row_free (gpointer data)
{
  RunRow *row = data;

  g_clear_object (&row->node);
  g_free (row);
}

static gboolean
filter_match (gpointer item,
              gpointer user_data)
{
  CvgRunsSidebar *self = user_data;

  return cvg_run_tree_filter_match (self->include, self->exclude, cvg_run_info_get_name (item));
}

/* The folders of the runs that pass the filter, unless groups are shown. */
static void
rebuild_tree (CvgRunsSidebar *self)
{
  g_autoptr(GListStore) folders = NULL;
  GListModel *source;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->top));
  g_autofree gpointer *items = NULL;
  guint n;

  if (self->groups != NULL)
    source = self->groups;
  else
    source = G_LIST_MODEL (folders = cvg_run_tree_build (G_LIST_MODEL (self->filtered)));
  n = g_list_model_get_n_items (source);
  items = g_new (gpointer, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    items[i] = g_list_model_get_item (source, i);
  g_list_store_splice (self->top, 0, n_old, items, n);
  for (guint i = 0; i < n; i++)
    g_object_unref (items[i]);
}

static void
filtered_changed_cb (CvgRunsSidebar *self,
                     guint           position,
                     guint           removed,
                     guint           added,
                     GListModel     *filtered)
{
  if (self->groups == NULL)
    rebuild_tree (self);
}

static gboolean
apply_filter (CvgRunsSidebar *self,
              const char     *text)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *entry = GTK_WIDGET (self->filter_entry);

  g_clear_pointer (&self->include, g_regex_unref);
  g_clear_pointer (&self->exclude, g_regex_unref);
  cvg_run_tree_parse_filter (text, &self->include, &self->exclude, &error);

  if (error != NULL)
    {
      gtk_widget_add_css_class (entry, "error");
      gtk_widget_set_tooltip_text (entry, error->message);
    }
  else
    {
      gtk_widget_remove_css_class (entry, "error");
      gtk_widget_set_tooltip_text (entry, _("A regular expression that run names must match; "
                                            "after a “!”, one that they must not"));
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

static CvgRunNode *
node_at (CvgRunsSidebar *self,
         guint           position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), position);

  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
}

/* Enter or double-click: a run or a whole folder shows or hides. */
static void
row_activate_cb (CvgRunsSidebar *self,
                 guint           position,
                 GtkListView    *list_view)
{
  g_autoptr(CvgRunNode) node = node_at (self, position);

  if (node != NULL)
    cvg_run_node_set_visible (node, cvg_run_node_get_state (node) != CVG_RUN_NODE_ALL_VISIBLE);
}

/* Hovering a run's row, or a folder's, emphasizes its runs. */
static void
emphasize (RunRow   *row,
           gboolean  emphasized)
{
  for (guint i = 0; row->node != NULL && i < cvg_run_node_get_n_runs (row->node); i++)
    cvg_run_info_set_emphasized (cvg_run_node_get_run (row->node, i), emphasized);
}

static void
row_enter_cb (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              gpointer                  user_data)
{
  emphasize (user_data, TRUE);
}

static void
row_leave_cb (GtkEventControllerMotion *motion,
              gpointer                  user_data)
{
  emphasize (user_data, FALSE);
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
  CvgRunInfo *info = row->node != NULL ? cvg_run_node_get_info (row->node) : NULL;
  const char *color;
  guint size = cvg_run_palette_get_size ();
  guint next = 0;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  /* A group's tints follow the group, not the run. */
  if (info == NULL || size == 0 || cvg_run_node_get_color (row->node) != NULL)
    return;
  color = cvg_run_info_get_color (info);
  for (guint i = 0; i < size; i++)
    if (g_ascii_strcasecmp (cvg_run_palette_get_color (i), color) == 0)
      {
        next = (i + 1) % size;
        break;
      }
  cvg_run_info_set_color (info, cvg_run_palette_get_color (next));
}

/* A folder's box: checked when all its runs show, mixed when some do. */
static void
sync_folder_check (RunRow *row)
{
  CvgRunNodeState state = cvg_run_node_get_state (row->node);

  row->syncing = TRUE;
  gtk_check_button_set_inconsistent (GTK_CHECK_BUTTON (row->check), state == CVG_RUN_NODE_SOME_VISIBLE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (row->check), state == CVG_RUN_NODE_ALL_VISIBLE);
  row->syncing = FALSE;
}

static void
folder_state_cb (CvgRunNode *node,
                 GParamSpec *pspec,
                 RunRow     *row)
{
  sync_folder_check (row);
}

/* A click on a folder's box: a mixed or empty folder shows all, a full
 * one hides all. */
static void
folder_toggled_cb (GtkCheckButton *check,
                   RunRow         *row)
{
  if (row->syncing || row->node == NULL || !cvg_run_node_is_folder (row->node))
    return;
  cvg_run_node_set_visible (row->node, cvg_run_node_get_state (row->node) != CVG_RUN_NODE_ALL_VISIBLE);
  sync_folder_check (row);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  RunRow *row = g_new0 (RunRow, 1);
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  row->check = gtk_check_button_new ();
  row->swatch = g_object_new (CVG_TYPE_RUN_SWATCH, NULL);
  row->name = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (row->name), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (row->name, TRUE);
  row->count = gtk_label_new (NULL);
  gtk_widget_add_css_class (row->count, "dim-label");
  gtk_widget_add_css_class (row->count, "numeric");
  gtk_widget_add_css_class (row->count, "caption");

  gtk_box_append (GTK_BOX (box), row->check);
  gtk_box_append (GTK_BOX (box), row->swatch);
  gtk_box_append (GTK_BOX (box), row->name);
  gtk_box_append (GTK_BOX (box), row->count);
  gtk_widget_add_css_class (box, "run-row");
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);

  g_signal_connect (row->check, "toggled", G_CALLBACK (folder_toggled_cb), row);
  g_signal_connect (motion, "enter", G_CALLBACK (row_enter_cb), row);
  g_signal_connect (motion, "leave", G_CALLBACK (row_leave_cb), row);
  gtk_widget_add_controller (box, motion);
  g_signal_connect (click, "released", G_CALLBACK (swatch_released_cb), row);
  gtk_widget_add_controller (row->swatch, GTK_EVENT_CONTROLLER (click));

  g_object_set_data_full (G_OBJECT (expander), "run-row", row, run_row_free);
  gtk_list_item_set_child (item, expander);
}

static void
bind_run (RunRow    *row,
          GtkWidget *child)
{
  CvgRunInfo *info = cvg_run_node_get_info (row->node);
  guint n_tags = cvg_run_info_get_n_tags (info);
  g_autofree char *count = g_strdup_printf ("%u", n_tags);
  g_autofree char *tooltip = g_strdup_printf (ngettext ("%s: %u tag", "%s: %u tags", n_tags),
                                              cvg_run_info_get_name (info), n_tags);

  gtk_widget_set_visible (row->swatch, TRUE);
  gtk_widget_set_tooltip_text (row->check, _("Show this run"));
  row->visible_binding = g_object_bind_property (info, "visible", row->check, "active",
                                                 G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  if (cvg_run_node_get_color (row->node) != NULL)
    cvg_run_swatch_set_color (CVG_RUN_SWATCH (row->swatch), cvg_run_node_get_color (row->node));
  else
    row->color_binding = g_object_bind_property (info, "color", row->swatch, "color",
                                                 G_BINDING_SYNC_CREATE);
  gtk_label_set_text (GTK_LABEL (row->count), count);
  gtk_widget_set_tooltip_text (child, tooltip);
}

static void
bind_folder (RunRow    *row,
             GtkWidget *child)
{
  guint n_runs = cvg_run_node_get_n_runs (row->node);
  g_autofree char *count = g_strdup_printf ("%u", n_runs);
  g_autofree char *tooltip = g_strdup_printf (ngettext ("%s: %u run", "%s: %u runs", n_runs),
                                              cvg_run_node_get_path (row->node), n_runs);

  /* A group shows its hue; a folder has none. */
  gtk_widget_set_visible (row->swatch, cvg_run_node_get_color (row->node) != NULL);
  if (cvg_run_node_get_color (row->node) != NULL)
    cvg_run_swatch_set_color (CVG_RUN_SWATCH (row->swatch), cvg_run_node_get_color (row->node));
  gtk_widget_set_tooltip_text (row->check, _("Show the runs in this folder"));
  sync_folder_check (row);
  row->state_handler = g_signal_connect (row->node, "notify::state", G_CALLBACK (folder_state_cb), row);
  gtk_label_set_text (GTK_LABEL (row->count), count);
  gtk_widget_set_tooltip_text (child, tooltip);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkWidget *expander = gtk_list_item_get_child (item);
  RunRow *row = g_object_get_data (G_OBJECT (expander), "run-row");
  GtkTreeListRow *list_row = gtk_list_item_get_item (item);
  CvgRunNode *node = gtk_tree_list_row_get_item (list_row);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), list_row);
  g_set_object (&row->node, node);
  row->syncing = TRUE;
  gtk_check_button_set_inconsistent (GTK_CHECK_BUTTON (row->check), FALSE);
  row->syncing = FALSE;
  gtk_label_set_text (GTK_LABEL (row->name), cvg_run_node_get_label (node));
  if (cvg_run_node_is_folder (node))
    bind_folder (row, expander);
  else
    bind_run (row, expander);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *expander = gtk_list_item_get_child (item);
  RunRow *row = g_object_get_data (G_OBJECT (expander), "run-row");

  g_clear_pointer (&row->visible_binding, g_binding_unbind);
  g_clear_pointer (&row->color_binding, g_binding_unbind);
  if (row->node != NULL)
    {
      g_clear_signal_handler (&row->state_handler, row->node);
      emphasize (row, FALSE);
    }
  g_clear_object (&row->node);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
}

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  GListModel *children = cvg_run_node_get_children (item);

  return children != NULL ? g_object_ref (children) : NULL;
}

static void
cvg_runs_sidebar_dispose (GObject *object)
{
  CvgRunsSidebar *self = CVG_RUNS_SIDEBAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CVG_TYPE_RUNS_SIDEBAR);
  g_clear_object (&self->tree);
  g_clear_object (&self->top);
  g_clear_object (&self->groups);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (cvg_runs_sidebar_parent_class)->dispose (object);
}

static void
cvg_runs_sidebar_finalize (GObject *object)
{
  CvgRunsSidebar *self = CVG_RUNS_SIDEBAR (object);

  g_clear_pointer (&self->include, g_regex_unref);
  g_clear_pointer (&self->exclude, g_regex_unref);

  G_OBJECT_CLASS (cvg_runs_sidebar_parent_class)->finalize (object);
}

static void
cvg_runs_sidebar_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CvgRunsSidebar *self = CVG_RUNS_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_GROUPS:
      g_value_set_object (value, self->groups);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_runs_sidebar_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CvgRunsSidebar *self = CVG_RUNS_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_GROUPS:
      cvg_runs_sidebar_set_groups (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_runs_sidebar_class_init (CvgRunsSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cvg_runs_sidebar_dispose;
  object_class->finalize = cvg_runs_sidebar_finalize;
  object_class->get_property = cvg_runs_sidebar_get_property;
  object_class->set_property = cvg_runs_sidebar_set_property;

  properties[PROP_GROUPS] =
    g_param_spec_object ("groups", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

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
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (filtered_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->top = g_list_store_new (CVG_TYPE_RUN_NODE);
  self->tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->top)), FALSE, TRUE,
                                        create_children_cb, NULL, NULL);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->tree)));
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
  rebuild_tree (self);
}

GListModel *
cvg_runs_sidebar_get_tree (CvgRunsSidebar *self)
{
  g_return_val_if_fail (CVG_IS_RUNS_SIDEBAR (self), NULL);

  return G_LIST_MODEL (self->top);
}

void
cvg_runs_sidebar_set_groups (CvgRunsSidebar *self,
                             GListModel     *groups)
{
  g_return_if_fail (CVG_IS_RUNS_SIDEBAR (self));
  g_return_if_fail (groups == NULL || G_IS_LIST_MODEL (groups));

  if (!g_set_object (&self->groups, groups))
    return;
  rebuild_tree (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUPS]);
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
