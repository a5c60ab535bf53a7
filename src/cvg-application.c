/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-application"

#include "config.h"

#include <glib/gi18n.h>

#include "cvg-application.h"

#include "cvg-window.h"

struct _CvgApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (CvgApplication, cvg_application, ADW_TYPE_APPLICATION)

static CvgWindow *
new_window (CvgApplication *self)
{
  return g_object_new (CVG_TYPE_WINDOW,
                       "application", self,
                       NULL);
}

static void
cvg_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (new_window (CVG_APPLICATION (app)));
  gtk_window_present (window);
}

static void
cvg_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      CvgWindow *window = new_window (CVG_APPLICATION (app));

      cvg_window_open (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

/* Closes every window (each remembers its size); the app ends with the
 * last one. */
static void
quit_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static void
about_cb (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  static const char *developers[] = { "The Converge developers https://github.com/converge/converge", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Converge"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Converge developers"),
                        "developers", developers,
                        /* Translators: your names, one per line, shown in the About window's credits */
                        "translator-credits", _("translator-credits"),
                        "copyright", "© 2026 The Converge developers",
                        "comments", _("See TensorBoard logs without a server or a browser."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/converge/converge",
                        "issue-url", "https://github.com/converge/converge/issues",
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_cb },
  { "about", about_cb },
};

static void
cvg_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *help_accels[] = { "<Control>question", "<Control>F1", NULL };

  G_APPLICATION_CLASS (cvg_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", help_accels);
}

static void
cvg_application_class_init (CvgApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = cvg_application_activate;
  app_class->open = cvg_application_open;
  app_class->startup = cvg_application_startup;
}

static void
cvg_application_init (CvgApplication *self)
{
}

CvgApplication *
cvg_application_new (void)
{
  return g_object_new (CVG_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/converge/Converge",
                       NULL);
}

GSettings *
cvg_settings_new_or_null (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, CVG_SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL)
    {
      g_message ("The settings schema %s is not installed; nothing will be remembered",
                 CVG_SETTINGS_SCHEMA_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}
