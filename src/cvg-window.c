/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cvg-window-private.h"

#include "cvg-application.h"
#include "cvg-logdir.h"
#include "cvg-page.h"
#include "cvg-problem.h"
#include "cvg-run.h"
#include "cvg-run-info.h"
#include "cvg-series.h"
#include "cvg-remote.h"
#include "cvg-watcher.h"

#define MAX_RECENT_FOLDERS 10
#define REFRESH_INTERVAL_MS 100
#define LIST_INTERVAL_MS 1000

G_DEFINE_FINAL_TYPE (CvgWindow, cvg_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const state_names[] = {
  [CVG_WINDOW_STATE_EMPTY] = "empty",
  [CVG_WINDOW_STATE_LOADING] = "loading",
  [CVG_WINDOW_STATE_LOADED] = "loaded",
  [CVG_WINDOW_STATE_ERROR] = "error",
};

static void
set_state (CvgWindow      *self,
           CvgWindowState  state)
{
  if (state == CVG_WINDOW_STATE_LOADED)
    gtk_stack_set_visible_child_name (self->main_stack, "loaded");
  else
    {
      gtk_stack_set_visible_child_name (self->status_stack, state_names[state]);
      gtk_stack_set_visible_child_name (self->main_stack, "status");
    }
  gtk_spinner_set_spinning (self->spinner, state == CVG_WINDOW_STATE_LOADING);
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* The folder name as title, the full path as subtitle. */
static void
set_folder_title (CvgWindow  *self,
                  const char *path)
{
  /* Labels take valid UTF-8; a path is any bytes. */
  g_autofree char *shown = path != NULL ? g_filename_display_name (path) : NULL;
  g_autofree char *name = shown != NULL ? g_path_get_basename (shown) : NULL;
  const char *title = name != NULL ? name : _("Converge");
  const char *subtitle = shown != NULL ? shown : "";

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->status_title, title);
  adw_window_title_set_subtitle (self->status_title, subtitle);
  adw_window_title_set_title (self->folder_title, title);
  adw_window_title_set_subtitle (self->folder_title, subtitle);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->folder_title), shown);
  adw_view_switcher_title_set_title (self->switcher_title, title);
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
}

/* Recent folders. */

static void
recent_row_activated_cb (CvgWindow     *self,
                         GtkListBoxRow *row,
                         GtkListBox    *list)
{
  const char *path = g_object_get_data (G_OBJECT (row), "path");

  if (path != NULL)
    cvg_window_open_path (self, path);
}

static GtkWidget *
recent_row_new (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  /* Off before any text is set: a path may hold markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), path);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "path", g_strdup (path), g_free);
  return row;
}

static void
reload_recent_folders (CvgWindow *self)
{
  g_auto(GStrv) folders = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  if (self->settings != NULL)
    folders = g_settings_get_strv (self->settings, "recent-folders");
  for (guint i = 0; folders != NULL && folders[i] != NULL; i++)
    gtk_list_box_append (self->recent_list, recent_row_new (folders[i]));
  gtk_widget_set_visible (self->recent_box, folders != NULL && folders[0] != NULL);
}

static void
recent_folders_changed_cb (CvgWindow *self)
{
  reload_recent_folders (self);
}

/* Newest first, no duplicates, at most MAX_RECENT_FOLDERS. */
static void
remember_folder (CvgWindow  *self,
                 const char *path)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) folders = NULL;
  guint n = 1;

  /* GSettings strings are UTF-8: a path that is not cannot be kept. */
  if (self->settings == NULL || !g_utf8_validate (path, -1, NULL))
    return;
  old = g_settings_get_strv (self->settings, "recent-folders");
  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT_FOLDERS; i++)
    if (g_strcmp0 (old[i], path) != 0)
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  folders = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-folders", (const char * const *) folders);
}

/* Loading. */

/* Runs found while reading are listed in batches, at the end of each
 * round (or every LIST_INTERVAL_MS while a long round is merged): one
 * items-changed and one palette assignment each, so that a folder of
 * thousands of runs does not rebuild and redraw every page once per run
 * or per merge slice. During the first load every run is recoloured, so
 * that the colours depend on the set of names only; afterwards shown runs
 * keep their colours. */
static void
list_new_runs (CvgWindow *self)
{
  g_clear_handle_id (&self->list_id, g_source_remove);
  cvg_run_list_add (self->runs, (CvgRun * const *) self->new_runs->pdata, self->new_runs->len,
                    self->state == CVG_WINDOW_STATE_LOADING);
  g_ptr_array_set_size (self->new_runs, 0);
}

