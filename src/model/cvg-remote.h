/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Logs folders that are not plain local folders: GIO URIs (sftp://,
 * smb://, dav://, read through GVfs) and local mounts whose file system
 * sends no change events (NFS, FUSE, SMB). Everything here may block on
 * the network: call it on a worker thread only. */

/* TRUE when @path is a URI (it has a scheme) rather than a local path. */
gboolean  cvg_remote_is_uri         (const char  *path);
/* Where Converge reads @file: its local path when it has one (file://
 * URIs, GVfs's FUSE folder aside), else its URI. */
char     *cvg_remote_location       (GFile       *file);
/* The same for a command-line argument: a path stays as given. */
char     *cvg_remote_location_for_arg (const char *arg);
/* TRUE when the folder must be polled: a URI, or a local folder on a file
 * system whose change events do not cover writes made elsewhere. */
gboolean  cvg_remote_needs_polling  (const char  *path);
/* TRUE for errors that say the server or the mount went away (worth a
 * retry), rather than something wrong with one file. */
gboolean  cvg_remote_is_connection_error (const GError *error);

/* An event file found by cvg_remote_scan(): @relative is the run's name
 * (its folder's path below the logs folder, "." for the folder itself),
 * @folder and @file are URIs. */
typedef void (*CvgRemoteFileFunc) (const char *relative,
                                   const char *folder,
                                   const char *file,
                                   GFileInfo  *info,
                                   gpointer    user_data);

/* Lists @uri and the folders below it with one enumeration each, down to
 * a fixed depth; symbolic links to folders are not followed (they can
 * loop, and a server cannot tell us where to). FALSE with @error when
 * @uri itself cannot be listed or the connection is lost; folders below
 * that cannot be listed are added to @unreadable (their paths below @uri,
 * as run names are). */
gboolean  cvg_remote_scan           (const char         *uri,
                                     CvgRemoteFileFunc   func,
                                     gpointer            user_data,
                                     GPtrArray          *unreadable,
                                     GCancellable       *cancellable,
                                     GError            **error);

/* Mounts the volume that holds @uri without asking anything (keys and
 * saved passwords only); waits, so call it on a worker thread. TRUE when
 * it is mounted now. */
gboolean  cvg_remote_mount_sync     (const char    *uri,
                                     GCancellable  *cancellable,
                                     GError       **error);

G_END_DECLS
