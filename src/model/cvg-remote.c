/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cvg-remote"

#include "config.h"

#include "cvg-remote.h"

#include <string.h>
#include <sys/vfs.h>

/* Deep enough for any real logs tree, shallow enough that a hostile
 * server cannot keep us walking. */
#define MAX_DEPTH 32
/* A mount that does not answer within this is given up until the next
 * round. */
#define MOUNT_TIMEOUT_S 30
#define SCAN_ATTRIBUTES \
  G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE "," \
  G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_IS_SYMLINK

/* statfs(2) magic numbers of file systems written from elsewhere, where
 * inotify sees only this machine's own writes. */
static const guint32 polled_magics[] = {
  0x6969,      /* NFS */
  0x65735546,  /* FUSE: sshfs, gcsfuse, s3fs, rclone mount, GVfs */
  0xFF534D42,  /* CIFS */
  0xFE534D42,  /* SMB2 */
  0x517B,      /* SMB */
  0x01021997,  /* 9P */
  0x00C36400,  /* Ceph */
  0x6B414653,  /* AFS */
};

gboolean
cvg_remote_is_uri (const char *path)
{
  return path != NULL && g_uri_peek_scheme (path) != NULL;
}

char *
cvg_remote_location (GFile *file)
{
  return g_file_is_native (file) ? g_file_get_path (file) : g_file_get_uri (file);
}

char *
cvg_remote_location_for_arg (const char *arg)
{
  g_autoptr(GFile) file = NULL;

  if (!cvg_remote_is_uri (arg))
    return g_strdup (arg);
  file = g_file_new_for_uri (arg);
  return cvg_remote_location (file);
}

gboolean
cvg_remote_needs_polling (const char *path)
{
  struct statfs st;

  if (cvg_remote_is_uri (path))
    return TRUE;
  if (statfs (path, &st) != 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (polled_magics); i++)
    if ((guint32) st.f_type == polled_magics[i])
      return TRUE;
  return FALSE;
}

gboolean
cvg_remote_is_connection_error (const GError *error)
{
  static const GIOErrorEnum codes[] = {
    G_IO_ERROR_NOT_MOUNTED, G_IO_ERROR_CLOSED, G_IO_ERROR_TIMED_OUT,
    G_IO_ERROR_HOST_NOT_FOUND, G_IO_ERROR_HOST_UNREACHABLE, G_IO_ERROR_NETWORK_UNREACHABLE,
    G_IO_ERROR_CONNECTION_REFUSED, G_IO_ERROR_CONNECTION_CLOSED, G_IO_ERROR_BROKEN_PIPE,
    G_IO_ERROR_NOT_CONNECTED, G_IO_ERROR_DBUS_ERROR, G_IO_ERROR_FAILED,
  };

  if (error == NULL)
    return FALSE;
  /* GVfs's daemons answer over D-Bus: a daemon gone is a lost mount. */
  if (error->domain == G_DBUS_ERROR)
    return TRUE;
  if (error->domain != G_IO_ERROR)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (error->code == (gint) codes[i])
      return TRUE;
  return FALSE;
}

static gboolean
scan_folder (GFile             *folder,
             const char        *relative,
             guint              depth,
             CvgRemoteFileFunc  func,
             gpointer           user_data,
             GPtrArray         *unreadable,
             GCancellable      *cancellable,
             GError           **error)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) subfolders = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folder_uri = g_file_get_uri (folder);
  g_autoptr(GError) local_error = NULL;
  GFileInfo *info;
  GFile *child;

  children = g_file_enumerate_children (folder, SCAN_ATTRIBUTES, G_FILE_QUERY_INFO_NONE,
                                        cancellable, error);
  if (children == NULL)
    return FALSE;

  while (g_file_enumerator_iterate (children, &info, &child, cancellable, &local_error) && info != NULL)
    {
      const char *name = g_file_info_get_name (info);
      GFileType type = g_file_info_get_file_type (info);

      /* A server may list "." and ".."; they would lead back up. */
      if (g_str_equal (name, ".") || g_str_equal (name, ".."))
        continue;
      if (type == G_FILE_TYPE_DIRECTORY && !g_file_info_get_is_symlink (info))
        g_ptr_array_add (subfolders, g_strdup (name));
      else if (type == G_FILE_TYPE_REGULAR && strstr (name, "tfevents") != NULL)
        {
          g_autofree char *uri = g_file_get_uri (child);

          func (relative[0] == '\0' ? "." : relative, folder_uri, uri, info, user_data);
        }
    }
  /* A listing cut short by the connection is no listing: the caller must
   * not take the files it missed as deleted. */
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; i < subfolders->len && depth < MAX_DEPTH; i++)
    {
      const char *name = g_ptr_array_index (subfolders, i);
      g_autoptr(GFile) subfolder = g_file_get_child (folder, name);
      g_autofree char *child_relative = relative[0] == '\0'
        ? g_strdup (name) : g_strconcat (relative, "/", name, NULL);
      g_autoptr(GError) child_error = NULL;

      if (scan_folder (subfolder, child_relative, depth + 1, func, user_data, unreadable,
                       cancellable, &child_error))
        continue;
      if (cvg_remote_is_connection_error (child_error))
        {
          g_propagate_error (error, g_steal_pointer (&child_error));
          return FALSE;
        }
      if (unreadable != NULL)
        g_ptr_array_add (unreadable, g_strdup (child_relative));
    }
  return TRUE;
}

gboolean
cvg_remote_scan (const char         *uri,
                 CvgRemoteFileFunc   func,
                 gpointer            user_data,
                 GPtrArray          *unreadable,
                 GCancellable       *cancellable,
                 GError            **error)
{
  g_autoptr(GFile) root = g_file_new_for_uri (uri);

  return scan_folder (root, "", 0, func, user_data, unreadable, cancellable, error);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} MountWait;

static void
mount_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  MountWait *wait = user_data;

  wait->ok = g_file_mount_enclosing_volume_finish (G_FILE (object), result, &wait->error);
  /* Already mounted (by someone else meanwhile) is what we wanted. */
  if (!wait->ok && g_error_matches (wait->error, G_IO_ERROR, G_IO_ERROR_ALREADY_MOUNTED))
    {
      g_clear_error (&wait->error);
      wait->ok = TRUE;
    }
  wait->done = TRUE;
}

static gboolean
mount_timeout_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

gboolean
cvg_remote_mount_sync (const char    *uri,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_uri (uri);
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GCancellable) timeout = g_cancellable_new ();
  g_autoptr(GSource) timer = g_timeout_source_new_seconds (MOUNT_TIMEOUT_S);
  MountWait wait = { 0 };
  gulong chained = 0;

  if (cancellable != NULL)
    chained = g_cancellable_connect (cancellable, G_CALLBACK (g_cancellable_cancel), timeout, NULL);
  g_source_set_callback (timer, mount_timeout_cb, timeout, NULL);
  g_source_attach (timer, context);

  /* The async call completes in the thread-default context: our own, so
   * that this waits without the main loop. No GMountOperation: nothing
   * can be asked here, so a password or a new host key fails the mount. */
  g_main_context_push_thread_default (context);
  g_file_mount_enclosing_volume (file, G_MOUNT_MOUNT_NONE, NULL, timeout, mount_done_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (context, TRUE);
  /* GIO may still have clean-up queued here: let it run, not be dropped
   * with the context. */
  g_source_destroy (timer);
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);

  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, chained);
  if (!wait.ok)
    g_propagate_error (error, wait.error);
  return wait.ok;
}
