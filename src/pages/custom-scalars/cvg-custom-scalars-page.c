/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-custom-scalars-page"

#include "config.h"

#include "cvg-custom-scalars-page.h"

#include "cvg-empty-page.h"

#include "cvg-page.h"

#include <adwaita.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cvg-custom-layout-user.h"
#include "cvg-custom-layout.h"
#include "cvg-run-info.h"
#include "cvg-run.h"

struct _CvgCustomScalarsPage
{
  GtkWidget          parent_instance;

  GtkWidget         *box;
  GtkStack          *stack;
  GtkBox            *categories;     /* a GtkExpander per category */
  GtkLabel          *notices;
  GtkEditable       *title_entry;
  GtkEditable       *tags_entry;
  GtkWidget         *new_popover;
  GtkDropDown       *x_axis_dropdown;

  /* What every chart shows, as the Scalars page's toolbar sets it. */
  double             smoothing;
  CvgXAxis           x_axis;
  gboolean           log_scale;
  gboolean           ignore_outliers;

  GListModel        *runs;
  GPtrArray         *watched;        /* CvgRunInfo whose signals we hold */
  GPtrArray         *cards;          /* CvgCustomChartCard, borrowed */
  CvgCustomLayout   *layout;
  CvgLayoutCategory *user;           /* NULL until read */
  char              *user_path;
  GCancellable      *cancellable;
  guint              n_busy;
  guint              rebuild_id;
  gboolean           rebuild_all;    /* the idle reads the layout again */
  gboolean           stale;          /* the runs grew while hidden */
  guint              n_scalars;
  guint              n_blobs;
  gboolean           has_content;
};

static void
cvg_custom_scalars_page_iface_init (CvgPageInterface *iface)
{
  iface->set_runs = (void (*) (CvgPage *, GListModel *)) cvg_custom_scalars_page_set_runs;
  iface->refresh = (void (*) (CvgPage *)) cvg_custom_scalars_page_refresh;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (CvgCustomScalarsPage, cvg_custom_scalars_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CVG_TYPE_PAGE, cvg_custom_scalars_page_iface_init))

enum {
  PROP_0,
  PROP_SMOOTHING,
  PROP_X_AXIS,
  PROP_LOG_SCALE,
  PROP_IGNORE_OUTLIERS,
  PROP_HAS_CONTENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* cvg_scalar_chart_view_param_specs () fills four entries in a row, in
 * the chart's own property names. */
G_STATIC_ASSERT (PROP_IGNORE_OUTLIERS == PROP_SMOOTHING + 3);

static void
remove_clicked_cb (GtkButton            *button,
                   CvgCustomScalarsPage *self);

static GtkWidget *
add_category (CvgCustomScalarsPage    *self,
              const CvgLayoutCategory *category,
              gboolean                 removable)
{
  GtkWidget *expander = gtk_expander_new (category->title);
  GtkWidget *flow = gtk_flow_box_new ();
  GtkWidget *label = gtk_expander_get_label_widget (GTK_EXPANDER (expander));

  gtk_widget_add_css_class (label, "heading");
  gtk_expander_set_expanded (GTK_EXPANDER (expander), !category->closed);
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 3);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_widget_set_margin_top (flow, 6);
  for (guint i = 0; i < category->charts->len; i++)
    {
      GtkWidget *card = cvg_custom_chart_card_new (g_ptr_array_index (category->charts, i));

      gtk_widget_set_size_request (card, 380, -1);
      /* A collapsed expander holds no child: the card knows its category. */
      g_object_set_data_full (G_OBJECT (card), "category", g_strdup (category->title), g_free);
      if (removable)
        {
          GtkWidget *remove = gtk_button_new_with_mnemonic (_("_Remove Chart"));

          gtk_widget_add_css_class (remove, "flat");
          g_object_set_data (G_OBJECT (remove), "index", GUINT_TO_POINTER (i));
          g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
          cvg_custom_chart_card_add_button (CVG_CUSTOM_CHART_CARD (card), remove);
        }
      for (guint p = PROP_SMOOTHING; p <= PROP_IGNORE_OUTLIERS; p++)
        g_object_bind_property (self, properties[p]->name,
                                cvg_scalar_card_get_chart (cvg_custom_chart_card_get_card (CVG_CUSTOM_CHART_CARD (card))),
                                properties[p]->name, G_BINDING_SYNC_CREATE);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), card);
      g_ptr_array_add (self->cards, card);
    }
  gtk_expander_set_child (GTK_EXPANDER (expander), flow);
  gtk_box_append (self->categories, expander);
  return expander;
}

