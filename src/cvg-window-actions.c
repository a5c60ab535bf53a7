/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-window-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "cvg-window-private.h"

#include "cvg-logdir.h"
#include "cvg-pages.h"
#include "cvg-problem.h"
#include "cvg-problem-text.h"
#include "cvg-remote.h"
#include "cvg-utf8.h"

/* Listing more than this many problems helps nobody. */
#define MAX_PROBLEM_ROWS 500

/* win.open: a folder chooser. */

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(CvgWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (folder != NULL)
        cvg_window_open (self, folder);
    }
  g_object_unref (chooser);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CvgWindow *self = CVG_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open Logs Folder"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Open"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* Only a local folder: the chooser would look at a remote one on the
   * main thread. */
  if (self->logdir != NULL && !cvg_remote_is_uri (cvg_logdir_get_path (self->logdir)))
    {
      g_autoptr(GFile) current = g_file_new_for_path (cvg_logdir_get_path (self->logdir));

      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), current, NULL);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* win.open-location: a URI (or a path) typed in. */

static void
location_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      CvgWindow        *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_str_equal (response, "open") && text[0] != '\0')
    cvg_window_open_path (self, text);
}

static void
location_changed_cb (GtkEditable      *entry,
                     AdwMessageDialog *dialog)
{
  const char *text = gtk_editable_get_text (entry);

  adw_message_dialog_set_response_enabled (dialog, "open", text[strspn (text, " \t")] != '\0');
}

static void
open_location_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CvgWindow *self = CVG_WINDOW (widget);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Open Location"),
                                   _("A logs folder on another machine, such as "
                                     "sftp://gpu-box/home/me/logs, smb://server/share/logs "
                                     "or dav://host/logs, or a local path"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "sftp://host/folder");
  if (self->location != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), self->location);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  location_changed_cb (GTK_EDITABLE (entry), ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect (entry, "changed", G_CALLBACK (location_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (location_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* win.retry: the folder that could not be opened, again. */
static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CvgWindow *self = CVG_WINDOW (widget);
  g_autofree char *location = g_strdup (self->location);

  if (location != NULL)
    cvg_window_open_path (self, location);
}

/* win.reload: look at the folder now, auto-reload or not. */
static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CvgWindow *self = CVG_WINDOW (widget);

  if (self->watcher != NULL)
    cvg_watcher_reload (self->watcher);
}

/* win.page(n): the nth page of cvg_pages_get (), from 1. */
static void
page_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  int n = g_variant_get_int32 (parameter);

  if (n >= 1)
    _cvg_window_show_page (CVG_WINDOW (widget), n - 1);
}

/* win.show-problems: every problem found, with file and offset. */

static GtkWidget *
problem_row_new (CvgProblem *problem,
                 const char *logdir_path)
{
  GtkWidget *row = adw_action_row_new ();
  const char *path = problem->path;
  g_autofree char *described = cvg_problem_describe (problem);
  /* Labels take valid UTF-8: a path is escaped as names are. */
  g_autofree char *description = g_utf8_make_valid (described, -1);
  g_autofree char *shown_path = NULL;
  g_autofree char *where = NULL;

  if (logdir_path != NULL && g_str_has_prefix (path, logdir_path) && path[strlen (logdir_path)] == G_DIR_SEPARATOR)
    path += strlen (logdir_path) + 1;
  shown_path = cvg_utf8_escape (path, -1);
  {
    /* The number is formatted first so that the message is one whole
     * string for translators. */
    g_autofree char *offset = g_strdup_printf ("%" G_GUINT64_FORMAT, problem->offset);

    /* TRANSLATORS: a file and a byte offset in it */
    where = g_strdup_printf (_("%s, at byte %s"), shown_path, offset);
  }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), description);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "dialog-warning-symbolic");
  return row;
}