static gboolean
list_new_runs_cb (gpointer user_data)
{
  CvgWindow *self = user_data;

  self->list_id = 0;
  list_new_runs (self);
  return G_SOURCE_REMOVE;
}

static void
collect_problems (CvgWindow *self)
{
  GPtrArray *runs = cvg_logdir_get_runs (self->logdir);

  g_ptr_array_set_size (self->problems, 0);
  g_ptr_array_extend (self->problems, cvg_logdir_get_problems (self->logdir), NULL, NULL);
  for (guint i = 0; i < runs->len; i++)
    g_ptr_array_extend (self->problems, cvg_run_get_problems (g_ptr_array_index (runs, i)), NULL, NULL);
}

static void
show_toast (CvgWindow  *self,
            const char *title,
            const char *button_label,
            const char *action_name)
{
  /* A toast's title is markup in libadwaita 1.2. */
  g_autofree char *markup = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (markup);

  if (button_label != NULL)
    {
      adw_toast_set_button_label (toast, button_label);
      adw_toast_set_action_name (toast, action_name);
    }
  adw_toast_set_timeout (toast, 10);
  g_ptr_array_add (self->toasts, g_object_ref (toast));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
announce_problems (CvgWindow *self)
{
  g_autofree char *title = NULL;
  guint n = self->problems->len;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->runs)) == 0)
    show_toast (self, _("No TensorBoard event files in this folder"), NULL, NULL);
  if (n == 0)
    return;
  title = g_strdup_printf (ngettext ("%u problem in the log files",
                                     "%u problems in the log files", n), n);
  show_toast (self, title, _("_Details"), "win.show-problems");
}

static void
show_loaded (CvgWindow *self)
{
  collect_problems (self);
  _cvg_window_update_pages (self);
  _cvg_window_show_active_page (self);
  cvg_graphs_page_refresh (self->graphs_page);
  remember_folder (self, cvg_logdir_get_path (self->logdir));
  set_state (self, CVG_WINDOW_STATE_LOADED);
  announce_problems (self);
}

static void
show_error (CvgWindow  *self,
            const char *message)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);

  g_free (self->error_message);
  self->error_message = g_strdup (message);
  adw_status_page_set_description (self->error_page, markup);
  /* A server may be back in a moment; a local folder's trouble stays. */
  gtk_widget_set_visible (self->retry_button, cvg_remote_is_uri (self->location));
  set_state (self, CVG_WINDOW_STATE_ERROR);
}

/* Live reading: the watcher fills self->logdir on the main thread. */

/* What is being read, then when the folder was last looked at. */
static void
update_live_status (CvgWindow *self)
{
  g_autofree char *status = NULL;

  if (cvg_watcher_get_loading (self->watcher))
    {
      guint n_runs = cvg_logdir_get_runs (self->logdir)->len;
      g_autofree char *read = g_format_size (cvg_watcher_get_bytes_read (self->watcher));
      g_autofree char *total = g_format_size (cvg_watcher_get_bytes_total (self->watcher));

      /* TRANSLATORS: progress of the first reading, e.g. "3 runs, 120 MB of 1.0 GB read" */
      status = g_strdup_printf (ngettext ("%u run, %s of %s read", "%u runs, %s of %s read", n_runs),
                                n_runs, read, total);
    }
  else
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (cvg_watcher_get_last_update (self->watcher) / G_USEC_PER_SEC);
      g_autofree char *clock = g_date_time_format (time, "%X");

      /* TRANSLATORS: the time the logs folder was last looked at */
      status = cvg_watcher_get_auto_reload (self->watcher)
        ? g_strdup_printf (_("Updated at %s"), clock)
        : g_strdup_printf (_("Updated at %s, reload with F5"), clock);
    }
  adw_window_title_set_subtitle (self->folder_title, status);
}

static gboolean
refresh_cb (gpointer user_data)
{
  CvgWindow *self = user_data;

  self->refresh_id = 0;
  self->last_refresh = g_get_monotonic_time ();
  for (guint i = 0; i < self->pages->len; i++)
    cvg_page_refresh (g_ptr_array_index (self->pages, i));
  return G_SOURCE_REMOVE;
}

/* Every page follows what the watcher merged: each chart compares its
 * series' generation, and hidden pages wait until shown. Throttled, so
 * that a large load does not redraw them for every batch: the first
 * append after a quiet spell is shown at once. */