static void
clear_categories (CvgCustomScalarsPage *self)
{
  GtkWidget *child;

  g_ptr_array_set_size (self->cards, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->categories))) != NULL)
    gtk_box_remove (self->categories, child);
}

/* Draws every card's lines from the runs as they are now. */
static void
draw_lines (CvgCustomScalarsPage *self)
{
  for (guint i = 0; self->runs != NULL && i < self->cards->len; i++)
    cvg_custom_chart_card_set_runs (g_ptr_array_index (self->cards, i), self->runs);
}

static void rebuild (CvgCustomScalarsPage *self);

static gboolean
rebuild_cb (gpointer data)
{
  CvgCustomScalarsPage *self = data;

  self->rebuild_id = 0;
  if (self->rebuild_all)
    rebuild (self);
  else
    draw_lines (self);
  self->rebuild_all = FALSE;
  return G_SOURCE_REMOVE;
}

/* Runs shown, hidden or recoloured (@all FALSE), or added (@all TRUE):
 * one rebuild for a burst of them. */
static void
queue_rebuild (CvgCustomScalarsPage *self,
               gboolean              all)
{
  self->rebuild_all |= all;
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_cb, self);
}

/* A queued rebuild now, for a caller that reads the charts. */
static void
flush (CvgCustomScalarsPage *self)
{
  if (self->rebuild_id != 0)
    {
      g_clear_handle_id (&self->rebuild_id, g_source_remove);
      rebuild_cb (self);
    }
}

static void
queue_lines (CvgCustomScalarsPage *self)
{
  queue_rebuild (self, FALSE);
}

static void
unwatch_runs (CvgCustomScalarsPage *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched, i), self);
  g_ptr_array_set_size (self->watched, 0);
}

static GPtrArray *
runs_array (CvgCustomScalarsPage *self)
{
  GPtrArray *runs = g_ptr_array_new ();

  for (guint i = 0; self->runs != NULL && i < g_list_model_get_n_items (self->runs); i++)
    {
      g_autoptr(CvgRunInfo) info = g_list_model_get_item (self->runs, i);

      g_ptr_array_add (runs, cvg_run_info_get_run (info));
    }
  return runs;
}

/* A layout in the logs, or charts of the user's own for them: what makes
 * the window list the page (a layout is a plugin blob, not a kind). */
static void
update_has_content (CvgCustomScalarsPage *self)
{
  gboolean found = self->user != NULL && self->user->charts->len > 0;

  for (guint i = 0; !found && self->runs != NULL && i < g_list_model_get_n_items (self->runs); i++)
    {
      g_autoptr(CvgRunInfo) info = g_list_model_get_item (self->runs, i);

      found = cvg_run_lookup_series (cvg_run_info_get_run (info), CVG_KIND_BLOB, CVG_CUSTOM_LAYOUT_TAG) != NULL;
    }
  if (found == self->has_content)
    return;
  self->has_content = found;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_CONTENT]);
}

/* The layout again from the runs, its categories, the user's charts. */
static void
rebuild (CvgCustomScalarsPage *self)
{
  g_autoptr(GPtrArray) runs = runs_array (self);
  g_autoptr(GString) notices = g_string_new (NULL);
  const CvgLayout *layout;
  GPtrArray *layout_notices;

  clear_categories (self);
  unwatch_runs (self);
  g_clear_pointer (&self->layout, cvg_custom_layout_free);
  self->layout = cvg_custom_layout_new_from_runs (runs);
  self->n_scalars = cvg_run_info_count_series (self->runs, CVG_KIND_SCALAR);
  self->n_blobs = cvg_run_info_count_series (self->runs, CVG_KIND_BLOB);
  layout = cvg_custom_layout_get_layout (self->layout);
  for (guint i = 0; i < layout->categories->len; i++)
    add_category (self, g_ptr_array_index (layout->categories, i), FALSE);
  if (self->user != NULL && self->user->charts->len > 0)
    add_category (self, self->user, TRUE);

  layout_notices = cvg_custom_layout_get_notices (self->layout);
  for (guint i = 0; i < layout_notices->len; i++)
    g_string_append_printf (notices, "%s%s", i > 0 ? "\n" : "", (char *) g_ptr_array_index (layout_notices, i));
  gtk_label_set_text (self->notices, notices->str);
  gtk_widget_set_visible (GTK_WIDGET (self->notices), notices->len > 0);
  gtk_stack_set_visible_child_name (self->stack, self->cards->len > 0 || notices->len > 0 ? "charts" : "empty");

  for (guint i = 0; self->runs != NULL && i < g_list_model_get_n_items (self->runs); i++)
    {
      CvgRunInfo *info = g_list_model_get_item (self->runs, i);

      g_signal_connect_swapped (info, "notify::visible", G_CALLBACK (queue_lines), self);
      g_signal_connect_swapped (info, "notify::color", G_CALLBACK (queue_lines), self);
      g_ptr_array_add (self->watched, info);
    }
  draw_lines (self);
  update_has_content (self);
}