static GtkWidget *
problems_list_new (CvgWindow *self)
{
  const char *logdir_path = self->logdir != NULL ? cvg_logdir_get_path (self->logdir) : NULL;
  GtkWidget *list = gtk_list_box_new ();
  guint n = MIN (self->problems->len, MAX_PROBLEM_ROWS);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < n; i++)
    gtk_list_box_append (GTK_LIST_BOX (list),
                         problem_row_new (g_ptr_array_index (self->problems, i), logdir_path));
  if (self->problems->len > n)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("And %u more problem",
                                                         "And %u more problems",
                                                         self->problems->len - n),
                                               self->problems->len - n);
      GtkWidget *row = adw_action_row_new ();

      /* A translation may hold an ampersand. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  return list;
}

static void
show_problems_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  _cvg_window_show_problems (CVG_WINDOW (widget));
}

void
_cvg_window_show_problems (CvgWindow *self)
{
  GtkWidget *dialog = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *list = problems_list_new (self);
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_window_set_title (GTK_WINDOW (dialog), _("Problems in the Log Files"));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 640, 480);

  gtk_widget_set_valign (list, GTK_ALIGN_START);
  gtk_widget_set_margin_top (list, 12);
  gtk_widget_set_margin_bottom (list, 12);
  gtk_widget_set_margin_start (list, 12);
  gtk_widget_set_margin_end (list, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), list);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 800);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (dialog), box);

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (dialog, shortcuts);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* Dropping a folder opens it. */

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  CvgWindow *self = user_data;
  GFile *folder = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));

      folder = files != NULL ? files->data : NULL;
      g_slist_free (files);
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    folder = g_value_get_object (value);

  if (folder == NULL)
    return FALSE;
  cvg_window_open (self, folder);
  return TRUE;
}

void
_cvg_window_init_drop_target (CvgWindow *self)
{
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);

  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

/* The shortcuts window: its Pages group lists cvg_pages_get (), added to
 * the template's text before it is built, since GTK 4.8 has no call that
 * adds a shortcut to a built group. */
void
_cvg_window_init_shortcuts_window (CvgWindow *self)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data ("/io/github/converge/Converge/ui/cvg-shortcuts-window.ui",
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  const char *xml = g_bytes_get_data (bytes, NULL);
  const char *group = strstr (xml, "id=\"pages_group\"");
  const char *group_end = strstr (group, "</object>");
  g_autoptr(GString) text = g_string_new_len (xml, group_end - xml);
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GError) error = NULL;
  guint n_pages;
  const CvgPageInfo *pages = cvg_pages_get (&n_pages);

  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *title = g_markup_escape_text (_(pages[i].title), -1);
      g_autofree char *accel = g_markup_escape_text (pages[i].accel, -1);

      g_string_append_printf (text,
                              "<child><object class=\"GtkShortcutsShortcut\">"
                              "<property name=\"title\">%s</property>"
                              "<property name=\"accelerator\">%s</property>"
                              "</object></child>",
                              title, accel);
    }
  g_string_append (text, group_end);
  gtk_builder_set_translation_domain (builder, GETTEXT_PACKAGE);
  if (!gtk_builder_add_from_string (builder, text->str, text->len, &error))
    g_error ("shortcuts window: %s", error->message);
  gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self),
                                           GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
}

static void
add_page_shortcuts (GtkWidgetClass *widget_class)
{
  guint n_pages;
  const CvgPageInfo *pages = cvg_pages_get (&n_pages);

  for (guint i = 0; i < n_pages; i++)
    {
      guint key;
      GdkModifierType mods;

      if (!gtk_accelerator_parse (pages[i].accel, &key, &mods))
        g_error ("page %s: bad shortcut %s", pages[i].name, pages[i].accel);
      gtk_widget_class_add_binding_action (widget_class, key, mods, "win.page", "i", (int) i + 1);
    }
}

void
_cvg_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-location", NULL, open_location_action);
  gtk_widget_class_install_action (widget_class, "win.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "win.page", "i", page_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.show-problems", NULL, show_problems_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.open-location", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.reload", NULL);
  add_page_shortcuts (widget_class);
}