static void
queue_refresh (CvgWindow *self)
{
  gint64 since = (g_get_monotonic_time () - self->last_refresh) / G_TIME_SPAN_MILLISECOND;

  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (since >= REFRESH_INTERVAL_MS ? 0 : REFRESH_INTERVAL_MS - since,
                                      refresh_cb, self);
}

static void
run_added_cb (CvgWindow *self,
              CvgRun    *run)
{
  g_ptr_array_add (self->new_runs, cvg_run_ref (run));
  if (self->list_id == 0)
    self->list_id = g_timeout_add (LIST_INTERVAL_MS, list_new_runs_cb, self);
  /* The window shows what it has as soon as it has something. */
  if (self->state == CVG_WINDOW_STATE_LOADING)
    gtk_stack_set_visible_child_name (self->main_stack, "loaded");
}

static void
appended_cb (CvgWindow *self)
{
  queue_refresh (self);
}

static void
updated_cb (CvgWindow *self)
{
  list_new_runs (self);
  update_live_status (self);
  cvg_run_list_refresh (self->runs);
  if (self->state == CVG_WINDOW_STATE_LOADING && !cvg_watcher_get_loading (self->watcher))
    show_loaded (self);
  else if (self->state == CVG_WINDOW_STATE_LOADED)
    {
      guint n_before = self->problems->len;

      collect_problems (self);
      _cvg_window_update_pages (self);
      cvg_graphs_page_refresh (self->graphs_page);
      if (self->problems->len > n_before)
        announce_problems (self);
    }
}

/* The connection-lost bar, with the time the folder was last seen. */
static void
update_connection_bar (CvgWindow *self)
{
  gboolean lost = self->watcher != NULL && !cvg_watcher_get_connected (self->watcher);
  gint64 last = self->watcher != NULL ? cvg_watcher_get_last_update (self->watcher) : 0;

  gtk_info_bar_set_revealed (self->connection_bar, lost);
  if (!lost)
    return;
  if (last > 0)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (last / G_USEC_PER_SEC);
      g_autofree char *clock = g_date_time_format (time, "%X");
      /* TRANSLATORS: the server of a remote logs folder went away; %s is a time */
      g_autofree char *text = g_strdup_printf (_("Connection lost — retrying. Last update at %s"), clock);

      gtk_label_set_text (self->connection_label, text);
    }
  else
    gtk_label_set_text (self->connection_label, _("Connection lost — retrying"));
}

static void
stop_watcher (CvgWindow *self)
{
  g_cancellable_cancel (self->mount_cancellable);
  g_clear_object (&self->mount_cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->list_id, g_source_remove);
  g_ptr_array_set_size (self->new_runs, 0);
  if (self->watcher == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->watcher, self);
  cvg_watcher_stop (self->watcher);
  g_clear_object (&self->watcher);
  update_connection_bar (self);
}

/* The folder could not be read at all: nothing is shown. */
static void
failed_cb (CvgWindow    *self,
           const GError *error)
{
  stop_watcher (self);
  g_clear_object (&self->logdir);
  show_error (self, error->message);
}

static void
start_watcher (CvgWindow  *self,
               const char *path)
{
  self->logdir = cvg_logdir_new (path);
  self->watcher = cvg_watcher_new (self->logdir);
  if (self->settings != NULL)
    {
      g_settings_bind (self->settings, "auto-reload", self->watcher, "auto-reload", G_SETTINGS_BIND_GET);
      g_settings_bind (self->settings, "rescan-interval", self->watcher, "rescan-interval", G_SETTINGS_BIND_GET);
    }
  g_signal_connect_swapped (self->watcher, "run-added", G_CALLBACK (run_added_cb), self);
  g_signal_connect_swapped (self->watcher, "appended", G_CALLBACK (appended_cb), self);
  g_signal_connect_swapped (self->watcher, "updated", G_CALLBACK (updated_cb), self);
  g_signal_connect_swapped (self->watcher, "failed", G_CALLBACK (failed_cb), self);
  g_signal_connect_swapped (self->watcher, "notify::connected", G_CALLBACK (update_connection_bar), self);
  cvg_watcher_start (self->watcher);
}

/* A folder on another machine is mounted first, asking in this window
 * for what the server wants (password, host key); the watcher reads it
 * on its own threads afterwards. */