static void
busy_done (CvgCustomScalarsPage *self)
{
  self->n_busy--;
  g_object_unref (self);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Could not save your charts: %s", error->message);
  busy_done (CVG_CUSTOM_SCALARS_PAGE (user_data));
}

static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  char **args = task_data;   /* path, contents */
  g_autofree char *dir = g_path_get_dirname (args[0]);
  GError *error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    g_task_return_new_error (task, G_FILE_ERROR, g_file_error_from_errno (errno), "%s: %s", dir, g_strerror (errno));
  else if (!g_file_set_contents (args[0], args[1], -1, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Writes the user's charts off the main thread; never into the logs. */
static void
save_user_charts (CvgCustomScalarsPage *self)
{
  g_autoptr(GTask) task = NULL;
  char **args;

  if (self->user_path == NULL || self->user == NULL)
    return;
  args = g_new0 (char *, 3);
  args[0] = g_strdup (self->user_path);
  args[1] = cvg_user_charts_serialize (self->user);
  self->n_busy++;
  /* The page rides as callback data, not as the task's source object,
   * which a worker thread may drop last. */
  task = g_task_new (NULL, NULL, saved_cb, g_object_ref (self));
  g_task_set_task_data (task, args, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, save_thread);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  CvgCustomScalarsPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &len, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* None saved yet for this folder. */
          g_clear_pointer (&self->user, cvg_user_charts_free);
          self->user = cvg_user_charts_new ();
        }
    }
  else
    {
      g_clear_pointer (&self->user, cvg_user_charts_free);
      self->user = cvg_user_charts_parse (contents, len, &error);
      if (self->user == NULL)
        {
          g_warning ("Your charts in %s cannot be read: %s", g_file_peek_path (G_FILE (source)), error->message);
          self->user = cvg_user_charts_new ();
        }
      rebuild (self);
    }
  busy_done (self);
}

/* The logs folder changed: its own charts, read in the background. */
static void
load_user_charts (CvgCustomScalarsPage *self)
{
  g_autoptr(CvgRunInfo) first = NULL;
  g_autofree char *logdir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  if (self->runs == NULL || g_list_model_get_n_items (self->runs) == 0)
    return;
  first = g_list_model_get_item (self->runs, 0);
  logdir = cvg_user_charts_logdir_of (cvg_run_info_get_run (first));
  path = cvg_user_charts_path (logdir);
  if (g_strcmp0 (path, self->user_path) == 0)
    return;
  g_free (self->user_path);
  self->user_path = g_steal_pointer (&path);
  g_clear_pointer (&self->user, cvg_user_charts_free);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  file = g_file_new_for_path (self->user_path);
  self->n_busy++;
  g_object_ref (self);
  g_file_load_contents_async (file, self->cancellable, loaded_cb, self);
}

static void
items_changed_cb (CvgCustomScalarsPage *self)
{
  load_user_charts (self);
  queue_rebuild (self, TRUE);
}

static void
remove_clicked_cb (GtkButton            *button,
                   CvgCustomScalarsPage *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));

  if (self->user == NULL || index >= self->user->charts->len)
    return;
  cvg_user_charts_remove (self->user, index);
  save_user_charts (self);
  rebuild (self);
}

static void
add_clicked_cb (CvgCustomScalarsPage *self)
{
  const char *tags = gtk_editable_get_text (self->tags_entry);

  if (tags[0] == '\0')
    return;
  cvg_custom_scalars_page_add_chart (self, gtk_editable_get_text (self->title_entry), tags);
  gtk_editable_set_text (self->title_entry, "");
  gtk_editable_set_text (self->tags_entry, "");
  gtk_popover_popdown (GTK_POPOVER (self->new_popover));
}

static GtkWidget *
create_new_chart_button (CvgCustomScalarsPage *self)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *title = gtk_entry_new ();
  GtkWidget *tags = gtk_entry_new ();
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add Chart"));
  GtkWidget *hint = gtk_label_new (_("Every scalar tag that starts with a match of the expression is a line, in every run"));

  self->title_entry = GTK_EDITABLE (title);
  self->tags_entry = GTK_EDITABLE (tags);
  g_object_set (title, "placeholder-text", _("Title (optional)"), NULL);
  g_object_set (tags, "placeholder-text", _("Tags, a regular expression such as loss|accuracy"), NULL);
  gtk_widget_set_size_request (tags, 320, -1);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (hint), 40);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (add, "suggested-action");
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (add_clicked_cb), self);
  g_signal_connect_swapped (tags, "activate", G_CALLBACK (add_clicked_cb), self);
  g_signal_connect_swapped (title, "activate", G_CALLBACK (add_clicked_cb), self);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  /* The expression first: the one thing a chart needs. */
  gtk_grid_attach (GTK_GRID (grid), tags, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), title, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), hint, 0, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), add, 0, 3, 1, 1);
  self->new_popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->new_popover), grid);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), self->new_popover);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("New Chart"));
  gtk_widget_set_tooltip_text (button, _("A chart of the scalar tags that match an expression, kept for this folder"));
  return button;
}

static void
x_axis_selected_cb (CvgCustomScalarsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->x_axis_dropdown);

  if (selected <= CVG_X_AXIS_WALL)
    g_object_set (self, "x-axis", (CvgXAxis) selected, NULL);
}

static GtkWidget *
create_toolbar (CvgCustomScalarsPage *self)
{
  static const char *axes[] = { N_("Step"), N_("Relative"), N_("Wall"), NULL };
  const char *translated[G_N_ELEMENTS (axes)] = { NULL };
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Smoothing"));
  GtkAdjustment *smoothing = gtk_adjustment_new (0, 0, 0.99, 0.01, 0.1, 0);
  GtkWidget *log_scale = gtk_toggle_button_new_with_mnemonic (_("_Log Scale"));
  GtkWidget *outliers = gtk_toggle_button_new_with_mnemonic (_("_Ignore Outliers"));
  GtkWidget *scale;

  for (guint i = 0; axes[i] != NULL; i++)
    translated[i] = _(axes[i]);
  self->x_axis_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (translated));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->x_axis_dropdown), _("Horizontal Axis"));
  g_signal_connect_swapped (self->x_axis_dropdown, "notify::selected", G_CALLBACK (x_axis_selected_cb), self);
  g_object_bind_property (self, "smoothing", smoothing, "value", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "log-scale", log_scale, "active", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "ignore-outliers", outliers, "active", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_widget_set_tooltip_text (outliers, _("Scale the vertical axis to most of the data, not its extremes"));
  scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, smoothing);
  gtk_scale_set_digits (GTK_SCALE (scale), 2);
  gtk_scale_set_draw_value (GTK_SCALE (scale), TRUE);
  gtk_scale_set_value_pos (GTK_SCALE (scale), GTK_POS_RIGHT);
  gtk_widget_set_size_request (scale, 200, -1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), scale);
  gtk_widget_set_tooltip_text (scale, _("Smoothing of multiline charts; margin charts are never smoothed"));
  gtk_widget_add_css_class (toolbar, "toolbar");
  gtk_box_append (GTK_BOX (toolbar), label);
  gtk_box_append (GTK_BOX (toolbar), scale);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->x_axis_dropdown));
  gtk_box_append (GTK_BOX (toolbar), log_scale);
  gtk_box_append (GTK_BOX (toolbar), outliers);
  gtk_box_append (GTK_BOX (toolbar), g_object_new (GTK_TYPE_BOX, "hexpand", TRUE, NULL));
  gtk_box_append (GTK_BOX (toolbar), create_new_chart_button (self));
  return toolbar;
}