static void
mount_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CvgWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_mount_enclosing_volume_finish (G_FILE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_ALREADY_MOUNTED))
    {
      /* Another folder was opened meanwhile, or the window closed. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->mount_cancellable);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_FAILED_HANDLED))
        show_error (self, _("Not connected: the login was cancelled"));
      else
        show_error (self, error->message);
      return;
    }
  g_clear_object (&self->mount_cancellable);
  start_watcher (self, self->location);
}

static void
mount_then_start (CvgWindow *self,
                  GFile     *folder)
{
  g_autoptr(GMountOperation) operation = gtk_mount_operation_new (GTK_WINDOW (self));

  self->mount_cancellable = g_cancellable_new ();
  g_file_mount_enclosing_volume (folder, G_MOUNT_MOUNT_NONE, operation, self->mount_cancellable,
                                 mount_done_cb, g_object_ref (self));
}

static void
clear_shown (CvgWindow *self)
{
  cvg_run_list_remove_all (self->runs);
  g_ptr_array_set_size (self->problems, 0);
  /* Toasts about the previous folder say nothing about the next. */
  for (guint i = 0; i < self->toasts->len; i++)
    adw_toast_dismiss (g_ptr_array_index (self->toasts, i));
  g_ptr_array_set_size (self->toasts, 0);
  g_clear_object (&self->logdir);
  g_clear_pointer (&self->error_message, g_free);
  _cvg_window_update_pages (self);
}

/* GObject. */

/* The size to open with next time; once, when closing or quitting. */
static void
save_window_state (CvgWindow *self)
{
  int width, height;

  if (self->settings == NULL || self->state_saved)
    return;
  self->state_saved = TRUE;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
cvg_window_close_request (GtkWindow *window)
{
  save_window_state (CVG_WINDOW (window));
  return GTK_WINDOW_CLASS (cvg_window_parent_class)->close_request (window);
}

static void
cvg_window_dispose (GObject *object)
{
  CvgWindow *self = (CvgWindow *) object;

  save_window_state (self);
  stop_watcher (self);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->toasts, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_object (&self->logdir);
  g_clear_pointer (&self->location, g_free);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), CVG_TYPE_WINDOW);

  G_OBJECT_CLASS (cvg_window_parent_class)->dispose (object);
}

static void
cvg_window_finalize (GObject *object)
{
  CvgWindow *self = (CvgWindow *) object;

  g_clear_object (&self->runs);
  g_clear_pointer (&self->new_runs, g_ptr_array_unref);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (cvg_window_parent_class)->finalize (object);
}

static void
cvg_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CvgWindow *self = CVG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_string (value, cvg_window_get_state (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cvg_window_class_init (CvgWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cvg_window_dispose;
  object_class->finalize = cvg_window_finalize;
  object_class->get_property = cvg_window_get_property;
  window_class->close_request = cvg_window_close_request;

  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, "empty",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CVG_TYPE_RUNS_SIDEBAR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/converge/Converge/ui/cvg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CvgWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CvgWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, CvgWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CvgWindow, status_title);
  gtk_widget_class_bind_template_child (widget_class, CvgWindow, status_stack);
  gtk_widget_class_bind_template_child (widget_class, CvgWindow, folder_title);
  gtk_widget_class_bind_template_child (widget_class, CvgWindow, recent_box);
  gtk_widget_class_bind_template_child (widget_class, CvgWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, CvgWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, CvgWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, CvgWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, CvgWindow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, CvgWindow, connection_bar);
  gtk_widget_class_bind_template_child (widget_class, CvgWindow, connection_label);
  gtk_widget_class_bind_template_child (widget_class, CvgWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, CvgWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, CvgWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CvgWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, CvgWindow, pages_button);
  gtk_widget_class_bind_template_child (widget_class, CvgWindow, inactive_section);
  gtk_widget_class_bind_template_callback (widget_class, recent_row_activated_cb);

  _cvg_window_class_add_actions (widget_class);
}

static gboolean
get_x_axis_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);
  CvgXAxis axis = CVG_X_AXIS_STEP;

  if (g_strcmp0 (nick, "relative") == 0)
    axis = CVG_X_AXIS_RELATIVE;
  else if (g_strcmp0 (nick, "wall") == 0)
    axis = CVG_X_AXIS_WALL;
  g_value_set_enum (value, axis);
  return TRUE;
}

static GVariant *
set_x_axis_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  switch (g_value_get_enum (value))
    {
    case CVG_X_AXIS_RELATIVE:
      return g_variant_new_string ("relative");
    case CVG_X_AXIS_WALL:
      return g_variant_new_string ("wall");
    case CVG_X_AXIS_STEP:
    default:
      return g_variant_new_string ("step");
    }
}