static void
cvg_custom_scalars_page_dispose (GObject *object)
{
  CvgCustomScalarsPage *self = CVG_CUSTOM_SCALARS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->watched != NULL)
    unwatch_runs (self);
  if (self->runs != NULL)
    g_signal_handlers_disconnect_by_data (self->runs, self);
  g_clear_object (&self->runs);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (cvg_custom_scalars_page_parent_class)->dispose (object);
}

static void
cvg_custom_scalars_page_finalize (GObject *object)
{
  CvgCustomScalarsPage *self = CVG_CUSTOM_SCALARS_PAGE (object);

  g_clear_pointer (&self->watched, g_ptr_array_unref);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_pointer (&self->layout, cvg_custom_layout_free);
  g_clear_pointer (&self->user, cvg_user_charts_free);
  g_free (self->user_path);

  G_OBJECT_CLASS (cvg_custom_scalars_page_parent_class)->finalize (object);
}

static void
cvg_custom_scalars_page_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  CvgCustomScalarsPage *self = CVG_CUSTOM_SCALARS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SMOOTHING:
      g_value_set_double (value, self->smoothing);
      break;
    case PROP_X_AXIS:
      g_value_set_enum (value, self->x_axis);
      break;
    case PROP_LOG_SCALE:
      g_value_set_boolean (value, self->log_scale);
      break;
    case PROP_IGNORE_OUTLIERS:
      g_value_set_boolean (value, self->ignore_outliers);
      break;
    case PROP_HAS_CONTENT:
      g_value_set_boolean (value, self->has_content);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_custom_scalars_page_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  CvgCustomScalarsPage *self = CVG_CUSTOM_SCALARS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SMOOTHING:
      if (self->smoothing == g_value_get_double (value))
        return;
      self->smoothing = g_value_get_double (value);
      break;
    case PROP_X_AXIS:
      if (self->x_axis == (CvgXAxis) g_value_get_enum (value))
        return;
      self->x_axis = g_value_get_enum (value);
      gtk_drop_down_set_selected (self->x_axis_dropdown, self->x_axis);
      break;
    case PROP_LOG_SCALE:
      if (self->log_scale == g_value_get_boolean (value))
        return;
      self->log_scale = g_value_get_boolean (value);
      break;
    case PROP_IGNORE_OUTLIERS:
      if (self->ignore_outliers == g_value_get_boolean (value))
        return;
      self->ignore_outliers = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_object_notify_by_pspec (object, pspec);
}

static void
cvg_custom_scalars_page_map (GtkWidget *widget)
{
  CvgCustomScalarsPage *self = CVG_CUSTOM_SCALARS_PAGE (widget);

  GTK_WIDGET_CLASS (cvg_custom_scalars_page_parent_class)->map (widget);
  if (self->stale)
    cvg_custom_scalars_page_refresh (self);
}

static void
cvg_custom_scalars_page_class_init (CvgCustomScalarsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cvg_custom_scalars_page_dispose;
  object_class->finalize = cvg_custom_scalars_page_finalize;
  object_class->get_property = cvg_custom_scalars_page_get_property;
  object_class->set_property = cvg_custom_scalars_page_set_property;
  widget_class->map = cvg_custom_scalars_page_map;
  cvg_scalar_chart_view_param_specs (&properties[PROP_SMOOTHING]);
  properties[PROP_HAS_CONTENT] =
    g_param_spec_boolean ("has-content", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "custom-scalars-page");
}

static void
cvg_custom_scalars_page_init (CvgCustomScalarsPage *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *empty = cvg_empty_page_new ("view-dual-symbolic", _("No custom scalars"),
                                         _("Log a layout with SummaryWriter.add_custom_scalars, or make a chart of your own with New Chart"));

  self->smoothing = G_PARAM_SPEC_DOUBLE (properties[PROP_SMOOTHING])->default_value;
  self->ignore_outliers = G_PARAM_SPEC_BOOLEAN (properties[PROP_IGNORE_OUTLIERS])->default_value;
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  self->cards = g_ptr_array_new ();
  self->notices = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->notices, TRUE);
  gtk_label_set_xalign (self->notices, 0);
  gtk_label_set_selectable (self->notices, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->notices), "warning");
  gtk_widget_set_visible (GTK_WIDGET (self->notices), FALSE);
  self->categories = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 12));
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->notices));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->categories));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), content);
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, scrolled, "charts");
  gtk_stack_add_named (self->stack, empty, "empty");
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (self->box), create_toolbar (self));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->stack));
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
cvg_custom_scalars_page_new (void)
{
  return g_object_new (CVG_TYPE_CUSTOM_SCALARS_PAGE, NULL);
}