static void
bind_settings (CvgWindow *self)
{
  GSettings *settings = self->settings;

  if (settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (settings, "sidebar-width", self->paned, "position", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "smoothing", self->scalars_page, "smoothing", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "log-scale", self->scalars_page, "log-scale", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "ignore-outliers", self->scalars_page, "ignore-outliers", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "log-x", self->scalars_page, "log-x", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "smoother", self->scalars_page, "smoother", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "x-axis", self->scalars_page, "x-axis", G_SETTINGS_BIND_DEFAULT,
                                get_x_axis_mapping, set_x_axis_mapping, NULL, NULL);

  /* win.auto-reload: a check item in the main menu. */
  {
    g_autoptr(GAction) auto_reload = g_settings_create_action (settings, "auto-reload");

    g_action_map_add_action (G_ACTION_MAP (self), auto_reload);
  }

  g_signal_connect_object (settings, "changed::recent-folders",
                           G_CALLBACK (recent_folders_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
cvg_window_init (CvgWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->runs = cvg_run_list_new ();
  self->new_runs = g_ptr_array_new_with_free_func ((GDestroyNotify) cvg_run_unref);
  self->problems = g_ptr_array_new ();
  self->toasts = g_ptr_array_new_with_free_func (g_object_unref);
  self->settings = cvg_settings_new_or_null ();
  self->pages = g_ptr_array_new ();

  cvg_runs_sidebar_set_runs (self->sidebar, G_LIST_MODEL (self->runs));
  _cvg_window_add_pages (self);
  /* One temporal axis for every page: the Scalars page's drop-down. */
  g_object_bind_property (self->scalars_page, "x-axis", self->histograms_page, "x-axis", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->scalars_page, "x-axis", self->distributions_page, "x-axis", G_BINDING_SYNC_CREATE);
  /* The sidebar lists the Scalars page's groups while it groups. */
  g_object_bind_property (self->scalars_page, "groups", self->sidebar, "groups", G_BINDING_SYNC_CREATE);

  bind_settings (self);
  reload_recent_folders (self);
  _cvg_window_update_pages (self);
  _cvg_window_init_drop_target (self);
  _cvg_window_init_shortcuts_window (self);
  set_state (self, CVG_WINDOW_STATE_EMPTY);
}

CvgWindow *
cvg_window_new (GtkApplication *application)
{
  return g_object_new (CVG_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

void
cvg_window_open (CvgWindow *self,
                 GFile     *folder)
{
  g_return_if_fail (CVG_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (folder));

  stop_watcher (self);
  clear_shown (self);

  /* A local path, or a URI (sftp://, smb://, dav://…) read through GIO. */
  g_free (self->location);
  self->location = cvg_remote_location (folder);
  set_folder_title (self, self->location);
  {
    /* A status page's description is markup, and a path may hold any. */
    g_autofree char *shown = g_filename_display_name (self->location);
    g_autofree char *markup = g_markup_escape_text (shown, -1);

    adw_status_page_set_description (self->loading_page, markup);
  }
  set_state (self, CVG_WINDOW_STATE_LOADING);

  if (g_file_is_native (folder))
    start_watcher (self, self->location);
  else
    mount_then_start (self, folder);
}

void
cvg_window_open_path (CvgWindow  *self,
                      const char *path)
{
  g_autoptr(GFile) folder = NULL;

  g_return_if_fail (CVG_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  folder = g_file_new_for_commandline_arg (path);
  cvg_window_open (self, folder);
}

const char *
cvg_window_get_state (CvgWindow *self)
{
  g_return_val_if_fail (CVG_IS_WINDOW (self), NULL);
  return state_names[self->state];
}

GListModel *
cvg_window_get_runs (CvgWindow *self)
{
  g_return_val_if_fail (CVG_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->runs);
}

CvgLogdir *
cvg_window_get_logdir (CvgWindow *self)
{
  g_return_val_if_fail (CVG_IS_WINDOW (self), NULL);
  return self->logdir;
}

GtkWidget *
cvg_window_get_scalars_page (CvgWindow *self)
{
  g_return_val_if_fail (CVG_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->scalars_page);
}

GtkWidget *
cvg_window_get_runs_sidebar (CvgWindow *self)
{
  g_return_val_if_fail (CVG_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->sidebar);
}

guint
cvg_window_get_n_problems (CvgWindow *self)
{
  g_return_val_if_fail (CVG_IS_WINDOW (self), 0);
  return self->problems->len;
}

const char *
cvg_window_get_error_message (CvgWindow *self)
{
  g_return_val_if_fail (CVG_IS_WINDOW (self), NULL);
  return self->error_message;
}

const char *
cvg_window_get_visible_page (CvgWindow *self)
{
  g_return_val_if_fail (CVG_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}