void
cvg_custom_scalars_page_set_runs (CvgCustomScalarsPage *self,
                                  GListModel           *runs)
{
  g_return_if_fail (CVG_IS_CUSTOM_SCALARS_PAGE (self));
  g_return_if_fail (runs == NULL || G_IS_LIST_MODEL (runs));

  if (self->runs != NULL)
    g_signal_handlers_disconnect_by_data (self->runs, self);
  g_set_object (&self->runs, runs);
  if (runs != NULL)
    g_signal_connect_swapped (runs, "items-changed", G_CALLBACK (items_changed_cb), self);
  load_user_charts (self);
  rebuild (self);
}

void
cvg_custom_scalars_page_refresh (CvgCustomScalarsPage *self)
{
  g_return_if_fail (CVG_IS_CUSTOM_SCALARS_PAGE (self));

  if (self->runs == NULL)
    return;
  /* A hidden page does no work until shown, but for telling whether it
   * has any. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      update_has_content (self);
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;
  /* New tags or a new layout: everything again; more points: re-read. */
  if (cvg_run_info_count_series (self->runs, CVG_KIND_SCALAR) != self->n_scalars ||
      cvg_run_info_count_series (self->runs, CVG_KIND_BLOB) != self->n_blobs)
    {
      rebuild (self);
      return;
    }
  for (guint i = 0; i < self->cards->len; i++)
    cvg_custom_chart_card_reload (g_ptr_array_index (self->cards, i));
}

guint
cvg_custom_scalars_page_get_n_charts (CvgCustomScalarsPage *self)
{
  g_return_val_if_fail (CVG_IS_CUSTOM_SCALARS_PAGE (self), 0);

  flush (self);
  return self->cards->len;
}

static GtkExpander *
lookup_expander (CvgCustomScalarsPage *self,
                 const char           *category)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->categories)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (gtk_expander_get_label (GTK_EXPANDER (child)), category) == 0)
      return GTK_EXPANDER (child);
  return NULL;
}

CvgCustomChartCard *
cvg_custom_scalars_page_get_chart (CvgCustomScalarsPage *self,
                                   const char           *category,
                                   const char           *chart)
{
  g_return_val_if_fail (CVG_IS_CUSTOM_SCALARS_PAGE (self), NULL);

  flush (self);
  for (guint i = 0; i < self->cards->len; i++)
    {
      CvgCustomChartCard *card = g_ptr_array_index (self->cards, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (card), "category"), category) == 0 &&
          g_strcmp0 (cvg_custom_chart_card_get_title (card), chart) == 0)
        return card;
    }
  return NULL;
}

gboolean
cvg_custom_scalars_page_get_expanded (CvgCustomScalarsPage *self,
                                      const char           *category)
{
  GtkExpander *expander;

  g_return_val_if_fail (CVG_IS_CUSTOM_SCALARS_PAGE (self), FALSE);

  flush (self);
  expander = lookup_expander (self, category);
  return expander != NULL && gtk_expander_get_expanded (expander);
}

void
cvg_custom_scalars_page_add_chart (CvgCustomScalarsPage *self,
                                   const char           *title,
                                   const char           *tags)
{
  g_return_if_fail (CVG_IS_CUSTOM_SCALARS_PAGE (self));
  g_return_if_fail (tags != NULL);

  /* Before the saved ones are read, the chart would be lost. */
  if (self->user == NULL)
    self->user = cvg_user_charts_new ();
  cvg_user_charts_add (self->user, title, tags);
  save_user_charts (self);
  rebuild (self);
}

gboolean
cvg_custom_scalars_page_get_busy (CvgCustomScalarsPage *self)
{
  g_return_val_if_fail (CVG_IS_CUSTOM_SCALARS_PAGE (self), FALSE);

  return self->n_busy > 0;
}
